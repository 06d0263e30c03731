//! Learning the check-worthiness weights from labelled sentences: an L2-regularised
//! logistic regression over the sentence signals and the words and word pairs, fitted by
//! L-BFGS, with the words pruned to the most useful few thousand, and evaluated by
//! cross-validation (train on four fifths, score the held-out fifth, five times).
//!
//! Every step is deterministic: folds come from a seeded hash of each sentence's text (so
//! a sentence that occurs twice is never on both sides of a fold), sums run in a fixed
//! order, and the weights file is written sorted.

use std::collections::HashMap;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::features::{self, Signal};
use crate::corpus::Corpus;

/// How to train.
#[derive(Clone, Debug)]
pub struct Options {
    /// Number of cross-validation folds.
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// Words and pairs kept in the model, the most useful first.
    pub keep: usize,
    /// L2 penalty on every weight but the bias (the objective is the summed log-loss plus
    /// `l2 / 2` times the squared weights).
    pub l2: f64,
    /// Words and pairs seen in fewer training sentences than this are not considered.
    pub min_count: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            folds: 5,
            seed: 1,
            keep: 10_000,
            l2: 0.25,
            min_count: 3,
        }
    }
}

/// Why training could not run.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The labels file is not a JSON object of ids to 0 or 1.
    #[error("the labels file is not a JSON object of document ids to 0 or 1: {0}")]
    Labels(String),
    /// Too few labelled documents, or only one class.
    #[error("{0}")]
    Data(String),
}

/// A labelled document: its label and fold.
#[derive(Clone, Debug)]
struct Doc {
    positive: bool,
    fold: usize,
    /// Indices of its candidate sentences in [`Dataset::examples`].
    examples: std::ops::Range<usize>,
}

/// One candidate sentence: its signal values and its words and pairs with their counts.
#[derive(Clone, Debug)]
struct Example {
    signals: [f32; Signal::COUNT],
    ngrams: Vec<(u32, f32)>,
}

/// The labelled documents with the features of their candidate sentences.
pub struct Dataset {
    docs: Vec<Doc>,
    examples: Vec<Example>,
    /// The text of each word or pair, by index.
    texts: Vec<String>,
    /// Ids in the labels that no document has.
    pub unmatched_labels: usize,
    /// Documents that have no label (left out).
    pub unlabelled_documents: usize,
}

impl Dataset {
    /// Labelled documents.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Documents labelled check-worthy.
    pub fn positives(&self) -> usize {
        self.docs.iter().filter(|d| d.positive).count()
    }

    /// Candidate sentences.
    pub fn sentences(&self) -> usize {
        self.examples.len()
    }
}

/// Reads labels: a JSON object of document ids to 0/1 (or false/true).
pub fn parse_labels(json: &str) -> Result<HashMap<String, bool>, TrainError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| TrainError::Labels(e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| TrainError::Labels("not an object".into()))?;
    object
        .iter()
        .map(|(id, v)| {
            let label = match v {
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::Number(n) if n.as_u64() == Some(0) => false,
                serde_json::Value::Number(n) if n.as_u64() == Some(1) => true,
                other => {
                    return Err(TrainError::Labels(format!("{id}: {other} is not 0 or 1")));
                }
            };
            Ok((id.clone(), label))
        })
        .collect()
}

