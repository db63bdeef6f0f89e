//! Scheduled posts: a scheduled post is a draft with a `publish_at` time (see
//! the migration `scheduled_posts_and_trash`); publishing it is the one write
//! that makes it public, so "what is public now" stays `status = 'published'`.

use sqlx::SqlitePool;

use crate::domain::time::UnixTime;

/// Makes every scheduled post whose time is not after `now` published, dated
/// at its scheduled time (its place among the posts is where the author put
/// it, even when Folio was stopped then); how many.
pub async fn publish_due(pool: &SqlitePool, now: UnixTime) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "UPDATE posts SET status = 'published', published_at = publish_at, publish_at = NULL
         WHERE publish_at IS NOT NULL AND publish_at <= ? AND status = 'draft'
           AND trashed_at IS NULL",
        now
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// The earliest time a scheduled post is due, if any is.
pub async fn next_due(pool: &SqlitePool) -> sqlx::Result<Option<UnixTime>> {
    let row = sqlx::query!(
        r#"SELECT MIN(publish_at) AS "at: UnixTime" FROM posts
           WHERE publish_at IS NOT NULL AND status = 'draft' AND trashed_at IS NULL"#
    )
    .fetch_one(pool)
    .await?;
    Ok(row.at)
}
