//! Email, against a real SMTP server on 127.0.0.1 (see `smtp.rs`): admins are
//! told of held comments with links that act only on POST, readers are told
//! of replies after confirming, and the outbox survives a server that is down.

use crate::helpers::{
    ADMIN, TestApp, WELCOME_SLUG, comment_with, input_value, location, spawn_app, spawn_app_on,
    spawn_app_with, valid_comment,
};
use crate::smtp::{Received, SmtpServer};

const ADMIN_EMAIL: &str = "alice@example.org";
const READER_EMAIL: &str = "reader@example.org";
const DAY: i64 = 24 * 60 * 60;

impl TestApp {
    /// Sends what the outbox holds that is due now; how many mails went out.
    pub async fn send_mail(&self) -> usize {
        folio::mail::send_due(self.mailer.as_ref().expect("email is on"))
            .await
            .unwrap()
    }

    pub async fn set_admin_email(&self, username: &str, email: &str) {
        folio::db::admins::set_email(
            &self.pool,
            username,
            Some(email),
            folio::domain::time::UnixTime::EPOCH,
        )
        .await
        .unwrap();
    }

    async fn outbox(&self) -> Vec<(String, String, i64, String)> {
        sqlx::query_as("SELECT kind, status, attempts, last_error FROM outbox ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .unwrap()
    }

    /// A POST with exactly this form, no session needed.
    async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> (u16, String) {
        let response = self
            .client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }
}

/// The path (and query) of an absolute link, to ask the test server for it.
fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

/// The signed token at the end of an action link.
fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

async fn mail_app(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |c| c.smtp_url = Some(url)).await
}

/// An app with email on and the admin signed in with an address; returns the CSRF token.
async fn mail_app_with_admin(smtp: &SmtpServer) -> (TestApp, String) {
    let app = mail_app(smtp).await;
    let csrf = app.login_admin().await;
    app.set_admin_email(ADMIN, ADMIN_EMAIL).await;
    (app, csrf)
}

async fn only_mail_to(smtp: &SmtpServer, address: &str) -> Received {
    let mails = smtp.received_by(address);
    assert_eq!(mails.len(), 1, "{mails:#?}");
    mails.into_iter().next().unwrap()
}

#[tokio::test]
async fn a_held_comment_mails_each_admin_with_an_address_its_details_and_links() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.create_admin("bob", "another long password").await;
    let mut form = comment_with("name", "Jürgen Müller");
    form.retain(|(k, _)| *k != "body");
    form.push(("body", "Grüße aus Nürnberg.".to_owned()));

    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let sent = app.send_mail().await;

    assert_eq!(sent, 1);
    assert_eq!(smtp.received().len(), 1, "bob has no address");
    assert_eq!(smtp.received()[0].from, "folio@127.0.0.1");
    let mail = only_mail_to(&smtp, ADMIN_EMAIL).await;
    let text = mail.text();
    for detail in [
        "Welcome to Folio",
        "Jürgen Müller",
        "ada@example.org",
        "https://ada.example.org",
        "127.0.0.1",
        "every comment waits for approval",
        "Grüße aus Nürnberg.",
        "Open the queue",
    ] {
        assert!(text.contains(detail), "{detail} missing in\n{text}");
    }
    for action in ["approve", "spam", "trash"] {
        assert!(
            mail.links()
                .iter()
                .any(|l| l.contains("/email/moderate/") && l.contains(&format!(".{action}."))),
            "no {action} link in\n{text}"
        );
    }
    assert!(mail.link("/admin/comments").ends_with("/admin/comments"));
    assert!(mail.part("text/html").contains(">Approve</a>"));
    let headers = mail.headers();
    assert!(headers.is_ascii(), "{headers}");
    assert_eq!(
        mail.header("Auto-Submitted").as_deref(),
        Some("auto-generated")
    );
    assert!(mail.header("Message-ID").is_some() && mail.header("Date").is_some());
}

