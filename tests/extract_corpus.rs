//! Outcomes of the extraction on the bundled corpus.

use claimbench::corpus;
use claimbench::extract::{self, Actor, ActorKind, Claim, Extraction, Settings};

fn extraction(min_score: f32) -> Extraction {
    let loaded = corpus::load(&claimbench::bundled_corpus_path()).expect("bundled corpus loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    extract::extract(
        &loaded.corpus,
        &Settings {
            min_score,
            parallel: true,
        },
    )
}

fn actor_named<'a>(x: &'a Extraction, name: &str) -> &'a Actor {
    x.actors
        .iter()
        .find(|a| a.name == name || a.aliases.iter().any(|n| n == name))
        .unwrap_or_else(|| panic!("no actor named {name}"))
}

fn claim_containing<'a>(x: &'a Extraction, document_prefix: &str, words: &str) -> &'a Claim {
    x.claims
        .iter()
        .find(|c| c.document.starts_with(document_prefix) && c.text.contains(words))
        .unwrap_or_else(|| panic!("no claim in {document_prefix} containing {words:?}"))
}

#[test]
fn the_organisation_s_names_and_acronyms_are_one_actor() {
    let x = extraction(0.0);
    let org = actor_named(&x, "MKO");
    assert_eq!(org.kind, ActorKind::Organization);
    for name in [
        "MEK",
        "MKO",
        "Mujahedin-e Khalq Organization",
        "Mujahadin-e Khalq",
        "Mujahedin Khalq Organization",
    ] {
        assert!(
            org.name == name || org.aliases.iter().any(|a| a == name),
            "{name} missing from {org:?}"
        );
    }
    // Mentioned in every article.
    let documents: std::collections::HashSet<_> =
        org.mentions.iter().map(|m| &m.document).collect();
    assert_eq!(documents.len(), 5);
}

#[test]
fn a_surname_joins_the_full_name() {
    let x = extraction(0.0);
    let mousavi = actor_named(&x, "Mousavi");
    assert_eq!(mousavi.name, "Abbas Mousavi");
    assert_eq!(mousavi.kind, ActorKind::Person);
    assert!(mousavi.mentions.len() >= 3);
    let rajavi = actor_named(&x, "Rajavi");
    assert_eq!(rajavi.name, "Maryam Rajavi");
    // Joined spelling of a split name in the same article.
    assert_eq!(
        actor_named(&x, "Takhtravanchi").name,
        "Majid Takht Ravanchi"
    );
}

#[test]
fn people_who_share_a_first_name_stay_apart() {
    let x = extraction(0.0);
    let ids: std::collections::HashSet<&str> = [
        "Mohammad Javad Zarif",
        "Mohammad Beheshti",
        "Mohammad Ali Rajaei",
        "Mohammad Javad Bahonar",
    ]
    .iter()
    .map(|n| actor_named(&x, n).id.as_str())
    .collect();
    assert_eq!(ids.len(), 4);
}

#[test]
fn both_spellings_of_the_spokesman_are_one_actor() {
    let x = extraction(0.0);
    let a = actor_named(&x, "Nasser Kanaani");
    let b = actor_named(&x, "Nasser Kan'ani");
    assert_eq!(a.id, b.id);
    assert_eq!(a.kind, ActorKind::Person);
}

#[test]
fn country_forms_are_one_country() {
    let x = extraction(0.0);
    let us = actor_named(&x, "U.S.");
    assert_eq!(us.name, "United States");
    assert_eq!(us.kind, ActorKind::Country);
    for form in ["US", "American", "America"] {
        assert!(us.aliases.iter().any(|a| a == form), "{form}");
    }
}

