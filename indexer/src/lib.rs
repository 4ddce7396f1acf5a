//! zan-indexer: the write side of zan.
//!
//! [`index_corpus`] walks a corpus folder, fingerprints every document file (with its
//! sidecar), re-extracts only what changed, in parallel, writes it and commits in
//! batches; files that are gone are deleted from the index. [`index_jsonl`] does the
//! same for JSONL records. A file that fails is reported with its reason and skipped;
//! the batch goes on and the index keeps its last good commit.
//!
//! A damaged index (see [`zan_engine::ZanIndex::verify`]) is rebuilt from scratch and
//! the report names its damaged files; an index built from JSONL is not rebuilt from
//! the corpus folder: the run stops and says to index the JSONL file again.
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
mod source;
mod stamps;
mod watch;

use std::path::PathBuf;
use std::time::Instant;

use zan_engine::{EngineError, ZanIndex, ZanWriter};

pub use corpus::{
    document_from_extracted, fingerprint, index_corpus, scan_corpus, shorten, CorpusFile,
    DOCUMENT_EXTENSIONS,
};
pub use error::{IndexerError, Result};
pub use jsonl::index_jsonl;
pub use progress::{ConsoleProgress, NoProgress, Progress, ProgressOutput};
pub use report::{
    utc_timestamp, Failure, IndexReport, RunCounts, RunReport, SkipKind, Skipped, LAST_RUN_FILE,
};
pub use source::{IndexSource, SOURCE_FILE};
pub use stamps::STAMPS_FILE;
pub use watch::{is_ignored_name, watch_corpus, WatchEvent, WatchOptions, MAX_BATCH_WAIT};

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
    /// Whether the report lists the ids added and updated (for `zan index --report`);
    /// when not, it counts them, and a run's memory does not grow with every id.
    pub list_ids: bool,
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
            list_ids: true,
        }
    }
}

/// Opens and verifies the index of a run. Returns it with whether the run rebuilds
/// everything: asked for (`--full`), or forced because the index there was made by
/// another version of zan or is damaged (then it is replaced by an empty one, and the
/// report says so). A damaged index built from a JSONL file is not rebuilt from a
/// corpus folder unless `--full` asks for it.
fn open_index(
    config: &IndexerConfig,
    source: &IndexSource,
    report: &mut IndexReport,
) -> Result<(ZanIndex, bool)> {
    let opened = ZanIndex::open_or_create(&config.index).and_then(|index| {
        let verification = index.verify();
        if verification.is_healthy() {
            Ok(index)
        } else {
            Err(EngineError::DamagedIndex {
                path: config.index.clone(),
                files: verification.damaged,
            })
        }
    });
    match opened {
        Ok(index) => Ok((index, config.full)),
        Err(EngineError::OutdatedIndex { .. }) => {
            report.rebuilt_outdated = true;
            Ok((ZanIndex::recreate(&config.index)?, true))
        }
        Err(EngineError::DamagedIndex { files, .. }) => {
            let recorded = IndexSource::recorded(&config.index);
            if let (Some(IndexSource::Jsonl { path }), IndexSource::Corpus { .. }, false) =
                (recorded, source, config.full)
            {
                return Err(IndexerError::DamagedJsonlIndex {
                    index: config.index.clone(),
                    jsonl: path,
                    files,
                });
            }
            report.damaged = files;
            Ok((ZanIndex::recreate(&config.index)?, true))
        }
        Err(error) => Err(error.into()),
    }
}

/// Ends a run: the last commit, merges finished (those of a run that wrote the whole
/// index consolidated), and the totals in the report.
fn finish_run(
    mut writer: ZanWriter,
    index: ZanIndex,
    source: &IndexSource,
    progress: &dyn Progress,
    mut report: IndexReport,
    started: Instant,
) -> Result<IndexReport> {
    writer.commit()?;
    writer.finish()?;
    // A run that wrote everything the index holds (a full build, or the first run into
    // an empty index) ends with few, large segments (see `ZanIndex::consolidate`).
    let wrote_all = report.unchanged == 0 && report.indexed > 0;
    if report.full || wrote_all {
        // The run's documents are committed: an index that could not be consolidated is
        // whole, only in more segments than it could be, so this is a warning.
        match index.consolidate() {
            Ok(merges) => tracing::info!(merges, "segments consolidated"),
            Err(error) => tracing::warn!(%error, "the segments could not be merged"),
        }
    }
    if let Some(path) = index.path() {
        source.record(path);
    }
    progress.finish();
    report.total_documents = zan_engine::Engine::new(index.clone())?.num_docs();
    report.elapsed = started.elapsed();
    if let Some(path) = index.path() {
        RunReport::of(&report, Some(source.clone())).keep_in(path);
    }
    Ok(report)
}
