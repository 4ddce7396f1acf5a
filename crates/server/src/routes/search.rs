//! `GET /api/search`: JSON search.

use std::time::Instant;

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use zan_engine::{Facets, Hit, SearchResults};

use crate::error::ApiError;
use crate::params::{ApiQuery, SearchParams};
use crate::AppState;

/// The JSON answer of a search.
#[derive(Debug, Serialize)]
pub struct SearchResponse {
    /// The query as received.
    pub query: String,
    /// Matching documents in all.
    pub total: usize,
    /// Page size used.
    pub limit: usize,
    /// Results skipped.
    pub offset: usize,
    /// Milliseconds spent in the engine.
    pub took_ms: f64,
    /// The page of hits.
    pub hits: Vec<Hit>,
    /// Counts by kind, language, issuer.
    pub facets: Facets,
    /// A message for the user, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The query actually run, when corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_query: Option<String>,
}

/// Runs a search on the blocking pool, recording metrics.
pub async fn run_search(
    state: &AppState,
    params: &SearchParams,
) -> Result<(SearchResults, usize, usize), ApiError> {
    let started = Instant::now();
    let outcome = async {
        let request = params.to_request()?;
        let (limit, offset) = (request.limit, request.offset);
        let engine = state.engine.clone();
        let results = tokio::task::spawn_blocking(move || engine.search(&request)).await??;
        Ok::<_, ApiError>((results, limit, offset))
    }
    .await;
    state.metrics.record_search(started.elapsed().as_micros() as u64, outcome.is_err());
    outcome
}

/// `GET /api/search?q=&kind=&lang=&issuer=&number=&from=&to=&sort=&page=&limit=&offset=`.
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<SearchResponse>, ApiError> {
    let (results, limit, offset) = run_search(&state, &params).await?;
    Ok(Json(SearchResponse {
        query: params.q.unwrap_or_default(),
        total: results.total,
        limit,
        offset,
        took_ms: results.took_ms,
        hits: results.hits,
        facets: results.facets,
        notice: results.notice,
        corrected_query: results.corrected_query,
    }))
}
