//! Anchors: where a researcher's work attaches to a document, in a form that survives
//! edits and re-imports. An anchor keeps the quoted text, a little text before and after
//! it, and its byte position. It is found again ([`DocumentMatcher`]) by, in turn:
//! the same text at the same place; the same text elsewhere (context picks among
//! repeats); the same text once quote marks, dashes, case and white space are folded; and
//! the same words with some changed, inserted or removed (an alignment over words, which
//! tolerates edits inside and around the quote). What cannot be found is reported, never
//! dropped.

use serde::{Deserialize, Serialize};

use super::normalize::{Folded, Words};

/// Characters of context kept on each side of the quote.
const CONTEXT_CHARS: usize = 32;
/// Quotes of fewer words are only found exactly (after folding): a word or two is found
/// anywhere.
const MIN_FUZZY_WORDS: usize = 4;
/// The share of a quote's words that must still be there, in order, for a fuzzy match.
pub const MIN_WORD_SIMILARITY: f64 = 0.6;
/// Words seen more often than this in a document do not vote for where a quote is.
const COMMON_WORD_POSITIONS: usize = 64;
/// Candidate places tried by the word alignment.
const CANDIDATES: usize = 8;
/// Score given for each context word (before or after the quote) still in place.
const CONTEXT_WORD_SCORE: f64 = 0.02;
/// Places this much less similar than needed still count as rivals of the best one.
const RIVAL_SIMILARITY: f64 = 0.15;
/// A rival place scoring within this of the best makes the match ambiguous: none is taken.
const AMBIGUITY_MARGIN: f64 = 0.05;
/// Score taken for a match a whole document away from where the quote was; nearer
/// matches lose proportionally less. Between two equally similar sentences, the one near
/// the old place is the quote.
const DISTANCE_PENALTY: f64 = 0.1;

/// A span of a document, held by its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Document id.
    pub document: String,
    /// The text of the span.
    pub quote: String,
    /// Up to 32 characters before it.
    pub prefix: String,
    /// Up to 32 characters after it.
    pub suffix: String,
    /// Byte offset of the span when the anchor was made.
    pub start: usize,
}

/// How an anchor was re-attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {
    /// Same text at the same place.
    Exact,
    /// The same text found elsewhere (the document was edited before it).
    Moved,
    /// The text changed (quote marks, spacing, words) and was found by similarity.
    Fuzzy,
}

impl Attachment {
    /// The name used in reports: `exact`, `moved`, `fuzzy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
        }
    }
}

/// Where an anchor was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the start in the current text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// How it was found.
    pub how: Attachment,
    /// Share of the quote's words found (1 for exact and folded matches).
    pub similarity: f64,
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

    /// Finds the anchor's span in `text` (the document as it is now). For many anchors in
    /// one document, a [`DocumentMatcher`] does the folding once.
    pub fn reattach(&self, text: &str) -> Option<Found> {
        DocumentMatcher::new(text).find(self)
    }
}

/// One document's current text, prepared for finding many anchors in it. Folding and the
/// word index are built on first need.
pub struct DocumentMatcher<'t> {
    text: &'t str,
    folded: Option<Folded>,
    words: Option<Words>,
    positions: Option<rustc_hash::FxHashMap<u64, Vec<u32>>>,
}

