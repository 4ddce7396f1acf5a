//! zan-extract: the bytes of a file in, its text and the act's requisites out.
//!
//! The format is recognised by content, not only by the extension; each format has its
//! module (`text`, `html`, `pdf`, ...) behind the one entry [`extract_file`] (or
//! [`extract_bytes`] for bytes already read). Requisites are parsed from the head of
//! the text and overridden by a sidecar `NAME.meta.json` when one exists. This crate
//! knows nothing of the index.
//!
//! ```
//! use std::path::Path;
//! use zan_extract::{extract_bytes, ActKind, Format};
//!
//! let text = "РЕШЕНИЕ\nот 12.03.2018 № 33\nО бюджете\n\nТекст решения.";
//! let extracted = extract_bytes(Path::new("act.txt"), text.as_bytes()).unwrap();
//! assert_eq!(extracted.format, Format::Txt);
//! assert_eq!(extracted.requisites.kind, Some(ActKind::Decision));
//! assert_eq!(extracted.paragraphs.len(), 2);
//! ```
#![warn(missing_docs)]

mod document;
mod docx;
mod error;
mod html;
mod markdown;
mod odt;
mod pdf;
mod requisites;
mod rtf;
mod sidecar;
mod text;
mod zip_container;

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

pub use document::{
    paragraphs_from_text, ActDate, ActKind, ActReference, Extracted, Format, Paragraph, Relation,
    Requisites,
};
pub use error::{ExtractError, Result};
pub use html::{decode_entities, html_text};
pub use markdown::strip_markdown;
pub use requisites::{
    parse_date, parse_number, parse_references, parse_requisites, parse_requisites_and_references,
};
pub use sidecar::{sidecar_path, Sidecar, SIDECAR_SUFFIX};
pub use text::{decode, looks_binary, Decoded};
pub use zip_container::{MAX_ENTRIES, MAX_RATIO, MAX_UNPACKED_BYTES};

/// Largest file zan reads, in bytes. Larger files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Recognises a format from the first bytes and the file name.
pub fn sniff_format(path: &Path, bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    let extension =
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if head.starts_with(b"%PDF-") || (extension == "pdf" && head.windows(5).any(|w| w == b"%PDF-"))
    {
        return Some(Format::Pdf);
    }
    if head.starts_with(b"{\\rtf") {
        return Some(Format::Rtf);
    }
    if head.starts_with(b"PK\x03\x04") {
        // The first guess; the dispatch looks inside the archive to be sure.
        return match extension.as_str() {
            "odt" | "ott" => Some(Format::Odt),
            _ if head.windows(30).any(|w| w == b"application/vnd.oasis.opendocu") => {
                Some(Format::Odt)
            }
            _ => Some(Format::Docx),
        };
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || ((extension == "html" || extension == "htm") && trimmed.starts_with('<'))
        || lower.contains("<body")
    {
        return Some(Format::Html);
    }
    match extension.as_str() {
        "txt" | "text" | "" => Some(Format::Txt),
        "html" | "htm" => Some(Format::Html),
        _ if !looks_binary(bytes) => Some(Format::Txt),
        _ => None,
    }
}

/// Reads a file (refusing files over [`MAX_FILE_BYTES`]), extracts it, and applies its
/// sidecar metadata file if there is one.
pub fn extract_file(path: &Path) -> Result<Extracted> {
    let io_error = |source| ExtractError::Io { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ExtractError::TooLarge { path: path.to_owned(), size, limit: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io_error)?;
    let mut extracted = extract_bytes(path, &bytes)?;
    let sidecar = sidecar_path(path);
    match std::fs::read(&sidecar) {
        Ok(sidecar_bytes) => {
            let parsed = Sidecar::parse(&sidecar_bytes)
                .map_err(|reason| ExtractError::Sidecar { path: sidecar.clone(), reason })?;
            parsed.apply(&mut extracted.requisites);
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(ExtractError::Io { path: sidecar, source }),
    }
    Ok(extracted)
}

/// Extracts text and requisites from the bytes of a file named `path`.
/// Never panics: a panic inside a format parser is caught and reported as a broken file.
pub fn extract_bytes(path: &Path, bytes: &[u8]) -> Result<Extracted> {
    match catch_unwind(AssertUnwindSafe(|| extract_unguarded(path, bytes))) {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "parser panicked".to_owned());
            Err(ExtractError::Corrupt { path: path.to_owned(), format: "input", reason })
        }
    }
}

fn extract_unguarded(path: &Path, bytes: &[u8]) -> Result<Extracted> {
    let owned_path = || -> PathBuf { path.to_owned() };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty { path: owned_path() });
    }
    let mut format = sniff_format(path, bytes).ok_or_else(|| ExtractError::Unsupported {
        path: owned_path(),
        reason: "binary content of no known format".to_owned(),
    })?;
    let mut warnings = Vec::new();
    let mut ocr_pages = Vec::new();
    let (paragraphs, encoding, title) = match format {
        Format::Txt => {
            if looks_binary(bytes) {
                return Err(ExtractError::Unsupported {
                    path: owned_path(),
                    reason: "binary content, not text".to_owned(),
                });
            }
            let decoded = decode(bytes);
            (paragraphs_from_text(&decoded.text), Some(decoded.encoding), None)
        }
        Format::Html => {
            let page = html_text(bytes);
            (page.paragraphs, Some(page.encoding), page.title)
        }
        Format::Pdf => {
            let pdf = pdf::pdf_text(bytes).map_err(|error| error.for_file(path))?;
            warnings.extend(pdf.warnings);
            ocr_pages = pdf.ocr_pages;
            (pdf.paragraphs, None, None)
        }
        Format::Docx | Format::Odt => {
            let (actual, (paragraphs, zip_warnings)) =
                zip_document(bytes, format).map_err(|error| container_error(path, error))?;
            format = actual;
            warnings.extend(zip_warnings);
            (paragraphs, None, None)
        }
        Format::Rtf => {
            let (paragraphs, rtf_warnings) = rtf::rtf_paragraphs(bytes).map_err(|reason| {
                ExtractError::Corrupt { path: owned_path(), format: "RTF", reason }
            })?;
            warnings.extend(rtf_warnings);
            (paragraphs, None, None)
        }
    };
    let paragraphs: Vec<Paragraph> = paragraphs
        .into_iter()
        .map(|paragraph| Paragraph { text: strip_markdown(clean(&paragraph.text)), ..paragraph })
        .filter(|paragraph| !paragraph.text.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(ExtractError::Empty { path: owned_path() });
    }
    let head: String = paragraphs
        .iter()
        .take(requisites::HEADER_LINES)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut requisites =
        parse_requisites_and_references(&head, paragraphs.iter().map(|p| p.text.as_str()));
    if requisites.title.is_none() {
        requisites.title = title.map(strip_markdown);
    }
    Ok(Extracted {
        format,
        encoding: encoding.map(str::to_owned),
        requisites,
        paragraphs,
        warnings,
        ocr_pages,
    })
}

