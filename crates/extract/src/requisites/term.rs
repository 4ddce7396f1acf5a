//! The term of an act and its edition: when it enters into force, until when it acts,
//! and which amendment a consolidated text incorporates.
//!
//! What is read, in the three languages:
//! - the start: a date after `с`/`со` in a sentence that says the act is put into force
//!   ("вводится в действие с 1 января 2031 года", "вступает в силу с ..."); in Kazakh and
//!   Kyrgyz a date followed by `бастап`/`баштап`/`тартып` in a sentence with
//!   "қолданысқа енгізіледі" / "күшіне енеді" / "күчүнө кирет" / "колдонууга киргизилет";
//! - the end: a date after `до`/`по` in a sentence that says the act acts or applies
//!   ("действует до 31 декабря 2024 года"), a date followed by `дейін`/`шейін`/`чейин` in
//!   a sentence with "қолданылады" / "колдонулат" / "күчүндө"; and a title for a year or
//!   years ("на 2024 год", "на 2024–2026 годы", "2024 жылға арналған",
//!   "2023–2025-жылдарга"), which ends on the 31st of December of the last year;
//! - the edition: "(в редакции решения от 20.05.2024 № 19-4)", "... редакциясында" in
//!   the head: the date of the act named there.
//!
//! A deadline inside the text ("представить отчёт до 1 марта") is not the act's term:
//! only sentences with the words above are read. Whether the term has passed is not
//! decided here: that depends on the day of the search, so the engine decides it.

use super::dates::find_dates;
use super::header::sentence_starts;
use super::numbers::find_numbers;
use super::words::{mask_spans, words, Word};
use crate::document::ActDate;

/// The stated start and end of an act's force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Term {
    pub(super) from: Option<ActDate>,
    pub(super) until: Option<ActDate>,
}

/// Folded words that say a sentence puts the act into force.
const START_WORDS: &[&str] = &[
    "вводится",
    "вступает",
    "введения",
    "вступления",
    "енгизиледи",
    "енгизилсин",
    "енеди",
    "кирет",
    "киргизилет",
];

/// Folded words that say a sentence states how long the act acts.
const END_WORDS: &[&str] =
    &["действует", "применяется", "колданылады", "колданыста", "колдонулат", "кучундо"];

/// Reads the term from the title and the paragraphs of an act.
pub(super) fn parse_term<'a>(
    title: Option<&str>,
    paragraphs: impl Iterator<Item = &'a str>,
) -> Term {
    let mut term = Term { from: None, until: title.and_then(title_year_end) };
    for paragraph in paragraphs {
        if !paragraph.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let numbers = find_numbers(paragraph);
        let masked = mask_spans(paragraph, numbers.iter().map(|n| (n.start, n.end)));
        let mut starts = sentence_starts(&masked);
        starts.push(masked.len());
        for bounds in starts.windows(2) {
            let sentence = &masked[bounds[0]..bounds[1]];
            let sentence_words = words(sentence);
            let has =
                |list: &[&str]| sentence_words.iter().any(|w| list.contains(&w.folded.as_str()));
            let (starts, ends) = (has(START_WORDS), has(END_WORDS));
            if !starts && !ends {
                continue;
            }
            for date in find_dates(sentence) {
                let before = sentence_words.iter().rev().find(|w| w.end <= date.start);
                let after = sentence_words.iter().find(|w| w.start >= date.end);
                let before = before.map(|w| w.folded.as_str());
                let after = after.map(|w| w.folded.as_str());
                if starts
                    && (matches!(before, Some("с" | "со"))
                        || matches!(after, Some("бастап" | "баштап" | "тартып")))
                {
                    term.from.get_or_insert(date.value);
                } else if ends
                    && (matches!(before, Some("до" | "по"))
                        || matches!(after, Some("дейин" | "шейин" | "чейин")))
                {
                    term.until = Some(date.value);
                }
            }
        }
    }
    term
}

/// The last day of the year or years a title is for: "на 2024 год", "на 2024–2026 годы",
/// "2024 жылға арналған", "2024-2026 жылдарға арналған", "2024-жылга карата".
fn title_year_end(title: &str) -> Option<ActDate> {
    let title_words = words(title);
    let year =
        |word: &Word<'_>| (word.text.len() == 4).then(|| word.text.parse::<i32>().ok()).flatten();
    for (index, word) in title_words.iter().enumerate() {
        let Some(first_year) = year(word) else { continue };
        // A range: the second year follows right after.
        let (last_year, next) = match title_words.get(index + 1).and_then(year) {
            Some(second) if second >= first_year => (second, index + 2),
            _ => (first_year, index + 1),
        };
        let previous = index.checked_sub(1).map(|i| title_words[i].folded.as_str());
        let following = title_words.get(next).map(|w| w.folded.as_str()).unwrap_or_default();
        let russian = previous == Some("на") && following.starts_with("год");
        // The dative of "year" in a title: "2024 жылға арналған", "2023–2025-жылдарга".
        let turkic = matches!(following, "жылга" | "жылдарга");
        if russian || turkic {
            return ActDate::new(last_year, 12, 31);
        }
    }
    None
}

