use folio::domain::slug::{self, Slug, Spelling};
use folio::startup::Application;

use crate::helpers::{TestApp, WELCOME_SLUG, location, spawn_app, spawn_app_with, test_config};

const BASE: &str = "https://blog.example.org";
/// 27 November 2026, 14:05 UTC.
const NOV_27_14_05_UTC: i64 = 1_795_788_300;

/// A value as Tera writes it into an attribute (it escapes `/` too).
fn attr(value: &str) -> String {
    tera::escape_html(value)
}

async fn record_slug_change(app: &TestApp, post_id: i64, old_slug: &str) {
    let mut conn = app.pool.acquire().await.unwrap();
    let post_id = folio::domain::ids::PostId::new(post_id);
    folio::db::posts::write::record_slug_change(&mut conn, post_id, old_slug, app.clock.now())
        .await
        .unwrap();
}

/// Settings are read at start-up, so a second app on the same database sees changed ones.
async fn restarted(app: &TestApp) -> String {
    let second = Application::build(test_config(&app.database_url))
        .await
        .unwrap();
    let address = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.run_until_stopped());
    address
}

async fn page_at(address: &str, path: &str) -> String {
    reqwest::get(format!("{address}{path}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn set_post_times(app: &TestApp, slug: &str, published_at: i64, updated_at: i64) {
    sqlx::query("UPDATE posts SET published_at = ?, updated_at = ? WHERE slug = ?")
        .bind(published_at)
        .bind(updated_at)
        .bind(slug)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_old_slug_answers_301_with_the_post_s_new_address() {
    let app = spawn_app().await;
    let id = app.create_post("new-name", "Renamed", true, true).await;
    record_slug_change(&app, id, "old-name").await;

    let response = app.get("/posts/old-name").await;
    let feed = app.get("/posts/old-name/comments.xml").await;

    assert_eq!(response.status().as_u16(), 301);
    assert_eq!(location(&response), "/posts/new-name");
    assert_eq!(feed.status().as_u16(), 301);
    assert_eq!(location(&feed), "/posts/new-name/comments.xml");
    assert_eq!(app.get_page("/posts/new-name").await.0, 200);
}

#[tokio::test]
async fn a_post_renamed_twice_is_reached_from_both_old_slugs() {
    let app = spawn_app().await;
    let id = app.create_post("third", "Renamed twice", true, true).await;
    record_slug_change(&app, id, "first").await;
    record_slug_change(&app, id, "second").await;

    for old in ["first", "second"] {
        let response = app.get(&format!("/posts/{old}")).await;
        assert_eq!(response.status().as_u16(), 301, "{old}");
        assert_eq!(location(&response), "/posts/third");
    }
}

#[tokio::test]
async fn an_old_slug_of_a_post_that_is_now_a_draft_is_a_404() {
    let app = spawn_app().await;
    let id = app
        .create_post("hidden-now", "Unpublished", false, true)
        .await;
    record_slug_change(&app, id, "was-public").await;

    assert_eq!(app.get_page("/posts/was-public").await.0, 404);
}

#[tokio::test]
async fn a_live_post_wins_over_another_post_s_old_slug() {
    let app = spawn_app().await;
    let renamed = app
        .create_post("moved-away", "Moved away", true, true)
        .await;
    record_slug_change(&app, renamed, "taken-again").await;
    app.create_post("taken-again", "The new owner", true, true)
        .await;

    let (status, page) = app.get_page("/posts/taken-again").await;

    assert_eq!(status, 200);
    assert!(page.contains("The new owner"));
}

#[tokio::test]
async fn the_old_slug_redirect_goes_when_its_post_is_deleted() {
    let app = spawn_app().await;
    let id = app
        .create_post("short-lived", "Short-lived", true, true)
        .await;
    record_slug_change(&app, id, "older").await;

    sqlx::query("DELETE FROM posts WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();

    assert_eq!(app.get_page("/posts/older").await.0, 404);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM post_slug_history")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_new_slug_avoids_both_current_and_old_slugs() {
    let app = spawn_app().await;
    app.create_post("hello", "Hello", true, true).await;
    let second = app.create_post("hello-2", "Hello again", false, true).await;
    record_slug_change(&app, second, "hello-3").await;
    let wanted = Slug::from_title("Hello", Spelling::Plain);

    let mut conn = app.pool.acquire().await.unwrap();
    let taken = folio::db::posts::write::slugs_clashing_with(&mut conn, &wanted)
        .await
        .unwrap();

    assert!(taken.contains("hello") && taken.contains("hello-2") && taken.contains("hello-3"));
    assert!(!taken.contains(WELCOME_SLUG));
    assert_eq!(
        slug::unique(&wanted, |s| taken.contains(s)).as_str(),
        "hello-4"
    );
}

#[tokio::test]
async fn the_post_page_has_a_canonical_link_and_open_graph_and_twitter_meta() {
    let app = spawn_app_with(|c| c.base_url = Some(format!("{BASE}/"))).await;
    app.create_post("hello-world", "Hello, world", true, true)
        .await;

    let (_, page) = app.get_page("/posts/hello-world").await;

    let url = format!("{BASE}/posts/hello-world");
    let url = attr(&url);
    assert!(
        page.contains(&format!(r#"<link rel="canonical" href="{url}">"#)),
        "{page}"
    );
    assert!(page.contains(&format!(r#"<meta property="og:url" content="{url}">"#)));
    assert!(page.contains(r#"<meta property="og:type" content="article">"#));
    assert!(page.contains(r#"<meta property="og:title" content="Hello, world">"#));
    assert!(page.contains(r#"<meta property="og:site_name" content="Folio">"#));
    assert!(
        page.contains(r#"<meta property="og:description" content="The body of Hello, world.">"#)
    );
    assert!(page.contains(r#"<meta name="description" content="The body of Hello, world.">"#));
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));
    assert!(page.contains(r#"<meta name="twitter:title" content="Hello, world">"#));
    assert!(page.contains("<title>Hello, world · Folio</title>"));
}

#[tokio::test]
async fn every_page_links_the_atom_feed_and_the_post_its_comments_feed() {
    let app = spawn_app_with(|c| c.base_url = Some(BASE.into())).await;

    let (_, home) = app.get_page("/").await;
    let (_, post) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    let (_, missing) = app.get_page("/no-such-page").await;

    let feed = attr(&format!("{BASE}/feed.xml"));
    for page in [&home, &post, &missing] {
        assert!(page.contains(&format!(
            r#"<link rel="alternate" type="application/atom+xml" title="Folio" href="{feed}">"#
        )));
    }
    let comments_feed = attr(&format!("{BASE}/posts/{WELCOME_SLUG}/comments.xml"));
    assert!(post.contains(&format!(r#"type="application/atom+xml" title="Comments on Welcome to Folio" href="{comments_feed}">"#)));
    let home_url = attr(&format!("{BASE}/"));
    assert!(home.contains(&format!(r#"<link rel="canonical" href="{home_url}">"#)));
    assert!(home.contains(r#"<meta property="og:type" content="website">"#));
    assert!(
        !missing.contains("rel=\"canonical\""),
        "no canonical for an error page"
    );
}

#[tokio::test]
async fn times_are_shown_in_the_site_time_zone() {
    let app = spawn_app().await;
    set_post_times(&app, WELCOME_SLUG, NOV_27_14_05_UTC, NOV_27_14_05_UTC).await;
    app.post_valid_comment(WELCOME_SLUG, &crate::helpers::valid_comment())
        .await;
    let comment = app.last_comment_id().await;
    app.set_comment_status(comment, "approved").await;
    sqlx::query("UPDATE comments SET created_at = ? WHERE id = ?")
        .bind(NOV_27_14_05_UTC + 3 * 3600)
        .bind(comment)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE site_settings SET timezone = 'Europe/Berlin'")
        .execute(&app.pool)
        .await
        .unwrap();

    let address = restarted(&app).await;
    let post = page_at(&address, &format!("/posts/{WELCOME_SLUG}")).await;
    let home = page_at(&address, "/").await;

    for page in [&post, &home] {
        assert!(
            page.contains(r#"<time datetime="2026-11-27T15:05:00+01:00">27 November 2026</time>"#),
            "{page}"
        );
    }
    assert!(
        post.contains(
            r#"datetime="2026-11-27T18:05:00+01:00">27 November 2026 at 18:05 CET</time>"#
        )
    );
    // The feed stays in UTC, which every reader understands.
    assert!(
        page_at(&address, "/feed.xml")
            .await
            .contains("2026-11-27T14:05:00Z")
    );
}

#[tokio::test]
async fn a_post_updated_well_after_publishing_says_when() {
    let app = spawn_app().await;
    app.create_post("fresh", "Fresh", true, true).await;
    app.create_post("revised", "Revised", true, true).await;
    set_post_times(
        &app,
        "revised",
        NOV_27_14_05_UTC - 3 * 86_400,
        NOV_27_14_05_UTC,
    )
    .await;

    let (_, fresh) = app.get_page("/posts/fresh").await;
    let (_, revised) = app.get_page("/posts/revised").await;

    assert!(!fresh.contains("Updated"));
    assert!(
        revised.contains(
            r#"Updated <time datetime="2026-11-27T14:05:00+00:00">27 November 2026</time>"#
        ),
        "{revised}"
    );
    assert!(revised.contains(">24 November 2026</time>"));
}

#[tokio::test]
async fn the_post_and_home_pages_show_a_reading_time() {
    let app = spawn_app().await;

    let (_, home) = app.get_page("/").await;
    let (_, post) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(home.contains("1 min read"));
    assert!(post.contains("1 min read"));
}

#[tokio::test]
async fn a_heading_in_a_post_can_be_linked_to() {
    let app = spawn_app().await;

    let (_, post) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(
        post.contains(r#"<h2 id="getting-started">Getting started</h2>"#),
        "{post}"
    );
}

#[tokio::test]
async fn a_signed_in_admin_sees_an_edit_link_on_a_post_and_nobody_else_does() {
    let app = spawn_app().await;
    let id = app
        .create_post("opening-hours", "Opening hours", true, true)
        .await;
    let (_, before) = app.get_page("/posts/opening-hours").await;
    app.login_admin().await;

    let response = app.get("/posts/opening-hours").await;
    let cache_control = response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .to_owned();
    let for_admin = response.text().await.unwrap();
    let stranger = reqwest::get(app.url("/posts/opening-hours"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    let edit = format!(r#"href="/admin/posts/{id}/edit""#);
    assert!(for_admin.contains(&edit), "the admin gets an Edit link");
    assert!(cache_control.contains("private"), "{cache_control}");
    assert!(!before.contains(&edit) && !stranger.contains(&edit));
}

#[tokio::test]
async fn a_post_or_page_address_with_a_trailing_slash_answers_301_without_it() {
    let app = spawn_app().await;
    app.create_post("hello", "Hello", true, true).await;
    record_slug_change(
        &app,
        app.create_post("renamed", "Renamed", true, true).await,
        "old-name",
    )
    .await;

    for (old, new) in [
        ("/posts/hello/", "/posts/hello"),
        ("/posts/hello/?mine=abc", "/posts/hello?mine=abc"),
        ("/posts/old-name/", "/posts/renamed"),
    ] {
        let response = app.get(old).await;
        assert_eq!(response.status().as_u16(), 301, "{old}");
        assert_eq!(crate::helpers::location(&response), new, "{old}");
    }
    assert_eq!(app.get("/posts/missing/").await.status().as_u16(), 404);
    assert_eq!(app.get("/wp-admin/").await.status().as_u16(), 404);
}
