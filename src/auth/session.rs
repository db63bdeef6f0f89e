//! Server-side sessions: a random token in an `HttpOnly` cookie, only its hash in the database.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use sha2::{Digest, Sha256};

use crate::db;
/// Kept here too: login code asks the session where to go after signing in.
pub use crate::domain::admin::safe_next;
use crate::domain::ids::AdminId;
use crate::error::AppError;
use crate::respond;
use crate::state::AppState;

pub const COOKIE: &str = "folio_session";
/// A session ends after this long without a request...
pub const IDLE_SECONDS: i64 = 12 * 60 * 60;
/// ...and in any case this long after the login.
pub const ABSOLUTE_SECONDS: i64 = 7 * 24 * 60 * 60;
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_SECONDS: i64 = 60;

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    let max_age = Some(ABSOLUTE_SECONDS);
    respond::cookie(
        COOKIE,
        token.to_owned(),
        "/",
        SameSite::Lax,
        secure,
        max_age,
    )
}

pub fn removal_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}

/// A signed-in admin. As a handler argument it makes "must be logged in" part
/// of the signature: without a live session the request is answered with a
/// redirect to the login page and the handler never runs.
#[derive(Debug, Clone)]
pub struct AdminUser {
    pub admin_id: AdminId,
    pub username: String,
    pub csrf_token: String,
    pub token_hash: String,
}

impl AdminUser {
    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        let next = if req.method() == actix_web::http::Method::GET {
            req.uri().path_and_query().map(|p| p.as_str().to_owned())
        } else {
            None
        };
        let login_required = || AppError::LoginRequired { next: next.clone() };
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no app state")))?;
        let token = req.cookie(COOKIE).ok_or_else(login_required)?;
        let token_hash = hash_token(token.value());
        let now = state.config.clock.now();
        let session = db::sessions::find_active(&state.pool, &token_hash, now, now - IDLE_SECONDS)
            .await?
            .ok_or_else(login_required)?;
        if now - session.last_seen_at >= TOUCH_EVERY_SECONDS {
            db::sessions::touch(&state.pool, &token_hash, now).await?;
        }
        Ok(Self {
            admin_id: session.admin_id,
            username: session.username,
            csrf_token: session.csrf_token,
            token_hash,
        })
    }

    pub fn moderator(&self) -> db::moderation::Moderator<'_> {
        db::moderation::Moderator {
            admin_id: self.admin_id,
            username: &self.username,
        }
    }
}

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Self::extract(req.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stored_hashed() {
        let token = crate::auth::random_token();
        assert_eq!(token.len(), 64);
        assert_ne!(hash_token(&token), token);
        assert_eq!(hash_token(&token), hash_token(&token));
    }
}
