//! Splits a document into paragraphs, sentences and quotations.
//!
//! Each line is a paragraph. A line is classed as body text, a heading, a metadata line
//! (a bare date) or page furniture (licence lines, comment prompts, "Related posts" and
//! everything after it, agency codes). Body lines are split into sentences; a
//! quotation may span several sentences and is kept as its own span so that every
//! sentence inside it can be attributed to the quote's speaker.

use super::lexicon::{List, lexicon};
use super::token::{Token, TokenKind, tokenize_into};
use super::words::{Source, lowered};

/// What a sentence is, from the line it stands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// Running text.
    Body,
    /// A short line without final punctuation: a headline or a section heading.
    Heading,
    /// A line that only carries a date, time or dateline.
    Metadata,
    /// Page furniture: licence lines, comment prompts, lists of related links.
    Boilerplate,
}

/// One sentence: a span of tokens and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First token index.
    pub first_token: usize,
    /// One past the last token index.
    pub end_token: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the sentence is.
    pub kind: SentenceKind,
    /// Index of the paragraph (line) it stands in.
    pub paragraph: usize,
}

/// A quotation: the tokens of its opening and closing marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark.
    pub close: usize,
}

/// A document cut into tokens, sentences and quotations.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    /// Every token of the document, in order.
    pub tokens: Vec<Token>,
    /// Sentences in order; they do not overlap.
    pub sentences: Vec<Sentence>,
    /// Quotations in order.
    pub quotes: Vec<Quote>,
    /// Byte span of a dateline ("TEHRAN -") found at the start of a paragraph.
    pub dateline: Option<(usize, usize)>,
    /// The text with ASCII letters lowered, for [`Source`].
    pub lower: String,
}

/// The longest sentence, in tokens, before it is cut at a comma or semicolon; protects
/// later stages from text without punctuation.
const MAX_SENTENCE_TOKENS: usize = 160;

/// How many paragraphs without a quotation mark a quotation left open may run through
/// (web texts often drop the opening mark of each new paragraph of a long quotation); it
/// is recorded only once its closing mark is found.
const MAX_UNMARKED_QUOTE_PARAGRAPHS: usize = 6;

/// Splits `text` into tokens, sentences and quotations.
pub fn segment(text: &str) -> Segmented {
    let mut out = Segmented {
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        lower: lowered(text),
        ..Segmented::default()
    };
    let lower = std::mem::take(&mut out.lower);
    let src = Source::new(text, &lower);
    let mut trailing_furniture = false;
    // A quotation left open at the end of a paragraph, which may go on in the next.
    let mut open_quote: Option<usize> = None;
    let mut unmarked_run = 0usize;
    let mut offset = 0;
    let mut paragraph = 0;
    for line in text.split_inclusive('\n') {
        let base = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let first_token = out.tokens.len();
        tokenize_into(line, base, &mut out.tokens);
        let end_token = out.tokens.len();
        if first_token == end_token {
            continue;
        }
        let class = classify_line(src, &out.tokens[first_token..end_token]);
        let kind = if trailing_furniture {
            SentenceKind::Boilerplate
        } else {
            match class {
                LineClass::TrailingMarker => {
                    trailing_furniture = true;
                    SentenceKind::Boilerplate
                }
                LineClass::Furniture => SentenceKind::Boilerplate,
                LineClass::Metadata => SentenceKind::Metadata,
                LineClass::Heading => SentenceKind::Heading,
                LineClass::Body => SentenceKind::Body,
            }
        };
        if kind == SentenceKind::Body {
            let before = open_quote;
            open_quote =
                split_paragraph(src, &mut out, first_token, end_token, paragraph, open_quote);
            let has_mark = out.tokens[first_token..end_token]
                .iter()
                .any(|t| t.kind == TokenKind::Quote);
            if let Some(open) = open_quote
                && open_quote == before
                && !has_mark
            {
                // Only a quotation set as a block (opened at the start of a paragraph, or
                // after a colon) goes on over unmarked paragraphs; a stray mark does not.
                let block = open == 0 || {
                    let prev = out.tokens[open - 1];
                    prev.is_punct(text, ':')
                        || text[prev.end..out.tokens[open].start].contains('\n')
                };
                unmarked_run += 1;
                if !block || unmarked_run > MAX_UNMARKED_QUOTE_PARAGRAPHS {
                    open_quote = None;
                }
            } else {
                unmarked_run = 0;
            }
        } else {
            open_quote = None;
            push_sentence(&mut out, first_token, end_token, kind, paragraph);
        }
        paragraph += 1;
    }
    out.lower = lower;
    out
}

