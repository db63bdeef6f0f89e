//! Everything under `/admin`: behind a login, never cached, every POST CSRF-checked.

pub mod account;
pub mod comment_actions;
pub mod comment_edit;
pub mod email;
pub mod import;
pub mod layout;
pub mod locks;
pub mod login;
pub mod media;
pub mod moderation_log;
pub mod navigation;
pub mod posts;
pub mod privacy;
pub mod queue;
pub mod settings;

use actix_web::http::header;
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};

use crate::auth::AdminUser;
use crate::domain::post::Kind;
use crate::error::{AppError, Result};
use crate::respond;

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
            .route("/comments", web::get().to(queue::queue))
            .route("/comments/bulk", web::post().to(comment_actions::bulk))
            .route(
                "/comments/{id}/reply",
                web::get().to(comment_edit::reply_form),
            )
            .route("/comments/{id}/reply", web::post().to(comment_edit::reply))
            .route(
                "/comments/{id}/edit",
                web::get().to(comment_edit::edit_form),
            )
            .route("/comments/{id}/edit", web::post().to(comment_edit::edit))
            .route(
                "/comments/{id}/delete",
                web::get().to(comment_edit::confirm_delete),
            )
            .route(
                "/comments/{id}/{action}",
                web::post().to(comment_actions::act),
            )
            .route("/log", web::get().to(moderation_log::log))
            .service(posts::routes("/posts", Kind::Post))
            .service(
                posts::routes("/pages", Kind::Page)
                    .route("/navigation", web::post().to(navigation::save_navigation)),
            )
            .service(media::routes())
            .route("/account", web::get().to(account::show))
            .route("/account", web::post().to(account::save))
            .route("/locks", web::get().to(locks::list))
            .route("/locks/lift", web::post().to(locks::lift))
            .route("/privacy", web::get().to(privacy::show))
            .route("/privacy", web::post().to(privacy::lookup))
            .route("/privacy/export", web::post().to(privacy::export))
            .route(
                "/privacy/confirm-erase",
                web::post().to(privacy::confirm_erase),
            )
            .route("/privacy/erase", web::post().to(privacy::erase))
            .route("/import", web::get().to(import::show))
            .route("/settings", web::get().to(settings::show))
            .route("/settings", web::post().to(settings::save))
            .route("/settings/test-email", web::post().to(email::send_test))
            .route("/email", web::get().to(email::list))
            .route("/email/{id}/{action}", web::post().to(email::act))
            .default_service(web::to(not_found)),
    );
}

async fn home(_admin: AdminUser) -> HttpResponse {
    respond::see_other("/admin/comments")
}

async fn not_found(_admin: AdminUser) -> Result<HttpResponse> {
    Err(AppError::NotFound)
}
