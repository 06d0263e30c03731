//! Name forms on small texts written for these tests: what is a name, where it ends, and
//! what kind of actor it is.

use claimbench::corpus::{Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Actor, ActorKind, Extraction, Settings};

fn extract_texts(texts: &[&str]) -> Extraction {
    let documents = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::new(
                format!("d{i}"),
                format!("d{i}.txt"),
                (*t).to_string(),
                DocumentMeta::default(),
            )
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

/// The texts of every mention of every actor, with the actor's kind.
fn mentions(x: &Extraction, texts: &[&str]) -> Vec<(String, ActorKind)> {
    let mut out = Vec::new();
    for a in &x.actors {
        for m in a.mentions.iter() {
            let d: usize = m.document[1..].parse().expect("doc id");
            out.push((texts[d][m.start..m.end].to_string(), a.kind));
        }
    }
    out
}

fn actor<'a>(x: &'a Extraction, name: &str) -> &'a Actor {
    x.actors
        .iter()
        .find(|a| a.name == name || a.aliases.iter().any(|n| n == name))
        .unwrap_or_else(|| {
            panic!(
                "no actor {name}: {:?}",
                x.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
            )
        })
}

#[test]
fn initials_belong_to_the_name_and_make_it_a_person() {
    let texts = [
        "The inquiry was led by Robert S. Mueller III and the report quoted J. Benjamin at length.",
    ];
    let x = extract_texts(&texts);
    let found = mentions(&x, &texts);
    assert!(
        found.contains(&("Robert S. Mueller III".to_string(), ActorKind::Person)),
        "{found:?}"
    );
    assert!(
        found.contains(&("J. Benjamin".to_string(), ActorKind::Person)),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(n, _)| n == "J" || n == "S"),
        "{found:?}"
    );
}

#[test]
fn several_particles_stand_inside_a_name() {
    let texts =
        ["The flanker Joost van der Westhuizen scored twice, and Luis de la Fuente watched."];
    let found = mentions(&extract_texts(&texts), &texts);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Joost van der Westhuizen"), "{names:?}");
    assert!(names.contains(&"Luis de la Fuente"), "{names:?}");
}

#[test]
fn a_day_or_month_after_a_name_is_not_part_of_it() {
    let texts = [
        "He told the network CNBC Friday that rates would rise, as Parliament March debates go on.",
    ];
    let found = mentions(&extract_texts(&texts), &texts);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"CNBC"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Friday")), "{names:?}");
}

#[test]
fn a_company_form_closes_the_name_before_of() {
    let texts = [
        "The cars were made by Kia Motors Corp of South Korea, while the Bank of England watched.",
    ];
    let x = extract_texts(&texts);
    let found = mentions(&x, &texts);
    assert!(
        found.contains(&("Kia Motors Corp".to_string(), ActorKind::Organization)),
        "{found:?}"
    );
    assert!(found.iter().any(|(n, _)| n == "South Korea"), "{found:?}");
    assert!(
        found.iter().any(|(n, _)| n == "Bank of England"),
        "{found:?}"
    );
}

#[test]
fn an_adjective_tells_what_a_sentence_is_about_but_names_nothing() {
    let texts = ["Iranian officials said 40 people died in the north of Iran on Monday."];
    let x = extract_texts(&texts);
    let iran = actor(&x, "Iran");
    let named: Vec<&str> = iran
        .mentions
        .iter()
        .map(|m| &texts[0][m.start..m.end])
        .collect();
    assert_eq!(named, ["Iran"], "the adjective is not a mention");
    let claim = &x.claims[0];
    assert!(claim.about.contains(&iran.id) || claim.speaker.as_ref() == Some(&iran.id));
}

#[test]
fn names_in_a_table_of_results_are_teams() {
    let texts = ["Results on Saturday:\nBrentwick 2 Harlowvale 1\nDunmore 0 Castlegate 3\n"];
    let found = mentions(&extract_texts(&texts), &texts);
    for team in ["Brentwick", "Harlowvale", "Dunmore", "Castlegate"] {
        assert!(
            found.contains(&(team.to_string(), ActorKind::Organization)),
            "{team}: {found:?}"
        );
    }
}

