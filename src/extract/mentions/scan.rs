//! Scanning sentences for names: runs of capitalized words with connectors inside,
//! cleaned of sentence-initial common words, cut where an organization's name ends and a
//! person's begins; acronyms defined in brackets or by alias cues.

use super::word_stats::WordStats;
use super::{LocalMention, strength};
use crate::extract::gazetteer;
use crate::text::lexicon::{List, is_common_word, is_given_name, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::{is_acronym, is_contraction};

/// A piece of a name: a token, or the capitalized part of a hyphenated word (`US-backed`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Its first token.
    pub(super) token: usize,
    /// One past its last token (an initial takes its period).
    pub(super) end_token: usize,
    pub(super) connector: bool,
}

/// The most particles that may stand together inside a name ("de la", "van der").
const MAX_PARTICLES: usize = 3;

/// Lower-case particles that may stand inside names.
pub(super) const PARTICLES: [&str; 23] = [
    "e", "al", "el", "ul", "ud", "bin", "ibn", "bint", "de", "du", "da", "di", "do", "dos", "das",
    "del", "van", "von", "der", "den", "la", "le", "au",
];

/// The letters of a member of an elected body, singular or plural ("mp", "meps").
pub(super) fn is_membership(word: &str) -> bool {
    matches!(
        word.strip_suffix('s').unwrap_or(word),
        "mp" | "mep" | "msp" | "mla"
    ) && word.len() >= 2
}

/// Whether `acronym` can abbreviate `name`: it starts with the initial of one of the
/// name's words (the first in English; another in the name's own language: "Kurdistan
/// Workers Party (PKK)", "National Institute of Meteorology (INMET)"). "Internet protocol
/// TV (IPTV)" does not abbreviate "TV", nor "(US)" after "John Updike" the writer: a
/// letter from a later word needs the name of a body.
fn acronym_fits(name: &str, acronym: &str) -> bool {
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let initials: Vec<char> = name
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    match (letters.first(), initials.first()) {
        (Some(a), Some(n)) if a == n => true,
        (Some(a), Some(_)) => {
            initials.contains(a)
                && name
                    .split_whitespace()
                    .any(|w| lexicon().has(List::OrgHeads, &w.to_lowercase()))
        }
        _ => false,
    }
}

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

pub(super) struct Finder<'a> {
    pub(super) text: &'a str,
    pub(super) lower: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) stats: WordStats<'a>,
    pub(super) mentions: Vec<LocalMention>,
    pub(super) links: Vec<(usize, usize)>,
    /// The mention that most recently got an acronym in parentheses.
    pub(super) last_acronym_owner: Option<usize>,
    pub(super) sentence: usize,
    pub(super) initial: Option<usize>,
    /// The sentence is a line of a table (results, prices): mostly numbers.
    pub(super) table_line: bool,
    /// Letters after the name being emitted ("QC") say it is a person's.
    pub(super) force_person: bool,
}

impl<'a> Finder<'a> {
    pub(super) fn word(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.lower[t.start..t.end]
    }

    pub(super) fn is_word(&self, i: usize, end: usize, w: &str) -> bool {
        i < end && self.tokens[i].kind == TokenKind::Word && self.word(i) == w
    }

