//! What the Kazakh and Kyrgyz stemmers share: suffix templates written with
//! archiphonemes, their expansion by vowel harmony and consonant assimilation, a
//! reversed trie of the expanded suffixes, and the right-to-left search over
//! morphotactic slots.
//!
//! ## Morphology the machinery assumes
//!
//! Both languages are agglutinative and suffixing: a word is a root followed by
//! suffixes in a fixed order of slots. For nominals
//! `root + derivation + plural + possessive + case + predicative (personal)`; for verbs
//! `root + voice + negation + tense/aspect/participle/converb/mood + person`, and
//! participles and verbal nouns go on with the nominal slots (plural, possessive, case).
//! Each slot names the slots allowed to its left ([`Slot::left`]), and the search strips
//! from the end of the word towards the root in that order.
//!
//! A suffix has one underlying form and several surface forms:
//! - vowels follow the last vowel of what stands before them (harmony): Kazakh has
//!   back/front pairs (`а/е`, `ы/і`), Kyrgyz adds rounding (`ы/и/у/ү`, `а/е/о/ө`);
//! - the first consonant assimilates to the sound before it: `л/д/т` in the plural,
//!   `д/т` in the locative and the past, `н/д/т` in the genitive and accusative,
//!   `ғ/қ` (`г/к`) in the dative and the past participle, `м/б/п` in the negation.
//!
//! Templates write these as capital Latin letters (see [`Phonology`]): `Y` a high vowel,
//! `A` a low vowel, `K` a final velar, and per-language consonant letters with the
//! left contexts of each of their surface forms. A template may start with a condition
//! on the letter before it, `V|` (a vowel), `C|` (a consonant) or a list of letters
//! (`ыі|н`: the accusative `-н` only after the 3rd person possessive `-ы/-і`), or on
//! the letters before it, a comma-separated list of endings (`уу,үү|сY`: the 3rd person
//! possessive `-сы` after a long vowel).
//!
//! ## Guards against eating roots
//!
//! - a stem keeps at least [`MIN_STEM`] letters and a vowel; one-letter suffixes and
//!   voice suffixes need more (per suffix, [`Suffix::min_stem`]);
//! - harmony and assimilation are checked against the letters actually left of a
//!   suffix, so a back-vowel root does not lose a front-vowel "suffix" and `-та` is
//!   not stripped after a vowel;
//! - a native stem's final `к қ п` after a vowel is written voiced before a vowel
//!   suffix (`кітап` → `кітабы`), so a vowel-initial suffix never follows a vowel and
//!   one of them ([`Phonology::voicing`]): `жақын` "near" is no `жақ` + `-ын`;
//! - suffixes that are rare at the end of a word in formal prose and common as the
//!   end of roots (the 1st and 2nd person possessive `-м/-ым`, `-ң/-ың`) are stripped
//!   only when another suffix follows them ([`Suffix::not_final`]); a derivational
//!   suffix that makes a word of its own once inflected is stripped only at the end
//!   of the word ([`Suffix::only_final`]);
//! - a verbal reading needs a stem that can be a verb ([`VerbRoots`]), and a stem may
//!   not end inside a suffix that goes as a whole ([`Grammar::banned_ends`]);
//! - each language keeps a list of roots that only look inflected: a stem on the list
//!   is never cut further, and an analysis that reaches one wins.
//!
//! Among the analyses that pass the guards, the one that strips the most letters wins
//! (fewer suffixes on a tie). Stripping is done on byte offsets of the input, without
//! allocation; the only allocation is the returned stem.

/// Minimum letters of a stem for suffixes of two letters or more.
pub(crate) const MIN_STEM: usize = 2;

/// A morphotactic slot. Order within a word (root first): derivation, plural,
/// possessive, case, predicative; for verbs voice, negation, verb form, then the
/// nominal slots when the verb form is a participle or a verbal noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Personal (predicative) endings: "I am", "we are"; copula `-дыр`.
    Pred = 0,
    /// Case endings, with the locative-attributive `-дағы`, similative `-дай`, equative `-ша`.
    Case = 1,
    /// Possessive endings.
    Poss = 2,
    /// Plural `-лар`.
    Plural = 3,
    /// Frequent nominal derivation (`-лық`, `-сыз` ...).
    Deriv = 4,
    /// Finite verb forms and converbs (tense, aspect, mood, with the person endings
    /// that only follow them): nothing follows them.
    Verb = 5,
    /// Negation `-ма/-ба/-па`.
    Neg = 6,
    /// Voice: passive, reflexive, reciprocal.
    Voice = 7,
    /// Participles and verbal nouns: verb forms that go on with the nominal slots.
    Part = 8,
    /// Clitics that follow a whole word form, nominal or verbal: the question particle
    /// (Kyrgyz `-бы`, `келдиби` "did he come?").
    Clitic = 9,
}

