//! The query model: what a user typed plus filters, and how it becomes a tantivy query.
//!
//! Query syntax, kept small so nobody can break it: words; `"quoted phrases"`; a word or
//! phrase after `-` is excluded. Everything else (operators, brackets, stray quotes,
//! punctuation) is treated as space. Each word is analysed by every language's analyzer
//! and matched against that language's title and body fields and the folded field; the
//! best-matching field counts most (a disjunction-max with a tie-breaker), words are
//! combined with OR so that documents matching more words rank higher. Words that name a
//! concept of the legal glossary also search its terms in the other languages, at a
//! lower weight (see the `cross_language` module).

use std::sync::Arc;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};
use zan_analysis::{
    analyze_with, folded_analyzer, is_stop_word, language_analyzer, root_analyzer, Language,
    ROOT_LANGUAGES,
};

use crate::combine::{Join, Joined};
use crate::cross_language::{equivalents_query, glossary_tier};
use crate::document::Date;
use crate::error::{EngineError, Result};
use crate::exclusion::Excluded;
use crate::proximity::Proximity;
use crate::registry::ActStatus;
use crate::schema::{language_slot, normalize_number, root_slot, ZanSchema};
use crate::statistics::TermStatistics;

/// Longest query text taken into account, in characters; the rest is ignored and the
/// response says so.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most words taken from one query.
pub const MAX_QUERY_WORDS: usize = 32;
/// Largest page size.
pub const MAX_LIMIT: usize = 100;
/// Deepest result reachable by paging.
pub const MAX_OFFSET: usize = 10_000;

/// Boost of a title match over a body match.
const TITLE_BOOST: f32 = 2.0;
/// Boost of the fields of the query's own language.
const QUERY_LANGUAGE_BOOST: f32 = 1.2;
/// Boost of the Kazakh and Kyrgyz root fields (stems cut to a prefix). Not lowered: a
/// prefix is shared by more documents, so its IDF already makes it the weaker match.
const ROOT_BOOST: f32 = 1.0;
/// Boost of the folded field: a fallback for text typed without Kazakh/Kyrgyz letters.
const FOLDED_BOOST: f32 = 0.6;
/// Boost of an exact act-number match.
const NUMBER_BOOST: f32 = 20.0;
/// Weight of the other fields' scores in a word's disjunction.
const TIE_BREAKER: f32 = 0.25;
/// A word whose own terms (in the language fields, summed over them) are in at least
/// this many documents is common: its weaker matches, the root fields (its word
/// family) and the folded field (spellings without Kazakh and Kyrgyz letters), are
/// left out of its search. They are there to find a word's documents when its own
/// forms find few; a common word's own forms already find more documents than anyone
/// pages through, and its weaker matches were most of the postings a search walked (a
/// common Russian word is in its lemma, root and folded fields, and as a loanword in
/// the Kazakh and Kyrgyz ones). An excluded word keeps them: it leaves out everything
/// it would find if it were rare. Set from what a reader can use, not from a data set:
/// the shared retrieval sets have fewer documents than this, so it never applies there.
pub const COMMON_WORD_DOCS: u64 = 1_000;
/// How close (in nats of the language detector's scores) the interface language must
/// come to the best-scoring language of a query for the query to count as possibly in
/// the interface language; its fields then get the query language's boost. About 150 to
/// 1: `бюджет`, `президент`, `программа` are as much Russian as Kazakh or Kyrgyz to the
/// detector (within 3 nats), `аренда` or `бюджет города` are Russian (10 nats ahead),
/// `шешім` Kazakh (24 ahead).
pub const AMBIGUOUS_QUERY_NATS: f32 = 5.0;
/// Factor of the score of an act in the interface language, for a query whose language
/// is ambiguous: as much as the query language's fields get.
pub const INTERFACE_LANGUAGE_ACT_BOOST: f32 = 1.2;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// By relevance (BM25), the default with text.
    #[default]
    Relevance,
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
}

impl SortOrder {
    /// Parses `relevance`, `date` / `date_desc` / `newest`, `date_asc` / `oldest`.
    pub fn parse(text: &str) -> Result<SortOrder> {
        match text.trim() {
            "" | "relevance" | "score" => Ok(SortOrder::Relevance),
            "date" | "date_desc" | "newest" => Ok(SortOrder::DateDesc),
            "date_asc" | "oldest" => Ok(SortOrder::DateAsc),
            other => Err(EngineError::InvalidParameter {
                name: "sort",
                reason: format!("{other:?} is not one of relevance, date_desc, date_asc"),
            }),
        }
    }
}

