//! Indexing JSONL records `{"id","title","text","lang"?,"kind"?,"number"?,"date"?,"issuer"?}`,
//! the form of every evaluation set. A malformed line is reported with its number and
//! skipped; the rest is indexed.
//!
//! Ids are unique: the first record with an id is the one indexed, and a later line
//! with the same id is reported as failed, naming both lines (issue 10, item 10: it
//! used to replace the earlier record silently). The first wins so that a line never
//! changes what an earlier line put in the index, whatever the batch boundaries.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::time::Instant;

use rayon::prelude::*;
use serde::Deserialize;
use zan_analysis::Language;
use zan_engine::{Date, IndexDocument};

use crate::corpus::fingerprint;
use crate::progress::Progress;
use crate::report::{Failure, IndexReport};
use crate::{finish_run, open_index, IndexSource, IndexerConfig, IndexerError, Result};

/// Lines parsed and analysed together before they are written.
const LINES_PER_BATCH: usize = 1024;

/// One JSONL record.
#[derive(Debug, Deserialize)]
struct Record {
    id: serde_json::Value,
    #[serde(default)]
    title: String,
    text: String,
    lang: Option<String>,
    kind: Option<String>,
    number: Option<String>,
    date: Option<String>,
    issuer: Option<String>,
}

fn record_to_document(line: &str, print: u64) -> std::result::Result<IndexDocument, String> {
    let record: Record =
        serde_json::from_str(line).map_err(|error| format!("invalid JSON record: {error}"))?;
    let id = record_id(record.id)?;
    let declared = match record.lang.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(code) => Some(code.parse::<Language>().map_err(|error| error.to_string())?),
        None => None,
    };
    let date = match record.date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(text) => Some(
            Date::parse_iso(text).ok_or_else(|| format!("\"date\" {text:?} is not YYYY-MM-DD"))?,
        ),
        None => None,
    };
    if let Some(kind) = &record.kind {
        if zan_extract::ActKind::from_code(kind).is_none() {
            return Err(format!("\"kind\" {kind:?} is not one of decree, resolution, order, decision, clipping, other"));
        }
    }
    let cleaned = zan_analysis::normalize::clean_text(&record.text);
    let texts: Vec<String> = zan_extract::paragraphs_from_text(&cleaned)
        .into_iter()
        .map(|p| zan_extract::strip_markdown(p.text))
        .collect();
    let paragraphs = match declared {
        Some(language) => texts.into_iter().map(|text| (language, text)).collect(),
        None => IndexDocument::tag_paragraphs(texts),
    };
    Ok(IndexDocument {
        id,
        title: zan_extract::strip_markdown(zan_analysis::normalize::clean_text(
            record.title.trim(),
        )),
        paragraphs,
        lang: declared,
        kind: record.kind,
        number: record.number,
        date,
        issuer: record.issuer,
        format: "jsonl".to_owned(),
        fingerprint: print,
        ocr: false,
        encoding: None,
        ..IndexDocument::default()
    })
}

/// The id of a record: a string, or a number written as a string.
fn record_id(value: serde_json::Value) -> std::result::Result<String, String> {
    let id = match value {
        serde_json::Value::String(id) => id,
        serde_json::Value::Number(number) => number.to_string(),
        other => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    if id.trim().is_empty() {
        return Err("\"id\" is empty".to_owned());
    }
    Ok(id)
}

/// Where a line starts: its number and the byte offset to read it again from.
#[derive(Debug, Clone, Copy)]
struct LineAt {
    number: usize,
    offset: u64,
}

/// The ids seen so far in a file, with the line each came from, for the duplicate
/// check. It keeps a 64-bit hash of each id, not the id: 24 bytes an id where a
/// `String` took some 100 with the allocator's slack, so a build's memory stays flat in
/// the size of the corpus (16 MB a million ids in the table). Two ids with one hash are
/// told apart exactly: on a hit the first line is read again from the file and its id
/// compared, and an id whose hash another id has already is kept whole (about one in
/// 10^7 files of a million ids has one).
struct SeenIds {
    by_hash: HashMap<u64, LineAt>,
    collided: HashMap<String, usize>,
    file: std::path::PathBuf,
    hash: fn(&str) -> u64,
}

fn id_hash(id: &str) -> u64 {
    fingerprint(&[id.as_bytes()])
}

impl SeenIds {
    fn new(file: &std::path::Path) -> SeenIds {
        SeenIds::with_hash(file, id_hash)
    }

    fn with_hash(file: &std::path::Path, hash: fn(&str) -> u64) -> SeenIds {
        SeenIds { by_hash: HashMap::new(), collided: HashMap::new(), file: file.to_owned(), hash }
    }

    /// Records that `id` is on the line `at`; returns the number of an earlier line
    /// with the same id instead, if there is one.
    fn first_or_insert(&mut self, id: &str, at: LineAt) -> std::io::Result<Option<usize>> {
        let hash = (self.hash)(id);
        let Some(first) = self.by_hash.get(&hash).copied() else {
            self.by_hash.insert(hash, at);
            return Ok(None);
        };
        if self.id_at(first)?.as_deref() == Some(id) {
            return Ok(Some(first.number));
        }
        match self.collided.entry(id.to_owned()) {
            Entry::Occupied(earlier) => Ok(Some(*earlier.get())),
            Entry::Vacant(slot) => {
                slot.insert(at.number);
                Ok(None)
            }
        }
    }

    /// Reads again the id of the record at a line (none if it no longer parses).
    fn id_at(&self, at: LineAt) -> std::io::Result<Option<String>> {
        use std::io::{Seek, SeekFrom};
        #[derive(Deserialize)]
        struct IdOnly {
            id: serde_json::Value,
        }
        let mut file = std::fs::File::open(&self.file)?;
        file.seek(SeekFrom::Start(at.offset))?;
        let mut line = Vec::new();
        next_line(&mut BufReader::new(file), &mut line)?;
        Ok(serde_json::from_slice::<IdOnly>(&line)
            .ok()
            .and_then(|record| record_id(record.id).ok()))
    }
}

/// Reads the next line that is not blank into `line` (without its end of line).
/// Returns the bytes and the lines consumed (blank lines included); no bytes at the end
/// of the file.
fn next_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<(usize, usize)> {
    let (mut bytes, mut lines) = (0, 0);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', line)?;
        if read == 0 {
            return Ok((0, lines));
        }
        bytes += read;
        lines += 1;
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            return Ok((bytes, lines));
        }
    }
}

