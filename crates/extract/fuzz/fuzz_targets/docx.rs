//! Fuzz target: any bytes named `fuzz.docx` must give text or an error, never a panic,
//! a hang or unbounded memory. Half the inputs are taken as the archive itself; the
//! other half (first byte odd) as the XML of `word/document.xml` (and, from the same
//! bytes, a header and the footnotes) packed into a well-formed stored archive, so that
//! the XML reader is fuzzed and not only the zip reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/stored_zip.rs"]
mod stored_zip;

const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.docx");
    match data.split_first() {
        Some((first, xml)) if first & 1 == 1 => {
            let archive = stored_zip::stored_zip(&[
                ("_rels/.rels", RELS),
                ("word/document.xml", xml),
                ("word/header1.xml", xml),
                ("word/footnotes.xml", xml),
            ]);
            let _ = zan_extract::extract_bytes(path, &archive);
        }
        _ => {
            let _ = zan_extract::extract_bytes(path, data);
        }
    }
});
