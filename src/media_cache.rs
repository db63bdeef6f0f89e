//! The small copies of library images that readers ask for most, kept in
//! memory so that serving them costs no query. A copy's URL never changes
//! content (it names the content's hash), so nothing here goes stale; only a
//! deleted item is dropped. Bounded in bytes; the oldest entry goes first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;

use crate::domain::media::ItemKind;

/// Copies up to this size are kept (the 320 and 640 px copies of most photos).
pub const MAX_ENTRY_BYTES: usize = 128 * 1024;
/// Everything kept together stays below this.
pub const MAX_TOTAL_BYTES: usize = 8 * 1024 * 1024;

/// A whole copy, ready to send.
#[derive(Debug)]
pub struct CachedCopy {
    pub content_type: String,
    pub etag: String,
    pub kind: ItemKind,
    pub file_name: String,
    pub body: Bytes,
}

#[derive(Debug, Default)]
struct Entries {
    by_url: HashMap<(String, String), Arc<CachedCopy>>,
    oldest_first: VecDeque<(String, String)>,
    bytes: usize,
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
        self.entries()
            .by_url
            .get(&(hash.to_owned(), file.to_owned()))
            .cloned()
    }

    /// Keeps a copy if it is small enough, making room by dropping the oldest.
    pub fn put(&self, hash: &str, file: &str, copy: CachedCopy) {
        let size = copy.body.len();
        if size > MAX_ENTRY_BYTES {
            return;
        }
        let key = (hash.to_owned(), file.to_owned());
        let mut entries = self.entries();
        if entries.by_url.contains_key(&key) {
            return;
        }
        while entries.bytes + size > MAX_TOTAL_BYTES {
            let Some(oldest) = entries.oldest_first.pop_front() else {
                break;
            };
            if let Some(dropped) = entries.by_url.remove(&oldest) {
                entries.bytes -= dropped.body.len();
            }
        }
        entries.bytes += size;
        entries.oldest_first.push_back(key.clone());
        entries.by_url.insert(key, Arc::new(copy));
    }

    /// Drops every copy of a deleted item.
    pub fn forget(&self, hash: &str) {
        let mut entries = self.entries();
        let mut freed = 0;
        entries.by_url.retain(|(h, _), copy| {
            let keep = h != hash;
            if !keep {
                freed += copy.body.len();
            }
            keep
        });
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
            content_type: "image/webp".into(),
            etag: "\"e\"".into(),
            kind: ItemKind::Image,
            file_name: "x.jpg".into(),
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