/// Indexes the records of a JSONL file.
///
/// An incremental run hashes each raw line before anything else: a line byte for byte
/// as indexed is unchanged and is neither parsed nor analysed; the ids that no line of
/// the file has any more are deleted. Memory is bounded by one batch of
/// [`LINES_PER_BATCH`] lines and its documents, the writer's budget, a 64-bit hash per
/// id for the duplicate check ([`SeenIds`]), and in an incremental run the ids the index
/// holds (and in a report that lists them, the ids written).
pub fn index_jsonl(
    config: &IndexerConfig,
    jsonl: &std::path::Path,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    let input_error = |source| IndexerError::Input { path: jsonl.to_owned(), source };
    let file = std::fs::File::open(jsonl).map_err(input_error)?;
    let total_bytes = file.metadata().map_err(input_error)?.len();
    let mut report = IndexReport::new(config.list_ids);
    let source = IndexSource::jsonl(jsonl);
    let (index, full) = open_index(config, &source, &mut report)?;
    report.full = full;
    // Each indexed id by the fingerprint of the raw line it came from: a line whose
    // bytes hash to a known fingerprint is the record as indexed, id included.
    let known: Vec<(String, u64)> =
        if full { Vec::new() } else { index.fingerprints()?.into_iter().collect() };
    let by_print: HashMap<u64, &str> =
        known.iter().map(|(id, print)| (*print, id.as_str())).collect();
    let known_ids: HashSet<&str> = known.iter().map(|(id, _)| id.as_str()).collect();
    let mut writer = index.writer(config.writer_memory)?;
    if full {
        writer.delete_all()?;
    }
    progress.start_bytes(total_bytes);
    let name =
        jsonl.file_name().map_or_else(|| "input".to_owned(), |n| n.to_string_lossy().into_owned());
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let mut number = 0;
    let mut offset = 0u64;
    let mut seen = SeenIds::new(jsonl);
    // The ids of the index that a line of the file still has.
    let mut seen_known: HashSet<&str> = HashSet::new();
    let mut at_end = false;
    while !at_end {
        let mut batch = Vec::with_capacity(LINES_PER_BATCH);
        while batch.len() < LINES_PER_BATCH {
            let start = offset;
            let (read, lines) = next_line(&mut reader, &mut line).map_err(input_error)?;
            number += lines;
            offset += read as u64;
            if read == 0 {
                at_end = true;
                break;
            }
            let at = LineAt { number, offset: start };
            let print = fingerprint(&[&line]);
            if let Some(id) = by_print.get(&print) {
                match seen.first_or_insert(id, at).map_err(input_error)? {
                    Some(first) => report.failures.push(Failure {
                        source: format!("{name}:{number}"),
                        reason: duplicate(id, first),
                    }),
                    None => {
                        seen_known.insert(id);
                        report.unchanged += 1;
                    }
                }
                progress.advance_bytes(read as u64);
                continue;
            }
            batch.push((at, read, print, std::mem::take(&mut line)));
        }
        if batch.is_empty() {
            continue;
        }
        let documents: Vec<_> = batch
            .par_iter()
            .map(|(at, read, print, line)| {
                let document = simdutf8::basic::from_utf8(line)
                    .map_err(|_| "the line is not UTF-8".to_owned())
                    .and_then(|line| record_to_document(line, *print));
                (*at, *read, document)
            })
            .collect();
        drop(batch);
        for (at, read, result) in documents {
            let number = at.number;
            let result = match result {
                Ok(document) => {
                    match seen.first_or_insert(&document.id, at).map_err(input_error)? {
                        Some(first) => Err(duplicate(&document.id, first)),
                        None => Ok(document),
                    }
                }
                Err(reason) => Err(reason),
            };
            match result {
                Ok(document) => {
                    if full {
                        // The index was emptied and ids are unique: nothing to replace.
                        writer.add(&document)?;
                    } else {
                        writer.upsert(&document)?;
                    }
                    report.indexed += 1;
                    report.bytes += read as u64;
                    if let Some(id) = known_ids.get(document.id.as_str()) {
                        seen_known.insert(id);
                        report.note_updated(&document.id);
                    } else {
                        report.note_added(&document.id);
                    }
                }
                Err(reason) => {
                    tracing::debug!(line = number, %reason, "skipped record"); // the report says it
                    report.failures.push(Failure { source: format!("{name}:{number}"), reason });
                }
            }
            progress.advance_bytes(read as u64);
        }
        if !full {
            writer.commit()?;
        }
    }
    // Records whose id no line of the file has any more.
    for id in known_ids.iter().filter(|id| !seen_known.contains(**id)) {
        writer.delete(id);
        report.deleted_ids.push((*id).to_owned());
    }
    report.deleted_ids.sort();
    report.deleted = report.deleted_ids.len();
    drop(by_print);
    drop(seen_known);
    drop(known_ids);
    finish_run(writer, index, &source, progress, report, started)
}

