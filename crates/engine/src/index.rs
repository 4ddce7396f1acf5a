//! Opening and creating the index, and writing to it.
//!
//! The indexer is the only writer (tantivy holds a lock file while a writer lives);
//! readers reload on each commit, so a running server sees new documents without a
//! restart.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::directory::error::LockError;
use tantivy::directory::{MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy, NoMergePolicy};
use tantivy::merge_policy::{MergeCandidate, MergePolicy};
use tantivy::{Directory, Index, IndexSettings, IndexWriter, TantivyError, Term};

use crate::directory::ReaderDirectory;
use crate::document::{IndexDocument, WriteDocument};
use crate::error::{EngineError, Result};
use crate::schema::ZanSchema;
use crate::str_values::StrValues;
use crate::verify::{check_metadata, describe, verify_segments, DamagedFile, Verification};

/// Memory budget of the index writer, in bytes. tantivy splits it among its threads;
/// a segment is flushed when a thread's share is full.
pub const DEFAULT_WRITER_MEMORY: usize = 200 * 1024 * 1024;

/// No merge makes a segment of more documents than this. A merge reads its segments
/// through memory maps, whose pages count in the writer's resident memory until the
/// merge ends, so this bounds the memory of a merge (about 4 KB per document for acts of
/// 5 KB: 0.4 GB) whatever the size of the corpus. A million acts make 17 segments, until
/// the run's [`ZanIndex::consolidate`] merges them into a few of at most
/// [`CONSOLIDATED_DOCS`].
pub const MAX_MERGED_DOCS: u32 = 100_000;

/// Segments merged at once: few, large merges rather than many small ones.
const MERGE_FACTOR: usize = 8;

/// The largest segment the merges that end a full build make ([`ZanIndex::consolidate`]).
/// A search walks the segments one after another, each with its own term look-ups and
/// scorers: at a million acts, a median search took 5.4 ms over the 17 segments of at
/// most [`MAX_MERGED_DOCS`] the build's merges make, 5.1 ms over 6 of about 170 000
/// documents and 4.6 ms over 3 of at most this many. These merges read their segments
/// by copying, not mapping (see `ReaderDirectory::copying`): their memory is that of
/// the segments they read, one at a time, not of the segment they make (243 MB peak
/// for the million). The merge policy never merges a segment this large again (it
/// stops at [`MAX_MERGED_DOCS`]): the documents deleted from it by incremental runs
/// stay on disk until the next full build.
pub const CONSOLIDATED_DOCS: u32 = 500_000;

/// Bytes of stored text compressed together. An act is a few kilobytes: blocks of
/// 64 KB give LZ4 a whole window of similar acts to find repeats in (requisites,
/// formulae, the city's names), where tantivy's 16 KB blocks held two or three acts;
/// a snippet then decompresses one 64 KB block, some 20 microseconds.
pub const STORE_BLOCK_BYTES: usize = 64 * 1024;

/// The settings of a new index.
fn index_settings() -> IndexSettings {
    IndexSettings { docstore_blocksize: STORE_BLOCK_BYTES, ..IndexSettings::default() }
}

/// zan's merge policy: tantivy's log policy (merge [`MERGE_FACTOR`] segments of a
/// similar size), except that a merge takes, smallest first, only the segments that
/// keep its result within `max_docs` documents. tantivy's own limit is on the segments
/// it merges, not on the result, so eight segments just under it made one eight times
/// as large, and memory grew with the corpus.
#[derive(Debug)]
struct BoundedMerges {
    log: LogMergePolicy,
    max_docs: u32,
}

impl BoundedMerges {
    fn new(max_docs: u32) -> BoundedMerges {
        let mut log = LogMergePolicy::default();
        log.set_min_num_segments(MERGE_FACTOR);
        log.set_max_docs_before_merge(max_docs as usize);
        // A segment with a fifth of its documents deleted is merged to reclaim the space.
        log.set_del_docs_ratio_before_merge(0.2);
        BoundedMerges { log, max_docs }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|segment| (segment.id(), segment.num_docs())).collect();
        let docs_of = |id: &SegmentId| docs.get(id).copied().unwrap_or(0);
        self.log
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(mut ids)| {
                // One segment alone is a merge that drops its deleted documents.
                let alone = ids.len() == 1;
                ids.sort_by_key(docs_of);
                let mut total = 0u32;
                ids.retain(|id| {
                    let fits = total.saturating_add(docs_of(id)) <= self.max_docs;
                    if fits {
                        total += docs_of(id);
                    }
                    fits
                });
                (ids.len() >= 2 || (alone && ids.len() == 1)).then_some(MergeCandidate(ids))
            })
            .collect()
    }
}

