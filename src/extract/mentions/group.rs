//! Grouping a document's mentions into actors: same spelling key, acronym and alias
//! links, and surnames or first names joined to the one full name they belong to.

use rustc_hash::{FxHashMap, FxHashSet};

use super::scan::PARTICLES;
use super::{AliasStats, DocumentActors, LocalActor, LocalMention, UnionFind};
use crate::extract::ActorKind;
use crate::extract::names::{key, key_hash, name_hash};
use crate::text::lexicon::{List, is_common_word, lexicon};
use crate::text::words::{is_mixed_acronym, within_one_edit};

/// Groups mentions into actors: same key, acronym links, surnames and first names.
pub(super) fn group(mentions: Vec<LocalMention>, links: &[(usize, usize)]) -> DocumentActors {
    const NAME: u64 = 1;
    const GAZETTEER: u64 = 2;
    let mut uf = UnionFind::new(mentions.len());
    let mut by_key: FxHashMap<u64, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let k = match m.gazetteer {
            Some(g) => key_hash(&[g], GAZETTEER),
            None => name_hash(&m.name, NAME),
        };
        match by_key.get(&k) {
            Some(&j) => uf.union(i, j),
            None => {
                by_key.insert(k, i);
            }
        }
    }
    for &(a, b) in links {
        if a < mentions.len() && b < mentions.len() {
            uf.union(a, b);
        }
    }
    join_variants(&mentions, &mut uf);
    join_partial_names(&mentions, &mut uf);
    // A capitalized common word ("Trump", "Green") is a name only if it joined one that is
    // surely a name; else it was a word set in capitals.
    let mut solid: FxHashSet<usize> = FxHashSet::default();
    for (i, m) in mentions.iter().enumerate() {
        if !m.doubtful {
            solid.insert(uf.find(i));
        }
    }
    let kept: Vec<usize> = (0..mentions.len())
        .filter(|&i| !mentions[i].doubtful || solid.contains(&uf.find(i)))
        .collect();
    let roots: Vec<usize> = kept.iter().map(|&i| uf.find(i)).collect();
    // `kept` is in increasing order: the kept mentions are taken in place, in order.
    let mut next_kept = kept.iter().peekable();
    let mentions: Vec<LocalMention> = mentions
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| next_kept.next_if_eq(&&i).is_some())
        .map(|(_, m)| m)
        .collect();
    let mut actors: Vec<LocalActor> = Vec::new();
    let mut actor_of = vec![0; mentions.len()];
    let mut root_actor: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let root = roots[i];
        let a = *root_actor.entry(root).or_insert_with(|| {
            actors.push(LocalActor::default());
            actors.len() - 1
        });
        actor_of[i] = a;
        let actor = &mut actors[a];
        actor.mentions.push(i);
        match actor.aliases.iter().position(|n| *n == m.name) {
            Some(k) => actor.alias_stats[k].uses += 1,
            None => {
                actor.aliases.push(m.name.clone());
                actor.alias_stats.push(AliasStats {
                    words: m.words,
                    uses: 1,
                    acronym: m.acronym,
                    titled: false,
                });
            }
        }
        if let Some(titled) = &m.titled
            && !actor.aliases.contains(titled)
        {
            actor.aliases.push(titled.clone());
            actor.alias_stats.push(AliasStats {
                words: titled.split_whitespace().count(),
                uses: 0,
                acronym: false,
                titled: true,
            });
        }
        if m.strength > actor.strength || actor.mentions.len() == 1 {
            actor.kind = m.kind;
            actor.strength = m.strength;
        }
        if m.gazetteer.is_some() && actor.gazetteer.is_none() {
            actor.gazetteer = m.gazetteer;
        }
    }
    for actor in &mut actors {
        actor.name = canonical_name(actor);
    }
    DocumentActors {
        mentions,
        actors,
        actor_of,
    }
}

