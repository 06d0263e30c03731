//! Frames: what the main figure of a claim counts, and the event or amount it is a figure
//! of, with the figure masked.
//!
//! `killed 17,000 Iranians` and `responsible for 17,000 deaths` are both `kill` of
//! `people`; `a $27.5bn back tax bill` and `owed $27bn in back taxes` are both `tax` of
//! `money`; the `start price of 246.75bn roubles` is `sell` of `start money`, another
//! figure than the price paid. Only figures read as quantities are framed (no years,
//! ages, list markers, scores or numbers inside names).

use super::super::ActorKind;
use super::super::figures::{Figure, FigureKind, Reading, reading};
use super::super::mentions::DocumentActors;
use crate::text::lexicon::{List, lexicon};
use crate::text::token::{Token, TokenKind};
use crate::text::words::{Source, lower};

/// The event a figure counts and what it counts, figures masked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Frame {
    /// Event or amount class from the lexicon (`kill`, `sell`, `tax`, ...).
    #[serde(with = "crate::extract::interned")]
    pub event: crate::extract::interned::Word,
    /// What is counted: `people` for any word for people, `money` for an amount, `percent`
    /// for a share, else the noun; with a modifier that makes it a different figure of
    /// the same story (`start money`, `part money`).
    pub counted: String,
    /// Index into the claim's figures of the figure the frame is about.
    pub figure: usize,
    /// Indices of the same amount in other currencies, given beside it (`260.75bn roubles
    /// ($9.37bn: £4.8bn)`).
    pub equivalents: Vec<usize>,
    /// Index of the figure that closes a range opened by the main one (`between £19 and
    /// £29`, `10-15 people`).
    pub upper: Option<usize>,
}

/// How many tokens away an event word may stand from its figure.
const EVENT_WINDOW: usize = 12;
/// How many words after an amount are searched for the noun that names it (`a $27.5bn
/// back tax bill`).
const AMOUNT_WORDS_AFTER: usize = 3;
/// How many tokens before a figure are searched for a modifier (`part of a $27bn bill`).
const MODIFIER_WINDOW: usize = 3;
/// How many tokens a bracket after an amount may hold (`($9.37bn: £4.8bn)`).
const BRACKET_TOKENS: usize = 12;
/// How many tokens may stand between an amount and the bracket that converts it
/// (`200bn euros a year (£140bn)`).
const BRACKET_GAP: usize = 3;

/// How many tokens before a figure the person or organisation that holds it may stand
/// (`Freddie Mac restated earnings by $5bn`).
const HOLDER_WINDOW: usize = 10;

/// The document actor (index into `actors.actors`) that holds the figure at token
/// `figure_token`: the nearest person or organisation named before it in the sentence,
/// other than the speaker (`JP McManus and John Magnier, who own a 29% stake`).
pub fn holder(
    actors: &DocumentActors,
    range: std::ops::Range<usize>,
    figure_token: usize,
    speaker: Option<usize>,
) -> Option<usize> {
    let from = figure_token.saturating_sub(HOLDER_WINDOW).max(range.start);
    actors
        .mentions_in(from, figure_token)
        .filter_map(|m| {
            let a = actors.actor_of[m];
            let kind = actors.actors[a].kind;
            (Some(a) != speaker && matches!(kind, ActorKind::Person | ActorKind::Organization))
                .then_some(a)
        })
        .last()
}

/// The indices of the figures of `tokens[range]` that are quantities a source could get
/// wrong (see [`Reading`]).
pub fn quantities(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    figures: &[Figure],
) -> Vec<usize> {
    figures
        .iter()
        .enumerate()
        .filter(|(_, f)| reading(src, tokens, range.clone(), f) == Reading::Quantity)
        .map(|(i, _)| i)
        .collect()
}

