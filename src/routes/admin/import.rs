//! The import page: how to move a WordPress site in, and what the last import did.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::layout::admin_context;
use crate::auth::AdminUser;
use crate::db;
use crate::error::Result;
use crate::respond;
use crate::state::AppState;

#[derive(Serialize)]
struct LastImport {
    source: String,
    summary: String,
    created_iso: String,
    created_human: String,
}

pub async fn show(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let zone = state.dates();
    let last = db::import::last_run(&state.pool)
        .await?
        .map(|(source, summary, created_at)| LastImport {
            source,
            // In the site's language; a summary stored by an older Folio as it was.
            summary: state
                .language
                .stored_lines(&summary)
                .map_or(summary, |lines| lines.join("\n")),
            created_iso: zone.iso8601(created_at),
            created_human: zone.human_date_time(created_at),
        });
    let mut context = admin_context(&state, &admin, "import").await?;
    context.insert("last", &last);
    respond::page(&state.templates, "admin/import.html", &context)
}