#[test]
fn a_word_the_language_does_not_have_opening_a_sentence_is_a_name() {
    let texts = ["Ulsterville beat the visitors by nine wickets. Meanwhile the rain stopped."];
    let found = mentions(&extract_texts(&texts), &texts);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Ulsterville"), "{names:?}");
    assert!(!names.contains(&"Meanwhile"), "{names:?}");
}

#[test]
fn a_country_in_brackets_after_a_name_marks_a_person() {
    let texts = [
        "1. Tomas Verhelst ( Belgium ) 54.62 seconds\n2. Arto Kallinen ( Finland ) 54.68 seconds\n",
    ];
    let found = mentions(&extract_texts(&texts), &texts);
    assert!(
        found.contains(&("Tomas Verhelst".to_string(), ActorKind::Person)),
        "{found:?}"
    );
}

/// Whether one actor carries both names.
fn together(x: &Extraction, a: &str, b: &str) -> bool {
    let has = |actor: &Actor, n: &str| actor.name == n || actor.aliases.iter().any(|x| x == n);
    x.actors.iter().any(|actor| has(actor, a) && has(actor, b))
}

#[test]
fn title_phrases_are_stripped_and_titled_forms_kept_as_aliases() {
    let texts = [
        "Shadow Home Secretary Daniel Ashworth said the bill was flawed. Lord Penhale, the minister, disagreed, and Mr Ashworth replied.",
    ];
    let x = extract_texts(&texts);
    let ashworth = actor(&x, "Daniel Ashworth");
    assert_eq!(ashworth.kind, ActorKind::Person);
    assert!(
        ashworth.aliases.iter().any(|a| a == "Mr Ashworth"),
        "{ashworth:?}"
    );
    let penhale = actor(&x, "Penhale");
    assert!(penhale.aliases.iter().any(|a| a == "Lord Penhale") || penhale.name == "Lord Penhale");
    assert!(
        !x.actors.iter().any(|a| a.name.contains("Shadow")),
        "{:?}",
        x.actors
    );
}

#[test]
fn letters_after_a_name_are_stripped_and_make_it_a_person() {
    let texts = ["The barrister Alan Firth QC resigned on Monday. Mr Firth said he had no choice."];
    let x = extract_texts(&texts);
    let firth = actor(&x, "Alan Firth");
    assert_eq!(firth.kind, ActorKind::Person);
    assert!(together(&x, "Alan Firth", "Firth"));
}

#[test]
fn a_nickname_and_initials_name_the_same_person() {
    let texts =
        ["The inquiry of Robert S. Kessler III went on. Critics said Bob Kessler was conflicted."];
    let x = extract_texts(&texts);
    assert!(
        together(&x, "Robert S. Kessler III", "Bob Kessler"),
        "{:?}",
        x.actors
    );
}

#[test]
fn a_father_s_name_after_bin_is_no_surname() {
    let texts = [
        "King Faisal met Crown Prince Abdullah bin Faisal on Monday. Prince Abdullah said the talks went well, and King Faisal agreed.",
    ];
    let x = extract_texts(&texts);
    assert!(
        !together(&x, "King Faisal", "Abdullah bin Faisal"),
        "{:?}",
        x.actors
    );
    assert!(
        !together(&x, "Faisal", "Abdullah bin Faisal"),
        "{:?}",
        x.actors
    );
    assert!(
        together(&x, "Prince Abdullah", "Abdullah bin Faisal"),
        "{:?}",
        x.actors
    );
}

#[test]
fn a_first_name_with_a_title_is_not_someone_else_s_first_name() {
    let texts =
        ["Charles Denholm led the party for years. Prince Charles visited the school on Friday."];
    let x = extract_texts(&texts);
    assert!(
        !together(&x, "Charles Denholm", "Prince Charles"),
        "{:?}",
        x.actors
    );
}

#[test]
fn one_letter_spelling_slips_and_clipped_names_join() {
    let texts = [
        "Ian MacLeish resigned. Later Ian McLeish said more.",
        "The oil firm Nordvikneftegas was sold. Nordvik had been its heart, and Nordvikneftegaz paid.",
    ];
    let x = extract_texts(&texts);
    assert!(
        together(&x, "Ian MacLeish", "Ian McLeish"),
        "{:?}",
        x.actors
    );
    assert!(together(&x, "Nordvik", "Nordvikneftegas"), "{:?}", x.actors);
    assert!(
        together(&x, "Nordvikneftegas", "Nordvikneftegaz"),
        "{:?}",
        x.actors
    );
}

