//! PDF text on top of lopdf: zan reads the content streams itself.
//!
//! lopdf parses the file (cross-reference table, objects, filters, decryption with an
//! empty user password); [`content`] interprets each page's operators into positioned
//! runs of text, decoding strings through [`font`]; [`layout`] turns the runs into lines,
//! drops running headers, footers and page numbers, and joins lines into paragraphs.
//!
//! Bounds (what a hostile file can cost): the file itself is at most
//! `crate::MAX_FILE_BYTES`; any one decompressed stream at most 64 MiB, the content of
//! all pages together at most 256 MiB; at most 20 million content operators per document
//! (a few seconds of CPU); form XObjects nested at most 12 deep and never recursively;
//! a page tree at most 64 levels deep, and one that loops is refused. Pages with no text
//! layer but images are reported as scans (see [`ocr`]).

mod content;
mod damage;
mod font;
mod layout;
pub mod ocr;

use std::collections::HashSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::document::Paragraph;
use content::{resolve, FontCache, Interpreter, Matrix};
use layout::{Line, PageBox};

/// Largest decompressed stream lopdf may produce while loading, in bytes.
const MAX_STREAM_BYTES: usize = 64 << 20;
/// Largest decompressed content of all pages together, in bytes.
const MAX_CONTENT_BYTES: usize = 256 << 20;
/// Most content-stream operators interpreted in one document.
const MAX_OPERATORS: u64 = 20_000_000;
/// Deepest page tree walked.
const MAX_TREE_DEPTH: usize = 64;
/// Most pages read from one document.
const MAX_PAGES: usize = 100_000;

/// The text of a PDF with what is known about how it was got.
#[derive(Debug, Default)]
pub struct PdfText {
    /// The paragraphs, each with the page it starts on.
    pub paragraphs: Vec<Paragraph>,
    /// Things that went wrong without stopping extraction.
    pub warnings: Vec<String>,
    /// Pages with no text layer, only images (1-based).
    pub scanned_pages: Vec<u32>,
    /// Pages whose text was recognised by OCR (1-based).
    pub ocr_pages: Vec<u32>,
}

/// Why the text of a PDF could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// The file is broken, encrypted or beyond the limits; the reason says which.
    Broken(String),
    /// The file loads, but its text is not its text: fonts or their character maps are
    /// missing, or the cross-reference table was rebuilt and what came out is not prose.
    /// The reason says which (see [`damage`]).
    Damaged(String),
    /// Every page with content is a scanned image and OCR is not available.
    NeedsOcr {
        /// The scanned pages.
        pages: u32,
    },
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Broken(reason) | PdfError::Damaged(reason) => f.write_str(reason),
            PdfError::NeedsOcr { pages } => write!(
                f,
                "no text layer: {pages} pages are scanned images and OCR is not available"
            ),
        }
    }
}

impl PdfError {
    /// The extraction error for the file at `path`.
    pub(crate) fn for_file(self, path: &std::path::Path) -> crate::ExtractError {
        match self {
            PdfError::Broken(reason) => {
                crate::ExtractError::Corrupt { path: path.to_owned(), format: "PDF", reason }
            }
            PdfError::Damaged(reason) => {
                crate::ExtractError::Damaged { path: path.to_owned(), format: "PDF", reason }
            }
            PdfError::NeedsOcr { pages } => {
                crate::ExtractError::NeedsOcr { path: path.to_owned(), pages }
            }
        }
    }
}

impl From<String> for PdfError {
    fn from(reason: String) -> PdfError {
        PdfError::Broken(reason)
    }
}

/// The text of a PDF, page by page, or why it could not be read.
#[cfg(test)]
fn pdf_paragraphs(bytes: &[u8]) -> Result<(Vec<Paragraph>, Vec<String>), String> {
    let text = pdf_text(bytes).map_err(|error| error.to_string())?;
    Ok((text.paragraphs, text.warnings))
}

struct PageNode<'a> {
    id: ObjectId,
    resources: Option<&'a Dictionary>,
    media_box: [f32; 4],
    rotate: i64,
}

/// Extracts the text of a PDF: paragraphs, warnings, and which pages were scans. Scanned
/// pages are recognised by tesseract when it is installed (looked for once per process,
/// and only when a document has a scanned page).
pub fn pdf_text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    pdf_text_with(bytes, ocr::Ocr::installed)
}

