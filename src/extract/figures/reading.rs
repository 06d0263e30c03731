//! Whether a figure is a quantity that sources could disagree about, or a number that
//! only looks like one: an age, a list marker, a score, part of a name, a distance.
//!
//! Only quantities are compared across the claims of a family: two reports of a death
//! toll can disagree, the ages of two people who died cannot.

use super::{Figure, FigureKind, next_word, prev_word};
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// How a number in a sentence is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A count, an amount or a share of the thing the sentence is about.
    Quantity,
    /// A year, a date, an ordinal, a length of time or a time of day.
    NotQuantity,
    /// Someone's age (`aged 84`, `the 26-year-old`, `John Smith, 45,`).
    Age,
    /// A marker of a list item (`2)` opening a sentence).
    ListMarker,
    /// A score or a tally of a match or vote (`3-1`, `272-219`).
    Score,
    /// Part of a name (`BBC Two`, `Chapter 11`, `Boeing 747`, `No 10`).
    NamePart,
    /// A distance or other measure glued to its unit that reads like an amount (`the
    /// 200m` of a race is not 200 million).
    Measurement,
}

/// The highest number read as someone's age.
const OLDEST_AGE: f64 = 130.0;
/// How many tokens before "at 50" a word for dying makes it an age.
const AGE_AFTER_DEATH_WINDOW: usize = 5;
/// The event class of dying.
const DEATH_CLASS: &str = "kill";

/// How `figure`, found in `tokens[range]`, is to be read.
pub fn reading(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    figure: &Figure,
) -> Reading {
    if !figure.kind.is_quantity() {
        return Reading::NotQuantity;
    }
    if figure.kind == FigureKind::Percent {
        return Reading::Quantity;
    }
    let text = src.text;
    let lex = lexicon();
    let first = figure.token;
    let mut end = first + 1;
    while end < range.end && tokens[end].end <= figure.end {
        end += 1;
    }
    let punct_after = |i: usize, c: char| {
        tokens
            .get(i)
            .is_some_and(|t| i < range.end && t.is_punct(text, c))
    };
    let prev = prev_word(src, tokens, first, range.start);
    let next = next_word(src, tokens, end, range.end);
    let is_age_cue = |w: Option<&str>| w.is_some_and(|w| lex.has(List::AgeCues, w));
    // "aged 84", "at the age of 84", "the 26-year-old", "a 26 year-old".
    let age_before = is_age_cue(prev)
        || prev == Some("of")
            && first >= range.start + 2
            && is_age_cue(Some(src.lower(&tokens[first - 2])));
    let age_after = is_age_cue(next)
        || punct_after(end, '-') && is_age_cue(next_word(src, tokens, end + 1, range.end));
    // "has died in Germany at 50": "at" a number, shortly after a word for dying.
    let died_at = prev == Some("at")
        && (first
            .saturating_sub(AGE_AFTER_DEATH_WINDOW)
            .max(range.start)..first - 1)
            .any(|i| {
                tokens[i].kind == TokenKind::Word
                    && lex.event_class(src.lower(&tokens[i])) == Some(DEATH_CLASS)
            });
    if figure.value <= OLDEST_AGE && (age_before || age_after || died_at) {
        return Reading::Age;
    }
    // "John Smith, 45, said", "Warren Leblanc, 17 - who": a small number set off by
    // commas right after a name.
    if figure.kind == FigureKind::Count
        && figure.value <= OLDEST_AGE
        && first >= range.start + 2
        && tokens[first - 1].is_punct(text, ',')
        && tokens[first - 2].is_capitalized(text)
        && (punct_after(end, ',') || punct_after(end, ')') || punct_after(end, '-'))
    {
        return Reading::Age;
    }
    // A list item: "2) The ..." or "(2) The ..." opening the sentence.
    let opens =
        first == range.start || first == range.start + 1 && tokens[range.start].is_punct(text, '(');
    if opens && (punct_after(end, ')') || punct_after(end, '.') || punct_after(end, ':')) {
        return Reading::ListMarker;
    }
    // "06/05", "24/7", "9/11": numbers joined by a slash are a label or a date.
    let slash = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| i < range.end && t.is_punct(text, '/') && !t.space_before)
    };
    if slash(end) || first > range.start && slash(first - 1) {
        return Reading::NamePart;
    }
    // "3-1", "272-219": two numbers joined by a dash with nothing counted after them.
    let dash = |t: &Token| t.kind == TokenKind::Punct && matches!(t.text(text), "-" | "–");
    let joined_after = end + 1 < range.end
        && dash(&tokens[end])
        && !tokens[end].space_before
        && tokens[end + 1].kind == TokenKind::Number
        && !tokens[end + 1].space_before;
    let joined_before = first >= range.start + 2
        && dash(&tokens[first - 1])
        && !tokens[first - 1].space_before
        && tokens[first - 2].kind == TokenKind::Number
        && !tokens[first].space_before;
    if joined_after || joined_before {
        let tail = if joined_after { end + 2 } else { end };
        let counted = next_word(src, tokens, tail, range.end).is_some_and(counts_things);
        if !counted {
            return Reading::Score;
        }
    }
    // Part of a name: "BBC Two", "Chapter 11", "Boeing 747", "No 10".
    if figure.kind == FigureKind::Count {
        if prev.is_some_and(|w| lex.has(List::NumberLabels, w)) {
            return Reading::NamePart;
        }
        let capitalised_number_word = tokens[first].kind == TokenKind::Word
            && tokens[first].is_capitalized(text)
            && first > range.start;
        let after_name = first > range.start + 1
            && tokens[first - 1].is_capitalized(text)
            && !lex.has(List::FunctionWords, src.lower(&tokens[first - 1]))
            && !lex.has(List::Months, src.lower(&tokens[first - 1]));
        let counts_next = next.is_some_and(counts_things);
        if capitalised_number_word || after_name && !counts_next {
            return Reading::NamePart;
        }
    }
    // "a 160GB drive", "400 metres": a unit of measure, not things counted.
    if next.is_some_and(|w| lex.has(List::MeasureUnits, w)) {
        return Reading::Measurement;
    }
    // "3G", "A4": a capital glued to a number makes a name.
    // A capitalised word glued to a number makes a name ("3G", "X5"), not a count that
    // closes with a sign ("10000+Iranians").
    if !figure.text.ends_with('+')
        && tokens
            .get(end)
            .is_some_and(|t| end < range.end && !t.space_before && t.is_capitalized(text))
    {
        return Reading::NamePart;
    }
    // "the 200m": a glued "m" with no currency and nothing counted after it is a distance.
    let glued_m = tokens[first].kind == TokenKind::Number
        && matches!(tokens[first].text(text).chars().last(), Some('m' | 'M'))
        && end == first + 1;
    if figure.kind == FigureKind::Count && glued_m && !next.is_some_and(counts_things) {
        return Reading::Measurement;
    }
    Reading::Quantity
}

