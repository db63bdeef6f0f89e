//! A post as the editor submits it, the rules it must meet, and the two kinds
//! of post (a dated post, or a page).

use serde::{Deserialize, Serialize};

use super::form::{FieldErrors, checked};
use super::markdown;
use super::message::{Message, msg};
use super::schedule;
use super::slug::{Slug, Spelling, slugify};

/// What a row of `posts` is: a dated post, or a page at `/{slug}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Post,
    Page,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Page => "page",
        }
    }

    /// Anything but `page` is a post, as the column's default says.
    pub fn from_stored(raw: &str) -> Self {
        if raw == "page" {
            Self::Page
        } else {
            Self::Post
        }
    }

    /// The public address of a published one with this slug.
    pub fn path(self, slug: &str) -> String {
        match self {
            Self::Post => format!("/posts/{slug}"),
            Self::Page => format!("/{slug}"),
        }
    }

    /// Where the admin lists and writes them.
    pub fn admin_base(self) -> &'static str {
        match self {
            Self::Post => "/admin/posts",
            Self::Page => "/admin/pages",
        }
    }
}

/// The editor form exactly as typed; re-shown whole when refused, so a long post is never lost.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PostForm {
    pub title: String,
    pub slug: String,
    pub body: String,
    pub status: String,
    /// A checkbox: present when ticked.
    pub comments_open: Option<String>,
    /// Tags, separated by commas, as typed.
    pub tags: String,
    /// Which button was pressed: "preview" shows the rendered post without saving.
    pub action: String,
    /// The post's revision the editor was opened at (hidden); empty for a new post.
    pub revision: String,
    /// A checkbox: take a slug that is another post's old address anyway.
    pub take_old_address: Option<String>,
    /// A checkbox: publish although images have no alt text (they are decorative).
    pub images_decorative: Option<String>,
    /// When a scheduled post goes public, on the site's clocks (see `schedule::parse_local`).
    pub publish_at: String,
    /// A checkbox: the time to publish at has passed; publish now.
    pub publish_now: Option<String>,
}

impl PostForm {
    /// The form for a new post: a draft until the author publishes it, comments open.
    pub fn new_post() -> Self {
        Self {
            status: "draft".into(),
            comments_open: Some("on".into()),
            ..Self::default()
        }
    }

    pub fn wants_preview(&self) -> bool {
        self.action == "preview"
    }
}

/// A post that passed every rule. Without an explicit slug one is made from the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPost {
    pub title: String,
    pub slug: Option<Slug>,
    pub body: String,
    pub published: bool,
    /// A draft its author sends for review ("Submit for review").
    pub for_review: bool,
    /// For a scheduled post: when it goes public, on the site's clocks (a
    /// draft until then; `schedule::publication` says what that time means).
    pub publish_at: Option<jiff::civil::DateTime>,
    pub comments_open: bool,
    /// In the order typed, each once.
    pub tags: Vec<Tag>,
}

/// A tag as a post carries it: the name shown, and the slug of its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub name: String,
    pub slug: String,
}

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TAGS: usize = 10;
pub const MAX_TAG_CHARS: usize = 40;

/// The tags typed into the editor, comma-separated: trimmed, each once (by
/// slug, spelt the site's way), or the first problem found, in words the author can act on.
pub fn parse_tags(raw: &str, spelling: Spelling) -> Result<Vec<Tag>, Message> {
    let mut tags: Vec<Tag> = Vec::new();
    for name in raw.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name.chars().count() > MAX_TAG_CHARS {
            return Err(Message::new(msg::POST_TAG_TOO_LONG)
                .with("tag", name)
                .with("max", MAX_TAG_CHARS));
        }
        if name.chars().any(char::is_control) {
            return Err(Message::new(msg::POST_TAG_SINGLE_LINE));
        }
        let slug = slugify(name, MAX_TAG_CHARS * 2, spelling);
        if slug.is_empty() {
            return Err(Message::new(msg::POST_TAG_EMPTY).with("tag", name));
        }
        if tags.iter().all(|t| t.slug != slug) {
            tags.push(Tag {
                name: name.to_owned(),
                slug,
            });
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(Message::new(msg::POST_TAGS_TOO_MANY)
            .with("max", MAX_TAGS)
            .with("count", tags.len()));
    }
    Ok(tags)
}

