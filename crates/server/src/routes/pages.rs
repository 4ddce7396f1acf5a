//! The library-terminal pages: search form, results, document view, print view.
//!
//! The HTML is in askama templates (`crates/server/templates/`), compiled in and escaped
//! automatically; the stylesheet and script are static files (see [`crate::assets`]).
//! This module only turns a request into the values a template shows. The pages work
//! without JavaScript, in Russian, Kazakh or Kyrgyz (`?ui=` or the browser's language),
//! and every link keeps the search as it is (query, filters, sort, page, language).

use askama::Template;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use zan_engine::{
    escape_html, match_ranges, parse_query, ActDocument, ActRelation, ActStatus, Clause, Fallback,
    HighlightTerms, SearchResults, StoredDocument, Version,
};

use crate::assets::assets;
use crate::error::ApiError;
use crate::i18n::{Texts, UiLanguage};
use crate::params::{ApiQuery, SearchParams};
use crate::routes::documents::fetch_act_document;
use crate::routes::search::run_search;
use crate::AppState;

/// Kinds in the order the filter lists them.
const KINDS: [&str; 6] = ["decree", "resolution", "order", "decision", "clipping", "other"];
/// The letters of Kazakh and Kyrgyz that a Russian keyboard lacks.
const KEYS: [&str; 9] = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"];
/// Page numbers shown on each side of the current one.
const PAGER_SPAN: usize = 2;

/// What every page shows around its content.
struct Chrome {
    t: &'static Texts,
    title: String,
    css: &'static str,
    js: &'static str,
    print_view: bool,
    skip_target: &'static str,
    skip_label: &'static str,
    home: String,
    switch: Vec<UiLink>,
}

/// A link of the interface-language switch.
struct UiLink {
    href: String,
    lang: &'static str,
    label: &'static str,
    current: bool,
}

/// A link with its text.
struct Link {
    href: String,
    label: String,
}

/// A facet value: a link that filters by it, and its count.
struct CountLink {
    href: String,
    label: String,
    count: u64,
    current: bool,
}

/// One facet: its title and values.
struct FacetGroup {
    title: &'static str,
    links: Vec<CountLink>,
}

/// An option of a selector.
struct SelectOption {
    value: String,
    label: String,
    selected: bool,
}

/// The search form, filled in with the search as it is.
struct FormView {
    q: String,
    autofocus: bool,
    keys: [&'static str; 9],
    open: bool,
    kinds: Vec<SelectOption>,
    languages: Vec<SelectOption>,
    sorts: Vec<SelectOption>,
    issuer: String,
    issuers: Vec<String>,
    number: String,
    from: String,
    to: String,
    /// True when the search is kept to the query's own language (`cross_lang=false`).
    own_language_only: bool,
}

/// A status badge: the status code (for the style) and its text.
struct Badge {
    status: &'static str,
    text: String,
}

/// A relation of an act to another act, as the document page lists it.
struct RelationView {
    label: &'static str,
    /// A link to the other act when it is in the index.
    href: Option<String>,
    title: String,
    requisites: String,
    /// Why there is no link: not in the fund, or an ambiguous reference.
    note: Option<&'static str>,
}

/// One edition of an act on the document page.
struct EditionView {
    href: String,
    date: String,
    current: bool,
    /// The edition shown on this page.
    this: bool,
}

/// One result.
struct HitView {
    href: String,
    title: String,
    badge: Option<Badge>,
    requisites: String,
    /// HTML made by the engine: every character of text escaped, matches in `<mark>`.
    snippet: String,
    versions: Vec<Link>,
}

/// One entry of the pager: a link, the current page, or a gap.
struct PageItem {
    href: Option<String>,
    label: String,
    current: bool,
    rel: &'static str,
    aria: String,
}

/// "Found 38 · shown 11–20".
struct Summary {
    total: usize,
    first: usize,
    last: usize,
}

/// A paragraph of an act: a `p`, or a heading for a chapter or an article.
struct ParagraphView {
    tag: &'static str,
    id: String,
    anchor: Option<String>,
    /// The paragraph's text escaped, matches in `<mark>` (see [`marked_paragraphs`]).
    html: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    form: FormView,
    examples: Vec<Link>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    form: FormView,
    heading: &'static str,
    notices: Vec<String>,
    error: Option<String>,
    did_you_mean: Option<Link>,
    active: Vec<Link>,
    summary: Option<Summary>,
    past_the_end: Option<Link>,
    nothing: Option<Vec<Link>>,
    hits: Vec<HitView>,
    pages: Vec<PageItem>,
    facets: Vec<FacetGroup>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    chrome: Chrome,
    back: String,
    title: String,
    badge: Option<Badge>,
    relations: Vec<RelationView>,
    language_versions: Vec<Link>,
    editions: Vec<EditionView>,
    requisites: Vec<(&'static str, String)>,
    ocr: bool,
    marks: usize,
    contents: Vec<Link>,
    paragraphs: Vec<ParagraphView>,
    source: String,
    printed: String,
    print_href: String,
    original: Option<String>,
    versions: Vec<Link>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    form: FormView,
    heading: &'static str,
    message: String,
}

/// Renders a template, or says plainly that it could not.
fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => ApiError::Internal(format!("page template: {error}")).into_response(),
    }
}

