use std::process::Command;

use crate::helpers::fresh_database;

fn folio() -> Command {
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
