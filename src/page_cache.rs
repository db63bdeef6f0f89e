//! Rendered public pages, kept in memory and served again until anything
//! readers can see changes.
//!
//! Every entry is stored under the database's content version (moved by
//! triggers on posts, approved comments and settings), read *before* the page
//! was rendered; an entry whose version is not the current one is never
//! served, and entries are dropped once the version moves. The version is
//! kept in memory and read again from the database after every request that
//! may have written (any POST), before that request is answered, and at
//! least once a second while requests come, for what other programs (`folio
//! import`, `folio privacy erase`) write to the database file meanwhile; so
//! serving a cached page costs at most one small query a second. Entries also
//! expire after a minute, for what depends on the clock alone (comments
//! closing after N days). Only pages that are the same for every reader are
//! cached: never a reader's own pending comment, a reply form, or a refused
//! form.
//!
//! The cache holds at most `FOLIO_PAGE_CACHE_MB` of pages (and the published
//! posts comment intake looks up), every encoding of a page counted: an entry
//! is weighed by the bytes it holds when it is stored and again once serving
//! it made a rendition or a compressed form (`settle`). When it is full, the
//! least useful entries go first (quick_cache's CLOCK-PRO: a page asked for
//! again stays, one a crawler read once goes), so a crawl of the whole site
//! leaves memory flat and the popular pages fast.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use sqlx::SqlitePool;

use crate::db::posts::read::{NavLink, PublishedPost};
use crate::domain::etag::{etag_of, weak_etag_of};
use crate::domain::ids::PostId;
use crate::domain::time::UnixTime;

/// Which page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageKey {
    Home(i64),
    Post(String),
    /// A page at `/{slug}`.
    Page(String),
    /// A tag's page: its slug and the page number.
    Tag(String, i64),
    /// A feed or the sitemap, by its path.
    Xml(String),
}

/// Stands in the cached HTML where each response gets its own comment-form
/// token (the token carries the time the page was served).
pub const FORM_TOKEN_SLOT: &str = "__folio_form_token__";

const HTML: &str = "text/html; charset=utf-8";

/// The content version is read again at least this often, for writes by other processes.
const VERSION_CHECK: Duration = Duration::from_secs(1);

/// Longest time an entry is served, even while the content version holds.
const MAX_AGE_SECONDS: i64 = 60;
/// The cache's size when none is configured: `FOLIO_PAGE_CACHE_MB`'s default.
pub use crate::config::DEFAULT_PAGE_CACHE_MB as DEFAULT_BUDGET_MB;
/// What an entry costs besides the bytes it holds (its key, the bookkeeping
/// of the cache and of the page), so that many tiny entries are weighed too.
const ENTRY_OVERHEAD: u64 = 512;

/// How a response body is encoded, as the client's `Accept-Encoding` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best encoding `accept_encoding` allows (brotli, then gzip); a coding
    /// with `q=0` is refused.
    pub fn preferred(accept_encoding: &str) -> Self {
        let accepts = |wanted: &str| {
            accept_encoding.split(',').any(|entry| {
                let mut params = entry.split(';').map(str::trim);
                let coding = params.next().unwrap_or_default();
                let refused = params.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                coding.eq_ignore_ascii_case(wanted) && !refused
            })
        };
        if accepts("br") {
            Self::Brotli
        } else if accepts("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }

    /// The `Content-Encoding` value; none for identity.
    pub fn content_encoding(self) -> Option<&'static str> {
        match self {
            Self::Identity => None,
            Self::Gzip => Some("gzip"),
            Self::Brotli => Some("br"),
        }
    }
}

/// One page's bytes as served, with each compressed form made once, when first asked for.
#[derive(Debug)]
pub struct Rendition {
    /// When its form token was issued (the token names whole seconds, so
    /// every response within that second carries the same one); 0 for a page
    /// without a form.
    issued_at: UnixTime,
    identity: Bytes,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
}

