//! Who says each sentence.
//!
//! A quotation is attributed by a reporting verb after it (`“...,” X said`, `said X`) or
//! before it (`X said, “...”`, `X added:`); every sentence inside the quotation, which may
//! run over several paragraphs, gets that speaker, and a quotation standing alone right
//! after an attributed one continues it. Sentences without quotes are attributed by
//! `according to X`, `X's claim was that`, or a reporting verb with its subject (`X said
//! that ...`). The subject of a verb is found behind appositives (`X, a lawyer, said`),
//! infinitives (`he went on to say`) and time phrases (`X on Monday said`); people who
//! speak for a body (`a spokeswoman for X`) give the body; documents (`the report says`)
//! give their author. Pronouns (`he added`) and role nouns (`the official said`, `our
//! correspondent said`) carry over the last named speaker. `X quoted Y as saying`
//! attributes to Y via X. When the text does not say who speaks, nobody is named.

mod indirect;
mod quote;
mod subject;

use super::ActorKind;
use super::mentions::DocumentActors;
use crate::text::segment::{Segmented, SentenceKind};
use crate::text::token::TokenKind;
use subject::Subject;

/// The speaker of a sentence and the medium it came through, as document actor indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// Who says it.
    pub speaker: Option<usize>,
    /// Through which medium (`Press TV quoted ...`, `said on Twitter`).
    pub via: Option<usize>,
}

/// How many mentions back `the ministry` looks for the ministry.
const LOOK_BACK_MENTIONS: usize = 400;

struct Attributor<'a> {
    text: &'a str,
    seg: &'a Segmented,
    actors: &'a DocumentActors,
    last_speaker: Option<usize>,
    last_person_speaker: Option<usize>,
    /// The person a previous sentence started with, for `he` in the next.
    previous_subject: Option<usize>,
    /// The last speaker was named through someone speaking for it ("a spokeswoman for
    /// X"): `she added` goes on with it.
    last_speaker_by_proxy: bool,
    /// The author of the last document that spoke ("the NAO's report"), for "the report
    /// says".
    last_document_author: Option<usize>,
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
        last_speaker_by_proxy: false,
        last_document_author: None,
    };
    let mut out = Vec::with_capacity(seg.sentences.len());
    let mut quote_cache: Vec<Option<(Option<Subject>, Option<usize>)>> =
        vec![None; seg.quotes.len()];
    let mut previous: Option<(Attribution, bool)> = None; // attribution, came from a quote
    // The attribution of a sentence ending in a colon ("Ritter writes:", "According to
    // Ritter:"), for the quotation that opens the next one.
    let mut introduced: Option<Attribution> = None;
    // A quotation introduced so whose closing mark never comes: its speaker, and the last
    // paragraph it ran through.
    let mut unclosed: Option<(Attribution, usize)> = None;
    for s in &seg.sentences {
        let introducing = introduced.take();
        if s.kind == SentenceKind::Heading {
            // "Iran says U.S. has ...": a headline names its speaker without quotes.
            out.push(
                a.closing_tag(s.first_token, s.end_token)
                    .or_else(|| a.indirect(s.first_token, s.end_token))
                    .map_or_else(Attribution::default, |(att, _)| att),
            );
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
            if q.open <= first + 1 && q.open + 1 >= first {
                starts_with_quote = true;
            }
            let found =
                *quote_cache[qi].get_or_insert_with(|| match (a.quote_subject(*q), introducing) {
                    (
                        (None, _),
                        Some(Attribution {
                            speaker: Some(sp),
                            via,
                        }),
                    ) if q.open <= first + 1 => (Some(Subject::Actor(sp)), via),
                    (found, _) => found,
                });
            if found.0.is_some() {
                from_quote = Some(found);
                break;
            }
        }
        let mut in_block = true;
        let (attribution, subject) = if let Some(found) = a.closing_tag(first, end) {
            in_block = false;
            found
        } else if let Some((subject, via)) = from_quote {
            in_block = false;
            let speaker = subject.and_then(|s| a.resolve(s, first));
            (Attribution { speaker, via }, subject)
        } else if let Some(intro) = introducing.filter(|_| {
            seg.tokens[first].kind == TokenKind::Quote
                // Quotations stand in order: one opening here is the first not closed
                // before the sentence.
                && seg.quotes.get(k).is_none_or(|q| q.open != first)
        }) {
            unclosed = Some((intro, s.paragraph));
            (intro, None)
        } else if let Some((att, _)) = unclosed.filter(|&(_, last)| s.paragraph == last) {
            (att, None)
        } else if let Some(found) = a.indirect(first, end) {
            in_block = false;
            found
        } else if starts_with_quote && let Some((prev, true)) = previous {
            in_block = false;
            (prev, None) // a quotation continuing the previous speaker's
        } else if let Some((att, _)) = unclosed.filter(|&(_, opened)| {
            // Only the one unmarked paragraph right after the one it opened in.
            s.paragraph == opened + 1
                && !seg.tokens[first..end]
                    .iter()
                    .any(|t| t.kind == TokenKind::Quote)
        }) {
            (att, None)
        } else {
            in_block = false;
            (Attribution::default(), None)
        };
        if !in_block {
            unclosed = None;
        }
        a.remember(attribution.speaker, subject);
        a.previous_subject = if starts_with_quote {
            None
        } else {
            a.person_at_start(first, end)
        };
        previous = Some((
            attribution,
            from_quote.is_some() || (starts_with_quote && attribution.speaker.is_some()),
        ));
        if seg.tokens[end - 1].is_punct(text, ':') && attribution.speaker.is_some() {
            introduced = Some(attribution);
        }
        out.push(attribution);
    }
    out
}

