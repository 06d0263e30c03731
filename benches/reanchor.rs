//! Re-anchoring benchmark: annotates every claim of a corpus, edits the corpus, reopens
//! the project on the edited text, and counts where each piece of work went.
//!
//! ```sh
//! cargo bench --bench reanchor                 # bundled corpus, 300 seeds
//! cargo bench --bench reanchor -- --seeds 50   # fewer seeds
//! CLAIMBENCH_REANCHOR_CORPUS=/some/folder cargo bench --bench reanchor
//! ```
//!
//! Scenarios: seeded random edits touching 10% of each document's text (insertions,
//! deletions, word substitutions, quote-style and white-space changes, one sentence
//! moved), and, each on its own, quote marks straightened or curled everywhere, spaces
//! made non-breaking and lines re-wrapped, and every document renamed.
//!
//! For each piece of work whose claim is still in the text (at least half of its bytes
//! survive), it is *right* when attached to a claim overlapping where the claim's text
//! went by at least half, *wrong* when attached elsewhere, and *unattached* when listed
//! for review. Work whose claim is gone should be unattached. *Lost* is work missing
//! from the project after reopening, or changed.

use std::path::PathBuf;

use claimbench::corpus::{self, Corpus, Document};
use claimbench::extract::{self, Settings};
use claimbench::project::Project;
use claimbench::workspace::{Edit, Workspace};

/// A small xorshift generator: the same seed gives the same edits everywhere.
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// How one stretch of the original text appears in the edited text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Byte for byte.
    Kept,
    /// Rewritten (quote marks, spaces, a word): still the same text, changed.
    Changed,
}

/// A stretch of the edited text: taken from the original (`from`) or new.
struct Piece {
    from: Option<(usize, usize, Kind)>,
    text: String,
}

/// An edited document and the way back from original offsets to edited ones.
struct Edited {
    text: String,
    /// (original start, original end, edited start, edited end, kind)
    map: Vec<(usize, usize, usize, usize, Kind)>,
}

impl Edited {
    fn from_pieces(pieces: Vec<Piece>) -> Self {
        let mut text = String::new();
        let mut map = Vec::new();
        for p in pieces {
            let start = text.len();
            text.push_str(&p.text);
            if let Some((a, b, kind)) = p.from {
                map.push((a, b, start, text.len(), kind));
            }
        }
        map.sort_unstable_by_key(|m| m.0);
        Self { text, map }
    }

    /// Where original byte `at` is now, if it survived.
    fn position(&self, at: usize) -> Option<usize> {
        let k = self.map.partition_point(|m| m.0 <= at).checked_sub(1)?;
        let (a, b, s, e, kind) = self.map[k];
        (at < b).then(|| match kind {
            Kind::Kept => s + (at - a),
            Kind::Changed => s + (at - a) * (e - s) / (b - a).max(1),
        })
    }

    /// Where the original span went: (start, end) when at least half of it survived.
    fn span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let mapped: Vec<usize> = (start..end).filter_map(|b| self.position(b)).collect();
        if mapped.len() * 2 < end - start {
            return None;
        }
        let lo = *mapped.iter().min()?;
        let hi = *mapped.iter().max()? + 1;
        Some((lo, hi))
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of the word at or before `i`.
fn word_start(text: &str, i: usize) -> usize {
    let i = floor(text, i);
    text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8())
}

fn flip_quotes(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            '"' => {
                open = !open;
                if open { '”' } else { '“' }
            }
            '\'' => '’',
            c => c,
        })
        .collect()
}

fn respace(s: &str, random: &mut Random) -> String {
    s.chars()
        .map(|c| match (c, random.below(4)) {
            (' ', 0) => "\u{a0}".to_string(),
            (' ', 1) => "  ".to_string(),
            (' ', 2) => "\n".to_string(),
            (c, _) => c.to_string(),
        })
        .collect()
}

