//! The accounts (admins only): the list with each role, last sign-in and
//! state; inviting someone; changing a role; deactivating and reactivating.
//! Each change is in the moderation log; the last active admin stays one.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, redirect_with_flash};
use crate::auth::{AdminForm, AdminUser, ItemButton, random_token, session};
use crate::db;
use crate::db::admins::{Changed, Invited, NewInvitation};
use crate::domain::admin::{INVITATION_SECONDS, Invitation, InvitationForm};
use crate::domain::form::FieldErrors;
use crate::domain::ids::{AdminId, InvitationId};
use crate::domain::message::{Message, msg};
use crate::domain::role::{AccountChange, Role};
use crate::error::{AppError, Result};
use crate::respond;
use crate::routes::request::Pagination;
use crate::state::AppState;

const PAGE_SIZE: i64 = 50;
const LIST: &str = "/admin/accounts";

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct AccountView {
    id: AdminId,
    username: String,
    display_name: String,
    email: String,
    role: Role,
    last_login_iso: Option<String>,
    last_login: Option<String>,
    active: bool,
    /// The signed-in admin's own account.
    own: bool,
    two_step: bool,
}

#[derive(Serialize)]
struct InvitationView {
    id: InvitationId,
    username: String,
    email: String,
    role: Role,
    invited_by: Option<String>,
    expires_iso: String,
    expires: String,
    expired: bool,
}

/// What the page shows besides the lists.
#[derive(Default)]
struct Shown<'a> {
    form: Option<&'a InvitationForm>,
    errors: FieldErrors,
    /// The link of an invitation just made while email is off, to pass on.
    new_link: Option<String>,
    /// A refusal to show at the top (a message id's words).
    refusal: Option<String>,
    page: Option<&'a str>,
}

async fn render(
    state: &AppState,
    admin: &AdminUser,
    status: StatusCode,
    shown: Shown<'_>,
) -> Result<HttpResponse> {
    let total = db::admins::count(&state.pool).await?;
    let pages = Pagination::new(shown.page, total, PAGE_SIZE)?;
    let zone = state.dates();
    let accounts: Vec<AccountView> = db::admins::list(&state.pool, PAGE_SIZE, pages.offset())
        .await?
        .into_iter()
        .map(|a| AccountView {
            own: a.id == admin.admin_id,
            last_login_iso: a.last_login_at.map(|at| zone.iso8601(at)),
            last_login: a.last_login_at.map(|at| zone.human_date_time(at)),
            active: a.deactivated_at.is_none(),
            two_step: a.two_step,
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            email: a.email,
            role: a.role,
        })
        .collect();
    let now = state.config.clock.now();
    let invitations: Vec<InvitationView> = db::admins::invitations(&state.pool)
        .await?
        .into_iter()
        .map(|i| InvitationView {
            expires_iso: zone.iso8601(i.expires_at),
            expires: zone.human_date_time(i.expires_at),
            expired: i.expires_at <= now,
            id: i.id,
            username: i.username,
            email: i.email,
            role: i.role,
            invited_by: i.invited_by,
        })
        .collect();
    let blank = InvitationForm {
        role: Role::Editor.as_str().into(),
        ..InvitationForm::default()
    };
    let mut context = admin_context(state, admin, "accounts").await?;
    context.insert("accounts", &accounts);
    context.insert("invitations", &invitations);
    context.insert("roles", &Role::ALL);
    context.insert("form", shown.form.unwrap_or(&blank));
    context.insert("errors", &shown.errors);
    context.insert("new_link", &shown.new_link);
    context.insert("refusal", &shown.refusal);
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    respond::render_page(&state.templates, status, "admin/accounts.html", &context)
}

