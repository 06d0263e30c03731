//! Loading a corpus: a folder (recursively), a single file, or a JSON Lines file.
//!
//! Bad input never stops a load: a binary, empty or oversized file, or a bad JSON line, is
//! skipped with a [`LoadWarning`] naming it, and broken UTF-8 is decoded lossily with a
//! warning. Only a path that does not exist or holds nothing loadable is an error.

mod html;
pub mod jsonl;
pub mod metadata;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use metadata::DocumentMeta;

/// One article of the corpus, as loaded.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file name without extension, or the JSON Lines id.
    pub id: String,
    /// Where it came from (a file, or `file.jsonl:LINE`), for people to read.
    pub path: String,
    /// The text as loaded: decoded, BOM removed, HTML reduced to its visible text.
    /// All byte offsets in Claimbench point into this string.
    pub text: String,
    /// BLAKE3 hash of `text`, hex: tells whether a document changed since a project was saved.
    pub hash: String,
    /// Title, dateline, date and outlet, from the source or found in the text.
    pub meta: DocumentMeta,
}

impl Document {
    /// Builds a document from its text, hashing it and finding metadata in it.
    /// `given` holds metadata supplied by the source (a JSON Lines record); it wins over
    /// what is found in the text.
    pub fn new(id: String, path: String, text: String, given: DocumentMeta) -> Self {
        let hash = content_hash(&text);
        let meta = metadata::detect(&text).overridden_by(given);
        Self {
            id,
            path,
            text,
            hash,
            meta,
        }
    }
}

/// The hex BLAKE3 hash of a document text.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// The loaded documents, in a stable order (sorted paths, then line order).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Corpus {
    /// The documents.
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Total size of all document texts.
    pub fn size_bytes(&self) -> usize {
        self.documents.iter().map(|d| d.text.len()).sum()
    }

    /// The document with id `id`.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Settings for loading.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Files larger than this are skipped with a warning, and so are the documents of a
    /// JSON Lines file (which itself may be of any size).
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Something that was skipped or repaired during a load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadWarning {
    /// The file (and `:LINE` for a JSON Lines record) it concerns.
    pub path: String,
    /// What happened, in words.
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A load that could not produce a corpus.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path does not exist.
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    /// The path exists but nothing in it could be loaded.
    #[error("{path}: nothing loadable here ({detail})")]
    NothingLoadable {
        /// The path given.
        path: PathBuf,
        /// Why: no supported files, or all of them were skipped.
        detail: String,
    },
    /// Reading the path failed.
    #[error("{path}: {source}")]
    Io {
        /// The path given.
        path: PathBuf,
        /// The error from the operating system.
        source: std::io::Error,
    },
    /// The load was cancelled by the caller.
    #[error("loading was cancelled")]
    Cancelled,
}

/// A corpus with the warnings its load produced.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The documents that loaded.
    pub corpus: Corpus,
    /// What was skipped or repaired, file by file.
    pub warnings: Vec<LoadWarning>,
}

/// Loads `path` (a folder, a text/HTML file or a JSON Lines file) with default options.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with(path, &LoadOptions::default(), &mut |_, _| true)
}

/// Loads `path`. `progress(done, total)` is called after each file, or for a single JSON
/// Lines file after every batch of its lines with the megabytes read of its size;
/// returning `false` cancels the load.
pub fn load_with(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Loaded, LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_path_buf()),
        _ => LoadError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let mut loaded = Loaded::default();
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        collect_files(path, &mut files, &mut loaded.warnings);
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    let single_file = !meta.is_dir();
    let total = files.len();
    if reads_in_megabytes(path) {
        // One JSON Lines file of any size: how far into it, in megabytes.
        let megabytes = meta.len().div_ceil(MEGABYTE) as usize;
        let mut cancelled = false;
        load_file(path, path, true, options, &mut loaded, &mut |read| {
            cancelled = !progress((read / MEGABYTE) as usize, megabytes);
            !cancelled
        });
        if cancelled || !progress(megabytes, megabytes) {
            return Err(LoadError::Cancelled);
        }
    } else {
        for (done, file) in files.iter().enumerate() {
            load_file(file, path, single_file, options, &mut loaded, &mut |_| true);
            if !progress(done + 1, total) {
                return Err(LoadError::Cancelled);
            }
        }
    }
    if loaded.corpus.documents.is_empty() {
        let detail = if total == 0 {
            "no .txt, .md, .html, .htm or .jsonl files".to_string()
        } else {
            // Say why, in the warnings' own words (the first few of them).
            let reasons: Vec<String> = loaded
                .warnings
                .iter()
                .take(3)
                .map(|w| format!("{}: {}", w.path, w.message))
                .collect();
            let more = loaded.warnings.len().saturating_sub(reasons.len());
            format!(
                "all {total} file(s) were skipped: {}{}",
                reasons.join("; "),
                if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                }
            )
        };
        return Err(LoadError::NothingLoadable {
            path: path.to_path_buf(),
            detail,
        });
    }
    make_ids_unique(&mut loaded);
    Ok(loaded)
}

