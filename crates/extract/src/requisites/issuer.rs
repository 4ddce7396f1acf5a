//! The issuing body of an act, put back in the nominative.

use super::header::{sentence_starts, HeaderLine, BODY_NAME_STEMS};
use super::kind::genitive_body_ahead;
use super::readable_case::readable_case;
use super::words::{
    fold, is_caps, normalise_spaces, starts_lowercase, starts_uppercase, starts_with_any, words,
};

/// Lines that start a new section of the header, not part of the body's name.
pub(super) const NOT_BODY_CONTINUATION: &[&str] =
    &["созыв", "сесси", "шакырылым", "чакырылыш", "заседани", "отырыс", "жыйын"];

pub(super) fn find_issuer(
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

pub(super) fn tidy_issuer(text: &str) -> Option<String> {
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
pub(super) const RUSSIAN_HEADS: &[(&str, &str, Gender)] = &[
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
pub(super) enum Gender {
    Masculine,
    Feminine,
    Neuter,
}

/// Puts the head noun of a body's name (and the adjectives before it) from the genitive
/// into the nominative: `Актауского городского маслихата Мангистауской области` ->
/// `Актауский городской маслихат Мангистауской области`. Words after the head stay.
pub(super) fn russian_nominative(phrase: &str) -> String {
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

pub(super) fn adjective_nominative(token: &str, gender: Gender) -> String {
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
pub(super) fn keep_case(original: &str, converted: &str) -> String {
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
pub(super) fn turkic_nominative(phrase: &str) -> String {
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
