//! Two ways of joining queries in one pass over their documents, where tantivy's
//! boolean query would walk one of them twice.
//!
//! - [`Join::Tier`]: the documents of a first query with its scores, then those only a
//!   second query finds, below them (the glossary tier of cross-language search). As a
//!   boolean query this was "first, or second and not first": the first query's union
//!   of a dozen fields walked once to score and once more to exclude, a quarter of a
//!   slow search at a million acts.
//! - [`Join::Favour`]: a query's scores, raised by a factor for the documents of a filter
//!   (the acts in the interface language, for a query of an ambiguous language). As a
//!   boolean query this was "query, plus query and filter": the query walked twice.
//!
//! Both match exactly the documents of their boolean forms and score them the same, up
//! to the rounding of a float sum.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The same searcher or schema, with scoring off: for a query that only says which
/// documents it holds.
pub(crate) fn scoring_off<'a>(enable_scoring: &'a EnableScoring<'a>) -> EnableScoring<'a> {
    match enable_scoring.searcher() {
        Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
        None => EnableScoring::disabled_from_schema(enable_scoring.schema()),
    }
}

/// How a [`Joined`] query joins its two queries.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Join {
    /// The documents the first finds, with its scores, then the documents only the
    /// second finds, scored the second's score less `offset`.
    Tier { offset: Score },
    /// The first's documents and scores, the scores times `factor` for the documents
    /// that the second (a filter) holds too.
    Favour { factor: Score },
}

/// Two queries walked in one pass (see the module documentation).
#[derive(Debug)]
pub(crate) struct Joined {
    first: Box<dyn Query>,
    second: Box<dyn Query>,
    join: Join,
}

impl Joined {
    /// `first` and `second`, joined as `join` says.
    pub(crate) fn boxed(
        first: Box<dyn Query>,
        second: Box<dyn Query>,
        join: Join,
    ) -> Box<dyn Query> {
        Box::new(Joined { first, second, join })
    }
}

impl Clone for Joined {
    fn clone(&self) -> Self {
        Joined { first: self.first.box_clone(), second: self.second.box_clone(), ..*self }
    }
}

