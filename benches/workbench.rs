#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
//! The workbench at a million claims: one frame of the main window drawn headless, a sort
//! by each column, and one keystroke in the filter box.
//!
//! `cargo bench --bench workbench`

use std::sync::Arc;
use std::time::Duration;

use claimbench::app::ClaimbenchApp;
use claimbench::corpus::{Corpus, Document, DocumentMeta};
use claimbench::extract::{
    Actor, ActorKind, Bound, Claim, Extraction, Family, Feature, Figure, FigureKind, Mention,
};
use claimbench::project::{Anchor, Annotation, Project, Reference, Status, Verdict};
use claimbench::text::segment::SentenceKind;
use claimbench::workspace::Workspace;
use claimbench::workspace::grid::{self, Column, Filter, SearchIndex, Sort};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};

/// The allocator the binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CLAIMS: usize = 1_000_000;
const DOCUMENTS: usize = 20_000;
const ACTORS: usize = 5_000;
const FAMILIES: usize = 20_000;
/// Claims written by the export benchmark.
const EXPORTED: usize = 100_000;

struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A workspace of a million claims made from the bundled articles' sentences, with
/// varied figures, speakers, families, outlets and dates.
fn million_claims() -> Workspace {
    generated(CLAIMS, DOCUMENTS, false)
}

/// A workspace of `claim_count` claims in `document_count` documents; `reviewed` gives
/// every claim a verdict, a conclusion and a reference.
fn generated(claim_count: usize, document_count: usize, reviewed: bool) -> Workspace {
    let seed = claimbench::corpus::load(&claimbench::bundled_corpus_path())
        .expect("bundled corpus")
        .corpus;
    let sentences: Vec<String> = seed
        .documents
        .iter()
        .flat_map(|d| d.text.split(". ").map(str::to_string).collect::<Vec<_>>())
        .filter(|s| s.len() > 40)
        .collect();
    let mut rng = XorShift(0xC1A1_4BE4);
    let per_doc = claim_count / document_count;
    let mut documents = Vec::with_capacity(document_count);
    let mut claims = Vec::with_capacity(claim_count);
    let mut ids: Vec<Arc<str>> = Vec::with_capacity(document_count);
    for d in 0..document_count {
        let id = format!("doc{d:05}");
        let doc_id: Arc<str> = id.as_str().into();
        let mut text = String::new();
        for k in 0..per_doc {
            let sentence = &sentences[rng.below(sentences.len())];
            let figure = 1000 + rng.below(20_000);
            let claim_text = format!("{sentence} ({figure} people).");
            let start = text.len();
            text.push_str(&claim_text);
            text.push(' ');
            claims.push(Claim {
                id: format!("{id}:{}", k + 1),
                document: doc_id.clone(),
                start,
                end: start + claim_text.len(),
                text: claim_text,
                speaker: (rng.below(3) > 0).then(|| format!("a{}", rng.below(ACTORS))),
                via: None,
                about: vec![format!("a{}", rng.below(ACTORS))],
                score: rng.below(100) as f32 / 100.0,
                features: [Feature {
                    name: "figure".into(),
                    weight: 0.3,
                    evidence: figure.to_string(),
                }]
                .into_iter()
                .collect(),
                numbers: vec![Figure {
                    value: figure as f64,
                    text: figure.to_string(),
                    qualifier: None,
                    bound: Bound::Exactly,
                    kind: FigureKind::Count,
                    unit: Some("people".into()),
                    start,
                    end: start + 4,
                    token: 0,
                }],
                family: (rng.below(2) == 0).then(|| format!("f{}", rng.below(FAMILIES) + 1)),
                kind: SentenceKind::Body,
            });
        }
        ids.push(doc_id);
        let meta = DocumentMeta {
            outlet: Some(format!("Outlet {}", d % 12)),
            published: Some(format!(
                "20{:02}-{:02}-{:02}",
                24 + d % 2,
                1 + d % 12,
                1 + d % 28
            )),
            ..DocumentMeta::default()
        };
        documents.push(Document::new(id.clone(), id, text, meta));
    }
    let actors = (0..ACTORS)
        .map(|a| Actor {
            id: format!("a{a}"),
            name: format!(
                "Actor {a:04} {}",
                ["Ministry", "Agency", "Smith", "Council"][a % 4]
            ),
            kind: ActorKind::ALL[a % ActorKind::ALL.len()],
            aliases: Vec::new(),
            mentions: (0..20)
                .map(|_| {
                    let d = rng.below(document_count);
                    Mention {
                        document: ids[d].clone(),
                        start: 0,
                        end: 3,
                    }
                })
                .collect(),
        })
        .collect();
    let families = (1..=FAMILIES)
        .map(|f| Family {
            id: format!("f{f}"),
            label: format!("killed N people ({f})"),
            claims: Vec::new(),
            values: vec![12000.0, 17000.0],
            conflict: f % 3 == 0,
            update: false,
        })
        .collect();
    let extraction = Extraction {
        documents: Vec::new(),
        actors,
        claims: claims.into_iter().map(Arc::new).collect(),
        families,
    };
    let mut project = Project::default();
    if reviewed {
        project.annotations = extraction
            .claims
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let d = k / per_doc; // claims were made document by document
                Arc::new(Annotation {
                    anchor: Anchor::new(&documents[d].id, &documents[d].text, c.start, c.end),
                    verdict: Some(Verdict::ALL[k % Verdict::ALL.len()]),
                    status: Status::Done,
                    conclusion: "The figure is the group's own count.".into(),
                    references: vec![Reference {
                        url: format!("https://example.org/report/{k}"),
                        title: "Annual report".into(),
                        ..Reference::default()
                    }],
                    ..Annotation::default()
                })
            })
            .collect();
    }
    Workspace::new(
        Corpus { documents },
        "generated".into(),
        extraction,
        project,
        None,
    )
}