/// A search: text and filters, page and sort.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// What the user typed.
    pub text: String,
    /// Only acts of this kind.
    pub kind: Option<String>,
    /// Only acts in this primary language: the language shown on each hit and counted
    /// by the language facet, so that choosing a facet value finds what it counted.
    pub lang: Option<Language>,
    /// Only acts of this issuing body: the exact name when it is one (a value of the
    /// issuer facet), else the acts whose issuer's name has every word of it.
    pub issuer: Option<String>,
    /// Only the act with this number (any spelling).
    pub number: Option<String>,
    /// Acts dated on or after.
    pub from: Option<Date>,
    /// Acts dated on or before.
    pub to: Option<Date>,
    /// Only acts of this status on the day of the search; `in_force` keeps the amended
    /// acts too (they are in force, with changes).
    pub status: Option<ActStatus>,
    /// The day statuses are computed for; `None` is today (UTC).
    pub today: Option<Date>,
    /// Order of results.
    pub sort: SortOrder,
    /// Page size, at most [`MAX_LIMIT`].
    pub limit: usize,
    /// Results to skip.
    pub offset: usize,
    /// Length of snippets in characters.
    pub snippet_chars: usize,
    /// The language of the interface the query was typed in. When the query's own
    /// language is ambiguous and could be this one (see [`AMBIGUOUS_QUERY_NATS`]), its
    /// fields are boosted as the query language's are: a tie-break that moves acts in
    /// it up a little and hides nothing.
    pub ui_lang: Option<Language>,
    /// Also search the glossary equivalents of the query's words in the other two
    /// languages, at a lower weight (see [`crate::CROSS_LANGUAGE_BOOST`]).
    pub cross_lang: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            text: String::new(),
            kind: None,
            lang: None,
            issuer: None,
            number: None,
            from: None,
            to: None,
            status: None,
            today: None,
            sort: SortOrder::Relevance,
            limit: 10,
            offset: 0,
            snippet_chars: 240,
            ui_lang: None,
            cross_lang: true,
        }
    }
}

impl SearchRequest {
    /// Builds a request for a text with default settings.
    pub fn text(text: impl Into<String>) -> SearchRequest {
        SearchRequest { text: text.into(), ..SearchRequest::default() }
    }

    /// Returns true if any filter is set.
    pub fn has_filters(&self) -> bool {
        self.kind.is_some()
            || self.lang.is_some()
            || self.issuer.is_some()
            || self.number.is_some()
            || self.from.is_some()
            || self.to.is_some()
            || self.status.is_some()
    }

    /// The statuses the `status` filter keeps, or `None` without a filter.
    pub fn wanted_statuses(&self) -> Option<Vec<ActStatus>> {
        self.status.map(|status| match status {
            ActStatus::InForce => vec![ActStatus::InForce, ActStatus::Amended],
            other => vec![other],
        })
    }

    /// Checks bounds; returns the first problem.
    pub fn validate(&self) -> Result<()> {
        if self.limit == 0 || self.limit > MAX_LIMIT {
            return Err(EngineError::InvalidParameter {
                name: "limit",
                reason: format!("must be between 1 and {MAX_LIMIT}"),
            });
        }
        if self.offset > MAX_OFFSET {
            return Err(EngineError::InvalidParameter {
                name: "offset",
                reason: format!("must be at most {MAX_OFFSET}"),
            });
        }
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(EngineError::InvalidParameter {
                    name: "from",
                    reason: format!("{} is after to={}", from.to_iso(), to.to_iso()),
                });
            }
        }
        Ok(())
    }
}

/// One clause of a parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word to find.
    Word(String),
    /// Words to find next to each other.
    Phrase(String),
    /// A word or phrase that must not occur.
    Exclude(String),
}

impl Clause {
    /// Returns the clause's text.
    pub fn text(&self) -> &str {
        match self {
            Clause::Word(text) | Clause::Phrase(text) | Clause::Exclude(text) => text,
        }
    }
}

/// A query text split into clauses, with a note if it was cut.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The clauses.
    pub clauses: Vec<Clause>,
    /// True if the text was longer than [`MAX_QUERY_CHARS`] or [`MAX_QUERY_WORDS`].
    pub truncated: bool,
    /// Length in bytes of the beginning of the text that was searched: all of it unless
    /// it was cut.
    pub searched_len: usize,
}

impl ParsedQuery {
    /// Returns true if nothing searchable is left.
    pub fn is_empty(&self) -> bool {
        !self.clauses.iter().any(|clause| !matches!(clause, Clause::Exclude(_)))
    }
}

