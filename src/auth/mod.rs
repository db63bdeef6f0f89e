//! Who is signed in and what they may do: passwords, second factors (authenticator
//! codes, recovery codes), sessions, CSRF tokens, roles' permissions.

pub mod csrf;
pub mod login_page;
pub mod passkey;
pub mod password;
pub mod pending;
pub mod recovery;
pub mod resume;
pub mod session;
pub mod totp;

pub use csrf::{AdminForm, ItemButton};
pub use session::{Access, AdminUser, SignedIn};

use rand::RngCore;

/// 256 random bits, hex-encoded: session tokens and CSRF tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
