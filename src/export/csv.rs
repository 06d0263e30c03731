//! CSV (RFC 4180, through the `csv` crate): one row per claim.

use std::io::Write;

use super::record::Record;
use crate::extract::{Extraction, FigureKind};
use crate::workspace::Workspace;

/// The header of the extraction's CSV (`claimbench extract --format csv`).
pub const COLUMNS: [&str; 13] = [
    "id",
    "document",
    "start",
    "end",
    "speaker",
    "via",
    "score",
    "family",
    "family_label",
    "conflict",
    "figures",
    "features",
    "text",
];

/// The header of the claims with the researcher's work (the window's export and
/// `claimbench export --format csv`).
pub const WORK_COLUMNS: [&str; 18] = [
    "id",
    "document",
    "title",
    "outlet",
    "published",
    "speaker",
    "via",
    "claim",
    "figures",
    "family",
    "conflict",
    "score",
    "verdict",
    "rating",
    "status",
    "conclusion",
    "notes",
    "references",
];

/// The UTF-8 byte order mark, for spreadsheets that need it to read UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// A cell a spreadsheet could read as a formula (it begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading apostrophe, as OWASP advises against CSV
/// injection: the spreadsheet shows the text and runs nothing.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes one record with every cell made [`inert`].
fn write_inert<S: AsRef<str>>(
    w: &mut csv::Writer<&mut dyn Write>,
    cells: &[S],
) -> std::io::Result<()> {
    w.write_record(cells.iter().map(|c| inert(c.as_ref())).map(|c| match c {
        std::borrow::Cow::Borrowed(b) => std::borrow::Cow::Borrowed(b.as_bytes()),
        std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o.into_bytes()),
    }))
    .map_err(io)
}

fn io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

/// Writes one row per extracted claim.
pub fn write_claims(extraction: &Extraction, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = writer(out);
    w.write_record(COLUMNS).map_err(io)?;
    // Looked up by id once, not searched for every claim.
    let actors: std::collections::HashMap<&str, &str> = extraction
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let families: std::collections::HashMap<&str, &crate::extract::Family> = extraction
        .families
        .iter()
        .map(|f| (f.id.as_str(), f))
        .collect();
    let actor_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| actors.get(id))
            .map(|name| name.to_string())
            .unwrap_or_default()
    };
    for claim in &extraction.claims {
        let family = claim
            .family
            .as_deref()
            .and_then(|id| families.get(id).copied());
        let figures = claim
            .numbers
            .iter()
            .filter(|f| f.kind != FigureKind::Other)
            .map(|f| match &f.qualifier {
                Some(q) => format!("{} {} = {}", q, f.text, f.value),
                None => format!("{} = {}", f.text, f.value),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let features = claim
            .features
            .iter()
            .map(|f| format!("{} {:+.2}", f.name, f.weight))
            .collect::<Vec<_>>()
            .join("; ");
        let cells = [
            claim.id.clone(),
            claim.document.to_string(),
            claim.start.to_string(),
            claim.end.to_string(),
            actor_name(&claim.speaker),
            actor_name(&claim.via),
            format!("{:.2}", claim.score),
            claim.family.clone().unwrap_or_default(),
            family.map(|f| f.label.clone()).unwrap_or_default(),
            family.map(|f| f.conflict.to_string()).unwrap_or_default(),
            figures,
            features,
            claim.text.clone(),
        ];
        write_inert(&mut w, &cells)?;
    }
    w.flush()
}

/// Writes grid rows with the researcher's verdicts, statuses and references; `bom` puts
/// a byte order mark first.
pub fn write_rows(
    workspace: &Workspace,
    rows: &[usize],
    bom: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_rows_counting(workspace, rows, bom, out, &super::Progress::default())
}

/// Like [`write_rows`], counting the rows written into `progress`.
pub fn write_rows_counting(
    workspace: &Workspace,
    rows: &[usize],
    bom: bool,
    out: &mut dyn Write,
    progress: &super::Progress,
) -> std::io::Result<()> {
    progress.begin(rows.len());
    if bom {
        out.write_all(BOM)?;
    }
    let mut w = writer(out);
    w.write_record(WORK_COLUMNS).map_err(io)?;
    for record in rows.iter().filter_map(|&r| Record::of(workspace, r)) {
        progress.step();
        let meta = record.meta();
        let verdict = record.verdict();
        let annotation = record.annotation;
        let cells: [&str; 18] = [
            record.claim.id.as_str(),
            record.document_id(),
            meta.title.as_deref().unwrap_or(""),
            meta.outlet.as_deref().unwrap_or(""),
            meta.published.as_deref().unwrap_or(""),
            record.speaker(),
            record.via(),
            record.claim.text.as_str(),
            &record.figures(),
            record.family.map_or("", |f| f.label.as_str()),
            record
                .family
                .map_or("", |f| if f.conflict { "true" } else { "false" }),
            &format!("{:.2}", record.claim.score),
            verdict.map_or("", |v| v.label()),
            &verdict
                .and_then(|v| v.rating())
                .map(|n| n.to_string())
                .unwrap_or_default(),
            annotation.map_or("Unstarted", |a| a.status.label()),
            annotation.map_or("", |a| a.conclusion.as_str()),
            annotation.map_or("", |a| a.notes.as_str()),
            &annotation
                .map(|a| {
                    a.references
                        .iter()
                        .map(|x| x.url.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
        ];
        write_inert(&mut w, &cells)?;
    }
    w.flush()
}
