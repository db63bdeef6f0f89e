//! The background task that empties the outbox, and what its rows become
//! when they are sent: an admin's notice of new comments (one mail, or one
//! digest when several wait, at most one a minute), a reader's confirmation
//! mail, a reader's reply mail. A row whose comment or subscription is gone
//! is cancelled, not sent.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use tera::Context;

use super::letter::Letter;
use super::sender::Mailer;
use crate::db;
use crate::db::outbox::{Due, MailComment, Subscription};
use crate::domain::ids::{AdminId, MailId};
use crate::domain::mail::{ACTION_LINK_SECONDS, ActionLink, SubscriptionLink, next_admin_mail_at};
use crate::domain::message::{Message, msg};
use crate::domain::moderation::{Action, Status};
use crate::domain::signing::RowKey;
use crate::domain::time::UnixTime;

/// Empties the outbox now and then every `every`, for as long as the server runs.
pub fn spawn(mailer: Mailer, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = send_due(&mailer).await {
                tracing::warn!(error = ?error, "the outbox could not be emptied");
            }
        }
    })
}

/// Rows looked at per round.
const BATCH: i64 = 200;

#[derive(Serialize)]
struct Links {
    approve: String,
    spam: String,
    trash: String,
}

/// A comment as an admin's mail shows it.
#[derive(Serialize)]
struct CommentView {
    post_title: String,
    post_url: String,
    author_name: String,
    author_email: String,
    author_website: String,
    ip: String,
    status: &'static str,
    reason: String,
    body: String,
    pending: bool,
    /// Only while the comment waits: afterwards its links are dead anyway.
    links: Option<Links>,
}

fn comment_url(base_url: &str, comment: &MailComment) -> String {
    format!(
        "{base_url}/posts/{}#comment-{}",
        comment.post_slug, comment.id
    )
}

fn view(mailer: &Mailer, admin_id: AdminId, comment: MailComment, now: UnixTime) -> CommentView {
    let pending = comment.status == Status::Pending;
    let link = |action: Action| {
        let token = ActionLink {
            comment: RowKey::new(comment.id, comment.link_nonce.as_str()),
            admin_id,
            action,
            expires_at: now + ACTION_LINK_SECONDS,
        }
        .token(mailer.signer());
        format!("{}/email/moderate/{token}", mailer.base_url())
    };
    let links = pending.then(|| Links {
        approve: link(Action::Approve),
        spam: link(Action::Spam),
        trash: link(Action::Trash),
    });
    CommentView {
        post_url: comment_url(mailer.base_url(), &comment),
        post_title: comment.post_title,
        author_name: comment.author_name,
        author_email: comment.author_email,
        author_website: comment.author_website,
        ip: comment.ip,
        status: comment.status.as_str(),
        reason: comment.status_reason,
        body: comment.body,
        pending,
        links,
    }
}

/// Sends what the outbox holds that is due now; how many mails went out.
pub async fn send_due(mailer: &Mailer) -> anyhow::Result<usize> {
    let now = mailer.now();
    let rows = db::outbox::due(mailer.pool(), now, BATCH).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let site_title = db::settings::load(mailer.pool())
        .await?
        .map_or_else(|| "Folio".to_owned(), |s| s.title);
    let mut for_admins: BTreeMap<AdminId, Vec<Due>> = BTreeMap::new();
    let mut for_readers = Vec::new();
    let mut for_the_team = Vec::new();
    for row in rows {
        match (row.kind.as_str(), row.admin_id) {
            ("comment", Some(admin_id)) => for_admins.entry(admin_id).or_default().push(row),
            ("invitation" | "review", _) => for_the_team.push(row),
            _ => for_readers.push(row),
        }
    }
    let mut sent = 0;
    for (admin_id, rows) in for_admins {
        sent += usize::from(admin_notice(mailer, &site_title, admin_id, &rows, now).await?);
    }
    for row in &for_readers {
        sent += usize::from(reader_mail(mailer, &site_title, row).await?);
    }
    for row in &for_the_team {
        sent += usize::from(super::team::send(mailer, &site_title, row).await?);
    }
    Ok(sent)
}

/// The subject of an admin's notice of `count` comments, `first` among them.
fn notice_subject(
    mailer: &Mailer,
    site_title: &str,
    first: &CommentView,
    count: usize,
    waiting: usize,
) -> String {
    let subject = match count {
        1 if first.pending => Message::new(msg::MAIL_SUBJECT_MODERATE),
        1 => Message::new(msg::MAIL_SUBJECT_NEW_COMMENT),
        n => Message::new(msg::MAIL_SUBJECT_COMMENTS)
            .with("count", n)
            .with("waiting", waiting),
    };
    mailer.text(
        subject
            .with("site", site_title)
            .with("title", first.post_title.as_str()),
    )
}

/// The comments of an admin's rows that are still there, as the mail shows
/// them, with their rows; the rows of deleted comments are cancelled.
async fn live_comments<'a>(
    mailer: &Mailer,
    admin_id: AdminId,
    rows: &'a [Due],
    now: UnixTime,
) -> anyhow::Result<(Vec<CommentView>, Vec<&'a Due>)> {
    let pool = mailer.pool();
    let mut comments = Vec::new();
    let mut live = Vec::new();
    for row in rows {
        let comment = match row.comment_id {
            Some(id) => db::outbox::comment(pool, id).await?,
            None => None,
        };
        let Some(comment) = comment else {
            let why = Message::new(msg::OUTBOX_CANCELLED_COMMENT_DELETED);
            db::outbox::cancel(pool, row.id, why).await?;
            continue;
        };
        comments.push(view(mailer, admin_id, comment, now));
        live.push(row);
    }
    Ok((comments, live))
}

