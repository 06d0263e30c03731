//! The check-worthiness model: a logistic regression over the sentence signals and the
//! words and word pairs of a sentence, read from a weights file.
//!
//! The file (`assets/score-weights.txt`, written by `claimbench train-score`) has one
//! feature per line, tab-separated: `bias`, `threshold`, `signal NAME WEIGHT`,
//! `word TEXT WEIGHT` or `pair TEXT WEIGHT`; `#` starts a comment line. A weight is the
//! feature's contribution to the log-odds that the sentence is check-worthy.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::features::{Signal, key_of_file_form};

/// A weights file that cannot be read, with the line and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    /// The file could not be read.
    #[error("cannot read the weights file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a feature and weight.
    #[error("weights file line {line}: {message}")]
    Line {
        /// Line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file has no bias, or no feature at all.
    #[error("the weights file has no {0}")]
    Missing(&'static str),
}

/// Learned weights: log-odds contributions of a bias, of each signal and of words and
/// word pairs (by key, see [`super::features::key_of_text`]). Made by [`Model::new`],
/// [`Model::parse`] or [`Model::load`]; read-only once made.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The log-odds of a sentence with no feature at all.
    pub bias: f32,
    /// One weight per signal, indexed by `Signal as usize`; multiplied by the signal's value.
    pub signals: [f32; Signal::COUNT],
    /// Weights of words and word pairs, by key.
    ngrams: FxHashMap<u64, f32>,
    /// The score threshold chosen when the model was trained, if the file gives one.
    pub threshold: Option<f32>,
    /// One bit per bucket of keys, set when the model has a weight for some key in it:
    /// most grams of a sentence are unknown, and a bit test turns most of them away
    /// before the hash table is probed.
    known: KeyFilter,
}

/// A set of buckets of keys (by their top bits), with no false negatives.
#[derive(Clone, Debug, PartialEq)]
struct KeyFilter(Box<[u64]>);

impl KeyFilter {
    const BITS: u32 = 16;

