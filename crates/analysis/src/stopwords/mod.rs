//! Stop-word lists, one data module per language named by ISO 639-2 code.
//!
//! The lists are written by the zan team from grammars of each language: function
//! words (conjunctions, particles, postpositions, pronouns, auxiliaries) that carry no
//! topic. Words are normalised (lower case, `ё`→`е`).

mod kaz;
mod kir;
mod rus;

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::registry::WordHasher;
use crate::Language;

/// Returns the stop words of a language, sorted (binary search).
pub fn stop_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::Ru => rus::STOP_WORDS,
        Language::Kk => kaz::STOP_WORDS,
        Language::Ky => kir::STOP_WORDS,
        Language::Tr | Language::En | Language::Other => &[],
    }
}

/// Returns true if `word` (normalised) is a stop word of `language`.
pub fn is_stop_word(language: Language, word: &str) -> bool {
    let sets = SETS.get_or_init(|| Language::ALL.map(StopSet::new));
    let Some(set) = Language::ALL.iter().position(|&l| l == language).map(|i| &sets[i]) else {
        return false;
    };
    // Most words are longer than any function word: answered without a look-up.
    word.len() <= set.longest && set.words.contains(word)
}

/// The stop words of one language as a hash set (one hash and at most a comparison or
/// two per word, where the binary search compared about eight strings).
struct StopSet {
    words: HashSet<&'static str, BuildHasherDefault<WordHasher>>,
    /// Byte length of the longest stop word.
    longest: usize,
}

impl StopSet {
    fn new(language: Language) -> StopSet {
        let words = stop_words(language);
        StopSet {
            words: words.iter().copied().collect(),
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }
}

static SETS: OnceLock<[StopSet; Language::ALL.len()]> = OnceLock::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_lists_are_sorted_and_normalised() {
        for language in Language::INDEXED {
            let words = stop_words(language);
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{language}: {:?} must sort before {:?}",
                    pair[0],
                    pair[1]
                );
            }
            for word in words {
                assert_eq!(*word, crate::normalize::normalize_word(word), "{language}: {word}");
            }
        }
    }

    #[test]
    fn test_function_words_are_stopped() {
        assert!(is_stop_word(Language::Ru, "и"));
        assert!(!is_stop_word(Language::Ru, "бюджет"));
        // Every listed word is found past the length filter; no list, no stop words.
        for language in Language::INDEXED {
            for word in stop_words(language) {
                assert!(is_stop_word(language, word), "{language}: {word}");
            }
        }
        assert!(!is_stop_word(Language::Other, "и"));
    }
}
