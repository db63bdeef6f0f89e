//! Reading posts and pages: the home and tag lists, a post's page, feeds and
//! the sitemap, old slugs, the site navigation, and the admin's list, preview
//! and editor.

use sqlx::SqlitePool;

use crate::db::SitemapEntry;
use crate::domain::SafeHtml;
use crate::domain::ids::{AdminId, PostId, TagId};
use crate::domain::moderation::Status;
use crate::domain::post::Kind;
use crate::domain::time::UnixTime;

/// A published post as the home page lists it.
#[derive(Debug, Clone)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    /// For the reading time.
    pub body_markdown: String,
    pub excerpt_html: SafeHtml,
    pub published_at: UnixTime,
    pub approved_comments: i64,
}

/// A published post as its own page shows it.
#[derive(Debug, Clone)]
pub struct PublishedPost {
    pub id: PostId,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    /// For the reading time.
    pub body_markdown: String,
    pub body_html: SafeHtml,
    /// What the home page shows, and the page's description.
    pub excerpt_html: SafeHtml,
    pub comments_open: bool,
    pub created_at: UnixTime,
    pub published_at: UnixTime,
    pub updated_at: UnixTime,
}

/// A published post as feeds and the sitemap need it.
#[derive(Debug, Clone)]
pub struct FeedPost {
    pub id: PostId,
    pub slug: String,
    pub title: String,
    pub body_html: SafeHtml,
    pub created_at: UnixTime,
    pub published_at: UnixTime,
    /// Never earlier than `published_at`.
    pub updated_at: UnixTime,
}

/// One page of the published posts, newest first: all of them, or those with the tag.
pub async fn published_page(
    pool: &SqlitePool,
    tag_id: Option<TagId>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<PostSummary>> {
    let approved = Status::Approved;
    sqlx::query_as!(
        PostSummary,
        r#"SELECT p.slug, p.title, p.body_markdown, p.excerpt_html AS "excerpt_html: SafeHtml",
                  p.published_at AS "published_at!: UnixTime",
                  (SELECT COUNT(*) FROM comments c
                    WHERE c.post_id = p.id AND c.status = ?4) AS "approved_comments!: i64"
           FROM posts p
           WHERE p.status = 'published' AND p.kind = 'post'
             AND (?1 IS NULL OR EXISTS (
                     SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = ?1))
           ORDER BY p.published_at DESC, p.id DESC
           LIMIT ?2 OFFSET ?3"#,
        tag_id,
        limit,
        offset,
        approved
    )
    .fetch_all(pool)
    .await
}

pub async fn count_published(pool: &SqlitePool) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM posts WHERE status = 'published' AND kind = 'post'"#
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

pub async fn published_by_slug(
    pool: &SqlitePool,
    slug: &str,
) -> sqlx::Result<Option<PublishedPost>> {
    sqlx::query_as!(
        PublishedPost,
        r#"SELECT id AS "id!: PostId", kind AS "kind: Kind", slug, title, body_markdown,
                  body_html AS "body_html: SafeHtml", excerpt_html AS "excerpt_html: SafeHtml",
                  comments_open AS "comments_open: bool", created_at AS "created_at: UnixTime",
                  published_at AS "published_at!: UnixTime", updated_at AS "updated_at: UnixTime"
           FROM posts WHERE slug = ? AND status = 'published'"#,
        slug
    )
    .fetch_optional(pool)
    .await
}

/// The newest published posts, newest first, with their full HTML.
pub async fn latest_for_feed(
    pool: &SqlitePool,
    tag_id: Option<TagId>,
    limit: i64,
) -> sqlx::Result<Vec<FeedPost>> {
    sqlx::query_as!(
        FeedPost,
        r#"SELECT p.id AS "id!: PostId", p.slug, p.title, p.body_html AS "body_html: SafeHtml",
                  p.created_at AS "created_at: UnixTime", p.published_at AS "published_at!: UnixTime",
                  max(p.updated_at, p.published_at) AS "updated_at!: UnixTime"
           FROM posts p
           WHERE p.status = 'published' AND p.kind = 'post'
             AND (?1 IS NULL OR EXISTS (
                     SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id AND pt.tag_id = ?1))
           ORDER BY p.published_at DESC, p.id DESC
           LIMIT ?2"#,
        tag_id,
        limit
    )
    .fetch_all(pool)
    .await
}

/// How many posts (or pages) are published.
pub async fn count_published_of(pool: &SqlitePool, kind: Kind) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM posts WHERE status = 'published' AND kind = ?"#,
        kind
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

/// Published posts' (or pages') slugs and last changes, newest first: `limit`
/// of them after the first `offset`.
pub async fn published_for_sitemap(
    pool: &SqlitePool,
    kind: Kind,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<SitemapEntry>> {
    sqlx::query_as!(
        SitemapEntry,
        r#"SELECT slug, max(updated_at, published_at) AS "updated_at!: UnixTime"
           FROM posts
           WHERE status = 'published' AND kind = ?
           ORDER BY published_at DESC, id DESC
           LIMIT ? OFFSET ?"#,
        kind,
        limit,
        offset
    )
    .fetch_all(pool)
    .await
}

/// When a published post last changed, if any is published.
pub async fn latest_change(pool: &SqlitePool) -> sqlx::Result<Option<UnixTime>> {
    let row = sqlx::query!(
        r#"SELECT MAX(max(updated_at, published_at)) AS "latest: UnixTime"
           FROM posts WHERE status = 'published' AND kind = 'post'"#
    )
    .fetch_one(pool)
    .await?;
    Ok(row.latest)
}

/// The current slug of the published post (or page) that `old_slug` named last, if any.
pub async fn renamed_to(
    pool: &SqlitePool,
    old_slug: &str,
    kind: Kind,
) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        r#"SELECT p.slug
           FROM post_slug_history h JOIN posts p ON p.id = h.post_id
           WHERE h.old_slug = ? AND p.status = 'published' AND p.kind = ?
           ORDER BY h.changed_at DESC, h.rowid DESC
           LIMIT 1"#,
        old_slug,
        kind
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.slug))
}