/// [`pdf_text`] with the OCR engine given by `ocr` (called at the first scanned page).
pub(crate) fn pdf_text_with<'o>(
    bytes: &[u8],
    ocr: impl FnOnce() -> Option<&'o ocr::Ocr>,
) -> Result<PdfText, PdfError> {
    let options =
        LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..LoadOptions::default() };
    let document = Document::load_mem_with_options(bytes, options)
        .map_err(|error| match error {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
                "the file is encrypted and needs a password".to_owned()
            }
            error => format!("not a readable PDF ({error})"),
        })
        .map_err(PdfError::Broken)?;
    if document.is_encrypted() {
        return Err(PdfError::Broken("the file is encrypted and needs a password".to_owned()));
    }
    let pages = page_tree(&document)?;
    if pages.is_empty() {
        return Err(PdfError::Broken(
            "the PDF has no pages (the file may be truncated)".to_owned(),
        ));
    }
    let mut out = PdfText::default();
    let mut fonts = FontCache::new();
    let mut budget = MAX_OPERATORS;
    let mut content_left = MAX_CONTENT_BYTES;
    let mut page_lines: Vec<(Vec<Line>, PageBox)> = Vec::with_capacity(pages.len());
    let mut ocr_finder = Some(ocr);
    let mut ocr: Option<&ocr::Ocr> = None;
    let mut tally = damage::GlyphTally::default();
    for (index, page) in pages.iter().enumerate() {
        let number = index as u32 + 1;
        let (base, page_box) = page_space(page.media_box, page.rotate);
        let content =
            page_content(&document, page.id, &mut content_left, number, &mut out.warnings);
        let drawn = Interpreter::new(&document, &mut fonts, &mut budget, base)
            .run_page(&content, page.resources);
        if drawn.truncated {
            out.warnings.push(format!(
                "page {number}: stopped after {MAX_OPERATORS} content operators; the rest of the document is not read"
            ));
        }
        tally.glyphs += drawn.glyphs;
        tally.unmapped += drawn.unmapped_glyphs;
        tally.fontless += drawn.fontless_bytes;
        let has_text = drawn.chunks.iter().any(|c| !c.text.trim().is_empty());
        let mut lines = layout::page_lines(number, drawn.chunks, page_box);
        if !has_text && !drawn.images.is_empty() {
            out.scanned_pages.push(number);
            if let Some(find) = ocr_finder.take() {
                ocr = find();
            }
            match ocr.map(|ocr| ocr.page_lines(&document, &drawn.images, number, page_box)) {
                Some(Ok(ocr_lines)) if !ocr_lines.is_empty() => {
                    out.ocr_pages.push(number);
                    out.warnings.push(format!(
                        "page {number}: no text layer (scanned); text recognised by OCR"
                    ));
                    lines = ocr_lines;
                }
                Some(Ok(_)) => out
                    .warnings
                    .push(format!("page {number} has no text layer (scanned); OCR found no text")),
                Some(Err(reason)) => out.warnings.push(format!(
                    "page {number} has no text layer (scanned); OCR failed: {reason}"
                )),
                None => out
                    .warnings
                    .push(format!("page {number} has no text layer (scanned); OCR not available")),
            }
        }
        page_lines.push((lines, page_box));
        if drawn.truncated {
            break;
        }
    }
    let mut unmapped: Vec<String> = fonts
        .values()
        .filter(|font| font.unmapped.get() > 0)
        .map(|font| {
            format!(
                "font {}: {} glyphs with no Unicode mapping left out",
                font.name,
                font.unmapped.get()
            )
        })
        .collect();
    unmapped.sort();
    unmapped.dedup();
    out.warnings.extend(unmapped);
    if tally.fontless > 0 {
        out.warnings.push(format!(
            "{} bytes of text drawn with a font the file does not hold left out",
            tally.fontless
        ));
    }
    layout::drop_page_furniture(&mut page_lines);
    out.paragraphs = layout::paragraphs(&page_lines)
        .into_iter()
        .map(|block| Paragraph { text: block.text, page: Some(block.page) })
        .collect();
    if out.paragraphs.is_empty() && !out.scanned_pages.is_empty() && ocr.is_none() {
        return Err(PdfError::NeedsOcr { pages: out.scanned_pages.len() as u32 });
    }
    let rebuilt = document.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed);
    let text_layer = out
        .paragraphs
        .iter()
        .filter(|p| p.page.is_none_or(|page| !out.ocr_pages.contains(&page)))
        .map(|p| p.text.as_str());
    if let Some(reason) = damage::damage(rebuilt, tally, text_layer) {
        return Err(PdfError::Damaged(reason));
    }
    if rebuilt {
        out.warnings.push(
            "the cross-reference table was rebuilt (the file is truncated or damaged); its text reads as prose and is kept"
                .to_owned(),
        );
    }
    Ok(out)
}

