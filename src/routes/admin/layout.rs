//! What every admin page shares: the layout's context with its one-time flash
//! message and the status of a form sent back with errors. How a handler
//! answers is `respond`.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use serde::Serialize;
use tera::Context;

use crate::auth::AdminUser;
use crate::db;
use crate::domain::form::FieldErrors;
use crate::domain::ids::PostId;
use crate::domain::moderation::Status;
use crate::domain::role::{Permission, Role};
use crate::error::Result;
use crate::respond::{self, see_other};
use crate::state::AppState;

#[derive(Serialize)]
struct Flash {
    message: String,
    error: bool,
}

/// A message for the next admin page; errors are marked so they show as such.
pub async fn set_flash(
    state: &AppState,
    admin: &AdminUser,
    message: &str,
    error: bool,
) -> Result<()> {
    let stored = format!("{}{message}", if error { "!" } else { " " });
    db::sessions::set_flash(&state.pool, &admin.token_hash, &stored).await?;
    Ok(())
}

/// Post/redirect/get: leaves `message` for the page at `location` (marked as
/// an error if it is one) and sends the admin there.
pub async fn redirect_with_flash(
    state: &AppState,
    admin: &AdminUser,
    location: &str,
    message: &str,
    error: bool,
) -> Result<HttpResponse> {
    set_flash(state, admin, message, error).await?;
    Ok(see_other(location))
}

/// A form page's status: 200 when it is shown fresh, 422 when it is sent back with errors.
fn form_status(has_errors: bool) -> StatusCode {
    if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

/// A form page: 200 when it is shown fresh, 422 when it is sent back with errors.
pub fn render_form(
    state: &AppState,
    template: &str,
    context: &Context,
    has_errors: bool,
) -> Result<HttpResponse> {
    respond::render_page(&state.templates, form_status(has_errors), template, context)
}

/// The context of an admin page with a form: the form as typed and its errors,
/// with the status to answer (200, or 422 when there are errors to correct).
pub async fn form_page(
    state: &AppState,
    admin: &AdminUser,
    nav: &str,
    form: &impl Serialize,
    errors: &FieldErrors,
) -> Result<(StatusCode, Context)> {
    let mut context = admin_context(state, admin, nav).await?;
    context.insert("form", form);
    context.insert("errors", errors);
    Ok((form_status(!errors.is_empty()), context))
}

/// What every admin page's layout needs: the account, its CSRF token, the
/// sections its role may use (the navigation shows only those) and what else
/// it may do, the pending
/// count for the navigation badge and a one-time flash message.
pub async fn admin_context(state: &AppState, admin: &AdminUser, nav: &str) -> Result<Context> {
    let mut context = state.context();
    #[derive(Serialize)]
    struct AdminView<'a> {
        username: &'a str,
        csrf_token: &'a str,
        role: Role,
    }
    context.insert(
        "admin",
        &AdminView {
            username: &admin.username,
            csrf_token: &admin.csrf_token,
            role: admin.role,
        },
    );
    context.insert("nav", nav);
    context.insert("sections", &admin.role.sections());
    // What the account may do, for the buttons a page shows: `may.delete_media`.
    let may: std::collections::BTreeMap<Permission, bool> = Permission::ALL
        .into_iter()
        .map(|p| (p, admin.may(p)))
        .collect();
    context.insert("may", &may);
    let pending = if admin.may(Permission::ModerateComments) {
        db::moderation::pending_count(&state.pool).await?
    } else {
        0
    };
    context.insert("pending_count", &pending);
    let flash = db::sessions::take_flash(&state.pool, &admin.token_hash)
        .await?
        .map(|stored| Flash {
            error: stored.starts_with('!'),
            message: stored.get(1..).unwrap_or_default().to_owned(),
        });
    context.insert("flash", &flash);
    Ok(context)
}

/// The moderation queue's tab for `status` (pending when it names none), where
/// the admin returns after acting on a comment.
pub fn queue_url(status: Status) -> String {
    format!("/admin/comments?status={}", status.as_str())
}

/// The queue's tab for `status` with the search and post filter the admin
/// acted from, so that they return to what they were looking at.
pub fn filtered_queue_url(status: Status, search: &str, post: Option<PostId>) -> String {
    crate::routes::request::ListUrl::new("/admin/comments")
        .with("status", status.as_str())
        .with("post", post.map(|id| id.to_string()).unwrap_or_default())
        .with("q", search.trim())
        .page(1, None)
}
