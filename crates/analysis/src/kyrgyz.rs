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
//! - Derivational `-лык` and `-луу` ("having") are stripped when they end the word:
//!   there `-лык` makes a relative adjective, which does not inflect and is found by its
//!   root (`шаардык` "urban" → `шаар`). An inflected `-лык` word is a noun of its own
//!   (`кыргызстандыктар` "Kyrgyzstanis", `жетишкендиктер` "achievements") and keeps it.
//! - The 1st and 2nd person singular possessives (`-ым`, `-ың`) are not stripped: rare
//!   in news and official prose, and the end of many roots and deverbal nouns.
//! - The personal endings of speech are stripped after verb forms: the present 1sg
//!   `-ам/-ем/-ом/-өм` (`-йм` after a vowel), the evidential with its endings
//!   (`барыптырмын`), and the question particle `-бы/-би/-бу/-бү/-пы` after any word
//!   form (after a vowel only when a verb form or a known stem stands before it).
//! - The equative `-ча` is not stripped: its forms are adverbs of their own
//!   (`боюнча`, `кыргызча`), and it ends many nouns (`акча`, `бакча`). Neither are
//!   `-лык` after the agent `-чы` or `-луу` (abstract nouns: `жоопкерчилик`) nor the
//!   habitual `-чу` after the verbal noun (agent nouns: `шайлоочу` "voter").
//!
//! A stem lexicon (`LEXICON`, gold lemmas of the tune documents of the shared treebanks, see
//! `crates/eval/examples/stem_lexicon.rs`) settles what the rules leave open: an analysis whose stem
//! is in it wins (`өлкөбү` is `өлкө` + `-бү`, while `китеби` stays `китеп` + `-и`), a word in it is kept whole, and stems outside it keep a vowel
//! and a consonant, and no ending a native stem cannot have.

use std::sync::OnceLock;

use crate::turkic::{s, Archiphoneme, Grammar, HarmonyClass, Phonology, Slot, Spec, VerbRoots};

