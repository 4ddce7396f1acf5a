//! Kyrgyz stemming: the project's own suffix stripper (see [`crate::turkic`] for the
//! machinery and the guards).
//!
//! Grammar facts used (standard descriptions of Kyrgyz morphology, e.g. Kasymova et al.,
//! "Кыргыз тилинин грамматикасы", and Hebert & Poppe, "Kirghiz Manual"):
//!
//! - Harmony is four-way: a suffix high vowel is `ы` after `а ы`, `и` after `е и`,
//!   `у` after `о у`, `ү` after `ө ү`; a low vowel is `а` after `а ы у`, `е` after
//!   `е и`, `о` after `о`, `ө` after `ө ү`. Long vowels are written double.
//! - Assimilation of the first consonant: plural `-лар` after vowels, `й р`, `-дар`
//!   after `л м н ң з ж`, `-тар` after voiceless consonants; `-лык/-дык/-тык` and
//!   `-луу/-дуу/-туу` take `д` after `р` too; locative `-да/-та`, past `-ды/-ты`,
//!   ablative `-дан/-тан`; genitive `-нын` and accusative `-ны` after vowels, `-дын/-ды`
//!   after voiced consonants, `-тын/-ты` after voiceless; dative `-га/-ка`; negation
//!   `-ба/-па`.
//! - After the 3rd person possessive cases take `н`: `-на`, `-нда`, `-нан`, `-н`.
//! - Final `к п` voice to `г б` between vowels (`тармак` → `тармагы`, `топ` → `тобу`);
//!   stems are written back with the voiceless letter.
//! - The present tense is `-а/-е/-о/-ө` after consonants and `-й` after vowels, with
//!   the 3rd person `-т` (`барат`, `ойлойт`).
//! - The verbal noun `-уу/-үү` merges with a stem-final low vowel into `-оо/-өө`
//!   (`танда-` → `тандоо`, `иште-` → `иштөө`); the vowel is written back by harmony.
//!   `ю` is `й` + `у` (`кой-` → `коюу`).
//! - Derivational `-лык` (abstract nouns and relative adjectives) and `-луу` ("having")
//!   are stripped: a word with them is usually found by its root.

use std::sync::OnceLock;

use crate::turkic::{s, Archiphoneme, Grammar, HarmonyClass, Phonology, Slot, Spec};

const PHONOLOGY: Phonology = Phonology {
    vowels: "аеиоөуүыэюяё",
    voiced: "лмнңрзжй",
    voiceless: "бвгдкпстфхцчшщ",
    harmony_vowels: "аеиоөуүыэюяё",
    neutral: "",
    classes: &[
        HarmonyClass {
            high: 'ы', low: 'а', velar: ('г', 'к'), final_velar: 'к', after: "аыя"
        },
        HarmonyClass {
            high: 'и', low: 'е', velar: ('г', 'к'), final_velar: 'к', after: "еиэ"
        },
        HarmonyClass {
            high: 'у', low: 'о', velar: ('г', 'к'), final_velar: 'к', after: "оё"
        },
        HarmonyClass {
            high: 'у', low: 'а', velar: ('г', 'к'), final_velar: 'к', after: "ую"
        },
        HarmonyClass {
            high: 'ү', low: 'ө', velar: ('г', 'к'), final_velar: 'к', after: "өү"
        },
    ],
    consonants: &[
        // Plural: л after vowels and й р; д after л м н ң з ж (and р); т after voiceless.
        Archiphoneme {
            letter: 'L', surfaces: &[('л', "Vйр"), ('д', "лмнңзжр"), ('т', "X")]
        },
        // `-лык`, `-луу`: л after vowels and й; д after voiced consonants; т after voiceless.
        Archiphoneme {
            letter: 'R', surfaces: &[('л', "Vй"), ('д', "лмнңзжр"), ('т', "X")]
        },
        // Locative, ablative, past: д after vowels and voiced; т after voiceless.
        Archiphoneme { letter: 'D', surfaces: &[('д', "VS"), ('т', "X")] },
        // Genitive, accusative: н after vowels; д after voiced consonants; т after voiceless.
        Archiphoneme { letter: 'N', surfaces: &[('н', "V"), ('д', "S"), ('т', "X")] },
        // Negation, 1pl: б after vowels and voiced; п after voiceless.
        Archiphoneme { letter: 'P', surfaces: &[('б', "VS"), ('п', "X")] },
    ],
};

use Slot::{Case, Deriv, Neg, Part, Plural, Poss, Pred, Verb, Voice};