/// The matrix from a page's default space to upright device space, and the page box in it.
fn page_space(media_box: [f32; 4], rotate: i64) -> (Matrix, PageBox) {
    let base = match rotate.rem_euclid(360) {
        90 => Matrix::new([0.0, -1.0, 1.0, 0.0, 0.0, 0.0]),
        180 => Matrix::new([-1.0, 0.0, 0.0, -1.0, 0.0, 0.0]),
        270 => Matrix::new([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]),
        _ => Matrix::IDENTITY,
    };
    let [x0, y0, x1, y1] = media_box;
    let corners = [base.apply(x0, y0), base.apply(x1, y1), base.apply(x0, y1), base.apply(x1, y0)];
    let left = corners.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
    let right = corners.iter().map(|c| c.0).fold(f32::NEG_INFINITY, f32::max);
    let bottom = corners.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
    let top = corners.iter().map(|c| c.1).fold(f32::NEG_INFINITY, f32::max);
    (base, (left, bottom, right, top))
}

/// Walks the page tree from the catalog, carrying inherited resources, media box and
/// rotation; refuses a tree that loops or is too deep.
fn page_tree(document: &Document) -> Result<Vec<PageNode<'_>>, String> {
    let root = document
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"Pages").ok())
        .and_then(|pages| pages.as_reference().ok())
        .ok_or_else(|| "the PDF has no page tree (the file may be truncated)".to_owned())?;
    let mut pages = Vec::new();
    let mut visited = HashSet::new();
    visited.insert(root);
    walk(document, root, None, [0.0, 0.0, 595.0, 842.0], 0, 0, &mut visited, &mut pages)?;
    Ok(pages)
}

#[allow(clippy::too_many_arguments)]
fn walk<'a>(
    document: &'a Document,
    id: ObjectId,
    resources: Option<&'a Dictionary>,
    media_box: [f32; 4],
    rotate: i64,
    depth: usize,
    visited: &mut HashSet<ObjectId>,
    pages: &mut Vec<PageNode<'a>>,
) -> Result<(), String> {
    if depth > MAX_TREE_DEPTH {
        return Err(format!("the page tree is deeper than {MAX_TREE_DEPTH} levels"));
    }
    let Ok(node) = document.get_dictionary(id) else { return Ok(()) };
    let resources = node
        .get(b"Resources")
        .ok()
        .and_then(|o| resolve(document, o))
        .and_then(|o| o.as_dict().ok())
        .or(resources);
    let media_box = node
        .get(b"MediaBox")
        .ok()
        .and_then(|o| resolve(document, o))
        .and_then(|o| o.as_array().ok())
        .filter(|a| a.len() == 4)
        .and_then(|a| {
            let v: Vec<f32> =
                a.iter().filter_map(|o| resolve(document, o)?.as_float().ok()).collect();
            (v.len() == 4 && v.iter().all(|x| x.is_finite()) && v[0] != v[2] && v[1] != v[3])
                .then(|| [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
        })
        .unwrap_or(media_box);
    let rotate = node
        .get(b"Rotate")
        .ok()
        .and_then(|o| resolve(document, o))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(rotate);
    let kids =
        node.get(b"Kids").ok().and_then(|o| resolve(document, o)).and_then(|o| o.as_array().ok());
    let is_page = node.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Page");
    match kids {
        Some(kids) if !is_page => {
            for kid in kids {
                let Ok(kid) = kid.as_reference() else { continue };
                if !visited.insert(kid) {
                    return Err(format!(
                        "the page tree loops (object {} {} R is reached twice)",
                        kid.0, kid.1
                    ));
                }
                walk(document, kid, resources, media_box, rotate, depth + 1, visited, pages)?;
                if pages.len() > MAX_PAGES {
                    return Err(format!("more than {MAX_PAGES} pages"));
                }
            }
        }
        _ => pages.push(PageNode { id, resources, media_box, rotate }),
    }
    Ok(())
}

/// The decompressed content of a page: its content streams, in order.
fn page_content(
    document: &Document,
    page: ObjectId,
    left: &mut usize,
    number: u32,
    warnings: &mut Vec<String>,
) -> Vec<u8> {
    let mut content = Vec::new();
    let Ok(dictionary) = document.get_dictionary(page) else { return content };
    let streams: Vec<&Object> =
        match dictionary.get(b"Contents").ok().and_then(|o| resolve(document, o)) {
            Some(Object::Array(items)) => items.iter().collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        };
    for item in streams {
        let Some(stream) = resolve(document, item).and_then(|o| o.as_stream().ok()) else {
            continue;
        };
        match stream.get_plain_content_with_limit((*left).min(MAX_STREAM_BYTES)) {
            Ok(data) => {
                *left = left.saturating_sub(data.len());
                content.extend_from_slice(&data);
                content.push(b'\n');
            }
            Err(error) => warnings
                .push(format!("page {number}: a content stream could not be read ({error})")),
        }
    }
    content
}

#[cfg(test)]
mod tests;
