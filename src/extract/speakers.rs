//! Who says each sentence.
//!
//! A quotation is attributed by a reporting verb after it (`“...,” X said`, `said X`) or
//! before it (`X said, “...”`); every sentence inside the quotation gets that speaker, and
//! a quotation standing alone right after an attributed one continues it. Sentences
//! without quotes are attributed by `according to X` or a reporting verb with its subject
//! (`X said that ...`). Pronouns (`he added`) and role nouns (`the official said`) carry
//! over the last named speaker; `the ministry` finds the last actor whose name ends in
//! `Ministry`. `X quoted Y as saying` attributes to Y via X.

use super::ActorKind;
use super::mentions::DocumentActors;
use crate::text::lexicon::{List, lexicon};
use crate::text::segment::{Quote, Segmented, SentenceKind};
use crate::text::token::TokenKind;

/// The speaker of a sentence and the medium it came through, as document actor indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// Who says it.
    pub speaker: Option<usize>,
    /// Through which medium (`Press TV quoted ...`, `said on Twitter`).
    pub via: Option<usize>,
}

/// Who the subject of a reporting verb is.
#[derive(Clone, Copy, Debug)]
enum Subject {
    /// A named actor.
    Actor(usize),
    /// `he`, `she`.
    Person,
    /// A role noun for a person (`the official`, `Iran's representative`): the last named
    /// speaker, or else the first actor of the phrase (`Iran`).
    Role(Option<usize>),
    /// `they`, `it`.
    Anyone,
    /// Unnamed sources (`officials said`): nobody the text names.
    Unnamed,
    /// `the ministry`: the last actor whose name ends in this word (token index).
    NamedBy(usize),
}

/// Words that may stand between a subject and its verb.
const BETWEEN_SUBJECT_AND_VERB: [&str; 22] = [
    "also",
    "further",
    "then",
    "later",
    "again",
    "once",
    "recently",
    "previously",
    "earlier",
    "reportedly",
    "however",
    "has",
    "have",
    "had",
    "was",
    "is",
    "would",
    "will",
    "had",
    "just",
    "already",
    "separately",
];

/// Lower-case nouns for people who speak for something.
const PERSON_ROLES: [&str; 24] = [
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "diplomat",
    "envoy",
    "source",
    "representative",
    "minister",
    "president",
    "chief",
    "leader",
    "lawmaker",
    "legislator",
    "commander",
    "analyst",
    "expert",
    "ambassador",
    "secretary",
    "director",
    "head",
    "officer",
    "senator",
    "governor",
];

/// How many mentions back `the ministry` looks for the ministry.
const LOOK_BACK_MENTIONS: usize = 400;

/// Plural nouns for unnamed sources.
const UNNAMED_SOURCES: [&str; 12] = [
    "officials",
    "sources",
    "authorities",
    "experts",
    "analysts",
    "witnesses",
    "residents",
    "police",
    "diplomats",
    "observers",
    "reports",
    "critics",
];

/// Lower-case nouns for organizations that speak.
const ORG_ROLES: [&str; 12] = [
    "ministry",
    "department",
    "government",
    "group",
    "organization",
    "organisation",
    "agency",
    "council",
    "party",
    "army",
    "office",
    "administration",
];

struct Attributor<'a> {
    text: &'a str,
    seg: &'a Segmented,
    actors: &'a DocumentActors,
    last_speaker: Option<usize>,
    last_person_speaker: Option<usize>,
    previous_subject: Option<usize>,
}

