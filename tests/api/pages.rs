//! Pages: written at /admin/pages with the post editor, read at /{slug}.

use crate::helpers::{TestApp, input_value, location, spawn_app, unescape, valid_comment};

fn page_form<'a>(
    csrf: &'a str,
    title: &'a str,
    slug: &'a str,
    status: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", title),
        ("slug", slug),
        ("body", "Praxis Dr. Muster, **Hauptstraße 1**, Nürnberg."),
        ("status", status),
        ("action", "save"),
    ]
}

/// Creates a page through the editor; returns the page's id.
async fn create_page(app: &TestApp, form: &[(&str, &str)]) -> i64 {
    let response = app.admin_post("/admin/pages", form).await;
    assert_eq!(response.status().as_u16(), 303, "the page was not saved");
    let edit = location(&response);
    edit.trim_start_matches("/admin/pages/")
        .trim_end_matches("/edit")
        .parse()
        .expect("redirected to the page's editor")
}

async fn published_impressum(app: &TestApp, csrf: &str) -> i64 {
    create_page(app, &page_form(csrf, "Impressum", "", "published")).await
}

#[tokio::test]
async fn a_published_page_is_served_at_its_slug_without_date_or_reading_time() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    published_impressum(&app, &csrf).await;

    let (status, page) = app.get_page("/impressum").await;
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Impressum</h1>"));
    assert!(page.contains("<strong>Hauptstraße 1</strong>"));
    assert!(!page.contains("min read"));
    assert!(!page.contains("<time"));
}

#[tokio::test]
async fn a_page_is_neither_on_the_home_page_nor_in_the_feed_but_in_the_sitemap() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    published_impressum(&app, &csrf).await;

    let (_, home) = app.get_page("/").await;
    assert!(!home.contains("Impressum"));
    let (_, feed) = app.get_page("/feed.xml").await;
    assert!(!feed.contains("Impressum"));
    assert!(!feed.contains("/impressum"));
    let (_, sitemap) = app.get_page("/sitemap.xml").await;
    let sitemap = unescape(&sitemap);
    assert!(sitemap.contains("/impressum</loc>"), "{sitemap}");
    assert!(!sitemap.contains("/posts/impressum"));
}

#[tokio::test]
async fn a_page_is_not_served_under_posts_nor_a_post_at_the_top_level() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    published_impressum(&app, &csrf).await;

    assert_eq!(app.get("/posts/impressum").await.status().as_u16(), 404);
    assert_eq!(app.get("/welcome-to-folio").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_draft_page_is_a_404_for_readers_and_previewed_for_the_admin() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let id = create_page(&app, &page_form(&csrf, "Kontakt", "", "draft")).await;

    assert_eq!(app.get("/kontakt").await.status().as_u16(), 404);
    let (status, preview) = app.get_page(&format!("/admin/pages/{id}/preview")).await;
    assert_eq!(status, 200);
    assert!(preview.contains("Hauptstraße 1"));
    assert!(preview.contains("Draft"));
    let (_, list) = app.get_page("/admin/pages").await;
    assert!(list.contains("Kontakt"), "{list}");
    let (_, posts) = app.get_page("/admin/posts").await;
    assert!(
        !posts.contains("Kontakt"),
        "pages are not in the posts list"
    );
}

#[tokio::test]
async fn the_preview_button_shows_the_page_without_saving_it() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let mut form = page_form(&csrf, "Datenschutz", "", "published");
    form.retain(|(k, _)| *k != "action");
    form.push(("action", "preview"));

    let response = app.admin_post("/admin/pages", &form).await;

    assert_eq!(response.status().as_u16(), 200);
    let editor = response.text().await.unwrap();
    assert!(editor.contains("<strong>Hauptstraße 1</strong>"));
    assert_eq!(app.get("/datenschutz").await.status().as_u16(), 404);
}

