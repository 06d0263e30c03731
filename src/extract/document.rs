//! The analysis of one document: sentences, actors, figures, speakers, scores, and the
//! signals that families are made from.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};

use super::Features;
use super::families::{self, Frame, When};
use super::figures::{self, Figure};
use super::mentions::{self, LocalActor};
use super::score::{self, Context};
use super::speakers;
use crate::corpus::Document;
use crate::text::lexicon::{List, lexicon};
use crate::text::segment::{self, SentenceKind};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

/// A scored sentence of a document, with local actor indices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalClaim {
    /// Sentence index in the document.
    pub sentence: usize,
    /// Byte span.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// Check-worthiness.
    pub score: f32,
    /// What made the score.
    pub features: Features,
    /// Numbers in the sentence.
    pub figures: Vec<Figure>,
    /// Speaker (document actor index).
    pub speaker: Option<usize>,
    /// Medium (document actor index).
    pub via: Option<usize>,
    /// Actors named in the sentence (document actor indices).
    pub about: Vec<usize>,
    /// The event and what it counts, for families of figure claims (boxed: most claims
    /// have none, and each claim would hold its room).
    pub frame: Option<Box<Frame>>,
    /// Indices of the figures that are quantities (not ages, scores or names).
    pub quantities: Vec<usize>,
    /// When the figures are for, and whether they are a count so far.
    pub when: When,
    /// The person or organisation that holds the framed figure (document actor index).
    pub holder: Option<usize>,
    /// Hashes of the content words, for families of same-worded claims.
    pub words: Vec<u64>,
    /// Body or heading.
    pub kind: SentenceKind,
}

/// Everything found in one document. Only what the corpus needs is kept: the mentions'
/// spans, not their names and tokens. It is what the extraction cache keeps and what
/// `extract --per-document` writes, so it holds no reference to the document's text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The document's actors.
    pub actors: Vec<LocalActor>,
    /// Byte span of every mention.
    pub mention_spans: Vec<(usize, usize)>,
    /// The actor of every mention.
    pub actor_of: Vec<usize>,
    /// Whether each mention is an adjective of its actor's name rather than the name.
    pub adjective: Vec<bool>,
    /// Every body and heading sentence, scored.
    pub claims: Vec<LocalClaim>,
}

/// Analyses one document, keeping the sentences that score at least `min_score`.
pub fn analyse(doc: &Document, min_score: f32) -> Analysis {
    analyse_with(doc, score::model(), min_score)
}

/// Like [`analyse`], scoring with `model` instead of the bundled one.
pub fn analyse_with(doc: &Document, model: &score::Model, min_score: f32) -> Analysis {
    let text = doc.text.as_str();
    let seg = segment::segment(text);
    let src = seg.source(text);
    let actors = mentions::find(text, &seg);
    let attributions = speakers::attribute(text, &seg, &actors);
    let mut claims = Vec::new();
    each_candidate(text, &seg, &actors, &attributions, |candidate| {
        let (score, features) = score::score_with(
            model,
            src,
            candidate.tokens,
            &candidate.context(),
            min_score,
        );
        let Some(features) = features else { return };
        let Candidate {
            index,
            sentence,
            tokens,
            figures,
            attribution,
            about,
            ..
        } = candidate;
        let range = sentence.first_token..sentence.end_token;
        let quantities = families::quantities(src, &seg.tokens, range.clone(), &figures);
        let frame =
            families::frame(src, &seg.tokens, range.clone(), &figures, &quantities).map(Box::new);
        let when = families::when(src, &seg.tokens, range.clone(), &figures);
        let holder = frame.as_ref().and_then(|f| {
            let token = figures.get(f.figure)?.token;
            families::holder(&actors, range, token, attribution.speaker)
        });
        // Token indices mean something only within this analysis, and files do not keep
        // them: a kept analysis is the same whether it was just made or read back.
        let mut figures = figures;
        for figure in &mut figures {
            figure.token = 0;
        }
        claims.push(LocalClaim {
            sentence: index,
            start: sentence.start,
            end: sentence.end,
            text: text[sentence.start..sentence.end].to_string(),
            score,
            features,
            figures,
            speaker: attribution.speaker,
            via: attribution.via,
            about,
            frame,
            quantities,
            when,
            holder,
            words: content_words(src, tokens),
            kind: sentence.kind,
        });
    });
    // An analysis is kept until the whole corpus is put together, and a claim's parts
    // for as long as the extraction: none holds room it does not use.
    claims.shrink_to_fit();
    for claim in &mut claims {
        claim.figures.shrink_to_fit();
        claim.words.shrink_to_fit();
    }
    let mut local_actors = actors.actors;
    local_actors.shrink_to_fit();
    for actor in &mut local_actors {
        actor.aliases.shrink_to_fit();
        actor.alias_stats.shrink_to_fit();
        actor.mentions.shrink_to_fit();
    }
    Analysis {
        mention_spans: actors.mentions.iter().map(|m| (m.start, m.end)).collect(),
        adjective: actors.mentions.iter().map(|m| m.adjective).collect(),
        actor_of: actors.actor_of,
        actors: local_actors,
        claims,
    }
}

