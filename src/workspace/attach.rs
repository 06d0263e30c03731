//! Claim rows, and the researcher's work re-attached to them: each annotation's anchor is
//! found in the current text (also in a document that was renamed), then given to the
//! claim that is the same sentence. A claim merely touching the found text never takes
//! the work: then it goes on a claim restored by hand at the found text, or, when the
//! text is gone, to the review list.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use super::{ClaimId, ClaimRow, Placement, Workspace, document_index};
use crate::corpus::Corpus;
use crate::extract::Claim;
use crate::project::anchor::{DocumentMatcher, Found};
use crate::project::{Anchor, Project};

/// The share of both the claim and the found text that must overlap for the two to be
/// the same sentence.
const SAME_SENTENCE_OVERLAP: f64 = 0.5;
/// A renamed document is recognised when at least this share of its anchors is found in
/// a document new to the corpus.
const RENAMED_DOCUMENT_SHARE: f64 = 0.5;

/// Finds anchors in the current documents, also in documents whose id changed.
struct Locator<'c> {
    corpus: &'c Corpus,
    by_id: HashMap<&'c str, usize>,
    renamed: HashMap<String, usize>,
    matchers: HashMap<usize, DocumentMatcher<'c>>,
}

impl<'c> Locator<'c> {
    fn new(corpus: &'c Corpus, project: &Project) -> Self {
        let by_id = document_index(corpus);
        let mut locator = Self {
            corpus,
            by_id,
            renamed: HashMap::default(),
            matchers: HashMap::default(),
        };
        locator.find_renamed_documents(project);
        locator
    }

    /// The document an anchor's id now names.
    fn document(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .copied()
            .or_else(|| self.renamed.get(id).copied())
    }

    fn find(&mut self, anchor: &Anchor) -> Option<(usize, Found)> {
        let d = self.document(&anchor.document)?;
        let text = self.corpus.documents[d].text.as_str();
        let matcher = self
            .matchers
            .entry(d)
            .or_insert_with(|| DocumentMatcher::new(text));
        matcher.find(anchor).map(|f| (d, f))
    }

    /// Documents of the project that are gone by their id: the new document with the same
    /// content, or else the one in which most of their anchors are found.
    fn find_renamed_documents(&mut self, project: &Project) {
        let mut anchors_of: HashMap<&str, Vec<&Anchor>> = HashMap::default();
        let all = project
            .annotations
            .iter()
            .map(|a| &a.anchor)
            .chain(&project.manual_claims)
            .chain(&project.rejected_claims);
        for anchor in all {
            if !anchor.document.is_empty() && !self.by_id.contains_key(anchor.document.as_str()) {
                anchors_of
                    .entry(anchor.document.as_str())
                    .or_default()
                    .push(anchor);
            }
        }
        if anchors_of.is_empty() {
            return;
        }
        let referenced: HashSet<&str> = project
            .annotations
            .iter()
            .map(|a| a.anchor.document.as_str())
            .chain(project.corpus.documents.keys().map(String::as_str))
            .collect();
        let mut free: HashSet<usize> = (0..self.corpus.documents.len())
            .filter(|&d| !referenced.contains(self.corpus.documents[d].id.as_str()))
            .collect();
        let mut by_hash: HashMap<&str, Vec<usize>> = HashMap::default();
        for &d in &free {
            by_hash
                .entry(self.corpus.documents[d].hash.as_str())
                .or_default()
                .push(d);
        }
        for list in by_hash.values_mut() {
            list.sort_unstable();
        }
        let mut gone: Vec<(&str, Vec<&Anchor>)> = anchors_of.into_iter().collect();
        gone.sort_by(|a, b| a.0.cmp(b.0));
        // Same content first: a renamed file.
        let mut edited = Vec::new();
        for (id, anchors) in gone {
            let same = project.corpus.documents.get(id).and_then(|hash| {
                by_hash
                    .get(hash.as_str())
                    .and_then(|list| list.iter().copied().find(|d| free.contains(d)))
            });
            match same {
                Some(d) => {
                    free.remove(&d);
                    self.renamed.insert(id.to_string(), d);
                }
                None => edited.push((id, anchors)),
            }
        }
        if edited.is_empty() || free.is_empty() {
            return;
        }
        // Renamed and edited: the free documents sharing most runs of words with the
        // anchors are tried, then the one where most anchors are found is taken.
        let index = ShingleIndex::new(self.corpus, &free);
        for (id, anchors) in edited {
            let needed = ((anchors.len() as f64 * RENAMED_DOCUMENT_SHARE).ceil() as usize).max(1);
            let chosen = index
                .candidates(&anchors, &free)
                .into_iter()
                .map(|d| {
                    let mut matcher = DocumentMatcher::new(&self.corpus.documents[d].text);
                    let hits = anchors.iter().filter(|a| matcher.find(a).is_some()).count();
                    (hits, d)
                })
                .filter(|&(hits, _)| hits >= needed)
                .max_by_key(|&(hits, d)| (hits, std::cmp::Reverse(d)))
                .map(|(_, d)| d);
            if let Some(d) = chosen {
                free.remove(&d);
                self.renamed.insert(id.to_string(), d);
            }
        }
    }
}

