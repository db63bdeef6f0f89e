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
        .client
        .get(app.url("/static/style.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();

    assert_eq!(second.status().as_u16(), 304);
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
