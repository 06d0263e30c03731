//! Changes to the project, applied in one place, with undo and redo.
//!
//! Undo keeps snapshots of the project (the researcher's decisions only, never the
//! extraction), so every edit, however complex, undoes exactly. Annotations are shared
//! between snapshots, so a step costs a pointer per annotation. Typing into a text field
//! is one undo step per field, not one per keystroke.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::curation::split_id;
use super::{ActorId, ClaimId, Workspace};
use crate::project::{
    Anchor, Annotation, AuditChange, AuditEntry, Project, Reference, SpeakerChoice, Split, Status,
    Verdict,
};

/// A change the researcher makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set or clear a claim's verdict.
    SetVerdict {
        /// The claim.
        claim: ClaimId,
        /// The verdict.
        verdict: Option<Verdict>,
    },
    /// Set a claim's workflow status.
    SetStatus {
        /// The claim.
        claim: ClaimId,
        /// The status.
        status: Status,
    },
    /// Set who says a claim (`None`: the extraction's speaker again).
    SetSpeaker {
        /// The claim.
        claim: ClaimId,
        /// The researcher's choice.
        speaker: Option<SpeakerChoice>,
    },
    /// Replace a claim's conclusion.
    SetConclusion {
        /// The claim.
        claim: ClaimId,
        /// The text.
        text: String,
    },
    /// Replace a claim's notes.
    SetNotes {
        /// The claim.
        claim: ClaimId,
        /// The text.
        text: String,
    },
    /// Add an outside reference (validate it first).
    AddReference {
        /// The claim.
        claim: ClaimId,
        /// The reference.
        reference: Reference,
    },
    /// Replace a reference.
    UpdateReference {
        /// The claim.
        claim: ClaimId,
        /// Which reference.
        index: usize,
        /// Its new content.
        reference: Reference,
    },
    /// Remove a reference.
    RemoveReference {
        /// The claim.
        claim: ClaimId,
        /// Which reference.
        index: usize,
    },
    /// Give an actor another display name.
    RenameActor {
        /// The actor.
        actor: ActorId,
        /// New name.
        name: String,
    },
    /// Merge actors into one.
    MergeActors {
        /// The actors to merge.
        from: Vec<ActorId>,
        /// The one they become.
        into: ActorId,
    },
    /// Move an alias out of an actor into an actor of its own.
    SplitAlias {
        /// The actor.
        actor: ActorId,
        /// The alias.
        alias: String,
    },
    /// Set an actor's kind (person, organization, ...) over the extraction's.
    SetActorKind {
        /// The actor.
        actor: ActorId,
        /// Its kind.
        kind: crate::extract::ActorKind,
    },
    /// Hide or show an actor.
    SetHidden {
        /// The actor.
        actor: ActorId,
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
        /// The claim.
        claim: ClaimId,
    },
    /// Attach work from the review list to a claim.
    AttachToClaim {
        /// Index of the annotation in the project.
        annotation: usize,
        /// The claim (it must not have work of its own yet).
        claim: ClaimId,
    },
    /// Attach work from the review list to a span of text (a claim is added there).
    AttachToText {
        /// Index of the annotation in the project.
        annotation: usize,
        /// Document index.
        document: usize,
        /// Byte span start.
        start: usize,
        /// Byte span end.
        end: usize,
    },
    /// Delete work from the review list for good.
    DeleteAnnotation {
        /// Index of the annotation in the project.
        annotation: usize,
    },
}