    /// Whether the token can be part of a name.
    pub(super) fn is_name_token(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word {
            return false;
        }
        let s = t.text(self.text);
        if s == "I" || is_contraction(&self.lower[t.start..t.end]) {
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

    pub(super) fn scan_sentence(&mut self, first: usize, end: usize) {
        let shouting = self.is_shouting(first, end);
        let numbers = self.tokens[first..end]
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .count();
        let words = self.tokens[first..end]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        self.table_line = numbers >= 2 && numbers * 2 >= words;
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
            let mut pieces = Vec::new();
            i = self.push_name_piece(&mut pieces, i, end);
            loop {
                if i < end && self.is_name_token(i) {
                    i = self.push_name_piece(&mut pieces, i, end);
                    continue;
                }
                let prev = self.word(pieces.last().map_or(i - 1, |p| p.token));
                // Particles, one or several ("van der", "bin", "de la").
                let mut j = i;
                while j < end && j < i + MAX_PARTICLES && self.is_connector(j, prev) {
                    j += 1;
                }
                if j > i && j < end && self.is_name_token(j) {
                    for k in i..j {
                        pieces.push(self.piece(k, true));
                    }
                    i = self.push_name_piece(&mut pieces, j, end);
                    continue;
                }
                // "BBC Radio 4", "Channel 5": a broadcaster's number belongs to its name.
                if i < end
                    && self.tokens[i].kind == TokenKind::Number
                    && self.tokens[i].space_before
                    && matches!(prev, "radio" | "channel" | "tv")
                {
                    let t = self.tokens[i];
                    let digits = t
                        .text(self.text)
                        .bytes()
                        .take_while(u8::is_ascii_digit)
                        .count();
                    if digits > 0 {
                        let mut piece = self.piece(i, false);
                        piece.end = t.start + digits;
                        pieces.push(piece);
                        i += 1;
                        // "Radio 4's": the possessive ends the name.
                        if digits < t.end - t.start {
                            break;
                        }
                        continue;
                    }
                }
                // "of Shearman and Sterling", "Marks & Spencer": two single names joined
                // into one firm's; "and" only after "of" or "at" (an affiliation), and
                // never between places.
                if i + 1 < end && self.joins_firm_names(&pieces, i, end) {
                    pieces.push(self.piece(i, true));
                    i = self.push_name_piece(&mut pieces, i + 1, end);
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
                    i = self.push_name_piece(&mut pieces, i + 2, end);
                    continue;
                }
                // "Hong Kong-based", "New York-born": the capitalized head of a word
                // made an adjective by its hyphen is the last word of the name before it;
                // another hyphenated word with a name after it ("European Low-fare
                // Airlines Association") is inside the name.
                if i < end
                    && self.tokens[i].space_before
                    && let Some((head_end, adjective)) = self.capitalized_head(i)
                {
                    if adjective {
                        let mut piece = self.piece(i, false);
                        piece.end = head_end;
                        pieces.push(piece);
                        i += 1;
                    } else if i + 1 < end
                        && self.tokens[i + 1].space_before
                        && self.is_name_token(i + 1)
                    {
                        pieces.push(self.piece(i, false));
                        i = self.push_name_piece(&mut pieces, i + 1, end);
                        continue;
                    }
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

    /// Whether the "and" or "&" at `i` joins two names into one firm's name.
    fn joins_firm_names(&self, pieces: &[Piece], i: usize, end: usize) -> bool {
        let t = self.tokens[i];
        let ampersand = t.is_punct(self.text, '&');
        if !(ampersand || self.is_word(i, end, "and")) || !self.is_name_token(i + 1) {
            return false;
        }
        if ampersand {
            return true;
        }
        let plain_name = |a: usize| {
            let s = self.tokens[a].text(self.text);
            gazetteer::lookup(s).is_none() && !is_acronym(s)
        };
        let single = |a: usize| {
            plain_name(a) && !is_common_word(&self.lower[self.tokens[a].start..self.tokens[a].end])
        };
        let after_ends = i + 2 >= end
            || !(self.is_name_token(i + 2) || self.tokens[i + 2].is_punct(self.text, '&'));
        let start = pieces.first().map_or(i, |p| p.token);
        pieces.len() == 1
            && single(start)
            && plain_name(i + 1)
            && after_ends
            && start >= 1
            && matches!(self.tokens[start - 1].kind, TokenKind::Word)
            && matches!(
                &self.lower[self.tokens[start - 1].start..self.tokens[start - 1].end],
                "of" | "at"
            )
    }

    /// A sentence mostly in capitals (a shouted headline) has no reliable acronyms.
    pub(super) fn is_shouting(&self, first: usize, end: usize) -> bool {
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

    pub(super) fn piece(&self, i: usize, connector: bool) -> Piece {
        let t = self.tokens[i];
        Piece {
            start: t.start,
            end: t.end,
            token: i,
            end_token: i + 1,
            connector,
        }
    }

    /// Adds the name token at `i` to `pieces`, with the period of an initial ("S." in
    /// "Robert S. Mueller"); returns the token after it.
    pub(super) fn push_name_piece(&self, pieces: &mut Vec<Piece>, i: usize, end: usize) -> usize {
        let mut piece = self.piece(i, false);
        let t = self.tokens[i];
        let single_letter = t.text(self.text).chars().count() == 1;
        if single_letter
            && i + 1 < end
            && self.tokens[i + 1].is_punct(self.text, '.')
            && !self.tokens[i + 1].space_before
            && i + 2 < end
            && self.is_name_token(i + 2)
        {
            piece.end = self.tokens[i + 1].end;
            piece.end_token = i + 2;
            pieces.push(piece);
            return i + 2;
        }
        pieces.push(piece);
        i + 1
    }

    pub(super) fn is_connector(&self, i: usize, prev: &str) -> bool {
        if self.tokens[i].kind != TokenKind::Word {
            return false;
        }
        match self.word(i) {
            "of" | "for" => self.allows_of(prev),
            other => PARTICLES.contains(&other),
        }
    }

    /// Whether "of" may continue a name after `prev` ("Ministry of", "Secretary of").
    pub(super) fn allows_of(&self, prev: &str) -> bool {
        let lex = lexicon();
        if lex.has(List::CompanySuffixes, prev.trim_end_matches('.')) {
            return false; // "Kia Motors Corp | of South Korea"
        }
        lex.has_any(&[List::OrgHeads, List::Titles, List::PlaceHeads], prev)
            || matches!(
                prev,
                "states" | "republic" | "kingdom" | "university" | "bank"
            )
    }

    /// Where the capitalized first part of a hyphenated word with lower-case later parts
    /// ends (`Kong` of `Kong-based`), if the word is one, and whether its last part makes
    /// it an adjective (a participle in -ed or -ing, or -born: `-based`, `-winning`).
    fn capitalized_head(&self, i: usize) -> Option<(usize, bool)> {
        let t = self.tokens[i];
        if t.kind != TokenKind::Word || self.is_name_token(i) {
            return None;
        }
        let s = t.text(self.text);
        let mut parts = s.split(['-', '‐', '‑']);
        let head = parts.next()?;
        let tail = parts.next_back()?;
        // An acronym before a hyphen says what something is about ("CBS-owned",
        // "US-led"), not the end of a name.
        let capitalized = head.chars().next().is_some_and(char::is_uppercase)
            && head.chars().count() > 1
            && !is_acronym(head);
        let adjective = ["ed", "ing", "born"].iter().any(|e| tail.ends_with(e));
        capitalized.then_some((t.start + head.len(), adjective))
    }

    /// The capitalized parts of a hyphenated word with lower-case parts: `US-backed`,
    /// `anti-Iran`, `Vienna-based`.
    pub(super) fn hyphen_parts(&mut self, i: usize) {
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
                    end_token: i + 1,
                    connector: false,
                };
                self.run(vec![piece], false);
            }
        }
    }

    pub(super) fn text_of(&self, pieces: &[Piece]) -> &str {
        match (pieces.first(), pieces.last()) {
            (Some(a), Some(b)) => &self.text[a.start..b.end],
            _ => "",
        }
    }

    pub(super) fn lower_of(&self, p: &Piece) -> &'a str {
        &self.lower[p.start..p.end]
    }

    /// Cleans a run of name pieces and emits its mentions.
    pub(super) fn run(&mut self, mut pieces: Vec<Piece>, sentence_initial: bool) {
        let lex = lexicon();
        let starts_entry = pieces
            .first()
            .is_some_and(|p| gazetteer::may_start(&self.text[p.start..p.end]));
        let whole_in_gazetteer = starts_entry && gazetteer::lookup(self.text_of(&pieces)).is_some();
        let mut initial = sentence_initial;
        while let Some(first) = pieces.first().copied() {
            let lists = lex.lists_of(self.lower_of(&first));
            let is = |l: List| lists & l.bit() != 0;
            let strip = first.connector
                || (!whole_in_gazetteer
                    && ((is(List::FunctionWords) && !(is(List::Titles) && pieces.len() > 1))
                        || is(List::Months)
                        || is(List::Weekdays)
                        || (initial && pieces.len() > 1 && self.strips_at_start(&pieces))));
            if !strip {
                break;
            }
            pieces.remove(0);
            initial = false;
        }
        // "Ian MacDonald QC": letters after a name are no part of it, and say it is a
        // person's.
        let mut post_nominal = false;
        let mut membership = false;
        while pieces.len() > 1
            && pieces.last().is_some_and(|p| {
                let w = self.lower_of(p).trim_end_matches('.');
                lex.has(List::PostNominals, w) || is_membership(w)
            })
        {
            if let Some(p) = pieces.pop() {
                membership |= is_membership(self.lower_of(&p));
            }
            post_nominal = true;
        }
        // "Labour MP Jane Doe": a member's letters between a body and a name part them.
        if let Some(k) = (1..pieces.len().saturating_sub(1)).find(|&k| {
            !pieces[k].connector && is_membership(self.lower_of(&pieces[k])) && {
                let s = &self.text[pieces[k].start..pieces[k].end];
                s.chars().filter(|c| c.is_uppercase()).count() >= 2
            }
        }) {
            let (body, rest) = pieces.split_at(k);
            self.run(body.to_vec(), initial);
            self.titled_person(&rest[0], &rest[1..]);
            return;
        }
        // "CNBC Friday", "Parliament in March": a day or month closes no name.
        loop {
            while pieces.last().is_some_and(|p| p.connector) {
                pieces.pop();
            }
            let trailing_date = pieces.len() > 1
                && pieces.last().is_some_and(|p| {
                    let w = self.lower_of(p);
                    lex.has_any(&[List::Weekdays, List::Months], w)
                });
            if !trailing_date {
                break;
            }
            pieces.pop();
        }
        if pieces.is_empty() {
            return;
        }
        if pieces.len() == 1 {
            let w = self.lower_of(&pieces[0]);
            let surface = &self.text[pieces[0].start..pieces[0].end];
            if lex.has_any(&[List::NotNames, List::Months, List::Weekdays], w) {
                return;
            }
            let known = gazetteer::lookup(surface).is_some() || is_acronym(surface);
            // One letter alone is a piece of a word split apart ("AT&T", "3G", "R&B",
            // "Blue Gene/L", "its C and D series"), not a name.
            if !known && surface.chars().count() == 1 {
                return;
            }
            // A capital opening a sentence says nothing for a word of the language; a
            // word the language does not have is a name.
            if initial
                && !known
                && is_common_word(w)
                && !self.stats.capitalized_inside.contains(w)
                && !self.reporting_verb_after(pieces[0].token)
            {
                return;
            }
            if lex.has(List::Titles, w) && !known {
                return;
            }
        }
        // "Labour MP", "Tory MPs": the letters name a member of the body before them, not
        // a person of that name.
        self.force_person = post_nominal && !(membership && pieces.len() == 1);
        for segment in self.split_at_org_heads(&pieces) {
            self.segment(&segment);
        }
        self.force_person = false;
    }

    /// Whether the first word of a run that opens a sentence is no part of the name: a
    /// word the document writes in lower case elsewhere, a participle or adverb, a role
    /// noun or demonym before a full name ("Singer George Michael", "Briton Clive Owen"),
    /// unless it is a first name ("Will Smith") or an organization's head word before its
    /// name ("Group Menatep").
    fn strips_at_start(&self, pieces: &[Piece]) -> bool {
        let lex = lexicon();
        let w = self.lower_of(&pieces[0]);
        if lex.has(List::Titles, w) || is_given_name(w) {
            return false;
        }
        // "Analysing Mr Brown": a participle or adverb before an honorific is no part of
        // the name (a place before one is: "Chicago Cardinal Joseph Bernardin").
        let verb_like = w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly");
        if verb_like
            && pieces
                .get(1)
                .is_some_and(|p| lex.has(List::Honorifics, self.lower_of(p).trim_end_matches('.')))
        {
            return true;
        }
        let next_is_name = pieces
            .get(1)
            .is_some_and(|p| !is_common_word(self.lower_of(p)));
        if lex.has(List::OrgHeads, w) && next_is_name {
            return false;
        }
        if self.stats.lower_case.contains(w) {
            return true;
        }
        if is_common_word(w) && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly")) {
            return true;
        }
        let demonym = gazetteer::lookup(&self.text[pieces[0].start..pieces[0].end])
            .is_some_and(|h| h.form != gazetteer::Form::Name);
        let person_follows = pieces.len() >= 3
            && !pieces[1].connector
            && (is_given_name(self.lower_of(&pieces[1]))
                || lex.has(List::Titles, self.lower_of(&pieces[1])));
        (is_common_word(w) || demonym) && person_follows
    }

    pub(super) fn reporting_verb_after(&self, token: usize) -> bool {
        self.tokens.get(token + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && lexicon().has(List::ReportingVerbs, &self.lower[t.start..t.end])
        })
    }

