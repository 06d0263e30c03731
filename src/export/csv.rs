//! CSV: one row per claim, with its figures, speaker and family.

use std::io::Write;

use crate::extract::{Extraction, FigureKind};

/// The header row.
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

/// Writes one row per claim.
pub fn write_claims(extraction: &Extraction, out: &mut dyn Write) -> std::io::Result<()> {
    write_row(out, COLUMNS.iter().map(|c| c.to_string()))?;
    let actor_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| extraction.actors.iter().find(|a| &a.id == id))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    for claim in &extraction.claims {
        let family = claim
            .family
            .as_ref()
            .and_then(|id| extraction.families.iter().find(|f| &f.id == id));
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
        write_row(
            out,
            [
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
            ]
            .into_iter(),
        )?;
    }
    Ok(())
}

/// Writes grid rows with the researcher's verdicts, statuses and references.
pub fn write_rows(
    workspace: &crate::workspace::Workspace,
    rows: &[usize],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_row(
        out,
        [
            "id",
            "document",
            "speaker",
            "text",
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
        ]
        .iter()
        .map(|c| c.to_string()),
    )?;
    for &row in rows {
        let Some(r) = workspace.rows().get(row) else {
            continue;
        };
        let annotation = workspace.annotation(row);
        let family = workspace.family(row);
        let verdict = annotation.and_then(|a| a.verdict);
        write_row(
            out,
            [
                r.claim.id.clone(),
                r.claim.document.to_string(),
                workspace.actor_name(r.speaker).to_string(),
                r.claim.text.clone(),
                r.claim
                    .numbers
                    .iter()
                    .filter(|f| f.kind.is_quantity())
                    .map(|f| f.text.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                family.map(|f| f.label.clone()).unwrap_or_default(),
                family.map(|f| f.conflict.to_string()).unwrap_or_default(),
                format!("{:.2}", r.claim.score),
                verdict.map(|v| v.label().to_string()).unwrap_or_default(),
                verdict
                    .and_then(|v| v.rating())
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                annotation
                    .map(|a| a.status.label().to_string())
                    .unwrap_or_else(|| "Unstarted".to_string()),
                annotation.map(|a| a.conclusion.clone()).unwrap_or_default(),
                annotation.map(|a| a.notes.clone()).unwrap_or_default(),
                annotation
                    .map(|a| {
                        a.references
                            .iter()
                            .map(|x| x.url.clone())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default(),
            ]
            .into_iter(),
        )?;
    }
    Ok(())
}

fn write_row(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> std::io::Result<()> {
    let mut first = true;
    for field in fields {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(escape(&field).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
pub fn escape(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_fields() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
