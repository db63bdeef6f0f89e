//! A post's old addresses keep leading to it: taking one for another post
//! needs a confirmation, and no edit or delete ever loses one.

use crate::helpers::{TestApp, location, spawn_app};

fn form<'a>(csrf: &'a str, title: &'a str, slug: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", title),
        ("slug", slug),
        ("body", "Body"),
        ("status", "published"),
        ("action", "save"),
    ]
}

/// Saves through the editor (`id` "" for a new post); returns the response.
async fn save(app: &TestApp, id: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let path = if id.is_empty() {
        "/admin/posts".to_owned()
    } else {
        format!("/admin/posts/{id}")
    };
    app.admin_post(&path, fields).await
}

fn id_of(response: &reqwest::Response) -> String {
    assert_eq!(response.status().as_u16(), 303);
    location(response)
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned()
}

/// The article "Opening hours", moved from /posts/hours to /posts/opening-hours.
async fn moved_article(app: &TestApp, csrf: &str) -> String {
    let id = id_of(&save(app, "", &form(csrf, "Opening hours", "hours")).await);
    id_of(&save(app, &id, &form(csrf, "Opening hours", "opening-hours")).await);
    id
}

/// A new post that takes the moved article's old address, confirmed; returns its id.
async fn take_its_old_address(app: &TestApp, csrf: &str) -> String {
    moved_article(app, csrf).await;
    let mut confirmed = form(csrf, "Hours in winter", "hours");
    confirmed.push(("take_old_address", "on"));
    id_of(&save(app, "", &confirmed).await)
}

async fn redirect_of(app: &TestApp, path: &str) -> (u16, Option<String>) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, (status == 301).then(|| location(&response)))
}

#[tokio::test]
async fn taking_another_posts_old_address_warns_first_and_saves_nothing() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    moved_article(&app, &csrf).await;

    let response = save(&app, "", &form(&csrf, "Hours in winter", "hours")).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("old address of “Opening hours”"), "{page}");
    assert!(
        page.contains(r#"name="take_old_address""#),
        "a box to confirm"
    );
    assert!(page.contains("Hours in winter"), "the form is kept");
    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/opening-hours".into()))
    );
}

#[tokio::test]
async fn deleting_a_post_that_took_an_old_address_restores_its_redirect() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let new_id = take_its_old_address(&app, &csrf).await;
    assert_eq!(app.get("/posts/hours").await.status().as_u16(), 200);

    let deleted = app
        .admin_post(
            &format!("/admin/posts/{new_id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(deleted.status().as_u16(), 303);
    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/opening-hours".into()))
    );
}

#[tokio::test]
async fn moving_a_post_off_a_taken_old_address_and_deleting_it_loses_no_history() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let new_id = take_its_old_address(&app, &csrf).await;

    id_of(
        &save(
            &app,
            &new_id,
            &form(&csrf, "Hours in winter", "winter-hours"),
        )
        .await,
    );
    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/winter-hours".into())),
        "the address leads to its latest owner"
    );
    app.admin_post(
        &format!("/admin/posts/{new_id}/delete"),
        &[("csrf_token", &csrf)],
    )
    .await;

    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/opening-hours".into()))
    );
}
