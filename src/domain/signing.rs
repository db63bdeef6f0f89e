//! HMAC signatures for values Folio hands to a browser and must recognise later.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::ids::{CommentId, PostId};
use super::time::UnixTime;

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
    // A library copy's address names its content's hash, which is public.
    if path.starts_with("/media/") {
        return std::borrow::Cow::Borrowed(path);
    }
    // A run of hex digits never spans a `/`: one look at the whole path tells.
    if !holds_secret(path) {
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

/// Hex digits of the random value stored with a row that signed links name
/// (`link_nonce`, made by SQLite as `lower(hex(randomblob(8)))`).
pub const NONCE_HEX_DIGITS: usize = 16;

/// A row as a signed link names it: its id, and the random value stored with
/// it when it was made. Ids come again (a restored backup rewinds them); the
/// value does not, so a link made for one row never matches another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey<Id> {
    pub id: Id,
    pub nonce: String,
}

impl<Id: std::fmt::Display + std::str::FromStr> RowKey<Id> {
    pub fn new(id: Id, nonce: impl Into<String>) -> Self {
        Self {
            id,
            nonce: nonce.into(),
        }
    }

    /// What is signed: the id and the value.
    pub fn message(&self) -> String {
        format!("{}.{}", self.id, self.nonce)
    }

    /// `{id}.{value}` as a link carries it; `None` unless both are well-formed.
    pub fn parse(id: &str, nonce: &str) -> Option<Self> {
        let id: Id = id.parse().ok()?;
        let well_formed = nonce.len() == NONCE_HEX_DIGITS
            && nonce
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then(|| Self::new(id, nonce))
    }
}

/// A token for `row`: `{id}.{value}.{signature}`, the signature bound to `purpose`.
pub fn row_token<Id: std::fmt::Display + std::str::FromStr>(
    signer: &Signer,
    purpose: &str,
    row: &RowKey<Id>,
) -> String {
    let message = row.message();
    let signature = signer.sign(purpose, &message);
    format!("{message}.{signature}")
}

/// The row a token made by [`row_token`] for `purpose` names; `None` for a forged one.
pub fn verify_row_token<Id: std::fmt::Display + std::str::FromStr>(
    signer: &Signer,
    purpose: &str,
    token: &str,
) -> Option<RowKey<Id>> {
    let mut parts = token.trim().split('.');
    let (id, nonce, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let row = RowKey::parse(id, nonce)?;
    signer
        .verify(purpose, &row.message(), signature)
        .then_some(row)
}

const PENDING_COMMENT: &str = "pending-comment";

/// The link that lets a reader, and only them, see their comment while it awaits moderation.
pub fn pending_comment_token(signer: &Signer, comment: &RowKey<CommentId>) -> String {
    row_token(signer, PENDING_COMMENT, comment)
}

/// The comment a valid pending-comment token names; `None` for a forged one.
pub fn verify_pending_comment_token(signer: &Signer, token: &str) -> Option<RowKey<CommentId>> {
    verify_row_token(signer, PENDING_COMMENT, token)
}

/// The comment form's timing token: when its page was served, bound to the post.
pub fn comment_form_token(signer: &Signer, post_id: PostId, issued_at: UnixTime) -> String {
    format!(
        "{issued_at}.{}",
        signer.sign("comment-form", &format!("{post_id}.{issued_at}"))
    )
}

/// When a comment form token for this post was issued; `None` for a forged one.
pub fn verify_comment_form_token(
    signer: &Signer,
    post_id: PostId,
    token: &str,
) -> Option<UnixTime> {
    let (issued_at, signature) = token.trim().split_once('.')?;
    let issued_at = UnixTime::from_seconds(issued_at.parse().ok()?);
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
        let (post, other) = (PostId::new(7), PostId::new(8));
        let at = UnixTime::from_seconds(1_000);
        let token = comment_form_token(&signer, post, at);
        assert_eq!(verify_comment_form_token(&signer, post, &token), Some(at));
        assert_eq!(verify_comment_form_token(&signer, other, &token), None);
        let backdated = token.replacen("1000.", "900.", 1);
        assert_eq!(verify_comment_form_token(&signer, post, &backdated), None);
        assert_eq!(verify_comment_form_token(&signer, post, ""), None);
    }

    const NONCE: &str = "0123456789abcdef";

    #[test]
    fn a_token_verifies_only_with_its_key_id_and_value() {
        let signer = Signer::new(b"k1".to_vec());
        let row = RowKey::new(CommentId::new(42), NONCE);
        let token = pending_comment_token(&signer, &row);
        assert_eq!(verify_pending_comment_token(&signer, &token), Some(row));
        assert_eq!(
            verify_pending_comment_token(&Signer::new(b"k2".to_vec()), &token),
            None
        );
        for forged in [
            token.replacen("42.", "43.", 1),
            token.replacen(NONCE, "0123456789abcdee", 1),
            format!("{token}.00"),
            "42.zz".to_owned(),
            "42".to_owned(),
            String::new(),
        ] {
            assert_eq!(
                verify_pending_comment_token(&signer, &forged),
                None,
                "{forged}"
            );
        }
    }

    #[test]
    fn a_token_for_one_purpose_is_refused_for_another() {
        let signer = Signer::new(b"k".to_vec());
        let token = row_token(&signer, "a", &RowKey::new(CommentId::new(1), NONCE));
        assert!(verify_row_token::<CommentId>(&signer, "a", &token).is_some());
        assert!(verify_row_token::<CommentId>(&signer, "b", &token).is_none());
    }

    #[test]
    fn a_logged_path_never_holds_a_token_but_keeps_everything_else() {
        let signer = Signer::new(b"k".to_vec());
        let token = row_token(
            &signer,
            "subscription-confirm",
            &RowKey::new(CommentId::new(7), NONCE),
        );
        assert_eq!(
            loggable_path(&format!("/email/confirm/{token}")),
            "/email/confirm/{token}"
        );
        assert_eq!(
            loggable_path(&format!("/email/confirm/{token}/")),
            "/email/confirm/{token}/"
        );
        // An invitation's link: 64 random hex digits.
        assert_eq!(
            loggable_path(&format!("/admin/invite/{}", "0f".repeat(32))),
            "/admin/invite/{token}"
        );
        for kept in [
            "/posts/grusse-aus-nurnberg-2026",
            "/posts/donaudampfschifffahrtsgesellschaft",
            "/static/style.css",
            // A library copy: its hash names its content, and a log that
            // says which image was asked for is worth more than a mask.
            "/media/178c6dd96b3aaf3f7d10/praxis-640.webp",
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