/// Runs the extraction's sentence finding on every labelled document and collects what
/// the score reads in each candidate sentence. A document's label applies to every
/// candidate sentence in it (the labelled sets hold one sentence per document).
pub fn dataset(
    corpus: &Corpus,
    labels: &HashMap<String, bool>,
    options: &Options,
) -> Result<Dataset, TrainError> {
    let mut docs = Vec::new();
    let mut examples = Vec::new();
    let mut index_of: FxHashMap<String, u32> = FxHashMap::default();
    let mut texts = Vec::new();
    let mut unlabelled = 0;
    let mut matched = 0;
    for doc in &corpus.documents {
        let Some(&positive) = labels.get(&doc.id) else {
            unlabelled += 1;
            continue;
        };
        matched += 1;
        let first = examples.len();
        super::super::document::for_each_candidate(doc, |src, tokens, context| {
            let signals = features::signals(src, tokens, context);
            let mut counts: Vec<(u32, f32)> = Vec::new();
            features::for_each_ngram(src, tokens, |_, gram| {
                let text = features::ngram_text(src, tokens, gram);
                let next = index_of.len() as u32;
                let index = *index_of.entry(text).or_insert_with_key(|t| {
                    texts.push(t.clone());
                    next
                });
                match counts.iter_mut().find(|(i, _)| *i == index) {
                    Some((_, c)) => *c += 1.0,
                    None => counts.push((index, 1.0)),
                }
            });
            // As in scoring: each gram counts 1 / sqrt(the number of grams in the sentence).
            let scale = features::gram_scale(counts.iter().map(|c| c.1).sum::<f32>() as usize);
            for c in &mut counts {
                c.1 *= scale;
            }
            examples.push(Example {
                signals: signals.values,
                ngrams: counts,
            });
        });
        docs.push(Doc {
            positive,
            fold: fold_of(&doc.text, options.seed, options.folds),
            examples: first..examples.len(),
        });
    }
    let positives = docs.iter().filter(|d| d.positive).count();
    if docs.len() < 2 * options.folds || positives == 0 || positives == docs.len() {
        return Err(TrainError::Data(format!(
            "{} labelled documents ({positives} check-worthy): too few, or only one class, to train and cross-validate on",
            docs.len()
        )));
    }
    Ok(Dataset {
        docs,
        examples,
        texts,
        unmatched_labels: labels.len() - matched,
        unlabelled_documents: unlabelled,
    })
}

/// The fold of a document, from a seeded hash of its text with case and spacing folded,
/// so that repeated sentences share a fold.
fn fold_of(text: &str, seed: u64, folds: usize) -> usize {
    let folded: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let h = features::pair_key(features::text_key(&folded), seed);
    (h % folds as u64) as usize
}

/// Learned weights, with words and pairs as indices into the dataset's texts.
#[derive(Clone, Debug)]
struct Weights {
    bias: f64,
    signals: [f64; Signal::COUNT],
    ngrams: Vec<(u32, f64)>,
}

impl Weights {
    fn lookup(&self) -> FxHashMap<u32, f64> {
        self.ngrams.iter().copied().collect()
    }
}

/// Precision, recall and F1 of check-worthy documents at a threshold.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    /// Check-worthy documents predicted check-worthy.
    pub true_positives: usize,
    /// Other documents predicted check-worthy.
    pub false_positives: usize,
    /// Check-worthy documents missed.
    pub false_negatives: usize,
    /// The score threshold.
    pub threshold: f64,
}

impl Figures {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Figures) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What training found: the cross-validated figures and the final model as a file.
pub struct Report {
    /// Figures on each held-out fold, at the threshold chosen on its training folds.
    pub folds: Vec<Figures>,
    /// The held-out folds' counts added up (each at its own threshold).
    pub pooled: Figures,
    /// The threshold for the final model: the best F1 over every held-out score.
    pub threshold: Figures,
    /// Words and pairs in the final model.
    pub kept: usize,
    /// The weights file's lines, without a header.
    pub weights_file: String,
}

/// Cross-validates, then trains on everything and writes the weights file. For each
/// held-out fold the threshold is chosen without it: on held-out scores within the other
/// folds (each of them scored by a model trained on the remaining ones).
pub fn train(data: &Dataset, options: &Options) -> Report {
    let k = options.folds;
    let all: Vec<usize> = (0..data.docs.len()).collect();
    let in_folds = |excluded: &[usize]| -> Vec<usize> {
        all.iter()
            .copied()
            .filter(|&d| !excluded.contains(&data.docs[d].fold))
            .collect()
    };
    let held = |fold: usize| -> Vec<usize> {
        all.iter()
            .copied()
            .filter(|&d| data.docs[d].fold == fold)
            .collect()
    };
    let mut folds = Vec::new();
    let mut pooled = Figures::default();
    let mut outer_scores: Vec<(f64, bool)> = Vec::new();
    for test in 0..k {
        let mut inner_scores = Vec::new();
        for inner in (0..k).filter(|&f| f != test) {
            let w = fit(data, &in_folds(&[test, inner]), options);
            inner_scores.extend(doc_scores(data, &w, &held(inner)));
        }
        let threshold = best_threshold(&mut inner_scores).threshold;
        let w = fit(data, &in_folds(&[test]), options);
        let scores = doc_scores(data, &w, &held(test));
        let figures = at_threshold(&scores, threshold);
        pooled.add(&figures);
        folds.push(figures);
        outer_scores.extend(scores);
    }
    let chosen = best_threshold(&mut outer_scores);
    let final_weights = fit(data, &all, options);
    let weights_file = write_weights(data, &final_weights, chosen.threshold);
    Report {
        folds,
        pooled,
        threshold: chosen,
        kept: final_weights.ngrams.len(),
        weights_file,
    }
}

