//! Retention in the open: the IP and spam retention periods in the site
//! settings, explained to the admin; a saved period wins over the server's
//! default from the environment (issue 14, part 4).

use folio::hygiene::{self, Retention};

use crate::helpers::{TestApp, comment_with, input_value, spawn_app_with};

const DAY: i64 = 24 * 60 * 60;

/// A server whose environment keeps IP addresses 45 days and spam 60.
async fn app_with_server_defaults() -> TestApp {
    spawn_app_with(|config| {
        config.ip_retention_days = 45;
        config.spam_retention_days = 60;
    })
    .await
}

/// The settings form as shown, with the retention fields set to these values.
async fn settings_with_retention(app: &TestApp, ip: &str, spam: &str) -> Vec<(String, String)> {
    let (_, page) = app.get_page("/admin/settings").await;
    let mut form: Vec<(String, String)> = [
        "csrf_token",
        "title",
        "tagline",
        "posts_per_page",
        "hold_if_links_over",
        "close_comments_after_days",
        "thread_depth",
    ]
    .iter()
    .map(|name| (name.to_string(), input_value(&page, name).unwrap()))
    .collect();
    form.push(("timezone".into(), "UTC".into()));
    form.push(("ip_retention_days".into(), ip.into()));
    form.push(("spam_retention_days".into(), spam.into()));
    form
}

async fn save(app: &TestApp, form: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(app.url("/admin/settings"))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn stored_retention(app: &TestApp) -> (Option<i64>, Option<i64>) {
    sqlx::query_as("SELECT ip_retention_days, spam_retention_days FROM site_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_settings_page_explains_both_periods_and_the_servers_default() {
    let app = app_with_server_defaults().await;
    app.login_admin().await;

    let (status, page) = app.get_page("/admin/settings").await;

    assert_eq!(status, 200);
    assert!(page.contains(r#"name="ip_retention_days" value="""#));
    assert!(page.contains(r#"name="spam_retention_days" value="""#));
    assert!(page.contains("FOLIO_IP_RETENTION_DAYS"));
    assert!(page.contains("the server's default, now 45 days"), "{page}");
    assert!(page.contains("the server's default, now 60 days"));
    assert!(page.contains("/24"), "says what reducing an address means");
}

#[tokio::test]
async fn saved_periods_are_kept_and_an_empty_field_leaves_the_servers_default() {
    let app = app_with_server_defaults().await;
    app.login_admin().await;

    let response = save(&app, &settings_with_retention(&app, "7", "").await).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(stored_retention(&app).await, (Some(7), None));
    let (_, page) = app.get_page("/admin/settings").await;
    assert!(page.contains(r#"name="ip_retention_days" value="7""#));
    assert!(page.contains(r#"name="spam_retention_days" value="""#));
}

#[tokio::test]
async fn a_period_that_is_not_whole_days_is_refused_next_to_its_field() {
    let app = app_with_server_defaults().await;
    app.login_admin().await;

    let response = save(&app, &settings_with_retention(&app, "-1", "a week").await).await;

    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="ip_retention_days-error""#));
    assert!(page.contains(r#"id="spam_retention_days-error""#));
    assert!(page.contains(r#"value="a week""#), "what was typed is kept");
    assert_eq!(stored_retention(&app).await, (None, None));
}

/// A comment from 10 days ago with a full IP address, and an old spam comment.
async fn ten_day_old_comments(app: &TestApp) -> (i64, i64) {
    let mut ids = Vec::new();
    for body in ["An old comment", "Old spam"] {
        app.post_valid_comment(crate::helpers::WELCOME_SLUG, &comment_with("body", body))
            .await;
        ids.push(app.last_comment_id().await);
    }
    app.set_comment_status(ids[1], "spam").await;
    sqlx::query("UPDATE comments SET ip = '203.0.113.77', created_at = created_at - ?")
        .bind(10 * DAY)
        .execute(&app.pool)
        .await
        .unwrap();
    (ids[0], ids[1])
}

#[tokio::test]
async fn the_hourly_task_follows_the_settings_over_the_servers_default() {
    let app = app_with_server_defaults().await;
    let (old, old_spam) = ten_day_old_comments(&app).await;
    let defaults = Retention {
        ip_days: 45,
        spam_days: 60,
    };

    let untouched = hygiene::run(&app.pool, defaults, app.clock.now())
        .await
        .unwrap();
    sqlx::query("UPDATE site_settings SET ip_retention_days = 3, spam_retention_days = 5")
        .execute(&app.pool)
        .await
        .unwrap();
    let tidied = hygiene::run(&app.pool, defaults, app.clock.now())
        .await
        .unwrap();

    assert_eq!(
        untouched,
        hygiene::Tidied::default(),
        "45 and 60 days keep both"
    );
    assert_eq!(
        tidied.ips_reduced, 2,
        "the spam's address too, before it goes"
    );
    assert_eq!(tidied.spam_purged, 1);
    let ip: String = sqlx::query_scalar("SELECT ip FROM comments WHERE id = ?")
        .bind(old)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(ip, "203.0.113.0/24");
    let spam_left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE id = ?")
        .bind(old_spam)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(spam_left, 0);
}
