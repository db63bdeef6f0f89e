//! WordPress records → Folio's values (`domain::import`). Pure: no I/O, no SQL.

use std::collections::{HashMap, HashSet};

use time::PrimitiveDateTime;
use time::macros::format_description;

use super::NAV_POSITION_META;
use super::content;
use super::reader::{Author, Comment, Item, Record, Site, Term};
use super::uploads::{self, Targets};
use crate::domain::SafeHtml;
use crate::domain::comment_text;
use crate::domain::import::{
    self, ImportComment, ImportPost, ImportRecord, PostKind, Skipped, redirect_key,
};
use crate::domain::markdown;
use crate::domain::moderation::Status;
use crate::domain::post::Tag;
use crate::domain::slug::{self, Slug, Spelling};
use crate::domain::time::UnixTime;

/// Remembers what earlier records said (authors, terms) to map the later ones.
pub struct Mapper {
    now: UnixTime,
    authors: HashMap<i64, Author>,
    /// Category slug → its parent's slug, for `/category/parent/child/` addresses.
    category_parents: HashMap<String, String>,
    /// Terms already handed out, by taxonomy and slug (each appears twice in an export).
    seen_terms: HashSet<(String, String)>,
    /// The old site's own addresses, whose links in posts become Folio paths.
    site_urls: Vec<String>,
    /// How the old site's language writes slugs that must be made here (as WordPress would have).
    spelling: Spelling,
    /// The files brought into the media library, when media are imported.
    media: Option<MediaMapping>,
}

/// Which old upload maps to which library item: the files brought in, by
/// their path below `wp-content/uploads/`, and each attachment's path.
#[derive(Debug, Clone, Default)]
pub struct MediaMapping {
    pub targets: Targets,
    pub attachment_paths: HashMap<i64, String>,
}

impl Mapper {
    pub fn new(now: UnixTime) -> Self {
        Self {
            now,
            authors: HashMap::new(),
            category_parents: HashMap::new(),
            seen_terms: HashSet::new(),
            site_urls: Vec::new(),
            spelling: Spelling::Plain,
            media: None,
        }
    }

    /// A mapper that rewrites links into the old uploads folder to the library
    /// items in `media` (attachments are then imported as media, not skipped).
    pub fn with_media(now: UnixTime, media: MediaMapping) -> Self {
        Self {
            media: Some(media),
            ..Self::new(now)
        }
    }

    /// What one record becomes (nothing for authors: they are remembered for comments).
    pub fn map(&mut self, record: Record) -> Option<ImportRecord> {
        match record {
            Record::Site(site) => {
                self.site_urls = site_urls(&site);
                self.spelling = Spelling::of_language(&site.language);
                Some(map_site(&site))
            }
            Record::Author(author) => {
                self.authors.insert(author.id, author);
                None
            }
            Record::Term(term) => self.map_term(term),
            // Attachments are the media step's (see `uploads`).
            Record::Item(item) if self.media.is_some() && item.post_type == "attachment" => None,
            Record::Item(item) => Some(self.map_item(*item)),
        }
    }

    fn map_term(&mut self, term: Term) -> Option<ImportRecord> {
        let prefix = match term.taxonomy.as_str() {
            "category" => "category",
            "post_tag" => "tag",
            _ => return None,
        };
        if !self
            .seen_terms
            .insert((term.taxonomy.clone(), term.slug.clone()))
        {
            return None;
        }
        if prefix == "category" && !term.parent.is_empty() {
            self.category_parents
                .insert(term.slug.clone(), term.parent.clone());
        }
        let tag = tag_of(&term.name, &term.slug, self.spelling)?;
        let mut old_addresses = vec![format!("/{prefix}/{}", term.slug)];
        if prefix == "category" {
            // A child category's address names its ancestors too.
            let mut path = vec![term.slug.clone()];
            let mut current = term.slug.clone();
            while let Some(parent) = self.category_parents.get(&current) {
                if path.contains(parent) || path.len() > 10 {
                    break;
                }
                path.insert(0, parent.clone());
                current = parent.clone();
            }
            if path.len() > 1 {
                old_addresses.push(format!("/category/{}", path.join("/")));
            }
        }
        let old_addresses = old_addresses
            .iter()
            .filter_map(|a| redirect_key(a, ""))
            .collect();
        Some(ImportRecord::Term { tag, old_addresses })
    }