/// Seeded random edits touching about a tenth of `text`. `sentences` are the claims'
/// spans: one of them is the sentence moved (with the space after it) in front of another.
fn edit_mixed(
    text: &str,
    sentences: &[(usize, usize)],
    random: &mut Random,
    words: &[&str],
) -> Edited {
    let budget = text.len() / 10;
    // Regions of the original text, chosen so that they do not overlap.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut ops: Vec<(usize, usize, Option<String>, Kind)> = Vec::new(); // (start, end, replacement, kind)
    let free =
        |taken: &[(usize, usize)], a: usize, b: usize| taken.iter().all(|&(x, y)| b < x || a > y);
    // One sentence moved elsewhere.
    let mut moved: Option<(usize, usize, usize)> = None;
    if sentences.len() >= 2 {
        let (a, end) = sentences[random.below(sentences.len())];
        let b = end + text[end..].len() - text[end..].trim_start().len();
        let (to, _) = sentences[random.below(sentences.len())];
        let separate = sentences
            .iter()
            .all(|&(s, e)| e <= a || s >= b || (s, e) == (a, end));
        if b - a < budget && (to < a || to > b) && separate {
            taken.push((a, b));
            taken.push((to, to));
            moved = Some((a, b, to));
        }
    }
    let mut touched = moved.map_or(0, |(a, b, _)| b - a);
    let mut attempts = 0;
    while touched < budget && attempts < 10_000 {
        attempts += 1;
        let at = word_start(text, random.below(text.len()));
        let (end, replacement, kind) = match random.below(5) {
            0 => {
                let n = 1 + random.below(5);
                let inserted: Vec<&str> =
                    (0..n).map(|_| words[random.below(words.len())]).collect();
                (at, Some(format!("{} ", inserted.join(" "))), Kind::Kept)
            }
            1 => (floor(text, at + 1 + random.below(30)), None, Kind::Kept),
            2 => {
                let word_end = text[at..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |e| at + e);
                (
                    word_end,
                    Some(words[random.below(words.len())].to_string()),
                    Kind::Changed,
                )
            }
            3 => {
                let end = floor(text, at + 20 + random.below(180));
                (end, Some(flip_quotes(&text[at..end])), Kind::Changed)
            }
            _ => {
                let end = floor(text, at + 20 + random.below(180));
                (end, Some(respace(&text[at..end], random)), Kind::Changed)
            }
        };
        if !free(&taken, at, end) {
            continue;
        }
        taken.push((at, end));
        touched += (end - at).max(replacement.as_ref().map_or(0, String::len));
        ops.push((at, end, replacement, kind));
    }
    if let Some((a, b, to)) = moved {
        ops.push((a, b, Some(String::new()), Kind::Kept)); // cut; pasted below
        ops.push((to, to, None, Kind::Kept)); // the paste point
    }
    ops.sort_by_key(|o| (o.0, o.1));
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end, replacement, kind) in ops {
        if start > at {
            pieces.push(Piece {
                from: Some((at, start, Kind::Kept)),
                text: text[at..start].to_string(),
            });
        }
        let is_cut = moved.is_some_and(|(a, b, _)| (a, b) == (start, end))
            && replacement.as_deref() == Some("");
        let is_paste =
            moved.is_some_and(|(_, _, to)| to == start && start == end) && replacement.is_none();
        if is_paste {
            let (a, b, _) = moved.expect("moved");
            pieces.push(Piece {
                from: Some((a, b, Kind::Kept)),
                text: text[a..b].to_string(),
            });
        } else if is_cut {
            // The sentence leaves here.
        } else {
            match replacement {
                None => {} // deleted
                Some(r) if start == end => pieces.push(Piece {
                    from: None,
                    text: r,
                }),
                Some(r) => pieces.push(Piece {
                    from: Some((start, end, kind)),
                    text: r,
                }),
            }
        }
        at = end.max(at);
    }
    if at < text.len() {
        pieces.push(Piece {
            from: Some((at, text.len(), Kind::Kept)),
            text: text[at..].to_string(),
        });
    }
    Edited::from_pieces(pieces)
}

