//! Mail to the site's team: an invitation's link to the person invited, and
//! a post an author sent for review to each editor and admin. A row whose
//! invitation is gone (accepted, withdrawn, run out) or whose post no longer
//! waits is cancelled, not sent.

use tera::Context;

use super::letter::Letter;
use super::sender::Mailer;
use crate::db;
use crate::db::outbox::Due;
use crate::domain::admin::INVITATION_SECONDS;
use crate::domain::message::{Message, MessageId, msg};
use crate::domain::role::Permission;

pub(super) async fn send(mailer: &Mailer, site_title: &str, row: &Due) -> anyhow::Result<bool> {
    let mut context = Context::new();
    context.insert("site_title", site_title);
    let prepared = match row.kind.as_str() {
        "invitation" => invitation(mailer, site_title, row, &mut context).await?,
        _ => review(mailer, site_title, row, &mut context).await?,
    };
    let Some((template, subject)) = prepared else {
        return Ok(false);
    };
    let letter = Letter {
        to: &row.recipient,
        to_name: None,
        subject: &subject,
        template,
        context,
        unsubscribe: None,
    };
    let outcome = mailer.send(&letter).await;
    mailer
        .record(&[row.id], row.created_at, row.attempts, outcome)
        .await
}

/// Cancels the row with `why`; nothing is sent.
async fn cancel(mailer: &Mailer, row: &Due, why: MessageId) -> anyhow::Result<Prepared> {
    db::outbox::cancel(mailer.pool(), row.id, Message::new(why)).await?;
    Ok(None)
}

/// What `send` makes of a row: a template and a subject, or nothing.
type Prepared = Option<(&'static str, String)>;

async fn invitation(
    mailer: &Mailer,
    site_title: &str,
    row: &Due,
    context: &mut Context,
) -> anyhow::Result<Prepared> {
    let invitation = match row.invitation_id {
        Some(id) => db::outbox::invitation(mailer.pool(), id, mailer.now()).await?,
        None => None,
    };
    let Some(invitation) = invitation else {
        return cancel(mailer, row, msg::OUTBOX_CANCELLED_INVITATION_GONE).await;
    };
    // Only while the mail waits does the outbox know the link (its hash is the invitation's).
    let Some(token) = &row.secret else {
        return cancel(mailer, row, msg::OUTBOX_CANCELLED_LINK_FORGOTTEN).await;
    };
    context.insert(
        "link",
        &format!("{}/admin/invite/{token}", mailer.base_url()),
    );
    context.insert("username", &invitation.username);
    context.insert("name", &invitation.display_name);
    context.insert("role", invitation.role.as_str());
    context.insert("invited_by", &invitation.invited_by);
    context.insert("days", &(INVITATION_SECONDS / (24 * 60 * 60)));
    let subject = Message::new(msg::MAIL_SUBJECT_INVITATION)
        .with("site", site_title)
        .with("role", invitation.role.as_str());
    Ok(Some(("invitation", mailer.text(subject))))
}

async fn review(
    mailer: &Mailer,
    site_title: &str,
    row: &Due,
    context: &mut Context,
) -> anyhow::Result<Prepared> {
    let pool = mailer.pool();
    let still_reviews = match row.admin_id {
        Some(id) => db::outbox::recipient_role(pool, id)
            .await?
            .is_some_and(|role| role.may(Permission::PublishPosts)),
        None => false,
    };
    if !still_reviews {
        return cancel(mailer, row, msg::OUTBOX_CANCELLED_NOT_NEEDED).await;
    }
    let post = match row.post_id {
        Some(id) => db::outbox::waiting_post(pool, id).await?,
        None => None,
    };
    let Some(post) = post else {
        return cancel(mailer, row, msg::OUTBOX_CANCELLED_REVIEW_DONE).await;
    };
    context.insert(
        "link",
        &format!(
            "{}/admin/{}s/{}/edit",
            mailer.base_url(),
            post.kind,
            post.id
        ),
    );
    context.insert("title", &post.title);
    context.insert("author", &post.author);
    context.insert("list", &format!("{}/admin/posts", mailer.base_url()));
    let subject = Message::new(msg::MAIL_SUBJECT_REVIEW)
        .with("site", site_title)
        .with("title", post.title.as_str());
    Ok(Some(("review", mailer.text(subject))))
}
