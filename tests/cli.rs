//! The command line (`extract`, `check`, `migrate`, `train-score`), run as a user would.

use std::process::{Command, Output};

fn claimbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimbench"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn extract_prints_the_documented_json() {
    let output = claimbench(&["extract"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    for key in ["documents", "actors", "claims", "families"] {
        assert!(json[key].is_array(), "{key}");
    }
    let doc = &json["documents"][0];
    for key in ["id", "path", "title", "outlet", "published", "hash"] {
        assert!(doc.get(key).is_some(), "document.{key}");
    }
    let actor = &json["actors"][0];
    for key in ["id", "name", "kind", "aliases", "mentions"] {
        assert!(actor.get(key).is_some(), "actor.{key}");
    }
    let mention = &actor["mentions"][0];
    for key in ["document", "start", "end"] {
        assert!(mention.get(key).is_some(), "mention.{key}");
    }
    let claim = &json["claims"][0];
    for key in [
        "id", "document", "start", "end", "text", "speaker", "score", "features", "numbers",
        "family",
    ] {
        assert!(claim.get(key).is_some(), "claim.{key}");
    }
    let family = &json["families"][0];
    for key in ["id", "label", "claims", "values", "conflict"] {
        assert!(family.get(key).is_some(), "family.{key}");
    }
    let kinds = [
        "person",
        "organization",
        "country",
        "media",
        "place",
        "group",
        "other",
    ];
    for a in json["actors"].as_array().expect("array") {
        assert!(
            kinds.contains(&a["kind"].as_str().unwrap_or("")),
            "{}",
            a["kind"]
        );
    }
    // The same input gives the same output, ids included.
    assert_eq!(stdout(&claimbench(&["extract"])), stdout(&output));
}

#[test]
fn min_score_filters_claims() {
    let all = claimbench(&["extract", "--min-score", "0"]);
    let strict = claimbench(&["extract", "--min-score", "0.9"]);
    let count = |o: &Output| {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("json");
        v["claims"].as_array().map_or(0, Vec::len)
    };
    assert!(count(&all) > count(&strict));
    assert!(count(&strict) > 0);
    let bad = claimbench(&["extract", "--min-score", "7"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("outside 0 to 1"), "{}", stderr(&bad));
}

#[test]
fn csv_has_a_header_and_a_row_per_claim() {
    let output = claimbench(&["extract", "--format", "csv"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("id,document,start,end,speaker"))
    );
    assert!(lines.count() > 10);
}

#[test]
fn bad_paths_fail_with_a_clear_message() {
    let missing = claimbench(&["extract", "/no/such/folder"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no such file or folder"),
        "{}",
        stderr(&missing)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = claimbench(&["extract", dir.path().to_str().expect("utf-8 path")]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("nothing loadable"),
        "{}",
        stderr(&empty)
    );
}

#[test]
fn skipped_files_are_warned_about_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("good.txt"),
        "The army killed 40 people in 2020, officials said.",
    )
    .expect("write");
    std::fs::write(dir.path().join("bad.txt"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(
        dir.path().join("more.jsonl"),
        "{\"id\": \"j1\", \"text\": \"Police arrested 12 people on Monday.\"}\n{broken\n",
    )
    .expect("write");
    let output = claimbench(&["extract", dir.path().to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("bad.txt") && errors.contains("binary"),
        "{errors}"
    );
    assert!(errors.contains("more.jsonl:2"), "{errors}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json");
    let ids: Vec<&str> = json["documents"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, ["good", "j1"]);
}

#[test]
fn help_explains_every_option() {
    let output = claimbench(&["extract", "--help"]);
    let help = stdout(&output);
    for option in [
        "--format",
        "--min-score",
        "--max-file-mb",
        "--single-thread",
        "--weights",
        "[PATH]",
    ] {
        assert!(help.contains(option), "{option} missing from help");
    }
}

/// A copy of the bundled corpus and a project on it with a note on two claims, one of
/// whose sentences is then removed from its article.
fn project_with_one_unattached(dir: &std::path::Path) -> std::path::PathBuf {
    use claimbench::workspace::open::{self, OpenRequest};
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("create");
    for entry in std::fs::read_dir(claimbench::bundled_corpus_path())
        .expect("read")
        .flatten()
    {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).expect("copy");
    }
    let mut ws = open::open(&OpenRequest::Corpus(corpus.clone()), &|_| true).expect("opens");
    let sentence = "The remarks came in response to the annual Country Reports on Terrorism released by the U.S.";
    for words in ["17,000 deaths", "The remarks came in response"] {
        let claim = ws
            .rows()
            .iter()
            .find(|r| r.claim.text.contains(words))
            .expect("claim")
            .id
            .clone();
        ws.apply(claimbench::workspace::Edit::SetNotes {
            claim,
            text: format!("about {words}"),
        })
        .expect("applies");
    }
    let project = dir.join("p.claimbench.ron");
    ws.save(Some(&project)).expect("saves");
    let file = std::fs::read_dir(&corpus)
        .expect("read")
        .flatten()
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(sentence)))
        .expect("article");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace(sentence, "")).expect("write");
    project
}

#[test]
fn check_reports_each_piece_of_work_and_succeeds_with_unattached_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project_with_one_unattached(dir.path());
    let output = claimbench(&["check", project.to_str().expect("path"), "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let annotations = json["annotations"].as_array().expect("annotations");
    assert_eq!(annotations.len(), 2);
    let first = &annotations[0];
    assert_eq!(first["index"], 0);
    assert_eq!(first["attached"], true);
    assert_eq!(first["how"], "exact");
    assert!(first["start"].as_u64().is_some() && first["end"].as_u64().is_some());
    let second = &annotations[1];
    assert_eq!(second["attached"], false);
    assert!(second["start"].is_null() && second["how"].is_null());
    assert!(json["errors"].as_array().expect("errors").is_empty());
    assert!(
        json["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("changed since"))),
        "{json}"
    );
    let text = claimbench(&["check", project.to_str().expect("path")]);
    assert_eq!(text.status.code(), Some(0));
    assert!(
        stdout(&text).contains("2 piece(s) of work, 1 attached (1 exact"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn check_fails_on_unknown_fields_and_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project_with_one_unattached(dir.path());
    let text = std::fs::read_to_string(&project).expect("read");
    std::fs::write(&project, text.replacen("notes:", "notez:", 1)).expect("write");
    let output = claimbench(&["check", project.to_str().expect("path"), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let error = json["errors"][0].as_str().expect("an error");
    assert!(error.contains("“notez” is not a field"), "{error}");
    assert_eq!(claimbench(&["check"]).status.code(), Some(2));
    assert_eq!(
        claimbench(&["check", "a", "--frobnicate"]).status.code(),
        Some(2)
    );
    let missing = claimbench(&["check", "/no/such/project.claimbench.ron"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn check_against_a_moved_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project_with_one_unattached(dir.path());
    let moved = dir.path().join("elsewhere");
    std::fs::rename(dir.path().join("corpus"), &moved).expect("move");
    let lost = claimbench(&["check", project.to_str().expect("path")]);
    assert_eq!(lost.status.code(), Some(1));
    assert!(stdout(&lost).contains("was not found"), "{}", stdout(&lost));
    let found = claimbench(&[
        "check",
        project.to_str().expect("path"),
        "--corpus",
        moved.to_str().expect("path"),
    ]);
    assert_eq!(found.status.code(), Some(0), "{}", stdout(&found));
}

#[test]
fn migrate_rewrites_version_1_files_keeping_the_old_one_as_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/project-v1.claimbench.ron");
    let project = dir.path().join("old.claimbench.ron");
    std::fs::copy(&fixture, &project).expect("copy");
    let output = claimbench(&["migrate", project.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("migrated from format 1 to format 4"));
    let text = std::fs::read_to_string(&project).expect("read");
    assert!(text.contains("version: 4,"));
    assert_eq!(
        std::fs::read(dir.path().join("old.claimbench.ron.bak")).expect("backup"),
        std::fs::read(&fixture).expect("fixture")
    );
    let reopened = claimbench::project::Project::load(&project).expect("loads");
    assert!(reopened.notes.is_empty(), "{:?}", reopened.notes);
    let broken = dir.path().join("broken.claimbench.ron");
    std::fs::write(
        &broken,
        "(format: \"claimbench-project\", version: 1, notez: 3)",
    )
    .expect("write");
    let output = claimbench(&["migrate", broken.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("“notez”"));
}

#[test]
fn migrate_rewrites_version_2_and_3_files_to_version_4_with_nothing_lost() {
    for from in [2, 3] {
        let dir = tempfile::tempdir().expect("tempdir");
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/project-v{from}.claimbench.ron"));
        let before = claimbench::project::Project::load(&fixture).expect("loads");
        assert!(
            before
                .notes
                .contains(&claimbench::project::LoadNote::Migrated { from }),
            "{:?}",
            before.notes
        );
        let project = dir.path().join("old.claimbench.ron");
        std::fs::copy(&fixture, &project).expect("copy");
        let output = claimbench(&["migrate", project.to_str().expect("path")]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        assert!(
            stdout(&output).contains(&format!("migrated from format {from} to format 4")),
            "{}",
            stdout(&output)
        );
        let after = claimbench::project::Project::load(&project).expect("loads");
        assert!(after.notes.is_empty(), "{:?}", after.notes);
        assert_eq!(after.project.version, 4);
        assert_eq!(after.project.annotations, before.project.annotations);
        assert_eq!(after.project.actors, before.project.actors);
    }
}

#[test]
fn extract_given_a_project_extracts_its_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = project_with_one_unattached(dir.path());
    let output = claimbench(&[
        "extract",
        project.to_str().expect("path"),
        "--format",
        "csv",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("is a Claimbench project; extracting its corpus"));
    let csv = stdout(&output);
    assert!(csv.contains("17,000"), "claims of the corpus: {csv}");
    assert!(
        !csv.contains("claimbench-project"),
        "the project is not an article"
    );
    std::fs::remove_dir_all(dir.path().join("corpus")).expect("remove");
    let output = claimbench(&["extract", project.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not there"),
        "{}",
        stderr(&output)
    );
}

/// A small labelled set in `dir`: one sentence per document, counts of events labelled 1
/// and opinions labelled 0, as JSON Lines and a labels object.
fn labelled_sentences(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let facts = [
        "The company cut 300 jobs in 2019",
        "Unemployment rose by 4 percent last year",
        "The army withdrew 2,000 troops from the border",
        "Prices fell 12 percent in March",
        "The city spent $40 million on new roads",
        "Exports grew by 8 percent in 2020",
    ];
    let opinions = [
        "I think we can do better than this",
        "We have to believe in our future",
        "I believe this is the right thing to do",
        "We must stand together as a people",
        "I think people want a real change",
        "That is what we believe in",
    ];
    let mut lines = String::new();
    let mut labels = serde_json::Map::new();
    for round in 0..5 {
        for (kind, sentences, label) in [("f", &facts, 1), ("o", &opinions, 0)] {
            for (i, s) in sentences.iter().enumerate() {
                let id = format!("{kind}{round}-{i}");
                let text = format!("{s}, round {round}.");
                lines.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
                lines.push('\n');
                labels.insert(id, label.into());
            }
        }
    }
    let data = dir.join("sentences.jsonl");
    let gold = dir.join("labels.json");
    std::fs::write(&data, lines).expect("write data");
    std::fs::write(&gold, serde_json::Value::Object(labels).to_string()).expect("write labels");
    (data, gold)
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn train_score_learns_weights_that_extract_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, labels) = labelled_sentences(dir.path());
    let weights = dir.path().join("weights.txt");
    let trained = claimbench(&[
        "train-score",
        path_str(&data),
        path_str(&labels),
        "--out",
        path_str(&weights),
    ]);
    assert!(trained.status.success(), "{}", stderr(&trained));
    let report = stdout(&trained);
    assert!(
        report.contains("60 labelled documents (30 check-worthy)"),
        "{report}"
    );
    let cv = report
        .lines()
        .find(|l| l.starts_with("5-fold cross-validation"))
        .expect("a cross-validation line");
    let f1: f64 = cv
        .split("F1 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|v| v.parse().ok())
        .expect("an F1 figure");
    assert!(f1 > 0.9, "{cv}");

    // The file reads back, says how it was made, and ranks as it learned.
    let model = claimbench::extract::score::Model::load(&weights).expect("the weights load");
    let text = std::fs::read_to_string(&weights).expect("read weights");
    assert!(text.starts_with("# "), "a header comment");
    assert!(text.contains("claimbench train-score"));
    assert!(model.threshold.is_some());

    // Extraction scores with it; the weights of every explanation add up to its score.
    let extracted = claimbench(&[
        "extract",
        path_str(&data),
        "--weights",
        path_str(&weights),
        "--min-score",
        "0",
    ]);
    assert!(extracted.status.success(), "{}", stderr(&extracted));
    let json: serde_json::Value = serde_json::from_str(&stdout(&extracted)).expect("json");
    let claims = json["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 60);
    let score_of = |prefix: &str| -> f64 {
        let picked: Vec<f64> = claims
            .iter()
            .filter(|c| {
                c["document"]
                    .as_str()
                    .is_some_and(|d| d.starts_with(prefix))
            })
            .map(|c| c["score"].as_f64().expect("score"))
            .collect();
        picked.iter().sum::<f64>() / picked.len() as f64
    };
    assert!(
        score_of("f") > 0.7 && score_of("o") < 0.3,
        "{} {}",
        score_of("f"),
        score_of("o")
    );
    for c in claims {
        let sum: f64 = c["features"]
            .as_array()
            .expect("features")
            .iter()
            .map(|f| f["weight"].as_f64().expect("weight"))
            .sum();
        let score = c["score"].as_f64().expect("score");
        assert!((sum - score).abs() < 1e-4, "{c}");
    }
}

#[test]
fn damaged_weights_and_labels_fail_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, labels) = labelled_sentences(dir.path());
    let weights = dir.path().join("weights.txt");
    std::fs::write(&weights, "bias\t-1\nsignal\tfigure\tlots\n").expect("write");
    let damaged = claimbench(&["extract", path_str(&data), "--weights", path_str(&weights)]);
    assert_eq!(damaged.status.code(), Some(1));
    let message = stderr(&damaged);
    assert!(message.contains("weights file line 2"), "{message}");
    assert!(message.contains("not a finite number"), "{message}");
    assert!(!message.contains("panicked"), "{message}");

    let truncated = dir.path().join("truncated.txt");
    std::fs::write(&truncated, "# nothing but a header\n").expect("write");
    let empty = claimbench(&[
        "extract",
        path_str(&data),
        "--weights",
        path_str(&truncated),
    ]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(stderr(&empty).contains("has no bias"), "{}", stderr(&empty));

    let missing = claimbench(&[
        "extract",
        path_str(&data),
        "--weights",
        "/no/such/weights.txt",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("cannot read the weights file"),
        "{}",
        stderr(&missing)
    );

    std::fs::write(&labels, r#"{"f0-0": 2}"#).expect("write");
    let out = dir.path().join("out.txt");
    let bad = claimbench(&[
        "train-score",
        path_str(&data),
        path_str(&labels),
        "--out",
        path_str(&out),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("is not 0 or 1"), "{}", stderr(&bad));
    assert!(!out.exists(), "no weights written from bad labels");

    std::fs::write(&labels, r#"{"f0-0": 1, "f0-1": 1}"#).expect("write");
    let few = claimbench(&[
        "train-score",
        path_str(&data),
        path_str(&labels),
        "--out",
        path_str(&out),
    ]);
    assert_eq!(few.status.code(), Some(1));
    assert!(
        stderr(&few).contains("too few, or only one class"),
        "{}",
        stderr(&few)
    );
}
