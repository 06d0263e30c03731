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
//!
//! Beside the pack, a corpus has its whole extraction as last put together (actors,
//! claims and families across documents), under a key of the engine and of every
//! document's id, path, metadata and hash. Reopening a corpus that has not changed at all
//! reads it and skips the cross-document step too; any change, however small, puts the
//! corpus together again from the pack.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
/// What a file of a whole extraction starts with.
const WHOLE_MAGIC: &[u8; 16] = b"claimbench-whole";
/// The extension of such files; cleared and counted with the packs.
const WHOLE_EXTENSION: &str = "whole";
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

    /// How many corpora the cache holds (their packs), and the bytes of all its files
    /// (packs, whole extractions, and packs left half written).
    pub fn size(&self) -> (usize, u64) {
        self.packs()
            .filter_map(|p| {
                let corpus = p.extension().is_some_and(|e| e == EXTENSION);
                std::fs::metadata(p).ok().map(|m| (corpus, m.len()))
            })
            .fold((0, 0), |(n, bytes), (corpus, len)| {
                (n + usize::from(corpus), bytes + len)
            })
    }

    /// Removes every pack file and whole extraction; returns how many bytes were freed. Other files in the
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
                p.extension()
                    .is_some_and(|e| e == EXTENSION || e == WHOLE_EXTENSION)
                    || p.to_string_lossy().ends_with(TEMPORARY_SUFFIX)
            })
    }

    /// The file of the whole extraction of the corpus at `corpus_path`, as last put
    /// together.
    pub fn whole_path(&self, corpus_path: &Path) -> PathBuf {
        self.pack_path(corpus_path).with_extension(WHOLE_EXTENSION)
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
/// anything changed. `progress(done, total)` as in [`super::extract_with_progress`], and
/// `(0, 0)` first, while the corpus's whole extraction is looked for in the cache;
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
    let infos = super::document_infos(corpus);
    let whole_key = whole_key(&key, &infos);
    let whole = cache.whole_path(corpus_path);
    // `(0, 0)`: the whole extraction is being read.
    if !progress(0, 0) {
        return None;
    }
    let mut whole_damaged = None;
    match read_whole(&whole, &whole_key, corpus) {
        Ok(Some(mut extraction)) => {
            extraction.documents = infos;
            let report = Report {
                reused: corpus.documents.len(),
                ..Report::default()
            };
            return Some((extraction, report));
        }
        Ok(None) => {}
        Err(e) => whole_damaged = Some(e),
    }
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
        damaged: match (damaged.or(whole_damaged), bad) {
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
    let extraction = super::assemble(infos, analyses);
    if let Err(e) = write_whole(&whole, &whole_key, &extraction) {
        report
            .write_error
            .get_or_insert(format!("the extraction cache could not be written: {e}"));
    }
    Some((extraction, report))
}

/// The key of a whole extraction: the engine's key and every document as the extraction
/// reports it (id, path, metadata, hash, size), in corpus order.
fn whole_key(engine: &[u8; 32], infos: &[super::DocumentInfo]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(engine);
    for info in infos {
        let meta = &info.meta;
        for part in [
            Some(info.id.as_str()),
            Some(info.path.as_str()),
            Some(info.hash.as_str()),
            meta.title.as_deref(),
            meta.dateline.as_deref(),
            meta.published.as_deref(),
            meta.outlet.as_deref(),
            meta.url.as_deref(),
        ] {
            match part {
                Some(p) => {
                    h.update(&[1]);
                    h.update(&(p.len() as u64).to_le_bytes());
                    h.update(p.as_bytes());
                }
                None => {
                    h.update(&[0]);
                }
            }
        }
        h.update(&(info.size_bytes as u64).to_le_bytes());
    }
    *h.finalize().as_bytes()
}

/// Pieces at least this long are hashed on every core.
const PARALLEL_HASH_BYTES: usize = 1 << 20;

/// Documents whose analyses are encoded together when a pack is written: enough to keep
/// every core busy, few enough not to hold the whole pack in memory.
const PACK_BATCH: usize = 1_024;

/// Actors or claims per chunk of a whole extraction: chunks are encoded on their own, so
/// that they are read back on every core.
const WHOLE_CHUNK: usize = 8_192;

/// The parts of a whole extraction (all but the documents, which are its key), each a
/// list of encoded chunks: the actors, the claims, the families (one chunk).
fn encode_parts(extraction: &Extraction) -> Result<[Vec<Vec<u8>>; 3], postcard::Error> {
    use rayon::prelude::*;
    let actors: Vec<Vec<u8>> = extraction
        .actors
        .par_chunks(WHOLE_CHUNK)
        .map(postcard::to_stdvec)
        .collect::<Result<_, _>>()?;
    let claims: Vec<Vec<u8>> = extraction
        .claims
        .par_chunks(WHOLE_CHUNK)
        .map(postcard::to_stdvec)
        .collect::<Result<_, _>>()?;
    let families = vec![postcard::to_stdvec(&extraction.families)?];
    Ok([actors, claims, families])
}

/// The bytes of a whole extraction, as pieces to be written one after the other: for each
/// part its number of chunks, then each chunk's length and bytes (read by
/// [`read_framed`]). Nothing is copied.
fn framed(parts: &[Vec<Vec<u8>>; 3]) -> Vec<std::borrow::Cow<'_, [u8]>> {
    use std::borrow::Cow;
    let mut pieces = Vec::new();
    for part in parts {
        pieces.push(Cow::Owned((part.len() as u64).to_le_bytes().to_vec()));
        for chunk in part {
            pieces.push(Cow::Owned((chunk.len() as u64).to_le_bytes().to_vec()));
            pieces.push(Cow::Borrowed(chunk.as_slice()));
        }
    }
    pieces
}

