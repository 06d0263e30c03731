//! Check-worthiness: the probability, from a logistic regression, that a sentence is a
//! factual claim worth checking, with the features that made it, what each added to the
//! score (the weights add up to it) and the words that showed it, so that a researcher can
//! see why a sentence scored as it did.
//!
//! The score is `logistic(bias + Σ weights)`: [`features`] finds the sentence signals and
//! the words, [`model`] holds the learned weights (`assets/score-weights.txt`), and
//! [`train`] learns them from labelled sentences.

pub mod features;
pub mod model;
pub mod train;

use std::fmt::Write as _;
use std::sync::LazyLock;

pub use features::{Context, Signal, Signals};
pub use model::{Model, WeightsError};

use super::explanation::{Features, FeaturesBuilder};
use crate::text::token::{Token, TokenKind};
use crate::text::words::Source;
use features::{Cue, cue_of};

pub(crate) const BUNDLED_WEIGHTS: &str = include_str!("../../../assets/score-weights.txt");

/// The bundled model, or the hand-set fallback with the reason the bundled file failed.
static BUNDLED: LazyLock<(Model, Option<WeightsError>)> =
    LazyLock::new(|| match Model::parse(BUNDLED_WEIGHTS) {
        Ok(model) => (model, None),
        Err(e) => (Model::hand_set(), Some(e)),
    });

/// The model extraction scores with: the bundled weights.
pub fn model() -> &'static Model {
    &BUNDLED.0
}

/// Why the bundled weights could not be read, if they could not (extraction then uses
/// [`Model::hand_set`]). Shown as a warning by the command line.
pub fn bundled_error() -> Option<&'static WeightsError> {
    BUNDLED.1.as_ref()
}

/// The logistic function: log-odds to probability.
pub fn logistic(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Name of the bias in explanations.
pub const BIAS: &str = "bias";
/// Name of the sum of the words and pairs with positive weights.
pub const WORDS_FOR: &str = "words for";
/// Name of the sum of the words and pairs with negative weights.
pub const WORDS_AGAINST: &str = "words against";

/// The engine's own name equal to `name`, if it is one: the bias, a signal, or the words
/// for or against.
pub fn known_name(name: &str) -> Option<&'static str> {
    [BIAS, WORDS_FOR, WORDS_AGAINST]
        .into_iter()
        .chain(Signal::ALL.into_iter().map(Signal::name))
        .find(|&known| known == name)
}

/// Scores a sentence with the bundled model; see [`score_with`].
pub fn score(
    src: Source<'_>,
    tokens: &[Token],
    context: &Context<'_>,
    min_score: f32,
) -> (f32, Option<Features>) {
    score_with(model(), src, tokens, context, min_score)
}

/// The log-odds parts of a sentence's score, in the order they are listed and summed.
struct Parts {
    signals: Signals,
    /// Sum of the positive gram weights, times the sentence's gram scale.
    words_for: f32,
    /// Sum of the negative gram weights, times the sentence's gram scale.
    words_against: f32,
    /// What each gram counts for in this sentence ([`features::gram_scale`]).
    scale: f32,
    /// The grams the model has a weight for, with that weight, in sentence order: what
    /// the explanation names, kept so that it need not find them again.
    hits: Vec<(f32, features::Gram)>,
}

impl Parts {
    fn of(model: &Model, src: Source<'_>, tokens: &[Token], context: &Context<'_>) -> Self {
        let signals = features::signals(src, tokens, context);
        let (mut words_for, mut words_against) = (0.0f32, 0.0f32);
        let mut grams = 0;
        let mut hits = Vec::new();
        features::for_each_ngram(src, tokens, |key, gram| {
            grams += 1;
            let w = model.ngram(key);
            if w > 0.0 {
                words_for += w;
            } else {
                words_against += w;
            }
            if w != 0.0 {
                hits.push((w, gram));
            }
        });
        let scale = features::gram_scale(grams);
        Self {
            signals,
            words_for: words_for * scale,
            words_against: words_against * scale,
            scale,
            hits,
        }
    }

    /// The listed contributions, in order: bias, each present signal, words for, words
    /// against. The score is the logistic of their sum taken in this order.
    fn contributions<'a>(&'a self, model: &'a Model) -> impl Iterator<Item = (Part, f32)> + 'a {
        let signals = Signal::ALL.into_iter().filter_map(move |s| {
            // A signal that adds nothing (absent, or weighing nothing) explains nothing.
            let w = model.signal(s) * self.signals.get(s);
            (w != 0.0).then_some((Part::Signal(s), w))
        });
        std::iter::once((Part::Bias, model.bias))
            .chain(signals)
            .chain((self.words_for != 0.0).then_some((Part::WordsFor, self.words_for)))
            .chain((self.words_against != 0.0).then_some((Part::WordsAgainst, self.words_against)))
    }