fn has_word_character(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Splits a query text into clauses. Never fails: anything unparseable is space.
pub fn parse_query(text: &str) -> ParsedQuery {
    let mut truncated = text.chars().count() > MAX_QUERY_CHARS;
    let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let mut clauses = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '+');
        let excluded = rest.starts_with('-')
            && rest[1..].starts_with(|c: char| c == '"' || c.is_alphanumeric());
        if excluded {
            rest = &rest[1..];
        }
        let clause_text;
        let is_phrase;
        let opened = rest.strip_prefix(['"', '«', '“', '„']);
        let closing = opened.and_then(|inner| inner.find(['"', '»', '”', '“']));
        if let (Some(inner), None) = (opened, closing) {
            // A quote never closed (typed, or pasted with the start of a quotation) is
            // not a phrase to the end of the query: the words after it are words.
            rest = inner;
            continue;
        }
        if let (Some(inner), Some(end)) = (opened, closing) {
            clause_text = &inner[..end];
            rest = inner.get(end..).map_or("", |after| {
                after.get(after.chars().next().map_or(0, char::len_utf8)..).unwrap_or("")
            });
            is_phrase = true;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '«' | '“' | '„'))
                .unwrap_or(rest.len());
            clause_text = &rest[..end];
            rest = &rest[end..];
            is_phrase = false;
        }
        if !has_word_character(clause_text) {
            continue;
        }
        let clause_text = clause_text.trim().to_owned();
        clauses.push(if excluded {
            Clause::Exclude(clause_text)
        } else if is_phrase {
            Clause::Phrase(clause_text)
        } else {
            Clause::Word(clause_text)
        });
        if clauses.len() >= MAX_QUERY_WORDS {
            truncated |= has_word_character(rest);
            break;
        }
    }
    let searched_len = text.len() - rest.len();
    ParsedQuery { clauses, truncated, searched_len }
}

/// The analyzers a query goes through, built once per search, and whether the glossary
/// expands it into the other languages.
pub struct QueryAnalyzers {
    by_language: [TextAnalyzer; 4],
    root: [TextAnalyzer; 3],
    folded: TextAnalyzer,
    cross_language: bool,
    /// The last query text whose language was asked for, with the interface language
    /// and the answer: a search asks for it once per part it builds.
    language: Option<(String, Option<Language>, QueryLanguage)>,
    /// The term statistics of the index searched, when the query is built for one:
    /// terms no document holds are left out, and common words lose their weaker
    /// matches ([`COMMON_WORD_DOCS`]).
    statistics: Option<Arc<TermStatistics>>,
}

impl Default for QueryAnalyzers {
    fn default() -> Self {
        QueryAnalyzers::new(true)
    }
}

impl QueryAnalyzers {
    /// Builds the analyzers; `cross_language` turns the glossary expansion on.
    pub fn new(cross_language: bool) -> Self {
        QueryAnalyzers {
            by_language: Language::INDEXED.map(language_analyzer),
            root: ROOT_LANGUAGES.map(root_analyzer),
            folded: folded_analyzer(),
            cross_language,
            language: None,
            statistics: None,
        }
    }

    /// Builds the query for the index these statistics are of.
    pub fn with_statistics(mut self, statistics: Arc<TermStatistics>) -> Self {
        self.statistics = Some(statistics);
        self
    }

    /// The language of a query's words and phrases ([`query_language`]), worked out
    /// once for a query.
    fn language_of(
        &mut self,
        parsed: &ParsedQuery,
        ui_language: Option<Language>,
    ) -> QueryLanguage {
        let text = positive_text(parsed);
        match &self.language {
            Some((known, ui, language)) if *known == text && *ui == ui_language => *language,
            _ => {
                let language = query_language(&text, ui_language);
                self.language = Some((text, ui_language, language));
                language
            }
        }
    }

    /// Returns true if the glossary expands queries into the other languages.
    pub fn cross_language(&self) -> bool {
        self.cross_language
    }

    /// Returns the terms of a text for a language's fields.
    pub fn terms(&mut self, language: Language, text: &str) -> Vec<String> {
        analyze_with(&mut self.by_language[language_slot(language)], text)
    }

    /// Returns the terms of a text for a language's root field (empty without one).
    pub fn root_terms(&mut self, language: Language, text: &str) -> Vec<String> {
        match root_slot(language) {
            Some(slot) => analyze_with(&mut self.root[slot], text),
            None => Vec::new(),
        }
    }

    /// Returns the terms of a text for the folded field.
    pub fn folded_terms(&mut self, text: &str) -> Vec<String> {
        analyze_with(&mut self.folded, text)
    }
}

/// Returns true if a query word is a stop word in any language (such words are left out
/// of the query unless nothing else is left).
pub fn is_query_stop_word(word: &str) -> bool {
    let normalised = zan_analysis::normalize::normalize_word(word);
    [Language::Ru, Language::Kk, Language::Ky]
        .into_iter()
        .any(|language| is_stop_word(language, &normalised))
}

pub(crate) fn field_query(field: Field, terms: &[String], boost: f32) -> Option<Box<dyn Query>> {
    let query: Box<dyn Query> = match terms {
        [] => return None,
        [term] => Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new(
            terms.iter().map(|term| Term::from_field_text(field, term)).collect(),
        )),
    };
    Some(if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    })
}

