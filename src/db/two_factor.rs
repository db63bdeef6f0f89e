//! Two-step sign-in: authenticator secrets, recovery codes, half-signed-in logins.

use sqlx::{SqliteConnection, SqlitePool};

use super::moderation::{Actor, Moderator};
use crate::domain::ids::AdminId;
use crate::domain::message::{Message, msg};
use crate::domain::role::Role;
use crate::domain::time::UnixTime;

#[derive(Debug, Clone)]
pub struct TotpRow {
    pub secret: String,
    pub confirmed_at: Option<UnixTime>,
}

/// The account's authenticator secret, confirmed or still being set up.
pub async fn totp(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Option<TotpRow>> {
    sqlx::query_as!(
        TotpRow,
        r#"SELECT secret, confirmed_at AS "confirmed_at: UnixTime" FROM totp_secrets WHERE admin_id = ?"#,
        admin_id
    )
    .fetch_optional(pool)
    .await
}

/// Whether the account signs in with a second factor.
pub async fn has_second_factor<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    admin_id: AdminId,
) -> sqlx::Result<bool> {
    let row = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM totp_secrets WHERE admin_id = ? AND confirmed_at IS NOT NULL)
           AS "yes!: bool""#,
        admin_id
    )
    .fetch_one(db)
    .await?;
    Ok(row.yes)
}

