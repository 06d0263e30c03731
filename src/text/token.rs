//! A tokenizer for news prose that keeps byte offsets into the original text.
//!
//! It is written for the quirks of scraped articles: quotes glued to words (`of”real`),
//! numbers glued to words (`72senior`, `10000+Iranians`), abbreviations with inner
//! periods (`U.S.`), apostrophes inside names (`Kan'ani`) and possessives (`Iran’s`).

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and inner digits, hyphens, apostrophes and abbreviation periods).
    Word,
    /// A number, possibly with separators, a decimal part and a suffix (`12k`, `10000+`).
    Number,
    /// A possessive ending split off a word (`'s`, `’s`, or a lone `'` after a plural).
    Possessive,
    /// A double quotation mark of any form.
    Quote,
    /// Any other single character that is not white space.
    Punct,
}

/// One token: a byte span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokenKind,
    /// Whether white space (or the start of the text) comes right before the token.
    pub space_before: bool,
    /// Whether two or more white-space characters come right before the token.
    pub wide_space_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    /// The first character of the token.
    pub fn first_char(&self, source: &str) -> char {
        source[self.start..].chars().next().unwrap_or(' ')
    }

    /// Whether this is a word starting with an upper-case letter.
    pub fn is_capitalized(&self, source: &str) -> bool {
        self.kind == TokenKind::Word && self.first_char(source).is_uppercase()
    }

    /// Whether this is punctuation equal to `c`.
    pub fn is_punct(&self, source: &str, c: char) -> bool {
        self.kind == TokenKind::Punct && self.first_char(source) == c
    }
}

/// Whether `c` is a double quotation mark in any of the forms news text uses.
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟' | '″')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into tokens. Never fails; every non-space character ends up in a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, 0, &mut tokens);
    tokens
}

