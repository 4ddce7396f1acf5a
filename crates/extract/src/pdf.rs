//! PDF text through lopdf (first cut: lopdf's own text extraction, page by page).

use crate::document::Paragraph;

/// The text of a PDF, page by page, or why it could not be read.
pub fn pdf_paragraphs(bytes: &[u8]) -> Result<(Vec<Paragraph>, Vec<String>), String> {
    let document = lopdf::Document::load_mem(bytes).map_err(|error| error.to_string())?;
    if document.is_encrypted() {
        return Err("the file is encrypted".to_owned());
    }
    let mut paragraphs = Vec::new();
    let mut warnings = Vec::new();
    for (page_number, _) in document.get_pages() {
        match document.extract_text(&[page_number]) {
            Ok(text) => {
                for mut paragraph in crate::document::paragraphs_from_text(&text) {
                    paragraph.page = Some(page_number);
                    paragraphs.push(paragraph);
                }
            }
            Err(error) => warnings.push(format!("page {page_number}: {error}")),
        }
    }
    Ok((paragraphs, warnings))
}
