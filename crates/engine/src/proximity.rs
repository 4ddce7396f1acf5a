//! Proximity: documents where the query's words stand close together rank higher.
//!
//! For every two words of the query, in either order (Kazakh and Kyrgyz put words in an
//! order a searcher does not keep), the occurrences of one within [`PROXIMITY_SLOP`]
//! positions of the other are counted in the body field of the query's language (its
//! stems, so that a word typed in its dictionary form still meets its inflected
//! neighbour; the root fields keep no positions). Only the query's language: positions
//! are the costliest postings, and the other languages' fields rarely hold the query's
//! words side by side. A pair rather than the whole query is the unit so that a
//! document holding two of three words side by side still gains.
//!
//! Proximity never finds an act and is not part of the query that finds and counts
//! them: it is scored for the best [`PROXIMITY_WINDOW`] acts only
//! ([`Proximity::scores`]), which are then ordered again. As sloppy phrases over every
//! match of two common words it was most of a slow search's time (at a million acts,
//! p99 300 → 67 ms), and an act beyond the best hundred by its words rarely reaches the
//! first page by their closeness alone.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};
use zan_analysis::Language;

use crate::query::QueryAnalyzers;
use crate::schema::{language_slot, root_slot, ZanSchema};

/// How many positions may stand between the words of a pair, in either order.
pub const PROXIMITY_SLOP: u32 = 4;
/// Weight of the proximity of a pair against a word's own match.
pub const PROXIMITY_BOOST: f32 = 0.5;
/// Most query words paired (the first ones): pairs grow with the square of the words.
pub const MAX_PROXIMITY_WORDS: usize = 6;
/// The gain of an act that holds every word of the query (less for a share of them),
/// as a fraction of its score: `score × (1 + COORDINATION × share)`. A short act that
/// repeats one word of two in its title must not outrank the act that holds both (the
/// decision of a youth council before the city budget for "бюджет города"). A share
/// of the score, so the gain is neutral to length, unlike another BM25 term; small,
/// since an answer to a long question need not hold every word of it (0.5 cost the
/// KazQAD dev set 0.012 of nDCG@10, 0.25 nothing).
pub const COORDINATION: f32 = 0.25;
/// How many of the best acts by their words' match are ordered again with proximity.
/// The same for every page of one search, so paging walks through one ranking.
pub const PROXIMITY_WINDOW: usize = 100;

/// The words of a query in the body field of its language, each as the terms it is
/// analysed into (a hyphenated name is two terms side by side).
#[derive(Debug, Clone)]
pub struct Proximity {
    field: Field,
    words: Vec<Vec<Term>>,
    /// Per word, its terms in the other fields of the language that say it is there:
    /// the title, and the root field (its word family).
    elsewhere: Vec<Vec<Vec<Term>>>,
}

/// What the window's acts gain: per act, the proximity score and the share of the
/// query's words the act holds.
#[derive(Debug, Default)]
pub(crate) struct WindowScores {
    /// Proximity score, 0 where no two words stand close.
    pub(crate) proximity: Vec<Score>,
    /// The share of the words found, from 0 to 1.
    pub(crate) coverage: Vec<f32>,
}

impl WindowScores {
    /// The new score of the `i`-th document scored, whose score was `score`: the
    /// proximity added, then the coordination factor applied.
    pub(crate) fn rescored(&self, i: usize, score: Score) -> Score {
        (score + self.proximity[i]) * (1.0 + COORDINATION * self.coverage[i])
    }
}

/// One word's postings in one segment, positioned at the document being scored.
struct WordPostings {
    terms: Vec<SegmentPostings>,
}

