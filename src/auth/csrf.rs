//! CSRF protection: every admin form echoes the session's synchronizer token;
//! the login form (before any session) uses a double-submit cookie.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::AdminUser;
use super::login_page;
use super::resume::{self, CarriedForm};
use crate::domain::message::{MessageId, msg};
use crate::error::AppError;
use crate::state::AppState;

pub const REFUSED: MessageId = msg::FORM_REFUSED;

/// Refused: a form body that is not a form (a message id).
pub const FORM_UNREADABLE: MessageId = msg::FORM_UNREADABLE;

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf_token: String,
}

/// An admin's form submission whose CSRF token matched their session; the
/// handler receives the signed-in admin and the parsed form.
pub struct AdminForm<T> {
    pub admin: AdminUser,
    pub form: T,
}

/// A refusal already rendered as a page (e.g. the login form with the sent form kept).
fn answered(page: HttpResponse) -> actix_web::Error {
    InternalError::from_response("answered", page).into()
}

pub const STALE_FORM: MessageId = msg::FORM_STALE;

fn carried(req: &HttpRequest, body: &[u8]) -> Option<(web::Data<AppState>, CarriedForm)> {
    let state = req.app_data::<web::Data<AppState>>()?.clone();
    Some((state, CarriedForm::from_request(req, body)?))
}

/// A form with no fields of its own (just the CSRF token).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// A button on one item of an admin list: a form of no fields of its own,
/// CSRF-checked like any `AdminForm`, and the item's id as the path wrote it
/// (`…/{id}/…`; each handler decides what an unreadable one means).
pub struct ItemButton {
    pub admin: AdminUser,
    pub raw_id: String,
}

impl FromRequest for ItemButton {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let raw_id = web::Path::<String>::from_request(req, payload);
        let form = AdminForm::<NoFields>::from_request(req, payload);
        Box::pin(async move {
            let raw_id = raw_id.await?.into_inner();
            let admin = form.await?.admin;
            Ok(Self { admin, raw_id })
        })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for AdminForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let admin = AdminUser::from_request(req, payload);
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let admin = admin.await;
            let body =
                body.await
                    .map_err(|e| match e.as_response_error().status_code().as_u16() {
                        413 => AppError::PayloadTooLarge,
                        _ => AppError::BadRequest(FORM_UNREADABLE.into()),
                    })?;
            let admin = match admin {
                Err(AppError::LoginRequired { next }) => {
                    // The session ended: keep what was sent for after the next login.
                    return Err(match carried(&req, &body) {
                        Some((state, form)) => {
                            answered(login_page::log_in_again(&state, &req, &form)?)
                        }
                        None => AppError::LoginRequired { next }.into(),
                    });
                }
                other => other?,
            };
            let sent: CsrfField = serde_html_form::from_bytes(&body)
                .map_err(|_| AppError::Forbidden(REFUSED.into()))?;
            if !super::same_secret(&sent.csrf_token, &admin.csrf_token) {
                // Most often a form opened before a logout and a new login: show it
                // again with this session's token rather than throw it away.
                return Err(match carried(&req, &body) {
                    Some((state, form)) => {
                        let page = resume::send_again(
                            &state,
                            StatusCode::FORBIDDEN,
                            &admin.csrf_token,
                            &form,
                            STALE_FORM,
                        )?;
                        answered(page)
                    }
                    None => AppError::Forbidden(REFUSED.into()).into(),
                });
            }
            let form = serde_html_form::from_bytes(&body)
                .map_err(|_| AppError::BadRequest(FORM_UNREADABLE.into()))?;
            Ok(Self { admin, form })
        })
    }
}
