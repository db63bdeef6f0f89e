//! The remembered commenter in HTTP: the opt-in cookie, and reading it back.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite};

pub use crate::domain::remember::COOKIE;
use crate::domain::remember::{MAX_AGE_SECONDS, Remembered};
use crate::domain::signing::Signer;
use crate::respond;

/// The cookie holding `value` (readable by the server only).
pub fn cookie(value: String, secure: bool) -> Cookie<'static> {
    let max_age = Some(MAX_AGE_SECONDS);
    respond::cookie(COOKIE, value, "/", SameSite::Lax, secure, max_age)
}

/// The commenter this browser asked Folio to remember, if its cookie is genuine.
pub fn remembered(req: &HttpRequest, signer: &Signer) -> Option<Remembered> {
    let cookie = req.cookie(COOKIE)?;
    Remembered::from_cookie_value(signer, cookie.value())
}
