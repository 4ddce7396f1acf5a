//! Language identification for paragraphs and short queries.
//!
//! Steps:
//!
//! 1. Script: letters are counted by script. No letters, or mostly letters of a script
//!    other than Cyrillic and Latin, gives [`Language::Other`].
//! 2. Latin text goes to whatlang, which knows Turkish and English well; anything else
//!    it finds is `other`. Short Latin text with Turkish-only letters (`ğ ı ş İ`) is
//!    Turkish when whatlang is unsure.
//! 3. Cyrillic text is decided here, because whatlang does not know Kazakh or Kyrgyz (it
//!    calls most Kazakh text Belarusian and most Kyrgyz text Russian). Each normalised
//!    word (at most [`MAX_WORDS`] of them) is scored under a character language model
//!    (orders 1 to 5 with word-boundary markers, see `model.rs`) of each of Russian,
//!    Kazakh, Kyrgyz and the languages most often taken for them: Ukrainian,
//!    Belarusian, Bulgarian, Macedonian, Mongolian. The models learn the letters
//!    specific to each language (Kazakh `ә ғ қ ұ һ і`; `ң ө ү` shared by Kazakh,
//!    Kyrgyz and Mongolian; Ukrainian `є ї ґ`, Belarusian `ў`, Macedonian `ѓ ќ ѕ ј љ њ`),
//!    their frequent words and suffixes (Kyrgyz `-нун -дүн -го`, long vowels `оо өө ээ`;
//!    Kazakh `-ның -дағы`, `ы/і` harmony; Russian `-ого -ия -ться`).
//!    The best language wins after a prior: the centre's documents are Russian, Kazakh
//!    and Kyrgyz, so the five other languages start [`CONFUSER_PRIOR`] nats behind, and
//!    Russian, the centre's most common language, [`RUSSIAN_PRIOR`] nats ahead.
//!    They are reported as [`Language::Other`].
//!
//! Ambiguous short text. A Kazakh word is spelled with at least one of `ә ғ қ ұ һ і`
//! far more often than not, and Kyrgyz never uses them, so a word without them that is
//! both Kazakh and Kyrgyz (`жылы`, `айтты`, `бала`) is more likely Kyrgyz under the
//! models themselves; no extra prior is added for that. Between Russian and a Turkic
//! language the models decide alone.
//!
//! Training and evaluation data (all in the shared data folder; the generator's header
//! says exactly what it reads): Russian from the Kyrgyz codes (`kg-codes-ru`) and
//! `ud-ru-gsd` (dev split); Kazakh from `apertium-kaz-texts2` (articles not also in
//! `kazqad-dev`) and `ud-kk-ktb`; Kyrgyz from the training blocks of `ud-ky-ktmu`; all
//! seven lingua languages from one half of the lingua test files. [`langid_split`] says
//! which half or block trains; `zan eval langid` reports a tune part (the other lingua
//! half, tune blocks of `ud-ky-ktmu`) and a held-out part that nothing was chosen on
//! (`kazqad-dev`, `xquad-ru-dev`, held-out blocks of `ud-ky-ktmu`).
//!
//! A document's paragraphs are decided one by one, then [`detect_document`] gives the
//! document a primary language and lets short paragraphs (headings, `Статья 5.`)
//! lean toward it.

mod model;

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::normalize::{is_cyrillic, is_letter};
use crate::registry::WordHasher;
use crate::tokenizer::Words;
use crate::Language;
use model::{Model, MAX_LANGUAGES};

/// Most words of a text scored by the Cyrillic models, when no language has taken a
/// decisive lead before (see [`DECISIVE_MARGIN`]).
pub const MAX_WORDS: usize = 120;

/// Fewest words scored before detection may stop early (see [`DECISIVE_MARGIN`]).
pub const MIN_WORDS: usize = 8;

/// Once [`MIN_WORDS`] words are scored and the best language leads the second by this
/// many nats (odds of e^30), the remaining words cannot plausibly change the answer and
/// are not scored: long paragraphs cost what their first sentence costs.
pub const DECISIVE_MARGIN: f32 = 30.0;

