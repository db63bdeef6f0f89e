//! Logging in and out.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::auth::csrf::{FORM_UNREADABLE, NoFields, REFUSED};
use crate::auth::login_page::{
    LoginPage, login_cookie, login_page, login_token, token_matches_cookie,
};
use crate::auth::pending::{self, PendingSignIn};
use crate::auth::resume::{self, CarriedForm};
use crate::auth::same_secret;
use crate::auth::{AdminForm, password, random_token, session};
use crate::db;
use crate::domain::ids::AdminId;
use crate::domain::message::{Message, MessageId, msg};
use crate::domain::time::UnixTime;
use crate::error::{AppError, Result};
use crate::respond;
use crate::routes::request::client_ip;
use crate::state::AppState;

/// Message ids: a failed login, and the page that offers a carried form again.
pub const INVALID: MessageId = msg::LOGIN_INVALID;
/// The right password for an account an admin has deactivated.
const DEACTIVATED: MessageId = msg::LOGIN_DEACTIVATED;
const BACK: MessageId = msg::LOGIN_SEND_AGAIN;

/// Colleagues often share one office address, so it may fail this many times
/// more often than one account before it is locked.
const ADDRESS_ATTEMPTS_PER_ACCOUNT_ATTEMPT: i64 = 10;

fn minutes(seconds: i64) -> i64 {
    (seconds + 59) / 60
}

fn try_again_in(seconds: i64) -> Message {
    Message::new(msg::LOGIN_LOCKED).with("minutes", minutes(seconds))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    next: String,
    signed_out: Option<String>,
    /// Arrived from an accepted invitation.
    joined: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf_token: String,
    next: String,
    /// A form whose session ended, carried through this login (see `auth::resume`).
    resume_action: String,
    resume_form: String,
}

