//! Sidecar metadata: `NAME.EXT.meta.json` or `NAME.meta.json` beside a document, whose
//! fields override what was parsed from the text.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::{ActDate, ActKind, Requisites};

/// The suffix of sidecar files; the indexer does not index them as documents.
pub const SIDECAR_SUFFIX: &str = ".meta.json";

/// Returns the sidecar path of a document: `act.txt` -> `act.meta.json`.
pub fn sidecar_path(document: &Path) -> PathBuf {
    // Built from the name's bytes, not its lossy text: two names that differ only in
    // bytes that are not UTF-8 have two sidecars.
    let mut name = document.file_stem().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(SIDECAR_SUFFIX);
    document.with_file_name(name)
}

/// The fields a sidecar may set. Unknown fields are refused, so a typo is reported.
///
/// Each requisite field has three states: absent (`None`: the parsed value stays),
/// an explicit `null` (`Some(None)`: the parsed value is cleared — a press clipping that
/// quotes "№ 12-п" has no number of its own), or a value (`Some(Some(v))`: it wins).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// Kind code (`decree`, `resolution`, `order`, `decision`, `clipping`, `other`).
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<Option<ActKind>>,
    /// Number as written.
    #[serde(default, deserialize_with = "present")]
    pub number: Option<Option<String>>,
    /// Date, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "present")]
    pub date: Option<Option<ActDate>>,
    /// Issuing body.
    #[serde(default, deserialize_with = "present")]
    pub issuer: Option<Option<String>>,
    /// Title.
    #[serde(default, deserialize_with = "present")]
    pub title: Option<Option<String>>,
    /// Primary language code, if the author wants to state it.
    pub lang: Option<String>,
}

/// Deserialises a field that is present in the file: `null` becomes `Some(None)`, so it
/// can be told from an absent field (`None`, through `#[serde(default)]`).
fn present<'de, D, T>(deserializer: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Applies one field: absent keeps the parsed value, `null` clears it, a value replaces it.
fn override_field<T>(parsed: &mut Option<T>, stated: Option<Option<T>>) {
    if let Some(stated) = stated {
        *parsed = stated;
    }
}

impl Sidecar {
    /// Parses a sidecar file's bytes.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Sidecar, String> {
        serde_json::from_slice(bytes).map_err(|error| error.to_string())
    }

    /// Overrides requisites with every field the sidecar states; an explicit `null`
    /// clears the parsed value. References always come from the text.
    pub fn apply(self, requisites: &mut Requisites) {
        let Sidecar { kind, number, date, issuer, title, lang: _ } = self;
        override_field(&mut requisites.kind, kind);
        override_field(&mut requisites.number, number);
        override_field(&mut requisites.date, date);
        override_field(&mut requisites.issuer, issuer);
        override_field(&mut requisites.title, title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_sidecar_overrides_parsed_fields() {
        let mut requisites = Requisites {
            number: Some("1".to_owned()),
            title: Some("Старое".to_owned()),
            ..Default::default()
        };
        Sidecar::parse(
            r#"{"kind": "clipping", "title": "Новое", "date": "2024-05-01"}"#.as_bytes(),
        )
        .unwrap()
        .apply(&mut requisites);
        assert_eq!(requisites.kind, Some(ActKind::Clipping));
        assert_eq!(requisites.title.as_deref(), Some("Новое"));
        assert_eq!(requisites.number.as_deref(), Some("1"));
        assert_eq!(requisites.date.map(ActDate::to_iso).as_deref(), Some("2024-05-01"));
    }

    #[test]
    fn test_explicit_null_clears_absent_keeps() {
        let parsed = Requisites {
            kind: Some(ActKind::Resolution),
            number: Some("12-п".to_owned()),
            date: ActDate::new(2024, 1, 15),
            issuer: Some("Мэрия".to_owned()),
            title: Some("Заголовок".to_owned()),
            references: Vec::new(),
            ..Requisites::default()
        };
        let mut requisites = parsed.clone();
        Sidecar::parse(br#"{"kind": "clipping", "number": null}"#).unwrap().apply(&mut requisites);
        assert_eq!(requisites.kind, Some(ActKind::Clipping));
        assert_eq!(requisites.number, None, "explicit null clears the parsed number");
        assert_eq!(requisites.date, parsed.date, "an absent field keeps the parsed value");
        assert_eq!(requisites.issuer, parsed.issuer);

        let mut requisites = parsed.clone();
        Sidecar::parse(br#"{"date": null, "issuer": null, "title": null, "kind": null}"#)
            .unwrap()
            .apply(&mut requisites);
        assert_eq!(requisites.date, None);
        assert_eq!(requisites.issuer, None);
        assert_eq!(requisites.title, None);
        assert_eq!(requisites.kind, None);
        assert_eq!(requisites.number, parsed.number);

        let mut requisites = parsed.clone();
        Sidecar::parse(b"{}").unwrap().apply(&mut requisites);
        assert_eq!(requisites, parsed, "an empty sidecar changes nothing");
    }

    #[test]
    fn test_sidecar_rejects_unknown_fields_and_bad_dates() {
        assert!(Sidecar::parse(br#"{"knd": "order"}"#).is_err());
        assert!(Sidecar::parse(br#"{"date": "31.12.2024"}"#).is_err());
    }

    #[test]
    fn test_sidecar_path() {
        assert_eq!(sidecar_path(Path::new("a/b/act.html")), Path::new("a/b/act.meta.json"));
    }
}