/// Documents tried for a renamed and edited one.
const RENAMED_CANDIDATES: usize = 3;
/// Runs of words found in more documents than this say nothing about which one it is.
const COMMON_SHINGLE_DOCUMENTS: usize = 16;

/// Which documents hold which runs of three words, for finding where anchors went.
struct ShingleIndex {
    documents: HashMap<u64, Vec<u32>>,
}

impl ShingleIndex {
    fn new(corpus: &Corpus, free: &HashSet<usize>) -> Self {
        let mut documents: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut sorted: Vec<usize> = free.iter().copied().collect();
        sorted.sort_unstable();
        for d in sorted {
            let Ok(id) = u32::try_from(d) else { continue };
            let mut seen = HashSet::default();
            for shingle in shingles(&corpus.documents[d].text) {
                if seen.insert(shingle) {
                    let list = documents.entry(shingle).or_default();
                    if list.len() <= COMMON_SHINGLE_DOCUMENTS {
                        list.push(id);
                    }
                }
            }
        }
        Self { documents }
    }

    /// The free documents sharing most runs of words with `anchors`, best first.
    fn candidates(&self, anchors: &[&Anchor], free: &HashSet<usize>) -> Vec<usize> {
        let mut votes: HashMap<usize, usize> = HashMap::default();
        for anchor in anchors {
            for shingle in shingles(&anchor.quote) {
                let Some(list) = self.documents.get(&shingle) else {
                    continue;
                };
                if list.len() > COMMON_SHINGLE_DOCUMENTS {
                    continue;
                }
                for &d in list {
                    if free.contains(&(d as usize)) {
                        *votes.entry(d as usize).or_default() += 1;
                    }
                }
            }
        }
        let mut ranked: Vec<(usize, usize)> = votes.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(RENAMED_CANDIDATES)
            .map(|(d, _)| d)
            .collect()
    }
}

/// Hashes of every run of three words of `text`, folded.
fn shingles(text: &str) -> Vec<u64> {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let folded = crate::project::normalize::Folded::new(text);
    let words = crate::project::normalize::Words::of(&folded.text);
    let hasher = BuildHasherDefault::<rustc_hash::FxHasher>::default();
    words
        .keys
        .windows(3)
        .map(|w| hasher.hash_one((w[0], w[1], w[2])))
        .collect()
}

/// Whether claim span `a` and found span `b` are the same sentence.
fn same_sentence(a: (usize, usize), b: (usize, usize)) -> bool {
    let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0)) as f64;
    let (la, lb) = (
        a.1.saturating_sub(a.0).max(1) as f64,
        b.1.saturating_sub(b.0).max(1) as f64,
    );
    overlap >= SAME_SENTENCE_OVERLAP * la && overlap >= SAME_SENTENCE_OVERLAP * lb
}

