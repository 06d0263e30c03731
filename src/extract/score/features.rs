//! What the check-worthiness model reads in a sentence, before any weight: a few
//! sentence-level signals (a figure, an event verb, a question, …) and the words and word
//! pairs of the sentence as hashed keys.
//!
//! Everything here is computed the same way when scoring and when training, so that the
//! learned weights mean the same thing in both. The scoring path allocates nothing: signals
//! are flags and counts, word keys are hashes of slices of the lowered text.

use crate::extract::figures::{Figure, FigureKind};
use crate::text::lexicon::{List, lexicon};
use crate::text::segment::SentenceKind;
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// What the scorer needs to know about a sentence besides its words.
pub struct Context<'a> {
    /// The figures in the sentence.
    pub figures: &'a [Figure],
    /// Names of the actors mentioned.
    pub actor_names: &'a [&'a str],
    /// Whether a speaker was found.
    pub attributed: bool,
    /// Body or heading.
    pub kind: SentenceKind,
}

/// A sentence-level feature. Each has one learned weight; the order is the order in which
/// they are listed in explanations and in the weights file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// A count, amount of money, percentage or duration.
    Figure,
    /// A year, date or weekday.
    Date,
    /// A verb or noun of a verifiable event (killed, removed, funded, deaths).
    EventVerb,
    /// At least one named actor.
    NamedActor,
    /// Attributed to someone, or a reporting verb (said, announced).
    ReportingVerb,
    /// Superlatives and absolutes (largest, first, only).
    Superlative,
    /// Opinion words; the value is their number, up to three.
    OpinionWords,
    /// Hedges (may, reportedly).
    Hedge,
    /// The sentence ends with a question mark.
    Question,
    /// Fewer than six words.
    Short,
    /// A heading line rather than running text.
    Heading,
    /// The length of the sentence: the value is the natural log of its number of words.
    Length,
}

impl Signal {
    /// How many signals there are.
    pub const COUNT: usize = 12;

    /// Every signal, in listing order.
    pub const ALL: [Signal; Self::COUNT] = [
        Signal::Figure,
        Signal::Date,
        Signal::EventVerb,
        Signal::NamedActor,
        Signal::ReportingVerb,
        Signal::Superlative,
        Signal::OpinionWords,
        Signal::Hedge,
        Signal::Question,
        Signal::Short,
        Signal::Heading,
        Signal::Length,
    ];

    /// The name used in explanations and in the weights file.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Figure => "figure",
            Signal::Date => "date",
            Signal::EventVerb => "event verb",
            Signal::NamedActor => "named actor",
            Signal::ReportingVerb => "reporting verb",
            Signal::Superlative => "superlative",
            Signal::OpinionWords => "opinion words",
            Signal::Hedge => "hedge",
            Signal::Question => "question",
            Signal::Short => "short",
            Signal::Heading => "heading",
            Signal::Length => "length",
        }
    }

    /// The signal with this name.
    pub fn from_name(name: &str) -> Option<Signal> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The signals of one sentence: a value per signal (0 when absent, 1 when present, a count
/// for opinion words), and the number of words.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Signals {
    /// One value per signal, indexed by `Signal as usize`.
    pub values: [f32; Signal::COUNT],
    /// Word tokens in the sentence.
    pub words: usize,
}

impl Signals {
    /// The value of one signal.
    pub fn get(&self, signal: Signal) -> f32 {
        self.values[signal as usize]
    }

    /// Whether the sentence asserts something a heading can be checked for: a figure, an
    /// event or a speaker. A bare heading ("Thirst for blood") asserts nothing.
    pub fn asserts_something(&self) -> bool {
        [Signal::Figure, Signal::EventVerb, Signal::ReportingVerb]
            .iter()
            .any(|&s| self.get(s) > 0.0)
    }
}

/// Whether a figure counts as a quantity for the `figure` signal.
pub fn is_quantity(f: &Figure) -> bool {
    f.kind.is_quantity() || f.kind == FigureKind::Duration
}

/// Whether a figure counts for the `date` signal.
pub fn is_date(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Year | FigureKind::Date)
}