/// Log prior (nats) of Ukrainian, Belarusian, Bulgarian, Macedonian and Mongolian
/// against Russian, Kazakh and Kyrgyz: about 1 in 3000 of the centre's texts, and
/// fewer of its queries. A sentence carries tens of nats of evidence, so a real
/// Ukrainian or Bulgarian sentence still comes out `other`; a single word carries a
/// few, and at -4 one Russian word in twelve (`концерт`, `ключ`, `мало`) was given to a
/// confuser. On the tune part -8 took Russian one-word accuracy from 0.852 to 0.917 and
/// Bulgarian sentences taken for Russian from 1.2% to 1.9%.
pub const CONFUSER_PRIOR: f32 = -8.0;

/// Log prior (nats) of Russian against Kazakh and Kyrgyz. Most of the centre's acts and
/// of its residents' queries are in Russian, and Russian shares many words with the
/// other two (`программа`, `президент`, `компания`), which the smaller Kazakh and
/// Kyrgyz models, trained on text full of such loanwords, often score higher. One nat
/// (odds of 2.7 to 1) decides only texts of a word or two; on the tune part it took
/// one-word accuracy (mean of kk, ky, ru) from 0.936 to 0.942, and 2 nats no further.
pub const RUSSIAN_PRIOR: f32 = 1.0;

/// Extra log weight given to a document's primary language when deciding one of its
/// paragraphs that has fewer than [`SHORT_PARAGRAPH_WORDS`] words and no letter outside
/// the primary language's alphabet. About 3000 to 1: a heading of one to three words
/// goes with its document unless its words are overwhelmingly of another language.
/// Loanwords are why it is this strong: `Бюджет`, `Кодекс`, `Президент` are Kazakh and
/// Kyrgyz words too, yet the models, trained mostly on running text, find them far
/// more Russian.
pub const PRIMARY_PRIOR: f32 = 8.0;

/// Paragraphs with fewer Cyrillic words than this lean toward the document's language.
pub const SHORT_PARAGRAPH_WORDS: usize = 4;

/// Score gap (nats) under which [`Detection::runner_up`] names the second language:
/// odds under e^2, about 7 to 1. A single word without a letter of its own is often
/// both Kazakh and Kyrgyz (`бала`, `келген`, `алып`) or a loanword of all three
/// languages (`банк`, `программа`); the detector then still answers its best guess, and
/// says that it is a guess.
pub const AMBIGUOUS_MARGIN: f32 = 2.0;

/// The outcome of detecting the language of one text, with the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The language zan uses.
    pub language: Language,
    /// The finer answer: the ISO code of the best Cyrillic language including the ones
    /// reported as `other` (`uk`, `be`, `bg`, `mk`, `mn`), or the language's own code.
    pub label: &'static str,
    /// For Cyrillic text, each model language's score: the log-probability (natural log)
    /// of the scored words plus the language's prior. Empty for other scripts.
    pub scores: Vec<(&'static str, f32)>,
    /// Number of Cyrillic words scored.
    pub words: usize,
}

impl Detection {
    fn simple(language: Language) -> Detection {
        Detection { language, label: language.code(), scores: Vec::new(), words: 0 }
    }

    /// Returns the score gap between the best and the second best language
    /// (infinite when fewer than two were scored): a confidence measure.
    pub fn margin(&self) -> f32 {
        if self.scores.len() < 2 {
            return f32::INFINITY;
        }
        gap(self.scores.iter().map(|&(_, score)| score))
    }