/// Tokenizes `text`, whose first byte is at `base` in the document, appending to `out`.
pub fn tokenize_into(text: &str, base: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut spaces = 1usize; // the start of the text counts as a space
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            spaces += 1;
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = if c.is_ascii_digit() {
            (scan_number(text, i), TokenKind::Number)
        } else if c.is_alphabetic() {
            scan_word(text, i)
        } else if is_double_quote(c) {
            (i + c.len_utf8(), TokenKind::Quote)
        } else if is_apostrophe(c) && spaces == 0 && possessive_s_at(text, i) {
            (i + c.len_utf8() + 1, TokenKind::Possessive)
        } else if is_apostrophe(c) && spaces == 0 && plural_possessive_at(text, i, out, base) {
            (i + c.len_utf8(), TokenKind::Possessive)
        } else {
            (i + c.len_utf8(), TokenKind::Punct)
        };
        out.push(Token {
            start: base + i,
            end: base + end,
            kind,
            space_before: spaces > 0,
            wide_space_before: spaces > 1,
        });
        spaces = 0;
        i = end;
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// `'s` followed by something that is not a letter.
fn possessive_s_at(text: &str, i: usize) -> bool {
    let after = i + char_at(text, i).len_utf8();
    matches!(next_char(text, after), Some('s' | 'S'))
        && !next_char(text, after + 1).is_some_and(char::is_alphanumeric)
}

/// A lone apostrophe after a word ending in `s` (`supporters'`).
fn plural_possessive_at(text: &str, i: usize, out: &[Token], base: usize) -> bool {
    let Some(prev) = out.last() else { return false };
    if prev.kind != TokenKind::Word || prev.end != base + i {
        return false;
    }
    let after = i + char_at(text, i).len_utf8();
    text[..i].ends_with(['s', 'S']) && !next_char(text, after).is_some_and(char::is_alphanumeric)
}

/// Scans a word starting at `start`. Inner hyphens, apostrophes and digits stay inside;
/// `U.S.`-style abbreviations keep their periods; a possessive ending is left out.
fn scan_word(text: &str, start: usize) -> (usize, TokenKind) {
    let mut i = start;
    // True while the word is single letters separated by periods ("U.S", "a.k.a").
    let mut abbreviation = true;
    let mut run = 0usize;
    while let Some(c) = next_char(text, i) {
        if c.is_alphanumeric() {
            run += 1;
            abbreviation &= run == 1;
            i += c.len_utf8();
            continue;
        }
        let after = i + c.len_utf8();
        let following = next_char(text, after);
        if (is_hyphen(c) || is_apostrophe(c)) && following.is_some_and(char::is_alphabetic) {
            if is_apostrophe(c) && possessive_s_at(text, i) {
                break;
            }
            abbreviation = false;
            run = 0;
            i = after;
            continue;
        }
        if c == '.' && abbreviation && run == 1 {
            let letter_then_period = following.is_some_and(char::is_alphabetic)
                && next_char(text, after + following.map_or(0, char::len_utf8)) == Some('.');
            if letter_then_period {
                run = 0;
                i = after;
                continue;
            }
            if i > start + 1 {
                i = after; // the closing period of "U.S."
            }
        }
        break;
    }
    (i, TokenKind::Word)
}

/// Scans a number: digits with `,` thousands groups, a decimal part, an optional
/// magnitude suffix (`k`, `m`, `bn`), ordinal suffix, decade `s`, `%` or trailing `+`.
fn scan_number(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    loop {
        // thousands separators: ",ddd" not followed by another digit
        if b.get(i) == Some(&b',')
            && b.get(i + 1..i + 4)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 4;
            continue;
        }
        break;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let rest = &text[i..];
    let suffix_len = number_suffix_len(rest);
    i += suffix_len;
    if i < b.len() && (b[i] == b'+' || b[i] == b'%') {
        i += 1;
    }
    i
}

/// Length of a suffix glued to a number that belongs to it.
fn number_suffix_len(rest: &str) -> usize {
    const SUFFIXES: [&str; 12] = [
        "bn", "th", "st", "nd", "rd", "k", "K", "m", "M", "b", "B", "s",
    ];
    for suffix in SUFFIXES {
        if let Some(after) = rest.strip_prefix(suffix)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
        {
            return suffix.len();
        }
    }
    // "1970’s", "1980's"
    for apostrophe in ["'s", "’s"] {
        if rest.starts_with(apostrophe)
            && !rest[apostrophe.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            return apostrophe.len();
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_glued_numbers_and_words() {
        assert_eq!(texts("72senior figures"), ["72", "senior", "figures"]);
        assert_eq!(texts("kill 10000+Iranians"), ["kill", "10000+", "Iranians"]);
        assert_eq!(texts("killed 12k people"), ["killed", "12k", "people"]);
        assert_eq!(texts("39yrs ago"), ["39", "yrs", "ago"]);
    }

    #[test]
    fn keeps_separators_and_abbreviations() {
        assert_eq!(texts("17,000 deaths"), ["17,000", "deaths"]);
        assert_eq!(texts("3.5 million"), ["3.5", "million"]);
        assert_eq!(texts("the U.S. government"), ["the", "U.S.", "government"]);
        assert_eq!(texts("the U.S."), ["the", "U.S."]);
        assert_eq!(texts("in the 1970’s and"), ["in", "the", "1970’s", "and"]);
        assert_eq!(texts("Mr. Smith"), ["Mr", ".", "Smith"]);
    }

    #[test]
    fn splits_possessives_but_keeps_inner_apostrophes() {
        assert_eq!(texts("Iran’s army"), ["Iran", "’s", "army"]);
        assert_eq!(texts("Kan'ani said"), ["Kan'ani", "said"]);
        assert_eq!(texts("supporters' hands"), ["supporters", "'", "hands"]);
        assert_eq!(tokenize("supporters' hands")[1].kind, TokenKind::Possessive);
        assert_eq!(texts("Mujahedin-e Khalq"), ["Mujahedin-e", "Khalq"]);
    }

    #[test]
    fn quotes_glued_to_words_are_their_own_tokens() {
        assert_eq!(
            texts("of”real Iranians”while"),
            ["of", "”", "real", "Iranians", "”", "while"]
        );
        let tokens = tokenize("a  b");
        assert!(tokens[1].wide_space_before);
    }
}
