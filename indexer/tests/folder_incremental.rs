//! An incremental run over a folder reads only the files whose size or modification
//! time moved, and trusts a stamp only with the fingerprint the index holds.

use std::time::{Duration, SystemTime};

use zan_indexer::{index_corpus, IndexerConfig, NoProgress, STAMPS_FILE};

fn set_modified(path: &std::path::Path, time: SystemTime) {
    let file = std::fs::OpenOptions::new().write(true).open(path).expect("open");
    file.set_modified(time).expect("set modified");
}

#[test]
fn test_folder_run_reads_what_moved() {
    let root = tempfile::tempdir().expect("temp dir");
    let corpus = root.path().join("corpus");
    let index = root.path().join("index");
    std::fs::create_dir_all(&corpus).expect("corpus");
    let (a, b) = (corpus.join("a.txt"), corpus.join("b.txt"));
    std::fs::write(&a, "Решение о ремонте школьных крыш.").expect("a");
    std::fs::write(&b, "Решение об уборке улиц зимой.").expect("b");
    let config = IndexerConfig::new(&corpus, &index);
    let report = index_corpus(&config, &NoProgress).expect("first run");
    assert_eq!(report.added.len(), 2);
    assert!(index.join(STAMPS_FILE).is_file(), "the stamps are kept after the run");

    let report = index_corpus(&config, &NoProgress).expect("same run");
    assert_eq!((report.indexed, report.unchanged), (0, 2));

    // a changes; b is only touched: read, hashed, and found unchanged.
    std::fs::write(&a, "Решение о ремонте школьных крыш и дворов.").expect("a");
    set_modified(&b, SystemTime::now() + Duration::from_secs(60));
    let report = index_corpus(&config, &NoProgress).expect("changed run");
    assert_eq!(report.updated, ["a.txt"]);
    assert_eq!(report.unchanged, 1);

    // Without the stamps file every file is read again, and nothing is reindexed.
    std::fs::remove_file(index.join(STAMPS_FILE)).expect("remove stamps");
    let report = index_corpus(&config, &NoProgress).expect("run without stamps");
    assert_eq!((report.indexed, report.unchanged), (0, 2));

    // A sidecar that appears moves the stamp: the file is read again and reindexed.
    std::fs::write(corpus.join("b.meta.json"), r#"{"kind": "order"}"#).expect("sidecar");
    let report = index_corpus(&config, &NoProgress).expect("sidecar run");
    assert_eq!(report.updated, ["b.txt"]);
}
