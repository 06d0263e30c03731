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

/// Whether the lower-case `word` is a pronoun or auxiliary with a contracted ending
/// ("i'm", "we've", "they'll", "don't", "can't"): a word of the language, never a name,
/// even when it opens a sentence with a capital. "O'Neill" and "D'Arcy" are not: the
/// part before the apostrophe is no word on its own.
pub fn is_contraction(word: &str) -> bool {
    let Some((head, tail)) = word.split_once(['\'', '’']) else {
        return false;
    };
    const HEADS: [&str; 24] = [
        "i", "you", "we", "they", "he", "she", "it", "that", "there", "here", "who", "what",
        "where", "when", "how", "why", "let", "y", "this", "those", "these", "somebody", "someone",
        "everyone",
    ];
    const NEGATED: [&str; 22] = [
        "do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "could", "would",
        "should", "must", "might", "need", "dare", "ca", "wo", "ai", "sha", "may",
    ];
    match tail {
        "m" | "re" | "ve" | "ll" | "d" | "s" | "all" => HEADS.contains(&head),
        "t" => head
            .strip_suffix('n')
            .is_some_and(|verb| NEGATED.contains(&verb)),
        _ => false,
    }
}

/// Whether `a` becomes `b` by one insertion, deletion or substitution (or none).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // Titles and most words: letters are bytes, and nothing is copied.
        return within_one_edit_of(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_one_edit_of(&a, &b)
}

fn within_one_edit_of<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == short.len() {
        return true; // equal, or one letter added at the end
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..] // one letter substituted
    } else {
        short[prefix..] == long[prefix + 1..] // one letter inserted
    }
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

    #[test]
    fn contractions() {
        for w in [
            "i'm", "i’d", "we've", "they're", "we'll", "don't", "can't", "won't", "let's",
        ] {
            assert!(is_contraction(w), "{w}");
        }
        for w in ["o'neill", "d'arcy", "kan'ani", "o'gara", "rock'n'roll"] {
            assert!(!is_contraction(w), "{w}");
        }
    }

    #[test]
    fn one_edit_apart() {
        assert!(within_one_edit("abc", "abc"));
        assert!(within_one_edit("abc", "abd"));
        assert!(!within_one_edit("abc", "xyz"));
        assert!(within_one_edit("minster", "minister"));
        assert!(!within_one_edit("mister", "minister"));
        assert!(within_one_edit("kanaani", "kanani"));
        // Letters, not bytes: "é" for "e" is one edit though it is two bytes.
        assert!(within_one_edit("préfet", "prefet"));
        assert!(within_one_edit("préfet", "préfets"));
        assert!(!within_one_edit("préfét", "prefet"));
    }
}
