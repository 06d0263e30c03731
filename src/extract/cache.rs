//! The extraction cache: each document's analysis, kept on disk so that reopening an
//! unchanged corpus does not analyse it again, and a changed corpus analyses only the
//! documents whose text changed before the corpus is put together.
//!
//! A corpus has one pack file in the cache folder, named by the corpus's path. The pack
//! holds the analysis of every document by the document's content hash, under a key of
//! the engine that made them: the engine's version, its word lists and its weights, and
//! the score threshold. A pack of another engine is not used. Every entry carries the
//! hash of its bytes and is checked against its document before it is used; a damaged
//! entry is analysed again and the pack rewritten, never trusted.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::document::Analysis;
use super::{Extraction, Settings, score};
use crate::corpus::Corpus;

/// The engine's version: a hash of the source of everything that makes an analysis
/// (`src/extract`, `src/text`, `src/corpus`), made by `build.rs`, so that any change of the
/// code is a new engine. The word lists and weights under `assets/` are part of the key too.
pub const ENGINE_VERSION: &str = env!("CLAIMBENCH_ENGINE_SOURCE_HASH");

/// What a pack file starts with.
const MAGIC: &[u8; 16] = b"claimbench-cache";
/// The layout of a pack file.
const FORMAT: u32 = 1;
/// The extension of pack files; only such files are ever removed by [`Cache::clear`].
const EXTENSION: &str = "pack";
/// How a pack being written is named until it is complete (one left by a crash is
/// counted and cleared with the packs).
const TEMPORARY_SUFFIX: &str = ".pack.tmp";
/// Longest corpus path a pack header holds (a longer one is a damaged header).
const MAX_PATH_BYTES: u32 = 64 * 1024;

/// A cache folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

/// How an extraction used the cache.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents whose analysis came from the cache.
    pub reused: usize,
    /// Documents analysed (new, changed, or not usable from the cache).
    pub analysed: usize,
    /// Entries found damaged, or a damaged or foreign pack, in words.
    pub damaged: Option<String>,
    /// Why the cache could not be written, if it could not.
    pub write_error: Option<String>,
}