impl Rendition {
    fn new(issued_at: UnixTime, html: String) -> Self {
        Self {
            issued_at,
            identity: Bytes::from(html),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// The bytes it holds: the page, and each compressed form made so far.
    fn bytes_held(&self) -> usize {
        let made = |form: &OnceLock<Option<Bytes>>| {
            form.get().and_then(Option::as_ref).map_or(0, Bytes::len)
        };
        self.identity.len() + made(&self.gzip) + made(&self.brotli)
    }

    /// The body in `encoding`, or uncompressed (and so said) if compressing failed.
    pub fn body(&self, encoding: Encoding) -> (Encoding, Bytes) {
        let compressed = match encoding {
            Encoding::Identity => None,
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.identity)).clone(),
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.identity)).clone(),
        };
        match compressed {
            Some(bytes) => (encoding, bytes),
            None => (Encoding::Identity, self.identity.clone()),
        }
    }
}

fn gzip(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(held_exactly)
}

/// `out` as bytes that hold no more memory than their length: the cache
/// weighs an entry by its length, and a `Vec` grown while compressing keeps
/// room to spare (up to twice its length) that `Bytes` would hold on to.
fn held_exactly(out: Vec<u8>) -> Bytes {
    Bytes::from(out.into_boxed_slice())
}

/// Brotli quality. 9 compressed a page 1 % smaller than 5 does, but its
/// encoder (brotli's H9 hasher) allocates and zeroes 32 MiB for every page,
/// whatever its size: two pages compressed at once took Folio's memory past
/// 70 MiB and each took 10 ms. At 5 the encoder takes about 1 MiB and 0.3 ms.
const BROTLI_QUALITY: u32 = 5;
/// The encoder's window, as a power of two: just large enough for the body
/// (a larger one only costs memory), from 128 KiB up to brotli's usual 4 MiB.
fn brotli_window_bits(len: usize) -> u32 {
    let needed = usize::BITS - len.saturating_sub(1).leading_zeros();
    needed.clamp(17, 22)
}

fn brotli(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let window = brotli_window_bits(bytes.len());
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, window);
        writer.write_all(bytes).ok()?;
        writer.flush().ok()?;
    }
    Some(held_exactly(out))
}

#[derive(Debug)]
pub struct CachedPage {
    version: i64,
    stored_at: UnixTime,
    /// The post whose comment form the page holds, if any.
    pub post_id: Option<PostId>,
    pub content_type: &'static str,
    /// The HTML of a page with a form, split where the form token goes (each
    /// second's rendition puts that second's token in); empty for a page
    /// without one, whose only rendition holds it.
    parts: Vec<String>,
    /// Names this version of the page for conditional GETs; weak when the
    /// page holds form tokens, which differ from second to second.
    pub etag: String,
    /// The bytes last served: for a page with a form, those of the current second.
    current: RwLock<Option<Arc<Rendition>>>,
}

impl CachedPage {
    fn has_form_token(&self) -> bool {
        self.parts.len() > 1
    }

    /// The bytes it holds: its HTML and its current rendition with the
    /// compressed forms made of it.
    pub fn bytes_held(&self) -> usize {
        let parts: usize = self.parts.iter().map(String::len).sum();
        let current = match self.current.read() {
            Ok(current) => current.as_ref().map(|r| r.bytes_held()),
            Err(poisoned) => poisoned.into_inner().as_ref().map(|r| r.bytes_held()),
        };
        parts + current.unwrap_or(0)
    }

    /// The page with `token` in each form-token slot.
    pub fn html_with_token(&self, token: &str) -> String {
        self.parts.join(token)
    }

    /// The bytes to serve at `now`, made (with `token(now)` in the form, if
    /// the page has one) at most once a second.
    pub fn rendition(
        &self,
        now: UnixTime,
        token: impl FnOnce(UnixTime) -> String,
    ) -> Arc<Rendition> {
        let current = match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        if !self.has_form_token() {
            // A page without a form got its one rendition when it was stored.
            return current
                .unwrap_or_else(|| Arc::new(Rendition::new(UnixTime::EPOCH, self.parts.concat())));
        }
        if let Some(rendition) = current.filter(|r| r.issued_at == now) {
            return rendition;
        }
        let rendition = Arc::new(Rendition::new(now, self.html_with_token(&token(now))));
        match self.current.write() {
            Ok(mut current) => *current = Some(Arc::clone(&rendition)),
            Err(poisoned) => *poisoned.into_inner() = Some(Arc::clone(&rendition)),
        }
        rendition
    }

