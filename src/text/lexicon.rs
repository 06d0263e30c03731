//! The general English word lists in `assets/lexicon.txt`, parsed once.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use super::words::within_one_edit;

pub(crate) const SOURCE: &str = include_str!("../../assets/lexicon.txt");

/// Sections whose name ends so hold `class: words` lines: each word maps to its class.
const CLASSES_SUFFIX: &str = "_classes";

/// The word lists of `assets/lexicon.txt` (sections without `key: value` entries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// `[abbreviations]`
    Abbreviations,
    /// `[function_words]`
    FunctionWords,
    /// `[reporting_verbs]`
    ReportingVerbs,
    /// `[listener_verbs]`
    ListenerVerbs,
    /// `[event_verbs]`
    EventVerbs,
    /// `[event_nouns]`
    EventNouns,
    /// `[people_nouns]`
    PeopleNouns,
    /// `[opinion_words]`
    OpinionWords,
    /// `[hedge_words]`
    HedgeWords,
    /// `[superlatives]`
    Superlatives,
    /// `[titles]`
    Titles,
    /// `[org_heads]`
    OrgHeads,
    /// `[media_heads]`
    MediaHeads,
    /// `[media_names]`
    MediaNames,
    /// `[media_cues]`
    MediaCues,
    /// `[place_heads]`
    PlaceHeads,
    /// `[group_words]`
    GroupWords,
    /// `[months]`
    Months,
    /// `[weekdays]`
    Weekdays,
    /// `[not_names]`
    NotNames,
    /// `[boilerplate_lines]`
    BoilerplateLines,
    /// `[trailing_markers]`
    TrailingMarkers,
    /// `[boilerplate_phrases]`
    BoilerplatePhrases,
    /// `[company_suffixes]`
    CompanySuffixes,
    /// `[company_nouns]`
    CompanyNouns,
    /// `[honorifics]`
    Honorifics,
    /// `[post_nominals]`
    PostNominals,
    /// `[org_descriptors]`
    OrgDescriptors,
    /// `[member_nouns]`
    MemberNouns,
    /// `[document_nouns]`
    DocumentNouns,
    /// `[document_verbs]`
    DocumentVerbs,
    /// `[claim_nouns]`
    ClaimNouns,
    /// `[person_roles]`
    PersonRoles,
    /// Every inflection of the `[event_verbs]` (made at start-up, not a section).
    EventForms,
    /// `[duration_units]`
    DurationUnits,
    /// `[plural_numbers]`
    PluralNumbers,
    /// `[age_cues]`
    AgeCues,
    /// `[number_labels]`
    NumberLabels,
    /// `[sibling_modifiers]`
    SiblingModifiers,
    /// `[rolling_classes]`
    RollingClasses,
    /// `[running_cues]` (phrases: see [`Lexicon::phrases`])
    RunningCues,
    /// `[period_phrases]` (phrases: see [`Lexicon::phrases`])
    PeriodPhrases,
    /// `[phrase_boundaries]`
    PhraseBoundaries,
    /// `[countable_classes]`
    CountableClasses,
    /// `[amount_links]`
    AmountLinks,
    /// `[measure_units]`
    MeasureUnits,
    /// `[periodic_classes]`
    PeriodicClasses,
    /// `[difference_words]`
    DifferenceWords,
    /// `[change_classes]`
    ChangeClasses,
}

impl List {
    /// Every list.
    pub const ALL: [List; 49] = [
        List::Abbreviations,
        List::FunctionWords,
        List::ReportingVerbs,
        List::ListenerVerbs,
        List::EventVerbs,
        List::EventNouns,
        List::PeopleNouns,
        List::OpinionWords,
        List::HedgeWords,
        List::Superlatives,
        List::Titles,
        List::OrgHeads,
        List::MediaHeads,
        List::MediaNames,
        List::MediaCues,
        List::PlaceHeads,
        List::GroupWords,
        List::Months,
        List::Weekdays,
        List::NotNames,
        List::BoilerplateLines,
        List::TrailingMarkers,
        List::BoilerplatePhrases,
        List::CompanySuffixes,
        List::CompanyNouns,
        List::Honorifics,
        List::PostNominals,
        List::OrgDescriptors,
        List::MemberNouns,
        List::DocumentNouns,
        List::DocumentVerbs,
        List::ClaimNouns,
        List::PersonRoles,
        List::EventForms,
        List::DurationUnits,
        List::PluralNumbers,
        List::AgeCues,
        List::NumberLabels,
        List::SiblingModifiers,
        List::RollingClasses,
        List::RunningCues,
        List::PeriodPhrases,
        List::PhraseBoundaries,
        List::CountableClasses,
        List::AmountLinks,
        List::MeasureUnits,
        List::PeriodicClasses,
        List::DifferenceWords,
        List::ChangeClasses,
    ];

