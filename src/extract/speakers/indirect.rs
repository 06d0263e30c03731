//! Attribution without quotation marks: `according to X`, `X's claim was that ...`,
//! `X said (that) ...`, `the report found ...`.

use super::subject::Subject;
use super::{Attribution, Attributor};
use crate::extract::ActorKind;
use crate::text::lexicon::{List, lexicon};
use crate::text::token::TokenKind;

/// How far an `according to` phrase reaches when no punctuation ends it.
const ACCORDING_TO_REACH: usize = 12;
/// How far "X's claim" may stand before its "was that".
const CLAIM_REACH: usize = 20;
/// How many tokens a closing tag (`, said the party's deputy leader Ann Smith.`) may hold.
const CLOSING_TAG_WORDS: usize = 10;
/// Words that open a clause after a comma that is no closing tag.
const TAG_NEVER_OPENS_WITH: &[&str] = &[
    "a", "an", "which", "who", "whom", "whose", "while", "whilst", "though", "although", "but",
    "and", "or", "as", "whereas", "when", "where", "if", "unless", "because", "since", "so", "yet",
    "after", "before", "despite", "even", "not", "nor",
];
/// How many words may follow a closing tag's name or verb ("…, said Mr Clarke on Monday.").
const CLOSING_TAG_TAIL: usize = 2;

impl<'a> Attributor<'a> {
    /// The attribution of a sentence without a quotation, and the subject it came from.
    pub(super) fn indirect(
        &self,
        first: usize,
        end: usize,
    ) -> Option<(Attribution, Option<Subject>)> {
        if let Some(found) = self.according_to(first, end) {
            return Some(found);
        }
        if let Some(a) = self.claim_was_that(first, end) {
            return Some((
                Attribution {
                    speaker: Some(a),
                    via: None,
                },
                Some(Subject::Actor(a)),
            ));
        }
        let clause_start = |verb: usize| {
            (first..verb)
                .rev()
                .find(|&t| self.seg.tokens[t].is_punct(self.text, ';'))
                .map_or(first, |t| t + 1)
        };
        let lex = lexicon();
        // A document's own verbs ("the report found", "the NAO's report showed") count only
        // with a document for subject.
        let verb = (first..end).find_map(|i| {
            if self.is_reporting_verb(i) {
                return Some((i, None));
            }
            let w = self.word(i)?;
            if !lex.has(List::DocumentVerbs, w) {
                return None;
            }
            match self.subject_before(i, clause_start(i)) {
                Some(s @ Subject::Document { .. }) => Some((i, Some(s))),
                _ => None,
            }
        })?;
        let (verb, document) = verb;
        let w = self.word(verb)?;
        let via = self.medium_after(verb, end);
        let subject = match document {
            Some(s) => s,
            None if w.ends_with("ing") => {
                // "..., saying the group ...": the subject of the sentence.
                (first..verb)
                    .filter_map(|t| self.actor_at(t))
                    .find(|&a| self.kind_of(a) == ActorKind::Person)
                    .map(Subject::Actor)
                    .or_else(|| self.subject_before(verb, clause_start(verb)))?
            }
            None => match self.subject_before(verb, clause_start(verb)) {
                Some(s) => s,
                // "..., said Mr Straw.": the tag after the clause it reports.
                None if verb > first && self.seg.tokens[verb - 1].is_punct(self.text, ',') => {
                    self.subject_after(verb, end)?
                }
                None => return None,
            },
        };
        let speaker = self.resolve(subject, first)?;
        Some((
            Attribution {
                speaker: Some(speaker),
                via,
            },
            Some(subject),
        ))
    }

