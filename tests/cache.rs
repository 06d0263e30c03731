//! The extraction cache: an unchanged corpus is not analysed again, a changed one only in
//! the documents that changed, and a damaged or foreign cache is never trusted.

use std::path::{Path, PathBuf};

use claimbench::corpus;
use claimbench::extract::cache::{self, Cache};
use claimbench::extract::{self, Extraction, Settings};

/// A copy of the bundled corpus in a folder of its own, and an empty cache beside it.
struct Setup {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    cache: Cache,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    for entry in std::fs::read_dir(claimbench::bundled_corpus_path()).expect("bundled corpus") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, corpus.join(path.file_name().expect("name"))).expect("copy");
    }
    let cache = Cache::new(dir.path().join("cache"));
    Setup {
        _dir: dir,
        corpus,
        cache,
    }
}

/// Extracts through the cache; also extracts without it, and checks both agree.
fn extract_cached(corpus_path: &Path, cache: &Cache) -> (Extraction, cache::Report) {
    let loaded = corpus::load(corpus_path).expect("corpus loads");
    let settings = Settings::default();
    let (extraction, report) =
        cache::extract(&loaded.corpus, corpus_path, &settings, cache, &|_, _| true)
            .expect("not cancelled");
    let fresh = extract::extract(&loaded.corpus, &settings);
    assert_eq!(
        extraction, fresh,
        "what the cache gives is what extraction finds"
    );
    (extraction, report)
}

/// Removes the whole extraction, so that the next open reads the pack.
fn forget_whole(s: &Setup) {
    std::fs::remove_file(s.cache.whole_path(&s.corpus)).expect("the whole extraction was written");
}

fn documents(corpus_path: &Path) -> usize {
    corpus::load(corpus_path)
        .expect("corpus loads")
        .corpus
        .documents
        .len()
}

#[test]
fn an_unchanged_corpus_comes_from_the_cache_whole() {
    let s = setup();
    let n = documents(&s.corpus);
    let (first, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (0, n));
    assert_eq!(report.damaged, None);
    let pack = s.cache.pack_path(&s.corpus);
    let written = std::fs::read(&pack).expect("the cache was written");

    let (second, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (n, 0));
    assert_eq!(report.damaged, None);
    assert_eq!(first, second);
    assert_eq!(
        std::fs::read(&pack).expect("still there"),
        written,
        "a hit leaves the cache as it was"
    );
    assert!(!first.claims.is_empty() && !first.families.is_empty());
}

#[test]
fn a_changed_document_is_the_only_one_analysed_again() {
    let s = setup();
    let n = documents(&s.corpus);
    extract_cached(&s.corpus, &s.cache);
    let changed = std::fs::read_dir(&s.corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .min()
        .expect("a document");
    let mut text = std::fs::read_to_string(&changed).expect("text");
    text.push_str(
        "\n\nThe ministry said on Friday that 4,500 people had been moved out of the area.\n",
    );
    std::fs::write(&changed, text).expect("write");
    let (changed_extraction, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (n - 1, 1));
    assert!(
        changed_extraction
            .claims
            .iter()
            .any(|c| c.text.contains("4,500 people")),
        "the new sentence is found"
    );
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (n, 0));
}

#[test]
fn a_damaged_cache_is_analysed_again_and_rebuilt() {
    let s = setup();
    let n = documents(&s.corpus);
    extract_cached(&s.corpus, &s.cache);
    let pack = s.cache.pack_path(&s.corpus);
    let good = std::fs::read(&pack).expect("pack");

    // A byte changed inside an entry: its checksum fails.
    let mut flipped = good.clone();
    let at = flipped.len() * 2 / 3;
    flipped[at] ^= 0x55;
    std::fs::write(&pack, &flipped).expect("write");
    forget_whole(&s);
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert!(report.damaged.is_some(), "{report:?}");
    assert!(report.analysed >= 1, "{report:?}");
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!(
        (report.reused, report.analysed, report.damaged),
        (n, 0, None),
        "rebuilt"
    );

    // Cut short, or not a cache file at all.
    for bad in [
        good[..good.len() / 2].to_vec(),
        good[..10].to_vec(),
        b"{\"json\": true}".to_vec(),
    ] {
        std::fs::write(&pack, &bad).expect("write");
        forget_whole(&s);
        let (_, report) = extract_cached(&s.corpus, &s.cache);
        assert!(report.damaged.is_some(), "{report:?}");
        let (_, report) = extract_cached(&s.corpus, &s.cache);
        assert_eq!((report.reused, report.analysed), (n, 0), "rebuilt");
    }
}

