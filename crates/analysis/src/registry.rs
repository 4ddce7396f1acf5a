//! The one registry of zan's named analyzers. Schema, indexer, query parsing, snippets
//! and tests all go through [`register_analyzers`] and the name constants here.
//!
//! Every analyzer starts with [`ZanTokenizer`] (split, drop invisibles, normalise), then:
//!
//! | name | steps after the tokenizer |
//! |---|---|
//! | [`RU_ANALYZER`] | Russian stop words, lemma from the bundled dictionary |
//! | [`KK_ANALYZER`] | Kazakh stop words, Kazakh stemmer |
//! | [`KY_ANALYZER`] | Kyrgyz stop words, Kyrgyz stemmer |
//! | [`OTHER_ANALYZER`] | none (lower case only) |
//! | [`FOLDED_ANALYZER`] | Kazakh/Kyrgyz letters folded to Russian ones |
//! | [`KK_ROOT_ANALYZER`], [`KY_ROOT_ANALYZER`] | stop words, the stemmer, then the stem cut to [`ROOT_PREFIX_CHARS`] letters |
//! | [`RU_ROOT_ANALYZER`] | Russian stop words, Snowball stem without a fleeting vowel |
//!
//! The root analyzers serve a second, weaker field for Kazakh and Kyrgyz: the stemmers
//! keep derivational suffixes (`неандертальдық` is its own word), while a searcher
//! asking about `неандертальдықтар` also wants the passage on `неандерталь`. Cutting an
//! agglutinative stem to its first five letters is the classic way to conflate a
//! derivational family (it is the best fixed prefix for Turkish in the literature).
//! Russian gets one too: its main field holds lemmas, which keep a noun and the
//! participle of its verb apart (`утверждение`, `утвержденный` → `утвердить`), and its
//! root field holds Snowball stems, which join them (`утвержден`).
//!
//! Stop words are removed before stemming, because lists hold surface forms.

use std::hash::Hasher;

use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

use crate::normalize::{fold_turkic, is_cyrillic};
use crate::one_pass::{recording_analyzer, replaying_folded_analyzer, replaying_root_analyzer};
use crate::stem_memo::{memo_number, pair_memo_number, with_memo};
use crate::stopwords::is_stop_word;
use crate::term_filter::{TermFilter, TermStep};
use crate::tokenizer::ZanTokenizer;
use crate::Language;

/// Analyzer of Russian text.
pub const RU_ANALYZER: &str = "zan_ru_lemma";
/// Analyzer of Kazakh text.
pub const KK_ANALYZER: &str = "zan_kk";
/// Analyzer of Kyrgyz text.
pub const KY_ANALYZER: &str = "zan_ky";
/// Analyzer of text in any other language: normalised words, no stemming.
pub const OTHER_ANALYZER: &str = "zan_other";
/// Analyzer of the language-blind `folded` field.
pub const FOLDED_ANALYZER: &str = "zan_folded";

/// Analyzer of the Kazakh root field.
pub const KK_ROOT_ANALYZER: &str = "zan_kk_root";
/// Analyzer of the Kyrgyz root field.
pub const KY_ROOT_ANALYZER: &str = "zan_ky_root";
/// Analyzer of the Russian root field.
pub const RU_ROOT_ANALYZER: &str = "zan_ru_root";
/// Letters kept of a stem in the root fields.
pub const ROOT_PREFIX_CHARS: usize = 5;
/// The languages that have a root field, in the order of the schema's root fields.
pub const ROOT_LANGUAGES: [Language; 3] = [Language::Kk, Language::Ky, Language::Ru];

/// Returns the root analyzer's name for a language that has a root field.
pub fn root_analyzer_name(language: Language) -> Option<&'static str> {
    match language {
        Language::Kk => Some(KK_ROOT_ANALYZER),
        Language::Ky => Some(KY_ROOT_ANALYZER),
        Language::Ru => Some(RU_ROOT_ANALYZER),
        _ => None,
    }
}

/// Cuts a term to its first letters; terms with digits stay whole.
#[derive(Clone, Copy)]
pub struct PrefixStep(pub usize);

