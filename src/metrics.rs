//! What `GET /metrics` reports, in Prometheus' text format: counters the
//! request path moves as it goes (requests, latency, comment intake) and
//! gauges read when Prometheus asks (comments and mails by status, the page
//! cache, the database pool, the log).

mod requests;

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;
use subtle::ConstantTimeEq;

use crate::domain::intake::{Fate, Refusal};
use crate::domain::spam::RejectKind;
use crate::page_cache::{CacheStats, PageCache};

/// The `Content-Type` of what `/metrics` answers.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// What became of a submitted comment: `accepted` with the status it was
/// stored with, or `refused` with the reason.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct IntakeLabels {
    outcome: &'static str,
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
}

/// Every series Folio reports, registered once at start-up.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Arc<requests::RequestStats>,
    intake: Family<IntakeLabels, Counter>,
    comments: Family<StatusLabels, Gauge>,
    outbox: Family<StatusLabels, Gauge>,
    cache_hits: Counter,
    cache_misses: Counter,
    cache_bytes: Gauge,
    cache_entries: Gauge,
    cache_capacity: Gauge,
    pool: Family<PoolLabels, Gauge>,
    pool_max: Gauge,
    log_dropped: Counter,
}

/// Route label of a request that matched no route (a missing page).
pub const UNMATCHED: &str = "unmatched";

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut metrics = Self {
            registry: Registry::with_prefix("folio"),
            requests: Arc::default(),
            intake: Family::default(),
            comments: Family::default(),
            outbox: Family::default(),
            cache_hits: Counter::default(),
            cache_misses: Counter::default(),
            cache_bytes: Gauge::default(),
            cache_capacity: Gauge::default(),
            cache_entries: Gauge::default(),
            pool: Family::default(),
            pool_max: Gauge::default(),
            log_dropped: Counter::default(),
        };
        metrics.register_traffic();
        metrics.register_state();
        metrics
    }

    /// The series the request path moves.
    fn register_traffic(&mut self) {
        let registry = &mut self.registry;
        registry.register(
            "build",
            "The running Folio's version",
            Info::new(BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
            }),
        );
        // `http_requests` and `http_request_duration_seconds`.
        registry.register_collector(Box::new(Arc::clone(&self.requests)));
        registry.register(
            "comments_submitted",
            "Comments readers sent: accepted (by the status they were stored with) or refused (by reason)",
            self.intake.clone(),
        );
    }

    /// The series read afresh for each scrape.
    fn register_state(&mut self) {
        let registry = &mut self.registry;
        registry.register(
            "comments",
            "Comments stored, by status",
            self.comments.clone(),
        );
        registry.register(
            "outbox_mails",
            "Mails in the outbox, by status (queued, sent, failed, cancelled)",
            self.outbox.clone(),
        );
        registry.register(
            "page_cache_hits",
            "Public pages served from the page cache",
            self.cache_hits.clone(),
        );
        registry.register(
            "page_cache_misses",
            "Public pages that had to be rendered",
            self.cache_misses.clone(),
        );
        registry.register(
            "page_cache_bytes",
            "Bytes held by the page cache: pages in every encoding made, and posts",
            self.cache_bytes.clone(),
        );
        registry.register(
            "page_cache_capacity_bytes",
            "The most the page cache may hold (FOLIO_PAGE_CACHE_MB)",
            self.cache_capacity.clone(),
        );
        registry.register(
            "page_cache_entries",
            "Pages held by the page cache",
            self.cache_entries.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Open database connections, by state (idle or in use)",
            self.pool.clone(),
        );
        registry.register(
            "db_pool_max_connections",
            "The most database connections the pool opens",
            self.pool_max.clone(),
        );
        registry.register(
            "log_lines_dropped",
            "Log lines dropped because the log writer fell behind a burst",
            self.log_dropped.clone(),
        );
    }

    /// One answered request (`route`: the matched pattern, or `UNMATCHED`).
    pub fn observe_request(&self, route: &str, status: u16, took: Duration) {
        self.requests.observe(route, status, took);
    }

    /// What became of one submitted comment.
    pub fn observe_comment(&self, fate: &Fate) {
        let labels = match fate {
            Fate::Stored { status, .. } => IntakeLabels {
                outcome: "accepted",
                reason: status.as_str(),
            },
            Fate::Refused(refusal) => IntakeLabels {
                outcome: "refused",
                reason: refusal_reason(refusal),
            },
        };
        self.intake.get_or_create(&labels).inc();
    }

    /// The metrics in Prometheus' text format, with the gauges set to `now`.
    pub fn encode(&self, now: &Snapshot) -> Result<String, std::fmt::Error> {
        for (status, count) in &now.comments {
            self.comments
                .get_or_create(&StatusLabels {
                    status: status.clone(),
                })
                .set(*count);
        }
        for (status, count) in &now.outbox {
            self.outbox
                .get_or_create(&StatusLabels {
                    status: status.clone(),
                })
                .set(*count);
        }
        self.cache_hits.inner().store(now.cache.hits, ORDER);
        self.cache_misses.inner().store(now.cache.misses, ORDER);
        self.cache_bytes.set(saturating_i64(now.cache.bytes));
        self.cache_entries.set(saturating_i64(now.cache.entries));
        self.cache_capacity.set(saturating_i64(now.cache.capacity));
        self.pool
            .get_or_create(&PoolLabels { state: "idle" })
            .set(i64::from(now.pool_idle));
        self.pool
            .get_or_create(&PoolLabels { state: "in_use" })
            .set(i64::from(now.pool_size.saturating_sub(now.pool_idle)));
        self.pool_max.set(i64::from(now.pool_max));
        self.log_dropped.inner().store(now.log_dropped, ORDER);
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

const ORDER: std::sync::atomic::Ordering = std::sync::atomic::Ordering::Relaxed;

fn saturating_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn refusal_reason(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::Invalid(_) => "invalid",
        Refusal::Rejected(RejectKind::Closed) => "closed",
        Refusal::Rejected(RejectKind::RateLimited) => "rate_limited",
        Refusal::Rejected(RejectKind::Expired) => "expired",
        Refusal::Rejected(RejectKind::Duplicate) => "duplicate",
        Refusal::Rejected(RejectKind::ParentGone) => "parent_gone",
        Refusal::NotStored => "not_stored",
    }
}

