//! Conditional GETs: public pages, feeds, the sitemap and static files carry an
//! `ETag`, and a client that sends it back in `If-None-Match` gets a bodiless
//! `304` while the content is unchanged (feed readers poll this way). The tags
//! themselves are made in `domain::etag`. Cached pages are also sent
//! compressed when the client asks (see `serve_cached`), and every public
//! page, feed and the sitemap is served from the page cache or rendered into
//! it by one function (`get_or_render`).

use std::future::Future;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use crate::domain::signing;
use crate::domain::time::UnixTime;
use crate::error::Result;
use crate::page_cache::{CachedPage, Encoding, PageKey, Rendered};
use crate::state::AppState;

/// The page at `key` from the page cache; else rendered (`render` gives the
/// page, or an answer to send as it is, such as a redirect), kept and served.
/// Each response of a page with a comment form gets its own form token.
pub async fn get_or_render<F>(
    state: &AppState,
    req: &HttpRequest,
    key: PageKey,
    render: impl FnOnce() -> F,
) -> Result<HttpResponse>
where
    F: Future<Output = Result<std::result::Result<Rendered, HttpResponse>>>,
{
    let now = state.config.clock.now();
    let version = state.content_version().await?;
    let page = match state.pages.get(&key, version, now) {
        Some(page) => page,
        None => match render().await? {
            Ok(rendered) => state.pages.put(key.clone(), version, now, &rendered),
            Err(answer) => return Ok(answer),
        },
    };
    let token = |issued_at| {
        page.post_id
            .map(|id| signing::comment_form_token(&state.signer, id, issued_at))
            .unwrap_or_default()
    };
    let cache_control = state.config.public_cache_control();
    let response = serve_cached(req, &page, now, token, &cache_control);
    // Serving may have made this second's rendition or a compressed form: the
    // cache weighs the page again.
    state.pages.settle(&key, &page);
    Ok(response)
}

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
