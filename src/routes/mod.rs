//! The whole URL map.

pub mod admin;
pub mod assets;
pub mod blog;
pub mod comments;
pub mod conditional;
pub mod email_links;
pub mod feed;
pub mod media;
pub mod meta;
pub mod middleware;
pub mod post_at;
pub mod post_page;
pub mod redirects;
pub mod remember;
pub mod request;
pub mod search;
pub mod system;

use actix_web::{guard, web};

use crate::domain::post::Kind;

/// A comment form body larger than this is refused with 413 before it is parsed.
pub const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::FormConfig::default().limit(MAX_FORM_BYTES))
        .route(
            "/",
            read()
                .guard(guard::fn_guard(redirects::asks_for_wordpress_id))
                .to(redirects::wordpress_id),
        )
        .route("/", read().to(blog::home))
        // The addresses asked for most, early: the router tries each pattern
        // in turn, and every pattern with a `{}` costs a regular expression
        // (a page view asks for its images too, so they come first, matched
        // by their prefix alone: `media::serve` reads the rest of the path).
        .service(web::scope("/media").default_service(web::to(media::serve)))
        .service(of_kind("/posts/{slug}", Kind::Post).route(read().to(post_page::show)))
        .route("/static/{path:.*}", read().to(assets::serve))
        .service(
            of_kind("/posts/{slug}/comments", Kind::Post).route(web::post().to(comments::submit)),
        )
        .route("/posts/{slug}/comments.xml", read().to(feed::comments))
        .route("/tags/{slug}", read().to(blog::tag))
        .route("/tags/{slug}/feed.xml", read().to(feed::tag))
        .route("/search", read().to(search::search))
        .route("/feed.xml", read().to(feed::posts))
        .route("/sitemap.xml", read().to(feed::sitemap))
        .route(
            "/sitemap-{part:[1-9][0-9]{0,5}}.xml",
            read().to(feed::sitemap_numbered),
        )
        .route("/healthz", read().to(system::healthz))
        .route("/metrics", read().to(system::metrics))
        .route("/robots.txt", read().to(system::robots_txt))
        .configure(email_links::configure)
        .configure(admin::configure)
        // Pages last: every other first path segment is a route (see domain::page::RESERVED_SLUGS).
        .service(of_kind("/{slug}", Kind::Page).route(read().to(post_page::show)))
        .service(of_kind("/{slug}/comments", Kind::Page).route(web::post().to(comments::submit)))
        .default_service(web::to(redirects::not_found_or_redirect));
}

/// A post's or a page's address: its handlers serve the kind it is for.
fn of_kind(path: &str, kind: Kind) -> actix_web::Resource {
    web::resource(path).app_data(web::Data::new(kind))
}

/// GET, and HEAD for the same resource (the server sends the headers only).
fn read() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}
