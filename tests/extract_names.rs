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
        for m in &a.mentions {
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
