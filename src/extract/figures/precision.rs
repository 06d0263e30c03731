//! How precisely a figure is written, and so which true values it covers.
//!
//! Reporters round and truncate: an amount of 9.37bn appears as `$9.37bn`, `$9.4bn` and
//! `$9.3bn`. A figure written to one decimal of a billion stands for anything that rounds
//! *or* truncates to it, so it covers half a step below it and a whole step above it.
//! Plain integers are exact unless they end in zeros and are large (`12,000`), and whole
//! percentages are taken as rounded.

use super::number::split_digits;
use super::{Bound, Figure, FigureKind};
use crate::text::lexicon::lexicon;

/// Integers without a magnitude word are taken as rounded to their trailing zeros only
/// from this size on: `150 people` is a count, `12,000 people` a round figure.
pub const ROUND_INTEGERS_FROM: f64 = 1000.0;
/// What is taken off the top of a rounding interval, so that `9.4` does not cover `9.5`.
const OPEN_END: f64 = 1e-9;

/// The step of the last written digit of a figure, in its units (`9.37bn` is 0.01bn,
/// `12,000` is 1000, `27bn` is 1bn), or 0 for a figure read as exact (`72`, `17,161`).
pub fn rounding_step(figure: &Figure) -> f64 {
    let text = figure.text.as_str();
    let (digits, rest) = split_digits(text);
    if digits.is_empty() {
        // A number word: exact, unless a magnitude follows ("two million").
        return text
            .split_whitespace()
            .skip(1)
            .find_map(magnitude)
            .and_then(|m| m.parse::<f64>().ok())
            .unwrap_or(0.0);
    }
    let glued = rest
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let magnitude = if glued.is_empty() {
        1.0
    } else {
        magnitude(glued)
            .or(match glued {
                "k" | "K" => Some("1000"),
                "m" | "M" => Some("1000000"),
                "b" | "B" => Some("1000000000"),
                _ => None,
            })
            .and_then(|m| m.parse::<f64>().ok())
            .unwrap_or(1.0)
    };
    // The digits as written, thousands separators left out.
    let plain = || digits.bytes().filter(|&b| b != b',');
    let step = match digits.split_once('.') {
        Some((_, decimals)) => {
            10f64.powi(-(decimals.bytes().filter(|&b| b != b',').count() as i32))
        }
        None if magnitude > 1.0 || figure.kind == FigureKind::Percent => 1.0,
        None => {
            let written = plain().count();
            let zeros = plain().rev().take_while(|&b| b == b'0').count();
            let value = plain().fold(0.0f64, |v, b| v * 10.0 + f64::from(b - b'0'));
            if zeros > 0 && value >= ROUND_INTEGERS_FROM && zeros < written {
                10f64.powi(zeros as i32)
            } else {
                0.0
            }
        }
    };
    step * magnitude
}

/// The value of a magnitude word (`million`, `bn`), in any case.
fn magnitude(word: &str) -> Option<&'static str> {
    let mut buffer = [0u8; 24];
    let Some(lower) = buffer.get_mut(..word.len()) else {
        return lexicon().value("magnitudes", &word.to_ascii_lowercase());
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // Lowering ASCII letters keeps the bytes UTF-8.
    lexicon().value("magnitudes", std::str::from_utf8(lower).ok()?)
}

impl Figure {
    /// The true values this figure allows: its qualifier read with the rounding of how it
    /// is written (`$9.3bn` covers 9.25bn up to 9.4bn; `over 70` anything above 70).
    pub fn range(&self) -> (f64, f64) {
        let v = self.value;
        let step = rounding_step(self);
        let (low, high) = if step > 0.0 {
            (v - step / 2.0, v + step - step * OPEN_END)
        } else {
            (v, v)
        };
        let (literal_low, literal_high) = self.bound.interval(v);
        match self.bound {
            Bound::Exactly => (low, high),
            Bound::About => (low.min(literal_low), high.max(literal_high)),
            Bound::Nearly => (low.min(literal_low), high),
            Bound::AtLeast | Bound::MoreThan => (literal_low, literal_high),
            Bound::AtMost | Bound::LessThan => (literal_low, literal_high.max(high)),
        }
    }

    /// Whether some true value satisfies both figures.
    pub fn agrees_with(&self, other: &Figure) -> bool {
        let (a, b) = (self.range(), other.range());
        a.0 <= b.1 && b.0 <= a.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn figure(text: &str) -> Figure {
        let tokens = tokenize(text);
        let lower = crate::text::words::lowered(text);
        let src = crate::text::words::Source::new(text, &lower);
        super::super::find(src, &tokens, 0..tokens.len())
            .into_iter()
            .next()
            .expect("a figure")
    }

    #[test]
    fn steps_follow_the_written_digits() {
        assert_eq!(rounding_step(&figure("$9.37bn")), 0.01e9);
        assert!((rounding_step(&figure("$9.3bn")) - 0.1e9).abs() < 1.0);
        assert_eq!(rounding_step(&figure("$27bn")), 1e9);
        assert_eq!(rounding_step(&figure("200 million people")), 1e6);
        assert_eq!(rounding_step(&figure("12,000 people")), 1000.0);
        assert_eq!(rounding_step(&figure("12k people")), 1000.0);
        assert_eq!(rounding_step(&figure("two million children")), 1e6);
        assert_eq!(rounding_step(&figure("5% of")), 1.0);
        // Exact counts.
        assert_eq!(rounding_step(&figure("72 figures")), 0.0);
        assert_eq!(rounding_step(&figure("17,161 citizens")), 0.0);
        assert_eq!(rounding_step(&figure("150 people")), 0.0);
        assert_eq!(rounding_step(&figure("seven people")), 0.0);
    }

    #[test]
    fn rounding_and_truncation_agree() {
        let a = figure("$9.37bn");
        let b = figure("$9.3bn");
        let c = figure("$9.4bn");
        assert!(a.agrees_with(&b) && a.agrees_with(&c) && b.agrees_with(&c));
        assert!(figure("$27.5bn").agrees_with(&figure("$27bn")));
        assert!(figure("$28.3bn").agrees_with(&figure("$28bn")));
        assert!(!figure("$5bn").agrees_with(&figure("$4.4bn")));
        assert!(!figure("12,000 people").agrees_with(&figure("17,000 people")));
        assert!(!figure("72 people").agrees_with(&figure("73 people")));
    }

    #[test]
    fn qualifiers_widen_or_open_the_range() {
        assert!(figure("over 70 figures").agrees_with(&figure("72 figures")));
        assert!(!figure("over 70 figures").agrees_with(&figure("65 figures")));
        assert!(figure("about 17,000 people").agrees_with(&figure("18,500 people")));
        assert!(!figure("as many as 12,000 people").agrees_with(&figure("17,000 people")));
        assert!(figure("nearly $1.7bn").agrees_with(&figure("$1.6bn")));
        assert!(!figure("nearly $1.7bn").agrees_with(&figure("$1.9bn")));
        assert!(figure("10000+ people").agrees_with(&figure("12,000 people")));
    }
}
