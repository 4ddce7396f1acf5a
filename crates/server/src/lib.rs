//! zan-server: the axum application — the JSON search API, the library-terminal pages
//! and the original files, over one [`zan_engine::Engine`].
//!
//! [`app`] builds the router; the binary only binds it (see the `zan serve` command).
//! Searching is synchronous tantivy work, so handlers run it under
//! `spawn_blocking`. The server only reads the index; commits made by the indexer become
//! visible without a restart.
#![warn(missing_docs)]

mod access_log;
mod error;
mod harden;
mod i18n;
mod listen;
mod metrics;
mod openapi;
mod params;
mod routes;
mod throttle;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use tower_http::timeout::TimeoutLayer;
use zan_engine::Engine;

pub use error::{ApiError, ErrorBody, Refusals};
pub use i18n::UiLanguage;
pub use listen::{serve_app, Limits};
pub use metrics::Metrics;
pub use openapi::{openapi_json, ApiDoc};
pub use params::SearchParams;
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
    /// The rate limit per client and the limit of requests at once.
    pub throttle: Arc<Throttle>,
}

impl AppState {
    /// Builds the state over an engine.
    pub fn new(engine: Engine, corpus: Option<PathBuf>) -> AppState {
        AppState {
            engine: Arc::new(engine),
            corpus: corpus.map(Arc::new),
            metrics: Arc::new(Metrics::default()),
            throttle: Arc::new(Throttle::new(RequestLimits::default())),
        }
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
        .route("/static/zan.css", get(routes::pages::stylesheet))
        .route("/static/zan.js", get(routes::pages::script))
        .route("/api/search", get(routes::search::search).post(routes::search::search_post))
        .route("/api/documents/{*id}", get(routes::documents::document))
        .route("/api/suggest", get(routes::suggest::suggest))
        .route("/api/openapi.json", get(openapi::openapi))
        .route("/healthz", get(routes::health::healthz))
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
    // Tens of milliseconds, paid here rather than by the first visitor.
    tokio::task::spawn_blocking(zan_analysis::warm_up).await.map_err(std::io::Error::other)?;
    serve_app(listener, app(state), limits, shutdown).await
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
