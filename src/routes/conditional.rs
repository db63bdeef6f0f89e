//! Conditional GETs: public pages, feeds, the sitemap and static files carry an
//! `ETag`, and a client that sends it back in `If-None-Match` gets a bodiless
//! `304` while the content is unchanged (feed readers poll this way). The tags
//! themselves are made in `domain::etag`.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

/// Whether the client's `If-None-Match` names `etag` (weak comparison, as RFC
/// 9110 asks for this header) or is `*`.
pub fn etag_matches(req: &HttpRequest, etag: &str) -> bool {
    let ours = etag.trim_start_matches("W/");
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == ours || tag == "*")
}

/// `304 Not Modified` when the client already holds `etag`, else the response
/// `ok` builds, with the `ETag` added. `cache_control` goes on either answer.
pub fn respond(
    req: &HttpRequest,
    etag: &str,
    cache_control: Option<&'static str>,
    ok: impl FnOnce() -> HttpResponse,
) -> HttpResponse {
    let mut response = if etag_matches(req, etag) {
        HttpResponse::NotModified().finish()
    } else {
        ok()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, value);
    }
    if let Some(cache_control) = cache_control {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
    }
    response
}
