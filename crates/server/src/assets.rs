//! The stylesheet and the script, served under names that carry a hash of their
//! content (`/static/zan-1a2b3c4d.css`): a browser may keep them for good, and a new
//! version is a new name. They live in `crates/server/static/`, so a designer changes
//! them without touching Rust.

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

const STYLESHEET: &str = include_str!("../static/zan.css");
const SCRIPT: &str = include_str!("../static/zan.js");

/// The served names of the assets.
pub struct Assets {
    /// `/static/zan-HASH.css`.
    pub css: String,
    /// `/static/zan-HASH.js`.
    pub js: String,
}

/// Returns the served names, computed once.
pub fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| Assets {
        css: format!("/static/zan-{:08x}.css", fnv(STYLESHEET)),
        js: format!("/static/zan-{:08x}.js", fnv(SCRIPT)),
    })
}

/// 32-bit FNV-1a: stable across builds and platforms.
fn fnv(text: &str) -> u32 {
    text.bytes()
        .fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// `GET /static/{name}`: an asset by its current name; an old name is not found.
pub async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    let path = format!("/static/{name}");
    let names = assets();
    let (body, content_type) = if path == names.css {
        (STYLESHEET, "text/css; charset=utf-8")
    } else if path == names.js {
        (SCRIPT, "text/javascript; charset=utf-8")
    } else {
        return Err(ApiError::NotFound(format!("no asset {name:?}")));
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_names_follow_the_content() {
        let names = assets();
        assert!(names.css.starts_with("/static/zan-") && names.css.ends_with(".css"));
        assert_ne!(fnv(STYLESHEET), fnv(&format!("{STYLESHEET} ")));
    }
}
