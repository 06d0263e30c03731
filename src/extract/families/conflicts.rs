//! Whether the figures of a family disagree, and whether the disagreement is an update.
//!
//! Only the figures of the counted quantity are compared, each as the range of true
//! values its qualifier and its written precision allow (`$9.3bn` and `$9.37bn` agree).
//! Figures that agree fall into one cluster; a family disagrees when two clusters are
//! each given by a document that does not give the other. One voice in one document that
//! gives both is telling two figures of one story (the start price and the price paid),
//! not contradicting itself; two documents that each give one disagree, if they speak of
//! the same participants. Figures for different periods are not
//! compared, except for counts that grow while an event unfolds (a death toll): those,
//! told as counts so far or on different dates, are an update.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use super::super::figures::{Figure, FigureKind};
use super::frames::counted_class;
use super::time::Period;
use super::{ClaimSignals, Corpus, Frame, profiles, statements, time};
use crate::extract::Claim;
use crate::text::lexicon::{List, lexicon};

/// At most this many clusters of a family are compared pairwise.
const MAX_CLUSTERS: usize = 32;
/// Reworded statements are compared only when their Jaccard similarity is at least this.
pub const NEAR_IDENTICAL: f64 = 0.8;
/// At most this many figures of each cluster are compared with those of another.
const MAX_PAIRS_PER_CLUSTER: usize = 8;

/// What the figures of a family say together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assessment {
    /// The distinct values of the compared figures, ascending.
    pub values: Vec<f64>,
    /// Sources give figures that cannot all be true at once.
    pub conflict: bool,
    /// Sources give different figures of a count that grows, at different times.
    pub update: bool,
}

/// One compared figure.
struct Item<'a> {
    figure: &'a Figure,
    /// The figure that closes a range the first opens ("between £19 and £29").
    upper: Option<&'a Figure>,
    claim: usize,
    periods: &'a [Period],
    running: bool,
}

impl Item<'_> {
    /// The true values the figure (or range) allows.
    fn range(&self) -> (f64, f64) {
        let (low, high) = self.figure.range();
        match self.upper {
            Some(u) => (low, high.max(u.range().1)),
            None => (low, high),
        }
    }

    fn is_open(&self) -> bool {
        self.figure.bound.is_open()
    }

    fn agrees_with(&self, other: &Item<'_>) -> bool {
        let (a, b) = (self.range(), other.range());
        a.0 <= b.1 && b.0 <= a.1
    }
}

/// The figures of a family that are compared.
struct Compared<'a> {
    items: Vec<Item<'a>>,
    /// The event class of the figures (empty for reworded statements).
    event: &'a str,
    /// Framed figures, not the first figures of reworded statements.
    framed: bool,
}

/// Compares the figures of the family `members`.
pub fn assess(
    members: &[usize],
    claims: &[Claim],
    signals: &[ClaimSignals],
    corpus: &Corpus<'_>,
) -> Assessment {
    let compared = compared_figures(members, claims, signals);
    let items = &compared.items;
    let rolling = lexicon().has(List::RollingClasses, compared.event);
    let mut values: Vec<f64> = items.iter().map(|it| it.figure.value).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let mut assessment = Assessment {
        values,
        ..Assessment::default()
    };
    let clusters = clusters(items);
    let document = |x: usize| signals[items[x].claim].document;
    for (n, u) in clusters.iter().enumerate() {
        for v in &clusters[n + 1..] {
            let agree = u
                .iter()
                .any(|&x| v.iter().any(|&y| items[x].agrees_with(&items[y])));
            // One voice in one document giving both figures tells two figures of one story
            // (a suit against a government and another against a company).
            let one_voice = u.iter().any(|&x| {
                v.iter().any(|&y| {
                    document(x) == document(y)
                        && claims[items[x].claim].speaker == claims[items[y].claim].speaker
                })
            });
            if agree || one_voice {
                continue;
            }
            // Nor are two figures given by one document compared with each other.
            let only = |a: &[usize], b: &[usize]| -> Vec<usize> {
                a.iter()
                    .copied()
                    .filter(|&x| !b.iter().any(|&y| document(y) == document(x)))
                    .take(MAX_PAIRS_PER_CLUSTER)
                    .collect()
            };
            let (only_u, only_v) = (only(u, v), only(v, u));
            for &x in &only_u {
                for &y in &only_v {
                    let (a, b) = (&items[x], &items[y]);
                    let (sa, sb) = (&signals[a.claim], &signals[b.claim]);
                    let near = near_identical(sa, sb);
                    if !compared.framed && !near {
                        continue;
                    }
                    // A disagreement needs both sentences to name what the figure is about:
                    // "it has sold 5 million copies" in one article about games and "it has
                    // sold 8 million" in another are two products, whatever the articles
                    // share.
                    if !near && !rolling && !sa.actors.iter().any(|x| sb.actors.contains(x)) {
                        continue;
                    }
                    if !profiles::same_participants(sa, sb, corpus) {
                        continue;
                    }
                    let same_time = time::comparable(compared.event, a.periods, b.periods);
                    let dates_differ = {
                        let (da, db) =
                            (corpus.published(sa.document), corpus.published(sb.document));
                        da.is_some() && db.is_some() && da != db
                    };
                    if rolling && (a.running || b.running || a.periods != b.periods || dates_differ)
                    {
                        assessment.update = true;
                    } else if same_time {
                        assessment.conflict = true;
                        assessment.update = false;
                        return assessment;
                    }
                }
            }
        }
    }
    assessment
}

