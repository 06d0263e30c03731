//! Families and conflicting figures on small articles written for these tests: one test
//! per rule of what makes claims the same claim and figures a conflict.

use claimbench::corpus::{Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Claim, Extraction, Family, Settings};

/// Extracts every sentence of the given articles (`(id, text)`) as a claim.
fn extraction(articles: &[(&str, &str)]) -> Extraction {
    extraction_dated(
        &articles
            .iter()
            .map(|&(id, text)| (id, text, None))
            .collect::<Vec<_>>(),
    )
}

/// Like [`extraction`], with a publication date for each article.
fn extraction_dated(articles: &[(&str, &str, Option<&str>)]) -> Extraction {
    let documents = articles
        .iter()
        .map(|&(id, text, published)| {
            let meta = DocumentMeta {
                published: published.map(str::to_string),
                ..DocumentMeta::default()
            };
            Document::new(id.to_string(), id.to_string(), text.to_string(), meta)
        })
        .collect();
    extract::extract(
        &Corpus { documents },
        &Settings {
            min_score: 0.0,
            parallel: false,
        },
    )
}

fn claim<'a>(x: &'a Extraction, document: &str, words: &str) -> &'a Claim {
    x.claims
        .iter()
        .find(|c| &*c.document == document && c.text.contains(words))
        .unwrap_or_else(|| panic!("no claim in {document} containing {words:?}"))
}

fn family_of<'a>(x: &'a Extraction, document: &str, words: &str) -> Option<&'a Family> {
    let id = claim(x, document, words).family.as_ref()?;
    x.families.iter().find(|f| &f.id == id)
}

fn same_family(x: &Extraction, a: (&str, &str), b: (&str, &str)) -> bool {
    let fa = claim(x, a.0, a.1).family.as_ref();
    fa.is_some() && fa == claim(x, b.0, b.1).family.as_ref()
}

const SALE_A: &str = "Norvik Group sells copper unit\n\n\
    Argon Holdings paid $4.27bn for the copper unit of Norvik Group, the company said on Friday. \
    Norvik Group had put the unit up for sale in March to pay its debts.";
const SALE_B: &str = "Copper unit changes hands\n\n\
    The copper unit of Norvik Group was sold to Argon Holdings for $4.2bn after a long auction. \
    Shareholders of Norvik Group welcomed the decision.";
const SALE_C: &str = "Argon Holdings grows\n\n\
    Argon Holdings bought the Norvik Group copper unit for $4.3bn in a sale that ended months of talks. \
    Its chief executive said the deal would pay for itself.";

#[test]
fn figures_that_agree_within_their_rounding_are_one_claim_and_no_conflict() {
    let x = extraction(&[("a", SALE_A), ("b", SALE_B), ("c", SALE_C)]);
    assert!(same_family(&x, ("a", "$4.27bn"), ("b", "$4.2bn")));
    assert!(same_family(&x, ("a", "$4.27bn"), ("c", "$4.3bn")));
    let family = family_of(&x, "a", "$4.27bn").expect("a family");
    assert!(!family.conflict && !family.update, "{family:?}");
    assert_eq!(family.values, [4.2e9, 4.27e9, 4.3e9]);
    assert!(family.label.contains("N"), "{}", family.label);
}

#[test]
fn figures_that_cannot_both_be_true_are_a_conflict() {
    let a = "Dam collapse in Varnia\n\n\
        The collapse of the Kessel dam in Varnia killed 1,200 people in 1998, the Varnia Red Cross says.";
    let b = "Varnia remembers the dam\n\n\
        Officials in Varnia say the collapse of the Kessel dam in 1998 killed 3,400 people.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(same_family(&x, ("a", "1,200"), ("b", "3,400")));
    let family = family_of(&x, "a", "1,200").expect("a family");
    assert!(family.conflict && !family.update, "{family:?}");
    assert!(family.label.contains("killed N people"), "{}", family.label);
}

