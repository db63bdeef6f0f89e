use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::SafeHtml;
use crate::domain::comment::NewComment;
use crate::domain::thread::Threaded;

/// A comment as readers see it: never the email, IP or user agent.
#[derive(Debug, Clone)]
pub struct PublicComment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_name: String,
    pub author_website: String,
    pub body_html: SafeHtml,
    pub created_at: i64,
    /// Written by one of the site's admins.
    pub by_admin: bool,
    /// Only ever true on the author's own view of their comment.
    pub awaiting_moderation: bool,
}

impl Threaded for PublicComment {
    fn id(&self) -> i64 {
        self.id
    }
    fn parent_id(&self) -> Option<i64> {
        self.parent_id
    }
}

/// Where a comment came from, kept for moderation.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: String,
    pub user_agent: String,
}

pub async fn approved_for_post(
    pool: &SqlitePool,
    post_id: i64,
) -> sqlx::Result<Vec<PublicComment>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: i64", parent_id, author_name, author_website, body_html, created_at,
                  admin_id IS NOT NULL AS "by_admin!: bool"
           FROM comments
           WHERE post_id = ? AND status = 'approved'
           ORDER BY created_at, id"#,
        post_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PublicComment {
            id: r.id,
            parent_id: r.parent_id,
            author_name: r.author_name,
            author_website: r.author_website,
            body_html: SafeHtml::from_stored(r.body_html),
            created_at: r.created_at,
            by_admin: r.by_admin,
            awaiting_moderation: false,
        })
        .collect())
}

/// The author's own comment on this post while it waits for a moderator
/// (held or filtered as spam alike: the author is told the same either way).
pub async fn awaiting_moderation(
    pool: &SqlitePool,
    post_id: i64,
    comment_id: i64,
) -> sqlx::Result<Option<PublicComment>> {
    let row = sqlx::query!(
        r#"SELECT id AS "id!: i64", parent_id, author_name, author_website, body_html, created_at,
                  admin_id IS NOT NULL AS "by_admin!: bool"
           FROM comments
           WHERE id = ? AND post_id = ? AND status IN ('pending', 'spam')"#,
        comment_id,
        post_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| PublicComment {
        id: r.id,
        parent_id: r.parent_id,
        author_name: r.author_name,
        author_website: r.author_website,
        body_html: SafeHtml::from_stored(r.body_html),
        created_at: r.created_at,
        by_admin: r.by_admin,
        awaiting_moderation: true,
    }))
}

/// What the intake rules need to know from earlier comments.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntakeHistory {
    /// An approved comment with the same email (any case) and name exists.
    pub known_author: bool,
    /// Comments stored from this IP since the rate window began, counted up to the limit.
    pub recent_from_ip: i64,
    /// The same body on this post from the same email or IP since the duplicate window began.
    pub duplicate: bool,
}

