//! The legal glossary: the same concept in Russian, Kazakh and Kyrgyz
//! (`решение` / `шешім` / `чечим`, `земельный участок` / `жер учаскесі` /
//! `жер участогу`), for searching across the three languages.
//!
//! The glossary is `data/glossary.tsv`, written by the zan team and compiled into the
//! crate. Each of its terms is kept with the stems its language's analyzer gives
//! ([`language_analyzer`]), and a text is looked up by its own stems, so inflected forms
//! hit: `земельного участка` finds the entry of `земельный участок`. A lookup prefers
//! the longest term: `земельный участок` is one match, not `земля` and `участок`.
//!
//! ```
//! use zan_analysis::{Glossary, Language};
//!
//! let glossary = Glossary::builtin();
//! let equivalents = glossary.equivalents(Language::Ru, "выделение земельного участка");
//! assert!(equivalents.iter().any(|(language, term)| *language == Language::Kk && *term == "жер учаскесі"));
//! assert!(equivalents.iter().any(|(language, term)| *language == Language::Ky && *term == "жер участогу"));
//! ```

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use crate::registry::{analyze_with, language_analyzer};
use crate::Language;

/// The glossary's text, compiled in.
const GLOSSARY_TSV: &str = include_str!("../data/glossary.tsv");

/// The languages of the glossary, in the order of its columns.
pub const GLOSSARY_LANGUAGES: [Language; 3] = [Language::Ru, Language::Kk, Language::Ky];

/// Shortest Kazakh or Kyrgyz stem that may match a longer or shorter stem of the same
/// word (see [`stems_agree`]).
const LOOSE_STEM_MIN_CHARS: usize = 4;
/// Most letters two such stems may differ by at their end.
const LOOSE_STEM_MAX_EXTRA: usize = 2;

/// Letters of a stem that key the look-up table: short enough that stems which agree
/// loosely share a key.
const KEY_CHARS: usize = LOOSE_STEM_MIN_CHARS;

/// A term of the glossary in one language: its text as written and its stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryTerm {
    /// The term as written in the glossary (`жер учаскесі`).
    pub text: String,
    /// The terms its language's analyzer gives (`жер`, `учаске`).
    pub stems: Vec<String>,
}

/// One concept: its terms in each language (one or more synonyms, or none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GlossaryEntry {
    terms: [Vec<GlossaryTerm>; 3],
}

impl GlossaryEntry {
    /// Returns the terms of a language (empty for a language the glossary lacks).
    pub fn terms(&self, language: Language) -> &[GlossaryTerm] {
        column(language).map_or(&[], |slot| &self.terms[slot])
    }
}

/// Where a text met the glossary.
#[derive(Debug, Clone)]
pub struct GlossaryMatch<'g> {
    /// The language the text matched in.
    pub language: Language,
    /// Positions of the matched terms among the text's analysed terms.
    pub words: Range<usize>,
    /// The term that matched.
    pub term: &'g GlossaryTerm,
    /// Its entry.
    pub entry: &'g GlossaryEntry,
}

impl<'g> GlossaryMatch<'g> {
    /// Returns the entry's terms in the other languages.
    pub fn equivalents(&self) -> impl Iterator<Item = (Language, &'g GlossaryTerm)> + 'g {
        let source = self.language;
        let entry = self.entry;
        GLOSSARY_LANGUAGES.into_iter().filter(move |language| *language != source).flat_map(
            move |language| entry.terms(language).iter().map(move |term| (language, term)),
        )
    }
}

/// A line of the glossary that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryError {
    /// Line number from 1.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "glossary line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for GlossaryError {}

/// The glossary, ready for look-ups.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    /// Per language: the key of a term's first stem -> (entry, term) indices.
    by_key: [HashMap<String, Vec<(usize, usize)>>; 3],
}

fn column(language: Language) -> Option<usize> {
    GLOSSARY_LANGUAGES.iter().position(|candidate| *candidate == language.indexed())
}

fn key(stem: &str) -> String {
    stem.chars().take(KEY_CHARS).collect()
}

/// Returns true if a stem of a text and a stem of the glossary are one word. Russian
/// stems (lemmas) must be equal; a Kazakh or Kyrgyz stem may also be the other with up
/// to [`LOOSE_STEM_MAX_EXTRA`] letters more, which the stemmers sometimes leave of a
/// possessive ending (`қаулысы` → `қаулыс`, `қаулы` → `қаул`).
fn stems_agree(language: Language, text_stem: &str, glossary_stem: &str) -> bool {
    if text_stem == glossary_stem {
        return true;
    }
    if language == Language::Ru {
        return false;
    }
    let (short, long) = if text_stem.len() < glossary_stem.len() {
        (text_stem, glossary_stem)
    } else {
        (glossary_stem, text_stem)
    };
    let short_chars = short.chars().count();
    short_chars >= LOOSE_STEM_MIN_CHARS
        && long.starts_with(short)
        && long.chars().count() - short_chars <= LOOSE_STEM_MAX_EXTRA
        && !short.chars().chain(long.chars()).any(|c| c.is_ascii_digit())
}

