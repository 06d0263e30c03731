//! Which words the document writes capitalized away from a sentence start, and which
//! in lower case: a sentence-initial capital says nothing, these say whether a word is a
//! name.

use rustc_hash::FxHashSet;

use crate::text::segment::{Segmented, SentenceKind};
use crate::text::token::{Token, TokenKind};

/// Words seen in the document: capitalized away from a sentence start, and in lower case.
pub(super) struct WordStats<'a> {
    pub(super) capitalized_inside: FxHashSet<&'a str>,
    pub(super) lower_case: FxHashSet<&'a str>,
}

impl<'a> WordStats<'a> {
    /// Only words that start a sentence are ever asked about, so only they are counted.
    pub(super) fn new(text: &'a str, seg: &'a Segmented) -> Self {
        let lower_of = |i: usize| {
            let t = seg.tokens[i];
            &seg.lower[t.start..t.end]
        };
        let initials: FxHashSet<&str> = seg
            .sentences
            .iter()
            .filter(|s| s.kind != SentenceKind::Boilerplate)
            .filter_map(|s| initial_word(text, &seg.tokens, s.first_token, s.end_token))
            .map(lower_of)
            .collect();
        let mut capitalized_inside = FxHashSet::default();
        let mut lower_case = FxHashSet::default();
        for s in &seg.sentences {
            if s.kind == SentenceKind::Boilerplate {
                continue;
            }
            let initial = initial_word(text, &seg.tokens, s.first_token, s.end_token);
            for i in s.first_token..s.end_token {
                let t = seg.tokens[i];
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = lower_of(i);
                if !initials.contains(w) {
                    continue;
                }
                if t.first_char(text).is_uppercase() {
                    if Some(i) != initial {
                        capitalized_inside.insert(w);
                    }
                } else {
                    lower_case.insert(w);
                }
            }
        }
        Self {
            capitalized_inside,
            lower_case,
        }
    }
}

/// The first word of a sentence, after opening quotes and brackets.
pub(super) fn initial_word(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
) -> Option<usize> {
    (first..end)
        .find(|&i| tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::Number)
        .filter(|&i| tokens[i].kind == TokenKind::Word && !tokens[i].text(text).is_empty())
}
