//! Claim and actor extraction: deterministic, explainable rules over general English
//! word lists (`assets/`), nothing specific to one corpus and no model downloads.
//!
//! Each document is analysed on its own ([`document`]): sentences, actor mentions
//! clustered within the document, figures, speakers and check-worthiness scores. Then the
//! corpus is put together ([`actors`], [`families`]): actors are merged across documents
//! by their aliases and spellings, and claims that assert the same thing form families.

pub mod actors;
pub mod cache;
pub mod document;
pub mod explanation;
pub mod families;
pub mod figures;
pub mod gazetteer;
pub mod interned;
pub mod mentions;
pub mod names;
pub mod parts;
pub mod score;
pub mod speakers;
pub mod union_find;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, DocumentMeta};
use crate::text::segment::SentenceKind;
pub use explanation::{FeatureRef, Features};
pub use figures::{Bound, Figure, FigureKind};

/// The kinds of actor.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A named person.
    Person,
    /// An organization, institution, party or armed group with a name.
    Organization,
    /// A country (and its short forms and adjectives).
    Country,
    /// A news medium or platform.
    Media,
    /// A city, region, camp, sea or other place.
    Place,
    /// A group of people (`Iranians`, `Kurds`).
    Group,
    /// A name of another kind.
    #[default]
    Other,
}

impl ActorKind {
    /// All kinds, in display order.
    pub const ALL: [ActorKind; 7] = [
        Self::Person,
        Self::Organization,
        Self::Country,
        Self::Media,
        Self::Place,
        Self::Group,
        Self::Other,
    ];

    /// The lower-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Country => "country",
            Self::Media => "media",
            Self::Place => "place",
            Self::Group => "group",
            Self::Other => "other",
        }
    }
}

/// Where a name occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Document id (shared by all mentions in the document).
    pub document: Arc<str>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// A person, organization, country, medium, place or group, with every mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id made from the canonical name.
    pub id: String,
    /// Canonical name: the fullest name used for it.
    pub name: String,
    /// What it is.
    pub kind: ActorKind,
    /// Every other way the corpus writes it.
    pub aliases: Vec<String>,
    /// Every mention, in document order (shared with the workbench's views of the actor).
    pub mentions: Arc<[Mention]>,
}

/// One reason for a claim's check-worthiness score, as a value of its own (a claim keeps
/// its reasons together, as [`Features`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// What was found: `bias` (the learned starting point), a sentence signal (`figure`,
    /// `date`, `event verb`, `named actor`, `reporting verb`, `superlative`,
    /// `opinion words`, `hedge`, `question`, `short`, `heading`, `length`), or the sum of
    /// the sentence's words and word pairs (`words for`, `words against`).
    #[serde(deserialize_with = "feature_name")]
    pub name: std::borrow::Cow<'static, str>,
    /// What it added to (or took from) the log-odds: the score is the logistic of the sum
    /// of a claim's weights, `1 / (1 + e^-sum)`.
    pub weight: f32,
    /// The words that showed it (for the words, each with what it added).
    pub evidence: String,
}

/// Reads a feature's name: one the engine writes is taken from its own names rather than
/// copied, so that the millions of features read back from the cache hold no copy of
/// them; any other name is kept as written.
fn feature_name<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::borrow::Cow<'static, str>, D::Error> {
    struct Name;
    impl serde::de::Visitor<'_> for Name {
        type Value = std::borrow::Cow<'static, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a feature name")
        }
        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
            Ok(score::known_name(name).map_or_else(
                || std::borrow::Cow::Owned(name.to_owned()),
                std::borrow::Cow::Borrowed,
            ))
        }
    }
    d.deserialize_str(Name)
}

/// A check-worthy statement in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id: `DOCUMENT:SENTENCE` (sentence number in the document, from 1).
    pub id: String,
    /// Document id (shared by all claims in the document).
    pub document: Arc<str>,
    /// Byte offset of the claim in the document.
    pub start: usize,
    /// Byte offset one past the claim.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// The actor the claim is attributed to; `None` when the document asserts it.
    pub speaker: Option<String>,
    /// The medium through which the speaker is quoted (`Press TV quoted X`), if named.
    pub via: Option<String>,
    /// The other actors the claim names.
    pub about: Vec<String>,
    /// Check-worthiness in [0, 1].
    pub score: f32,
    /// What produced the score.
    pub features: Features,
    /// Every number in the claim.
    pub numbers: Vec<Figure>,
    /// The family this claim belongs to.
    pub family: Option<String>,
    /// Body text or heading.
    pub kind: SentenceKind,
}

