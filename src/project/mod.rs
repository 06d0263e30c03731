//! The project file: everything the researcher decided, in a versioned, diff-friendly RON
//! file (`NAME.claimbench.ron`). Extraction output is not stored as truth: opening a
//! project re-runs extraction and re-attaches the work to claims by [`Anchor`].

pub mod anchor;
pub mod reference;
pub mod vocab;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Attachment};
pub use reference::{Reference, Stance};
pub use vocab::{Status, Verdict};

/// The file name ending of project files.
pub const EXTENSION: &str = ".claimbench.ron";
/// The format version this build writes; it reads this and every older one.
pub const FORMAT_VERSION: u32 = 1;
/// The value of the `format` field, which tells a project file from other RON files.
pub const FORMAT_NAME: &str = "claimbench-project";

/// What a researcher recorded about one claim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// The claim.
    pub anchor: Option<Anchor>,
    /// The verdict, once there is one.
    pub verdict: Option<Verdict>,
    /// Where the claim is in the workflow.
    pub status: Status,
    /// The conclusion, in words, beside the verdict.
    pub conclusion: String,
    /// Working notes.
    pub notes: String,
    /// Outside references.
    pub references: Vec<Reference>,
}

impl Annotation {
    /// Whether it records nothing (and need not be saved).
    pub fn is_empty(&self) -> bool {
        self.verdict.is_none()
            && self.status == Status::Unstarted
            && self.conclusion.is_empty()
            && self.notes.is_empty()
            && self.references.is_empty()
    }
}

/// An alias moved out of an actor into an actor of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Split {
    /// The actor it was part of.
    pub actor: String,
    /// The alias, as written.
    pub alias: String,
}

/// The researcher's decisions about actors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorCuration {
    /// New display names, by actor id.
    pub renames: BTreeMap<String, String>,
    /// Actors merged into another: merged id -> id it was merged into.
    pub merges: BTreeMap<String, String>,
    /// Aliases split out into actors of their own.
    pub splits: Vec<Split>,
    /// Actors hidden from the actor list and filters.
    pub hidden: BTreeSet<String>,
}

/// The corpus a project is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CorpusRef {
    /// The corpus folder or file, relative to the project file where possible.
    pub path: String,
    /// Each document's content hash when the project was saved, by document id.
    pub documents: BTreeMap<String, String>,
}

/// A project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always `claimbench-project`.
    pub format: String,
    /// The format version.
    pub version: u32,
    /// The corpus.
    #[serde(default)]
    pub corpus: CorpusRef,
    /// The score threshold claims were extracted with.
    #[serde(default = "default_min_score")]
    pub min_score: f32,
    /// Verdicts, statuses, notes and references, by claim.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Claims the researcher added by hand.
    #[serde(default)]
    pub manual_claims: Vec<Anchor>,
    /// Extracted claims the researcher rejected.
    #[serde(default)]
    pub rejected_claims: Vec<Anchor>,
    /// Renames, merges, splits and hidden actors.
    #[serde(default)]
    pub actors: ActorCuration,
}

fn default_min_score() -> f32 {
    crate::extract::DEFAULT_MIN_SCORE
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            corpus: CorpusRef::default(),
            min_score: default_min_score(),
            annotations: Vec::new(),
            manual_claims: Vec::new(),
            rejected_claims: Vec::new(),
            actors: ActorCuration::default(),
        }
    }
}

/// Why a project file could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file is not valid RON or does not have a project's fields.
    #[error("{path} is damaged or not a Claimbench project: {detail}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the parser said, with line and column.
        detail: String,
    },
    /// The file was written by a newer Claimbench.
    #[error(
        "{path} was saved in format version {found}; this Claimbench reads up to version {supported}. Please update Claimbench to open it."
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
}

impl Project {
    /// Reads a project file.
    pub fn load(path: &Path) -> Result<Self, ProjectError> {
        let bytes = std::fs::read(path).map_err(|source| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let damaged = |detail: String| ProjectError::Damaged {
            path: path.to_path_buf(),
            detail,
        };
        let text =
            std::str::from_utf8(&bytes).map_err(|e| damaged(format!("not UTF-8 text ({e})")))?;
        // Read the version first, so a newer file says so instead of failing on new fields.
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let header: Header = ron::from_str::<Header>(text)
            .or_else(|_| ron::Options::default().from_str::<Header>(text))
            .map_err(|e| damaged(e.to_string()))?;
        if header.format != FORMAT_NAME {
            return Err(damaged(format!(
                "its format is “{}”, not “{FORMAT_NAME}”",
                header.format
            )));
        }
        if header.version > FORMAT_VERSION {
            return Err(ProjectError::NewerVersion {
                path: path.to_path_buf(),
                found: header.version,
                supported: FORMAT_VERSION,
            });
        }
        let project: Project = ron::from_str(text).map_err(|e| damaged(e.to_string()))?;
        Ok(project)
    }

    /// The project as RON text: pretty, fields in a fixed order, so it diffs well.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(8)
            .struct_names(false)
            .separate_tuple_members(true)
            .enumerate_arrays(false);
        let mut text = ron::ser::to_string_pretty(self, config).unwrap_or_else(|e| {
            // Serializing plain data cannot fail; keep a readable trace if it ever does.
            format!("// could not serialize the project: {e}\n")
        });
        text.push('\n');
        text
    }