fn duplicate(id: &str, first: usize) -> String {
    format!(
        "duplicate id {id:?}: line {first} has it already; the record of line {first} is kept and this one left out"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_to_document_of(line: &str) -> std::result::Result<IndexDocument, String> {
        record_to_document(line, fingerprint(&[line.as_bytes()]))
    }

    #[test]
    fn test_record_with_declared_language() {
        let document = record_to_document_of(r#"{"id": 7, "title": "T", "text": "Бюджет\n\nЕкінші", "lang": "kk", "date": "2024-01-31"}"#).unwrap();
        assert_eq!(document.id, "7");
        assert_eq!(document.paragraphs.len(), 2);
        assert!(document.paragraphs.iter().all(|(language, _)| *language == Language::Kk));
        assert_eq!(document.date.map(Date::to_iso).as_deref(), Some("2024-01-31"));
    }

    #[test]
    fn test_markdown_marks_leave_title_and_text() {
        let document = record_to_document_of(
            r##"{"id": "s", "title": "**ВЗАИМОСВЯЗЬ БИБЛИОТЕК**", "text": "# Итоги\n*Выдано* 2*3 тысячи книг"}"##,
        )
        .unwrap();
        assert_eq!(document.title, "ВЗАИМОСВЯЗЬ БИБЛИОТЕК");
        let texts: Vec<&str> = document.paragraphs.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(texts, ["Итоги", "Выдано 2*3 тысячи книг"]);
    }

    /// Writes lines to a file and returns where each starts.
    fn lines_file(lines: &[&str]) -> (tempfile::NamedTempFile, Vec<LineAt>) {
        use std::io::Write;
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let mut at = Vec::new();
        let mut offset = 0u64;
        for (n, line) in lines.iter().enumerate() {
            at.push(LineAt { number: n + 1, offset });
            writeln!(file, "{line}").unwrap();
            offset += line.len() as u64 + 1;
        }
        (file, at)
    }

    #[test]
    fn test_seen_ids_find_duplicates_and_tell_colliding_ids_apart() {
        let (file, at) = lines_file(&[
            r#"{"id": "a", "text": "x"}"#,
            r#"{"id": "b", "text": "x"}"#,
            r#"{"id": "a", "text": "y"}"#,
            r#"{"id": 7, "text": "x"}"#,
            r#"{"id": "b", "text": "y"}"#,
        ]);
        let ids = ["a", "b", "a", "7", "b"];
        // Every id hashes alike: each is told apart by reading its first line again.
        for hash in [id_hash as fn(&str) -> u64, |_: &str| 42] {
            let mut seen = SeenIds::with_hash(file.path(), hash);
            let firsts: Vec<Option<usize>> = ids
                .iter()
                .zip(&at)
                .map(|(id, at)| seen.first_or_insert(id, *at).unwrap())
                .collect();
            assert_eq!(firsts, [None, None, Some(1), None, Some(2)]);
        }
    }

    #[test]
    fn test_bad_records_say_why() {
        assert!(record_to_document_of("{not json").unwrap_err().contains("invalid JSON"));
        assert!(record_to_document_of(r#"{"id": "a", "text": "x", "lang": "zz"}"#)
            .unwrap_err()
            .contains("zz"));
        assert!(record_to_document_of(r#"{"id": "a", "text": "x", "date": "31.01.2024"}"#)
            .unwrap_err()
            .contains("date"));
        assert!(record_to_document_of(r#"{"id": "", "text": "x"}"#).is_err());
    }
}
