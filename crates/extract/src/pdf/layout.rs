//! From positioned runs of text to lines, and from lines to paragraphs.
//!
//! Lines: runs are grouped by baseline (a tolerance of 0.3 of the font size), and a run
//! of smaller type raised above (superscript) or just below (subscript) a baseline joins
//! that line; a line's runs are read left to right, and a space is put between two runs
//! the producer wrote none between when the gap is over 0.15 of the font size.
//!
//! Repeated page furniture: a line among the first or last three of a page, inside the
//! top or bottom eighth of the page, is dropped when the same line (digits ignored)
//! stands there on at least three pages and a third of the pages, or when it is a bare
//! page number ("5", "- 5 -", "Страница 5 из 9", ...).
//!
//! Paragraphs: a new one starts after a vertical gap over 1.6 times the page's usual line
//! step, at a change of font size, at a line indented past the left margin (unless the
//! line before is full and does not end a sentence), or after a short line that ends a
//! sentence or before a line that starts with a capital or a digit; a line starting with
//! a lower-case letter after one that does not end with `.`, `:`, `;`, `!` or `?` always
//! continues. Paragraphs run on across page breaks.
//!
//! Hyphens at line ends: a soft hyphen is dropped and the word joined; a hyphen before a
//! capital is kept (`Иссык-` + `Куль`); before a lower-case letter, the word is joined
//! without the hyphen when the joined word occurs elsewhere in the document, kept with
//! the hyphen when the hyphenated compound occurs elsewhere, and otherwise kept when the
//! first part ends in the linking vowel `о`/`е` of a Russian compound
//! (`гражданско-правовой`, `финансово-кредитный`) and joined in all other cases.

use std::collections::{HashMap, HashSet};

use super::content::Chunk;

/// A gap between two runs wider than this share of the font size is a space between
/// words (poppler's and pdfminer's figure too); tighter gaps are kerning.
pub(crate) const WORD_GAP: f32 = 0.1;

/// One line of text on a page.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) page: u32,
    pub(crate) x0: f32,
    pub(crate) x1: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    pub(crate) text: String,
    /// Text not on a horizontal baseline, kept as its own paragraph.
    pub(crate) rotated: bool,
}

/// The box of a page in device space: (left, bottom, right, top).
pub(crate) type PageBox = (f32, f32, f32, f32);

