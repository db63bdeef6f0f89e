//! `/admin/email`: what the outbox holds (queued, sent, failed, with the last
//! error), a retry or drop per mail, and the settings page's test email.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::layout::{admin_context, redirect_with_flash};
use crate::auth::csrf::NoFields;
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::ids::{CommentId, MailId};
use crate::domain::message::{Message, msg};
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

/// Mails the page lists, newest first.
const LISTED: i64 = 200;

#[derive(Serialize)]
struct MailView {
    id: MailId,
    what: String,
    recipient: String,
    comment_id: Option<CommentId>,
    status: String,
    status_text: String,
    attempts: i64,
    last_error: String,
    created_human: String,
    /// When it was sent, or when it is next tried.
    when_human: String,
    can_retry: bool,
}

fn what(kind: &str) -> Message {
    Message::new(match kind {
        "comment" => msg::OUTBOX_KIND_COMMENT,
        "confirm" => msg::OUTBOX_KIND_CONFIRM,
        "reply" => msg::OUTBOX_KIND_REPLY,
        "invitation" => msg::OUTBOX_KIND_INVITATION,
        "review" => msg::OUTBOX_KIND_REVIEW,
        _ => msg::OUTBOX_KIND_OTHER,
    })
}

fn status(status: &str) -> Message {
    Message::new(match status {
        "queued" => msg::OUTBOX_STATUS_QUEUED,
        "sent" => msg::OUTBOX_STATUS_SENT,
        "failed" => msg::OUTBOX_STATUS_FAILED,
        _ => msg::OUTBOX_STATUS_CANCELLED,
    })
}

pub async fn list(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let zone = state.dates();
    let mails: Vec<MailView> = db::outbox::recent(&state.pool, LISTED)
        .await?
        .into_iter()
        .map(|m| MailView {
            id: m.id,
            what: state.text(what(&m.kind)),
            recipient: m.recipient,
            comment_id: m.comment_id,
            can_retry: matches!(m.status.as_str(), "queued" | "failed"),
            when_human: match (m.status.as_str(), m.sent_at) {
                (_, Some(sent)) => state.text(
                    Message::new(msg::OUTBOX_SENT_AT).with("when", zone.human_date_time(sent)),
                ),
                ("queued", None) => state.text(
                    Message::new(msg::OUTBOX_NEXT_TRY)
                        .with("when", zone.human_date_time(m.next_attempt_at)),
                ),
                _ => String::new(),
            },
            status_text: state.text(status(&m.status)),
            status: m.status,
            attempts: m.attempts,
            // Folio's own words in the site's language; an older row as it was stored.
            last_error: state.language.stored(&m.last_error),
            created_human: zone.human_date_time(m.created_at),
        })
        .collect();
    let mut context = admin_context(&state, &admin, "email").await?;
    context.insert("mails", &mails);
    respond::page(&state.templates, "admin/email.html", &context)
}

pub async fn act(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: AdminForm<NoFields>,
) -> Result<HttpResponse> {
    let (raw_id, action) = path.into_inner();
    let AdminForm { admin, .. } = form;
    let id: MailId = raw_id.parse().map_err(|()| AppError::NotFound)?;
    let (message, error) = match action.as_str() {
        "retry" => {
            let now = state.config.clock.now();
            if db::outbox::retry(&state.pool, id, now).await? {
                (Message::new(msg::OUTBOX_FLASH_RETRY), false)
            } else {
                (Message::new(msg::OUTBOX_FLASH_NOT_RETRIED), true)
            }
        }
        "drop" => {
            if db::outbox::drop_mail(&state.pool, id).await? {
                (Message::new(msg::OUTBOX_FLASH_DROPPED), false)
            } else {
                (Message::new(msg::OUTBOX_FLASH_NO_MAIL), true)
            }
        }
        _ => return Err(AppError::NotFound),
    };
    let message = state.text(message.with("num", id));
    redirect_with_flash(&state, &admin, "/admin/email", &message, error).await
}

/// Sends a test email to the signed-in admin's address at once and says how it went.
pub async fn send_test(
    state: web::Data<AppState>,
    form: AdminForm<NoFields>,
) -> Result<HttpResponse> {
    let AdminForm { admin, .. } = form;
    let back = "/admin/settings";
    let Some(mailer) = &state.mailer else {
        let message = state.text(msg::OUTBOX_TEST_MAIL_OFF);
        return redirect_with_flash(&state, &admin, back, &message, true).await;
    };
    let address = db::admins::account(&state.pool, admin.admin_id)
        .await?
        .and_then(|a| a.email)
        .filter(|e| !e.is_empty());
    let Some(address) = address else {
        let message = state.text(msg::OUTBOX_TEST_NO_ADDRESS);
        return redirect_with_flash(&state, &admin, back, &message, true).await;
    };
    let (message, error) = match mailer.send_test(&address, &state.site().title).await {
        Ok(()) => (
            Message::new(msg::OUTBOX_TEST_SENT).with("address", address.as_str()),
            false,
        ),
        Err(failure) => (
            Message::new(msg::OUTBOX_TEST_FAILED)
                .with("failure", state.language.message(&failure.message)),
            true,
        ),
    };
    let message = state.text(message);
    redirect_with_flash(&state, &admin, back, &message, error).await
}
