//! Profiles: what a claim is about. Two claims are about the same thing when they name
//! the same people and organisations (or, less surely, the same places), or their
//! documents are about them, and when they share their rare content words.

use rustc_hash::FxHashMap;

use super::{ClaimSignals, Corpus};
use crate::extract::ActorKind;

/// What a claim's document is about counts for this much of what the claim names itself.
pub const CONTEXT_WEIGHT: f32 = 0.5;

/// A claim's content words weighed by rarity, sorted by hash.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    entries: Vec<(u64, f32)>,
    /// The rarity of a word that only one claim has.
    unique: f32,
}

/// How rare each actor and word is among the claims of the corpus (both on one scale).
pub struct Rarity {
    /// Inverse claim frequency of each global actor.
    actor: Vec<f32>,
    /// Inverse claim frequency of each content word hash.
    word: FxHashMap<u64, f32>,
    /// The rarity of a word only one claim has.
    unique: f32,
}

impl Rarity {
    /// Rarity from the actors and words of every claim; `actors` is the number of global
    /// actors.
    pub fn new(actors: usize, signals: &[ClaimSignals]) -> Self {
        let mut actor_counts = vec![0usize; actors];
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for s in signals {
            for &a in &s.actors {
                if let Some(n) = actor_counts.get_mut(a) {
                    *n += 1;
                }
            }
            for &w in &s.words {
                *counts.entry(w).or_default() += 1;
            }
        }
        let n = signals.len();
        let actor = actor_counts.into_iter().map(|c| idf(c.max(1), n)).collect();
        let word = counts
            .into_iter()
            .map(|(w, c)| (w, idf(c as usize, n)))
            .collect();
        Self {
            actor,
            word,
            unique: idf(1, n),
        }
    }

    /// How rare a global actor is.
    pub fn actor(&self, a: usize) -> f32 {
        self.actor.get(a).copied().unwrap_or(0.0)
    }
}

/// Inverse claim frequency, smoothed so that a word every claim has still weighs a little:
/// in a corpus of two articles the words both share are what makes them one story.
fn idf(count: usize, total: usize) -> f32 {
    (1.0 + total as f32 / count.max(1) as f32).ln()
}

/// How much each kind of actor says about what a claim is about: a person, an
/// organisation or another named thing identifies it; a place, a country or a group of
/// people only narrows it down (many stories are about one country), except for a count
/// that grows, which is the count of an event in a place; a medium reports, it is not
/// reported on.
pub fn kind_weight(kind: ActorKind, rolling: bool) -> f32 {
    match kind {
        ActorKind::Person | ActorKind::Organization | ActorKind::Other => 1.0,
        ActorKind::Country | ActorKind::Place | ActorKind::Group => {
            if rolling {
                1.0
            } else {
                PLACE_WEIGHT
            }
        }
        ActorKind::Media => 0.0,
    }
}

/// A place or country counts for this much of a person or organisation.
pub const PLACE_WEIGHT: f32 = 0.5;

/// What two claims share of who or what they are about.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SharedSubjects {
    /// Weight of the actors both claims name.
    pub named: f32,
    /// Weight of the actors one names and the other's document is about, or both
    /// documents are about, at [`CONTEXT_WEIGHT`].
    pub context: f32,
}

impl SharedSubjects {
    /// All the evidence together.
    pub fn total(self) -> f32 {
        self.named + self.context
    }
}

/// The actors a claim is about: those it names, or, when it names none ("It agreed to
/// pay $13m"), those its document is about.
fn named<'a>(x: &'a ClaimSignals, corpus: &'a Corpus<'_>) -> &'a [usize] {
    if x.actors.is_empty() {
        corpus.salient(x.document)
    } else {
        &x.actors
    }
}

/// The actors two claims share, weighed by kind (see [`kind_weight`]).
pub fn shared_subjects(
    a: &ClaimSignals,
    b: &ClaimSignals,
    corpus: &Corpus<'_>,
    rolling: bool,
) -> SharedSubjects {
    let (ca, cb) = (corpus.salient(a.document), corpus.salient(b.document));
    let (na, nb) = (named(a, corpus), named(b, corpus));
    let weight = |x: usize| kind_weight(corpus.kind(x), rolling);
    let mut shared = SharedSubjects::default();
    for &x in na {
        if nb.contains(&x) {
            shared.named += weight(x);
        } else if cb.contains(&x) {
            shared.context += CONTEXT_WEIGHT * weight(x);
        }
    }
    for &x in nb {
        if !na.contains(&x) && ca.contains(&x) {
            shared.context += CONTEXT_WEIGHT * weight(x);
        }
    }
    for &x in ca {
        if cb.contains(&x) && !na.contains(&x) && !nb.contains(&x) {
            shared.context += CONTEXT_WEIGHT * CONTEXT_WEIGHT * weight(x);
        }
    }
    shared
}

/// Whether two claims can be about the same participants. Not when they name different
/// holders of the figure (`McManus and Magnier own a 29% stake`, `Glazer owns a 28.1%
/// stake`), nor when each names an actor, or has a main subject in its document, that
/// the other claim and its document leave out (the seven nominations of a film at one
/// award and its three at another; the fines of two companies, both paid to one
/// regulator).
pub fn same_participants(a: &ClaimSignals, b: &ClaimSignals, corpus: &Corpus<'_>) -> bool {
    if let (Some(x), Some(y)) = (a.holder, b.holder)
        && x != y
        && !a.actors.contains(&y)
        && !b.actors.contains(&x)
    {
        return false;
    }
    let only = |x: &ClaimSignals, y: &ClaimSignals| {
        let theirs =
            |actor: &usize| y.actors.contains(actor) || corpus.salient(y.document).contains(actor);
        let main = corpus.salient(x.document).first();
        x.actors
            .iter()
            .chain(main)
            .any(|actor| corpus.kind(*actor) != ActorKind::Media && !theirs(actor))
    };
    !(only(a, b) && only(b, a))
}

impl Profile {
    /// The profile of one claim: its content words, weighed by rarity.
    pub fn new(signals: &ClaimSignals, rarity: &Rarity) -> Self {
        let mut entries: Vec<(u64, f32)> = signals
            .words
            .iter()
            .map(|w| (*w, rarity.word.get(w).copied().unwrap_or(0.0)))
            .collect();
        entries.sort_unstable_by_key(|e| e.0);
        entries.dedup_by_key(|e| e.0);
        Self {
            entries,
            unique: rarity.unique,
        }
    }

    /// The hashes of the `k` rarest words that occur in more than one claim.
    pub fn rarest(&self, k: usize) -> impl Iterator<Item = u64> + '_ {
        let mut shared: Vec<&(u64, f32)> = self
            .entries
            .iter()
            .filter(|e| e.1 > 0.0 && e.1 < self.unique)
            .collect();
        shared.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.into_iter().take(k).map(|e| e.0)
    }

    /// Weighted Jaccard similarity of the words: the weight of what both share over the
    /// weight of what either has, from 0 (nothing shared) to 1.
    pub fn similarity(&self, other: &Profile) -> f32 {
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j) = (0, 0);
        let (mut shared, mut all) = (0f32, 0f32);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => {
                    all += a[i].1;
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    all += b[j].1;
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    shared += a[i].1.min(b[j].1);
                    all += a[i].1.max(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        all += a[i..].iter().map(|e| e.1).sum::<f32>() + b[j..].iter().map(|e| e.1).sum::<f32>();
        if all <= 0.0 { 0.0 } else { shared / all }
    }
}