#[cfg(test)]
fn encode_whole(extraction: &Extraction) -> Result<Vec<u8>, postcard::Error> {
    let parts = encode_parts(extraction)?;
    Ok(framed(&parts).concat())
}

/// Bytes of chunks of a whole extraction read before they are decoded together on every
/// core and let go, so that the file is never held whole…
const WHOLE_READ_BYTES: usize = 32 << 20;
/// …and chunks (a damaged file of tiny chunks must not gather millions of them first).
const WHOLE_READ_CHUNKS: usize = 64;

/// What a whole extraction holds besides its documents.
type WholeParts = (
    Vec<super::Actor>,
    Vec<Arc<super::Claim>>,
    Vec<super::Family>,
);

/// Reads what [`framed`] wrote, `len` bytes: the actors, the claims and the families;
/// `None` if the framing does not hold or a chunk does not decode.
fn read_framed(input: &mut impl Read, len: u64) -> Option<WholeParts> {
    let mut left = len;
    let actors = read_list(input, &mut left)?;
    let claims = read_list(input, &mut left)?;
    let families = read_list(input, &mut left)?;
    (left == 0).then_some((actors, claims, families))
}

/// Reads one part of [`framed`]'s bytes, within the `left` bytes: its number of chunks,
/// then each chunk's length and bytes, decoded on every core a few chunks at a time.
fn read_list<T>(input: &mut impl Read, left: &mut u64) -> Option<Vec<T>>
where
    T: serde::de::DeserializeOwned + Send,
{
    use rayon::prelude::*;
    fn take_u64(input: &mut impl Read, left: &mut u64) -> Option<u64> {
        *left = left.checked_sub(8)?;
        read_u64(input).ok()
    }
    let count = take_u64(input, left)?;
    // Each chunk takes at least its 8-byte length: a damaged count cannot ask for more.
    if count > *left / 8 {
        return None;
    }
    let mut list = Vec::new();
    let mut group: Vec<Vec<u8>> = Vec::new();
    let mut grouped = 0usize;
    for i in 0..count {
        let len = take_u64(input, left)?;
        *left = left.checked_sub(len)?;
        let mut chunk = Vec::with_capacity(usize::try_from(len).ok()?);
        input.take(len).read_to_end(&mut chunk).ok()?;
        if chunk.len() as u64 != len {
            return None;
        }
        grouped += chunk.len();
        group.push(chunk);
        if grouped >= WHOLE_READ_BYTES || group.len() >= WHOLE_READ_CHUNKS || i + 1 == count {
            let decoded: Vec<Vec<T>> = group
                .par_iter()
                .map(|c| postcard::from_bytes::<Vec<T>>(c).ok())
                .collect::<Option<_>>()?;
            for part in decoded {
                list.extend(part);
            }
            group.clear();
            grouped = 0;
        }
    }
    Some(list)
}

