use sqlx::SqlitePool;

use crate::domain::ids::{AdminId, SessionId};
use crate::domain::role::Role;
use crate::domain::time::UnixTime;

/// A live session and the account it belongs to.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub admin_id: AdminId,
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    pub last_seen_at: UnixTime,
    /// The account signs in with a second factor.
    pub two_step: bool,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub admin_id: AdminId,
    pub csrf_token: &'a str,
    pub user_agent: &'a str,
    /// The client's address as the login saw it.
    pub ip: &'a str,
    pub expires_at: UnixTime,
}

/// A session for an account that has just signed in (which is noted as its last sign-in).
pub async fn create(
    pool: &SqlitePool,
    session: &NewSession<'_>,
    now: UnixTime,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    // Expired sessions are swept whenever someone logs in.
    sqlx::query!("DELETE FROM sessions WHERE expires_at <= ?", now)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "UPDATE admins SET last_login_at = ? WHERE id = ?",
        now,
        session.admin_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO sessions (token_hash, admin_id, csrf_token, user_agent, ip, created_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        session.token_hash,
        session.admin_id,
        session.csrf_token,
        session.user_agent,
        session.ip,
        now,
        now,
        session.expires_at
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The session for this token hash, unless it has expired or been idle since
/// `idle_since`, or its account is deactivated.
pub async fn find_active(
    pool: &SqlitePool,
    token_hash: &str,
    now: UnixTime,
    idle_since: UnixTime,
) -> sqlx::Result<Option<ActiveSession>> {
    sqlx::query_as!(
        ActiveSession,
        r#"SELECT s.admin_id AS "admin_id: AdminId", a.username, a.role AS "role: Role", s.csrf_token,
                  s.last_seen_at AS "last_seen_at: UnixTime",
                  (EXISTS (SELECT 1 FROM totp_secrets t
                           WHERE t.admin_id = s.admin_id AND t.confirmed_at IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM passkeys p WHERE p.admin_id = s.admin_id)) AS "two_step!: bool"
           FROM sessions s JOIN admins a ON a.id = s.admin_id
           WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?
             AND a.deactivated_at IS NULL"#,
        token_hash,
        now,
        idle_since
    )
    .fetch_optional(pool)
    .await
}

pub async fn touch(pool: &SqlitePool, token_hash: &str, now: UnixTime) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
        now,
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn delete(pool: &SqlitePool, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM sessions WHERE token_hash = ?", token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn set_flash(pool: &SqlitePool, token_hash: &str, message: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE sessions SET flash = ? WHERE token_hash = ?",
        message,
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The flash message, removed as it is read so it shows once.
pub async fn take_flash(pool: &SqlitePool, token_hash: &str) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        "SELECT flash FROM sessions WHERE token_hash = ?",
        token_hash
    )
    .fetch_optional(pool)
    .await?;
    let Some(flash) = row.and_then(|r| r.flash) else {
        return Ok(None);
    };
    sqlx::query!(
        "UPDATE sessions SET flash = NULL WHERE token_hash = ?",
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(Some(flash))
}

/// One of an account's live sessions, as its list of devices shows it.
#[derive(Debug, Clone)]
pub struct DeviceRow {
    pub id: SessionId,
    pub user_agent: String,
    pub ip: String,
    pub created_at: UnixTime,
    pub last_seen_at: UnixTime,
    /// The session of the request that asks.
    pub current: bool,
}

/// The account's live sessions, the most recently used first.
pub async fn of_account(
    pool: &SqlitePool,
    admin_id: AdminId,
    current_hash: &str,
    now: UnixTime,
    idle_since: UnixTime,
) -> sqlx::Result<Vec<DeviceRow>> {
    sqlx::query_as!(
        DeviceRow,
        r#"SELECT rowid AS "id!: SessionId", user_agent, ip, created_at AS "created_at: UnixTime",
                  last_seen_at AS "last_seen_at: UnixTime",
                  token_hash = ? AS "current!: bool"
           FROM sessions
           WHERE admin_id = ? AND expires_at > ? AND last_seen_at > ?
           ORDER BY last_seen_at DESC, rowid DESC"#,
        current_hash,
        admin_id,
        now,
        idle_since
    )
    .fetch_all(pool)
    .await
}

/// Ends one of the account's other sessions (this one ends by signing out);
/// `false` when it has no such session.
pub async fn end_one(
    pool: &SqlitePool,
    admin_id: AdminId,
    id: SessionId,
    current_hash: &str,
) -> sqlx::Result<bool> {
    Ok(end(pool, admin_id, Some(id), current_hash).await? == 1)
}

/// Ends every session of the account but the one kept; how many ended.
pub async fn end_others(
    pool: &SqlitePool,
    admin_id: AdminId,
    keep_hash: &str,
) -> sqlx::Result<u64> {
    end(pool, admin_id, None, keep_hash).await
}

/// Ends the account's sessions (only the one with id `only`, if given) but
/// the one kept; how many ended.
async fn end(
    pool: &SqlitePool,
    admin_id: AdminId,
    only: Option<SessionId>,
    keep_hash: &str,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "DELETE FROM sessions WHERE admin_id = ?1 AND token_hash <> ?2 AND (?3 IS NULL OR rowid = ?3)",
        admin_id,
        keep_hash,
        only
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
