//! Figures: every number in a sentence with its value, its qualifier ("over", "as many
//! as"), what kind of number it is, and the noun it counts.

use serde::{Deserialize, Serialize};

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

/// What a qualifier says about the true value relative to the written one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The value as written.
    Exactly,
    /// Roughly the value.
    About,
    /// A little under the value ("almost", "nearly").
    Nearly,
    /// The value or more ("10000+", "at least").
    AtLeast,
    /// Above the value ("more than", "over").
    MoreThan,
    /// The value or less ("as many as", "up to").
    AtMost,
    /// Below the value ("less than", "under").
    LessThan,
}

impl Bound {
    fn from_meaning(meaning: &str) -> Self {
        match meaning {
            "more than" => Self::MoreThan,
            "at least" => Self::AtLeast,
            "at most" => Self::AtMost,
            "less than" => Self::LessThan,
            "nearly" => Self::Nearly,
            "about" => Self::About,
            _ => Self::Exactly,
        }
    }

    /// The interval of true values that the written `value` allows.
    pub fn interval(self, value: f64) -> (f64, f64) {
        match self {
            Self::Exactly => (value, value),
            Self::About => (value * 0.9, value * 1.1),
            Self::Nearly => (value * 0.9, value),
            Self::AtLeast | Self::MoreThan => (value, f64::INFINITY),
            Self::AtMost | Self::LessThan => (0.0, value),
        }
    }
}

/// One number found in a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The value: `12k` is 12000, `$200 million` is 200000000.
    pub value: f64,
    /// The number as written, with its magnitude word (`12,000`, `200 million`).
    pub text: String,
    /// The qualifier as written (`over`, `as many as`, `+`), if any.
    pub qualifier: Option<String>,
    /// What the qualifier means.
    pub bound: Bound,
    /// What the number measures.
    pub kind: FigureKind,
    /// The noun it counts (`Iranians`, `deaths`), or the currency.
    pub unit: Option<String>,
    /// Byte offset of the number in the document.
    pub start: usize,
    /// Byte offset one past the number (and its magnitude word).
    pub end: usize,
    /// Index of the number's first token in the document.
    #[serde(skip)]
    pub token: usize,
}

/// Finds the figures in `tokens[range]` of a document.
pub fn find(src: Source<'_>, tokens: &[Token], range: std::ops::Range<usize>) -> Vec<Figure> {
    let text = src.text;
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let t = tokens[i];
        let word = t.text(text);
        let parsed = match t.kind {
            TokenKind::Number => parse_number(word),
            TokenKind::Word => {
                let w = src.lower(&t);
                // "one" is mostly a pronoun; take it only before a magnitude ("one million").
                lex.value("number_words", w)
                    .and_then(|v| v.parse::<f64>().ok())
                    .filter(|_| {
                        w != "one"
                            || next_word(src, tokens, i + 1, range.end)
                                .is_some_and(|n| lex.value("magnitudes", n).is_some())
                    })
                    .map(|v| ParsedNumber {
                        value: v,
                        suffix: Suffix::None,
                    })
            }
            _ => None,
        };
        let Some(mut number) = parsed else {
            i += 1;
            continue;
        };
        let mut end_token = i + 1;
        // A magnitude word after the number: "200 million".
        if let Some(next) = next_word(src, tokens, end_token, range.end)
            && let Some(m) = lex
                .value("magnitudes", next)
                .and_then(|m| m.parse::<f64>().ok())
        {
            number.value *= m;
            end_token += 1;
        }
        let kind = classify(src, tokens, i, end_token, range.clone(), &number);
        let (qualifier, mut bound) = qualifier_before(src, tokens, i, range.start);
        let mut qualifier = qualifier;
        if number.suffix == Suffix::Plus {
            qualifier = Some("+".to_string());
            bound = Bound::AtLeast;
        }
        if t.kind == TokenKind::Word
            && matches!(
                src.lower(&t),
                "hundreds" | "thousands" | "dozens" | "millions"
            )
        {
            qualifier = Some(src.lower(&t).to_string());
            bound = Bound::AtLeast;
        }
        let unit = if kind == FigureKind::Money {
            Some(currency(src, tokens, i, end_token, range.clone()))
        } else if kind.is_quantity() {
            counted_noun(src, tokens, end_token, range.end)
        } else {
            None
        };
        out.push(Figure {
            value: number.value,
            text: text[t.start..tokens[end_token - 1].end].to_string(),
            qualifier,
            bound,
            kind,
            unit,
            start: t.start,
            end: tokens[end_token - 1].end,
            token: i,
        });
        i = end_token;
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    None,
    Plus,
    Percent,
    Ordinal,
    Decade,
}

struct ParsedNumber {
    value: f64,
    suffix: Suffix,
}