/// Percent-encodes a value for a URL query or path segment.
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Encodes a document id for a path: each segment encoded, slashes kept.
fn encode_id(id: &str) -> String {
    id.split('/').map(url_encode).collect::<Vec<_>>().join("/")
}

/// The search as the user left it: every parameter a link must carry on.
#[derive(Clone)]
struct SearchState {
    params: SearchParams,
    ui: &'static str,
}

impl SearchState {
    fn new(params: &SearchParams, ui: UiLanguage) -> SearchState {
        SearchState { params: params.clone(), ui: ui.texts().code }
    }

    /// The parameters in a fixed order, as name and value.
    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        let p = &self.params;
        vec![
            ("q", p.q.clone()),
            ("kind", p.kind.clone()),
            ("lang", p.lang.clone()),
            ("issuer", p.issuer.clone()),
            ("number", p.number.clone()),
            ("from", p.from.clone()),
            ("to", p.to.clone()),
            ("status", p.status.clone()),
            ("as_of", p.as_of.clone()),
            ("cross_lang", p.cross_lang.clone()),
            ("sort", p.sort.clone()),
            ("limit", p.limit.clone()),
            ("page", p.page.clone()),
            ("offset", p.offset.clone()),
            ("ui", Some(self.ui.to_owned())),
        ]
    }

    /// The query string with some parameters replaced (`Some`) or dropped (`None`).
    fn query(&self, changes: &[(&str, Option<&str>)]) -> String {
        let mut parts = Vec::new();
        for (name, value) in self.pairs() {
            let value = match changes.iter().find(|(changed, _)| *changed == name) {
                Some((_, changed)) => changed.map(str::to_owned),
                None => value,
            };
            if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                parts.push(format!("{name}={}", url_encode(&value)));
            }
        }
        parts.join("&")
    }

    /// A results address with changes; any change of what is searched starts at page 1.
    fn search_href(&self, changes: &[(&str, Option<&str>)]) -> String {
        let mut changes = changes.to_vec();
        if !changes.iter().any(|(name, _)| *name == "page") {
            changes.push(("page", None));
            changes.push(("offset", None));
        }
        format!("/search?{}", self.query(&changes))
    }

    /// The same page in another interface language.
    fn with_ui(&self, ui: &'static str) -> SearchState {
        SearchState { params: self.params.clone(), ui }
    }
}

fn chrome(
    ui: UiLanguage,
    title: String,
    switch_href: impl Fn(&'static str) -> String,
    results_page: bool,
) -> Chrome {
    let t = ui.texts();
    let names = assets();
    Chrome {
        t,
        title,
        css: &names.css,
        js: &names.js,
        print_view: false,
        skip_target: if results_page { "results" } else { "content" },
        skip_label: if results_page { t.skip_to_results } else { t.skip_to_content },
        home: format!("/?ui={}", t.code),
        switch: UiLanguage::ALL
            .iter()
            .map(|&language| {
                let code = language.texts().code;
                UiLink {
                    href: switch_href(code),
                    lang: code,
                    label: language.own_name(),
                    current: language == ui,
                }
            })
            .collect(),
    }
}

fn select(
    values: impl IntoIterator<Item = (String, String)>,
    chosen: Option<&str>,
) -> Vec<SelectOption> {
    values
        .into_iter()
        .map(|(value, label)| {
            let selected = chosen.unwrap_or("") == value;
            SelectOption { value, label, selected }
        })
        .collect()
}

fn form_view(t: &Texts, params: &SearchParams, autofocus: bool, issuers: Vec<String>) -> FormView {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let any = (String::new(), t.any.to_owned());
    let kinds = std::iter::once(any.clone())
        .chain(KINDS.iter().map(|code| ((*code).to_owned(), t.kind_name(code).to_owned())));
    let languages = std::iter::once(any)
        .chain(["ru", "kk", "ky"].iter().map(|c| ((*c).to_owned(), t.language_name(c).to_owned())));
    let sorts = [("relevance", t.by_relevance), ("date_desc", t.newest), ("date_asc", t.oldest)]
        .map(|(code, label)| (code.to_owned(), label.to_owned()));
    FormView {
        q: text(&params.q),
        autofocus,
        keys: KEYS,
        open: false,
        kinds: select(kinds, params.kind.as_deref()),
        languages: select(languages, params.lang.as_deref()),
        sorts: select(sorts, params.sort.as_deref().or(Some("relevance"))),
        issuer: text(&params.issuer),
        issuers,
        number: text(&params.number),
        from: text(&params.from),
        to: text(&params.to),
        own_language_only: params
            .cross_lang
            .as_deref()
            .is_some_and(|value| matches!(value.trim(), "false" | "0" | "off" | "no")),
    }
}

/// Shows `2024-03-12` as `12.03.2024`, as the centre's users write dates.
fn display_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{day}.{month}.{year}"),
        _ => iso.to_owned(),
    }
}

