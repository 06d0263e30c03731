//! Opening a corpus or a project into a [`Workspace`], saving it, and recovering the
//! unsaved work an autosave kept. Used by the window's background loader, the command
//! line, the tests and the benchmarks alike.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};
use crate::extract::{self, Extraction, Settings};
use crate::project::{self, FORMAT_VERSION, Project, ProjectError};

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenRequest {
    /// A corpus folder or file, as a new project.
    Corpus(PathBuf),
    /// A `.claimbench.ron` project file.
    Project(PathBuf),
    /// A project file whose corpus is somewhere else than it says (it was moved).
    ProjectWithCorpus {
        /// The project file.
        project: PathBuf,
        /// Where the corpus is now.
        corpus: PathBuf,
    },
    /// A damaged project's work taken from its backup or autosave; saving writes the
    /// project file itself again.
    Restore {
        /// The project file.
        project: PathBuf,
        /// The backup or autosave.
        from: PathBuf,
    },
}

impl OpenRequest {
    /// A project file if the path ends in `.claimbench.ron` (or `.ron`, or is a backup or
    /// autosave of one), else a corpus.
    pub fn for_path(path: PathBuf) -> Self {
        if is_project_file(&path) {
            Self::Project(path)
        } else {
            Self::Corpus(path)
        }
    }

    /// The path: the corpus, or the project file.
    pub fn path(&self) -> &Path {
        match self {
            Self::Corpus(p) | Self::Project(p) => p,
            Self::ProjectWithCorpus { project, .. } | Self::Restore { project, .. } => project,
        }
    }
}

/// Whether `path` names a project file (or its backup or autosave) by its name.
pub fn is_project_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name
        .strip_suffix(".bak")
        .or_else(|| name.strip_suffix(".autosave"))
        .unwrap_or(&name);
    name.ends_with(project::EXTENSION) || name.ends_with(".ron")
}

/// How far an open has got.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// What is being done.
    pub stage: &'static str,
    /// Units done.
    pub done: usize,
    /// Units in all.
    pub total: usize,
}

/// Why an open failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The project file could not be read.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// The corpus could not be loaded.
    #[error(transparent)]
    Corpus(#[from] LoadError),
    /// The project's corpus is not where the project says.
    #[error(
        "the corpus of {} was not found at {}. Locate it (the project then remembers where it is), or move it back.", project.display(), corpus.display()
    )]
    CorpusMissing {
        /// The project file.
        project: PathBuf,
        /// Where the corpus was expected.
        corpus: PathBuf,
    },
    /// The user cancelled.
    #[error("opening was cancelled")]
    Cancelled,
}

/// Unsaved work found in an autosave side file, offered for recovery.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The side file.
    pub path: PathBuf,
    /// When it was written.
    pub written: chrono::DateTime<chrono::Local>,
    /// What it holds.
    pub project: Project,
    /// What it holds, against what was opened, in words.
    pub summary: String,
}

