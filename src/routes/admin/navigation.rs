//! What only pages have: their place in the site navigation, set from the
//! pages list. Writing them is `posts`, under `/admin/pages`.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};

use super::layout::set_flash;
use crate::auth::AdminForm;
use crate::db;
use crate::domain::ids::PostId;
use crate::domain::message::{Message, msg};
use crate::domain::page;
use crate::domain::post::Kind;
use crate::error::Result;
use crate::respond::see_other;
use crate::state::AppState;

/// Saves every `position-{id}` field of the pages list: a number puts the
/// page in the navigation at that place, an empty field takes it out.
pub async fn save_navigation(
    state: web::Data<AppState>,
    form: AdminForm<HashMap<String, String>>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let mut positions = Vec::new();
    for (name, value) in &form {
        let Some(id) = name
            .strip_prefix("position-")
            .and_then(|id| id.parse::<PostId>().ok())
        else {
            continue;
        };
        match page::parse_nav_position(value) {
            Ok(position) => positions.push((id, position)),
            Err(why) => {
                let why = state.text(why);
                let message = state.text(Message::new(msg::PAGES_NAV_NOT_SAVED).with("why", why));
                set_flash(&state, &admin, &message, true).await?;
                return Ok(see_other(Kind::Page.admin_base()));
            }
        }
    }
    db::posts::write::set_navigation(&state.pool, &positions).await?;
    let message = state.text(msg::PAGES_NAV_SAVED);
    set_flash(&state, &admin, &message, false).await?;
    Ok(see_other(Kind::Page.admin_base()))
}
