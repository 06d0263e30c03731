//! Families: claims across documents that assert the same thing.
//!
//! A claim with a figure gets a frame ([`frames`]): the event or amount it is a figure of
//! and what it counts, figures masked (`killed 17,000 Iranians` and `responsible for
//! 17,000 deaths` are both `kill` of `people`). Claims of one frame join when they are
//! about the same thing ([`grouping`]): their profiles ([`profiles`]) share rare actors
//! and words, and they name no different periods ([`time`]). Claims that make the same
//! statement in other words join too ([`statements`]). Then each family's figures are
//! compared ([`conflicts`]): a conflict when sources give figures that cannot all be
//! true, an update when a growing count is reported at different times. Labels say what
//! a family is about ([`labels`]).

pub mod conflicts;
pub mod frames;
pub mod grouping;
pub mod labels;
pub mod profiles;
pub mod statements;
pub mod time;

use rustc_hash::FxHashMap;

use super::figures::Figure;
use super::mentions::UnionFind;
use super::{Actor, ActorKind, Claim, Family};
pub use frames::{Frame, frame, holder, quantities};
use profiles::{Profile, Rarity};
pub use time::{When, when};

/// What families are built from, for one claim.
#[derive(Clone, Debug, Default)]
pub struct ClaimSignals {
    /// Document index.
    pub document: usize,
    /// Its frame, if it gives a figure of an event or amount.
    pub frame: Option<Box<Frame>>,
    /// Indices of its figures that are quantities (not ages, scores, names).
    pub quantities: Vec<usize>,
    /// When its figures are for.
    pub when: When,
    /// Hashes of its content words.
    pub words: Vec<u64>,
    /// Global indices of the actors it names, its speaker left out, sorted.
    pub actors: Vec<usize>,
    /// Global index of its speaker.
    pub speaker: Option<usize>,
    /// Global index of the person or organisation that holds its framed figure.
    pub holder: Option<usize>,
    /// The true values each of its framed amounts allows ([`Figure::range`]), the framed
    /// figure first, then its equivalents in other currencies: worked out once, since a
    /// claim is compared with many.
    pub ranges: Vec<(f64, f64)>,
}

/// The framed figure of a claim and its equivalents in other currencies, those it has.
pub fn amounts<'a>(
    numbers: &'a [Figure],
    frame: &'a Frame,
) -> impl Iterator<Item = &'a Figure> + Clone {
    std::iter::once(frame.figure)
        .chain(frame.equivalents.iter().copied())
        .filter_map(|k| numbers.get(k))
}

/// The [`ClaimSignals::ranges`] of a claim with `numbers` and `frame`.
pub fn amount_ranges(numbers: &[Figure], frame: Option<&Frame>) -> Vec<(f64, f64)> {
    frame.map_or_else(Vec::new, |f| {
        amounts(numbers, f).map(Figure::range).collect()
    })
}

/// What is known of the corpus as a whole that families need.
pub struct Corpus<'a> {
    actors: &'a [Actor],
    salient: &'a [Vec<usize>],
    published: Vec<Option<&'a str>>,
    pub(crate) rarity: Rarity,
}

impl<'a> Corpus<'a> {
    /// The corpus's global `actors`, each document's `salient` actors (what it is about)
    /// and publication date, and every claim's signals.
    pub fn new(
        actors: &'a [Actor],
        salient: &'a [Vec<usize>],
        published: Vec<Option<&'a str>>,
        signals: &[ClaimSignals],
    ) -> Self {
        Self {
            actors,
            salient,
            published,
            rarity: Rarity::new(actors.len(), signals),
        }
    }

    /// The salient actors of document `d`.
    pub fn salient(&self, d: usize) -> &[usize] {
        self.salient.get(d).map_or(&[], Vec::as_slice)
    }

    /// The publication date of document `d`, if known.
    pub fn published(&self, d: usize) -> Option<&'a str> {
        self.published.get(d).copied().flatten()
    }

    /// The kind of global actor `a`.
    pub fn kind(&self, a: usize) -> ActorKind {
        self.actors.get(a).map_or(ActorKind::Other, |x| x.kind)
    }

    /// The name of global actor `a`.
    pub fn name(&self, a: usize) -> &'a str {
        self.actors.get(a).map_or("", |x| x.name.as_str())
    }

    /// How rare global actor `a` is among the claims.
    pub fn rarity(&self, a: usize) -> f32 {
        self.rarity.actor(a)
    }
}

/// Groups claims into families, setting each member's `family`.
pub fn group(claims: &mut [Claim], signals: &[ClaimSignals], corpus: &Corpus<'_>) -> Vec<Family> {
    use rayon::prelude::*;
    let profiles: Vec<Profile> = signals
        .par_iter()
        .map(|s| Profile::new(s, &corpus.rarity))
        .collect();
    let mut uf = UnionFind::new(claims.len());
    grouping::link(&mut uf, claims, signals, &profiles, corpus);
    statements::link(&mut uf, signals);
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..claims.len() {
        members.entry(uf.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    groups.sort_by_key(|m| m[0]);
    // Each family is assessed and labelled on its own, on every core.
    let read: &[Claim] = claims;
    let judged: Vec<(conflicts::Assessment, String)> = groups
        .par_iter()
        .map(|group| {
            (
                conflicts::assess(group, read, signals, corpus),
                labels::label(read, signals, corpus, group),
            )
        })
        .collect();
    let mut families = Vec::with_capacity(groups.len());
    for (n, (group, (assessment, label))) in groups.into_iter().zip(judged).enumerate() {
        let id = format!("f{}", n + 1);
        for &i in &group {
            claims[i].family = Some(id.clone());
        }
        families.push(Family {
            id,
            label,
            claims: group.iter().map(|&i| claims[i].id.clone()).collect(),
            values: assessment.values,
            conflict: assessment.conflict,
            update: assessment.update,
        });
    }
    families
}
