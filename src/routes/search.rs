//! `GET /search?q=…`: readers find published posts and pages by their words.
//! Results pages are never indexed by search engines and never cached: the
//! words are the reader's.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::db::search::Hit;
use crate::domain::markdown;
use crate::domain::post::Kind;
use crate::domain::search::{self, Fragment, SearchQuery};
use crate::error::{AppError, Result};
use crate::respond;
use crate::routes::request::Pagination;
use crate::state::AppState;

/// Results on one page.
const RESULTS_PER_PAGE: i64 = 10;
/// Characters of text shown around the first match.
const EXCERPT_CHARS: usize = 240;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<String>,
}

#[derive(Serialize)]
struct HitView {
    url: String,
    title: Vec<Fragment>,
    excerpt: Vec<Fragment>,
    is_page: bool,
    published_iso: String,
    published_human: String,
}

pub async fn search(
    state: web::Data<AppState>,
    params: web::Query<SearchParams>,
) -> Result<HttpResponse> {
    let typed = params.q.as_deref().unwrap_or_default().trim();
    let query = db::search::complete_last_word(&state.pool, SearchQuery::parse(typed)).await?;
    let total = if query.is_empty() {
        0
    } else {
        db::search::count_published_hits(&state.pool, &query).await?
    };
    let pages = Pagination::new(params.page.as_deref(), total, RESULTS_PER_PAGE)?;
    let hits = if total == 0 {
        Vec::new()
    } else {
        db::search::published_hits(&state.pool, &query, RESULTS_PER_PAGE, pages.offset()).await?
    };
    let zone = state.dates();
    let hits: Vec<HitView> = hits
        .into_iter()
        .map(|hit| hit_view(hit, &query, &zone))
        .collect();

    let mut context = state.public_context().await?;
    context.insert("search_query", typed);
    context.insert("searched", &!query.is_empty());
    context.insert("hits", &hits);
    context.insert("total", &total);
    context.insert("page", &pages.page());
    context.insert("newer_url", &pages.newer().map(|p| results_url(typed, p)));
    context.insert("older_url", &pages.older().map(|p| results_url(typed, p)));
    // A reader's words are theirs: kept out of shared caches and search engines.
    let mut response = respond::private(respond::page::<AppError>(
        &state.templates,
        "blog/search.html",
        &context,
    )?);
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

fn hit_view(hit: Hit, query: &SearchQuery, zone: &crate::i18n::Dates) -> HitView {
    let text = markdown::plain_text(&hit.body_html);
    HitView {
        url: hit.kind.path(&hit.slug),
        title: search::highlight(&hit.title, query),
        excerpt: search::excerpt(&text, query, EXCERPT_CHARS),
        is_page: hit.kind == Kind::Page,
        published_iso: zone.iso8601(hit.published_at),
        published_human: zone.human_date(hit.published_at),
    }
}

/// The address of a page of results for `typed`.
fn results_url(typed: &str, page: i64) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("q", typed);
    if page > 1 {
        query.append_pair("page", &page.to_string());
    }
    format!("/search?{}", query.finish())
}