impl Cache {
    /// A cache in `dir` (made when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The usual cache folder of this user: `$XDG_CACHE_HOME/claimbench`, else
    /// `~/.cache/claimbench` (`~/Library/Caches/Claimbench` on macOS,
    /// `%LOCALAPPDATA%\Claimbench\cache` on Windows).
    pub fn default_dir() -> Option<PathBuf> {
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if cfg!(target_os = "windows") {
            return env("LOCALAPPDATA").map(|d| d.join("Claimbench").join("cache"));
        }
        if cfg!(target_os = "macos") {
            return env("HOME").map(|h| h.join("Library/Caches/Claimbench"));
        }
        env("XDG_CACHE_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".cache")))
            .map(|d| d.join("claimbench"))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How many pack files the cache holds and their bytes.
    pub fn size(&self) -> (usize, u64) {
        self.packs()
            .filter_map(|p| std::fs::metadata(p).ok())
            .fold((0, 0), |(n, bytes), m| (n + 1, bytes + m.len()))
    }

    /// Removes every pack file; returns how many bytes were freed. Other files in the
    /// folder are left alone.
    pub fn clear(&self) -> std::io::Result<u64> {
        let mut freed = 0;
        for pack in self.packs() {
            let len = std::fs::metadata(&pack).map_or(0, |m| m.len());
            match std::fs::remove_file(&pack) {
                Ok(()) => freed += len,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(freed)
    }

    fn packs(&self) -> impl Iterator<Item = PathBuf> {
        std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == EXTENSION)
                    || p.to_string_lossy().ends_with(TEMPORARY_SUFFIX)
            })
    }

    /// The pack file of the corpus at `corpus_path`.
    pub fn pack_path(&self, corpus_path: &Path) -> PathBuf {
        let absolute = std::path::absolute(corpus_path).unwrap_or_else(|_| corpus_path.into());
        let hash = blake3::hash(absolute.to_string_lossy().as_bytes());
        self.dir
            .join(format!("{}.{EXTENSION}", &hash.to_hex()[..32]))
    }
}

/// The key of the engine: what makes an analysis, and so whether a cached one is still
/// what the engine would find.
pub fn engine_key(min_score: f32) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for part in [
        ENGINE_VERSION,
        env!("CARGO_PKG_VERSION"),
        crate::text::lexicon::SOURCE,
        crate::text::lexicon::ENGLISH_WORDS,
        crate::text::lexicon::GIVEN_NAMES,
        super::gazetteer::SOURCE,
        score::BUNDLED_WEIGHTS,
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update(&min_score.to_bits().to_le_bytes());
    *h.finalize().as_bytes()
}

/// Extracts `corpus` (found at `corpus_path`) with the bundled weights, taking the
/// analysis of every unchanged document from `cache` and writing the cache again when
/// anything changed. `progress(done, total)` as in [`super::extract_with_progress`];
/// `None` if it cancelled. A cache that cannot be read or written costs only time.
pub fn extract(
    corpus: &Corpus,
    corpus_path: &Path,
    settings: &Settings,
    cache: &Cache,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Option<(Extraction, Report)> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let key = engine_key(settings.min_score);
    let pack = cache.pack_path(corpus_path);
    let (stored, damaged) = match read_pack(&pack, &key) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => (
            FxHashMap::default(),
            Some("the cache file is cut short".to_string()),
        ),
        Err(e) => (
            FxHashMap::default(),
            Some(format!("the cache file could not be read: {e}")),
        ),
    };
    let bad = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let known = |doc: &crate::corpus::Document| {
        let bytes = stored.get(&doc.hash)?;
        let analysis = postcard::from_bytes::<Analysis>(bytes)
            .ok()
            .filter(|a| a.check(doc.text.len(), Some(&doc.text)).is_ok());
        if analysis.is_some() {
            reused.fetch_add(1, Ordering::Relaxed);
        } else {
            bad.fetch_add(1, Ordering::Relaxed);
        }
        analysis
    };
    let analyses = super::analyse_all(corpus, settings, score::model(), &known, progress)?;
    let reused = reused.into_inner();
    let bad = bad.into_inner();
    let mut report = Report {
        reused,
        analysed: corpus.documents.len() - reused,
        damaged: match (damaged, bad) {
            (Some(e), _) => Some(e),
            (None, 0) => None,
            (None, n) => Some(format!(
                "{n} damaged entr{}",
                if n == 1 { "y" } else { "ies" }
            )),
        },
        write_error: None,
    };
    let distinct: rustc_hash::FxHashSet<&str> =
        corpus.documents.iter().map(|d| d.hash.as_str()).collect();
    let unchanged = report.analysed == 0 && stored.len() == distinct.len();
    drop(distinct);
    drop(stored);
    if !unchanged && let Err(e) = write_pack(&pack, &key, corpus_path, corpus, &analyses) {
        report.write_error = Some(format!("the extraction cache could not be written: {e}"));
    }
    Some((
        super::assemble(super::document_infos(corpus), analyses),
        report,
    ))
}

/// A pack's entries by document hash, and what was wrong with the pack, if anything.
type PackEntries = (FxHashMap<String, Vec<u8>>, Option<String>);

/// Reads the entries of a pack made by the engine `key`: hash → bytes, each entry's
/// checksum verified. A missing pack is empty; a foreign or damaged one gives what could
/// be read (perhaps nothing) and says what was wrong.
fn read_pack(path: &Path, key: &[u8; 32]) -> std::io::Result<PackEntries> {
    let mut entries = FxHashMap::default();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((entries, None)),
        Err(e) => return Err(e),
    };
    let mut input = BufReader::new(file);
    let mut magic = [0u8; 16];
    let mut stored_key = [0u8; 32];
    if input.read_exact(&mut magic).is_err() || &magic != MAGIC || read_u32(&mut input)? != FORMAT {
        return Ok((
            entries,
            Some("the cache file is not one this Claimbench writes".into()),
        ));
    }
    input.read_exact(&mut stored_key)?;
    if &stored_key != key {
        // Made by another version of the engine: analyse again, no damage.
        return Ok((entries, None));
    }
    let path_len = read_u32(&mut input)?;
    if path_len > MAX_PATH_BYTES {
        return Ok((entries, Some("the cache file's header is damaged".into())));
    }
    std::io::copy(
        &mut (&mut input).take(u64::from(path_len)),
        &mut std::io::sink(),
    )?;
    let count = read_u64(&mut input)?;
    let mut damaged = None;
    for _ in 0..count {
        match read_entry(&mut input) {
            Ok(Some((hash, bytes))) => {
                entries.insert(hash, bytes);
            }
            // Its length was read: the entries after it can still be used.
            Ok(None) => damaged = Some("an entry of the cache file is damaged".to_string()),
            Err(_) => return Ok((entries, Some("the cache file is cut short".into()))),
        }
    }
    Ok((entries, damaged))
}

