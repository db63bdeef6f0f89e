use sqlx::SqlitePool;

use crate::domain::admin::Profile;
use crate::domain::ids::AdminId;
use crate::domain::time::UnixTime;

/// An account as the login form needs it.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: AdminId,
    pub username: String,
    pub password_hash: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    Created,
    UsernameTaken,
}

pub async fn create(
    pool: &SqlitePool,
    username: &str,
    password_hash: &str,
    now: UnixTime,
) -> sqlx::Result<Created> {
    let result = sqlx::query!(
        "INSERT INTO admins (username, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)",
        username,
        password_hash,
        now,
        now
    )
    .execute(pool)
    .await;
    match result {
        Ok(_) => Ok(Created::Created),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Created::UsernameTaken),
        Err(e) => Err(e),
    }
}

/// Sets a new password, ends every session of the account and lifts its login
/// lock, in one transaction. `false` when there is no such account.
pub async fn change_password(
    pool: &SqlitePool,
    username: &str,
    password_hash: &str,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let Some(admin) = sqlx::query!(
        r#"SELECT id AS "id!: AdminId", username FROM admins WHERE username = ?"#,
        username
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    sqlx::query!(
        "UPDATE admins SET password_hash = ?, updated_at = ? WHERE id = ?",
        password_hash,
        now,
        admin.id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("DELETE FROM sessions WHERE admin_id = ?", admin.id)
        .execute(&mut *tx)
        .await?;
    let key = super::throttle::user_key(&admin.username);
    sqlx::query!("DELETE FROM login_throttle WHERE key = ?", key)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Sets an admin's public name and notification address; `false` when there is no such account.
pub async fn set_profile(
    pool: &SqlitePool,
    username: &str,
    profile: &Profile,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "UPDATE admins SET display_name = ?, email = ?, updated_at = ? WHERE username = ?",
        profile.display_name,
        profile.email,
        now,
        username
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() > 0)
}

pub async fn profile(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as!(
        Profile,
        "SELECT display_name, email FROM admins WHERE id = ?",
        admin_id
    )
    .fetch_optional(pool)
    .await
}

pub async fn credentials(pool: &SqlitePool, username: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as!(
        Credentials,
        r#"SELECT id AS "id!: AdminId", username, password_hash FROM admins WHERE username = ?"#,
        username
    )
    .fetch_optional(pool)
    .await
}

/// An admin's own account, as the account page shows it.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: AdminId,
    pub username: String,
    pub email: Option<String>,
}

pub async fn account(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"SELECT id AS "id!: AdminId", username, NULLIF(email, '') AS "email?: String" FROM admins WHERE id = ?"#,
        admin_id
    )
    .fetch_optional(pool)
    .await
}

/// Sets (or, with `None`, removes) the address an admin is told of comments at;
/// `false` when there is no such account.
pub async fn set_email(
    pool: &SqlitePool,
    username: &str,
    email: Option<&str>,
    now: UnixTime,
) -> sqlx::Result<bool> {
    // No address is stored as an empty one (the column is NOT NULL).
    let email = email.unwrap_or_default();
    let changed = sqlx::query!(
        "UPDATE admins SET email = ?, updated_at = ? WHERE username = ?",
        email,
        now,
        username
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed > 0)
}