fn requisites_line(
    t: &Texts,
    kind: &str,
    number: Option<&str>,
    date: Option<&str>,
    issuer: Option<&str>,
    lang: &str,
) -> String {
    let mut parts = vec![t.kind_name(kind).to_owned()];
    if let Some(number) = number {
        parts.push(format!("№ {number}"));
    }
    if let Some(date) = date {
        parts.push(display_date(date));
    }
    if let Some(issuer) = issuer {
        parts.push(issuer.to_owned());
    }
    parts.push(t.language_name(lang).to_owned());
    parts.join(" · ")
}

/// How a file copy of an act is named in a list: its format, and what tells copies of
/// one format apart: a text file's encoding ("TXT (windows-1251)"), a scan's mark
/// ("PDF (скан)").
fn version_label(version: &Version, t: &Texts) -> String {
    let format = version.format.to_uppercase();
    if version.ocr {
        return format!("{format} ({})", t.scan);
    }
    match &version.encoding {
        Some(encoding) if version.format != "pdf" => format!("{format} ({encoding})"),
        _ => format,
    }
}

fn document_href(id: &str, state: &SearchState) -> String {
    format!("/documents/{}?{}", encode_id(id), state.query(&[]))
}

/// `GET /`: the search form.
pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Response {
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let t = ui.texts();
    let search = SearchState::new(&params, ui);
    let examples = t
        .example_queries
        .iter()
        .map(|query| Link {
            href: search.search_href(&[("q", Some(query))]),
            label: (*query).to_owned(),
        })
        .collect();
    let issuers = issuer_names(&state).await;
    let page = HomePage {
        chrome: chrome(ui, t.home_heading.to_owned(), |code| format!("/?ui={code}"), false),
        form: form_view(t, &params, true, issuers),
        examples,
    };
    render(StatusCode::OK, &page)
}

/// The issuers of the index, most acts first, for the issuer field's list of choices
/// (an empty list when they cannot be read: the field still takes free text).
async fn issuer_names(state: &AppState) -> Vec<String> {
    let engine = state.engine.clone();
    tokio::task::spawn_blocking(move || engine.issuers())
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// A corrected query for one that found little, if the index suggests one.
async fn corrected_query(state: &AppState, text: &str) -> Option<String> {
    let engine = state.engine.clone();
    let text = text.to_owned();
    tokio::task::spawn_blocking(move || engine.did_you_mean(&text)).await.ok()?.ok()?
}

/// The message a page shows for an error, in the interface language.
fn error_message(t: &Texts, error: &ApiError) -> String {
    let code = error.body().code;
    match code.as_str() {
        "invalid_from" | "invalid_to" => t.bad_date.to_owned(),
        "document_not_found" => t.unknown_document.to_owned(),
        "index_damaged" => t.index_damaged.to_owned(),
        other if other.starts_with("invalid_") => t.bad_value.to_owned(),
        _ => t.server_error.to_owned(),
    }
}

/// The notices of a search, in the interface language.
fn notices(t: &Texts, query: &str, results: &SearchResults) -> Vec<String> {
    let mut notices = Vec::new();
    if results.notice.as_deref() == Some(zan_engine::EMPTY_QUERY_NOTICE) {
        notices.push(t.empty_query.to_owned());
    }
    if parse_query(query).truncated {
        notices.push(t.query_cut.to_owned());
    }
    match results.fallback {
        Some(Fallback::Layout) => notices.push(format!(
            "{} «{}».",
            t.layout_fixed,
            results.corrected_query.as_deref().unwrap_or_default()
        )),
        Some(Fallback::Typo) => notices.push(t.typo_fallback.to_owned()),
        None => {}
    }
    notices
}

/// The active filters, each as a link that drops it.
fn active_filters(t: &Texts, search: &SearchState) -> Vec<(&'static str, String, Link)> {
    let p = &search.params;
    let mut active = Vec::new();
    let mut add = |name: &'static str, label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let text = format!("{label}: {value}");
            active.push((
                name,
                value,
                Link { href: search.search_href(&[(name, None)]), label: text },
            ));
        }
    };
    // The form sends `kind=` and `lang=` for "any": no filter, not a kind named "other".
    let code = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
    add("kind", t.kind, code(&p.kind).map(|code| t.kind_name(&code).to_owned()));
    add("lang", t.language, code(&p.lang).map(|code| t.language_name(&code).to_owned()));
    add("issuer", t.issuer, p.issuer.clone());
    add("number", t.number, p.number.clone());
    add("from", t.date_from, p.from.as_deref().map(display_date));
    add("to", t.date_to, p.to.as_deref().map(display_date));
    add("status", t.status_facet, p.status.as_deref().map(|code| t.status_name(code).to_owned()));
    active
}

