//! An ended session never throws away what the admin sent: the form is kept
//! through a new login and comes back, filled, for the admin to send.

use crate::helpers::{ADMIN, ADMIN_PASSWORD, TestApp, input_value, spawn_app, unescape};

/// Every `<input type="hidden" name=".." value="..">` of a page, as a browser would send them.
fn hidden_fields(page: &str) -> Vec<(String, String)> {
    let marker = r#"<input type="hidden" name=""#;
    page.match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &page[at + marker.len()..];
            let name_end = rest.find('"')?;
            let value_start = rest.find(r#"value=""#)? + r#"value=""#.len();
            let value_end = value_start + rest[value_start..].find('"')?;
            Some((
                unescape(&rest[..name_end]),
                unescape(&rest[value_start..value_end]),
            ))
        })
        .collect()
}

/// The `action` of the first form after `marker` in the page.
fn form_action(page: &str, marker: &str) -> String {
    let from = page.find(marker).unwrap();
    let start = page[from..].find(r#"action=""#).unwrap() + from + r#"action=""#.len();
    unescape(&page[start..start + page[start..].find('"').unwrap()])
}

async fn post_fields(app: &TestApp, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

const LONG_TEXT: &str = "A long article typed for an hour.\n\nIt must not be lost & it isn't.";

fn new_post_fields(csrf: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("csrf_token", csrf),
        ("title", "Flu season"),
        ("slug", ""),
        ("body", LONG_TEXT),
        ("status", "published"),
        ("action", "save"),
    ]
}

async fn post_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE title = 'Flu season'")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Logs in on the "log in again" page the app answered with; returns the page that follows.
async fn log_in_again(app: &TestApp, login_page: &str) -> reqwest::Response {
    let mut fields = hidden_fields(login_page);
    fields.push(("username".into(), ADMIN.into()));
    fields.push(("password".into(), ADMIN_PASSWORD.into()));
    post_fields(app, "/admin/login", &fields).await
}

/// The 401 "log in again" answer, logged in on; returns the form shown to send again.
async fn refused_then_logged_in(app: &TestApp, refused: reqwest::Response) -> String {
    assert_eq!(refused.status().as_u16(), 401);
    let again = log_in_again(app, &refused.text().await.unwrap()).await;
    assert_eq!(again.status().as_u16(), 200);
    again.text().await.unwrap()
}

#[tokio::test]
async fn a_post_saved_after_a_logout_in_another_tab_comes_back_after_logging_in_again() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;

    let response = app
        .admin_post("/admin/posts", &new_post_fields(&csrf))
        .await;

    assert_eq!(response.status().as_u16(), 401);
    let page = response.text().await.unwrap();
    assert!(page.contains("Your session ended"), "{page}");
    assert!(page.contains(r#"name="password""#), "a login form");
    assert_eq!(post_count(&app).await, 0);

    let again = log_in_again(&app, &page).await;

    assert_eq!(again.status().as_u16(), 200);
    let page = again.text().await.unwrap();
    assert!(
        page.contains("It must not be lost &amp; it isn&#x27;t."),
        "{page}"
    );
    assert_eq!(
        post_count(&app).await,
        0,
        "nothing is applied without the admin"
    );
    let action = form_action(&page, "Send your form again");
    let sent = post_fields(&app, &action, &hidden_fields(&page)).await;
    assert_eq!(sent.status().as_u16(), 303);
    let body: String =
        sqlx::query_scalar("SELECT body_markdown FROM posts WHERE title = 'Flu season'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(body, LONG_TEXT);
}

#[tokio::test]
async fn a_wrong_password_on_the_way_back_keeps_the_form() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    app.clock.advance(13 * 3600);
    let page = app
        .admin_post("/admin/posts", &new_post_fields(&csrf))
        .await
        .text()
        .await
        .unwrap();
    let mut fields = hidden_fields(&page);
    fields.push(("username".into(), ADMIN.into()));
    fields.push(("password".into(), "not the password".into()));

    let refused = post_fields(&app, "/admin/login", &fields).await;

    assert_eq!(refused.status().as_u16(), 401);
    let page = refused.text().await.unwrap();
    assert_eq!(log_in_again(&app, &page).await.status().as_u16(), 200);
}

#[tokio::test]
async fn settings_sent_after_the_session_expired_come_back_after_logging_in_again() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let (_, page) = app.get_page("/admin/settings").await;
    let mut form = hidden_fields(&page);
    form.retain(|(name, _)| name == "csrf_token");
    form.extend(
        [
            ("title", "Praxis Dr. Meier"),
            ("tagline", ""),
            ("header_lines", "Mo–Fr 8–12"),
            ("timezone", "Europe/Berlin"),
            ("posts_per_page", "10"),
            ("hold_if_links_over", "2"),
            ("spam_words", ""),
            ("moderation_words", ""),
            ("close_comments_after_days", "0"),
            ("thread_depth", "5"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    assert_eq!(form[0].1, csrf);
    app.clock.advance(13 * 3600);

    let response = post_fields(&app, "/admin/settings", &form).await;

    let page = refused_then_logged_in(&app, response).await;
    assert!(page.contains("Mo–Fr 8–12"));
    let sent = post_fields(&app, "/admin/settings", &hidden_fields(&page)).await;
    assert_eq!(sent.status().as_u16(), 303);
    let (_, home) = app.get_page("/").await;
    assert!(home.contains("Praxis Dr. Meier"));
}

#[tokio::test]
async fn a_form_from_an_ended_session_sent_after_a_new_login_is_shown_again_to_send() {
    let app = spawn_app().await;
    let old_csrf = app.login_admin().await;
    app.admin_post("/admin/logout", &[("csrf_token", &old_csrf)])
        .await;
    app.login_as(ADMIN, ADMIN_PASSWORD).await;

    let response = app
        .admin_post("/admin/posts", &new_post_fields(&old_csrf))
        .await;

    assert_eq!(response.status().as_u16(), 403, "refused, nothing changed");
    assert_eq!(post_count(&app).await, 0);
    let page = response.text().await.unwrap();
    let fresh = input_value(&page, "csrf_token").unwrap();
    assert_ne!(fresh, old_csrf);
    let sent = post_fields(&app, "/admin/posts", &hidden_fields(&page)).await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(post_count(&app).await, 1);
}

#[tokio::test]
async fn a_form_sent_from_another_site_is_not_carried_through_a_login() {
    let app = spawn_app().await;
    app.create_admin(ADMIN, ADMIN_PASSWORD).await;

    let response = app
        .client
        .post(app.url("/admin/posts"))
        .header("sec-fetch-site", "cross-site")
        .form(&new_post_fields("guessed"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 303);
    assert!(crate::helpers::location(&response).starts_with("/admin/login"));
}

#[tokio::test]
async fn a_comment_edit_sent_after_a_logout_comes_back_after_logging_in_again() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app
        .seed_comment("Reader", "Helo, typo here", "pending")
        .await;
    app.admin_post("/admin/logout", &[("csrf_token", &csrf)])
        .await;
    let path = format!("/admin/comments/{id}/edit");
    let edit = [
        ("csrf_token", csrf.as_str()),
        ("author_name", "Reader"),
        ("author_website", ""),
        ("body", "Hello, typo fixed"),
    ];

    let response = app.admin_post(&path, &edit).await;

    let page = refused_then_logged_in(&app, response).await;
    assert_eq!(form_action(&page, "Send your form again"), path);
    let sent = post_fields(&app, &path, &hidden_fields(&page)).await;
    assert_eq!(sent.status().as_u16(), 303);
    let body: String = sqlx::query_scalar("SELECT body FROM comments WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(body, "Hello, typo fixed");
}
