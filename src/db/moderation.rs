//! The moderation queue: listing comments by status, acting on them, the log.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::SafeHtml;
use crate::domain::comment::CommentEdit;
use crate::domain::comment_text;
use crate::domain::ids::{AdminId, CommentId, PostId};
use crate::domain::message::Message;
use crate::domain::moderation::{self, Action, Outcome, Status, Via};
use crate::domain::pagination::{Cursor, End, Window};
use crate::domain::search::CommentQuery;
use crate::domain::time::UnixTime;

/// Who is acting, for the moderation log.
#[derive(Debug, Clone)]
pub struct Moderator<'a> {
    pub admin_id: AdminId,
    pub username: &'a str,
}

/// A comment as the queue shows it: everything a moderator needs.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub id: CommentId,
    pub author_name: String,
    pub author_email: String,
    pub author_website: String,
    pub body_html: SafeHtml,
    pub status: Status,
    pub status_reason: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: UnixTime,
    pub parent_id: Option<CommentId>,
    /// The first line of the comment this one replies to.
    pub parent_first_line: Option<String>,
    pub by_admin: bool,
    pub post_title: String,
    pub post_slug: String,
    pub post_published: bool,
    /// A page is at `/{slug}`, a post at `/posts/{slug}`.
    pub post_is_page: bool,
}

/// Comments per status, of one post or of all (those kept by the
/// `comment_counts` triggers).
pub async fn counts_by_status(
    pool: &SqlitePool,
    post_id: Option<PostId>,
) -> sqlx::Result<Vec<(Status, i64)>> {
    let Some(post_id) = post_id else {
        let rows = sqlx::query!(
            r#"SELECT status AS "status: Status", n AS "n!: i64" FROM comment_counts"#
        )
        .fetch_all(pool)
        .await?;
        return Ok(rows.into_iter().map(|r| (r.status, r.n)).collect());
    };
    let rows = sqlx::query!(
        r#"SELECT status AS "status: Status", COUNT(*) AS "n!: i64" FROM comments
           WHERE post_id = ?1 GROUP BY status"#,
        post_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.status, r.n)).collect())
}

pub async fn pending_count(pool: &SqlitePool) -> sqlx::Result<i64> {
    let pending = Status::Pending;
    let row = sqlx::query!(
        r#"SELECT n AS "n!: i64" FROM comment_counts WHERE status = ?"#,
        pending
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map_or(0, |r| r.n))
}

/// Which comments the queue shows.
#[derive(Debug, Clone, Copy)]
pub struct QueueFilter {
    pub status: Status,
    /// Only this post's comments.
    pub post_id: Option<PostId>,
}

/// A queue row as the queries select it.
struct QueueRecord {
    id: CommentId,
    author_name: String,
    author_email: String,
    author_website: String,
    body_html: String,
    status: Status,
    status_reason: String,
    ip: String,
    user_agent: String,
    created_at: UnixTime,
    parent_id: Option<CommentId>,
    parent_body: Option<String>,
    by_admin: bool,
    post_title: String,
    post_slug: String,
    post_published: bool,
    post_is_page: bool,
}

impl From<QueueRecord> for QueueRow {
    fn from(r: QueueRecord) -> Self {
        Self {
            id: r.id,
            author_name: r.author_name,
            author_email: r.author_email,
            author_website: r.author_website,
            body_html: SafeHtml::from_stored(r.body_html),
            status: r.status,
            status_reason: r.status_reason,
            ip: r.ip,
            user_agent: r.user_agent,
            created_at: r.created_at,
            parent_id: r.parent_id,
            parent_first_line: r.parent_body.as_deref().map(first_line),
            by_admin: r.by_admin,
            post_title: r.post_title,
            post_slug: r.post_slug,
            post_published: r.post_published,
            post_is_page: r.post_is_page,
        }
    }
}

/// A queue row's place in the queue, for the links to the next and previous pages.
pub fn queue_cursor(row: &QueueRow) -> Cursor {
    Cursor::new(row.created_at.seconds(), row.id.get())
}