/// One entry: `None` if its checksum does not match.
fn read_entry(input: &mut impl Read) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut hash = [0u8; 64];
    input.read_exact(&mut hash)?;
    let mut checksum = [0u8; 32];
    input.read_exact(&mut checksum)?;
    let len = read_u64(input)?;
    let mut bytes = Vec::new();
    // Read through `take` so that a damaged length cannot ask for memory the file does not
    // hold.
    input.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let Ok(hash) = String::from_utf8(hash.to_vec()) else {
        return Ok(None);
    };
    Ok((blake3::hash(&bytes).as_bytes() == &checksum).then_some((hash, bytes)))
}

/// Writes the pack of `corpus` anew, through a temporary file renamed over the old one.
fn write_pack(
    path: &Path,
    key: &[u8; 32],
    corpus_path: &Path,
    corpus: &Corpus,
    analyses: &[Analysis],
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".")
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(key)?;
        let shown = corpus_path.to_string_lossy();
        let shown = &shown.as_bytes()[..shown.len().min(MAX_PATH_BYTES as usize)];
        out.write_all(&(shown.len() as u32).to_le_bytes())?;
        out.write_all(shown)?;
        let mut written = rustc_hash::FxHashSet::default();
        let mut entries = Vec::new();
        for (doc, analysis) in corpus.documents.iter().zip(analyses) {
            if doc.hash.len() != 64 || !written.insert(doc.hash.as_str()) {
                continue;
            }
            entries.push((doc.hash.as_str(), analysis));
        }
        out.write_all(&(entries.len() as u64).to_le_bytes())?;
        for (hash, analysis) in entries {
            let bytes = postcard::to_stdvec(analysis).map_err(std::io::Error::other)?;
            out.write_all(hash.as_bytes())?;
            out.write_all(blake3::hash(&bytes).as_bytes())?;
            out.write_all(&(bytes.len() as u64).to_le_bytes())?;
            out.write_all(&bytes)?;
        }
        out.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn read_u32(input: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(input: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    input.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, DocumentMeta};

    #[test]
    fn an_entry_that_does_not_fit_its_document_is_not_used() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = Cache::new(dir.path());
        let text = "The ministry said 4,500 people had been moved. Police said two were hurt.";
        let doc = Document::new(
            "a".into(),
            "a.txt".into(),
            text.into(),
            DocumentMeta::default(),
        );
        let corpus = Corpus {
            documents: vec![doc],
        };
        let settings = Settings {
            min_score: 0.0,
            parallel: false,
        };
        let mut analysis = super::super::document::analyse(&corpus.documents[0], 0.0);
        assert!(!analysis.claims.is_empty());
        // Well formed and with a good checksum, but pointing past the document's end.
        analysis.claims[0].end = text.len() + 40;
        let pack = cache.pack_path(Path::new("corpus"));
        let key = engine_key(settings.min_score);
        write_pack(&pack, &key, Path::new("corpus"), &corpus, &[analysis]).expect("written");
        let (extraction, report) =
            extract(&corpus, Path::new("corpus"), &settings, &cache, &|_, _| {
                true
            })
            .expect("not cancelled");
        assert_eq!((report.reused, report.analysed), (0, 1));
        assert!(report.damaged.is_some());
        assert_eq!(extraction, super::super::extract(&corpus, &settings));
    }
}
