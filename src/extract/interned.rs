//! Words the engine holds as `&'static str` (lexicon classes, gazetteer names), written
//! and read back by serde: a word read back is looked up in a table of the words seen so
//! far and added to it once, so that reading many cached analyses allocates each distinct
//! word a single time.

use std::sync::{LazyLock, Mutex};

use rustc_hash::FxHashSet;
use serde::{Deserialize, Deserializer, Serializer};

/// A word of the engine's lists. (An alias, so that serde does not take the field for a
/// string borrowed from its input.)
pub type Word = &'static str;

static WORDS: LazyLock<Mutex<FxHashSet<&'static str>>> = LazyLock::new(Default::default);

/// The one `&'static str` equal to `word`.
pub fn intern(word: &str) -> &'static str {
    let mut words = WORDS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&known) = words.get(word) {
        return known;
    }
    let leaked: &'static str = Box::leak(word.to_owned().into_boxed_str());
    words.insert(leaked);
    leaked
}

/// Writes the word.
pub fn serialize<S: Serializer>(word: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(word)
}

/// Reads a word.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let word = std::borrow::Cow::<'de, str>::deserialize(d)?;
    Ok(intern(&word))
}

/// The same for an optional word.
pub mod option {
    use super::*;

    /// Writes the word, if any.
    pub fn serialize<S: Serializer>(word: &Option<&'static str>, s: S) -> Result<S::Ok, S::Error> {
        match word {
            Some(w) => s.serialize_some(*w),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional word.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
        let word = Option::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(word.map(|w| intern(&w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_word_is_interned_once() {
        let a = intern(&String::from("kill"));
        let b = intern(&String::from("kill"));
        assert!(std::ptr::eq(a, b));
        assert_ne!(intern("sell"), a);
    }
}
