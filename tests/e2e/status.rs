//! `zan status` and `zan index --report` as a process (issue 14, item 3): what the index
//! holds, what a run added, updated, deleted, left unchanged and could not index, with why.

use std::path::Path;

use serde_json::Value;
use zan_tests::corpus_dir;

use crate::zan;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = zan().args(args).output().expect("zan runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("report written")).expect("report is JSON")
}

fn ids(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("no list {key} in {report}"))
        .iter()
        .map(|value| value.as_str().unwrap_or_default().to_owned())
        .collect()
}

fn sources(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("no list {key} in {report}"))
        .iter()
        .map(|failure| {
            assert!(!failure["reason"].as_str().unwrap_or_default().is_empty(), "{failure}");
            failure["source"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

#[test]
fn test_index_report_and_status_say_what_changed_and_what_failed() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let source = corpus_dir();
    for name in [
        "ru-decision-01-budget-2024.txt",
        "kk-decision-01-budget-2022.txt",
        "ky-decision-01-budget-2023.txt",
        "ru-clip-01-budget-hearings.txt",
    ] {
        std::fs::copy(source.join(name), corpus.join(name)).unwrap();
    }
    std::fs::copy(
        source.join("formats/scan-ru-decision-01-budget-2024.pdf"),
        corpus.join("scan.pdf"),
    )
    .unwrap();
    std::fs::write(corpus.join("broken.pdf"), b"%PDF-1.4 this is not a PDF").unwrap();
    let index = temp.path().join("index");
    let report = temp.path().join("report.json");
    let (corpus_arg, index_arg, report_arg) =
        (corpus.to_str().unwrap(), index.to_str().unwrap(), report.to_str().unwrap());

    // First run: everything that indexes is added; the broken PDF failed, with why.
    let (code, _, stderr) =
        run(&["index", "--corpus", corpus_arg, "--index", index_arg, "--report", report_arg]);
    assert_eq!(code, 1, "a failed file makes the exit status 1: {stderr}");
    let first = read_json(&report);
    let added = ids(&first, "added");
    assert!(added.contains(&"ru-decision-01-budget-2024.txt".to_owned()), "{first}");
    assert!(ids(&first, "updated").is_empty() && ids(&first, "deleted").is_empty(), "{first}");
    assert_eq!(sources(&first, "failed"), ["broken.pdf"]);
    // The scan is indexed with OCR when an engine is installed, else it waits for one.
    let waiting = sources(&first, "needs_ocr");
    assert!(
        added.contains(&"scan.pdf".to_owned()) || waiting == ["scan.pdf"],
        "the scan is neither indexed nor waiting: {first}"
    );
    assert_eq!(first["counts"]["added"], added.len());

    // Second run: one file changed, one gone, one new; the rest unchanged.
    let changed = corpus.join("kk-decision-01-budget-2022.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n\nҚосымша тармақ.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(corpus.join("ru-clip-01-budget-hearings.txt")).unwrap();
    std::fs::copy(
        source.join("ky-order-01-heating-2025.txt"),
        corpus.join("ky-order-01-heating-2025.txt"),
    )
    .unwrap();
    run(&["index", "--corpus", corpus_arg, "--index", index_arg, "--report", report_arg]);
    let second = read_json(&report);
    assert_eq!(ids(&second, "added"), ["ky-order-01-heating-2025.txt"], "{second}");
    assert_eq!(ids(&second, "updated"), ["kk-decision-01-budget-2022.txt"], "{second}");
    assert_eq!(ids(&second, "deleted"), ["ru-clip-01-budget-hearings.txt"], "{second}");
    assert_eq!(second["counts"]["unchanged"], 2 + usize::from(waiting.is_empty()), "{second}");
    assert_eq!(second["full"], false);

    // Status as JSON: the documents counted, the last run's failures, health, size.
    let (code, stdout, stderr) = run(&["status", "--index", index_arg, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: Value = serde_json::from_str(&stdout).expect("status is one JSON object");
    assert_eq!(status["healthy"], true, "{status}");
    assert!(status["size_bytes"].as_u64().unwrap() > 0);
    assert!(status["last_commit"].as_str().unwrap().ends_with('Z'), "{status}");
    let summary = &status["summary"];
    let documents = summary["documents"].as_u64().unwrap();
    assert_eq!(documents, 4 + u64::from(waiting.is_empty()), "{status}");
    let total = |key: &str| -> u64 {
        summary[key].as_array().unwrap().iter().map(|count| count["count"].as_u64().unwrap()).sum()
    };
    for key in ["by_lang", "by_kind", "by_status"] {
        assert_eq!(total(key), documents, "{key} does not add up: {status}");
    }
    assert!(summary["by_lang"].to_string().contains("\"ky\""), "{status}");
    assert_eq!(sources(&status["last_run"], "failed"), ["broken.pdf"]);
    assert_eq!(status["last_run"]["ids_listed"], false);

    // Status for a person.
    let (code, stdout, _) = run(&["status", "--index", index_arg]);
    assert_eq!(code, 0);
    for expected in [
        "verifies: yes",
        "last commit: ",
        "size on disk: ",
        "by status on ",
        "failed: broken.pdf: ",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in:\n{stdout}");
    }

    // A damaged index: status says so and exits 1.
    let segment = std::fs::read_dir(&index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|extension| extension == "store"))
        .expect("a store file");
    let mut bytes = std::fs::read(&segment).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&segment, bytes).unwrap();
    let (code, stdout, _) = run(&["status", "--index", index_arg]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("verifies: NO"), "{stdout}");

    // No index at all: could not check.
    let (code, _, stderr) = run(&["status", "--index", temp.path().join("none").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no index"), "{stderr}");
}
