//! Words, folding of the Kazakh and Kyrgyz letters, and the masking of spans.

/// A word: a maximal run of letters and digits, with its byte span and folded form.
#[derive(Debug, Clone)]
pub(super) struct Word<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
    pub(super) folded: String,
}

/// A letter or a digit; Cyrillic letters are recognised without the slow Unicode lookup.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{400}'..='\u{4ff}').contains(&c) && !('\u{482}'..='\u{489}').contains(&c))
        || (!c.is_ascii() && c.is_alphanumeric())
}

pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut start = None;
    let mut push = |start: usize, end: usize| {
        let word = &text[start..end];
        found.push(Word { start, end, text: word, folded: fold(word) });
    };
    for (index, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(index);
        } else if let Some(begin) = start.take() {
            push(begin, index);
        }
    }
    if let Some(begin) = start {
        push(begin, text.len());
    }
    found
}

/// Lowers a word and folds the Kazakh and Kyrgyz letters (and `ё`) to their nearest Russian
/// letter; inside a Cyrillic word, Latin look-alike letters become Cyrillic.
pub(super) fn fold(word: &str) -> String {
    let cyrillic = word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        // Fast paths for the letters of nearly every word: ASCII and the basic Cyrillic
        // capitals (А..Я are а..я minus 0x20); anything else through the Unicode tables.
        let lower = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            c if c.is_ascii() || ('а'..='я').contains(&c) => c,
            c => {
                let mut lowered = c.to_lowercase();
                match (lowered.next(), lowered.next()) {
                    (Some(single), None) => single,
                    (Some(first), Some(second)) => {
                        // Expanding lower cases (`İ` -> `i̇`): kept whole.
                        folded.push(fold_letter(first, cyrillic));
                        folded.push(second);
                        folded.extend(lowered);
                        continue;
                    }
                    _ => c,
                }
            }
        };
        folded.push(fold_letter(lower, cyrillic));
    }
    folded
}

/// Folds one lower-case letter: Kazakh and Kyrgyz letters and `ё` to their nearest
/// Russian letter; inside a Cyrillic word, Latin look-alikes to Cyrillic.
pub(super) fn fold_letter(c: char, cyrillic: bool) -> char {
    match c {
        'қ' => 'к',
        'ә' => 'а',
        'і' => 'и',
        'ң' => 'н',
        'ғ' => 'г',
        'ү' | 'ұ' => 'у',
        'ө' => 'о',
        'һ' => 'х',
        'ё' => 'е',
        'i' if cyrillic => 'и',
        'a' if cyrillic => 'а',
        'e' if cyrillic => 'е',
        'o' if cyrillic => 'о',
        'p' if cyrillic => 'р',
        'c' if cyrillic => 'с',
        'x' if cyrillic => 'х',
        'k' if cyrillic => 'к',
        'y' if cyrillic => 'у',
        'm' if cyrillic => 'м',
        't' if cyrillic => 'т',
        other => other,
    }
}

pub(super) fn starts_with_any(word: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| word.starts_with(prefix))
}

/// True when the letters of `text` are (nearly) all capitals.
pub(super) fn is_caps(text: &str) -> bool {
    let (upper, letters) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| (u + usize::from(c.is_uppercase()), l + 1));
    letters >= 2 && upper * 10 >= letters * 9
}

pub(super) fn starts_uppercase(text: &str) -> bool {
    text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

pub(super) fn starts_lowercase(text: &str) -> bool {
    text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
}

/// Replaces the bytes of the given spans by spaces, keeping every other byte offset.
pub(super) fn mask_spans(text: &str, spans: impl IntoIterator<Item = (usize, usize)>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (start, end) in spans {
        bytes[start..end].fill(b' ');
    }
    // Spans are on character boundaries, so the result is valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// Spans of text in parentheses (nesting counted), the parentheses included.
pub(super) fn parenthesised(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    start = index;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    spans.push((start, index + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        spans.push((start, text.len()));
    }
    spans
}

/// Spans of quoted text that holds letters (a quoted title), the quotes included; a
/// quoted day (`«12» марта`) is kept.
pub(super) fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut straight_open: Option<usize> = None;
    let push = |spans: &mut Vec<(usize, usize)>, start: usize, end: usize| {
        if text[start..end].chars().any(char::is_alphabetic) {
            spans.push((start, end));
        }
    };
    for (index, c) in text.char_indices() {
        match c {
            '«' | '“' | '„' => {
                if depth == 0 {
                    start = index;
                }
                depth += 1;
            }
            '»' | '”' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    push(&mut spans, start, index + c.len_utf8());
                }
            }
            '"' if depth == 0 => match straight_open.take() {
                Some(open) => push(&mut spans, open, index + 1),
                None => straight_open = Some(index),
            },
            _ => {}
        }
    }
    spans
}

pub(super) fn mask_for_references(text: &str) -> String {
    let spans: Vec<(usize, usize)> = parenthesised(text).into_iter().chain(quoted(text)).collect();
    mask_spans(text, spans)
}

/// Turns every kind of space into a plain space and collapses runs of spaces.
pub(super) fn normalise_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut previous_space = true;
    for c in line.chars() {
        let c = match c {
            '\u{200b}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && previous_space {
            continue;
        }
        previous_space = c == ' ';
        out.push(c);
    }
    out.trim_end().to_owned()
}
