//! The log: no email address in any line at any level, one JSON object per
//! line with `FOLIO_LOG_FORMAT=json`, and a log nobody reads never holds up
//! serving (it is written by a thread of its own, dropping lines rather than
//! blocking when it falls behind).

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::admin_command;
use crate::helpers::{RunningFolio, WELCOME_SLUG, fresh_database, input_value, start_binary_with};
use crate::smtp::SmtpServer;

const READER: &str = "Reader.One+blog@Example.org";
const ADMIN_ADDRESS: &str = "praxis.admin@example.net";
const IN_A_PATH: &str = "scanner@example.com";
const PASSWORD: &str = "a long admin password";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// Logs in to the running binary and returns the admin pages' CSRF token.
async fn log_in(client: &reqwest::Client, folio: &RunningFolio) -> String {
    let login = format!("{}/admin/login", folio.address);
    let page = client
        .get(&login)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = client
        .post(&login)
        .form(&[
            ("username", "praxis"),
            ("password", PASSWORD),
            ("csrf_token", &input_value(&page, "csrf_token").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let queue = client
        .get(format!("{}/admin/comments", folio.address))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    input_value(&queue, "csrf_token").unwrap()
}

/// A reader comments and asks to be told of replies: mail to the reader and to the admin.
async fn comment_with_notifications(client: &reqwest::Client, folio: &RunningFolio) {
    let post = format!("{}/posts/{WELCOME_SLUG}", folio.address);
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
            ("name", "Reader One"),
            ("email", READER),
            ("body", "Please tell me of replies."),
            ("notify_replies", "on"),
            ("homepage", ""),
            ("form_token", &input_value(&page, "form_token").unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
}

async fn privacy_flows(client: &reqwest::Client, folio: &RunningFolio, csrf: &str) {
    for path in [
        "/admin/privacy",
        "/admin/privacy/export",
        "/admin/privacy/confirm-erase",
        "/admin/privacy/erase",
    ] {
        let response = client
            .post(format!("{}{path}", folio.address))
            .form(&[("csrf_token", csrf), ("email", READER)])
            .send()
            .await
            .unwrap();
        assert!(
            response.status().as_u16() < 400,
            "{path}: {}",
            response.status()
        );
    }
}

fn cli_at_debug(args: &[&str], url: &str, log: &mut std::fs::File) {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .args(["--database-url", url])
        .env("RUST_LOG", "debug")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    log.write_all(&output.stderr).unwrap();
}

#[tokio::test]
async fn no_log_line_holds_an_email_address_even_at_debug() {
    let smtp = SmtpServer::start().await;
    let (dir, _path, url) = fresh_database();
    let created = admin_command(
        &["create", "praxis", "--email", ADMIN_ADDRESS],
        &url,
        &format!("{PASSWORD}\n"),
    );
    assert!(created.status.success());
    let log_path = dir.path().join("folio.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let smtp_url = format!("smtp://127.0.0.1:{}?tls=none", smtp.port);
    let folio = start_binary_with(
        &url,
        "debug",
        Stdio::from(log),
        &[("FOLIO_SMTP_URL", &smtp_url)],
    )
    .await;
    let client = client();

    comment_with_notifications(&client, &folio).await;
    client
        .get(format!("{}/posts/{IN_A_PATH}", folio.address))
        .send()
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while smtp.received().len() < 2 {
        assert!(Instant::now() < deadline, "the mails were not sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let csrf = log_in(&client, &folio).await;
    privacy_flows(&client, &folio, &csrf).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(folio);
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .open(&log_path)
        .unwrap();
    cli_at_debug(&["privacy", "export", READER], &url, &mut log);
    cli_at_debug(&["privacy", "erase", READER], &url, &mut log);

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.lines().count() > 50, "a debug log was written:\n{log}");
    assert!(log.contains("/admin/privacy/erase"), "{log}");
    for address in [READER, ADMIN_ADDRESS, IN_A_PATH] {
        let address = address.to_lowercase();
        let leak = log
            .lines()
            .find(|line| line.to_lowercase().contains(&address));
        assert!(leak.is_none(), "{address} is in the log: {leak:?}");
    }
    let leak = log.lines().find(|line| line.contains("@example."));
    assert!(leak.is_none(), "an address is in the log: {leak:?}");
}

#[tokio::test]
async fn with_log_format_json_every_line_is_one_json_object() {
    let (dir, _path, url) = fresh_database();
    let log_path = dir.path().join("folio.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let folio = start_binary_with(
        &url,
        "info",
        Stdio::from(log),
        &[("FOLIO_LOG_FORMAT", "json")],
    )
    .await;

    reqwest::get(format!("{}/posts/{WELCOME_SLUG}", folio.address))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(folio);

    let log = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(
        lines
            .iter()
            .all(|l| l["level"].is_string() && l["timestamp"].is_string())
    );
    let served = lines
        .iter()
        .find(|l| l["message"] == "served" && l["path"] == format!("/posts/{WELCOME_SLUG}"))
        .unwrap_or_else(|| panic!("no request line:\n{log}"));
    assert_eq!(served["status"], 200);
    assert_eq!(served["method"], "GET");
    assert_eq!(served["level"], "INFO");
    assert_eq!(served["target"], "folio::access");
}

#[tokio::test]
async fn a_log_nobody_reads_never_holds_up_serving() {
    let (_dir, _path, url) = fresh_database();
    // Standard error into a pipe that is never read: once its 64 KiB are
    // full, a process that writes its log in the request path stops answering.
    let folio = start_binary_with(&url, "info", Stdio::piped(), &[]).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();

    let mut answered = 0;
    for _ in 0..3_000 {
        let response = client
            .get(format!("{}/posts/{WELCOME_SLUG}", folio.address))
            .send()
            .await
            .expect("Folio stopped answering: its log blocks the request path");
        assert_eq!(response.status().as_u16(), 200);
        answered += 1;
    }

    assert_eq!(answered, 3_000);
    assert!(started.elapsed() < Duration::from_secs(60));
}