/// Builds the lines of one page from its runs.
pub(crate) fn page_lines(page: u32, chunks: Vec<Chunk>, page_box: PageBox) -> Vec<Line> {
    let (left, bottom, right, top) = page_box;
    let margin = 36.0;
    let (mut flat, rotated): (Vec<Chunk>, Vec<Chunk>) =
        chunks.into_iter().partition(|c| c.horizontal);
    flat.retain(|c| {
        c.x1 >= left - margin
            && c.x0 <= right + margin
            && c.y >= bottom - margin
            && c.y <= top + margin
    });
    flat.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));

    struct Building {
        y: f32,
        size: f32,
        chunks: Vec<Chunk>,
    }
    let overlaps =
        |chunks: &[Chunk], c: &Chunk| chunks.iter().any(|o| o.x0 < c.x1 - 1.0 && c.x0 < o.x1 - 1.0);
    let mut building: Vec<Building> = Vec::new();
    for chunk in flat {
        if let Some(last) = building.last_mut() {
            let tolerance = 0.3 * chunk.size.min(last.size);
            if (chunk.y - last.y).abs() <= tolerance {
                if chunk.size > last.size * 1.2 {
                    last.size = chunk.size;
                    last.y = chunk.y;
                }
                last.chunks.push(chunk);
                continue;
            }
            let raised = last.size <= 0.8 * chunk.size && last.y - chunk.y <= 0.6 * chunk.size;
            let lowered = chunk.size <= 0.8 * last.size && last.y - chunk.y <= 0.35 * last.size;
            if (raised || lowered) && !overlaps(&last.chunks, &chunk) {
                if raised {
                    last.y = chunk.y;
                    last.size = chunk.size;
                }
                last.chunks.push(chunk);
                continue;
            }
        }
        building.push(Building { y: chunk.y, size: chunk.size, chunks: vec![chunk] });
    }

    let mut lines = Vec::with_capacity(building.len() + rotated.len());
    for mut line in building {
        line.chunks.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut text = String::new();
        let mut previous: Option<&Chunk> = None;
        for chunk in &line.chunks {
            if let Some(previous) = previous {
                let duplicate = chunk.text == previous.text
                    && (chunk.x0 - previous.x0).abs() < 0.5 * chunk.size;
                if duplicate {
                    continue;
                }
                let spaced = previous.text.ends_with(char::is_whitespace)
                    || chunk.text.starts_with(char::is_whitespace);
                if !spaced && chunk.x0 - previous.x1 > WORD_GAP * chunk.size.min(previous.size) {
                    text.push(' ');
                }
            }
            text.push_str(&chunk.text);
            previous = Some(chunk);
        }
        let text = collapse(&text);
        if text.is_empty() {
            continue;
        }
        let x0 = line
            .chunks
            .iter()
            .find(|c| !c.text.trim().is_empty())
            .map_or(line.chunks[0].x0, |c| c.x0);
        let x1 = line
            .chunks
            .iter()
            .rev()
            .find(|c| !c.text.trim().is_empty())
            .map_or(line.chunks[0].x1, |c| c.x1);
        lines.push(Line { page, x0, x1, y: line.y, size: line.size, text, rotated: false });
    }
    let lowest = lines.last().map_or(bottom, |l| l.y);
    for chunk in rotated {
        let text = collapse(&chunk.text);
        if !text.is_empty() {
            lines.push(Line {
                page,
                x0: left,
                x1: right,
                y: lowest,
                size: chunk.size,
                text,
                rotated: true,
            });
        }
    }
    lines
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Drops running headers, footers and page numbers from the lines of all pages.
pub(crate) fn drop_page_furniture(pages: &mut [(Vec<Line>, PageBox)]) {
    let band = |page_box: &PageBox| (page_box.3 - page_box.1).abs() / 8.0;
    let candidates = |lines: &[Line], page_box: &PageBox| -> Vec<usize> {
        let n = lines.len();
        let band = band(page_box);
        (0..n)
            .filter(|&i| !lines[i].rotated)
            .filter(|&i| {
                (i < 3 && lines[i].y >= page_box.3 - band)
                    || (i + 3 >= n && lines[i].y <= page_box.1 + band)
            })
            .collect()
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lines, page_box) in pages.iter() {
        let mut seen = HashSet::new();
        for i in candidates(lines, page_box) {
            let key = furniture_key(&lines[i].text);
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let pages_with_text = pages.iter().filter(|(lines, _)| !lines.is_empty()).count();
    let repeated = |key: &str| counts.get(key).is_some_and(|&n| n >= 3 && n * 3 >= pages_with_text);
    // Page numbers run with the pages: the number printed minus the page's place in the
    // file is the same on every page. A bare number that does not follow that run (the
    // `49)` ending a wrapped citation) is text, not a page number.
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for (index, (lines, page_box)) in pages.iter().enumerate() {
        let mut seen = HashSet::new();
        for i in candidates(lines, page_box) {
            if let Some(value) = page_number(&lines[i].text) {
                if seen.insert(value - index as i64) {
                    *offsets.entry(value - index as i64).or_default() += 1;
                }
            }
        }
    }
    let numbered_pages = |offset: i64| offsets.get(&offset).copied().unwrap_or(0);
    let single = pages.len() == 1;
    for (index, (lines, page_box)) in pages.iter_mut().enumerate() {
        let drop: HashSet<usize> = candidates(lines, page_box)
            .into_iter()
            .filter(|&i| {
                let text = &lines[i].text;
                match page_number(text) {
                    Some(value) => single || numbered_pages(value - index as i64) >= 2,
                    None => repeated(&furniture_key(text)),
                }
            })
            .collect();
        if !drop.is_empty() {
            let mut index = 0;
            lines.retain(|_| {
                index += 1;
                !drop.contains(&(index - 1))
            });
        }
    }
}

fn furniture_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_digit() { '#' } else { c };
        if c == '#' && key.ends_with('#') {
            continue;
        }
        key.push(c);
    }
    key
}

