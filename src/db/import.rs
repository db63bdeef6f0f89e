//! Storing a whole import in one transaction: posts, tags, comments, the ids
//! they had in the source and the old addresses that lead to them.

use std::collections::HashMap;

use anyhow::Context;
use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::ids::{AdminId, CommentId, PostId};
use crate::domain::import::{ImportComment, ImportPost, ImportRecord, Skipped, Summary};
use crate::domain::page;
use crate::domain::post::Kind;
use crate::domain::role::Review;
use crate::domain::slug;
use crate::domain::time::UnixTime;

/// `Store` writes and commits; `DryRun` does every step and then rolls back,
/// so its summary is exactly what a real import would say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Store,
    DryRun,
}

/// Imports `records` (the site first) in one `BEGIN IMMEDIATE` transaction.
/// The first error anywhere (in the records or the database) rolls back everything.
/// `summary` holds what the steps before said (the media brought in).
pub async fn import(
    pool: &SqlitePool,
    records: impl Iterator<Item = anyhow::Result<ImportRecord>>,
    source: &str,
    mode: Mode,
    now: UnixTime,
    summary: Summary,
) -> anyhow::Result<Summary> {
    let mut tx = super::begin_write(pool).await?;
    let mut run = Run {
        site: None,
        summary,
        terms: Vec::new(),
        admins: HashMap::new(),
        now,
    };
    // A site imported before it was ever served still gets its settings (and no sample post).
    super::settings::create_if_missing(&mut tx, now).await?;
    let tags_before = count_tags(&mut tx).await?;
    for record in records {
        run.store(&mut tx, record?).await?;
    }
    run.finish(&mut tx).await?;
    run.summary.tags_new = usize::try_from(count_tags(&mut tx).await? - tags_before).unwrap_or(0);
    if run.summary.new_posts() + run.summary.new_pages() > 0 {
        run.summary.sample_removed = super::posts::write::remove_untouched_sample(&mut tx).await?;
    }
    if mode == Mode::Store {
        let text = run.summary.to_stored();
        sqlx::query!(
            "INSERT INTO import_runs (source, summary, created_at) VALUES (?, ?, ?)",
            source,
            text,
            now
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(run.summary)
}

struct Run {
    site: Option<String>,
    summary: Summary,
    /// Categories and tags with their old addresses: redirected once the posts are in.
    terms: Vec<(String, Vec<String>)>,
    /// Site users' logins → the Folio admin of that name, looked up once each.
    admins: HashMap<String, Option<AdminId>>,
    now: UnixTime,
}

impl Run {
    fn site(&self) -> anyhow::Result<&str> {
        self.site
            .as_deref()
            .context("the export names no site before its first entry")
    }

    async fn store(
        &mut self,
        conn: &mut SqliteConnection,
        record: ImportRecord,
    ) -> anyhow::Result<()> {
        match record {
            ImportRecord::Site {
                key,
                redirects,
                title,
                tagline,
            } => {
                for (path, target) in redirects {
                    self.summary.redirects +=
                        add_redirect(conn, &path, None, &target, self.now).await?;
                }
                self.site = Some(key);
                let taken = super::settings::take_if_default(
                    conn,
                    title.as_deref(),
                    tagline.as_deref(),
                    self.now,
                )
                .await?;
                self.summary.site_title = title.filter(|_| taken.title);
                self.summary.site_tagline = tagline.filter(|_| taken.tagline);
            }
            ImportRecord::Term { tag, old_addresses } => self.terms.push((tag.slug, old_addresses)),
            ImportRecord::Skipped { reason, comments } => {
                self.summary
                    .skip(Skipped::CommentsOn(Box::new(reason.clone())), comments);
                self.summary.skip(reason, 1);
            }
            ImportRecord::Post(post) => self.store_post(conn, &post).await?,
        }
        Ok(())
    }

    async fn store_post(
        &mut self,
        conn: &mut SqliteConnection,
        post: &ImportPost,
    ) -> anyhow::Result<()> {
        let site = self.site()?.to_owned();
        for reason in &post.skipped_comments {
            self.summary.skip(reason.clone(), 1);
        }
        let known = known_id(conn, &site, "post", post.source_id).await?;
        let (post_id, new_post) = match known.map(PostId::new) {
            Some(id) => {
                self.summary.posts_already_there += 1;
                (id, false)
            }
            None => {
                let author_id = match &post.author_login {
                    Some(login) => self.admin_named(conn, login).await?,
                    None => None,
                };
                let id = insert_post(conn, post, author_id).await?;
                super::media::set_uses(&mut *conn, id, &post.media_hashes).await?;
                if let Some(hash) = &post.featured_image {
                    super::wp_media::set_featured(&mut *conn, id, hash).await?;
                }
                if post.in_trash {
                    super::trash::move_to_trash(&mut *conn, id, self.now).await?;
                }
                remember(conn, &site, "post", post.source_id, id.get()).await?;
                self.summary
                    .count_post(post.kind, post.standing(), &post.source_status);
                for path in &post.old_addresses {
                    self.summary.redirects +=
                        add_redirect(conn, path, Some(id), "", self.now).await?;
                }
                (id, true)
            }
        };
        let post_exists = new_post
            || sqlx::query!("SELECT id FROM posts WHERE id = ?", post_id)
                .fetch_optional(&mut *conn)
                .await?
                .is_some();
        let target = CommentsOf {
            post_id,
            new_post,
            post_exists,
        };
        self.store_post_comments(conn, &site, target, &post.comments)
            .await
    }

    /// A post's comments: the new ones stored, threaded under their parents
    /// (stored now or by an earlier import); the known ones counted.
    async fn store_post_comments(
        &mut self,
        conn: &mut SqliteConnection,
        site: &str,
        target: CommentsOf,
        comments: &[ImportComment],
    ) -> anyhow::Result<()> {
        let CommentsOf {
            post_id,
            new_post,
            post_exists,
        } = target;
        // This post's comments stored now, by source id: parents are looked up
        // here first, and a new post's comments cannot have been imported before.
        let mut stored: HashMap<i64, CommentId> = HashMap::new();
        for comment in comments {
            if !new_post
                && known_id(conn, site, "comment", comment.source_id)
                    .await?
                    .is_some()
            {
                self.summary.comments_already_there += 1;
            } else if !post_exists {
                self.summary.skip(Skipped::CommentsOnDeletedPosts, 1);
            } else {
                let parent_id = match comment.parent_source_id {
                    Some(parent) => match stored.get(&parent) {
                        Some(id) => Some(*id),
                        None if new_post => None,
                        None => existing_comment(conn, site, parent).await?,
                    },
                    None => None,
                };
                let id = self
                    .store_comment(conn, site, post_id, parent_id, comment)
                    .await?;
                stored.insert(comment.source_id, id);
            }
        }
        Ok(())
    }

    /// The Folio account with a site user's login, looked up once per login.
    async fn admin_named(
        &mut self,
        conn: &mut SqliteConnection,
        login: &str,
    ) -> sqlx::Result<Option<AdminId>> {
        if let Some(found) = self.admins.get(login) {
            return Ok(*found);
        }
        let found = admin_named(conn, login).await?;
        self.admins.insert(login.to_owned(), found);
        Ok(found)
    }

    async fn store_comment(
        &mut self,
        conn: &mut SqliteConnection,
        site: &str,
        post_id: PostId,
        parent_id: Option<CommentId>,
        comment: &ImportComment,
    ) -> anyhow::Result<CommentId> {
        let admin_id = match &comment.site_author {
            Some(login) => {
                let admin = self.admin_named(conn, login).await?;
                if admin.is_some() {
                    self.summary.by_site_admins += 1;
                } else {
                    self.summary.by_site_authors_name_only += 1;
                }
                admin
            }
            None => None,
        };
        let status = comment.status.as_str();
        let body_html = comment.body_html.as_str();
        let id = sqlx::query!(
            "INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website,
                                   body, body_html, status, ip, created_at, admin_id, link_nonce)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(8))))",
            post_id,
            parent_id,
            comment.author_name,
            comment.author_email,
            comment.author_website,
            comment.body,
            body_html,
            status,
            comment.ip,
            comment.created_at,
            admin_id
        )
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        remember(conn, site, "comment", comment.source_id, id).await?;
        let id = CommentId::new(id);
        self.summary.count_comment(comment.status);
        if parent_id.is_some() {
            self.summary.replies += 1;
        }
        self.summary.max_depth = self.summary.max_depth.max(comment.depth);
        Ok(id)
    }

    /// Redirects for the categories and tags that some post now has; the rest are reported.
    async fn finish(&mut self, conn: &mut SqliteConnection) -> anyhow::Result<()> {
        let mut unused = 0;
        for (slug, addresses) in std::mem::take(&mut self.terms) {
            let exists = sqlx::query!("SELECT id FROM tags WHERE slug = ?", slug)
                .fetch_optional(&mut *conn)
                .await?
                .is_some();
            if !exists {
                unused += 1;
                continue;
            }
            let target = format!("/tags/{slug}");
            for path in addresses {
                self.summary.redirects +=
                    add_redirect(conn, &path, None, &target, self.now).await?;
            }
        }
        self.summary.skip(Skipped::UnusedTerms, unused);
        Ok(())
    }
}

