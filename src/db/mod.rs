//! Every SQL statement Folio runs, checked at compile time against `migrations/`.

pub mod admins;
pub mod comment_writer;
pub mod comments;
pub mod export;
pub mod import;
pub mod intake;
pub mod keys;
pub mod media;
pub mod moderation;
pub mod outbox;
pub mod passkeys;
pub mod posts;
pub mod privacy;
pub mod revisions;
pub mod schedule;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod tags;
pub mod throttle;
pub mod trash;
pub mod two_factor;
mod types;
pub mod wp_media;

use crate::domain::time::UnixTime;

/// A public page in the sitemap: a post or a tag page, by slug, and when it last changed.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub slug: String,
    /// Never earlier than the (first) publication.
    pub updated_at: UnixTime,
}

/// Writers take turns here, first come first served, before they ask SQLite
/// for its write lock: waiting on SQLite's busy handler means sleeping in steps
/// of up to 100 ms, which under load wastes most of the time.
static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A write transaction, holding this process's writer turn until it ends.
pub struct WriteTx<'c> {
    tx: sqlx::Transaction<'c, sqlx::Sqlite>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl WriteTx<'_> {
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> sqlx::Result<()> {
        self.tx.rollback().await
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = sqlx::SqliteConnection;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// SQLite's default (deferred) transactions fail with `SQLITE_BUSY` under
/// concurrent writers when they upgrade from read to write; taking the write
/// lock first does not.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// Starts a transaction that may write after reading, on a pooled connection.
/// Dropped without `commit`, it rolls back.
pub async fn begin_write(pool: &sqlx::SqlitePool) -> sqlx::Result<WriteTx<'static>> {
    let turn = WRITER.lock().await;
    let tx = pool.begin_with(BEGIN_WRITE).await?;
    Ok(WriteTx { tx, _turn: turn })
}

/// The same on a connection of its own (the comment writer's).
pub async fn begin_write_on(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<WriteTx<'_>> {
    use sqlx::Connection;
    let turn = WRITER.lock().await;
    let tx = conn.begin_with(BEGIN_WRITE).await?;
    Ok(WriteTx { tx, _turn: turn })
}

/// Moves everything in the write-ahead log into the database file and empties the log.
pub async fn checkpoint(pool: &sqlx::SqlitePool) -> sqlx::Result<()> {
    // A fixed statement with no parameters; the query! macros cannot describe PRAGMA results.
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether a write that needs a new page can be committed now: one is added
/// and freed again in one transaction (see the `write_probe` migration).
pub async fn write_probe(pool: &sqlx::SqlitePool) -> sqlx::Result<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query!("INSERT INTO write_probe (filler) VALUES (zeroblob(4096))")
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM write_probe")
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A consistent copy of the live database in a new file (`VACUUM INTO`), taken
/// while the server keeps running: readers and writers are not stopped.
pub async fn backup_into(pool: &sqlx::SqlitePool, path: &str) -> sqlx::Result<()> {
    sqlx::query!("VACUUM INTO ?", path).execute(pool).await?;
    Ok(())
}

/// The names of the database's tables.
pub async fn table_names(pool: &sqlx::SqlitePool) -> sqlx::Result<Vec<String>> {
    let rows =
        sqlx::query!(r#"SELECT name AS "name!: String" FROM sqlite_master WHERE type = 'table'"#)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// The versions of the migrations applied to the database.
pub async fn applied_migrations(pool: &sqlx::SqlitePool) -> sqlx::Result<Vec<i64>> {
    let rows = sqlx::query!(r#"SELECT version AS "version!: i64" FROM _sqlx_migrations"#)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|r| r.version).collect())
}

/// `ok` when SQLite finds the database file sound.
pub async fn integrity_check(pool: &sqlx::SqlitePool) -> sqlx::Result<String> {
    // A fixed statement with no parameters; the query! macros cannot describe PRAGMA results.
    sqlx::query_scalar::<_, String>("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
}

/// Moves whenever anything readers can see changes (kept by triggers; see the
/// `content_version` migration): the key under which rendered pages are cached.
pub async fn content_version(pool: &sqlx::SqlitePool) -> sqlx::Result<i64> {
    let row = sqlx::query!(r#"SELECT n AS "n!: i64" FROM content_version WHERE id = 1"#)
        .fetch_one(pool)
        .await?;
    Ok(row.n)
}
