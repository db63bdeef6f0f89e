//! Tags: typed in the editor, shown on the post, each with a page of its
//! published posts; a bad tag is refused with everything typed kept.

use crate::helpers::{TestApp, location, spawn_app, spawn_app_with_site};

/// Saves a post through the editor with `tags`; returns the response.
async fn save(
    app: &TestApp,
    csrf: &str,
    path: &str,
    title: &str,
    tags: &str,
    status: &str,
) -> reqwest::Response {
    let form = [
        ("csrf_token", csrf),
        ("title", title),
        ("slug", ""),
        ("body", "Some text.\n\nMore text."),
        ("status", status),
        ("comments_open", "on"),
        ("tags", tags),
        ("action", "save"),
    ];
    app.admin_post(path, &form).await
}

/// Creates a post and returns its edit address.
async fn create(app: &TestApp, csrf: &str, title: &str, tags: &str, status: &str) -> String {
    let response = save(app, csrf, "/admin/posts", title, tags, status).await;
    assert_eq!(response.status().as_u16(), 303);
    location(&response)
}

#[tokio::test]
async fn a_posts_tags_link_to_pages_that_list_its_published_posts() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    create(
        &app,
        &csrf,
        "Flu jabs are here",
        "Flu season, Grüße",
        "published",
    )
    .await;
    create(
        &app,
        &csrf,
        "Masks in the waiting room",
        "flu season",
        "published",
    )
    .await;
    create(&app, &csrf, "Not ready yet", "Flu season", "draft").await;

    let (_, post) = app.get_page("/posts/flu-jabs-are-here").await;
    let (status, tag_page) = app.get_page("/tags/flu-season").await;
    let (_, grusse) = app.get_page("/tags/grusse").await;

    assert!(
        post.contains(r#"<a href="/tags/flu-season" rel="tag">Flu season</a>"#),
        "the name as last typed (by the draft)"
    );
    assert!(post.contains(r#"<a href="/tags/grusse" rel="tag">Grüße</a>"#));
    assert_eq!(status, 200);
    assert!(tag_page.contains("Posts tagged “Flu season”"));
    let newest = tag_page.find("Masks in the waiting room").unwrap();
    let older = tag_page.find("Flu jabs are here").unwrap();
    assert!(newest < older, "newest first");
    assert!(!tag_page.contains("Not ready yet"), "drafts stay hidden");
    assert!(grusse.contains("Flu jabs are here"));
    assert!(!grusse.contains("Masks in the waiting room"));
}

#[tokio::test]
async fn a_tag_without_published_posts_has_no_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    create(&app, &csrf, "Only a draft", "Secret plans", "draft").await;

    assert_eq!(app.get("/tags/secret-plans").await.status().as_u16(), 404);
    assert_eq!(app.get("/tags/never-used").await.status().as_u16(), 404);
}

#[tokio::test]
async fn editing_a_posts_tags_moves_it_between_tag_pages() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit = create(&app, &csrf, "Parking", "Directions, News", "published").await;
    assert_eq!(app.get("/tags/directions").await.status().as_u16(), 200);
    let (_, editor) = app.get_page(&edit).await;
    assert!(
        editor.contains(r#"value="Directions, News""#),
        "the editor shows the tags"
    );

    let action = edit.trim_end_matches("/edit");
    let response = save(
        &app,
        &csrf,
        action,
        "Parking",
        "News, Car park",
        "published",
    )
    .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(app.get("/tags/directions").await.status().as_u16(), 404);
    let (_, car_park) = app.get_page("/tags/car-park").await;
    assert!(car_park.contains("Parking"));
    let (_, post) = app.get_page("/posts/parking").await;
    assert!(post.contains("/tags/news") && post.contains("/tags/car-park"));
    assert!(!post.contains("/tags/directions"));
}

#[tokio::test]
async fn deleting_a_post_removes_its_tag_pages() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit = create(&app, &csrf, "Short lived", "Ephemeral", "published").await;
    assert_eq!(app.get("/tags/ephemeral").await.status().as_u16(), 200);

    let delete = edit.replace("/edit", "/delete");
    let response = app
        .admin_post(&delete, &[("csrf_token", csrf.as_str())])
        .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(app.get("/tags/ephemeral").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_bad_tag_is_refused_next_to_the_field_with_everything_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let long = "x".repeat(41);

    for (tags, message) in [
        ("News, ???", "needs at least one letter or digit"),
        (long.as_str(), "at most 40 characters"),
        ("a,b,c,d,e,f,g,h,i,j,k", "at most 10 tags"),
    ] {
        let response = save(&app, &csrf, "/admin/posts", "Kept title", tags, "published").await;
        assert_eq!(response.status().as_u16(), 422, "{tags}");
        let page = response.text().await.unwrap();
        assert!(page.contains(message), "{tags}: {message}");
        assert!(page.contains(r#"id="tags-error""#));
        assert!(page.contains(r#"value="Kept title""#));
    }
    assert_eq!(app.get("/posts/kept-title").await.status().as_u16(), 404);
}

#[tokio::test]
async fn tag_names_are_escaped_wherever_they_are_shown() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    create(
        &app,
        &csrf,
        "Careful",
        "<script>alert(1)</script>",
        "published",
    )
    .await;

    let (_, post) = app.get_page("/posts/careful").await;
    let (status, tag_page) = app.get_page("/tags/script-alert-1-script").await;

    assert!(!post.contains("<script>alert(1)"));
    assert!(post.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"));
    assert_eq!(status, 200);
    assert!(!tag_page.contains("<script>alert(1)"));
}

#[tokio::test]
async fn a_tag_page_is_paginated_like_the_home_page() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET posts_per_page = 2").await;
    let csrf = app.login_admin().await;
    for title in ["One", "Two", "Three"] {
        create(&app, &csrf, title, "Series", "published").await;
    }

    let (_, first) = app.get_page("/tags/series").await;
    let (_, second) = app.get_page("/tags/series?page=2").await;

    assert!(first.contains(r#"href="/tags/series?page=2""#));
    assert!(second.contains(r#"href="/tags/series""#));
    assert!(second.contains(">One<"));
    assert!(!first.contains(">One<"));
    assert_eq!(app.get("/tags/series?page=3").await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_sitemap_lists_tag_pages_with_published_posts_only() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    create(&app, &csrf, "Public", "Visible tag", "published").await;
    create(&app, &csrf, "Private", "Hidden tag", "draft").await;

    let (_, sitemap) = app.get_page("/sitemap.xml").await;

    let document = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.iter().any(|l| l.ends_with("/tags/visible-tag")),
        "{locs:?}"
    );
    assert!(!locs.iter().any(|l| l.contains("hidden-tag")), "{locs:?}");
}

#[tokio::test]
async fn on_a_german_site_a_tag_gets_a_german_slug_and_an_older_tag_keeps_its_own() {
    let app = spawn_app_with_site(|_| {}, "UPDATE site_settings SET language = 'de'").await;
    let csrf = app.login_admin().await;
    create(&app, &csrf, "Erster", "Grüße", "published").await;
    // A tag made before slugs were spelt the German way.
    sqlx::query("INSERT INTO tags (slug, name) VALUES ('offnungszeiten', 'Öffnungszeiten')")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO post_tags (post_id, tag_id, position)
         SELECT (SELECT id FROM posts WHERE title = 'Erster'), id, 1 FROM tags
         WHERE slug = 'offnungszeiten'",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    create(&app, &csrf, "Zweiter", "öffnungszeiten", "published").await;

    assert_eq!(app.get("/tags/gruesse").await.status().as_u16(), 200);
    let (status, page) = app.get_page("/tags/offnungszeiten").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Zweiter") && page.contains("Erster"),
        "{page}"
    );
    let tags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tags")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(tags, 2);
}
