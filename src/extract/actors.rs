//! Merges the actors of all documents into the corpus's actors.
//!
//! Two document actors are one when they share a gazetteer entry, or a name key (any
//! alias, so an acronym defined in one document names the organization in all), or, for
//! long names of the same kind, a consonant skeleton (transliteration variants). A bare
//! surname joins the one full name in the corpus that ends with it. Kinds that clearly
//! disagree (a person and a country) are never merged.

use rustc_hash::FxHashMap;

use super::document::Analysis;
use super::mentions::{LocalActor, UnionFind, canonical_name};
use super::names::{key, key_hash, name_hash, skeleton, slug};
use super::{Actor, ActorKind, Mention};
use crate::text::lexicon::{List, lexicon};
use std::sync::Arc;

/// The corpus's actors and the map from document actors to them.
pub struct Resolved {
    /// Actors in order of first mention.
    pub actors: Vec<Actor>,
    /// For each document, for each document actor, its index in `actors`.
    local_to_global: Vec<Vec<usize>>,
}

impl Resolved {
    /// The global index of document actor `local` of document `doc`.
    pub fn actor_index(&self, doc: usize, local: usize) -> Option<usize> {
        self.local_to_global.get(doc)?.get(local).copied()
    }

    /// The id of document actor `local` of document `doc`.
    pub fn actor_id(&self, doc: usize, local: usize) -> Option<&str> {
        self.actor_index(doc, local)
            .map(|g| self.actors[g].id.as_str())
    }

    /// The up to three organizations, persons or other actors that a document mentions
    /// most: what it is about.
    pub fn salient_actors(&self, doc: usize, analysis: &Analysis) -> Vec<usize> {
        let mut counts: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
        for (m, &local) in analysis.actor_of.iter().enumerate() {
            let Some(g) = self.actor_index(doc, local) else {
                continue;
            };
            if matches!(
                self.actors[g].kind,
                ActorKind::Country | ActorKind::Place | ActorKind::Group | ActorKind::Media
            ) {
                continue;
            }
            let entry = counts.entry(g).or_insert((0, m));
            entry.0 += 1;
        }
        let mut ranked: Vec<(usize, (usize, usize))> = counts.into_iter().collect();
        ranked.sort_by_key(|&(g, (n, first))| (std::cmp::Reverse(n), first, g));
        ranked.into_iter().take(3).map(|(g, _)| g).collect()
    }
}

struct Node<'a> {
    doc: usize,
    actor: &'a LocalActor,
}

fn compatible(a: &LocalActor, b: &LocalActor) -> bool {
    use super::mentions::Strength;
    // Shapes and positions are guesses; a head word, a title or the gazetteer is evidence.
    const SURE: Strength = 3;
    a.kind == b.kind
        || a.kind == ActorKind::Other
        || b.kind == ActorKind::Other
        || a.strength < SURE
        || b.strength < SURE
}

