//! Cached pages are invisible to correctness.

use crate::helpers::{WELCOME_SLUG, comment_with, input_value, spawn_app, spawn_app_with};

fn post_path() -> String {
    format!("/posts/{WELCOME_SLUG}")
}

#[tokio::test]
async fn a_comment_approved_after_the_page_was_cached_shows_on_the_next_request() {
    let app = spawn_app().await;
    let id = app
        .seed_comment("Reader", "Approved later", "pending")
        .await;
    let (_, before) = app.get_page(&post_path()).await;
    let (_, home_before) = app.get_page("/").await;

    app.set_comment_status(id, "approved").await;

    let (_, after) = app.get_page(&post_path()).await;
    let (_, home_after) = app.get_page("/").await;
    assert!(!before.contains("Approved later"));
    assert!(after.contains("Approved later"));
    assert!(home_before.contains("0 comments"));
    assert!(home_after.contains("1 comment<"));
}

#[tokio::test]
async fn a_readers_own_pending_view_is_never_served_to_another_reader() {
    let app = spawn_app().await;
    let mine = app
        .post_valid_comment(WELCOME_SLUG, &comment_with("body", "Only for me"))
        .await;
    let (_, own) = app.get_page(&mine).await;

    let (_, other) = app.get_page(&post_path()).await;

    assert!(own.contains("Only for me"));
    assert!(!other.contains("Only for me"));
    assert!(!other.contains("awaiting moderation"));
}

#[tokio::test]
async fn every_response_of_a_cached_page_carries_a_fresh_form_token() {
    let app = spawn_app().await;
    let (_, first) = app.get_page(&post_path()).await;
    app.clock.advance(30);

    let (_, second) = app.get_page(&post_path()).await;

    let first_token = input_value(&first, "form_token").unwrap();
    let second_token = input_value(&second, "form_token").unwrap();
    assert_ne!(first_token, second_token);
    assert!(!second.contains(folio::page_cache::FORM_TOKEN_SLOT));
}

#[tokio::test]
async fn a_post_edit_shows_on_the_next_request() {
    let app = spawn_app().await;
    let (_, before) = app.get_page(&post_path()).await;

    sqlx::query("UPDATE posts SET title = 'A brand new title'")
        .execute(&app.pool)
        .await
        .unwrap();

    let (_, after) = app.get_page(&post_path()).await;
    assert!(before.contains("Welcome to Folio"));
    assert!(after.contains("A brand new title"));
}

/// A GET from a reader who tells the app nothing (unlike `TestApp::get`).
async fn plain_get(app: &crate::helpers::TestApp, path: &str) -> String {
    reqwest::get(app.url(path))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_approval_through_the_queue_shows_on_the_very_next_request_of_a_cached_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = app
        .seed_comment("Reader", "Approved in the queue", "pending")
        .await;
    let before = plain_get(&app, &post_path()).await;
    let cached = plain_get(&app, &post_path()).await;

    let response = app
        .admin_post(
            &format!("/admin/comments/{id}/approve"),
            &[("csrf_token", &csrf)],
        )
        .await;

    assert_eq!(response.status().as_u16(), 303);
    let after = plain_get(&app, &post_path()).await;
    assert!(!before.contains("Approved in the queue"));
    assert!(!cached.contains("Approved in the queue"));
    assert!(after.contains("Approved in the queue"));
}

#[tokio::test]
async fn an_auto_approved_comment_shows_on_the_very_next_request_of_a_cached_page() {
    let app = crate::helpers::spawn_app_with_site(
        |_| {},
        "UPDATE site_settings SET auto_approve_known_authors = 1",
    )
    .await;
    app.seed_comment("Ada Lovelace", "My first, approved by hand", "approved")
        .await;
    let before = plain_get(&app, &post_path()).await;

    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(comment_with("body", "Approved at once this time"));
    let response = app.post_comment_raw(WELCOME_SLUG, &form, &[]).await;

    assert_eq!(response.status().as_u16(), 303);
    let after = plain_get(&app, &post_path()).await;
    assert!(!before.contains("Approved at once this time"));
    assert!(after.contains("Approved at once this time"));
}

