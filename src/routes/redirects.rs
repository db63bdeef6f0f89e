//! Old addresses from an imported site (WordPress permalinks, `/?p=ID`,
//! categories, feeds) answered with a 301 to the Folio address, but only
//! where Folio itself has nothing: these handlers run in place of a 404.

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, guard, web};

use crate::db;
use crate::domain::import::redirect_key;
use crate::error::{AppError, Result};
use crate::respond;
use crate::state::AppState;

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
    let Some(key) = redirect_key(req.path(), req.query_string()) else {
        return Err(AppError::NotFound);
    };
    if !any_redirects(state).await? {
        return Err(AppError::NotFound);
    }
    match db::import::redirect_for(&state.pool, &key).await? {
        Some(target) => Ok(respond::moved_permanently(&target)),
        None => Err(AppError::NotFound),
    }
}