#[test]
fn acronyms_of_initials_and_names_in_another_word_order_join() {
    let texts = [
        "The National Inspection Board published its report. The NIB found delays, and the Ministry of Transport said the MoT would reply.",
        "Fenwick Group said it would appeal. Group Fenwick owns half of the firm.",
    ];
    let x = extract_texts(&texts);
    assert!(
        together(&x, "NIB", "National Inspection Board"),
        "{:?}",
        x.actors
    );
    assert!(
        together(&x, "MoT", "Ministry of Transport"),
        "{:?}",
        x.actors
    );
    assert!(
        together(&x, "Fenwick Group", "Group Fenwick"),
        "{:?}",
        x.actors
    );
}

#[test]
fn a_country_s_government_is_the_country() {
    let texts =
        ["Missiles were sent by the Government of the Islamic Republic of Iran, the report said."];
    let x = extract_texts(&texts);
    assert!(
        together(&x, "Iran", "Islamic Republic of Iran"),
        "{:?}",
        x.actors
    );
}

#[test]
fn people_sharing_a_first_name_or_surname_across_documents_stay_apart() {
    let texts = [
        "Michael Harwood said the tax would rise. Harwood spoke in London.",
        "Singer George Michael released a record. Michael said he was happy.",
        "Tim Harwood scored twice. Harwood was named man of the match.",
    ];
    let x = extract_texts(&texts);
    assert!(
        !together(&x, "Michael Harwood", "George Michael"),
        "{:?}",
        x.actors
    );
    assert!(
        !together(&x, "Michael Harwood", "Tim Harwood"),
        "{:?}",
        x.actors
    );
    assert!(
        !x.actors.iter().any(|a| a.name.starts_with("Singer")),
        "{:?}",
        x.actors
    );
}

#[test]
fn organizations_named_with_common_words_or_numbers_are_found() {
    let texts = [
        "A spokeswoman for Human Rights Watch said it was wrong. Barry Hale, a spokesman for the campaign group Liberty, told BBC Radio 4's Today programme it was unfair. According to the Independent, more will resign. Emmanuel Roux of Shearman and Sterling said the claim stood.",
    ];
    let x = extract_texts(&texts);
    let kind = |n: &str| actor(&x, n).kind;
    assert_eq!(kind("Human Rights Watch"), ActorKind::Organization);
    assert_eq!(kind("Liberty"), ActorKind::Organization);
    assert_eq!(kind("BBC Radio 4"), ActorKind::Media);
    assert_eq!(kind("Independent"), ActorKind::Media);
    actor(&x, "Shearman and Sterling");
}

/// The names of every actor and its aliases.
fn all_names(x: &Extraction) -> Vec<&str> {
    x.actors
        .iter()
        .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
        .map(String::as_str)
        .collect()
}

#[test]
fn pronouns_with_contracted_endings_are_no_names() {
    let texts = [
        "\"Unfortunately I'm not fit,\" said the striker from Bexhill. I'd hoped to play. We've lost, and Don't Panic was the slogan.",
        "Marion O'Keefe said she would stay. O'Keefe was tired.",
    ];
    let x = extract_texts(&texts);
    let names = all_names(&x);
    for bad in ["I'm", "Unfortunately I'm", "I'd", "We've", "Don't"] {
        assert!(!names.contains(&bad), "{bad}: {names:?}");
    }
    assert!(together(&x, "Marion O'Keefe", "O'Keefe"), "{names:?}");
}

#[test]
fn acronyms_of_different_letters_or_case_stay_apart() {
    let texts = [
        "The Bexhill Commerce Council (BCC) met on Monday.",
        "The BBC said the BCC was wrong.",
        "Let Us Dance was a hit in the US, and PCs sold well, the PCS union said.",
    ];
    let x = extract_texts(&texts);
    assert!(!together(&x, "BBC", "BCC"), "{:?}", x.actors);
    assert!(
        together(&x, "BCC", "Bexhill Commerce Council"),
        "{:?}",
        x.actors
    );
    assert!(!together(&x, "PCs", "PCS"), "{:?}", x.actors);
    assert!(!all_names(&x).contains(&"Us"), "{:?}", x.actors);
}

