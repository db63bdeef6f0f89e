//! Personal data by email address: gathered for an export, erased on request.
//! Every table that holds personal data by address is read in `personal_data`
//! and cleared in `erase_in`, so a new one is added in these two places.

use sqlx::{SqliteConnection, SqlitePool};

use super::moderation::{Actor, delete_keeping_replies, log};
use crate::domain::ids::CommentId;
use crate::domain::moderation::Status;
use crate::domain::privacy::{
    ANONYMOUS, Address, Erasure, PersonalData, StoredComment, StoredMail, StoredSubscription,
};
use crate::domain::time::UnixTime;

/// Everything stored for `address` (matched ignoring case), comments oldest first.
pub async fn personal_data(pool: &SqlitePool, address: &Address) -> sqlx::Result<PersonalData> {
    let address = address.as_ref();
    let comments = sqlx::query_as!(
        StoredComment,
        r#"SELECT c.id AS "id!: CommentId", p.title AS post_title, p.slug AS post_slug,
                  p.kind = 'page' AS "post_is_page!: bool", c.parent_id AS "parent_id: CommentId",
                  c.author_name, c.author_email, c.author_website, c.body, c.status AS "status: Status",
                  c.status_reason, c.ip, c.user_agent, c.created_at AS "created_at: UnixTime",
                  c.consent_at AS "consent_at: UnixTime"
           FROM comments c JOIN posts p ON p.id = c.post_id
           WHERE c.author_email = ?1 COLLATE NOCASE
           ORDER BY c.created_at, c.id"#,
        address
    )
    .fetch_all(pool)
    .await?;
    let subscriptions = sqlx::query_as!(
        StoredSubscription,
        r#"SELECT s.comment_id AS "comment_id: CommentId", p.title AS post_title, s.email,
                  s.created_at AS "created_at: UnixTime", s.confirmed_at AS "confirmed_at: UnixTime",
                  s.ended_at AS "ended_at: UnixTime"
           FROM reply_subscriptions s JOIN comments c ON c.id = s.comment_id
           JOIN posts p ON p.id = c.post_id
           WHERE s.email = ?1 COLLATE NOCASE
           ORDER BY s.created_at, s.id"#,
        address
    )
    .fetch_all(pool)
    .await?;
    let mails = sqlx::query_as!(
        StoredMail,
        r#"SELECT kind, status, recipient, comment_id AS "comment_id: CommentId", last_error,
                  created_at AS "created_at: UnixTime", sent_at AS "sent_at: UnixTime"
           FROM outbox WHERE recipient = ?1 COLLATE NOCASE
           ORDER BY created_at, id"#,
        address
    )
    .fetch_all(pool)
    .await?;
    let opted_out_at = sqlx::query_scalar!(
        r#"SELECT created_at AS "at!: UnixTime" FROM mail_optouts WHERE email = ?1"#,
        address
    )
    .fetch_optional(pool)
    .await?;
    Ok(PersonalData {
        comments,
        subscriptions,
        mails,
        opted_out_at,
    })
}

/// What an erasure changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub comments: u64,
    /// Reply subscriptions, mails (queued ones are thereby cancelled) and a
    /// refusal of all mail, removed.
    pub mail_records: u64,
}

/// Erases everything stored for `address` in one transaction, logs that it
/// happened (how many, never the address) and checkpoints the write-ahead log,
/// so no copy of the erased values is left in the database files. (Every
/// connection runs with `secure_delete`, which overwrites deleted content.)
pub async fn erase(
    pool: &SqlitePool,
    address: &Address,
    erasure: Erasure,
    by: Actor<'_>,
    now: UnixTime,
) -> sqlx::Result<Erased> {
    let mut tx = super::begin_write(pool).await?;
    let erased = erase_in(&mut tx, address, erasure).await?;
    if erased != Erased::default() {
        let detail = erasure.log_detail(erased.comments).to_stored();
        log(&mut tx, by, "erase", None, &detail, now).await?;
    }
    // The search index keeps a deleted entry's tokens until its segments are
    // merged: merge them all now, so the erased address leaves it too.
    sqlx::query!("INSERT INTO comment_search (comment_search) VALUES ('optimize')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    super::checkpoint(pool).await?;
    Ok(erased)
}

async fn erase_in(
    conn: &mut SqliteConnection,
    address: &Address,
    erasure: Erasure,
) -> sqlx::Result<Erased> {
    let address = address.as_ref();
    let ids: Vec<CommentId> = sqlx::query_scalar!(
        r#"SELECT id AS "id!: CommentId" FROM comments WHERE author_email = ?1 COLLATE NOCASE"#,
        address
    )
    .fetch_all(&mut *conn)
    .await?;
    match erasure {
        Erasure::Anonymise => {
            // The moderator's note goes too: it may quote the address or IP
            // that a word list matched.
            sqlx::query!(
                "UPDATE comments
                 SET author_name = ?1, author_email = '', author_website = '', ip = '', user_agent = '',
                     status_reason = ''
                 WHERE author_email = ?2 COLLATE NOCASE",
                ANONYMOUS,
                address
            )
            .execute(&mut *conn)
            .await?;
        }
        Erasure::Delete => {
            for id in &ids {
                delete_keeping_replies(conn, *id).await?;
            }
        }
    }
    Ok(Erased {
        comments: ids.len() as u64,
        mail_records: erase_mail_in(conn, address).await?,
    })
}

/// Every copy of the address that mail keeps: its reply subscriptions (with
/// the mails queued for them), every mail to it, queued or past (a queued one
/// is thereby never sent), and its refusal of all mail (a new subscription
/// needs a confirmation first anyway). How many rows went.
async fn erase_mail_in(conn: &mut SqliteConnection, address: &str) -> sqlx::Result<u64> {
    let subscriptions = sqlx::query!(
        "DELETE FROM reply_subscriptions WHERE email = ?1 COLLATE NOCASE",
        address
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let mails = sqlx::query!(
        "DELETE FROM outbox WHERE recipient = ?1 COLLATE NOCASE",
        address
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let opt_out = sqlx::query!("DELETE FROM mail_optouts WHERE email = ?1", address)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(subscriptions + mails + opt_out)
}
