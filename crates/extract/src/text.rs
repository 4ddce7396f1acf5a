//! Plain text in any common Cyrillic encoding: UTF-8 (with or without BOM), UTF-16 (with
//! or without BOM), windows-1251, KOI8-R and CP866, recognised by content.
//!
//! UTF-16 without a byte-order mark is recognised by the blocks its code units fall in:
//! the text of an act is Basic Latin and Latin-1 (high byte `0x00`), Cyrillic with the
//! Kazakh and Kyrgyz letters (`0x04`) and general punctuation such as `—`, `…`, `№`
//! (`0x20`, `0x21`). Read in the wrong byte order, or read from UTF-8 or binary data,
//! the same bytes make code units of CJK or other far blocks.
//!
//! Single-byte encodings are told apart by decoding with each and scoring the result
//! as Cyrillic prose: the likelihood of its letters (case-folded) under Russian letter
//! frequencies, a cost for a capital right after a lower-case letter, and a cost for
//! control, box-drawing and other characters prose does not have.

use encoding_rs::{Encoding, IBM866, KOI8_R, UTF_16BE, UTF_16LE, WINDOWS_1251};

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's name, e.g. `UTF-8` or `windows-1251`.
    pub encoding: &'static str,
}

/// Returns true if the bytes look like binary data rather than text: NUL bytes, or
/// many control characters.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.starts_with(&[0xFF, 0xFE])
        || sample.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(sample).is_some()
    {
        return false; // UTF-16 has NULs by design.
    }
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    sample.contains(&0) || controls * 100 > sample.len().max(1)
}

/// Decodes text bytes, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Decoded { text: text.into_owned(), encoding: encoding.name() };
    }
    // Before UTF-8: ASCII and Cyrillic in UTF-16 are valid UTF-8 too (`а` is `30 04`),
    // read as control characters; UTF-8 text never passes the UTF-16 test.
    if let Some(encoding) = utf16_without_bom(&bytes[..bytes.len().min(UTF16_SAMPLE_BYTES)]) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Decoded { text: text.into_owned(), encoding: encoding.name() };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_owned(), encoding: "UTF-8" };
    }
    decode_single_byte(bytes)
}

/// Decodes with the best-scoring single-byte Cyrillic encoding.
pub fn decode_single_byte(bytes: &[u8]) -> Decoded {
    let mut best: Option<(i64, Decoded)> = None;
    for encoding in [WINDOWS_1251, KOI8_R, IBM866] {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let score = cyrillic_prose_score(&text);
        if best.as_ref().is_none_or(|(best_score, _)| score > *best_score) {
            best = Some((score, Decoded { text: text.into_owned(), encoding: encoding.name() }));
        }
    }
    best.expect("three encodings were scored").1
}

/// Bytes looked at to recognise UTF-16 without a byte-order mark.
const UTF16_SAMPLE_BYTES: usize = 64 * 1024;

/// Share of code units (in per cent) that must be in the blocks of [`is_act_code_unit`]
/// for bytes to be taken as UTF-16: a stray symbol or letter of another block is
/// allowed, while the wrong byte order or other data scores near zero.
const UTF16_MIN_PERCENT: usize = 95;

/// Whether a UTF-16 code unit is one the text of an act is made of: white space, Basic
/// Latin and Latin-1 without control characters, Cyrillic (U+0400-U+04FF, Kazakh and
/// Kyrgyz letters included), general punctuation (U+2000-U+206F) and letterlike
/// symbols (U+2100-U+214F, for `№`).
fn is_act_code_unit(unit: u16) -> bool {
    matches!(unit, 0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E | 0xA0..=0xFF)
        || (0x0400..=0x04FF).contains(&unit)
        || (0x2000..=0x206F).contains(&unit)
        || (0x2100..=0x214F).contains(&unit)
}

