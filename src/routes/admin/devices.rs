//! The devices signed in to one's own account (on `/admin/account`): sign one
//! out, or every one but this.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::layout::redirect_with_flash;
use crate::auth::csrf::NoFields;
use crate::auth::session::IDLE_SECONDS;
use crate::auth::{AdminForm, AdminUser, ItemButton};
use crate::db;
use crate::domain::device::{browser_name, shown_address};
use crate::domain::ids::SessionId;
use crate::domain::message::{Message, msg};
use crate::error::Result;
use crate::state::AppState;

const ACCOUNT: &str = "/admin/account";

#[derive(Debug, Serialize)]
pub struct DeviceView {
    id: SessionId,
    /// `None`: the browser is not recognised.
    browser: Option<String>,
    ip: String,
    last_used_iso: String,
    last_used: String,
    current: bool,
}

/// The account's sessions as the account page lists them.
pub async fn list(state: &AppState, admin: &AdminUser) -> Result<Vec<DeviceView>> {
    let now = state.config.clock.now();
    let retention = state
        .site()
        .retention(state.config.default_retention())
        .ip_days;
    let zone = state.dates();
    let rows = db::sessions::of_account(
        &state.pool,
        admin.admin_id,
        &admin.token_hash,
        now,
        now - IDLE_SECONDS,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DeviceView {
            id: row.id,
            browser: browser_name(&row.user_agent),
            ip: shown_address(&row.ip, row.created_at, now, retention),
            last_used_iso: zone.iso8601(row.last_seen_at),
            last_used: zone.human_date_time(row.last_seen_at),
            current: row.current,
        })
        .collect())
}

/// Signs one device out.
pub async fn end_one(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let ended = match id.parse::<SessionId>() {
        Ok(id) => db::sessions::end_one(&state.pool, admin.admin_id, id, &admin.token_hash).await?,
        Err(()) => false,
    };
    let message = Message::new(if ended {
        msg::FLASH_DEVICE_SIGNED_OUT
    } else {
        msg::FLASH_DEVICE_GONE
    });
    tracing::info!(admin_id = %admin.admin_id, ended, "signed a device out");
    redirect_with_flash(&state, &admin, ACCOUNT, &state.text(message), !ended).await
}

/// Signs out every device but the one asking.
pub async fn end_others(
    state: web::Data<AppState>,
    form: AdminForm<NoFields>,
) -> Result<HttpResponse> {
    let admin = form.admin;
    let ended = db::sessions::end_others(&state.pool, admin.admin_id, &admin.token_hash).await?;
    tracing::info!(
        admin_id = %admin.admin_id,
        ended,
        "signed out everywhere else"
    );
    let message = Message::new(msg::FLASH_DEVICES_SIGNED_OUT)
        .with("count", i64::try_from(ended).unwrap_or(i64::MAX));
    redirect_with_flash(&state, &admin, ACCOUNT, &state.text(message), false).await
}