#[test]
fn an_acronym_in_brackets_names_only_what_its_letters_fit() {
    let texts = [
        "Viewers can watch internet protocol TV (IPTV) now. The seed Marcus Delane (US) won, and the Kurdistan Workers Party (PKK) replied.",
    ];
    let x = extract_texts(&texts);
    assert!(!together(&x, "TV", "IPTV"), "{:?}", x.actors);
    assert!(!together(&x, "Marcus Delane", "US"), "{:?}", x.actors);
    assert!(
        together(&x, "Kurdistan Workers Party", "PKK"),
        "{:?}",
        x.actors
    );
}

#[test]
fn common_nouns_written_as_acronyms_or_feasts_are_no_actors() {
    let texts = [
        "Sales of TV sets, DVDs and PCs rose before Christmas, while GDP fell. The MPs voted, and the Dunmore Group said sales of DVD players were flat.",
    ];
    let x = extract_texts(&texts);
    let names = all_names(&x);
    for bad in ["TV", "DVDs", "PCs", "Christmas", "GDP", "MPs", "DVD"] {
        assert!(!names.contains(&bad), "{bad}: {names:?}");
    }
    actor(&x, "Dunmore Group");
}

#[test]
fn a_body_before_its_members_is_an_organization() {
    let texts = [
        "Tarrant MPs voted against the bill. A Tarrant spokesman said it was wrong, and Tarrant MP Jane Pellow resigned. Tarrant said in Tarrant circles the mood was grim.",
    ];
    let x = extract_texts(&texts);
    assert_eq!(actor(&x, "Tarrant").kind, ActorKind::Organization);
    assert_eq!(actor(&x, "Jane Pellow").kind, ActorKind::Person);
    assert!(!together(&x, "Tarrant", "Jane Pellow"), "{:?}", x.actors);
    assert!(
        !all_names(&x).iter().any(|n| n.contains("MP")),
        "{:?}",
        x.actors
    );
}

#[test]
fn an_office_s_body_and_a_word_before_an_honorific_are_cut_from_the_name() {
    let texts = [
        "Chancellor of the Exchequer Gordon Penrose set out his plans. Analysing Mr Penrose's speech, critics were cool.",
    ];
    let x = extract_texts(&texts);
    let penrose = actor(&x, "Gordon Penrose");
    assert_eq!(penrose.kind, ActorKind::Person);
    assert!(
        together(&x, "Gordon Penrose", "Mr Penrose"),
        "{:?}",
        x.actors
    );
    assert!(
        !all_names(&x)
            .iter()
            .any(|n| n.contains("Exchequer") || n.contains("Analysing")),
        "{:?}",
        x.actors
    );
}

#[test]
fn a_name_before_a_hyphen_ends_with_its_capitalized_head() {
    let texts = [
        "The Costa Rica-based firm and the New York-born singer met officials of the \
         Northern Low-cost Carriers Association, and a CBS-owned station filmed it.",
    ];
    let found = mentions(&extract_texts(&texts), &texts);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Costa Rica"), "{names:?}");
    assert!(names.contains(&"New York"), "{names:?}");
    assert!(
        names.contains(&"Northern Low-cost Carriers Association"),
        "{names:?}"
    );
    assert!(names.contains(&"CBS"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| matches!(*n, "Costa" | "Rica" | "York")),
        "{names:?}"
    );
}

#[test]
fn one_letter_alone_is_no_name() {
    let texts = ["Northgate sold its C and D series to AT&T, which wants 3G phones and R&B music."];
    let found = mentions(&extract_texts(&texts), &texts);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(!names.iter().any(|n| n.chars().count() == 1), "{names:?}");
    assert!(names.contains(&"Northgate"), "{names:?}");
}

#[test]
fn a_first_name_and_a_surname_that_are_words_are_a_person() {
    let texts = [
        "Microsoft's founder spoke. Yesterday Bill Gates opened the show, and Jack Straw \
         said it mattered. Gates said 9,000 people came.",
    ];
    let x = extract_texts(&texts);
    assert_eq!(actor(&x, "Bill Gates").kind, ActorKind::Person);
    assert_eq!(actor(&x, "Jack Straw").kind, ActorKind::Person);
    assert!(
        actor(&x, "Bill Gates").aliases.iter().any(|a| a == "Gates"),
        "{:?}",
        actor(&x, "Bill Gates").aliases
    );
}