impl TermStep for PrefixStep {
    fn apply(&mut self, term: &mut String) -> bool {
        if !has_digit(term) {
            if let Some((cut, _)) = term.char_indices().nth(self.0) {
                term.truncate(cut);
            }
        }
        true
    }
}

/// Builds the analyzer of a language's root field: for Kazakh and Kyrgyz the stem cut
/// to a prefix, for Russian the Snowball stem.
pub fn root_analyzer(language: Language) -> TextAnalyzer {
    if language == Language::Ru {
        return TextAnalyzer::builder(ZanTokenizer::default())
            .filter(TermFilter(StopWordStep(language)))
            .filter(TermFilter(StemStep::with(
                language,
                RU_SNOWBALL_MEMO,
                crate::russian::snowball,
            )))
            .build();
    }
    TextAnalyzer::builder(ZanTokenizer::default())
        .filter(TermFilter(StopWordStep(language)))
        .filter(TermFilter(StemStep::new(language)))
        .filter(TermFilter(PrefixStep(ROOT_PREFIX_CHARS)))
        .build()
}

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
    fn apply(&mut self, term: &mut String) -> bool {
        !is_stop_word(self.0, term)
    }
}

/// Replaces a word by its stem in a language; words with digits are kept as they are.
///
/// Stems are memoised: a stem depends on the word alone, and running text repeats its
/// words (function words, the act's subject, inflected forms of a few dozen nouns), so
/// most tokens are answered by one look-up in a [`StemMemo`] (a 128-byte slot holding
/// the word and its stem) and a copy into the token's buffer, without running the
/// stemmer or allocating.
#[derive(Clone)]
pub struct StemStep {
    language: Language,
    /// Another stemmer than the language's own ([`stem`]), if set.
    stemmer: Option<fn(&str) -> String>,
    /// The number of the thread's memo of this stemmer.
    memo: usize,
}

impl StemStep {
    /// A stemming step for `language`.
    pub fn new(language: Language) -> Self {
        StemStep { language, stemmer: None, memo: memo_number(language.code()) }
    }

    /// A step that stems the words of `language` with another function than the
    /// language's own, remembering its stems in the memo named `memo`.
    pub fn with(language: Language, memo: &'static str, stemmer: fn(&str) -> String) -> Self {
        StemStep { language, stemmer: Some(stemmer), memo: memo_number(memo) }
    }
}

/// The memo of the Russian root field's stemmer (Snowball).
pub const RU_SNOWBALL_MEMO: &str = "ru/snowball";
/// The memo of the writer's Russian pairs: lemma and Snowball stem.
pub const RU_PAIR_MEMO: &str = "ru/lemma+snowball";

/// Stems a word two ways with one memo look-up: by the language's own stemmer, for the
/// language field, and by another, for the root field (Russian: the lemma and the
/// Snowball stem). The writer's analysis needs both of every Russian word; two memos
/// made that two waits for memory a word.
#[derive(Clone)]
pub struct PairStemStep {
    language: Language,
    second: fn(&str) -> String,
    memo: usize,
}

impl PairStemStep {
    /// A step giving `language`'s stem and `second`'s, remembered in the memo of pairs
    /// named `memo` (a name gives one memo of pairs for one pair of stemmers).
    pub fn new(language: Language, memo: &'static str, second: fn(&str) -> String) -> Self {
        PairStemStep { language, second, memo: pair_memo_number(memo) }
    }

    /// Sets `second` to the second stemmer's form of `term`, then replaces `term` by its
    /// stem: what [`StemStep::with`] with the second stemmer and then [`StemStep::new`]
    /// give. Words with digits are kept as they are.
    pub fn apply(&mut self, term: &mut String, second: &mut String) {
        second.clear();
        if has_digit(term) || !has_stemmer(self.language) {
            second.push_str(term);
            return;
        }
        let remembered = with_memo(self.memo, |memo| match memo.get_pair(term) {
            Some((stem, other)) => {
                second.push_str(other);
                if stem != term {
                    term.clear();
                    term.push_str(stem);
                }
                true
            }
            None => false,
        });
        if remembered {
            return;
        }
        let other = (self.second)(term);
        let stem = stem(self.language, term);
        with_memo(self.memo, |memo| memo.insert_pair(term, &stem, &other));
        second.push_str(&other);
        *term = stem;
    }
}

