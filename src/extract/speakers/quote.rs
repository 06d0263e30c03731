//! Who is quoted: the reporting verb after a quotation (`“...,” X said`, `said X`) or
//! before it (`X said: “...”`), and `X quoted Y as saying`.

use super::Attributor;
use super::subject::Subject;
use crate::extract::ActorKind;
use crate::text::segment::Quote;
use crate::text::token::TokenKind;

/// How far after a quotation its tag's verb may stand when the quotation ends with a
/// comma or a stop ("“...,” the former inspector of the agency said").
const TAG_WINDOW: usize = 9;
/// How far when it does not: a phrase quoted inside a sentence ("face “severe
/// punishment” — and suggested") is rarely tagged after it.
const BARE_TAG_WINDOW: usize = 3;
/// How many words may stand between a reporting verb and the quotation it introduces.
const INTRO_GAP: usize = 5;

impl<'a> Attributor<'a> {
    /// Finds who is quoted in `q`, and through which medium.
    pub(super) fn quote_subject(&self, q: Quote) -> (Option<Subject>, Option<usize>) {
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
        let stop_inside = q.close > q.open + 1
            && seg.tokens[q.close - 1].kind == TokenKind::Punct
            && matches!(
                seg.tokens[q.close - 1].text(self.text),
                "," | "." | "!" | "?" | "…" | "-" | "—"
            );
        let comma_after = seg
            .tokens
            .get(q.close + 1)
            .is_some_and(|t| t.is_punct(self.text, ','));
        let window = if stop_inside || comma_after {
            TAG_WINDOW
        } else {
            BARE_TAG_WINDOW
        };
        let tail_end = sentence_end(q.close);
        let mut i = q.close + 1;
        while i < tail_end && i <= q.close + window {
            let t = seg.tokens[i];
            if t.kind == TokenKind::Quote || t.is_punct(self.text, '.') {
                break;
            }
            // "..., but insisted that X ...": the sentence's own subject goes on speaking
            // ("Marks and Spencer said" is a name with "and" in it: no comma before).
            if i > q.close + 1
                && seg.tokens[i - 1].is_punct(self.text, ',')
                && self
                    .word(i)
                    .is_some_and(|w| matches!(w, "but" | "and" | "while" | "although"))
            {
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
                // "said Smith", "said Moscow-based US lawyer Jamie Firestone".
                return (self.subject_after(i, tail_end), via);
            }
            i += 1;
        }
        // Before the quotation: X said, “...” / X said: "..."
        let head_start = sentence_start(q.open);
        let mut gap = 0;
        let mut j = q.open;
        while j > head_start && gap < INTRO_GAP {
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

    /// The speaker named after a reporting verb: the last person before the clause goes
    /// on ("said Moscow-based US lawyer Jamie Firestone", "said Human Rights Watch's Brad
    /// Adams"), else someone speaking for a body ("said a spokesman for X"), else the
    /// first name. Nobody after a verb whose object is who hears it ("told Reuters").
    pub(super) fn subject_after(&self, verb: usize, end: usize) -> Option<Subject> {
        if self.is_listener_verb(verb) {
            return None;
        }
        let stop = (verb + 1..end)
            .find(|&t| {
                let tok = self.seg.tokens[t];
                matches!(tok.text(self.text), "," | "." | ";" | ":" | "(")
                    && tok.kind == TokenKind::Punct
            })
            .unwrap_or(end)
            .min(verb + 12);
        let actors: Vec<usize> = (verb + 1..stop).filter_map(|t| self.actor_at(t)).collect();
        if let Some(&person) = actors
            .iter()
            .rev()
            .find(|&&a| self.kind_of(a) == ActorKind::Person)
        {
            return Some(Subject::Actor(person));
        }
        let lex = crate::text::lexicon::lexicon();
        let proxy = (verb + 1..stop).any(|t| {
            self.word(t)
                .is_some_and(|w| lex.has(crate::text::lexicon::List::MemberNouns, w))
        });
        match actors.first() {
            Some(&a) if proxy => Some(Subject::Proxy(a)),
            Some(&a) => Some(Subject::Actor(a)),
            None => None,
        }
    }

    /// `X quoted Y as saying`: speaker Y via X.
    pub(super) fn quoted_as_saying(
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
    pub(super) fn medium_after(&self, verb: usize, end: usize) -> Option<usize> {
        (verb + 1..end.min(verb + 7))
            .filter_map(|t| self.actor_at(t))
            .find(|&a| self.kind_of(a) == ActorKind::Media)
    }
}
