//! What an import from another blog engine brings in, as Folio's own values,
//! and the summary it ends with. Made by `wxr::mapper`, stored by `db::import`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SafeHtml;
use super::message::{Message, MessageId, msg};
use super::moderation::Status;
use super::post::Tag;
use super::settings::{MAX_TAGLINE_CHARS, MAX_TITLE_CHARS};
use super::slug::Slug;
use super::time::UnixTime;

/// Posts and pages are imported alike, each as its kind.
pub use super::post::Kind as PostKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPost {
    pub source_id: i64,
    pub kind: PostKind,
    /// The status the source gave it (`publish`, `future`, ...), for the summary.
    pub source_status: String,
    pub published: bool,
    /// A post the source will publish later (WordPress's `future`): when.
    pub publish_at: Option<UnixTime>,
    /// It was in the source's trash: it goes to Folio's, and `published` and
    /// `publish_at` say what a restore brings back.
    pub in_trash: bool,
    pub title: String,
    /// Wanted; made unique when stored.
    pub slug: Slug,
    /// What the editor shows (HTML, which Markdown passes through).
    pub body_markdown: String,
    pub body_html: SafeHtml,
    pub excerpt_html: SafeHtml,
    pub comments_open: bool,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
    pub tags: Vec<Tag>,
    /// Old addresses (see `redirect_key`) that should lead to this post.
    pub old_addresses: Vec<String>,
    /// A page's place in the site navigation, when a Folio export says so.
    pub nav_position: Option<i64>,
    /// The login of the site user who wrote it (`dc:creator`): its author is
    /// the Folio account of that name, if there is one.
    pub author_login: Option<String>,
    /// Parents before their replies.
    pub comments: Vec<ImportComment>,
    /// Comments left out, by reason (pingbacks, trackbacks, ...).
    pub skipped_comments: Vec<Skipped>,
    /// The library items its text shows or links (files brought in from the old site), by hash.
    pub media_hashes: Vec<String>,
    /// Its featured image (WordPress's `_thumbnail_id`), by hash.
    pub featured_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportComment {
    pub source_id: i64,
    /// The comment answered, when it is in the same import (else a top-level comment).
    pub parent_source_id: Option<i64>,
    /// 1 for a top-level comment.
    pub depth: usize,
    pub author_name: String,
    pub author_email: String,
    pub author_website: String,
    pub ip: String,
    /// Plain text, as Folio keeps every comment.
    pub body: String,
    pub body_html: SafeHtml,
    pub status: Status,
    pub created_at: UnixTime,
    /// The login of the site's own user who wrote it, if one did.
    pub site_author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRecord {
    /// First: which site this is (ids are remembered per site), its fixed
    /// redirects, and its title and tagline (see `site_title`, `site_tagline`).
    Site {
        key: String,
        redirects: Vec<(String, String)>,
        title: Option<String>,
        tagline: Option<String>,
    },
    /// A category or tag: the tag it becomes and its old addresses (made only if a post has it).
    Term {
        tag: Tag,
        old_addresses: Vec<String>,
    },
    Post(Box<ImportPost>),
    /// Something not imported, why, and how many comments it had.
    Skipped {
        reason: Skipped,
        comments: usize,
    },
}

/// Why something in an export was left out; counted in the summary.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skipped {
    /// Files; posts keep linking them where they are.
    Attachments,
    /// Items of another post type (`nav_menu_item`, …).
    ItemsOfType(String),
    /// Items with no post type in WordPress's namespace (see `wxr::reader`).
    ItemsWithoutType,
    PostsWithStatus(String),
    Pingbacks,
    Trackbacks,
    CommentsOfType(String),
    /// The comments of an item left out for the reason inside.
    CommentsOn(Box<Skipped>),
    /// Categories and tags that no imported post has.
    UnusedTerms,
    /// Comments of a post an admin deleted in Folio after an earlier import.
    CommentsOnDeletedPosts,
}

impl Skipped {
    /// `n` things left out for this reason, in words the catalogues hold.
    pub fn message(&self, n: usize) -> Message {
        let (id, kind) = match self {
            Self::Attachments => (msg::IMPORT_SKIPPED_ATTACHMENTS, None),
            Self::ItemsOfType(kind) => (msg::IMPORT_SKIPPED_ITEMS_OF_TYPE, Some(kind)),
            Self::ItemsWithoutType => (msg::IMPORT_SKIPPED_ITEMS_WITHOUT_TYPE, None),
            Self::PostsWithStatus(status) => (msg::IMPORT_SKIPPED_POSTS_WITH_STATUS, Some(status)),
            Self::Pingbacks => (msg::IMPORT_SKIPPED_PINGBACKS, None),
            Self::Trackbacks => (msg::IMPORT_SKIPPED_TRACKBACKS, None),
            Self::CommentsOfType(kind) => (msg::IMPORT_SKIPPED_COMMENTS_OF_TYPE, Some(kind)),
            Self::UnusedTerms => (msg::IMPORT_SKIPPED_UNUSED_TERMS, None),
            Self::CommentsOnDeletedPosts => (msg::IMPORT_SKIPPED_COMMENTS_ON_DELETED_POSTS, None),
            Self::CommentsOn(item) => {
                let (on, kind) = match &**item {
                    Self::Attachments => ("attachments", ""),
                    Self::ItemsOfType(kind) => ("type", kind.as_str()),
                    Self::PostsWithStatus(status) => ("status", status.as_str()),
                    _ => ("other", ""),
                };
                return Message::new(msg::IMPORT_SKIPPED_COMMENTS_ON)
                    .with("count", n)
                    .with("on", on)
                    .with("kind", kind);
            }
        };
        let message = Message::new(id).with("count", n);
        match kind {
            Some(kind) => message.with("kind", kind.as_str()),
            None => message,
        }
    }
}

/// One line of an import's summary: a message, maybe indented under the line before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryLine {
    pub indent: bool,
    #[serde(flatten)]
    pub message: Message,
}

