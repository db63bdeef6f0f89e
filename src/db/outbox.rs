//! The outbox: every email as a row, written in the transaction of the event
//! that causes it, and the reply subscriptions and opt-outs that decide who
//! gets reader mail. The message itself is made when the row is sent.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::ids::{AdminId, CommentId, InvitationId, MailId, PostId, SubscriptionId};
use crate::domain::mail::IntakeMail;
use crate::domain::message::{Message, msg};
use crate::domain::moderation::Status;
use crate::domain::role::{Permission, Role};
use crate::domain::signing::RowKey;
use crate::domain::time::UnixTime;

/// Queues the mail a newly stored comment causes, in the comment writer's
/// transaction: a notice to each admin with an address, the reader's
/// confirmation mail, and (for an approved reply) the parent's subscriber's mail.
pub async fn queue_for_new_comment(
    conn: &mut SqliteConnection,
    comment_id: CommentId,
    email: &str,
    status: Status,
    mail: IntakeMail,
    answers_a_comment: bool,
    now: UnixTime,
) -> sqlx::Result<()> {
    if mail.tell_admins {
        let [a, b, c, d] = super::types::roles_with(Permission::ModerateComments);
        sqlx::query!(
            "INSERT INTO outbox (kind, recipient, admin_id, comment_id, next_attempt_at, created_at)
             SELECT 'comment', email, id, ?1, ?2, ?2 FROM admins
             WHERE email IS NOT NULL AND email <> '' AND deactivated_at IS NULL
               AND role IN (?3, ?4, ?5, ?6)",
            comment_id,
            now,
            a,
            b,
            c,
            d
        )
        .execute(&mut *conn)
        .await?;
    }
    if mail.subscribe {
        subscribe(conn, comment_id, email, now).await?;
    }
    if answers_a_comment && status == Status::Approved {
        queue_reply_mail(conn, comment_id, now).await?;
    }
    Ok(())
}