impl<'t> DocumentMatcher<'t> {
    /// A matcher over `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            folded: None,
            words: None,
            positions: None,
        }
    }

    /// Finds `anchor` in the text.
    pub fn find(&mut self, anchor: &Anchor) -> Option<Found> {
        if anchor.quote.trim().is_empty() {
            return None;
        }
        let text = self.text;
        let exact = |start, end, how| Found {
            start,
            end,
            how,
            similarity: 1.0,
        };
        if let Some(end) = anchor.start.checked_add(anchor.quote.len())
            && text.get(anchor.start..end) == Some(anchor.quote.as_str())
        {
            return Some(exact(anchor.start, end, Attachment::Exact));
        }
        let full = anchor.prefix.chars().count() + anchor.suffix.chars().count();
        let places = text.match_indices(anchor.quote.as_str()).map(|(i, _)| {
            (
                i,
                context_score(anchor, text, i, i + anchor.quote.len()),
                i.abs_diff(anchor.start),
            )
        });
        match pick_repeat(places, full) {
            Err(Ambiguous) => return None,
            Ok(Some(i)) => return Some(exact(i, i + anchor.quote.len(), Attachment::Moved)),
            Ok(None) => {}
        }
        match self.find_folded(anchor) {
            Err(Ambiguous) => None,
            Ok(Some(found)) => Some(found),
            Ok(None) => self.find_by_words(anchor),
        }
    }

    fn folded(&mut self) -> &Folded {
        self.folded.get_or_insert_with(|| Folded::new(self.text))
    }

    /// The quote found once quote marks, dashes, case and spacing are folded.
    fn find_folded(&mut self, anchor: &Anchor) -> Result<Option<Found>, Ambiguous> {
        let quote = Folded::new(&anchor.quote);
        let needle = quote.text.trim();
        if needle.is_empty() {
            return Ok(None);
        }
        let prefix = Folded::new(&anchor.prefix).text;
        let suffix = Folded::new(&anchor.suffix).text;
        let (prefix, suffix) = (prefix.trim_end(), suffix.trim_start());
        let full = prefix.chars().count() + suffix.chars().count();
        let text = self.text;
        let folded = self.folded();
        let places = folded.text.match_indices(needle).map(|(i, _)| {
            let before = common_suffix(&folded.text[..i], prefix);
            let after = common_prefix(&folded.text[i + needle.len()..], suffix);
            (i, before + after, folded.original(i).abs_diff(anchor.start))
        });
        let Some(best) = pick_repeat(places, full)? else {
            return Ok(None);
        };
        let (start, end) = folded.original_span(best, best + needle.len(), text);
        Ok(Some(Found {
            start,
            end,
            how: Attachment::Fuzzy,
            similarity: 1.0,
        }))
    }

    /// The quote found by its words: the place where most of them still stand in order,
    /// if at least [`MIN_WORD_SIMILARITY`] of them do.
    fn find_by_words(&mut self, anchor: &Anchor) -> Option<Found> {
        let quote_folded = Folded::new(&anchor.quote);
        let quote = Words::of(&quote_folded.text);
        let m = quote.len();
        if m < MIN_FUZZY_WORDS {
            return None;
        }
        self.folded();
        if self.words.is_none() {
            let words = Words::of(&self.folded.as_ref()?.text);
            let mut positions: rustc_hash::FxHashMap<u64, Vec<u32>> = Default::default();
            for (i, &k) in words.keys.iter().enumerate() {
                if let Ok(i) = u32::try_from(i) {
                    positions.entry(k).or_default().push(i);
                }
            }
            self.words = Some(words);
            self.positions = Some(positions);
        }
        let (Some(folded), Some(words), Some(positions)) =
            (&self.folded, &self.words, &self.positions)
        else {
            return None;
        };
        // Each quote word found in the text votes for where the quote would start.
        let mut votes: rustc_hash::FxHashMap<i64, u32> = Default::default();
        for (j, k) in quote.keys.iter().enumerate() {
            let Some(list) = positions.get(k) else {
                continue;
            };
            if list.len() > COMMON_WORD_POSITIONS {
                continue;
            }
            for &p in list {
                *votes.entry(i64::from(p) - j as i64).or_default() += 1;
            }
        }
        if votes.is_empty() {
            return None;
        }
        // Votes a few words apart (an insertion or deletion shifts the diagonal) add up.
        let spread = (m / 4).max(2) as i64;
        let mut diagonals: Vec<(i64, u32)> = votes.iter().map(|(&d, &v)| (d, v)).collect();
        diagonals.sort_unstable();
        let mut scored: Vec<(u32, i64)> = diagonals
            .iter()
            .map(|&(d, _)| {
                let lo = diagonals.partition_point(|&(x, _)| x < d - spread);
                let hi = diagonals.partition_point(|&(x, _)| x <= d + spread);
                (diagonals[lo..hi].iter().map(|&(_, v)| v).sum(), d)
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let min_votes = ((m as f64 * MIN_WORD_SIMILARITY * 0.5).ceil() as u32).max(2);
        let mut tried: Vec<i64> = Vec::new();
        // Every place tried: (score, distance to the old start, first word, end word,
        // similarity).
        let mut places: Vec<(f64, usize, usize, usize, f64)> = Vec::new();
        let prefix_words = Words::of(&Folded::new(&anchor.prefix).text);
        let suffix_words = Words::of(&Folded::new(&anchor.suffix).text);
        for &(v, d) in &scored {
            if v < min_votes || tried.len() >= CANDIDATES {
                break;
            }
            if tried.iter().any(|&t| (t - d).abs() <= spread) {
                continue;
            }
            tried.push(d);
            let n = words.len() as i64;
            let from = (d - (m as i64) / 2).clamp(0, n) as usize;
            let to = (d + m as i64 + (m as i64) / 2 + 1).clamp(0, n) as usize;
            let Some((distance, a, b)) = align(&quote.keys, &words.keys[from..to]) else {
                continue;
            };
            let similarity = 1.0 - distance as f64 / m as f64;
            if similarity < MIN_WORD_SIMILARITY - RIVAL_SIMILARITY {
                continue;
            }
            let (a, b) = (from + a, from + b);
            if places.iter().any(|p| p.2 < b && a < p.3) {
                continue; // the same place, reached from a nearby diagonal
            }
            // Context words still in place tell similar sentences apart.
            let context = trailing_matches(&prefix_words.keys, &words.keys[..a])
                + leading_matches(&suffix_words.keys, &words.keys[b..]);
            let start = folded.original(words.spans[a].0 as usize);
            let distance_to_start = start.abs_diff(anchor.start);
            let far = (distance_to_start as f64 / self.text.len().max(1) as f64).min(1.0);
            let score = similarity + CONTEXT_WORD_SCORE * context as f64 - DISTANCE_PENALTY * far;
            places.push((score, distance_to_start, a, b, similarity));
        }
        places.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let best = places.iter().position(|p| p.4 >= MIN_WORD_SIMILARITY)?;
        let (score, _, a, b, similarity) = places[best];
        // Another place nearly as good: the text is ambiguous, and work attached to the
        // wrong sentence is worse than work left for the researcher to place.
        if places
            .iter()
            .enumerate()
            .any(|(i, p)| i != best && p.0 > score - AMBIGUITY_MARGIN)
        {
            return None;
        }
        let (start, end) = folded.original_span(
            words.spans[a].0 as usize,
            words.spans[b - 1].1 as usize,
            self.text,
        );
        Some(Found {
            start,
            end,
            how: Attachment::Fuzzy,
            similarity,
        })
    }
}

/// The quote stands in more than one place and nothing tells which one is meant.
struct Ambiguous;

/// Picks among places where the quote stands, given as (place, characters of context
/// still standing around it, distance from where it was): the one whose context stands
/// best, then the nearest. Two places equally good when the context is not whole around
/// either are [`Ambiguous`]: the text repeats, and work is better left for the
/// researcher to place than put on the wrong repeat.
fn pick_repeat(
    places: impl Iterator<Item = (usize, usize, usize)>,
    full_context: usize,
) -> Result<Option<usize>, Ambiguous> {
    let mut places: Vec<(usize, usize, usize)> = places.collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    match places.as_slice() {
        [] => Ok(None),
        [first, second, ..] if first.1 == second.1 && first.1 < full_context => Err(Ambiguous),
        [first, ..] => Ok(Some(first.0)),
    }
}

/// Edit distance of `quote` against its best-matching stretch of `window` (free to start
/// and end anywhere in the window), with that stretch's word range.
fn align(quote: &[u64], window: &[u64]) -> Option<(usize, usize, usize)> {
    let m = quote.len();
    let n = window.len();
    if m == 0 || n == 0 {
        return None;
    }
    // cost[j] and start[j]: best alignment of quote[..i] ending at window[..j].
    let mut cost: Vec<usize> = vec![0; n + 1];
    let mut start: Vec<usize> = (0..=n).collect();
    let mut next_cost = vec![0; n + 1];
    let mut next_start = vec![0; n + 1];
    for (i, &q) in quote.iter().enumerate() {
        next_cost[0] = i + 1;
        next_start[0] = 0;
        for j in 1..=n {
            let diagonal = cost[j - 1] + usize::from(window[j - 1] != q);
            let up = cost[j] + 1; // a quote word missing from the text
            let left = next_cost[j - 1] + 1; // a word inserted in the text
            let (c, s) = if diagonal <= up && diagonal <= left {
                (diagonal, start[j - 1])
            } else if up <= left {
                (up, start[j])
            } else {
                (left, next_start[j - 1])
            };
            next_cost[j] = c;
            next_start[j] = s;
        }
        std::mem::swap(&mut cost, &mut next_cost);
        std::mem::swap(&mut start, &mut next_start);
    }
    let (end, &distance) = cost
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|&(j, &c)| (c, std::cmp::Reverse(j)))?;
    let begin = start[end];
    (begin < end).then_some((distance, begin, end))
}

