//! Verifying an index: `meta.json` and `.managed.json` parse, and every file the last
//! commit needs is there, whole, and still matches the checksum tantivy wrote in its
//! footer. A damaged index is named file by file, so a clerk knows what happened and
//! `zan index` knows that it must rebuild.
//!
//! Checksums cover every byte of a segment file, so a full verification reads the whole
//! index once; it is done when `zan index` or `zan serve` opens an index and by
//! `zan check`, not on every search.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::directory::error::OpenReadError;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::{Directory, Index, SegmentReader, TantivyError};

use crate::error::{EngineError, Result};
use crate::index::ZanIndex;

/// A damaged file of an index and what is wrong with it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DamagedFile {
    /// The file's name inside the index folder (`*` for every file of a segment).
    pub file: String,
    /// What is wrong with it.
    pub problem: String,
}

impl DamagedFile {
    fn new(file: impl Into<String>, problem: impl Into<String>) -> DamagedFile {
        DamagedFile { file: file.into(), problem: problem.into() }
    }
}

impl fmt::Display for DamagedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.problem)
    }
}

/// How many damaged files an error message names before it says "and N more".
const FILES_IN_MESSAGE: usize = 5;

impl DamagedFile {
    /// Lists damaged files for a one-line message: the first few, then how many more.
    pub fn list(files: &[DamagedFile]) -> String {
        list_damage(files)
    }
}

fn list_damage(files: &[DamagedFile]) -> String {
    let mut listed: Vec<String> =
        files.iter().take(FILES_IN_MESSAGE).map(DamagedFile::to_string).collect();
    if files.len() > FILES_IN_MESSAGE {
        listed.push(format!("and {} more", files.len() - FILES_IN_MESSAGE));
    }
    if listed.is_empty() {
        listed.push("it cannot be read".to_owned());
    }
    listed.join("; ")
}

/// What verifying an index found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    /// Segments in the last commit.
    pub segments: usize,
    /// Segment files whose checksum was checked.
    pub files: usize,
    /// Bytes read to check them.
    pub bytes: u64,
    /// Live documents the last commit holds.
    pub documents: u64,
    /// Damaged files; empty when the index is healthy.
    pub damaged: Vec<DamagedFile>,
    /// Time spent.
    #[serde(rename = "elapsed_ms", serialize_with = "milliseconds")]
    pub elapsed: Duration,
}

fn milliseconds<S: serde::Serializer>(
    duration: &Duration,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_f64((duration.as_secs_f64() * 1e5).round() / 100.0)
}

impl Verification {
    /// Returns true if nothing is damaged.
    pub fn is_healthy(&self) -> bool {
        self.damaged.is_empty()
    }

    /// A verification that found only damaged metadata (the segments could not be listed).
    pub(crate) fn of_metadata(damaged: Vec<DamagedFile>, started: Instant) -> Verification {
        Verification { damaged, elapsed: started.elapsed(), ..Verification::default() }
    }
}

/// Checks the JSON files tantivy keeps beside the segments, before tantivy reads them:
/// tantivy's own errors quote the whole garbled content, or blame an old tantivy version.
pub(crate) fn check_metadata(dir: &Path) -> Vec<DamagedFile> {
    let mut damaged = Vec::new();
    match std::fs::read(dir.join("meta.json")) {
        Err(error) => {
            damaged.push(DamagedFile::new("meta.json", format!("cannot be read: {error}")))
        }
        Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Err(error) => {
                damaged.push(DamagedFile::new("meta.json", format!("is not valid JSON ({error})")))
            }
            Ok(value) if !(value["segments"].is_array() && value["schema"].is_array()) => damaged
                .push(DamagedFile::new(
                    "meta.json",
                    "does not describe an index (no list of segments or no schema)",
                )),
            Ok(_) => {}
        },
    }
    let managed = dir.join(".managed.json");
    if managed.exists() {
        let parsed = std::fs::read(&managed)
            .map_err(|error| format!("cannot be read: {error}"))
            .and_then(|bytes| {
                serde_json::from_slice::<Vec<String>>(&bytes)
                    .map_err(|error| format!("is not a valid JSON list of files ({error})"))
            });
        if let Err(problem) = parsed {
            damaged.push(DamagedFile::new(".managed.json", problem));
        }
    }
    damaged
}

/// Describes a tantivy error for a person: without the garbled content tantivy quotes
/// and without its advice about tantivy 0.15, which is wrong for a damaged file.
pub(crate) fn describe(error: &TantivyError) -> String {
    describe_text(&error.to_string())
}

