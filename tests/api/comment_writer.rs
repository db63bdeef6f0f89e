//! The comment writer's group commits: a comment that cannot be stored fails
//! alone, and stopping the writer stores what it was handed first.

use folio::db::comment_writer::{CommentWriter, StoreError};
use folio::domain::comment::{CommentForm, NewComment};
use folio::domain::comment_text;
use folio::domain::ids::PostId;
use folio::domain::intake::{Fate, Intake, Origin, Refusal};
use folio::domain::moderation::Status;
use folio::domain::spam::{Guard, Limits, RejectKind};
use folio::domain::time::UnixTime;
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
        post_id: PostId::new(post_id),
        body_html: comment_text::render(comment.body.as_ref()),
        comment,
        origin: Origin::default(),
        status,
        status_reason: String::new(),
        created_at: UnixTime::from_seconds(1_800_000_000),
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
    Guard::new(UnixTime::EPOCH, limits).checking_duplicates(false)
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

/// The guard as the intake builds it, at the intake's time.
fn guard(comments_per_minute: u32, check_duplicate: bool) -> Guard {
    let limits = Limits {
        min_seconds: 0,
        comments_per_minute,
    };
    Guard::new(UnixTime::from_seconds(1_800_000_000), limits).checking_duplicates(check_duplicate)
}

fn from(ip: &str, mut intake: Intake) -> Intake {
    intake.origin.ip = ip.into();
    intake
}

fn refused(outcome: &Result<Fate, StoreError>) -> Option<RejectKind> {
    match outcome {
        Ok(Fate::Refused(Refusal::Rejected(kind))) => Some(*kind),
        _ => None,
    }
}

#[tokio::test]
async fn the_guard_refuses_a_duplicate_in_the_same_group_commit_and_says_why() {
    let (pool, post_id, writer, task, _dir) = setup().await;

    let (first, again) = tokio::join!(
        writer.store(
            intake(post_id, "Said once", Status::Pending),
            guard(0, true)
        ),
        writer.store(
            intake(post_id, "Said once", Status::Pending),
            guard(0, true)
        ),
    );

    assert!(stored(&first), "{first:?}");
    assert_eq!(refused(&again), Some(RejectKind::Duplicate), "{again:?}");
    assert_eq!(bodies(&pool).await, ["Said once"]);
    writer.stop().await;
    task.await.unwrap();
}

#[tokio::test]
async fn a_duplicate_the_rules_filed_as_spam_is_stored_all_the_same() {
    let (pool, post_id, writer, task, _dir) = setup().await;

    let (first, again) = tokio::join!(
        writer.store(intake(post_id, "Buy now", Status::Spam), guard(0, false)),
        writer.store(intake(post_id, "Buy now", Status::Spam), guard(0, false)),
    );

    assert!(stored(&first) && stored(&again), "{first:?} {again:?}");
    assert_eq!(bodies(&pool).await, ["Buy now", "Buy now"]);
    writer.stop().await;
    task.await.unwrap();
}

#[tokio::test]
async fn the_guard_stops_an_address_at_the_rate_limit_within_one_group_commit() {
    let (pool, post_id, writer, task, _dir) = setup().await;
    let one = |body| from("192.0.2.7", intake(post_id, body, Status::Pending));

    let outcomes = tokio::join!(
        writer.store(one("One"), guard(2, true)),
        writer.store(one("Two"), guard(2, true)),
        writer.store(one("Three"), guard(2, true)),
        writer.store(
            from("192.0.2.8", intake(post_id, "Other", Status::Pending)),
            guard(2, true)
        ),
        writer.store(
            intake(post_id, "No address", Status::Pending),
            guard(2, true)
        ),
    );

    assert!(stored(&outcomes.0) && stored(&outcomes.1), "{outcomes:?}");
    assert_eq!(
        refused(&outcomes.2),
        Some(RejectKind::RateLimited),
        "{outcomes:?}"
    );
    assert!(stored(&outcomes.3) && stored(&outcomes.4), "{outcomes:?}");
    assert_eq!(bodies(&pool).await, ["One", "Two", "Other", "No address"]);
    writer.stop().await;
    task.await.unwrap();
}

#[tokio::test]
async fn a_reply_to_a_comment_that_is_not_approved_is_refused_as_parent_gone() {
    let (pool, post_id, writer, task, _dir) = setup().await;
    let held = writer
        .store(intake(post_id, "Held", Status::Pending), guard(0, true))
        .await;
    let Ok(Fate::Stored { id: held_id, .. }) = held else {
        panic!("{held:?}");
    };
    let approved = writer
        .store(
            intake(post_id, "Approved", Status::Approved),
            guard(0, true),
        )
        .await;
    let Ok(Fate::Stored {
        id: approved_id, ..
    }) = approved
    else {
        panic!("{approved:?}");
    };
    let reply_to = |parent_id, body| {
        let mut reply = intake(post_id, body, Status::Pending);
        reply.comment.parent_id = Some(parent_id);
        reply
    };

    let (to_held, to_approved) = tokio::join!(
        writer.store(reply_to(held_id, "To the held one"), guard(0, true)),
        writer.store(reply_to(approved_id, "To the approved one"), guard(0, true)),
    );

    assert_eq!(
        refused(&to_held),
        Some(RejectKind::ParentGone),
        "{to_held:?}"
    );
    assert!(stored(&to_approved), "{to_approved:?}");
    assert_eq!(
        bodies(&pool).await,
        ["Held", "Approved", "To the approved one"]
    );
    writer.stop().await;
    task.await.unwrap();
}
