//! A common word is searched by its own forms only (issue 14): once its terms in the
//! language fields are in `COMMON_WORD_DOCS` documents, its weaker matches (root and
//! folded fields) are left out, so the acts only they find drop out of the results,
//! while an excluded word still leaves out everything it would find if it were rare.
//! Terms no document holds are left out of the query without changing what it finds.

use zan_analysis::Language;
use zan_engine::{
    Engine, IndexDocument, SearchRequest, SearchResults, ZanIndex, COMMON_WORD_DOCS,
    EMPTY_QUERY_NOTICE,
};

fn act(id: String, lang: Language, text: &str) -> IndexDocument {
    IndexDocument {
        id,
        paragraphs: vec![(lang, text.to_owned())],
        lang: Some(lang),
        format: "txt".to_owned(),
        ..IndexDocument::default()
    }
}

/// `stakes` Russian acts holding the word `кол` (a stake), and one Kazakh act on a
/// lake (`көл`), which `кол` finds only through the folded field.
fn engine_with(stakes: u64) -> Engine {
    let index = ZanIndex::create_in_ram();
    let mut writer = index.writer(50_000_000).expect("writer");
    for n in 0..stakes {
        let text = format!("Кол вбит у дома номер {n}.");
        writer.upsert(&act(format!("ru/{n}.txt"), Language::Ru, &text)).expect("written");
    }
    let lake = act("kk/lake.txt".to_owned(), Language::Kk, "Көл жағасы тазартылды.");
    writer.upsert(&lake).expect("written");
    writer.commit().expect("commit");
    let engine = Engine::new(index).expect("engine");
    engine.reload().expect("reload");
    engine
}

fn search(engine: &Engine, text: &str) -> SearchResults {
    let request = SearchRequest { text: text.to_owned(), limit: 10, ..SearchRequest::default() };
    engine.search(&request).expect("search runs")
}

/// True if the Kazakh act is among what `text` finds (searched among Kazakh acts).
fn finds_lake(engine: &Engine, text: &str) -> bool {
    let request = SearchRequest {
        text: text.to_owned(),
        lang: Some(Language::Kk),
        ..SearchRequest::default()
    };
    let results = engine.search(&request).expect("search runs");
    results.hits.iter().any(|hit| hit.id == "kk/lake.txt")
}

#[test]
fn test_a_common_word_loses_its_weaker_matches() {
    let rare = engine_with(COMMON_WORD_DOCS - 1);
    let results = search(&rare, "кол");
    assert_eq!(results.total as u64, COMMON_WORD_DOCS);
    assert!(finds_lake(&rare, "кол"), "a rare word still finds its folded spelling");

    let common = engine_with(COMMON_WORD_DOCS);
    let results = search(&common, "кол");
    assert_eq!(results.total as u64, COMMON_WORD_DOCS, "only the acts of its own forms");
    assert!(!finds_lake(&common, "кол"));
    // The lake act is still found by its own words, and `-кол` excludes it, common or
    // rare. Nothing is then found as typed: the similar spellings of `жағасы` (the typo
    // fallback) are under the exclusion too.
    assert_eq!(search(&common, "жағасы").total, 1);
    assert_eq!(search(&rare, "жағасы -кол").total, 0);
    assert_eq!(search(&common, "жағасы -кол").total, 0);
}

#[test]
fn test_terms_no_document_holds_change_nothing() {
    let engine = engine_with(3);
    let with_absent = search(&engine, "кол несуществующееслово");
    let without = search(&engine, "кол");
    assert_eq!(with_absent.total, without.total);
    let ids = |results: &SearchResults| -> Vec<String> {
        results.hits.iter().map(|hit| hit.id.clone()).collect()
    };
    assert_eq!(ids(&with_absent), ids(&without));
    // A query of nothing but absent words is searched (and finds nothing), not taken
    // for an empty one.
    let absent = search(&engine, "несуществующееслово");
    assert_eq!(absent.total, 0);
    assert_ne!(absent.notice.as_deref(), Some(EMPTY_QUERY_NOTICE));
}
