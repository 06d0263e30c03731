//! The open workbench, without a window: corpus, extraction, the researcher's project,
//! and the views the window shows (claim rows, curated actors). Every change goes through
//! [`Workspace::apply`], which records undo, updates the project and refreshes the views;
//! everything else only reads.

mod attach;
pub mod curation;
pub mod edit;
pub mod grid;
mod ids;
pub mod network;
pub mod open;
pub mod timeline;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::Corpus;
use crate::extract::{ActorKind, Claim, Extraction, Family, Mention};
use crate::project::{Annotation, Attachment, Project};

pub use edit::{Edit, EditError};
pub use ids::{ActorId, ClaimId};

/// One row of the claim grid: an extracted or hand-made claim.
#[derive(Clone, Debug)]
pub struct ClaimRow {
    /// The claim's id.
    pub id: ClaimId,
    /// The claim (the extraction's own, shared).
    pub claim: Arc<Claim>,
    /// Index of its document in the corpus.
    pub document: usize,
    /// Added by hand (or restored from a project when extraction no longer finds it).
    pub manual: bool,
    /// Curated actor index of the speaker.
    pub speaker: Option<usize>,
    /// Index into the project's annotations, if the researcher recorded anything.
    pub annotation: Option<usize>,
    /// Index of its family in the extraction's families.
    pub family: Option<usize>,
}

/// An actor as the researcher has curated it.
#[derive(Clone, Debug)]
pub struct ActorView {
    /// Id: the extraction's id, or a `split:` id for a split-off alias.
    pub id: ActorId,
    /// Display name (renamed or canonical).
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Every mention: the extraction's own list for an actor no merge or split changed.
    pub mentions: Arc<[Mention]>,
    /// Claims it speaks or is named in.
    pub claim_count: usize,
    /// Hidden by the researcher.
    pub hidden: bool,
}

impl ActorView {
    /// Whether the actor list has a line for it: it is mentioned or speaks (one merged into
    /// another has neither left).
    pub fn is_listed(&self) -> bool {
        !self.mentions.is_empty() || self.claim_count > 0
    }
}

/// Where one annotation of the project ended up when the views were built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The claim row it is attached to; `None`: listed for review.
    pub row: Option<usize>,
    /// How its anchor was found (`None`: not found, or on a rejected claim).
    pub how: Option<Attachment>,
}

/// The open corpus and project. Cloned only when an edit comes while a background job
/// (an export) still reads the open one.
#[derive(Clone)]
pub struct Workspace {
    corpus: Corpus,
    corpus_path: PathBuf,
    extraction: Extraction,
    project: Project,
    project_path: Option<PathBuf>,
    rows: Vec<ClaimRow>,
    actors: Vec<ActorView>,
    placements: Vec<Placement>,
    orphans: Vec<usize>,
    /// Where each manual and rejected claim's anchor was found: (document, start, end).
    manual_spans: Vec<Option<(usize, usize, usize)>>,
    rejected_spans: Vec<Option<(usize, usize, usize)>>,
    warnings: Vec<String>,
    revision: u64,
    saved_revision: u64,
    next_revision: u64,
    last_saved: Option<chrono::DateTime<chrono::Local>>,
    generation: u64,
    layout_generation: u64,
    rows_of_document: Vec<Vec<usize>>,
    mentions_of_document: Vec<Vec<(usize, usize, usize)>>,
    row_of_claim: HashMap<ClaimId, usize>,
    actor_of_original: HashMap<String, usize>,
    actor_index: HashMap<ActorId, usize>,
    family_of_id: HashMap<String, usize>,
    undo: edit::History,
    author: String,
    recovery: Option<open::Recovery>,
    /// How the extraction cache served this open, if one was used.
    pub cache_report: Option<crate::extract::cache::Report>,
}

impl Workspace {
    /// The documents.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Where the corpus was loaded from.
    pub fn corpus_path(&self) -> &Path {
        &self.corpus_path
    }

    /// What extraction found.
    pub fn extraction(&self) -> &Extraction {
        &self.extraction
    }

    /// The researcher's decisions (what is saved).
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project file, once saved or opened.
    pub fn project_path(&self) -> Option<&Path> {
        self.project_path.as_deref()
    }

    /// Claim rows: extracted claims not rejected, then manual ones.
    pub fn rows(&self) -> &[ClaimRow] {
        &self.rows
    }

    /// Curated actors.
    pub fn actors(&self) -> &[ActorView] {
        &self.actors
    }

    /// Annotations that could not be re-attached to the text (kept in the project), by
    /// index into the project's annotations.
    pub fn orphans(&self) -> &[usize] {
        &self.orphans
    }

