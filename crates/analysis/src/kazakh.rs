//! Kazakh stemming: the project's own suffix stripper (see [`crate::turkic`] for the
//! machinery and the guards).
//!
//! Grammar facts used (standard descriptions of Kazakh morphology, e.g. the academic
//! grammar "Қазақ грамматикасы", 2002, and Krippes, "Kazakh Grammar with Affix List"):
//!
//! - Harmony is back/front: `а/е`, `ы/і`, `ғ/г`, `қ/к`. `и` and `у` are written for
//!   `ый/ій` and `ұу/үу/ыу/у`, so they do not decide harmony.
//! - The first consonant of a suffix assimilates to the sound before it:
//!   plural `-лар` after vowels, `р й у`; `-дар` after `л м н ң з ж`; `-тар` after
//!   voiceless consonants. Locative `-да/-та`, past `-ды/-ты`; genitive `-ның` after
//!   vowels and `м н ң`, `-дың` after other voiced sounds, `-тың` after voiceless;
//!   accusative `-ны/-ды/-ты`; ablative `-нан` after `м н ң`, `-дан/-тан` elsewhere;
//!   dative `-ға/-қа`; instrumental `-мен/-бен/-пен` and personal endings
//!   `-мын/-бын/-пын` (`м` after nasals too: `адаммын`, `ақынмын`); negation
//!   `-ма/-ба/-па` (`б` after nasals: `көнбеді`).
//! - After the 3rd person possessive (`-ы/-і/-сы/-сі`) cases take `н`: `-на`, `-нда`,
//!   `-нан`, `-н`; after the 1st and 2nd person (`-м`, `-ң`) the dative is `-а/-е`.
//! - Final `қ к п` voice to `ғ г б` before a vowel (`кітап` → `кітабы`, `тілек` →
//!   `тілегі`); stems are written back with the voiceless letter.
//! - The present tense is `-а/-е` after consonants and `-й` after vowels, and a stem
//!   in `ы/і` merges with `-й` into `и` (`оқы-` → `оқиды`); the verbal noun `-у` merges
//!   with a stem-final `ы/і` (`оқу`). `я`, `ю` at the end of a stem stand for `й` + a
//!   suffix vowel (`қой-` → `қояды`, `қою`) and are written back as `й`.
//! - A few roots lose their second vowel before a vowel suffix (`халық` → `халқы`,
//!   `орын` → `орны`, `ауыл` → `аулы`); their short stems are listed with the root.
//!
//! The 1st and 2nd person singular possessives (`-ым`, `-ың`) are not stripped: rare in
//! official prose and the end of many roots (`кезең`, `өлең`) and deverbal nouns
//! (`қысым`, `сезім`).
//!
//! Derivational suffixes are kept (`-лық`, `-шы`, `-сыз` make words of their own in the
//! dictionaries and in the gold lemmas); the passive `-ыл/-л/-н` is stripped before a verb
//! form, with a stem of three letters at least, while the reflexive `-ын` and the
//! reciprocal `-ыс` make verbs of their own. `-сы` is taken for the 3rd person
//! possessive only after a low vowel: after `ы/і` the `с` belongs to the root
//! (`облысы`, `қозғалысы`: nouns in `-ыс/-іс` are common).
//!
//! A stem lexicon (`LEXICON`, gold lemmas of the tune documents of the shared treebanks, see
//! `crates/eval/examples/stem_lexicon.rs`) settles what the rules leave open: an analysis whose stem
//! is in it wins (`мемлекетін` is `мемлекет` + `-ін`, not the participle `мемлек-етін`), a word in it is kept whole, and stems outside it keep a vowel
//! and a consonant, and no ending a native stem cannot have.

use std::sync::OnceLock;

use crate::turkic::{s, Archiphoneme, Grammar, HarmonyClass, Phonology, Slot, Spec, VerbRoots};

