//! The subject of a reporting verb: who or what stands before it, behind adverbs, time
//! phrases, infinitives and appositives.

use super::Attributor;
use crate::extract::ActorKind;
use crate::text::lexicon::{List, lexicon};
use crate::text::token::TokenKind;

/// Who the subject of a reporting verb is.
#[derive(Clone, Copy, Debug)]
pub(super) enum Subject {
    /// A named actor.
    Actor(usize),
    /// Someone who speaks for a named actor ("a spokeswoman for X"): the actor speaks.
    Proxy(usize),
    /// `he`, `she`.
    Person,
    /// A role noun for a person (`the official`, `our correspondent`): the person the
    /// text introduced with it, else the last named speaker, or else the first actor of
    /// the phrase (`Iran` in `Iran's representative`).
    Role {
        /// Token of the noun.
        noun: usize,
        /// The first actor of the phrase.
        in_phrase: Option<usize>,
    },
    /// `they`, `it`.
    Anyone,
    /// Unnamed sources (`officials said`): nobody the text names.
    Unnamed,
    /// `the ministry`: the last actor whose name ends in this word (token index).
    NamedBy(usize),
    /// A document (`the report`, `the NAO's annual report`): its author when named here,
    /// else the author of the last document that spoke.
    Document {
        /// Who wrote it, when the phrase says.
        author: Option<usize>,
    },
}

/// Words that may stand between a subject and its verb.
const BETWEEN_SUBJECT_AND_VERB: [&str; 23] = [
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
    "just",
    "already",
    "separately",
    "yesterday",
    "today",
];

/// Lower-case nouns for people who speak for something, or of something.
const PERSON_ROLES: [&str; 25] = [
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
    "correspondent",
];

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

/// Words of a time phrase between a subject and its verb ("Trump on Monday suggested").
const TIME_WORDS: [&str; 12] = [
    "on",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "tonight",
];

/// The most tokens an appositive between commas may have ("X, a University of Texas law
/// professor, said").
const MAX_APPOSITIVE_TOKENS: usize = 16;
/// The most lower-case words before a role noun ("executive", "senior industry").
const MAX_ROLE_MODIFIERS: usize = 3;
/// The most words of a verb phrase before an infinitive ("went on to say").
const MAX_INFINITIVE_LEAD: usize = 3;

impl<'a> Attributor<'a> {
    /// Whether the reporting verb at `i` takes who hears it as its object ("told
    /// Reuters"): the name after it never speaks.
    pub(super) fn is_listener_verb(&self, i: usize) -> bool {
        self.word(i)
            .is_some_and(|w| lexicon().has(List::ListenerVerbs, w))
    }

    /// Whether the token is a reporting verb (and not its noun: "a post", "the claim").
    pub(super) fn is_reporting_verb(&self, i: usize) -> bool {
        let t = self.seg.tokens[i];
        if t.kind != TokenKind::Word || t.first_char(self.text).is_uppercase() {
            return false;
        }
        let w = &self.seg.lower[t.start..t.end];
        if !lexicon().has(List::ReportingVerbs, w) {
            return false;
        }
        !(i > 0
            && self.word(i - 1).is_some_and(|p| {
                matches!(
                    p,
                    "a" | "an" | "the" | "his" | "her" | "its" | "their" | "this" | "that" | "our"
                )
            }))
    }

