//! zan-analysis: everything zan does to text between extraction and the index.
//!
//! - [`normalize`]: one place for case, `ё`, invisible characters, look-alike letters.
//! - [`Words`] and [`ZanTokenizer`]: words with byte offsets into the original text.
//! - [`detect`]: the language of a paragraph or a short query (ru, kk, ky, tr, en, other).
//! - stemmers: Russian (Snowball), Kazakh and Kyrgyz (the project's own).
//! - [`register_analyzers`]: the named tantivy analyzers every other crate uses.
//! - [`Glossary`]: the team's legal glossary ru ↔ kk ↔ ky, for search across languages.
//! - [`transliterate`]: Kazakh and Kyrgyz typed in Latin letters, read back into Cyrillic.
//!
//! ```
//! use zan_analysis::{analyze, detect, Language};
//!
//! assert_eq!(detect("Бюджет города на 2024 год"), Language::Ru);
//! assert_eq!(analyze(Language::Ru, "бюджета"), analyze(Language::Ru, "бюджет"));
//! ```
#![warn(missing_docs)]

mod detection;
mod glossary;
pub mod kazakh;
pub mod kyrgyz;
mod language;
pub mod normalize;
mod one_pass;
mod registry;
pub mod russian;
mod stem_memo;
mod stopwords;
mod term_filter;
mod tokenizer;
pub mod transliterate;
mod turkic;

pub use detection::{
    detect, detect_document, detect_with_scores, held_out, ky_sentence_split, langid_split,
    Detection, DocumentLanguages, LangidSplit, AMBIGUOUS_MARGIN, KY_BLOCK,
};
pub use glossary::{
    Glossary, GlossaryEntry, GlossaryError, GlossaryMatch, GlossaryTerm, GLOSSARY_LANGUAGES,
};
pub use language::{Language, UnknownLanguage};
pub use registry::{
    analyze, analyze_with, analyzer_name, folded_analyzer, language_analyzer, register_analyzers,
    root, root_analyzer, root_analyzer_name, stem, FoldStep, PrefixStep, StemStep, StopWordStep,
    FOLDED_ANALYZER, KK_ANALYZER, KK_ROOT_ANALYZER, KY_ANALYZER, KY_ROOT_ANALYZER, OTHER_ANALYZER,
    ROOT_LANGUAGES, ROOT_PREFIX_CHARS, RU_ANALYZER,
};
pub use stopwords::{is_stop_word, stop_words};
pub use term_filter::{TermFilter, TermStep};
pub use tokenizer::{Word, Words, ZanTokenizer, MAX_TOKEN_BYTES};

/// Loads what analysis loads on first use (the language model, the Russian dictionary,
/// the glossary),
/// so that a server's first search does not wait for it.
pub fn warm_up() {
    let _ = detect("Қала бюджеті туралы шешім");
    let _ = stem(Language::Ru, "бюджета");
    let _ = Glossary::builtin();
}
