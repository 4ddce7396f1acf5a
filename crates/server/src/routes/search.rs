//! `GET /api/search`: JSON search.

use std::time::Instant;

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use zan_engine::{Facets, Fallback, Hit, SearchResults};

use crate::error::ApiError;
use crate::params::{ApiQuery, SearchParams};
use crate::AppState;

/// The JSON answer of a search.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    /// The query as searched: as received, or its beginning when it was too long.
    pub query: String,
    /// Matching acts in all.
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
    /// The fallback used (`layout` or `typo`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// With the typo fallback: how many acts matched as typed (they come first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact_total: Option<usize>,
}

/// Runs a search on the blocking pool, recording metrics.
pub async fn run_search(
    state: &AppState,
    params: &SearchParams,
) -> Result<(SearchResults, usize, usize), ApiError> {
    let started = Instant::now();
    let outcome = async {
        let request = params.to_request()?;
        state.check_index()?;
        let (limit, offset) = (request.limit, request.offset);
        let engine = state.engine.clone();
        let results = tokio::task::spawn_blocking(move || engine.search(&request))
            .await?
            .map_err(|error| state.engine_error(error))?;
        Ok::<_, ApiError>((results, limit, offset))
    }
    .await;
    state.metrics.record_search(started.elapsed().as_micros() as u64, outcome.is_err());
    outcome
}

/// `GET /api/search?q=&kind=&lang=&issuer=&number=&from=&to=&sort=&page=&limit=&offset=&ui=&cross_lang=`.
#[utoipa::path(
    get,
    path = "/api/search",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of hits, one per act, with facets", body = SearchResponse),
        crate::Refusals,
    )
)]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<SearchResponse>, ApiError> {
    respond(&state, params).await
}

/// `POST /api/search` with a JSON object of the same parameters (`{"q": "...",
/// "limit": 20}`), for queries too long for a URL.
#[utoipa::path(
    post,
    path = "/api/search",
    request_body(
        content = SearchParams,
        description = "The parameters of GET /api/search; numbers may be JSON numbers"
    ),
    responses(
        (status = 200, description = "A page of hits, one per act, with facets", body = SearchResponse),
        (status = 413, description = "The body is too large", body = crate::ErrorBody),
        crate::Refusals,
    )
)]
pub async fn search_post(
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<SearchResponse>, ApiError> {
    respond(&state, params_from_json(&body)?).await
}

/// Reads search parameters from a JSON object; numbers and booleans are accepted as well
/// as strings.
fn params_from_json(body: &[u8]) -> Result<SearchParams, ApiError> {
    let bad = |message: String| ApiError::BadRequest { code: "invalid_body".to_owned(), message };
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|error| bad(format!("the body must be a JSON object: {error}")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(bad("the body must be a JSON object of search parameters".to_owned()));
    };
    let mut strings = serde_json::Map::new();
    for (name, value) in object {
        let text = match value {
            serde_json::Value::String(text) => text,
            serde_json::Value::Number(number) => number.to_string(),
            serde_json::Value::Bool(flag) => flag.to_string(),
            serde_json::Value::Null => continue,
            other => {
                return Err(bad(format!(
                    "{name} must be a string, a number or a boolean, not {other}"
                )))
            }
        };
        strings.insert(name, serde_json::Value::String(text));
    }
    serde_json::from_value(serde_json::Value::Object(strings))
        .map_err(|error| bad(error.to_string()))
}

async fn respond(state: &AppState, params: SearchParams) -> Result<Json<SearchResponse>, ApiError> {
    let (results, limit, offset) = run_search(state, &params).await?;
    let mut query = params.q.unwrap_or_default();
    query.truncate(zan_engine::parse_query(&query).searched_len);
    Ok(Json(SearchResponse {
        query,
        total: results.total,
        limit,
        offset,
        took_ms: results.took_ms,
        hits: results.hits,
        facets: results.facets,
        notice: results.notice,
        corrected_query: results.corrected_query,
        fallback: results.fallback,
        exact_total: results.exact_total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_json_body_takes_numbers_and_rejects_unknown_names() {
        let params =
            params_from_json(r#"{"q": "бюджет", "limit": 5, "lang": null}"#.as_bytes()).unwrap();
        assert_eq!(params.q.as_deref(), Some("бюджет"));
        assert_eq!(params.limit.as_deref(), Some("5"));
        assert!(params.lang.is_none());
        assert!(params_from_json(br#"{"query": "x"}"#).is_err());
        assert!(params_from_json(b"[1, 2]").is_err());
        assert!(params_from_json(b"{not json").is_err());
        assert!(params_from_json(br#"{"q": ["a"]}"#).is_err());
    }
}
