use std::collections::HashSet;

use sqlx::{SqliteConnection, SqlitePool};

use super::SitemapEntry;
use crate::domain::SafeHtml;
use crate::domain::moderation::Status;
use crate::domain::page;
use crate::domain::post::Kind;
use crate::domain::post::Tag;
use crate::domain::slug::{self, Slug};

/// A published post as the home page lists it.
#[derive(Debug, Clone)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    /// For the reading time.
    pub body_markdown: String,
    pub excerpt_html: SafeHtml,
    pub published_at: i64,
    pub approved_comments: i64,
}

/// A published post as its own page shows it.
#[derive(Debug, Clone)]
pub struct PublishedPost {
    pub id: i64,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    /// For the reading time and the page description.
    pub body_markdown: String,
    pub body_html: SafeHtml,
    pub comments_open: bool,
    pub created_at: i64,
    pub published_at: i64,
    pub updated_at: i64,
}

/// A published post as feeds and the sitemap need it.
#[derive(Debug, Clone)]
pub struct FeedPost {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body_html: SafeHtml,
    pub created_at: i64,
    pub published_at: i64,
    /// Never earlier than `published_at`.
    pub updated_at: i64,
}

/// A row of `PostSummary` as the queries select it.
struct SummaryRow {
    slug: String,
    title: String,
    body_markdown: String,
    excerpt_html: String,
    published_at: i64,
    approved_comments: i64,
}

impl From<SummaryRow> for PostSummary {
    fn from(r: SummaryRow) -> Self {
        Self {
            slug: r.slug,
            title: r.title,
            body_markdown: r.body_markdown,
            excerpt_html: SafeHtml::from_stored(r.excerpt_html),
            published_at: r.published_at,
            approved_comments: r.approved_comments,
        }
    }
}

/// One page of the published posts, newest first: all of them, or those with the tag.
pub async fn published_page(
    pool: &SqlitePool,
    tag_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<PostSummary>> {
    let approved = Status::Approved;
    let rows = sqlx::query_as!(
        SummaryRow,
        r#"SELECT p.slug, p.title, p.body_markdown, p.excerpt_html,
                  p.published_at AS "published_at!: i64",
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
    .await?;
    Ok(rows.into_iter().map(PostSummary::from).collect())
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
    let row = sqlx::query!(
        r#"SELECT id AS "id!: i64", kind, slug, title, body_markdown, body_html,
                  comments_open AS "comments_open: bool", created_at,
                  published_at AS "published_at!: i64", updated_at
           FROM posts WHERE slug = ? AND status = 'published'"#,
        slug
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| PublishedPost {
        id: r.id,
        kind: Kind::from_stored(&r.kind),
        slug: r.slug,
        title: r.title,
        body_markdown: r.body_markdown,
        body_html: SafeHtml::from_stored(r.body_html),
        comments_open: r.comments_open,
        created_at: r.created_at,
        published_at: r.published_at,
        updated_at: r.updated_at,
    }))
}

/// The newest published posts, newest first, with their full HTML.
pub async fn latest_for_feed(pool: &SqlitePool, limit: i64) -> sqlx::Result<Vec<FeedPost>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: i64", slug, title, body_html, created_at,
                  published_at AS "published_at!: i64",
                  max(updated_at, published_at) AS "updated_at!: i64"
           FROM posts
           WHERE status = 'published' AND kind = 'post'
           ORDER BY published_at DESC, id DESC
           LIMIT ?"#,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FeedPost {
            id: r.id,
            slug: r.slug,
            title: r.title,
            body_html: SafeHtml::from_stored(r.body_html),
            created_at: r.created_at,
            published_at: r.published_at,
            updated_at: r.updated_at,
        })
        .collect())
}

/// Every published post's (or page's) slug and last change, newest first (at most `limit`).
pub async fn published_for_sitemap(
    pool: &SqlitePool,
    kind: Kind,
    limit: i64,
) -> sqlx::Result<Vec<SitemapEntry>> {
    let kind = kind.as_str();
    sqlx::query_as!(
        SitemapEntry,
        r#"SELECT slug, max(updated_at, published_at) AS "updated_at!: i64"
           FROM posts
           WHERE status = 'published' AND kind = ?
           ORDER BY published_at DESC, id DESC
           LIMIT ?"#,
        kind,
        limit
    )
    .fetch_all(pool)
    .await
}

