//! Finds the names in one document and groups them into the document's actors.
//!
//! A name is a run of capitalized words, with connectors (`of the`, `bin`, `al-`) inside.
//! A run is cleaned (sentence-initial common words, leading `The`), cut where an
//! organization name ends and a person's begins, and stripped of titles (`Foreign
//! Minister`), which also say the rest is a person. The gazetteer recognises countries
//! in all their forms. Within the document, names are grouped by spelling key, by
//! acronym definitions (`Full Name (ABC)`, `also called X`, `another acronym, the ABC`),
//! and surnames or first names are joined to the one full name they belong to.

use rustc_hash::{FxHashMap, FxHashSet};

use super::ActorKind;
use super::gazetteer::{self, Form};
use super::names::{clean_display, key, key_hash};
use crate::text::lexicon::{List, is_common_word, lexicon};
use crate::text::segment::{Segmented, SentenceKind};
use crate::text::token::{Token, TokenKind};
use crate::text::words::is_acronym;

/// How sure the kind of a mention is; the strongest evidence decides an actor's kind.
pub type Strength = u8;

/// One occurrence of a name.
#[derive(Clone, Debug)]
pub struct LocalMention {
    /// Byte span in the document.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// First token of the name.
    pub first_token: usize,
    /// One past the last token of the name.
    pub end_token: usize,
    /// The name as written, cleaned for display.
    pub name: String,
    /// The kind this occurrence suggests.
    pub kind: ActorKind,
    /// How sure that kind is.
    pub strength: Strength,
    /// The canonical gazetteer name, for countries and other gazetteer entries.
    pub gazetteer: Option<&'static str>,
    /// Whether the name is an acronym.
    pub acronym: bool,
    /// Number of words in the name.
    pub words: usize,
    /// Index of its sentence.
    pub sentence: usize,
}

/// The names of a document grouped into actors.
#[derive(Clone, Debug, Default)]
pub struct LocalActor {
    /// Canonical name within the document.
    pub name: String,
    /// The kind.
    pub kind: ActorKind,
    /// How sure the kind is.
    pub strength: Strength,
    /// Every name used, in order of first use.
    pub aliases: Vec<String>,
    /// For each alias: its words, its uses, whether it is an acronym.
    pub alias_stats: Vec<AliasStats>,
    /// Indices of its mentions.
    pub mentions: Vec<usize>,
    /// Gazetteer name, if any.
    pub gazetteer: Option<&'static str>,
}

/// How an alias is written and used, for choosing the canonical name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AliasStats {
    /// Number of words.
    pub words: usize,
    /// Number of mentions written this way.
    pub uses: usize,
    /// Whether it is an acronym.
    pub acronym: bool,
}

/// All names of one document.
#[derive(Clone, Debug, Default)]
pub struct DocumentActors {
    /// Every mention, in text order.
    pub mentions: Vec<LocalMention>,
    /// The actors.
    pub actors: Vec<LocalActor>,
    /// For each mention, its actor.
    pub actor_of: Vec<usize>,
}

impl DocumentActors {
    /// The mention whose tokens include `token`.
    pub fn mention_at(&self, token: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.end_token <= token);
        self.mentions
            .get(k)
            .filter(|m| m.first_token <= token && token < m.end_token)
            .map(|_| k)
    }

    /// Mentions whose tokens lie within `first..end`.
    pub fn mentions_in(&self, first: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.mentions.partition_point(|m| m.first_token < first);
        (k..self.mentions.len()).take_while(move |&i| self.mentions[i].end_token <= end)
    }
}

/// Strengths of evidence for a kind.
mod strength {
    use super::Strength;
    pub const GUESS: Strength = 0;
    pub const WEAK: Strength = 1;
    pub const SHAPE: Strength = 2;
    pub const HEAD_WORD: Strength = 3;
    pub const TITLE: Strength = 4;
    pub const GAZETTEER: Strength = 5;
}

