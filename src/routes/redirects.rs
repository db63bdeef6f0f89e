//! Old addresses from an imported site (WordPress permalinks, `/?p=ID`,
//! categories, feeds, a post's comment feed, `?replytocom=` links) and Folio
//! addresses written with WordPress's trailing slash, answered with a 301 to
//! the Folio address, but only where Folio itself has nothing: these handlers
//! run in place of a 404.

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, guard, web};

use super::post_at::{PostAt, find_post, renamed};
use crate::db;
use crate::domain::import::{percent_decode, redirect_key};
use crate::domain::old_upload as uploads;
use crate::domain::post::Kind;
use crate::domain::slug::Slug;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

/// An imported site's old upload (`/wp-content/uploads/2024/12/a.png`, or a
/// resized copy `a-300x200.png`) leads to the library item it became: the copy
/// that fits the resized width, else the largest copy, or the PDF.
async fn old_upload(state: &AppState, rest: &str) -> Result<HttpResponse> {
    let path = percent_decode(rest);
    let (original, width) = uploads::original_path(&path);
    let found = match db::wp_media::at_old_path(&state.pool, &original).await? {
        Some(found) => Some((found, width)),
        // A file whose name only looks resized.
        None => db::wp_media::at_old_path(&state.pool, &path)
            .await?
            .map(|found| (found, None)),
    };
    let Some((found, width)) = found else {
        return Err(AppError::NotFound);
    };
    let target = found.target();
    Ok(respond::moved_permanently(&target.url_at(width)))
}

/// Every request nothing else answered: a redirect if the path is an old address, else 404.
pub async fn not_found_or_redirect(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Err(AppError::NotFound);
    }
    redirect(&req, &state).await
}

/// The front page asked for `?p=ID` or `?page_id=ID` (WordPress's plain links).
pub fn asks_for_wordpress_id(ctx: &guard::GuardContext<'_>) -> bool {
    redirect_key("/", ctx.head().uri.query().unwrap_or("")).is_some()
}

pub async fn wordpress_id(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse> {
    redirect(&req, &state).await
}

/// Whether an import left any old address: read once per content version,
/// so that a flood of requests for missing pages costs no queries.
async fn any_redirects(state: &AppState) -> Result<bool> {
    let version = state.content_version().await?;
    let now = state.config.clock.now();
    if let Some(known) = state.redirects_exist.get(version, now) {
        return Ok(known);
    }
    let any = db::import::has_redirects(&state.pool).await?;
    state.redirects_exist.set(version, now, any);
    Ok(any)
}

async fn redirect(req: &HttpRequest, state: &AppState) -> Result<HttpResponse> {
    if let Some(rest) = req.path().strip_prefix(uploads::UPLOADS) {
        return old_upload(state, rest).await;
    }
    if let Some(here) = without_trailing_slash(state, req.path()).await? {
        return Ok(renamed(req, &here));
    }
    let Some(key) = redirect_key(req.path(), req.query_string()) else {
        return Err(AppError::NotFound);
    };
    if !any_redirects(state).await? {
        return Err(AppError::NotFound);
    }
    if let Some(target) = db::import::redirect_for(&state.pool, &key).await? {
        let comment = match replying_to(req.query_string()) {
            Some(wp_id) => db::import::imported_comment_at(&state.pool, &key, wp_id).await?,
            None => None,
        };
        return Ok(match comment {
            Some(id) => respond::moved_permanently(&format!("{target}#comment-{id}")),
            None => respond::moved_permanently(&target),
        });
    }
    if let Some(post_path) = comment_feed_of(&key)
        && let Some(slug) = db::import::post_at_old_address(&state.pool, post_path).await?
    {
        return Ok(respond::moved_permanently(&format!(
            "{}/comments.xml",
            Kind::Post.path(&slug)
        )));
    }
    Err(AppError::NotFound)
}

/// `/posts/x/` or `/x/`, a published post's or page's address (or an old slug
/// of one) with the trailing slash WordPress puts on its links: where it is now.
async fn without_trailing_slash(state: &AppState, path: &str) -> Result<Option<String>> {
    let Some(trimmed) = path.strip_suffix('/').filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let (kind, slug) = match trimmed.strip_prefix("/posts/") {
        Some(slug) => (Kind::Post, slug),
        None => (Kind::Page, trimmed.trim_start_matches('/')),
    };
    if Slug::parse(slug).is_err() {
        return Ok(None);
    }
    match find_post(state, slug, kind).await {
        Ok(PostAt::Here(post)) => Ok(Some(kind.path(&post.slug))),
        Ok(PostAt::RenamedTo(current)) => Ok(Some(kind.path(&current))),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The WordPress comment a `?replytocom=ID` link (WordPress's reply link) names.
fn replying_to(query: &str) -> Option<i64> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (name == "replytocom").then(|| value.parse().ok()).flatten()
    })
}

/// The post address a WordPress comment feed belongs to (`/2024/12/02/x/feed/`,
/// also `feed/rss2/` or `feed/atom/`), as an old address key.
fn comment_feed_of(key: &str) -> Option<&str> {
    let feed = [
        "/feed",
        "/feed/rss2",
        "/feed/rss",
        "/feed/atom",
        "/feed/rdf",
    ]
    .iter()
    .find_map(|suffix| key.strip_suffix(suffix))?;
    (!feed.is_empty()).then_some(feed)
}