    /// The ETag of the page sent in `encoding` (each encoding names its own bytes).
    pub fn etag_for(&self, encoding: Encoding) -> String {
        match encoding.content_encoding() {
            None => self.etag.clone(),
            Some(coding) => match self.etag.strip_suffix('"') {
                Some(open) => format!("{open}-{coding}\""),
                None => self.etag.clone(),
            },
        }
    }
}

/// What the cache holds, as the metrics and the debug log show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct CacheStats {
    /// Pages served from the cache, and pages that had to be rendered.
    pub hits: u64,
    pub misses: u64,
    /// What the entries held weigh (bytes), and the most they may.
    pub bytes: u64,
    pub capacity: u64,
    pub entries: u64,
}

/// What the cache keeps under one key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Slot {
    Page(PageKey),
    /// A published post by slug, as comment intake looks it up.
    Post(String),
}

/// An entry with the weight it was stored at (quick_cache asks for weights
/// that do not change while an entry is in; `settle` stores it again instead).
#[derive(Debug, Clone)]
enum Entry {
    Page {
        page: Arc<CachedPage>,
        weight: u64,
    },
    Post {
        version: i64,
        post: Arc<PublishedPost>,
        weight: u64,
    },
}

impl Entry {
    fn weight(&self) -> u64 {
        match self {
            Self::Page { weight, .. } | Self::Post { weight, .. } => *weight,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct ByWeight;

impl quick_cache::Weighter<Slot, Entry> for ByWeight {
    fn weight(&self, _slot: &Slot, entry: &Entry) -> u64 {
        entry.weight()
    }
}

fn page_weight(key: &PageKey, page: &CachedPage) -> u64 {
    let key_bytes = match key {
        PageKey::Home(_) => 0,
        PageKey::Post(s) | PageKey::Page(s) | PageKey::Tag(s, _) | PageKey::Xml(s) => s.len(),
    };
    let held = page.bytes_held() + page.etag.len() + key_bytes;
    u64::try_from(held)
        .unwrap_or(u64::MAX)
        .saturating_add(ENTRY_OVERHEAD)
}

fn post_weight(post: &PublishedPost) -> u64 {
    let held = post.slug.len()
        + post.title.len()
        + post.body_markdown.len()
        + post.body_html.as_str().len()
        + post.excerpt_html.as_str().len();
    // The slug again, as the key.
    u64::try_from(held + post.slug.len())
        .unwrap_or(u64::MAX)
        .saturating_add(ENTRY_OVERHEAD)
}

pub struct PageCache {
    entries: quick_cache::sync::Cache<Slot, Entry, ByWeight>,
    capacity: u64,
    hits: AtomicU64,
    misses: AtomicU64,
    /// The content version as last read from the database.
    known_version: AtomicI64,
    /// Counts requests that may have written; starts at 1 so the first read queries.
    possible_changes: AtomicU64,
    /// The `possible_changes` count that `known_version` was read after.
    checked_changes: AtomicU64,
    /// When `known_version` was read (on the monotonic clock, not the site's).
    checked_at: Mutex<Option<Instant>>,
    /// One reader re-reads the version at a time; the others wait for its answer.
    refreshing: tokio::sync::Mutex<()>,
    /// The site navigation as last read, and the version it was read under.
    nav: RwLock<(Option<i64>, Arc<Vec<NavLink>>)>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

/// A page as a handler rendered it for the cache.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub body: String,
    /// The post whose comment form the page holds (each response gets its own token).
    pub post_id: Option<PostId>,
    pub content_type: &'static str,
}

impl Rendered {
    /// An HTML page without a comment form.
    pub fn html(body: String) -> Self {
        Self {
            body,
            post_id: None,
            content_type: HTML,
        }
    }

    /// An HTML page with the comment form of `post_id`.
    pub fn with_form(body: String, post_id: PostId) -> Self {
        Self {
            post_id: Some(post_id),
            ..Self::html(body)
        }
    }

    /// A body that is not HTML (a feed, the sitemap).
    pub fn typed(body: String, content_type: &'static str) -> Self {
        Self {
            body,
            post_id: None,
            content_type,
        }
    }
}

/// Put in a response's extensions by a handler whose write changed nothing
/// readers can see (a comment stored for moderation), so the content version
/// need not be read again.
#[derive(Debug, Clone, Copy)]
pub struct NoPublicChange;

impl Default for PageCache {
    fn default() -> Self {
        Self::with_budget_mb(DEFAULT_BUDGET_MB)
    }
}

impl PageCache {
    /// A cache that holds at most `megabytes` MiB; 0 keeps nothing.
    pub fn with_budget_mb(megabytes: u64) -> Self {
        let capacity = megabytes.saturating_mul(1024 * 1024);
        let mut options = quick_cache::OptionsBuilder::new();
        options
            // Pages run from a few KiB to a few MiB (a long sitemap).
            .estimated_items_capacity(usize::try_from(capacity / 16_384).unwrap_or(1).max(16))
            .weight_capacity(capacity)
            // One shard: an entry may weigh up to nearly the whole budget, and
            // a lock held for a lookup is short next to rendering a page.
            .shards(1);
        let entries = match options.build() {
            Ok(options) => quick_cache::sync::Cache::with_options(
                options,
                ByWeight,
                Default::default(),
                Default::default(),
            ),
            // Unreachable: both required options are set.
            Err(_) => quick_cache::sync::Cache::with_weighter(16, capacity, ByWeight),
        };
        Self {
            entries,
            capacity,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            known_version: AtomicI64::new(0),
            possible_changes: AtomicU64::new(1),
            checked_changes: AtomicU64::new(0),
            checked_at: Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
            nav: RwLock::default(),
        }
    }

    /// Hits, misses, and what the cache holds.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            bytes: self.entries.weight(),
            capacity: self.capacity,
            entries: u64::try_from(self.entries.len()).unwrap_or(u64::MAX),
        }
    }

    /// Called after every request that may have changed the database, before it is answered.
    pub fn note_possible_change(&self) {
        self.possible_changes.fetch_add(1, Ordering::SeqCst);
    }

    /// The current content version: from memory, or read again from the
    /// database when a request may have written since it was last read, or
    /// when that was a second ago or more (another process may have written).
    /// A reader that starts after a write was answered always sees its
    /// version; when the version has moved, the entries stored under older
    /// ones are dropped.
    pub async fn content_version(&self, pool: &SqlitePool) -> sqlx::Result<i64> {
        let unsure = || {
            self.possible_changes.load(Ordering::SeqCst)
                != self.checked_changes.load(Ordering::SeqCst)
                || self.read_long_ago()
        };
        if unsure() {
            let _turn = self.refreshing.lock().await;
            if unsure() {
                let changes = self.possible_changes.load(Ordering::SeqCst);
                let version = crate::db::content_version(pool).await?;
                let before = self.known_version.swap(version, Ordering::SeqCst);
                self.checked_changes.store(changes, Ordering::SeqCst);
                self.set_checked_at(Some(Instant::now()));
                if before != version {
                    self.drop_stale(version);
                }
            }
        }
        Ok(self.known_version.load(Ordering::SeqCst))
    }

    fn read_long_ago(&self) -> bool {
        let checked_at = match self.checked_at.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        };
        checked_at.is_none_or(|at| at.elapsed() >= VERSION_CHECK)
    }

