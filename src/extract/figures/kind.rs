//! What a number measures: a count, money, a percentage, a year, a date, an ordinal, a
//! length of time, or something else.

use serde::{Deserialize, Serialize};

use super::number::{ParsedNumber, Suffix};
use super::{next_word, prev_word};
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// What a number measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A count of things or people.
    Count,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A year or decade ("1979", "1980s").
    Year,
    /// A day of a month ("May 24").
    Date,
    /// An ordinal ("39th").
    Ordinal,
    /// A length of time ("8 years", "39yrs").
    Duration,
    /// A time of day or anything else that is not a quantity.
    Other,
}

impl FigureKind {
    /// Whether figures of this kind are quantities that can disagree across sources.
    pub fn is_quantity(self) -> bool {
        matches!(self, Self::Count | Self::Money | Self::Percent)
    }
}

/// The lowest and highest numbers read as a year when written as four plain digits.
const YEARS: std::ops::RangeInclusive<f64> = 1000.0..=2100.0;
/// The highest day of a month.
const LAST_DAY: f64 = 31.0;

/// The kind of the number in `tokens[first..end_token]`.
pub fn classify(
    src: Source<'_>,
    tokens: &[Token],
    first: usize,
    end_token: usize,
    range: std::ops::Range<usize>,
    number: &ParsedNumber,
) -> FigureKind {
    let text = src.text;
    let lex = lexicon();
    let word = tokens[first].text(text);
    match number.suffix {
        Suffix::Percent => return FigureKind::Percent,
        Suffix::Ordinal => return FigureKind::Ordinal,
        Suffix::Decade => return FigureKind::Year,
        _ => {}
    }
    let before = first
        .checked_sub(1)
        .filter(|&b| b >= range.start)
        .map(|b| tokens[b]);
    let after = tokens
        .get(end_token)
        .filter(|_| end_token < range.end)
        .copied();
    if before.is_some_and(|b| lex.value("currency_signs", b.text(text)).is_some()) {
        return FigureKind::Money;
    }
    let next = next_word(src, tokens, end_token, range.end);
    if next.is_some_and(|n| lex.value("currency_words", n).is_some()) {
        return FigureKind::Money;
    }
    if after.is_some_and(|a| a.text(text) == "%")
        || next.is_some_and(|n| n == "percent" || n == "per")
    {
        return FigureKind::Percent;
    }
    if next.is_some_and(|n| lex.has(List::DurationUnits, n)) {
        return FigureKind::Duration;
    }
    // A time of day: "22:7", "10:30".
    if after.is_some_and(|a| a.text(text) == ":" && !a.space_before)
        || before.is_some_and(|b| b.text(text) == ":" && !b.space_before)
    {
        return FigureKind::Other;
    }
    let is_month =
        |w: Option<&str>| w.is_some_and(|w| lex.has(List::Months, w.trim_end_matches('.')));
    let small = number.value >= 1.0 && number.value <= LAST_DAY && !word.contains(['.', ',']);
    if small
        && (is_month(prev_word(src, tokens, first, range.start))
            || is_month(next)
            || next.is_some_and(|n| n == "of")
                && is_month(next_word(src, tokens, end_token + 1, range.end)))
    {
        return FigureKind::Date;
    }
    let plain_four_digits = word.len() == 4 && word.chars().all(|c| c.is_ascii_digit());
    if plain_four_digits && YEARS.contains(&number.value) && end_token == first + 1 {
        // "2000 people" is a count; "in 1979" and "1980-88" are years.
        let counts_people = next.is_some_and(|n| {
            lex.has(List::PeopleNouns, n)
                || (n.ends_with('s')
                    && !lex.has(List::FunctionWords, n)
                    && !lex.has(List::Months, n))
        });
        if !counts_people {
            return FigureKind::Year;
        }
    }
    // The second half of a year range: "1980-88".
    if first >= range.start + 2
        && tokens[first - 1].text(text) == "-"
        && !tokens[first - 1].space_before
        && tokens[first - 2].kind == TokenKind::Number
        && tokens[first - 2].text(text).len() == 4
    {
        return FigureKind::Year;
    }
    FigureKind::Count
}
