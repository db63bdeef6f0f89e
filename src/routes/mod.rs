//! The whole URL map.

pub mod assets;
pub mod blog;
pub mod comments;
pub mod feed;
pub mod middleware;
pub mod system;

use actix_web::web;

/// A comment form body larger than this is refused with 413 before it is parsed.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::FormConfig::default().limit(MAX_FORM_BYTES))
        .route("/", web::get().to(blog::home))
        .route("/posts/{slug}", web::get().to(blog::show_post))
        .route("/posts/{slug}/comments", web::post().to(comments::submit))
        .route("/posts/{slug}/comments.xml", web::get().to(feed::comments))
        .route("/feed.xml", web::get().to(feed::posts))
        .route("/sitemap.xml", web::get().to(feed::sitemap))
        .route("/healthz", web::get().to(system::healthz))
        .route("/robots.txt", web::get().to(system::robots_txt))
        .route("/static/{path:.*}", web::get().to(assets::serve))
        .default_service(web::to(system::not_found));
}