    /// Where each annotation of the project is attached, in the project's order.
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    /// Problems found while opening, in words.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Takes the warnings, to show them once.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Whether there are changes the project file does not have.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// When the project was last saved in this session.
    pub fn last_saved(&self) -> Option<chrono::DateTime<chrono::Local>> {
        self.last_saved
    }

    /// Bumped on every change, so views can tell when to rebuild caches.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Bumped when rows or actors are rebuilt (not on annotation edits).
    pub fn layout_generation(&self) -> u64 {
        self.layout_generation
    }

    /// Which version of the researcher's work this is: changes with every edit, undo and
    /// redo, and comes back to an earlier value when undo returns to that state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Claim rows of a document, by start.
    pub fn rows_of_document(&self, document: usize) -> &[usize] {
        self.rows_of_document
            .get(document)
            .map_or(&[], Vec::as_slice)
    }

    /// Mentions of a document: (start, end, curated actor), by start.
    pub fn mentions_of_document(&self, document: usize) -> &[(usize, usize, usize)] {
        self.mentions_of_document
            .get(document)
            .map_or(&[], Vec::as_slice)
    }

    /// The name recorded in the history of verdict and status changes.
    pub fn set_author(&mut self, author: &str) {
        self.author = author.trim().to_string();
    }

    /// The row of a claim.
    pub fn row_of(&self, claim: &ClaimId) -> Option<usize> {
        self.row_of_claim.get(claim).copied()
    }

    /// The row of a claim id written as text.
    pub fn row_of_str(&self, claim: &str) -> Option<usize> {
        self.row_of_claim.get(claim).copied()
    }

    /// A claim's row data.
    pub fn row(&self, claim: &ClaimId) -> Option<&ClaimRow> {
        self.row_of(claim).map(|r| &self.rows[r])
    }

    /// The position of a curated actor in [`Workspace::actors`].
    pub fn actor_index(&self, actor: &ActorId) -> Option<usize> {
        self.actor_index.get(actor).copied()
    }

    /// A curated actor.
    pub fn actor(&self, actor: &ActorId) -> Option<&ActorView> {
        self.actor_index(actor).map(|a| &self.actors[a])
    }

    /// The annotation of a row, if any.
    pub fn annotation(&self, row: usize) -> Option<&Annotation> {
        self.rows
            .get(row)?
            .annotation
            .and_then(|a| self.project.annotations.get(a))
            .map(Arc::as_ref)
    }

    /// The family of a row's claim.
    pub fn family(&self, row: usize) -> Option<&Family> {
        let id = self.rows.get(row)?.claim.family.as_ref()?;
        self.family_of_id
            .get(id)
            .map(|&f| &self.extraction.families[f])
    }

    /// The curated actor an extraction actor id now belongs to.
    pub fn curated_actor(&self, original_id: &str) -> Option<usize> {
        self.actor_of_original.get(original_id).copied()
    }

    /// The display name of a curated actor.
    pub fn actor_name(&self, actor: Option<usize>) -> &str {
        actor
            .and_then(|a| self.actors.get(a))
            .map_or("", |a| a.name.as_str())
    }

    /// What the grid shows for a document: its title, else its outlet and date, else its
    /// id.
    pub fn document_label(&self, document: usize) -> std::borrow::Cow<'_, str> {
        let Some(doc) = self.corpus.documents.get(document) else {
            return std::borrow::Cow::Borrowed("");
        };
        let meta = &doc.meta;
        if let Some(title) = meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return std::borrow::Cow::Borrowed(title);
        }
        let parts: Vec<&str> = [meta.outlet.as_deref(), meta.published.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if parts.is_empty() {
            std::borrow::Cow::Borrowed(doc.id.as_str())
        } else {
            std::borrow::Cow::Owned(parts.join(", "))
        }
    }

    /// The document text of a row.
    pub fn text_of(&self, row: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| self.corpus.documents.get(r.document))
            .map_or("", |d| d.text.as_str())
    }

    /// A short title for the window: the project file name, or the corpus folder's.
    pub fn title(&self) -> String {
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        self.project_path
            .as_deref()
            .and_then(name)
            .or_else(|| name(&self.corpus_path))
            .unwrap_or_else(|| "Untitled".to_string())
    }

    /// Rebuilds every view from the corpus, extraction and project.
    fn rebuild(&mut self) {
        self.rebuild_rows();
        self.rebuild_actors();
        self.actor_index = self
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        self.generation += 1;
        self.layout_generation += 1;
    }
}

/// Document index by id.
fn document_index(corpus: &Corpus) -> HashMap<&str, usize> {
    corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}
