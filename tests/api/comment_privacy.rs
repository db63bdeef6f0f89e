//! Privacy at the comment form (issue 14, part 2): the opt-in "save my name,
//! email, and website" cookie, and the consent box a site may require.

use crate::helpers::{
    TestApp, WELCOME_SLUG, comment_with, input_value, spawn_app, spawn_app_with_site, valid_comment,
};

const COOKIE: &str = "folio_commenter";

fn post_path() -> String {
    format!("/posts/{WELCOME_SLUG}")
}

fn set_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{COOKIE}=")))
}

fn ticked(mut form: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    form.push(("remember", "on".into()));
    form
}

async fn send(app: &TestApp, form: &[(&'static str, String)]) -> reqwest::Response {
    let response = app.post_comment(WELCOME_SLUG, form).await;
    assert_eq!(response.status().as_u16(), 303);
    response
}

#[tokio::test]
async fn the_form_offers_to_remember_the_reader_unticked() {
    let app = spawn_app().await;

    let (_, page) = app.get_page(&post_path()).await;

    assert!(
        page.contains(
            "Save my name, email, and website in this browser for the next time I comment."
        )
    );
    assert!(page.contains(r#"<input type="checkbox" id="remember" name="remember">"#));
}

#[tokio::test]
async fn no_cookie_is_set_unless_the_reader_ticks_the_box() {
    let app = spawn_app().await;

    let response = send(&app, &valid_comment()).await;

    assert_eq!(set_cookie(&response), None);
}

#[tokio::test]
async fn a_remembered_reader_finds_the_form_filled_and_their_pending_comment_later() {
    let app = spawn_app().await;
    let response = send(&app, &ticked(valid_comment())).await;
    let cookie = set_cookie(&response).expect("the box was ticked");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Max-Age="),
        "{cookie}"
    );

    let later = app.get(&post_path()).await;
    let cache_control = later.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_owned();
    let page = later.text().await.unwrap();
    let (_, strangers_page) = {
        let stranger = reqwest::get(app.url(&post_path())).await.unwrap();
        (stranger.status(), stranger.text().await.unwrap())
    };

    assert_eq!(input_value(&page, "name").as_deref(), Some("Ada Lovelace"));
    assert_eq!(
        input_value(&page, "email").as_deref(),
        Some("ada@example.org")
    );
    assert!(page.contains(r#"id="remember" name="remember" checked"#));
    assert!(
        page.contains("What a thoughtful post."),
        "their own pending comment"
    );
    assert!(page.contains("Your comment is awaiting moderation."));
    assert!(
        page.contains("1 comment"),
        "the heading counts what the reader sees"
    );
    assert!(cache_control.contains("private"), "{cache_control}");
    assert!(!strangers_page.contains("What a thoughtful post."));
    assert!(!strangers_page.contains("ada@example.org"));
}

#[tokio::test]
async fn sending_the_form_unticked_forgets_the_reader() {
    let app = spawn_app().await;
    send(&app, &ticked(valid_comment())).await;

    let response = send(&app, &comment_with("body", "Second thoughts.")).await;

    let removal = set_cookie(&response).expect("the cookie is removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");
    let (_, page) = app.get_page(&post_path()).await;
    assert_eq!(input_value(&page, "name").as_deref(), Some(""));
}

#[tokio::test]
async fn a_forged_cookie_shows_nobody_elses_comments() {
    let app = spawn_app().await;
    send(&app, &valid_comment()).await;

    let response = app
        .get_with(&post_path(), "cookie", &format!("{COOKIE}=00.00"))
        .await;

    let page = response.text().await.unwrap();
    assert!(!page.contains("What a thoughtful post."));
}

async fn site_requiring_consent() -> TestApp {
    spawn_app_with_site(|_| {}, "UPDATE site_settings SET require_consent = 1").await
}

#[tokio::test]
async fn a_site_may_require_consent_and_a_comment_without_it_is_refused_with_everything_kept() {
    let app = site_requiring_consent().await;

    let response = app.post_comment(WELCOME_SLUG, &valid_comment()).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("I agree that my data is stored as described in the privacy policy."));
    assert!(page.contains("Please agree to how your data is stored"));
    assert!(page.contains("What a thoughtful post."), "the text is kept");
    assert_eq!(app.comment_count().await, 0);
}

#[tokio::test]
async fn the_time_of_consent_is_stored_with_the_comment() {
    let app = site_requiring_consent().await;
    let mut form = valid_comment();
    form.push(("consent", "on".into()));

    send(&app, &form).await;

    let consent_at: Option<i64> = sqlx::query_scalar("SELECT consent_at FROM comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(consent_at, Some(app.clock.now().seconds()));
}

#[tokio::test]
async fn without_the_setting_no_consent_is_asked_or_stored() {
    let app = spawn_app().await;

    let (_, page) = app.get_page(&post_path()).await;
    send(&app, &valid_comment()).await;

    assert!(!page.contains(r#"name="consent""#));
    let consent_at: Option<i64> = sqlx::query_scalar("SELECT consent_at FROM comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(consent_at, None);
}
