//! Every export of a fixed piece of work on the bundled corpus, diffed exactly against
//! committed files (`UPDATE_GOLDEN=1 cargo test --test exports` rewrites them after a
//! deliberate change), and each format checked for what its readers require.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimbench::export::{self, ExportFormat, ExportOptions, claimreview::Publisher};
use claimbench::project::{
    Anchor, Annotation, AuditChange, AuditEntry, Project, Reference, Stance, Status, Verdict,
};
use claimbench::workspace::Workspace;
use claimbench::workspace::open::{self, OpenRequest};

/// The bundled corpus copied to `dir`, a project beside it with three claims' work (fixed
/// dates, so the output is the same on every run), opened as the window opens it.
fn workspace(dir: &Path) -> Workspace {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    for entry in std::fs::read_dir(claimbench::bundled_corpus_path())
        .expect("read")
        .flatten()
    {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy");
    }
    let plain = open::open(&OpenRequest::Corpus(corpus), &|_| true).expect("opens");
    let anchor = |words: &str| {
        let row = plain
            .rows()
            .iter()
            .find(|r| r.claim.text.contains(words))
            .unwrap_or_else(|| panic!("{words}"));
        let doc = &plain.corpus().documents[row.document];
        Anchor::new(&doc.id, &doc.text, row.claim.start, row.claim.end)
    };
    let entry = |change| AuditEntry {
        at: "2026-11-20T09:30:00+00:00".into(),
        by: "Ana Lima".into(),
        change,
    };
    let work = [
        (
            "17,000 deaths",
            Some(Verdict::Misleading),
            "Counts of 12,000 to 17,000 circulate; none is sourced.",
            vec![Reference {
                url: "https://example.org/report".into(),
                title: "Annual report on terrorism".into(),
                publisher: "Example Institute".into(),
                date_accessed: "2026-11-19".into(),
                stance: Stance::Context,
                ..Reference::default()
            }],
        ),
        (
            "killing about 17,000 Iranians",
            Some(Verdict::MostlyFalse),
            "The 17,000 figure is the group's own count.",
            Vec::new(),
        ),
        (
            "State Department removed the MEK",
            Some(Verdict::True),
            "Delisted on 28 September 2012.",
            vec![Reference {
                url: "https://example.org/register".into(),
                title: "Revocation of the designation".into(),
                publisher: "Federal Register".into(),
                date_published: "2012-10-01".into(),
                stance: Stance::Supports,
                ..Reference::default()
            }],
        ),
        ("The remarks came in response", None, "", Vec::new()),
    ];
    let annotations = work
        .into_iter()
        .map(|(words, verdict, conclusion, references)| {
            Arc::new(Annotation {
                anchor: anchor(words),
                verdict,
                status: if verdict.is_some() {
                    Status::Done
                } else {
                    Status::InProgress
                },
                conclusion: conclusion.into(),
                notes: if verdict.is_none() {
                    "Ask the desk for the report".into()
                } else {
                    String::new()
                },
                references,
                history: verdict
                    .map(|v| vec![entry(AuditChange::Verdict(Some(v)))])
                    .unwrap_or_default(),
                speaker: None,
            })
        })
        .collect();
    let project_file = dir.join("work.claimbench.ron");
    let project = Project {
        corpus: claimbench::project::CorpusRef {
            path: "corpus".into(),
            ..Default::default()
        },
        annotations,
        ..Project::default()
    };
    project.save(&project_file).expect("saves");
    open::open(&OpenRequest::Project(project_file), &|_| true).expect("opens the project")
}

fn options() -> ExportOptions {
    ExportOptions {
        bom: false,
        publisher: Publisher {
            organization: "Example Fact Check".into(),
            url: "https://factcheck.example".into(),
            review_url: "https://factcheck.example/reviews/{claim}".into(),
        },
    }
}

fn exported(ws: &Workspace, format: ExportFormat, dir: &Path) -> String {
    let mut out = Vec::new();
    export::write(ws, format, &options(), &mut out).expect("writes");
    let text = String::from_utf8(out).expect("UTF-8");
    // Where the test ran is not part of the output.
    let dir = dir.display().to_string();
    text.replace(&dir, "DIR")
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

#[test]
fn every_export_matches_its_committed_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    for format in ExportFormat::ALL {
        let text = exported(&ws, format, dir.path());
        let path = golden(&format!("bundled.{}", format.extension()));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().expect("folder")).expect("create");
            std::fs::write(&path, &text).expect("write");
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: UPDATE_GOLDEN=1 writes it", path.display()));
        assert!(
            text == expected,
            "{format:?} differs from {} (UPDATE_GOLDEN=1 rewrites it after a deliberate change)",
            path.display()
        );
    }
}