impl Slot {
    pub(crate) const fn bit(self) -> u16 {
        1 << self as u16
    }

    /// The slots that may stand directly left of this one.
    pub(crate) const fn left(self) -> u16 {
        const NOMINAL: u16 = Slot::Plural.bit() | Slot::Deriv.bit() | Slot::Part.bit();
        match self {
            Slot::Pred => Slot::Case.bit() | Slot::Poss.bit() | NOMINAL,
            Slot::Case => Slot::Poss.bit() | NOMINAL,
            Slot::Poss => NOMINAL,
            Slot::Plural => Slot::Deriv.bit() | Slot::Part.bit(),
            Slot::Deriv => Slot::Deriv.bit() | Slot::Part.bit(),
            Slot::Verb | Slot::Part => Slot::Neg.bit() | Slot::Voice.bit(),
            Slot::Neg => Slot::Voice.bit(),
            Slot::Voice => 0,
            Slot::Clitic => Slot::ANY & !Slot::Clitic.bit(),
        }
    }

    /// Every slot: what may end a word.
    pub(crate) const ANY: u16 = 0x3FF;

    /// The slots of verb forms (see [`Slot::verbal`]).
    pub(crate) const VERBAL: u16 =
        Slot::Verb.bit() | Slot::Part.bit() | Slot::Neg.bit() | Slot::Voice.bit();

    /// Whether the slot belongs to a verb (what stands left of it is a verb stem).
    pub(crate) const fn verbal(self) -> bool {
        matches!(self, Slot::Verb | Slot::Part | Slot::Neg | Slot::Voice)
    }
}

/// One vowel-harmony class of suffix vowels.
pub(crate) struct HarmonyClass {
    /// Surface of `Y` (high vowel).
    pub high: char,
    /// Surface of `A` (low vowel).
    pub low: char,
    /// Surface of `G` after a vowel or voiced consonant, and after a voiceless one.
    pub velar: (char, char),
    /// Surface of `K` (a final velar stop).
    pub final_velar: char,
    /// Last vowels of a stem that take this class.
    pub after: &'static str,
}

/// An archiphoneme consonant: its surface forms, each with the letters it follows.
/// In the sets, `V` stands for the vowels, `S` the voiced consonants, `X` the voiceless.
pub(crate) struct Archiphoneme {
    /// The capital Latin letter used in templates.
    pub letter: char,
    /// `(surface, letters it follows)`.
    pub surfaces: &'static [(char, &'static str)],
}

/// The sound system a language's templates are expanded with.
pub(crate) struct Phonology {
    /// Letters that are vowels for assimilation (`V|`, `V` in sets).
    pub vowels: &'static str,
    /// Voiced consonants (`S` in sets).
    pub voiced: &'static str,
    /// Voiceless consonants, with the voiced stops loanwords end in (`X` in sets).
    pub voiceless: &'static str,
    /// Letters that count as vowels for harmony and for "a stem has a vowel".
    pub harmony_vowels: &'static str,
    /// Last vowels that accept any harmony class (loanwords, `и`, `у` in Kazakh).
    pub neutral: &'static str,
    /// Letters written only in loanwords from Russian: a stem holding one takes
    /// suffixes of either harmony class (`цехтар` and `цехтер` are both written).
    pub loan_letters: &'static str,
    /// Voiceless stops that voice between vowels (`кітап` → `кітабы`): after a vowel,
    /// a stem does not end in one of them before a suffix that starts with a vowel.
    pub voicing: &'static str,
    /// The harmony classes.
    pub classes: &'static [HarmonyClass],
    /// Consonant archiphonemes other than `G`.
    pub consonants: &'static [Archiphoneme],
}

impl Phonology {
    fn expand_set(&self, set: &str) -> String {
        let mut out = String::new();
        for c in set.chars() {
            match c {
                'V' => out.push_str(self.vowels),
                'S' => out.push_str(self.voiced),
                'X' => out.push_str(self.voiceless),
                other => out.push(other),
            }
        }
        out
    }

    /// Surfaces of an archiphoneme in a harmony class, with the letters each follows.
    fn surfaces(&self, letter: char, class: &HarmonyClass) -> Vec<(char, String)> {
        if letter == 'G' {
            return vec![
                (class.velar.0, self.expand_set("VS")),
                (class.velar.1, self.expand_set("X")),
            ];
        }
        let archiphoneme = self
            .consonants
            .iter()
            .find(|a| a.letter == letter)
            .unwrap_or_else(|| panic!("template letter {letter} is not defined"));
        archiphoneme.surfaces.iter().map(|(c, set)| (*c, self.expand_set(set))).collect()
    }
}

