//! ODT (OpenDocument text): the paragraphs and headings of `content.xml` — tables give
//! one paragraph per cell paragraph, frames and text boxes their own — then the page
//! headers and footers of `styles.xml` (each distinct paragraph once), then the footnotes
//! and endnotes, which ODF keeps inline where they are cited.
//!
//! Comments (`office:annotation`), tracked deletions and the note citation marks are left
//! out; `text:s` gives a space, `text:line-break` ends a paragraph, as `<br>` does in HTML.

use quick_xml::events::Event;

use crate::document::Paragraph;
use crate::zip_container::{
    resolve_reference, xml_reader, xml_source, ContainerError, ParagraphSink, ZipContainer,
};

/// Returns true if the container looks like an OpenDocument file.
pub fn is_odt(container: &ZipContainer<'_>) -> bool {
    container.contains("content.xml")
}

/// Extracts the paragraphs of an ODT file, with warnings about parts that could not be read.
pub fn odt_paragraphs(bytes: &[u8]) -> Result<(Vec<Paragraph>, Vec<String>), ContainerError> {
    let mut container = ZipContainer::open(bytes)?;
    let mut warnings = Vec::new();
    if let Some(mimetype) = container.read("mimetype")? {
        let mimetype = String::from_utf8_lossy(&mimetype);
        if !mimetype.trim().starts_with("application/vnd.oasis.opendocument.text") {
            warnings.push(format!(
                "mimetype is {:?}, not an OpenDocument text; read as one anyway",
                mimetype.trim()
            ));
        }
    }
    let content = container.read("content.xml")?.ok_or_else(|| ContainerError::Broken {
        entry: "content.xml".to_owned(),
        reason: "the content part is missing".to_owned(),
    })?;
    let (mut paragraphs, notes) = part_paragraphs(&content, "content.xml", false, &mut warnings)?;
    let mut seen = std::collections::HashSet::new();
    if let Some(styles) = container.read("styles.xml")? {
        match part_paragraphs(&styles, "styles.xml", true, &mut warnings) {
            Ok((furniture, _)) => {
                paragraphs.extend(furniture.into_iter().filter(|text| seen.insert(text.clone())))
            }
            Err(error) => warnings.push(error.to_string()),
        }
    }
    paragraphs.extend(notes);
    let paragraphs = paragraphs.into_iter().map(|text| Paragraph { text, page: None }).collect();
    Ok((paragraphs, warnings))
}

/// The paragraphs and the note paragraphs of one part. With `page_furniture_only`, only
/// text inside page headers and footers is taken (for `styles.xml`).
fn part_paragraphs(
    xml: &[u8],
    part: &str,
    page_furniture_only: bool,
    warnings: &mut Vec<String>,
) -> Result<(Vec<String>, Vec<String>), ContainerError> {
    let source = xml_source(xml);
    let mut reader = xml_reader(&source);
    let mut body = ParagraphSink::default();
    let mut notes = ParagraphSink::default();
    let mut in_note = 0usize;
    let mut in_furniture = 0usize;
    let mut skipping = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let message =
                    format!("{part}: XML error at byte {}: {error}", reader.buffer_position());
                if body.done.is_empty() && notes.done.is_empty() {
                    return Err(ContainerError::Broken { entry: part.to_owned(), reason: message });
                }
                warnings.push(message);
                break;
            }
        };
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        let taking = !page_furniture_only || in_furniture > 0;
        let sink = if in_note > 0 { &mut notes } else { &mut body };
        match event {
            Event::Start(element) => match element.local_name().as_ref() {
                "p" | "h" if taking => sink.open(),
                "note-body" => in_note += 1,
                "note-citation" | "annotation" | "tracked-changes" | "sequence-decls" | "forms" => {
                    skipping = 1
                }
                "header" | "footer" | "header-first" | "footer-first" | "header-left"
                | "footer-left" => in_furniture += 1,
                _ => {}
            },
            Event::End(element) => match element.local_name().as_ref() {
                "p" | "h" if taking => sink.close(),
                "note-body" => in_note = in_note.saturating_sub(1),
                "header" | "footer" | "header-first" | "footer-first" | "header-left"
                | "footer-left" => in_furniture = in_furniture.saturating_sub(1),
                _ => {}
            },
            Event::Empty(element) => match element.local_name().as_ref() {
                "s" | "tab" if sink.is_open() => sink.push(' '),
                "line-break" => sink.break_line(),
                _ => {}
            },
            Event::Text(text) if sink.is_open() => sink.push_str(&text.xml10_content()),
            Event::CData(text) if sink.is_open() => sink.push_str(&text),
            Event::GeneralRef(reference) if sink.is_open() => {
                if let Some(c) = resolve_reference(&reference) {
                    sink.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((body.finish(), notes.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zip_container::test_zip::zip_of;

    const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
<text:h text:outline-level="1">ШЕШІМ<text:line-break/>РЕШЕНИЕ</text:h>
<text:p>от 12.03.2018<text:s text:c="3"/>№ 33</text:p>
<text:p>Бюджет<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
<text:note-body><text:p>Сноска: в тенге.</text:p></text:note-body></text:note> города &amp; области</text:p>
<table:table><table:table-row><table:table-cell><text:p>Статья</text:p></table:table-cell>
<table:table-cell><text:p><text:span>100</text:span></text:p></table:table-cell></table:table-row></table:table>
<text:p><office:annotation><text:p>комментарий</text:p></office:annotation>Конец</text:p>
</office:text></office:body></office:document-content>"#;

    const STYLES: &str = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t">
<office:styles><style:style style:name="P1"><text:p>не текст</text:p></style:style></office:styles>
<office:master-styles><style:master-page><style:header><text:p>Официально</text:p></style:header>
<style:footer-left><text:p>Официально</text:p></style:footer-left></style:master-page></office:master-styles></office:document-styles>"#;

    #[test]
    fn test_paragraphs_tables_notes_headers() {
        let bytes = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", CONTENT.as_bytes()),
            ("styles.xml", STYLES.as_bytes()),
        ]);
        let (paragraphs, warnings) = odt_paragraphs(&bytes).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "ШЕШІМ",
                "РЕШЕНИЕ",
                "от 12.03.2018 № 33",
                "Бюджет города & области",
                "Статья",
                "100",
                "Конец",
                "Официально",
                "Сноска: в тенге."
            ]
        );
    }

    #[test]
    fn test_missing_content_is_an_error() {
        let bytes = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert!(matches!(odt_paragraphs(&bytes), Err(ContainerError::Broken { .. })));
    }
}
