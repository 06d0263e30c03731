//! The claim grid's rows: which claims pass the filters, in which order. Computed only
//! when the filter, the sort or the data change, never while drawing. Text search runs
//! once over one lowered copy of all claim texts; sorting uses precomputed keys.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::{ActorId, Workspace};
use crate::project::{Status, Verdict};

/// The grid's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Column {
    /// Document id.
    Document,
    /// Who says it.
    Speaker,
    /// The claim.
    Text,
    /// Its numbers.
    Figures,
    /// Its family.
    Family,
    /// Check-worthiness.
    Score,
    /// Verdict.
    Verdict,
    /// Workflow status.
    Status,
    /// Number of outside references.
    References,
}

impl Column {
    /// All columns, left to right.
    pub const ALL: [Column; 9] = [
        Self::Document,
        Self::Speaker,
        Self::Text,
        Self::Figures,
        Self::Family,
        Self::Score,
        Self::Verdict,
        Self::Status,
        Self::References,
    ];

    /// The header.
    pub fn title(self) -> &'static str {
        match self {
            Self::Document => "Document",
            Self::Speaker => "Speaker",
            Self::Text => "Claim",
            Self::Figures => "Figures",
            Self::Family => "Family",
            Self::Score => "Score",
            Self::Verdict => "Verdict",
            Self::Status => "Status",
            Self::References => "Refs",
        }
    }
}

/// Which verdicts to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VerdictFilter {
    /// All claims.
    #[default]
    Any,
    /// Claims without a verdict yet.
    Missing,
    /// Claims with this verdict.
    Is(Verdict),
}

/// The grid's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Words the claim text must contain (case is ignored).
    pub text: String,
    /// Verdict.
    pub verdict: VerdictFilter,
    /// Workflow status.
    pub status: Option<Status>,
    /// Curated actors: a claim passes if it is said by or names any of them (see
    /// `actor_match`).
    pub actors: BTreeSet<ActorId>,
    /// Whether the actors must be the speaker, be named in the claim, or either.
    pub actor_match: ActorMatch,
    /// Family id.
    pub family: Option<String>,
    /// Only claims whose family has conflicting figures.
    pub conflicts_only: bool,
    /// Only claims of documents from this outlet (`Some(None)`: documents that name none).
    pub outlet: Option<Option<String>>,
    /// Only claims of documents published in these days (first and last, inclusive).
    pub published: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// How the actor filter matches a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ActorMatch {
    /// Said by or naming the actor.
    #[default]
    Either,
    /// Said by the actor.
    Speaker,
    /// Naming the actor.
    Mentions,
}

impl ActorMatch {
    /// Every way, as the filter lists them.
    pub const ALL: [ActorMatch; 3] = [Self::Either, Self::Speaker, Self::Mentions];

    /// Filter text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Either => "said by or mentioning",
            Self::Speaker => "said by",
            Self::Mentions => "mentioning",
        }
    }
}

/// A sort order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Largest first.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            column: Column::Document,
            descending: false,
        }
    }
}

/// All claim texts lowered into one string, for fast search and text sorting.
#[derive(Clone, Default)]
pub struct SearchIndex {
    /// Each row's claim text, then its speaker and document title, lowered, one row after
    /// another.
    blob: String,
    starts: Vec<usize>,
    /// Where each row's claim text ends in `blob` (its speaker and title follow).
    text_ends: Vec<usize>,
    /// The workspace layout it was built for.
    pub built_for: Option<u64>,
    /// The rows in alphabetical order of their texts, computed on first use: texts change
    /// only when the rows do, so sorting by text is then picking rows from this list.
    text_order: std::sync::OnceLock<Vec<u32>>,
}

impl SearchIndex {
    /// Builds the index over the workspace's rows.
    pub fn build(workspace: &Workspace) -> Self {
        // Room for every row's text, speaker, title and separators (lowering keeps the
        // length of all but a few characters), so that the blob is not copied to grow.
        let total: usize = workspace
            .rows
            .iter()
            .map(|r| {
                let title = workspace.corpus.documents[r.document].meta.title.as_ref();
                r.claim.text.len()
                    + workspace.actor_name(r.speaker).len()
                    + title.map_or(0, String::len)
                    + 3
            })
            .sum();
        let mut blob = String::with_capacity(total);
        let mut starts = Vec::with_capacity(workspace.rows.len() + 1);
        let mut text_ends = Vec::with_capacity(workspace.rows.len());
        let push_lowered = |blob: &mut String, text: &str| {
            if text.is_ascii() {
                let from = blob.len();
                blob.push_str(text);
                blob[from..].make_ascii_lowercase();
            } else {
                blob.extend(text.chars().flat_map(char::to_lowercase));
            }
        };
        for row in &workspace.rows {
            starts.push(blob.len());
            push_lowered(&mut blob, &row.claim.text);
            text_ends.push(blob.len());
            // Separators no search can match across.
            blob.push('\u{1}');
            push_lowered(&mut blob, workspace.actor_name(row.speaker));
            blob.push('\u{1}');
            let meta = &workspace.corpus.documents[row.document].meta;
            if let Some(title) = &meta.title {
                push_lowered(&mut blob, title);
            }
            blob.push('\u{0}');
        }
        starts.push(blob.len());
        Self {
            blob,
            starts,
            text_ends,
            built_for: Some(workspace.layout_generation),
            text_order: std::sync::OnceLock::new(),
        }
    }