#[test]
fn claimreview_has_the_fields_fact_check_markup_requires() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    let text = exported(&ws, ExportFormat::Claimreview, dir.path());
    let reviews: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let reviews = reviews.as_array().expect("an array");
    assert_eq!(reviews.len(), 3, "one per claim with a verdict");
    for r in reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["url"].as_str().is_some_and(|u| u.starts_with("https://")));
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], "Example Fact Check");
        assert_eq!(r["datePublished"], "2026-11-20");
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(rating["alternateName"].as_str().is_some());
        assert_eq!(rating["bestRating"], 6);
        assert_eq!(rating["worstRating"], 1);
        let value = rating["ratingValue"].as_u64().expect("a rating");
        assert!((1..=6).contains(&value));
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
    }
}

#[test]
fn the_csv_reads_back_with_one_row_per_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    let text = exported(&ws, ExportFormat::Csv, dir.path());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, export::csv::WORK_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), ws.rows().len());
    let claim = header.iter().position(|h| h == "claim").expect("claim");
    let verdict = header.iter().position(|h| h == "verdict").expect("verdict");
    for (row, record) in ws.rows().iter().zip(&rows) {
        assert_eq!(&record[claim], row.claim.text);
    }
    assert_eq!(rows.iter().filter(|r| !r[verdict].is_empty()).count(), 3);
    // With a byte order mark for spreadsheets.
    let mut out = Vec::new();
    let with_bom = ExportOptions {
        bom: true,
        ..options()
    };
    export::write(&ws, ExportFormat::Csv, &with_bom, &mut out).expect("writes");
    assert!(out.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn web_annotations_select_their_text_in_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    let text = exported(&ws, ExportFormat::WebAnnotation, dir.path());
    let collection: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(collection["type"], "AnnotationCollection");
    let items = collection["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 4, "every claim with a verdict or notes");
    assert_eq!(collection["total"], 4);
    for item in items {
        assert_eq!(item["type"], "Annotation");
        assert!(item["id"].as_str().is_some());
        assert!(item["body"].as_array().is_some_and(|b| !b.is_empty()));
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let document = item["target"]["source"]
            .as_str()
            .and_then(|s| s.rsplit('/').next())
            .expect("source");
        let doc = ws
            .corpus()
            .documents
            .iter()
            .find(|d| d.id == document)
            .expect("document");
        let chars: Vec<char> = doc.text.chars().collect();
        let (start, end) = (
            position["start"].as_u64().expect("start") as usize,
            position["end"].as_u64().expect("end") as usize,
        );
        let exact: String = chars[start..end].iter().collect();
        assert_eq!(quote["exact"].as_str(), Some(exact.as_str()));
        let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
        assert_eq!(quote["prefix"].as_str(), Some(prefix.as_str()));
    }
}

#[test]
fn the_report_is_self_contained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    let html = exported(&ws, ExportFormat::Html, dir.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"), "a chart of the conflicting figures");
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));
    assert!(html.contains("Misleading") && html.contains("Annual report on terrorism"));
    let md = exported(&ws, ExportFormat::Markdown, dir.path());
    assert!(md.contains("| Misleading | 1 |"));
}