#[derive(Debug, PartialEq, Eq)]
enum LineClass {
    Body,
    Heading,
    Metadata,
    Furniture,
    TrailingMarker,
}

fn classify_line(src: Source<'_>, tokens: &[Token]) -> LineClass {
    let text = src.text;
    let lex = lexicon();
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return LineClass::Furniture;
    };
    let line = &text[first.start..last.end];
    // Furniture lines are short; long lines need not be folded to compare.
    if line.len() <= 64 {
        let bare = bare_line(line);
        if lex.has(List::TrailingMarkers, &bare) {
            return LineClass::TrailingMarker;
        }
        if lex.has(List::BoilerplateLines, &bare) {
            return LineClass::Furniture;
        }
    }
    if is_agency_code(text, tokens) {
        return LineClass::Furniture;
    }
    if is_date_line(src, tokens) {
        return LineClass::Metadata;
    }
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let ends_sentence = ends_with_terminal(text, tokens);
    // Running text is checked sentence by sentence; a credit line on its own is furniture.
    if !ends_sentence && is_furniture_sentence(src, tokens) {
        return LineClass::Furniture;
    }
    if !ends_sentence && words <= 20 && line.len() <= 200 {
        return LineClass::Heading;
    }
    LineClass::Body
}

/// The line in lower case with punctuation dropped and spaces folded.
fn bare_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.replace('’', "'").to_lowercase());
    }
    out
}

/// A short line of upper-case codes and slashes ("NA/PA", "AFP/RM").
fn is_agency_code(text: &str, tokens: &[Token]) -> bool {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return false;
    };
    let line = &text[first.start..last.end];
    line.len() <= 24
        && tokens.len() <= 7
        && tokens.iter().any(|t| t.kind == TokenKind::Word)
        && tokens.iter().all(|t| match t.kind {
            TokenKind::Word => t.text(text).chars().all(|c| c.is_uppercase() || c == '.'),
            TokenKind::Number => true,
            _ => t.text(text).chars().all(|c| "/-|,;:()".contains(c)),
        })
}

/// A line made only of a date and/or a time ("July 10, 2019 - 22:7", "2019-07-10").
fn is_date_line(src: Source<'_>, tokens: &[Token]) -> bool {
    let text = src.text;
    let lex = lexicon();
    let mut saw_date_part = false;
    for t in tokens {
        match t.kind {
            TokenKind::Number => saw_date_part = true,
            TokenKind::Word => {
                let w = src.lower(t).trim_end_matches('.');
                if lex.has_any(&[List::Months, List::Weekdays], w) {
                    saw_date_part = true;
                } else if !matches!(w, "am" | "pm" | "gmt" | "utc" | "updated" | "published") {
                    return false;
                }
            }
            _ => {
                if !t.text(text).chars().all(|c| ",-–—:/|.".contains(c)) {
                    return false;
                }
            }
        }
    }
    saw_date_part
}

fn ends_with_terminal(text: &str, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .rev()
        .find(|t| !t.is_punct(text, ')'))
        .is_some_and(|t| {
            let s = t.text(text);
            t.kind == TokenKind::Quote || s.ends_with(['.', '!', '?', '…', ':', ';'])
        })
}