/// The description of a suffix: a template and its guards.
#[derive(Clone, Copy)]
pub(crate) struct Spec {
    /// The slot.
    pub slot: Slot,
    /// The template, optionally with a left condition (`V|сY`).
    pub template: &'static str,
    /// Letters the stem keeps at least.
    pub min_stem: usize,
    /// Stripped only when another suffix follows.
    pub not_final: bool,
    /// Stripped only at the end of the word.
    pub only_final: bool,
    /// A letter put back at the end of the stem (a vowel the suffix merged with);
    /// the stem is then final.
    pub restore: Option<fn(&str) -> char>,
    /// Stripped only when the stem left is in the lexicon.
    pub known_only: bool,
    /// Endings the stem may not have.
    pub not_after: &'static [&'static str],
    /// Stripped only when a verb form stands left of it.
    pub after_verb: bool,
}

/// Shorthand for a plain suffix spec.
pub(crate) const fn s(slot: Slot, template: &'static str) -> Spec {
    Spec {
        slot,
        template,
        min_stem: MIN_STEM,
        not_final: false,
        only_final: false,
        restore: None,
        known_only: false,
        not_after: &[],
        after_verb: false,
    }
}

impl Spec {
    /// The stem must keep at least `letters` letters.
    pub(crate) const fn min(mut self, letters: usize) -> Spec {
        self.min_stem = letters;
        self
    }

    /// Stripped only when another suffix follows it.
    pub(crate) const fn not_final(mut self) -> Spec {
        self.not_final = true;
        self
    }

    /// Stripped only at the end of the word: a derivational suffix that makes words
    /// of their own when inflected (see the language's notes).
    pub(crate) const fn only_final(mut self) -> Spec {
        self.only_final = true;
        self
    }

    /// Stripped only when the stem left is in the lexicon: a reading the spelling
    /// leaves ambiguous with a root's own letters (`облыс-ы` against `үлгі-сі`), taken
    /// only where the stem is known.
    pub(crate) const fn known_only(mut self) -> Spec {
        self.known_only = true;
        self
    }

    /// Not stripped after these endings of the stem: where the suffix would make a word
    /// of its own (Kyrgyz `-лык` after the agent `-чы` or `-луу`: `жоопкерчилик`
    /// "responsibility", `кооптуулук` "danger").
    pub(crate) const fn not_after(mut self, ends: &'static [&'static str]) -> Spec {
        self.not_after = ends;
        self
    }

    /// Stripped only when a verb form stands left of it, which is stripped too: a
    /// clitic whose letters after a vowel are mostly a root's end and a possessive
    /// (`китеби` is `китеп` + `-и`, `келдиби` is `кел-ди` + `-би`).
    pub(crate) const fn after_verb(mut self) -> Spec {
        self.after_verb = true;
        self
    }

    /// Puts back the letter `restore(stem)` at the end of the stem.
    pub(crate) const fn restore(mut self, restore: fn(&str) -> char) -> Spec {
        self.restore = Some(restore);
        self
    }
}

/// One expanded surface suffix.
pub(crate) struct Suffix {
    slot: Slot,
    /// Letters it may follow (`None`: any).
    left: Option<Box<[char]>>,
    /// Endings it may follow (`None`: any), from a comma-separated condition.
    left_ends: Option<Box<[&'static str]>>,
    /// Last stem vowels it agrees with (`None`: no vowel, any).
    harmony: Option<Box<[char]>>,
    /// Letters the stem keeps at least.
    pub min_stem: usize,
    /// Stripped only when another suffix follows.
    pub not_final: bool,
    /// Stripped only at the end of the word.
    pub only_final: bool,
    /// Stripped only when the stem left is in the lexicon.
    known_only: bool,
    /// Endings the stem may not have.
    not_after: &'static [&'static str],
    /// Stripped only when a verb form stands left of it.
    after_verb: bool,
    /// Whether the surface starts with a vowel.
    vowel_initial: bool,
    restore: Option<fn(&str) -> char>,
    /// Letters of the surface.
    letters: usize,
}

#[derive(Default)]
struct Node {
    children: Vec<(char, u32)>,
    suffixes: Vec<u32>,
}

/// A language's suffix grammar: expanded suffixes in a reversed trie, protected roots,
/// and the final spelling rules of a stem.
pub(crate) struct Grammar {
    nodes: Vec<Node>,
    suffixes: Vec<Suffix>,
    harmony_vowels: Box<[char]>,
    neutral: Box<[char]>,
    loan_letters: Box<[char]>,
    voicing: Box<[char]>,
    /// Letters written for a stem's vowel and a glide (Kazakh `и` for `ый`, `у` for
    /// `ыу`): a suffix starting with one keeps the stem's `к п` unvoiced (`оқы-` + `-у`
    /// → `оқу`, + `-йды` → `оқиды`).
    glides: Box<[char]>,
    /// Sorted `(stem, root)`: stems never cut further, written as `root`.
    protected: Vec<(&'static str, &'static str)>,
    /// Final letters rewritten on the stem: `(from, to)`.
    finals: &'static [(char, char)],
    /// Vowels a verb stem drops at its end (see [`Grammar::verb_stem_drops`]).
    verb_drops: &'static [char],
    /// What a verb root may look like (see [`VerbRoots`]).
    verb_roots: VerbRoots,
    /// Endings no stem may have (see [`Grammar::banned_ends`]).
    banned_ends: &'static [&'static str],
    /// Sorted stems of the language's lexicon (see [`Grammar::lexicon`]).
    lexicon: Vec<&'static str>,
    /// Letters a stem keeps at least when it is not in the lexicon.
    min_unknown: usize,
}