const PHONOLOGY: Phonology = Phonology {
    vowels: "аәеиоөұүыіэюяё",
    voiced: "лмнңрзжйу",
    voiceless: "бвгғдкқпстфхһцчшщ",
    harmony_vowels: "аәеиоөұүыіэюяёу",
    neutral: "иу",
    loan_letters: "вфцчщъьэё",
    voicing: "кқп",
    classes: &[
        HarmonyClass {
            high: 'ы', low: 'а', velar: ('ғ', 'қ'), final_velar: 'қ', after: "аоұыяё"
        },
        HarmonyClass {
            high: 'і', low: 'е', velar: ('г', 'к'), final_velar: 'к', after: "әеөүіэю"
        },
    ],
    consonants: &[
        // Plural, `-лық`, `-лы`: л after vowels and р й у; д after л м н ң з ж; т after voiceless.
        Archiphoneme {
            letter: 'L', surfaces: &[('л', "Vрйу"), ('д', "лмнңзж"), ('т', "X")]
        },
        // Locative, past, similative: д after vowels and voiced; т after voiceless.
        Archiphoneme { letter: 'D', surfaces: &[('д', "VS"), ('т', "X")] },
        // Genitive: н after vowels and м н ң; д after other voiced; т after voiceless.
        Archiphoneme {
            letter: 'N', surfaces: &[('н', "Vмнң"), ('д', "лрзжйу"), ('т', "X")]
        },
        // Accusative: н after vowels; д after voiced consonants; т after voiceless.
        Archiphoneme { letter: 'Q', surfaces: &[('н', "V"), ('д', "S"), ('т', "X")] },
        // Ablative: н after м н ң; д after vowels and other voiced; т after voiceless.
        Archiphoneme {
            letter: 'B', surfaces: &[('н', "мнң"), ('д', "Vлрзжйу"), ('т', "X")]
        },
        // Negation: м after vowels and л р й у; б after м н ң з ж;
        // п after voiceless.
        Archiphoneme {
            letter: 'M', surfaces: &[('м', "Vлрйу"), ('б', "мнңзж"), ('п', "X")]
        },
        // Instrumental, personal endings: м after vowels and sonorants; б after з ж;
        // п after voiceless.
        Archiphoneme {
            letter: 'E', surfaces: &[('м', "Vлмнңрйу"), ('б', "зж"), ('п', "X")]
        },
    ],
};

use Slot::{Case, Deriv, Neg, Part, Plural, Poss, Pred, Verb, Voice};