fn trailing_matches(context: &[u64], before: &[u64]) -> usize {
    context
        .iter()
        .rev()
        .zip(before.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

fn leading_matches(context: &[u64], after: &[u64]) -> usize {
    context
        .iter()
        .zip(after)
        .take_while(|(a, b)| a == b)
        .count()
}

/// Characters of prefix and suffix that still stand around `start..end`.
fn context_score(anchor: &Anchor, text: &str, start: usize, end: usize) -> usize {
    common_suffix(&text[..start], &anchor.prefix) + common_prefix(&text[end..], &anchor.suffix)
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
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

    fn found(anchor: &Anchor, text: &str) -> Option<(usize, usize, Attachment)> {
        anchor.reattach(text).map(|f| (f.start, f.end, f.how))
    }

    #[test]
    fn exact_position_wins() {
        let (a, b) = span_of(TEXT, "The army killed 40 people");
        let anchor = Anchor::new("d", TEXT, a, b);
        assert_eq!(found(&anchor, TEXT), Some((a, b, Attachment::Exact)));
        assert_eq!(anchor.prefix, "Intro line. ");
    }

    #[test]
    fn text_inserted_before_moves_the_anchor() {
        let (a, b) = span_of(TEXT, "The army killed 40 people");
        let anchor = Anchor::new("d", TEXT, a, b);
        let edited = format!("A new first paragraph.\n{TEXT}");
        let (na, nb, how) = found(&anchor, &edited).expect("found");
        assert_eq!(&edited[na..nb], "The army killed 40 people");
        assert_eq!(how, Attachment::Moved);
    }

    #[test]
    fn context_picks_the_right_repeat() {
        let text = "He said no. Later: He said no. End";
        let second = text.rfind("He said no").expect("second");
        let anchor = Anchor::new("d", text, second, second + 10);
        let edited = format!("xx{text}");
        let (na, _, _) = found(&anchor, &edited).expect("found");
        assert_eq!(na, second + 2);
    }

    #[test]
    fn an_edit_inside_a_long_quote_still_reattaches() {
        let text = "Start. The ministry said the group killed more than 17,000 people in the decades since 1979. End.";
        let quote =
            "The ministry said the group killed more than 17,000 people in the decades since 1979.";
        let (a, b) = span_of(text, quote);
        let anchor = Anchor::new("d", text, a, b);
        let edited = text.replace("17,000", "17,161");
        let (na, nb, how) = found(&anchor, &edited).expect("found");
        assert_eq!(how, Attachment::Fuzzy);
        assert!(edited[na..nb].contains("17,161"));
        assert!(edited[na..nb].starts_with("The ministry"));
    }

    #[test]
    fn edits_at_both_ends_of_a_short_claim_still_reattach() {
        let text = "Before. Police arrested nine men in Leeds on Friday. After.";
        let quote = "Police arrested nine men in Leeds on Friday.";
        let (a, b) = span_of(text, quote);
        let anchor = Anchor::new("d", text, a, b);
        let edited = "Before. West Yorkshire police arrested nine young men in Leeds late on Friday night. After.";
        let (na, nb, _) = found(&anchor, edited).expect("found");
        assert!(edited[na..nb].contains("arrested nine young men"));
    }

    #[test]
    fn quote_styles_and_non_breaking_spaces_do_not_matter() {
        let text = "Intro. “We will not leave,” he said. Outro.";
        let (a, b) = span_of(text, "“We will not leave,” he said.");
        let anchor = Anchor::new("d", text, a, b);
        let edited = "Intro. \"We will\u{a0}not leave,\" he said. Outro.";
        let (na, nb, how) = found(&anchor, edited).expect("found");
        assert_eq!(&edited[na..nb], "\"We will\u{a0}not leave,\" he said.");
        assert_eq!(how, Attachment::Fuzzy);
    }

    #[test]
    fn a_different_sentence_is_not_taken_for_the_quote() {
        let text = "The army killed 40 people on Monday in the north of the country.";
        let anchor = Anchor::new("d", text, 0, text.len());
        let other = "Rebels said on Tuesday that they would hold talks in the capital.";
        assert_eq!(found(&anchor, other), None);
    }

    #[test]
    fn a_removed_quote_is_an_orphan_and_bad_spans_are_clamped() {
        let (a, b) = span_of(TEXT, "killed 40");
        let anchor = Anchor::new("d", TEXT, a, b);
        assert_eq!(found(&anchor, "Nothing like it."), None);
        // Byte 2 is inside "é": the span starts at the character's first byte.
        let clamped = Anchor::new("d", "héllo", 2, 99);
        assert_eq!(clamped.quote, "éllo");
    }

    #[test]
    fn a_position_near_the_end_of_memory_does_not_overflow() {
        let anchor = Anchor {
            document: "d".into(),
            quote: "killed 40".into(),
            prefix: String::new(),
            suffix: String::new(),
            start: usize::MAX - 2,
        };
        let (a, b, how) = found(&anchor, TEXT).expect("found by text");
        assert_eq!(&TEXT[a..b], "killed 40");
        assert_eq!(how, Attachment::Moved);
    }

    #[test]
    fn alignment_finds_the_stretch_with_fewest_edits() {
        let q = [1, 2, 3, 4, 5];
        let w = [9, 9, 1, 2, 7, 4, 5, 9];
        assert_eq!(align(&q, &w), Some((1, 2, 7)));
    }
}
