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
    let id = match record.id {
        serde_json::Value::String(id) => id,
        serde_json::Value::Number(number) => number.to_string(),
        other => return Err(format!("\"id\" must be a string or a number, not {other}")),
    };
    if id.trim().is_empty() {
        return Err("\"id\" is empty".to_owned());
    }
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
        .map(|p| zan_extract::strip_markdown(&p.text))
        .collect();
    let paragraphs = match declared {
        Some(language) => texts.into_iter().map(|text| (language, text)).collect(),
        None => IndexDocument::tag_paragraphs(texts.iter().map(String::as_str)),
    };
    Ok(IndexDocument {
        id,
        title: zan_extract::strip_markdown(&zan_analysis::normalize::clean_text(
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
/// [`LINES_PER_BATCH`] lines and its documents, the writer's budget, and one entry per
/// id (the duplicate check, and the known ids of an incremental run).
pub fn index_jsonl(
    config: &IndexerConfig,
    jsonl: &std::path::Path,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    let input_error = |source| IndexerError::Input { path: jsonl.to_owned(), source };
    let file = std::fs::File::open(jsonl).map_err(input_error)?;
    let total_bytes = file.metadata().map_err(input_error)?.len();
    let mut report = IndexReport::default();
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
    // Each id seen so far, with the line it came from.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut at_end = false;
    while !at_end {
        let mut batch = Vec::with_capacity(LINES_PER_BATCH);
        while batch.len() < LINES_PER_BATCH {
            let (read, lines) = next_line(&mut reader, &mut line).map_err(input_error)?;
            number += lines;
            if read == 0 {
                at_end = true;
                break;
            }
            let print = fingerprint(&[&line]);
            if let Some(id) = by_print.get(&print) {
                match first_line.entry((*id).to_owned()) {
                    Entry::Occupied(first) => report.failures.push(Failure {
                        source: format!("{name}:{number}"),
                        reason: duplicate(id, *first.get()),
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(number);
                        report.unchanged += 1;
                    }
                }
                progress.advance_bytes(read as u64);
                continue;
            }
            match String::from_utf8(std::mem::take(&mut line)) {
                Ok(text) => batch.push((number, read, print, text)),
                Err(_) => {
                    report.failures.push(Failure {
                        source: format!("{name}:{number}"),
                        reason: "the line is not UTF-8".to_owned(),
                    });
                    progress.advance_bytes(read as u64);
                }
            }
        }
        if batch.is_empty() {
            continue;
        }
        let documents: Vec<_> = batch
            .par_iter()
            .map(|(number, read, print, line)| (*number, *read, record_to_document(line, *print)))
            .collect();
        drop(batch);
        for (number, read, result) in documents {
            let result = result.and_then(|document| match first_line.entry(document.id.clone()) {
                Entry::Occupied(first) => Err(duplicate(&document.id, *first.get())),
                Entry::Vacant(slot) => {
                    slot.insert(number);
                    Ok(document)
                }
            });
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
                    if known_ids.contains(document.id.as_str()) {
                        report.updated.push(document.id);
                    } else {
                        report.added.push(document.id);
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
    for id in known_ids.iter().filter(|id| !first_line.contains_key(**id)) {
        writer.delete(id);
        report.deleted_ids.push((*id).to_owned());
    }
    report.deleted_ids.sort();
    report.deleted = report.deleted_ids.len();
    drop(by_print);
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
