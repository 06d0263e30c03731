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

/// The claim holding `words`.
fn claim_with<'a>(x: &'a Extraction, words: &str) -> &'a extract::Claim {
    x.claims
        .iter()
        .find(|c| c.text.contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no claim with {words:?} in {:?}",
                x.claims.iter().map(|c| &c.text).collect::<Vec<_>>()
            )
        })
}

/// The name of the actor with id `id`.
fn actor_name(x: &Extraction, id: Option<&String>) -> Option<String> {
    let id = id?;
    x.actors
        .iter()
        .find(|a| &a.id == id)
        .map(|a| a.name.clone())
}

/// The speaker's actor name of the claim holding `words`.
fn speaker_of(x: &Extraction, words: &str) -> Option<String> {
    actor_name(x, claim_with(x, words).speaker.as_ref())
}

/// The medium's actor name of the claim holding `words`.
fn via_of(x: &Extraction, words: &str) -> Option<String> {
    actor_name(x, claim_with(x, words).via.as_ref())
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

#[test]
fn a_quotation_introduced_by_a_colon_runs_over_its_unmarked_paragraphs() {
    let text = format!(
        "{OPENING}\nAs the Daily Record's Tom Walsh explained:\n\
         “The ministry cited a report in its claim that 400 clinics had closed.\n\
         Of course, the report counted 12 closures in 2019.\n\
         The world may never know.”\n\
         The ministry denied that 3,000 nurses had left."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "400 clinics").as_deref(), Some("Tom Walsh"));
    assert_eq!(speaker_of(&x, "12 closures").as_deref(), Some("Tom Walsh"));
    assert_eq!(speaker_of(&x, "3,000 nurses"), None);
}

#[test]
fn an_introduced_quotation_never_closed_holds_its_paragraph_and_the_next() {
    let text = format!(
        "{OPENING}\nAccording to Tom Walsh:\n\
         “Rather than the 400 clinics the ministry claimed, only 12 closed.\n\
         The report was written by 30 officials in 2019.\n\
         Anna Berg said the report was fine and cost 2 million pounds."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "only 12").as_deref(), Some("Tom Walsh"));
    assert_eq!(speaker_of(&x, "30 officials").as_deref(), Some("Tom Walsh"));
    assert_eq!(speaker_of(&x, "2 million").as_deref(), Some("Anna Berg"));
}

#[test]
fn a_closing_tag_names_who_reports_all_before_it() {
    let text = format!(
        "{OPENING}The barrister who had represented Mr Patel had said 40 cases were \"weighted\" \
         in favour of the owner, said Mr Evans."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "40 cases").as_deref(), Some("Evans"));
}

#[test]
fn but_insisted_goes_on_with_the_sentences_speaker() {
    let text = format!(
        "{OPENING}Lord Hale, Minister for Transport, said he was \"disappointed with the 30% rise\", \
         but insisted that the Rail Agency had \"undertaken a huge amount of work\"."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "30% rise").as_deref(), Some("Hale"));
}

#[test]
fn a_surname_that_is_also_a_word_speaks_at_a_sentence_start() {
    let text = format!(
        "{OPENING}Prime Minister Gordon Brown spoke in Leeds.\n\
         Brown has said he would impose 25% tariffs if talks fail."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "25% tariffs").as_deref(),
        Some("Gordon Brown")
    );
}

#[test]
fn a_countrys_government_is_the_country_and_its_argument_its_claim() {
    let text = format!(
        "{OPENING}The Polish government's argument for selling the mine was that Norvik owed \
         more than $2bn in back taxes."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "$2bn").as_deref(), Some("Poland"));
    let poland = x
        .actors
        .iter()
        .find(|a| a.name == "Poland")
        .expect("Poland");
    assert!(
        poland.aliases.iter().any(|a| a == "Polish government"),
        "{:?}",
        poland.aliases
    );
}

#[test]
fn a_clause_after_the_last_comma_that_reports_is_no_closing_tag() {
    let text = format!(
        "{OPENING}But Jane Hollis, a spokesman for the campaign group Liberty, told Radio 4's \
         Today programme that 30 more lawyers may go.\n\
         \"I can assure you that 12 more may resign,\" she said."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "30 more").as_deref(), Some("Jane Hollis"));
    assert_eq!(speaker_of(&x, "12 more").as_deref(), Some("Jane Hollis"));
}

#[test]
fn an_unclosed_introduced_quotation_stops_after_one_more_paragraph() {
    let text = format!(
        "{OPENING}\nAccording to Tom Walsh:\n\
         “Rather than 400 clinics, only 12 closed.\n\
         Turnout was 40% in the first round.\n\
         Prices rose 3% in May across the region."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "only 12").as_deref(), Some("Tom Walsh"));
    assert_eq!(
        speaker_of(&x, "Turnout was 40%").as_deref(),
        Some("Tom Walsh")
    );
    assert_eq!(speaker_of(&x, "Prices rose 3%"), None);
}

