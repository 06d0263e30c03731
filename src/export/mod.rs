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

/// How the extraction's JSON is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JsonLayout {
    /// No white space between values: the smallest file and the fastest to write (an
    /// extraction of 100,000 articles is about 40% smaller than indented).
    #[default]
    Compact,
    /// Two spaces of indent per level and a value per line, for reading by eye.
    Indented,
}

/// Writes the extraction as JSON, laid out as `layout` says, and a closing newline.
pub fn write_json(
    extraction: &Extraction,
    out: &mut dyn Write,
    layout: JsonLayout,
) -> std::io::Result<()> {
    // The serializer's many small writes (a key, a quote, a comma, an indent) go to a
    // buffer of a known type, copied in place, rather than each through `dyn Write`.
    let mut buffered = std::io::BufWriter::with_capacity(256 * 1024, out);
    match layout {
        JsonLayout::Compact => serde_json::to_writer(&mut buffered, extraction),
        JsonLayout::Indented => serde_json::to_writer_pretty(&mut buffered, extraction),
    }
    .map_err(std::io::Error::other)?;
    writeln!(buffered)?;
    buffered.flush()
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

/// How far an export has got: items written of the items it will write (claims, or
/// reviews, or annotations, as the format holds them). Read from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    /// Items written so far.
    pub done: std::sync::atomic::AtomicUsize,
    /// Items the export writes, once it knows.
    pub total: std::sync::atomic::AtomicUsize,
}

impl Progress {
    /// Says how many items the export will write.
    pub(crate) fn begin(&self, total: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        self.done.store(0, Relaxed);
        self.total.store(total, Relaxed);
    }

    /// One more item written.
    pub(crate) fn step(&self) {
        self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Done and total, as read now.
    pub fn get(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.done.load(Relaxed), self.total.load(Relaxed))
    }
}

/// A list serialized element by element, each counted into a [`Progress`] as written.
pub struct Counted<'p, T> {
    /// The elements.
    pub items: Vec<T>,
    /// Where each written element is counted.
    pub progress: &'p Progress,
}

impl<T: serde::Serialize> serde::Serialize for Counted<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for item in &self.items {
            seq.serialize_element(item)?;
            self.progress.step();
        }
        seq.end()
    }
}

/// Writes the workspace's claims and work in `format`.
pub fn write(
    workspace: &Workspace,
    format: ExportFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_counting(workspace, format, options, out, &Progress::default())
}

/// Like [`write`], counting what is written into `progress` as it goes.
pub fn write_counting(
    workspace: &Workspace,
    format: ExportFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
    progress: &Progress,
) -> std::io::Result<()> {
    match format {
        ExportFormat::Csv => {
            let rows: Vec<usize> = (0..workspace.rows().len()).collect();
            csv::write_rows_counting(workspace, &rows, options.bom, out, progress)
        }
        ExportFormat::Json => json::write(workspace, out, progress),
        ExportFormat::Claimreview => {
            let records = record::Record::all(workspace);
            let reviews = claimreview::reviews(&records, &options.publisher);
            progress.begin(reviews.len());
            let counted = Counted {
                items: reviews,
                progress,
            };
            serde_json::to_writer_pretty(&mut *out, &counted).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        ExportFormat::WebAnnotation => {
            let records = record::Record::all(workspace);
            let base = if options.publisher.url.is_empty() {
                "urn:claimbench:".to_string()
            } else {
                format!("{}/", options.publisher.url.trim_end_matches('/'))
            };
            web_annotation::write(&records, &base, out, progress)
        }
        ExportFormat::Html => report::write_html(workspace, out, progress),
        ExportFormat::Markdown => report::write_markdown(workspace, out, progress),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extraction_is_written_as_serde_writes_it() {
        let corpus = crate::corpus::load(&crate::bundled_corpus_path())
            .expect("the bundled corpus loads")
            .corpus;
        let extraction = crate::extract::extract(&corpus, &crate::extract::Settings::default());
        for (layout, expected) in [
            (JsonLayout::Compact, serde_json::to_string(&extraction)),
            (
                JsonLayout::Indented,
                serde_json::to_string_pretty(&extraction),
            ),
        ] {
            let mut out = Vec::new();
            write_json(&extraction, &mut out, layout).expect("writes to memory");
            let expected = expected.expect("serializes") + "\n";
            assert!(out == expected.as_bytes(), "the {layout:?} JSON differs");
        }
    }
}
