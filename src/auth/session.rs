//! Server-side sessions: a random token in an `HttpOnly` cookie, only its hash in the database.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::BoxBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest};
use actix_web::middleware::{Next, from_fn};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use sha2::{Digest, Sha256};

use crate::db;
/// Kept here too: login code asks the session where to go after signing in.
pub use crate::domain::admin::safe_next;
use crate::domain::ids::AdminId;
use crate::domain::message::{MessageId, msg};
use crate::domain::role::{Permission, Role};
use crate::error::AppError;
use crate::respond;
use crate::state::AppState;

/// The message of the page that refuses what a role may not do.
pub const NOT_PERMITTED: MessageId = msg::ROLE_NOT_PERMITTED;

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

/// Who may use a route. Every admin route names one in the route table
/// (`routes::admin::table`), which attaches it to the route with [`guarded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not: the login page, an invitation's page.
    Public,
    /// A signed-in account whose role has this permission.
    Needs(Permission),
}

/// The route with what it needs attached, for the `AdminUser` extractor to check.
pub fn guarded(route: actix_web::Route, access: Access) -> actix_web::Route {
    route.wrap(from_fn(
        move |req: ServiceRequest, next: Next<BoxBody>| async move {
            req.extensions_mut().insert(access);
            next.call(req).await
        },
    ))
}

/// A signed-in account allowed to use the route it asks for. As a handler
/// argument it makes "must be logged in, with a role that may do this" part
/// of the signature: without a live session the request is answered with a
/// redirect to the login page, and when the account's role lacks the
/// permission the route names — or the route names none (deny by default) —
/// with 403; either way the handler never runs.
#[derive(Debug, Clone)]
pub struct AdminUser {
    pub admin_id: AdminId,
    pub username: String,
    pub role: Role,
    pub csrf_token: String,
    pub token_hash: String,
}

impl AdminUser {
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }

    async fn extract(req: HttpRequest) -> Result<Self, AppError> {
        // A route that names no permission is refused to everyone, signed in or not.
        let access = req.extensions().get::<Access>().copied();
        let Some(Access::Needs(permission)) = access else {
            tracing::warn!("refused: the route names no permission");
            return Err(AppError::Forbidden(NOT_PERMITTED.into()));
        };
        let (account, two_step) = Self::signed_in(&req).await?;
        if !two_step && !may_skip_two_step(req.path()) && two_step_required(&req) {
            return Err(AppError::TwoStepRequired);
        }
        if !account.may(permission) {
            tracing::info!(admin_id = %account.admin_id, role = %account.role, "refused: not permitted");
            return Err(AppError::Forbidden(NOT_PERMITTED.into()));
        }
        Ok(account)
    }

    /// The account of the request's live session, whatever the route, and
    /// whether it signs in with a second factor.
    async fn signed_in(req: &HttpRequest) -> Result<(Self, bool), AppError> {
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
        let account = Self {
            admin_id: session.admin_id,
            username: session.username,
            role: session.role,
            csrf_token: session.csrf_token,
            token_hash,
        };
        Ok((account, session.two_step))
    }

    pub fn moderator(&self) -> db::moderation::Moderator<'_> {
        db::moderation::Moderator {
            admin_id: self.admin_id,
            username: &self.username,
        }
    }
}

/// Whether the site's settings require a second factor of every account.
fn two_step_required(req: &HttpRequest) -> bool {
    req.app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.site().require_two_step)
}

/// What an account without a second factor may still use while the site
/// requires one: its own account page (where it is set up) and signing out.
fn may_skip_two_step(path: &str) -> bool {
    path == "/admin/account" || path.starts_with("/admin/account/") || path == "/admin/logout"
}

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(Self::extract(req.clone()))
    }
}

/// Whoever is signed in, on a page anyone may see (a post, an email link's
/// page): it grants nothing, it only lets the page show an account more (an
/// Edit link, a commenter's address) when the role may use it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub admin_id: AdminId,
    pub role: Role,
}

impl SignedIn {
    pub fn may(&self, permission: Permission) -> bool {
        self.role.may(permission)
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (account, _) = AdminUser::signed_in(&req).await?;
            Ok(Self {
                admin_id: account.admin_id,
                role: account.role,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::App;
    use actix_web::test as service;

    async fn needs_an_account(_: AdminUser) -> &'static str {
        "served"
    }

    #[actix_web::test]
    async fn a_route_that_names_no_permission_is_refused_to_everyone() {
        let app = service::init_service(
            App::new()
                .route("/forgotten", web::get().to(needs_an_account))
                .route(
                    "/public",
                    guarded(web::get().to(needs_an_account), Access::Public),
                ),
        )
        .await;
        for path in ["/forgotten", "/public"] {
            let request = service::TestRequest::get().uri(path).to_request();
            let response = service::call_service(&app, request).await;
            assert_eq!(response.status().as_u16(), 403, "{path}");
        }
    }

    #[test]
    fn tokens_are_stored_hashed() {
        let token = crate::auth::random_token();
        assert_eq!(token.len(), 64);
        assert_ne!(hash_token(&token), token);
        assert_eq!(hash_token(&token), hash_token(&token));
    }
}