impl SummaryLine {
    fn top(message: Message) -> Self {
        Self {
            indent: false,
            message,
        }
    }

    fn under(message: Message) -> Self {
        Self {
            indent: true,
            message,
        }
    }
}

impl ImportPost {
    /// Where it stands once imported.
    pub fn standing(&self) -> Standing {
        if self.in_trash {
            Standing::Trash
        } else if self.published {
            Standing::Published
        } else if self.publish_at.is_some() {
            Standing::Scheduled
        } else {
            Standing::Draft
        }
    }
}

/// Where an imported post or page stands in Folio, as the summary counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    Published,
    /// Published on its own at its date (see `publisher`).
    Scheduled,
    Draft,
    /// In Folio's trash, as it was in the source's.
    Trash,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// New posts by where they stand in Folio and the status they had in the source.
    pub posts: BTreeMap<(Standing, String), usize>,
    /// New pages, counted the same way.
    pub pages: BTreeMap<(Standing, String), usize>,
    /// Posts and pages imported before.
    pub posts_already_there: usize,
    pub tags_new: usize,
    pub comments: BTreeMap<&'static str, usize>,
    pub comments_already_there: usize,
    pub replies: usize,
    pub max_depth: usize,
    pub by_site_admins: usize,
    /// Written by one of the site's users who has no Folio admin account of the same name.
    pub by_site_authors_name_only: usize,
    pub skipped: BTreeMap<Skipped, usize>,
    pub redirects: usize,
    /// The export's site title and tagline, when the site took them (it still had Folio's).
    pub site_title: Option<String>,
    pub site_tagline: Option<String>,
    /// The untouched sample post of a new site was removed.
    pub sample_removed: bool,
    /// What became of the old site's uploaded files.
    pub media: MediaSummary,
}

/// What an import did with the old site's uploaded files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaSummary {
    /// Left out on request (`--no-media`): posts keep linking the old site.
    pub left_out: bool,
    /// A dry run: nothing fetched; `wanted` files would be.
    pub dry_run: bool,
    /// Files the export needs (attachments and files posts link).
    pub wanted: usize,
    /// Brought into the library by this run.
    pub new: usize,
    /// Brought in by an earlier run (or already in the library).
    pub already_there: usize,
    /// Files that could not be had, each with its old URL and why.
    pub missing: Vec<MissingFile>,
}