fn facet_groups(t: &Texts, search: &SearchState, results: &SearchResults) -> Vec<FacetGroup> {
    let group = |title: &'static str,
                 name: &'static str,
                 counts: &[zan_engine::FacetCount],
                 label: &dyn Fn(&str) -> String| {
        let chosen = search.pairs().into_iter().find(|(n, _)| *n == name).and_then(|(_, v)| v);
        FacetGroup {
            title,
            links: counts
                .iter()
                .take(12)
                .map(|count| {
                    let current = chosen.as_deref() == Some(count.value.as_str());
                    // A chosen value links to the search without it.
                    let value = (!current).then_some(count.value.as_str());
                    CountLink {
                        href: search.search_href(&[(name, value)]),
                        label: label(&count.value),
                        count: count.count,
                        current,
                    }
                })
                .collect(),
        }
    };
    [
        group(t.kind, "kind", &results.facets.kind, &|v| t.kind_name(v).to_owned()),
        group(t.language, "lang", &results.facets.lang, &|v| t.language_name(v).to_owned()),
        group(t.issuer, "issuer", &results.facets.issuer, &|v| v.to_owned()),
        group(t.status_facet, "status", &results.facets.status, &|v| t.status_name(v).to_owned()),
    ]
    .into_iter()
    .filter(|group| !group.links.is_empty())
    .collect()
}

/// Previous, numbered and next pages around the current one.
fn pager(
    t: &Texts,
    search: &SearchState,
    total: usize,
    limit: usize,
    offset: usize,
) -> Vec<PageItem> {
    let last_page = total.div_ceil(limit).min(zan_engine::MAX_OFFSET / limit + 1);
    if last_page <= 1 {
        return Vec::new();
    }
    let current = offset / limit + 1;
    let link = |page: usize, label: String, rel: &'static str| {
        let page_text = page.to_string();
        PageItem {
            href: Some(search.search_href(&[("page", Some(&page_text)), ("offset", None)])),
            // "← Назад" and "Дальше →" are named by their own words (a name must hold
            // the visible text); a bare number is named "Страница N".
            aria: if rel.is_empty() { format!("{} {page}", t.page) } else { String::new() },
            label,
            current: false,
            rel,
        }
    };
    let mut items = Vec::new();
    if current > 1 {
        items.push(link(current - 1, t.previous.to_owned(), "prev"));
    }
    let mut previous_shown = 0;
    for page in 1..=last_page {
        let near = page.abs_diff(current) <= PAGER_SPAN;
        if !(page == 1 || page == last_page || near) {
            continue;
        }
        if page > previous_shown + 1 {
            items.push(PageItem {
                href: None,
                label: "…".to_owned(),
                current: false,
                rel: "",
                aria: String::new(),
            });
        }
        if page == current {
            items.push(PageItem {
                href: None,
                label: page.to_string(),
                current: true,
                rel: "",
                // Named by hidden text in the template: aria-label is not for a span.
                aria: String::new(),
            });
        } else {
            items.push(link(page, page.to_string(), ""));
        }
        previous_shown = page;
    }
    if current < last_page {
        items.push(link(current + 1, t.next.to_owned(), "next"));
    }
    items
}

/// `GET /search`: the results page.
pub async fn search_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<ApiQuery<SearchParams>, ApiError>,
) -> Response {
    let mut params = query.as_ref().map(|ApiQuery(p)| p.clone()).unwrap_or_default();
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let t = ui.texts();
    // The interface language breaks ties of a query whose own language is unclear.
    params.ui = Some(t.code.to_owned());
    let search = SearchState::new(&params, ui);
    let text = params.q.clone().unwrap_or_default();
    let outcome = match query {
        Ok(_) => run_search(&state, &params).await,
        Err(error) => Err(error),
    };
    let mut page = SearchPage {
        chrome: chrome(
            ui,
            if text.trim().is_empty() { t.results_heading.to_owned() } else { text.clone() },
            |code| format!("/search?{}", search.with_ui(code).query(&[])),
            true,
        ),
        form: form_view(t, &params, false, Vec::new()),
        heading: t.results_heading,
        notices: Vec::new(),
        error: None,
        did_you_mean: None,
        active: active_filters(t, &search).into_iter().map(|(_, _, link)| link).collect(),
        summary: None,
        past_the_end: None,
        nothing: None,
        hits: Vec::new(),
        pages: Vec::new(),
        facets: Vec::new(),
    };
    let (results, limit, offset) = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            page.error = Some(error_message(t, &error));
            return render_search(error.status(), page);
        }
    };
    page.notices = notices(t, &text, &results);
    page.form.issuers = issuer_names(&state).await;
    let correction = if results.fallback == Some(Fallback::Layout) {
        results.corrected_query.clone()
    } else if results.fallback.is_some() || results.total < zan_engine::FUZZY_FALLBACK_BELOW {
        corrected_query(&state, &text).await
    } else {
        None
    };
    page.did_you_mean = correction.filter(|corrected| corrected != &text).map(|corrected| Link {
        href: search.search_href(&[("q", Some(&corrected))]),
        label: corrected,
    });
    let is_empty_query = results.notice.as_deref() == Some(zan_engine::EMPTY_QUERY_NOTICE);
    if results.total == 0 {
        if !is_empty_query {
            page.nothing = Some(ways_out(t, &search, &text, page.did_you_mean.as_ref()));
        }
        return render_search(StatusCode::OK, page);
    }
    let shown = results.hits.len();
    page.summary = Some(Summary {
        total: results.total,
        first: if shown == 0 { 0 } else { offset + 1 },
        last: offset + shown,
    });
    if shown == 0 {
        let last_page = (results.total - 1) / limit + 1;
        let page_text = last_page.to_string();
        page.past_the_end = Some(Link {
            href: search.search_href(&[("page", Some(&page_text)), ("offset", None)]),
            label: format!("{} ({last_page})", t.last_page),
        });
        return render_search(StatusCode::OK, page);
    }
    page.hits = results
        .hits
        .iter()
        .map(|hit| {
            // The document page marks every match; the reader lands on the paragraph of
            // this snippet.
            let fragment = if hit.snippet.contains("<mark>") {
                format!("#p{}", hit.paragraph)
            } else {
                String::new()
            };
            HitView {
                href: format!("{}{fragment}", document_href(&hit.id, &search)),
                title: hit.title.clone(),
                badge: status_badge(t, hit.status.code(), hit.status_since.as_deref(), None),
                requisites: requisites_line(
                    t,
                    &hit.kind,
                    hit.number.as_deref(),
                    hit.date.as_deref(),
                    hit.issuer.as_deref(),
                    &hit.lang,
                ),
                snippet: hit.snippet.clone(),
                versions: hit
                    .versions
                    .iter()
                    .map(|version| Link {
                        href: document_href(&version.id, &search),
                        label: version_label(version, t),
                    })
                    .collect(),
            }
        })
        .collect();
    page.pages = pager(t, &search, results.total, limit, offset);
    page.facets = facet_groups(t, &search, &results);
    render_search(StatusCode::OK, page)
}

