//! Figures: every number in a sentence with its value, its qualifier ("over", "as many
//! as"), what kind of number it is, the noun it counts, and how precisely it is written.

mod bound;
mod kind;
mod number;
mod precision;
mod reading;
mod unit;

use serde::{Deserialize, Serialize};

pub use bound::{ABOUT_SHARE, Bound};
pub use kind::FigureKind;
pub use precision::{ROUND_INTEGERS_FROM, rounding_step};
pub use reading::{Reading, reading};

use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

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
    /// Index of the number's first token in the document, while the document is analysed;
    /// 0 in a kept analysis and in an extraction (files do not hold it).
    #[serde(skip)]
    pub token: usize,
}

/// Finds the figures in `tokens[range]` of a document.
pub fn find(src: Source<'_>, tokens: &[Token], range: std::ops::Range<usize>) -> Vec<Figure> {
    let text = src.text;
    let lex = lexicon();
    // Looked up for every word: the lists are found once.
    let (number_words, magnitudes) = (lex.values("number_words"), lex.values("magnitudes"));
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let t = tokens[i];
        let word = t.text(text);
        let parsed = match t.kind {
            TokenKind::Number => number::parse_number(word),
            TokenKind::Word => {
                let w = src.lower(&t);
                // "one" is mostly a pronoun; take it only before a magnitude ("one million").
                number_words
                    .get(w)
                    .and_then(|v| v.parse::<f64>().ok())
                    .filter(|_| {
                        w != "one"
                            || next_word(src, tokens, i + 1, range.end)
                                .is_some_and(|n| magnitudes.get(n).is_some())
                    })
                    .map(|v| number::ParsedNumber {
                        value: v,
                        suffix: number::Suffix::None,
                    })
            }
            _ => None,
        };
        let Some(mut parsed) = parsed else {
            i += 1;
            continue;
        };
        let mut end_token = i + 1;
        // A magnitude word after the number: "200 million".
        if let Some(next) = next_word(src, tokens, end_token, range.end)
            && let Some(m) = magnitudes.get(next).and_then(|m| m.parse::<f64>().ok())
        {
            parsed.value = number::scale(parsed.value, m);
            end_token += 1;
        }
        let kind = kind::classify(src, tokens, i, end_token, range.clone(), &parsed);
        let (qualifier, mut bound) = bound::qualifier_before(src, tokens, i, range.start);
        let mut qualifier = qualifier;
        // "10000+", "a £30m-plus bid": the value or more.
        let plus_word = end_token + 1 < range.end
            && tokens[end_token].is_punct(text, '-')
            && !tokens[end_token].space_before
            && !tokens[end_token + 1].space_before
            && src.lower(&tokens[end_token + 1]) == "plus";
        if parsed.suffix == number::Suffix::Plus || plus_word {
            qualifier = Some("+".to_string());
            bound = Bound::AtLeast;
        }
        // "hundreds of citizens": at least two hundred.
        if t.kind == TokenKind::Word && lex.has(List::PluralNumbers, src.lower(&t)) {
            qualifier = Some(src.lower(&t).to_string());
            bound = Bound::AtLeast;
        }
        let unit = if kind == FigureKind::Money {
            Some(unit::currency(src, tokens, i, end_token, range.clone()))
        } else if kind.is_quantity() {
            unit::counted_noun(src, tokens, end_token, range.end)
        } else {
            None
        };
        out.push(Figure {
            value: parsed.value,
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

/// The lower-case word at token `i`, if it is a word before `end`.
pub(crate) fn next_word<'a>(
    src: Source<'a>,
    tokens: &[Token],
    i: usize,
    end: usize,
) -> Option<&'a str> {
    let t = tokens.get(i).filter(|_| i < end)?;
    (t.kind == TokenKind::Word).then(|| src.lower(t))
}

/// The lower-case word right before token `i`, if it is a word at or after `start`.
pub(crate) fn prev_word<'a>(
    src: Source<'a>,
    tokens: &[Token],
    i: usize,
    start: usize,
) -> Option<&'a str> {
    if i <= start {
        return None;
    }
    let t = tokens[i - 1];
    (t.kind == TokenKind::Word).then(|| src.lower(&t))
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
}
