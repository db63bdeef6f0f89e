//! Scheduled posts: written now, public on their own at their time, on the
//! site's clocks, with no request needed, and after a restart that missed it.

use std::process::Stdio;
use std::time::{Duration, Instant};

use folio::domain::time::{Clock, UnixTime, Zone};

use crate::helpers::{
    TestApp, location, spawn_app_on, spawn_app_with_site, start_binary_logging, unescape,
};

const BERLIN: &str = "UPDATE site_settings SET timezone = 'Europe/Berlin'";
const HOUR: i64 = 60 * 60;

async fn berlin_site() -> (TestApp, String) {
    let app = spawn_app_with_site(|_| {}, BERLIN).await;
    let csrf = app.login_admin().await;
    (app, csrf)
}

/// The editor's form for a post with this status and "Publish at" value.
fn post_form<'a>(
    csrf: &'a str,
    title: &'a str,
    status: &'a str,
    publish_at: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", title),
        ("slug", ""),
        ("body", "We are closed on Monday.\n\nBack on Tuesday."),
        ("tags", "Opening hours"),
        ("status", status),
        ("publish_at", publish_at),
        ("comments_open", "on"),
        ("action", "save"),
    ]
}

/// `at` as the editor's "Publish at" control writes it, on Berlin's clocks.
fn berlin_local(at: UnixTime) -> String {
    Zone::parse("Europe/Berlin").unwrap().local_input(at)
}

