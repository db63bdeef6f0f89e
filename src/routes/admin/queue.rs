//! The moderation queue: comments by status (or of one post), a page at a
//! time, each with the actions its status allows.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::admin_context;
use crate::auth::AdminUser;
use crate::db;
use crate::db::moderation::{QueueFilter, QueueRow};
use crate::domain::SafeHtml;
use crate::domain::ids::CommentId;
use crate::domain::message::{MessageId, msg};
use crate::domain::moderation::{Action, Status};
use crate::error::{AppError, Result};
use crate::i18n::Dates;
use crate::respond;
use crate::routes::request::Pagination;
use crate::state::AppState;

const QUEUE_PAGE_SIZE: i64 = 20;

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    page: Option<String>,
    /// Only this post's comments.
    post: Option<String>,
}

#[derive(Serialize)]
struct Tab {
    status: &'static str,
    label: &'static str,
    count: i64,
}

#[derive(Serialize)]
struct ActionButton {
    name: &'static str,
    label: MessageId,
    secondary: bool,
}

#[derive(Serialize)]
struct QueueRowView {
    id: CommentId,
    author_name: String,
    author_email: String,
    author_website: String,
    ip: String,
    user_agent: String,
    status: &'static str,
    /// Why it was held or filed as spam; nothing once it is approved.
    status_reason: String,
    body_html: SafeHtml,
    created_iso: String,
    created_human: String,
    parent_id: Option<CommentId>,
    parent_first_line: Option<String>,
    by_admin: bool,
    post_title: String,
    post_slug: String,
    post_published: bool,
    post_is_page: bool,
    actions: Vec<ActionButton>,
    can_reply: bool,
}

/// The button's text, as a message id.
fn label(action: Action) -> MessageId {
    match action {
        Action::Approve => msg::ACTION_APPROVE,
        Action::Unapprove => msg::ACTION_UNAPPROVE,
        Action::Spam => msg::ACTION_SPAM,
        Action::Trash => msg::ACTION_TRASH,
        Action::Restore => msg::ACTION_NOT_SPAM,
        Action::Delete => msg::ACTION_DELETE,
    }
}

/// The one-click actions for a comment in `status` (delete has its own confirmation page).
fn row_actions(status: Status) -> Vec<ActionButton> {
    let restore_label = if status == Status::Trash {
        msg::ACTION_RESTORE
    } else {
        msg::ACTION_NOT_SPAM
    };
    [
        Action::Approve,
        Action::Unapprove,
        Action::Restore,
        Action::Spam,
        Action::Trash,
    ]
    .into_iter()
    .filter(|action| action.apply(status).is_ok())
    .map(|action| ActionButton {
        name: action.as_str(),
        label: if action == Action::Restore {
            restore_label
        } else {
            label(action)
        },
        secondary: matches!(action, Action::Spam | Action::Trash),
    })
    .collect()
}

fn bulk_actions(status: Status) -> Vec<ActionButton> {
    let mut actions = row_actions(status);
    if matches!(status, Status::Spam | Status::Trash) {
        actions.push(ActionButton {
            name: "delete",
            label: label(Action::Delete),
            secondary: true,
        });
    }
    actions
}

fn row_view(zone: &Dates, r: QueueRow) -> QueueRowView {
    let current = r.status;
    QueueRowView {
        id: r.id,
        created_iso: zone.iso8601(r.created_at),
        created_human: zone.human_date_time(r.created_at),
        actions: row_actions(current),
        can_reply: matches!(current, Status::Pending | Status::Approved),
        author_name: r.author_name,
        author_email: r.author_email,
        author_website: r.author_website,
        ip: r.ip,
        user_agent: r.user_agent,
        status: current.as_str(),
        status_reason: if current == Status::Approved {
            String::new()
        } else {
            r.status_reason
        },
        body_html: r.body_html,
        parent_id: r.parent_id,
        parent_first_line: r.parent_first_line,
        by_admin: r.by_admin,
        post_title: r.post_title,
        post_slug: r.post_slug,
        post_published: r.post_published,
        post_is_page: r.post_is_page,
    }
}

/// The filter a query asks for; 404 for a status or post that cannot be.
fn filter(query: &QueueQuery) -> Result<QueueFilter> {
    let status = match query.status.as_deref() {
        None | Some("") => Status::Pending,
        Some(raw) => Status::parse(raw).ok_or(AppError::NotFound)?,
    };
    let post_id = match query.post.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(raw.parse().map_err(|()| AppError::NotFound)?),
    };
    Ok(QueueFilter { status, post_id })
}

pub async fn queue(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse> {
    let filter = filter(&query)?;
    let (status, post_id) = (filter.status, filter.post_id);
    let counts = db::moderation::counts_by_status(&state.pool, post_id).await?;
    let count_of = |s: Status| {
        counts
            .iter()
            .find(|(status, _)| *status == s)
            .map_or(0, |(_, n)| *n)
    };
    let pages = Pagination::new(query.page.as_deref(), count_of(status), QUEUE_PAGE_SIZE)?;
    let rows =
        db::moderation::queue_page(&state.pool, filter, QUEUE_PAGE_SIZE, pages.offset()).await?;
    let zone = state.dates();
    let rows: Vec<QueueRowView> = rows.into_iter().map(|r| row_view(&zone, r)).collect();
    let tabs: Vec<Tab> = Status::ALL
        .into_iter()
        .map(|s| Tab {
            status: s.as_str(),
            label: s.as_str(),
            count: count_of(s),
        })
        .collect();
    let mut context = admin_context(&state, &admin, "comments").await?;
    context.insert("status", status.as_str());
    context.insert("post_filter", &post_id);
    context.insert("tabs", &tabs);
    context.insert("rows", &rows);
    context.insert("bulk_actions", &bulk_actions(status));
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    respond::page(&state.templates, "admin/comments.html", &context)
}
