//! The `zan` command as a user runs it: index the corpus into a temporary folder, then
//! search, analyze and detect.

use std::io::Write;
use std::process::Stdio;

use zan_tests::{corpus_dir, hit_holds};

use crate::zan;

fn run_with_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = zan()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn test_index_then_search_through_the_cli() {
    let temp = tempfile::tempdir().unwrap();
    let index = temp.path().join("index");
    let index_arg = index.to_str().unwrap();
    let corpus = corpus_dir();
    let output = zan()
        .args(["index", "--corpus", corpus.to_str().unwrap(), "--index", index_arg])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("0 failed"));

    // Russian, another inflection, as JSON lines.
    let output = zan()
        .args(["search", "--index", index_arg, "--json", "--limit", "5", "городского бюджета"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let hits: Vec<serde_json::Value> =
        stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    assert!(!hits.is_empty());
    let budget = hits
        .iter()
        .find(|hit| hit_holds(hit, "ru-decision-01-budget-2024.txt"))
        .expect("budget act found");
    for key in ["id", "title", "kind", "number", "date", "issuer", "lang", "score", "snippet"] {
        assert!(budget.get(key).is_some(), "hit has no {key}: {budget}");
    }
    assert_eq!(budget["number"], "15-3");
    assert_eq!(budget["date"], "2023-12-14");
    assert!(budget["snippet"].as_str().unwrap().contains("<mark>бюджет"), "{budget}");

    // Kazakh and Kyrgyz.
    for (query, expected) in [
        ("мектептерді жөндеу", "kk-resolution-04-school-repair.txt"),
        ("мектептерди оңдоо", "ky-resolution-02-school-repair-2023.txt"),
    ] {
        let output = zan()
            .args(["search", "--index", index_arg, "--json", "--limit", "5", query])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(expected), "{query:?} did not find {expected}:\n{stdout}");
    }

    // A <script> inside a document comes back escaped in the snippet.
    let output =
        zan().args(["search", "--index", index_arg, "--json", "уязвимость"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("&lt;script&gt;"), "{stdout}");
    assert!(!stdout.contains("<script>"), "{stdout}");

    // TREC run for evaluation.
    let queries = temp.path().join("queries.tsv");
    std::fs::write(&queries, "q1\tru\tгородского бюджета\nq2\tмектептерді жөндеу\n").unwrap();
    let output = zan()
        .args([
            "search",
            "--index",
            index_arg,
            "--queries",
            queries.to_str().unwrap(),
            "--format",
            "trec",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let first: Vec<&str> = stdout.lines().next().unwrap().split(' ').collect();
    assert_eq!((first[0], first[1], first[3], first[5]), ("q1", "Q0", "1", "zan"), "{stdout}");
    assert!(stdout.lines().any(|line| line.starts_with("q2 ")));

    // Nothing to search for: a clear message, not an error.
    let output = zan().args(["search", "--index", index_arg, "?!.,"]).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("empty query"));
}

#[test]
fn test_analyze_prints_one_line_per_word() {
    let (code, stdout, _) = run_with_stdin(&["analyze", "--lang", "ru"], "бюджета\nи\nбюджетом\n");
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout:?}");
    assert_eq!(lines[0], lines[2], "both inflections give one term");
    assert_eq!(lines[1], "", "a stop word gives an empty line");
}

#[test]
fn test_detect_prints_one_code_per_line() {
    let (code, stdout, _) = run_with_stdin(
        &["detect"],
        "Городской совет утвердил бюджет на следующий год\nҚалалық мәслихат бюджетті бекітті\nШаардык кеңеш бюджетти бекитти\n",
    );
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().collect::<Vec<_>>(), ["ru", "kk", "ky"]);
}

#[test]
fn test_seeds_like_input_with_escapes_is_searchable() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    // A literal "\u200b" escape inside a word, as real converted files carry.
    std::fs::write(corpus.join("clip.txt"), "Библиотека про\\u200bвела семинар для читателей")
        .unwrap();
    let index = temp.path().join("index");
    let status = zan()
        .args(["index", "--corpus", corpus.to_str().unwrap(), "--index", index.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    let output = zan()
        .args(["search", "--index", index.to_str().unwrap(), "--json", "провела"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("clip.txt"));
}