/// One page of the queue, newest first, read through the status index from
/// the window's end (see `domain::pagination`): the page's ids come from one
/// arm or the other, then each row is read by its id.
pub async fn queue_page(
    pool: &SqlitePool,
    filter: QueueFilter,
    window: Window,
) -> sqlx::Result<Vec<QueueRow>> {
    let status = filter.status;
    let (at, id) = (window.past.at, window.past.id);
    let from_newest = window.from == End::Newest;
    let rows = sqlx::query_as!(
        QueueRecord,
        r#"WITH page(id) AS (
               SELECT id FROM (SELECT c.id FROM comments c
                               WHERE ?7 AND c.status = ?1 AND (?2 IS NULL OR c.post_id = ?2)
                                 AND (c.created_at, c.id) < (?3, ?4)
                               ORDER BY c.created_at DESC, c.id DESC LIMIT ?5 OFFSET ?6)
               UNION ALL
               SELECT id FROM (SELECT c.id FROM comments c
                               WHERE NOT ?7 AND c.status = ?1 AND (?2 IS NULL OR c.post_id = ?2)
                                 AND (c.created_at, c.id) > (?3, ?4)
                               ORDER BY c.created_at ASC, c.id ASC LIMIT ?5 OFFSET ?6))
           SELECT c.id AS "id!: CommentId", c.author_name, c.author_email, c.author_website, c.body_html,
                  c.status AS "status: Status", c.status_reason, c.ip, c.user_agent,
                  c.created_at AS "created_at: UnixTime", c.parent_id AS "parent_id: CommentId",
                  parent.body AS "parent_body?",
                  c.admin_id IS NOT NULL AS "by_admin!: bool",
                  p.title AS post_title, p.slug AS post_slug,
                  p.status = 'published' AS "post_published!: bool",
                  p.kind = 'page' AS "post_is_page!: bool"
           FROM page JOIN comments c ON c.id = page.id
                JOIN posts p ON p.id = c.post_id
                LEFT JOIN comments parent ON parent.id = c.parent_id
           ORDER BY c.created_at DESC, c.id DESC"#,
        status,
        filter.post_id,
        at,
        id,
        window.take,
        window.skip,
        from_newest
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(QueueRow::from).collect())
}

/// A search of the queue counts its matches up to this many per status: past
/// it, "more than" is all a moderator needs, and counting stays fast.
pub const SEARCH_COUNT_CAP: i64 = 10_000;

/// How many comments in each status `query` finds (of one post or of all);
/// more than `SEARCH_COUNT_CAP` are counted as one more than that. The four
/// counts run at once, on connections of their own: each walks its own part
/// of the index, and one after another they took most of a search's time.
pub async fn search_counts(
    pool: &SqlitePool,
    query: &CommentQuery,
    post_id: Option<PostId>,
) -> sqlx::Result<Vec<(Status, i64)>> {
    let counts = Status::ALL.map(|status| async move {
        Ok::<_, sqlx::Error>((status, search_count(pool, query, status, post_id).await?))
    });
    futures_util::future::try_join_all(counts).await
}

/// How many comments in `status` `query` finds, up to `SEARCH_COUNT_CAP` + 1.
async fn search_count(
    pool: &SqlitePool,
    query: &CommentQuery,
    status: Status,
    post_id: Option<PostId>,
) -> sqlx::Result<i64> {
    let fts = query.fts5_in_status(status.as_str());
    let limit = SEARCH_COUNT_CAP + 1;
    let n = match post_id {
        None => {
            sqlx::query!(
                r#"SELECT COUNT(*) AS "n!: i64" FROM (
                         SELECT rowid FROM comment_search WHERE comment_search MATCH ?1 LIMIT ?2)"#,
                fts,
                limit
            )
            .fetch_one(pool)
            .await?
            .n
        }
        Some(post_id) => {
            sqlx::query!(
                r#"SELECT COUNT(*) AS "n!: i64" FROM (
                         SELECT s.rowid FROM comment_search s CROSS JOIN comments c ON c.id = s.rowid
                         WHERE comment_search MATCH ?1 AND c.post_id = ?2 LIMIT ?3)"#,
                fts,
                post_id,
                limit
            )
            .fetch_one(pool)
            .await?
            .n
        }
    };
    Ok(n)
}

/// A search result's place in the results (newest added first), for the
/// links to the next and previous pages.
pub fn search_cursor(row: &QueueRow) -> Cursor {
    Cursor::new(row.id.get(), row.id.get())
}

