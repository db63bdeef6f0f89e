//! What handlers read from a request besides its form: who sent it (address
//! and user agent) and which page of a list it asks for.

use actix_web::http::header;
use actix_web::{HttpRequest, web};

use crate::domain::pagination::{Cursor, ListPage};
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

/// The links between the pages of an admin list, and what the page shows of
/// it ("51–100 of 5,000"), for `partials/pager.html`.
#[derive(Debug, serde::Serialize)]
pub struct Pager {
    pub total: i64,
    /// `total` is only a lower bound (a search counts so far and no further).
    pub more: bool,
    pub first_row: i64,
    pub last_row: i64,
    pub page: i64,
    pub last_page: i64,
    pub first_url: Option<String>,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
    pub last_url: Option<String>,
}

/// An admin list's address with its filters, to which page links add theirs.
#[derive(Debug, Clone)]
pub struct ListUrl {
    path: &'static str,
    filters: Vec<(&'static str, String)>,
}

impl ListUrl {
    pub fn new(path: &'static str) -> Self {
        Self {
            path,
            filters: Vec::new(),
        }
    }

    /// Keeps `name=value` on every page (left out when empty).
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.filters.push((name, value));
        }
        self
    }

    /// The address of page `page`, read from `cursor` (`after` or `before` a row) if given.
    pub fn page(&self, page: i64, cursor: Option<(&str, Cursor)>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.filters {
            query.append_pair(name, value);
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        if let Some((name, cursor)) = cursor {
            query.append_pair(name, &cursor.to_param());
        }
        let query = query.finish();
        if query.is_empty() {
            self.path.to_owned()
        } else {
            format!("{}?{query}", self.path)
        }
    }

    /// The pager of `list`, whose page shows `rows` rows, the first and last
    /// of them at `newest` and `oldest` (for keyset lists; `None` otherwise).
    pub fn pager(
        &self,
        list: &ListPage,
        rows: usize,
        places: Option<(Cursor, Cursor)>,
        more: bool,
    ) -> Pager {
        let (first_row, last_row) = list.rows_shown(rows).unwrap_or((0, 0));
        let (page, last_page) = (list.page(), list.last_page());
        Pager {
            total: list.total(),
            more,
            first_row,
            last_row,
            page,
            last_page,
            first_url: (page > 2).then(|| self.page(1, None)),
            newer_url: list.newer().map(|newer| {
                let before = places
                    .filter(|_| newer > 1)
                    .map(|(newest, _)| ("before", newest));
                self.page(newer, before)
            }),
            older_url: list
                .older()
                .map(|older| self.page(older, places.map(|(_, oldest)| ("after", oldest)))),
            last_url: (page + 1 < last_page).then(|| self.page(last_page, None)),
        }
    }
}
