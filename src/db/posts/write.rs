//! Writing posts and pages: a save from the editor (the slug the rules in
//! `domain::post_save` choose, from facts read in the same transaction),
//! storing an imported or sample post, old slugs, deleting, and the site
//! navigation.

use std::collections::HashSet;

use sqlx::{SqliteConnection, SqlitePool};

use crate::db;
use crate::domain::SafeHtml;
use crate::domain::ids::{AdminId, PostId};
use crate::domain::markdown;
use crate::domain::new_site;
use crate::domain::post::{Kind, Tag};
use crate::domain::post_save::{self, Fate, Refusal, SlugChoice, SlugFacts};
use crate::domain::role::Review;
use crate::domain::slug::Slug;
use crate::domain::time::UnixTime;

/// What the editor saves: the text and its rendered, sanitised HTML.
#[derive(Debug, Clone)]
pub struct PostContent<'a> {
    pub title: &'a str,
    pub body_markdown: &'a str,
    pub body_html: &'a SafeHtml,
    pub excerpt_html: &'a SafeHtml,
    pub published: bool,
    /// When a post that is not published goes public on its own (it is scheduled).
    pub publish_at: Option<UnixTime>,
    pub comments_open: bool,
    pub tags: &'a [Tag],
    /// Set when it is created; a post never becomes a page or back.
    pub kind: Kind,
    /// The admin saving it, for the revision history.
    pub saved_by: Option<AdminId>,
    /// Who wrote it; set when it is created.
    pub author_id: Option<AdminId>,
    /// What the save does to its place in the review list.
    pub review: Review,
    /// Whether editors and admins are mailed when it starts waiting for review (email is on).
    pub tell_reviewers: bool,
}

/// Stores a new post (or page) at `slug`, which must be free; its tags and
/// revision are the caller's (see `create`).
pub async fn insert(
    conn: &mut SqliteConnection,
    post: &PostContent<'_>,
    slug: &str,
    now: UnixTime,
) -> sqlx::Result<PostId> {
    insert_dated(conn, post, slug, now, now).await
}

/// `insert` with the dates it was written and last changed (an import keeps
/// the old site's); a published post counts as published when it was written.
pub async fn insert_dated(
    conn: &mut SqliteConnection,
    post: &PostContent<'_>,
    slug: &str,
    created_at: UnixTime,
    updated_at: UnixTime,
) -> sqlx::Result<PostId> {
    let status = if post.published { "published" } else { "draft" };
    let published_at = post.published.then_some(created_at);
    let submitted_at = (post.review == Review::Submit && !post.published).then_some(created_at);
    let publish_at = post.publish_at.filter(|_| !post.published);
    let body_html = post.body_html.as_str();
    let excerpt_html = post.excerpt_html.as_str();
    let kind = post.kind.as_str();
    let result = sqlx::query!(
        "INSERT INTO posts (kind, slug, title, body_markdown, body_html, excerpt_html, status,
                            comments_open, published_at, publish_at, created_at, updated_at,
                            author_id, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        kind,
        slug,
        post.title,
        post.body_markdown,
        body_html,
        excerpt_html,
        status,
        post.comments_open,
        published_at,
        publish_at,
        created_at,
        updated_at,
        post.author_id,
        submitted_at
    )
    .execute(&mut *conn)
    .await?;
    let id = PostId::new(result.last_insert_rowid());
    if submitted_at.is_some() && post.tell_reviewers {
        db::admins::queue_review_mail(conn, id, created_at).await?;
    }
    db::search::index_post(conn, id, post.title, post.body_html).await?;
    Ok(id)
}