/// The current slug of the published post (or page) that `old_slug` named last, if any.
pub async fn renamed_to(
    pool: &SqlitePool,
    old_slug: &str,
    kind: Kind,
) -> sqlx::Result<Option<String>> {
    let kind = kind.as_str();
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

/// Every slug, current or old, that could clash with `wanted` or one of its
/// suffixed forms (`wanted-2`, …): pass it to `slug::unique`. Old slugs count
/// as taken so that a new post never breaks another post's redirect.
pub async fn slugs_clashing_with(
    conn: &mut SqliteConnection,
    wanted: &Slug,
) -> sqlx::Result<HashSet<String>> {
    // A suffixed form may shorten the slug to make room (see Slug::with_suffix),
    // so look for everything sharing the part that is always kept.
    let stem = &wanted.as_str()[..wanted.as_str().len().min(slug::MAX_CHARS - 11)];
    let rows = sqlx::query!(
        r#"SELECT slug AS "slug!: String" FROM posts WHERE substr(slug, 1, length(?)) = ?
           UNION
           SELECT old_slug FROM post_slug_history WHERE substr(old_slug, 1, length(?)) = ?"#,
        stem,
        stem,
        stem,
        stem
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.slug).collect())
}

/// Remembers that `post_id` was called `old_slug`, so the old address redirects to it.
/// Call it in the transaction that changes the slug. If another post had used that
/// slug before, the old address now leads to this one (the latest owner wins) and
/// back to the other once this one is deleted.
pub async fn record_slug_change(
    conn: &mut SqliteConnection,
    post_id: i64,
    old_slug: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO post_slug_history (old_slug, post_id, changed_at) VALUES (?, ?, ?)
         ON CONFLICT (old_slug, post_id) DO UPDATE SET changed_at = excluded.changed_at",
        old_slug,
        post_id,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a new post (or page) at `slug`, which must be free; its tags and
/// revision are the caller's (see `create`).
pub async fn insert(
    conn: &mut SqliteConnection,
    post: &PostContent<'_>,
    slug: &str,
    now: i64,
) -> sqlx::Result<i64> {
    insert_dated(conn, post, slug, now, now).await
}

/// `insert` with the dates it was written and last changed (an import keeps
/// the old site's); a published post counts as published when it was written.
pub async fn insert_dated(
    conn: &mut SqliteConnection,
    post: &PostContent<'_>,
    slug: &str,
    created_at: i64,
    updated_at: i64,
) -> sqlx::Result<i64> {
    let status = if post.published { "published" } else { "draft" };
    let published_at = post.published.then_some(created_at);
    let body_html = post.body_html.as_str();
    let excerpt_html = post.excerpt_html.as_str();
    let kind = post.kind.as_str();
    let result = sqlx::query!(
        "INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            comments_open, published_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        kind,
        slug,
        post.title,
        post.body_markdown,
        body_html,
        excerpt_html,
        status,
        post.comments_open,
        published_at,
        created_at,
        updated_at
    )
    .execute(conn)
    .await?;
    Ok(result.last_insert_rowid())
}

/// Any post, draft or published, as its admin preview shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PostPreview {
    pub id: i64,
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    pub body_html: SafeHtml,
    pub published: bool,
}

pub async fn preview(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<PostPreview>> {
    let row = sqlx::query!(
        r#"SELECT id AS "id!: i64", kind, slug, title, body_html, status = 'published' AS "published!: bool"
           FROM posts WHERE id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| PostPreview {
        id: r.id,
        kind: Kind::from_stored(&r.kind),
        slug: r.slug,
        title: r.title,
        body_html: SafeHtml::from_stored(r.body_html),
        published: r.published,
    }))
}

