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
    /// The index is damaged and was built from a JSONL file, so the corpus folder cannot
    /// rebuild it.
    #[error(
        "the index in {} is damaged ({}); it was built from the JSONL file {jsonl}, not from a corpus folder: run `zan index --jsonl {jsonl} --index {}` to rebuild it",
        index.display(),
        zan_engine::DamagedFile::list(files),
        index.display()
    )]
    DamagedJsonlIndex {
        /// The index folder.
        index: PathBuf,
        /// The JSONL file the index was built from.
        jsonl: String,
        /// What is damaged.
        files: Vec<zan_engine::DamagedFile>,
    },
    /// The index cannot be opened or written.
    #[error(transparent)]
    Engine(#[from] zan_engine::EngineError),
}