impl WordPostings {
    /// The postings of a word's terms in one segment, `None` if one of them is not there.
    fn open(
        segment: &SegmentReader,
        terms: &[Term],
        record: IndexRecordOption,
    ) -> tantivy::Result<Option<WordPostings>> {
        let Some(first) = terms.first() else { return Ok(None) };
        let inverted = segment.inverted_index(first.field())?;
        let mut postings = Vec::with_capacity(terms.len());
        for term in terms {
            match inverted.read_postings(term, record)? {
                Some(found) => postings.push(found),
                None => return Ok(None),
            }
        }
        Ok(Some(WordPostings { terms: postings }))
    }

    /// True if `doc` holds every term of the word.
    fn holds(&mut self, doc: DocId) -> bool {
        self.terms.iter_mut().all(|postings| {
            if postings.doc() < doc {
                postings.seek(doc);
            }
            postings.doc() == doc
        })
    }

    /// The positions where the word starts in `doc` (its terms in order, side by side),
    /// empty when the document does not hold it.
    fn starts(&mut self, doc: DocId, scratch: &mut Vec<u32>) -> Vec<u32> {
        let mut starts = Vec::new();
        for (offset, postings) in self.terms.iter_mut().enumerate() {
            if postings.doc() < doc {
                postings.seek(doc);
            }
            if postings.doc() != doc {
                return Vec::new();
            }
            scratch.clear();
            postings.positions(scratch);
            if offset == 0 {
                starts.extend_from_slice(scratch);
            } else {
                let offset = offset as u32;
                starts.retain(|start| scratch.binary_search(&(start + offset)).is_ok());
            }
        }
        starts
    }
}

/// How many times word `a` (of `a_len` terms) stands within [`PROXIMITY_SLOP`]
/// positions of word `b` (of `b_len` terms), before or after it. Both lists are sorted.
fn close_occurrences(a: &[u32], a_len: u32, b: &[u32], b_len: u32) -> u32 {
    let mut close = 0;
    for &start in a {
        let end = start + a_len;
        // The first `b` that does not end before the window opens.
        let from = b.partition_point(|&other| other + b_len + PROXIMITY_SLOP < start);
        let near = b[from..]
            .iter()
            .take_while(|&&other| other <= end + PROXIMITY_SLOP)
            .any(|&other| other >= end || other + b_len <= start);
        close += u32::from(near);
    }
    close
}

impl Proximity {
    /// The proximity of a query's words (the words as typed, stop words already left
    /// out), or `None` with fewer than two words that have terms.
    pub fn new(
        schema: &ZanSchema,
        analyzers: &mut QueryAnalyzers,
        words: &[&str],
        language: Language,
    ) -> Option<Proximity> {
        // The body field only: the root fields keep no positions.
        let field = schema.body_by_language[language_slot(language)];
        let slot = language_slot(language);
        let title = schema.title_by_language[slot];
        let root = root_slot(language).map(|root| schema.root_by_language[root]);
        let in_field = |field: Field, terms: &[String]| -> Vec<Term> {
            terms.iter().map(|term| Term::from_field_text(field, term)).collect()
        };
        let mut kept = Vec::new();
        let mut elsewhere = Vec::new();
        for word in words.iter().take(MAX_PROXIMITY_WORDS) {
            let terms = analyzers.terms(language, word);
            if terms.is_empty() {
                continue;
            }
            let mut other = vec![in_field(title, &terms)];
            if let Some(root) = root {
                other.push(in_field(root, &analyzers.root_terms(language, word)));
            }
            other.retain(|terms| !terms.is_empty());
            kept.push(in_field(field, &terms));
            elsewhere.push(other);
        }
        (kept.len() >= 2).then_some(Proximity { field, words: kept, elsewhere })
    }

