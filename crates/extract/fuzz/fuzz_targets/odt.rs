//! Fuzz target: any bytes named `fuzz.odt` must give text or an error, never a panic,
//! a hang or unbounded memory. Half the inputs are taken as the archive itself; the
//! other half (first byte odd) as the XML of `content.xml` and `styles.xml` packed into
//! a well-formed stored archive, so that the XML reader is fuzzed and not only the zip
//! reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/stored_zip.rs"]
mod stored_zip;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.odt");
    match data.split_first() {
        Some((first, xml)) if first & 1 == 1 => {
            let archive = stored_zip::stored_zip(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", xml),
                ("styles.xml", xml),
            ]);
            let _ = zan_extract::extract_bytes(path, &archive);
        }
        _ => {
            let _ = zan_extract::extract_bytes(path, data);
        }
    }
});
