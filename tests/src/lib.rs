//! Helpers of the end-to-end tests: where the corpus is, a shared index of it built
//! once per test run, an in-process server on a real socket, and a tiny HTTP client.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use zan_engine::{Engine, ZanIndex};
use zan_indexer::{index_corpus, IndexReport, IndexerConfig, NoProgress};

/// Returns the bundled corpus folder.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// An index of the bundled corpus, built once and shared by the tests that only read.
pub struct CorpusIndex {
    /// Keeps the temporary folder alive.
    pub dir: tempfile::TempDir,
    /// The index folder.
    pub path: PathBuf,
    /// What indexing reported.
    pub report: IndexReport,
}

/// Returns the shared index of the corpus.
pub fn corpus_index() -> &'static CorpusIndex {
    static INDEX: OnceLock<CorpusIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("index");
        let report = index_corpus(&IndexerConfig::new(corpus_dir(), &path), &NoProgress)
            .expect("corpus indexes");
        CorpusIndex { dir, path, report }
    })
}

/// Opens a searcher over an index folder.
pub fn engine(path: &Path) -> Engine {
    Engine::new(ZanIndex::open(path).expect("index opens")).expect("reader opens")
}

/// A server running on 127.0.0.1 with a port chosen by the system, stopped on drop.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// Starts the app over an index (and optional corpus) on its own runtime thread, as
    /// `zan serve` does: verified, and served as damaged if it is.
    pub fn start(index: &Path, corpus: Option<PathBuf>) -> TestServer {
        TestServer::start_with_limits(index, corpus, zan_server::Limits::default())
    }

    /// Starts the app with the given connection limits. Its limit of requests per
    /// address is lifted: a test file's tests share one server from one address, in
    /// parallel, and as searches got faster they came to exceed a reader's 20 a second.
    /// The rate limit is tested on a server of its own (`start_with_state`).
    pub fn start_with_limits(
        index: &Path,
        corpus: Option<PathBuf>,
        limits: zan_server::Limits,
    ) -> TestServer {
        let unlimited = zan_server::RequestLimits {
            per_second: 1_000_000.0,
            burst: 1_000_000,
            ..zan_server::RequestLimits::default()
        };
        TestServer::start_with_state(
            zan_server::AppState::open(index, corpus)
                .expect("index opens")
                .with_request_limits(unlimited),
            limits,
        )
    }

    /// Starts the app over a prepared state (request limits, say).
    pub fn start_with_state(state: zan_server::AppState, limits: zan_server::Limits) -> TestServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind port 0");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let (sender, receiver) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                let shutdown = async {
                    let _ = receiver.await;
                };
                zan_server::serve_with_limits(listener, state, limits, shutdown)
                    .await
                    .expect("server runs");
            });
        });
        TestServer { addr, shutdown: Some(sender), thread: Some(thread) }
    }

    /// Sends `GET path` and returns the status code and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        http_get(self.addr, path)
    }

    /// Sends `POST path` with a JSON body and returns the status code and body.
    pub fn post_json(&self, path: &str, body: &str) -> (u16, String) {
        http_post_json(self.addr, path, body)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(sender) = self.shutdown.take() {
            let _ = sender.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A minimal HTTP/1.1 GET over a real socket: returns status and body.
pub fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    http_request(addr, &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))
}

/// A minimal HTTP/1.1 POST of a JSON body: returns status and body.
pub fn http_post_json(addr: SocketAddr, path: &str, body: &str) -> (u16, String) {
    http_request(
        addr,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn http_request(addr: SocketAddr, request: &str) -> (u16, String) {
    let response = http_raw(addr, request.as_bytes());
    (response.status, String::from_utf8(response.body).expect("a UTF-8 body"))
}

/// An HTTP answer read off the socket.
pub struct RawResponse {
    /// Status code.
    pub status: u16,
    /// The header block, lower-cased.
    pub head: String,
    /// The body, de-chunked, as sent.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// Returns the value of a header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then(|| value.trim())
        })
    }
}

/// Sends raw request bytes and reads the whole answer (the request should ask the
/// server to close the connection).
pub fn http_raw(addr: SocketAddr, request: &[u8]) -> RawResponse {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    // A server may answer and close before reading all of a request it refuses.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("a header block in {:?}", String::from_utf8_lossy(&response)));
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let body = &response[split + 4..];
    let status =
        head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("a status code");
    let body =
        if head.contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_vec() };
    RawResponse { status, head, body }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_line = String::from_utf8_lossy(&rest[..end]);
        let Ok(size) = usize::from_str_radix(size_line.trim(), 16) else { break };
        let after = &rest[end + 2..];
        if size == 0 || after.len() < size {
            break;
        }
        out.extend_from_slice(&after[..size]);
        rest = after[size..].strip_prefix(b"\r\n").unwrap_or(&after[size..]);
    }
    out
}

/// Returns true if a JSON hit is the file `id` or lists it among the act's other files.
pub fn hit_holds(hit: &serde_json::Value, id: &str) -> bool {
    hit["id"] == id
        || hit["versions"].as_array().is_some_and(|versions| versions.iter().any(|v| v["id"] == id))
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(
            |b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            },
        )
        .collect()
}

/// A one-page PDF of `lines` laid out the way word processors write one: the page and
/// its font first, the font's character map (ToUnicode) last. Returns the file and the
/// offset where the character map starts, so a test can cut the file there.
pub fn pdf_with_character_map_last(lines: &[&str]) -> (Vec<u8>, usize) {
    let hex = |text: &str| -> String {
        text.encode_utf16().map(|unit| format!("{unit:04X}")).collect::<String>()
    };
    let mut content = String::from("BT /F1 12 Tf 14 TL 72 760 Td\n");
    for line in lines {
        content.push_str(&format!("<{}> Tj T*\n", hex(line)));
    }
    content.push_str("ET\n");
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <0020> <04FF> <0020> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end\n";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{cmap}endstream", cmap.len()),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in &offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    (pdf, offsets[6])
}
