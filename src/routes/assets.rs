//! Static files, embedded in the binary: cacheable, revalidated with an ETag,
//! gzipped once for the clients that take it, and looked up by name so no
//! path can reach outside them.

use std::collections::HashMap;
use std::io::Write;
use std::sync::LazyLock;

use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::{HttpRequest, HttpResponse, web};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

use crate::domain::etag::etag_of;
use crate::error::{AppError, Result};
use crate::routes::conditional::respond;

struct Asset {
    bytes: &'static [u8],
    content_type: &'static str,
    etag: String,
    /// The file gzipped once, at first use, with its own ETag; only where that
    /// makes it smaller.
    gzipped: Option<(web::Bytes, String)>,
}

macro_rules! assets {
    ($(($name:literal, $type:literal)),* $(,)?) => {
        [$(($name, $type, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/", $name)).as_slice())),*]
    };
}

const FILES: &[(&str, &str, &[u8])] = &assets![
    ("style.css", "text/css; charset=utf-8"),
    ("favicon.svg", "image/svg+xml"),
    ("editor.js", "text/javascript; charset=utf-8"),
];

/// Browsers may reuse a file for a day without asking; after that an ETag revalidates it.
const CACHE_CONTROL: &str = "public, max-age=86400";

static ASSETS: LazyLock<HashMap<&'static str, Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, content_type, bytes)| {
            let gzipped = gzip(bytes)
                .filter(|packed| packed.len() < bytes.len())
                .map(|packed| {
                    let etag = etag_of(&packed);
                    (web::Bytes::from(packed), etag)
                });
            (
                *name,
                Asset {
                    bytes,
                    content_type,
                    etag: etag_of(bytes),
                    gzipped,
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

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// Whether the client takes gzip (and prefers it to the file as it is).
fn accepts_gzip(req: &HttpRequest) -> bool {
    const OFFERED: [Encoding; 2] = [Encoding::gzip(), Encoding::identity()];
    AcceptEncoding::parse(req)
        .ok()
        .and_then(|accepted| accepted.negotiate(OFFERED.iter()))
        .is_some_and(|chosen| chosen == Encoding::gzip())
}

pub async fn serve(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse> {
    let asset = ASSETS.get(path.as_str()).ok_or(AppError::NotFound)?;
    let Some((packed, packed_etag)) = &asset.gzipped else {
        return Ok(respond(&req, &asset.etag, Some(CACHE_CONTROL), || {
            HttpResponse::Ok()
                .content_type(asset.content_type)
                .body(asset.bytes)
        }));
    };
    let gzipped = accepts_gzip(&req);
    let etag = if gzipped { packed_etag } else { &asset.etag };
    let mut response = respond(&req, etag, Some(CACHE_CONTROL), || {
        let mut ok = HttpResponse::Ok();
        ok.content_type(asset.content_type);
        if gzipped {
            ok.insert_header(ContentEncoding::Gzip).body(packed.clone())
        } else {
            ok.body(asset.bytes)
        }
    });
    response.headers_mut().insert(
        header::VARY,
        header::HeaderValue::from_static("accept-encoding"),
    );
    Ok(response)
}
