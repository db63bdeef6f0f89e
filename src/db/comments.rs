use sqlx::SqlitePool;

use crate::domain::SafeHtml;
use crate::domain::ids::{CommentId, PostId};
use crate::domain::moderation::Status;
use crate::domain::signing::RowKey;
use crate::domain::thread::Threaded;
use crate::domain::time::UnixTime;

/// A comment as readers see it: never the email, IP or user agent.
#[derive(Debug, Clone)]
pub struct PublicComment {
    pub id: CommentId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub author_website: String,
    pub body_html: SafeHtml,
    pub created_at: UnixTime,
    /// Written by one of the site's admins.
    pub by_admin: bool,
    /// Only ever true on the author's own view of their comment.
    pub awaiting_moderation: bool,
}

impl Threaded for PublicComment {
    fn id(&self) -> CommentId {
        self.id
    }
    fn parent_id(&self) -> Option<CommentId> {
        self.parent_id
    }
}

/// The comments a post's page shows: the approved ones, then the reader's
/// own that wait for a moderator (held or filtered as spam alike: the author
/// is told the same either way): the one their signed `?mine=` link names
/// (that id with that random value, so never another comment that got the id
/// later), and those from the address their browser remembers (see
/// `domain::remember`). Each group oldest first.
pub async fn shown_on_post(
    pool: &SqlitePool,
    post_id: PostId,
    mine: Option<&RowKey<CommentId>>,
    email: Option<&str>,
) -> sqlx::Result<Vec<PublicComment>> {
    let (approved, pending, spam) = (Status::Approved, Status::Pending, Status::Spam);
    let comment_id = mine.map(|key| key.id);
    let link_nonce = mine.map(|key| key.nonce.as_str());
    sqlx::query_as!(
        PublicComment,
        r#"SELECT id AS "id!: CommentId", parent_id AS "parent_id: CommentId", author_name,
                  author_website, body_html AS "body_html: SafeHtml",
                  created_at AS "created_at: UnixTime", admin_id IS NOT NULL AS "by_admin!: bool",
                  status <> ?7 AS "awaiting_moderation!: bool"
           FROM comments
           WHERE post_id = ?3
             AND (status = ?7
                  OR (status IN (?4, ?5)
                      AND ((id = ?1 AND link_nonce = ?6) OR author_email = ?2 COLLATE NOCASE)))
           ORDER BY status <> ?7, created_at, id"#,
        comment_id,
        email,
        post_id,
        pending,
        spam,
        link_nonce,
        approved
    )
    .fetch_all(pool)
    .await
}

/// Up to `limit` comments older than `before` whose full IP address is still kept, oldest first.
pub async fn with_full_ip_before(
    pool: &SqlitePool,
    before: UnixTime,
    limit: i64,
) -> sqlx::Result<Vec<(CommentId, String)>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: CommentId", ip FROM comments
           WHERE ip <> '' AND instr(ip, '/') = 0 AND created_at < ?
           ORDER BY created_at
           LIMIT ?"#,
        before,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.ip)).collect())
}

/// Replaces the stored IP addresses of the given comments, in one transaction.
pub async fn replace_ips(pool: &SqlitePool, ips: &[(CommentId, String)]) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for (id, ip) in ips {
        sqlx::query!("UPDATE comments SET ip = ? WHERE id = ?", ip, id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Deletes at most `limit` of the comments filed as spam before `before`,
/// oldest first, in one transaction; returns how many. (Each deleted row also
/// leaves the search index and is zeroed on disk, so deleting them all at once
/// held SQLite's write lock for seconds on a large site.)
pub async fn purge_spam_before(
    pool: &SqlitePool,
    before: UnixTime,
    limit: i64,
) -> sqlx::Result<u64> {
    let spam = Status::Spam;
    let result = sqlx::query!(
        "DELETE FROM comments WHERE id IN
           (SELECT id FROM comments WHERE status = ? AND created_at < ?
            ORDER BY created_at, id LIMIT ?)",
        spam,
        before,
        limit
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}