/// Like [`field_query`], for a field indexed without positions (the root and folded
/// fields, see [`crate::schema`]): the words of a phrase must all be there, in any
/// order. These fields only add weaker matches beside the language fields, which keep
/// the phrase's order.
pub(crate) fn loose_field_query(
    field: Field,
    terms: &[String],
    boost: f32,
) -> Option<Box<dyn Query>> {
    if terms.len() < 2 {
        return field_query(field, terms, boost);
    }
    if terms.iter().any(|term| term.bytes().any(|b| b.is_ascii_digit())) {
        // An act number (`15-3`) out of order is another number: only the fields with
        // positions match it.
        return None;
    }
    let all: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|term| {
            let query: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            ));
            (Occur::Must, query)
        })
        .collect();
    // The words in any order are less than the phrase: a text that holds them apart
    // ("ысык суу" ... "көл жээги") must not outrank one that holds the phrase
    // ("Ысык-Көлдө") just because it repeats them.
    Some(Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), boost * LOOSE_PHRASE_FACTOR)))
}

/// Weight of a phrase's words found in any order (a field without positions) against
/// the same field's weight for one word.
const LOOSE_PHRASE_FACTOR: f32 = 0.5;

/// Which of a word's matches its query searches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// All of them (an excluded word).
    All,
    /// Its weaker matches only if it is not common ([`COMMON_WORD_DOCS`]).
    TrimmedWhenCommon,
}

/// The fields' queries of one word or phrase. With the index's statistics, a field's
/// query is left out when a term of it is in no document: it could match nothing.
struct Disjuncts {
    statistics: Option<Arc<TermStatistics>>,
    queries: Vec<Box<dyn Query>>,
    /// True once a field's query was left out.
    left_out: bool,
}

impl Disjuncts {
    /// False when a term is in no document. A count that cannot be read keeps the
    /// query: the search reads the damaged part and says so.
    fn held(&mut self, field: Field, terms: &[String]) -> bool {
        let held = self.statistics.as_ref().is_none_or(|statistics| {
            terms.iter().all(|term| !matches!(statistics.doc_freq_of(field, term), Ok(0)))
        });
        self.left_out |= !held;
        held
    }

    /// Adds [`field_query`] of the terms.
    fn exact(&mut self, field: Field, terms: &[String], boost: f32) {
        if self.held(field, terms) {
            self.queries.extend(field_query(field, terms, boost));
        }
    }

    /// Adds [`loose_field_query`] of the terms.
    fn loose(&mut self, field: Field, terms: &[String], boost: f32) {
        if self.held(field, terms) {
            self.queries.extend(loose_field_query(field, terms, boost));
        }
    }
}

/// Returns true if a word's own terms (one per language field) are in at least
/// [`COMMON_WORD_DOCS`] documents. A language whose analyzer leaves the word out (a stop
/// word there) adds nothing. A phrase, or a word split into several terms, is never
/// common: its documents are not known from its terms'; nor is a word whose counts
/// cannot be read.
fn is_common(
    schema: &ZanSchema,
    statistics: Option<&TermStatistics>,
    own: &[(Language, Vec<String>)],
) -> bool {
    let Some(statistics) = statistics else { return false };
    let mut documents = 0;
    for (language, terms) in own {
        let field = schema.body_by_language[language_slot(*language)];
        match terms.as_slice() {
            [] => {}
            [term] => match statistics.doc_freq_of(field, term) {
                Ok(count) => documents += count,
                Err(_) => return false,
            },
            _ => return false,
        }
    }
    documents >= COMMON_WORD_DOCS
}

/// Builds the query of one word or phrase across all text fields.
fn text_clause_query(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    text: &str,
    query_language: Language,
    reach: Reach,
) -> Option<Box<dyn Query>> {
    let own: Vec<(Language, Vec<String>)> = possible_languages(text)
        .into_iter()
        .map(|language| (language, analyzers.terms(language, text)))
        .collect();
    let statistics = analyzers.statistics.clone();
    let weaker = reach == Reach::All || !is_common(schema, statistics.as_deref(), &own);
    let mut disjuncts = Disjuncts { statistics, queries: Vec::new(), left_out: false };
    for (language, terms) in &own {
        let language = *language;
        let boost = if language == query_language.indexed() { QUERY_LANGUAGE_BOOST } else { 1.0 };
        let slot = language_slot(language);
        disjuncts.exact(schema.body_by_language[slot], terms, boost);
        disjuncts.exact(schema.title_by_language[slot], terms, boost * TITLE_BOOST);
        if let Some(root) = root_slot(language).filter(|_| weaker) {
            let terms = analyzers.root_terms(language, text);
            disjuncts.loose(schema.root_by_language[root], &terms, boost * ROOT_BOOST);
        }
    }
    let folded = analyzers.folded_terms(text);
    if weaker {
        disjuncts.loose(schema.folded, &folded, FOLDED_BOOST);
    }
    disjuncts.exact(schema.issuer_text, &folded, FOLDED_BOOST);
    let left_out = disjuncts.left_out;
    let mut disjuncts = disjuncts.queries;
    disjuncts.extend(transliterated_disjuncts(schema, analyzers, text));
    if disjuncts.is_empty() {
        // A word no document holds still takes part: the search finds nothing and the
        // fallbacks (layout, spellings) are tried, as without statistics.
        return left_out.then(|| Box::new(EmptyQuery) as Box<dyn Query>);
    }
    Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(disjuncts, TIE_BREAKER)))
}

