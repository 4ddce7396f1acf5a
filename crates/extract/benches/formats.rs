//! Extraction speed per format on the files of `corpus/formats/` (made by
//! `corpus/formats/make_formats.py`): TXT (windows-1251, KOI8-R), HTML (windows-1251),
//! DOCX, ODT, RTF. Each iteration extracts every file of the format.
//!
//! Two figures per format: `mb` gives input bytes per second; `centipages` gives
//! hundredths of a page per second (criterion counts whole elements), so its
//! "elem/s" divided by 100 is pages per second, a page being 1,800 characters of
//! extracted text (the standard typed page).
//!
//! ```text
//! cargo bench -p zan-extract --bench formats
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use zan_extract::extract_bytes;

mod common;
use common::{bench_extraction, Settings};

/// Characters of text on one page.
const PAGE_CHARS: usize = 1800;

fn inputs(suffix: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/formats");
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus/formats exists: run corpus/formats/make_formats.py")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .map(|path| {
            let bytes = std::fs::read(&path).expect("readable input");
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

fn formats(c: &mut Criterion) {
    for (format, suffix) in
        [("txt", ".txt"), ("html", ".html"), ("docx", ".docx"), ("odt", ".odt"), ("rtf", ".rtf")]
    {
        let files = inputs(suffix);
        assert!(!files.is_empty(), "no {suffix} files in corpus/formats");
        let bytes: usize = files.iter().map(|(_, data)| data.len()).sum();
        let chars: usize = files
            .iter()
            .map(|(path, data)| {
                let extracted = extract_bytes(path, data).expect("corpus/formats file extracts");
                extracted.paragraphs.iter().map(|p| p.text.chars().count() + 1).sum::<usize>()
            })
            .sum();
        let pages = (chars as f64 / PAGE_CHARS as f64).max(1.0 / PAGE_CHARS as f64);
        println!(
            "{format}: {} files, {bytes} bytes, {chars} characters = {pages:.2} pages",
            files.len()
        );
        // Criterion counts whole elements: count hundredths of pages, so the figure it
        // prints as "Kelem/s" or "elem/s" is 100 x pages/s.
        let centipages = (pages * 100.0).round().max(1.0) as u64;
        let settings = Settings {
            sample_size: 20,
            measurement: Duration::from_secs(3),
            elements: (centipages, "centipages"),
        };
        bench_extraction(c, format, &files, settings);
    }
}

criterion_group!(benches, formats);
criterion_main!(benches);