/// A subscription awaiting confirmation and the mail that asks for it; nothing
/// for an address that asked for no more mail.
async fn subscribe(
    conn: &mut SqliteConnection,
    comment_id: CommentId,
    email: &str,
    now: UnixTime,
) -> sqlx::Result<()> {
    let opted_out = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM mail_optouts WHERE email = ?) AS "yes!: bool""#,
        email
    )
    .fetch_one(&mut *conn)
    .await?
    .yes;
    if opted_out {
        return Ok(());
    }
    let subscription_id = sqlx::query!(
        "INSERT INTO reply_subscriptions (comment_id, email, created_at, link_nonce)
         VALUES (?, ?, ?, lower(hex(randomblob(8))))",
        comment_id,
        email,
        now
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    sqlx::query!(
        "INSERT INTO outbox (kind, recipient, comment_id, subscription_id, next_attempt_at, created_at)
         VALUES ('confirm', ?1, ?2, ?3, ?4, ?4)",
        email,
        comment_id,
        subscription_id,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Once a reply is approved: a mail to the confirmed subscriber of the comment
/// it answers (never to the reply's own author), once per reply however often
/// it is approved.
pub async fn queue_reply_mail(
    conn: &mut SqliteConnection,
    reply_id: CommentId,
    now: UnixTime,
) -> sqlx::Result<()> {
    let approved = Status::Approved;
    sqlx::query!(
        "INSERT OR IGNORE INTO outbox (kind, recipient, comment_id, subscription_id, next_attempt_at, created_at)
         SELECT 'reply', s.email, r.id, s.id, ?2, ?2
         FROM comments r JOIN reply_subscriptions s ON s.comment_id = r.parent_id
         WHERE r.id = ?1 AND r.status = ?3
           AND s.confirmed_at IS NOT NULL AND s.ended_at IS NULL
           AND s.email <> r.author_email COLLATE NOCASE
           AND NOT EXISTS (SELECT 1 FROM mail_optouts o WHERE o.email = s.email)",
        reply_id,
        now,
        approved
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A row the sender should try now.
#[derive(Debug, Clone)]
pub struct Due {
    pub id: MailId,
    pub kind: String,
    pub recipient: String,
    pub admin_id: Option<AdminId>,
    pub comment_id: Option<CommentId>,
    pub subscription_id: Option<SubscriptionId>,
    pub invitation_id: Option<InvitationId>,
    pub post_id: Option<PostId>,
    /// An invitation's token, until its mail has left.
    pub secret: Option<String>,
    pub attempts: i64,
    pub created_at: UnixTime,
}

/// Queued mail whose time has come, oldest first.
pub async fn due(pool: &SqlitePool, now: UnixTime, limit: i64) -> sqlx::Result<Vec<Due>> {
    sqlx::query_as!(
        Due,
        r#"SELECT id AS "id!: MailId", kind, recipient, admin_id AS "admin_id: AdminId",
                  comment_id AS "comment_id: CommentId",
                  subscription_id AS "subscription_id: SubscriptionId",
                  invitation_id AS "invitation_id: InvitationId", post_id AS "post_id: PostId",
                  secret, attempts, created_at AS "created_at: UnixTime"
           FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ?"#,
        now,
        limit
    )
    .fetch_all(pool)
    .await
}

/// When this admin was last sent a notice of comments.
pub async fn last_sent_to_admin(
    pool: &SqlitePool,
    admin_id: AdminId,
) -> sqlx::Result<Option<UnixTime>> {
    let row = sqlx::query!(
        r#"SELECT MAX(sent_at) AS "at: UnixTime" FROM outbox
           WHERE admin_id = ? AND status = 'sent' AND kind = 'comment'"#,
        admin_id
    )
    .fetch_one(pool)
    .await?;
    Ok(row.at)
}

/// Rows whose mail waits until `until` (an admin's next allowed mail).
pub async fn postpone(pool: &SqlitePool, ids: &[MailId], until: UnixTime) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for id in ids {
        sqlx::query!(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND status = 'queued'",
            until,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Rows whose mail (one mail, maybe a digest of several) was accepted by the
/// server; an invitation's token is forgotten with it.
pub async fn mark_sent(pool: &SqlitePool, ids: &[MailId], now: UnixTime) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for id in ids {
        sqlx::query!(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '',
                    secret = NULL
             WHERE id = ?",
            now,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A failed try: queued again for `retry_at`, or failed for good when there is none.
pub async fn mark_attempt_failed(
    pool: &SqlitePool,
    ids: &[MailId],
    retry_at: Option<UnixTime>,
    error: &str,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for id in ids {
        sqlx::query!(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?1,
                    status = CASE WHEN ?2 IS NULL THEN 'failed' ELSE 'queued' END,
                    next_attempt_at = COALESCE(?2, next_attempt_at),
                    secret = CASE WHEN ?2 IS NULL THEN NULL ELSE secret END
             WHERE id = ?3",
            error,
            retry_at,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A mail that is no longer needed (its comment or subscription is gone), and
/// why, kept as a message to be worded when shown.
pub async fn cancel(pool: &SqlitePool, id: MailId, why: Message) -> sqlx::Result<()> {
    let why = why.to_stored();
    sqlx::query!(
        "UPDATE outbox SET status = 'cancelled', last_error = ?, secret = NULL
         WHERE id = ? AND status = 'queued'",
        why,
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A comment as a mail shows it.
#[derive(Debug, Clone)]
pub struct MailComment {
    pub id: CommentId,
    /// The random value its action links carry (see `signing::RowKey`).
    pub link_nonce: String,
    pub post_title: String,
    pub post_slug: String,
    pub author_name: String,
    pub author_email: String,
    pub author_website: String,
    pub ip: String,
    pub status: Status,
    pub status_reason: String,
    pub body: String,
    pub created_at: UnixTime,
}

pub async fn comment(pool: &SqlitePool, id: CommentId) -> sqlx::Result<Option<MailComment>> {
    sqlx::query_as!(
        MailComment,
        r#"SELECT c.id AS "id!: CommentId", c.link_nonce, p.title AS post_title, p.slug AS post_slug,
                  c.author_name, c.author_email, c.author_website, c.ip, c.status AS "status: Status",
                  c.status_reason, c.body, c.created_at AS "created_at: UnixTime"
           FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// A reader's subscription to replies under one of their comments.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: SubscriptionId,
    /// The random value its links carry (see `signing::RowKey`).
    pub link_nonce: String,
    pub comment_id: CommentId,
    pub email: String,
    pub confirmed: bool,
    pub ended: bool,
    pub author_name: String,
    pub post_title: String,
    pub post_slug: String,
}

impl Subscription {
    /// The subscription as its links name it.
    pub fn row_key(&self) -> RowKey<SubscriptionId> {
        RowKey::new(self.id, self.link_nonce.as_str())
    }
}

pub async fn subscription(
    pool: &SqlitePool,
    id: SubscriptionId,
) -> sqlx::Result<Option<Subscription>> {
    sqlx::query_as!(
        Subscription,
        r#"SELECT s.id AS "id!: SubscriptionId", s.link_nonce, s.comment_id AS "comment_id: CommentId",
                  s.email,
                  s.confirmed_at IS NOT NULL AS "confirmed!: bool",
                  s.ended_at IS NOT NULL AS "ended!: bool",
                  c.author_name, p.title AS post_title, p.slug AS post_slug
           FROM reply_subscriptions s JOIN comments c ON c.id = s.comment_id
           JOIN posts p ON p.id = c.post_id WHERE s.id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Confirms a subscription (double opt-in); `false` when it has ended or does not exist.
pub async fn confirm(pool: &SqlitePool, id: SubscriptionId, now: UnixTime) -> sqlx::Result<bool> {
    let changed = sqlx::query!(
        "UPDATE reply_subscriptions SET confirmed_at = COALESCE(confirmed_at, ?)
         WHERE id = ? AND ended_at IS NULL",
        now,
        id
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Ends one thread's notifications, and drops its queued mail.
pub async fn end_subscription(
    pool: &SqlitePool,
    id: SubscriptionId,
    now: UnixTime,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query!(
        "UPDATE reply_subscriptions SET ended_at = COALESCE(ended_at, ?) WHERE id = ?",
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    let why = Message::new(msg::OUTBOX_CANCELLED_UNSUBSCRIBED).to_stored();
    sqlx::query!(
        "UPDATE outbox SET status = 'cancelled', last_error = ?
         WHERE subscription_id = ? AND status = 'queued'",
        why,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// No more mail to this address: every subscription ends, queued reader mail
/// is dropped, and new subscriptions are ignored.
pub async fn opt_out(pool: &SqlitePool, email: &str, now: UnixTime) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query!(
        "INSERT OR IGNORE INTO mail_optouts (email, created_at) VALUES (?, ?)",
        email,
        now
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE reply_subscriptions SET ended_at = ?
         WHERE email = ? COLLATE NOCASE AND ended_at IS NULL",
        now,
        email
    )
    .execute(&mut *tx)
    .await?;
    let why = Message::new(msg::OUTBOX_CANCELLED_OPTED_OUT).to_stored();
    sqlx::query!(
        "UPDATE outbox SET status = 'cancelled', last_error = ?
         WHERE recipient = ? COLLATE NOCASE AND status = 'queued' AND kind IN ('confirm', 'reply')",
        why,
        email
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// A mail as `/admin/email` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub id: MailId,
    pub kind: String,
    pub recipient: String,
    pub comment_id: Option<CommentId>,
    pub status: String,
    pub attempts: i64,
    pub last_error: String,
    pub next_attempt_at: UnixTime,
    pub created_at: UnixTime,
    pub sent_at: Option<UnixTime>,
}

/// The newest mails first.
pub async fn recent(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<Entry>> {
    sqlx::query_as!(
        Entry,
        r#"SELECT id AS "id!: MailId", kind, recipient, comment_id AS "comment_id: CommentId",
                  status, attempts, last_error, next_attempt_at AS "next_attempt_at: UnixTime",
                  created_at AS "created_at: UnixTime", sent_at AS "sent_at: UnixTime"
           FROM outbox ORDER BY id DESC LIMIT ?"#,
        limit
    )
    .fetch_all(pool)
    .await
}

/// Queues a failed (or waiting) mail to be tried now; `false` if it was sent or is gone.
pub async fn retry(pool: &SqlitePool, id: MailId, now: UnixTime) -> sqlx::Result<bool> {
    let changed = sqlx::query!(
        "UPDATE outbox SET status = 'queued', next_attempt_at = ?
         WHERE id = ? AND status IN ('queued', 'failed')",
        now,
        id
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Removes a mail from the outbox; `false` if it was not there.
pub async fn drop_mail(pool: &SqlitePool, id: MailId) -> sqlx::Result<bool> {
    let changed = sqlx::query!("DELETE FROM outbox WHERE id = ?", id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(changed > 0)
}

/// Deletes the record of mails that are no longer waiting, queued before `before`.
pub async fn purge_done_before(pool: &SqlitePool, before: UnixTime) -> sqlx::Result<u64> {
    let purged = sqlx::query!(
        "DELETE FROM outbox WHERE status <> 'queued' AND created_at < ?",
        before
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(purged)
}

/// An invitation as its mail shows it.
#[derive(Debug, Clone)]
pub struct MailInvitation {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub invited_by: Option<String>,
}

/// The invitation a mail carries the link of, while it works.
pub async fn invitation(
    pool: &SqlitePool,
    id: InvitationId,
    now: UnixTime,
) -> sqlx::Result<Option<MailInvitation>> {
    sqlx::query_as!(
        MailInvitation,
        r#"SELECT i.username, i.display_name, i.role AS "role: Role",
                  NULLIF(a.display_name, '') AS "invited_by?: String"
           FROM invitations i LEFT JOIN admins a ON a.id = i.invited_by
           WHERE i.id = ? AND i.expires_at > ?"#,
        id,
        now
    )
    .fetch_optional(pool)
    .await
}

/// A post waiting for review, as the mail that tells of it shows it.
#[derive(Debug, Clone)]
pub struct MailReview {
    pub id: PostId,
    pub kind: String,
    pub title: String,
    /// The author's public name, else their login name (the mail goes to the team).
    pub author: Option<String>,
}

/// The post a review mail is about, while it still waits.
pub async fn waiting_post(pool: &SqlitePool, id: PostId) -> sqlx::Result<Option<MailReview>> {
    sqlx::query_as!(
        MailReview,
        r#"SELECT p.id AS "id!: PostId", p.kind, p.title,
                  COALESCE(NULLIF(a.display_name, ''), a.username) AS "author?: String"
           FROM posts p LEFT JOIN admins a ON a.id = p.author_id
           WHERE p.id = ? AND p.submitted_at IS NOT NULL AND p.status = 'draft'"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Whether the account a team mail is for may still get it: active, and
/// (for a review mail) still one that may publish.
pub async fn recipient_role(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Option<Role>> {
    let row = sqlx::query!(
        r#"SELECT role AS "role: Role" FROM admins WHERE id = ? AND deactivated_at IS NULL"#,
        admin_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.role))
}

/// Mails per status (`queued`, `sent`, `failed`, `cancelled`).
pub async fn counts_by_status(pool: &SqlitePool) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"SELECT status AS "status!: String", COUNT(*) AS "n!: i64" FROM outbox GROUP BY status"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.status, r.n)).collect())
}