/// A file an import could not bring in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFile {
    pub url: String,
    pub reason: MissingReason,
}

/// Why a file could not be brought in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingReason {
    /// Not an `http`/`https` address.
    NotHttp,
    /// The server answered with this status.
    Status(u16),
    /// No answer in time, too many redirects, or the connection broke.
    Unreachable,
    /// Larger than `FOLIO_MEDIA_MAX_MB`.
    TooLarge,
    /// Not a JPEG, PNG, WebP, GIF or PDF (or an image that cannot be decoded).
    NotAccepted,
    /// Not in the `--media-dir` folder.
    NotInFolder,
    /// Its path leads out of the `--media-dir` folder.
    OutsideFolder,
}

impl MissingReason {
    fn id(self) -> &'static str {
        match self {
            Self::NotHttp => "not-http",
            Self::Status(_) => "status",
            Self::Unreachable => "unreachable",
            Self::TooLarge => "too-large",
            Self::NotAccepted => "not-accepted",
            Self::NotInFolder => "not-in-folder",
            Self::OutsideFolder => "outside-folder",
        }
    }
}

impl MediaSummary {
    fn lines(&self, lines: &mut Vec<SummaryLine>) {
        if self.left_out {
            lines.push(SummaryLine::top(Message::new(msg::IMPORT_MEDIA_LEFT_OUT)));
            return;
        }
        if self.wanted == 0 {
            return;
        }
        if self.dry_run {
            lines.push(SummaryLine::top(
                Message::new(msg::IMPORT_MEDIA_DRY_RUN)
                    .with("count", self.wanted.saturating_sub(self.already_there))
                    .with("already", self.already_there),
            ));
            return;
        }
        lines.push(SummaryLine::top(
            Message::new(msg::IMPORT_MEDIA)
                .with("count", self.new)
                .with("already", self.already_there)
                .with("missing", self.missing.len()),
        ));
        for missing in &self.missing {
            let status = match missing.reason {
                MissingReason::Status(status) => status,
                _ => 0,
            };
            lines.push(SummaryLine::under(
                Message::new(msg::IMPORT_MEDIA_MISSING)
                    .with("url", missing.url.as_str())
                    .with("reason", missing.reason.id())
                    .with("status", usize::from(status)),
            ));
        }
    }
}

impl Summary {
    pub fn skip(&mut self, reason: Skipped, n: usize) {
        if n > 0 {
            *self.skipped.entry(reason).or_default() += n;
        }
    }

    pub fn count_comment(&mut self, status: Status) {
        *self.comments.entry(status.as_str()).or_default() += 1;
    }

    pub fn new_posts(&self) -> usize {
        self.posts.values().sum()
    }

    pub fn new_pages(&self) -> usize {
        self.pages.values().sum()
    }

    /// Counts a new post or page by where it stands and its source status.
    pub fn count_post(&mut self, kind: PostKind, standing: Standing, source_status: &str) {
        let counts = match kind {
            PostKind::Post => &mut self.posts,
            PostKind::Page => &mut self.pages,
        };
        *counts
            .entry((standing, source_status.to_owned()))
            .or_default() += 1;
    }

    pub fn new_comments(&self) -> usize {
        self.comments.values().sum()
    }

    /// The summary as lines for people, each a message the catalogues word
    /// (the command prints them in English, the admin page in the site's language).
    pub fn lines(&self) -> Vec<SummaryLine> {
        let mut lines = Vec::new();
        new_by_status(&mut lines, msg::IMPORT_POSTS, &self.posts);
        if self.posts_already_there > 0 {
            lines.push(SummaryLine::under(
                Message::new(msg::IMPORT_POSTS_ALREADY_THERE)
                    .with("count", self.posts_already_there),
            ));
        }
        new_by_status(&mut lines, msg::IMPORT_PAGES, &self.pages);
        lines.push(SummaryLine::top(
            Message::new(msg::IMPORT_TAGS).with("count", self.tags_new),
        ));
        let mut comments = Message::new(msg::IMPORT_COMMENTS).with("count", self.new_comments());
        for status in Status::ALL {
            let n = self.comments.get(status.as_str()).copied().unwrap_or(0);
            comments = comments.with(status.as_str(), n);
        }
        lines.push(SummaryLine::top(comments));
        if self.comments_already_there > 0 {
            lines.push(SummaryLine::under(
                Message::new(msg::IMPORT_COMMENTS_ALREADY_THERE)
                    .with("count", self.comments_already_there),
            ));
        }
        lines.push(SummaryLine::top(
            Message::new(msg::IMPORT_THREADS)
                .with("replies", self.replies)
                .with("depth", self.max_depth),
        ));
        if self.by_site_admins > 0 || self.by_site_authors_name_only > 0 {
            lines.push(SummaryLine::top(
                Message::new(msg::IMPORT_BY_SITE_USERS)
                    .with("admins", self.by_site_admins)
                    .with("names", self.by_site_authors_name_only),
            ));
        }
        self.skipped_and_site_lines(&mut lines);
        lines
    }