    fn log_odds(&self, model: &Model) -> f32 {
        self.contributions(model).map(|(_, w)| w).sum()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Bias,
    Signal(Signal),
    WordsFor,
    WordsAgainst,
}

/// The log-odds of a sentence under `model` (the score before the logistic).
pub fn log_odds(model: &Model, src: Source<'_>, tokens: &[Token], context: &Context<'_>) -> f32 {
    Parts::of(model, src, tokens, context).log_odds(model)
}

/// What each unit of log-odds counts for in a sentence whose log-odds are `z`: the share
/// `(logistic(z) - ½) / z` (¼ at 0, where the logistic's slope is ¼). Every contribution
/// times this share, plus ½, adds up to the score exactly, and each keeps its sign: the
/// explanation splits the distance from an even ½ to the score in proportion to what
/// each feature added to the log-odds.
pub fn share_of(z: f32) -> f32 {
    if z.abs() < 1e-4 {
        0.25
    } else {
        (logistic(z) - 0.5) / z
    }
}

/// Where an explanation starts: an even chance. The bias's share is added to it.
pub const EVEN: f32 = 0.5;

/// Scores a sentence: `logistic(bias + Σ contributions)`. The features (bias first, then
/// each signal that adds something, then the words for and against), each with what it
/// added to the score and the words that showed it, add up to the score: the bias is ½
/// plus its share, each other feature its share (see [`share_of`]). They are built only
/// when the score reaches `min_score`: most sentences are not kept, and their
/// explanations would be thrown away.
pub fn score_with(
    model: &Model,
    src: Source<'_>,
    tokens: &[Token],
    context: &Context<'_>,
    min_score: f32,
) -> (f32, Option<Features>) {
    let parts = Parts::of(model, src, tokens, context);
    let z = parts.log_odds(model);
    let score = logistic(z);
    if score < min_score {
        return (score, None);
    }
    let share = share_of(z);
    let lex = crate::text::lexicon::lexicon();
    let lists: Vec<u64> = tokens
        .iter()
        .map(|t| {
            if t.kind == TokenKind::Word {
                lex.lists_of(src.lower(t))
            } else {
                0
            }
        })
        .collect();
    let (for_evidence, against_evidence) =
        word_evidence(&parts.hits, src, tokens, parts.scale * share);
    let mut features = FeaturesBuilder::with_capacity(parts.contributions(model).count());
    for (part, log_odds) in parts.contributions(model) {
        let weight = if part == Part::Bias {
            EVEN + log_odds * share
        } else {
            log_odds * share
        };
        match part {
            Part::Bias => features.push(BIAS, weight, ""),
            Part::Signal(s) => features.push(
                s.name(),
                weight,
                &signal_evidence(s, &parts.signals, src, tokens, &lists, context),
            ),
            Part::WordsFor => features.push(WORDS_FOR, weight, &for_evidence),
            Part::WordsAgainst => features.push(WORDS_AGAINST, weight, &against_evidence),
        }
    }
    (score, Some(features.build()))
}

/// The words or figures that showed a signal.
/// `lists` holds the word lists of each token (0 for tokens that are not words), looked up
/// once for all the signals of a claim.
fn signal_evidence(
    signal: Signal,
    signals: &Signals,
    src: Source<'_>,
    tokens: &[Token],
    lists: &[u64],
    context: &Context<'_>,
) -> String {
    use crate::text::lexicon::List;
    let words_where = |keep: &dyn Fn(u64) -> bool| {
        let found: Vec<&str> = tokens
            .iter()
            .zip(lists)
            .filter(|&(_, &l)| l != 0 && keep(l))
            .map(|(t, _)| src.token(t))
            .collect();
        dedup(found)
    };
    let figures_where = |keep: fn(&super::Figure) -> bool| {
        context
            .figures
            .iter()
            .filter(|f| keep(f))
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
    };
    match signal {
        Signal::Figure => figures_where(features::is_quantity).join(", "),
        Signal::Date => {
            let mut found = figures_where(features::is_date);
            found.extend(words_where(&|l| cue_of(l) == Some(Cue::Weekday)));
            found.join(", ")
        }
        Signal::EventVerb => words_where(&|l| cue_of(l) == Some(Cue::Event)).join(", "),
        Signal::NamedActor => dedup(context.actor_names.to_vec()).join(", "),
        Signal::ReportingVerb => words_where(&|l| cue_of(l) == Some(Cue::Reporting)).join(", "),
        Signal::Superlative => words_where(&|l| l & List::Superlatives.bit() != 0).join(", "),
        Signal::OpinionWords => words_where(&|l| l & List::OpinionWords.bit() != 0).join(", "),
        Signal::Hedge => words_where(&|l| l & List::HedgeWords.bit() != 0).join(", "),
        Signal::Question => "?".to_string(),
        Signal::Short => format!("{} words", signals.words),
        Signal::Heading => String::new(),
        Signal::Length => format!("{} words", signals.words),
    }
}

/// Grams named in a feature's evidence; the weight still adds up every gram.
const EVIDENCE_GRAMS: usize = 5;

/// The grams with positive weights, and those with negative weights, each with what it
/// added to the score in this sentence (its weight times `scale`: the gram scale times the
/// sentence's share), strongest first, at most [`EVIDENCE_GRAMS`] of each and then how
/// many more: `percent +0.012, # killed +0.009` and `i think -0.020`. From the grams
/// found when scoring; only those named are turned into text.
fn word_evidence(
    hits: &[(f32, features::Gram)],
    src: Source<'_>,
    tokens: &[Token],
    scale: f32,
) -> (String, String) {
    // Strongest first; among equals, in sentence order. Only the strongest few are named,
    // so only they are sorted.
    let strongest_first =
        |a: &(f32, usize), b: &(f32, usize)| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1));
    let list = |positive: bool| {
        let mut found: Vec<(f32, usize)> = hits
            .iter()
            .enumerate()
            .map(|(k, &(w, _))| (w * scale, k))
            .filter(|(w, _)| (*w > 0.0) == positive)
            .collect();
        let more = found.len().saturating_sub(EVIDENCE_GRAMS);
        if more > 0 {
            found.select_nth_unstable_by(EVIDENCE_GRAMS - 1, strongest_first);
            found.truncate(EVIDENCE_GRAMS);
        }
        found.sort_unstable_by(strongest_first);
        let mut out = String::new();
        for (named, &(w, k)) in found.iter().enumerate() {
            if named > 0 {
                out.push_str(", ");
            }
            features::write_ngram_text(&mut out, src, tokens, hits[k].1);
            out.push(' ');
            push_thousandths(&mut out, w);
        }
        if more > 0 {
            let _ = write!(out, " and {more} more");
        }
        out
    };
    (list(true), list(false))
}

