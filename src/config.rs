//! Settings from the environment (and `.env`), overridden by command-line flags.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::Args;

use crate::domain::settings::Retention;
use crate::domain::spam::Limits;
use crate::domain::time::Clock;

pub mod smtp_url;

pub use crate::telemetry::LogFormat;
pub use smtp_url::SmtpUrl;

/// The page cache's size when none is configured (`FOLIO_PAGE_CACHE_MB`), in MiB.
pub const DEFAULT_PAGE_CACHE_MB: u64 = 32;

/// Everything `folio serve` needs to know, read once at start-up.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// The SQLite database (created if missing).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://folio.db",
        global = true
    )]
    pub database_url: String,

    /// Listen address.
    #[arg(
        long,
        env = "FOLIO_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,

    /// Absolute base for URLs in feeds, sitemap and canonical links [default: http://<bind>].
    #[arg(long, env = "FOLIO_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Apply pending migrations at start; `false` when you run `sqlx migrate run` yourself.
    #[arg(long, env = "FOLIO_AUTO_MIGRATE", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub auto_migrate: bool,

    /// A comment submitted sooner than this many seconds after the page was served is spam (0 = off).
    #[arg(
        long,
        env = "FOLIO_COMMENT_MIN_SECONDS",
        default_value_t = 3,
        global = true
    )]
    pub comment_min_seconds: u64,

    /// Comment POSTs accepted per client IP per minute, then 429 (0 = off).
    #[arg(
        long,
        env = "FOLIO_COMMENTS_PER_MINUTE",
        default_value_t = 5,
        global = true
    )]
    pub comments_per_minute: u32,

    /// Failed logins for one username (or from one IP) before it is locked.
    #[arg(long, env = "FOLIO_LOGIN_ATTEMPTS", default_value_t = 5, global = true)]
    pub login_attempts: u32,

    /// How long a login lock lasts, in seconds.
    #[arg(
        long,
        env = "FOLIO_LOGIN_LOCK_SECONDS",
        default_value_t = 900,
        global = true
    )]
    pub login_lock_seconds: u64,

    /// The reverse proxy's address (comma-separated if several): requests from it
    /// take the client IP from the right-most untrusted `X-Forwarded-For` entry.
    #[arg(long, env = "FOLIO_TRUSTED_PROXY", global = true)]
    pub trusted_proxy: Option<TrustedProxies>,

    /// Days a commenter's full IP address is kept before it is reduced to /24 (IPv4) or /48 (IPv6); 0 = forever.
    #[arg(
        long,
        env = "FOLIO_IP_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub ip_retention_days: u32,

    /// Days a comment filed as spam is kept for review before it is deleted; 0 = forever.
    #[arg(
        long,
        env = "FOLIO_SPAM_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub spam_retention_days: u32,

    /// Where email is sent: smtp://host:587 (STARTTLS), smtps://host:465,
    /// smtp://user:pass@host:port, smtp://host:port?tls=none for a relay on localhost.
    /// Unset: email is off.
    #[arg(long, env = "FOLIO_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<SmtpUrl>,

    /// The From of every email [default: Folio <folio@host of the base URL>].
    #[arg(long, env = "FOLIO_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// How often the outbox is looked at; zero: never by itself (tests send by hand).
    #[arg(skip = std::time::Duration::from_secs(5))]
    pub mail_poll: std::time::Duration,

    /// How long one conversation with the mail server may take before the try counts as failed.
    #[arg(skip = std::time::Duration::from_secs(20))]
    pub smtp_timeout: std::time::Duration,

    /// Seconds a shared cache (a proxy, a CDN) may serve public pages, feeds and the sitemap
    /// without asking again; 0 = revalidate every time with the ETag.
    #[arg(
        long,
        env = "FOLIO_PUBLIC_CACHE_SECONDS",
        default_value_t = 0,
        global = true
    )]
    pub public_cache_seconds: u32,

    /// The bearer token that `GET /metrics` asks for; unset (or empty), `/metrics` is a 404.
    #[arg(
        long,
        env = "FOLIO_METRICS_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub metrics_token: Option<String>,

    /// How log lines are written: `text` (for people) or `json` (one object per line).
    #[arg(long, env = "FOLIO_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: LogFormat,

    /// Largest file one upload to the media library may be, in MB (larger: 413).
    #[arg(
        long,
        env = "FOLIO_MEDIA_MAX_MB",
        default_value_t = crate::domain::media::DEFAULT_MAX_MB,
        global = true
    )]
    pub media_max_mb: u64,

    /// Most memory the page cache holds, in MiB, every encoding of a page
    /// counted; the least useful pages go first. 0 keeps no page.
    #[arg(
        long,
        env = "FOLIO_PAGE_CACHE_MB",
        default_value_t = DEFAULT_PAGE_CACHE_MB,
        global = true
    )]
    pub page_cache_mb: u64,

    /// Where time-based rules read "now"; tests set a clock they move by hand.
    #[arg(skip)]
    pub clock: Clock,
}