impl TermStep for StemStep {
    fn apply(&mut self, term: &mut String) -> bool {
        if has_digit(term) || !has_stemmer(self.language) {
            return true;
        }
        let remembered = with_memo(self.memo, |memo| match memo.get(term) {
            // Not a length comparison: a lemma may be as long as its word and differ
            // (`суперкубке` → `суперкубок`).
            Some(stem) if stem != term => {
                term.clear();
                term.push_str(stem);
                true
            }
            Some(_) => true,
            None => false,
        });
        if remembered {
            return true;
        }
        let stem = match self.stemmer {
            Some(stemmer) => stemmer(term),
            None => stem(self.language, term),
        };
        with_memo(self.memo, |memo| memo.insert(term, &stem));
        *term = stem;
        true
    }
}

/// A fast hash of short words (the memo's keys are never chosen by an attacker to
/// collide in bulk, and a collision costs only a string comparison): FxHash over
/// 8-byte chunks, finished by a full mix.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply above leaves low bits that depend only on low input bits, and
        // the table picks buckets by low bits: mix the high bits down (murmur3 fmix64).
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        let word = u64::from_le_bytes(tail) ^ ((rest.len() as u64) << 56);
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Returns true if a normalised word has a numeric character: ASCII digits and
/// Cyrillic letters answer without the Unicode table.
#[inline]
fn has_digit(word: &str) -> bool {
    word.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            !is_cyrillic(c) && c.is_numeric()
        }
    })
}

/// True for the languages [`stem`] changes words of.
fn has_stemmer(language: Language) -> bool {
    matches!(language, Language::Ru | Language::Kk | Language::Ky)
}

/// Folds Kazakh and Kyrgyz letters to Russian ones (see [`fold_turkic`]).
#[derive(Clone, Copy)]
pub struct FoldStep;

impl TermStep for FoldStep {
    fn apply(&mut self, term: &mut String) -> bool {
        fold_turkic(term);
        true
    }
}

/// Returns the stem of a normalised word in a language. Words with digits and words in
/// languages without a stemmer come back unchanged.
pub fn stem(language: Language, word: &str) -> String {
    if has_digit(word) {
        return word.to_owned();
    }
    match language {
        Language::Ru => crate::russian::stem(word),
        Language::Kk => crate::kazakh::stem(word),
        Language::Ky => crate::kyrgyz::stem(word),
        Language::Tr | Language::En | Language::Other => word.to_owned(),
    }
}

/// Returns the root-field term of a normalised word (what [`root_analyzer`] gives for
/// it, stop words aside): the Snowball stem for Russian, the stem cut to
/// [`ROOT_PREFIX_CHARS`] letters for Kazakh and Kyrgyz, the word itself otherwise.
pub fn root(language: Language, word: &str) -> String {
    if has_digit(word) {
        return word.to_owned();
    }
    match language {
        Language::Ru => crate::russian::snowball(word),
        Language::Kk | Language::Ky => {
            let mut term = stem(language, word);
            PrefixStep(ROOT_PREFIX_CHARS).apply(&mut term);
            term
        }
        Language::Tr | Language::En | Language::Other => word.to_owned(),
    }
}

/// Builds the analyzer of a language's field.
pub fn language_analyzer(language: Language) -> TextAnalyzer {
    match language.indexed() {
        Language::Other => TextAnalyzer::builder(ZanTokenizer::default()).build(),
        indexed => TextAnalyzer::builder(ZanTokenizer::default())
            .filter(TermFilter(StopWordStep(indexed)))
            .filter(TermFilter(StemStep::new(indexed)))
            .build(),
    }
}

/// Builds the analyzer of the `folded` field.
pub fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ZanTokenizer::default()).filter(TermFilter(FoldStep)).build()
}