/// Renders a results page; without hits there is no results section, so the skip link
/// leads to the content instead.
fn render_search(status: StatusCode, mut page: SearchPage) -> Response {
    if page.hits.is_empty() {
        page.chrome.skip_target = "content";
        page.chrome.skip_label = page.chrome.t.skip_to_content;
    }
    render(status, &page)
}

/// Ways out of an empty result: the corrected query, the query without Kazakh and
/// Kyrgyz letters, and the search without each active filter.
fn ways_out(t: &Texts, search: &SearchState, text: &str, did_you_mean: Option<&Link>) -> Vec<Link> {
    let mut ways: Vec<Link> = did_you_mean
        .map(|link| Link {
            href: link.href.clone(),
            label: format!("{} {}", t.did_you_mean, link.label),
        })
        .into_iter()
        .collect();
    let folded: String = text
        .split(' ')
        .map(|word| {
            let mut word = word.to_lowercase();
            zan_analysis::normalize::fold_turkic(&mut word);
            word
        })
        .collect::<Vec<_>>()
        .join(" ");
    if folded != text.to_lowercase() {
        ways.push(Link {
            href: search.search_href(&[("q", Some(&folded))]),
            label: format!("{} {folded}", t.without_letters),
        });
    }
    for (_, _, link) in active_filters(t, search) {
        ways.push(Link {
            href: link.href,
            label: format!("{} «{}»", t.without_filter, link.label),
        });
    }
    ways
}

/// A chapter or article heading that opens a paragraph: `Статья 5.`, `Глава 2`,
/// `5-бап.`, `3-тарау`, `12-берене.`, `2-бөлүм`. Returns the anchor and the label for
/// the contents, and whether it is a chapter (above articles).
fn structure_heading(paragraph: &str) -> Option<(String, String, bool)> {
    let line = paragraph.lines().next()?.trim();
    let mut words = line.split_whitespace();
    let first = words.next()?.to_lowercase();
    let (word, number, rest_of_first) = match first.split_once(['-', '‐', '–']) {
        // Kazakh and Kyrgyz put the number first: `5-бап.`
        Some((number, word)) if number.chars().all(|c| c.is_ascii_digit()) => {
            (word.trim_end_matches(['.', ':']).to_owned(), number.to_owned(), word.to_owned())
        }
        _ => {
            let number = words.next()?.to_owned();
            (first.clone(), number.clone(), number)
        }
    };
    let chapter = match word.as_str() {
        "статья" | "бап" | "берене" => false,
        "глава" | "раздел" | "тарау" | "бөлім" | "бөлүм" => true,
        _ => return None,
    };
    let number = number.trim_end_matches(['.', ':']);
    let roman = |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C');
    let numbered = number.chars().next().is_some_and(|c| c.is_ascii_digit() || roman(c))
        && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    // `Статья 5 настоящего решения…` is a sentence: the number of a heading ends it or
    // is followed by a full stop.
    let ends_heading = rest_of_first.ends_with(['.', ':']) || line.split_whitespace().count() <= 2;
    if !numbered || !ends_heading {
        return None;
    }
    let prefix = if chapter { "ch" } else { "st" };
    let label: String = line.chars().take(90).collect();
    Some((format!("{prefix}-{}", number.to_lowercase()), label, chapter))
}

