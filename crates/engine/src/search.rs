//! The read side: running a [`SearchRequest`] and fetching documents.

use std::time::Instant;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DateTime, DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::document::StoredDocument;
use crate::error::{EngineError, Result};
use crate::index::ZanIndex;
use crate::layout::fix_keyboard_layout;
use crate::query::{
    build_filters, build_fuzzy_query, build_text_query, parse_query, with_filters, Clause,
    ParsedQuery, QueryAnalyzers, SearchRequest, SortOrder,
};
use crate::schema::ZanSchema;
use crate::snippet::{make_snippet, HighlightTerms};
use crate::verify::DamageCheck;

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind code.
    pub kind: String,
    /// Number as written.
    pub number: Option<String>,
    /// Date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Primary language.
    pub lang: String,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// HTML fragment: text escaped, matches in `<mark>`.
    pub snippet: String,
    /// Other files that hold the same act (the same act kept as PDF, DOCX...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
}

/// Another file of the same act.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// Document id of the file.
    pub id: String,
    /// Its format.
    pub format: String,
}

/// How many ranked candidates at most are looked at to fold the files of one act into
/// one hit.
const COLLAPSE_WINDOW: usize = 1000;

/// A facet value and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (a kind code, language code or issuer name).
    pub value: String,
    /// Number of matching documents.
    pub count: u64,
}

/// Counts of matching documents by kind, language and issuer.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By kind.
    pub kind: Vec<FacetCount>,
    /// By primary language.
    pub lang: Vec<FacetCount>,
    /// By issuing body.
    pub issuer: Vec<FacetCount>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of matching documents.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching documents.
    pub facets: Facets,
    /// Milliseconds spent.
    pub took_ms: f64,
    /// A message for the user (empty query, query cut, spelling corrected...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The query actually run, when it differs from what was typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_query: Option<String>,
}

impl SearchResults {
    fn empty(notice: &str, started: Instant) -> SearchResults {
        SearchResults {
            total: 0,
            hits: Vec::new(),
            facets: Facets::default(),
            took_ms: elapsed_ms(started),
            notice: Some(notice.to_owned()),
            corrected_query: None,
        }
    }
}