    /// Returns the second of Russian, Kazakh and Kyrgyz when it scores within
    /// [`AMBIGUOUS_MARGIN`] of the detected language: the text could as well be in it
    /// (a search may then analyse a query both ways). `None` when the answer is clear,
    /// or when the detected language is not one of the three.
    pub fn runner_up(&self) -> Option<Language> {
        if !matches!(self.language, Language::Ru | Language::Kk | Language::Ky) {
            return None;
        }
        let own = self.scores.iter().find(|(code, _)| *code == self.label)?.1;
        self.scores
            .iter()
            .map(|&(code, score)| (zan_language(code), score))
            .filter(|&(language, score)| {
                language != Language::Other
                    && language != self.language
                    && own - score < AMBIGUOUS_MARGIN
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(language, _)| language)
    }

    /// True when no other of Russian, Kazakh and Kyrgyz comes close (see
    /// [`Detection::runner_up`]).
    pub fn is_confident(&self) -> bool {
        self.runner_up().is_none()
    }
}

/// The split of the shared data between training the Cyrillic model and measuring it:
/// true for a line or sentence kept out of training. The model builder
/// (`examples/langid_model.rs`) trains only on lines for which this is false, and the
/// evaluation (`zan eval langid`) scores only lines for which it is true.
///
/// The hash is FNV-1a of the trimmed text followed by a 64-bit finaliser (the
/// splitmix64 mix): FNV-1a alone has badly balanced middle bits on short texts that
/// differ only in their last bytes, which once sent 30% instead of half of them to the
/// held-out side.
pub fn held_out(text: &str) -> bool {
    split_hash(text) >> 63 == 1
}

/// FNV-1a of the trimmed text followed by the splitmix64 finaliser (see [`held_out`]).
fn split_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^= hash >> 30;
    hash = hash.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^= hash >> 27;
    hash = hash.wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^= hash >> 31;
    hash
}

/// The part of the shared data a text (or a block of text) belongs to for language
/// identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LangidSplit {
    /// The model builder counts its n-grams.
    Train,
    /// Read by the evaluation and looked at while choosing priors and settings.
    Tune,
    /// Read only by the evaluation, to report: nothing was chosen by looking at it.
    HeldOut,
}

/// Returns the language-identification part of a text or of a block's key: half of
/// everything trains the model (exactly the lines for which [`held_out`] is false), a
/// quarter tunes it and a quarter is held out.
///
/// Kyrgyz has no source but `ud-ky-ktmu`, whose sentences come in runs from one news
/// story or one tale: the builder and the evaluation split it by blocks of
/// [`KY_BLOCK`] consecutive sentences (key `ud-ky-ktmu:N`), so no held-out sentence has
/// its neighbours in the training text.
pub fn langid_split(key: &str) -> LangidSplit {
    let hash = split_hash(key);
    match (hash >> 63, (hash >> 62) & 1) {
        (0, _) => LangidSplit::Train,
        (_, 0) => LangidSplit::Tune,
        _ => LangidSplit::HeldOut,
    }
}

/// Consecutive `ud-ky-ktmu` sentences that fall into one part (see [`langid_split`]).
pub const KY_BLOCK: usize = 20;

/// The [`langid_split`] of the `index`-th sentence (from 0) of `ud-ky-ktmu`'s train file.
pub fn ky_sentence_split(index: usize) -> LangidSplit {
    langid_split(&format!("ud-ky-ktmu:{}", index / KY_BLOCK))
}

/// Returns the language of a text (a paragraph, a sentence or a query of a few words).
pub fn detect(text: &str) -> Language {
    detect_with_scores(text).language
}

/// Returns the language of a text with the scores that decided it.
pub fn detect_with_scores(text: &str) -> Detection {
    detect_counting_letters(text).0
}

