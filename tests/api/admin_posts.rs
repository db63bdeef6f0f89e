use crate::helpers::{TestApp, location, spawn_app};

fn post_form<'a>(
    csrf: &'a str,
    title: &'a str,
    slug: &'a str,
    body: &'a str,
    status: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", title),
        ("slug", slug),
        ("body", body),
        ("status", status),
        ("comments_open", "on"),
        ("action", "save"),
    ]
}

/// Creates a post through the editor and returns the redirect's target (its edit page).
async fn create(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    app.admin_post("/admin/posts", form).await
}

async fn public_status(app: &TestApp, path: &str) -> u16 {
    app.get(path).await.status().as_u16()
}

#[tokio::test]
async fn a_published_post_appears_on_the_home_page_at_its_slug() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = create(
        &app,
        &post_form(
            &csrf,
            "Opening hours over the holidays",
            "",
            "We are open **every day**.",
            "published",
        ),
    )
    .await;

    assert_eq!(response.status().as_u16(), 303);
    assert!(location(&response).ends_with("/edit"));
    let (_, home) = app.get_page("/").await;
    assert!(home.contains("Opening hours over the holidays"));
    let (status, page) = app.get_page("/posts/opening-hours-over-the-holidays").await;
    assert_eq!(status, 200);
    assert!(page.contains("<strong>every day</strong>"));
}

#[tokio::test]
async fn a_draft_is_not_visible_to_the_public() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    create(
        &app,
        &post_form(&csrf, "Secret draft", "", "Not yet.", "draft"),
    )
    .await;

    let (_, home) = app.get_page("/").await;
    assert!(!home.contains("Secret draft"));
    assert_eq!(public_status(&app, "/posts/secret-draft").await, 404);
    let (_, list) = app.get_page("/admin/posts").await;
    assert!(list.contains("Secret draft"));
    assert!(list.contains("Draft"));
}

#[tokio::test]
async fn publishing_a_draft_later_makes_it_visible() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit_page = location(&create(&app, &post_form(&csrf, "Later", "", "Body", "draft")).await);
    let id = edit_page
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned();

    let response = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &post_form(&csrf, "Later", "later", "Body", "published"),
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(public_status(&app, "/posts/later").await, 200);
}

#[tokio::test]
async fn a_slug_is_made_from_a_title_with_umlauts() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    create(
        &app,
        &post_form(&csrf, "Grüße aus Nürnberg", "", "Hallo", "published"),
    )
    .await;

    assert_eq!(public_status(&app, "/posts/grusse-aus-nurnberg").await, 200);
}

#[tokio::test]
async fn on_a_german_site_slugs_write_umlauts_and_sharp_s_out_as_wordpress_does() {
    let app =
        crate::helpers::spawn_app_with_site(|_| {}, "UPDATE site_settings SET language = 'de'")
            .await;
    let csrf = app.login_admin().await;

    create(
        &app,
        &post_form(&csrf, "Grüße aus Nürnberg", "", "Hallo", "published"),
    )
    .await;
    create(
        &app,
        &post_form(
            &csrf,
            "Typed",
            "Öffnungszeiten Straße",
            "Hallo",
            "published",
        ),
    )
    .await;
    let page = app
        .admin_post(
            "/admin/pages",
            &[
                ("csrf_token", csrf.as_str()),
                ("title", "Datenschutzerklärung"),
                ("slug", ""),
                ("body", "Text."),
                ("status", "published"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(page.status().as_u16(), 303);

    assert_eq!(
        public_status(&app, "/posts/gruesse-aus-nuernberg").await,
        200
    );
    assert_eq!(
        public_status(&app, "/posts/oeffnungszeiten-strasse").await,
        200
    );
    assert_eq!(public_status(&app, "/datenschutzerklaerung").await, 200);
}

#[tokio::test]
async fn a_second_post_with_the_same_title_gets_a_suffixed_slug() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    create(&app, &post_form(&csrf, "News", "", "One", "published")).await;
    create(&app, &post_form(&csrf, "News", "", "Two", "published")).await;

    assert_eq!(public_status(&app, "/posts/news").await, 200);
    let (status, page) = app.get_page("/posts/news-2").await;
    assert_eq!(status, 200);
    assert!(page.contains("Two"));
}

#[tokio::test]
async fn a_typed_slug_that_is_taken_is_refused_with_the_text_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let long_text = "A long post that must not be lost. ".repeat(200);

    let response = create(
        &app,
        &post_form(
            &csrf,
            "Another welcome",
            "welcome-to-folio",
            &long_text,
            "published",
        ),
    )
    .await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("already used by the post “Welcome to Folio”"));
    assert!(page.contains(long_text.trim()));
}

