//! Project files that are damaged, hand-edited, from an older version or from a newer
//! one: each opens exactly as it is with a note, or is refused with a message in words
//! that says where and what to do. Nothing is ever dropped in silence.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use claimbench::project::{
    ActorCuration, Anchor, Annotation, AuditChange, AuditEntry, CorpusRef, LoadNote, Project,
    ProjectError, Reference, SpeakerChoice, Split, Stance, Status, Verdict,
};

fn sample() -> Project {
    let text = "Intro. The army killed 40 people on Monday, officials said. Outro.";
    let annotation = |i: usize| Annotation {
        anchor: Anchor::new("report", text, 7, 59),
        verdict: Some(if i.is_multiple_of(2) {
            Verdict::MostlyFalse
        } else {
            Verdict::True
        }),
        status: Status::Done,
        conclusion: format!("Figures differ ({i})"),
        notes: "line one\nline \"two\" — ok".into(),
        references: vec![Reference {
            url: "https://example.org/a".into(),
            title: "A report".into(),
            stance: Stance::Refutes,
            date_accessed: "2026-01-02".into(),
            ..Reference::default()
        }],
        history: vec![AuditEntry {
            at: "2026-12-01T10:00:00+00:00".into(),
            by: "Ana".into(),
            change: AuditChange::Status(Status::Done),
        }],
        speaker: match i {
            0 => None,
            1 => Some(SpeakerChoice::Nobody),
            _ => Some(SpeakerChoice::Actor {
                id: "new:jane-roe".into(),
                name: "Jane Roe".into(),
            }),
        },
    };
    Project {
        corpus: CorpusRef {
            path: "corpus".into(),
            documents: BTreeMap::from([("report".into(), "0f3a".into())]),
        },
        annotations: (0..3).map(|i| Arc::new(annotation(i))).collect(),
        manual_claims: vec![Anchor::new("report", text, 0, 6)],
        rejected_claims: Vec::new(),
        actors: ActorCuration {
            renames: BTreeMap::from([("mek".into(), "MEK".into())]),
            merges: BTreeMap::from([("a".into(), "b".into())]),
            splits: vec![Split {
                actor: "b".into(),
                alias: "Bee".into(),
            }],
            hidden: BTreeSet::from(["x".into()]),
            kinds: BTreeMap::from([("mek".into(), claimbench::extract::ActorKind::Organization)]),
        },
        ..Project::default()
    }
}

fn from_text(text: &str) -> Result<claimbench::project::Opened, ProjectError> {
    Project::from_bytes(text.as_bytes(), Path::new("p.claimbench.ron"))
}

/// The message for a damaged file, in lower case (sentences start in capitals).
fn damaged_message(text: &str) -> String {
    match from_text(text) {
        Err(e @ ProjectError::Damaged { .. }) => e.to_string().to_lowercase(),
        Err(other) => panic!("not a damaged-file error: {other}"),
        Ok(_) => panic!("loaded:\n{text}"),
    }
}

#[test]
fn a_saved_project_reads_back_whole_and_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.claimbench.ron");
    let project = sample();
    project.save(&path).expect("saves");
    let opened = Project::load(&path).expect("loads");
    assert_eq!(opened.project, project);
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    // Saving the same project twice gives the same bytes.
    let first = std::fs::read(&path).expect("read");
    project.save(&path).expect("saves again");
    assert_eq!(std::fs::read(&path).expect("read"), first);
}

#[test]
fn misspelt_fields_are_named_with_the_field_meant_and_the_line() {
    let text = sample().to_ron();
    for (good, bad) in [
        ("annotations:", "annotationS:"),
        ("notes:", "note:"),
        ("verdict:", "verdikt:"),
        ("references:", "referencez:"),
    ] {
        let damaged = text.replacen(good, bad, 1);
        let message = damaged_message(&damaged);
        let bad_name = bad.trim_end_matches(':');
        let line = damaged
            .lines()
            .position(|l| l.contains(bad))
            .expect("the line")
            + 1;
        assert!(
            message.contains(&format!("“{}”", bad_name.to_lowercase())),
            "{message}"
        );
        assert!(message.contains(&format!("line {line}")), "{message}");
        assert!(
            message.contains(&format!("rename it to “{}”", good.trim_end_matches(':'))),
            "{message}"
        );
        assert!(message.contains("nothing was changed"), "{message}");
    }
}