impl<'a> Attributor<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.seg.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| &self.seg.lower[t.start..t.end])
    }

    fn kind_of(&self, actor: usize) -> ActorKind {
        self.actors.actors[actor].kind
    }

    fn actor_at(&self, token: usize) -> Option<usize> {
        self.actors
            .mention_at(token)
            .map(|m| self.actors.actor_of[m])
    }

    fn remember(&mut self, speaker: Option<usize>, subject: Option<Subject>) {
        let Some(s) = speaker else { return };
        self.last_speaker = Some(s);
        self.last_speaker_by_proxy = matches!(subject, Some(Subject::Proxy(_)));
        if self.kind_of(s) == ActorKind::Person {
            self.last_person_speaker = Some(s);
        }
        if let Some(Subject::Document {
            author: Some(author),
        }) = subject
        {
            self.last_document_author = Some(author);
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
            Subject::Actor(a) | Subject::Proxy(a) => Some(a),
            Subject::Person => {
                if self.last_speaker_by_proxy {
                    return self.last_speaker;
                }
                self.previous_subject
                    .or(self.last_person_speaker)
                    .or(self.last_speaker)
            }
            Subject::Role { noun, in_phrase } => self
                .introduced_as(noun, before_token)
                .or(self.last_person_speaker)
                .or(self.last_speaker)
                .or(in_phrase),
            Subject::Anyone => self.last_speaker,
            Subject::Unnamed => None,
            Subject::NamedBy(token) => self.named_by(token, before_token),
            Subject::Document { author } => author.or(self.last_document_author),
        }
    }

    /// The person the text introduced with the role noun at `noun` ("our correspondent" is
    /// the "defence correspondent Paul Adams" named before).
    fn introduced_as(&self, noun: usize, before_token: usize) -> Option<usize> {
        let role = self.word(noun)?;
        let end = self
            .actors
            .mentions
            .partition_point(|m| m.first_token < before_token.max(noun));
        self.actors.mentions[..end]
            .iter()
            .enumerate()
            .rev()
            .take(LOOK_BACK_MENTIONS)
            .find(|(_, m)| {
                let near = |t: usize| self.word(t).is_some_and(|w| w == role);
                // A person, or a name of no known kind the role itself speaks for.
                matches!(m.kind, ActorKind::Person | ActorKind::Other)
                    && ((1..=2).any(|d| m.first_token >= d && near(m.first_token - d))
                        || (1..=4).any(|d| near(m.end_token + d - 1)))
            })
            .map(|(i, _)| self.actors.actor_of[i])
    }

    /// `the ministry`: the nearest earlier actor whose name ends in that noun.
    fn named_by(&self, token: usize, before_token: usize) -> Option<usize> {
        let noun = self.word(token)?;
        let limit = before_token.max(token);
        // Looking back a bounded way keeps long documents linear.
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