fn push_sentence(
    out: &mut Segmented,
    first: usize,
    end: usize,
    kind: SentenceKind,
    paragraph: usize,
) {
    if first >= end {
        return;
    }
    out.sentences.push(Sentence {
        first_token: first,
        end_token: end,
        start: out.tokens[first].start,
        end: out.tokens[end - 1].end,
        kind,
        paragraph,
    });
}

/// Splits the body paragraph `tokens[first..end]` into sentences, recording quotations.
fn split_paragraph(
    src: Source<'_>,
    out: &mut Segmented,
    first: usize,
    end: usize,
    paragraph: usize,
    carried: Option<usize>,
) -> Option<usize> {
    let text = src.text;
    let mut start = first;
    if let Some(after) = dateline_end(text, &out.tokens[first..end]) {
        let dateline_last = first + after - 1;
        if out.dateline.is_none() {
            out.dateline = Some((out.tokens[first].start, out.tokens[dateline_last].end));
        }
        start = first + after;
    }
    let (closing, carry) = pair_quotes(text, out, start, end, carried);
    let tokens = &out.tokens;
    let mut boundaries = Vec::new();
    let mut i = start;
    let mut since_boundary = 0usize;
    while i < end {
        since_boundary += 1;
        let t = tokens[i];
        let s = t.text(text);
        let terminal = t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "…");
        let abbreviation_end = t.kind == TokenKind::Word && s.len() > 2 && s.ends_with('.');
        if terminal || abbreviation_end {
            // Take in repeated marks and closing quotes/brackets.
            let mut j = i + 1;
            let mut closed_quote = false;
            while j < end {
                let n = tokens[j];
                let ns = n.text(text);
                if n.kind == TokenKind::Punct && matches!(ns, "." | "!" | "?" | "…" | ")" | "]") {
                    j += 1;
                } else if n.kind == TokenKind::Quote && closing.contains(&j) {
                    // A quotation opened after a colon (`saying: "…"`) already has its
                    // speaker: a name and a verb after it begin the next sentence.
                    closed_quote = !introduced_by_colon(text, tokens, &out.quotes, j);
                    j += 1;
                } else {
                    break;
                }
            }
            if j < end && is_boundary(src, tokens, i, j, end, terminal, closed_quote) {
                boundaries.push(j);
                since_boundary = 0;
                i = j;
                continue;
            }
            i = j;
            continue;
        }
        if since_boundary >= MAX_SENTENCE_TOKENS && (t.is_punct(text, ',') || t.is_punct(text, ';'))
        {
            boundaries.push(i + 1);
            since_boundary = 0;
        }
        i += 1;
    }
    let mut from = start;
    for b in boundaries.into_iter().chain(std::iter::once(end)) {
        let kind = if is_furniture_sentence(src, &out.tokens[from..b]) {
            SentenceKind::Boilerplate
        } else {
            SentenceKind::Body
        };
        push_sentence(out, from, b, kind, paragraph);
        from = b;
    }
    carry
}

/// A sentence inside running text that is page furniture ("All content ... is licensed
/// under ..."): articles saved as one line carry their credits inside the paragraph.
fn is_furniture_sentence(src: Source<'_>, tokens: &[Token]) -> bool {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return false;
    };
    let sentence = &src.lower[first.start..last.end];
    sentence.len() < 400
        && FURNITURE_PHRASES
            .iter()
            .any(|p| p.find(sentence.as_bytes()).is_some())
}

/// The `[boilerplate_phrases]`, each made ready once for searching every sentence.
static FURNITURE_PHRASES: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        lexicon()
            .entries(List::BoilerplatePhrases)
            .map(memchr::memmem::Finder::new)
            .collect()
    });

