//! Errors that stop a whole indexing run. Failures of single documents are not errors
//! here: they are collected in the [`crate::IndexReport`] and the batch goes on.

use std::path::PathBuf;

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, IndexerError>;

/// Why an indexing run could not go on.
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    /// The corpus folder or JSONL file cannot be read.
    #[error("{path}: {source}")]
    Input {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The index cannot be opened or written.
    #[error(transparent)]
    Engine(#[from] zan_engine::EngineError),
}
