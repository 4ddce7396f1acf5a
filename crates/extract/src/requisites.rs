//! The requisites of an act from its header text, in Russian, Kazakh and Kyrgyz: kind,
//! number, date, issuing body, title, and the other acts it amends, repeals or cites.
//!
//! # What counts as the header
//!
//! Only the first [`HEADER_LINES`] non-empty lines are read, and of those only the lines
//! before the body starts. The body starts at the first line that opens a preamble or an
//! operative part ("В соответствии с ...", "Руководствуясь ...", "... сәйкес",
//! "... ылайык", "ПОСТАНОВЛЯЕТ:", "ҚАУЛЫ ЕТЕДІ:", "ТОКТОМ КЫЛАТ:", a numbered item `1.`),
//! or at a long sentence that names no kind of act. A body that cites another act
//! therefore never lends the act its kind, number or date.
//!
//! A kind word makes a line a header line only in the places a header puts it:
//! - Russian: in the nominative (`решение`, `постановление`, `распоряжение`, `приказ`,
//!   `указ`), first on the line and followed by nothing, by requisites (`от`, `№`, a date)
//!   or by the issuing body in the genitive (`распоряжение мэра`, `приказ руководителя
//!   аппарата`), or written in capitals, or capitalised after the name of the body;
//!   never after a preposition or a demonstrative (`в решение`, `настоящее решение`);
//! - Kazakh and Kyrgyz: in the nominative or the possessive (`қаулысы`, `шешімі`,
//!   `токтому`, `чечими`, `жарлығы`) as the last word of its sentence, after the body in
//!   the genitive (`Алматы қаласы әкімдігінің қаулысы`), or followed by requisites.
//!
//! Words in capitals spaced letter by letter (`Р Е Ш Е Н И Е`) are joined first. Kazakh and
//! Kyrgyz words are compared folded (`қ`->`к`, `ә`->`а`, `і`->`и`, ...), so a text typed
//! without the national letters is read too.
//!
//! # Which date and number
//!
//! The date and number are those of the requisites line: the line of the kind word, else
//! the nearest line after it (then before it) that holds nothing but requisites (`от
//! 12.03.2018 № 4`, `Бишкек шаары, 2018-жылдын 12-марты № 45`). Text in parentheses and
//! the registration clause (`Зарегистрировано ... № 3567`, `... № 3567 болып тіркелді`,
//! `... катталды`) are not read, so of an adoption date and a registration date the
//! adoption date is taken. The number is the one on the same line as the date when there
//! is one.
//!
//! # Readable case of the issuing body and the title
//!
//! A body or title written in capitals is stored in sentence case: everything is lowered,
//! then these words are capitalised again: the first word; the word after `города`, `г.`,
//! `села`, `поселка`, `аула` and after an opening quote; the word before a place word
//! (`области`, `района`, `облысы`, `ауданы`, `қаласы`, `қалалық`, `шаары`, `шаардык`,
//! `Республики`, ...) unless it is a common adjective (`городского`, `районного`, ...);
//! an adjective in `-ский/-ская/...` before `городской`, `районный`, ...; and words that
//! are always capitalised (`Республика`, `Казахстан`, `Кыргызстан`, `Президент`,
//! `Правительство`, `Жогорку Кенеш`, ...). Short all-consonant words (`КР`, `РК`, `ЦБС`)
//! stay in capitals. When the body is only named in the genitive after the kind word
//! (`Решение маслихата города Актау`), the head noun and its adjectives are put back in
//! the nominative (`Маслихат города Актау`); in Kazakh and Kyrgyz the genitive ending of
//! the last word is dropped (`Алматы қаласы әкімдігінің` -> `Алматы қаласы әкімдігі`).

use crate::document::{ActDate, ActKind, ActReference, Relation, Requisites};

/// How many non-empty lines of the head are read.
pub const HEADER_LINES: usize = 14;

/// The longest line that can still be a title.
const MAX_TITLE_CHARS: usize = 500;

/// How many words a kind word and the requisites of the act it names may be apart
/// ("решение маслихата города Актау Мангистауской области от ... № ...").
const MENTION_WINDOW_WORDS: usize = 20;

/// Parses the requisites from the head of a document (its first paragraphs, one per line),
/// including the references found in that head.
pub fn parse_requisites(text: &str) -> Requisites {
    let lines = header_lines(text);
    let body_start = lines.iter().position(|line| line.body).unwrap_or(lines.len());
    let region = &lines[..body_start];
    let mut requisites = Requisites::default();

    let kind_line = region.iter().position(|line| line.kind.is_some());
    requisites.kind = kind_line.and_then(|index| region[index].kind.map(|found| found.kind));

    // Lines that may carry the act's own date and number, nearest to the kind line first.
    let order: Vec<usize> = match kind_line {
        Some(kind_index) => std::iter::once(kind_index)
            .chain(kind_index + 1..region.len())
            .chain((0..kind_index).rev())
            .collect(),
        None => (0..region.len()).collect(),
    };
    let candidates: Vec<usize> = order
        .into_iter()
        .filter(|&index| {
            let line = &region[index];
            !line.title_like && (Some(index) == kind_line || line.requisites_only)
        })
        .collect();
    let date_line = candidates.iter().copied().find(|&index| !region[index].dates.is_empty());
    let mut used_spans: Option<(usize, usize)> = None;
    if let Some(index) = date_line {
        let date = &region[index].dates[0];
        requisites.date = Some(date.value);
        used_spans = Some((index, date.end));
        if let Some(number) = region[index].numbers.first() {
            requisites.number = Some(number.value.clone());
            used_spans = Some((index, date.end.max(number.end)));
        }
    }
    if requisites.number.is_none() {
        if let Some(index) =
            candidates.iter().copied().find(|&index| !region[index].numbers.is_empty())
        {
            let number = &region[index].numbers[0];
            requisites.number = Some(number.value.clone());
            if used_spans.is_none() {
                used_spans = Some((index, number.end));
            }
        }
    }
    if requisites.kind.is_none() && requisites.number.is_none() && is_clipping(region) {
        requisites.kind = Some(ActKind::Clipping);
    }

    if requisites.kind.is_some_and(|kind| kind != ActKind::Clipping) || requisites.number.is_some()
    {
        requisites.issuer = find_issuer(region, kind_line, date_line);
    }
    let last_requisites_line =
        [kind_line, date_line, used_spans.map(|(index, _)| index)].into_iter().flatten().max();
    requisites.title = find_title(region, last_requisites_line, used_spans)
        .or_else(|| code_title(region, date_line));
    requisites.references = parse_references(text);
    requisites
}

/// Finds the other acts a text amends, repeals or cites: an act named by its kind (or as a
/// law or code) together with its date and/or number, in a sentence that says what is done
/// to it. Mentions without such a word (the act's own requisites line) are not references.
/// A list introduced by "признать утратившими силу:" / "... күші жойылды деп танылсын:"
/// passes its relation to the items that follow. Quoted titles and parentheses are skipped,
/// so the acts named inside another act's title are not taken. The result has no duplicates;
/// an act that is amended or repealed is not also listed as cited.
pub fn parse_references(text: &str) -> Vec<ActReference> {
    references_in_paragraphs(text.lines())
}

/// Parses the requisites from the head of a document (its first [`HEADER_LINES`]
/// paragraphs) and the references from all of its paragraphs.
pub fn parse_requisites_and_references<'a>(
    head: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) -> Requisites {
    let mut requisites = parse_requisites(head);
    requisites.references = references_in_paragraphs(paragraphs.into_iter());
    requisites
}

fn references_in_paragraphs<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Vec<ActReference> {
    let mut references: Vec<ActReference> = Vec::new();
    let mut pending: Option<Relation> = None;
    for paragraph in paragraphs.flat_map(str::lines) {
        if !paragraph.bytes().any(|b| b.is_ascii_digit()) {
            // No date and no number: no act is named here; only a list may be announced.
            let trimmed = paragraph.trim_end();
            if !trimmed.is_empty() {
                pending = if trimmed.ends_with(':') { last_relation(trimmed) } else { None };
            }
            continue;
        }
        let masked = mask_for_references(&normalise_spaces(paragraph));
        for clause in clauses(&masked) {
            let clause_text = &masked[clause.start..clause.end];
            let words = words(clause_text);
            if words.is_empty() {
                continue;
            }
            let markers = relation_markers(&words);
            let mentions = act_mentions(clause_text, &words);
            if mentions.is_empty() {
                pending =
                    if clause.ends_with_colon { markers.last().map(|m| m.relation) } else { None };
                continue;
            }
            for mention in &mentions {
                let Some(relation) = nearest_relation(mention, &markers).or(pending) else {
                    continue;
                };
                let reference = ActReference {
                    relation,
                    kind: mention.kind,
                    number: mention.number.clone(),
                    date: mention.date,
                };
                if !references.contains(&reference) {
                    references.push(reference);
                }
            }
            if !markers.is_empty() {
                pending = None;
            }
        }
    }
    // An act both cited and amended or repealed is listed once, with the stronger relation.
    let strong: Vec<ActReference> =
        references.iter().filter(|r| r.relation != Relation::Cites).cloned().collect();
    references.retain(|reference| {
        reference.relation != Relation::Cites
            || !strong.iter().any(|other| {
                other.kind == reference.kind
                    && other.number == reference.number
                    && other.date == reference.date
            })
    });
    references
}

/// Finds a number after `№`, `No` or `N` in a line: `№ 12-п` gives `12-п`. The number is
/// letters, digits, `-` and `/` (and `.` between digits), so the next word is not eaten.
pub fn parse_number(line: &str) -> Option<String> {
    find_numbers(line).into_iter().next().map(|found| found.value)
}

/// Finds the first date in a line (any case): `12.03.2018`, `12/03/2018`, `2018-03-12`,
/// `12 марта 2018 года`, `«12» марта 2018 г.`, `2018 жылғы 12 наурыздағы`, `12 наурыз 2018
/// жыл`, `2018-жылдын 12-марты`, `2018-жылы 12-мартта`, `12-март 2018-жыл`, and the
/// traditional Kyrgyz month names (`2018-жылдын 12-жалган куран`). Impossible dates are
/// rejected.
pub fn parse_date(line: &str) -> Option<ActDate> {
    let numbers = find_numbers(line);
    find_dates(&mask_spans(line, numbers.iter().map(|n| (n.start, n.end)))).first().map(|d| d.value)
}

// ---------------------------------------------------------------------------------------
// Words and folding
// ---------------------------------------------------------------------------------------

/// A word: a maximal run of letters and digits, with its byte span and folded form.
#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    folded: String,
}

/// A letter or a digit; Cyrillic letters are recognised without the slow Unicode lookup.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{400}'..='\u{4ff}').contains(&c) && !('\u{482}'..='\u{489}').contains(&c))
        || (!c.is_ascii() && c.is_alphanumeric())
}

fn words(text: &str) -> Vec<Word<'_>> {
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
fn fold(word: &str) -> String {
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
fn fold_letter(c: char, cyrillic: bool) -> char {
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

fn starts_with_any(word: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| word.starts_with(prefix))
}

/// True when the letters of `text` are (nearly) all capitals.
fn is_caps(text: &str) -> bool {
    let (upper, letters) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(u, l), c| (u + usize::from(c.is_uppercase()), l + 1));
    letters >= 2 && upper * 10 >= letters * 9
}

fn starts_uppercase(text: &str) -> bool {
    text.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
}