    /// The section name in the file.
    pub fn section(self) -> &'static str {
        match self {
            List::Abbreviations => "abbreviations",
            List::FunctionWords => "function_words",
            List::ReportingVerbs => "reporting_verbs",
            List::ListenerVerbs => "listener_verbs",
            List::EventVerbs => "event_verbs",
            List::EventNouns => "event_nouns",
            List::PeopleNouns => "people_nouns",
            List::OpinionWords => "opinion_words",
            List::HedgeWords => "hedge_words",
            List::Superlatives => "superlatives",
            List::Titles => "titles",
            List::OrgHeads => "org_heads",
            List::MediaHeads => "media_heads",
            List::MediaNames => "media_names",
            List::MediaCues => "media_cues",
            List::PlaceHeads => "place_heads",
            List::GroupWords => "group_words",
            List::Months => "months",
            List::Weekdays => "weekdays",
            List::NotNames => "not_names",
            List::BoilerplateLines => "boilerplate_lines",
            List::TrailingMarkers => "trailing_markers",
            List::BoilerplatePhrases => "boilerplate_phrases",
            List::CompanySuffixes => "company_suffixes",
            List::CompanyNouns => "company_nouns",
            List::Honorifics => "honorifics",
            List::PostNominals => "post_nominals",
            List::OrgDescriptors => "org_descriptors",
            List::MemberNouns => "member_nouns",
            List::DocumentNouns => "document_nouns",
            List::DocumentVerbs => "document_verbs",
            List::ClaimNouns => "claim_nouns",
            List::PersonRoles => "person_roles",
            List::EventForms => "event forms",
            List::DurationUnits => "duration_units",
            List::PluralNumbers => "plural_numbers",
            List::AgeCues => "age_cues",
            List::NumberLabels => "number_labels",
            List::SiblingModifiers => "sibling_modifiers",
            List::RollingClasses => "rolling_classes",
            List::RunningCues => "running_cues",
            List::PeriodPhrases => "period_phrases",
            List::PhraseBoundaries => "phrase_boundaries",
            List::CountableClasses => "countable_classes",
            List::AmountLinks => "amount_links",
            List::MeasureUnits => "measure_units",
            List::PeriodicClasses => "periodic_classes",
            List::DifferenceWords => "difference_words",
            List::ChangeClasses => "change_classes",
        }
    }

    /// The bit of this list in [`Lexicon::lists_of`].
    pub fn bit(self) -> u64 {
        1u64 << self as u32
    }
}

/// All word lists, by section name.
pub struct Lexicon {
    /// For each word, a bit per list it is in.
    word_lists: FxHashMap<&'static str, u64>,
    /// Every entry of each list, in file order.
    lists: FxHashMap<&'static str, Vec<&'static str>>,
    maps: FxHashMap<&'static str, FxHashMap<&'static str, &'static str>>,
    /// Multi-word qualifiers, longest first, as word lists.
    qualifier_phrases: Vec<(Vec<&'static str>, &'static str)>,
    /// For each `*_classes` section, each word's class.
    classes: FxHashMap<&'static str, FxHashMap<&'static str, &'static str>>,
    /// The entries of phrase lists as word lists, longest first.
    phrases: FxHashMap<&'static str, Vec<Vec<&'static str>>>,
    /// Titles by first letter, for finding misspelt ones.
    titles_by_initial: FxHashMap<char, Vec<&'static str>>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(SOURCE));

pub(crate) const ENGLISH_WORDS: &str = include_str!("../../assets/english-words.txt");

static COMMON_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    ENGLISH_WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
});

pub(crate) const GIVEN_NAMES: &str = include_str!("../../assets/given-names.txt");

static GIVEN: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    GIVEN_NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
});

/// Whether the lower-case `word` is a common given name (`assets/given-names.txt`).
pub fn is_given_name(word: &str) -> bool {
    GIVEN.contains(word)
}

/// Whether the lower-case `word` is a common English word (not a name).
pub fn is_common_word(word: &str) -> bool {
    COMMON_WORDS.contains(word)
}

/// One `key: value` list of the lexicon ([`Lexicon::values`]); empty if the lexicon has
/// no such list.
#[derive(Clone, Copy)]
pub struct Values<'a>(Option<&'a FxHashMap<&'static str, &'static str>>);

impl Values<'_> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.0.and_then(|m| m.get(key).copied())
    }
}

