//! HMAC signatures for values Folio hands to a browser and must recognise later.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the MAC kept in a token: 128 bits is plenty against guessing.
const TAG_BYTES: usize = 16;

/// Signs and checks short messages with the site's secret key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(..)")
    }
}

impl Signer {
    pub fn new(key: Vec<u8>) -> Self {
        Self { key }
    }

    fn mac(&self, purpose: &str, message: &str) -> HmacSha256 {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(message.as_bytes());
        mac
    }

    /// A hex signature of `message`, bound to `purpose` so one kind of token
    /// can never be replayed as another.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        hex::encode(&self.mac(purpose, message).finalize().into_bytes()[..TAG_BYTES])
    }

    /// Checks a signature made by [`Signer::sign`] in constant time.
    pub fn verify(&self, purpose: &str, message: &str, signature: &str) -> bool {
        let Ok(tag) = hex::decode(signature) else {
            return false;
        };
        tag.len() == TAG_BYTES
            && self
                .mac(purpose, message)
                .verify_truncated_left(&tag)
                .is_ok()
    }
}

/// Shortest run of hex digits taken for a secret: every signature Folio makes
/// is 32 digits long, every random value stored for a link 16.
const SECRET_HEX_DIGITS: usize = 16;

/// A request path as a log may hold it: a segment that carries a signed link's
/// token (an email link, `/email/confirm/{token}`) is replaced by `{token}`,
/// so a working link never sits in a log. (Query strings, where a reader's
/// `?mine=` token travels, are never logged at all.)
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.split('/').any(holds_secret) {
        return std::borrow::Cow::Borrowed(path);
    }
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| {
            if holds_secret(segment) {
                "{token}"
            } else {
                segment
            }
        })
        .collect();
    std::borrow::Cow::Owned(segments.join("/"))
}

fn holds_secret(segment: &str) -> bool {
    let mut run = 0;
    for byte in segment.bytes() {
        run = if byte.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= SECRET_HEX_DIGITS {
            return true;
        }
    }
    false
}

/// The link that lets a reader, and only them, see their comment while it awaits moderation.
pub fn pending_comment_token(signer: &Signer, comment_id: i64) -> String {
    format!(
        "{comment_id}.{}",
        signer.sign("pending-comment", &comment_id.to_string())
    )
}

/// The comment id in a valid pending-comment token; `None` for a forged one.
pub fn verify_pending_comment_token(signer: &Signer, token: &str) -> Option<i64> {
    let (id, signature) = token.split_once('.')?;
    let id: i64 = id.parse().ok()?;
    signer
        .verify("pending-comment", &id.to_string(), signature)
        .then_some(id)
}

/// The comment form's timing token: when its page was served, bound to the post.
pub fn comment_form_token(signer: &Signer, post_id: i64, issued_at: i64) -> String {
    format!(
        "{issued_at}.{}",
        signer.sign("comment-form", &format!("{post_id}.{issued_at}"))
    )
}

/// When a comment form token for this post was issued; `None` for a forged one.
pub fn verify_comment_form_token(signer: &Signer, post_id: i64, token: &str) -> Option<i64> {
    let (issued_at, signature) = token.trim().split_once('.')?;
    let issued_at: i64 = issued_at.parse().ok()?;
    signer
        .verify("comment-form", &format!("{post_id}.{issued_at}"), signature)
        .then_some(issued_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_token_verifies_only_for_its_post_and_time() {
        let signer = Signer::new(b"k".to_vec());
        let token = comment_form_token(&signer, 7, 1_000);
        assert_eq!(verify_comment_form_token(&signer, 7, &token), Some(1_000));
        assert_eq!(verify_comment_form_token(&signer, 8, &token), None);
        let backdated = token.replacen("1000.", "900.", 1);
        assert_eq!(verify_comment_form_token(&signer, 7, &backdated), None);
        assert_eq!(verify_comment_form_token(&signer, 7, ""), None);
    }

    #[test]
    fn a_token_verifies_only_with_its_key_and_id() {
        let signer = Signer::new(b"k1".to_vec());
        let token = pending_comment_token(&signer, 42);
        assert_eq!(verify_pending_comment_token(&signer, &token), Some(42));
        assert_eq!(
            verify_pending_comment_token(&Signer::new(b"k2".to_vec()), &token),
            None
        );
        let forged = token.replacen("42.", "43.", 1);
        assert_eq!(verify_pending_comment_token(&signer, &forged), None);
        assert_eq!(verify_pending_comment_token(&signer, "42.zz"), None);
        assert_eq!(verify_pending_comment_token(&signer, "42"), None);
    }

    #[test]
    fn a_logged_path_never_holds_a_token_but_keeps_everything_else() {
        let signer = Signer::new(b"k".to_vec());
        let token = format!("7.{}", signer.sign("subscription-confirm", "7"));
        assert_eq!(
            loggable_path(&format!("/email/confirm/{token}")),
            "/email/confirm/{token}"
        );
        assert_eq!(
            loggable_path(&format!("/email/confirm/{token}/")),
            "/email/confirm/{token}/"
        );
        for kept in [
            "/posts/grusse-aus-nurnberg-2026",
            "/posts/donaudampfschifffahrtsgesellschaft",
            "/static/style.css",
            "/email/moderate",
            "/",
        ] {
            assert_eq!(loggable_path(kept), kept);
        }
    }

    #[test]
    fn signatures_are_bound_to_their_purpose() {
        let signer = Signer::new(b"k".to_vec());
        let signature = signer.sign("a", "m");
        assert!(signer.verify("a", "m", &signature));
        assert!(!signer.verify("b", "m", &signature));
    }
}
