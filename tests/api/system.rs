use crate::helpers::{WELCOME_SLUG, spawn_app};

#[tokio::test]
async fn healthz_answers_ok_while_the_database_answers() {
    let app = spawn_app().await;

    let (status, body) = app.get_page("/healthz").await;

    assert_eq!(status, 200);
    assert_eq!(body, "ok");
}

#[tokio::test]
async fn robots_txt_keeps_crawlers_out_of_the_admin() {
    let app = spawn_app().await;

    let (status, body) = app.get_page("/robots.txt").await;

    assert_eq!(status, 200);
    assert!(body.contains("Disallow: /admin/"));
}

#[tokio::test]
async fn static_files_are_cacheable_and_revalidate_with_304() {
    let app = spawn_app().await;

    let first = app.get("/static/style.css").await;
    assert_eq!(first.status().as_u16(), 200);
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        first.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();

    let second = app
        .get_with("/static/style.css", "if-none-match", &etag)
        .await;

    assert_eq!(second.status().as_u16(), 304);
}

#[tokio::test]
async fn the_stylesheet_is_gzipped_for_clients_that_take_it() {
    let app = spawn_app().await;
    let plain = app
        .get_with("/static/style.css", "accept-encoding", "identity")
        .await;
    let plain_etag = plain.headers()["etag"].to_str().unwrap().to_owned();
    assert!(plain.headers().get("content-encoding").is_none());
    let css = plain.bytes().await.unwrap();

    let packed = app
        .get_with("/static/style.css", "accept-encoding", "gzip, deflate, br")
        .await;

    assert_eq!(packed.headers()["content-encoding"], "gzip");
    assert_eq!(packed.headers()["vary"], "accept-encoding");
    let packed_etag = packed.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(
        packed_etag, plain_etag,
        "each representation has its own ETag"
    );
    let bytes = packed.bytes().await.unwrap();
    assert!(
        bytes.len() * 2 < css.len(),
        "{} of {} bytes",
        bytes.len(),
        css.len()
    );
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked)
        .unwrap();
    assert_eq!(unpacked, css);
    let refused = app
        .get_with("/static/style.css", "accept-encoding", "gzip;q=0")
        .await;
    assert!(refused.headers().get("content-encoding").is_none());
    assert_eq!(refused.bytes().await.unwrap(), css);
}

#[tokio::test]
async fn no_path_escapes_the_static_folder() {
    let app = spawn_app().await;

    for path in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/..%2fsrc%2fmain.rs",
        "/static/nope.css",
    ] {
        let status = app.get(path).await.status().as_u16();
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    for path in [
        "/",
        &format!("/posts/{WELCOME_SLUG}"),
        "/healthz",
        "/static/style.css",
        "/missing",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
        if headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
        {
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}");
            assert!(!csp.contains("unsafe-inline"), "{path}");
        }
    }
}

#[tokio::test]
async fn head_requests_get_the_headers_of_the_page() {
    let app = spawn_app().await;

    for path in ["/", "/static/style.css", &format!("/posts/{WELCOME_SLUG}")] {
        let response = app.client.head(app.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        assert!(response.text().await.unwrap().is_empty(), "{path}");
    }
}
