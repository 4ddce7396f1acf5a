//! An incremental JSONL run decides what changed from each line's raw bytes: the same
//! line is unchanged, a changed line replaces its record, a new id is added, and an id
//! that no line has any more is deleted.

use zan_indexer::{index_jsonl, IndexerConfig, NoProgress};

fn record(id: &str, text: &str) -> String {
    format!("{{\"id\":\"{id}\",\"title\":\"Решение {id}\",\"text\":\"{text}\",\"lang\":\"ru\"}}\n")
}

#[test]
fn test_incremental_jsonl_run_adds_updates_and_deletes() {
    let root = tempfile::tempdir().expect("temp dir");
    let jsonl = root.path().join("acts.jsonl");
    let index = root.path().join("index");
    let config = IndexerConfig::new(root.path(), &index);
    let (a, b, c) = (
        record("a", "О бюджете города на 2025 год"),
        record("b", "О ремонте школьных крыш"),
        record("c", "Об уборке улиц зимой"),
    );
    std::fs::write(&jsonl, format!("{a}{b}\n{c}")).expect("write");
    let mut full = config.clone();
    full.full = true;
    let report = index_jsonl(&full, &jsonl, &NoProgress).expect("full run");
    assert_eq!((report.indexed, report.total_documents), (3, 3));

    let report = index_jsonl(&config, &jsonl, &NoProgress).expect("same run");
    assert_eq!((report.indexed, report.unchanged, report.deleted), (0, 3, 0));
    assert!(report.failures.is_empty(), "{:?}", report.failures);

    // b changes, c is gone, d is new, and a's line comes twice: the second is refused.
    let b2 = record("b", "О ремонте школьных крыш и дворов");
    let d = record("d", "О парках");
    std::fs::write(&jsonl, format!("{a}\n{b2}{d}{a}")).expect("write");
    let report = index_jsonl(&config, &jsonl, &NoProgress).expect("changed run");
    assert_eq!(report.unchanged, 1);
    assert_eq!(report.updated, ["b"]);
    assert_eq!(report.added, ["d"]);
    assert_eq!(report.deleted_ids, ["c"]);
    assert_eq!(report.total_documents, 3);
    assert_eq!(report.failures.len(), 1);
    assert_eq!(report.failures[0].source, "acts.jsonl:5", "blank lines are counted");
    assert!(report.failures[0].reason.contains("duplicate id \"a\": line 1"));

    let engine =
        zan_engine::Engine::new(zan_engine::ZanIndex::open(&index).expect("open")).expect("engine");
    let search = |text: &str| {
        let request = zan_engine::SearchRequest { text: text.to_owned(), ..Default::default() };
        engine
            .search(&request)
            .expect("search")
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(search("дворов"), ["b"], "the changed text is searched");
    assert!(search("уборке").is_empty(), "the deleted record is gone");
}
