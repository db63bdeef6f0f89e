//! Everything under `/admin`: behind a login, never cached, every POST CSRF-checked.

pub mod import;
pub mod login;
pub mod moderation;
pub mod posts;
pub mod settings;

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::auth::AdminUser;
use crate::db;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// Admin forms may carry a long post; the comment form's limit is far smaller.
const MAX_ADMIN_FORM_BYTES: usize = 8 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/admin")
            .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, "no-store")))
            .app_data(web::PayloadConfig::new(MAX_ADMIN_FORM_BYTES))
            .route("", web::get().to(home))
            .route("/", web::get().to(home))
            .route("/login", web::get().to(login::show))
            .route("/login", web::post().to(login::submit))
            .route("/logout", web::post().to(login::logout))
            .route("/comments", web::get().to(moderation::queue))
            .route("/comments/bulk", web::post().to(moderation::bulk))
            .route(
                "/comments/{id}/reply",
                web::get().to(moderation::reply_form),
            )
            .route("/comments/{id}/reply", web::post().to(moderation::reply))
            .route("/comments/{id}/edit", web::get().to(moderation::edit_form))
            .route("/comments/{id}/edit", web::post().to(moderation::edit))
            .route(
                "/comments/{id}/delete",
                web::get().to(moderation::confirm_delete),
            )
            .route("/comments/{id}/{action}", web::post().to(moderation::act))
            .route("/log", web::get().to(moderation::log))
            .route("/posts", web::get().to(posts::list))
            .route("/posts", web::post().to(posts::create))
            .route("/posts/new", web::get().to(posts::new))
            .route("/posts/{id}", web::post().to(posts::update))
            .route("/posts/{id}/edit", web::get().to(posts::edit))
            .route("/posts/{id}/delete", web::get().to(posts::confirm_delete))
            .route("/posts/{id}/delete", web::post().to(posts::delete))
            .route("/import", web::get().to(import::show))
            .route("/settings", web::get().to(settings::show))
            .route("/settings", web::post().to(settings::save))
            .default_service(web::to(not_found)),
    );
}

async fn home(_admin: AdminUser) -> HttpResponse {
    see_other("/admin/comments")
}

async fn not_found(_admin: AdminUser) -> Result<HttpResponse> {
    Err(AppError::NotFound)
}

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

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

/// What every admin page's layout needs: the admin, their CSRF token, the
/// pending count for the navigation badge and a one-time flash message.
pub async fn admin_context(state: &AppState, admin: &AdminUser, nav: &str) -> Result<Context> {
    let mut context = state.context();
    #[derive(Serialize)]
    struct AdminView<'a> {
        username: &'a str,
        csrf_token: &'a str,
    }
    context.insert(
        "admin",
        &AdminView {
            username: &admin.username,
            csrf_token: &admin.csrf_token,
        },
    );
    context.insert("nav", nav);
    context.insert(
        "pending_count",
        &db::moderation::pending_count(&state.pool).await?,
    );
    let flash = db::sessions::take_flash(&state.pool, &admin.token_hash)
        .await?
        .map(|stored| Flash {
            error: stored.starts_with('!'),
            message: stored.get(1..).unwrap_or_default().to_owned(),
        });
    context.insert("flash", &flash);
    Ok(context)
}
