//! Passkeys (WebAuthn, with `webauthn-rs`): registering several per account,
//! and signing in with a discoverable credential (no login name typed). The
//! relying party is the host of `FOLIO_BASE_URL`, its origin the base URL; a
//! site reached by an IP address has no passkeys (WebAuthn needs a host name).
//! Each ceremony's server-side state is kept in the database under a random
//! id for five minutes and used once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};

use super::random_token;
use crate::config::Config;
use crate::db;
use crate::domain::ids::AdminId;
use crate::domain::message::{MessageId, msg};
use crate::error::{AppError, Result};
use crate::state::AppState;

/// How long a ceremony may take.
const CEREMONY_SECONDS: i64 = 5 * 60;
/// Sign-ins under way at once, at most: anyone may start one (no account is
/// named yet), and each keeps a row for `CEREMONY_SECONDS`, so this bounds
/// what a flood of requests can store.
pub const MAX_SIGN_INS_UNDER_WAY: i64 = 500;
/// The longest name a passkey may have.
pub const MAX_NAME_CHARS: usize = 60;

/// The relying party of this site, or `None` when its base URL has no host name.
pub fn relying_party(config: &Config, site_title: &str) -> Option<Webauthn> {
    let origin = Url::parse(&config.base_url()).ok()?;
    let host = origin.domain()?.to_owned();
    WebauthnBuilder::new(&host, &origin)
        .ok()?
        .rp_name(site_title)
        .build()
        .ok()
}

fn relying_party_of(state: &AppState) -> Result<Webauthn> {
    relying_party(&state.config, &state.site().title).ok_or(AppError::NotFound)
}

fn internal(context: &'static str) -> impl Fn(serde_json::Error) -> AppError {
    move |e| AppError::Internal(anyhow::Error::new(e).context(context))
}

/// A passkey's name as stored: trimmed, shortened, and "Passkey" when empty.
pub fn passkey_name(typed: &str) -> String {
    let name: String = typed.trim().chars().take(MAX_NAME_CHARS).collect();
    if name.is_empty() {
        "Passkey".to_owned()
    } else {
        name
    }
}

/// The options for the browser's `navigator.credentials.create`, and the
/// ceremony's id, as JSON: `{"ceremony": …, "options": {"publicKey": …}}`.
pub async fn start_registration(
    state: &AppState,
    admin_id: AdminId,
    username: &str,
) -> Result<String> {
    let webauthn = relying_party_of(state)?;
    let fresh = Uuid::new_v4().to_string();
    let handle = db::passkeys::user_handle(&state.pool, admin_id, &fresh).await?;
    let user_id = Uuid::parse_str(&handle).map_err(|e| AppError::Internal(e.into()))?;
    let existing = db::passkeys::stored_of_account(&state.pool, admin_id).await?;
    let exclude: Vec<_> = existing
        .iter()
        .filter_map(|json| serde_json::from_str::<Passkey>(json).ok())
        .map(|key| key.cred_id().clone())
        .collect();
    let (options, registration) = webauthn
        .start_passkey_registration(user_id, username, username, Some(exclude))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("passkey registration: {e}")))?;
    let mut options = serde_json::to_value(&options).map_err(internal("passkey options"))?;
    // A discoverable credential, so that signing in needs no login name.
    if let Some(selection) = options.pointer_mut("/publicKey/authenticatorSelection") {
        selection["residentKey"] = "required".into();
        selection["requireResidentKey"] = true.into();
    }
    let saved = serde_json::to_string(&registration).map_err(internal("passkey state"))?;
    let ceremony = keep_ceremony(state, Some(admin_id), &saved).await?;
    Ok(serde_json::json!({ "ceremony": ceremony, "options": options }).to_string())
}

async fn keep_ceremony(state: &AppState, admin_id: Option<AdminId>, saved: &str) -> Result<String> {
    let id = random_token();
    let now = state.config.clock.now();
    db::passkeys::store_ceremony(
        &state.pool,
        &id,
        admin_id,
        saved,
        now + CEREMONY_SECONDS,
        now,
    )
    .await?;
    Ok(id)
}

/// Why a passkey was not registered or did not sign in (a message id).
pub const REFUSED: MessageId = msg::PASSKEY_REFUSED;

