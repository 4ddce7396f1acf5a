//! Errors of the engine, split into what the user caused (a bad filter, an unknown
//! document) and what went wrong inside (the index), so the server can answer 400/404
//! or 500 without matching on strings.

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, EngineError>;

/// A failure of the engine.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// A request parameter is invalid.
    #[error("invalid parameter {name}: {reason}")]
    InvalidParameter {
        /// The parameter's name, as the API spells it.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// No document has this id.
    #[error("no document with id {id:?}")]
    NotFound {
        /// The id asked for.
        id: String,
    },
    /// There is no index at the given place.
    #[error("no index in {path}: run `zan index` first")]
    NoIndex {
        /// The index directory.
        path: std::path::PathBuf,
    },
    /// The index was built by a version of zan with another schema or analysis.
    #[error(
        "the index in {path} was built by another version of zan; `zan index --full` rebuilds it"
    )]
    OutdatedIndex {
        /// The index directory.
        path: std::path::PathBuf,
    },
    /// The index could not be read or written.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Opening the index directory failed.
    #[error("index directory error: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    /// A file system operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The path concerned.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl EngineError {
    /// Returns true if the error is the user's (bad request), false if it is internal.
    pub fn is_user_error(&self) -> bool {
        matches!(self, EngineError::InvalidParameter { .. } | EngineError::NotFound { .. })
    }
}
