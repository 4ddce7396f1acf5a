//! PDF extraction speed: pages per second and MB per second.
//!
//! Inputs: the text PDFs of `corpus/formats/` (LibreOffice exports with embedded
//! Cyrillic fonts; the scans are left out, OCR time is tesseract's) and, when the shared
//! evaluation data sits beside the project (`../shared/data/kg-civil-code-pdf`), the
//! 173-page Civil Code of the Kyrgyz Republic exported from Word. Pages are the PDF's
//! own pages. Criterion counts whole elements, so the `pages` benchmark's "elem/s" is
//! pages per second.
//!
//! ```text
//! cargo bench -p zan-extract --bench pdf
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use zan_extract::extract_bytes;

mod common;
use common::{bench_extraction, Settings};

fn corpus_pdfs() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/formats");
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus/formats exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".pdf") && !name.starts_with("scan-")
        })
        .map(|path| {
            let bytes = std::fs::read(&path).expect("readable input");
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

fn civil_code() -> Vec<(PathBuf, Vec<u8>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/kg-civil-code-pdf/civil_code_part1.pdf");
    std::fs::read(&path).map(|bytes| vec![(path, bytes)]).unwrap_or_default()
}

/// Pages of a PDF: the highest page number its paragraphs carry.
fn pages(path: &Path, bytes: &[u8]) -> u64 {
    let extracted = extract_bytes(path, bytes).expect("the PDF extracts");
    u64::from(extracted.paragraphs.iter().filter_map(|p| p.page).max().unwrap_or(1))
}

fn pdf(c: &mut Criterion) {
    for (name, files) in [("pdf-corpus", corpus_pdfs()), ("pdf-civil-code", civil_code())] {
        if files.is_empty() {
            println!("{name}: no input files, skipped");
            continue;
        }
        let bytes: usize = files.iter().map(|(_, data)| data.len()).sum();
        let pages: u64 = files.iter().map(|(path, data)| pages(path, data)).sum();
        println!("{name}: {} files, {bytes} bytes, {pages} pages", files.len());
        let settings = Settings {
            sample_size: 10,
            measurement: Duration::from_secs(5),
            elements: (pages, "pages"),
        };
        bench_extraction(c, name, &files, settings);
    }
}

criterion_group!(benches, pdf);
criterion_main!(benches);
