//! PDF extraction fidelity on real Word-made PDFs (`kg-civil-code-pdf`): the Civil Code
//! of the Kyrgyz Republic, with the official text of the articles the PDF edition holds.
//!
//! zan extracts each PDF named in `reference-articles.jsonl` through the public entry
//! [`zan_extract::extract_bytes`]; the paragraphs are cut at those that start with
//! `Статья N.` and each article is compared with its reference after collapsing
//! whitespace: exact matches, and word-multiset recall and precision (means over the
//! reference articles; an article zan did not find scores 0). U+FFFD and private-use
//! characters in the whole text are counted (they mean undecoded glyphs).
//!
//! Cost: CPU time and peak resident memory of extraction, measured in this process
//! (Linux `/proc`; absent elsewhere). When poppler's `pdftotext` is on the `PATH`, the
//! same files go through it in the same run, and its CPU time (from the children's
//! CPU counter, at clock-tick resolution) gives the speed ratio.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::time::Instant;

use crate::Report;

/// Where the data lives, under the shared data folder.
const DATA_DIR: &str = "kg-civil-code-pdf";

/// Floors: a little under what zan reaches, so a regression fails CI.
const FLOOR_EXACT_RATE: f64 = 0.995;
const FLOOR_WORD_RECALL: f64 = 0.9995;
const FLOOR_WORD_PRECISION: f64 = 0.9995;
/// Ceilings of cost for the measured files (the target of the issue: 0.5 s and 30 MB).
const CEILING_CPU_SECONDS: f64 = 0.5;
const CEILING_PEAK_MB: f64 = 30.0;

/// The figures of the PDF measurement.
#[derive(Debug, Default)]
pub struct PdfReport {
    /// PDF files measured.
    pub files: usize,
    /// Pages in them.
    pub pages: usize,
    /// Bytes of them.
    pub bytes: u64,
    /// Reference articles.
    pub articles: usize,
    /// Articles whose text equals the reference after collapsing whitespace.
    pub exact: usize,
    /// Reference articles not found in the extracted text.
    pub missing: usize,
    /// Mean word-multiset recall over the articles.
    pub word_recall: f64,
    /// Mean word-multiset precision over the articles.
    pub word_precision: f64,
    /// U+FFFD characters in the extracted text.
    pub replacement_chars: usize,
    /// Private-use characters in the extracted text.
    pub private_use_chars: usize,
    /// Warnings zan gave.
    pub warnings: usize,
    /// Files zan could not read, with the reason.
    pub errors: Vec<String>,
    /// CPU seconds zan spent extracting (None where it cannot be measured).
    pub cpu_seconds: Option<f64>,
    /// Wall-clock seconds zan spent extracting.
    pub wall_seconds: f64,
    /// Peak resident memory of this process after extraction, in MB.
    pub peak_mb: Option<f64>,
    /// Resident memory before extraction, in MB.
    pub base_mb: Option<f64>,
    /// CPU seconds pdftotext spent on the same files, if it is installed.
    pub pdftotext_cpu_seconds: Option<f64>,
    /// Up to ten ids of articles that differ.
    pub differing: Vec<String>,
    /// Truncated copies of the files (see [`CUTS`]) tried.
    pub cut_copies: usize,
    /// Of those, copies refused as damaged.
    pub cut_damaged: usize,
    /// Copies whose text was kept although fewer than half its visible characters are
    /// letters: garbage that would be indexed (issue 10, item 6).
    pub cut_garbage: Vec<String>,
}

/// Where copies of each file are cut to check that a truncated PDF is refused or read
/// as prose, never indexed as garbage: 40 KB (the cut of issue 10), and fractions.
const CUTS: [Cut; 5] =
    [Cut::Bytes(40 * 1024), Cut::Share(8), Cut::Share(4), Cut::Share(2), Cut::Share(1)];

/// A length to cut a copy to: a number of bytes, or the file's size divided by the
/// number (`Share(1)` is the file without its last 1,024 bytes: the trailer).
#[derive(Clone, Copy)]
enum Cut {
    Bytes(usize),
    Share(usize),
}