/// What is read afresh for each scrape.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Comments per status (`pending`, `approved`, ...).
    pub comments: Vec<(String, i64)>,
    /// Outbox rows per status.
    pub outbox: Vec<(String, i64)>,
    pub cache: CacheStats,
    pub pool_size: u32,
    pub pool_idle: u32,
    pub pool_max: u32,
    pub log_dropped: u64,
}

impl Snapshot {
    /// Reads the counts from the database and the state of the pool, the
    /// page cache and the log.
    pub async fn read(pool: &sqlx::SqlitePool, pages: &PageCache) -> sqlx::Result<Self> {
        let comments = crate::db::moderation::counts_by_status(pool, None)
            .await?
            .into_iter()
            .map(|(status, n)| (status.as_str().to_owned(), n))
            .collect();
        let outbox = crate::db::outbox::counts_by_status(pool).await?;
        Ok(Self {
            comments,
            outbox,
            cache: pages.stats(),
            pool_size: pool.size(),
            pool_idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            pool_max: pool.options().get_max_connections(),
            log_dropped: crate::telemetry::dropped_lines(),
        })
    }
}

/// Whether the `Authorization` header carries the metrics token, compared in
/// constant time so that the answer's timing does not give the token away.
pub fn authorized(expected: &str, authorization: Option<&str>) -> bool {
    let Some(given) = authorization.and_then(|value| {
        value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
    }) else {
        return false;
    };
    let (given, expected) = (given.trim().as_bytes(), expected.as_bytes());
    // `ct_eq` on slices of different lengths is false at once; the length of
    // the token is no secret worth a padded compare.
    given.ct_eq(expected).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_right_bearer_token_is_authorized() {
        assert!(authorized("s3cret-token", Some("Bearer s3cret-token")));
        assert!(!authorized("s3cret-token", Some("Bearer s3cret-tokem")));
        assert!(!authorized("s3cret-token", Some("Bearer s3cret")));
        assert!(!authorized("s3cret-token", Some("Basic czNjcmV0LXRva2Vu")));
        assert!(!authorized("s3cret-token", Some("s3cret-token")));
        assert!(!authorized("s3cret-token", None));
    }

    #[test]
    fn the_text_names_every_series_with_the_version() {
        let metrics = Metrics::new();
        metrics.observe_request("/posts/{slug}", 200, Duration::from_millis(2));
        let text = metrics
            .encode(&Snapshot {
                comments: vec![("approved".into(), 3)],
                ..Snapshot::default()
            })
            .unwrap();

        assert!(
            text.contains(&format!(
                "folio_build_info{{version=\"{}\"}} 1",
                env!("CARGO_PKG_VERSION")
            )),
            "{text}"
        );
        assert!(
            text.contains(r#"folio_http_requests_total{route="/posts/{slug}",status="200"} 1"#),
            "{text}"
        );
        assert!(
            text.contains(
                r#"folio_http_request_duration_seconds_bucket{le="0.0025",route="/posts/{slug}"} 1"#
            ) || text.contains(
                r#"folio_http_request_duration_seconds_bucket{route="/posts/{slug}",le="0.0025"} 1"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"folio_comments{status="approved"} 3"#),
            "{text}"
        );
    }
}
