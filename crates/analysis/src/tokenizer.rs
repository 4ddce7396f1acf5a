//! The word tokenizer shared by every analyzer.
//!
//! Contract (snippets depend on it): `offset_from..offset_to` is a byte range of the
//! original text on char boundaries, covering the word as printed; positions increase
//! by one per emitted token; token text is normalised (see [`crate::normalize`]) and at
//! most [`MAX_TOKEN_BYTES`] long (longer words are dropped, as tantivy's
//! `RemoveLongFilter` would).
//!
//! A word is a run of letters, digits and combining marks. Literal escapes of invisible
//! characters (`\u200b`) between words are skipped like spaces. Inside a word, invisible
//! characters and their literal escapes are skipped, and a hyphen at the end of a line
//! followed by a lower-case letter on the next line joins the two halves of a broken
//! word (`бюд-\nжет` is `бюджет`); a hyphen followed by a capital keeps them apart.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use unicode_normalization::char::is_combining_mark;

use crate::normalize::{
    ignorable_escape_len, is_invisible, is_letter_or_digit, normalize_word_into,
};

/// Longest token kept, in bytes of normalised text.
pub const MAX_TOKEN_BYTES: usize = 80;

/// A word found in text: its byte range in the original and its normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first character.
    pub from: usize,
    /// Byte offset just past the last character.
    pub to: usize,
    /// The normalised word.
    pub text: String,
}

/// Iterates over the words of a text. Used by the tantivy tokenizer and by language
/// detection, so both see the same words.
pub struct Words<'a> {
    text: &'a str,
    position: usize,
    /// The last word's characters when something inside it was skipped (`gapped`);
    /// otherwise the word is its slice of the text and nothing is copied.
    raw: String,
    gapped: bool,
}

impl<'a> Words<'a> {
    /// Starts iterating over the words of `text`.
    pub fn new(text: &'a str) -> Self {
        Words { text, position: 0, raw: String::new(), gapped: false }
    }

    /// Returns the next word's range; when characters inside it were skipped
    /// (invisible ones, escapes, line-break hyphens), sets `gapped` and fills `self.raw`
    /// with the word's characters.
    fn next_raw(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        // Skip to the start of a word.
        let mut start = None;
        while self.position < text.len() {
            let rest = &text[self.position..];
            let c = rest.chars().next().expect("position is on a char boundary");
            if is_letter_or_digit(c) {
                start = Some(self.position);
                break;
            }
            // `\u200b` before a word is not the word `u200b...`.
            self.position += ignorable_escape_len(rest).unwrap_or(c.len_utf8());
        }
        let start = start?;
        self.raw.clear();
        self.gapped = false;
        let mut end = start;
        while self.position < text.len() {
            let rest = &text[self.position..];
            let c = rest.chars().next().expect("position is on a char boundary");
            if is_letter_or_digit(c) || (!c.is_ascii() && is_combining_mark(c)) {
                if self.gapped {
                    self.raw.push(c);
                }
                self.position += c.len_utf8();
                end = self.position;
                continue;
            }
            let skip = if is_invisible(c) {
                c.len_utf8()
            } else if let Some(len) = ignorable_escape_len(rest) {
                len
            } else if let Some(skip) = line_break_hyphen(rest) {
                skip
            } else {
                break;
            };
            if !self.gapped {
                self.gapped = true;
                self.raw.push_str(&text[start..end]);
            }
            self.position += skip;
        }
        Some((start, end))
    }

    /// The characters of the word [`Words::next_raw`] last found at `from..to`.
    fn raw_word(&self, from: usize, to: usize) -> &str {
        if self.gapped {
            &self.raw
        } else {
            &self.text[from..to]
        }
    }
}

/// If `rest` starts with a hyphen that ends a line and the next line goes on with a
/// lower-case letter, returns the number of bytes to skip to that letter.
fn line_break_hyphen(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !matches!(first, '-' | '\u{2010}' | '\u{00AD}') {
        return None;
    }
    let mut saw_newline = false;
    for (index, c) in chars {
        match c {
            '\n' => saw_newline = true,
            ' ' | '\t' | '\r' => {}
            c if saw_newline && c.is_lowercase() => return Some(index),
            _ => return None,
        }
    }
    None
}