/// The date of the amending act a consolidated text is in the edition of: "(в редакции
/// решения от 20.05.2024 № 19-4)", "(... № 19-4 шешімінің редакциясында)".
pub(super) fn parse_edition<'a>(head: impl Iterator<Item = &'a str>) -> Option<ActDate> {
    for line in head {
        let folded: Vec<String> = words(line).into_iter().map(|w| w.folded).collect();
        let position = folded.iter().position(|w| w == "редакции" || w.starts_with("редакциясы"));
        let Some(position) = position else { continue };
        let numbers = find_numbers(line);
        let dates = find_dates(&mask_spans(line, numbers.iter().map(|n| (n.start, n.end))));
        // Russian names the act after "в редакции"; Kazakh and Kyrgyz before it.
        let marker_start = words(line).get(position).map_or(0, |w| w.start);
        let russian = folded[position] == "редакции";
        // Of several amending acts ("в редакции решений от ... и от ..."), the last.
        let date = if russian {
            dates.iter().rev().find(|d| d.start > marker_start)
        } else {
            dates.iter().rev().find(|d| d.end <= marker_start)
        };
        if let Some(date) = date {
            return Some(date.value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(date: Option<ActDate>) -> Option<String> {
        date.map(ActDate::to_iso)
    }

    #[test]
    fn test_term_from_title() {
        let cases = [
            ("О городском бюджете на 2024 год", Some("2024-12-31")),
            ("О городском бюджете на 2024–2026 годы", Some("2026-12-31")),
            ("2025 жылға арналған жылыту маусымы туралы", Some("2025-12-31")),
            ("2023-2025 жылдарға арналған бағдарлама туралы", Some("2025-12-31")),
            ("2025-жылга карата жылытуу мезгили жөнүндө", Some("2025-12-31")),
            ("2023–2025-жылдарга шаардык бюджет жөнүндө", Some("2025-12-31")),
            ("2024 жылы қала көшелерін жөндеу туралы", None),
            ("О переименовании улицы 2024 года", None),
            ("О правилах благоустройства", None),
        ];
        for (title, expected) in cases {
            let term = parse_term(Some(title), std::iter::empty());
            assert_eq!(iso(term.until).as_deref(), expected, "end of {title:?}");
        }
    }

    #[test]
    fn test_term_from_text() {
        let cases = [
            (
                "Настоящее решение вводится в действие с 1 января 2031 года.",
                Some("2031-01-01"),
                None,
            ),
            (
                "Настоящее постановление вступает в силу со дня подписания, вводится в действие с 01.03.2024 и действует до 31 декабря 2024 года.",
                Some("2024-03-01"),
                Some("2024-12-31"),
            ),
            ("Мэрии представить отчёт до 1 марта 2025 года.", None, None),
            ("Подготовить до 1 октября 2030 года план на первые пять лет действия схемы.", None, None),
            (
                "Осы шешім 2031 жылғы 1 қаңтардан бастап қолданысқа енгізіледі.",
                Some("2031-01-01"),
                None,
            ),
            (
                "Осы қаулы 2024 жылғы 31 желтоқсанға дейін қолданылады.",
                None,
                Some("2024-12-31"),
            ),
            (
                "Бул чечим 2031-жылдын 1-январынан тартып күчүнө кирет.",
                Some("2031-01-01"),
                None,
            ),
            (
                "Бул токтом 2024-жылдын 31-декабрына чейин колдонулат.",
                None,
                Some("2024-12-31"),
            ),
        ];
        for (text, from, until) in cases {
            let term = parse_term(None, std::iter::once(text));
            assert_eq!(
                (iso(term.from).as_deref(), iso(term.until).as_deref()),
                (from, until),
                "term of {text:?}"
            );
        }
    }

    #[test]
    fn test_edition() {
        let cases = [
            ("(в редакции решения городского совета от 20.05.2024 № 19-4)", Some("2024-05-20")),
            (
                "(қалалық мәслихаттың 2024 жылғы 20 мамырдағы № 19-4 шешімінің редакциясында)",
                Some("2024-05-20"),
            ),
            (
                "(шаардык кеңештин 2024-жылдын 20-майындагы № 19-4 чечиминин редакциясында)",
                Some("2024-05-20"),
            ),
            ("О городском бюджете", None),
        ];
        for (line, expected) in cases {
            assert_eq!(iso(parse_edition(std::iter::once(line))).as_deref(), expected, "{line}");
        }
    }
}
