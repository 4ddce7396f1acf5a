//! The read side: running a [`SearchRequest`] and fetching documents.

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::act_collector::{
    ActCollector, ActGroups, ActTable, DayStatuses, Dimension, ExcludedActs, FacetTally, RankBy,
    RankedAct, StatusView,
};
use crate::cross_language::{equivalent_texts, GLOSSARY_TIER_OFFSET};
use crate::document::{Date, StoredDocument};
use crate::error::{EngineError, Result};
use crate::index::ZanIndex;
use crate::layout::fix_keyboard_layout;
use crate::proximity::PROXIMITY_WINDOW;
use crate::query::{
    build_filters, build_fuzzy_query, build_proximity, build_text_query, is_query_stop_word,
    parse_query, with_filters, Clause, GlossaryTiers, ParsedQuery, QueryAnalyzers, SearchRequest,
    SortOrder, TextQuery,
};
use crate::registry::{ActRegistry, ActStatus};
use crate::schema::ZanSchema;
use crate::snippet::{make_snippet, HighlightTerms};
use crate::statistics::TermStatistics;
use crate::suggest::SharedCache;
use crate::verify::DamageCheck;
use crate::warm::ActsCache;

/// One result.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Index of the paragraph the snippet starts in (paragraphs are the blank-line
    /// separated parts of the stored text), so a page can link to it.
    pub paragraph: usize,
    /// Other files that hold the same act (the same act kept as PDF, DOCX...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// The status of the act on the day of the search.
    pub status: ActStatus,
    /// The day the act took that status (`YYYY-MM-DD`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_since: Option<String>,
}

/// Another file of the same act.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// Document id of the file.
    pub id: String,
    /// Its format.
    pub format: String,
    /// Character encoding of a text file, which tells copies of one format apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// True when the file's text was recognised from scanned pages (a scan beside a PDF
    /// with a text layer is another PDF of the act, told apart by this).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

/// The typo fallback runs when the query as typed finds fewer acts than this. A fixed
/// number, so that whether it runs never depends on the page asked for.
pub const FUZZY_FALLBACK_BELOW: usize = 3;

/// A facet value and how many matching acts have it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (a kind code, language code or issuer name).
    pub value: String,
    /// Number of matching acts (the files of one act count once).
    pub count: u64,
}

/// Counts of matching acts by kind, language and issuer. Each facet applies the query
/// and every active filter except its own: with `kind=decision` chosen, the kind facet
/// still lists the other kinds with the counts that choosing them would give. Without a
/// filter of its own, the kind and language counts add up to `total` (each act has one
/// kind and one primary language).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By kind.
    pub kind: Vec<FacetCount>,
    /// By primary language (the `lang` filter chooses the primary language too).
    pub lang: Vec<FacetCount>,
    /// By issuing body (an act whose files name different bodies counts under each).
    pub issuer: Vec<FacetCount>,
    /// By status on the day of the search (`in_force`, `amended`, `repealed`, ...).
    pub status: Vec<FacetCount>,
}

impl Facets {
    fn of_mut(&mut self, dimension: Dimension) -> &mut Vec<FacetCount> {
        match dimension {
            Dimension::Kind => &mut self.kind,
            Dimension::Lang => &mut self.lang,
            Dimension::Issuer => &mut self.issuer,
            Dimension::Status => &mut self.status,
        }
    }
}

/// A fallback that produced the hits, or some of them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
    /// Nothing matched as typed; the query retyped from the other keyboard layout was
    /// searched instead (see `corrected_query`).
    Layout,
    /// Fewer than [`FUZZY_FALLBACK_BELOW`] acts matched; acts that only similar spellings
    /// match follow all of them (see `exact_total`).
    Typo,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of matching acts: the same on every page, and exactly the number of hits
    /// that paging walks through. A page past the end has no hits and this total.
    pub total: usize,
    /// The requested page of hits, one per act.
    pub hits: Vec<Hit>,
    /// Facet counts of acts (see [`Facets`]).
    pub facets: Facets,
    /// Milliseconds spent.
    pub took_ms: f64,
    /// A message for the user (empty query, query cut, spelling corrected...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The query actually run, when it differs from what was typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_query: Option<String>,
    /// The fallback used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// With the typo fallback: how many of the `total` acts matched as typed. They are
    /// the first ones; the acts of similar spellings follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact_total: Option<usize>,
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
            fallback: None,
            exact_total: None,
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
    /// What is worked out once per commit (issuers, titles).
    cache: SharedCache,
    /// The registry, the act table and the statuses, by commit; also the reader's warmer.
    acts: Arc<ActsCache>,
}