/// Each document's score: the highest of its sentences' (a document counts as predicted
/// check-worthy when any of its sentences is listed), 0 when it has none.
fn doc_scores(data: &Dataset, w: &Weights, docs: &[usize]) -> Vec<(f64, bool)> {
    let lookup = w.lookup();
    docs.iter()
        .map(|&d| {
            let doc = &data.docs[d];
            let best = data.examples[doc.examples.clone()]
                .iter()
                .map(|e| sigmoid(log_odds(w, &lookup, e)))
                .fold(0.0, f64::max);
            (best, doc.positive)
        })
        .collect()
}

fn log_odds(w: &Weights, lookup: &FxHashMap<u32, f64>, e: &Example) -> f64 {
    let mut z = w.bias;
    for (s, v) in w.signals.iter().zip(e.signals) {
        z += s * f64::from(v);
    }
    for &(i, c) in &e.ngrams {
        z += lookup.get(&i).copied().unwrap_or(0.0) * f64::from(c);
    }
    z
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn at_threshold(scores: &[(f64, bool)], threshold: f64) -> Figures {
    let mut f = Figures {
        threshold,
        ..Figures::default()
    };
    for &(s, positive) in scores {
        match (s >= threshold, positive) {
            (true, true) => f.true_positives += 1,
            (true, false) => f.false_positives += 1,
            (false, true) => f.false_negatives += 1,
            (false, false) => {}
        }
    }
    f
}

/// The threshold with the best F1 over `scores`, rounded to a hundredth (a threshold
/// finer than that would be fitted to the noise of one sample).
fn best_threshold(scores: &mut [(f64, bool)]) -> Figures {
    (1..100)
        .map(|t| at_threshold(scores, f64::from(t) / 100.0))
        .fold(Figures::default(), |best, f| {
            if f.f1() > best.f1() { f } else { best }
        })
}

/// Trains on the documents `docs`: all words and pairs seen in at least `min_count` of
/// their sentences, then again on the `keep` most useful of them.
fn fit(data: &Dataset, docs: &[usize], options: &Options) -> Weights {
    let rows: Vec<(&Example, bool)> = docs
        .iter()
        .flat_map(|&d| {
            let doc = &data.docs[d];
            data.examples[doc.examples.clone()]
                .iter()
                .map(move |e| (e, doc.positive))
        })
        .collect();
    let mut seen = vec![0u32; data.texts.len()];
    for (e, _) in &rows {
        for &(i, _) in &e.ngrams {
            seen[i as usize] += 1;
        }
    }
    let candidates: Vec<u32> = (0..data.texts.len() as u32)
        .filter(|&i| seen[i as usize] >= options.min_count)
        .collect();
    let first = optimise(&rows, &candidates, options.l2, None);
    // The most useful words move many sentences far: weight times the square root of how
    // often they occur (rare words with large weights are kept too, but fewer of them).
    let mut ranked: Vec<(f64, u32)> = first
        .ngrams
        .iter()
        .map(|&(i, w)| (w.abs() * f64::from(seen[i as usize]).sqrt(), i))
        .filter(|&(u, _)| u > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut kept: Vec<u32> = ranked.iter().take(options.keep).map(|&(_, i)| i).collect();
    kept.sort_unstable();
    optimise(&rows, &kept, options.l2, Some(&first))
}

/// Minimises the L2-regularised log-loss over the signals and the words and pairs in
/// `vocabulary`, by L-BFGS, starting from `start` where it has weights.
fn optimise(
    rows: &[(&Example, bool)],
    vocabulary: &[u32],
    l2: f64,
    start: Option<&Weights>,
) -> Weights {
    // Parameters: bias, signals, then one per vocabulary entry.
    let offset = 1 + Signal::COUNT;
    let mut column: FxHashMap<u32, usize> = FxHashMap::default();
    for (j, &i) in vocabulary.iter().enumerate() {
        column.insert(i, offset + j);
    }
    // Sparse rows: (column, value), the bias and signals included.
    let matrix: Vec<(Vec<(usize, f64)>, f64)> = rows
        .iter()
        .map(|(e, positive)| {
            let mut cols = vec![(0, 1.0)];
            for (s, &v) in e.signals.iter().enumerate() {
                if v != 0.0 {
                    cols.push((1 + s, f64::from(v)));
                }
            }
            for &(i, c) in &e.ngrams {
                if let Some(&j) = column.get(&i) {
                    cols.push((j, f64::from(c)));
                }
            }
            (cols, if *positive { 1.0 } else { 0.0 })
        })
        .collect();
    let n = offset + vocabulary.len();
    let mut x = vec![0.0; n];
    if let Some(w) = start {
        x[0] = w.bias;
        x[1..offset].copy_from_slice(&w.signals);
        for &(i, v) in &w.ngrams {
            if let Some(&j) = column.get(&i) {
                x[j] = v;
            }
        }
    }
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        for (cols, y) in &matrix {
            let z: f64 = cols.iter().map(|&(j, v)| x[j] * v).sum();
            // log(1 + e^z) - y z, computed without overflow.
            loss += if z > 0.0 {
                z + (-z).exp().ln_1p()
            } else {
                z.exp().ln_1p()
            } - y * z;
            let residual = sigmoid(z) - y;
            for &(j, v) in cols {
                grad[j] += residual * v;
            }
        }
        for j in 1..x.len() {
            loss += 0.5 * l2 * x[j] * x[j];
            grad[j] += l2 * x[j];
        }
        loss
    };
    lbfgs(&mut x, objective, 300);
    let mut signals = [0.0; Signal::COUNT];
    signals.copy_from_slice(&x[1..offset]);
    Weights {
        bias: x[0],
        signals,
        ngrams: vocabulary
            .iter()
            .enumerate()
            .map(|(j, &i)| (i, x[offset + j]))
            .collect(),
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search; stops when the gradient
/// is tiny, the loss no longer falls, or after `max_iterations`.
fn lbfgs(x: &mut [f64], f: impl Fn(&[f64], &mut [f64]) -> f64, max_iterations: usize) {
    const MEMORY: usize = 10;
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut loss = f(x, &mut g);
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> =
        std::collections::VecDeque::new();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
    let mut next_g = vec![0.0; n];
    let mut candidate = vec![0.0; n];
    for _ in 0..max_iterations {
        if g.iter().fold(0.0f64, |m, v| m.max(v.abs())) < 1e-5 {
            break;
        }
        // Two-loop recursion: direction = -H g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &d);
            d.iter_mut().zip(y).for_each(|(di, yi)| *di -= a * yi);
            alphas.push(a);
        }
        if let Some((s, y, _)) = history.back() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|di| *di *= gamma);
        }
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &d);
            d.iter_mut().zip(s).for_each(|(di, si)| *di += (a - b) * si);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction: restart from the gradient.
            history.clear();
            d = g.iter().map(|v| -v).collect();
            slope = dot(&g, &d);
        }
        let mut step = if history.is_empty() {
            1.0 / g.iter().map(|v| v * v).sum::<f64>().sqrt().max(1.0)
        } else {
            1.0
        };
        let mut accepted = None;
        for _ in 0..40 {
            for i in 0..n {
                candidate[i] = x[i] + step * d[i];
            }
            let new_loss = f(&candidate, &mut next_g);
            if new_loss <= loss + 1e-4 * step * slope {
                accepted = Some(new_loss);
                break;
            }
            step *= 0.5;
        }
        let Some(new_loss) = accepted else { break };
        let s: Vec<f64> = candidate.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_g.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        x.copy_from_slice(&candidate);
        std::mem::swap(&mut g, &mut next_g);
        let improvement = loss - new_loss;
        loss = new_loss;
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((s, y, 1.0 / sy));
        }
        if improvement < 1e-9 * loss.abs().max(1.0) {
            break;
        }
    }
}