/// Replaces the bytes of the given spans by spaces, keeping every other byte offset.
fn mask_spans(text: &str, spans: impl IntoIterator<Item = (usize, usize)>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (start, end) in spans {
        bytes[start..end].fill(b' ');
    }
    // Spans are on character boundaries, so the result is valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// Spans of text in parentheses (nesting counted), the parentheses included.
fn parenthesised(text: &str) -> Vec<(usize, usize)> {
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
fn quoted(text: &str) -> Vec<(usize, usize)> {
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

fn mask_for_references(text: &str) -> String {
    let spans: Vec<(usize, usize)> = parenthesised(text).into_iter().chain(quoted(text)).collect();
    mask_spans(text, spans)
}

/// Turns every kind of space into a plain space and collapses runs of spaces.
fn normalise_spaces(line: &str) -> String {
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

// ---------------------------------------------------------------------------------------
// Numbers and dates
// ---------------------------------------------------------------------------------------

/// Something found in a line, with its byte span.
#[derive(Debug, Clone, PartialEq)]
struct Found<T> {
    start: usize,
    end: usize,
    value: T,
}

/// Numbers after `№`, `No`, `N` (the sign included in the span).
fn find_numbers(text: &str) -> Vec<Found<String>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |index: usize| chars.get(index).map_or(text.len(), |&(byte, _)| byte);
    let mut found = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let (start, c) = chars[index];
        let previous_alphanumeric = index > 0 && chars[index - 1].1.is_alphanumeric();
        let mut next = index + 1;
        if c == '№' {
            while next < chars.len() && chars[next].1 == '№' {
                next += 1;
            }
        } else if c == 'N' && !previous_alphanumeric {
            if next < chars.len() && matches!(chars[next].1, 'o' | 'о' | 'º' | '°') {
                next += 1;
            }
            if next < chars.len() && chars[next].1.is_alphabetic() {
                index += 1;
                continue;
            }
        } else {
            index += 1;
            continue;
        }
        while next < chars.len()
            && (matches!(chars[next].1, '.' | ':') || chars[next].1.is_whitespace())
        {
            next += 1;
        }
        let token_start = next;
        let mut end = token_start;
        while end < chars.len() {
            let ch = chars[end].1;
            let digit_follows = chars.get(end + 1).is_some_and(|&(_, c)| c.is_ascii_digit());
            if ch.is_alphanumeric()
                || matches!(ch, '-' | '/' | '\\' | '–')
                || (ch == '.' && digit_follows)
            {
                end += 1;
            } else {
                break;
            }
        }
        while end > token_start && matches!(chars[end - 1].1, '-' | '/' | '\\' | '–') {
            end -= 1;
        }
        let value = &text[byte_at(token_start)..byte_at(end)];
        if value.chars().any(|c| c.is_ascii_digit()) && value.chars().count() <= 40 {
            found.push(Found { start, end: byte_at(end), value: value.replace('–', "-") });
            index = end;
        } else {
            index = next.max(index + 1);
        }
    }
    found
}

/// Dates in a text, in order of position, not overlapping.
fn find_dates(text: &str) -> Vec<Found<ActDate>> {
    let mut found = numeric_dates(text);
    found.extend(word_dates(text));
    found.sort_by_key(|date| date.start);
    let mut kept: Vec<Found<ActDate>> = Vec::new();
    for date in found {
        if kept.last().is_none_or(|last| date.start >= last.end) {
            kept.push(date);
        }
    }
    kept
}

/// `12.03.2018`, `12/03/2018`, `12-03-2018`, `2018-03-12`, `2018.03.12`, `12.03.18`.
fn numeric_dates(text: &str) -> Vec<Found<ActDate>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit() || (index > 0 && bytes[index - 1].is_ascii_digit()) {
            index += 1;
            continue;
        }
        let start = index;
        let mut end = index;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit() || matches!(bytes[end], b'.' | b'/' | b'-'))
        {
            end += 1;
        }
        while end > start && !bytes[end - 1].is_ascii_digit() {
            end -= 1;
        }
        if let Some(date) = numeric_date(&text[start..end]) {
            found.push(Found { start, end, value: date });
        }
        index = end.max(start + 1);
    }
    found
}

fn numeric_date(run: &str) -> Option<ActDate> {
    for separator in ['.', '/', '-'] {
        let parts: Vec<&str> = run.split(separator).collect();
        if parts.len() != 3
            || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let (first, second, third) = (parts[0], parts[1], parts[2]);
        if first.len() == 4 && second.len() == 2 && third.len() == 2 && separator != '/' {
            return ActDate::new(first.parse().ok()?, second.parse().ok()?, third.parse().ok()?);
        }
        if first.len() > 2 || second.len() > 2 {
            return None;
        }
        let year: i32 = match third.len() {
            4 => third.parse().ok()?,
            // Two-digit years only in the zero-padded form `01.02.98`, never `1.2.15`
            // (a clause number).
            2 if separator == '.' && first.len() == 2 && second.len() == 2 => {
                let short: i32 = third.parse().ok()?;
                if short <= 50 {
                    2000 + short
                } else {
                    1900 + short
                }
            }
            _ => return None,
        };
        return ActDate::new(year, second.parse().ok()?, first.parse().ok()?);
    }
    None
}

/// Words that may stand between a year and the day (`2018 жылғы 12 наурыз`).
const YEAR_WORDS: &[&str] =
    &["г", "гг", "год", "года", "ж", "жыл", "жылы", "жылгы", "жылдын", "жылдагы", "жылдан"];

/// Month names by number, folded: Russian (and the Russian-derived Kyrgyz names with
/// their case endings: `марты`, `апрелинде`, `майы`, `октябрындагы`) and Kazakh, as
/// prefixes of the word.
const MONTH_STEMS: &[(&str, u8)] = &[
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("кантар", 1),
    ("акпан", 2),
    ("наурыз", 3),
    ("сауир", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шилде", 7),
    ("тамыз", 8),
    ("кыркуйек", 9),
    ("казан", 10),
    ("караша", 11),
    ("желтоксан", 12),
    // Traditional Kyrgyz names of one word.
    ("бугу", 5),
    ("кулжа", 6),
    ("теке", 7),
];

/// Traditional Kyrgyz month names of two words (folded prefixes of each word).
const KYRGYZ_TWO_WORD_MONTHS: &[(&str, &str, u8)] = &[
    ("учтун", "ай", 1),
    ("бирдин", "ай", 2),
    ("жалган", "куран", 3),
    ("чын", "куран", 4),
    ("баш", "оона", 8),
    ("аяк", "оона", 9),
    ("тогуздун", "ай", 10),
    ("жетинин", "ай", 11),
    ("бештин", "ай", 12),
];

/// The month named at `index` and how many words it takes.
fn month_at(words: &[Word<'_>], index: usize) -> Option<(u8, usize)> {
    let word = &words.get(index)?.folded;
    if let Some(next) = words.get(index + 1) {
        if let Some(&(_, _, month)) = KYRGYZ_TWO_WORD_MONTHS
            .iter()
            .find(|(first, second, _)| word == first && next.folded.starts_with(second))
        {
            return Some((month, 2));
        }
    }
    if word.chars().count() < 3 || word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    MONTH_STEMS.iter().find(|(stem, _)| word.starts_with(stem)).map(|&(_, month)| (month, 1))
}

fn day_at(words: &[Word<'_>], index: usize) -> Option<u8> {
    let word = words.get(index)?;
    (word.text.len() <= 2 && word.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.text.parse().ok())
        .flatten()
        .filter(|day| (1..=31).contains(day))
}

/// A year: four digits, maybe with a glued abbreviation (`2018г`).
fn year_at(words: &[Word<'_>], index: usize) -> Option<i32> {
    let word = &words.get(index)?.folded;
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = &word[digits..];
    (digits == 4 && (rest.is_empty() || YEAR_WORDS.contains(&rest)))
        .then(|| word[..4].parse().ok())
        .flatten()
        .filter(|year| (1800..=2200).contains(year))
}

/// `12 марта 2018 года`, `2018 жылғы 12 наурыздағы`, `2018-жылдын 12-марты`, ...
fn word_dates(text: &str) -> Vec<Found<ActDate>> {
    let words = words(text);
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        // Year first: `2018 жылғы 12 наурыздағы`, `2018-жылдын 12-марты`.
        if let Some(year) = year_at(&words, index) {
            let mut day_index = index + 1;
            if words.get(day_index).is_some_and(|w| YEAR_WORDS.contains(&w.folded.as_str())) {
                day_index += 1;
            }
            if let (Some(day), Some((month, length))) =
                (day_at(&words, day_index), month_at(&words, day_index + 1))
            {
                if let Some(date) = ActDate::new(year, month, day) {
                    let end = words[day_index + length].end;
                    found.push(Found { start: words[index].start, end, value: date });
                    index = day_index + 1 + length;
                    continue;
                }
            }
        }
        // Day first: `12 марта 2018 года`, `12 наурыз 2018 жыл`, `12-март 2018-жыл`.
        if let Some(day) = day_at(&words, index) {
            if let Some((month, length)) = month_at(&words, index + 1) {
                let year_index = index + 1 + length;
                if let Some(year) = year_at(&words, year_index) {
                    if let Some(date) = ActDate::new(year, month, day) {
                        let mut end_index = year_index;
                        if words
                            .get(year_index + 1)
                            .is_some_and(|w| YEAR_WORDS.contains(&w.folded.as_str()))
                        {
                            end_index += 1;
                        }
                        found.push(Found {
                            start: words[index].start,
                            end: words[end_index].end,
                            value: date,
                        });
                        index = end_index + 1;
                        continue;
                    }
                }
            }
        }
        index += 1;
    }
    found
}

// ---------------------------------------------------------------------------------------
// Header lines
// ---------------------------------------------------------------------------------------

/// A kind word found in a header line.
#[derive(Debug, Clone, Copy)]
struct KindWord {
    kind: ActKind,
    start: usize,
    end: usize,
    /// A Russian kind word: the issuing body follows it; otherwise it precedes it.
    russian: bool,
}

/// One line of the head, normalised, with what it holds.
#[derive(Debug)]
struct HeaderLine {
    text: String,
    /// `text` with parentheses masked and the registration clause cut off.
    scan: String,
    title_like: bool,
    body: bool,
    kind: Option<KindWord>,
    numbers: Vec<Found<String>>,
    dates: Vec<Found<ActDate>>,
    /// The line holds only requisites (date, number, a place name).
    requisites_only: bool,
    /// The line names an issuing body.
    names_body: bool,
}

fn header_lines(text: &str) -> Vec<HeaderLine> {
    let mut lines = Vec::new();
    let mut body_seen = false;
    for raw in text.lines() {
        if lines.len() == HEADER_LINES {
            break;
        }
        let normalised = join_spaced_letters(
            normalise_spaces(raw)
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | '_' | '|')),
        );
        if normalised.is_empty() {
            continue;
        }
        // A paragraph that runs from the header into the preamble is cut where the
        // preamble starts; a header joined into one paragraph is cut into its lines.
        let shortened = &normalised[..floor_char_boundary(&normalised, MAX_PARAGRAPH_BYTES)];
        let (head, rest) = split_at_preamble(shortened);
        for segment in split_segments(head) {
            if lines.len() < MAX_SEGMENTS {
                lines.push(analyse_line(segment, body_seen));
            }
        }
        if let Some(rest) = rest {
            let mut line = analyse_line(rest, true);
            line.body = true;
            lines.push(line);
            body_seen = true;
        }
    }
    lines
}

/// How much of one paragraph is read for the header.
const MAX_PARAGRAPH_BYTES: usize = 3000;

/// How many header lines (after cutting joined paragraphs) are read.
const MAX_SEGMENTS: usize = 2 * HEADER_LINES;

fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    (0..=index).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Cuts a paragraph that holds several header lines (a text file without blank lines
/// between them) into those lines: at sentence ends, after a number followed by a capital
/// or a parenthesis (`№ 33 О бюджете`, `№ 8 (В редакции ...)`), after a date followed by a
/// Russian title (`12.03.2018 Об утверждении`), and before `от <date>` after capitals
/// (`РЕШЕНИЕ от 12.03.2018`).
fn split_segments(line: &str) -> Vec<&str> {
    let mut cuts: Vec<usize> = sentence_starts(line).into_iter().skip(1).collect();
    let numbers = find_numbers(line);
    let dates = find_dates(&mask_spans(line, numbers.iter().map(|n| (n.start, n.end))));
    let line_words = words(line);
    let word_after = |at: usize| line_words.iter().find(|w| w.start >= at);
    for number in &numbers {
        let rest = &line[number.end..];
        let next_start = number.end + (rest.len() - rest.trim_start().len());
        let next_is_kind = word_after(next_start)
            .is_some_and(|w| HEADER_KINDS.iter().any(|(kind, _, _)| *kind == w.folded));
        let opens_line =
            rest.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c == '(');
        if opens_line && !next_is_kind {
            cuts.push(next_start);
        }
    }
    for date in &dates {
        if let Some(next) = word_after(date.end) {
            if matches!(next.text, "О" | "Об" | "ОБ") {
                cuts.push(next.start);
            }
        }
    }
    for (index, word) in line_words.iter().enumerate() {
        if index > 0
            && word.folded == "от"
            && dates
                .iter()
                .any(|d| d.start >= word.end && line[word.end..d.start].trim().is_empty())
            && is_caps(line_words[index - 1].text)
        {
            cuts.push(word.start);
        }
    }
    // Nothing is cut inside parentheses: `(В редакции Законов КР от ... № 170, ...)`.
    let notes = parenthesised(line);
    cuts.retain(|&cut| !notes.iter().any(|&(start, end)| cut > start && cut < end));
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([line.len()]) {
        if cut > start {
            let segment = line[start..cut].trim();
            if !segment.is_empty() {
                segments.push(segment);
            }
            start = cut;
        }
    }
    segments
}

fn analyse_line(text: &str, after_body: bool) -> HeaderLine {
    let masked = mask_spans(text, parenthesised(text));
    let scan = masked[..registration_cut(&masked)].to_owned();
    let title_like = is_title_like(text);
    let numbers = find_numbers(&scan);
    let dates = find_dates(&mask_spans(&scan, numbers.iter().map(|n| (n.start, n.end))));
    let kind = if title_like { None } else { header_kind(&scan) };
    let scan_words = words(&scan);
    let leftover = scan_words
        .iter()
        .filter(|word| {
            !numbers.iter().any(|n| word.start >= n.start && word.end <= n.end)
                && !dates.iter().any(|d| word.start >= d.start && word.end <= d.end)
                && !FILLER_WORDS.contains(&word.folded.as_str())
        })
        .count();
    let requisites_only = (!numbers.is_empty() || !dates.is_empty()) && leftover <= 3;
    let names_body = !title_like
        && scan_words.iter().any(|word| starts_with_any(&word.folded, BODY_NAME_STEMS))
        && !scan_words.first().is_some_and(|w| {
            w.folded == "глава"
                && scan_words
                    .get(1)
                    .is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()))
        });
    let note = text.starts_with('(');
    let body = after_body
        || (!note && !title_like && kind.is_none() && !requisites_only && is_body_line(text));
    HeaderLine {
        text: text.to_owned(),
        scan,
        title_like,
        body,
        kind,
        numbers,
        dates,
        requisites_only,
        names_body,
    }
}

