//! PDFs built in the test with lopdf: fonts of each kind, layout rules, broken files.

use super::*;
use lopdf::{dictionary, Stream};

/// Codes of the Type 0 test font: Unicode + 0x1000, two bytes each.
fn cid(text: &str) -> String {
    let mut hex = String::from("<");
    for c in text.chars() {
        hex.push_str(&format!("{:04X}", c as u32 + 0x1000));
    }
    hex.push('>');
    hex
}

/// windows-1251 bytes as a hex string.
fn cp1251(text: &str) -> String {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let mut hex = String::from("<");
    for b in bytes.iter() {
        hex.push_str(&format!("{b:02X}"));
    }
    hex.push('>');
    hex
}

/// A document with fonts F1 (Type 0, Identity-H, ToUnicode), F2 (Type 1 with
/// Differences naming Cyrillic glyphs), F3 (TrueType claiming WinAnsi, cp1251 bytes),
/// and one page per content string.
fn build(pages: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <1020> <14FF> <0020> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end"
        .to_vec();
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Arial",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 500, "W" => vec![0x1020.into(), vec![Object::Integer(250)].into()],
    });
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Arial", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()], "ToUnicode" => to_unicode,
    });
    // Codes 192..=255 name А..я in windows-1251 order (Ё and ё, afii10023 and afii10071,
    // live elsewhere in that code page).
    let mut differences: Vec<Object> = vec![192.into()];
    let names = (10017..=10049).chain(10065..=10097).filter(|n| *n != 10023 && *n != 10071);
    differences.extend(names.map(|n| Object::Name(format!("afii{n}").into_bytes())));
    let widths: Vec<Object> =
        (32..=255).map(|c| Object::Integer(if c == 32 { 250 } else { 500 })).collect();
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman", "FirstChar" => 32,
        "Widths" => widths.clone(),
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding", "Differences" => differences },
    });
    let f3 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Arial", "FirstChar" => 32,
        "Widths" => widths, "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc
        .add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3 } });
    let mut kids = Vec::new();
    for content in pages {
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = doc.add_object(
            dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
        );
        kids.push(Object::from(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saved");
    bytes
}

fn texts(bytes: &[u8]) -> Vec<String> {
    let (paragraphs, _) = pdf_paragraphs(bytes).expect("readable");
    paragraphs.into_iter().map(|p| p.text).collect()
}

/// Lines of text in font F1 at 12 pt, 14 pt apart, starting at the top; `indent` lines
/// start 20 pt further right.
fn lines(lines: &[(&str, bool)]) -> String {
    let mut content = String::from("BT /F1 12 Tf 14 TL 72 760 Td\n");
    let mut x = 0.0;
    for (text, indent) in lines {
        let target = if *indent { 20.0 } else { 0.0 };
        content.push_str(&format!("{} 0 Td {} Tj T*\n", target - x, cid(text)));
        x = target;
    }
    content.push_str("ET\n");
    content
}

#[test]
fn test_identity_h_with_to_unicode() {
    let pdf = build(&[format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid("Статья 1. Әділет"))]);
    assert_eq!(texts(&pdf), ["Статья 1. Әділет"]);
}

#[test]
fn test_simple_font_with_differences_and_cp1251() {
    let content = format!(
        "BT /F2 12 Tf 72 700 Td {} Tj ET BT /F3 12 Tf 72 600 Td {} Tj ET",
        cp1251("Гражданский кодекс"),
        cp1251("Жогорку Кенеш")
    );
    assert_eq!(texts(&build(&[content])), ["Гражданский кодекс", "Жогорку Кенеш"]);
}

#[test]
fn test_font_restored_after_grestore() {
    // Text after Q must use F1 again: with F2 left current the two-byte codes would be garbage.
    let content = format!(
        "BT /F1 12 Tf 72 700 Td {} Tj ET q BT /F2 12 Tf 72 650 Td {} Tj ET Q BT 72 600 Td {} Tj ET",
        cid("один"),
        cp1251("два"),
        cid("три")
    );
    assert_eq!(texts(&build(&[content])), ["один", "два", "три"]);
}

#[test]
fn test_pieces_of_a_line_and_justified_gaps() {
    // The second piece is written first; a gap with no space glyph gets a space; kerning does not.
    let content = format!(
        "BT /F1 12 Tf 1 0 0 1 150 700 Tm {} Tj ET BT /F1 12 Tf 1 0 0 1 72 700 Tm [{} -900 {} 30 {}] TJ ET",
        cid("силы"),
        cid("обратной"),
        cid("не"),
        cid("т")
    );
    // обратной: 8 glyphs x 6 pt = 48 -> ends at 120; gap 10.8 pt; "не" + kerned "т" ends at 148.
    assert_eq!(texts(&build(&[content])), ["обратной нет силы"]);
}

#[test]
fn test_superscript_stays_on_its_line() {
    let content = format!(
        "BT /F1 12 Tf 72 700 Td {} Tj /F1 7 Tf 5 Ts {} Tj 0 Ts /F1 12 Tf {} Tj ET",
        cid("100 м"),
        cid("2"),
        cid(" площади")
    );
    assert_eq!(texts(&build(&[content])), ["100 м2 площади"]);
}

#[test]
fn test_paragraphs_and_hyphens() {
    let content = lines(&[
        ("1. Акты гражданского законодательства не имеют обратной силы, гражданско-", true),
        ("правовой договор и основы зако-", false),
        ("нодательство, а также озеро Иссык-", false),
        ("Куль.", false),
        ("2. Второй пункт.", true),
        ("Законодательство.", true),
    ]);
    assert_eq!(
        texts(&build(&[content])),
        [
            "1. Акты гражданского законодательства не имеют обратной силы, гражданско-правовой договор и основы законодательство, а также озеро Иссык-Куль.",
            "2. Второй пункт.",
            "Законодательство.",
        ]
    );
}

#[test]
fn test_headers_footers_and_page_numbers_dropped() {
    let pages: Vec<String> = (1..=4)
        .map(|n| {
            format!(
                "BT /F1 10 Tf 200 810 Td {} Tj ET BT /F1 12 Tf 72 700 Td {} Tj ET BT /F1 10 Tf 290 30 Td {} Tj ET",
                cid(&format!("Гражданский кодекс КР (редакция {n})")),
                cid(&format!("Текст страницы {n}.")),
                cid(&format!("- {n} -"))
            )
        })
        .collect();
    assert_eq!(
        texts(&build(&pages)),
        ["Текст страницы 1.", "Текст страницы 2.", "Текст страницы 3.", "Текст страницы 4."]
    );
}

#[test]
fn test_paragraph_runs_on_across_a_page_break() {
    let pages = [
        lines(&[("Начало абзаца, которое продолжается на", true)]),
        lines(&[("следующей странице.", false)]),
    ];
    let (paragraphs, _) = pdf_paragraphs(&build(&pages)).expect("readable");
    assert_eq!(paragraphs.len(), 1);
    assert_eq!(paragraphs[0].text, "Начало абзаца, которое продолжается на следующей странице.");
    assert_eq!(paragraphs[0].page, Some(1));
}

#[test]
fn test_form_xobject_and_recursion_guard() {
    let mut doc = Document::load_mem(&build(&[String::from("q /X1 Do Q")])).expect("loads");
    let form = doc.new_object_id();
    let body = format!("BT /F1 12 Tf 72 700 Td {} Tj ET /X1 Do", cid("в форме"));
    let resources = doc
        .get_object(doc.get_pages()[&1])
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Parent")
        .unwrap()
        .as_reference()
        .unwrap();
    let fonts = doc.get_dictionary(resources).unwrap().get(b"Resources").unwrap().clone();
    let mut form_resources =
        doc.get_object(fonts.as_reference().unwrap()).unwrap().as_dict().unwrap().clone();
    form_resources.set("XObject", dictionary! { "X1" => form });
    let stream = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()], "Resources" => form_resources.clone() },
        body.into_bytes(),
    );
    doc.objects.insert(form, Object::Stream(stream));
    let resources_id = fonts.as_reference().unwrap();
    doc.objects.insert(resources_id, Object::Dictionary(form_resources));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert_eq!(texts(&bytes), ["в форме"]);
}

