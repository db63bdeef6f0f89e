use std::process::Command;

use clap::Parser;

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

/// The app started here keeps running in the test's runtime. A test that runs
/// a command after it uses a multi-thread runtime: waiting for the command
/// blocks one thread, and the app's tasks (one may be inside a write
/// transaction) must go on on the other, or the command finds the database locked.
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
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("there is no account called 'nobody'")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_reset_2fa_removes_the_second_factors_and_ends_the_sessions() {
    let (_dir, _path, url) = fresh_database();
    let app = crate::helpers::spawn_app_on(&url, |_| {}).await;
    crate::two_factor::set_up_authenticator(&app).await;
    crate::two_factor::password_step(&app).await;

    let output = admin_command(&["reset-2fa", "alice"], &url, "");

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("alice"));
    for table in [
        "sessions",
        "pending_sign_ins",
        "totp_secrets",
        "recovery_codes",
    ] {
        let left: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "{table}");
    }
    let response = app
        .login_as(crate::helpers::ADMIN, crate::helpers::ADMIN_PASSWORD)
        .await;
    assert_eq!(crate::helpers::location(&response), "/admin/comments");
    let (_, log) = app.get_page("/admin/log").await;
    assert!(log.contains("reset two-step sign-in"), "{log}");
    assert!(log.contains("(command line)"));
}

#[test]
fn admin_reset_2fa_for_an_unknown_account_fails_clearly() {
    let (_dir, _path, url) = fresh_database();
    assert!(
        admin_command(&["create", "alice"], &url, "correct horse battery staple\n")
            .status
            .success()
    );

    let output = admin_command(&["reset-2fa", "nobody"], &url, "");

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no account called 'nobody'"), "{stderr}");
}

#[test]
fn admin_help_lists_create_and_passwd() {
    let output = folio().args(["admin", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);

    assert!(help.contains("create") && help.contains("passwd"), "{help}");
}

/// `.env.example` with every suggested line (`# NAME=value`) switched on.
fn example_with_every_line_on() -> String {
    let example = include_str!("../../.env.example");
    example
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.split_once('=').is_some_and(|(name, _)| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                }) =>
            {
                rest.to_owned()
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_line_of_env_example_is_read_by_folios_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(&path, example_with_every_line_on()).unwrap();

    let pairs = folio::config::read_dotenv(&path).unwrap();

    let names: Vec<&str> = pairs.iter().map(|(name, _)| name.as_str()).collect();
    for suggested in [
        "FOLIO_MAIL_FROM",
        "FOLIO_SMTP_URL",
        "FOLIO_BASE_URL",
        "FOLIO_TRUSTED_PROXY",
    ] {
        assert!(
            names.contains(&suggested),
            "{suggested} not switched on: {names:?}"
        );
    }
    // Each variable as the flag it also is (RUST_LOG is tracing's own).
    let mut args = vec!["folio".to_owned()];
    for (name, value) in &pairs {
        if name == "RUST_LOG" {
            assert!(
                tracing_subscriber::EnvFilter::try_new(value).is_ok(),
                "{value}"
            );
            continue;
        }
        let flag = name
            .trim_start_matches("FOLIO_")
            .to_lowercase()
            .replace('_', "-");
        args.push(format!("--{flag}"));
        args.push(value.clone());
    }
    let cli = folio::cli::Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert_eq!(
        cli.config.mail_from(),
        "Praxis Dr. Weber <blog@example.org>"
    );
    assert!(cli.config.smtp_url.is_some());
}

#[test]
fn an_unreadable_line_in_dotenv_is_named_by_file_and_line_without_its_value() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "# Mail\nFOLIO_BIND=127.0.0.1:0\nFOLIO_MAIL_FROM=Praxis Dr. Weber <blog@example.org>\n",
    )
    .unwrap();

    let output = folio()
        .arg("migrate")
        .current_dir(dir.path())
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.starts_with("folio: "), "{stderr}");
    assert!(stderr.contains(".env, line 3: FOLIO_MAIL_FROM"), "{stderr}");
    assert!(stderr.contains("double quotes"), "{stderr}");
    assert!(!stderr.contains("blog@example.org"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("folio.db").exists(), "nothing started");
}

