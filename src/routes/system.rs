use actix_web::{HttpResponse, web};

use crate::db;
use crate::state::AppState;

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
            "User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
        ))
}
