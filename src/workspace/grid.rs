//! The claim grid's rows: which claims pass the filters, in which order. Computed only
//! when the filter, the sort or the data change, never while drawing. Text search runs
//! once over one lowered copy of all claim texts; sorting uses precomputed keys.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::Workspace;
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
    /// Curated actors: a claim passes if it is said by or names any of them.
    pub actors: BTreeSet<usize>,
    /// Family id.
    pub family: Option<String>,
    /// Only claims whose family has conflicting figures.
    pub conflicts_only: bool,
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
#[derive(Default)]
pub struct SearchIndex {
    blob: String,
    starts: Vec<usize>,
    /// The workspace layout it was built for.
    pub built_for: Option<u64>,
}

impl SearchIndex {
    /// Builds the index over the workspace's rows.
    pub fn build(workspace: &Workspace) -> Self {
        let total: usize = workspace.rows.iter().map(|r| r.claim.text.len() + 1).sum();
        let mut blob = String::with_capacity(total);
        let mut starts = Vec::with_capacity(workspace.rows.len() + 1);
        for row in &workspace.rows {
            starts.push(blob.len());
            blob.extend(row.claim.text.chars().flat_map(char::to_lowercase));
            // A separator no search can match across.
            blob.push('\u{0}');
        }
        starts.push(blob.len());
        Self {
            blob,
            starts,
            built_for: Some(workspace.layout_generation),
        }
    }

    fn text(&self, row: usize) -> &str {
        &self.blob[self.starts[row]..self.starts[row + 1].saturating_sub(1)]
    }

    /// Rows whose text contains `needle` (lower case), in row order.
    fn rows_containing(&self, needle: &str) -> Vec<bool> {
        let mut hit = vec![false; self.starts.len().saturating_sub(1)];
        for (at, _) in self.blob.match_indices(needle) {
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
    let mut out: Vec<u32> = Vec::with_capacity(workspace.rows.len());
    for (i, row) in workspace.rows.iter().enumerate() {
        if !text_hits
            .iter()
            .all(|hits| hits.get(i).copied().unwrap_or(false))
        {
            continue;
        }
        let annotation = workspace.annotation(i);
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
        if let Some(family) = &filter.family
            && row.claim.family.as_ref() != Some(family)
        {
            continue;
        }
        if filter.conflicts_only && !family_conflict(i) {
            continue;
        }
        if !filter.actors.is_empty() {
            let speaks = row.speaker.is_some_and(|s| filter.actors.contains(&s));
            let named = || {
                row.claim
                    .about
                    .iter()
                    .filter_map(|id| workspace.curated_actor(id))
                    .any(|a| filter.actors.contains(&a))
            };
            if !speaks && !named() {
                continue;
            }
        }
        out.push(i as u32);
    }
    sort_rows(workspace, index, &mut out, sort);
    out
}

/// Sorts rows by a column; ties keep document order.
pub fn sort_rows(workspace: &Workspace, index: &SearchIndex, rows: &mut [u32], sort: Sort) {
    let r = |i: u32| &workspace.rows[i as usize];
    let position = |i: u32| (r(i).document, r(i).claim.start, i);
    match sort.column {
        Column::Document => rows.sort_unstable_by_key(|&i| position(i)),
        Column::Speaker => {
            let ranks = name_ranks(workspace);
            rows.sort_unstable_by_key(|&i| {
                (r(i).speaker.map_or(u32::MAX, |s| ranks[s]), position(i))
            });
        }
        Column::Text => {
            // A prefix key settles most comparisons without touching the strings.
            let prefix = |i: u32| {
                let mut key = [0u8; 8];
                for (k, b) in key.iter_mut().zip(index.text(i as usize).bytes()) {
                    *k = b;
                }
                u64::from_be_bytes(key)
            };
            let mut keyed: Vec<(u64, u32)> = rows.iter().map(|&i| (prefix(i), i)).collect();
            keyed.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| index.text(a.1 as usize).cmp(index.text(b.1 as usize)))
                    .then(a.1.cmp(&b.1))
            });
            for (slot, (_, i)) in rows.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
        Column::Figures => {
            let value = |i: u32| {
                r(i).claim
                    .numbers
                    .iter()
                    .find(|f| f.kind.is_quantity())
                    .map_or(f64::NEG_INFINITY, |f| f.value)
            };
            rows.sort_unstable_by(|&a, &b| {
                value(a)
                    .total_cmp(&value(b))
                    .then_with(|| position(a).cmp(&position(b)))
            });
        }
        Column::Family => {
            let ranks = family_ranks(workspace);
            let rank = |i: u32| {
                r(i).claim
                    .family
                    .as_ref()
                    .and_then(|f| ranks.get(f))
                    .copied()
                    .unwrap_or(u32::MAX)
            };
            rows.sort_unstable_by_key(|&i| (rank(i), position(i)));
        }
        Column::Score => rows.sort_unstable_by(|&a, &b| {
            r(a).claim
                .score
                .total_cmp(&r(b).claim.score)
                .then_with(|| position(a).cmp(&position(b)))
        }),
        Column::Verdict => {
            let key = |i: u32| {
                workspace
                    .annotation(i as usize)
                    .and_then(|a| a.verdict)
                    .map_or(u8::MAX, |v| v as u8)
            };
            rows.sort_unstable_by_key(|&i| (key(i), position(i)));
        }
        Column::Status => {
            let key = |i: u32| {
                workspace
                    .annotation(i as usize)
                    .map_or(Status::Unstarted, |a| a.status)
            };
            rows.sort_unstable_by_key(|&i| (key(i), position(i)));
        }
        Column::References => {
            let key = |i: u32| {
                workspace
                    .annotation(i as usize)
                    .map_or(0, |a| a.references.len())
            };
            rows.sort_unstable_by_key(|&i| (key(i), position(i)));
        }
    }
    if sort.descending {
        rows.reverse();
    }
}

/// Each curated actor's rank by name.
fn name_ranks(workspace: &Workspace) -> Vec<u32> {
    let mut order: Vec<usize> = (0..workspace.actors.len()).collect();
    order.sort_by(|&a, &b| compare_names(&workspace.actors[a].name, &workspace.actors[b].name));
    let mut ranks = vec![0u32; order.len()];
    for (rank, a) in order.into_iter().enumerate() {
        ranks[a] = rank as u32;
    }
    ranks
}

/// Each family's rank by label.
fn family_ranks(workspace: &Workspace) -> std::collections::HashMap<String, u32> {
    let mut families: Vec<&crate::extract::Family> = workspace.extraction.families.iter().collect();
    families.sort_by(|a, b| compare_names(&a.label, &b.label).then(a.id.cmp(&b.id)));
    families
        .into_iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i as u32))
        .collect()
}

fn compare_names(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b))
}
