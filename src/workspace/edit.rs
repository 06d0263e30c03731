//! Changes to the project, applied in one place, with undo and redo.
//!
//! Undo keeps snapshots of the project (the researcher's decisions only, never the
//! extraction), so every edit, however complex, undoes exactly. Typing into a text field
//! is one undo step per field, not one per keystroke.

use std::time::{Duration, Instant};

use super::Workspace;
use crate::project::{Anchor, Annotation, Project, Reference, Split, Status, Verdict};

/// A change the researcher makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set or clear a claim's verdict.
    SetVerdict {
        /// Claim row.
        row: usize,
        /// The verdict.
        verdict: Option<Verdict>,
    },
    /// Set a claim's workflow status.
    SetStatus {
        /// Claim row.
        row: usize,
        /// The status.
        status: Status,
    },
    /// Replace a claim's conclusion.
    SetConclusion {
        /// Claim row.
        row: usize,
        /// The text.
        text: String,
    },
    /// Replace a claim's notes.
    SetNotes {
        /// Claim row.
        row: usize,
        /// The text.
        text: String,
    },
    /// Add an outside reference (validate it first).
    AddReference {
        /// Claim row.
        row: usize,
        /// The reference.
        reference: Reference,
    },
    /// Replace a reference.
    UpdateReference {
        /// Claim row.
        row: usize,
        /// Which reference.
        index: usize,
        /// Its new content.
        reference: Reference,
    },
    /// Remove a reference.
    RemoveReference {
        /// Claim row.
        row: usize,
        /// Which reference.
        index: usize,
    },
    /// Give an actor another display name.
    RenameActor {
        /// Curated actor id.
        actor: String,
        /// New name.
        name: String,
    },
    /// Merge actors into one.
    MergeActors {
        /// Curated actor ids to merge.
        from: Vec<String>,
        /// The one they become.
        into: String,
    },
    /// Move an alias out of an actor into an actor of its own.
    SplitAlias {
        /// Curated actor id.
        actor: String,
        /// The alias.
        alias: String,
    },
    /// Hide or show an actor.
    SetHidden {
        /// Curated actor id.
        actor: String,
        /// Hidden or not.
        hidden: bool,
    },
    /// Add a claim for a span of a document.
    AddManualClaim {
        /// Document index.
        document: usize,
        /// Byte span start.
        start: usize,
        /// Byte span end.
        end: usize,
    },
    /// Reject an extracted claim (or remove a manual one).
    RejectClaim {
        /// Claim row.
        row: usize,
    },
}