    /// The proximity score and the share of the words found, for each of `addresses`,
    /// in the order given. Proximity: for each pair of words, BM25 of how often they
    /// stand close, weighted like a phrase of their terms. A word is found when the body,
    /// the title or the root field of the language holds it.
    pub(crate) fn scores(
        &self,
        searcher: &Searcher,
        addresses: &[DocAddress],
    ) -> tantivy::Result<WindowScores> {
        let mut scores = WindowScores {
            proximity: vec![0.0; addresses.len()],
            coverage: vec![0.0; addresses.len()],
        };
        let mut pairs = Vec::new();
        for first in 0..self.words.len() {
            for second in first + 1..self.words.len() {
                let terms: Vec<Term> =
                    self.words[first].iter().chain(&self.words[second]).cloned().collect();
                let weight = Bm25Weight::for_terms(searcher, &terms)?;
                pairs.push((first, second, weight));
            }
        }
        let mut order: Vec<usize> = (0..addresses.len()).collect();
        order.sort_unstable_by_key(|&i| (addresses[i].segment_ord, addresses[i].doc_id));
        let mut scratch = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let segment_ord = addresses[order[start]].segment_ord;
            let end = order[start..]
                .iter()
                .position(|&i| addresses[i].segment_ord != segment_ord)
                .map_or(order.len(), |length| start + length);
            let segment = searcher.segment_reader(segment_ord);
            let norms = segment.get_fieldnorms_reader(self.field)?;
            let positions = IndexRecordOption::WithFreqsAndPositions;
            let mut words: Vec<Option<WordPostings>> = self
                .words
                .iter()
                .map(|terms| WordPostings::open(segment, terms, positions))
                .collect::<tantivy::Result<_>>()?;
            let mut elsewhere: Vec<Vec<WordPostings>> = Vec::with_capacity(self.words.len());
            for fields in &self.elsewhere {
                let mut found = Vec::new();
                for terms in fields {
                    found.extend(WordPostings::open(segment, terms, IndexRecordOption::Basic)?);
                }
                elsewhere.push(found);
            }
            for &i in &order[start..end] {
                let doc = addresses[i].doc_id;
                let starts: Vec<Vec<u32>> = words
                    .iter_mut()
                    .map(|word| {
                        word.as_mut().map_or_else(Vec::new, |word| word.starts(doc, &mut scratch))
                    })
                    .collect();
                let mut found = 0;
                for (starts, other) in starts.iter().zip(elsewhere.iter_mut()) {
                    if !starts.is_empty() || other.iter_mut().any(|word| word.holds(doc)) {
                        found += 1;
                    }
                }
                scores.coverage[i] = found as f32 / self.words.len() as f32;
                let norm = norms.fieldnorm_id(doc);
                for (first, second, weight) in &pairs {
                    let (a, b) = (&starts[*first], &starts[*second]);
                    if a.is_empty() || b.is_empty() {
                        continue;
                    }
                    let a_len = self.words[*first].len() as u32;
                    let b_len = self.words[*second].len() as u32;
                    let close = close_occurrences(a, a_len, b, b_len);
                    if close > 0 {
                        scores.proximity[i] += PROXIMITY_BOOST * weight.score(norm, close);
                    }
                }
            }
            start = end;
        }
        Ok(scores)
    }
}

#[cfg(test)]
mod tests {
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

    /// The proximity score of every stored document, by id.
    fn scores_by_id(
        index: &crate::ZanIndex,
        proximity: &Proximity,
    ) -> std::collections::BTreeMap<String, Score> {
        let searcher = index.tantivy().reader().unwrap().searcher();
        let addresses: Vec<DocAddress> = (0..searcher.segment_readers().len() as u32)
            .flat_map(|segment| {
                let max_doc = searcher.segment_reader(segment).max_doc();
                (0..max_doc).map(move |doc| DocAddress::new(segment, doc))
            })
            .collect();
        let scores = proximity.scores(&searcher, &addresses).unwrap().proximity;
        addresses
            .iter()
            .zip(scores)
            .map(|(address, score)| {
                let document: tantivy::TantivyDocument = searcher.doc(*address).unwrap();
                (crate::StoredDocument::from_tantivy(&document, index.schema()).id, score)
            })
            .collect()
    }