/// The bytes that end every file tantivy writes: the footer's length and magic number.
const FOOTER_END_BYTES: u64 = 8;

/// What is wrong with a file whose footer cannot be read.
const CUT_SHORT: &str = "its end is missing or overwritten (the file was cut short or changed)";

fn describe_text(text: &str) -> String {
    if text.contains("Footer magic byte mismatch") || text.contains("Footer seems invalid") {
        return CUT_SHORT.to_owned();
    }
    let text = text.split(". Content:").next().unwrap_or(text);
    text.chars().take(300).collect()
}

fn describe_open_read(error: &OpenReadError) -> String {
    match error {
        OpenReadError::FileDoesNotExist(_) => "missing".to_owned(),
        OpenReadError::IncompatibleIndex(incompatibility) => {
            format!("written by another version of tantivy ({incompatibility:?})")
        }
        OpenReadError::IoError { io_error, .. } => describe_text(&io_error.to_string()),
    }
}

/// The files of a segment: every component, the positions only if there are any
/// (tantivy reads a missing one as empty), the deletes only if the segment has some.
fn segment_files(segment: &SegmentMeta) -> Vec<(SegmentComponent, bool)> {
    let mut files = vec![
        (SegmentComponent::Terms, true),
        (SegmentComponent::Postings, true),
        (SegmentComponent::Positions, false),
        (SegmentComponent::Store, true),
        (SegmentComponent::FastFields, true),
        (SegmentComponent::FieldNorms, true),
    ];
    if segment.has_deletes() {
        files.push((SegmentComponent::Delete, true));
    }
    files
}

/// Verifies the segments of the last commit: each file is there and matches its
/// checksum, and each segment opens.
pub(crate) fn verify_segments(index: &Index, dir: Option<&Path>) -> Verification {
    let started = Instant::now();
    let metas = match index.load_metas() {
        Ok(metas) => metas,
        Err(error) => {
            return Verification::of_metadata(
                vec![DamagedFile::new("meta.json", describe(&error))],
                started,
            )
        }
    };
    let directory = index.directory();
    let mut verification = Verification::default();
    for segment in &metas.segments {
        verification.segments += 1;
        verification.documents += u64::from(segment.num_docs());
        let damaged_before = verification.damaged.len();
        for (component, required) in segment_files(segment) {
            let path = segment.relative_path(component);
            let name = path.display().to_string();
            match directory.exists(&path) {
                Ok(true) => {}
                Ok(false) if !required => continue,
                Ok(false) => {
                    verification.damaged.push(DamagedFile::new(name, "missing"));
                    continue;
                }
                Err(error) => {
                    verification.damaged.push(DamagedFile::new(name, describe_open_read(&error)));
                    continue;
                }
            }
            verification.files += 1;
            let size = dir.and_then(|dir| std::fs::metadata(dir.join(&path)).ok()).map(|m| m.len());
            verification.bytes += size.unwrap_or(0);
            if size.is_some_and(|size| size < FOOTER_END_BYTES) {
                // tantivy panics reading the footer of so short a file.
                verification.damaged.push(DamagedFile::new(name, CUT_SHORT));
                continue;
            }
            // A panic in tantivy's reading of a damaged file is damage too.
            let problem =
                match catch_unwind(AssertUnwindSafe(|| directory.validate_checksum(&path))) {
                    Ok(Ok(true)) => None,
                    Ok(Ok(false)) => Some(
                        "its content does not match its checksum (the file was changed)".to_owned(),
                    ),
                    Ok(Err(error)) => Some(describe_open_read(&error)),
                    Err(_) => Some(CUT_SHORT.to_owned()),
                };
            if let Some(problem) = problem {
                verification.damaged.push(DamagedFile::new(name, problem));
            }
        }
        if verification.damaged.len() == damaged_before {
            let opened = catch_unwind(AssertUnwindSafe(|| {
                SegmentReader::open(&index.segment(segment.clone()))
            }));
            let problem = match opened {
                Ok(Ok(_)) => None,
                Ok(Err(error)) => Some(describe(&error)),
                Err(panic) => Some(panic_message(panic.as_ref())),
            };
            if let Some(problem) = problem {
                verification.damaged.push(DamagedFile::new(
                    format!("{}.*", segment.id().uuid_string()),
                    format!("the segment cannot be opened: {problem}"),
                ));
            }
        }
    }
    verification.elapsed = started.elapsed();
    verification
}

/// The message a panic carried.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