/// Finds the signals of a sentence. No allocation.
pub fn signals(src: Source<'_>, tokens: &[Token], context: &Context<'_>) -> Signals {
    let lex = lexicon();
    let mut out = Signals::default();
    let mut set = |s: Signal| out.values[s as usize] = 1.0;
    let mut opinions = 0u32;
    let mut words = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        words += 1;
        let lists = lex.lists_of(src.lower(t));
        if lists == 0 {
            continue;
        }
        match cue_of(lists) {
            Some(Cue::Weekday) => set(Signal::Date),
            Some(Cue::Event) => set(Signal::EventVerb),
            Some(Cue::Reporting) => set(Signal::ReportingVerb),
            None => {}
        }
        if lists & List::Superlatives.bit() != 0 {
            set(Signal::Superlative);
        }
        if lists & List::OpinionWords.bit() != 0 {
            opinions += 1;
        }
        if lists & List::HedgeWords.bit() != 0 {
            set(Signal::Hedge);
        }
    }
    if context.figures.iter().any(is_quantity) {
        set(Signal::Figure);
    }
    if context.figures.iter().any(is_date) {
        set(Signal::Date);
    }
    if !context.actor_names.is_empty() {
        set(Signal::NamedActor);
    }
    if context.attributed {
        set(Signal::ReportingVerb);
    }
    if is_question(src, tokens) {
        set(Signal::Question);
    }
    if words < 6 {
        set(Signal::Short);
    }
    if context.kind == SentenceKind::Heading {
        set(Signal::Heading);
    }
    out.values[Signal::OpinionWords as usize] = opinions.min(3) as f32;
    out.values[Signal::Length as usize] = (words as f32).ln_1p();
    out.words = words;
    out
}

/// The first of the exclusive word classes a word belongs to: a weekday is not also an
/// event, an event word is not also a reporting verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    Weekday,
    Event,
    Reporting,
}

pub(super) fn cue_of(lists: u64) -> Option<Cue> {
    if lists & List::Weekdays.bit() != 0 {
        Some(Cue::Weekday)
    } else if lists & (List::EventForms.bit() | List::EventNouns.bit()) != 0 {
        Some(Cue::Event)
    } else if lists & List::ReportingVerbs.bit() != 0 {
        Some(Cue::Reporting)
    } else {
        None
    }
}

/// The last token that is not a closing quote or bracket is a question mark.
fn is_question(src: Source<'_>, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Quote && !t.is_punct(src.text, ')'))
        .is_some_and(|t| t.is_punct(src.text, '?'))
}

/// The key of a word (its lowered text) or of a number (all numbers share one key).
pub fn word_key(src: Source<'_>, t: &Token) -> u64 {
    if t.kind == TokenKind::Number {
        text_key(NUMBER)
    } else {
        text_key(src.lower(t))
    }
}

/// How numbers are written in the weights file: every number is the same word.
pub const NUMBER: &str = "#";

/// The hash of a lowered word, with the curly apostrophe read as a straight one (`don’t`
/// is `don't`), so that the weights file, which stores straight apostrophes, hashes to the
/// same keys. Eight bytes at a time; a word with a curly apostrophe is first copied with
/// it replaced (rare, and only words of up to 64 bytes).
pub fn text_key(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if memchr::memchr(0xE2, bytes).is_none() {
        return hash_bytes(bytes);
    }
    let mut buffer = [0u8; 64];
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        if n == buffer.len() {
            return hash_bytes(bytes);
        }
        // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99 in UTF-8.
        if bytes[i..].starts_with(&[0xE2, 0x80, 0x99]) {
            buffer[n] = b'\'';
            i += 3;
        } else {
            buffer[n] = bytes[i];
            i += 1;
        }
        n += 1;
    }
    hash_bytes(&buffer[..n])
}