/// Everything waiting for one admin, as one mail; or nothing yet, when they
/// had one less than a minute ago (then it all waits for the next, a digest).
async fn admin_notice(
    mailer: &Mailer,
    site_title: &str,
    admin_id: AdminId,
    rows: &[Due],
    now: UnixTime,
) -> anyhow::Result<bool> {
    let pool = mailer.pool();
    let ids: Vec<MailId> = rows.iter().map(|r| r.id).collect();
    let allowed_at = next_admin_mail_at(db::outbox::last_sent_to_admin(pool, admin_id).await?, now);
    if allowed_at > now {
        db::outbox::postpone(pool, &ids, allowed_at).await?;
        return Ok(false);
    }
    let (comments, live) = live_comments(mailer, admin_id, rows, now).await?;
    let (Some(first), Some(last)) = (comments.first(), live.last()) else {
        return Ok(false);
    };
    let waiting = comments.iter().filter(|c| c.pending).count();
    let subject = notice_subject(mailer, site_title, first, comments.len(), waiting);
    let mut context = Context::new();
    context.insert("site_title", site_title);
    context.insert("comments", &comments);
    context.insert("waiting", &waiting);
    context.insert(
        "queue_url",
        &format!("{}/admin/comments", mailer.base_url()),
    );
    let letter = Letter {
        to: &last.recipient,
        to_name: None,
        subject: &subject,
        template: "comments",
        context,
        unsubscribe: None,
    };
    let outcome = mailer.send(&letter).await;
    let live_ids: Vec<MailId> = live.iter().map(|r| r.id).collect();
    let queued_at = live.iter().map(|r| r.created_at).min().unwrap_or(now);
    let attempts = live.iter().map(|r| r.attempts).max().unwrap_or(0);
    mailer.record(&live_ids, queued_at, attempts, outcome).await
}

/// The subscription behind a reader's mail, if it still wants mail; else the row is cancelled.
async fn live_subscription(mailer: &Mailer, row: &Due) -> anyhow::Result<Option<Subscription>> {
    let pool = mailer.pool();
    let subscription = match row.subscription_id {
        Some(id) => db::outbox::subscription(pool, id).await?,
        None => None,
    };
    let why = match &subscription {
        None => msg::OUTBOX_CANCELLED_SUBSCRIPTION_GONE,
        Some(subscription) if subscription.ended => msg::OUTBOX_CANCELLED_UNSUBSCRIBED,
        Some(_) => return Ok(subscription),
    };
    db::outbox::cancel(pool, row.id, Message::new(why)).await?;
    Ok(None)
}

/// The template and subject of a reader's mail, with what they need put into
/// `context`; none (and the row cancelled) when it is no longer wanted.
async fn reader_letter(
    mailer: &Mailer,
    site_title: &str,
    row: &Due,
    subscription: &Subscription,
    context: &mut Context,
) -> anyhow::Result<Option<(&'static str, String)>> {
    let pool = mailer.pool();
    let base_url = mailer.base_url();
    match row.kind.as_str() {
        "confirm" if !subscription.confirmed => {
            let token = SubscriptionLink::Confirm.token(mailer.signer(), &subscription.row_key());
            context.insert("link", &format!("{base_url}/email/confirm/{token}"));
            let subject = Message::new(msg::MAIL_SUBJECT_CONFIRM).with("site", site_title);
            Ok(Some(("confirm", mailer.text(subject))))
        }
        "reply" if subscription.confirmed => {
            let reply = match row.comment_id {
                Some(id) => db::outbox::comment(pool, id).await?,
                None => None,
            };
            let Some(reply) = reply.filter(|r| r.status == Status::Approved) else {
                db::outbox::cancel(
                    pool,
                    row.id,
                    Message::new(msg::OUTBOX_CANCELLED_REPLY_UNAPPROVED),
                )
                .await?;
                return Ok(None);
            };
            context.insert("link", &comment_url(base_url, &reply));
            context.insert("reply_author", &reply.author_name);
            context.insert("reply_body", &reply.body);
            let subject = Message::new(msg::MAIL_SUBJECT_REPLY)
                .with("site", site_title)
                .with("name", reply.author_name)
                .with("title", reply.post_title);
            Ok(Some(("reply", mailer.text(subject))))
        }
        _ => {
            db::outbox::cancel(pool, row.id, Message::new(msg::OUTBOX_CANCELLED_NOT_NEEDED))
                .await?;
            Ok(None)
        }
    }
}

/// A confirmation or reply mail to a reader, if its subscription still wants it.
async fn reader_mail(mailer: &Mailer, site_title: &str, row: &Due) -> anyhow::Result<bool> {
    let Some(subscription) = live_subscription(mailer, row).await? else {
        return Ok(false);
    };
    let unsubscribe = format!(
        "{}/email/unsubscribe/{}",
        mailer.base_url(),
        SubscriptionLink::Unsubscribe.token(mailer.signer(), &subscription.row_key())
    );
    let mut context = Context::new();
    context.insert("site_title", site_title);
    context.insert("name", &subscription.author_name);
    context.insert("post_title", &subscription.post_title);
    context.insert("unsubscribe", &unsubscribe);
    let Some((template, subject)) =
        reader_letter(mailer, site_title, row, &subscription, &mut context).await?
    else {
        return Ok(false);
    };
    let letter = Letter {
        to: &subscription.email,
        to_name: Some(&subscription.author_name),
        subject: &subject,
        template,
        context,
        unsubscribe: Some(unsubscribe),
    };
    let outcome = mailer.send(&letter).await;
    mailer
        .record(&[row.id], row.created_at, row.attempts, outcome)
        .await
}