impl Edit {
    /// What the edit does, for the Undo menu item.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::SetVerdict { .. } => "set verdict",
            Self::SetStatus { .. } => "set status",
            Self::SetSpeaker { .. } => "set speaker",
            Self::SetConclusion { .. } => "edit conclusion",
            Self::SetNotes { .. } => "edit notes",
            Self::AddReference { .. } => "add reference",
            Self::UpdateReference { .. } => "edit reference",
            Self::RemoveReference { .. } => "remove reference",
            Self::RenameActor { .. } => "rename actor",
            Self::MergeActors { .. } => "merge actors",
            Self::SplitAlias { .. } => "split alias",
            Self::SetActorKind { .. } => "set actor kind",
            Self::SetHidden { .. } => "hide actor",
            Self::AddManualClaim { .. } => "add claim",
            Self::RejectClaim { .. } => "reject claim",
            Self::AttachToClaim { .. } | Self::AttachToText { .. } => "re-attach work",
            Self::DeleteAnnotation { .. } => "delete work",
        }
    }

    /// Text edits of the same field on the same claim coalesce into one undo step.
    fn coalesces_with(&self, other: &Edit) -> bool {
        match (self, other) {
            (Self::SetConclusion { claim: a, .. }, Self::SetConclusion { claim: b, .. })
            | (Self::SetNotes { claim: a, .. }, Self::SetNotes { claim: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// One step of history: the project before an edit, what the edit was, and the revision.
#[derive(Clone)]
struct Step {
    project: Project,
    what: &'static str,
    revision: u64,
}

/// Undo and redo stacks of project snapshots.
#[derive(Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    last: Option<(Edit, Instant)>,
}

impl History {
    /// Records `project` as the state before a change that is not an [`Edit`] (a
    /// recovery), so undo can return to it.
    pub(super) fn push_snapshot(&mut self, project: &Project, what: &'static str, revision: u64) {
        self.undo.push(Step {
            project: project.clone(),
            what,
            revision,
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.last = None;
    }
}

/// How many steps undo remembers.
pub const UNDO_LIMIT: usize = 200;
/// Typing pauses shorter than this stay in one undo step.
const TYPING_PAUSE: Duration = Duration::from_secs(2);

/// Why an edit was not applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The claim, reference or actor does not exist (any more).
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
            self.undo
                .push_snapshot(&self.project, edit.describe(), self.revision);
            self.next_revision += 1;
            self.revision = self.next_revision;
        }
        self.undo.redo.clear();
        let rebuild = self.change_project(&edit);
        self.undo.last = Some((edit, Instant::now()));
        if rebuild {
            self.rebuild();
        } else {
            self.generation += 1;
        }
        Ok(())
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.undo.last().map(|s| s.what)
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.undo.redo.last().map(|s| s.what)
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
        let Some(step) = from.pop() else {
            return false;
        };
        to.push(Step {
            project: std::mem::replace(&mut self.project, step.project),
            what: step.what,
            revision: self.revision,
        });
        self.revision = step.revision;
        self.undo.last = None;
        self.rebuild();
        true
    }

    fn check(&self, edit: &Edit) -> Result<(), EditError> {
        let row_of = |claim: &ClaimId| self.row_of(claim).ok_or(EditError::Gone("claim"));
        let actor_exists = |id: &ActorId| {
            self.actor_index(id)
                .map(|_| ())
                .ok_or(EditError::Gone("actor"))
        };
        let orphan = |a: usize| {
            if self.orphans.contains(&a) {
                Ok(())
            } else {
                Err(EditError::Gone("unattached work"))
            }
        };
        let span = |document: usize, start: usize, end: usize| {
            let text = self
                .corpus
                .documents
                .get(document)
                .map(|d| d.text.as_str())
                .ok_or(EditError::Gone("document"))?;
            if start >= end
                || end > text.len()
                || text.get(start..end).is_none_or(|t| t.trim().is_empty())
            {
                return Err(EditError::Empty("select some text of the document first"));
            }
            Ok(())
        };
        match edit {
            Edit::SetVerdict { claim, .. }
            | Edit::SetStatus { claim, .. }
            | Edit::SetConclusion { claim, .. }
            | Edit::SetNotes { claim, .. }
            | Edit::RejectClaim { claim } => row_of(claim).map(|_| ()),
            Edit::SetSpeaker { claim, speaker } => {
                row_of(claim)?;
                match speaker {
                    Some(SpeakerChoice::Actor { name, .. }) if name.trim().is_empty() => {
                        Err(EditError::Empty("a speaker's name cannot be empty"))
                    }
                    _ => Ok(()),
                }
            }
            Edit::AddReference { claim, reference }
            | Edit::UpdateReference {
                claim, reference, ..
            } => {
                let row = row_of(claim)?;
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
                        .annotation(row)
                        .is_none_or(|a| *index >= a.references.len())
                {
                    return Err(EditError::Gone("reference"));
                }
                Ok(())
            }
            Edit::RemoveReference { claim, index } => {
                let row = row_of(claim)?;
                match self.annotation(row) {
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
                from.iter().try_for_each(actor_exists)
            }
            Edit::SplitAlias { actor, alias } => match self.actor(actor) {
                Some(a) if a.aliases.contains(alias) => Ok(()),
                Some(_) => Err(EditError::Gone("alias")),
                None => Err(EditError::Gone("actor")),
            },
            Edit::SetHidden { actor, .. } | Edit::SetActorKind { actor, .. } => actor_exists(actor),
            Edit::AddManualClaim {
                document,
                start,
                end,
            } => span(*document, *start, *end),
            Edit::AttachToClaim { annotation, claim } => {
                orphan(*annotation)?;
                let row = row_of(claim)?;
                if self.rows[row].annotation.is_some() {
                    return Err(EditError::Invalid(
                        "that claim already has work recorded; choose a claim without any"
                            .to_string(),
                    ));
                }
                Ok(())
            }
            Edit::AttachToText {
                annotation,
                document,
                start,
                end,
            } => {
                orphan(*annotation)?;
                span(*document, *start, *end)
            }
            Edit::DeleteAnnotation { annotation } => orphan(*annotation),
        }
    }

    /// The annotation of a row, created (with the claim's anchor) if it has none.
    fn annotation_mut(&mut self, row: usize) -> &mut Annotation {
        let index = match self.rows[row].annotation {
            Some(a) => a,
            None => {
                let anchor = self.anchor_of_row(row);
                self.project.annotations.push(Arc::new(Annotation {
                    anchor,
                    ..Annotation::default()
                }));
                let a = self.project.annotations.len() - 1;
                self.rows[row].annotation = Some(a);
                self.placements.push(super::Placement {
                    row: Some(row),
                    how: Some(crate::project::Attachment::Exact),
                });
                a
            }
        };
        Arc::make_mut(&mut self.project.annotations[index])
    }

    fn anchor_of_row(&self, row: usize) -> Anchor {
        let r = &self.rows[row];
        let doc = &self.corpus.documents[r.document];
        Anchor::new(&doc.id, &doc.text, r.claim.start, r.claim.end)
    }

    fn audit(&self, change: AuditChange) -> AuditEntry {
        AuditEntry {
            at: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            by: self.author.clone(),
            change,
        }
    }

    /// Changes the project. Returns whether the views must be rebuilt from scratch.
    fn change_project(&mut self, edit: &Edit) -> bool {
        let row = |ws: &Self, claim: &ClaimId| ws.row_of(claim).unwrap_or(usize::MAX);
        match edit.clone() {
            Edit::SetVerdict { claim, verdict } => {
                let entry = self.audit(AuditChange::Verdict(verdict));
                let a = self.annotation_mut(row(self, &claim));
                a.verdict = verdict;
                a.history.push(entry);
            }
            Edit::SetStatus { claim, status } => {
                let entry = self.audit(AuditChange::Status(status));
                let a = self.annotation_mut(row(self, &claim));
                a.status = status;
                a.history.push(entry);
            }
            Edit::SetSpeaker { claim, speaker } => {
                let speaker = speaker.map(|s| match s {
                    SpeakerChoice::Actor { id, name } => SpeakerChoice::Actor {
                        id,
                        name: name.trim().to_string(),
                    },
                    nobody => nobody,
                });
                self.annotation_mut(row(self, &claim)).speaker = speaker;
                return true;
            }
            Edit::SetConclusion { claim, text } => {
                self.annotation_mut(row(self, &claim)).conclusion = text;
            }
            Edit::SetNotes { claim, text } => self.annotation_mut(row(self, &claim)).notes = text,
            Edit::AddReference { claim, reference } => {
                self.annotation_mut(row(self, &claim))
                    .references
                    .push(reference);
            }
            Edit::UpdateReference {
                claim,
                index,
                reference,
            } => self.annotation_mut(row(self, &claim)).references[index] = reference,
            Edit::RemoveReference { claim, index } => {
                self.annotation_mut(row(self, &claim))
                    .references
                    .remove(index);
            }
            Edit::RenameActor { actor, name } => {
                self.project
                    .actors
                    .renames
                    .insert(actor.as_str().to_string(), name.trim().to_string());
                return true;
            }
            Edit::MergeActors { from, into } => {
                for f in from.into_iter().filter(|f| *f != into) {
                    // Merging a split-off actor back just undoes the split.
                    if let Some(pos) = self
                        .project
                        .actors
                        .splits
                        .iter()
                        .position(|s| split_id(&s.actor, &s.alias) == f)
                    {
                        self.project.actors.splits.remove(pos);
                        continue;
                    }
                    self.project
                        .actors
                        .merges
                        .insert(f.as_str().to_string(), into.as_str().to_string());
                }
                return true;
            }
            Edit::SplitAlias { actor, alias } => {
                self.project.actors.splits.push(Split {
                    actor: actor.as_str().to_string(),
                    alias,
                });
                return true;
            }
            Edit::SetActorKind { actor, kind } => {
                self.project
                    .actors
                    .kinds
                    .insert(actor.as_str().to_string(), kind);
                return true;
            }
            Edit::SetHidden { actor, hidden } => {
                let id = actor.as_str().to_string();
                if hidden {
                    self.project.actors.hidden.insert(id);
                } else {
                    self.project.actors.hidden.remove(&id);
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
            Edit::RejectClaim { claim } => {
                let r = row(self, &claim);
                let anchor = self.anchor_of_row(r);
                let span = (
                    self.rows[r].document,
                    self.rows[r].claim.start,
                    self.rows[r].claim.end,
                );
                let added_by_hand = self.manual_spans.contains(&Some(span));
                if self.rows[r].manual && added_by_hand {
                    let keep: Vec<bool> =
                        self.manual_spans.iter().map(|s| *s != Some(span)).collect();
                    let mut keep = keep.into_iter();
                    self.project
                        .manual_claims
                        .retain(|_| keep.next().unwrap_or(true));
                } else {
                    // An extracted claim, or one restored to keep work on it.
                    self.project.rejected_claims.push(anchor);
                }
                // Work recorded on the claim stays in the project, listed for review.
                return true;
            }
            Edit::AttachToClaim { annotation, claim } => {
                let anchor = self.anchor_of_row(row(self, &claim));
                Arc::make_mut(&mut self.project.annotations[annotation]).anchor = anchor;
                return true;
            }
            Edit::AttachToText {
                annotation,
                document,
                start,
                end,
            } => {
                let doc = &self.corpus.documents[document];
                let anchor = Anchor::new(&doc.id, &doc.text, start, end);
                Arc::make_mut(&mut self.project.annotations[annotation]).anchor = anchor;
                return true;
            }
            Edit::DeleteAnnotation { annotation } => {
                self.project.annotations.remove(annotation);
                return true;
            }
        }
        false
    }
}