#[test]
fn test_truncated_file_is_an_error() {
    let pdf = build(&[format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid("Текст"))]);
    for cut in [10, pdf.len() / 3, pdf.len() / 2] {
        if let Err(reason) = pdf_paragraphs(&pdf[..cut]) {
            assert!(!reason.is_empty());
        }
    }
    let error = crate::extract_bytes(std::path::Path::new("cut.pdf"), &pdf[..40]).unwrap_err();
    assert!(error.to_string().contains("cut.pdf"), "{error}");
}

/// A PDF laid out the way word processors write one: pages first, the fonts' character
/// maps last. Returns it with the offset where the character map of font F1 starts.
fn with_character_map_last(pages: &[String]) -> (Vec<u8>, usize) {
    let mut doc = Document::load_mem(&build(pages)).expect("built PDF loads");
    let font_id = doc
        .objects
        .iter()
        .find(|(_, object)| {
            object.as_dict().is_ok_and(|font| font.get(b"Subtype").ok() == Some(&"Type0".into()))
        })
        .map(|(id, _)| *id)
        .expect("a Type 0 font");
    let font = doc.get_dictionary(font_id).expect("font dictionary");
    let old_map = font.get(b"ToUnicode").and_then(Object::as_reference).expect("a ToUnicode map");
    let map = doc.objects.remove(&old_map).expect("the map object");
    let new_map = doc.add_object(map);
    doc.get_dictionary_mut(font_id).expect("font dictionary").set("ToUnicode", new_map);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("saved");
    let marker = format!("\n{} {} obj", new_map.0, new_map.1);
    let at = bytes.windows(marker.len()).position(|w| w == marker.as_bytes()).expect("map object");
    (bytes, at + 1)
}