impl Cut {
    fn length(self, size: usize) -> usize {
        match self {
            Cut::Bytes(bytes) => bytes.min(size),
            Cut::Share(1) => size.saturating_sub(1024),
            Cut::Share(parts) => size / parts,
        }
    }
}

impl PdfReport {
    /// Share of articles identical to the reference.
    pub fn exact_rate(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            self.exact as f64 / self.articles as f64
        }
    }
}

impl fmt::Display for PdfReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "pdf: {} files, {} pages, {:.2} MB; {} reference articles",
            self.files,
            self.pages,
            self.bytes as f64 / 1e6,
            self.articles
        )?;
        writeln!(
            f,
            "  identical articles: {} / {} ({:.2} %), not found: {}",
            self.exact,
            self.articles,
            100.0 * self.exact_rate(),
            self.missing
        )?;
        writeln!(
            f,
            "  word recall {:.5}, word precision {:.5}",
            self.word_recall, self.word_precision
        )?;
        writeln!(
            f,
            "  U+FFFD: {}, private-use characters: {}",
            self.replacement_chars, self.private_use_chars
        )?;
        writeln!(f, "  warnings: {}, unreadable files: {}", self.warnings, self.errors.len())?;
        writeln!(
            f,
            "  truncated copies: {}, refused as damaged: {}, kept as garbage: {}",
            self.cut_copies,
            self.cut_damaged,
            self.cut_garbage.len()
        )?;
        for garbage in &self.cut_garbage {
            writeln!(f, "    {garbage}")?;
        }
        for error in &self.errors {
            writeln!(f, "    {error}")?;
        }
        match self.cpu_seconds {
            Some(cpu) => write!(f, "  zan: {cpu:.3} s CPU, {:.3} s wall", self.wall_seconds)?,
            None => write!(f, "  zan: {:.3} s wall", self.wall_seconds)?,
        }
        if let (Some(peak), Some(base)) = (self.peak_mb, self.base_mb) {
            write!(f, ", peak RSS {peak:.1} MB (before extraction {base:.1} MB)")?;
        }
        if self.pages > 0 && self.wall_seconds > 0.0 {
            write!(
                f,
                "; {:.0} pages/s, {:.2} MB/s",
                self.pages as f64 / self.cpu_seconds.unwrap_or(self.wall_seconds),
                self.bytes as f64 / 1e6 / self.cpu_seconds.unwrap_or(self.wall_seconds)
            )?;
        }
        writeln!(f)?;
        if let Some(poppler) = self.pdftotext_cpu_seconds {
            write!(f, "  pdftotext: {poppler:.2} s CPU")?;
            if let Some(cpu) = self.cpu_seconds.filter(|c| *c > 0.0) {
                write!(f, "; zan is {:.1}x faster", poppler / cpu)?;
            }
            writeln!(f)?;
        }
        if !self.differing.is_empty() {
            writeln!(f, "  differing: {}", self.differing.join(", "))?;
        }
        Ok(())
    }
}

impl Report for PdfReport {
    fn floor_failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        if self.articles == 0 {
            failures.push("pdf: no reference articles measured".to_owned());
            return failures;
        }
        if self.exact_rate() < FLOOR_EXACT_RATE {
            failures.push(format!(
                "pdf: identical articles {:.4} < {FLOOR_EXACT_RATE}",
                self.exact_rate()
            ));
        }
        if self.word_recall < FLOOR_WORD_RECALL {
            failures
                .push(format!("pdf: word recall {:.5} < {FLOOR_WORD_RECALL}", self.word_recall));
        }
        if self.word_precision < FLOOR_WORD_PRECISION {
            failures.push(format!(
                "pdf: word precision {:.5} < {FLOOR_WORD_PRECISION}",
                self.word_precision
            ));
        }
        if self.replacement_chars > 0 {
            failures.push(format!("pdf: {} U+FFFD characters in the text", self.replacement_chars));
        }
        if !self.errors.is_empty() {
            failures.push(format!("pdf: {} files unreadable", self.errors.len()));
        }
        if !self.cut_garbage.is_empty() {
            failures.push(format!(
                "pdf: {} truncated copies indexed as garbage",
                self.cut_garbage.len()
            ));
        }
        if let Some(cpu) = self.cpu_seconds.filter(|cpu| *cpu > CEILING_CPU_SECONDS) {
            failures.push(format!("pdf: {cpu:.3} s CPU > {CEILING_CPU_SECONDS} s"));
        }
        if let Some(peak) = self.peak_mb.filter(|peak| *peak > CEILING_PEAK_MB) {
            failures.push(format!("pdf: peak RSS {peak:.1} MB > {CEILING_PEAK_MB} MB"));
        }
        failures
    }
}