/// Words that may surround the requisites on their line.
const FILLER_WORDS: &[&str] = &[
    "от",
    "г",
    "гор",
    "город",
    "года",
    "год",
    "ж",
    "жыл",
    "жылы",
    "жылгы",
    "жылдын",
    "n",
    "no",
    "номер",
    "шаары",
    "каласы",
    "kаласы",
    "дата",
    "принятия",
    "сессия",
    "сессиясы",
];

/// Stems (folded) of words that name an issuing body.
const BODY_NAME_STEMS: &[&str] = &[
    "совет",
    "мэри",
    "мэр",
    "администраци",
    "акимат",
    "аким",
    "акими",
    "акимдиг",
    "акимдик",
    "кенеш",
    "маслихат",
    "масликат",
    "министерств",
    "министр",
    "комитет",
    "управлени",
    "департамент",
    "дума",
    "правительств",
    "президент",
    "баскарм",
    "окмот",
    "укимет",
    "министрлиг",
    "глава",
    "главы",
    "собрани",
    "агентств",
    "служб",
    "отдел",
    "болим",
    "болум",
    "кабинет",
    "губернатор",
    "аппарат",
    "палат",
    "жогорку",
    "парламент",
    "мажилис",
    "сенат",
    "инспекци",
    "казначейств",
    "кенсе",
];

/// Joins capitals spaced letter by letter: `Р Е Ш Е Н И Е` -> `РЕШЕНИЕ`.
fn join_spaced_letters(line: &str) -> String {
    let tokens: Vec<&str> = line.split(' ').collect();
    let single = |token: &str| {
        let mut chars = token.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    };
    let mut out: Vec<String> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let run = tokens[index..].iter().take_while(|t| single(t)).count();
        if run >= 3 {
            let joined: String = tokens[index..index + run].concat();
            // Two words spaced alike lose the space between them: split a kind word off.
            let folded = fold(&joined);
            let split = HEADER_KINDS
                .iter()
                .filter(|(word, _, _)| folded.starts_with(word) && folded.len() > word.len())
                .map(|(word, _, _)| word.chars().count())
                .max();
            match split {
                Some(chars) => {
                    let byte = joined.char_indices().nth(chars).map_or(joined.len(), |(b, _)| b);
                    out.push(joined[..byte].to_owned());
                    out.push(joined[byte..].to_owned());
                }
                None => out.push(joined),
            }
            index += run;
        } else {
            out.push(tokens[index].to_owned());
            index += 1;
        }
    }
    out.join(" ")
}

/// Russian openings of a preamble, as they appear capitalised inside a joined paragraph.
const PREAMBLE_OPENERS: &[&str] = &[
    "В соответствии",
    "Во исполнение",
    "В целях",
    "Руководствуясь",
    "На основании",
    "Рассмотрев",
    "Заслушав",
];

/// Splits a line where a preamble starts inside it (not at its start).
fn split_at_preamble(line: &str) -> (&str, Option<&str>) {
    let cut = PREAMBLE_OPENERS
        .iter()
        .filter_map(|opener| line.find(&format!(" {opener} ")).map(|at| at + 1))
        .min();
    match cut {
        Some(at) => (line[..at].trim_end(), Some(&line[at..])),
        None => (line, None),
    }
}

/// The byte offset where the registration clause of a line starts (`Зарегистрировано в
/// Министерстве юстиции ... № 3567`, `... № 3567 болып тіркелді`, `... катталды`);
/// the line's length when there is none.
fn registration_cut(text: &str) -> usize {
    let words = words(text);
    for word in &words {
        let folded = word.folded.as_str();
        if starts_with_any(folded, &["зарегистрир", "госрегистрац", "регистрационн"])
        {
            // The Russian clause starts with its marker.
            return word.start;
        }
        if starts_with_any(folded, &["тиркел", "тиркеу", "каттал", "каттоо"])
        {
            // The Kazakh and Kyrgyz clause ends with it: cut at the start of its sentence.
            return sentence_starts(text)
                .into_iter()
                .filter(|&start| start <= word.start)
                .max()
                .unwrap_or(0);
        }
    }
    text.len()
}

/// Byte offsets where sentences start inside a text (after `. ` followed by a capital or a
/// digit, when the word before the full stop is not an abbreviation like `г.`).
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (position, &(byte, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, space)) = chars.get(position + 1) else { continue };
        if !space.is_whitespace() {
            continue;
        }
        let Some(&(next_byte, next)) =
            chars[position + 1..].iter().find(|(_, c)| !c.is_whitespace())
        else {
            continue;
        };
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '«' | '"' | '№')) {
            continue;
        }
        let before: String = chars[..position]
            .iter()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .map(|&(_, c)| c)
            .collect();
        let abbreviation = before.chars().count() <= 3
            && before.chars().all(char::is_lowercase)
            && !before.is_empty();
        if c == '.' && abbreviation {
            continue;
        }
        let _ = byte;
        starts.push(next_byte);
    }
    starts
}

/// Kind words of a header, folded: (word, kind, Russian).
const HEADER_KINDS: &[(&str, ActKind, bool)] = &[
    ("постановление", ActKind::Resolution, true),
    ("решение", ActKind::Decision, true),
    ("распоряжение", ActKind::Order, true),
    ("приказ", ActKind::Order, true),
    ("указ", ActKind::Decree, true),
    ("каулы", ActKind::Resolution, false),
    ("каулысы", ActKind::Resolution, false),
    ("шешим", ActKind::Decision, false),
    ("шешими", ActKind::Decision, false),
    ("оким", ActKind::Order, false),
    ("окими", ActKind::Order, false),
    ("буйрык", ActKind::Order, false),
    ("буйрыгы", ActKind::Order, false),
    ("жарлык", ActKind::Decree, false),
    ("жарлыгы", ActKind::Decree, false),
    ("токтом", ActKind::Resolution, false),
    ("токтому", ActKind::Resolution, false),
    ("чечим", ActKind::Decision, false),
    ("чечими", ActKind::Decision, false),
    ("буйрук", ActKind::Order, false),
    ("буйругу", ActKind::Order, false),
    ("тескеме", ActKind::Order, false),
    ("тескемеси", ActKind::Order, false),
];

/// Words after which a kind word is not the act's own kind (`в решение`, `настоящее
/// решение`, `осы шешім`).
const NOT_BEFORE_KIND: &[&str] = &[
    "в",
    "во",
    "с",
    "со",
    "на",
    "о",
    "об",
    "к",
    "по",
    "и",
    "или",
    "из",
    "за",
    "под",
    "настоящее",
    "настоящий",
    "настоящего",
    "данное",
    "данный",
    "указанное",
    "это",
    "этого",
    "проект",
    "проекта",
    "осы",
    "бул",
    "аталган",
    "жобасы",
    "долбоору",
];

/// Folded stems of a word in the genitive naming the issuer after a Russian kind word.
const GENITIVE_BODY_STEMS: &[&str] = &[
    "маслихата",
    "акимата",
    "акима",
    "совета",
    "кенеша",
    "мэрии",
    "мэра",
    "главы",
    "администрации",
    "правительства",
    "президента",
    "министерства",
    "министра",
    "руководителя",
    "департамента",
    "управления",
    "комитета",
    "думы",
    "собрания",
    "начальника",
    "директора",
    "председателя",
    "губернатора",
    "коллегии",
    "кабинета",
    "отдела",
    "агентства",
    "службы",
    "городск",
    "районн",
    "областн",
    "сельск",
    "поселков",
    "муниципальн",
    "местн",
    "исполнительн",
    "представительн",
    "территориальн",
    "сессии",
    "жогорку",
    "айыл",
];

/// True when the words start with a body's name in the genitive, maybe after adjectives:
/// `маслихата`, `Актауского городского маслихата`.
fn genitive_body_ahead<'a>(folded_words: impl Iterator<Item = &'a str>) -> bool {
    const ADJECTIVE_GENITIVE: &[&str] = &["ого", "его", "ой", "ей", "ых", "их"];
    let mut folded_words = folded_words.take(4);
    folded_words
        .find(|word| {
            starts_with_any(word, GENITIVE_BODY_STEMS)
                || !ADJECTIVE_GENITIVE.iter().any(|ending| word.ends_with(ending))
        })
        .is_some_and(|word| starts_with_any(word, GENITIVE_BODY_STEMS))
}

