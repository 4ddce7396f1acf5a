//! Where the body starts: title lines, body lines and clippings.

use super::header::HeaderLine;
use super::words::{mask_spans, parenthesised, words};
use super::MAX_TITLE_CHARS;

/// True for a title line: Russian `О ...`/`Об ...`, Kazakh `... туралы`, Kyrgyz
/// `... жөнүндө`.
pub(super) fn is_title_like(text: &str) -> bool {
    if text.chars().count() > MAX_TITLE_CHARS {
        return false;
    }
    let masked = mask_spans(text, parenthesised(text));
    let words = words(&masked);
    let Some(first) = words.first() else { return false };
    // The line opens with the preposition itself, capitalised: `О ...`, `Об ...`.
    let russian = matches!(first.text, "О" | "Об" | "ОБ" | "Обо")
        && words.len() >= 2
        && masked[..first.start].trim().is_empty();
    let last = words.last().map(|w| w.folded.as_str()).unwrap_or_default();
    russian || matches!(last, "туралы" | "жонундо" | "тууралуу")
}

/// Folded words (or word pairs) that mark the body: the operative formula.
pub(super) const BODY_MARKERS: &[&str] = &[
    "постановляет",
    "постановляю",
    "решил",
    "решила",
    "решили",
    "приказываю",
    "предлагаю",
    "каулы етеди",
    "шешим кабылдады",
    "шешти",
    "буйырамын",
    "токтом кылат",
    "токтом кылам",
    "чечим кылат",
    "чечим кабыл алат",
    "буйрук кылам",
    "сайкес",
    "ылайык",
    "негизинде",
    "ылайыгында",
];

/// Folded openings of a body line.
pub(super) const BODY_OPENINGS: &[&str] = &[
    "в соответствии",
    "во исполнение",
    "в целях",
    "руководствуясь",
    "на основании",
    "рассмотрев",
    "в связи с",
    "заслушав",
    "согласно",
    "принимая во внимание",
    "учитывая",
];

pub(super) fn is_body_line(text: &str) -> bool {
    let words = words(text);
    let folded =
        format!(" {} ", words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" "));
    if BODY_OPENINGS.iter().any(|opening| folded.starts_with(&format!(" {opening} "))) {
        return true;
    }
    if BODY_MARKERS.iter().any(|marker| folded.contains(&format!(" {marker} "))) {
        return true;
    }
    // A numbered item: `1. Утвердить`, `1) ...`.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        let rest = &text[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return true;
        }
    }
    // A long sentence (an article's first paragraph, a clipping's text).
    let length = text.chars().count();
    length > 300 || (words.len() >= 15 && text.trim_end().ends_with(['.', '!', '?', ':']))
}

/// A press clipping declares its source in the first lines.
pub(super) fn is_clipping(region: &[HeaderLine]) -> bool {
    region.iter().take(4).any(|line| {
        let words = words(&line.text);
        let first = words.first().map(|w| w.folded.as_str()).unwrap_or_default();
        line.text.chars().count() <= 150
            && (matches!(first, "источник" | "дереккоз" | "булак" | "газета")
                || words.iter().any(|w| {
                    matches!(w.folded.as_str(), "газетасы" | "газеты" | "газетасынан" | "газеты»")
                }))
    })
}