/// Tells a read that failed because the index is damaged from other failures, at the
/// boundary of the engine: an error or a panic that reading a damaged file can cause
/// leads to a verification, and to [`EngineError::DamagedIndex`] if it finds damage.
/// Damage found is remembered for the commit it was found in.
#[derive(Debug, Default)]
pub(crate) struct DamageCheck {
    found: Mutex<Option<(u64, Vec<DamagedFile>)>>,
}

impl DamageCheck {
    /// Runs `read`, turning its failure into [`EngineError::DamagedIndex`] if the index
    /// is damaged, and a panic into an error in any case.
    pub(crate) fn guard<T>(&self, index: &ZanIndex, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let failure = match catch_unwind(AssertUnwindSafe(read)) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) if !error.may_be_damage() => return Err(error),
            Ok(Err(error)) => error,
            Err(panic) => EngineError::ReadFailed(panic_message(panic.as_ref())),
        };
        let files = self.damaged_files(index);
        if files.is_empty() {
            Err(failure)
        } else {
            Err(EngineError::DamagedIndex {
                path: index.path().unwrap_or(Path::new("")).to_owned(),
                files,
            })
        }
    }

    fn damaged_files(&self, index: &ZanIndex) -> Vec<DamagedFile> {
        let opstamp = index.tantivy().load_metas().map(|metas| metas.opstamp).ok();
        let mut found = self.found.lock().unwrap_or_else(PoisonError::into_inner);
        if let (Some(opstamp), Some((at, files))) = (opstamp, found.as_ref()) {
            if *at == opstamp {
                return files.clone();
            }
        }
        let files = index.verify().damaged;
        if let (Some(opstamp), false) = (opstamp, files.is_empty()) {
            *found = Some((opstamp, files.clone()));
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_footer_errors_do_not_blame_old_tantivy() {
        let error = TantivyError::IoError(std::sync::Arc::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "Footer magic byte mismatch. File corrupted or index was created using old an \
             tantivy version which is not supported anymore. Please use tantivy 0.15 or above",
        )));
        let text = describe(&error);
        assert!(!text.contains("0.15"), "{text}");
        assert!(text.contains("cut short"), "{text}");
    }

    #[test]
    fn test_damage_found_while_searching_is_named() {
        use std::io::{Seek, SeekFrom, Write};

        use crate::{Engine, IndexDocument, SearchRequest};

        let dir = tempfile::tempdir().unwrap();
        let index = ZanIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(20_000_000).unwrap();
        for i in 0..50 {
            let text = format!("Утвердить бюджет города, пункт {i}. ").repeat(30);
            writer
                .upsert(&IndexDocument {
                    id: format!("act-{i}.txt"),
                    title: format!("О бюджете {i}"),
                    paragraphs: IndexDocument::tag_paragraphs([text.as_str()]),
                    format: "txt".into(),
                    ..Default::default()
                })
                .unwrap();
        }
        writer.commit().unwrap();
        writer.finish().unwrap();
        // Nothing is read from the store before it is damaged: the engine would serve
        // the blocks it already holds.
        let engine = Engine::new(ZanIndex::open(dir.path()).unwrap()).unwrap();

        // The store is damaged under a running engine (in place: the engine maps it).
        // Every store file: the writer may have left more than one segment.
        let stores: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "store"))
            .collect();
        assert!(!stores.is_empty());
        for store in &stores {
            let length = std::fs::metadata(store).unwrap().len();
            let mut file = std::fs::OpenOptions::new().write(true).open(store).unwrap();
            file.seek(SeekFrom::Start(0)).unwrap();
            file.write_all(&vec![0xA5; (length / 2) as usize]).unwrap();
            file.sync_all().unwrap();
        }

        let names: Vec<String> = stores
            .iter()
            .map(|store| store.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for error in [
            engine.document("act-1.txt").expect_err("the stored copy is damaged"),
            engine.search(&SearchRequest::text("бюджет")).expect_err("hits are damaged"),
        ] {
            assert!(error.is_damage(), "{error}");
            assert!(names.iter().any(|name| error.to_string().contains(name)), "{error}");
        }
    }

    #[test]
    fn test_damage_list_is_bounded() {
        let files: Vec<DamagedFile> =
            (0..8).map(|i| DamagedFile::new(format!("f{i}.term"), "missing")).collect();
        let text = list_damage(&files);
        assert!(text.starts_with("f0.term: missing; f1.term: missing"), "{text}");
        assert!(text.ends_with("and 3 more"), "{text}");
    }
}
