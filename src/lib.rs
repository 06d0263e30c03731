//! Claimbench: a workbench for checking the claims in a corpus of news articles.
//!
//! The library holds everything but the window: loading a corpus ([`corpus`]), text
//! analysis ([`text`]), claim and actor extraction ([`extract`]) and exports
//! ([`export`]). The desktop app (`app`, with the default `gui` feature) is a thin layer
//! over it.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod project;
pub mod text;
pub mod workspace;

/// The folder of the corpus that ships with Claimbench: `corpus/` in the source tree, or
/// beside the executable.
pub fn bundled_corpus_path() -> std::path::PathBuf {
    let source_tree = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    if source_tree.is_dir() {
        return source_tree;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("corpus")))
        .unwrap_or(source_tree)
}