fn elapsed_ms(started: Instant) -> f64 {
    (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// Message for a search with nothing to look for.
pub const EMPTY_QUERY_NOTICE: &str =
    "empty query: type a word, a phrase in quotes or an act number";

/// Searches a zan index. Cheap to share between threads; sees each commit shortly after
/// it happens.
#[derive(Clone)]
pub struct Engine {
    index: ZanIndex,
    reader: IndexReader,
    damage: std::sync::Arc<DamageCheck>,
}

impl Engine {
    /// Opens a searcher over an index. Fails with [`EngineError::DamagedIndex`] if a
    /// segment cannot be opened because the index is damaged.
    pub fn new(index: ZanIndex) -> Result<Engine> {
        let damage = std::sync::Arc::new(DamageCheck::default());
        let reader = damage.guard(&index, || {
            Ok(index
                .tantivy()
                .reader_builder()
                .reload_policy(ReloadPolicy::OnCommitWithDelay)
                .try_into()?)
        })?;
        Ok(Engine { index, reader, damage })
    }

    /// Returns the index.
    pub fn index(&self) -> &ZanIndex {
        &self.index
    }

    fn schema(&self) -> &ZanSchema {
        self.index.schema()
    }

    /// Makes the latest commit visible now (the reader also does it by itself).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Returns the number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search. One that reaches a damaged part of the index fails with
    /// [`EngineError::DamagedIndex`], never with a panic.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.damage.guard(&self.index, || self.search_index(request))
    }

    fn search_index(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        request.validate()?;
        let parsed = parse_query(&request.text);
        if parsed.is_empty() && !request.has_filters() {
            return Ok(SearchResults::empty(EMPTY_QUERY_NOTICE, started));
        }
        let searcher = self.reader.searcher();
        let mut analyzers = QueryAnalyzers::default();
        let schema = self.schema();
        let text_query = build_text_query(schema, &mut analyzers, &parsed);
        if text_query.is_none() && !request.has_filters() {
            return Ok(SearchResults::empty(EMPTY_QUERY_NOTICE, started));
        }
        let mut notice = parsed
            .truncated
            .then(|| "the query was too long; only its beginning was searched".to_owned());
        let mut corrected_query = None;
        let mut highlight_query = parsed.clone();
        let query = with_filters(text_query, build_filters(schema, request));
        let mut outcome = self.run(&searcher, query.as_ref(), request)?;

        if outcome.1 == 0 && !parsed.is_empty() {
            // Nothing found: try the query retyped from the Latin keyboard layout, then
            // a typo-tolerant match.
            if let Some(retyped) = fix_keyboard_layout(&request.text) {
                let retyped_parsed = parse_query(&retyped);
                let retyped_query = build_text_query(schema, &mut analyzers, &retyped_parsed);
                let query = with_filters(retyped_query, build_filters(schema, request));
                let retyped_outcome = self.run(&searcher, query.as_ref(), request)?;
                if retyped_outcome.1 > 0 {
                    outcome = retyped_outcome;
                    notice = Some(format!(
                        "showing results for {retyped:?} (keyboard layout corrected)"
                    ));
                    corrected_query = Some(retyped);
                    highlight_query = retyped_parsed;
                }
            }
            if outcome.1 == 0 {
                if let Some(fuzzy) = build_fuzzy_query(schema, &mut analyzers, &highlight_query) {
                    let query = with_filters(Some(fuzzy), build_filters(schema, request));
                    let fuzzy_outcome = self.run(&searcher, query.as_ref(), request)?;
                    if fuzzy_outcome.1 > 0 {
                        outcome = fuzzy_outcome;
                        notice =
                            Some("nothing matched exactly; showing similar spellings".to_owned());
                    }
                }
            }
        }
        let (page, total, facets) = outcome;
        let mut highlight = HighlightTerms::default();
        for clause in &highlight_query.clauses {
            if !matches!(clause, Clause::Exclude(_))
                && !crate::query::is_query_stop_word(clause.text())
            {
                highlight.add_text(clause.text());
            }
        }
        let hits = page
            .into_iter()
            .map(|(score, address, versions)| {
                let mut hit =
                    self.hit(&searcher, address, score, &highlight, request.snippet_chars)?;
                for version in versions {
                    let document: TantivyDocument = searcher.doc(version)?;
                    let stored = StoredDocument::from_tantivy(&document, self.schema());
                    hit.versions.push(Version { id: stored.id, format: stored.format });
                }
                Ok(hit)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            facets,
            took_ms: elapsed_ms(started),
            notice,
            corrected_query,
        })
    }

    /// Runs a query: the page of (score, address, other files of the same act), the
    /// total, and facets.
    fn run(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
    ) -> Result<(Vec<Ranked>, usize, Facets)> {
        // Rank a window of candidates from the top, fold the files of one act into
        // its best-ranked file, then cut the page.
        let wanted = request.offset + request.limit;
        let window = (wanted * 3).max(wanted + 30).min(COLLAPSE_WINDOW).max(wanted);
        let top = TopDocs::with_limit(window);
        let mut facet_collector = FacetCollector::for_field("facets");
        for root in ["/kind", "/lang", "/issuer"] {
            facet_collector.add_facet(root);
        }
        let browse = matches!(request.sort, SortOrder::Relevance) && parse_is_empty(request);
        let (page, total, facet_counts) = match (request.sort, browse) {
            (SortOrder::Relevance, false) => {
                let (page, total, facets) =
                    searcher.search(query, &(top.order_by_score(), Count, facet_collector))?;
                (page, total, facets)
            }
            (sort, _) => {
                let order = if sort == SortOrder::DateAsc { Order::Asc } else { Order::Desc };
                let (page, total, facets) = searcher.search(
                    query,
                    &(top.order_by_fast_field::<DateTime>("date", order), Count, facet_collector),
                )?;
                (page.into_iter().map(|(_, address)| (0.0, address)).collect(), total, facets)
            }
        };
        let counts = |root: &str| -> Vec<FacetCount> {
            let mut counts: Vec<FacetCount> = facet_counts
                .get(root)
                .filter_map(|(facet, count)| {
                    facet
                        .to_path()
                        .last()
                        .map(|value| FacetCount { value: (*value).to_owned(), count })
                })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            counts
        };
        let facets =
            Facets { kind: counts("/kind"), lang: counts("/lang"), issuer: counts("/issuer") };
        let seen = page.len();
        let folded = fold_versions(searcher, page)?;
        let total = total - (seen - folded.len());
        let page = folded.into_iter().skip(request.offset).take(request.limit).collect();
        Ok((page, total, facets))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        highlight: &HighlightTerms,
        snippet_chars: usize,
    ) -> Result<Hit> {
        let document: TantivyDocument = searcher.doc(address)?;
        let stored = StoredDocument::from_tantivy(&document, self.schema());
        // A snippet length of zero asks for no snippet (evaluation runs).
        let snippet = if snippet_chars == 0 {
            String::new()
        } else {
            make_snippet(&stored.text, highlight, snippet_chars).to_html()
        };
        Ok(Hit {
            id: stored.id,
            title: stored.title,
            kind: stored.kind,
            number: stored.number,
            date: stored.date,
            issuer: stored.issuer,
            lang: stored.lang,
            score,
            snippet,
            versions: Vec::new(),
        })
    }

    /// Returns a stored document by id; fails with [`EngineError::DamagedIndex`] if its
    /// stored copy is damaged.
    pub fn document(&self, id: &str) -> Result<StoredDocument> {
        self.damage.guard(&self.index, || self.stored_document(id))
    }

    fn stored_document(&self, id: &str) -> Result<StoredDocument> {
        let searcher = self.reader.searcher();
        let query =
            TermQuery::new(Term::from_field_text(self.schema().id, id), IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let (_, address) =
            top.first().ok_or_else(|| EngineError::NotFound { id: id.to_owned() })?;
        let document: TantivyDocument = searcher.doc(*address)?;
        Ok(StoredDocument::from_tantivy(&document, self.schema()))
    }
}

/// A ranked hit: score, address and the addresses of other files of the same act.
type Ranked = (f32, DocAddress, Vec<DocAddress>);

/// Folds candidates that hold the same act (equal non-zero `act` keys) into the first,
/// best-ranked one, keeping the order.
fn fold_versions(searcher: &Searcher, candidates: Vec<(f32, DocAddress)>) -> Result<Vec<Ranked>> {
    let mut columns = std::collections::HashMap::new();
    let mut first_of_act = std::collections::HashMap::new();
    let mut out: Vec<Ranked> = Vec::with_capacity(candidates.len());
    for (score, address) in candidates {
        let column = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(searcher.segment_reader(address.segment_ord).fast_fields().u64("act")?)
            }
        };
        let act = column.first(address.doc_id).unwrap_or(0);
        if act != 0 {
            if let Some(&position) = first_of_act.get(&act) {
                let ranked: &mut Ranked = &mut out[position];
                ranked.2.push(address);
                continue;
            }
            first_of_act.insert(act, out.len());
        }
        out.push((score, address, Vec::new()));
    }
    Ok(out)
}

fn parse_is_empty(request: &SearchRequest) -> bool {
    let parsed: ParsedQuery = parse_query(&request.text);
    parsed.is_empty()
}
