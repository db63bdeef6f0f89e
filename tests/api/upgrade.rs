//! Upgrades: today's binary opens a database the previous release wrote
//! (`tests/fixtures/upgrade/`, see its README), migrates it and serves the
//! same site: every page that answered then, the same comments, settings and
//! admin login. Each later release adds its own fixture beside it.

use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::helpers::{spawn_app_on, unescape};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upgrade");
const ADMIN: &str = "praxis";
const PASSWORD: &str = "praxis-upgrade-2026";

/// A private copy of the previous release's database (opening it migrates it).
fn copy_of_previous_release() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("folio.db");
    std::fs::copy(format!("{FIXTURE}/folio-previous.db"), &copy).unwrap();
    std::fs::set_permissions(&copy, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let url = format!("sqlite://{}", copy.display());
    (dir, url)
}

/// Every comment as (id, post slug, status, body), read before anything migrates it.
type Comment = (i64, String, String, String);

async fn comments_before_migrating(url: &str) -> Vec<Comment> {
    let mut conn = SqliteConnectOptions::from_str(url)
        .unwrap()
        .read_only(true)
        .immutable(true)
        .connect()
        .await
        .unwrap();
    let rows = sqlx::query_as(
        "SELECT c.id, p.slug, c.status, c.body FROM comments c JOIN posts p ON p.id = c.post_id ORDER BY c.id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    rows
}

fn expected_paths() -> Vec<String> {
    std::fs::read_to_string(format!("{FIXTURE}/EXPECTED.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_previous_releases_database_migrates_and_serves_the_same_site() {
    let (_dir, url) = copy_of_previous_release();
    let before = comments_before_migrating(&url).await;
    assert!(before.len() > 40, "the fixture has its comments");

    let app = spawn_app_on(&url, |_| {}).await;

    let mut failed = Vec::new();
    for path in expected_paths() {
        let (status, page) = app.get_page(&path).await;
        if status != 200 {
            failed.push(format!("{path}: {status}"));
            continue;
        }
        assert!(page.contains("Praxis am Westpark"), "{path}: the title");
        assert!(page.contains("Mo–Fr 8–18 Uhr"), "{path}: the header lines");
        assert!(page.contains(r#"<html lang="de""#), "{path}: the language");
        let slug = path.trim_start_matches("/posts/").trim_start_matches('/');
        for (id, _, _, _) in before
            .iter()
            .filter(|(_, post, status, _)| post == slug && status == "approved")
        {
            if !page.contains(&format!(r#"id="comment-{id}""#)) {
                failed.push(format!("{path}: approved comment {id} is missing"));
            }
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
    let after: Vec<Comment> = sqlx::query_as(
        "SELECT c.id, p.slug, c.status, c.body FROM comments c JOIN posts p ON p.id = c.post_id ORDER BY c.id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(after, before, "the same comments, statuses and texts");
    assert_eq!(folio::db::integrity_check(&app.pool).await.unwrap(), "ok");
}

#[tokio::test]
async fn the_previous_releases_admin_still_logs_in_with_the_same_settings() {
    let (_dir, url) = copy_of_previous_release();
    let app = spawn_app_on(&url, |_| {}).await;

    let login = app.login_as(ADMIN, PASSWORD).await;

    assert_eq!(login.status().as_u16(), 303);
    let (status, settings) = app.get_page("/admin/settings").await;
    assert_eq!(status, 200);
    assert!(settings.contains("Praxis am Westpark"));
    assert!(unescape(&settings).contains("<option selected>Europe/Berlin</option>"));
    let (_, account) = app.get_page("/admin/account").await;
    assert!(account.contains("praxis@example.org"));
}
