//! The pages for one comment: the admin's reply, an edit of what the reader
//! wrote, and the confirmation before deleting it for good.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::layout::{admin_context, queue_url, redirect_with_flash, render_form};
use crate::auth::{AdminForm, AdminUser};
use crate::db;
use crate::db::moderation::{EditableComment, Replied};
use crate::domain::comment::{CommentBody, CommentEdit, EditForm};
use crate::domain::comment_text;
use crate::domain::form::FieldErrors;
use crate::domain::ids::CommentId;
use crate::domain::message::{Message, msg};
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

async fn editable_comment(state: &AppState, raw_id: &str) -> Result<EditableComment> {
    let id: CommentId = raw_id.parse().map_err(|()| AppError::NotFound)?;
    db::moderation::editable(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Serialize)]
struct CommentSummary<'a> {
    id: CommentId,
    author_name: &'a str,
    body: &'a str,
    status: &'a str,
}

fn summary(comment: &EditableComment) -> CommentSummary<'_> {
    CommentSummary {
        id: comment.id,
        author_name: &comment.author_name,
        body: &comment.body,
        status: comment.status.as_str(),
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
    respond::page(&state.templates, "admin/confirm_delete.html", &context)
}

async fn render_reply(
    state: &AppState,
    admin: &AdminUser,
    comment: &EditableComment,
    body: &str,
    error: Option<String>,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "comments").await?;
    context.insert("comment", &summary(comment));
    context.insert("body", body);
    context.insert("error", &error);
    render_form(state, "admin/reply.html", &context, error.is_some())
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

/// The flash message for a stored reply (an error if the comment is gone), or
/// why the reply form must be shown again.
fn reply_message(
    state: &AppState,
    comment_id: CommentId,
    replied: &Replied,
) -> Result<(String, bool), String> {
    let (message, error) = match replied {
        Replied::Stored {
            id,
            approved_parent: true,
        } => (
            Message::new(msg::FLASH_REPLY_APPROVED).with("reply", *id),
            false,
        ),
        Replied::Stored {
            id,
            approved_parent: false,
        } => (
            Message::new(msg::FLASH_REPLY_PUBLISHED).with("reply", *id),
            false,
        ),
        Replied::NotFound => (Message::new(msg::FLASH_REPLY_COMMENT_GONE), true),
        Replied::Refused(why) => {
            return Err(
                state.text(Message::new(msg::REPLY_REFUSED).with("why", state.text(why.clone())))
            );
        }
    };
    Ok((state.text(message.with("num", comment_id)), error))
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
            let problem = state.text(message);
            return render_reply(&state, &admin, &comment, &form.body, Some(problem)).await;
        }
    };
    let html = comment_text::render(body.as_ref());
    let replied = db::moderation::reply(
        &state.pool,
        &admin.moderator(),
        comment.id,
        body.as_ref(),
        &html,
        state.config.clock.now(),
    )
    .await?;
    match reply_message(&state, comment.id, &replied) {
        Ok((message, error)) => {
            let back = queue_url(comment.status);
            redirect_with_flash(&state, &admin, &back, &message, error).await
        }
        Err(problem) => render_reply(&state, &admin, &comment, &form.body, Some(problem)).await,
    }
}

async fn render_edit(
    state: &AppState,
    admin: &AdminUser,
    comment: &EditableComment,
    form: &EditForm,
    errors: &FieldErrors,
) -> Result<HttpResponse> {
    let mut context = admin_context(state, admin, "comments").await?;
    context.insert("comment", &summary(comment));
    context.insert("form", form);
    context.insert("errors", errors);
    render_form(
        state,
        "admin/edit_comment.html",
        &context,
        !errors.is_empty(),
    )
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
    let change = match CommentEdit::try_from(&form) {
        Ok(change) => change,
        Err(errors) => return render_edit(&state, &admin, &comment, &form, &errors).await,
    };
    let now = state.config.clock.now();
    let saved =
        db::moderation::edit(&state.pool, &admin.moderator(), comment.id, &change, now).await?;
    let message = state.text(
        Message::new(if saved {
            msg::FLASH_COMMENT_SAVED
        } else {
            msg::FLASH_COMMENT_GONE_UNSAVED
        })
        .with("num", comment.id),
    );
    let back = queue_url(comment.status);
    redirect_with_flash(&state, &admin, &back, &message, !saved).await
}
