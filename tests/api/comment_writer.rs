//! The comment writer's group commits: a comment that cannot be stored fails
//! alone, and stopping the writer stores what it was handed first.

use folio::db::comment_writer::{CommentWriter, StoreError};
use folio::db::comments::{Intake, IntakeGuard, Origin};
use folio::domain::comment::{CommentForm, NewComment};
use folio::domain::comment_text;
use folio::startup;
use sqlx::SqlitePool;
use tempfile::TempDir;
use tokio::task::JoinHandle;

use crate::helpers::fresh_database;

/// A migrated database with the welcome post (and its id), and a writer started on it.
type Setup = (SqlitePool, i64, CommentWriter, JoinHandle<()>, TempDir);

async fn setup() -> Setup {
    let (dir, _path, url) = fresh_database();
    let pool = startup::connect(&url).await.unwrap();
    startup::migrate(&pool).await.unwrap();
    startup::initialise_site(&pool).await.unwrap();
    let post_id = sqlx::query_scalar("SELECT id FROM posts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (writer, task) = CommentWriter::start(&startup::connect_options(&url).unwrap())
        .await
        .unwrap();
    (pool, post_id, writer, task, dir)
}

fn intake(post_id: i64, body: &str, status: &'static str) -> Intake {
    let form = CommentForm {
        name: "Grace Hopper".into(),
        email: "grace@example.org".into(),
        body: body.into(),
        ..CommentForm::default()
    };
    let comment = NewComment::try_from(&form).unwrap();
    Intake {
        post_id,
        body_html: comment_text::render(comment.body.as_ref()),
        comment,
        origin: Origin::default(),
        status,
        status_reason: String::new(),
        created_at: 1_800_000_000,
    }
}

/// No rate limit and no duplicate check: only the statement itself can fail.
const NO_GUARD: IntakeGuard = IntakeGuard {
    rate_window_start: 0,
    rate_limit: 0,
    check_duplicate: false,
    duplicate_window_start: 0,
};

async fn bodies(pool: &SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM comments ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_comment_the_database_refuses_fails_alone_in_its_group_commit() {
    let (pool, post_id, writer, task, _dir) = setup().await;

    // Handed over together, before the writer task first runs: one transaction.
    // (`join!` polls them in order on this task, which the writer does not share.)
    let (first, refused, third) = tokio::join!(
        writer.store(intake(post_id, "First", "pending"), NO_GUARD),
        writer.store(intake(post_id, "Refused", "no-such-status"), NO_GUARD),
        writer.store(intake(post_id, "Third", "approved"), NO_GUARD),
    );
    let outcomes = [first, refused, third];

    assert!(matches!(outcomes[0], Ok(Some(_))), "{outcomes:?}");
    assert!(
        matches!(outcomes[1], Err(StoreError::Database(_))),
        "{outcomes:?}"
    );
    assert!(matches!(outcomes[2], Ok(Some(_))), "{outcomes:?}");
    assert_eq!(bodies(&pool).await, ["First", "Third"]);
    writer.stop().await;
    task.await.unwrap();
}

#[tokio::test]
async fn a_stopped_writer_stores_what_it_was_handed_first_and_then_refuses() {
    let (pool, post_id, writer, task, _dir) = setup().await;

    let (first, second, third, ()) = tokio::join!(
        writer.store(intake(post_id, "Queued 1", "pending"), NO_GUARD),
        writer.store(intake(post_id, "Queued 2", "pending"), NO_GUARD),
        writer.store(intake(post_id, "Queued 3", "pending"), NO_GUARD),
        writer.stop(),
    );
    task.await.unwrap();
    let stored = [first, second, third];

    assert!(
        stored.iter().all(|s| matches!(s, Ok(Some(_)))),
        "{stored:?}"
    );
    assert_eq!(bodies(&pool).await, ["Queued 1", "Queued 2", "Queued 3"]);
    let late = writer
        .store(intake(post_id, "Too late", "pending"), NO_GUARD)
        .await;
    assert!(matches!(late, Err(StoreError::Stopped)), "{late:?}");
}