/// What a language's verb stems may look like, so that a verbal reading is not forced
/// on a noun (`мектеп` "school" is not a converb `мекте-п`).
///
/// - Verb roots of consonant + vowel are a closed class (`де-` "say", `же-` "eat"):
///   only those listed in `cv` are taken; a nominal `бе`, `жы` is not.
/// - Native roots follow vowel harmony: their vowels are all front or all back. A stem
///   that mixes them (`депут`, `капита`, `тарти`) is a loanword, and loanwords become
///   verbs only through a verbalising suffix (`-ла/-да/-та`, with voice `-н/-ш/-т/-л`
///   after it: `экспортто-`, `реформала-`); without one the stem is not verbal.
/// - A verb stem does not end in a consonant followed by the `л/д/т` of the verbalising
///   `-ла/-да/-та` (`ойл-`, `баст-`, `сақт-`): the vowel belongs to the stem, so
///   `ойлады` is `ойла-ды`, not `ойл-ады`. Root-final clusters in `clusters` (`йт`, `рт`:
///   `айт-`, `тарт-`) are real.
/// - A stem of more than one syllable does not end in a long vowel (written double):
///   `деңгээ-` is not a verb.
#[derive(Clone, Copy, Default)]
pub(crate) struct VerbRoots {
    /// Verb roots of a consonant and a vowel.
    pub cv: &'static [&'static str],
    /// Front vowels.
    pub front: &'static str,
    /// Back vowels.
    pub back: &'static str,
    /// Consonant clusters a verb root may end in.
    pub clusters: &'static [&'static str],
}

/// Best analysis found so far.
#[derive(Clone, Copy)]
struct Best {
    end: usize,
    restore: Option<char>,
    root: Option<&'static str>,
    /// The slot of the suffix nearest the root.
    slot: Option<Slot>,
    /// `(tier, letters stripped, -suffixes)`, the greatest wins; the tier is 2 for a
    /// protected root, 1 for a stem of the lexicon, 0 for any other.
    key: (u8, usize, i32),
}

impl Grammar {
    /// Expands the templates of a language.
    ///
    /// `protected` lists `(stem, root)` pairs: a stem the search must not cut further,
    /// and the root it stands for (itself for roots that only look inflected, the full
    /// root for a stem that lost a vowel, such as Kazakh `халқ-` of `халық`).
    /// `finals` rewrites the last letter of every stem (consonants that voice between
    /// vowels: `кітабы` → `кітап`).
    pub(crate) fn new(
        phonology: &Phonology,
        specs: &[Spec],
        protected: &[(&'static str, &'static str)],
        finals: &'static [(char, char)],
    ) -> Grammar {
        let mut grammar = Grammar {
            nodes: vec![Node::default()],
            suffixes: Vec::new(),
            harmony_vowels: phonology.harmony_vowels.chars().collect(),
            neutral: phonology.neutral.chars().collect(),
            loan_letters: phonology.loan_letters.chars().collect(),
            voicing: phonology.voicing.chars().collect(),
            glides: phonology.neutral.chars().collect(),
            protected: protected.to_vec(),
            finals,
            verb_drops: &[],
            verb_roots: VerbRoots::default(),
            banned_ends: &[],
            lexicon: Vec::new(),
            min_unknown: MIN_STEM,
        };
        grammar.protected.sort_unstable();
        grammar.protected.dedup();
        for spec in specs {
            for (surface, left, harmony) in expand(phonology, spec.template) {
                grammar.insert(spec, &surface, left, harmony);
            }
        }
        grammar
    }

    /// Vowels a verb stem loses at its end, so that the forms where the vowel merges
    /// with a suffix meet the others (Kazakh `оқы-` "read": `оқиды`, `оқу`, `оқыды` all
    /// give `оқ`). Applied only when the suffix nearest the root is verbal.
    pub(crate) fn verb_stem_drops(mut self, vowels: &'static [char]) -> Grammar {
        self.verb_drops = vowels;
        self
    }

    /// Sets what verb roots look like (see [`VerbRoots`]).
    pub(crate) fn verb_roots(mut self, roots: VerbRoots) -> Grammar {
        self.verb_roots = roots;
        self
    }

