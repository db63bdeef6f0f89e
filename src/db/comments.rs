use sqlx::SqlitePool;

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

/// What happened to a submitted comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    Stored {
        id: i64,
    },
    /// The `parent_id` is not an approved comment of the same post; nothing was stored.
    ParentNotFound,
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

/// Stores a reader's comment as pending, after checking in the same
/// transaction that the comment it replies to is approved and on this post.
pub async fn submit_pending(
    pool: &SqlitePool,
    post_id: i64,
    comment: &NewComment,
    body_html: &SafeHtml,
    origin: &Origin,
    now: i64,
) -> sqlx::Result<Submitted> {
    let mut tx = super::begin_write(pool).await?;
    if let Some(parent_id) = comment.parent_id {
        let parent = sqlx::query!(
            "SELECT id FROM comments WHERE id = ? AND post_id = ? AND status = 'approved'",
            parent_id,
            post_id
        )
        .fetch_optional(&mut *tx)
        .await?;
        if parent.is_none() {
            return Ok(Submitted::ParentNotFound);
        }
    }
    let name = comment.name.as_ref();
    let email = comment.email.as_ref();
    let website = comment.website.as_ref().map_or("", AsRef::as_ref);
    let body = comment.body.as_ref();
    let html = body_html.as_str();
    let id = sqlx::query!(
        "INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website,
                               body, body_html, status, ip, user_agent, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
        post_id,
        comment.parent_id,
        name,
        email,
        website,
        body,
        html,
        origin.ip,
        origin.user_agent,
        now
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    tx.commit().await?;
    Ok(Submitted::Stored { id })
}
