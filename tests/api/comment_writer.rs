//! The comment writer's group commits: a comment that cannot be stored fails
//! alone, and stopping the writer stores what it was handed first.

use folio::db::comment_writer::{CommentWriter, StoreError};
use folio::domain::comment::{CommentForm, NewComment};
use folio::domain::comment_text;
use folio::domain::intake::{Fate, Intake, Origin};
use folio::domain::moderation::Status;
use folio::domain::spam::{Guard, Limits};
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
    startup::initialise_site(&pool, folio::domain::time::now())
        .await
        .unwrap();
    let post_id = sqlx::query_scalar("SELECT id FROM posts")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (writer, task) = CommentWriter::start(&startup::connect_options(&url).unwrap())
        .await
        .unwrap();
    (pool, post_id, writer, task, dir)
}

fn intake(post_id: i64, body: &str, status: Status) -> Intake {
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
        consent_at: None,
        mail: Default::default(),
    }
}

/// No rate limit and no duplicate check: only the statement itself can fail.
fn no_guard() -> Guard {
    let limits = Limits {
        min_seconds: 0,
        comments_per_minute: 0,
    };
    Guard::new(0, limits).checking_duplicates(false)
}

/// A post that does not exist: the database refuses the comment (foreign key).
const NO_SUCH_POST: i64 = 999_999;

fn stored(outcome: &Result<Fate, StoreError>) -> bool {
    matches!(outcome, Ok(Fate::Stored { .. }))
}

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
        writer.store(intake(post_id, "First", Status::Pending), no_guard()),
        writer.store(intake(NO_SUCH_POST, "Refused", Status::Pending), no_guard()),
        writer.store(intake(post_id, "Third", Status::Approved), no_guard()),
    );
    let outcomes = [first, refused, third];

    assert!(stored(&outcomes[0]), "{outcomes:?}");
    assert!(
        matches!(outcomes[1], Err(StoreError::Database(_))),
        "{outcomes:?}"
    );
    assert!(stored(&outcomes[2]), "{outcomes:?}");
    assert_eq!(bodies(&pool).await, ["First", "Third"]);
    writer.stop().await;
    task.await.unwrap();
}

#[tokio::test]
async fn a_stopped_writer_stores_what_it_was_handed_first_and_then_refuses() {
    let (pool, post_id, writer, task, _dir) = setup().await;

    let (first, second, third, ()) = tokio::join!(
        writer.store(intake(post_id, "Queued 1", Status::Pending), no_guard()),
        writer.store(intake(post_id, "Queued 2", Status::Pending), no_guard()),
        writer.store(intake(post_id, "Queued 3", Status::Pending), no_guard()),
        writer.stop(),
    );
    task.await.unwrap();
    let outcomes = [first, second, third];

    assert!(outcomes.iter().all(stored), "{outcomes:?}");
    assert_eq!(bodies(&pool).await, ["Queued 1", "Queued 2", "Queued 3"]);
    let late = writer
        .store(intake(post_id, "Too late", Status::Pending), no_guard())
        .await;
    assert!(matches!(late, Err(StoreError::Stopped)), "{late:?}");
}