/// The fullest name of an actor: the gazetteer name, else the non-acronym name with the
/// most words, the most used among those.
pub fn canonical_name(actor: &LocalActor) -> String {
    if let Some(g) = actor.gazetteer.filter(|_| actor.kind != ActorKind::Group) {
        return g.to_string();
    }
    if let [only] = actor.aliases.as_slice() {
        return only.clone();
    }
    let multi_word_keys: Vec<String> = actor
        .aliases
        .iter()
        .filter(|a| a.split_whitespace().count() >= 2)
        .map(|a| key(a))
        .collect();
    let mut best: Option<(&str, usize, usize)> = None; // name, words, uses
    for (alias, stats) in actor.aliases.iter().zip(&actor.alias_stats) {
        if stats.titled {
            continue;
        }
        // "Minster Mohammad Javad Zarif" only puts a common word (a misspelt title) before
        // a full name; "Majid Takht Ravanchi" puts a first name before one.
        let first_word = alias
            .split_whitespace()
            .next()
            .map(str::to_lowercase)
            .unwrap_or_default();
        let common_first = is_common_word(&first_word) || lexicon().is_title(&first_word);
        let alias_key = key(alias);
        if common_first
            && multi_word_keys
                .iter()
                .any(|k| alias_key.len() > k.len() && alias_key.ends_with(k.as_str()))
        {
            continue;
        }
        let words = if stats.acronym { 0 } else { stats.words };
        let candidate = (alias.as_str(), words, stats.uses);
        best = match best {
            Some(b) if (b.1, b.2) >= (candidate.1, candidate.2) => Some(b),
            _ => Some(candidate),
        };
    }
    best.or_else(|| actor.aliases.first().map(|a| (a.as_str(), 0, 0)))
        .map_or_else(String::new, |b| b.0.to_string())
}

/// Joins a surname or first name (or a shorter tail of a name, or a name written as one
/// word) to the single multi-word person name in the document it belongs to.
///
/// A tail after a patronymic particle is a father's name, not a surname ("Salman" in
/// "Mohammed bin Salman"). A first name written with a title ("Prince Charles") joins a
/// full name only if that full name was written with the same title.
fn join_partial_names(mentions: &[LocalMention], uf: &mut UnionFind) {
    let mut tails: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    let mut firsts: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    let mut titles_of: FxHashMap<usize, FxHashSet<String>> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != ActorKind::Person || m.words < 2 {
            continue;
        }
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let root = uf.find(i);
        if let Some(title) = honorific_of(m) {
            titles_of.entry(root).or_default().insert(title);
        }
        for k in 1..words.len() {
            if is_patronymic(words[k - 1]) || is_generation(&words[k..]) {
                continue;
            }
            tails
                .entry(key_hash(&words[k..], 0))
                .or_default()
                .insert(root);
        }
        if let Some(first) = words.first() {
            firsts
                .entry(key_hash(&[first], 0))
                .or_default()
                .insert(root);
        }
        // Middle names ("Lula" in "Luiz Inacio Lula da Silva"), particles aside.
        for middle in words.iter().skip(1).take(words.len().saturating_sub(2)) {
            if !PARTICLES.contains(middle) && !is_patronymic(middle) {
                firsts
                    .entry(key_hash(&[middle], 0))
                    .or_default()
                    .insert(root);
            }
        }
    }
    if tails.is_empty() {
        return;
    }
    for (i, m) in mentions.iter().enumerate() {
        if m.gazetteer.is_some()
            || m.acronym
            || !matches!(m.kind, ActorKind::Person | ActorKind::Other)
        {
            continue;
        }
        let k = key_hash(&[&m.name], 0);
        let unique = |map: &FxHashMap<u64, FxHashSet<usize>>| {
            map.get(&k)
                .filter(|roots| roots.len() == 1)
                .and_then(|r| r.iter().next().copied())
        };
        if let Some(root) = unique(&tails) {
            uf.union(i, root);
        } else if m.words == 1
            && let Some(root) = unique(&firsts)
        {
            let same_title = match honorific_of(m) {
                None => true,
                Some(t) => titles_of
                    .get(&uf.find(root))
                    .is_some_and(|ts| ts.contains(&t)),
            };
            if same_title {
                uf.union(i, root);
            }
        }
    }
}

/// The honorific a mention was written with ("prince" for "Prince Mohammed").
fn honorific_of(m: &LocalMention) -> Option<String> {
    let titled = m.titled.as_ref()?;
    let title = titled.split_whitespace().next()?;
    Some(title.trim_end_matches('.').to_lowercase())
}

/// "bin", "ibn", "bint": the name after it is the father's.
fn is_patronymic(word: &str) -> bool {
    matches!(word, "bin" | "ibn" | "bint" | "ould" | "ben")
}

/// "III", "Jr": a generation, not a surname.
fn is_generation(words: &[&str]) -> bool {
    matches!(
        words,
        [w] if matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "jr" | "sr" | "ii" | "iii" | "iv" | "junior" | "senior"
        )
    )
}