/// A fast, fixed (unseeded) hash of a short byte string: the same on every run and
/// machine, so keys never depend on where the weights were loaded.
fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    // Final mix, so that keys differing in few bits spread over the table.
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The key of a pair of adjacent words, from the keys of its two words. Order matters,
/// and a pair never shares a key with a single word by more than chance.
pub fn pair_key(first: u64, second: u64) -> u64 {
    (first.rotate_left(23) ^ second ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// What each gram of a sentence with `grams` grams counts for: one over the square root
/// of their number, so that a long sentence does not outweigh a short one by its length
/// alone (the grams of a sentence, each counted 1, form a vector of length 1).
pub fn gram_scale(grams: usize) -> f32 {
    if grams == 0 {
        0.0
    } else {
        1.0 / (grams as f32).sqrt()
    }
}

/// The key of three adjacent words.
pub fn triple_key(first: u64, second: u64, third: u64) -> u64 {
    pair_key(pair_key(first, second), third)
}

/// Whether a token takes part in words and word pairs.
fn is_lexical(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

/// The marker of the start of a sentence, as the first word of a pair (`^ well`): no
/// word token is a caret.
pub const START: &str = "^";

/// The marker of an ending, before its letters (`-ing`): no word token starts with a hyphen.
pub const ENDING: &str = "-";

/// Letters of a word's ending that make an ending feature, and the shortest word that has one.
const ENDING_LETTERS: usize = 3;
const ENDING_MIN_WORD: usize = 6;

/// A word, a pair or triple of adjacent words, the first word of a sentence, or the
/// ending of a word (its last three letters: `-ing`, `-ion`, `-ted`), by token index.
/// Endings carry what a part-of-speech tagger would (tense, nouns of action) to words
/// never seen in training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gram {
    /// One word.
    Word(usize),
    /// Two adjacent words.
    Pair(usize, usize),
    /// The first word of the sentence.
    Start(usize),
    /// The ending of a word.
    Ending(usize),
    /// Three adjacent words.
    Triple(usize, usize, usize),
}

/// Calls `visit(key, gram)` for every word of the sentence, every pair and triple of
/// adjacent words, the first word, and the ending of every long word (token indices are
/// into `tokens`). Adjacent words have nothing but white space between them: punctuation
/// and possessive endings break pairs and triples.
pub fn for_each_ngram(src: Source<'_>, tokens: &[Token], mut visit: impl FnMut(u64, Gram)) {
    let start_marker = text_key(START);
    let ending_marker = text_key(ENDING);
    let mut previous: Option<(u64, usize)> = None;
    let mut before: Option<(u64, usize)> = None;
    let mut first = true;
    for (i, t) in tokens.iter().enumerate() {
        if !is_lexical(t) {
            previous = None;
            before = None;
            continue;
        }
        let key = word_key(src, t);
        visit(key, Gram::Word(i));
        if first {
            visit(pair_key(start_marker, key), Gram::Start(i));
            first = false;
        }
        if let Some((prev_key, prev)) = previous {
            visit(pair_key(prev_key, key), Gram::Pair(prev, i));
            if let Some((before_key, b)) = before {
                visit(
                    triple_key(before_key, prev_key, key),
                    Gram::Triple(b, prev, i),
                );
            }
        }
        before = previous;
        if let Some(ending) = ending_of(src, t) {
            visit(pair_key(ending_marker, text_key(ending)), Gram::Ending(i));
        }
        previous = Some((key, i));
    }
}

fn start_key() -> u64 {
    text_key(START)
}

/// The last letters of a long word made of ASCII letters.
fn ending_of<'a>(src: Source<'a>, t: &Token) -> Option<&'a str> {
    let w = src.lower(t);
    if t.kind != TokenKind::Word || w.len() < ENDING_MIN_WORD {
        return None;
    }
    let tail = &w.as_bytes()[w.len() - ENDING_LETTERS..];
    tail.iter()
        .all(u8::is_ascii_lowercase)
        .then(|| &w[w.len() - ENDING_LETTERS..])
}

fn ending_key(letters: &str) -> u64 {
    // A pair of the ending marker and the letters: no string is built.
    pair_key(text_key(ENDING), text_key(letters))
}

/// The text of a gram as the weights file writes it: lowered, straight apostrophes,
/// numbers as [`NUMBER`], the two words of a pair joined by a space, the first word after
/// [`START`], an ending after [`ENDING`].
pub fn ngram_text(src: Source<'_>, tokens: &[Token], gram: Gram) -> String {
    let mut out = String::new();
    write_ngram_text(&mut out, src, tokens, gram);
    out
}