/// Whether this test runs as root, who may write any file: then the binary
/// runs as `nobody` to meet the permissions an operator's service user meets.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `folio serve` on `url` as an unprivileged user; its error output.
fn serve_as_unprivileged(url: &str) -> Option<String> {
    use std::os::unix::process::CommandExt;
    let mut command = folio();
    command.args(["serve", "--database-url", url, "--bind", "127.0.0.1:0"]);
    if running_as_root() {
        // nobody must be able to reach the binary.
        let binary = std::path::Path::new(env!("CARGO_BIN_EXE_folio"));
        let reachable = binary.ancestors().skip(1).all(|dir| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
        });
        if !reachable {
            eprintln!("skipped: the folio binary is not reachable for the user nobody");
            return None;
        }
        command.uid(65534).gid(65534);
    }
    let output = command.output().unwrap();
    assert!(
        !output.status.success(),
        "it started on a database it cannot write"
    );
    Some(String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A migrated database in `folder` (closed, so no -wal is left), owned by the user the binary runs as.
async fn closed_database(folder: &std::path::Path) -> String {
    let url = format!("sqlite://{}", folder.join("folio.db").display());
    let pool = folio::startup::connect(&url).await.unwrap();
    folio::startup::migrate(&pool).await.unwrap();
    folio::db::checkpoint(&pool).await.unwrap();
    pool.close().await;
    // Everything is in the database file now: the empty -wal and -shm may go.
    for side in ["folio.db-wal", "folio.db-shm"] {
        let _ = std::fs::remove_file(folder.join(side));
    }
    url
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[tokio::test]
async fn a_database_folder_folio_cannot_write_is_named_with_why_it_must_be_writable() {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o755);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let url = closed_database(&data).await;
    if running_as_root() {
        std::os::unix::fs::chown(data.join("folio.db"), Some(65534), Some(65534)).unwrap();
    }
    set_mode(&data, 0o555);

    let stderr = serve_as_unprivileged(&url);
    set_mode(&data, 0o755);
    let Some(stderr) = stderr else { return };

    assert!(
        stderr.starts_with("folio: cannot write the database "),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("the folder {} is not writable", data.display())),
        "{stderr}"
    );
    assert!(stderr.contains("folio.db-wal and folio.db-shm"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[tokio::test]
async fn a_read_only_database_file_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    set_mode(dir.path(), 0o755);
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let url = closed_database(&data).await;
    if running_as_root() {
        std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    }
    set_mode(&data.join("folio.db"), 0o444);

    let Some(stderr) = serve_as_unprivileged(&url) else {
        return;
    };

    assert!(
        stderr.contains(&format!(
            "cannot write the database {}: the file is read-only",
            data.join("folio.db").display()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_create_takes_a_role_and_admin_list_shows_each_account() {
    let (_dir, _path, url) = fresh_database();
    let password = "correct horse battery staple\n";
    assert!(
        admin_command(&["create", "doctor"], &url, password)
            .status
            .success()
    );
    let office = admin_command(&["create", "office", "--role", "editor"], &url, password);
    assert!(
        office.status.success(),
        "{}",
        String::from_utf8_lossy(&office.stderr)
    );
    assert!(String::from_utf8_lossy(&office.stdout).contains("Created editor 'office'"));
    assert!(
        admin_command(
            &["create", "reception", "--role", "moderator"],
            &url,
            password
        )
        .status
        .success()
    );
    assert_eq!(
        can_log_in(&url, "office", "correct horse battery staple").await,
        303
    );

    let listed = admin_command(&["list"], &url, "");
    assert!(listed.status.success());
    let lines: Vec<Vec<String>> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect();
    assert_eq!(lines[0][..3], ["username", "role", "state"]);
    let row = |name: &str| lines.iter().find(|l| l[0] == name).unwrap().clone();
    assert_eq!(row("doctor")[1..4], ["admin", "active", "never"]);
    assert_eq!(row("office")[1..3], ["editor", "active"]);
    assert_ne!(row("office")[3], "never", "office signed in once");
    assert_eq!(row("reception")[1..4], ["moderator", "active", "never"]);
}

#[test]
fn admin_create_refuses_a_role_that_does_not_exist_and_writes_nothing() {
    let (_dir, path, url) = fresh_database();

    let output = admin_command(
        &["create", "mallory", "--role", "owner"],
        &url,
        "correct horse battery staple\n",
    );

    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("owner"), "{stderr}");
    assert!(
        stderr.contains("moderator"),
        "the roles are named: {stderr}"
    );
    assert!(!path.exists());
}

#[test]
fn admin_list_needs_an_existing_database() {
    let (_dir, path, url) = fresh_database();
    let output = admin_command(&["list"], &url, "");
    assert!(!output.status.success());
    assert!(!path.exists());
}

#[test]
fn version_prints_the_release() {
    let output = folio().arg("--version").output().unwrap();

    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("folio {}", env!("CARGO_PKG_VERSION"))
    );
}
