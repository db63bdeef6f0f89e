//! Two tabs, one post: an edit made from an older version is never saved over a newer one
//! unseen, and every save is kept as a revision the admin can restore.

use crate::helpers::{TestApp, input_value, location, spawn_app};

/// The editor's fields as the browser sends them, from an edit page's `revision`.
fn edit_form<'a>(
    csrf: &'a str,
    revision: &'a str,
    title: &'a str,
    body: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("revision", revision),
        ("title", title),
        ("slug", "visiting-hours"),
        ("body", body),
        ("status", "published"),
        ("comments_open", "on"),
        ("action", "save"),
    ]
}

/// A published post made through the editor; returns its id.
async fn new_post(app: &TestApp, csrf: &str) -> String {
    let response = app
        .admin_post(
            "/admin/posts",
            &[
                ("csrf_token", csrf),
                ("title", "Visiting hours"),
                ("slug", "visiting-hours"),
                ("body", "First paragraph."),
                ("status", "published"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    location(&response)
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned()
}

/// The revision an edit page was loaded at (what a tab holds).
async fn open_editor(app: &TestApp, id: &str) -> String {
    let (status, page) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    assert_eq!(status, 200);
    input_value(&page, "revision").expect("the editor carries the revision it was opened at")
}

/// Opens the editor and saves a new text, as one tab would.
async fn save_body(app: &TestApp, csrf: &str, id: &str, body: &str) {
    let at = open_editor(app, id).await;
    let response = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &edit_form(csrf, &at, "Visiting hours", body),
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
}

async fn stored_body(app: &TestApp, id: &str) -> String {
    sqlx::query_scalar("SELECT body_markdown FROM posts WHERE id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn saving_an_edit_made_from_an_older_version_answers_409_with_both_versions() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = new_post(&app, &csrf).await;
    let tab1 = open_editor(&app, &id).await;
    let tab2 = open_editor(&app, &id).await;
    let with_paragraph = "First paragraph.\n\nA new paragraph from tab one.";
    let saved = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &edit_form(&csrf, &tab1, "Visiting hours", with_paragraph),
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let response = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &edit_form(
                &csrf,
                &tab2,
                "Visiting hours (corrected)",
                "First paragraph.",
            ),
        )
        .await;

    assert_eq!(response.status().as_u16(), 409);
    let page = response.text().await.unwrap();
    assert!(page.contains("changed since you opened it"), "{page}");
    assert!(
        page.contains("A new paragraph from tab one."),
        "the saved version is shown"
    );
    assert_eq!(
        input_value(&page, "title").as_deref(),
        Some("Visiting hours (corrected)"),
        "the admin's own version stays in the form"
    );
    assert_eq!(
        stored_body(&app, &id).await,
        with_paragraph,
        "nothing was overwritten"
    );
}

#[tokio::test]
async fn after_a_conflict_the_admin_may_save_their_own_version_on_purpose() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = new_post(&app, &csrf).await;
    let old = open_editor(&app, &id).await;
    app.admin_post(
        &format!("/admin/posts/{id}"),
        &edit_form(&csrf, &old, "Visiting hours", "Theirs."),
    )
    .await;
    let conflict = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &edit_form(&csrf, &old, "Visiting hours", "Mine."),
        )
        .await
        .text()
        .await
        .unwrap();
    let now_at = input_value(&conflict, "revision").unwrap();

    let response = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &edit_form(&csrf, &now_at, "Visiting hours", "Mine."),
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(stored_body(&app, &id).await, "Mine.");
}

#[tokio::test]
async fn every_save_is_listed_on_the_edit_page_and_an_old_one_can_be_restored() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = new_post(&app, &csrf).await;
    for body in ["Second version.", "Third version."] {
        save_body(&app, &csrf, &id, body).await;
    }
    let (_, page) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    assert_eq!(page.matches("class=\"revision\"").count(), 3, "{page}");
    let first: i64 =
        sqlx::query_scalar("SELECT id FROM revisions WHERE post_id = ? ORDER BY revision LIMIT 1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let restore = format!("/admin/posts/{id}/revisions/{first}/restore");
    assert!(
        page.contains(&restore),
        "each revision has a restore button"
    );

    let response = app.admin_post(&restore, &[("csrf_token", &csrf)]).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(stored_body(&app, &id).await, "First paragraph.");
    let (_, page) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    assert_eq!(
        page.matches("class=\"revision\"").count(),
        4,
        "restoring is a save too"
    );
}

#[tokio::test]
async fn restoring_a_revision_without_the_csrf_token_changes_nothing() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = new_post(&app, &csrf).await;
    save_body(&app, &csrf, &id, "Second version.").await;
    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM revisions")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let response = app
        .admin_post(
            &format!("/admin/posts/{id}/revisions/{first}/restore"),
            &[("csrf_token", "forged")],
        )
        .await;

    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(stored_body(&app, &id).await, "Second version.");
}

#[tokio::test]
async fn only_the_last_20_revisions_of_a_post_are_kept() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = new_post(&app, &csrf).await;
    for n in 0..24 {
        save_body(&app, &csrf, &id, &format!("Version {n}.")).await;
    }

    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM revisions WHERE post_id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(kept, 20);
    let (_, page) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    assert_eq!(page.matches("class=\"revision\"").count(), 20);
}

#[tokio::test]
async fn a_post_made_before_revisions_keeps_its_first_text_when_edited() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE slug = ?")
        .bind(crate::helpers::WELCOME_SLUG)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let original = stored_body(&app, &id).await;

    save_body(&app, &csrf, &id, "A new welcome.").await;

    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM revisions WHERE post_id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let restore = format!("/admin/posts/{id}/revisions/{first}/restore");
    let response = app.admin_post(&restore, &[("csrf_token", &csrf)]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(stored_body(&app, &id).await, original);
}
