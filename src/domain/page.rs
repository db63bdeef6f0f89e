//! Pages (Impressum, privacy policy, contact: posts of the kind
//! `post::Kind::Page`, at `/{slug}`): which slugs they may not take because a
//! Folio route (or an old WordPress one) owns them, and their place in the
//! site navigation.

use super::message::{Message, msg};

/// First path segments a page may not take: Folio's own routes, and
/// WordPress's, whose old links are answered with redirects after an import.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "posts",
    "tags",
    "static",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "healthz",
    "metrics",
    "media",
    "search",
    "favicon.ico",
    "feed",
    "comments",
    "category",
    "tag",
    "author",
    "page",
    "wp-admin",
    "wp-content",
    "wp-includes",
    "wp-json",
    "wp-login.php",
    "xmlrpc.php",
];

pub fn is_reserved(slug: &str) -> bool {
    RESERVED_SLUGS.contains(&slug)
}

/// Why a typed page slug is refused, next to the slug field.
pub fn reserved_message(slug: &str) -> Message {
    Message::new(msg::PAGE_SLUG_RESERVED).with("slug", slug)
}

/// Why a page may not take an address that an import keeps for an old link.
pub fn imported_address_message(slug: &str) -> Message {
    Message::new(msg::PAGE_SLUG_IMPORTED).with("slug", slug)
}

/// The navigation position typed in the pages list: empty for "not in the
/// navigation", else a whole number from 1 to 999.
pub fn parse_nav_position(raw: &str) -> Result<Option<i64>, Message> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        Ok(n) if (1..=999).contains(&n) => Ok(Some(n)),
        _ => Err(Message::new(msg::PAGES_NAV_POSITION_INVALID).with("raw", raw)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_folio_answers_is_a_reserved_slug() {
        for slug in "admin posts tags static media feed.xml sitemap.xml".split(' ') {
            assert!(is_reserved(slug), "{slug}");
        }
        assert!(is_reserved("wp-admin"));
        assert!(!is_reserved("impressum"));
        assert_eq!(reserved_message("admin").id, "page-slug-reserved");
    }

    #[test]
    fn a_nav_position_is_empty_or_a_small_whole_number() {
        assert_eq!(parse_nav_position(" "), Ok(None));
        assert_eq!(parse_nav_position(" 2 "), Ok(Some(2)));
        assert!(parse_nav_position("0").is_err());
        assert!(parse_nav_position("first").is_err());
        assert!(parse_nav_position("1000").is_err());
    }
}
