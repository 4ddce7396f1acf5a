//! Text normalisation: the one place that decides how a word is written in the index.
//!
//! Steps, in order (order matters: look-alikes are resolved on the original case,
//! because Latin `H` stands for Cyrillic `Н` but Latin `h` for Kazakh `һ`):
//!
//! 1. Invisible characters are dropped: soft hyphen U+00AD, zero-width space, joiners
//!    U+200B..U+200D, word joiner U+2060, BOM U+FEFF, and the same written as literal
//!    escapes (`\u200b`), which real documents carry after bad conversions.
//!    The tokenizer handles these; see [`ignorable_escape_len`].
//! 2. Combining marks are composed onto their base (NFC): `е` + U+0308 becomes `ё`.
//! 3. In a word that has Cyrillic letters, Latin look-alikes become their Cyrillic twins
//!    (`a e o p c x y k m t` and capitals `A B E H K M O P C T X Y`); Latin `i` becomes
//!    Kazakh `і` and Latin `h` Kazakh `һ`, as official Kazakh texts typed them; Latin `ə`
//!    becomes `ә`. Old glyphs are mapped everywhere: `ѳ` (fita) to `ө`.
//! 4. Lower case; Turkish dotted capital `İ` becomes plain `i`.
//! 5. `ё` becomes `е`: Russian print omits the diaeresis more often than not, so both
//!    spellings must meet. Kazakh and Kyrgyz loanwords follow Russian spelling here.
//!
//! The [`fold_turkic`] step, used only by the `folded` field, further maps the letters
//! specific to Kazakh and Kyrgyz onto the nearest Russian letter, so a query typed on a
//! Russian keyboard still matches: `ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и`.

/// Returns true for characters that are invisible in print and must not split or
/// change a word: soft hyphen, zero-width space and joiners, word joiner, BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Returns the byte length of a literal escape of an invisible character
/// (`\u200b`, `\u00AD`, `\ufeff` ...) at the start of `text`, if there is one.
pub fn ignorable_escape_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.len() < 6 || bytes[0] != b'\\' || (bytes[1] != b'u' && bytes[1] != b'U') {
        return None;
    }
    let hex = std::str::from_utf8(&bytes[2..6]).ok()?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    let c = char::from_u32(code)?;
    is_invisible(c).then_some(6)
}