const PHONOLOGY: Phonology = Phonology {
    vowels: "аеиоөуүыэюяё",
    voiced: "лмнңрзжй",
    voiceless: "бвгдкпстфхцчшщ",
    harmony_vowels: "аеиоөуүыэюяё",
    neutral: "",
    loan_letters: "вфцщъьё",
    voicing: "кп",
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

use Slot::{Case, Clitic, Deriv, Neg, Part, Plural, Poss, Pred, Verb, Voice};

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
    // Derivation: `-лык` (relative adjectives; see the module notes), `-луу` ("having").
    // After the agent `-чы` and after `-луу` it makes abstract nouns of their own
    // (`жоопкерчилик`, `кооптуулук`), kept whole.
    s(Deriv, "RYк").only_final().not_after(AGENT_OR_HAVING),
    s(Deriv, "Rуу"),
    // `-дык` after the past participle: "the fact of having done", inflected like a
    // noun (`тургандыгы` "that it stands").
    s(Deriv, "ган,ген,гон,гөн,кан,кен,кон,көн|дYK"),
    s(Deriv, "ган,ген,гон,гөн,кан,кен,кон,көн|дYG").not_final(),
    s(Deriv, "Rүү"),
    // Plural.
    s(Plural, "LAр"),
    // Possessive: 2sg polite, 3rd, 1pl, 2pl (1sg and 2sg: see the module notes).
    s(Poss, "V|ңYз"),
    s(Poss, "C|YңYз"),
    // `-сы` only after a low vowel: after `ы и у ү` the `с` is the root's (`облусу`).
    s(Poss, "аеоөэюяё|сY"),
    // ... and after a long vowel (`суу` → `суусу`, the verbal noun: `өнүгүүсү`) or the
    // agent suffix `-чы` (`башчысы`), which end stems in a high vowel.
    s(Poss, "уу,үү,оо,өө,чы,чи,чу,чү|сY"),
    // ... and after other stems in a high vowel that the lexicon knows.
    s(Poss, "ыиуү|сY").known_only(),
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
    s(Case, "DA"),
    s(Case, "ыиуү|нDA"),
    s(Case, "DAн"),
    s(Case, "ыиуү|нAн"),
    // Locative-attributive `-дагы`, similative `-дай`, limit `-гача`. The equative
    // `-ча` is left: it makes adverbs listed as words of their own (`боюнча`,
    // `кыргызча`), and ends many nouns (`акча`, `бакча`).
    s(Case, "DAгY"),
    s(Case, "ыиуү|нDAгY"),
    s(Case, "DAй"),
    s(Case, "GAчA"),
    // Predicative endings: 1sg, 2sg, 2sg polite, 1pl, 2pl.
    s(Pred, "мYн"),
    s(Pred, "сYң"),
    s(Pred, "сYз"),
    s(Pred, "PYз"),
    s(Pred, "сYңAр"),
    s(Pred, "сYздAр"),
    // The question particle `-бы/-пы` after a consonant (`керекпи`, `барбы`,
    // `барасыңбы`); after a vowel `-бы` is mostly a root's `п` voiced before the 3rd
    // person `-ы` (`китеби`), so there it is taken after a known stem or a verb form
    // (`келдиби`, `барабы`).
    s(Clitic, "C|PY"),
    s(Clitic, "V|PY").known_only(),
    s(Clitic, "V|PY").after_verb(),
    // Definite past with its person endings (not the 1pl `-дык`: the derivation `-лык`
    // after a consonant has the same letters and is far more frequent).
    s(Verb, "DY"),
    s(Verb, "DYм"),
    s(Verb, "DYң"),
    s(Verb, "DYңYз"),
    s(Verb, "DYңAр"),
    // Past participle, converb `-ып`, habitual participle `-чу` (the agent noun `-уучу`
    // is a word of its own: `колдонуучу` "user").
    s(Part, "GAн"),
    s(Verb, "C|Yп"),
    s(Verb, "V|п"),
    // Evidential past `-ыптыр`, which takes the personal endings (`барыптырмын`).
    s(Part, "C|YптYр"),
    s(Part, "V|птYр"),
    // Habitual `-чу` (not after the verbal noun: `-уучу`, `-оочу` make agent nouns,
    // `шайлоочу` "voter", words of their own).
    s(Part, "чу").not_after(VERBAL_NOUN),
    s(Part, "чү").not_after(VERBAL_NOUN),
    // Negative participle `-бас` (`болбос`).
    s(Part, "PAс").min(3),
    // Present-future: `-а` after consonants, `-й` after vowels, with person endings.
    // The converb `-а` (`сата баштады`) is taken only after a voice or negation,
    // which shows a verb (`курула`, `сатыла`): after a bare stem it is mostly a noun's
    // own `а` (`бала`, `ата`).
    s(Verb, "C|A").after_verb(),
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
    // 1sg of the present, the commonest verb form of speech (`барам`, `ойлойм`,
    // `билбейм`).
    s(Verb, "C|Aм"),
    s(Verb, "V|йм"),
    s(Verb, "V|й").min(3),
    // Intention `-макчы` (the bare `-мак` ends many nouns: `аймак`, `тармак`), conditional,
    // imperative, converb `-гыча`.
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
    // ... after a stem in `у ү` it is one more letter (`оку-` → `окуу`).
    s(Part, "у|у").min(3),
    s(Part, "ү|ү").min(3),
    s(Part, "C|оо").restore(back_low),
    s(Part, "C|өө").restore(front_low),
    s(Part, "V|юу").restore(glide),
    s(Part, "V|юү").restore(glide),
    // Negation.
    // Negation: always followed by a verb form; the negative converb `-бай`.
    s(Neg, "PA").not_final(),
    s(Verb, "PAй"),
    // Voice: passive `-ыл/-л` (`-ын` after `л`, `-н` after vowels), and `-ыш/-ш`, the
    // reciprocal that also marks a plural subject (`кетишти` "they left"). Always
    // followed by a verb form: a final `-ыл`, `-ыш` is a root (`абал`, `кеңеш`).
    // The reflexive `-ын` makes verbs of its own and is kept.
    s(Voice, "мнңрзжйбвгдкпстфхцчшщ|Yл").min(3).not_final(),
    s(Voice, "V|л").min(3).not_final(),
    s(Voice, "л|Yн").min(3).not_final(),
    s(Voice, "V|н").min(3).not_final(),
    s(Voice, "C|Yш").min(3).not_final(),
    s(Voice, "V|ш").min(3).not_final(),
];

