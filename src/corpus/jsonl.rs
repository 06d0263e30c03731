//! JSON Lines corpora: one document per line, `{"id", "text"}` plus optional
//! `"title"`, `"url"`, `"published"`, `"outlet"`.

use std::io::{BufRead, Read};

use serde::Deserialize;

use super::{Document, DocumentMeta, LoadWarning, Loaded};

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
}

/// Reads a JSON Lines file of any size line by line, adding every good line to `loaded`.
/// A line longer than `max_line_bytes` is skipped, unread past its end, with a warning
/// naming it; broken UTF-8 in a line is replaced, with a warning naming the line.
pub fn read(
    input: impl BufRead,
    shown: &str,
    max_line_bytes: u64,
    loaded: &mut Loaded,
) -> std::io::Result<()> {
    read_counting(input, shown, max_line_bytes, loaded, &mut |_| true)
}

/// Like [`read`], telling `read_so_far(bytes)` how far into the input it is after every
/// batch of lines; when that returns false, reading stops with an error holding
/// [`Stopped`] (see [`is_stopped`]), keeping what was read.
pub fn read_counting(
    input: impl BufRead,
    shown: &str,
    max_line_bytes: u64,
    loaded: &mut Loaded,
    read_so_far: &mut dyn FnMut(u64) -> bool,
) -> std::io::Result<()> {
    let Loaded { corpus, warnings } = loaded;
    read_lines(
        input,
        shown,
        max_line_bytes,
        false,
        warnings,
        &mut |doc| corpus.documents.push(doc),
        read_so_far,
    )
}

/// Like [`read`], handing each document to `each` as it is read, so that a stream of any
/// length is read in the memory of one batch of lines (at most [`BATCH_BYTES`] and one
/// more line). With `numbered`, a line may start with
/// its number and a tab (`12<TAB>{"id": …}`): the number it had in the corpus before the
/// corpus was split, which names the document (`SHOWN:12`) in place of its place in this
/// stream.
pub fn read_each(
    input: impl BufRead,
    shown: &str,
    max_line_bytes: u64,
    numbered: bool,
    warnings: &mut Vec<LoadWarning>,
    each: &mut dyn FnMut(Document),
) -> std::io::Result<()> {
    read_lines(
        input,
        shown,
        max_line_bytes,
        numbered,
        warnings,
        each,
        &mut |_| true,
    )
}

/// [`read_each`] with [`read_counting`]'s report of how far it is.
fn read_lines(
    mut input: impl BufRead,
    shown: &str,
    max_line_bytes: u64,
    numbered: bool,
    warnings: &mut Vec<LoadWarning>,
    each: &mut dyn FnMut(Document),
    read_so_far: &mut dyn FnMut(u64) -> bool,
) -> std::io::Result<()> {
    let limit = usize::try_from(max_line_bytes).unwrap_or(usize::MAX);
    // A numbered line may hold its number and tab besides a document of the limit.
    let room = if numbered {
        limit.saturating_add(NUMBER_ROOM)
    } else {
        limit
    };
    let mut line = Vec::new();
    let mut line_no = 0;
    // Lines are read one after the other and parsed a batch at a time on every core; what
    // a batch gives (documents and warnings) is handed on in line order.
    let mut batch = Batch::default();
    let mut consumed = 0u64;
    loop {
        line.clear();
        line_no += 1;
        // Up to the limit (and one byte more, to tell a line of exactly the limit from
        // a longer one); the rest of a longer line is passed over without keeping it.
        let read = match (&mut input)
            .take(room.saturating_add(1) as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(read) => read,
            Err(e) => {
                // What was read before the error is kept.
                batch.finish(shown, warnings, each);
                return Err(e);
            }
        };
        if read == 0 {
            batch.finish(shown, warnings, each);
            return Ok(());
        }
        consumed += read as u64;
        let prefix = if numbered {
            number_prefix(&line).map_or(0, |(_, rest)| line.len() - rest.len())
        } else {
            0
        };
        let document = line.len() - prefix - usize::from(line.ends_with(b"\n"));
        if (!line.ends_with(b"\n") && line.len() > room) || document > limit {
            let more = if line.ends_with(b"\n") {
                0
            } else {
                match skip_line(&mut input) {
                    Ok(more) => more,
                    Err(e) => {
                        batch.finish(shown, warnings, each);
                        return Err(e);
                    }
                }
            };
            consumed += more;
            let skipped = (line.len() - prefix) as u64 + more;
            let line_no = if numbered {
                number_prefix(&line).map_or(line_no, |(n, _)| n)
            } else {
                line_no
            };
            batch.lines.push(Line::Skipped(LoadWarning {
                path: format!("{shown}:{line_no}"),
                message: format!(
                    "line skipped: the document is {:.1} MB, over the {} MB limit for one document",
                    skipped as f64 / 1e6,
                    max_line_bytes / 1_000_000
                ),
            }));
            continue;
        }
        let mut end = line.len();
        if line.ends_with(b"\n") {
            end -= 1;
        }
        if line[..end].ends_with(b"\r") {
            end -= 1;
        }
        line.truncate(end);
        let mut bytes = std::mem::take(&mut line);
        if line_no == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        let number = match number_prefix(&bytes).filter(|_| numbered) {
            Some((n, rest)) => {
                let cut = bytes.len() - rest.len();
                bytes.drain(..cut);
                // The corpus's first line keeps its byte order mark behind the number.
                if n == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                    bytes.drain(..3);
                }
                n
            }
            None => line_no,
        };
        batch.bytes += bytes.len();
        batch.lines.push(Line::Read { number, bytes });
        if batch.lines.len() >= BATCH_LINES || batch.bytes >= BATCH_BYTES {
            batch.finish(shown, warnings, each);
            if !read_so_far(consumed) {
                return Err(std::io::Error::other(Stopped));
            }
        }
    }
}