/// Opens a corpus or a project: reads files, extracts, re-attaches the project's work.
/// An autosave beside a project that is newer than it is offered as
/// [`Workspace::recovery`]. `progress` is called as work advances; returning `false`
/// cancels.
pub fn open(
    request: &OpenRequest,
    progress: &(dyn Fn(Progress) -> bool + Sync),
) -> Result<Workspace, OpenError> {
    let mut notes = Vec::new();
    let (project, project_path, corpus_path) = match request {
        OpenRequest::Corpus(path) => (Project::default(), None, path.clone()),
        OpenRequest::Restore { project, from } => {
            let opened = Project::load(from)?;
            let corpus = project::resolve_corpus_path(&opened.project.corpus.path, from);
            if !corpus.exists() {
                return Err(OpenError::CorpusMissing {
                    project: from.clone(),
                    corpus,
                });
            }
            notes.push(format!(
                "the work was taken from {}; save to write it to {} again",
                from.display(),
                project.display()
            ));
            (opened.project, Some(project.clone()), corpus)
        }
        OpenRequest::Project(path) | OpenRequest::ProjectWithCorpus { project: path, .. } => {
            let opened = Project::load(path)?;
            notes.extend(opened.notes.iter().map(|n| n.describe(path)));
            let corpus = match request {
                OpenRequest::ProjectWithCorpus { corpus, .. } => corpus.clone(),
                _ => project::resolve_corpus_path(&opened.project.corpus.path, path),
            };
            if !corpus.exists() {
                return Err(OpenError::CorpusMissing {
                    project: path.clone(),
                    corpus,
                });
            }
            (opened.project, Some(path.clone()), corpus)
        }
    };
    let loaded = corpus::load_with(&corpus_path, &LoadOptions::default(), &mut |done, total| {
        progress(Progress {
            stage: "Reading files",
            done,
            total,
        })
    })?;
    let settings = Settings {
        min_score: project.min_score,
        parallel: true,
    };
    let extraction = extract::extract_with_progress(&loaded.corpus, &settings, &|done, total| {
        progress(Progress {
            stage: "Finding claims and actors",
            done,
            total,
        })
    })
    .ok_or(OpenError::Cancelled)?;
    let moved = matches!(request, OpenRequest::ProjectWithCorpus { .. });
    let restored = matches!(request, OpenRequest::Restore { .. });
    let mut workspace = Workspace::new(
        loaded.corpus,
        corpus_path,
        extraction,
        project,
        project_path.clone(),
    );
    workspace
        .warnings
        .splice(0..0, loaded.warnings.iter().map(ToString::to_string));
    workspace.warnings.splice(0..0, notes);
    if moved {
        // The new place is worth saving: the project now names it.
        workspace.next_revision += 1;
        workspace.revision = workspace.next_revision;
        workspace.warnings.push(format!(
            "the corpus was found at {}; save the project to remember the new place",
            workspace.corpus_path.display()
        ));
    }
    if restored {
        // Not saved to the project file yet: that is the point of restoring.
        workspace.next_revision += 1;
        workspace.revision = workspace.next_revision;
    } else if let Some(path) = &project_path {
        workspace.check_recovery(&project::autosave_path(path));
    }
    Ok(workspace)
}

impl Workspace {
    /// A workspace over an extracted corpus and a project (new or opened).
    pub fn new(
        corpus: Corpus,
        corpus_path: PathBuf,
        extraction: Extraction,
        project: Project,
        project_path: Option<PathBuf>,
    ) -> Self {
        let mut warnings = Vec::new();
        for (id, hash) in &project.corpus.documents {
            match corpus.document(id) {
                None => warnings.push(format!(
                    "document “{id}” of the project is no longer in the corpus by that name; its work was looked for in the other documents"
                )),
                Some(doc) if doc.hash != *hash => warnings.push(format!(
                    "document “{id}” changed since the project was saved; its work was re-attached by its text"
                )),
                Some(_) => {}
            }
        }
        let mut workspace = Self {
            corpus,
            corpus_path,
            extraction,
            project,
            project_path,
            rows: Vec::new(),
            actors: Vec::new(),
            placements: Vec::new(),
            orphans: Vec::new(),
            manual_spans: Vec::new(),
            rejected_spans: Vec::new(),
            warnings,
            revision: 0,
            saved_revision: 0,
            next_revision: 0,
            last_saved: None,
            generation: 0,
            layout_generation: 0,
            rows_of_document: Vec::new(),
            mentions_of_document: Vec::new(),
            row_of_claim: Default::default(),
            actor_of_original: Default::default(),
            actor_index: Default::default(),
            family_of_id: Default::default(),
            undo: Default::default(),
            author: String::new(),
            recovery: None,
        };
        workspace.rebuild();
        if !workspace.orphans.is_empty() {
            workspace.warnings.push(format!(
                "{} piece(s) of work could not be re-attached to the text and are listed for review (View, Unattached work)",
                workspace.orphans.len()
            ));
        }
        workspace
    }

    /// Unsaved work found in an autosave, waiting for the researcher's decision.
    pub fn recovery(&self) -> Option<&Recovery> {
        self.recovery.as_ref()
    }

