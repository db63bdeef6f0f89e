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

use std::collections::HashMap;
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
/// More entries than this and the cache starts again from empty.
const MAX_ENTRIES: usize = 2_000;

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
    /// Bytes held: the page and whichever compressed forms were made.
    fn weight(&self) -> usize {
        let made = |form: &OnceLock<Option<Bytes>>| {
            form.get().and_then(Option::as_ref).map_or(0, Bytes::len)
        };
        self.identity.len() + made(&self.gzip) + made(&self.brotli)
    }

    fn new(issued_at: UnixTime, html: String) -> Self {
        Self {
            issued_at,
            identity: Bytes::from(html),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
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
    encoder.finish().ok().map(Bytes::from)
}

/// Brotli quality: 9 compresses a 50 KB page in a few milliseconds, close to 11's size.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW_BITS: u32 = 22;

fn brotli(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
        writer.write_all(bytes).ok()?;
        writer.flush().ok()?;
    }
    Some(Bytes::from(out))
}

#[derive(Debug)]
pub struct CachedPage {
    version: i64,
    stored_at: UnixTime,
    /// The post whose comment form the page holds, if any.
    pub post_id: Option<PostId>,
    pub content_type: &'static str,
    /// The HTML, split where the form token goes.
    parts: Vec<String>,
    /// Names this version of the page for conditional GETs; weak when the
    /// page holds form tokens, which differ from second to second.
    pub etag: String,
    /// The bytes last served: for a page with a form, those of the current second.
    current: RwLock<Option<Arc<Rendition>>>,
}

impl CachedPage {
    /// Bytes held: the HTML and the rendition last served.
    fn weight(&self) -> usize {
        let parts: usize = self.parts.iter().map(String::len).sum();
        let served = self
            .current
            .read()
            .ok()
            .and_then(|current| current.as_ref().map(|r| r.weight()))
            .unwrap_or(0);
        parts + served
    }