/// Calls `visit` with what the score reads in every sentence of `doc` that can become a
/// claim: the same sentences, signals and words as extraction, for learning the weights.
pub fn for_each_candidate(
    doc: &Document,
    mut visit: impl FnMut(Source<'_>, &[Token], &Context<'_>),
) {
    let text = doc.text.as_str();
    let seg = segment::segment(text);
    let src = seg.source(text);
    let actors = mentions::find(text, &seg);
    let attributions = speakers::attribute(text, &seg, &actors);
    each_candidate(text, &seg, &actors, &attributions, |c| {
        visit(src, c.tokens, &c.context());
    });
}

/// A sentence that can become a claim, with what scoring it needs.
struct Candidate<'a> {
    index: usize,
    sentence: &'a segment::Sentence,
    tokens: &'a [Token],
    figures: Vec<Figure>,
    attribution: speakers::Attribution,
    about: Vec<usize>,
    actor_names: Vec<&'a str>,
}

impl Candidate<'_> {
    fn context(&self) -> Context<'_> {
        Context {
            figures: &self.figures,
            actor_names: &self.actor_names,
            attributed: self.attribution.speaker.is_some(),
            kind: self.sentence.kind,
        }
    }
}

/// Visits the sentences that can become claims: body sentences, and headings that assert
/// something (a figure, an event or a speaker; a bare heading such as "Thirst for blood"
/// asserts nothing). Page furniture and metadata lines never do.
fn each_candidate<'a>(
    text: &'a str,
    seg: &'a segment::Segmented,
    actors: &'a mentions::DocumentActors,
    attributions: &[speakers::Attribution],
    mut visit: impl FnMut(Candidate<'a>),
) {
    let src = seg.source(text);
    for (index, sentence) in seg.sentences.iter().enumerate() {
        if !matches!(sentence.kind, SentenceKind::Body | SentenceKind::Heading) {
            continue;
        }
        let tokens = seg.sentence_tokens(sentence);
        let figures = figures::find(src, &seg.tokens, sentence.first_token..sentence.end_token);
        let attribution = attributions.get(index).copied().unwrap_or_default();
        let mut about = Vec::new();
        for m in actors.mentions_in(sentence.first_token, sentence.end_token) {
            let a = actors.actor_of[m];
            if !about.contains(&a) {
                about.push(a);
            }
        }
        let actor_names: Vec<&str> = about
            .iter()
            .map(|&a| actors.actors[a].name.as_str())
            .collect();
        let candidate = Candidate {
            index,
            sentence,
            tokens,
            figures,
            attribution,
            about,
            actor_names,
        };
        if sentence.kind == SentenceKind::Heading
            && !score::features::signals(src, tokens, &candidate.context()).asserts_something()
        {
            continue;
        }
        visit(candidate);
    }
}

