//! zan-server: the axum application — the JSON search API, the library-terminal pages
//! and the original files, over one [`zan_engine::Engine`].
//!
//! [`app`] builds the router; the binary only binds it (see the `zan serve` command).
//! Searching is synchronous tantivy work, so handlers run it under
//! `spawn_blocking`. The server only reads the index; commits made by the indexer become
//! visible without a restart.
#![warn(missing_docs)]

mod access_log;
mod assets;
mod error;
mod harden;
mod i18n;
mod index_health;
mod listen;
mod metrics;
mod openapi;
mod params;
mod readiness;
mod routes;
mod throttle;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use tower_http::timeout::TimeoutLayer;
use zan_engine::{Engine, EngineError, ZanIndex};

pub use error::{ApiError, ErrorBody, Refusals};
pub use i18n::UiLanguage;
pub use index_health::{IndexHealth, IndexProblem};
pub use listen::{serve_app, Limits};
pub use metrics::Metrics;
pub use openapi::{openapi_json, ApiDoc};
pub use params::SearchParams;
pub use readiness::{Readiness, READY_WAIT};
pub use throttle::{RequestLimits, Throttle};

/// How long one request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The searcher.
    pub engine: Arc<Engine>,
    /// The corpus folder, for serving original files; `None` when the index came from JSONL.
    pub corpus: Option<Arc<PathBuf>>,
    /// Request counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Whether the index is verified and healthy, for `/healthz`, `/readyz` and searches.
    pub health: Arc<IndexHealth>,
    /// The rate limit per client and the limit of requests at once.
    pub throttle: Arc<Throttle>,
    /// Whether what the first search needs is built, for `/readyz`.
    pub readiness: Arc<Readiness>,
}

impl AppState {
    /// Builds the state over an engine, verifying its index first (this reads the whole
    /// index once).
    pub fn new(engine: Engine, corpus: Option<PathBuf>) -> AppState {
        let verification = engine.index().verify();
        if verification.is_healthy() {
            tracing::info!(
                files = verification.files,
                bytes = verification.bytes,
                ms = verification.elapsed.as_millis() as u64,
                "index verified"
            );
        }
        let health = IndexHealth::verified(&verification);
        if let Some(problem) = health.problem() {
            tracing::error!(message = %problem.message, "index damaged");
        }
        AppState {
            engine: Arc::new(engine),
            corpus: corpus.map(Arc::new),
            metrics: Arc::new(Metrics::default()),
            health: Arc::new(health),
            throttle: Arc::new(Throttle::new(RequestLimits::default())),
            readiness: Arc::default(),
        }
    }

    /// Opens the index in `dir` and builds the state over it. A damaged index is served
    /// as damaged (health checks and searches answer 503 naming the problem) rather than
    /// refused; a missing index or one of another version of zan is an error.
    pub fn open(dir: &Path, corpus: Option<PathBuf>) -> Result<AppState, EngineError> {
        match ZanIndex::open(dir).and_then(Engine::new) {
            Ok(engine) => Ok(AppState::new(engine, corpus)),
            Err(error) => {
                let Some(problem) = IndexProblem::from_error(&error) else { return Err(error) };
                tracing::error!(message = %problem.message, "index damaged");
                // Nothing of the damaged index can be read: an empty engine stands in,
                // and every search is refused before it reaches it.
                Ok(AppState {
                    engine: Arc::new(Engine::new(ZanIndex::create_in_ram())?),
                    corpus: corpus.map(Arc::new),
                    metrics: Arc::new(Metrics::default()),
                    health: Arc::new(IndexHealth::unavailable(problem)),
                    throttle: Arc::new(Throttle::new(RequestLimits::default())),
                    readiness: Arc::default(),
                })
            }
        }
    }

    /// Returns the error to answer while the index is damaged.
    pub fn check_index(&self) -> Result<(), ApiError> {
        match self.health.problem() {
            Some(problem) => Err(ApiError::IndexDamaged(problem.message)),
            None => Ok(()),
        }
    }

    /// Turns an engine error into the API's, noting damage in the index's health.
    pub fn engine_error(&self, error: EngineError) -> ApiError {
        self.health.note(&error);
        ApiError::from(error)
    }

