//! The access log: one `tracing` event per request, target `zan::access`, at `info`
//! (`warn` for a 5xx answer), with the fields `method`, `path`, `params`, `status`,
//! `duration_ms` and `remote`.
//!
//! Queries are the residents' own words, so the query string is not logged: `params`
//! lists the names of its parameters (`q,kind,page`), never their values. The path is
//! logged whole; it holds document ids, not what anyone typed. The CLI writes the
//! events as JSON lines with `ZAN_LOG_FORMAT=json`.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;

/// The middleware: times the request and logs it once answered.
pub async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let params = parameter_names(request.uri().query().unwrap_or(""));
    let remote = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "-".to_owned(), |info| info.0.to_string());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    if response.status().is_server_error() {
        tracing::warn!(target: "zan::access", %method, %path, %params, status, duration_ms, %remote);
    } else {
        tracing::info!(target: "zan::access", %method, %path, %params, status, duration_ms, %remote);
    }
    response
}

/// The distinct names of a query string's parameters, in order, comma-separated.
fn parameter_names(query: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let name = pair.split('=').next().unwrap_or("");
        // A name is the API's own word; anything else is shown as `?`.
        let name = if !name.is_empty()
            && name.len() <= 32
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            name
        } else {
            "?"
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_only_parameter_names_are_kept() {
        assert_eq!(
            parameter_names("q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82&kind=decision"),
            "q,kind"
        );
        assert_eq!(parameter_names("q=a&q=b&page=2"), "q,page");
        assert_eq!(parameter_names(""), "");
        assert_eq!(parameter_names("%D0%B1=1&=2&ui"), "?,ui");
    }
}