/// Whether a line is nothing but a page number ("7", "- 7 -", "(7)", "стр. 7", "Page 7 of 9").
#[cfg(test)]
fn is_page_number(text: &str) -> bool {
    page_number(text).is_some()
}

/// The page number a line consists of, if it is nothing but one.
fn page_number(text: &str) -> Option<i64> {
    if text.chars().count() > 24 {
        return None;
    }
    // Brackets only as a pair around the whole: "(7)" is a page number, "49)" is not.
    let text = text.trim();
    let inner = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => inner,
        None if text.contains(['(', ')']) => return None,
        None => text,
    };
    let words: String = inner
        .chars()
        .filter(|c| {
            !c.is_ascii_digit()
                && !c.is_whitespace()
                && !matches!(c, '-' | '–' | '—' | '/' | '.' | '|')
        })
        .flat_map(char::to_lowercase)
        .collect();
    let known = matches!(
        words.as_str(),
        "" | "стр"
            | "страница"
            | "page"
            | "p"
            | "бет"
            | "барак"
            | "стриз"
            | "страницаиз"
            | "pageof"
            | "из"
            | "of"
    );
    if !known {
        return None;
    }
    let digits: String = inner
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A paragraph: its text and the page it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub(crate) page: u32,
    pub(crate) text: String,
}

struct PageMetrics {
    left: f32,
    right: f32,
    step: f32,
}

/// Fewer lines than this on a page, and its right edge is taken from the whole document.
const FEW_LINES: usize = 8;

fn right_edge(lines: &[&Line]) -> Option<f32> {
    let mut ends: Vec<f32> = lines.iter().map(|l| l.x1).collect();
    ends.sort_by(f32::total_cmp);
    ends.get((ends.len() * 9 / 10).min(ends.len().saturating_sub(1))).copied()
}

fn page_metrics(lines: &[Line], page_box: &PageBox, document_right: f32) -> PageMetrics {
    let flat: Vec<&Line> = lines.iter().filter(|l| !l.rotated).collect();
    if flat.is_empty() {
        return PageMetrics { left: 0.0, right: 0.0, step: 0.0 };
    }
    let mut starts: HashMap<i32, usize> = HashMap::new();
    for line in &flat {
        *starts.entry((line.x0 * 2.0).round() as i32).or_default() += 1;
    }
    let left = starts
        .iter()
        .filter(|(_, &n)| n >= 3 || n * 5 >= flat.len())
        .map(|(&x, _)| x)
        .min()
        .map_or_else(
            || flat.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min),
            |x| x as f32 / 2.0,
        );
    let right = if flat.len() >= FEW_LINES {
        right_edge(&flat).unwrap_or(document_right)
    } else if document_right > 0.0 {
        document_right
    } else {
        // Too few lines anywhere to see the column: assume margins as wide on the right
        // as on the left.
        let mirrored = page_box.2 - (left - page_box.0);
        right_edge(&flat).unwrap_or(mirrored).max(mirrored)
    };
    let mut steps: Vec<f32> =
        flat.windows(2).map(|w| w[0].y - w[1].y).filter(|d| *d > 0.5).collect();
    steps.sort_by(f32::total_cmp);
    let step = steps.get(steps.len() / 2).copied().unwrap_or(0.0);
    PageMetrics { left, right, step }
}

/// The right edge of the text column over the whole document, or 0 when the document
/// has too few lines to tell.
fn document_right(pages: &[(Vec<Line>, PageBox)]) -> f32 {
    let flat: Vec<&Line> =
        pages.iter().flat_map(|(lines, _)| lines.iter()).filter(|l| !l.rotated).collect();
    if flat.len() < FEW_LINES {
        return 0.0;
    }
    right_edge(&flat).unwrap_or(0.0)
}

/// Whether a line ends with a hyphen glued to a letter (`зако-`, `Иссык-`).
fn ends_with_word_hyphen(text: &str) -> bool {
    let mut chars = text.chars().rev();
    matches!(chars.next(), Some('-' | '\u{AD}' | '\u{2010}'))
        && chars.next().is_some_and(char::is_alphabetic)
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', ':', ';', '!', '?', '…'])
}