/// Letters of Kazakh or Kyrgyz that Russian does not have.
const TURKIC_LETTERS: [char; 9] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// The languages whose fields a query word or phrase is looked up in: every indexed
/// language, except that a text with letters of Kazakh or Kyrgyz that Russian does not
/// have is looked up in the Kazakh and Kyrgyz fields only. Both, even for letters of
/// Kazakh alone: a Kazakh paragraph close to Kyrgyz may be indexed as Kyrgyz (leaving
/// Kyrgyz out cost KazQAD dev nDCG@10 0.0005). The folded field still finds the text
/// anywhere.
fn possible_languages(text: &str) -> Vec<Language> {
    if text.to_lowercase().contains(TURKIC_LETTERS) {
        vec![Language::Kk, Language::Ky]
    } else {
        Language::INDEXED.to_vec()
    }
}

/// Kazakh or Kyrgyz typed in Latin letters (`mektep`, `qalalyq`) also looks for its
/// Cyrillic reading ([`zan_analysis::transliterate`]): in the Kazakh and Kyrgyz root
/// fields, and in the folded field, within one edit for a word of five letters or more
/// (one Latin spelling stands for several Cyrillic ones: `budjet` is `бюджет`).
fn transliterated_disjuncts(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    text: &str,
) -> Vec<Box<dyn Query>> {
    let Some(cyrillic) = zan_analysis::transliterate::latin_to_cyrillic(text) else {
        return Vec::new();
    };
    let mut disjuncts = Vec::new();
    for language in [Language::Kk, Language::Ky] {
        if let Some(slot) = root_slot(language) {
            let terms = analyzers.root_terms(language, &cyrillic);
            disjuncts.extend(loose_field_query(
                schema.root_by_language[slot],
                &terms,
                FOLDED_BOOST,
            ));
        }
    }
    let folded = analyzers.folded_terms(&cyrillic);
    match folded.as_slice() {
        [term] if term.chars().count() >= 5 => {
            let term = Term::from_field_text(schema.folded, term);
            let fuzzy = Box::new(FuzzyTermQuery::new(term, 1, true));
            disjuncts.push(Box::new(BoostQuery::new(fuzzy, FOLDED_BOOST)));
        }
        terms => disjuncts.extend(loose_field_query(schema.folded, terms, FOLDED_BOOST)),
    }
    disjuncts
}

/// Returns true if a word looks like an act number (`12-п`, `4-10002`, `15/3`, `№33`).
pub fn looks_like_number(word: &str) -> bool {
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    has_digit
        && (word.starts_with('№')
            || word.contains(['-', '/'])
            || word.chars().all(|c| c.is_ascii_digit()))
}

/// The language of a query as the ranking uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLanguage {
    /// The language whose fields the query's words favour.
    pub language: Language,
    /// True when the query's own language is ambiguous and the interface language, one
    /// of the close ones, was taken: its acts then rank a little higher too.
    pub from_interface: bool,
}

/// Returns the language of a query: the detected one, or the interface language when
/// the query's language is ambiguous and could be the interface's (the interface
/// language scores within [`AMBIGUOUS_QUERY_NATS`] of the best, and the best leads the
/// second by no more). Only Russian, Kazakh and Kyrgyz interfaces count; a query without
/// Cyrillic letters has no scores and keeps its detected language.
pub fn query_language(text: &str, ui_language: Option<Language>) -> QueryLanguage {
    let detection = zan_analysis::detect_with_scores(text);
    let detected = QueryLanguage { language: detection.language, from_interface: false };
    let Some(ui) =
        ui_language.filter(|ui| matches!(ui, Language::Ru | Language::Kk | Language::Ky))
    else {
        return detected;
    };
    let best = detection.scores.iter().map(|&(_, score)| score).fold(f32::NEG_INFINITY, f32::max);
    let ui_score = detection.scores.iter().find(|(code, _)| *code == ui.code());
    match ui_score {
        Some(&(_, score))
            if best - score <= AMBIGUOUS_QUERY_NATS
                && detection.margin() <= AMBIGUOUS_QUERY_NATS =>
        {
            QueryLanguage { language: ui, from_interface: true }
        }
        _ => detected,
    }
}

/// Scales the score of the acts in `language` by [`INTERFACE_LANGUAGE_ACT_BOOST`].
fn favour_language(
    schema: &ZanSchema,
    query: Box<dyn Query>,
    language: Language,
) -> Box<dyn Query> {
    let in_language = Box::new(TermQuery::new(
        Term::from_field_text(schema.lang, language.code()),
        IndexRecordOption::Basic,
    ));
    Joined::boxed(query, in_language, Join::Favour { factor: INTERFACE_LANGUAGE_ACT_BOOST })
}