#[tokio::test]
async fn publishing_a_draft_page_later_makes_it_visible() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = create_page(&app, &page_form(&csrf, "Kontakt", "", "draft")).await;

    let mut form = page_form(&csrf, "Kontakt", "kontakt", "published");
    let (_, editor) = app.get_page(&format!("/admin/pages/{id}/edit")).await;
    let revision = input_value(&editor, "revision").unwrap();
    form.push(("revision", &revision));
    let response = app.admin_post(&format!("/admin/pages/{id}"), &form).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(app.get("/kontakt").await.status().as_u16(), 200);
}

#[tokio::test]
async fn a_slug_that_is_a_route_is_refused_next_to_the_slug_field() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    for slug in [
        "admin", "posts", "tags", "static", "healthz", "feed", "wp-admin",
    ] {
        let response = app
            .admin_post("/admin/pages", &page_form(&csrf, "Mine", slug, "published"))
            .await;
        assert_eq!(response.status().as_u16(), 422, "{slug}");
        let editor = response.text().await.unwrap();
        assert!(editor.contains(r#"id="slug-error""#), "{slug}");
        assert!(editor.contains("belongs to Folio itself"), "{slug}");
    }
    let (_, list) = app.get_page("/admin/pages").await;
    assert!(list.contains("No pages yet"));
}

#[tokio::test]
async fn a_title_that_makes_a_reserved_slug_gets_a_free_one() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    create_page(&app, &page_form(&csrf, "Admin", "", "published")).await;

    assert_eq!(app.get("/admin-2").await.status().as_u16(), 200);
}

