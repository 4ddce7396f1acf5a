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

/// Maps old or foreign glyphs that stand for Kazakh and Kyrgyz letters, in any word.
fn modern_glyph(c: char) -> char {
    match c {
        'ѳ' => 'ө',
        'Ѳ' => 'Ө',
        'ӊ' => 'ң',
        'Ӊ' => 'Ң',
        'ҥ' => 'ң',
        'Ҥ' => 'Ң',
        other => other,
    }
}

/// Normalises one word (already free of invisible characters) into `out`:
/// composition, look-alikes, lower case, `ё`→`е`. `out` is cleared first.
pub fn normalize_word_into(word: &str, out: &mut String) {
    out.clear();
    let has_cyrillic = word.chars().any(is_cyrillic);
    let mut previous: Option<char> = None;
    let push = |c: char, out: &mut String, previous: &mut Option<char>| {
        for lower in lowercase(c) {
            let folded = match lower {
                'ё' => 'е',
                other => other,
            };
            out.push(folded);
            *previous = Some(folded);
        }
    };
    for c in word.chars() {
        if is_combining(c) {
            // Compose onto the letter before: е + ̈ = ё (then folded to е), и + ̆ = й.
            if let Some(base) = previous {
                if let Some(composed) = unicode_normalization::char::compose(base, c) {
                    out.pop();
                    push(composed, out, &mut previous);
                }
            }
            continue;
        }
        let modern = modern_glyph(c);
        let letter = if has_cyrillic { cyrillic_twin(modern).unwrap_or(modern) } else { modern };
        push(letter, out, &mut previous);
    }
}

/// Returns a normalised copy of one word. See the module docs for the steps.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_word_into(word, &mut out);
    out
}

fn lowercase(c: char) -> impl Iterator<Item = char> {
    // `İ`.to_lowercase() is `i` + combining dot; search wants plain `i`.
    let special = if c == 'İ' { Some('i') } else { None };
    let regular = if special.is_none() { Some(c.to_lowercase()) } else { None };
    special.into_iter().chain(regular.into_iter().flatten())
}

/// Returns true for combining marks that compose onto the preceding letter.
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Maps Kazakh and Kyrgyz letters to the nearest Russian letter, in place.
/// Used by the `folded` field only; see the module docs.
pub fn fold_turkic(word: &mut String) {
    if !word.chars().any(|c| matches!(c, 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'))
    {
        return;
    }
    *word = word
        .chars()
        .map(|c| match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' => 'и',
            other => other,
        })
        .collect();
}

/// Cleans text for display and storage: drops invisible characters and their literal
/// escapes, composes combining marks, and keeps everything else as written.
pub fn clean_text(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = ignorable_escape_len(rest) {
            rest = &rest[len..];
            continue;
        }
        if !is_invisible(c) && c != '\u{FFFD}' {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