    /// Endings no stem is left with, written with `C` for any consonant and `V` for any
    /// vowel: the inside of a suffix that must go as a whole or stay (Kazakh agent nouns
    /// in `-ушы`: `жазушы` is not `жазуш` + `-ы`).
    pub(crate) fn banned_ends(mut self, ends: &'static [&'static str]) -> Grammar {
        self.banned_ends = ends;
        self
    }

    /// Sets the lexicon: stems the language has, one a line (`#` starts a comment line).
    /// A word in the lexicon is kept whole; otherwise an analysis whose stem is in it
    /// (written with its final letter, `мектеб-` as `мектеп`) wins over those whose stem
    /// is not, and among those the one that strips most. Stems outside the lexicon keep
    /// `min_unknown` letters at least.
    pub(crate) fn lexicon(mut self, text: &'static str, min_unknown: usize) -> Grammar {
        self.lexicon = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        self.lexicon.sort_unstable();
        self.lexicon.dedup();
        self.min_unknown = min_unknown;
        self
    }

    /// Whether a stem is in the lexicon as it is written, or with its last letter
    /// written back by the spelling rules of finals.
    fn in_lexicon(&self, stem: &str) -> bool {
        if self.lexicon.binary_search(&stem).is_ok() {
            return true;
        }
        let Some(last) = stem.chars().next_back() else {
            return false;
        };
        match self.finals.iter().find(|(from, _)| *from == last) {
            Some((_, to)) => {
                let mut written = String::with_capacity(stem.len() + 2);
                written.push_str(&stem[..stem.len() - last.len_utf8()]);
                written.push(*to);
                self.lexicon.binary_search(&written.as_str()).is_ok()
            }
            None => false,
        }
    }

    fn is_vowel(&self, c: char) -> bool {
        self.harmony_vowels.contains(&c)
    }

    /// Whether a stem ends in one of the banned endings.
    fn banned(&self, stem: &str) -> bool {
        self.banned_ends.iter().any(|end| {
            let mut letters = stem.chars().rev();
            end.chars().rev().all(|p| match (p, letters.next()) {
                (_, None) => false,
                ('C', Some(c)) => !self.is_vowel(c),
                ('V', Some(c)) => self.is_vowel(c),
                (p, Some(c)) => p == c,
            })
        })
    }

    /// Whether `left` can be a verb stem (see [`VerbRoots`]).
    fn verb_stem_ok(&self, left: &str) -> bool {
        let roots = &self.verb_roots;
        if roots.front.is_empty() {
            return true;
        }
        let letters: Vec<char> = left.chars().collect();
        let n = letters.len();
        if n == 2 && !self.is_vowel(letters[0]) && self.is_vowel(letters[1]) {
            return roots.cv.contains(&left);
        }
        // The verbaliser's vowel harmonises with the vowel before it (`экспорт-то-`),
        // so `кіт-а` or `капит-а` is no verbaliser.
        let verbaliser = {
            let mut i = n;
            if i > 0 && "нштл".contains(letters[i - 1]) {
                i -= 1;
            }
            let class = |c: char| (roots.front.contains(c), roots.back.contains(c));
            i >= 2
                && "аеоөә".contains(letters[i - 1])
                && "лдт".contains(letters[i - 2])
                && letters[..i - 2]
                    .iter()
                    .rev()
                    .find(|c| roots.front.contains(**c) || roots.back.contains(**c))
                    .is_some_and(|c| class(*c) == class(letters[i - 1]))
        };
        let front = letters.iter().any(|c| roots.front.contains(*c));
        let back = letters.iter().any(|c| roots.back.contains(*c));
        if front && back && !verbaliser {
            return false;
        }
        if n >= 3 && "лдт".contains(letters[n - 1]) && !self.is_vowel(letters[n - 2]) {
            let cluster: String = letters[n - 2..].iter().collect();
            if !roots.clusters.contains(&cluster.as_str()) {
                return false;
            }
        }
        if n >= 3 && self.is_vowel(letters[n - 1]) && letters[n - 1] == letters[n - 2] {
            let syllables = letters[..n - 2].iter().filter(|c| self.is_vowel(**c)).count();
            if syllables > 0 {
                return false;
            }
        }
        true
    }

    fn insert(
        &mut self,
        spec: &Spec,
        surface: &str,
        left: Option<String>,
        harmony: Option<String>,
    ) {
        let mut node = 0usize;
        for c in surface.chars().rev() {
            let found = self.nodes[node].children.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
            node = match found {
                Some(next) => next as usize,
                None => {
                    self.nodes.push(Node::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[node].children.push((c, next as u32));
                    next
                }
            };
        }
        let letters = surface.chars().count();
        let min_stem = spec.min_stem;
        let to_set = |s: Option<String>| {
            s.map(|s| {
                let mut v: Vec<char> = s.chars().collect();
                v.sort_unstable();
                v.dedup();
                v.into_boxed_slice()
            })
        };
        // Same surface, slot and guards from another harmony class or template: merge
        // the contexts instead of keeping two entries.
        let left = to_set(left);
        let harmony = to_set(harmony);
        let left_ends = left_ends(spec.template);
        for &index in &self.nodes[node].suffixes {
            let other = &mut self.suffixes[index as usize];
            if other.slot == spec.slot
                && other.left_ends == left_ends
                && other.known_only == spec.known_only
                && other.min_stem == min_stem
                && other.not_final == spec.not_final
                && other.only_final == spec.only_final
                && other.not_after == spec.not_after
                && other.after_verb == spec.after_verb
                && other.restore.is_none()
                && spec.restore.is_none()
            {
                other.left = union(other.left.take(), left);
                other.harmony = union(other.harmony.take(), harmony);
                return;
            }
        }
        self.suffixes.push(Suffix {
            slot: spec.slot,
            left,
            left_ends,
            harmony,
            min_stem,
            not_final: spec.not_final,
            only_final: spec.only_final,
            known_only: spec.known_only,
            not_after: spec.not_after,
            after_verb: spec.after_verb,
            vowel_initial: surface
                .chars()
                .next()
                .is_some_and(|c| self.is_vowel(c) && !self.glides.contains(&c)),
            restore: spec.restore,
            letters,
        });
        let index = (self.suffixes.len() - 1) as u32;
        self.nodes[node].suffixes.push(index);
    }

    fn protected_root(&self, stem: &str) -> Option<&'static str> {
        self.protected
            .binary_search_by(|(key, _)| key.cmp(&stem))
            .ok()
            .map(|index| self.protected[index].1)
    }

    /// Whether `left` may stay as the stem when `suffix` is cut.
    ///
    /// Roots of two letters are either vowel + consonant (`ал`, `үй`, `іс`), or, for
    /// verbs only, consonant + vowel (`де-` "say", `же-` "eat"); a nominal stem of
    /// consonant + vowel is taken for a longer root (`басы` is `бас` + `-ы`, not `ба` +
    /// `-сы`). One-letter suffixes cut roots most: they keep three letters, or a root of
    /// vowel + consonant.
    fn long_enough(&self, suffix: &Suffix, left: &str, left_letters: usize) -> bool {
        if left_letters < suffix.min_stem {
            return false;
        }
        if left_letters > 2 {
            return true;
        }
        let mut chars = left.chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
            return false;
        };
        let vowel = |c: char| self.harmony_vowels.contains(&c);
        match (vowel(first), vowel(second)) {
            (true, false) => true,
            (false, true) => {
                suffix.letters > 1
                    && suffix.slot.verbal()
                    && (self.verb_roots.front.is_empty()
                        || suffix.restore.is_some()
                        || self.verb_roots.cv.contains(&left))
            }
            _ => false,
        }
    }

    fn last_vowel(&self, text: &str) -> Option<char> {
        text.chars().rev().find(|c| self.harmony_vowels.contains(c))
    }

    fn agrees(&self, suffix: &Suffix, left: &str) -> bool {
        let Some(last) = self.last_vowel(left) else {
            return false; // a stem needs a vowel
        };
        let Some(previous) = left.chars().next_back() else {
            return false;
        };
        if let Some(set) = &suffix.left {
            if set.binary_search(&previous).is_err() {
                return false;
            }
        }
        if let Some(ends) = &suffix.left_ends {
            if !ends.iter().any(|end| left.ends_with(end)) {
                return false;
            }
        }
        if suffix.not_after.iter().any(|end| left.ends_with(end)) {
            return false;
        }
        if suffix.vowel_initial && self.voicing.contains(&previous) && !self.loanword(left) {
            // A native stem's `к п` between vowels is written voiced (`г б`): `жақын`
            // "near" is no `жақ` + `-ын`, `тарап` no `тар` + `-ап`.
            let mut rest = left.chars().rev().skip(1);
            if rest.next().is_some_and(|c| self.is_vowel(c)) {
                return false;
            }
        }
        match &suffix.harmony {
            Some(set) => {
                self.neutral.contains(&last)
                    || set.binary_search(&last).is_ok()
                    || self.loanword(left)
            }
            None => true,
        }
    }

    /// Whether a stem is written with a letter of Russian loanwords only.
    fn loanword(&self, stem: &str) -> bool {
        stem.chars().any(|c| self.loan_letters.contains(&c))
    }

    /// Returns the stem of a normalised word.
    pub(crate) fn stem(&self, word: &str) -> String {
        if let Some(root) = self.protected_root(word) {
            return root.to_owned();
        }
        if self.lexicon.binary_search(&word).is_ok() {
            return word.to_owned();
        }
        let letters = word.chars().count();
        let mut best =
            Best { end: word.len(), restore: None, root: None, slot: None, key: (0, 0, 0) };
        self.search(word, word.len(), letters, Slot::ANY, 0, 0, &mut best);
        let mut out = match best.root {
            Some(root) => return root.to_owned(),
            None => String::with_capacity(best.end + 2),
        };
        out.push_str(&word[..best.end]);
        if let Some(c) = best.restore {
            out.push(c);
        } else if best.slot.is_some_and(Slot::verbal) {
            if let Some(last) = out.chars().next_back() {
                let rest = &out[..out.len() - last.len_utf8()];
                if self.verb_drops.contains(&last)
                    && rest.chars().count() >= MIN_STEM
                    && self.last_vowel(rest).is_some()
                {
                    out.truncate(rest.len());
                }
            }
        }
        let mut tail = out.chars().rev();
        // A word nothing was cut from keeps its spelling (`аю` "bear", `араб`).
        if let (Some(last), before, true) = (tail.next(), tail.next(), best.end < word.len()) {
            // `ия`, `ию` end loanwords (`комиссия`), not a `й` before a suffix vowel.
            let loan = matches!(last, 'я' | 'ю') && before == Some('и');
            if let Some((_, to)) =
                self.finals.iter().find(|(from, _)| *from == last).filter(|_| !loan)
            {
                out.pop();
                out.push(*to);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        word: &str,
        end: usize,
        letters: usize,
        allowed: u16,
        stripped: usize,
        count: i32,
        best: &mut Best,
    ) {
        let stem = &word[..end];
        let mut node = 0usize;
        let mut taken = 0usize;
        for (start, c) in stem.char_indices().rev() {
            let Some(&(_, next)) = self.nodes[node].children.iter().find(|(k, _)| *k == c) else {
                return;
            };
            node = next as usize;
            taken += 1;
            for &index in &self.nodes[node].suffixes {
                let suffix = &self.suffixes[index as usize];
                if allowed & suffix.slot.bit() == 0
                    || (suffix.not_final && count == 0)
                    || (suffix.only_final && count > 0)
                {
                    continue;
                }
                let left = &word[..start];
                let left_letters = letters - taken;
                if !self.long_enough(suffix, left, left_letters) || !self.agrees(suffix, left) {
                    continue;
                }
                debug_assert_eq!(taken, suffix.letters);
                let stripped = stripped + taken;
                let count = count + 1;
                if suffix.after_verb {
                    // Only the analyses that go on with a verb form count.
                    let allowed = suffix.slot.left() & Slot::VERBAL;
                    self.search(word, start, left_letters, allowed, stripped, count, best);
                    continue;
                }
                if let Some(restore) = suffix.restore {
                    let key = (0, stripped, -count);
                    if key > best.key {
                        *best = Best {
                            end: start,
                            restore: Some(restore(left)),
                            root: None,
                            slot: Some(suffix.slot),
                            key,
                        };
                    }
                    continue;
                }
                if let Some(root) = self.protected_root(left) {
                    let key = (2, stripped, -count);
                    if key > best.key {
                        *best = Best {
                            end: start,
                            restore: None,
                            root: Some(root),
                            slot: Some(suffix.slot),
                            key,
                        };
                    }
                    continue;
                }
                let known = self.in_lexicon(left)
                    || (suffix.slot.verbal() && self.verb_roots.cv.contains(&left));
                if suffix.known_only && !known {
                    continue;
                }
                let key = (u8::from(known), stripped, -count);
                // Verb roots are short (`ал-`, `ет-`): the stricter length is for nouns.
                let possible = known
                    || ((left_letters >= self.min_unknown || suffix.slot.verbal())
                        && !self.banned(left)
                        && (!suffix.slot.verbal() || self.verb_stem_ok(left)));
                if possible && key > best.key {
                    *best = Best {
                        end: start,
                        restore: None,
                        root: None,
                        slot: Some(suffix.slot),
                        key,
                    };
                }
                // Past a stem of the lexicon only negation and voice go on: they make
                // no word of their own (`берил-` is the passive of `бер-`, `жазба-` the
                // negative of `жаз-`), however a lexicon lists them.
                let allowed = if known {
                    suffix.slot.left() & (Slot::Voice.bit() | Slot::Neg.bit())
                } else {
                    suffix.slot.left()
                };
                self.search(word, start, left_letters, allowed, stripped, count, best);
            }
        }
    }
}

/// The endings of a comma-separated left condition (`уу,үү|сY`), if the template has one.
fn left_ends(template: &'static str) -> Option<Box<[&'static str]>> {
    let (condition, _) = template.split_once('|')?;
    condition.contains(',').then(|| condition.split(',').collect())
}

fn union(a: Option<Box<[char]>>, b: Option<Box<[char]>>) -> Option<Box<[char]>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let mut v: Vec<char> = a.iter().chain(b.iter()).copied().collect();
            v.sort_unstable();
            v.dedup();
            Some(v.into_boxed_slice())
        }
        _ => None,
    }
}

