//! What a shared cache (a proxy, a CDN) is told it may keep: public pages,
//! feeds and the sitemap for `FOLIO_PUBLIC_CACHE_SECONDS`; nothing personal.

use crate::helpers::{WELCOME_SLUG, comment_with, spawn_app, spawn_app_with, valid_comment};

fn cache_control(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

const PUBLIC: [&str; 5] = [
    "/",
    "/posts/welcome-to-folio",
    "/posts/welcome-to-folio/comments.xml",
    "/feed.xml",
    "/sitemap.xml",
];

#[tokio::test]
async fn public_pages_must_be_revalidated_by_default() {
    let app = spawn_app().await;
    for path in PUBLIC {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 200, "{path}");
        assert_eq!(cache_control(&response), "public, no-cache", "{path}");
    }
}

#[tokio::test]
async fn public_pages_may_be_kept_for_the_configured_seconds() {
    let app = spawn_app_with(|config| config.public_cache_seconds = 10).await;
    for path in PUBLIC {
        let response = app.get(path).await;
        assert_eq!(
            cache_control(&response),
            "public, max-age=10, stale-while-revalidate=10",
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_readers_own_page_and_refused_form_are_never_stored() {
    let app = spawn_app_with(|config| config.public_cache_seconds = 10).await;
    let mine = app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let refused = app
        .post_comment(WELCOME_SLUG, &comment_with("email", "not-an-email"))
        .await;
    let own_page = app.get(&mine).await;

    assert_eq!(own_page.status().as_u16(), 200);
    assert_eq!(cache_control(&own_page), "private, no-store");
    assert_eq!(refused.status().as_u16(), 422);
    assert_eq!(cache_control(&refused), "private, no-store");
}

#[tokio::test]
async fn admin_pages_and_answers_that_set_a_cookie_are_never_stored() {
    let app = spawn_app_with(|config| config.public_cache_seconds = 10).await;
    let login_form = app.get("/admin/login").await;
    assert!(login_form.headers().contains_key("set-cookie"));
    assert!(cache_control(&login_form).contains("no-store"));

    app.login_admin().await;
    let queue = app.get("/admin/comments").await;

    assert_eq!(queue.status().as_u16(), 200);
    assert!(cache_control(&queue).contains("no-store"));
    assert!(!cache_control(&queue).contains("public"));
}

#[tokio::test]
async fn missing_pages_and_redirects_are_not_shared() {
    let app = spawn_app_with(|config| config.public_cache_seconds = 10).await;

    let missing = app.get("/posts/no-such-post").await;

    assert_eq!(missing.status().as_u16(), 404);
    assert_eq!(cache_control(&missing), "private, no-store");
}
