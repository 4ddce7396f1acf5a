//! The kind word of a header line.

use super::header::{sentence_starts, KindWord};
use super::words::{is_caps, starts_uppercase, starts_with_any, words};
use crate::document::ActKind;

/// Kind words of a header, folded: (word, kind, Russian).
pub(super) const HEADER_KINDS: &[(&str, ActKind, bool)] = &[
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
pub(super) const NOT_BEFORE_KIND: &[&str] = &[
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
pub(super) const GENITIVE_BODY_STEMS: &[&str] = &[
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
pub(super) fn genitive_body_ahead<'a>(folded_words: impl Iterator<Item = &'a str>) -> bool {
    const ADJECTIVE_GENITIVE: &[&str] = &["ого", "его", "ой", "ей", "ых", "их"];
    let mut folded_words = folded_words.take(4);
    folded_words
        .find(|word| {
            starts_with_any(word, GENITIVE_BODY_STEMS)
                || !ADJECTIVE_GENITIVE.iter().any(|ending| word.ends_with(ending))
        })
        .is_some_and(|word| starts_with_any(word, GENITIVE_BODY_STEMS))
}

pub(super) fn header_kind(scan: &str) -> Option<KindWord> {
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