/// The vowel a verb stem ends in before `-оо` (`а`, or `о` after a rounded vowel).
fn back_low(left: &str) -> char {
    match left.chars().rev().find(|c| "аеиоөуүыэюяё".contains(*c)) {
        Some('о' | 'у') => 'о',
        _ => 'а',
    }
}

/// The vowel a verb stem ends in before `-өө` (`е`, or `ө` after a rounded vowel).
fn front_low(left: &str) -> char {
    match left.chars().rev().find(|c| "аеиоөуүыэюяё".contains(*c)) {
        Some('ө' | 'ү') => 'ө',
        _ => 'е',
    }
}

fn glide(_: &str) -> char {
    'й'
}

/// The suffix templates by slot. `Y` = ы/и/у/ү, `A` = а/е/о/ө, `G` = г/к, `K` = к;
/// `V|`/`C|` = after a vowel/consonant; `ыиуү|` = after the 3rd person possessive.
const SPECS: &[Spec] = &[
    // Derivation: `-лык` (abstract noun, relative adjective), `-луу` ("having").
    s(Deriv, "RYк"),
    s(Deriv, "Rуу"),
    s(Deriv, "Rүү"),
    // Plural.
    s(Plural, "LAр"),
    // Possessive: 1sg, 2sg (only before another suffix), 2sg polite, 3rd, 1pl, 2pl.
    s(Poss, "V|м").not_final(),
    s(Poss, "C|Yм").not_final(),
    s(Poss, "V|ң").not_final(),
    s(Poss, "C|Yң").not_final(),
    s(Poss, "V|ңYз"),
    s(Poss, "C|YңYз"),
    s(Poss, "V|сY"),
    s(Poss, "C|Y"),
    s(Poss, "V|бYз"),
    s(Poss, "C|YбYз"),
    s(Poss, "V|ңAр"),
    s(Poss, "C|YңAр"),
    // Cases: genitive, accusative, dative, locative, ablative.
    s(Case, "NYн"),
    s(Case, "NY"),
    s(Case, "ыиуү|н"),
    s(Case, "GA"),
    s(Case, "ыиуү|нA"),
    s(Case, "мң|A"),
    s(Case, "DA"),
    s(Case, "ыиуү|нDA"),
    s(Case, "DAн"),
    s(Case, "ыиуү|нAн"),
    // Locative-attributive `-дагы`, similative `-дай`, equative `-ча`, limit `-гача`.
    s(Case, "DAгY"),
    s(Case, "ыиуү|нDAгY"),
    s(Case, "DAй"),
    s(Case, "чA"),
    s(Case, "ыиуү|нчA"),
    s(Case, "GAчA"),
    // Predicative endings: 1sg, 2sg, 2sg polite, 1pl, 2pl.
    s(Pred, "мYн"),
    s(Pred, "сYң"),
    s(Pred, "сYз"),
    s(Pred, "PYз"),
    s(Pred, "сYңAр"),
    s(Pred, "сYздAр"),
    // Definite past with its person endings.
    s(Verb, "DY"),
    s(Verb, "DYм"),
    s(Verb, "DYң"),
    s(Verb, "DYңYз"),
    s(Verb, "DYK"),
    s(Verb, "DYңAр"),
    // Past participle, converb `-ып`, habitual participle `-чу`, `-уучу`.
    s(Part, "GAн"),
    s(Verb, "C|Yп"),
    s(Verb, "V|п"),
    s(Part, "чу"),
    s(Part, "чү"),
    s(Part, "C|ууч"),
    s(Part, "C|үүч"),
    // Present-future: `-а` after consonants, `-й` after vowels, with person endings.
    s(Verb, "C|Aт"),
    s(Verb, "V|йт"),
    s(Verb, "C|AмYн"),
    s(Verb, "V|ймYн"),
    s(Verb, "C|AсYң"),
    s(Verb, "V|йсYң"),
    s(Verb, "C|AсYз"),
    s(Verb, "V|йсYз"),
    s(Verb, "C|AбYз"),
    s(Verb, "V|йбYз"),
    s(Verb, "V|й").min(3),
    // Intention `-мак`, conditional, imperative, converb `-гыча`.
    s(Part, "мAк"),
    s(Verb, "мAкчY"),
    s(Verb, "сA").min(3),
    s(Verb, "сAм"),
    s(Verb, "сAң"),
    s(Verb, "сAк"),
    s(Verb, "сYн"),
    s(Verb, "GYлA"),
    s(Verb, "C|AйYн"),
    s(Verb, "V|йYн"),
    s(Verb, "C|AлY"),
    s(Verb, "V|лY").min(3),
    // Verbal noun `-уу/-үү`; merged with a stem-final vowel into `-оо/-өө`, `-юу`.
    s(Part, "C|уу"),
    s(Part, "C|үү"),
    s(Part, "C|оо").restore(back_low),
    s(Part, "C|өө").restore(front_low),
    s(Part, "V|юу").restore(glide),
    s(Part, "V|юү").restore(glide),
    // Negation.
    s(Neg, "PA"),
    // Voice: passive `-ыл/-л`, reflexive `-ын/-н`, reciprocal `-ыш/-ш`.
    s(Voice, "C|Yл").min(3),
    s(Voice, "V|л").min(3),
    s(Voice, "C|Yн").min(3),
    s(Voice, "V|н").min(3),
    s(Voice, "C|Yш").min(3),
    s(Voice, "V|ш").min(3),
];