/// Claims across documents that assert the same thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Family {
    /// Stable id: `f` and the id of its first claim.
    pub id: String,
    /// Short label (`killed N people`).
    pub label: String,
    /// Its claims, in corpus order.
    pub claims: Vec<String>,
    /// The distinct values of the figures its claims give for what it counts, ascending
    /// (amounts in the currency most of them use).
    pub values: Vec<f64>,
    /// Whether sources give figures that cannot all be true at once.
    pub conflict: bool,
    /// Whether sources give different figures of a count that grows (a death toll) at
    /// different times: an update, not a contradiction.
    #[serde(default)]
    pub update: bool,
}

/// What is known about a document, as reported by `extract`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Document id.
    pub id: String,
    /// Where it was loaded from.
    pub path: String,
    /// Title, dateline, date, outlet, address.
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// BLAKE3 hash of the text.
    pub hash: String,
    /// Length of the text in bytes.
    pub size_bytes: usize,
}

/// Everything extracted from a corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The documents, in corpus order.
    pub documents: Vec<DocumentInfo>,
    /// Actors, in order of first mention.
    pub actors: Vec<Actor>,
    /// Claims at or above the score threshold, in corpus order. Shared: the workbench's
    /// rows hold the same claims, not copies of them.
    pub claims: Vec<Arc<Claim>>,
    /// Families of two or more claims.
    pub families: Vec<Family>,
}

/// Checks that an extraction read from a file fits its documents' texts: every claim,
/// figure and mention inside its document and on character boundaries, every claim's text
/// the text there, claim ids used once.
pub fn check_fits(
    extraction: &Extraction,
    documents: &[crate::corpus::Document],
) -> Result<(), String> {
    let text_of: rustc_hash::FxHashMap<&str, &str> = documents
        .iter()
        .map(|d| (d.id.as_str(), d.text.as_str()))
        .collect();
    let inside = |document: &str, start: usize, end: usize, what: &str| {
        let fits = text_of.get(document).is_some_and(|t| {
            start <= end && end <= t.len() && t.is_char_boundary(start) && t.is_char_boundary(end)
        });
        if fits {
            Ok(())
        } else {
            Err(format!(
                "{what} at {start}..{end} of “{document}” is not inside that document's text; the file was changed by hand or is damaged"
            ))
        }
    };
    use rayon::prelude::*;
    // Every claim and actor is checked on its own, on every core.
    extraction.claims.par_iter().try_for_each(|claim| {
        inside(&claim.document, claim.start, claim.end, "a claim")?;
        if text_of
            .get(&*claim.document)
            .is_some_and(|t| t[claim.start..claim.end] != claim.text)
        {
            return Err(format!(
                "claim {} does not hold the text at its place; the file was changed by hand or is damaged",
                claim.id
            ));
        }
        claim
            .numbers
            .iter()
            .try_for_each(|figure| inside(&claim.document, figure.start, figure.end, "a figure"))
    })?;
    extraction.actors.par_iter().try_for_each(|actor| {
        actor
            .mentions
            .iter()
            .try_for_each(|m| inside(&m.document, m.start, m.end, "a mention"))
    })?;
    let mut ids = rustc_hash::FxHashSet::default();
    ids.reserve(extraction.claims.len());
    for claim in &extraction.claims {
        if !ids.insert(claim.id.as_str()) {
            return Err(format!("claim {} is in the file twice", claim.id));
        }
    }
    Ok(())
}

/// How to run an extraction.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Claims scoring below this are left out.
    pub min_score: f32,
    /// Analyse documents on all cores.
    pub parallel: bool,
}

