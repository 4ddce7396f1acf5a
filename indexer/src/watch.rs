//! `zan index --watch`: keeps the index in step with a folder that staff drop files into.
//!
//! The folder is first brought up to date by an ordinary incremental run; from then on
//! debounced file-system events (notify-debouncer-full) name the paths that changed, and
//! each path is looked at again on the next tick:
//!
//! - a path that is gone deletes its document, and every document under it when it was
//!   a folder (a deleted or renamed-away folder);
//! - a folder that appears (created, renamed or moved in) is scanned for documents, and
//!   documents that the index has under it but that are gone are deleted;
//! - a document file is read only once its size and modification time have stayed the
//!   same for the settle period ([`WatchOptions::settle`]), so a file still being copied
//!   or saved is never read; it is checked again after extraction, and a file that
//!   changed meanwhile waits for the next quiet period instead of being indexed;
//! - temporary and hidden names are ignored (see [`is_ignored_name`]); a changed sidecar
//!   re-indexes its document.
//!
//! What is ready is written as one batch and committed once, so a running `zan serve`
//! sees it whole; a batch waits while other changed paths are still settling (up to
//! [`MAX_BATCH_WAIT`]), so a folder of files dropped together, or a rename (a delete and
//! an add), is one commit. A file that cannot be extracted is reported in the batch and
//! the watch goes on. The stop flag (Ctrl-C, SIGTERM) ends the watch between batches.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use zan_engine::{ZanIndex, ZanWriter};
use zan_extract::{extract_file, SIDECAR_SUFFIX};

use crate::corpus::{declared_language, document_from_extracted, file_fingerprint, CorpusFile};
use crate::progress::Progress;
use crate::report::{Failure, IndexReport, RunReport};
use crate::{index_corpus, scan_corpus, IndexSource, IndexerConfig, IndexerError, Result};

/// The longest a ready change waits for others still settling before it is committed.
pub const MAX_BATCH_WAIT: Duration = Duration::from_secs(10);

/// Timing of a watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// How long a file's size and modification time must stay the same before it is read.
    pub settle: Duration,
    /// How long the event debouncer gathers events before it hands them over.
    pub debounce: Duration,
    /// How often changed paths are looked at again.
    pub tick: Duration,
}

impl Default for WatchOptions {
    fn default() -> WatchOptions {
        WatchOptions {
            settle: Duration::from_secs(2),
            debounce: Duration::from_millis(500),
            tick: Duration::from_millis(250),
        }
    }
}

/// What a watch tells its caller.
#[derive(Debug)]
pub enum WatchEvent<'a> {
    /// The first incremental run is over; events are watched from now on.
    Watching(&'a IndexReport),
    /// A batch was committed: what it added, updated, deleted and what failed.
    Batch(&'a IndexReport),
    /// The file-system watcher reported a problem; the watch goes on.
    Problem(String),
}

/// True for names that are never documents: editors' lock and temporary files
/// (`~$report.docx`, `.~lock.report.odt#`, `report.docx.tmp`), partial downloads and
/// copies (`*.part`, `*.partial`, `*.crdownload`) and hidden files.
pub fn is_ignored_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || [".tmp", ".part", ".partial", ".crdownload", ".swp", "~"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
}

fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.as_encoded_bytes().ends_with(SIDECAR_SUFFIX.as_bytes()))
}

/// What to do about a path once it is looked at.
enum Ready {
    /// Extract and write the file; `seen` is its size and time when it was stable.
    Index(CorpusFile, (u64, SystemTime)),
    /// Delete the document with this id and every document under it.
    Delete(String),
}

/// A changed path waiting to be looked at.
#[derive(Debug, Clone, Copy)]
struct Settling {
    /// Size and modification time when last looked at.
    seen: Option<(u64, SystemTime)>,
    /// When `seen` last changed (or the path was reported).
    since: Instant,
}