/// Parses a number token: `17,000`, `12k`, `3.5bn`, `10000+`, `45%`, `39th`, `1980s`.
fn parse_number(word: &str) -> Option<ParsedNumber> {
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let (digits, rest) = word.split_at(digits_end);
    let digits = digits.trim_end_matches(['.', ',']);
    let mut value: f64 = digits.replace(',', "").parse().ok()?;
    let mut suffix = Suffix::None;
    let mut rest = rest;
    for (s, factor) in [
        ("bn", 1e9),
        ("k", 1e3),
        ("K", 1e3),
        ("m", 1e6),
        ("M", 1e6),
        ("b", 1e9),
        ("B", 1e9),
    ] {
        if let Some(r) = rest.strip_prefix(s) {
            value *= factor;
            rest = r;
            break;
        }
    }
    if ["th", "st", "nd", "rd"].iter().any(|o| rest.starts_with(o)) {
        suffix = Suffix::Ordinal;
    } else if rest.starts_with('s') || rest.starts_with("'s") || rest.starts_with("’s") {
        suffix = Suffix::Decade;
    } else if rest.ends_with('+') {
        suffix = Suffix::Plus;
    } else if rest.ends_with('%') {
        suffix = Suffix::Percent;
    }
    Some(ParsedNumber { value, suffix })
}

fn next_word<'a>(src: Source<'a>, tokens: &[Token], i: usize, end: usize) -> Option<&'a str> {
    let t = tokens.get(i).filter(|_| i < end)?;
    (t.kind == TokenKind::Word).then(|| src.lower(t))
}

fn prev_word<'a>(src: Source<'a>, tokens: &[Token], i: usize, start: usize) -> Option<&'a str> {
    if i <= start {
        return None;
    }
    let t = tokens[i - 1];
    (t.kind == TokenKind::Word).then(|| src.lower(&t))
}

