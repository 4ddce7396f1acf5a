//! Dates in numbers and in words, in Russian, Kazakh and Kyrgyz.

use super::numbers::{find_numbers, Found};
use super::words::{mask_spans, words, Word};
use crate::document::ActDate;

/// Finds the first date in a line (any case): `12.03.2018`, `12/03/2018`, `2018-03-12`,
/// `12 марта 2018 года`, `«12» марта 2018 г.`, `2018 жылғы 12 наурыздағы`, `12 наурыз 2018
/// жыл`, `2018-жылдын 12-марты`, `2018-жылы 12-мартта`, `12-март 2018-жыл`, and the
/// traditional Kyrgyz month names (`2018-жылдын 12-жалган куран`). Impossible dates are
/// rejected.
pub fn parse_date(line: &str) -> Option<ActDate> {
    let numbers = find_numbers(line);
    find_dates(&mask_spans(line, numbers.iter().map(|n| (n.start, n.end)))).first().map(|d| d.value)
}
/// Dates in a text, in order of position, not overlapping.
pub(super) fn find_dates(text: &str) -> Vec<Found<ActDate>> {
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
pub(super) fn numeric_dates(text: &str) -> Vec<Found<ActDate>> {
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

pub(super) fn numeric_date(run: &str) -> Option<ActDate> {
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
pub(super) const YEAR_WORDS: &[&str] =
    &["г", "гг", "год", "года", "ж", "жыл", "жылы", "жылгы", "жылдын", "жылдагы", "жылдан"];

/// Month names by number, folded: Russian (and the Russian-derived Kyrgyz names with
/// their case endings: `марты`, `апрелинде`, `майы`, `октябрындагы`) and Kazakh, as
/// prefixes of the word.
pub(super) const MONTH_STEMS: &[(&str, u8)] = &[
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
pub(super) const KYRGYZ_TWO_WORD_MONTHS: &[(&str, &str, u8)] = &[
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
pub(super) fn month_at(words: &[Word<'_>], index: usize) -> Option<(u8, usize)> {
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

pub(super) fn day_at(words: &[Word<'_>], index: usize) -> Option<u8> {
    let word = words.get(index)?;
    (word.text.len() <= 2 && word.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.text.parse().ok())
        .flatten()
        .filter(|day| (1..=31).contains(day))
}

/// A year: four digits, maybe with a glued abbreviation (`2018г`).
pub(super) fn year_at(words: &[Word<'_>], index: usize) -> Option<i32> {
    let word = &words.get(index)?.folded;
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = &word[digits..];
    (digits == 4 && (rest.is_empty() || YEAR_WORDS.contains(&rest)))
        .then(|| word[..4].parse().ok())
        .flatten()
        .filter(|year| (1800..=2200).contains(year))
}

/// `12 марта 2018 года`, `2018 жылғы 12 наурыздағы`, `2018-жылдын 12-марты`, ...
pub(super) fn word_dates(text: &str) -> Vec<Found<ActDate>> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