/// Why [`read_counting`] stopped early: it was asked to.
#[derive(Debug)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reading was stopped")
    }
}

impl std::error::Error for Stopped {}

/// Whether `e` is [`read_counting`] stopping because it was asked to.
pub fn is_stopped(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Stopped>())
}

/// At most this many lines are parsed together…
const BATCH_LINES: usize = 2_048;
/// …or lines of this many bytes, whichever comes first.
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// A line of a batch: one to parse, or one already skipped with a warning.
enum Line {
    Read { number: usize, bytes: Vec<u8> },
    Skipped(LoadWarning),
}

/// Lines read but not yet parsed.
#[derive(Default)]
struct Batch {
    lines: Vec<Line>,
    bytes: usize,
}

impl Batch {
    /// Parses the batch's lines in parallel, then hands on their documents and warnings
    /// in line order, and empties the batch.
    fn finish(
        &mut self,
        shown: &str,
        warnings: &mut Vec<LoadWarning>,
        each: &mut dyn FnMut(Document),
    ) {
        use rayon::prelude::*;
        let parsed: Vec<(Option<Document>, Vec<LoadWarning>)> = std::mem::take(&mut self.lines)
            .into_par_iter()
            .map(|line| match line {
                Line::Read { number, bytes } => {
                    let mut found = Vec::new();
                    let text = super::decode(&bytes, &format!("{shown}:{number}"), &mut found);
                    drop(bytes);
                    let doc = parse_line(&text, number, shown, &mut found);
                    (doc, found)
                }
                Line::Skipped(warning) => (None, vec![warning]),
            })
            .collect();
        self.bytes = 0;
        for (doc, found) in parsed {
            warnings.extend(found);
            if let Some(doc) = doc {
                each(doc);
            }
        }
    }
}

/// Bytes a line number and its tab may take (18 digits and a tab, and one to spare).
const NUMBER_ROOM: usize = 20;

/// The line number a numbered line starts with, and the rest after its tab.
fn number_prefix(line: &[u8]) -> Option<(usize, &[u8])> {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 18 || line.get(digits) != Some(&b'\t') {
        return None;
    }
    let n = std::str::from_utf8(&line[..digits]).ok()?.parse().ok()?;
    Some((n, &line[digits + 1..]))
}

