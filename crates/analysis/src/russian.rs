//! Russian stemming: the Snowball Russian algorithm.
//!
//! Input is a normalised word (lower case, `ё` already folded to `е`, which Snowball
//! treats alike).

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

/// Returns the stem of a normalised Russian word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_inflections_share_a_stem() {
        assert_eq!(stem("бюджета"), stem("бюджет"));
        assert_eq!(stem("бюджетом"), stem("бюджет"));
        assert_eq!(stem("постановления"), stem("постановление"));
    }
}
