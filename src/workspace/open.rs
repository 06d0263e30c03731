//! Opening a corpus or a project into a [`Workspace`], and saving it. Used by the
//! window's background loader, the tests and the benchmarks alike.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};
use crate::extract::{self, Extraction, Settings};
use crate::project::{self, Project, ProjectError};

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenRequest {
    /// A corpus folder or file, as a new project.
    Corpus(PathBuf),
    /// A `.claimbench.ron` project file.
    Project(PathBuf),
}

impl OpenRequest {
    /// A project file if the path ends in `.claimbench.ron` (or `.ron`), else a corpus.
    pub fn for_path(path: PathBuf) -> Self {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.ends_with(project::EXTENSION) || name.ends_with(".ron") {
            Self::Project(path)
        } else {
            Self::Corpus(path)
        }
    }

    /// The path.
    pub fn path(&self) -> &Path {
        match self {
            Self::Corpus(p) | Self::Project(p) => p,
        }
    }
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
        "the corpus of {project} was not found at {corpus}. Move the corpus back, or open the project from the folder it was saved in."
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

/// Opens a corpus or a project: reads files, extracts, re-attaches the project's work.
/// `progress` is called as work advances; returning `false` cancels.
pub fn open(
    request: &OpenRequest,
    progress: &(dyn Fn(Progress) -> bool + Sync),
) -> Result<Workspace, OpenError> {
    let (project, project_path, corpus_path) = match request {
        OpenRequest::Corpus(path) => (Project::default(), None, path.clone()),
        OpenRequest::Project(path) => {
            let project = Project::load(path)?;
            let corpus = project::resolve_corpus_path(&project.corpus.path, path);
            if !corpus.exists() {
                return Err(OpenError::CorpusMissing {
                    project: path.clone(),
                    corpus,
                });
            }
            (project, Some(path.clone()), corpus)
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
    let mut workspace = Workspace::new(
        loaded.corpus,
        corpus_path,
        extraction,
        project,
        project_path,
    );
    workspace
        .warnings
        .splice(0..0, loaded.warnings.iter().map(ToString::to_string));
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
                    "document “{id}” of the project is no longer in the corpus; its work is listed for review"
                )),
                Some(doc) if doc.hash != *hash => warnings.push(format!(
                    "document “{id}” changed since the project was saved; its work was re-attached by quote"
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
            orphans: Vec::new(),
            warnings,
            dirty: false,
            last_saved: None,
            generation: 0,
            layout_generation: 0,
            rows_of_document: Vec::new(),
            mentions_of_document: Vec::new(),
            row_of_claim: Default::default(),
            actor_of_original: Default::default(),
            family_of_id: Default::default(),
            undo: Default::default(),
        };
        workspace.rebuild();
        if !workspace.orphans.is_empty() {
            workspace.warnings.push(format!(
                "{} annotation(s) could not be re-attached to the text and are listed for review (View, Unattached work)",
                workspace.orphans.len()
            ));
        }
        workspace
    }

    /// Saves the project to `path` (or where it was last saved), atomically.
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
        self.project.corpus.path = project::relative_corpus_path(&self.corpus_path, &path);
        self.project.corpus.documents = self
            .corpus
            .documents
            .iter()
            .map(|d| (d.id.clone(), d.hash.clone()))
            .collect::<BTreeMap<_, _>>();
        self.project.save(&path)?;
        self.project_path = Some(path.clone());
        self.dirty = false;
        self.last_saved = Some(chrono::Local::now());
        Ok(path)
    }
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