/// The shared lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    fn parse(source: &'static str) -> Self {
        let mut lists: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        let mut maps: FxHashMap<&'static str, FxHashMap<&'static str, &'static str>> =
            FxHashMap::default();
        let mut section = "";
        for line in source.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            if let Some((key, value)) = line.split_once(':') {
                let key = key.trim();
                let entry = maps.entry(section).or_default();
                if section.ends_with(CLASSES_SUFFIX) {
                    for word in value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                        entry.insert(word, key);
                    }
                } else {
                    entry.insert(key, value.trim());
                }
                continue;
            }
            let list = lists.entry(section).or_default();
            list.extend(line.split(',').map(str::trim).filter(|w| !w.is_empty()));
        }
        let mut word_lists: FxHashMap<&'static str, u64> = FxHashMap::default();
        for list in List::ALL {
            for word in lists.get(list.section()).into_iter().flatten() {
                *word_lists.entry(word).or_default() |= list.bit();
            }
        }
        // Inflections are made once and live as long as the lexicon: for the whole run.
        let event_forms: FxHashSet<&'static str> = lists
            .get(List::EventVerbs.section())
            .into_iter()
            .flatten()
            .flat_map(|base| inflections(base))
            .map(|form| &*Box::leak(form.into_boxed_str()))
            .collect();
        for form in &event_forms {
            *word_lists.entry(form).or_default() |= List::EventForms.bit();
        }
        let mut qualifier_phrases: Vec<(Vec<&'static str>, &'static str)> = maps
            .get("qualifiers")
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.split(' ').collect(), *v))
                    .collect()
            })
            .unwrap_or_default();
        qualifier_phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let classes: FxHashMap<&'static str, FxHashMap<&'static str, &'static str>> = maps
            .keys()
            .copied()
            .filter(|name| name.ends_with(CLASSES_SUFFIX))
            .collect::<Vec<_>>()
            .into_iter()
            .filter_map(|name| maps.remove(name).map(|m| (name, m)))
            .collect();
        let phrases = [List::RunningCues, List::PeriodPhrases]
            .into_iter()
            .map(|list| {
                let mut entries: Vec<Vec<&'static str>> = lists
                    .get(list.section())
                    .into_iter()
                    .flatten()
                    .map(|p| p.split(' ').collect())
                    .collect();
                entries.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
                (list.section(), entries)
            })
            .collect();
        let mut titles_by_initial: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        for title in lists.get(List::Titles.section()).into_iter().flatten() {
            if let Some(c) = title.chars().next() {
                titles_by_initial.entry(c).or_default().push(title);
            }
        }
        Self {
            word_lists,
            lists,
            maps,
            qualifier_phrases,
            classes,
            phrases,
            titles_by_initial,
        }
    }

    /// Whether the lower-case `word` is in `list`.
    pub fn has(&self, list: List, word: &str) -> bool {
        self.lists_of(word) & list.bit() != 0
    }

    /// Whether the lower-case `word` is in any of `lists`: one lookup for them all.
    pub fn has_any(&self, lists: &[List], word: &str) -> bool {
        let mask = lists.iter().fold(0, |m, l| m | l.bit());
        self.lists_of(word) & mask != 0
    }

    /// The lists the lower-case `word` is in, one bit each ([`List::bit`]).
    pub fn lists_of(&self, word: &str) -> u64 {
        self.word_lists.get(word).copied().unwrap_or(0)
    }

    /// Every entry of `list`.
    pub fn entries(&self, list: List) -> impl Iterator<Item = &'static str> + '_ {
        self.lists
            .get(list.section())
            .into_iter()
            .flatten()
            .copied()
    }

    /// The value of `key` in the `key: value` list `section`.
    pub fn value(&self, section: &str, key: &str) -> Option<&'static str> {
        self.values(section).get(key)
    }

    /// The `key: value` list `section`, found once for many lookups.
    pub fn values(&self, section: &str) -> Values<'_> {
        Values(self.maps.get(section))
    }

    /// Qualifier phrases as word lists with their meaning, longest first.
    pub fn qualifier_phrases(&self) -> &[(Vec<&'static str>, &'static str)] {
        &self.qualifier_phrases
    }

    /// The event class (`kill`, `injure`, `tax`, ...) of a lower-case word, for families.
    pub fn event_class(&self, word: &str) -> Option<&'static str> {
        self.class_of("event_classes", word)
    }

    /// The class of the lower-case `word` in the `class: words` section `section` (whose
    /// name ends in `_classes`).
    pub fn class_of(&self, section: &str, word: &str) -> Option<&'static str> {
        self.classes.get(section)?.get(word).copied()
    }

    /// The entries of a list of phrases as word lists, longest first.
    pub fn phrases(&self, list: List) -> &[Vec<&'static str>] {
        self.phrases.get(list.section()).map_or(&[], Vec::as_slice)
    }

    /// Whether the lower-case `word` is a title, or a title misspelt by one letter
    /// ("minster" for "minister"; only for words of six letters or more, first letter right).
    pub fn is_title(&self, word: &str) -> bool {
        if self.has(List::Titles, word) {
            return true;
        }
        let n = word.len();
        n >= 6
            && word
                .chars()
                .next()
                .and_then(|c| self.titles_by_initial.get(&c))
                .is_some_and(|titles| {
                    titles
                        .iter()
                        .any(|t| t.len().abs_diff(n) <= 1 && within_one_edit(t, word))
                })
    }

    /// Whether the lower-case `word` is an inflection of an event verb or an event noun.
    pub fn is_event_word(&self, word: &str) -> bool {
        self.lists_of(word) & (List::EventForms.bit() | List::EventNouns.bit()) != 0
    }
}

