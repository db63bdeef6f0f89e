//! The half-signed-in state: the password was right, the second factor is
//! still to come. It is a type of its own, kept in a cookie of its own
//! (limited to `/admin/login`) and a table of its own, so no extractor that
//! makes an `AdminUser` can ever see it: it opens the code page and nothing
//! else, and it runs out after a few minutes.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};

use super::recovery;
use super::totp::{TotpCode, TotpSecret};
use super::{random_token, session};
use crate::db;
use crate::domain::ids::AdminId;
use crate::domain::role::Role;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

pub const COOKIE: &str = "folio_pending";
/// Where the code is asked for (the cookie goes nowhere else).
pub const PATH: &str = "/admin/login/code";
/// How long the code may take after the password.
pub const SECONDS: i64 = 5 * 60;

/// A sign-in waiting for its second factor.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub admin_id: AdminId,
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    /// Where to go once signed in (already checked by `safe_next`).
    pub next: String,
    pub token_hash: String,
}

fn cookie(token: &str, secure: bool) -> Cookie<'static> {
    respond::cookie(
        COOKIE,
        token.to_owned(),
        PATH,
        SameSite::Strict,
        secure,
        Some(SECONDS),
    )
}

pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = cookie("", secure);
    cookie.make_removal();
    cookie
}

/// After the password: no session, only a half-finished sign-in and the way to the code page.
pub async fn begin(state: &AppState, admin_id: AdminId, next: &str) -> Result<HttpResponse> {
    let token = random_token();
    let csrf_token = random_token();
    let token_hash = session::hash_token(&token);
    let now = state.config.clock.now();
    let pending = db::two_factor::NewPending {
        token_hash: &token_hash,
        admin_id,
        csrf_token: &csrf_token,
        next,
        expires_at: now + SECONDS,
    };
    db::two_factor::create_pending(&state.pool, &pending, now).await?;
    tracing::info!(%admin_id, "password accepted; asking for the second factor");
    let mut response = respond::see_other(PATH);
    response
        .add_cookie(&cookie(&token, state.config.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

impl PendingSignIn {
    /// Whether `typed` is a second factor of this account, used up if so: an
    /// authenticator code not accepted before, or an unused recovery code.
    pub async fn second_factor_accepted(&self, state: &AppState, typed: &str) -> Result<bool> {
        let pool = &state.pool;
        let now = state.config.clock.now();
        if let Some(code) = TotpCode::parse(typed) {
            let Some(row) = db::two_factor::totp(pool, self.admin_id).await? else {
                return Ok(false);
            };
            let secret = TotpSecret::stored(row.secret);
            let step = row
                .confirmed_at
                .and_then(|_| secret.matching_step(&code, now));
            return Ok(match step {
                Some(step) => db::two_factor::use_totp_step(pool, self.admin_id, step).await?,
                None => false,
            });
        }
        Ok(match recovery::hash_typed(typed) {
            Some(hash) => {
                db::two_factor::use_recovery_code(pool, self.admin_id, &hash, now).await?
            }
            None => false,
        })
    }

    async fn extract(req: HttpRequest) -> Result<Self> {
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))?;
        let start_again = || AppError::LoginRequired { next: None };
        let token = req.cookie(COOKIE).ok_or_else(start_again)?;
        let token_hash = session::hash_token(token.value());
        let now = state.config.clock.now();
        let row = db::two_factor::find_pending(&state.pool, &token_hash, now)
            .await?
            .ok_or_else(start_again)?;
        Ok(Self {
            admin_id: row.admin_id,
            username: row.username,
            role: row.role,
            csrf_token: row.csrf_token,
            next: row.next,
            token_hash,
        })
    }
}

impl FromRequest for PendingSignIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Self::extract(req.clone()))
    }
}