/// The weights file without its header: the bias, the threshold, the signals,
/// and the words and pairs, each strongest first.
fn write_weights(data: &Dataset, w: &Weights, threshold: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "bias\t{:.4}", w.bias);
    let _ = writeln!(out, "threshold\t{threshold:.2}");
    for (s, v) in Signal::ALL.iter().zip(w.signals) {
        let _ = writeln!(out, "signal\t{}\t{v:.4}", s.name());
    }
    let ngrams: Vec<(&str, f64)> = w
        .ngrams
        .iter()
        .map(|&(i, v)| (data.texts[i as usize].as_str(), v))
        .filter(|&(_, v)| format!("{v:.4}").trim_start_matches('-') != "0.0000")
        .collect();
    let order = |kind: &str| {
        ["word", "pair", "triple", "start", "ending"]
            .iter()
            .position(|k| *k == kind)
    };
    let mut lines: Vec<(&str, &str, f64)> = ngrams
        .into_iter()
        .map(|(text, v)| {
            let (kind, bare) = features::file_form(text);
            (kind, bare, v)
        })
        .collect();
    lines.sort_by(|a, b| {
        order(a.0)
            .cmp(&order(b.0))
            .then(b.2.total_cmp(&a.2))
            .then(a.1.cmp(b.1))
    });
    for (kind, text, v) in lines {
        let _ = writeln!(out, "{kind}\t{text}\t{v:.4}");
    }
    out
}

