//! What a qualifier ("over", "as many as", "nearly") says about the true value.

use serde::{Deserialize, Serialize};

use crate::text::lexicon::lexicon;
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

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

/// How far "about" and "nearly" reach from the written value, as a share of it.
pub const ABOUT_SHARE: f64 = 0.1;

impl Bound {
    /// The bound a qualifier's meaning in the lexicon (`more than`, `about`, ...) stands for.
    pub fn from_meaning(meaning: &str) -> Self {
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

    /// The interval of true values that the written `value` allows, read literally
    /// (rounding is added by [`super::Figure::range`]).
    pub fn interval(self, value: f64) -> (f64, f64) {
        match self {
            Self::Exactly => (value, value),
            Self::About => (value * (1.0 - ABOUT_SHARE), value * (1.0 + ABOUT_SHARE)),
            Self::Nearly => (value * (1.0 - ABOUT_SHARE), value),
            Self::AtLeast | Self::MoreThan => (value, f64::INFINITY),
            Self::AtMost | Self::LessThan => (0.0, value),
        }
    }

    /// Whether the bound leaves the value open on one side ("over 70", "up to 50").
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::AtLeast | Self::MoreThan | Self::AtMost | Self::LessThan
        )
    }
}

/// The qualifier phrase ending right before token `first` (skipping a currency sign), as
/// written, and the bound it sets.
pub fn qualifier_before(
    src: Source<'_>,
    tokens: &[Token],
    first: usize,
    start: usize,
) -> (Option<String>, Bound) {
    let text = src.text;
    let lex = lexicon();
    let mut end = first;
    if end > start
        && lex
            .value("currency_signs", tokens[end - 1].text(text))
            .is_some()
    {
        end -= 1;
    }
    for (phrase, meaning) in lex.qualifier_phrases() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_make_intervals() {
        assert_eq!(Bound::MoreThan.interval(10.0).0, 10.0);
        assert_eq!(Bound::AtMost.interval(10.0).1, 10.0);
        assert!(Bound::AtLeast.is_open());
        assert!(!Bound::About.is_open());
    }
}