/// A corpus of one article written to attack its readers, a project with work on each
/// of its claims, and a reference with a `javascript:` address.
fn hostile_workspace(dir: &Path) -> Workspace {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    std::fs::write(
        corpus.join("hostile.txt"),
        "<script>alert('title')</script> Ministry says 400 clinics closed\n\n\
         The ministry said 400 clinics closed in 2019 <script>alert(1)</script> across the country.\n\
         Officials said <img src=x onerror=alert(2)> 3,000 nurses left the service last year.\n\
         A report said [12 hospitals](javascript:alert(3)) shut </svg><script>alert(4)</script> in March.\n\
         =HYPERLINK(\"http://evil.example\",\"4,000 patients\") waited more than 18 weeks, the ministry said.\n\
         +31 doctors resigned in 2020 after the strike, the union said.\n\
         -25% of the budget went to 14 agencies, the treasury said.\n\
         @SUM(1+1) 600 beds were cut in 2021, the ministry said.\n",
    )
    .expect("write");
    let plain = open::open(&OpenRequest::Corpus(corpus), &|_| true).expect("opens");
    let doc = &plain.corpus().documents[0];
    let annotations = plain
        .rows()
        .iter()
        .map(|row| {
            Arc::new(Annotation {
                anchor: Anchor::new(&doc.id, &doc.text, row.claim.start, row.claim.end),
                verdict: Some(Verdict::False),
                status: Status::Done,
                conclusion: "<script>alert('conclusion')</script> =1+1".into(),
                notes: "@notes <img src=x onerror=alert(5)>".into(),
                references: vec![Reference {
                    url: "javascript:alert(6)".into(),
                    title: "<u>underlined</u> [link](javascript:alert(7))".into(),
                    publisher: "</svg><script>alert(8)</script>".into(),
                    ..Reference::default()
                }],
                history: Vec::new(),
                speaker: None,
            })
        })
        .collect();
    let project_file = dir.join("hostile.claimbench.ron");
    Project {
        corpus: claimbench::project::CorpusRef {
            path: "corpus".into(),
            ..Default::default()
        },
        annotations,
        ..Project::default()
    }
    .save(&project_file)
    .expect("saves");
    open::open(&OpenRequest::Project(project_file), &|_| true).expect("opens the project")
}

#[test]
fn hostile_text_makes_an_html_report_that_runs_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = hostile_workspace(dir.path());
    assert!(
        ws.rows().len() >= 5,
        "the hostile article's claims are rows"
    );
    let html = exported(&ws, ExportFormat::Html, dir.path());
    let lower = html.to_lowercase();
    for active in [
        "<script",
        "<img",
        "<u>",
        "href=\"javascript",
        "javascript:alert(6)\"",
    ] {
        assert!(!lower.contains(active), "{active} in the report");
    }
    // Exactly the report's own SVG elements: none closed or opened by the text.
    assert_eq!(
        lower.matches("</svg>").count(),
        lower.matches("<svg").count()
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "text kept, escaped"
    );
    assert!(
        html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "a strict policy"
    );
    assert!(!lower.contains("script-src"), "no script allowed in");
}

#[test]
fn hostile_text_makes_markdown_that_renders_nothing_active() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = hostile_workspace(dir.path());
    let md = exported(&ws, ExportFormat::Markdown, dir.path());
    for active in [
        "<script",
        "<img",
        "<u>",
        "](javascript",
        "(javascript:alert(6))",
    ] {
        assert!(!md.contains(active), "{active} in the Markdown");
    }
    assert!(md.contains("&lt;script&gt;"), "the text is kept as text");
    assert!(
        md.contains("\\[link\\]\\(javascript:alert\\(7\\)\\)"),
        "no link made"
    );
    assert!(md.contains("&lt;u&gt;underlined&lt;/u&gt;"));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = hostile_workspace(dir.path());
    for format in [ExportFormat::Csv] {
        let text = exported(&ws, format, dir.path());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut cells = 0;
        let mut seen = std::collections::BTreeSet::new();
        for record in reader.records() {
            for cell in &record.expect("a record") {
                cells += 1;
                if let Some(rest) = cell.strip_prefix('\'') {
                    seen.insert(rest.chars().next());
                }
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "formula cell {cell:?}"
                );
            }
        }
        assert!(cells > 0);
        for c in ['=', '+', '-', '@'] {
            assert!(
                seen.contains(&Some(c)),
                "a cell that began with {c} is kept, quoted"
            );
        }
    }
}

#[test]
fn every_export_counts_what_it_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = workspace(dir.path());
    for format in ExportFormat::ALL {
        let progress = export::Progress::default();
        let mut out = Vec::new();
        export::write_counting(&ws, format, &options(), &mut out, &progress).expect("writes");
        let (done, total) = progress.get();
        assert!(total > 0, "{format:?} says what it will write");
        assert_eq!(done, total, "{format:?} counted every item it wrote");
        let expected = match format {
            ExportFormat::Csv | ExportFormat::Json => ws.rows().len(),
            ExportFormat::Claimreview => 3,
            ExportFormat::WebAnnotation => 4,
            ExportFormat::Html | ExportFormat::Markdown => total,
        };
        assert_eq!(total, expected, "{format:?}");
    }
}
