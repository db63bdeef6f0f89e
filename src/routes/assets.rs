//! Static files, embedded in the binary: cacheable, revalidated with an ETag,
//! and looked up by name so no path can reach outside them.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::error::{AppError, Result};

struct Asset {
    bytes: &'static [u8],
    content_type: &'static str,
    etag: String,
}

macro_rules! assets {
    ($(($name:literal, $type:literal)),* $(,)?) => {
        [$(($name, $type, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/", $name)).as_slice())),*]
    };
}

const FILES: &[(&str, &str, &[u8])] = &assets![
    ("style.css", "text/css; charset=utf-8"),
    ("favicon.svg", "image/svg+xml"),
];

/// Browsers may reuse a file for a day without asking; after that an ETag revalidates it.
const CACHE_CONTROL: &str = "public, max-age=86400";

static ASSETS: LazyLock<HashMap<&'static str, Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, content_type, bytes)| {
            let digest = Sha256::digest(bytes);
            let etag = format!("\"{}\"", hex::encode(&digest[..12]));
            (
                *name,
                Asset {
                    bytes,
                    content_type,
                    etag,
                },
            )
        })
        .collect()
});

static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut hasher = Sha256::new();
    for (_, _, bytes) in FILES {
        hasher.update(bytes);
    }
    hex::encode(&hasher.finalize()[..6])
});

/// Changes whenever any static file changes; appended to asset URLs to bust caches.
pub fn version() -> &'static str {
    &VERSION
}

fn etag_matches(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|tag| tag.trim().trim_start_matches("W/"))
                .any(|tag| tag == etag || tag == "*")
        })
}

pub async fn serve(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse> {
    let asset = ASSETS.get(path.as_str()).ok_or(AppError::NotFound)?;
    if etag_matches(&req, &asset.etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, asset.etag.as_str()))
            .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::ETAG, asset.etag.as_str()))
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .body(asset.bytes))
}
