//! Pages, feeds and the sitemap in gzip and brotli when the client asks,
//! each encoding with its own ETag, and the same bytes once unpacked.

use std::io::Read;

use crate::helpers::{TestApp, WELCOME_SLUG, input_value, spawn_app};

async fn fetch(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn the_home_page_feeds_and_sitemap_come_in_gzip_and_brotli_when_asked() {
    let app = spawn_app().await;
    for path in ["/", "/feed.xml", "/sitemap.xml"] {
        let plain = fetch(&app, path, "identity").await;
        let plain_etag = header(&plain, "etag");
        assert_eq!(header(&plain, "vary"), "Accept-Encoding", "{path}");
        assert_eq!(header(&plain, "content-encoding"), "", "{path}");
        let plain = plain.text().await.unwrap();

        let gz = fetch(&app, path, "gzip, deflate").await;
        assert_eq!(header(&gz, "content-encoding"), "gzip", "{path}");
        let gz_etag = header(&gz, "etag");
        assert_eq!(gunzip(&gz.bytes().await.unwrap()), plain, "{path}");

        let br = fetch(&app, path, "gzip, deflate, br").await;
        assert_eq!(header(&br, "content-encoding"), "br", "{path}");
        let br_etag = header(&br, "etag");
        assert_eq!(unbrotli(&br.bytes().await.unwrap()), plain, "{path}");

        assert!(plain_etag != gz_etag && gz_etag != br_etag && plain_etag != br_etag);
    }
}

#[tokio::test]
async fn a_compressed_copy_revalidates_with_its_own_etag() {
    let app = spawn_app().await;
    let first = fetch(&app, "/", "gzip").await;
    let etag = header(&first, "etag");

    let again = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    let other_encoding = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "br")
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();

    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(header(&again, "etag"), etag);
    assert_eq!(other_encoding.status().as_u16(), 200);
}

#[tokio::test]
async fn the_compressed_post_page_carries_a_valid_form_token() {
    let app = spawn_app().await;
    let path = format!("/posts/{WELCOME_SLUG}");

    let br = fetch(&app, &path, "br").await;
    assert_eq!(header(&br, "content-encoding"), "br");
    let page = unbrotli(&br.bytes().await.unwrap());

    let token = input_value(&page, "form_token").expect("a form token");
    assert!(!token.contains("__folio"), "{token}");
}
