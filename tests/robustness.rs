//! Loading and extraction never panic, whatever the input.

use claimbench::corpus::{self, Corpus, Document, DocumentMeta};
use claimbench::extract::{self, Settings};
use proptest::prelude::*;

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
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,600}") {
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
fn a_huge_document_without_punctuation_is_handled() {
    let text = "word Name ".repeat(200_000);
    extract_text(text);
}

#[test]
fn one_very_long_quotation_is_handled() {
    let text = format!("He said, “{}", "It is so. ".repeat(20_000));
    extract_text(text);
}
