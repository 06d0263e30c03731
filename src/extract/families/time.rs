//! When a claim's figures are for: the years, months, days and periods it names, and
//! whether it gives a count so far ("has risen to", "so far", "the toll").
//!
//! Figures for different periods are different events (jobs added in January and in
//! February); a running count reported at different times is an update.

use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHasher};

use super::super::figures::{Figure, FigureKind};
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// What kind of time a period names; periods of one kind exclude each other.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum PeriodKind {
    /// A calendar year (`2004`).
    Year,
    /// A month (`January`).
    Month,
    /// A day of the week (`Monday`).
    Weekday,
    /// A period relative to the report (`last year`, `this month`).
    Relative,
}

/// One period a claim names, hashed.
pub type Period = (PeriodKind, u64);

/// When a claim's figures are for.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct When {
    /// The periods the claim names, sorted and distinct.
    pub periods: Vec<Period>,
    /// Whether the claim presents its count as the count so far.
    pub running: bool,
}

/// How many tokens after "has" or "have" an event word makes a present perfect ("have
/// been killed").
const PERFECT_WINDOW: usize = 3;

/// Phrases of the period and running-count lists that start with one word, each with its
/// list.
type PhrasesByWord = FxHashMap<&'static str, Vec<(List, &'static [&'static str])>>;

/// The phrases of the period and running-count lists, by their first word.
static PHRASES_BY_FIRST_WORD: LazyLock<PhrasesByWord> = LazyLock::new(|| {
    let lex = lexicon();
    let mut map = PhrasesByWord::default();
    for list in [List::PeriodPhrases, List::RunningCues] {
        for phrase in lex.phrases(list) {
            if let Some(first) = phrase.first() {
                map.entry(first)
                    .or_default()
                    .push((list, phrase.as_slice()));
            }
        }
    }
    map
});

/// When the figures of `tokens[range]` are for.
pub fn when(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    figures: &[Figure],
) -> When {
    let lex = lexicon();
    let mut periods: Vec<Period> = figures
        .iter()
        .filter(|f| f.kind == FigureKind::Year)
        .map(|f| (PeriodKind::Year, hash(&(f.value as i64))))
        .collect();
    let mut running = false;
    let mut last_auxiliary = None;
    for i in range.clone() {
        let t = &tokens[i];
        if t.kind != TokenKind::Word {
            continue;
        }
        let w = src.lower(t);
        let lists = lex.lists_of(w);
        // "May" is a month only where it is capitalised inside a sentence ("may" is a verb).
        if lists & List::Months.bit() != 0 && t.is_capitalized(src.text) && i > range.start {
            periods.push((PeriodKind::Month, hash(w.get(..3).unwrap_or(w))));
        } else if lists & List::Weekdays.bit() != 0 {
            periods.push((PeriodKind::Weekday, hash(w)));
        }
        if let Some(phrases) = PHRASES_BY_FIRST_WORD.get(w) {
            for (list, phrase) in phrases {
                if starts_phrase(src, tokens, i, range.end, phrase) {
                    match list {
                        List::PeriodPhrases => periods.push((PeriodKind::Relative, hash(phrase))),
                        _ => running = true,
                    }
                }
            }
        }
        // "have been killed", "has died": an event told as a state reached so far.
        if matches!(w, "has" | "have") {
            last_auxiliary = Some(i);
        } else if last_auxiliary.is_some_and(|a| i - a <= PERFECT_WINDOW)
            && lex
                .event_class(w)
                .is_some_and(|c| lex.has(List::RollingClasses, c))
        {
            running = true;
        }
    }
    periods.sort_unstable();
    periods.dedup();
    When { periods, running }
}

/// Whether two claims name periods of one kind that share nothing (`2003` and `2004`):
/// then they cannot be about the same event.
pub fn exclusive(a: &[Period], b: &[Period]) -> bool {
    [
        PeriodKind::Year,
        PeriodKind::Month,
        PeriodKind::Weekday,
        PeriodKind::Relative,
    ]
    .into_iter()
    .any(|kind| {
        let mut xs = a.iter().filter(|x| x.0 == kind).peekable();
        let mut ys = b.iter().filter(|y| y.0 == kind).peekable();
        xs.peek().is_some()
            && ys.peek().is_some()
            && !a
                .iter()
                .filter(|x| x.0 == kind)
                .any(|x| b.iter().any(|y| y == x))
    })
}

/// Whether figures of the event class `event` for these periods can be compared: a
/// figure given per period (a budget, a profit) only with one for the same, named,
/// period; other figures when they name the same periods or none.
pub fn comparable(event: &str, a: &[Period], b: &[Period]) -> bool {
    a == b && (!a.is_empty() || !lexicon().has(List::PeriodicClasses, event))
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

fn starts_phrase(
    src: Source<'_>,
    tokens: &[Token],
    at: usize,
    end: usize,
    phrase: &[&str],
) -> bool {
    at + phrase.len() <= end
        && tokens[at..at + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(t, w)| t.kind == TokenKind::Word && src.lower(t) == *w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::figures;
    use crate::text::token::tokenize;

    fn when_of(sentence: &str) -> When {
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let figures = figures::find(src, &tokens, 0..tokens.len());
        when(src, &tokens, 0..tokens.len(), &figures)
    }

    #[test]
    fn periods_of_one_kind_exclude_each_other() {
        let a = when_of("Profits were $2bn in 2003.");
        let b = when_of("Profits were $3bn in 2004.");
        let c = when_of("Profits were $3bn last year.");
        assert!(exclusive(&a.periods, &b.periods));
        assert!(!exclusive(&a.periods, &c.periods));
        assert!(exclusive(
            &when_of("Sales rose in January.").periods,
            &when_of("Sales rose in March.").periods
        ));
        // "may" is a verb unless capitalised inside a sentence.
        assert!(when_of("Sales may rise.").periods.is_empty());
        assert_eq!(when_of("Sales rose in May.").periods.len(), 1);
    }

    #[test]
    fn figures_per_period_compare_only_for_a_named_period() {
        let (a, b) = (when_of("Profits were $2bn."), when_of("Profits were $3bn."));
        assert!(!comparable("earn", &a.periods, &b.periods));
        assert!(comparable("kill", &a.periods, &b.periods));
        let (a, b) = (
            when_of("Profits were $2bn last year."),
            when_of("Profit was $3bn last year."),
        );
        assert!(comparable("earn", &a.periods, &b.periods));
    }

    #[test]
    fn counts_so_far_are_running() {
        assert!(when_of("The death toll has risen to 300.").running);
        assert!(when_of("At least 300 people have been killed so far.").running);
        assert!(when_of("More than 300 people have died.").running);
        assert!(!when_of("The group killed 300 people in 1981.").running);
    }
}