/// The suffix templates by slot. `Y` = ы/і, `A` = а/е, `G` = ғ/қ/г/к, `K` = қ/к;
/// `V|`/`C|` = after a vowel/consonant; `ыі|` = after the 3rd person possessive.
const SPECS: &[Spec] = &[
    // `-дық` after the past participle: "the fact of having done", inflected like a
    // noun (`келгендігі` "that he came").
    s(Deriv, "ған,ген,қан,кен|дYK"),
    s(Deriv, "ған,ген,қан,кен|дYG").not_final(),
    // Plural.
    s(Plural, "LAр"),
    // Possessive: 2sg polite, 3rd, 1pl, 2pl (1sg and 2sg: see the module notes).
    s(Poss, "V|ңYз"),
    s(Poss, "C|YңYз"),
    // `-сы` only after a low vowel (see the module notes).
    s(Poss, "аәеоөұүэюяё|сY"),
    // ... and after the agent suffix `-шы/-ші` (`жазушысы`), which ends stems in `ы/і`.
    s(Poss, "шы,ші|сY"),
    // ... and after other stems in `ы/і` that the lexicon knows (`үлгісі`).
    s(Poss, "ыі|сY").known_only(),
    s(Poss, "C|Y"),
    s(Poss, "V|мYз"),
    s(Poss, "C|YмYз"),
    // The informal 2pl `-ңдар` is rare in writing, and after a vowel it has the letters
    // of a root's `ң` and the plural (`өлеңдер` "poems"): taken on known stems only.
    s(Poss, "V|ңдAр").known_only(),
    s(Poss, "C|YңдAр").known_only(),
    s(Poss, "V|ңYздAр"),
    s(Poss, "C|YңYздAр"),
    // Cases: genitive, accusative, dative, locative, ablative, instrumental.
    s(Case, "NYң"),
    s(Case, "QY"),
    s(Case, "ыі|н"),
    s(Case, "GA"),
    s(Case, "ыі|нA"),
    s(Case, "DA"),
    s(Case, "ыі|нDA"),
    s(Case, "BAн"),
    s(Case, "ыі|нAн"),
    s(Case, "Eен"),
    s(Case, "Eенен"),
    // Locative-attributive `-дағы`, similative `-дай`. The equative `-ша` is left: it
    // makes adverbs listed as words of their own (`қазақша`, `жаңаша`) and ends many
    // nouns and adjectives (`патша`, `орташа`).
    s(Case, "DAGY"),
    s(Case, "ыі|нDAGY"),
    s(Case, "DAй"),
    s(Case, "ыі|ндAй"),
    // Predicative endings: 1sg, 2sg, 2sg polite, 1pl, 2pl; copula `-дыр`.
    s(Pred, "EYн"),
    s(Pred, "сYң"),
    s(Pred, "сYз"),
    s(Pred, "EYз"),
    s(Pred, "сYңдAр"),
    s(Pred, "сYздAр"),
    s(Pred, "DYр"),
    // Definite past with its person endings (not the 1pl `-дық`: the derivation `-лық`
    // after a consonant has the same letters and is far more frequent; nor the informal
    // 2sg `-дың`, rare in written prose and spelled like the genitive: `мезгілдің` is
    // "of the season", not "you were made a мезг-").
    s(Verb, "DY"),
    s(Verb, "DYм"),
    s(Verb, "DYңYз"),
    s(Verb, "DYңдAр"),
    s(Verb, "DYңYздAр"),
    // Past participle, converb `-ып`, evidential past `-ыпты`.
    s(Part, "GAн"),
    s(Verb, "C|Yп"),
    s(Verb, "V|п"),
    s(Verb, "C|YптY"),
    s(Verb, "V|птY"),
    // The perfect `-ып` with the personal endings (`барыппын`, `келіпсің`).
    s(Verb, "C|YпEYн"),
    s(Verb, "V|пEYн"),
    s(Verb, "C|YпсYң"),
    s(Verb, "V|псYң"),
    s(Verb, "C|YпсYз"),
    s(Verb, "V|псYз"),
    s(Verb, "C|YпEYз"),
    s(Verb, "V|пEYз"),
    // Present-future: `-а/-е` after consonants, `-й` after vowels, `и` for `ы/і + й`,
    // with the person endings.
    // The converb `-а/-е` is taken only after a voice or negation, which shows a verb
    // (`жазыла`): after a bare stem it is mostly a noun's own `а` (`бала`, `ата`).
    s(Verb, "C|A").after_verb(),
    s(Verb, "C|AдY"),
    s(Verb, "V|йдY"),
    s(Verb, "C|идY"),
    s(Verb, "C|AмYн"),
    s(Verb, "V|ймYн"),
    s(Verb, "C|имYн"),
    s(Verb, "C|AсYң"),
    s(Verb, "V|йсYң"),
    s(Verb, "C|исYң"),
    s(Verb, "C|AсYз"),
    s(Verb, "V|йсYз"),
    s(Verb, "C|исYз"),
    s(Verb, "C|AмYз"),
    s(Verb, "V|ймYз"),
    s(Verb, "C|имYз"),
    s(Verb, "MAй"),
    // Future participle `-атын`, taken as final: before a case it is mostly a noun's
    // `-ат` + 3rd person `-ы` + `-н` (`мәслихатында`). Intention `-мақшы`, negative
    // participle `-мас` (the bare `-мақ` is left out: it ends many nouns, `аймақ`).
    s(Verb, "C|AтYн"),
    s(Verb, "V|йтYн"),
    s(Verb, "C|итYн"),
    s(Verb, "MAKшY"),
    s(Part, "MAс"),
    s(Verb, "MAстAн"),
    // Conditional with person endings.
    s(Verb, "сA").min(3),
    s(Verb, "сAм"),
    s(Verb, "сAң"),
    s(Verb, "сAK"),
    s(Verb, "сAңYз"),
    s(Verb, "сAңдAр"),
    // Imperative: 3rd `-сын`, 1sg `-айын`, 1pl `-айық`.
    s(Verb, "сYн"),
    s(Verb, "C|AйYн"),
    s(Verb, "V|йYн"),
    s(Verb, "C|AйYK"),
    s(Verb, "V|йYK"),
    // Converbs `-ғалы` (since), `-ғанша` (until).
    s(Verb, "GAлY"),
    s(Verb, "GAншA"),
    // Verbal noun `-у` (after a vowel only on stems of three letters).
    s(Part, "C|у").min(2),
    s(Part, "V|у").min(3),
    // Negation.
    // Negation: always followed by a verb form (a final `-ма` is the deverbal noun,
    // `шығарма` "a work", more often than a negative imperative).
    s(Neg, "MA").not_final(),
    // Voice: passive `-ыл/-л`, `-ын` after `л`, `-н` after vowels. Always followed by a
    // verb form (a final `-ыл` is a root: `қызыл`, `ауыл`). The reflexive `-ын` and the
    // reciprocal `-ыс` make verbs of their own (`түсін-` "understand", `келіс-`
    // "agree") and are kept.
    s(Voice, "мнңрзжйубвгғдкқпстфхһцчшщ|Yл").min(3).not_final(),
    s(Voice, "V|л").min(3).not_final(),
    s(Voice, "л|Yн").min(3).not_final(),
    s(Voice, "V|н").min(3).not_final(),
];

