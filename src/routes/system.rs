use actix_web::{HttpResponse, web};

use crate::state::AppState;

/// 200 `ok` while the database answers, 503 otherwise.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match sqlx::query!("SELECT 1 AS one").fetch_one(&state.pool).await {
        Ok(_) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok"),
        Err(error) => {
            tracing::error!(%error, "health check: the database does not answer");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}

pub async fn robots_txt(state: web::Data<AppState>) -> HttpResponse {
    let sitemap = format!("{}/sitemap.xml", state.config.base_url());
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(format!(
            "User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
        ))
}