#[tokio::test]
async fn pages_in_the_navigation_are_shown_on_every_page_in_their_order() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let impressum = published_impressum(&app, &csrf).await;
    let contact = create_page(&app, &page_form(&csrf, "Kontakt", "", "published")).await;
    let hidden = create_page(&app, &page_form(&csrf, "Intern", "", "published")).await;
    let (i, c, h) = (
        format!("position-{impressum}"),
        format!("position-{contact}"),
        format!("position-{hidden}"),
    );

    let response = app
        .admin_post(
            "/admin/pages/navigation",
            &[("csrf_token", &csrf), (&i, "2"), (&c, "1"), (&h, "")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    for path in [
        "/",
        "/posts/welcome-to-folio",
        "/impressum",
        "/no-such-page",
    ] {
        let (_, page) = app.get_page(path).await;
        let nav_start = page.find(r#"<nav class="site-nav""#).expect(path);
        let nav = &page[nav_start..nav_start + page[nav_start..].find("</nav>").unwrap()];
        let kontakt = nav.find(r#"<a href="/kontakt">Kontakt</a>"#).expect(path);
        let impressum = nav
            .find(r#"<a href="/impressum">Impressum</a>"#)
            .expect(path);
        assert!(kontakt < impressum, "{path}: in the chosen order");
        assert!(!nav.contains("Intern"), "{path}");
    }
}

#[tokio::test]
async fn a_navigation_place_that_is_not_a_number_is_refused_with_a_message() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = published_impressum(&app, &csrf).await;
    let field = format!("position-{id}");

    app.admin_post(
        "/admin/pages/navigation",
        &[("csrf_token", &csrf), (&field, "first")],
    )
    .await;

    let (_, list) = app.get_page("/admin/pages").await;
    assert!(list.contains("The navigation was not saved"));
    let (_, home) = app.get_page("/").await;
    assert!(!home.contains(r#"<nav class="site-nav""#));
}

#[tokio::test]
async fn comments_are_off_on_a_new_page_and_allowed_per_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let (_, editor) = app.get_page("/admin/pages/new").await;
    assert!(!editor.contains(r#"name="comments_open" checked"#));
    published_impressum(&app, &csrf).await;

    let (_, page) = app.get_page("/impressum").await;
    assert!(!page.contains(r#"id="respond""#));
    let response = app
        .client
        .post(app.url("/impressum/comments"))
        .form(&valid_comment())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);

    let mut form = page_form(&csrf, "Gästebuch", "", "published");
    form.push(("comments_open", "on"));
    create_page(&app, &form).await;
    let (_, page) = app.get_page("/gastebuch").await;
    assert!(page.contains(r#"action="/gastebuch/comments""#));
    let mut comment = valid_comment();
    comment.push((
        "form_token",
        input_value(&page, "form_token").expect("the form has a token"),
    ));
    comment.push(("homepage", String::new()));
    let response = app
        .client
        .post(app.url("/gastebuch/comments"))
        .form(&comment)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert!(location(&response).starts_with("/gastebuch?mine="));
}

#[tokio::test]
async fn deleting_a_page_takes_it_off_the_site() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = published_impressum(&app, &csrf).await;
    let (status, confirm) = app.get_page(&format!("/admin/pages/{id}/delete")).await;
    assert_eq!(status, 200);
    assert!(confirm.contains(&format!(r#"action="/admin/pages/{id}/delete""#)));

    let response = app
        .admin_post(
            &format!("/admin/pages/{id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/pages");
    assert_eq!(app.get("/impressum").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_page_is_not_edited_through_the_posts_editor() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = published_impressum(&app, &csrf).await;

    let (status, _) = app.get_page(&format!("/admin/posts/{id}/edit")).await;

    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_page_does_not_take_an_imported_old_address_that_leads_elsewhere() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    sqlx::query(
        "INSERT INTO redirects (path, target, created_at) VALUES ('/kontakt-alt', '/posts/welcome-to-folio', 0)",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let response = app
        .admin_post(
            "/admin/pages",
            &page_form(&csrf, "Kontakt", "kontakt-alt", "published"),
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(response.text().await.unwrap().contains("old address"));
    create_page(&app, &page_form(&csrf, "Kontakt alt", "", "published")).await;

    assert_eq!(app.get("/kontakt-alt-2").await.status().as_u16(), 200);
    let old = app.get("/kontakt-alt").await;
    assert_eq!(old.status().as_u16(), 301);
    assert_eq!(location(&old), "/posts/welcome-to-folio");
}

/// A page with comments allowed and one pending comment by ada@example.org on it.
async fn page_with_a_pending_comment(app: &TestApp, csrf: &str) {
    let mut form = page_form(csrf, "Gästebuch", "", "published");
    form.push(("comments_open", "on"));
    let id = create_page(app, &form).await;
    sqlx::query(
        "INSERT INTO comments (post_id, author_name, author_email, author_website, body, body_html, status, ip, created_at)
         VALUES (?, 'Ada', 'ada@example.org', '', 'Hi', '<p>Hi</p>', 'pending', '', 0)",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_admin_queue_links_a_page_comment_to_the_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    page_with_a_pending_comment(&app, &csrf).await;

    let (_, queue) = app.get_page("/admin/comments?status=pending").await;

    assert!(
        queue.contains(r#"<a href="/gastebuch">Gästebuch</a>"#),
        "{queue}"
    );
}

#[tokio::test]
async fn a_personal_data_export_links_a_page_comment_to_the_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    page_with_a_pending_comment(&app, &csrf).await;

    let response = app
        .admin_post(
            "/admin/privacy/export",
            &[("csrf_token", &csrf), ("email", "ada@example.org")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 200);
    let json: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let url = json["comments"][0]["post_url"].as_str().unwrap();
    assert!(url.ends_with("/gastebuch"), "{url}");
}

#[tokio::test]
async fn a_renamed_page_leaves_its_old_address_redirecting_to_the_new_one() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = create_page(&app, &page_form(&csrf, "Kontakt", "", "published")).await;
    let (_, editor) = app.get_page(&format!("/admin/pages/{id}/edit")).await;
    let revision = input_value(&editor, "revision").unwrap();
    let mut form = page_form(&csrf, "Kontakt", "kontakt-und-anfahrt", "published");
    form.push(("revision", &revision));

    let response = app.admin_post(&format!("/admin/pages/{id}"), &form).await;

    assert_eq!(response.status().as_u16(), 303);
    let old = app.get("/kontakt").await;
    assert_eq!(old.status().as_u16(), 301);
    assert_eq!(location(&old), "/kontakt-und-anfahrt");
    assert_eq!(app.get("/posts/kontakt").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_signed_in_admin_sees_an_edit_link_on_a_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = published_impressum(&app, &csrf).await;

    let (_, page) = app.get_page("/impressum").await;

    assert!(page.contains(&format!(r#"href="/admin/pages/{id}/edit""#)));
}