/// A person's name as first name and surname, without initials or a generation, the
/// first name in its full form ("Bob Mueller" and "Robert S. Mueller III" are both
/// robert mueller).
fn full_name_key(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches('.');
            bare.chars().count() > 1 && !is_generation(&[w])
        })
        .collect();
    if words.len() < 2 {
        return None;
    }
    let first = key(words[0]);
    let first = lexicon()
        .value("nicknames", &first)
        .map_or(first, str::to_string);
    Some((first, key(words[words.len() - 1])))
}

/// Links within a document that need more than one name's spelling: the same person's
/// name with a nickname or initials, a one-letter spelling variant of a surname, an
/// acronym made of a name's initials, a clipped form of a long one-word name, and an
/// organization's name in another word order.
fn join_variants(mentions: &[LocalMention], uf: &mut UnionFind) {
    // People: first name and surname, and a one-letter slip in a long surname.
    let mut by_full: FxHashMap<(String, String), usize> = FxHashMap::default();
    let mut people: Vec<(usize, String, String)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != ActorKind::Person || m.words < 2 {
            continue;
        }
        let Some((first, last)) = full_name_key(&m.name) else {
            continue;
        };
        match by_full.get(&(first.clone(), last.clone())) {
            Some(&j) => uf.union(i, j),
            None => {
                by_full.insert((first.clone(), last.clone()), i);
                people.push((i, first, last));
            }
        }
    }
    // Only people with the same first name are compared: a long document names thousands.
    let mut by_first: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (p, (_, first, _)) in people.iter().enumerate() {
        by_first.entry(first.as_str()).or_default().push(p);
    }
    for same_first in by_first.values() {
        for (x, &a) in same_first.iter().enumerate() {
            for &b in &same_first[x + 1..] {
                let ((i, _, li), (j, _, lj)) = (&people[a], &people[b]);
                if li.len() >= MIN_VARIANT_LETTERS && within_one_edit(li, lj) {
                    uf.union(*i, *j);
                }
            }
        }
    }
    join_single_words(mentions, uf);
    // Organizations in another word order ("Menatep Group", "Group Menatep").
    let lex = lexicon();
    let mut by_words: FxHashMap<Vec<String>, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.words < 2 || m.kind == ActorKind::Person {
            continue;
        }
        let mut words: Vec<String> = m.name.split_whitespace().map(key).collect();
        if !words.iter().any(|w| lex.has(List::OrgHeads, w)) {
            continue;
        }
        words.sort();
        match by_words.get(&words) {
            Some(&j) => uf.union(i, j),
            None => {
                by_words.insert(words, i);
            }
        }
    }
    // Acronyms made of a name's initials ("NAO", "MoD").
    let mut by_initials: FxHashMap<String, FxHashSet<usize>> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.words < 2 || m.kind == ActorKind::Person || m.acronym {
            continue;
        }
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
        let content: String = words
            .iter()
            .filter(|w| !lex.has(List::FunctionWords, &w.to_lowercase()))
            .filter_map(|w| w.chars().next())
            .collect();
        for initials in [all, content] {
            if initials.chars().count() >= 2 {
                by_initials
                    .entry(initials.to_lowercase())
                    .or_default()
                    .insert(uf.find(i));
            }
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        if m.words != 1 || !(m.acronym || is_mixed_acronym(&m.name)) {
            continue;
        }
        let letters: String = m
            .name
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        if let Some(roots) = by_initials.get(&letters)
            && roots.len() == 1
            && let Some(&root) = roots.iter().next()
        {
            uf.union(i, root);
        }
    }
}

/// Letters a surname or one-word name needs before a one-letter difference is a spelling
/// variant rather than another name.
const MIN_VARIANT_LETTERS: usize = 6;
/// Letters a one-word name needs to be taken as the clipped form of a longer one.
const MIN_CLIPPED_LETTERS: usize = 5;