#[tokio::test]
async fn an_action_link_changes_nothing_on_get_approves_on_post_and_works_once() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let id = app.last_comment_id().await;
    app.send_mail().await;
    let link = only_mail_to(&smtp, ADMIN_EMAIL).await.link(".approve.");
    let anonymous = reqwest::Client::new();

    let page = anonymous
        .get(format!("{}{}", app.address, path_of(&link)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Approve this comment?") && page.contains("What a thoughtful post."));
    assert_eq!(
        app.comment_status(id).await,
        "pending",
        "a GET must change nothing"
    );
    let token = input_value(&page, "token").expect("the page's one button carries the token");

    let (status, done) = app.post_form("/email/moderate", &[("token", &token)]).await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("approved"));
    assert_eq!(app.comment_status(id).await, "approved");
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM moderation_log WHERE comment_id = ? AND action = 'approve'",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let detail = folio::i18n::Language::new("en").stored(&detail);
    assert_eq!(detail, "pending → approve (from an email link)");

    let (again, page) = app.post_form("/email/moderate", &[("token", &token)]).await;
    assert_eq!(again, 409);
    assert!(page.contains("already been moderated"), "{page}");
    let (_, spam_page) = app
        .get_page(&path_of(
            &only_mail_to(&smtp, ADMIN_EMAIL).await.link(".spam."),
        ))
        .await;
    assert!(spam_page.contains("already been moderated"));
    assert_eq!(app.comment_status(id).await, "approved");
}

#[tokio::test]
async fn forged_other_admins_and_expired_links_are_refused_with_a_clear_page() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.create_admin("bob", "another long password").await;
    app.set_admin_email("bob", "bob@example.org").await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let id = app.last_comment_id().await;
    app.send_mail().await;
    let alices = token_of(&only_mail_to(&smtp, ADMIN_EMAIL).await.link(".trash."));
    let bob_id: i64 = sqlx::query_scalar("SELECT id FROM admins WHERE username = 'bob'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut parts: Vec<String> = alices.split('.').map(str::to_owned).collect();
    parts[1] = bob_id.to_string();
    let as_bob = parts.join(".");
    let forged = alices.replacen(&format!("{id}."), &format!("{}.", id + 1), 1);

    for token in [
        as_bob.as_str(),
        forged.as_str(),
        "1.1.approve.99999999999.00",
    ] {
        let (status, page) = app.post_form("/email/moderate", &[("token", token)]).await;
        assert_eq!(status, 403, "{token}");
        assert!(page.contains("This link is not valid"), "{page}");
        assert!(page.contains("Nothing was changed."));
    }
    app.clock.advance(7 * DAY);
    let (status, page) = app
        .post_form("/email/moderate", &[("token", &alices)])
        .await;
    assert_eq!(status, 410);
    assert!(page.contains("This link has expired"), "{page}");
    assert_eq!(app.comment_status(id).await, "pending");
}

#[tokio::test]
async fn a_burst_of_held_comments_becomes_one_digest_a_minute_later() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "The first."))
        .await;
    assert_eq!(app.send_mail().await, 1);

    for n in 1..=4 {
        let body = format!("Burst comment number {n}.");
        app.post_valid_comment(WELCOME_SLUG, &comment_with("body", &body))
            .await;
    }
    assert_eq!(app.send_mail().await, 0, "one mail a minute at most");
    app.clock.advance(30);
    assert_eq!(app.send_mail().await, 0);
    app.clock.advance(30);
    assert_eq!(app.send_mail().await, 1);

    let mails = smtp.received_by(ADMIN_EMAIL);
    assert_eq!(mails.len(), 2);
    let digest = &mails[1];
    let text = digest.text();
    for n in 1..=4 {
        assert!(
            text.contains(&format!("Burst comment number {n}.")),
            "{text}"
        );
    }
    assert!(digest.header("Subject").unwrap().contains("4 new comments"));
    assert_eq!(
        digest
            .links()
            .iter()
            .filter(|l| l.contains(".approve."))
            .count(),
        4
    );
}