    /// `..., said Mr Clarke.` / `..., Mr Clarke said.`: a short tag after the sentence's
    /// last comma names who reports all that comes before it, whatever verbs stand inside.
    pub(super) fn closing_tag(
        &self,
        first: usize,
        end: usize,
    ) -> Option<(Attribution, Option<Subject>)> {
        let mut last = end;
        while last > first && self.seg.tokens[last - 1].kind != TokenKind::Word {
            last -= 1;
        }
        let comma = (first..last)
            .rev()
            .take(CLOSING_TAG_WORDS + 1)
            .find(|&t| self.seg.tokens[t].is_punct(self.text, ','))?;
        let quotes = &self.seg.quotes;
        let k = quotes.partition_point(|q| q.close <= comma);
        let quoted = self.seg.tokens[comma..end]
            .iter()
            .any(|t| t.kind == TokenKind::Quote)
            || quotes.get(k).is_some_and(|q| q.open < comma);
        if comma <= first + 2 || quoted {
            return None;
        }
        // "…, a figure the ministry denies", "…, while Jones claimed …": a clause of its
        // own, not a tag.
        if self
            .word(comma + 1)
            .is_some_and(|w| TAG_NEVER_OPENS_WITH.contains(&w))
        {
            return None;
        }
        let verb = (comma + 1..last).find(|&t| self.is_reporting_verb(t))?;
        // A tag ends the sentence: no clause of its own ("…, told Radio 4 that more may
        // go" reports, it does not tag), the name last after "said", the verb last after
        // the name.
        if (verb + 1..last).any(|t| self.word(t).is_some_and(|w| w == "that")) {
            return None;
        }
        // "X, an analyst with Y, told Reuters.": who was told follows the verb, who
        // told stands before the comma.
        // Who was told may be named at length, so the tail is not counted then.
        let listener = verb == comma + 1 && self.is_listener_verb(verb);
        if !listener {
            let tail = if verb == comma + 1 {
                let name_end = (verb + 1..last)
                    .rev()
                    .find(|&t| self.actor_at(t).is_some())
                    .map_or(verb + 1, |t| t + 1);
                last - name_end
            } else {
                last - (verb + 1)
            };
            if tail > CLOSING_TAG_TAIL {
                return None;
            }
        }
        let subject = if listener {
            self.subject_before(verb, first)?
        } else if verb == comma + 1 {
            self.subject_after(verb, last)?
        } else {
            self.subject_before(verb, comma + 1)?
        };
        let speaker = self.resolve(subject, first)?;
        Some((
            Attribution {
                speaker: Some(speaker),
                via: self.medium_after(verb, end),
            },
            Some(subject),
        ))
    }

    /// `according to X`: the last name before the phrase ends ("according to the British
    /// daily The Guardian," is the Guardian); `according to the report` is the report's
    /// author, `according to a 2001 memo` nobody the text names.
    fn according_to(&self, first: usize, end: usize) -> Option<(Attribution, Option<Subject>)> {
        let lex = lexicon();
        let i = (first..end).find(|&i| {
            self.word(i).is_some_and(|w| w == "according")
                && self.word(i + 1).is_some_and(|w| w == "to")
        })?;
        let phrase_end = (i + 2..end.min(i + ACCORDING_TO_REACH))
            .find(|&t| self.seg.tokens[t].kind == TokenKind::Punct)
            .unwrap_or(end.min(i + ACCORDING_TO_REACH));
        if let Some(a) = (i + 2..phrase_end).rev().find_map(|t| self.actor_at(t)) {
            let attribution = Attribution {
                speaker: Some(a),
                via: None,
            };
            return Some((attribution, Some(Subject::Actor(a))));
        }
        (i + 2..phrase_end).find(|&t| {
            self.word(t)
                .is_some_and(|w| lex.has(List::DocumentNouns, w))
        })?;
        let definite = self.word(i + 2).is_some_and(|w| w == "the");
        let speaker = if definite {
            self.last_document_author
        } else {
            None
        };
        Some((
            Attribution { speaker, via: None },
            Some(Subject::Document { author: speaker }),
        ))
    }

    /// `X's claim was that ...`, `X's argument for ... is that ...`: X.
    fn claim_was_that(&self, first: usize, end: usize) -> Option<usize> {
        let lex = lexicon();
        let that = (first + 1..end).find(|&t| {
            self.word(t).is_some_and(|w| w == "that")
                && self.word(t - 1).is_some_and(|w| matches!(w, "was" | "is"))
        })?;
        let noun = (first..that - 1)
            .rev()
            .take(CLAIM_REACH)
            .find(|&t| self.word(t).is_some_and(|w| lex.has(List::ClaimNouns, w)))?;
        // Its possessor, perhaps behind an adjective ("Haley's essential claim").
        let mut j = noun;
        for _ in 0..3 {
            if j <= first {
                return None;
            }
            let t = self.seg.tokens[j - 1];
            if t.kind == TokenKind::Possessive {
                return j.checked_sub(2).and_then(|p| self.actor_at(p));
            }
            if t.kind != TokenKind::Word || t.first_char(self.text).is_uppercase() {
                return None;
            }
            j -= 1;
        }
        None
    }
}
