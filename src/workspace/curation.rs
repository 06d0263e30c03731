//! Curated actors: the extraction's actors with the researcher's renames, merges, splits
//! and hidden actors applied; then each row's speaker and each actor's claim count.

use rustc_hash::FxHashMap as HashMap;

use super::{ActorId, ActorView, Workspace, document_index};
use crate::extract::names;
use crate::extract::{ActorKind, Mention};
use crate::project::SpeakerChoice;

/// How many words a short form of a split-off name has at most ("Mr Howard").
const SHORT_FORM_WORDS: usize = 2;
/// Merge chains longer than this are cut (a hand-edited file could hold a cycle).
const MAX_MERGE_CHAIN: usize = 64;

/// The id of an actor the researcher made by naming a claim's speaker.
pub fn new_actor_id(name: &str) -> String {
    format!("new:{}", names::slug(name))
}

/// The id of the actor made by splitting `alias` out of `actor`.
pub(super) fn split_id(actor: &str, alias: &str) -> ActorId {
    ActorId::new(&format!("split:{actor}:{}", names::slug(alias)))
}

impl Workspace {
    pub(super) fn rebuild_actors(&mut self) {
        let doc_index = document_index(&self.corpus);
        let curation = &self.project.actors;
        use rayon::prelude::*;
        // The extraction's actors are copied on every core (their mentions are shared).
        let mut actors: Vec<ActorView> = self
            .extraction
            .actors
            .par_iter()
            .map(|a| ActorView {
                id: ActorId::new(&a.id),
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                mentions: a.mentions.clone(),
                claim_count: 0,
                hidden: false,
            })
            .collect();
        let mut index: HashMap<String, usize> = HashMap::default();
        index.reserve(actors.len());
        for (i, a) in self.extraction.actors.iter().enumerate() {
            index.insert(a.id.clone(), i);
        }
        // Merges: follow chains (a -> b -> c), ignoring cycles.
        // An actor the researcher did not merge goes to itself, without a copy of its id.
        fn target<'a>(
            id: &'a str,
            merges: &'a std::collections::BTreeMap<String, String>,
            index: &HashMap<String, usize>,
        ) -> &'a str {
            let mut current = id;
            for _ in 0..MAX_MERGE_CHAIN {
                match merges.get(current) {
                    Some(next) if index.contains_key(next) && next != current => {
                        current = next;
                    }
                    _ => break,
                }
            }
            current
        }
        let mut actor_of_original: HashMap<String, usize> = HashMap::default();
        actor_of_original.reserve(actors.len());
        // The mentions each actor receives by merges, in the order they come, joined to its
        // own once all are known.
        let mut received: HashMap<usize, Vec<std::sync::Arc<[Mention]>>> = HashMap::default();
        for a in &self.extraction.actors {
            let into = target(&a.id, &curation.merges, &index);
            let Some(&t) = index.get(into) else {
                continue;
            };
            actor_of_original.insert(a.id.clone(), t);
            if into != a.id {
                let Some(&s) = index.get(&a.id) else { continue };
                let moved = std::mem::take(&mut actors[s].mentions);
                let mut names = vec![actors[s].name.clone()];
                names.append(&mut actors[s].aliases);
                received.entry(t).or_default().push(moved);
                for n in names {
                    if n != actors[t].name && !actors[t].aliases.contains(&n) {
                        actors[t].aliases.push(n);
                    }
                }
            }
        }
        for (t, lists) in received {
            let own = std::mem::take(&mut actors[t].mentions);
            actors[t].mentions = own
                .iter()
                .chain(lists.iter().flat_map(|list| list.iter()))
                .cloned()
                .collect();
        }
        // Splits: mentions written as the alias move to an actor of their own.
        let mut split_from: HashMap<usize, usize> = HashMap::default(); // split actor -> actor it left
        for split in &curation.splits {
            let Some(&from) = actor_of_original.get(&split.actor) else {
                continue;
            };
            let key = names::key(&split.alias);
            let text_of = |m: &Mention| {
                doc_index
                    .get(m.document.as_ref())
                    .and_then(|&d| self.corpus.documents[d].text.get(m.start..m.end))
            };
            // In a document that names the alias in full, its short forms ("Howard",
            // "Mr Howard" for "Michael Howard") are the same person and go with it.
            let last_word = |t: &str| t.split_whitespace().last().map(names::key);
            let full_in: std::collections::HashSet<std::sync::Arc<str>> = actors[from]
                .mentions
                .iter()
                .filter(|m| text_of(m).is_some_and(|t| names::key(t) == key))
                .map(|m| m.document.clone())
                .collect();
            let surname = (split.alias.split_whitespace().count() > 1)
                .then(|| last_word(&split.alias))
                .flatten();
            let (moved, kept): (Vec<Mention>, Vec<Mention>) =
                std::mem::take(&mut actors[from].mentions)
                    .iter()
                    .cloned()
                    .partition(|m| {
                        text_of(m).is_some_and(|t| {
                            names::key(t) == key
                                || (full_in.contains(m.document.as_ref())
                                    && t.split_whitespace().count() <= SHORT_FORM_WORDS
                                    && surname.is_some()
                                    && last_word(t) == surname)
                        })
                    });
            actors[from].mentions = kept.into();
            actors[from].aliases.retain(|a| *a != split.alias);
            let id = split_id(&split.actor, &split.alias);
            let new = actors.len();
            split_from.insert(new, from);
            index.insert(id.as_str().to_string(), new);
            actor_of_original.insert(id.as_str().to_string(), new);
            actors.push(ActorView {
                id,
                name: split.alias.clone(),
                kind: actors[from].kind,
                aliases: Vec::new(),
                mentions: moved.into(),
                claim_count: 0,
                hidden: false,
            });
        }
        // Speakers the researcher chose that the extraction has no actor for: actors made
        // for them (or kept from an extraction that had them).
        for annotation in &self.project.annotations {
            let Some(SpeakerChoice::Actor { id, name }) = &annotation.speaker else {
                continue;
            };
            if index.contains_key(id) || actor_of_original.contains_key(id) {
                continue;
            }
            let made = ActorId::new(id);
            let new = actors.len();
            index.insert(id.clone(), new);
            actor_of_original.insert(id.clone(), new);
            actors.push(ActorView {
                id: made,
                name: name.clone(),
                kind: ActorKind::Other,
                aliases: Vec::new(),
                mentions: std::sync::Arc::default(),
                claim_count: 0,
                hidden: false,
            });
        }
        for (id, name) in &curation.renames {
            if let Some(&a) = index.get(id) {
                actors[a].name = name.clone();
            }
        }
        for (id, &kind) in &curation.kinds {
            if let Some(&a) = index.get(id) {
                actors[a].kind = kind;
            }
        }
        for id in &curation.hidden {
            if let Some(&a) = index.get(id) {
                actors[a].hidden = true;
            }
        }
        // Mentions by document, for the source view, split speakers and counts.
        let mut mentions_by_doc: Vec<Vec<(usize, usize, usize)>> =
            vec![Vec::new(); self.corpus.documents.len()]; // (start, actor, end)
        for (a, actor) in actors.iter().enumerate() {
            // An actor's mentions come document by document.
            let mut last: Option<(&std::sync::Arc<str>, usize)> = None;
            for m in actor.mentions.iter() {
                let d = match last {
                    Some((id, d)) if std::sync::Arc::ptr_eq(id, &m.document) => d,
                    _ => {
                        let Some(&d) = doc_index.get(m.document.as_ref()) else {
                            continue;
                        };
                        last = Some((&m.document, d));
                        d
                    }
                };
                mentions_by_doc[d].push((m.start, a, m.end));
            }
        }
        mentions_by_doc
            .par_iter_mut()
            .for_each(|list| list.sort_unstable());
        let mut counts = vec![0usize; actors.len()];
        for row in &mut self.rows {
            let mut speaker = row
                .claim
                .speaker
                .as_ref()
                .and_then(|id| actor_of_original.get(id).copied());
            let chosen = row
                .annotation
                .and_then(|a| self.project.annotations.get(a))
                .and_then(|a| a.speaker.as_ref());
            match chosen {
                Some(SpeakerChoice::Nobody) => speaker = None,
                Some(SpeakerChoice::Actor { id, .. }) => {
                    speaker = actor_of_original.get(id).or_else(|| index.get(id)).copied();
                }
                None => {}
            }
            // A speaker whose alias was split off: the split actor if it is named here.
            if let Some(s) = speaker
                && chosen.is_none()
            {
                let list = &mentions_by_doc[row.document];
                let from = list.partition_point(|&(start, _, _)| start < row.claim.start);
                let to = list.partition_point(|&(start, _, _)| start < row.claim.end);
                if let Some(&(_, split, _)) = list[from..to]
                    .iter()
                    .find(|&&(_, a, _)| split_from.get(&a) == Some(&s))
                {
                    speaker = Some(split);
                }
                counts[speaker.unwrap_or(s)] += 1;
            } else if let Some(s) = speaker {
                counts[s] += 1;
            }
            row.speaker = speaker;
            for id in &row.claim.about {
                if let Some(&a) = actor_of_original.get(id)
                    && Some(a) != speaker
                {
                    counts[a] += 1;
                }
            }
        }
        for (a, count) in counts.into_iter().enumerate() {
            actors[a].claim_count = count;
        }
        self.mentions_of_document = mentions_by_doc
            .into_iter()
            .map(|list| list.into_iter().map(|(s, a, e)| (s, e, a)).collect())
            .collect();
        self.actors = actors;
        self.actor_of_original = actor_of_original;
    }
}
