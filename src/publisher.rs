//! Scheduled posts go public on their own, with no request needed: a task
//! sleeps until the next publication time and then publishes what is due. A
//! save that changes a schedule wakes it ([`Publisher::schedule_changed`]), and
//! so does a test that moves its manual clock. At start, whatever came due
//! while Folio was stopped is published before the first request is served.

use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::db;
use crate::domain::time::{Clock, UnixTime};
use crate::page_cache::PageCache;

/// The longest the task sleeps without looking again: schedules written by
/// another program (`folio import` while the server runs) are seen within
/// this, and so is a clock that jumped (a machine woken from sleep). Looking
/// costs one indexed query.
pub const LONGEST_NAP: Duration = Duration::from_secs(10);

/// Wakes the publishing task; cloned into whatever changes schedules.
#[derive(Debug, Clone, Default)]
pub struct Publisher {
    wake: Arc<Notify>,
}

impl Publisher {
    /// A schedule was set, moved or dropped: the task looks again at once.
    pub fn schedule_changed(&self) {
        self.wake.notify_one();
    }

    /// Runs the publishing task for as long as the server runs.
    pub fn spawn(&self, pool: SqlitePool, clock: Clock, pages: Arc<PageCache>) -> JoinHandle<()> {
        let wake = Arc::clone(&self.wake);
        tokio::spawn(async move {
            loop {
                let now = clock.now();
                let next = match publish_due(&pool, &pages, now).await {
                    Ok(next) => next,
                    Err(error) => {
                        tracing::warn!(error = ?error, "publishing scheduled posts failed");
                        None
                    }
                };
                let nap = next.map_or(LONGEST_NAP, |at| {
                    Duration::from_secs(u64::try_from(at - now).unwrap_or(0)).min(LONGEST_NAP)
                });
                tokio::select! {
                    () = tokio::time::sleep(nap) => {}
                    () = wake.notified() => {}
                    () = clock.moved() => {}
                }
            }
        })
    }
}

/// Publishes every scheduled post due at `now` and tells the page cache;
/// the next time a post is due, if any. Looking is a read: the write, which
/// waits its turn behind whatever else writes (a burst of comments, an
/// import), happens only when something is due.
pub async fn publish_due(
    pool: &SqlitePool,
    pages: &PageCache,
    now: UnixTime,
) -> sqlx::Result<Option<UnixTime>> {
    let next = db::schedule::next_due(pool).await?;
    if next.is_none_or(|at| at > now) {
        return Ok(next);
    }
    let published = db::schedule::publish_due(pool, now).await?;
    if published > 0 {
        pages.note_possible_change();
        tracing::info!(published, "published scheduled posts");
    }
    db::schedule::next_due(pool).await
}
