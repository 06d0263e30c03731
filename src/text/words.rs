//! Small helpers for comparing words.

use std::borrow::Cow;

/// `word` in lower case, borrowing when it has no upper-case letter.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// A document's text beside its ASCII-lowercased copy. Both have the same byte offsets, so
/// a token's lower-case form is a slice, not an allocation. Word lists are ASCII, so
/// ASCII lowercasing is all their lookups need.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The text as loaded.
    pub text: &'a str,
    /// The same text with ASCII letters in lower case.
    pub lower: &'a str,
}

impl<'a> Source<'a> {
    /// Pairs a text with its lowered copy (from [`lowered`]).
    pub fn new(text: &'a str, lower: &'a str) -> Self {
        debug_assert_eq!(text.len(), lower.len());
        Self { text, lower }
    }

    /// The token's text as written.
    pub fn token(&self, t: &super::token::Token) -> &'a str {
        &self.text[t.start..t.end]
    }

    /// The token's text in lower case.
    pub fn lower(&self, t: &super::token::Token) -> &'a str {
        &self.lower[t.start..t.end]
    }
}

/// The lowered copy of `text` for [`Source`].
pub fn lowered(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// Whether every letter of `word` is upper case and it has at least two letters (an acronym).
pub fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !(c == '.' || c == '&' || c.is_ascii_digit()) {
            return false;
        }
    }
    letters >= 2
}

/// "MoD", "DfES": an acronym with lower-case letters of small words inside.
pub fn is_mixed_acronym(word: &str) -> bool {
    let n = word.chars().count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    (3..=6).contains(&n)
        && upper >= 2
        && word.chars().all(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().last().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert!(is_acronym("MKO"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("Iran"));
        assert!(!is_acronym("A"));
    }
}