    /// The rows in alphabetical order of their lowered texts (equal texts by row).
    pub fn text_order(&self) -> &[u32] {
        self.text_order.get_or_init(|| self.compute_text_order())
    }

    /// A copy that has not computed its text order yet (for benchmarks of the first sort
    /// by text).
    pub fn without_text_order(&self) -> Self {
        Self {
            text_order: std::sync::OnceLock::new(),
            ..self.clone()
        }
    }

    /// [`Self::text_order`] computed anew, not kept (for benchmarks).
    pub fn compute_text_order(&self) -> Vec<u32> {
        let rows = self.starts.len().saturating_sub(1);
        let blob = self.blob.as_bytes();
        let text = |i: u32| &blob[self.starts[i as usize]..self.text_ends[i as usize]];
        let mut items: Vec<TextKey> = (0..rows as u32)
            .into_par_iter()
            .map(|i| TextKey::at(text(i), 0, i))
            .collect();
        items.par_sort_unstable();
        // Texts that agree in a window form groups, ordered level by level: how much more
        // each group's texts share, and their next windows, are found in passes over the
        // texts in the order they are kept (memory read front to back, not at random);
        // each group is then sorted on its own, on both cores. Groups too small for a
        // pass over every text are ordered one by one.
        let mut active: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        let mut at = 0;
        for run in items.chunk_by(|a, b| a.same_window(b)) {
            if run.len() > 1 {
                active.push((at..at + run.len(), KEY_BYTES));
            }
            at += run.len();
        }
        const NONE: u32 = u32::MAX;
        let mut place: Vec<(u32, u32)> = vec![(NONE, NONE); rows];
        while !active.is_empty() {
            let in_groups: usize = active.iter().map(|(r, _)| r.len()).sum();
            if in_groups < rows / SEQUENTIAL_SHARE {
                let slices = disjoint(&mut items, &active);
                slices
                    .into_par_iter()
                    .for_each(|(group, offset)| order_group(group, offset, &text));
                break;
            }
            for (g, (range, _)) in active.iter().enumerate() {
                for pos in range.clone() {
                    place[items[pos].row as usize] = (g as u32, pos as u32);
                }
            }
            let firsts: Vec<&[u8]> = active
                .iter()
                .map(|(r, _)| text(items[r.start].row))
                .collect();
            let offsets: Vec<usize> = active.iter().map(|(_, o)| *o).collect();
            let longest: Vec<usize> = firsts.iter().map(|t| t.len()).collect();
            let per_thread = rows.div_ceil(rayon::current_num_threads()).max(1);
            let shared = place
                .par_chunks(per_thread)
                .enumerate()
                .map(|(chunk, places)| {
                    let mut shared = longest.clone();
                    for (k, &(group, _)) in places.iter().enumerate() {
                        if group == NONE {
                            continue;
                        }
                        let g = group as usize;
                        let (from, row) = (offsets[g], (chunk * per_thread + k) as u32);
                        let first = &firsts[g][from..shared[g]];
                        shared[g] = from + common_prefix(first, &text(row)[from..]);
                    }
                    shared
                })
                .reduce(
                    || longest.clone(),
                    |a, b| a.into_iter().zip(b).map(|(x, y)| x.min(y)).collect(),
                );
            for (row, entry) in place.iter_mut().enumerate() {
                let (group, position) = *entry;
                if group != NONE {
                    let row = row as u32;
                    items[position as usize] = TextKey::at(text(row), shared[group as usize], row);
                    *entry = (NONE, NONE);
                }
            }
            let groups: Vec<(std::ops::Range<usize>, usize)> = active
                .iter()
                .zip(&shared)
                .map(|((range, _), &offset)| (range.clone(), offset))
                .collect();
            let slices = disjoint(&mut items, &groups);
            let next: Vec<Vec<(std::ops::Range<usize>, usize)>> = slices
                .into_par_iter()
                .zip(&groups)
                .map(|((group, offset), (range, _))| {
                    group.sort_unstable();
                    let mut runs = Vec::new();
                    let mut at = range.start;
                    for run in group.chunk_by(|a, b| a.same_window(b)) {
                        if run.len() > 1 {
                            runs.push((at..at + run.len(), offset + KEY_BYTES));
                        }
                        at += run.len();
                    }
                    runs
                })
                .collect();
            active = next.into_iter().flatten().collect();
        }
        drop(place);
        items.into_iter().map(|item| item.row).collect()
    }

