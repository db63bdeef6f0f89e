use crate::helpers::{WELCOME_SLUG, spawn_app, spawn_app_on, valid_comment};

#[tokio::test]
async fn a_fresh_database_shows_the_welcome_post_on_the_home_page() {
    let app = spawn_app().await;

    let (status, body) = app.get_page("/").await;

    assert_eq!(status, 200);
    assert!(body.contains("Welcome to Folio"));
    assert!(body.contains(&format!("href=\"/posts/{WELCOME_SLUG}\"")));
}

#[tokio::test]
async fn the_welcome_post_shows_the_reply_form_and_the_header_lines() {
    let app = spawn_app().await;

    let (status, body) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert_eq!(status, 200);
    assert!(body.contains("Leave a Reply"));
    assert!(body.contains(&format!(
        r#"<form method="post" action="/posts/{WELCOME_SLUG}/comments" id="respond""#
    )));
    assert!(body.contains("Your email address will not be published."));
    assert!(body.contains("Required fields are marked"));
    for (id, label) in [
        ("name", "Name"),
        ("email", "Email"),
        ("website", "Website"),
        ("body", "Comment"),
    ] {
        assert!(
            body.contains(&format!(r#"<label for="{id}">{label}"#)),
            "no label for {id}"
        );
    }
    assert!(body.contains("Edit these lines in Settings: opening hours"));
}

#[tokio::test]
async fn every_page_shows_the_site_title_and_header_lines_from_settings() {
    let app = spawn_app().await;
    sqlx::query("UPDATE site_settings SET title = 'Praxis Dr. Weber', header_lines = 'Working Hours: 7 Days a Week\nVirnsberger Str. 75, 90431 Nürnberg'")
        .execute(&app.pool)
        .await
        .unwrap();
    // Settings are read at start-up (and refreshed by the settings form), so start a second app on the same file.
    let second = spawn_app_on(&app.database_url, |_| {}).await;

    for path in ["/", &format!("/posts/{WELCOME_SLUG}"), "/no-such-page"] {
        let (_, body) = second.get_page(path).await;
        assert!(body.contains("Praxis Dr. Weber"), "{path}");
        assert!(body.contains("Working Hours: 7 Days a Week"), "{path}");
        assert!(
            body.contains("Virnsberger Str. 75, 90431 Nürnberg"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_draft_is_neither_listed_nor_reachable() {
    let app = spawn_app().await;
    app.create_post("secret-plans", "Secret plans", false, true)
        .await;

    let (_, home) = app.get_page("/").await;
    let (status, page) = app.get_page("/posts/secret-plans").await;

    assert!(!home.contains("Secret plans"));
    assert_eq!(status, 404);
    assert!(!page.contains("Secret plans"));
}

#[tokio::test]
async fn an_unknown_slug_is_a_404_page_in_the_site_layout() {
    let app = spawn_app().await;

    let response = app.get("/posts/does-not-exist").await;

    assert_eq!(response.status().as_u16(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let body = response.text().await.unwrap();
    assert!(body.contains("Page not found"));
    assert!(body.contains(r#"class="site-title""#));
}

#[tokio::test]
async fn posts_are_listed_newest_first_and_paginated() {
    let app = spawn_app().await;
    for i in 1..=11 {
        app.create_post(
            &format!("post-{i}"),
            &format!("Post number {i}"),
            true,
            true,
        )
        .await;
        // distinct publication times, newest last
        sqlx::query("UPDATE posts SET published_at = ? WHERE slug = ?")
            .bind(1_700_000_000 + i)
            .bind(format!("post-{i}"))
            .execute(&app.pool)
            .await
            .unwrap();
    }

    let (_, first) = app.get_page("/").await;
    let (status, second) = app.get_page("/?page=2").await;

    assert!(first.find("Post number 11").unwrap() < first.find("Post number 10").unwrap());
    assert!(first.contains(r#"href="/?page=2""#));
    assert_eq!(status, 200);
    // 12 posts with the welcome post, 10 a page: the oldest ones are on page 2
    assert!(second.contains("Post number 1<") || second.contains("Post number 1\n"));
    assert!(!second.contains("Post number 11"));
    assert_eq!(app.get_page("/?page=3").await.0, 404);
    assert_eq!(app.get_page("/?page=abc").await.0, 404);
}

#[tokio::test]
async fn the_home_page_counts_only_approved_comments() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &crate::helpers::comment_with("body", "Another one"),
    )
    .await;

    let (_, before) = app.get_page("/").await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;
    let (_, after) = app.get_page("/").await;

    assert!(before.contains("0 comments"));
    assert!(after.contains("1 comment<"));
}