async fn count_tags(conn: &mut SqliteConnection) -> sqlx::Result<i64> {
    let row = sqlx::query!(r#"SELECT COUNT(*) AS "n!: i64" FROM tags"#)
        .fetch_one(conn)
        .await?;
    Ok(row.n)
}

async fn known_id(
    conn: &mut SqliteConnection,
    site: &str,
    kind: &str,
    wp_id: i64,
) -> sqlx::Result<Option<i64>> {
    let row = sqlx::query!(
        r#"SELECT folio_id AS "folio_id!: i64" FROM wp_import_ids WHERE site = ? AND kind = ? AND wp_id = ?"#,
        site,
        kind,
        wp_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.folio_id))
}

/// The Folio comment a source comment became, if it still exists.
async fn existing_comment(
    conn: &mut SqliteConnection,
    site: &str,
    wp_id: i64,
) -> sqlx::Result<Option<CommentId>> {
    let row = sqlx::query!(
        r#"SELECT c.id AS "id!: CommentId" FROM wp_import_ids m JOIN comments c ON c.id = m.folio_id
           WHERE m.site = ? AND m.kind = 'comment' AND m.wp_id = ?"#,
        site,
        wp_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.id))
}

async fn remember(
    conn: &mut SqliteConnection,
    site: &str,
    kind: &str,
    wp_id: i64,
    folio_id: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO wp_import_ids (site, kind, wp_id, folio_id) VALUES (?, ?, ?, ?)",
        site,
        kind,
        wp_id,
        folio_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn admin_named(conn: &mut SqliteConnection, login: &str) -> sqlx::Result<Option<AdminId>> {
    let row = sqlx::query!(
        r#"SELECT id AS "id!: AdminId" FROM admins WHERE username = ? COLLATE NOCASE"#,
        login
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.id))
}