fn header_kind(scan: &str) -> Option<KindWord> {
    let line_words = words(scan);
    let caps_line = is_caps(scan);
    for (index, word) in line_words.iter().enumerate() {
        let Some(&(_, kind, russian)) = HEADER_KINDS.iter().find(|(w, _, _)| *w == word.folded)
        else {
            continue;
        };
        if index > 0 && NOT_BEFORE_KIND.contains(&line_words[index - 1].folded.as_str()) {
            continue;
        }
        let rest = scan[word.end..].trim_start();
        let next = line_words.get(index + 1);
        let requisites_follow = rest.is_empty()
            || rest.starts_with(['№', '«', '"', ',', '(', ':'])
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || next.is_some_and(|n| matches!(n.folded.as_str(), "от" | "no" | "n"));
        let word_caps = is_caps(word.text);
        let header = if russian {
            // The body in the genitive, maybe after adjectives: `маслихата`,
            // `Актауского городского маслихата`.
            let body_follows =
                genitive_body_ahead(line_words[index + 1..].iter().map(|w| w.folded.as_str()));
            if index == 0 {
                requisites_follow || body_follows || word_caps
            } else {
                (word_caps && (caps_line || requisites_follow || body_follows))
                    || (starts_uppercase(word.text) && requisites_follow)
            }
        } else {
            let sentence_end = rest.is_empty()
                || (rest.starts_with('.')
                    && rest[1..].trim_start().chars().next().is_none_or(|c| !c.is_lowercase()));
            let before = &scan[..word.start];
            let sentence_start =
                sentence_starts(scan).into_iter().filter(|&s| s <= word.start).max().unwrap_or(0);
            let short = words(&before[sentence_start..]).len() <= 25;
            (sentence_end && short) || requisites_follow
        };
        if header {
            return Some(KindWord { kind, start: word.start, end: word.end, russian });
        }
    }
    None
}