/// Starts (or starts again) setting up an authenticator app; `false` when one
/// is already confirmed (it must be turned off first).
pub async fn begin_totp(
    pool: &SqlitePool,
    admin_id: AdminId,
    secret: &str,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "INSERT INTO totp_secrets (admin_id, secret, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (admin_id) DO UPDATE SET secret = ?2, created_at = ?3
         WHERE totp_secrets.confirmed_at IS NULL",
        admin_id,
        secret,
        now
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Confirms the authenticator being set up with the step of its first code,
/// and gives the account new recovery codes; `false` if there was nothing to confirm.
pub async fn confirm_totp(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    step: i64,
    code_hashes: &[String],
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let done = sqlx::query!(
        "UPDATE totp_secrets SET confirmed_at = ?, last_used_step = ?
         WHERE admin_id = ? AND confirmed_at IS NULL",
        now,
        step,
        by.admin_id
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    store_recovery_codes(&mut tx, by.admin_id, code_hashes, now).await?;
    log(&mut tx, Actor::Admin(by), "two-step-on", by.username, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Marks the step of an accepted code as used; `false` when a code of this
/// step (or a later one) was accepted already: a replay.
pub async fn use_totp_step(pool: &SqlitePool, admin_id: AdminId, step: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE totp_secrets SET last_used_step = ?1
         WHERE admin_id = ?2 AND confirmed_at IS NOT NULL AND last_used_step < ?1",
        step,
        admin_id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses up the unused recovery code with this hash; `false` when there is none.
pub async fn use_recovery_code(
    pool: &SqlitePool,
    admin_id: AdminId,
    code_hash: &str,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "UPDATE recovery_codes SET used_at = ?1
         WHERE id = (SELECT id FROM recovery_codes
                     WHERE admin_id = ?2 AND code_hash = ?3 AND used_at IS NULL LIMIT 1)",
        now,
        admin_id,
        code_hash
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unused_recovery_codes(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM recovery_codes WHERE admin_id = ? AND used_at IS NULL"#,
        admin_id
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

/// New recovery codes in place of the old ones (only for an account with an authenticator).
pub async fn replace_recovery_codes(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    code_hashes: &[String],
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    if !has_second_factor(&mut *tx, by.admin_id).await? {
        return Ok(false);
    }
    store_recovery_codes(&mut tx, by.admin_id, code_hashes, now).await?;
    log(
        &mut tx,
        Actor::Admin(by),
        "recovery-codes",
        by.username,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

async fn store_recovery_codes(
    conn: &mut SqliteConnection,
    admin_id: AdminId,
    code_hashes: &[String],
    now: UnixTime,
) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM recovery_codes WHERE admin_id = ?", admin_id)
        .execute(&mut *conn)
        .await?;
    for hash in code_hashes {
        sqlx::query!(
            "INSERT INTO recovery_codes (admin_id, code_hash, created_at) VALUES (?, ?, ?)",
            admin_id,
            hash,
            now
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The account turns its authenticator off: the secret and the recovery codes go.
pub async fn remove_totp(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let removed = remove_factors(&mut tx, by.admin_id).await?;
    if removed {
        log(&mut tx, Actor::Admin(by), "two-step-off", by.username, now).await?;
    }
    tx.commit().await?;
    Ok(removed)
}

async fn remove_factors(conn: &mut SqliteConnection, admin_id: AdminId) -> sqlx::Result<bool> {
    let totp = sqlx::query!("DELETE FROM totp_secrets WHERE admin_id = ?", admin_id)
        .execute(&mut *conn)
        .await?;
    let codes = sqlx::query!("DELETE FROM recovery_codes WHERE admin_id = ?", admin_id)
        .execute(&mut *conn)
        .await?;
    Ok(totp.rows_affected() + codes.rows_affected() > 0)
}

/// A reset removes the account's passkeys too, and any passkey it was adding.
async fn remove_passkeys(conn: &mut SqliteConnection, admin_id: AdminId) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM passkeys WHERE admin_id = ?", admin_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "DELETE FROM webauthn_ceremonies WHERE admin_id = ?",
        admin_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A lost phone: removes every second factor of the account and ends its
/// sessions and half-finished sign-ins. `None` when there is no such account;
/// else its login name.
pub async fn reset(
    pool: &SqlitePool,
    admin_id: AdminId,
    by: Actor<'_>,
    now: UnixTime,
) -> sqlx::Result<Option<String>> {
    let mut tx = super::begin_write(pool).await?;
    let Some(account) = sqlx::query!("SELECT username FROM admins WHERE id = ?", admin_id)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    remove_factors(&mut tx, admin_id).await?;
    remove_passkeys(&mut tx, admin_id).await?;
    sqlx::query!("DELETE FROM sessions WHERE admin_id = ?", admin_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("DELETE FROM pending_sign_ins WHERE admin_id = ?", admin_id)
        .execute(&mut *tx)
        .await?;
    log(&mut tx, by, "two-step-reset", &account.username, now).await?;
    tx.commit().await?;
    Ok(Some(account.username))
}

/// A log entry about an account's second factors: who, and whose (never a secret).
async fn log(
    conn: &mut SqliteConnection,
    by: Actor<'_>,
    action: &str,
    whose: &str,
    now: UnixTime,
) -> sqlx::Result<()> {
    let detail = Message::new(msg::LOG_DETAIL_WHOSE).with("username", whose);
    super::moderation::log(conn, by, action, None, &detail.to_stored(), now).await
}

/// A password accepted, the second factor still to come.
#[derive(Debug, Clone)]
pub struct PendingRow {
    pub admin_id: AdminId,
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    pub next: String,
}

pub struct NewPending<'a> {
    pub token_hash: &'a str,
    pub admin_id: AdminId,
    pub csrf_token: &'a str,
    pub next: &'a str,
    pub expires_at: UnixTime,
}

pub async fn create_pending(
    pool: &SqlitePool,
    pending: &NewPending<'_>,
    now: UnixTime,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query!("DELETE FROM pending_sign_ins WHERE expires_at <= ?", now)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO pending_sign_ins (token_hash, admin_id, csrf_token, next, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        pending.token_hash,
        pending.admin_id,
        pending.csrf_token,
        pending.next,
        now,
        pending.expires_at
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The half-finished sign-in for this token, unless it has run out or its account is deactivated.
pub async fn find_pending(
    pool: &SqlitePool,
    token_hash: &str,
    now: UnixTime,
) -> sqlx::Result<Option<PendingRow>> {
    sqlx::query_as!(
        PendingRow,
        r#"SELECT p.admin_id AS "admin_id: AdminId", a.username, a.role AS "role: Role", p.csrf_token, p.next
         FROM pending_sign_ins p JOIN admins a ON a.id = p.admin_id
         WHERE p.token_hash = ? AND p.expires_at > ? AND a.deactivated_at IS NULL"#,
        token_hash,
        now
    )
    .fetch_optional(pool)
    .await
}

pub async fn delete_pending(pool: &SqlitePool, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM pending_sign_ins WHERE token_hash = ?",
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(())
}
