//! Families of figures: claims with the same frame (what is counted, of which event) that
//! are about the same thing, shown by the actors and words their profiles share.
//!
//! A shared trigger word is not enough: the fines of two companies are both `fine` of
//! `money`, but their claims name different companies. Claims are compared only with
//! earlier claims of the same frame that share an actor with them (or their document),
//! so the work stays linear in the number of claims.

use rustc_hash::FxHashMap;

use super::super::figures::{Figure, FigureKind};
use super::super::mentions::UnionFind;
use super::profiles::{self, Profile, shared_subjects};
use super::{ClaimSignals, Corpus, time};
use crate::extract::Claim;
use crate::text::lexicon::{List, lexicon};

/// Weight of shared actors (see [`profiles::kind_weight`]) that makes two claims of one
/// frame about the same thing: one person or organisation, or two places.
pub const SAME_SUBJECT: f32 = 1.0;
/// Claims of one frame in different documents whose figures agree are the same claim
/// when they share a subject, or when their words are at least this similar.
pub const AGREEING_WORDS: f32 = 0.2;
/// Claims of one frame in different documents whose figures differ are the same claim
/// only when both name a subject and their words are at least this similar: a
/// disagreement needs better evidence that both speak of one thing than an agreement.
pub const DISAGREEING_WORDS: f32 = 0.1;
/// In one document, claims of one frame with agreeing figures are the same claim
/// repeated (a headline and its first line) when they name a subject or their words are
/// this similar; figures that differ in one document are other figures of the story.
pub const SAME_DOCUMENT_WORDS: f32 = 0.2;
/// A figure open on one side and another figure are close when the larger is at most this
/// many times the smaller.
pub const OPEN_AGREEMENT_RATIO: f64 = 1.5;
/// Claims of one frame in different documents whose figures differ are also the same
/// claim, without a subject both name, when their words are at least this similar (the
/// same sentence of a story told again with another figure).
pub const SIMILAR_WORDS: f32 = 0.3;
/// A claim is also filed under this many of its rarest content words, so that claims
/// about one event that name no common actor ("the tsunami") meet.
const TOPIC_WORDS: usize = 2;
// A claim comparison tests the words against DISAGREEING_WORDS first: it relies on this.
const _: () = assert!(SIMILAR_WORDS >= DISAGREEING_WORDS);

/// How many earlier claims are kept per frame and actor to compare new claims with.
const BUCKET_CAPACITY: usize = 24;

/// What a claim is filed under for comparison: an actor it or its document names, or
/// its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Topic {
    Actor(usize),
    Document(usize),
    Word(u64),
}

/// Joins the claims that give a figure of the same frame about the same thing. Each claim
/// is compared with the earlier claims filed under its frame and one of its topics (the
/// first [`BUCKET_CAPACITY`] of each), the comparisons made on every core.
pub fn link(
    uf: &mut UnionFind,
    claims: &[Claim],
    signals: &[ClaimSignals],
    profiles: &[Profile],
    corpus: &Corpus<'_>,
) {
    use rayon::prelude::*;
    let topics: Vec<Vec<Topic>> = signals
        .par_iter()
        .enumerate()
        .map(|(i, s)| topics_of(s, &profiles[i], corpus))
        .collect();
    // Each frame by number, so that buckets are found without comparing its words.
    let mut frame_numbers: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let frames: Vec<u32> = signals
        .iter()
        .map(|s| match &s.frame {
            Some(frame) => {
                let next = frame_numbers.len() as u32;
                *frame_numbers
                    .entry((frame.event, frame.counted.as_str()))
                    .or_insert(next)
            }
            None => u32::MAX,
        })
        .collect();
    drop(frame_numbers);
    let mut buckets: FxHashMap<(u32, Topic), Vec<usize>> = FxHashMap::default();
    for (i, s) in signals.iter().enumerate() {
        if s.frame.is_none() {
            continue;
        }
        for &topic in &topics[i] {
            let list = buckets.entry((frames[i], topic)).or_default();
            if list.len() < BUCKET_CAPACITY {
                list.push(i);
            }
        }
    }
    let same: Vec<Vec<usize>> = signals
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            if s.frame.is_none() {
                return Vec::new();
            }
            // What the buckets held when claim `i` came: the claims before it.
            let mut candidates: Vec<usize> = Vec::new();
            for &topic in &topics[i] {
                if let Some(list) = buckets.get(&(frames[i], topic)) {
                    candidates.extend(list.iter().copied().take_while(|&j| j < i));
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            candidates.retain(|&j| same_claim(claims, signals, profiles, corpus, i, j));
            candidates
        })
        .collect();
    for (i, others) in same.iter().enumerate() {
        for &j in others {
            uf.union(i, j);
        }
    }
}

