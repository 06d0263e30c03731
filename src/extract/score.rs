//! Check-worthiness: a score in [0, 1] made of named features, each with its weight and
//! the words that showed it, so that a researcher can see why a sentence scored as it did.

use super::Feature;
use super::figures::{Figure, FigureKind};
use crate::text::lexicon::lexicon;
use crate::text::segment::SentenceKind;
use crate::text::token::{Token, TokenKind};
use crate::text::words::lower;

/// Every sentence starts here.
pub const BASE: f32 = 0.15;
/// A count, amount of money or percentage.
pub const FIGURE: f32 = 0.30;
/// A year, date or weekday.
pub const DATE: f32 = 0.10;
/// A verb or noun of a verifiable event (killed, removed, funded, deaths).
pub const EVENT: f32 = 0.25;
/// At least one named actor.
pub const NAMED_ACTOR: f32 = 0.15;
/// Attributed to someone.
pub const REPORTED: f32 = 0.05;
/// Superlatives and absolutes (largest, first, only).
pub const SUPERLATIVE: f32 = 0.05;
/// Per opinion word, up to three.
pub const OPINION: f32 = -0.10;
/// Hedges (may, reportedly).
pub const HEDGE: f32 = -0.05;
/// A question.
pub const QUESTION: f32 = -0.40;
/// Fewer than six words.
pub const SHORT: f32 = -0.25;
/// A heading line rather than running text.
pub const HEADING: f32 = -0.10;

/// What the scorer needs to know about a sentence besides its words.
pub struct Context<'a> {
    /// The figures in the sentence.
    pub figures: &'a [Figure],
    /// Names of the actors mentioned.
    pub actor_names: Vec<&'a str>,
    /// Whether a speaker was found.
    pub attributed: bool,
    /// Body or heading.
    pub kind: SentenceKind,
}

/// Scores a sentence; returns the score and its features (base first).
pub fn score(text: &str, tokens: &[Token], context: &Context<'_>) -> (f32, Vec<Feature>) {
    let lex = lexicon();
    let mut features = vec![feature("base", BASE, String::new())];
    let quantities: Vec<&str> = context
        .figures
        .iter()
        .filter(|f| f.kind.is_quantity() || f.kind == FigureKind::Duration)
        .map(|f| f.text.as_str())
        .collect();
    if !quantities.is_empty() {
        features.push(feature("figure", FIGURE, quantities.join(", ")));
    }
    let mut dates: Vec<&str> = context
        .figures
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Year | FigureKind::Date))
        .map(|f| f.text.as_str())
        .collect();
    let mut events = Vec::new();
    let mut reporting = Vec::new();
    let mut superlatives = Vec::new();
    let mut opinions = Vec::new();
    let mut hedges = Vec::new();
    let mut words = 0;
    for t in tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        words += 1;
        let raw = t.text(text);
        let w = lower(raw);
        let w = w.as_ref();
        if lex.has("weekdays", w) {
            dates.push(raw);
        } else if lex.is_event_word(w) {
            events.push(raw);
        } else if lex.has("reporting_verbs", w) {
            reporting.push(raw);
        }
        if lex.has("superlatives", w) {
            superlatives.push(raw);
        }
        if lex.has("opinion_words", w) {
            opinions.push(raw);
        }
        if lex.has("hedge_words", w) {
            hedges.push(raw);
        }
    }
    if !dates.is_empty() {
        features.push(feature("date", DATE, dates.join(", ")));
    }
    if !events.is_empty() {
        features.push(feature("event verb", EVENT, dedup(events).join(", ")));
    }
    if !context.actor_names.is_empty() {
        features.push(feature(
            "named actor",
            NAMED_ACTOR,
            dedup(context.actor_names.clone()).join(", "),
        ));
    }
    if context.attributed || !reporting.is_empty() {
        features.push(feature(
            "reporting verb",
            REPORTED,
            dedup(reporting).join(", "),
        ));
    }
    if !superlatives.is_empty() {
        features.push(feature(
            "superlative",
            SUPERLATIVE,
            dedup(superlatives).join(", "),
        ));
    }
    if !opinions.is_empty() {
        let n = opinions.len().min(3) as f32;
        features.push(feature(
            "opinion words",
            OPINION * n,
            dedup(opinions).join(", "),
        ));
    }
    if !hedges.is_empty() {
        features.push(feature("hedge", HEDGE, dedup(hedges).join(", ")));
    }
    let question = tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Quote && !t.is_punct(text, ')'))
        .is_some_and(|t| t.is_punct(text, '?'));
    if question {
        features.push(feature("question", QUESTION, "?".to_string()));
    }
    if words < 6 {
        features.push(feature("short", SHORT, format!("{words} words")));
    }
    if context.kind == SentenceKind::Heading {
        features.push(feature("heading", HEADING, String::new()));
    }
    let total: f32 = features.iter().map(|f| f.weight).sum();
    let score = (total.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    (score, features)
}

fn feature(name: &str, weight: f32, evidence: String) -> Feature {
    Feature {
        name: name.to_string(),
        weight,
        evidence,
    }
}

fn dedup(mut words: Vec<&str>) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    words.retain(|w| seen.insert(w.to_lowercase()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::figures;
    use crate::text::token::tokenize;

    fn score_of(sentence: &str, actors: Vec<&str>) -> f32 {
        let tokens = tokenize(sentence);
        let figures = figures::find(sentence, &tokens, 0..tokens.len());
        let context = Context {
            figures: &figures,
            actor_names: actors,
            attributed: false,
            kind: SentenceKind::Body,
        };
        score(sentence, &tokens, &context).0
    }

    #[test]
    fn factual_claims_outscore_opinion_and_questions() {
        let fact = score_of(
            "The group killed 12,000 civilians in 1981, officials said.",
            vec!["group"],
        );
        let opinion = score_of("This is a shameful, disgusting and evil regime.", vec![]);
        let question = score_of("What does any of this have to do with the group?", vec![]);
        assert!(fact >= 0.8, "{fact}");
        assert!(opinion < 0.2, "{opinion}");
        assert!(question < 0.2, "{question}");
    }

    #[test]
    fn features_explain_the_score() {
        let sentence = "Troops withdrew 3,000 soldiers from the border on Monday.";
        let tokens = tokenize(sentence);
        let figures = figures::find(sentence, &tokens, 0..tokens.len());
        let context = Context {
            figures: &figures,
            actor_names: vec![],
            attributed: false,
            kind: SentenceKind::Body,
        };
        let (score, features) = score(sentence, &tokens, &context);
        let names: Vec<&str> = features.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["base", "figure", "date", "event verb"]);
        let sum: f32 = features.iter().map(|f| f.weight).sum();
        assert!((sum - score).abs() < 0.01);
        assert_eq!(features[1].evidence, "3,000");
    }
}