    /// Cuts a run after the last organization head word that is followed by a name with
    /// no head word ("Armed Forces General Staff | Ali Sayyad Shirazi").
    pub(super) fn split_at_org_heads(&self, pieces: &[Piece]) -> Vec<Vec<Piece>> {
        let lex = lexicon();
        let is_head = |p: &Piece| {
            let w = self.lower_of(p);
            !p.connector && lex.has_any(&[List::OrgHeads, List::MediaHeads], w)
        };
        let last_head = pieces.iter().rposition(is_head);
        match last_head {
            // A head word opening the name ("Group Menatep") closes nothing.
            Some(h)
                if h > 0
                    && h + 1 < pieces.len()
                    && !pieces[h + 1].connector
                    && self.tokens[pieces[h + 1].token].kind != TokenKind::Number =>
            {
                vec![pieces[..=h].to_vec(), pieces[h + 1..].to_vec()]
            }
            _ => vec![pieces.to_vec()],
        }
    }
}

impl<'a> Finder<'a> {
    /// `(ABC)` or `(ABC or DEF)` right after a name: acronyms of it. Returns where to go on.
    pub(super) fn acronyms_after(&mut self, i: usize, end: usize, owner: Option<usize>) -> usize {
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
            let fits = owner.is_some_and(|o| {
                acronym_fits(&self.mentions[o].name, self.tokens[k].text(self.text))
            });
            if let (Some(owner), true, true) = (owner, fits, self.mentions.len() > before) {
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
    pub(super) fn acronym_cue(&mut self, i: usize, end: usize) -> usize {
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
    pub(super) fn alias_cue_before(&self, start: usize, sentence_start: usize) -> Option<usize> {
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
