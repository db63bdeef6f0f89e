//! The moderation queue and what an admin does with a comment.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::{admin_context, see_other, set_flash};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::moderation::{ActionResult, CommentEdit, QueueFilter, Replied};
use crate::domain::comment::{AuthorName, CommentBody, FieldErrors, Website};
use crate::domain::moderation::{Action, Status};
use crate::domain::{SafeHtml, comment_text, time};
use crate::error::{AppError, Result};
use crate::routes::request::Pagination;
use crate::state::AppState;

const QUEUE_PAGE_SIZE: i64 = 20;
const LOG_PAGE_SIZE: i64 = 50;

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
    label: &'static str,
    secondary: bool,
}

#[derive(Serialize)]
struct QueueRowView {
    id: i64,
    author_name: String,
    author_email: String,
    author_website: String,
    ip: String,
    user_agent: String,
    status: String,
    status_reason: String,
    body_html: SafeHtml,
    created_iso: String,
    created_human: String,
    parent_id: Option<i64>,
    by_admin: bool,
    post_title: String,
    post_slug: String,
    post_published: bool,
    actions: Vec<ActionButton>,
    can_reply: bool,
}

fn label(action: Action) -> &'static str {
    match action {
        Action::Approve => "Approve",
        Action::Unapprove => "Unapprove",
        Action::Spam => "Spam",
        Action::Trash => "Trash",
        Action::Restore => "Not spam",
        Action::Delete => "Delete permanently",
    }
}

/// The one-click actions for a comment in `status` (delete has its own confirmation page).
fn row_actions(status: Status) -> Vec<ActionButton> {
    let restore_label = if status == Status::Trash {
        "Restore"
    } else {
        "Not spam"
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

fn queue_url(status: &str) -> String {
    let status = Status::parse(status).unwrap_or(Status::Pending);
    format!("/admin/comments?status={}", status.as_str())
}

pub async fn queue(
    state: web::Data<AppState>,
    admin: AdminUser,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse> {
    let status = match query.status.as_deref() {
        None | Some("") => Status::Pending,
        Some(raw) => Status::parse(raw).ok_or(AppError::NotFound)?,
    };
    let post_id = match query.post.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(parse_id(raw).ok_or(AppError::NotFound)?),
    };
    let filter = QueueFilter { status, post_id };
    let counts = db::moderation::counts_by_status(&state.pool, post_id).await?;
    let count_of = |s: Status| {
        counts
            .iter()
            .find(|(name, _)| name == s.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let pages = Pagination::new(query.page.as_deref(), count_of(status), QUEUE_PAGE_SIZE)?;
    let rows =
        db::moderation::queue_page(&state.pool, filter, QUEUE_PAGE_SIZE, pages.offset()).await?;
    let zone = state.zone();
    let rows: Vec<QueueRowView> = rows
        .into_iter()
        .map(|r| {
            let current = Status::parse(&r.status).unwrap_or(Status::Pending);
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
                status: r.status,
                status_reason: r.status_reason,
                body_html: r.body_html,
                parent_id: r.parent_id,
                by_admin: r.by_admin,
                post_title: r.post_title,
                post_slug: r.post_slug,
                post_published: r.post_published,
            }
        })
        .collect();
    let tabs: Vec<Tab> = Status::ALL
        .into_iter()
        .map(|s| Tab {
            status: s.as_str(),
            label: s.label(),
            count: count_of(s),
        })
        .collect();
    let mut context = admin_context(&state, &admin, "comments").await?;
    context.insert("status", status.as_str());
    context.insert("post_filter", &post_id);
    context.insert("current_label", status.label());
    context.insert("tabs", &tabs);
    context.insert("rows", &rows);
    context.insert("bulk_actions", &bulk_actions(status));
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    state.render_page(StatusCode::OK, "admin/comments.html", &context)
}

#[derive(Debug, Default, Deserialize)]
pub struct ReturnTo {
    #[serde(default)]
    return_status: String,
}

fn parse_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}

fn describe(id: i64, action: Action, result: &ActionResult) -> (String, bool) {
    match result {
        ActionResult::Done => (format!("Comment #{id} {}.", action.done()), false),
        ActionResult::NotFound => (
            format!(
                "Comment #{id} does not exist (it may have been deleted); nothing was changed."
            ),
            true,
        ),
        ActionResult::Refused(why) => (format!("Comment #{id} {why}; nothing was changed."), true),
    }
}

pub async fn act(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: AdminForm<ReturnTo>,
) -> Result<HttpResponse> {
    let (raw_id, raw_action) = path.into_inner();
    let action = Action::parse(&raw_action).ok_or(AppError::NotFound)?;
    let AdminForm { admin, form } = form;
    let (message, error) = match parse_id(&raw_id) {
        None => (
            format!("There is no comment “{raw_id}”; nothing was changed."),
            true,
        ),
        Some(id) => {
            let result =
                db::moderation::apply(&state.pool, &admin.moderator(), id, action, time::now())
                    .await?;
            describe(id, action, &result)
        }
    };
    set_flash(&state, &admin, &message, error).await?;
    Ok(see_other(&queue_url(&form.return_status)))
}

#[derive(Debug, Default, Deserialize)]
pub struct BulkForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    return_status: String,
}

pub async fn bulk(state: web::Data<AppState>, form: AdminForm<BulkForm>) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let back = see_other(&queue_url(&form.return_status));
    let Some(action) = Action::parse(&form.action) else {
        set_flash(
            &state,
            &admin,
            "Choose an action for the selected comments; nothing was changed.",
            true,
        )
        .await?;
        return Ok(back);
    };
    if form.ids.is_empty() {
        set_flash(
            &state,
            &admin,
            "Select at least one comment; nothing was changed.",
            true,
        )
        .await?;
        return Ok(back);
    }
    let Some(ids) = form
        .ids
        .iter()
        .map(|raw| parse_id(raw))
        .collect::<Option<Vec<i64>>>()
    else {
        set_flash(
            &state,
            &admin,
            "Some selected comments could not be read; nothing was changed.",
            true,
        )
        .await?;
        return Ok(back);
    };
    let results =
        db::moderation::apply_bulk(&state.pool, &admin.moderator(), &ids, action, time::now())
            .await?;
    let done = results.iter().filter(|r| **r == ActionResult::Done).count();
    let skipped: Vec<String> = ids
        .iter()
        .zip(&results)
        .filter(|(_, r)| **r != ActionResult::Done)
        .map(|(id, r)| describe(*id, action, r).0)
        .collect();
    let mut message = match done {
        1 => format!("1 comment {}.", action.done()),
        n => format!("{n} comments {}.", action.done()),
    };
    if !skipped.is_empty() {
        message.push_str(" Skipped: ");
        message.push_str(&skipped.join(" "));
    }
    set_flash(&state, &admin, &message, done == 0).await?;
    Ok(back)
}