/// Documents larger than this are analysed one at a time, not in parallel.
pub const LARGE_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// The score threshold used when none is given. Higher than the threshold with the best
/// F1 on the debate sentences the weights were learned from (written in the weights file,
/// 0.28): a news article has many more factual sentences than a debate turn, most of them
/// background, and a list a researcher can read keeps the most check-worthy.
pub const DEFAULT_MIN_SCORE: f32 = 0.6;

impl Default for Settings {
    fn default() -> Self {
        Self {
            min_score: DEFAULT_MIN_SCORE,
            parallel: true,
        }
    }
}

/// Extracts actors, claims and families from a corpus.
pub fn extract(corpus: &Corpus, settings: &Settings) -> Extraction {
    extract_with_progress(corpus, settings, &|_, _| true).unwrap_or_default()
}

/// Like [`extract`], scoring check-worthiness with `model` instead of the bundled weights
/// (a model just trained by `train-score`, say).
pub fn extract_scored_by(corpus: &Corpus, settings: &Settings, model: &score::Model) -> Extraction {
    extract_scored_with_progress(corpus, settings, model, &|_, _| true).unwrap_or_default()
}

/// Like [`extract_scored_by`], taking the corpus and letting its text go once every
/// document is analysed: nothing after that needs it, and the corpus is put together in
/// the room it took.
pub fn extract_corpus_scored_by(
    corpus: Corpus,
    settings: &Settings,
    model: &score::Model,
) -> Extraction {
    let analyses =
        analyse_all(&corpus, settings, model, &|_| None, &|_, _| true).unwrap_or_default();
    let documents = document_infos(&corpus);
    drop_in_parallel(corpus.documents);
    assemble(documents, analyses)
}

/// Drops `items` on all cores: a corpus's worth of small values is freed in a fraction of
/// the time one core takes.
fn drop_in_parallel<T: Send>(items: Vec<T>) {
    use rayon::prelude::*;
    items.into_par_iter().for_each(drop);
}