/// `at` on Berlin's clocks to the second, as a date-and-time control with `step="1"` writes it.
fn berlin_local_seconds(at: UnixTime) -> String {
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    jiff::Timestamp::from_second(at.seconds())
        .unwrap()
        .to_zoned_datetime(berlin)
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The post's stored status and times, read behind the app's back.
async fn stored(app: &TestApp, slug: &str) -> (String, Option<UnixTime>, Option<UnixTime>) {
    sqlx::query_as("SELECT status, publish_at, published_at FROM posts WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A GET that does not tell the page cache anything: it sees what the app itself knows.
async fn plain_get(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, unescape(&response.text().await.unwrap()))
}

/// Polls the database (never the app) until the post is published; how long it took.
async fn published_within(app: &TestApp, slug: &str, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if stored(app, slug).await.0 == "published" {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

/// Saves "Closed on Monday" as scheduled for `at` (Berlin); the post's slug.
async fn schedule_notice(app: &TestApp, csrf: &str, at: UnixTime) -> &'static str {
    let local = berlin_local(at);
    let response = app
        .admin_post(
            "/admin/posts",
            &post_form(csrf, "Closed on Monday", "scheduled", &local),
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "the schedule was refused");
    "closed-on-monday"
}

#[tokio::test]
async fn the_editor_offers_scheduled_with_publish_at_on_the_sites_clocks() {
    let (app, _) = berlin_site().await;

    let (status, page) = app.get_page("/admin/posts/new").await;
    let page = unescape(&page);

    assert_eq!(status, 200);
    assert!(
        page.contains(r#"name="status" value="scheduled""#),
        "{page}"
    );
    assert!(page.contains(r#"<label for="publish_at">Publish at</label>"#));
    assert!(page.contains(r#"type="datetime-local" id="publish_at" name="publish_at""#));
    assert!(page.contains("Europe/Berlin"), "the zone is named");
}

#[tokio::test]
async fn a_scheduled_post_goes_public_on_its_own_at_its_time_with_no_request_in_between() {
    let (app, csrf) = berlin_site().await;
    // Half a minute ahead: the page cache's entries, made now, are still fresh then.
    let at = app.clock.now() + 30;
    let response = app
        .admin_post(
            "/admin/posts",
            &post_form(
                &csrf,
                "Closed on Monday",
                "scheduled",
                &berlin_local_seconds(at),
            ),
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let slug = "closed-on-monday";
    // Every cache holds the site without it.
    for path in ["/", "/feed.xml", "/sitemap.xml", "/tags/opening-hours"] {
        let (_, page) = plain_get(&app, path).await;
        assert!(!page.contains("Closed on Monday"), "{path}");
    }
    let (status, _) = plain_get(&app, &format!("/posts/{slug}")).await;
    assert_eq!(status, 404, "not public before its time");
    assert_eq!(stored(&app, slug).await, ("draft".into(), Some(at), None));

    app.clock.advance(30);
    let took = published_within(&app, slug, Duration::from_secs(5)).await;

    assert!(took.is_some(), "published on its own, with no request");
    assert_eq!(
        stored(&app, slug).await,
        ("published".into(), None, Some(at)),
        "dated at its time"
    );
    let (status, post) = plain_get(&app, &format!("/posts/{slug}")).await;
    assert_eq!(status, 200);
    assert!(post.contains("We are closed on Monday."));
    for path in ["/", "/feed.xml", "/sitemap.xml", "/tags/opening-hours"] {
        let (status, page) = plain_get(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(slug), "{path} shows it: {page}");
    }
}

#[tokio::test]
async fn looking_for_due_posts_never_waits_for_the_write_lock_when_none_is_due() {
    let (app, csrf) = berlin_site().await;
    schedule_notice(&app, &csrf, app.clock.now() + 2 * HOUR).await;
    // Another writer holds the database (a burst of comments, an import).
    let mut writer = app.pool.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *writer)
        .await
        .unwrap();

    let pages = folio::page_cache::PageCache::with_budget_mb(1);
    let looked = folio::publisher::publish_due(&app.pool, &pages, app.clock.now()).await;

    let next = looked.expect("nothing is due: looking is a read and waits for no lock");
    assert!(next.is_some_and(|next| next > app.clock.now()), "{next:?}");
    sqlx::query("ROLLBACK").execute(&mut *writer).await.unwrap();
}

#[tokio::test]
async fn a_post_whose_time_came_while_folio_was_stopped_is_public_at_start() {
    let (app, csrf) = berlin_site().await;
    let at = app.clock.now() + 2 * HOUR;
    let slug = schedule_notice(&app, &csrf, at).await;

    // Another Folio on the same file, started after the time (the first one's clock stands still).
    let later = app.clock.now() + 3 * HOUR;
    let restarted = spawn_app_on(&app.database_url, |c| c.clock = Clock::manual(later)).await;

    assert_eq!(
        stored(&restarted, slug).await.0,
        "published",
        "before any request"
    );
    let (_, home) = plain_get(&restarted, "/").await;
    assert!(home.contains("Closed on Monday"));
}

#[tokio::test]
async fn the_real_server_publishes_one_missed_while_it_was_stopped_and_one_due_seconds_later() {
    // Both scheduled through the editor of an app whose clock stands an hour back.
    let real_now = folio::domain::time::now();
    let app = spawn_app_with_site(|c| c.clock = Clock::manual(real_now - HOUR), BERLIN).await;
    let csrf = app.login_admin().await;
    let soon = real_now + 6;
    for (title, at) in [
        (
            "Missed while stopped",
            berlin_local_seconds(real_now - 30 * 60),
        ),
        ("Due in seconds", berlin_local_seconds(soon)),
    ] {
        let response = app
            .admin_post("/admin/posts", &post_form(&csrf, title, "scheduled", &at))
            .await;
        assert_eq!(response.status().as_u16(), 303, "{title}");
    }

    // The real binary, on the real clock.
    let binary = start_binary_logging(&app.database_url, "warn", Stdio::null()).await;
    let started = folio::domain::time::now();
    assert!(started < soon, "started before the second one is due");
    assert_eq!(stored(&app, "missed-while-stopped").await.0, "published");
    assert_eq!(stored(&app, "due-in-seconds").await.0, "draft");
    let took = published_within(&app, "due-in-seconds", Duration::from_secs(15)).await;

    assert!(took.is_some(), "published on its own, with no request");
    let late = folio::domain::time::now() - soon;
    assert!((0..=3).contains(&late), "{late} s after its time");
    let home = reqwest::get(format!("{}/", binary.address))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Due in seconds") && home.contains("Missed while stopped"));
}

#[tokio::test]
async fn a_time_the_clocks_skip_or_show_twice_is_refused_with_the_reason() {
    let (app, csrf) = berlin_site().await;

    let spring = app
        .admin_post(
            "/admin/posts",
            &post_form(&csrf, "Spring", "scheduled", "2027-03-28T02:30"),
        )
        .await;
    let autumn = app
        .admin_post(
            "/admin/posts",
            &post_form(&csrf, "Autumn", "scheduled", "2027-10-31T02:30"),
        )
        .await;

    assert_eq!(spring.status().as_u16(), 422);
    let spring = unescape(&spring.text().await.unwrap());
    assert!(
        spring.contains("There is no 02:30 on 28 March 2027 in Europe/Berlin: that night the clocks go forward from 02:00 to 03:00."),
        "{spring}"
    );
    assert!(
        spring.contains(r#"value="2027-03-28T02:30""#),
        "the time typed is kept"
    );
    assert_eq!(autumn.status().as_u16(), 422);
    let autumn = unescape(&autumn.text().await.unwrap());
    assert!(
        autumn.contains("02:30 on 31 October 2027 comes twice in Europe/Berlin: that night the clocks go back from 03:00 to 02:00."),
        "{autumn}"
    );
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(posts, 1, "only the welcome post");
}

#[tokio::test]
async fn a_time_that_has_passed_asks_first_then_publishes_at_once() {
    let (app, csrf) = berlin_site().await;
    let an_hour_ago = berlin_local(app.clock.now() - HOUR);
    let form = post_form(&csrf, "Closed on Monday", "scheduled", &an_hour_ago);

    let asked = app.admin_post("/admin/posts", &form).await;

    assert_eq!(asked.status().as_u16(), 422);
    let page = asked.text().await.unwrap();
    assert!(page.contains("has passed"), "{page}");
    assert!(page.contains(r#"name="publish_now""#), "a box to confirm");
    assert_eq!(
        app.get("/posts/closed-on-monday").await.status().as_u16(),
        404
    );

    let mut confirmed = form.clone();
    confirmed.push(("publish_now", "on"));
    let response = app.admin_post("/admin/posts", &confirmed).await;

    assert_eq!(response.status().as_u16(), 303);
    let (status, publish_at, published_at) = stored(&app, "closed-on-monday").await;
    assert_eq!((status.as_str(), publish_at), ("published", None));
    assert_eq!(published_at, Some(app.clock.now()), "published now");
    assert_eq!(
        app.get("/posts/closed-on-monday").await.status().as_u16(),
        200
    );
}

#[tokio::test]
async fn the_posts_list_shows_a_scheduled_post_with_its_time_and_an_admin_can_preview_it() {
    let (app, csrf) = berlin_site().await;
    let at = app.clock.now() + 3 * 24 * HOUR;
    let response = app
        .admin_post(
            "/admin/posts",
            &post_form(&csrf, "Closed on Monday", "scheduled", &berlin_local(at)),
        )
        .await;
    let edit = location(&response);
    let id = edit
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit");

    let (_, flash) = app.get_page(&edit).await;
    let (_, list) = app.get_page("/admin/posts").await;
    let (status, preview) = app.get_page(&format!("/admin/posts/{id}/preview")).await;

    assert!(
        flash.contains("“Closed on Monday” will be published on"),
        "{flash}"
    );
    assert!(list.contains("Scheduled for "), "{list}");
    let parts = Zone::parse("Europe/Berlin")
        .unwrap()
        .parts(at - at.seconds() % 60);
    let time = format!("{:02}:{:02}", parts.hour, parts.minute);
    assert!(list.contains(&time), "the time {time} in the list");
    assert_eq!(status, 200);
    assert!(preview.contains("We are closed on Monday."));
    assert!(preview.contains("Scheduled for "), "{preview}");
    assert!(
        flash.contains(&format!(r#"value="{}""#, berlin_local(at))),
        "the editor shows it"
    );
    assert!(flash.contains(r#"value="scheduled" checked"#));
}

#[tokio::test]
async fn a_scheduled_post_saved_as_a_draft_again_stays_unpublished() {
    let (app, csrf) = berlin_site().await;
    let at = app.clock.now() + HOUR;
    let response = app
        .admin_post(
            "/admin/posts",
            &post_form(&csrf, "Closed on Monday", "scheduled", &berlin_local(at)),
        )
        .await;
    let update = location(&response).trim_end_matches("/edit").to_owned();

    let draft = app
        .admin_post(&update, &post_form(&csrf, "Closed on Monday", "draft", ""))
        .await;
    app.clock.advance(2 * HOUR);
    tokio::time::sleep(Duration::from_millis(500)).await;

    assert_eq!(draft.status().as_u16(), 303);
    assert_eq!(
        stored(&app, "closed-on-monday").await,
        ("draft".into(), None, None)
    );
}

/// The shared WordPress export (see tests/fixtures/wordpress/EXPECTED.md).
fn wordpress_fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/fixture.xml")
}

/// Its `future` post goes public on 6 March 2027 at 10:00 in Berlin (09:00 UTC).
const TAG_DER_OFFENEN_TUR: UnixTime = UnixTime::from_seconds(1_804_323_600);

#[tokio::test]
async fn a_wordpress_future_post_is_scheduled_at_its_date_and_goes_public_then_on_its_own() {
    // A site moving in a week before the open day.
    let week_before = TAG_DER_OFFENEN_TUR - 7 * 24 * HOUR;
    let app = spawn_app_with_site(|c| c.clock = Clock::manual(week_before), BERLIN).await;
    app.login_admin().await;
    let mut config = crate::helpers::test_config(&app.database_url);
    config.clock = app.clock.clone();

    folio::wxr::command::import(&config, &wordpress_fixture(), false)
        .await
        .unwrap();

    let slug = "tag-der-offenen-tur-2027";
    assert_eq!(
        stored(&app, slug).await,
        ("draft".into(), Some(TAG_DER_OFFENEN_TUR), None)
    );
    let (_, list) = app.get_page("/admin/posts").await;
    assert!(
        list.contains("Scheduled for 6 March 2027 at 10:00 CET"),
        "{list}"
    );
    assert_eq!(
        app.get(&format!("/posts/{slug}")).await.status().as_u16(),
        404
    );

    app.clock.advance(7 * 24 * HOUR);
    let took = published_within(&app, slug, Duration::from_secs(5)).await;

    assert!(took.is_some(), "published on its own at its date");
    assert_eq!(stored(&app, slug).await.2, Some(TAG_DER_OFFENEN_TUR));
    let (_, home) = plain_get(&app, "/").await;
    assert!(home.contains("Tag der offenen Tür 2027"), "{home}");
}

#[tokio::test]
async fn the_export_writes_a_scheduled_post_back_as_future_at_its_date() {
    let (app, csrf) = berlin_site().await;
    let at = app.clock.now() + 3 * 24 * HOUR;
    let at = at - at.seconds() % 60;
    schedule_notice(&app, &csrf, at).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site.xml");

    folio::wxr::command::export(&crate::helpers::test_config(&app.database_url), &file)
        .await
        .unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let wp = "http://wordpress.org/export/1.2/";
    let field = |item: roxmltree::Node, name: &str| {
        item.children()
            .find(|n| n.has_tag_name((wp, name)))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    let item = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .find(|item| field(*item, "post_name") == "closed-on-monday")
        .expect("the scheduled post is exported");
    let when = jiff::Timestamp::from_second(at.seconds())
        .unwrap()
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    assert_eq!(field(item, "status"), "future");
    assert_eq!(field(item, "post_date_gmt"), when);
}