/// Remembers that `post_id` was called `old_slug`, so the old address redirects to it.
/// Call it in the transaction that changes the slug. If another post had used that
/// slug before, the old address now leads to this one (the latest owner wins) and
/// back to the other once this one is deleted.
pub async fn record_slug_change(
    conn: &mut SqliteConnection,
    post_id: PostId,
    old_slug: &str,
    now: UnixTime,
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

/// Every slug, current or old, that could clash with `wanted` or one of its
/// suffixed forms (`wanted-2`, …). Old slugs count as taken so that a new
/// post never breaks another post's redirect.
pub async fn slugs_clashing_with(
    conn: &mut SqliteConnection,
    wanted: &Slug,
) -> sqlx::Result<HashSet<String>> {
    // A suffixed form may shorten the slug to make room (see Slug::with_suffix),
    // so look for everything sharing the part that is always kept.
    let stem = wanted.kept_stem();
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

/// The slugs starting with `stem` whose `/{slug}` is an imported old address
/// (see `db::import`) that leads somewhere other than `own_id`: a page there
/// would hide the redirect.
async fn old_addresses_elsewhere(
    conn: &mut SqliteConnection,
    stem: &str,
    own_id: Option<PostId>,
) -> sqlx::Result<HashSet<String>> {
    let rows = sqlx::query!(
        r#"SELECT substr(path, 2) AS "slug!: String" FROM redirects
           WHERE substr(path, 1, length(?1) + 1) = '/' || ?1
             AND instr(substr(path, 2), '/') = 0 AND instr(path, '?') = 0
             AND (post_id IS NULL OR ?2 IS NULL OR post_id != ?2)"#,
        stem,
        own_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.slug).collect())
}

/// What the rules need to know to choose the slug of a save (`post_save::slug_to_save`),
/// read in the save's transaction; `own_id` is the post being edited, if any.
async fn slug_facts(
    conn: &mut SqliteConnection,
    wanted: &Slug,
    own_id: Option<PostId>,
) -> sqlx::Result<SlugFacts> {
    let mut in_use = slugs_clashing_with(conn, wanted).await?;
    if let Some(own_id) = own_id {
        // The post's own current slug is not in the way of itself.
        let own = sqlx::query!("SELECT slug FROM posts WHERE id = ?", own_id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(own) = own {
            in_use.remove(&own.slug);
        }
    }
    let slug = wanted.as_str();
    let imported_elsewhere = old_addresses_elsewhere(conn, slug, own_id).await?;
    let holder = sqlx::query!(
        "SELECT title FROM posts WHERE slug = ?1 AND (?2 IS NULL OR id != ?2)",
        slug,
        own_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|post| post.title);
    let old_owner = sqlx::query!(
        "SELECT p.title FROM post_slug_history h JOIN posts p ON p.id = h.post_id
         WHERE h.old_slug = ?1 AND (?2 IS NULL OR h.post_id != ?2)
         ORDER BY h.changed_at DESC LIMIT 1",
        slug,
        own_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|post| post.title);
    Ok(SlugFacts {
        in_use,
        imported_elsewhere,
        holder,
        old_owner,
    })
}

/// The slug the rules choose for a save, reading what they need in its transaction.
async fn slug_for(
    conn: &mut SqliteConnection,
    choice: SlugChoice<'_>,
    own_id: Option<PostId>,
    kind: Kind,
) -> sqlx::Result<Result<String, Refusal>> {
    let facts = slug_facts(conn, choice.wanted(), own_id).await?;
    Ok(post_save::slug_to_save(choice, kind, &facts))
}

/// `wanted` if no other post has it, as its slug or an old one, else the
/// first free `wanted-2`, `wanted-3`… (what a post back from the trash gets).
pub async fn free_slug_like(
    conn: &mut SqliteConnection,
    wanted: &Slug,
    own_id: PostId,
    kind: Kind,
) -> sqlx::Result<String> {
    let facts = slug_facts(conn, wanted, Some(own_id)).await?;
    Ok(post_save::free_slug(wanted, kind, &facts))
}

/// Saves a new post, at the slug the rules choose.
pub async fn create(
    pool: &SqlitePool,
    content: &PostContent<'_>,
    slug: SlugChoice<'_>,
    now: UnixTime,
) -> sqlx::Result<Fate> {
    let mut tx = db::begin_write(pool).await?;
    let slug = match slug_for(&mut tx, slug, None, content.kind).await? {
        Ok(slug) => slug,
        Err(refused) => return Ok(Fate::Refused(refused)),
    };
    let id = insert(&mut tx, content, &slug, now).await?;
    db::tags::set_for_post(&mut tx, id, content.tags).await?;
    db::media::set_uses(&mut tx, id, &markdown::media_hashes(content.body_markdown)).await?;
    db::revisions::keep(&mut tx, id, content.saved_by).await?;
    tx.commit().await?;
    Ok(Fate::Saved { id, slug })
}

/// Which post an edit is for, and the revision the editor was opened at
/// (`None` saves over whatever is there).
#[derive(Debug, Clone, Copy)]
pub struct EditOf {
    pub id: PostId,
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
    now: UnixTime,
) -> sqlx::Result<Fate> {
    let id = edit.id;
    let mut tx = db::begin_write(pool).await?;
    let Some(current) = sqlx::query!(
        r#"SELECT slug, kind, revision, submitted_at AS "submitted_at: UnixTime" FROM posts WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Fate::Refused(Refusal::NotFound));
    };
    if post_save::stale_edit(edit.opened_at_revision, current.revision) {
        return Ok(Fate::Refused(Refusal::Conflict));
    }
    let kind = Kind::from_stored(&current.kind);
    let slug = match slug_for(&mut tx, slug, Some(id), kind).await? {
        Ok(slug) => slug,
        Err(refused) => return Ok(Fate::Refused(refused)),
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
    db::revisions::keep(&mut tx, id, None).await?;
    store_content(&mut tx, id, content, &slug, now).await?;
    let starts_waiting = content.review == Review::Submit && current.submitted_at.is_none();
    if starts_waiting && !content.published && content.tell_reviewers {
        db::admins::queue_review_mail(&mut tx, id, now).await?;
    }
    db::tags::set_for_post(&mut tx, id, content.tags).await?;
    db::media::set_uses(&mut tx, id, &markdown::media_hashes(content.body_markdown)).await?;
    db::revisions::keep(&mut tx, id, content.saved_by).await?;
    tx.commit().await?;
    Ok(Fate::Saved { id, slug })
}

/// Writes an edit's content over the post's and moves its revision on; the
/// first publication sets the publication date, later edits keep it.
async fn store_content(
    conn: &mut SqliteConnection,
    id: PostId,
    content: &PostContent<'_>,
    slug: &str,
    now: UnixTime,
) -> sqlx::Result<()> {
    let status = if content.published {
        "published"
    } else {
        "draft"
    };
    let published_now = content.published.then_some(now);
    let publish_at = content.publish_at.filter(|_| !content.published);
    let body_html = content.body_html.as_str();
    let excerpt_html = content.excerpt_html.as_str();
    let review = match (content.published, content.review) {
        (true, _) | (false, Review::Withdraw) => "withdraw",
        (false, Review::Submit) => "submit",
        (false, Review::Keep) => "keep",
    };
    sqlx::query!(
        "UPDATE posts SET slug = ?, title = ?, body_markdown = ?, body_html = ?, excerpt_html = ?, status = ?,
                comments_open = ?, published_at = COALESCE(published_at, ?), publish_at = ?, updated_at = ?,
                revision = revision + 1,
                submitted_at = CASE ?12 WHEN 'submit' THEN COALESCE(submitted_at, ?10)
                                        WHEN 'withdraw' THEN NULL ELSE submitted_at END
         WHERE id = ?11",
        slug,
        content.title,
        content.body_markdown,
        body_html,
        excerpt_html,
        status,
        content.comments_open,
        published_now,
        publish_at,
        now,
        id,
        review
    )
    .execute(&mut *conn)
    .await?;
    db::search::index_post(conn, id, content.title, content.body_html).await
}

/// Whether the site has any post or page at all (drafts too).
pub async fn any(conn: &mut SqliteConnection) -> sqlx::Result<bool> {
    let row = sqlx::query!(r#"SELECT EXISTS (SELECT 1 FROM posts) AS "any!: bool""#)
        .fetch_one(conn)
        .await?;
    Ok(row.any)
}

/// Deletes the sample post a new site starts with, if it is as Folio wrote it:
/// never saved since, nothing commented on it; whether it was there to delete.
pub async fn remove_untouched_sample(conn: &mut SqliteConnection) -> sqlx::Result<bool> {
    let (slug, title, markdown) = (
        new_site::SAMPLE_SLUG,
        new_site::SAMPLE_TITLE,
        new_site::SAMPLE_MARKDOWN,
    );
    let deleted = sqlx::query!(
        "DELETE FROM posts
         WHERE kind = 'post' AND slug = ? AND title = ? AND body_markdown = ?
           AND updated_at = created_at
           AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.post_id = posts.id)",
        slug,
        title,
        markdown
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(deleted > 0)
}

/// Sets the navigation position of each page given (`None`: not in the navigation), in one transaction.
pub async fn set_navigation(
    pool: &SqlitePool,
    positions: &[(PostId, Option<i64>)],
) -> sqlx::Result<()> {
    let mut tx = db::begin_write(pool).await?;
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
