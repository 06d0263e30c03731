//! Metadata found in a document's own text: a title line, a dateline, a publication date
//! and the outlet named in a credit or licence line.

use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};
use serde::{Deserialize, Serialize};

use crate::text::lexicon::{List, lexicon};
use crate::text::segment::find_dateline;
use crate::text::token::{Token, TokenKind, tokenize};
use crate::text::words::lower;

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Headline: given by the source, or a short first line.
    pub title: Option<String>,
    /// Place of a dateline such as `TEHRAN -`.
    pub dateline: Option<String>,
    /// Publication date, `YYYY-MM-DD` when found in the text, else as the source gave it.
    pub published: Option<String>,
    /// The news outlet, from the source or a credit line.
    pub outlet: Option<String>,
    /// Address of the original, from the source.
    pub url: Option<String>,
}

impl DocumentMeta {
    /// `self` with every field that `given` has replaced by it.
    pub fn overridden_by(self, given: DocumentMeta) -> Self {
        Self {
            title: given.title.or(self.title),
            dateline: given.dateline.or(self.dateline),
            published: given.published.or(self.published),
            outlet: given.outlet.or(self.outlet),
            url: given.url.or(self.url),
        }
    }
}

/// How far into a document a title, dateline or date is looked for.
const HEAD_LINES: usize = 6;
/// How much of a line is read for a title, dateline, date or credit: metadata sits at the
/// start of its line, and a one-line document of many megabytes must not be analysed whole
/// here.
const LINE_BYTES: usize = 1_000;
/// A line up to this long may hold the publication date anywhere in it.
const DATE_LINE_BYTES: usize = 160;
/// In a longer line, the date must start this near its beginning.
const DATE_NEAR_START_BYTES: usize = 32;
/// How near a line's start a credit's words ("Courtesy of", "Published by") must stand…
const CREDIT_CUE_NEAR_START: usize = 16;
/// …unless the line is this short.
const SHORT_CREDIT_BYTES: usize = 80;
/// The longest line read as a credit line.
const CREDIT_LINE_BYTES: usize = 240;

