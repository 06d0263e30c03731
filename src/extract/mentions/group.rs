//! Grouping a document's mentions into actors: same spelling key, acronym and alias
//! links, and surnames or first names joined to the one full name they belong to.

use rustc_hash::{FxHashMap, FxHashSet};

use super::scan::PARTICLES;
use super::{AliasStats, DocumentActors, LocalActor, LocalMention, UnionFind};
use crate::extract::ActorKind;
use crate::extract::names::{key, key_hash, name_hash};
use crate::text::lexicon::{List, is_common_word, lexicon};
use crate::text::words::is_mixed_acronym;

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
    for a in 0..people.len() {
        for b in a + 1..people.len() {
            let (i, fi, li) = &people[a];
            let (j, fj, lj) = &people[b];
            if fi == fj && li.len() >= MIN_VARIANT_LETTERS && edit_distance_at_most_one(li, lj) {
                uf.union(*i, *j);
            }
        }
    }
    // Single long words: clipped forms and spelling variants of a non-person's name.
    let singles: Vec<(usize, String)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.words == 1 && !m.acronym && m.kind != ActorKind::Person)
        .map(|(i, m)| (i, key(&m.name)))
        .filter(|(_, k)| k.len() >= MIN_CLIPPED_LETTERS)
        .collect();
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
                && edit_distance_at_most_one(ki, kj)
            {
                uf.union(*i, *j);
            }
        }
    }
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

/// Whether two words differ by at most one letter changed, added or removed.
pub(crate) fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == short.len() {
        return true;
    }
    let skip = usize::from(short.len() != long.len());
    short[prefix + 1 - skip..] == long[prefix + 1..]
}
