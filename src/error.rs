//! One error type for the whole app: a status and a message for the reader,
//! the cause chain for the log only.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::domain::message::Message;
use crate::respond;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Refused, with a message the reader may see.
    #[error("forbidden: {0}")]
    Forbidden(Message),
    #[error("too many requests: {0}")]
    TooManyRequests(Message),
    #[error("conflict: {0}")]
    Conflict(Message),
    #[error("bad request: {0}")]
    BadRequest(Message),
    #[error("payload too large")]
    PayloadTooLarge,
    /// The request's body stopped arriving (see `routes::middleware::BODY_IDLE`).
    #[error("request timeout")]
    RequestTimeout,
    /// No live admin session: answered with a redirect to the login page.
    #[error("login required")]
    LoginRequired { next: Option<String> },
    /// The site requires two-step sign-in and the account has no second
    /// factor yet: answered with a redirect to where it is set up.
    #[error("two-step sign-in required")]
    TwoStepRequired,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(anyhow::Error::new(error).context("database"))
    }
}

impl From<tera::Error> for AppError {
    fn from(error: tera::Error) -> Self {
        Self::Internal(anyhow::Error::new(error).context("template"))
    }
}

/// A message for the styled error page, carried in the response's extensions.
#[derive(Debug, Clone)]
pub struct PublicMessage(pub Message);

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::LoginRequired { .. } | Self::TwoStepRequired => StatusCode::SEE_OTHER,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::LoginRequired { next } = self {
            return login_redirect(next.as_deref());
        }
        if let Self::TwoStepRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((actix_web::http::header::LOCATION, TWO_STEP_SET_UP))
                .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
                .finish();
        }
        let message = match self {
            Self::NotFound
            | Self::Internal(_)
            | Self::PayloadTooLarge
            | Self::RequestTimeout
            | Self::LoginRequired { .. }
            | Self::TwoStepRequired => None,
            Self::Forbidden(m)
            | Self::TooManyRequests(m)
            | Self::Conflict(m)
            | Self::BadRequest(m) => Some(m.clone()),
        };
        if let Self::Internal(cause) = self {
            // The cause chain on one line ("database: …: disk is full"), not a trace.
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        let mut response = HttpResponse::new(self.status_code());
        if let Some(message) = message {
            response.extensions_mut().insert(PublicMessage(message));
        }
        response
    }
}

/// Where an account is sent to set up its second factor when the site requires one.
pub const TWO_STEP_SET_UP: &str = "/admin/account?two_step=required";

fn login_redirect(next: Option<&str>) -> HttpResponse {
    let location = match next.and_then(crate::domain::admin::safe_next) {
        Some(next) if next != "/admin/comments" => {
            let encoded: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
            format!("/admin/login?next={encoded}")
        }
        _ => "/admin/login".to_owned(),
    };
    respond::no_store(respond::see_other(&location))
}
