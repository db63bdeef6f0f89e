//! "Save my name, email, and website in this browser for the next time I
//! comment": what the opt-in cookie holds, signed so that a browser cannot
//! claim an address it was never given (the cookie also shows that address's
//! own comments awaiting moderation).

use serde::{Deserialize, Serialize};

use super::signing::Signer;

/// The cookie's name; it is set only when the reader ticks the box.
pub const COOKIE: &str = "folio_commenter";
/// How long the browser keeps it (WordPress keeps its cookies for 347 days).
pub const MAX_AGE_SECONDS: i64 = 347 * 24 * 60 * 60;

const PURPOSE: &str = "remembered-commenter";

/// The commenter a browser remembers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    pub name: String,
    pub email: String,
    pub website: String,
}

impl Remembered {
    /// The cookie value: the fields as hex-encoded JSON, then its signature.
    pub fn to_cookie_value(&self, signer: &Signer) -> String {
        let payload = hex::encode(serde_json::to_vec(self).unwrap_or_default());
        let signature = signer.sign(PURPOSE, &payload);
        format!("{payload}.{signature}")
    }

    /// The commenter in a cookie value this site signed; `None` for anything else.
    pub fn from_cookie_value(signer: &Signer, value: &str) -> Option<Self> {
        let (payload, signature) = value.split_once('.')?;
        if !signer.verify(PURPOSE, payload, signature) {
            return None;
        }
        serde_json::from_slice(&hex::decode(payload).ok()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> Signer {
        Signer::new(b"a test key of some length".to_vec())
    }

    fn ada() -> Remembered {
        Remembered {
            name: "Ada Lovelace".into(),
            email: "ada@example.org".into(),
            website: "https://ada.example.org".into(),
        }
    }

    #[test]
    fn a_remembered_commenter_comes_back_from_their_cookie() {
        let value = ada().to_cookie_value(&signer());
        assert_eq!(
            Remembered::from_cookie_value(&signer(), &value),
            Some(ada())
        );
    }

    #[test]
    fn a_changed_or_foreign_cookie_is_ignored() {
        let value = ada().to_cookie_value(&signer());
        let mallory = Remembered {
            email: "someone@example.org".into(),
            ..ada()
        };
        let forged = format!(
            "{}.{}",
            hex::encode(serde_json::to_vec(&mallory).unwrap()),
            value.split_once('.').unwrap().1
        );
        assert_eq!(Remembered::from_cookie_value(&signer(), &forged), None);
        let other_site = Signer::new(b"another site's key".to_vec());
        assert_eq!(Remembered::from_cookie_value(&other_site, &value), None);
        assert_eq!(Remembered::from_cookie_value(&signer(), "junk"), None);
    }
}