    /// Rows whose text, speaker or document title contains `needle` (lower case), in row
    /// order.
    fn rows_containing(&self, needle: &str) -> Vec<bool> {
        let mut hit = vec![false; self.starts.len().saturating_sub(1)];
        for at in memchr::memmem::find_iter(self.blob.as_bytes(), needle.as_bytes()) {
            let row = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            if let Some(h) = hit.get_mut(row) {
                *h = true;
            }
        }
        hit
    }
}

/// The rows that pass `filter`, in `sort` order.
pub fn rows(workspace: &Workspace, index: &SearchIndex, filter: &Filter, sort: Sort) -> Vec<u32> {
    let needles: Vec<String> = filter
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let text_hits: Vec<Vec<bool>> = needles.iter().map(|n| index.rows_containing(n)).collect();
    let family_conflict = |row: usize| workspace.family(row).is_some_and(|f| f.conflict);
    let family_index = filter.family.as_ref().map(|id| {
        workspace
            .extraction
            .families
            .iter()
            .position(|f| &f.id == id)
    });
    let actors: BTreeSet<usize> = filter
        .actors
        .iter()
        .filter_map(|id| workspace.actor_index(id))
        .collect();
    let mut out: Vec<u32> = Vec::with_capacity(workspace.rows.len());
    for (i, row) in workspace.rows.iter().enumerate() {
        if !text_hits
            .iter()
            .all(|hits| hits.get(i).copied().unwrap_or(false))
        {
            continue;
        }
        let annotation = row
            .annotation
            .and_then(|a| workspace.project.annotations.get(a));
        let verdict = annotation.and_then(|a| a.verdict);
        let pass_verdict = match filter.verdict {
            VerdictFilter::Any => true,
            VerdictFilter::Missing => verdict.is_none(),
            VerdictFilter::Is(v) => verdict == Some(v),
        };
        if !pass_verdict {
            continue;
        }
        if let Some(status) = filter.status
            && annotation.map_or(Status::Unstarted, |a| a.status) != status
        {
            continue;
        }
        if let Some(family) = family_index
            && (family.is_none() || row.family != family)
        {
            continue;
        }
        if filter.conflicts_only && !family_conflict(i) {
            continue;
        }
        let meta = &workspace.corpus.documents[row.document].meta;
        if let Some(outlet) = &filter.outlet
            && meta.outlet != *outlet
        {
            continue;
        }
        if let Some((first, last)) = filter.published
            && !super::timeline::date_of(meta.published.as_deref())
                .is_some_and(|d| first <= d && d <= last)
        {
            continue;
        }
        if !filter.actors.is_empty() {
            let speaks = || row.speaker.is_some_and(|s| actors.contains(&s));
            let named = || {
                row.claim
                    .about
                    .iter()
                    .filter_map(|id| workspace.curated_actor(id))
                    .any(|a| actors.contains(&a))
            };
            let pass = match filter.actor_match {
                ActorMatch::Either => speaks() || named(),
                ActorMatch::Speaker => speaks(),
                ActorMatch::Mentions => named(),
            };
            if !pass {
                continue;
            }
        }
        out.push(i as u32);
    }
    sort_rows(workspace, index, &mut out, sort);
    out
}

/// Bytes of text compared at once when ordering texts.
const KEY_BYTES: usize = 16;

/// A text's bytes at some offset, for ordering texts that agree before it: sixteen bytes
/// (zero-padded), then how many bytes are left from the offset (up to seventeen, which
/// means "more than fits"), then the row, which orders equal texts.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TextKey {
    /// The window's first and last eight bytes (two numbers, so that a key is 24 bytes).
    window: (u64, u64),
    left: u8,
    row: u32,
}

