//! Kazakh stemming (first cut: identity; the suffix stripper lands with issue 4).

/// Returns the stem of a normalised Kazakh word.
pub fn stem(word: &str) -> String {
    word.to_owned()
}