/// Like [`extract`], calling `progress(done, total)` as documents are analysed (the last
/// call, `(total, total)`, once they all are, before the corpus is put together); returns
/// `None` if `progress` returns `false` (cancelled).
pub fn extract_with_progress(
    corpus: &Corpus,
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Option<Extraction> {
    extract_scored_with_progress(corpus, settings, score::model(), progress)
}

fn extract_scored_with_progress(
    corpus: &Corpus,
    settings: &Settings,
    model: &score::Model,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Option<Extraction> {
    let analyses = analyse_all(corpus, settings, model, &|_| None, progress)?;
    Some(assemble(document_infos(corpus), analyses))
}

/// Analyses every document of `corpus` (on all cores if `settings` say so), taking a
/// document's analysis from `known` when it has one; `None` if `progress` cancelled.
pub(crate) fn analyse_all(
    corpus: &Corpus,
    settings: &Settings,
    model: &score::Model,
    known: &(dyn Fn(&crate::corpus::Document) -> Option<document::Analysis> + Sync),
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Option<Vec<document::Analysis>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    let total = corpus.documents.len();
    let done = AtomicUsize::new(0);
    let cancelled = AtomicBool::new(false);
    let analyse = |doc: &crate::corpus::Document| {
        if cancelled.load(Ordering::Relaxed) {
            return None;
        }
        let analysis =
            known(doc).unwrap_or_else(|| document::analyse_with(doc, model, settings.min_score));
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if !progress(n, total) {
            cancelled.store(true, Ordering::Relaxed);
        }
        Some(analysis)
    };
    // Analysing a document takes memory in proportion to it: large ones go one at a time,
    // so two of them never add up on two cores.
    let analyses: Option<Vec<_>> = if settings.parallel {
        let large = |d: &crate::corpus::Document| d.text.len() > LARGE_DOCUMENT_BYTES;
        let mut slots: Vec<Option<document::Analysis>> = corpus
            .documents
            .par_iter()
            .map(|d| if large(d) { None } else { analyse(d) })
            .collect();
        for (slot, d) in slots.iter_mut().zip(&corpus.documents) {
            if large(d) {
                *slot = analyse(d);
            }
        }
        slots.into_iter().collect()
    } else {
        corpus.documents.iter().map(analyse).collect()
    };
    // Reports from the cores may arrive out of order: once every document is analysed,
    // the last report is `(total, total)`, made here.
    analyses.filter(|_| !cancelled.load(Ordering::Relaxed) && progress(total, total))
}

/// What the extraction reports about each document of `corpus`.
pub fn document_infos(corpus: &Corpus) -> Vec<DocumentInfo> {
    corpus.documents.iter().map(DocumentInfo::of).collect()
}

impl DocumentInfo {
    /// What the extraction reports about `doc`.
    pub fn of(doc: &crate::corpus::Document) -> Self {
        Self {
            id: doc.id.clone(),
            path: doc.path.clone(),
            meta: doc.meta.clone(),
            hash: doc.hash.clone(),
            size_bytes: doc.text.len(),
        }
    }
}

/// Puts the per-document analyses together into one extraction: actors across documents,
/// claims with their speakers, families. The analyses are used up: their claims' text,
/// features, figures and signals move into the result. The same analyses in the same
/// order always give the same extraction, wherever they were made.
pub fn assemble(documents: Vec<DocumentInfo>, mut analyses: Vec<document::Analysis>) -> Extraction {
    let doc_ids: Vec<Arc<str>> = documents.iter().map(|d| d.id.as_str().into()).collect();
    let resolved = actors::resolve(&doc_ids, &analyses);
    // Each document's salient actors are read from its names, which are then let go: they
    // are in the corpus's actors now, and the claims are made without holding both.
    let salient: Vec<Vec<usize>> = {
        use rayon::prelude::*;
        analyses
            .par_iter_mut()
            .enumerate()
            .map(|(d, analysis)| {
                let salient = resolved.salient_actors(d, analysis);
                analysis.actors = Vec::new();
                analysis.mention_spans = Vec::new();
                analysis.actor_of = Vec::new();
                analysis.adjective = Vec::new();
                salient
            })
            .collect()
    };
    let mut claims = Vec::new();
    let mut claim_signals = Vec::new();
    for (doc_index, (doc, analysis)) in documents.iter().zip(&mut analyses).enumerate() {
        for local in &mut analysis.claims {
            let global = |l: usize| resolved.actor_id(doc_index, l).map(str::to_string);
            let speaker = local.speaker.and_then(global);
            let mut about: Vec<String> = Vec::new();
            for &a in &local.about {
                if let Some(id) = global(a)
                    && Some(&id) != speaker.as_ref()
                    && !about.contains(&id)
                {
                    about.push(id);
                }
            }
            let frame = local.frame.take();
            let ranges = families::amount_ranges(&local.figures, frame.as_deref());
            claims.push(Claim {
                id: format!("{}:{}", doc.id, local.sentence + 1),
                document: doc_ids[doc_index].clone(),
                start: local.start,
                end: local.end,
                text: std::mem::take(&mut local.text),
                speaker,
                via: local.via.and_then(global),
                about,
                score: local.score,
                features: std::mem::take(&mut local.features),
                numbers: std::mem::take(&mut local.figures),
                family: None,
                kind: local.kind,
            });
            let speaker_index = local
                .speaker
                .and_then(|l| resolved.actor_index(doc_index, l));
            let mut actors: Vec<usize> = local
                .about
                .iter()
                .filter_map(|&a| resolved.actor_index(doc_index, a))
                .filter(|&a| Some(a) != speaker_index)
                .collect();
            actors.sort_unstable();
            actors.dedup();
            claim_signals.push(families::ClaimSignals {
                document: doc_index,
                ranges,
                frame,
                quantities: std::mem::take(&mut local.quantities),
                when: std::mem::take(&mut local.when),
                words: std::mem::take(&mut local.words),
                actors,
                speaker: speaker_index,
                holder: local
                    .holder
                    .and_then(|l| resolved.actor_index(doc_index, l)),
            });
        }
    }
    drop_in_parallel(analyses);
    let published: Vec<Option<&str>> = documents
        .iter()
        .map(|d| d.meta.published.as_deref())
        .collect();
    let context = families::Corpus::new(&resolved.actors, &salient, published, &claim_signals);
    let families = families::group(&mut claims, &claim_signals, &context);
    drop(context);
    Extraction {
        documents,
        actors: resolved.actors,
        claims: claims.into_iter().map(Arc::new).collect(),
        families,
    }
}
