//! Fault injection: a small built index is copied for each case and damaged in one way
//! (garbage in a term, store, idx file or in `meta.json`, a file cut short, a file
//! removed, a read-only copy). Each case checks what `zan check`, `zan search` and the
//! server say, and that `zan index` brings back the same documents.
//!
//! Tests run as root, and root ignores permission bits: the read-only copy is searched
//! and served by a `zan` process that drops to the `nobody` user when the test runs as
//! root, so the lock tantivy's reader wants really cannot be taken. (An engine unit
//! test covers a file system that fails every write, as a read-only mount does.)

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;
use zan_engine::ZanIndex;
use zan_indexer::{index_corpus, IndexerConfig, NoProgress};
use zan_tests::{http_get, TestServer};

use crate::zan;

/// The word every fixture document holds.
const COMMON_WORD: &str = "бюджет";

/// A small corpus and its index, built once, copied by every case.
struct Fixture {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    index: PathBuf,
    ids: BTreeSet<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        // Readable by `nobody`, who runs the read-only case when the tests run as root.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).expect("corpus folder");
        let topics = [
            "ремонте школ",
            "уборке улиц",
            "освещении парков",
            "тарифах на воду",
            "ремонте дорог",
            "детских садах",
            "городском транспорте",
            "озеленении дворов",
        ];
        for (number, topic) in topics.iter().enumerate() {
            let sentence =
                format!("Городской совет утвердил бюджет на работы о {topic} в {number} году. ");
            let text = format!(
                "РЕШЕНИЕ № {number}-{}\n\nО {topic}\n\n{}",
                number + 10,
                sentence.repeat(40)
            );
            std::fs::write(corpus.join(format!("act-{number}.txt")), text).expect("fixture");
        }
        let index = dir.path().join("index");
        let report = index_corpus(&IndexerConfig::new(&corpus, &index), &NoProgress)
            .expect("fixture indexes");
        assert_eq!(report.total_documents, topics.len() as u64);
        let ids = ids_in(&index);
        Fixture { _dir: dir, corpus, index, ids }
    })
}

/// The ids of the documents in an index.
fn ids_in(index: &Path) -> BTreeSet<String> {
    let index = ZanIndex::open(index).expect("index opens");
    index.fingerprints().expect("index reads").into_keys().collect()
}

/// A copy of the fixture's index in a folder of its own.
struct Copy {
    dir: tempfile::TempDir,
    index: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let dir = tempfile::tempdir().expect("temporary folder");
        let index = dir.path().join("index");
        std::fs::create_dir(&index).expect("index folder");
        for entry in std::fs::read_dir(&fixture().index).expect("fixture index") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), index.join(entry.file_name())).expect("copy");
        }
        Copy { dir, index }
    }

    fn arg(&self) -> &str {
        self.index.to_str().expect("UTF-8 path")
    }

    /// The name of the first file of the index with this extension.
    fn file_with(&self, extension: &str) -> String {
        let mut names: Vec<String> = std::fs::read_dir(&self.index)
            .expect("index folder")
            .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(&format!(".{extension}")))
            .collect();
        names.sort();
        names.into_iter().next().expect("a file with the extension")
    }

    /// Overwrites up to 16 KB in the middle of a file with garbage; returns its name.
    fn garble(&self, name: &str) -> String {
        let path = self.index.join(name);
        let mut bytes = std::fs::read(&path).expect("file to garble");
        let length = bytes.len().min(16 * 1024).min(bytes.len() / 2).max(1);
        let start = bytes.len() / 4;
        for (i, byte) in bytes[start..start + length].iter_mut().enumerate() {
            *byte = (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[2];
        }
        std::fs::write(&path, bytes).expect("garbled file");
        name.to_owned()
    }
}

/// Runs `zan` and returns its exit code, stdout and stderr.
fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().expect("zan runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|error| panic!("not JSON ({error}): {body}"))
}