    fn map_item(&self, item: Item) -> ImportRecord {
        let (kind, fate) = match kind_and_fate(&item, self.now) {
            Ok(found) => found,
            Err(reason) => return skipped(reason, item.comments.len()),
        };
        let title = match content::decode_entities(item.title.trim()) {
            t if t.trim().is_empty() => "(no title)".to_owned(),
            t => t.trim().to_owned(),
        };
        let slug = post_slug(wanted_slug(&item, fate.in_trash), &title, self.spelling);
        let body_markdown =
            content::site_links_made_relative(&content::post_html(&item.content), &self.site_urls);
        let (body_markdown, media_hashes) = match &self.media {
            Some(media) => {
                let rewritten = uploads::rewrite(&body_markdown, &self.site_urls, &media.targets);
                (rewritten.html, rewritten.hashes)
            }
            None => (body_markdown, Vec::new()),
        };
        let featured_image = self.featured_image(&item);
        let body_html = markdown::render(&body_markdown);
        let excerpt_html = excerpt(&item.excerpt, &body_markdown, &body_html);
        let created_at = wp_date(&item.post_date_gmt)
            .or_else(|| wp_date(&item.post_date))
            .unwrap_or(self.now);
        let updated_at = wp_date(&item.post_modified_gmt)
            .unwrap_or(created_at)
            .max(created_at);
        let tags = item_tags(&item, self.spelling);
        let before_trash = comment_statuses_before_trash(&item);
        let (comments, skipped_comments) = self.map_comments(&item.comments, &before_trash);
        ImportRecord::Post(Box::new(ImportPost {
            source_id: item.post_id,
            kind,
            source_status: item.status.clone(),
            published: fate.published,
            publish_at: fate.publish_at,
            in_trash: fate.in_trash,
            title,
            slug,
            body_markdown,
            body_html,
            excerpt_html,
            comments_open: item.comment_status != "closed",
            created_at,
            updated_at,
            tags,
            old_addresses: old_addresses(&item, kind),
            nav_position: nav_position(&item, kind),
            author_login: Some(item.creator.trim().to_owned()).filter(|l| !l.is_empty()),
            comments,
            skipped_comments,
            media_hashes,
            featured_image,
        }))
    }

    /// The library item of the post's featured image (`_thumbnail_id`), by hash.
    fn featured_image(&self, item: &Item) -> Option<String> {
        let media = self.media.as_ref()?;
        let id: i64 = item
            .meta_values("_thumbnail_id")
            .next()?
            .trim()
            .parse()
            .ok()?;
        let path = media.attachment_paths.get(&id)?;
        let target = media.targets.get(path)?;
        target.image.as_ref().map(|_| target.hash.clone())
    }

    /// The comments to import, parents before replies, and the reasons the
    /// others are left out; `before_trash` holds the statuses the comments of a
    /// trashed post had (they are `post-trashed` in the file).
    fn map_comments(
        &self,
        comments: &[Comment],
        before_trash: &HashMap<i64, String>,
    ) -> (Vec<ImportComment>, Vec<Skipped>) {
        let mut skipped = Vec::new();
        let kept: Vec<&Comment> = comments
            .iter()
            .filter(|c| match skip_reason(&c.comment_type) {
                Some(reason) => {
                    skipped.push(reason);
                    false
                }
                None => true,
            })
            .collect();
        let parents: HashMap<i64, i64> = kept.iter().map(|c| (c.id, c.parent)).collect();
        let mut mapped: Vec<ImportComment> = kept
            .iter()
            .map(|c| {
                let depth = depth_in(&parents, c.id);
                let body = clean(&content::comment_text(&c.content));
                ImportComment {
                    source_id: c.id,
                    parent_source_id: (depth > 1).then_some(c.parent),
                    depth,
                    author_name: match clean(&content::decode_entities(c.author.trim())) {
                        n if n.trim().is_empty() => "Anonymous".to_owned(),
                        n => n.trim().to_owned(),
                    },
                    author_email: clean(c.author_email.trim()),
                    author_website: clean(&website(&c.author_url)),
                    ip: clean(c.author_ip.trim()),
                    body_html: comment_text::render(&body),
                    body,
                    status: match (c.approved.as_str(), before_trash.get(&c.id)) {
                        ("post-trashed", Some(before)) => comment_status(before),
                        (approved, _) => comment_status(approved),
                    },
                    created_at: wp_date(&c.date_gmt)
                        .or_else(|| wp_date(&c.date))
                        .unwrap_or(self.now),
                    site_author: self.authors.get(&c.user_id).map(|a| a.login.clone()),
                }
            })
            .collect();
        // Parents first whatever the order in the file: a stable sort by depth.
        mapped.sort_by_key(|c| c.depth);
        (mapped, skipped)
    }
}