/// Attributes every sentence of a document.
pub fn attribute(text: &str, seg: &Segmented, actors: &DocumentActors) -> Vec<Attribution> {
    let mut a = Attributor {
        text,
        seg,
        actors,
        last_speaker: None,
        last_person_speaker: None,
        previous_subject: None,
    };
    let mut out = Vec::with_capacity(seg.sentences.len());
    let mut quote_cache: Vec<Option<(Option<Subject>, Option<usize>)>> =
        vec![None; seg.quotes.len()];
    let mut previous: Option<(Attribution, bool)> = None; // attribution, came from a quote
    for s in &seg.sentences {
        if s.kind == SentenceKind::Heading {
            // "Iran says U.S. has ...": a headline names its speaker without quotes.
            out.push(a.indirect(s.first_token, s.end_token).unwrap_or_default());
            previous = None;
            continue;
        }
        if s.kind != SentenceKind::Body {
            out.push(Attribution::default());
            previous = None;
            continue;
        }
        let (first, end) = (s.first_token, s.end_token);
        // Quotations overlapping the sentence.
        let k = seg.quotes.partition_point(|q| q.close < first);
        let mut from_quote = None;
        let mut starts_with_quote = false;
        for (qi, q) in seg.quotes.iter().enumerate().skip(k) {
            if q.open >= end {
                break;
            }
            if q.open <= first + 1 && q.open >= first {
                starts_with_quote = true;
            }
            let found = *quote_cache[qi].get_or_insert_with(|| a.quote_subject(*q));
            if found.0.is_some() {
                from_quote = Some(found);
                break;
            }
        }
        let attribution = if let Some((subject, via)) = from_quote {
            let speaker = subject.and_then(|s| a.resolve(s, first));
            Attribution { speaker, via }
        } else if let Some(attribution) = a.indirect(first, end) {
            attribution
        } else if starts_with_quote && let Some((prev, true)) = previous {
            prev // a quotation continuing the previous speaker's
        } else {
            Attribution::default()
        };
        a.remember(attribution.speaker);
        a.previous_subject = if starts_with_quote {
            None
        } else {
            a.person_at_start(first, end)
        };
        previous = Some((
            attribution,
            from_quote.is_some() || (starts_with_quote && attribution.speaker.is_some()),
        ));
        out.push(attribution);
    }
    out
}