/// Roots that only look inflected, as `(stem, root)`: the stem is never cut further.
/// Loanwords in `-ат/-ет/-өт` look like the present 3rd person (`мамлекет` "state" is
/// not `мамлек` + `-ет`), nouns in `-м` like the 1st person possessive; a few roots
/// lose their second vowel before a vowel suffix (`орун` → `орду`), and `балдар` is
/// the plural of `бала`.
const PROTECTED: &[(&str, &str)] = &[
    ("адабият", "адабият"),
    ("адам", "адам"),
    ("балдар", "бала"),
    ("билим", "билим"),
    ("бөлүм", "бөлүм"),
    ("жамаат", "жамаат"),
    ("келишим", "келишим"),
    ("кызмат", "кызмат"),
    ("маалымат", "маалымат"),
    ("мамлекет", "мамлекет"),
    ("мыйзам", "мыйзам"),
    ("өкмөт", "өкмөт"),
    ("өлүм", "өлүм"),
    ("саламат", "саламат"),
    ("табият", "табият"),
    ("түзүм", "түзүм"),
    ("уюм", "уюм"),
    ("ишеним", "ишеним"),
    ("мурд", "мурун"),
    ("орд", "орун"),
    ("мойн", "мойун"),
    ("кайн", "кайын"),
    ("ийн", "ийин"),
];

/// Letters a Kyrgyz stem is not written with at its end: `г б` of a root before a vowel
/// suffix, and `я ю` (`й` + a suffix vowel).
const FINALS: &[(char, char)] = &[('г', 'к'), ('б', 'п'), ('я', 'й'), ('ю', 'й')];

fn grammar() -> &'static Grammar {
    static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
    GRAMMAR.get_or_init(|| Grammar::new(&PHONOLOGY, SPECS, PROTECTED, FINALS))
}

/// Returns the stem of a normalised Kyrgyz word (lower case, `ё` folded to `е`).
///
/// Inflected forms of one word meet: `шаарлар`, `шаарда`, `шаардык` → `шаар`;
/// `кайтарылды`, `кайтарат` → `кайтар`.
pub fn stem(word: &str) -> String {
    grammar().stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::turkic::check_table;

    /// `(word, expected stem)`.
    const TABLE: &[(&str, &str)] = &[
        ("шаарлар", "шаар"),
        ("шаарда", "шаар"),
        ("шаардык", "шаар"),
        ("шаарынын", "шаар"),
        ("жолдор", "жол"),
        ("жолунун", "жол"),
        ("түрдө", "түр"),
        ("үйлөр", "үй"),
        ("үйгө", "үй"),
        ("мамлекетке", "мамлекет"),
        ("мамлекеттик", "мамлекет"),
        ("багы", "бак"),
        ("тобуна", "топ"),
        ("ыктыярдуу", "ыктыяр"),
        ("кайтарылды", "кайтар"),
        ("кайтарат", "кайтар"),
        ("аяктады", "аякта"),
        ("тандоо", "танда"),
        ("тандоодо", "танда"),
        ("тандады", "танда"),
        ("иштөө", "иште"),
        ("иштейт", "иште"),
        ("коюу", "кой"),
        ("кетишти", "кет"),
        ("барбайт", "бар"),
        ("мыйзамдын", "мыйзам"),
        ("балдар", "бала"),
        ("орду", "орун"),
    ];

    #[test]
    fn test_stem_table() {
        let failures = check_table(stem, TABLE);
        assert!(
            failures.is_empty(),
            "Kyrgyz stems differ (check the suffix templates, the guards and PROTECTED):\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn test_short_roots_do_not_collide() {
        for (a, b) in [("ат", "ата"), ("бал", "бала"), ("тоо", "то"), ("кой", "кол")]
        {
            assert_ne!(stem(a), stem(b), "{a} and {b} must not meet: check MIN_STEM and min()");
        }
    }
}