#[test]
fn a_clause_after_the_last_comma_is_no_tag_when_it_opens_as_a_clause() {
    let text = format!(
        "{OPENING}Maria Lopez said unemployment fell to 4%, a figure the ministry denies.\n\
         Peter Hall said the tax would rise by 2%, while Anna Berg claimed it would fall.\n\
         \"Prices will fall by 5%,\" Maria Lopez said, though Anna Berg warned otherwise."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "fell to 4%").as_deref(), Some("Maria Lopez"));
    assert_eq!(speaker_of(&x, "rise by 2%").as_deref(), Some("Peter Hall"));
    assert_eq!(speaker_of(&x, "fall by 5%").as_deref(), Some("Maria Lopez"));
}

#[test]
fn a_name_with_and_in_it_still_tags_its_quotation() {
    let text = format!(
        "{OPENING}\"Sales fell by 3% in the spring. We will recover by 2026,\" Marks and Spencer said."
    );
    let x = extract_text(&text);
    // However the name is cut, the tag after "and" is found for the whole quotation.
    let first = speaker_of(&x, "fell by 3%");
    assert!(
        first.as_deref().is_some_and(|s| s.contains("Spencer")),
        "{first:?}"
    );
    assert_eq!(first, speaker_of(&x, "recover by 2026"));
}

#[test]
fn a_stray_opening_mark_does_not_swallow_the_paragraphs_after_it() {
    let text = format!(
        "{OPENING}\nHe called the 2019 plan a “disaster for 300 towns.\n\
         Anna Berg said 40 stations would close.\n\
         The council spent 12 million pounds on roads.\n\
         Tom Walsh said the figure was 15 million pounds, ” he added."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "40 stations").as_deref(), Some("Anna Berg"));
    assert_eq!(speaker_of(&x, "12 million"), None);
}

#[test]
fn a_role_noun_goes_back_to_the_person_it_introduced() {
    let text = format!(
        "{OPENING}Health minister Anna Berg said 400 clinics would close by 2026.\n\
         Hospital director Sofia Marquez said the plan would cost 3 million pounds.\n\
         The hospital director added that 5 percent of beds would go."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "5 percent").as_deref(),
        Some("Sofia Marquez")
    );
    let marquez = x
        .actors
        .iter()
        .find(|a| a.name == "Sofia Marquez")
        .expect("an actor");
    assert_eq!(marquez.kind, extract::ActorKind::Person);
}

#[test]
fn told_a_news_agency_after_an_appositive_is_said_by_the_person() {
    let text = format!(
        "{OPENING}\"Costs will rise by 15% this year,\" Helen Marsh, an economist with \
         Northgate Bank, told Reuters. \"Sales fell by 4% in May,\" Tom Baird, from Keller \
         Labs, told the BBC news website."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "15%").as_deref(), Some("Helen Marsh"));
    assert_eq!(via_of(&x, "15%").as_deref(), Some("Reuters"));
    assert_eq!(speaker_of(&x, "4% in May").as_deref(), Some("Tom Baird"));
}

#[test]
fn a_person_named_before_their_role_of_an_organisation_speaks() {
    let text = format!(
        "{OPENING}Anna Pryce, managing partner of Holt Weir said the firm would pay 2 million pounds."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "2 million pounds").as_deref(),
        Some("Anna Pryce")
    );
}

#[test]
fn an_indefinite_subject_is_nobody_the_text_names() {
    let text = format!(
        "{OPENING}Former Delcom boss Peter Hall knew of the 9 million dollar loss, a witness \
         has told jurors. Maria Lopez said sales had doubled in 2004. An industry analyst \
         said the sector would shed 4,000 jobs."
    );
    let x = extract_text(&text);
    assert_eq!(speaker_of(&x, "9 million dollar"), None);
    assert_eq!(
        speaker_of(&x, "doubled in 2004").as_deref(),
        Some("Maria Lopez")
    );
    assert_eq!(speaker_of(&x, "4,000 jobs"), None);
}

#[test]
fn an_indefinite_phrase_before_a_comma_is_no_subject() {
    let text = format!(
        "{OPENING}Maria Lopez, a banker who has held talks with Delcom over a possible bond \
         sale, said the club needs 50 million pounds."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "50 million pounds").as_deref(),
        Some("Maria Lopez")
    );
}

#[test]
fn two_appositives_after_a_person_leave_the_person_speaking() {
    let text = format!(
        "{OPENING}\"Demand will double by 2010,\" Tom Baird, from Keller's Austin \
         Laboratories, one of the pioneers of the format, told the BBC news website."
    );
    let x = extract_text(&text);
    assert_eq!(
        speaker_of(&x, "double by 2010").as_deref(),
        Some("Tom Baird")
    );
}
