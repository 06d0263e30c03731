//! The project file: everything the researcher decided, in a versioned, diff-friendly RON
//! file (`NAME.claimbench.ron`). Extraction output is not stored as truth: opening a
//! project re-runs extraction and re-attaches the work to claims by [`Anchor`].
//!
//! The format is strict: a field Claimbench does not know, or a missing one, is an error
//! that names it, so one changed byte can never silently empty a project. A checksum line
//! tells a file Claimbench wrote from one changed since (a hand edit is allowed, and
//! reported). Older versions are migrated on reading ([`v1`]).

pub mod anchor;
pub mod error;
pub mod file;
pub mod normalize;
pub mod reference;
pub mod save;
pub mod v1;
pub mod vocab;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Attachment};
pub use error::ProjectError;
pub use file::{LoadNote, Opened};
pub use reference::{Reference, Stance};
pub use vocab::{Status, Verdict};

/// The file name ending of project files.
pub const EXTENSION: &str = ".claimbench.ron";
/// The format version this build writes; it reads this and every older one.
pub const FORMAT_VERSION: u32 = 4;
/// The value of the `format` field, which tells a project file from other RON files.
pub const FORMAT_NAME: &str = "claimbench-project";

/// One recorded change of a verdict or status: when, by whom, to what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// When, as RFC 3339 local time with its offset (`2026-12-01T10:42:00+01:00`).
    pub at: String,
    /// Who: the name set in the preferences (empty when none was set).
    pub by: String,
    /// What was set.
    pub change: AuditChange,
}

/// What an [`AuditEntry`] records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditChange {
    /// The verdict was set (or cleared).
    Verdict(Option<Verdict>),
    /// The workflow status was set.
    Status(Status),
}

impl AuditChange {
    /// The change in words: `verdict: False`, `status: Done`.
    pub fn describe(self) -> String {
        match self {
            Self::Verdict(Some(v)) => format!("verdict: {}", v.label()),
            Self::Verdict(None) => "verdict cleared".to_string(),
            Self::Status(s) => format!("status: {}", s.label()),
        }
    }
}

/// What a researcher recorded about one claim.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The claim's text and place.
    pub anchor: Anchor,
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
    /// Every verdict and status change, oldest first.
    pub history: Vec<AuditEntry>,
    /// Who says the claim, when the researcher corrected the extraction (format 3; absent
    /// in older files and when the extraction's speaker stands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<SpeakerChoice>,
}

/// The speaker a researcher chose for a claim, over the one the extraction found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerChoice {
    /// The text names nobody who says it.
    Nobody,
    /// This actor says it.
    Actor {
        /// The actor's id as the project's actor decisions name it (`new:…` for an actor
        /// the researcher made for it).
        id: String,
        /// Its name when chosen: if a changed extraction has no actor of that id any
        /// more, one of that name is made.
        name: String,
    },
}

impl Annotation {
    /// Whether it records nothing (and need not be saved).
    pub fn is_empty(&self) -> bool {
        self.verdict.is_none()
            && self.status == Status::Unstarted
            && self.conclusion.is_empty()
            && self.notes.is_empty()
            && self.references.is_empty()
            && self.speaker.is_none()
    }
}

/// An alias moved out of an actor into an actor of its own.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The actor it was part of.
    pub actor: String,
    /// The alias, as written.
    pub alias: String,
}

/// The researcher's decisions about actors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorCuration {
    /// New display names, by actor id.
    pub renames: BTreeMap<String, String>,
    /// Actors merged into another: merged id -> id it was merged into.
    pub merges: BTreeMap<String, String>,
    /// Aliases split out into actors of their own.
    pub splits: Vec<Split>,
    /// Actors hidden from the actor list and filters.
    pub hidden: BTreeSet<String>,
    /// Kinds the researcher set, by actor id, over the extraction's (format 4; absent in
    /// older files and when no kind was changed).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, crate::extract::ActorKind>,
}

/// The corpus a project is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusRef {
    /// The corpus folder or file, relative to the project file where possible.
    pub path: String,
    /// Each document's content hash when the project was saved, by document id.
    pub documents: BTreeMap<String, String>,
}

/// A project file.
///
/// Annotations are shared (`Arc`), so the undo history's snapshots of a project with
/// thousands of annotations cost a pointer per annotation, not a copy of each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Always `claimbench-project`.
    pub format: String,
    /// The format version.
    pub version: u32,
    /// The corpus.
    pub corpus: CorpusRef,
    /// The score threshold claims were extracted with.
    pub min_score: f32,
    /// Verdicts, statuses, notes and references, by claim.
    pub annotations: Vec<Arc<Annotation>>,
    /// Claims the researcher added by hand.
    pub manual_claims: Vec<Anchor>,
    /// Extracted claims the researcher rejected.
    pub rejected_claims: Vec<Anchor>,
    /// Renames, merges, splits and hidden actors.
    pub actors: ActorCuration,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            corpus: CorpusRef::default(),
            min_score: crate::extract::DEFAULT_MIN_SCORE,
            annotations: Vec::new(),
            manual_claims: Vec::new(),
            rejected_claims: Vec::new(),
            actors: ActorCuration::default(),
        }
    }
}

impl Project {
    /// A summary in words: `12 annotations (5 verdicts, 7 references), 2 claims added by
    /// hand, 1 rejected, 3 actor changes`.
    pub fn summary(&self) -> String {
        let verdicts = self
            .annotations
            .iter()
            .filter(|a| a.verdict.is_some())
            .count();
        let references: usize = self.annotations.iter().map(|a| a.references.len()).sum();
        let curation = &self.actors;
        let actor_changes = curation.renames.len()
            + curation.merges.len()
            + curation.splits.len()
            + curation.hidden.len();
        format!(
            "{} annotation(s) ({verdicts} verdict(s), {references} reference(s)), {} claim(s) added by hand, {} rejected, {actor_changes} actor change(s)",
            self.annotations.len(),
            self.manual_claims.len(),
            self.rejected_claims.len(),
        )
    }
}

/// The backup Claimbench keeps of the previous version at each save: `NAME.bak`.
pub fn backup_path(project_file: &Path) -> PathBuf {
    with_suffix(project_file, ".bak")
}

/// The side file unsaved changes are written to every so often: `NAME.autosave`.
pub fn autosave_path(project_file: &Path) -> PathBuf {
    with_suffix(project_file, ".autosave")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
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

    #[test]
    fn side_files_sit_beside_the_project() {
        let p = Path::new("/w/p.claimbench.ron");
        assert_eq!(backup_path(p), Path::new("/w/p.claimbench.ron.bak"));
        assert_eq!(autosave_path(p), Path::new("/w/p.claimbench.ron.autosave"));
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
