//! Searching the corpus index through the engine: each language finds its acts in other
//! inflections, filters narrow, and reindexing is incremental and visible to a reader.

use zan_analysis::Language;
use zan_engine::{SearchRequest, SortOrder};
use zan_tests::{corpus_index, engine};

/// The files of the top hits: each hit's own file and the other files of its act.
fn top_ids(query: &str, limit: usize) -> Vec<String> {
    let engine = engine(&corpus_index().path);
    let request = SearchRequest { text: query.to_owned(), limit, ..SearchRequest::default() };
    let hits = engine.search(&request).expect("search runs").hits;
    hits.into_iter()
        .flat_map(|hit| std::iter::once(hit.id).chain(hit.versions.into_iter().map(|v| v.id)))
        .collect()
}

fn assert_found(query: &str, expected: &str, within: usize) {
    let ids = top_ids(query, within);
    assert!(
        ids.iter().any(|id| id == expected),
        "{query:?} should find {expected} in the top {within}, got {ids:?}"
    );
}

#[test]
fn test_corpus_indexes_without_failures() {
    let report = &corpus_index().report;
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert!(report.indexed >= 60, "{report}");
}

#[test]
fn test_scans_are_recognised_or_waiting_for_ocr() {
    // Without tesseract a scan waits for OCR; with it, its text is indexed and marked.
    let corpus = corpus_index();
    let engine = engine(&corpus.path);
    for id in [
        "formats/scan-ru-decision-01-budget-2024.pdf",
        "formats/scan-kk-decision-01-budget-2022.pdf",
    ] {
        let waiting = corpus.report.needs_ocr.iter().any(|scan| scan.source == id);
        match engine.document(id) {
            Ok(document) => {
                assert!(!waiting, "{id} is both indexed and waiting");
                assert!(document.ocr, "{id} was indexed without the OCR mark");
                assert!(
                    document.text.chars().filter(|c| c.is_alphabetic()).count() > 200,
                    "{id}: {}",
                    document.text
                );
            }
            Err(_) => assert!(waiting, "{id} is neither indexed nor waiting for OCR"),
        }
    }
}

#[test]
fn test_russian_query_in_another_inflection() {
    // The act says "О городском бюджете"; the query uses the genitive.
    assert_found("городского бюджета", "ru-decision-01-budget-2024.txt", 5);
}

#[test]
fn test_kazakh_query_finds_kazakh_act() {
    assert_found("мектептерді жөндеу", "kk-resolution-04-school-repair.txt", 5);
}

#[test]
fn test_kyrgyz_query_finds_kyrgyz_act() {
    assert_found("мектептерди оңдоо", "ky-resolution-02-school-repair-2023.txt", 5);
}

#[test]
fn test_kazakh_query_typed_without_kazakh_letters() {
    // "мектептің жөндеу" typed on a Russian keyboard: і -> и, ң -> н, ө -> о.
    assert_found("мектептин жондеу", "kk-resolution-04-school-repair.txt", 5);
}

/// Issue 12, item 14: "бюджет" is a word of all three languages; the interface
/// language breaks the tie, and the acts of the other languages stay in the list.
#[test]
fn test_issue_12_interface_language_breaks_ties_of_an_ambiguous_query() {
    let engine = engine(&corpus_index().path);
    let ranking = |ui: Option<Language>| {
        let request =
            SearchRequest { ui_lang: ui, limit: 100, ..SearchRequest::text("бюджет") };
        let hits = engine.search(&request).expect("search runs").hits;
        hits.into_iter().map(|hit| (hit.lang, hit.id)).collect::<Vec<_>>()
    };
    let sorted = |mut ranking: Vec<(String, String)>| {
        ranking.sort();
        ranking
    };
    let neutral = ranking(None);
    for ui in [Language::Ru, Language::Kk, Language::Ky] {
        let favoured = ranking(Some(ui));
        assert_eq!(favoured[0].0, ui.code(), "ui={ui}: {favoured:?}");
        assert_eq!(sorted(favoured), sorted(neutral.clone()), "ui={ui}: the same acts, reordered");
    }
    // A query that is clearly Kazakh stays Kazakh first under a Russian interface.
    let request = SearchRequest {
        ui_lang: Some(Language::Ru),
        ..SearchRequest::text("қалалық бюджет")
    };
    let hits = engine.search(&request).expect("search runs").hits;
    assert_eq!(hits[0].lang, "kk", "{hits:?}");
}

/// Issue 12, items 4 and 7 over the corpus: a typo's correction, the issuers to choose
/// from, and the issuer filter by words of the name.
#[test]
fn test_issue_12_did_you_mean_issuers_and_issuer_words() {
    let engine = engine(&corpus_index().path);
    assert_eq!(engine.did_you_mean("бюджт города").unwrap().as_deref(), Some("бюджет города"));
    assert_eq!(engine.did_you_mean("бюджет города").unwrap(), None);
    let issuers = engine.issuers().expect("issuers");
    assert!(issuers.len() >= 3, "{issuers:?}");
    let all = engine
        .search(&SearchRequest { limit: 1, ..SearchRequest::text("бюджет") })
        .expect("search runs");
    let council = "Городской совет города Жанатумар";
    assert!(issuers.iter().any(|issuer| issuer == council), "{issuers:?}");
    let exact_count = all.facets.issuer.iter().find(|f| f.value == council).map(|f| f.count);
    let chosen =
        SearchRequest { issuer: Some(council.to_owned()), ..SearchRequest::text("бюджет") };
    assert_eq!(Some(engine.search(&chosen).unwrap().total as u64), exact_count);
    // Words of the name, any case, find the same acts when only that issuer has them.
    let words = SearchRequest {
        issuer: Some("ГОРОДСКОЙ совет".to_owned()), ..chosen.clone()
    };
    assert_eq!(engine.search(&words).unwrap().total, engine.search(&chosen).unwrap().total);
}