/// One edit applied to the whole text, character by character (quote marks, spaces).
fn edit_whole(text: &str, mut f: impl FnMut(&str) -> String) -> Edited {
    // Character by character, so each keeps its place in the map.
    let pieces = text
        .char_indices()
        .map(|(i, c)| {
            let s = &text[i..i + c.len_utf8()];
            let t = f(s);
            let kind = if t == s { Kind::Kept } else { Kind::Changed };
            Piece {
                from: Some((i, i + c.len_utf8(), kind)),
                text: t,
            }
        })
        .collect();
    Edited::from_pieces(pieces)
}

#[derive(Default)]
struct Tally {
    present: usize,
    right: usize,
    wrong: usize,
    unattached_present: usize,
    gone: usize,
    gone_attached: usize,
    lost: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.present += other.present;
        self.right += other.right;
        self.wrong += other.wrong;
        self.unattached_present += other.unattached_present;
        self.gone += other.gone;
        self.gone_attached += other.gone_attached;
        self.lost += other.lost;
    }

    fn line(&self, name: &str) -> String {
        let share = |n: usize| {
            if self.present == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.present as f64
            }
        };
        format!(
            "{name:<28} present {:>7}  re-attached right {:>7} ({:5.1}%)  unattached-but-present {:>6} ({:4.1}%)  wrong {:>4}  lost {:>3}  | claim gone: {} (attached anyway: {})",
            self.present,
            self.right,
            share(self.right),
            self.unattached_present,
            share(self.unattached_present),
            self.wrong,
            self.lost,
            self.gone,
            self.gone_attached,
        )
    }
}

/// The annotated starting point: a project with a note on every claim.
struct Annotated {
    corpus: Corpus,
    project: Project,
    /// Per annotation: document index, claim span, note.
    work: Vec<(usize, usize, usize, String)>,
}

fn annotate(corpus: Corpus) -> Annotated {
    let extraction = extract::extract(&corpus, &Settings::default());
    let mut ws = Workspace::new(corpus, PathBuf::new(), extraction, Project::default(), None);
    let claims: Vec<_> = ws
        .rows()
        .iter()
        .map(|r| (r.id.clone(), r.document, r.claim.start, r.claim.end))
        .collect();
    let mut work = Vec::new();
    for (i, (id, d, s, e)) in claims.into_iter().enumerate() {
        let note = format!("note {i}");
        ws.apply(Edit::SetNotes {
            claim: id,
            text: note.clone(),
        })
        .expect("annotates");
        work.push((d, s, e, note));
    }
    Annotated {
        corpus: ws.corpus().clone(),
        project: ws.project().clone(),
        work,
    }
}

