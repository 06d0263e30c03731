//! What a cleaned name is: a gazetteer entry, a person after a title, or an organization,
//! medium, place or group by its head words and context; and emitting its mention.

use super::scan::{Finder, Piece, is_membership};
use super::{LocalMention, Strength, strength};
use crate::extract::ActorKind;
use crate::extract::gazetteer::{self, Form};
use crate::extract::names::clean_display;
use crate::text::lexicon::{List, is_common_word, is_given_name, lexicon};
use crate::text::token::TokenKind;
use crate::text::words::{is_acronym, is_mixed_acronym};

/// Lower-case nouns after a name that say it is a body with members or staff ("Labour
/// spokesman", "Sony executives"). Nouns that also follow a people's name ("Chechen
/// leader", "Hutu president") are left out.
const BODY_MEMBERS: [&str; 25] = [
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "spokeswomen",
    "member",
    "members",
    "official",
    "officials",
    "executive",
    "executives",
    "chairman",
    "chairwoman",
    "staff",
    "employee",
    "employees",
    "activists",
    "candidate",
    "candidates",
    "backbencher",
    "backbenchers",
    "government",
    "party",
    "boss",
    "bosses",
];

/// Nouns after a country's adjective that name the state itself ("the Russian
/// government").
const STATE_NOUNS: &[&str] = &["government", "authorities", "administration"];

impl<'a> Finder<'a> {
    /// Whether a locative preposition stands right before the token ("in", "near").
    pub(super) fn after_locative(&self, token: usize) -> bool {
        token > 0
            && self.tokens[token - 1].kind == TokenKind::Word
            && matches!(
                self.word(token - 1),
                "in" | "near" | "across" | "throughout" | "outside" | "inside" | "around"
            )
    }

    /// Emits the mentions of one cleaned segment.
    pub(super) fn segment(&mut self, pieces: &[Piece]) {
        let lex = lexicon();
        if self.government_of(pieces) {
            return;
        }
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

    /// "Government of the Islamic Republic of Iran": a country's government is the
    /// country as an actor. Emits the country and returns whether it did.
    fn government_of(&mut self, pieces: &[Piece]) -> bool {
        if pieces.len() < 3 || self.lower_of(&pieces[0]) != "government" {
            return false;
        }
        let mut k = 1;
        while k < pieces.len() && pieces[k].connector {
            k += 1;
        }
        if k == 1 || k >= pieces.len() {
            return false;
        }
        match gazetteer::lookup(self.text_of(&pieces[k..])) {
            Some(hit) if hit.entry.kind == ActorKind::Country => {
                self.emit_gazetteer(&pieces[k..], hit);
                true
            }
            _ => false,
        }
    }

    pub(super) fn emit_gazetteer(&mut self, pieces: &[Piece], hit: gazetteer::Hit) {
        match hit.form {
            Form::People => self.emit(pieces, ActorKind::Group, strength::GAZETTEER, None),
            Form::Name | Form::Adjective => {
                self.emit(
                    pieces,
                    hit.entry.kind,
                    strength::GAZETTEER,
                    Some(hit.entry.name),
                );
                let state_noun = pieces.last().and_then(|last| {
                    let next = last.end_token;
                    (hit.entry.kind == ActorKind::Country
                        && self
                            .tokens
                            .get(next)
                            .is_some_and(|t| t.kind == TokenKind::Word)
                        && STATE_NOUNS.contains(&self.word(next)))
                    .then(|| self.tokens[next])
                });
                if hit.form == Form::Adjective
                    && let Some(m) = self.mentions.last_mut()
                {
                    match state_noun {
                        // "the Russian government" is Russia acting, named as such.
                        Some(noun) => {
                            m.end = noun.end;
                            m.end_token += 1;
                            m.name = clean_display(&self.text[m.start..m.end]);
                        }
                        None => m.adjective = true,
                    }
                }
            }
        }
    }

    /// Strips leading titles; what follows a title is a person.
    pub(super) fn titled(&mut self, pieces: &[Piece]) {
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
            match self.title_phrase_end(pieces) {
                Some(t) => {
                    // What stands before the title may name the office holder's body
                    // ("Bank of England Governor").
                    let first_title = (0..t)
                        .find(|&k| !pieces[k].connector && lex.is_title(self.lower_of(&pieces[k])))
                        .unwrap_or(t);
                    if first_title > 0 && self.has_head_word(&pieces[..first_title]) {
                        self.plain(&pieces[..first_title]);
                    }
                    self.titled_person(&pieces[t - 1], &pieces[t..]);
                }
                None if self.force_person && !self.has_head_word(pieces) => {
                    self.emit(pieces, ActorKind::Person, strength::TITLE, None);
                }
                None => self.plain(pieces),
            }
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
            // "Chancellor of the Exchequer Gordon Brown": the office's body, then the
            // holder's name from a first name on.
            if let Some(k) = self.holder_after_office(rest) {
                self.titled_person(&pieces[j - 1], &rest[k..]);
                return;
            }
            // "Deputy Chief of the Armed Forces": the title belongs to someone else.
            self.plain(rest);
        } else if self.has_head_word(rest) {
            self.plain(pieces);
        } else {
            self.titled_person(&pieces[j - 1], rest);
        }
    }