/// How deep a comment stands in its thread (1: not a reply), by the
/// `parents` (comment → parent) of the comments kept: a reply to a comment
/// left out starts a thread, and a loop in the file ends the count.
fn depth_in(parents: &HashMap<i64, i64>, id: i64) -> usize {
    let mut depth = 1;
    let mut current = id;
    while let Some(&parent) = parents.get(&current) {
        if parent == 0 || !parents.contains_key(&parent) || depth > parents.len() {
            break;
        }
        depth += 1;
        current = parent;
    }
    depth
}

/// Where an imported item stands: published or not, when a scheduled one
/// goes public, and whether it goes to the trash (then the rest is what it
/// was before, and what a restore brings back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fate {
    published: bool,
    publish_at: Option<UnixTime>,
    in_trash: bool,
}

/// Whether an item is a post or a page and where it stands at `now`, or why
/// it is skipped. A `future` post is scheduled at its date, or published
/// (dated then) if that has passed; a trashed one goes to the trash with the
/// status WordPress kept for it (`_wp_trash_meta_status`), `private`,
/// `pending` and `draft` become drafts.
fn kind_and_fate(item: &Item, now: UnixTime) -> Result<(PostKind, Fate), Skipped> {
    let kind = match item.post_type.as_str() {
        "post" => PostKind::Post,
        "page" => PostKind::Page,
        "attachment" => return Err(Skipped::Attachments),
        "" => return Err(Skipped::ItemsWithoutType),
        other => return Err(Skipped::ItemsOfType(other.to_owned())),
    };
    let in_trash = item.status == "trash";
    let status = if in_trash {
        item.meta_values("_wp_trash_meta_status")
            .next()
            .unwrap_or("draft")
    } else {
        item.status.as_str()
    };
    let (published, publish_at) = match status {
        "publish" => (true, None),
        "future" => match wp_date(&item.post_date_gmt) {
            Some(at) if at > now => (false, Some(at)),
            Some(_) => (true, None),
            None => (false, None),
        },
        "draft" | "pending" | "private" => (false, None),
        // Whatever it was before the trash, it comes back a draft.
        _ if in_trash => (false, None),
        other => return Err(Skipped::PostsWithStatus(other.to_owned())),
    };
    let fate = Fate {
        published,
        publish_at,
        in_trash,
    };
    Ok((kind, fate))
}

/// The slug an item wants: a trashed one's from before the trash
/// (`_wp_desired_post_slug`, or its name without WordPress's `__trashed`).
fn wanted_slug(item: &Item, in_trash: bool) -> &str {
    if !in_trash {
        return &item.post_name;
    }
    item.meta_values("_wp_desired_post_slug")
        .find(|s| !s.trim().is_empty())
        .unwrap_or_else(|| item.post_name.trim_end_matches("__trashed"))
}

/// The statuses the comments of a trashed post had, by comment id, as
/// WordPress keeps them in `_wp_trash_meta_comments_status`: a PHP-serialised
/// array such as `a:2:{i:29;s:1:"1";i:31;s:4:"spam";}`. Anything unreadable is left out.
fn comment_statuses_before_trash(item: &Item) -> HashMap<i64, String> {
    item.meta_values("_wp_trash_meta_comments_status")
        .flat_map(php_id_map)
        .collect()
}