/// The kinds of file a corpus folder may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    JsonLines,
}

fn file_kind(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "text" | "markdown" => Some(FileKind::Text),
        "html" | "htm" | "xhtml" => Some(FileKind::Html),
        "jsonl" | "ndjson" => Some(FileKind::JsonLines),
        _ => None,
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<LoadWarning>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            warnings.push(LoadWarning {
                path: dir.display().to_string(),
                message: format!("folder skipped: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_files(&path, out, warnings),
            Ok(_) if file_kind(&path).is_some() => out.push(path),
            Ok(_) => {
                // Project files and other tools' files sit beside corpora; say nothing of them.
            }
            Err(e) => warnings.push(LoadWarning {
                path: path.display().to_string(),
                message: format!("skipped: {e}"),
            }),
        }
    }
}

/// Whether [`load_with`] reports its progress on `path` in megabytes read (a single JSON
/// Lines file), rather than in files.
pub fn reads_in_megabytes(path: &Path) -> bool {
    path.is_file() && file_kind(path) == Some(FileKind::JsonLines)
}

/// The unit of a single JSON Lines file's progress.
const MEGABYTE: u64 = 1_000_000;

/// Loads one file into `loaded`; a JSON Lines file tells `read_so_far` how many of its
/// bytes it has read, and stops when that returns false.
fn load_file(
    file: &Path,
    root: &Path,
    single_file: bool,
    options: &LoadOptions,
    loaded: &mut Loaded,
    read_so_far: &mut dyn FnMut(u64) -> bool,
) {
    let shown = file.display().to_string();
    let warn = |loaded: &mut Loaded, message: String| {
        loaded.warnings.push(LoadWarning {
            path: shown.clone(),
            message,
        });
    };
    let size = match std::fs::metadata(file) {
        Ok(m) => m.len(),
        Err(e) => return warn(loaded, format!("skipped: {e}")),
    };
    // A JSON Lines file is a container: it is read line by line whatever its size, and
    // the limit applies to each document in it.
    let kind = file_kind(file).or(single_file.then_some(FileKind::Text));
    if kind == Some(FileKind::JsonLines) {
        match std::fs::File::open(file) {
            Ok(f) => {
                match jsonl::read_counting(
                    std::io::BufReader::new(f),
                    &shown,
                    options.max_file_bytes,
                    loaded,
                    read_so_far,
                ) {
                    Ok(()) => {}
                    // Cancelled: the caller says so.
                    Err(e) if jsonl::is_stopped(&e) => {}
                    Err(e) => warn(loaded, format!("stopped reading: {e}")),
                }
            }
            Err(e) => warn(loaded, format!("skipped: {e}")),
        }
        return;
    }
    if size > options.max_file_bytes {
        return warn(
            loaded,
            format!(
                "skipped: {} MB is over the {} MB limit for one file",
                size / 1_000_000,
                options.max_file_bytes / 1_000_000
            ),
        );
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return warn(loaded, format!("skipped: {e}")),
    };
    // A file named on the command line is read whatever its extension.
    let Some(kind) = kind else { return };
    if looks_binary(&bytes) {
        return warn(loaded, "skipped: binary file, not text".to_string());
    }
    let mut text = decode(&bytes, &shown, &mut loaded.warnings);
    let mut given = DocumentMeta::default();
    if kind == FileKind::Html {
        let page = html::visible_text(&text);
        text = page.text;
        given.title = page.title;
    }
    if text.trim().is_empty() {
        return warn(loaded, "skipped: empty file".to_string());
    }
    let id = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let relative = file.strip_prefix(root).unwrap_or(file);
    let path = if relative.as_os_str().is_empty() {
        shown.clone()
    } else {
        relative.display().to_string()
    };
    loaded
        .corpus
        .documents
        .push(Document::new(id, path, text, given));
}

/// Decodes bytes as UTF-8, dropping a BOM, replacing broken sequences with a warning.
pub(crate) fn decode(bytes: &[u8], shown: &str, warnings: &mut Vec<LoadWarning>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let broken = text.matches('\u{FFFD}').count();
            warnings.push(LoadWarning {
                path: shown.to_string(),
                message: format!(
                    "not valid UTF-8: {broken} broken sequence(s) replaced with \u{FFFD}"
                ),
            });
            text
        }
    }
}