/// Registers every zan analyzer under its name, in the form the index writer runs
/// them: a paragraph is split into words and each word analysed once for its language
/// field, its root field and the folded field (see `one_pass.rs`); the terms are the
/// ones [`language_analyzer`], [`root_analyzer`] and [`folded_analyzer`] give.
pub fn register_analyzers(manager: &TokenizerManager) {
    for language in Language::INDEXED {
        manager.register(analyzer_name(language), recording_analyzer(language));
    }
    manager.register(FOLDED_ANALYZER, replaying_folded_analyzer());
    for language in ROOT_LANGUAGES {
        if let Some(name) = root_analyzer_name(language) {
            manager.register(name, replaying_root_analyzer(language));
        }
    }
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
    fn test_pair_step_gives_both_stems_of_a_word() {
        let mut pair = PairStemStep::new(Language::Ru, "ru/test-pair", crate::russian::snowball);
        let memo = pair_memo_number("ru/test-pair");
        let long = "частнопредпринимательской";
        let words = ["утвержденного", "суперкубке", "городу", "2024", "ст.5", long, "год"];
        // Twice: stemmed, then from the memo (the long word, too long for a slot, is
        // stemmed both times).
        for (round, word) in words.iter().chain(&words).enumerate() {
            let (mut term, mut second) = (word.to_string(), String::from("stale"));
            pair.apply(&mut term, &mut second);
            let expected = if has_digit(word) {
                (word.to_string(), word.to_string())
            } else {
                (stem(Language::Ru, word), crate::russian::snowball(word))
            };
            assert_eq!((term, second), expected, "{word}");
            let remembered = with_memo(memo, |memo| memo.get_pair(word).is_some());
            let stemmed = !has_digit(word) && *word != long;
            assert_eq!(remembered, stemmed, "{word}, round {round}");
        }
    }

    #[test]
    fn test_russian_analyzer_stems_and_drops_stop_words() {
        assert_eq!(
            analyze(Language::Ru, "О бюджете города"),
            analyze(Language::Ru, "бюджет городу")
        );
    }

    #[test]
    fn test_root_analyzer_meets_derived_words() {
        let mut root = root_analyzer(Language::Kk);
        assert_eq!(
            analyze_with(&mut root, "неандертальдықтар"),
            analyze_with(&mut root, "неандерталь")
        );
        assert_eq!(analyze_with(&mut root, "2024 үй"), ["2024", "үй"]);
    }

    #[test]
    fn test_stem_step_memo_gives_the_stemmer_answer() {
        let words = ["бюджета", "бюджета", "мәслихаттың", "кеңештин", "2024", "кеңештин"];
        for language in [Language::Ru, Language::Kk, Language::Ky, Language::Other] {
            let mut step = StemStep::new(language);
            for _ in 0..2 {
                for word in words {
                    let mut term = word.to_owned();
                    assert!(step.apply(&mut term));
                    assert_eq!(term, stem(language, word), "{language}: {word}");
                }
            }
        }
        assert_eq!(stem(Language::Ru, "2024"), "2024");
        assert_ne!(stem(Language::Ru, "бюджета"), "бюджета");
    }

    #[test]
    fn test_digit_test_agrees_with_std() {
        for c in ('\0'..='\u{3000}').chain(['\u{1F600}', '\u{10400}']) {
            let word = format!("а{c}б");
            assert_eq!(has_digit(&word), word.chars().any(char::is_numeric), "{c:?}");
        }
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
        for name in [
            RU_ANALYZER,
            KK_ANALYZER,
            KY_ANALYZER,
            OTHER_ANALYZER,
            FOLDED_ANALYZER,
            KK_ROOT_ANALYZER,
            KY_ROOT_ANALYZER,
        ] {
            assert!(manager.get(name).is_some(), "{name} is not registered");
        }
    }

    #[test]
    fn test_root_matches_the_root_analyzer() {
        for (language, text) in [
            (Language::Ru, "бюджетного финансирования кубка"),
            (Language::Kk, "мектептерді жөндеу жұмыстары"),
            (Language::Ky, "мектептердин оңдоо иштери"),
        ] {
            let expected = analyze_with(&mut root_analyzer(language), text);
            let words: Vec<String> = text.split(' ').map(|w| root(language, w)).collect();
            assert_eq!(words, expected, "{language:?}");
        }
    }

    #[test]
    fn test_remembered_stem_of_equal_length_replaces_the_word() {
        // The second `суперкубке` is answered from the memo; its lemma has as many
        // letters as the word.
        let terms = analyze_with(&mut language_analyzer(Language::Ru), "суперкубке суперкубке");
        assert_eq!(terms, ["суперкубок", "суперкубок"]);
    }
}