async fn editable_comment(
    state: &AppState,
    raw_id: &str,
) -> Result<db::moderation::EditableComment> {
    let id = parse_id(raw_id).ok_or(AppError::NotFound)?;
    db::moderation::editable(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Serialize)]
struct CommentSummary<'a> {
    id: i64,
    author_name: &'a str,
    body: &'a str,
    status: &'a str,
}

fn summary(comment: &db::moderation::EditableComment) -> CommentSummary<'_> {
    CommentSummary {
        id: comment.id,
        author_name: &comment.author_name,
        body: &comment.body,
        status: &comment.status,
    }
}

pub async fn confirm_delete(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let comment = editable_comment(&state, &id).await?;
    let mut context = admin_context(&state, &admin, "comments").await?;
    context.insert("comment", &summary(&comment));
    state.render_page(StatusCode::OK, "admin/confirm_delete.html", &context)
}

async fn render_reply(
    state: &AppState,
    admin: &AdminUser,
    comment: &db::moderation::EditableComment,
    body: &str,
    error: Option<String>,
) -> Result<HttpResponse> {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut context = admin_context(state, admin, "comments").await?;
    context.insert("comment", &summary(comment));
    context.insert("body", body);
    context.insert("error", &error);
    state.render_page(status, "admin/reply.html", &context)
}

