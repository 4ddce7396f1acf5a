//! What every response carries: security headers, and errors as the API's JSON.
//!
//! Handlers answer their own errors as `{message, code}`; this also catches the answers
//! made by axum and tower on the way (a body over the limit, a wrong method, a request
//! that timed out), which would otherwise be plain text or empty.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::ErrorBody;

/// Scripts, styles and forms only from this server; never framed; no inline script.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Adds the security headers and turns a bare error answer into the JSON error.
pub async fn harden(response: Response) -> Response {
    let mut response = if needs_json_body(&response) {
        let status = response.status();
        let mut json = (status, Json(error_body(status))).into_response();
        // Keep what the answer said beyond its body (Allow on a 405, say).
        for (name, value) in response.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                json.headers_mut().insert(name.clone(), value.clone());
            }
        }
        json
    } else {
        response
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Queries are in the addresses of result pages: they stay on this server.
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// True for an error answer that is not already JSON or a page.
fn needs_json_body(response: &Response) -> bool {
    if !(response.status().is_client_error() || response.status().is_server_error()) {
        return false;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    !(content_type.starts_with("application/json") || content_type.starts_with("text/html"))
}

fn error_body(status: StatusCode) -> ErrorBody {
    let (code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            ("payload_too_large", "the request body is too large (at most 2 MB)".to_owned())
        }
        StatusCode::URI_TOO_LONG => (
            "uri_too_long",
            "the address is too long; send long queries as POST /api/search".to_owned(),
        ),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", "this address does not take that method".to_owned())
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "send the body as application/json".to_owned())
        }
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            format!("the request took longer than {} s", crate::REQUEST_TIMEOUT.as_secs()),
        ),
        StatusCode::NOT_FOUND => ("not_found", "nothing at this address".to_owned()),
        other => {
            ("http_error", other.canonical_reason().unwrap_or("the request failed").to_lowercase())
        }
    };
    ErrorBody { message, code: code.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn test_plain_errors_become_json_and_pages_stay() {
        let plain = (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
        let hardened = harden(plain).await;
        assert_eq!(hardened.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(hardened.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let json: serde_json::Value = serde_json::from_str(&body_text(hardened).await).unwrap();
        assert_eq!(json["code"], "payload_too_large");

        let page =
            (StatusCode::NOT_FOUND, axum::response::Html("<p>нет</p>".to_owned())).into_response();
        assert_eq!(body_text(harden(page).await).await, "<p>нет</p>");

        let empty = Response::builder().status(503).body(axum::body::Body::empty()).unwrap();
        assert!(body_text(harden(empty).await).await.contains("\"timeout\""));
    }
}