/// Single long words, each joined to the one longer name it is the clipped form of
/// ("Menatep" of "Menatepbank"), and to its spelling variants (as long, the first letters
/// the same, one letter changed). Mentions are taken in document order, each joined to
/// the variants that come after it, as if every pair were compared; a word is compared
/// with each other word once, not once per mention, so the work grows with the mentions
/// and the distinct words, not with pairs of mentions.
fn join_single_words(mentions: &[LocalMention], uf: &mut UnionFind) {
    let singles = single_words(mentions);
    // Each distinct key, the positions in `singles` of its mentions, and the sets they are in.
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut positions: Vec<Vec<usize>> = Vec::new();
    let mut key_of = Vec::with_capacity(singles.len());
    for (at, (_, k)) in singles.iter().enumerate() {
        let id = *ids.entry(k.as_str()).or_insert_with(|| {
            keys.push(k.as_str());
            positions.push(Vec::new());
            keys.len() - 1
        });
        positions[id].push(at);
        key_of.push(id);
    }
    let mut roots: Vec<Vec<usize>> = positions
        .iter()
        .map(|at| distinct_roots(uf, at.iter().map(|&a| singles[a].0)))
        .collect();
    // Keys in order: the keys that start with a key follow it.
    let mut sorted: Vec<usize> = (0..keys.len()).collect();
    sorted.sort_unstable_by(|&x, &y| keys[x].cmp(keys[y]));
    let longer_than = |k: usize| -> Vec<usize> {
        let key = keys[k];
        let from = sorted.partition_point(|&x| keys[x] < key);
        sorted[from..]
            .iter()
            .copied()
            .take_while(|&x| keys[x].starts_with(key))
            .filter(|&x| keys[x].len() >= key.len() + 4)
            .collect()
    };
    // Spelling variants share a length and their first letters.
    let mut alike: FxHashMap<(usize, &str), Vec<usize>> = FxHashMap::default();
    for (k, key) in keys.iter().enumerate() {
        if let Some(filed) = alike_key(key) {
            alike.entry(filed).or_default().push(k);
        }
    }
    let variants_of = |k: usize| -> Vec<usize> {
        let key = keys[k];
        let Some(filed) = alike_key(key) else {
            return Vec::new();
        };
        alike
            .get(&filed)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&x| within_one_edit(key, keys[x]))
            .collect()
    };
    let mut longer: Vec<Option<Vec<usize>>> = vec![None; keys.len()];
    let mut variants: Vec<Option<Vec<usize>>> = vec![None; keys.len()];
    // For each key, a position after which all its mentions are known to be in one set.
    let mut joined_after = vec![usize::MAX; keys.len()];
    // Keys whose longer names were once all in one set: sets only merge, so they stay so.
    let mut settled: Vec<Option<usize>> = vec![None; keys.len()];
    for (at, &(i, _)) in singles.iter().enumerate() {
        let k = key_of[at];
        // The clipped form of exactly one longer name.
        let longer = longer[k].get_or_insert_with(|| longer_than(k));
        if let Some(first) = settled[k] {
            uf.union(i, singles[first].0);
        } else if !longer.is_empty() {
            let mut found = Vec::new();
            for &x in longer.iter() {
                roots[x] = distinct_roots(uf, roots[x].iter().copied());
                found.extend_from_slice(&roots[x]);
            }
            found.sort_unstable();
            found.dedup();
            if found.len() == 1
                && let Some(first) = longer.iter().map(|&x| positions[x][0]).min()
            {
                uf.union(i, singles[first].0);
                settled[k] = Some(first);
            }
        }
        // Spelling variants (the word itself among them) that come after this mention.
        for &x in variants[k].get_or_insert_with(|| variants_of(k)).iter() {
            let after = &positions[x][positions[x].partition_point(|&p| p <= at)..];
            for &p in after {
                uf.union(i, singles[p].0);
                // The rest were joined together by an earlier mention.
                if p > joined_after[x] {
                    break;
                }
            }
            joined_after[x] = joined_after[x].min(at);
        }
    }
}

/// What a key long enough to have spelling variants is filed under with them: its length
/// and its first letters.
fn alike_key(key: &str) -> Option<(usize, &str)> {
    (key.len() >= MIN_VARIANT_LETTERS + 3).then(|| {
        let head = key
            .char_indices()
            .nth(MIN_VARIANT_LETTERS)
            .map_or(key, |(end, _)| &key[..end]);
        (key.len(), head)
    })
}

/// The mentions of one long word that is not a person's name, each with its key, in
/// document order.
fn single_words(mentions: &[LocalMention]) -> Vec<(usize, String)> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words == 1 && !m.acronym && m.kind != ActorKind::Person)
        .map(|(i, m)| (i, key(&m.name)))
        .filter(|(_, k)| k.len() >= MIN_CLIPPED_LETTERS)
        .collect()
}