/// A post in the admin's list, with its comments counted per status.
#[derive(Debug, Clone)]
pub struct AdminPostRow {
    pub id: i64,
    pub title: String,
    pub slug: String,
    pub published: bool,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub approved_comments: i64,
    pub pending_comments: i64,
    pub nav_position: Option<i64>,
}

pub async fn admin_list(pool: &SqlitePool, kind: Kind) -> sqlx::Result<Vec<AdminPostRow>> {
    let kind = kind.as_str();
    let (approved, pending) = (Status::Approved, Status::Pending);
    sqlx::query_as!(
        AdminPostRow,
        r#"SELECT p.id AS "id!: i64", p.title, p.slug, p.status = 'published' AS "published!: bool",
                  p.published_at, p.updated_at, p.nav_position,
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = ?2) AS "approved_comments!: i64",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND c.status = ?3) AS "pending_comments!: i64"
           FROM posts p
           WHERE p.kind = ?1
           ORDER BY p.status = 'published', COALESCE(p.published_at, p.updated_at) DESC, p.id DESC"#,
        kind,
        approved,
        pending
    )
    .fetch_all(pool)
    .await
}

/// A post as the editor loads it.
#[derive(Debug, Clone)]
pub struct EditablePost {
    pub id: i64,
    pub kind: Kind,
    pub title: String,
    pub slug: String,
    pub body_markdown: String,
    pub published: bool,
    pub comments_open: bool,
    pub comment_count: i64,
    /// The number of its latest save (see `revisions`).
    pub revision: i64,
    pub updated_at: i64,
}

pub async fn editable(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<EditablePost>> {
    let row = sqlx::query!(
        r#"SELECT p.id AS "id!: i64", p.kind, p.title, p.slug, p.body_markdown,
                  p.status = 'published' AS "published!: bool",
                  p.comments_open AS "comments_open: bool",
                  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64",
                  p.revision, p.updated_at
           FROM posts p WHERE p.id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| EditablePost {
        id: r.id,
        kind: Kind::from_stored(&r.kind),
        title: r.title,
        slug: r.slug,
        body_markdown: r.body_markdown,
        published: r.published,
        comments_open: r.comments_open,
        comment_count: r.comment_count,
        revision: r.revision,
        updated_at: r.updated_at,
    }))
}

/// What the editor saves: the text and its rendered, sanitised HTML.
#[derive(Debug, Clone)]
pub struct PostContent<'a> {
    pub title: &'a str,
    pub body_markdown: &'a str,
    pub body_html: &'a SafeHtml,
    pub excerpt_html: &'a SafeHtml,
    pub published: bool,
    pub comments_open: bool,
    pub tags: &'a [Tag],
    /// Set when it is created; a post never becomes a page or back.
    pub kind: Kind,
    /// The admin saving it, for the revision history.
    pub saved_by: Option<i64>,
}

/// Which slug to save with: one the author typed (no other post may have it,
/// and another post's old address only when `take_old_address`), or one made
/// from the title (made free with a suffix).
#[derive(Debug, Clone, Copy)]
pub enum SlugChoice<'a> {
    Typed {
        slug: &'a Slug,
        take_old_address: bool,
    },
    FromTitle(&'a Slug),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Saved {
        id: i64,
        slug: String,
    },
    /// The typed slug belongs to another post (its title given); nothing was saved.
    SlugTaken {
        by: String,
    },
    /// The typed slug is an old address of another post (its title given), which
    /// would stop redirecting there; nothing was saved.
    SlugIsOldAddress {
        of: String,
    },
    /// A page may not take `/{slug}` while an imported old address there leads
    /// somewhere else (it would stop doing so); nothing was saved.
    SlugIsImportedAddress {
        slug: String,
    },
    /// A page may not take a slug a route owns (see `page::RESERVED_SLUGS`); nothing was saved.
    SlugReserved {
        slug: String,
    },
    /// The post was saved again since the editor was opened; nothing was saved.
    Conflict,
    NotFound,
}