impl Engine {
    /// Opens a searcher over an index. Fails with [`EngineError::DamagedIndex`] if a
    /// segment cannot be opened because the index is damaged.
    pub fn new(index: ZanIndex) -> Result<Engine> {
        let damage = std::sync::Arc::new(DamageCheck::default());
        let acts = Arc::new(ActsCache::default());
        let warmer: Arc<dyn tantivy::Warmer> = acts.clone();
        let warmer = Arc::downgrade(&warmer);
        let reader = damage.guard(&index, || {
            Ok(index
                .tantivy()
                .reader_builder()
                .reload_policy(ReloadPolicy::OnCommitWithDelay)
                .warmers(vec![warmer])
                .try_into()?)
        })?;
        acts.warm_reloads();
        Ok(Engine { index, reader, damage, acts, cache: SharedCache::default() })
    }

    /// Returns the index.
    pub fn index(&self) -> &ZanIndex {
        &self.index
    }

    pub(crate) fn schema(&self) -> &ZanSchema {
        self.index.schema()
    }

    /// The searcher of the latest visible commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The cache shared by the clones of this engine.
    pub(crate) fn cache(&self) -> &SharedCache {
        &self.cache
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

    /// Runs a search.
    ///
    /// One act is one unit everywhere: a hit is an act (its best-ranked file, with its
    /// other files in `versions`), `total` counts acts, facets count acts. `total` does
    /// not depend on the page, and paging walks through exactly `total` hits.
    ///
    /// One that reaches a damaged part of the index fails with
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
        let statistics = Arc::new(TermStatistics::new(&searcher));
        let mut analyzers =
            QueryAnalyzers::new(request.cross_lang).with_statistics(Arc::clone(&statistics));
        let (text_query, tiers) =
            match build_text_query(self.schema(), &mut analyzers, &parsed, request.ui_lang) {
                Some(TextQuery { query, tiers }) => (Some(query), tiers),
                None => (None, None),
            };
        if text_query.is_none() && !request.has_filters() {
            return Ok(SearchResults::empty(EMPTY_QUERY_NOTICE, started));
        }
        let rank_by = rank_by(request.sort, text_query.is_some());
        let window = if rank_by == RankBy::Score { PROXIMITY_WINDOW } else { 0 };
        let plan = Plan {
            table: self.act_table(&searcher)?,
            rank_by,
            keep: (request.offset + request.limit).max(FUZZY_FALLBACK_BELOW).max(window),
        };
        let exact =
            self.collect_tiers(&statistics, text_query.as_deref(), tiers, request, &plan)?;
        let mut answer = Answer {
            notice: parsed
                .truncated
                .then(|| "the query was too long; only its beginning was searched".to_owned()),
            parsed,
            text_query,
            tiers: Tiers { exact, similar: None },
            corrected_query: None,
            fallback: None,
        };
        let mut run =
            SearchRun { engine: self, statistics: &statistics, request, plan: &plan, analyzers };
        if answer.tiers.exact.count == 0 && !answer.parsed.is_empty() {
            run.try_keyboard_layout(&mut answer)?;
        }
        if answer.tiers.exact.count < FUZZY_FALLBACK_BELOW && !answer.parsed.is_empty() {
            run.try_similar_spellings(&mut answer)?;
        }
        if plan.rank_by == RankBy::Score {
            run.add_proximity(&mut answer)?;
        }
        self.finish(&statistics, &plan.table, request, answer, started)
    }