/// Adds an old address unless it is already taken (an existing redirect is never changed); 1 if added.
async fn add_redirect(
    conn: &mut SqliteConnection,
    path: &str,
    post_id: Option<PostId>,
    target: &str,
    now: UnixTime,
) -> sqlx::Result<usize> {
    let added = sqlx::query!(
        "INSERT INTO redirects (path, post_id, target, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (path) DO NOTHING",
        path,
        post_id,
        target,
        now
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(usize::try_from(added).unwrap_or(0))
}

async fn insert_post(
    conn: &mut SqliteConnection,
    post: &ImportPost,
    author_id: Option<AdminId>,
) -> anyhow::Result<PostId> {
    let taken = super::posts::write::slugs_clashing_with(conn, &post.slug).await?;
    let reserved = |s: &str| post.kind == Kind::Page && page::is_reserved(s);
    let slug = slug::unique(&post.slug, |s| taken.contains(s) || reserved(s)).into_string();
    let content = super::posts::write::PostContent {
        title: &post.title,
        body_markdown: &post.body_markdown,
        body_html: &post.body_html,
        excerpt_html: &post.excerpt_html,
        published: post.published,
        publish_at: post.publish_at,
        comments_open: post.comments_open,
        tags: &post.tags,
        kind: post.kind,
        saved_by: None,
        author_id,
        review: Review::Keep,
        tell_reviewers: false,
    };
    let updated_at = post.updated_at.max(post.created_at);
    let id = super::posts::write::insert_dated(conn, &content, &slug, post.created_at, updated_at)
        .await?;
    if let Some(position) = post.nav_position {
        sqlx::query!(
            "UPDATE posts SET nav_position = ? WHERE id = ? AND kind = 'page'",
            position,
            id
        )
        .execute(&mut *conn)
        .await?;
    }
    // Unlike the editor, an import never renames a tag that is already there.
    for (position, tag) in (0_i64..).zip(&post.tags) {
        sqlx::query!(
            "INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING",
            tag.slug,
            tag.name
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "INSERT INTO post_tags (post_id, tag_id, position)
             SELECT ?, id, ? FROM tags WHERE slug = ?",
            id,
            position,
            tag.slug
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// The summary of the newest import, if there was one.
pub async fn last_run(pool: &SqlitePool) -> sqlx::Result<Option<(String, String, UnixTime)>> {
    let row = sqlx::query!(
        r#"SELECT source, summary, created_at AS "created_at: UnixTime"
           FROM import_runs ORDER BY id DESC LIMIT 1"#
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.source, r.summary, r.created_at)))
}

/// Where an old address leads now: a published post's page or a fixed target.
/// Whether any old address is kept to redirect.
pub async fn has_redirects(pool: &SqlitePool) -> sqlx::Result<bool> {
    let row = sqlx::query!(r#"SELECT EXISTS (SELECT 1 FROM redirects) AS "any!: bool""#)
        .fetch_one(pool)
        .await?;
    Ok(row.any)
}

pub async fn redirect_for(pool: &SqlitePool, path: &str) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        r#"SELECT r.target, p.slug AS "slug?", p.status AS "status?", p.kind AS "kind?"
           FROM redirects r LEFT JOIN posts p ON p.id = r.post_id
           WHERE r.path = ?"#,
        path
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| match (r.slug, r.status) {
        (Some(slug), Some(status)) => (status == "published")
            .then(|| Kind::from_stored(r.kind.as_deref().unwrap_or_default()).path(&slug)),
        _ => (!r.target.is_empty()).then_some(r.target),
    }))
}

