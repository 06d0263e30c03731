//! Families: claims across documents that assert the same thing.
//!
//! Claims with a counted event (`killed 17,000 Iranians`, `responsible for 12,000
//! deaths`) get a frame: the event class and what is counted, figures masked. Claims with
//! the same frame in documents that share a salient actor form a family. Other claims form
//! families when their content words and actors mostly coincide (MinHash buckets, checked
//! with the exact Jaccard similarity), which finds the same sentence reworded across
//! outlets. A family whose figures cannot all be true at once is a conflict.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::figures::Figure;
use super::mentions::UnionFind;
use super::{Claim, Family};
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::{Source, lower};

/// The event a figure counts and what it counts, figures masked.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Event class from the lexicon (`kill`, `injure`, `fund`, ...).
    pub event: &'static str,
    /// What is counted: `people` for any word for people, else the noun.
    pub counted: String,
    /// Index into the claim's figures of the figure the frame is about.
    pub figure: usize,
}

/// What families are built from, for one claim.
pub struct ClaimSignals {
    /// Document index.
    pub document: usize,
    /// Its frame, if it counts an event.
    pub frame: Option<Frame>,
    /// Hashes of its content words.
    pub words: Vec<u64>,
    /// Global indices of the actors it names.
    pub actors: Vec<usize>,
}

/// How many tokens away an event word may stand from its figure.
const EVENT_WINDOW: usize = 12;
/// Minimum Jaccard similarity for two claims to be the same statement.
const SAME_STATEMENT: f64 = 0.5;
/// Fewer distinct signals than this and a claim is too short to compare.
const MIN_SIGNALS: usize = 5;

