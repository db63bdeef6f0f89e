//! What the public HTML pages share: what their `<head>` says about them, and
//! the response around their rendered HTML.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use serde::Serialize;

/// What the layout's `<head>` tells search engines and link previews about a page.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// The canonical, absolute address of the page.
    pub url: String,
    /// The OpenGraph type: `website` or `article`.
    pub kind: &'static str,
    /// The picture a link preview shows (`og:image`): a post's first library image.
    pub image: Option<PreviewImage>,
}

/// A link preview's picture: an absolute URL with its size and alt text.
#[derive(Serialize)]
pub struct PreviewImage {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

pub fn html_response(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html)
}
