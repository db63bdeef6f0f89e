//! Argon2id password hashes (PHC strings), computed off the async executor.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::domain::admin::NewPassword;

/// Memory (KiB), passes and lanes of a new hash: one of the Argon2id
/// configurations OWASP's Password Storage Cheat Sheet lists as equally
/// strong (19 MiB and 2 passes, 12 MiB and 3, 9 MiB and 4, ...), the one that
/// takes 12 MiB instead of the argon2 crate's default 19 MiB for the same
/// time (about 20 ms): a login's hash is most of what a small server's memory
/// must hold at its peak. A stored hash names its own parameters, so hashes
/// made with others (an older release's 19 MiB) verify as they are.
const MEMORY_KIB: u32 = 12 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("could not hash the password: {e}"))?;
    Ok(hash.to_string())
}

pub async fn hash(password: NewPassword) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(password.expose()))
        .await
        .context("the password hashing task failed")?
}

/// A new hash of a password that was just verified against its stored hash,
/// whatever the rules for new passwords say of it now.
pub async fn hash_again(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .context("the password hashing task failed")?
}

/// Whether `stored` was made with other parameters than a new hash gets (an
/// older release's): it is hashed again at the next login.
pub fn is_outdated(stored: &str) -> bool {
    PasswordHash::new(stored)
        .ok()
        .and_then(|hash| Params::try_from(&hash).ok())
        .is_some_and(|params| {
            (params.m_cost(), params.t_cost(), params.p_cost()) != (MEMORY_KIB, PASSES, LANES)
        })
}

/// A hash of no one's password, so that a login for an unknown user costs
/// the same time as one for a real user.
static DUMMY_HASH: LazyLock<Option<String>> =
    LazyLock::new(|| hash_blocking(&crate::auth::random_token()).ok());

fn verify_blocking(candidate: &str, stored: Option<&str>) -> bool {
    let stored = stored.or(DUMMY_HASH.as_deref());
    let Some(parsed) = stored.and_then(|s| PasswordHash::new(s).ok()) else {
        return false;
    };
    let matches = argon2()
        .verify_password(candidate.as_bytes(), &parsed)
        .is_ok();
    // Against the dummy hash nothing matches, whatever was typed.
    matches && stored != DUMMY_HASH.as_deref()
}

/// Whether `candidate` matches `stored`; with no stored hash (unknown user) it
/// spends an argon2 verification all the same and answers `false`.
pub async fn verify(candidate: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_blocking(&candidate, stored.as_deref()))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `password` hashed with the argon2 crate's defaults (19 MiB, 2 passes),
    /// as releases before the 12 MiB parameters stored it.
    fn older_hash(password: &str) -> String {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .unwrap()
            .to_string()
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash(NewPassword::parse("correct horse battery".into()).unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=12288,t=3,p=1$"));
        assert!(verify("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(hash)).await);
    }

    #[tokio::test]
    async fn a_hash_made_with_the_older_parameters_still_verifies() {
        let older = older_hash("correct horse battery");
        assert!(older.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

        assert!(verify("correct horse battery".into(), Some(older.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(older)).await);
    }

    #[tokio::test]
    async fn only_a_hash_with_other_parameters_is_outdated() {
        let current = hash_again("correct horse battery".into()).await.unwrap();
        let older = older_hash("correct horse battery");

        assert!(!is_outdated(&current));
        assert!(is_outdated(&older));
        assert!(
            !is_outdated("not a hash"),
            "what cannot be read is left alone"
        );
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(!verify("anything at all".into(), None).await);
    }
}