/// The reverse proxies whose `X-Forwarded-For` header Folio believes; an
/// empty setting (e.g. `FOLIO_TRUSTED_PROXY=`) means none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, Self::Err> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpAddr>()
                    .map_err(|_| format!("{entry:?} is not an IP address"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

impl Config {
    /// The operator's limits on comment intake.
    pub fn comment_limits(&self) -> Limits {
        Limits {
            min_seconds: self.comment_min_seconds,
            comments_per_minute: self.comments_per_minute,
        }
    }

    /// The retention periods for a site whose settings leave them empty.
    pub fn default_retention(&self) -> Retention {
        Retention {
            ip_days: self.ip_retention_days,
            spam_days: self.spam_retention_days,
        }
    }

    /// The trusted proxies' addresses; empty when none is configured.
    pub fn trusted_proxies(&self) -> &[IpAddr] {
        self.trusted_proxy
            .as_ref()
            .map_or(&[], |proxies| &proxies.0)
    }

    /// `Cache-Control` of what is the same for every reader: a shared cache may
    /// keep it for `public_cache_seconds`, and serve it that long again while
    /// it fetches a fresh copy; with 0 it must ask every time.
    pub fn public_cache_control(&self) -> String {
        match self.public_cache_seconds {
            0 => "public, no-cache".to_owned(),
            n => format!("public, max-age={n}, stale-while-revalidate={n}"),
        }
    }

    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) if !url.trim().is_empty() => url.trim().trim_end_matches('/').to_owned(),
            _ => format!("http://{}", self.bind),
        }
    }

    /// The From of every email: as configured, or `Folio <folio@host of the base URL>`.
    pub fn mail_from(&self) -> String {
        match &self.mail_from {
            Some(from) if !from.trim().is_empty() => from.trim().to_owned(),
            _ => {
                let host = url::Url::parse(&self.base_url())
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_else(|| "localhost".to_owned());
                format!("Folio <folio@{host}>")
            }
        }
    }

    /// The token `/metrics` asks for, when one is set.
    pub fn metrics_token(&self) -> Option<&str> {
        self.metrics_token
            .as_deref()
            .map(str::trim)
            .filter(|token| !token.is_empty())
    }

    /// `FOLIO_MEDIA_MAX_MB` in bytes.
    pub fn media_max_bytes(&self) -> u64 {
        self.media_max_mb.saturating_mul(1024 * 1024)
    }

    /// Cookies get `Secure` when the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url().starts_with("https://")
    }
}

/// The `.env` Folio reads: in the working directory or the nearest folder above it.
pub fn find_dotenv() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .map(|dir| dir.join(".env"))
        .find(|file| file.is_file())
}

/// Every `NAME=value` of a `.env` file, in order, or why a line cannot be
/// read: the file, the line number and the variable's name (never its value,
/// which may be a password), and what to write instead.
pub fn read_dotenv(path: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let pairs = dotenvy::from_path_iter(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read the file: {e}", path.display()))?;
    pairs
        .map(|pair| pair.map_err(|error| dotenv_error(path, &error)))
        .collect()
}

fn dotenv_error(path: &Path, error: &dotenvy::Error) -> anyhow::Error {
    let dotenvy::Error::LineParse(text, _) = error else {
        return anyhow::anyhow!("{}: cannot read the file: {error}", path.display());
    };
    // dotenvy names the line (or only its value) by its text: find it in the file.
    let file = std::fs::read_to_string(path).unwrap_or_default();
    let needle = text.lines().next().unwrap_or_default().trim();
    let found = file
        .lines()
        .enumerate()
        .find(|(_, line)| !needle.is_empty() && line.contains(needle));
    let Some((index, line)) = found else {
        return anyhow::anyhow!(
            "{}: a line is not NAME=value; put a value with spaces, #, < or > in double quotes",
            path.display()
        );
    };
    let name = line
        .trim_start()
        .trim_start_matches("export ")
        .split('=')
        .next()
        .unwrap_or_default()
        .trim();
    anyhow::anyhow!(
        "{}, line {}: {name} cannot be read; a value with spaces, #, < or > must be in double quotes: \
         {name}=\"…\" (or single quotes when it holds $ or \\)",
        path.display(),
        index + 1
    )
}