pub async fn list(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse> {
    let shown = Shown {
        page: query.page.as_deref(),
        ..Shown::default()
    };
    render(&state, &admin, StatusCode::OK, shown).await
}

/// Invites someone: with email on, the link goes to them from the outbox;
/// without, the page shows it to the admin to pass on (it is shown only now:
/// only its hash is kept).
pub async fn invite(
    state: web::Data<AppState>,
    form: AdminForm<InvitationForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let invitation = match Invitation::try_from(&form) {
        Ok(invitation) => invitation,
        Err(errors) => return refused_form(&state, &admin, &form, errors).await,
    };
    let token = random_token();
    let token_hash = session::hash_token(&token);
    let now = state.config.clock.now();
    let mail_on = state.mailer.is_some();
    let new = NewInvitation {
        invitation: &invitation,
        token_hash: &token_hash,
        expires_at: now + INVITATION_SECONDS,
        mail_token: mail_on.then_some(token.as_str()),
    };
    match db::admins::invite(&state.pool, &admin.moderator(), &new, now).await? {
        Invited::UsernameTaken => {
            let errors = FieldErrors::from([(
                "username",
                Message::new(msg::ACCOUNT_USERNAME_TAKEN)
                    .with("name", invitation.username.as_str()),
            )]);
            refused_form(&state, &admin, &form, errors).await
        }
        Invited::Invited { .. } if mail_on => {
            let message = Message::new(msg::FLASH_INVITATION_SENT)
                .with("name", invitation.username.as_str())
                .with("email", invitation.email.as_str());
            redirect_with_flash(&state, &admin, LIST, &state.text(message), false).await
        }
        Invited::Invited { .. } => {
            let shown = Shown {
                new_link: Some(format!("{}/admin/invite/{token}", state.config.base_url())),
                ..Shown::default()
            };
            render(&state, &admin, StatusCode::OK, shown).await
        }
    }
}

async fn refused_form(
    state: &AppState,
    admin: &AdminUser,
    form: &InvitationForm,
    errors: FieldErrors,
) -> Result<HttpResponse> {
    let shown = Shown {
        form: Some(form),
        errors,
        ..Shown::default()
    };
    render(state, admin, StatusCode::UNPROCESSABLE_ENTITY, shown).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<RoleForm>,
) -> Result<HttpResponse> {
    let role = Role::parse(&form.form.role)
        .ok_or_else(|| AppError::BadRequest(Message::new(msg::ACCOUNT_ROLE_UNKNOWN)))?;
    apply(&state, &form.admin, &id, AccountChange::Role(role)).await
}

pub async fn deactivate(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    apply(&state, &admin, &id, AccountChange::Deactivate).await
}

pub async fn reactivate(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    apply(&state, &admin, &id, AccountChange::Reactivate).await
}

/// A lost phone: the account's second factors go, and its sessions end.
pub async fn reset_two_step(
    state: web::Data<AppState>,
    button: ItemButton,
) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let id: AdminId = id.parse().map_err(|()| AppError::NotFound)?;
    let now = state.config.clock.now();
    let moderator = admin.moderator();
    let by = db::moderation::Actor::Admin(&moderator);
    let name = db::two_factor::reset(&state.pool, id, by, now)
        .await?
        .ok_or(AppError::NotFound)?;
    tracing::info!(
        admin_id = %admin.admin_id,
        account = %id,
        "two-step sign-in reset"
    );
    let done = Message::new(msg::FLASH_TWO_STEP_RESET).with("name", name);
    let location = if id == admin.admin_id {
        "/admin/login"
    } else {
        LIST
    };
    redirect_with_flash(&state, &admin, location, &state.text(done), false).await
}

async fn apply(
    state: &AppState,
    admin: &AdminUser,
    raw_id: &str,
    change: AccountChange,
) -> Result<HttpResponse> {
    let id: AdminId = raw_id.parse().map_err(|()| AppError::NotFound)?;
    let account = db::admins::account(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.config.clock.now();
    let name = account.username.as_str();
    let done = match change {
        AccountChange::Role(role) => Message::new(msg::FLASH_ACCOUNT_ROLE)
            .with("name", name)
            .with("role", role.as_str()),
        AccountChange::Deactivate => {
            Message::new(msg::FLASH_ACCOUNT_DEACTIVATED).with("name", name)
        }
        AccountChange::Reactivate => {
            Message::new(msg::FLASH_ACCOUNT_REACTIVATED).with("name", name)
        }
    };
    match db::admins::change(&state.pool, &admin.moderator(), id, change, now).await? {
        Changed::Done => {
            tracing::info!(admin_id = %admin.admin_id, account = %id, change = ?change, "account changed");
            redirect_with_flash(state, admin, LIST, &state.text(done), false).await
        }
        Changed::AlreadySo => {
            let message = Message::new(msg::FLASH_ACCOUNT_UNCHANGED).with("name", name);
            redirect_with_flash(state, admin, LIST, &state.text(message), false).await
        }
        Changed::LastAdmin => {
            let shown = Shown {
                refusal: Some(state.text(Message::new(msg::ACCOUNT_LAST_ADMIN).with("name", name))),
                ..Shown::default()
            };
            render(state, admin, StatusCode::CONFLICT, shown).await
        }
        Changed::NotFound => Err(AppError::NotFound),
    }
}

pub async fn withdraw(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let id: InvitationId = id.parse().map_err(|()| AppError::NotFound)?;
    let now = state.config.clock.now();
    if !db::admins::withdraw(&state.pool, &admin.moderator(), id, now).await? {
        return Err(AppError::NotFound);
    }
    redirect_with_flash(
        &state,
        &admin,
        LIST,
        &state.text(msg::FLASH_INVITATION_WITHDRAWN),
        false,
    )
    .await
}