/// The sets of `members`, each once.
fn distinct_roots(uf: &mut UnionFind, members: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut roots: Vec<usize> = members.map(|m| uf.find(m)).collect();
    roots.sort_unstable();
    roots.dedup();
    roots
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mention(name: &str, kind: ActorKind) -> LocalMention {
        LocalMention {
            start: 0,
            end: name.len(),
            first_token: 0,
            end_token: 1,
            name: name.to_string(),
            kind,
            strength: 1,
            gazetteer: None,
            acronym: false,
            words: name.split_whitespace().count(),
            sentence: 0,
            adjective: false,
            titled: None,
            doubtful: false,
        }
    }

    /// Every pair of single words compared, mention by mention, in document order: what
    /// [`join_single_words`] must give.
    fn every_pair(mentions: &[LocalMention], uf: &mut UnionFind) {
        let singles = single_words(mentions);
        for (a, (i, ki)) in singles.iter().enumerate() {
            let longer: Vec<usize> = singles
                .iter()
                .filter(|(_, kj)| kj.len() >= ki.len() + 4 && kj.starts_with(ki.as_str()))
                .map(|&(j, _)| j)
                .collect();
            let roots: FxHashSet<usize> = longer.iter().map(|&j| uf.find(j)).collect();
            if roots.len() == 1
                && let Some(&j) = longer.first()
            {
                uf.union(*i, j);
            }
            for (j, kj) in &singles[a + 1..] {
                if ki.len() >= MIN_VARIANT_LETTERS + 3
                    && ki.len() == kj.len()
                    && ki
                        .chars()
                        .take(MIN_VARIANT_LETTERS)
                        .eq(kj.chars().take(MIN_VARIANT_LETTERS))
                    && within_one_edit(ki, kj)
                {
                    uf.union(*i, *j);
                }
            }
        }
    }

    /// Words that clip, extend and misspell one another.
    const WORDS: &[&str] = &[
        "Menatep",
        "Menatepbank",
        "Menatepgroup",
        "Gazprom",
        "Gazpromneft",
        "Gazpromneft",
        "Gazpromnefts",
        "Gazprumneft",
        "Gazpromnift",
        "Rosneft",
        "Rosneftegaz",
        "Petrobras",
        "Petrobraz",
        "Petrobrass",
        "Yukos",
        "Citigroup",
        "Citigroups",
        "Sibneft",
        "Gazpromnefthold",
        "Pétrobras",
        // Letters outside ASCII stay in the key: lengths in bytes, first letters in
        // characters.
        "Газпром",
        "Газпромнефть",
        "Газпромнифть",
        "Газпромнефтьь",
        "Łukoilgroup",
        "Łukoilgrоup",
    ];

    proptest! {
        #[test]
        fn single_words_join_as_every_pair_would(
            picks in proptest::collection::vec((0..WORDS.len(), 0..3usize), 0..60),
            links in proptest::collection::vec((0..60usize, 0..60usize), 0..8),
        ) {
            let mentions: Vec<LocalMention> = picks
                .iter()
                .map(|&(w, kind)| {
                    let kind = [ActorKind::Organization, ActorKind::Other, ActorKind::Person][kind];
                    mention(WORDS[w], kind)
                })
                .collect();
            let n = mentions.len();
            let (mut fast, mut slow) = (UnionFind::new(n), UnionFind::new(n));
            for &(a, b) in &links {
                if a < n && b < n {
                    fast.union(a, b);
                    slow.union(a, b);
                }
            }
            join_single_words(&mentions, &mut fast);
            every_pair(&mentions, &mut slow);
            for i in 0..n {
                prop_assert_eq!(fast.find(i), slow.find(i), "mention {}", i);
            }
        }
    }

    #[test]
    fn a_clipped_name_joins_the_one_longer_name_and_variants_join() {
        let names = [
            "Menatepbank",
            "Menatep",
            "Gazpromneft",
            "Gazpromnift",
            "Menatep",
        ];
        let mentions: Vec<LocalMention> = names
            .iter()
            .map(|n| mention(n, ActorKind::Organization))
            .collect();
        let mut uf = UnionFind::new(mentions.len());
        join_single_words(&mentions, &mut uf);
        assert_eq!(uf.find(1), uf.find(0));
        assert_eq!(uf.find(4), uf.find(0));
        assert_eq!(uf.find(3), uf.find(2));
        assert_ne!(uf.find(2), uf.find(0));
    }
}
