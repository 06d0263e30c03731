//! Family labels: for a family of figures, who it is about and what is counted
//! (`Yukos: tax of N USD`); for a family of reworded statements, its shortest wording
//! with the figures masked.

use rustc_hash::FxHashMap;

use super::super::figures::Figure;
use super::conflicts::most_common;
use super::{ClaimSignals, Corpus};
use crate::extract::{ActorKind, Claim};
use crate::text::lexicon::lexicon;

/// Longest label of a family of statements, in characters.
const MAX_LABEL_CHARS: usize = 72;

/// The label of the family `group`; `currency` is the currency its amounts are compared in.
pub fn label(
    claims: &[Claim],
    signals: &[ClaimSignals],
    corpus: &Corpus<'_>,
    group: &[usize],
) -> String {
    let frames: Vec<(&str, &str)> = group
        .iter()
        .filter_map(|&i| signals[i].frame.as_ref())
        .map(|f| (f.event, f.counted.as_str()))
        .collect();
    if let Some((event, counted)) = most_common(&frames) {
        let lex = lexicon();
        let said = lex.value("event_labels", event).unwrap_or(event);
        let (modifier, what) = match counted.rsplit_once(' ') {
            Some((m, w)) => (Some(m), w),
            None => (None, counted),
        };
        let what = if what == "money" {
            currency(claims, signals, group).unwrap_or("money")
        } else {
            what
        };
        let mut text = format!("{said} N {what}").trim().to_string();
        if let Some(m) = modifier {
            text.push_str(&format!(" ({m})"));
        }
        return match subject(signals, corpus, group) {
            Some(name) => format!("{name}: {text}"),
            None => text,
        };
    }
    let shortest = group
        .iter()
        .map(|&i| &claims[i])
        .min_by_key(|c| c.text.len())
        .map(mask_figures)
        .unwrap_or_default();
    shorten(&shortest, MAX_LABEL_CHARS)
}

/// The currency of most framed amounts of the family.
fn currency<'a>(claims: &'a [Claim], signals: &[ClaimSignals], group: &[usize]) -> Option<&'a str> {
    let units: Vec<&str> = group
        .iter()
        .filter_map(|&i| {
            let f = signals[i].frame.as_ref()?;
            claims[i].numbers.get(f.figure)?.unit.as_deref()
        })
        .collect();
    most_common(&units)
}

/// The actor that most members name (at least two, or every member of a pair), the
/// rarest of equally frequent ones: what the family is about.
fn subject<'a>(signals: &[ClaimSignals], corpus: &Corpus<'a>, group: &[usize]) -> Option<&'a str> {
    let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
    for &i in group {
        for &a in &signals[i].actors {
            if corpus.kind(a) != ActorKind::Media {
                *counts.entry(a).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .max_by(|x, y| {
            x.1.cmp(&y.1)
                .then(corpus.rarity(x.0).total_cmp(&corpus.rarity(y.0)))
                .then(y.0.cmp(&x.0))
        })
        .map(|(a, _)| corpus.name(a))
}

/// The claim's text with its quantities replaced by `N`.
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

/// `text` cut at a word boundary to at most `max_chars` characters, with an ellipsis.
fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}