/// Finishes a registration; the passkey as stored, or `None` when the
/// browser's answer does not match the ceremony.
pub async fn finish_registration(
    state: &AppState,
    admin_id: AdminId,
    ceremony: &str,
    credential: &str,
) -> Result<Option<(String, String)>> {
    let webauthn = relying_party_of(state)?;
    let now = state.config.clock.now();
    let Some(saved) =
        db::passkeys::take_ceremony(&state.pool, ceremony, Some(admin_id), now).await?
    else {
        return Ok(None);
    };
    let registration: PasskeyRegistration =
        serde_json::from_str(&saved).map_err(internal("passkey state"))?;
    let Ok(answer) = serde_json::from_str::<RegisterPublicKeyCredential>(credential) else {
        return Ok(None);
    };
    let passkey = match webauthn.finish_passkey_registration(&answer, &registration) {
        Ok(passkey) => passkey,
        Err(e) => {
            tracing::info!(%admin_id, error = %e, "passkey not registered");
            return Ok(None);
        }
    };
    let credential_id = URL_SAFE_NO_PAD.encode::<&[u8]>(passkey.cred_id().as_ref());
    let stored = serde_json::to_string(&passkey).map_err(internal("passkey"))?;
    Ok(Some((credential_id, stored)))
}

/// The options for `navigator.credentials.get` (any passkey of this site), and the ceremony's id.
pub async fn start_sign_in(state: &AppState) -> Result<String> {
    let webauthn = relying_party_of(state)?;
    let now = state.config.clock.now();
    if db::passkeys::sign_ins_under_way(&state.pool, now).await? >= MAX_SIGN_INS_UNDER_WAY {
        tracing::warn!("passkey sign-in refused: too many under way");
        return Err(AppError::TooManyRequests(msg::PASSKEY_BUSY.into()));
    }
    let (options, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("passkey sign-in: {e}")))?;
    let mut options = serde_json::to_value(&options).map_err(internal("passkey options"))?;
    // A button asks for it, so the browser's usual dialog, not conditional mediation.
    if let Some(object) = options.as_object_mut() {
        object.remove("mediation");
    }
    let saved = serde_json::to_string(&authentication).map_err(internal("passkey state"))?;
    let ceremony = keep_ceremony(state, None, &saved).await?;
    Ok(serde_json::json!({ "ceremony": ceremony, "options": options }).to_string())
}

/// Finishes a sign-in: the account whose passkey answered, or `None`.
pub async fn finish_sign_in(
    state: &AppState,
    ceremony: &str,
    credential: &str,
) -> Result<Option<AdminId>> {
    let webauthn = relying_party_of(state)?;
    let now = state.config.clock.now();
    let Some(saved) = db::passkeys::take_ceremony(&state.pool, ceremony, None, now).await? else {
        return Ok(None);
    };
    let authentication: DiscoverableAuthentication =
        serde_json::from_str(&saved).map_err(internal("passkey state"))?;
    let Ok(answer) = serde_json::from_str::<PublicKeyCredential>(credential) else {
        return Ok(None);
    };
    let Ok((user_id, credential_id)) = webauthn.identify_discoverable_authentication(&answer)
    else {
        return Ok(None);
    };
    let credential_id = URL_SAFE_NO_PAD.encode(credential_id);
    let Some(key) = db::passkeys::for_sign_in(&state.pool, &credential_id).await? else {
        return Ok(None);
    };
    if key.user_handle != user_id.to_string() {
        return Ok(None);
    }
    let mut passkey: Passkey = serde_json::from_str(&key.passkey).map_err(internal("passkey"))?;
    let result =
        match webauthn.finish_discoverable_authentication_v2(&answer, authentication, &passkey) {
            Ok(result) => result,
            Err(e) => {
                tracing::info!(admin_id = %key.admin_id, error = %e, "passkey sign-in refused");
                return Ok(None);
            }
        };
    passkey.update_credential(&result);
    let stored = serde_json::to_string(&passkey).map_err(internal("passkey"))?;
    db::passkeys::used(&state.pool, key.id, &stored, now).await?;
    Ok(Some(key.admin_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        let mut config = <crate::cli::Cli as clap::Parser>::parse_from(["folio"]).config;
        config.base_url = Some(base_url.to_owned());
        config
    }

    #[test]
    fn the_relying_party_needs_a_host_name() {
        assert!(relying_party(&config("https://praxis.example"), "Praxis").is_some());
        assert!(relying_party(&config("http://localhost:8080"), "Praxis").is_some());
        assert!(relying_party(&config("http://127.0.0.1:8080"), "Praxis").is_none());
    }

    #[test]
    fn a_passkey_gets_a_name_even_when_none_is_typed() {
        assert_eq!(passkey_name("  "), "Passkey");
        assert_eq!(passkey_name(" Laptop "), "Laptop");
        assert_eq!(
            passkey_name(&"x".repeat(100)).chars().count(),
            MAX_NAME_CHARS
        );
    }
}
