//! Safe reading of the zip container shared by DOCX and ODT, and the XML helpers both use.
//!
//! A zip file says in its headers how large each entry is; a hostile one lies or packs a
//! gigabyte of zeros into a megabyte. So before an entry is unpacked its declared size
//! is checked against what is left of [`MAX_UNPACKED_BYTES`] and its compression ratio
//! against [`MAX_RATIO`], and it is then read through `take()` so that an entry larger
//! than its header says is cut off, not followed. An archive with more than
//! [`MAX_ENTRIES`] entries is refused before any entry is looked at.
//!
//! Memory bound: the file itself (at most [`crate::MAX_FILE_BYTES`]) plus at most
//! [`MAX_UNPACKED_BYTES`] of unpacked XML, plus the text made from it (smaller than the
//! XML); under 600 MiB in the worst case, a few times the file size for real documents.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::BytesRef;
use zip::ZipArchive;

/// Most entries a DOCX or ODT archive may have.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes unpacked from one archive, over all the entries read.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// Highest unpacked-to-packed ratio accepted for an entry larger than [`RATIO_FREE_BYTES`].
pub const MAX_RATIO: u64 = 100;
/// Entries up to this unpacked size are not ratio-checked (small XML compresses well).
pub const RATIO_FREE_BYTES: u64 = 1024 * 1024;

/// Why a container could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerError {
    /// Not a readable zip archive at all.
    NotZip(String),
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries(usize),
    /// Unpacking the entry would pass [`MAX_UNPACKED_BYTES`] for the archive.
    TooLarge {
        /// The entry's name.
        entry: String,
        /// Bytes the archive would unpack to with this entry.
        size: u64,
    },
    /// The entry is a zip bomb: its declared ratio is over [`MAX_RATIO`], or it unpacks
    /// to more than its header says.
    Bomb {
        /// The entry's name.
        entry: String,
        /// What was seen.
        reason: String,
    },
    /// The entry is encrypted.
    Encrypted(String),
    /// The entry could not be unpacked.
    Broken {
        /// The entry's name.
        entry: String,
        /// The underlying error.
        reason: String,
    },
}

impl std::fmt::Display for ContainerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContainerError::NotZip(reason) => write!(f, "not a readable zip archive: {reason}"),
            ContainerError::TooManyEntries(count) => {
                write!(f, "zip archive of {count} entries, over the limit of {MAX_ENTRIES}")
            }
            ContainerError::TooLarge { entry, size } => write!(
                f,
                "zip bomb: unpacking {entry} would make {size} bytes, over the limit of {MAX_UNPACKED_BYTES}; refused before unpacking"
            ),
            ContainerError::Bomb { entry, reason } => write!(f, "zip bomb: {entry}: {reason}"),
            ContainerError::Encrypted(entry) => write!(f, "{entry} is encrypted"),
            ContainerError::Broken { entry, reason } => write!(f, "{entry}: {reason}"),
        }
    }
}

/// A zip archive opened for reading with limits.
pub struct ZipContainer<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry name -> index (Office treats part names case-insensitively).
    index: HashMap<String, usize>,
    unpacked: u64,
}

impl<'a> ZipContainer<'a> {
    /// Opens the archive and checks its entry count.
    pub fn open(bytes: &'a [u8]) -> Result<ZipContainer<'a>, ContainerError> {
        let archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| ContainerError::NotZip(error.to_string()))?;
        if archive.len() > MAX_ENTRIES {
            return Err(ContainerError::TooManyEntries(archive.len()));
        }
        let mut index = HashMap::with_capacity(archive.len());
        for (position, raw) in archive.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(raw).replace('\\', "/").to_lowercase();
            index.entry(name).or_insert(position);
        }
        Ok(ZipContainer { archive, index, unpacked: 0 })
    }

    /// Returns true if the archive has an entry of this name (case-insensitive).
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(&name.to_lowercase())
    }

    /// Names (lower-cased) of the entries under `folder` whose file name starts with
    /// `prefix` and ends with `.xml`, sorted naturally (`header2` before `header10`).
    pub fn xml_parts(&self, folder: &str, prefix: &str) -> Vec<String> {
        let start = format!("{folder}{prefix}");
        let mut names: Vec<String> = self
            .index
            .keys()
            .filter(|name| {
                name.starts_with(&start)
                    && name.ends_with(".xml")
                    && !name[folder.len()..].contains('/')
            })
            .cloned()
            .collect();
        names.sort_by_key(|name| {
            let digits: String = name[start.len()..].chars().filter(char::is_ascii_digit).collect();
            (digits.parse::<u64>().unwrap_or(0), name.clone())
        });
        names
    }

    /// Reads an entry by name, within the limits. `Ok(None)` if there is no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ContainerError> {
        let Some(&position) = self.index.get(&name.to_lowercase()) else {
            return Ok(None);
        };
        let broken = |reason: String| ContainerError::Broken { entry: name.to_owned(), reason };
        let mut entry =
            self.archive.by_index(position).map_err(|error| broken(error.to_string()))?;
        if entry.encrypted() {
            return Err(ContainerError::Encrypted(name.to_owned()));
        }
        let declared = entry.size();
        let packed = entry.compressed_size();
        let total = self.unpacked.saturating_add(declared);
        if total > MAX_UNPACKED_BYTES {
            return Err(ContainerError::TooLarge { entry: name.to_owned(), size: total });
        }
        if declared > RATIO_FREE_BYTES && declared > packed.saturating_mul(MAX_RATIO) {
            return Err(ContainerError::Bomb {
                entry: name.to_owned(),
                reason: format!(
                    "{packed} packed bytes declare {declared} unpacked (ratio over {MAX_RATIO}:1); refused before unpacking"
                ),
            });
        }
        // Never trust the header: read at most one byte more than declared.
        let mut data = Vec::with_capacity(declared.min(16 * 1024 * 1024) as usize);
        (&mut entry)
            .take(declared + 1)
            .read_to_end(&mut data)
            .map_err(|error| broken(error.to_string()))?;
        if data.len() as u64 > declared {
            return Err(ContainerError::Bomb {
                entry: name.to_owned(),
                reason: format!("unpacks to more than the {declared} bytes its header declares"),
            });
        }
        self.unpacked += data.len() as u64;
        Ok(Some(data))
    }
}