impl Glossary {
    /// Returns the glossary compiled into zan, read on first use.
    pub fn builtin() -> &'static Glossary {
        static BUILTIN: OnceLock<Glossary> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Glossary::parse(GLOSSARY_TSV).expect("the bundled glossary is checked by its tests")
        })
    }

    /// Reads a glossary: `ru<TAB>kk<TAB>ky` lines, synonyms separated by `|`, `#`
    /// comments and blank lines skipped.
    pub fn parse(text: &str) -> Result<Glossary, GlossaryError> {
        let mut analyzers: [TextAnalyzer; 3] = GLOSSARY_LANGUAGES.map(language_analyzer);
        let mut glossary = Glossary::default();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() != GLOSSARY_LANGUAGES.len() {
                return Err(GlossaryError {
                    line: line_number,
                    reason: format!("{} columns instead of 3 (ru, kk, ky)", cells.len()),
                });
            }
            let mut entry = GlossaryEntry::default();
            for (slot, cell) in cells.iter().enumerate() {
                for synonym in cell.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                    let stems = analyze_with(&mut analyzers[slot], synonym);
                    if stems.is_empty() {
                        return Err(GlossaryError {
                            line: line_number,
                            reason: format!("{synonym:?} has no word left after analysis"),
                        });
                    }
                    entry.terms[slot].push(GlossaryTerm { text: synonym.to_owned(), stems });
                }
            }
            if entry.terms.iter().filter(|terms| !terms.is_empty()).count() < 2 {
                return Err(GlossaryError {
                    line: line_number,
                    reason: "a concept needs terms in at least two languages".to_owned(),
                });
            }
            let entry_index = glossary.entries.len();
            for (slot, terms) in entry.terms.iter().enumerate() {
                for (term_index, term) in terms.iter().enumerate() {
                    glossary.by_key[slot]
                        .entry(key(&term.stems[0]))
                        .or_default()
                        .push((entry_index, term_index));
                }
            }
            glossary.entries.push(entry);
        }
        Ok(glossary)
    }

    /// Returns the number of concepts.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Returns true if the glossary has no concept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns every concept.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// Finds the glossary terms in analysed terms of a language (what
    /// [`language_analyzer`] gives for a text), left to right, the longest term first;
    /// matches do not overlap. Several concepts that match the same words equally long
    /// are all returned.
    pub fn lookup_terms(&self, language: Language, stems: &[String]) -> Vec<GlossaryMatch<'_>> {
        let Some(slot) = column(language) else { return Vec::new() };
        let language = GLOSSARY_LANGUAGES[slot];
        let mut matches = Vec::new();
        let mut start = 0;
        while start < stems.len() {
            let candidates =
                self.by_key[slot].get(&key(&stems[start])).map_or(&[][..], Vec::as_slice);
            let mut longest = 0;
            let mut found: Vec<GlossaryMatch<'_>> = Vec::new();
            for &(entry_index, term_index) in candidates {
                let entry = &self.entries[entry_index];
                let term = &entry.terms[slot][term_index];
                let length = term.stems.len();
                let Some(window) = stems.get(start..start + length) else { continue };
                let agrees = window.iter().zip(&term.stems).all(|(text_stem, glossary_stem)| {
                    stems_agree(language, text_stem, glossary_stem)
                });
                if !agrees || length < longest {
                    continue;
                }
                if length > longest {
                    longest = length;
                    found.clear();
                }
                if !found.iter().any(|known| std::ptr::eq(known.entry, entry)) {
                    found.push(GlossaryMatch {
                        language,
                        words: start..start + length,
                        term,
                        entry,
                    });
                }
            }
            matches.extend(found);
            start += longest.max(1);
        }
        matches
    }

    /// Finds the glossary terms in a text of a language (see [`Glossary::lookup_terms`]).
    pub fn lookup(&self, language: Language, text: &str) -> Vec<GlossaryMatch<'_>> {
        if column(language).is_none() {
            return Vec::new();
        }
        let stems = analyze_with(&mut language_analyzer(language), text);
        self.lookup_terms(language, &stems)
    }

    /// Returns, for a text of a language, the terms of the concepts it names in the
    /// other languages, each once, in the order found.
    pub fn equivalents(&self, language: Language, text: &str) -> Vec<(Language, &str)> {
        let mut equivalents: Vec<(Language, &str)> = Vec::new();
        for found in self.lookup(language, text) {
            for (target, term) in found.equivalents() {
                if !equivalents.contains(&(target, term.text.as_str())) {
                    equivalents.push((target, term.text.as_str()));
                }
            }
        }
        equivalents
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(equivalents: &[(Language, &str)], language: Language, term: &str) -> bool {
        equivalents.contains(&(language, term))
    }

    #[test]
    fn test_builtin_glossary_reads_and_covers_the_kinds_of_act() {
        let glossary = Glossary::builtin();
        assert!(glossary.len() >= 300, "{} concepts", glossary.len());
        for (ru, kk, ky) in [
            ("решение", "шешім", "чечим"),
            ("постановление", "қаулы", "токтом"),
            ("распоряжение", "өкім", "тескеме"),
            ("указ", "жарлық", "жарлык"),
            ("приказ", "бұйрық", "буйрук"),
        ] {
            let equivalents = glossary.equivalents(Language::Ru, ru);
            assert!(has(&equivalents, Language::Kk, kk), "{ru}: {equivalents:?}");
            assert!(has(&equivalents, Language::Ky, ky), "{ru}: {equivalents:?}");
        }
    }

    #[test]
    fn test_inflected_forms_hit_in_each_language() {
        let glossary = Glossary::builtin();
        let ru = glossary.equivalents(Language::Ru, "о предоставлении земельных участков");
        assert!(has(&ru, Language::Kk, "жер учаскесі"), "{ru:?}");
        assert!(has(&ru, Language::Ky, "жер участогу"), "{ru:?}");
        let kk = glossary.equivalents(Language::Kk, "жер учаскелерін беру туралы");
        assert!(has(&kk, Language::Ru, "земельный участок"), "{kk:?}");
        assert!(has(&kk, Language::Ky, "жер участогу"), "{kk:?}");
        let ky = glossary.equivalents(Language::Ky, "жер участокторун ижарага берүү");
        assert!(has(&ky, Language::Ru, "земельный участок"), "{ky:?}");
        let kk = glossary.equivalents(Language::Kk, "әкімдіктің қаулысымен");
        assert!(has(&kk, Language::Ru, "постановление"), "{kk:?}");
        assert!(has(&kk, Language::Ru, "акимат"), "{kk:?}");
        let ky = glossary.equivalents(Language::Ky, "шаардык кеңештин чечими");
        assert!(has(&ky, Language::Ru, "городской совет"), "{ky:?}");
        assert!(has(&ky, Language::Kk, "шешім"), "{ky:?}");
    }

    #[test]
    fn test_longest_term_wins_over_its_words() {
        let glossary = Glossary::builtin();
        let matches = glossary.lookup(Language::Ru, "земельного участка");
        assert_eq!(matches.len(), 1, "{matches:?}");
        assert_eq!(matches[0].term.text, "земельный участок");
        assert_eq!(matches[0].words, 0..2);
        let equivalents = glossary.equivalents(Language::Ru, "капитальный ремонт школы");
        assert!(has(&equivalents, Language::Kk, "күрделі жөндеу"), "{equivalents:?}");
        assert!(!has(&equivalents, Language::Kk, "жөндеу"), "{equivalents:?}");
        assert!(has(&equivalents, Language::Kk, "мектеп"), "{equivalents:?}");
    }

    #[test]
    fn test_unrelated_text_and_other_languages_find_nothing() {
        let glossary = Glossary::builtin();
        assert!(glossary.lookup(Language::Ru, "неандертальцы пели песни").is_empty());
        assert!(glossary.lookup(Language::En, "school budget").is_empty());
        assert!(glossary.lookup(Language::Ru, "").is_empty());
    }

    #[test]
    fn test_loose_stems_only_for_turkic_words() {
        assert!(stems_agree(Language::Kk, "қаулыс", "қаул"));
        assert!(!stems_agree(Language::Ru, "решени", "решение"));
        assert!(!stems_agree(Language::Kk, "жол", "жолаушы"));
        assert!(!stems_agree(Language::Kk, "құрылыс", "құрылым"));
    }

    #[test]
    fn test_bad_lines_are_reported() {
        let error = Glossary::parse("# comment\n\nрешение\tшешім\n").unwrap_err();
        assert_eq!(error.line, 3);
        let error = Glossary::parse("решение\t\t\n").unwrap_err();
        assert_eq!(error.line, 1);
        let glossary = Glossary::parse("решение|решения\tшешім\t\n").expect("reads");
        assert_eq!(glossary.entries()[0].terms(Language::Ru).len(), 2);
        assert!(glossary.entries()[0].terms(Language::Ky).is_empty());
    }
}
