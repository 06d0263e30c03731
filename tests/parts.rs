//! Extraction split over machines: `extract --per-document` on shards of a corpus, then
//! `merge` of their outputs in any order, prints exactly what one `extract` run prints.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn claimbench(args: &[&str], stdin: Option<&[u8]>, dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimbench"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimbench runs");
    if let Some(bytes) = stdin {
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("claimbench ends")
}

fn ok(output: Output) -> Vec<u8> {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The bundled corpus as JSON Lines.
fn bundled_jsonl() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(claimbench::bundled_corpus_path())
        .expect("bundled corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("text");
        let id = f.file_stem().expect("stem").to_string_lossy().into_owned();
        out.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        out.push('\n');
    }
    out
}

/// A corpus of 60 documents made from the bundled ones with their figures changed, so that
/// families gather claims across many documents and some disagree; with an id used twice,
/// a broken line and an empty one, which a whole-corpus run warns about.
fn generated_jsonl() -> String {
    let bundled: Vec<serde_json::Value> = bundled_jsonl()
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let mut out = String::new();
    for i in 0..60 {
        let base = &bundled[i % bundled.len()];
        let text = base["text"].as_str().expect("text");
        // Every number grows by i: the same stories with other figures.
        let mut varied = String::new();
        let mut digits = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            if !digits.is_empty() {
                let n: u64 = digits.parse().unwrap_or(0);
                varied.push_str(&(n + i as u64 % 7).to_string());
                digits.clear();
            }
            varied.push(c);
        }
        let id = if i == 41 {
            "doc-3".to_string()
        } else {
            format!("doc-{i}")
        };
        out.push_str(&serde_json::json!({ "id": id, "text": varied }).to_string());
        out.push('\n');
        if i == 20 {
            out.push_str("{not json\n");
        }
        if i == 30 {
            out.push('\n');
        }
    }
    out
}

/// Splits `corpus` into `n` shards of whole lines, each line led by its number in the
/// corpus and a tab, as the Spark script sends them.
fn shards(corpus: &str, n: usize) -> Vec<String> {
    let lines: Vec<&str> = corpus.lines().collect();
    let per = lines.len().div_ceil(n);
    lines
        .chunks(per)
        .enumerate()
        .map(|(k, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(j, l)| format!("{}\t{l}\n", k * per + j + 1))
                .collect()
        })
        .collect()
}

/// Runs the map step on each of `n` shards of `corpus` (named `corpus.jsonl`) in `dir`;
/// returns the part files' names, in shard order.
fn write_parts(dir: &Path, corpus: &str, n: usize) -> Vec<String> {
    let mut files = Vec::new();
    for (k, shard) in shards(corpus, n).iter().enumerate() {
        let part = ok(claimbench(
            &["extract", "--per-document", "--source", "corpus.jsonl", "-"],
            Some(shard.as_bytes()),
            dir,
        ));
        let name = format!("part-{k}.jsonl");
        std::fs::write(dir.join(&name), part).expect("write part");
        files.push(name);
    }
    files
}

/// Runs the map step on each shard and the reduce step over their outputs in `order`;
/// returns the merged JSON and the single run's JSON of the whole corpus.
fn split_and_merge(corpus: &str, n: usize, order: &[usize]) -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpus.jsonl"), corpus).expect("write corpus");
    let single = ok(claimbench(&["extract", "corpus.jsonl"], None, dir.path()));
    let files = write_parts(dir.path(), corpus, n);
    let mut args = vec!["merge"];
    args.extend(order.iter().map(|&k| files[k].as_str()));
    let merged = ok(claimbench(&args, None, dir.path()));
    (merged, single)
}