    /// What was left out, the redirects, and what became of the site's own settings.
    fn skipped_and_site_lines(&self, lines: &mut Vec<SummaryLine>) {
        if self.skipped.is_empty() {
            lines.push(SummaryLine::top(Message::new(msg::IMPORT_SKIPPED_NOTHING)));
        } else {
            lines.push(SummaryLine::top(Message::new(msg::IMPORT_SKIPPED)));
            for (reason, n) in &self.skipped {
                lines.push(SummaryLine::under(reason.message(*n)));
            }
        }
        lines.push(SummaryLine::top(
            Message::new(msg::IMPORT_REDIRECTS).with("count", self.redirects),
        ));
        if let Some(title) = &self.site_title {
            lines.push(SummaryLine::top(
                Message::new(msg::IMPORT_SITE_TITLE).with("title", title.as_str()),
            ));
        }
        if let Some(tagline) = &self.site_tagline {
            lines.push(SummaryLine::top(
                Message::new(msg::IMPORT_SITE_TAGLINE).with("tagline", tagline.as_str()),
            ));
        }
        if self.sample_removed {
            lines.push(SummaryLine::top(Message::new(msg::IMPORT_SAMPLE_REMOVED)));
        }
        self.media.lines(lines);
    }

    /// The lines as the database keeps them, to be worded when shown (see `i18n::Language::stored_lines`).
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&self.lines()).unwrap_or_default()
    }
}

/// "Posts: 9 new (5 published, 1 scheduled, 2 drafts, 1 in the trash)", then
/// one line per status the drafts had in the source.
fn new_by_status(
    lines: &mut Vec<SummaryLine>,
    id: MessageId,
    counts: &BTreeMap<(Standing, String), usize>,
) {
    let count = |standing: Standing| -> usize {
        counts
            .iter()
            .filter(|((s, _), _)| *s == standing)
            .map(|(_, n)| n)
            .sum()
    };
    lines.push(SummaryLine::top(
        Message::new(id)
            .with("count", counts.values().sum::<usize>())
            .with("published", count(Standing::Published))
            .with("scheduled", count(Standing::Scheduled))
            .with("drafts", count(Standing::Draft))
            .with("trash", count(Standing::Trash)),
    ));
    for ((_, status), n) in counts.iter().filter(|((s, _), _)| *s == Standing::Draft) {
        lines.push(SummaryLine::under(
            Message::new(msg::IMPORT_DRAFTS_BY_STATUS)
                .with("count", *n)
                .with("status", status.as_str()),
        ));
    }
}

/// The export's site title, fit for the settings: one line, at most as long as the settings allow.
pub fn site_title(raw: &str) -> Option<String> {
    one_line(raw, MAX_TITLE_CHARS)
}

/// The export's tagline, unless it is WordPress's own default one.
pub fn site_tagline(raw: &str) -> Option<String> {
    const WORDPRESS_DEFAULTS: [&str; 5] = [
        "Just another WordPress site",
        "Just another WordPress weblog",
        "Eine weitere WordPress-Website",
        "Eine weitere WordPress-Seite",
        "Ein weiterer WordPress-Blog",
    ];
    one_line(raw, MAX_TAGLINE_CHARS).filter(|t| !WORDPRESS_DEFAULTS.contains(&t.as_str()))
}

