//! Revisions: a copy of a post as each save left it, the last `KEEP` per post.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::ids::{AdminId, PostId, RevisionId};
use crate::domain::time::UnixTime;

/// How many revisions of one post are kept.
pub const KEEP: i64 = 20;

/// Copies the post as it now stands (with its tags) into its history, unless
/// that revision is kept already, and forgets revisions beyond the last `KEEP`.
/// Call it in the saving transaction (before a change too, for a post written
/// without one, such as the welcome post).
pub async fn keep(
    conn: &mut SqliteConnection,
    post_id: PostId,
    admin_id: Option<AdminId>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT OR IGNORE INTO revisions (post_id, revision, title, slug, body_markdown, tags, status,
                                  comments_open, admin_id, saved_at)
           SELECT p.id, p.revision, p.title, p.slug, p.body_markdown,
                  COALESCE((SELECT group_concat(t.name, ', ' ORDER BY pt.position)
                              FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                             WHERE pt.post_id = p.id), ''),
                  p.status, p.comments_open, ?, p.updated_at
           FROM posts p WHERE p.id = ?"#,
        admin_id,
        post_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "DELETE FROM revisions
         WHERE post_id = ?1 AND revision <= (SELECT revision FROM posts WHERE id = ?1) - ?2",
        post_id,
        KEEP
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A revision as the editor lists it.
#[derive(Debug, Clone)]
pub struct RevisionRow {
    pub id: RevisionId,
    pub revision: i64,
    pub title: String,
    pub body_chars: i64,
    pub saved_at: UnixTime,
    pub saved_by: Option<String>,
}

/// A post's kept revisions, newest first.
pub async fn for_post(pool: &SqlitePool, post_id: PostId) -> sqlx::Result<Vec<RevisionRow>> {
    sqlx::query_as!(
        RevisionRow,
        r#"SELECT r.id AS "id!: RevisionId", r.revision, r.title,
                  length(r.body_markdown) AS "body_chars!: i64", r.saved_at AS "saved_at: UnixTime",
                  a.username AS "saved_by?: String"
           FROM revisions r LEFT JOIN admins a ON a.id = r.admin_id
           WHERE r.post_id = ?
           ORDER BY r.revision DESC"#,
        post_id
    )
    .fetch_all(pool)
    .await
}

/// One revision's content, as the editor can restore it.
#[derive(Debug, Clone)]
pub struct Revision {
    pub revision: i64,
    pub title: String,
    pub body_markdown: String,
    pub tags: String,
    pub saved_at: UnixTime,
}

pub async fn find(
    pool: &SqlitePool,
    post_id: PostId,
    id: RevisionId,
) -> sqlx::Result<Option<Revision>> {
    sqlx::query_as!(
        Revision,
        r#"SELECT revision, title, body_markdown, tags, saved_at AS "saved_at: UnixTime"
           FROM revisions WHERE post_id = ? AND id = ?"#,
        post_id,
        id
    )
    .fetch_optional(pool)
    .await
}
