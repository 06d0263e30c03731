//! Extraction split in two, so that it can run on many machines: a map step that analyses
//! each document on its own (`extract --per-document`, one JSON line per document) and a
//! reduce step that puts any number of such outputs together (`merge`): actors across
//! documents, families, conflicts. Merging the parts of a corpus, in any order and however
//! they were split, gives exactly what one run over the whole corpus gives.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::document::Analysis;
use super::{DocumentInfo, Extraction, Settings, score};
use crate::corpus::{self, Corpus, Document, LoadWarning};

/// One document's line of `extract --per-document`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Part {
    /// The corpus the document came from (the name of the JSON Lines stream or file).
    pub source: String,
    /// Its place in that corpus: the line number in a JSON Lines stream, else its place in
    /// the corpus's order.
    pub order: u64,
    /// What made it: the engine and its settings (version, word lists, weights, score
    /// threshold), hashed. Parts of different engines are not merged.
    pub engine: String,
    /// What the extraction reports about the document.
    pub document: DocumentInfo,
    /// What was found in it.
    pub analysis: Analysis,
}

/// How many documents are analysed together (on all cores) before their lines are written.
const BATCH_DOCUMENTS: usize = 512;

/// Reads a JSON Lines corpus from `input` (lines may carry their number in the whole
/// corpus, `12<TAB>{…}`) and writes one [`Part`] line per document to `out`, in the order
/// read, holding one batch of documents at a time. `source` names the documents
/// (`SOURCE:LINE`). Returns the number of documents written; `warnings` get the lines
/// skipped, as a whole-corpus run would say.
pub fn write_parts(
    input: impl BufRead,
    source: &str,
    max_document_bytes: u64,
    settings: &Settings,
    model: &score::Model,
    warnings: &mut Vec<LoadWarning>,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let engine = engine_of(settings, model);
    let mut batch: Vec<Document> = Vec::new();
    let mut written = 0;
    let mut failed: Option<std::io::Error> = None;
    let mut flush = |batch: &mut Vec<Document>, failed: &mut Option<std::io::Error>| {
        if failed.is_some() || batch.is_empty() {
            batch.clear();
            return;
        }
        let corpus = Corpus {
            documents: std::mem::take(batch),
        };
        let analyses = super::analyse_all(&corpus, settings, model, &|_| None, &|_, _| true)
            .unwrap_or_default();
        for (doc, analysis) in corpus.documents.iter().zip(analyses) {
            let order = line_of(&doc.path, source).unwrap_or(0);
            if let Err(e) = write_part(source, order, &engine, doc, analysis, out) {
                *failed = Some(e);
                return;
            }
            written += 1;
        }
    };
    corpus::jsonl::read_each(
        input,
        source,
        max_document_bytes,
        true,
        warnings,
        &mut |doc| {
            batch.push(doc);
            if batch.len() >= BATCH_DOCUMENTS {
                flush(&mut batch, &mut failed);
            }
        },
    )?;
    flush(&mut batch, &mut failed);
    match failed {
        Some(e) => Err(e),
        None => Ok(written),
    }
}

/// Writes the [`Part`] lines of a loaded corpus (a folder or file), in corpus order.
pub fn write_corpus_parts(
    corpus: &Corpus,
    source: &str,
    settings: &Settings,
    model: &score::Model,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let engine = engine_of(settings, model);
    let analyses =
        super::analyse_all(corpus, settings, model, &|_| None, &|_, _| true).unwrap_or_default();
    let mut written = 0;
    for (index, (doc, analysis)) in corpus.documents.iter().zip(analyses).enumerate() {
        write_part(source, index as u64, &engine, doc, analysis, out)?;
        written += 1;
    }
    Ok(written)
}

/// The engine key of parts made with `settings` and `model`.
fn engine_of(settings: &Settings, model: &score::Model) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&super::cache::engine_key(settings.min_score));
    // Weights other than the bundled ones are part of what made the parts.
    if !std::ptr::eq(model, score::model()) {
        h.update(format!("{model:?}").as_bytes());
    }
    h.finalize().to_hex()[..32].to_string()
}

