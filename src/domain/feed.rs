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
    use super::*;

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