#[derive(serde::Deserialize)]
struct Reference {
    pdf: String,
    article: String,
    reference: String,
}

/// Runs the PDF measurement on the shared data folder.
pub fn evaluate(data: &Path) -> std::io::Result<PdfReport> {
    let dir = data.join(DATA_DIR);
    let mut references: BTreeMap<String, Vec<Reference>> = BTreeMap::new();
    for line in std::fs::read_to_string(dir.join("reference-articles.jsonl"))?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let reference: Reference = serde_json::from_str(line).map_err(std::io::Error::other)?;
        references.entry(reference.pdf.clone()).or_default().push(reference);
    }
    let mut report = PdfReport::default();
    let mut files = Vec::new();
    for name in references.keys() {
        let path = dir.join(name);
        if path.exists() {
            let bytes = std::fs::read(&path)?;
            files.push((name.clone(), path, bytes));
        }
    }

    let base = peak_kb();
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut texts = HashMap::new();
    for (name, path, bytes) in &files {
        report.files += 1;
        report.bytes += bytes.len() as u64;
        match zan_extract::extract_bytes(path, bytes) {
            Ok(extracted) => {
                report.warnings += extracted.warnings.len();
                report.pages +=
                    extracted.paragraphs.iter().filter_map(|p| p.page).max().unwrap_or(0) as usize;
                let text: Vec<String> = extracted.paragraphs.into_iter().map(|p| p.text).collect();
                texts.insert(name.clone(), text);
            }
            Err(error) => report.errors.push(error.to_string()),
        }
    }
    report.wall_seconds = started.elapsed().as_secs_f64();
    report.cpu_seconds = cpu_before.and_then(|before| Some(cpu_seconds()? - before));
    report.base_mb = base.map(|kb| kb as f64 / 1024.0);
    report.peak_mb = peak_kb().map(|kb| kb as f64 / 1024.0);
    report.pdftotext_cpu_seconds =
        pdftotext_seconds(files.iter().map(|(_, path, _)| path.as_path()));

    let (mut recall_sum, mut precision_sum) = (0.0, 0.0);
    for (name, articles) in &references {
        let Some(paragraphs) = texts.get(name) else { continue };
        for paragraph in paragraphs {
            report.replacement_chars += paragraph.matches('\u{FFFD}').count();
            report.private_use_chars +=
                paragraph.chars().filter(|c| ('\u{E000}'..='\u{F8FF}').contains(c)).count();
        }
        let found = cut_articles(paragraphs);
        for article in articles {
            report.articles += 1;
            let expected = collapse(&article.reference);
            let Some(got) = found.get(&article.article) else {
                report.missing += 1;
                if report.differing.len() < 10 {
                    report.differing.push(format!("{} (not found)", article.article));
                }
                continue;
            };
            if *got == expected {
                report.exact += 1;
            } else if report.differing.len() < 10 {
                report.differing.push(article.article.clone());
            }
            let (recall, precision) = word_overlap(&expected, got);
            recall_sum += recall;
            precision_sum += precision;
        }
    }
    if report.articles > 0 {
        report.word_recall = recall_sum / report.articles as f64;
        report.word_precision = precision_sum / report.articles as f64;
    }
    for (name, path, bytes) in &files {
        for cut in CUTS {
            let length = cut.length(bytes.len());
            report.cut_copies += 1;
            match zan_extract::extract_bytes(path, &bytes[..length]) {
                Err(zan_extract::ExtractError::Damaged { .. }) => report.cut_damaged += 1,
                Err(_) => {}
                Ok(extracted) => {
                    let visible: Vec<char> = extracted
                        .paragraphs
                        .iter()
                        .flat_map(|p| p.text.chars())
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let letters = visible.iter().filter(|c| c.is_alphabetic()).count();
                    if letters * 2 < visible.len() {
                        report.cut_garbage.push(format!("{name} cut to {length} bytes"));
                    }
                }
            }
        }
    }
    Ok(report)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article number a paragraph starts with (`Статья 82-1.` -> `82-1`), if any.
