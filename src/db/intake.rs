//! Storing a reader's comment: the commenter's history (the one query behind
//! the rate limit, the duplicate rule and the known-author rule) and the
//! guarded insert the comment writer runs in its transaction (one statement
//! that stores the comment only if the same look-ups find nothing against it).

use sqlx::SqliteConnection;

use crate::domain::comment::NewComment;
use crate::domain::ids::{CommentId, PostId};
use crate::domain::intake::{Fate, Intake, Refusal};
use crate::domain::moderation::Status;
use crate::domain::spam::{Guard, History, RejectKind};

/// The author's and the IP's history, read with indexed, bounded look-ups only
/// (an author's own comments, one IP's recent comments), never a scan of all comments.
pub async fn history(
    conn: &mut SqliteConnection,
    post_id: PostId,
    comment: &NewComment,
    ip: &str,
    guard: &Guard,
) -> sqlx::Result<History> {
    let email = comment.email.as_ref();
    let name = comment.name.as_ref();
    let body = comment.body.as_ref();
    let prefix = indexed_prefix(body);
    let approved = Status::Approved;
    let count_up_to = guard.count_up_to(ip);
    // One round trip for all three look-ups, each bounded by an index: the
    // author's comments by email; this address's comments in the rate window (at
    // most `count_up_to` of them); and the same text on the same post, found
    // through the post-and-text index (the unary `+` keeps SQLite from trading
    // it for the per-IP or per-email index, which one busy address would make a
    // long scan), then from the same email or IP within the duplicate window.
    let row = sqlx::query!(
        r#"SELECT
               EXISTS (
                   SELECT 1 FROM comments
                   WHERE author_email = ?1 COLLATE NOCASE AND author_name = ?2 AND status = ?10
               ) AS "known_author!: bool",
               (SELECT COUNT(*) FROM (
                   SELECT 1 FROM comments WHERE ip = ?3 AND created_at > ?4 LIMIT ?5
               )) AS "recent_from_ip!: i64",
               EXISTS (
                   SELECT 1 FROM comments INDEXED BY comments_by_post_text
                   WHERE post_id = ?6 AND substr(body, 1, 64) = ?7 AND +body = ?8
                     AND +created_at > ?9
                     AND (+author_email = ?1 COLLATE NOCASE OR (+ip = ?3 AND ip <> ''))
               ) AS "duplicate!: bool""#,
        email,
        name,
        ip,
        guard.rate_window_start,
        count_up_to,
        post_id,
        prefix,
        body,
        guard.duplicate_window_start,
        approved
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(History {
        known_author: row.known_author,
        recent_from_ip: row.recent_from_ip,
        duplicate: row.duplicate,
    })
}

/// The start of a comment's text as the duplicate look-up's index holds it
/// (`substr(body, 1, 64)`: characters, not bytes).
fn indexed_prefix(body: &str) -> String {
    body.chars().take(64).collect()
}

/// Whether `parent_id` is an approved comment of this post (the only kind a reply may answer).
async fn parent_is_approved(
    conn: &mut SqliteConnection,
    post_id: PostId,
    parent_id: CommentId,
) -> sqlx::Result<bool> {
    let approved = Status::Approved;
    let parent = sqlx::query!(
        "SELECT id FROM comments WHERE id = ? AND post_id = ? AND status = ?",
        parent_id,
        post_id,
        approved
    )
    .fetch_optional(conn)
    .await?;
    Ok(parent.is_some())
}

/// Stores the comment if its parent is still approved and the guard still
/// holds against what is stored now. Runs inside the comment writer's
/// transaction, so the guard also sees the comments stored before it there.
pub async fn store_guarded(
    conn: &mut SqliteConnection,
    intake: &Intake,
    guard: &Guard,
) -> sqlx::Result<Fate> {
    let Some((id, link_nonce)) = insert_guarded(conn, intake, guard).await? else {
        let kind = why_refused(conn, intake, guard).await?;
        return Ok(Fate::Refused(Refusal::Rejected(kind)));
    };
    let answers_a_comment = intake.comment.parent_id.is_some();
    super::outbox::queue_for_new_comment(
        conn,
        id,
        intake.comment.email.as_ref(),
        intake.status,
        intake.mail,
        answers_a_comment,
        intake.created_at,
    )
    .await?;
    Ok(Fate::Stored {
        id,
        status: intake.status,
        link_nonce,
    })
}

/// Why [`insert_guarded`] stored nothing, asked in the rules' own terms: the
/// parent first, then `Guard::refusal` on the history.
async fn why_refused(
    conn: &mut SqliteConnection,
    intake: &Intake,
    guard: &Guard,
) -> sqlx::Result<RejectKind> {
    if let Some(parent_id) = intake.comment.parent_id
        && !parent_is_approved(conn, intake.post_id, parent_id).await?
    {
        return Ok(RejectKind::ParentGone);
    }
    let origin = &intake.origin;
    let history = history(conn, intake.post_id, &intake.comment, &origin.ip, guard).await?;
    guard.refusal(&history).ok_or_else(|| {
        sqlx::Error::Protocol(
            "the guarded insert stored nothing, yet the guard finds nothing against it".into(),
        )
    })
}

/// Inserts the comment in one statement, only if its parent (if any) is
/// approved and the guard holds: the `WHERE` clause is `Guard::refusal` over
/// the same three look-ups as [`history`] (a refused comment is rare, so its
/// reason is asked afterwards). Its id and link value; `None` when it was refused.
///
/// One statement instead of a look-up and an insert halves the round trips to
/// SQLite's thread, which is what intake under a burst spends its time on.
async fn insert_guarded(
    conn: &mut SqliteConnection,
    intake: &Intake,
    guard: &Guard,
) -> sqlx::Result<Option<(CommentId, String)>> {
    let comment = &intake.comment;
    let name = comment.name.as_ref();
    let email = comment.email.as_ref();
    let website = comment.website.as_ref().map_or("", AsRef::as_ref);
    let body = comment.body.as_ref();
    let prefix = indexed_prefix(body);
    let html = intake.body_html.as_str();
    let ip = intake.origin.ip.as_str();
    let approved = Status::Approved;
    let count_up_to = guard.count_up_to(ip);
    let row = sqlx::query!(
        r#"INSERT INTO comments (post_id, parent_id, author_name, author_email, author_website,
                                 body, body_html, status, status_reason, ip, user_agent, created_at,
                                 consent_at, link_nonce)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, lower(hex(randomblob(8)))
           WHERE (?2 IS NULL OR EXISTS (
                     SELECT 1 FROM comments WHERE id = ?2 AND post_id = ?1 AND status = ?14
                 ))
             AND (?15 = 0 OR (SELECT COUNT(*) FROM (
                     SELECT 1 FROM comments WHERE ip = ?10 AND created_at > ?16 LIMIT ?15
                 )) < ?15)
             AND (NOT ?17 OR NOT EXISTS (
                     SELECT 1 FROM comments INDEXED BY comments_by_post_text
                     WHERE post_id = ?1 AND substr(body, 1, 64) = ?18 AND +body = ?6
                       AND +created_at > ?19
                       AND (+author_email = ?4 COLLATE NOCASE OR (+ip = ?10 AND ip <> ''))
                 ))
           RETURNING id AS "id!: CommentId", link_nonce"#,
        intake.post_id,
        comment.parent_id,
        name,
        email,
        website,
        body,
        html,
        intake.status,
        intake.status_reason,
        ip,
        intake.origin.user_agent,
        intake.created_at,
        intake.consent_at,
        approved,
        count_up_to,
        guard.rate_window_start,
        guard.check_duplicate,
        prefix,
        guard.duplicate_window_start
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| (row.id, row.link_nonce)))
}
