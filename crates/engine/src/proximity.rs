//! Proximity: documents where the query's words stand close together rank higher.
//!
//! For every two words of the query (in the order typed and the other way round, since
//! Kazakh and Kyrgyz put words in an order a searcher does not keep), a sloppy phrase of
//! their terms is searched in the body field of the query's language (its stems, so that
//! a word typed in its dictionary form still meets its inflected neighbour; the root
//! fields keep no positions). Only the query's language:
//! a phrase reads positions, the costliest postings, and the other languages' fields
//! rarely hold the query's words side by side. These clauses are optional: they only add to the
//! score of documents that the words themselves already match, and never find a
//! document of their own. A pair rather than the whole query is the unit so that a
//! document holding two of three words side by side still gains.
//!
//! The slop is [`PROXIMITY_SLOP`] positions: about one short clause of news text.

use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::Term;
use zan_analysis::Language;

use crate::query::QueryAnalyzers;
use crate::schema::{language_slot, ZanSchema};

/// How many positions the words of a pair may stand apart (a transposition costs two).
pub const PROXIMITY_SLOP: u32 = 4;
/// Weight of the proximity clause against a word's own match.
pub const PROXIMITY_BOOST: f32 = 0.5;
/// Most query words paired (the first ones): pairs grow with the square of the words.
pub const MAX_PROXIMITY_WORDS: usize = 6;

/// The sloppy phrase of two words' terms in one field, or `None` when either word has no
/// term there.
fn pair_phrase(field: Field, first: &[String], second: &[String]) -> Option<Box<dyn Query>> {
    if first.is_empty() || second.is_empty() {
        return None;
    }
    let terms: Vec<(usize, Term)> = first
        .iter()
        .chain(second)
        .enumerate()
        .map(|(offset, term)| (offset, Term::from_field_text(field, term)))
        .collect();
    Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP)))
}

/// The terms of each word in one field kind: per field, the list of each word's terms.
struct FieldTerms {
    field: Field,
    words: Vec<Vec<String>>,
}

/// Builds the optional proximity clause of a query's words (the words as typed, stop
/// words already left out), or `None` with fewer than two words.
pub fn proximity_query(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    words: &[&str],
    language: Language,
) -> Option<Box<dyn Query>> {
    let words = &words[..words.len().min(MAX_PROXIMITY_WORDS)];
    if words.len() < 2 {
        return None;
    }
    let terms = words.iter().map(|word| analyzers.terms(language, word)).collect();
    // The body field only: the root fields keep no positions (they are a weaker match
    // by word family, and positions there cost index size and build time).
    let fields =
        [FieldTerms { field: schema.body_by_language[language_slot(language)], words: terms }];
    let mut pairs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for first in 0..words.len() {
        for second in first + 1..words.len() {
            // One pair counts once, in the field where it matches best.
            let disjuncts: Vec<Box<dyn Query>> = fields
                .iter()
                .flat_map(|field| {
                    let (a, b) = (&field.words[first], &field.words[second]);
                    pair_phrase(field.field, a, b).into_iter().chain(pair_phrase(field.field, b, a))
                })
                .collect();
            if !disjuncts.is_empty() {
                pairs.push((Occur::Should, Box::new(DisjunctionMaxQuery::new(disjuncts))));
            }
        }
    }
    if pairs.is_empty() {
        return None;
    }
    Some(Box::new(BoostQuery::new(Box::new(BooleanQuery::new(pairs)), PROXIMITY_BOOST)))
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;

    use super::*;
    use crate::test_support::{act, engine_of};
    use crate::SearchRequest;

    /// Two Kyrgyz acts with the same words: in the first, "жер" and "салык" stand side
    /// by side; in the second, shorter one (which BM25 alone prefers), far apart. A
    /// third has only one of them.
    fn acts() -> Vec<crate::IndexDocument> {
        vec![
            act(
                "ky/close.txt",
                "Токтом",
                "Шаардын кеңеши жер салыгын көбөйтүү жөнүндө маселени караган жана \
                 бюджеттин кирешесин эсептеп чыккан, андан кийин токтом кабыл алынды.",
                "Шаардык кеңеш",
                "1",
            ),
            act(
                "ky/apart.txt",
                "Токтом",
                "Жер тилкелерин бөлүштүрүү боюнча комиссия түзүлдү, мектептер курулат, \
                 ал эми салыктар өзгөрбөйт.",
                "Шаардык кеңеш",
                "2",
            ),
            act("ky/one.txt", "Токтом", "Салык комиссиясы иштей баштады.", "Шаардык кеңеш", "3"),
        ]
    }

    fn ids(engine: &crate::Engine, text: &str) -> Vec<String> {
        let results = engine.search(&SearchRequest::text(text)).unwrap();
        results.hits.into_iter().map(|hit| hit.id).collect()
    }

    #[test]
    fn test_words_side_by_side_rank_first_in_either_order() {
        let (_, engine) = engine_of(&acts());
        assert_eq!(ids(&engine, "жер салык")[0], "ky/close.txt");
        assert_eq!(ids(&engine, "салык жер")[0], "ky/close.txt");
        // Dictionary forms meet the inflected words ("салыгын", "салыктар").
        assert_eq!(ids(&engine, "салык жер")[1], "ky/apart.txt");
    }

    #[test]
    fn test_proximity_alone_finds_only_close_pairs() {
        let (index, _) = engine_of(&acts());
        let schema = index.schema();
        let mut analyzers = QueryAnalyzers::default();
        let query =
            proximity_query(schema, &mut analyzers, &["салык", "жер"], Language::Ky).unwrap();
        let searcher = index.tantivy().reader().unwrap().searcher();
        assert_eq!(searcher.search(&query, &Count).unwrap(), 1, "only ky/close.txt");
        // One word is not a pair.
        assert!(proximity_query(schema, &mut analyzers, &["салык"], Language::Ky).is_none());
        // A word with no term (punctuation) pairs with nothing.
        let query = proximity_query(schema, &mut analyzers, &["салык", "!!"], Language::Ky);
        assert!(query.is_none());
        // Another language's fields are not searched: Russian terms find no pair here.
        let query = proximity_query(schema, &mut analyzers, &["салык", "жер"], Language::Ru);
        let found = query.map_or(0, |query| searcher.search(&query, &Count).unwrap());
        assert_eq!(found, 0);
    }
}
