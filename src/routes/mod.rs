//! The whole URL map, and the small helpers handlers share.

pub mod admin;
pub mod assets;
pub mod blog;
pub mod comments;
pub mod conditional;
pub mod feed;
pub mod middleware;
pub mod redirects;
pub mod system;

use actix_web::http::header;
use actix_web::{HttpRequest, guard, web};

use crate::error::{AppError, Result};
use crate::state::AppState;

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
        .route("/posts/{slug}", read().to(blog::show_post))
        .route("/posts/{slug}/comments", web::post().to(comments::submit))
        .route("/posts/{slug}/comments.xml", read().to(feed::comments))
        .route("/tags/{slug}", read().to(blog::tag))
        .route("/feed.xml", read().to(feed::posts))
        .route("/sitemap.xml", read().to(feed::sitemap))
        .route("/healthz", read().to(system::healthz))
        .route("/robots.txt", read().to(system::robots_txt))
        .route("/static/{path:.*}", read().to(assets::serve))
        .configure(admin::configure)
        .default_service(web::to(redirects::not_found_or_redirect));
}

/// GET, and HEAD for the same resource (the server sends the headers only).
fn read() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// The client's address: the socket's peer, or behind a trusted proxy
/// (`FOLIO_TRUSTED_PROXY`) the right-most untrusted `X-Forwarded-For` entry.
pub fn client_ip(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr() else {
        return String::new();
    };
    let trusted = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.config.trusted_proxies())
        .unwrap_or_default();
    let forwarded_for: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::domain::client_ip::client_ip(peer.ip(), &forwarded_for, trusted).to_string()
}

/// Longest user agent kept.
const MAX_USER_AGENT_CHARS: usize = 512;

pub fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(MAX_USER_AGENT_CHARS)
        .collect()
}

/// `?page=N` over `total` items: N must be a whole number from 1 to the last page.
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    page: i64,
    per_page: i64,
    last_page: i64,
}

impl Pagination {
    pub fn new(raw: Option<&str>, total: i64, per_page: i64) -> Result<Self> {
        let page = match raw {
            None | Some("") => 1,
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or(AppError::NotFound)?,
        };
        let per_page = per_page.max(1);
        let last_page = ((total + per_page - 1) / per_page).max(1);
        if page > last_page {
            return Err(AppError::NotFound);
        }
        Ok(Self {
            page,
            per_page,
            last_page,
        })
    }

    pub fn page(&self) -> i64 {
        self.page
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn newer(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }

    pub fn older(&self) -> Option<i64> {
        (self.page < self.last_page).then_some(self.page + 1)
    }
}