/// The words and phrases a query looks for (not those it excludes), as one text.
fn positive_text(parsed: &ParsedQuery) -> String {
    let texts: Vec<&str> = parsed
        .clauses
        .iter()
        .filter(|clause| !matches!(clause, Clause::Exclude(_)))
        .map(Clause::text)
        .collect();
    texts.join(" ")
}

/// A text query, and its two tiers when it has glossary equivalents.
pub struct TextQuery {
    /// The query: the acts the words as typed find, then those only their glossary
    /// equivalents find (see [`crate::cross_language`]).
    pub query: Box<dyn Query>,
    /// The two tiers apart, when there are two.
    pub tiers: Option<GlossaryTiers>,
}

/// The tiers of a text query with glossary equivalents, each under the query's
/// exclusions: what the words as typed find, and what their equivalents find (scored
/// above zero here).
pub struct GlossaryTiers {
    /// The words as typed.
    pub typed: Box<dyn Query>,
    /// Their glossary equivalents.
    pub equivalents: Box<dyn Query>,
}

/// Builds the text part of a query, or `None` if nothing searchable is left. The
/// interface language breaks ties of an ambiguous query (see [`query_language`]).
pub fn build_text_query(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
    ui_language: Option<Language>,
) -> Option<TextQuery> {
    let QueryLanguage { language: query_language, from_interface } =
        analyzers.language_of(parsed, ui_language);
    let all_stop_words = parsed
        .clauses
        .iter()
        .all(|clause| matches!(clause, Clause::Word(word) if is_query_stop_word(word)));
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in &parsed.clauses {
        match clause {
            Clause::Word(word) if !all_stop_words && is_query_stop_word(word) => {}
            Clause::Word(word) | Clause::Phrase(word) => {
                if looks_like_number(word) {
                    let number = normalize_number(word);
                    should.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(TermQuery::new(
                                Term::from_field_text(schema.number_norm, &number),
                                IndexRecordOption::Basic,
                            )),
                            NUMBER_BOOST,
                        )),
                    ));
                }
                should.extend(
                    text_clause_query(
                        schema,
                        analyzers,
                        word,
                        query_language,
                        Reach::TrimmedWhenCommon,
                    )
                    .map(|q| (Occur::Should, q)),
                );
            }
            Clause::Exclude(_) => {}
        }
    }
    if should.is_empty() {
        return None;
    }
    let must_not = exclusions(schema, analyzers, parsed, query_language);
    let mut typed: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    if from_interface {
        typed = favour_language(schema, typed, query_language);
    }
    let excluding = |query: Box<dyn Query>| with_exclusions(query, &must_not);
    Some(match equivalents_query(schema, analyzers, parsed) {
        None => TextQuery { query: excluding(typed), tiers: None },
        Some(equivalents) => TextQuery {
            query: excluding(glossary_tier(typed.box_clone(), equivalents.box_clone())),
            tiers: Some(GlossaryTiers {
                typed: excluding(typed),
                equivalents: excluding(equivalents),
            }),
        },
    })
}

/// The proximity boost of the query's words (see the `proximity` module), in the
/// fields of the query's language as [`build_text_query`] decides it: the words as
/// searched, stop words left out. It is scored apart, only for the best acts the words
/// find: a sloppy phrase reads positions, and over every match of a common pair it
/// was most of a slow search's time.
pub fn build_proximity(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
    ui_language: Option<Language>,
) -> Option<Proximity> {
    let language = analyzers.language_of(parsed, ui_language).language;
    let words: Vec<&str> = parsed
        .clauses
        .iter()
        .filter_map(|clause| match clause {
            Clause::Word(word) if !is_query_stop_word(word) => Some(word.as_str()),
            _ => None,
        })
        .collect();
    Proximity::new(schema, analyzers, &words, language.indexed())
}

/// The query's excluded words and phrases, each as a `MustNot` clause that finds all
/// it would find as a word of the query.
fn exclusions(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
    query_language: Language,
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut must_not = Vec::new();
    for clause in &parsed.clauses {
        if let Clause::Exclude(word) = clause {
            must_not.extend(
                text_clause_query(schema, analyzers, word, query_language, Reach::All)
                    .map(|q| (Occur::MustNot, Excluded::boxed(q))),
            );
        }
    }
    must_not
}

/// The query under the `MustNot` clauses of [`exclusions`].
fn with_exclusions(query: Box<dyn Query>, must_not: &[(Occur, Box<dyn Query>)]) -> Box<dyn Query> {
    if must_not.is_empty() {
        return query;
    }
    let mut clauses = vec![(Occur::Must, query)];
    clauses.extend(must_not.iter().map(|(occur, query)| (*occur, query.box_clone())));
    Box::new(BooleanQuery::new(clauses))
}

