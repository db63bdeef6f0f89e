//! Recovery codes: ten single-use codes for a lost phone, shown once and
//! stored as SHA-256 hashes. Each holds about 79 random bits, so a plain hash is
//! enough (no password hashing needed to slow down guessing).

use rand::Rng;
use sha2::{Digest, Sha256};

/// How many codes an account gets at a time.
pub const COUNT: usize = 10;
/// Letters and digits that cannot be mistaken for one another when copied by hand.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS: usize = 4;
const GROUP_LEN: usize = 4;

/// A new code as shown to its owner once: `abcd-efgh-jkmn-pqrs`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecoveryCode(String);

impl RecoveryCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash_normalised(&normalise(&self.0))
    }
}

/// A fresh set of codes.
pub fn generate() -> Vec<RecoveryCode> {
    let mut rng = rand::rng();
    (0..COUNT)
        .map(|_| {
            let groups: Vec<String> = (0..GROUPS)
                .map(|_| {
                    (0..GROUP_LEN)
                        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                        .collect()
                })
                .collect();
            RecoveryCode(groups.join("-"))
        })
        .collect()
}

/// The hash to look a typed code up by, whatever its case, spaces or dashes;
/// `None` when it cannot be a recovery code.
pub fn hash_typed(typed: &str) -> Option<String> {
    let normalised = normalise(typed);
    (normalised.len() == GROUPS * GROUP_LEN).then(|| hash_normalised(&normalised))
}

fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn hash_normalised(normalised: &str) -> String {
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_different_codes_in_four_groups() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let unique: std::collections::HashSet<_> = codes.iter().map(|c| c.as_str()).collect();
        assert_eq!(unique.len(), COUNT);
        for code in &codes {
            assert_eq!(code.as_str().len(), 19, "{code:?}");
            assert_eq!(code.as_str().matches('-').count(), 3);
        }
    }

    #[test]
    fn a_code_typed_with_other_case_or_spacing_finds_the_same_hash() {
        let code = &generate()[0];
        let typed = code.as_str().to_uppercase().replace('-', " ");
        assert_eq!(hash_typed(&typed), Some(code.hash()));
        assert_ne!(code.hash(), code.as_str());
        assert_eq!(hash_typed("123456"), None);
    }
}
