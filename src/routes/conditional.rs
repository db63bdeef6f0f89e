//! Conditional GETs: public pages, feeds, the sitemap and static files carry an
//! `ETag`, and a client that sends it back in `If-None-Match` gets a bodiless
//! `304` while the content is unchanged (feed readers poll this way). The tags
//! themselves are made in `domain::etag`. Cached pages are also sent
//! compressed when the client asks (see `serve_cached`).

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::time::UnixTime;
use crate::page_cache::{CachedPage, Encoding};

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
    cache_control: Option<&str>,
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
    if let Some(cache_control) = cache_control.and_then(|v| HeaderValue::from_str(v).ok()) {
        headers.insert(header::CACHE_CONTROL, cache_control);
    }
    response
}

/// A page from the page cache, in the best encoding the client accepts
/// (compressed once per version of the page, or per second for a page with a
/// form token), with its ETag for that encoding, or a 304.
pub fn serve_cached(
    req: &HttpRequest,
    page: &CachedPage,
    now: UnixTime,
    token: impl FnOnce(UnixTime) -> String,
    cache_control: &str,
) -> HttpResponse {
    let wanted = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map_or(Encoding::Identity, Encoding::preferred);
    let mut body = None;
    let mut encoding = wanted;
    if !etag_matches(req, &page.etag_for(wanted)) {
        let (sent_as, bytes) = page.rendition(now, token).body(wanted);
        encoding = sent_as;
        body = Some(bytes);
    }
    let mut response = respond(req, &page.etag_for(encoding), Some(cache_control), || {
        let mut ok = HttpResponse::Ok();
        ok.content_type(page.content_type);
        if let Some(coding) = encoding.content_encoding() {
            ok.insert_header((header::CONTENT_ENCODING, coding));
        }
        ok.body(body.unwrap_or_default())
    });
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}