/// The slugs starting with `stem` whose `/{slug}` is an imported old address
/// (see `db::import`) that leads somewhere other than `own_id`: a page there
/// would hide the redirect.
async fn old_addresses_elsewhere(
    conn: &mut SqliteConnection,
    stem: &str,
    own_id: i64,
) -> sqlx::Result<HashSet<String>> {
    let rows = sqlx::query!(
        r#"SELECT substr(path, 2) AS "slug!: String" FROM redirects
           WHERE substr(path, 1, length(?1) + 1) = '/' || ?1
             AND instr(substr(path, 2), '/') = 0 AND instr(path, '?') = 0
             AND (post_id IS NULL OR post_id != ?2)"#,
        stem,
        own_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.slug).collect())
}

/// The slug to save with, or why the typed one cannot be (nothing is saved then).
async fn pick_slug(
    conn: &mut SqliteConnection,
    choice: SlugChoice<'_>,
    own_id: Option<i64>,
    kind: Kind,
) -> sqlx::Result<Result<String, Saved>> {
    let own_id = own_id.unwrap_or(0);
    match choice {
        SlugChoice::Typed {
            slug,
            take_old_address,
        } => typed_slug(conn, slug.as_str(), own_id, kind, take_old_address).await,
        SlugChoice::FromTitle(wanted) => Ok(Ok(slug_from_title(conn, wanted, own_id, kind).await?)),
    }
}