/// Writes one part line.
fn write_part(
    source: &str,
    order: u64,
    engine: &str,
    doc: &Document,
    analysis: Analysis,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let part = Part {
        source: source.to_string(),
        order,
        engine: engine.to_string(),
        document: DocumentInfo::of(doc),
        analysis,
    };
    // Made whole in memory and written at once: the serializer's many small writes then
    // go to a buffer the compiler sees, not through `dyn Write`.
    let mut line = serde_json::to_vec(&part)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// The line number in `SOURCE:LINE`.
fn line_of(path: &str, source: &str) -> Option<u64> {
    path.strip_prefix(source)?.strip_prefix(':')?.parse().ok()
}

/// Why parts could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line is not a part, or does not hold together.
    #[error("{}, line {line}: {why} (is it a line of `claimbench extract --per-document`?)", path.display())]
    BadLine {
        /// The file.
        path: PathBuf,
        /// Its line, from 1.
        line: usize,
        /// What is wrong with it.
        why: String,
    },
    /// The same document is in two inputs.
    #[error("{document} ({source_name}, line {order}) is in {} and again in {}: was a part given twice?", first.display(), second.display())]
    Twice {
        /// Its id.
        document: String,
        /// Its corpus.
        source_name: String,
        /// Its place in the corpus.
        order: u64,
        /// Where it was first.
        first: PathBuf,
        /// Where it was again.
        second: PathBuf,
    },
    /// Parts made by different engines or settings.
    #[error("{} and {} were made by different versions of Claimbench or with different settings (--min-score, --weights): extract every part the same way", first.display(), second.display())]
    Engines {
        /// A file of one engine.
        first: PathBuf,
        /// A file of another.
        second: PathBuf,
    },
    /// No input held a document.
    #[error("no document in the files given")]
    Empty,
}

/// Merges the part files `inputs` (in any order) into the extraction of their whole
/// corpus, as one run over it would make. Ids used twice are told apart as a whole-corpus
/// run does, with warnings.
pub fn merge(inputs: &[PathBuf]) -> Result<(Extraction, Vec<LoadWarning>), MergeError> {
    let mut parts: Vec<(Part, usize)> = Vec::new();
    for (file_index, path) in inputs.iter().enumerate() {
        let io = |source| MergeError::Io {
            path: path.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.map_err(io)?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |why: String| MergeError::BadLine {
                path: path.clone(),
                line: n + 1,
                why,
            };
            let part: Part = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
            part.analysis
                .check(part.document.size_bytes, None)
                .map_err(bad)?;
            parts.push((part, file_index));
        }
    }
    if parts.is_empty() {
        return Err(MergeError::Empty);
    }
    if let Some((_, file)) = parts.iter().find(|(p, _)| p.engine != parts[0].0.engine) {
        return Err(MergeError::Engines {
            first: inputs[parts[0].1].clone(),
            second: inputs[*file].clone(),
        });
    }
    // Corpora in the order a single run reads their files (paths compared as paths).
    let key = |p: &Part| (PathBuf::from(&p.source), p.order);
    parts.sort_by_cached_key(|(p, _)| key(p));
    for pair in parts.windows(2) {
        let ((a, fa), (b, fb)) = (&pair[0], &pair[1]);
        if key(a) == key(b) {
            return Err(MergeError::Twice {
                document: b.document.id.clone(),
                source_name: b.source.clone(),
                order: b.order,
                first: inputs[*fa].clone(),
                second: inputs[*fb].clone(),
            });
        }
    }
    let (mut documents, analyses): (Vec<DocumentInfo>, Vec<Analysis>) = parts
        .into_iter()
        .map(|(p, _)| (p.document, p.analysis))
        .unzip();
    let warnings = corpus::unique_ids(documents.iter_mut().map(|d| (&mut d.id, d.path.as_str())));
    Ok((super::assemble(documents, analyses), warnings))
}
