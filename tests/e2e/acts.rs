//! Acts as acts over the corpus (issue 11): relations, statuses, language versions,
//! editions, the status filter and facet, and an incremental run that repeals an act.
//! Statuses are asked for a fixed day (`as_of`), so the test does not age.

use std::sync::OnceLock;

use serde_json::Value;
use zan_engine::{ActStatus, Date};
use zan_tests::{corpus_dir, corpus_index, engine, TestServer};

/// The day every status here is computed for.
const AS_OF: &str = "2026-01-01";

/// The consolidated text of the parking rules № 22-4, their current edition.
const CONSOLIDATED: &str = "ru-decision-09-parking-rules-consolidated.txt";

fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| TestServer::start(&corpus_index().path, Some(corpus_dir())))
}

fn get_json(path: &str) -> Value {
    let (status, body) = server().get(path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|error| panic!("{path}: not JSON ({error}): {body}"))
}

fn document(id: &str) -> Value {
    get_json(&format!("/api/documents/{id}?as_of={AS_OF}"))
}

/// The relations of a document as (type, id or "-", resolved).
fn relations(id: &str) -> Vec<(String, String, bool)> {
    document(id)["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|relation| {
            (
                relation["type"].as_str().unwrap_or_default().to_owned(),
                relation["id"].as_str().unwrap_or("-").to_owned(),
                relation["resolved"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

fn has(relations: &[(String, String, bool)], kind: &str, id: &str) -> bool {
    relations.iter().any(|(k, i, resolved)| k == kind && i == id && *resolved)
}

#[test]
fn test_each_relation_type_is_resolved_both_ways() {
    let cases = [
        // (document, relation, other document), each in both directions.
        // A link goes to the act's current edition: the consolidated text.
        ("ru-decision-08-parking-amend-1.txt", "amends", CONSOLIDATED),
        ("kk-decision-05-parking-amend-2.txt", "amends", CONSOLIDATED),
        ("ky-resolution-06-street-trade.txt", "repeals", "ru-resolution-07-street-trade-2020.txt"),
        ("ru-decision-11-youth-council.txt", "repeals", "ru-decision-10-youth-council-2020.txt"),
        ("kk-decision-06-youth-council.txt", "repeals", "ru-decision-10-youth-council-2020.txt"),
        ("ru-order-07-night-market-suspend.txt", "suspends", "ru-order-06-night-market.txt"),
        ("ru-decision-07-parking-rules.txt", "cites", "ru-decision-01-budget-2024.txt"),
        ("ky-resolution-01-transport-fares.txt", "repeals", "ru-resolution-01-transport-fares.txt"),
    ];
    for (from, relation, to) in cases {
        assert!(
            has(&relations(from), relation, to),
            "{from} {relation} {to}: {:?}",
            relations(from)
        );
        let inverse = match relation {
            "amends" => "amended_by",
            "repeals" => "repealed_by",
            "suspends" => "suspended_by",
            _ => "cited_by",
        };
        let back = relations(to);
        // The link back goes to the act's current edition, in the language of the page
        // that is read: the Russian version of the youth council decision, whichever
        // version repealed.
        let expected_back = match from {
            "kk-decision-06-youth-council.txt" => "ru-decision-11-youth-council.txt",
            "ru-decision-07-parking-rules.txt" => CONSOLIDATED,
            _ => from,
        };
        assert!(has(&back, inverse, expected_back), "{to} {inverse} {expected_back}: {back:?}");
    }
    // A reference to an act the corpus does not hold stays as text.
    let parking = document("ru-decision-07-parking-rules.txt");
    let missing = parking["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|relation| relation["number"] == "9-7")
        .expect("the reference to № 9-7 is kept");
    assert_eq!(missing["resolved"], false);
    assert!(missing.get("id").is_none(), "{missing}");
    assert_eq!(missing["date"], "2017-05-12");
    assert!(missing["title"].as_str().unwrap().contains("9-7"), "{missing}");
}

#[test]
fn test_each_status() {
    let cases = [
        ("ru-resolution-08-dog-walking.txt", "in_force", Some("2025-05-22")),
        ("ru-decision-07-parking-rules.txt", "amended", Some("2024-11-01")),
        ("ru-resolution-07-street-trade-2020.txt", "repealed", Some("2025-04-14")),
        ("ru-decision-10-youth-council-2020.txt", "repealed", Some("2025-06-26")),
        ("ru-order-06-night-market.txt", "suspended", Some("2024-08-20")),
        ("ky-order-04-summer-camps-2024.txt", "expired", Some("2025-01-01")),
        ("ru-decision-12-green-zones-2031.txt", "not_yet_in_force", Some("2031-01-01")),
        ("ru-clip-01-budget-hearings.txt", "unknown", None),
    ];
    for (id, status, since) in cases {
        let body = document(id);
        assert_eq!(body["status"], status, "{id}");
        assert_eq!(body["status_since"].as_str(), since, "{id}");
    }
    // The same act on another day: before its repeal took effect it was in force.
    let earlier =
        get_json("/api/documents/ru-resolution-07-street-trade-2020.txt?as_of=2025-01-01");
    assert_eq!(earlier["status"], "in_force");
}

#[test]
fn test_language_versions_pairs() {
    for (one, other, lang) in [
        ("ru-resolution-08-dog-walking.txt", "ky-resolution-07-dog-walking.txt", "ky"),
        ("ky-resolution-07-dog-walking.txt", "ru-resolution-08-dog-walking.txt", "ru"),
        ("ru-decision-11-youth-council.txt", "kk-decision-06-youth-council.txt", "kk"),
        ("kk-decision-06-youth-council.txt", "ru-decision-11-youth-council.txt", "ru"),
    ] {
        let versions = document(one)["language_versions"].clone();
        assert_eq!(versions, serde_json::json!([{"id": other, "lang": lang}]), "{one}");
    }
    assert_eq!(
        document("ru-decision-07-parking-rules.txt")["language_versions"],
        serde_json::json!([])
    );
}

#[test]
fn test_edition_list() {
    let expected = serde_json::json!([
        {"id": "ru-decision-07-parking-rules.txt", "date": "2024-02-15", "current": false},
        {"id": "ru-decision-09-parking-rules-consolidated.txt", "date": "2024-10-10", "current": true},
    ]);
    assert_eq!(document("ru-decision-07-parking-rules.txt")["editions"], expected);
    assert_eq!(document("ru-decision-09-parking-rules-consolidated.txt")["editions"], expected);
}

#[test]
fn test_status_filter_and_facet() {
    let all = get_json(&format!("/api/search?q=&kind=decision&as_of={AS_OF}&limit=100"));
    let facet = |body: &Value, value: &str| -> u64 {
        body["facets"]["status"]
            .as_array()
            .unwrap()
            .iter()
            .find(|count| count["value"] == value)
            .map_or(0, |count| count["count"].as_u64().unwrap())
    };
    let summed: u64 = all["facets"]["status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|count| count["count"].as_u64().unwrap())
        .sum();
    assert_eq!(summed, all["total"].as_u64().unwrap(), "every act has one status");
    for status in ["in_force", "amended", "repealed", "expired", "not_yet_in_force"] {
        assert!(facet(&all, status) > 0, "{status}: {}", all["facets"]["status"]);
    }

    let repealed = get_json(&format!("/api/search?status=repealed&as_of={AS_OF}&limit=100"));
    let ids: Vec<&str> = repealed["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    for id in ["ru-resolution-07-street-trade-2020.txt", "ru-decision-10-youth-council-2020.txt"] {
        assert!(ids.contains(&id), "{id}: {ids:?}");
    }
    assert!(repealed["hits"].as_array().unwrap().iter().all(|hit| hit["status"] == "repealed"));
    assert_eq!(repealed["total"].as_u64().unwrap(), facet(&repealed, "repealed"));
    // The status facet ignores its own filter: the other statuses stay listed.
    assert!(facet(&repealed, "in_force") > 0, "{}", repealed["facets"]["status"]);

    // `in_force` means in force or amended.
    let in_force = get_json(&format!("/api/search?q=парковки&status=in_force&as_of={AS_OF}"));
    let statuses: Vec<&str> = in_force["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"amended"), "{statuses:?}");
    assert!(
        statuses.iter().all(|status| matches!(*status, "in_force" | "amended")),
        "{statuses:?}"
    );
    let (code, body) = server().get("/api/search?q=x&status=valid");
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("invalid_status"), "{body}");
}

/// An incremental run that adds a repealing act changes the status of the act it repeals,
/// with no change to that act's file.
#[test]
fn test_incremental_run_repeals_an_act() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let old = "ru-resolution-07-street-trade-2020.txt";
    let repealing = "ky-resolution-06-street-trade.txt";
    std::fs::copy(corpus_dir().join(old), corpus.join(old)).unwrap();
    let config = zan_indexer::IndexerConfig::new(&corpus, temp.path().join("index"));
    zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    let reader = engine(&config.index);
    let today = Date::parse_iso(AS_OF);
    assert_eq!(reader.act_document(old, today).unwrap().status, ActStatus::InForce);

    std::fs::copy(corpus_dir().join(repealing), corpus.join(repealing)).unwrap();
    let second = zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    assert_eq!((second.indexed, second.unchanged), (1, 1));
    reader.reload().unwrap();
    let after = reader.act_document(old, today).unwrap();
    assert_eq!(after.status, ActStatus::Repealed);
    assert_eq!(after.status_since.as_deref(), Some("2025-04-14"));

    std::fs::remove_file(corpus.join(repealing)).unwrap();
    zan_indexer::index_corpus(&config, &zan_indexer::NoProgress).unwrap();
    reader.reload().unwrap();
    assert_eq!(reader.act_document(old, today).unwrap().status, ActStatus::InForce);
}

#[test]
fn test_pages_show_the_badge_relations_versions_and_editions() {
    let (status, html) =
        server().get(&format!("/documents/ru-resolution-07-street-trade-2020.txt?as_of={AS_OF}"));
    assert_eq!(status, 200);
    assert!(html.contains("Утратил силу с 14.04.2025 — постановление № 31-п"), "{html}");
    assert!(html.contains("href=\"/documents/ky-resolution-06-street-trade.txt?"), "{html}");
    let (_, html) =
        server().get(&format!("/documents/ru-decision-07-parking-rules.txt?ui=kk&as_of={AS_OF}"));
    assert!(html.contains("Өзгерістермен қолданыста"), "{html}");
    assert!(html.contains("Редакциялары") && html.contains("(қолданыстағы)"), "{html}");
    assert!(html.contains("қорда жоқ"), "the reference to № 9-7 is not in the fund: {html}");
    let (_, html) =
        server().get(&format!("/documents/ru-resolution-08-dog-walking.txt?ui=ky&as_of={AS_OF}"));
    assert!(html.contains("Башка тилдерде"), "{html}");
    assert!(html.contains("href=\"/documents/ky-resolution-07-dog-walking.txt?"), "{html}");
    let (_, html) =
        server().get(&format!("/search?q={}&as_of={AS_OF}", zan_tests::encode("парковки")));
    assert!(html.contains("class=\"status status-amended\""), "{html}");
    // The budget decision is kept as a PDF with a text layer and as a scan: the list of
    // its files tells the two PDFs apart.
    let (_, html) = server().get("/documents/ru-decision-01-budget-2024.txt");
    let versions = html.split("class=\"versions\"").nth(1).expect("the act's other files");
    let versions = &versions[..versions.find("</p>").expect("end of the list")];
    assert!(versions.contains(">PDF<") && versions.contains(">PDF (скан)<"), "{versions}");
    // In the same order on every build: by format, the scan after the text PDF.
    let labels: Vec<&str> = versions
        .split("</a>")
        .filter_map(|link| link.rsplit('>').next())
        .filter(|label| !label.is_empty())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(labels, sorted, "{versions}");
}
