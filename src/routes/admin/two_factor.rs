//! Setting up one's own second factors on `/admin/account`: an authenticator
//! app (confirmed with a first code) and recovery codes (shown once).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::layout::{admin_context, redirect_with_flash};
use crate::auth::csrf::NoFields;
use crate::auth::recovery::{self, RecoveryCode};
use crate::auth::totp::{TotpCode, TotpSecret, qr_code_data_uri};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::ids::AdminId;
use crate::domain::message::{Message, msg};
use crate::error::{AppError, Result};
use crate::respond::{self, see_other};
use crate::state::AppState;

const ACCOUNT: &str = "/admin/account";
const SET_UP: &str = "/admin/account/totp";

#[derive(Debug, Default, Deserialize)]
pub struct CodeField {
    #[serde(default)]
    code: String,
}

/// Starts setting up an authenticator app: a new secret, not yet in force.
pub async fn begin(state: web::Data<AppState>, form: AdminForm<NoFields>) -> Result<HttpResponse> {
    let admin = form.admin;
    let now = state.config.clock.now();
    let secret = TotpSecret::generate();
    if !db::two_factor::begin_totp(&state.pool, admin.admin_id, secret.as_base32(), now).await? {
        let message = state.text(Message::new(msg::FLASH_TOTP_ALREADY_ON));
        return redirect_with_flash(&state, &admin, ACCOUNT, &message, true).await;
    }
    Ok(see_other(SET_UP))
}

/// The QR code, the `otpauth://` text and the field for the first code.
pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    set_up_page(&state, &admin, StatusCode::OK, false).await
}

async fn set_up_page(
    state: &AppState,
    admin: &AdminUser,
    status: StatusCode,
    wrong_code: bool,
) -> Result<HttpResponse> {
    let row = db::two_factor::totp(&state.pool, admin.admin_id).await?;
    let Some(row) = row.filter(|r| r.confirmed_at.is_none()) else {
        return Ok(see_other(ACCOUNT));
    };
    let secret = TotpSecret::stored(row.secret);
    let uri = secret.otpauth_uri(&state.site().title, &admin.username);
    let qr = qr_code_data_uri(&uri)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no QR code for the set-up")))?;
    let mut context = admin_context(state, admin, "account").await?;
    context.insert("otpauth", &uri);
    context.insert("secret", secret.as_base32());
    context.insert("qr", &qr);
    context.insert("wrong_code", &wrong_code);
    respond::render_page(&state.templates, status, "admin/totp_setup.html", &context)
}

/// The first code confirms the set-up; the recovery codes are shown, once.
pub async fn confirm(
    state: web::Data<AppState>,
    form: AdminForm<CodeField>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let now = state.config.clock.now();
    let row = db::two_factor::totp(&state.pool, admin.admin_id).await?;
    let Some(row) = row.filter(|r| r.confirmed_at.is_none()) else {
        return Ok(see_other(ACCOUNT));
    };
    let secret = TotpSecret::stored(row.secret);
    let step = TotpCode::parse(&form.code).and_then(|code| secret.matching_step(&code, now));
    let Some(step) = step else {
        return set_up_page(&state, &admin, StatusCode::UNPROCESSABLE_ENTITY, true).await;
    };
    let codes = recovery::generate();
    let hashes: Vec<String> = codes.iter().map(RecoveryCode::hash).collect();
    if !db::two_factor::confirm_totp(&state.pool, &admin.moderator(), step, &hashes, now).await? {
        return Ok(see_other(ACCOUNT));
    }
    tracing::info!(admin_id = %admin.admin_id, "authenticator app set up");
    recovery_codes_page(&state, &admin, &codes, "totp-on").await
}

/// New recovery codes in place of the old ones.
pub async fn new_recovery_codes(
    state: web::Data<AppState>,
    form: AdminForm<NoFields>,
) -> Result<HttpResponse> {
    let admin = form.admin;
    let now = state.config.clock.now();
    let codes = recovery::generate();
    let hashes: Vec<String> = codes.iter().map(RecoveryCode::hash).collect();
    let moderator = admin.moderator();
    if !db::two_factor::replace_recovery_codes(&state.pool, &moderator, &hashes, now).await? {
        return Ok(see_other(ACCOUNT));
    }
    recovery_codes_page(&state, &admin, &codes, "recovery-codes-new").await
}

async fn recovery_codes_page(
    state: &AppState,
    admin: &AdminUser,
    codes: &[RecoveryCode],
    notice: &str,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "account").await?;
    context.insert("codes", codes);
    context.insert("notice", notice);
    respond::page(&state.templates, "admin/recovery_codes.html", &context)
}

/// Turns the authenticator app off (its recovery codes go with it).
pub async fn remove(state: web::Data<AppState>, form: AdminForm<NoFields>) -> Result<HttpResponse> {
    let admin = form.admin;
    let now = state.config.clock.now();
    db::two_factor::remove_totp(&state.pool, &admin.moderator(), now).await?;
    tracing::info!(admin_id = %admin.admin_id, "authenticator app turned off");
    let message = state.text(Message::new(msg::FLASH_TOTP_OFF));
    redirect_with_flash(&state, &admin, ACCOUNT, &message, false).await
}

/// What the account page says about the second factors.
#[derive(Debug, serde::Serialize)]
pub struct TwoStepStatus {
    pub totp_on: bool,
    pub recovery_codes_left: i64,
    /// The site requires a second factor and this account has none yet.
    pub required_now: bool,
}

pub async fn status(state: &AppState, admin_id: AdminId) -> Result<TwoStepStatus> {
    let totp_on = db::two_factor::has_second_factor(&state.pool, admin_id).await?;
    let recovery_codes_left = db::two_factor::unused_recovery_codes(&state.pool, admin_id).await?;
    // A passkey is a second factor too, as far as the requirement goes.
    let passkey = db::passkeys::any(&state.pool, admin_id).await?;
    Ok(TwoStepStatus {
        totp_on,
        recovery_codes_left,
        required_now: state.site().require_two_step && !totp_on && !passkey,
    })
}
