//! The general English word lists in `assets/lexicon.txt`, parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../assets/lexicon.txt");

/// All word lists, by section name.
pub struct Lexicon {
    sets: HashMap<&'static str, HashSet<&'static str>>,
    maps: HashMap<&'static str, HashMap<&'static str, &'static str>>,
    /// Multi-word qualifiers, longest first, as word lists.
    qualifier_phrases: Vec<(Vec<&'static str>, &'static str)>,
    event_class_of: HashMap<&'static str, &'static str>,
    event_forms: HashSet<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(SOURCE));

const ENGLISH_WORDS: &str = include_str!("../../assets/english-words.txt");

static COMMON_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ENGLISH_WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
});

/// Whether the lower-case `word` is a common English word (not a name).
pub fn is_common_word(word: &str) -> bool {
    COMMON_WORDS.contains(word)
}

/// The shared lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    fn parse(source: &'static str) -> Self {
        let mut sets: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
        let mut maps: HashMap<&'static str, HashMap<&'static str, &'static str>> = HashMap::new();
        let mut section = "";
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            if let Some((key, value)) = line.split_once(':') {
                let key = key.trim();
                let entry = maps.entry(section).or_default();
                if section == "event_classes" {
                    for word in value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                        entry.insert(word, key);
                    }
                } else {
                    entry.insert(key, value.trim());
                }
                continue;
            }
            let set = sets.entry(section).or_default();
            for word in line.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                set.insert(word);
            }
        }
        let mut qualifier_phrases: Vec<(Vec<&'static str>, &'static str)> = maps
            .get("qualifiers")
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.split(' ').collect(), *v))
                    .collect()
            })
            .unwrap_or_default();
        qualifier_phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let event_class_of = maps.remove("event_classes").unwrap_or_default();
        let event_forms = sets
            .get("event_verbs")
            .into_iter()
            .flatten()
            .flat_map(|base| inflections(base))
            .collect();
        Self {
            event_forms,
            sets,
            maps,
            qualifier_phrases,
            event_class_of,
        }
    }

    /// Whether the lower-case `word` is in list `section`.
    pub fn has(&self, section: &str, word: &str) -> bool {
        self.sets.get(section).is_some_and(|s| s.contains(word))
    }

    /// Every entry of list `section`.
    pub fn entries(&self, section: &str) -> impl Iterator<Item = &'static str> + '_ {
        self.sets.get(section).into_iter().flatten().copied()
    }

    /// The value of `key` in the `key: value` list `section`.
    pub fn value(&self, section: &str, key: &str) -> Option<&'static str> {
        self.maps.get(section).and_then(|m| m.get(key).copied())
    }

    /// Qualifier phrases as word lists with their meaning, longest first.
    pub fn qualifier_phrases(&self) -> &[(Vec<&'static str>, &'static str)] {
        &self.qualifier_phrases
    }

    /// The event class (`kill`, `injure`, ...) of a lower-case word, for families.
    pub fn event_class(&self, word: &str) -> Option<&'static str> {
        self.event_class_of.get(word).copied()
    }

    /// Whether the lower-case `word` is an inflection of an event verb or an event noun.
    pub fn is_event_word(&self, word: &str) -> bool {
        self.event_forms.contains(word) || self.has("event_nouns", word)
    }
}

/// The inflected forms of an English base verb (regular rules plus a few irregular ones).
fn inflections(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string(), format!("{base}s"), format!("{base}es")];
    let stem = base.strip_suffix('e').unwrap_or(base);
    out.push(format!("{stem}ed"));
    out.push(format!("{stem}ing"));
    out.push(format!("{base}d"));
    if let Some(y_stem) = base.strip_suffix('y') {
        out.push(format!("{y_stem}ies"));
        out.push(format!("{y_stem}ied"));
    }
    // doubled final consonant after a short vowel: "plan" -> "planned"
    let b = base.as_bytes();
    if b.len() >= 3 {
        let last = b[b.len() - 1];
        let vowel = |c: u8| b"aeiou".contains(&c);
        if !vowel(last)
            && vowel(b[b.len() - 2])
            && !vowel(b[b.len() - 3])
            && !b"wxy".contains(&last)
        {
            let doubled = format!("{base}{}", last as char);
            out.push(format!("{doubled}ed"));
            out.push(format!("{doubled}ing"));
        }
    }
    const IRREGULAR: [(&str, &[&str]); 24] = [
        ("die", &["died", "dying", "dead"]),
        ("pay", &["paid"]),
        ("sell", &["sold"]),
        ("buy", &["bought"]),
        ("win", &["won"]),
        ("lose", &["lost"]),
        ("rise", &["rose", "risen"]),
        ("fall", &["fell", "fallen"]),
        ("grow", &["grew", "grown"]),
        ("meet", &["met"]),
        ("flee", &["fled"]),
        ("fight", &["fought"]),
        ("build", &["built"]),
        ("withdraw", &["withdrew", "withdrawn"]),
        ("spend", &["spent"]),
        ("shoot", &["shot"]),
        ("strike", &["struck"]),
        ("steal", &["stole", "stolen"]),
        ("lend", &["lent"]),
        ("kill", &["slain", "killers", "killer"]),
        ("sell", &["sold"]),
        ("arm", &["armed"]),
        ("lose", &["lost"]),
        ("stage", &["staged"]),
    ];
    for (verb, forms) in IRREGULAR {
        if verb == base {
            out.extend(forms.iter().map(|f| f.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse() {
        let lex = lexicon();
        assert!(lex.has("reporting_verbs", "tweeted"));
        assert!(lex.has("function_words", "despite"));
        assert_eq!(lex.value("qualifiers", "as many as"), Some("at most"));
        assert_eq!(lex.value("number_words", "four"), Some("4"));
        assert_eq!(lex.event_class("martyred"), Some("kill"));
        assert_eq!(lex.qualifier_phrases()[0].0.len(), 3);
    }

    #[test]
    fn event_words_match_inflections() {
        let lex = lexicon();
        for word in [
            "killed",
            "killing",
            "bombed",
            "relocated",
            "designated",
            "removed",
            "carried",
            "planted",
            "died",
            "deaths",
        ] {
            assert!(lex.is_event_word(word), "{word}");
        }
        assert!(!lex.is_event_word("beautiful"));
        assert!(!lex.is_event_word("said"));
    }
}