#[test]
fn test_act_number_in_any_spelling() {
    let engine = engine(&corpus_index().path);
    for query in ["№ 15-3", "15-3", "№15-3", "N 15-3"] {
        let results = engine.search(&SearchRequest::text(query)).expect("search runs");
        let top = &results.hits[0];
        assert_eq!(top.number.as_deref(), Some("15-3"), "{query:?}: {top:?}");
        assert!(top.id.contains("ru-decision-01-budget-2024"), "{query:?}: {}", top.id);
    }
}

#[test]
fn test_one_act_in_several_formats_is_one_hit() {
    // corpus/formats keeps the 2024 budget decision also as DOCX, ODT, RTF, PDF, HTML.
    let engine = engine(&corpus_index().path);
    let request = SearchRequest { text: "15-3".to_owned(), limit: 20, ..SearchRequest::default() };
    let results = engine.search(&request).expect("search runs");
    let of_the_act: Vec<_> =
        results.hits.iter().filter(|hit| hit.id.contains("ru-decision-01-budget-2024")).collect();
    assert_eq!(of_the_act.len(), 1, "{:?}", results.hits);
    let formats: Vec<&str> = of_the_act[0].versions.iter().map(|v| v.format.as_str()).collect();
    for format in ["docx", "pdf", "rtf"] {
        assert!(formats.contains(&format), "{formats:?}");
    }
    assert_eq!(results.total, results.hits.len());
}

#[test]
fn test_filters_and_date_sort() {
    let engine = engine(&corpus_index().path);
    let request = SearchRequest {
        text: "бюджет".to_owned(),
        kind: Some("decision".to_owned()),
        sort: SortOrder::DateDesc,
        limit: 50,
        ..SearchRequest::default()
    };
    let results = engine.search(&request).expect("search runs");
    assert!(results.total >= 3, "{}", results.total);
    assert!(results.hits.iter().all(|hit| hit.kind == "decision"));
    let dates: Vec<&str> = results.hits.iter().filter_map(|hit| hit.date.as_deref()).collect();
    assert!(dates.windows(2).all(|pair| pair[0] >= pair[1]), "not newest first: {dates:?}");
    // Issue 10: the kind facet ignores the kind filter (so the other kinds stay) and
    // counts acts; the chosen kind's count is the total.
    let decisions = results.facets.kind.iter().find(|facet| facet.value == "decision");
    assert_eq!(decisions.map(|facet| facet.count), Some(results.total as u64));
    let unfiltered = SearchRequest { kind: None, ..request };
    let all_kinds = engine.search(&unfiltered).expect("search runs").facets.kind;
    assert_eq!(results.facets.kind, all_kinds);
    assert!(all_kinds.len() > 1, "{all_kinds:?}");
}

#[test]
fn test_browse_by_filter_without_text() {
    let engine = engine(&corpus_index().path);
    let request =
        SearchRequest { kind: Some("clipping".to_owned()), limit: 100, ..SearchRequest::default() };
    let results = engine.search(&request).expect("search runs");
    assert!(results.total >= 14, "{}", results.total);
    assert!(results.hits.iter().all(|hit| hit.kind == "clipping"));
}

#[test]
fn test_wrong_keyboard_layout_is_corrected() {
    // "бюджет" typed with the Latin layout active.
    let engine = engine(&corpus_index().path);
    let results = engine.search(&SearchRequest::text(",.l;tn")).expect("search runs");
    assert!(results.total > 0);
    assert_eq!(results.corrected_query.as_deref(), Some("бюджет"));
}

#[test]
fn test_typo_falls_back_to_similar_spelling() {
    let engine = engine(&corpus_index().path);
    // One wrong vowel: no stemmer conflates it, so the exact search finds nothing.
    let results = engine.search(&SearchRequest::text("отапительного")).expect("search runs");
    assert!(results.total > 0, "a misspelt vowel should still find the heating acts");
    assert!(results.notice.is_some());
}

#[test]
fn test_incremental_reindex_is_seen_by_a_running_reader() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "РЕШЕНИЕ\n\nО благоустройстве парка у реки").unwrap();
    std::fs::write(corpus.join("b.txt"), "РЕШЕНИЕ\n\nО ремонте моста через канал").unwrap();
    let config = zan_indexer::IndexerConfig::new(&corpus, temp.path().join("index"));
    let first = zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    assert_eq!((first.indexed, first.unchanged), (2, 0));
    let reader = engine(&config.index);
    assert_eq!(reader.search(&SearchRequest::text("фонтан")).unwrap().total, 0);

    std::fs::write(corpus.join("b.txt"), "РЕШЕНИЕ\n\nО строительстве фонтана на площади").unwrap();
    std::fs::remove_file(corpus.join("a.txt")).unwrap();
    let second = zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    assert_eq!((second.indexed, second.unchanged, second.deleted), (1, 0, 1));
    reader.reload().unwrap();
    assert_eq!(reader.search(&SearchRequest::text("фонтаны")).unwrap().total, 1);
    assert_eq!(reader.search(&SearchRequest::text("парка")).unwrap().total, 0);
    assert_eq!(reader.num_docs(), 1);

    let third = zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    assert_eq!((third.indexed, third.unchanged), (0, 1));
}