    /// Looks for an autosave at `side_file` that holds work the open project does not:
    /// it becomes [`Workspace::recovery`]. An autosave with nothing new is removed.
    pub fn check_recovery(&mut self, side_file: &Path) {
        let Ok(meta) = std::fs::metadata(side_file) else {
            return;
        };
        let Ok(opened) = Project::load(side_file) else {
            self.warnings.push(format!(
                "an autosave at {} could not be read; it was left as it is",
                side_file.display()
            ));
            return;
        };
        let side = opened.project;
        if same_work(&side, &self.project) {
            let _ = std::fs::remove_file(side_file);
            return;
        }
        let written: chrono::DateTime<chrono::Local> = meta
            .modified()
            .map_or_else(|_| chrono::Local::now(), Into::into);
        let summary = format!(
            "The autosave from {} holds {}; the project as opened holds {}.",
            written.format("%Y-%m-%d %H:%M:%S"),
            side.summary(),
            self.project.summary()
        );
        self.recovery = Some(Recovery {
            path: side_file.to_path_buf(),
            written,
            project: side,
            summary,
        });
    }

    /// Takes the autosave's work in place of the opened project's (one undo step), and
    /// removes the side file once the work is in hand.
    pub fn recover(&mut self) -> bool {
        let Some(recovery) = self.recovery.take() else {
            return false;
        };
        self.undo
            .push_snapshot(&self.project, "recover autosave", self.revision);
        let mut project = recovery.project;
        project.corpus = self.project.corpus.clone();
        self.project = project;
        self.next_revision += 1;
        self.revision = self.next_revision;
        self.rebuild();
        true
    }

    /// Drops the offered autosave; with `delete`, its side file too.
    pub fn dismiss_recovery(&mut self, delete: bool) {
        if let Some(recovery) = self.recovery.take()
            && delete
        {
            let _ = std::fs::remove_file(recovery.path);
        }
    }

    /// Saves the project to `path` (or where it was last saved), atomically, keeping the
    /// previous file as its backup. Anchors move to the current text first.
    pub fn save(&mut self, path: Option<&Path>) -> Result<PathBuf, ProjectError> {
        let path = match path
            .map(Path::to_path_buf)
            .or_else(|| self.project_path.clone())
        {
            Some(p) => with_project_extension(p),
            None => {
                return Err(ProjectError::Io {
                    path: PathBuf::new(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "no file name given",
                    ),
                });
            }
        };
        let project = self.project_for(&path);
        project.save(&path)?;
        self.project = project;
        if let Some(old) = self.project_path.as_ref().filter(|old| **old != path) {
            // Saved under a new name: the old name's autosave is not this project's.
            let _ = std::fs::remove_file(project::autosave_path(old));
        }
        let _ = std::fs::remove_file(project::autosave_path(&path));
        self.project_path = Some(path.clone());
        self.saved_revision = self.revision;
        self.last_saved = Some(chrono::Local::now());
        Ok(path)
    }

    /// The project as it would be saved at `path`: anchors on the current text, the
    /// corpus named relative to `path`, each document's hash, the current format.
    pub fn project_for(&mut self, path: &Path) -> Project {
        self.refresh_anchors();
        let mut project = self.project.clone();
        project.format = project::FORMAT_NAME.to_string();
        project.version = FORMAT_VERSION;
        project.corpus.path = project::relative_corpus_path(&self.corpus_path, path);
        project.corpus.documents = self
            .corpus
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.hash.clone()))
            .collect::<BTreeMap<_, _>>();
        project
    }
}

/// Whether two projects hold the same work (wherever their corpus is).
fn same_work(a: &Project, b: &Project) -> bool {
    a.annotations == b.annotations
        && a.manual_claims == b.manual_claims
        && a.rejected_claims == b.rejected_claims
        && a.actors == b.actors
        && a.min_score == b.min_score
}

/// `NAME` becomes `NAME.claimbench.ron`; a name that already ends so is kept.
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(project::EXTENSION) {
        return path;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    path.with_file_name(format!("{stem}{}", project::EXTENSION))
}
