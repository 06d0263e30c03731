//! Loading, extraction, project files and anchors never panic, whatever the input. The
//! tests run in the debug build, where arithmetic overflow panics too.

use std::path::Path;

use claimbench::corpus::{self, Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Settings};
use claimbench::project::{Anchor, Project};
use proptest::prelude::*;

/// A small project as Claimbench writes it, to damage.
fn project_text() -> String {
    let text = "Intro. The army killed 40 people on Monday, officials said. Outro.";
    let mut project = Project::default();
    project
        .annotations
        .push(std::sync::Arc::new(claimbench::project::Annotation {
            anchor: Anchor::new("report", text, 7, 59),
            verdict: Some(claimbench::project::Verdict::False),
            notes: "a note with “quotes” and \\ backslashes".into(),
            references: vec![claimbench::project::Reference {
                url: "https://example.org".into(),
                ..Default::default()
            }],
            ..Default::default()
        }));
    project
        .manual_claims
        .push(Anchor::new("report", text, 0, 6));
    project.actors.renames.insert("a".into(), "B".into());
    project.to_ron()
}

/// How a project file gets damaged: a byte changed, a span cut out, a span repeated,
/// bytes inserted, the end cut off.
#[derive(Clone, Debug)]
enum Damage {
    Set(usize, u8),
    Cut(usize, usize),
    Repeat(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Damage::Cut(i, n)),
        (any::<usize>(), 1usize..80).prop_map(|(i, n)| Damage::Repeat(i, n)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..12)
        )
            .prop_map(|(i, b)| Damage::Insert(i, b)),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match damage {
        Damage::Set(i, b) => {
            let i = at(*i, bytes.len());
            if let Some(x) = bytes.get_mut(i) {
                *x = *b;
            }
        }
        Damage::Cut(i, n) => {
            let i = at(*i, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Damage::Repeat(i, n) => {
            let i = at(*i, bytes.len());
            let end = (i + n).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
        Damage::Insert(i, b) => {
            let i = at(*i, bytes.len() + 1);
            bytes.splice(i..i, b.iter().copied());
        }
        Damage::Truncate(i) => {
            let i = at(*i, bytes.len() + 1);
            bytes.truncate(i);
        }
    }
}

fn extract_text(text: String) {
    let doc = Document::new("d".into(), "d".into(), text, DocumentMeta::default());
    let corpus = Corpus {
        documents: vec![doc],
    };
    let x = extract::extract(
        &corpus,
        &Settings {
            min_score: 0.0,
            parallel: false,
        },
    );
    let text = &corpus.documents[0].text;
    for c in &x.claims {
        assert!(c.start <= c.end && c.end <= text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn damaged_project_files_never_panic(damages in proptest::collection::vec(damage(), 1..6)) {
        let mut bytes = project_text().into_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        let _ = Project::from_bytes(&bytes, Path::new("p.claimbench.ron"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_project_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = Project::from_bytes(&bytes, Path::new("p.claimbench.ron"));
    }

    #[test]
    fn anchors_are_found_on_character_boundaries_or_not_at_all(
        text in "\\PC{0,300}",
        quote in "\\PC{0,60}",
        prefix in "\\PC{0,8}",
        start in any::<usize>(),
    ) {
        let anchor = Anchor { document: "d".into(), quote, prefix, suffix: String::new(), start };
        if let Some(found) = anchor.reattach(&text) {
            prop_assert!(found.start <= found.end && found.end <= text.len());
            prop_assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn one_line_news_with_capitals_and_stray_brackets_never_panics(
        text in "(TEHRAN|[A-Z]{2,10}|[A-Z][a-z]{0,8}|[a-z]{1,8}|[0-9]{1,5}|[()\\[\\]{}]|[ ,.;:!?'\"“”—-]| - |\\(Reuters\\)){0,120}"
    ) {
        extract_text(text);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,600}") {
        extract_text(text);
    }

    #[test]
    fn names_in_letters_of_any_width_never_panic(
        text in "([ȺÉÆŁİẞ][ßæȺⱥéłøıa-z]{1,9}( |, |\\. | said | of |'s |\n)){0,80}"
    ) {
        extract_text(text);
    }

    #[test]
    fn news_like_text_never_panics(
        text in "([A-Z][a-z]{0,8}|[a-z]{1,8}|[0-9]{1,6}(,[0-9]{3})?[k+%]?|U\\.S\\.|Mr\\.|[ ,.;:!?&/()\\[\\]'’\"“”«»—-]|\n){0,200}"
    ) {
        extract_text(text);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2000), name in "[a-z]{1,8}\\.(txt|html|jsonl|md)") {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(&name), &bytes).expect("write");
        if let Ok(loaded) = corpus::load(dir.path()) {
            let _ = extract::extract(&loaded.corpus, &Settings { min_score: 0.0, parallel: false });
        }
    }
}

#[test]
fn a_closing_bracket_before_an_opening_one_in_a_first_line_is_handled() {
    for text in [
        "TEHRAN ) ( - Officials said",
        "TEHRAN ) ( - Officials said 40 people died.\nSecond line.",
        ") (",
        "PARIS, May 6 ) (AFP - x",
    ] {
        extract_text(text.to_string());
    }
}

#[test]
fn a_huge_document_without_punctuation_is_handled() {
    let text = "word Name ".repeat(200_000);
    extract_text(text);
}

#[test]
fn one_very_long_quotation_is_handled() {
    let text = format!("He said, “{}", "It is so. ".repeat(20_000));
    extract_text(text);
}
