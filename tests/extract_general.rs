//! Extraction on articles unlike the bundled corpus (floods, an election), written for
//! these tests: the rules must hold for any English news.

use claimbench::corpus;
use claimbench::extract::{self, ActorKind, Extraction, Settings};

fn extraction() -> Extraction {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/general");
    let loaded = corpus::load(&path).expect("loads");
    extract::extract(
        &loaded.corpus,
        &Settings {
            min_score: 0.0,
            parallel: false,
        },
    )
}

fn actor<'a>(x: &'a Extraction, name: &str) -> &'a extract::Actor {
    x.actors
        .iter()
        .find(|a| a.name == name || a.aliases.iter().any(|n| n == name))
        .unwrap_or_else(|| panic!("no actor {name}"))
}

fn speaker_of(x: &Extraction, words: &str) -> Option<String> {
    let claim = x
        .claims
        .iter()
        .find(|c| c.text.contains(words))
        .unwrap_or_else(|| panic!("{words}"));
    let id = claim.speaker.as_ref()?;
    x.actors
        .iter()
        .find(|a| &a.id == id)
        .map(|a| a.name.clone())
}

#[test]
fn names_acronyms_and_middle_names() {
    let x = extraction();
    assert_eq!(actor(&x, "Lula").name, "Luiz Inacio Lula da Silva");
    assert_eq!(actor(&x, "Leite").name, "Eduardo Leite");
    assert_eq!(actor(&x, "PSD").name, "Social Democratic Party");
    assert_eq!(actor(&x, "INMET").name, "National Institute of Meteorology");
    let region = actor(&x, "Rio Grande do Sul");
    assert_eq!(region.mentions.len(), 2, "one actor across both articles");
    assert_eq!(actor(&x, "Portuguese").name, "Portugal");
    assert_eq!(actor(&x, "Portugal").kind, ActorKind::Country);
}

#[test]
fn speakers_including_carried_over_and_unnamed() {
    let x = extraction();
    assert_eq!(
        speaker_of(&x, "worst climate disaster").as_deref(),
        Some("Eduardo Leite")
    );
    assert_eq!(
        speaker_of(&x, "more than 4,000 soldiers").as_deref(),
        Some("Eduardo Leite"),
        "he added"
    );
    assert_eq!(
        speaker_of(&x, "war scenario").as_deref(),
        Some("Eduardo Leite"),
        "the governor said"
    );
    assert_eq!(
        speaker_of(&x, "spare no effort").as_deref(),
        Some("Luiz Inacio Lula da Silva")
    );
    assert_eq!(
        speaker_of(&x, "rainfall reached 300 mm").as_deref(),
        Some("National Institute of Meteorology")
    );
    assert_eq!(speaker_of(&x, "have spoken").as_deref(), Some("Rui Rio"));
    // "state officials said" names nobody.
    assert_eq!(speaker_of(&x, "death toll from floods"), None);
}

#[test]
fn figures_families_and_metadata() {
    let x = extraction();
    let toll = x
        .families
        .iter()
        .find(|f| f.values.contains(&83.0) && f.values.contains(&75.0))
        .expect("the two death tolls form a family");
    // "At least 83" on Monday and "about 75" by an earlier count are the toll at two times.
    assert!(toll.update && !toll.conflict, "{toll:?}");
    let turnout = x
        .claims
        .iter()
        .find(|c| c.text.starts_with("Turnout"))
        .expect("claim");
    let kinds: Vec<_> = turnout.numbers.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            extract::FigureKind::Percent,
            extract::FigureKind::Percent,
            extract::FigureKind::Year
        ]
    );
    let flood = x.documents.iter().find(|d| d.id == "flood").expect("doc");
    assert_eq!(flood.meta.dateline.as_deref(), Some("PORTO ALEGRE"));
    assert_eq!(flood.meta.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        flood.meta.title.as_deref(),
        Some("Floods kill dozens in southern Brazil")
    );
}
