//! What an import from another blog engine brings in, as Folio's own values,
//! and the summary it ends with. Made by `wxr::mapper`, stored by `db::import`.

use std::collections::BTreeMap;

use super::SafeHtml;
use super::moderation::Status;
use super::post::Tag;
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
    /// Parents before their replies.
    pub comments: Vec<ImportComment>,
    /// Comments left out, by reason (pingbacks, trackbacks, ...).
    pub skipped_comments: Vec<String>,
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
    /// First: which site this is (ids are remembered per site) and its fixed redirects.
    Site {
        key: String,
        redirects: Vec<(String, String)>,
    },
    /// A category or tag: the tag it becomes and its old addresses (made only if a post has it).
    Term {
        tag: Tag,
        old_addresses: Vec<String>,
    },
    Post(Box<ImportPost>),
    /// Something not imported, why, and how many comments it had.
    Skipped {
        reason: String,
        comments: usize,
    },
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// New posts by the status they had in the source, and whether Folio publishes them.
    pub posts: BTreeMap<(bool, String), usize>,
    /// New pages, counted the same way.
    pub pages: BTreeMap<(bool, String), usize>,
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
    pub skipped: BTreeMap<String, usize>,
    pub redirects: usize,
}

impl Summary {
    pub fn skip(&mut self, reason: &str, n: usize) {
        if n > 0 {
            *self.skipped.entry(reason.to_owned()).or_default() += n;
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

    /// Counts a new post or page by its source status.
    pub fn count_post(&mut self, kind: PostKind, published: bool, source_status: &str) {
        let counts = match kind {
            PostKind::Post => &mut self.posts,
            PostKind::Page => &mut self.pages,
        };
        *counts
            .entry((published, source_status.to_owned()))
            .or_default() += 1;
    }

    pub fn new_comments(&self) -> usize {
        self.comments.values().sum()
    }

    /// The summary as lines for people (the command prints it, the admin page shows it).
    pub fn to_text(&self) -> String {
        let mut lines = Vec::new();
        let mut posts = new_by_status("Posts", &self.posts);
        if self.posts_already_there > 0 {
            posts.push_str(&format!(
                "; {} posts and pages already imported, left as they are",
                self.posts_already_there
            ));
        }
        lines.push(posts);
        lines.push(new_by_status("Pages", &self.pages));
        lines.push(format!("Tags: {} new", self.tags_new));
        let by_status: Vec<String> = Status::ALL
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    self.comments.get(s.as_str()).copied().unwrap_or(0),
                    s.as_str()
                )
            })
            .collect();
        let mut comments = format!(
            "Comments: {} new ({})",
            self.new_comments(),
            by_status.join(", ")
        );
        if self.comments_already_there > 0 {
            comments.push_str(&format!(
                "; {} already imported, left as they are",
                self.comments_already_there
            ));
        }
        lines.push(comments);
        lines.push(format!(
            "Threads: {} replies, up to {} levels deep",
            self.replies, self.max_depth
        ));
        if self.by_site_admins > 0 || self.by_site_authors_name_only > 0 {
            lines.push(format!(
                "By the site's own users: {} marked as a Folio admin's; {} kept with the author's name only (no Folio admin with that login)",
                self.by_site_admins, self.by_site_authors_name_only
            ));
        }
        if self.skipped.is_empty() {
            lines.push("Skipped: nothing".into());
        } else {
            lines.push("Skipped:".into());
            for (reason, n) in &self.skipped {
                lines.push(format!("  {n} {reason}"));
            }
        }
        lines.push(format!("Redirects: {} new old addresses", self.redirects));
        lines.join("\n")
    }
}

/// "Posts: 8 new (5 published, 3 drafts: 1 draft, 1 future, 1 private)".
fn new_by_status(label: &str, counts: &BTreeMap<(bool, String), usize>) -> String {
    let total: usize = counts.values().sum();
    let published: usize = counts.iter().filter(|((p, _), _)| *p).map(|(_, n)| n).sum();
    let detail: Vec<String> = counts
        .iter()
        .filter(|((p, _), _)| !*p)
        .map(|((_, status), n)| format!("{n} {status}"))
        .collect();
    let mut line = format!(
        "{label}: {total} new ({published} published, {} drafts",
        total - published
    );
    if !detail.is_empty() {
        line.push_str(&format!(": {}", detail.join(", ")));
    }
    line.push(')');
    line
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

fn percent_decode(text: &str) -> String {
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
    fn the_summary_names_every_count() {
        let mut summary = Summary::default();
        summary.posts.insert((true, "publish".into()), 5);
        summary.posts.insert((false, "future".into()), 1);
        summary.count_comment(Status::Approved);
        summary.skip("pingbacks", 3);
        let text = summary.to_text();
        assert!(
            text.contains("Posts: 6 new (5 published, 1 drafts: 1 future)"),
            "{text}"
        );
        assert!(
            text.contains("Comments: 1 new (0 pending, 1 approved, 0 spam, 0 trash)"),
            "{text}"
        );
        assert!(text.contains("  3 pingbacks"), "{text}");
    }
}
