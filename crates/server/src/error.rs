//! The one error type of the HTTP API: each kind maps to a status and a stable
//! snake_case code; the body is `{"message", "code"}`. Internal errors are logged in
//! full and answered with a generic message.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use zan_engine::EngineError;

/// An error answered to an API client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter is missing, malformed or out of bounds.
    #[error("{message}")]
    BadRequest {
        /// Stable code, e.g. `invalid_limit`.
        code: String,
        /// Human-readable message.
        message: String,
    },
    /// The document does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The index is damaged: nothing is searched until it is rebuilt.
    #[error("{0}")]
    IndexDamaged(String),
    /// Something failed inside; details are in the log.
    #[error("internal error")]
    Internal(String),
}

/// The JSON body of an error.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    /// Human-readable message.
    pub message: String,
    /// Stable code.
    pub code: String,
}

impl ApiError {
    /// Builds a bad-request error for a parameter.
    pub fn invalid(name: &str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { code: format!("invalid_{name}"), message: message.into() }
    }

    /// Returns the HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::IndexDamaged(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Returns the JSON body.
    pub fn body(&self) -> ErrorBody {
        match self {
            ApiError::BadRequest { code, message } => {
                ErrorBody { message: message.clone(), code: code.clone() }
            }
            ApiError::NotFound(message) => {
                ErrorBody { message: message.clone(), code: "document_not_found".to_owned() }
            }
            ApiError::IndexDamaged(message) => {
                ErrorBody { message: message.clone(), code: "index_damaged".to_owned() }
            }
            ApiError::Internal(_) => ErrorBody {
                message: "internal error; the server log has details".to_owned(),
                code: "internal".to_owned(),
            },
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::InvalidParameter { name, reason } => {
                ApiError::invalid(name, format!("{name}: {reason}"))
            }
            EngineError::NotFound { id } => {
                ApiError::NotFound(format!("no document with id {id:?}"))
            }
            EngineError::DamagedIndex { .. } => ApiError::IndexDamaged(
                crate::IndexProblem::from_error(&error).map(|p| p.message).unwrap_or_default(),
            ),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(error: tokio::task::JoinError) -> Self {
        ApiError::Internal(format!("search task failed: {error}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        (self.status(), Json(self.body())).into_response()
    }
}