/// The `integer => string` (or integer) pairs of a PHP-serialised array.
fn php_id_map(serialised: &str) -> Vec<(i64, String)> {
    let Some(body) = serialised
        .trim()
        .split_once('{')
        .and_then(|(_, rest)| rest.strip_suffix('}'))
    else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let mut rest = body;
    while let Some(after_key) = rest.strip_prefix("i:") {
        let Some((key, after)) = after_key.split_once(';') else {
            break;
        };
        let value = if let Some(after_s) = after.strip_prefix("s:") {
            // s:LEN:"VALUE"; with LEN in bytes.
            let Some((len, quoted)) = after_s.split_once(':') else {
                break;
            };
            let Ok(len) = len.parse::<usize>() else {
                break;
            };
            let Some(value) = quoted.strip_prefix('"').and_then(|q| q.get(..len)) else {
                break;
            };
            rest = quoted.get(len + 3..).unwrap_or_default();
            value.to_owned()
        } else if let Some(after_i) = after.strip_prefix("i:") {
            let Some((value, after)) = after_i.split_once(';') else {
                break;
            };
            rest = after;
            value.to_owned()
        } else {
            break;
        };
        if let Ok(id) = key.parse() {
            pairs.push((id, value));
        }
    }
    pairs
}

/// An item's categories and tags, as tags without repeats.
fn item_tags(item: &Item, spelling: Spelling) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for term in &item.terms {
        if matches!(term.domain.as_str(), "category" | "post_tag")
            && let Some(tag) = tag_of(&term.name, &term.slug, spelling)
            && tags.iter().all(|t| t.slug != tag.slug)
        {
            tags.push(tag);
        }
    }
    tags
}

/// Why a comment of this type is not imported (pingbacks, trackbacks, …); `None` to import it.
fn skip_reason(comment_type: &str) -> Option<Skipped> {
    match comment_type {
        "" | "comment" => None,
        "pingback" => Some(Skipped::Pingbacks),
        "trackback" => Some(Skipped::Trackbacks),
        other => Some(Skipped::CommentsOfType(other.to_owned())),
    }
}

fn skipped(reason: Skipped, comments: usize) -> ImportRecord {
    ImportRecord::Skipped { reason, comments }
}

/// The old site's own addresses, without a trailing slash.
pub fn site_urls(site: &Site) -> Vec<String> {
    [&site.base_blog_url, &site.base_site_url, &site.link]
        .into_iter()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| u.starts_with("http"))
        .collect()
}

/// What the imported ids of a site are remembered under: its address.
pub fn site_key(site: &Site) -> String {
    let base = if site.base_blog_url.is_empty() {
        &site.link
    } else {
        &site.base_blog_url
    };
    if site.base_site_url.is_empty() {
        base.clone()
    } else {
        site.base_site_url.clone()
    }
}

fn map_site(site: &Site) -> ImportRecord {
    let key = site_key(site);
    let redirects = [("/feed", "/feed.xml"), ("/comments/feed", "/feed.xml")]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), to.to_owned()))
        .collect();
    ImportRecord::Site {
        key,
        redirects,
        title: import::site_title(&content::decode_entities(&site.title)),
        tagline: import::site_tagline(&content::decode_entities(&site.description)),
    }
}

/// WordPress's statuses for a comment, as Folio's.
pub fn comment_status(approved: &str) -> Status {
    match approved {
        "1" | "approve" | "approved" => Status::Approved,
        "spam" => Status::Spam,
        "trash" | "post-trashed" => Status::Trash,
        _ => Status::Pending,
    }
}

/// A tag from a term's name and slug: the slug kept when Folio can use it as it is.
fn tag_of(raw_name: &str, raw_slug: &str, spelling: Spelling) -> Option<Tag> {
    let name = content::decode_entities(raw_name).trim().to_owned();
    let slug = match Slug::parse(raw_slug) {
        Ok(slug) => slug.into_string(),
        Err(_) => slug::slugify(&name, 80, spelling),
    };
    (!name.is_empty() && !slug.is_empty()).then_some(Tag { name, slug })
}

/// `wp:post_name` if Folio can use it (percent-encoded names are decoded and remade), else from the title.
fn post_slug(post_name: &str, title: &str, spelling: Spelling) -> Slug {
    let name = post_name.trim();
    if let Ok(slug) = Slug::parse(name) {
        return slug;
    }
    let decoded = redirect_key(&format!("/{name}"), "").unwrap_or_default();
    let decoded = decoded.trim_start_matches('/');
    if decoded.is_empty() {
        Slug::from_title(title, spelling)
    } else {
        Slug::from_title(decoded, spelling)
    }
}

/// A commenter's field without control characters (but tab and newline), as intake keeps them.
fn clean(text: &str) -> String {
    crate::domain::comment::without_control_chars(text).into_owned()
}