    fn has_form_token(&self) -> bool {
        self.parts.len() > 1
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
        let issued_at = if self.has_form_token() {
            now
        } else {
            UnixTime::EPOCH
        };
        if let Ok(current) = self.current.read()
            && let Some(rendition) = current.as_ref()
            && rendition.issued_at == issued_at
        {
            return Arc::clone(rendition);
        }
        let html = if self.has_form_token() {
            self.html_with_token(&token(now))
        } else {
            self.parts.concat()
        };
        let rendition = Arc::new(Rendition::new(issued_at, html));
        if let Ok(mut current) = self.current.write() {
            *current = Some(Arc::clone(&rendition));
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

/// The page cache's counts since start, and what it holds now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
    pub bytes: u64,
    pub entries: u64,
}

#[derive(Debug)]
pub struct PageCache {
    entries: RwLock<HashMap<PageKey, Arc<CachedPage>>>,
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
    /// Published posts by slug, as comment intake looks them up, under the same rule.
    posts: RwLock<HashMap<String, (i64, Arc<PublishedPost>)>>,
    /// The site navigation as last read, and the version it was read under.
    nav: RwLock<(Option<i64>, Arc<Vec<NavLink>>)>,
    /// Pages served from the cache, and pages asked for that were not in it.
    hits: AtomicU64,
    misses: AtomicU64,
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
        Self {
            entries: RwLock::default(),
            known_version: AtomicI64::new(0),
            possible_changes: AtomicU64::new(1),
            checked_changes: AtomicU64::new(0),
            checked_at: Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
            posts: RwLock::default(),
            nav: RwLock::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl PageCache {
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

    /// Drops the pages and posts stored under any version but `version`:
    /// they would never be served again.
    fn drop_stale(&self, version: i64) {
        if let Ok(mut entries) = self.entries.write() {
            entries.retain(|_, page| page.version == version);
        }
        if let Ok(mut posts) = self.posts.write() {
            posts.retain(|_, (stored_under, _)| *stored_under == version);
        }
    }

    /// A published post, if it was stored under `version`.
    pub fn post(&self, slug: &str, version: i64) -> Option<Arc<PublishedPost>> {
        let posts = self.posts.read().ok()?;
        let (stored_under, post) = posts.get(slug)?;
        (*stored_under == version).then(|| Arc::clone(post))
    }

    pub fn put_post(&self, version: i64, post: PublishedPost) -> Arc<PublishedPost> {
        let post = Arc::new(post);
        if let Ok(mut posts) = self.posts.write() {
            if posts.len() >= MAX_ENTRIES {
                posts.clear();
            }
            posts.insert(post.slug.clone(), (version, Arc::clone(&post)));
        }
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
        let found = self.entries.read().ok().and_then(|entries| {
            let page = entries.get(key)?;
            (page.version == version && now - page.stored_at < MAX_AGE_SECONDS)
                .then(|| Arc::clone(page))
        });
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Hits and misses since start, and what the cache holds now (for `/metrics`).
    pub fn stats(&self) -> CacheStats {
        let (entries, bytes) = self.entries.read().map_or((0, 0), |entries| {
            let bytes: usize = entries.values().map(|page| page.weight()).sum();
            (entries.len(), bytes)
        });
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            bytes: bytes as u64,
            entries: entries as u64,
        }
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
        let parts: Vec<String> = html.split(FORM_TOKEN_SLOT).map(str::to_owned).collect();
        let etag = if parts.len() > 1 {
            weak_etag_of(html.as_bytes())
        } else {
            etag_of(html.as_bytes())
        };
        let page = Arc::new(CachedPage {
            version,
            stored_at: now,
            post_id,
            content_type,
            parts,
            etag,
            current: RwLock::new(None),
        });
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, Arc::clone(&page));
        }
        page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> UnixTime {
        UnixTime::from_seconds(seconds)
    }

    /// A page kept in a fresh cache under version 1 at time 0.
    fn kept(key: PageKey, rendered: Rendered) -> Arc<CachedPage> {
        PageCache::default().put(key, 1, at(0), &rendered)
    }

    #[test]
    fn a_page_is_served_only_under_its_version_and_for_a_minute() {
        let cache = PageCache::default();
        let key = PageKey::Post("hello".into());
        cache.put(
            key.clone(),
            7,
            at(1_000),
            &Rendered::with_form("<p>hi</p>".to_owned(), PostId::new(1)),
        );

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
        cache.put(
            key.clone(),
            1,
            at(0),
            &Rendered::with_form("<p>hi</p>".into(), PostId::new(1)),
        );
        cache.get(&key, 1, at(0));
        cache.get(&key, 1, at(0));

        let stats = cache.stats();

        assert_eq!((stats.hits, stats.misses, stats.entries), (2, 1, 1));
        assert_eq!(stats.bytes, "<p>hi</p>".len() as u64);
    }

    #[test]
    fn each_response_gets_its_own_form_token() {
        let html = format!("<a>{FORM_TOKEN_SLOT}</a><b>{FORM_TOKEN_SLOT}</b>");
        let page = kept(PageKey::Home(1), Rendered::html(html));

        assert_eq!(page.html_with_token("T1"), "<a>T1</a><b>T1</b>");
        assert_eq!(page.html_with_token("T2"), "<a>T2</a><b>T2</b>");
        assert!(page.etag.starts_with("W/\""), "{}", page.etag);
    }

    #[test]
    fn a_page_without_form_tokens_has_a_strong_etag_that_follows_its_html() {
        let cache = PageCache::default();
        let first = cache.put(
            PageKey::Home(1),
            1,
            at(0),
            &Rendered::html("<p>one</p>".to_owned()),
        );
        let same = cache.put(
            PageKey::Home(1),
            2,
            at(0),
            &Rendered::html("<p>one</p>".to_owned()),
        );
        let other = cache.put(
            PageKey::Home(1),
            3,
            at(0),
            &Rendered::html("<p>two</p>".to_owned()),
        );

        assert!(first.etag.starts_with('"'), "{}", first.etag);
        assert_eq!(first.etag, same.etag);
        assert_ne!(first.etag, other.etag);
    }

    #[test]
    fn a_page_with_a_form_gets_a_new_token_each_second_and_keeps_it_within_one() {
        let html = format!("<i>{FORM_TOKEN_SLOT}</i>");
        let page = kept(
            PageKey::Post("p".into()),
            Rendered::with_form(html, PostId::new(1)),
        );

        let first = page.rendition(at(100), |t| format!("T{t}"));
        let same_second = page.rendition(at(100), |_| panic!("made again within the second"));
        let next = page.rendition(at(101), |t| format!("T{t}"));

        assert!(Arc::ptr_eq(&first, &same_second));
        assert_eq!(first.body(Encoding::Identity).1, "<i>T100</i>");
        assert_eq!(next.body(Encoding::Identity).1, "<i>T101</i>");
    }

    #[test]
    fn compressed_forms_hold_the_same_bytes_and_have_their_own_etags() {
        use std::io::Read;
        let cache = PageCache::default();
        let html = "<p>hello</p>".repeat(100);
        let page = cache.put(PageKey::Home(1), 1, at(0), &Rendered::html(html.clone()));
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