/// Loads labelled sentences and their labels, cross-validates, trains on everything and
/// writes the weights file to `out_path`, printing the figures to `out`. `command` is
/// written into the file's header, to say how it was made.
pub fn run(
    data_path: &std::path::Path,
    labels_path: &std::path::Path,
    out_path: &std::path::Path,
    options: &Options,
    command: &str,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let loaded = crate::corpus::load(data_path)
        .with_context(|| format!("cannot load {}", data_path.display()))?;
    let labels_text = std::fs::read_to_string(labels_path)
        .with_context(|| format!("cannot read {}", labels_path.display()))?;
    let labels = parse_labels(&labels_text)?;
    let data = dataset(&loaded.corpus, &labels, options)?;
    writeln!(
        out,
        "{} labelled documents ({} check-worthy), {} candidate sentences, {} grams; {} labels without a document, {} documents without a label",
        data.documents(),
        data.positives(),
        data.sentences(),
        data.texts.len(),
        data.unmatched_labels,
        data.unlabelled_documents
    )?;
    // Training takes a while on a large set: show what was loaded before it starts.
    out.flush()?;
    let report = train(&data, options);
    let line = |f: &Figures| {
        format!(
            "P {:.3} R {:.3} F1 {:.3} at threshold {:.2} (tp {}, fp {}, fn {})",
            f.precision(),
            f.recall(),
            f.f1(),
            f.threshold,
            f.true_positives,
            f.false_positives,
            f.false_negatives
        )
    };
    for (i, f) in report.folds.iter().enumerate() {
        writeln!(out, "fold {}: {}", i + 1, line(f))?;
    }
    let mean_f1 = report.folds.iter().map(Figures::f1).sum::<f64>() / report.folds.len() as f64;
    let cv = format!(
        "{}-fold cross-validation, held-out folds added up: P {:.3} R {:.3} F1 {:.3} (mean F1 of the folds {:.3}; each fold's threshold chosen on its training folds)",
        options.folds,
        report.pooled.precision(),
        report.pooled.recall(),
        report.pooled.f1(),
        mean_f1
    );
    let chosen = format!(
        "threshold for the final model: {:.2} (best F1 over all held-out scores: {})",
        report.threshold.threshold,
        line(&report.threshold)
    );
    writeln!(out, "{cv}")?;
    writeln!(out, "{chosen}")?;
    let header = format!(
        "Claimbench check-worthiness weights: a logistic regression. The score of a sentence is\n\
         logistic(bias + the sum of the weights of its features): each weight is the feature's\n\
         contribution to the log-odds that the sentence is a check-worthy factual claim. A signal's\n\
         weight is multiplied by its value (1; the number of opinion words up to 3; ln(1 + words)); a\n\
         gram's (word, pair or triple of words, first word, ending) by how often it occurs divided\n\
         by the square root of the number of grams in the sentence. Words are lower case, numbers #.\n\
         \n\
         Learned from the ClaimBuster crowd-labelled sentences of US presidential debates\n\
         (Arslan, Hassan, Li and Tremayne, \"A Benchmark Dataset of Check-worthy Factual Claims\",\n\
         ICWSM 2020), label 1 = check-worthy factual sentence. The data is not redistributed here:\n\
         only the learned weights are.\n\
         \n\
         Made with: {command}\n\
         {} labelled documents ({} check-worthy), {} grams kept.\n\
         {cv}\n\
         {chosen}",
        data.documents(),
        data.positives(),
        report.kept
    );
    let file = format!("{}{}", comment_lines(&header), report.weights_file);
    super::Model::parse(&file).context("the weights just written do not read back")?;
    std::fs::write(out_path, &file)
        .with_context(|| format!("cannot write {}", out_path.display()))?;
    writeln!(
        out,
        "wrote {} ({} bytes, {} grams)",
        out_path.display(),
        file.len(),
        report.kept
    )?;
    Ok(())
}

