//! Work re-attached after real edits of the corpus: quote marks straightened, spaces made
//! non-breaking, a document renamed, words changed inside and around a claim; and never
//! moved to a neighbouring claim.

use std::path::{Path, PathBuf};

use claimbench::project::Attachment;
use claimbench::workspace::open::{self, OpenRequest};
use claimbench::workspace::{Edit, Workspace};

const ARTICLE: &str = "Floods kill dozens in the south\n\nDHAKA - Floods killed at least 42 people in the south of the country on Monday, officials said.\n\n“We have never seen water rise so fast,” said Rahima Begum, a teacher in Khulna.\n\nThe government said 12,000 people were moved to shelters by Tuesday evening.\n\nAid groups said the toll could rise to 60 as more villages are reached.\n";

fn corpus_in(dir: &Path, name: &str, text: &str) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    std::fs::write(corpus.join(name), text).expect("write");
    corpus
}

fn open_ws(request: &OpenRequest) -> Workspace {
    open::open(request, &|_| true).expect("opens")
}

/// A project with a note on every claim of the article, saved; returns each claim's text.
fn annotate_all(dir: &Path, corpus: &Path) -> (PathBuf, Vec<String>) {
    let mut ws = open_ws(&OpenRequest::Corpus(corpus.to_path_buf()));
    let claims: Vec<_> = ws
        .rows()
        .iter()
        .map(|r| (r.id.clone(), r.claim.text.clone()))
        .collect();
    assert!(claims.len() >= 3, "{claims:?}");
    for (i, (id, _)) in claims.iter().enumerate() {
        ws.apply(Edit::SetNotes {
            claim: id.clone(),
            text: format!("note {i}"),
        })
        .expect("applies");
    }
    let project = dir.join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");
    (project, claims.into_iter().map(|(_, t)| t).collect())
}

/// Each note's claim text after reopening (`None`: listed for review).
fn attached_texts(ws: &Workspace) -> Vec<Option<String>> {
    ws.placements()
        .iter()
        .map(|p| p.row.map(|r| ws.rows()[r].claim.text.clone()))
        .collect()
}

fn fold(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn straightened_quotes_and_non_breaking_spaces_keep_every_note_on_its_claim() {
    let edits: [fn(&str) -> String; 3] = [
        |t| t.replace(['“', '”'], "\"").replace('’', "'"),
        |t| t.replace(' ', "\u{a0}").replacen('\u{a0}', " ", 3),
        |t| t.replace(". ", ".  ").replace(", ", ",\u{2009}"),
    ];
    for edit in edits {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = corpus_in(dir.path(), "floods.txt", ARTICLE);
        let (project, claims) = annotate_all(dir.path(), &corpus);
        std::fs::write(corpus.join("floods.txt"), edit(ARTICLE)).expect("edit");
        let ws = open_ws(&OpenRequest::Project(project));
        assert!(ws.orphans().is_empty(), "{:?}", attached_texts(&ws));
        for (text, claim) in attached_texts(&ws).into_iter().zip(&claims) {
            assert_eq!(fold(&text.expect("attached")), fold(claim));
        }
    }
}

#[test]
fn a_renamed_document_keeps_its_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_in(dir.path(), "floods.txt", ARTICLE);
    let (project, claims) = annotate_all(dir.path(), &corpus);
    std::fs::rename(
        corpus.join("floods.txt"),
        corpus.join("2024-05-06-floods.txt"),
    )
    .expect("rename");
    // Another article arrives at the same time.
    std::fs::write(
        corpus.join("other.txt"),
        "Markets rise\n\nShares rose 3% on Monday, traders said.\n",
    )
    .expect("write");
    let mut ws = open_ws(&OpenRequest::Project(project.clone()));
    assert!(ws.orphans().is_empty());
    let texts: Vec<String> = attached_texts(&ws).into_iter().flatten().collect();
    assert_eq!(texts, claims);
    // Saved again, the work names the document by its new id.
    ws.save(None).expect("saves");
    let saved = claimbench::project::Project::load(&project).expect("loads");
    assert!(
        saved
            .project
            .annotations
            .iter()
            .all(|a| a.anchor.document == "2024-05-06-floods")
    );
}

#[test]
fn edits_inside_and_around_a_claim_keep_its_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_in(dir.path(), "floods.txt", ARTICLE);
    let (project, claims) = annotate_all(dir.path(), &corpus);
    let edited = ARTICLE
        .replace("at least 42 people", "at least 45 people")
        .replace(
            "on Monday, officials said.",
            "on Monday, local officials told reporters.",
        )
        .replace("DHAKA - ", "DHAKA (Reuters) - ")
        .replace(
            "12,000 people were moved",
            "about 12,500 people had been moved",
        );
    std::fs::write(corpus.join("floods.txt"), &edited).expect("edit");
    let ws = open_ws(&OpenRequest::Project(project));
    let texts = attached_texts(&ws);
    let floods = claims
        .iter()
        .position(|c| c.contains("42 people"))
        .expect("claim");
    let now = texts[floods].as_deref().expect("attached");
    assert!(
        now.contains("45 people") && now.contains("told reporters"),
        "{now}"
    );
    let shelters = claims
        .iter()
        .position(|c| c.contains("shelters"))
        .expect("claim");
    assert!(
        texts[shelters]
            .as_deref()
            .expect("attached")
            .contains("12,500")
    );
    assert_eq!(
        ws.placements()[floods].how,
        Some(Attachment::Fuzzy),
        "found by its words"
    );
}

#[test]
fn work_never_moves_to_the_next_claim_when_its_own_is_rewritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus_in(dir.path(), "floods.txt", ARTICLE);
    let (project, claims) = annotate_all(dir.path(), &corpus);
    // The quotation is rewritten entirely; only its closing mark and attribution remain.
    let edited = ARTICLE.replace(
        "“We have never seen water rise so fast,” said Rahima Begum",
        "“Nothing like it in forty years,” said Rahima Begum",
    );
    std::fs::write(corpus.join("floods.txt"), &edited).expect("edit");
    let ws = open_ws(&OpenRequest::Project(project));
    let quote = claims
        .iter()
        .position(|c| c.contains("never seen water"))
        .expect("claim");
    for (i, text) in attached_texts(&ws).into_iter().enumerate() {
        if i == quote {
            // Unattached (for review) or on what is left of its own sentence.
            if let Some(t) = text {
                assert!(t.contains("Rahima Begum"), "{t}");
            }
        } else {
            assert_eq!(text.as_deref(), Some(claims[i].as_str()));
        }
    }
}