    #[test]
    fn test_proximity_alone_scores_only_close_pairs() {
        let (index, _) = engine_of(&acts());
        let schema = index.schema();
        let mut analyzers = QueryAnalyzers::default();
        for words in [["салык", "жер"], ["жер", "салык"]] {
            let proximity = Proximity::new(schema, &mut analyzers, &words, Language::Ky).unwrap();
            let scores = scores_by_id(&index, &proximity);
            assert!(scores["ky/close.txt"] > 0.0, "{words:?}: {scores:?}");
            assert_eq!(scores["ky/apart.txt"], 0.0, "{words:?}: {scores:?}");
            assert_eq!(scores["ky/one.txt"], 0.0, "{words:?}: {scores:?}");
        }
        // One word is not a pair.
        assert!(Proximity::new(schema, &mut analyzers, &["салык"], Language::Ky).is_none());
        // A word with no term (punctuation) pairs with nothing.
        assert!(Proximity::new(schema, &mut analyzers, &["салык", "!!"], Language::Ky).is_none());
        // Another language's fields are not searched: Russian terms find no pair here.
        let proximity = Proximity::new(schema, &mut analyzers, &["салык", "жер"], Language::Ru);
        let scores = proximity.map(|proximity| scores_by_id(&index, &proximity));
        assert!(scores.is_none_or(|scores| scores.values().all(|score| *score == 0.0)));
    }

    #[test]
    fn test_an_act_with_every_word_outranks_a_short_one_repeating_one() {
        // The short act says "города" in its title, text and issuer, never "бюджет";
        // BM25 alone puts it first, the coordination gain puts the budget first.
        let youth = act(
            "ru/youth.txt",
            "О совете молодёжи города",
            "Совет города решил создать совет молодёжи.",
            "Совет города",
            "1",
        );
        let others = [
            ("ru/roads.txt", "О ремонте дорог", "Отремонтировать дороги района к осени."),
            ("ru/school.txt", "О школах", "Открыть две школы в новом районе."),
            ("ru/parks.txt", "О парках", "Посадить деревья вдоль набережной."),
        ]
        .map(|(id, title, text)| act(id, title, text, "Акимат района", "3"));
        let budget = act(
            "ru/budget.txt",
            "Об исполнении плана доходов и расходов",
            "Городской совет рассмотрел отчёт комиссии по экономике и финансам и решил \
             утвердить исполнение бюджета города за год. Доходы бюджета составили сумму, \
             указанную в приложении; расходы на благоустройство улиц выросли \
             по сравнению с прошлым годом, о чём сказано в пояснительной записке.",
            "Совет города",
            "2",
        );
        let mut acts = vec![youth, budget];
        acts.extend(others);
        let (_, engine) = engine_of(&acts);
        assert_eq!(ids(&engine, "бюджет города")[..2], ["ru/budget.txt", "ru/youth.txt"]);
    }

    #[test]
    fn test_close_occurrences_count_either_order_within_the_slop() {
        // "a" at 10; "b" (one term) at 12 stands close after it, at 3 close before it.
        assert_eq!(close_occurrences(&[10], 1, &[12], 1), 1);
        assert_eq!(close_occurrences(&[10], 1, &[5], 1), 1);
        // Four words between them is the most the slop allows, five is too many.
        assert_eq!(close_occurrences(&[10], 1, &[15], 1), 1);
        assert_eq!(close_occurrences(&[10], 1, &[16], 1), 0);
        assert_eq!(close_occurrences(&[10], 1, &[4], 2), 1);
        assert_eq!(close_occurrences(&[10], 1, &[3], 2), 0);
        // A two-term word ends later: its gap counts from its last term.
        assert_eq!(close_occurrences(&[10], 2, &[16], 1), 1);
        // Each occurrence of "a" counts once, however many "b" stand near it.
        assert_eq!(close_occurrences(&[10, 40, 80], 1, &[8, 11, 42], 1), 2);
        // The same word twice never pairs with itself.
        assert_eq!(close_occurrences(&[10], 1, &[10], 1), 0);
    }
}