#[test]
fn merging_the_bundled_corpus_in_parts_gives_the_single_run() {
    let corpus = bundled_jsonl();
    let (merged, single) = split_and_merge(&corpus, 2, &[0, 1]);
    assert!(
        merged == single,
        "merged output differs from the single run"
    );
    let (merged, single) = split_and_merge(&corpus, 3, &[2, 0, 1]);
    assert!(merged == single, "shards in another order");
    let parsed: serde_json::Value = serde_json::from_slice(&merged).expect("json");
    assert!(
        parsed["families"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["conflict"] == true)),
        "the cross-document step ran: a conflict family"
    );
}

#[test]
fn merging_a_generated_corpus_in_parts_gives_the_single_run() {
    let corpus = generated_jsonl();
    for (n, order) in [(4, vec![3, 1, 0, 2]), (7, vec![6, 5, 4, 3, 2, 1, 0])] {
        let (merged, single) = split_and_merge(&corpus, n, &order);
        assert!(merged == single, "{n} shards, merged in {order:?}");
    }
    let (merged, _) = split_and_merge(&corpus, 4, &[0, 1, 2, 3]);
    let parsed: serde_json::Value = serde_json::from_slice(&merged).expect("json");
    let ids: Vec<&str> = parsed["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 60);
    assert!(
        ids.contains(&"doc-3~2"),
        "an id used twice is told apart as in one run"
    );
}

#[test]
fn a_merge_of_bad_parts_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = bundled_jsonl();
    let part = ok(claimbench(
        &["extract", "--per-document", "-"],
        Some(corpus.as_bytes()),
        dir.path(),
    ));
    std::fs::write(dir.path().join("a.jsonl"), &part).expect("write");
    std::fs::write(dir.path().join("copy.jsonl"), &part).expect("write");

    let twice = claimbench(&["merge", "a.jsonl", "copy.jsonl"], None, dir.path());
    assert!(!twice.status.success());
    let said = String::from_utf8_lossy(&twice.stderr);
    assert!(said.contains("given twice"), "{said}");

    std::fs::write(dir.path().join("bad.jsonl"), "{\"source\": 1}\n").expect("write");
    let bad = claimbench(&["merge", "bad.jsonl"], None, dir.path());
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("bad.jsonl, line 1"), "{said}");

    // Well formed, but a claim past the end of its document.
    let mut line: serde_json::Value =
        serde_json::from_slice(part.split(|&b| b == b'\n').next().expect("a line")).expect("json");
    let size = line["document"]["size_bytes"].as_u64().expect("size");
    line["analysis"]["claims"][0]["end"] = (size + 10).into();
    std::fs::write(dir.path().join("edited.jsonl"), line.to_string()).expect("write");
    let edited = claimbench(&["merge", "edited.jsonl"], None, dir.path());
    assert!(!edited.status.success());
    let said = String::from_utf8_lossy(&edited.stderr);
    assert!(said.contains("not inside the document"), "{said}");

    let missing = claimbench(&["merge", "nowhere.jsonl"], None, dir.path());
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read nowhere.jsonl"));
}

#[test]
fn per_document_lines_name_skipped_lines_as_a_single_run_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generated_jsonl();
    let shard = &shards(&corpus, 2)[0];
    let out = claimbench(
        &["extract", "--per-document", "--source", "c.jsonl", "-"],
        Some(shard.as_bytes()),
        dir.path(),
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("c.jsonl:22"),
        "the broken line, by its corpus line: {said}"
    );
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(lines, 30);
}

