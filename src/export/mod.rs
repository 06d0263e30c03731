//! Writing claims out: the extraction as JSON and CSV, and a project's work in the formats
//! the field uses (CSV, JSON, ClaimReview and Web Annotation JSON-LD, an HTML or Markdown
//! report).

pub mod claimreview;
pub mod csv;
pub mod json;
pub mod record;
pub mod report;
pub mod web_annotation;

use std::io::Write;

use crate::extract::Extraction;
use crate::workspace::Workspace;

/// Writes the extraction as pretty JSON.
pub fn write_json(extraction: &Extraction, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, extraction).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// The formats a project's work is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// One row per claim with the work on it.
    Csv,
    /// The whole project with the extraction joined in.
    Json,
    /// schema.org ClaimReview JSON-LD, one review per claim with a verdict.
    Claimreview,
    /// W3C Web Annotation JSON-LD of the claims with a verdict or notes.
    WebAnnotation,
    /// One self-contained HTML page.
    Html,
    /// Markdown.
    Markdown,
}

impl ExportFormat {
    /// Every format, as the menu lists them.
    pub const ALL: [ExportFormat; 6] = [
        Self::Csv,
        Self::Json,
        Self::Claimreview,
        Self::WebAnnotation,
        Self::Html,
        Self::Markdown,
    ];

    /// Menu text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV (every claim)",
            Self::Json => "JSON (the whole project)",
            Self::Claimreview => "ClaimReview JSON-LD",
            Self::WebAnnotation => "Web Annotation JSON-LD",
            Self::Html => "Report (HTML)",
            Self::Markdown => "Report (Markdown)",
        }
    }

    /// The file name ending.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Claimreview => "claimreview.jsonld",
            Self::WebAnnotation => "annotations.jsonld",
            Self::Html => "html",
            Self::Markdown => "md",
        }
    }
}

/// Options of an export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Put a byte order mark before CSV, for spreadsheets.
    pub bom: bool,
    /// Who publishes ClaimReview output.
    pub publisher: claimreview::Publisher,
}

/// Writes the workspace's claims and work in `format`.
pub fn write(
    workspace: &Workspace,
    format: ExportFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        ExportFormat::Csv => {
            let rows: Vec<usize> = (0..workspace.rows().len()).collect();
            csv::write_rows(workspace, &rows, options.bom, out)
        }
        ExportFormat::Json => json::write(workspace, out),
        ExportFormat::Claimreview => {
            let records = record::Record::all(workspace);
            let value = claimreview::reviews(&records, &options.publisher);
            serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        ExportFormat::WebAnnotation => {
            let records = record::Record::all(workspace);
            let base = if options.publisher.url.is_empty() {
                "urn:claimbench:".to_string()
            } else {
                format!("{}/", options.publisher.url.trim_end_matches('/'))
            };
            web_annotation::write(&records, &base, out)
        }
        ExportFormat::Html => report::write_html(workspace, out),
        ExportFormat::Markdown => report::write_markdown(workspace, out),
    }
}