/// Joins lines (all pages, in order) into paragraphs.
pub(crate) fn paragraphs(pages: &[(Vec<Line>, PageBox)]) -> Vec<Block> {
    let document_right = document_right(pages);
    let metrics: Vec<PageMetrics> = pages
        .iter()
        .map(|(lines, page_box)| page_metrics(lines, page_box, document_right))
        .collect();
    let all: Vec<(&Line, &PageMetrics)> = pages
        .iter()
        .zip(&metrics)
        .flat_map(|((lines, _), m)| lines.iter().map(move |l| (l, m)))
        .collect();
    let mut vocabulary: Option<HashSet<String>> = None;
    let mut blocks: Vec<Block> = Vec::new();
    let mut previous: Option<(&Line, &PageMetrics)> = None;
    for &(line, metrics) in &all {
        let new_paragraph = match previous {
            None => true,
            Some((prev, prev_metrics)) => starts_paragraph(prev, prev_metrics, line, metrics),
        };
        if new_paragraph {
            blocks.push(Block { page: line.page, text: line.text.clone() });
        } else if let Some(block) = blocks.last_mut() {
            let joined = join_hyphenated(&block.text, &line.text, || {
                vocabulary.get_or_insert_with(|| build_vocabulary(&all)) as &HashSet<String>
            });
            match joined {
                Join::Space => block.text.push(' '),
                Join::Glue => {}
                Join::DropHyphen => {
                    block.text.pop();
                }
            }
            block.text.push_str(&line.text);
        }
        previous = Some((line, metrics));
    }
    blocks
}

fn starts_paragraph(
    prev: &Line,
    prev_metrics: &PageMetrics,
    line: &Line,
    metrics: &PageMetrics,
) -> bool {
    if prev.rotated || line.rotated {
        return true;
    }
    let em = line.size.max(1.0);
    if (line.size - prev.size).abs() > 0.15 * line.size.max(prev.size) {
        return true;
    }
    if prev.page == line.page {
        let gap = prev.y - line.y;
        if gap < -0.5 * em
            || gap > 3.0 * em
            || (metrics.step > 0.0 && gap > 1.6 * metrics.step.max(0.9 * em))
        {
            return true;
        }
    }
    let first = line.text.chars().next().unwrap_or(' ');
    if first.is_alphabetic() && ends_with_word_hyphen(&prev.text) {
        // A word broken or a compound split at the line end: the paragraph goes on.
        return false;
    }
    if first.is_lowercase() && !ends_sentence(&prev.text) {
        return false;
    }
    let prev_full = prev.x1 >= prev_metrics.right - 2.0 * prev.size.max(1.0);
    let indented = line.x0 > metrics.left + 0.8 * em;
    if indented && (!prev_full || ends_sentence(&prev.text)) {
        return true;
    }
    !prev_full && (ends_sentence(&prev.text) || first.is_uppercase() || first.is_ascii_digit())
}

enum Join {
    Space,
    Glue,
    DropHyphen,
}

fn join_hyphenated<'v>(
    before: &str,
    after: &str,
    vocabulary: impl FnOnce() -> &'v HashSet<String>,
) -> Join {
    let Some(hyphen) = before.chars().last() else { return Join::Space };
    if hyphen != '-' && hyphen != '\u{AD}' && hyphen != '\u{2010}' {
        return Join::Space;
    }
    let left: String = before[..before.len() - hyphen.len_utf8()]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let Some(first) = after.chars().next() else { return Join::Space };
    if left.is_empty() || !first.is_alphabetic() {
        return if hyphen == '\u{AD}' { Join::DropHyphen } else { Join::Space };
    }
    if hyphen == '\u{AD}' {
        return Join::DropHyphen;
    }
    if !first.is_lowercase() {
        return Join::Glue;
    }
    let right: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let left_lower = left.to_lowercase();
    let right_lower = right.to_lowercase();
    let vocabulary = vocabulary();
    if vocabulary.contains(&format!("{left_lower}{right_lower}")) {
        return Join::DropHyphen;
    }
    if vocabulary.contains(&format!("{left_lower}-{right_lower}")) {
        return Join::Glue;
    }
    if left_lower.chars().count() >= 3 && left_lower.ends_with(['о', 'е']) {
        Join::Glue
    } else {
        Join::DropHyphen
    }
}