/// Recognises UTF-16 without a byte-order mark from the code units' blocks (see the
/// module header); an odd last byte (a cut file) is ignored.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let units = bytes.len() / 2;
    if units < 2 {
        return None;
    }
    let pairs = || bytes.chunks_exact(2);
    let little = pairs().filter(|p| is_act_code_unit(u16::from_le_bytes([p[0], p[1]]))).count();
    let big = pairs().filter(|p| is_act_code_unit(u16::from_be_bytes([p[0], p[1]]))).count();
    if little * 100 >= units * UTF16_MIN_PERCENT && little > big {
        Some(UTF_16LE)
    } else if big * 100 >= units * UTF16_MIN_PERCENT && big > little {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Log-likelihood ratio (times 100) of each Russian letter `а..я` (then `ё`) against
/// letters drawn uniformly, `100 * ln(frequency * 33)`: frequent letters score, rare ones
/// cost. Mis-decoded Cyrillic is the right letters permuted, so its letters are on
/// average rarer than those of the right decoding. Precomputed from the letters'
/// frequencies in Russian prose (`LETTER_FREQUENCY` in the tests, which check it).
const LETTER_WEIGHT: [i64; 33] = [
    97, -64, 40, -58, -2, 103, -117, -61, 89, -92, 14, 37, 6, 79, 129, -8, 45, 59, 73, -15, -246,
    -114, -184, -74, -142, -213, -433, -47, -55, -225, -155, -41, -433,
];

fn letter_weight(folded: char) -> i64 {
    match folded {
        'а'..='я' => LETTER_WEIGHT[folded as usize - 'а' as usize],
        'ё' => LETTER_WEIGHT[32],
        _ => 0,
    }
}

/// Scores decoded text as Cyrillic prose: the letters' frequencies (case-folded, so a
/// text all in capitals is judged too), a capital right after a lower-case letter (the
/// case inversion between KOI8-R and windows-1251), and characters prose never has.
fn cyrillic_prose_score(text: &str) -> i64 {
    let mut score = 0i64;
    let mut previous_lower = false;
    for c in text.chars() {
        let lower_cyrillic = ('а'..='я').contains(&c) || c == 'ё';
        let upper_cyrillic = ('А'..='Я').contains(&c) || c == 'Ё';
        if lower_cyrillic {
            score += letter_weight(c);
        } else if upper_cyrillic {
            let folded = c.to_lowercase().next().unwrap_or(c);
            score += letter_weight(folded) - if previous_lower { 400 } else { 0 };
        } else if ('\u{2500}'..='\u{25FF}').contains(&c) || (c.is_control() && !c.is_whitespace()) {
            score -= 500;
        } else if !c.is_ascii() && !"«»–—№„“”…’‘•·°§".contains(c) {
            // Other letters and signs of the code pages (Ђ, ў, Ї, ©, ...) are rare in
            // Russian prose and common in mis-decodings.
            score -= 300;
        }
        previous_lower = lower_cyrillic;
    }
    score - 300 * mixed_case_lines(text)
}

/// Counts, over the lines, words in capitals (four letters or more, so not an
/// abbreviation) standing on one line with words in lower case: a line of prose is
/// either in capitals or not, while a windows-1251/KOI8-R mix-up turns the capitalised
/// words of a line into `xXXXX` and its lower-case words into capitals.
/// `Some(true)` for a capital letter, `Some(false)` for another letter, `None` for
/// anything else; ASCII and basic Cyrillic without the Unicode tables.
fn letter_case(c: char) -> Option<bool> {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => Some(true),
        'a'..='z' | 'а'..='я' | 'ё' => Some(false),
        c if c.is_ascii() => None,
        c if c.is_alphabetic() => Some(c.is_uppercase()),
        _ => None,
    }
}

