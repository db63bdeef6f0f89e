//! Accounts: creating them (at the command line, or by accepting an
//! invitation), passwords, profiles, roles and deactivation, each change by
//! an admin recorded in the moderation log.

use sqlx::{SqliteConnection, SqlitePool};

use super::moderation::{Actor, Moderator};
use crate::domain::admin::{Invitation, Profile};
use crate::domain::ids::{AdminId, InvitationId, PostId};
use crate::domain::message::{Message, msg};
use crate::domain::role::{self, AccountChange, Permission, Role};
use crate::domain::time::UnixTime;

/// An account as the login form needs it.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: AdminId,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    /// Not deactivated.
    pub active: bool,
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
    role: Role,
    now: UnixTime,
) -> sqlx::Result<Created> {
    let result = sqlx::query!(
        "INSERT INTO admins (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        username,
        password_hash,
        role,
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

/// Puts `new_hash` (the same password, hashed with today's parameters) in
/// place of `old_hash`, if that is still the account's; sessions stay.
pub async fn replace_hash(
    pool: &SqlitePool,
    id: AdminId,
    old_hash: &str,
    new_hash: &str,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(pool).await?;
    sqlx::query!(
        "UPDATE admins SET password_hash = ?1 WHERE id = ?2 AND password_hash = ?3",
        new_hash,
        id,
        old_hash
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
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
        r#"SELECT id AS "id!: AdminId", username, password_hash, role AS "role: Role",
                  deactivated_at IS NULL AS "active!: bool"
           FROM admins WHERE username = ?"#,
        username
    )
    .fetch_optional(pool)
    .await
}

/// An account: who it is, how to reach it, what it may do, whether it may sign in.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: AdminId,
    pub username: String,
    pub email: Option<String>,
    pub role: Role,
    /// Not deactivated.
    pub active: bool,
}

pub async fn account(pool: &SqlitePool, admin_id: AdminId) -> sqlx::Result<Option<Account>> {
    sqlx::query_as!(
        Account,
        r#"SELECT id AS "id!: AdminId", username, NULLIF(email, '') AS "email?: String",
                  role AS "role: Role", deactivated_at IS NULL AS "active!: bool"
           FROM admins WHERE id = ?"#,
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

/// An account as the accounts page lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AccountRow {
    pub id: AdminId,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub last_login_at: Option<UnixTime>,
    pub deactivated_at: Option<UnixTime>,
    pub created_at: UnixTime,
    /// Signs in with a second factor.
    pub two_step: bool,
}

/// Active accounts first, then by name; one page of them.
pub async fn list(pool: &SqlitePool, limit: i64, offset: i64) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        r#"SELECT id AS "id!: AdminId", username, display_name, email, role AS "role: Role",
                  last_login_at AS "last_login_at: UnixTime", deactivated_at AS "deactivated_at: UnixTime",
                  created_at AS "created_at: UnixTime",
                  (EXISTS (SELECT 1 FROM totp_secrets t
                           WHERE t.admin_id = admins.id AND t.confirmed_at IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM passkeys p WHERE p.admin_id = admins.id)) AS "two_step!: bool"
           FROM admins
           ORDER BY deactivated_at IS NOT NULL, username COLLATE NOCASE, id
           LIMIT ? OFFSET ?"#,
        limit,
        offset
    )
    .fetch_all(pool)
    .await
}

pub async fn count(pool: &SqlitePool) -> sqlx::Result<i64> {
    let row = sqlx::query!(r#"SELECT COUNT(*) AS "n!: i64" FROM admins"#)
        .fetch_one(pool)
        .await?;
    Ok(row.n)
}

/// What became of a change to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// It already had that role or state: nothing to do.
    AlreadySo,
    /// It would leave the site without an active admin; nothing was changed.
    LastAdmin,
    NotFound,
}