    fn set_checked_at(&self, at: Option<Instant>) {
        match self.checked_at.lock() {
            Ok(mut guard) => *guard = at,
            Err(poisoned) => *poisoned.into_inner() = at,
        }
    }

    /// Drops what was stored under any version but `version`: it would never
    /// be served again, and its room is better used.
    fn drop_stale(&self, version: i64) {
        self.entries.retain(|_, entry| match entry {
            Entry::Page { page, .. } => page.version == version,
            Entry::Post {
                version: stored_under,
                ..
            } => *stored_under == version,
        });
    }

    /// A published post, if it was stored under `version`.
    pub fn post(&self, slug: &str, version: i64) -> Option<Arc<PublishedPost>> {
        match self.entries.get(&Slot::Post(slug.to_owned()))? {
            Entry::Post {
                version: stored_under,
                post,
                ..
            } if stored_under == version => Some(post),
            _ => None,
        }
    }

    pub fn put_post(&self, version: i64, post: PublishedPost) -> Arc<PublishedPost> {
        let weight = post_weight(&post);
        let post = Arc::new(post);
        self.entries.insert(
            Slot::Post(post.slug.clone()),
            Entry::Post {
                version,
                post: Arc::clone(&post),
                weight,
            },
        );
        post
    }

    /// The navigation as last read (possibly older than `version`: check `nav_is_current`).
    pub fn nav(&self) -> Arc<Vec<NavLink>> {
        self.nav
            .read()
            .map(|nav| Arc::clone(&nav.1))
            .unwrap_or_default()
    }