/// Words seen in the document: capitalized away from a sentence start, and in lower case.
struct WordStats<'a> {
    capitalized_inside: FxHashSet<&'a str>,
    lower_case: FxHashSet<&'a str>,
}

impl<'a> WordStats<'a> {
    /// Only words that start a sentence are ever asked about, so only they are counted.
    fn new(text: &'a str, seg: &'a Segmented) -> Self {
        let lower_of = |i: usize| {
            let t = seg.tokens[i];
            &seg.lower[t.start..t.end]
        };
        let initials: FxHashSet<&str> = seg
            .sentences
            .iter()
            .filter(|s| s.kind != SentenceKind::Boilerplate)
            .filter_map(|s| initial_word(text, &seg.tokens, s.first_token, s.end_token))
            .map(lower_of)
            .collect();
        let mut capitalized_inside = FxHashSet::default();
        let mut lower_case = FxHashSet::default();
        for s in &seg.sentences {
            if s.kind == SentenceKind::Boilerplate {
                continue;
            }
            let initial = initial_word(text, &seg.tokens, s.first_token, s.end_token);
            for i in s.first_token..s.end_token {
                let t = seg.tokens[i];
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = lower_of(i);
                if !initials.contains(w) {
                    continue;
                }
                if t.first_char(text).is_uppercase() {
                    if Some(i) != initial {
                        capitalized_inside.insert(w);
                    }
                } else {
                    lower_case.insert(w);
                }
            }
        }
        Self {
            capitalized_inside,
            lower_case,
        }
    }
}

/// The first word of a sentence, after opening quotes and brackets.
fn initial_word(text: &str, tokens: &[Token], first: usize, end: usize) -> Option<usize> {
    (first..end)
        .find(|&i| tokens[i].kind == TokenKind::Word || tokens[i].kind == TokenKind::Number)
        .filter(|&i| tokens[i].kind == TokenKind::Word && !tokens[i].text(text).is_empty())
}

/// A piece of a name: a token, or the capitalized part of a hyphenated word (`US-backed`).
#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    token: usize,
    connector: bool,
}

/// Lower-case particles that may stand inside names.
const PARTICLES: [&str; 23] = [
    "e", "al", "el", "ul", "ud", "bin", "ibn", "bint", "de", "du", "da", "di", "do", "dos", "das",
    "del", "van", "von", "der", "den", "la", "le", "au",
];

/// Words that introduce another name for what was just named.
const ALIAS_CUES: [&[&str]; 7] = [
    &["also", "called"],
    &["also", "known", "as"],
    &["known", "as"],
    &["aka"],
    &["a.k.a."],
    &["alias"],
    &["formerly"],
];

struct Finder<'a> {
    text: &'a str,
    lower: &'a str,
    tokens: &'a [Token],
    stats: WordStats<'a>,
    mentions: Vec<LocalMention>,
    links: Vec<(usize, usize)>,
    /// The mention that most recently got an acronym in parentheses.
    last_acronym_owner: Option<usize>,
    sentence: usize,
    initial: Option<usize>,
}

/// Finds and groups the names of a document.
pub fn find(text: &str, seg: &Segmented) -> DocumentActors {
    let mut finder = Finder {
        text,
        lower: &seg.lower,
        tokens: &seg.tokens,
        stats: WordStats::new(text, seg),
        mentions: Vec::new(),
        links: Vec::new(),
        last_acronym_owner: None,
        sentence: 0,
        initial: None,
    };
    for (index, s) in seg.sentences.iter().enumerate() {
        if matches!(s.kind, SentenceKind::Boilerplate | SentenceKind::Metadata) {
            continue;
        }
        finder.sentence = index;
        finder.initial = initial_word(text, &seg.tokens, s.first_token, s.end_token);
        finder.scan_sentence(s.first_token, s.end_token);
    }
    // Mentions are pushed in text order (runs, then their acronyms, left to right), which
    // `mention_at` relies on and the recorded links refer to.
    group(finder.mentions, &finder.links)
}