/// The inflected forms of an English base verb (regular rules plus a few irregular ones).
fn inflections(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string(), format!("{base}s"), format!("{base}es")];
    let stem = base.strip_suffix('e').unwrap_or(base);
    out.push(format!("{stem}ed"));
    out.push(format!("{stem}ing"));
    out.push(format!("{base}d"));
    if let Some(y_stem) = base.strip_suffix('y') {
        out.push(format!("{y_stem}ies"));
        out.push(format!("{y_stem}ied"));
    }
    // doubled final consonant after a short vowel: "plan" -> "planned"
    let b = base.as_bytes();
    if b.len() >= 3 {
        let last = b[b.len() - 1];
        let vowel = |c: u8| b"aeiou".contains(&c);
        if !vowel(last)
            && vowel(b[b.len() - 2])
            && !vowel(b[b.len() - 3])
            && !b"wxy".contains(&last)
        {
            let doubled = format!("{base}{}", last as char);
            out.push(format!("{doubled}ed"));
            out.push(format!("{doubled}ing"));
        }
    }
    const IRREGULAR: [(&str, &[&str]); 24] = [
        ("die", &["died", "dying", "dead"]),
        ("pay", &["paid"]),
        ("sell", &["sold"]),
        ("buy", &["bought"]),
        ("win", &["won"]),
        ("lose", &["lost"]),
        ("rise", &["rose", "risen"]),
        ("fall", &["fell", "fallen"]),
        ("grow", &["grew", "grown"]),
        ("meet", &["met"]),
        ("flee", &["fled"]),
        ("fight", &["fought"]),
        ("build", &["built"]),
        ("withdraw", &["withdrew", "withdrawn"]),
        ("spend", &["spent"]),
        ("shoot", &["shot"]),
        ("strike", &["struck"]),
        ("steal", &["stole", "stolen"]),
        ("lend", &["lent"]),
        ("kill", &["slain", "killers", "killer"]),
        ("sell", &["sold"]),
        ("arm", &["armed"]),
        ("lose", &["lost"]),
        ("stage", &["staged"]),
    ];
    for (verb, forms) in IRREGULAR {
        if verb == base {
            out.extend(forms.iter().map(|f| f.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_titles_are_titles() {
        let lex = lexicon();
        assert!(lex.is_title("minister"));
        assert!(lex.is_title("minster"));
        assert!(lex.is_title("presidnt"));
        assert!(!lex.is_title("mayer"));
        assert!(!lex.is_title("ravanchi"));
    }

    #[test]
    fn sections_parse() {
        let lex = lexicon();
        assert!(lex.has(List::ReportingVerbs, "tweeted"));
        assert!(lex.has(List::FunctionWords, "despite"));
        assert_eq!(lex.value("qualifiers", "as many as"), Some("at most"));
        assert_eq!(lex.value("number_words", "four"), Some("4"));
        assert_eq!(lex.event_class("martyred"), Some("kill"));
        assert_eq!(lex.qualifier_phrases()[0].0.len(), 3);
    }

    #[test]
    fn event_words_match_inflections() {
        let lex = lexicon();
        for word in [
            "killed",
            "killing",
            "bombed",
            "relocated",
            "designated",
            "removed",
            "carried",
            "planted",
            "died",
            "deaths",
        ] {
            assert!(lex.is_event_word(word), "{word}");
        }
        assert!(!lex.is_event_word("beautiful"));
        assert!(!lex.is_event_word("said"));
    }
}
