//! Every SQL statement Folio runs, checked at compile time against `migrations/`.

pub mod admins;
pub mod comments;
pub mod keys;
pub mod moderation;
pub mod posts;
pub mod sessions;
pub mod settings;
pub mod throttle;

/// Starts a transaction that may write after reading. SQLite's default
/// (deferred) transactions fail with `SQLITE_BUSY` under concurrent writers
/// when they upgrade from read to write; taking the write lock first does not.
pub async fn begin_write(
    pool: &sqlx::SqlitePool,
) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
