//! References to other acts in the text of an act: which acts it amends, repeals or
//! cites.

use super::dates::find_dates;
use super::header::sentence_starts;
use super::numbers::{find_numbers, Found};
use super::words::{
    mask_for_references, mask_spans, normalise_spaces, starts_with_any, words, Word,
};
use crate::document::{ActDate, ActKind, ActReference, Relation};

/// How many words a kind word and the requisites of the act it names may be apart
/// ("решение маслихата города Актау Мангистауской области от ... № ...").
pub(super) const MENTION_WINDOW_WORDS: usize = 20;

pub(super) fn references_in_paragraphs<'a>(
    paragraphs: impl Iterator<Item = &'a str>,
) -> Vec<ActReference> {
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

/// A clause of a paragraph: a sentence, or a part of one ended by `;` or `:`.
pub(super) struct Clause {
    start: usize,
    end: usize,
    ends_with_colon: bool,
}

pub(super) fn clauses(text: &str) -> Vec<Clause> {
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
pub(super) struct Mention {
    start: usize,
    end: usize,
    kind: Option<ActKind>,
    number: Option<String>,
    date: Option<ActDate>,
}

/// What a folded word names: the kind (`None` for a law or a code) and whether the
/// requisites follow it (Russian) or precede it (Kazakh, Kyrgyz).
pub(super) fn reference_kind(word: &str) -> Option<(Option<ActKind>, bool)> {
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

pub(super) fn act_mentions(clause: &str, clause_words: &[Word<'_>]) -> Vec<Mention> {
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
pub(super) fn last_relation(text: &str) -> Option<Relation> {
    let masked = mask_for_references(text);
    let clause =
        clauses(&masked).into_iter().rev().find(|c| !masked[c.start..c.end].trim().is_empty())?;
    relation_markers(&words(&masked[clause.start..clause.end])).last().map(|m| m.relation)
}

/// Where a relation word may stand relative to the act it applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Side {
    Before,
    After,
    Either,
}

#[derive(Debug)]
pub(super) struct Marker {
    start: usize,
    end: usize,
    relation: Relation,
    side: Side,
}

pub(super) fn relation_markers(words: &[Word<'_>]) -> Vec<Marker> {
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
        } else if w.starts_with("приостанов") {
            Some((Relation::Suspends, Side::Either))
        } else if starts_with_any(w, &["токтат", "токтот"]) {
            Some((Relation::Suspends, Side::After))
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
pub(super) fn nearest_relation(mention: &Mention, markers: &[Marker]) -> Option<Relation> {
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
    use super::super::{parse_references, parse_requisites};
    use super::*;
    use crate::document::Requisites;

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

    #[test]
    fn test_suspensions() {
        use ActKind::{Decision, Resolution};
        let cases = [
            (
                "1. Приостановить действие постановления мэрии города от 05.02.2024 № 12-п до завершения проверки.",
                reference(Relation::Suspends, Some(Resolution), Some("12-п"), Some("2024-02-05")),
            ),
            (
                "1. Қала әкімдігінің 2024 жылғы 5 ақпандағы № 12-п қаулысының қолданылуы тоқтатыла тұрсын.",
                reference(Relation::Suspends, Some(Resolution), Some("12-п"), Some("2024-02-05")),
            ),
            (
                "1. Шаардык кеңештин 2024-жылдын 5-февралындагы № 12-3 чечиминин аракети токтотула турсун.",
                reference(Relation::Suspends, Some(Decision), Some("12-3"), Some("2024-02-05")),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_references(text), [expected], "suspension in {text:?}");
        }
    }
}
