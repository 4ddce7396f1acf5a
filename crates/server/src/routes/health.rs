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
    /// True when the index is open and verified.
    pub ready: bool,
    /// `index_damaged` when not ready.
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

/// `GET /readyz`: 200 when the index is open and verified, so the server can take
/// searches; 503 with the reason otherwise.
#[utoipa::path(
    get,
    path = "/readyz",
    responses(
        (status = 200, description = "Ready to search", body = Ready),
        (status = 503, description = "Not ready: the index is damaged", body = Ready),
    )
)]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Ready>) {
    match state.health.problem() {
        None => (StatusCode::OK, Json(Ready { ready: true, code: None, message: None })),
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