/// The commenter's address if it is a plausible web address (WordPress may store it HTML-escaped).
fn website(raw: &str) -> String {
    let decoded = content::decode_entities(raw);
    let url = decoded.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    if web && url.len() > "https://".len() && url.len() <= 200 {
        url.to_owned()
    } else {
        String::new()
    }
}

/// The excerpt the author wrote, else the text before `<!--more-->`, else the first paragraph.
fn excerpt(written: &str, body: &str, body_html: &SafeHtml) -> SafeHtml {
    let written = content::comment_text(written);
    if !written.is_empty() {
        return comment_text::render(&written);
    }
    markdown::excerpt(body, body_html)
}

/// `2024-12-02 08:00:00` (UTC) in Unix seconds; `None` for WordPress's zero date.
fn wp_date(raw: &str) -> Option<UnixTime> {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    PrimitiveDateTime::parse(raw.trim(), format)
        .ok()
        .map(|t| UnixTime::from_seconds(t.assume_utc().unix_timestamp()))
}

/// The item's old addresses: its `<link>`, `/?p=ID` (or `/?page_id=ID`), and each old slug.
/// Where a page stood in the navigation of the Folio site that exported it.
fn nav_position(item: &Item, kind: PostKind) -> Option<i64> {
    if kind != PostKind::Page {
        return None;
    }
    item.meta_values(NAV_POSITION_META)
        .find_map(|value| value.trim().parse().ok())
}

