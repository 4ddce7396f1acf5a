//! Limits fit for a public terminal: a request rate per client address and a number of
//! requests worked on at once.
//!
//! - Each remote address has a token bucket: [`RequestLimits::per_second`] tokens a
//!   second, up to [`RequestLimits::burst`]. A request without a token is answered
//!   429 `rate_limited` with `Retry-After` (seconds until the next token).
//! - At most [`RequestLimits::max_concurrent`] requests are worked on at once; one more
//!   is answered 503 `busy` with `Retry-After: 1` rather than queued, so a flood cannot
//!   pile up searches behind the ones running.
//!
//! The address is the one the server's own listener saw (`ConnectInfo`): behind a
//! reverse proxy every client shares the proxy's address and bucket. The health check,
//! the metrics and the static files are not limited. A request without `ConnectInfo`
//! (the router called in-process) has no bucket and counts only toward the concurrency
//! limit.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tokio::sync::Semaphore;

use crate::ErrorBody;

/// Addresses tracked before idle ones (full buckets) are forgotten.
const MAX_TRACKED_CLIENTS: usize = 4096;

/// The limits of requests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RequestLimits {
    /// Requests a second one client address may make, on average.
    pub per_second: f64,
    /// Requests one client address may make at once after a pause.
    pub burst: u32,
    /// Requests worked on at once, over all clients.
    pub max_concurrent: usize,
}

impl Default for RequestLimits {
    /// 20 requests a second, bursts of 40, per address; 64 at once. A page view is one
    /// request (two more for the stylesheet and script, which are not limited).
    fn default() -> Self {
        RequestLimits { per_second: 20.0, burst: 40, max_concurrent: 64 }
    }
}

/// One client's bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// The limiter state shared by all requests of one app.
#[derive(Debug)]
pub struct Throttle {
    limits: RequestLimits,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
    running: Arc<Semaphore>,
}

impl Throttle {
    /// Builds a limiter with the given limits.
    pub fn new(limits: RequestLimits) -> Throttle {
        Throttle {
            limits,
            buckets: Mutex::new(HashMap::new()),
            running: Arc::new(Semaphore::new(limits.max_concurrent.max(1))),
        }
    }

    /// Returns the limits.
    pub fn limits(&self) -> RequestLimits {
        self.limits
    }

    /// Takes a token of `client` at `now`; `Err` holds the wait until the next token.
    fn take_token(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let RequestLimits { per_second, burst, .. } = self.limits;
        let burst = f64::from(burst.max(1));
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, bucket| refilled(*bucket, now, per_second, burst) < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket { tokens: burst, updated: now });
        let tokens = refilled(*bucket, now, per_second, burst);
        if tokens >= 1.0 {
            *bucket = Bucket { tokens: tokens - 1.0, updated: now };
            return Ok(());
        }
        *bucket = Bucket { tokens, updated: now };
        let wait = if per_second > 0.0 { (1.0 - tokens) / per_second } else { 60.0 };
        Err(Duration::from_secs_f64(wait.clamp(0.0, 3600.0)))
    }
}

/// The tokens of a bucket at `now`.
fn refilled(bucket: Bucket, now: Instant, per_second: f64, burst: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * per_second.max(0.0)).min(burst)
}

/// True for the paths that are never limited.
fn exempt(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics") || path.starts_with("/static/")
}

/// A refusal as the API's JSON error with `Retry-After`.
fn refusal(status: StatusCode, code: &str, message: String, retry_after: Duration) -> Response {
    let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    let mut response = (status, Json(ErrorBody { message, code: code.to_owned() })).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    response
}

