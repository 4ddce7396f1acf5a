//! Stop-word lists, one data module per language named by ISO 639-2 code.
//!
//! The lists are written by the zan team from grammars of each language: function
//! words (conjunctions, particles, postpositions, pronouns, auxiliaries) that carry no
//! topic. Words are normalised (lower case, `ё`→`е`).

mod kaz;
mod kir;
mod rus;

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
    // Most words are longer than any function word: answered without a search.
    word.len() <= longest(language) && stop_words(language).binary_search(&word).is_ok()
}

/// Byte length of the longest stop word of a language.
fn longest(language: Language) -> usize {
    static LONGEST: std::sync::OnceLock<[usize; Language::ALL.len()]> = std::sync::OnceLock::new();
    let longest = LONGEST.get_or_init(|| {
        Language::ALL.map(|l| stop_words(l).iter().map(|w| w.len()).max().unwrap_or(0))
    });
    Language::ALL.iter().position(|&l| l == language).map_or(usize::MAX, |i| longest[i])
}

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
        // The longest word of each list is still found past the length filter.
        for language in Language::INDEXED {
            let words = stop_words(language);
            if let Some(long) = words.iter().max_by_key(|w| w.len()) {
                assert!(is_stop_word(language, long), "{language}: {long}");
            }
        }
    }
}