/// A zan index: tantivy's index with zan's schema and analyzers registered.
#[derive(Clone)]
pub struct ZanIndex {
    index: Index,
    schema: ZanSchema,
    path: Option<PathBuf>,
}

impl ZanIndex {
    fn with_analyzers(index: Index, path: Option<PathBuf>) -> Result<ZanIndex> {
        let schema = ZanSchema::from_schema(&index.schema())
            .ok_or_else(|| EngineError::OutdatedIndex { path: path.clone().unwrap_or_default() })?;
        zan_analysis::register_analyzers(index.tokenizers());
        Ok(ZanIndex { index, schema, path })
    }

    /// Returns true if `dir` holds an index.
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").is_file()
    }

    /// Opens an existing index, for reading or writing; a read-only folder can be read.
    /// Fails with [`EngineError::DamagedIndex`] if `meta.json` or `.managed.json` is
    /// damaged; the segments are checked only by [`ZanIndex::verify`].
    pub fn open(dir: &Path) -> Result<ZanIndex> {
        if !ZanIndex::exists(dir) {
            return Err(EngineError::NoIndex { path: dir.to_owned() });
        }
        let damaged = check_metadata(dir);
        if !damaged.is_empty() {
            return Err(EngineError::DamagedIndex { path: dir.to_owned(), files: damaged });
        }
        ZanIndex::open_in(ReaderDirectory::open(dir)?, dir)
    }

    /// Opens the index of `dir` through a directory (tests give one that fails writes).
    pub(crate) fn open_in(directory: ReaderDirectory, dir: &Path) -> Result<ZanIndex> {
        let index = Index::open(directory).map_err(|error| match error {
            TantivyError::DataCorruption(_) => EngineError::DamagedIndex {
                path: dir.to_owned(),
                files: vec![DamagedFile {
                    file: "meta.json".to_owned(),
                    problem: describe(&error),
                }],
            },
            TantivyError::IncompatibleIndex(_) => {
                EngineError::OutdatedIndex { path: dir.to_owned() }
            }
            other => EngineError::Index(other),
        })?;
        ZanIndex::with_analyzers(index, Some(dir.to_owned()))
    }

    /// Opens an existing index and verifies it (see [`ZanIndex::verify`]); fails with
    /// [`EngineError::DamagedIndex`] naming the damaged files.
    pub fn open_verified(dir: &Path) -> Result<ZanIndex> {
        let index = ZanIndex::open(dir)?;
        let verification = index.verify();
        if verification.is_healthy() {
            Ok(index)
        } else {
            Err(EngineError::DamagedIndex { path: dir.to_owned(), files: verification.damaged })
        }
    }

    /// Verifies the index on disk: every file of the last commit is there, whole, and
    /// matches its checksum, and every segment opens. Reads the whole index once.
    pub fn verify(&self) -> Verification {
        verify_segments(&self.index, self.path.as_deref())
    }

    /// Verifies the index in `dir` as `zan check` does: damaged metadata is reported in
    /// the verification like a damaged segment. Fails only if there is no index, or an
    /// index of another version of zan, or the folder cannot be read.
    pub fn check(dir: &Path) -> Result<Verification> {
        let started = Instant::now();
        match ZanIndex::open(dir) {
            Ok(index) => Ok(index.verify()),
            Err(EngineError::DamagedIndex { files, .. }) => {
                Ok(Verification::of_metadata(files, started))
            }
            Err(error) => Err(error),
        }
    }

    /// Opens the index in `dir`, creating the directory and an empty index if needed.
    pub fn open_or_create(dir: &Path) -> Result<ZanIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|source| EngineError::Io { path: dir.to_owned(), source })?;
        if ZanIndex::exists(dir) {
            // tantivy's own open_or_create refuses another schema with a bare error;
            // opening says which: an index of another version of zan, or a damaged one.
            return ZanIndex::open(dir);
        }
        let directory = MmapDirectory::open(dir)?;
        let index = Index::create(directory, ZanSchema::new().schema, index_settings())?;
        ZanIndex::with_analyzers(index, Some(dir.to_owned()))
    }

    /// Creates an empty index in `dir` with the current schema, replacing an index of
    /// another version or a damaged one that is there. Its files are removed once nothing
    /// uses them; when its metadata is damaged, so that tantivy no longer knows its
    /// files, they are removed now.
    pub fn recreate(dir: &Path) -> Result<ZanIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|source| EngineError::Io { path: dir.to_owned(), source })?;
        let directory = MmapDirectory::open(dir)?;
        // Nothing is replaced under a running writer: take its lock first.
        let lock = directory
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|error| lock_error(dir, TantivyError::LockFailure(error, None)))?;
        if ZanIndex::exists(dir) && !check_metadata(dir).is_empty() {
            remove_index_files(dir)?;
        }
        drop(lock);
        let index = Index::create(directory, ZanSchema::new().schema, index_settings())?;
        ZanIndex::with_analyzers(index, Some(dir.to_owned()))
    }

    /// Returns true if `dir` holds no index or one that this version cannot read: what
    /// `zan serve` builds before serving.
    pub fn needs_build(dir: &Path) -> bool {
        !ZanIndex::exists(dir)
            || matches!(ZanIndex::open(dir), Err(EngineError::OutdatedIndex { .. }))
    }

    /// Creates an index in memory (tests and benchmarks).
    pub fn create_in_ram() -> ZanIndex {
        let index = Index::create_in_ram(ZanSchema::new().schema);
        ZanIndex::with_analyzers(index, None).expect("a fresh index has the current schema")
    }

    /// Returns the schema handles.
    pub fn schema(&self) -> &ZanSchema {
        &self.schema
    }

    /// Returns the tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Returns the directory of the index, if it is on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Opens the single writer. Fails with [`EngineError::IndexBusy`] if another writer
    /// holds the lock.
    ///
    /// One indexing thread per core, sharing `memory_budget`; one merge at a time, so
    /// the memory of merges is that of one ([`MAX_MERGED_DOCS`]).
    pub fn writer(&self, memory_budget: usize) -> Result<ZanWriter> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        // tantivy's floor for a thread's share.
        let per_thread = (memory_budget / threads).max(15_000_000);
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(per_thread)
            .num_merge_threads(1)
            .build();
        let writer = self
            .index
            .writer_with_options(options)
            .map_err(|error| lock_error(self.path.as_deref().unwrap_or(Path::new("")), error))?;
        writer.set_merge_policy(Box::new(BoundedMerges::new(MAX_MERGED_DOCS)));
        Ok(ZanWriter { writer, schema: self.schema.clone() })
    }

    /// Merges the segments of an index on disk into as few as hold at most
    /// [`CONSOLIDATED_DOCS`] documents each, smallest first, and returns how many
    /// merges it made. Run at the end of a full build: the merge policy of the build
    /// leaves segments of at most [`MAX_MERGED_DOCS`]. Reads by copying
    /// (`ReaderDirectory::copying`), so its memory is about one segment's stored texts, whatever
    /// the size of the index. Fails with [`EngineError::IndexBusy`] while a writer
    /// works; an index in memory is left as it is.
    pub fn consolidate(&self) -> Result<usize> {
        let Some(dir) = self.path.as_deref() else { return Ok(0) };
        let index = Index::open(ReaderDirectory::copying(dir)?)?;
        let segments: Vec<(SegmentId, u32)> = index
            .searchable_segment_metas()?
            .iter()
            .map(|segment| (segment.id(), segment.num_docs()))
            .collect();
        let groups = consolidation_groups(segments, CONSOLIDATED_DOCS);
        if groups.is_empty() {
            return Ok(0);
        }
        let options = IndexWriterOptions::builder()
            .num_worker_threads(1)
            .memory_budget_per_thread(15_000_000)
            .num_merge_threads(1)
            .build();
        let mut writer: IndexWriter =
            index.writer_with_options(options).map_err(|error| lock_error(dir, error))?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for group in &groups {
            writer.merge(group).wait()?;
        }
        writer.wait_merging_threads()?;
        Ok(groups.len())
    }

    /// Returns the fingerprint of every live document, by id.
    pub fn fingerprints(&self) -> Result<HashMap<String, u64>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut fingerprints = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let Some(ids) = StrValues::read(fast.str("id")?)? else { continue };
            let prints = fast.u64("fingerprint")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                    continue;
                }
                let Some(id) = ids.first(doc) else { continue };
                let print = prints.first(doc).unwrap_or(0);
                fingerprints.insert(id.to_owned(), print);
            }
        }
        Ok(fingerprints)
    }
}

