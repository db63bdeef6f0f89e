//! What `folio export wordpress` reads: every post with its tags, old slugs and comments.

use sqlx::SqlitePool;

use crate::domain::ids::{AdminId, CommentId, MediaId, PostId};
use crate::domain::time::UnixTime;

#[derive(Debug, Clone)]
pub struct ExportPost {
    pub id: PostId,
    /// `post` or `page`, as WordPress names them too.
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub body_html: String,
    pub published: bool,
    pub comments_open: bool,
    pub created_at: UnixTime,
    pub published_at: Option<UnixTime>,
    /// When a scheduled post goes public.
    pub publish_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    /// A page's place in the site navigation (`None`: not in it).
    pub nav_position: Option<i64>,
    /// Its author's login name, if it has one.
    pub author: Option<String>,
    /// In the trash since then; `slug` is then the one it had (and wants back).
    pub trashed_at: Option<UnixTime>,
    /// Its featured image (a library item's id).
    pub featured_media_id: Option<MediaId>,
}

/// A library item as an attachment: the file WordPress's importer fetches is its largest copy.
#[derive(Debug, Clone)]
pub struct ExportMedia {
    pub id: MediaId,
    pub hash: String,
    pub kind: String,
    pub file_name: String,
    pub title: String,
    pub alt: String,
    pub caption: String,
    pub created_at: UnixTime,
    /// The file of its largest copy (the PDF itself for a PDF).
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct ExportComment {
    pub id: CommentId,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub author_email: String,
    pub author_website: String,
    pub ip: String,
    pub body: String,
    pub status: String,
    pub created_at: UnixTime,
    pub admin_id: Option<AdminId>,
}

#[derive(Debug, Clone)]
pub struct ExportAdmin {
    pub id: AdminId,
    pub username: String,
}

pub async fn posts(pool: &SqlitePool) -> sqlx::Result<Vec<ExportPost>> {
    sqlx::query_as!(
        ExportPost,
        r#"SELECT p.id AS "id!: PostId", p.kind, COALESCE(p.trashed_slug, p.slug) AS "slug!: String",
                  p.title, p.body_html,
                  COALESCE(p.trashed_status, p.status) = 'published' AS "published!: bool",
                  p.comments_open AS "comments_open: bool",
                  p.created_at AS "created_at: UnixTime", p.published_at AS "published_at: UnixTime",
                  p.publish_at AS "publish_at: UnixTime", p.updated_at AS "updated_at: UnixTime",
                  p.nav_position, a.username AS "author?: String",
                  p.trashed_at AS "trashed_at: UnixTime",
                  p.featured_media_id AS "featured_media_id: MediaId"
           FROM posts p LEFT JOIN admins a ON a.id = p.author_id ORDER BY p.id"#
    )
    .fetch_all(pool)
    .await
}

/// Every item of the media library, oldest first.
pub async fn media(pool: &SqlitePool) -> sqlx::Result<Vec<ExportMedia>> {
    sqlx::query_as!(
        ExportMedia,
        r#"SELECT i.id AS "id!: MediaId", i.hash, i.kind, i.file_name, i.title, i.alt, i.caption,
                  i.created_at AS "created_at: UnixTime",
                  (SELECT v.file FROM media_variants v WHERE v.item_id = i.id
                   ORDER BY v.width DESC, v.id LIMIT 1) AS "file!: String"
           FROM media_items i
           WHERE EXISTS (SELECT 1 FROM media_variants v WHERE v.item_id = i.id)
           ORDER BY i.id"#
    )
    .fetch_all(pool)
    .await
}

/// Every tag some post has, by slug.
pub async fn tags(pool: &SqlitePool) -> sqlx::Result<Vec<crate::domain::post::Tag>> {
    sqlx::query_as!(
        crate::domain::post::Tag,
        "SELECT name, slug FROM tags ORDER BY slug"
    )
    .fetch_all(pool)
    .await
}

pub async fn old_slugs(pool: &SqlitePool, post_id: PostId) -> sqlx::Result<Vec<String>> {
    let rows = sqlx::query!(
        "SELECT old_slug FROM post_slug_history WHERE post_id = ? ORDER BY changed_at",
        post_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.old_slug).collect())
}

/// A post's comments, oldest first, every status.
pub async fn comments(pool: &SqlitePool, post_id: PostId) -> sqlx::Result<Vec<ExportComment>> {
    sqlx::query_as!(
        ExportComment,
        r#"SELECT id AS "id!: CommentId", parent_id AS "parent_id: CommentId", author_name,
                  author_email, author_website, ip, body, status, created_at AS "created_at: UnixTime",
                  admin_id AS "admin_id: AdminId"
           FROM comments WHERE post_id = ? ORDER BY created_at, id"#,
        post_id
    )
    .fetch_all(pool)
    .await
}

pub async fn admins(pool: &SqlitePool) -> sqlx::Result<Vec<ExportAdmin>> {
    sqlx::query_as!(
        ExportAdmin,
        r#"SELECT id AS "id!: AdminId", username FROM admins ORDER BY id"#
    )
    .fetch_all(pool)
    .await
}
