//! The term statistics of one search, looked up once.
//!
//! A search asks for a term's document frequency several times: to decide whether the
//! word is common enough to leave its weaker matches out (see
//! [`crate::query::COMMON_WORD_DOCS`]), to leave out terms no document holds, and for
//! the BM25 weight of every collection it runs (the ranked one, the counts of facets
//! under their own filters, a fallback). Each look-up walks the term dictionary of
//! every segment; [`TermStatistics`] remembers the answers for the searcher it was made
//! for, so the ranking is the same as with the searcher's own statistics.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// A searcher's BM25 statistics, each looked up once.
pub struct TermStatistics {
    searcher: Searcher,
    doc_freqs: Mutex<HashMap<Term, u64>>,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl TermStatistics {
    /// Remembers the statistics of `searcher`.
    pub fn new(searcher: &Searcher) -> Self {
        TermStatistics {
            searcher: searcher.clone(),
            doc_freqs: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
        }
    }

    /// The searcher whose statistics these are.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The number of documents holding `text` in `field`.
    pub fn doc_freq_of(&self, field: Field, text: &str) -> tantivy::Result<u64> {
        self.doc_freq(&Term::from_field_text(field, text))
    }
}

impl Bm25StatisticsProvider for TermStatistics {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = tokens.get(&field) {
            return Ok(known);
        }
        let total = self.searcher.total_num_tokens(field)?;
        tokens.insert(field, total);
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.searcher.num_docs())
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let mut doc_freqs = self.doc_freqs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = doc_freqs.get(term) {
            return Ok(known);
        }
        let frequency = self.searcher.doc_freq(term)?;
        doc_freqs.insert(term.clone(), frequency);
        Ok(frequency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{city_acts, engine_of};

    #[test]
    fn test_statistics_are_the_searchers() {
        let (_, engine) = engine_of(&city_acts());
        let searcher = engine.searcher();
        let statistics = TermStatistics::new(&searcher);
        let schema = engine.schema();
        for field in [schema.folded, schema.body_by_language[0], schema.title] {
            for word in ["бюджет", "город", "нет-такого-слова"] {
                let term = Term::from_field_text(field, word);
                let expected = searcher.doc_freq(&term).unwrap();
                // Asked twice: the second answer is the remembered one.
                assert_eq!(statistics.doc_freq(&term).unwrap(), expected);
                assert_eq!(statistics.doc_freq(&term).unwrap(), expected);
                assert_eq!(statistics.doc_freq_of(field, word).unwrap(), expected);
            }
            let tokens = searcher.total_num_tokens(field).unwrap();
            assert_eq!(statistics.total_num_tokens(field).unwrap(), tokens);
            assert_eq!(statistics.total_num_tokens(field).unwrap(), tokens);
        }
        assert_eq!(statistics.total_num_docs().unwrap(), searcher.num_docs());
        assert!(statistics.doc_freq_of(schema.folded, "бюджет").unwrap() > 0);
    }
}