/// What is wrong with a (trimmed) title, if anything.
fn title_error(title: &str) -> Option<Message> {
    if title.is_empty() {
        Some(Message::new(msg::POST_TITLE_REQUIRED))
    } else if title.chars().count() > MAX_TITLE_CHARS {
        Some(Message::new(msg::POST_TITLE_TOO_LONG).with("max", MAX_TITLE_CHARS))
    } else if title.chars().any(char::is_control) {
        Some(Message::new(msg::POST_TITLE_SINGLE_LINE))
    } else {
        None
    }
}

/// Posts up to a mebibyte of Markdown are accepted (the admin form's request limit is well above).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

impl ValidPost {
    /// Whether saving it makes it public, now or at its scheduled time.
    pub fn goes_public(&self) -> bool {
        self.published || self.publish_at.is_some()
    }

    /// Before a post is published, its images need alt text, unless the author
    /// ticked that they are decorative: the messages that say so, if it lacks some.
    pub fn missing_alt_text(&self, form: &PostForm) -> Option<FieldErrors> {
        if !self.goes_public() || form.wants_preview() || form.images_decorative.is_some() {
            return None;
        }
        let without_alt = markdown::images_without_alt(&self.body).len();
        (without_alt > 0).then(|| {
            FieldErrors::from([
                (
                    "body",
                    Message::new(msg::EDITOR_IMAGES_WITHOUT_ALT).with("count", without_alt),
                ),
                (
                    "images_decorative",
                    Message::new(msg::EDITOR_IMAGES_DECORATIVE),
                ),
            ])
        })
    }

    /// The form checked against every rule; slugs made from what was typed
    /// are spelt the site's way (see `Spelling`).
    pub fn check(form: &PostForm, spelling: Spelling) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = form.title.trim();
        if let Some(wrong) = title_error(title) {
            errors.insert("title", wrong);
        }
        let slug = match form.slug.trim() {
            "" => None,
            raw => checked(
                &mut errors,
                "slug",
                Slug::from_typed(raw, spelling).map_err(|e| e.message()),
            ),
        };
        if form.body.len() > MAX_BODY_BYTES {
            errors.insert(
                "body",
                Message::new(msg::POST_BODY_TOO_LONG)
                    .with("max", MAX_BODY_BYTES / 1024)
                    .with("size", form.body.len().div_ceil(1024)),
            );
        }
        let (published, for_review) = match form.status.as_str() {
            "published" => (true, false),
            "draft" | schedule::SCHEDULED => (false, false),
            "review" => (false, true),
            _ => {
                errors.insert("status", Message::new(msg::POST_STATUS_UNKNOWN));
                (false, false)
            }
        };
        let publish_at = (form.status == schedule::SCHEDULED)
            .then(|| {
                checked(
                    &mut errors,
                    "publish_at",
                    schedule::parse_local(&form.publish_at),
                )
            })
            .flatten();
        let tags =
            checked(&mut errors, "tags", parse_tags(&form.tags, spelling)).unwrap_or_default();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            title: title.to_owned(),
            slug,
            body: form.body.replace("\r\n", "\n"),
            published,
            for_review,
            publish_at,
            comments_open: form.comments_open.is_some(),
            tags,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl ValidPost {
        fn check_plain(form: &PostForm) -> Result<Self, FieldErrors> {
            Self::check(form, Spelling::Plain)
        }
    }
    use crate::domain::message::Arg;

    fn form(title: &str, slug: &str) -> PostForm {
        PostForm {
            title: title.into(),
            slug: slug.into(),
            body: "Hello".into(),
            ..PostForm::new_post()
        }
    }

    #[test]
    fn a_page_lives_at_its_slug_and_a_post_under_posts() {
        assert_eq!(Kind::Page.path("impressum"), "/impressum");
        assert_eq!(Kind::Post.path("hello"), "/posts/hello");
        assert_eq!(Kind::from_stored("page"), Kind::Page);
        assert_eq!(Kind::from_stored("post"), Kind::Post);
    }

    #[test]
    fn a_post_without_a_slug_gets_one_from_its_title_later() {
        let post = ValidPost::check_plain(&form(" Grüße aus Nürnberg ", "")).expect("valid");
        assert_eq!(post.title, "Grüße aus Nürnberg");
        assert!(post.slug.is_none());
        assert!(!post.published, "a new post is a draft until published");
        assert!(post.comments_open);
    }

