//! The library-terminal pages: search form, results, document view. Plain HTML that
//! works without JavaScript, large type, every document text escaped, interface in
//! Russian, Kazakh or Kyrgyz (`?ui=` or the browser's language).

use std::fmt::Write;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use zan_engine::{escape_html, HighlightTerms, SearchResults, StoredDocument};

use crate::error::ApiError;
use crate::i18n::{Texts, UiLanguage};
use crate::params::{ApiQuery, SearchParams};
use crate::routes::documents::fetch_document;
use crate::routes::search::run_search;
use crate::AppState;

const STYLESHEET: &str = r##"
:root { --ink: #111; --paper: #fffdf8; --accent: #0b4f8a; --muted: #555; --mark: #ffe066; }
* { box-sizing: border-box; }
body { margin: 0; font: 20px/1.55 "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
header { background: var(--accent); color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; justify-content: space-between; }
header a { color: #fff; }
.logo { font-size: 1.6rem; font-weight: bold; text-decoration: none; }
.tagline { font-size: 1rem; }
.ui-switch a { margin-left: .8rem; font-size: 1rem; }
.ui-switch a[aria-current] { font-weight: bold; text-decoration: none; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
form.search { display: flex; gap: .5rem; flex-wrap: wrap; }
form.search input[type=search] { flex: 1 1 20rem; font-size: 1.3rem; padding: .6rem; border: 2px solid #333; border-radius: 6px; }
button, .button { font-size: 1.2rem; padding: .6rem 1.4rem; background: var(--accent); color: #fff; border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; display: inline-block; }
details { margin: .8rem 0; }
summary { cursor: pointer; font-size: 1.05rem; }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .6rem 1rem; margin-top: .6rem; }
.filters label { display: flex; flex-direction: column; font-size: .95rem; }
.filters input, .filters select { font-size: 1.05rem; padding: .35rem; }
.hint { color: var(--muted); font-size: .95rem; }
.summary { margin: 1rem 0 .5rem; font-size: 1.1rem; }
.notice { background: #fff3cd; border-left: 5px solid #f0a500; padding: .5rem .8rem; }
.layout { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 900px) { .layout { grid-template-columns: 15rem 1fr; } }
.facets h2 { font-size: 1rem; margin: .8rem 0 .2rem; }
.facets ul { list-style: none; margin: 0; padding: 0; font-size: .95rem; }
ol.hits { list-style: none; padding: 0; margin: 0; }
ol.hits li { padding: .8rem 0; border-bottom: 1px solid #ddd; }
.hit-title { font-size: 1.2rem; font-weight: bold; }
.requisites { color: var(--muted); font-size: .95rem; }
.versions { font-size: .95rem; margin: .2rem 0 0; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.pager { display: flex; justify-content: space-between; margin: 1rem 0; }
article h1 { font-size: 1.5rem; }
article p { margin: 0 0 .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
mark[id] { scroll-margin-top: 40vh; }
a.next-match { text-decoration: none; font-size: .8em; padding: 0 .15em; }
a.next-match::after { content: "↓"; }
a.next-match[href="#m1"]::after { content: "↑"; }
.match-nav { font-size: 1.05rem; }
table.req { border-collapse: collapse; margin-bottom: 1rem; }
table.req th { text-align: left; padding-right: 1rem; color: var(--muted); font-weight: normal; }
.actions { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
@media print {
  header, form, details, .actions, .pager, .facets, .back, .match-nav, a.next-match { display: none !important; }
  body { font-size: 12pt; background: #fff; }
  mark { background: none; font-weight: bold; }
}
"##;

/// `GET /static/zan.css`.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// The pages' only script, kept out of the pages so that the security policy can forbid
/// inline script: it shows the print button (without JavaScript the browser's own print
/// command prints the same view).
const SCRIPT: &str = r#"document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
"#;

/// `GET /static/zan.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// Percent-encodes a value for a URL query or path segment.
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Encodes a document id for a path: each segment encoded, slashes kept.
fn encode_id(id: &str) -> String {
    id.split('/').map(url_encode).collect::<Vec<_>>().join("/")
}

/// Builds a query string from pairs, skipping empty values.
fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(name, value)| {
            value.filter(|v| !v.is_empty()).map(|v| format!("{name}={}", url_encode(v)))
        })
        .collect();
    parts.join("&")
}

fn params_pairs(params: &SearchParams) -> Vec<(&'static str, Option<&str>)> {
    vec![
        ("q", params.q.as_deref()),
        ("kind", params.kind.as_deref()),
        ("lang", params.lang.as_deref()),
        ("issuer", params.issuer.as_deref()),
        ("number", params.number.as_deref()),
        ("from", params.from.as_deref()),
        ("to", params.to.as_deref()),
        ("sort", params.sort.as_deref()),
        ("limit", params.limit.as_deref()),
    ]
}

fn layout(ui: UiLanguage, title: &str, switch_query: &str, path: &str, body: &str) -> String {
    let texts = ui.texts();
    let mut switcher = String::new();
    for language in UiLanguage::ALL {
        let code = language.texts().code;
        let separator = if switch_query.is_empty() { "" } else { "&" };
        let current = if language == ui { " aria-current=\"page\"" } else { "" };
        let _ = write!(
            switcher,
            "<a href=\"{path}?{switch_query}{separator}ui={code}\" lang=\"{code}\"{current}>{}</a>",
            language.own_name()
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} — Заң</title><link rel=\"stylesheet\" href=\"/static/zan.css\">\
         <script src=\"/static/zan.js\" defer></script></head>\
         <body><header><div><a class=\"logo\" href=\"/?ui={code}\">Заң</a> <span class=\"tagline\">{tagline}</span></div>\
         <nav class=\"ui-switch\">{switcher}</nav></header><main>{body}</main></body></html>",
        code = texts.code,
        title = escape_html(title),
        tagline = texts.tagline,
    )
}

fn option(value: &str, label: &str, selected: Option<&str>) -> String {
    let is_selected = if selected == Some(value) { " selected" } else { "" };
    format!("<option value=\"{}\"{is_selected}>{}</option>", escape_html(value), escape_html(label))
}

fn search_form(texts: &Texts, params: &SearchParams, open_filters: bool) -> String {
    let value = |v: &Option<String>| escape_html(v.as_deref().unwrap_or(""));
    let mut kinds = option("", texts.any, params.kind.as_deref());
    for code in ["decree", "resolution", "order", "decision", "clipping", "other"] {
        kinds.push_str(&option(code, texts.kind_name(code), params.kind.as_deref()));
    }
    let mut languages = option("", texts.any, params.lang.as_deref());
    for code in ["ru", "kk", "ky"] {
        languages.push_str(&option(code, texts.language_name(code), params.lang.as_deref()));
    }
    let sorts = [
        ("relevance", texts.by_relevance),
        ("date_desc", texts.newest),
        ("date_asc", texts.oldest),
    ]
    .iter()
    .map(|(code, label)| option(code, label, params.sort.as_deref()))
    .collect::<String>();
    let open = if open_filters { " open" } else { "" };
    format!(
        "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"hidden\" name=\"ui\" value=\"{ui}\">\
         <input type=\"search\" name=\"q\" value=\"{q}\" placeholder=\"{placeholder}\" aria-label=\"{search}\" autofocus maxlength=\"1000\">\
         <button type=\"submit\">{search}</button>\
         <details{open}><summary>{filters}</summary><div class=\"filters\">\
         <label>{kind}<select name=\"kind\">{kinds}</select></label>\
         <label>{language}<select name=\"lang\">{languages}</select></label>\
         <label>{issuer}<input name=\"issuer\" value=\"{issuer_value}\"></label>\
         <label>{number}<input name=\"number\" value=\"{number_value}\"></label>\
         <label>{date_from}<input type=\"date\" name=\"from\" value=\"{from}\"></label>\
         <label>{date_to}<input type=\"date\" name=\"to\" value=\"{to}\"></label>\
         <label>{sort}<select name=\"sort\">{sorts}</select></label>\
         </div></details></form>",
        ui = texts.code,
        q = value(&params.q),
        placeholder = texts.placeholder,
        search = texts.search,
        filters = texts.filters,
        kind = texts.kind,
        language = texts.language,
        issuer = texts.issuer,
        number = texts.number,
        date_from = texts.date_from,
        date_to = texts.date_to,
        sort = texts.sort,
        issuer_value = value(&params.issuer),
        number_value = value(&params.number),
        from = value(&params.from),
        to = value(&params.to),
    )
}

/// Links to the other files of the same act: "also as: PDF · DOCX".
fn versions_line(texts: &Texts, versions: &[zan_engine::Version], query: &str) -> String {
    if versions.is_empty() {
        return String::new();
    }
    let links: Vec<String> = versions
        .iter()
        .map(|version| {
            format!(
                "<a href=\"/documents/{id}?{query}\">{format}</a>",
                id = escape_html(&encode_id(&version.id)),
                query = escape_html(query),
                format = escape_html(&version.format.to_uppercase()),
            )
        })
        .collect();
    format!("<p class=\"versions\">{} {}</p>", texts.also_as, links.join(" · "))
}

fn requisites_line(
    texts: &Texts,
    kind: &str,
    number: Option<&str>,
    date: Option<&str>,
    issuer: Option<&str>,
    lang: &str,
) -> String {
    let mut parts = vec![escape_html(texts.kind_name(kind))];
    if let Some(number) = number {
        parts.push(format!("№ {}", escape_html(number)));
    }
    if let Some(date) = date {
        parts.push(escape_html(&display_date(date)));
    }
    if let Some(issuer) = issuer {
        parts.push(escape_html(issuer));
    }
    parts.push(escape_html(texts.language_name(lang)));
    parts.join(" · ")
}

/// Shows `2024-03-12` as `12.03.2024`, as the centre's users write dates.
fn display_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{day}.{month}.{year}"),
        _ => iso.to_owned(),
    }
}

/// `GET /`: the search form.
pub async fn home(headers: HeaderMap, ApiQuery(params): ApiQuery<SearchParams>) -> Html<String> {
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let texts = ui.texts();
    let body =
        format!("{}<p class=\"hint\">{}</p>", search_form(texts, &params, false), texts.hint);
    Html(layout(ui, texts.search, "", "/", &body))
}

fn facet_list(
    texts: &Texts,
    title: &str,
    name: &str,
    counts: &[zan_engine::FacetCount],
    params: &SearchParams,
    label: fn(&Texts, &str) -> String,
) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut html = format!("<h2>{}</h2><ul>", escape_html(title));
    for count in counts.iter().take(12) {
        let mut pairs = params_pairs(params);
        for pair in &mut pairs {
            if pair.0 == name {
                pair.1 = Some(count.value.as_str());
            }
        }
        pairs.push(("ui", Some(texts.code)));
        let _ = write!(
            html,
            "<li><a href=\"/search?{}\">{}</a> ({})</li>",
            escape_html(&query_string(&pairs)),
            escape_html(&label(texts, &count.value)),
            count.count
        );
    }
    html.push_str("</ul>");
    html
}

fn results_html(
    texts: &Texts,
    params: &SearchParams,
    results: &SearchResults,
    limit: usize,
    offset: usize,
) -> String {
    let mut html = String::new();
    if let Some(notice) = &results.notice {
        let _ = write!(html, "<p class=\"notice\" role=\"status\">{}</p>", escape_html(notice));
    }
    if results.total == 0 {
        if results.notice.as_deref() != Some(zan_engine::EMPTY_QUERY_NOTICE) {
            let _ = write!(
                html,
                "<p class=\"summary\">{}</p><p>{}</p>",
                texts.nothing, texts.nothing_advice
            );
        }
        return html;
    }
    let _ = write!(
        html,
        "<p class=\"summary\">{}: <strong>{}</strong></p>",
        texts.found, results.total
    );
    let page_link = |page: usize, label: &str| {
        let mut pairs = params_pairs(params);
        let page_text = page.to_string();
        pairs.push(("page", Some(&page_text)));
        pairs.push(("ui", Some(texts.code)));
        format!(
            "<a class=\"button\" href=\"/search?{}\">{label}</a>",
            escape_html(&query_string(&pairs))
        )
    };
    if results.hits.is_empty() {
        // A page number past the end (an old link, a hand-typed address).
        let last_page = (results.total - 1) / limit + 1;
        let _ = write!(
            html,
            "<p class=\"notice\" role=\"status\">{}</p><p>{}</p>",
            texts.past_the_end,
            page_link(last_page, &format!("{} ({last_page})", texts.last_page))
        );
        return html;
    }
    html.push_str("<div class=\"layout\"><aside class=\"facets\">");
    html.push_str(&facet_list(texts, texts.kind, "kind", &results.facets.kind, params, |t, v| {
        t.kind_name(v).to_owned()
    }));
    html.push_str(&facet_list(
        texts,
        texts.language,
        "lang",
        &results.facets.lang,
        params,
        |t, v| t.language_name(v).to_owned(),
    ));
    html.push_str(&facet_list(
        texts,
        texts.issuer,
        "issuer",
        &results.facets.issuer,
        params,
        |_, v| v.to_owned(),
    ));
    html.push_str("</aside><section><ol class=\"hits\">");
    let document_query = query_string(&[("q", params.q.as_deref()), ("ui", Some(texts.code))]);
    for hit in &results.hits {
        let _ = write!(
            html,
            "<li><a class=\"hit-title\" href=\"/documents/{id}?{query}{first_mark}\">{title}</a>\
             <div class=\"requisites\">{requisites}</div><p class=\"snippet\">{snippet}</p>{versions}</li>",
            id = escape_html(&encode_id(&hit.id)),
            query = escape_html(&document_query),
            // The document page marks every match; the reader lands on the first.
            first_mark = if hit.snippet.contains("<mark>") { "#m1" } else { "" },
            title = escape_html(&hit.title),
            requisites = requisites_line(
                texts,
                &hit.kind,
                hit.number.as_deref(),
                hit.date.as_deref(),
                hit.issuer.as_deref(),
                &hit.lang
            ),
            snippet = hit.snippet,
            versions = versions_line(texts, &hit.versions, &document_query),
        );
    }
    html.push_str("</ol><nav class=\"pager\">");
    let current_page = offset / limit + 1;
    html.push_str(&if current_page > 1 {
        page_link(current_page - 1, texts.previous)
    } else {
        "<span></span>".to_owned()
    });
    if offset + limit < results.total {
        html.push_str(&page_link(current_page + 1, texts.next));
    }
    html.push_str("</nav></section></div>");
    html
}

fn error_html(error: &ApiError) -> String {
    format!("<p class=\"notice\" role=\"alert\">{}</p>", escape_html(&error.body().message))
}

/// `GET /search`: the results page.
pub async fn search_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<ApiQuery<SearchParams>, ApiError>,
) -> Response {
    let params = query.as_ref().map(|ApiQuery(p)| p.clone()).unwrap_or_default();
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let texts = ui.texts();
    let has_filters = params.kind.is_some()
        || params.lang.is_some()
        || params.issuer.is_some()
        || params.number.is_some()
        || params.from.is_some()
        || params.to.is_some();
    let mut body = search_form(texts, &params, has_filters);
    let switch_query = query_string(&params_pairs(&params));
    let title = params.q.clone().unwrap_or_else(|| texts.search.to_owned());
    let outcome = match query {
        Ok(_) => run_search(&state, &params).await,
        Err(error) => Err(error),
    };
    let status = match &outcome {
        Ok((results, limit, offset)) => {
            body.push_str(&results_html(texts, &params, results, *limit, *offset));
            StatusCode::OK
        }
        Err(error) => {
            body.push_str(&error_html(error));
            error.status()
        }
    };
    (status, Html(layout(ui, &title, &switch_query, "/search", &body))).into_response()
}

fn document_html(
    texts: &Texts,
    document: &StoredDocument,
    query: Option<&str>,
    has_original: bool,
) -> String {
    let mut terms = HighlightTerms::default();
    if let Some(query) = query {
        for clause in zan_engine::parse_query(query).clauses {
            if !matches!(clause, zan_engine::Clause::Exclude(_)) {
                terms.add_text(clause.text());
            }
        }
    }
    let mut html = String::new();
    let back = query_string(&[("q", query), ("ui", Some(texts.code))]);
    let _ = write!(
        html,
        "<p class=\"back\"><a href=\"/search?{}\">{}</a></p><article>",
        escape_html(&back),
        texts.back
    );
    let _ = write!(html, "<h1>{}</h1><table class=\"req\">", escape_html(&document.title));
    let mut row = |label: &str, value: &str| {
        let _ =
            write!(html, "<tr><th>{}</th><td>{}</td></tr>", escape_html(label), escape_html(value));
    };
    row(texts.kind, texts.kind_name(&document.kind));
    if let Some(number) = &document.number {
        row(texts.number, number);
    }
    if let Some(date) = &document.date {
        row(texts.date, &display_date(date));
    }
    if let Some(issuer) = &document.issuer {
        row(texts.issuer, issuer);
    }
    let languages: Vec<&str> =
        document.langs.iter().map(|code| texts.language_name(code)).collect();
    row(texts.language, &languages.join(", "));
    html.push_str("</table>");
    if document.ocr {
        let _ = write!(html, "<p class=\"notice\">{}</p>", texts.ocr_notice);
    }
    let (text_html, marks) = marked_text(texts, &document.text, &terms);
    if marks > 0 {
        let _ = write!(
            html,
            "<p class=\"match-nav\">{}: <strong>{marks}</strong> · <a href=\"#m1\">{}</a></p>",
            texts.matches, texts.first_match
        );
    }
    html.push_str(&text_html);
    html.push_str("</article><div class=\"actions\">");
    // Shown by /static/zan.js: the page carries no inline script, and without JavaScript
    // the browser's own print command prints the same view.
    let _ = write!(html, "<button type=\"button\" data-print hidden>{}</button>", texts.print);
    if has_original {
        let _ = write!(
            html,
            "<a class=\"button\" href=\"/original/{}\">{}</a>",
            escape_html(&encode_id(&document.id)),
            texts.original
        );
    }
    html.push_str("</div>");
    html
}

/// Renders a document's text as whole paragraphs, exactly as stored (every character
/// escaped, line breaks kept by the stylesheet), each matched word in a `<mark>` with the
/// anchor `#mN` and followed by a link to the next one; the last links back to the
/// first. Returns the HTML and the number of marks.
fn marked_text(texts: &Texts, text: &str, terms: &HighlightTerms) -> (String, usize) {
    let paragraphs: Vec<(&str, Vec<(usize, usize)>)> = text
        .split("\n\n")
        .map(|paragraph| (paragraph, zan_engine::match_ranges(paragraph, terms)))
        .collect();
    let total: usize = paragraphs.iter().map(|(_, ranges)| ranges.len()).sum();
    let mut html = String::with_capacity(text.len() + text.len() / 8);
    let mut number = 0;
    for (paragraph, ranges) in paragraphs {
        html.push_str("<p>");
        let mut position = 0;
        for (from, to) in ranges {
            number += 1;
            let (next, label) = if number == total {
                (1, texts.back_to_first_match)
            } else {
                (number + 1, texts.next_match)
            };
            let _ = write!(
                html,
                "{before}<mark id=\"m{number}\">{word}</mark><a class=\"next-match\" \
                 href=\"#m{next}\" aria-label=\"{label}\" title=\"{label}\"></a>",
                before = escape_html(&paragraph[position..from]),
                word = escape_html(&paragraph[from..to]),
            );
            position = to;
        }
        html.push_str(&escape_html(&paragraph[position..]));
        html.push_str("</p>");
    }
    (html, total)
}

/// `GET /documents/{id}?q=`: the printable document view, query words highlighted.
pub async fn document_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
    query: Result<ApiQuery<SearchParams>, ApiError>,
) -> Response {
    let params = query.map(|ApiQuery(p)| p).unwrap_or_default();
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let texts = ui.texts();
    let switch_query = query_string(&[("q", params.q.as_deref())]);
    let path = format!("/documents/{}", encode_id(&id));
    match fetch_document(&state, id).await {
        Ok(document) => {
            let has_original = state.corpus.is_some() && document.format != "jsonl";
            let body = document_html(texts, &document, params.q.as_deref(), has_original);
            Html(layout(ui, &document.title, &switch_query, &path, &body)).into_response()
        }
        Err(error) => {
            let body = format!("{}{}", search_form(texts, &params, false), error_html(&error));
            (error.status(), Html(layout(ui, texts.not_found, &switch_query, &path, &body)))
                .into_response()
        }
    }
}

/// Any other path: 404, as JSON under `/api/`, as a page elsewhere.
pub async fn not_found(uri: axum::http::Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        let body = crate::ErrorBody {
            message: format!("no endpoint {}", uri.path()),
            code: "unknown_endpoint".to_owned(),
        };
        return (StatusCode::NOT_FOUND, axum::Json(body)).into_response();
    }
    let ui = UiLanguage::choose(None, &headers);
    let texts = ui.texts();
    let body = format!(
        "<p class=\"notice\">{}</p>{}",
        texts.not_found,
        search_form(texts, &SearchParams::default(), false)
    );
    (StatusCode::NOT_FOUND, Html(layout(ui, texts.not_found, "", "/", &body))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_url_encoding() {
        assert_eq!(url_encode("бюджет 2024&x"), "%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82%202024%26x");
        assert_eq!(encode_id("ru/акт 1.txt"), "ru/%D0%B0%D0%BA%D1%82%201.txt");
        assert_eq!(display_date("2024-03-12"), "12.03.2024");
    }
}