/// Expands a template into `(surface, letters it may follow, stem vowels it agrees
/// with)`, one per harmony class and first-consonant surface.
fn expand(phonology: &Phonology, template: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let (condition, body) = match template.split_once('|') {
        Some((condition, body)) => (Some(condition), body),
        None => (None, template),
    };
    let condition = condition.map(|c| match c {
        "V" => phonology.vowels.to_owned(),
        "C" => format!("{}{}", phonology.voiced, phonology.voiceless),
        "*" => String::new(),
        // Endings: the letter right before the suffix is the last of one of them.
        ends if ends.contains(',') => ends.split(',').filter_map(|e| e.chars().last()).collect(),
        letters => letters.to_owned(),
    });
    let condition = condition.filter(|c| !c.is_empty());
    let mut out = Vec::new();
    for class in phonology.classes {
        // Partial surfaces: (text, left condition of the first letter).
        let mut partial: Vec<(String, Option<String>)> = vec![(String::new(), condition.clone())];
        let mut has_vowel = false;
        // Vowels after the first one follow the suffix's own previous vowel (Kyrgyz
        // `-дагы` after a rounded stem: `жолундагы`, not `-дагу`).
        let mut inner = class;
        for c in body.chars() {
            let mut next = Vec::new();
            let vowel = match c {
                'Y' => Some(inner.high),
                'A' => Some(inner.low),
                c if phonology.harmony_vowels.contains(c) => Some(c),
                _ => None,
            };
            for (text, left) in partial {
                let fixed = match c {
                    'Y' | 'A' => vowel,
                    'K' => Some(class.final_velar),
                    c if c.is_ascii_uppercase() => None,
                    c => Some(c),
                };
                if matches!(c, 'Y' | 'A') || phonology.harmony_vowels.contains(c) {
                    has_vowel = true;
                }
                match fixed {
                    Some(letter) => {
                        // A vowel-initial suffix follows a consonant unless told otherwise.
                        let left = if text.is_empty()
                            && left.is_none()
                            && phonology.harmony_vowels.contains(letter)
                        {
                            Some(format!("{}{}", phonology.voiced, phonology.voiceless))
                        } else {
                            left
                        };
                        next.push((format!("{text}{letter}"), left));
                    }
                    None => {
                        let surfaces = phonology.surfaces(c, class);
                        match text.chars().next_back() {
                            None => {
                                for (letter, after) in surfaces {
                                    let left = match &left {
                                        Some(cond) => Some(
                                            cond.chars().filter(|x| after.contains(*x)).collect(),
                                        ),
                                        None => Some(after),
                                    };
                                    next.push((letter.to_string(), left));
                                }
                            }
                            Some(previous) => {
                                let letter = surfaces
                                    .iter()
                                    .find(|(_, after)| after.contains(previous))
                                    .unwrap_or(&surfaces[0])
                                    .0;
                                next.push((format!("{text}{letter}"), left));
                            }
                        }
                    }
                }
            }
            partial = next;
            if let Some(v) = vowel {
                if let Some(follow) = phonology.classes.iter().find(|k| k.after.contains(v)) {
                    inner = follow;
                }
            }
        }
        let harmony = has_vowel.then(|| class.after.to_owned());
        for (text, left) in partial {
            if left.as_deref() == Some("") {
                continue; // a surface that no letter can precede
            }
            out.push((text, left, harmony.clone()));
        }
    }
    out
}

/// Checks a table of `(word, expected stem)` and returns the lines that fail.
#[cfg(test)]
pub(crate) fn check_table(stem: fn(&str) -> String, table: &[(&str, &str)]) -> Vec<String> {
    table
        .iter()
        .filter_map(|(word, expected)| {
            let got = stem(word);
            (got != *expected).then(|| format!("{word}: got {got}, expected {expected}"))
        })
        .collect()
}

/// Checks a lexicon file: a header naming its licence, then one lower-case Cyrillic
/// word a line, sorted, without repeats.
#[cfg(test)]
pub(crate) fn check_lexicon(text: &str) {
    assert!(text.starts_with('#') && text.contains("CC BY-SA"), "the header names the licence");
    let words: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(words.len() > 500, "the lexicon has {} words", words.len());
    for word in &words {
        assert!(
            word.chars().all(|c| crate::normalize::is_cyrillic(c) && !c.is_uppercase()),
            "{word:?} is not a lower-case Cyrillic word"
        );
    }
    assert!(words.windows(2).all(|w| w[0] < w[1]), "the lexicon is sorted, without repeats");
}
