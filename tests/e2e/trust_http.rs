//! What the pages and the API show is exactly the act, and the server stays safe under
//! slow or oversized requests: whole paragraphs with linked marks, security headers,
//! JSON errors for every refusal, originals with their charset.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;
use zan_tests::{corpus_dir, corpus_index, encode, http_raw, TestServer};

fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| TestServer::start(&corpus_index().path, Some(corpus_dir())))
}

const AMENDMENT: &str = "ru-decision-02-budget-amend-2024.txt";

/// Escapes text as the pages do.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The paragraphs of a document page's article with the marks and their links taken out.
fn article_paragraphs(html: &str) -> Vec<String> {
    let article = &html[html.find("<article>").expect("an article")..];
    let article = &article[..article.find("</article>").expect("the article's end")];
    let mut plain = String::new();
    let mut rest = article;
    // Drop the requisites table and heading: the text starts after the table.
    if let Some(end) = rest.find("</table>") {
        rest = &rest[end + "</table>".len()..];
    }
    while let Some(start) = rest.find('<') {
        plain.push_str(&rest[..start]);
        let end = rest[start..].find('>').expect("a closed tag") + start;
        let tag = &rest[start..=end];
        if tag == "</p>" {
            plain.push('\u{1}');
        }
        rest = &rest[end + 1..];
    }
    plain.push_str(rest);
    // Line breaks between elements are the template's, not the text's.
    plain
        .split('\u{1}')
        .map(|p| p.trim_start_matches('\n'))
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn test_document_page_shows_every_paragraph_whole_with_linked_marks() {
    let (_, json) = server().get(&format!("/api/documents/{AMENDMENT}"));
    let stored: Value = serde_json::from_str(&json).unwrap();
    let text = stored["text"].as_str().unwrap();
    let paragraphs: Vec<String> = text.split("\n\n").map(escape).collect();
    assert!(paragraphs.iter().any(|p| p.starts_with("1. Внести в решение")), "{paragraphs:?}");
    for ui in ["ru", "kk", "ky"] {
        let (status, html) =
            server().get(&format!("/documents/{AMENDMENT}?q={}&ui={ui}", encode("бюджет")));
        assert_eq!(status, 200);
        let shown = article_paragraphs(&html);
        for paragraph in &paragraphs {
            assert!(shown.contains(paragraph), "{ui}: not whole: {paragraph}\n{shown:#?}");
        }
        // Marks are numbered from 1 without a gap, each linking to the next, the last
        // back to the first; the page says how many there are.
        let marks = html.matches("<mark id=\"m").count();
        assert!(marks >= 8, "{ui}: {marks} marks");
        for number in 1..=marks {
            assert!(html.contains(&format!("<mark id=\"m{number}\">")), "{ui}: m{number}");
            let next = if number == marks { 1 } else { number + 1 };
            assert!(html.contains(&format!("href=\"#m{next}\"")), "{ui}: link to m{next}");
        }
        assert!(html.contains(&format!("<strong>{marks}</strong>")), "{ui}: the count");
    }
    // A hit takes the reader to the first mark.
    let (_, results) = server().get(&format!("/search?q={}", encode("бюджет")));
    assert!(results.contains(&format!("/documents/{AMENDMENT}?q=")), "{results}");
    // The hit links to the paragraph of its snippet, which holds a mark.
    let first_hit = "class=\"hit-title\" href=\"";
    let link = &results[results.find(first_hit).unwrap() + first_hit.len()..];
    let link = &link[..link.find('"').unwrap()];
    let paragraph = link.rsplit_once("#p").expect("a paragraph anchor").1;
    let (_, page) = server().get(&link.replace("&#38;", "&"));
    let at = page.find(&format!("id=\"p{paragraph}\"")).expect("the paragraph");
    let end = at + page[at..].find("</p>").unwrap();
    assert!(page[at..end].contains("<mark id=\"m"), "the linked paragraph holds a match");
}

#[test]
fn test_pages_carry_security_headers_and_no_inline_script() {
    for path in
        ["/", "/search?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82", "/api/search?q=x", "/nowhere"]
    {
        let response = http_raw(
            server().addr,
            format!("GET {path} HTTP/1.1\r\nHost: zan\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let policy = response.header("content-security-policy").unwrap_or_default();
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"));
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert!(response.header("referrer-policy").is_some(), "{path}");
    }
    let (_, page) = server().get(&format!("/documents/{AMENDMENT}?q=x"));
    assert!(!page.contains("onclick"), "no inline handlers");
    assert_eq!(page.matches("<script").count(), page.matches("<script src=").count());
    let script_start = page.find("<script src=\"").expect("a script") + "<script src=\"".len();
    let script_path = &page[script_start..script_start + page[script_start..].find('"').unwrap()];
    let (status, script) = server().get(script_path);
    assert_eq!(status, 200);
    assert!(script.contains("window.print"));
}

#[test]
fn test_refusals_are_json_errors() {
    // A body over the limit.
    let body = format!("{{\"q\": \"{}\"}}", "б".repeat(1_600_000));
    let request = format!(
        "POST /api/search HTTP/1.1\r\nHost: zan\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let response = http_raw(server().addr, request.as_bytes());
    assert_eq!(response.status, 413);
    let json: Value = serde_json::from_slice(&response.body).expect("a JSON body");
    assert_eq!(json["code"], "payload_too_large");
    // An address too long to take.
    let path = format!("/api/search?q={}", "a".repeat(100_000));
    let request = format!("GET {path} HTTP/1.1\r\nHost: zan\r\nConnection: close\r\n\r\n");
    let response = http_raw(server().addr, request.as_bytes());
    assert_eq!(response.status, 414);
    let json: Value = serde_json::from_slice(&response.body).expect("a JSON body");
    assert_eq!(json["code"], "uri_too_long");
    // A method an address does not take.
    let request = "DELETE /api/search HTTP/1.1\r\nHost: zan\r\nConnection: close\r\n\r\n";
    let response = http_raw(server().addr, request.as_bytes());
    assert_eq!(response.status, 405);
    let json: Value = serde_json::from_slice(&response.body).expect("a JSON body");
    assert_eq!(json["code"], "method_not_allowed");
}

#[test]
fn test_a_long_query_is_echoed_as_searched() {
    let long = "бюджет ".repeat(150_000);
    let (status, body) = server().post_json("/api/search", &format!("{{\"q\": \"{long}\"}}"));
    assert_eq!(status, 200);
    let json: Value = serde_json::from_str(&body).unwrap();
    let echoed = json["query"].as_str().unwrap();
    assert!(echoed.len() < 1000, "echoed {} bytes", echoed.len());
    assert!(long.starts_with(echoed) && echoed.starts_with("бюджет"));
    assert!(json["notice"].is_string(), "the answer says the query was cut");
}

#[test]
fn test_originals_keep_their_bytes_and_name_their_charset() {
    for (id, charset) in [
        ("formats/ru-decision-01-budget-2024.cp1251.html", "windows-1251"),
        ("formats/ru-decision-01-budget-2024.koi8r.txt", "koi8-r"),
        ("ru-decision-01-budget-2024.txt", "utf-8"),
    ] {
        let request =
            format!("GET /original/{id} HTTP/1.1\r\nHost: zan\r\nConnection: close\r\n\r\n");
        let response = http_raw(server().addr, request.as_bytes());
        assert_eq!(response.status, 200, "{id}");
        let content_type = response.header("content-type").unwrap_or_default();
        assert_eq!(content_type, format!("text/plain; charset={charset}"), "{id}");
        let original = std::fs::read(corpus_dir().join(id)).unwrap();
        assert_eq!(response.body, original, "{id}: the bytes as they are on disk");
    }
}

#[test]
fn test_slow_clients_are_cut_off() {
    let server = TestServer::start_with_limits(
        &corpus_index().path,
        Some(corpus_dir()),
        zan_server::Limits { header_timeout: Duration::from_millis(800), max_connections: 64 },
    );
    // More half-sent requests than the server takes connections at once.
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream.write_all(b"GET /api/search?q=x HTTP/1.1\r\nHost: zan\r\n").unwrap();
            stream
        })
        .collect();
    // Each is closed once its time is up; those waiting for a place get the same time
    // once they have one, so 200 / 64 rounds of 0.8 s close them all.
    for stream in &mut slow {
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut answer = Vec::new();
        // Still open after 10 s, the read fails with a time-out.
        stream.read_to_end(&mut answer).expect("the server closed the connection");
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    }
    // And a well-behaved client still gets its answer.
    let (status, _) = server.get("/healthz");
    assert_eq!(status, 200);
}

#[test]
fn test_a_page_past_the_end_says_so_and_links_to_the_last_page() {
    let (_, json) = server().get(&format!("/api/search?q={}&limit=3", encode("бюджет")));
    let total = serde_json::from_str::<Value>(&json).unwrap()["total"].as_u64().unwrap();
    assert!(total > 3);
    let last_page = (total - 1) / 3 + 1;
    let (status, html) =
        server().get(&format!("/search?q={}&limit=3&page=99&ui=kk", encode("бюджет")));
    assert_eq!(status, 200);
    assert!(html.contains("Бұл бетте нәтиже жоқ"), "{html}");
    assert!(html.contains(&format!("page={last_page}&#38;ui=kk")), "{html}");
    let (_, last) =
        server().get(&format!("/search?q={}&limit=3&page={last_page}", encode("бюджет")));
    assert!(last.contains("class=\"hit-title\""), "the last page has hits");
}