#[tokio::test]
async fn a_typed_slug_with_spaces_and_umlauts_is_made_into_a_slug_and_shown() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = create(
        &app,
        &post_form(&csrf, "Title", " Grüße aus Nürnberg!", "Body", "published"),
    )
    .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(public_status(&app, "/posts/grusse-aus-nurnberg").await, 200);
    let (_, editor) = app.get_page(&location(&response)).await;
    assert!(
        editor.contains("The slug was made from what you typed: grusse-aus-nurnberg"),
        "{editor}"
    );
    assert!(
        !editor.contains("pattern="),
        "no browser-side pattern to trip over"
    );
}

#[tokio::test]
async fn a_slug_without_a_letter_or_digit_is_refused() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = create(&app, &post_form(&csrf, "Title", "!!!", "Body", "published")).await;

    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"id="slug-error""#)
    );
}

#[tokio::test]
async fn a_new_post_starts_as_a_draft() {
    let app = spawn_app().await;
    app.login_admin().await;

    let (_, page) = app.get_page("/admin/posts/new").await;

    assert!(page.contains(r#"id="status-draft" name="status" value="draft" checked"#));
    assert!(!page.contains(r#"value="published" checked"#));
}

#[tokio::test]
async fn a_draft_has_a_preview_only_a_logged_in_admin_can_open() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit_page = location(
        &create(
            &app,
            &post_form(&csrf, "Unfinished", "", "Half **a** thought.", "draft"),
        )
        .await,
    );
    let preview = edit_page.replace("/edit", "/preview");

    let (_, editor) = app.get_page(&edit_page).await;
    assert!(
        editor.contains(&format!(r#"<a href="{preview}">"#)),
        "{editor}"
    );
    let (status, page) = app.get_page(&preview).await;

    assert_eq!(status, 200);
    assert!(page.contains("Draft — not published"));
    assert!(page.contains("Half <strong>a</strong> thought."));
    assert_eq!(public_status(&app, "/posts/unfinished").await, 404);
    app.admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(public_status(&app, &preview).await, 303);
}

#[tokio::test]
async fn every_save_offers_a_link_to_view_the_post() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = create(
        &app,
        &post_form(&csrf, "Out now", "out-now", "Body", "published"),
    )
    .await;

    let (_, editor) = app.get_page(&location(&response)).await;
    assert!(
        editor.contains(r#"<a href="/posts/out-now">View post</a>"#),
        "{editor}"
    );
}

#[tokio::test]
async fn an_empty_title_is_refused_with_the_text_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = create(
        &app,
        &post_form(&csrf, "  ", "", "Precious words", "published"),
    )
    .await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Please give the post a title."));
    assert!(page.contains("Precious words"));
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(posts, 1);
}

#[tokio::test]
async fn changing_the_slug_redirects_the_old_address_permanently() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit_page = location(
        &create(
            &app,
            &post_form(&csrf, "First name", "first-name", "Body", "published"),
        )
        .await,
    );
    let id = edit_page
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned();

    app.admin_post(
        &format!("/admin/posts/{id}"),
        &post_form(&csrf, "First name", "better-name", "Body", "published"),
    )
    .await;

    let response = app.get("/posts/first-name").await;
    assert_eq!(response.status().as_u16(), 301);
    assert_eq!(location(&response), "/posts/better-name");
    assert_eq!(public_status(&app, "/posts/better-name").await, 200);
}

#[tokio::test]
async fn editing_keeps_the_slug_unless_it_is_changed() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let edit_page =
        location(&create(&app, &post_form(&csrf, "Stable", "", "Body", "published")).await);
    let id = edit_page
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned();
    let (_, editor) = app.get_page(&edit_page).await;
    let slug = crate::helpers::input_value(&editor, "slug").unwrap();

    app.admin_post(
        &format!("/admin/posts/{id}"),
        &post_form(&csrf, "A new title", &slug, "Body", "published"),
    )
    .await;

    assert_eq!(public_status(&app, "/posts/stable").await, 200);
}

#[tokio::test]
async fn scripts_event_handlers_and_javascript_links_are_removed_from_posts() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let body = "Hello <script>alert('x')</script>\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n[click](javascript:alert(1))";

    create(&app, &post_form(&csrf, "Sanitised", "", body, "published")).await;

    let (_, page) = app.get_page("/posts/sanitised").await;
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("onerror"));
    assert!(!page.contains("javascript:alert"));
}