/// Whether a sentence ends before token `next`, given the mark at `mark`.
fn is_boundary(
    src: Source<'_>,
    tokens: &[Token],
    mark: usize,
    next: usize,
    end: usize,
    terminal: bool,
    closed_quote: bool,
) -> bool {
    let text = src.text;
    let lex = lexicon();
    let n = tokens[next];
    let starts_sentence = n.is_capitalized(text)
        || n.kind == TokenKind::Number
        || n.kind == TokenKind::Quote
        || n.is_punct(text, '(')
        || n.is_punct(text, '[');
    if !starts_sentence {
        return false;
    }
    if terminal && tokens[mark].text(text) == "." && mark > 0 {
        let prev = tokens[mark - 1];
        if prev.end == tokens[mark].start && prev.kind == TokenKind::Word {
            let w = src.lower(&prev);
            let single_initial =
                prev.text(text).chars().count() == 1 && prev.first_char(text).is_uppercase();
            if (lex.has(List::Abbreviations, w) || single_initial) && !n.wide_space_before {
                return false;
            }
        }
    }
    if !terminal {
        // "U.S." and the like end a sentence only before a wide gap or a word that
        // usually opens one.
        if !(n.wide_space_before || lex.has(List::FunctionWords, src.lower(&n))) {
            return false;
        }
    }
    if closed_quote && attribution_follows(src, tokens, next, end) {
        return false;
    }
    true
}

/// Whether the quotation closed by the mark at token `close` opens right after a colon.
fn introduced_by_colon(text: &str, tokens: &[Token], quotes: &[Quote], close: usize) -> bool {
    quotes
        .iter()
        .rev()
        .find(|q| q.close == close)
        .is_some_and(|q| q.open > 0 && tokens[q.open - 1].is_punct(text, ':'))
}

/// Whether a reporting verb follows within a few words (`?” Mousavi asked.`).
fn attribution_follows(src: Source<'_>, tokens: &[Token], from: usize, end: usize) -> bool {
    let lex = lexicon();
    for t in tokens[from..end.min(from + 6)].iter() {
        match t.kind {
            TokenKind::Word => {
                if lex.has(List::ReportingVerbs, src.lower(t)) {
                    return true;
                }
            }
            TokenKind::Possessive => {}
            _ => return false,
        }
    }
    false
}

/// Finds a dateline at the start of a paragraph: upper-case words then a dash
/// ("TEHRAN -", "NEW YORK, May 3 (Reuters) -"). Returns the number of tokens it covers.
fn dateline_end(text: &str, tokens: &[Token]) -> Option<usize> {
    let mut saw_caps_word = false;
    for (k, t) in tokens.iter().enumerate().take(12) {
        let s = t.text(text);
        match t.kind {
            TokenKind::Word if s.chars().any(char::is_alphabetic) => {
                let all_caps = s
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
                if k == 0 && !all_caps {
                    return None;
                }
                saw_caps_word |= all_caps && s.chars().filter(|c| c.is_alphabetic()).count() >= 3;
            }
            TokenKind::Punct if matches!(s, "-" | "–" | "—" | "--") && t.space_before => {
                let follows = tokens.get(k + 1)?;
                return (saw_caps_word && follows.space_before).then_some(k + 1);
            }
            TokenKind::Punct if matches!(s, "," | "(" | ")" | "/" | ".") => {}
            TokenKind::Number => {}
            _ => return None,
        }
    }
    None
}

/// How much of a line's start is read for a dateline…
const DATELINE_BYTES: usize = 240;
/// …as long as it holds more tokens than a dateline reads: its first twelve and the one
/// after its dash.
const DATELINE_TOKENS: usize = 13;

