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
    let mut chunks = Chunks::new(out);
    serde_json::to_writer_pretty(&mut chunks, extraction).map_err(std::io::Error::other)?;
    writeln!(chunks)?;
    chunks.flush()
}

/// Collects the many small writes of a serializer (a key, a quote, a comma, an indent) in
/// memory and hands them on [`Chunks::BYTES`] at a time: each small write is then a copy
/// into a buffer the compiler can see, not a call through `dyn Write`.
struct Chunks<'a> {
    buffer: Vec<u8>,
    out: &'a mut dyn Write,
}

impl<'a> Chunks<'a> {
    /// How much is collected before it is handed on.
    const BYTES: usize = 256 * 1024;

    /// Collects writes bound for `out`.
    fn new(out: &'a mut dyn Write) -> Self {
        Self {
            buffer: Vec::with_capacity(Self::BYTES),
            out,
        }
    }
}

impl Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if self.buffer.len() + bytes.len() > Self::BYTES {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        if bytes.len() > Self::BYTES {
            return self.out.write_all(bytes);
        }
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
}

impl Drop for Chunks<'_> {
    /// What is still collected is handed on, as a `BufWriter` would; an error here has
    /// nowhere to go, so callers flush.
    fn drop(&mut self) {
        let _ = self.out.write_all(&self.buffer);
    }
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
    fn chunks_hand_on_every_write_in_order() {
        let mut expected = Vec::new();
        let mut out = Vec::new();
        {
            let mut chunks = Chunks::new(&mut out);
            // Small writes, writes that cross the buffer's end, and one larger than it.
            for size in [1, 7, Chunks::BYTES - 3, 5, 2 * Chunks::BYTES + 1, 11, 0, 3] {
                let piece: Vec<u8> = (0..size).map(|i| (i * 31 + size) as u8).collect();
                chunks.write_all(&piece).expect("writes to memory");
                expected.extend_from_slice(&piece);
            }
            chunks.flush().expect("flushes to memory");
            chunks
                .write_all(b"after the flush")
                .expect("writes to memory");
            expected.extend_from_slice(b"after the flush");
        }
        assert_eq!(out.len(), expected.len());
        assert!(out == expected, "the bytes differ");
    }

    #[test]
    fn the_extraction_is_written_as_serde_writes_it() {
        let corpus = crate::corpus::load(&crate::bundled_corpus_path())
            .expect("the bundled corpus loads")
            .corpus;
        let extraction = crate::extract::extract(&corpus, &crate::extract::Settings::default());
        let mut out = Vec::new();
        write_json(&extraction, &mut out).expect("writes to memory");
        let expected = serde_json::to_string_pretty(&extraction).expect("serializes") + "\n";
        assert!(out == expected.as_bytes(), "the JSON differs");
    }
}