impl Workspace {
    /// Claim rows: extracted claims minus rejected ones, then manual claims, with the
    /// project's annotations re-attached to them.
    pub(super) fn rebuild_rows(&mut self) {
        let mut locator = Locator::new(&self.corpus, &self.project);
        let rejected_spans: Vec<Option<(usize, usize, usize)>> = self
            .project
            .rejected_claims
            .iter()
            .map(|a| locator.find(a).map(|(d, f)| (d, f.start, f.end)))
            .collect();
        let manual_spans: Vec<Option<(usize, usize, usize)>> = self
            .project
            .manual_claims
            .iter()
            .map(|a| locator.find(a).map(|(d, f)| (d, f.start, f.end)))
            .collect();
        let mut rejected_by_doc: HashMap<usize, Vec<(usize, usize)>> = HashMap::default();
        for &(d, s, e) in rejected_spans.iter().flatten() {
            rejected_by_doc.entry(d).or_default().push((s, e));
        }
        let is_rejected = |d: usize, span: (usize, usize)| {
            rejected_by_doc
                .get(&d)
                .is_some_and(|list| list.iter().any(|&r| same_sentence(r, span)))
        };
        let doc_index = document_index(&self.corpus);
        let mut rows: Vec<ClaimRow> = Vec::with_capacity(self.extraction.claims.len());
        // Claims come in corpus order: the document of the one before is most often this
        // one's too.
        let mut last: Option<(&Arc<str>, usize)> = None;
        for claim in &self.extraction.claims {
            let document = match last {
                Some((id, d)) if Arc::ptr_eq(id, &claim.document) => d,
                _ => {
                    let Some(&d) = doc_index.get(claim.document.as_ref()) else {
                        continue;
                    };
                    last = Some((&claim.document, d));
                    d
                }
            };
            if is_rejected(document, (claim.start, claim.end)) {
                continue;
            }
            rows.push(ClaimRow {
                id: ClaimId::new(&claim.id),
                claim: claim.clone(),
                document,
                manual: false,
                speaker: None,
                annotation: None,
                family: None,
            });
        }
        let doc_ids: Vec<Arc<str>> = self
            .corpus
            .documents
            .iter()
            .map(|d| Arc::from(d.id.as_str()))
            .collect();
        let mut manual_seen: HashSet<(usize, usize, usize)> = HashSet::default();
        for &span in manual_spans.iter().flatten() {
            if manual_seen.insert(span) {
                rows.push(manual_row(&self.corpus, &doc_ids, span.0, span.1, span.2));
            }
        }
        let mut by_doc: HashMap<usize, Vec<usize>> = HashMap::default();
        for (i, r) in rows.iter().enumerate() {
            by_doc.entry(r.document).or_default().push(i);
        }
        self.orphans.clear();
        let mut placements = Vec::with_capacity(self.project.annotations.len());
        for (a, annotation) in self.project.annotations.iter().enumerate() {
            let Some((d, found)) = locator.find(&annotation.anchor) else {
                self.orphans.push(a);
                placements.push(Placement {
                    row: None,
                    how: None,
                });
                continue;
            };
            let span = (found.start, found.end);
            if is_rejected(d, span) {
                // Work on a rejected claim is kept in the project and listed for review.
                self.orphans.push(a);
                placements.push(Placement {
                    row: None,
                    how: Some(found.how),
                });
                continue;
            }
            let candidates = by_doc.get(&d).map_or(&[][..], Vec::as_slice);
            let best = candidates
                .iter()
                .copied()
                .map(|r| {
                    let c = (rows[r].claim.start, rows[r].claim.end);
                    (r, c.1.min(span.1).saturating_sub(c.0.max(span.0)))
                })
                .filter(|&(_, overlap)| overlap > 0)
                .max_by_key(|&(r, overlap)| (overlap, std::cmp::Reverse(r)))
                .map(|(r, _)| r)
                .filter(|&r| {
                    rows[r].annotation.is_none()
                        && same_sentence((rows[r].claim.start, rows[r].claim.end), span)
                });
            let row = match best {
                Some(r) => r,
                None => {
                    // The text is there but no free claim is that sentence (extraction no
                    // longer finds it, or cut it differently): keep the work on a claim
                    // restored by hand at the text found.
                    rows.push(manual_row(&self.corpus, &doc_ids, d, span.0, span.1));
                    by_doc.entry(d).or_default().push(rows.len() - 1);
                    rows.len() - 1
                }
            };
            rows[row].annotation = Some(a);
            placements.push(Placement {
                row: Some(row),
                how: Some(found.how),
            });
        }
        make_ids_unique(&mut rows);
        self.placements = placements;
        self.manual_spans = manual_spans;
        self.rejected_spans = rejected_spans;
        self.row_of_claim = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut rows_of_document = vec![Vec::new(); self.corpus.documents.len()];
        for (i, r) in rows.iter().enumerate() {
            rows_of_document[r.document].push(i);
        }
        for list in &mut rows_of_document {
            list.sort_by_key(|&i| (rows[i].claim.start, i));
        }
        self.rows_of_document = rows_of_document;
        self.family_of_id = self
            .extraction
            .families
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        for row in &mut rows {
            row.family = row
                .claim
                .family
                .as_ref()
                .and_then(|f| self.family_of_id.get(f))
                .copied();
        }
        self.rows = rows;
    }

