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
    let Loaded { corpus, warnings } = loaded;
    read_each(input, shown, max_line_bytes, false, warnings, &mut |doc| {
        corpus.documents.push(doc);
    })
}

/// Like [`read`], handing each document to `each` as it is read, so that a stream of any
/// length is read in the memory of one document. With `numbered`, a line may start with
/// its number and a tab (`12<TAB>{"id": …}`): the number it had in the corpus before the
/// corpus was split, which names the document (`SHOWN:12`) in place of its place in this
/// stream.
pub fn read_each(
    mut input: impl BufRead,
    shown: &str,
    max_line_bytes: u64,
    numbered: bool,
    warnings: &mut Vec<LoadWarning>,
    each: &mut dyn FnMut(Document),
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
    loop {
        line.clear();
        line_no += 1;
        // Up to the limit (and one byte more, to tell a line of exactly the limit from
        // a longer one); the rest of a longer line is passed over without keeping it.
        let read = (&mut input)
            .take(room.saturating_add(1) as u64)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(());
        }
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
                skip_line(&mut input)?
            };
            let skipped = (line.len() - prefix) as u64 + more;
            let line_no = if numbered {
                number_prefix(&line).map_or(line_no, |(n, _)| n)
            } else {
                line_no
            };
            warnings.push(LoadWarning {
                path: format!("{shown}:{line_no}"),
                message: format!(
                    "line skipped: the document is {:.1} MB, over the {} MB limit for one document",
                    skipped as f64 / 1e6,
                    max_line_bytes / 1_000_000
                ),
            });
            continue;
        }
        let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let bytes = if line_no == 1 {
            bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
        } else {
            bytes
        };
        let (number, bytes) = match number_prefix(bytes).filter(|_| numbered) {
            // The corpus's first line keeps its byte order mark behind the number.
            Some((1, rest)) => (1, rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest)),
            Some((n, rest)) => (n, rest),
            None => (line_no, bytes),
        };
        let text = super::decode(bytes, &format!("{shown}:{number}"), warnings);
        if let Some(doc) = parse_line(&text, number, shown, warnings) {
            each(doc);
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
