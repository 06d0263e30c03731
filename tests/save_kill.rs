//! Kills a process in the middle of saving a large project, 300 times at random moments,
//! and checks after each kill that the project file is the old or the new version whole,
//! that its backup is whole, and that temporary files of killed saves are cleaned up by
//! the next save.
//!
//! The saving child is this test binary itself, running the ignored test `child_saves`
//! with an environment variable naming the file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use claimbench::project::save::temporaries_of;
use claimbench::project::{Anchor, Annotation, LoadNote, Project, Reference, Status, Verdict};

const CHILD_ENV: &str = "CLAIMBENCH_KILL_TEST_FILE";
const KILLS: usize = 300;
const ANNOTATIONS: usize = 10_000;

/// A project of 10,000 annotated claims (over 10 MB of text), in version `version` (the
/// last word of every note).
fn big_project(version: &str) -> Project {
    let text = "The army killed 40 people on Monday in the north of the country, officials said. ";
    let notes = format!(
        "{} {version}",
        "Checked against the ministry's figures. ".repeat(12)
    );
    let annotations = (0..ANNOTATIONS)
        .map(|i| {
            Arc::new(Annotation {
                anchor: Anchor {
                    document: format!("doc-{}", i / 20),
                    quote: text.to_string(),
                    prefix: format!("before {i}"),
                    suffix: format!("after {i}"),
                    start: i * text.len(),
                },
                verdict: Some(Verdict::MostlyFalse),
                status: Status::Done,
                conclusion: format!("Conclusion {i}"),
                notes: notes.clone(),
                references: vec![Reference {
                    url: format!("https://example.org/{i}"),
                    title: "A report".into(),
                    ..Reference::default()
                }],
                history: Vec::new(),
                speaker: None,
            })
        })
        .collect();
    Project {
        annotations,
        ..Project::default()
    }
}

/// Which of the versions a file is, byte for byte (so also whole).
fn which(path: &Path, versions: &[(&str, blake3::Hash)]) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let hash = blake3::hash(&bytes);
    versions
        .iter()
        .find(|(_, h)| *h == hash)
        .map(|(v, _)| (*v).to_string())
        .ok_or_else(|| {
            format!(
                "{} ({} bytes) is neither version whole",
                path.display(),
                bytes.len()
            )
        })
}

/// The version a project file holds, read the way the window reads it.
fn loaded_version(path: &Path) -> String {
    let opened = Project::load(path).expect("loads");
    assert!(
        !opened.notes.contains(&LoadNote::ChangedOutside),
        "{} is not as Claimbench wrote it",
        path.display()
    );
    assert_eq!(opened.project.annotations.len(), ANNOTATIONS);
    opened.project.annotations[0]
        .notes
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The saving child: saves versions A and B in turn until it is killed.
#[test]
#[ignore = "run by kills_during_saves_leave_whole_files, as its child process"]
fn child_saves() {
    let Some(path) = std::env::var_os(CHILD_ENV).map(PathBuf::from) else {
        return;
    };
    let versions = [big_project("A"), big_project("B")];
    println!("ready");
    for i in 0.. {
        versions[i % 2].save(&path).expect("saves");
    }
}

#[test]
fn kills_during_saves_leave_whole_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.claimbench.ron");
    big_project("A").save(&path).expect("first save");
    let size = std::fs::metadata(&path).expect("meta").len();
    assert!(size > 10_000_000, "the project is {size} bytes");
    let versions = [
        ("A", blake3::hash(big_project("A").to_ron().as_bytes())),
        ("B", blake3::hash(big_project("B").to_ron().as_bytes())),
    ];
    let exe = std::env::current_exe().expect("test binary");
    let mut seed: u64 = 0x5eed_cafe;
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let mut seen = std::collections::BTreeSet::new();
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "child_saves",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        while let Some(Ok(line)) = lines.next() {
            if line.contains("ready") {
                break;
            }
        }
        // Somewhere in its first two saves.
        std::thread::sleep(std::time::Duration::from_millis(random(900)));
        child.kill().expect("kill");
        child.wait().expect("wait");

        let version = which(&path, &versions).unwrap_or_else(|e| panic!("after kill {kill}: {e}"));
        seen.insert(version);
        let backup = claimbench::project::backup_path(&path);
        if backup.exists() {
            which(&backup, &versions).unwrap_or_else(|e| panic!("backup after kill {kill}: {e}"));
        }
        // Temporary files of killed saves never pile up: a save removes them first.
        let temporaries = temporaries_of(&path);
        assert!(temporaries.len() <= 2, "after kill {kill}: {temporaries:?}");
        if kill % 60 == 0 {
            // Now and then, read it as the window does.
            assert!(["A", "B"].contains(&loaded_version(&path).as_str()));
        }
    }
    assert_eq!(
        seen.len(),
        2,
        "kills landed in saves of both versions: {seen:?}"
    );
    big_project("A").save(&path).expect("a last save");
    assert!(temporaries_of(&path).is_empty());
    assert_eq!(loaded_version(&path), "A");
    assert_eq!(
        which(&claimbench::project::backup_path(&path), &versions).map(|_| ()),
        Ok(())
    );
}
