//! The same statement in other words: claims whose content words and actors mostly
//! coincide, found through MinHash buckets and checked with the exact Jaccard similarity.
//! This finds a sentence reworded across outlets, or repeated by an article copied twice.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::super::mentions::UnionFind;
use super::ClaimSignals;
use super::time;

/// Minimum Jaccard similarity for two claims to be the same statement.
pub const SAME_STATEMENT: f64 = 0.5;
/// Fewer distinct signals than this and a claim is too short to compare.
const MIN_SIGNALS: usize = 5;

/// Joins the claims that make the same statement. Claims that name different times
/// (`2003`, `2004`) or that count different things stay apart.
pub fn link(uf: &mut UnionFind, signals: &[ClaimSignals]) {
    use rayon::prelude::*;
    // Each claim's signals and their bands, worked out on every core.
    let (sets, bands): (Vec<Vec<u64>>, Vec<Option<[u64; 4]>>) = signals
        .par_iter()
        .map(|s| {
            let set = signal_set(s);
            let bands = (set.len() >= MIN_SIGNALS).then(|| minhash_bands(&set));
            (set, bands)
        })
        .unzip();
    // The first claim with each band; every later claim with it is compared with that one.
    let mut first: FxHashMap<(usize, u64), usize> = FxHashMap::default();
    for (i, bands) in bands.iter().enumerate() {
        for (band, &bucket) in bands.iter().flatten().enumerate() {
            first.entry((band, bucket)).or_insert(i);
        }
    }
    let same: Vec<Vec<usize>> = bands
        .par_iter()
        .enumerate()
        .map(|(i, bands)| {
            let mut same = Vec::new();
            for (band, &bucket) in bands.iter().flatten().enumerate() {
                let Some(&j) = first.get(&(band, bucket)) else {
                    continue;
                };
                if j != i
                    && compatible(&signals[i], &signals[j])
                    && jaccard(&sets[i], &sets[j]) >= SAME_STATEMENT
                {
                    same.push(j);
                }
            }
            same
        })
        .collect();
    for (i, others) in same.iter().enumerate() {
        for &j in others {
            uf.union(i, j);
        }
    }
}

/// Two wordings can be one statement only if they count the same thing and name no
/// different times.
fn compatible(a: &ClaimSignals, b: &ClaimSignals) -> bool {
    let same_frame = match (&a.frame, &b.frame) {
        (Some(x), Some(y)) => x.event == y.event && x.counted == y.counted,
        _ => true,
    };
    same_frame && !time::exclusive(&a.when.periods, &b.when.periods)
}

/// A claim's content words and actors (its speaker too: who says it is part of a
/// statement), hashed, sorted and distinct.
pub fn signal_set(s: &ClaimSignals) -> Vec<u64> {
    let mut set = s.words.clone();
    for &a in s.actors.iter().chain(&s.speaker) {
        let mut h = FxHasher::default();
        ("actor", a).hash(&mut h);
        set.push(h.finish());
    }
    set.sort_unstable();
    set.dedup();
    set
}

/// Four bands of two MinHash values each: similar sets share a band with high probability.
fn minhash_bands(set: &[u64]) -> [u64; 4] {
    let mut mins = [u64::MAX; 8];
    for &x in set {
        for (k, m) in mins.iter_mut().enumerate() {
            let h = mix(x ^ (0x9E37_79B9_7F4A_7C15u64.wrapping_mul(k as u64 + 1)));
            *m = (*m).min(h);
        }
    }
    std::array::from_fn(|band| mix(mins[2 * band] ^ mins[2 * band + 1].rotate_left(17)))
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// The Jaccard similarity of two sorted, distinct sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_and_minhash_agree_on_identical_sets() {
        let a: Vec<u64> = (0..10).collect();
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(minhash_bands(&a), minhash_bands(&a));
        let b: Vec<u64> = (100..110).collect();
        assert_eq!(jaccard(&a, &b), 0.0);
    }
}
