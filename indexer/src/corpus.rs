//! Indexing a folder of files: find them, decide what changed, extract in parallel,
//! write, commit in batches.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use zan_analysis::Language;
use zan_engine::{ActReference, Date, IndexDocument, RelationKind};
use zan_extract::{extract_file, Extracted, Relation, SIDECAR_SUFFIX};

use crate::progress::Progress;
use crate::report::{Failure, IndexReport, SkipKind, Skipped};
use crate::stamps::{self, Stamp, Stat};
use crate::{finish_run, open_index, IndexSource, IndexerConfig, IndexerError, Result};

/// File extensions zan indexes.
pub const DOCUMENT_EXTENSIONS: &[&str] =
    &["txt", "text", "html", "htm", "pdf", "docx", "odt", "rtf"];

/// Changes whenever extraction or analysis changes what is indexed for the same file,
/// so an incremental run re-extracts everything once after an upgrade.
const PIPELINE_VERSION: u64 = 3;

/// A document file found in the corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Absolute or corpus-joined path.
    pub path: PathBuf,
    /// Id: the path relative to the corpus root, with `/` separators and any byte of a
    /// name that is not UTF-8 escaped (see [`zan_engine::id_for_path`]).
    pub id: String,
}

/// Lists the document files of a corpus, sorted by id, and the files skipped, with
/// why: sidecars, files of other types, and hidden files and folders (a hidden folder
/// is one entry; what is inside it is not looked at).
pub fn scan_corpus(root: &Path) -> Result<(Vec<CorpusFile>, Vec<Skipped>)> {
    let metadata = std::fs::metadata(root)
        .map_err(|source| IndexerError::Input { path: root.to_owned(), source })?;
    if !metadata.is_dir() {
        return Err(IndexerError::Input {
            path: root.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a folder"),
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let id_of = |path: &Path| zan_engine::id_for_path(path.strip_prefix(root).unwrap_or(path));
    let mut walker = walkdir::WalkDir::new(root).follow_links(false).into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|error| IndexerError::Input {
            path: error.path().unwrap_or(root).to_owned(),
            source: error.into_io_error().unwrap_or_else(|| std::io::Error::other("folder loop")),
        })?;
        let hidden = entry.depth() > 0 && entry.file_name().as_encoded_bytes().starts_with(b".");
        if hidden {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            skipped.push(Skipped { source: id_of(entry.path()), kind: SkipKind::Hidden });
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().as_encoded_bytes();
        let extension =
            entry.path().extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let kind = if name.ends_with(SIDECAR_SUFFIX.as_bytes()) {
            Some(SkipKind::Sidecar)
        } else if crate::is_ignored_name(&entry.file_name().to_string_lossy()) {
            Some(SkipKind::Temporary)
        } else {
            match extension {
                Some(extension) if DOCUMENT_EXTENSIONS.contains(&extension.as_str()) => None,
                Some(extension) => Some(SkipKind::OtherType(extension)),
                None => Some(SkipKind::NoExtension),
            }
        };
        match kind {
            Some(kind) => skipped.push(Skipped { source: id_of(entry.path()), kind }),
            None => {
                files.push(CorpusFile { path: entry.path().to_owned(), id: id_of(entry.path()) })
            }
        }
    }
    files.sort_by(|a, b| a.id.cmp(&b.id));
    skipped.sort_by(|a, b| a.source.cmp(&b.source));
    Ok((files, skipped))
}

/// A stable 64-bit content fingerprint of several parts (not for security), fast enough
/// to hash every line of a JSONL file on each run: four independent lanes of 8-byte
/// words (the multiply-rotate rounds of xxHash64), so the CPU works on 32 bytes at
/// once, then a full mix. The parts' lengths are hashed too, so boundaries count.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    const P1: u64 = 0x9e37_79b1_85eb_ca87;
    const P2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    const P3: u64 = 0x1656_67b1_9e37_79f9;
    fn round(lane: u64, word: u64) -> u64 {
        lane.wrapping_add(word.wrapping_mul(P2)).rotate_left(31).wrapping_mul(P1)
    }
    fn word(bytes: &[u8]) -> u64 {
        let mut padded = [0u8; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(padded)
    }
    let mut hash = PIPELINE_VERSION.wrapping_mul(P3) ^ P1;
    for part in parts {
        let mut lanes = [hash ^ P1, hash ^ P2, hash.rotate_left(17) ^ P3, hash.wrapping_add(P1)];
        let mut stripes = part.chunks_exact(32);
        for stripe in &mut stripes {
            for (lane, bytes) in lanes.iter_mut().zip(stripe.chunks_exact(8)) {
                *lane = round(*lane, word(bytes));
            }
        }
        let mut tail = stripes.remainder().chunks(8);
        let mut merged = lanes[0].rotate_left(1)
            ^ lanes[1].rotate_left(7)
            ^ lanes[2].rotate_left(12)
            ^ lanes[3].rotate_left(18);
        for bytes in &mut tail {
            merged = round(merged, word(bytes)) ^ (bytes.len() as u64);
        }
        hash = round(hash ^ merged, part.len() as u64);
        // murmur3's finaliser: every input bit reaches every output bit.
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^= hash >> 33;
    }
    hash
}

/// Returns the fingerprint of a file and its sidecar, and the file's size; `None` if the
/// file cannot be read (extraction will report why). A file whose stamp has not moved
/// since it was indexed with the fingerprint the index holds is not read.
pub(crate) fn file_fingerprint(
    file: &CorpusFile,
    stamp: Option<&Stamp>,
    indexed: Option<u64>,
) -> (Option<(u64, u64)>, Option<Stamp>) {
    let sidecar_path = zan_extract::sidecar_path(&file.path);
    let (stat, sidecar_stat) = (Stat::of(&file.path), Stat::of(&sidecar_path));
    if let Some(print) = stamp.and_then(|stamp| stamp.still(stat, sidecar_stat)) {
        if Some(print) == indexed {
            return (Some((print, stat.size)), Some(Stamp::new(stat, sidecar_stat, print)));
        }
    }
    let print = if stat.size > zan_extract::MAX_FILE_BYTES {
        // Too large to read; extraction reports it. Fingerprint by its stat only.
        fingerprint(&[&stat.size.to_le_bytes(), &stat.modified_ns.to_le_bytes()])
    } else {
        let Ok(bytes) = std::fs::read(&file.path) else { return (None, None) };
        let sidecar = std::fs::read(&sidecar_path).unwrap_or_default();
        fingerprint(&[&bytes, &sidecar])
    };
    (Some((print, stat.size)), Some(Stamp::new(stat, sidecar_stat, print)))
}

/// Builds the index document of an extracted file.
pub fn document_from_extracted(
    id: &str,
    extracted: Extracted,
    fingerprint: u64,
    declared: Option<Language>,
) -> IndexDocument {
    let requisites = extracted.requisites;
    // Stored text is shown to people: invisible characters and their literal escapes go.
    let cleaned: Vec<String> = extracted
        .paragraphs
        .iter()
        .map(|p| zan_analysis::normalize::clean_text(&p.text))
        .filter(|text| !text.trim().is_empty())
        .collect();
    let paragraphs = IndexDocument::tag_paragraphs(cleaned);
    let title = requisites
        .title
        .clone()
        .or_else(|| paragraphs.first().map(|(_, text)| shorten(text, 160)))
        .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).to_owned());
    IndexDocument {
        id: id.to_owned(),
        title,
        paragraphs,
        lang: declared,
        kind: requisites.kind.map(|kind| kind.code().to_owned()),
        number: requisites.number,
        date: requisites.date.and_then(date_of),
        issuer: requisites.issuer,
        format: extracted.format.name().to_owned(),
        fingerprint,
        ocr: !extracted.ocr_pages.is_empty(),
        encoding: extracted.encoding.clone(),
        references: requisites.references.iter().map(reference_of).collect(),
        in_force_from: requisites.in_force_from.and_then(date_of),
        in_force_until: requisites.in_force_until.and_then(date_of),
        edition: requisites.edition.and_then(date_of),
    }
}

