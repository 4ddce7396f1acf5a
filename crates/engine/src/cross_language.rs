//! Search across the three languages: the query's words that name a concept of the
//! legal [`Glossary`] also search its terms in the other languages, at a lower weight.
//!
//! The query's runs of words (the words between phrases and exclusions) and its
//! phrases are looked up in each language's column by their analysed stems, so that
//! `земельного участка` finds `земельный участок`, the longest term first. Each
//! concept found gives its terms in the other languages, analysed by their own
//! language's analyzer and searched (as phrases when they have several words) in that
//! language's title and body fields. A term the query already searches in that field
//! (the same word in two languages, such as `бюджет`) is left out.
//!
//! The equivalents only add acts, ranked after all the acts that the words as typed
//! find: those keep exactly their scores, so their ranking is the same with the
//! glossary and without, and the results in the query's own language are never pushed
//! down. An act that only the equivalents find scores [`CROSS_LANGUAGE_BOOST`] times its
//! match on them, less [`GLOSSARY_TIER_OFFSET`], which puts it below every act the
//! typed words find (BM25 scores are never negative); the search gives the offset back
//! when it reports scores (`lift_glossary_tier`).

use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query};
use zan_analysis::{Glossary, Language, GLOSSARY_LANGUAGES};

use crate::combine::{Join, Joined};
use crate::query::{field_query, Clause, ParsedQuery, QueryAnalyzers};
use crate::schema::{language_slot, ZanSchema};

/// Weight of a glossary equivalent against a match on the words as typed.
pub const CROSS_LANGUAGE_BOOST: f32 = 0.3;
/// Taken off the score of an act found only through the glossary, so that it ranks
/// after every act the typed words find: far above any weighted match on equivalents.
pub(crate) const GLOSSARY_TIER_OFFSET: f32 = 10_000.0;
/// Boost of a title match over a body match (as for the words as typed).
const TITLE_BOOST: f32 = 2.0;

/// The texts the glossary is looked up in: each run of positive words, and each phrase.
fn query_runs(parsed: &ParsedQuery) -> Vec<String> {
    let mut runs = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for clause in &parsed.clauses {
        match clause {
            Clause::Word(word) => words.push(word),
            Clause::Phrase(phrase) => {
                runs.push(words.join(" "));
                words.clear();
                runs.push(phrase.clone());
            }
            Clause::Exclude(_) => {
                runs.push(words.join(" "));
                words.clear();
            }
        }
    }
    runs.push(words.join(" "));
    runs.retain(|run| !run.trim().is_empty());
    runs
}

