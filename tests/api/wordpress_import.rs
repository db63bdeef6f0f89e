//! `folio import wordpress` / `folio export wordpress` on the real WordPress
//! export in tests/fixtures/wordpress (see EXPECTED.md there for its census).

use std::path::{Path, PathBuf};

use folio::domain::import::{Skipped, Summary};
use folio::domain::time::{Clock, UnixTime};
use folio::wxr::command::{ImportOptions, Media};
use sqlx::SqlitePool;

use crate::cli::folio;
use crate::helpers::{
    TestApp, WELCOME_SLUG, fresh_database, location, spawn_app_on, spawn_app_with,
    spawn_app_with_site, test_config,
};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/fixture.xml")
}

/// Half an hour after WordPress wrote the fixture: its `future` post (6 March
/// 2027) is still ahead then, whenever the tests run.
const AFTER_THE_EXPORT: UnixTime = UnixTime::from_seconds(1_795_834_800); // 2026-11-28 03:00 UTC

/// The fixture's scheduled post goes public then: 2027-03-06 09:00 UTC.
const TAG_DER_OFFENEN_TUR: i64 = 1_804_323_600;

/// An app whose storage-hygiene task leaves the imported (years old) comments
/// alone: it would otherwise reduce their IPs and purge old spam while a test
/// looks. Its clock stands just after the export was written.
async fn spawn() -> TestApp {
    spawn_app_with(|config| {
        config.ip_retention_days = 0;
        config.spam_retention_days = 0;
        config.clock = Clock::manual(AFTER_THE_EXPORT);
    })
    .await
}

/// The import command's settings, on the app's own clock.
fn import_config(app: &TestApp) -> folio::config::Config {
    let mut config = test_config(&app.database_url);
    config.clock = app.clock.clone();
    config
}

/// These tests are about posts, comments and addresses: the media stay out
/// (`--no-media`; `wordpress_media.rs` brings them in).
fn without_media(dry_run: bool) -> ImportOptions {
    ImportOptions {
        dry_run,
        media: Media::LeftOut,
    }
}

async fn import(app: &TestApp, file: &Path) -> anyhow::Result<Summary> {
    folio::wxr::command::import_with(&import_config(app), file, &without_media(false)).await
}

async fn dry_run(app: &TestApp, file: &Path) -> anyhow::Result<Summary> {
    folio::wxr::command::import_with(&import_config(app), file, &without_media(true)).await
}

