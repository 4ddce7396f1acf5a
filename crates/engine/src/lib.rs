//! zan-engine: the zan index and everything that reads it.
//!
//! - [`ZanSchema`]: the fields, per-language text fields, requisites, facets.
//! - [`id_for_path`] and [`path_for_id`]: the ids of corpus files, one-to-one with any
//!   file name.
//! - [`ZanIndex`] and [`ZanWriter`]: open or create an index, write [`IndexDocument`]s.
//! - [`SearchRequest`] and [`Engine::search`]: text plus filters to ranked [`Hit`]s with
//!   facets and highlighted snippets.
//! - [`Engine::did_you_mean`], [`Engine::issuers`] and [`Engine::suggest`]: help around
//!   the search box (a corrected query, the issuers to choose from, completions).
//!
//! ```
//! use zan_analysis::Language;
//! use zan_engine::{Engine, IndexDocument, SearchRequest, ZanIndex};
//!
//! let index = ZanIndex::create_in_ram();
//! let mut writer = index.writer(20_000_000).unwrap();
//! writer.upsert(&IndexDocument {
//!     id: "acts/budget.txt".into(),
//!     title: "О городском бюджете".into(),
//!     paragraphs: IndexDocument::tag_paragraphs(["Утвердить бюджет города на 2024 год."]),
//!     format: "txt".into(),
//!     ..Default::default()
//! }).unwrap();
//! writer.commit().unwrap();
//! let engine = Engine::new(index).unwrap();
//! engine.reload().unwrap();
//! let results = engine.search(&SearchRequest::text("бюджета")).unwrap();
//! assert_eq!(results.hits[0].id, "acts/budget.txt");
//! assert!(results.hits[0].snippet.contains("<mark>бюджет</mark>"));
//! ```
#![warn(missing_docs)]

mod act_collector;
mod combine;
mod corpus_id;
mod cross_language;
mod directory;
mod document;
mod error;
mod exclusion;
mod index;
mod layout;
mod proximity;
mod query;
mod registry;
mod relations;
mod schema;
mod search;
mod snippet;
mod statistics;
mod str_values;
mod suggest;
mod summary;
#[cfg(test)]
mod test_support;
mod verify;
mod warm;

pub use corpus_id::{id_for_path, path_for_id};
pub use cross_language::CROSS_LANGUAGE_BOOST;
pub use document::{
    ActReference, Date, IndexDocument, RelationKind, StoredDocument, WriteDocument, WriteValue,
    WriteValues,
};
pub use error::{EngineError, Result};
pub use index::{ZanIndex, ZanWriter, DEFAULT_WRITER_MEMORY};
pub use layout::fix_keyboard_layout;
pub use proximity::PROXIMITY_WINDOW;
pub use query::{
    parse_query, query_language, Clause, ParsedQuery, QueryLanguage, SearchRequest, SortOrder,
    AMBIGUOUS_QUERY_NATS, COMMON_WORD_DOCS, INTERFACE_LANGUAGE_ACT_BOOST, MAX_LIMIT, MAX_OFFSET,
    MAX_QUERY_CHARS, MAX_QUERY_WORDS,
};
pub use registry::ActStatus;
pub use relations::{ActDocument, ActRelation, Edition, LanguageVersion};
pub use schema::{normalize_number, ZanSchema};
pub use search::{
    Engine, FacetCount, Facets, Fallback, Hit, SearchResults, Version, EMPTY_QUERY_NOTICE,
    FUZZY_FALLBACK_BELOW,
};
pub use snippet::{escape_html, make_snippet, match_ranges, HighlightTerms, Snippet};
pub use suggest::{
    Suggestion, SuggestionKind, MIN_CORRECTED_LETTERS, RARE_BELOW_DOCS, RARE_REPLACEMENT_FACTOR,
    TWO_EDITS_FROM_LETTERS,
};
pub use summary::IndexSummary;
pub use verify::{DamagedFile, Verification};
pub use warm::Warmed;
