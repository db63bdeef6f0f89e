//! The trash: posts and pages deleted in the editor, restored from here with
//! their comments and old addresses, or deleted for good.

use actix_web::http::Method;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::layout::{admin_context, redirect_with_flash};
use crate::auth::{Access, AdminUser, ItemButton};
use crate::db;
use crate::db::trash::TrashedPost;
use crate::domain::ids::PostId;
use crate::domain::message::{Message, msg};
use crate::domain::post::Kind;
use crate::domain::role::Permission;
use crate::domain::trash;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

const TRASH: &str = "/admin/trash";

/// `/admin/trash` and what can be done there: restoring anyone's post is an
/// editor's part of writing; deleting it for good is for admins.
pub fn routes() -> Vec<super::AdminRoute> {
    use Method as M;
    let needs = Access::Needs(Permission::PublishPosts);
    let for_good = Access::Needs(Permission::EmptyTrash);
    vec![
        super::route(M::GET, "", needs, list),
        super::route(M::POST, "/{id:\\d+}/restore", needs, restore),
        super::route(M::GET, "/{id:\\d+}/delete", for_good, confirm_delete),
        super::route(M::POST, "/{id:\\d+}/delete", for_good, delete),
    ]
}

#[derive(Serialize)]
struct TrashedView {
    id: PostId,
    kind: Kind,
    title: String,
    slug: String,
    comment_count: i64,
    trashed_at_iso: String,
    trashed_at: String,
    purge_at_iso: String,
    purge_at: String,
}

fn view(state: &AppState, post: TrashedPost) -> TrashedView {
    let dates = state.dates();
    let purge_at = trash::deleted_for_good_at(post.trashed_at);
    TrashedView {
        id: post.id,
        kind: post.kind,
        title: post.title,
        slug: post.slug,
        comment_count: post.comment_count,
        trashed_at_iso: dates.iso8601(post.trashed_at),
        trashed_at: dates.human_date_time(post.trashed_at),
        purge_at_iso: dates.iso8601(purge_at),
        purge_at: dates.human_date(purge_at),
    }
}

pub async fn list(state: web::Data<AppState>, admin: AdminUser) -> Result<HttpResponse> {
    let trashed: Vec<TrashedView> = db::trash::list(&state.pool)
        .await?
        .into_iter()
        .map(|post| view(&state, post))
        .collect();
    let mut context = admin_context(&state, &admin, "trash").await?;
    context.insert("trashed", &trashed);
    context.insert("kept_days", &trash::KEPT_DAYS);
    respond::page(&state.templates, "admin/trash.html", &context)
}

fn parse_id(raw: &str) -> Result<PostId> {
    raw.parse().map_err(|()| AppError::NotFound)
}

/// Brings it back where it was, saying so, and what changed on the way.
pub async fn restore(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let now = state.config.clock.now();
    let Some(restored) = db::trash::restore(&state.pool, parse_id(&id)?, now).await? else {
        let gone = state.text(msg::FLASH_TRASH_GONE);
        return redirect_with_flash(&state, &admin, TRASH, &gone, true).await;
    };
    state.publisher.schedule_changed();
    let message: Vec<String> = restored
        .messages()
        .into_iter()
        .map(|m| state.text(m))
        .collect();
    redirect_with_flash(&state, &admin, TRASH, &message.join(" "), false).await
}

/// Asks before deleting it for good.
pub async fn confirm_delete(
    state: web::Data<AppState>,
    admin: AdminUser,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let post = db::trash::find(&state.pool, parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut context = admin_context(&state, &admin, "trash").await?;
    context.insert("post", &view(&state, post));
    respond::page(&state.templates, "admin/trash_delete.html", &context)
}

/// Deletes it for good, with its comments.
pub async fn delete(state: web::Data<AppState>, button: ItemButton) -> Result<HttpResponse> {
    let ItemButton { admin, raw_id: id } = button;
    let Some(post) = db::trash::find(&state.pool, parse_id(&id)?).await? else {
        let gone = state.text(msg::FLASH_TRASH_GONE);
        return redirect_with_flash(&state, &admin, TRASH, &gone, true).await;
    };
    db::trash::delete_for_good(&state.pool, post.id).await?;
    let message = state.text(
        Message::new(msg::FLASH_POST_DELETED)
            .with("title", post.title.as_str())
            .with("count", post.comment_count),
    );
    redirect_with_flash(&state, &admin, TRASH, &message, false).await
}