/// The dateline at the start of `line` ("TEHRAN -"), if it has one.
pub fn find_dateline(line: &str) -> Option<&str> {
    // A line that opens with a word not in capitals ("The minister…") has none: the
    // usual case, told without tokenizing.
    if line.chars().next().is_some_and(char::is_alphabetic)
        && line
            .chars()
            .take_while(|c| c.is_alphabetic())
            .any(char::is_lowercase)
    {
        return None;
    }
    // A dateline is a dozen tokens at most: only the start of a long paragraph is read.
    let mut end = line.len().min(DATELINE_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    let tokens = super::token::tokenize(head);
    // The cut may fall inside the tokens read (a dozen long words): then the whole line.
    let (text, tokens) = if end < line.len() && tokens.len() <= DATELINE_TOKENS {
        (line, super::token::tokenize(line))
    } else {
        (head, tokens)
    };
    let count = dateline_end(text, &tokens)?;
    Some(&text[tokens[0].start..tokens[count - 1].end])
}

/// Whether a quotation mark opens or closes, from its form and the space around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Opening,
    Closing,
    /// Glued on both sides or on neither: it closes an open quotation, else opens one.
    Either,
}

/// Pairs the double quotation marks of a paragraph. Returns the token indices of closing
/// marks, and the opening mark of a quotation still open at the paragraph's end.
///
/// `carried` is the opening mark of a quotation left open by the paragraph before: it
/// goes on here when this paragraph starts with a new opening mark (the convention for a
/// quotation of several paragraphs) or closes a quotation before opening one. A mark that
/// opens while a quotation is open re-opens it (a new paragraph or sentence of the same
/// quotation) rather than starting another.
fn pair_quotes(
    text: &str,
    out: &mut Segmented,
    first: usize,
    end: usize,
    carried: Option<usize>,
) -> (Vec<usize>, Option<usize>) {
    let marks: Vec<(usize, Mark)> = (first..end)
        .filter(|&i| out.tokens[i].kind == TokenKind::Quote)
        .map(|i| {
            (
                i,
                mark_of(text, &out.tokens, i, first, end, carried.is_some()),
            )
        })
        .collect();
    let continues = match marks.first() {
        Some(&(i, Mark::Opening)) => i == first,
        // A paragraph without marks goes on with the quotation (see
        // `MAX_UNMARKED_QUOTE_PARAGRAPHS`).
        Some(&(_, Mark::Closing | Mark::Either)) | None => true,
    };
    let mut open = carried.filter(|_| continues);
    let mut closing = Vec::new();
    for (i, mark) in marks {
        let mark = match mark {
            Mark::Either if open.is_some() => Mark::Closing,
            Mark::Either => Mark::Opening,
            m => m,
        };
        match (mark, open) {
            (Mark::Opening, None) => open = Some(i),
            (Mark::Opening, Some(_)) => {} // the same quotation, re-opened
            (Mark::Closing, Some(o)) => {
                out.quotes.push(Quote { open: o, close: i });
                closing.push(i);
                open = None;
            }
            (Mark::Closing | Mark::Either, None) => {} // a stray mark
            (Mark::Either, Some(_)) => {}
        }
    }
    (closing, open)
}

/// Opens or closes: curly marks say so themselves; a straight mark by the space around it
/// (glued to the word after it, it opens; glued to the word before, it closes).
fn mark_of(
    text: &str,
    tokens: &[Token],
    i: usize,
    first: usize,
    end: usize,
    carrying: bool,
) -> Mark {
    let t = tokens[i];
    let glued_left = !t.space_before && i > first;
    let glued_right = tokens
        .get(i + 1)
        .is_some_and(|n| !n.space_before && i + 1 < end);
    match t.first_char(text) {
        '“' | '„' | '«' | '‟' => Mark::Opening,
        // Some texts use ” for both: one glued to the next word opens, unless a quotation
        // from the paragraph before is still open.
        '”' | '»' if glued_right && !glued_left && !carrying => Mark::Opening,
        '”' | '»' if glued_left == glued_right && !carrying => Mark::Either,
        '”' | '»' => Mark::Closing,
        _ if glued_right && !glued_left => Mark::Opening,
        _ if glued_left && !glued_right => Mark::Closing,
        _ => Mark::Either,
    }
}