/// The frame of a sentence: its first quantity (among `quantities`, indices into
/// `figures`) that is a figure of an event or of a named amount.
pub fn frame(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    figures: &[Figure],
    quantities: &[usize],
) -> Option<Frame> {
    if quantities.is_empty() {
        return None;
    }
    let lex = lexicon();
    let events = event_words(src, tokens, range.clone());
    for &index in quantities {
        let figure = &figures[index];
        let near = Near {
            src,
            tokens,
            range: range.clone(),
            figure,
        };
        // The noun a count counts is not the event it is a count of ("three penalties"
        // in a match are not fines), unless it names a countable event ("17,000 deaths").
        let unit = figure.unit.as_deref().map(lower);
        let unit_class = unit
            .as_deref()
            .and_then(|u| lex.event_class(u))
            .filter(|c| lex.has(List::CountableClasses, c));
        let mut other_events: Vec<(usize, &'static str)> = events
            .iter()
            .copied()
            .filter(|&(i, _)| {
                figure.kind != FigureKind::Count || unit.as_deref() != Some(src.lower(&tokens[i]))
            })
            .collect();
        let is_change = |&(_, c): &(usize, &str)| lex.has(List::ChangeClasses, c);
        let level = figure.kind == FigureKind::Count
            && figure.token > range.start
            && src
                .token(&tokens[figure.token - 1])
                .eq_ignore_ascii_case("to");
        if level && other_events.iter().any(|e| !is_change(e)) {
            other_events.retain(|e| !is_change(e));
        }
        // "£300 less than": a difference between two figures, not a figure of the story;
        // "£30m, £40m or £50m": options, none of them asserted.
        if near.is_difference() || is_alternative(src, tokens, figures, index) {
            continue;
        }
        let nearest = || nearest_event(&other_events, figure.token);
        let amount_class = near.amount_class();
        // "a £6bn surplus": an amount its own noun names is not a figure of an event
        // nearby ("public borrowing would fall").
        if figure.kind == FigureKind::Money && amount_class.is_none() && near.named_by_noun() {
            continue;
        }
        let event = match figure.kind {
            FigureKind::Money => amount_class
                .or_else(|| near.price(&events))
                .or_else(nearest),
            FigureKind::Count => unit_class.or_else(nearest),
            _ => near.amount_class().or_else(nearest),
        }
        .or_else(|| only_class(&other_events))
        .or_else(|| counted_noun(figure).then_some(COUNT_CLASS));
        let Some(event) = event else { continue };
        let what = match figure.kind {
            FigureKind::Money => "money".to_string(),
            // A share of what: "a 29% stake", "3% of GDP". A bare "rose 5%" does not say
            // what rose, nor does "a 5% rise": they are not framed.
            FigureKind::Percent => match figure.unit.as_deref().map(lower) {
                Some(u)
                    if lex
                        .event_class(&u)
                        .is_none_or(|c| c == event && !lex.has(List::PeriodicClasses, c)) =>
                {
                    format!("percent-{}", counted_class(&u))
                }
                _ => continue,
            },
            _ => counted_class(figure.unit.as_deref().unwrap_or_default()),
        };
        let counted = match near.modifier() {
            Some(m) => format!("{m} {what}"),
            None => what,
        };
        let equivalents = if figure.kind == FigureKind::Money {
            near.equivalents(figures, index)
        } else {
            Vec::new()
        };
        return Some(Frame {
            event,
            counted,
            figure: index,
            equivalents,
            upper: near.range_end(figures, index),
        });
    }
    None
}

/// Whether figure `index` is one of a list of options of one kind: `£30m, £40m or £50m`.
fn is_alternative(src: Source<'_>, tokens: &[Token], figures: &[Figure], index: usize) -> bool {
    let joined = |a: &Figure, b: &Figure| {
        a.kind == b.kind
            && a.token < b.token
            && tokens[a.token..b.token]
                .iter()
                .filter(|t| t.start >= a.end && t.end <= b.start)
                .all(|t| {
                    let text = src.token(t);
                    matches!(text, "," | "or") || lexicon().value("currency_signs", text).is_some()
                })
    };
    let figure = &figures[index];
    let before = index.checked_sub(1).and_then(|i| figures.get(i));
    let after = figures.get(index + 1);
    before.is_some_and(|b| joined(b, figure)) || after.is_some_and(|a| joined(figure, a))
}

/// The class of a count of things that names no event ("110,000 net cafes"): what it
/// counts is the noun after it.
pub const COUNT_CLASS: &str = "count";

/// A count of things that names no event is framed from this size up: sources dispute
/// how many households, consoles or cafes there are, not the three DJs of a show or the
/// six penalties of a match.
pub const MIN_COUNTED_THINGS: f64 = 1000.0;

/// Whether a figure counts a thing it names: a large count with a noun, not a bare number.
fn counted_noun(figure: &Figure) -> bool {
    figure.kind == FigureKind::Count && figure.unit.is_some() && figure.value >= MIN_COUNTED_THINGS
}

/// The event words of a sentence with their classes, in order. Coordinated event words
/// ("kill&maim", "killed and wounded") take the class of the first one: it heads the
/// coordination.
fn event_words(
    src: Source<'_>,
    tokens: &[Token],
    range: std::ops::Range<usize>,
) -> Vec<(usize, &'static str)> {
    let lex = lexicon();
    // A capitalised event word inside a sentence is part of a name ("The Killers").
    let start = range.start;
    let mut events: Vec<(usize, &'static str)> = range
        .filter(|&i| {
            tokens[i].kind == TokenKind::Word && (i == start || !tokens[i].is_capitalized(src.text))
        })
        .filter_map(|i| lex.event_class(src.lower(&tokens[i])).map(|c| (i, c)))
        .collect();
    for k in 1..events.len() {
        let (prev, class) = events[k - 1];
        let (at, _) = events[k];
        let joined = at == prev + 2 && {
            let between = src.token(&tokens[prev + 1]);
            matches!(between, "&" | "and" | "or" | "," | "/")
        };
        if joined {
            events[k].1 = class;
        }
    }
    events
}

/// The class of the event word nearest to token `at`, within [`EVENT_WINDOW`].
fn nearest_event(events: &[(usize, &'static str)], at: usize) -> Option<&'static str> {
    events
        .iter()
        .min_by_key(|(i, _)| i.abs_diff(at))
        .filter(|(i, _)| i.abs_diff(at) <= EVENT_WINDOW)
        .map(|(_, c)| *c)
}

/// The class of every event word of the sentence, when they all share one.
fn only_class(events: &[(usize, &'static str)]) -> Option<&'static str> {
    let first = events.first()?.1;
    events.iter().all(|e| e.1 == first).then_some(first)
}

/// Words for people count as `people`; `Iranians`, `civilians` and `deaths` alike. Other
/// nouns count as themselves, without a plural `s`.
pub fn counted_class(unit: &str) -> String {
    let lex = lexicon();
    let w = lower(unit);
    let people = lex.has(List::PeopleNouns, &w)
        || super::super::gazetteer::lookup(unit)
            .is_some_and(|h| h.form == super::super::gazetteer::Form::People)
        || lex.has(List::GroupWords, &w)
        || lex.event_class(&w) == Some("kill");
    if people {
        "people".to_string()
    } else if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        format!("{stem}y")
    } else {
        w.strip_suffix('s')
            .filter(|s| s.len() >= 3 && !s.ends_with('s'))
            .unwrap_or(&w)
            .to_string()
    }
}

/// A figure in its sentence, for reading the words around it.
struct Near<'a> {
    src: Source<'a>,
    tokens: &'a [Token],
    range: std::ops::Range<usize>,
    figure: &'a Figure,
}

impl Near<'_> {
    /// The first token after the figure.
    fn end_token(&self) -> usize {
        let mut end = self.figure.token + 1;
        while end < self.range.end && self.tokens[end].end <= self.figure.end {
            end += 1;
        }
        end
    }

    fn word(&self, i: usize) -> Option<&str> {
        let t = self.tokens.get(i).filter(|_| self.range.contains(&i))?;
        (t.kind == TokenKind::Word).then(|| self.src.lower(t))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.range.contains(&i) && self.tokens[i].is_punct(self.src.text, c)
    }

    /// The token after the amount, its currency word and a bracket that follows it.
    fn after_amount(&self) -> usize {
        let lex = lexicon();
        let mut i = self.end_token();
        if self
            .word(i)
            .is_some_and(|w| lex.value("currency_words", w).is_some())
        {
            i += 1;
        }
        if self.is_punct(i, '(')
            && let Some(close) =
                (i + 1..(i + BRACKET_TOKENS).min(self.range.end)).find(|&j| self.is_punct(j, ')'))
        {
            i = close + 1;
        }
        i
    }

    /// Whether the figure is a difference: followed by a comparative and `than` ("£300
    /// less than", "5,000 more than").
    fn is_difference(&self) -> bool {
        let after = self.after_amount();
        self.word(after)
            .is_some_and(|w| lexicon().has(List::DifferenceWords, w))
            && self.word(after + 1) == Some("than")
    }

    /// Whether the word right after the amount is a noun of its own, not an event word, a
    /// link or a function word (`a £6bn surplus`).
    fn named_by_noun(&self) -> bool {
        let lex = lexicon();
        let at = self.after_amount();
        let Some(t) = self.tokens.get(at).filter(|_| self.range.contains(&at)) else {
            return false;
        };
        if t.kind != TokenKind::Word || t.is_capitalized(self.src.text) {
            return false;
        }
        let w = self.src.lower(t);
        w.chars().all(|c| c.is_ascii_lowercase())
            && lex.event_class(w).is_none()
            && ![
                List::FunctionWords,
                List::PhraseBoundaries,
                List::SiblingModifiers,
                List::AmountLinks,
                List::Months,
                List::Weekdays,
                List::ReportingVerbs,
            ]
            .into_iter()
            .any(|list| lex.has(list, w))
            && ["qualifiers", "magnitudes", "currency_words"]
                .into_iter()
                .all(|section| lex.value(section, w).is_none())
    }

    /// The class of the noun that names the amount: after it (`a $900m loan`, `$27bn in
    /// back taxes`) or before `of` or `worth` (`a deposit of $1.7bn`, `a bid worth $6bn`).
    fn amount_class(&self) -> Option<&'static str> {
        let lex = lexicon();
        let mut i = self.after_amount();
        if self.word(i).is_some_and(|w| w == "in" || w == "of") {
            i += 1;
        }
        for j in i..i + AMOUNT_WORDS_AFTER {
            let Some(w) = self.word(j) else { break };
            if lex.has(List::PhraseBoundaries, w) {
                break;
            }
            if let Some(class) = lex.event_class(w) {
                return Some(class);
            }
        }
        let mut j = self.figure.token;
        // Skip the currency sign and a qualifier ("of nearly $1.7bn").
        if j > self.range.start
            && lex
                .value("currency_signs", self.src.token(&self.tokens[j - 1]))
                .is_some()
        {
            j -= 1;
        }
        for _ in 0..2 {
            if j > self.range.start
                && self.word(j - 1).is_some_and(|w| {
                    lex.value("qualifiers", w).is_some() && !matches!(w, "of" | "worth")
                })
            {
                j -= 1;
            }
        }
        let link = self.word(j.checked_sub(1)?)?;
        if lex.has(List::AmountLinks, link) && j >= 2 {
            if let Some(class) = self.word(j - 2).and_then(|w| lex.event_class(w)) {
                return Some(class);
            }
            if link == "worth" {
                return lex.event_class(link);
            }
        }
        None
    }

    /// An amount paid "for" something is its price (`paid 260.75bn roubles for Yugansk`,
    /// `sold Yugansk to state-run Rosneft for $9.3bn`), when the sentence tells of paying
    /// or selling.
    fn price(&self, events: &[(usize, &'static str)]) -> Option<&'static str> {
        let trade = events.iter().any(|&(_, c)| matches!(c, "pay" | "sell"));
        if !trade {
            return None;
        }
        let mut before = self.figure.token;
        if before > self.range.start
            && lexicon()
                .value("currency_signs", self.src.token(&self.tokens[before - 1]))
                .is_some()
        {
            before -= 1;
        }
        let for_before = before > self.range.start && self.word(before - 1) == Some("for");
        let for_after = self.word(self.after_amount()) == Some("for");
        (for_before || for_after).then_some("sell")
    }

    /// A word just before the figure, or right after it, that makes it another figure of
    /// the same story than the plain one (`start`, `part`, `another`, `needed`).
    fn modifier(&self) -> Option<&str> {
        let lex = lexicon();
        let first = self.figure.token;
        let from = first.saturating_sub(MODIFIER_WINDOW).max(self.range.start);
        let is_modifier = |w: &&str| lex.has(List::SiblingModifiers, w);
        (from..first)
            .rev()
            .take_while(|&i| self.tokens[i].kind != TokenKind::Number)
            .find_map(|i| self.word(i).filter(is_modifier))
            .or_else(|| {
                let mut after = self.end_token();
                if self
                    .word(after)
                    .is_some_and(|w| lex.value("currency_words", w).is_some())
                {
                    after += 1;
                }
                self.word(after).filter(is_modifier)
            })
    }

    /// The figure that closes a range this one opens: `between 19 and 29`, `10-15`.
    fn range_end(&self, figures: &[Figure], index: usize) -> Option<usize> {
        let next = index + 1;
        let other = figures.get(next)?;
        if other.kind != self.figure.kind || other.unit != self.figure.unit && other.unit.is_some()
        {
            return None;
        }
        let end = self.end_token();
        // "between £19 and £29": the word before the figure's currency sign.
        let mut start = self.figure.token;
        if start > self.range.start
            && lexicon()
                .value("currency_signs", self.src.token(&self.tokens[start - 1]))
                .is_some()
        {
            start -= 1;
        }
        let between = start > self.range.start
            && self.word(start - 1) == Some("between")
            && self.word(end) == Some("and");
        let dash = self.tokens.get(end).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && matches!(t.text(self.src.text), "-" | "–")
                && !t.space_before
        }) && !self.tokens.get(end + 1).is_some_and(|t| t.space_before);
        let first_after = if between || dash {
            end + 1
        } else {
            return None;
        };
        let skip_sign = usize::from(self.tokens.get(first_after).is_some_and(|t| {
            lexicon()
                .value("currency_signs", t.text(self.src.text))
                .is_some()
        }));
        (other.token == first_after + skip_sign && other.value >= self.figure.value).then_some(next)
    }

    /// The amounts in other currencies in a bracket right after this one.
    fn equivalents(&self, figures: &[Figure], index: usize) -> Vec<usize> {
        let mut i = self.end_token();
        let limit = (i + BRACKET_GAP + 1).min(self.range.end);
        while i < limit && !self.is_punct(i, '(') {
            if self.tokens[i].kind == TokenKind::Number || self.is_punct(i, ',') {
                return Vec::new();
            }
            i += 1;
        }
        if !self.is_punct(i, '(') {
            return Vec::new();
        }
        let open = self.tokens[i].start;
        let close = (i + 1..(i + BRACKET_TOKENS).min(self.range.end))
            .find(|&j| self.is_punct(j, ')'))
            .map_or(usize::MAX, |j| self.tokens[j].start);
        figures
            .iter()
            .enumerate()
            .filter(|&(j, f)| {
                j != index
                    && f.kind == FigureKind::Money
                    && f.start > open
                    && f.end <= close
                    && f.unit != self.figure.unit
            })
            .map(|(j, _)| j)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::figures;
    use crate::text::token::tokenize;

    fn frame_of(sentence: &str) -> Option<Frame> {
        let tokens = tokenize(sentence);
        let lower = crate::text::words::lowered(sentence);
        let src = Source::new(sentence, &lower);
        let range = 0..tokens.len();
        let figures = figures::find(src, &tokens, range.clone());
        let quantities = quantities(src, &tokens, range.clone(), &figures);
        frame(src, &tokens, range, &figures, &quantities)
    }

    fn key(sentence: &str) -> (&'static str, String) {
        let f = frame_of(sentence).unwrap_or_else(|| panic!("no frame in {sentence:?}"));
        (f.event, f.counted)
    }

    #[test]
    fn casualty_wordings_share_a_frame() {
        let kill = ("kill", "people".to_string());
        assert_eq!(key("The group is responsible for 17,000 deaths."), kill);
        assert_eq!(
            key("They killed as many as 12,000 Iranian civilians."),
            kill
        );
        assert_eq!(
            key("More than 17,000 people were martyred in this path."),
            kill
        );
        assert_eq!(key("It was allowed to kill&maim 10000+Iranians."), kill);
        assert_eq!(key("Troops assassinated 72 senior figures.").1, "figure");
        assert!(frame_of("The war lasted for 8 years.").is_none());
        // A capitalised event word is part of a name.
        assert!(frame_of("The chart's top acts include 10 bands and The Killers.").is_none());
    }

    #[test]
    fn an_amount_takes_the_class_of_the_noun_that_names_it() {
        let tax = ("tax", "money".to_string());
        assert_eq!(
            key("The unit was sold to pay off a $27.5bn (£14.5bn) back tax bill."),
            tax
        );
        assert_eq!(key("The firm owed more than $27bn in back taxes."), tax);
        assert_eq!(
            key("It asked the buyer to pay back a $900m loan.").0,
            "lend"
        );
        assert_eq!(
            key("It agreed to pay $13m in criminal penalties.").0,
            "fine"
        );
        assert_eq!(key("Baikal paid 260.75bn roubles for the unit.").0, "sell");
        assert_eq!(
            key("The Kremlin sold the unit to a state firm for $9.3bn to offset a tax bill.").0,
            "sell"
        );
        assert_eq!(
            key("The firm has sued the government for $28.3bn.").0,
            "sue"
        );
    }

    #[test]
    fn sibling_figures_get_another_frame() {
        assert_eq!(
            key("It paid above the auction start price of 246.75bn roubles."),
            ("sell", "start money".to_string())
        );
        assert_eq!(
            key("It will pay another $120m over eight years.").1,
            "another money"
        );
        assert_eq!(
            key("It tried to raise the $50,000 needed for an advert.").1,
            "needed money"
        );
    }

    #[test]
    fn conversions_and_ranges_travel_with_the_amount() {
        let f =
            frame_of("Baikal paid 260.75bn roubles ($9.37bn: £4.8bn) for Yugansk.").expect("frame");
        assert_eq!((f.figure, f.equivalents.as_slice()), (0, &[1, 2][..]));
        let f = frame_of("Games are expected to cost between £19 and £29 each.").expect("frame");
        assert_eq!(f.upper, Some(1));
    }

    #[test]
    fn counts_in_a_match_are_not_events_named_by_their_noun() {
        // "penalties" in rugby are not fines; nothing else says what they count.
        assert!(frame_of("He failed to convert three penalties on Saturday.").is_none());
        // A bare percentage does not say what it is a share of.
        assert!(frame_of("Sales rose 5% in the year.").is_none());
        assert_eq!(
            key("The investors own a 29% stake in the club.").1,
            "percent-stake"
        );
    }
}