async fn scalar(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Rows in every table an import writes to.
async fn footprint(pool: &SqlitePool) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "posts",
        "comments",
        "tags",
        "post_tags",
        "redirects",
        "wp_import_ids",
        "import_runs",
    ] {
        counts.push(scalar(pool, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

async fn imported_comments(pool: &SqlitePool, status: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM comments c JOIN wp_import_ids m
           ON m.kind = 'comment' AND m.folio_id = c.id WHERE c.status = ?",
    )
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Replies among the imported comments (on posts and pages, the trashed one's too).
const REPLIES: i64 = 24;

/// Depth of the deepest imported reply (1 = a top-level comment).
async fn max_depth(pool: &SqlitePool) -> i64 {
    scalar(
        pool,
        "WITH RECURSIVE d(id, depth) AS (
             SELECT id, 1 FROM comments WHERE parent_id IS NULL
             UNION ALL
             SELECT c.id, d.depth + 1 FROM comments c JOIN d ON c.parent_id = d.id)
         SELECT MAX(depth) FROM d",
    )
    .await
}

#[tokio::test]
async fn importing_the_fixture_stores_every_post_comment_status_thread_and_tag_it_should() {
    let app = spawn().await;

    let summary = import(&app, &fixture()).await.unwrap();

    // 12 items: 5 published posts, draft + private → drafts, future → scheduled,
    // trash → the trash (a draft while there), 2 pages, an attachment.
    let count_of = |kind: &'static str, status: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM posts p JOIN wp_import_ids m ON m.kind = 'post' AND m.folio_id = p.id
                 WHERE p.kind = ? AND p.status = ?",
            )
            .bind(kind)
            .bind(status)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        (
            count_of("post", "published").await,
            count_of("post", "draft").await
        ),
        (5, 4)
    );
    assert_eq!(
        (
            count_of("page", "published").await,
            count_of("page", "draft").await
        ),
        (2, 0)
    );
    assert_eq!(summary.new_pages(), 2);
    assert_eq!(summary.new_posts(), 9);
    // 57 comments: 4 pingbacks/trackbacks skipped and counted; 53 stored with
    // their statuses, 6 of them on a page, and the 3 on the trashed post with
    // the statuses they had before WordPress's trash (all approved).
    assert_eq!(summary.skipped.get(&Skipped::Pingbacks), Some(&3));
    assert_eq!(summary.skipped.get(&Skipped::Trackbacks), Some(&1));
    assert_eq!(imported_comments(&app.pool, "approved").await, 47);
    assert_eq!(imported_comments(&app.pool, "pending").await, 5);
    assert_eq!(imported_comments(&app.pool, "trash").await, 1);
    assert_eq!(imported_comments(&app.pool, "spam").await, 0);
    assert_eq!(summary.new_comments(), 53);
    assert_eq!(
        scalar(
            &app.pool,
            "SELECT COUNT(*) FROM comments c JOIN posts p ON p.id = c.post_id
             WHERE p.kind = 'page' AND p.slug = 'ueber-uns'"
        )
        .await,
        6
    );
    // Threads rebuilt: the replies on imported posts and pages, 4 levels deep.
    assert_eq!(
        scalar(
            &app.pool,
            "SELECT COUNT(*) FROM comments WHERE parent_id IS NOT NULL"
        )
        .await,
        REPLIES
    );
    assert_eq!(max_depth(&app.pool).await, 4);
    // Categories and tags: 15 terms, one slug shared by a category and a tag,
    // two categories that no imported post has.
    assert_eq!(summary.tags_new, 12);
    assert_eq!(
        scalar(&app.pool, "SELECT COUNT(*) FROM tags WHERE slug = 'kinder-jugendliche' AND name = 'Kinder & Jugendliche'").await,
        1
    );
    // The pending and trashed ones are in the queue, not on the page.
    let (status, page) = app.get_page("/posts/willkommen").await;
    assert_eq!(status, 200);
    assert!(page.contains("Praxis am Westpark"));
    assert!(
        !page.contains("<script>alert"),
        "a comment's script is never shown"
    );
    // Links to the old site's pages go through Folio's redirects; its files stay where they are.
    assert!(page.contains(r#"href="/kontakt/""#), "{page}");
    let (_, hitze) = app
        .get_page("/posts/sommer-in-der-praxis-tipps-gegen-die-hitze")
        .await;
    assert!(hitze.contains("http://127.0.0.1:8083/wp-content/uploads/2026/07/hitze-merkblatt.pdf"));
}

#[tokio::test]
async fn old_wordpress_addresses_answer_301_to_the_folio_address() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();

    let cases = [
        ("/2024/12/02/willkommen/", "/posts/willkommen"),
        (
            "/2025/02/14/ruckenschmerzen-im-homeoffice-5-ubungen/",
            "/posts/ruckenschmerzen-im-homeoffice-5-ubungen",
        ),
        (
            "/2025/05/20/akupunktur-bei-chronischen-schmerzen/",
            "/posts/akupunktur-bei-chronischen-schmerzen",
        ),
        (
            "/2025/09/01/neue-offnungszeiten-ab-januar/",
            "/posts/neue-offnungszeiten-ab-januar",
        ),
        (
            "/2026/07/10/sommer-in-der-praxis-tipps-gegen-die-hitze/",
            "/posts/sommer-in-der-praxis-tipps-gegen-die-hitze",
        ),
        ("/2024/12/02/willkommen", "/posts/willkommen"),
        ("/?p=4", "/posts/willkommen"),
        (
            "/2025/05/20/akupunktur-chronische-schmerzen/",
            "/posts/akupunktur-bei-chronischen-schmerzen",
        ),
        ("/category/praxis-news/", "/tags/praxis-news"),
        ("/category/behandlungen/akupunktur/", "/tags/akupunktur"),
        ("/tag/schmerztherapie/", "/tags/schmerztherapie"),
        ("/feed/", "/feed.xml"),
        ("/comments/feed/", "/feed.xml"),
        ("/ueber-uns/", "/ueber-uns"),
        ("/?page_id=16", "/ueber-uns"),
        ("/impressum/", "/impressum"),
    ];
    for (old, new) in cases {
        let response = app.get(old).await;
        assert_eq!(response.status().as_u16(), 301, "{old}");
        assert_eq!(location(&response), new, "{old}");
        assert_eq!(app.get(new).await.status().as_u16(), 200, "{new}");
    }
    // Drafts (and the private post) lead nowhere yet; unknown ids are 404s.
    for missing in [
        "/?p=12",
        "/2025/03/03/interne-notiz-hygieneplan/",
        "/?p=999",
        "/2024/12/02/nothing/",
    ] {
        assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing}");
    }
    // The home page and its own pages are untouched.
    assert_eq!(app.get("/").await.status().as_u16(), 200);
    assert_eq!(app.get("/?page=1").await.status().as_u16(), 200);
}

#[tokio::test]
async fn old_reply_links_comment_feeds_and_trailing_slashes_lead_to_the_folio_address() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();
    let (wp_id, folio_id): (i64, i64) = sqlx::query_as(
        "SELECT m.wp_id, c.id FROM comments c
         JOIN wp_import_ids m ON m.kind = 'comment' AND m.folio_id = c.id
         JOIN posts p ON p.id = c.post_id
         WHERE p.slug = 'willkommen' AND c.status = 'approved' ORDER BY m.wp_id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_ne!(wp_id, folio_id, "the test needs ids that differ");

    let cases = [
        (
            format!("/2024/12/02/willkommen/?replytocom={wp_id}"),
            format!("/posts/willkommen#comment-{folio_id}"),
        ),
        (
            format!("/?p=4&replytocom={wp_id}"),
            format!("/posts/willkommen#comment-{folio_id}"),
        ),
        // A comment id of another post leads to the post only.
        (
            "/2024/12/02/willkommen/?replytocom=999".to_owned(),
            "/posts/willkommen".to_owned(),
        ),
        (
            "/2024/12/02/willkommen/feed/".to_owned(),
            "/posts/willkommen/comments.xml".to_owned(),
        ),
        (
            "/2024/12/02/willkommen/feed/atom/".to_owned(),
            "/posts/willkommen/comments.xml".to_owned(),
        ),
        (
            "/posts/willkommen/".to_owned(),
            "/posts/willkommen".to_owned(),
        ),
        (
            "/posts/willkommen/?replytocom=3".to_owned(),
            "/posts/willkommen?replytocom=3".to_owned(),
        ),
        ("/impressum/".to_owned(), "/impressum".to_owned()),
    ];
    for (old, new) in cases {
        let response = app.get(&old).await;
        assert_eq!(response.status().as_u16(), 301, "{old}");
        assert_eq!(location(&response), new, "{old}");
        let page = new.split('#').next().unwrap();
        assert_eq!(app.get(page).await.status().as_u16(), 200, "{new}");
    }
    let (_, post) = app.get_page("/posts/willkommen").await;
    assert!(post.contains(&format!(r#"id="comment-{folio_id}""#)));
    // The feed of a draft's old address, and of a category, are not a post's comments.
    for missing in [
        "/2025/03/03/interne-notiz-hygieneplan/feed/",
        "/category/praxis-news/feed/",
        "/posts/nothing/",
    ] {
        assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing}");
    }
}

#[tokio::test]
async fn importing_again_adds_nothing_and_changes_nothing_already_moderated() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();
    let pending = scalar(
        &app.pool,
        "SELECT c.id FROM comments c JOIN wp_import_ids m ON m.kind = 'comment' AND m.folio_id = c.id
         WHERE c.status = 'pending' ORDER BY c.id LIMIT 1",
    )
    .await;
    app.set_comment_status(pending, "spam").await;
    let before = footprint(&app.pool).await;

    let again = import(&app, &fixture()).await.unwrap();

    let mut after = footprint(&app.pool).await;
    // Only the record of the run itself is new.
    after[6] -= 1;
    assert_eq!(after, before);
    assert_eq!(again.new_posts(), 0);
    assert_eq!(again.new_comments(), 0);
    assert_eq!(again.posts_already_there, 11);
    assert_eq!(again.comments_already_there, 53);
    assert_eq!(again.redirects, 0);
    assert_eq!(app.comment_status(pending).await, "spam");
}

#[tokio::test]
async fn a_newer_export_adds_only_its_new_comment_threaded_under_an_old_one() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.xml");
    let original = std::fs::read_to_string(fixture()).unwrap();
    let reply = "<wp:comment><wp:comment_id>900</wp:comment_id><wp:comment_author><![CDATA[Neu]]></wp:comment_author>\
        <wp:comment_author_email>neu@example.org</wp:comment_author_email><wp:comment_date_gmt>2026-11-01 10:00:00</wp:comment_date_gmt>\
        <wp:comment_content><![CDATA[Eine neue Antwort.]]></wp:comment_content><wp:comment_approved>0</wp:comment_approved>\
        <wp:comment_type>comment</wp:comment_type><wp:comment_parent>4</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n\t</item>";
    let changed = original.replacen("</item>", reply, 1);
    std::fs::write(&newer, changed).unwrap();

    let summary = import(&app, &newer).await.unwrap();

    assert_eq!(summary.new_comments(), 1);
    assert_eq!(summary.replies, 1);
    let parent_of_new = scalar(
        &app.pool,
        "SELECT p.author_name = (SELECT author_name FROM comments c2 JOIN wp_import_ids m2
                                  ON m2.kind = 'comment' AND m2.folio_id = c2.id AND m2.wp_id = 4)
         FROM comments c JOIN comments p ON p.id = c.parent_id WHERE c.author_name = 'Neu'",
    )
    .await;
    assert_eq!(parent_of_new, 1);
}