/// Everything a damaged index must give: the server says it is damaged and answers
/// JSON errors, `zan search` and `zan check` name the file, and `rebuild` (a
/// `zan index` run) names the file and brings back every document.
fn assert_damage_is_said_and_repaired(copy: &Copy, file: &str, rebuild: &[&str]) {
    {
        let server = TestServer::start(&copy.index, None);
        for path in ["/healthz", "/readyz"] {
            let (status, body) = server.get(path);
            assert_eq!(status, 503, "{path} fails on a damaged index: {body}");
            let body = json(&body);
            assert_eq!(body["code"], "index_damaged", "{body}");
            assert!(body["message"].as_str().is_some_and(|m| m.contains(file)), "{body}");
        }
        let id = fixture().ids.iter().next().expect("an id");
        for path in [
            format!("/api/search?q={}", zan_tests::encode(COMMON_WORD)),
            format!("/api/documents/{id}"),
        ] {
            let (status, body) = server.get(&path);
            assert_eq!(status, 503, "{path} answers 503: {body}");
            let body = json(&body);
            assert_eq!(body["code"], "index_damaged", "{path}: {body}");
            assert!(body["message"].as_str().is_some_and(|m| m.contains(file)), "{body}");
        }
        // The pages say it too, in the interface language, and show nothing of the index.
        for path in [
            format!("/search?q={}&ui=ru", zan_tests::encode(COMMON_WORD)),
            format!("/documents/{id}?ui=ru"),
        ] {
            let (status, body) = server.get(&path);
            assert_eq!(status, 503, "{path} answers 503");
            assert!(body.contains("база документов повреждена"), "{path}: {body}");
        }
    }

    let (code, stdout, stderr) = run(zan().args(["check", "--index", copy.arg()]));
    assert_eq!(code, 1, "zan check exits 1 on a damaged index\n{stdout}{stderr}");
    assert!(stdout.contains(file), "zan check names {file}:\n{stdout}");
    assert!(!stdout.contains("0.15"), "no advice about old tantivy versions:\n{stdout}");

    let (code, stdout, stderr) = run(zan().args(["search", "--index", copy.arg(), COMMON_WORD]));
    assert_eq!(code, 2, "zan search refuses a damaged index\n{stdout}{stderr}");
    assert!(stderr.contains("damaged") && stderr.contains(file), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let corpus = fixture().corpus.to_str().expect("UTF-8 path");
    let mut args = vec!["index", "--corpus", corpus, "--index", copy.arg()];
    args.extend_from_slice(rebuild);
    let (code, stdout, stderr) = run(zan().args(&args));
    assert_eq!(code, 0, "zan index rebuilds the damaged index\n{stdout}{stderr}");
    assert!(stderr.contains(&format!("damaged: {file}")), "zan index names {file}:\n{stderr}");
    assert!(stdout.contains("rebuilt"), "{stdout}");
    assert_eq!(ids_in(&copy.index), fixture().ids, "every document is back");
    let (code, stdout, _) = run(zan().args(["check", "--index", copy.arg()]));
    assert_eq!(code, 0, "healthy after the rebuild:\n{stdout}");
    let server = TestServer::start(&copy.index, None);
    assert_eq!(server.get("/healthz").0, 200);
    let (status, body) = server.get(&format!("/api/search?q={}", zan_tests::encode(COMMON_WORD)));
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["total"], fixture().ids.len());
}

/// Garbage in the first file with this extension: said, then repaired by `zan index`.
fn assert_garbage_in_a_file_is_repaired(extension: &str) {
    let copy = Copy::new();
    let file = copy.garble(&copy.file_with(extension));
    assert_damage_is_said_and_repaired(&copy, &file, &[]);
}

#[test]
fn test_garbage_in_a_term_file() {
    assert_garbage_in_a_file_is_repaired("term");
}

#[test]
fn test_garbage_in_a_store_file() {
    assert_garbage_in_a_file_is_repaired("store");
}

#[test]
fn test_garbage_in_an_idx_file() {
    assert_garbage_in_a_file_is_repaired("idx");
}

#[test]
fn test_garbage_in_meta_json_and_full_starts_over() {
    let copy = Copy::new();
    let file = copy.garble("meta.json");
    assert_damage_is_said_and_repaired(&copy, &file, &["--full"]);
}

