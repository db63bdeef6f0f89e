//! `folio backup` into a folder, keeping the newest N, and `folio restore`:
//! refused while a Folio serves the database, only a Folio database, the
//! replaced database kept, and no stale write-ahead log replayed onto the
//! restored file.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::cli::folio;
use crate::helpers::{
    WELCOME_SLUG, fresh_database, input_value, spawn_app_on, start_binary, test_config,
};

fn run(args: &[&str], url: &str) -> Output {
    folio()
        .args(args)
        .args(["--database-url", url])
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Comments on the welcome post through the running binary's form.
async fn comment_through(address: &str, body: &str) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = format!("{address}/posts/{WELCOME_SLUG}");
    let page = client
        .get(&post)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = client
        .post(format!("{post}/comments"))
        .form(&[
            ("name", "Reader"),
            ("email", "reader@example.org"),
            ("body", body),
            ("homepage", ""),
            ("form_token", &input_value(&page, "form_token").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
}

async fn bodies_in(url: &str) -> Vec<String> {
    let pool = folio::startup::connect_existing(url).await.unwrap();
    let bodies = sqlx::query_scalar("SELECT body FROM comments ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    bodies
}

/// Files in `dir` whose name starts with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn a_restore_over_a_crashed_database_puts_the_backup_in_place_and_keeps_the_old_one() {
    let (dir, path, url) = fresh_database();
    let mut server = start_binary(&url).await;
    comment_through(&server.address, "Before the backup").await;
    let backup = dir.path().join("backup.db");
    assert!(
        run(&["backup", backup.to_str().unwrap()], &url)
            .status
            .success()
    );
    comment_through(&server.address, "After the backup").await;
    // A crash: the newest comment is only in the write-ahead log.
    server.kill();
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(std::fs::metadata(&wal).unwrap().len() > 0, "no WAL left");

    let output = run(&["restore", backup.to_str().unwrap()], &url);

    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("before-restore-"), "{said}");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    let app = spawn_app_on(&url, |_| {}).await;
    assert_eq!(folio::db::integrity_check(&app.pool).await.unwrap(), "ok");
    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert_eq!(bodies_in(&url).await, ["Before the backup"]);
    assert!(!page.contains("After the backup"));
    let kept = files_starting(dir.path(), "folio.db.before-restore-");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        bodies_in(&format!("sqlite://{}", kept[0].display())).await,
        ["Before the backup", "After the backup"],
        "the replaced database keeps everything it had"
    );
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions())
            & 0o777,
        0o600
    );
}

#[tokio::test]
async fn a_restore_is_refused_while_folio_serves_the_database() {
    let (dir, _path, url) = fresh_database();
    let server = start_binary(&url).await;
    comment_through(&server.address, "Still here").await;
    let backup = dir.path().join("backup.db");
    assert!(
        run(&["backup", backup.to_str().unwrap()], &url)
            .status
            .success()
    );

    let output = run(&["restore", backup.to_str().unwrap()], &url);

    let said = stderr(&output);
    assert!(!output.status.success());
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert!(
        said.starts_with("folio: ") && said.contains("serving"),
        "{said}"
    );
    assert!(files_starting(dir.path(), "folio.db.before-restore-").is_empty());
    let page = reqwest::get(format!("{}/healthz", server.address))
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
}

#[tokio::test]
async fn folio_does_not_start_serving_while_a_restore_holds_the_database() {
    let (_dir, path, url) = fresh_database();
    let lock = folio::files::DatabaseLock::exclusive(&path).unwrap();
    assert!(matches!(lock, folio::files::Held::Ours(_)));

    let refused = folio::startup::Application::build(test_config(&url)).await;

    let message = format!("{:#}", refused.err().unwrap());
    assert!(message.contains("restore"), "{message}");
}

#[tokio::test]
async fn a_file_that_is_not_a_folio_database_is_refused_and_nothing_changes() {
    let (dir, _path, url) = fresh_database();
    let mut server = start_binary(&url).await;
    comment_through(&server.address, "Keep me").await;
    server.kill();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "SQLite? No, just notes.\n".repeat(10)).unwrap();
    let other = dir.path().join("other.db");
    let pool = folio::startup::connect(&format!("sqlite://{}", other.display()))
        .await
        .unwrap();
    sqlx::query("CREATE TABLE inventory (item TEXT)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    for file in [&text, &other] {
        let output = run(&["restore", file.to_str().unwrap()], &url);

        let said = stderr(&output);
        assert!(!output.status.success());
        assert!(said.contains("is not a Folio database"), "{said}");
    }
    assert!(files_starting(dir.path(), "folio.db.before-restore-").is_empty());
    assert!(files_starting(dir.path(), "folio.db.restoring").is_empty());
    assert_eq!(bodies_in(&url).await, ["Keep me"]);
}

#[tokio::test]
async fn a_backup_from_a_newer_folio_is_refused() {
    let (dir, _path, url) = fresh_database();
    assert!(run(&["migrate"], &url).status.success());
    let backup = dir.path().join("newer.db");
    assert!(
        run(&["backup", backup.to_str().unwrap()], &url)
            .status
            .success()
    );
    let pool = folio::startup::connect_existing(&format!("sqlite://{}", backup.display()))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99991231235959, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let output = run(&["restore", backup.to_str().unwrap()], &url);

    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("newer Folio"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test]
async fn backups_into_a_folder_keep_the_newest_n_and_touch_nothing_else() {
    let (dir, _path, url) = fresh_database();
    assert!(run(&["migrate"], &url).status.success());
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    for old in [
        "folio-20200101-033000.db",
        "folio-20200102-033000.db",
        "folio-20200103-033000.db",
    ] {
        std::fs::write(folder.join(old), b"old").unwrap();
    }
    std::fs::write(folder.join("notes.txt"), b"mine").unwrap();

    let output = run(
        &["backup", "--keep", "2", &format!("{}/", folder.display())],
        &url,
    );

    assert!(output.status.success(), "{}", stderr(&output));
    let left: Vec<String> = files_starting(&folder, "")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    assert_eq!(left[0], "folio-20200103-033000.db");
    assert!(
        left[1].starts_with("folio-20") && left[1] != left[0],
        "{left:?}"
    );
    assert_eq!(left[2], "notes.txt");
    let newest = folder.join(&left[1]);
    assert_eq!(
        bodies_in(&format!("sqlite://{}", newest.display())).await,
        Vec::<String>::new()
    );
}

#[test]
fn keep_without_a_folder_is_one_clear_line() {
    let (dir, _path, url) = fresh_database();

    let output = run(
        &[
            "backup",
            "--keep",
            "3",
            dir.path().join("one.db").to_str().unwrap(),
        ],
        &url,
    );

    assert!(!output.status.success());
    assert!(stderr(&output).contains("--keep needs a folder"));
}