fn old_addresses(item: &Item, kind: PostKind) -> Vec<String> {
    let mut addresses = Vec::new();
    let link = url::Url::parse(item.link.trim()).ok();
    if let Some(link) = &link
        && let Some(key) = redirect_key(link.path(), link.query().unwrap_or(""))
    {
        addresses.push(key);
    }
    let id_query = match kind {
        PostKind::Post => format!("p={}", item.post_id),
        PostKind::Page => format!("page_id={}", item.post_id),
    };
    addresses.extend(redirect_key("/", &id_query));
    // An old slug answers where the current one is in the permalink.
    if let Some(link) = &link {
        let path = link.path().trim_end_matches('/');
        if let Some((dir, last)) = path.rsplit_once('/')
            && !last.is_empty()
            && last == item.post_name
        {
            for old in item.meta_values("_wp_old_slug") {
                addresses.extend(redirect_key(&format!("{dir}/{old}/"), ""));
            }
        }
    }
    let mut seen = HashSet::new();
    addresses.retain(|a| seen.insert(a.clone()));
    addresses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wxr::reader::WxrReader;

    fn fixture() -> Vec<ImportRecord> {
        let file = std::fs::read("tests/fixtures/wordpress/fixture.xml").unwrap();
        let mut reader = WxrReader::new(file.as_slice());
        let mut mapper = Mapper::new(UnixTime::EPOCH);
        let mut out = Vec::new();
        while let Some(record) = reader.next_record().unwrap() {
            out.extend(mapper.map(record));
        }
        out
    }

    fn posts(records: &[ImportRecord]) -> Vec<&ImportPost> {
        records
            .iter()
            .filter_map(|r| match r {
                ImportRecord::Post(p) => Some(&**p),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_fixture_maps_statuses_as_the_issue_says() {
        let records = fixture();
        let posts = posts(&records);
        let of_kind = |k| posts.iter().filter(|p| p.kind == k).count();
        assert_eq!(of_kind(PostKind::Post), 9);
        assert_eq!(of_kind(PostKind::Page), 2);
        let published = posts
            .iter()
            .filter(|p| p.kind == PostKind::Post && p.published && !p.in_trash)
            .count();
        assert_eq!(published, 5);
        let skipped: Vec<&Skipped> = records
            .iter()
            .filter_map(|r| match r {
                ImportRecord::Skipped { reason, .. } => Some(reason),
                _ => None,
            })
            .collect();
        assert_eq!(skipped, [&Skipped::Attachments]);
    }

    #[test]
    fn a_future_post_is_scheduled_at_its_date_or_published_once_that_has_passed() {
        let tag_der_offenen_tur = UnixTime::from_seconds(1_804_323_600); // 2027-03-06 09:00 UTC
        let records = fixture();
        let future = posts(&records)
            .into_iter()
            .find(|p| p.source_id == 14)
            .unwrap();
        assert_eq!(
            (future.published, future.publish_at, future.in_trash),
            (false, Some(tag_der_offenen_tur), false)
        );
        let file = std::fs::read("tests/fixtures/wordpress/fixture.xml").unwrap();
        let mut reader = WxrReader::new(file.as_slice());
        let mut later = Mapper::new(tag_der_offenen_tur + 60);
        let mut published = None;
        while let Some(record) = reader.next_record().unwrap() {
            if let Some(ImportRecord::Post(post)) = later.map(record)
                && post.source_id == 14
            {
                published = Some((post.published, post.publish_at, post.created_at));
            }
        }
        assert_eq!(published, Some((true, None, tag_der_offenen_tur)));
    }

    #[test]
    fn a_trashed_post_goes_to_the_trash_with_its_slug_status_and_comments_from_before() {
        let records = fixture();
        let trashed = posts(&records)
            .into_iter()
            .find(|p| p.source_id == 15)
            .unwrap();
        assert!(trashed.in_trash);
        assert!(trashed.published, "it was published before the trash");
        assert_eq!(
            trashed.slug.as_str(),
            "aktuelle-corona-regeln-in-der-praxis"
        );
        assert_eq!(trashed.comments.len(), 3);
        assert!(
            trashed
                .comments
                .iter()
                .all(|c| c.status == Status::Approved),
            "{:?}",
            trashed.comments
        );
    }

    #[test]
    fn wordpress_keeps_comment_statuses_before_the_trash_as_a_php_array() {
        assert_eq!(
            php_id_map(r#"a:3:{i:29;s:1:"1";i:30;s:4:"spam";i:31;i:0;}"#),
            [(29, "1".into()), (30, "spam".into()), (31, "0".into())]
        );
        assert_eq!(php_id_map(r#"a:1:{i:29;s:9:"1";}"#), []);
        assert_eq!(php_id_map("not serialised"), []);
        assert_eq!(php_id_map("a:0:{}"), []);
    }

    #[test]
    fn the_fixtures_comments_map_by_status_with_pingbacks_and_trackbacks_left_out() {
        let records = fixture();
        let posts = posts(&records);
        let comments: Vec<&ImportComment> = posts
            .iter()
            .filter(|p| p.kind == PostKind::Post)
            .flat_map(|p| &p.comments)
            .collect();
        let count = |s| comments.iter().filter(|c| c.status == s).count();
        let skipped: usize = posts.iter().map(|p| p.skipped_comments.len()).sum();
        // 57 exported: 6 on a page, 4 pingbacks/trackbacks (3 on the trashed post come with it).
        let on_pages: usize = posts
            .iter()
            .filter(|p| p.kind == PostKind::Page)
            .map(|p| p.comments.len())
            .sum();
        assert_eq!(comments.len() + skipped + on_pages, 57);
        assert_eq!(skipped, 4);
        assert_eq!(count(Status::Spam), 0);
        assert_eq!(count(Status::Trash), 1);
        assert!(count(Status::Pending) >= 4);
        let max_depth = comments.iter().map(|c| c.depth).max().unwrap();
        assert_eq!(max_depth, 4);
        for post in &posts {
            for (i, c) in post.comments.iter().enumerate() {
                if let Some(parent) = c.parent_source_id {
                    assert!(
                        post.comments[..i].iter().any(|p| p.source_id == parent),
                        "parent {parent} comes before {}",
                        c.source_id
                    );
                }
            }
        }
    }

    #[test]
    fn comments_by_site_users_name_the_author_and_subscribers_stay_readers() {
        let records = fixture();
        let comments: Vec<&ImportComment> = posts(&records)
            .into_iter()
            .flat_map(|p| &p.comments)
            .collect();
        assert!(
            comments
                .iter()
                .any(|c| c.site_author.as_deref() == Some("praxisteam"))
        );
        assert!(
            comments
                .iter()
                .any(|c| c.site_author.as_deref() == Some("mweber"))
        );
        assert!(
            comments
                .iter()
                .all(|c| !c.body_html.as_str().contains("<script"))
        );
        assert!(
            comments
                .iter()
                .all(|c| !c.body_html.as_str().contains("<b>"))
        );
    }

    #[test]
    fn the_first_post_has_its_tags_addresses_and_clean_html() {
        let records = fixture();
        let posts = posts(&records);
        let welcome = posts.iter().find(|p| p.source_id == 4).unwrap();
        assert_eq!(welcome.slug.as_str(), "willkommen");
        let slugs: Vec<&str> = welcome.tags.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs.len(), 3, "{slugs:?}");
        assert!(
            welcome
                .old_addresses
                .contains(&"/2024/12/02/willkommen".to_owned())
        );
        assert!(welcome.old_addresses.contains(&"/?p=4".to_owned()));
        assert!(!welcome.body_html.as_str().contains("wp:"));
        assert!(welcome.body_html.as_str().contains("<figcaption>"));
        assert!(welcome.published);
        assert_eq!(welcome.created_at, UnixTime::from_seconds(1_733_126_400));

        let renamed = posts.iter().find(|p| p.source_id == 8).unwrap();
        assert!(
            renamed
                .old_addresses
                .contains(&"/2025/05/20/akupunktur-chronische-schmerzen".to_owned()),
            "{:?}",
            renamed.old_addresses
        );
        let draft = posts.iter().find(|p| p.source_id == 12).unwrap();
        assert!(!draft.published);
        assert!(!draft.slug.as_str().is_empty());
        let closed = posts.iter().find(|p| p.source_id == 10).unwrap();
        assert!(!closed.comments_open);
        let captioned = posts.iter().find(|p| p.source_id == 7).unwrap();
        assert!(
            captioned.body_html.as_str().contains("<figure>"),
            "{}",
            captioned.body_html.as_str()
        );
        assert!(!captioned.body_html.as_str().contains("[caption"));
    }

    #[test]
    fn terms_appear_once_each_with_their_addresses() {
        let records = fixture();
        let terms: Vec<(&Tag, &Vec<String>)> = records
            .iter()
            .filter_map(|r| match r {
                ImportRecord::Term { tag, old_addresses } => Some((tag, old_addresses)),
                _ => None,
            })
            .collect();
        assert_eq!(terms.len(), 15);
        let kinder = terms
            .iter()
            .find(|(t, _)| t.slug == "kinder-jugendliche")
            .unwrap();
        assert_eq!(kinder.0.name, "Kinder & Jugendliche");
        let child = terms
            .iter()
            .find(|(_, a)| a.contains(&"/category/behandlungen/akupunktur".to_owned()));
        assert!(child.is_some(), "{terms:?}");
    }

    #[test]
    fn replies_come_after_their_parents_whatever_the_order_and_orphans_are_top_level() {
        let mapper = Mapper::new(UnixTime::EPOCH);
        let c = |id, parent| Comment {
            id,
            parent,
            approved: "1".into(),
            comment_type: "comment".into(),
            content: "x".into(),
            ..Comment::default()
        };
        let (mapped, _) =
            mapper.map_comments(&[c(3, 2), c(2, 1), c(1, 0), c(5, 99)], &HashMap::new());
        let order: Vec<(i64, usize)> = mapped.iter().map(|c| (c.source_id, c.depth)).collect();
        assert_eq!(order, vec![(1, 1), (5, 1), (2, 2), (3, 3)]);
        assert_eq!(mapped[1].parent_source_id, None);
    }

    #[test]
    fn control_characters_are_removed_from_imported_comments_as_at_intake() {
        let mapper = Mapper::new(UnixTime::EPOCH);
        let comment = Comment {
            id: 1,
            approved: "1".into(),
            comment_type: "comment".into(),
            author: "Ada&#1;\u{0}".into(),
            author_email: "a\u{0}@example.org".into(),
            author_url: "https://example.org/\u{1b}x".into(),
            author_ip: "10.0.0.1\u{0}".into(),
            content: "one&#7;\u{0}\ttwo".into(),
            ..Comment::default()
        };
        let (mapped, _) = mapper.map_comments(&[comment], &HashMap::new());
        let c = &mapped[0];
        assert_eq!(c.author_name, "Ada");
        assert_eq!(c.author_email, "a@example.org");
        assert_eq!(c.author_website, "https://example.org/x");
        assert_eq!(c.ip, "10.0.0.1");
        assert_eq!(c.body, "one\ttwo");
        assert!(!c.body_html.as_str().contains('\u{0}'));
    }
}