    fn of<'a>(keys: impl Iterator<Item = &'a u64>) -> Self {
        let mut words = vec![0u64; (1 << Self::BITS) / 64].into_boxed_slice();
        for &key in keys {
            let b = Self::bucket(key);
            words[b / 64] |= 1 << (b % 64);
        }
        Self(words)
    }

    fn bucket(key: u64) -> usize {
        (key >> (64 - Self::BITS)) as usize
    }

    fn may_contain(&self, key: u64) -> bool {
        let b = Self::bucket(key);
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

impl Model {
    /// A model of these weights.
    pub fn new(
        bias: f32,
        signals: [f32; Signal::COUNT],
        ngrams: FxHashMap<u64, f32>,
        threshold: Option<f32>,
    ) -> Self {
        let known = KeyFilter::of(ngrams.keys());
        Self {
            bias,
            signals,
            ngrams,
            threshold,
            known,
        }
    }

    /// How many words, pairs, triples, first words and endings have a weight.
    pub fn ngram_count(&self) -> usize {
        self.ngrams.len()
    }

    /// The weight of a word or pair key, 0 when the model does not know it.
    pub fn ngram(&self, key: u64) -> f32 {
        if !self.known.may_contain(key) {
            return 0.0;
        }
        self.ngrams.get(&key).copied().unwrap_or(0.0)
    }

    /// The weight of a signal.
    pub fn signal(&self, signal: Signal) -> f32 {
        self.signals[signal as usize]
    }

    /// Reads a weights file.
    pub fn load(path: &Path) -> Result<Model, WeightsError> {
        let text = std::fs::read_to_string(path).map_err(|source| WeightsError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text)
    }

    /// Parses the text of a weights file. Every line must be understood: a damaged file is
    /// an error naming the line, never a model that silently lacks weights.
    pub fn parse(text: &str) -> Result<Model, WeightsError> {
        let mut bias = None;
        let mut signals = [None; Signal::COUNT];
        let mut ngrams = FxHashMap::default();
        let mut threshold = None;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let err = |message: String| WeightsError::Line { line, message };
            let raw = raw.trim_end_matches('\r');
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = raw.split('\t').collect();
            let number = |s: &str| -> Result<f32, WeightsError> {
                match s.trim().parse::<f32>() {
                    Ok(v) if v.is_finite() => Ok(v),
                    _ => Err(err(format!("“{s}” is not a finite number"))),
                }
            };
            match (fields[0], fields.len()) {
                ("bias", 2) => {
                    if bias.replace(number(fields[1])?).is_some() {
                        return Err(err("a second bias".into()));
                    }
                }
                ("threshold", 2) => {
                    let t = number(fields[1])?;
                    if !(0.0..=1.0).contains(&t) {
                        return Err(err(format!("threshold {t} is outside 0 to 1")));
                    }
                    threshold = Some(t);
                }
                ("signal", 3) => {
                    let signal = Signal::from_name(fields[1])
                        .ok_or_else(|| err(format!("“{}” is not a signal", fields[1])))?;
                    if signals[signal as usize]
                        .replace(number(fields[2])?)
                        .is_some()
                    {
                        return Err(err(format!("signal “{}” given twice", fields[1])));
                    }
                }
                (kind @ ("word" | "pair" | "triple" | "start" | "ending"), 3) => {
                    let key = key_of_file_form(kind, fields[1])
                        .ok_or_else(|| err(format!("“{}” is not a {kind}", fields[1])))?;
                    if ngrams.insert(key, number(fields[2])?).is_some() {
                        return Err(err(format!("{kind} “{}” given twice", fields[1])));
                    }
                }
                _ => {
                    return Err(err(format!(
                        "expected `bias W`, `threshold T`, `signal NAME W`, or `word`, `pair`, `triple`, `start` or `ending` with TEXT and W, separated by tabs; found “{}”",
                        raw.chars().take(60).collect::<String>()
                    )));
                }
            }
        }
        let bias = bias.ok_or(WeightsError::Missing("bias"))?;
        let mut weights = [0.0; Signal::COUNT];
        for (w, s) in weights.iter_mut().zip(signals) {
            // A signal the file leaves out adds nothing; every one written is checked.
            *w = s.unwrap_or(0.0);
        }
        if signals.iter().all(Option::is_none) && ngrams.is_empty() {
            return Err(WeightsError::Missing("feature"));
        }
        Ok(Model::new(bias, weights, ngrams, threshold))
    }

    /// The rules Claimbench used before its weights were learned, as a logistic model:
    /// each hand-set weight times 4 (the logistic's slope at 0.5 is ¼, so near a score of
    /// 0.5 each feature moves the score by about its old weight) and the bias put so that
    /// the old threshold of 0.5 stays at 0.5. Used only when the bundled weights are
    /// damaged, so that extraction still ranks sentences sensibly.
    pub fn hand_set() -> Model {
        let mut signals = [0.0; Signal::COUNT];
        for (signal, weight) in [
            (Signal::Figure, 0.30),
            (Signal::Date, 0.10),
            (Signal::EventVerb, 0.25),
            (Signal::NamedActor, 0.15),
            (Signal::ReportingVerb, 0.05),
            (Signal::Superlative, 0.05),
            (Signal::OpinionWords, -0.10),
            (Signal::Hedge, -0.05),
            (Signal::Question, -0.40),
            (Signal::Short, -0.25),
            (Signal::Heading, -0.10),
        ] {
            signals[signal as usize] = 4.0 * weight;
        }
        Model::new(4.0 * (0.15 - 0.5), signals, FxHashMap::default(), Some(0.5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::score::features::key_of_text;

    #[test]
    fn a_small_file_parses() {
        let m = Model::parse(
            "# comment\nbias\t-1.5\nthreshold\t0.4\nsignal\tfigure\t1.25\nword\tpercent\t0.5\npair\ti think\t-0.75\nstart\twell\t-0.25\nending\ting\t0.125\n",
        )
        .expect("parses");
        assert_eq!(m.bias, -1.5);
        assert_eq!(m.threshold, Some(0.4));
        assert_eq!(m.signal(Signal::Figure), 1.25);
        assert_eq!(m.signal(Signal::Question), 0.0);
        assert_eq!(m.ngram(key_of_text("percent")), 0.5);
        assert_eq!(m.ngram(key_of_text("i think")), -0.75);
        assert_eq!(m.ngram(key_of_text("think")), 0.0);
        assert_eq!(m.ngram(key_of_text("^ well")), -0.25);
        assert_eq!(m.ngram(key_of_text("-ing")), 0.125);
    }

    #[test]
    fn damaged_files_are_errors_that_name_the_line() {
        for (text, line) in [
            ("bias\t-1\nsignal\tfigur\t1\n", 2),
            ("bias\t-1\nword\tpercent\tNaN\n", 2),
            ("bias\t-1\nword\tpercent\n", 2),
            ("bias\t-1\nword\ttwo words\t1\n", 2),
            ("bias\t-1\nbias\t2\nword\ta\t1\n", 2),
            ("bias\t-1\nword\ta\t1\nword\ta\t2\n", 3),
            ("bias -1\n", 1),
            ("bias\t-1\nthreshold\t3\n", 2),
        ] {
            match Model::parse(text) {
                Err(WeightsError::Line { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        assert!(matches!(
            Model::parse("word\ta\t1\n"),
            Err(WeightsError::Missing("bias"))
        ));
        assert!(matches!(
            Model::parse("bias\t1\n"),
            Err(WeightsError::Missing("feature"))
        ));
        assert!(Model::parse("").is_err());
        assert!(matches!(
            Model::load(Path::new("/nonexistent/weights.txt")),
            Err(WeightsError::Io { .. })
        ));
    }

    #[test]
    fn the_hand_set_fallback_keeps_the_old_threshold() {
        let m = Model::hand_set();
        // The old base (0.15) plus figure and event verb (0.55) was kept at 0.5.
        let z = m.bias + m.signal(Signal::Figure) + m.signal(Signal::EventVerb);
        assert!(z > 0.0);
        assert!(m.bias + m.signal(Signal::Figure) < 0.0);
    }
}