/// The published post (not a page) an old address leads to: its slug.
pub async fn post_at_old_address(pool: &SqlitePool, path: &str) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        "SELECT p.slug FROM redirects r JOIN posts p ON p.id = r.post_id
         WHERE r.path = ? AND p.status = 'published' AND p.kind = 'post'",
        path
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.slug))
}

/// The approved Folio comment that the WordPress comment `wp_id` became, on
/// the post the old address `path` leads to (a `?replytocom=` link).
pub async fn imported_comment_at(
    pool: &SqlitePool,
    path: &str,
    wp_id: i64,
) -> sqlx::Result<Option<CommentId>> {
    let approved = crate::domain::moderation::Status::Approved;
    let row = sqlx::query!(
        r#"SELECT c.id AS "id!: CommentId" FROM redirects r
           JOIN wp_import_ids m ON m.kind = 'comment' AND m.wp_id = ?
           JOIN comments c ON c.id = m.folio_id AND c.post_id = r.post_id
           WHERE r.path = ? AND c.status = ?
           ORDER BY c.id LIMIT 1"#,
        wp_id,
        path,
        approved
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.id))
}

/// The post an import's comments go to, and what is known of it.
#[derive(Debug, Clone, Copy)]
struct CommentsOf {
    post_id: PostId,
    /// Stored by this import: none of its comments can have been imported before.
    new_post: bool,
    /// Still there (an admin may have deleted it since an earlier import).
    post_exists: bool,
}
