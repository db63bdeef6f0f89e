//! Storage hygiene: full IP addresses are kept only as long as moderation needs
//! them, spam only as long as someone might want to review it, and the record
//! of emails (with their recipients) only as long as it helps to see what was sent;
//! posts and pages in the trash are deleted for good after 30 days.

use std::time::Duration;

use sqlx::SqlitePool;

use crate::db;
use crate::domain::client_ip;
use crate::domain::ids::CommentId;
use crate::domain::time::Clock;
use crate::domain::time::UnixTime;
use crate::domain::trash;

/// How often the background task runs.
pub const INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Comments rewritten or deleted per transaction, so the writer lock is never held for long.
const BATCH: i64 = 500;

const DAY_SECONDS: i64 = 24 * 60 * 60;

pub use crate::domain::settings::Retention;

/// Sent, failed and cancelled emails are listed on /admin/email this long, then deleted.
pub const MAIL_KEPT_DAYS: i64 = 30;

/// What one run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tidied {
    pub ips_reduced: u64,
    pub spam_purged: u64,
    pub mails_purged: u64,
    pub trash_purged: u64,
}

/// Reduces IP addresses older than the retention to /24 or /48, deletes old
/// spam, old mail records and what has been in the trash for 30 days.
pub async fn tidy(pool: &SqlitePool, retention: Retention, now: UnixTime) -> sqlx::Result<Tidied> {
    let mut tidied = Tidied::default();
    if retention.ip_days > 0 {
        let before = now - i64::from(retention.ip_days) * DAY_SECONDS;
        loop {
            let batch = db::comments::with_full_ip_before(pool, before, BATCH).await?;
            if batch.is_empty() {
                break;
            }
            let reduced: Vec<(CommentId, String)> = batch
                .into_iter()
                .map(|(id, ip)| (id, client_ip::reduce(&ip)))
                .collect();
            db::comments::replace_ips(pool, &reduced).await?;
            tidied.ips_reduced += reduced.len() as u64;
        }
    }
    if retention.spam_days > 0 {
        let before = now - i64::from(retention.spam_days) * DAY_SECONDS;
        loop {
            let purged = db::comments::purge_spam_before(pool, before, BATCH).await?;
            tidied.spam_purged += purged;
            if purged < BATCH.unsigned_abs() {
                break;
            }
        }
    }
    tidied.mails_purged =
        db::outbox::purge_done_before(pool, now - MAIL_KEPT_DAYS * DAY_SECONDS).await?;
    tidied.trash_purged = db::trash::purge(pool, trash::purge_before(now)).await?;
    Ok(tidied)
}

/// One run with the retention in force: the periods chosen in the site's
/// settings, read afresh each time, and the server's `defaults` for the others.
pub async fn run(pool: &SqlitePool, defaults: Retention, now: UnixTime) -> sqlx::Result<Tidied> {
    let retention = db::settings::load(pool)
        .await?
        .map_or(defaults, |site| site.retention(defaults));
    tidy(pool, retention, now).await
}

/// Runs [`run`] now and then every [`INTERVAL`], for as long as the server runs.
pub fn spawn(pool: SqlitePool, defaults: Retention, clock: Clock) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match run(&pool, defaults, clock.now()).await {
                Ok(tidied) if tidied != Tidied::default() => tracing::info!(
                    ips_reduced = tidied.ips_reduced,
                    spam_purged = tidied.spam_purged,
                    mails_purged = tidied.mails_purged,
                    trash_purged = tidied.trash_purged,
                    "storage hygiene"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(error = ?error, "storage hygiene failed"),
            }
        }
    })
}