fn classify(
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
    if before.is_some_and(|b| matches!(b.text(text), "$" | "€" | "£" | "¥" | "₹")) {
        return FigureKind::Money;
    }
    if let Some(next) = next_word(src, tokens, end_token, range.end)
        && matches!(
            next,
            "dollars"
                | "dollar"
                | "euros"
                | "euro"
                | "pounds"
                | "usd"
                | "eur"
                | "gbp"
                | "rials"
                | "yuan"
                | "rubles"
                | "roubles"
                | "rupees"
                | "yen"
                | "riyals"
                | "dinars"
                | "lira"
        )
    {
        return FigureKind::Money;
    }
    if after.is_some_and(|a| a.text(text) == "%")
        || next_word(src, tokens, end_token, range.end)
            .is_some_and(|n| n == "percent" || n == "per")
    {
        return FigureKind::Percent;
    }
    if next_word(src, tokens, end_token, range.end).is_some_and(|n| {
        matches!(
            n,
            "years"
                | "year"
                | "yrs"
                | "yr"
                | "months"
                | "month"
                | "weeks"
                | "week"
                | "days"
                | "day"
                | "hours"
                | "hour"
                | "minutes"
                | "decades"
                | "decade"
                | "centuries"
                | "century"
        )
    }) {
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
    let small = number.value >= 1.0 && number.value <= 31.0 && !word.contains(['.', ',']);
    if small
        && (is_month(prev_word(src, tokens, first, range.start))
            || is_month(next_word(src, tokens, end_token, range.end))
            || next_word(src, tokens, end_token, range.end).is_some_and(|n| n == "of")
                && is_month(next_word(src, tokens, end_token + 1, range.end)))
    {
        return FigureKind::Date;
    }
    let plain_four_digits = word.len() == 4 && word.chars().all(|c| c.is_ascii_digit());
    if plain_four_digits && (1000.0..=2100.0).contains(&number.value) && end_token == first + 1 {
        // "2000 people" is a count; "in 1979" and "1980-88" are years.
        let counts_people = next_word(src, tokens, end_token, range.end).is_some_and(|n| {
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

/// The qualifier phrase ending right before token `first` (skipping a currency sign).
fn qualifier_before(
    src: Source<'_>,
    tokens: &[Token],
    first: usize,
    start: usize,
) -> (Option<String>, Bound) {
    let text = src.text;
    let mut end = first;
    if end > start && matches!(tokens[end - 1].text(text), "$" | "€" | "£" | "¥" | "₹") {
        end -= 1;
    }
    for (phrase, meaning) in lexicon().qualifier_phrases() {
        let n = phrase.len();
        if end < start + n {
            continue;
        }
        let matches = tokens[end - n..end]
            .iter()
            .zip(phrase)
            .all(|(t, w)| t.kind == TokenKind::Word && src.lower(t) == *w);
        if matches {
            let written = text[tokens[end - n].start..tokens[end - 1].end].to_lowercase();
            return (Some(written), Bound::from_meaning(meaning));
        }
    }
    (None, Bound::Exactly)
}

fn currency(
    src: Source<'_>,
    tokens: &[Token],
    first: usize,
    end_token: usize,
    range: std::ops::Range<usize>,
) -> String {
    let text = src.text;
    if first > range.start {
        let sign = tokens[first - 1].text(text);
        let name = match sign {
            "$" => Some("USD"),
            "€" => Some("EUR"),
            "£" => Some("GBP"),
            "¥" => Some("JPY"),
            "₹" => Some("INR"),
            _ => None,
        };
        if let Some(name) = name {
            return name.to_string();
        }
    }
    next_word(src, tokens, end_token, range.end)
        .unwrap_or_default()
        .to_string()
}

/// The noun a count counts: the first plural or people noun among the next few words
/// (`17,000 Iranian kids` -> `kids`, `72senior figures` -> `figures`).
fn counted_noun(src: Source<'_>, tokens: &[Token], from: usize, end: usize) -> Option<String> {
    let text = src.text;
    let lex = lexicon();
    let mut first_word = None;
    // "hundreds of citizens"
    let from =
        if from < end && tokens[from].kind == TokenKind::Word && src.lower(&tokens[from]) == "of" {
            from + 1
        } else {
            from
        };
    for t in tokens[from..end.min(from + 4)].iter() {
        if t.kind != TokenKind::Word {
            break;
        }
        let w = src.lower(t);
        if lex.has(List::FunctionWords, w) && w != "people" {
            break;
        }
        if lex.has(List::PeopleNouns, w) || (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3)
        {
            return Some(t.text(text).to_string());
        }
        first_word.get_or_insert_with(|| t.text(text).to_string());
    }
    first_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn figures(text: &str) -> Vec<Figure> {
        let tokens = tokenize(text);
        let lower = crate::text::words::lowered(text);
        find(Source::new(text, &lower), &tokens, 0..tokens.len())
    }

    fn summary(text: &str) -> Vec<(f64, Option<String>, FigureKind, Option<String>)> {
        figures(text)
            .into_iter()
            .map(|f| (f.value, f.qualifier, f.kind, f.unit))
            .collect()
    }

    #[test]
    fn counts_with_qualifiers() {
        assert_eq!(
            summary("killed more than 17,000 people"),
            [(
                17000.0,
                Some("more than".into()),
                FigureKind::Count,
                Some("people".into())
            )]
        );
        assert_eq!(
            summary("over 70 senior figures")[0].1.as_deref(),
            Some("over")
        );
        assert_eq!(summary("as many as 12,000 Iranians")[0].0, 12000.0);
        assert_eq!(
            figures("as many as 12,000 Iranians")[0].bound,
            Bound::AtMost
        );
        assert_eq!(summary("killed 12k Iranians")[0].0, 12000.0);
        assert_eq!(
            summary("kill 10000+Iranians")[0],
            (
                10000.0,
                Some("+".into()),
                FigureKind::Count,
                Some("Iranians".into())
            )
        );
        assert_eq!(
            summary("and 72senior figures")[0],
            (72.0, None, FigureKind::Count, Some("figures".into()))
        );
        assert_eq!(
            summary("killing about 17,000 Iranian kids")[0].3.as_deref(),
            Some("kids")
        );
        assert_eq!(summary("four nuclear scientists")[0].0, 4.0);
        assert_eq!(
            figures("the deaths of hundreds of citizens")[0].bound,
            Bound::AtLeast
        );
    }

    #[test]
    fn money_percent_years_and_dates() {
        let f = figures("almost $200 million worth of gold");
        assert_eq!(
            (f[0].value, f[0].kind, f[0].bound),
            (200e6, FigureKind::Money, Bound::Nearly)
        );
        assert_eq!(f[0].text, "200 million");
        assert_eq!(f[0].unit.as_deref(), Some("USD"));
        assert_eq!(summary("rose 12% in")[0].2, FigureKind::Percent);
        assert_eq!(summary("In 2012, the")[0].2, FigureKind::Year);
        assert_eq!(
            summary("the 1979 Islamic Revolution")[0].2,
            FigureKind::Year
        );
        assert_eq!(summary("in the 1980s")[0].2, FigureKind::Year);
        let kinds: Vec<_> = summary("war (1980-88) ended")
            .into_iter()
            .map(|s| s.2)
            .collect();
        assert_eq!(kinds, [FigureKind::Year, FigureKind::Year]);
        assert_eq!(summary("on May 24 called")[0].2, FigureKind::Date);
        assert_eq!(summary("on January 10, Iranian")[0].2, FigureKind::Date);
        assert_eq!(summary("the 39th anniversary")[0].2, FigureKind::Ordinal);
        assert_eq!(summary("39yrs ago")[0].2, FigureKind::Duration);
        assert_eq!(
            summary("a war that lasted for 8 years")[0].2,
            FigureKind::Duration
        );
        assert_eq!(
            summary("the deaths of hundreds of citizens")[0]
                .3
                .as_deref(),
            Some("citizens")
        );
        assert_eq!(summary("killed 2000 people")[0].2, FigureKind::Count);
        assert_eq!(
            summary("July 10, 2019 - 22:7")
                .iter()
                .filter(|s| s.2 == FigureKind::Other)
                .count(),
            2
        );
    }

    #[test]
    fn bounds_make_intervals() {
        assert_eq!(Bound::MoreThan.interval(10.0).0, 10.0);
        assert!(Bound::AtMost.interval(10.0).1 == 10.0);
    }
}
