//! `GET /api/documents/{id}` and the original files.
//!
//! An original file is served only for an id that is in the index, from the corpus
//! folder, after checking that the resolved path stays inside it: the request never
//! names a path of its own.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::Ordering;

use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use zan_engine::{ActDocument, Date, StoredDocument};

use crate::error::ApiError;
use crate::params::{ApiQuery, DocumentParams};
use crate::AppState;

/// Fetches a stored document on the blocking pool.
pub async fn fetch_document(state: &AppState, id: String) -> Result<StoredDocument, ApiError> {
    state.metrics.documents.fetch_add(1, Ordering::Relaxed);
    state.check_index()?;
    let engine = state.engine.clone();
    tokio::task::spawn_blocking(move || engine.document(&id))
        .await?
        .map_err(|error| state.engine_error(error))
}

/// Fetches a stored document with its status on a day (`None`: today), relations,
/// language versions and editions, on the blocking pool.
pub async fn fetch_act_document(
    state: &AppState,
    id: String,
    as_of: Option<Date>,
) -> Result<ActDocument, ApiError> {
    state.metrics.documents.fetch_add(1, Ordering::Relaxed);
    state.check_index()?;
    let engine = state.engine.clone();
    tokio::task::spawn_blocking(move || engine.act_document(&id, as_of))
        .await?
        .map_err(|error| state.engine_error(error))
}

/// `GET /api/documents/{id}?as_of=YYYY-MM-DD`: the stored document as JSON, with its
/// status on `as_of` (default today), relations, language versions and editions.
pub async fn document(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    ApiQuery(params): ApiQuery<DocumentParams>,
) -> Result<Json<ActDocument>, ApiError> {
    let as_of = params.as_of()?;
    Ok(Json(fetch_act_document(&state, id, as_of).await?))
}

/// Resolves an indexed id to a file inside the corpus, or `None` if it would leave it.
pub fn resolve_in_corpus(corpus: &Path, id: &str) -> Option<PathBuf> {
    let relative = zan_engine::path_for_id(id)?;
    if !relative.components().all(|component| matches!(component, Component::Normal(_))) {
        return None;
    }
    let root = corpus.canonicalize().ok()?;
    let resolved = root.join(relative).canonicalize().ok()?;
    resolved.starts_with(&root).then_some(resolved)
}

/// The type an original is served as: its bytes untouched, a text file with the charset
/// it was read in (an HTML page is shown as its source, never rendered).
fn content_type(stored: &StoredDocument) -> String {
    let binary = match stored.format.as_str() {
        "pdf" => Some("application/pdf"),
        "docx" => Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "odt" => Some("application/vnd.oasis.opendocument.text"),
        "rtf" => Some("application/rtf"),
        _ => None,
    };
    match (binary, stored.encoding.as_deref()) {
        (Some(binary), _) => binary.to_owned(),
        (None, Some(encoding)) => format!("text/plain; charset={encoding}"),
        (None, None) => "application/octet-stream".to_owned(),
    }
}

/// `GET /original/{id}`: the original file of an indexed document, as a download.
pub async fn original_file(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    let stored = fetch_document(&state, id.clone()).await?;
    let corpus = state
        .corpus
        .clone()
        .ok_or_else(|| ApiError::NotFound("this index has no original files".to_owned()))?;
    let path = resolve_in_corpus(&corpus, &stored.id).ok_or_else(|| {
        ApiError::NotFound(format!("the original of {id:?} is not in the corpus"))
    })?;
    let bytes = tokio::fs::read(&path).await.map_err(|error| {
        ApiError::NotFound(format!("the original of {id:?} cannot be read: {error}"))
    })?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ascii_name: String = file_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, content_type(&stored)),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii_name}\"")),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        Body::from(bytes),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_ids_cannot_leave_the_corpus() {
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("act.txt"), "x").unwrap();
        assert!(resolve_in_corpus(corpus.path(), "act.txt").is_some());
        assert!(resolve_in_corpus(corpus.path(), "../act.txt").is_none());
        assert!(resolve_in_corpus(corpus.path(), "/etc/passwd").is_none());
        assert!(resolve_in_corpus(corpus.path(), "missing.txt").is_none());
    }
}