fn date_of(date: zan_extract::ActDate) -> Option<Date> {
    Date::parse_iso(&date.to_iso())
}

/// The engine's form of a reference the extractor read.
fn reference_of(reference: &zan_extract::ActReference) -> ActReference {
    let relation = match reference.relation {
        Relation::Amends => RelationKind::Amends,
        Relation::Repeals => RelationKind::Repeals,
        Relation::Suspends => RelationKind::Suspends,
        Relation::Cites => RelationKind::Cites,
    };
    ActReference {
        relation,
        kind: reference.kind.map(|kind| kind.code().to_owned()),
        number: reference.number.clone(),
        date: reference.date.and_then(date_of),
    }
}

/// Cuts text to at most `max_chars` characters at a word boundary, adding `…`.
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > cut.len() / 2).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

pub(crate) fn declared_language(path: &Path) -> Option<Language> {
    let sidecar = std::fs::read(zan_extract::sidecar_path(path)).ok()?;
    let parsed = zan_extract::Sidecar::parse(&sidecar).ok()?;
    parsed.lang?.parse().ok()
}

/// Indexes the files of a corpus folder into the index.
pub fn index_corpus(config: &IndexerConfig, progress: &dyn Progress) -> Result<IndexReport> {
    let started = Instant::now();
    let (files, skipped) = scan_corpus(&config.corpus)?;
    let mut report = IndexReport {
        skipped: skipped.len(),
        skipped_files: skipped,
        ..IndexReport::new(config.list_ids)
    };
    let source = IndexSource::corpus(&config.corpus);
    let (index, full) = open_index(config, &source, &mut report)?;
    report.full = full;
    let known: HashMap<String, u64> = if full { HashMap::new() } else { index.fingerprints()? };
    let mut writer = index.writer(config.writer_memory)?;
    if full {
        writer.delete_all()?;
    }

    // Remove what is gone.
    let present: HashSet<&str> = files.iter().map(|file| file.id.as_str()).collect();
    for id in known.keys().filter(|id| !present.contains(id.as_str())) {
        writer.delete(id);
        report.deleted_ids.push(id.clone());
    }
    report.deleted_ids.sort();
    report.deleted = report.deleted_ids.len();

    // Decide what changed: the stamps first, then the bytes of the files whose stamp
    // moved (read in parallel to fingerprint them).
    let old_stamps = if full { HashMap::new() } else { stamps::load(&config.index) };
    let fingerprints: Vec<_> = files
        .par_iter()
        .map(|file| file_fingerprint(file, old_stamps.get(&file.id), known.get(&file.id).copied()))
        .collect();
    drop(old_stamps);
    let mut new_stamps = HashMap::with_capacity(files.len());
    let mut work = Vec::new();
    for (file, (print, stamp)) in files.iter().zip(fingerprints) {
        if let Some(stamp) = stamp {
            new_stamps.insert(file.id.clone(), stamp);
        }
        match print {
            Some((print, _)) if known.get(&file.id) == Some(&print) => report.unchanged += 1,
            Some((print, size)) => work.push((file, print, size)),
            None => work.push((file, 0, 0)),
        }
    }
    progress.start(work.len() as u64);
    for batch in work.chunks(config.batch_size.max(1)) {
        let extracted: Vec<_> = batch
            .par_iter()
            .map(|(file, print, size)| {
                let result = extract_file(&file.path).map(|extracted| {
                    document_from_extracted(
                        &file.id,
                        extracted,
                        *print,
                        declared_language(&file.path),
                    )
                });
                (file, *size, result)
            })
            .collect();
        for (file, size, result) in extracted {
            match result {
                Ok(document) => {
                    if full {
                        // The index was emptied and ids are unique: nothing to replace.
                        writer.add(&document)?;
                    } else {
                        writer.upsert(&document)?;
                    }
                    report.indexed += 1;
                    report.bytes += size;
                    if known.contains_key(&file.id) {
                        report.note_updated(&file.id);
                    } else {
                        report.note_added(&file.id);
                    }
                }
                // Logged at debug level only: the report says it to the user, once.
                Err(error @ zan_extract::ExtractError::NeedsOcr { .. }) => {
                    new_stamps.remove(&file.id);
                    tracing::debug!(file = %file.id, %error, "left out until OCR is available");
                    writer.delete(&file.id);
                    report
                        .needs_ocr
                        .push(Failure { source: file.id.clone(), reason: error.reason() });
                }
                Err(error) => {
                    new_stamps.remove(&file.id);
                    tracing::debug!(file = %file.id, %error, "failed");
                    // A file that now fails must not stay in the index with old content.
                    writer.delete(&file.id);
                    report
                        .failures
                        .push(Failure { source: file.id.clone(), reason: error.reason() });
                }
            }
            progress.advance(&file.id);
        }
        if !full {
            // Commit each batch: an interrupted run keeps what it did, and the next run
            // skips it as unchanged.
            writer.commit()?;
        }
    }
    let report = finish_run(writer, index, &source, progress, report, started)?;
    // Kept once the last commit is made: a stamp never speaks for content that is not
    // committed.
    stamps::keep(&config.index, &new_stamps);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_fingerprint_depends_on_content_and_boundaries() {
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_eq!(fingerprint(&[b"abc"]), fingerprint(&[b"abc"]));
        assert_ne!(fingerprint(&[b"abc"]), fingerprint(&[b"abc", b""]));
        // One changed byte anywhere, in the 32-byte stripes or the tail, changes it.
        let text = "Решение городского маслихата о бюджете на 2025 год.".repeat(3);
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(fingerprint(&[text.as_bytes()])));
        for at in 0..text.len() {
            let mut changed = text.clone().into_bytes();
            changed[at] ^= 1;
            assert!(seen.insert(fingerprint(&[&changed])), "byte {at}");
        }
        let mut padded = text.clone().into_bytes();
        padded.push(0);
        assert!(seen.insert(fingerprint(&[&padded])), "a trailing zero byte counts");
    }

    #[test]
    fn test_scan_leaves_out_lock_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["решение.docx", "~$решение.docx", "решение.txt~"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (files, skipped) = scan_corpus(dir.path()).unwrap();
        let ids: Vec<&str> = files.iter().map(|file| file.id.as_str()).collect();
        assert_eq!(ids, ["решение.docx"]);
        assert_eq!(skipped.len(), 2);
        assert!(skipped.iter().all(|file| file.kind == SkipKind::Temporary), "{skipped:?}");
    }

    #[test]
    fn test_shorten() {
        assert_eq!(shorten("короткий", 20), "короткий");
        assert_eq!(shorten("один два три четыре пять", 12), "один два…");
    }
}