/// One page of the comments in the filter's status that `query` finds,
/// newest added first (by id: the index keeps that order, so no match has to
/// be sorted); read from the window's end like `queue_page`.
pub async fn search_page(
    pool: &SqlitePool,
    query: &CommentQuery,
    filter: QueueFilter,
    window: Window,
) -> sqlx::Result<Vec<QueueRow>> {
    let fts = query.fts5_in_status(filter.status.as_str());
    let past = window.past.id;
    let from_newest = window.from == End::Newest;
    let rows = sqlx::query_as!(
        QueueRecord,
        r#"WITH page(id) AS (
               SELECT id FROM (SELECT s.rowid AS id FROM comment_search s CROSS JOIN comments c ON c.id = s.rowid
                               WHERE ?6 AND comment_search MATCH ?1 AND s.rowid < ?2
                                 AND (?3 IS NULL OR c.post_id = ?3)
                               ORDER BY s.rowid DESC LIMIT ?4 OFFSET ?5)
               UNION ALL
               SELECT id FROM (SELECT s.rowid AS id FROM comment_search s CROSS JOIN comments c ON c.id = s.rowid
                               WHERE NOT ?6 AND comment_search MATCH ?1 AND s.rowid > ?2
                                 AND (?3 IS NULL OR c.post_id = ?3)
                               ORDER BY s.rowid ASC LIMIT ?4 OFFSET ?5))
           SELECT c.id AS "id!: CommentId", c.author_name, c.author_email, c.author_website, c.body_html,
                  c.status AS "status: Status", c.status_reason, c.ip, c.user_agent,
                  c.created_at AS "created_at: UnixTime", c.parent_id AS "parent_id: CommentId",
                  parent.body AS "parent_body?",
                  c.admin_id IS NOT NULL AS "by_admin!: bool",
                  p.title AS post_title, p.slug AS post_slug,
                  p.status = 'published' AS "post_published!: bool",
                  p.kind = 'page' AS "post_is_page!: bool"
           FROM page JOIN comments c ON c.id = page.id
                JOIN posts p ON p.id = c.post_id
                LEFT JOIN comments parent ON parent.id = c.parent_id
           ORDER BY c.id DESC"#,
        fts,
        past,
        filter.post_id,
        window.take,
        window.skip,
        from_newest
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(QueueRow::from).collect())
}

/// The first line of a comment, cut to a length that fits the queue.
fn first_line(body: &str) -> String {
    const MAX_CHARS: usize = 80;
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > MAX_CHARS {
        let cut: String = line.chars().take(MAX_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_owned()
    }
}

/// What became of one requested action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionResult {
    Done,
    NotFound,
    /// The action does not apply to the comment's current state (the rules'
    /// reason given); nothing changed.
    Refused(Message),
}