/// The words that open a credit's outlet ("All content by X", "Courtesy of X"), lower-case.
static CUES: LazyLock<[Finder<'static>; 4]> =
    LazyLock::new(|| ["content by ", "published by ", "courtesy of ", "source: "].map(Finder::new));
/// The marks of a copyright line, after which its year and then the outlet follow.
static COPYRIGHT_CUES: LazyLock<[Finder<'static>; 3]> =
    LazyLock::new(|| ["©", "copyright", "(c)"].map(Finder::new));
/// Where the last sentence of a long line begins.
static SENTENCE_END: LazyLock<FinderRev<'static>> = LazyLock::new(|| FinderRev::new(". "));
/// …or where its last quotation ends.
static QUOTE_END: LazyLock<FinderRev<'static>> = LazyLock::new(|| FinderRev::new("\u{201d} "));

/// Finds metadata in a document text.
pub fn detect(text: &str) -> DocumentMeta {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let title = lines
        .first()
        .filter(|first| lines.len() > 1 && is_title_line(first))
        .map(|l| l.to_string());
    // Datelines and dates open their line; credits close it.
    let head: Vec<&str> = lines
        .iter()
        .take(HEAD_LINES)
        .map(|l| start_of(l, LINE_BYTES))
        .collect();
    let dateline_text = head.iter().find_map(|l| find_dateline(l));
    // "PORTO ALEGRE, May 6 (Reuters) -": the place is before the comma or bracket, and a
    // bracketed name is the agency.
    let dateline = dateline_text.map(|d| {
        d.split([',', '(', '-', '–', '—'])
            .next()
            .unwrap_or(d)
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    });
    let agency = dateline_text
        .and_then(|d| {
            let open = d.find('(')? + 1;
            let close = open + d[open..].find(')')?;
            Some(&d[open..close])
        })
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    // A publication date opens its line ("10 July 2019", "TEHRAN, July 10 (Reuters) -")
    // or stands on a short one ("Published: 10 July 2019"); a date inside a paragraph
    // ("… on 14 May, 1870") is something the article speaks of.
    let published = head.iter().find_map(|l| {
        let shown = if l.len() <= DATE_LINE_BYTES {
            l
        } else {
            start_of(l, DATE_NEAR_START_BYTES)
        };
        find_date(shown)
    });
    // A credit is a short line of its own, not a phrase in a paragraph ("courtesy of the
    // Polish distributor").
    let outlet = lines
        .iter()
        .rev()
        .take(12)
        .filter_map(|l| credit_line(l))
        .find_map(credit_outlet)
        .or(agency);
    DocumentMeta {
        title,
        dateline,
        published,
        outlet,
        url: None,
    }
}

/// Where a credit may stand in a line: the whole of a short line, else the last sentence
/// of a long one (a one-line article ends with its licence line).
fn credit_line(line: &str) -> Option<&str> {
    if line.len() <= CREDIT_LINE_BYTES {
        return Some(line);
    }
    let tail = end_of(line, CREDIT_LINE_BYTES);
    let cut = SENTENCE_END.rfind(tail).or_else(|| QUOTE_END.rfind(tail))?;
    Some(tail[cut..].trim_start_matches(['.', '\u{201d}', ' ']))
}

/// The last `max` bytes of `line` (cut at a character boundary).
fn end_of(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut start = line.len() - max;
    while !line.is_char_boundary(start) {
        start += 1;
    }
    &line[start..]
}

/// The first `max` bytes of `line` (cut at a character boundary).
fn start_of(line: &str, max: usize) -> &str {
    if line.len() <= max {
        return line;
    }
    let mut end = max;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

fn is_title_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.len() <= 200
        && (1..=20).contains(&words)
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && find_date(line).is_none_or(|_| words > 6)
}

/// The first date in `line` as `YYYY-MM-DD`: "July 10, 2019", "10 July 2019", "2019-07-10".
pub fn find_date(line: &str) -> Option<String> {
    // Every form has a day or a year in digits.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let tokens = tokenize(line);
    let words: Vec<(&str, Token)> = tokens
        .iter()
        .filter(|t| !(t.kind == TokenKind::Punct && matches!(t.text(line), "," | ".")))
        .map(|t| (t.text(line), *t))
        .collect();
    for k in 0..words.len() {
        let (w, t) = words[k];
        if let Some(month) = month_number(w) {
            // Month D, YYYY
            if let (Some(day), Some(year)) = (
                words.get(k + 1).and_then(|(d, _)| day_number(d)),
                words.get(k + 2).and_then(|(y, _)| year_number(y)),
            ) {
                return Some(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
        if t.kind == TokenKind::Number {
            // D Month YYYY
            if let (Some(day), Some(month), Some(year)) = (
                day_number(w),
                words.get(k + 1).and_then(|(m, _)| month_number(m)),
                words.get(k + 2).and_then(|(y, _)| year_number(y)),
            ) {
                return Some(format!("{year:04}-{month:02}-{day:02}"));
            }
            // YYYY-MM-DD
            if let Some(year) = year_number(w) {
                let parts: Vec<&str> = words[k..words.len().min(k + 5)]
                    .iter()
                    .map(|(s, _)| *s)
                    .collect();
                if let [_, "-", m, "-", d] = parts.as_slice() {
                    let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
                    let day = day_number(d)?;
                    return Some(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
    }
    None
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = lower(word);
    if !lexicon().has(List::Months, &w) {
        return None;
    }
    let position = MONTHS.iter().position(|m| w.starts_with(m))?;
    u32::try_from(position + 1).ok()
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<u32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// `line` lowered into `buffer`, if it fits and each of its characters lowers to one
/// character of the same length.
fn lower_in_place<'b>(line: &str, buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let lowered = buffer.get_mut(..line.len())?;
    lowered.copy_from_slice(line.as_bytes());
    lowered.make_ascii_lowercase();
    if line.is_ascii() {
        return Some(lowered);
    }
    for (at, c) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return None;
        };
        if l.len_utf8() != c.len_utf8() {
            return None;
        }
        l.encode_utf8(&mut lowered[at..at + l.len_utf8()]);
    }
    Some(lowered)
}

/// The outlet named in a credit line: "All Content by X is licensed ...",
/// "© 2020 X", "Copyright 2020 X. All rights reserved".
fn credit_outlet(line: &str) -> Option<String> {
    // Lowered into a buffer when each character lowers to one of the same length (the
    // same as `to_lowercase` wherever the cues can match), else through `to_lowercase`.
    let mut buffer = [0u8; CREDIT_LINE_BYTES];
    let allocated: String;
    let lowered: &[u8] = match lower_in_place(line, &mut buffer) {
        Some(lowered) => lowered,
        None => {
            allocated = line.to_lowercase();
            if allocated.len() != line.len() {
                return None; // keep byte offsets aligned; such lines are rare in credits
            }
            allocated.as_bytes()
        }
    };
    // "Courtesy of X" credits when it opens the line or the line is a short credit; in a
    // sentence ("reached cinemas courtesy of the Polish distributor") it is prose.
    // Only a short line is searched whole for these cues; in a longer one, its start.
    let searched = if line.len() <= SHORT_CREDIT_BYTES {
        lowered
    } else {
        &lowered[..lowered
            .len()
            .min(CREDIT_CUE_NEAR_START + "published by ".len())]
    };
    let after = CUES
        .iter()
        .find_map(|cue| {
            cue.find(searched)
                .filter(|&i| i <= CREDIT_CUE_NEAR_START || line.len() <= SHORT_CREDIT_BYTES)
                .map(|i| i + cue.needle().len())
        })
        .or_else(|| {
            COPYRIGHT_CUES.iter().find_map(|cue| {
                let i = cue.find(lowered)? + cue.needle().len();
                // `i` follows a whole character of the lowered line; where lowering
                // moved the characters of `line` off that boundary, the cue is passed over.
                let rest = line.get(i..)?;
                let skip = rest
                    .find(|c: char| {
                        !(c.is_ascii_digit() || c.is_whitespace() || "-–,©()c".contains(c))
                    })
                    .unwrap_or(rest.len());
                Some(i + skip)
            })
        })?;
    let mut name: Vec<&str> = Vec::new();
    // Lowering may have moved the characters of `line` (its length kept): a cue's end
    // that is no boundary of `line` gives no outlet.
    for w in line.get(after..)?.split_whitespace().take(8) {
        let starts_name = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !(starts_name || matches!(w, "of" | "the" | "and" | "&")) {
            break;
        }
        name.push(w);
        if w.ends_with(['.', ',', ';', ':']) && !w.ends_with("Inc.") {
            break;
        }
    }
    let name = name.join(" ");
    let name = name
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_title_dateline_date_and_outlet() {
        let text = "Storm hits coast\n\nMarch 3, 2021 - 10:15\n\nLISBON - Winds of 150 km/h hit the coast on Tuesday.\n\nAll content by Harbour Daily News is licensed under CC BY 4.0.\n";
        let meta = detect(text);
        assert_eq!(meta.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(meta.dateline.as_deref(), Some("LISBON"));
        assert_eq!(meta.published.as_deref(), Some("2021-03-03"));
        assert_eq!(meta.outlet.as_deref(), Some("Harbour Daily News"));
    }

    #[test]
    fn datelines_with_agencies() {
        let meta =
            detect("Title here\n\nPORTO ALEGRE, May 6 (Reuters) - Floods killed 83 people.\n");
        assert_eq!(meta.dateline.as_deref(), Some("PORTO ALEGRE"));
        assert_eq!(meta.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn date_forms() {
        assert_eq!(
            find_date("on 4 July 1999 we").as_deref(),
            Some("1999-07-04")
        );
        assert_eq!(find_date("2020-02-29T10:00").as_deref(), Some("2020-02-29"));
        assert_eq!(find_date("in May we"), None);
        assert_eq!(
            find_date("Copyright © 2018 The Gazette. All rights reserved."),
            None
        );
        assert_eq!(
            credit_outlet("Copyright © 2018 The Gazette. All rights reserved.").as_deref(),
            Some("The Gazette")
        );
    }

    #[test]
    fn credit_lines_in_any_case_and_script() {
        // Upper case, accents and curly quotes around the cue; each read as a credit.
        for (line, outlet) in [
            ("COURTESY OF Harbour Daily", "Harbour Daily"),
            ("Source: Élan Média Group", "Élan Média Group"),
            ("\u{201c}Photo\u{201d} courtesy of Åland Post", "Åland Post"),
            (
                "© 2021 Société Générale Press. Tous droits réservés",
                "Société Générale Press",
            ),
        ] {
            assert_eq!(credit_outlet(line).as_deref(), Some(outlet), "{line}");
        }
        // A line whose lower case is longer than itself is not read (offsets would move).
        assert_eq!(credit_outlet("Source: İstanbul Times"), None);
        // The last sentence of a long line is its credit.
        let long = format!(
            "{} Published by Harbour Daily",
            "Some words here. ".repeat(20)
        );
        assert_eq!(
            credit_line(&long).and_then(credit_outlet).as_deref(),
            Some("Harbour Daily")
        );
        // A line of middling length: its cue must open it.
        let middling = format!("Courtesy of Harbour Daily {}", "with more words ".repeat(5));
        assert!(middling.len() > SHORT_CREDIT_BYTES && middling.len() <= CREDIT_LINE_BYTES);
        assert_eq!(credit_outlet(&middling).as_deref(), Some("Harbour Daily"));
        let late = format!("{} courtesy of Harbour Daily", "with more words ".repeat(5));
        assert_eq!(credit_outlet(&late), None);
        // Lowering that keeps the length but moves characters (İ grows, ẞ shrinks): no
        // panic, and no outlet read from the wrong place.
        assert_eq!(credit_outlet("İ source: ÀẞX"), None);
        assert_eq!(
            lower_in_place("ÀB", &mut [0; 2]),
            None,
            "too long for its buffer"
        );
        assert_eq!(lower_in_place("ÀB", &mut [0; 8]), Some("àb".as_bytes()));
    }

    #[test]
    fn a_closing_bracket_before_an_opening_one_is_no_agency() {
        let meta = detect("TEHRAN ) ( - Officials said 40 people died.\nMore text.");
        assert_eq!(meta.outlet, None);
        let meta = detect("PARIS, May 6 ) (AFP) - Officials said 40 people died.\nMore.");
        assert_eq!(meta.dateline.as_deref(), Some("PARIS"));
    }

    #[test]
    fn only_the_start_of_a_huge_line_is_read() {
        // A date far into a one-line document is not the document's date: metadata
        // detection reads the start of each line only.
        let text = format!(
            "{} on March 3, 2021 officials said.",
            "word ".repeat(10_000)
        );
        assert_eq!(detect(&text).published, None);
        let text = format!("March 3, 2021 - {}", "word ".repeat(10_000));
        assert_eq!(detect(&text).published.as_deref(), Some("2021-03-03"));
    }

    #[test]
    fn one_line_documents_have_no_title() {
        assert_eq!(detect("Just one line of text").title, None);
    }

    #[test]
    fn dates_and_credits_inside_paragraphs_are_not_metadata() {
        let text = "All Black magic in Cardiff\n\
                    The side first toured these islands and Wales on 14 May, 1870, and came back many times since, \
                    a record no other team in the game can claim over so many seasons of rugby.\n\
                    The film reached cinemas courtesy of the Polish distributor, which bought the rights \
                    for a small sum after a festival showing in the spring and sold it on within weeks.\n";
        let meta = detect(text);
        assert_eq!(meta.published, None);
        assert_eq!(meta.outlet, None);
        let dated = detect("Rugby tour ends\n14 May 2005\nThe side flew home on Sunday.\n");
        assert_eq!(dated.published.as_deref(), Some("2005-05-14"));
    }
}