impl TextKey {
    fn at(text: &[u8], offset: usize, row: u32) -> Self {
        let rest = text.get(offset..).unwrap_or_default();
        let mut key = [0u8; KEY_BYTES];
        let n = rest.len().min(KEY_BYTES);
        key[..n].copy_from_slice(&rest[..n]);
        let (high, low) = key.split_at(KEY_BYTES / 2);
        Self {
            window: (
                u64::from_be_bytes(high.try_into().unwrap_or_default()),
                u64::from_be_bytes(low.try_into().unwrap_or_default()),
            ),
            left: rest.len().min(KEY_BYTES + 1) as u8,
            row,
        }
    }

    /// Whether two texts agree in this window and both go on past it.
    fn same_window(&self, other: &Self) -> bool {
        self.window == other.window && self.left == other.left && usize::from(self.left) > KEY_BYTES
    }
}

/// Orders `group`, texts that agree in their first `offset` bytes and all go on past them:
/// skips the bytes they all share, sorts by the next window, and goes on into each run
/// that still agrees.
fn order_group<'a>(group: &mut [TextKey], offset: usize, text: &impl Fn(u32) -> &'a [u8]) {
    if group.len() < 2 {
        return;
    }
    let first = text(group[0].row).get(offset..).unwrap_or_default();
    let mut shared = first.len();
    for item in &group[1..] {
        let other = text(item.row).get(offset..).unwrap_or_default();
        shared = common_prefix(&first[..shared], other);
        if shared == 0 {
            break;
        }
    }
    let offset = offset + shared;
    for item in group.iter_mut() {
        *item = TextKey::at(text(item.row), offset, item.row);
    }
    group.sort_unstable();
    for run in group.chunk_by_mut(|a, b| a.same_window(b)) {
        order_group(run, offset + KEY_BYTES, text);
    }
}

/// Below one row in this many, groups of texts are ordered one by one rather than in
/// passes over every text.
const SEQUENTIAL_SHARE: usize = 64;

/// The slices of `items` that `groups` (ascending, disjoint ranges) cover, each with the
/// offset that goes with it.
fn disjoint<'a>(
    items: &'a mut [TextKey],
    groups: &[(std::ops::Range<usize>, usize)],
) -> Vec<(&'a mut [TextKey], usize)> {
    let mut slices = Vec::with_capacity(groups.len());
    let mut rest = items;
    let mut consumed = 0;
    for (range, offset) in groups {
        let (_, tail) = rest.split_at_mut(range.start - consumed);
        let (group, tail) = tail.split_at_mut(range.len());
        slices.push((group, *offset));
        rest = tail;
        consumed = range.end;
    }
    slices
}