/// Issue 10, item 6: a truncated PDF was indexed as pages of punctuation with exit 0.
#[test]
fn test_pdf_cut_before_its_character_maps_is_damaged() {
    let page = lines(&[
        ("Статья 1. Гражданское законодательство определяет правовое", false),
        ("положение участников гражданского оборота (в ред. от 12.03.2018 № 33),", false),
        ("основания возникновения права собственности, 2, 3.", false),
    ]);
    let (pdf, map_start) = with_character_map_last(&[page.clone(), page]);
    assert!(texts(&pdf)[0].starts_with("Статья 1."), "the whole file reads");

    let cut = &pdf[..map_start];
    match pdf_text(cut) {
        Err(PdfError::Damaged(reason)) => {
            assert!(reason.contains("no character mapping"), "{reason}");
            assert!(reason.contains("rebuilt"), "{reason}");
        }
        other => panic!("a cut-off PDF must be damaged, got {other:?}"),
    }
    let error = crate::extract_bytes(std::path::Path::new("cut.pdf"), cut).unwrap_err();
    assert!(matches!(error, crate::ExtractError::Damaged { .. }), "{error}");
    assert!(error.to_string().contains("damaged PDF: "), "{error}");

    // Cut after its last object (only the pointer to the cross-reference data is lost):
    // the table is rebuilt, the text is all there, and it is kept with a warning.
    let tail = pdf.windows(9).rposition(|w| w == b"startxref").expect("a startxref");
    let kept = pdf_text(&pdf[..tail]).expect("the text survives");
    assert!(kept.paragraphs[0].text.starts_with("Статья 1."));
    assert!(kept.warnings.iter().any(|w| w.contains("rebuilt")), "{:?}", kept.warnings);
}

/// A page that names a font the file does not hold has lost its text.
#[test]
fn test_text_in_missing_fonts_is_damaged() {
    let pdf = build(&[format!("BT /F9 12 Tf 72 700 Td {} Tj ET", cid("Статья 1. Текст"))]);
    let Err(PdfError::Damaged(reason)) = pdf_text(&pdf) else {
        panic!("text drawn with a missing font must be damaged")
    };
    assert!(reason.contains("fonts are missing"), "{reason}");
}

#[test]
fn test_page_tree_loop_is_an_error() {
    let pdf = build(&[format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid("Текст"))]);
    let mut doc = Document::load_mem(&pdf).unwrap();
    let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
    let node = doc.get_dictionary_mut(root).unwrap();
    let mut kids = node.get(b"Kids").unwrap().as_array().unwrap().clone();
    kids.push(Object::Reference(root));
    node.set("Kids", kids);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let reason = pdf_paragraphs(&bytes).unwrap_err();
    assert!(reason.contains("page tree loops"), "{reason}");
}