/// Builds a typo-tolerant variant of the text query: each word of five letters or more
/// matches the folded field within one edit (two from eight letters). The query's
/// exclusions hold for it as for the words as typed.
pub fn build_fuzzy_query(
    schema: &ZanSchema,
    analyzers: &mut QueryAnalyzers,
    parsed: &ParsedQuery,
    ui_language: Option<Language>,
) -> Option<Box<dyn Query>> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in &parsed.clauses {
        let Clause::Word(word) = clause else { continue };
        for term in analyzers.folded_terms(word) {
            let letters = term.chars().count();
            if letters < 5 || term.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let distance = if letters >= 8 { 2 } else { 1 };
            let term = Term::from_field_text(schema.folded, &term);
            should.push((Occur::Should, Box::new(FuzzyTermQuery::new(term, distance, true))));
        }
    }
    if should.is_empty() {
        return None;
    }
    let query_language = analyzers.language_of(parsed, ui_language).language;
    let must_not = exclusions(schema, analyzers, parsed, query_language);
    Some(with_exclusions(Box::new(BooleanQuery::new(should)), &must_not))
}

/// Builds the filter clauses of a request. The searcher tells whether the `issuer`
/// filter is the exact name of an issuer (see [`issuer_filter`]).
pub fn build_filters(
    schema: &ZanSchema,
    request: &SearchRequest,
    searcher: &Searcher,
) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let exact = |field: Field, value: &str| -> (Occur, Box<dyn Query>) {
        (
            Occur::Must,
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic)),
        )
    };
    let mut filters = Vec::new();
    if let Some(kind) = &request.kind {
        filters.push(exact(schema.kind, kind));
    }
    if let Some(language) = request.lang {
        filters.push(exact(schema.lang, language.code()));
    }
    if let Some(issuer) = &request.issuer {
        filters.push((Occur::Must, issuer_filter(schema, searcher, issuer)?));
    }
    if let Some(number) = &request.number {
        filters.push(exact(schema.number_norm, &normalize_number(number)));
    }
    if request.from.is_some() || request.to.is_some() {
        use std::ops::Bound;
        let bound = |date: Option<Date>, inclusive: fn(Term) -> Bound<Term>| {
            date.map_or(Bound::Unbounded, |date| {
                inclusive(Term::from_field_date(schema.date, date.to_tantivy()))
            })
        };
        let lower = bound(request.from, Bound::Included);
        let upper = bound(request.to, Bound::Included);
        filters.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Ok(filters)
}

/// The `issuer` filter: the exact name when some act has it (a value of the issuer
/// facet, so that choosing it finds exactly what the facet counted), else every word of
/// the name, folded, in the name's words (`мэрия` finds `Мэрия города Жанатумар`,
/// `жанатұмар мэриясы` does not). A name with no word matches nothing.
pub fn issuer_filter(
    schema: &ZanSchema,
    searcher: &Searcher,
    issuer: &str,
) -> Result<Box<dyn Query>> {
    let name = issuer.trim();
    let exact_term = Term::from_field_text(schema.issuer_exact, name);
    let exact: Box<dyn Query> =
        Box::new(TermQuery::new(exact_term.clone(), IndexRecordOption::Basic));
    if searcher.doc_freq(&exact_term)? > 0 {
        return Ok(exact);
    }
    let words = analyze_with(&mut folded_analyzer(), name);
    if words.is_empty() {
        return Ok(exact);
    }
    Ok(Box::new(BooleanQuery::new(
        words
            .iter()
            .map(|word| {
                let term = Term::from_field_text(schema.issuer_text, word);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Must, query)
            })
            .collect(),
    )))
}

