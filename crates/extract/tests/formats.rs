//! The acts of `corpus/formats/` (made by `make_formats.py`) read the same in every
//! format: DOCX, ODT, RTF and the 8-bit TXT versions give the same paragraphs and the
//! same requisites, and each is recognised by content with its encoding.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zan_extract::{extract_file, Extracted, Format};

fn formats_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/formats")
}

/// Files of `corpus/formats` grouped by act: stem -> (variant, path).
fn acts() -> BTreeMap<String, Vec<(String, PathBuf)>> {
    let mut acts: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for entry in std::fs::read_dir(formats_dir()).expect("corpus/formats exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".py") || name.ends_with(".meta.json") || name.ends_with(".pdf") {
            continue;
        }
        let (stem, variant) = match name.split_once('.') {
            Some((stem, variant)) => (stem.to_owned(), variant.to_owned()),
            None => continue,
        };
        acts.entry(stem).or_default().push((variant, path));
    }
    acts
}

/// The substitutions `make_formats.py` makes for characters KOI8-R lacks.
fn koi8_plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '№' => "N".to_owned(),
            '–' | '—' => "-".to_owned(),
            '«' | '»' | '“' | '”' | '„' => "\"".to_owned(),
            '…' => "...".to_owned(),
            '’' => "'".to_owned(),
            '\u{00AD}' => String::new(),
            c => c.to_string(),
        })
        .collect()
}

fn texts(extracted: &Extracted) -> Vec<String> {
    extracted.paragraphs.iter().map(|p| p.text.clone()).collect()
}

#[test]
fn test_every_format_gives_the_same_text_and_requisites() {
    let acts = acts();
    assert!(acts.len() >= 3, "corpus/formats has too few acts: {acts:?}");
    for (stem, mut variants) in acts {
        // DOCX first: the reference the others are compared with.
        variants.sort_by_key(|(variant, _)| (variant != "docx", variant.clone()));
        let mut reference: Option<(String, Extracted)> = None;
        for (variant, path) in variants {
            let extracted = extract_file(&path).unwrap_or_else(|error| panic!("{error}"));
            let expected_format = match variant.as_str() {
                "docx" => Format::Docx,
                "odt" => Format::Odt,
                "rtf" => Format::Rtf,
                "cp1251.html" => Format::Html,
                _ => Format::Txt,
            };
            assert_eq!(extracted.format, expected_format, "{}", path.display());
            match variant.as_str() {
                "cp1251.txt" | "cp1251.html" => {
                    assert_eq!(extracted.encoding.as_deref(), Some("windows-1251"))
                }
                "koi8r.txt" => assert_eq!(extracted.encoding.as_deref(), Some("KOI8-R")),
                _ => {}
            }
            let Some((reference_variant, reference)) = &reference else {
                reference = Some((variant, extracted));
                continue;
            };
            let mut expected = texts(reference);
            if variant == "koi8r.txt" {
                // KOI8-R has no '№', dashes or guillemets; the generator wrote ASCII.
                expected = expected.iter().map(|t| koi8_plain(t)).collect();
            }
            assert_eq!(
                texts(&extracted),
                expected,
                "{stem}: {variant} differs from {reference_variant}"
            );
            if variant != "koi8r.txt" {
                assert_eq!(
                    extracted.requisites, reference.requisites,
                    "{stem}: {variant} requisites"
                );
            } else {
                assert_eq!(
                    extracted.requisites.kind, reference.requisites.kind,
                    "{stem}: koi8r kind"
                );
                assert_eq!(
                    extracted.requisites.date, reference.requisites.date,
                    "{stem}: koi8r date"
                );
            }
        }
    }
}

#[test]
fn test_pdfs_extract_or_fail_naming_the_file() {
    for entry in std::fs::read_dir(formats_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            match extract_file(&path) {
                Ok(extracted) => assert_eq!(extracted.format, Format::Pdf),
                Err(error) => {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    assert!(error.to_string().contains(&name), "{error}");
                }
            }
        }
    }
}