    /// Where the person's name starts after a title phrase that opens with office words
    /// rather than a title ("Shadow Home Secretary David Davis", "Auditor General Sir John
    /// Bourn"): after the last title word, when what follows is a person's name.
    fn title_phrase_end(&self, pieces: &[Piece]) -> Option<usize> {
        let lex = lexicon();
        let t = (1..pieces.len().saturating_sub(1))
            .rev()
            .find(|&k| !pieces[k].connector && lex.is_title(self.lower_of(&pieces[k])))?;
        let rest = &pieces[t + 1..];
        if rest.first().is_none_or(|p| p.connector) || self.has_head_word(rest) {
            return None;
        }
        let names = rest.iter().filter(|p| !p.connector).count();
        let first = self.lower_of(&rest[0]);
        let name_like = is_given_name(first) || !is_common_word(first);
        let plain_names = rest.iter().all(|p| {
            let s = &self.text[p.start..p.end];
            p.connector || (!is_acronym(s) && gazetteer::lookup(s).is_none())
        });
        ((1..=4).contains(&names) && name_like && plain_names).then_some(t + 1)
    }

    /// Where the office holder's name starts after "Title of the Body": at a first name
    /// after one or two words of the body, when two to four plain names follow.
    fn holder_after_office(&self, rest: &[Piece]) -> Option<usize> {
        if self.has_head_word(rest) {
            return None;
        }
        let k = (1..rest.len().min(3)).find(|&k| is_given_name(self.lower_of(&rest[k])))?;
        let names = &rest[k..];
        let plain = names.iter().all(|p| {
            let s = &self.text[p.start..p.end];
            !p.connector && !is_acronym(s) && gazetteer::lookup(s).is_none()
        });
        let body_plain = rest[..k]
            .iter()
            .all(|p| !p.connector && !is_given_name(self.lower_of(p)));
        (plain && body_plain && (2..=4).contains(&names.len())).then_some(k)
    }

    /// Emits a person's name that followed `title`, keeping the titled form ("Lord Bach")
    /// when the title is one people are named with.
    pub(super) fn titled_person(&mut self, title: &Piece, name: &[Piece]) {
        self.emit(name, ActorKind::Person, strength::TITLE, None);
        let honorific = self.lower_of(title).trim_end_matches('.');
        if lexicon().has(List::Honorifics, honorific)
            && let (Some(first), Some(last)) = (name.first(), name.last())
        {
            let titled = clean_display(&format!(
                "{} {}",
                &self.text[title.start..title.end],
                &self.text[first.start..last.end]
            ));
            if let Some(m) = self.mentions.last_mut() {
                m.titled = Some(titled);
            }
        }
    }