/// The middleware: refuses a request over its client's rate or over the number of
/// requests at once, else runs it.
pub async fn throttle(
    State(throttle): State<Arc<Throttle>>,
    request: Request,
    next: Next,
) -> Response {
    if exempt(request.uri().path()) {
        return next.run(request).await;
    }
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if let Some(client) = client {
        if let Err(wait) = throttle.take_token(client, Instant::now()) {
            let limits = throttle.limits();
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!(
                    "too many requests from this address (at most {} a second, {} at once); \
                     try again shortly",
                    limits.per_second, limits.burst
                ),
                wait,
            );
        }
    }
    let Ok(_permit) = throttle.running.clone().try_acquire_owned() else {
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            format!(
                "the server is answering {} requests already; try again in a moment",
                throttle.limits().max_concurrent
            ),
            Duration::from_secs(1),
        );
    };
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_bucket_allows_a_burst_then_the_rate() {
        let throttle =
            Throttle::new(RequestLimits { per_second: 2.0, burst: 3, max_concurrent: 1 });
        let client: IpAddr = [192, 0, 2, 7].into();
        let other: IpAddr = [192, 0, 2, 8].into();
        let start = Instant::now();
        for _ in 0..3 {
            assert!(throttle.take_token(client, start).is_ok());
        }
        let wait = throttle.take_token(client, start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        // Another address has its own bucket.
        assert!(throttle.take_token(other, start).is_ok());
        // Half a second later one token is back, and only one.
        let later = start + Duration::from_millis(500);
        assert!(throttle.take_token(client, later).is_ok());
        assert!(throttle.take_token(client, later).is_err());
        // A long pause refills up to the burst, no more.
        let much_later = start + Duration::from_secs(60);
        for _ in 0..3 {
            assert!(throttle.take_token(client, much_later).is_ok());
        }
        assert!(throttle.take_token(client, much_later).is_err());
    }

    /// A router with one trivial route behind the throttle.
    fn limited(throttle: &Arc<Throttle>) -> axum::Router {
        axum::Router::new()
            .route("/api/x", axum::routing::get(|| async { "ok" }))
            .route("/healthz", axum::routing::get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(throttle.clone(), super::throttle))
    }

    async fn status_and_retry(router: &axum::Router, path: &str) -> (u16, Option<String>) {
        use tower::ServiceExt;
        let mut request = Request::builder().uri(path).body(axum::body::Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 1], 5000))));
        let response = router.clone().oneshot(request).await.unwrap();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .map(|value| value.to_str().unwrap_or_default().to_owned());
        (response.status().as_u16(), retry)
    }

    #[tokio::test]
    async fn test_refusals_carry_retry_after() {
        let throttle = Arc::new(Throttle::new(RequestLimits {
            per_second: 0.25,
            burst: 1,
            max_concurrent: 2,
        }));
        let router = limited(&throttle);
        assert_eq!(status_and_retry(&router, "/api/x").await, (200, None));
        // The next token is four seconds away.
        assert_eq!(status_and_retry(&router, "/api/x").await, (429, Some("4".to_owned())));
        assert_eq!(status_and_retry(&router, "/healthz").await, (200, None));

        let throttle = Arc::new(Throttle::new(RequestLimits::default()));
        let router = limited(&throttle);
        let all = u32::try_from(RequestLimits::default().max_concurrent).unwrap();
        let held = throttle.running.clone().try_acquire_many_owned(all).unwrap();
        assert_eq!(status_and_retry(&router, "/api/x").await, (503, Some("1".to_owned())));
        drop(held);
        assert_eq!(status_and_retry(&router, "/api/x").await, (200, None));
    }

    #[test]
    fn test_idle_clients_are_forgotten() {
        let throttle =
            Throttle::new(RequestLimits { per_second: 100.0, burst: 1, max_concurrent: 1 });
        let start = Instant::now();
        for n in 0..MAX_TRACKED_CLIENTS as u32 {
            let client = IpAddr::from(n.to_be_bytes());
            assert!(throttle.take_token(client, start).is_ok());
        }
        let later = start + Duration::from_secs(1);
        assert!(throttle.take_token([10, 0, 0, 1].into(), later).is_ok());
        assert_eq!(throttle.buckets.lock().unwrap().len(), 1);
    }
}
