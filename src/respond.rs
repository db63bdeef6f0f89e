//! How a request is answered, in one place for every handler, extractor and
//! error: the redirects (303 after a form, 301 for a moved address), HTML
//! pages (rendered from a template, or already made), the marks that keep a
//! response out of shared caches, and the shape of every cookie Folio sets.

use actix_web::HttpResponse;
use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType, HeaderValue};
use tera::Context;

use crate::templates::Templates;

/// A `303 See Other` to `location`: post/redirect/get.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A `301 Moved Permanently` to `location`: an old address.
pub fn moved_permanently(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// An HTML page already made.
pub fn html(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html)
}

/// A JSON document already made (what `static/passkey.js` asks for), with `200 OK`.
pub fn json(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(body)
}

/// The page `template` renders from `context` (a template error becomes the caller's error).
pub fn render_page<E: From<tera::Error>>(
    templates: &Templates,
    status: StatusCode,
    template: &str,
    context: &Context,
) -> Result<HttpResponse, E> {
    Ok(html(status, templates.render(template, context)?))
}

/// The page `template` renders from `context`, with `200 OK`.
pub fn page<E: From<tera::Error>>(
    templates: &Templates,
    template: &str,
    context: &Context,
) -> Result<HttpResponse, E> {
    render_page(templates, StatusCode::OK, template, context)
}

/// Kept by no cache at all (a page that acts on a secret link, a download of personal data).
pub fn no_store(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One reader's own copy of a page: the browser may show it, no shared cache may keep it.
pub fn private(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// A cookie only the server reads (`HttpOnly`), sent over https only when the
/// site is (`secure`); with `max_age_seconds`, kept that long, else until the
/// browser closes.
pub fn cookie(
    name: &'static str,
    value: String,
    path: &'static str,
    same_site: SameSite,
    secure: bool,
    max_age_seconds: Option<i64>,
) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, value)
        .path(path)
        .http_only(true)
        .same_site(same_site)
        .secure(secure)
        .finish();
    if let Some(seconds) = max_age_seconds {
        cookie.set_max_age(Duration::seconds(seconds));
    }
    cookie
}
