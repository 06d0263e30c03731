//! Finds the names in one document and groups them into the document's actors.
//!
//! A name is a run of capitalized words, with connectors (`of the`, `bin`, `al-`) inside.
//! A run is cleaned (sentence-initial common words, leading `The`), cut where an
//! organization name ends and a person's begins, and stripped of titles (`Foreign
//! Minister`), which also say the rest is a person. The gazetteer recognises countries
//! in all their forms. Within the document, names are grouped by spelling key, by
//! acronym definitions (`Full Name (ABC)`, `also called X`, `another acronym, the ABC`),
//! and surnames or first names are joined to the one full name they belong to.

mod group;
mod kinds;
mod scan;
mod word_stats;

use super::ActorKind;
use crate::text::segment::{Segmented, SentenceKind};

pub use super::union_find::UnionFind;
pub use group::canonical_name;

/// How sure the kind of a mention is; the strongest evidence decides an actor's kind.
pub type Strength = u8;

/// One occurrence of a name.
#[derive(Clone, Debug)]
pub struct LocalMention {
    /// Byte span in the document.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// First token of the name.
    pub first_token: usize,
    /// One past the last token of the name.
    pub end_token: usize,
    /// The name as written, cleaned for display.
    pub name: String,
    /// The kind this occurrence suggests.
    pub kind: ActorKind,
    /// How sure that kind is.
    pub strength: Strength,
    /// The canonical gazetteer name, for countries and other gazetteer entries.
    pub gazetteer: Option<&'static str>,
    /// Whether the name is an acronym.
    pub acronym: bool,
    /// Number of words in the name.
    pub words: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// An adjective of the name ("Iranian" for Iran): it tells what a sentence is about
    /// and who a role speaks for, but it does not name the actor.
    pub adjective: bool,
    /// The name with the title it was written with ("Lord Bach"), kept as an alias.
    pub titled: Option<String>,
    /// A capitalized common word: kept only if it joins a sure name.
    pub doubtful: bool,
}

/// The names of a document grouped into actors.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LocalActor {
    /// Canonical name within the document.
    pub name: String,
    /// The kind.
    pub kind: ActorKind,
    /// How sure the kind is.
    pub strength: Strength,
    /// Every name used, in order of first use.
    pub aliases: Vec<String>,
    /// For each alias: its words, its uses, whether it is an acronym.
    pub alias_stats: Vec<AliasStats>,
    /// Indices of its mentions.
    pub mentions: Vec<usize>,
    /// Gazetteer name, if any.
    #[serde(with = "crate::extract::interned::option")]
    pub gazetteer: Option<crate::extract::interned::Word>,
}

/// How an alias is written and used, for choosing the canonical name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AliasStats {
    /// Number of words.
    pub words: usize,
    /// Number of mentions written this way.
    pub uses: usize,
    /// Whether it is an acronym.
    pub acronym: bool,
    /// Whether it is the name with a title ("Lord Bach"): a way of writing it, never the
    /// canonical name.
    pub titled: bool,
}

/// All names of one document.
#[derive(Clone, Debug, Default)]
pub struct DocumentActors {
    /// Every mention, in text order.
    pub mentions: Vec<LocalMention>,
    /// The actors.
    pub actors: Vec<LocalActor>,
    /// For each mention, its actor.
    pub actor_of: Vec<usize>,
}

impl DocumentActors {
    /// The mention whose tokens include `token`.
    pub fn mention_at(&self, token: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.end_token <= token);
        self.mentions
            .get(k)
            .filter(|m| m.first_token <= token && token < m.end_token)
            .map(|_| k)
    }

    /// Mentions whose tokens lie within `first..end`.
    pub fn mentions_in(&self, first: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.mentions.partition_point(|m| m.first_token < first);
        (k..self.mentions.len()).take_while(move |&i| self.mentions[i].end_token <= end)
    }
}

/// Strengths of evidence for a kind.
mod strength {
    use super::Strength;
    pub const GUESS: Strength = 0;
    pub const WEAK: Strength = 1;
    pub const SHAPE: Strength = 2;
    pub const HEAD_WORD: Strength = 3;
    pub const TITLE: Strength = 4;
    pub const GAZETTEER: Strength = 5;
}

/// Finds and groups the names of a document.
pub fn find(text: &str, seg: &Segmented) -> DocumentActors {
    let mut finder = scan::Finder {
        text,
        lower: &seg.lower,
        tokens: &seg.tokens,
        stats: word_stats::WordStats::new(text, seg),
        mentions: Vec::new(),
        links: Vec::new(),
        last_acronym_owner: None,
        sentence: 0,
        initial: None,
        table_line: false,
        force_person: false,
    };
    for (index, s) in seg.sentences.iter().enumerate() {
        if matches!(s.kind, SentenceKind::Boilerplate | SentenceKind::Metadata) {
            continue;
        }
        finder.sentence = index;
        finder.initial = word_stats::initial_word(text, &seg.tokens, s.first_token, s.end_token);
        finder.scan_sentence(s.first_token, s.end_token);
    }
    // Mentions are pushed in text order (runs, then their acronyms, left to right), which
    // `mention_at` relies on and the recorded links refer to.
    group::group(finder.mentions, &finder.links)
}
