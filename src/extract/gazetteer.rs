//! The gazetteer of countries, regions, capitals and international bodies in
//! `assets/gazetteer.tsv`, looked up by name key.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::ActorKind;
use super::names::{key_hash, name_hash};

pub(crate) const SOURCE: &str = include_str!("../../assets/gazetteer.tsv");

/// How a name refers to its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The name itself or another name of it ("United States", "U.S.").
    Name,
    /// An adjective ("American"): a mention of the entry.
    Adjective,
    /// A plural noun for its people ("Americans"): a group.
    People,
}

/// One gazetteer entry.
#[derive(Debug)]
pub struct Entry {
    /// Country, place or organization.
    pub kind: ActorKind,
    /// The canonical name.
    pub name: &'static str,
}

/// A match of a name against the gazetteer.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// The entry.
    pub entry: &'static Entry,
    /// How the name refers to it.
    pub form: Form,
}

struct Gazetteer {
    entries: Vec<Entry>,
    by_key: HashMap<u64, (usize, Form)>,
    /// Keys of the first words of every name, to skip lookups that cannot match.
    first_words: std::collections::HashSet<u64>,
    longest_tokens: usize,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(parse);

fn parse() -> Gazetteer {
    let mut entries = Vec::new();
    let mut by_key = HashMap::new();
    let mut first_words = std::collections::HashSet::new();
    let mut longest_tokens = 1;
    let mut add =
        |by_key: &mut HashMap<u64, (usize, Form)>, name: &str, index: usize, form: Form| {
            let k = name_hash(name, 0);
            if k != 0 {
                longest_tokens = longest_tokens.max(name.split_whitespace().count());
                if let Some(first) = name.split_whitespace().next() {
                    first_words.insert(key_hash(&[first], 0));
                }
                by_key.entry(k).or_insert((index, form));
            }
        };
    for line in SOURCE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let kind = match cols.first().copied() {
            Some("country") => ActorKind::Country,
            Some("place") => ActorKind::Place,
            Some("organization") => ActorKind::Organization,
            _ => continue,
        };
        let Some(name) = cols.get(1).copied() else {
            continue;
        };
        let index = entries.len();
        entries.push(Entry { kind, name });
        add(&mut by_key, name, index, Form::Name);
        let list = |i: usize| {
            cols.get(i)
                .into_iter()
                .flat_map(|c| c.split('|'))
                .filter(|s| !s.is_empty())
        };
        for other in list(2) {
            add(&mut by_key, other, index, Form::Name);
        }
        for adjective in list(3) {
            add(&mut by_key, adjective, index, Form::Adjective);
        }
        for people in list(4) {
            add(&mut by_key, people, index, Form::People);
        }
        for capital in list(5) {
            let capital_index = entries.len();
            entries.push(Entry {
                kind: ActorKind::Place,
                name: capital,
            });
            add(&mut by_key, capital, capital_index, Form::Name);
        }
    }
    Gazetteer {
        entries,
        by_key,
        first_words,
        longest_tokens,
    }
}

/// Looks up a whole name.
pub fn lookup(name: &str) -> Option<Hit> {
    let g = &*GAZETTEER;
    let (index, form) = *g.by_key.get(&name_hash(name, 0))?;
    Some(Hit {
        entry: &g.entries[index],
        form,
    })
}

/// Whether some gazetteer name starts with this word.
pub fn may_start(word: &str) -> bool {
    GAZETTEER.first_words.contains(&key_hash(&[word], 0))
}

/// The longest name, in words, that the gazetteer holds.
pub fn longest_name_tokens() -> usize {
    GAZETTEER.longest_tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_forms() {
        for name in ["US", "U.S.", "United States", "America", "American"] {
            let hit = lookup(name).expect(name);
            assert_eq!(hit.entry.name, "United States", "{name}");
        }
        assert_eq!(lookup("Americans").map(|h| h.form), Some(Form::People));
        assert_eq!(
            lookup("Tirana").map(|h| h.entry.kind),
            Some(ActorKind::Place)
        );
        assert_eq!(lookup("UN").map(|h| h.entry.name), Some("United Nations"));
        assert!(lookup("Smith").is_none());
    }
}
