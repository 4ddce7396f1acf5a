//! Issue 10 (items 6, 7, 9, 10 and part of 13): what zan does with odd files and odd
//! input is said out loud, once, in plain words, and never indexes garbage.

use std::path::Path;

use zan_tests::{engine, pdf_with_character_map_last, TestServer};

use crate::zan;

/// Runs `zan` with `args` and returns its exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let output = zan().args(args).output().expect("zan runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A temporary folder with an empty `corpus` folder in it.
fn temp_corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().expect("temporary folder");
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    (temp, corpus)
}

/// Runs `zan index` on a corpus folder into an index folder.
fn index(corpus: &Path, index: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "index",
        "--corpus",
        corpus.to_str().expect("UTF-8 temporary path"),
        "--index",
        index.to_str().expect("UTF-8 temporary path"),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// The ids of the hits of a JSON search.
fn hit_ids(index: &Path, query: &str) -> Vec<String> {
    let (_, stdout, _) =
        run(&["search", "--index", index.to_str().expect("UTF-8"), "--json", query]);
    stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON hit"))
        .map(|hit| hit["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

const LINES: [&str; 3] = [
    "Статья 1. Гражданское законодательство определяет правовое положение",
    "участников гражданского оборота, основания возникновения права",
    "собственности и порядок его осуществления (в ред. от 12.03.2018 № 33).",
];

/// Item 6: a truncated PDF is a failed file, named with why, and none of it is indexed.
#[test]
fn test_damaged_pdf_is_a_failed_file_and_not_indexed() {
    let (temp, corpus) = temp_corpus();
    let (pdf, map_start) = pdf_with_character_map_last(&LINES);
    std::fs::write(corpus.join("whole.pdf"), &pdf).unwrap();
    std::fs::write(corpus.join("cut.pdf"), &pdf[..map_start]).unwrap();
    let index_dir = temp.path().join("index");

    let (code, stdout, stderr) = index(&corpus, &index_dir, &[]);
    assert_eq!(code, 1, "a damaged file fails the run\n{stdout}\n{stderr}");
    let line = stderr.lines().find(|line| line.contains("cut.pdf")).unwrap_or_default();
    assert!(line.starts_with("failed: cut.pdf: damaged PDF: "), "{stderr}");
    assert!(stdout.contains("indexed 1 documents") && stdout.contains("1 failed"), "{stdout}");
    let engine = engine(&index_dir);
    assert!(engine.document("whole.pdf").is_ok());
    assert!(engine.document("cut.pdf").is_err(), "none of a damaged file is indexed");
    assert_eq!(hit_ids(&index_dir, "гражданского оборота"), ["whole.pdf"]);
}

/// Item 7: names that are not UTF-8 get one id each, the same on every run, and their
/// originals are served.
#[cfg(unix)]
#[test]
fn test_names_that_are_not_utf8_get_distinct_stable_ids() {
    use std::os::unix::ffi::OsStrExt;
    let (temp, corpus) = temp_corpus();
    let ff = std::ffi::OsStr::from_bytes(b"b\xff.txt");
    let fe = std::ffi::OsStr::from_bytes(b"b\xfe.txt");
    std::fs::write(corpus.join(ff), "Решение о ремонте дорог в первом микрорайоне").unwrap();
    std::fs::write(corpus.join(fe), "Решение о ремонте школ во втором микрорайоне").unwrap();
    std::fs::write(corpus.join("b%FF.txt"), "Решение о ремонте мостов через реку").unwrap();
    let index_dir = temp.path().join("index");

    let (code, stdout, stderr) = index(&corpus, &index_dir, &["--json"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["indexed"], 3, "{stdout}");
    assert_eq!(report["total_documents"], 3, "{stdout}");
    let mut ids = hit_ids(&index_dir, "ремонт");
    ids.sort();
    assert_eq!(ids, ["b%25FF.txt", "b%FE.txt", "b%FF.txt"]);

    // A second run finds the same ids, so nothing changed.
    let (_, stdout, _) = index(&corpus, &index_dir, &["--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((report["unchanged"].as_u64(), report["deleted"].as_u64()), (Some(3), Some(0)));

    let server = TestServer::start(&index_dir, Some(corpus.clone()));
    for (link, expected) in
        [("b%25FF.txt", "дорог"), ("b%25FE.txt", "школ"), ("b%2525FF.txt", "мостов")]
    {
        let (status, body) = server.get(&format!("/original/{link}"));
        assert_eq!(status, 200, "{link}: {body}");
        assert!(body.contains(expected), "{link} serves its own file: {body}");
    }
}

/// Item 9: UTF-16 without a byte-order mark, in both byte orders, is read.
#[test]
fn test_utf16_without_bom_is_indexed() {
    let (temp, corpus) = temp_corpus();
    let text = "РЕШЕНИЕ\r\n\r\nО тарифах на вывоз мусора в 2024 году";
    let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(corpus.join("le.txt"), little).unwrap();
    std::fs::write(corpus.join("be.txt"), big).unwrap();
    let index_dir = temp.path().join("index");
    let (code, stdout, stderr) = index(&corpus, &index_dir, &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let mut ids = hit_ids(&index_dir, "тарифы мусор");
    ids.sort();
    assert_eq!(ids, ["be.txt", "le.txt"]);
}

/// Item 10: a duplicate id in JSONL names both lines; the first record is kept, and the
/// counts agree with the index.
#[test]
fn test_duplicate_jsonl_id_names_both_lines() {
    let temp = tempfile::tempdir().unwrap();
    let jsonl = temp.path().join("records.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"a\", \"title\": \"Первый\", \"text\": \"Текст о бюджете\"}\n\
         {\"id\": \"b\", \"title\": \"Второй\", \"text\": \"Текст о дорогах\"}\n\
         {\"id\": \"a\", \"title\": \"Повтор\", \"text\": \"Текст о тарифах\"}\n",
    )
    .unwrap();
    let index_dir = temp.path().join("index");
    let (code, stdout, stderr) =
        run(&["index", "--jsonl", jsonl.to_str().unwrap(), "--index", index_dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    let line = stderr.lines().find(|line| line.contains("duplicate id")).unwrap_or_default();
    assert!(line.starts_with("failed: records.jsonl:3: "), "{stderr}");
    assert!(line.contains("line 1"), "{line}");
    assert!(stdout.contains("indexed 2 documents"), "{stdout}");
    assert!(stdout.contains("1 failed") && stdout.contains("2 documents in the index"), "{stdout}");
    assert_eq!(hit_ids(&index_dir, "бюджет"), ["a"], "the first record is kept");
    assert!(hit_ids(&index_dir, "тарифы").is_empty());
}

/// Item 13: `--kind` takes only the kinds there are.
#[test]
fn test_unknown_kind_is_refused_with_the_kinds() {
    let (code, _, stderr) = run(&["search", "--index", "no-index-here", "--kind", "nonsense", "x"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nonsense"), "{stderr}");
    assert!(stderr.contains("decree, resolution, order, decision, clipping, other"), "{stderr}");
}

/// Item 13: `--index` naming a file, and a missing corpus, are said once and plainly.
#[test]
fn test_bad_paths_are_said_once_and_plainly() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let file_arg = file.to_str().unwrap();
    for args in [
        vec!["index", "--corpus", temp.path().to_str().unwrap(), "--index", file_arg],
        vec!["search", "--index", file_arg, "бюджет"],
    ] {
        let (code, _, stderr) = run(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is a file, not an index folder"), "{stderr}");
        assert!(!stderr.contains("os error"), "{stderr}");
    }
    let missing = temp.path().join("missing");
    let (code, _, stderr) = index(&missing, &temp.path().join("index"), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "said once: {stderr}");
}

/// Item 13: each failed file is said once, without colour codes in a pipe; skipped
/// files are explained, and listed with `--verbose`.
#[test]
fn test_report_says_each_thing_once_and_explains_skips() {
    let (temp, corpus) = temp_corpus();
    std::fs::create_dir(corpus.join(".git")).unwrap();
    std::fs::write(corpus.join(".git/config"), "x").unwrap();
    std::fs::write(corpus.join("act.txt"), "РЕШЕНИЕ\n\nО ремонте дорог").unwrap();
    std::fs::write(corpus.join("act.meta.json"), "{\"kind\": \"decision\"}").unwrap();
    std::fs::write(corpus.join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    std::fs::write(corpus.join("notes"), "x").unwrap();
    std::fs::write(corpus.join("broken.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap();
    let index_dir = temp.path().join("index");

    let (code, stdout, stderr) = index(&corpus, &index_dir, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no colour codes when stderr is a pipe: {stderr:?}");
    assert_eq!(stderr.matches("broken.pdf").count(), 1, "said once: {stderr}");
    assert!(
        stdout.contains("4 skipped (1 sidecar .meta.json, 1 hidden, 1 .jpg, 1 no extension)"),
        "{stdout}"
    );

    let (_, _, stderr) = index(&corpus, &index_dir, &["--verbose"]);
    for listed in [
        "skipped: .git (hidden)",
        "skipped: act.meta.json (sidecar .meta.json)",
        "skipped: notes (no extension)",
        "skipped: photo.jpg (.jpg)",
    ] {
        assert!(stderr.contains(listed), "{listed} in {stderr}");
    }
}

/// Item 13: Markdown marks left by a converter are not part of a title or the text.
#[test]
fn test_markdown_marks_leave_titles_and_text() {
    let (temp, corpus) = temp_corpus();
    std::fs::write(
        corpus.join("seed.txt"),
        "\n\n**ВЗАИМОСВЯЗЬ\nБИБЛИОТЕК РАЙОНА С ОРГАНАМИ\nМЕСТНОГО САМОУПРАВЛЕНИЯ**\n\n\
         *Б. Тагаева, директор ЦБС*\n\n## Итоги\nБиблиотеки района выдали 2*3 тысячи книг \
         на C# и «**краеведение**»; статья 5* не менялась.\n",
    )
    .unwrap();
    let index_dir = temp.path().join("index");
    let (code, _, stderr) = index(&corpus, &index_dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let document = engine(&index_dir).document("seed.txt").expect("indexed");
    assert_eq!(document.title, "ВЗАИМОСВЯЗЬ БИБЛИОТЕК РАЙОНА С ОРГАНАМИ МЕСТНОГО САМОУПРАВЛЕНИЯ");
    assert!(document.text.contains("Б. Тагаева, директор ЦБС"), "{}", document.text);
    assert!(document.text.contains("\n\nИтоги\n\n"), "a heading is its own paragraph");
    assert!(
        document.text.contains("2*3 тысячи книг на C# и «краеведение»; статья 5* не менялась."),
        "{}",
        document.text
    );
}