/// Appends `w` with its sign and three decimals, as `{:+.3}` would (`+0.012`, `-1.250`),
/// without the general float formatting: explanations name a dozen figures per claim.
fn push_thousandths(out: &mut String, w: f32) {
    let m = (f64::from(w).abs() * 1000.0).round() as u64;
    out.push(if w < 0.0 { '-' } else { '+' });
    let _ = write!(out, "{}.", m / 1000);
    let frac = m % 1000;
    for digit in [frac / 100, frac / 10 % 10, frac % 10] {
        out.push(char::from(b'0' + digit as u8));
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
    use crate::extract::{Feature, FeatureRef, figures};
    use crate::text::segment::SentenceKind;
    use crate::text::token::tokenize;

    fn scored(model: &Model, sentence: &str, actors: &[&str]) -> (f32, Vec<Feature>) {
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
        let (score, features) = score_with(model, src, &tokens, &context, 0.0);
        let features = features.expect("kept at 0");
        (score, features.iter().map(FeatureRef::to_feature).collect())
    }

    #[test]
    fn features_read_back_share_the_engine_names_and_keep_others() {
        let written = vec![
            Feature {
                name: std::borrow::Cow::Borrowed(Signal::Figure.name()),
                weight: 1.5,
                evidence: "£4bn".into(),
            },
            Feature {
                name: std::borrow::Cow::Owned("a name of another engine".into()),
                weight: -0.5,
                evidence: String::new(),
            },
        ];
        let postcard_bytes = postcard::to_stdvec(&written).expect("encodes");
        let from_postcard: Vec<Feature> = postcard::from_bytes(&postcard_bytes).expect("decodes");
        let json = serde_json::to_vec(&written).expect("writes");
        let from_json: Vec<Feature> = serde_json::from_reader(json.as_slice()).expect("reads");
        for read in [from_postcard, from_json] {
            assert_eq!(read, written);
            assert!(matches!(read[0].name, std::borrow::Cow::Borrowed(_)));
            assert!(matches!(read[1].name, std::borrow::Cow::Owned(_)));
        }
        assert_eq!(known_name("words for"), Some(WORDS_FOR));
        assert_eq!(known_name("Figure"), None);
    }

    fn small_model() -> Model {
        Model::parse(
            "bias\t-1\nsignal\tfigure\t1.5\nsignal\tevent verb\t0.75\nsignal\tdate\t0.25\n\
             signal\topinion words\t-0.5\nword\tpercent\t0.5\npair\ti think\t-1\nword\tthink\t-0.25\n",
        )
        .expect("parses")
    }

    #[test]
    fn features_explain_the_score_exactly() {
        let model = small_model();
        let sentence = "I think troops withdrew 3,000 soldiers, 40 percent of them, on Monday.";
        let (score, features) = scored(&model, sentence, &[]);
        let names: Vec<&str> = features.iter().map(|f| f.name.as_ref()).collect();
        // `length` is present but weighs nothing in this model, so it is not listed.
        assert_eq!(
            names,
            [
                "bias",
                "figure",
                "date",
                "event verb",
                "opinion words",
                WORDS_FOR,
                WORDS_AGAINST
            ]
        );
        let sum: f32 = features.iter().map(|f| f.weight).sum();
        assert!((sum - score).abs() < 1e-6, "{sum} vs {score}");
        assert_eq!(features[1].evidence, "3,000, 40");
        assert_eq!(features[2].evidence, "Monday");
        assert_eq!(features[3].evidence, "withdrew");
        assert_eq!(features[4].evidence, "think");
        // Each gram counts one over the square root of the sentence's number of grams.
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let mut grams = 0;
        features::for_each_ngram(src, &tokens, |_, _| grams += 1);
        let scale = features::gram_scale(grams);
        // -1 + 1.5 + 0.25 + 0.75 - 0.5, and the words.
        let z = 1.0 - 0.75 * scale;
        assert!((logistic(z) - score).abs() < 1e-6);
        // Each feature gets its log-odds times the share; the bias starts from ½.
        let share = share_of(z);
        let expected = [
            0.5 - share,
            1.5 * share,
            0.25 * share,
            0.75 * share,
            -0.5 * share,
            0.5 * scale * share,
            -1.25 * scale * share,
        ];
        for (f, e) in features.iter().zip(expected) {
            assert!(
                (f.weight - e).abs() < 1e-6,
                "{}: {} vs {e}",
                f.name,
                f.weight
            );
        }
        assert_eq!(
            features[5].evidence,
            format!("percent {:+.3}", 0.5 * scale * share)
        );
        assert_eq!(
            features[6].evidence,
            format!(
                "i think {:+.3}, think {:+.3}",
                -scale * share,
                -0.25 * scale * share
            )
        );
    }

    #[test]
    fn thousandths_are_written_as_the_formatter_writes_them() {
        for w in [
            0.0f32, 0.012, -0.02, 1.25, -1.25, 0.0004, 12.3456, -0.9996, 0.3333,
        ] {
            let mut out = String::new();
            push_thousandths(&mut out, w);
            assert_eq!(out, format!("{w:+.3}"), "{w}");
        }
    }

    #[test]
    fn the_share_keeps_signs_and_adds_up() {
        for z in [-9.0f32, -2.0, -0.3, 0.0, 1e-5, 0.7, 4.0, 12.0] {
            let share = share_of(z);
            assert!(share > 0.0 && share <= 0.25, "{z}: {share}");
            assert!((EVEN + z * share - logistic(z)).abs() < 1e-5, "{z}");
        }
    }

    #[test]
    fn opinion_words_count_up_to_three() {
        let value = |sentence: &str| {
            let tokens = tokenize(sentence);
            let lower = crate::text::words::lowered(sentence);
            let src = Source::new(sentence, &lower);
            let context = Context {
                figures: &[],
                actor_names: &[],
                attributed: false,
                kind: SentenceKind::Body,
            };
            features::signals(src, &tokens, &context).get(Signal::OpinionWords)
        };
        assert_eq!(value("A shameful and disgusting regime."), 2.0);
        assert_eq!(
            value("A shameful, disgusting, evil and terrible regime."),
            3.0
        );
    }

    #[test]
    fn sentences_below_the_threshold_get_no_explanation() {
        let model = small_model();
        let sentence = "I think so.";
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let context = Context {
            figures: &[],
            actor_names: &[],
            attributed: false,
            kind: SentenceKind::Body,
        };
        let (score, features) = score_with(&model, src, &tokens, &context, 0.5);
        assert!(score < 0.5);
        assert!(features.is_none());
        assert_eq!(logistic(log_odds(&model, src, &tokens, &context)), score);
    }

    #[test]
    fn the_bundled_weights_load() {
        assert!(bundled_error().is_none(), "{:?}", bundled_error());
        let m = model();
        assert!(m.ngram_count() >= 100);
        assert!(m.threshold.is_some());
    }

    #[test]
    fn bundled_model_ranks_facts_above_opinion_and_questions() {
        let m = model();
        let fact = scored(
            m,
            "The group killed 12,000 civilians in 1981, officials said.",
            &["group"],
        )
        .0;
        let opinion = scored(
            m,
            "I think this is a shameful, disgusting and evil regime.",
            &[],
        )
        .0;
        let question = scored(m, "What does any of this have to do with the group?", &[]).0;
        assert!(fact > 0.7, "{fact}");
        assert!(opinion < 0.2, "{opinion}");
        assert!(question < 0.2, "{question}");
    }
}