/// Changes an account's role, or deactivates (which ends its sessions at once)
/// or reactivates it, in one transaction with its log entry — unless that
/// would leave no active admin.
pub async fn change(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    id: AdminId,
    change: AccountChange,
    now: UnixTime,
) -> sqlx::Result<Changed> {
    let mut tx = super::begin_write(pool).await?;
    let Some(current) = sqlx::query!(
        r#"SELECT username, role AS "role: Role", deactivated_at IS NULL AS "active!: bool",
                  (SELECT COUNT(*) FROM admins o
                   WHERE o.id <> a.id AND o.role = 'admin' AND o.deactivated_at IS NULL) AS "other_admins!: i64"
           FROM admins a WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Changed::NotFound);
    };
    let already = match change {
        AccountChange::Role(role) => role == current.role,
        AccountChange::Deactivate => !current.active,
        AccountChange::Reactivate => current.active,
    };
    if already {
        return Ok(Changed::AlreadySo);
    }
    if !role::keeps_an_admin(current.role, current.active, change, current.other_admins) {
        return Ok(Changed::LastAdmin);
    }
    write_change(&mut tx, id, change, now).await?;
    let (action, detail) = match change {
        AccountChange::Role(role) => {
            let detail = Message::new(msg::LOG_DETAIL_ROLE)
                .with("username", current.username.as_str())
                .with("from", current.role.as_str())
                .with("to", role.as_str());
            ("role", detail)
        }
        AccountChange::Deactivate => (
            "deactivate",
            account_detail(&current.username, current.role),
        ),
        AccountChange::Reactivate => (
            "reactivate",
            account_detail(&current.username, current.role),
        ),
    };
    log(&mut tx, by, action, &detail, now).await?;
    tx.commit().await?;
    Ok(Changed::Done)
}

