//! Readers' comments are stored by one task on a connection of its own, in
//! group commits: whatever arrived while the previous transaction was being
//! written goes into the next one. Under a burst that turns hundreds of small
//! transactions (each rewriting the same index pages into the WAL) into a few
//! larger ones; with one comment at a time it is one transaction per comment,
//! as before. A comment's 303 is sent only after the transaction holding it
//! has committed, so a reader is never told "saved" for something that is not.
//!
//! The writer's connection is the only one that stores comments, so its page
//! cache stays warm between transactions: pooled connections must reread
//! pages that another connection has written.
//!
//! A transaction that fails (a full disk, an I/O error) may leave the
//! connection in a state nobody knows: SQLite may have rolled back on its own,
//! so sqlx's rollback fails and it still counts a transaction, and every later
//! `BEGIN` would be refused. So after any failure the connection is closed and
//! the next batch opens a fresh one; the writer carries on, and remembers that
//! writes fail (for `/healthz`) until one succeeds again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sqlx::SqliteConnection;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::intake::store_guarded;
use crate::domain::intake::{Fate, Intake};
use crate::domain::spam::Guard;

/// At most this many comments go into one transaction (a bound on how long
/// the writer turn is held; a burst larger than this is split).
const MAX_BATCH: usize = 128;
/// Comments waiting for the writer before submitters wait to hand theirs over.
const QUEUE: usize = 1024;

type Outcome = sqlx::Result<Fate>;

struct Job {
    intake: Intake,
    guard: Guard,
    reply: oneshot::Sender<Outcome>,
}

/// What the writer's task is told.
enum Command {
    Store(Box<Job>),
    /// Finish what was sent before, then close the connection.
    Stop,
}

/// Why a comment could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the comment writer has stopped")]
    Stopped,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The handle request handlers store comments through; cheap to clone.
#[derive(Clone)]
pub struct CommentWriter {
    commands: mpsc::Sender<Command>,
    /// Set when a transaction failed, cleared when one succeeds.
    failing: Arc<AtomicBool>,
}

impl CommentWriter {
    /// Opens the writer's connection and starts its task.
    pub async fn start(options: &SqliteConnectOptions) -> sqlx::Result<(Self, JoinHandle<()>)> {
        use sqlx::ConnectOptions;
        let conn = options.connect().await?;
        let (commands, inbox) = mpsc::channel(QUEUE);
        let failing = Arc::new(AtomicBool::new(false));
        let writer = Writer {
            conn: Some(conn),
            options: options.clone(),
            failing: Arc::clone(&failing),
        };
        let task = tokio::spawn(run(writer, inbox));
        Ok((Self { commands, failing }, task))
    }

    /// Whether the last comment the writer tried to store failed for want of
    /// a working database (a full disk, say).
    pub fn failing(&self) -> bool {
        self.failing.load(Ordering::Relaxed)
    }

    /// Someone found that writes work again (see `routes::system::healthz`).
    pub fn writes_work(&self) {
        self.failing.store(false, Ordering::Relaxed);
    }

    /// Stores the comment if its guard still holds: `Fate::Stored` once it is
    /// committed, `Fate::Refused` when the guard (or a vanished parent) stopped it.
    pub async fn store(&self, intake: Intake, guard: Guard) -> Result<Fate, StoreError> {
        let (reply, outcome) = oneshot::channel();
        let job = Job {
            intake,
            guard,
            reply,
        };
        self.commands
            .send(Command::Store(Box::new(job)))
            .await
            .map_err(|_| StoreError::Stopped)?;
        Ok(outcome.await.map_err(|_| StoreError::Stopped)??)
    }

    /// Asks the writer to finish the comments already handed over and close
    /// its connection; await the task's handle to know it has.
    pub async fn stop(&self) {
        // A writer that has already stopped needs no telling.
        let _ = self.commands.send(Command::Stop).await;
    }
}

/// The writer's connection (none after a failure, until the next batch opens one).
struct Writer {
    conn: Option<SqliteConnection>,
    options: SqliteConnectOptions,
    failing: Arc<AtomicBool>,
}

impl Writer {
    /// Stores one batch in one transaction, on a fresh connection if the last
    /// one failed; after a failure the connection is closed, never reused.
    async fn store(&mut self, batch: &[Job]) -> sqlx::Result<Vec<Fate>> {
        let result = match self.conn.as_mut() {
            Some(conn) => store_batch(conn, batch).await,
            None => match self.reconnect().await {
                Ok(conn) => store_batch(conn, batch).await,
                Err(error) => Err(error),
            },
        };
        match &result {
            Ok(_) => self.failing.store(false, Ordering::Relaxed),
            Err(_) => {
                self.failing.store(true, Ordering::Relaxed);
                self.close().await;
            }
        }
        result
    }

    async fn reconnect(&mut self) -> sqlx::Result<&mut SqliteConnection> {
        use sqlx::ConnectOptions;
        let conn = self.options.connect().await?;
        Ok(self.conn.insert(conn))
    }

    async fn close(&mut self) {
        if let Some(conn) = self.conn.take()
            && let Err(error) = sqlx::Connection::close(conn).await
        {
            tracing::debug!(%error, "closed the comment writer's connection after a failure");
        }
    }
}

async fn run(mut writer: Writer, mut inbox: mpsc::Receiver<Command>) {
    let mut commands = Vec::with_capacity(MAX_BATCH);
    let mut stopping = false;
    while !stopping && inbox.recv_many(&mut commands, MAX_BATCH).await > 0 {
        let mut batch = Vec::with_capacity(commands.len());
        for command in commands.drain(..) {
            match command {
                Command::Store(job) => batch.push(*job),
                Command::Stop => stopping = true,
            }
        }
        store_all(&mut writer, batch).await;
    }
    if let Some(conn) = writer.conn.take()
        && let Err(error) = sqlx::Connection::close(conn).await
    {
        tracing::warn!(%error, "could not close the comment writer's connection");
    }
}

/// Stores the batch in one transaction and answers each submitter. If anything
/// fails, nothing of the batch was stored, and each comment is tried again in a
/// transaction of its own, so that one bad comment fails alone.
async fn store_all(writer: &mut Writer, batch: Vec<Job>) {
    if batch.is_empty() {
        return;
    }
    match writer.store(&batch).await {
        Ok(fates) => {
            for (job, fate) in batch.into_iter().zip(fates) {
                // The submitter may have gone (client disconnected); the comment is stored all the same.
                let _ = job.reply.send(Ok(fate));
            }
        }
        Err(error) if batch.len() == 1 => {
            if let Some(job) = batch.into_iter().next() {
                let _ = job.reply.send(Err(error));
            }
        }
        Err(error) => {
            tracing::warn!(%error, comments = batch.len(), "a group commit failed; storing its comments one by one");
            for job in batch {
                let outcome = writer
                    .store(std::slice::from_ref(&job))
                    .await
                    .and_then(|fates| fates.into_iter().next().ok_or(sqlx::Error::RowNotFound));
                let _ = job.reply.send(outcome);
            }
        }
    }
}

async fn store_batch(conn: &mut SqliteConnection, batch: &[Job]) -> sqlx::Result<Vec<Fate>> {
    let mut tx = super::begin_write_on(conn).await?;
    let mut fates = Vec::with_capacity(batch.len());
    for job in batch {
        fates.push(store_guarded(&mut tx, &job.intake, &job.guard).await?);
    }
    tx.commit().await?;
    Ok(fates)
}