type ZipParts = (Vec<Paragraph>, Vec<String>);

/// Reads a zip-based document, deciding DOCX or ODT by the archive's entries (the
/// sniffed `guess` is only used when the entries do not tell).
fn zip_document(
    bytes: &[u8],
    guess: Format,
) -> std::result::Result<(Format, ZipParts), (Format, zip_container::ContainerError)> {
    let container = zip_container::ZipContainer::open(bytes).map_err(|error| (guess, error))?;
    let format = if odt::is_odt(&container) {
        Format::Odt
    } else if docx::is_docx(&container) {
        Format::Docx
    } else {
        guess
    };
    drop(container);
    let parts = match format {
        Format::Odt => odt::odt_paragraphs(bytes),
        _ => docx::docx_paragraphs(bytes),
    };
    parts.map(|parts| (format, parts)).map_err(|error| (format, error))
}

/// Turns a container error into an extraction error naming the file: the unpacked-size
/// limit is [`ExtractError::TooLarge`], anything else a broken file.
fn container_error(
    path: &Path,
    (format, error): (Format, zip_container::ContainerError),
) -> ExtractError {
    let format_name = if format == Format::Odt { "ODT" } else { "DOCX" };
    match error {
        zip_container::ContainerError::TooLarge { size, .. } => {
            ExtractError::TooLarge { path: path.to_owned(), size, limit: MAX_UNPACKED_BYTES }
        }
        error => ExtractError::Corrupt {
            path: path.to_owned(),
            format: format_name,
            reason: error.to_string(),
        },
    }
}

/// Drops characters that never belong in indexed text: U+FFFD left by bad decoding and
/// control characters other than whitespace.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{FFFD}' && (!c.is_control() || c == '\n' || c == '\t'))
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_sniffs_by_content() {
        assert_eq!(sniff_format(Path::new("a.txt"), b"%PDF-1.4 ..."), Some(Format::Pdf));
        assert_eq!(sniff_format(Path::new("a.dat"), b"<!DOCTYPE html><p>x"), Some(Format::Html));
        assert_eq!(sniff_format(Path::new("a"), b"{\\rtf1\\ansi"), Some(Format::Rtf));
        assert_eq!(sniff_format(Path::new("a.bin"), &[0, 1, 2, 3, 0, 0]), None);
    }

    #[test]
    fn test_empty_and_binary_are_errors() {
        assert!(matches!(
            extract_bytes(Path::new("e.txt"), b"  \n"),
            Err(ExtractError::Empty { .. })
        ));
        let noise: Vec<u8> =
            (0..2048u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect();
        let error = extract_bytes(Path::new("noise.txt"), &noise).unwrap_err();
        assert!(error.to_string().contains("noise.txt"), "{error}");
    }

    #[test]
    fn test_truncated_pdf_is_an_error_not_a_panic() {
        let error = extract_bytes(Path::new("broken.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog")
            .unwrap_err();
        assert!(matches!(error, ExtractError::Corrupt { .. }), "{error}");
    }
}