#[tokio::test]
async fn a_reader_is_told_of_an_approved_reply_after_confirming_and_until_unsubscribing() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let csrf = app.login_admin().await;
    let mut form = comment_with("email", READER_EMAIL);
    form.push(("notify_replies", "on".to_owned()));
    let (_, post_page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert!(post_page.contains("Notify me of replies by email"));
    assert!(!post_page.contains(r#"name="notify_replies" checked"#));

    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let parent = app.last_comment_id().await;
    app.send_mail().await;
    let confirmation = only_mail_to(&smtp, READER_EMAIL).await;
    assert!(confirmation.header("List-Unsubscribe").is_some());
    let confirm = path_of(&confirmation.link("/email/confirm/"));
    let (status, page) = app.get_page(&confirm).await;
    assert_eq!(status, 200);
    assert!(page.contains("Yes, email me replies"));
    let (status, page) = app.post_form(&confirm, &[]).await;
    assert_eq!(status, 200);
    assert!(page.contains("You will be told of replies"), "{page}");
    app.admin_post(
        &format!("/admin/comments/{parent}/approve"),
        &[("csrf_token", &csrf)],
    )
    .await;

    let mut reply = comment_with("email", "grace@example.org");
    reply.retain(|(k, _)| *k != "name" && *k != "body");
    reply.push(("name", "Grace Hopper".to_owned()));
    reply.push(("body", "A reply worth reading.".to_owned()));
    reply.push(("parent_id", parent.to_string()));
    app.post_valid_comment(WELCOME_SLUG, &reply).await;
    let reply_id = app.last_comment_id().await;
    app.send_mail().await;
    assert_eq!(
        smtp.received_by(READER_EMAIL).len(),
        1,
        "nothing about a pending reply"
    );

    app.admin_post(
        &format!("/admin/comments/{reply_id}/approve"),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.admin_post(
        &format!("/admin/comments/{reply_id}/unapprove"),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.admin_post(
        &format!("/admin/comments/{reply_id}/approve"),
        &[("csrf_token", &csrf)],
    )
    .await;
    app.send_mail().await;
    let mails = smtp.received_by(READER_EMAIL);
    assert_eq!(mails.len(), 2, "one mail per approved reply");
    let told = &mails[1];
    let text = told.text();
    assert!(
        text.contains("Grace Hopper") && text.contains("A reply worth reading."),
        "{text}"
    );
    assert!(
        told.link(&format!("#comment-{reply_id}"))
            .contains("/posts/welcome-to-folio")
    );
    assert!(
        !told.data.contains("grace@example.org"),
        "never another commenter's address"
    );
    assert_eq!(
        told.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = told.header("List-Unsubscribe").unwrap();
    assert!(unsubscribe.starts_with(&format!("<{}/email/unsubscribe/", app_base(&app))));

    let one_click = path_of(unsubscribe.trim_matches(['<', '>']));
    let (status, page) = app
        .post_form(&one_click, &[("List-Unsubscribe", "One-Click")])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("No more email about this comment"));
    app.admin_post(
        &format!("/admin/comments/{parent}/reply"),
        &[("csrf_token", &csrf), ("body", "Thank you both.")],
    )
    .await;
    app.send_mail().await;
    assert_eq!(
        smtp.received_by(READER_EMAIL).len(),
        2,
        "no more mail after unsubscribing"
    );
}

/// The base URL the app makes links with (tests leave it to the default).
fn app_base(_app: &TestApp) -> &'static str {
    "http://127.0.0.1:0"
}

#[tokio::test]
async fn the_unsubscribe_page_can_stop_all_mail_to_an_address() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let mut form = comment_with("email", READER_EMAIL);
    form.push(("notify_replies", "on".to_owned()));
    app.post_valid_comment(WELCOME_SLUG, &form).await;
    app.send_mail().await;
    let stop = path_of(
        &only_mail_to(&smtp, READER_EMAIL)
            .await
            .link("/email/unsubscribe/"),
    );

    let (_, page) = app.get_page(&stop).await;
    assert!(page.contains("Stop all mail to this address"));
    let (status, _) = app.post_form(&stop, &[("all", "yes")]).await;
    assert_eq!(status, 200);
    let mut again = comment_with("email", READER_EMAIL);
    again.retain(|(k, _)| *k != "body");
    again.push(("body", "Another comment.".to_owned()));
    again.push(("notify_replies", "on".to_owned()));
    app.post_valid_comment(WELCOME_SLUG, &again).await;
    app.send_mail().await;

    assert_eq!(smtp.received_by(READER_EMAIL).len(), 1);
}

#[tokio::test]
async fn mail_waits_while_smtp_is_down_and_is_sent_after_a_restart_when_it_is_back() {
    let port = SmtpServer::free_port();
    let url = SmtpServer::url_for(port);
    let first_url = url.clone();
    let app = spawn_app_with(move |c| c.smtp_url = Some(first_url)).await;
    app.login_admin().await;
    app.set_admin_email(ADMIN, ADMIN_EMAIL).await;

    let response = app.post_comment(WELCOME_SLUG, &valid_comment()).await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "a reader never waits for SMTP"
    );
    assert_eq!(app.send_mail().await, 0);
    let outbox = app.outbox().await;
    assert_eq!(outbox.len(), 1);
    let (_, status, attempts, error) = &outbox[0];
    assert_eq!((status.as_str(), *attempts), ("queued", 1));
    assert!(!error.is_empty());
    let (_, page) = app.get_page("/admin/email").await;
    assert!(
        page.contains("queued") && page.contains("Last error"),
        "{page}"
    );

    let restarted = spawn_app_on(&app.database_url, move |c| c.smtp_url = Some(url)).await;
    let smtp = SmtpServer::start_on(port).await;
    assert_eq!(
        restarted.send_mail().await,
        0,
        "not before its retry is due"
    );
    restarted.clock.advance(61);
    assert_eq!(restarted.send_mail().await, 1);

    only_mail_to(&smtp, ADMIN_EMAIL).await;
    assert_eq!(restarted.outbox().await[0].1, "sent");
}

#[tokio::test]
async fn a_hung_smtp_server_never_holds_up_readers_and_the_mail_waits_with_the_reason() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    smtp.fall_silent(true);
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let mailer = app.mailer.clone().unwrap();
    let sending = tokio::spawn(async move { folio::mail::send_due(&mailer).await.unwrap() });

    let started = std::time::Instant::now();
    let response = app
        .post_comment(WELCOME_SLUG, &comment_with("body", "Meanwhile."))
        .await;
    let (status, _) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(status, 200);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert_eq!(sending.await.unwrap(), 0);
    let (_, status, attempts, error) = app.outbox().await.remove(0);
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    let worded = folio::i18n::Language::new("en").stored(&error);
    assert!(
        worded.contains("did not answer within 2 seconds (timed out)"),
        "{worded}"
    );
}

