//! The `claimbench extract` command, run as a user would.

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
        "[PATH]",
    ] {
        assert!(help.contains(option), "{option} missing from help");
    }
}
