//! `zan index --watch` on a temp folder: a file written slowly is never indexed half
//! written, a rename moves the act in one commit, a deletion removes it, a broken file is
//! reported and the watch goes on, temporary names are left alone, and the stop flag
//! ends the watch. Every wait polls the index with a deadline.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use zan_engine::{Engine, ZanIndex};
use zan_indexer::{watch_corpus, IndexerConfig, NoProgress, WatchEvent, WatchOptions};

/// How long any one step may take on a loaded machine before the test fails.
const DEADLINE: Duration = Duration::from_secs(20);

/// What the watch said, as text the test can match.
#[derive(Debug)]
enum Said {
    Watching,
    Batch { added: Vec<String>, deleted: Vec<String>, failed: Vec<String> },
    Problem(String),
}

struct Watch {
    corpus: PathBuf,
    index: PathBuf,
    stop: Arc<AtomicBool>,
    said: mpsc::Receiver<Said>,
    thread: Option<JoinHandle<zan_indexer::Result<()>>>,
    _root: tempfile::TempDir,
}

impl Watch {
    /// A corpus with one act, watched with a short settle period.
    fn start() -> Watch {
        let root = tempfile::tempdir().expect("temp dir");
        let corpus = root.path().join("corpus");
        let index = root.path().join("index");
        std::fs::create_dir_all(&corpus).expect("corpus");
        std::fs::write(corpus.join("a.txt"), "Решение о ремонте школьных крыш в городе.")
            .expect("first act");
        let stop = Arc::new(AtomicBool::new(false));
        let (tell, said) = mpsc::channel();
        let config = IndexerConfig::new(&corpus, &index);
        let options = WatchOptions {
            settle: Duration::from_millis(1500),
            debounce: Duration::from_millis(200),
            tick: Duration::from_millis(100),
        };
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            watch_corpus(&config, &options, &flag, &NoProgress, &mut |event| {
                let said = match event {
                    WatchEvent::Watching(_) => Said::Watching,
                    WatchEvent::Batch(report) => Said::Batch {
                        added: report.added.clone(),
                        deleted: report.deleted_ids.clone(),
                        failed: report.failures.iter().map(|f| f.source.clone()).collect(),
                    },
                    WatchEvent::Problem(problem) => Said::Problem(problem),
                };
                let _ = tell.send(said);
            })
        });
        let watch = Watch { corpus, index, stop, said, thread: Some(thread), _root: root };
        watch.wait_for("the first run", |said| matches!(said, Said::Watching));
        watch
    }

    fn wait_for(&self, what: &str, found: impl Fn(&Said) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.said.recv_timeout(left) {
                Ok(said) if found(&said) => return,
                Ok(Said::Problem(problem)) => panic!("watcher problem: {problem}"),
                Ok(_) => {}
                Err(_) => panic!("no {what} within {DEADLINE:?}"),
            }
        }
    }

    fn engine(&self) -> Engine {
        Engine::new(ZanIndex::open(&self.index).expect("index")).expect("engine")
    }

    /// Stops the watch and checks that it ends cleanly.
    fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let thread = self.thread.take().expect("running");
        let deadline = Instant::now() + DEADLINE;
        while !thread.is_finished() {
            assert!(Instant::now() < deadline, "the watch did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
        thread.join().expect("no panic").expect("a clean stop");
    }
}