    /// Moves back from `k` over words that may stand between a subject and its verb.
    fn skip_to_subject(&self, mut k: usize, clause_start: usize) -> usize {
        let lex = lexicon();
        loop {
            if k <= clause_start {
                return k;
            }
            let Some(w) = self.word(k - 1) else {
                return k;
            };
            let timely = lex.has_any(&[List::Weekdays, List::Months], w) || TIME_WORDS.contains(&w);
            if BETWEEN_SUBJECT_AND_VERB.contains(&w) || (w.ends_with("ly") && w.len() > 4) || timely
            {
                k -= 1;
                continue;
            }
            if w == "to" && k - 1 > clause_start {
                // "went on to say", "is expected to tell": the subject of the verb before.
                let mut j = k - 1;
                let mut lead = 0;
                while j > clause_start && lead < MAX_INFINITIVE_LEAD {
                    let t = self.seg.tokens[j - 1];
                    let lower_word =
                        t.kind == TokenKind::Word && !t.first_char(self.text).is_uppercase();
                    let pronoun = self
                        .word(j - 1)
                        .is_some_and(|p| matches!(p, "he" | "she" | "they" | "it"));
                    if !lower_word || pronoun || self.actor_at(j - 1).is_some() {
                        break;
                    }
                    j -= 1;
                    lead += 1;
                }
                if lead > 0 {
                    k = j;
                    continue;
                }
            }
            return k;
        }
    }

    /// The subject of the reporting verb at `verb`, looking back to `clause_start`.
    pub(super) fn subject_before(&self, verb: usize, clause_start: usize) -> Option<Subject> {
        let mut k = self.skip_to_subject(verb, clause_start);
        if k <= clause_start {
            return None;
        }
        if self.seg.tokens[k - 1].is_punct(self.text, ',') {
            // "X, a law professor, said" / "X, however, said": the subject stands before
            // the commas.
            if let Some(before) = self.appositive_start(k - 1, clause_start) {
                k = self.skip_to_subject(before, clause_start);
                if k <= clause_start {
                    return None;
                }
                return self.subject_at(k - 1, clause_start, k, true);
            }
            k = self.skip_to_subject(k - 1, clause_start);
            if k <= clause_start {
                return None;
            }
            // "In a typical attack, explains Mr Ash, ...", "X, a banker who ... over a
            // possible sale, said": the words before the comma need not be the subject,
            // so an indefinite phrase there is not read as one.
            return self.subject_at(k - 1, clause_start, k, false);
        }
        self.subject_at(k - 1, clause_start, k, true)
    }

    /// The token of the comma that opens the appositive closed by the comma at `close`.
    fn appositive_start(&self, close: usize, clause_start: usize) -> Option<usize> {
        let from = close
            .saturating_sub(MAX_APPOSITIVE_TOKENS)
            .max(clause_start);
        let open = (from..close)
            .rev()
            .find(|&t| self.seg.tokens[t].is_punct(self.text, ','))?;
        // What stands before the opening comma must be a name (the subject).
        if !(open > clause_start && self.actor_at(open - 1).is_some()) {
            return None;
        }
        // "X, from Y's Z Laboratories, one of the pioneers, told": appositives one after
        // another; a person named before an earlier comma is the subject.
        let outer = (from.max(clause_start + 1)..open).find(|&t| {
            self.seg.tokens[t].is_punct(self.text, ',')
                && self
                    .actor_at(t - 1)
                    .is_some_and(|a| self.kind_of(a) == ActorKind::Person)
        });
        Some(outer.unwrap_or(open))
    }

