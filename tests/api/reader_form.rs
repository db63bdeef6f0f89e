//! Nothing a reader types is lost, and nothing surprises them (issue 16):
//! a quick correction is not spam, a refusal opens at the form, a post that
//! closed meanwhile gives the text back, an old address keeps its query, and a
//! bare domain is a website.

use crate::helpers::{
    TestApp, WELCOME_SLUG, comment_with, input_value, location, spawn_app_with, valid_comment,
};

/// The app with the timing rule on (3 s), as a real site runs it.
async fn site_with_timing_rule() -> TestApp {
    spawn_app_with(|config| config.comment_min_seconds = 3).await
}

fn with(
    form: &[(&'static str, String)],
    field: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    let mut form: Vec<_> = form.iter().filter(|(k, _)| *k != field).cloned().collect();
    form.push((field, value.to_owned()));
    form
}

#[tokio::test]
async fn a_quick_correction_after_a_refusal_is_held_not_filed_as_spam() {
    let app = site_with_timing_rule().await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(comment_with("email", "ada(at)example.org"));
    app.clock.advance(20);

    let refused = app.post_comment_raw(WELCOME_SLUG, &form, &[]).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    let token = input_value(&page, "form_token").expect("the form comes back with its token");
    app.clock.advance(1);
    let corrected = with(
        &with(&valid_comment(), "form_token", &token),
        "homepage",
        "",
    );
    let response = app.post_comment_raw(WELCOME_SLUG, &corrected, &[]).await;

    assert_eq!(response.status().as_u16(), 303);
    let id = app.last_comment_id().await;
    assert_eq!(app.comment_status(id).await, "pending");
}

#[tokio::test]
async fn a_refused_form_opens_at_its_messages_which_take_the_focus() {
    let app = site_with_timing_rule().await;

    let response = app
        .post_comment(WELCOME_SLUG, &comment_with("email", "not-an-address"))
        .await;
    let page = response.text().await.unwrap();

    let summary_at = page.find(r#"id="form-errors""#).expect("an error summary");
    let form_at = page.find(r#"id="respond""#).unwrap();
    assert!(
        form_at < summary_at,
        "the summary is at the top of the form"
    );
    let summary_tag = &page[page[..summary_at].rfind('<').unwrap()..][..200];
    assert!(summary_tag.contains(r#"tabindex="-1""#), "{summary_tag}");
    assert!(summary_tag.contains("autofocus"), "{summary_tag}");
}

#[tokio::test]
async fn a_comment_on_a_post_closed_meanwhile_gets_the_text_back_with_a_403() {
    let app = site_with_timing_rule().await;
    app.create_post("closing", "Closing soon", true, true).await;
    let mut form = app.hidden_form_fields("closing").await;
    form.extend(comment_with(
        "body",
        "A long answer I typed for twenty minutes.",
    ));
    sqlx::query("UPDATE posts SET comments_open = 0 WHERE slug = 'closing'")
        .execute(&app.pool)
        .await
        .unwrap();

    let response = app.post_comment_raw("closing", &form, &[]).await;

    assert_eq!(response.status().as_u16(), 403);
    let page = response.text().await.unwrap();
    assert!(page.contains("Closing soon"), "the post page itself");
    assert!(page.contains("Comments are closed on this post."));
    assert!(page.contains("A long answer I typed for twenty minutes."));
    assert!(
        !page.contains(r#"id="respond""#),
        "no form to send it again"
    );
}

#[tokio::test]
async fn an_old_address_keeps_its_query_when_it_redirects() {
    let app = spawn_app_with(|_| {}).await;
    let id = app.create_post("old-name", "Renamed", true, true).await;
    sqlx::query(
        "INSERT INTO post_slug_history (old_slug, post_id, changed_at) VALUES ('older-name', ?, 0)",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();

    let response = app.get("/posts/older-name?replytocom=7&mine=abc").await;

    assert_eq!(response.status().as_u16(), 301);
    assert_eq!(location(&response), "/posts/old-name?replytocom=7&mine=abc");
}

#[tokio::test]
async fn a_bare_domain_is_taken_as_an_https_website() {
    let app = spawn_app_with(|_| {}).await;

    app.post_valid_comment(WELCOME_SLUG, &comment_with("website", "praxis-meier.de"))
        .await;

    let website: String = sqlx::query_scalar("SELECT author_website FROM comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(website, "https://praxis-meier.de");
}