/// Roots that only look inflected, as `(stem, root)`: the stem is never cut further.
/// Two kinds: roots ending in what looks like a suffix (`адам` "person" is not
/// `ада` + 1sg `-м`; `білім` "knowledge" is not `біл` "know" + `-ім`), and roots that
/// drop a vowel before a vowel suffix, listed by their short stem (`халқ` → `халық`).
const PROTECTED: &[(&str, &str)] = &[
    // Nouns in -м/-ым/-ім (deverbal -ым/-ім nouns and plain roots).
    ("адам", "адам"),
    ("әлем", "әлем"),
    ("қалам", "қалам"),
    ("ғалым", "ғалым"),
    ("білім", "білім"),
    ("бөлім", "бөлім"),
    ("өлім", "өлім"),
    ("өнім", "өнім"),
    ("кірім", "кірім"),
    ("шығым", "шығым"),
    ("ұйым", "ұйым"),
    ("құрылым", "құрылым"),
    ("алым", "алым"),
    ("салым", "салым"),
    ("төлем", "төлем"),
    ("жылым", "жылым"),
    ("ағым", "ағым"),
    ("қарым", "қарым"),
    ("тұрым", "тұрым"),
    ("өрім", "өрім"),
    ("ілім", "ілім"),
    ("сенім", "сенім"),
    ("көлем", "көлем"),
    ("ғылым", "ғылым"),
    ("тілім", "тілім"),
    ("түсім", "түсім"),
    ("өтім", "өтім"),
    ("кілем", "кілем"),
    ("сәлем", "сәлем"),
    ("қадам", "қадам"),
    ("тағам", "тағам"),
    // Nouns in -ың/-ің, -ң.
    ("мың", "мың"),
    ("қалың", "қалың"),
    // Roots in -ы/-і, -сы/-сі and in -ын/-ін.
    ("кісі", "кісі"),
    ("ақы", "ақы"),
    ("жалақы", "жалақы"),
    ("қасы", "қасы"),
    ("орын", "орын"),
    ("ақын", "ақын"),
    ("келін", "келін"),
    ("бүгін", "бүгін"),
    ("ерін", "ерін"),
    ("түтін", "түтін"),
    ("жалын", "жалын"),
    ("қиын", "қиын"),
    ("жиын", "жиын"),
    ("ойын", "ойын"),
    ("тегін", "тегін"),
    ("жедел", "жедел"),
    // Roots in -да/-та/-дан/-ған/-ды/-лар that are not case or participle forms.
    ("майдан", "майдан"),
    ("мейдан", "мейдан"),
    ("заңды", "заңды"),
    ("тұлға", "тұлға"),
    ("орта", "орта"),
    ("жауап", "жауап"),
    ("туған", "туған"),
    ("қорған", "қорған"),
    ("арман", "арман"),
    ("ауған", "ауған"),
    ("жылдам", "жылдам"),
    ("маусым", "маусым"),
    ("қаңтар", "қаңтар"),
    ("ақпан", "ақпан"),
    ("наурыз", "наурыз"),
    ("сәуір", "сәуір"),
    ("мамыр", "мамыр"),
    ("шілде", "шілде"),
    ("тамыз", "тамыз"),
    ("қыркүйек", "қыркүйек"),
    ("қазан", "қазан"),
    ("қараша", "қараша"),
    ("желтоқсан", "желтоқсан"),
    ("ереже", "ереже"),
    ("әкім", "әкім"),
    ("мүше", "мүше"),
    // Nouns in a vowel + `п` that look like the converb `-п/-ып/-іп`.
    ("мектеп", "мектеп"),
    ("себеп", "себеп"),
    ("талап", "талап"),
    ("тәртіп", "тәртіп"),
    // Country names in `-стан` that look like the ablative `-тан`.
    ("ауғанстан", "ауғанстан"),
    ("қазақстан", "қазақстан"),
    ("қырғызстан", "қырғызстан"),
    ("өзбекстан", "өзбекстан"),
    ("пәкістан", "пәкістан"),
    ("тәжікстан", "тәжікстан"),
    ("түрікменстан", "түрікменстан"),
    // Stems of roots that drop their second vowel before a vowel suffix.
    ("ауз", "ауыз"),
    ("аул", "ауыл"),
    ("бөрк", "бөрік"),
    ("ғұрп", "ғұрып"),
    ("ерк", "ерік"),
    ("ерн", "ерін"),
    ("қайн", "қайын"),
    ("қалп", "қалып"),
    ("қарн", "қарын"),
    ("қойн", "қойын"),
    ("мойн", "мойын"),
    ("мұрн", "мұрын"),
    ("нарқ", "нарық"),
    ("орн", "орын"),
    ("парқ", "парық"),
    ("халқ", "халық"),
    ("ырқ", "ырық"),
];