/// Passes over the rest of a line; returns how many bytes it held.
fn skip_line(input: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                input.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                input.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// One line's document, or a warning naming the line.
fn parse_line(
    line: &str,
    line_no: usize,
    shown: &str,
    warnings: &mut Vec<LoadWarning>,
) -> Option<Document> {
    if line.trim().is_empty() {
        return None;
    }
    let path = format!("{shown}:{line_no}");
    let record: Record = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            warnings.push(LoadWarning {
                path,
                message: format!("line skipped: {e}"),
            });
            return None;
        }
    };
    let id = match &record.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            warnings.push(LoadWarning {
                path,
                message: "line skipped: \"id\" must be a non-empty string or a number".into(),
            });
            return None;
        }
    };
    let body = record.text.strip_prefix('\u{feff}').unwrap_or(&record.text);
    if body.trim().is_empty() {
        warnings.push(LoadWarning {
            path,
            message: "line skipped: empty \"text\"".into(),
        });
        return None;
    }
    let given = DocumentMeta {
        title: record.title,
        url: record.url,
        published: record.published,
        outlet: record.outlet,
        dateline: None,
    };
    Some(Document::new(id, path, body.to_string(), given))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives `bytes` and then fails.
    struct FailingAfter {
        bytes: std::io::Cursor<Vec<u8>>,
    }

    impl Read for FailingAfter {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.bytes.read(buf)? {
                0 => Err(std::io::Error::other("the disk went away")),
                n => Ok(n),
            }
        }
    }

    fn lines(n: usize) -> String {
        (1..=n)
            .map(|k| format!("{{\"id\": \"d{k}\", \"text\": \"Line {k}.\"}}\n"))
            .collect()
    }

    #[test]
    fn a_read_error_keeps_the_documents_read_before_it() {
        let input = std::io::BufReader::new(FailingAfter {
            bytes: std::io::Cursor::new(lines(10).into_bytes()),
        });
        let mut loaded = Loaded::default();
        let error = read(input, "c.jsonl", 1 << 20, &mut loaded).expect_err("fails");
        assert!(error.to_string().contains("the disk went away"));
        assert_eq!(loaded.corpus.documents.len(), 10);
    }

    #[test]
    fn reading_stops_when_asked_and_keeps_what_was_read() {
        let text = lines(BATCH_LINES * 3);
        let mut reports = Vec::new();
        let mut loaded = Loaded::default();
        let error = read_counting(text.as_bytes(), "c.jsonl", 1 << 20, &mut loaded, &mut |n| {
            reports.push(n);
            reports.len() < 2
        })
        .expect_err("stopped");
        assert!(is_stopped(&error), "{error}");
        assert_eq!(loaded.corpus.documents.len(), BATCH_LINES * 2);
        assert!(reports[0] > 0 && reports[0] < reports[1], "{reports:?}");
        assert!(reports[1] < text.len() as u64);
        // Asked to go on, it reads everything.
        let mut all = Loaded::default();
        read_counting(text.as_bytes(), "c.jsonl", 1 << 20, &mut all, &mut |_| true).expect("reads");
        assert_eq!(all.corpus.documents.len(), BATCH_LINES * 3);
    }

    #[test]
    fn documents_and_warnings_keep_line_order_across_batches() {
        // More lines than one batch parses, with bad and oversized lines among them.
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut bad = Vec::new();
        for n in 1..=BATCH_LINES * 2 + 7 {
            if n % 997 == 0 {
                text.push_str("not json\n");
                bad.push(format!("c.jsonl:{n}"));
            } else if n % 1_499 == 0 {
                text.push_str(&format!(
                    "{{\"id\": \"{n}\", \"text\": \"{}\"}}\n",
                    "y".repeat(300)
                ));
                bad.push(format!("c.jsonl:{n}"));
            } else {
                text.push_str(&format!("{{\"id\": \"d{n}\", \"text\": \"Line {n}.\"}}\n"));
                expected.push(format!("d{n}"));
            }
        }
        let mut loaded = Loaded::default();
        read(text.as_bytes(), "c.jsonl", 200, &mut loaded).expect("reads");
        let ids: Vec<_> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.clone())
            .collect();
        assert_eq!(ids, expected);
        let paths: Vec<_> = loaded.warnings.iter().map(|w| w.path.clone()).collect();
        assert_eq!(paths, bad);
    }

    #[test]
    fn good_lines_load_and_bad_lines_warn() {
        let mut loaded = Loaded::default();
        let text = "{\"id\": \"x1\", \"text\": \"Some text.\", \"outlet\": \"Daily\"}\n\nnot json\n{\"id\": 7, \"text\": \"More.\"}\n{\"id\": [], \"text\": \"a\"}\n{\"id\": \"e\", \"text\": \"  \"}\n";
        read(text.as_bytes(), "c.jsonl", 1 << 20, &mut loaded).expect("reads");
        let ids: Vec<_> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["x1", "7"]);
        assert_eq!(
            loaded.corpus.documents[0].meta.outlet.as_deref(),
            Some("Daily")
        );
        let paths: Vec<_> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, ["c.jsonl:3", "c.jsonl:5", "c.jsonl:6"]);
    }

    #[test]
    fn an_oversized_document_is_skipped_by_line_and_the_rest_is_read() {
        let big = "x".repeat(5_000);
        let text = format!(
            "{{\"id\": \"a\", \"text\": \"Short one.\"}}\n\
             {{\"id\": \"b\", \"text\": \"{big}\"}}\n\
             {{\"id\": \"c\", \"text\": \"Bro__ken.\"}}\n\
             {{\"id\": \"d\", \"text\": \"Last, no newline.\"}}"
        );
        let mut bytes = text.into_bytes();
        // A broken UTF-8 byte inside line 3.
        let at = bytes.windows(3).position(|w| w == b"Bro").expect("there") + 3;
        bytes.splice(at..at + 2, [0xFF]);
        let mut loaded = Loaded::default();
        read(&bytes[..], "c.jsonl", 1_000, &mut loaded).expect("reads");
        let ids: Vec<_> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "c", "d"]);
        let warnings: Vec<_> = loaded
            .warnings
            .iter()
            .map(|w| (w.path.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].0, "c.jsonl:2");
        assert!(
            warnings[0].1.contains("limit for one document"),
            "{}",
            warnings[0].1
        );
        assert_eq!(warnings[1].0, "c.jsonl:3");
        assert!(warnings[1].1.contains("not valid UTF-8"));
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_kept() {
        let line = "{\"id\": \"a\", \"text\": \"Exactly.\"}";
        let mut loaded = Loaded::default();
        read(line.as_bytes(), "c.jsonl", line.len() as u64, &mut loaded).expect("reads");
        assert_eq!(loaded.corpus.documents.len(), 1, "{:?}", loaded.warnings);
    }
}
