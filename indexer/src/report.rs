//! What an indexing run did, for the summary line and the exit code.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One document that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// An editor's lock or temporary file, or a partial download (see
    /// [`crate::is_ignored_name`]).
    Temporary,
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
            SkipKind::Temporary => f.write_str("temporary or lock file"),
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
    /// Whether the run rebuilt the index from scratch (asked for, or forced by an
    /// outdated or damaged index); every document of such a run is `added`.
    pub full: bool,
    /// Documents added or replaced.
    pub indexed: usize,
    /// Whether `added` and `updated` list the ids ([`IndexerConfig::list_ids`]); when
    /// not, they are only counted, so that a build's memory does not grow with the
    /// corpus.
    ///
    /// [`IndexerConfig::list_ids`]: crate::IndexerConfig::list_ids
    #[serde(skip)]
    pub list_ids: bool,
    /// Ids of the documents new to the index, in the order written, when the run lists
    /// ids. Left out of the JSON of the report printed on standard output;
    /// [`RunReport`] lists them.
    #[serde(skip)]
    pub added: Vec<String>,
    /// Ids of the documents replaced because their content changed, when the run lists
    /// ids.
    #[serde(skip)]
    pub updated: Vec<String>,
    /// How many documents are new to the index (listed or not).
    #[serde(skip)]
    pub added_count: usize,
    /// How many documents were replaced because their content changed.
    #[serde(skip)]
    pub updated_count: usize,
    /// Ids of the documents removed because their file is gone, sorted.
    #[serde(skip)]
    pub deleted_ids: Vec<String>,
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
    /// A report that lists the ids it adds and updates, or only counts them.
    pub fn new(list_ids: bool) -> IndexReport {
        IndexReport { list_ids, ..IndexReport::default() }
    }

    /// Notes a document new to the index.
    pub fn note_added(&mut self, id: &str) {
        self.added_count += 1;
        if self.list_ids {
            self.added.push(id.to_owned());
        }
    }

    /// Notes a document replaced because its content changed.
    pub fn note_updated(&mut self, id: &str) {
        self.updated_count += 1;
        if self.list_ids {
            self.updated.push(id.to_owned());
        }
    }

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

/// Counts of what a run did, as in [`RunReport`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCounts {
    /// Documents new to the index.
    pub added: usize,
    /// Documents replaced because their content changed.
    pub updated: usize,
    /// Documents removed because their file is gone.
    pub deleted: usize,
    /// Documents whose content had not changed.
    pub unchanged: usize,
    /// Documents that failed.
    pub failed: usize,
    /// Scans left out until OCR is available.
    pub needs_ocr: usize,
    /// Files that are not documents.
    pub skipped: usize,
}

/// What a run did, document by document: written by `zan index --report FILE.json`, and,
/// without the lists of ids, kept in the index folder as [`LAST_RUN_FILE`] for
/// `zan status`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunReport {
    /// When the run ended (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub finished_at: String,
    /// What the index was built from.
    pub source: Option<crate::IndexSource>,
    /// Whether the run rebuilt the index from scratch.
    pub full: bool,
    /// Wall time of the run, in seconds.
    pub elapsed_s: f64,
    /// Documents searchable after the run.
    pub total_documents: u64,
    /// How many of each.
    pub counts: RunCounts,
    /// Whether `added`, `updated` and `deleted` list every id (false in [`LAST_RUN_FILE`]).
    pub ids_listed: bool,
    /// Ids of the documents new to the index.
    #[serde(default)]
    pub added: Vec<String>,
    /// Ids of the documents replaced because their content changed.
    #[serde(default)]
    pub updated: Vec<String>,
    /// Ids of the documents removed because their file is gone.
    #[serde(default)]
    pub deleted: Vec<String>,
    /// Documents that failed, with reasons.
    pub failed: Vec<Failure>,
    /// Scans left out until OCR is available, with reasons.
    pub needs_ocr: Vec<Failure>,
    /// Damaged files of the index found, which was therefore rebuilt (`file: problem`).
    #[serde(default)]
    pub damaged: Vec<String>,
}

/// The file in the index folder that keeps the last run's [`RunReport`] (without lists
/// of ids). tantivy ignores it.
pub const LAST_RUN_FILE: &str = "zan-last-run.json";

impl RunReport {
    /// The report of a run that ended now, with every id listed if the run listed them
    /// ([`IndexReport::list_ids`]).
    pub fn of(report: &IndexReport, source: Option<crate::IndexSource>) -> RunReport {
        RunReport {
            finished_at: utc_timestamp(std::time::SystemTime::now()),
            source,
            full: report.full,
            elapsed_s: report.elapsed.as_secs_f64(),
            total_documents: report.total_documents,
            counts: RunCounts {
                added: report.added_count,
                updated: report.updated_count,
                deleted: report.deleted,
                unchanged: report.unchanged,
                failed: report.failures.len(),
                needs_ocr: report.needs_ocr.len(),
                skipped: report.skipped,
            },
            ids_listed: report.list_ids,
            added: report.added.clone(),
            updated: report.updated.clone(),
            deleted: report.deleted_ids.clone(),
            failed: report.failures.clone(),
            needs_ocr: report.needs_ocr.clone(),
            damaged: report.damaged.iter().map(ToString::to_string).collect(),
        }
    }

