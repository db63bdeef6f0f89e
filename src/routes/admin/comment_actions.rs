//! What an admin does to comments from the queue: one comment's button, or
//! one action on the comments they ticked. Either way they return to the
//! queue with a message saying what happened.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::layout::{filtered_queue_url, redirect_with_flash};
use crate::auth::AdminForm;
use crate::db;
use crate::db::moderation::ActionResult;
use crate::domain::ids::CommentId;
use crate::domain::message::{Message, MessageId, msg};
use crate::domain::moderation::{Action, Status, Via};
use crate::error::{AppError, Result};
use crate::state::AppState;

/// The queue the admin acted from: its status tab, search and post filter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReturnTo {
    return_status: String,
    return_q: String,
    return_post: String,
}

impl ReturnTo {
    fn url(&self) -> String {
        filtered_queue_url(
            Status::parse(&self.return_status).unwrap_or_default(),
            &self.return_q,
            self.return_post.parse().ok(),
        )
    }
}

/// The flash message for one comment's result, and whether it is an error.
fn describe(
    state: &AppState,
    id: CommentId,
    action: Action,
    result: &ActionResult,
) -> (String, bool) {
    let message = match result {
        ActionResult::Done => Message::new(msg::FLASH_COMMENT_DONE).with("action", action.as_str()),
        ActionResult::NotFound => Message::new(msg::FLASH_COMMENT_MISSING),
        ActionResult::Refused(why) => {
            Message::new(msg::FLASH_COMMENT_REFUSED).with("why", state.text(why.clone()))
        }
    };
    (
        state.text(message.with("num", id)),
        *result != ActionResult::Done,
    )
}

pub async fn act(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: AdminForm<ReturnTo>,
) -> Result<HttpResponse> {
    let (raw_id, raw_action) = path.into_inner();
    let action = Action::parse(&raw_action).ok_or(AppError::NotFound)?;
    let AdminForm { admin, form } = form;
    let (message, error) = match raw_id.parse::<CommentId>().ok() {
        None => (
            state.text(Message::new(msg::FLASH_COMMENT_UNKNOWN).with("raw", raw_id.as_str())),
            true,
        ),
        Some(id) => {
            let now = state.config.clock.now();
            let result =
                db::moderation::apply(&state.pool, &admin.moderator(), id, action, now, Via::Queue)
                    .await?;
            describe(&state, id, action, &result)
        }
    };
    redirect_with_flash(&state, &admin, &form.url(), &message, error).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BulkForm {
    action: String,
    ids: Vec<String>,
    #[serde(flatten)]
    back: ReturnTo,
}

/// The action and the comments a bulk form asks for, or why nothing can be done.
fn bulk_request(form: &BulkForm) -> Result<(Action, Vec<CommentId>), MessageId> {
    let action = Action::parse(&form.action).ok_or(msg::FLASH_BULK_NO_ACTION)?;
    if form.ids.is_empty() {
        return Err(msg::FLASH_BULK_NONE_SELECTED);
    }
    let ids = form
        .ids
        .iter()
        .map(|raw| raw.parse().ok())
        .collect::<Option<Vec<CommentId>>>()
        .ok_or(msg::FLASH_BULK_UNREADABLE)?;
    Ok((action, ids))
}

/// How many comments the action changed and why the others were skipped; an
/// error when it changed none.
fn bulk_message(
    state: &AppState,
    action: Action,
    ids: &[CommentId],
    results: &[ActionResult],
) -> (String, bool) {
    let done = results.iter().filter(|r| **r == ActionResult::Done).count();
    let skipped: Vec<String> = ids
        .iter()
        .zip(results)
        .filter(|(_, r)| **r != ActionResult::Done)
        .map(|(id, r)| describe(state, *id, action, r).0)
        .collect();
    let mut message = state.text(
        Message::new(msg::FLASH_COMMENTS_DONE)
            .with("count", done)
            .with("action", action.as_str()),
    );
    if !skipped.is_empty() {
        message.push(' ');
        message.push_str(&state.text(msg::FLASH_BULK_SKIPPED));
        message.push(' ');
        message.push_str(&skipped.join(" "));
    }
    (message, done == 0)
}

pub async fn bulk(state: web::Data<AppState>, form: AdminForm<BulkForm>) -> Result<HttpResponse> {
    let AdminForm { admin, form } = form;
    let (message, error) = match bulk_request(&form) {
        Err(nothing_done) => (state.text(nothing_done), true),
        Ok((action, ids)) => {
            let now = state.config.clock.now();
            let results =
                db::moderation::apply_bulk(&state.pool, &admin.moderator(), &ids, action, now)
                    .await?;
            bulk_message(&state, action, &ids, &results)
        }
    };
    redirect_with_flash(&state, &admin, &form.back.url(), &message, error).await
}
