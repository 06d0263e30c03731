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
