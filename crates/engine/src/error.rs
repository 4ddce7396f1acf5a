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
    /// The index is damaged: a file it needs is missing, cut short, or no longer what
    /// tantivy wrote (its checksum does not match).
    #[error("the index in {} is damaged: {}; run `zan index` to rebuild it", path.display(), crate::verify::DamagedFile::list(files))]
    DamagedIndex {
        /// The index directory.
        path: std::path::PathBuf,
        /// The damaged files and what is wrong with each.
        files: Vec<crate::verify::DamagedFile>,
    },
    /// Another writer (another `zan index`) holds the index's lock.
    #[error("another zan index is running on {}", path.display())]
    IndexBusy {
        /// The index directory.
        path: std::path::PathBuf,
    },
    /// The index folder cannot be written (a read-only copy can only be searched).
    #[error("cannot write the index in {}: {reason}", path.display())]
    NotWritable {
        /// The index directory.
        path: std::path::PathBuf,
        /// Why, as the system says it.
        reason: String,
    },
    /// Reading the index failed unexpectedly although verifying it found no damage.
    #[error("reading the index failed: {0}")]
    ReadFailed(String),
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

    /// Returns true if the error says the index is damaged.
    pub fn is_damage(&self) -> bool {
        matches!(self, EngineError::DamagedIndex { .. })
    }

    /// Returns true if the error is one that reading a damaged file gives.
    pub(crate) fn may_be_damage(&self) -> bool {
        use tantivy::TantivyError;
        matches!(
            self,
            EngineError::Io { .. }
                | EngineError::Index(
                    TantivyError::DataCorruption(_)
                        | TantivyError::IoError(_)
                        | TantivyError::OpenReadError(_)
                        | TantivyError::IncompatibleIndex(_)
                )
        )
    }
}
