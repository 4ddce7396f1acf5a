//! An index made by another version of zan (another schema) is rebuilt, not refused
//! and not read with the wrong fields.

use tantivy::schema::{Schema, STORED, TEXT};
use tantivy::{doc, Index};
use zan_engine::{EngineError, ZanIndex};
use zan_indexer::{index_corpus, index_jsonl, IndexerConfig, NoProgress};

fn outdated_index(dir: &std::path::Path) {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT | STORED);
    let index = Index::create_in_dir(dir, builder.build()).expect("old index");
    let mut writer = index.writer(15_000_000).expect("writer");
    writer.add_document(doc!(body => "старый документ")).expect("add");
    writer.commit().expect("commit");
}

#[test]
fn test_outdated_index_is_reported_and_rebuilt() {
    let root = tempfile::tempdir().expect("temp dir");
    let corpus = root.path().join("corpus");
    let index = root.path().join("index");
    std::fs::create_dir_all(&corpus).expect("corpus dir");
    std::fs::create_dir_all(&index).expect("index dir");
    std::fs::write(corpus.join("a.txt"), "Решение о ремонте школьных крыш в городе.")
        .expect("document");
    outdated_index(&index);

    assert!(matches!(ZanIndex::open(&index), Err(EngineError::OutdatedIndex { .. })));
    assert!(ZanIndex::needs_build(&index));

    // An incremental run cannot reuse it: it rebuilds and says so.
    let report = index_corpus(&IndexerConfig::new(&corpus, &index), &NoProgress).expect("run");
    assert!(report.rebuilt_outdated);
    assert_eq!(report.indexed, 1);
    assert_eq!(report.total_documents, 1, "the old document is gone");
    assert!(report.to_string().starts_with("rebuilt"));
    assert!(!ZanIndex::needs_build(&index));

    // The next run is incremental again.
    let report = index_corpus(&IndexerConfig::new(&corpus, &index), &NoProgress).expect("run");
    assert!(!report.rebuilt_outdated);
    assert_eq!(report.unchanged, 1);
}

#[test]
fn test_outdated_index_is_rebuilt_from_jsonl() {
    let root = tempfile::tempdir().expect("temp dir");
    let index = root.path().join("index");
    std::fs::create_dir_all(&index).expect("index dir");
    outdated_index(&index);
    let jsonl = root.path().join("records.jsonl");
    std::fs::write(&jsonl, "{\"id\":\"1\",\"title\":\"Бюджет\",\"text\":\"О бюджете города\"}\n")
        .expect("records");
    let config = IndexerConfig::new(root.path(), &index);
    let report = index_jsonl(&config, &jsonl, &NoProgress).expect("run");
    assert!(report.rebuilt_outdated);
    assert_eq!(report.total_documents, 1);
}