    /// The project with every attached anchor moved to the text it is attached to now
    /// (document id, quote, context, position), so the next opening starts from the
    /// current text instead of drifting further from the old one.
    pub(super) fn refresh_anchors(&mut self) {
        let mut fresh: Vec<(usize, Anchor)> = Vec::new();
        for (a, placement) in self.placements.iter().enumerate() {
            let Some(row) = placement.row.and_then(|r| self.rows.get(r)) else {
                continue;
            };
            let doc = &self.corpus.documents[row.document];
            let anchor = Anchor::new(&doc.id, &doc.text, row.claim.start, row.claim.end);
            if self
                .project
                .annotations
                .get(a)
                .is_some_and(|x| x.anchor != anchor)
            {
                fresh.push((a, anchor));
            }
        }
        for (a, anchor) in fresh {
            Arc::make_mut(&mut self.project.annotations[a]).anchor = anchor;
        }
        let span_anchor = |corpus: &Corpus, span: &Option<(usize, usize, usize)>| {
            span.map(|(d, s, e)| {
                let doc = &corpus.documents[d];
                Anchor::new(&doc.id, &doc.text, s, e)
            })
        };
        for (anchor, span) in self
            .project
            .manual_claims
            .iter_mut()
            .zip(&self.manual_spans)
        {
            if let Some(new) = span_anchor(&self.corpus, span) {
                *anchor = new;
            }
        }
        for (anchor, span) in self
            .project
            .rejected_claims
            .iter_mut()
            .zip(&self.rejected_spans)
        {
            if let Some(new) = span_anchor(&self.corpus, span) {
                *anchor = new;
            }
        }
    }
}

/// Two claims restored by hand at the same place would share an id; later ones get
/// `#2`, `#3`. Rows are built in the same order every time, so ids stay stable.
fn make_ids_unique(rows: &mut [ClaimRow]) {
    // Extraction's ids are unique: most often there is nothing to do.
    let mut ids: HashSet<&ClaimId> = HashSet::default();
    ids.reserve(rows.len());
    if rows.iter().all(|r| ids.insert(&r.id)) {
        return;
    }
    drop(ids);
    let mut seen: HashMap<ClaimId, usize> = HashMap::default();
    for row in rows.iter_mut() {
        let count = seen.entry(row.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let id = format!("{}#{count}", row.id);
            row.id = ClaimId::new(&id);
            Arc::make_mut(&mut row.claim).id = id;
        }
    }
}

/// A claim row for a span the researcher chose.
pub(super) fn manual_row(
    corpus: &Corpus,
    doc_ids: &[Arc<str>],
    document: usize,
    start: usize,
    end: usize,
) -> ClaimRow {
    let text = &corpus.documents[document].text;
    let id = format!("{}:manual@{start}", corpus.documents[document].id);
    ClaimRow {
        id: ClaimId::new(&id),
        claim: Arc::new(Claim {
            id,
            document: doc_ids[document].clone(),
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            speaker: None,
            via: None,
            about: Vec::new(),
            score: 1.0,
            features: [crate::extract::Feature {
                name: "added by hand".into(),
                weight: 1.0,
                evidence: String::new(),
            }]
            .into_iter()
            .collect(),
            numbers: Vec::new(),
            family: None,
            kind: crate::text::segment::SentenceKind::Body,
        }),
        document,
        manual: true,
        speaker: None,
        annotation: None,
        family: None,
    }
}

#[cfg(test)]
mod tests {
    use super::same_sentence;

    #[test]
    fn a_one_byte_overlap_is_not_the_same_sentence() {
        assert!(same_sentence((10, 60), (12, 58)));
        assert!(!same_sentence((10, 60), (59, 120)));
        // A claim cut longer by the extraction still holds the found sentence.
        assert!(same_sentence((10, 100), (10, 60)));
        assert!(!same_sentence((10, 200), (10, 60)));
    }
}
