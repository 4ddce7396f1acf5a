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

/// Why a file of the corpus folder is not indexed as a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipKind {
    /// A sidecar `NAME.meta.json`: read with its document, not a document itself.
    Sidecar,
    /// A hidden file or folder (its name starts with `.`); a folder is not entered.
    Hidden,
    /// A file of a type zan does not index, by its extension (lower case).
    OtherType(String),
    /// A file with no extension.
    NoExtension,
}

impl fmt::Display for SkipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipKind::Sidecar => f.write_str("sidecar .meta.json"),
            SkipKind::Hidden => f.write_str("hidden"),
            SkipKind::OtherType(extension) => write!(f, ".{extension}"),
            SkipKind::NoExtension => f.write_str("no extension"),
        }
    }
}

/// A file of the corpus folder that is not indexed as a document, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file (relative to the corpus, written as an id).
    pub source: String,
    /// Why it is skipped.
    pub kind: SkipKind,
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
    /// Files that are not documents (unknown extension, sidecars, hidden).
    pub skipped: usize,
    /// Those files, sorted, with why each is skipped.
    pub skipped_files: Vec<Skipped>,
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

impl IndexReport {
    /// ` (22 sidecar .meta.json, 1 .md, 1 .py)`, or nothing when no file was skipped.
    fn skipped_explained(&self) -> String {
        let counts = self.skipped_by_kind();
        if counts.is_empty() {
            return String::new();
        }
        let parts: Vec<String> =
            counts.iter().map(|(kind, count)| format!("{count} {kind}")).collect();
        format!(" ({})", parts.join(", "))
    }
}

fn seconds<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64())
}

impl IndexReport {
    /// Returns true if every document was indexed.
    pub fn is_clean(&self) -> bool {
        self.failures.is_empty()
    }

    /// Returns how many files were skipped for each reason, most frequent first.
    pub fn skipped_by_kind(&self) -> Vec<(&SkipKind, usize)> {
        let mut counts: std::collections::BTreeMap<&SkipKind, usize> = Default::default();
        for file in &self.skipped_files {
            *counts.entry(&file.kind).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
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
            "indexed {} documents ({:.1} MB) in {:.2} s ({:.0} docs/s, {:.1} MB/s); {} unchanged, {} deleted, {} skipped{}, {} failed, {} scans waiting for OCR; {} documents in the index",
            self.indexed,
            megabytes,
            seconds,
            self.indexed as f64 / seconds.max(1e-9),
            megabytes / seconds.max(1e-9),
            self.unchanged,
            self.deleted,
            self.skipped,
            self.skipped_explained(),
            self.failures.len(),
            self.needs_ocr.len(),
            self.total_documents,
        )
    }
}