impl Edit {
    /// What the edit does, for the Undo menu item.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::SetVerdict { .. } => "set verdict",
            Self::SetStatus { .. } => "set status",
            Self::SetConclusion { .. } => "edit conclusion",
            Self::SetNotes { .. } => "edit notes",
            Self::AddReference { .. } => "add reference",
            Self::UpdateReference { .. } => "edit reference",
            Self::RemoveReference { .. } => "remove reference",
            Self::RenameActor { .. } => "rename actor",
            Self::MergeActors { .. } => "merge actors",
            Self::SplitAlias { .. } => "split alias",
            Self::SetHidden { .. } => "hide actor",
            Self::AddManualClaim { .. } => "add claim",
            Self::RejectClaim { .. } => "reject claim",
        }
    }

    /// Text edits of the same field on the same claim coalesce into one undo step.
    fn coalesces_with(&self, other: &Edit) -> bool {
        match (self, other) {
            (Self::SetConclusion { row: a, .. }, Self::SetConclusion { row: b, .. })
            | (Self::SetNotes { row: a, .. }, Self::SetNotes { row: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// Undo and redo stacks of project snapshots.
#[derive(Default)]
pub struct History {
    undo: Vec<(Project, &'static str)>,
    redo: Vec<(Project, &'static str)>,
    last: Option<(Edit, Instant)>,
}

/// How many steps undo remembers.
const UNDO_LIMIT: usize = 200;
/// Typing pauses shorter than this stay in one undo step.
const TYPING_PAUSE: Duration = Duration::from_secs(2);

/// Why an edit was not applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The row, reference or actor does not exist (any more).
    #[error("that {0} no longer exists")]
    Gone(&'static str),
    /// A reference failed validation.
    #[error("{0}")]
    Invalid(String),
    /// An empty name, span or the like.
    #[error("{0}")]
    Empty(&'static str),
}

impl Workspace {
    /// Applies an edit: records undo, changes the project, refreshes the views.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.check(&edit)?;
        let coalesce =
            self.undo.last.as_ref().is_some_and(|(last, at)| {
                last.coalesces_with(&edit) && at.elapsed() < TYPING_PAUSE
            });
        if !coalesce {
            self.undo.undo.push((self.project.clone(), edit.describe()));
            if self.undo.undo.len() > UNDO_LIMIT {
                self.undo.undo.remove(0);
            }
        }
        self.undo.redo.clear();
        let rebuild = self.change_project(&edit);
        self.undo.last = Some((edit, Instant::now()));
        if rebuild {
            self.rebuild();
        } else {
            self.generation += 1;
        }
        self.dirty = true;
        Ok(())
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.undo.last().map(|(_, what)| *what)
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.undo.redo.last().map(|(_, what)| *what)
    }

    /// Undoes the last edit. Returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.step_history(false)
    }

    /// Redoes the last undone edit. Returns whether there was one.
    pub fn redo(&mut self) -> bool {
        self.step_history(true)
    }

    /// Moves one snapshot from one stack to the other, swapping it with the project.
    fn step_history(&mut self, forward: bool) -> bool {
        let (from, to) = if forward {
            (&mut self.undo.redo, &mut self.undo.undo)
        } else {
            (&mut self.undo.undo, &mut self.undo.redo)
        };
        let Some((project, what)) = from.pop() else {
            return false;
        };
        to.push((std::mem::replace(&mut self.project, project), what));
        self.undo.last = None;
        self.dirty = true;
        self.rebuild();
        true
    }

    fn check(&self, edit: &Edit) -> Result<(), EditError> {
        let row_exists = |row: usize| {
            if row < self.rows.len() {
                Ok(())
            } else {
                Err(EditError::Gone("claim"))
            }
        };
        let actor_exists = |id: &str| {
            if self.actors.iter().any(|a| a.id == id) {
                Ok(())
            } else {
                Err(EditError::Gone("actor"))
            }
        };
        match edit {
            Edit::SetVerdict { row, .. }
            | Edit::SetStatus { row, .. }
            | Edit::SetConclusion { row, .. }
            | Edit::SetNotes { row, .. }
            | Edit::RejectClaim { row } => row_exists(*row),
            Edit::AddReference { row, reference }
            | Edit::UpdateReference { row, reference, .. } => {
                row_exists(*row)?;
                reference.validate().map_err(|problems| {
                    EditError::Invalid(
                        problems
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                })?;
                if let Edit::UpdateReference { index, .. } = edit
                    && self
                        .annotation(*row)
                        .is_none_or(|a| *index >= a.references.len())
                {
                    return Err(EditError::Gone("reference"));
                }
                Ok(())
            }
            Edit::RemoveReference { row, index } => {
                row_exists(*row)?;
                match self.annotation(*row) {
                    Some(a) if *index < a.references.len() => Ok(()),
                    _ => Err(EditError::Gone("reference")),
                }
            }
            Edit::RenameActor { actor, name } => {
                actor_exists(actor)?;
                if name.trim().is_empty() {
                    Err(EditError::Empty("a name cannot be empty"))
                } else {
                    Ok(())
                }
            }
            Edit::MergeActors { from, into } => {
                actor_exists(into)?;
                from.iter().try_for_each(|f| actor_exists(f))
            }
            Edit::SplitAlias { actor, alias } => {
                actor_exists(actor)?;
                match self.actors.iter().find(|a| a.id == *actor) {
                    Some(a) if a.aliases.contains(alias) => Ok(()),
                    _ => Err(EditError::Gone("alias")),
                }
            }
            Edit::SetHidden { actor, .. } => actor_exists(actor),
            Edit::AddManualClaim {
                document,
                start,
                end,
            } => {
                let text = self
                    .corpus
                    .documents
                    .get(*document)
                    .map(|d| d.text.as_str())
                    .ok_or(EditError::Gone("document"))?;
                if start >= end
                    || *end > text.len()
                    || text.get(*start..*end).is_none_or(|t| t.trim().is_empty())
                {
                    return Err(EditError::Empty("select some text of the document first"));
                }
                Ok(())
            }
        }
    }

    /// The annotation of a row, created (with the claim's anchor) if it has none.
    fn annotation_mut(&mut self, row: usize) -> &mut Annotation {
        let index = match self.rows[row].annotation {
            Some(a) => a,
            None => {
                let r = &self.rows[row];
                let text = &self.corpus.documents[r.document].text;
                let anchor = Anchor::new(
                    &self.corpus.documents[r.document].id,
                    text,
                    r.claim.start,
                    r.claim.end,
                );
                self.project.annotations.push(Annotation {
                    anchor: Some(anchor),
                    ..Annotation::default()
                });
                let a = self.project.annotations.len() - 1;
                self.rows[row].annotation = Some(a);
                a
            }
        };
        &mut self.project.annotations[index]
    }

    /// Changes the project. Returns whether the views must be rebuilt from scratch.
    fn change_project(&mut self, edit: &Edit) -> bool {
        match edit.clone() {
            Edit::SetVerdict { row, verdict } => self.annotation_mut(row).verdict = verdict,
            Edit::SetStatus { row, status } => self.annotation_mut(row).status = status,
            Edit::SetConclusion { row, text } => self.annotation_mut(row).conclusion = text,
            Edit::SetNotes { row, text } => self.annotation_mut(row).notes = text,
            Edit::AddReference { row, reference } => {
                self.annotation_mut(row).references.push(reference);
            }
            Edit::UpdateReference {
                row,
                index,
                reference,
            } => self.annotation_mut(row).references[index] = reference,
            Edit::RemoveReference { row, index } => {
                self.annotation_mut(row).references.remove(index);
            }
            Edit::RenameActor { actor, name } => {
                self.project
                    .actors
                    .renames
                    .insert(actor, name.trim().to_string());
                return true;
            }
            Edit::MergeActors { from, into } => {
                for f in from.into_iter().filter(|f| *f != into) {
                    // Merging a split-off actor back just undoes the split.
                    if let Some(pos) = self.project.actors.splits.iter().position(|s| {
                        format!(
                            "split:{}:{}",
                            s.actor,
                            crate::extract::names::slug(&s.alias)
                        ) == f
                    }) {
                        self.project.actors.splits.remove(pos);
                        continue;
                    }
                    self.project.actors.merges.insert(f, into.clone());
                }
                return true;
            }
            Edit::SplitAlias { actor, alias } => {
                self.project.actors.splits.push(Split { actor, alias });
                return true;
            }
            Edit::SetHidden { actor, hidden } => {
                if hidden {
                    self.project.actors.hidden.insert(actor);
                } else {
                    self.project.actors.hidden.remove(&actor);
                }
                return true;
            }
            Edit::AddManualClaim {
                document,
                start,
                end,
            } => {
                let doc = &self.corpus.documents[document];
                self.project
                    .manual_claims
                    .push(Anchor::new(&doc.id, &doc.text, start, end));
                return true;
            }
            Edit::RejectClaim { row } => {
                let r = &self.rows[row];
                let doc = &self.corpus.documents[r.document];
                let anchor = Anchor::new(&doc.id, &doc.text, r.claim.start, r.claim.end);
                if r.manual {
                    self.project.manual_claims.retain(|m| {
                        m.reattach(&doc.text).map(|(a, b, _)| (a, b))
                            != Some((r.claim.start, r.claim.end))
                    });
                } else {
                    self.project.rejected_claims.push(anchor);
                }
                // Work recorded on the claim stays in the project, listed for review.
                return true;
            }
        }
        false
    }
}
