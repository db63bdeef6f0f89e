//! `GET /metrics`: Prometheus' text format, only for the holder of
//! `FOLIO_METRICS_TOKEN`, a 404 while none is set.

use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, spawn_app, spawn_app_with};

const TOKEN: &str = "a-long-random-metrics-token-0123456789";

pub async fn app_with_metrics() -> TestApp {
    spawn_app_with(|c| c.metrics_token = Some(TOKEN.to_owned())).await
}

async fn scrape(app: &TestApp, authorization: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    request.send().await.unwrap()
}

pub async fn metrics_text(app: &TestApp) -> String {
    let response = scrape(app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.unwrap()
}

/// The value of the series named exactly `series` (name and labels as written).
fn value_of(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

#[tokio::test]
async fn without_a_token_configured_metrics_are_a_404() {
    let app = spawn_app().await;

    let response = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;

    assert_eq!(response.status().as_u16(), 404);
}

#[tokio::test]
async fn metrics_answer_only_the_right_bearer_token() {
    let app = app_with_metrics().await;

    let none = scrape(&app, None).await.status().as_u16();
    let wrong = scrape(&app, Some("Bearer not-the-token"))
        .await
        .status()
        .as_u16();
    let basic = scrape(&app, Some(&format!("Basic {TOKEN}")))
        .await
        .status()
        .as_u16();
    let right = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;

    assert_eq!((none, wrong, basic), (401, 401, 401));
    assert_eq!(right.status().as_u16(), 200);
    assert_eq!(
        right.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    assert_eq!(right.headers()["cache-control"], "private, no-store");
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_comments_by_status_and_outcome() {
    let app = app_with_metrics().await;
    let post = format!("/posts/{WELCOME_SLUG}");
    for _ in 0..3 {
        assert_eq!(app.get_page(&post).await.0, 200);
    }
    app.get_page("/no/such/page").await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Counted."))
        .await;
    let refused = app
        .post_comment(WELCOME_SLUG, &comment_with("email", "not an address"))
        .await;
    assert_eq!(refused.status().as_u16(), 422);

    let text = metrics_text(&app).await;

    let requests = value_of(
        &text,
        r#"folio_http_requests_total{route="/posts/{slug}",status="200"}"#,
    );
    assert!(requests >= Some(3.0), "{text}");
    assert!(
        value_of(
            &text,
            r#"folio_http_requests_total{route="unmatched",status="404"}"#
        ) >= Some(1.0),
        "{text}"
    );
    assert!(
        value_of(
            &text,
            r#"folio_http_request_duration_seconds_count{route="/posts/{slug}"}"#
        ) >= Some(3.0),
        "{text}"
    );
    assert_eq!(
        value_of(
            &text,
            r#"folio_comments_submitted_total{outcome="accepted",reason="pending"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        value_of(
            &text,
            r#"folio_comments_submitted_total{outcome="refused",reason="invalid"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        value_of(&text, r#"folio_comments{status="pending"}"#),
        Some(1.0),
        "{text}"
    );
    assert!(
        value_of(&text, "folio_page_cache_hits_total") >= Some(1.0),
        "{text}"
    );
    assert!(
        value_of(&text, "folio_page_cache_bytes") > Some(1000.0),
        "{text}"
    );
    assert!(
        value_of(&text, "folio_db_pool_max_connections") > Some(0.0),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "folio_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );
}

#[tokio::test]
async fn the_outbox_is_counted_by_status() {
    let app = app_with_metrics().await;
    sqlx::query(
        "INSERT INTO outbox (kind, recipient, status, created_at, next_attempt_at)
         VALUES ('confirm', 'x@example.org', 'failed', ?, ?)",
    )
    .bind(app.clock.now())
    .bind(app.clock.now())
    .execute(&app.pool)
    .await
    .unwrap();

    let text = metrics_text(&app).await;

    assert_eq!(
        value_of(&text, r#"folio_outbox_mails{status="failed"}"#),
        Some(1.0),
        "{text}"
    );
}