/// A slug the admin typed: taken as it is, or refused with the reason.
async fn typed_slug(
    conn: &mut SqliteConnection,
    slug: &str,
    own_id: i64,
    kind: Kind,
    take_old_address: bool,
) -> sqlx::Result<Result<String, Saved>> {
    if kind == Kind::Page && page::is_reserved(slug) {
        let slug = slug.to_owned();
        return Ok(Err(Saved::SlugReserved { slug }));
    }
    if kind == Kind::Page
        && old_addresses_elsewhere(conn, slug, own_id)
            .await?
            .contains(slug)
    {
        let slug = slug.to_owned();
        return Ok(Err(Saved::SlugIsImportedAddress { slug }));
    }
    let other = sqlx::query!(
        "SELECT title FROM posts WHERE slug = ? AND id != ?",
        slug,
        own_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(post) = other {
        return Ok(Err(Saved::SlugTaken { by: post.title }));
    }
    let previous_owner = sqlx::query!(
        "SELECT p.title FROM post_slug_history h JOIN posts p ON p.id = h.post_id
         WHERE h.old_slug = ? AND h.post_id != ?
         ORDER BY h.changed_at DESC LIMIT 1",
        slug,
        own_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match previous_owner {
        Some(post) if !take_old_address => Err(Saved::SlugIsOldAddress { of: post.title }),
        _ => Ok(slug.to_owned()),
    })
}

/// A slug made from the title, with `-2`, `-3`… when the plain one is taken.
async fn slug_from_title(
    conn: &mut SqliteConnection,
    wanted: &Slug,
    own_id: i64,
    kind: Kind,
) -> sqlx::Result<String> {
    let mut taken = slugs_clashing_with(conn, wanted).await?;
    if kind == Kind::Page {
        taken.extend(old_addresses_elsewhere(conn, wanted.as_str(), own_id).await?);
    }
    if own_id != 0 {
        // The post's own current slug is not in the way of itself.
        let own = sqlx::query!("SELECT slug FROM posts WHERE id = ?", own_id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(own) = own {
            taken.remove(&own.slug);
        }
    }
    let reserved = |s: &str| kind == Kind::Page && page::is_reserved(s);
    Ok(slug::unique(wanted, |s| taken.contains(s) || reserved(s)).into_string())
}

pub async fn create(
    pool: &SqlitePool,
    content: &PostContent<'_>,
    slug: SlugChoice<'_>,
    now: i64,
) -> sqlx::Result<Saved> {
    let mut tx = super::begin_write(pool).await?;
    let slug = match pick_slug(&mut tx, slug, None, content.kind).await? {
        Ok(slug) => slug,
        Err(refused) => return Ok(refused),
    };
    let id = insert(&mut tx, content, &slug, now).await?;
    super::tags::set_for_post(&mut tx, id, content.tags).await?;
    super::revisions::keep(&mut tx, id, content.saved_by).await?;
    tx.commit().await?;
    Ok(Saved::Saved { id, slug })
}

/// Which post an edit is for, and the revision the editor was opened at
/// (`None` saves over whatever is there).
#[derive(Debug, Clone, Copy)]
pub struct EditOf {
    pub id: i64,
    pub opened_at_revision: Option<i64>,
}

/// Saves an edit, unless the post was saved again since the editor was opened.
/// A changed slug leaves the old one behind as a redirect; the first
/// publication sets the publication date, later edits keep it.
pub async fn update(
    pool: &SqlitePool,
    edit: EditOf,
    content: &PostContent<'_>,
    slug: SlugChoice<'_>,
    now: i64,
) -> sqlx::Result<Saved> {
    let id = edit.id;
    let mut tx = super::begin_write(pool).await?;
    let Some(current) = sqlx::query!("SELECT slug, kind, revision FROM posts WHERE id = ?", id)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(Saved::NotFound);
    };
    if edit
        .opened_at_revision
        .is_some_and(|opened| opened != current.revision)
    {
        return Ok(Saved::Conflict);
    }
    let kind = Kind::from_stored(&current.kind);
    let slug = match pick_slug(&mut tx, slug, Some(id), kind).await? {
        Ok(slug) => slug,
        Err(refused) => return Ok(refused),
    };
    if slug != current.slug {
        record_slug_change(&mut tx, id, &current.slug, now).await?;
        // Its own old address is its live one again; other posts' claims stay.
        sqlx::query!(
            "DELETE FROM post_slug_history WHERE old_slug = ? AND post_id = ?",
            slug,
            id
        )
        .execute(&mut *tx)
        .await?;
    }
    // A post stored without a revision (the welcome post) keeps its first text too.
    super::revisions::keep(&mut tx, id, None).await?;
    store_content(&mut tx, id, content, &slug, now).await?;
    super::tags::set_for_post(&mut tx, id, content.tags).await?;
    super::revisions::keep(&mut tx, id, content.saved_by).await?;
    tx.commit().await?;
    Ok(Saved::Saved { id, slug })
}

/// Writes an edit's content over the post's and moves its revision on; the
/// first publication sets the publication date, later edits keep it.
async fn store_content(
    conn: &mut SqliteConnection,
    id: i64,
    content: &PostContent<'_>,
    slug: &str,
    now: i64,
) -> sqlx::Result<()> {
    let status = if content.published {
        "published"
    } else {
        "draft"
    };
    let published_now = content.published.then_some(now);
    let body_html = content.body_html.as_str();
    let excerpt_html = content.excerpt_html.as_str();
    sqlx::query!(
        "UPDATE posts SET slug = ?, title = ?, body_markdown = ?, body_html = ?, excerpt_html = ?, status = ?,
                comments_open = ?, published_at = COALESCE(published_at, ?), updated_at = ?,
                revision = revision + 1
         WHERE id = ?",
        slug,
        content.title,
        content.body_markdown,
        body_html,
        excerpt_html,
        status,
        content.comments_open,
        published_now,
        now,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes a post and, with it, its comments; `false` when it did not exist.
pub async fn delete(pool: &SqlitePool, id: i64) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let deleted = sqlx::query!("DELETE FROM posts WHERE id = ?", id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    super::tags::delete_unused(&mut tx).await?;
    tx.commit().await?;
    Ok(deleted > 0)
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
pub async fn published_pages(pool: &SqlitePool) -> sqlx::Result<Vec<(i64, NavLink)>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!: i64", slug, title FROM posts
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
pub async fn page_link(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<NavLink>> {
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

/// Sets the navigation position of each page given (`None`: not in the navigation), in one transaction.
pub async fn set_navigation(
    pool: &SqlitePool,
    positions: &[(i64, Option<i64>)],
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    for (id, position) in positions {
        sqlx::query!(
            "UPDATE posts SET nav_position = ? WHERE id = ? AND kind = 'page' AND nav_position IS NOT ?",
            position,
            id,
            position
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