/// Roots that only look inflected, as `(stem, root)`: the stem is never cut further.
/// Nouns in a vowel + `п` look like the converb (`мектеп` "school", `китеп` "book",
/// `себеп` "reason", `талап` "requirement"); country names in `-стан` like the ablative;
/// `абал` "state" like the optative `-алы` in `абалы`. Loanwords in `-ат/-ет/-өт` look like the present 3rd person (`мамлекет` "state" is
/// not `мамлек` + `-ет`), nouns in `-м` like the 1st person possessive; a few roots
/// lose their second vowel before a vowel suffix (`орун` → `орду`), and `балдар` is
/// the plural of `бала`.
const PROTECTED: &[(&str, &str)] = &[
    ("абал", "абал"),
    ("адабият", "адабият"),
    ("казакстан", "казакстан"),
    ("каражат", "каражат"),
    ("китеп", "китеп"),
    ("кыргызстан", "кыргызстан"),
    ("мектеп", "мектеп"),
    ("мөөнөт", "мөөнөт"),
    ("ооганстан", "ооганстан"),
    ("өзбекстан", "өзбекстан"),
    ("пакистан", "пакистан"),
    ("сапат", "сапат"),
    ("саясат", "саясат"),
    ("себеп", "себеп"),
    ("тажикстан", "тажикстан"),
    ("талап", "талап"),
    ("түркмөнстан", "түркмөнстан"),
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

/// Ends of the agent noun `-чы` and of `-луу` "having", after which `-лык` makes an
/// abstract noun.
const AGENT_OR_HAVING: &[&str] = &["чы", "чи", "чу", "чү", "уу", "үү"];

/// Ends of the verbal noun `-уу/-оо`.
const VERBAL_NOUN: &[&str] = &["уу", "үү", "оо", "өө"];

/// Letters a Kyrgyz stem is not written with at its end: `г б` of a root before a vowel
/// suffix, and `я ю` (`й` + a suffix vowel).
const FINALS: &[(char, char)] = &[('г', 'к'), ('б', 'п'), ('я', 'й'), ('ю', 'й')];

/// What Kyrgyz verb roots look like: `де-` "say" and `же-` "eat" are the verb roots of
/// a consonant and a vowel; front `е и ө ү`, back `а ы о у` (and `я ю ё`, a `й` with a
/// back vowel); `айт-` "say", `кайт-` "return", `тарт-` "pull" end in a cluster.
const VERB_ROOTS: VerbRoots =
    VerbRoots {
        cv: &["де", "же"], front: "еиөүэ", back: "аоуыяюё", clusters: &["йт", "рт"]
    };

/// The agent noun `-уучу/-үүчү` (`окуучу` "pupil", `жазуучу` "writer") is a word of its
/// own: it is never split into the verbal noun `окуу` + `-чу`, nor `окууч` + `-у`. No
/// native stem ends in a consonant and `г б` (a voiced stop at the end of a stem is a
/// `к п` voiced between vowels), so `тургун` "resident" is no `тург` + `-ун`.
const BANNED_ENDS: &[&str] = &["VCуу", "VCүү", "VCууч", "VCүүч", "Cг", "Cб"];

/// Stems the language has, from treebank lemmas (see `crates/eval/examples/stem_lexicon.rs`).
const LEXICON: &str = include_str!("lexicon/ky.txt");

/// Letters a stem not in [`LEXICON`] keeps at least: two, as a root of a vowel and a
/// consonant (`үй`, `эл`, `іс`); the shape of a two-letter stem is checked by the
/// grammar (consonant + vowel only for the verb roots of [`VERB_ROOTS`]).
const MIN_UNKNOWN: usize = 2;

/// The grammar with a lexicon (`""`: the rules alone).
fn build(lexicon: &'static str) -> Grammar {
    Grammar::new(&PHONOLOGY, SPECS, PROTECTED, FINALS)
        .verb_roots(VERB_ROOTS)
        .banned_ends(BANNED_ENDS)
        .lexicon(lexicon, MIN_UNKNOWN)
}

fn grammar() -> &'static Grammar {
    static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
    GRAMMAR.get_or_init(|| build(LEXICON))
}

