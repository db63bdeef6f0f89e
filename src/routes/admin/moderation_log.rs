//! The moderation log: who did what to which comment or account, newest first.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::admin_context;
use crate::auth::AdminUser;
use crate::db;
use crate::domain::ids::CommentId;
use crate::error::Result;
use crate::respond;
use crate::routes::request::Pagination;
use crate::state::AppState;

const LOG_PAGE_SIZE: i64 = 50;

#[derive(Debug, Deserialize)]
pub struct LogQuery {
    page: Option<String>,
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
    let pages = Pagination::new(query.page.as_deref(), total, LOG_PAGE_SIZE)?;
    let zone = state.dates();
    let entries: Vec<LogEntryView> =
        db::moderation::log_page(&state.pool, LOG_PAGE_SIZE, pages.offset())
            .await?
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
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    respond::page(&state.templates, "admin/log.html", &context)
}
