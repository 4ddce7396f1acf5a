//! The requisites of an act from its header text, in Russian, Kazakh and Kyrgyz:
//! kind, number, date, issuing body and title.
//!
//! Only the head of the document is read (the first [`HEADER_LINES`] non-empty lines):
//! a body that cites another act must not lend it its number or date.

use crate::document::{ActDate, ActKind, Requisites};

/// How many non-empty lines of the head are read.
pub const HEADER_LINES: usize = 14;

/// Words that name the kind of act, in the forms headers use (nominative and the
/// Kazakh/Kyrgyz possessive form: `әкімдігінің қаулысы`).
const KIND_WORDS: &[(&str, ActKind)] = &[
    ("постановление", ActKind::Resolution),
    ("решение", ActKind::Decision),
    ("распоряжение", ActKind::Order),
    ("приказ", ActKind::Order),
    ("указ", ActKind::Decree),
    ("қаулы", ActKind::Resolution),
    ("қаулысы", ActKind::Resolution),
    ("шешім", ActKind::Decision),
    ("шешімі", ActKind::Decision),
    ("өкім", ActKind::Order),
    ("өкімі", ActKind::Order),
    ("бұйрық", ActKind::Order),
    ("бұйрығы", ActKind::Order),
    ("жарлық", ActKind::Decree),
    ("жарлығы", ActKind::Decree),
    ("токтом", ActKind::Resolution),
    ("токтому", ActKind::Resolution),
    ("чечим", ActKind::Decision),
    ("чечими", ActKind::Decision),
    ("буйрук", ActKind::Order),
    ("буйругу", ActKind::Order),
    ("тескеме", ActKind::Order),
    ("тескемеси", ActKind::Order),
    ("жарлык", ActKind::Decree),
    ("жарлыгы", ActKind::Decree),
];

/// Stems of words that name an issuing body.
const ISSUER_WORDS: &[&str] = &[
    "совет", "мэри", "администраци", "акимат", "аким", "кенеш", "кеңеш", "мәслихат", "маслихат",
    "әкімдік", "әкімі", "әкімдіг", "министерств", "комитет", "управлени", "департамент", "дума",
    "правительств", "президент", "басқарм", "айыл окмоту", "өкмөт", "министрлиг",
];

/// Month names by number: Russian genitive, Kazakh and Kyrgyz (stems, any ending).
const MONTHS: &[(&str, u8)] = &[
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6),
    ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6),
    ("шілде", 7), ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11), ("желтоқсан", 12),
    ("үчтүн айы", 3), ("бирдин айы", 4), ("жалган куран", 5), ("чын куран", 6), ("бугу", 7),
    ("кулжа", 8), ("теке", 9), ("тогуздун айы", 10), ("жетинин айы", 11), ("бештин айы", 12),
];

/// Parses the requisites from the head of a document.
pub fn parse_requisites(text: &str) -> Requisites {
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|line| !line.is_empty()).take(HEADER_LINES).collect();
    let mut requisites = Requisites::default();
    let mut kind_line = None;
    for (index, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        if requisites.kind.is_none() {
            if let Some(kind) = lower
                .split(|c: char| !c.is_alphabetic())
                .find_map(|word| KIND_WORDS.iter().find(|(w, _)| *w == word).map(|(_, kind)| *kind))
            {
                requisites.kind = Some(kind);
                kind_line = Some(index);
            }
        }
        if requisites.number.is_none() {
            requisites.number = parse_number(line);
        }
        if requisites.date.is_none() {
            requisites.date = parse_date(&lower);
        }
    }
    let header_end = kind_line.map_or(lines.len().min(4), |line| line + 1);
    requisites.issuer = lines[..header_end]
        .iter()
        .find(|line| {
            let lower = line.to_lowercase();
            ISSUER_WORDS.iter().any(|word| lower.contains(word))
        })
        .map(|line| tidy_issuer(line));
    requisites.title = lines.iter().skip(kind_line.unwrap_or(0)).find_map(|line| title_of(line));
    requisites
}

fn tidy_issuer(line: &str) -> String {
    let mut issuer = line.trim().trim_end_matches(['.', ',', ':']).to_owned();
    if issuer.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        // Headers are often in capitals; store the name in sentence case.
        let lower = issuer.to_lowercase();
        let mut chars = lower.chars();
        issuer = chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
    }
    issuer
}

fn title_of(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let is_title = lower.starts_with("о ")
        || lower.starts_with("об ")
        || lower.ends_with("туралы")
        || lower.ends_with("жөнүндө")
        || lower.contains(" туралы ")
        || lower.contains(" жөнүндө ");
    (is_title && line.chars().count() <= 300).then(|| line.trim().trim_end_matches('.').to_owned())
}