impl Query for Joined {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let second_scoring = match self.join {
            Join::Tier { .. } => enable_scoring,
            Join::Favour { .. } => scoring_off(&enable_scoring),
        };
        Ok(Box::new(JoinedWeight {
            first: self.first.weight(enable_scoring)?,
            second: self.second.weight(second_scoring)?,
            join: self.join,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.first.query_terms(visitor);
        if let Join::Tier { .. } = self.join {
            self.second.query_terms(visitor);
        }
    }
}

struct JoinedWeight {
    first: Box<dyn Weight>,
    second: Box<dyn Weight>,
    join: Join,
}

impl Weight for JoinedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let first = self.first.scorer(reader, boost)?;
        Ok(match self.join {
            Join::Tier { offset } => {
                let second = self.second.scorer(reader, boost)?;
                let doc = first.doc().min(second.doc());
                Box::new(TieredScorer { first, second, offset: offset * boost, doc })
            }
            Join::Favour { factor } => {
                let filter = self.second.scorer(reader, 1.0)?;
                Box::new(FavouredScorer { query: first, filter, factor })
            }
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let first = self.first.explain(reader, doc);
        let (explanation, detail) = match (self.join, first) {
            (Join::Tier { offset }, Err(_)) => {
                let second = self.second.explain(reader, doc)?;
                (Explanation::new("second tier", second.value() - offset), second)
            }
            (Join::Favour { factor }, Ok(first)) => {
                if self.second.scorer(reader, 1.0)?.seek(doc) != doc {
                    return Ok(first);
                }
                (Explanation::new("favoured", first.value() * factor), first)
            }
            (_, first) => return first,
        };
        let mut explanation = explanation;
        explanation.add_detail(detail);
        Ok(explanation)
    }
}

/// Walks both scorers side by side; the current document is the lower of theirs.
struct TieredScorer {
    first: Box<dyn Scorer>,
    second: Box<dyn Scorer>,
    offset: Score,
    doc: DocId,
}

impl TieredScorer {
    fn settle(&mut self) -> DocId {
        self.doc = self.first.doc().min(self.second.doc());
        self.doc
    }
}

impl DocSet for TieredScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.first.doc() == self.doc {
            self.first.advance();
        }
        if self.second.doc() == self.doc {
            self.second.advance();
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if self.first.doc() < target {
            self.first.seek(target);
        }
        if self.second.doc() < target {
            self.second.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.first.size_hint().saturating_add(self.second.size_hint())
    }
}

impl Scorer for TieredScorer {
    fn score(&mut self) -> Score {
        if self.first.doc() == self.doc {
            self.first.score()
        } else {
            self.second.score() - self.offset
        }
    }
}

/// The query's scorer, with the filter sought forward to each document scored.
struct FavouredScorer {
    query: Box<dyn Scorer>,
    filter: Box<dyn Scorer>,
    factor: Score,
}

impl DocSet for FavouredScorer {
    fn advance(&mut self) -> DocId {
        self.query.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.query.seek(target)
    }

    fn doc(&self) -> DocId {
        self.query.doc()
    }

    fn size_hint(&self) -> u32 {
        self.query.size_hint()
    }
}

impl Scorer for FavouredScorer {
    fn score(&mut self) -> Score {
        let doc = self.query.doc();
        let score = self.query.score();
        if self.filter.doc() < doc {
            self.filter.seek(doc);
        }
        if self.filter.doc() == doc {
            score * self.factor
        } else {
            score
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{
        AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, QueryParser, TermQuery,
    };
    use tantivy::schema::{IndexRecordOption, Schema, STRING, TEXT};
    use tantivy::{doc, DocAddress, Index, Searcher};

    use super::*;

    /// Scores by document of a query, in document order.
    fn scores(searcher: &Searcher, query: &dyn Query) -> Vec<(u32, Score)> {
        let mut found: Vec<(u32, Score)> = searcher
            .search(query, &TopDocs::with_limit(1000).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address): (Score, DocAddress)| (address.doc_id, score))
            .collect();
        found.sort_by_key(|(doc, _)| *doc);
        found
    }

    fn assert_same(ours: &[(u32, Score)], boolean: &[(u32, Score)]) {
        assert_eq!(ours.len(), boolean.len(), "{ours:?}\n{boolean:?}");
        for ((doc, score), (other_doc, other_score)) in ours.iter().zip(boolean) {
            assert_eq!(doc, other_doc);
            assert!((score - other_score).abs() < 1e-3 * other_score.abs().max(1.0), "{doc}");
        }
    }

    /// Forty documents: "river" in every second, "lake" in every third, "kk" for every
    /// fifth.
    fn index() -> (Searcher, QueryParser, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let text = builder.add_text_field("text", TEXT);
        let lang = builder.add_text_field("lang", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..40 {
            let mut body = String::from("the");
            if n % 2 == 0 {
                body.push_str(" river river");
            }
            if n % 3 == 0 {
                body.push_str(" lake");
            }
            let code = if n % 5 == 0 { "kk" } else { "ru" };
            writer.add_document(doc!(text => body, lang => code)).unwrap();
        }
        writer.commit().unwrap();
        let parser = QueryParser::for_index(&index, vec![text]);
        (index.reader().unwrap().searcher(), parser, lang)
    }

    #[test]
    fn test_tiered_scores_as_its_boolean_form() {
        let (searcher, parser, _) = index();
        let first = parser.parse_query("river").unwrap();
        let second = parser.parse_query("lake").unwrap();
        let boolean = BooleanQuery::new(vec![
            (Occur::Should, first.box_clone()),
            (
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, second.box_clone()),
                    (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), -100.0))),
                    (Occur::MustNot, first.box_clone()),
                ])),
            ),
        ]);
        let ours =
            scores(&searcher, Joined::boxed(first, second, Join::Tier { offset: 100.0 }).as_ref());
        // 20 with "river", and 7 of the 14 with "lake" that have no "river".
        assert_eq!(ours.len(), 27);
        assert!(ours.iter().filter(|(_, score)| *score < 0.0).count() == 7);
        assert_same(&ours, &scores(&searcher, &boolean));
    }

    #[test]
    fn test_favoured_scores_as_its_boolean_form() {
        let (searcher, parser, lang) = index();
        let query = parser.parse_query("river lake").unwrap();
        let filter: Box<dyn Query> =
            Box::new(TermQuery::new(Term::from_field_text(lang, "kk"), IndexRecordOption::Basic));
        let in_language = Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0));
        let extra = BoostQuery::new(
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (Occur::Must, in_language),
            ])),
            0.5,
        );
        let boolean = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Should, Box::new(extra)),
        ]);
        let ours =
            scores(&searcher, Joined::boxed(query, filter, Join::Favour { factor: 1.5 }).as_ref());
        assert_eq!(ours.len(), 27);
        assert_same(&ours, &scores(&searcher, &boolean));
        // The factor is applied: document 0 (kk) scores 1.5 times document 6 (ru), which
        // holds the same words.
        let of = |doc: u32| ours.iter().find(|(d, _)| *d == doc).unwrap().1;
        assert!((of(0) - 1.5 * of(6)).abs() < 1e-4);
    }
}