impl<'a> Attributor<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.seg.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| &self.seg.lower[t.start..t.end])
    }

    fn is_reporting_verb(&self, i: usize) -> bool {
        let t = self.seg.tokens[i];
        if t.kind != TokenKind::Word || t.first_char(self.text).is_uppercase() {
            return false;
        }
        let w = &self.seg.lower[t.start..t.end];
        if !lexicon().has(List::ReportingVerbs, w) {
            return false;
        }
        // "a post", "the claim": nouns, not verbs.
        !(i > 0
            && self.word(i - 1).is_some_and(|p| {
                matches!(
                    p,
                    "a" | "an" | "the" | "his" | "her" | "its" | "their" | "this" | "that" | "our"
                )
            }))
    }

    fn kind_of(&self, actor: usize) -> ActorKind {
        self.actors.actors[actor].kind
    }

    fn actor_at(&self, token: usize) -> Option<usize> {
        self.actors
            .mention_at(token)
            .map(|m| self.actors.actor_of[m])
    }

    fn remember(&mut self, speaker: Option<usize>) {
        let Some(s) = speaker else { return };
        self.last_speaker = Some(s);
        if self.kind_of(s) == ActorKind::Person {
            self.last_person_speaker = Some(s);
        }
    }

    /// The person a sentence starts with ("Rudy Giuliani, a lawyer, spoke ..."), for `he`.
    fn person_at_start(&self, first: usize, end: usize) -> Option<usize> {
        (first..end.min(first + 5))
            .filter_map(|t| self.actor_at(t))
            .find(|&a| self.kind_of(a) == ActorKind::Person)
    }

    fn resolve(&self, subject: Subject, before_token: usize) -> Option<usize> {
        match subject {
            Subject::Actor(a) => Some(a),
            Subject::Person => self
                .previous_subject
                .or(self.last_person_speaker)
                .or(self.last_speaker),
            Subject::Role(in_phrase) => {
                self.last_person_speaker.or(self.last_speaker).or(in_phrase)
            }
            Subject::Anyone => self.last_speaker,
            Subject::Unnamed => None,
            Subject::NamedBy(token) => {
                let noun = self.word(token)?;
                let limit = before_token.max(token);
                // The nearest earlier mention; looking back a bounded way keeps long
                // documents linear.
                let end = self
                    .actors
                    .mentions
                    .partition_point(|m| m.first_token < limit);
                self.actors.mentions[..end]
                    .iter()
                    .enumerate()
                    .rev()
                    .take(LOOK_BACK_MENTIONS)
                    .find(|(_, m)| {
                        m.name
                            .split_whitespace()
                            .last()
                            .is_some_and(|w| w.eq_ignore_ascii_case(noun))
                    })
                    .map(|(i, _)| self.actors.actor_of[i])
            }
        }
    }

    /// Finds who is quoted in `q`, and through which medium.
    fn quote_subject(&self, q: Quote) -> (Option<Subject>, Option<usize>) {
        let seg = self.seg;
        let sentence_end = |token: usize| {
            let k = seg.sentences.partition_point(|s| s.end_token <= token);
            seg.sentences
                .get(k)
                .map_or(seg.tokens.len(), |s| s.end_token)
        };
        let sentence_start = |token: usize| {
            let k = seg.sentences.partition_point(|s| s.end_token <= token);
            seg.sentences.get(k).map_or(0, |s| s.first_token)
        };
        // After the quotation: “...,” X said / said X / X quoted Y as saying.
        let tail_end = sentence_end(q.close);
        let mut i = q.close + 1;
        while i < tail_end && i <= q.close + 9 {
            let t = seg.tokens[i];
            if t.kind == TokenKind::Quote || t.is_punct(self.text, '.') {
                break;
            }
            if self.is_reporting_verb(i) {
                if let Some(found) = self.quoted_as_saying(i, tail_end) {
                    return found;
                }
                let via = self.medium_after(i, tail_end);
                if let Some(s) = self.subject_before(i, q.close + 1) {
                    return (Some(s), via);
                }
                // "said Smith"
                let after = (i + 1..tail_end.min(i + 4))
                    .find_map(|t| self.actor_at(t))
                    .map(Subject::Actor);
                return (after, via);
            }
            i += 1;
        }
        // Before the quotation: X said, “...” / X said: "..."
        let head_start = sentence_start(q.open);
        let mut gap = 0;
        let mut j = q.open;
        while j > head_start && gap < 5 {
            j -= 1;
            if self.is_reporting_verb(j) {
                // The clause starts after the quotation that closed last before the verb.
                let before = seg.quotes.partition_point(|other| other.close < j);
                let clause_start = before
                    .checked_sub(1)
                    .map(|k| seg.quotes[k])
                    .filter(|other| other.close >= head_start)
                    .map_or(head_start, |other| other.close + 1);
                let via = self.medium_after(j, q.open);
                return (self.subject_before(j, clause_start), via);
            }
            let t = seg.tokens[j];
            let skippable = t.kind == TokenKind::Punct
                || self.word(j).is_some_and(|w| {
                    matches!(w, "that" | "on" | "in" | "a" | "tweet" | "statement")
                })
                || t.kind == TokenKind::Number;
            if !skippable {
                gap += 1;
            }
        }
        (None, None)
    }

    /// `X quoted Y as saying`: speaker Y via X.
    fn quoted_as_saying(
        &self,
        verb: usize,
        end: usize,
    ) -> Option<(Option<Subject>, Option<usize>)> {
        if self.word(verb)? != "quoted" {
            return None;
        }
        let as_at =
            (verb + 1..end.min(verb + 8)).find(|&t| self.word(t).is_some_and(|w| w == "as"))?;
        let speaker = (verb + 1..as_at).find_map(|t| self.actor_at(t))?;
        let via = verb.checked_sub(1).and_then(|t| self.actor_at(t));
        Some((Some(Subject::Actor(speaker)), via))
    }

    /// A medium named after the verb ("said on his Twitter account").
    fn medium_after(&self, verb: usize, end: usize) -> Option<usize> {
        (verb + 1..end.min(verb + 7))
            .filter_map(|t| self.actor_at(t))
            .find(|&a| self.kind_of(a) == ActorKind::Media)
    }

    /// The subject of the reporting verb at `verb`, looking back to `clause_start`.
    fn subject_before(&self, verb: usize, clause_start: usize) -> Option<Subject> {
        let mut k = verb;
        while k > clause_start {
            let w = self.word(k - 1);
            let skip = w.as_ref().is_some_and(|w| {
                BETWEEN_SUBJECT_AND_VERB.contains(w) || (w.ends_with("ly") && w.len() > 4)
            }) || self.seg.tokens[k - 1].is_punct(self.text, ',');
            if !skip {
                break;
            }
            k -= 1;
        }
        if k <= clause_start {
            return None;
        }
        let mut last = k - 1;
        let person_in_clause = || {
            (clause_start..k)
                .filter_map(|t| self.actor_at(t))
                .find(|&a| self.kind_of(a) == ActorKind::Person)
        };
        // "Iran's representative to the United Nations said": the name after a
        // preposition is not the subject; look at the noun before the preposition.
        if let Some(m) = self.actors.mention_at(last) {
            let mut before = self.actors.mentions[m].first_token;
            if before > clause_start && self.word(before - 1).is_some_and(|w| w == "the") {
                before -= 1;
            }
            if before > clause_start + 1
                && self
                    .word(before - 1)
                    .is_some_and(|w| matches!(w, "to" | "of" | "at" | "for" | "in" | "from"))
            {
                last = before - 2;
            }
        }
        if let Some(w) = self.word(last) {
            match w {
                "he" | "she" => return Some(Subject::Person),
                "they" | "it" => return Some(Subject::Anyone),
                _ => {}
            }
            let t = self.seg.tokens[last];
            if !t.first_char(self.text).is_uppercase() {
                if PERSON_ROLES.contains(&w) || lexicon().has(List::Titles, w) {
                    let first_in_phrase = (clause_start..k).find_map(|t| self.actor_at(t));
                    return Some(
                        person_in_clause().map_or(Subject::Role(first_in_phrase), Subject::Actor),
                    );
                }
                if UNNAMED_SOURCES.contains(&w) {
                    // "Iranian officials said": the name right before them; else nobody named.
                    let near = (last.saturating_sub(3).max(clause_start)..last)
                        .rev()
                        .find_map(|t| self.actor_at(t));
                    return Some(near.map_or(Subject::Unnamed, Subject::Actor));
                }
                if ORG_ROLES.contains(&w) {
                    return Some(Subject::NamedBy(last));
                }
            }
        }
        if let Some(a) = self.actor_at(last).or_else(|| {
            // "Kanaani's office said" and the like: the possessor.
            (self.seg.tokens[last].kind == TokenKind::Possessive && last > 0)
                .then(|| self.actor_at(last - 1))
                .flatten()
        }) {
            return Some(Subject::Actor(a));
        }
        person_in_clause()
            .or_else(|| (clause_start..k).find_map(|t| self.actor_at(t)))
            .map(Subject::Actor)
    }

    /// Attribution without quotation marks: `according to X`, `X said (that) ...`.
    fn indirect(&self, first: usize, end: usize) -> Option<Attribution> {
        for i in first..end {
            if self.word(i).is_some_and(|w| w == "according")
                && self.word(i + 1).is_some_and(|w| w == "to")
            {
                // The last name before the phrase ends: "according to the British daily
                // The Guardian," is the Guardian.
                let phrase_end = (i + 2..end.min(i + 12))
                    .find(|&t| self.seg.tokens[t].kind == TokenKind::Punct)
                    .unwrap_or(end.min(i + 12));
                if let Some(a) = (i + 2..phrase_end).rev().find_map(|t| self.actor_at(t)) {
                    return Some(Attribution {
                        speaker: Some(a),
                        via: None,
                    });
                }
            }
        }
        let clause_start = |verb: usize| {
            (first..verb)
                .rev()
                .find(|&t| self.seg.tokens[t].is_punct(self.text, ';'))
                .map_or(first, |t| t + 1)
        };
        let verb = (first..end).find(|&i| self.is_reporting_verb(i))?;
        let w = self.word(verb)?;
        let via = self.medium_after(verb, end);
        let subject = if w.ends_with("ing") {
            // "..., saying the group ...": the subject of the sentence.
            (first..verb)
                .filter_map(|t| self.actor_at(t))
                .find(|&a| self.kind_of(a) == ActorKind::Person)
                .map(Subject::Actor)
                .or_else(|| self.subject_before(verb, clause_start(verb)))
        } else {
            self.subject_before(verb, clause_start(verb))
        }?;
        let speaker = self.resolve(subject, first);
        speaker.map(|s| Attribution {
            speaker: Some(s),
            via,
        })
    }
}
