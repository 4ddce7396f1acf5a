//! The library terminal in a real browser (issue 12, item 13): Debian's `chromium`,
//! driven over WebDriver through `chromedriver`, uses the pages of an in-process server
//! over the corpus as a resident would — searches in each interface language, types a
//! Kazakh word with the on-screen letters, filters, pages, opens an act, switches the
//! interface language — and axe-core, loaded into the pages, checks each kind of page.
//! Screenshots are left in `target/screenshots/` for people to look at.
//!
//! Nothing here skips: without chromium, chromedriver or axe-core the test fails and
//! says to run `tests/setup.sh`, which installs them.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use zan_tests::{corpus_dir, corpus_index, encode, http_get, TestServer};

const SETUP: &str =
    "run `sh tests/setup.sh`, which installs chromium, chromium-driver and axe-core";

/// How long a page may take to show what the test waits for.
const PATIENCE: Duration = Duration::from_secs(30);

/// Desktop and phone window sizes, as the terminal and a resident's phone.
const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (390, 844);

/// Returns the path of a program on PATH, or fails saying how to install it.
fn program(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("`{name}` is not on PATH: {SETUP}"))
}

/// The axe-core script that tests/setup.sh installs from tests/browser/package-lock.json.
fn axe_source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}: {SETUP}", path.display()))
}

/// Where the screenshots go: `target/screenshots/` of the workspace.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots/ can be made");
    dir
}

/// A chromedriver on a free local port, killed on drop (also when the test panics).
struct Driver {
    child: Child,
    port: u16,
    /// A fresh browser profile for this run.
    profile: tempfile::TempDir,
}

