//! The whole project as JSON, the extraction joined in: every document, actor (as
//! curated), family and claim, each claim with the work recorded on it, and the work that
//! could not be attached.

use serde::Serialize;

use super::record::Record;
use crate::extract::{ActorKind, DocumentInfo, Family, Figure};
use crate::project::{Annotation, Verdict};
use crate::workspace::Workspace;

/// The JSON export's top level.
#[derive(Serialize)]
pub struct ProjectExport<'a> {
    /// Always `claimbench-export`.
    pub format: &'static str,
    /// Version of this layout.
    pub version: u32,
    /// The corpus folder or file.
    pub corpus: String,
    /// The project file, if the work is saved in one.
    pub project: Option<String>,
    /// Documents, in corpus order.
    pub documents: &'a [DocumentInfo],
    /// Actors as the researcher curated them.
    pub actors: Vec<ActorExport<'a>>,
    /// Families of claims that state the same thing.
    pub families: &'a [Family],
    /// Every claim, with its work.
    pub claims: super::Counted<'a, ClaimExport<'a>>,
    /// Work whose claim could not be found in the corpus any more.
    pub unattached: Vec<&'a Annotation>,
}

/// An actor in the export.
#[derive(Serialize)]
pub struct ActorExport<'a> {
    /// Id (as project decisions name it).
    pub id: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Kind.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: &'a [String],
    /// Claims it says or is named in.
    pub claims: usize,
    /// Hidden by the researcher.
    pub hidden: bool,
}

/// A claim in the export.
#[derive(Serialize)]
pub struct ClaimExport<'a> {
    /// Claim id.
    pub id: &'a str,
    /// Document id.
    pub document: &'a str,
    /// Byte span in the document's text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// The claim.
    pub text: &'a str,
    /// Whether it was added by hand.
    pub manual: bool,
    /// Speaker's actor id (after the researcher's corrections).
    pub speaker: Option<&'a str>,
    /// Speaker's name.
    pub speaker_name: &'a str,
    /// Check-worthiness score.
    pub score: f32,
    /// Figures.
    pub numbers: &'a [Figure],
    /// Family id.
    pub family: Option<&'a str>,
    /// Verdict.
    pub verdict: Option<Verdict>,
    /// Its ClaimReview rating (6 true … 1 false).
    pub rating: Option<u8>,
    /// The work recorded on it.
    pub work: Option<&'a Annotation>,
}

/// Writes the project as pretty JSON.
pub fn write(
    workspace: &Workspace,
    out: &mut dyn std::io::Write,
    progress: &super::Progress,
) -> std::io::Result<()> {
    let extraction = workspace.extraction();
    let claims: Vec<ClaimExport<'_>> = Record::all(workspace)
        .into_iter()
        .map(|r| ClaimExport {
            id: &r.claim.id,
            document: r.document_id(),
            start: r.claim.start,
            end: r.claim.end,
            text: &r.claim.text,
            manual: workspace.rows()[r.row].manual,
            speaker: r.speaker_index().map(|i| workspace.actors()[i].id.as_str()),
            speaker_name: r.speaker(),
            score: r.claim.score,
            numbers: &r.claim.numbers,
            family: r.claim.family.as_deref(),
            verdict: r.verdict(),
            rating: r.verdict().and_then(Verdict::rating),
            work: r.annotation,
        })
        .collect();
    progress.begin(claims.len());
    let export = ProjectExport {
        format: "claimbench-export",
        version: 1,
        corpus: workspace.corpus_path().display().to_string(),
        project: workspace.project_path().map(|p| p.display().to_string()),
        documents: &extraction.documents,
        actors: workspace
            .actors()
            .iter()
            .filter(|a| !a.mentions.is_empty() || a.claim_count > 0)
            .map(|a| ActorExport {
                id: a.id.as_str(),
                name: &a.name,
                kind: a.kind,
                aliases: &a.aliases,
                claims: a.claim_count,
                hidden: a.hidden,
            })
            .collect(),
        families: &extraction.families,
        claims: super::Counted {
            items: claims,
            progress,
        },
        unattached: workspace
            .orphans()
            .iter()
            .filter_map(|&i| workspace.project().annotations.get(i).map(AsRef::as_ref))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &export).map_err(std::io::Error::other)?;
    writeln!(out)
}
