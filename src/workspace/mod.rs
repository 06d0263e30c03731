//! The open workbench, without a window: corpus, extraction, the researcher's project,
//! and the views the window shows (claim rows, curated actors). Every change goes through
//! [`Workspace::apply`], which records undo, updates the project and refreshes the views.

pub mod edit;
pub mod grid;
pub mod open;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::corpus::Corpus;
use crate::extract::{ActorKind, Claim, Extraction, Family, Mention};
use crate::project::{Anchor, Annotation, Project};

pub use edit::Edit;

/// One row of the claim grid: an extracted or hand-made claim.
#[derive(Clone, Debug)]
pub struct ClaimRow {
    /// The claim.
    pub claim: Claim,
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
    /// Id: the extraction's id, or `split:` ids for split-off aliases.
    pub id: String,
    /// Display name (renamed or canonical).
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Every mention.
    pub mentions: Vec<Mention>,
    /// Claims it speaks or is named in.
    pub claim_count: usize,
    /// Hidden by the researcher.
    pub hidden: bool,
}

/// The open corpus and project.
pub struct Workspace {
    /// The documents.
    pub corpus: Corpus,
    /// Where the corpus was loaded from.
    pub corpus_path: PathBuf,
    /// What extraction found.
    pub extraction: Extraction,
    /// The researcher's decisions (what is saved).
    pub project: Project,
    /// The project file, once saved or opened.
    pub project_path: Option<PathBuf>,
    /// Claim rows: extracted claims not rejected, then manual ones.
    pub rows: Vec<ClaimRow>,
    /// Curated actors.
    pub actors: Vec<ActorView>,
    /// Annotations that could not be re-attached to the text (kept in the project).
    pub orphans: Vec<usize>,
    /// Problems found while opening, in words.
    pub warnings: Vec<String>,
    /// Unsaved changes.
    pub dirty: bool,
    /// When the project was last saved in this session.
    pub last_saved: Option<chrono::DateTime<chrono::Local>>,
    /// Bumped on every change, so views can tell when to rebuild caches.
    pub generation: u64,
    /// Bumped when rows or actors are rebuilt (not on annotation edits).
    pub layout_generation: u64,
    /// Claim rows of each document, by start.
    pub rows_of_document: Vec<Vec<usize>>,
    /// Mentions of each document: (start, end, curated actor), by start.
    pub mentions_of_document: Vec<Vec<(usize, usize, usize)>>,
    row_of_claim: HashMap<String, usize>,
    actor_of_original: HashMap<String, usize>,
    family_of_id: HashMap<String, usize>,
    undo: edit::History,
}

impl Workspace {
    /// The row of a claim id.
    pub fn row_of(&self, claim_id: &str) -> Option<usize> {
        self.row_of_claim.get(claim_id).copied()
    }

    /// The annotation of a row, if any.
    pub fn annotation(&self, row: usize) -> Option<&Annotation> {
        self.rows
            .get(row)?
            .annotation
            .and_then(|a| self.project.annotations.get(a))
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

    /// The document text of a row.
    pub fn text_of(&self, row: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| self.corpus.documents.get(r.document))
            .map_or("", |d| d.text.as_str())
    }

