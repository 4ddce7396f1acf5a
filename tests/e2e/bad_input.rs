//! Bad input gets a clear error and loses nothing: the batch goes on past broken files,
//! JSONL lines are reported by number, and the exit code says something failed.

use crate::zan;

#[test]
fn test_broken_files_are_reported_and_the_batch_goes_on() {
    let temp = tempfile::tempdir().unwrap();
    let corpus = temp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("good.txt"), "РЕШЕНИЕ\n\nО ремонте дорог в микрорайоне").unwrap();
    let noise: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8).collect();
    std::fs::write(corpus.join("noise.txt"), &noise).unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    std::fs::write(corpus.join("broken.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
        .unwrap();
    let (bytes, _, _) = encoding_rs_like_cp1251("Распоряжение о тарифах на отопление");
    std::fs::write(corpus.join("legacy.txt"), bytes).unwrap();

    let index = temp.path().join("index");
    let output = zan()
        .args(["index", "--corpus", corpus.to_str().unwrap(), "--index", index.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "some files failed: exit 1\n{stderr}");
    for name in ["noise.txt", "empty.txt", "broken.pdf"] {
        assert!(stderr.contains(name), "{name} is named in the report:\n{stderr}");
    }
    let output = zan()
        .args(["search", "--index", index.to_str().unwrap(), "--json", "ремонт"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("good.txt"));
    let output = zan()
        .args(["search", "--index", index.to_str().unwrap(), "--json", "тарифы"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("legacy.txt"),
        "windows-1251 text is decoded"
    );
}

/// Encodes Russian text in windows-1251 by hand (the tests do not depend on encoding_rs).
fn encoding_rs_like_cp1251(text: &str) -> (Vec<u8>, (), ()) {
    let bytes = text
        .chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'ё' => 0xB8,
            'Ё' => 0xA8,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect();
    (bytes, (), ())
}

#[test]
fn test_malformed_jsonl_line_is_named_by_number() {
    let temp = tempfile::tempdir().unwrap();
    let jsonl = temp.path().join("records.jsonl");
    let mut lines = "{\"id\": \"1\", \"title\": \"Первый\", \"text\": \"Текст о бюджете\", \"lang\": \"ru\"}\n{broken\n{\"id\": \"3\", \"title\": \"Третий\", \"text\": \"Ещё текст\"}\n".as_bytes().to_vec();
    // Line 4: windows-1251 bytes where UTF-8 was expected.
    lines.extend_from_slice(b"{\"id\": \"4\", \"text\": \"\xd2\xe5\xea\xf1\xf2\"}\n");
    std::fs::write(&jsonl, lines).unwrap();
    let index = temp.path().join("index");
    let output = zan()
        .args(["index", "--jsonl", jsonl.to_str().unwrap(), "--index", index.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("records.jsonl:2"), "{stderr}");
    assert!(stderr.contains("records.jsonl:4") && stderr.contains("not UTF-8"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("indexed 2 documents"));
}

#[test]
fn test_missing_index_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let output = zan()
        .args(["search", "--index", temp.path().join("none").to_str().unwrap(), "бюджет"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("zan index"));
}