/// Decodes an XML part to text: UTF-8 (BOM dropped) or UTF-16 with a BOM; invalid
/// bytes become U+FFFD, which extraction drops later.
pub fn xml_source(bytes: &[u8]) -> Cow<'_, str> {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => match encoding.decode_without_bom_handling(&bytes[bom..]).0 {
            Cow::Borrowed(text) => Cow::Borrowed(text),
            Cow::Owned(text) => Cow::Owned(text),
        },
        None => String::from_utf8_lossy(bytes),
    }
}

/// Resolves an XML entity or character reference (`&amp;`, `&#1178;`).
pub fn resolve_reference(reference: &BytesRef<'_>) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    Some(match &**reference {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// A quick-xml reader over a part, tolerant of mismatched end tags (the text is what matters).
pub fn xml_reader(source: &str) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_str(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    reader
}

/// Collects paragraphs: text is pushed into the innermost open paragraph; whitespace
/// is collapsed. Nested paragraphs (text boxes, table cells inside frames) are emitted
/// when they close, before the paragraph around them.
#[derive(Debug, Default)]
pub struct ParagraphSink {
    open: Vec<String>,
    /// Finished paragraphs.
    pub done: Vec<String>,
}

impl ParagraphSink {
    /// Opens a paragraph.
    pub fn open(&mut self) {
        self.open.push(String::new());
    }

    /// Closes the innermost paragraph (if any) and keeps it if it has text.
    pub fn close(&mut self) {
        if let Some(text) = self.open.pop() {
            let text = text.trim();
            if !text.is_empty() {
                self.done.push(text.to_owned());
            }
        }
    }

    /// Returns true if a paragraph is open.
    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Ends the current paragraph and starts a new one at the same level (a line break).
    pub fn break_line(&mut self) {
        if !self.open.is_empty() {
            self.close();
            self.open();
        }
    }

    /// Appends text to the innermost paragraph, opening one if none is open.
    pub fn push_str(&mut self, text: &str) {
        if self.open.is_empty() {
            self.open();
        }
        let current = self.open.last_mut().expect("a paragraph is open");
        for c in text.chars() {
            if c.is_whitespace() {
                if !current.is_empty() && !current.ends_with(' ') {
                    current.push(' ');
                }
            } else {
                current.push(c);
            }
        }
    }

    /// Appends one character.
    pub fn push(&mut self, c: char) {
        let mut buffer = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buffer));
    }

    /// Closes everything still open and returns the paragraphs.
    pub fn finish(mut self) -> Vec<String> {
        while !self.open.is_empty() {
            self.close();
        }
        self.done
    }
}

#[cfg(test)]
pub(crate) mod test_zip {
    //! Builds small zip archives for tests (stored entries, no compression).

    use std::io::Write;

    /// Returns a zip archive holding `entries` (name, content), stored.
    pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            writer.start_file(*name, options).expect("start entry");
            writer.write_all(content).expect("write entry");
        }
        writer.finish().expect("finish zip").into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::test_zip::zip_of;
    use super::*;

    #[test]
    fn test_reads_entries_case_insensitively() {
        let bytes = zip_of(&[
            ("Word/Document.xml", b"<x/>"),
            ("word/header2.xml", b""),
            ("word/header10.xml", b""),
        ]);
        let mut container = ZipContainer::open(&bytes).unwrap();
        assert!(container.contains("word/document.xml"));
        assert_eq!(container.read("word/document.xml").unwrap().unwrap(), b"<x/>");
        assert_eq!(container.read("missing.xml").unwrap(), None);
        assert_eq!(
            container.xml_parts("word/", "header"),
            ["word/header2.xml", "word/header10.xml"]
        );
    }

    #[test]
    fn test_high_ratio_entry_is_refused_before_unpacking() {
        let zeros = vec![0u8; 4 * 1024 * 1024];
        let bytes = zip_of(&[("word/document.xml", &zeros)]);
        let mut container = ZipContainer::open(&bytes).unwrap();
        let error = container.read("word/document.xml").unwrap_err();
        assert!(matches!(error, ContainerError::Bomb { .. }), "{error}");
    }

    #[test]
    fn test_not_a_zip() {
        assert!(matches!(
            ZipContainer::open(b"PK\x03\x04 truncated"),
            Err(ContainerError::NotZip(_))
        ));
    }

    #[test]
    fn test_sink_collapses_whitespace_and_nests() {
        let mut sink = ParagraphSink::default();
        sink.open();
        sink.push_str("  Внешний \n абзац ");
        sink.open();
        sink.push_str("врезка");
        sink.close();
        sink.push_str("конец");
        let paragraphs = sink.finish();
        assert_eq!(paragraphs, ["врезка", "Внешний абзац конец"]);
    }
}