/// Whether a lower-case word can be what a number counts: a word for people, or a plural.
fn counts_things(word: &str) -> bool {
    lexicon().has(List::PeopleNouns, word)
        || (word.ends_with('s') && !word.ends_with("ss") && word.len() > 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    /// How each figure of `text`, a sentence, is read.
    fn readings(text: &str) -> Vec<(String, Reading)> {
        let tokens = tokenize(text);
        let lower = crate::text::words::lowered(text);
        let src = Source::new(text, &lower);
        let range = 0..tokens.len();
        super::super::find(src, &tokens, range.clone())
            .iter()
            .map(|f| (f.text.clone(), reading(src, &tokens, range.clone(), f)))
            .collect()
    }

    fn reading_of(text: &str, number: &str) -> Reading {
        readings(text)
            .into_iter()
            .find(|(t, _)| t == number)
            .map(|(_, r)| r)
            .unwrap_or_else(|| panic!("no figure {number} in {text:?}"))
    }

    #[test]
    fn ages_are_not_quantities() {
        assert_eq!(
            reading_of("The novelist, who has died at the age of 84, wrote.", "84"),
            Reading::Age
        );
        assert_eq!(
            reading_of("The conductor has died in Vienna at 61.", "61"),
            Reading::Age
        );
        assert_eq!(
            reading_of("The 26-year-old signed on Monday.", "26"),
            Reading::Age
        );
        assert_eq!(reading_of("A woman aged 40 was hurt.", "40"), Reading::Age);
        assert_eq!(
            reading_of("Police named him as Tom Reed, 45, of Leeds.", "45"),
            Reading::Age
        );
        assert_eq!(
            reading_of("The crash killed 45 people.", "45"),
            Reading::Quantity
        );
    }

    #[test]
    fn markers_scores_and_names_are_not_quantities() {
        assert_eq!(reading_of("2) The plan fails.", "2"), Reading::ListMarker);
        assert_eq!(reading_of("Leeds won 3-1 at home.", "3"), Reading::Score);
        assert_eq!(
            reading_of("MPs voted 272-219 for it.", "219"),
            Reading::Score
        );
        assert_eq!(
            reading_of("It was shown on BBC Two last night.", "Two"),
            Reading::NamePart
        );
        assert_eq!(
            reading_of("The firm filed for Chapter 11 protection.", "11"),
            Reading::NamePart
        );
        assert_eq!(
            reading_of("He spoke outside No 10 today.", "10"),
            Reading::NamePart
        );
        assert_eq!(
            reading_of("The film 06/05 opened.", "06"),
            Reading::NamePart
        );
        assert_eq!(
            reading_of("Phones for 3G networks sold well.", "3"),
            Reading::NamePart
        );
        assert_eq!(
            reading_of("She won the 200m in record time.", "200m"),
            Reading::Measurement
        );
        assert_eq!(
            reading_of("It has a 160GB drive.", "160"),
            Reading::Measurement
        );
        assert_eq!(
            reading_of("Some 2m people were affected.", "2m"),
            Reading::Quantity
        );
        assert_eq!(
            reading_of("The scores ranged over 10-15 people.", "10"),
            Reading::Quantity
        );
    }
}
