//! The HTTP listener: axum's router served by hyper with the limits a public terminal
//! needs, which `axum::serve` does not set.
//!
//! - A client must send a request's headers within [`Limits::header_timeout`]; the same
//!   timer closes a kept-alive connection that sends nothing more.
//! - At most [`Limits::max_connections`] connections are open at once; more wait in the
//!   listen queue, so slow clients cannot use up the process.
//! - A first request whose line or headers are too long for hyper (which would answer
//!   414 or 431 with an empty body) is answered here with the API's JSON error.
//! - On shutdown the listener closes, requests in flight finish, then the call returns.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::ErrorBody;

/// Longest request line taken (hyper refuses a URI of 64 KiB or more).
const MAX_REQUEST_LINE: usize = 65_000;
/// Longest request head (line and headers) taken.
const MAX_REQUEST_HEAD: usize = 256 * 1024;

/// Connection limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time a client has to send a request's headers, and to start the next request on
    /// a kept-alive connection.
    pub header_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { header_timeout: Duration::from_secs(10), max_connections: 512 }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then waits for the requests in
/// flight.
pub async fn serve_app(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.map_err(io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a little, go on.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _permit = permit;
            let Some(io) = read_first_head(stream, limits.header_timeout).await else {
                return;
            };
            let service = app.map_request(move |request: Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(remote));
                request
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
            let connection =
                builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
            if let Err(error) = watcher.watch(connection).await {
                tracing::debug!(%error, %remote, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// The connection's stream with the bytes already read put back in front.
type Rewound = tokio::io::Join<
    tokio::io::Chain<io::Cursor<Vec<u8>>, tokio::net::tcp::OwnedReadHalf>,
    tokio::net::tcp::OwnedWriteHalf,
>;

/// What came of reading the first request's head.
enum FirstHead {
    /// The whole head, or the connection closed: hyper takes it from here.
    Read,
    /// Too long: answer with this status.
    TooLong(u16),
    /// The connection failed.
    Broken,
}

/// Reads the head of the first request, answering it here when it is too long for
/// hyper; `None` when the connection is done with.
async fn read_first_head(stream: TcpStream, timeout: Duration) -> Option<Rewound> {
    let (mut reader, mut writer) = stream.into_split();
    let mut head = Vec::with_capacity(1024);
    let outcome = tokio::time::timeout(timeout, async {
        let mut chunk = [0u8; 8192];
        loop {
            let line_ended = head.contains(&b'\n');
            if !line_ended && head.len() > MAX_REQUEST_LINE {
                return FirstHead::TooLong(414);
            }
            if line_ended && head.windows(4).any(|w| w == b"\r\n\r\n") {
                return FirstHead::Read;
            }
            if head.len() > MAX_REQUEST_HEAD {
                return FirstHead::TooLong(431);
            }
            match reader.read(&mut chunk).await {
                // Closed early: hyper sees what came and answers or drops it.
                Ok(0) => return FirstHead::Read,
                Ok(read) => head.extend_from_slice(&chunk[..read]),
                Err(_) => return FirstHead::Broken,
            }
        }
    })
    .await;
    match outcome {
        Ok(FirstHead::Read) => Some(tokio::io::join(io::Cursor::new(head).chain(reader), writer)),
        Ok(FirstHead::TooLong(status)) => {
            let _ = writer.write_all(&too_long_response(status)).await;
            let _ = writer.shutdown().await;
            None
        }
        // Broken, or no whole head within the time allowed: close.
        Ok(FirstHead::Broken) | Err(_) => None,
    }
}

/// A complete HTTP response for a request line (414) or head (431) too long to read.
fn too_long_response(status: u16) -> Vec<u8> {
    let (reason, body) = if status == 414 {
        (
            "URI Too Long",
            ErrorBody {
                message: format!(
                    "the address is longer than {MAX_REQUEST_LINE} bytes; send long queries \
                     as POST /api/search with a JSON body"
                ),
                code: "uri_too_long".to_owned(),
            },
        )
    } else {
        (
            "Request Header Fields Too Large",
            ErrorBody {
                message: format!("the request headers are longer than {MAX_REQUEST_HEAD} bytes"),
                code: "headers_too_large".to_owned(),
            },
        )
    };
    let body = serde_json::to_string(&body).unwrap_or_default();
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\nx-content-type-options: nosniff\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn test_a_request_in_flight_completes_after_shutdown() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route("/echo", axum::routing::post(|body: String| async { body }));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_app(listener, app, Limits::default(), async {
            let _ = stopped.await;
        }));
        // The handler is running, waiting for the rest of the body, when shutdown comes.
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"POST /echo HTTP/1.1\r\nHost: zan\r\nContent-Length: 10\r\n\r\nhello")
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        stop.send(()).unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(TcpStream::connect(addr).await.is_err(), "the listener is closed");
        assert!(!server.is_finished(), "shutdown waits for the request in flight");
        stream.write_all(b"world").await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.ends_with("helloworld"), "{response}");
        let finished = tokio::time::timeout(Duration::from_secs(5), server).await;
        assert!(matches!(finished, Ok(Ok(Ok(())))), "the server stops once it is answered");
    }

    #[test]
    fn test_too_long_answers_are_whole_json_responses() {
        let response = String::from_utf8(too_long_response(414)).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 "));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["code"], "uri_too_long");
    }
}
