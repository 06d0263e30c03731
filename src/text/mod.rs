//! Text analysis that knows nothing of claims: tokens, word lists, sentences, quotations.

pub mod lexicon;
pub mod segment;
pub mod token;
pub mod words;
