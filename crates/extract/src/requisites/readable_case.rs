//! The sentence case of a body or title written in capitals.

use super::words::{fold, is_caps, starts_with_any};

/// Folded words after which the next word is a proper name.
pub(super) const BEFORE_NAME: &[&str] =
    &["города", "город", "гор", "села", "село", "поселка", "аула", "аул", "станицы", "деревни"];

/// Folded place words before which a word is a proper name.
pub(super) const PLACE_WORDS: &[&str] = &[
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
pub(super) const BODY_HEADS: &[&str] =
    &["мэрия", "мэр", "администрация", "акимат", "аким", "акимиат"];

/// Folded common nouns that may follow a body head (`Мэрия города ...`), and folded
/// prefixes of longer ones (`Администрация сельского поселения`).
pub(super) const COMMON_AFTER_HEAD: &[&str] =
    &["города", "гор", "района", "области", "округа", "края", "села", "поселка", "аула", "по", "и"];
pub(super) const COMMON_PREFIXES_AFTER_HEAD: &[&str] =
    &["поселен", "муниципал", "образован", "местн"];

/// Folded stems of common adjectives that stand before a place word but are not names.
pub(super) const COMMON_ADJECTIVES: &[&str] = &[
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
pub(super) const ALWAYS_CAPITAL: &[&str] = &[
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

pub(super) fn is_abbreviation(token: &str) -> bool {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    let vowels = "АЕЁИОУЫЭЮЯӘӨҮҰІAEIOUY";
    let roman = !letters.is_empty() && letters.iter().all(|c| "IVXLC".contains(*c));
    roman
        || (2..=5).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && !letters.iter().any(|c| vowels.contains(*c))
}

pub(super) fn capitalise(word: &str) -> String {
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
pub(super) fn readable_case(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
