//! Russian: a dictionary lemmatizer for the index terms, and Snowball for the root field.
//!
//! Input is a normalised word (lower case, `ё` already folded to `е`).
//!
//! [`stem`] gives the word's lemma from the OpenCorpora dictionary that the `rumorph`
//! crate bundles (some three million word forms; a word it does not hold is guessed from
//! its prefix, hyphenated parts or ending): the most probable analysis wins, its lemma
//! lower-cased and `ё`-folded. Lemmas join exactly the forms of one word, also where a
//! stemmer cannot (`шел`/`идти`, `детей`/`ребенок`) and keep apart
//! words a stemmer merges (`правило` and `право` are both `прав` to Snowball). On
//! `ud-ru-gsd` pairwise conflation F1 was 0.967 against Snowball's 0.813 (dev and test
//! splits; `zan eval stemmer` now reads the dev split only: 0.971).
//!
//! [`snowball`] feeds the Russian root field, a weaker match across a word family
//! (`утверждение` and `утвержденный` have two lemmas, one Snowball stem): the Snowball Russian
//! algorithm, then the fleeting vowel dropped. `о` or `е` before a final `к` or `ц` drops
//! out when an ending follows (`кубок` / `кубка`, `отец` / `отца`); Snowball strips only
//! endings, so after it a stem of four letters or more ending in consonant + `о|е` +
//! `к|ц` loses that vowel. Stems that keep it in every form (`урок`, `урока`) lose it
//! in every form too, so they still meet.

use std::sync::OnceLock;

use rumorph::Dictionary;
use rust_stemmers::{Algorithm, Stemmer};

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

/// The bundled dictionary, loaded on first use (a few milliseconds: it is read in
/// place from the binary). `None` only if the bundled data were broken.
fn dictionary() -> Option<&'static Dictionary> {
    static DICTIONARY: OnceLock<Option<Dictionary>> = OnceLock::new();
    DICTIONARY.get_or_init(|| Dictionary::bundled().ok()).as_ref()
}

/// Returns the index term of a normalised Russian word: its lemma (see the module
/// documentation), or its Snowball stem if the dictionary has no analysis.
pub fn stem(word: &str) -> String {
    let best = dictionary().and_then(|dictionary| {
        dictionary.analyze(word).into_iter().max_by(|a, b| a.prob.total_cmp(&b.prob))
    });
    match best {
        Some(analysis) if !analysis.lemma.is_empty() => {
            let mut lemma = analysis.lemma.to_lowercase();
            if lemma.contains('ё') {
                lemma = lemma.replace('ё', "е");
            }
            lemma
        }
        _ => snowball(word),
    }
}

/// Returns the Snowball stem of a normalised Russian word, without a fleeting vowel.
pub fn snowball(word: &str) -> String {
    let mut stem = stemmer().stem(word).into_owned();
    drop_fleeting_vowel(&mut stem);
    stem
}

/// Shortest stem (in letters) the fleeting-vowel rule applies to.
const FLEETING_MIN_CHARS: usize = 4;

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

/// `кубок` -> `кубк`, `отец` -> `отц`: see the module documentation.
fn drop_fleeting_vowel(stem: &mut String) {
    let mut tail = stem.chars().rev();
    let (Some(last), Some(vowel), Some(before)) = (tail.next(), tail.next(), tail.next()) else {
        return;
    };
    let applies = matches!(last, 'к' | 'ц')
        && matches!(vowel, 'о' | 'е')
        && !is_vowel(before)
        && !matches!(before, 'й' | 'ь' | 'ъ')
        && stem.chars().count() >= FLEETING_MIN_CHARS;
    if applies {
        let cut = stem.len() - last.len_utf8() - vowel.len_utf8();
        stem.replace_range(cut..cut + vowel.len_utf8(), "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_inflections_share_a_term() {
        for (a, b) in [
            ("бюджета", "бюджет"),
            ("бюджетом", "бюджет"),
            ("постановления", "постановление"),
            ("детей", "ребенок"),
            ("шел", "идти"),
            ("улиц", "улица"),
            ("отремонтированы", "отремонтированный"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("бюджета"), "бюджет");
    }

    #[test]
    fn test_lemmas_keep_apart_what_snowball_merges() {
        assert_eq!(snowball("правило"), snowball("право"));
        assert_ne!(stem("правило"), stem("право"));
    }

    #[test]
    fn test_unknown_words_still_get_a_term() {
        // Not in any dictionary: guessed from the ending, never empty.
        let term = stem("жанатумарского");
        assert!(!term.is_empty());
        assert_eq!(stem("жанатумарского"), stem("жанатумарскому"));
    }

    #[test]
    fn test_fleeting_vowel() {
        for (a, b) in [
            ("кубок", "кубка"),
            ("суперкубок", "суперкубка"),
            ("ребенок", "ребенка"),
            ("отец", "отца"),
            ("конец", "концом"),
            ("ошибок", "ошибка"),
            ("участок", "участков"),
            ("урок", "урока"),
        ] {
            assert_eq!(snowball(a), snowball(b), "{a} / {b}");
        }
        assert_eq!(snowball("кубок"), "кубк");
        // Too short, or a vowel before: left alone.
        assert_eq!(snowball("сок"), "сок");
        assert_eq!(snowball("боец"), "боец");
        assert_ne!(snowball("кубок"), snowball("куб"));
    }
}
