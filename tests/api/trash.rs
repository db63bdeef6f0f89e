//! The trash: a deleted post or page leaves the site at once and comes back
//! whole with "Restore" (comments, slug, old addresses), or is deleted for
//! good by an admin, or by the hygiene task after 30 days.

use folio::hygiene::{self, Retention};

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, TestApp, location, spawn_app, unescape, valid_comment,
};

const DAY: i64 = 24 * 60 * 60;

fn form<'a>(csrf: &'a str, title: &'a str, slug: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("title", title),
        ("slug", slug),
        ("body", "Monday to Friday, 8 to 18."),
        ("tags", "Practice"),
        ("status", "published"),
        ("comments_open", "on"),
        ("action", "save"),
    ]
}

/// Saves through the post editor (`id` "" for a new post); the post's id.
async fn save(app: &TestApp, id: &str, fields: &[(&str, &str)]) -> String {
    let path = if id.is_empty() {
        "/admin/posts".to_owned()
    } else {
        format!("/admin/posts/{id}")
    };
    let response = app.admin_post(&path, fields).await;
    assert_eq!(response.status().as_u16(), 303, "not saved");
    location(&response)
        .trim_start_matches("/admin/posts/")
        .trim_end_matches("/edit")
        .to_owned()
}

/// "Opening hours" at /posts/opening-hours, formerly /posts/hours, with an
/// approved comment, and an old WordPress address leading to it.
async fn opening_hours(app: &TestApp, csrf: &str) -> String {
    let id = save(app, "", &form(csrf, "Opening hours", "hours")).await;
    save(app, &id, &form(csrf, "Opening hours", "opening-hours")).await;
    app.post_valid_comment("opening-hours", &valid_comment())
        .await;
    let comment = app.last_comment_id().await;
    app.set_comment_status(comment, "approved").await;
    sqlx::query(
        "INSERT INTO redirects (path, post_id, created_at) VALUES ('/2025/01/10/hours', ?, 0)",
    )
    .bind(id.parse::<i64>().unwrap())
    .execute(&app.pool)
    .await
    .unwrap();
    id
}

async fn trash(app: &TestApp, csrf: &str, kind: &str, id: &str) -> reqwest::Response {
    app.admin_post(
        &format!("/admin/{kind}/{id}/delete"),
        &[("csrf_token", csrf)],
    )
    .await
}

async fn restore(app: &TestApp, csrf: &str, id: &str) -> String {
    let response = app
        .admin_post(
            &format!("/admin/trash/{id}/restore"),
            &[("csrf_token", csrf)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/trash");
    // The flash, on the page the restore leads to.
    unescape(&app.get_page("/admin/trash").await.1)
}

async fn redirect_of(app: &TestApp, path: &str) -> (u16, Option<String>) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, (status == 301).then(|| location(&response)))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[tokio::test]
async fn deleting_a_post_asks_then_moves_it_to_the_trash_and_off_the_site() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;

    let (status, confirm) = app.get_page(&format!("/admin/posts/{id}/delete")).await;
    let response = trash(&app, &csrf, "posts", &id).await;

    assert_eq!(status, 200);
    assert!(
        confirm.contains("Move “Opening hours” to the trash?"),
        "{confirm}"
    );
    assert!(confirm.contains("its comment and its old addresses stay with it"));
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(location(&response), "/admin/posts");
    for path in [
        "/posts/opening-hours",
        "/posts/hours",
        "/2025/01/10/hours",
        "/tags/practice",
    ] {
        assert_eq!(app.get(path).await.status().as_u16(), 404, "{path}");
    }
    for path in ["/", "/feed.xml", "/sitemap.xml"] {
        let (_, page) = app.get_page(path).await;
        assert!(
            !page.contains("Opening hours") && !page.contains("opening-hours"),
            "{path}"
        );
    }
    let (_, posts) = app.get_page("/admin/posts").await;
    assert!(posts.contains("was moved to the trash"), "{posts}");
    assert!(!posts.contains(&format!("/admin/posts/{id}/edit")));
    assert_eq!(
        app.get(&format!("/admin/posts/{id}/edit"))
            .await
            .status()
            .as_u16(),
        404
    );
    let (status, list) = app.get_page("/admin/trash").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Opening hours") && list.contains("1 comment"),
        "{list}"
    );
    let (status, preview) = app.get_page(&format!("/admin/posts/{id}/preview")).await;
    assert_eq!(status, 200);
    assert!(
        preview.contains("In the trash.") && preview.contains("Monday to Friday"),
        "{preview}"
    );
    assert_eq!(app.comment_count().await, 1, "its comment is kept");
}

#[tokio::test]
async fn restoring_brings_back_the_post_its_comments_and_its_old_addresses() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;
    trash(&app, &csrf, "posts", &id).await;

    let flash = restore(&app, &csrf, &id).await;

    assert!(flash.contains("“Opening hours” was restored."), "{flash}");
    assert!(!flash.contains("Opening hours</a>"), "no longer listed");
    let (status, post) = app.get_page("/posts/opening-hours").await;
    assert_eq!(status, 200);
    assert!(
        post.contains("What a thoughtful post."),
        "its comment is back"
    );
    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/opening-hours".into()))
    );
    assert_eq!(
        redirect_of(&app, "/2025/01/10/hours").await,
        (301, Some("/posts/opening-hours".into()))
    );
    assert_eq!(app.get("/tags/practice").await.status().as_u16(), 200);
    let (_, home) = app.get_page("/").await;
    assert!(home.contains("Opening hours"));
}

