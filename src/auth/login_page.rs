//! The login form: its page (with the double-submit cookie that guards it
//! before any session exists) and what it shows besides its fields.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use tera::Context;

use super::resume::CarriedForm;
use super::{random_token, same_secret};
use crate::domain::message::{MessageId, msg};
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

/// The login form's double-submit CSRF cookie.
pub const LOGIN_COOKIE: &str = "folio_login_csrf";

pub fn login_cookie(token: &str, secure: bool) -> Cookie<'static> {
    let token = token.to_owned();
    respond::cookie(
        LOGIN_COOKIE,
        token,
        "/admin",
        SameSite::Strict,
        secure,
        None,
    )
}

/// Whether a form's double-submit token is the one the login cookie holds
/// (the login form's, and an invitation's, which has no session either).
pub fn token_matches_cookie(req: &HttpRequest, token: &str) -> bool {
    let cookie = req.cookie(LOGIN_COOKIE);
    let cookie = cookie.as_ref().map(|c| c.value()).unwrap_or_default();
    !cookie.is_empty() && same_secret(cookie, token)
}

/// What the login form shows besides its fields.
pub struct LoginPage<'a> {
    pub status: StatusCode,
    pub username: &'a str,
    pub next: &'a str,
    pub error: Option<String>,
    /// A message id.
    pub notice: Option<MessageId>,
    pub carried: Option<&'a CarriedForm>,
}

/// The login form, with a fresh double-submit token unless the browser already holds one.
pub fn login_page(
    state: &AppState,
    req: &HttpRequest,
    page: LoginPage<'_>,
) -> Result<HttpResponse> {
    let mut context = state.context();
    context.insert("username", page.username);
    context.insert("next", page.next);
    context.insert("error", &page.error);
    context.insert("notice", &page.notice);
    context.insert("carried", &page.carried);
    let passkeys = super::passkey::relying_party(&state.config, &state.site().title).is_some();
    context.insert("passkeys", &passkeys);
    form_page_without_session(state, req, page.status, "admin/login.html", context)
}

/// The double-submit token the browser already holds, or a fresh one (which
/// the page that shows it must set with `login_cookie`).
pub fn login_token(req: &HttpRequest) -> String {
    req.cookie(LOGIN_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 64)
        .unwrap_or_else(random_token)
}

/// A form's page where there is no session yet (the login form, an
/// invitation's): `template` with a `csrf_token`, the double-submit token
/// the browser already holds or a fresh one, which the login cookie holds too.
pub fn form_page_without_session(
    state: &AppState,
    req: &HttpRequest,
    status: StatusCode,
    template: &str,
    mut context: Context,
) -> Result<HttpResponse> {
    let token = login_token(req);
    context.insert("csrf_token", &token);
    let mut response =
        respond::render_page::<AppError>(&state.templates, status, template, &context)?;
    response
        .add_cookie(&login_cookie(&token, state.config.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// The login page's notice when a form's session ended (a message id).
pub const SESSION_ENDED: MessageId = msg::LOGIN_SESSION_ENDED;

/// The answer to a form whose session ended: log in again, the form kept.
pub fn log_in_again(
    state: &AppState,
    req: &HttpRequest,
    carried: &CarriedForm,
) -> Result<HttpResponse> {
    login_page(
        state,
        req,
        LoginPage {
            status: StatusCode::UNAUTHORIZED,
            username: "",
            next: "",
            error: None,
            notice: Some(SESSION_ENDED),
            carried: Some(carried),
        },
    )
}
