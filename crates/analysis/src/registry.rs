//! The one registry of zan's named analyzers. Schema, indexer, query parsing, snippets
//! and tests all go through [`register_analyzers`] and the name constants here.
//!
//! Every analyzer starts with [`ZanTokenizer`] (split, drop invisibles, normalise), then:
//!
//! | name | steps after the tokenizer |
//! |---|---|
//! | [`RU_ANALYZER`] | Russian stop words, Snowball Russian stemmer |
//! | [`KK_ANALYZER`] | Kazakh stop words, Kazakh stemmer |
//! | [`KY_ANALYZER`] | Kyrgyz stop words, Kyrgyz stemmer |
//! | [`OTHER_ANALYZER`] | none (lower case only) |
//! | [`FOLDED_ANALYZER`] | Kazakh/Kyrgyz letters folded to Russian ones |
//!
//! Stop words are removed before stemming, because lists hold surface forms.

use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

use crate::normalize::fold_turkic;
use crate::stopwords::is_stop_word;
use crate::term_filter::{TermFilter, TermStep};
use crate::tokenizer::ZanTokenizer;
use crate::Language;

/// Analyzer of Russian text.
pub const RU_ANALYZER: &str = "zan_ru";
/// Analyzer of Kazakh text.
pub const KK_ANALYZER: &str = "zan_kk";
/// Analyzer of Kyrgyz text.
pub const KY_ANALYZER: &str = "zan_ky";
/// Analyzer of text in any other language: normalised words, no stemming.
pub const OTHER_ANALYZER: &str = "zan_other";
/// Analyzer of the language-blind `folded` field.
pub const FOLDED_ANALYZER: &str = "zan_folded";

/// Returns the analyzer name for the field of a language.
pub fn analyzer_name(language: Language) -> &'static str {
    match language.indexed() {
        Language::Ru => RU_ANALYZER,
        Language::Kk => KK_ANALYZER,
        Language::Ky => KY_ANALYZER,
        _ => OTHER_ANALYZER,
    }
}

/// Drops the stop words of a language.
#[derive(Clone, Copy)]
pub struct StopWordStep(pub Language);

impl TermStep for StopWordStep {
    fn apply(&self, term: &mut String) -> bool {
        !is_stop_word(self.0, term)
    }
}

/// Replaces a word by its stem in a language; words with digits are kept as they are.
#[derive(Clone, Copy)]
pub struct StemStep(pub Language);

impl TermStep for StemStep {
    fn apply(&self, term: &mut String) -> bool {
        *term = stem(self.0, term);
        true
    }
}

/// Folds Kazakh and Kyrgyz letters to Russian ones (see [`fold_turkic`]).
#[derive(Clone, Copy)]
pub struct FoldStep;

impl TermStep for FoldStep {
    fn apply(&self, term: &mut String) -> bool {
        fold_turkic(term);
        true
    }
}

/// Returns the stem of a normalised word in a language. Words with digits and words in
/// languages without a stemmer come back unchanged.
pub fn stem(language: Language, word: &str) -> String {
    if word.chars().any(|c| c.is_numeric()) {
        return word.to_owned();
    }
    match language {
        Language::Ru => crate::russian::stem(word),
        Language::Kk => crate::kazakh::stem(word),
        Language::Ky => crate::kyrgyz::stem(word),
        Language::Tr | Language::En | Language::Other => word.to_owned(),
    }
}

/// Builds the analyzer of a language's field.
pub fn language_analyzer(language: Language) -> TextAnalyzer {
    match language.indexed() {
        Language::Other => TextAnalyzer::builder(ZanTokenizer::default()).build(),
        indexed => TextAnalyzer::builder(ZanTokenizer::default())
            .filter(TermFilter(StopWordStep(indexed)))
            .filter(TermFilter(StemStep(indexed)))
            .build(),
    }
}

/// Builds the analyzer of the `folded` field.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ZanTokenizer::default()).filter(TermFilter(FoldStep)).build()
}

/// Registers every zan analyzer under its name.
pub fn register_analyzers(manager: &TokenizerManager) {
    for language in Language::INDEXED {
        manager.register(analyzer_name(language), language_analyzer(language));
    }
    manager.register(FOLDED_ANALYZER, folded_analyzer());
}

/// Returns the terms an analyzer produces for a text, in order.
pub fn analyze_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// Returns the terms the index stores for a text in a language.
pub fn analyze(language: Language, text: &str) -> Vec<String> {
    analyze_with(&mut language_analyzer(language), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_russian_analyzer_stems_and_drops_stop_words() {
        assert_eq!(
            analyze(Language::Ru, "О бюджете города"),
            analyze(Language::Ru, "бюджет городу")
        );
    }

    #[test]
    fn test_folded_analyzer_meets_russian_keyboard() {
        let mut folded = folded_analyzer();
        assert_eq!(analyze_with(&mut folded, "Қалалық мәслихат"), ["калалык", "маслихат"]);
    }

    #[test]
    fn test_registered_names_resolve() {
        let manager = TokenizerManager::default();
        register_analyzers(&manager);
        for name in [RU_ANALYZER, KK_ANALYZER, KY_ANALYZER, OTHER_ANALYZER, FOLDED_ANALYZER] {
            assert!(manager.get(name).is_some(), "{name} is not registered");
        }
    }
}