#[tokio::test]
async fn a_dry_run_prints_the_same_summary_and_writes_nothing() {
    let app = spawn().await;
    let before = footprint(&app.pool).await;

    let dry = dry_run(&app, &fixture()).await.unwrap();

    assert_eq!(footprint(&app.pool).await, before);
    let real = import(&app, &fixture()).await.unwrap();
    assert_eq!(dry.lines(), real.lines());
}

#[tokio::test]
async fn a_site_imported_before_its_first_start_shows_no_sample_post_and_the_exports_title() {
    let (_dir, _path, url) = fresh_database();
    folio::wxr::command::import(&test_config(&url), &fixture(), false)
        .await
        .unwrap();

    let app = spawn_app_on(&url, |_| {}).await;

    let (_, home) = app.get_page("/").await;
    assert!(!home.contains("Welcome to Folio"), "{home}");
    assert!(home.contains("Praxis am Westpark"), "{home}");
    assert!(home.contains("Öffnungszeiten 7 Tage die Woche"), "{home}");
    let (status, _) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_import_removes_the_untouched_sample_post_and_takes_the_default_title() {
    let app = spawn().await;

    let summary = import(&app, &fixture()).await.unwrap();

    assert!(summary.sample_removed);
    let (status, _) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert_eq!(status, 404);
    let title: String = sqlx::query_scalar("SELECT title FROM site_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Praxis am Westpark");
    assert_eq!(
        summary.site_tagline.as_deref(),
        Some("Öffnungszeiten 7 Tage die Woche")
    );
}

#[tokio::test]
async fn an_import_keeps_a_sample_post_someone_answered_and_a_title_the_admin_chose() {
    let app = spawn().await;
    app.seed_comment("Reader", "Nice to see you here", "approved")
        .await;
    sqlx::query("UPDATE site_settings SET title = 'Physiotherapie Weber'")
        .execute(&app.pool)
        .await
        .unwrap();

    let summary = import(&app, &fixture()).await.unwrap();

    assert!(!summary.sample_removed);
    assert_eq!(summary.site_title, None);
    let (status, _) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert_eq!(status, 200);
    let (title, tagline): (String, String) =
        sqlx::query_as("SELECT title, tagline FROM site_settings")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(title, "Physiotherapie Weber");
    assert_eq!(tagline, "Öffnungszeiten 7 Tage die Woche");
}

#[tokio::test]
async fn the_admin_import_page_words_the_summary_in_the_sites_language() {
    let app = spawn_app_with_site(
        |config| {
            config.ip_retention_days = 0;
            config.spam_retention_days = 0;
            config.clock = Clock::manual(AFTER_THE_EXPORT);
        },
        "UPDATE site_settings SET language = 'de'",
    )
    .await;
    app.login_admin().await;

    import(&app, &fixture()).await.unwrap();

    let (status, page) = app.get_page("/admin/import").await;
    assert_eq!(status, 200);
    for expected in [
        "Beiträge: 9 neu (5 veröffentlicht, 1 geplant, 2 Entwürfe, 1 im Papierkorb)",
        "Kommentare: 53 neu (5 wartend, 47 freigegeben, 0 Spam, 1 im Papierkorb)",
        "1 Anhang (die Dateien",
        "3 Pingbacks",
        "Der Beispielbeitrag",
    ] {
        assert!(page.contains(expected), "{expected} missing from {page}");
    }
    for english in [
        "Comments:",
        "Skipped",
        "attachment",
        "in the trash",
        "scheduled",
    ] {
        assert!(!page.contains(english), "{english} in {page}");
    }
}

#[tokio::test]
async fn comments_by_a_site_author_with_a_folio_admin_of_that_login_are_the_admins() {
    let app = spawn().await;
    app.create_admin("praxisteam", "correct horse battery staple")
        .await;

    let summary = import(&app, &fixture()).await.unwrap();

    // praxisteam's comments become the admin's; mweber has no account, so name only.
    assert!(summary.by_site_admins > 0);
    assert!(summary.by_site_authors_name_only > 0);
    assert_eq!(
        scalar(
            &app.pool,
            "SELECT COUNT(*) FROM comments WHERE admin_id IS NOT NULL"
        )
        .await,
        summary.by_site_admins as i64
    );
}

/// Files that must be refused with nothing written.
fn hostile_files(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let original = std::fs::read_to_string(fixture()).unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let half = original.len() / 2;
    let cut = original
        .char_indices()
        .map(|(i, _)| i)
        .find(|i| *i >= half)
        .unwrap();
    vec![
        ("truncated", write("truncated.xml", &original[..cut])),
        (
            "not WXR",
            write(
                "page.xml",
                "<html><head><title>Hi</title></head><body></body></html>",
            ),
        ),
        (
            "not WXR",
            write(
                "feed.xml",
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A feed</title><item><title>x</title></item></channel></rss>",
            ),
        ),
        (
            "DTD",
            write(
                "lol.xml",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n<rss><channel><title>&lol3;</title></channel></rss>",
            ),
        ),
        (
            "DTD",
            write(
                "xxe.xml",
                &original
                    .replacen(
                        "<rss",
                        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<rss",
                        1,
                    )
                    .replacen(
                        "<title>Praxis am Westpark</title>",
                        "<title>&xxe;</title>",
                        1,
                    ),
            ),
        ),
        (
            "undeclared entity",
            write(
                "entity.xml",
                &original.replacen(
                    "<title>Praxis am Westpark</title>",
                    "<title>&xxe;</title>",
                    1,
                ),
            ),
        ),
        (
            "well-formed",
            write(
                "broken.xml",
                &original.replacen("</wp:comment_author>", "</wp:comment_autor>", 1),
            ),
        ),
    ]
}

#[tokio::test]
async fn broken_and_hostile_files_are_refused_with_their_line_and_nothing_written() {
    let app = spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let before = footprint(&app.pool).await;

    for (what, file) in hostile_files(dir.path()) {
        for dry in [false, true] {
            let error = folio::wxr::command::import(&test_config(&app.database_url), &file, dry)
                .await
                .expect_err(what);
            let message = format!("{error:#}");
            assert!(message.contains("line "), "{what}: {message}");
            assert!(!message.contains('\n'), "{what}: one line: {message}");
            let expected_word = match what {
                "truncated" => "truncated",
                "not WXR" => "not a WordPress export",
                "DTD" => "DTD",
                "undeclared entity" => "&xxe;",
                _ => "well-formed",
            };
            assert!(message.contains(expected_word), "{what}: {message}");
        }
    }

    assert_eq!(footprint(&app.pool).await, before);
}

#[test]
fn the_import_command_prints_the_summary_and_a_bad_file_is_one_line_naming_where() {
    let (dir, _path, url) = fresh_database();
    let fixture = fixture();
    let fixture = fixture.to_str().unwrap();
    // A dry run needs a database to look at (it never creates one).
    let migrated = folio()
        .args(["migrate", "--database-url", &url])
        .output()
        .unwrap();
    assert!(migrated.status.success());

    let dry = folio()
        .args([
            "import",
            "wordpress",
            fixture,
            "--dry-run",
            "--no-media",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    let real = folio()
        .args([
            "import",
            "wordpress",
            fixture,
            "--no-media",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();

    let dry_out = String::from_utf8_lossy(&dry.stdout);
    let real_out = String::from_utf8_lossy(&real.stdout);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(
        real.status.success(),
        "{}",
        String::from_utf8_lossy(&real.stderr)
    );
    assert!(
        dry_out.starts_with("Dry run: nothing was written."),
        "{dry_out}"
    );
    assert!(dry_out.ends_with(&*real_out), "{dry_out}\n---\n{real_out}");
    for expected in [
        // The real clock: the scheduled post may be due by the time this runs.
        "Posts: 9 new (",
        "2 drafts, 1 in the trash)",
        "Pages: 2 new (2 published, 0 drafts)",
        "Comments: 53 new (5 pending, 47 approved, 0 spam, 1 in the trash)",
        &format!("Threads: {REPLIES} replies, up to 4 levels deep"),
        "  3 pingbacks\n",
        "  1 trackback\n",
        "  1 attachment (their files",
        "Tags: 12 new",
    ] {
        assert!(
            real_out.contains(expected),
            "{expected} missing from:\n{real_out}"
        );
    }

    let truncated = dir.path().join("cut.xml");
    let text = std::fs::read(fixture).unwrap();
    std::fs::write(&truncated, &text[..text.len() / 3]).unwrap();
    let bad = folio()
        .args([
            "import",
            "wordpress",
            truncated.to_str().unwrap(),
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(stderr.starts_with("folio: "), "{stderr}");
    assert!(stderr.contains("cut.xml: line "), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[tokio::test]
async fn the_admin_import_page_shows_the_command_and_the_last_summary() {
    let app = spawn().await;
    app.login_admin().await;
    let (_, before) = app.get_page("/admin/import").await;
    assert!(before.contains("folio import wordpress"));
    assert!(before.contains("Nothing has been imported yet."));

    import(&app, &fixture()).await.unwrap();

    let (status, page) = app.get_page("/admin/import").await;
    assert_eq!(status, 200);
    assert!(page.contains("fixture.xml"), "{page}");
    assert!(page.contains("Comments: 53 new"), "{page}");
    assert!(
        page.contains("Posts: 9 new (5 published, 1 scheduled, 2 drafts, 1 in the trash)"),
        "{page}"
    );
    assert!(page.contains(r#"href="/admin/import""#));
}

/// Every post and comment as comparable values: slugs, statuses, threads (by the parent's author and date).
async fn site_shape(pool: &SqlitePool) -> (Vec<(String, String, String, bool)>, Vec<String>) {
    let posts: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT COALESCE(trashed_slug, slug), title,
                kind || '/' || status || COALESCE('/scheduled ' || publish_at, '')
                     || COALESCE('/in the trash, was ' || trashed_status, ''),
                comments_open
         FROM posts WHERE slug NOT LIKE 'welcome-to-folio%' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    // One line per comment: post, author, email, website, IP, date, status, parent, by an admin.
    let comments: Vec<String> = sqlx::query_scalar(
        "SELECT p.slug || '|' || c.author_name || '|' || c.author_email || '|' || c.author_website
                || '|' || c.ip || '|' || c.created_at || '|' || c.status || '|'
                || COALESCE((SELECT pc.author_name || '@' || pc.created_at FROM comments pc
                             WHERE pc.id = c.parent_id), '-')
                || '|' || (c.admin_id IS NOT NULL)
         FROM comments c JOIN posts p ON p.id = c.post_id
         WHERE p.slug NOT LIKE 'welcome-to-folio%'
         ORDER BY p.slug, c.created_at, c.author_name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (posts, comments)
}

#[tokio::test]
async fn importing_an_export_into_an_empty_site_gives_the_same_posts_comments_and_threads() {
    let first = spawn().await;
    first
        .create_admin("praxisteam", "correct horse battery staple")
        .await;
    import(&first, &fixture()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("site.xml");

    let written = folio::wxr::command::export(&test_config(&first.database_url), &exported)
        .await
        .unwrap();
    let second = spawn().await;
    second
        .create_admin("praxisteam", "correct horse battery staple")
        .await;
    let summary = import(&second, &exported).await.unwrap();

    assert_eq!(written.comments, summary.new_comments());
    assert_eq!(summary.skipped.len(), 0, "{:?}", summary.skipped);
    let (posts_a, comments_a) = site_shape(&first.pool).await;
    let (posts_b, comments_b) = site_shape(&second.pool).await;
    assert_eq!(posts_a.len(), 11, "9 posts and 2 pages");
    assert!(posts_a.contains(&(
        "ueber-uns".into(),
        "Über uns".into(),
        "page/published".into(),
        true
    )));
    assert!(
        posts_a.contains(&(
            "tag-der-offenen-tur-2027".into(),
            "Tag der offenen Tür 2027".into(),
            format!("post/draft/scheduled {TAG_DER_OFFENEN_TUR}"),
            true
        )),
        "{posts_a:?}"
    );
    assert!(
        posts_a.contains(&(
            "aktuelle-corona-regeln-in-der-praxis".into(),
            "Aktuelle Corona-Regeln in der Praxis".into(),
            "post/draft/in the trash, was published".into(),
            true
        )),
        "{posts_a:?}"
    );
    assert_eq!(posts_a, posts_b);
    assert_eq!(comments_a.len(), 53);
    assert_eq!(comments_a, comments_b);
    // The bodies survive too, HTML in a comment still shown as text.
    let bodies = |pool: &SqlitePool| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT c.body FROM comments c JOIN posts p ON p.id = c.post_id
                 WHERE p.slug NOT LIKE 'welcome-to-folio%' ORDER BY c.created_at, c.author_name",
            )
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(bodies(&first.pool).await, bodies(&second.pool).await);
    // The sample post is not: the first import removed it, untouched.
    assert_eq!(written.posts, 11);
    let _ = second.get("/").await;
}

#[tokio::test]
async fn the_export_is_wxr_that_an_xml_parser_reads() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("site.xml");
    folio::wxr::command::export(&test_config(&app.database_url), &exported)
        .await
        .unwrap();

    let text = std::fs::read_to_string(&exported).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let wp = "http://wordpress.org/export/1.2/";
    let version = doc
        .descendants()
        .find(|n| n.has_tag_name((wp, "wxr_version")))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(version, "1.2");
    let items = doc.descendants().filter(|n| n.has_tag_name("item")).count();
    assert_eq!(
        items, 11,
        "9 posts and 2 pages; the sample post went with the import"
    );
    // An existing file is never overwritten.
    assert!(
        folio::wxr::command::export(&test_config(&app.database_url), &exported)
            .await
            .is_err()
    );
    let _ = location;
}

#[tokio::test]
async fn an_import_never_renames_a_tag_the_site_already_has() {
    let app = spawn().await;
    sqlx::query("INSERT INTO tags (slug, name) VALUES ('team', 'Unser Team')")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO post_tags (post_id, tag_id, position)
         SELECT (SELECT MIN(id) FROM posts), id, 0 FROM tags WHERE slug = 'team'",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    import(&app, &fixture()).await.unwrap();

    let name = sqlx::query_scalar::<_, String>("SELECT name FROM tags WHERE slug = 'team'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Unser Team");
    let (status, page) = app.get_page("/tags/team").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Willkommen in der Praxis am Westpark"),
        "{page}"
    );
}

#[tokio::test]
async fn the_site_navigation_survives_an_export_and_an_import() {
    let first = spawn().await;
    import(&first, &fixture()).await.unwrap();
    // Impressum first, then Über uns: not the alphabetical order.
    sqlx::query(
        "UPDATE posts SET nav_position = CASE slug WHEN 'impressum' THEN 1 ELSE 2 END
         WHERE kind = 'page'",
    )
    .execute(&first.pool)
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("site.xml");

    folio::wxr::command::export(&test_config(&first.database_url), &exported)
        .await
        .unwrap();
    let second = spawn().await;
    import(&second, &exported).await.unwrap();

    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(
        text.contains("<wp:menu_order>2</wp:menu_order>"),
        "WordPress orders pages by it"
    );
    let (_, home) = second.get_page("/").await;
    let impressum = home
        .find(r#"href="/impressum""#)
        .expect("Impressum in the navigation");
    let about = home
        .find(r#"href="/ueber-uns""#)
        .expect("Über uns in the navigation");
    assert!(impressum < about, "{home}");
}

/// A small export as WordPress writes it, with `items` in its channel.
fn small_export(wxr_version: &str, items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Namespace Tests</title>
<link>http://old.example.org</link>
<wp:wxr_version>{wxr_version}</wp:wxr_version>
<wp:base_site_url>http://old.example.org</wp:base_site_url>
<wp:base_blog_url>http://old.example.org</wp:base_blog_url>
{items}
</channel>
</rss>
"#
    )
}

fn item(attributes: &str, id: u32, title: &str) -> String {
    format!(
        r#"<item{attributes}>
<title>{title}</title>
<dc:creator><![CDATA[admin]]></dc:creator>
<content:encoded><![CDATA[The text of {title}.]]></content:encoded>
<wp:post_id>{id}</wp:post_id>
<wp:post_date>2020-01-0{id} 10:00:00</wp:post_date>
<wp:post_date_gmt>2020-01-0{id} 09:00:00</wp:post_date_gmt>
<wp:post_name>post-{id}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:postmeta>
<wp:meta_key>_malicious</wp:meta_key>
<wp:meta_value><![CDATA[hijacked_data]]></wp:meta_value>
</wp:postmeta>
</item>"#
    )
}

/// WordPress's importer refuses a version that is no number ("This does not
/// appear to be a WXR file, missing/invalid WXR version number"); so does Folio,
/// as it refuses a missing one, and writes nothing.
#[tokio::test]
async fn an_export_whose_wxr_version_is_no_number_is_refused_and_nothing_is_written() {
    let app = spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let before = footprint(&app.pool).await;

    for version in ["abc", "", "1.2.3", "1.x"] {
        let file = dir.path().join("invalid-version-tag.xml");
        std::fs::write(&file, small_export(version, &item("", 1, "A post"))).unwrap();
        for dry in [false, true] {
            let error = folio::wxr::command::import(&test_config(&app.database_url), &file, dry)
                .await
                .expect_err(version);
            let message = format!("{error:#}");
            assert!(
                message.contains("not a WordPress export"),
                "{version}: {message}"
            );
            assert!(message.contains("wxr_version"), "{version}: {message}");
            assert!(message.contains("line "), "{version}: {message}");
        }
    }

    assert_eq!(footprint(&app.pool).await, before);
    let file = dir.path().join("valid.xml");
    std::fs::write(&file, small_export("1.1", &item("", 1, "A post"))).unwrap();
    assert_eq!(import(&app, &file).await.unwrap().new_posts(), 1);
}

/// As in WordPress's importer corpus (namespace-attacks.xml): an item that
/// binds the prefix `wp:` to another URI has no WordPress fields at all, so
/// WordPress's parser sees no post type and imports nothing of it. Names are
/// matched by namespace URI, not by prefix; a prefix bound to the right URI works.
#[tokio::test]
async fn an_item_whose_wp_prefix_names_another_namespace_is_not_a_post() {
    let app = spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let items = [
        item("", 1, "Plain"),
        item(
            r#" xmlns:wp="http://malicious.example.com/hijack/""#,
            2,
            "Hijacked Namespace",
        ),
        item(
            r#" xmlns:wp="https://wordpress.org/export/1.2/""#,
            3,
            "HTTPS Schema",
        ),
        item("", 4, "Aliased")
            .replace("<wp:", "<alias:")
            .replace("</wp:", "</alias:")
            .replace(
                "<item>",
                r#"<item xmlns:alias="http://wordpress.org/export/1.2/">"#,
            ),
    ]
    .join("\n");
    let file = dir.path().join("namespace-attacks.xml");
    std::fs::write(&file, small_export("1.2", &items)).unwrap();

    let summary = import(&app, &file).await.unwrap();

    assert_eq!(summary.new_posts(), 2, "{summary:?}");
    assert_eq!(
        summary.skipped.get(&Skipped::ItemsWithoutType),
        Some(&2),
        "{summary:?}"
    );
    let titles: Vec<String> =
        sqlx::query_scalar("SELECT title FROM posts WHERE slug LIKE 'post-%' ORDER BY slug")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(titles, ["Plain", "Aliased"]);
    let (status, _) = app.get_page("/posts/post-2").await;
    assert_eq!(status, 404);
}

/// The `content` of the page's `<meta name="description">`.
fn description(page: &str) -> String {
    let start = page
        .find(r#"<meta name="description" content=""#)
        .expect("a description")
        + r#"<meta name="description" content=""#.len();
    crate::helpers::unescape(&page[start..start + page[start..].find('"').unwrap()])
}

#[tokio::test]
async fn an_imported_post_keeps_its_excerpt_after_an_edit_and_is_described_by_it() {
    let app = spawn().await;
    import(&app, &fixture()).await.unwrap();
    let csrf = app.login_admin().await;
    let (id, body): (i64, String) =
        sqlx::query_as("SELECT id, body_markdown FROM posts WHERE slug = 'willkommen'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (_, editor) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    let revision = crate::helpers::input_value(&editor, "revision").unwrap();
    let body = format!("{body}\n<p>Ein Nachtrag.</p>");

    let saved = app
        .admin_post(
            &format!("/admin/posts/{id}"),
            &[
                ("csrf_token", csrf.as_str()),
                ("revision", revision.as_str()),
                ("title", "Willkommen"),
                ("slug", "willkommen"),
                ("body", body.as_str()),
                ("status", "published"),
                ("comments_open", "on"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let first = "Herzlich willkommen auf der neuen Website der";
    let (_, home) = app.get_page("/").await;
    assert!(home.contains(first), "the excerpt is gone: {home}");
    let (_, post) = app.get_page("/posts/willkommen").await;
    assert!(description(&post).starts_with(first), "{post}");
    assert!(description(&post).contains("Praxis am Westpark! Ab sofort"));
    let (_, page) = app.get_page("/ueber-uns").await;
    let tagline: String = sqlx::query_scalar("SELECT tagline FROM site_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(description(&page), tagline, "{page}");
    assert!(!description(&page).is_empty());
}

#[tokio::test]
async fn posts_by_a_site_author_with_an_account_of_that_login_are_its_and_the_export_says_so() {
    let app = spawn().await;
    let team = app
        .create_account(
            "praxisteam",
            "correct horse battery staple",
            folio::domain::role::Role::Author,
        )
        .await;

    import(&app, &fixture()).await.unwrap();

    // praxisteam's posts are the account's; mweber has none here, so theirs have no author.
    let by_team = scalar(
        &app.pool,
        &format!("SELECT COUNT(*) FROM posts WHERE author_id = {team}"),
    )
    .await;
    assert!(by_team > 0);
    assert!(
        scalar(
            &app.pool,
            "SELECT COUNT(*) FROM posts WHERE author_id IS NULL"
        )
        .await
            > 0
    );
    let first: String =
        sqlx::query_scalar("SELECT title FROM posts WHERE author_id = ? ORDER BY id LIMIT 1")
            .bind(team)
            .fetch_one(&app.pool)
            .await
            .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export.xml");
    let file = std::fs::File::create(&out).unwrap();
    folio::wxr::export::export(&app.pool, "https://praxis.example", file)
        .await
        .unwrap();
    let exported = std::fs::read_to_string(&out).unwrap();
    let item = &exported[exported.find(&format!("<title>{first}</title>")).unwrap()..];
    let item = &item[..item.find("</item>").unwrap()];
    assert!(
        item.contains("<dc:creator><![CDATA[praxisteam]]></dc:creator>"),
        "{item}"
    );
}
