#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
//! Extraction throughput in MB/s, on one thread and across documents with rayon.
//!
//! The corpus is the bundled one varied until it reaches 50 MB (articles shuffled by
//! paragraph, every digit changed), or any folder named by `CLAIMBENCH_BENCH_CORPUS`.
//!
//! `cargo bench --bench extract`

use std::time::Duration;

use claimbench::corpus::{self, Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Settings};
use claimbench::text::segment::SentenceKind;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

/// The allocator the binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// A small deterministic generator, so every run measures the same corpus.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The bundled articles varied into a corpus of at least `TARGET_BYTES`.
fn generated_corpus() -> Corpus {
    let seed = corpus::load(&claimbench::bundled_corpus_path())
        .expect("bundled corpus loads")
        .corpus;
    let mut rng = XorShift(0x5EED_CAFE);
    let mut documents = Vec::new();
    let mut size = 0;
    while size < TARGET_BYTES {
        let base = &seed.documents[rng.below(seed.documents.len())];
        let mut paragraphs: Vec<&str> = base.text.lines().collect();
        let rotate = rng.below(paragraphs.len().max(1));
        paragraphs.rotate_left(rotate);
        let text: String = paragraphs
            .join("\n")
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from(b'0' + rng.below(10) as u8)
                } else {
                    c
                }
            })
            .collect();
        size += text.len();
        let id = format!("gen{:06}", documents.len());
        documents.push(Document::new(id.clone(), id, text, DocumentMeta::default()));
    }
    Corpus { documents }
}

fn bench_corpus() -> Corpus {
    match std::env::var_os("CLAIMBENCH_BENCH_CORPUS") {
        Some(path) => {
            corpus::load(std::path::Path::new(&path))
                .expect("CLAIMBENCH_BENCH_CORPUS loads")
                .corpus
        }
        None => generated_corpus(),
    }
}

fn extraction(c: &mut Criterion) {
    let corpus = bench_corpus();
    let bytes = corpus.size_bytes();
    eprintln!(
        "corpus: {} documents, {:.1} MB",
        corpus.documents.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    for (name, parallel) in [("one_thread", false), ("rayon", true)] {
        let settings = Settings {
            parallel,
            ..Settings::default()
        };
        group.bench_function(name, |b| b.iter(|| extract::extract(&corpus, &settings)));
    }
    group.finish();

    // One long document: every step must stay linear in the length of a document. It is
    // made of body sentences only, on one line, so that no "related posts" line turns the
    // rest into page furniture.
    let mut joined = String::new();
    for doc in corpus.documents.iter().take(4000) {
        let seg = claimbench::text::segment::segment(&doc.text);
        for sentence in seg
            .sentences
            .iter()
            .filter(|s| s.kind == SentenceKind::Body)
        {
            joined.push_str(&doc.text[sentence.start..sentence.end]);
            joined.push(' ');
        }
    }
    let one = Corpus {
        documents: vec![Document::new(
            "one".into(),
            "one".into(),
            joined,
            DocumentMeta::default(),
        )],
    };
    eprintln!("one document of {:.1} MB", one.size_bytes() as f64 / 1e6);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(one.size_bytes() as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    let settings = Settings {
        parallel: false,
        ..Settings::default()
    };
    group.bench_function("one_long_document", |b| {
        b.iter(|| extract::extract(&one, &settings));
    });
    group.finish();
}

/// Reading a document's metadata from its text (title, dateline, date, credit): done for
/// every document each time a corpus is read, from the cache too.
fn metadata(c: &mut Criterion) {
    let corpus = bench_corpus();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(corpus.size_bytes() as u64));
    group.sample_size(20);
    group.bench_function("metadata", |b| {
        b.iter(|| {
            corpus
                .documents
                .iter()
                .map(|d| corpus::metadata::detect(&d.text))
                .filter(|m| m.title.is_some())
                .count()
        });
    });
    group.finish();
}

criterion_group!(benches, extraction, metadata);
criterion_main!(benches);
