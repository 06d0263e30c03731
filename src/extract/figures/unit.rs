//! What a figure is of: the currency of an amount, the noun a count counts.

use super::next_word;
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// How many words after a count are searched for the noun it counts.
const COUNTED_NOUN_WORDS: usize = 4;

/// The currency of the amount in `tokens[first..end_token]`: the code of the sign before it
/// (`$` is `USD`) or of the currency word after it (`roubles` is `RUB`).
pub fn currency(
    src: Source<'_>,
    tokens: &[Token],
    first: usize,
    end_token: usize,
    range: std::ops::Range<usize>,
) -> String {
    let lex = lexicon();
    if first > range.start
        && let Some(code) = lex.value("currency_signs", tokens[first - 1].text(src.text))
    {
        return code.to_string();
    }
    let word = next_word(src, tokens, end_token, range.end).unwrap_or_default();
    lex.value("currency_words", word)
        .unwrap_or(word)
        .to_string()
}

/// The noun a count counts: the first plural or people noun among the next few words
/// (`17,000 Iranian kids` -> `kids`, `72senior figures` -> `figures`).
pub fn counted_noun(src: Source<'_>, tokens: &[Token], from: usize, end: usize) -> Option<String> {
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
    for t in tokens[from..end.min(from + COUNTED_NOUN_WORDS)].iter() {
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
