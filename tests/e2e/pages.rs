//! The terminal pages as a resident uses them: messages in the interface language, a
//! way forward from a bad query, paging that says where it is, state kept in links.

use std::sync::OnceLock;

use zan_tests::{corpus_dir, corpus_index, encode, TestServer};

fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| TestServer::start(&corpus_index().path, Some(corpus_dir())))
}

/// The page at `path`, with askama's `&#38;` read as `&`.
fn page(path: &str) -> String {
    let (status, html) = server().get(path);
    assert_eq!(status, 200, "{path}");
    html.replace("&#38;", "&")
}

#[test]
fn test_a_misspelt_query_offers_the_right_spelling_in_each_language() {
    for (ui, label) in [
        ("ru", "Возможно, вы искали:"),
        ("kk", "Мүмкін, сіз іздегеніңіз:"),
        ("ky", "Балким, сиз издегениңиз:"),
    ] {
        let html = page(&format!("/search?q={}&ui={ui}", encode("бюджт")));
        assert!(html.contains(label), "{ui}: {html}");
        assert!(
            html.contains(&format!("q={}", encode("бюджет"))),
            "{ui}: a link to the correction"
        );
        assert!(!html.contains("nothing matched"), "{ui}: no English left");
    }
}

#[test]
fn test_server_messages_are_in_the_interface_language() {
    let html = page("/search?q=%21%21%21&ui=ky");
    assert!(html.contains("Сөздү, тырмакчадагы сөз айкашын"), "{html}");
    let (status, html) = server().get("/search?q=x&from=2024-13-45&ui=kk");
    assert_eq!(status, 400);
    assert!(html.contains("Күні қате көрсетілген"), "{html}");
    let (status, html) = server().get("/documents/no-such-act.txt?ui=ru");
    assert_eq!(status, 404);
    assert!(html.contains("Такого документа нет"), "{html}");
    let html = page(&format!("/search?q={}&ui=kk", encode(",.l;tn")));
    assert!(html.contains("пернетақта"), "the layout fix is said in Kazakh: {html}");
}

#[test]
fn test_paging_says_where_it_is_and_links_keep_the_search() {
    let html = page(&format!("/search?q={}&limit=3&page=2&kind=decision&ui=kk", encode("бюджет")));
    assert!(html.contains("көрсетілген 4–6"), "{html}");
    assert!(html.contains("aria-current=\"page\""), "the current page is marked");
    assert!(html.contains("rel=\"prev\"") && html.contains("rel=\"next\""));
    // A hit, the language switch and the pager keep the query, the filter and the size.
    let hit = &html[html.find("class=\"hit-title\" href=\"").unwrap()..];
    let hit = &hit[..hit.find("\">").unwrap()];
    for part in ["kind=decision", "limit=3", "page=2", "ui=kk"] {
        assert!(hit.contains(part), "{part} in {hit}");
    }
    let switch = &html[html.find("lang=\"ky\"").unwrap().saturating_sub(200)..];
    assert!(switch.contains("page=2") && switch.contains("kind=decision"), "{switch}");
    // The document's way back returns to the same page of results.
    let document = page(&hit["class=\"hit-title\" href=\"".len()..].replace("&amp;", "&"));
    let back = &document[document.find("class=\"back\"><a href=\"").unwrap()..];
    assert!(back.contains("page=2") && back.contains("kind=decision"), "{back}");
}

#[test]
fn test_an_empty_result_offers_ways_out() {
    let html = page(&format!("/search?q={}&kind=order&ui=ru", encode("әңгүдірмеқұс")));
    assert!(html.contains("Ничего не найдено"), "{html}");
    assert!(html.contains("Без казахских и кыргызских букв:"), "{html}");
    assert!(html.contains("Без фильтра"), "{html}");
}

#[test]
fn test_the_issuer_field_offers_the_issuers_and_takes_words() {
    let home = page("/?ui=ru");
    assert!(home.contains("<datalist id=\"issuers\"><option value=\""), "{home}");
    let (_, json) = server().get(&format!("/api/search?issuer={}", encode("мэрия")));
    let total = serde_json::from_str::<serde_json::Value>(&json).unwrap()["total"].as_u64();
    assert!(total.unwrap_or(0) > 0, "a word of the name finds the acts: {json}");
}

#[test]
fn test_the_form_can_keep_a_search_to_its_own_language() {
    let on = page(&format!("/search?q={}&ui=ru", encode("земельный участок")));
    assert!(on.contains("name=\"cross_lang\" value=\"false\">"), "unchecked by default");
    let off = page(&format!("/search?q={}&cross_lang=false&ui=ru", encode("земельный участок")));
    assert!(off.contains("name=\"cross_lang\" value=\"false\" checked>"), "kept checked");
    assert!(off.contains("cross_lang=false&ui=kk"), "the language switch keeps it");
    let total = |html: &str| -> usize {
        let at = html.find("<strong>").map_or(0, |i| i + "<strong>".len());
        html[at..].split('<').next().and_then(|n| n.parse().ok()).unwrap_or(0)
    };
    assert!(
        total(&off) < total(&on),
        "the glossary's acts are left out: {} {}",
        total(&off),
        total(&on)
    );
}

#[test]
fn test_the_status_facet_filters_and_shows_as_a_chip() {
    let html = page(&format!("/search?q={}&ui=ru", encode("бюджет")));
    assert!(html.contains("<h2>Действие акта</h2>"), "{html}");
    // The first link that sets a status is a value of the status facet.
    let at = html.find("status=").expect("a status facet link");
    let start = html[..at].rfind("href=\"").expect("the link's start") + "href=\"".len();
    let href = &html[start..start + html[start..].find('"').unwrap()];
    let filtered = page(href);
    assert!(filtered.contains("class=\"chips\""), "the chosen status shows as a chip");
}

#[test]
fn test_an_unknown_address_keeps_the_interface_language() {
    let (status, html) = server().get("/nowhere?ui=ky");
    assert_eq!(status, 404);
    assert!(html.contains("<html lang=\"ky\""), "{html}");
    assert!(html.contains("Бул даректе эч нерсе жок"), "{html}");
}
