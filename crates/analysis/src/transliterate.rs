//! Kazakh and Kyrgyz typed in Latin letters, read back into Cyrillic so that a query
//! finds the Cyrillic text the centre holds.
//!
//! What it reads:
//! - the Kazakh Latin alphabet of 2021 (`ä ö ü ū ğ q ñ ş ç ı i`): `qalalyq`, `mektep`,
//!   `Qazaqstan`, `ğylym`, `şeşım`;
//! - the informal spellings people type without those letters, and the Russian-style
//!   transliteration of Kazakh and Kyrgyz words: digraphs `sh ch zh kh gh ts shch`,
//!   `ya yu yo`, `y` for `ы` (and `й` after a vowel), `j` and `dj` for `ж`/`дж`,
//!   `w` for `у`.
//!
//! One Latin spelling stands for several Cyrillic ones (`u` is `у ұ ү`, `i` is `і и`,
//! `budjet` is `бюджет`), so the result is one reading, not the only one: the engine
//! matches it against the stems' root fields and, for a word of five letters or more,
//! within one edit against the folded field, where the Kazakh and Kyrgyz letters are
//! folded to their nearest Russian ones anyway.

/// Returns the Cyrillic reading of a text written in Latin letters, or `None` when it
/// has no Latin letter or also has Cyrillic ones (nothing to read back).
///
/// ```
/// use zan_analysis::transliterate::latin_to_cyrillic;
///
/// assert_eq!(latin_to_cyrillic("mektep").as_deref(), Some("мектеп"));
/// assert_eq!(latin_to_cyrillic("Qalalyq budjet").as_deref(), Some("қалалық буджет"));
/// assert_eq!(latin_to_cyrillic("мектеп"), None);
/// ```
pub fn latin_to_cyrillic(text: &str) -> Option<String> {
    let mut latin = false;
    for c in text.chars() {
        if crate::normalize::is_cyrillic(c) {
            return None;
        }
        latin |= c.is_alphabetic();
    }
    if !latin {
        return None;
    }
    let letters: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < letters.len() {
        match read_one(&letters, i) {
            (Some(cyrillic), taken) => {
                out.push_str(cyrillic);
                i += taken;
            }
            (None, _) => {
                out.push(letters[i]); // digits, spaces, punctuation
                i += 1;
            }
        }
    }
    Some(out)
}

fn is_latin_vowel(c: char) -> bool {
    "aäeioöuüūıy".contains(c)
}

/// The Cyrillic of the Latin letters at `i` (`None`: not a letter), and how many
/// letters it took.
fn read_one(letters: &[char], i: usize) -> (Option<&'static str>, usize) {
    let at = |k: usize| letters.get(i + k).copied();
    let previous = i.checked_sub(1).map(|k| letters[k]);
    match (at(0), at(1)) {
        (Some('s'), Some('h')) if at(2) == Some('c') && at(3) == Some('h') => (Some("щ"), 4),
        (Some('s'), Some('h')) => (Some("ш"), 2),
        (Some('c'), Some('h')) => (Some("ч"), 2),
        (Some('z'), Some('h')) => (Some("ж"), 2),
        (Some('k'), Some('h')) => (Some("х"), 2),
        (Some('g'), Some('h')) => (Some("ғ"), 2),
        (Some('t'), Some('s')) => (Some("ц"), 2),
        (Some('y'), Some('a')) => (Some("я"), 2),
        (Some('y'), Some('u')) => (Some("ю"), 2),
        (Some('y'), Some('o')) => (Some("ё"), 2),
        // `y` after a vowel closes its syllable (`bay`, `jaylau`): `й`; elsewhere `ы`.
        (Some('y'), _) if previous.is_some_and(is_latin_vowel) => (Some("й"), 1),
        (Some(c), _) => (letter(c), 1),
        (None, _) => (None, 1),
    }
}

/// The Cyrillic of one Latin letter (`None` for any other character).
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'a' => "а",
        'ä' | 'ə' => "ә",
        'b' => "б",
        'c' => "ц",
        'ç' => "ч",
        'd' => "д",
        'e' => "е",
        'f' => "ф",
        'g' => "г",
        'ğ' => "ғ",
        'h' => "х",
        'ı' | 'y' => "ы",
        // `i` is Kazakh `і` in the 2021 alphabet and `и` when typed informally; the
        // folded field, where `і` is `и`, takes either.
        'i' | 'ï' => "и",
        'j' => "ж",
        'k' => "к",
        'l' => "л",
        'm' => "м",
        'n' => "н",
        'ñ' => "ң",
        'o' => "о",
        'ö' => "ө",
        'p' => "п",
        'q' => "қ",
        'r' => "р",
        's' => "с",
        'ş' => "ш",
        't' => "т",
        'u' | 'w' => "у",
        'ū' => "ұ",
        'ü' => "ү",
        'v' => "в",
        'x' => "х",
        'z' => "з",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_reads_the_2021_alphabet_and_informal_spellings() {
        for (latin, cyrillic) in [
            ("mektep", "мектеп"),
            ("qalalyq", "қалалық"),
            ("Qazaqstan", "қазақстан"),
            ("ğylym", "ғылым"),
            ("şeşım", "шешым"),
            ("äkımdık", "әкымдык"),
            ("öner", "өнер"),
            ("tüsınık", "түсынык"),
            ("ūlttyq", "ұлттық"),
            ("ñ", "ң"),
            ("shyghys", "шығыс"),
            ("zhol", "жол"),
            ("jol", "жол"),
            ("bay", "бай"),
            ("Almaty", "алматы"),
            ("yasha", "яша"),
            ("budjet", "буджет"),
            ("2023-jyly", "2023-жылы"),
        ] {
            assert_eq!(latin_to_cyrillic(latin).as_deref(), Some(cyrillic), "{latin}");
        }
    }

    #[test]
    fn test_leaves_cyrillic_and_digits_alone() {
        assert_eq!(latin_to_cyrillic("мектеп"), None);
        assert_eq!(latin_to_cyrillic("mektep мектеп"), None, "mixed text is not read back");
        assert_eq!(latin_to_cyrillic("2023"), None);
        assert_eq!(latin_to_cyrillic(""), None);
    }
}
