//! What every request handler shares.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use sqlx::SqlitePool;
use tera::Context;

use crate::config::Config;
use crate::db::comment_writer::CommentWriter;
use crate::domain::message::Message;
use crate::domain::settings::SiteSettings;
use crate::domain::signing::Signer;
use crate::domain::time::UnixTime;
use crate::domain::time::Zone;
use crate::error::Result;
use crate::i18n::{Dates, Language};
use crate::mail::Mailer;
use crate::page_cache::PageCache;
use crate::templates::Templates;

pub struct AppState {
    pub pool: SqlitePool,
    /// Where readers' comments are stored (group commits; see `db::comment_writer`).
    pub comments: CommentWriter,
    pub templates: Templates,
    /// The site's language (follows the settings); the templates read it too.
    pub language: Language,
    pub signer: Signer,
    pub config: Config,
    /// Read on every page, written by the settings form (or another process):
    /// kept in memory, read again when the content version moves.
    pub settings: RwLock<Arc<SiteSettings>>,
    /// The content version `settings` were last read under (-1: not yet).
    pub settings_version: AtomicI64,
    /// Rendered public pages (see `page_cache`).
    pub pages: Arc<PageCache>,
    /// Changes whenever a static file does; appended to asset URLs to bust caches.
    pub asset_version: &'static str,
    /// Sends email; `None` when `FOLIO_SMTP_URL` is unset (email off).
    pub mailer: Option<Mailer>,
    /// The bounded pool that decodes and re-encodes uploaded images.
    pub images: crate::image_work::ImageWork,
    /// Small library copies readers asked for (see `media_cache`).
    pub media: crate::media_cache::MediaCache,
    /// Whether an import left old addresses to redirect (see `routes::redirects`).
    pub redirects_exist: VersionedFlag,
    /// Wakes the task that publishes scheduled posts when a schedule changes.
    pub publisher: crate::publisher::Publisher,
    /// What `/metrics` reports.
    pub metrics: crate::metrics::Metrics,
}

/// A yes/no read from the database, kept while the content version stays the
/// same and for at most a minute (another program, such as `folio import`,
/// may change the file meanwhile): most sites have no imported redirects, and
/// then a request for a missing page costs no query.
#[derive(Debug, Default)]
pub struct VersionedFlag(std::sync::Mutex<Option<Known>>);

#[derive(Debug, Clone, Copy)]
struct Known {
    version: i64,
    read_at: UnixTime,
    value: bool,
}

impl VersionedFlag {
    const MAX_AGE_SECONDS: i64 = 60;

    /// The flag as last read for `version`, unless that was a minute or more before `now`.
    pub fn get(&self, version: i64, now: UnixTime) -> Option<bool> {
        let known = match self.0.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        };
        known
            .filter(|k| k.version == version && now - k.read_at < Self::MAX_AGE_SECONDS)
            .map(|k| k.value)
    }

    pub fn set(&self, version: i64, now: UnixTime, value: bool) {
        let known = Some(Known {
            version,
            read_at: now,
            value,
        });
        match self.0.lock() {
            Ok(mut guard) => *guard = known,
            Err(poisoned) => *poisoned.into_inner() = known,
        }
    }
}

impl AppState {
    pub fn site(&self) -> Arc<SiteSettings> {
        match self.settings.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    pub fn replace_site(&self, settings: SiteSettings) {
        self.language.set(&settings.language);
        let fresh = Arc::new(settings);
        match self.settings.write() {
            Ok(mut guard) => *guard = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// Dates and times as pages show them: in the site's time zone and language.
    pub fn dates(&self) -> Dates {
        self.language
            .dates(Zone::from_setting(&self.site().timezone))
    }

    /// A text from the catalogues in the site's language (a flash message, a title).
    pub fn text(&self, message: impl Into<Message>) -> String {
        self.language.message(&message.into())
    }

    /// A context holding what the base layout needs.
    pub fn context(&self) -> Context {
        let mut context = Context::new();
        context.insert("site", &*self.site());
        context.insert("lang", &self.site().language);
        context.insert("asset_version", self.asset_version);
        context.insert("feed_url", &format!("{}/feed.xml", self.config.base_url()));
        context.insert("mail_on", &self.mailer.is_some());
        context.insert("site_nav", &*self.pages.nav());
        context
    }

    /// The content version (see `page_cache`): what cached pages are kept
    /// under. When it has moved since the site settings were read, they are
    /// read again, as another process (an import) may have changed them.
    pub async fn content_version(&self) -> Result<i64> {
        let version = self.pages.content_version(&self.pool).await?;
        if self.settings_version.swap(version, Ordering::SeqCst) != version
            && let Some(settings) = crate::db::settings::load(&self.pool).await?
        {
            self.replace_site(settings);
        }
        Ok(version)
    }

    /// `context`, with the site navigation read again first if anything changed since.
    pub async fn public_context(&self) -> Result<Context> {
        let version = self.content_version().await?;
        if !self.pages.nav_is_current(version) {
            let links = crate::db::posts::read::navigation(&self.pool).await?;
            self.pages.put_nav(version, links);
        }
        Ok(self.context())
    }
}
