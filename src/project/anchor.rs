//! Anchors: where a researcher's work attaches to a document, in a form that survives
//! edits and re-imports. An anchor keeps the quoted text, a little text before and after
//! it, and its byte position; it is re-attached by position, else by quote and context,
//! else by the quote's start and end with an edit in between. What cannot be re-attached
//! is reported, never dropped.

use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of the quote.
const CONTEXT_CHARS: usize = 32;
/// Characters from each end of the quote used when the middle has changed.
const END_CHARS: usize = 24;

/// A span of a document, held by its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Document id.
    pub document: String,
    /// The text of the span.
    pub quote: String,
    /// Up to 32 characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 characters after it.
    #[serde(default)]
    pub suffix: String,
    /// Byte offset of the span when the anchor was made.
    #[serde(default)]
    pub start: usize,
}

/// How an anchor was re-attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {
    /// Same text at the same place.
    Exact,
    /// The same text found elsewhere (the document was edited before it).
    Moved,
    /// The quote's ends found, its middle changed.
    Fuzzy,
}

impl Anchor {
    /// The anchor of `text[start..end]` in document `document`. The span is clamped to
    /// the text and to character boundaries.
    pub fn new(document: &str, text: &str, start: usize, end: usize) -> Self {
        let end = floor_boundary(text, end.min(text.len()));
        let start = floor_boundary(text, start.min(end));
        let before = &text[..start];
        let after = &text[end..];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Self {
            document: document.to_string(),
            quote: text[start..end].to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
            start,
        }
    }

    /// Finds the anchor's span in `text` (the document as it is now).
    pub fn reattach(&self, text: &str) -> Option<(usize, usize, Attachment)> {
        if self.quote.is_empty() {
            return None;
        }
        let end = self.start + self.quote.len();
        if text.get(self.start..end) == Some(self.quote.as_str()) {
            return Some((self.start, end, Attachment::Exact));
        }
        let best = text
            .match_indices(self.quote.as_str())
            .map(|(i, _)| i)
            .max_by_key(|&i| {
                (
                    self.context_score(text, i, i + self.quote.len()),
                    std::cmp::Reverse(i.abs_diff(self.start)),
                )
            });
        if let Some(i) = best {
            return Some((i, i + self.quote.len(), Attachment::Moved));
        }
        self.reattach_by_ends(text)
            .map(|(a, b)| (a, b, Attachment::Fuzzy))
    }

    /// Characters of prefix and suffix that still stand around `start..end`.
    fn context_score(&self, text: &str, start: usize, end: usize) -> usize {
        let before = &text[..start];
        let after = &text[end..];
        let prefix = self
            .prefix
            .chars()
            .rev()
            .zip(before.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let suffix = self
            .suffix
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .count();
        prefix + suffix
    }

    /// The quote's first and last characters found in order, not too far apart.
    fn reattach_by_ends(&self, text: &str) -> Option<(usize, usize)> {
        let chars = self.quote.chars().count();
        if chars < 2 * END_CHARS {
            return None;
        }
        let head_end = self
            .quote
            .char_indices()
            .nth(END_CHARS)
            .map_or(self.quote.len(), |(i, _)| i);
        let tail_start = self
            .quote
            .char_indices()
            .nth(chars - END_CHARS)
            .map_or(0, |(i, _)| i);
        let head = &self.quote[..head_end];
        let tail = &self.quote[tail_start..];
        let max_len = self.quote.len() * 3 / 2 + 16;
        text.match_indices(head)
            .filter_map(|(i, _)| {
                let window_end = floor_boundary(text, (i + max_len).min(text.len()));
                let j = text[i..window_end].find(tail)?;
                Some((i, i + j + tail.len()))
            })
            .min_by_key(|&(i, _)| i.abs_diff(self.start))
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Intro line. The army killed 40 people on Monday, officials said. Outro.";

    fn span_of(text: &str, quote: &str) -> (usize, usize) {
        let i = text.find(quote).expect("quote in text");
        (i, i + quote.len())
    }

    #[test]
    fn exact_position_wins() {
        let (a, b) = span_of(TEXT, "The army killed 40 people");
        let anchor = Anchor::new("d", TEXT, a, b);
        assert_eq!(anchor.reattach(TEXT), Some((a, b, Attachment::Exact)));
        assert_eq!(anchor.prefix, "Intro line. ");
    }

    #[test]
    fn text_inserted_before_moves_the_anchor() {
        let (a, b) = span_of(TEXT, "The army killed 40 people");
        let anchor = Anchor::new("d", TEXT, a, b);
        let edited = format!("A new first paragraph.\n{TEXT}");
        let (na, nb, how) = anchor.reattach(&edited).expect("found");
        assert_eq!(&edited[na..nb], "The army killed 40 people");
        assert_eq!(how, Attachment::Moved);
    }

    #[test]
    fn context_picks_the_right_repeat() {
        let text = "He said no. Later: He said no. End";
        let second = text.rfind("He said no").expect("second");
        let anchor = Anchor::new("d", text, second, second + 10);
        let edited = format!("xx{text}");
        let (na, _, _) = anchor.reattach(&edited).expect("found");
        assert_eq!(na, second + 2);
    }

    #[test]
    fn an_edit_inside_a_long_quote_still_reattaches() {
        let text = "Start. The ministry said the group killed more than 17,000 people in the decades since 1979. End.";
        let (a, b) = span_of(
            text,
            "The ministry said the group killed more than 17,000 people in the decades since 1979.",
        );
        let anchor = Anchor::new("d", text, a, b);
        let edited = text.replace("17,000", "17,161");
        let (na, nb, how) = anchor.reattach(&edited).expect("found");
        assert_eq!(how, Attachment::Fuzzy);
        assert!(edited[na..nb].contains("17,161"));
    }

    #[test]
    fn a_removed_quote_is_an_orphan_and_bad_spans_are_clamped() {
        let (a, b) = span_of(TEXT, "killed 40");
        let anchor = Anchor::new("d", TEXT, a, b);
        assert_eq!(anchor.reattach("Nothing like it."), None);
        // Byte 2 is inside "é": the span starts at the character's first byte.
        let clamped = Anchor::new("d", "héllo", 2, 99);
        assert_eq!(clamped.quote, "éllo");
    }
}