/// A NUL byte, or many control bytes, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len().max(1)
}

/// Ids must be unique: a later duplicate gets its path (or a counter) added.
fn make_ids_unique(loaded: &mut Loaded) {
    let docs = loaded.corpus.documents.iter_mut();
    let renamed = unique_ids(docs.map(|d| (&mut d.id, d.path.as_str())));
    loaded.warnings.extend(renamed);
}

/// Makes the ids of `(id, path)` unique, in order: a later duplicate gets `~2` (or the next
/// free number) added, with a warning naming its path.
pub fn unique_ids<'a>(
    documents: impl Iterator<Item = (&'a mut String, &'a str)>,
) -> Vec<LoadWarning> {
    let mut seen = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for (id, path) in documents {
        if seen.insert(id.clone()) {
            continue;
        }
        let mut n = 2;
        let mut candidate = format!("{id}~{n}");
        while !seen.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{id}~{n}");
        }
        warnings.push(LoadWarning {
            path: path.to_string(),
            message: format!("id '{id}' is used twice; this one is '{candidate}'"),
        });
        *id = candidate;
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dir");
        }
        std::fs::write(path, bytes).expect("write file");
    }

    #[test]
    fn loads_a_folder_recursively_and_skips_bad_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "a.txt",
            "\u{feff}Hello world. It works.".as_bytes(),
        );
        write(dir.path(), "sub/b.html", b"<html><head><title>T</title><style>x{}</style></head><body><p>Body text here.</p><script>var x;</script></body></html>");
        write(dir.path(), "c.txt", b"\x00\x01binary\x00");
        write(dir.path(), "d.txt", b"");
        write(dir.path(), "e.txt", b"caf\xe9 au lait.");
        write(dir.path(), "f.png", b"\x89PNG");
        let loaded = load(dir.path()).expect("loads");
        let ids: Vec<_> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "e", "b"]);
        assert_eq!(loaded.corpus.documents[0].text, "Hello world. It works.");
        assert_eq!(loaded.corpus.documents[2].text.trim(), "Body text here.");
        assert_eq!(loaded.corpus.documents[2].meta.title.as_deref(), Some("T"));
        assert_eq!(loaded.corpus.documents[1].text, "caf\u{FFFD} au lait.");
        let messages: Vec<_> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("c.txt") && m.contains("binary")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("d.txt") && m.contains("empty")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("e.txt") && m.contains("UTF-8")),
            "{messages:?}"
        );
    }

    #[test]
    fn missing_and_empty_paths_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            load(&dir.path().join("nope")),
            Err(LoadError::NotFound(_))
        ));
        assert!(matches!(
            load(dir.path()),
            Err(LoadError::NothingLoadable { .. })
        ));
    }

    #[test]
    fn oversized_files_are_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "big.txt", &vec![b'a'; 2000]);
        write(dir.path(), "small.txt", b"Small text.");
        let options = LoadOptions {
            max_file_bytes: 1000,
        };
        let loaded = load_with(dir.path(), &options, &mut |_, _| true).expect("loads");
        assert_eq!(loaded.corpus.documents.len(), 1);
        assert!(loaded.warnings[0].message.contains("limit"));
    }

    #[test]
    fn a_single_json_lines_file_reports_megabytes_and_can_be_cancelled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.jsonl");
        let line = format!(
            "{{\"id\": \"x\", \"text\": \"{}\"}}\n",
            "word ".repeat(2_000)
        );
        std::fs::write(&path, line.repeat(2_000)).expect("write");
        let mut reports = Vec::new();
        let loaded = load_with(&path, &LoadOptions::default(), &mut |done, total| {
            reports.push((done, total));
            true
        })
        .expect("loads");
        assert_eq!(loaded.corpus.documents.len(), 2_000);
        assert!(reports.len() > 1, "{reports:?}");
        assert!(reports.iter().all(|&(_, total)| total == 21), "{reports:?}");
        assert!(reports.windows(2).all(|w| w[0].0 <= w[1].0), "{reports:?}");
        assert_eq!(reports.last(), Some(&(21, 21)));
        let mut calls = 0;
        let cancelled = load_with(&path, &LoadOptions::default(), &mut |_, _| {
            calls += 1;
            false
        });
        assert!(matches!(cancelled, Err(LoadError::Cancelled)));
        assert_eq!(calls, 1, "it stops at the first report");
    }

    #[test]
    fn cancelling_stops_the_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "a.txt", b"Text.");
        let result = load_with(dir.path(), &LoadOptions::default(), &mut |_, _| false);
        assert!(matches!(result, Err(LoadError::Cancelled)));
    }
}
