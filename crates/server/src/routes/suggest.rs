//! `GET /api/suggest?q=&limit=`: completions for the search box.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use zan_engine::Suggestion;

use crate::error::ApiError;
use crate::params::{parse_count, present, ApiQuery};
use crate::AppState;

/// Completions given when `limit` is not.
pub const DEFAULT_SUGGESTIONS: usize = 8;
/// Most completions one request may ask for.
pub const MAX_SUGGESTIONS: usize = 20;
/// Longest text completed, in characters; a longer one gets no completions (nobody
/// types that much into a search box waiting for them).
pub const MAX_SUGGEST_CHARS: usize = 200;

/// Parameters of `/api/suggest`.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SuggestParams {
    /// What is typed in the search box so far.
    pub q: Option<String>,
    /// Most completions wanted, from 1 to 20 (8 when not given).
    pub limit: Option<String>,
}

/// The JSON answer of `/api/suggest`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestResponse {
    /// The text completed, as received.
    pub query: String,
    /// Completions: act numbers, titles, then the text with its last word completed.
    pub suggestions: Vec<Suggestion>,
}

/// `GET /api/suggest?q=&limit=`.
#[utoipa::path(
    get,
    path = "/api/suggest",
    params(SuggestParams),
    responses(
        (status = 200, description = "Completions", body = SuggestResponse),
        crate::Refusals,
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SuggestParams>,
) -> Result<Json<SuggestResponse>, ApiError> {
    let limit = present(&params.limit)
        .map_or(Ok(DEFAULT_SUGGESTIONS), |v| parse_count("limit", v, 1, MAX_SUGGESTIONS))?;
    let query = params.q.unwrap_or_default();
    if query.chars().count() > MAX_SUGGEST_CHARS {
        return Ok(Json(SuggestResponse { query, suggestions: Vec::new() }));
    }
    let engine = state.engine.clone();
    let prefix = query.clone();
    let suggestions = tokio::task::spawn_blocking(move || engine.suggest(&prefix, limit)).await??;
    Ok(Json(SuggestResponse { query, suggestions }))
}
