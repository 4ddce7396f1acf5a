//! zan-indexer: the write side of zan.
//!
//! [`index_corpus`] walks a corpus folder, fingerprints every document file (with its
//! sidecar), re-extracts only what changed, in parallel, writes it and commits in
//! batches; files that are gone are deleted from the index. [`index_jsonl`] does the
//! same for JSONL records. A file that fails is reported with its reason and skipped;
//! the batch goes on and the index keeps its last good commit.
//!
//! Commit policy: an incremental run commits after every [`IndexerConfig::batch_size`]
//! documents, so an interrupted run keeps its work and the next run resumes where it
//! stopped; a full rebuild (`--full`) commits once at the end, so a running server never
//! sees a half-built index.
#![warn(missing_docs)]

mod corpus;
mod error;
mod jsonl;
mod progress;
mod report;

use std::path::PathBuf;
use std::time::Instant;

use zan_engine::{ZanIndex, ZanWriter};

pub use corpus::{
    document_from_extracted, fingerprint, index_corpus, scan_corpus, shorten, CorpusFile,
    DOCUMENT_EXTENSIONS,
};
pub use error::{IndexerError, Result};
pub use jsonl::index_jsonl;
pub use progress::{BarProgress, NoProgress, Progress};
pub use report::{Failure, IndexReport, SkipKind, Skipped};

/// Where to read from and write to, and how.
#[derive(Debug, Clone)]
pub struct IndexerConfig {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The index folder.
    pub index: PathBuf,
    /// Rebuild from scratch instead of updating.
    pub full: bool,
    /// Documents per commit in an incremental run.
    pub batch_size: usize,
    /// Memory budget of the index writer, in bytes.
    pub writer_memory: usize,
}

impl IndexerConfig {
    /// Default documents per commit.
    pub const DEFAULT_BATCH_SIZE: usize = 500;

    /// A configuration with default batch size and memory.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> IndexerConfig {
        IndexerConfig {
            corpus: corpus.into(),
            index: index.into(),
            full: false,
            batch_size: IndexerConfig::DEFAULT_BATCH_SIZE,
            writer_memory: zan_engine::DEFAULT_WRITER_MEMORY,
        }
    }
}

/// Opens the index of a run. Returns it with whether the run rebuilds everything: asked
/// for (`--full`), or forced because the index there was made by another version of zan
/// (then it is replaced by an empty one, and the report says so).
fn open_index(config: &IndexerConfig, report: &mut IndexReport) -> Result<(ZanIndex, bool)> {
    match ZanIndex::open_or_create(&config.index) {
        Ok(index) => Ok((index, config.full)),
        Err(zan_engine::EngineError::OutdatedIndex { .. }) => {
            report.rebuilt_outdated = true;
            Ok((ZanIndex::recreate(&config.index)?, true))
        }
        Err(error) => Err(error.into()),
    }
}

/// Ends a run: the last commit, merges finished, and the totals in the report.
fn finish_run(
    mut writer: ZanWriter,
    index: ZanIndex,
    progress: &dyn Progress,
    mut report: IndexReport,
    started: Instant,
) -> Result<IndexReport> {
    writer.commit()?;
    writer.finish()?;
    progress.finish();
    report.total_documents = zan_engine::Engine::new(index)?.num_docs();
    report.elapsed = started.elapsed();
    Ok(report)
}