#[test]
fn the_workbench_opens_a_merged_extraction_over_its_corpus() {
    use claimbench::workspace::open::{self, OpenError, OpenRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = generated_jsonl();
    std::fs::write(dir.path().join("corpus.jsonl"), &corpus).expect("write corpus");
    let files = write_parts(dir.path(), &corpus, 3);
    let mut args = vec!["merge", "-o", "merged.json"];
    args.extend(files.iter().map(String::as_str));
    ok(claimbench(&args, None, dir.path()));

    // Opened from elsewhere: the corpus is found beside the extraction file.
    let merged = dir.path().join("merged.json");
    let from_merge = open::open(&OpenRequest::for_path(merged.clone()), &|_| true)
        .expect("the merged extraction opens");
    let direct = open::open(
        &OpenRequest::Corpus(dir.path().join("corpus.jsonl")),
        &|_| true,
    )
    .expect("the corpus opens");
    assert_eq!(from_merge.rows().len(), direct.rows().len());
    assert_eq!(
        from_merge.extraction().families,
        direct.extraction().families
    );
    for claim in &from_merge.extraction().claims {
        let doc = from_merge
            .corpus()
            .document(&claim.document)
            .expect("its document");
        assert_eq!(doc.text[claim.start..claim.end], claim.text);
    }

    // Without its corpus, or not an extraction: said in words.
    let alone = tempfile::tempdir().expect("tempdir");
    std::fs::copy(&merged, alone.path().join("merged.json")).expect("copy");
    match open::open(
        &OpenRequest::for_path(alone.path().join("merged.json")),
        &|_| true,
    ) {
        Err(e @ OpenError::Extraction { .. }) => {
            assert!(e.to_string().contains("was not found"), "{e}");
        }
        Err(e) => panic!("another error: {e}"),
        Ok(_) => panic!("opened without its corpus"),
    }
    std::fs::write(alone.path().join("other.json"), "{\"hello\": 1}").expect("write");
    let Err(e) = open::open(
        &OpenRequest::for_path(alone.path().join("other.json")),
        &|_| true,
    ) else {
        panic!("opened a file that is not an extraction");
    };
    assert!(e.to_string().contains("not an extraction"), "{e}");
}

#[test]
fn parts_of_a_folder_corpus_merge_in_corpus_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = claimbench::bundled_corpus_path();
    let corpus = corpus.to_str().expect("utf-8 path");
    let single = ok(claimbench(&["extract", corpus], None, dir.path()));
    let parts = ok(claimbench(
        &["extract", "--per-document", corpus],
        None,
        dir.path(),
    ));
    let lines: Vec<&[u8]> = parts
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 5);
    let (a, b) = lines.split_at(2);
    std::fs::write(dir.path().join("a.jsonl"), a.join(&b'\n')).expect("write");
    std::fs::write(dir.path().join("b.jsonl"), b.join(&b'\n')).expect("write");
    let merged = ok(claimbench(
        &["merge", "b.jsonl", "a.jsonl"],
        None,
        dir.path(),
    ));
    assert!(
        merged == single,
        "merged parts of a folder differ from the single run"
    );
}

#[test]
fn parts_made_with_other_settings_are_not_merged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = bundled_jsonl();
    let shards = shards(&corpus, 2);
    let default = ok(claimbench(
        &["extract", "--per-document", "-"],
        Some(shards[0].as_bytes()),
        dir.path(),
    ));
    let stricter = ok(claimbench(
        &["extract", "--per-document", "--min-score", "0.9", "-"],
        Some(shards[1].as_bytes()),
        dir.path(),
    ));
    std::fs::write(dir.path().join("a.jsonl"), default).expect("write");
    std::fs::write(dir.path().join("b.jsonl"), stricter).expect("write");
    let out = claimbench(&["merge", "a.jsonl", "b.jsonl"], None, dir.path());
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("different settings"), "{said}");
}

#[test]
fn an_extraction_changed_by_hand_is_refused_in_words() {
    use claimbench::workspace::open::{self, OpenRequest};
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("corpus.jsonl"), bundled_jsonl()).expect("write corpus");
    let json = ok(claimbench(&["extract", "corpus.jsonl"], None, dir.path()));
    let mut extraction: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let claim = &mut extraction["claims"][0];
    let start = claim["start"].as_u64().expect("start");
    claim["end"] = (start.saturating_sub(1)).into();
    let path = dir.path().join("edited.json");
    std::fs::write(&path, extraction.to_string()).expect("write");
    let Err(e) = open::open(&OpenRequest::for_path(path), &|_| true) else {
        panic!("a claim ending before it starts was opened");
    };
    assert!(e.to_string().contains("changed by hand"), "{e}");
}