fn build_vocabulary(all: &[(&Line, &PageMetrics)]) -> HashSet<String> {
    let mut words = HashSet::new();
    for (line, _) in all {
        for word in line.text.split(|c: char| !(c.is_alphabetic() || c == '-')) {
            let word = word.trim_matches('-');
            if word.chars().count() >= 2 {
                words.insert(word.to_lowercase());
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(x0: f32, x1: f32, y: f32, size: f32, text: &str) -> Chunk {
        Chunk { x0, x1, y, size, text: text.to_owned(), horizontal: true }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn test_runs_sorted_and_spaced() {
        let chunks = vec![
            chunk(200.0, 240.0, 700.0, 12.0, "силы"),
            chunk(100.0, 180.0, 700.0, 12.0, "обратной "),
            chunk(100.0, 150.0, 686.0, 12.0, "вторая"),
            chunk(153.0, 190.0, 686.0, 12.0, "строка"),
            chunk(190.5, 200.0, 686.0, 12.0, "ми"),
        ];
        let lines = page_lines(1, chunks, (0.0, 0.0, 595.0, 842.0));
        assert_eq!(texts(&lines), ["обратной силы", "вторая строками"]);
    }

    #[test]
    fn test_superscript_stays_on_line() {
        let chunks = vec![
            chunk(100.0, 130.0, 700.0, 12.0, "м"),
            chunk(130.5, 134.0, 704.0, 7.0, "2"),
            chunk(140.0, 160.0, 700.0, 12.0, "площади"),
        ];
        let lines = page_lines(1, chunks, (0.0, 0.0, 595.0, 842.0));
        assert_eq!(texts(&lines), ["м2 площади"]);
    }

    #[test]
    fn test_hyphen_rules() {
        let vocabulary: HashSet<String> = ["законодательство".to_owned()].into_iter().collect();
        let v = || &vocabulary;
        assert!(matches!(join_hyphenated("основы зако-", "нодательство", v), Join::DropHyphen));
        assert!(matches!(join_hyphenated("вопреки гражданско-", "правовому", v), Join::Glue));
        assert!(matches!(join_hyphenated("озеро Иссык-", "Куль", v), Join::Glue));
        assert!(matches!(join_hyphenated("лица -", "банка", v), Join::Space));
        assert!(matches!(join_hyphenated("перено\u{AD}", "сит", v), Join::DropHyphen));
        assert!(matches!(join_hyphenated("непрерыв-", "ный", v), Join::DropHyphen));
    }

    #[test]
    fn test_page_numbers() {
        for text in ["7", "- 7 -", "(7)", "Страница 3 из 9", "стр. 12", "Page 2 of 5"]
        {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["Статья 7.", "1) семь", "2017 года", "49)", "(49"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn test_only_numbers_that_run_with_the_pages_are_dropped() {
        let line = |page: u32, y: f32, text: &str| Line {
            page,
            x0: 72.0,
            x1: 300.0,
            y,
            size: 12.0,
            text: text.to_owned(),
            rotated: false,
        };
        let page_box = (0.0, 0.0, 595.0, 842.0);
        let mut pages: Vec<(Vec<Line>, PageBox)> = (1..=3u32)
            .map(|n| {
                let mut lines = vec![line(n, 700.0, "Текст")];
                match n {
                    2 => lines.push(line(n, 60.0, "49)")),
                    3 => lines.push(line(n, 60.0, "9")),
                    _ => {}
                }
                lines.push(line(n, 30.0, &format!("{}", n + 4)));
                (lines, page_box)
            })
            .collect();
        drop_page_furniture(&mut pages);
        let left: Vec<Vec<&str>> = pages.iter().map(|(lines, _)| texts(lines)).collect();
        assert_eq!(left, [vec!["Текст"], vec!["Текст", "49)"], vec!["Текст", "9"]]);
    }
}