fn frame(c: &mut Criterion, app: &mut ClaimbenchApp) {
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    // Settle layout and caches, and select a claim so every panel has content.
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    }
    app.selected = app
        .workspace
        .as_ref()
        .and_then(|w| w.rows().get(500_000))
        .map(|r| r.id.clone());
    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    c.bench_function("workbench/frame_1m_claims", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui)));
    });
}

fn sorts_and_filter(c: &mut Criterion, ws: &Workspace) {
    let index = SearchIndex::build(ws);
    index.text_order();
    let mut group = c.benchmark_group("workbench");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for column in Column::ALL {
        let sort = Sort {
            column,
            descending: false,
        };
        group.bench_function(format!("sort_1m_by_{column:?}").to_lowercase(), |b| {
            b.iter(|| grid::rows(ws, &index, &Filter::default(), sort));
        });
    }
    // The text order alone, built once when the claims change (on the first sort by text).
    group.bench_function("text_order_1m", |b| {
        b.iter(|| index.compute_text_order().len());
    });
    // The first sort by text after the claims changed: the text order is built, then the
    // rows are picked from it.
    let by_text = Sort {
        column: Column::Text,
        descending: false,
    };
    group.bench_function("first_sort_1m_by_text", |b| {
        // The copy is made and dropped outside the measured time.
        b.iter_batched_ref(
            || index.without_text_order(),
            |fresh| grid::rows(ws, fresh, &Filter::default(), by_text).len(),
            BatchSize::LargeInput,
        );
    });
    // One keystroke: "kil" becomes "kill"; the grid's rows are recomputed.
    let filter = Filter {
        text: "kill".into(),
        ..Filter::default()
    };
    group.bench_function("filter_keystroke_1m", |b| {
        b.iter(|| grid::rows(ws, &index, &filter, Sort::default()));
    });
    group.finish();
}

/// Writing 100,000 claims with their work in every format (to memory, as the window does
/// before its atomic write): the grid's CSV of a million-claim workspace's first 100,000
/// rows, and each whole-project format of a workspace of 100,000 claims.
fn export(c: &mut Criterion, ws: &Workspace) {
    let rows: Vec<usize> = (0..EXPORTED).collect();
    let mut group = c.benchmark_group("export");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("csv_100k_claims", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(32 << 20);
            claimbench::export::csv::write_rows(ws, &rows, false, &mut out).expect("writes");
            out.len()
        });
    });
    let small = generated(EXPORTED, EXPORTED / 50, true);
    let options = claimbench::export::ExportOptions::default();
    for format in claimbench::export::ExportFormat::ALL {
        group.bench_function(
            format!(
                "project_{}_100k_claims",
                format.extension().replace('.', "_")
            ),
            |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(32 << 20);
                    claimbench::export::write(&small, format, &options, &mut out).expect("writes");
                    out.len()
                });
            },
        );
    }
    group.finish();
}

/// The pictures' models, rebuilt when the work changes: the attribution network (with
/// its layout) and the timeline of a million claims.
fn pictures(c: &mut Criterion, ws: &Workspace) {
    let mut group = c.benchmark_group("pictures");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("network_1m_claims", |b| {
        b.iter(|| {
            claimbench::workspace::network::Network::build(ws, 24)
                .nodes
                .len()
        });
    });
    group.bench_function("timeline_1m_claims", |b| {
        b.iter(|| {
            claimbench::workspace::timeline::Timeline::build(ws)
                .buckets
                .len()
        });
    });
    group.finish();
}

fn workbench(c: &mut Criterion) {
    let started = std::time::Instant::now();
    let workspace = million_claims();
    eprintln!(
        "built {} claims in {:.1} s",
        workspace.rows().len(),
        started.elapsed().as_secs_f64()
    );
    sorts_and_filter(c, &workspace);
    export(c, &workspace);
    pictures(c, &workspace);
    let mut app = ClaimbenchApp::with_workspace(workspace);
    frame(c, &mut app);
}

criterion_group!(benches, workbench);
criterion_main!(benches);