/// Groups segments, smallest first, into merges of at most `max_docs` documents: each
/// segment goes to the first group it fits in. Only groups of two or more are merges.
fn consolidation_groups(mut segments: Vec<(SegmentId, u32)>, max_docs: u32) -> Vec<Vec<SegmentId>> {
    segments.sort_by_key(|&(id, docs)| (docs, id));
    let mut groups: Vec<(u32, Vec<SegmentId>)> = Vec::new();
    for (id, docs) in segments {
        match groups.iter_mut().find(|(total, _)| total.saturating_add(docs) <= max_docs) {
            Some((total, ids)) => {
                *total += docs;
                ids.push(id);
            }
            None => groups.push((docs, vec![id])),
        }
    }
    groups.into_iter().map(|(_, ids)| ids).filter(|ids| ids.len() >= 2).collect()
}

/// Says why the writer's lock could not be taken: another writer holds it, or the folder
/// cannot be written.
fn lock_error(dir: &Path, error: TantivyError) -> EngineError {
    match error {
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            EngineError::IndexBusy { path: dir.to_owned() }
        }
        TantivyError::LockFailure(LockError::IoError(source), _) => {
            EngineError::NotWritable { path: dir.to_owned(), reason: source.to_string() }
        }
        other => EngineError::Index(other),
    }
}