/// The paragraphs of a text, whole and exactly as stored, with every match of the query
/// in a `<mark id="mN">` followed by links to the previous and next match (the last
/// links back to the first); chapter and article headings as headings with anchors.
/// Returns the paragraphs, the contents and the number of marks.
fn marked_paragraphs(
    t: &Texts,
    text: &str,
    terms: &HighlightTerms,
) -> (Vec<ParagraphView>, Vec<Link>, usize) {
    let paragraphs: Vec<(&str, Vec<(usize, usize)>)> =
        text.split("\n\n").map(|paragraph| (paragraph, match_ranges(paragraph, terms))).collect();
    let total: usize = paragraphs.iter().map(|(_, ranges)| ranges.len()).sum();
    let mut views = Vec::with_capacity(paragraphs.len());
    let mut contents = Vec::new();
    let mut anchors = std::collections::HashSet::new();
    let mut number = 0;
    for (index, (paragraph, ranges)) in paragraphs.into_iter().enumerate() {
        let mut html = String::with_capacity(paragraph.len() + ranges.len() * 160);
        let mut position = 0;
        for (from, to) in ranges {
            number += 1;
            let previous = if number == 1 { total } else { number - 1 };
            let (next, next_label, to_first) = if number == total {
                (1, t.back_to_first_match, " to-first")
            } else {
                (number + 1, t.next_match, "")
            };
            html.push_str(&escape_html(&paragraph[position..from]));
            let word = escape_html(&paragraph[from..to]);
            position = to;
            if total == 1 {
                // One match: nowhere to go from it.
                html.push_str(&format!("<mark id=\"m1\">{word}</mark>"));
                continue;
            }
            html.push_str(&format!(
                "<mark id=\"m{number}\">{word}</mark><span class=\"mnav\">\
                 <a class=\"prev-match\" href=\"#m{previous}\" aria-label=\"{previous_label}\" \
                 title=\"{previous_label}\"></a><a class=\"next-match{to_first}\" href=\"#m{next}\" \
                 aria-label=\"{next_label}\" title=\"{next_label}\"></a></span>",
                previous_label = t.previous_match,
            ));
        }
        html.push_str(&escape_html(&paragraph[position..]));
        let heading =
            structure_heading(paragraph).filter(|(anchor, _, _)| anchors.insert(anchor.clone()));
        let (tag, anchor) = match heading {
            Some((anchor, label, chapter)) => {
                contents.push(Link { href: format!("#{anchor}"), label });
                let short = paragraph.chars().count() <= 200;
                let tag = match (short, chapter) {
                    (false, _) => "p",
                    (true, true) => "h2",
                    (true, false) => "h3",
                };
                (tag, Some(anchor))
            }
            None => ("p", None),
        };
        views.push(ParagraphView { tag, id: format!("p{index}"), anchor, html });
    }
    // A contents list helps a long act only.
    if contents.len() < 3 {
        contents.clear();
    }
    (views, contents, total)
}

/// `GET /documents/{id}?q=`: the document with the query's words marked.
pub async fn document_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
    query: Result<ApiQuery<SearchParams>, ApiError>,
) -> Response {
    document_view(state, headers, id, query, false).await
}

/// `GET /print/{id}?q=`: the same, laid out for printing, without JavaScript.
pub async fn print_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    UrlPath(id): UrlPath<String>,
    query: Result<ApiQuery<SearchParams>, ApiError>,
) -> Response {
    document_view(state, headers, id, query, true).await
}

