//! W3C Web Annotation JSON-LD: the claims with a verdict or notes, each targeting its
//! text by quote (exact, prefix, suffix) and by position in characters.

use serde_json::{Value, json};

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

/// An `AnnotationCollection` of the records with a verdict, conclusion or notes.
pub fn collection(records: &[Record<'_>], id_base: &str) -> Value {
    let mut counter = CharCounter::default();
    let items: Vec<Value> = records
        .iter()
        .filter(|r| {
            r.annotation.is_some_and(|a| {
                a.verdict.is_some() || !a.notes.is_empty() || !a.conclusion.is_empty()
            })
        })
        .map(|r| annotation(r, id_base, &mut counter))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "id": format!("{id_base}annotations"),
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "id": format!("{id_base}annotations/page1"),
            "items": items,
        },
    })
}

fn annotation(record: &Record<'_>, id_base: &str, counter: &mut CharCounter) -> Value {
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
    let suffix: String = after.chars().take(CONTEXT_CHARS).collect();
    let start_char = counter.at(record.document_id(), text, start);
    let end_char = start_char + text.get(start..end).unwrap_or("").chars().count();
    let annotation = record.annotation;
    let mut body = Vec::new();
    if let Some(v) = record.verdict() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": v.label(),
        }));
    }
    for (purpose, value) in [
        (
            "describing",
            annotation.map_or("", |a| a.conclusion.as_str()),
        ),
        ("commenting", annotation.map_or("", |a| a.notes.as_str())),
    ] {
        if !value.is_empty() {
            body.push(json!({"type": "TextualBody", "purpose": purpose, "value": value}));
        }
    }
    let meta = record.meta();
    let source = meta
        .url
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("{id_base}documents/{}", record.document_id()));
    json!({
        "type": "Annotation",
        "id": format!("{id_base}annotations/{}", record.claim.id),
        "motivation": "assessing",
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": text.get(start..end).unwrap_or(&record.claim.text), "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": start_char, "end": end_char},
            ],
        },
    })
}
