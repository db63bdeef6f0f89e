//! Each admin's account page: the name readers see on their replies, and an
//! email address for notifications. The login name is never shown publicly.

use crate::helpers::{ADMIN, TestApp, WELCOME_SLUG, spawn_app};

async fn save_account(
    app: &TestApp,
    csrf: &str,
    display_name: &str,
    email: &str,
) -> reqwest::Response {
    app.admin_post(
        "/admin/account",
        &[
            ("csrf_token", csrf),
            ("display_name", display_name),
            ("email", email),
        ],
    )
    .await
}

/// The admin replies to a reader's pending comment; returns the post page readers see.
async fn reply_and_read(app: &TestApp, csrf: &str) -> String {
    let parent = app
        .seed_comment("Reader", "When are you open?", "pending")
        .await;
    let replied = app
        .admin_post(
            &format!("/admin/comments/{parent}/reply"),
            &[("csrf_token", csrf), ("body", "Monday to Friday.")],
        )
        .await;
    assert_eq!(replied.status().as_u16(), 303);
    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(page.contains("Monday to Friday."));
    page
}

/// A comment's author line as the post page shows it.
fn signed_by(name: &str) -> String {
    format!(r#"<span class="comment-author">{name}"#)
}

#[tokio::test]
async fn the_account_page_sets_the_display_name_and_email() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = save_account(&app, &csrf, "Dr. Anna Meier", "anna@praxis.example").await;

    assert_eq!(response.status().as_u16(), 303);
    let (status, page) = app.get_page("/admin/account").await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"name="display_name" value="Dr. Anna Meier""#),
        "{page}"
    );
    assert!(page.contains(r#"name="email" value="anna@praxis.example""#));
}

#[tokio::test]
async fn a_bad_email_on_the_account_page_is_refused_with_the_form_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let response = save_account(&app, &csrf, "Dr. Anna Meier", "not an address").await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="email-error""#));
    assert!(page.contains("Dr. Anna Meier"));
}

#[tokio::test]
async fn an_admins_reply_shows_the_display_name_never_the_login_name() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    save_account(&app, &csrf, "Dr. Anna Meier", "").await;

    let page = reply_and_read(&app, &csrf).await;

    assert!(page.contains(&signed_by("Dr. Anna Meier")));
    assert!(!page.contains(&signed_by(ADMIN)), "the login name is shown");
}

#[tokio::test]
async fn without_a_display_name_a_reply_is_signed_with_the_sites_title() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let page = reply_and_read(&app, &csrf).await;

    assert!(!page.contains(&signed_by(ADMIN)), "the login name is shown");
    let signed: String =
        sqlx::query_scalar("SELECT author_name FROM comments WHERE admin_id IS NOT NULL")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(signed, "Folio");
}