pub async fn show(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse> {
    let notice = if query.signed_out.is_some() {
        Some(msg::LOGIN_LOGGED_OUT)
    } else if query.joined.is_some() {
        Some(msg::LOGIN_ACCOUNT_READY)
    } else {
        None
    };
    let next = session::safe_next(&query.next).unwrap_or_default();
    login_page(
        &state,
        &req,
        LoginPage {
            status: StatusCode::OK,
            username: "",
            next,
            error: None,
            notice,
            carried: None,
        },
    )
}

/// The login form as sent, if its double-submit token is the cookie's.
fn login_form(req: &HttpRequest, body: &[u8]) -> Result<LoginForm> {
    // Read like the admin forms, not as `web::Form`: a carried post may be long.
    let form: LoginForm = serde_html_form::from_bytes(body)
        .map_err(|_| AppError::BadRequest(FORM_UNREADABLE.into()))?;
    if !token_matches_cookie(req, &form.csrf_token) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    Ok(form)
}

pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse> {
    let form = login_form(&req, &body)?;
    let carried = CarriedForm::decode(&form.resume_action, &form.resume_form);
    let next = session::safe_next(&form.next).unwrap_or_default();
    let username = form.username.trim();
    let page = |status, error: String| LoginPage {
        status,
        username,
        next,
        error: Some(error),
        notice: None,
        carried: carried.as_ref(),
    };
    let config = &state.config;
    let now = config.clock.now();
    let user_key = db::throttle::user_key(username);
    let ip_key = db::throttle::ip_key(&client_ip(&req));
    if let Some(message) = locked(&state, &user_key, &ip_key, now).await? {
        return login_page(&state, &req, page(StatusCode::TOO_MANY_REQUESTS, message));
    }
    let account = db::admins::credentials(&state.pool, username).await?;
    let stored_hash = account.as_ref().map(|a| a.password_hash.clone());
    let verified = password::verify(form.password.clone(), stored_hash).await;
    let Some(account) = account.filter(|_| verified) else {
        let message = refused(&state, &user_key, &ip_key, now, INVALID).await?;
        tracing::info!("failed admin login");
        return login_page(&state, &req, page(StatusCode::UNAUTHORIZED, message));
    };
    if password::is_outdated(&account.password_hash) {
        hash_again(&state, &account, form.password).await;
    }
    // With a second factor the lock is lifted only once that is right too:
    // the password alone must not reset the count of wrong codes.
    let two_step = db::two_factor::has_second_factor(&state.pool, account.id).await?
        || passkey_step(&state, account.id).await?;
    if !two_step {
        db::throttle::clear(&state.pool, &user_key, &ip_key).await?;
    }
    if !account.active {
        // Said only to someone who knows the password.
        tracing::info!(admin_id = %account.id, "refused login: account deactivated");
        let message = state.text(DEACTIVATED);
        return login_page(&state, &req, page(StatusCode::FORBIDDEN, message));
    }
    if two_step {
        return pending::begin(&state, account.id, next).await;
    }
    signed_in(&state, &req, &account, next, carried.as_ref()).await
}

/// A password login's answer once nothing else is asked: a new session's
/// cookie, and the form carried through the login sent again, or on to the
/// page the login was asked from (the account's home page when none).
async fn signed_in(
    state: &AppState,
    req: &HttpRequest,
    account: &db::admins::Credentials,
    next: &str,
    carried: Option<&CarriedForm>,
) -> Result<HttpResponse> {
    let now = state.config.clock.now();
    let (token, csrf_token) = start_session(state, req, account.id, now).await?;
    let mut response = match carried {
        Some(carried) => resume::send_again(state, StatusCode::OK, &csrf_token, carried, BACK)?,
        None if next.is_empty() => respond::see_other(account.role.home()),
        None => respond::see_other(next),
    };
    response
        .add_cookie(&session::session_cookie(
            &token,
            state.config.secure_cookies(),
        ))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// Stores the password that was just verified hashed with today's
/// parameters, in place of its older hash. The login goes on if that fails:
/// the older hash still verifies, and the next login tries again.
async fn hash_again(state: &AppState, account: &db::admins::Credentials, password: String) {
    let renewed = async {
        let hash = password::hash_again(password).await?;
        db::admins::replace_hash(&state.pool, account.id, &account.password_hash, &hash).await?;
        anyhow::Ok(())
    };
    match renewed.await {
        Ok(()) => {
            tracing::info!(admin_id = %account.id, "password hashed again with today's parameters")
        }
        Err(e) => {
            tracing::warn!(admin_id = %account.id, error = %e, "could not hash the password again")
        }
    }
}

/// A wrong authenticator or recovery code.
const CODE_INVALID: MessageId = msg::LOGIN_CODE_INVALID;

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    csrf_token: String,
    code: String,
}

/// Whether the account's passkeys can be its second step here: it has one,
/// and the site has a host name a passkey can belong to.
async fn passkey_step(state: &AppState, admin_id: AdminId) -> Result<bool> {
    let usable = crate::auth::passkey::relying_party(&state.config, &state.site().title).is_some();
    Ok(usable && db::passkeys::any(&state.pool, admin_id).await?)
}

/// The second step's page: the field "Code" where the account has an
/// authenticator app or recovery codes, "Sign in with a passkey" where it has
/// passkeys (that form carries the login page's token, as on the login page).
async fn code_page(
    state: &AppState,
    req: &HttpRequest,
    pending: &PendingSignIn,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse> {
    let pool = &state.pool;
    let admin_id = pending.admin_id;
    let code = db::two_factor::has_second_factor(pool, admin_id).await?
        || db::two_factor::unused_recovery_codes(pool, admin_id).await? > 0;
    let login_token = login_token(req);
    let mut context = state.context();
    context.insert("csrf_token", &pending.csrf_token);
    context.insert("login_token", &login_token);
    context.insert("next", &pending.next);
    context.insert("code", &code);
    context.insert("passkeys", &passkey_step(state, admin_id).await?);
    context.insert("error", &error);
    let mut response = respond::render_page::<AppError>(
        &state.templates,
        status,
        "admin/login_code.html",
        &context,
    )?;
    response
        .add_cookie(&login_cookie(&login_token, state.config.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// The second step, for a half-finished sign-in only.
pub async fn show_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    pending: PendingSignIn,
) -> Result<HttpResponse> {
    code_page(&state, &req, &pending, StatusCode::OK, None).await
}

/// An authenticator or recovery code: right, and the sign-in becomes a
/// session; wrong, and it counts towards the lock like a wrong password.
pub async fn submit_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    pending: PendingSignIn,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse> {
    if !same_secret(&form.csrf_token, &pending.csrf_token) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    let config = &state.config;
    let now = config.clock.now();
    let user_key = db::throttle::user_key(&pending.username);
    let ip_key = db::throttle::ip_key(&client_ip(&req));
    if let Some(message) = locked(&state, &user_key, &ip_key, now).await? {
        let status = StatusCode::TOO_MANY_REQUESTS;
        return code_page(&state, &req, &pending, status, Some(message)).await;
    }
    if !pending.second_factor_accepted(&state, &form.code).await? {
        let message = refused(&state, &user_key, &ip_key, now, CODE_INVALID).await?;
        tracing::info!(admin_id = %pending.admin_id, "wrong second-factor code");
        return code_page(
            &state,
            &req,
            &pending,
            StatusCode::UNAUTHORIZED,
            Some(message),
        )
        .await;
    }
    db::throttle::clear(&state.pool, &user_key, &ip_key).await?;
    db::two_factor::delete_pending(&state.pool, &pending.token_hash).await?;
    let (token, _) = start_session(&state, &req, pending.admin_id, now).await?;
    let home = pending.role.home();
    second_step_done(&token, home, &pending.next, config.secure_cookies())
}

/// The answer once the second step is done (by a code or a passkey): the
/// session's cookie, the half-finished sign-in's gone, on to `next` or home.
fn second_step_done(token: &str, home: &str, next: &str, secure: bool) -> Result<HttpResponse> {
    let mut response = respond::see_other(if next.is_empty() { home } else { next });
    for cookie in [
        session::session_cookie(token, secure),
        pending::removal_cookie(secure),
    ] {
        response
            .add_cookie(&cookie)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(response)
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasskeyForm {
    csrf_token: String,
    next: String,
    ceremony: String,
    credential: String,
}

/// The options for "Sign in with a passkey" (asked by the script).
pub async fn passkey_options(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<PasskeyForm>,
) -> Result<HttpResponse> {
    if !token_matches_cookie(&req, &form.csrf_token) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    let body = crate::auth::passkey::start_sign_in(&state).await?;
    Ok(respond::json(body))
}

/// A passkey's answer: right, and the account it belongs to has a session.
pub async fn passkey_submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<PasskeyForm>,
) -> Result<HttpResponse> {
    if !token_matches_cookie(&req, &form.csrf_token) {
        return Err(AppError::Forbidden(REFUSED.into()));
    }
    let next = session::safe_next(&form.next).unwrap_or_default();
    let admin_id =
        crate::auth::passkey::finish_sign_in(&state, &form.ceremony, &form.credential).await?;
    let account = match admin_id {
        Some(id) => db::admins::account(&state.pool, id).await?,
        None => None,
    };
    let Some(account) = account.filter(|a| a.active) else {
        tracing::info!("passkey sign-in refused");
        let page = LoginPage {
            status: StatusCode::UNAUTHORIZED,
            username: "",
            next,
            error: Some(state.text(crate::auth::passkey::REFUSED)),
            notice: None,
            carried: None,
        };
        return login_page(&state, &req, page);
    };
    let now = state.config.clock.now();
    let (token, _) = start_session(&state, &req, account.id, now).await?;
    // A passkey may also be the second step of a half-finished sign-in.
    let secure = state.config.secure_cookies();
    second_step_done(&token, account.role.home(), next, secure)
}

/// The message for a sign-in tried while the account or the address is
/// locked (`None` when neither is, or when logins are not throttled).
async fn locked(
    state: &AppState,
    user_key: &str,
    ip_key: &str,
    now: UnixTime,
) -> Result<Option<String>> {
    if state.config.login_attempts == 0 {
        return Ok(None);
    }
    let until = db::throttle::locked_until(&state.pool, user_key, ip_key, now).await?;
    Ok(until.map(|until| state.text(try_again_in(until - now))))
}

/// The message for a wrong password or code (`invalid`). When logins are
/// throttled the failure counts against the account and the address, and the
/// message says how many attempts are left before the lock, or that it is
/// locked now.
async fn refused(
    state: &AppState,
    user_key: &str,
    ip_key: &str,
    now: UnixTime,
    invalid: MessageId,
) -> Result<String> {
    if state.config.login_attempts == 0 {
        return Ok(state.text(Message::new(invalid).with("then", "")));
    }
    let config = &state.config;
    let max = i64::from(config.login_attempts);
    let ip_max = max.saturating_mul(ADDRESS_ATTEMPTS_PER_ACCOUNT_ATTEMPT);
    let lock = i64::try_from(config.login_lock_seconds).unwrap_or(i64::MAX / 2);
    let pool = &state.pool;
    let failed = db::throttle::record_failure(pool, user_key, now, max, lock).await?;
    let ip_failed = db::throttle::record_failure(pool, ip_key, now, ip_max, lock).await?;
    Ok(match (max - failed).min(ip_max - ip_failed) {
        ..=0 => state.text(Message::new(invalid).with("then", state.text(try_again_in(lock)))),
        left => state.text(
            Message::new(invalid).with(
                "then",
                state.text(
                    Message::new(msg::LOGIN_ATTEMPTS_LEFT)
                        .with("count", left)
                        .with("minutes", minutes(lock)),
                ),
            ),
        ),
    })
}

/// A new session for the admin: its token (for the cookie) and its CSRF token.
async fn start_session(
    state: &AppState,
    req: &HttpRequest,
    admin_id: AdminId,
    now: UnixTime,
) -> Result<(String, String)> {
    let token = random_token();
    let csrf_token = random_token();
    let token_hash = session::hash_token(&token);
    let user_agent = crate::routes::request::user_agent(req);
    let ip = client_ip(req);
    let new_session = db::sessions::NewSession {
        token_hash: &token_hash,
        admin_id,
        csrf_token: &csrf_token,
        user_agent: &user_agent,
        ip: &ip,
        expires_at: now + session::ABSOLUTE_SECONDS,
    };
    db::sessions::create(&state.pool, &new_session, now).await?;
    tracing::info!(%admin_id, "admin logged in");
    Ok((token, csrf_token))
}

pub async fn logout(state: web::Data<AppState>, form: AdminForm<NoFields>) -> Result<HttpResponse> {
    db::sessions::delete(&state.pool, &form.admin.token_hash).await?;
    let mut response = respond::see_other("/admin/login?signed_out=1");
    response
        .add_cookie(&session::removal_cookie(state.config.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}