fn one_line(raw: &str, max_chars: usize) -> Option<String> {
    let text: String = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max_chars)
        .collect();
    let text = text.trim_end().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The form an old address is stored and looked up in: the path percent-decoded,
/// lowercased, without a trailing slash; for the front page with `?p=N` or
/// `?page_id=N`, that query (WordPress's plain links). `None` for the bare front page.
pub fn redirect_key(path: &str, query: &str) -> Option<String> {
    let decoded = percent_decode(path).to_lowercase();
    let trimmed = decoded.trim_end_matches('/');
    if trimmed.is_empty() {
        let id_query = query.split('&').find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let numeric = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
            (matches!(name, "p" | "page_id") && numeric).then(|| format!("/?{name}={value}"))
        });
        return id_query;
    }
    Some(trimmed.to_owned())
}

pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::Arg;

    #[test]
    fn old_addresses_are_compared_without_case_encoding_or_trailing_slash() {
        assert_eq!(
            redirect_key("/2024/12/02/Willkommen/", ""),
            Some("/2024/12/02/willkommen".into())
        );
        assert_eq!(
            redirect_key("/gr%C3%BC%C3%9Fe/", "utm=x"),
            Some("/grüße".into())
        );
        assert_eq!(redirect_key("/", "p=12"), Some("/?p=12".into()));
        assert_eq!(
            redirect_key("/", "x=1&page_id=16"),
            Some("/?page_id=16".into())
        );
        assert_eq!(redirect_key("/", "p=abc"), None);
        assert_eq!(redirect_key("/", ""), None);
    }

    #[test]
    fn the_summary_names_every_count_with_its_plural() {
        let mut summary = Summary::default();
        summary
            .posts
            .insert((Standing::Published, "publish".into()), 5);
        summary.posts.insert((Standing::Draft, "private".into()), 1);
        summary
            .posts
            .insert((Standing::Scheduled, "future".into()), 1);
        summary.posts.insert((Standing::Trash, "trash".into()), 1);
        summary.count_comment(Status::Approved);
        summary.skip(Skipped::Pingbacks, 3);
        summary.skip(Skipped::Attachments, 1);
        let lines = summary.lines();
        let find = |id: &str| {
            lines
                .iter()
                .find(|l| l.message.id == id)
                .unwrap_or_else(|| panic!("{id} missing from {lines:?}"))
        };
        let posts = find("import-posts");
        assert_eq!(posts.message.args["count"], Arg::Number(8));
        assert_eq!(posts.message.args["drafts"], Arg::Number(1));
        assert_eq!(posts.message.args["scheduled"], Arg::Number(1));
        assert_eq!(posts.message.args["trash"], Arg::Number(1));
        assert!(find("import-drafts-by-status").indent);
        assert_eq!(
            find("import-comments").message.args["approved"],
            Arg::Number(1)
        );
        assert_eq!(
            find("import-skipped-pingbacks").message.args["count"],
            Arg::Number(3)
        );
        assert!(find("import-skipped-attachments").indent);
        assert!(
            !lines
                .iter()
                .any(|l| l.message.id == "import-sample-removed"),
            "{lines:?}"
        );
    }

    #[test]
    fn the_comments_of_a_skipped_item_say_what_the_item_was() {
        let on_type = Skipped::CommentsOn(Box::new(Skipped::ItemsOfType("product".into())));
        let message = on_type.message(2);
        assert_eq!(message.id, "import-skipped-comments-on");
        assert_eq!(message.args["on"], "type".into());
        assert_eq!(message.args["kind"], "product".into());
    }

    #[test]
    fn a_site_title_is_one_line_and_wordpress_default_taglines_are_not_taken() {
        assert_eq!(
            site_title("  Praxis\n am   Westpark "),
            Some("Praxis am Westpark".into())
        );
        assert_eq!(site_title(" \t "), None);
        assert_eq!(
            site_title(&"x".repeat(300)).map(|t| t.chars().count()),
            Some(MAX_TITLE_CHARS)
        );
        assert_eq!(site_tagline("Just another WordPress site"), None);
        assert_eq!(
            site_tagline("Öffnungszeiten 7 Tage die Woche"),
            Some("Öffnungszeiten 7 Tage die Woche".into())
        );
    }
}
