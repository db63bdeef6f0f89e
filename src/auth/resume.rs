//! Nothing an admin typed is lost to an ended session: an admin form sent
//! without a live session (or with an ended session's token) is carried
//! through a new login and shown again, filled, with a token of the new
//! session. It is never applied by itself: the admin sees it and sends it,
//! so a forged form gains nothing from the detour.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::domain::message::MessageId;
use crate::error::Result;
use crate::respond;
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

/// The carried form again, filled and bound to the admin's live session, to send by hand;
/// `message` is the id of the text that says why.
pub fn send_again(
    state: &AppState,
    status: StatusCode,
    csrf_token: &str,
    carried: &CarriedForm,
    message: MessageId,
) -> Result<HttpResponse> {
    let mut context = state.context();
    context.insert("csrf_token", csrf_token);
    context.insert("carried", carried);
    context.insert("message", &state.text(message));
    respond::render_page(&state.templates, status, "admin/send_again.html", &context)
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