async fn document_view(
    state: AppState,
    headers: HeaderMap,
    id: String,
    query: Result<ApiQuery<SearchParams>, ApiError>,
    print_view: bool,
) -> Response {
    let params = query.map(|ApiQuery(p)| p).unwrap_or_default();
    let ui = UiLanguage::choose(params.ui.as_deref(), &headers);
    let t = ui.texts();
    let search = SearchState::new(&params, ui);
    let route = if print_view { "print" } else { "documents" };
    let path = format!("/{route}/{}", encode_id(&id));
    let switch = |code: &'static str| format!("{path}?{}", search.with_ui(code).query(&[]));
    let as_of = params.as_of.as_deref().and_then(zan_engine::Date::parse_iso);
    let act = match fetch_act_document(&state, id, as_of).await {
        Ok(act) => act,
        Err(error) => {
            let page = MessagePage {
                chrome: chrome(ui, t.not_found.to_owned(), switch, false),
                form: form_view(t, &params, false, Vec::new()),
                heading: t.not_found,
                message: error_message(t, &error),
            };
            return render(error.status(), &page);
        }
    };
    let document = &act.document;
    let mut terms = HighlightTerms::default();
    for clause in parse_query(params.q.as_deref().unwrap_or_default()).clauses {
        if !matches!(clause, Clause::Exclude(_)) {
            terms.add_text(clause.text());
        }
    }
    let (paragraphs, contents, marks) = marked_paragraphs(t, &document.text, &terms);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let document_path = format!("/documents/{}", encode_id(&document.id));
    let mut chrome = chrome(ui, document.title.clone(), switch, false);
    chrome.print_view = print_view;
    let page = DocumentPage {
        back: if print_view {
            format!("{document_path}?{}", search.query(&[]))
        } else {
            search.search_href(&[("page", search.params.page.as_deref())])
        },
        title: document.title.clone(),
        badge: document_badge(t, &act),
        relations: act
            .relations
            .iter()
            .map(|relation| relation_view(t, relation, &search))
            .collect(),
        language_versions: act
            .language_versions
            .iter()
            .map(|version| Link {
                href: document_href(&version.id, &search),
                label: t.language_name(&version.lang).to_owned(),
            })
            .collect(),
        editions: act
            .editions
            .iter()
            .map(|edition| EditionView {
                href: document_href(&edition.id, &search),
                date: display_date(&edition.date),
                current: edition.current,
                this: edition.id == document.id,
            })
            .collect(),
        requisites: requisites_rows(t, document),
        ocr: document.ocr,
        marks,
        contents,
        paragraphs,
        source: format!("http://{host}{document_path}"),
        printed: zan_engine::Date::today().to_dotted(),
        print_href: format!("/print/{}?{}", encode_id(&document.id), search.query(&[])),
        original: (state.corpus.is_some() && document.format != "jsonl")
            .then(|| format!("/original/{}", encode_id(&document.id))),
        versions: act
            .versions
            .iter()
            .map(|version| Link {
                href: document_href(&version.id, &search),
                label: version_label(version, t),
            })
            .collect(),
        chrome,
    };
    render(StatusCode::OK, &page)
}

/// The badge of a status: "Утратил силу с 14.04.2025 — постановление № 31-п". The day is
/// given for the statuses that begin on one (not for "in force"); an act without
/// requisites (a clipping) has no badge.
fn status_badge(
    t: &Texts,
    status: &str,
    since: Option<&str>,
    by: Option<&ActRelation>,
) -> Option<Badge> {
    let code = ActStatus::from_code(status)?;
    if code == ActStatus::Unknown {
        return None;
    }
    let mut text = t.status_name(status).to_owned();
    let dated = !matches!(code, ActStatus::InForce | ActStatus::Amended);
    if let Some(since) = since.filter(|_| dated) {
        text.push(' ');
        text.push_str(&t.since.replace("{date}", &display_date(since)));
    }
    if let Some(by) = by.filter(|_| matches!(code, ActStatus::Repealed | ActStatus::Suspended)) {
        let kind = by.kind.as_deref().map(|kind| t.kind_name(kind).to_lowercase());
        let number = by.number.as_deref().map(|number| format!("№ {number}"));
        let named: Vec<String> = kind.into_iter().chain(number).collect();
        if !named.is_empty() {
            text.push_str(" — ");
            text.push_str(&named.join(" "));
        }
    }
    Some(Badge { status: code.code(), text })
}

fn document_badge(t: &Texts, act: &ActDocument) -> Option<Badge> {
    let by = act
        .status_by
        .as_deref()
        .and_then(|id| act.relations.iter().find(|relation| relation.id.as_deref() == Some(id)));
    status_badge(t, act.status.code(), act.status_since.as_deref(), by)
}

fn relation_view(t: &Texts, relation: &ActRelation, search: &SearchState) -> RelationView {
    let requisites: Vec<String> = [
        relation.kind.as_deref().map(|kind| t.kind_name(kind).to_owned()),
        relation.number.as_deref().map(|number| format!("№ {number}")),
        relation.date.as_deref().map(display_date),
    ]
    .into_iter()
    .flatten()
    .collect();
    RelationView {
        label: t.relation_name(&relation.relation),
        href: relation.id.as_deref().map(|id| document_href(id, search)),
        title: relation.title.clone(),
        // An unresolved reference is described by its requisites already.
        requisites: if relation.resolved { requisites.join(", ") } else { String::new() },
        note: match (relation.resolved, relation.candidates.is_empty()) {
            (true, _) => None,
            (false, true) => Some(t.not_in_corpus),
            (false, false) => Some(t.ambiguous),
        },
    }
}

