use std::process::Command;

use folio::startup::{self, Application};

use crate::helpers::{fresh_database, test_config};

/// The operator's `sqlx` command, if installed.
fn sqlx_cli() -> Option<Command> {
    let found = Command::new("sqlx")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then(|| {
        let mut command = Command::new("sqlx");
        command.current_dir(env!("CARGO_MANIFEST_DIR"));
        command
    })
}

async fn applied_migrations(database_url: &str) -> Vec<(i64, Vec<u8>)> {
    let pool = startup::connect(database_url).await.unwrap();
    sqlx::query_as::<_, (i64, Vec<u8>)>(
        "SELECT version, checksum FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
}

fn run_sqlx(args: &[&str], database_url: &str) -> String {
    let Some(mut command) = sqlx_cli() else {
        unreachable!()
    };
    let output = command
        .args(args)
        .args(["--database-url", database_url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "sqlx {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn a_database_migrated_by_sqlx_cli_is_up_to_date_for_folio() {
    if sqlx_cli().is_none() {
        eprintln!(
            "SKIPPED: sqlx-cli is not installed (cargo install sqlx-cli --no-default-features --features sqlite,rustls)"
        );
        return;
    }
    let (_dir, _path, url) = fresh_database();
    run_sqlx(&["database", "create"], &url);
    run_sqlx(&["migrate", "run"], &url);
    let by_cli = applied_migrations(&url).await;

    let pool = startup::connect(&url).await.unwrap();
    let pending = startup::pending_migrations(&pool).await.unwrap();
    startup::migrate(&pool).await.unwrap();

    assert!(
        pending.is_empty(),
        "folio sees pending migrations: {pending:?}"
    );
    assert_eq!(applied_migrations(&url).await, by_cli);
    assert!(!by_cli.is_empty());
}

#[tokio::test]
async fn a_database_migrated_by_folio_is_up_to_date_for_sqlx_cli() {
    if sqlx_cli().is_none() {
        eprintln!(
            "SKIPPED: sqlx-cli is not installed (cargo install sqlx-cli --no-default-features --features sqlite,rustls)"
        );
        return;
    }
    let (_dir, _path, url) = fresh_database();
    let pool = startup::connect(&url).await.unwrap();
    startup::migrate(&pool).await.unwrap();
    let by_folio = applied_migrations(&url).await;

    let info = run_sqlx(&["migrate", "info"], &url);
    run_sqlx(&["migrate", "run"], &url);

    assert!(
        !info.contains("pending"),
        "sqlx-cli sees pending migrations:\n{info}"
    );
    assert_eq!(applied_migrations(&url).await, by_folio);
}

#[tokio::test]
async fn with_auto_migrate_off_a_pending_migration_stops_the_start_with_a_clear_message() {
    let (_dir, _path, url) = fresh_database();
    let mut config = test_config(&url);
    config.auto_migrate = false;

    let error = Application::build(config)
        .await
        .err()
        .expect("the start is refused");

    let message = format!("{error:#}");
    assert!(message.contains("pending migration"), "{message}");
    assert!(message.contains("folio migrate"), "{message}");
}

#[tokio::test]
async fn with_auto_migrate_off_a_migrated_database_starts() {
    let (_dir, _path, url) = fresh_database();
    startup::migrate(&startup::connect(&url).await.unwrap())
        .await
        .unwrap();
    let mut config = test_config(&url);
    config.auto_migrate = false;

    assert!(Application::build(config).await.is_ok());
}

#[tokio::test]
async fn the_welcome_post_is_created_once_however_often_folio_starts() {
    let (_dir, _path, url) = fresh_database();

    for _ in 0..3 {
        Application::build(test_config(&url)).await.unwrap();
    }

    let pool = startup::connect(&url).await.unwrap();
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(posts, 1);
}

#[tokio::test]
async fn the_site_is_not_set_up_again_after_the_welcome_post_is_deleted() {
    let (_dir, _path, url) = fresh_database();
    Application::build(test_config(&url)).await.unwrap();
    let pool = startup::connect(&url).await.unwrap();
    sqlx::query("DELETE FROM posts")
        .execute(&pool)
        .await
        .unwrap();

    Application::build(test_config(&url)).await.unwrap();

    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(posts, 0);
}

/// A database on which a newer Folio applied a migration this one does not have.
async fn written_by_a_newer_folio(url: &str) {
    let pool = startup::connect(url).await.unwrap();
    startup::migrate(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (20991231000000, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

#[tokio::test]
async fn a_database_written_by_a_newer_folio_is_refused_with_what_to_do() {
    let (_dir, _path, url) = fresh_database();
    written_by_a_newer_folio(&url).await;

    let refused = Application::build(test_config(&url)).await.err().unwrap();
    let mut by_hand = test_config(&url);
    by_hand.auto_migrate = false;
    let refused_by_hand = Application::build(by_hand).await.err().unwrap();
    let command = crate::cli::folio()
        .args(["migrate", "--database-url", &url])
        .output()
        .unwrap();

    for message in [
        format!("{refused:#}"),
        format!("{refused_by_hand:#}"),
        String::from_utf8_lossy(&command.stderr).into_owned(),
    ] {
        assert!(message.contains("written by a newer Folio"), "{message}");
        assert!(message.contains("20991231000000"), "{message}");
        assert!(message.contains("restore the backup"), "{message}");
    }
    assert!(!command.status.success());
}