pub async fn reply_form(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let comment = editable_comment(&state, &id).await?;
    render_reply(&state, &admin, &comment, "", None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
}

pub async fn reply(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<ReplyForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let comment = editable_comment(&state, &id).await?;
    let body = match CommentBody::parse(&form.body) {
        Ok(body) => body,
        Err(message) => {
            return render_reply(&state, &admin, &comment, &form.body, Some(message)).await;
        }
    };
    let html = comment_text::render(body.as_ref());
    let replied = db::moderation::reply(
        &state.pool,
        &admin.moderator(),
        comment.id,
        body.as_ref(),
        &html,
        time::now(),
    )
    .await?;
    let (message, error) = match replied {
        Replied::Stored {
            id,
            approved_parent: true,
        } => (
            format!(
                "Comment #{} approved and your reply #{id} published.",
                comment.id
            ),
            false,
        ),
        Replied::Stored {
            id,
            approved_parent: false,
        } => (
            format!("Your reply #{id} to comment #{} is published.", comment.id),
            false,
        ),
        Replied::NotFound => (
            format!(
                "Comment #{} no longer exists; your reply was not posted.",
                comment.id
            ),
            true,
        ),
        Replied::Refused(why) => {
            return render_reply(
                &state,
                &admin,
                &comment,
                &form.body,
                Some(format!("This comment {why}.")),
            )
            .await;
        }
    };
    set_flash(&state, &admin, &message, error).await?;
    Ok(see_other(&queue_url(&comment.status)))
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct EditForm {
    #[serde(default)]
    author_name: String,
    #[serde(default)]
    author_website: String,
    #[serde(default)]
    body: String,
}

async fn render_edit(
    state: &AppState,
    admin: &AdminUser,
    comment: &db::moderation::EditableComment,
    form: &EditForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut context = admin_context(state, admin, "comments").await?;
    context.insert("comment", &summary(comment));
    context.insert("form", form);
    context.insert("errors", errors);
    state.render_page(status, "admin/edit_comment.html", &context)
}

pub async fn edit_form(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let comment = editable_comment(&state, &id).await?;
    let form = EditForm {
        author_name: comment.author_name.clone(),
        author_website: comment.author_website.clone(),
        body: comment.body.clone(),
    };
    render_edit(&state, &admin, &comment, &form, &FieldErrors::new()).await
}

pub async fn edit(
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: AdminForm<EditForm>,
) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let comment = editable_comment(&state, &id).await?;
    let mut errors = FieldErrors::new();
    let name = AuthorName::parse(&form.author_name)
        .map_err(|e| errors.insert("author_name", e))
        .ok();
    let website = Website::parse(&form.author_website)
        .map_err(|e| errors.insert("author_website", e))
        .ok();
    let body = CommentBody::parse(&form.body)
        .map_err(|e| errors.insert("body", e))
        .ok();
    let (Some(name), Some(website), Some(body)) = (name, website, body) else {
        return render_edit(&state, &admin, &comment, &form, &errors).await;
    };
    let html = comment_text::render(body.as_ref());
    let change = CommentEdit {
        author_name: name.as_ref(),
        author_website: website.as_ref().map_or("", AsRef::as_ref),
        body: body.as_ref(),
        body_html: &html,
    };
    let saved = db::moderation::edit(
        &state.pool,
        &admin.moderator(),
        comment.id,
        &change,
        time::now(),
    )
    .await?;
    let message = if saved {
        format!("Comment #{} saved.", comment.id)
    } else {
        format!(
            "Comment #{} no longer exists; nothing was saved.",
            comment.id
        )
    };
    set_flash(&state, &admin, &message, !saved).await?;
    Ok(see_other(&queue_url(&comment.status)))
}

#[derive(Debug, Deserialize)]
pub struct LogQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct LogEntryView {
    admin_username: String,
    action: String,
    comment_id: i64,
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
    let zone = state.zone();
    let entries: Vec<LogEntryView> =
        db::moderation::log_page(&state.pool, LOG_PAGE_SIZE, pages.offset())
            .await?
            .into_iter()
            .map(|e| LogEntryView {
                created_iso: zone.iso8601(e.created_at),
                created_human: zone.human_date_time(e.created_at),
                admin_username: e.admin_username,
                action: e.action,
                comment_id: e.comment_id,
                detail: e.detail,
            })
            .collect();
    let mut context = admin_context(&state, &admin, "log").await?;
    context.insert("entries", &entries);
    context.insert("newer_page", &pages.newer());
    context.insert("older_page", &pages.older());
    state.render_page(StatusCode::OK, "admin/log.html", &context)
}