#[tokio::test]
async fn on_a_german_site_the_outbox_words_folios_part_of_an_error_in_german() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = crate::helpers::spawn_app_with_site(
        move |c| c.smtp_url = Some(url),
        "UPDATE site_settings SET language = 'de'",
    )
    .await;
    app.login_admin().await;
    app.set_admin_email(ADMIN, ADMIN_EMAIL).await;
    smtp.refuse_recipients(true);
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    app.send_mail().await;
    let mail_id: i64 = sqlx::query_scalar("SELECT id FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Another mail whose comment was deleted before it went out.
    sqlx::query(
        "INSERT INTO outbox (kind, recipient, admin_id, comment_id, status, created_at, next_attempt_at)
         SELECT kind, recipient, admin_id, NULL, 'queued', created_at, 0 FROM outbox WHERE id = ?",
    )
    .bind(mail_id)
    .execute(&app.pool)
    .await
    .unwrap();
    smtp.refuse_recipients(false);
    app.send_mail().await;

    let (_, page) = app.get_page("/admin/email").await;

    assert!(page.contains("Der Mailserver hat sie abgelehnt:"), "{page}");
    assert!(
        page.contains("No such user"),
        "the server's own words stay: {page}"
    );
    assert!(!page.contains("refused it"), "{page}");
    assert!(
        page.contains("Nicht gesendet: Der Kommentar wurde gelöscht."),
        "{page}"
    );
}