impl<'a> Finder<'a> {
    fn word(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.lower[t.start..t.end]
    }

    fn is_word(&self, i: usize, end: usize, w: &str) -> bool {
        i < end && self.tokens[i].kind == TokenKind::Word && self.word(i) == w
    }

    /// Whether the token can be part of a name.
    fn is_name_token(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        let s = t.text(self.text);
        if s == "I" {
            return false;
        }
        // 0xE2 leads the UTF-8 of the Unicode hyphens.
        if !s.bytes().any(|b| b == b'-' || b == 0xE2) {
            return t.first_char(self.text).is_uppercase();
        }
        let mut parts = s.split(['-', '‐', '‑']);
        let first = parts.next().unwrap_or("");
        let starts_upper = first.chars().next().is_some_and(char::is_uppercase);
        let first_is_particle = PARTICLES.contains(&first);
        if !(starts_upper || (first_is_particle && s.len() > first.len())) {
            return false;
        }
        // Every later part must be capitalized or a particle ("Mujahedin-e", "al-Faisal").
        s.split(['-', '‐', '‑'])
            .skip(1)
            .all(|p| p.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&p))
    }

    fn scan_sentence(&mut self, first: usize, end: usize) {
        let shouting = self.is_shouting(first, end);
        let mut i = first;
        while i < end {
            if !self.is_name_token(i) {
                if self.tokens[i].kind == TokenKind::Word {
                    self.hyphen_parts(i);
                }
                i = self.acronym_cue(i, end);
                continue;
            }
            if shouting {
                i += 1;
                continue;
            }
            let start = i;
            let mut pieces = vec![self.piece(i, false)];
            i += 1;
            loop {
                if i < end && self.is_name_token(i) {
                    pieces.push(self.piece(i, false));
                    i += 1;
                    continue;
                }
                let prev = self.word(i - 1);
                if i + 1 < end && self.is_connector(i, prev) && self.is_name_token(i + 1) {
                    pieces.push(self.piece(i, true));
                    pieces.push(self.piece(i + 1, false));
                    i += 2;
                    continue;
                }
                if i + 2 < end
                    && self.is_word(i, end, "of")
                    && self.is_word(i + 1, end, "the")
                    && self.allows_of(prev)
                    && self.is_name_token(i + 2)
                {
                    pieces.push(self.piece(i, true));
                    pieces.push(self.piece(i + 1, true));
                    pieces.push(self.piece(i + 2, false));
                    i += 3;
                    continue;
                }
                break;
            }
            let cue_link = self.alias_cue_before(start, first);
            let before = self.mentions.len();
            self.run(pieces, start == self.initial.unwrap_or(usize::MAX));
            let emitted = self.mentions.len() > before;
            if emitted && let Some(previous) = cue_link {
                self.links.push((previous, before));
            }
            let owner = if emitted {
                Some(self.mentions.len() - 1)
            } else {
                None
            };
            i = self.acronyms_after(i, end, owner);
        }
    }

    /// A sentence mostly in capitals (a shouted headline) has no reliable acronyms.
    fn is_shouting(&self, first: usize, end: usize) -> bool {
        let (mut words, mut capitals) = (0, 0);
        for t in self.tokens[first..end]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
        {
            words += 1;
            capitals += usize::from(is_acronym(t.text(self.text)));
        }
        words >= 4 && capitals * 4 >= words * 3
    }

    fn piece(&self, i: usize, connector: bool) -> Piece {
        let t = self.tokens[i];
        Piece {
            start: t.start,
            end: t.end,
            token: i,
            connector,
        }
    }

    fn is_connector(&self, i: usize, prev: &str) -> bool {
        if self.tokens[i].kind != TokenKind::Word {
            return false;
        }
        match self.word(i) {
            "of" | "for" => self.allows_of(prev),
            other => PARTICLES.contains(&other),
        }
    }

    /// Whether "of" may continue a name after `prev` ("Ministry of", "Secretary of").
    fn allows_of(&self, prev: &str) -> bool {
        let lex = lexicon();
        lex.has(List::OrgHeads, prev)
            || lex.has(List::Titles, prev)
            || lex.has(List::PlaceHeads, prev)
            || matches!(
                prev,
                "states" | "republic" | "kingdom" | "university" | "bank"
            )
    }

    /// The capitalized parts of a hyphenated word with lower-case parts: `US-backed`,
    /// `anti-Iran`, `Vienna-based`.
    fn hyphen_parts(&mut self, i: usize) {
        let t = self.tokens[i];
        let s = t.text(self.text);
        if !s.contains('-') {
            return;
        }
        let mut offset = 0;
        for part in s.split('-') {
            let part_start = t.start + offset;
            offset += part.len() + 1;
            if part.chars().next().is_some_and(char::is_uppercase) && part.chars().count() > 1 {
                let piece = Piece {
                    start: part_start,
                    end: part_start + part.len(),
                    token: i,
                    connector: false,
                };
                self.run(vec![piece], false);
            }
        }
    }

    fn text_of(&self, pieces: &[Piece]) -> &str {
        match (pieces.first(), pieces.last()) {
            (Some(a), Some(b)) => &self.text[a.start..b.end],
            _ => "",
        }
    }

    fn lower_of(&self, p: &Piece) -> &'a str {
        &self.lower[p.start..p.end]
    }

    /// Cleans a run of name pieces and emits its mentions.
    fn run(&mut self, mut pieces: Vec<Piece>, sentence_initial: bool) {
        let lex = lexicon();
        let starts_entry = pieces
            .first()
            .is_some_and(|p| gazetteer::may_start(&self.text[p.start..p.end]));
        let whole_in_gazetteer = starts_entry && gazetteer::lookup(self.text_of(&pieces)).is_some();
        let mut initial = sentence_initial;
        while let Some(first) = pieces.first().copied() {
            let w = self.lower_of(&first);
            let strip = first.connector
                || (!whole_in_gazetteer
                    && (lex.has(List::FunctionWords, w)
                        || lex.has(List::Months, w)
                        || lex.has(List::Weekdays, w)
                        || lex.has(List::NotNames, w)
                        || (initial
                            && pieces.len() > 1
                            && !lex.has(List::Titles, w)
                            && (self.stats.lower_case.contains(w)
                                || (is_common_word(w)
                                    && (w.ends_with("ing")
                                        || w.ends_with("ed")
                                        || w.ends_with("ly")))))));
            if !strip {
                break;
            }
            pieces.remove(0);
            initial = false;
        }
        while pieces.last().is_some_and(|p| p.connector) {
            pieces.pop();
        }
        if pieces.is_empty() {
            return;
        }
        if pieces.len() == 1 {
            let w = self.lower_of(&pieces[0]);
            let surface = &self.text[pieces[0].start..pieces[0].end];
            if lex.has(List::NotNames, w) || lex.has(List::Months, w) || lex.has(List::Weekdays, w)
            {
                return;
            }
            let known = gazetteer::lookup(surface).is_some() || is_acronym(surface);
            if initial
                && !known
                && !self.stats.capitalized_inside.contains(w)
                && !self.reporting_verb_after(pieces[0].token)
            {
                return;
            }
            if lex.has(List::Titles, w) && !known {
                return;
            }
        }
        for segment in self.split_at_org_heads(&pieces) {
            self.segment(&segment);
        }
    }

    fn reporting_verb_after(&self, token: usize) -> bool {
        self.tokens.get(token + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && lexicon().has(List::ReportingVerbs, &self.lower[t.start..t.end])
        })
    }

    /// Cuts a run after the last organization head word that is followed by a name with
    /// no head word ("Armed Forces General Staff | Ali Sayyad Shirazi").
    fn split_at_org_heads(&self, pieces: &[Piece]) -> Vec<Vec<Piece>> {
        let lex = lexicon();
        let is_head = |p: &Piece| {
            let w = self.lower_of(p);
            !p.connector && (lex.has(List::OrgHeads, w) || lex.has(List::MediaHeads, w))
        };
        let last_head = pieces.iter().rposition(is_head);
        match last_head {
            Some(h) if h + 1 < pieces.len() && !pieces[h + 1].connector => {
                vec![pieces[..=h].to_vec(), pieces[h + 1..].to_vec()]
            }
            _ => vec![pieces.to_vec()],
        }
    }

    /// Whether a locative preposition stands right before the token ("in", "near").
    fn after_locative(&self, token: usize) -> bool {
        token > 0
            && self.tokens[token - 1].kind == TokenKind::Word
            && matches!(
                self.word(token - 1),
                "in" | "near" | "across" | "throughout" | "outside" | "inside" | "around"
            )
    }

    /// Emits the mentions of one cleaned segment.
    fn segment(&mut self, pieces: &[Piece]) {
        let lex = lexicon();
        if !gazetteer::may_start(&self.text[pieces[0].start..pieces[0].end]) {
            self.titled(pieces);
            return;
        }
        if let Some(hit) = gazetteer::lookup(self.text_of(pieces)) {
            self.emit_gazetteer(pieces, hit);
            return;
        }
        // A gazetteer prefix: "Iranian Foreign Minister X", "U.S. State Department".
        let longest = gazetteer::longest_name_tokens().min(pieces.len() - 1);
        for k in (1..=longest).rev() {
            let Some(hit) = gazetteer::lookup(self.text_of(&pieces[..k])) else {
                continue;
            };
            let rest = &pieces[k..];
            let next = self.lower_of(&rest[0]);
            if lex.is_title(next) {
                self.emit_gazetteer(&pieces[..k], hit);
                self.titled(rest);
                return;
            }
            let last = self.lower_of(&pieces[pieces.len() - 1]);
            if lex.has(List::GroupWords, last) {
                self.emit(pieces, ActorKind::Group, strength::HEAD_WORD, None);
                return;
            }
            break;
        }
        self.titled(pieces);
    }

    fn emit_gazetteer(&mut self, pieces: &[Piece], hit: gazetteer::Hit) {
        match hit.form {
            Form::People => self.emit(pieces, ActorKind::Group, strength::GAZETTEER, None),
            Form::Name | Form::Adjective => {
                self.emit(
                    pieces,
                    hit.entry.kind,
                    strength::GAZETTEER,
                    Some(hit.entry.name),
                );
            }
        }
    }

    /// Strips leading titles; what follows a title is a person.
    fn titled(&mut self, pieces: &[Piece]) {
        let lex = lexicon();
        let mut j = 0;
        while j < pieces.len() {
            let w = self.lower_of(&pieces[j]);
            let title_connector = pieces[j].connector && j > 0 && j + 1 < pieces.len();
            if lex.is_title(w) || title_connector {
                j += 1;
            } else {
                break;
            }
        }
        if j == 0 {
            self.plain(pieces);
            return;
        }
        if j == pieces.len() {
            return;
        }
        let mut rest = &pieces[j..];
        let after_connector = pieces[j - 1].connector;
        while rest.first().is_some_and(|p| p.connector) {
            rest = &rest[1..];
        }
        if rest.is_empty() {
            return;
        }
        if after_connector {
            // "Deputy Chief of the Armed Forces": the title belongs to someone else.
            self.plain(rest);
        } else if self.has_head_word(rest) {
            self.plain(pieces);
        } else {
            self.emit(rest, ActorKind::Person, strength::TITLE, None);
        }
    }

    fn has_head_word(&self, pieces: &[Piece]) -> bool {
        let lex = lexicon();
        pieces.iter().any(|p| {
            let w = self.lower_of(p);
            lex.has(List::OrgHeads, w)
                || lex.has(List::MediaHeads, w)
                || lex.has(List::PlaceHeads, w)
        })
    }

    /// Decides the kind of a name with no title or gazetteer entry.
    fn plain(&mut self, pieces: &[Piece]) {
        let lex = lexicon();
        let words: Vec<&str> = pieces
            .iter()
            .filter(|p| !p.connector)
            .map(|p| self.lower_of(p))
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return;
        };
        let surface = self.text_of(pieces);
        let media_cue = pieces[0].token > 0 && {
            let before = self.tokens[pieces[0].token - 1];
            let before = if before.kind == TokenKind::Word
                && &self.lower[before.start..before.end] == "the"
                && pieces[0].token > 1
            {
                self.tokens[pieces[0].token - 2]
            } else {
                before
            };
            before.kind == TokenKind::Word
                && lex.has(List::MediaCues, &self.lower[before.start..before.end])
        };
        let (kind, how_sure) = if (words.len() == 1 && lex.has(List::MediaNames, first))
            || (words.len() > 1 && lex.has(List::MediaHeads, last))
            || media_cue
        {
            (ActorKind::Media, strength::HEAD_WORD)
        } else if words.iter().any(|w| lex.has(List::OrgHeads, w)) {
            (ActorKind::Organization, strength::HEAD_WORD)
        } else if words.len() > 1
            && (lex.has(List::PlaceHeads, first) || lex.has(List::PlaceHeads, last))
        {
            (ActorKind::Place, strength::HEAD_WORD)
        } else if lex.has(List::GroupWords, last) {
            (ActorKind::Group, strength::HEAD_WORD)
        } else if words.len() == 1 && is_acronym(surface) {
            (ActorKind::Organization, strength::WEAK)
        } else if self.after_locative(pieces[0].token) {
            (ActorKind::Place, strength::SHAPE)
        } else if (2..=5).contains(&words.len())
            && words
                .iter()
                .any(|w| !is_common_word(w) && !lex.has(List::FunctionWords, w))
            && !pieces.iter().any(|p| {
                let s = &self.text[p.start..p.end];
                is_acronym(s) || gazetteer::lookup(s).is_some()
            })
        {
            (ActorKind::Person, strength::SHAPE)
        } else if words.len() == 1 && self.reporting_verb_after(pieces[0].token) {
            (ActorKind::Person, strength::WEAK)
        } else {
            // Capitalized common words ("Perspective of Change") are titles of things,
            // not actors.
            if words
                .iter()
                .all(|w| is_common_word(w) || lex.has(List::FunctionWords, w))
            {
                return;
            }
            (ActorKind::Other, strength::GUESS)
        };
        self.emit(pieces, kind, how_sure, None);
    }

    fn emit(
        &mut self,
        pieces: &[Piece],
        kind: ActorKind,
        how_sure: Strength,
        gazetteer: Option<&'static str>,
    ) {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        let raw = &self.text[first.start..last.end];
        let name = clean_display(raw);
        if name.is_empty() || !name.chars().any(char::is_alphabetic) {
            return;
        }
        self.mentions.push(LocalMention {
            start: first.start,
            end: last.end,
            first_token: first.token,
            end_token: last.token + 1,
            acronym: is_acronym(&name),
            words: pieces.iter().filter(|p| !p.connector).count(),
            name,
            kind,
            strength: how_sure,
            gazetteer,
            sentence: self.sentence,
        });
    }

    /// `(ABC)` or `(ABC or DEF)` right after a name: acronyms of it. Returns where to go on.
    fn acronyms_after(&mut self, i: usize, end: usize, owner: Option<usize>) -> usize {
        if !(i < end && self.tokens[i].is_punct(self.text, '(')) {
            return i;
        }
        let mut j = i + 1;
        let mut found = Vec::new();
        while j < end {
            let t = self.tokens[j];
            let s = t.text(self.text);
            if t.kind == TokenKind::Word && is_acronym(s) {
                found.push(j);
            } else if !(t.is_punct(self.text, ',')
                || t.is_punct(self.text, '/')
                || matches!(s, "or" | "and"))
            {
                break;
            }
            j += 1;
        }
        if found.is_empty() || !(j < end && self.tokens[j].is_punct(self.text, ')')) {
            return i;
        }
        for k in found {
            let before = self.mentions.len();
            self.run(vec![self.piece(k, false)], false);
            if let (Some(owner), true) = (owner, self.mentions.len() > before) {
                if let Some(m) = self.mentions.last_mut() {
                    // An acronym takes the kind of what it abbreviates.
                    m.strength = strength::GUESS;
                }
                self.links.push((owner, before));
                self.last_acronym_owner = Some(owner);
            }
        }
        j + 1
    }

    /// `... by another acronym, the MEK`: the acronym names the organization that most
    /// recently had one defined. Returns the token to go on from.
    fn acronym_cue(&mut self, i: usize, end: usize) -> usize {
        let Some(owner) = self.last_acronym_owner else {
            return i + 1;
        };
        if !(self.is_word(i, end, "acronym") || self.is_word(i, end, "abbreviation")) {
            return i + 1;
        }
        for k in i + 1..end.min(i + 5) {
            let t = self.tokens[k];
            if t.kind == TokenKind::Word && is_acronym(t.text(self.text)) {
                let before = self.mentions.len();
                self.run(vec![self.piece(k, false)], false);
                if self.mentions.len() > before {
                    self.links.push((owner, before));
                }
                return k + 1;
            }
        }
        i + 1
    }

    /// The mention just before an alias cue ("X, also called Y"), if the run at `start`
    /// follows one.
    fn alias_cue_before(&self, start: usize, sentence_start: usize) -> Option<usize> {
        for cue in ALIAS_CUES {
            let n = cue.len();
            if start < sentence_start + n {
                continue;
            }
            let matches = (0..n).all(|k| self.is_word(start - n + k, start, cue[k]));
            if matches {
                let cue_start = start - n;
                // Mentions are in text order: only the last few can stand just before.
                let n = self.mentions.len();
                return (n.saturating_sub(8)..n).rev().find(|&i| {
                    let m = &self.mentions[i];
                    m.end_token <= cue_start
                        && m.end_token + 4 >= cue_start
                        && m.sentence == self.sentence
                });
            }
        }
        None
    }
}