/// [`detect_with_scores`] and the number of letters of `text`.
fn detect_counting_letters(text: &str) -> (Detection, usize) {
    let (mut cyrillic, mut latin, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|&c| is_letter(c)) {
        if is_cyrillic(c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    let letters = cyrillic + latin + other;
    let detection = if cyrillic == 0 && latin == 0 {
        Detection::simple(Language::Other)
    } else if cyrillic >= latin && cyrillic >= other {
        detect_cyrillic(text, None)
    } else if latin >= other {
        Detection::simple(detect_latin(text))
    } else {
        Detection::simple(Language::Other)
    };
    (detection, letters)
}

fn detect_latin(text: &str) -> Language {
    let (lang, reliable) = match whatlang::detect(text) {
        Some(info) => (Some(info.lang()), info.is_reliable()),
        None => (None, false),
    };
    match lang {
        Some(whatlang::Lang::Tur) => Language::Tr,
        Some(whatlang::Lang::Eng) if reliable => Language::En,
        _ if text.chars().any(|c| matches!(c, 'ğ' | 'ı' | 'ş' | 'İ' | 'Ğ' | 'Ş')) => {
            Language::Tr
        }
        Some(whatlang::Lang::Eng) => Language::En,
        _ => Language::Other,
    }
}

/// Scores the Cyrillic words of `text`; `favoured` gets [`PRIMARY_PRIOR`] extra.
fn detect_cyrillic(text: &str, favoured: Option<Language>) -> Detection {
    let model = Model::get();
    let languages = model.codes.len();
    let mut scores = [0.0f32; MAX_LANGUAGES];
    let mut symbols = Vec::with_capacity(32);
    let mut words = 0;
    let mut word = String::with_capacity(32);
    let mut iterator = Words::new(text);
    let mut priors = [0.0f32; MAX_LANGUAGES];
    for (language, code) in model.codes.iter().enumerate() {
        let zan = zan_language(code);
        if zan == Language::Other {
            priors[language] += CONFUSER_PRIOR;
        }
        if zan == Language::Ru {
            priors[language] += RUSSIAN_PRIOR;
        }
        if favoured == Some(zan) {
            priors[language] += PRIMARY_PRIOR;
        }
    }
    while words < MAX_WORDS && iterator.next_into(&mut word).is_some() {
        if !word.chars().any(is_cyrillic) {
            continue;
        }
        let word_scores = word_scores(model, &word, &mut symbols);
        for (score, word_score) in scores[..languages].iter_mut().zip(&word_scores) {
            *score += word_score;
        }
        words += 1;
        if words >= MIN_WORDS && lead(&scores[..languages], &priors) > DECISIVE_MARGIN {
            break;
        }
    }
    if words == 0 {
        // Cyrillic letters only inside digits-and-symbols runs: nothing to decide on.
        return Detection::simple(Language::Other);
    }
    let mut best = 0;
    for language in 0..languages {
        scores[language] += priors[language];
        if scores[language] > scores[best] {
            best = language;
        }
    }
    Detection {
        language: zan_language(model.codes[best]),
        label: model.codes[best],
        scores: model.codes.iter().copied().zip(scores[..languages].iter().copied()).collect(),
        words,
    }
}

/// Most words whose scores [`word_scores`] remembers per thread.
const WORD_MEMO_ENTRIES: usize = 65_536;

type WordMemo = HashMap<String, [f32; MAX_LANGUAGES], BuildHasherDefault<WordHasher>>;

thread_local! {
    /// Scores of the words met lately on this thread: a word's scores depend on the word
    /// alone, and paragraphs repeat their words, so most words cost one look-up.
    static WORD_MEMO: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

/// Returns the log-probability of one normalised word under each model language,
/// remembered per thread (at most [`WORD_MEMO_ENTRIES`] words; the memo starts afresh
/// when full).
fn word_scores(model: &Model, word: &str, symbols: &mut Vec<u8>) -> [f32; MAX_LANGUAGES] {
    WORD_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(scores) = memo.get(word) {
            return *scores;
        }
        let mut scores = [0.0f32; MAX_LANGUAGES];
        model.score_word(word, symbols, &mut scores[..model.codes.len()]);
        if memo.len() >= WORD_MEMO_ENTRIES {
            memo.clear();
        }
        memo.insert(word.to_owned(), scores);
        scores
    })
}

/// Returns how far the best of `scores + priors` leads the second best.
fn lead(scores: &[f32], priors: &[f32]) -> f32 {
    gap(scores.iter().zip(priors).map(|(score, prior)| score + prior))
}

/// Returns how far the largest of some scores leads the second largest.
fn gap(scores: impl Iterator<Item = f32>) -> f32 {
    let (mut best, mut second) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for score in scores {
        if score > best {
            second = best;
            best = score;
        } else if score > second {
            second = score;
        }
    }
    best - second
}

/// The zan language of a model language code.
fn zan_language(code: &str) -> Language {
    match code {
        "ru" => Language::Ru,
        "kk" => Language::Kk,
        "ky" => Language::Ky,
        _ => Language::Other,
    }
}

/// The languages of a document: one per paragraph and a primary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLanguages {
    /// The language holding most letters among paragraphs in ru, kk, ky, tr or en;
    /// [`Language::Other`] when there are none.
    pub primary: Language,
    /// The language of each paragraph, in order. Paragraphs without letters take the
    /// primary language.
    pub paragraphs: Vec<Language>,
}

