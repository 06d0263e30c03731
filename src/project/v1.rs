//! Format version 1, frozen as Claimbench 0.1 wrote it, and its migration to the current
//! format. Version 1 filled in missing fields with defaults (files were hand-edited under
//! that rule, so it stays), but a field it does not know is an error here too: the old
//! reader's silence about them is how one changed byte could empty a project.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Deserialize;

use super::{Status, Verdict};

/// A version 1 project file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    corpus: CorpusRef,
    #[serde(default = "default_min_score")]
    min_score: f32,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    manual_claims: Vec<Anchor>,
    #[serde(default)]
    rejected_claims: Vec<Anchor>,
    #[serde(default)]
    actors: ActorCuration,
}

fn default_min_score() -> f32 {
    crate::extract::DEFAULT_MIN_SCORE
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CorpusRef {
    path: String,
    documents: BTreeMap<String, String>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Annotation {
    anchor: Option<Anchor>,
    verdict: Option<Verdict>,
    status: Status,
    conclusion: String,
    notes: String,
    references: Vec<Reference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Anchor {
    document: String,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    start: usize,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Reference {
    url: String,
    title: String,
    publisher: String,
    date_published: String,
    date_accessed: String,
    archived_url: String,
    excerpt: String,
    stance: super::Stance,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Split {
    actor: String,
    alias: String,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ActorCuration {
    renames: BTreeMap<String, String>,
    merges: BTreeMap<String, String>,
    splits: Vec<Split>,
    hidden: BTreeSet<String>,
}

impl Anchor {
    fn migrate(self) -> super::Anchor {
        super::Anchor {
            document: self.document,
            quote: self.quote,
            prefix: self.prefix,
            suffix: self.suffix,
            start: self.start,
        }
    }
}

impl Project {
    /// The same project in the current format. An annotation without an anchor (which
    /// version 1 allowed) keeps an empty one: it stays in the project, listed for review.
    pub fn migrate(self) -> super::Project {
        super::Project {
            format: super::FORMAT_NAME.to_string(),
            version: super::FORMAT_VERSION,
            corpus: super::CorpusRef {
                path: self.corpus.path,
                documents: self.corpus.documents,
            },
            min_score: self.min_score,
            annotations: self
                .annotations
                .into_iter()
                .map(|a| {
                    Arc::new(super::Annotation {
                        anchor: a.anchor.map(Anchor::migrate).unwrap_or_default(),
                        verdict: a.verdict,
                        status: a.status,
                        conclusion: a.conclusion,
                        notes: a.notes,
                        references: a
                            .references
                            .into_iter()
                            .map(|r| super::Reference {
                                url: r.url,
                                title: r.title,
                                publisher: r.publisher,
                                date_published: r.date_published,
                                date_accessed: r.date_accessed,
                                archived_url: r.archived_url,
                                excerpt: r.excerpt,
                                stance: r.stance,
                                note: r.note,
                            })
                            .collect(),
                        history: Vec::new(),
                        speaker: None,
                    })
                })
                .collect(),
            manual_claims: self
                .manual_claims
                .into_iter()
                .map(Anchor::migrate)
                .collect(),
            rejected_claims: self
                .rejected_claims
                .into_iter()
                .map(Anchor::migrate)
                .collect(),
            actors: super::ActorCuration {
                renames: self.actors.renames,
                merges: self.actors.merges,
                splits: self
                    .actors
                    .splits
                    .into_iter()
                    .map(|s| super::Split {
                        actor: s.actor,
                        alias: s.alias,
                    })
                    .collect(),
                hidden: self.actors.hidden,
                kinds: Default::default(),
            },
        }
    }
}