    /// Sets the request limits (the defaults suit a public terminal).
    pub fn with_request_limits(mut self, limits: RequestLimits) -> AppState {
        self.throttle = Arc::new(Throttle::new(limits));
        self
    }
}

/// Builds the application: routes, then layers.
pub fn app(state: AppState) -> Router {
    let throttle = state.throttle.clone();
    Router::new()
        .route("/", get(routes::pages::home))
        .route("/search", get(routes::pages::search_page))
        .route("/documents/{*id}", get(routes::pages::document_page))
        .route("/original/{*id}", get(routes::documents::original_file))
        .route("/print/{*id}", get(routes::pages::print_page))
        .route("/static/{name}", get(assets::asset))
        .route("/api/search", get(routes::search::search).post(routes::search::search_post))
        .route("/api/documents/{*id}", get(routes::documents::document))
        .route("/api/suggest", get(routes::suggest::suggest))
        .route("/api/openapi.json", get(openapi::openapi))
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/metrics", get(routes::health::metrics))
        .fallback(routes::pages::not_found)
        .layer(axum::middleware::from_fn_with_state(throttle, throttle::throttle))
        .with_state(state)
        // Layers run outside-in: the access log sees every request, including those the
        // limits refuse and the timeout cuts short; the timeout keeps a stuck request
        // from holding shutdown.
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, REQUEST_TIMEOUT))
        .layer(axum::middleware::map_response(harden::harden))
        .layer(axum::middleware::from_fn(access_log::access_log))
}

/// Serves the app on a bound listener, with the default [`Limits`], until `shutdown`
/// completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_limits(listener, state, Limits::default(), shutdown).await
}

/// Serves the app on a bound listener with the given connection limits.
pub async fn serve_with_limits(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // What the first search needs: built while the server already answers `/healthz`.
    state.readiness.start(&state);
    watch_for_rebuild(state.clone());
    // Tens of milliseconds, paid here rather than by the first visitor.
    tokio::task::spawn_blocking(zan_analysis::warm_up).await.map_err(std::io::Error::other)?;
    serve_app(listener, app(state), limits, shutdown).await
}

/// How often a server whose index is damaged looks for a new commit of it.
pub const REBUILD_CHECK_INTERVAL: Duration = Duration::from_secs(2);

/// The time and size of the index's `meta.json`: they change with each commit.
fn commit_stamp(dir: &Path) -> Option<(std::time::SystemTime, u64)> {
    let metadata = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

/// While the index is known to be damaged, verifies it again after each new commit (a
/// rebuild with `zan index`, or an index copied over it) and serves it again once it
/// verifies, without a restart. An index that could not be opened at all needs one: an
/// empty index in memory, with no folder to watch, stands in for it.
fn watch_for_rebuild(state: AppState) {
    let Some(dir) = state.engine.index().path().map(Path::to_owned) else { return };
    tokio::spawn(async move {
        // The commit the damage was found in: only another one can mend it.
        let mut seen = commit_stamp(&dir);
        // A new commit seen at the last look: judged once it has stayed the last one for
        // a whole interval with no indexer running, so that the empty index a rebuild
        // starts from is never taken for the rebuilt one.
        let mut settling = None;
        loop {
            tokio::time::sleep(REBUILD_CHECK_INTERVAL).await;
            let now = commit_stamp(&dir);
            if state.health.problem().is_none() {
                seen = now;
                continue;
            }
            if now == seen {
                continue;
            }
            let engine = state.engine.clone();
            let writing = tokio::task::spawn_blocking(move || engine.writer_running()).await;
            if settling != Some(now) || !matches!(writing, Ok(false)) {
                settling = Some(now);
                continue;
            }
            seen = now;
            let engine = state.engine.clone();
            let mended = tokio::task::spawn_blocking(move || {
                engine.index().verify().is_healthy() && engine.reload().is_ok()
            })
            .await;
            if matches!(mended, Ok(true)) {
                state.health.clear();
            }
        }
    });
}

/// Completes on Ctrl-C or, on unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for ctrl-c");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