/// Reopens the project on edited documents (`rename` gives new ids) and tallies.
fn reopen(start: &Annotated, edited: &[Edited], rename: bool) -> Tally {
    let documents: Vec<Document> = start
        .corpus
        .documents
        .iter()
        .zip(edited)
        .map(|(d, e)| {
            let id = if rename {
                format!("renamed-{}", d.id)
            } else {
                d.id.clone()
            };
            Document::new(id, d.path.clone(), e.text.clone(), d.meta.clone())
        })
        .collect();
    let corpus = Corpus { documents };
    let extraction = extract::extract(
        &corpus,
        &Settings {
            parallel: false,
            ..Settings::default()
        },
    );
    let ws = Workspace::new(
        corpus,
        PathBuf::new(),
        extraction,
        start.project.clone(),
        None,
    );
    let mut tally = Tally::default();
    if ws.project().annotations.len() != start.work.len() {
        tally.lost += start.work.len().abs_diff(ws.project().annotations.len());
    }
    for (a, (d, s, e, note)) in start.work.iter().enumerate() {
        let Some(annotation) = ws.project().annotations.get(a) else {
            continue;
        };
        if annotation.notes != *note {
            tally.lost += 1;
            continue;
        }
        let expected = edited[*d].span(*s, *e);
        let attached = ws.placements()[a].row.map(|r| &ws.rows()[r]);
        match (expected, attached) {
            (Some((es, ee)), Some(row)) => {
                tally.present += 1;
                let (as_, ae) = (row.claim.start, row.claim.end);
                let overlap = ae.min(ee).saturating_sub(as_.max(es));
                let shorter = (ae - as_).min(ee - es).max(1);
                if row.document == *d && overlap * 2 >= shorter {
                    tally.right += 1;
                } else {
                    tally.wrong += 1;
                    if std::env::var_os("CLAIMBENCH_REANCHOR_VERBOSE").is_some() {
                        let now = &ws.corpus().documents[*d].text;
                        println!(
                            "WRONG ({:?})\n  was:      {:?}\n  is now:   {:?}\n  attached: {:?}",
                            ws.placements()[a].how,
                            &start.corpus.documents[*d].text[*s..*e],
                            now.get(es..ee).unwrap_or("?"),
                            row.claim.text
                        );
                    }
                }
            }
            (Some(_), None) => {
                tally.present += 1;
                tally.unattached_present += 1;
            }
            (None, attached) => {
                tally.gone += 1;
                if attached.is_some() {
                    tally.gone_attached += 1;
                }
            }
        }
    }
    tally
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seeds: u64 = args
        .iter()
        .position(|a| a == "--seeds")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let path = std::env::var_os("CLAIMBENCH_REANCHOR_CORPUS")
        .map_or_else(claimbench::bundled_corpus_path, PathBuf::from);
    let loaded = corpus::load(&path).expect("the corpus loads");
    let start = annotate(loaded.corpus);
    println!(
        "re-anchoring on {} ({} documents, {} pieces of work, one per claim)",
        path.display(),
        start.corpus.documents.len(),
        start.work.len()
    );
    let words: Vec<&str> = start
        .corpus
        .documents
        .iter()
        .flat_map(|d| d.text.split_whitespace())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .take(5_000)
        .collect();

    let sentences: Vec<Vec<(usize, usize)>> = (0..start.corpus.documents.len())
        .map(|d| {
            start
                .work
                .iter()
                .filter(|w| w.0 == d)
                .map(|w| (w.1, w.2))
                .collect()
        })
        .collect();
    let edit_all = |random: &mut Random| -> Vec<Edited> {
        start
            .corpus
            .documents
            .iter()
            .zip(&sentences)
            .map(|(d, s)| edit_mixed(&d.text, s, random, &words))
            .collect()
    };
    let mut mixed = Tally::default();
    for seed in 0..seeds {
        let mut random = Random::new(seed + 1);
        let edited = edit_all(&mut random);
        mixed.add(&reopen(&start, &edited, false));
    }
    println!("{}", mixed.line(&format!("10% edits, {seeds} seeds")));

    let texts = |f: &dyn Fn(&str) -> Edited| -> Vec<Edited> {
        start.corpus.documents.iter().map(|d| f(&d.text)).collect()
    };
    let straight = texts(&|t| {
        edit_whole(t, |c| match c {
            "“" | "”" => "\"".into(),
            "‘" | "’" => "'".into(),
            c => c.into(),
        })
    });
    println!(
        "{}",
        reopen(&start, &straight, false).line("quotes straightened")
    );
    let curled = texts(&|t| {
        edit_whole(t, |c| match c {
            "\"" => "”".into(),
            "'" => "’".into(),
            c => c.into(),
        })
    });
    println!("{}", reopen(&start, &curled, false).line("quotes curled"));
    let spaces = texts(&|t| {
        let mut n = 0usize;
        edit_whole(t, |c| {
            n += 1;
            match (c, n % 3) {
                (" ", 0) => "\u{a0}".into(),
                (" ", 1) => "\n".into(),
                (c, _) => c.into(),
            }
        })
    });
    println!(
        "{}",
        reopen(&start, &spaces, false).line("spaces non-breaking/wrapped")
    );
    let same = texts(&|t| edit_whole(t, str::to_string));
    println!("{}", reopen(&start, &same, true).line("documents renamed"));
    let mut renamed_edited = Tally::default();
    for seed in 0..seeds.min(50) {
        let mut random = Random::new(seed + 10_001);
        let edited = edit_all(&mut random);
        renamed_edited.add(&reopen(&start, &edited, true));
    }
    println!("{}", renamed_edited.line("renamed and 10% edited"));
}