    /// A short title for the window: the project file name, or the corpus folder's.
    pub fn title(&self) -> String {
        let name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned());
        self.project_path
            .as_ref()
            .and_then(name)
            .or_else(|| name(&self.corpus_path))
            .unwrap_or_else(|| "Untitled".to_string())
    }

    /// Rebuilds every view from the corpus, extraction and project.
    fn rebuild(&mut self) {
        self.rebuild_rows();
        self.rebuild_actors();
        self.generation += 1;
        self.layout_generation += 1;
    }

    /// Claim rows: extracted claims minus rejected ones, then manual claims, with the
    /// project's annotations re-attached to them by anchor.
    fn rebuild_rows(&mut self) {
        let doc_index = document_index(&self.corpus);
        let locate = |anchor: &Anchor| -> Option<(usize, usize, usize)> {
            let d = *doc_index.get(anchor.document.as_str())?;
            let (start, end, _) = anchor.reattach(&self.corpus.documents[d].text)?;
            Some((d, start, end))
        };
        let rejected: Vec<(usize, usize, usize)> = self
            .project
            .rejected_claims
            .iter()
            .filter_map(&locate)
            .collect();
        let mut rows: Vec<ClaimRow> = Vec::with_capacity(self.extraction.claims.len());
        for claim in &self.extraction.claims {
            let Some(&document) = doc_index.get(claim.document.as_ref()) else {
                continue;
            };
            if rejected.contains(&(document, claim.start, claim.end)) {
                continue;
            }
            rows.push(ClaimRow {
                claim: claim.clone(),
                document,
                manual: false,
                speaker: None,
                annotation: None,
                family: None,
            });
        }
        let doc_ids: Vec<Arc<str>> = self
            .corpus
            .documents
            .iter()
            .map(|d| Arc::from(d.id.as_str()))
            .collect();
        for anchor in &self.project.manual_claims {
            if let Some((d, start, end)) = locate(anchor) {
                rows.push(manual_row(&self.corpus, &doc_ids, d, start, end));
            }
        }
        // Spans by document, to place annotations.
        let mut by_doc: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_doc.entry(r.document).or_default().push(i);
        }
        self.orphans.clear();
        for (a, annotation) in self.project.annotations.iter().enumerate() {
            let Some(anchor) = &annotation.anchor else {
                self.orphans.push(a);
                continue;
            };
            let Some((d, start, end)) = locate(anchor) else {
                self.orphans.push(a);
                continue;
            };
            if rejected
                .iter()
                .any(|&(rd, rs, re)| rd == d && overlap(rs, re, start, end) > 0)
            {
                // Work on a rejected claim is kept in the project and listed for review.
                self.orphans.push(a);
                continue;
            }
            let best = by_doc.get(&d).and_then(|candidates| {
                candidates
                    .iter()
                    .copied()
                    .filter(|&r| rows[r].annotation.is_none())
                    .map(|r| {
                        (
                            r,
                            overlap(rows[r].claim.start, rows[r].claim.end, start, end),
                        )
                    })
                    .filter(|&(_, o)| o > 0)
                    .max_by_key(|&(r, o)| (o, std::cmp::Reverse(r)))
                    .map(|(r, _)| r)
            });
            let row = match best {
                Some(r) => r,
                None => {
                    // The text is still there but extraction no longer makes it a claim:
                    // keep the work on a claim restored by hand.
                    rows.push(manual_row(&self.corpus, &doc_ids, d, start, end));
                    by_doc.entry(d).or_default().push(rows.len() - 1);
                    rows.len() - 1
                }
            };
            rows[row].annotation = Some(a);
        }
        self.row_of_claim = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.claim.id.clone(), i))
            .collect();
        let mut rows_of_document = vec![Vec::new(); self.corpus.documents.len()];
        for (i, r) in rows.iter().enumerate() {
            rows_of_document[r.document].push(i);
        }
        for list in &mut rows_of_document {
            list.sort_by_key(|&i| (rows[i].claim.start, i));
        }
        self.rows_of_document = rows_of_document;
        self.family_of_id = self
            .extraction
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        for row in &mut rows {
            row.family = row
                .claim
                .family
                .as_ref()
                .and_then(|f| self.family_of_id.get(f))
                .copied();
        }
        self.rows = rows;
    }

    /// Curated actors: extraction actors with renames, merges, splits and hiding applied;
    /// then each row's speaker and each actor's claim count.
    fn rebuild_actors(&mut self) {
        let doc_index = document_index(&self.corpus);
        let curation = &self.project.actors;
        let mut actors: Vec<ActorView> = Vec::with_capacity(self.extraction.actors.len());
        let mut index: HashMap<String, usize> = HashMap::new();
        for a in &self.extraction.actors {
            index.insert(a.id.clone(), actors.len());
            actors.push(ActorView {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                mentions: a.mentions.clone(),
                claim_count: 0,
                hidden: false,
            });
        }
        // Merges: follow chains (a -> b -> c), ignoring cycles.
        let target = |id: &str| {
            let mut current = id.to_string();
            for _ in 0..64 {
                match curation.merges.get(&current) {
                    Some(next) if index.contains_key(next) && *next != current => {
                        current = next.clone();
                    }
                    _ => break,
                }
            }
            current
        };
        let mut actor_of_original: HashMap<String, usize> = HashMap::new();
        for a in &self.extraction.actors {
            let into = target(&a.id);
            let Some(&t) = index.get(&into) else { continue };
            actor_of_original.insert(a.id.clone(), t);
            if into != a.id {
                let Some(&s) = index.get(&a.id) else { continue };
                let moved = std::mem::take(&mut actors[s].mentions);
                let mut names = vec![actors[s].name.clone()];
                names.append(&mut actors[s].aliases);
                actors[t].mentions.extend(moved);
                for n in names {
                    if n != actors[t].name && !actors[t].aliases.contains(&n) {
                        actors[t].aliases.push(n);
                    }
                }
            }
        }
        // Splits: mentions written as the alias move to an actor of their own.
        let mut split_from: HashMap<usize, usize> = HashMap::new(); // split actor -> actor it left
        for split in &curation.splits {
            let Some(&from) = actor_of_original.get(&split.actor) else {
                continue;
            };
            let key = crate::extract::names::key(&split.alias);
            let (moved, kept): (Vec<Mention>, Vec<Mention>) =
                std::mem::take(&mut actors[from].mentions)
                    .into_iter()
                    .partition(|m| {
                        doc_index
                            .get(m.document.as_ref())
                            .and_then(|&d| self.corpus.documents[d].text.get(m.start..m.end))
                            .is_some_and(|t| crate::extract::names::key(t) == key)
                    });
            actors[from].mentions = kept;
            actors[from].aliases.retain(|a| *a != split.alias);
            let id = format!(
                "split:{}:{}",
                split.actor,
                crate::extract::names::slug(&split.alias)
            );
            let new = actors.len();
            split_from.insert(new, from);
            index.insert(id.clone(), new);
            actor_of_original.insert(id.clone(), new);
            actors.push(ActorView {
                id,
                name: split.alias.clone(),
                kind: actors[from].kind,
                aliases: Vec::new(),
                mentions: moved,
                claim_count: 0,
                hidden: false,
            });
        }
        for (id, name) in &curation.renames {
            if let Some(&a) = index.get(id) {
                actors[a].name = name.clone();
            }
        }
        for id in &curation.hidden {
            if let Some(&a) = index.get(id) {
                actors[a].hidden = true;
            }
        }
        // Mentions within a claim's span, for speakers of split aliases and counts.
        let mut mentions_by_doc: HashMap<usize, Vec<(usize, usize, usize)>> = HashMap::new(); // (start, actor, end)
        {
            for (a, actor) in actors.iter().enumerate() {
                for m in &actor.mentions {
                    if let Some(&d) = doc_index.get(m.document.as_ref()) {
                        mentions_by_doc
                            .entry(d)
                            .or_default()
                            .push((m.start, a, m.end));
                    }
                }
            }
            for list in mentions_by_doc.values_mut() {
                list.sort_unstable();
            }
        }
        let mut mentions_of_document = vec![Vec::new(); self.corpus.documents.len()];
        for (d, list) in mentions_by_doc.iter() {
            mentions_of_document[*d] = list
                .iter()
                .map(|&(start, a, end)| (start, end, a))
                .collect();
        }
        self.mentions_of_document = mentions_of_document;
        let mut counts = vec![0usize; actors.len()];
        for row in &mut self.rows {
            let mut speaker = row
                .claim
                .speaker
                .as_ref()
                .and_then(|id| actor_of_original.get(id).copied());
            // A speaker whose alias was split off: the split actor if it is named here.
            if let Some(s) = speaker {
                let in_claim = mentions_by_doc.get(&row.document).map_or(&[][..], |l| {
                    let from = l.partition_point(|&(start, _, _)| start < row.claim.start);
                    let to = l.partition_point(|&(start, _, _)| start < row.claim.end);
                    &l[from..to]
                });
                if let Some(&(_, split, _)) = in_claim
                    .iter()
                    .find(|&&(_, a, _)| split_from.get(&a) == Some(&s))
                {
                    speaker = Some(split);
                }
                counts[speaker.unwrap_or(s)] += 1;
            }
            row.speaker = speaker;
            for id in &row.claim.about {
                if let Some(&a) = actor_of_original.get(id)
                    && Some(a) != speaker
                {
                    counts[a] += 1;
                }
            }
        }
        for (a, count) in counts.into_iter().enumerate() {
            actors[a].claim_count = count;
        }
        self.actors = actors;
        self.actor_of_original = actor_of_original;
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

fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

/// A claim row for a span the researcher chose.
fn manual_row(
    corpus: &Corpus,
    doc_ids: &[Arc<str>],
    document: usize,
    start: usize,
    end: usize,
) -> ClaimRow {
    let text = &corpus.documents[document].text;
    ClaimRow {
        claim: Claim {
            id: format!("{}:manual@{start}", corpus.documents[document].id),
            document: doc_ids[document].clone(),
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            speaker: None,
            via: None,
            about: Vec::new(),
            score: 1.0,
            features: vec![crate::extract::Feature {
                name: "added by hand".into(),
                weight: 1.0,
                evidence: String::new(),
            }],
            numbers: Vec::new(),
            family: None,
            kind: crate::text::segment::SentenceKind::Body,
        },
        document,
        manual: true,
        speaker: None,
        annotation: None,
        family: None,
    }
}