/// Finds a number after `№`, `No` or `N` in a line: `№ 12-п` gives `12-п`.
pub fn parse_number(line: &str) -> Option<String> {
    let mut rest = line;
    while let Some(position) = rest.find(['№', 'N']) {
        let after = &rest[position..];
        let sign_length = if after.starts_with('№') {
            '№'.len_utf8()
        } else if after.starts_with("No") || after.starts_with("N ") || after.starts_with("N.") {
            if after.starts_with("No") { 2 } else { 1 }
        } else {
            rest = &after[1..];
            continue;
        };
        let candidate = after[sign_length..].trim_start_matches(['.', ' ', '\u{a0}']);
        let number: String = candidate
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.'))
            .collect();
        let number = number.trim_end_matches(['.', '-', '/']);
        if number.chars().any(|c| c.is_ascii_digit()) {
            return Some(number.to_owned());
        }
        rest = &after[sign_length..];
    }
    None
}

/// Finds a date in a lower-cased line: `12.03.2018`, `12 марта 2018 года`,
/// `2018 жылғы 12 наурыздағы`, `2018-жылдын 12-марты`.
pub fn parse_date(lower: &str) -> Option<ActDate> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '«' | '»' | '"' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    for word in &words {
        let parts: Vec<&str> = word.trim_end_matches(['.', 'г']).split('.').collect();
        if parts.len() == 3 {
            if let (Ok(day), Ok(month), Ok(year)) =
                (parts[0].parse::<u8>(), parts[1].parse::<u8>(), parts[2].parse::<i32>())
            {
                if let Some(date) = ActDate::new(year, month, day) {
                    return Some(date);
                }
            }
        }
    }
    // Dates with the month in words: look for a year, a day and a month within a window.
    for (index, word) in words.iter().enumerate() {
        let Some(year) = leading_number(word).filter(|n| (1900..=2100).contains(n)) else {
            continue;
        };
        let window = &words[index.saturating_sub(3)..(index + 4).min(words.len())];
        let month = window.iter().find_map(|w| month_of(w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')));
        let day = window
            .iter()
            .filter(|w| **w != *word)
            .find_map(|w| leading_number(w).filter(|d| (1..=31).contains(d)));
        if let (Some(month), Some(day)) = (month, day) {
            if let Some(date) = ActDate::new(year as i32, month, day as u8) {
                return Some(date);
            }
        }
    }
    None
}

fn leading_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn month_of(word: &str) -> Option<u8> {
    if word.len() < 3 {
        return None;
    }
    MONTHS.iter().find(|(stem, _)| {
        if *stem == "ма" {
            // "мая" only: "март", "марта" have their own entry, "май" is nominative.
            word == "мая" || word == "май"
        } else {
            word.starts_with(stem)
        }
    }).map(|(_, month)| *month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_russian_header() {
        let header = "ГОРОДСКОЙ СОВЕТ ГОРОДА АКТАУ\nРЕШЕНИЕ\nот 12 марта 2018 года № 4-10002\nО городском бюджете на 2018 год\n\nТекст.";
        let requisites = parse_requisites(header);
        assert_eq!(requisites.kind, Some(ActKind::Decision));
        assert_eq!(requisites.number.as_deref(), Some("4-10002"));
        assert_eq!(requisites.date.map(ActDate::to_iso).as_deref(), Some("2018-03-12"));
        assert_eq!(requisites.issuer.as_deref(), Some("Городской совет города актау"));
        assert_eq!(requisites.title.as_deref(), Some("О городском бюджете на 2018 год"));
    }

    #[test]
    fn test_kazakh_header() {
        let header = "Қалалық мәслихаттың шешімі\n2018 жылғы 12 наурыздағы № 33\nҚалалық бюджет туралы";
        let requisites = parse_requisites(header);
        assert_eq!(requisites.kind, Some(ActKind::Decision));
        assert_eq!(requisites.number.as_deref(), Some("33"));
        assert_eq!(requisites.date.map(ActDate::to_iso).as_deref(), Some("2018-03-12"));
        assert_eq!(requisites.title.as_deref(), Some("Қалалық бюджет туралы"));
    }

    #[test]
    fn test_kyrgyz_header() {
        let header = "Шаардык кеңештин токтому\n2018-жылдын 12-марты No 12-п\nШаардык бюджет жөнүндө";
        let requisites = parse_requisites(header);
        assert_eq!(requisites.kind, Some(ActKind::Resolution));
        assert_eq!(requisites.number.as_deref(), Some("12-п"));
        assert_eq!(requisites.date.map(ActDate::to_iso).as_deref(), Some("2018-03-12"));
    }

    #[test]
    fn test_numeric_date_and_no_number() {
        assert_eq!(parse_date("от 01.02.2020г.").map(ActDate::to_iso).as_deref(), Some("2020-02-01"));
        assert_eq!(parse_number("Новый закон"), None);
    }
}