    /// The same report without the lists of ids (the counts stay): what is kept in the
    /// index folder, whose size must not grow with every id of a full build.
    pub fn without_ids(mut self) -> RunReport {
        self.ids_listed = false;
        self.added = Vec::new();
        self.updated = Vec::new();
        self.deleted = Vec::new();
        self
    }

    /// Writes the report as JSON to `path`, through a temporary file renamed into place,
    /// so a reader never sees half a report.
    pub fn write(&self, path: &std::path::Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = std::path::PathBuf::from(partial);
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, path)
    }

    /// Reads the last run's report kept in an index folder, if there is one that reads.
    pub fn last(index: &std::path::Path) -> Option<RunReport> {
        let bytes = std::fs::read(index.join(LAST_RUN_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The report of a watch batch as `zan status` must see it: the batch's own, and the
    /// failures and scans waiting for OCR of the report kept before it that the batch
    /// did not look at again and whose files are `still_there`. A batch looks only at
    /// the files that changed: a broken file that no one touched is still broken, and a
    /// batch that left it alone must not make the index look whole.
    pub fn carrying(
        mut self,
        earlier: &RunReport,
        still_there: impl Fn(&str) -> bool,
    ) -> RunReport {
        let looked_at: std::collections::HashSet<&str> = self
            .added
            .iter()
            .chain(&self.updated)
            .chain(&self.deleted)
            .map(String::as_str)
            .chain(self.failed.iter().chain(&self.needs_ocr).map(|f| f.source.as_str()))
            .collect();
        let carried = |list: &[Failure]| -> Vec<Failure> {
            list.iter()
                .filter(|f| !looked_at.contains(f.source.as_str()) && still_there(&f.source))
                .cloned()
                .collect()
        };
        let (failed, needs_ocr) = (carried(&earlier.failed), carried(&earlier.needs_ocr));
        self.failed.extend(failed);
        self.needs_ocr.extend(needs_ocr);
        self.counts.failed = self.failed.len();
        self.counts.needs_ocr = self.needs_ocr.len();
        self
    }

    /// Keeps the report, without its lists of ids, in the index folder. A failure is
    /// logged, not fatal: the index itself is committed.
    pub fn keep_in(&self, index: &std::path::Path) {
        if let Err(error) = self.clone().without_ids().write(&index.join(LAST_RUN_FILE)) {
            tracing::warn!(%error, "cannot keep the report of the run in the index folder");
        }
    }
}

/// Formats a time as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
pub fn utc_timestamp(time: std::time::SystemTime) -> String {
    let seconds = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX));
    let day = zan_engine::Date::from_unix_seconds(seconds).to_iso();
    let of_day = seconds.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day / 60 % 60, of_day % 60)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_utc_timestamp() {
        let time = std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(utc_timestamp(time), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn test_kept_report_has_counts_but_no_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut report = IndexReport {
            failures: vec![Failure { source: "b.pdf".to_owned(), reason: "broken".to_owned() }],
            ..IndexReport::new(true)
        };
        report.note_added("a.txt");
        let listed = RunReport::of(&report, None);
        assert_eq!(listed.added, ["a.txt"]);
        listed.keep_in(dir.path());
        let kept = RunReport::last(dir.path()).unwrap();
        assert_eq!(kept.counts.added, 1);
        assert!(kept.added.is_empty() && !kept.ids_listed);
        assert_eq!(kept.failed[0].reason, "broken");
    }

    #[test]
    fn test_a_watch_batch_keeps_the_failures_it_did_not_look_at() {
        let failure = |source: &str, reason: &str| Failure {
            source: source.to_owned(),
            reason: reason.to_owned(),
        };
        let earlier = RunReport {
            failed: vec![
                failure("broken.pdf", "truncated"),
                failure("fixed.docx", "not a zip"),
                failure("gone.rtf", "bad group"),
            ],
            needs_ocr: vec![failure("scan.pdf", "no text layer")],
            ..RunReport::default()
        };
        // The batch indexed the repaired file and met a new broken one.
        let mut batch = IndexReport {
            failures: vec![failure("new.pdf", "encrypted")],
            ..IndexReport::new(true)
        };
        batch.note_updated("fixed.docx");
        let kept = RunReport::of(&batch, None).carrying(&earlier, |source| source != "gone.rtf");
        let failed: Vec<&str> = kept.failed.iter().map(|f| f.source.as_str()).collect();
        assert_eq!(failed, ["new.pdf", "broken.pdf"]);
        assert_eq!(kept.counts.failed, 2);
        assert_eq!(kept.needs_ocr.len(), 1);
        assert_eq!(kept.counts.needs_ocr, 1);
    }

    #[test]
    fn test_unlisted_ids_are_counted() {
        let mut report = IndexReport::new(false);
        report.note_added("a");
        report.note_added("b");
        report.note_updated("c");
        assert!(report.added.is_empty() && report.updated.is_empty());
        let run = RunReport::of(&report, None);
        assert_eq!((run.counts.added, run.counts.updated), (2, 1));
    }
}