impl Driver {
    fn start(chromedriver: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            // chromium's own locale orders the fields of a date input: make it en-US
            // (month, day, year) whatever this machine's locale is.
            .env("LC_ALL", "C.UTF-8")
            .env("LANG", "C.UTF-8")
            .env_remove("LANGUAGE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("cannot start {}: {error}: {SETUP}", chromedriver.display())
            });
        let mut driver =
            Driver { child, port, profile: tempfile::tempdir().expect("a profile folder") };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver stopped at once ({status}): {SETUP}");
            }
            assert!(started.elapsed() < PATIENCE, "chromedriver did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// Opens a session of headless chromium with a fresh profile.
    async fn connect(&self, chromium: &Path) -> Client {
        let profile = format!("--user-data-dir={}", self.profile.path().display());
        let window = format!("--window-size={},{}", DESKTOP.0, DESKTOP.1);
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "script": 30_000, "pageLoad": 30_000, "implicit": 0 },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--lang=en-US", profile, window,
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|error| {
                panic!("chromium does not start under chromedriver: {error}: {SETUP}")
            })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn test_the_terminal_in_a_browser() {
    // What tests/setup.sh installs, looked for before anything slow.
    let (chromium, chromedriver, axe) =
        (program("chromium"), program("chromedriver"), axe_source());
    let server = TestServer::start(&corpus_index().path, Some(corpus_dir()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    runtime.block_on(async {
        let driver = Driver::start(&chromedriver);
        let client = driver.connect(&chromium).await;
        let visit = Visit {
            client: client.clone(),
            addr: server.addr,
            axe,
            violations: Vec::new(),
            frame: Default::default(),
        };
        // The walk runs as its own task so that a failed assertion still ends the browser.
        let outcome = tokio::spawn(visit.walk()).await;
        let _ = client.close().await;
        drop(driver);
        if let Err(error) = outcome {
            match error.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(error) => panic!("the browser walk stopped: {error}"),
            }
        }
    });
    eprintln!("browser test: {:.1} s", started.elapsed().as_secs_f64());
}

/// One resident's visit, page after page, in one browser.
struct Visit {
    client: Client,
    addr: SocketAddr,
    axe: String,
    /// What axe-core found, page by page, reported all together at the end.
    violations: Vec<String>,
    /// How much larger the window is than the page in it.
    frame: std::sync::OnceLock<(u32, u32)>,
}

impl Visit {
    async fn walk(mut self) {
        self.home_and_search_in_each_language().await;
        self.kazakh_letters().await;
        self.filters_pages_and_state().await;
        self.empty_results().await;
        assert!(
            self.violations.is_empty(),
            "axe-core found {} violations:\n{}",
            self.violations.len(),
            self.violations.join("\n")
        );
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    async fn find(&self, css: &str) -> Element {
        match self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(error) => panic!("no `{css}` on {}: {error}", self.here().await),
        }
    }

    async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.expect("find_all")
    }

    async fn here(&self) -> String {
        self.client.current_url().await.map(|url| url.to_string()).unwrap_or_default()
    }

    /// The current address's query parameters.
    async fn params(&self) -> Vec<(String, String)> {
        let url = self.client.current_url().await.expect("current url");
        url.query_pairs().map(|(name, value)| (name.into_owned(), value.into_owned())).collect()
    }

    async fn param(&self, name: &str) -> Option<String> {
        self.params().await.into_iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    /// Clicks and waits until the address has changed and the new page has loaded.
    async fn click_to_leave(&self, element: Element) {
        let before = self.here().await;
        element.click().await.unwrap_or_else(|e| panic!("click on {before}: {e}"));
        let started = Instant::now();
        loop {
            let ready = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .map(|state| state == "complete")
                .unwrap_or(false);
            if ready && self.here().await != before {
                return;
            }
            assert!(started.elapsed() < PATIENCE, "the click left no page: still {before}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn value(&self, css: &str) -> String {
        let element = self.find(css).await;
        element.prop("value").await.expect("value").unwrap_or_default()
    }

    async fn page_lang(&self) -> String {
        let element = self.find("html").await;
        element.attr("lang").await.expect("lang").unwrap_or_default()
    }

    /// Sizes the window so that the page itself (the viewport) is `width` × `height`:
    /// the window is larger by its frame, measured once on the first, desktop-sized
    /// window (a narrow window reports a wider frame: its outer size has a minimum).
    async fn size(&self, (width, height): (u32, u32)) {
        let script = "return [window.innerWidth, window.innerHeight, \
                      window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];";
        let measure = || async {
            let sizes = self.client.execute(script, vec![]).await.expect("viewport");
            serde_json::from_value::<[u32; 4]>(sizes).expect("four numbers")
        };
        let frame = match self.frame.get() {
            Some(frame) => *frame,
            None => {
                let [_, _, frame_width, frame_height] = measure().await;
                *self.frame.get_or_init(|| (frame_width, frame_height))
            }
        };
        self.client.set_window_size(width + frame.0, height + frame.1).await.expect("window size");
        // The page learns of the new size a moment later.
        let started = Instant::now();
        loop {
            let sizes = measure().await;
            if sizes[..2] == [width, height] {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "the viewport cannot be made {width}×{height}: {sizes:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png)
            .expect("screenshot saved");
    }

    /// Runs axe-core over the page and keeps what it finds, of any impact.
    async fn axe(&mut self, page: &str) {
        self.client.execute(&self.axe, vec![]).await.expect("axe-core loads into the page");
        // Every rule axe-core runs by default, WCAG and best practice alike.
        let script = "const done = arguments[arguments.length - 1];\
            axe.run(document).then(r => done({violations: r.violations, \
            review: r.incomplete.map(i => i.id)}), e => done(String(e)));";
        let found = self.client.execute_async(script, vec![]).await.expect("axe.run answers");
        let Some(violations) = found["violations"].as_array() else {
            panic!("axe.run failed on {page}: {found}")
        };
        // What axe-core cannot decide alone is for a person to look at, not a failure.
        if let Some(review) = found["review"].as_array().filter(|review| !review.is_empty()) {
            let review: Vec<&str> = review.iter().filter_map(Value::as_str).collect();
            eprintln!("axe-core, {page}: for a person to check: {}", review.join(", "));
        }
        for violation in violations {
            let nodes: Vec<String> = violation["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|node| {
                    format!(
                        "      {} — {}",
                        node["target"],
                        node["failureSummary"].as_str().unwrap_or_default().replace('\n', " ")
                    )
                })
                .collect();
            self.violations.push(format!(
                "  {page}: {} ({}): {}\n{}",
                violation["id"].as_str().unwrap_or_default(),
                violation["impact"].as_str().unwrap_or_default(),
                violation["help"].as_str().unwrap_or_default(),
                nodes.join("\n")
            ));
        }
    }

    /// Types a query into the search box of the current page and sends it with Enter.
    async fn search_for(&self, query: &str) {
        let box_ = self.find("input[name=q]").await;
        box_.clear().await.expect("clear the box");
        box_.send_keys(query).await.expect("type");
        let before = self.here().await;
        box_.send_keys(&char::from(Key::Enter).to_string()).await.expect("Enter");
        self.wait_left(&before).await;
    }

    async fn wait_left(&self, before: &str) {
        let started = Instant::now();
        while self.here().await == before {
            assert!(started.elapsed() < PATIENCE, "nothing happened on {before}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.find("body").await;
    }

    /// The ids of the documents the hits link to, in order.
    async fn hit_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for link in self.find_all("a.hit-title").await {
            let href = link.attr("href").await.expect("href").unwrap_or_default();
            let path = href.split(['?', '#']).next().unwrap_or_default();
            ids.push(path.trim_start_matches("/documents/").to_owned());
        }
        ids
    }

    /// The filters' state as the form shows it: kind, from, to, and the query.
    async fn form_state(&self) -> [String; 4] {
        [
            self.value("input[name=q]").await,
            self.value("select[name=kind]").await,
            self.value("input[name=from]").await,
            self.value("input[name=to]").await,
        ]
    }

    /// Checks that the address and the form both carry the search `[q, kind, from, to]`,
    /// the interface language and the page.
    async fn assert_state(&self, state: &[&str; 4], ui: &str, page: Option<&str>) {
        let here = self.here().await;
        for (name, want) in ["q", "kind", "from", "to"].iter().zip(state) {
            assert_eq!(self.param(name).await.as_deref(), Some(*want), "{name} in {here}");
        }
        assert_eq!(self.param("ui").await.as_deref(), Some(ui), "ui in {here}");
        assert_eq!(self.param("page").await.as_deref(), page, "page in {here}");
        assert_eq!(self.page_lang().await, ui, "<html lang> of {here}");
        if here.contains("/search?") {
            assert_eq!(self.form_state().await, state.map(str::to_owned), "the form on {here}");
        }
    }

    /// The home page and a search from it in Russian and Kyrgyz (Kazakh: `kazakh_letters`).
    async fn home_and_search_in_each_language(&mut self) {
        for (ui, query, found) in [("ru", "бюджета", "ru-"), ("ky", "кардан тазалоо", "ky-")]
        {
            self.size(DESKTOP).await;
            self.goto(&format!("/?ui={ui}")).await;
            assert_eq!(self.page_lang().await, ui);
            self.screenshot(&format!("home-{ui}")).await;
            self.axe(&format!("home ({ui})")).await;
            if ui == "ru" {
                self.size(PHONE).await;
                self.screenshot("home-ru-phone").await;
                self.size(DESKTOP).await;
            }
            self.search_for(query).await;
            assert!(self.here().await.contains("/search?"), "a search from {ui} home");
            assert_eq!(self.param("q").await.as_deref(), Some(query));
            assert_eq!(self.param("ui").await.as_deref(), Some(ui));
            assert_eq!(self.page_lang().await, ui);
            assert_eq!(self.value("input[name=q]").await, query, "the box keeps the query");
            // The form sends `kind=&lang=` for "any": that is no filter to show or drop.
            assert!(self.find_all(".chips").await.is_empty(), "no filter chips for {query}");
            let ids = self.hit_ids().await;
            assert!(
                ids.iter().any(|id| id.starts_with(found)),
                "{query}: no {found} act in {ids:?}"
            );
            self.screenshot(&format!("results-{ui}")).await;
            self.axe(&format!("results ({ui}, {query})")).await;
            if ui == "ru" {
                self.size(PHONE).await;
                self.screenshot("results-ru-phone").await;
                self.axe("results (ru, phone)").await;
                self.size(DESKTOP).await;
            }
        }
    }

    /// A Kazakh word typed on a keyboard without Kazakh letters: `жндеу`, then the caret
    /// after `ж` and the on-screen `ө`, gives `жөндеу`, which finds Kazakh acts.
    async fn kazakh_letters(&mut self) {
        self.goto("/?ui=kk").await;
        assert_eq!(self.page_lang().await, "kk");
        let keys = self.find(".keys").await;
        assert!(keys.is_displayed().await.expect("displayed"), "the script shows the letters");
        let box_ = self.find("input[name=q]").await;
        box_.send_keys("жндеу").await.expect("type");
        let caret = format!("{}{}", char::from(Key::Home), char::from(Key::Right));
        box_.send_keys(&caret).await.expect("move the caret");
        let letter = self.find(".keys button[data-insert=\"ө\"]").await;
        letter.click().await.expect("click ө");
        assert_eq!(self.value("input[name=q]").await, "жөндеу", "ө goes in at the caret");
        self.screenshot("home-kk-letters").await;
        self.axe("home (kk)").await;
        // The caret stays in the box: Enter sends the search.
        let before = self.here().await;
        box_.send_keys(&char::from(Key::Enter).to_string()).await.expect("Enter");
        self.wait_left(&before).await;
        assert_eq!(self.param("q").await.as_deref(), Some("жөндеу"));
        assert_eq!(self.param("ui").await.as_deref(), Some("kk"));
        let ids = self.hit_ids().await;
        assert!(ids.first().is_some_and(|id| id.starts_with("kk-")), "жөндеу: {ids:?}");
        self.screenshot("results-kk").await;
    }

    /// Kind and date filters, page 2 and back, the interface language switched on a
    /// results page and on a document page: the search is kept throughout.
    async fn filters_pages_and_state(&mut self) {
        self.goto("/?ui=ru").await;
        self.search_for("бюджет").await;
        let panel = self.find("details.filters-panel").await;
        if panel.attr("open").await.expect("open").is_none() {
            self.find("details.filters-panel > summary").await.click().await.expect("open");
        }
        let kind = self.find("select[name=kind]").await;
        kind.select_by_value("clipping").await.expect("kind");
        self.set_date("from", "2023-06-01").await;
        self.set_date("to", "2025-06-30").await;
        let apply = self.find(".filters .apply").await;
        self.click_to_leave(apply).await;
        let state = ["бюджет", "clipping", "2023-06-01", "2025-06-30"];
        self.assert_state(&state, "ru", None).await;
        let api = format!(
            "/api/search?q={}&kind=clipping&from=2023-06-01&to=2025-06-30&limit=50",
            encode("бюджет")
        );
        let (status, body) = http_get(self.addr, &api);
        assert_eq!(status, 200, "{body}");
        let body: Value = serde_json::from_str(&body).expect("JSON");
        let total = body["total"].as_u64().expect("total") as usize;
        assert!(total > 10, "the filtered search needs a second page: {total} hits");
        let page_one = self.hit_ids().await;
        assert_eq!(page_one.len(), 10);
        self.screenshot("results-ru-filtered").await;
        self.axe("results (ru, filtered)").await;

        let next = self.find(".pager a[rel=next]").await;
        self.click_to_leave(next).await;
        self.assert_state(&state, "ru", Some("2")).await;
        let page_two = self.hit_ids().await;
        assert_eq!(page_two.len(), total - 10);
        assert!(page_two.iter().all(|id| !page_one.contains(id)), "{page_two:?}");
        let all: Vec<String> = body["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|hit| hit["id"].as_str().expect("id").to_owned())
            .collect();
        let shown: Vec<String> = page_one.iter().chain(&page_two).cloned().collect();
        assert_eq!(shown.len(), all.len());
        self.screenshot("results-ru-page2").await;
        let pager = self.find(".pager").await;
        let png = pager.screenshot().await.expect("pager screenshot");
        std::fs::write(screenshot_dir().join("results-ru-page2-pager.png"), png).expect("saved");

        // The interface language switched on page 2 keeps the page and the search.
        let kazakh = self.find(".ui-switch a[lang=kk]").await;
        self.click_to_leave(kazakh).await;
        self.assert_state(&state, "kk", Some("2")).await;
        // The interface language breaks ties of an ambiguous query (бюджет), so the
        // Kazakh pages may order the same acts differently: each page is the API's page
        // with ui=kk, and both languages page through the same acts.
        let kk_page_two = self.hit_ids().await;
        assert_eq!(kk_page_two, api_page(self.addr, &api, "kk", 2));
        self.screenshot("results-kk-page2").await;
        self.axe("results (kk, page 2)").await;

        let previous = self.find(".pager a[rel=prev]").await;
        self.click_to_leave(previous).await;
        let page = self.param("page").await;
        assert!(matches!(page.as_deref(), None | Some("1")), "back to page 1: {page:?}");
        self.assert_state(&state, "kk", page.as_deref()).await;
        let kk_page_one = self.hit_ids().await;
        assert_eq!(kk_page_one, api_page(self.addr, &api, "kk", 1));
        let mut kazakh_acts: Vec<&String> = kk_page_one.iter().chain(&kk_page_two).collect();
        let mut russian_acts: Vec<&String> = page_one.iter().chain(&page_two).collect();
        kazakh_acts.sort();
        russian_acts.sort();
        assert_eq!(kazakh_acts, russian_acts, "the same acts in either interface");

        // Back in Russian, to page 2, and the first act there.
        let russian = self.find(".ui-switch a[lang=ru]").await;
        self.click_to_leave(russian).await;
        let next = self.find(".pager a[rel=next]").await;
        self.click_to_leave(next).await;
        self.assert_state(&state, "ru", Some("2")).await;
        let hit = self.find("a.hit-title").await;
        self.click_to_leave(hit).await;
        assert!(self.here().await.contains("/documents/"), "{}", self.here().await);
        self.assert_state(&state, "ru", Some("2")).await;
        self.check_document_text().await;
        // The hit leads to the paragraph of its snippet; the top of the act as well.
        self.screenshot("document-ru-at-match").await;
        self.client.execute("window.scrollTo(0, 0);", vec![]).await.expect("scroll");
        self.screenshot("document-ru").await;
        self.axe("document (ru)").await;

        // The language switched on the document keeps the act, the marks and the search.
        let path = self.client.current_url().await.expect("url").path().to_owned();
        let kazakh = self.find(".ui-switch a[lang=kk]").await;
        self.click_to_leave(kazakh).await;
        assert_eq!(self.client.current_url().await.expect("url").path(), path);
        self.assert_state(&state, "kk", Some("2")).await;
        self.check_document_text().await;
        self.screenshot("document-kk").await;
        self.axe("document (kk)").await;

        // And the way back leads to the same results page, now in Kazakh.
        let back = self.find(".back a").await;
        self.click_to_leave(back).await;
        self.assert_state(&state, "kk", Some("2")).await;
        // The interface language breaks ties of an ambiguous query (бюджет), so the
        // Kazakh pages may order the same acts differently: each page is the API's page
        // with ui=kk, and both languages page through the same acts.
        let kk_page_two = self.hit_ids().await;
        assert_eq!(kk_page_two, api_page(self.addr, &api, "kk", 2));
    }

    /// Types a date into a date input in the browser's order (en-US: month, day, year).
    async fn set_date(&self, name: &str, iso: &str) {
        let input = self.find(&format!("input[name={name}]")).await;
        assert_eq!(input.attr("type").await.expect("type").as_deref(), Some("date"));
        let [year, month, day] = [&iso[..4], &iso[5..7], &iso[8..]];
        input.send_keys(&format!("{month}{day}{year}")).await.expect("type a date");
        assert_eq!(self.value(&format!("input[name={name}]")).await, iso, "the {name} date");
    }

    /// The act's text on the page, paragraph by paragraph, is the stored text: the
    /// marks and the small links between them add nothing.
    async fn check_document_text(&self) {
        let url = self.client.current_url().await.expect("url");
        let id = url.path().trim_start_matches("/documents/").to_owned();
        let (status, body) = http_get(self.addr, &format!("/api/documents/{id}"));
        assert_eq!(status, 200, "{body}");
        let stored: Value = serde_json::from_str(&body).expect("JSON");
        let stored = stored["text"].as_str().expect("text");
        let shown = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll('.act-text > *'), e => e.innerText);",
                vec![],
            )
            .await
            .expect("paragraphs");
        let shown: Vec<String> = serde_json::from_value(shown).expect("strings");
        let stored_paragraphs: Vec<&str> = stored.split("\n\n").collect();
        for (index, (shown, stored)) in shown.iter().zip(&stored_paragraphs).enumerate() {
            assert_eq!(shown, stored, "paragraph {index} of {id}");
        }
        assert_eq!(shown.len(), stored_paragraphs.len(), "paragraphs of {id}");
        assert_eq!(shown.join("\n\n"), stored);
        let marks = self.find_all(".act-text mark").await.len();
        assert!(marks > 0, "the query's words are marked in {id}");
        let links = self.find_all(".act-text .mnav a").await.len();
        // A lone match has nowhere to lead; otherwise each mark links to the previous
        // and the next.
        let expected = if marks == 1 { 0 } else { 2 * marks };
        assert_eq!(links, expected, "the small links after the marks in {id}");
        let arrows = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll('.act-text .mnav'), e => e.innerText).join('');",
                vec![],
            )
            .await
            .expect("arrows");
        assert_eq!(arrows, "", "the small links add no text");
    }

    /// A search that finds nothing: the page offers ways out.
    async fn empty_results(&mut self) {
        self.goto(&format!("/search?q={}&kind=decree&from=2030-01-01&ui=ru", encode("бюджет")))
            .await;
        assert!(self.hit_ids().await.is_empty());
        assert!(!self.find_all("ul.examples a").await.is_empty(), "ways out of an empty result");
        self.screenshot("empty-results-ru").await;
        self.axe("empty results (ru)").await;
        self.size(PHONE).await;
        self.screenshot("empty-results-ru-phone").await;
        self.size(DESKTOP).await;
    }
}

/// The ids of one page of 10 hits of an API search, in an interface language.
fn api_page(addr: std::net::SocketAddr, api: &str, ui: &str, page: usize) -> Vec<String> {
    let base = api.replace("&limit=50", "");
    let (status, body) = http_get(addr, &format!("{base}&limit=10&page={page}&ui={ui}"));
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).expect("JSON");
    body["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|hit| hit["id"].as_str().expect("id").to_owned())
        .collect()
}
