//! Failed-login counts per username and per client IP, kept in SQLite so a lock survives a restart.

use sqlx::SqlitePool;

use crate::domain::time::UnixTime;

pub fn user_key(username: &str) -> String {
    format!("user:{}", username.to_lowercase())
}

pub fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// The latest time until which any of these keys is locked, if one is locked now.
pub async fn locked_until(
    pool: &SqlitePool,
    user: &str,
    ip: &str,
    now: UnixTime,
) -> sqlx::Result<Option<UnixTime>> {
    let row = sqlx::query!(
        r#"SELECT MAX(locked_until) AS "until: UnixTime" FROM login_throttle
           WHERE (key = ? OR key = ?) AND locked_until > ?"#,
        user,
        ip,
        now
    )
    .fetch_one(pool)
    .await?;
    Ok(row.until)
}

/// Counts a failure for `key`; failures older than the lock period are forgotten,
/// and reaching `max_failures` locks the key for `lock_seconds`. Returns the
/// failures counted now.
pub async fn record_failure(
    pool: &SqlitePool,
    key: &str,
    now: UnixTime,
    max_failures: i64,
    lock_seconds: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"INSERT INTO login_throttle (key, failures, last_failure_at, locked_until)
           VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?2 + ?4 ELSE 0 END)
           ON CONFLICT (key) DO UPDATE SET
               failures = CASE WHEN last_failure_at < ?2 - ?4 THEN 1 ELSE failures + 1 END,
               locked_until = CASE
                   WHEN (CASE WHEN last_failure_at < ?2 - ?4 THEN 1 ELSE failures + 1 END) >= ?3
                   THEN ?2 + ?4 ELSE locked_until END,
               last_failure_at = ?2
           RETURNING failures"#,
        key,
        now,
        max_failures,
        lock_seconds
    )
    .fetch_one(pool)
    .await
}

/// A successful login forgets the failures of its username and IP.
pub async fn clear(pool: &SqlitePool, user: &str, ip: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM login_throttle WHERE key = ? OR key = ?",
        user,
        ip
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A login lock in force: on an account (`user:<name>`) or an address (`ip:<address>`).
#[derive(Debug, Clone)]
pub struct Lock {
    pub key: String,
    pub failures: i64,
    pub locked_until: UnixTime,
}

/// The locks in force at `now`, the longest-lasting first.
pub async fn locks_in_force(pool: &SqlitePool, now: UnixTime) -> sqlx::Result<Vec<Lock>> {
    sqlx::query_as!(
        Lock,
        r#"SELECT key AS "key!: String", failures, locked_until AS "locked_until: UnixTime"
           FROM login_throttle
           WHERE locked_until > ? ORDER BY locked_until DESC"#,
        now
    )
    .fetch_all(pool)
    .await
}

/// Lifts a lock (and forgets its failures); `false` when there was none.
pub async fn lift(pool: &SqlitePool, key: &str) -> sqlx::Result<bool> {
    let result = sqlx::query!("DELETE FROM login_throttle WHERE key = ?", key)
        .execute(pool)
        .await?;
    Ok(result.rows_affected() > 0)
}
