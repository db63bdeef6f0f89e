//! Personal data per email address: the admin's look-up, JSON export and
//! erasure at /admin/privacy, and `folio privacy export|erase` (issue 14, part 3).

use std::process::Command;

use folio::config::TrustedProxies;

use crate::helpers::{TestApp, WELCOME_SLUG, spawn_app_with, valid_comment};

const EMAIL: &str = "Erin.Erasable@example.net";
const NAME: &str = "Erin Quixotic";
const WEBSITE: &str = "https://erin-quixotic.example.net/";
const IP: &str = "198.51.100.73";
const BROWSER: &str = "ErinBrowser/9.1 (quixotic-agent)";

/// An app that believes the X-Forwarded-For of 127.0.0.1, so Erin's comments
/// carry an IP address of their own.
async fn app_behind_proxy() -> TestApp {
    spawn_app_with(|config| {
        config.trusted_proxy = Some(TrustedProxies(vec!["127.0.0.1".parse().unwrap()]));
    })
    .await
}

/// A comment by Erin on the welcome post (her address typed in `email`'s case), with `status`.
async fn erins_comment(app: &TestApp, email: &str, body: &str, status: &str) -> i64 {
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend([
        ("name", NAME.to_owned()),
        ("email", email.to_owned()),
        ("website", WEBSITE.to_owned()),
        ("body", body.to_owned()),
    ]);
    let response = app
        .post_comment_raw(
            WELCOME_SLUG,
            &form,
            &[("X-Forwarded-For", IP), ("User-Agent", BROWSER)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "the comment was refused");
    let id = app.last_comment_id().await;
    app.set_comment_status(id, status).await;
    id
}

/// A comment by someone else (Ada), approved, replying to `parent` if given.
async fn adas_comment(app: &TestApp, body: &str, parent: Option<i64>) -> i64 {
    let mut form: Vec<(&str, String)> = valid_comment()
        .into_iter()
        .filter(|(k, _)| *k != "body")
        .collect();
    form.push(("body", body.to_owned()));
    if let Some(parent) = parent {
        form.push(("parent_id", parent.to_string()));
    }
    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let id = app.last_comment_id().await;
    app.set_comment_status(id, "approved").await;
    id
}

async fn privacy_post(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = app.csrf_token().await;
    let mut form = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    app.admin_post(path, &form).await
}

/// The database file and its write-ahead log, as bytes on disk.
fn database_bytes(app: &TestApp) -> Vec<u8> {
    let path = app.database_url.trim_start_matches("sqlite://");
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    let needle = text.as_bytes();
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Everything readers and admins can see about the welcome post's comments.
async fn everything_shown(app: &TestApp) -> String {
    let mut shown = String::new();
    for path in [
        format!("/posts/{WELCOME_SLUG}"),
        format!("/posts/{WELCOME_SLUG}/comments.xml"),
        "/feed.xml".to_owned(),
        "/admin/comments?status=pending".to_owned(),
        "/admin/comments?status=approved".to_owned(),
        "/admin/comments?status=spam".to_owned(),
        "/admin/log".to_owned(),
    ] {
        let (status, page) = app.get_page(&path).await;
        assert_eq!(status, 200, "{path}");
        shown.push_str(&page);
    }
    shown
}

fn assert_nothing_of_erin_in(text: &str, place: &str) {
    for datum in [
        EMAIL,
        &EMAIL.to_lowercase(),
        NAME,
        "erin-quixotic.example.net",
        IP,
        BROWSER,
    ] {
        assert!(!text.contains(datum), "{datum} is still in {place}");
    }
}

#[tokio::test]
async fn the_privacy_page_is_behind_the_login() {
    let app = app_behind_proxy().await;

    let response = app.get("/admin/privacy").await;

    assert_eq!(response.status().as_u16(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/admin/login")
    );
}

#[tokio::test]
async fn looking_up_an_address_lists_its_comments_whatever_the_case() {
    let app = app_behind_proxy().await;
    erins_comment(&app, EMAIL, "Erin's first words", "approved").await;
    erins_comment(
        &app,
        &EMAIL.to_uppercase(),
        "Erin's second words",
        "pending",
    )
    .await;
    adas_comment(&app, "Ada's words", None).await;
    app.login_admin().await;

    let (status, form) = app.get_page("/admin/privacy").await;
    let response = privacy_post(
        &app,
        "/admin/privacy",
        &[("email", "erin.erasable@EXAMPLE.net")],
    )
    .await;
    let status_found = response.status().as_u16();
    let page = response.text().await.unwrap();

    assert_eq!(status, 200);
    assert!(form.contains(r#"<label for="email">"#));
    assert_eq!(status_found, 200);
    assert!(page.contains("Erin&#x27;s first words"), "{page}");
    assert!(page.contains("Erin&#x27;s second words"));
    assert!(page.contains(IP));
    assert!(page.contains("quixotic-agent"));
    assert!(!page.contains("Ada&#x27;s words"));
}

#[tokio::test]
async fn a_lookup_without_an_address_is_refused_next_to_the_field() {
    let app = app_behind_proxy().await;
    app.login_admin().await;

    let response = privacy_post(&app, "/admin/privacy", &[("email", "  ")]).await;

    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"id="email-error""#)
    );
}

#[tokio::test]
async fn the_export_is_a_json_download_with_every_stored_field() {
    let app = app_behind_proxy().await;
    let first = erins_comment(&app, EMAIL, "Erin's first words", "approved").await;
    erins_comment(&app, &EMAIL.to_lowercase(), "Erin's second words", "spam").await;
    adas_comment(&app, "Ada's words", None).await;
    app.login_admin().await;

    let response = privacy_post(&app, "/admin/privacy/export", &[("email", EMAIL)]).await;

    assert_eq!(response.status().as_u16(), 200);
    let headers = response.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(headers["cache-control"], "no-store");
    let json: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let comments = json["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    let c = &comments[0];
    assert_eq!(c["id"], first);
    assert_eq!(c["author_name"], NAME);
    assert_eq!(c["author_email"], EMAIL);
    assert_eq!(c["author_website"], WEBSITE);
    assert_eq!(c["ip_address"], IP);
    assert_eq!(c["user_agent"], BROWSER);
    assert_eq!(c["text"], "Erin's first words");
    assert_eq!(c["status"], "approved");
    assert!(
        c["post_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/posts/{WELCOME_SLUG}"))
    );
    assert!(c["created_at"].as_str().unwrap().contains('T'));
    assert_eq!(comments[1]["status"], "spam");
}

#[tokio::test]
async fn erasing_asks_first_and_a_post_without_the_csrf_token_changes_nothing() {
    let app = app_behind_proxy().await;
    let id = erins_comment(&app, EMAIL, "Erin's words", "approved").await;
    app.login_admin().await;

    let confirm = privacy_post(&app, "/admin/privacy/confirm-erase", &[("email", EMAIL)]).await;
    let confirm_status = confirm.status().as_u16();
    let confirm_page = confirm.text().await.unwrap();
    let forged = app
        .admin_post("/admin/privacy/erase", &[("email", EMAIL)])
        .await;

    assert_eq!(confirm_status, 200);
    assert!(confirm_page.contains("1 comment is"));
    assert!(
        confirm_page.contains(r#"name="delete""#),
        "the delete-instead box"
    );
    assert_eq!(forged.status().as_u16(), 403);
    let name: String = sqlx::query_scalar("SELECT author_name FROM comments WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, NAME);
}

#[tokio::test]
async fn erasing_anonymises_every_comment_of_the_address_everywhere_and_keeps_the_text() {
    let app = app_behind_proxy().await;
    let approved = erins_comment(&app, EMAIL, "Erin's public words", "approved").await;
    let held = erins_comment(&app, &EMAIL.to_uppercase(), "Erin's held words", "pending").await;
    erins_comment(&app, EMAIL, "Erin's spam words", "spam").await;
    let ada = adas_comment(&app, "Ada's words", Some(approved)).await;
    // A moderator's note may quote what a word list matched.
    sqlx::query("UPDATE comments SET status_reason = ? WHERE id = ?")
        .bind(format!("moderation word \"{EMAIL}\" in the email"))
        .bind(held)
        .execute(&app.pool)
        .await
        .unwrap();
    app.login_admin().await;
    let before = everything_shown(&app).await;
    assert!(before.contains(NAME) && holds(&database_bytes(&app), BROWSER));

    let response = privacy_post(&app, "/admin/privacy/erase", &[("email", EMAIL)]).await;

    assert_eq!(response.status().as_u16(), 303);
    let (_, flash) = app.get_page("/admin/privacy").await;
    assert!(
        flash.contains("Erased the personal data of 3 comments"),
        "{flash}"
    );
    let shown = everything_shown(&app).await;
    assert_nothing_of_erin_in(&shown, "the pages");
    assert!(shown.contains("Anonymous"));
    assert!(shown.contains("Erin&#x27;s public words"), "the text stays");
    assert!(shown.contains("Erin&#x27;s held words"));
    assert!(shown.contains("Ada Lovelace"), "others keep their names");
    let rows: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT author_name, author_email, author_website, ip, user_agent, status_reason
         FROM comments WHERE id <> ?",
    )
    .bind(ada)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 3, "nothing is deleted");
    let erins: Vec<_> = rows.iter().filter(|r| r.0 == "Anonymous").collect();
    assert_eq!(erins.len(), 3);
    for row in erins {
        let erased = [&row.1, &row.2, &row.3, &row.4, &row.5];
        assert!(erased.iter().all(|value| value.is_empty()), "{row:?}");
    }
    let (_, log) = app.get_page("/admin/log").await;
    assert!(log.contains("personal data erased: 3 comments anonymised"));
    assert_nothing_of_erin_in(
        &String::from_utf8_lossy(&database_bytes(&app)),
        "the database file",
    );
}

#[tokio::test]
async fn erasing_with_delete_ticked_removes_the_comments_and_keeps_replies_by_others() {
    let app = app_behind_proxy().await;
    let erins = erins_comment(&app, EMAIL, "Erin's public words", "approved").await;
    let reply = adas_comment(&app, "Ada answers Erin", Some(erins)).await;
    app.login_admin().await;

    let response = privacy_post(
        &app,
        "/admin/privacy/erase",
        &[("email", EMAIL), ("delete", "on")],
    )
    .await;

    assert_eq!(response.status().as_u16(), 303);
    let left: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM comments")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, vec![(reply, None)]);
    let (_, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(page.contains("Ada answers Erin"));
    assert!(!page.contains("Erin&#x27;s public words"));
    let (_, log) = app.get_page("/admin/log").await;
    assert!(log.contains("personal data erased: 1 comment deleted"));
}

#[tokio::test]
async fn no_copy_of_an_erased_address_is_left_in_the_database_file_however_many_comments_it_holds()
{
    let app = app_behind_proxy().await;
    // Enough rows that the table and its indexes span many pages, some of
    // which the erasure empties and frees.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
         INSERT INTO comments (post_id, author_name, author_email, body, body_html, status, ip, user_agent, created_at)
         SELECT 1, 'Reader ' || i,
                CASE WHEN i % 10 = 0 THEN ?1 ELSE 'reader-' || i || '@example.org' END,
                'words ' || i, '<p>words</p>', 'approved',
                CASE WHEN i % 10 = 0 THEN ?2 ELSE '192.0.2.' || (i % 250) END, 'agent', i
         FROM n",
    )
    .bind(EMAIL)
    .bind(IP)
    .execute(&app.pool)
    .await
    .unwrap();
    folio::db::checkpoint(&app.pool).await.unwrap();
    assert!(holds(&database_bytes(&app), EMAIL));
    app.login_admin().await;

    privacy_post(&app, "/admin/privacy/erase", &[("email", EMAIL)]).await;

    let bytes = database_bytes(&app);
    assert!(!holds(&bytes, EMAIL), "the address is still in the file");
    assert!(!holds(&bytes, &EMAIL.to_lowercase()));
    assert!(!holds(&bytes, IP), "the IP address is still in the file");
}

fn folio(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .args(args)
        .args(["--database-url", database_url])
        .output()
        .unwrap()
}

#[tokio::test]
async fn folio_privacy_export_prints_the_json_and_erase_prints_how_many() {
    let app = app_behind_proxy().await;
    erins_comment(&app, EMAIL, "Erin's public words", "approved").await;
    erins_comment(&app, EMAIL, "Erin's held words", "pending").await;

    let export = folio(
        &app.database_url,
        &["privacy", "export", &EMAIL.to_lowercase()],
    );
    let erase = folio(&app.database_url, &["privacy", "erase", EMAIL]);
    let after = folio(&app.database_url, &["privacy", "export", EMAIL]);

    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(json["comments"].as_array().unwrap().len(), 2);
    assert_eq!(json["comments"][0]["ip_address"], IP);
    assert_eq!(json["comments"][0]["user_agent"], BROWSER);
    assert!(
        erase.status.success(),
        "{}",
        String::from_utf8_lossy(&erase.stderr)
    );
    assert!(
        String::from_utf8_lossy(&erase.stdout).contains("Erased the personal data of 2 comments"),
        "{}",
        String::from_utf8_lossy(&erase.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(json["comments"].as_array().unwrap().len(), 0);
    let log: Vec<(String, String)> =
        sqlx::query_as("SELECT admin_username, detail FROM moderation_log WHERE action = 'erase'")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        folio::i18n::Language::new("en").stored(&log[0].1),
        "personal data erased: 2 comments anonymised"
    );
    assert_nothing_of_erin_in(&format!("{log:?}"), "the log");
}

#[test]
fn folio_privacy_with_a_bad_address_is_one_clear_line() {
    let (_dir, _path, url) = crate::helpers::fresh_database();

    let output = folio(&url, &["privacy", "erase", "nobody"]);

    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.starts_with("folio: "), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

/// The path of an absolute link in a mail.
fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

#[tokio::test]
async fn erasure_removes_the_address_from_subscriptions_and_every_mail_and_no_more_mail_goes_to_it()
{
    let smtp = crate::smtp::SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |config| {
        config.smtp_url = Some(url);
        config.trusted_proxy = Some(TrustedProxies(vec!["127.0.0.1".parse().unwrap()]));
    })
    .await;
    let csrf = app.login_admin().await;
    // Erin asks to be told of replies under two comments (her address typed
    // in two cases) and confirms the first; the second confirmation waits.
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend([
        ("name", NAME.to_owned()),
        ("email", EMAIL.to_owned()),
        ("body", "Erin's first words".to_owned()),
        ("notify_replies", "on".to_owned()),
    ]);
    app.post_comment_raw(WELCOME_SLUG, &form, &[("X-Forwarded-For", IP)])
        .await;
    let first = app.last_comment_id().await;
    app.send_mail().await;
    let confirmation = smtp.received_by(EMAIL).pop().expect("a confirmation mail");
    let confirm = path_of(&confirmation.link("/email/confirm/"));
    app.client.post(app.url(&confirm)).send().await.unwrap();
    form.retain(|(k, _)| *k != "email" && *k != "body");
    form.push(("email", EMAIL.to_lowercase()));
    form.push(("body", "Erin's second words".to_owned()));
    app.post_comment_raw(WELCOME_SLUG, &form, &[("X-Forwarded-For", IP)])
        .await;
    // A reply to her first comment is approved: a mail to her is queued.
    app.set_comment_status(first, "approved").await;
    let reply = adas_comment(&app, "Ada answers Erin", Some(first)).await;
    app.admin_post(
        &format!("/admin/comments/{reply}/unapprove"),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.admin_post(
        &format!("/admin/comments/{reply}/approve"),
        &[("csrf_token", &csrf)],
    )
    .await;
    sqlx::query("INSERT INTO mail_optouts (email, created_at) VALUES (?, 0)")
        .bind(EMAIL.to_lowercase())
        .execute(&app.pool)
        .await
        .unwrap();
    let queued: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = ? COLLATE NOCASE AND status = 'queued'",
    )
    .bind(EMAIL)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(queued, 2, "the second confirmation and the reply wait");

    let export = folio(&app.database_url, &["privacy", "export", EMAIL]);
    privacy_post(&app, "/admin/privacy/erase", &[("email", EMAIL)]).await;
    let sent_to_erin = smtp.received_by(EMAIL).len();
    app.send_mail().await;

    let json: serde_json::Value = serde_json::from_slice(&export.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&export.stderr)));
    assert_eq!(
        json["subscriptions"].as_array().unwrap().len(),
        2,
        "{json:#}"
    );
    assert_eq!(json["mails"].as_array().unwrap().len(), 3, "{json:#}");
    assert!(json["mail_opt_out"]["since"].is_string(), "{json:#}");
    assert_eq!(
        smtp.received_by(EMAIL).len(),
        sent_to_erin,
        "mail went to an erased address"
    );
    let bytes = database_bytes(&app);
    assert!(!holds(&bytes, EMAIL), "the address is still in the file");
    assert!(
        !holds(&bytes, &EMAIL.to_lowercase()),
        "the address is still in the file"
    );
}