    /// Cuts the page, counts facets and fetches the hits.
    fn finish(
        &self,
        statistics: &TermStatistics,
        table: &Arc<ActTable>,
        request: &SearchRequest,
        answer: Answer,
        started: Instant,
    ) -> Result<SearchResults> {
        let Answer { parsed, text_query, tiers, notice, corrected_query, fallback } = answer;
        let total = tiers.count();
        let exact_total = tiers.similar.is_some().then_some(tiers.exact.count);
        let (page, tally) = tiers.into_page(request.offset, request.limit);
        let facets = self.facets(statistics, table, request, text_query.as_deref(), &tally)?;
        let searcher = statistics.searcher();
        let highlight = highlight_terms(&parsed, request.cross_lang);
        let mut hits = self.hits(searcher, table, &page, &highlight, request.snippet_chars)?;
        let registry = self.registry(searcher)?;
        let today = request.today.unwrap_or_else(Date::today);
        for (hit, ranked) in hits.iter_mut().zip(&page) {
            if let Some(identity) = registry.identity_of_act(ranked.act) {
                let status = registry.status(identity, today);
                hit.status = status.status;
                hit.status_since = status.since.map(Date::to_iso);
            }
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
            took_ms: elapsed_ms(started),
            notice,
            corrected_query,
            fallback,
            exact_total,
        })
    }

    /// Collects the acts of a text query as `plan` says. When the words as typed find
    /// at least the acts the page needs, the acts only their glossary equivalents find
    /// all rank after the page: they are only counted, without scores, in a second
    /// collection that goes on from the first. Scoring them was a quarter of a search
    /// whose equivalents are common words.
    fn collect_tiers(
        &self,
        statistics: &TermStatistics,
        text_query: Option<&dyn Query>,
        tiers: Option<GlossaryTiers>,
        request: &SearchRequest,
        plan: &Plan,
    ) -> Result<ActGroups> {
        if let (Some(tiers), RankBy::Score) = (tiers, plan.rank_by) {
            let collector = plan.collector().without_facets();
            let typed = self.collect(statistics, Some(&*tiers.typed), request, collector)?;
            if typed.count >= plan.keep {
                let counting = ActCollector::new(Arc::clone(&plan.table), RankBy::Score, 0);
                let equivalents = Some(&*tiers.equivalents);
                let all = self.collect(statistics, equivalents, request, counting.after(&typed))?;
                return Ok(all.ranked_as(typed));
            }
        }
        self.collect(statistics, text_query, request, plan.collector())
    }

    /// Runs a text query (or every document) under the request's filters, weighted with
    /// the search's statistics.
    fn collect(
        &self,
        statistics: &TermStatistics,
        text_query: Option<&dyn Query>,
        request: &SearchRequest,
        collector: ActCollector,
    ) -> Result<ActGroups> {
        let searcher = statistics.searcher();
        let query = with_filters(
            text_query.map(|query| query.box_clone()),
            build_filters(self.schema(), request, searcher)?,
        );
        let today = request.today.unwrap_or_else(Date::today);
        let view =
            StatusView { day: self.statuses(searcher, today)?, wanted: request.wanted_statuses() };
        let collector = collector.with_status(Arc::new(view));
        let mut groups =
            searcher.search_with_statistics_provider(query.as_ref(), &collector, statistics)?;
        lift_glossary_tier(&mut groups.top);
        Ok(groups)
    }

    /// Facet counts, by the convention of the big engines: each facet counts the acts
    /// that match the query and every active filter except its own, so that a chosen
    /// kind still shows the other kinds. Without a filter of its own, a facet counts the
    /// acts of `total` (`tally`).
    fn facets(
        &self,
        statistics: &TermStatistics,
        table: &Arc<ActTable>,
        request: &SearchRequest,
        text_query: Option<&dyn Query>,
        tally: &FacetTally,
    ) -> Result<Facets> {
        let mut facets = Facets::default();
        for dimension in Dimension::ALL {
            let counts = match without_own_filter(request, dimension) {
                Some(relaxed) => {
                    let collector = ActCollector::new(Arc::clone(table), RankBy::Score, 0);
                    let groups = self.collect(statistics, text_query, &relaxed, collector)?;
                    facet_counts(&groups.tally, dimension)
                }
                None => facet_counts(tally, dimension),
            };
            *facets.of_mut(dimension) = counts;
        }
        Ok(facets)
    }

    /// Builds the hits of a page, each with every other file of its act.
    fn hits(
        &self,
        searcher: &Searcher,
        table: &ActTable,
        page: &[RankedAct],
        highlight: &HighlightTerms,
        snippet_chars: usize,
    ) -> Result<Vec<Hit>> {
        page.iter()
            .map(|ranked| {
                let mut hit =
                    self.hit(searcher, ranked.address, ranked.score, highlight, snippet_chars)?;
                let others = table.files_of(ranked.number);
                hit.versions = self.versions(searcher, &others, ranked.address)?;
                Ok(hit)
            })
            .collect()
    }

    /// The files among `files` other than `shown`, as versions of one act, by format
    /// (then a scan after the file with a text layer, then by encoding): the same list in
    /// the same order whatever segments the files landed in.
    fn versions(
        &self,
        searcher: &Searcher,
        files: &[DocAddress],
        shown: DocAddress,
    ) -> Result<Vec<Version>> {
        let mut versions = files
            .iter()
            .filter(|address| **address != shown)
            .map(|&address| {
                let document: TantivyDocument = searcher.doc(address)?;
                let stored = StoredDocument::from_tantivy(&document, self.schema());
                Ok(Version {
                    id: stored.id,
                    format: stored.format,
                    encoding: stored.encoding,
                    ocr: stored.ocr,
                })
            })
            .collect::<Result<Vec<Version>>>()?;
        versions.sort_by(|a, b| {
            (&a.format, a.ocr, &a.encoding, &a.id).cmp(&(&b.format, b.ocr, &b.encoding, &b.id))
        });
        Ok(versions)
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
        let (snippet, paragraph) = if snippet_chars == 0 {
            (String::new(), 0)
        } else {
            let snippet = make_snippet(&stored.text, highlight, snippet_chars);
            let paragraph = stored.text[..snippet.start].matches("\n\n").count();
            (snippet.to_html(), paragraph)
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
            paragraph,
            versions: Vec::new(),
            status: ActStatus::Unknown,
            status_since: None,
        })
    }

    /// Returns the registry of acts of a searcher, built once per commit.
    pub(crate) fn registry(&self, searcher: &Searcher) -> Result<Arc<ActRegistry>> {
        Ok(self.acts.acts(searcher)?.0)
    }

    /// Returns the act table of a searcher, built once per commit with the registry.
    pub(crate) fn act_table(&self, searcher: &Searcher) -> Result<Arc<ActTable>> {
        Ok(self.acts.acts(searcher)?.1)
    }

    /// Returns the status of every act of a searcher on a day, by act number, computed
    /// once per commit and day.
    fn statuses(&self, searcher: &Searcher, today: Date) -> Result<Arc<DayStatuses>> {
        self.acts.statuses(searcher, today)
    }

    /// The acts kept by commit (see [`ActsCache`]).
    pub(crate) fn acts_cache(&self) -> &ActsCache {
        &self.acts
    }

    /// Runs a read under the damage check: a damaged segment is reported as such.
    pub(crate) fn guarded<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        self.damage.guard(&self.index, read)
    }

    /// Returns a stored document by id; fails with [`EngineError::DamagedIndex`] if its
    /// stored copy is damaged.
    pub fn document(&self, id: &str) -> Result<StoredDocument> {
        self.damage.guard(&self.index, || self.stored_document(id))
    }

    fn stored_document(&self, id: &str) -> Result<StoredDocument> {
        let searcher = self.reader.searcher();
        let address = self.address_of(&searcher, id)?;
        let document: TantivyDocument = searcher.doc(address)?;
        Ok(StoredDocument::from_tantivy(&document, self.schema()))
    }

    /// The other files of the act that the file at `address` holds (the same act kept
    /// as PDF, DOCX...), as a hit lists them.
    pub(crate) fn file_copies(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Vec<Version>> {
        let table = self.act_table(searcher)?;
        let Some(act) = table.act_of(address) else { return Ok(Vec::new()) };
        self.versions(searcher, &table.files_of(act), address)
    }

    /// The address of the live file of an id.
    pub(crate) fn address_of(&self, searcher: &Searcher, id: &str) -> Result<DocAddress> {
        let query =
            TermQuery::new(Term::from_field_text(self.schema().id, id), IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        top.first()
            .map(|(_, address)| *address)
            .ok_or_else(|| EngineError::NotFound { id: id.to_owned() })
    }
}

/// The acts found as typed and, after them, those only similar spellings find.
struct Tiers {
    exact: ActGroups,
    similar: Option<ActGroups>,
}

impl Tiers {
    fn count(&self) -> usize {
        self.exact.count + self.similar.as_ref().map_or(0, |similar| similar.count)
    }

    /// Returns one page of the ranking and the facet tally of all its acts.
    fn into_page(self, offset: usize, limit: usize) -> (Vec<RankedAct>, FacetTally) {
        let Tiers { exact, similar } = self;
        let Some(similar) = similar else {
            let page = exact.top.into_iter().skip(offset).take(limit).collect();
            return (page, exact.tally);
        };
        let scale = similar_score_scale(&exact.top, &similar.top);
        let mut tally = exact.tally;
        for (value, count) in similar.tally {
            *tally.entry(value).or_default() += count;
        }
        let similar_top = similar.top.into_iter().map(|mut ranked| {
            ranked.score *= scale;
            ranked
        });
        let page = exact.top.into_iter().chain(similar_top).skip(offset).take(limit).collect();
        (page, tally)
    }
}

/// Gives back the offset taken off the acts found only through the glossary (the only
/// negative scores), and scales their scores below the lowest score of the acts the
/// typed words find, as for the similar-spelling tier. When the ranking reaches those
/// acts it holds every act the typed words find, so the factor is the same on every page.
fn lift_glossary_tier(top: &mut [RankedAct]) {
    let Some(split) = top.iter().position(|ranked| ranked.score < 0.0) else { return };
    let (typed, glossary) = top.split_at_mut(split);
    for ranked in glossary.iter_mut() {
        ranked.score = (ranked.score + GLOSSARY_TIER_OFFSET).max(0.0);
    }
    let scale = similar_score_scale(typed, glossary);
    for ranked in glossary.iter_mut() {
        ranked.score *= scale;
    }
}

/// A factor for the scores of the similar-spelling tier that puts them all below the
/// lowest exact score, so that scores fall along the ranking (a TREC run or an API
/// client ordering by score sees the tiers). The same for every page of one search.
fn similar_score_scale(exact: &[RankedAct], similar: &[RankedAct]) -> f32 {
    let lowest_exact = exact.iter().map(|ranked| ranked.score).fold(f32::INFINITY, f32::min);
    let highest_similar = similar.first().map_or(0.0, |ranked| ranked.score);
    if exact.is_empty() || highest_similar < lowest_exact || highest_similar <= 0.0 {
        1.0
    } else {
        0.5 * lowest_exact / highest_similar
    }
}

/// What a search found so far, and how.
struct Answer {
    parsed: ParsedQuery,
    text_query: Option<Box<dyn Query>>,
    tiers: Tiers,
    notice: Option<String>,
    corrected_query: Option<String>,
    fallback: Option<Fallback>,
}

/// One search on its way: what its collections share.
struct SearchRun<'a> {
    engine: &'a Engine,
    statistics: &'a TermStatistics,
    request: &'a SearchRequest,
    plan: &'a Plan,
    analyzers: QueryAnalyzers,
}