fn requisites_rows(t: &Texts, document: &StoredDocument) -> Vec<(&'static str, String)> {
    let mut rows = vec![(t.kind, t.kind_name(&document.kind).to_owned())];
    if let Some(number) = &document.number {
        rows.push((t.number, number.clone()));
    }
    if let Some(date) = &document.date {
        rows.push((t.date, display_date(date)));
    }
    if let Some(issuer) = &document.issuer {
        rows.push((t.issuer, issuer.clone()));
    }
    let languages: Vec<&str> = document.langs.iter().map(|code| t.language_name(code)).collect();
    rows.push((t.language, languages.join(", ")));
    rows
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
    // An unknown address still keeps the interface language it asked for.
    let asked = uri.query().and_then(|query| {
        query.split('&').find_map(|pair| pair.strip_prefix("ui=")).map(str::to_owned)
    });
    let ui = UiLanguage::choose(asked.as_deref(), &headers);
    let t = ui.texts();
    let page = MessagePage {
        chrome: chrome(ui, t.not_found.to_owned(), |code| format!("/?ui={code}"), false),
        form: form_view(t, &SearchParams::default(), false, Vec::new()),
        heading: t.not_found,
        message: t.unknown_page.to_owned(),
    };
    render(StatusCode::NOT_FOUND, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_copies_of_one_format_are_told_apart() {
        let version = |format: &str, encoding: Option<&str>, ocr: bool| Version {
            id: "a".to_owned(),
            format: format.to_owned(),
            encoding: encoding.map(str::to_owned),
            ocr,
        };
        let ru = UiLanguage::Ru.texts();
        assert_eq!(version_label(&version("txt", Some("KOI8-R"), false), ru), "TXT (KOI8-R)");
        assert_eq!(version_label(&version("pdf", None, false), ru), "PDF");
        // A scan beside the PDF with a text layer: two PDFs a reader can tell apart.
        assert_eq!(version_label(&version("pdf", None, true), ru), "PDF (скан)");
        let kk = UiLanguage::Kk.texts();
        assert_eq!(version_label(&version("pdf", None, true), kk), "PDF (сканерленген)");
    }

    #[test]
    fn test_any_kind_or_language_is_no_filter() {
        // What the form sends when "any" is chosen.
        let params = SearchParams {
            q: Some("бюджет".to_owned()),
            kind: Some(String::new()),
            lang: Some(String::new()),
            ..SearchParams::default()
        };
        let search = SearchState::new(&params, UiLanguage::Ru);
        assert!(active_filters(UiLanguage::Ru.texts(), &search).is_empty());
        let params = SearchParams { kind: Some("decree".to_owned()), ..params };
        let search = SearchState::new(&params, UiLanguage::Ru);
        let labels: Vec<String> = active_filters(UiLanguage::Ru.texts(), &search)
            .into_iter()
            .map(|f| f.2.label)
            .collect();
        assert_eq!(labels, ["Вид документа: Указ"]);
    }

    #[test]
    fn test_url_encoding() {
        assert_eq!(url_encode("бюджет 2024&x"), "%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82%202024%26x");
        assert_eq!(encode_id("ru/акт 1.txt"), "ru/%D0%B0%D0%BA%D1%82%201.txt");
        assert_eq!(display_date("2024-03-12"), "12.03.2024");
    }

    #[test]
    fn test_headings_of_chapters_and_articles() {
        let heading = |text| structure_heading(text).map(|(anchor, _, chapter)| (anchor, chapter));
        assert_eq!(heading("Статья 5. Право собственности"), Some(("st-5".into(), false)));
        assert_eq!(heading("Статья 12-1."), Some(("st-12-1".into(), false)));
        assert_eq!(heading("5-бап. Меншік құқығы"), Some(("st-5".into(), false)));
        assert_eq!(heading("12-берене. Менчик укугу"), Some(("st-12".into(), false)));
        assert_eq!(heading("ГЛАВА 2. Общие положения"), Some(("ch-2".into(), true)));
        assert_eq!(heading("Раздел II"), Some(("ch-ii".into(), true)));
        assert_eq!(heading("3-тарау. Жалпы ережелер"), Some(("ch-3".into(), true)));
        assert_eq!(heading("Статья 5 настоящего решения утрачивает силу."), None);
        assert_eq!(heading("Статьями закона"), None);
        assert_eq!(heading("1. Утвердить бюджет."), None);
    }

    #[test]
    fn test_every_paragraph_whole_and_marks_linked_both_ways() {
        let t = UiLanguage::Ru.texts();
        let mut terms = HighlightTerms::default();
        terms.add_text("бюджет");
        let text = "1. Утвердить бюджет <города>.\n\nСтатья 2. Бюджет\n\nИное.";
        let (views, _, marks) = marked_paragraphs(t, text, &terms);
        assert_eq!(marks, 2);
        assert_eq!(views.len(), 3);
        assert!(views[0].html.starts_with("1. Утвердить <mark id=\"m1\">бюджет</mark>"));
        assert!(views[0].html.ends_with("&lt;города&gt;."));
        assert!(views[0].html.contains("href=\"#m2\"") && views[0].html.contains("href=\"#m2\""));
        assert_eq!((views[1].tag, views[1].anchor.as_deref()), ("h3", Some("st-2")));
        assert!(views[1].html.contains("class=\"next-match to-first\" href=\"#m1\""));
        assert_eq!(views[2].html, "Иное.");
    }

    #[test]
    fn test_a_single_match_has_no_links_to_itself() {
        let mut terms = HighlightTerms::default();
        terms.add_text("бюджет");
        let (views, _, marks) = marked_paragraphs(UiLanguage::Kk.texts(), "Қала бюджеті.", &terms);
        assert_eq!(marks, 1);
        assert_eq!(views[0].html, "Қала <mark id=\"m1\">бюджеті</mark>.");
    }
}
