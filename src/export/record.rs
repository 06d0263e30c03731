//! One claim with everything known about it: the document it is in, who says it, its
//! figures and family, and the researcher's work. Every export is written from these.

use crate::extract::{Claim, Family};
use crate::project::{Annotation, Verdict};
use crate::workspace::Workspace;

/// A claim joined with its document, speaker, family and the work recorded on it.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    /// The workspace it comes from.
    pub workspace: &'a Workspace,
    /// The grid row.
    pub row: usize,
    /// The claim as extracted (or added by hand).
    pub claim: &'a Claim,
    /// The document's index in the corpus.
    pub document: usize,
    /// Its family, if it has one.
    pub family: Option<&'a Family>,
    /// The work recorded on it, if any.
    pub annotation: Option<&'a Annotation>,
}

impl<'a> Record<'a> {
    /// The record of grid row `row`.
    pub fn of(workspace: &'a Workspace, row: usize) -> Option<Self> {
        let r = workspace.rows().get(row)?;
        Some(Self {
            workspace,
            row,
            claim: &r.claim,
            document: r.document,
            family: workspace.family(row),
            annotation: workspace.annotation(row),
        })
    }

    /// Every claim of the workspace, in corpus order.
    pub fn all(workspace: &'a Workspace) -> Vec<Self> {
        (0..workspace.rows().len())
            .filter_map(|r| Self::of(workspace, r))
            .collect()
    }

    /// The document's metadata.
    pub fn meta(&self) -> &'a crate::corpus::DocumentMeta {
        &self.workspace.corpus().documents[self.document].meta
    }

    /// The document's id.
    pub fn document_id(&self) -> &'a str {
        &self.workspace.corpus().documents[self.document].id
    }

    /// The document's text.
    pub fn document_text(&self) -> &'a str {
        &self.workspace.corpus().documents[self.document].text
    }

    /// The speaker's curated actor index.
    pub fn speaker_index(&self) -> Option<usize> {
        self.workspace.rows()[self.row].speaker
    }

    /// The speaker's name ("" when the text names nobody).
    pub fn speaker(&self) -> &'a str {
        self.workspace.actor_name(self.speaker_index())
    }

    /// The medium the speaker was quoted through.
    pub fn via(&self) -> &'a str {
        let via = self
            .claim
            .via
            .as_ref()
            .and_then(|v| self.workspace.curated_actor(v));
        self.workspace.actor_name(via)
    }

    /// The verdict, if there is one.
    pub fn verdict(&self) -> Option<Verdict> {
        self.annotation.and_then(|a| a.verdict)
    }

    /// The claim's quantities as written, joined by "; ".
    pub fn figures(&self) -> String {
        self.claim
            .numbers
            .iter()
            .filter(|f| f.kind.is_quantity())
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// When the verdict was last set (RFC 3339), from the work's history.
    pub fn verdict_date(&self) -> Option<&'a str> {
        self.annotation?
            .history
            .iter()
            .rev()
            .find(|e| matches!(e.change, crate::project::AuditChange::Verdict(Some(_))))
            .map(|e| e.at.as_str())
    }
}
