//! What handlers read from a request besides its form: who sent it (address
//! and user agent) and which page of a list it asks for.

use actix_web::http::header;
use actix_web::{HttpRequest, web};

use crate::error::{AppError, Result};
use crate::state::AppState;

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

/// The page a `?page=N` asks for: 1 when it names none, `None` when N is
/// not a whole number from 1 up.
pub fn page_number(raw: Option<&str>) -> Option<i64> {
    match raw {
        None | Some("") => Some(1),
        Some(raw) => raw.parse::<i64>().ok().filter(|n| *n >= 1),
    }
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
        let page = page_number(raw).ok_or(AppError::NotFound)?;
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
