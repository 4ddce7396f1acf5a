//! Health, readiness and metrics.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

use crate::AppState;

/// `GET /healthz`: 200 with the number of searchable documents while the index is
/// healthy; 503 naming the damaged files once it is known to be damaged.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.health.problem() {
        None => {
            (StatusCode::OK, Json(json!({ "status": "ok", "documents": state.engine.num_docs() })))
        }
        Some(problem) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({
                "status": "damaged",
                "code": "index_damaged",
                "message": problem.message,
                "damaged": problem.files,
            })),
        ),
    }
}

/// `GET /readyz`: 200 when the index is open and verified, so the server can take
/// searches; 503 with the reason otherwise.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.health.problem() {
        None => (StatusCode::OK, Json(json!({ "ready": true }))),
        Some(problem) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "ready": false, "code": "index_damaged", "message": problem.message })),
        ),
    }
}

/// `GET /metrics`: counters in the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let body = state.metrics.render(state.engine.num_docs());
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body)
}