impl Segmented {
    /// The document text with its lowered copy; `text` must be the segmented text.
    pub fn source<'a>(&'a self, text: &'a str) -> Source<'a> {
        Source::new(text, &self.lower)
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.first_token..sentence.end_token]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals_do_not_split() {
        let text = "Mr. Smith paid $3.5 million to the U.S. government on Jan. 5. He left.";
        assert_eq!(
            sentences(text),
            [
                "Mr. Smith paid $3.5 million to the U.S. government on Jan. 5.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end_splits_before_a_new_sentence() {
        let text = "It was removed by the U.S.  Kanaani said so. It came from the U.S. The rest.";
        assert_eq!(
            sentences(text),
            [
                "It was removed by the U.S.",
                "Kanaani said so.",
                "It came from the U.S.",
                "The rest."
            ]
        );
    }

    #[test]
    fn quotes_with_attribution_stay_with_their_speaker() {
        let text = "“It is over!” he added. “Stop it?” Smith asked. “One. Two,” she said.";
        assert_eq!(
            sentences(text),
            [
                "“It is over!” he added.",
                "“Stop it?” Smith asked.",
                "“One.",
                "Two,” she said."
            ]
        );
        // Introduced by a colon, the quotation has its speaker: what follows is new.
        assert_eq!(
            sentences("He said: “It is over.” Mr Smith said it was not."),
            ["He said: “It is over.”", "Mr Smith said it was not."]
        );
        let seg = segment(text);
        assert_eq!(seg.quotes.len(), 3);
        // both sentences of the last quote lie inside the same quotation
        let q = seg.quotes[2];
        let last_two = &seg.sentences[2..];
        assert!(
            last_two
                .iter()
                .all(|s| s.first_token <= q.close && s.end_token > q.open)
        );
    }

    #[test]
    fn glued_and_straight_quotes_pair() {
        let text = "accounts of”real Iranians”while saying \"no\"and more.";
        let seg = segment(text);
        assert_eq!(seg.quotes.len(), 2);
    }

    #[test]
    fn a_dateline_is_found_at_the_start_of_a_long_line_and_only_there() {
        let body = " Officials said the talks would go on.".repeat(20);
        assert_eq!(
            find_dateline(&format!("TEHRAN, July 10 (Reuters) -{body}")),
            Some("TEHRAN, July 10 (Reuters) -")
        );
        assert_eq!(find_dateline(&format!("The minister said{body}")), None);
        // Long capitals at the start: the dash is read past the first 240 bytes.
        let place = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(10);
        let line = format!("{place} -{body}");
        assert_eq!(find_dateline(&line), Some(&line[..place.len() + 2]));
    }

    #[test]
    fn headings_furniture_and_datelines() {
        let text = "Big news today\n\nJuly 10, 2019 - 22:7\n\nTEHRAN - The army moved. It won.\nYour Comment\nRelated posts\nAnother headline here\n";
        let seg = segment(text);
        let kinds: Vec<_> = seg.sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Heading,
                SentenceKind::Metadata,
                SentenceKind::Body,
                SentenceKind::Body,
                SentenceKind::Boilerplate,
                SentenceKind::Boilerplate,
                SentenceKind::Boilerplate
            ]
        );
        assert_eq!(
            &text[seg.sentences[2].start..seg.sentences[2].end],
            "The army moved."
        );
        let (a, b) = seg.dateline.unwrap_or_default();
        assert_eq!(&text[a..b], "TEHRAN -");
    }

    #[test]
    fn credits_inside_a_one_line_article_are_furniture() {
        let text = "The army moved. All Content by Daily News is licensed under a Creative Commons License. It won.";
        let kinds: Vec<_> = segment(text).sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Body,
                SentenceKind::Boilerplate,
                SentenceKind::Body
            ]
        );
    }

    #[test]
    fn licence_lines_and_agency_codes_are_furniture() {
        let text =
            "The army moved.\nAll content is licensed under a Creative Commons License.\nNA/PA\n";
        let kinds: Vec<_> = segment(text).sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Body,
                SentenceKind::Boilerplate,
                SentenceKind::Boilerplate
            ]
        );
    }
}
