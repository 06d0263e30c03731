//! Check-worthiness: a score in [0, 1] made of named features, each with its weight and
//! the words that showed it, so that a researcher can see why a sentence scored as it did.

use super::Feature;
use super::figures::{Figure, FigureKind};
use crate::text::lexicon::{List, lexicon};
use crate::text::segment::SentenceKind;
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;

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

/// Word classes the score looks for, in the order their features are listed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    Weekday,
    Event,
    Reporting,
    Superlative,
    Opinion,
    Hedge,
}

/// Scores a sentence. The features (base first), with the words that showed them, are
/// built only when the score reaches `min_score`: most sentences are not kept, and their
/// explanations would be thrown away.
pub fn score(
    src: Source<'_>,
    tokens: &[Token],
    context: &Context<'_>,
    min_score: f32,
) -> (f32, Option<Vec<Feature>>) {
    let lex = lexicon();
    let mut cues: Vec<(Cue, &Token)> = Vec::new();
    let mut words = 0;
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        words += 1;
        let lists = lex.lists_of(src.lower(t));
        if lists == 0 {
            continue;
        }
        let is = |list: List| lists & list.bit() != 0;
        if is(List::Weekdays) {
            cues.push((Cue::Weekday, t));
        } else if is(List::EventForms) || is(List::EventNouns) {
            cues.push((Cue::Event, t));
        } else if is(List::ReportingVerbs) {
            cues.push((Cue::Reporting, t));
        }
        for (list, cue) in [
            (List::Superlatives, Cue::Superlative),
            (List::OpinionWords, Cue::Opinion),
            (List::HedgeWords, Cue::Hedge),
        ] {
            if is(list) {
                cues.push((cue, t));
            }
        }
    }
    let has = |cue: Cue| cues.iter().any(|(c, _)| *c == cue);
    let count = |cue: Cue| cues.iter().filter(|(c, _)| *c == cue).count();
    let quantity = |f: &&Figure| f.kind.is_quantity() || f.kind == FigureKind::Duration;
    let dated = |f: &&Figure| matches!(f.kind, FigureKind::Year | FigureKind::Date);
    let question = tokens
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Quote && !t.is_punct(src.text, ')'))
        .is_some_and(|t| t.is_punct(src.text, '?'));
    let opinions = count(Cue::Opinion).min(3) as f32;
    let parts = [
        ("base", BASE, true),
        (
            "figure",
            FIGURE,
            context.figures.iter().any(|f| quantity(&f)),
        ),
        (
            "date",
            DATE,
            context.figures.iter().any(|f| dated(&f)) || has(Cue::Weekday),
        ),
        ("event verb", EVENT, has(Cue::Event)),
        ("named actor", NAMED_ACTOR, !context.actor_names.is_empty()),
        (
            "reporting verb",
            REPORTED,
            context.attributed || has(Cue::Reporting),
        ),
        ("superlative", SUPERLATIVE, has(Cue::Superlative)),
        ("opinion words", OPINION * opinions, opinions > 0.0),
        ("hedge", HEDGE, has(Cue::Hedge)),
        ("question", QUESTION, question),
        ("short", SHORT, words < 6),
        ("heading", HEADING, context.kind == SentenceKind::Heading),
    ];
    let total: f32 = parts.iter().filter(|p| p.2).map(|p| p.1).sum();
    let score = (total.clamp(0.0, 1.0) * 100.0).round() / 100.0;
    if score < min_score {
        return (score, None);
    }
    let words_of = |cue: Cue| {
        let found: Vec<&str> = cues
            .iter()
            .filter(|(c, _)| *c == cue)
            .map(|(_, t)| src.token(t))
            .collect();
        dedup(found).join(", ")
    };
    let figures_where = |keep: &dyn Fn(&&Figure) -> bool| {
        context
            .figures
            .iter()
            .filter(|f| keep(f))
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
    };
    let features = parts
        .iter()
        .filter(|p| p.2)
        .map(|&(name, weight, _)| {
            let evidence = match name {
                "figure" => figures_where(&quantity).join(", "),
                "date" => {
                    let mut found = figures_where(&dated);
                    found.extend(
                        cues.iter()
                            .filter(|(c, _)| *c == Cue::Weekday)
                            .map(|(_, t)| src.token(t)),
                    );
                    found.join(", ")
                }
                "event verb" => words_of(Cue::Event),
                "named actor" => dedup(context.actor_names.clone()).join(", "),
                "reporting verb" => words_of(Cue::Reporting),
                "superlative" => words_of(Cue::Superlative),
                "opinion words" => words_of(Cue::Opinion),
                "hedge" => words_of(Cue::Hedge),
                "question" => "?".to_string(),
                "short" => format!("{words} words"),
                _ => String::new(),
            };
            feature(name, weight, evidence)
        })
        .collect();
    (score, Some(features))
}

fn feature(name: &'static str, weight: f32, evidence: String) -> Feature {
    Feature {
        name: std::borrow::Cow::Borrowed(name),
        weight,
        evidence,
    }
}

/// Drops repeated words (ignoring case); lists are a handful of words long.
fn dedup(words: Vec<&str>) -> Vec<&str> {
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for w in words {
        if !kept.iter().any(|k| k.eq_ignore_ascii_case(w)) {
            kept.push(w);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::figures;
    use crate::text::token::tokenize;

    fn score_of(sentence: &str, actors: Vec<&str>) -> f32 {
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let figures = figures::find(src, &tokens, 0..tokens.len());
        let context = Context {
            figures: &figures,
            actor_names: actors,
            attributed: false,
            kind: SentenceKind::Body,
        };
        score(src, &tokens, &context, 0.0).0
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
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let figures = figures::find(src, &tokens, 0..tokens.len());
        let context = Context {
            figures: &figures,
            actor_names: vec![],
            attributed: false,
            kind: SentenceKind::Body,
        };
        let (score, features) = score(src, &tokens, &context, 0.0);
        let features = features.expect("kept at 0");
        let names: Vec<&str> = features.iter().map(|f| f.name.as_ref()).collect();
        assert_eq!(names, ["base", "figure", "date", "event verb"]);
        let sum: f32 = features.iter().map(|f| f.weight).sum();
        assert!((sum - score).abs() < 0.01);
        assert_eq!(features[1].evidence, "3,000");
    }
}