/// Returns true if `needle` occurs as a contiguous part of `haystack`.
fn contains_sequence(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

/// The glossary equivalents of a query: per concept found, its terms in the other
/// languages, each as (language, analysed terms), leaving out what the query already
/// searches.
pub(crate) fn equivalents(
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
) -> Vec<Vec<(Language, Vec<String>)>> {
    let glossary = Glossary::builtin();
    let mut concepts: Vec<Vec<(Language, Vec<String>)>> = Vec::new();
    let mut seen: Vec<(Language, Vec<String>)> = Vec::new();
    for run in query_runs(parsed) {
        let run_terms = GLOSSARY_LANGUAGES.map(|language| analyzers.terms(language, &run));
        for (source, stems) in GLOSSARY_LANGUAGES.into_iter().zip(&run_terms) {
            for found in glossary.lookup_terms(source, stems) {
                let mut concept = Vec::new();
                for (target, term) in found.equivalents() {
                    let terms = analyzers.terms(target, &term.text);
                    let slot = GLOSSARY_LANGUAGES.iter().position(|l| *l == target);
                    let already_searched =
                        slot.is_some_and(|slot| contains_sequence(&run_terms[slot], &terms));
                    let key = (target, terms);
                    if key.1.is_empty() || already_searched || seen.contains(&key) {
                        continue;
                    }
                    seen.push(key.clone());
                    concept.push(key);
                }
                if !concept.is_empty() {
                    concepts.push(concept);
                }
            }
        }
    }
    concepts
}

/// The clauses that search a query's glossary equivalents, one per concept.
fn glossary_clauses(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
) -> Vec<(Occur, Box<dyn Query>)> {
    equivalents(analyzers, parsed)
        .into_iter()
        .filter_map(|concept| {
            let mut disjuncts: Vec<Box<dyn Query>> = Vec::new();
            for (language, terms) in &concept {
                let slot = language_slot(*language);
                disjuncts.extend(field_query(schema.body_by_language[slot], terms, 1.0));
                disjuncts.extend(field_query(schema.title_by_language[slot], terms, TITLE_BOOST));
            }
            (!disjuncts.is_empty()).then(|| {
                (Occur::Should, Box::new(DisjunctionMaxQuery::new(disjuncts)) as Box<dyn Query>)
            })
        })
        .collect()
}

/// The query of a query's glossary equivalents, scored [`CROSS_LANGUAGE_BOOST`] times
/// their match; `None` when the analyzers have cross-language search off or the query
/// names no glossary concept.
pub(crate) fn equivalents_query(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
) -> Option<Box<dyn Query>> {
    if !analyzers.cross_language() {
        return None;
    }
    let glossary = glossary_clauses(schema, analyzers, parsed);
    if glossary.is_empty() {
        return None;
    }
    Some(Box::new(BoostQuery::new(Box::new(BooleanQuery::new(glossary)), CROSS_LANGUAGE_BOOST)))
}

/// The acts the words as typed find (`typed`), with their scores, then the acts that
/// only the glossary equivalents find, scored their match on the equivalents less
/// [`GLOSSARY_TIER_OFFSET`].
pub(crate) fn glossary_tier(typed: Box<dyn Query>, equivalents: Box<dyn Query>) -> Box<dyn Query> {
    Joined::boxed(typed, equivalents, Join::Tier { offset: GLOSSARY_TIER_OFFSET })
}

/// The words of a query's glossary equivalents, for marking in snippets.
pub(crate) fn equivalent_texts(parsed: &ParsedQuery) -> Vec<String> {
    let glossary = Glossary::builtin();
    let mut texts = Vec::new();
    for run in query_runs(parsed) {
        for source in GLOSSARY_LANGUAGES {
            for (_, term) in glossary.equivalents(source, &run) {
                if !texts.iter().any(|known: &String| known == term) {
                    texts.push(term.to_owned());
                }
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse_query;

    #[test]
    fn test_runs_split_at_phrases_and_exclusions() {
        let parsed = parse_query(r#"земельного участка "городской совет" -аренда мэрия"#);
        assert_eq!(query_runs(&parsed), ["земельного участка", "городской совет", "мэрия"]);
    }

    #[test]
    fn test_equivalents_leave_out_what_the_query_searches() {
        let mut analyzers = QueryAnalyzers::default();
        let concepts = equivalents(&mut analyzers, &parse_query("бюджет мэрии"));
        let kk: Vec<&Vec<String>> = concepts
            .iter()
            .flatten()
            .filter(|(language, _)| *language == Language::Kk)
            .map(|(_, terms)| terms)
            .collect();
        assert!(kk.contains(&&vec!["әкімдік".to_owned()]), "{concepts:?}");
        assert!(!kk.contains(&&vec!["бюджет".to_owned()]), "{concepts:?}");
    }

    #[test]
    fn test_nothing_added_when_turned_off_or_nothing_found() {
        let schema = ZanSchema::new();
        for (cross_language, text, added) in
            [(false, "мэрия", false), (true, "неандерталец", false), (true, "мэрия", true)]
        {
            let mut analyzers = QueryAnalyzers::new(cross_language);
            let query = equivalents_query(&schema, &mut analyzers, &parse_query(text));
            assert_eq!(query.is_some(), added, "{cross_language} {text}");
        }
    }
}
