//! What an index holds, counted for `zan status`: documents (files and JSONL records) by
//! language, kind and status on a day, and how many acts they make up.
//!
//! Counted from the act registry the searches use (built once per commit from fast
//! fields), so it reads no stored text and agrees with the status facet of a search.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::Date;
use crate::error::Result;
use crate::registry::ActStatus;
use crate::search::{Engine, FacetCount};

/// The documents of an index, counted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    /// Live documents (files of the corpus folder, or records of a JSONL file).
    pub documents: u64,
    /// Acts those documents make up: the files of one act (its formats, editions and
    /// language versions) count once; a document without requisites is not an act.
    pub acts: u64,
    /// Documents by primary language code, most first.
    pub by_lang: Vec<FacetCount>,
    /// Documents by kind code (`other` for a document without one), most first.
    pub by_kind: Vec<FacetCount>,
    /// Documents by the status of their act on [`IndexSummary::day`], most first.
    pub by_status: Vec<FacetCount>,
    /// The day the statuses hold on (`YYYY-MM-DD`).
    pub day: String,
}

/// Sorts counts most first, then by value.
fn sorted(counts: BTreeMap<&str, u64>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value: value.to_owned(), count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}

impl Engine {
    /// Counts the documents of the index by language, kind and status on `day`.
    /// Fails with [`crate::EngineError::DamagedIndex`] if the fast fields cannot be read.
    pub fn summary(&self, day: Date) -> Result<IndexSummary> {
        self.guarded(|| {
            let searcher = self.searcher();
            let registry = self.registry(&searcher)?;
            let mut by_lang: BTreeMap<&str, u64> = BTreeMap::new();
            let mut by_kind: BTreeMap<&str, u64> = BTreeMap::new();
            let mut by_status: BTreeMap<&str, u64> = BTreeMap::new();
            let statuses: Vec<ActStatus> = (0..registry.identities.len())
                .map(|identity| registry.status(identity, day).status)
                .collect();
            for (index, file) in registry.files.iter().enumerate() {
                let lang = Some(registry.lang(index)).filter(|lang| !lang.is_empty());
                *by_lang.entry(lang.unwrap_or("other")).or_default() += 1;
                let kind = Some(registry.kind(index)).filter(|kind| !kind.is_empty());
                *by_kind.entry(kind.unwrap_or("other")).or_default() += 1;
                let status =
                    file.identity.map_or(ActStatus::Unknown, |identity| statuses[identity]);
                *by_status.entry(status.code()).or_default() += 1;
            }
            Ok(IndexSummary {
                documents: registry.files.len() as u64,
                acts: registry.identities.len() as u64,
                by_lang: sorted(by_lang),
                by_kind: sorted(by_kind),
                by_status: sorted(by_status),
                day: day.to_iso(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::IndexDocument;
    use crate::index::ZanIndex;
    use zan_analysis::Language;

    #[test]
    fn test_summary_counts_documents_by_language_kind_and_status() {
        let index = ZanIndex::create_in_ram();
        let mut writer = index.writer(20_000_000).unwrap();
        let act =
            |id: &str, lang: Language, kind: Option<&str>, date: Option<&str>| IndexDocument {
                id: id.into(),
                title: id.into(),
                paragraphs: vec![(lang, "Утвердить бюджет города.".into())],
                lang: Some(lang),
                kind: kind.map(str::to_owned),
                number: date.map(|_| "15-3".to_owned()),
                date: date.and_then(Date::parse_iso),
                format: "txt".into(),
                ..Default::default()
            };
        writer.upsert(&act("a.txt", Language::Ru, Some("decision"), Some("2023-12-14"))).unwrap();
        writer.upsert(&act("a.html", Language::Ru, Some("decision"), Some("2023-12-14"))).unwrap();
        writer.upsert(&act("b.txt", Language::Kk, Some("order"), Some("2030-01-01"))).unwrap();
        writer.upsert(&act("c.txt", Language::Ky, None, None)).unwrap();
        writer.commit().unwrap();
        let engine = Engine::new(index).unwrap();
        engine.reload().unwrap();
        let summary = engine.summary(Date::parse_iso("2025-06-01").unwrap()).unwrap();
        assert_eq!(summary.documents, 4);
        assert_eq!(summary.acts, 2);
        let count = |counts: &[FacetCount], value: &str| {
            counts.iter().find(|count| count.value == value).map_or(0, |count| count.count)
        };
        assert_eq!(count(&summary.by_lang, "ru"), 2);
        assert_eq!(count(&summary.by_lang, "ky"), 1);
        assert_eq!(count(&summary.by_kind, "decision"), 2);
        assert_eq!(count(&summary.by_kind, "other"), 1);
        assert_eq!(count(&summary.by_status, "in_force"), 2);
        assert_eq!(count(&summary.by_status, "not_yet_in_force"), 1);
        assert_eq!(count(&summary.by_status, "unknown"), 1);
        assert_eq!(summary.day, "2025-06-01");
    }
}
