//! W3C Web Annotation JSON-LD: the claims with a verdict or notes, each targeting its
//! text by quote (exact, prefix, suffix) and by position in characters.

use serde::Serialize;

use super::record::Record;

/// How much text on each side a quote selector carries.
const CONTEXT_CHARS: usize = 32;

/// Character offsets of byte offsets in one document, counted on from the last one asked
/// for when the next lies further on (records come in document order), so a document is
/// counted through once, not once per claim.
#[derive(Default)]
struct CharCounter {
    document: Option<String>,
    byte: usize,
    chars: usize,
}

impl CharCounter {
    fn at(&mut self, document: &str, text: &str, byte: usize) -> usize {
        if self.document.as_deref() != Some(document) || byte < self.byte {
            self.document = Some(document.to_string());
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

// The model's objects, written straight from these structs (fields in the order the
// output has always had: by name).

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: Page<'a>,
    id: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    items: super::Counted<'a, Annotation<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    body: Vec<Body<'a>>,
    id: String,
    motivation: &'static str,
    target: Target<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Body<'a> {
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct Target<'a> {
    selector: (QuoteSelector<'a>, PositionSelector),
    source: String,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct PositionSelector {
    end: usize,
    start: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Writes an `AnnotationCollection` of the records with a verdict, conclusion or notes.
pub fn write(
    records: &[Record<'_>],
    id_base: &str,
    out: &mut dyn std::io::Write,
    progress: &super::Progress,
) -> std::io::Result<()> {
    let mut counter = CharCounter::default();
    let items: Vec<Annotation<'_>> = records
        .iter()
        .filter(|r| {
            r.annotation.is_some_and(|a| {
                a.verdict.is_some() || !a.notes.is_empty() || !a.conclusion.is_empty()
            })
        })
        .map(|r| annotation(r, id_base, &mut counter))
        .collect();
    progress.begin(items.len());
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: format!("{id_base}annotations"),
        total: items.len(),
        kind: "AnnotationCollection",
        first: Page {
            id: format!("{id_base}annotations/page1"),
            kind: "AnnotationPage",
            items: super::Counted { items, progress },
        },
    };
    serde_json::to_writer_pretty(&mut *out, &collection).map_err(std::io::Error::other)?;
    writeln!(out)
}

fn annotation<'a>(record: &Record<'a>, id_base: &str, counter: &mut CharCounter) -> Annotation<'a> {
    let text = record.document_text();
    let (start, end) = (record.claim.start, record.claim.end);
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    // The last CONTEXT_CHARS characters before the claim, found from its end.
    let prefix_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let prefix = &before[prefix_from..];
    let suffix_to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let suffix = &after[..suffix_to];
    let start_char = counter.at(record.document_id(), text, start);
    let exact = text.get(start..end).unwrap_or(&record.claim.text);
    let end_char = start_char + exact.chars().count();
    let annotation = record.annotation;
    let mut body = Vec::new();
    if let Some(v) = record.verdict() {
        body.push(Body {
            purpose: "assessing",
            kind: "TextualBody",
            value: v.label(),
        });
    }
    for (purpose, value) in [
        (
            "describing",
            annotation.map_or("", |a| a.conclusion.as_str()),
        ),
        ("commenting", annotation.map_or("", |a| a.notes.as_str())),
    ] {
        if !value.is_empty() {
            body.push(Body {
                purpose,
                kind: "TextualBody",
                value,
            });
        }
    }
    let meta = record.meta();
    let source = meta
        .url
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("{id_base}documents/{}", record.document_id()));
    Annotation {
        body,
        id: format!("{id_base}annotations/{}", record.claim.id),
        motivation: "assessing",
        target: Target {
            selector: (
                QuoteSelector {
                    exact,
                    prefix,
                    suffix,
                    kind: "TextQuoteSelector",
                },
                PositionSelector {
                    end: end_char,
                    start: start_char,
                    kind: "TextPositionSelector",
                },
            ),
            source,
        },
        kind: "Annotation",
    }
}