#[tokio::test]
async fn a_post_restored_after_another_took_its_slug_gets_a_new_one_and_says_so() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;
    trash(&app, &csrf, "posts", &id).await;
    let mut winter = form(&csrf, "Winter opening hours", "opening-hours");
    winter[3] = ("body", "Closed on Saturdays.");
    save(&app, "", &winter).await;

    let flash = restore(&app, &csrf, &id).await;

    assert!(
        flash.contains("Another post took its slug “opening-hours” meanwhile, so its slug is now “opening-hours-2”"),
        "{flash}"
    );
    let (_, taken) = app.get_page("/posts/opening-hours").await;
    assert!(
        taken.contains("Closed on Saturdays."),
        "the new owner keeps it"
    );
    let (status, restored) = app.get_page("/posts/opening-hours-2").await;
    assert_eq!(status, 200);
    assert!(restored.contains("What a thoughtful post."));
    assert_eq!(
        redirect_of(&app, "/posts/hours").await,
        (301, Some("/posts/opening-hours-2".into())),
        "its old addresses lead to it"
    );
    assert_eq!(
        redirect_of(&app, "/2025/01/10/hours").await,
        (301, Some("/posts/opening-hours-2".into()))
    );
}

#[tokio::test]
async fn delete_permanently_asks_then_removes_it_with_its_comments() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;
    trash(&app, &csrf, "posts", &id).await;

    let (status, confirm) = app.get_page(&format!("/admin/trash/{id}/delete")).await;
    let response = app
        .admin_post(
            &format!("/admin/trash/{id}/delete"),
            &[("csrf_token", csrf.as_str())],
        )
        .await;

    assert_eq!(status, 200);
    assert!(
        confirm.contains("Delete “Opening hours” permanently?"),
        "{confirm}"
    );
    assert!(confirm.contains("its 1 comment will be removed for good"));
    assert_eq!(response.status().as_u16(), 303);
    let (_, list) = app.get_page("/admin/trash").await;
    assert!(list.contains("The trash is empty."), "{list}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM posts WHERE title = 'Opening hours'"
        )
        .await,
        0
    );
    assert_eq!(app.comment_count().await, 0);
    assert_eq!(app.get("/posts/hours").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_post_not_in_the_trash_is_neither_restored_nor_deleted_from_there() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;

    let restored = app
        .admin_post(
            &format!("/admin/trash/{id}/restore"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let deleted = app
        .admin_post(
            &format!("/admin/trash/{id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let confirm = app.get(&format!("/admin/trash/{id}/delete")).await;

    assert_eq!(restored.status().as_u16(), 303);
    assert_eq!(deleted.status().as_u16(), 303);
    assert_eq!(confirm.status().as_u16(), 404);
    let (_, list) = app.get_page("/admin/trash").await;
    assert!(list.contains("That is no longer in the trash."), "{list}");
    assert_eq!(app.get("/posts/opening-hours").await.status().as_u16(), 200);
}

#[tokio::test]
async fn the_trash_is_emptied_of_what_has_been_there_for_30_days() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let old = opening_hours(&app, &csrf).await;
    trash(&app, &csrf, "posts", &old).await;
    app.clock.advance(10 * DAY);
    // The session has ended meanwhile.
    app.login_as(ADMIN, ADMIN_PASSWORD).await;
    let csrf = app.csrf_token().await;
    let newer = save(&app, "", &form(&csrf, "Holidays", "")).await;
    trash(&app, &csrf, "posts", &newer).await;
    let retention = Retention {
        ip_days: 0,
        spam_days: 0,
    };

    app.clock.advance(20 * DAY - 60);
    app.login_as(ADMIN, ADMIN_PASSWORD).await;
    let too_early = hygiene::tidy(&app.pool, retention, app.clock.now())
        .await
        .unwrap();
    app.clock.advance(120);
    let tidied = hygiene::tidy(&app.pool, retention, app.clock.now())
        .await
        .unwrap();

    assert_eq!(too_early.trash_purged, 0);
    assert_eq!(tidied.trash_purged, 1);
    let (_, list) = app.get_page("/admin/trash").await;
    assert!(
        !list.contains("Opening hours") && list.contains("Holidays"),
        "{list}"
    );
    assert_eq!(app.comment_count().await, 0, "its comments went with it");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM post_slug_history").await,
        0
    );
}

#[tokio::test]
async fn a_page_in_the_trash_leaves_the_navigation_and_comes_back_to_it() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let saved = app
        .admin_post(
            "/admin/pages",
            &[
                ("csrf_token", csrf.as_str()),
                ("title", "Impressum"),
                ("slug", ""),
                ("body", "Praxis Dr. Weber."),
                ("status", "published"),
                ("action", "save"),
            ],
        )
        .await;
    let id = location(&saved)
        .trim_start_matches("/admin/pages/")
        .trim_end_matches("/edit")
        .to_owned();
    sqlx::query("UPDATE posts SET nav_position = 1 WHERE id = ?")
        .bind(id.parse::<i64>().unwrap())
        .execute(&app.pool)
        .await
        .unwrap();

    let trashed = trash(&app, &csrf, "pages", &id).await;
    let (_, home_without) = app.get_page("/").await;
    let gone = app.get("/impressum").await.status().as_u16();
    restore(&app, &csrf, &id).await;
    let (_, home_with) = app.get_page("/").await;

    assert_eq!(location(&trashed), "/admin/pages");
    assert_eq!(gone, 404);
    assert!(!home_without.contains(r#"href="/impressum""#));
    assert!(home_with.contains(r#"href="/impressum""#), "{home_with}");
    assert_eq!(app.get("/impressum").await.status().as_u16(), 200);
}

#[tokio::test]
async fn a_scheduled_post_is_not_published_from_the_trash_and_comes_back_a_draft_once_its_time_passed()
 {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let at = folio::domain::time::Zone::utc().local_input(app.clock.now() + 3600);
    let mut scheduled = form(&csrf, "Closed on Monday", "");
    scheduled[5] = ("status", "scheduled");
    scheduled.push(("publish_at", &at));
    let id = save(&app, "", &scheduled).await;
    trash(&app, &csrf, "posts", &id).await;

    app.clock.advance(2 * 3600);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let in_trash: String = sqlx::query_scalar("SELECT status FROM posts WHERE id = ?")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let flash = restore(&app, &csrf, &id).await;

    assert_eq!(in_trash, "draft");
    assert!(
        flash.contains(
            "Its publication time passed while it was in the trash, so it is a draft now."
        ),
        "{flash}"
    );
    assert_eq!(
        app.get("/posts/closed-on-monday").await.status().as_u16(),
        404
    );
    let (_, editor) = app.get_page(&format!("/admin/posts/{id}/edit")).await;
    assert!(editor.contains(r#"value="draft" checked"#));
}

#[tokio::test]
async fn the_admin_navigation_leads_to_the_trash() {
    let app = spawn_app().await;
    app.login_admin().await;

    let (_, page) = app.get_page("/admin/posts").await;
    let (status, trash) = app.get_page("/admin/trash").await;

    assert!(
        page.contains(r#"<a href="/admin/trash">Trash</a>"#),
        "{page}"
    );
    assert_eq!(status, 200);
    assert!(trash.contains(r#"aria-current="page">Trash</a>"#));
    assert!(trash.contains("The trash is empty."));
}

#[tokio::test]
async fn a_post_in_wordpresss_trash_lands_in_the_trash_and_comes_back_whole() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wordpress/fixture.xml");
    let mut config = crate::helpers::test_config(&app.database_url);
    config.clock = app.clock.clone();
    folio::wxr::command::import(&config, &fixture, false)
        .await
        .unwrap();
    let slug = "aktuelle-corona-regeln-in-der-praxis";

    let (_, list) = app.get_page("/admin/trash").await;
    let gone = app.get(&format!("/posts/{slug}")).await.status().as_u16();
    let old_address = app.get("/?p=15").await.status().as_u16();
    let id: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE trashed_slug = ?")
        .bind(slug)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let again = folio::wxr::command::import(&config, &fixture, false)
        .await
        .unwrap();
    let flash = restore(&app, &csrf, &id.to_string()).await;

    assert!(
        list.contains("Aktuelle Corona-Regeln in der Praxis"),
        "{list}"
    );
    assert!(list.contains("3 comments"));
    assert_eq!((gone, old_address), (404, 404));
    assert_eq!(again.new_posts(), 0, "imported once");
    assert!(flash.contains("“Aktuelle Corona-Regeln in der Praxis” was restored."));
    let (status, post) = app.get_page(&format!("/posts/{slug}")).await;
    assert_eq!(status, 200);
    assert_eq!(post.matches(r#"<li class="comment"#).count(), 3, "{post}");
    assert_eq!(
        redirect_of(&app, "/?p=15").await,
        (301, Some(format!("/posts/{slug}")))
    );
}

#[tokio::test]
async fn the_export_writes_a_post_in_the_trash_as_wordpress_does() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;
    let id = opening_hours(&app, &csrf).await;
    trash(&app, &csrf, "posts", &id).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site.xml");

    folio::wxr::command::export(&crate::helpers::test_config(&app.database_url), &file)
        .await
        .unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("<wp:post_name><![CDATA[opening-hours__trashed]]></wp:post_name>"),
        "{text}"
    );
    assert!(text.contains("<wp:status><![CDATA[trash]]></wp:status>"));
    assert!(text.contains("<wp:meta_key><![CDATA[_wp_desired_post_slug]]></wp:meta_key>"));
    assert!(text.contains("<wp:meta_value><![CDATA[opening-hours]]></wp:meta_value>"));
    assert!(text.contains("<wp:meta_value><![CDATA[publish]]></wp:meta_value>"));
}