    /// Whether the words before a name say it is an organization: someone who speaks or
    /// works for it ("a spokeswoman for X", "director of X"), or a noun for what it is
    /// ("the campaign group X", "the charity X").
    fn speaks_for(&self, pieces: &[Piece]) -> bool {
        let lex = lexicon();
        let at = pieces[0].token;
        let word_at = |i: usize| {
            self.tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| &self.lower[t.start..t.end])
        };
        let mut before = at.checked_sub(1).and_then(word_at);
        let mut k = at.saturating_sub(1);
        if before == Some("the") {
            k = k.saturating_sub(1);
            before = k.checked_sub(0).and_then(word_at).filter(|_| at >= 2);
        }
        let Some(before) = before else { return false };
        if lex.has(List::OrgDescriptors, before) {
            return true;
        }
        matches!(before, "for" | "of" | "at" | "from")
            && k >= 1
            && word_at(k - 1).is_some_and(|w| lex.has(List::MemberNouns, w))
    }

    /// Whether a name has an initial ("S." in "Robert S. Mueller").
    fn has_initial(&self, pieces: &[Piece]) -> bool {
        pieces
            .iter()
            .any(|p| !p.connector && p.end_token == p.token + 2 && p.end - p.start == 2)
    }

    /// The kind that the words around a name show, when the name itself shows none.
    fn context_kind(&self, pieces: &[Piece]) -> Option<(ActorKind, Strength)> {
        let lex = lexicon();
        let (first, last) = (pieces.first()?, pieces.last()?);
        let word_at = |i: usize| {
            self.tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| &self.lower[t.start..t.end])
        };
        let before = first.token.checked_sub(1).and_then(word_at);
        let before2 = first.token.checked_sub(2).and_then(word_at);
        // "hospital director Sofia Marquez": a role in lower case right before a full name.
        if before.is_some_and(|w| lex.has(List::PersonRoles, w))
            && pieces.iter().filter(|p| !p.connector).count() >= 2
        {
            return Some((ActorKind::Person, strength::SHAPE));
        }
        // "the town of Layron", "the province of X".
        if before == Some("of") && before2.is_some_and(|w| lex.has(List::PlaceHeads, w)) {
            return Some((ActorKind::Place, strength::HEAD_WORD));
        }
        let next = self.tokens.get(last.end_token);
        let next2 = self.tokens.get(last.end_token + 1);
        // A score or a price after it, on a line of a table: a team or a company.
        if self.table_line && next.is_some_and(|t| t.kind == TokenKind::Number) {
            return Some((ActorKind::Organization, strength::SHAPE));
        }
        // "Lance Armstrong ( U.S. )": a country in brackets after a person's name.
        if next.is_some_and(|t| t.is_punct(self.text, '('))
            && next2.is_some_and(|t| gazetteer::lookup(t.text(self.text)).is_some())
            && pieces.iter().filter(|p| !p.connector).count() >= 2
        {
            return Some((ActorKind::Person, strength::SHAPE));
        }
        // "X 's shares", "X 's chairman": a company.
        if next.is_some_and(|t| t.kind == TokenKind::Possessive)
            && next2
                .filter(|t| t.kind == TokenKind::Word)
                .is_some_and(|t| lex.has(List::CompanyNouns, &self.lower[t.start..t.end]))
        {
            return Some((ActorKind::Organization, strength::SHAPE));
        }
        None
    }

    /// Whether a noun for who belongs to or speaks for a body follows the name, in lower
    /// case ("Labour government", "Sony spokesman") or as a member's letters ("Tory MP"). A
    /// person's name before such a noun ("Blair aide") starts with a first name.
    fn member_noun_after(&self, pieces: &[Piece]) -> bool {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return false;
        };
        if pieces.len() > 3
            || is_given_name(self.lower_of(first))
            || lexicon().has(List::GroupWords, self.lower_of(last))
        {
            return false;
        }
        let Some(next) = self.tokens.get(last.end_token) else {
            return false;
        };
        if next.kind != TokenKind::Word || !next.space_before {
            return false;
        }
        let surface = next.text(self.text);
        let w = &self.lower[next.start..next.end];
        let lower_case = surface.chars().next().is_some_and(char::is_lowercase);
        (lower_case && BODY_MEMBERS.contains(&w))
            || (is_membership(w) && surface.chars().filter(|c| c.is_uppercase()).count() >= 2)
    }

    pub(super) fn has_head_word(&self, pieces: &[Piece]) -> bool {
        let lex = lexicon();
        pieces.iter().any(|p| {
            let w = self.lower_of(p);
            lex.has_any(&[List::OrgHeads, List::MediaHeads, List::PlaceHeads], w)
        })
    }

    /// Whether two words are a first name and a surname: the first a given name, the
    /// second capitalized, no connector between; opening a sentence ("Bill Gates has
    /// opened"), only when the text capitalizes the surname elsewhere too.
    fn given_name_and_surname(&self, pieces: &[Piece], words: &[&str]) -> bool {
        let [first, last] = words else {
            return false;
        };
        pieces.len() == 2
            && is_given_name(first)
            && !is_given_name(last)
            && !lexicon().has(List::FunctionWords, last)
            && (self.initial != Some(pieces[0].token)
                || self.stats.capitalized_inside.contains(last))
    }

    /// Decides the kind of a name with no title or gazetteer entry.
    pub(super) fn plain(&mut self, pieces: &[Piece]) {
        let lex = lexicon();
        let words: Vec<&str> = pieces
            .iter()
            .filter(|p| !p.connector)
            .map(|p| self.lower_of(p))
            .collect();
        let (Some(first), Some(_)) = (words.first(), words.last()) else {
            return;
        };
        // The last word that is not a number ("Radio" in "BBC Radio 4").
        let last = words
            .iter()
            .rev()
            .find(|w| !w.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or(first);
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
        // "according to the Independent", "told the Times": a newspaper's one-word name
        // after "the", in running text.
        let the_before = pieces[0].token > 0
            && self.tokens[pieces[0].token - 1].kind == TokenKind::Word
            && self.word(pieces[0].token - 1) == "the"
            && self.initial != Some(pieces[0].token);
        let (kind, how_sure) = if (words.len() == 1 && lex.has(List::MediaNames, first))
            || (words.len() > 1 && lex.has(List::MediaHeads, last))
            || (words.len() == 1 && the_before && lex.has(List::MediaHeads, first))
            || media_cue
        {
            (ActorKind::Media, strength::HEAD_WORD)
        } else if words.iter().any(|w| lex.has(List::OrgHeads, w))
            || lex.has(List::CompanySuffixes, last.trim_end_matches('.'))
        {
            (ActorKind::Organization, strength::HEAD_WORD)
        } else if self.member_noun_after(pieces) {
            // "Labour leader", "a Sony spokesman", "Tory MPs": a body with members.
            (ActorKind::Organization, strength::HEAD_WORD)
        } else if words.len() > 1 && self.has_initial(pieces) {
            // "J. Benjamin", "Robert S. Mueller": initials are people's.
            (ActorKind::Person, strength::HEAD_WORD)
        } else if words.len() > 1
            && (lex.has(List::PlaceHeads, first) || lex.has(List::PlaceHeads, last))
        {
            (ActorKind::Place, strength::HEAD_WORD)
        } else if lex.has(List::GroupWords, last) {
            (ActorKind::Group, strength::HEAD_WORD)
        } else if words.len() == 1 && (is_acronym(surface) || is_mixed_acronym(surface)) {
            (ActorKind::Organization, strength::WEAK)
        } else if self.after_locative(pieces[0].token) {
            (ActorKind::Place, strength::SHAPE)
        } else if self.given_name_and_surname(pieces, &words) {
            // "Bill Gates", "Jack Straw": a first name and a surname that are also words
            // of the language.
            (ActorKind::Person, strength::SHAPE)
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
        } else if self.speaks_for(pieces) {
            // "a spokeswoman for Human Rights Watch", "the campaign group Liberty": an
            // organization, even when its name is made of common words.
            (ActorKind::Organization, strength::SHAPE)
        } else if words.len() == 1 && self.reporting_verb_after(pieces[0].token) {
            (ActorKind::Person, strength::WEAK)
        } else if let Some(found) = self.context_kind(pieces) {
            found
        } else {
            // Capitalized common words ("Perspective of Change") are titles of things,
            // not actors.
            if words
                .iter()
                .all(|w| is_common_word(w) || lex.has(List::FunctionWords, w))
            {
                // One such word may still be a surname ("Trump", "Brown"): kept if it
                // joins a full name, also opening a sentence when the text capitalizes
                // it elsewhere too ("Trump has said").
                if words.len() == 1
                    && (self.initial != Some(pieces[0].token)
                        || self.stats.capitalized_inside.contains(words[0]))
                {
                    self.emit(pieces, ActorKind::Other, strength::GUESS, None);
                    if let Some(m) = self.mentions.last_mut() {
                        m.doubtful = true;
                    }
                }
                return;
            }
            (ActorKind::Other, strength::GUESS)
        };
        self.emit(pieces, kind, how_sure, None);
    }

    pub(super) fn emit(
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
            end_token: last.end_token,
            acronym: is_acronym(&name),
            words: pieces.iter().filter(|p| !p.connector).count(),
            name,
            kind,
            strength: how_sure,
            gazetteer,
            sentence: self.sentence,
            adjective: false,
            titled: None,
            doubtful: false,
        });
    }
}
