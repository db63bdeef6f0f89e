//! The moderation log: who did what to which comment or account, newest first.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::admin_context;
use crate::auth::AdminUser;
use crate::db;
use crate::domain::ids::CommentId;
use crate::domain::pagination::{ADMIN_PAGE_SIZE, ListPage, PageRequest, Reading};
use crate::error::{AppError, Result};
use crate::respond;
use crate::routes::request::ListUrl;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct LogQuery {
    page: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

#[derive(Serialize)]
struct LogEntryView {
    admin_username: String,
    action: String,
    /// `None` for an entry about several comments.
    comment_id: Option<CommentId>,
    comment_exists: bool,
    /// About an account, not a comment (the detail names it).
    about_account: bool,
    detail: String,
    created_iso: String,
    created_human: String,
}

pub async fn log(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse> {
    let total = db::moderation::log_count(&state.pool).await?;
    let request = PageRequest {
        page: query.page.as_deref(),
        after: query.after.as_deref(),
        before: query.before.as_deref(),
    };
    let list = ListPage::locate(request, total, ADMIN_PAGE_SIZE, Reading::Keyset)
        .ok_or(AppError::NotFound)?;
    let entries = db::moderation::log_page(&state.pool, list.window()).await?;
    let places = entries.first().zip(entries.last()).map(|(newest, oldest)| {
        (
            db::moderation::log_cursor(newest),
            db::moderation::log_cursor(oldest),
        )
    });
    let pager = ListUrl::new("/admin/log").pager(&list, entries.len(), places, false);
    let zone = state.dates();
    let entries: Vec<LogEntryView> = entries
        .into_iter()
        .map(|e| LogEntryView {
            created_iso: zone.iso8601(e.created_at),
            created_human: zone.human_date_time(e.created_at),
            about_account: db::admins::ACCOUNT_ACTIONS.contains(&e.action.as_str()),
            admin_username: e.admin_username,
            action: e.action,
            comment_id: e.comment_id,
            comment_exists: e.comment_exists,
            detail: e.detail,
        })
        .collect();
    let mut context = admin_context(&state, &admin, "log").await?;
    context.insert("entries", &entries);
    context.insert("pager", &pager);
    respond::page(&state.templates, "admin/log.html", &context)
}
