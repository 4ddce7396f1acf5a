//! Plain text in any common Cyrillic encoding: UTF-8 (with or without BOM), UTF-16 with
//! BOM, windows-1251, KOI8-R and CP866, recognised by content.
//!
//! Single-byte encodings are told apart by decoding with each and scoring the result
//! as Cyrillic prose: frequent lower-case letters score, a capital after a lower-case
//! letter inside a word and control or box-drawing characters cost.

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
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
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
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_owned(), encoding: "UTF-8" };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Decoded { text: text.into_owned(), encoding: encoding.name() };
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

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let even_zeros = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zeros = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = bytes.len() / 2;
    if odd_zeros * 3 > half && even_zeros * 10 < half {
        Some(UTF_16LE)
    } else if even_zeros * 3 > half && odd_zeros * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn cyrillic_prose_score(text: &str) -> i64 {
    let mut score = 0i64;
    let mut previous_lower = false;
    for c in text.chars() {
        let lower_cyrillic = ('а'..='я').contains(&c) || c == 'ё';
        let upper_cyrillic = ('А'..='Я').contains(&c) || c == 'Ё';
        if lower_cyrillic {
            score += if "оеаинтсрвлкмдпу".contains(c) { 3 } else { 1 };
        } else if upper_cyrillic {
            score += if previous_lower { -4 } else { 1 };
        } else if ('\u{2500}'..='\u{25FF}').contains(&c) || (c.is_control() && !c.is_whitespace()) {
            score -= 5;
        }
        previous_lower = lower_cyrillic;
    }
    score
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

    #[test]
    fn test_detects_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in SAMPLE.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert!(!looks_binary(&bytes));
        assert_eq!(decode(&bytes).text, SAMPLE);
    }

    #[test]
    fn test_binary_noise_is_binary() {
        let noise: Vec<u8> =
            (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(looks_binary(&noise));
        assert!(!looks_binary(SAMPLE.as_bytes()));
    }
}
