//! The small copies of library images that readers ask for most, kept in
//! memory so that serving them costs no query. A copy's URL never changes
//! content (it names the content's hash), so nothing here goes stale; only a
//! deleted item is dropped. Bounded in bytes; the oldest entry goes first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use actix_web::http::header::HeaderValue;
use actix_web::web::Bytes;

/// Copies up to this size are kept (the 320 and 640 px copies of most photos).
pub const MAX_ENTRY_BYTES: usize = 128 * 1024;
/// Everything kept together stays below this.
pub const MAX_TOTAL_BYTES: usize = 8 * 1024 * 1024;

/// A whole copy, ready to send.
#[derive(Debug)]
pub struct CachedCopy {
    pub headers: CopyHeaders,
    pub body: Bytes,
}

/// What the response's headers say about a copy, made once for it.
#[derive(Debug, Clone)]
pub struct CopyHeaders {
    /// Its ETag, quoted (none if the stored one cannot be a header).
    pub etag: Option<HeaderValue>,
    pub content_type: HeaderValue,
    /// A PDF's `Content-Disposition`: shown inline, with its file name.
    pub disposition: Option<HeaderValue>,
}

impl CopyHeaders {
    /// The ETag as the request's conditions compare it.
    pub fn etag(&self) -> &str {
        self.etag
            .as_ref()
            .and_then(|etag| etag.to_str().ok())
            .unwrap_or_default()
    }
}

/// The copies kept, by their item's hash and then their file name: an item
/// has a handful of copies, and looking one up allocates nothing.
#[derive(Debug, Default)]
struct Entries {
    by_hash: HashMap<String, Vec<(String, Arc<CachedCopy>)>>,
    oldest_first: VecDeque<(String, String)>,
    bytes: usize,
}

impl Entries {
    fn find(&self, hash: &str, file: &str) -> Option<&Arc<CachedCopy>> {
        self.by_hash
            .get(hash)?
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, copy)| copy)
    }

    /// Drops one copy; its size, if it was kept.
    fn remove(&mut self, hash: &str, file: &str) -> Option<usize> {
        let copies = self.by_hash.get_mut(hash)?;
        let at = copies.iter().position(|(name, _)| name == file)?;
        let (_, dropped) = copies.swap_remove(at);
        if copies.is_empty() {
            self.by_hash.remove(hash);
        }
        Some(dropped.body.len())
    }
}

#[derive(Debug, Default)]
pub struct MediaCache(Mutex<Entries>);

impl MediaCache {
    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        match self.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    pub fn get(&self, hash: &str, file: &str) -> Option<Arc<CachedCopy>> {
        self.entries().find(hash, file).cloned()
    }

    /// Keeps a copy if it is small enough, making room by dropping the oldest.
    pub fn put(&self, hash: &str, file: &str, copy: CachedCopy) {
        let size = copy.body.len();
        if size > MAX_ENTRY_BYTES {
            return;
        }
        let mut entries = self.entries();
        if entries.find(hash, file).is_some() {
            return;
        }
        while entries.bytes + size > MAX_TOTAL_BYTES {
            let Some((old_hash, old_file)) = entries.oldest_first.pop_front() else {
                break;
            };
            if let Some(freed) = entries.remove(&old_hash, &old_file) {
                entries.bytes -= freed;
            }
        }
        entries.bytes += size;
        entries
            .oldest_first
            .push_back((hash.to_owned(), file.to_owned()));
        entries
            .by_hash
            .entry(hash.to_owned())
            .or_default()
            .push((file.to_owned(), Arc::new(copy)));
    }

    /// Drops every copy of a deleted item.
    pub fn forget(&self, hash: &str) {
        let mut entries = self.entries();
        let freed: usize = entries
            .by_hash
            .remove(hash)
            .map(|copies| copies.iter().map(|(_, copy)| copy.body.len()).sum())
            .unwrap_or(0);
        entries.oldest_first.retain(|(h, _)| h != hash);
        entries.bytes -= freed;
    }

    pub fn bytes(&self) -> usize {
        self.entries().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(size: usize) -> CachedCopy {
        CachedCopy {
            headers: CopyHeaders {
                etag: Some(HeaderValue::from_static("\"e\"")),
                content_type: HeaderValue::from_static("image/webp"),
                disposition: None,
            },
            body: Bytes::from(vec![0u8; size]),
        }
    }

    #[test]
    fn the_cache_stays_within_its_bytes_dropping_the_oldest_first() {
        let cache = MediaCache::default();
        for n in 0..100 {
            cache.put("h", &format!("x-{n}.webp"), copy(MAX_ENTRY_BYTES));
        }
        assert!(cache.bytes() <= MAX_TOTAL_BYTES);
        assert!(cache.get("h", "x-0.webp").is_none());
        assert!(cache.get("h", "x-99.webp").is_some());
    }

    #[test]
    fn an_item_whose_oldest_copy_went_is_forgotten_with_the_bytes_right() {
        let cache = MediaCache::default();
        cache.put("a", "a-320.webp", copy(MAX_ENTRY_BYTES));
        cache.put("a", "a-640.webp", copy(10));
        cache.put("b", "b-320.webp", copy(10));
        // Just enough more that the first copy has to go, and only it.
        for n in 0..(MAX_TOTAL_BYTES / MAX_ENTRY_BYTES - 1) {
            cache.put("c", &format!("c-{n}.webp"), copy(MAX_ENTRY_BYTES));
        }
        assert!(cache.get("a", "a-320.webp").is_none());
        assert!(cache.get("a", "a-640.webp").is_some());

        let before = cache.bytes();
        cache.forget("a");
        cache.forget("b");

        assert!(cache.get("a", "a-640.webp").is_none());
        assert!(cache.get("b", "b-320.webp").is_none());
        assert_eq!(cache.bytes(), before - 20);
        assert!(cache.bytes() <= MAX_TOTAL_BYTES);
    }

    #[test]
    fn large_copies_are_not_kept_and_a_deleted_item_is_forgotten() {
        let cache = MediaCache::default();
        cache.put("big", "x.webp", copy(MAX_ENTRY_BYTES + 1));
        cache.put("gone", "x-320.webp", copy(10));
        cache.put("kept", "x-320.webp", copy(10));

        cache.forget("gone");

        assert!(cache.get("big", "x.webp").is_none());
        assert!(cache.get("gone", "x-320.webp").is_none());
        assert!(cache.get("kept", "x-320.webp").is_some());
        assert_eq!(cache.bytes(), 10);
    }
}