    pub fn nav_is_current(&self, version: i64) -> bool {
        self.nav.read().is_ok_and(|nav| nav.0 == Some(version))
    }

    pub fn put_nav(&self, version: i64, links: Vec<NavLink>) {
        if let Ok(mut nav) = self.nav.write() {
            *nav = (Some(version), Arc::new(links));
        }
    }

    /// The page, if it was stored under `version` less than a minute ago.
    pub fn get(&self, key: &PageKey, version: i64, now: UnixTime) -> Option<Arc<CachedPage>> {
        let found = match self.entries.get(&Slot::Page(key.clone())) {
            Some(Entry::Page { page, .. })
                if page.version == version && now - page.stored_at < MAX_AGE_SECONDS =>
            {
                Some(page)
            }
            _ => None,
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Keeps `rendered` as the page at `key`, rendered under `version` at `now`.
    pub fn put(
        &self,
        key: PageKey,
        version: i64,
        now: UnixTime,
        rendered: &Rendered,
    ) -> Arc<CachedPage> {
        let Rendered {
            body: html,
            post_id,
            content_type,
        } = rendered;
        let (post_id, content_type) = (*post_id, *content_type);
        let mut parts: Vec<String> = html.split(FORM_TOKEN_SLOT).map(str::to_owned).collect();
        let has_form = parts.len() > 1;
        let etag = if has_form {
            weak_etag_of(html.as_bytes())
        } else {
            etag_of(html.as_bytes())
        };
        // A page without a form has one rendition for good: it holds the HTML.
        let current = if has_form {
            None
        } else {
            Some(Arc::new(Rendition::new(UnixTime::EPOCH, parts.concat())))
        };
        if !has_form {
            parts.clear();
        }
        let page = Arc::new(CachedPage {
            version,
            stored_at: now,
            post_id,
            content_type,
            parts,
            etag,
            current: RwLock::new(current),
        });
        let weight = page_weight(&key, &page);
        self.entries.insert(
            Slot::Page(key),
            Entry::Page {
                page: Arc::clone(&page),
                weight,
            },
        );
        self.log_stats("stored");
        page
    }

    /// Weighs the page at `key` again after it was served (which may have
    /// made its rendition for this second or a compressed form), so that the
    /// cache counts all it holds; a page no longer in the cache is left alone.
    pub fn settle(&self, key: &PageKey, page: &Arc<CachedPage>) {
        let slot = Slot::Page(key.clone());
        let Some(Entry::Page {
            page: stored,
            weight,
        }) = self.entries.peek(&slot)
        else {
            return;
        };
        let now_weighs = page_weight(key, page);
        if Arc::ptr_eq(&stored, page) && now_weighs != weight {
            let entry = Entry::Page {
                page: Arc::clone(page),
                weight: now_weighs,
            };
            // Soft: weighing again does not make a page more useful.
            let _ = self.entries.replace(slot, entry, true);
            self.log_stats("weighed again");
        }
    }

    fn log_stats(&self, what: &'static str) {
        if tracing::enabled!(tracing::Level::DEBUG) {
            let stats = self.stats();
            tracing::debug!(
                what,
                hits = stats.hits,
                misses = stats.misses,
                bytes = stats.bytes,
                capacity = stats.capacity,
                entries = stats.entries,
                "page cache"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compressed_form_holds_no_more_memory_than_its_length() {
        // Text that compresses to more than the quarter the encoders start with.
        let text: String = (0..20_000u32)
            .map(|i| char::from_u32(0x4e00 + (i * 7919) % 20_000).unwrap_or('x'))
            .collect();
        for form in [gzip(text.as_bytes()), brotli(text.as_bytes())] {
            let form = form.expect("compressed");
            let len = form.len();
            let held = form.try_into_mut().expect("not shared").capacity();
            assert!(len > text.len() / 4, "{len} of {}", text.len());
            assert_eq!(held, len);
        }
    }

    fn at(seconds: i64) -> UnixTime {
        UnixTime::from_seconds(seconds)
    }

    /// Keeps `html` at `key` (with the comment form of `post_id`, if any).
    fn put(
        cache: &PageCache,
        key: PageKey,
        version: i64,
        now: i64,
        post_id: Option<i64>,
        html: &str,
    ) -> Arc<CachedPage> {
        let rendered = match post_id {
            Some(id) => Rendered::with_form(html.to_owned(), PostId::new(id)),
            None => Rendered::html(html.to_owned()),
        };
        cache.put(key, version, at(now), &rendered)
    }

    #[test]
    fn a_page_is_served_only_under_its_version_and_for_a_minute() {
        let cache = PageCache::default();
        let key = PageKey::Post("hello".into());
        put(&cache, key.clone(), 7, 1_000, Some(1), "<p>hi</p>");

        assert!(cache.get(&key, 7, at(1_059)).is_some());
        assert!(cache.get(&key, 8, at(1_001)).is_none(), "a newer version");
        assert!(cache.get(&key, 7, at(1_060)).is_none(), "too old");
        assert!(cache.get(&PageKey::Home(1), 7, at(1_001)).is_none());
    }

    #[test]
    fn hits_misses_and_bytes_are_counted() {
        let cache = PageCache::default();
        let key = PageKey::Post("hello".into());
        cache.get(&key, 1, at(0));
        put(&cache, key.clone(), 1, 0, Some(1), "<p>hi</p>");
        cache.get(&key, 1, at(0));
        cache.get(&key, 1, at(0));

        let stats = cache.stats();

        assert_eq!((stats.hits, stats.misses, stats.entries), (2, 1, 1));
        assert!(
            stats.bytes > "<p>hi</p>".len() as u64,
            "its overhead counts too"
        );
    }

    #[test]
    fn each_response_gets_its_own_form_token() {
        let cache = PageCache::default();
        let page = put(
            &cache,
            PageKey::Home(1),
            1,
            0,
            None,
            &format!("<a>{FORM_TOKEN_SLOT}</a><b>{FORM_TOKEN_SLOT}</b>"),
        );

        assert_eq!(page.html_with_token("T1"), "<a>T1</a><b>T1</b>");
        assert_eq!(page.html_with_token("T2"), "<a>T2</a><b>T2</b>");
        assert!(page.etag.starts_with("W/\""), "{}", page.etag);
    }

    #[test]
    fn a_page_without_form_tokens_has_a_strong_etag_that_follows_its_html() {
        let cache = PageCache::default();
        let first = put(&cache, PageKey::Home(1), 1, 0, None, "<p>one</p>");
        let same = put(&cache, PageKey::Home(1), 2, 0, None, "<p>one</p>");
        let other = put(&cache, PageKey::Home(1), 3, 0, None, "<p>two</p>");

        assert!(first.etag.starts_with('"'), "{}", first.etag);
        assert_eq!(first.etag, same.etag);
        assert_ne!(first.etag, other.etag);
    }

    #[test]
    fn a_page_with_a_form_gets_a_new_token_each_second_and_keeps_it_within_one() {
        let cache = PageCache::default();
        let page = put(
            &cache,
            PageKey::Post("p".into()),
            1,
            0,
            Some(1),
            &format!("<i>{FORM_TOKEN_SLOT}</i>"),
        );

        let first = page.rendition(at(100), |at| format!("T{at}"));
        let same_second = page.rendition(at(100), |_| panic!("made again within the second"));
        let next = page.rendition(at(101), |at| format!("T{at}"));

        assert!(Arc::ptr_eq(&first, &same_second));
        assert_eq!(first.body(Encoding::Identity).1, "<i>T100</i>");
        assert_eq!(next.body(Encoding::Identity).1, "<i>T101</i>");
    }

    #[test]
    fn compressed_forms_hold_the_same_bytes_and_have_their_own_etags() {
        use std::io::Read;
        let cache = PageCache::default();
        let html = "<p>hello</p>".repeat(100);
        let page = put(&cache, PageKey::Home(1), 1, 0, None, &html);
        let rendition = page.rendition(at(5), |_| String::new());

        let (coding, gzipped) = rendition.body(Encoding::Gzip);
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gzipped[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        let (_, brotlied) = rendition.body(Encoding::Brotli);
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(&brotlied[..], 4096)
            .read_to_string(&mut unbrotlied)
            .unwrap();

        assert_eq!(coding, Encoding::Gzip);
        assert_eq!(unzipped, html);
        assert_eq!(unbrotlied, html);
        assert!(gzipped.len() < html.len() / 4 && brotlied.len() < html.len() / 4);
        let etags =
            [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|e| page.etag_for(e));
        assert!(
            etags[1].ends_with("-gzip\"") && etags[2].ends_with("-br\""),
            "{etags:?}"
        );
        assert!(etags[0] != etags[1] && etags[1] != etags[2]);
    }

    fn html_of(bytes: usize, seed: usize) -> String {
        // Text that compresses a little, as pages do, and differs per page.
        (0..bytes / 8)
            .map(|i| format!("{:08x}", i * 7919 + seed))
            .collect()
    }

    #[test]
    fn the_cache_never_holds_more_than_its_budget() {
        let cache = PageCache::with_budget_mb(1);
        for i in 0..200 {
            let page = put(
                &cache,
                PageKey::Home(i),
                1,
                0,
                None,
                &html_of(20_000, i as usize),
            );
            page.rendition(at(0), |_| String::new())
                .body(Encoding::Gzip);
            cache.settle(&PageKey::Home(i), &page);
            assert!(cache.stats().bytes <= 1024 * 1024, "{:?}", cache.stats());
        }
        let stats = cache.stats();
        assert!(stats.entries > 10 && stats.entries < 200, "{stats:?}");
        assert!(stats.bytes > 512 * 1024, "the budget is used: {stats:?}");
    }

    #[test]
    fn every_encoding_a_page_is_served_in_is_weighed() {
        let cache = PageCache::default();
        let key = PageKey::Home(1);
        let page = put(
            &cache,
            key.clone(),
            1,
            0,
            None,
            &"<p>hello</p>".repeat(2_000),
        );
        let plain = cache.stats().bytes;

        let rendition = page.rendition(at(0), |_| String::new());
        rendition.body(Encoding::Gzip);
        rendition.body(Encoding::Brotli);
        cache.settle(&key, &page);

        let compressed = cache.stats().bytes;
        assert!(plain >= 24_000, "{plain}");
        assert!(compressed > plain, "{plain} -> {compressed}");
        assert_eq!(compressed, page_weight(&key, &page));
    }

    #[test]
    fn a_page_with_a_form_is_weighed_with_its_current_rendition() {
        let cache = PageCache::default();
        let key = PageKey::Post("p".into());
        let html = format!("<i>{}{FORM_TOKEN_SLOT}</i>", "x".repeat(10_000));
        let page = put(&cache, key.clone(), 1, 0, Some(1), &html);
        let stored = cache.stats().bytes;

        page.rendition(at(7), |at| format!("T{at}"));
        cache.settle(&key, &page);

        assert!(
            cache.stats().bytes >= stored + 10_000,
            "{stored} -> {:?}",
            cache.stats()
        );
    }

    #[test]
    fn a_page_read_again_outlives_pages_read_once() {
        let cache = PageCache::with_budget_mb(1);
        let popular = PageKey::Post("popular".into());
        put(&cache, popular.clone(), 1, 0, None, &html_of(20_000, 0));
        for _ in 0..3 {
            assert!(cache.get(&popular, 1, at(0)).is_some());
        }

        for i in 0..500 {
            put(
                &cache,
                PageKey::Home(i),
                1,
                0,
                None,
                &html_of(20_000, i as usize + 1),
            );
        }

        assert!(
            cache.get(&popular, 1, at(0)).is_some(),
            "{:?}",
            cache.stats()
        );
    }

    #[test]
    fn hits_and_misses_are_counted() {
        let cache = PageCache::default();
        put(&cache, PageKey::Home(1), 1, 0, None, "<p>x</p>");

        cache.get(&PageKey::Home(1), 1, at(0));
        cache.get(&PageKey::Home(1), 1, at(0));
        cache.get(&PageKey::Home(2), 1, at(0));
        cache.get(&PageKey::Home(1), 2, at(0));

        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses), (2, 2));
        assert_eq!(stats.entries, 1);
        assert_eq!(stats.capacity, DEFAULT_BUDGET_MB * 1024 * 1024);
    }

    #[test]
    fn a_cache_of_no_megabytes_keeps_nothing() {
        let cache = PageCache::with_budget_mb(0);
        let page = put(&cache, PageKey::Home(1), 1, 0, None, "<p>x</p>");

        assert!(cache.get(&PageKey::Home(1), 1, at(0)).is_none());
        assert_eq!(
            page.rendition(at(0), |_| String::new())
                .body(Encoding::Identity)
                .1,
            "<p>x</p>"
        );
        assert_eq!(cache.stats().bytes, 0);
    }

    #[test]
    fn posts_are_kept_under_their_version_and_weighed_too() {
        let cache = PageCache::default();
        let post = PublishedPost {
            id: PostId::new(1),
            kind: crate::domain::post::Kind::Post,
            slug: "hello".into(),
            title: "Hello".into(),
            body_markdown: "x".repeat(5_000),
            body_html: crate::domain::SafeHtml::from_stored("y".repeat(6_000)),
            excerpt_html: crate::domain::SafeHtml::from_stored(String::new()),
            comments_open: true,
            created_at: at(0),
            published_at: at(0),
            updated_at: at(0),
        };
        cache.put_post(3, post);

        assert!(cache.post("hello", 3).is_some());
        assert!(cache.post("hello", 4).is_none());
        assert!(cache.stats().bytes > 11_000);
    }

    #[test]
    fn brotlis_window_fits_the_body() {
        assert_eq!(brotli_window_bits(0), 17);
        assert_eq!(brotli_window_bits(50_000), 17);
        assert_eq!(brotli_window_bits(131_072), 17);
        assert_eq!(brotli_window_bits(131_073), 18);
        assert_eq!(brotli_window_bits(1 << 20), 20);
        assert_eq!(brotli_window_bits(50_000_000), 22);
    }

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        assert_eq!(Encoding::preferred("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(Encoding::preferred("gzip"), Encoding::Gzip);
        assert_eq!(Encoding::preferred("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(Encoding::preferred("GZIP"), Encoding::Gzip);
        assert_eq!(Encoding::preferred(""), Encoding::Identity);
        assert_eq!(Encoding::preferred("identity"), Encoding::Identity);
    }
}