impl Words<'_> {
    /// Puts the next word's normalised form into `out` (cleared first) and returns its
    /// byte range in the original text: [`Iterator::next`] without an allocation.
    pub fn next_into(&mut self, out: &mut String) -> Option<(usize, usize)> {
        let (from, to) = self.next_raw()?;
        normalize_word_into(self.raw_word(from, to), out);
        Some((from, to))
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let (from, to) = self.next_raw()?;
        let raw = self.raw_word(from, to);
        let mut text = String::with_capacity(raw.len());
        normalize_word_into(raw, &mut text);
        Some(Word { from, to, text })
    }
}

/// The tantivy tokenizer over [`Words`], dropping words over [`MAX_TOKEN_BYTES`].
#[derive(Clone, Default)]
pub struct ZanTokenizer {
    token: Token,
}

/// The token stream of [`ZanTokenizer`].
pub struct ZanTokenStream<'a> {
    words: Words<'a>,
    token: &'a mut Token,
}

impl Tokenizer for ZanTokenizer {
    type TokenStream<'a> = ZanTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ZanTokenStream<'a> {
        self.token.reset();
        self.token.position = usize::MAX;
        ZanTokenStream { words: Words::new(text), token: &mut self.token }
    }
}

impl TokenStream for ZanTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.words.next_into(&mut self.token.text) {
            if self.token.text.len() > MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = self.token.position.wrapping_add(1);
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, &str)> {
        Words::new(text).map(|w| (w.text, &text[w.from..w.to])).collect()
    }

    #[test]
    fn test_splits_on_punctuation_and_keeps_offsets() {
        let found = words("Решение № 12-п, от «12» марта.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["решение", "12", "п", "от", "12", "марта"]);
        assert_eq!(found[0].1, "Решение");
    }

    #[test]
    fn test_joins_word_broken_at_line_end() {
        let found = words("городско-\n  го бюджета");
        assert_eq!(found[0].0, "городского");
        assert_eq!(found[0].1, "городско-\n  го");
        // A compound broken before a capital stays two words.
        let compound = words("Иссык-\nКуль");
        assert_eq!(compound.len(), 2);
    }

    #[test]
    fn test_skips_invisible_and_escaped_characters() {
        let found = words("бюд\u{00AD}жет мәс\\u200bлихат");
        assert_eq!(found[0].0, "бюджет");
        assert_eq!(found[1].0, "мәслихат");
        assert_eq!(found[1].1, "мәс\\u200bлихат");
        // Escapes between words, as in real converted documents.
        let found = words("sık \\u200b\\u200bsık \\uFEFFбюджет");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["sık", "sık", "бюджет"]);
        assert_eq!(found[1].1, "sık");
    }

    /// Kyrgyz place names are hyphenated compounds whose last part takes the case
    /// ending (`Ысык-Көлдө`, "at Issyk-Kul"): the parts are words of their own, at
    /// consecutive positions, so the name is found as a phrase and by either part.
    #[test]
    fn test_hyphenated_compound_is_its_parts_in_order() {
        let found = words("Ысык-Көлдө, Жалал-Абаддагы жана Нарын облусунда");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["ысык", "көлдө", "жалал", "абаддагы", "жана", "нарын", "облусунда"]);
        assert_eq!(found[1].1, "Көлдө", "the offsets cover the part only");
        // Dashes of other kinds join the parts the same way.
        let dashes: Vec<String> =
            Words::new("Ысык\u{2010}Көл Ысык\u{2011}Көл").map(|w| w.text).collect();
        assert_eq!(dashes, ["ысык", "көл", "ысык", "көл"]);
    }

    /// A number with a case ending (`2023-жылы` "in 2023", `15-майда` "on 15 May",
    /// `5-беренеде` "in article 5") is the number and the word, so both are searchable.
    #[test]
    fn test_number_with_suffix_is_number_and_word() {
        let found = words("2023-жылы 15-майда 5-беренеде");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["2023", "жылы", "15", "майда", "5", "беренеде"]);
    }

    #[test]
    fn test_kyrgyz_analysis_of_compounds_and_numbers() {
        let mut analyzer = crate::language_analyzer(crate::Language::Ky);
        let mut terms = |text: &str| crate::analyze_with(&mut analyzer, text);
        // The case form and the dictionary form of the compound give the same terms.
        assert_eq!(terms("Ысык-Көлдө"), terms("Ысык-Көл"));
        assert_eq!(terms("Ысык-Көлдө").len(), 2);
        assert_eq!(terms("Нарын облусунда"), terms("Нарын облусу"));
        // The number stays whole; the word after it is stemmed like any other.
        assert_eq!(terms("2023-жылы"), terms("2023 жыл"));
        assert_eq!(terms("15-майда")[0], "15");
    }

    #[test]
    fn test_token_stream_positions_and_long_words() {
        let long = "ж".repeat(100);
        let text = format!("один {long} два");
        let mut tokenizer = ZanTokenizer::default();
        let mut stream = tokenizer.token_stream(&text);
        let mut seen = Vec::new();
        while stream.advance() {
            let token = stream.token();
            seen.push((token.text.clone(), token.position));
        }
        assert_eq!(seen, [("один".to_owned(), 0), ("два".to_owned(), 1)]);
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::normalize::{normalize_text, normalize_word};

    /// Text built from the pieces that make tokenizing and normalising hard: Cyrillic
    /// and Latin look-alikes, Kazakh letters, combining marks, invisible characters and
    /// their escapes, hyphens at line ends, `ё`, Turkish `İ`, digits and punctuation.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "а", "б", "Ё", "ё", "Қ", "ә", "ң", "ѳ", "Ѳ", "ҥ", "і", "a", "e", "o", "p", "c", "x",
            "y", "H", "B", "i", "h", "ə", "Ə", "r", "İ", "ß", "Σ", "ς", "\u{0301}", "\u{0308}",
            "\u{0306}", "\u{0483}", "\u{00AD}", "\u{200B}", "\u{FEFF}", "\\u200b", "\\u00AD",
            "\\uFEFF", "\\u0041", "\\", "-\n", "-\n ", "\n", " ", ".", "1", "²", "日", "ǅ", "ﬁ",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![tricky_text(), any::<String>()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn prop_normalize_word_is_idempotent(text in any_text()) {
            for word in Words::new(&text) {
                prop_assert_eq!(normalize_word(&word.text), word.text.clone(), "{:?}", text);
            }
        }

        #[test]
        fn prop_normalize_text_is_idempotent(text in any_text()) {
            let once = normalize_text(&text);
            prop_assert_eq!(normalize_text(&once), once.clone(), "{:?}", text);
        }

        #[test]
        fn prop_offsets_cover_the_original_word(text in any_text()) {
            let mut last_end = 0;
            for word in Words::new(&text) {
                prop_assert!(word.from < word.to && word.to <= text.len());
                prop_assert!(text.is_char_boundary(word.from) && text.is_char_boundary(word.to));
                prop_assert!(word.from >= last_end, "overlapping words in {:?}", text);
                last_end = word.to;
                let original = &text[word.from..word.to];
                prop_assert!(original.chars().next().is_some_and(char::is_alphanumeric));
                // The original slice on its own is that same one word.
                let again: Vec<Word> = Words::new(original).collect();
                prop_assert_eq!(again.len(), 1, "{:?} in {:?}", original, text);
                prop_assert_eq!(&again[0].text, &word.text);
                prop_assert_eq!((again[0].from, again[0].to), (0, original.len()));
            }
        }

        #[test]
        fn prop_token_stream_agrees_with_words(text in any_text()) {
            let mut tokenizer = ZanTokenizer::default();
            let mut stream = tokenizer.token_stream(&text);
            let mut tokens = Vec::new();
            while stream.advance() {
                let token = stream.token();
                tokens.push((token.offset_from, token.offset_to, token.text.clone()));
            }
            let words: Vec<(usize, usize, String)> = Words::new(&text)
                .filter(|w| w.text.len() <= MAX_TOKEN_BYTES)
                .map(|w| (w.from, w.to, w.text))
                .collect();
            prop_assert_eq!(tokens, words);
        }
    }
}