#[tokio::test]
async fn a_refused_recipient_fails_with_the_reason_and_the_admin_can_retry_it() {
    let smtp = SmtpServer::start().await;
    let (app, csrf) = mail_app_with_admin(&smtp).await;
    smtp.refuse_recipients(true);
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;

    app.send_mail().await;
    let (_, status, _, error) = app.outbox().await.remove(0);
    assert_eq!(status, "failed");
    assert!(error.contains("No such user"), "{error}");
    let (_, page) = app.get_page("/admin/email").await;
    assert!(page.contains("No such user"));

    smtp.refuse_recipients(false);
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let refused = app
        .admin_post(&format!("/admin/email/{id}/retry"), &[])
        .await;
    assert_eq!(refused.status().as_u16(), 403, "no CSRF token, no retry");
    let response = app
        .admin_post(
            &format!("/admin/email/{id}/retry"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(location(&response), "/admin/email");
    assert_eq!(app.send_mail().await, 1);
    let dropped = app
        .admin_post(&format!("/admin/email/{id}/drop"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(dropped.status().as_u16(), 303);
    assert!(app.outbox().await.is_empty());
}

#[tokio::test]
async fn a_refused_login_keeps_the_mail_queued_with_the_reason_until_it_works() {
    let smtp = SmtpServer::start().await;
    let url: folio::config::SmtpUrl =
        format!("smtp://folio:wrong@127.0.0.1:{}?tls=none", smtp.port)
            .parse()
            .unwrap();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    app.login_admin().await;
    app.set_admin_email(ADMIN, ADMIN_EMAIL).await;
    smtp.refuse_login(true);
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;

    assert_eq!(app.send_mail().await, 0);
    let (_, status, attempts, error) = app.outbox().await.remove(0);
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(
        error.contains("535") || error.contains("credentials"),
        "{error}"
    );

    smtp.refuse_login(false);
    app.clock.advance(60);
    assert_eq!(app.send_mail().await, 1);
    only_mail_to(&smtp, ADMIN_EMAIL).await;
}

#[tokio::test]
async fn the_test_email_button_reports_success_or_the_servers_error_in_words() {
    let smtp = SmtpServer::start().await;
    let (app, csrf) = mail_app_with_admin(&smtp).await;

    app.admin_post("/admin/settings/test-email", &[("csrf_token", &csrf)])
        .await;
    let (_, page) = app.get_page("/admin/settings").await;
    assert!(
        page.contains("A test email was sent to alice@example.org"),
        "{page}"
    );
    assert!(
        only_mail_to(&smtp, ADMIN_EMAIL)
            .await
            .text()
            .contains("test email")
    );

    smtp.refuse_recipients(true);
    app.admin_post("/admin/settings/test-email", &[("csrf_token", &csrf)])
        .await;
    let (_, page) = app.get_page("/admin/settings").await;
    assert!(
        page.contains("could not be sent") && page.contains("No such user"),
        "{page}"
    );
}

#[tokio::test]
async fn with_email_off_the_settings_say_so_and_the_form_offers_no_notifications() {
    let app = spawn_app().await;
    app.login_admin().await;

    let (_, settings) = app.get_page("/admin/settings").await;
    let (_, post) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;

    assert!(settings.contains("Email is off"));
    assert!(!settings.contains("Send a test email"));
    assert!(!post.contains("notify_replies"));
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    assert!(app.outbox().await.is_empty());
}

#[tokio::test]
async fn an_admin_sets_their_address_on_the_account_page() {
    let app = spawn_app().await;
    let csrf = app.login_admin().await;

    let (status, page) = app.get_page("/admin/account").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"name="email""#));
    let bad = app
        .admin_post(
            "/admin/account",
            &[("csrf_token", &csrf), ("email", "not an address")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let forged = app
        .admin_post("/admin/account", &[("email", "eve@example.org")])
        .await;
    assert_eq!(forged.status().as_u16(), 403);
    let saved = app
        .admin_post(
            "/admin/account",
            &[("csrf_token", &csrf), ("email", " alice@example.org ")],
        )
        .await;
    assert_eq!(location(&saved), "/admin/account");

    let stored: Option<String> = sqlx::query_scalar("SELECT email FROM admins WHERE username = ?")
        .bind(ADMIN)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored.as_deref(), Some("alice@example.org"));
}

#[tokio::test]
async fn the_admin_is_told_by_setting_of_every_comment_or_never() {
    let smtp = SmtpServer::start().await;
    let (app, csrf) = mail_app_with_admin(&smtp).await;
    let (_, settings) = app.get_page("/admin/settings").await;
    let mut form: Vec<(String, String)> = Vec::new();
    for field in [
        "title",
        "tagline",
        "timezone",
        "posts_per_page",
        "hold_if_links_over",
        "close_comments_after_days",
        "thread_depth",
    ] {
        form.push((
            field.into(),
            input_value(&settings, field).unwrap_or_else(|| "UTC".into()),
        ));
    }
    form.push(("csrf_token".into(), csrf.clone()));
    form.push(("notify_admins".into(), "never".into()));
    let saved = app
        .client
        .post(app.url("/admin/settings"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status().as_u16(), 303);

    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    app.send_mail().await;

    assert!(smtp.received().is_empty());
}

#[tokio::test]
async fn line_breaks_in_a_post_title_never_reach_a_header() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.create_post("tricky", "Hello\r\nBcc: victim@example.org", true, true)
        .await;

    app.post_valid_comment("tricky", &valid_comment()).await;
    app.send_mail().await;

    let mail = only_mail_to(&smtp, ADMIN_EMAIL).await;
    assert_eq!(mail.to, [ADMIN_EMAIL]);
    let headers = mail.headers();
    assert!(
        !headers.to_ascii_lowercase().contains("\r\nbcc:"),
        "{headers}"
    );
    assert!(mail.header("Subject").unwrap().contains("Hello Bcc"));
}

/// Against a real MTA, when CI starts one (`.ci/run`: aiosmtpd with STARTTLS and
/// AUTH required): `FOLIO_TEST_MTA` is its URL, `FOLIO_TEST_MTA_DIR` where it
/// writes what it accepts. Without them the test says so and passes.
#[tokio::test]
async fn a_real_mta_with_starttls_and_auth_takes_the_test_email_and_a_notice() {
    let (Ok(url), Ok(dir)) = (
        std::env::var("FOLIO_TEST_MTA"),
        std::env::var("FOLIO_TEST_MTA_DIR"),
    ) else {
        eprintln!("skipped: FOLIO_TEST_MTA and FOLIO_TEST_MTA_DIR are not set");
        return;
    };
    let url: folio::config::SmtpUrl = url.parse().unwrap();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    let csrf = app.login_admin().await;
    let address = format!("mta-{}@example.org", std::process::id());
    app.set_admin_email(ADMIN, &address).await;

    app.admin_post("/admin/settings/test-email", &[("csrf_token", &csrf)])
        .await;
    let (_, page) = app.get_page("/admin/settings").await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let sent = app.send_mail().await;

    assert!(page.contains("A test email was sent"), "{page}");
    assert_eq!(sent, 1, "{:?}", app.outbox().await);
    let delivered = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .filter(|mail| mail.contains(&address))
        .count();
    assert_eq!(delivered, 2);
}

#[tokio::test]
async fn admin_create_takes_an_address_for_notifications_and_refuses_a_bad_one() {
    let (_dir, _path, url) = crate::helpers::fresh_database();
    let password = "correct horse battery staple\n";

    let bad = crate::cli::admin_command(&["create", "carol", "--email", "nope"], &url, password);
    let good = crate::cli::admin_command(
        &["create", "carol", "--email", "carol@example.org"],
        &url,
        password,
    );

    assert!(!bad.status.success());
    let error = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(error.trim().lines().count(), 1, "{error}");
    assert!(error.contains("--email"), "{error}");
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let app = spawn_app_on(&url, |_| {}).await;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT email FROM admins WHERE username = 'carol'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some("carol@example.org"));
}

#[tokio::test]
async fn a_reply_approved_at_intake_and_an_admins_reply_each_tell_the_subscriber() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = crate::helpers::spawn_app_with_site(
        move |c| c.smtp_url = Some(url),
        "UPDATE site_settings SET auto_approve_known_authors = 1",
    )
    .await;
    let csrf = app.login_admin().await;
    let mut form = comment_with("email", READER_EMAIL);
    form.push(("notify_replies", "on".to_owned()));
    app.post_valid_comment(WELCOME_SLUG, &form).await;
    let parent = app.last_comment_id().await;
    app.set_comment_status(parent, "approved").await;
    app.send_mail().await;
    let confirm = path_of(
        &only_mail_to(&smtp, READER_EMAIL)
            .await
            .link("/email/confirm/"),
    );
    app.post_form(&confirm, &[]).await;
    let grace = |body: &str| {
        let mut reply = comment_with("email", "grace@example.org");
        reply.retain(|(k, _)| *k != "name" && *k != "body");
        reply.push(("name", "Grace Hopper".to_owned()));
        reply.push(("body", body.to_owned()));
        reply
    };
    app.post_valid_comment(WELCOME_SLUG, &grace("An earlier word."))
        .await;
    let earlier = app.last_comment_id().await;
    app.set_comment_status(earlier, "approved").await;

    let mut reply = grace("Known, so approved at once.");
    reply.push(("parent_id", parent.to_string()));
    app.post_valid_comment(WELCOME_SLUG, &reply).await;
    assert_eq!(
        app.comment_status(app.last_comment_id().await).await,
        "approved"
    );
    app.send_mail().await;
    app.admin_post(
        &format!("/admin/comments/{parent}/reply"),
        &[("csrf_token", &csrf), ("body", "Thanks from the practice.")],
    )
    .await;
    app.send_mail().await;

    let mails = smtp.received_by(READER_EMAIL);
    assert_eq!(mails.len(), 3, "confirmation, then one mail per reply");
    assert!(mails[1].text().contains("Known, so approved at once."));
    assert!(mails[2].text().contains("Thanks from the practice."));
}

#[tokio::test]
async fn the_record_of_sent_mail_is_deleted_after_30_days_but_waiting_mail_is_kept() {
    let smtp = SmtpServer::start().await;
    let (app, _) = mail_app_with_admin(&smtp).await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    app.send_mail().await;
    app.post_valid_comment(WELCOME_SLUG, &comment_with("body", "Still waiting."))
        .await;
    let retention = folio::hygiene::Retention {
        ip_days: 0,
        spam_days: 0,
    };

    app.clock.advance(31 * DAY);
    let tidied = folio::hygiene::tidy(&app.pool, retention, app.clock.now())
        .await
        .unwrap();

    assert_eq!(tidied.mails_purged, 1);
    let left = app.outbox().await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].1, "queued");
}

#[tokio::test]
async fn the_page_behind_an_action_link_shows_what_a_decision_needs_but_no_address_or_ip() {
    const IP: &str = "198.51.100.23";
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = spawn_app_with(move |c| {
        c.smtp_url = Some(url);
        c.trusted_proxy = Some("127.0.0.1".parse().unwrap());
    })
    .await;
    app.create_admin(ADMIN, crate::helpers::ADMIN_PASSWORD)
        .await;
    app.set_admin_email(ADMIN, ADMIN_EMAIL).await;
    let mut form = app.hidden_form_fields(WELCOME_SLUG).await;
    form.extend(comment_with("name", "Jürgen Müller"));
    app.post_comment_raw(WELCOME_SLUG, &form, &[("X-Forwarded-For", IP)])
        .await;
    app.send_mail().await;
    let link = path_of(&only_mail_to(&smtp, ADMIN_EMAIL).await.link(".approve."));
    // Whoever the mail was forwarded to: no session.
    let stranger = reqwest::Client::new();

    let page = stranger.get(app.url(&link)).send().await.unwrap();
    let status = page.status().as_u16();
    let page = page.text().await.unwrap();

    assert_eq!(status, 200);
    for needed in [
        "Jürgen Müller",
        "What a thoughtful post.",
        "Welcome to Folio",
    ] {
        assert!(page.contains(needed), "{needed} missing in\n{page}");
    }
    for personal in ["ada@example.org", IP] {
        assert!(!page.contains(personal), "{personal} shown without a login");
    }
    app.login_as(ADMIN, crate::helpers::ADMIN_PASSWORD).await;
    let (_, signed_in) = app.get_page(&link).await;
    assert!(
        signed_in.contains("ada@example.org") && signed_in.contains(IP),
        "a signed-in admin sees the address and IP: {signed_in}"
    );
}