#[test]
fn the_casualty_claims_form_one_conflicting_family() {
    let x = extraction(extract::DEFAULT_MIN_SCORE);
    let family_of = |doc: &str, words: &str| claim_containing(&x, doc, words).family.clone();
    let family = family_of("000_", "17,000 deaths").expect("in a family");
    for (doc, words) in [
        ("001_", "killing about 17,000 Iranians"),
        ("002_", "more than 17,000 Iranian citizens"),
        ("003_", "17,161 Iranian citizens"),
        ("003_", "more than 12,000 Iranian civilians"),
        ("004_", "as many as 12,000 Iranians"),
    ] {
        assert_eq!(family_of(doc, words).as_ref(), Some(&family), "{words}");
    }
    let f = x
        .families
        .iter()
        .find(|f| f.id == family)
        .expect("family listed");
    assert!(f.conflict, "{f:?}");
    for value in [12000.0, 17000.0, 17161.0] {
        assert!(
            f.values.contains(&value),
            "{value} missing from {:?}",
            f.values
        );
    }
    assert!(f.label.contains("killed"), "{}", f.label);
    // A figure that agrees with its neighbour ("over 70" and "72") is no conflict.
    let senior = family_of("000_", "72senior figures").expect("in a family");
    assert_ne!(senior, family);
    let senior = x.families.iter().find(|f| f.id == senior).expect("listed");
    assert!(!senior.conflict);
    assert_eq!(senior.values, [70.0, 72.0]);
}

#[test]
fn boilerplate_is_never_a_claim() {
    let x = extraction(0.0);
    for furniture in [
        "Your Comment",
        "Related posts",
        "licensed under",
        "NA/PA",
        "Modena",
        "Thirst for blood",
        "July 10, 2019",
    ] {
        assert!(
            !x.claims.iter().any(|c| c.text.contains(furniture)),
            "{furniture:?} became a claim"
        );
    }
    // The dateline is not part of the claim it introduces.
    assert!(!x.claims.iter().any(|c| c.text.starts_with("TEHRAN")));
}

#[test]
fn quoted_claims_carry_their_speakers() {
    let x = extraction(0.0);
    let speaker = |doc: &str, words: &str| {
        let id = claim_containing(&x, doc, words)
            .speaker
            .clone()
            .unwrap_or_default();
        x.actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        speaker("000_", "Their blood on terrorist MEK"),
        "Abbas Mousavi",
        "he added"
    );
    assert_eq!(speaker("000_", "10000+Iranians"), "Abbas Mousavi");
    assert_eq!(
        speaker("000_", "MEK is by all means a terror cult"),
        "Foreign Ministry"
    );
    assert_eq!(
        speaker("000_", "Europe is home to this rogue entity"),
        "Foreign Ministry",
        "continued quote"
    );
    assert_eq!(speaker("000_", "the ministry added"), "Foreign Ministry");
    assert_eq!(
        speaker("001_", "The recent move of some politically-bankrupt"),
        "Nasser Kanaani",
        "he added"
    );
    assert_eq!(
        speaker("001_", "What does Human Rights"),
        "Nasser Kanaani",
        "the Iranian official"
    );
    assert_eq!(
        speaker("002_", "this does not diminish the fact"),
        "Nasser Kanaani",
        "the spokesman concluded"
    );
    assert_eq!(
        speaker("003_", "He added that Iran has been a victim"),
        "Majid Takht Ravanchi"
    );
    assert_eq!(
        speaker("003_", "Even though terrorists"),
        "Majid Takht Ravanchi",
        "quoted as saying"
    );
    assert_eq!(
        speaker("003_", "Europeans, including Denmark"),
        "Mohammad Javad Zarif"
    );
    assert_eq!(
        speaker("004_", "the British daily The Guardian"),
        "Guardian"
    );
    // The document itself asserts plain narration.
    assert_eq!(
        claim_containing(&x, "000_", "established in the 1960s").speaker,
        None
    );
    // "Press TV quoted X as saying": the medium is kept.
    let via = claim_containing(&x, "003_", "Even though terrorists")
        .via
        .clone()
        .unwrap_or_default();
    assert_eq!(actor_named(&x, "Press TV").id, via);
}

