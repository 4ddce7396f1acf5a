//! A sidecar `NAME.meta.json` beside a file overrides the requisites parsed from its
//! text: a stated value replaces, an explicit `null` clears, an absent field keeps.

use zan_extract::{extract_file, ActKind};

/// A clipping that opens by quoting an act: the parser takes the act's number.
const CLIPPING: &str = "ПОСТАНОВЛЕНИЕ\nот 15.01.2024 № 12-п\nОб установлении тарифов на проезд\n\n\
Вестник публикует постановление мэрии полностью.";

#[test]
fn test_null_number_in_sidecar_clears_the_parsed_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clip.txt");
    std::fs::write(&path, CLIPPING).unwrap();

    // Without a sidecar the quoted act's number is taken for the document's own.
    let parsed = extract_file(&path).unwrap();
    assert_eq!(parsed.requisites.number.as_deref(), Some("12-п"));
    assert!(parsed.requisites.date.is_some());

    std::fs::write(
        dir.path().join("clip.meta.json"),
        r#"{"kind": "clipping", "number": null, "issuer": "Вестник"}"#,
    )
    .unwrap();
    let overridden = extract_file(&path).unwrap();
    assert_eq!(overridden.requisites.kind, Some(ActKind::Clipping));
    assert_eq!(overridden.requisites.number, None);
    assert_eq!(overridden.requisites.issuer.as_deref(), Some("Вестник"));
    // The date is not in the sidecar: the parsed one stays.
    assert_eq!(overridden.requisites.date, parsed.requisites.date);
}

#[test]
fn test_broken_sidecar_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("act.txt");
    std::fs::write(&path, "РЕШЕНИЕ\nот 12.03.2018 № 33\n\nТекст.").unwrap();
    std::fs::write(dir.path().join("act.meta.json"), r#"{"number": 33"#).unwrap();
    let error = extract_file(&path).unwrap_err();
    assert!(error.to_string().contains("act.meta.json"), "{error}");
}
