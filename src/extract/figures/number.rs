//! Reading the value of a number token: separators, decimals and glued suffixes.

/// A suffix glued to a number that changes what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suffix {
    /// None, or only a magnitude (`12k`, `3.5bn`).
    None,
    /// `10000+`: the value or more.
    Plus,
    /// `45%`.
    Percent,
    /// `39th`.
    Ordinal,
    /// `1980s`.
    Decade,
}

/// The value of a number token and its suffix.
pub struct ParsedNumber {
    /// The value, magnitude suffix applied (`12k` is 12000).
    pub value: f64,
    /// What the suffix says.
    pub suffix: Suffix,
}

/// Magnitude suffixes glued to a number, as the tokenizer keeps them.
const MAGNITUDE_SUFFIXES: [(&str, f64); 7] = [
    ("bn", 1e9),
    ("k", 1e3),
    ("K", 1e3),
    ("m", 1e6),
    ("M", 1e6),
    ("b", 1e9),
    ("B", 1e9),
];

/// Parses a number token: `17,000`, `12k`, `3.5bn`, `10000+`, `45%`, `39th`, `1980s`.
pub fn parse_number(word: &str) -> Option<ParsedNumber> {
    let (digits, rest) = split_digits(word);
    let mut value: f64 = digits.replace(',', "").parse().ok()?;
    let mut suffix = Suffix::None;
    let mut rest = rest;
    for (s, factor) in MAGNITUDE_SUFFIXES {
        if let Some(r) = rest.strip_prefix(s) {
            value = scale(value, factor);
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

/// `value` times a magnitude `factor`, rounded to whole units: `4.27bn` is 4,270,000,000,
/// not the nearest binary fraction below it.
pub fn scale(value: f64, factor: f64) -> f64 {
    (value * factor).round()
}

/// The digits of a number as written (separators and decimal point kept) and what follows.
pub fn split_digits(word: &str) -> (&str, &str) {
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(word.len());
    let (digits, rest) = word.split_at(digits_end);
    (digits.trim_end_matches(['.', ',']), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_magnitudes() {
        let n = parse_number("3.5bn").expect("number");
        assert_eq!((n.value, n.suffix), (3.5e9, Suffix::None));
        assert_eq!(parse_number("10000+").map(|n| n.suffix), Some(Suffix::Plus));
        assert_eq!(
            parse_number("1980s").map(|n| n.suffix),
            Some(Suffix::Decade)
        );
        assert_eq!(parse_number("17,000").map(|n| n.value), Some(17000.0));
        assert_eq!(split_digits("9.37bn"), ("9.37", "bn"));
        assert_eq!(parse_number("4.27bn").map(|n| n.value), Some(4.27e9));
    }
}
