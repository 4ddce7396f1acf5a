//! What an indexing run did, for the summary line and the exit code.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

/// One document that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The file (relative to the corpus) or `FILE:LINE` of a JSONL record.
    pub source: String,
    /// Why it failed.
    pub reason: String,
}

/// The outcome of an indexing run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Documents added or replaced.
    pub indexed: usize,
    /// Documents whose content had not changed since the last run.
    pub unchanged: usize,
    /// Documents removed because their file is gone.
    pub deleted: usize,
    /// Files that are not documents (unknown extension, sidecars).
    pub skipped: usize,
    /// Documents that failed, with reasons.
    pub failures: Vec<Failure>,
    /// Scanned documents left out because no OCR engine is installed; they are tried
    /// again on the next run.
    pub needs_ocr: Vec<Failure>,
    /// Bytes of input read for the documents indexed.
    pub bytes: u64,
    /// Wall time of the run.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Documents searchable after the run.
    pub total_documents: u64,
    /// The index found was built by another version of zan (another schema or
    /// analysis), so it was rebuilt from scratch.
    pub rebuilt_outdated: bool,
    /// The damaged files of the index found, which was therefore rebuilt from scratch.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub damaged: Vec<zan_engine::DamagedFile>,
}

fn seconds<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64())
}

impl IndexReport {
    /// Returns true if every document was indexed.
    pub fn is_clean(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for IndexReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.elapsed.as_secs_f64();
        let megabytes = self.bytes as f64 / 1e6;
        if self.rebuilt_outdated {
            write!(f, "rebuilt (the old index was made by another version of zan): ")?;
        }
        if !self.damaged.is_empty() {
            write!(
                f,
                "rebuilt (the old index was damaged; damaged files: {}): ",
                self.damaged.len()
            )?;
        }
        write!(
            f,
            "indexed {} documents ({:.1} MB) in {:.2} s ({:.0} docs/s, {:.1} MB/s); {} unchanged, {} deleted, {} skipped, {} failed, {} scans waiting for OCR; {} documents in the index",
            self.indexed,
            megabytes,
            seconds,
            self.indexed as f64 / seconds.max(1e-9),
            megabytes / seconds.max(1e-9),
            self.unchanged,
            self.deleted,
            self.skipped,
            self.failures.len(),
            self.needs_ocr.len(),
            self.total_documents,
        )
    }
}
