//! What a public page's `<head>` says about it.

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
