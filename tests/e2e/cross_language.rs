//! Search across the three languages over the corpus (issue 11, item 5): a query in one
//! language finds the acts of the other two through the legal glossary, in each
//! direction, after every act that the words as typed find, and `cross_lang: false`
//! turns it off.

use zan_analysis::{Glossary, GLOSSARY_LANGUAGES};
use zan_engine::{Engine, SearchRequest};
use zan_tests::{corpus_index, encode, engine, hit_holds, TestServer};

/// The acts a query finds (each act's own file and its other files), leaving out those
/// that only similar spellings find: the typo fallback runs when few acts are found, so
/// it may run without the glossary and not with it.
fn acts(engine: &Engine, query: &str, cross_lang: bool) -> Vec<Vec<String>> {
    let request = SearchRequest {
        text: query.to_owned(),
        limit: 100,
        cross_lang,
        ..SearchRequest::default()
    };
    let results = engine.search(&request).expect("search runs");
    let found = results.exact_total.unwrap_or(results.hits.len());
    results
        .hits
        .into_iter()
        .take(found)
        .map(|hit| std::iter::once(hit.id).chain(hit.versions.into_iter().map(|v| v.id)).collect())
        .collect()
}

fn rank(acts: &[Vec<String>], id: &str) -> Option<usize> {
    acts.iter().position(|files| files.iter().any(|file| file == id))
}

#[test]
fn test_query_across_languages_in_each_direction() {
    let engine = engine(&corpus_index().path);
    for (query, found, own) in [
        // ru -> kk, ky
        ("земельный участок", "kk-resolution-02-land-plots.txt", "ru-resolution-03-land-plots.txt"),
        (
            "отопительного сезона",
            "ky-order-01-heating-2025.txt",
            "ru-order-01-heating-start-2023.txt",
        ),
        (
            "отопительного сезона",
            "kk-order-01-heating-2024.txt",
            "ru-order-01-heating-start-2023.txt",
        ),
        // kk -> ru
        ("жер учаскелері", "ru-resolution-03-land-plots.txt", "kk-resolution-02-land-plots.txt"),
        ("жылыту маусымы", "ru-order-01-heating-start-2023.txt", "kk-order-01-heating-2024.txt"),
        // ky -> ru
        (
            "жер участокторун",
            "ru-decision-06-land-auctions.txt",
            "ky-resolution-05-land-auction.txt",
        ),
        ("жылытуу мезгили", "ru-order-01-heating-start-2023.txt", "ky-order-01-heating-2025.txt"),
    ] {
        let with = acts(&engine, query, true);
        let without = acts(&engine, query, false);
        let found_rank = rank(&with, found);
        assert!(found_rank.is_some(), "{query:?} should find {found}: {with:?}");
        assert!(rank(&without, found).is_none(), "{query:?} finds {found} without the glossary");
        assert!(rank(&with, own) < found_rank, "{query:?}: {own} should come first: {with:?}");
    }
}

/// For every term of the glossary as a query, in each language: the acts the typed
/// words find keep their order and come before every act only the glossary finds.
#[test]
fn test_glossary_never_pushes_typed_matches_down() {
    let engine = engine(&corpus_index().path);
    let mut queries = 0;
    let mut widened = 0;
    for entry in Glossary::builtin().entries() {
        for language in GLOSSARY_LANGUAGES {
            for term in entry.terms(language) {
                let with = acts(&engine, &term.text, true);
                let without = acts(&engine, &term.text, false);
                assert_eq!(
                    &with[..without.len().min(with.len())],
                    without.as_slice(),
                    "{:?}: the glossary changed the typed matches",
                    term.text
                );
                queries += 1;
                widened += usize::from(with.len() > without.len());
            }
        }
    }
    assert!(queries > 900, "{queries} queries");
    assert!(widened > 100, "the glossary found more for only {widened} of {queries} queries");
}

#[test]
fn test_api_cross_lang_false_turns_it_off() {
    let server = TestServer::start(&corpus_index().path, None);
    let kazakh = "kk-resolution-02-land-plots.txt";
    let query = encode("земельный участок");
    let found = |path: &str| -> bool {
        let (status, body) = server.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        body["hits"].as_array().expect("hits").iter().any(|hit| hit_holds(hit, kazakh))
    };
    assert!(found(&format!("/api/search?q={query}&limit=50")));
    assert!(!found(&format!("/api/search?q={query}&limit=50&cross_lang=false")));
    let (status, body) = server.post_json(
        "/api/search",
        r#"{"q": "земельный участок", "limit": 50, "cross_lang": false}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains(kazakh), "{body}");
    let (status, body) = server.get(&format!("/api/search?q={query}&cross_lang=maybe"));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("invalid_cross_lang"), "{body}");
}
