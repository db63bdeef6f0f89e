//! Names for versions of a response's bytes (HTTP entity tags), so a client
//! holding one can be answered with a bodiless `304` (see `routes::conditional`).

use sha2::{Digest, Sha256};

/// A strong validator for exactly these bytes.
pub fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", hex::encode(&Sha256::digest(bytes)[..12]))
}

/// A weak validator: for responses that differ only in a part that does not
/// matter to the reader (the post page's per-response form token).
pub fn weak_etag_of(bytes: &[u8]) -> String {
    format!("W/{}", etag_of(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_etag_follows_the_bytes_and_a_weak_one_is_marked_so() {
        let one = etag_of(b"one");

        assert_eq!(one, etag_of(b"one"));
        assert_ne!(one, etag_of(b"two"));
        assert!(one.starts_with('"') && one.ends_with('"'), "{one}");
        assert_eq!(weak_etag_of(b"one"), format!("W/{one}"));
    }
}
