//! The moderation queue: comments by status (or of one post), a page at a
//! time, each with the actions its status allows.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::admin_context;
use crate::auth::AdminUser;
use crate::db;
use crate::db::moderation::{QueueFilter, QueueRow, SEARCH_COUNT_CAP};
use crate::domain::SafeHtml;
use crate::domain::ids::{CommentId, PostId};
use crate::domain::message::{MessageId, msg};
use crate::domain::moderation::{Action, Status};
use crate::domain::pagination::{ADMIN_PAGE_SIZE, Cursor, ListPage, PageRequest, Reading};
use crate::domain::search::CommentQuery;
use crate::error::{AppError, Result};
use crate::i18n::Dates;
use crate::respond;
use crate::routes::request::ListUrl;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    page: Option<String>,
    /// The place of the row the link to this page came from (see `domain::pagination`).
    after: Option<String>,
    before: Option<String>,
    /// Only this post's comments.
    post: Option<String>,
    /// Only comments with these words in their author's name, address or text.
    q: Option<String>,
}

#[derive(Serialize)]
struct Tab {
    status: &'static str,
    label: &'static str,
    count: i64,
    /// The count stopped there (a search); there are more.
    more: bool,
    url: String,
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

/// Comments per status, as the tabs count them (a search stops counting at
/// `SEARCH_COUNT_CAP`).
struct Counts(Vec<(Status, i64)>);

impl Counts {
    fn of(&self, status: Status) -> i64 {
        self.0
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| (*n).min(SEARCH_COUNT_CAP))
    }

    /// The count stopped at the cap: there are more.
    fn more(&self, status: Status) -> bool {
        self.0
            .iter()
            .any(|(s, n)| *s == status && *n > SEARCH_COUNT_CAP)
    }
}

/// The queue's address with what it shows: a status, one post's comments, a search.
fn queue_address(status: Status, post_id: Option<PostId>, typed: &str) -> ListUrl {
    ListUrl::new("/admin/comments")
        .with("status", status.as_str())
        .with("post", post_id.map(|id| id.to_string()).unwrap_or_default())
        .with("q", typed)
}

fn tabs(counts: &Counts, post_id: Option<PostId>, typed: &str) -> Vec<Tab> {
    Status::ALL
        .into_iter()
        .map(|s| Tab {
            status: s.as_str(),
            label: s.as_str(),
            count: counts.of(s),
            more: counts.more(s),
            url: queue_address(s, post_id, typed).page(1, None),
        })
        .collect()
}

/// One page of the queue (or of a search in it), and the places of its first
/// and last rows for the links to the pages around it.
async fn page_rows(
    state: &AppState,
    search: &CommentQuery,
    filter: QueueFilter,
    list: &ListPage,
) -> Result<(Vec<QueueRow>, Option<(Cursor, Cursor)>)> {
    let (rows, cursor): (_, fn(&QueueRow) -> Cursor) = if search.is_empty() {
        let rows = db::moderation::queue_page(&state.pool, filter, list.window()).await?;
        (rows, db::moderation::queue_cursor)
    } else {
        let rows = db::moderation::search_page(&state.pool, search, filter, list.window()).await?;
        (rows, db::moderation::search_cursor)
    };
    let places = rows
        .first()
        .zip(rows.last())
        .map(|(newest, oldest)| (cursor(newest), cursor(oldest)));
    Ok((rows, places))
}

pub async fn queue(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse> {
    let filter = filter(&query)?;
    let (status, post_id) = (filter.status, filter.post_id);
    let typed = query.q.as_deref().unwrap_or_default().trim();
    let search = db::search::complete_last_word(&state.pool, CommentQuery::parse(typed)).await?;
    let counts = Counts(if search.is_empty() {
        db::moderation::counts_by_status(&state.pool, post_id).await?
    } else {
        db::moderation::search_counts(&state.pool, &search, post_id).await?
    });
    let request = PageRequest {
        page: query.page.as_deref(),
        after: query.after.as_deref(),
        before: query.before.as_deref(),
    };
    let reading = if search.is_empty() {
        Reading::Keyset
    } else {
        Reading::KeysetNewestOnly
    };
    let list = ListPage::locate(request, counts.of(status), ADMIN_PAGE_SIZE, reading)
        .ok_or(AppError::NotFound)?;
    let (rows, places) = page_rows(&state, &search, filter, &list).await?;
    let pager =
        queue_address(status, post_id, typed).pager(&list, rows.len(), places, counts.more(status));
    let zone = state.dates();
    let rows: Vec<QueueRowView> = rows.into_iter().map(|r| row_view(&zone, r)).collect();
    let mut context = admin_context(&state, &admin, "comments").await?;
    context.insert("status", status.as_str());
    context.insert("post_filter", &post_id);
    context.insert("search", typed);
    context.insert("tabs", &tabs(&counts, post_id, typed));
    context.insert("rows", &rows);
    context.insert("bulk_actions", &bulk_actions(status));
    context.insert("pager", &pager);
    respond::page(&state.templates, "admin/comments.html", &context)
}