/// Letters a Kazakh stem is not written with at its end: voiced `ғ г б` of a root
/// before a vowel suffix, and `я ю` (`й` + a suffix vowel).
const FINALS: &[(char, char)] = &[('ғ', 'қ'), ('г', 'к'), ('б', 'п'), ('я', 'й'), ('ю', 'й')];

/// What Kazakh verb roots look like: the verb roots of a consonant and a vowel (`де-`
/// "say", `же-` "eat", `жу-` "wash", `қу-` "chase", `ту-` "be born", `ки-` "wear",
/// `жи-` "gather", `қи-` "cut"); front `ә е ө ү і`, back `а о ұ ы` (`и у ю` are
/// written for either); `айт-` "say", `қайт-` "return", `тарт-` "pull" end in a cluster.
const VERB_ROOTS: VerbRoots = VerbRoots {
    cv: &["де", "же", "жу", "қу", "ту", "ки", "жи", "қи"],
    front: "әеөүіэ",
    back: "аоұыяё",
    clusters: &["йт", "рт"],
};

/// The agent noun `-ушы/-уші` (`жазушы` "writer", `оқушы` "pupil") is a word of its
/// own: it is never split into `жазуш` + `-ы`. No native stem ends in a consonant and
/// `ғ г б` (a voiced stop at the end of a stem is a `қ к п` voiced between vowels), so
/// `үлгі` "model" is no `үлг` + `-і`.
const BANNED_ENDS: &[&str] = &["уш", "Cғ", "Cг", "Cб"];

/// Stems the language has, from treebank lemmas (see `crates/eval/examples/stem_lexicon.rs`).
const LEXICON: &str = include_str!("lexicon/kk.txt");

/// Letters a stem not in [`LEXICON`] keeps at least: two, as a root of a vowel and a
/// consonant (`үй`, `эл`, `іс`); the shape of a two-letter stem is checked by the
/// grammar (consonant + vowel only for the verb roots of [`VERB_ROOTS`]).
const MIN_UNKNOWN: usize = 2;