/// Removes tantivy's files from an index folder whose metadata is damaged: `meta.json`,
/// `.managed.json` and the segment files (named by a 32-digit hexadecimal id). Nothing
/// else in the folder is touched.
fn remove_index_files(dir: &Path) -> Result<()> {
    let io_error = |path: &Path, source| EngineError::Io { path: path.to_owned(), source };
    let entries = std::fs::read_dir(dir).map_err(|source| io_error(dir, source))?;
    for entry in entries {
        let entry = entry.map_err(|source| io_error(dir, source))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let segment_file = name
            .split_once('.')
            .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
        if segment_file || name == "meta.json" || name == ".managed.json" {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|source| io_error(&path, source))?;
        }
    }
    Ok(())
}

/// The index writer: replaces documents by id, deletes, commits.
pub struct ZanWriter {
    writer: IndexWriter<WriteDocument>,
    schema: ZanSchema,
}

impl ZanWriter {
    /// Adds a document, replacing any document with the same id.
    pub fn upsert(&mut self, document: &IndexDocument) -> Result<()> {
        self.delete(&document.id);
        self.writer.add_document(document.to_tantivy(&self.schema))?;
        Ok(())
    }

    /// Adds a document whose id the index does not hold: a run that has emptied the
    /// index (`--full`) and checks that ids are unique spares the delete of each id.
    pub fn add(&mut self, document: &IndexDocument) -> Result<()> {
        self.writer.add_document(document.to_tantivy(&self.schema))?;
        Ok(())
    }

    /// Deletes the document with this id, if any.
    pub fn delete(&mut self, id: &str) {
        self.writer.delete_term(Term::from_field_text(self.schema.id, id));
    }

