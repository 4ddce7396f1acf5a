//! Sidecar metadata: `NAME.EXT.meta.json` or `NAME.meta.json` beside a document, whose
//! fields override what was parsed from the text.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::{ActDate, ActKind, Requisites};

/// The suffix of sidecar files; the indexer does not index them as documents.
pub const SIDECAR_SUFFIX: &str = ".meta.json";

/// Returns the sidecar path of a document: `act.txt` -> `act.meta.json`.
pub fn sidecar_path(document: &Path) -> PathBuf {
    let stem = document.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    document.with_file_name(format!("{stem}{SIDECAR_SUFFIX}"))
}

/// The fields a sidecar may set. Unknown fields are refused, so a typo is reported.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// Kind code (`decree`, `resolution`, `order`, `decision`, `clipping`, `other`).
    pub kind: Option<ActKind>,
    /// Number as written.
    pub number: Option<String>,
    /// Date, `YYYY-MM-DD`.
    pub date: Option<ActDate>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Primary language code, if the author wants to state it.
    pub lang: Option<String>,
}

impl Sidecar {
    /// Parses a sidecar file's bytes.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Sidecar, String> {
        serde_json::from_slice(bytes).map_err(|error| error.to_string())
    }

    /// Overrides requisites with every field the sidecar sets.
    pub fn apply(self, requisites: &mut Requisites) {
        let Sidecar { kind, number, date, issuer, title, lang: _ } = self;
        // A sidecar never states references: they come from the text (`fill_from`).
        let mut overriding =
            Requisites { kind, number, date, issuer, title, references: Vec::new() };
        overriding.fill_from(std::mem::take(requisites));
        *requisites = overriding;
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
    fn test_sidecar_rejects_unknown_fields_and_bad_dates() {
        assert!(Sidecar::parse(br#"{"knd": "order"}"#).is_err());
        assert!(Sidecar::parse(br#"{"date": "31.12.2024"}"#).is_err());
    }

    #[test]
    fn test_sidecar_path() {
        assert_eq!(sidecar_path(Path::new("a/b/act.html")), Path::new("a/b/act.meta.json"));
    }
}
