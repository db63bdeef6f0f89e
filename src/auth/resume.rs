//! Nothing an admin typed is lost to an ended session: an admin form sent
//! without a live session (or with an ended session's token) is carried
//! through a new login and shown again, filled, with a token of the new
//! session. It is never applied by itself: the admin sees it and sends it,
//! so a forged form gains nothing from the detour.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use super::csrf::{LOGIN_COOKIE, login_cookie};
use super::random_token;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// One field of a carried form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

/// A refused admin form: where it was going and what it held (but its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedForm {
    pub action: String,
    pub fields: Vec<Field>,
    /// The fields URL-encoded, for one hidden field of the login form.
    pub encoded: String,
}

impl CarriedForm {
    /// The form sent to `action`, if it is worth keeping: an admin path, sent
    /// from this site (the browser says so when it can), with a CSRF token
    /// field as Folio's own forms have, and something besides it.
    pub fn from_request(req: &HttpRequest, body: &[u8]) -> Option<Self> {
        let fetched_from = req
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok());
        if fetched_from.is_some_and(|site| site != "same-origin" && site != "none") {
            return None;
        }
        let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).ok()?;
        let had_token = pairs
            .iter()
            .any(|(name, value)| name == "csrf_token" && !value.is_empty());
        Self::new(req.path(), pairs.into_iter()).filter(|_| had_token)
    }

    /// The form carried through the login form's hidden fields.
    pub fn decode(action: &str, encoded: &str) -> Option<Self> {
        Self::new(
            action,
            url::form_urlencoded::parse(encoded.as_bytes()).into_owned(),
        )
    }

    fn new(action: &str, pairs: impl Iterator<Item = (String, String)>) -> Option<Self> {
        let fields: Vec<Field> = pairs
            .filter(|(name, _)| name != "csrf_token")
            .map(|(name, value)| Field { name, value })
            .collect();
        let local = action.starts_with("/admin/")
            && !action.contains("//")
            && !action.contains("..")
            && !action.contains(['\\', '?', '#']);
        if !local || action == "/admin/logout" || action == "/admin/login" || fields.is_empty() {
            return None;
        }
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|f| (&f.name, &f.value)))
            .finish();
        Some(Self {
            action: action.to_owned(),
            fields,
            encoded,
        })
    }
}

/// What the login form shows besides its fields.
pub struct LoginPage<'a> {
    pub status: StatusCode,
    pub username: &'a str,
    pub next: &'a str,
    pub error: Option<String>,
    /// A message id.
    pub notice: Option<&'a str>,
    pub carried: Option<&'a CarriedForm>,
}

/// The login form, with a fresh double-submit token unless the browser already holds one.
pub fn login_page(
    state: &AppState,
    req: &HttpRequest,
    page: LoginPage<'_>,
) -> Result<HttpResponse> {
    let token = req
        .cookie(LOGIN_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 64)
        .unwrap_or_else(random_token);
    let mut context = state.context();
    context.insert("csrf_token", &token);
    context.insert("username", page.username);
    context.insert("next", page.next);
    context.insert("error", &page.error);
    context.insert("notice", &page.notice);
    context.insert("carried", &page.carried);
    let passkeys = super::passkey::relying_party(&state.config, &state.site().title).is_some();
    context.insert("passkeys", &passkeys);
    let mut response = state.render_page(page.status, "admin/login.html", &context)?;
    response
        .add_cookie(&login_cookie(&token, state.config.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}

/// The login page's notice when a form's session ended (a message id).
pub const SESSION_ENDED: &str = "login-session-ended";

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

/// The carried form again, filled and bound to the admin's live session, to send by hand;
/// `message` is the id of the text that says why.
pub fn send_again(
    state: &AppState,
    status: StatusCode,
    csrf_token: &str,
    carried: &CarriedForm,
    message: &'static str,
) -> Result<HttpResponse> {
    let mut context = state.context();
    context.insert("csrf_token", csrf_token);
    context.insert("carried", carried);
    context.insert("message", &state.text(message));
    state.render_page(status, "admin/send_again.html", &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_carried_form_survives_its_trip_through_a_hidden_field() {
        let body = "csrf_token=old&title=Gr%C3%BC%C3%9Fe&body=a%0D%0Ab+%26+c&ids=1&ids=2";
        let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body.as_bytes()).unwrap();
        let carried = CarriedForm::new("/admin/posts/3", pairs.into_iter()).unwrap();
        assert!(carried.fields.iter().all(|f| f.name != "csrf_token"));
        let back = CarriedForm::decode("/admin/posts/3", &carried.encoded).unwrap();
        assert_eq!(back, carried);
        assert_eq!(back.fields[1].value, "a\r\nb & c");
        assert_eq!(back.fields.len(), 4, "repeated fields are kept");
    }

    #[test]
    fn only_admin_forms_with_something_in_them_are_carried() {
        let some = || vec![("title".to_owned(), "x".to_owned())].into_iter();
        assert!(CarriedForm::new("/admin/settings", some()).is_some());
        assert!(CarriedForm::new("/posts/x/comments", some()).is_none());
        assert!(CarriedForm::new("/admin//evil.example", some()).is_none());
        assert!(CarriedForm::new("/admin/../posts/x", some()).is_none());
        assert!(CarriedForm::new("/admin\\evil", some()).is_none());
        assert!(CarriedForm::new("/admin/logout", some()).is_none());
        let only_token = vec![("csrf_token".to_owned(), "t".to_owned())].into_iter();
        assert!(CarriedForm::new("/admin/comments/1/approve", only_token).is_none());
    }
}