#[test]
fn test_a_file_cut_short() {
    let copy = Copy::new();
    let file = copy.file_with("fast");
    let path = copy.index.join(&file);
    let length = std::fs::metadata(&path).expect("file").len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|handle| handle.set_len(length / 2))
        .expect("cut short");
    assert_damage_is_said_and_repaired(&copy, &file, &[]);
}

#[test]
fn test_a_missing_file() {
    let copy = Copy::new();
    let file = copy.file_with("store");
    std::fs::remove_file(copy.index.join(&file)).expect("removed");
    assert_damage_is_said_and_repaired(&copy, &file, &[]);
}

#[test]
fn test_damage_under_a_running_server_is_noticed() {
    let copy = Copy::new();
    let server = TestServer::start(&copy.index, None);
    assert_eq!(server.get("/healthz").0, 200);
    // Garbage written in place, as a failing disk would: the server maps the file.
    let file = copy.file_with("store");
    let path = copy.index.join(&file);
    let length = std::fs::metadata(&path).expect("store").len() as usize;
    let mut bytes = std::fs::read(&path).expect("store");
    bytes[..length / 2].fill(0xA5);
    {
        use std::io::Write;
        let mut handle = std::fs::OpenOptions::new().write(true).open(&path).expect("store");
        handle.write_all(&bytes[..length / 2]).expect("garbage");
    }
    let (status, body) = server.get(&format!("/api/search?q={}", zan_tests::encode(COMMON_WORD)));
    assert_eq!(status, 503, "{body}");
    assert_eq!(json(&body)["code"], "index_damaged", "{body}");
    assert!(body.contains(&file), "{body}");
    let (status, body) = server.get("/healthz");
    assert_eq!(status, 503, "the damage found is remembered: {body}");
    let id = fixture().ids.iter().next().expect("an id");
    let (status, body) = server.get(&format!("/api/documents/{id}"));
    assert_eq!((status, json(&body)["code"].clone()), (503, Value::from("index_damaged")));

    // Rebuilt under the running server: it serves the new index without a restart.
    let corpus = fixture().corpus.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) =
        run(zan().args(["index", "--full", "--corpus", corpus, "--index", copy.arg()]));
    assert_eq!(code, 0, "zan index --full rebuilds\n{stdout}{stderr}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while server.get("/readyz").0 != 200 {
        assert!(std::time::Instant::now() < deadline, "the rebuilt index is served");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let (status, body) = server.get(&format!("/api/search?q={}", zan_tests::encode(COMMON_WORD)));
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["total"], fixture().ids.len());
}

