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
}