    #[test]
    fn an_empty_title_and_a_bad_slug_are_refused() {
        let errors = ValidPost::check_plain(&form(" ", "!!!")).expect_err("invalid");
        assert!(errors.contains_key("title"));
        assert!(errors.contains_key("slug"));
    }

    #[test]
    fn an_unknown_status_is_refused() {
        let errors = ValidPost::check_plain(&PostForm {
            status: "archived".into(),
            ..form("T", "")
        })
        .expect_err("invalid");
        assert!(errors.contains_key("status"));
    }

    #[test]
    fn a_scheduled_post_needs_a_time_to_publish_at() {
        let scheduled = |publish_at: &str| PostForm {
            status: "scheduled".into(),
            publish_at: publish_at.into(),
            ..form("Closed on Monday", "")
        };
        let post = ValidPost::check_plain(&scheduled("2026-12-14T07:00")).expect("valid");
        assert!(!post.published);
        assert_eq!(
            post.publish_at,
            Some(jiff::civil::date(2026, 12, 14).at(7, 0, 0, 0))
        );
        let errors = ValidPost::check_plain(&scheduled("")).expect_err("invalid");
        assert_eq!(errors["publish_at"].id, "schedule-time-required");
        let draft = PostForm {
            publish_at: "2026-12-14T07:00".into(),
            ..form("T", "")
        };
        assert_eq!(ValidPost::check_plain(&draft).unwrap().publish_at, None);
    }

    #[test]
    fn a_body_over_a_mebibyte_is_refused_with_its_size() {
        let big = PostForm {
            body: "a".repeat(MAX_BODY_BYTES + 1),
            ..form("T", "")
        };
        let errors = ValidPost::check_plain(&big).expect_err("invalid");
        assert_eq!(errors["body"].args["max"], Arg::Number(1024));
        let fits = PostForm {
            body: "a".repeat(1_000_000),
            ..form("T", "")
        };
        assert!(ValidPost::check_plain(&fits).is_ok());
    }

    fn names(raw: &str) -> Vec<(String, String)> {
        parse_tags(raw, Spelling::Plain)
            .expect("valid")
            .into_iter()
            .map(|t| (t.name, t.slug))
            .collect()
    }

    #[test]
    fn tags_are_trimmed_folded_into_slugs_and_kept_once_in_order() {
        assert_eq!(
            names(" Grüße aus Nürnberg ,Flu season,, flu SEASON ,News"),
            [
                ("Grüße aus Nürnberg".into(), "grusse-aus-nurnberg".into()),
                ("Flu season".into(), "flu-season".into()),
                ("News".into(), "news".into()),
            ]
        );
        assert!(names(" , ").is_empty());
        let german = parse_tags("Öffnungszeiten", Spelling::German).unwrap();
        assert_eq!(german[0].slug, "oeffnungszeiten");
    }

    #[test]
    fn a_tag_without_letters_too_long_or_too_many_is_refused() {
        assert_eq!(
            parse_tags("ok, !!!", Spelling::Plain).unwrap_err(),
            Message::new(msg::POST_TAG_EMPTY).with("tag", "!!!")
        );
        let long = "x".repeat(MAX_TAG_CHARS + 1);
        assert_eq!(
            parse_tags(&long, Spelling::Plain).unwrap_err().id,
            "post-tag-too-long"
        );
        let eleven: Vec<String> = (0..=MAX_TAGS).map(|n| format!("tag {n}")).collect();
        assert_eq!(
            parse_tags(&eleven.join(","), Spelling::Plain)
                .unwrap_err()
                .args["max"],
            Arg::Number(10)
        );
        let ten: Vec<String> = (0..MAX_TAGS).map(|n| format!("tag {n}")).collect();
        assert_eq!(
            parse_tags(&ten.join(","), Spelling::Plain).unwrap().len(),
            MAX_TAGS
        );
    }

    #[test]
    fn a_bad_tag_is_reported_on_the_tags_field() {
        let errors = ValidPost::check_plain(&PostForm {
            tags: "fine, ???".into(),
            ..form("T", "")
        })
        .expect_err("invalid");
        assert_eq!(errors["tags"].args["tag"], Arg::from("???"));
    }
}
