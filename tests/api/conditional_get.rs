//! Conditional GETs: pages, feeds and the sitemap carry an ETag, a client
//! that sends it back gets a bodiless 304 while nothing changed, and a 200
//! with a new ETag once something readers see has changed.

use crate::helpers::{TestApp, WELCOME_SLUG, spawn_app};

fn etag(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("etag")
        .expect("an ETag")
        .to_str()
        .unwrap()
        .to_owned()
}

/// The address answers 200 with an ETag, then 304 (no body, same ETag) to a
/// client holding it; returns the ETag.
async fn revalidates(app: &TestApp, path: &str) -> String {
    let first = app.get(path).await;
    assert_eq!(first.status().as_u16(), 200, "{path}");
    let tag = etag(&first);

    let again = app.get_with(path, "if-none-match", &tag).await;

    assert_eq!(again.status().as_u16(), 304, "{path}");
    assert_eq!(etag(&again), tag, "{path}");
    assert!(again.text().await.unwrap().is_empty(), "{path}");
    tag
}

/// After a change readers can see, the old ETag gets the new content.
async fn changed(app: &TestApp, path: &str, old: &str) -> String {
    let response = app.get_with(path, "if-none-match", old).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    let tag = etag(&response);
    assert_ne!(tag, old, "{path}");
    assert!(!response.text().await.unwrap().is_empty(), "{path}");
    tag
}

#[tokio::test]
async fn pages_and_feeds_answer_304_until_an_approved_comment_changes_them() {
    let app = spawn_app().await;
    let post = format!("/posts/{WELCOME_SLUG}");
    let comments_feed = format!("/posts/{WELCOME_SLUG}/comments.xml");
    let paths = ["/", post.as_str(), comments_feed.as_str()];
    let mut tags = Vec::new();
    for path in paths {
        tags.push(revalidates(&app, path).await);
    }

    app.seed_comment("Ada", "Approved, so readers see it", "approved")
        .await;

    for (path, old) in paths.into_iter().zip(&tags) {
        let new = changed(&app, path, old).await;
        assert_eq!(revalidates(&app, path).await, new);
    }
}

#[tokio::test]
async fn a_held_comment_leaves_the_post_page_unchanged_for_other_readers() {
    let app = spawn_app().await;
    let post = format!("/posts/{WELCOME_SLUG}");
    let tag = revalidates(&app, &post).await;

    app.seed_comment("Bob", "Waiting for a moderator", "pending")
        .await;

    let response = app.get_with(&post, "if-none-match", &tag).await;
    assert_eq!(response.status().as_u16(), 304);
}

#[tokio::test]
async fn the_post_feed_and_sitemap_revalidate_and_follow_a_new_post() {
    let app = spawn_app().await;
    let feed = revalidates(&app, "/feed.xml").await;
    let sitemap = revalidates(&app, "/sitemap.xml").await;
    let feed_304 = app.get_with("/feed.xml", "if-none-match", &feed).await;
    assert_eq!(
        feed_304.headers()["cache-control"],
        "public, no-cache",
        "a 304 renews the copy's freshness as the 200 did"
    );

    app.create_post("a-second-post", "A second post", true, true)
        .await;

    changed(&app, "/feed.xml", &feed).await;
    changed(&app, "/sitemap.xml", &sitemap).await;
}

#[tokio::test]
async fn the_post_page_has_a_weak_etag_since_each_copy_has_its_own_form_token() {
    let app = spawn_app().await;
    let post = format!("/posts/{WELCOME_SLUG}");

    let tag = revalidates(&app, &post).await;
    let home = revalidates(&app, "/").await;

    assert!(tag.starts_with("W/\""), "{tag}");
    assert!(home.starts_with('"'), "{home}");
    let other = app
        .get_with(&post, "if-none-match", "\"something-else\"")
        .await;
    assert_eq!(other.status().as_u16(), 200);
}