#[test]
fn test_a_damaged_index_built_from_jsonl_asks_for_the_jsonl() {
    let temp = tempfile::tempdir().expect("temporary folder");
    let jsonl = temp.path().join("acts.jsonl");
    let records: String = (0..5)
        .map(|i| format!("{{\"id\": \"a{i}\", \"title\": \"Акт {i}\", \"text\": \"Городской бюджет, статья {i}.\"}}\n"))
        .collect();
    std::fs::write(&jsonl, records).expect("JSONL");
    let index = temp.path().join("index");
    let index_arg = index.to_str().expect("UTF-8 path");
    let jsonl_arg = jsonl.to_str().expect("UTF-8 path");
    let (code, _, stderr) = run(zan().args(["index", "--jsonl", jsonl_arg, "--index", index_arg]));
    assert_eq!(code, 0, "{stderr}");
    let store = std::fs::read_dir(&index)
        .expect("index")
        .map(|entry| entry.expect("entry").path())
        .find(|path| path.extension().is_some_and(|e| e == "store"))
        .expect("a store file");
    std::fs::write(&store, b"garbage").expect("damaged");

    // The corpus folder cannot rebuild an index of JSONL records: say what can.
    let corpus = fixture().corpus.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) =
        run(zan().args(["index", "--corpus", corpus, "--index", index_arg]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("damaged") && stderr.contains("--jsonl"), "{stderr}");
    assert!(stderr.contains("acts.jsonl"), "{stderr}");
    let (code, _, stderr) = run(zan().args(["check", "--index", index_arg]));
    assert_eq!(code, 1, "the index is left as it was");
    assert!(!stderr.contains("panicked"), "a file too short for a footer: {stderr}");

    let (code, stdout, stderr) =
        run(zan().args(["index", "--jsonl", jsonl_arg, "--index", index_arg]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("damaged: "), "{stderr}");
    assert_eq!(ids_in(&index), (0..5).map(|i| format!("a{i}")).collect());
}

#[test]
fn test_a_second_index_run_says_another_is_running() {
    let copy = Copy::new();
    let index = ZanIndex::open(&copy.index).expect("index opens");
    let _writer = index.writer(20_000_000).expect("the first writer");
    let corpus = fixture().corpus.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) =
        run(zan().args(["index", "--corpus", corpus, "--index", copy.arg()]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    let expected = format!("another zan index is running on {}", copy.index.display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!stderr.contains("LockBusy"), "{stderr}");
}

/// Returns true if this process runs as root (files it creates belong to uid 0).
fn running_as_root(dir: &Path) -> bool {
    let probe = dir.join("owner-probe");
    std::fs::write(&probe, b"").is_ok()
        && std::fs::metadata(&probe).is_ok_and(|metadata| metadata.uid() == 0)
}

/// The uid and gid of `nobody`, who cannot write what root made read-only.
const NOBODY: u32 = 65_534;

/// A `zan` command that cannot write the read-only copy: as `nobody` when running as
/// root, as the user otherwise.
fn zan_without_write(as_root: bool) -> Command {
    let mut command = zan();
    if as_root {
        command.uid(NOBODY).gid(NOBODY);
    }
    command
}

/// A `zan serve` process, killed on drop.
struct ServeProcess(Child);

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn test_a_read_only_copy_is_searched_and_served() {
    let copy = Copy::new();
    let as_root = running_as_root(copy.dir.path());
    // Make the copy read-only: files and folder; the temporary folder above it must be
    // passable for `nobody`.
    for entry in std::fs::read_dir(&copy.index).expect("index") {
        let path = entry.expect("entry").path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    }
    std::fs::set_permissions(&copy.index, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    std::fs::set_permissions(copy.dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
    std::fs::remove_file(copy.dir.path().join("owner-probe")).ok();

    let (code, stdout, stderr) = run(zan_without_write(as_root).args([
        "search",
        "--index",
        copy.arg(),
        "--json",
        "--limit",
        "50",
        COMMON_WORD,
    ]));
    assert_eq!(code, 0, "zan search reads a read-only copy\n{stdout}{stderr}");
    let found: BTreeSet<String> =
        stdout.lines().map(|line| json(line)["id"].as_str().expect("an id").to_owned()).collect();
    assert_eq!(found, fixture().ids);

    let (code, stdout, stderr) =
        run(zan_without_write(as_root).args(["check", "--index", copy.arg()]));
    assert_eq!(code, 0, "a read-only copy checks healthy\n{stdout}{stderr}");

    // Indexing into it fails cleanly and changes nothing.
    let corpus = fixture().corpus.to_str().expect("UTF-8 path");
    let (code, stdout, stderr) = run(zan_without_write(as_root).args([
        "index",
        "--full",
        "--corpus",
        corpus,
        "--index",
        copy.arg(),
    ]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("cannot write the index"), "{stderr}");

    let mut child = zan_without_write(as_root)
        .args(["serve", "--index", copy.arg(), "--corpus", "no-corpus", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("zan serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let server = ServeProcess(child);
    let mut said = String::new();
    let addr = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| {
            said.push_str(&line);
            said.push('\n');
            let rest = line.split("http://").nth(1)?;
            rest.split('/').next()?.parse::<std::net::SocketAddr>().ok()
        })
        .unwrap_or_else(|| panic!("zan serve says where it listens:\n{said}"));
    let (status, body) = http_get(addr, "/readyz");
    assert_eq!(status, 200, "{body}");
    let (status, body) =
        http_get(addr, &format!("/api/search?q={}&limit=50", zan_tests::encode(COMMON_WORD)));
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["total"], fixture().ids.len());
    drop(server);
    assert_eq!(ids_in(&copy.index), fixture().ids, "the copy is unchanged");
}