/// Adds `piece` to `hasher`, on every core if it is long.
fn hash_piece(hasher: &mut blake3::Hasher, piece: &[u8]) {
    if piece.len() >= PARALLEL_HASH_BYTES {
        hasher.update_rayon(piece);
    } else {
        hasher.update(piece);
    }
}

/// A reader that hashes what it reads.
struct Hashing<R> {
    inner: R,
    hasher: blake3::Hasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        hash_piece(&mut self.hasher, &buf[..n]);
        Ok(n)
    }
}

/// Reads the whole extraction of `corpus` if the file holds one made under `key`, all
/// but its documents (which are the key, and the caller's): `None` when there is none,
/// or one of another engine or another state of the corpus; an error, in words, when the
/// file is damaged or does not fit the documents.
fn read_whole(path: &Path, key: &[u8; 32], corpus: &Corpus) -> Result<Option<Extraction>, String> {
    let damaged = || "the cache's copy of the whole extraction is damaged".to_string();
    let mut file = match std::fs::File::open(path) {
        Ok(f) => BufReader::new(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("the extraction cache could not be read: {e}")),
    };
    let mut magic = [0u8; 16];
    let mut stored_key = [0u8; 32];
    let mut checksum = [0u8; 32];
    if file.read_exact(&mut magic).is_err() || &magic != WHOLE_MAGIC {
        return Err(damaged());
    }
    let format = read_u32(&mut file).map_err(|_| damaged())?;
    file.read_exact(&mut stored_key).map_err(|_| damaged())?;
    if format != FORMAT || &stored_key != key {
        // Another engine, or the corpus has changed since: not damage.
        return Ok(None);
    }
    file.read_exact(&mut checksum).map_err(|_| damaged())?;
    let len = read_u64(&mut file).map_err(|_| damaged())?;
    // No chunk may ask for more memory than the file holds: the lengths may be damaged.
    let stored = file.get_ref().metadata().map_or(0, |m| m.len());
    if len > stored {
        return Err(damaged());
    }
    // Read and decoded a few chunks at a time, and hashed as it is read: nothing read is
    // used unless the whole matches its checksum.
    let mut hashing = Hashing {
        inner: file,
        hasher: blake3::Hasher::new(),
    };
    let read = read_framed(&mut hashing, len);
    if hashing.hasher.finalize().as_bytes() != &checksum {
        return Err(damaged());
    }
    let (actors, claims, families) = read.ok_or_else(damaged)?;
    let mut extraction = Extraction {
        documents: Vec::new(),
        actors,
        claims,
        families,
    };
    super::check_fits(&extraction, &corpus.documents)?;
    share_document_ids(&mut extraction, corpus);
    Ok(Some(extraction))
}

/// Makes every claim and mention of a document of `corpus` hold the one copy of its id,
/// as an extraction just put together does.
fn share_document_ids(extraction: &mut Extraction, corpus: &Corpus) {
    let ids: FxHashMap<&str, Arc<str>> = corpus
        .documents
        .iter()
        .map(|d| (d.id.as_str(), Arc::from(d.id.as_str())))
        .collect();
    let shared = |id: &mut Arc<str>| {
        if let Some(one) = ids.get(&**id) {
            *id = one.clone();
        }
    };
    use rayon::prelude::*;
    extraction
        .claims
        .par_iter_mut()
        .for_each(|claim| shared(&mut Arc::make_mut(claim).document));
    extraction.actors.par_iter_mut().for_each(|actor| {
        // Just read, the mentions are the actor's alone: nothing is copied.
        for mention in Arc::make_mut(&mut actor.mentions) {
            shared(&mut mention.document);
        }
    });
}