/// The stem [`stem`] gives with the lexicon switched off: the rules alone, what a word
/// outside the lexicon gets. For measuring the rules (`zan eval stemmer`); the index
/// uses [`stem`].
pub fn stem_without_lexicon(word: &str) -> String {
    static RULES: OnceLock<Grammar> = OnceLock::new();
    RULES.get_or_init(|| build("")).stem(word)
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

    /// Nominal inflection with four-way harmony, assimilation and final voicing.
    const NOMINAL: &[(&str, &str)] = &[
        ("шаарлар", "шаар"),
        ("шаарда", "шаар"),
        ("шаарынын", "шаар"),
        ("шаарындагы", "шаар"),
        ("жолдор", "жол"),
        ("жолунун", "жол"),
        ("жолундагы", "жол"),
        ("түрдө", "түр"),
        ("үйлөр", "үй"),
        ("үйгө", "үй"),
        ("мамлекетке", "мамлекет"),
        ("мыйзамдын", "мыйзам"),
        ("багы", "бак"),
        ("тобуна", "топ"),
        ("облусу", "облус"),
        ("облусунун", "облус"),
        ("милициясы", "милиция"),
        ("балдар", "бала"),
        ("орду", "орун"),
        ("мектебинин", "мектеп"),
        ("тартибине", "тартип"),
        ("капиталы", "капитал"),
        ("комплексин", "комплекс"),
        ("деңгээли", "деңгээл"),
        ("абалы", "абал"),
        ("окуучулар", "окуучу"),
        ("кыргызстандан", "кыргызстан"),
        // `-сы` after a long vowel and after the agent suffix `-чы`.
        ("суусу", "суу"),
        ("тоосу", "тоо"),
        ("башчысы", "башчы"),
        ("өнүгүүсү", "өнүк"),
        ("өнүгүүсүнө", "өнүк"),
    ];

    /// Derivation stripped: `-лык` and `-луу`.
    const DERIVED: &[(&str, &str)] = &[
        ("шаардык", "шаар"),
        ("шаардыктар", "шаардык"),
        ("кыргызстандыктар", "кыргызстандык"),
        ("мамлекеттик", "мамлекет"),
        ("ыктыярдуу", "ыктыяр"),
    ];

    /// Verbs: tense, person, participle, converb, verbal noun, negation, passive.
    const VERBAL: &[(&str, &str)] = &[
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
        ("барбай", "бар"),
        ("барган", "бар"),
        ("барып", "бар"),
        ("барса", "бар"),
        ("барыптыр", "бар"),
        ("келиптир", "кел"),
        ("тургандыгы", "тур"),
        ("чакырылгандыгын", "чакыр"),
        ("керекпи", "керек"),
        ("барбы", "бар"),
        // Speech: the present 1sg, the question particle after a verb form, the
        // evidential with a personal ending, the negative participle, the habitual.
        ("барам", "бар"),
        ("келем", "кел"),
        ("билбейм", "бил"),
        ("ойлойм", "ойло"),
        ("барасыңбы", "бар"),
        ("келдиби", "кел"),
        ("барыптырмын", "бар"),
        ("болбос", "бол"),
        ("айтчу", "айт"),
        ("окуу", "оку"),
        ("окуду", "оку"),
    ];

    /// Words kept whole: roots that end like a suffix, and the agent noun `-уучу`.
    const KEPT: &[(&str, &str)] = &[
        ("абал", "абал"),
        ("кеңеш", "кеңеш"),
        ("аймак", "аймак"),
        ("тармак", "тармак"),
        ("аю", "аю"),
        ("мамлекет", "мамлекет"),
        ("адам", "адам"),
        ("мектеп", "мектеп"),
        ("тартип", "тартип"),
        ("депутат", "депутат"),
        ("жазуучу", "жазуучу"),
        ("кыргызстан", "кыргызстан"),
        // Agent nouns in `-оочу`, abstract nouns in `-чылык`, `-луулук`, adverbs in
        // the equative `-ча`, nouns in `-ча`, a native `к` between vowels.
        ("шайлоочу", "шайлоочу"),
        ("жоопкерчилик", "жоопкерчилик"),
        ("кооптуулук", "кооптуулук"),
        ("боюнча", "боюнча"),
        ("бакча", "бакча"),
        ("жакын", "жакын"),
    ];

    #[test]
    fn test_stem_tables() {
        for (name, table) in
            [("nominal", NOMINAL), ("derived", DERIVED), ("verbal", VERBAL), ("kept", KEPT)]
        {
            let failures = check_table(stem, table);
            assert!(
                failures.is_empty(),
                "Kyrgyz {name} stems differ (check the templates, the guards and PROTECTED):\n{}",
                failures.join("\n")
            );
        }
    }

    /// The lexicon decides where the rules alone cannot: a passive goes back to its
    /// root even where the lexicon lists it (`берил-`), and `-бы` after a vowel is the
    /// question particle only on a known stem (`өлкөбү`, but `китеби` is `китеп` + `-и`).
    const LEXICON_STEMS: &[(&str, &str)] = &[
        // "Kyrgyzstani" is in the lexicon; the rules cut the adjective's `-дык`.
        ("кыргызстандык", "кыргызстандык"),
        ("берилди", "бер"),
        ("берилет", "бер"),
        ("аткарылды", "аткар"),
        ("өлкөбү", "өлкө"),
        ("китеби", "китеп"),
        ("мектеби", "мектеп"),
    ];

    #[test]
    fn test_lexicon_stems() {
        let failures = check_table(stem, LEXICON_STEMS);
        assert!(failures.is_empty(), "Kyrgyz lexicon stems differ:\n{}", failures.join("\n"));
    }

    #[test]
    fn test_lexicon_file_is_lower_case_cyrillic_words() {
        crate::turkic::check_lexicon(LEXICON);
    }

    #[test]
    fn test_forms_of_one_lemma_conflate() {
        for forms in [
            &["кеңеш", "кеңешинин", "кеңешке", "кеңештин", "кеңеши"][..],
            &["бюджет", "бюджеттин", "бюджетке", "бюджети", "бюджетинен"],
            &["бекитти", "бекитет", "бекитилген", "бекитүү", "бекитип"],
        ] {
            let first = stem(forms[0]);
            for form in forms {
                assert_eq!(stem(form), first, "{form} must meet {}", forms[0]);
            }
        }
    }

    #[test]
    fn test_distinct_lemmas_stay_apart() {
        for (a, b) in [
            ("ат", "ата"),
            ("бал", "бала"),
            ("тоо", "то"),
            ("кой", "кол"),
            ("ай", "аймак"),
            ("колдон", "колдонуучу"),
            ("окуу", "окуучу"),
            ("жы", "жыйын"),
            ("шайлоо", "шайлоочу"),
            ("ак", "акча"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} and {b} must not meet");
        }
    }
}