/// Groups mentions into actors: same key, acronym links, surnames and first names.
fn group(mentions: Vec<LocalMention>, links: &[(usize, usize)]) -> DocumentActors {
    const NAME: u64 = 1;
    const GAZETTEER: u64 = 2;
    let mut uf = UnionFind::new(mentions.len());
    let mut by_key: FxHashMap<u64, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let k = match m.gazetteer {
            Some(g) => key_hash(&[g], GAZETTEER),
            None => key_hash(&[&m.name], NAME),
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
    join_partial_names(&mentions, &mut uf);
    let mut actors: Vec<LocalActor> = Vec::new();
    let mut actor_of = vec![0; mentions.len()];
    let mut root_actor: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        let root = uf.find(i);
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
                });
            }
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
fn join_partial_names(mentions: &[LocalMention], uf: &mut UnionFind) {
    let mut tails: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    let mut firsts: FxHashMap<u64, FxHashSet<usize>> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != ActorKind::Person || m.words < 2 {
            continue;
        }
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let root = uf.find(i);
        for k in 1..words.len() {
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
            if !PARTICLES.contains(middle) {
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
            uf.union(i, root);
        }
    }
}

/// Disjoint sets over indices.
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `i`'s set.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Merges the sets of `a` and `b`; the smaller index stays the representative.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[high] = low;
        }
    }
}