async fn status_of(conn: &mut SqliteConnection, id: CommentId) -> sqlx::Result<Option<Status>> {
    let row = sqlx::query!(
        r#"SELECT status AS "status: Status" FROM comments WHERE id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.status))
}

async fn set_status(
    conn: &mut SqliteConnection,
    id: CommentId,
    status: Status,
) -> sqlx::Result<()> {
    sqlx::query!("UPDATE comments SET status = ? WHERE id = ?", status, id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Who acted, as the moderation log names them.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Admin(&'a Moderator<'a>),
    /// A `folio` command, run by whoever operates the server.
    CommandLine,
}

/// How the log names what was done at the command line.
pub const COMMAND_LINE: &str = "(command line)";

/// A log entry, about one comment or several (`None`, kept as 0).
pub(super) async fn log(
    conn: &mut SqliteConnection,
    by: Actor<'_>,
    action: &str,
    comment_id: Option<CommentId>,
    detail: &str,
    now: UnixTime,
) -> sqlx::Result<()> {
    let (admin_id, username) = match by {
        Actor::Admin(moderator) => (Some(moderator.admin_id), moderator.username),
        Actor::CommandLine => (None, COMMAND_LINE),
    };
    sqlx::query!(
        "INSERT INTO moderation_log (admin_id, admin_username, action, comment_id, detail, created_at)
         VALUES (?, ?, ?, COALESCE(?, 0), ?, ?)",
        admin_id,
        username,
        action,
        comment_id,
        detail,
        now
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Who moderates, when and from where: the same for every comment of a bulk action.
struct Acting<'a> {
    by: &'a Moderator<'a>,
    now: UnixTime,
    via: Via,
}

async fn apply_in(
    conn: &mut SqliteConnection,
    acting: &Acting<'_>,
    id: CommentId,
    action: Action,
) -> sqlx::Result<ActionResult> {
    let Acting { by, now, via } = *acting;
    let Some(current) = status_of(conn, id).await? else {
        return Ok(ActionResult::NotFound);
    };
    match action.apply_via(current, via) {
        Err(why) => return Ok(ActionResult::Refused(why)),
        Ok(Outcome::MoveTo(status)) => {
            set_status(conn, id, status).await?;
            if status == Status::Approved {
                super::outbox::queue_reply_mail(conn, id, now).await?;
            }
        }
        Ok(Outcome::Delete) => delete_keeping_replies(conn, id).await?,
    }
    let detail = moderation::moved_detail(current, action, via == Via::EmailLink);
    log(
        conn,
        Actor::Admin(by),
        action.as_str(),
        Some(id),
        &detail.to_stored(),
        now,
    )
    .await?;
    Ok(ActionResult::Done)
}

/// Deletes a comment for good; its replies move up to its parent, so no thread is cut loose.
pub(super) async fn delete_keeping_replies(
    conn: &mut SqliteConnection,
    id: CommentId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE comments SET parent_id = (SELECT parent_id FROM comments WHERE id = ?1) WHERE parent_id = ?1",
        id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("DELETE FROM comments WHERE id = ?", id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Applies an action to one comment, logged, in one transaction, saying where
/// it came from; from an email link it applies only to a comment that is
/// still pending (a link dies once its comment has left the queue).
pub async fn apply(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    id: CommentId,
    action: Action,
    now: UnixTime,
    via: Via,
) -> sqlx::Result<ActionResult> {
    let mut tx = super::begin_write(pool).await?;
    let result = apply_in(&mut tx, &Acting { by, now, via }, id, action).await?;
    tx.commit().await?;
    Ok(result)
}

/// Applies an action to several comments in one transaction; one result per id.
pub async fn apply_bulk(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    ids: &[CommentId],
    action: Action,
    now: UnixTime,
) -> sqlx::Result<Vec<ActionResult>> {
    let mut tx = super::begin_write(pool).await?;
    let mut results = Vec::with_capacity(ids.len());
    let acting = Acting {
        by,
        now,
        via: Via::Queue,
    };
    for id in ids {
        results.push(apply_in(&mut tx, &acting, *id, action).await?);
    }
    tx.commit().await?;
    Ok(results)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replied {
    /// The reply's id, and whether its parent was approved with it.
    Stored {
        id: CommentId,
        approved_parent: bool,
    },
    NotFound,
    Refused(Message),
}

/// The admin's reply, stored approved under `parent_id`; a pending parent is approved with it.
pub async fn reply(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    parent_id: CommentId,
    body: &str,
    body_html: &SafeHtml,
    now: UnixTime,
) -> sqlx::Result<Replied> {
    let mut tx = super::begin_write(pool).await?;
    let Some(parent) = sqlx::query!(
        r#"SELECT post_id AS "post_id!: PostId", status AS "status: Status" FROM comments WHERE id = ?"#,
        parent_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Replied::NotFound);
    };
    let approved_parent = match moderation::reply_approves_parent(parent.status) {
        Ok(approves) => approves,
        Err(why) => return Ok(Replied::Refused(why)),
    };
    if approved_parent {
        approve_with_reply(&mut tx, by, parent_id, now).await?;
    }
    let reply = NewReply {
        post_id: parent.post_id,
        parent_id,
        body,
        body_html,
    };
    let id = insert_reply(&mut tx, by, &reply, now).await?;
    super::outbox::queue_reply_mail(&mut tx, id, now).await?;
    let detail = moderation::reply_detail(parent_id).to_stored();
    log(&mut tx, Actor::Admin(by), "reply", Some(id), &detail, now).await?;
    tx.commit().await?;
    Ok(Replied::Stored {
        id,
        approved_parent,
    })
}

/// An admin's reply on its way into `comments`.
struct NewReply<'a> {
    post_id: PostId,
    parent_id: CommentId,
    body: &'a str,
    body_html: &'a SafeHtml,
}

/// Stores an admin's reply, approved.
async fn insert_reply(
    conn: &mut SqliteConnection,
    by: &Moderator<'_>,
    reply: &NewReply<'_>,
    now: UnixTime,
) -> sqlx::Result<CommentId> {
    let html = reply.body_html.as_str();
    let approved = Status::Approved;
    let id = sqlx::query!(
        // Signed with the admin's display name, else the site's title: never the login name.
        "INSERT INTO comments (post_id, parent_id, author_name, author_email, body, body_html, status, admin_id, created_at,
                               link_nonce)
         VALUES (?, ?, COALESCE(NULLIF((SELECT display_name FROM admins WHERE id = ?), ''),
                                (SELECT title FROM site_settings WHERE id = 1), 'Admin'),
                 '', ?, ?, ?, ?, ?, lower(hex(randomblob(8))))",
        reply.post_id,
        reply.parent_id,
        by.admin_id,
        reply.body,
        html,
        approved,
        by.admin_id,
        now
    )
    .execute(conn)
    .await?
    .last_insert_rowid();
    Ok(CommentId::new(id))
}

/// Approves the pending parent of an admin's reply, logged.
async fn approve_with_reply(
    conn: &mut SqliteConnection,
    by: &Moderator<'_>,
    parent_id: CommentId,
    now: UnixTime,
) -> sqlx::Result<()> {
    set_status(conn, parent_id, Status::Approved).await?;
    super::outbox::queue_reply_mail(conn, parent_id, now).await?;
    let detail = moderation::approved_with_reply_detail().to_stored();
    log(
        conn,
        Actor::Admin(by),
        "approve",
        Some(parent_id),
        &detail,
        now,
    )
    .await
}

/// A comment as the edit form shows it.
#[derive(Debug, Clone)]
pub struct EditableComment {
    pub id: CommentId,
    pub author_name: String,
    pub author_website: String,
    pub body: String,
    pub status: Status,
}

pub async fn editable(pool: &SqlitePool, id: CommentId) -> sqlx::Result<Option<EditableComment>> {
    sqlx::query_as!(
        EditableComment,
        r#"SELECT id AS "id!: CommentId", author_name, author_website, body, status AS "status: Status"
           FROM comments WHERE id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Saves an admin's edit with its rendered text; `false` when the comment no longer exists.
pub async fn edit(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    id: CommentId,
    edit: &CommentEdit,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let name = edit.name.as_ref();
    let website = edit.website.as_ref().map_or("", AsRef::as_ref);
    let body = edit.body.as_ref();
    let html = comment_text::render(body);
    let html = html.as_str();
    let changed = sqlx::query!(
        "UPDATE comments SET author_name = ?, author_website = ?, body = ?, body_html = ? WHERE id = ?",
        name,
        website,
        body,
        html,
        id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    log(&mut tx, Actor::Admin(by), "edit", Some(id), "", now).await?;
    tx.commit().await?;
    Ok(true)
}

#[derive(Debug, Clone)]
pub struct LogEntry {
    pub id: i64,
    pub admin_username: String,
    pub action: String,
    /// `None` for an entry about several comments.
    pub comment_id: Option<CommentId>,
    /// Whether the comment is still there to be looked at.
    pub comment_exists: bool,
    pub detail: String,
    pub created_at: UnixTime,
}

/// A log entry's place in the log, for the links to the next and previous pages.
pub fn log_cursor(entry: &LogEntry) -> Cursor {
    Cursor::new(entry.created_at.seconds(), entry.id)
}

/// One page of the log, newest first, read through its date index from the
/// window's end (see `domain::pagination`) like `queue_page`.
pub async fn log_page(pool: &SqlitePool, window: Window) -> sqlx::Result<Vec<LogEntry>> {
    let (at, id) = (window.past.at, window.past.id);
    let from_newest = window.from == End::Newest;
    sqlx::query_as!(
        LogEntry,
        r#"WITH page(id) AS (
               SELECT id FROM (SELECT l.id FROM moderation_log l
                               WHERE ?5 AND (l.created_at, l.id) < (?1, ?2)
                               ORDER BY l.created_at DESC, l.id DESC LIMIT ?3 OFFSET ?4)
               UNION ALL
               SELECT id FROM (SELECT l.id FROM moderation_log l
                               WHERE NOT ?5 AND (l.created_at, l.id) > (?1, ?2)
                               ORDER BY l.created_at ASC, l.id ASC LIMIT ?3 OFFSET ?4))
           SELECT l.id AS "id!: i64", l.admin_username, l.action,
                  NULLIF(l.comment_id, 0) AS "comment_id: CommentId", l.detail,
                  l.created_at AS "created_at: UnixTime",
                  EXISTS (SELECT 1 FROM comments c WHERE c.id = l.comment_id) AS "comment_exists!: bool"
           FROM page JOIN moderation_log l ON l.id = page.id
           ORDER BY l.created_at DESC, l.id DESC"#,
        at,
        id,
        window.take,
        window.skip,
        from_newest
    )
    .fetch_all(pool)
    .await
}

pub async fn log_count(pool: &SqlitePool) -> sqlx::Result<i64> {
    let row = sqlx::query!(r#"SELECT COUNT(*) AS "n!: i64" FROM moderation_log"#)
        .fetch_one(pool)
        .await?;
    Ok(row.n)
}
