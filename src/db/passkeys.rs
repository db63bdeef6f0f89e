//! Passkeys and the WebAuthn ceremonies under way.

use sqlx::SqlitePool;

use super::moderation::{Actor, Moderator};
use crate::domain::ids::{AdminId, PasskeyId};
use crate::domain::message::{Message, msg};
use crate::domain::time::UnixTime;

/// The account's passkey user handle, made on first use.
pub async fn user_handle(
    pool: &SqlitePool,
    admin_id: AdminId,
    fresh: &str,
) -> sqlx::Result<String> {
    sqlx::query!(
        "UPDATE admins SET passkey_user_id = ? WHERE id = ? AND passkey_user_id IS NULL",
        fresh,
        admin_id
    )
    .execute(pool)
    .await?;
    let row = sqlx::query!(
        r#"SELECT passkey_user_id AS "handle!: String" FROM admins WHERE id = ?"#,
        admin_id
    )
    .fetch_one(pool)
    .await?;
    Ok(row.handle)
}

/// A passkey as the account page lists it.
#[derive(Debug, Clone)]
pub struct PasskeyRow {
    pub id: PasskeyId,
    pub name: String,
    pub created_at: UnixTime,
    pub last_used_at: Option<UnixTime>,
}

pub async fn of_account(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Vec<PasskeyRow>> {
    sqlx::query_as!(
        PasskeyRow,
        r#"SELECT id AS "id!: PasskeyId", name, created_at AS "created_at: UnixTime",
                  last_used_at AS "last_used_at: UnixTime"
           FROM passkeys WHERE admin_id = ? ORDER BY id"#,
        admin_id
    )
    .fetch_all(pool)
    .await
}

/// Whether the account has a passkey (a second factor, as the "require" setting counts them).
pub async fn any(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<bool> {
    let row = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM passkeys WHERE admin_id = ?) AS "yes!: bool""#,
        admin_id
    )
    .fetch_one(pool)
    .await?;
    Ok(row.yes)
}

/// The stored passkeys (serialised) of an account: to keep them from registering twice.
pub async fn stored_of_account(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Vec<String>> {
    let rows = sqlx::query!("SELECT passkey FROM passkeys WHERE admin_id = ?", admin_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|r| r.passkey).collect())
}

pub struct NewPasskey<'a> {
    pub credential_id: &'a str,
    pub name: &'a str,
    pub passkey: &'a str,
}

/// The log's detail for a passkey: its name, never its key or credential.
fn detail(name: &str) -> String {
    Message::new(msg::LOG_DETAIL_PASSKEY)
        .with("name", name)
        .to_stored()
}

/// Stores a new passkey of the account (logged); `false` when that credential is known already.
pub async fn add(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    passkey: &NewPasskey<'_>,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let done = sqlx::query!(
        "INSERT INTO passkeys (admin_id, credential_id, name, passkey, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING",
        by.admin_id,
        passkey.credential_id,
        passkey.name,
        passkey.passkey,
        now
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let detail = detail(passkey.name);
    super::moderation::log(&mut tx, Actor::Admin(by), "passkey-add", None, &detail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes one of the account's passkeys (logged); `false` when it has no such passkey.
pub async fn remove(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    id: PasskeyId,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let Some(row) = sqlx::query!(
        "DELETE FROM passkeys WHERE id = ? AND admin_id = ? RETURNING name",
        id,
        by.admin_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    let detail = detail(&row.name);
    super::moderation::log(
        &mut tx,
        Actor::Admin(by),
        "passkey-remove",
        None,
        &detail,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A passkey offered at sign-in, with its account.
#[derive(Debug, Clone)]
pub struct SignInKey {
    pub id: PasskeyId,
    pub admin_id: AdminId,
    pub user_handle: String,
    pub passkey: String,
}

/// The passkey with this credential id, of an active account.
pub async fn for_sign_in(
    pool: &SqlitePool,
    credential_id: &str,
) -> sqlx::Result<Option<SignInKey>> {
    sqlx::query_as!(
        SignInKey,
        r#"SELECT p.id AS "id!: PasskeyId", p.admin_id AS "admin_id: AdminId",
                  a.passkey_user_id AS "user_handle!: String", p.passkey
           FROM passkeys p JOIN admins a ON a.id = p.admin_id
           WHERE p.credential_id = ? AND a.deactivated_at IS NULL
             AND a.passkey_user_id IS NOT NULL"#,
        credential_id
    )
    .fetch_optional(pool)
    .await
}

/// A passkey has just signed in: its new counter, and when.
pub async fn used(
    pool: &SqlitePool,
    id: PasskeyId,
    passkey: &str,
    now: UnixTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE passkeys SET passkey = ?, last_used_at = ? WHERE id = ?",
        passkey,
        now,
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A ceremony's state, kept under `id` until `expires_at` (expired ones are swept here).
pub async fn store_ceremony(
    pool: &SqlitePool,
    id: &str,
    admin_id: Option<AdminId>,
    state: &str,
    expires_at: UnixTime,
    now: UnixTime,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query!("DELETE FROM webauthn_ceremonies WHERE expires_at <= ?", now)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "INSERT INTO webauthn_ceremonies (id, admin_id, state, expires_at) VALUES (?, ?, ?, ?)",
        id,
        admin_id,
        state,
        expires_at
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// How many sign-ins with a passkey are under way (asked for, not yet answered or expired).
pub async fn sign_ins_under_way(pool: &SqlitePool, now: UnixTime) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM webauthn_ceremonies
           WHERE admin_id IS NULL AND expires_at > ?"#,
        now
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

/// The state of a ceremony still under way, taken (a ceremony finishes once).
pub async fn take_ceremony(
    pool: &SqlitePool,
    id: &str,
    admin_id: Option<AdminId>,
    now: UnixTime,
) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        r#"DELETE FROM webauthn_ceremonies WHERE id = ? AND admin_id IS ?
           RETURNING state, expires_at AS "expires_at: UnixTime""#,
        id,
        admin_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.filter(|r| r.expires_at > now).map(|r| r.state))
}