/// Whether two claims are one statement with a figure changed: almost every content word
/// and actor the same. Claims that are merely alike ("Vera Drake has seven nominations at
/// one award", "three at another") are not compared.
fn near_identical(a: &ClaimSignals, b: &ClaimSignals) -> bool {
    statements::jaccard(&statements::signal_set(a), &statements::signal_set(b)) >= NEAR_IDENTICAL
}

/// The figures of a family to compare.
///
/// In a family of framed claims these are the framed figures of its main frame, amounts
/// in the currency most of them give; in a family of reworded statements, the first
/// quantity of each claim, where it is of the same kind and unit as most of them.
fn compared_figures<'a>(
    members: &[usize],
    claims: &'a [Claim],
    signals: &'a [ClaimSignals],
) -> Compared<'a> {
    let item = |i: usize, figure: &'a Figure, upper: Option<&'a Figure>| Item {
        figure,
        upper,
        claim: i,
        periods: &signals[i].when.periods,
        running: signals[i].when.running,
    };
    let frames: Vec<(&str, &str)> = members
        .iter()
        .filter_map(|&i| signals[i].frame.as_ref())
        .map(|f| (f.event, f.counted.as_str()))
        .collect();
    if let Some(key) = most_common(&frames) {
        let framed: Vec<(usize, &Frame)> = members
            .iter()
            .filter_map(|&i| signals[i].frame.as_deref().map(|f| (i, f)))
            .filter(|(_, f)| (f.event, f.counted.as_str()) == key)
            .collect();
        let amounts = |i: usize, f: &'a Frame| super::amounts(&claims[i].numbers, f);
        let currencies: Vec<Option<&str>> = framed
            .iter()
            .flat_map(|&(i, f)| amounts(i, f))
            .filter(|f| f.kind == FigureKind::Money)
            .map(|f| f.unit.as_deref())
            .collect();
        let currency = most_common(&currencies).flatten();
        let items = framed
            .iter()
            .filter_map(|&(i, f)| {
                let main = claims[i].numbers.get(f.figure)?;
                let upper = f.upper.and_then(|k| claims[i].numbers.get(k));
                if main.kind != FigureKind::Money || main.unit.as_deref() == currency {
                    return Some(item(i, main, upper));
                }
                let converted = amounts(i, f).find(|x| x.unit.as_deref() == currency)?;
                Some(item(i, converted, None))
            })
            .collect();
        return Compared {
            items,
            event: key.0,
            framed: true,
        };
    }
    let first_quantity = |i: usize| {
        signals[i]
            .quantities
            .first()
            .and_then(|&k| claims[i].numbers.get(k))
    };
    let unit_of = |f: &Figure| match f.kind {
        FigureKind::Money => f.unit.clone().unwrap_or_default(),
        _ => counted_class(f.unit.as_deref().unwrap_or_default()),
    };
    let kinds: Vec<(FigureKind, String)> = members
        .iter()
        .filter_map(|&i| first_quantity(i))
        .map(|f| (f.kind, unit_of(f)))
        .collect();
    let items = match most_common(&kinds) {
        Some(main) => members
            .iter()
            .filter_map(|&i| first_quantity(i).map(|f| (i, f)))
            .filter(|(_, f)| (f.kind, unit_of(f)) == main)
            .map(|(i, f)| item(i, f, None))
            .collect(),
        None => Vec::new(),
    };
    Compared {
        items,
        event: "",
        framed: false,
    }
}

/// The most frequent value, the earliest of equally frequent ones.
pub fn most_common<T: Eq + Hash + Clone>(values: &[T]) -> Option<T> {
    let mut counts: FxHashMap<&T, (usize, usize)> = FxHashMap::default();
    for (at, v) in values.iter().enumerate() {
        counts.entry(v).or_insert((0, at)).0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, (n, at))| (n, std::cmp::Reverse(at)))
        .map(|(v, _)| v.clone())
}

/// Groups the items into clusters of figures that agree, as index lists. Figures with
/// one open end ("over 70") agree with many and would chain unrelated clusters: each
/// stands alone, and is compared with the clusters of bounded figures.
fn clusters(items: &[Item<'_>]) -> Vec<Vec<usize>> {
    let mut bounded: Vec<(usize, (f64, f64))> = Vec::new();
    let mut open: Vec<Vec<usize>> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.is_open() {
            open.push(vec![i]);
        } else {
            bounded.push((i, it.range()));
        }
    }
    bounded.sort_by(|a, b| a.1.0.total_cmp(&b.1.0));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for (i, (low, high)) in bounded {
        match clusters.last_mut() {
            Some(last) if low <= reach => {
                last.push(i);
                reach = reach.max(high);
            }
            _ => {
                clusters.push(vec![i]);
                reach = high;
            }
        }
    }
    clusters.extend(open);
    clusters.truncate(MAX_CLUSTERS);
    clusters
}