#[test]
fn unknown_and_missing_fields_are_errors_that_name_them() {
    let text = sample().to_ron();
    let unknown = text.replacen("    min_score:", "    colour: \"red\",\n    min_score:", 1);
    let message = damaged_message(&unknown);
    assert!(message.contains("“colour” is not a field"), "{message}");
    assert!(message.contains("remove line"), "{message}");
    let missing = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("conclusion:"))
        .collect::<Vec<_>>()
        .join("\n");
    let message = damaged_message(&missing);
    assert!(message.contains("“conclusion” is missing"), "{message}");
    assert!(message.contains("an annotation"), "{message}");
}

#[test]
fn messages_say_it_in_words_without_type_names() {
    let text = sample().to_ron();
    let cases = [
        text[..text.len() / 2].to_string(),
        text.replacen("MostlyFalse", "MostlyFals", 1),
        text.replacen("start: 7", "start: \"seven\"", 1),
        text.replacen("version: 4,", "version: 4", 1),
        "not ron at all {{{".to_string(),
        "(format: \"claimbench-project\", version: 2".to_string(),
        String::new(),
        "[1, 2, 3]".to_string(),
    ];
    for damaged in cases {
        let message = damaged_message(&damaged);
        for internal in ["struct", "header", "ron::", "`", "expected", "verdict”"] {
            assert!(
                !message.contains(internal),
                "{internal:?} in: {message}\n(for {damaged:.60})"
            );
        }
        assert!(message.contains("nothing was changed"), "{message}");
    }
    let truncated = damaged_message(&text[..text.len() / 2]);
    assert!(truncated.contains("ends too early"), "{truncated}");
    let verdict = damaged_message(&text.replacen("MostlyFalse", "MostlyFals", 1));
    assert!(verdict.contains("write “mostlyfalse” instead"), "{verdict}");
    assert!(verdict.contains("in a verdict"), "{verdict}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let project = sample();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(project.to_ron().as_bytes());
    let opened = Project::from_bytes(&bytes, Path::new("p.claimbench.ron")).expect("loads");
    assert_eq!(opened.project, project);
    assert!(opened.notes.is_empty());
}

#[test]
fn a_hand_edit_is_opened_and_reported() {
    let project = sample();
    let edited = project.to_ron().replacen("MostlyFalse", "False", 1);
    let opened = from_text(&edited).expect("a valid hand edit opens");
    assert_eq!(opened.notes, [LoadNote::ChangedOutside]);
    assert_eq!(opened.project.annotations[0].verdict, Some(Verdict::False));
    // Reformatting (spaces, Windows line ends) is not a change of content.
    let reformatted = project.to_ron().replace("    ", "  ").replace('\n', "\r\n");
    let opened = from_text(&reformatted).expect("opens");
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    // A removed checksum line is said too.
    let without = project
        .to_ron()
        .split_once('\n')
        .expect("lines")
        .1
        .to_string();
    assert_eq!(
        from_text(&without).expect("opens").notes,
        [LoadNote::NoChecksum]
    );
}

/// Every single-byte change of a project file either is refused with a message, or opens
/// with the same content, or opens with a note that it was changed: never a silent change.
#[test]
fn no_single_byte_change_goes_unnoticed() {
    let project = sample();
    let text = project.to_ron();
    let bytes = text.as_bytes();
    let mut counts = BTreeMap::<&str, usize>::new();
    for position in 0..bytes.len() {
        for replacement in [b'x', b' ', b'0', b'"', b')', bytes[position] ^ 0x20] {
            if replacement == bytes[position] {
                continue;
            }
            let mut damaged = bytes.to_vec();
            damaged[position] = replacement;
            let outcome = match Project::from_bytes(&damaged, Path::new("p.claimbench.ron")) {
                Err(_) => "refused",
                Ok(opened) if opened.project == project => "same content",
                Ok(opened) if !opened.notes.is_empty() => "opened with a note",
                Ok(_) => {
                    panic!("byte {position} set to {replacement:?} changed the content silently")
                }
            };
            *counts.entry(outcome).or_default() += 1;
        }
    }
    eprintln!(
        "single-byte changes of a {}-byte project: {counts:?}",
        bytes.len()
    );
    assert!(
        counts.get("refused").copied().unwrap_or(0) > 1000,
        "{counts:?}"
    );
}

#[test]
fn versions_newer_zero_and_nested_too_deep_are_refused_in_words() {
    let text = sample().to_ron();
    let newer = text.replacen("version: 4,", "version: 7,\n    new_field: 3,", 1);
    let err = from_text(&newer).expect_err("newer");
    assert!(
        matches!(err, ProjectError::NewerVersion { found: 7, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("Update Claimbench"), "{err}");
    let zero = damaged_message(&text.replacen("version: 4,", "version: 0,", 1));
    assert!(zero.contains("version is 0"), "{zero}");
    let deep = format!(
        "(format: \"claimbench-project\", version: 2, corpus: {}{})",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let message = damaged_message(&deep);
    assert!(message.contains("nested far deeper"), "{message}");
}

#[test]
fn huge_strings_and_binary_files_are_handled() {
    let mut project = sample();
    Arc::make_mut(&mut project.annotations[0]).notes = "n".repeat(20_000_000);
    let opened = from_text(&project.to_ron()).expect("loads");
    assert_eq!(opened.project.annotations[0].notes.len(), 20_000_000);
    let message = match Project::from_bytes(b"(\xff\xfe\x00", Path::new("p.claimbench.ron")) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("binary loaded"),
    };
    assert!(message.contains("not text"), "{message}");
}

#[test]
fn a_damaged_file_points_to_its_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.claimbench.ron");
    sample().save(&path).expect("first save");
    sample().save(&path).expect("second save keeps a backup");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, &text[..text.len() / 3]).expect("damage it");
    let message = Project::load(&path).expect_err("damaged").to_string();
    assert!(message.contains("Open the backup"), "{message}");
    assert!(message.contains("could not be opened"), "{message}");
    assert!(message.contains("p.claimbench.ron.bak"), "{message}");
    let backup = Project::load(&dir.path().join("p.claimbench.ron.bak")).expect("backup whole");
    assert_eq!(backup.project, sample());
}

#[test]
fn version_1_files_are_migrated() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project-v1.claimbench.ron");
    let opened = Project::load(&path).expect("a version 1 file opens");
    assert_eq!(opened.notes, [LoadNote::Migrated { from: 1 }]);
    let p = opened.project;
    assert_eq!(p.version, claimbench::project::FORMAT_VERSION);
    assert_eq!(p.corpus.path, "corpus");
    assert_eq!(p.annotations.len(), 2);
    let first = &p.annotations[0];
    assert_eq!(first.anchor.document, "report");
    assert_eq!(first.anchor.quote, " army killed 40 people on Mo");
    assert_eq!(first.anchor.start, 18);
    assert_eq!(first.verdict, Some(Verdict::MostlyFalse));
    assert_eq!(first.status, Status::Done);
    assert_eq!(first.notes, "line one\nline \"two\" — ok");
    assert_eq!(first.references[0].stance, Stance::Refutes);
    assert!(first.history.is_empty());
    // Version 1 allowed work without an anchor: it is kept, with an empty one.
    assert_eq!(p.annotations[1].notes, "no anchor");
    assert!(p.annotations[1].anchor.quote.is_empty());
    assert_eq!(p.manual_claims[0].quote, "Officials said");
    assert_eq!(p.actors.splits[0].alias, "Bee");
    assert!(p.actors.hidden.contains("x"));
    // Written again, it is a current file with the same content.
    let again = from_text(&p.to_ron()).expect("current format");
    assert!(again.notes.is_empty());
    assert_eq!(again.project, p);
}

#[test]
fn version_1_files_still_refuse_fields_they_never_had() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project-v1.claimbench.ron");
    let text = std::fs::read_to_string(path).expect("fixture");
    let message = damaged_message(&text.replacen("annotations:", "annotationS:", 1));
    assert!(message.contains("“annotations”"), "{message}");
}