/// True for a title line: Russian `О ...`/`Об ...`, Kazakh `... туралы`, Kyrgyz
/// `... жөнүндө`.
fn is_title_like(text: &str) -> bool {
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
const BODY_MARKERS: &[&str] = &[
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
const BODY_OPENINGS: &[&str] = &[
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

fn is_body_line(text: &str) -> bool {
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
fn is_clipping(region: &[HeaderLine]) -> bool {
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

// ---------------------------------------------------------------------------------------
// Issuer
// ---------------------------------------------------------------------------------------

/// Lines that start a new section of the header, not part of the body's name.
const NOT_BODY_CONTINUATION: &[&str] =
    &["созыв", "сесси", "шакырылым", "чакырылыш", "заседани", "отырыс", "жыйын"];

fn find_issuer(
    region: &[HeaderLine],
    kind_line: Option<usize>,
    date_line: Option<usize>,
) -> Option<String> {
    // Without a kind word, the body's name can only stand above the requisites line.
    let limit = kind_line.or(date_line).unwrap_or(0);
    // A block of lines above the kind word: `ГОРОДСКОЙ СОВЕТ ГОРОДА АКТАУ`,
    // `АДМИНИСТРАЦИЯ ГОРОДА САРОВА` + `НИЖЕГОРОДСКОЙ ОБЛАСТИ`.
    if let Some(first) = (0..limit).find(|&i| {
        let line = &region[i];
        line.names_body && !line.requisites_only && !line.title_like && line.kind.is_none()
    }) {
        let caps = is_caps(&region[first].text);
        let mut parts = vec![region[first].scan.trim().to_owned()];
        for line in &region[first + 1..limit] {
            let continues = !line.title_like
                && !line.requisites_only
                && line.numbers.is_empty()
                && line.dates.is_empty()
                && !line.text.chars().any(|c| c.is_ascii_digit())
                && (if caps { is_caps(&line.text) } else { starts_lowercase(&line.text) })
                && !words(&line.text)
                    .iter()
                    .any(|w| starts_with_any(&w.folded, NOT_BODY_CONTINUATION))
                && line.text.chars().count() <= 120;
            if !continues {
                break;
            }
            parts.push(line.scan.trim().to_owned());
        }
        return tidy_issuer(&parts.join(" "));
    }
    let index = kind_line?;
    let line = &region[index];
    let kind = line.kind?;
    if kind.russian {
        // The body's name in capitals before the kind word of a joined header line.
        let before = line.scan[..kind.start].trim();
        if !before.is_empty()
            && words(before).iter().any(|w| starts_with_any(&w.folded, BODY_NAME_STEMS))
        {
            return tidy_issuer(before);
        }
        // `Решение маслихата города Актау от ...`: the genitive after the kind word.
        let after = &line.scan[kind.end..];
        let stop = [
            line.numbers.iter().map(|n| n.start).min(),
            line.dates.iter().map(|d| d.start).min(),
            after.find(['.', ',', ';', ':', '«', '"']).map(|at| kind.end + at),
        ]
        .into_iter()
        .flatten()
        .filter(|&at| at >= kind.end)
        .min()
        .unwrap_or(line.scan.len());
        let mut phrase_words: Vec<&str> = line.scan[kind.end..stop].split_whitespace().collect();
        if phrase_words.last().is_some_and(|w| fold(w) == "от") {
            phrase_words.pop();
        }
        let folded: Vec<String> = phrase_words.iter().map(|w| fold(w)).collect();
        if genitive_body_ahead(folded.iter().map(String::as_str)) {
            let phrase = readable_case(&phrase_words.join(" "));
            return tidy_issuer(&russian_nominative(&phrase));
        }
        return None;
    }
    // `Алматы қаласы әкімдігінің қаулысы`, `Ақтау қалалық мәслихатының 2018 жылғы ... шешімі`.
    let sentence_start =
        sentence_starts(&line.scan).into_iter().filter(|&s| s <= kind.start).max().unwrap_or(0);
    let stop = line
        .numbers
        .iter()
        .map(|n| n.start)
        .chain(line.dates.iter().map(|d| d.start))
        .filter(|&at| at >= sentence_start)
        .min()
        .unwrap_or(kind.start)
        .min(kind.start);
    let phrase = line.scan[sentence_start..stop].trim();
    if phrase.is_empty()
        || !words(phrase).iter().any(|w| starts_with_any(&w.folded, BODY_NAME_STEMS))
    {
        return None;
    }
    tidy_issuer(&turkic_nominative(&readable_case(phrase)))
}

fn tidy_issuer(text: &str) -> Option<String> {
    let trimmed = normalise_spaces(text);
    let trimmed = trimmed.trim().trim_end_matches(['.', ',', ':', ';', '-', '–']).trim();
    if trimmed.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let readable = readable_case(trimmed);
    let mut chars = readable.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Russian genitive -> nominative of a head noun naming a body, with its gender.
const RUSSIAN_HEADS: &[(&str, &str, Gender)] = &[
    ("маслихата", "маслихат", Gender::Masculine),
    ("акимата", "акимат", Gender::Masculine),
    ("акима", "аким", Gender::Masculine),
    ("совета", "совет", Gender::Masculine),
    ("кенеша", "кенеш", Gender::Masculine),
    ("мэрии", "мэрия", Gender::Feminine),
    ("мэра", "мэр", Gender::Masculine),
    ("главы", "глава", Gender::Feminine),
    ("администрации", "администрация", Gender::Feminine),
    ("правительства", "правительство", Gender::Neuter),
    ("президента", "президент", Gender::Masculine),
    ("министерства", "министерство", Gender::Neuter),
    ("министра", "министр", Gender::Masculine),
    ("руководителя", "руководитель", Gender::Masculine),
    ("департамента", "департамент", Gender::Masculine),
    ("управления", "управление", Gender::Neuter),
    ("комитета", "комитет", Gender::Masculine),
    ("думы", "дума", Gender::Feminine),
    ("собрания", "собрание", Gender::Neuter),
    ("начальника", "начальник", Gender::Masculine),
    ("директора", "директор", Gender::Masculine),
    ("председателя", "председатель", Gender::Masculine),
    ("губернатора", "губернатор", Gender::Masculine),
    ("коллегии", "коллегия", Gender::Feminine),
    ("кабинета", "кабинет", Gender::Masculine),
    ("отдела", "отдел", Gender::Masculine),
    ("агентства", "агентство", Gender::Neuter),
    ("службы", "служба", Gender::Feminine),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Gender {
    Masculine,
    Feminine,
    Neuter,
}

/// Puts the head noun of a body's name (and the adjectives before it) from the genitive
/// into the nominative: `Актауского городского маслихата Мангистауской области` ->
/// `Актауский городской маслихат Мангистауской области`. Words after the head stay.
fn russian_nominative(phrase: &str) -> String {
    let tokens: Vec<&str> = phrase.split_whitespace().collect();
    let Some((head_index, &(_, nominative, gender))) =
        tokens.iter().take(5).enumerate().find_map(|(i, t)| {
            let folded = fold(t);
            RUSSIAN_HEADS
                .iter()
                .find(|(genitive, _, _)| *genitive == folded)
                .map(|entry| (i, entry))
        })
    else {
        return phrase.to_owned();
    };
    let mut out: Vec<String> = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let converted = if index < head_index {
            adjective_nominative(token, gender)
        } else if index == head_index {
            nominative.to_owned()
        } else {
            (*token).to_owned()
        };
        out.push(keep_case(token, &converted));
    }
    out.join(" ")
}

fn adjective_nominative(token: &str, gender: Gender) -> String {
    let lower = token.to_lowercase();
    // Adjectives whose nominative ends in a stressed `-ой`.
    const STRESSED: &[&str] = &["городск", "областн", "окружн", "краев", "волостн"];
    let stressed = STRESSED.iter().any(|stem| lower.starts_with(stem));
    let endings: &[(&str, &str, &str, &str)] = &[
        // (genitive masculine/neuter, masculine, neuter, ending of the feminine genitive)
        ("ского", "ский", "ское", "ской"),
        ("цкого", "цкий", "цкое", "цкой"),
        ("ного", "ный", "ное", "ной"),
        ("его", "ий", "ее", "ей"),
        ("ого", "ый", "ое", "ой"),
    ];
    for &(genitive, masculine, neuter, feminine_genitive) in endings {
        match gender {
            Gender::Masculine | Gender::Neuter if lower.ends_with(genitive) => {
                let stem = &lower[..lower.len() - genitive.len()];
                let ending = match (gender, stressed) {
                    (Gender::Neuter, _) => neuter,
                    (_, true) => &format!("{}ой", &genitive[..genitive.len() - "ого".len()]),
                    _ => masculine,
                };
                return format!("{stem}{ending}");
            }
            Gender::Feminine if lower.ends_with(feminine_genitive) => {
                let stem = &lower[..lower.len() - feminine_genitive.len()];
                let base = &feminine_genitive[..feminine_genitive.len() - "ой".len()];
                let ending = if feminine_genitive == "ей" {
                    "яя".to_owned()
                } else {
                    format!("{base}ая")
                };
                return format!("{stem}{ending}");
            }
            _ => {}
        }
    }
    lower
}

/// Gives `converted` the case pattern of `original` (capitalised or not).
fn keep_case(original: &str, converted: &str) -> String {
    if is_caps(original) && original.chars().count() > 1 {
        converted.to_uppercase()
    } else if starts_uppercase(original) {
        let mut chars = converted.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        converted.to_owned()
    }
}

/// Drops the genitive ending of the last word of a Kazakh or Kyrgyz body's name:
/// `мәслихатының` -> `мәслихаты`, `кеңешинин` -> `кеңеши`, `кеңестің` -> `кеңес`.
fn turkic_nominative(phrase: &str) -> String {
    let Some((head, last)) = phrase.rsplit_once(' ').map_or(Some(("", phrase)), Some) else {
        return phrase.to_owned();
    };
    const AFTER_VOWEL: &[&str] =
        &["ның", "нің", "нын", "нин", "нун", "нүн", "НЫҢ", "НІҢ", "НЫН", "НИН", "НУН", "НҮН"];
    const AFTER_CONSONANT: &[&str] = &[
        "тың", "тің", "дың", "дің", "тын", "тин", "дын", "дин", "тун", "түн", "дун", "дүн", "ТЫҢ",
        "ТІҢ", "ДЫҢ", "ДІҢ", "ТЫН", "ТИН", "ДЫН", "ДИН", "ТУН", "ТҮН", "ДУН", "ДҮН",
    ];
    let vowels = "аеёиоуыэюяәөүұіАЕЁИОУЫЭЮЯӘӨҮҰІ";
    let stripped = AFTER_VOWEL
        .iter()
        .find(|ending| {
            last.ends_with(*ending)
                && last[..last.len() - ending.len()]
                    .chars()
                    .last()
                    .is_some_and(|c| vowels.contains(c))
        })
        .or_else(|| AFTER_CONSONANT.iter().find(|ending| last.ends_with(*ending)))
        .map(|ending| &last[..last.len() - ending.len()]);
    match stripped {
        Some(stem) if stem.chars().count() >= 3 => {
            if head.is_empty() {
                stem.to_owned()
            } else {
                format!("{head} {stem}")
            }
        }
        _ => phrase.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------
// Readable case
// ---------------------------------------------------------------------------------------

/// Folded words after which the next word is a proper name.
const BEFORE_NAME: &[&str] =
    &["города", "город", "гор", "села", "село", "поселка", "аула", "аул", "станицы", "деревни"];

/// Folded place words before which a word is a proper name.
const PLACE_WORDS: &[&str] = &[
    "области",
    "область",
    "района",
    "район",
    "края",
    "край",
    "округа",
    "облысы",
    "облысынын",
    "облыстык",
    "облусу",
    "облусунун",
    "облустук",
    "ауданы",
    "ауданынын",
    "аудандык",
    "району",
    "районунун",
    "райондук",
    "каласы",
    "каласынын",
    "калалык",
    "шаары",
    "шаарынын",
    "шаардык",
    "республики",
    "республика",
    "республикасы",
    "республикасынын",
    "федерации",
    "федерация",
    "ауылдык",
    "айылдык",
    "селолык",
];

/// Folded Russian heads of an issuing body after which a noun in the genitive names the
/// place (`Мэрия Жанатумара`, `Акимат Алматы`) unless it is a common noun of an issuer
/// ([`COMMON_AFTER_HEAD`]) or an adjective.
const BODY_HEADS: &[&str] = &["мэрия", "мэр", "администрация", "акимат", "аким", "акимиат"];

/// Folded common nouns that may follow a body head (`Мэрия города ...`), and folded
/// prefixes of longer ones (`Администрация сельского поселения`).
const COMMON_AFTER_HEAD: &[&str] =
    &["города", "гор", "района", "области", "округа", "края", "села", "поселка", "аула", "по", "и"];
const COMMON_PREFIXES_AFTER_HEAD: &[&str] = &["поселен", "муниципал", "образован", "местн"];

/// Folded stems of common adjectives that stand before a place word but are not names.
const COMMON_ADJECTIVES: &[&str] = &[
    "городск",
    "сельск",
    "районн",
    "областн",
    "муниципальн",
    "административн",
    "поселков",
    "местн",
    "краев",
    "окружн",
    "автономн",
    "этого",
    "данного",
    "всех",
];

/// Folded prefixes of words that are always capitalised.
const ALWAYS_CAPITAL: &[&str] = &[
    "республик",
    "казахстан",
    "казакстан",
    "кыргызстан",
    "росси",
    "федераци",
    "президент",
    "правительств",
    "окмот",
    "укимет",
    "жогорку",
    "мажилис",
    "парламент",
];

fn is_abbreviation(token: &str) -> bool {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = "АЕЁИОУЫЭЮЯӘӨҮҰІAEIOUY";
    let roman = !letters.is_empty() && letters.iter().all(|c| "IVXLC".contains(*c));
    roman
        || (2..=5).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && !letters.iter().any(|c| vowels.contains(*c))
}

fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut capital_next = true;
    for c in word.chars() {
        if capital_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            capital_next = false;
        } else {
            out.push(c);
        }
        if c == '-' {
            capital_next = true;
        }
    }
    out
}

/// Puts a text written in capitals into sentence case, capitalising proper names where
/// their position shows them (see the module documentation). Other text is returned as is.
fn readable_case(text: &str) -> String {
    if !is_caps(text) {
        return text.to_owned();
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> =
        tokens.iter().map(|t| fold(t.trim_matches(|c: char| !c.is_alphanumeric()))).collect();
    let mut out = Vec::with_capacity(tokens.len());
    for (index, token) in tokens.iter().enumerate() {
        if is_abbreviation(token) {
            out.push((*token).to_owned());
            continue;
        }
        let lower = token.to_lowercase();
        let word = folded[index].as_str();
        let previous = index.checked_sub(1).map(|i| folded[i].as_str());
        let before_previous = index.checked_sub(2).map(|i| folded[i].as_str());
        let next = folded.get(index + 1).map(String::as_str);
        let after_name_word = previous.is_some_and(|p| BEFORE_NAME.contains(&p))
            || (previous == Some("г")
                && !before_previous.is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())));
        let common = starts_with_any(word, COMMON_ADJECTIVES) || word.chars().count() < 3;
        let before_place = next.is_some_and(|n| PLACE_WORDS.contains(&n)) && !common;
        let proper_adjective =
            next.is_some_and(|n| {
                starts_with_any(
                    n,
                    &[
                        "городск",
                        "районн",
                        "областн",
                        "сельск",
                        "поселков",
                        "калалык",
                        "аудандык",
                        "облыстык",
                        "шаардык",
                        "райондук",
                    ],
                )
            }) && ["ский", "ского", "ской", "ская", "ское", "цкий", "цкого", "цкой", "цкая"]
                .iter()
                .any(|e| word.ends_with(e));
        let always = starts_with_any(word, ALWAYS_CAPITAL) && !word.starts_with("республиканск");
        let pair =
            previous == Some("жогорку") || (previous == Some("кабинет") && word == "министров");
        let opens_quote = token.starts_with(['«', '"', '“']);
        let adjective = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ого", "его", "ой", "ых", "их"]
            .iter()
            .any(|e| word.ends_with(e));
        let after_head = previous.is_some_and(|p| BODY_HEADS.contains(&p))
            && !adjective
            && !COMMON_AFTER_HEAD.contains(&word)
            && !starts_with_any(word, COMMON_PREFIXES_AFTER_HEAD);
        let name = after_name_word
            || before_place
            || proper_adjective
            || always
            || pair
            || opens_quote
            || after_head;
        if let Some(rest) = lower.strip_prefix("г.").filter(|rest| !rest.is_empty()) {
            out.push(format!("г.{}", capitalise(rest)));
        } else if name {
            out.push(capitalise(&lower));
        } else if index == 0 {
            // The first word of a sentence: only its first letter (`Уголовно-процессуальный`).
            let mut chars = lower.chars();
            out.push(
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default(),
            );
        } else {
            out.push(lower);
        }
    }
    out.join(" ")
}

// ---------------------------------------------------------------------------------------
// Title
// ---------------------------------------------------------------------------------------

fn find_title(
    region: &[HeaderLine],
    last_requisites_line: Option<usize>,
    used_spans: Option<(usize, usize)>,
) -> Option<String> {
    for (index, line) in region.iter().enumerate() {
        if !line.title_like {
            continue;
        }
        let caps = is_caps(&line.text);
        let russian = !matches!(
            words(&line.scan).last().map(|w| w.folded.as_str()),
            Some("туралы" | "жонундо" | "тууралуу")
        );
        let mut parts: Vec<&str> = vec![&line.text];
        if russian {
            // `Об утверждении Правил благоустройства` + `территории города Актау`.
            for next in &region[index + 1..] {
                let continues = !next.title_like
                    && next.kind.is_none()
                    && !next.requisites_only
                    && !parts.last().is_some_and(|p| p.ends_with('.'))
                    && (starts_lowercase(&next.text) || (caps && is_caps(&next.text)));
                if !continues {
                    break;
                }
                parts.push(&next.text);
            }
        } else {
            // `Алматы қаласының 2018 жылға арналған` + `бюджеті туралы`.
            let mut first = index;
            while first > 0 {
                let previous = &region[first - 1];
                let current = &region[first];
                let joins = previous.kind.is_none()
                    && !previous.requisites_only
                    && !previous.title_like
                    && (starts_lowercase(&current.text)
                        || (caps
                            && is_caps(&previous.text)
                            && last_requisites_line.is_some_and(|last| first - 1 > last)));
                if !joins {
                    break;
                }
                first -= 1;
            }
            parts = region[first..=index].iter().map(|l| l.text.as_str()).collect();
        }
        return tidy_title(&parts.join(" "));
    }
    // A header joined into one paragraph: the title follows the number or the date.
    let (index, end) = used_spans?;
    let rest = region[index].text.get(end..)?.trim_start_matches([' ', '.', ',', ';', ':']);
    if is_title_like(rest) {
        return tidy_title(rest);
    }
    None
}

/// A code is named, not titled: `ВОДНЫЙ КОДЕКС КЫРГЫЗСКОЙ РЕСПУБЛИКИ`.
fn code_title(region: &[HeaderLine], date_line: Option<usize>) -> Option<String> {
    let end = date_line?;
    let first = (0..end)
        .find(|&i| words(&region[i].text).iter().any(|w| w.folded.starts_with("кодекс")))?;
    let parts: Vec<&str> = region[first..end]
        .iter()
        .take_while(|line| line.numbers.is_empty() && line.dates.is_empty())
        .map(|line| line.text.as_str())
        .collect();
    tidy_title(&parts.join(" "))
}

/// Words of a trailing parenthesis that is a note, not part of a title.
const TITLE_NOTES: &[&str] =
    &["изменени", "редакци", "дополнени", "утратил", "озгерис", "озгорт", "жойыл"];

fn tidy_title(text: &str) -> Option<String> {
    let mut title = normalise_spaces(text).trim().to_owned();
    if title.ends_with(')') {
        if let Some(&(start, _)) = parenthesised(&title).last() {
            let note = words(&title[start..]);
            if note.iter().any(|w| starts_with_any(&w.folded, TITLE_NOTES)) {
                title.truncate(start);
            }
        }
    }
    let title = title.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    if title.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(readable_case(title))
}

// ---------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------

/// A clause of a paragraph: a sentence, or a part of one ended by `;` or `:`.
struct Clause {
    start: usize,
    end: usize,
    ends_with_colon: bool,
}

fn clauses(text: &str) -> Vec<Clause> {
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new(); // (end of clause, start of next, colon)
    for start in sentence_starts(text).into_iter().skip(1) {
        cuts.push((start, start, false));
    }
    for (index, c) in text.char_indices() {
        if matches!(c, ';' | ':') {
            cuts.push((index, index + 1, c == ':'));
        }
    }
    cuts.sort_by_key(|cut| cut.0);
    let mut found = Vec::new();
    let mut start = 0;
    for (end, next, colon) in cuts {
        if end >= start {
            found.push(Clause { start, end, ends_with_colon: colon });
            start = next;
        }
    }
    found.push(Clause { start, end: text.len(), ends_with_colon: text.trim_end().ends_with(':') });
    found
}

/// An act named in a clause.
#[derive(Debug)]
struct Mention {
    start: usize,
    end: usize,
    kind: Option<ActKind>,
    number: Option<String>,
    date: Option<ActDate>,
}

/// What a folded word names: the kind (`None` for a law or a code) and whether the
/// requisites follow it (Russian) or precede it (Kazakh, Kyrgyz).
fn reference_kind(word: &str) -> Option<(Option<ActKind>, bool)> {
    const PRIKAZ: &[&str] = &[
        "приказ",
        "приказа",
        "приказу",
        "приказом",
        "приказе",
        "приказы",
        "приказов",
        "приказами",
    ];
    const UKAZ: &[&str] =
        &["указ", "указа", "указу", "указом", "указе", "указы", "указов", "указами"];
    const ZAKON: &[&str] =
        &["закон", "закона", "закону", "законом", "законе", "законы", "законов", "законами"];
    const KODEKS: &[&str] = &["кодекс", "кодекса", "кодексу", "кодексом", "кодексе"];
    let found = if word.starts_with("постановлени") {
        (Some(ActKind::Resolution), true)
    } else if word.starts_with("решени") {
        (Some(ActKind::Decision), true)
    } else if word.starts_with("распоряжени") || PRIKAZ.contains(&word) {
        (Some(ActKind::Order), true)
    } else if UKAZ.contains(&word) {
        (Some(ActKind::Decree), true)
    } else if ZAKON.contains(&word) || KODEKS.contains(&word) {
        (None, true)
    } else if word.starts_with("кодекс") {
        (None, false)
    } else if word.starts_with("каулы") || word.starts_with("токтом") {
        (Some(ActKind::Resolution), false)
    } else if word.starts_with("шешим") || word.starts_with("чечим") {
        (Some(ActKind::Decision), false)
    } else if (word.starts_with("оким") && !word.starts_with("окимет"))
        || starts_with_any(word, &["буйрык", "буйрыг", "буйрук", "буйруг", "тескеме"])
    {
        (Some(ActKind::Order), false)
    } else if starts_with_any(word, &["жарлык", "жарлыг"]) {
        (Some(ActKind::Decree), false)
    } else if word == "зан"
        || word.starts_with("заны")
        || word == "занга"
        || word.starts_with("мыйзам")
    {
        (None, false)
    } else {
        return None;
    };
    Some(found)
}

fn act_mentions(clause: &str, clause_words: &[Word<'_>]) -> Vec<Mention> {
    let kinds: Vec<(usize, Option<ActKind>, bool)> = clause_words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| reference_kind(&w.folded).map(|(kind, forward)| (i, kind, forward)))
        .collect();
    let mut mentions = Vec::new();
    for (position, &(index, kind, forward)) in kinds.iter().enumerate() {
        let word = &clause_words[index];
        let (window_start, window_end) = if forward {
            let next_kind =
                kinds.get(position + 1).map_or(clause.len(), |&(i, _, _)| clause_words[i].start);
            let limit =
                clause_words.get(index + MENTION_WINDOW_WORDS).map_or(clause.len(), |w| w.start);
            (word.end, next_kind.min(limit))
        } else {
            let previous_kind = position.checked_sub(1).map_or(0, |p| clause_words[kinds[p].0].end);
            let limit =
                index.checked_sub(MENTION_WINDOW_WORDS).map_or(0, |i| clause_words[i].start);
            (previous_kind.max(limit), word.start)
        };
        let window = &clause[window_start..window_end];
        if !window.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let numbers = find_numbers(window);
        let dates = find_dates(&mask_spans(window, numbers.iter().map(|n| (n.start, n.end))));
        // An act's date is written `от 12.03.2018` in Russian and `2018 жылғы 12
        // наурыздағы`, `2017-жылдын 20-декабрындагы` in Kazakh and Kyrgyz; other dates
        // near the kind word (`вступает в силу с 1 января 2019 года`) are not its date.
        let dates: Vec<&Found<ActDate>> = dates
            .iter()
            .filter(|date| {
                if forward {
                    words(&window[..date.start]).last().is_some_and(|w| w.folded == "от")
                } else {
                    let last =
                        words(&window[date.start..date.end]).last().map(|w| w.folded.clone());
                    let after = window[date.end..].trim_start();
                    last.is_some_and(|w| {
                        w.ends_with(|c: char| c.is_ascii_digit())
                            || ["гы", "ги", "кы", "ки"].iter().any(|e| w.ends_with(e))
                    }) || after.starts_with('№')
                }
            })
            .collect();
        let (number, date) = if forward {
            (numbers.first(), dates.first().copied())
        } else {
            (numbers.last(), dates.last().copied())
        };
        if number.is_none() && date.is_none() {
            continue;
        }
        let found_start =
            number.map(|n| n.start).into_iter().chain(date.map(|d| d.start)).min().unwrap_or(0);
        let found_end =
            number.map(|n| n.end).into_iter().chain(date.map(|d| d.end)).max().unwrap_or(0);
        let (start, end) = if forward {
            (word.start, window_start + found_end)
        } else {
            (window_start + found_start, word.end)
        };
        mentions.push(Mention {
            start,
            end,
            kind,
            number: number.map(|n| n.value.clone()),
            date: date.map(|d| d.value),
        });
    }
    mentions
}

/// The relation named last in the last clause of a text (`... утратившими силу:`).
fn last_relation(text: &str) -> Option<Relation> {
    let masked = mask_for_references(text);
    let clause =
        clauses(&masked).into_iter().rev().find(|c| !masked[c.start..c.end].trim().is_empty())?;
    relation_markers(&words(&masked[clause.start..clause.end])).last().map(|m| m.relation)
}

/// Where a relation word may stand relative to the act it applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
    Either,
}

#[derive(Debug)]
struct Marker {
    start: usize,
    end: usize,
    relation: Relation,
    side: Side,
}

fn relation_markers(words: &[Word<'_>]) -> Vec<Marker> {
    let mut markers = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let w = word.folded.as_str();
        let next = words.get(index + 1).map(|n| n.folded.as_str());
        let found = if matches!(w, "внесении" | "внести" | "внесение" | "внесения")
            || (matches!(
                w,
                "изменения"
                    | "изменений"
                    | "изменение"
                    | "дополнения"
                    | "дополнений"
                    | "дополнение"
            ) && matches!(next, Some("в" | "во")))
        {
            Some((Relation::Amends, Side::Before))
        } else if starts_with_any(
            w,
            &["озгерис", "толыктыр", "енгиз", "озгорт", "толукто", "киргиз"],
        ) {
            Some((Relation::Amends, Side::After))
        } else if w.starts_with("утратив") || w.starts_with("отмен") {
            Some((Relation::Repeals, Side::Either))
        } else if starts_with_any(w, &["жойыл", "жогот"])
            || (w == "жокко" && next.is_some_and(|n| n.starts_with("чыгар")))
        {
            Some((Relation::Repeals, Side::After))
        } else if matches!(
            w,
            "соответствии" | "согласно" | "основании" | "исполнение" | "руководствуясь"
        ) {
            Some((Relation::Cites, Side::Before))
        } else if matches!(
            w,
            "сайкес"
                | "негизинде"
                | "ылайык"
                | "ылайыгында"
                | "орындау"
                | "аткаруу"
                | "басшылыкка"
        ) {
            Some((Relation::Cites, Side::After))
        } else {
            None
        };
        if let Some((relation, side)) = found {
            markers.push(Marker { start: word.start, end: word.end, relation, side });
        }
    }
    markers
}

/// The relation of the nearest marker that stands on its side of the mention.
fn nearest_relation(mention: &Mention, markers: &[Marker]) -> Option<Relation> {
    markers
        .iter()
        .filter_map(|marker| {
            let before = marker.end <= mention.start && marker.side != Side::After;
            let after = marker.start >= mention.end && marker.side != Side::Before;
            if before {
                Some((mention.start - marker.end, marker.relation))
            } else if after {
                Some((marker.start - mention.end, marker.relation))
            } else {
                None
            }
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, relation)| relation)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One header and the requisites expected from it (`None`: must not be found).
    struct Case {
        name: &'static str,
        header: &'static str,
        kind: Option<ActKind>,
        number: Option<&'static str>,
        date: Option<&'static str>,
        issuer: Option<&'static str>,
        title: Option<&'static str>,
    }

    fn check(cases: &[Case]) {
        let mut failures = Vec::new();
        for case in cases {
            let parsed = parse_requisites(case.header);
            let got = (
                parsed.kind,
                parsed.number.as_deref(),
                parsed.date.map(ActDate::to_iso),
                parsed.issuer.as_deref(),
                parsed.title.as_deref(),
            );
            let expected =
                (case.kind, case.number, case.date.map(str::to_owned), case.issuer, case.title);
            if got != expected {
                failures
                    .push(format!("{}:\n  got      {got:?}\n  expected {expected:?}", case.name));
            }
        }
        assert!(failures.is_empty(), "check the header rules for:\n{}", failures.join("\n"));
    }

    #[test]
    fn test_russian_headers() {
        check(&[
            Case {
                name: "council decision, capitals, words date",
                header: "ГОРОДСКОЙ СОВЕТ ГОРОДА АКТАУ\nРЕШЕНИЕ\nот 12 марта 2018 года № 4-10002\nО городском бюджете на 2018 год\nВ соответствии с решением маслихата от 01.02.2017 № 5 городской совет РЕШИЛ:\n1. Утвердить бюджет.",
                kind: Some(ActKind::Decision),
                number: Some("4-10002"),
                date: Some("2018-03-12"),
                issuer: Some("Городской совет города Актау"),
                title: Some("О городском бюджете на 2018 год"),
            },
            Case {
                name: "Russian municipality, spaced letters, two-line title",
                header: "РОССИЙСКАЯ ФЕДЕРАЦИЯ\nАДМИНИСТРАЦИЯ ГОРОДА САРОВА\nНИЖЕГОРОДСКОЙ ОБЛАСТИ\nП О С Т А Н О В Л Е Н И Е\n12.03.2018 № 645\nг. Саров\nОб утверждении Положения о порядке\nпредоставления субсидий\nВ целях поддержки малого предпринимательства администрация ПОСТАНОВЛЯЕТ:",
                kind: Some(ActKind::Resolution),
                number: Some("645"),
                date: Some("2018-03-12"),
                issuer: Some("Администрация города Сарова Нижегородской области"),
                title: Some("Об утверждении Положения о порядке предоставления субсидий"),
            },
            Case {
                name: "register format: title first, adoption and registration dates",
                header: "Об утверждении Правил благоустройства территории города Актау\nРешение Актауского городского маслихата Мангистауской области от 12 марта 2018 года № 20/215. Зарегистрировано Департаментом юстиции Мангистауской области 2 апреля 2018 года № 3567\nВ соответствии с Законом Республики Казахстан от 23 января 2001 года № 148 маслихат РЕШИЛ:",
                kind: Some(ActKind::Decision),
                number: Some("20/215"),
                date: Some("2018-03-12"),
                issuer: Some("Актауский городской маслихат Мангистауской области"),
                title: Some("Об утверждении Правил благоустройства территории города Актау"),
            },
            Case {
                name: "mayor's order, quoted day, number with letters",
                header: "МЭРИЯ ГОРОДА БИШКЕК\nРАСПОРЯЖЕНИЕ мэра\nот «12» марта 2018 г. № 12-р\nг. Бишкек\nО проведении месячника по благоустройству",
                kind: Some(ActKind::Order),
                number: Some("12-р"),
                date: Some("2018-03-12"),
                issuer: Some("Мэрия города Бишкек"),
                title: Some("О проведении месячника по благоустройству"),
            },
            Case {
                name: "order of the head of the office, letters before digits",
                header: "Приказ руководителя аппарата акима города Алматы от 5 июня 2019 года № ПП-12\nОб утверждении графика приема граждан",
                kind: Some(ActKind::Order),
                number: Some("ПП-12"),
                date: Some("2019-06-05"),
                issuer: Some("Руководитель аппарата акима города Алматы"),
                title: Some("Об утверждении графика приема граждан"),
            },
            Case {
                name: "government resolution in capitals",
                header: "ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nот 15 марта 2018 года № 145\nОБ УТВЕРЖДЕНИИ ПОЛОЖЕНИЯ О МИНИСТЕРСТВЕ ЮСТИЦИИ\nКЫРГЫЗСКОЙ РЕСПУБЛИКИ",
                kind: Some(ActKind::Resolution),
                number: Some("145"),
                date: Some("2018-03-15"),
                issuer: Some("Правительство Кыргызской Республики"),
                title: Some("Об утверждении положения о министерстве юстиции Кыргызской Республики"),
            },
            Case {
                name: "presidential decree, Roman-numeral number",
                header: "УКАЗ ПРЕЗИДЕНТА КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nО мерах по развитию туризма\nг. Бишкек, от 12 апреля 2018 года № 123-VI",
                kind: Some(ActKind::Decree),
                number: Some("123-VI"),
                date: Some("2018-04-12"),
                issuer: Some("Президент Кыргызской Республики"),
                title: Some("О мерах по развитию туризма"),
            },
            Case {
                name: "header joined into one paragraph",
                header: "РЕШЕНИЕ от 12.03.2018 № 33 О бюджете\nТекст решения.",
                kind: Some(ActKind::Decision),
                number: Some("33"),
                date: Some("2018-03-12"),
                issuer: None,
                title: Some("О бюджете"),
            },
            Case {
                name: "number before date, numeric date with г., slash number",
                header: "Совет депутатов городского округа\nРЕШЕНИЕ № 15/3 от 12.03.2018 г.\nО внесении изменений в решение Совета депутатов\nот 14.12.2017 № 10/1 «О бюджете на 2018 год»",
                kind: Some(ActKind::Decision),
                number: Some("15/3"),
                date: Some("2018-03-12"),
                issuer: Some("Совет депутатов городского округа"),
                title: Some("О внесении изменений в решение Совета депутатов от 14.12.2017 № 10/1 «О бюджете на 2018 год»"),
            },
            Case {
                name: "ISO date and N sign, registration stated first",
                header: "Зарегистрировано в Министерстве юстиции 5 апреля 2018 года № 16711\nПРИКАЗ Министра финансов Республики Казахстан от 2018-03-20 N 380\nОб утверждении Правил учета",
                kind: Some(ActKind::Order),
                number: Some("380"),
                date: Some("2018-03-20"),
                issuer: Some("Министр финансов Республики Казахстан"),
                title: Some("Об утверждении Правил учета"),
            },
            Case {
                name: "kind word only in the body",
                header: "О мерах по благоустройству города\nВ соответствии с решением городского совета от 01.02.2017 № 5 акимат ПОСТАНОВЛЯЕТ:\n1. Утвердить план.\nРешение вступает в силу со дня опубликования.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: Some("О мерах по благоустройству города"),
            },
            Case {
                name: "a clipping without a header",
                header: "Библиотека провела неделю детской книги\nВ минувшую среду, 12 марта 2018 года, в центральной городской библиотеке прошла неделя детской книги, по решению городского совета № 5 участвовали все школы города.\nЧитатели получили подарки.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
            Case {
                name: "a law, not a kind of act, with notes in parentheses",
                header: "ВОДНЫЙ КОДЕКС КЫРГЫЗСКОЙ РЕСПУБЛИКИ от 12 января 2005 года № 8 (В редакции Законов КР от 10 октября 2012 года № 170) Глава 1 Общие положения",
                kind: None,
                number: Some("8"),
                date: Some("2005-01-12"),
                issuer: None,
                title: Some("Водный кодекс Кыргызской Республики"),
            },
        ]);
    }

    #[test]
    fn test_kazakh_headers() {
        check(&[
            Case {
                name: "decision, genitive body",
                header: "Қалалық мәслихаттың шешімі\n2018 жылғы 12 наурыздағы № 33\nҚалалық бюджет туралы",
                kind: Some(ActKind::Decision),
                number: Some("33"),
                date: Some("2018-03-12"),
                issuer: Some("Қалалық мәслихат"),
                title: Some("Қалалық бюджет туралы"),
            },
            Case {
                name: "register format: kind after the number, registration sentence",
                header: "Ақтау қаласының аумағын абаттандыру қағидаларын бекіту туралы\nМаңғыстау облысы Ақтау қалалық мәслихатының 2018 жылғы 12 наурыздағы № 20/215 шешімі. Маңғыстау облысының Әділет департаментінде 2018 жылғы 2 сәуірде № 3567 болып тіркелді\nҚазақстан Республикасының 2001 жылғы 23 қаңтардағы «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңына сәйкес, Ақтау қалалық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:",
                kind: Some(ActKind::Decision),
                number: Some("20/215"),
                date: Some("2018-03-12"),
                issuer: Some("Маңғыстау облысы Ақтау қалалық мәслихаты"),
                title: Some("Ақтау қаласының аумағын абаттандыру қағидаларын бекіту туралы"),
            },
            Case {
                name: "akimat in capitals, spaced letters, quoted day, two-line title",
                header: "АЛМАТЫ ҚАЛАСЫНЫҢ ӘКІМДІГІ\nҚ А У Л Ы\n2019 жылғы «5» маусым № 2/300\nАлматы қаласының 2019-2021 жылдарға арналған\nбюджеті туралы\nҚазақстан Республикасының Бюджет кодексіне сәйкес Алматы қаласының әкімдігі ҚАУЛЫ ЕТЕДІ:",
                kind: Some(ActKind::Resolution),
                number: Some("2/300"),
                date: Some("2019-06-05"),
                issuer: Some("Алматы қаласының әкімдігі"),
                title: Some("Алматы қаласының 2019-2021 жылдарға арналған бюджеті туралы"),
            },
            Case {
                name: "possessive resolution, day-month-year",
                header: "Алматы қаласы әкімдігінің қаулысы\n12 наурыз 2018 жыл № 1/100\nЖер учаскесін беру туралы",
                kind: Some(ActKind::Resolution),
                number: Some("1/100"),
                date: Some("2018-03-12"),
                issuer: Some("Алматы қаласы әкімдігі"),
                title: Some("Жер учаскесін беру туралы"),
            },
            Case {
                name: "akim's order",
                header: "Аудан әкімінің өкімі\n2020 жылғы 3 ақпандағы № 15-ө\nЖұмыс тобын құру туралы",
                kind: Some(ActKind::Order),
                number: Some("15-ө"),
                date: Some("2020-02-03"),
                issuer: Some("Аудан әкімі"),
                title: Some("Жұмыс тобын құру туралы"),
            },
            Case {
                name: "presidential decree",
                header: "Қазақстан Республикасы Президентінің Жарлығы\n2018 жылғы 15 наурыздағы № 650\nМемлекеттік наградалар туралы",
                kind: Some(ActKind::Decree),
                number: Some("650"),
                date: Some("2018-03-15"),
                issuer: Some("Қазақстан Республикасы Президенті"),
                title: Some("Мемлекеттік наградалар туралы"),
            },
            Case {
                name: "minister's order on one line",
                header: "Қазақстан Республикасы Қаржы министрінің 2018 жылғы 20 наурыздағы № 380 бұйрығы",
                kind: Some(ActKind::Order),
                number: Some("380"),
                date: Some("2018-03-20"),
                issuer: Some("Қазақстан Республикасы Қаржы министрі"),
                title: None,
            },
            Case {
                name: "typed without Kazakh letters",
                header: "Алматы каласы акимдигинин каулысы\n2018 жылгы 12 наурыздагы № 5\nБюджет туралы",
                kind: Some(ActKind::Resolution),
                number: Some("5"),
                date: Some("2018-03-12"),
                issuer: Some("Алматы каласы акимдиги"),
                title: Some("Бюджет туралы"),
            },
            Case {
                name: "kind word only in the body",
                header: "Осы шешім алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
        ]);
    }

    #[test]
    fn test_kyrgyz_headers() {
        check(&[
            Case {
                name: "resolution, genitive body",
                header: "Шаардык кеңештин токтому\n2018-жылдын 12-марты No 12-п\nШаардык бюджет жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("12-п"),
                date: Some("2018-03-12"),
                issuer: Some("Шаардык кеңеш"),
                title: Some("Шаардык бюджет жөнүндө"),
            },
            Case {
                name: "capitals, locative month",
                header: "БИШКЕК ШААРДЫК КЕҢЕШИНИН ТОКТОМУ\n2018-жылдын 12-апрелинде № 45\nБишкек шаарынын 2018-жылга бюджети жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("45"),
                date: Some("2018-04-12"),
                issuer: Some("Бишкек шаардык кеңеши"),
                title: Some("Бишкек шаарынын 2018-жылга бюджети жөнүндө"),
            },
            Case {
                name: "traditional month of two words",
                header: "Кыргыз Республикасынын Өкмөтүнүн токтому\n2016-жылдын 28-жалган куран № 102\nМамлекеттик программа жөнүндө",
                kind: Some(ActKind::Resolution),
                number: Some("102"),
                date: Some("2016-03-28"),
                issuer: Some("Кыргыз Республикасынын Өкмөтү"),
                title: Some("Мамлекеттик программа жөнүндө"),
            },
            Case {
                name: "traditional month of one word with an ending",
                header: "Ош облустук кеңешинин чечими\n2017-жылдын 5-бугусундагы № 7\nОблустук бюджет жөнүндө",
                kind: Some(ActKind::Decision),
                number: Some("7"),
                date: Some("2017-05-05"),
                issuer: Some("Ош облустук кеңеши"),
                title: Some("Облустук бюджет жөнүндө"),
            },
            Case {
                name: "mayor's office order, day-month-year",
                header: "Ош шаарынын мэриясынын буйругу\n12-март 2018-жыл № 01-04/215\nКызматтык текшерүү жөнүндө",
                kind: Some(ActKind::Order),
                number: Some("01-04/215"),
                date: Some("2018-03-12"),
                issuer: Some("Ош шаарынын мэриясы"),
                title: Some("Кызматтык текшерүү жөнүндө"),
            },
            Case {
                name: "instruction, year-locative form",
                header: "Айыл өкмөтүнүн башчысынын тескемеси\n2018-жылы 12-мартта № 5\nЖумушчу топ түзүү жөнүндө",
                kind: Some(ActKind::Order),
                number: Some("5"),
                date: Some("2018-03-12"),
                issuer: Some("Айыл өкмөтүнүн башчысы"),
                title: Some("Жумушчу топ түзүү жөнүндө"),
            },
            Case {
                name: "presidential decree, May and October endings",
                header: "Кыргыз Республикасынын Президентинин Жарлыгы\n2018-жылдын 3-майы № 90\nМамлекеттик сыйлыктар жөнүндө",
                kind: Some(ActKind::Decree),
                number: Some("90"),
                date: Some("2018-05-03"),
                issuer: Some("Кыргыз Республикасынын Президенти"),
                title: Some("Мамлекеттик сыйлыктар жөнүндө"),
            },
            Case {
                name: "kind word only in the body",
                header: "Бул токтом расмий жарыяланган күндөн тартып он күн өткөндөн кийин күчүнө кирет.",
                kind: None,
                number: None,
                date: None,
                issuer: None,
                title: None,
            },
        ]);
    }

    #[test]
    fn test_numbers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("№ 12-п", Some("12-п")),
            ("№12-п", Some("12-п")),
            ("No 33", Some("33")),
            ("N 33", Some("33")),
            ("N33", Some("33")),
            ("№ 4-10002", Some("4-10002")),
            ("№ 15/3", Some("15/3")),
            ("№ 123-VI", Some("123-VI")),
            ("№ 01-04/215", Some("01-04/215")),
            ("№ ПП-12", Some("ПП-12")),
            ("№ 12-п О бюджете", Some("12-п")),
            ("№ 33 шешімі", Some("33")),
            ("№ 33. Зарегистрировано", Some("33")),
            ("от 12.03.2018 № 5,", Some("5")),
            ("№ ____", None),
            ("Новый закон", None),
            ("Note 5", None),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_number(line).as_deref(), *expected, "number in {line:?}");
        }
    }

    #[test]
    fn test_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("12.03.2018", Some("2018-03-12")),
            ("от 12.03.2018 г.", Some("2018-03-12")),
            ("от 01.02.2020г.", Some("2020-02-01")),
            ("12/03/2018", Some("2018-03-12")),
            ("2018-03-12", Some("2018-03-12")),
            ("01.02.98", Some("1998-02-01")),
            ("12 марта 2018 года", Some("2018-03-12")),
            ("«12» марта 2018 г.", Some("2018-03-12")),
            ("3 мая 2019 года", Some("2019-05-03")),
            ("2018 жылғы 12 наурыздағы", Some("2018-03-12")),
            ("2018 жылғы «12» наурыз", Some("2018-03-12")),
            ("12 наурыз 2018 жыл", Some("2018-03-12")),
            ("2018 жылғы 2 сәуірде", Some("2018-04-02")),
            ("2017 жылғы 14 желтоқсандағы", Some("2017-12-14")),
            ("2017 жылгы 14 желтоксандагы", Some("2017-12-14")),
            ("2018-жылдын 12-марты", Some("2018-03-12")),
            ("2018-жылы 12-мартта", Some("2018-03-12")),
            ("12-март 2018-жыл", Some("2018-03-12")),
            ("2018-жылдын 12-апрелинде", Some("2018-04-12")),
            ("2018-жылдын 3-майы", Some("2018-05-03")),
            ("2017-жылдын 20-октябрындагы", Some("2017-10-20")),
            ("2015-жылдын 9-үчтүн айы", Some("2015-01-09")),
            ("2015-жылдын 9-бирдин айы", Some("2015-02-09")),
            ("2016-жылдын 28-жалган куран", Some("2016-03-28")),
            ("2016-жылдын 1-чын куранында", Some("2016-04-01")),
            ("2017-жылдын 5-бугусу", Some("2017-05-05")),
            ("2017-жылдын 15-кулжа", Some("2017-06-15")),
            ("2017-жылдын 7-теке", Some("2017-07-07")),
            ("2017-жылдын 7-баш оона", Some("2017-08-07")),
            ("2017-жылдын 7-аяк оона", Some("2017-09-07")),
            ("2017-жылдын 7-тогуздун айы", Some("2017-10-07")),
            ("2017-жылдын 7-жетинин айы", Some("2017-11-07")),
            ("2017-жылдын 7-бештин айы", Some("2017-12-07")),
            ("31.02.2018", None),
            ("30 февраля 2019 года", None),
            ("2018 жылғы 32 наурыз", None),
            ("29.02.2019", None),
            ("пункт 1.2.15", None),
            ("в 2018 году", None),
            ("«___» ________ 2018 г.", None),
        ];
        for (line, expected) in cases {
            assert_eq!(
                parse_date(line).map(ActDate::to_iso).as_deref(),
                *expected,
                "date in {line:?}"
            );
        }
    }

    #[test]
    fn test_readable_case() {
        let cases: &[(&str, &str)] = &[
            ("ГОРОДСКОЙ СОВЕТ ГОРОДА АКТАУ", "Городской совет города Актау"),
            (
                "АДМИНИСТРАЦИЯ ГОРОДА САРОВА НИЖЕГОРОДСКОЙ ОБЛАСТИ",
                "Администрация города Сарова Нижегородской области",
            ),
            ("ИССЫК-КУЛЬСКИЙ ОБЛАСТНОЙ КЕНЕШ", "Иссык-Кульский областной кенеш"),
            ("АЛМАТЫ ҚАЛАСЫНЫҢ ӘКІМДІГІ", "Алматы қаласының әкімдігі"),
            ("ЖОГОРКУ КЕНЕШ КЫРГЫЗСКОЙ РЕСПУБЛИКИ", "Жогорку Кенеш Кыргызской Республики"),
            ("АППАРАТ АКИМА Г.АЛМАТЫ", "Аппарат акима г.Алматы"),
            ("ЦБС АЛАМУДУНСКОГО РАЙОНА", "ЦБС Аламудунского района"),
            ("Маслихат города Актау", "Маслихат города Актау"),
            ("ГОРОДСКОЙ СОВЕТ ГОРОДА ЖАНАТУМАР", "Городской совет города Жанатумар"),
            ("МЭРИЯ ГОРОДА ЖАНАТУМАР", "Мэрия города Жанатумар"),
            ("МЭРИЯ ЖАНАТУМАРА", "Мэрия Жанатумара"),
            ("МЭРИЯ КРАСНОКАМСКА", "Мэрия Краснокамска"),
            (
                "АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ",
                "Администрация муниципального образования",
            ),
            ("АДМИНИСТРАЦИЯ СЕЛЬСКОГО ПОСЕЛЕНИЯ", "Администрация сельского поселения"),
            ("ЖАНАТУМАРСКИЙ ГОРОДСКОЙ СОВЕТ", "Жанатумарский городской совет"),
            ("ЖАҢАТҰМАР ҚАЛАЛЫҚ МӘСЛИХАТЫ", "Жаңатұмар қалалық мәслихаты"),
            ("ЖАҢАТҰМАР ҚАЛАСЫНЫҢ ӘКІМДІГІ", "Жаңатұмар қаласының әкімдігі"),
            ("ЖАҢАТУМАР ШААРДЫК КЕҢЕШИ", "Жаңатумар шаардык кеңеши"),
            ("ЖАҢАТУМАР ШААРЫНЫН МЭРИЯСЫ", "Жаңатумар шаарынын мэриясы"),
            ("ЧҮЙ ОБЛУСУНУН АЛАМҮДҮН РАЙОНДУК КЕҢЕШИ", "Чүй облусунун Аламүдүн райондук кеңеши"),
            (
                "УПРАВЛЕНИЕ КУЛЬТУРЫ МЭРИИ ГОРОДА ЖАНАТУМАР",
                "Управление культуры мэрии города Жанатумар",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(readable_case(text), *expected, "readable case of {text:?}");
        }
    }

    fn reference(
        relation: Relation,
        kind: Option<ActKind>,
        number: Option<&str>,
        date: Option<&str>,
    ) -> ActReference {
        ActReference {
            relation,
            kind,
            number: number.map(str::to_owned),
            date: date.and_then(ActDate::parse_iso),
        }
    }

    #[test]
    fn test_references() {
        use ActKind::{Decision, Decree, Order, Resolution};
        use Relation::{Amends, Cites, Repeals};
        let cases: Vec<(&str, &str, Vec<ActReference>)> = vec![
            (
                "ru amends, title",
                "О внесении изменений и дополнений в решение маслихата города Актау от 14 декабря 2017 года № 15/170 «О городском бюджете на 2018-2020 годы»",
                vec![reference(Amends, Some(Decision), Some("15/170"), Some("2017-12-14"))],
            ),
            (
                "ru amends, body, inner title mentions ignored",
                "Внести в постановление акимата от 01.02.2017 № 5 «О внесении изменений в постановление от 01.01.2016 № 1» следующие изменения:",
                vec![reference(Amends, Some(Resolution), Some("5"), Some("2017-02-01"))],
            ),
            (
                "ru repeals",
                "Признать утратившим силу постановление акимата города Алматы от 12 марта 2016 года № 1/100 «О ставках» (зарегистрировано в Реестре за № 1465).",
                vec![reference(Repeals, Some(Resolution), Some("1/100"), Some("2016-03-12"))],
            ),
            (
                "ru repeals, list",
                "Признать утратившими силу следующие решения маслихата:\n1) решение от 10.01.2015 № 3 «О тарифах»;\n2) решение от 11.02.2016 № 7 «О ставках».\n3. Контроль возложить на аппарат.",
                vec![
                    reference(Repeals, Some(Decision), Some("3"), Some("2015-01-10")),
                    reference(Repeals, Some(Decision), Some("7"), Some("2016-02-11")),
                ],
            ),
            (
                "ru repeals, after the act",
                "Распоряжение акима района от 5 мая 2015 года № 12 признать утратившим силу.",
                vec![reference(Repeals, Some(Order), Some("12"), Some("2015-05-05"))],
            ),
            (
                "ru cites, and a law without number",
                "В соответствии с Законом Республики Казахстан от 23 января 2001 года «О местном государственном управлении», указом Президента от 3 мая 2018 года № 90 акимат ПОСТАНОВЛЯЕТ:",
                vec![
                    reference(Cites, None, None, Some("2001-01-23")),
                    reference(Cites, Some(Decree), Some("90"), Some("2018-05-03")),
                ],
            ),
            (
                "ru: own requisites are not a reference; other dates are not the act's",
                "Решение маслихата города Актау от 12 марта 2018 года № 20/215\nРешение вступает в силу с 1 января 2019 года.",
                vec![],
            ),
            (
                "kk amends",
                "Ақтау қалалық мәслихатының 2017 жылғы 14 желтоқсандағы № 15/170 «2018-2020 жылдарға арналған қалалық бюджет туралы» шешіміне өзгерістер енгізу туралы",
                vec![reference(Amends, Some(Decision), Some("15/170"), Some("2017-12-14"))],
            ),
            (
                "kk repeals",
                "Алматы қаласы әкімдігінің 2016 жылғы 12 наурыздағы № 1/100 қаулысының күші жойылды деп танылсын.",
                vec![reference(Repeals, Some(Resolution), Some("1/100"), Some("2016-03-12"))],
            ),
            (
                "kk repeals, list",
                "Мыналардың күші жойылды деп танылсын:\n1) аудан әкімдігінің 2015 жылғы 3 ақпандағы № 15 қаулысы;\n2) аудан әкімдігінің 2016 жылғы 4 наурыздағы № 22 қаулысы.",
                vec![
                    reference(Repeals, Some(Resolution), Some("15"), Some("2015-02-03")),
                    reference(Repeals, Some(Resolution), Some("22"), Some("2016-03-04")),
                ],
            ),
            (
                "kk cites, law and decision",
                "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы «Жергілікті мемлекеттік басқару туралы» Заңына, облыс әкімінің 2018 жылғы 5 қаңтардағы № 3 шешіміне сәйкес",
                vec![
                    reference(Cites, None, None, Some("2001-01-23")),
                    reference(Cites, Some(Decision), Some("3"), Some("2018-01-05")),
                ],
            ),
            (
                "ky amends",
                "Бишкек шаардык кеңешинин 2017-жылдын 20-декабрындагы № 45 «Бюджет жөнүндө» токтомуна өзгөртүүлөрдү киргизүү жөнүндө",
                vec![reference(Amends, Some(Resolution), Some("45"), Some("2017-12-20"))],
            ),
            (
                "ky repeals",
                "Бишкек шаарынын мэриясынын 2015-жылдын 3-мартындагы № 12 буйругу күчүн жоготту деп таанылсын.",
                vec![reference(Repeals, Some(Order), Some("12"), Some("2015-03-03"))],
            ),
            (
                "ky cites",
                "Кыргыз Республикасынын Өкмөтүнүн 2016-жылдын 5-апрелиндеги № 180 токтомуна ылайык",
                vec![reference(Cites, Some(Resolution), Some("180"), Some("2016-04-05"))],
            ),
            (
                "dedupe: title and body name the same act",
                "О внесении изменений в решение маслихата от 14.12.2017 № 15/170\nВ соответствии с решением маслихата от 14.12.2017 № 15/170 и внести в решение маслихата от 14.12.2017 № 15/170 следующие изменения:",
                vec![reference(Amends, Some(Decision), Some("15/170"), Some("2017-12-14"))],
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(parse_references(text), expected, "references: {name}");
        }
    }

    #[test]
    fn test_header_references_and_serialisation() {
        let requisites = parse_requisites(
            "Решение маслихата района\nот 12.03.2018 № 20\nО внесении изменений в решение маслихата района от 14.12.2017 № 15",
        );
        assert_eq!(requisites.number.as_deref(), Some("20"));
        assert_eq!(
            requisites.references,
            [reference(Relation::Amends, Some(ActKind::Decision), Some("15"), Some("2017-12-14"))]
        );
        let json = serde_json::to_string(&requisites).expect("requisites serialise");
        assert!(json.contains(r#""references":[{"relation":"amends","kind":"decision","number":"15","date":"2017-12-14"}]"#), "{json}");
        let empty = serde_json::to_string(&Requisites::default()).expect("requisites serialise");
        assert!(!empty.contains("references"), "{empty}");
        let back: Requisites = serde_json::from_str(&json).expect("requisites deserialise");
        assert_eq!(back, requisites);
    }
}
