//! Login locks in force, and lifting one: a colleague locked out after too many
//! wrong passwords need not wait for the lock to end.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, redirect_with_flash, render_form};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::domain::message::{Message, msg};
use crate::error::Result;
use crate::state::AppState;

#[derive(Serialize)]
struct LockView {
    key: String,
    /// "the account alice" or "the address 203.0.113.9".
    what: String,
    failures: i64,
    minutes_left: i64,
}

fn describe(state: &AppState, key: &str) -> String {
    match key.split_once(':') {
        Some(("user", name)) => state.text(Message::new(msg::LOCKS_ACCOUNT).with("name", name)),
        Some(("ip", address)) => {
            state.text(Message::new(msg::LOCKS_ADDRESS).with("address", address))
        }
        _ => key.to_owned(),
    }
}

pub async fn list(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let now = state.config.clock.now();
    let locks: Vec<LockView> = db::throttle::locks_in_force(&state.pool, now)
        .await?
        .into_iter()
        .map(|lock| LockView {
            what: describe(&state, &lock.key),
            minutes_left: (lock.locked_until - now + 59) / 60,
            failures: lock.failures,
            key: lock.key,
        })
        .collect();
    let mut context = admin_context(&state, &admin, "account").await?;
    context.insert("locks", &locks);
    render_form(&state, "admin/locks.html", &context, false)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LiftForm {
    key: String,
}

pub async fn lift(state: web::Data<AppState>, form: AdminForm<LiftForm>) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let lifted = db::throttle::lift(&state.pool, &form.key).await?;
    if lifted {
        tracing::info!(admin_id = %admin.admin_id, "a login lock was lifted");
    }
    let (message, error) = if lifted {
        let what = describe(&state, &form.key);
        (
            state.text(Message::new(msg::LOCKS_FLASH_LIFTED).with("what", what)),
            false,
        )
    } else {
        (state.text(msg::LOCKS_FLASH_ENDED), true)
    };
    redirect_with_flash(&state, &admin, "/admin/locks", &message, error).await
}
