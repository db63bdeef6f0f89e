use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::db;
use crate::error::{AppError, Result};
use crate::metrics::{self, Snapshot};
use crate::state::AppState;

/// The metrics in Prometheus' text format, for whoever sends
/// `Authorization: Bearer <FOLIO_METRICS_TOKEN>`; a 404 while no token is set.
pub async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse> {
    let Some(token) = state.config.metrics_token() else {
        return Err(AppError::NotFound);
    };
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if !metrics::authorized(token, authorization) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .finish());
    }
    let now = Snapshot::read(&state.pool, &state.pages).await?;
    let text = state
        .metrics
        .encode(&now)
        .map_err(|error| anyhow::anyhow!("could not encode the metrics: {error}"))?;
    Ok(HttpResponse::Ok()
        .content_type(metrics::CONTENT_TYPE)
        .body(text))
}

/// 200 `ok` while the database answers and takes writes, 503 otherwise. While
/// the last comment failed to be stored (a full disk), a small write is tried
/// on each call, so the answer turns back to `ok` once writes work again.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    if let Err(error) = sqlx::query!("SELECT 1 AS one").fetch_one(&state.pool).await {
        tracing::error!(%error, "health check: the database does not answer");
        return unhealthy("database unavailable");
    }
    if state.comments.failing() {
        match db::write_probe(&state.pool).await {
            Ok(()) => state.comments.writes_work(),
            Err(error) => {
                // Each failed comment logged a line already; a monitor polling
                // this adds none.
                tracing::debug!(%error, "health check: the database cannot be written");
                return unhealthy("database cannot be written");
            }
        }
    }
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

fn unhealthy(why: &'static str) -> HttpResponse {
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain; charset=utf-8")
        .body(why)
}

pub async fn robots_txt(state: web::Data<AppState>) -> HttpResponse {
    let sitemap = format!("{}/sitemap.xml", state.config.base_url());
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(format!(
            "User-agent: *\nDisallow: /admin/\nDisallow: /search\n\nSitemap: {sitemap}\n"
        ))
}
