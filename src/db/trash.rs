//! The trash: posts and pages deleted in the editor, off the site until they
//! are restored or deleted for good (see the migration `scheduled_posts_and_trash`).
//! A post in the trash is a draft under a placeholder slug; its comments, tags,
//! old slugs and imported old addresses stay where they are.

use sqlx::SqlitePool;

use crate::domain::ids::PostId;
use crate::domain::post::Kind;
use crate::domain::slug::{Slug, Spelling};
use crate::domain::time::UnixTime;
use crate::domain::trash::{self, Restored};

/// A post or page in the trash, as the trash lists it.
#[derive(Debug, Clone)]
pub struct TrashedPost {
    pub id: PostId,
    pub kind: Kind,
    pub title: String,
    /// The slug it had, and wants back.
    pub slug: String,
    pub comment_count: i64,
    pub trashed_at: UnixTime,
}

/// Everything in the trash, most recently trashed first.
pub async fn list(pool: &SqlitePool) -> sqlx::Result<Vec<TrashedPost>> {
    in_trash(pool, None).await
}

/// The post or page with this id, if it is in the trash.
pub async fn find(pool: &SqlitePool, id: PostId) -> sqlx::Result<Option<TrashedPost>> {
    Ok(in_trash(pool, Some(id)).await?.pop())
}

/// What is in the trash (only the post `only`, when given), most recently
/// trashed first; read through the trash's own index.
async fn in_trash(pool: &SqlitePool, only: Option<PostId>) -> sqlx::Result<Vec<TrashedPost>> {
    sqlx::query_as!(
        TrashedPost,
        r#"SELECT p.id AS "id!: PostId", p.kind AS "kind: Kind", p.title,
                  p.trashed_slug AS "slug!: String",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64",
                  p.trashed_at AS "trashed_at!: UnixTime"
           FROM posts p
           WHERE p.trashed_at IS NOT NULL AND (?1 IS NULL OR p.id = ?1)
           ORDER BY p.trashed_at DESC, p.id DESC"#,
        only
    )
    .fetch_all(pool)
    .await
}

/// Moves a post or page to the trash: off the site at once, its slug free
/// for others; `false` when it does not exist or is in the trash already.
/// (The editor's delete on the pool; an import in its transaction.)
pub async fn move_to_trash<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    id: PostId,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let placeholder = trash::placeholder_slug(id);
    let moved = sqlx::query!(
        "UPDATE posts SET trashed_at = ?, trashed_status = status, trashed_slug = slug,
                          slug = ?, status = 'draft'
         WHERE id = ? AND trashed_at IS NULL",
        now,
        placeholder,
        id
    )
    .execute(db)
    .await?;
    Ok(moved.rows_affected() > 0)
}

/// Brings a post or page back from the trash with its status and slug, or a
/// free slug made from it when another post took that meanwhile (its old slug
/// then joins its old addresses). `None` when it is not in the trash.
pub async fn restore(
    pool: &SqlitePool,
    id: PostId,
    now: UnixTime,
) -> sqlx::Result<Option<Restored>> {
    let mut tx = super::begin_write(pool).await?;
    let Some(row) = sqlx::query!(
        r#"SELECT kind AS "kind: Kind", title, trashed_slug AS "slug!: String",
                  publish_at AS "publish_at: UnixTime",
                  trashed_at AS "trashed_at!: UnixTime"
           FROM posts WHERE id = ? AND trashed_at IS NOT NULL"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let kind = row.kind;
    // A slug stored before is valid; should it not be, one is made from it.
    let wanted =
        Slug::parse(&row.slug).unwrap_or_else(|_| Slug::from_title(&row.slug, Spelling::Plain));
    let slug = super::posts::write::free_slug_like(&mut tx, &wanted, id, kind).await?;
    if slug != row.slug {
        // It had the slug until it was trashed: as an old address it leads
        // here only once no later owner of it is left.
        super::posts::write::record_slug_change(&mut tx, id, &row.slug, row.trashed_at).await?;
    }
    let publish_at = trash::schedule_kept(row.publish_at, now);
    sqlx::query!(
        "UPDATE posts SET slug = ?, status = trashed_status, publish_at = ?,
                          trashed_at = NULL, trashed_status = NULL, trashed_slug = NULL
         WHERE id = ?",
        slug,
        publish_at,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Restored {
        title: row.title,
        slug_taken: (slug != row.slug).then_some(row.slug),
        slug,
        schedule_dropped: row.publish_at.is_some() && publish_at.is_none(),
    }))
}

/// Deletes a post or page in the trash for good, with its comments; `false`
/// when it is not in the trash.
pub async fn delete_for_good(pool: &SqlitePool, id: PostId) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let deleted = sqlx::query!(
        "DELETE FROM posts WHERE id = ? AND trashed_at IS NOT NULL",
        id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    super::tags::delete_unused(&mut tx).await?;
    tx.commit().await?;
    Ok(deleted > 0)
}

/// Deletes for good what was moved to the trash before `before`; how many.
pub async fn purge(pool: &SqlitePool, before: UnixTime) -> sqlx::Result<u64> {
    let mut tx = super::begin_write(pool).await?;
    let deleted = sqlx::query!(
        "DELETE FROM posts WHERE trashed_at IS NOT NULL AND trashed_at < ?",
        before
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted > 0 {
        super::tags::delete_unused(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(deleted)
}