/// Any post, draft or published, as its admin preview shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PostPreview {
    pub id: PostId,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    pub body_html: SafeHtml,
    pub published: bool,
    /// When it goes public on its own, if it is scheduled.
    pub publish_at: Option<UnixTime>,
    /// It is in the trash.
    pub trashed: bool,
}

pub async fn preview(pool: &SqlitePool, id: PostId) -> sqlx::Result<Option<PostPreview>> {
    sqlx::query_as!(
        PostPreview,
        r#"SELECT id AS "id!: PostId", kind AS "kind: Kind", slug, title,
                  body_html AS "body_html: SafeHtml", status = 'published' AS "published!: bool",
                  CASE WHEN trashed_at IS NULL THEN publish_at END AS "publish_at: UnixTime",
                  trashed_at IS NOT NULL AS "trashed!: bool"
           FROM posts WHERE id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// A post in the admin's list, with its comments counted per status.
#[derive(Debug, Clone)]
pub struct AdminPostRow {
    pub id: PostId,
    pub title: String,
    pub slug: String,
    pub published: bool,
    pub published_at: Option<UnixTime>,
    /// When it goes public on its own, if it is scheduled.
    pub publish_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    pub approved_comments: i64,
    pub pending_comments: i64,
    pub nav_position: Option<i64>,
    pub author_id: Option<AdminId>,
    /// The author's login name.
    pub author: Option<String>,
    /// When its author sent it for review, while it waits.
    pub submitted_at: Option<UnixTime>,
}

/// One page of the posts (or pages) in the admin's list, out of the trash:
/// drafts first, then the newest; with `only_by`, only that account's. The
/// page's ids are chosen before anything is counted for them.
pub async fn admin_list(
    pool: &SqlitePool,
    kind: Kind,
    only_by: Option<AdminId>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AdminPostRow>> {
    let (approved, pending) = (Status::Approved, Status::Pending);
    sqlx::query_as!(
        AdminPostRow,
        r#"SELECT p.id AS "id!: PostId", p.title, p.slug, p.status = 'published' AS "published!: bool",
                  p.published_at AS "published_at: UnixTime", p.publish_at AS "publish_at: UnixTime",
                  p.updated_at AS "updated_at: UnixTime", p.nav_position, p.author_id AS "author_id: AdminId", a.username AS "author?: String",
                  p.submitted_at AS "submitted_at: UnixTime",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = ?2) AS "approved_comments!: i64",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = ?3) AS "pending_comments!: i64"
           FROM (SELECT id FROM posts
                 WHERE kind = ?1 AND trashed_at IS NULL AND (?4 IS NULL OR author_id = ?4)
                 ORDER BY status = 'published', COALESCE(publish_at, published_at, updated_at) DESC, id DESC
                 LIMIT ?5 OFFSET ?6) page
                JOIN posts p ON p.id = page.id
                LEFT JOIN admins a ON a.id = p.author_id
           ORDER BY p.status = 'published', COALESCE(p.publish_at, p.published_at, p.updated_at) DESC, p.id DESC"#,
        kind,
        approved,
        pending,
        only_by,
        limit,
        offset
    )
    .fetch_all(pool)
    .await
}

/// How many posts (or pages) the admin's list holds: drafts included, the
/// trash not; with `only_by`, only that account's.
pub async fn count(pool: &SqlitePool, kind: Kind, only_by: Option<AdminId>) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM posts
           WHERE kind = ?1 AND trashed_at IS NULL AND (?2 IS NULL OR author_id = ?2)"#,
        kind,
        only_by
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

/// A post as the editor loads it.
#[derive(Debug, Clone)]
pub struct EditablePost {
    pub id: PostId,
    pub kind: Kind,
    pub title: String,
    pub slug: String,
    pub body_markdown: String,
    pub published: bool,
    /// When it goes public on its own, if it is scheduled.
    pub publish_at: Option<UnixTime>,
    pub comments_open: bool,
    pub comment_count: i64,
    /// The number of its latest save (see `revisions`).
    pub revision: i64,
    pub updated_at: UnixTime,
    pub author_id: Option<AdminId>,
    /// Waiting for review.
    pub submitted: bool,
}

pub async fn editable(pool: &SqlitePool, id: PostId) -> sqlx::Result<Option<EditablePost>> {
    sqlx::query_as!(
        EditablePost,
        r#"SELECT p.id AS "id!: PostId", p.kind AS "kind: Kind", p.title, p.slug, p.body_markdown,
                  p.status = 'published' AS "published!: bool", p.publish_at AS "publish_at: UnixTime",
                  p.comments_open AS "comments_open: bool",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64",
                  p.revision, p.updated_at AS "updated_at: UnixTime", p.author_id AS "author_id: AdminId",
                  p.submitted_at IS NOT NULL AS "submitted!: bool"
           FROM posts p WHERE p.id = ? AND p.trashed_at IS NULL"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// A page in the site navigation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NavLink {
    pub title: String,
    /// A page's slug: its address is `/{slug}`.
    pub slug: String,
}

/// The published pages with a navigation position, in its order.
pub async fn navigation(pool: &SqlitePool) -> sqlx::Result<Vec<NavLink>> {
    let rows = sqlx::query!(
        r#"SELECT slug, title FROM posts
           WHERE kind = 'page' AND status = 'published' AND nav_position IS NOT NULL
           ORDER BY nav_position, title, id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NavLink {
            slug: r.slug,
            title: r.title,
        })
        .collect())
}

/// Every published page, for choosing one (the privacy policy) in the settings.
pub async fn published_pages(pool: &SqlitePool) -> sqlx::Result<Vec<(PostId, NavLink)>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: PostId", slug, title FROM posts
           WHERE kind = 'page' AND status = 'published' ORDER BY title, id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let link = NavLink {
                slug: r.slug,
                title: r.title,
            };
            (r.id, link)
        })
        .collect())
}

/// The published page with this id, as a link; `None` for a draft or a missing page.
pub async fn page_link(pool: &SqlitePool, id: PostId) -> sqlx::Result<Option<NavLink>> {
    let row = sqlx::query!(
        "SELECT slug, title FROM posts WHERE id = ? AND kind = 'page' AND status = 'published'",
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| NavLink {
        slug: r.slug,
        title: r.title,
    }))
}