/// `char::is_alphabetic` with the common cases first: ASCII and the Cyrillic letters
/// answer from their ranges (the Unicode table search of the general case was a third
/// of language detection's time).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}') {
        true
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric` with the fast cases of [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// Returns true for Cyrillic letters (basic block and supplement).
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

/// Maps a Latin look-alike to its Cyrillic twin, for use inside Cyrillic words.
fn cyrillic_twin(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        't' => 'т',
        'i' => 'і',
        'h' => 'һ',
        'ə' => 'ә',
        'A' => 'А',
        'B' => 'В',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'C' => 'С',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'I' => 'І',
        'Ə' => 'Ә',
        _ => return None,
    })
}

/// Maps a Cyrillic letter that looks like a Latin one to its Latin twin, for use inside
/// Latin words (`Microsоft` typed with a Cyrillic `о`).
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'һ' => 'h',
        'ә' => 'ə',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'І' => 'I',
        'Ә' => 'Ə',
        _ => return None,
    })
}

/// Maps old or foreign glyphs that stand for Kazakh and Kyrgyz letters, in any word,
/// and the letters folded before anything else (`ё`, Turkish `İ`).
fn modern_glyph(c: char) -> char {
    match c {
        'ѳ' => 'ө',
        'Ѳ' => 'Ө',
        'ӊ' => 'ң',
        'Ӊ' => 'Ң',
        'ҥ' => 'ң',
        'Ҥ' => 'Ң',
        // Turkish dotted capital: search wants plain `i` (`İ`.to_lowercase() is `i` and
        // a combining dot), and inside a Cyrillic word it is a Kazakh `і`.
        'İ' => 'I',
        // Folded before look-alikes are weighed, so `е` counts as the twin of `e`.
        'ё' => 'е',
        'Ё' => 'Е',
        other => other,
    }
}

/// Which way look-alike letters of a word are mapped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Leave every letter as it is.
    Keep,
    /// A Cyrillic word with Latin look-alikes: they become Cyrillic.
    Cyrillic,
    /// A Latin word with Cyrillic look-alikes: they become Latin.
    Latin,
}

/// Decides the script of a word. A word with Cyrillic letters whose Latin letters all
/// have a Cyrillic twin is Cyrillic; a word with more Latin than Cyrillic letters whose
/// Cyrillic letters all have a Latin twin is Latin; anything else is left alone.
fn word_script(word: &str) -> Script {
    // Fast path: a word without Latin letters (nor `ə Ə İ`) has nothing to map.
    if word.is_ascii()
        || !(word.bytes().any(|b| b.is_ascii_alphabetic()) || word.contains(['ə', 'Ə', 'İ']))
    {
        return Script::Keep;
    }
    let (mut cyrillic, mut cyrillic_twins, mut latin, mut latin_twins) = (0, 0, 0, 0);
    for c in word.chars().map(modern_glyph) {
        if is_cyrillic(c) {
            cyrillic += 1;
            cyrillic_twins += usize::from(latin_twin(c).is_some());
        } else if c.is_ascii_alphabetic() || matches!(c, 'ə' | 'Ə') {
            latin += 1;
            latin_twins += usize::from(cyrillic_twin(c).is_some());
        }
    }
    if cyrillic == 0 || latin == 0 {
        Script::Keep
    } else if latin_twins == latin {
        Script::Cyrillic
    } else if cyrillic_twins == cyrillic && latin > cyrillic {
        Script::Latin
    } else {
        Script::Keep
    }
}

/// Returns true when a word needs no composition: every character is below U+0300
/// (no combining marks there) or a Cyrillic letter. Nearly every word takes this path.
fn is_plain(word: &str) -> bool {
    word.chars().all(|c| (c as u32) < 0x300 || is_cyrillic(c))
}

/// Normalises one word (already free of invisible characters) into `out`: NFC with
/// leftover diacritics of U+0300..U+036F dropped (stress marks), old glyphs, look-alikes,
/// lower case, `ё`→`е`. `out` is cleared first. Idempotent: normalising the result
/// again gives it back.
pub fn normalize_word_into(word: &str, out: &mut String) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    out.clear();
    if is_plain(word) {
        push_normalized(word, out);
        return;
    }
    let composed: String = word.nfc().filter(|&c| !is_combining(c)).collect();
    push_normalized(&composed, out);
    if !is_plain(out) && is_nfc_quick(out.chars()) != IsNormalized::Yes {
        // Lower-casing can undo composition in rare scripts; compose once more.
        let again: String = out.nfc().filter(|&c| !is_combining(c)).collect();
        *out = again;
    }
    // Canonical reordering can move a mark of lower combining class before a letter
    // that is itself a combining character (`\u{1E000}\u{0ACD}`); a word starts with a
    // letter or digit, as the tokenizer would read the result.
    if let Some(first) = out.find(is_letter_or_digit) {
        out.drain(..first);
    }
}

/// Lower-cases a word written only in the letters of Russian, Kazakh and Kyrgyz (either
/// case, no `ё`) and digits, for which every other step changes nothing: the path of
/// nearly every word. Returns false, with `out` as it was, for any other word.
fn push_plain_cyrillic(word: &str, out: &mut String) -> bool {
    let start = out.len();
    for c in word.chars() {
        let lower = match c {
            'а'..='е' | 'ж'..='я' | '0'..='9' => c,
            'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і' => c,
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => {
                char::from_u32(c as u32 + 1).unwrap_or(c)
            }
            'І' => 'і',
            _ => {
                out.truncate(start);
                return false;
            }
        };
        out.push(lower);
    }
    true
}

/// The per-letter steps of [`normalize_word_into`] on a composed word.
fn push_normalized(word: &str, out: &mut String) {
    if push_plain_cyrillic(word, out) {
        return;
    }
    let script = word_script(word);
    for c in word.chars() {
        let modern = modern_glyph(c);
        let letter = match script {
            Script::Keep => modern,
            Script::Cyrillic => cyrillic_twin(modern).unwrap_or(modern),
            Script::Latin => latin_twin(modern).unwrap_or(modern),
        };
        match letter {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Basic Cyrillic answers from its ranges; the rest from the Unicode tables.
            'а'..='я' | 'ѐ'..='џ' => out.push(letter),
            'А'..='Я' => out.push(char::from_u32(letter as u32 + 0x20).unwrap_or(letter)),
            'Ѐ'..='Џ' => out.push(char::from_u32(letter as u32 + 0x50).unwrap_or(letter)),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Returns a normalised copy of one word. See the module docs for the steps.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_word_into(word, &mut out);
    out
}

/// Normalises a whole text for matching: its words (see [`crate::Words`]: invisible
/// characters and their escapes dropped, words broken across lines joined), each
/// normalised by [`normalize_word`], joined by single spaces.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut words = crate::Words::new(text);
    while words.next_into(&mut word).is_some() {
        // A word of nothing but dropped marks (`\u{0363}` is alphabetic) normalises to
        // nothing.
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Returns true for combining marks that compose onto the preceding letter.
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Maps Kazakh and Kyrgyz letters to the nearest Russian letter, in place.
/// Used by the `folded` field only; see the module docs.
pub fn fold_turkic(word: &mut String) {
    if may_fold(word) {
        let mut folded = String::with_capacity(word.len());
        push_folded(word, &mut folded);
        *word = folded;
    }
}

/// Appends a word folded as [`fold_turkic`] folds it.
pub fn push_folded(word: &str, out: &mut String) {
    if may_fold(word) {
        out.extend(word.chars().map(fold_turkic_char));
    } else {
        out.push_str(word);
    }
}

/// False when no letter of a word is folded, from its bytes alone: every folded letter
/// is encoded with a first byte 0xD2 or 0xD3 or, for `і` (0xD1 0x96), a last byte 0x96.
/// Russian words answer without decoding a character.
#[inline]
fn may_fold(word: &str) -> bool {
    word.bytes().any(|b| matches!(b, 0xD2 | 0xD3 | 0x96))
}

/// Folds one letter as [`fold_turkic`] does.
pub fn fold_turkic_char(c: char) -> char {
    match c {
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'һ' => 'х',
        'і' => 'и',
        other => other,
    }
}

/// Cleans text for display and storage: drops invisible characters and their literal
/// escapes, composes combining marks, and keeps everything else as written.
///
/// One scan over the bytes: ASCII other than `\\` and the letters of
/// [`is_composed_char`] are copied in runs, and only a text with some other character
/// is given to Unicode's quick check (nearly every act is ASCII and Cyrillic; the quick
/// check's table look-up per character, and a push per character, were 5 % of a build).
pub fn clean_text(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    // The text from `run` to `at` is kept as it is.
    let (mut run, mut at) = (0, 0);
    let mut composed = true;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            if byte == b'\\' {
                if let Some(len) = ignorable_escape_len(&text[at..]) {
                    out.push_str(&text[run..at]);
                    at += len;
                    run = at;
                    continue;
                }
            }
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        if is_invisible(c) || c == '\u{FFFD}' {
            out.push_str(&text[run..at]);
            at += c.len_utf8();
            run = at;
            continue;
        }
        composed &= is_composed_char(c);
        at += c.len_utf8();
    }
    out.push_str(&text[run..]);
    if composed || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        return out;
    }
    out.nfc().collect()
}

/// True for characters that are in NFC whatever surrounds them (no canonical
/// decomposition to undo, no combining class, never composed with what follows):
/// Latin-1, the Cyrillic letters (without the combining marks U+0483–U+0489) and
/// general punctuation (without U+2000 and U+2001, which decompose to other spaces).
#[inline]
pub fn is_composed_char(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{02FF}'
            | '\u{0400}'..='\u{0482}'
            | '\u{048A}'..='\u{052F}'
            | '\u{2002}'..='\u{205E}'
            | '\u{2116}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_fast_letter_tests_agree_with_std() {
        for c in ('\0'..='\u{3000}').chain(['\u{1F600}', '\u{10400}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn test_fast_cyrillic_lower_case_agrees_with_std() {
        for c in '\u{0400}'..='\u{045F}' {
            let word = c.to_string();
            let expected: String = modern_glyph(c).to_lowercase().collect();
            let expected = expected.replace('ё', "е");
            assert_eq!(normalize_word(&word), expected, "{c:?}");
        }
    }

    #[test]
    fn test_plain_cyrillic_path_agrees_with_the_general_one() {
        let letters = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі0123456789\
                       АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ";
        for c in letters.chars() {
            let mut fast = String::new();
            assert!(push_plain_cyrillic(&c.to_string(), &mut fast), "{c:?}");
            let general: String = c.to_lowercase().collect();
            assert_eq!(fast, general, "{c:?}");
        }
        let mut out = "x".to_owned();
        assert!(!push_plain_cyrillic("бюджet", &mut out));
        assert_eq!(out, "x");
        assert!(!push_plain_cyrillic("ёлка", &mut out));
    }

    #[test]
    fn test_lowercase_and_yo() {
        assert_eq!(normalize_word("ЁЛКА"), "елка");
        assert_eq!(normalize_word("Ещё"), "еще");
    }

    #[test]
    fn test_combining_diaeresis_composes() {
        assert_eq!(normalize_word("е\u{0308}ж"), "еж");
        assert_eq!(normalize_word("и\u{0306}од"), "йод");
    }

    #[test]
    fn test_latin_lookalikes_in_cyrillic_word() {
        // Latin "i" and "a" inside a Kazakh word.
        assert_eq!(normalize_word("бiлiм"), "білім");
        assert_eq!(normalize_word("Kaзaқстан"), "казақстан");
        // Capital Latin H is Cyrillic Н, small h is Kazakh һ.
        assert_eq!(normalize_word("Hұр"), "нұр");
        assert_eq!(normalize_word("шаhар"), "шаһар");
        assert_eq!(normalize_word("əкім"), "әкім");
        // A Latin word is left Latin.
        assert_eq!(normalize_word("Voronej"), "voronej");
    }

    #[test]
    fn test_old_glyphs() {
        assert_eq!(normalize_word("ѳнер"), "өнер");
        assert_eq!(normalize_word("Ѳмүр"), "өмүр");
        assert_eq!(normalize_word("маҥыз"), "маңыз");
        assert_eq!(normalize_word("Əдiлет"), "әділет");
    }

    #[test]
    fn test_latin_word_with_cyrillic_lookalikes() {
        // Cyrillic "о" and "с" typed into a Latin word go back to Latin.
        assert_eq!(normalize_word("Micrоsоft"), "microsoft");
        assert_eq!(normalize_word("sоund"), "sound");
        // A word with Latin letters that have no Cyrillic twin and as many Cyrillic
        // letters without a Latin twin is left as written (lower-cased).
        assert_eq!(normalize_word("бюджrt"), "бюджrt");
    }

    #[test]
    fn test_nfc_and_stress_marks() {
        // Stress marks of dictionaries and teaching texts are dropped; a composed
        // Latin letter is kept.
        assert_eq!(normalize_word("бюдже\u{0301}т"), "бюджет");
        assert_eq!(normalize_word("cafe\u{0301}"), "café");
        assert_eq!(normalize_word("\u{212B}ngstr\u{00F6}m"), "ångström");
    }

    #[test]
    fn test_normalize_text() {
        assert_eq!(
            normalize_text("Бюд\u{00AD}жет\\u200b  горо-\nдского СОВЕТА, 2024 г."),
            "бюджет городского совета 2024 г"
        );
    }

    #[test]
    fn test_reordered_marks_do_not_lead_a_word() {
        // Glagolitic combining letter (alphabetic) followed by a Gujarati virama: NFC puts
        // the virama first.
        let once = normalize_word("\u{1E000}\u{0ACD}");
        assert_eq!(once, "\u{1E000}");
        assert_eq!(normalize_word(&once), once);
        // A word of one dropped mark leaves no trailing space.
        assert_eq!(normalize_text("ab \u{0363}["), "ab");
    }

    #[test]
    fn test_turkish_dotted_capital() {
        assert_eq!(normalize_word("İlişkiler"), "ilişkiler");
    }

    #[test]
    fn test_fold_turkic() {
        let mut word = normalize_word("Әкімдігінің");
        fold_turkic(&mut word);
        assert_eq!(word, "акимдигинин");
    }

    #[test]
    fn test_clean_text_drops_escapes_and_invisibles() {
        assert_eq!(clean_text("бюд\\u200bжет\u{00AD}ный\u{FEFF}"), "бюджетный");
        assert_eq!(clean_text("path\\user"), "path\\user");
    }

    #[test]
    fn test_clean_text_composes_what_is_not_composed() {
        // Composed text comes back as it is; a combining mark is composed on its letter.
        assert_eq!(clean_text("Ёлка і қала"), "Ёлка і қала");
        assert_eq!(clean_text("е\u{0308}лка и\u{0306}"), "ёлка й");
        // A letter that is composed on its own but not before a mark, and a mark after
        // a letter of the fast set.
        assert_eq!(clean_text("Ёлка и\u{0306} A\u{030A}"), "Ёлка й \u{00C5}");
        assert_eq!(clean_text("\u{2001}\u{2126}"), "\u{2003}\u{03A9}");
    }

    #[test]
    fn test_folding_by_bytes_agrees_with_folding_by_letters() {
        for c in '\0'..='\u{3000}' {
            let word = format!("а{c}б");
            let mut pushed = String::from("x");
            push_folded(&word, &mut pushed);
            let expected: String = word.chars().map(fold_turkic_char).collect();
            assert_eq!(pushed, format!("x{expected}"), "{c:?}");
            let mut folded = word.clone();
            fold_turkic(&mut folded);
            assert_eq!(folded, expected, "{c:?}");
        }
    }

    #[test]
    fn test_composed_chars_need_no_composing() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in ('\0'..='\u{3000}').filter(|c| is_composed_char(*c)) {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn prop_clean_text_is_the_plain_filter_then_nfc(
            text in "([а-яё\\\\u \u{00AD}\u{200B}\u{FEFF}\u{FFFD}\u{0306}\u{0483}\u{2000}-\u{2030}a-f0-9]|\\\\u200b|\\\\uFEFF){0,40}"
        ) {
            use unicode_normalization::UnicodeNormalization;
            let mut plain = String::new();
            let mut rest = text.as_str();
            while let Some(c) = rest.chars().next() {
                if let Some(len) = ignorable_escape_len(rest) {
                    rest = &rest[len..];
                    continue;
                }
                if !is_invisible(c) && c != '\u{FFFD}' {
                    plain.push(c);
                }
                rest = &rest[c.len_utf8()..];
            }
            let expected: String = plain.nfc().collect();
            proptest::prop_assert_eq!(clean_text(&text), expected);
        }
    }
}
