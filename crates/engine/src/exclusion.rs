//! Exclusions (`MustNot` clauses) that say only which documents they hold, stepped
//! safely.
//!
//! tantivy steps an exclusion with `DocSet::seek_danger`, which a phrase scorer answers
//! from a state that only further `seek_danger` calls may follow; inside a union of
//! fields that state is not kept, and a debug build then stops on an assertion
//! (`PhraseScorer::seek_danger`: target below the scorer's document) in a search whose
//! excluded words include a phrase or a hyphenated name. [`Excluded`] answers
//! `seek_danger` with plain seeks, which always leave a scorer on a true match. Its
//! scorers are built with scoring off (a `MustNot` clause's scores are never used, and
//! summing them over a union of a dozen fields was wasted work) and score 0.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use crate::combine::scoring_off;

/// A query used as an exclusion; see the module documentation.
#[derive(Debug)]
pub(crate) struct Excluded(Box<dyn Query>);

impl Excluded {
    /// Wraps the query a `MustNot` clause excludes.
    pub(crate) fn boxed(query: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(Excluded(query))
    }
}

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring_off(&enable_scoring))?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Forwards everything but `seek_danger`, which keeps the trait's seek-based default.
struct ExcludedScorer(Box<dyn Scorer>);

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    use super::*;

    #[test]
    fn test_an_excluded_phrase_leaves_out_exactly_its_documents() {
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Every document holds both words; every third holds them as the phrase.
        for n in 0..300 {
            let body = if n % 3 == 0 { "issyk kul lake" } else { "kul near issyk" };
            writer.add_document(doc!(text => body)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let phrase = PhraseQuery::new(vec![
            Term::from_field_text(text, "issyk"),
            Term::from_field_text(text, "kul"),
        ]);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, Excluded::boxed(Box::new(phrase))),
        ]);
        assert_eq!(searcher.search(&query, &Count).unwrap(), 200);
    }
}
