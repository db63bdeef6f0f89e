//! A signed link names one row for good: after a restore rewinds the ids (here:
//! the newest comment is deleted, so the next one takes its id), a link made
//! for the old row never reveals or acts on the new one (issue 21, defect 2).

use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, spawn_app, spawn_app_with, unescape};
use crate::smtp::SmtpServer;

const ADMIN_EMAIL: &str = "alice@example.org";

/// The path (and query) of an absolute link in a mail.
fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").unwrap().1;
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

/// What a restore of an older backup does to ids: the newest comment (and
/// whatever hangs on it) is gone, so the next comment gets its id again.
async fn rewind(app: &TestApp, id: i64) {
    sqlx::query("DELETE FROM comments WHERE id = ?")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
}

fn by(name: &str, email: &str, body: &str, notify: bool) -> Vec<(&'static str, String)> {
    let mut form = comment_with("name", name);
    form.retain(|(k, _)| *k != "email" && *k != "body");
    form.push(("email", email.to_owned()));
    form.push(("body", body.to_owned()));
    if notify {
        form.push(("notify_replies", "on".to_owned()));
    }
    form
}

#[tokio::test]
async fn an_old_mine_link_never_shows_the_comment_that_took_its_id() {
    let app = spawn_app().await;
    let his = app
        .post_valid_comment(
            WELCOME_SLUG,
            &by("Hans", "hans@example.org", "Hans's words", false),
        )
        .await;
    let his_id = app.last_comment_id().await;
    rewind(&app, his_id).await;

    let hers = app
        .post_valid_comment(
            WELCOME_SLUG,
            &by("Petra", "petra@example.org", "Petra's knee hurts", false),
        )
        .await;
    let (_, through_his_link) = app.get_page(&unescape(&his)).await;
    let (_, through_hers) = app.get_page(&unescape(&hers)).await;

    assert_eq!(
        app.last_comment_id().await,
        his_id,
        "the id was taken again"
    );
    assert!(
        through_hers.contains("knee hurts"),
        "her own link shows her comment"
    );
    assert!(
        !through_his_link.contains("knee hurts"),
        "an old link showed another reader's pending comment"
    );
}

async fn mail_app(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    let app = spawn_app_with(move |c| c.smtp_url = Some(url)).await;
    app.create_admin(crate::helpers::ADMIN, crate::helpers::ADMIN_PASSWORD)
        .await;
    folio::db::admins::set_email(
        &app.pool,
        crate::helpers::ADMIN,
        Some(ADMIN_EMAIL),
        folio::domain::time::UnixTime::EPOCH,
    )
    .await
    .unwrap();
    app
}

async fn post_form(app: &TestApp, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn an_old_confirmation_or_unsubscribe_link_never_acts_on_the_subscription_that_took_its_id() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &by("Hans", "hans@example.org", "Hans's words", true),
    )
    .await;
    let his_id = app.last_comment_id().await;
    app.send_mail().await;
    let his_mail = smtp.received_by("hans@example.org").pop().unwrap();
    let his_confirm = path_of(&his_mail.link("/email/confirm/"));
    let his_unsubscribe = path_of(&his_mail.link("/email/unsubscribe/"));
    rewind(&app, his_id).await;

    app.post_valid_comment(
        WELCOME_SLUG,
        &by("Petra", "petra@example.org", "Petra's words", true),
    )
    .await;
    let (confirm_page, _) = app.get_page(&his_confirm).await;
    let (confirmed, _) = post_form(&app, &his_confirm, &[]).await;
    let (ended, _) = post_form(&app, &his_unsubscribe, &[]).await;
    let (_, all) = post_form(&app, &his_unsubscribe, &[("all", "yes")]).await;
    let hers: (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT confirmed_at, ended_at FROM reply_subscriptions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let opted_out: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_optouts")
        .fetch_one(&app.pool)
        .await
        .unwrap();

    assert_eq!(
        app.last_comment_id().await,
        his_id,
        "the id was taken again"
    );
    assert_ne!(
        confirm_page, 200,
        "the old link offers to confirm her subscription"
    );
    assert_ne!(confirmed, 200, "the old link confirmed her subscription");
    assert_ne!(ended, 200, "the old link ended her subscription");
    assert_eq!(hers, (None, None), "her subscription was changed");
    assert_eq!(opted_out, 0, "the old link stopped all mail to her: {all}");
}

#[tokio::test]
async fn an_old_moderation_link_never_shows_or_moderates_the_comment_that_took_its_id() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    app.post_valid_comment(
        WELCOME_SLUG,
        &by("Hans", "hans@example.org", "Hans's words", false),
    )
    .await;
    let his_id = app.last_comment_id().await;
    app.send_mail().await;
    let link = path_of(
        &smtp
            .received_by(ADMIN_EMAIL)
            .pop()
            .unwrap()
            .link(".approve."),
    );
    let token = link.rsplit('/').next().unwrap().to_owned();
    rewind(&app, his_id).await;

    app.post_valid_comment(
        WELCOME_SLUG,
        &by("Petra", "petra@example.org", "Petra's knee hurts", false),
    )
    .await;
    let (shown, page) = app.get_page(&link).await;
    let (acted, _) = post_form(&app, "/email/moderate", &[("token", &token)]).await;

    assert_eq!(
        app.last_comment_id().await,
        his_id,
        "the id was taken again"
    );
    assert_ne!(shown, 200);
    assert!(
        !page.contains("knee hurts"),
        "the old link shows her comment"
    );
    assert_ne!(acted, 200);
    assert_eq!(app.comment_status(his_id).await, "pending");
}