/// What a claim with a frame is filed under: its document, the actors it and its
/// document name, its rarest words; sorted, distinct. Nothing for a claim without one.
fn topics_of(s: &ClaimSignals, profile: &Profile, corpus: &Corpus<'_>) -> Vec<Topic> {
    if s.frame.is_none() {
        return Vec::new();
    }
    let mut topics = vec![Topic::Document(s.document)];
    topics.extend(s.actors.iter().map(|&a| Topic::Actor(a)));
    topics.extend(corpus.salient(s.document).iter().map(|&a| Topic::Actor(a)));
    topics.extend(profile.rarest(TOPIC_WORDS).map(Topic::Word));
    topics.sort_unstable_by_key(|t| match *t {
        Topic::Actor(a) => (0, a as u64),
        Topic::Document(d) => (1, d as u64),
        Topic::Word(w) => (2, w),
    });
    topics.dedup();
    topics
}

/// Whether claims `i` and `j`, of one frame, assert the same thing.
fn same_claim(
    claims: &[Claim],
    signals: &[ClaimSignals],
    profiles: &[Profile],
    corpus: &Corpus<'_>,
    i: usize,
    j: usize,
) -> bool {
    let (a, b) = (&signals[i], &signals[j]);
    let Some(frame) = &a.frame else { return false };
    let rolling = lexicon().has(List::RollingClasses, frame.event);
    // A count that grows is one event on Monday and on Tuesday; other figures are not.
    if !rolling && time::exclusive(&a.when.periods, &b.when.periods) {
        return false;
    }
    // Each test is made only when it can still decide.
    let agree = figures_agree(claims, signals, i, j);
    let subjects = || shared_subjects(a, b, corpus, rolling);
    let words = || profiles[i].similarity(&profiles[j]);
    if a.document == b.document {
        agree && (subjects().named >= SAME_SUBJECT || words() >= SAME_DOCUMENT_WORDS)
    } else if agree {
        subjects().total() >= SAME_SUBJECT || words() >= AGREEING_WORDS
    } else {
        let words = words();
        words >= DISAGREEING_WORDS
            && (subjects().named >= SAME_SUBJECT || words >= SIMILAR_WORDS)
            && profiles::same_participants(a, b, corpus)
            // A count that grows is compared across days: that is an update.
            && (rolling || time::comparable(frame.event, &a.when.periods, &b.when.periods))
    }
}

/// Whether the framed figures of two claims can be the same value, compared in a
/// currency both give (a main amount or its conversion).
pub fn figures_agree(claims: &[Claim], signals: &[ClaimSignals], i: usize, j: usize) -> bool {
    let (Some(fa), Some(fb)) = (&signals[i].frame, &signals[j].frame) else {
        return false;
    };
    let mut xs = super::amounts(&claims[i].numbers, fa).zip(&signals[i].ranges);
    let ys = super::amounts(&claims[j].numbers, fb).zip(&signals[j].ranges);
    xs.any(|(x, a)| {
        ys.clone().any(|(y, b)| {
            let same_unit = x.kind != FigureKind::Money || x.unit == y.unit;
            same_unit && a.0 <= b.1 && b.0 <= a.1 && close(x, y)
        })
    })
}

/// A figure open on one side ("more than £5,000") agrees with any larger one; as a sign
/// that two claims give the same figure it counts only when the values are close.
fn close(x: &Figure, y: &Figure) -> bool {
    if !x.bound.is_open() && !y.bound.is_open() {
        return true;
    }
    let (low, high) = if x.value <= y.value {
        (x.value, y.value)
    } else {
        (y.value, x.value)
    };
    high <= low * OPEN_AGREEMENT_RATIO
}
