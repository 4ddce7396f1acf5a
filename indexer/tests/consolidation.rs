//! A run that writes everything the index holds (the first run into an empty index, or
//! a full rebuild) ends with its segments consolidated; an incremental run leaves them
//! to the merge policy, so it stays cheap.

use zan_engine::ZanIndex;
use zan_indexer::{index_corpus, IndexerConfig, NoProgress};

fn segments(index: &std::path::Path) -> usize {
    let index = ZanIndex::open(index).expect("index opens");
    index.tantivy().searchable_segment_metas().expect("segments").len()
}

fn write_acts(corpus: &std::path::Path, from: usize, to: usize) {
    for n in from..to {
        let text = format!("Решение № {n} о ремонте улицы номер {n} и благоустройстве двора.");
        std::fs::write(corpus.join(format!("act-{n}.txt")), text).expect("act written");
    }
}

#[test]
fn test_runs_that_write_the_whole_index_consolidate_it() {
    let root = tempfile::tempdir().expect("temp dir");
    let corpus = root.path().join("corpus");
    let index = root.path().join("index");
    std::fs::create_dir_all(&corpus).expect("corpus");
    write_acts(&corpus, 0, 60);
    // A commit every 20 files: the first run makes three segments or more.
    let config = IndexerConfig { batch_size: 20, ..IndexerConfig::new(&corpus, &index) };
    let report = index_corpus(&config, &NoProgress).expect("first run");
    assert!(!report.full);
    assert_eq!(report.indexed, 60);
    assert_eq!(segments(&index), 1, "the first run into an empty index is consolidated");

    // New files: segments of their own (one per indexing thread) beside the first.
    write_acts(&corpus, 60, 65);
    let report = index_corpus(&config, &NoProgress).expect("incremental run");
    assert_eq!((report.indexed, report.unchanged), (5, 60));
    assert!(segments(&index) > 1, "an incremental run is not consolidated");

    let full = IndexerConfig { full: true, ..config.clone() };
    let report = index_corpus(&full, &NoProgress).expect("full run");
    assert_eq!(report.indexed, 65);
    assert_eq!(segments(&index), 1);
}