/// The state of a watch between ticks.
struct Watcher<'a> {
    root: PathBuf,
    config: &'a IndexerConfig,
    options: &'a WatchOptions,
    /// The ids in the index, with their fingerprints.
    known: HashMap<String, u64>,
    pending: HashMap<PathBuf, Settling>,
    ready: Vec<Ready>,
    /// When the oldest change of `ready` became ready.
    ready_since: Option<Instant>,
}

/// Watches the corpus folder of `config` and keeps its index in step until `stop` is set.
/// `progress` shows the first incremental run; `on_event` hears of every batch.
pub fn watch_corpus(
    config: &IndexerConfig,
    options: &WatchOptions,
    stop: &AtomicBool,
    progress: &dyn Progress,
    on_event: &mut dyn FnMut(WatchEvent<'_>),
) -> Result<()> {
    let watch_error = |error: notify_debouncer_full::notify::Error| IndexerError::Input {
        path: config.corpus.clone(),
        source: std::io::Error::other(format!("cannot watch the folder: {error}")),
    };
    let root = config
        .corpus
        .canonicalize()
        .map_err(|source| IndexerError::Input { path: config.corpus.clone(), source })?;
    // Watch first, then catch up: a file dropped during the first run is not missed.
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(options.debounce, None, sender).map_err(watch_error)?;
    debouncer.watch(&root, RecursiveMode::Recursive).map_err(watch_error)?;
    let first = index_corpus(config, progress)?;
    on_event(WatchEvent::Watching(&first));

    let index = ZanIndex::open(&config.index)?;
    let mut writer = index.writer(config.writer_memory)?;
    let mut watcher = Watcher {
        root,
        config,
        options,
        known: index.fingerprints()?,
        pending: HashMap::new(),
        ready: Vec::new(),
        ready_since: None,
    };
    while !stop.load(Ordering::SeqCst) {
        match events.recv_timeout(options.tick) {
            Ok(Ok(batch)) => {
                for event in batch {
                    if event.need_rescan() {
                        // Events were lost (a full kernel queue): look at everything.
                        watcher.touch(watcher.root.clone());
                    }
                    if !matches!(event.kind, EventKind::Access(_)) {
                        event.event.paths.into_iter().for_each(|path| watcher.touch(path));
                    }
                }
            }
            Ok(Err(errors)) => {
                for error in errors {
                    on_event(WatchEvent::Problem(error.to_string()));
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                on_event(WatchEvent::Problem("the file-system watcher stopped".to_owned()));
                break;
            }
        }
        watcher.look(Instant::now());
        if watcher.batch_due(Instant::now()) {
            let report = watcher.write_batch(&mut writer)?;
            if let Some(path) = index.path() {
                let batch = RunReport::of(&report, Some(IndexSource::corpus(&config.corpus)));
                let kept = match RunReport::last(path) {
                    Some(earlier) => {
                        batch.carrying(&earlier, |source| config.corpus.join(source).exists())
                    }
                    None => batch,
                };
                kept.keep_in(path);
            }
            on_event(WatchEvent::Batch(&report));
        }
    }
    debouncer.stop();
    writer.finish()?;
    Ok(())
}

impl Watcher<'_> {
    /// The document id of a path under the root, or `None` for the root itself, a path
    /// outside it, or a path with a hidden or temporary name in it.
    fn id_of(&self, path: &Path) -> Option<String> {
        let relative = path.strip_prefix(&self.root).ok()?;
        if relative.as_os_str().is_empty() {
            return None;
        }
        let ignored =
            relative.components().any(|part| is_ignored_name(&part.as_os_str().to_string_lossy()));
        (!ignored).then(|| zan_engine::id_for_path(relative))
    }

    /// Notes that a path changed: it is looked at on the next ticks.
    fn touch(&mut self, path: PathBuf) {
        if path != self.root && self.id_of(&path).is_none() {
            return;
        }
        let now = Instant::now();
        self.pending.insert(path, Settling { seen: None, since: now });
    }

    /// Looks at every changed path again and moves those that are ready to `ready`.
    fn look(&mut self, now: Instant) {
        let paths: Vec<PathBuf> = self.pending.keys().cloned().collect();
        for path in paths {
            let metadata = match std::fs::symlink_metadata(&path) {
                Ok(metadata) => metadata,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    self.pending.remove(&path);
                    if is_sidecar(&path) {
                        // Its document goes back to the requisites of its own header.
                        self.touch_documents_of_sidecar(&path);
                    } else if let Some(id) = self.id_of(&path) {
                        self.make_ready(Ready::Delete(id), now);
                    }
                    continue;
                }
                // Unreadable for now (permissions being set): look again next tick.
                Err(_) => continue,
            };
            if metadata.is_dir() {
                self.pending.remove(&path);
                self.expand(&path, now);
                continue;
            }
            if !metadata.is_file() {
                self.pending.remove(&path);
                continue;
            }
            let seen = (metadata.len(), metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH));
            let Some(settling) = self.pending.get_mut(&path) else { continue };
            match settling.seen {
                // First look: the quiet time counts from the event, which came after
                // the debouncer's own quiet time.
                None => {
                    settling.seen = Some(seen);
                    continue;
                }
                Some(before) if before != seen => {
                    settling.seen = Some(seen);
                    settling.since = now;
                    continue;
                }
                Some(_) => {}
            }
            // Stable once unchanged for the settle period. Not sooner even when the
            // file's time is old: copies that keep the original's time set it first.
            if now.duration_since(settling.since) < self.options.settle {
                continue;
            }
            self.pending.remove(&path);
            if is_sidecar(&path) {
                self.touch_documents_of_sidecar(&path);
            } else if let Some(file) = self.document(&path) {
                self.make_ready(Ready::Index(file, seen), now);
            }
        }
    }

    /// The corpus file of a path, if it is a document zan indexes.
    fn document(&self, path: &Path) -> Option<CorpusFile> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        if !crate::DOCUMENT_EXTENSIONS.contains(&extension.as_str()) {
            return None;
        }
        Some(CorpusFile { path: path.to_owned(), id: self.id_of(path)? })
    }

    /// A sidecar changed: its documents (the files beside it with its stem) are indexed
    /// again, once they are stable themselves.
    fn touch_documents_of_sidecar(&mut self, sidecar: &Path) {
        let Some(folder) = sidecar.parent() else { return };
        let Ok(entries) = std::fs::read_dir(folder) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if zan_extract::sidecar_path(&path) == sidecar && self.document(&path).is_some() {
                // The document itself has not changed (its own events would say so): it
                // is ready once two looks find it the same.
                let settled = Instant::now().checked_sub(self.options.settle);
                let since = settled.unwrap_or_else(Instant::now);
                self.pending.entry(path).or_insert(Settling { seen: None, since });
            }
        }
    }

    /// A folder appeared or events were lost: its documents are looked at, and documents
    /// the index has under it whose files are gone are deleted.
    fn expand(&mut self, folder: &Path, now: Instant) {
        let Ok((files, _skipped)) = scan_corpus(folder) else { return };
        let mut present = HashSet::new();
        for file in files {
            if let Some(id) = self.id_of(&file.path) {
                present.insert(id);
                self.touch(file.path);
            }
        }
        let prefix = self.id_of(folder).map(|id| format!("{id}/")).unwrap_or_default();
        let gone: Vec<String> = self
            .known
            .keys()
            .filter(|id| id.starts_with(&prefix) && !present.contains(id.as_str()))
            .cloned()
            .collect();
        for id in gone {
            self.make_ready(Ready::Delete(id), now);
        }
    }

    fn make_ready(&mut self, ready: Ready, now: Instant) {
        self.ready.push(ready);
        self.ready_since.get_or_insert(now);
    }

    /// A batch is written when changes are ready and nothing else is settling, when
    /// ready changes have waited long enough, or when they fill a batch.
    fn batch_due(&self, now: Instant) -> bool {
        let Some(since) = self.ready_since else { return false };
        self.pending.is_empty()
            || now.duration_since(since) >= MAX_BATCH_WAIT
            || self.ready.len() >= self.config.batch_size.max(1)
    }

    /// Writes what is ready and commits it as one batch.
    fn write_batch(&mut self, writer: &mut ZanWriter) -> Result<IndexReport> {
        let started = Instant::now();
        // A batch lists its ids: they decide which deletions were renames.
        let mut report = IndexReport::new(true);
        let ready = std::mem::take(&mut self.ready);
        self.ready_since = None;
        let mut deleted = HashSet::new();
        for change in ready {
            match change {
                Ready::Delete(id) => {
                    // A file's own id, or else a folder's: only a folder needs the walk
                    // over every id (a rescan deletes gone files one by one).
                    let ids: Vec<String> = if self.known.contains_key(&id) {
                        vec![id]
                    } else {
                        let prefix = format!("{id}/");
                        self.known
                            .keys()
                            .filter(|known| known.starts_with(&prefix))
                            .cloned()
                            .collect()
                    };
                    for id in ids {
                        writer.delete(&id);
                        self.known.remove(&id);
                        deleted.insert(id);
                    }
                }
                Ready::Index(file, seen) => {
                    self.index_file(writer, file, seen, &deleted, &mut report)?;
                }
            }
        }
        // A rename deletes the old id and adds the new one; a file deleted and dropped
        // again in one batch is an update, not a deletion.
        let written: HashSet<&String> = report.added.iter().chain(&report.updated).collect();
        report.deleted_ids = deleted.into_iter().filter(|id| !written.contains(id)).collect();
        report.deleted_ids.sort();
        report.deleted = report.deleted_ids.len();
        writer.commit()?;
        report.total_documents = self.known.len() as u64;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Extracts one stable file and writes it, unless it is unchanged or changed again
    /// while it was read (then it settles once more).
    fn index_file(
        &mut self,
        writer: &mut ZanWriter,
        file: CorpusFile,
        seen: (u64, SystemTime),
        deleted_in_batch: &HashSet<String>,
        report: &mut IndexReport,
    ) -> Result<()> {
        // Unreadable: extraction says why (or the file is gone, and the check below
        // sends it back to be looked at).
        let (print, size) = file_fingerprint(&file, None, None).0.unwrap_or((0, 0));
        if self.known.get(&file.id) == Some(&print) {
            report.unchanged += 1;
            return Ok(());
        }
        let result = extract_file(&file.path).map(|extracted| {
            document_from_extracted(&file.id, extracted, print, declared_language(&file.path))
        });
        let still = std::fs::metadata(&file.path)
            .ok()
            .map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
        if still != Some(seen) {
            // Written to again while it was read: what was read may be a part of it.
            self.touch(file.path);
            return Ok(());
        }
        // Deleted earlier in this batch and dropped again: the index had it, an update.
        let was_known =
            self.known.remove(&file.id).is_some() || deleted_in_batch.contains(&file.id);
        match result {
            Ok(document) => {
                writer.upsert(&document)?;
                self.known.insert(file.id.clone(), print);
                report.indexed += 1;
                report.bytes += size;
                if was_known {
                    report.note_updated(&file.id);
                } else {
                    report.note_added(&file.id);
                }
            }
            Err(error) => {
                // A file that now fails must not stay in the index with old content.
                writer.delete(&file.id);
                let failure = Failure { source: file.id, reason: error.reason() };
                match error {
                    zan_extract::ExtractError::NeedsOcr { .. } => report.needs_ocr.push(failure),
                    _ => report.failures.push(failure),
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_temporary_and_hidden_names_are_ignored() {
        for name in [
            "~$решение.docx",
            ".~lock.решение.odt#",
            "решение.docx.tmp",
            "решение.pdf.part",
            "решение.PDF.crdownload",
            ".hidden.txt",
            "решение.txt~",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["решение.docx", "tmp-решение.txt", "part.pdf", "report~1.txt"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