/// The frame of a sentence: its first counted quantity next to an event word.
pub fn frame(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    figures: &[Figure],
) -> Option<Frame> {
    let lex = lexicon();
    let mut events: Vec<(usize, &'static str)> = range
        .clone()
        .filter(|&i| tokens[i].kind == TokenKind::Word)
        .filter_map(|i| lex.event_class(src.lower(&tokens[i])).map(|c| (i, c)))
        .collect();
    // Coordinated event words ("kill&maim", "killed and wounded") take the class of the
    // first one: it heads the coordination.
    for k in 1..events.len() {
        let (prev, class) = events[k - 1];
        let (at, _) = events[k];
        let joined = at == prev + 2 && {
            let between = src.token(&tokens[prev + 1]);
            matches!(between, "&" | "and" | "or" | "," | "/")
        };
        if joined {
            events[k].1 = class;
        }
    }
    if events.is_empty() {
        return None;
    }
    for (index, figure) in figures.iter().enumerate() {
        if !figure.kind.is_quantity() {
            continue;
        }
        let counted = figure
            .unit
            .as_deref()
            .map(counted_class)
            .unwrap_or_default();
        // The counted noun may itself be the event ("17,000 deaths").
        let event = figure
            .unit
            .as_deref()
            .and_then(|u| lex.event_class(&lower(u)))
            .or_else(|| {
                events
                    .iter()
                    .min_by_key(|(i, _)| i.abs_diff(figure.token))
                    .filter(|(i, _)| i.abs_diff(figure.token) <= EVENT_WINDOW)
                    .map(|(_, c)| *c)
            })
            .or_else(|| {
                (events.len() == 1 || events.iter().all(|e| e.1 == events[0].1))
                    .then_some(events[0].1)
            })?;
        return Some(Frame {
            event,
            counted,
            figure: index,
        });
    }
    None
}

/// Words for people count as `people`; `Iranians`, `civilians` and `deaths` alike.
fn counted_class(unit: &str) -> String {
    let lex = lexicon();
    let w = lower(unit);
    let people = lex.has(List::PeopleNouns, &w)
        || super::gazetteer::lookup(unit).is_some_and(|h| h.form == super::gazetteer::Form::People)
        || lex.has(List::GroupWords, &w)
        || lex.event_class(&w) == Some("kill");
    if people {
        "people".to_string()
    } else {
        w.into_owned()
    }
}

fn event_label(event: &str) -> &str {
    match event {
        "kill" => "killed",
        "injure" => "injured",
        "arrest" => "arrested",
        "displace" => "displaced",
        "fund" => "paid",
        "attack" => "attacks on",
        "vote" => "votes of",
        "infect" => "infected",
        other => other,
    }
}

/// Event, what is counted, a salient actor of the document (or, with none, the document).
type FrameKey<'a> = (&'static str, &'a str, Option<usize>, Option<usize>);

/// Groups claims into families, setting each member's `family`.
pub fn group(
    claims: &mut [Claim],
    signals: &[ClaimSignals],
    salient: &[Vec<usize>],
) -> Vec<Family> {
    let mut uf = UnionFind::new(claims.len());
    let mut in_frame_family = vec![false; claims.len()];
    // Same frame, documents sharing a salient actor (or the same document).
    let mut by_frame: FxHashMap<FrameKey<'_>, usize> = FxHashMap::default();
    for (i, s) in signals.iter().enumerate() {
        let Some(frame) = &s.frame else { continue };
        let topics: Vec<Option<usize>> = match salient.get(s.document) {
            Some(actors) if !actors.is_empty() => actors.iter().map(|&a| Some(a)).collect(),
            _ => vec![None],
        };
        for topic in topics {
            let doc_key = if topic.is_none() {
                Some(s.document)
            } else {
                None
            };
            let k = (frame.event, frame.counted.as_str(), topic, doc_key);
            match by_frame.get(&k) {
                Some(&j) => {
                    uf.union(i, j);
                    in_frame_family[i] = true;
                    in_frame_family[j] = true;
                }
                None => {
                    by_frame.insert(k, i);
                }
            }
        }
    }
    // Same statement in other words: MinHash buckets, verified.
    let sets: Vec<Vec<u64>> = signals.iter().map(signal_set).collect();
    let mut buckets: FxHashMap<(usize, u64), usize> = FxHashMap::default();
    for (i, set) in sets.iter().enumerate() {
        if in_frame_family[i] || set.len() < MIN_SIGNALS {
            continue;
        }
        for (band, bucket) in minhash_bands(set).into_iter().enumerate() {
            match buckets.get(&(band, bucket)) {
                Some(&j) if !in_frame_family[j] && jaccard(set, &sets[j]) >= SAME_STATEMENT => {
                    uf.union(i, j);
                }
                Some(_) => {}
                None => {
                    buckets.insert((band, bucket), i);
                }
            }
        }
    }
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..claims.len() {
        members.entry(uf.find(i)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    groups.sort_by_key(|m| m[0]);
    let mut families = Vec::with_capacity(groups.len());
    for (n, group) in groups.into_iter().enumerate() {
        let id = format!("f{}", n + 1);
        let main_figures: Vec<&Figure> = group
            .iter()
            .filter_map(|&i| main_figure(&claims[i], &signals[i]))
            .collect();
        let mut values: Vec<f64> = main_figures.iter().map(|f| f.value).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        let conflict = intervals_disagree(&main_figures);
        let label = label(claims, signals, &group);
        for &i in &group {
            claims[i].family = Some(id.clone());
        }
        families.push(Family {
            id,
            label,
            claims: group.iter().map(|&i| claims[i].id.clone()).collect(),
            values,
            conflict,
        });
    }
    families
}

fn main_figure<'a>(claim: &'a Claim, signals: &ClaimSignals) -> Option<&'a Figure> {
    match &signals.frame {
        Some(frame) => claim.numbers.get(frame.figure),
        None => claim.numbers.iter().find(|f| f.kind.is_quantity()),
    }
}

/// Whether no single value satisfies every figure's qualifier.
fn intervals_disagree(figures: &[&Figure]) -> bool {
    if figures.len() < 2 {
        return false;
    }
    let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
    for f in figures {
        let (l, h) = f.bound.interval(f.value);
        low = low.max(l);
        high = high.min(h);
    }
    low > high + 1e-9
}

fn label(claims: &[Claim], signals: &[ClaimSignals], group: &[usize]) -> String {
    if let Some(frame) = group.iter().find_map(|&i| signals[i].frame.as_ref()) {
        let counted = if frame.counted.is_empty() {
            ""
        } else {
            frame.counted.as_str()
        };
        return format!("{} N {counted}", event_label(frame.event))
            .trim()
            .to_string();
    }
    let shortest = group
        .iter()
        .map(|&i| &claims[i])
        .min_by_key(|c| c.text.len())
        .map(mask_figures)
        .unwrap_or_default();
    shorten(&shortest, 72)
}

fn mask_figures(claim: &Claim) -> String {
    let mut text = claim.text.clone();
    let mut figures: Vec<&Figure> = claim
        .numbers
        .iter()
        .filter(|f| f.kind.is_quantity())
        .collect();
    figures.sort_by_key(|f| std::cmp::Reverse(f.start));
    for f in figures {
        let (a, b) = (
            f.start.saturating_sub(claim.start),
            f.end.saturating_sub(claim.start),
        );
        if b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) {
            text.replace_range(a..b, "N");
        }
    }
    text
}

fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn signal_set(s: &ClaimSignals) -> Vec<u64> {
    let mut set = s.words.clone();
    for &a in &s.actors {
        let mut h = FxHasher::default();
        ("actor", a).hash(&mut h);
        set.push(h.finish());
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// Four bands of two MinHash values each: similar sets share a band with high probability.
fn minhash_bands(set: &[u64]) -> [u64; 4] {
    let mut mins = [u64::MAX; 8];
    for &x in set {
        for (k, m) in mins.iter_mut().enumerate() {
            let h = mix(x ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(k as u64 + 1)));
            *m = (*m).min(h);
        }
    }
    std::array::from_fn(|band| mix(mins[2 * band] ^ mins[2 * band + 1].rotate_left(17)))
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::figures::{self, Bound};
    use crate::text::token::tokenize;

    fn frame_of(sentence: &str) -> Option<Frame> {
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let figures = figures::find(src, &tokens, 0..tokens.len());
        frame(src, &tokens, 0..tokens.len(), &figures)
    }

    #[test]
    fn casualty_wordings_share_a_frame() {
        let a = frame_of("The group is responsible for 17,000 deaths.").expect("frame");
        let b = frame_of("They killed as many as 12,000 Iranian civilians.").expect("frame");
        let c = frame_of("More than 17,000 people were martyred in this path.").expect("frame");
        assert_eq!((a.event, a.counted.as_str()), ("kill", "people"));
        assert_eq!((b.event, b.counted.as_str()), ("kill", "people"));
        assert_eq!((c.event, c.counted.as_str()), ("kill", "people"));
        let e = frame_of("It was allowed to kill&maim 10000+Iranians.").expect("frame");
        assert_eq!((e.event, e.counted.as_str()), ("kill", "people"));
        let d = frame_of("Troops assassinated 72 senior figures.").expect("frame");
        assert_eq!(d.counted, "figures");
        assert!(frame_of("The war lasted for 8 years.").is_none());
    }

    #[test]
    fn conflicts_respect_qualifiers() {
        let fig = |value: f64, bound: Bound| Figure {
            value,
            text: String::new(),
            qualifier: None,
            bound,
            kind: figures::FigureKind::Count,
            unit: None,
            start: 0,
            end: 0,
            token: 0,
        };
        let over_70 = fig(70.0, Bound::MoreThan);
        let exactly_72 = fig(72.0, Bound::Exactly);
        let exactly_12k = fig(12000.0, Bound::Exactly);
        let about_17k = fig(17000.0, Bound::About);
        assert!(!intervals_disagree(&[&over_70, &exactly_72]));
        assert!(intervals_disagree(&[&exactly_12k, &about_17k]));
    }

    #[test]
    fn jaccard_and_minhash_agree_on_identical_sets() {
        let a: Vec<u64> = (0..10).collect();
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(minhash_bands(&a), minhash_bands(&a));
        let b: Vec<u64> = (100..110).collect();
        assert_eq!(jaccard(&a, &b), 0.0);
    }
}
