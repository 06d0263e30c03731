//! Opening a corpus or a project into a [`Workspace`], saving it, and recovering the
//! unsaved work an autosave kept. Used by the window's background loader, the command
//! line, the tests and the benchmarks alike.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::corpus::{self, Corpus, LoadError, LoadOptions};
use crate::extract::cache::{self, Cache};
use crate::extract::{self, Extraction, Settings};
use crate::project::{self, FORMAT_VERSION, Project, ProjectError};

/// What to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenRequest {
    /// A corpus folder or file, as a new project.
    Corpus(PathBuf),
    /// A `.claimbench.ron` project file.
    Project(PathBuf),
    /// An extraction written by `extract` or `merge` (JSON), perhaps on other machines,
    /// opened as a new project over the corpus it names (found by its documents' paths,
    /// as written or beside the extraction file, and checked by their hashes).
    Extraction(PathBuf),
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
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Self::Extraction(path)
        } else {
            Self::Corpus(path)
        }
    }

    /// The path: the corpus, or the project file.
    pub fn path(&self) -> &Path {
        match self {
            Self::Corpus(p) | Self::Project(p) | Self::Extraction(p) => p,
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
    /// Units in all; 0 for a stage that is not counted.
    pub total: usize,
    /// What is counted, when it is not plain items (" MB").
    pub unit: &'static str,
}

impl Progress {
    /// A stage that is not counted.
    pub fn uncounted(stage: &'static str) -> Self {
        Self {
            stage,
            done: 0,
            total: 0,
            unit: "",
        }
    }
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
    /// An extraction file could not be read, or its corpus was not found.
    #[error("{}: {why}", path.display())]
    Extraction {
        /// The extraction file.
        path: PathBuf,
        /// What is wrong, in words.
        why: String,
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
    open_with(request, None, progress)
}

/// Like [`open`], taking the analysis of every unchanged document from `cache` (and
/// keeping what was analysed there for next time). How the cache served is in
/// [`Workspace::cache_report`].
pub fn open_with(
    request: &OpenRequest,
    cache: Option<&Cache>,
    progress: &(dyn Fn(Progress) -> bool + Sync),
) -> Result<Workspace, OpenError> {
    if let OpenRequest::Extraction(path) = request {
        return open_extraction(path, progress);
    }
    let mut notes = Vec::new();
    let (project, project_path, corpus_path) = match request {
        OpenRequest::Corpus(path) | OpenRequest::Extraction(path) => {
            (Project::default(), None, path.clone())
        }
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
    // A single JSON Lines file is read in megabytes, a folder file by file.
    let unit = if corpus::reads_in_megabytes(&corpus_path) {
        " MB"
    } else {
        ""
    };
    let loaded = corpus::load_with(&corpus_path, &LoadOptions::default(), &mut |done, total| {
        progress(Progress {
            stage: "Reading files",
            done,
            total,
            unit,
        })
    })?;
    let settings = Settings {
        min_score: project.min_score,
        parallel: true,
    };
    let extracting = |done, total| {
        progress(if total == 0 {
            Progress::uncounted("Reading the extraction cache")
        } else if done >= total {
            // Once every document is analysed, the corpus is put together: actors and
            // families across documents.
            Progress::uncounted("Putting the corpus together")
        } else {
            Progress {
                stage: "Finding claims and actors",
                done,
                total,
                unit: "",
            }
        })
    };
    let (extraction, cache_report) = match cache {
        Some(cache) => {
            let (extraction, report) =
                cache::extract(&loaded.corpus, &corpus_path, &settings, cache, &extracting)
                    .ok_or(OpenError::Cancelled)?;
            (extraction, Some(report))
        }
        None => (
            extract::extract_with_progress(&loaded.corpus, &settings, &extracting)
                .ok_or(OpenError::Cancelled)?,
            None,
        ),
    };
    let moved = matches!(request, OpenRequest::ProjectWithCorpus { .. });
    let restored = matches!(request, OpenRequest::Restore { .. });
    if !progress(Progress::uncounted("Building the workbench")) {
        return Err(OpenError::Cancelled);
    }
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
    if let Some(report) = &cache_report {
        let problems = [&report.damaged, &report.write_error];
        workspace
            .warnings
            .extend(problems.into_iter().flatten().map(|p| {
                format!("extraction cache: {p}; the documents concerned were analysed again")
            }));
    }
    workspace.cache_report = cache_report;
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

/// Opens an extraction file as a new project: reads it, then the text of its documents
/// from the files its documents' paths name (as written, else beside the extraction file),
/// each checked against its hash.
fn open_extraction(
    path: &Path,
    progress: &(dyn Fn(Progress) -> bool + Sync),
) -> Result<Workspace, OpenError> {
    let fail = |why: String| OpenError::Extraction {
        path: path.to_path_buf(),
        why,
    };
    if !progress(Progress {
        stage: "Reading the extraction",
        done: 0,
        total: 1,
        unit: "",
    }) {
        return Err(OpenError::Cancelled);
    }
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot be read: {e}")))?;
    let extraction: Extraction =
        serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| {
            fail(format!(
                "this is not an extraction written by `claimbench extract` or `merge` ({e})"
            ))
        })?;
    // The files the documents came from: `FILE:LINE` for JSON Lines, else the file.
    let beside = path.parent().unwrap_or(Path::new("."));
    let mut sources: Vec<PathBuf> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for doc in &extraction.documents {
        let written = match doc.path.rsplit_once(':') {
            Some((file, line)) if line.bytes().all(|b| b.is_ascii_digit()) && !line.is_empty() => {
                file
            }
            _ => doc.path.as_str(),
        };
        let written = Path::new(written);
        let found = if written.exists() {
            written.to_path_buf()
        } else {
            beside.join(written)
        };
        if seen.insert(found.clone()) {
            sources.push(found);
        }
    }
    let mut by_hash: std::collections::HashMap<String, corpus::Document> = Default::default();
    let mut warnings = Vec::new();
    let total = sources.len();
    for (done, source) in sources.iter().enumerate() {
        if !source.exists() {
            continue;
        }
        match corpus::load_with(source, &LoadOptions::default(), &mut |_, _| true) {
            Ok(loaded) => {
                warnings.extend(loaded.warnings.iter().map(ToString::to_string));
                for doc in loaded.corpus.documents {
                    by_hash.entry(doc.hash.clone()).or_insert(doc);
                }
            }
            Err(e) => warnings.push(e.to_string()),
        }
        if !progress(Progress {
            stage: "Reading the corpus",
            done: done + 1,
            total,
            unit: "",
        }) {
            return Err(OpenError::Cancelled);
        }
    }
    let mut documents = Vec::with_capacity(extraction.documents.len());
    let mut missing = Vec::new();
    for info in &extraction.documents {
        match by_hash.get(&info.hash) {
            Some(doc) => {
                let mut doc = doc.clone();
                doc.id.clone_from(&info.id);
                doc.path.clone_from(&info.path);
                doc.meta.clone_from(&info.meta);
                documents.push(doc);
            }
            None => missing.push(info.path.as_str()),
        }
    }
    if let Some(first) = missing.first() {
        return Err(fail(format!(
            "the text of {} of its {} documents was not found (the first is {first}, looked for as written and beside the extraction file); put the corpus where it was extracted from, or beside the extraction file",
            missing.len(),
            extraction.documents.len()
        )));
    }
    drop(by_hash);
    extract::check_fits(&extraction, &documents).map_err(fail)?;
    let corpus_path = match sources.as_slice() {
        [one] => one.clone(),
        _ => common_folder(&sources),
    };
    let mut workspace = Workspace::new(
        Corpus { documents },
        corpus_path,
        extraction,
        Project::default(),
        None,
    );
    workspace.warnings.splice(0..0, warnings);
    Ok(workspace)
}

/// The deepest folder holding all of `paths`.
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for p in paths {
        let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
        common = Some(match common {
            None => dir,
            Some(c) => c
                .components()
                .zip(dir.components())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect(),
        });
    }
    common.unwrap_or_default()
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
            cache_report: None,
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