#[tokio::test]
async fn a_one_megabyte_post_is_accepted() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let body = "A sentence of a very long post.\n\n".repeat(31_000);
    assert!(body.len() > 1_000_000);

    let response = create(&app, &post_form(&csrf, "Very long", "", &body, "published")).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(public_status(&app, "/posts/very-long").await, 200);
}

#[tokio::test]
async fn a_post_over_the_limit_is_refused_with_a_message_and_the_text_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let body = "x".repeat(1024 * 1024 + 10);

    let response = create(&app, &post_form(&csrf, "Too long", "", &body, "published")).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("The post is too long"));
    assert!(page.contains(&body));
}

#[tokio::test]
async fn a_preview_shows_the_rendered_post_and_saves_nothing() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let mut form = post_form(
        &csrf,
        "Preview me",
        "",
        "# Heading\n\nSome *text*.",
        "published",
    );
    form.retain(|(k, _)| *k != "action");
    form.push(("action", "preview"));

    let response = create(&app, &form).await;

    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("<em>text</em>"));
    assert!(page.contains("Preview me"));
    assert_eq!(public_status(&app, "/posts/preview-me").await, 404);
}

#[tokio::test]
async fn closing_comments_hides_the_form_and_refuses_comments() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let mut form = post_form(&csrf, "No comments here", "", "Body", "published");
    form.retain(|(k, _)| *k != "comments_open");

    create(&app, &form).await;

    let (_, page) = app.get_page("/posts/no-comments-here").await;
    assert!(!page.contains("Leave a Reply"));
    let response = app
        .post_comment("no-comments-here", &crate::helpers::valid_comment())
        .await;
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn deleting_a_post_asks_first_then_takes_it_off_the_site_into_the_trash() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.seed_comment("Reader", "On the welcome post", "approved")
        .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let (status, confirm) = app.get_page(&format!("/admin/posts/{id}/delete")).await;
    let response = app
        .admin_post(
            &format!("/admin/posts/{id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(status, 200);
    assert!(confirm.contains("its comment and its old addresses stay with it"));
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(public_status(&app, "/posts/welcome-to-folio").await, 404);
    assert_eq!(app.comment_count().await, 1, "kept in the trash with it");
}

#[tokio::test]
async fn the_post_list_links_to_its_pending_comments() {
    let app = spawn_app().await;
    app.login_admin().await;
    app.seed_comment("Reader", "Waiting", "pending").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let (_, list) = app.get_page("/admin/posts").await;
    let (_, filtered) = app
        .get_page(&format!("/admin/comments?status=pending&post={id}"))
        .await;

    assert!(list.contains(&format!("/admin/comments?status=pending&amp;post={id}")));
    assert!(list.contains("1 pending"));
    assert!(filtered.contains("Waiting"));
}