    /// The subject whose last token is `last` (the verb's clause starts at `clause_start`;
    /// `k` is one past `last`). An indefinite phrase there ("a witness") is an unnamed
    /// subject when `indefinite_unnamed`.
    fn subject_at(
        &self,
        mut last: usize,
        clause_start: usize,
        k: usize,
        indefinite_unnamed: bool,
    ) -> Option<Subject> {
        let lex = lexicon();
        // "Iran's representative to the United Nations said", "a spokeswoman for X said":
        // the name after a preposition is not the subject; the noun before it is.
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
                let head = before - 2;
                if self
                    .word(head)
                    .is_some_and(|w| lex.has(List::MemberNouns, w))
                {
                    // "Peter Misselbrook, executive partner of Tods Murray said": the
                    // member is named before the comma, and speaks.
                    if let Some(person) = self.named_before_role(head, clause_start) {
                        return Some(Subject::Actor(person));
                    }
                    return Some(Subject::Proxy(self.actors.actor_of[m]));
                }
                last = head;
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
                if indefinite_unnamed && self.is_indefinite(last, clause_start) {
                    // "a witness has told jurors", "an industry analyst said": someone the
                    // text brings in without a name.
                    return Some(Subject::Unnamed);
                }
                if lex.has(List::DocumentNouns, w) {
                    return Some(Subject::Document {
                        author: self.author_before(last, clause_start),
                    });
                }
                if PERSON_ROLES.contains(&w) || lex.has(List::Titles, w) {
                    let in_phrase = (clause_start..k).find_map(|t| self.actor_at(t));
                    return Some(Subject::Role {
                        noun: last,
                        in_phrase,
                    });
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
        // A verb coordinated with an earlier one ("Yukos claims ... and has vowed"): the
        // clause's own subject, if a name opens it.
        (clause_start..(clause_start + 3).min(k))
            .find_map(|t| self.actor_at(t))
            .map(Subject::Actor)
    }

    /// The person named before the comma that opens the role phrase ending at `head`
    /// ("Peter Misselbrook, executive partner of ..."): lower-case words and an article
    /// between.
    fn named_before_role(&self, head: usize, clause_start: usize) -> Option<usize> {
        let describes =
            |w: &str| !lexicon().has(List::FunctionWords, w) || matches!(w, "the" | "a" | "an");
        let j = self.back_over_modifiers(head, clause_start, describes);
        if j <= clause_start + 1 || !self.seg.tokens[j - 1].is_punct(self.text, ',') {
            return None;
        }
        let person = self.actor_at(j - 2)?;
        (self.kind_of(person) == ActorKind::Person).then_some(person)
    }

    /// Whether the lower-case noun at `noun` heads a phrase opened by an indefinite
    /// article or "one" ("a witness", "an industry analyst", "one senior official").
    /// Only words that describe the noun stand between ("a typical security attack");
    /// "an invasion of the country" is no phrase about "country".
    fn is_indefinite(&self, noun: usize, clause_start: usize) -> bool {
        let lex = lexicon();
        let describes = |w: &str| !lex.has(List::FunctionWords, w);
        if self.word(noun).is_none_or(|w| !describes(w)) {
            return false;
        }
        let j = self.back_over_modifiers(noun, clause_start, describes);
        j > clause_start
            && self
                .word(j - 1)
                .is_some_and(|w| matches!(w, "a" | "an" | "one" | "another"))
    }

    /// Moves back from `noun` over at most [`MAX_ROLE_MODIFIERS`] lower-case words that
    /// `describes` lets stand before it, not past `clause_start`: the token after the
    /// last one moved over.
    fn back_over_modifiers(
        &self,
        noun: usize,
        clause_start: usize,
        describes: impl Fn(&str) -> bool,
    ) -> usize {
        let mut j = noun;
        for _ in 0..MAX_ROLE_MODIFIERS {
            let modifier = j > clause_start
                && !self.seg.tokens[j - 1].first_char(self.text).is_uppercase()
                && self.word(j - 1).is_some_and(&describes);
            if !modifier {
                break;
            }
            j -= 1;
        }
        j
    }

    /// The author named right before a document noun: "The NAO's annual report", "A
    /// National Audit Office report".
    pub(super) fn author_before(&self, noun: usize, clause_start: usize) -> Option<usize> {
        let mut j = noun;
        let mut skipped = 0;
        while j > clause_start && skipped <= 2 {
            let t = self.seg.tokens[j - 1];
            if let Some(a) = self.actor_at(j - 1) {
                return (self.kind_of(a) != ActorKind::Place).then_some(a);
            }
            if t.kind == TokenKind::Possessive {
                j -= 1;
                continue;
            }
            // Adjectives and numbers between ("annual", "2001").
            if t.kind == TokenKind::Number
                || (t.kind == TokenKind::Word && !t.first_char(self.text).is_uppercase())
            {
                if self
                    .word(j - 1)
                    .is_some_and(|w| matches!(w, "a" | "an" | "the"))
                {
                    return None;
                }
                j -= 1;
                skipped += 1;
                continue;
            }
            return None;
        }
        None
    }
}