/// The grammar with a lexicon (`""`: the rules alone).
fn build(lexicon: &'static str) -> Grammar {
    Grammar::new(&PHONOLOGY, SPECS, PROTECTED, FINALS)
        .verb_stem_drops(&['ы', 'і'])
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

/// Returns the stem of a normalised Kazakh word (lower case, `ё` folded to `е`).
///
/// Inflected forms of one word meet: `қалалардың`, `қаласында`, `қалаға` → `қала`;
/// `жазды`, `жазады`, `жазбаған` → `жаз`. Roots shorter than two letters plus the
/// suffix are never cut, and listed roots that only look inflected are kept.
pub fn stem(word: &str) -> String {
    grammar().stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::turkic::check_table;

    /// Nominal inflection: plural, possessive, case, with harmony, assimilation and the
    /// voicing of a final consonant before a vowel.
    const NOMINAL: &[(&str, &str)] = &[
        ("қалалар", "қала"),
        ("қалалардың", "қала"),
        ("қаласы", "қала"),
        ("қаласында", "қала"),
        ("қаласындағы", "қала"),
        ("қаланың", "қала"),
        ("қалаға", "қала"),
        ("қаладан", "қала"),
        ("қаламен", "қала"),
        ("қаладай", "қала"),
        ("үйлер", "үй"),
        ("үйде", "үй"),
        ("үйге", "үй"),
        ("үйлерінде", "үй"),
        ("мектептер", "мектеп"),
        ("мектепте", "мектеп"),
        ("мектебі", "мектеп"),
        ("мектебінің", "мектеп"),
        ("мектебіміз", "мектеп"),
        ("мектептеріңіз", "мектеп"),
        ("кітабы", "кітап"),
        ("кітаптың", "кітап"),
        ("жолдар", "жол"),
        ("жолдың", "жол"),
        ("жолға", "жол"),
        ("адамның", "адам"),
        ("адамдарға", "адам"),
        ("адамдармен", "адам"),
        ("әкімдігінің", "әкімдік"),
        ("республикасының", "республика"),
        ("жылы", "жыл"),
        ("жылдың", "жыл"),
        ("жылдары", "жыл"),
        ("заңдарының", "заң"),
        ("аймағы", "аймақ"),
    ];

    /// Two-letter roots and the `-сы`/`-ы` choice: `басы` is `бас` + `-ы`.
    const ROOT_SHAPE: &[(&str, &str)] = &[
        ("ісі", "іс"),
        ("ойы", "ой"),
        ("елі", "ел"),
        ("басы", "бас"),
        ("жасы", "жас"),
        ("күні", "күн"),
        ("облысы", "облыс"),
        ("облысының", "облыс"),
        ("қозғалысы", "қозғалыс"),
        ("жағдайы", "жағдай"),
    ];

    /// Verbs: tense, person, participle, converb, verbal noun, mood, negation, passive.
    const VERBAL: &[(&str, &str)] = &[
        ("жазды", "жаз"),
        ("жазады", "жаз"),
        ("жазамын", "жаз"),
        ("жазбаймын", "жаз"),
        ("жазбаған", "жаз"),
        ("жазбады", "жаз"),
        ("жазған", "жаз"),
        ("жазып", "жаз"),
        ("жазыпты", "жаз"),
        ("жазбай", "жаз"),
        ("жазса", "жаз"),
        ("жазсын", "жаз"),
        ("жазайын", "жаз"),
        ("жазылды", "жаз"),
        ("жазылмаған", "жаз"),
        ("жазылатын", "жаз"),
        ("оқиды", "оқ"),
        ("оқыды", "оқ"),
        ("оқу", "оқ"),
        ("оқыған", "оқ"),
        ("оқымады", "оқ"),
        ("алу", "ал"),
        ("алуға", "ал"),
        ("алынды", "ал"),
        ("сайланды", "сайла"),
        ("сайланған", "сайла"),
        ("ойлайды", "ойла"),
        ("ойлады", "ойла"),
        ("ойлау", "ойла"),
        ("бастады", "баста"),
        ("сақтады", "сақта"),
        ("қояды", "қой"),
        ("келді", "кел"),
        ("келеді", "кел"),
        ("келген", "кел"),
        ("деді", "де"),
        ("деген", "де"),
        ("болғандықтан", "бол"),
        ("жазғандығы", "жаз"),
        // The perfect with the personal endings.
        ("барыппын", "бар"),
        ("келіпсің", "кел"),
        ("келіпсіз", "кел"),
    ];

    /// Words kept whole: derivation makes words of its own, roots that only look
    /// inflected, and roots that lose a vowel.
    const KEPT: &[(&str, &str)] = &[
        ("облыстық", "облыстық"),
        ("мемлекеттік", "мемлекеттік"),
        ("қызыл", "қызыл"),
        ("ауыл", "ауыл"),
        ("құрал", "құрал"),
        ("аймақ", "аймақ"),
        ("кезеңде", "кезең"),
        ("өлеңге", "өлең"),
        ("келіседі", "келіс"),
        ("адам", "адам"),
        ("білім", "білім"),
        ("білімнің", "білім"),
        ("халқы", "халық"),
        ("халқының", "халық"),
        ("орнында", "орын"),
        ("жазушы", "жазушы"),
        ("жазушының", "жазушы"),
        ("жазушысы", "жазушы"),
        ("өндірушісі", "өндіруші"),
        ("оқушылар", "оқушы"),
        ("мектеп", "мектеп"),
        ("кітап", "кітап"),
        ("депутат", "депутат"),
        ("тәртібі", "тәртіп"),
        ("қазақстан", "қазақстан"),
        ("қазақстанның", "қазақстан"),
        // Genitive, not the informal past `-дің` "you did" after a passive `-іл`.
        ("мезгілдің", "мезгіл"),
        // Russian loans: either harmony class.
        ("цехтары", "цех"),
        ("цехтері", "цех"),
        // A native `қ к п` between vowels would be written voiced: no suffix here.
        ("жақын", "жақын"),
        // The equative makes words of its own.
        ("қазақша", "қазақша"),
        ("патша", "патша"),
    ];

    #[test]
    fn test_stem_tables() {
        for (name, table) in
            [("nominal", NOMINAL), ("root shape", ROOT_SHAPE), ("verbal", VERBAL), ("kept", KEPT)]
        {
            let failures = check_table(stem, table);
            assert!(
                failures.is_empty(),
                "Kazakh {name} stems differ (check the templates, the guards and PROTECTED):\n{}",
                failures.join("\n")
            );
        }
    }

    /// The lexicon decides where the rules alone cut a root: `мемлекет-ін`, not the
    /// future participle `мемлек-етін`; `үлгі-сі`, not `үлгіс-і`.
    const LEXICON_STEMS: &[(&str, &str)] = &[
        ("мемлекетін", "мемлекет"),
        ("мақсатын", "мақсат"),
        ("тақырыпты", "тақырып"),
        ("жағдайын", "жағдай"),
        ("үлгі", "үлгі"),
        // The noun "writing" is in the lexicon; the rules take `жаз-у` for the verb.
        ("жазу", "жазу"),
        ("үлгісі", "үлгі"),
        ("облысы", "облыс"),
    ];

    #[test]
    fn test_lexicon_stems() {
        let failures = check_table(stem, LEXICON_STEMS);
        assert!(failures.is_empty(), "Kazakh lexicon stems differ:\n{}", failures.join("\n"));
    }

    #[test]
    fn test_lexicon_file_is_lower_case_cyrillic_words() {
        crate::turkic::check_lexicon(LEXICON);
    }

    #[test]
    fn test_forms_of_one_lemma_conflate() {
        for forms in [
            &["мәслихат", "мәслихаттың", "мәслихатқа", "мәслихаты", "мәслихатында"][..],
            &["бюджет", "бюджеттің", "бюджетке", "бюджеттері", "бюджетінен"],
            &["шешім", "шешімі", "шешімнің", "шешімдер", "шешімдерін"],
            &["бекітті", "бекітеді", "бекітілген", "бекіту", "бекітіп"],
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
            ("ал", "ала"),
            ("қан", "қал"),
            ("тау", "та"),
            ("жыл", "жылдық"),
            ("шығар", "шығарма"),
            ("түс", "түсінік"),
            ("қаласы", "қалалық"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} and {b} must not meet");
        }
    }
}