/// Decides the language of each paragraph of a document and the document's primary
/// language. A paragraph of fewer than [`SHORT_PARAGRAPH_WORDS`] Cyrillic words is
/// decided again with [`PRIMARY_PRIOR`] in favour of the primary language, so a
/// heading such as `Статья 5. Бюджет` in a Kyrgyz document goes with its neighbours
/// unless its own words say clearly otherwise.
pub fn detect_document<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> DocumentLanguages {
    let paragraphs: Vec<&str> = paragraphs.into_iter().collect();
    let detections: Vec<(Detection, usize)> =
        paragraphs.iter().map(|p| detect_counting_letters(p)).collect();
    let mut letters = [0usize; Language::ALL.len()];
    for (detection, count) in &detections {
        let slot = Language::ALL.iter().position(|&l| l == detection.language).unwrap_or(0);
        letters[slot] += count;
    }
    let primary = Language::ALL
        .iter()
        .zip(letters)
        .filter(|(language, count)| **language != Language::Other && *count > 0)
        .max_by_key(|(language, count)| (*count, std::cmp::Reverse(**language)))
        .map_or(Language::Other, |(language, _)| *language);
    let languages = paragraphs
        .iter()
        .zip(detections)
        .map(|(paragraph, (detection, letters))| {
            if letters == 0 {
                primary
            } else if !detection.scores.is_empty()
                && detection.words < SHORT_PARAGRAPH_WORDS
                && matches!(primary, Language::Ru | Language::Kk | Language::Ky)
                && !has_letters_foreign_to(paragraph, primary)
            {
                detect_cyrillic(paragraph, Some(primary)).language
            } else {
                detection.language
            }
        })
        .collect();
    DocumentLanguages { primary, paragraphs: languages }
}

