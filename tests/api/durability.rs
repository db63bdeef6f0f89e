//! What a reader was told was saved stays saved: under concurrency, across a
//! killed process, in a backup, and through a graceful shutdown.

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::helpers::{
    ADMIN, ADMIN_PASSWORD, WELCOME_SLUG, comment_with, fresh_database, location, spawn_app,
    spawn_app_on, spawn_app_with, start_binary,
};

/// Polls `done` until it holds; a test that waits longer than a minute has failed.
async fn wait_until(done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "gave up waiting after 60 s"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[tokio::test]
async fn two_hundred_concurrent_comments_are_all_stored_exactly_once() {
    let app = spawn_app().await;
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..25 {
        let client = app.client.clone();
        let url = app.url(&format!("/posts/{WELCOME_SLUG}/comments"));
        tasks.spawn(async move {
            let mut statuses = Vec::new();
            for i in 0..8 {
                let form = comment_with("body", &format!("Concurrent comment {worker}-{i}"));
                statuses.push(
                    client
                        .post(&url)
                        .form(&form)
                        .send()
                        .await
                        .unwrap()
                        .status()
                        .as_u16(),
                );
            }
            statuses
        });
    }

    let statuses: Vec<u16> = tasks.join_all().await.into_iter().flatten().collect();

    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let distinct: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT body) FROM comments")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((app.comment_count().await, distinct), (200, 200));
}

/// Bodies whose POST got its 303 before the process was stopped.
type Acked = Arc<Mutex<Vec<String>>>;

/// Twenty readers commenting as fast as they can until the server stops answering.
fn comment_burst(address: &str) -> (Acked, tokio::task::JoinSet<()>) {
    let acked: Acked = Arc::default();
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..20 {
        let (acked, address, client) = (acked.clone(), address.to_owned(), client());
        workers.spawn(async move {
            for i in 0.. {
                let body = format!("Burst {worker}-{i}");
                let form = comment_with("body", &body);
                let sent = client
                    .post(format!("{address}/posts/{WELCOME_SLUG}/comments"))
                    .form(&form)
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status().as_u16() == 303 => {
                        acked.lock().unwrap().push(body)
                    }
                    _ => break,
                }
            }
        });
    }
    (acked, workers)
}

/// Every acknowledged comment is in the database, which SQLite finds sound.
async fn assert_none_lost(url: &str, acked: &Acked) {
    let pool = folio::startup::connect(url).await.unwrap();
    assert_eq!(folio::db::integrity_check(&pool).await.unwrap(), "ok");
    let stored: Vec<String> = sqlx::query_scalar("SELECT body FROM comments")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    let acked = acked.lock().unwrap().clone();
    let lost: Vec<String> = acked.into_iter().filter(|b| !stored.contains(b)).collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged comments were lost: {lost:?}",
        lost.len()
    );
}

#[tokio::test]
async fn comments_acknowledged_before_a_crash_survive_it() {
    let (_dir, _path, url) = fresh_database();
    let mut folio = start_binary(&url).await;
    let (acked, workers) = comment_burst(&folio.address);
    wait_until(|| acked.lock().unwrap().len() >= 100).await;

    folio.kill();
    workers.join_all().await;

    let mut restarted = start_binary(&url).await;
    assert_none_lost(&url, &acked).await;
    restarted.kill();
}

#[tokio::test]
async fn sigterm_in_a_burst_of_comments_keeps_every_acknowledged_one() {
    let (_dir, path, url) = fresh_database();
    let mut folio = start_binary(&url).await;
    let (acked, workers) = comment_burst(&folio.address);
    wait_until(|| acked.lock().unwrap().len() >= 100).await;

    let terminated = Command::new("kill")
        .args(["-TERM", &folio.child.id().to_string()])
        .status()
        .unwrap();
    let exit = folio.child.wait().unwrap();
    workers.join_all().await;

    assert!(terminated.success());
    assert!(exit.success(), "{exit:?}");
    let wal = path.with_file_name("folio.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the WAL was not checkpointed"
    );
    assert_none_lost(&url, &acked).await;
}