    /// Deletes every document.
    pub fn delete_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything written so far durable and visible to readers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }

    /// Drops everything written since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Waits for merges to finish and releases the lock.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::indexer::NoMergePolicy;

    /// Writes `segments` commits of `per_segment` decisions each, without merges, and
    /// returns the writer.
    fn without_merges(index: &ZanIndex, segments: usize, per_segment: usize) -> ZanWriter {
        let mut writer = index.writer(30_000_000).expect("writer");
        writer.writer.set_merge_policy(Box::new(NoMergePolicy));
        for segment in 0..segments {
            for n in 0..per_segment {
                let document = IndexDocument {
                    id: format!("{segment}-{n}"),
                    title: format!("Решение о бюджете номер {n}"),
                    ..IndexDocument::default()
                };
                writer.add(&document).expect("add");
            }
            writer.commit().expect("commit");
        }
        writer
    }

    #[test]
    fn test_no_merge_passes_the_bound() {
        let index = ZanIndex::create_in_ram();
        let _writer = without_merges(&index, 10, 10);
        // Each commit makes a segment per indexing thread that had documents.
        let segments = index.tantivy().searchable_segment_metas().expect("metas");
        assert!(segments.len() >= 10);
        let docs = |MergeCandidate(ids): &MergeCandidate| -> u32 {
            let of = |id: &SegmentId| segments.iter().find(|s| s.id() == *id).map(|s| s.num_docs());
            ids.iter().map(|id| of(id).expect("a segment of the index")).sum()
        };
        // tantivy's log policy alone merges all these small segments at once.
        let unbounded = BoundedMerges::new(1_000).compute_merge_candidates(&segments);
        assert_eq!(unbounded.iter().map(docs).sum::<u32>(), 100);
        let bounded = BoundedMerges::new(30).compute_merge_candidates(&segments);
        assert!(!bounded.is_empty());
        for candidate in &bounded {
            assert!(candidate.0.len() >= 2);
            assert!(docs(candidate) <= 30, "{} documents", docs(candidate));
        }
    }

    #[test]
    fn test_consolidation_groups_fill_merges_up_to_the_bound() {
        let ids: Vec<SegmentId> = (0..9).map(|_| SegmentId::generate_random()).collect();
        let sizes = [83, 2, 27, 83, 27, 27, 83, 27, 83];
        let segments: Vec<(SegmentId, u32)> = ids.iter().copied().zip(sizes).collect();
        let size = |id: &SegmentId| sizes[ids.iter().position(|other| other == id).unwrap()];
        let groups = consolidation_groups(segments, 170);
        // The small ones together, the large ones in pairs.
        let mut totals: Vec<u32> = groups.iter().map(|ids| ids.iter().map(size).sum()).collect();
        totals.sort_unstable();
        assert_eq!(totals, [110, 166, 166]);
        let merged: usize = groups.iter().map(Vec::len).sum();
        assert_eq!(merged, 9);
        // Nothing to merge: one segment, or segments that fit nowhere together.
        assert!(consolidation_groups(vec![(ids[0], 5)], 170).is_empty());
        assert!(consolidation_groups(vec![(ids[0], 100), (ids[1], 100)], 170).is_empty());
    }

    #[test]
    fn test_consolidate_merges_an_index_on_disk_into_one_segment() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let index = ZanIndex::open_or_create(dir.path()).expect("index");
        let mut writer = without_merges(&index, 5, 20);
        writer.delete("0-0");
        writer.commit().expect("commit");
        writer.finish().expect("finish");
        let before = index.tantivy().searchable_segment_metas().expect("metas").len();
        assert!(before >= 5);
        // A writer at work keeps it from running.
        let busy = index.writer(30_000_000).expect("writer");
        assert!(matches!(index.consolidate(), Err(EngineError::IndexBusy { .. })));
        busy.finish().expect("finish");

        assert_eq!(index.consolidate().expect("consolidated"), 1);
        let reopened = ZanIndex::open(dir.path()).expect("reopened");
        let segments = reopened.tantivy().searchable_segment_metas().expect("metas");
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].num_docs(), 99);
        assert!(reopened.verify().is_healthy());
        let engine = crate::Engine::new(reopened).expect("engine");
        let results = engine.search(&crate::SearchRequest::text("бюджет")).expect("search");
        assert_eq!(results.total, 99);
        // Nothing left to merge.
        assert_eq!(index.consolidate().expect("consolidated"), 0);
    }
}