impl SearchRun<'_> {
    /// Searches the query retyped from the other keyboard layout, and takes its answer
    /// if it finds anything.
    fn try_keyboard_layout(&mut self, answer: &mut Answer) -> Result<()> {
        let SearchRun { engine, statistics, request, plan, .. } = *self;
        let Some(retyped) = fix_keyboard_layout(&request.text) else { return Ok(()) };
        let retyped_parsed = parse_query(&retyped);
        let retyped_query = build_text_query(
            engine.schema(),
            &mut self.analyzers,
            &retyped_parsed,
            request.ui_lang,
        )
        .map(|text| text.query);
        let groups =
            engine.collect(statistics, retyped_query.as_deref(), request, plan.collector())?;
        if groups.count > 0 {
            answer.notice =
                Some(format!("showing results for {retyped:?} (keyboard layout corrected)"));
            answer.corrected_query = Some(retyped);
            answer.parsed = retyped_parsed;
            answer.text_query = retyped_query;
            answer.tiers.exact = groups;
            answer.fallback = Some(Fallback::Layout);
        }
        Ok(())
    }

    /// Orders the best acts found as typed again with the closeness of the query's
    /// words and the share of them each act holds (see [`crate::proximity`]).
    fn add_proximity(&mut self, answer: &mut Answer) -> Result<()> {
        let SearchRun { engine, statistics, request, .. } = *self;
        let searcher = statistics.searcher();
        let Some(proximity) =
            build_proximity(engine.schema(), &mut self.analyzers, &answer.parsed, request.ui_lang)
        else {
            return Ok(());
        };
        let exact = &mut answer.tiers.exact;
        let best = &exact.top[..exact.top.len().min(PROXIMITY_WINDOW)];
        let addresses: Vec<DocAddress> = best.iter().map(|ranked| ranked.address).collect();
        let gains = proximity.scores(searcher, &addresses)?;
        exact.rescore_best(addresses.len(), |i, score| gains.rescored(i, score));
        Ok(())
    }

    /// When the query finds fewer than [`FUZZY_FALLBACK_BELOW`] acts, adds the acts that
    /// only similar spellings find, ranked after every act found as typed.
    fn try_similar_spellings(&mut self, answer: &mut Answer) -> Result<()> {
        let SearchRun { engine, statistics, request, plan, .. } = *self;
        // The exact tier is whole here (it holds fewer acts than `keep`), so leaving its
        // acts out of the fuzzy collection leaves out every file of theirs, not only the
        // files that match exactly.
        if !answer.tiers.exact.is_complete() {
            return Ok(());
        }
        let Some(fuzzy) = build_fuzzy_query(
            engine.schema(),
            &mut self.analyzers,
            &answer.parsed,
            request.ui_lang,
        ) else {
            return Ok(());
        };
        let collector = plan.collector().excluding(ExcludedActs::of(&answer.tiers.exact));
        let similar = engine.collect(statistics, Some(fuzzy.as_ref()), request, collector)?;
        if similar.count == 0 {
            return Ok(());
        }
        answer.notice = Some(if answer.tiers.exact.count == 0 {
            "nothing matched exactly; showing similar spellings".to_owned()
        } else {
            "few exact matches; similar spellings are shown after them".to_owned()
        });
        answer.fallback = Some(Fallback::Typo);
        answer.tiers.similar = Some(similar);
        answer.text_query = Some(match answer.text_query.take() {
            Some(exact) => {
                Box::new(BooleanQuery::new(vec![(Occur::Should, exact), (Occur::Should, fuzzy)]))
            }
            None => fuzzy,
        });
        Ok(())
    }
}