/// Hashes of the distinct content words of a sentence: lower case, a plural `s` dropped,
/// function words, opinion words and numbers left out.
fn content_words(src: Source<'_>, tokens: &[Token]) -> Vec<u64> {
    let lex = lexicon();
    let mut out: Vec<u64> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| {
            let w = src.lower(t);
            if w.len() < 3 || lex.has_any(&[List::FunctionWords, List::OpinionWords], w) {
                return None;
            }
            let stem = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(w);
            let mut h = FxHasher::default();
            stem.hash(&mut h);
            Some(h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Analysis {
    /// Checks that an analysis read from outside (a cache file, another machine's output)
    /// fits a document of `size_bytes` bytes, and `text` when it is at hand: every span
    /// inside the document (and on character boundaries of `text`), every index pointing
    /// at something there. Extraction only ever indexes an analysis that passed.
    pub fn check(&self, size_bytes: usize, text: Option<&str>) -> Result<(), String> {
        let span = |what: &str, start: usize, end: usize| -> Result<(), String> {
            let inside = start <= end
                && end <= size_bytes
                && text.is_none_or(|t| t.is_char_boundary(start) && t.is_char_boundary(end));
            if inside {
                Ok(())
            } else {
                Err(format!(
                    "{what} {start}..{end} is not inside the document ({size_bytes} bytes)"
                ))
            }
        };
        let index = |what: &str, i: usize, len: usize| -> Result<(), String> {
            if i < len {
                Ok(())
            } else {
                Err(format!("{what} {i} points past the {len} there are"))
            }
        };
        let mentions = self.mention_spans.len();
        if self.actor_of.len() != mentions || self.adjective.len() != mentions {
            return Err("the mentions and their actors do not match".into());
        }
        for &(start, end) in &self.mention_spans {
            span("mention", start, end)?;
        }
        let actors = self.actors.len();
        for &a in &self.actor_of {
            index("actor", a, actors)?;
        }
        for actor in &self.actors {
            if actor.aliases.len() != actor.alias_stats.len() {
                return Err(format!("actor “{}” has aliases without counts", actor.name));
            }
            if actor
                .alias_stats
                .iter()
                .any(|s| s.uses > mentions || s.words > size_bytes)
            {
                return Err(format!("actor “{}” has counts it cannot have", actor.name));
            }
            for &m in &actor.mentions {
                index("mention", m, mentions)?;
            }
        }
        let mut sentences = rustc_hash::FxHashSet::default();
        for claim in &self.claims {
            span("claim", claim.start, claim.end)?;
            // A document has fewer sentences than bytes; each is a claim once.
            if claim.sentence >= size_bytes.max(1) || !sentences.insert(claim.sentence) {
                return Err(format!(
                    "claim at {} has a sentence number it cannot have",
                    claim.start
                ));
            }
            if claim.text.len() != claim.end - claim.start
                || text.is_some_and(|t| t[claim.start..claim.end] != claim.text)
            {
                return Err(format!(
                    "claim at {} has text of another length",
                    claim.start
                ));
            }
            let actor_refs = claim.speaker.iter().chain(&claim.via).chain(&claim.holder);
            for &a in actor_refs.chain(&claim.about) {
                index("actor", a, actors)?;
            }
            for figure in &claim.figures {
                span("figure", figure.start, figure.end)?;
            }
            let figures = claim.figures.len();
            for &q in &claim.quantities {
                index("figure", q, figures)?;
            }
            if let Some(frame) = &claim.frame {
                let refs = std::iter::once(&frame.figure).chain(&frame.equivalents);
                for &f in refs.chain(&frame.upper) {
                    index("figure", f, figures)?;
                }
            }
            if !claim.score.is_finite() {
                return Err(format!("claim at {} has no score", claim.start));
            }
        }
        Ok(())
    }
}
