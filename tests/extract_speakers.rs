//! Attribution forms on small texts written for these tests: who asserts each claim, and
//! no speaker where the text does not say.

use claimbench::corpus::{Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Extraction, Settings};

fn extract_text(text: &str) -> Extraction {
    let documents = vec![Document::new(
        "d0".into(),
        "d0.txt".into(),
        text.to_string(),
        DocumentMeta::default(),
    )];
    extract::extract(
        &Corpus { documents },
        &Settings {
            min_score: 0.0,
            parallel: false,
        },
    )
}

/// The speaker's actor name of the claim holding `words`.
fn speaker_of(x: &Extraction, words: &str) -> Option<String> {
    let claim = x
        .claims
        .iter()
        .find(|c| c.text.contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no claim with {words:?} in {:?}",
                x.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
            )
        });
    let id = claim.speaker.as_ref()?;
    x.actors
        .iter()
        .find(|a| &a.id == id)
        .map(|a| a.name.clone())
}

const OPENING: &str = "Oil prices rose sharply on Monday in London trading. ";

#[test]
fn titled_surname_before_and_after_the_verb() {
    let text = format!(
        "{OPENING}Foreign Secretary Jack Straw met the envoys. \
         Mr Straw said the talks had cost 40 million pounds so far. \
         The treasury will borrow 12 billion pounds next year, said Mr Straw."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "40 million").as_deref(), Some("Jack Straw"));
    assert_eq!(speaker_of(&x, "12 billion").as_deref(), Some("Jack Straw"));
}

#[test]
fn told_a_programme_is_the_speaker_not_the_broadcaster() {
    let text = format!(
        "{OPENING}Kenneth Clarke told BBC Radio 4's Today programme that 300 jobs would go by March."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "300 jobs").as_deref(),
        Some("Kenneth Clarke")
    );
}

#[test]
fn a_person_named_after_their_organisation() {
    let text = format!(
        "{OPENING}\"At least 200 people were detained without charge,\" said Human Rights Watch's Brad Adams."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "200 people").as_deref(), Some("Brad Adams"));
}

#[test]
fn according_to_a_document_is_not_the_country_beside_it() {
    let text = format!(
        "{OPENING}According to a 2001 memo, France paid 3 million dollars to the contractors."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "3 million dollars"), None);
}

#[test]
fn according_to_a_person() {
    let text =
        format!("{OPENING}Exports fell by 8% in the first quarter, according to Maria Lopez.");
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "fell by 8%").as_deref(), Some("Maria Lopez"));
}

#[test]
fn a_pronoun_continues_the_last_speaker() {
    let text = format!(
        "{OPENING}Sarah Jennings said the firm had sold 5,000 homes in 2004. \
         She expects sales of 7,000 homes this year."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "5,000 homes").as_deref(),
        Some("Sarah Jennings")
    );
    assert_eq!(
        speaker_of(&x, "7,000 homes").as_deref(),
        Some("Sarah Jennings")
    );
}

#[test]
fn narration_about_a_person_has_no_speaker() {
    let text = format!("{OPENING}Peter Hall was fined 20,000 pounds by the court in 2003.");
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "20,000 pounds"), None);
}

#[test]
fn the_speaker_is_who_asserts_not_who_it_is_about() {
    let text =
        format!("{OPENING}Anna Berg said Tom Fisher had taken 2 million dollars from the fund.");
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "2 million").as_deref(), Some("Anna Berg"));
}

#[test]
fn a_spokesman_speaks_for_the_organisation() {
    let text =
        format!("{OPENING}A spokesman for Shell said 1,200 barrels had leaked from the pipeline.");
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "1,200 barrels").as_deref(), Some("Shell"));
}

#[test]
fn a_quotation_tagged_after_it() {
    let text = format!(
        "{OPENING}\"We will cut 4,000 jobs over two years,\" the chief executive, Linda Moss, said."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "4,000 jobs").as_deref(), Some("Linda Moss"));
}