/// Merges document actors across the corpus.
pub fn resolve(doc_ids: &[Arc<str>], analyses: &[Analysis]) -> Resolved {
    let nodes: Vec<Node<'_>> = analyses
        .iter()
        .enumerate()
        .flat_map(|(doc, a)| a.actors.iter().map(move |actor| Node { doc, actor }))
        .collect();
    let mut uf = UnionFind::new(nodes.len());
    let merge_by =
        |uf: &mut UnionFind, index: &mut FxHashMap<u64, usize>, k: u64, i: usize| match index
            .get(&k)
        {
            Some(&j) if compatible(nodes[i].actor, nodes[j].actor) => uf.union(i, j),
            Some(_) => {}
            None => {
                index.insert(k, i);
            }
        };
    let mut by_key: FxHashMap<u64, usize> = FxHashMap::default();
    let mut by_skeleton: FxHashMap<u64, usize> = FxHashMap::default();
    // Each document actor's keys are worked out on every core, then merged in order.
    let keys: Vec<Vec<(bool, u64)>> = {
        use rayon::prelude::*;
        nodes
            .par_iter()
            .map(|node| merge_keys(node.actor))
            .collect()
    };
    for (i, keys) in keys.iter().enumerate() {
        for &(skeleton, k) in keys {
            let index = if skeleton {
                &mut by_skeleton
            } else {
                &mut by_key
            };
            merge_by(&mut uf, index, k, i);
        }
    }
    drop(keys);
    join_surnames(&nodes, &mut uf);

    // Build the global actors in order of first mention.
    // Groups numbered by their first document actor, members in order.
    let mut group_of = vec![usize::MAX; nodes.len()];
    let mut ordered: Vec<Vec<usize>> = Vec::new();
    for i in 0..nodes.len() {
        let root = uf.find(i);
        if group_of[root] == usize::MAX {
            group_of[root] = ordered.len();
            ordered.push(Vec::new());
        }
        ordered[group_of[root]].push(i);
    }
    drop(group_of);
    let first_mention = |i: usize| {
        let node = &nodes[i];
        let m = node
            .actor
            .mentions
            .first()
            .map_or(0, |&m| analyses[node.doc].mention_spans[m].0);
        (node.doc, m)
    };
    {
        use rayon::prelude::*;
        ordered
            .par_iter_mut()
            .for_each(|g| g.sort_by_key(|&i| first_mention(i)));
        // Ties (actors first named at one place) in the order of their first actor.
        ordered.par_sort_by_cached_key(|g| (first_mention(g[0]), g[0]));
    }

    let mut local_to_global: Vec<Vec<usize>> =
        analyses.iter().map(|a| vec![0; a.actors.len()]).collect();
    let mut local_offsets = vec![0usize; analyses.len()];
    {
        // Node index -> (doc, local index).
        let mut n = 0;
        for (doc, a) in analyses.iter().enumerate() {
            local_offsets[doc] = n;
            n += a.actors.len();
        }
    }
    let mut actors = Vec::with_capacity(ordered.len());
    let mut used_ids: FxHashMap<String, usize> = FxHashMap::default();
    // Each actor is put together from its document actors on its own, on every core.
    let merged: Vec<Actor> = {
        use rayon::prelude::*;
        ordered
            .par_iter()
            .map(|members| merge_group(doc_ids, analyses, &nodes, members))
            .collect()
    };
    for (g, (members, merged)) in ordered.iter().zip(merged).enumerate() {
        let base = slug(&merged.name);
        let count = used_ids.entry(base.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        for &i in members {
            let doc = nodes[i].doc;
            local_to_global[doc][i - local_offsets[doc]] = g;
        }
        actors.push(Actor { id, ..merged });
    }
    Resolved {
        actors,
        local_to_global,
    }
}

/// The keys under which a document actor joins others across documents, in the order
/// they are tried: `(true, k)` for a transliteration skeleton, `(false, k)` for the rest.
fn merge_keys(actor: &LocalActor) -> Vec<(bool, u64)> {
    const GAZETTEER: u64 = 1;
    const NAME: u64 = 2;
    const WORD_ORDER: u64 = 3;
    let mut keys = Vec::new();
    if let Some(g) = actor.gazetteer.filter(|_| actor.kind != ActorKind::Group) {
        keys.push((false, key_hash(&[g], GAZETTEER)));
        return keys;
    }
    for (alias, stats) in actor.aliases.iter().zip(&actor.alias_stats) {
        // A title with a surname ("Mr Smith"), or one word of a person's name (a
        // surname, a first name), names many people: such names join across
        // documents only through the surname rule below, never by themselves.
        if stats.titled || (actor.kind == ActorKind::Person && stats.words < 2) {
            continue;
        }
        let k = name_hash(alias, NAME);
        if k == 0 {
            continue;
        }
        keys.push((false, k));
        // An organization's name in another word order ("Group Menatep").
        if stats.words >= 2 && actor.kind != ActorKind::Person {
            let mut words: Vec<String> = alias.split_whitespace().map(key).collect();
            if words.iter().any(|w| lexicon().has(List::OrgHeads, w)) {
                words.sort();
                let parts: Vec<&str> = words.iter().map(String::as_str).collect();
                keys.push((false, key_hash(&parts, WORD_ORDER)));
            }
        }
        // Transliteration variants, only for long names of a known kind.
        if actor.kind != ActorKind::Other && (stats.words >= 2 || alias.len() >= 8) {
            let sk = skeleton(alias);
            if sk.chars().count() >= 6 {
                keys.push((true, key_hash(&[&sk], actor.kind as u64 + 16)));
            }
        }
    }
    keys
}

/// One actor from a group of document actors.
fn merge_group(
    doc_ids: &[Arc<str>],
    analyses: &[Analysis],
    nodes: &[Node<'_>],
    members: &[usize],
) -> Actor {
    let mut combined = LocalActor::default();
    let mut mentions = Vec::new();
    let mut kind_strength: FxHashMap<ActorKind, (u32, usize)> = FxHashMap::default();
    for &i in members {
        let node = &nodes[i];
        let doc_mentions = &analyses[node.doc].mention_spans;
        let doc_id = &doc_ids[node.doc];
        for (alias, stats) in node.actor.aliases.iter().zip(&node.actor.alias_stats) {
            match combined.aliases.iter().position(|a| a == alias) {
                Some(k) => {
                    let uses = &mut combined.alias_stats[k].uses;
                    *uses = uses.saturating_add(stats.uses);
                }
                None => {
                    combined.aliases.push(alias.clone());
                    combined.alias_stats.push(*stats);
                }
            }
        }
        combined.gazetteer = combined.gazetteer.or(node.actor.gazetteer);
        let entry = kind_strength.entry(node.actor.kind).or_default();
        entry.0 = entry.0.max(u32::from(node.actor.strength));
        entry.1 += node.actor.mentions.len();
        let adjective = &analyses[node.doc].adjective;
        mentions.extend(
            node.actor
                .mentions
                .iter()
                .filter(|&&m| !adjective.get(m).copied().unwrap_or(false))
                .map(|&m| Mention {
                    document: doc_id.clone(),
                    start: doc_mentions[m].0,
                    end: doc_mentions[m].1,
                }),
        );
    }
    let kind = kind_strength
        .iter()
        .max_by_key(|(kind, (strength, uses))| (*strength, *uses, std::cmp::Reverse(**kind)))
        .map_or(ActorKind::Other, |(kind, _)| *kind);
    combined.kind = kind;
    let name = canonical_name(&combined);
    let aliases = combined
        .aliases
        .into_iter()
        .filter(|a| *a != name)
        .collect();
    Actor {
        id: String::new(),
        name,
        kind,
        aliases,
        mentions: mentions.into(),
    }
}

/// A one-word person name joins the one multi-word person in the corpus whose last word
/// (or joined tail) it is, when its own document has no such full name.
fn join_surnames(nodes: &[Node<'_>], uf: &mut UnionFind) {
    use rayon::prelude::*;
    // The name hashes each rule needs, worked out on every core.
    // Only the document actors that have any, by node index in order.
    let names: Vec<(usize, SurnameKeys)> = nodes
        .par_iter()
        .enumerate()
        .filter_map(|(i, n)| surname_keys(n.actor).map(|keys| (i, keys)))
        .collect();
    let mut tails: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &(i, ref keys) in &names {
        for &tail in &keys.tails {
            let roots = tails.entry(tail).or_default();
            let root = uf.find(i);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
    }
    // A longer name that ends with a full name: an unrecognised title or a misspelt one
    // stands before it ("Foreign Minster Mohammad Javad Zarif").
    let mut full_names: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &(i, ref keys) in &names {
        for &full in &keys.full {
            full_names.entry(full).or_default().push(i);
        }
    }
    for &(i, ref keys) in &names {
        for inner in &keys.inner {
            if let Some(others) = full_names.get(inner)
                && let Some(&other) = others.first()
            {
                uf.union(i, other);
            }
        }
    }
    for &(i, ref keys) in &names {
        for single in &keys.single {
            let Some(roots) = tails.get(single) else {
                continue;
            };
            let mut distinct: Vec<usize> = roots.iter().map(|&r| uf.find(r)).collect();
            distinct.sort_unstable();
            distinct.dedup();
            if let [root] = distinct.as_slice() {
                uf.union(i, *root);
                break;
            }
        }
    }
}

/// The hashes of a document actor's names that [`join_surnames`] looks up.
#[derive(Default)]
struct SurnameKeys {
    /// A person's full names' tails: every ending but the whole, of a name of two or more
    /// words (the surname alone included).
    tails: Vec<u64>,
    /// A person's full names.
    full: Vec<u64>,
    /// A person's names' inner tails (not the last word, not the whole).
    inner: Vec<u64>,
    /// The names of a person or an actor of no known kind named by single words only,
    /// outside the gazetteer.
    single: Vec<u64>,
}

fn surname_keys(actor: &LocalActor) -> Option<SurnameKeys> {
    let mut keys = SurnameKeys::default();
    if actor.kind == ActorKind::Person {
        for alias in &actor.aliases {
            let words: Vec<&str> = alias.split_whitespace().collect();
            if words.len() >= 2 {
                keys.tails
                    .extend((1..words.len()).map(|k| key_hash(&words[k..], 0)));
                keys.full.push(key_hash(&[alias], 0));
            }
            keys.inner
                .extend((1..words.len().saturating_sub(1)).map(|k| key_hash(&words[k..], 0)));
        }
    }
    let single = actor
        .aliases
        .iter()
        .all(|a| a.split_whitespace().count() == 1);
    if single
        && actor.gazetteer.is_none()
        && matches!(actor.kind, ActorKind::Person | ActorKind::Other)
    {
        keys.single = actor.aliases.iter().map(|a| key_hash(&[a], 0)).collect();
    }
    let SurnameKeys {
        tails,
        full,
        inner,
        single,
    } = &keys;
    (!tails.is_empty() || !full.is_empty() || !inner.is_empty() || !single.is_empty())
        .then_some(keys)
}
