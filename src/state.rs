//! What every request handler shares.

use std::sync::{Arc, RwLock};

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use sqlx::SqlitePool;
use tera::{Context, Tera};

use crate::config::Config;
use crate::db::comment_writer::CommentWriter;
use crate::domain::settings::SiteSettings;
use crate::domain::signing::Signer;
use crate::domain::time::Zone;
use crate::error::Result;
use crate::page_cache::PageCache;

pub struct AppState {
    pub pool: SqlitePool,
    /// Where readers' comments are stored (group commits; see `db::comment_writer`).
    pub comments: CommentWriter,
    pub templates: Tera,
    pub signer: Signer,
    pub config: Config,
    /// Read on every page, written only by the settings form: kept in memory.
    pub settings: RwLock<Arc<SiteSettings>>,
    /// Rendered public pages (see `page_cache`).
    pub pages: Arc<PageCache>,
    /// Changes whenever a static file does; appended to asset URLs to bust caches.
    pub asset_version: &'static str,
}

impl AppState {
    pub fn site(&self) -> Arc<SiteSettings> {
        match self.settings.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub fn replace_site(&self, settings: SiteSettings) {
        let fresh = Arc::new(settings);
        match self.settings.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// The site's time zone, in which pages show dates and times.
    pub fn zone(&self) -> Zone {
        Zone::from_setting(&self.site().timezone)
    }

    /// A context holding what the base layout needs.
    pub fn context(&self) -> Context {
        let mut context = Context::new();
        context.insert("site", &*self.site());
        context.insert("asset_version", self.asset_version);
        context.insert("feed_url", &format!("{}/feed.xml", self.config.base_url()));
        context.insert("site_nav", &*self.pages.nav());
        context
    }

    /// `context`, with the site navigation read again first if anything changed since.
    pub async fn public_context(&self) -> Result<Context> {
        let version = self.pages.content_version(&self.pool).await?;
        if !self.pages.nav_is_current(version) {
            let links = crate::db::posts::navigation(&self.pool).await?;
            self.pages.put_nav(version, links);
        }
        Ok(self.context())
    }

    pub fn render_page(
        &self,
        status: StatusCode,
        template: &str,
        context: &Context,
    ) -> Result<HttpResponse> {
        let body = self.templates.render(template, context)?;
        Ok(HttpResponse::build(status)
            .content_type(ContentType::html())
            .body(body))
    }
}