#[test]
fn test_encrypted_file_is_an_error() {
    let pdf = build(&[format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid("Секрет"))]);
    let mut doc = Document::load_mem(&pdf).unwrap();
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(b"0123456789abcdef".to_vec()),
            Object::string_literal(b"0123456789abcdef".to_vec()),
        ],
    );
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "user",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let reason = pdf_paragraphs(&bytes).unwrap_err();
    assert!(reason.contains("encrypted"), "{reason}");
}

/// A PDF of the given text pages followed by one page that only paints an image (a scan).
fn with_scanned_page(mut pages: Vec<String>) -> Vec<u8> {
    pages.push(String::from("q 595 0 0 842 0 0 cm /Im1 Do Q"));
    let mut doc = Document::load_mem(&build(&pages)).unwrap();
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![0, 255, 255, 0],
    ));
    let resources_id = doc
        .objects
        .iter()
        .find_map(|(id, o)| o.as_dict().ok().filter(|d| d.has(b"Font")).map(|_| *id))
        .unwrap();
    doc.get_dictionary_mut(resources_id).unwrap().set("XObject", dictionary! { "Im1" => image });
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn test_scanned_page_is_reported() {
    let bytes = with_scanned_page(Vec::new());
    // No OCR: the page is reported, and a document of scans only is its own error.
    match pdf_text_with(&bytes, || None) {
        Err(PdfError::NeedsOcr { pages }) => assert_eq!(pages, 1),
        other => panic!("expected NeedsOcr, got {other:?}"),
    }
    let error = PdfError::NeedsOcr { pages: 1 }.for_file(std::path::Path::new("scan.pdf"));
    assert!(matches!(error, crate::ExtractError::NeedsOcr { pages: 1, .. }));
    assert!(
        error.to_string().contains("scan.pdf")
            && error.to_string().contains("OCR is not available")
    );
}

#[test]
fn test_scanned_page_beside_text_pages_is_skipped_with_a_warning() {
    let text = format!("BT /F1 12 Tf 72 700 Td {} Tj ET", cid("Текст"));
    let bytes = with_scanned_page(vec![text]);
    let text = pdf_text_with(&bytes, || None).expect("the text page is read");
    assert_eq!(text.scanned_pages, [2]);
    assert!(text.ocr_pages.is_empty());
    assert!(
        text.warnings.iter().any(|w| w.contains("page 2") && w.contains("OCR not available")),
        "{:?}",
        text.warnings
    );
    assert_eq!(text.paragraphs.len(), 1);
}

/// OCR of the corpus's scanned acts. Needs tesseract with rus, kaz and kir data (Debian:
/// tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-kir), which the
/// project's test command installs.
#[test]
fn test_scanned_corpus_acts_are_read_by_ocr() {
    let ocr = ocr::Ocr::installed().expect("tesseract with Russian data is installed");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/formats");
    for (file, words) in [
        ("scan-ru-decision-01-budget-2024.pdf", ["РЕШЕНИЕ", "бюджете"]),
        ("scan-kk-decision-01-budget-2022.pdf", ["ШЕШІМ", "бюджет"]),
    ] {
        let bytes = std::fs::read(dir.join(file)).expect("corpus scan");
        let text = pdf_text_with(&bytes, || Some(ocr)).expect("recognised");
        assert_eq!(text.scanned_pages, [1], "{file}");
        assert_eq!(text.ocr_pages, [1], "{file}");
        let all: String =
            text.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        for word in words {
            assert!(all.contains(word), "{file}: {word} not in {all}");
        }
        let extracted =
            crate::extract_bytes(std::path::Path::new(file), &bytes).expect("extracted");
        assert_eq!(extracted.ocr_pages, [1]);
    }
}

#[test]
fn test_garbage_never_panics() {
    let pdf = build(&[lines(&[("Строка текста для порчи", false)])]);
    let mut state = 0x2545_f491_u32;
    for round in 0..200 {
        let mut bytes = pdf.clone();
        for _ in 0..(1 + round % 8) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % bytes.len();
            bytes[at] = (state >> 8) as u8;
        }
        let _ = pdf_paragraphs(&bytes);
    }
}
