//! One error type for the whole app: a status and a message for the reader,
//! the cause chain for the log only.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Refused, with a message the reader may see.
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("bad request: {0}")]
    BadRequest(String),
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
pub struct PublicMessage(pub String);

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            Self::NotFound | Self::Internal(_) => None,
            Self::Forbidden(m)
            | Self::TooManyRequests(m)
            | Self::Conflict(m)
            | Self::BadRequest(m) => Some(m.clone()),
        };
        if let Self::Internal(cause) = self {
            tracing::error!(error = ?cause, "request failed");
        }
        let mut response = HttpResponse::new(self.status_code());
        if let Some(message) = message {
            response.extensions_mut().insert(PublicMessage(message));
        }
        response
    }
}