/// Combines a text query (or all documents) with filters.
pub fn with_filters(
    text_query: Option<Box<dyn Query>>,
    filters: Vec<(Occur, Box<dyn Query>)>,
) -> Box<dyn Query> {
    if filters.is_empty() {
        return text_query.unwrap_or_else(|| Box::new(AllQuery));
    }
    let mut clauses = filters;
    clauses.push((Occur::Must, text_query.unwrap_or_else(|| Box::new(AllQuery))));
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_parse_words_phrases_and_exclusions() {
        let parsed = parse_query(r#"бюджет "городской совет" -аренда «мэрия»"#);
        assert_eq!(
            parsed.clauses,
            [
                Clause::Word("бюджет".to_owned()),
                Clause::Phrase("городской совет".to_owned()),
                Clause::Exclude("аренда".to_owned()),
                Clause::Phrase("мэрия".to_owned()),
            ]
        );
    }

    #[test]
    fn test_parse_survives_junk() {
        assert!(parse_query("!!! ??? ... \" - ((").is_empty());
        assert!(parse_query("").is_empty());
        let long = "слово ".repeat(5000);
        let parsed = parse_query(&long);
        assert!(parsed.truncated);
        assert_eq!(parsed.clauses.len(), MAX_QUERY_WORDS);
        assert_eq!(&long[..parsed.searched_len], "слово ".repeat(MAX_QUERY_WORDS).trim_end());
        let parsed = parse_query(&"й".repeat(MAX_QUERY_CHARS + 10));
        assert_eq!(parsed.searched_len, "й".len() * MAX_QUERY_CHARS);
        assert_eq!(parse_query("бюджет города").searched_len, "бюджет города".len());
        // A quote never closed leaves words, not a phrase to the end of the query.
        assert_eq!(
            parse_query("“незакрытая фраза").clauses,
            [Clause::Word("незакрытая".to_owned()), Clause::Word("фраза".to_owned())]
        );
        assert_eq!(
            parse_query("„кавычки“ бюджет").clauses,
            [Clause::Phrase("кавычки".to_owned()), Clause::Word("бюджет".to_owned())]
        );
    }

    #[test]
    fn test_interface_language_decides_only_ambiguous_queries() {
        let detected = |text: &str| QueryLanguage {
            language: zan_analysis::detect(text),
            from_interface: false,
        };
        for ui in [Language::Ru, Language::Kk, Language::Ky] {
            let taken = QueryLanguage { language: ui, from_interface: true };
            assert_eq!(query_language("бюджет", Some(ui)), taken);
            assert_eq!(query_language("президент", Some(ui)), taken);
        }
        assert_eq!(query_language("бюджет", None), detected("бюджет"));
        assert_eq!(query_language("шешім", Some(Language::Ru)), detected("шешім"));
        assert_eq!(query_language("шешім", Some(Language::Kk)), detected("шешім"));
        assert_eq!(query_language("аренда", Some(Language::Kk)), detected("аренда"));
        assert_eq!(query_language("бюджет города", Some(Language::Ky)), detected("бюджет города"));
        // Only the three interface languages, and only over Cyrillic scores.
        assert_eq!(query_language("бюджет", Some(Language::En)), detected("бюджет"));
        assert_eq!(query_language("budget", Some(Language::Ru)), detected("budget"));
    }

    #[test]
    fn test_letters_of_kazakh_and_kyrgyz_narrow_the_languages() {
        assert_eq!(possible_languages("Мәслихат шешімі"), [Language::Kk, Language::Ky]);
        assert_eq!(possible_languages("ӨКМӨТҮ"), [Language::Kk, Language::Ky]);
        assert_eq!(possible_languages("бюджет"), Language::INDEXED);
        assert_eq!(possible_languages("budget"), Language::INDEXED);
    }

    #[test]
    fn test_number_detection() {
        assert!(looks_like_number("4-10002"));
        assert!(looks_like_number("№33"));
        assert!(!looks_like_number("бюджет"));
    }

    #[test]
    fn test_issuer_filter_takes_the_exact_name_or_every_word() {
        use crate::test_support::{city_acts, engine_of};
        let (_, engine) = engine_of(&city_acts());
        let with_issuer = |issuer: &str| {
            let request = SearchRequest { issuer: Some(issuer.to_owned()), ..Default::default() };
            engine.search(&request).unwrap()
        };
        // A facet value finds exactly the acts its facet counted.
        let all = engine.search(&SearchRequest::text("бюджет")).unwrap();
        for facet in &all.facets.issuer {
            let request = SearchRequest {
                issuer: Some(facet.value.clone()),
                ..SearchRequest::text("бюджет")
            };
            assert_eq!(engine.search(&request).unwrap().total as u64, facet.count, "{facet:?}");
        }
        // "Городской совет" is a name, found as it is; other text by its words.
        assert_eq!(with_issuer("Городской совет").total, 1);
        assert_eq!(with_issuer("  Городской совет ").total, 1);
        assert_eq!(with_issuer("мэрия").total, 6);
        assert_eq!(with_issuer("МЭРИЯ жанатумар").total, 6);
        // Folded: typed without Kazakh letters, or with them.
        assert_eq!(with_issuer("жанатумар").total, 9);
        assert_eq!(with_issuer("мәслихаты").total, 3);
        assert_eq!(with_issuer("маслихаты жанатумар").total, 3);
        // Every word must be in the name.
        assert_eq!(with_issuer("мэрия маслихаты").total, 0);
        assert_eq!(with_issuer("мэр").total, 0);
        assert_eq!(with_issuer("!!!").total, 0);
    }

    #[test]
    fn test_only_stop_words_still_search() {
        let schema = ZanSchema::new();
        let mut analyzers = QueryAnalyzers::default();
        assert!(build_text_query(&schema, &mut analyzers, &parse_query("и"), None).is_some());
        assert!(build_text_query(&schema, &mut analyzers, &parse_query("-бюджет"), None).is_none());
    }
}
