//! Grouping a document's mentions into actors: same spelling key, acronym and alias
//! links, and surnames or first names joined to the one full name they belong to.

use rustc_hash::{FxHashMap, FxHashSet};

use super::scan::PARTICLES;
use super::{AliasStats, DocumentActors, LocalActor, LocalMention, UnionFind};
use crate::extract::ActorKind;
use crate::extract::names::{key, key_hash};
use crate::text::lexicon::{is_common_word, lexicon};

/// Groups mentions into actors: same key, acronym links, surnames and first names.
pub(super) fn group(mentions: Vec<LocalMention>, links: &[(usize, usize)]) -> DocumentActors {
    const NAME: u64 = 1;
    const GAZETTEER: u64 = 2;
    let mut uf = UnionFind::new(mentions.len());
    let mut by_key: FxHashMap<u64, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let k = match m.gazetteer {
            Some(g) => key_hash(&[g], GAZETTEER),
            None => key_hash(&[&m.name], NAME),
        };
        match by_key.get(&k) {
            Some(&j) => uf.union(i, j),
            None => {
                by_key.insert(k, i);
            }
        }
    }
    for &(a, b) in links {
        if a < mentions.len() && b < mentions.len() {
            uf.union(a, b);
        }
    }
    join_partial_names(&mentions, &mut uf);
    let mut actors: Vec<LocalActor> = Vec::new();
    let mut actor_of = vec![0; mentions.len()];
    let mut root_actor: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let root = uf.find(i);
        let a = *root_actor.entry(root).or_insert_with(|| {
            actors.push(LocalActor::default());
            actors.len() - 1
        });
        actor_of[i] = a;
        let actor = &mut actors[a];
        actor.mentions.push(i);
        match actor.aliases.iter().position(|n| *n == m.name) {
            Some(k) => actor.alias_stats[k].uses += 1,
            None => {
                actor.aliases.push(m.name.clone());
                actor.alias_stats.push(AliasStats {
                    words: m.words,
                    uses: 1,
                    acronym: m.acronym,
                });
            }
        }
        if m.strength > actor.strength || actor.mentions.len() == 1 {
            actor.kind = m.kind;
            actor.strength = m.strength;
        }
        if m.gazetteer.is_some() && actor.gazetteer.is_none() {
            actor.gazetteer = m.gazetteer;
        }
    }
    for actor in &mut actors {
        actor.name = canonical_name(actor);
    }
    DocumentActors {
        mentions,
        actors,
        actor_of,
    }
}

/// The fullest name of an actor: the gazetteer name, else the non-acronym name with the
/// most words, the most used among those.
pub fn canonical_name(actor: &LocalActor) -> String {
    if let Some(g) = actor.gazetteer.filter(|_| actor.kind != ActorKind::Group) {
        return g.to_string();
    }
    if let [only] = actor.aliases.as_slice() {
        return only.clone();
    }
    let multi_word_keys: Vec<String> = actor
        .aliases
        .iter()
        .filter(|a| a.split_whitespace().count() >= 2)
        .map(|a| key(a))
        .collect();
    let mut best: Option<(&str, usize, usize)> = None; // name, words, uses
    for (alias, stats) in actor.aliases.iter().zip(&actor.alias_stats) {
        // "Minster Mohammad Javad Zarif" only puts a common word (a misspelt title) before
        // a full name; "Majid Takht Ravanchi" puts a first name before one.
        let first_word = alias
            .split_whitespace()
            .next()
            .map(str::to_lowercase)
            .unwrap_or_default();
        let common_first = is_common_word(&first_word) || lexicon().is_title(&first_word);
        let alias_key = key(alias);
        if common_first
            && multi_word_keys
                .iter()
                .any(|k| alias_key.len() > k.len() && alias_key.ends_with(k.as_str()))
        {
            continue;
        }
        let words = if stats.acronym { 0 } else { stats.words };
        let candidate = (alias.as_str(), words, stats.uses);
        best = match best {
            Some(b) if (b.1, b.2) >= (candidate.1, candidate.2) => Some(b),
            _ => Some(candidate),
        };
    }
    best.or_else(|| actor.aliases.first().map(|a| (a.as_str(), 0, 0)))
        .map_or_else(String::new, |b| b.0.to_string())
}

/// Joins a surname or first name (or a shorter tail of a name, or a name written as one
/// word) to the single multi-word person name in the document it belongs to.
fn join_partial_names(mentions: &[LocalMention], uf: &mut UnionFind) {
    let mut tails: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    let mut firsts: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != ActorKind::Person || m.words < 2 {
            continue;
        }
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let root = uf.find(i);
        for k in 1..words.len() {
            tails
                .entry(key_hash(&words[k..], 0))
                .or_default()
                .insert(root);
        }
        if let Some(first) = words.first() {
            firsts
                .entry(key_hash(&[first], 0))
                .or_default()
                .insert(root);
        }
        // Middle names ("Lula" in "Luiz Inacio Lula da Silva"), particles aside.
        for middle in words.iter().skip(1).take(words.len().saturating_sub(2)) {
            if !PARTICLES.contains(middle) {
                firsts
                    .entry(key_hash(&[middle], 0))
                    .or_default()
                    .insert(root);
            }
        }
    }
    if tails.is_empty() {
        return;
    }
    for (i, m) in mentions.iter().enumerate() {
        if m.gazetteer.is_some()
            || m.acronym
            || !matches!(m.kind, ActorKind::Person | ActorKind::Other)
        {
            continue;
        }
        let k = key_hash(&[&m.name], 0);
        let unique = |map: &FxHashMap<u64, FxHashSet<usize>>| {
            map.get(&k)
                .filter(|roots| roots.len() == 1)
                .and_then(|r| r.iter().next().copied())
        };
        if let Some(root) = unique(&tails) {
            uf.union(i, root);
        } else if m.words == 1
            && let Some(root) = unique(&firsts)
        {
            uf.union(i, root);
        }
    }
}
