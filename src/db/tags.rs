//! Tags on posts: stored with the post in its transaction, listed on the post
//! page, and each with a page of its published posts.

use sqlx::{SqliteConnection, SqlitePool};

use super::SitemapEntry;
use crate::domain::ids::{PostId, TagId};
use crate::domain::post::{MAX_TAG_CHARS, Tag};
use crate::domain::slug::{Spelling, slugify};
use crate::domain::time::UnixTime;

/// Replaces the post's tags with `tags`, in their order; tags no post has any
/// more are removed.
pub async fn set_for_post(
    conn: &mut SqliteConnection,
    post_id: PostId,
    tags: &[Tag],
) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM post_tags WHERE post_id = ?", post_id)
        .execute(&mut *conn)
        .await?;
    for (position, tag) in (0_i64..).zip(tags) {
        // A tag made before the site spelt slugs its language's way
        // (`offnungszeiten`, now `oeffnungszeiten`) keeps its slug, so its address stays.
        let plain = slugify(&tag.name, MAX_TAG_CHARS * 2, Spelling::Plain);
        let older = if plain == tag.slug {
            None
        } else {
            sqlx::query_scalar!("SELECT slug FROM tags WHERE slug = ?", plain)
                .fetch_optional(&mut *conn)
                .await?
        };
        let slug = older.as_deref().unwrap_or(&tag.slug);
        // The name is kept as last typed ("flu season" may become "Flu season").
        let tag_id = sqlx::query_scalar!(
            r#"INSERT INTO tags (slug, name) VALUES (?, ?)
               ON CONFLICT (slug) DO UPDATE SET name = excluded.name
               RETURNING id AS "id!: TagId""#,
            slug,
            tag.name
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "INSERT INTO post_tags (post_id, tag_id, position) VALUES (?, ?, ?)",
            post_id,
            tag_id,
            position
        )
        .execute(&mut *conn)
        .await?;
    }
    delete_unused(conn).await
}

/// Removes the tags that no post has.
pub async fn delete_unused(conn: &mut SqliteConnection) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM post_tags WHERE tag_id = tags.id)"
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The post's tags in the order the author gave them.
pub async fn for_post(pool: &SqlitePool, post_id: PostId) -> sqlx::Result<Vec<Tag>> {
    sqlx::query_as!(
        Tag,
        "SELECT t.name, t.slug FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
         WHERE pt.post_id = ? ORDER BY pt.position",
        post_id
    )
    .fetch_all(pool)
    .await
}

/// A tag with published posts, as its page needs it.
#[derive(Debug, Clone)]
pub struct PublishedTag {
    pub id: TagId,
    pub name: String,
    /// How many published posts have it.
    pub posts: i64,
}

/// The tag with this slug, if at least one published post has it.
pub async fn published_by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> sqlx::Result<Option<PublishedTag>> {
    sqlx::query_as!(
        PublishedTag,
        r#"SELECT t.id AS "id!: TagId", t.name, COUNT(*) AS "posts!: i64"
           FROM tags t JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
           WHERE t.slug = ? AND p.status = 'published'
           GROUP BY t.id"#,
        slug
    )
    .fetch_optional(pool)
    .await
}

/// Tags that published posts have, by slug: `limit` of them after the first `offset`.
pub async fn published_for_sitemap(
    pool: &SqlitePool,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<SitemapEntry>> {
    sqlx::query_as!(
        SitemapEntry,
        r#"SELECT t.slug AS "slug!", MAX(max(p.updated_at, p.published_at)) AS "updated_at!: UnixTime"
           FROM tags t JOIN post_tags pt ON pt.tag_id = t.id JOIN posts p ON p.id = pt.post_id
           WHERE p.status = 'published'
           GROUP BY t.id
           ORDER BY t.slug
           LIMIT ? OFFSET ?"#,
        limit,
        offset
    )
    .fetch_all(pool)
    .await
}

/// How many tags published posts have.
pub async fn count_published(pool: &SqlitePool) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(DISTINCT pt.tag_id) AS "n!: i64"
           FROM post_tags pt JOIN posts p ON p.id = pt.post_id
           WHERE p.status = 'published'"#
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}