/// The change itself; deactivating also ends the sessions, and mail waiting
/// for an account goes when it is no longer for them.
async fn write_change(
    conn: &mut SqliteConnection,
    id: AdminId,
    change: AccountChange,
    now: UnixTime,
) -> sqlx::Result<()> {
    match change {
        AccountChange::Role(role) => {
            sqlx::query!(
                "UPDATE admins SET role = ?, updated_at = ? WHERE id = ?",
                role,
                now,
                id
            )
            .execute(&mut *conn)
            .await?;
            if !role.may(Permission::ModerateComments) {
                cancel_queued_mail(conn, id, Some("comment")).await?;
            }
        }
        AccountChange::Deactivate => {
            sqlx::query!(
                "UPDATE admins SET deactivated_at = ?, updated_at = ? WHERE id = ?",
                now,
                now,
                id
            )
            .execute(&mut *conn)
            .await?;
            sqlx::query!("DELETE FROM sessions WHERE admin_id = ?", id)
                .execute(&mut *conn)
                .await?;
            cancel_queued_mail(conn, id, None).await?;
        }
        AccountChange::Reactivate => {
            sqlx::query!(
                "UPDATE admins SET deactivated_at = NULL, updated_at = ? WHERE id = ?",
                now,
                id
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Drops the mail still waiting for an account (only that of `kind`, if given):
/// it is no longer for them.
async fn cancel_queued_mail(
    conn: &mut SqliteConnection,
    admin_id: AdminId,
    kind: Option<&str>,
) -> sqlx::Result<()> {
    let why = Message::new(msg::OUTBOX_CANCELLED_NOT_NEEDED).to_stored();
    sqlx::query!(
        "UPDATE outbox SET status = 'cancelled', last_error = ?1
         WHERE admin_id = ?2 AND status = 'queued' AND (?3 IS NULL OR kind = ?3)",
        why,
        admin_id,
        kind
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The moderation log's actions about accounts rather than comments.
pub const ACCOUNT_ACTIONS: [&str; 12] = [
    "invite",
    "withdraw",
    "join",
    "role",
    "deactivate",
    "reactivate",
    "two-step-on",
    "two-step-off",
    "recovery-codes",
    "two-step-reset",
    "passkey-add",
    "passkey-remove",
];

/// The log's detail for an entry about an account.
fn account_detail(username: &str, role: Role) -> Message {
    Message::new(msg::LOG_DETAIL_ACCOUNT)
        .with("username", username)
        .with("role", role.as_str())
}

/// A log entry about an account (there is no comment).
async fn log(
    conn: &mut SqliteConnection,
    by: &Moderator<'_>,
    action: &str,
    detail: &Message,
    now: UnixTime,
) -> sqlx::Result<()> {
    let detail = detail.to_stored();
    super::moderation::log(conn, Actor::Admin(by), action, None, &detail, now).await
}

/// Whether a login name is in use, by an account or an invitation still open.
async fn username_in_use(
    conn: &mut SqliteConnection,
    username: &str,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let row = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM admins WHERE username = ?1)
               OR EXISTS (SELECT 1 FROM invitations WHERE username = ?1 AND expires_at > ?2)
               AS "taken!: bool""#,
        username,
        now
    )
    .fetch_one(conn)
    .await?;
    Ok(row.taken)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invited {
    Invited {
        id: InvitationId,
    },
    /// An account or an open invitation has that login name; nothing was stored.
    UsernameTaken,
}

/// An invitation on its way to the database: the person, the hash of its
/// link's token, until when it works, and — with email on — the token for the
/// mail that carries the link (kept only until the mail has left).
pub struct NewInvitation<'a> {
    pub invitation: &'a Invitation,
    pub token_hash: &'a str,
    pub expires_at: UnixTime,
    pub mail_token: Option<&'a str>,
}

/// Stores an invitation, its mail (with email on) and its log entry in one transaction.
pub async fn invite(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    new: &NewInvitation<'_>,
    now: UnixTime,
) -> sqlx::Result<Invited> {
    let invitation = new.invitation;
    let mut tx = super::begin_write(pool).await?;
    // An invitation that ran out gives its name back.
    sqlx::query!(
        "DELETE FROM invitations WHERE username = ? AND expires_at <= ?",
        invitation.username,
        now
    )
    .execute(&mut *tx)
    .await?;
    if username_in_use(&mut tx, &invitation.username, now).await? {
        return Ok(Invited::UsernameTaken);
    }
    let id = sqlx::query!(
        "INSERT INTO invitations (token_hash, username, email, display_name, role, invited_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        new.token_hash,
        invitation.username,
        invitation.email,
        invitation.display_name,
        invitation.role,
        by.admin_id,
        now,
        new.expires_at
    )
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let id = InvitationId::new(id);
    if let Some(token) = new.mail_token {
        sqlx::query!(
            "INSERT INTO outbox (kind, recipient, invitation_id, secret, next_attempt_at, created_at)
             VALUES ('invitation', ?1, ?2, ?3, ?4, ?4)",
            invitation.email,
            id,
            token,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    let detail = account_detail(&invitation.username, invitation.role);
    log(&mut tx, by, "invite", &detail, now).await?;
    tx.commit().await?;
    Ok(Invited::Invited { id })
}

/// An invitation as the accounts page and its own page show it (there,
/// `invited_by` is the inviting account's public name: its login name is
/// never shown to anyone outside the team).
#[derive(Debug, Clone, serde::Serialize)]
pub struct OpenInvitation {
    pub id: InvitationId,
    pub username: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

/// The invitations not yet accepted nor withdrawn (those that ran out too), newest first.
pub async fn invitations(pool: &SqlitePool) -> sqlx::Result<Vec<OpenInvitation>> {
    sqlx::query_as!(
        OpenInvitation,
        r#"SELECT i.id AS "id!: InvitationId", i.username, i.email, i.display_name, i.role AS "role: Role",
                  a.username AS "invited_by?: String", i.created_at AS "created_at: UnixTime",
                  i.expires_at AS "expires_at: UnixTime"
           FROM invitations i LEFT JOIN admins a ON a.id = i.invited_by
           ORDER BY i.created_at DESC, i.id DESC"#
    )
    .fetch_all(pool)
    .await
}

/// The invitation whose link's token hashes to `token_hash`, while it works.
pub async fn invitation(
    pool: &SqlitePool,
    token_hash: &str,
    now: UnixTime,
) -> sqlx::Result<Option<OpenInvitation>> {
    sqlx::query_as!(
        OpenInvitation,
        r#"SELECT i.id AS "id!: InvitationId", i.username, i.email, i.display_name, i.role AS "role: Role",
                  NULLIF(a.display_name, '') AS "invited_by?: String", i.created_at AS "created_at: UnixTime",
                  i.expires_at AS "expires_at: UnixTime"
           FROM invitations i LEFT JOIN admins a ON a.id = i.invited_by
           WHERE i.token_hash = ? AND i.expires_at > ?"#,
        token_hash,
        now
    )
    .fetch_optional(pool)
    .await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepted {
    /// The account is made; its login name.
    Created { username: String },
    /// No such invitation, or it ran out or was used or withdrawn.
    Gone,
    /// Someone took the login name meanwhile (an account made at the command line).
    UsernameTaken,
}

/// Makes the account an invitation offers, with the password its person
/// chose, and deletes the invitation (so its link works once), in one transaction.
pub async fn accept(
    pool: &SqlitePool,
    token_hash: &str,
    password_hash: &str,
    now: UnixTime,
) -> sqlx::Result<Accepted> {
    let mut tx = super::begin_write(pool).await?;
    let Some(invitation) = sqlx::query!(
        r#"SELECT id AS "id!: InvitationId", username, email, display_name, role AS "role: Role"
           FROM invitations WHERE token_hash = ? AND expires_at > ?"#,
        token_hash,
        now
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Accepted::Gone);
    };
    sqlx::query!("DELETE FROM invitations WHERE id = ?", invitation.id)
        .execute(&mut *tx)
        .await?;
    let inserted = sqlx::query!(
        "INSERT INTO admins (username, password_hash, role, display_name, email, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        invitation.username,
        password_hash,
        invitation.role,
        invitation.display_name,
        invitation.email,
        now,
        now
    )
    .execute(&mut *tx)
    .await;
    let new_id = match inserted {
        Ok(done) => AdminId::new(done.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Ok(Accepted::UsernameTaken);
        }
        Err(e) => return Err(e),
    };
    let joined = Moderator {
        admin_id: new_id,
        username: &invitation.username,
    };
    let detail = account_detail(&invitation.username, invitation.role);
    log(&mut tx, &joined, "join", &detail, now).await?;
    tx.commit().await?;
    Ok(Accepted::Created {
        username: invitation.username,
    })
}

/// Withdraws an invitation (its link stops working, its mail is not sent); `false` if it was not there.
pub async fn withdraw(
    pool: &SqlitePool,
    by: &Moderator<'_>,
    id: InvitationId,
    now: UnixTime,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let Some(invitation) = sqlx::query!(
        r#"SELECT username, role AS "role: Role" FROM invitations WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    sqlx::query!("DELETE FROM invitations WHERE id = ?", id)
        .execute(&mut *tx)
        .await?;
    let detail = account_detail(&invitation.username, invitation.role);
    log(&mut tx, by, "withdraw", &detail, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Tells the active accounts that may publish (and have an address) of a post waiting for review.
pub(super) async fn queue_review_mail(
    conn: &mut SqliteConnection,
    post_id: PostId,
    now: UnixTime,
) -> sqlx::Result<()> {
    let [a, b, c, d] = super::types::roles_with(Permission::PublishPosts);
    sqlx::query!(
        "INSERT INTO outbox (kind, recipient, admin_id, post_id, next_attempt_at, created_at)
         SELECT 'review', email, id, ?1, ?2, ?2 FROM admins
         WHERE email <> '' AND deactivated_at IS NULL AND role IN (?3, ?4, ?5, ?6)",
        post_id,
        now,
        a,
        b,
        c,
        d
    )
    .execute(conn)
    .await?;
    Ok(())
}
