//! The remembered commenter in HTTP: the opt-in cookie, and reading it back.

use actix_web::HttpRequest;
use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};

pub use crate::domain::remember::COOKIE;
use crate::domain::remember::{MAX_AGE_SECONDS, Remembered};
use crate::domain::signing::Signer;

/// The cookie holding `value` (readable by the server only).
pub fn cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(Duration::seconds(MAX_AGE_SECONDS))
        .finish()
}

/// The commenter this browser asked Folio to remember, if its cookie is genuine.
pub fn remembered(req: &HttpRequest, signer: &Signer) -> Option<Remembered> {
    let cookie = req.cookie(COOKIE)?;
    Remembered::from_cookie_value(signer, cookie.value())
}
