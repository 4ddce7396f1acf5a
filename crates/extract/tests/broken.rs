//! Broken files: each one is answered with an error naming the file, none stops the
//! batch, and none makes the process take more memory than the stated bound.
//!
//! Committed fixtures (`tests/fixtures/broken/`): a truncated PDF, a PDF whose page tree
//! loops, an encrypted PDF, binary noise named `.txt`. Made here at run time in a
//! temporary folder: an empty file, a 300 MB file (sparse, so it costs no disk), and zip
//! bombs named `.docx` whose deflate stream is written bit by bit (a gigabyte of zeros in
//! under 7 MB, without spending time compressing it).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zan_extract::{extract_file, ExtractError, MAX_FILE_BYTES, MAX_UNPACKED_BYTES};

/// The zip writer the DOCX and ODT fuzz targets use (this test needs only its bombs).
#[path = "../fuzz/common/stored_zip.rs"]
#[allow(dead_code)]
mod zip;

/// The memory bound this test holds the whole batch to (peak resident set of the
/// process, test harness included; about 25 MiB measured in a debug build).
const PEAK_MEMORY_BOUND: u64 = 256 * 1024 * 1024;

/// The time each broken file may take to be refused (a few milliseconds measured in a
/// debug build; the bound leaves room for a loaded machine).
const TIME_BOUND: Duration = Duration::from_secs(5);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken").join(name)
}

/// A raw deflate stream of `1 + 258 * matches` zero bytes: one fixed-Huffman block with
/// a literal zero and then `matches` copies of (length 258, distance 1).
fn deflated_zeros(matches: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        buffer: u64,
        count: u32,
    }
    impl Bits {
        /// Appends `length` bits of `value`, least significant first.
        fn put(&mut self, value: u64, length: u32) {
            self.buffer |= value << self.count;
            self.count += length;
            while self.count >= 8 {
                self.out.push(self.buffer as u8);
                self.buffer >>= 8;
                self.count -= 8;
            }
        }
        /// Appends a Huffman code, most significant bit first.
        fn code(&mut self, code: u64, length: u32) {
            self.put(reverse(code, length), length);
        }
    }
    fn reverse(code: u64, length: u32) -> u64 {
        (0..length).fold(0, |acc, bit| acc | (((code >> bit) & 1) << (length - 1 - bit)))
    }
    let mut bits =
        Bits { out: Vec::with_capacity((matches * 13 / 8 + 16) as usize), buffer: 0, count: 0 };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = fixed Huffman
    bits.code(0x30, 8); // literal 0
                        // Length symbol 285 (= 258), then distance symbol 0 (= 1): 13 bits, codes reversed
                        // once here since Huffman codes go most significant bit first.
    let group = reverse(0b1100_0101, 8);
    for _ in 0..matches {
        bits.put(group, 13);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7); // flush
    bits.out
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

/// A `.docx` whose `word/document.xml` is `matches * 258 + 1` zeros, declaring `declared` bytes.
fn bomb(path: &Path, matches: u64, declared: u32) {
    let stream = deflated_zeros(matches);
    let archive = zip::zip_archive(&[
        ("[Content_Types].xml", 0, CONTENT_TYPES.len() as u32, CONTENT_TYPES),
        ("word/document.xml", 8, declared, &stream),
    ]);
    std::fs::write(path, archive).unwrap();
}

fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn test_deflate_writer_is_real_deflate() {
    // The bomb's stream must be one a real inflater accepts: check a small one through
    // zip reading (stored CRC is zero, so only the length and bytes are compared).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.docx");
    let matches = 10;
    let size = 1 + 258 * matches as u32;
    bomb(&path, matches, size);
    let error = extract_file(&path).unwrap_err();
    // Zeros are no XML text: the document is read to its end and found empty or broken,
    // never refused as a bomb.
    assert!(!error.to_string().contains("zip bomb"), "{error}");
    assert!(error.to_string().contains("small.docx"), "{error}");
}

#[test]
fn test_broken_batch_goes_on_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(300 * 1024 * 1024).unwrap();
    let gigabyte_bomb = dir.path().join("bomb.docx");
    let matches = (1u64 << 30) / 258;
    bomb(&gigabyte_bomb, matches, (1 + 258 * matches) as u32);
    let ratio_bomb = dir.path().join("ratio-bomb.docx");
    let matches_ratio = 200 * 1024 * 1024 / 258;
    bomb(&ratio_bomb, matches_ratio, (1 + 258 * matches_ratio) as u32);
    let lying_bomb = dir.path().join("lying-bomb.docx");
    bomb(&lying_bomb, matches, 1024);
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "РЕШЕНИЕ\nот 12.03.2018 № 33\n\nТекст решения.".as_bytes()).unwrap();

    let batch = [
        fixture("truncated.pdf"),
        fixture("loop.pdf"),
        fixture("encrypted.pdf"),
        gigabyte_bomb.clone(),
        ratio_bomb.clone(),
        lying_bomb.clone(),
        empty.clone(),
        fixture("noise.txt"),
        huge.clone(),
        good.clone(),
    ];
    let mut outcomes = Vec::new();
    for path in &batch {
        let started = Instant::now();
        let result = extract_file(path);
        let elapsed = started.elapsed();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(elapsed < TIME_BOUND, "{name} took {elapsed:?}, over {TIME_BOUND:?}");
        match &result {
            Ok(extracted) => eprintln!(
                "{name}: ok, {} paragraphs, {:?}",
                extracted.paragraphs.len(),
                started.elapsed()
            ),
            Err(error) => eprintln!("{name}: {error} ({:?})", started.elapsed()),
        }
        outcomes.push((path.clone(), name, result));
    }
    for (path, name, result) in &outcomes {
        if path == &good {
            assert!(result.is_ok(), "the good file after the broken ones: {result:?}");
            continue;
        }
        let error = result.as_ref().err().unwrap_or_else(|| panic!("{name} should be an error"));
        assert!(error.to_string().contains(name.as_str()), "error does not name the file: {error}");
    }
    let error_of = |path: &Path| {
        outcomes
            .iter()
            .find(|(p, _, _)| p == path)
            .and_then(|(_, _, result)| result.as_ref().err())
            .unwrap()
    };
    // The gigabyte bomb is refused on its declared size, before unpacking.
    assert!(
        matches!(error_of(&gigabyte_bomb), ExtractError::TooLarge { limit, .. } if *limit == MAX_UNPACKED_BYTES),
        "{}",
        error_of(&gigabyte_bomb)
    );
    // Under the size limit but at a ratio of ~1000:1: refused on the ratio, before unpacking.
    assert!(
        matches!(error_of(&ratio_bomb), ExtractError::Corrupt { .. }),
        "{}",
        error_of(&ratio_bomb)
    );
    // A header that under-declares is cut off at the declared size plus one byte.
    assert!(
        matches!(error_of(&lying_bomb), ExtractError::Corrupt { .. }),
        "{}",
        error_of(&lying_bomb)
    );
    assert!(matches!(error_of(&empty), ExtractError::Empty { .. }));
    assert!(matches!(error_of(&fixture("noise.txt")), ExtractError::Unsupported { .. }));
    assert!(
        matches!(error_of(&huge), ExtractError::TooLarge { limit, .. } if *limit == MAX_FILE_BYTES),
        "{}",
        error_of(&huge)
    );
    if let Some(peak) = peak_memory() {
        eprintln!("peak resident memory of the batch: {} MiB", peak / (1024 * 1024));
        assert!(
            peak < PEAK_MEMORY_BOUND,
            "peak memory {peak} bytes over the bound {PEAK_MEMORY_BOUND}"
        );
    }
}
