//! Language identification for paragraphs and short queries.
//!
//! whatlang does not know Kazakh or Kyrgyz (it calls most Kazakh text Belarusian and
//! most Kyrgyz text Russian), so Cyrillic text is decided here: letters that exist only
//! in Kazakh (`ә ғ қ ұ һ і`) or in Kyrgyz and Kazakh (`ң ө ү`), letters that exist in
//! neither (`ў є ї ґ ј љ њ џ ђ ћ ѓ ќ ѕ`, Ukrainian/Belarusian/Serbian/Macedonian), and
//! frequent words. Latin text goes to whatlang.

use crate::tokenizer::Words;
use crate::Language;

/// Returns the language of a text (a paragraph, a sentence or a query of a few words).
pub fn detect(text: &str) -> Language {
    let mut kazakh_only = 0usize;
    let mut kyrgyz_kazakh = 0usize;
    let mut cyrillic = 0usize;
    let mut latin = 0usize;
    let mut foreign_cyrillic = 0usize;
    for word in Words::new(text) {
        for c in word.text.chars() {
            match c {
                'ә' | 'ғ' | 'қ' | 'ұ' | 'һ' | 'і' => kazakh_only += 1,
                'ң' | 'ө' | 'ү' => kyrgyz_kazakh += 1,
                'ў' | 'є' | 'ї' | 'ґ' | 'ј' | 'љ' | 'њ' | 'џ' | 'ђ' | 'ћ' | 'ѓ' | 'ќ' | 'ѕ' => {
                    foreign_cyrillic += 1
                }
                _ => {}
            }
            if crate::normalize::is_cyrillic(c) {
                cyrillic += 1;
            } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
            }
        }
    }
    if cyrillic == 0 && latin == 0 {
        return Language::Other;
    }
    if cyrillic >= latin {
        if foreign_cyrillic > 0 && foreign_cyrillic * 50 >= cyrillic {
            return Language::Other;
        }
        if kazakh_only > 0 {
            return Language::Kk;
        }
        if kyrgyz_kazakh > 0 {
            return Language::Ky;
        }
        return Language::Ru;
    }
    match whatlang::detect_lang(text) {
        Some(whatlang::Lang::Tur) => Language::Tr,
        Some(whatlang::Lang::Eng) => Language::En,
        _ => Language::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_detects_the_three_languages() {
        assert_eq!(detect("Решение городского совета о бюджете на 2024 год"), Language::Ru);
        assert_eq!(detect("Қалалық мәслихаттың шешімі"), Language::Kk);
        assert_eq!(detect("Шаардык кеңештин чечими"), Language::Ky);
        assert_eq!(detect("12.03.2018"), Language::Other);
    }
}