/// Whether `parent_id` is an approved comment of this post (the only kind a reply may answer).
pub async fn parent_is_approved(
    conn: &mut SqliteConnection,
    post_id: i64,
    parent_id: i64,
) -> sqlx::Result<bool> {
    let parent = sqlx::query!(
        "SELECT id FROM comments WHERE id = ? AND post_id = ? AND status = 'approved'",
        parent_id,
        post_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(parent.is_some())
}

/// The author's and the IP's history, read with indexed, bounded look-ups only
/// (an author's own comments, one IP's recent comments), never a scan of all comments.
pub async fn intake_history(
    conn: &mut SqliteConnection,
    post_id: i64,
    comment: &NewComment,
    ip: &str,
    rate_window_start: i64,
    rate_limit: u32,
    duplicate_window_start: i64,
) -> sqlx::Result<IntakeHistory> {
    let email = comment.email.as_ref();
    let name = comment.name.as_ref();
    let body = comment.body.as_ref();
    let prefix: String = body.chars().take(64).collect();
    // Counting stops at the limit; no limit (or no address) means nothing to count.
    let count_up_to = if ip.is_empty() {
        0
    } else {
        i64::from(rate_limit)
    };
    // One round trip for all three look-ups, each bounded by an index: the
    // author's comments by email; this address's comments in the rate window (at
    // most `count_up_to` of them); and the same text on the same post, found
    // through the post-and-text index (the unary `+` keeps SQLite from trading
    // it for the per-IP or per-email index, which one busy address would make a
    // long scan), then from the same email or IP within the duplicate window.
    let row = sqlx::query!(
        r#"SELECT
               EXISTS (
                   SELECT 1 FROM comments
                   WHERE author_email = ?1 COLLATE NOCASE AND author_name = ?2 AND status = 'approved'
               ) AS "known_author!: bool",
               (SELECT COUNT(*) FROM (
                   SELECT 1 FROM comments WHERE ip = ?3 AND created_at > ?4 LIMIT ?5
               )) AS "recent_from_ip!: i64",
               EXISTS (
                   SELECT 1 FROM comments INDEXED BY comments_by_post_text
                   WHERE post_id = ?6 AND substr(body, 1, 64) = ?7 AND +body = ?8
                     AND +created_at > ?9
                     AND (+author_email = ?1 COLLATE NOCASE OR (+ip = ?3 AND ip <> ''))
               ) AS "duplicate!: bool""#,
        email,
        name,
        ip,
        rate_window_start,
        count_up_to,
        post_id,
        prefix,
        body,
        duplicate_window_start
    )
    .fetch_one(&mut *conn)
    .await?;
    let (known_author, recent_from_ip, duplicate) =
        (row.known_author, row.recent_from_ip, row.duplicate);
    Ok(IntakeHistory {
        known_author,
        recent_from_ip,
        duplicate,
    })
}

/// A comment as the intake rules decided to keep it, owned so that it can be
/// handed to the comment writer (see `db::comment_writer`).
#[derive(Debug, Clone)]
pub struct Intake {
    pub post_id: i64,
    pub comment: NewComment,
    pub body_html: SafeHtml,
    pub origin: Origin,
    /// `approved`, `pending` or `spam`.
    pub status: &'static str,
    /// Why it was held or filed as spam; for the moderation queue only.
    pub status_reason: String,
    pub created_at: i64,
}

/// Up to `limit` comments older than `before` whose full IP address is still kept, oldest first.
pub async fn with_full_ip_before(
    pool: &SqlitePool,
    before: i64,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: i64", ip FROM comments
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
pub async fn replace_ips(pool: &SqlitePool, ips: &[(i64, String)]) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for (id, ip) in ips {
        sqlx::query!("UPDATE comments SET ip = ? WHERE id = ?", ip, id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Deletes comments filed as spam before `before`; returns how many.
pub async fn purge_spam_before(pool: &SqlitePool, before: i64) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "DELETE FROM comments WHERE status = 'spam' AND created_at < ?",
        before
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}

/// What must still hold when a judged comment is stored: the history was read
/// without the write lock, so a burst of simultaneous posts is checked again,
/// in the insert itself.
#[derive(Debug, Clone, Copy)]
pub struct IntakeGuard {
    pub rate_window_start: i64,
    /// Comments per IP in the rate window; 0 = no limit.
    pub rate_limit: u32,
    /// Whether a duplicate would have changed the verdict.
    pub check_duplicate: bool,
    pub duplicate_window_start: i64,
}

/// Stores the comment in one statement if its parent is still approved and,
/// meanwhile, neither the IP's rate limit was reached nor the same comment
/// stored. `None` when a guard stopped it. Runs inside the comment writer's
/// transaction, so every guard also sees the comments stored before it there.
pub async fn insert_guarded(
    conn: &mut SqliteConnection,
    intake: &Intake,
    guard: &IntakeGuard,
) -> sqlx::Result<Option<i64>> {
    let comment = &intake.comment;
    let name = comment.name.as_ref();
    let email = comment.email.as_ref();
    let website = comment.website.as_ref().map_or("", AsRef::as_ref);
    let body = comment.body.as_ref();
    let prefix: String = body.chars().take(64).collect();
    let html = intake.body_html.as_str();
    let ip = intake.origin.ip.as_str();
    let (count_up_to, below) = match guard.rate_limit {
        0 => (0, 1),
        limit => (i64::from(limit), i64::from(limit)),
    };
    let result = sqlx::query!(
        r#"INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website,
                                 body, body_html, status, status_reason, ip, user_agent, created_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
           WHERE (?2 IS NULL OR EXISTS (
                     SELECT 1 FROM comments WHERE id = ?2 AND post_id = ?1 AND status = 'approved'))
             AND (SELECT COUNT(*) FROM (
                     SELECT 1 FROM comments WHERE ip = ?10 AND created_at > ?13 LIMIT ?14)) < ?15
             AND (NOT ?16 OR NOT EXISTS (
                     SELECT 1 FROM comments INDEXED BY comments_by_post_text
                     WHERE post_id = ?1 AND substr(body, 1, 64) = ?17 AND +body = ?6
                       AND +created_at > ?18
                       AND (+author_email = ?4 COLLATE NOCASE OR (+ip = ?10 AND ip <> ''))))"#,
        intake.post_id,
        comment.parent_id,
        name,
        email,
        website,
        body,
        html,
        intake.status,
        intake.status_reason,
        ip,
        intake.origin.user_agent,
        intake.created_at,
        guard.rate_window_start,
        count_up_to,
        below,
        guard.check_duplicate,
        prefix,
        guard.duplicate_window_start
    )
    .execute(conn)
    .await?;
    Ok((result.rows_affected() == 1).then(|| result.last_insert_rowid()))
}
