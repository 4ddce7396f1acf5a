//! DOCX (Word 2007+): the text of the main document — paragraphs, tables (one paragraph
//! per cell paragraph), text boxes — followed by the page headers and footers (each
//! distinct paragraph once), footnotes and endnotes.
//!
//! Text is taken from `w:t` runs only, so field codes (`w:instrText`), deleted text
//! (`w:delText`) and the fallback copy of drawings (`mc:Fallback`) are left out; a line
//! break (`w:br`, `w:cr`) ends a paragraph, as `<br>` does in HTML, so that the lines of an
//! act's header stay apart for requisites parsing.

use quick_xml::events::Event;

use crate::document::Paragraph;
use crate::zip_container::{
    resolve_reference, xml_reader, xml_source, ContainerError, ParagraphSink, ZipContainer,
};

/// The main document part when `_rels/.rels` does not name one.
const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// Returns true if the container looks like a Word document.
pub fn is_docx(container: &ZipContainer<'_>) -> bool {
    container.contains(DEFAULT_MAIN_PART)
        || container.contains("_rels/.rels") && !container.contains("content.xml")
}

/// Extracts the paragraphs of a DOCX file, with warnings about parts that could not be read.
pub fn docx_paragraphs(bytes: &[u8]) -> Result<(Vec<Paragraph>, Vec<String>), ContainerError> {
    let mut container = ZipContainer::open(bytes)?;
    let main_part = main_part(&mut container)?;
    let main = container.read(&main_part)?.ok_or_else(|| ContainerError::Broken {
        entry: main_part.clone(),
        reason: "the main document part is missing".to_owned(),
    })?;
    let mut warnings = Vec::new();
    let mut paragraphs = part_paragraphs(&main, &main_part, &mut warnings)?;

    let folder = main_part.rfind('/').map_or(String::new(), |slash| main_part[..=slash].to_owned());
    let mut aside_parts = container.xml_parts(&folder, "header");
    aside_parts.extend(container.xml_parts(&folder, "footer"));
    aside_parts.push(format!("{folder}footnotes.xml"));
    aside_parts.push(format!("{folder}endnotes.xml"));
    let mut seen = std::collections::HashSet::new();
    for part in aside_parts {
        let Some(xml) = container.read(&part)? else { continue };
        match part_paragraphs(&xml, &part, &mut warnings) {
            Ok(aside) => {
                paragraphs.extend(aside.into_iter().filter(|text| seen.insert(text.clone())))
            }
            Err(error) => warnings.push(error.to_string()),
        }
    }
    let paragraphs = paragraphs.into_iter().map(|text| Paragraph { text, page: None }).collect();
    Ok((paragraphs, warnings))
}

/// Finds the main document part through the package relationships.
fn main_part(container: &mut ZipContainer<'_>) -> Result<String, ContainerError> {
    let Some(rels) = container.read("_rels/.rels")? else {
        return Ok(DEFAULT_MAIN_PART.to_owned());
    };
    let source = xml_source(&rels);
    let mut reader = xml_reader(&source);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == "Relationship" =>
            {
                let attribute = |name: &str| {
                    element
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| a.value.into_owned())
                };
                if attribute("Type").is_some_and(|kind| kind.ends_with("/officeDocument")) {
                    if let Some(target) = attribute("Target") {
                        let target = target.trim_start_matches('/').to_lowercase();
                        if container.contains(&target) {
                            return Ok(target);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(DEFAULT_MAIN_PART.to_owned())
}

/// The paragraphs of one WordprocessingML part. An XML error after some text is a
/// warning; before any text, an error.
fn part_paragraphs(
    xml: &[u8],
    part: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>, ContainerError> {
    let source = xml_source(xml);
    let mut reader = xml_reader(&source);
    let mut sink = ParagraphSink::default();
    let mut in_text = 0usize;
    let mut skipping = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let message =
                    format!("{part}: XML error at byte {}: {error}", reader.buffer_position());
                if sink.done.is_empty() {
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
        match event {
            Event::Start(element) => match element.local_name().as_ref() {
                "p" => sink.open(),
                "t" => in_text += 1,
                "Fallback" | "instrText" | "delText" => skipping = 1,
                _ => {}
            },
            Event::End(element) => match element.local_name().as_ref() {
                "p" => sink.close(),
                "t" => in_text = in_text.saturating_sub(1),
                _ => {}
            },
            Event::Empty(element) => match element.local_name().as_ref() {
                "tab" | "ptab" => sink.push(' '),
                "br" | "cr" => sink.break_line(),
                "noBreakHyphen" => sink.push('-'),
                "softHyphen" => sink.push('\u{00AD}'),
                _ => {}
            },
            Event::Text(text) if in_text > 0 => sink.push_str(&text.xml10_content()),
            Event::CData(text) if in_text > 0 => sink.push_str(&text),
            Event::GeneralRef(reference) if in_text > 0 => {
                if let Some(c) = resolve_reference(&reference) {
                    sink.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sink.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zip_container::test_zip::zip_of;

    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>
<w:p><w:r><w:t>ҚАУЛЫ</w:t></w:r><w:r><w:br/><w:t>ПОСТАНОВЛЕНИЕ</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">от 12.03.2018 </w:t></w:r><w:r><w:t>№&#160;33</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Статья</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Сумма &amp; итог</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r>
<w:r><w:t>ссылка</w:t></w:r><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>врезка</w:t></mc:Choice><mc:Fallback><w:t>врезка</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#;

    const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn test_body_tables_headers_footnotes() {
        let header =
            r#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>Официальный текст</w:t></w:r></w:p></w:hdr>"#;
        let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
            <w:footnote w:id="1"><w:p><w:r><w:t>Сноска о бюджете.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let bytes = zip_of(&[
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", DOCUMENT.as_bytes()),
            ("word/header1.xml", header.as_bytes()),
            ("word/header2.xml", header.as_bytes()),
            ("word/footnotes.xml", notes.as_bytes()),
        ]);
        let (paragraphs, warnings) = docx_paragraphs(&bytes).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            texts(&paragraphs),
            [
                "ҚАУЛЫ",
                "ПОСТАНОВЛЕНИЕ",
                "от 12.03.2018 № 33",
                "Статья",
                "Сумма & итог",
                "ссылка",
                "врезка",
                "Официальный текст",
                "Сноска о бюджете."
            ]
        );
    }

    #[test]
    fn test_missing_main_part_is_an_error() {
        let bytes = zip_of(&[("word/styles.xml", b"<x/>")]);
        assert!(matches!(docx_paragraphs(&bytes), Err(ContainerError::Broken { .. })));
    }

    #[test]
    fn test_truncated_xml_keeps_text_with_a_warning() {
        let cut = &DOCUMENT[..DOCUMENT.find("<w:tbl>").unwrap() + 20];
        let bytes = zip_of(&[("word/document.xml", cut.as_bytes())]);
        let (paragraphs, _) = docx_paragraphs(&bytes).unwrap();
        assert_eq!(paragraphs[0].text, "ҚАУЛЫ");
    }
}
