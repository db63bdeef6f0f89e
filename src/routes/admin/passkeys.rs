//! One's own passkeys on `/admin/account`: add one (the browser's WebAuthn
//! ceremony, driven by `static/passkey.js`), see each with its last use, remove one.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::redirect_with_flash;
use crate::auth::csrf::NoFields;
use crate::auth::passkey;
use crate::auth::{AdminForm, AdminUser, ItemButton};
use crate::db;
use crate::db::passkeys::NewPasskey;
use crate::domain::ids::PasskeyId;
use crate::domain::message::{Message, msg};
use crate::error::Result;
use crate::respond;
use crate::state::AppState;

const ACCOUNT: &str = "/admin/account";

/// The options for the browser to make a passkey (asked by the script).
pub async fn options(
    state: web::Data<AppState>,
    form: AdminForm<NoFields>,
) -> Result<HttpResponse> {
    let admin = form.admin;
    let body = passkey::start_registration(&state, admin.admin_id, &admin.username).await?;
    Ok(respond::json(body))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AddForm {
    name: String,
    ceremony: String,
    credential: String,
}

/// The browser's new passkey, checked against the ceremony and stored under its name.
pub async fn add(state: web::Data<AppState>, form: AdminForm<AddForm>) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let made =
        passkey::finish_registration(&state, admin.admin_id, &form.ceremony, &form.credential)
            .await?;
    let Some((credential_id, stored)) = made else {
        return redirect_with_flash(&state, &admin, ACCOUNT, &state.text(passkey::REFUSED), true)
            .await;
    };
    let name = passkey::passkey_name(&form.name);
    let new = NewPasskey {
        credential_id: &credential_id,
        name: &name,
        passkey: &stored,
    };
    let now = state.config.clock.now();
    let added = db::passkeys::add(&state.pool, &admin.moderator(), &new, now).await?;
    tracing::info!(admin_id = %admin.admin_id, added, "passkey registered");
    let message = if added {
        state.text(Message::new(msg::FLASH_PASSKEY_ADDED).with("name", name))
    } else {
        state.text(msg::FLASH_PASSKEY_KNOWN)
    };
    redirect_with_flash(&state, &admin, ACCOUNT, &message, !added).await
}

pub async fn remove(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let now = state.config.clock.now();
    let removed = match id.parse::<PasskeyId>() {
        Ok(id) => db::passkeys::remove(&state.pool, &admin.moderator(), id, now).await?,
        Err(()) => false,
    };
    let message = if removed {
        msg::FLASH_PASSKEY_REMOVED
    } else {
        msg::FLASH_PASSKEY_GONE
    };
    redirect_with_flash(&state, &admin, ACCOUNT, &state.text(message), !removed).await
}

#[derive(Debug, Serialize)]
pub struct PasskeyView {
    id: PasskeyId,
    name: String,
    created_iso: String,
    created: String,
    last_used_iso: Option<String>,
    last_used: Option<String>,
}

/// The account's passkeys as its page lists them; `None` when this site
/// cannot have passkeys (no host name in `FOLIO_BASE_URL`).
pub async fn list(state: &AppState, admin: &AdminUser) -> Result<Option<Vec<PasskeyView>>> {
    if passkey::relying_party(&state.config, &state.site().title).is_none() {
        return Ok(None);
    }
    let zone = state.dates();
    let rows = db::passkeys::of_account(&state.pool, admin.admin_id).await?;
    Ok(Some(
        rows.into_iter()
            .map(|row| PasskeyView {
                id: row.id,
                name: row.name,
                created_iso: zone.iso8601(row.created_at),
                created: zone.human_date_time(row.created_at),
                last_used_iso: row.last_used_at.map(|at| zone.iso8601(at)),
                last_used: row.last_used_at.map(|at| zone.human_date_time(at)),
            })
            .collect(),
    ))
}
