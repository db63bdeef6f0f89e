use std::process::Command;

use crate::helpers::fresh_database;

/// The built `folio` binary, without the caller's database or log settings.
pub fn folio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.env_remove("DATABASE_URL").env("RUST_LOG", "error");
    command
}

#[test]
fn help_describes_every_command() {
    let output = folio().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);

    assert!(output.status.success());
    for word in ["serve", "migrate", "--database-url", "--bind"] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
    assert!(
        folio()
            .args(["serve", "--help"])
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn migrate_creates_and_migrates_a_missing_database_then_finds_nothing_to_do() {
    let (_dir, path, url) = fresh_database();

    let first = folio()
        .args(["migrate", "--database-url", &url])
        .output()
        .unwrap();
    let second = folio()
        .args(["migrate", "--database-url", &url])
        .output()
        .unwrap();

    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(path.exists());
    assert!(String::from_utf8_lossy(&second.stdout).contains("up to date"));
}

#[test]
fn serve_with_auto_migrate_off_on_an_empty_database_exits_with_one_clear_line() {
    let (_dir, _path, url) = fresh_database();

    let output = folio()
        .args(["serve", "--database-url", &url, "--bind", "127.0.0.1:0"])
        .env("FOLIO_AUTO_MIGRATE", "false")
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("folio migrate"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_bad_database_url_is_one_clear_line_not_a_panic() {
    let output = folio()
        .args(["migrate", "--database-url", "postgres://nope"])
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.starts_with("folio: "), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

/// Runs `folio admin <args>` with `stdin` piped in (not a terminal).
pub fn admin_command(args: &[&str], url: &str, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = folio()
        .arg("admin")
        .args(args)
        .args(["--database-url", url])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

async fn can_log_in(url: &str, username: &str, password: &str) -> u16 {
    let app = crate::helpers::spawn_app_on(url, |_| {}).await;
    app.login_as(username, password).await.status().as_u16()
}

#[tokio::test]
async fn admin_create_reads_the_password_from_stdin_even_before_the_database_exists() {
    let (_dir, path, url) = fresh_database();

    let output = admin_command(
        &["create", "alice"],
        &url,
        "correct horse battery staple\nignored second line\n",
    );

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(path.exists());
    assert!(String::from_utf8_lossy(&output.stdout).contains("Created admin 'alice'"));
    assert_eq!(
        can_log_in(&url, "alice", "correct horse battery staple").await,
        303
    );
}

#[tokio::test]
async fn admin_create_takes_a_display_name_and_an_email() {
    let (_dir, _path, url) = fresh_database();

    let output = admin_command(
        &[
            "create",
            "anna",
            "--display-name",
            "Dr. Anna Meier",
            "--email",
            "anna@praxis.example",
        ],
        &url,
        "correct horse battery staple\n",
    );

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pool = folio::startup::connect(&url).await.unwrap();
    let (name, email): (String, String) =
        sqlx::query_as("SELECT display_name, email FROM admins WHERE username = 'anna'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(name, "Dr. Anna Meier");
    assert_eq!(email, "anna@praxis.example");
}

#[test]
fn admin_create_refuses_a_bad_email_and_creates_nothing() {
    let (_dir, _path, url) = fresh_database();

    let output = admin_command(
        &["create", "anna", "--email", "not an address"],
        &url,
        "correct horse battery staple\n",
    );

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("email"), "{stderr}");
}

#[test]
fn admin_create_refuses_a_short_password_with_a_clear_message() {
    let (_dir, _path, url) = fresh_database();

    let output = admin_command(&["create", "alice"], &url, "short\n");

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("at least 12 characters"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn admin_create_refuses_an_existing_username() {
    let (_dir, _path, url) = fresh_database();
    assert!(
        admin_command(&["create", "alice"], &url, "correct horse battery staple\n")
            .status
            .success()
    );

    let output = admin_command(&["create", "alice"], &url, "another long password\n");

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
}

#[test]
fn admin_create_refuses_a_bad_username() {
    let (_dir, _path, url) = fresh_database();

    let output = admin_command(
        &["create", "al ice"],
        &url,
        "correct horse battery staple\n",
    );

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("may only contain"));
}

#[test]
fn admin_passwd_for_an_unknown_admin_fails_clearly() {
    let (_dir, _path, url) = fresh_database();

    let output = admin_command(
        &["passwd", "nobody"],
        &url,
        "correct horse battery staple\n",
    );

    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("there is no admin called 'nobody'"));
}

#[tokio::test]
async fn admin_passwd_changes_the_password_ends_sessions_and_lifts_the_lock() {
    let (_dir, _path, url) = fresh_database();
    assert!(
        admin_command(&["create", "alice"], &url, "correct horse battery staple\n")
            .status
            .success()
    );
    assert_eq!(
        can_log_in(&url, "alice", "correct horse battery staple").await,
        303
    );
    let pool = folio::startup::connect(&url).await.unwrap();
    sqlx::query("INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES ('user:alice', 9, 0, 9999999999)")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        can_log_in(&url, "alice", "correct horse battery staple").await,
        429
    );

    let output = admin_command(&["passwd", "alice"], &url, "a brand new passphrase\n");

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    assert_eq!(
        can_log_in(&url, "alice", "correct horse battery staple").await,
        401
    );
    assert_eq!(
        can_log_in(&url, "alice", "a brand new passphrase").await,
        303
    );
}

#[test]
fn admin_help_lists_create_and_passwd() {
    let output = folio().args(["admin", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);

    assert!(help.contains("create") && help.contains("passwd"), "{help}");
}

/// Files in a folder, by name.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn commands_that_read_a_database_never_create_one() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/wordpress/fixture.xml"
    );
    let commands: [&[&str]; 5] = [
        &["backup", "copy.db"],
        &["export", "wordpress", "site.xml"],
        &["privacy", "export", "ada@example.org"],
        &["privacy", "erase", "ada@example.org"],
        &["import", "wordpress", fixture, "--dry-run"],
    ];
    for args in commands {
        let (dir, path, url) = fresh_database();

        let output = folio()
            .current_dir(dir.path())
            .args(args)
            .args(["--database-url", &url])
            .output()
            .unwrap();

        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(stderr.starts_with("folio: "), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "{args:?} does not name the database it looked for: {stderr}"
        );
        assert_eq!(
            files_in(dir.path()),
            Vec::<String>::new(),
            "{args:?} left files behind"
        );
    }
}