#[test]
fn a_growing_count_reported_again_is_an_update() {
    let a = "Floods in Varnia\n\n\
        Floods in the Varnia lowlands have killed 120 people, the Varnia Red Cross said.";
    let b = "Varnia flood toll rises\n\n\
        The death toll from floods in the Varnia lowlands has risen to 340 people, the Varnia Red Cross said.";
    let x = extraction(&[("a", a), ("b", b)]);
    let family = family_of(&x, "a", "120").expect("a family");
    assert!(same_family(&x, ("a", "120"), ("b", "340")));
    assert!(family.update && !family.conflict, "{family:?}");
    // The same counts without a word of counting so far, on different dates.
    let a = "Floods in Varnia\n\nFloods in the Varnia lowlands killed 120 people, the Varnia Red Cross said.";
    let b = "Floods in Varnia\n\nFloods in the Varnia lowlands killed 340 people, the Varnia Red Cross said.";
    let x = extraction_dated(&[("a", a, Some("2024-05-01")), ("b", b, Some("2024-05-04"))]);
    let family = family_of(&x, "a", "120").expect("a family");
    assert!(family.update && !family.conflict, "{family:?}");
}

#[test]
fn one_frame_about_different_subjects_is_different_claims() {
    let a = "Orlan Bank fined\n\n\
        Orlan Bank has agreed to pay a $30m fine to settle charges brought by the Finance Authority.";
    let b = "Castell Foods fined\n\n\
        Castell Foods has agreed to pay a $5m fine to settle charges brought by the Finance Authority.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(!same_family(&x, ("a", "$30m"), ("b", "$5m")));
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn ages_list_markers_scores_and_names_are_not_compared() {
    let a = "Writer dies\n\n\
        Novelist Jan Brook, who has died at the age of 84, wrote thirty books. \
        Leeds Rovers beat Hull 3-1 on Saturday, and 2) the match was shown on BBC Two.";
    let b = "Painter dies\n\n\
        Painter Ada Lind, who has died at the age of 91, wrote thirty books. \
        Leeds Rovers beat York 4-0 on Saturday, and 5) the match was shown on BBC Four.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
    let ages: Vec<&Family> = x
        .families
        .iter()
        .filter(|f| f.values.contains(&84.0) || f.values.contains(&91.0))
        .collect();
    assert!(ages.is_empty(), "{ages:?}");
}

#[test]
fn sibling_figures_of_one_story_are_not_a_conflict() {
    let a = "Auction ends\n\n\
        Argon Holdings paid 52bn roubles for the Telsk oil unit at the auction. \
        Argon Holdings paid above the auction start price of 47bn roubles for the Telsk oil unit.";
    let b = "Telsk oil unit sold\n\n\
        Argon Holdings paid 52bn roubles for the Telsk oil unit, the auctioneers said.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(same_family(&x, ("a", "paid 52bn"), ("b", "paid 52bn")));
    assert!(!same_family(&x, ("a", "47bn"), ("b", "paid 52bn")));
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
    // One voice giving two figures of one frame tells two figures of one story.
    let c = "Argon sues\n\n\
        Argon Holdings is suing the Telsk government for $8bn in damages. \
        Argon Holdings is also suing the Telsk oil unit for $2bn in damages.";
    let d = "Argon goes to court\n\nArgon Holdings is suing the Telsk government for $8bn.";
    let e = "Argon sues the unit\n\nArgon Holdings is suing the Telsk oil unit for $2bn.";
    let x = extraction(&[("c", c), ("d", d), ("e", e)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn figures_for_different_periods_are_different_claims() {
    let a = "Results\n\nMarlow Bank made a profit of $2.1bn in 2003, its chief executive said.";
    let b = "Results\n\nMarlow Bank made a profit of $3.4bn in 2004, its chief executive said.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(!same_family(&x, ("a", "$2.1bn"), ("b", "$3.4bn")));
    // Without a period, profits reported in two articles may be for different years.
    let a = "Results\n\nMarlow Bank made a profit of $2.1bn, its chief executive said.";
    let b = "Results\n\nMarlow Bank made a profit of $3.4bn, its chief executive said.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn amounts_are_compared_in_a_currency_both_give() {
    let a = "Sale\n\nArgon Holdings paid 260bn roubles ($9.37bn; £4.8bn) for the Telsk oil unit.";
    let b = "Sale\n\nArgon Holdings paid $9.3bn for the Telsk oil unit, the auctioneers said.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(same_family(&x, ("a", "260bn"), ("b", "$9.3bn")));
    let family = family_of(&x, "a", "260bn").expect("a family");
    assert_eq!(family.values, [9.3e9, 9.37e9]);
    assert!(!family.conflict, "{family:?}");
}

#[test]
fn a_difference_between_figures_is_not_a_figure_of_the_story() {
    let a = "Rebate\n\nThe Marlow council offered pensioners a £200 rebate on their council tax this week.";
    let b = "Rebate row\n\n\
        The Marlow council tax rebate for pensioners was £300 less than the rival party offered this week.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
    assert!(
        x.families.iter().all(|f| !f.values.contains(&300.0)),
        "{:?}",
        x.families
    );
}

#[test]
fn options_in_a_list_are_not_asserted_figures() {
    let a = "Striker not for sale\n\n\
        \"It doesn't matter if Castell offer £30m, £40m or £50m for Orlan, we will not sell,\" said Ivo Marek.";
    let b = "Castell bid rumours\n\n\
        Ivo Marek has dismissed reports that Castell will bid £35m for Orlan.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn an_amount_named_by_its_own_noun_is_not_a_figure_of_a_nearby_event() {
    let a = "Budget\n\n\
        Finance minister Ivo Marek said he had a £6bn surplus and that public borrowing would fall.";
    let b = "Loan plan\n\n\
        Finance minister Ivo Marek wants to borrow £9bn on the markets for the Telsk railway.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(!same_family(&x, ("a", "£6bn"), ("b", "£9bn")));
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn large_counts_of_things_are_compared_and_small_ones_are_not() {
    let a = "Net cafes in Varnia\n\n\
        All 110,000 net cafes in Varnia must use software that filters websites, the Varnia ministry said.";
    let b = "Varnia filters the web\n\n\
        All 60,000 net cafes in Varnia must use software that filters websites, the Varnia ministry said.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(same_family(&x, ("a", "110,000"), ("b", "60,000")));
    let family = family_of(&x, "a", "110,000").expect("a family");
    assert!(family.conflict, "{family:?}");
    // Three DJs chosen for one show and two sacked from another are not a disagreement.
    let a = "Radio\n\nVarnia Radio said the three DJs were chosen for their knowledge of music.";
    let b = "Radio\n\nVarnia Radio sacked the two DJs after complaints about their late show.";
    let x = extraction(&[("a", a), ("b", b)]);
    assert!(x.families.iter().all(|f| !f.conflict), "{:?}", x.families);
}

#[test]
fn figures_of_sentences_that_name_nothing_are_not_a_conflict() {
    // Two articles on one maker's products: "it" is a different product in each.
    let a = "Kestrel Games hails its racing title\n\n\
        Kestrel Games released its racing title in March. \
        It has sold 7.2 million copies worldwide.";
    let b = "Kestrel Games puzzle title is a hit\n\n\
        Kestrel Games released its puzzle title in June. \
        Since then the game has sold 2.1 million copies, most of them in Europe.";
    let x = extraction(&[("a", a), ("b", b)]);
    for (document, words) in [("a", "7.2 million"), ("b", "2.1 million")] {
        assert!(
            family_of(&x, document, words).is_none_or(|f| !f.conflict),
            "{document}: {:?}",
            family_of(&x, document, words)
        );
    }
    // Sentences that name what they count do disagree.
    let a =
        "Racer sales\n\nSkyline Racer has sold 7.2 million copies since March, Kestrel Games said.";
    let b =
        "Racer sales\n\nSkyline Racer has sold 2.1 million copies since March, Kestrel Games said.";
    let x = extraction(&[("a", a), ("b", b)]);
    let family = family_of(&x, "a", "7.2 million");
    assert!(family.is_some_and(|f| f.conflict), "{family:?}");
}