fn mixed_case_lines(text: &str) -> i64 {
    let mut total = 0;
    for line in text.lines() {
        let (mut lower, mut upper) = (0i64, 0i64);
        for word in line.split_whitespace() {
            let letters = word.chars().filter_map(letter_case);
            let (count, uppers) =
                letters.fold((0, 0), |(n, u), upper| (n + 1, u + usize::from(upper)));
            if count > 0 && uppers == 0 {
                lower += 1;
            } else if count >= 4 && uppers == count {
                upper += 1;
            }
        }
        total += lower.min(upper);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "Решение городского совета о бюджете на следующий год принято единогласно.";

    #[test]
    fn test_detects_single_byte_encodings() {
        for encoding in [WINDOWS_1251, KOI8_R, IBM866] {
            let (bytes, _, _) = encoding.encode(SAMPLE);
            let decoded = decode(&bytes);
            assert_eq!(decoded.text, SAMPLE, "{}", encoding.name());
            assert_eq!(decoded.encoding, encoding.name());
        }
    }

    /// Frequency of each Russian letter `а..я` (then `ё`) in running text, per 10,000
    /// letters (the textbook figures for Russian prose, rounded).
    const LETTER_FREQUENCY: [u32; 33] = [
        801, 159, 454, 170, 298, 845, 94, 165, 735, 121, 349, 440, 321, 670, 1097, 281, 473, 547,
        626, 262, 26, 97, 48, 144, 73, 36, 4, 190, 174, 32, 64, 201, 4,
    ];

    #[test]
    fn test_letter_weights_follow_frequencies() {
        for (frequency, weight) in LETTER_FREQUENCY.iter().zip(LETTER_WEIGHT) {
            let expected = (100.0 * (f64::from(*frequency) / 10_000.0 * 33.0).ln()).round();
            assert_eq!(weight, expected as i64);
        }
    }

    #[test]
    fn test_detects_headers_in_capitals() {
        // No lower-case letter to go by: only the letters' frequencies tell.
        let header = "ГОРОДСКОЙ СОВЕТ ГОРОДА ЖАНАТУМАР\nРЕШЕНИЕ\nО ГОРОДСКОМ БЮДЖЕТЕ НА 2024 ГОД";
        for encoding in [WINDOWS_1251, KOI8_R, IBM866] {
            let (bytes, _, _) = encoding.encode(header);
            let decoded = decode(&bytes);
            assert_eq!(decoded.text, header, "{}", encoding.name());
            assert_eq!(decoded.encoding, encoding.name());
        }
    }

    #[test]
    fn test_detects_short_mixed_case_lines() {
        for text in ["Приказ от 5 мая", "О бюджете", "Мэрия города"] {
            for encoding in [WINDOWS_1251, KOI8_R, IBM866] {
                let (bytes, _, _) = encoding.encode(text);
                assert_eq!(decode(&bytes).text, text, "{text} in {}", encoding.name());
            }
        }
    }

    #[test]
    fn test_utf8_with_and_without_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(SAMPLE.as_bytes());
        assert_eq!(decode(&bytes), Decoded { text: SAMPLE.to_owned(), encoding: "UTF-8" });
        assert_eq!(decode(SAMPLE.as_bytes()).encoding, "UTF-8");
    }

    #[test]
    fn test_detects_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in SAMPLE.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert!(!looks_binary(&bytes));
        assert_eq!(decode(&bytes).text, SAMPLE);
        let mut big_endian = vec![0xFE, 0xFF];
        for unit in SAMPLE.encode_utf16() {
            big_endian.extend(unit.to_be_bytes());
        }
        assert!(!looks_binary(&big_endian));
        assert_eq!(decode(&big_endian), Decoded { text: SAMPLE.to_owned(), encoding: "UTF-16BE" });
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() })
            .collect()
    }

    /// Issue 10, item 9: UTF-16 without a byte-order mark was refused as binary.
    #[test]
    fn test_detects_utf16_without_bom() {
        let kazakh = "Қала әкімдігінің қаулысы № 5 — 2024 жылғы бюджет туралы.\r\n";
        for text in [SAMPLE, kazakh, "Budget 2024: article 5.", "Бюджет"] {
            for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
                let bytes = utf16(text, big_endian);
                assert!(!looks_binary(&bytes), "{name}: {text}");
                assert_eq!(decode(&bytes), Decoded { text: text.to_owned(), encoding: name });
            }
        }
    }

    #[test]
    fn test_utf8_and_binary_are_not_taken_for_utf16() {
        assert_eq!(utf16_without_bom(SAMPLE.as_bytes()), None);
        assert_eq!(utf16_without_bom("Budget 2024".as_bytes()), None);
        assert_eq!(utf16_without_bom(&[0u8; 64]), None);
        let integers: Vec<u8> = (0..256u32).flat_map(|n| (n * 977).to_le_bytes()).collect();
        assert_eq!(utf16_without_bom(&integers), None);
        assert!(looks_binary(&integers));
    }

    #[test]
    fn test_binary_noise_is_binary() {
        let noise: Vec<u8> =
            (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(looks_binary(&noise));
        assert!(!looks_binary(SAMPLE.as_bytes()));
    }
}
