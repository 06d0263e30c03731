//! The analysis of one document: sentences, actors, figures, speakers, scores, and the
//! signals that families are made from.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::Feature;
use super::families::{self, Frame};
use super::figures::{self, Figure};
use super::mentions::{self, DocumentActors};
use super::score::{self, Context};
use super::speakers;
use crate::corpus::Document;
use crate::text::lexicon::lexicon;
use crate::text::segment::{self, SentenceKind};
use crate::text::token::TokenKind;
use crate::text::words::lower;

/// A scored sentence of a document, with local actor indices.
#[derive(Clone, Debug)]
pub struct LocalClaim {
    /// Sentence index in the document.
    pub sentence: usize,
    /// Byte span.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Check-worthiness.
    pub score: f32,
    /// What made the score.
    pub features: Vec<Feature>,
    /// Numbers in the sentence.
    pub figures: Vec<Figure>,
    /// Speaker (document actor index).
    pub speaker: Option<usize>,
    /// Medium (document actor index).
    pub via: Option<usize>,
    /// Actors named in the sentence (document actor indices).
    pub about: Vec<usize>,
    /// The event and what it counts, for families of figure claims.
    pub frame: Option<Frame>,
    /// Hashes of the content words, for families of same-worded claims.
    pub words: Vec<u64>,
    /// Body or heading.
    pub kind: SentenceKind,
}

/// Everything found in one document.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Names and the document's actors.
    pub actors: DocumentActors,
    /// Every body and heading sentence, scored.
    pub claims: Vec<LocalClaim>,
}

/// Analyses one document.
pub fn analyse(doc: &Document) -> Analysis {
    let text = doc.text.as_str();
    let seg = segment::segment(text);
    let actors = mentions::find(text, &seg);
    let attributions = speakers::attribute(text, &seg, &actors);
    let mut claims = Vec::new();
    for (index, sentence) in seg.sentences.iter().enumerate() {
        if !matches!(sentence.kind, SentenceKind::Body | SentenceKind::Heading) {
            continue;
        }
        let tokens = seg.sentence_tokens(sentence);
        let figures = figures::find(text, &seg.tokens, sentence.first_token..sentence.end_token);
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
        let context = Context {
            figures: &figures,
            actor_names,
            attributed: attribution.speaker.is_some(),
            kind: sentence.kind,
        };
        let (score, features) = score::score(text, tokens, &context);
        let frame = families::frame(
            text,
            &seg.tokens,
            sentence.first_token..sentence.end_token,
            &figures,
        );
        claims.push(LocalClaim {
            sentence: index,
            start: sentence.start,
            end: sentence.end,
            score,
            features,
            figures,
            speaker: attribution.speaker,
            via: attribution.via,
            about,
            frame,
            words: content_words(text, tokens),
            kind: sentence.kind,
        });
    }
    Analysis { actors, claims }
}

/// Hashes of the distinct content words of a sentence: lower case, a plural `s` dropped,
/// function words, opinion words and numbers left out.
fn content_words(text: &str, tokens: &[crate::text::token::Token]) -> Vec<u64> {
    let lex = lexicon();
    let mut out: Vec<u64> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| {
            let w = lower(t.text(text));
            if w.len() < 3 || lex.has("function_words", &w) || lex.has("opinion_words", &w) {
                return None;
            }
            let stem = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(&w);
            let mut h = FxHasher::default();
            stem.hash(&mut h);
            Some(h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