/// The text of each act in the index, by id. The ids come from a reader of their own,
/// so a commit of the watch between the two reads can leave the engine's searcher
/// behind: the two are read again until they agree (a few tries at most).
fn texts(engine: &Engine) -> HashMap<String, String> {
    let mut tries = 0;
    loop {
        engine.reload().expect("reload");
        let ids = engine.index().fingerprints().expect("ids");
        let texts: Result<HashMap<String, String>, _> = ids
            .into_keys()
            .map(|id| engine.document(&id).map(|document| (id, document.text)))
            .collect();
        match texts {
            Ok(texts) => return texts,
            Err(error) if tries < 20 => {
                tries += 1;
                eprintln!("read again: {error:?}");
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(error) => panic!("stored: {error:?}"),
        }
    }
}

/// Polls the index until `done` holds, checking `always` at every look.
fn poll(
    engine: &Engine,
    what: &str,
    always: impl Fn(&HashMap<String, String>),
    done: impl Fn(&HashMap<String, String>) -> bool,
) {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let now = texts(engine);
        always(&now);
        if done(&now) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: not within {DEADLINE:?}; index: {now:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn pieces() -> Vec<String> {
    (1..=6)
        .map(|n| format!("Пункт {n}. Акимат утверждает план ремонта дорог, часть {n}.\n\n"))
        .collect()
}

#[test]
fn test_watch_follows_a_slow_write_a_rename_and_a_deletion() {
    let watch = Watch::start();
    let engine = watch.engine();
    assert_eq!(texts(&engine).len(), 1, "the first run indexed the folder");

    // Written in pieces 0.4 s apart, as a slow copy over the network does: longer than
    // the debouncer's quiet time, so each pause is reported, and shorter than the settle
    // period, so no pause lets the half-written file be read.
    let whole: String = pieces().concat();
    let last = "часть 6";
    let never_truncated = |index: &HashMap<String, String>| {
        if let Some(text) = index.get("b.txt") {
            assert!(text.contains(last), "indexed half written: {text}");
        }
    };
    let path = watch.corpus.join("b.txt");
    let mut file = std::fs::File::create(&path).expect("create");
    for piece in pieces() {
        file.write_all(piece.as_bytes()).expect("write");
        file.flush().expect("flush");
        never_truncated(&texts(&engine));
        std::thread::sleep(Duration::from_millis(400));
    }
    drop(file);
    poll(&engine, "the act written slowly", never_truncated, |index| index.contains_key("b.txt"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), whole);

    // A rename is one commit: the act is never missing from the index. A new folder's
    // act comes with it.
    std::fs::rename(&path, watch.corpus.join("c.txt")).expect("rename");
    std::fs::create_dir(watch.corpus.join("2024")).expect("folder");
    std::fs::write(watch.corpus.join("2024/d.txt"), "Приказ о графике работы библиотек.")
        .expect("act in a folder");
    poll(
        &engine,
        "the renamed act",
        |index| assert!(index.contains_key("b.txt") || index.contains_key("c.txt"), "{index:?}"),
        |index| {
            index.contains_key("c.txt")
                && !index.contains_key("b.txt")
                && index.contains_key("2024/d.txt")
        },
    );
    assert!(texts(&engine)["c.txt"].contains(last));
    watch.wait_for("the rename's batch", |said| {
        matches!(said, Said::Batch { added, deleted, .. }
            if added.iter().any(|id| id == "c.txt") && deleted == &["b.txt"])
    });

    // Deleting a folder deletes the acts in it; deleting a file deletes its act.
    std::fs::remove_file(watch.corpus.join("c.txt")).expect("delete");
    std::fs::remove_dir_all(watch.corpus.join("2024")).expect("delete folder");
    poll(&engine, "the deletions", |_| {}, |index| index.keys().collect::<Vec<_>>() == ["a.txt"]);
    watch.stop();
}

#[test]
fn test_watch_reports_a_broken_file_ignores_temporary_names_and_goes_on() {
    let watch = Watch::start();
    let engine = watch.engine();
    // Office lock files and partial downloads are never read.
    std::fs::write(watch.corpus.join("~$решение.docx"), b"\x00owner").expect("lock file");
    std::fs::write(watch.corpus.join("e.txt.part"), "Часть файла").expect("partial");
    std::fs::write(watch.corpus.join(".f.txt"), "Скрытый файл").expect("hidden");
    std::fs::write(watch.corpus.join("broken.pdf"), b"%PDF-1.7 this is not a PDF").expect("pdf");
    watch.wait_for("the broken file's report", |said| {
        matches!(said, Said::Batch { failed, .. } if failed.iter().any(|f| f == "broken.pdf"))
    });
    std::fs::write(watch.corpus.join("g.txt"), "Постановление о весенней ярмарке.").expect("act");
    watch.wait_for(
        "the next act",
        |said| matches!(said, Said::Batch { added, .. } if added.iter().any(|id| id == "g.txt")),
    );
    let mut ids: Vec<String> = texts(&engine).into_keys().collect();
    ids.sort();
    assert_eq!(ids, ["a.txt", "g.txt"]);
    // The batch that added g.txt did not look at broken.pdf, which is still broken:
    // `zan status` still names it.
    let kept = zan_indexer::RunReport::last(&watch.index).expect("the kept report");
    assert!(kept.failed.iter().any(|f| f.source == "broken.pdf"), "{:?}", kept.failed);
    // A sidecar dropped later re-indexes its document with the requisites it gives.
    std::fs::write(watch.corpus.join("g.meta.json"), r#"{"title": "О ярмарке выходного дня"}"#)
        .expect("sidecar");
    poll(
        &engine,
        "the sidecar's title",
        |_| {},
        |_| engine.document("g.txt").is_ok_and(|act| act.title == "О ярмарке выходного дня"),
    );
    watch.stop();
}

/// The temp names of the test corpus are where the watch would index them otherwise.
#[test]
fn test_fixture_names_are_documents_but_for_their_temp_marks() {
    let document = |name: &str| {
        Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| zan_indexer::DOCUMENT_EXTENSIONS.contains(&e))
    };
    assert!(document("~$решение.docx") && document(".f.txt"));
    assert!(zan_indexer::is_ignored_name("~$решение.docx"));
    assert!(zan_indexer::is_ignored_name(".f.txt"));
    assert!(zan_indexer::is_ignored_name("e.txt.part"));
}
