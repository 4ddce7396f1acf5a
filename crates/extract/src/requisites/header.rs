//! The lines of the head: normalised, split, and classified.

use super::body::{is_body_line, is_title_like};
use super::dates::find_dates;
use super::kind::{header_kind, HEADER_KINDS};
use super::numbers::{find_numbers, Found};
use super::words::{
    fold, is_caps, mask_spans, normalise_spaces, parenthesised, starts_with_any, words,
};
use super::HEADER_LINES;
use crate::document::{ActDate, ActKind};

/// A kind word found in a header line.
#[derive(Debug, Clone, Copy)]
pub(super) struct KindWord {
    pub(super) kind: ActKind,
    pub(super) start: usize,
    pub(super) end: usize,
    /// A Russian kind word: the issuing body follows it; otherwise it precedes it.
    pub(super) russian: bool,
}

/// One line of the head, normalised, with what it holds.
#[derive(Debug)]
pub(super) struct HeaderLine {
    pub(super) text: String,
    /// `text` with parentheses masked and the registration clause cut off.
    pub(super) scan: String,
    pub(super) title_like: bool,
    pub(super) body: bool,
    pub(super) kind: Option<KindWord>,
    pub(super) numbers: Vec<Found<String>>,
    pub(super) dates: Vec<Found<ActDate>>,
    /// The line holds only requisites (date, number, a place name).
    pub(super) requisites_only: bool,
    /// The line names an issuing body.
    pub(super) names_body: bool,
}

pub(super) fn header_lines(text: &str) -> Vec<HeaderLine> {
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
pub(super) const MAX_PARAGRAPH_BYTES: usize = 3000;

/// How many header lines (after cutting joined paragraphs) are read.
pub(super) const MAX_SEGMENTS: usize = 2 * HEADER_LINES;

pub(super) fn floor_char_boundary(text: &str, index: usize) -> usize {
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
pub(super) fn split_segments(line: &str) -> Vec<&str> {
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

pub(super) fn analyse_line(text: &str, after_body: bool) -> HeaderLine {
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
pub(super) const FILLER_WORDS: &[&str] = &[
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
pub(super) const BODY_NAME_STEMS: &[&str] = &[
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
pub(super) fn join_spaced_letters(line: &str) -> String {
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
pub(super) const PREAMBLE_OPENERS: &[&str] = &[
    "В соответствии",
    "Во исполнение",
    "В целях",
    "Руководствуясь",
    "На основании",
    "Рассмотрев",
    "Заслушав",
];

/// Splits a line where a preamble starts inside it (not at its start).
pub(super) fn split_at_preamble(line: &str) -> (&str, Option<&str>) {
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
pub(super) fn registration_cut(text: &str) -> usize {
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
pub(super) fn sentence_starts(text: &str) -> Vec<usize> {
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