#[test]
fn figures_keep_values_and_qualifiers() {
    let x = extraction(0.0);
    let figure = |doc: &str, words: &str, text: &str| {
        claim_containing(&x, doc, words)
            .numbers
            .iter()
            .find(|n| n.text == text)
            .cloned()
            .unwrap_or_else(|| panic!("{text} not found"))
    };
    assert_eq!(figure("004_", "killed 12k", "12k").value, 12000.0);
    let plus = figure("000_", "10000+", "10000+");
    assert_eq!(
        (plus.value, plus.qualifier.as_deref()),
        (10000.0, Some("+"))
    );
    let over = figure("000_", "killed over 70", "70");
    assert_eq!(over.qualifier.as_deref(), Some("over"));
    assert_eq!(figure("000_", "72senior", "72").value, 72.0);
    let money = figure("004_", "$200 million", "200 million");
    assert_eq!(
        (money.value, money.qualifier.as_deref()),
        (200e6, Some("almost"))
    );
    let year = figure("000_", "In 2012", "2012");
    assert_eq!(year.kind, extract::FigureKind::Year);
}

#[test]
fn scores_are_explained_and_opinion_scores_low() {
    let x = extraction(0.0);
    for c in &x.claims {
        assert!((0.0..=1.0).contains(&c.score));
        let sum: f32 = c.features.iter().map(|f| f.weight).sum();
        assert!(
            (sum.clamp(0.0, 1.0) - c.score).abs() < 0.011,
            "{}: {sum} vs {}",
            c.id,
            c.score
        );
    }
    let rhetoric = claim_containing(&x, "000_", "Their blood on terrorist MEK");
    assert!(rhetoric.score < extract::DEFAULT_MIN_SCORE);
    let question = claim_containing(&x, "001_", "What does Human Rights");
    assert!(question.score < extract::DEFAULT_MIN_SCORE);
    let fact = claim_containing(&x, "000_", "17,000 deaths");
    assert!(fact.score >= 0.8);
}

#[test]
fn document_metadata_is_found() {
    let x = extraction(0.5);
    let doc = |prefix: &str| {
        x.documents
            .iter()
            .find(|d| d.id.starts_with(prefix))
            .expect("document")
    };
    assert_eq!(
        doc("003_").meta.title.as_deref(),
        Some("Iran says U.S. has close cooperation with MKO")
    );
    assert_eq!(doc("003_").meta.published.as_deref(), Some("2019-07-10"));
    assert_eq!(doc("003_").meta.dateline.as_deref(), Some("TEHRAN"));
    assert_eq!(doc("001_").meta.outlet.as_deref(), Some("Mehr News Agency"));
    assert_eq!(
        doc("001_").meta.title,
        None,
        "a one-line article has no title line"
    );
}

#[test]
fn single_thread_and_parallel_agree_and_ids_are_stable() {
    let loaded = corpus::load(&claimbench::bundled_corpus_path()).expect("loads");
    let run = |parallel| {
        extract::extract(
            &loaded.corpus,
            &Settings {
                min_score: 0.0,
                parallel,
            },
        )
    };
    let a = run(true);
    let b = run(false);
    assert_eq!(a, b);
    assert_eq!(a, run(true));
}

#[test]
fn byte_offsets_point_at_the_text() {
    let loaded = corpus::load(&claimbench::bundled_corpus_path()).expect("loads");
    let x = extract::extract(
        &loaded.corpus,
        &Settings {
            min_score: 0.0,
            parallel: true,
        },
    );
    for c in &x.claims {
        let doc = loaded.corpus.document(&c.document).expect("document");
        assert_eq!(&doc.text[c.start..c.end], c.text);
    }
    for a in &x.actors {
        for m in a.mentions.iter() {
            let doc = loaded.corpus.document(&m.document).expect("document");
            assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
            assert!(m.start < m.end);
        }
    }
}

#[test]
fn a_corpus_given_away_extracts_as_one_lent() {
    let loaded = corpus::load(&claimbench::bundled_corpus_path()).expect("bundled corpus loads");
    let settings = Settings::default();
    let lent = extract::extract(&loaded.corpus, &settings);
    let given =
        extract::extract_corpus_scored_by(loaded.corpus, &settings, extract::score::model());
    assert!(!given.claims.is_empty());
    assert_eq!(given, lent);
}
