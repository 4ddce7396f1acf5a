//! Health, readiness and metrics.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;

use crate::AppState;

/// The answer of `/healthz`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`, or `damaged` when the index is known to be damaged.
    pub status: String,
    /// Documents searchable now (while healthy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<u64>,
    /// `index_damaged` when damaged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What is wrong, naming the files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The damaged files and what is wrong with each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damaged: Option<Vec<zan_engine::DamagedFile>>,
}

/// The answer of `/readyz`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Ready {
    /// True when the index is open and verified and what the first search needs is
    /// built.
    pub ready: bool,
    /// `index_damaged`, or `warming` while what the first search needs is being built.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Why not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `GET /healthz`: 200 with the number of searchable documents while the index is
/// healthy; 503 naming the damaged files once it is known to be damaged.
#[utoipa::path(
    get,
    path = "/healthz",
    responses(
        (status = 200, description = "The server is up and the index healthy", body = Health),
        (status = 503, description = "The index is damaged", body = Health),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    match state.health.problem() {
        None => (
            StatusCode::OK,
            Json(Health {
                status: "ok".to_owned(),
                documents: Some(state.engine.num_docs()),
                code: None,
                message: None,
                damaged: None,
            }),
        ),
        Some(problem) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "damaged".to_owned(),
                documents: None,
                code: Some("index_damaged".to_owned()),
                message: Some(problem.message),
                damaged: Some(problem.files),
            }),
        ),
    }
}

/// `GET /readyz`: 200 when the index is open and verified and what the first search
/// needs (the act registry, the act table, the statuses) is built, so the server can take
/// searches at full speed; 503 with the reason otherwise. While that is being built it
/// waits up to two seconds before it answers 503 `warming`.
#[utoipa::path(
    get,
    path = "/readyz",
    responses(
        (status = 200, description = "Ready to search", body = Ready),
        (status = 503, description = "Not ready: the index is damaged, or still warming", body = Ready),
    )
)]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Ready>) {
    state.readiness.start(&state);
    let warmed = state.readiness.wait(crate::READY_WAIT).await;
    match state.health.problem() {
        None if warmed => (StatusCode::OK, Json(Ready { ready: true, code: None, message: None })),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Ready {
                ready: false,
                code: Some("warming".to_owned()),
                message: Some(format!(
                    "building what the first search needs over {} documents",
                    state.engine.num_docs()
                )),
            }),
        ),
        Some(problem) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Ready {
                ready: false,
                code: Some("index_damaged".to_owned()),
                message: Some(problem.message),
            }),
        ),
    }
}

/// `GET /metrics`: counters in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let body = state.metrics.render(state.engine.num_docs());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body)
}