/// Returns true when `text` has a Cyrillic letter that the alphabet of `language`
/// (ru, kk or ky) does not have: Kazakh `ә ғ қ ұ һ і` in Russian or Kyrgyz text, `ң ө ү`
/// in Russian text, or any letter of neither (Ukrainian `є ї ґ`, Belarusian `ў` ...).
fn has_letters_foreign_to(text: &str, language: Language) -> bool {
    text.chars().flat_map(char::to_lowercase).filter(|&c| is_cyrillic(c)).any(|c| {
        let russian = matches!(c, 'а'..='я' | 'ё');
        let kyrgyz = matches!(c, 'ң' | 'ө' | 'ү');
        let kazakh = matches!(c, 'ә' | 'ғ' | 'қ' | 'ұ' | 'һ' | 'і');
        match language {
            Language::Ru => !russian,
            Language::Ky => !(russian || kyrgyz),
            _ => !(russian || kyrgyz || kazakh),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use Language::{En, Kk, Ky, Other, Ru, Tr};

    /// (text, expected language, fine label or "" for any): short and long texts in each
    /// language and in the confusers.
    const CASES: &[(&str, Language, &str)] = &[
        // Russian
        ("Решение городского совета о бюджете на 2024 год", Ru, "ru"),
        ("бюджет города", Ru, "ru"),
        ("налоговый кодекс", Ru, "ru"),
        ("постановление", Ru, "ru"),
        ("Граждане имеют право на судебную защиту своих прав и свобод.", Ru, "ru"),
        (
            "Настоящий Кодекс регулирует отношения, связанные с использованием и охраной \
             водных ресурсов, и устанавливает порядок их предоставления в пользование.",
            Ru,
            "ru",
        ),
        // Kazakh
        ("Қалалық мәслихаттың шешімі", Kk, "kk"),
        ("білім беру", Kk, "kk"),
        ("мемлекеттік", Kk, "kk"),
        ("Қазақстан Республикасының Президенті жарлық шығарды.", Kk, "kk"),
        (
            "Абай Құнанбайұлы — ақын, ағартушы, жазба қазақ әдебиетінің негізін қалаушы, \
             философ, сазгер, аудармашы.",
            Kk,
            "kk",
        ),
        // Kyrgyz
        ("Шаардык кеңештин чечими", Ky, "ky"),
        ("жергиликтүү өз алдынча башкаруу", Ky, "ky"),
        ("мыйзамдын долбоору", Ky, "ky"),
        ("боюнча", Ky, "ky"),
        ("Ош шаарында эл аралык көргөзмө өтүүдө.", Ky, "ky"),
        (
            "Кыргыз Республикасынын Жогорку Кеңеши мыйзамды үчүнчү окууда кабыл алды жана \
             аны Президенттин кол коюусуна жөнөттү.",
            Ky,
            "ky",
        ),
        // Confusers: reported as other, with their own label.
        ("Верховна Рада України ухвалила закон про державний бюджет.", Other, "uk"),
        ("Беларускія пісьменнікі сабраліся ў Мінску на штогадовы форум.", Other, "be"),
        ("Народното събрание прие бюджета на държавата за следващата година.", Other, "bg"),
        ("Собранието на Република Северна Македонија го донесе законот.", Other, "mk"),
        ("Монгол Улсын Засгийн газрын хуралдаанаар хуулийн төслийг хэлэлцлээ.", Other, "mn"),
        // Latin and the rest
        ("Belediye meclisi bütçeyi onayladı ve yeni yönetmeliği kabul etti.", Tr, "tr"),
        ("The city council approved the budget for the next year.", En, "en"),
        ("12.03.2018 № 45-15", Other, "other"),
        ("", Other, "other"),
        ("北京市人民政府关于预算的决定", Other, "other"),
    ];

    #[test]
    fn test_detection_table() {
        let mut failures = Vec::new();
        for &(text, expected, label) in CASES {
            let detection = detect_with_scores(text);
            if detection.language != expected || (!label.is_empty() && detection.label != label) {
                failures.push(format!(
                    "{text:?}: got {} ({}), expected {expected} ({label}); scores {:?}",
                    detection.language, detection.label, detection.scores
                ));
            }
        }
        assert!(failures.is_empty(), "check the model or the priors:\n{}", failures.join("\n"));
    }

    #[test]
    fn test_detect_matches_detect_with_scores() {
        for &(text, _, _) in CASES {
            assert_eq!(detect(text), detect_with_scores(text).language, "{text:?}");
        }
    }

    #[test]
    fn test_mixed_document() {
        let paragraphs = [
            "Кыргыз Республикасынын Өкмөтүнүн токтому",
            "Шаардык кеңештин чечими менен жергиликтүү бюджетке өзгөртүүлөр киргизилди \
             жана алар кийинки жылдан баштап күчүнө кирет.",
            "Постановление Правительства Кыргызской Республики о внесении изменений в \
             местный бюджет вступает в силу со дня официального опубликования.",
            "2024",
            "Қазақстан Республикасының Үкіметі қаулы етеді.",
        ];
        let document = detect_document(paragraphs);
        assert_eq!(document.primary, Ky, "{document:?}");
        assert_eq!(document.paragraphs, vec![Ky, Ky, Ru, Ky, Kk]);
    }

    #[test]
    fn test_short_paragraph_leans_to_the_document() {
        // A bare heading word that both languages use goes with its Kazakh document.
        let paragraphs = [
            "Қалалық мәслихаттың шешімі туралы ақпарат жарияланды және ол күшіне енді.",
            "Бюджет",
            "Мәслихат депутаттары жергілікті бюджетті бекітті.",
        ];
        let document = detect_document(paragraphs);
        assert_eq!(document.primary, Kk);
        assert_eq!(document.paragraphs, vec![Kk, Kk, Kk]);
        // A short Kazakh heading in a Kyrgyz document keeps its own language: its
        // letters are not Kyrgyz.
        let paragraphs = [
            "Шаардык кеңештин чечими менен жергиликтүү бюджетке өзгөртүүлөр киргизилди.",
            "Қала бюджеті",
        ];
        assert_eq!(detect_document(paragraphs).paragraphs, vec![Ky, Kk]);
    }

    #[test]
    fn test_langid_split_parts() {
        let mut counts = [0usize; 3];
        for i in 0..4000 {
            let text = format!("sentence {i}");
            let part = langid_split(&text);
            // Exactly the training half of `held_out`.
            assert_eq!(part == LangidSplit::Train, !held_out(&text), "{text}");
            counts[part as usize] += 1;
        }
        assert!((1800..2200).contains(&counts[0]), "{counts:?}");
        assert!((850..1150).contains(&counts[1]), "{counts:?}");
        assert!((850..1150).contains(&counts[2]), "{counts:?}");
        // Kyrgyz sentences go by blocks: one part for a whole block, and not all blocks
        // in one part.
        for block in 0..40 {
            let first = ky_sentence_split(block * KY_BLOCK);
            assert!((0..KY_BLOCK).all(|i| ky_sentence_split(block * KY_BLOCK + i) == first));
        }
        let parts: std::collections::HashSet<_> =
            (0..40).map(|block| ky_sentence_split(block * KY_BLOCK)).collect();
        assert_eq!(parts.len(), 3);
    }

    #[test]
    fn test_foreign_letters() {
        assert!(has_letters_foreign_to("Қала", Ru));
        assert!(has_letters_foreign_to("өзгөртүү", Ru));
        assert!(!has_letters_foreign_to("өзгөртүү", Ky));
        assert!(has_letters_foreign_to("білім", Ky));
        assert!(!has_letters_foreign_to("Бюджет 2024", Kk));
        assert!(has_letters_foreign_to("Україна", Kk));
    }

    #[test]
    fn test_long_paragraph_is_capped_and_stable() {
        let sentence = "Налоговый кодекс регулирует отношения по установлению налогов. ";
        let text = sentence.repeat(200);
        let detection = detect_with_scores(&text);
        assert_eq!(detection.language, Ru);
        // Decided long before the cap: scoring stopped once the lead was decisive.
        assert!((MIN_WORDS..MAX_WORDS / 2).contains(&detection.words), "{detection:?}");
        assert!(detection.margin() > DECISIVE_MARGIN);
    }

    #[test]
    fn test_remembered_word_scores_equal_fresh_ones() {
        let model = Model::get();
        let mut symbols = Vec::new();
        for word in ["мәслихаттың", "бюджет", "кеңештин", "бюджет"] {
            let remembered = word_scores(model, word, &mut symbols);
            let mut fresh = [0.0f32; MAX_LANGUAGES];
            model.score_word(word, &mut symbols, &mut fresh[..model.codes.len()]);
            assert_eq!(remembered, fresh, "{word}");
            assert!(fresh[..model.codes.len()].iter().all(|s| *s < 0.0), "{word}");
        }
    }

    #[test]
    fn test_runner_up_only_for_close_calls() {
        // A Kazakh letter settles it: no runner-up.
        let clear = detect_with_scores("мемлекеттік қызмет");
        assert_eq!((clear.language, clear.runner_up()), (Kk, None), "{clear:?}");
        assert!(clear.is_confident());
        // The closest other of the three, only within the margin; never another
        // Cyrillic language, and nothing when the guess is not one of the three.
        let scored = |language, label, ky: f32| Detection {
            language,
            label,
            scores: vec![("kk", -10.0), ("ky", ky), ("ru", -20.0), ("bg", -10.2)],
            words: 1,
        };
        let close = -10.0 - AMBIGUOUS_MARGIN / 2.0;
        let far = -10.0 - AMBIGUOUS_MARGIN * 2.0;
        assert_eq!(scored(Kk, "kk", close).runner_up(), Some(Ky));
        assert_eq!(scored(Kk, "kk", far).runner_up(), None);
        assert_eq!(scored(Other, "bg", close).runner_up(), None);
        // Not Cyrillic: nothing to compare.
        assert_eq!(detect_with_scores("city budget").runner_up(), None);
    }

    #[test]
    fn test_margin_is_positive_for_clear_text() {
        let detection = detect_with_scores("Қазақстан Республикасының Парламенті");
        assert!(detection.margin() > 5.0, "{detection:?}");
        assert!(Detection::simple(Other).margin().is_infinite());
    }
}
