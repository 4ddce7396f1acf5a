//! The HTTP API and pages on a real socket (port 0) over the corpus index.

use std::sync::OnceLock;

use serde_json::Value;
use zan_tests::{corpus_dir, corpus_index, encode, hit_holds, TestServer};

fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| TestServer::start(&corpus_index().path, Some(corpus_dir())))
}

fn get_json(path: &str) -> (u16, Value) {
    let (status, body) = server().get(path);
    let value = serde_json::from_str(&body)
        .unwrap_or_else(|error| panic!("{path}: not JSON ({error}): {body}"));
    (status, value)
}

#[test]
fn test_search_api_finds_each_language() {
    for (query, expected) in [
        ("городского бюджета", "ru-decision-01-budget-2024.txt"),
        ("мектептерді жөндеу", "kk-resolution-04-school-repair.txt"),
        ("мектептерди оңдоо", "ky-resolution-02-school-repair-2023.txt"),
    ] {
        let (status, body) = get_json(&format!("/api/search?q={}&limit=5", encode(query)));
        assert_eq!(status, 200, "{body}");
        let hits = body["hits"].as_array().unwrap();
        assert!(hits.iter().any(|hit| hit_holds(hit, expected)), "{query:?}: {hits:?}");
        assert!(body["total"].as_u64().unwrap() >= 1);
        assert!(body["took_ms"].is_number());
    }
}

#[test]
fn test_snippet_highlights_and_escapes() {
    let (_, body) = get_json(&format!("/api/search?q={}", encode("уязвимость")));
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>уязвимость</mark>") || snippet.contains("<mark>Уязвимость</mark>"),
        "{snippet}"
    );
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(!snippet.contains("<script>"), "{snippet}");
}

#[test]
fn test_search_page_escapes_document_text() {
    let (status, html) = server().get(&format!("/search?q={}", encode("уязвимость")));
    assert_eq!(status, 200);
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<script>alert"), "document text must never become markup");
    assert!(html.contains("<mark>"));
}

#[test]
fn test_document_api_and_page() {
    let (status, body) = get_json("/api/documents/ru-decision-01-budget-2024.txt");
    assert_eq!(status, 200);
    assert_eq!(body["number"], "15-3");
    assert!(body["text"].as_str().unwrap().contains("бюджет"));
    let (status, html) =
        server().get(&format!("/documents/ru-decision-01-budget-2024.txt?q={}", encode("бюджета")));
    assert_eq!(status, 200);
    assert!(html.contains("\">бюджет</mark>"), "query words are highlighted in the document view");
    let (status, body) = get_json("/api/documents/no-such-document.txt");
    assert_eq!(status, 404);
    assert_eq!(body["code"], "document_not_found");
}

#[test]
fn test_original_file_is_served_only_from_the_corpus() {
    let (status, body) = server().get("/original/ru-decision-01-budget-2024.txt");
    assert_eq!(status, 200);
    assert!(body.contains("РЕШЕНИЕ"));
    let (status, _) = server().get("/original/../Cargo.toml");
    assert_ne!(status, 200);
}

#[test]
fn test_bad_parameters_get_json_errors() {
    let (status, body) = get_json("/api/search?q=x&limit=1000");
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_limit")));
    let (status, body) = get_json("/api/search?q=x&from=12.03.2018");
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_from")));
    let (status, body) = get_json("/api/search?q=x&colour=red");
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query_string")));
    let (status, body) = get_json("/api/nothing-here");
    assert_eq!((status, body["code"].as_str()), (404, Some("unknown_endpoint")));
}

#[test]
fn test_empty_punctuation_and_huge_queries_are_answered() {
    // 10 000 characters: the longest a user may paste, still within a URL.
    let huge: String = "бюджет ".repeat(1500).chars().take(10_000).collect();
    for query in ["", "?!..,;:", &huge] {
        let (status, body) = get_json(&format!("/api/search?q={}", encode(query)));
        assert_eq!(status, 200, "{body}");
        assert!(body["hits"].is_array());
    }
    let (_, body) = get_json(&format!("/api/search?q={}", encode(&huge)));
    assert!(body["notice"].as_str().unwrap().contains("too long"), "{body}");
    assert!(body["total"].as_u64().unwrap() > 0, "the beginning of the query is still searched");
    // Longer than a URL takes: the same search as a POST body.
    let longer = serde_json::json!({ "q": "бюджет ".repeat(20_000), "limit": 3 }).to_string();
    let (status, body) = server().post_json("/api/search", &longer);
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(body["hits"].as_array().unwrap().len() <= 3);
    let (status, body) = server().post_json("/api/search", "{\"query\": 1}");
    assert_eq!(status, 400, "{body}");
    let (_, body) = get_json("/api/search?q=%3F%3F%3F");
    assert_eq!(body["total"], 0);
    assert!(body["notice"].as_str().unwrap().contains("empty query"));
}

#[test]
fn test_health_metrics_and_pages() {
    let (status, body) = get_json("/healthz");
    assert_eq!(status, 200);
    assert!(body["documents"].as_u64().unwrap() >= 60);
    let (status, metrics) = server().get("/metrics");
    assert_eq!(status, 200);
    assert!(metrics.contains("zan_index_documents"));
    for ui in ["ru", "kk", "ky"] {
        let (status, html) = server().get(&format!("/?ui={ui}"));
        assert_eq!(status, 200);
        assert!(html.contains(&format!("<html lang=\"{ui}\"")));
        assert!(html.contains("<form"));
    }
    let (_, home) = server().get("/");
    let start = home.find("<link rel=\"stylesheet\" href=\"").expect("a stylesheet") + 29;
    let (status, css) = server().get(&home[start..start + home[start..].find('"').unwrap()]);
    assert_eq!(status, 200);
    assert!(css.contains("@media print"));
}