    /// Writes the project to `path` without ever leaving a half-written file: the text
    /// goes to a temporary file in the same folder, is flushed to disk, and replaces the
    /// old file in one rename.
    pub fn save(&self, path: &Path) -> Result<(), ProjectError> {
        let io = |source: std::io::Error| ProjectError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        let mut tmp = tempfile::Builder::new()
            .prefix(".claimbench-save-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        tmp.write_all(self.to_ron().as_bytes()).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// The corpus path to store for `corpus` in a project saved at `project_file`: relative to
/// the project's folder when the corpus is inside it or beside it.
pub fn relative_corpus_path(corpus: &Path, project_file: &Path) -> String {
    let corpus_abs = std::path::absolute(corpus).unwrap_or_else(|_| corpus.to_path_buf());
    let dir = project_file
        .parent()
        .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf()));
    if let Some(dir) = dir {
        if let Ok(inside) = corpus_abs.strip_prefix(&dir) {
            let s = inside.display().to_string();
            return if s.is_empty() { ".".to_string() } else { s };
        }
        if let Some(parent) = dir.parent()
            && let Ok(beside) = corpus_abs.strip_prefix(parent)
        {
            return Path::new("..").join(beside).display().to_string();
        }
    }
    corpus_abs.display().to_string()
}

/// The corpus path stored in a project, resolved against the project's folder.
pub fn resolve_corpus_path(stored: &str, project_file: &Path) -> PathBuf {
    let stored = Path::new(stored);
    if stored.is_absolute() {
        return stored.to_path_buf();
    }
    project_file
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Project {
        let text = "The army killed 40 people.";
        Project {
            corpus: CorpusRef {
                path: "corpus".into(),
                documents: BTreeMap::from([("a".into(), "hash".into())]),
            },
            annotations: vec![Annotation {
                anchor: Some(Anchor::new("a", text, 0, text.len())),
                verdict: Some(Verdict::MostlyFalse),
                status: Status::Done,
                conclusion: "Figures differ".into(),
                notes: "line one\nline \"two\"".into(),
                references: vec![Reference {
                    url: "https://example.org".into(),
                    stance: Stance::Refutes,
                    ..Reference::default()
                }],
            }],
            actors: ActorCuration {
                renames: BTreeMap::from([("mek".into(), "MEK".into())]),
                hidden: BTreeSet::from(["x".into()]),
                ..ActorCuration::default()
            },
            ..Project::default()
        }
    }

    #[test]
    fn round_trips_through_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        let project = sample();
        project.save(&path).expect("saves");
        assert_eq!(Project::load(&path).expect("loads"), project);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1);
        // Saving the same project twice gives the same bytes.
        let first = std::fs::read(&path).expect("read");
        project.save(&path).expect("saves again");
        assert_eq!(std::fs::read(&path).expect("read"), first);
    }

    #[test]
    fn damaged_files_give_clear_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        let full = sample().to_ron();
        for damaged in [
            &full[..full.len() / 2],
            "",
            "not ron at all {{{",
            "\u{0}\u{1}",
        ] {
            std::fs::write(&path, damaged).expect("write");
            let err = Project::load(&path).expect_err("damaged");
            assert!(matches!(err, ProjectError::Damaged { .. }), "{err}");
        }
        std::fs::write(&path, b"\xff\xfe(").expect("write");
        assert!(
            Project::load(&path)
                .expect_err("binary")
                .to_string()
                .contains("not UTF-8")
        );
        let other = full.replace(FORMAT_NAME, "something-else");
        std::fs::write(&path, other).expect("write");
        assert!(
            Project::load(&path)
                .expect_err("other")
                .to_string()
                .contains("something-else")
        );
    }

    #[test]
    fn newer_versions_say_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        let newer = sample()
            .to_ron()
            .replace("version: 1,", "version: 7,\n    new_field: 3,");
        std::fs::write(&path, newer).expect("write");
        let err = Project::load(&path).expect_err("newer");
        assert!(
            matches!(err, ProjectError::NewerVersion { found: 7, .. }),
            "{err}"
        );
    }

    #[test]
    fn hand_edited_files_with_missing_fields_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.claimbench.ron");
        std::fs::write(&path, "(format: \"claimbench-project\", version: 1)").expect("write");
        let project = Project::load(&path).expect("loads");
        assert!(project.annotations.is_empty());
    }

    #[test]
    fn corpus_paths_are_relative_where_possible() {
        let dir = tempfile::tempdir().expect("tempdir");
        let project = dir.path().join("work/p.claimbench.ron");
        assert_eq!(
            relative_corpus_path(&dir.path().join("work/corpus"), &project),
            "corpus"
        );
        assert_eq!(
            relative_corpus_path(&dir.path().join("corpus"), &project),
            "../corpus"
        );
        assert_eq!(
            resolve_corpus_path("../corpus", &project),
            dir.path().join("work/../corpus")
        );
    }
}