#[tokio::test]
async fn approvals_acknowledged_before_a_crash_survive_it() {
    let (_dir, _path, url) = fresh_database();
    let seeding = spawn_app_on(&url, |_| {}).await;
    seeding.create_admin(ADMIN, ADMIN_PASSWORD).await;
    let mut ids = Vec::new();
    for i in 0..400 {
        ids.push(
            seeding
                .seed_comment("Reader", &format!("Approve me {i}"), "pending")
                .await,
        );
    }
    let mut folio = start_binary(&url).await;
    let admin = client();
    let page = admin
        .get(format!("{}/admin/login", folio.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let login_csrf = crate::helpers::input_value(&page, "csrf_token").unwrap();
    let login = admin
        .post(format!("{}/admin/login", folio.address))
        .form(&[
            ("username", ADMIN),
            ("password", ADMIN_PASSWORD),
            ("csrf_token", &login_csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status().as_u16(), 303);
    let queue = admin
        .get(format!("{}/admin/comments", folio.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::input_value(&queue, "csrf_token").unwrap();
    let acked: Arc<Mutex<Vec<i64>>> = Arc::default();
    let mut workers = tokio::task::JoinSet::new();
    for chunk in ids.chunks(20) {
        let (acked, address, admin, csrf, chunk) = (
            acked.clone(),
            folio.address.clone(),
            admin.clone(),
            csrf.clone(),
            chunk.to_vec(),
        );
        workers.spawn(async move {
            for id in chunk {
                let sent = admin
                    .post(format!("{address}/admin/comments/{id}/approve"))
                    .form(&[("csrf_token", &csrf)])
                    .send()
                    .await;
                match sent {
                    Ok(response)
                        if response.status().as_u16() == 303
                            && location(&response).starts_with("/admin/comments") =>
                    {
                        acked.lock().unwrap().push(id);
                    }
                    _ => break,
                }
            }
        });
    }
    wait_until(|| acked.lock().unwrap().len() >= 60).await;

    folio.kill();
    workers.join_all().await;

    let mut restarted = start_binary(&url).await;
    let pool = folio::startup::connect(&url).await.unwrap();
    assert_eq!(folio::db::integrity_check(&pool).await.unwrap(), "ok");
    let acked = acked.lock().unwrap().clone();
    for id in acked {
        let status: String = sqlx::query_scalar("SELECT status FROM comments WHERE id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(
            status, "approved",
            "comment {id} was acknowledged as approved"
        );
    }
    restarted.kill();
}

#[tokio::test]
async fn sigterm_stops_folio_cleanly_with_the_log_checkpointed() {
    let (_dir, path, url) = fresh_database();
    let mut folio = start_binary(&url).await;
    let response = client()
        .post(format!("{}/posts/{WELCOME_SLUG}/comments", folio.address))
        .form(&comment_with("body", "Before the shutdown"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);

    let killed = Command::new("kill")
        .args(["-TERM", &folio.child.id().to_string()])
        .status()
        .unwrap();
    let exit = folio.child.wait().unwrap();

    assert!(killed.success());
    assert!(exit.success(), "{exit:?}");
    let wal = path.with_file_name("folio.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the WAL was not checkpointed"
    );
    let pool = folio::startup::connect(&url).await.unwrap();
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM comments")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(bodies, vec!["Before the shutdown".to_owned()]);
}

#[tokio::test]
async fn a_backup_taken_while_folio_runs_holds_everything() {
    let app = spawn_app().await;
    for i in 0..30 {
        app.seed_comment("Reader", &format!("Backed up {i}"), "approved")
            .await;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");

    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args([
            "backup",
            target.to_str().unwrap(),
            "--database-url",
            &app.database_url,
        ])
        .env("RUST_LOG", "error")
        .output()
        .unwrap();

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let restored = spawn_app_on(&format!("sqlite://{}", target.display()), |_| {}).await;
    assert_eq!(restored.comment_count().await, 30);
    assert_eq!(
        folio::db::integrity_check(&restored.pool).await.unwrap(),
        "ok"
    );
    let (_, page) = restored.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(page.contains("Backed up 29"));
}

#[test]
fn a_backup_never_overwrites_an_existing_file() {
    let (_dir, path, url) = fresh_database();
    std::fs::write(&path, b"").unwrap();
    let existing = path.with_file_name("keep.db");
    std::fs::write(&existing, b"precious").unwrap();

    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["backup", existing.to_str().unwrap(), "--database-url", &url])
        .output()
        .unwrap();

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&existing).unwrap(), b"precious");
}

#[tokio::test]
async fn the_same_comment_sent_twenty_times_at_once_is_stored_once() {
    let app = spawn_app().await;
    let form = {
        let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
        form.extend(comment_with("body", "Sent in a hurry"));
        form
    };
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, url, form) = (
            app.client.clone(),
            app.url(&format!("/posts/{WELCOME_SLUG}/comments")),
            form.clone(),
        );
        tasks.spawn(async move {
            client
                .post(url)
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }

    let statuses = tasks.join_all().await;

    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn a_simultaneous_burst_from_one_address_stops_at_the_rate_limit() {
    let app = spawn_app_with(|c| c.comments_per_minute = 5).await;
    let hidden = app.hidden_form_fields(WELCOME_SLUG).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20 {
        let mut form = hidden.clone();
        form.extend(comment_with("body", &format!("Burst comment {i}")));
        let (client, url) = (
            app.client.clone(),
            app.url(&format!("/posts/{WELCOME_SLUG}/comments")),
        );
        tasks.spawn(async move {
            client
                .post(url)
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }

    let statuses = tasks.join_all().await;

    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        5,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 429),
        "{statuses:?}"
    );
    assert_eq!(app.comment_count().await, 5);
}