/// Writes the whole extraction under `key`, through a temporary file renamed over the old
/// one.
fn write_whole(path: &Path, key: &[u8; 32], extraction: &Extraction) -> std::io::Result<()> {
    let parts = encode_parts(extraction).map_err(std::io::Error::other)?;
    let pieces = framed(&parts);
    let mut hasher = blake3::Hasher::new();
    let mut len = 0u64;
    for piece in &pieces {
        hash_piece(&mut hasher, piece);
        len += piece.len() as u64;
    }
    write_replacing(path, WHOLE_MAGIC, key, |out| {
        out.write_all(hasher.finalize().as_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        for piece in &pieces {
            out.write_all(piece)?;
        }
        Ok(())
    })
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
    write_replacing(path, MAGIC, key, |out| {
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
        // Entries are encoded and summed on every core, a batch at a time, then written
        // in order.
        out.write_all(&(entries.len() as u64).to_le_bytes())?;
        for batch in entries.chunks(PACK_BATCH) {
            use rayon::prelude::*;
            let encoded: Vec<([u8; 32], Vec<u8>)> = batch
                .par_iter()
                .map(|(_, analysis)| {
                    let bytes = postcard::to_stdvec(analysis).map_err(std::io::Error::other)?;
                    Ok((*blake3::hash(&bytes).as_bytes(), bytes))
                })
                .collect::<std::io::Result<_>>()?;
            for ((hash, _), (checksum, bytes)) in batch.iter().zip(&encoded) {
                out.write_all(hash.as_bytes())?;
                out.write_all(checksum)?;
                out.write_all(&(bytes.len() as u64).to_le_bytes())?;
                out.write_all(bytes)?;
            }
        }
        Ok(())
    })
}

/// Writes a cache file: `magic`, the layout's number, `key`, then what `body` writes, into
/// a temporary file renamed over `path` once complete, so that a crash never leaves a
/// half-written file under that name.
fn write_replacing(
    path: &Path,
    magic: &[u8; 16],
    key: &[u8; 32],
    body: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".")
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        out.write_all(magic)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(key)?;
        body(&mut out)?;
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
    fn whole_extractions_read_back_chunk_by_chunk_and_bad_framing_is_refused() {
        let corpus = crate::corpus::load(&crate::bundled_corpus_path())
            .expect("bundled corpus")
            .corpus;
        let extraction = super::super::extract(&corpus, &Settings::default());
        let bytes = encode_whole(&extraction).expect("encodes");
        let len = bytes.len() as u64;
        let (actors, claims, families) = read_framed(&mut &bytes[..], len).expect("framed");
        assert_eq!(actors, extraction.actors);
        assert_eq!(claims, extraction.claims);
        assert_eq!(families, extraction.families);
        // A count or a length past the end, bytes left over, a chunk that is not one.
        assert!(read_framed(&mut &[0xFF; 8][..], 8).is_none());
        assert!(read_framed(&mut &bytes[..bytes.len() - 1], len - 1).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(read_framed(&mut &longer[..], len + 1).is_none());
        let mut not_a_chunk = 1u64.to_le_bytes().to_vec();
        not_a_chunk.extend(2u64.to_le_bytes());
        not_a_chunk.extend([0xFF, 0xFF]);
        assert!(read_list::<super::super::Actor>(&mut &not_a_chunk[..], &mut 18).is_none());
        // The bytes read through the hashing reader hash as they do at once.
        let mut hashing = Hashing {
            inner: &bytes[..],
            hasher: blake3::Hasher::new(),
        };
        assert!(read_framed(&mut hashing, len).is_some());
        assert_eq!(hashing.hasher.finalize(), blake3::hash(&bytes));
    }

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