fn comment_lines(text: &str) -> String {
    text.lines()
        .map(|l| format!("# {l}").trim_end().to_string() + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, DocumentMeta};

    /// Sentences of two kinds a model must tell apart: counts of events, and opinions.
    fn corpus() -> (Corpus, HashMap<String, bool>) {
        let facts = [
            "The company cut 300 jobs in 2019.",
            "Unemployment rose by 4 percent last year.",
            "The army withdrew 2,000 troops from the border.",
            "Prices fell 12 percent in March.",
            "The city spent $40 million on roads.",
            "Exports grew by 8 percent in 2020.",
        ];
        let opinions = [
            "I think we can do better.",
            "We have to believe in our future.",
            "I believe this is the right thing to do.",
            "We must stand together.",
            "I think people want change.",
            "That is what we believe.",
        ];
        let mut documents = Vec::new();
        let mut labels = HashMap::new();
        for round in 0..6 {
            for (i, s) in facts.iter().enumerate() {
                let id = format!("f{round}-{i}");
                let text = format!("{s} Round {round}.");
                documents.push(Document::new(
                    id.clone(),
                    id.clone(),
                    text,
                    DocumentMeta::default(),
                ));
                labels.insert(id, true);
            }
            for (i, s) in opinions.iter().enumerate() {
                let id = format!("o{round}-{i}");
                let text = format!("{s} Round {round}.");
                documents.push(Document::new(
                    id.clone(),
                    id.clone(),
                    text,
                    DocumentMeta::default(),
                ));
                labels.insert(id, false);
            }
        }
        (Corpus { documents }, labels)
    }

    #[test]
    fn learns_to_tell_counts_from_opinions_and_writes_a_file_that_loads() {
        let (corpus, labels) = corpus();
        let options = Options {
            min_count: 2,
            keep: 50,
            l2: 1.0,
            ..Options::default()
        };
        let data = dataset(&corpus, &labels, &options).expect("dataset");
        assert_eq!(data.documents(), 72);
        let report = train(&data, &options);
        assert!(report.pooled.f1() > 0.9, "{:?}", report.pooled);
        assert!(report.kept <= 50);
        let model = super::super::Model::parse(&report.weights_file).expect("loads");
        assert!(model.signal(Signal::Figure) > 0.0);
        assert!(model.ngram(features::key_of_text("i")) < 0.0);
        // Deterministic: the same data gives the same file.
        assert_eq!(train(&data, &options).weights_file, report.weights_file);
    }

    #[test]
    fn labels_must_be_zero_or_one() {
        assert!(parse_labels(r#"{"a": 1, "b": 0, "c": true}"#).is_ok());
        assert!(parse_labels(r#"{"a": 2}"#).is_err());
        assert!(parse_labels("[1, 0]").is_err());
        assert!(parse_labels("{").is_err());
    }

    #[test]
    fn lbfgs_finds_the_minimum_of_a_quadratic() {
        let mut x = vec![0.0, 0.0];
        lbfgs(
            &mut x,
            |x, g| {
                g[0] = 2.0 * (x[0] - 3.0);
                g[1] = 20.0 * (x[1] + 1.0);
                (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
            },
            100,
        );
        assert!(
            (x[0] - 3.0).abs() < 1e-4 && (x[1] + 1.0).abs() < 1e-4,
            "{x:?}"
        );
    }
}
