//! Rules for what goes into the Atom feeds and the sitemap (the XML itself is
//! made by the templates in `templates/feeds/`, which escape every value).

use std::borrow::Cow;

use super::time::{self, UnixTime};

/// How many of the newest posts the Atom feed carries.
pub const POSTS_IN_FEED: i64 = 20;

/// How many of the newest comments a post's comment feed carries.
pub const COMMENTS_IN_FEED: usize = 50;

/// The sitemap protocol allows at most this many addresses in one file.
pub const MAX_SITEMAP_URLS: i64 = 50_000;

/// What the sitemap lists, in this order: the home page, the published posts
/// (newest first), the published pages, the tags that published posts have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitemapSource {
    Home,
    Posts,
    Pages,
    Tags,
}

/// `limit` addresses of one source, after its first `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapSlice {
    pub source: SitemapSource,
    pub offset: i64,
    pub limit: i64,
}

/// How many sources' addresses the sitemap has: how many each source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapCounts {
    pub posts: i64,
    pub pages: i64,
    pub tags: i64,
}

impl SitemapCounts {
    fn sources(self) -> [(SitemapSource, i64); 4] {
        [
            (SitemapSource::Home, 1),
            (SitemapSource::Posts, self.posts.max(0)),
            (SitemapSource::Pages, self.pages.max(0)),
            (SitemapSource::Tags, self.tags.max(0)),
        ]
    }

    pub fn total(self) -> i64 {
        self.sources().iter().map(|(_, n)| n).sum()
    }

    /// How many files the addresses fill, `per_part` to a file: one means a
    /// plain sitemap, more a sitemap index with numbered parts.
    pub fn parts(self, per_part: i64) -> i64 {
        ((self.total() + per_part - 1) / per_part.max(1)).max(1)
    }

    /// What part `part` (counted from 1) lists; nothing for a part past the last.
    pub fn part(self, part: i64, per_part: i64) -> Vec<SitemapSlice> {
        let start = (part - 1).saturating_mul(per_part);
        let end = start.saturating_add(per_part);
        let mut slices = Vec::new();
        let mut source_start = 0;
        for (source, count) in self.sources() {
            let source_end = source_start + count;
            let from = start.max(source_start);
            let to = end.min(source_end);
            if part >= 1 && from < to {
                slices.push(SitemapSlice {
                    source,
                    offset: from - source_start,
                    limit: to - from,
                });
            }
            source_start = source_end;
        }
        slices
    }
}

/// `text` without the characters XML 1.0 cannot carry at all, even escaped
/// (control characters other than tab and line breaks, U+FFFE, U+FFFF):
/// one of them in a comment must not make the whole feed unreadable.
pub fn xml_text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// A permanent Atom id (an RFC 4151 `tag:` URI) for something made at `created_at`:
/// unlike the post's address it survives a change of slug, so feed readers do
/// not show a renamed post as new. `specific` is e.g. `post-42`.
pub fn tag_uri(base_url: &str, created_at: UnixTime, specific: &str) -> String {
    match url::Url::parse(base_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
    {
        Some(host) => format!("tag:{host},{}:{specific}", time::utc_date(created_at)),
        // Only reachable with a base URL that has no host; still absolute and unique.
        None => format!("{base_url}/#{specific}"),
    }
}

#[cfg(test)]
mod tests {
    use super::SitemapSource::{Home, Pages, Posts, Tags};
    use super::*;

    fn slice(source: SitemapSource, offset: i64, limit: i64) -> SitemapSlice {
        SitemapSlice {
            source,
            offset,
            limit,
        }
    }

    #[test]
    fn a_site_that_fits_one_file_has_one_part_with_everything() {
        let counts = SitemapCounts {
            posts: 10,
            pages: 2,
            tags: 3,
        };
        assert_eq!(counts.parts(50_000), 1);
        assert_eq!(
            counts.part(1, 50_000),
            [
                slice(Home, 0, 1),
                slice(Posts, 0, 10),
                slice(Pages, 0, 2),
                slice(Tags, 0, 3),
            ]
        );
    }

    #[test]
    fn more_addresses_than_a_file_takes_fill_numbered_parts_in_order() {
        let counts = SitemapCounts {
            posts: 7,
            pages: 2,
            tags: 3,
        };
        assert_eq!(counts.total(), 13);
        assert_eq!(counts.parts(5), 3);
        assert_eq!(counts.part(1, 5), [slice(Home, 0, 1), slice(Posts, 0, 4),]);
        assert_eq!(counts.part(2, 5), [slice(Posts, 4, 3), slice(Pages, 0, 2),]);
        assert_eq!(counts.part(3, 5), [slice(Tags, 0, 3)]);
        assert!(counts.part(4, 5).is_empty());
        assert!(counts.part(0, 5).is_empty());
    }

    #[test]
    fn text_that_xml_can_carry_is_kept_as_is() {
        let text = "Grüße <b> & \"quotes\"\n\ttab 🎉";
        assert!(matches!(xml_text(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(xml_text("a\u{0}b\u{1b}[31mc\u{FFFF}"), "ab[31mc");
    }

    #[test]
    fn an_entry_id_is_a_tag_uri_from_the_host_and_creation_date() {
        assert_eq!(
            tag_uri(
                "https://blog.example.org",
                UnixTime::from_seconds(1_795_788_300),
                "post-42"
            ),
            "tag:blog.example.org,2026-11-27:post-42"
        );
        assert_eq!(
            tag_uri("http://127.0.0.1:8080", UnixTime::EPOCH, "post-1"),
            "tag:127.0.0.1,1970-01-01:post-1"
        );
    }
}