/// Appends [`ngram_text`] to `out`, building no string of its own.
pub fn write_ngram_text(out: &mut String, src: Source<'_>, tokens: &[Token], gram: Gram) {
    let one = |out: &mut String, t: &Token| {
        if t.kind == TokenKind::Number {
            out.push_str(NUMBER);
        } else {
            let w = src.lower(t);
            if w.contains('’') {
                out.push_str(&w.replace('’', "'"));
            } else {
                out.push_str(w);
            }
        }
    };
    match gram {
        Gram::Word(i) => one(out, &tokens[i]),
        Gram::Pair(a, b) => {
            one(out, &tokens[a]);
            out.push(' ');
            one(out, &tokens[b]);
        }
        Gram::Start(i) => {
            out.push_str(START);
            out.push(' ');
            one(out, &tokens[i]);
        }
        Gram::Ending(i) => {
            out.push_str(ENDING);
            out.push_str(ending_of(src, &tokens[i]).unwrap_or(""));
        }
        Gram::Triple(a, b, c) => {
            one(out, &tokens[a]);
            out.push(' ');
            one(out, &tokens[b]);
            out.push(' ');
            one(out, &tokens[c]);
        }
    }
}

/// The key of a gram written as [`ngram_text`] writes it.
pub fn key_of_text(text: &str) -> u64 {
    let (kind, bare) = file_form(text);
    key_of_file_form(kind, bare).unwrap_or_else(|| text_key(text))
}

/// How the weights file writes a gram: its kind (`word`, `pair`, `triple`, `start`,
/// `ending`) and its text without markers (`well` for `^ well`, `ing` for `-ing`).
pub fn file_form(text: &str) -> (&'static str, &str) {
    if let Some(word) = text.strip_prefix(START).and_then(|t| t.strip_prefix(' ')) {
        ("start", word)
    } else if let Some(letters) = text.strip_prefix(ENDING) {
        ("ending", letters)
    } else {
        match text.matches(' ').count() {
            0 => ("word", text),
            1 => ("pair", text),
            _ => ("triple", text),
        }
    }
}

/// The key of a gram as the weights file writes it, or `None` when the text does not fit
/// the kind (a pair is two words separated by one space, a triple three, the others one
/// word).
pub fn key_of_file_form(kind: &str, text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(' ').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    match (kind, parts.len()) {
        ("word", 1) => Some(text_key(text)),
        ("pair", 2) => Some(pair_key(text_key(parts[0]), text_key(parts[1]))),
        ("triple", 3) => Some(triple_key(
            text_key(parts[0]),
            text_key(parts[1]),
            text_key(parts[2]),
        )),
        ("start", 1) => Some(pair_key(start_key(), text_key(text))),
        ("ending", 1) => Some(ending_key(text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn ngrams(sentence: &str) -> Vec<(u64, String)> {
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let mut out = Vec::new();
        for_each_ngram(src, &tokens, |key, gram| {
            out.push((key, ngram_text(src, &tokens, gram)));
        });
        out
    }

    #[test]
    fn words_and_pairs_break_at_punctuation() {
        let texts: Vec<String> = ngrams("We don’t know, 12,000 died.")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "we",
                "^ we",
                "don't",
                "we don't",
                "know",
                "don't know",
                "we don't know",
                "#",
                "died",
                "# died"
            ]
        );
        let texts: Vec<String> = ngrams("Nothing happened.")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "nothing",
                "^ nothing",
                "-ing",
                "happened",
                "nothing happened",
                "-ned"
            ]
        );
    }

    #[test]
    fn keys_of_written_text_match_keys_of_the_sentence() {
        for (key, text) in ngrams("Unemployment ROSE by 3 percent, they didn’t say.") {
            assert_eq!(key, key_of_text(&text), "{text}");
        }
        for (key, text) in ngrams("Reportedly, the ministers resigned.") {
            let (kind, bare) = file_form(&text);
            assert_eq!(Some(key), key_of_file_form(kind, bare), "{text}");
        }
        assert_eq!(text_key("don’t"), text_key("don't"));
        assert_ne!(key_of_text("i think"), key_of_text("think i"));
    }
}
