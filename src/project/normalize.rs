//! Text folded for matching anchors: the same sentence after its quote marks were
//! straightened, its spaces made non-breaking or its lines re-wrapped is the same text
//! here. Every folded byte remembers the original byte it came from.

/// A text folded for matching, with the way back to the original's byte offsets.
pub struct Folded {
    /// The folded text: lower case, quotes and apostrophes straight, dashes as `-`, every
    /// run of white space one space, invisible characters dropped.
    pub text: String,
    /// For each byte of `text`, the original byte offset it came from.
    origin: Vec<u32>,
    /// Length of the original text.
    original_len: usize,
}

impl Folded {
    /// Folds `text`. Texts over 4 GiB are folded up to that point (offsets are `u32`).
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            let Ok(at) = u32::try_from(i) else { break };
            if c.is_whitespace() {
                if !in_space {
                    folded.push(' ');
                    origin.push(at);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            let mut push = |s: &str| {
                for _ in 0..s.len() {
                    origin.push(at);
                }
                folded.push_str(s);
            };
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
                | '\u{00B4}' => {
                    push("'");
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => push("\""),
                '\u{2010}'..='\u{2015}' | '\u{2212}' => push("-"),
                '\u{2026}' => push("..."),
                // Zero-width and soft characters leave no trace.
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
                c if c.is_ascii() => {
                    let lower = c.to_ascii_lowercase();
                    push(lower.encode_utf8(&mut [0; 4]));
                }
                c => {
                    let mut buf = [0u8; 4];
                    for l in c.to_lowercase() {
                        push(l.encode_utf8(&mut buf));
                    }
                }
            }
        }
        Self {
            text: folded,
            origin,
            original_len: text.len(),
        }
    }

    /// The original byte offset of folded byte `i` (the original's end for `i` at or past
    /// the end).
    pub fn original(&self, i: usize) -> usize {
        self.origin
            .get(i)
            .map_or(self.original_len, |&o| o as usize)
    }

    /// The original byte span of folded span `start..end`: from the start of the first
    /// character to the end of the last.
    pub fn original_span(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let a = self.original(start);
        let b = if end == 0 {
            a
        } else {
            let last = self.original(end - 1);
            // The end of the original character the last folded byte came from.
            original
                .get(last..)
                .and_then(|rest| rest.chars().next())
                .map_or(self.original_len, |c| last + c.len_utf8())
        };
        (a, b.max(a))
    }
}

/// The words of a folded text (runs of letters and digits), with their folded spans.
pub struct Words {
    /// A hash of each word.
    pub keys: Vec<u64>,
    /// Each word's span in the folded text.
    pub spans: Vec<(u32, u32)>,
}

impl Words {
    /// The words of `folded`.
    pub fn of(folded: &str) -> Self {
        let mut keys = Vec::new();
        let mut spans = Vec::new();
        let mut start: Option<usize> = None;
        let finish = |s: usize, e: usize, keys: &mut Vec<u64>, spans: &mut Vec<(u32, u32)>| {
            if let (Ok(a), Ok(b)) = (u32::try_from(s), u32::try_from(e)) {
                keys.push(word_key(&folded[s..e]));
                spans.push((a, b));
            }
        };
        for (i, c) in folded.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                finish(s, i, &mut keys, &mut spans);
            }
        }
        if let Some(s) = start {
            finish(s, folded.len(), &mut keys, &mut spans);
        }
        Self { keys, spans }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn word_key(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_styles_and_spacing_fold_away() {
        let a = Folded::new("He said: “We’re\u{a0}ready” — twice…");
        let b = Folded::new("He said:  \"We're ready\" - twice...");
        assert_eq!(a.text, b.text);
    }

    #[test]
    fn folded_spans_map_back_to_the_original() {
        let original = "Ab “cd”\u{a0}\u{a0}éf";
        let folded = Folded::new(original);
        let at = folded.text.find("\"cd\" é").expect("folded");
        let (s, e) = folded.original_span(at, at + "\"cd\" é".len(), original);
        assert_eq!(&original[s..e], "“cd”\u{a0}\u{a0}é");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let words = Words::of("the 17,000 men-at-arms");
        assert_eq!(words.len(), 6);
        assert_eq!(words.spans[1], (4, 6));
    }
}