/// How every collection of one search ranks and how many acts it keeps.
struct Plan {
    table: Arc<ActTable>,
    rank_by: RankBy,
    keep: usize,
}

impl Plan {
    fn collector(&self) -> ActCollector {
        ActCollector::new(Arc::clone(&self.table), self.rank_by, self.keep)
    }
}

/// Relevance with text; newest first when browsing by filters alone.
fn rank_by(sort: SortOrder, has_text: bool) -> RankBy {
    match sort {
        SortOrder::Relevance if has_text => RankBy::Score,
        SortOrder::DateAsc => RankBy::Date(Order::Asc),
        SortOrder::Relevance | SortOrder::DateDesc => RankBy::Date(Order::Desc),
    }
}

/// The request without the filter of a facet, or `None` if that filter is not set.
fn without_own_filter(request: &SearchRequest, dimension: Dimension) -> Option<SearchRequest> {
    let mut relaxed = request.clone();
    let was_set = match dimension {
        Dimension::Kind => relaxed.kind.take().is_some(),
        Dimension::Lang => relaxed.lang.take().is_some(),
        Dimension::Issuer => relaxed.issuer.take().is_some(),
        Dimension::Status => relaxed.status.take().is_some(),
    };
    was_set.then_some(relaxed)
}

/// The counts of one facet, most frequent first.
pub(crate) fn facet_counts(tally: &FacetTally, dimension: Dimension) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = tally
        .iter()
        .filter(|((of, _), _)| *of == dimension)
        .map(|((_, value), count)| FacetCount { value: value.clone(), count: *count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}

/// The words to mark in snippets: the query's, and its glossary equivalents when the
/// search goes across languages.
fn highlight_terms(parsed: &ParsedQuery, cross_language: bool) -> HighlightTerms {
    let mut highlight = HighlightTerms::default();
    for clause in &parsed.clauses {
        if !matches!(clause, Clause::Exclude(_)) && !is_query_stop_word(clause.text()) {
            highlight.add_text(clause.text());
        }
    }
    if cross_language {
        for text in equivalent_texts(parsed) {
            highlight.add_text(&text);
        }
    }
    highlight
}