/// How many bytes `a` and `b` share at their start, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut at = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let x = u64::from_le_bytes(x.try_into().unwrap_or_default());
        let y = u64::from_le_bytes(y.try_into().unwrap_or_default());
        if x != y {
            return at + ((x ^ y).trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Sorts rows by a column; ties keep document order. Keys are computed once per row and
/// sorted compactly, so no comparison reaches into the rows.
pub fn sort_rows(workspace: &Workspace, index: &SearchIndex, rows: &mut [u32], sort: Sort) {
    let r = |i: u32| &workspace.rows[i as usize];
    match sort.column {
        Column::Document => sort_by_key(workspace, rows, |_| 0u64),
        Column::Speaker => {
            let ranks = name_ranks(workspace);
            sort_by_key(workspace, rows, |i| {
                r(i).speaker.map_or(u32::MAX, |s| ranks[s])
            });
        }
        Column::Text => {
            // The rows to sort, picked from all rows in text order: no comparison at all.
            // Rows the index was not built over (while it is rebuilt) go last, as they are.
            let order = index.text_order();
            let mut keep = vec![false; order.len()];
            let mut unknown = Vec::new();
            for &i in rows.iter() {
                match keep.get_mut(i as usize) {
                    Some(k) => *k = true,
                    None => unknown.push(i),
                }
            }
            let picked = order.iter().copied().filter(|&i| keep[i as usize]);
            for (slot, i) in rows.iter_mut().zip(picked.chain(unknown)) {
                *slot = i;
            }
        }
        Column::Figures => sort_by_key(workspace, rows, |i| {
            let value = r(i)
                .claim
                .numbers
                .iter()
                .find(|f| f.kind.is_quantity())
                .map_or(f64::NEG_INFINITY, |f| f.value);
            ordered_f64(value)
        }),
        Column::Family => {
            let ranks = family_ranks(workspace);
            sort_by_key(workspace, rows, |i| {
                r(i).family.map_or(u32::MAX, |f| ranks[f])
            });
        }
        Column::Score => sort_by_key(workspace, rows, |i| {
            ordered_f64(f64::from(r(i).claim.score))
        }),
        Column::Verdict => sort_by_key(workspace, rows, |i| {
            workspace
                .annotation(i as usize)
                .and_then(|a| a.verdict)
                .map_or(u8::MAX, |v| v as u8)
        }),
        Column::Status => sort_by_key(workspace, rows, |i| {
            workspace
                .annotation(i as usize)
                .map_or(Status::Unstarted, |a| a.status) as u8
        }),
        Column::References => {
            sort_by_key(workspace, rows, |i| {
                workspace
                    .annotation(i as usize)
                    .map_or(0, |a| a.references.len())
            });
        }
    }
    if sort.descending {
        rows.reverse();
    }
}

/// Document and offset as one number, for ties.
fn position(workspace: &Workspace, i: u32) -> u64 {
    let row = &workspace.rows[i as usize];
    ((row.document as u64) << 32) | (row.claim.start.min(u32::MAX as usize) as u64)
}

/// Sorts by `key`, then by position in the corpus.
fn sort_by_key<K: Ord + Copy>(workspace: &Workspace, rows: &mut [u32], key: impl Fn(u32) -> K) {
    let mut keyed: Vec<(K, u64, u32)> = rows
        .iter()
        .map(|&i| (key(i), position(workspace, i), i))
        .collect();
    keyed.sort_unstable();
    for (slot, (_, _, i)) in rows.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// An `f64` as an integer with the same order (negative numbers, infinities included).
fn ordered_f64(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Each curated actor's rank by name.
fn name_ranks(workspace: &Workspace) -> Vec<u32> {
    let mut order: Vec<usize> = (0..workspace.actors.len()).collect();
    order.sort_by_cached_key(|&a| name_key(&workspace.actors[a].name));
    let mut ranks = vec![0u32; order.len()];
    for (rank, a) in order.into_iter().enumerate() {
        ranks[a] = rank as u32;
    }
    ranks
}

/// Each family's rank by label.
fn family_ranks(workspace: &Workspace) -> Vec<u32> {
    let families = &workspace.extraction.families;
    let mut order: Vec<usize> = (0..families.len()).collect();
    order.sort_by_cached_key(|&f| name_key(&families[f].label));
    let mut ranks = vec![0u32; order.len()];
    for (rank, f) in order.into_iter().enumerate() {
        ranks[f] = rank as u32;
    }
    ranks
}

/// Names sort without regard to case, then by their exact spelling.
fn name_key(name: &str) -> (String, String) {
    (name.to_lowercase(), name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(texts: &[String]) -> SearchIndex {
        let mut blob = String::new();
        let mut starts = Vec::new();
        let mut text_ends = Vec::new();
        for t in texts {
            starts.push(blob.len());
            blob.push_str(t);
            text_ends.push(blob.len());
            blob.push('\u{0}');
        }
        starts.push(blob.len());
        SearchIndex {
            blob,
            starts,
            text_ends,
            built_for: None,
            text_order: std::sync::OnceLock::new(),
        }
    }

    #[test]
    fn the_text_order_is_the_order_of_the_texts_then_rows() {
        // Long shared beginnings, texts that are beginnings of others, equal texts, zero
        // bytes and letters of more than one byte: what a plain comparison sort does.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let stems = [
            "",
            "the ministry said that",
            "the ministry said that forty-two people had been hurt in the blast near",
            "é",
        ];
        let tails = [
            "",
            "a",
            "b",
            "\u{0}",
            "é",
            "ab",
            "aa",
            " (1200 people).",
            " (990 people).",
        ];
        let texts: Vec<String> = (0..3_000)
            .map(|_| {
                let mut t = stems[next(stems.len() as u64) as usize].to_string();
                for _ in 0..next(4) {
                    t.push_str(tails[next(tails.len() as u64) as usize]);
                }
                t
            })
            .collect();
        assert_orders_as_a_comparison_sort(&texts);
        // Mostly texts of their own, a few sharing long beginnings: the groups are then
        // too few for passes over every text, and are ordered one by one.
        let mut texts: Vec<String> = (0..3_000)
            .map(|i| format!("{i:08x} claim {}", next(9)))
            .collect();
        for _ in 0..20 {
            let stem = stems[2];
            texts.push(format!(
                "{stem}{}",
                tails[next(tails.len() as u64) as usize]
            ));
        }
        assert_orders_as_a_comparison_sort(&texts);
    }

    fn assert_orders_as_a_comparison_sort(texts: &[String]) {
        let index = index_of(texts);
        let mut expected: Vec<u32> = (0..texts.len() as u32).collect();
        expected.sort_by(|&a, &b| texts[a as usize].cmp(&texts[b as usize]).then(a.cmp(&b)));
        assert_eq!(index.compute_text_order(), expected);
    }
}