#[test]
fn a_cache_of_another_engine_is_not_used() {
    let s = setup();
    let n = documents(&s.corpus);
    extract_cached(&s.corpus, &s.cache);
    let pack = s.cache.pack_path(&s.corpus);
    // The engine's key stands after the 16-byte mark and the 4-byte format number.
    let mut other = std::fs::read(&pack).expect("pack");
    for b in &mut other[20..52] {
        *b = b.wrapping_add(1);
    }
    std::fs::write(&pack, &other).expect("write");
    forget_whole(&s);
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (0, n));
    assert_eq!(report.damaged, None, "another engine's cache is not damage");
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (n, 0));
    // Another score threshold is another engine too.
    let loaded = corpus::load(&s.corpus).expect("loads");
    let stricter = Settings {
        min_score: 0.9,
        ..Settings::default()
    };
    let (_, report) = cache::extract(&loaded.corpus, &s.corpus, &stricter, &s.cache, &|_, _| true)
        .expect("not cancelled");
    assert_eq!(report.reused, 0);
}

#[test]
fn clearing_removes_the_packs_and_nothing_else() {
    let s = setup();
    extract_cached(&s.corpus, &s.cache);
    let keep = s.cache.dir().join("notes.txt");
    std::fs::write(&keep, "mine").expect("write");
    let (corpora, bytes) = s.cache.size();
    assert_eq!(corpora, 1);
    let files: u64 = std::fs::read_dir(s.cache.dir())
        .expect("cache folder")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .sum::<u64>()
        - std::fs::metadata(&keep).expect("notes").len();
    assert_eq!(bytes, files, "the pack and the whole extraction both count");
    assert!(bytes > 0);
    assert_eq!(s.cache.clear().expect("cleared"), bytes);
    assert_eq!(s.cache.size(), (0, 0));
    assert!(keep.exists());
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!(report.reused, 0);
}

#[test]
fn an_unwritable_cache_costs_only_time() {
    let s = setup();
    let n = documents(&s.corpus);
    // The cache folder is a file: nothing can be written under it.
    std::fs::write(s.cache.dir(), "in the way").expect("write");
    let (_, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!(report.analysed, n);
    assert!(report.write_error.is_some(), "{report:?}");
}

#[test]
fn a_renamed_document_reuses_its_analysis_but_the_corpus_is_put_together_again() {
    let s = setup();
    let n = documents(&s.corpus);
    extract_cached(&s.corpus, &s.cache);
    let whole = std::fs::read(s.cache.whole_path(&s.corpus)).expect("written");
    let first = std::fs::read_dir(&s.corpus)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .min()
        .expect("a document");
    std::fs::rename(&first, s.corpus.join("renamed.txt")).expect("rename");
    // `extract_cached` checks the result against a fresh extraction of the renamed corpus.
    let (renamed, report) = extract_cached(&s.corpus, &s.cache);
    assert_eq!((report.reused, report.analysed), (n, 0));
    assert!(
        renamed
            .documents
            .iter()
            .any(|d| d.path.ends_with("renamed.txt"))
    );
    assert_ne!(
        std::fs::read(s.cache.whole_path(&s.corpus)).expect("written"),
        whole,
        "the whole extraction is written again"
    );
}

#[test]
fn a_damaged_whole_extraction_is_not_trusted() {
    let s = setup();
    let n = documents(&s.corpus);
    extract_cached(&s.corpus, &s.cache);
    let path = s.cache.whole_path(&s.corpus);
    let good = std::fs::read(&path).expect("written");
    let mut flipped = good.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x55;
    // The length after the magic, format, key and checksum, made far longer than the file.
    let mut too_long = good.clone();
    too_long[84..92].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
    // The length of the first chunk of actors (after the length and the number of chunks)
    // made far longer than the file: no memory is asked for it.
    let mut chunk_too_long = good.clone();
    chunk_too_long[100..108].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
    for bad in [
        flipped,
        too_long,
        chunk_too_long,
        good[..good.len() / 3].to_vec(),
        b"nonsense".to_vec(),
    ] {
        std::fs::write(&path, &bad).expect("write");
        // The pack still serves every document; the corpus is put together again.
        let (_, report) = extract_cached(&s.corpus, &s.cache);
        assert_eq!((report.reused, report.analysed), (n, 0));
        assert!(report.damaged.is_some(), "{report:?}");
        let (_, report) = extract_cached(&s.corpus, &s.cache);
        assert_eq!(report.damaged, None, "rewritten");
    }
}