/// GETs `path` from `address` again and again (every 100 ms) until its body
/// satisfies `done`, for at most 5 s; how long that took, if it did.
async fn poll_until(
    address: &str,
    path: &str,
    done: impl Fn(&str) -> bool,
) -> Option<std::time::Duration> {
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(5) {
        let body = reqwest::get(format!("{address}{path}"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if done(&body) {
            return Some(started.elapsed());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    None
}

fn folio_command(database_url: &str, args: &[&str]) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .args(args)
        .args(["--database-url", database_url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `folio import wordpress` and `folio privacy erase` write from another
/// process while `folio serve` runs: pages it had cached before show the
/// change within a second or two, with no request of its own having written.
#[tokio::test]
async fn what_the_command_line_writes_beside_a_running_server_shows_within_two_seconds() {
    let (_dir, _path, url) = crate::helpers::fresh_database();
    let server = crate::helpers::start_binary(&url).await;
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/fixture.xml"
    );
    let home_before = poll_until(&server.address, "/", |home| {
        home.contains("Welcome to Folio")
    })
    .await;
    assert!(
        home_before.is_some(),
        "the home page is cached with the sample post"
    );

    folio_command(&url, &["import", "wordpress", fixture]);
    let imported = poll_until(&server.address, "/", |home| {
        home.contains("/posts/willkommen")
    })
    .await;

    let imported = imported.expect("the imported posts never showed on the home page");
    assert!(imported.as_secs_f64() < 2.5, "took {imported:?}");
    let post = poll_until(&server.address, "/posts/willkommen", |page| {
        page.contains("Jürgen Müller")
    })
    .await;
    assert!(
        post.is_some(),
        "the post page is cached with the commenter's name"
    );

    folio_command(&url, &["privacy", "erase", "juergen@mueller-web.example"]);
    let erased = poll_until(&server.address, "/posts/willkommen", |page| {
        !page.contains("Jürgen Müller")
    })
    .await;

    let erased = erased.expect("the erased name stayed on the post page");
    assert!(erased.as_secs_f64() < 2.5, "took {erased:?}");
}

/// Adds `n` published posts (`big-1` … `big-n`), each with about 8 KB of text
/// that compresses about as well as a page does.
async fn add_big_posts(app: &crate::helpers::TestApp, n: i64) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            comments_open, published_at, created_at, updated_at)
         SELECT 'post', 'big-' || i, 'Big ' || i, 'x', '<p>' || hex(randomblob(4000)) || '</p>',
                '<p>x</p>', 'published', 1, 1000 + i, 1000 + i, 1000 + i
         FROM n",
    )
    .bind(n)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_crawl_of_many_pages_in_every_encoding_keeps_the_cache_within_its_budget() {
    let app = spawn_app_with(|c| c.page_cache_mb = 1).await;
    add_big_posts(&app, 300).await;
    let budget = 1024 * 1024;

    for i in 1..=300 {
        let path = format!("/posts/big-{i}");
        for encoding in ["br", "gzip", "identity"] {
            let response = app.get_with(&path, "Accept-Encoding", encoding).await;
            assert_eq!(response.status().as_u16(), 200, "{path} {encoding}");
            let body = response.bytes().await.unwrap();
            assert!(!body.is_empty());
        }
        let stats = app.page_cache_stats();
        assert!(stats.bytes <= budget, "after {i} posts: {stats:?}");
    }

    let stats = app.page_cache_stats();
    assert_eq!(stats.capacity, budget);
    assert!(
        stats.entries > 0 && stats.entries < 600,
        "older pages made room: {stats:?}"
    );
    assert!(stats.bytes > budget / 2, "the budget is used: {stats:?}");
    let (status, page) = app.get_page("/posts/big-1").await;
    assert_eq!(status, 200, "a page that made room is rendered again");
    assert!(page.contains("Big 1"));
}

#[tokio::test]
async fn a_popular_page_stays_cached_while_a_crawler_reads_everything_else() {
    let app = spawn_app_with(|c| c.page_cache_mb = 1).await;
    add_big_posts(&app, 300).await;
    for _ in 0..3 {
        app.get("/posts/big-1").await;
    }

    for i in 2..=300 {
        app.get(&format!("/posts/big-{i}")).await;
    }
    let before = app.page_cache_stats();
    app.get("/posts/big-1").await;
    let after = app.page_cache_stats();

    assert_eq!(after.hits, before.hits + 1, "{before:?} -> {after:?}");
}