fn article_number(paragraph: &str) -> Option<&str> {
    let rest = paragraph.strip_prefix("Статья")?;
    let rest = rest.trim_start();
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '-'))?;
    let number = &rest[..end];
    (rest[end..].starts_with('.') && number.starts_with(|c: char| c.is_ascii_digit()))
        .then_some(number)
}

/// Cuts paragraphs into articles: from a paragraph starting `Статья N.` to the next.
fn cut_articles(paragraphs: &[String]) -> HashMap<String, String> {
    let mut articles: HashMap<String, String> = HashMap::new();
    let mut current: Option<String> = None;
    for paragraph in paragraphs {
        let collapsed = collapse(paragraph);
        if let Some(number) = article_number(&collapsed) {
            current = Some(number.to_owned());
            articles.entry(number.to_owned()).or_default();
        }
        if let Some(article) = current.as_ref().and_then(|n| articles.get_mut(n)) {
            if !article.is_empty() {
                article.push(' ');
            }
            article.push_str(&collapsed);
        }
    }
    articles
}

fn word_overlap(expected: &str, got: &str) -> (f64, f64) {
    fn count(text: &str) -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            *counts.entry(word).or_default() += 1;
        }
        counts
    }
    let (a, b) = (count(expected), count(got));
    let common: usize = a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum();
    let (total_a, total_b): (usize, usize) = (a.values().sum(), b.values().sum());
    (
        if total_a == 0 { 1.0 } else { common as f64 / total_a as f64 },
        if total_b == 0 { 0.0 } else { common as f64 / total_b as f64 },
    )
}

/// CPU seconds of the calling thread (nanosecond counter of `/proc/thread-self/schedstat`),
/// or of this process at clock-tick resolution (`/proc/self/stat`).
fn cpu_seconds() -> Option<f64> {
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
    {
        return Some(ns / 1e9);
    }
    let fields = proc_stat_fields()?;
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// CPU seconds of waited-for children (user + system).
fn children_cpu_seconds() -> Option<f64> {
    let fields = proc_stat_fields()?;
    let ticks: f64 = fields.get(13)?.parse::<f64>().ok()? + fields.get(14)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Fields of `/proc/self/stat` after the command name (field 3 onwards).
fn proc_stat_fields() -> Option<Vec<String>> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    Some(after.split_whitespace().map(str::to_owned).collect())
}

/// Peak resident set size of this process in kB (`VmHWM`).
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `pdftotext` (if installed) on each file and returns the CPU seconds it took.
fn pdftotext_seconds<'a>(paths: impl Iterator<Item = &'a Path>) -> Option<f64> {
    let before = children_cpu_seconds()?;
    for path in paths {
        let status = std::process::Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    Some(children_cpu_seconds()? - before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cutting_and_overlap() {
        let paragraphs: Vec<String> =
            ["Глава 1", "Статья 1. Первая", "Текст  первой.", "Статья 82-1. Вторая", "Текст"]
                .map(str::to_owned)
                .to_vec();
        let articles = cut_articles(&paragraphs);
        assert_eq!(articles["1"], "Статья 1. Первая Текст первой.");
        assert_eq!(articles["82-1"], "Статья 82-1. Вторая Текст");
        assert_eq!(article_number("Статья 5 настоящего"), None);
        let (recall, precision) = word_overlap("a b c d", "a b x");
        assert!((recall - 0.5).abs() < 1e-9 && (precision - 2.0 / 3.0).abs() < 1e-9);
    }
}
