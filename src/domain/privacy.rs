//! A commenter's personal data, per email address: what an export contains and
//! what an erasure leaves (GDPR articles 15, 17 and 20; WordPress's personal-data
//! exporter and eraser do the same).

use serde::Serialize;

use super::ids::CommentId;
use super::message::{Message, msg};
use super::moderation::Status;
use super::post::Kind;
use super::time::{self, UnixTime};

/// The name an erased comment shows.
pub const ANONYMOUS: &str = "Anonymous";

/// An email address to look personal data up by. Matched without regard to
/// case; looser than a reader's address on the form, since imported comments
/// may carry addresses the form would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address(String);

impl Address {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Message> {
        let address = raw.trim();
        if address.is_empty() {
            return Err(Message::new(msg::PRIVACY_ADDRESS_REQUIRED));
        }
        if address.chars().count() > Self::MAX_CHARS
            || address.chars().any(char::is_control)
            || !address.contains('@')
        {
            return Err(Message::new(msg::PRIVACY_ADDRESS_INVALID));
        }
        Ok(Self(address.to_owned()))
    }
}

impl AsRef<str> for Address {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// What to do with the comments of an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erasure {
    /// Name → "Anonymous"; email, website, IP and user agent removed; the text stays.
    Anonymise,
    /// The comments are deleted; replies to them by others move up to their parent.
    Delete,
}

impl Erasure {
    /// A checkbox: ticked ("on") deletes, otherwise the comments are anonymised.
    pub fn from_checkbox(delete: Option<&str>) -> Self {
        if delete.is_some() {
            Self::Delete
        } else {
            Self::Anonymise
        }
    }

    /// What the moderation log says happened, with the count and never the address.
    pub fn log_detail(self, comments: u64) -> Message {
        let how = match self {
            Self::Anonymise => "anonymised",
            Self::Delete => "deleted",
        };
        Message::new(msg::LOG_DETAIL_ERASED)
            .with("comments", comments)
            .with("how", how)
    }

    /// The message for whoever asked for the erasure: how many comments, and
    /// how many records of mail (subscriptions, mails, a refusal of all mail).
    pub fn summary(self, comments: u64, mail_records: u64) -> Message {
        if comments == 0 && mail_records == 0 {
            return Message::new(msg::PRIVACY_ERASED_NOTHING);
        }
        let id = match self {
            Self::Anonymise => msg::PRIVACY_ERASED_ANONYMISED,
            Self::Delete => msg::PRIVACY_ERASED_DELETED,
        };
        Message::new(id)
            .with("count", comments)
            .with("mails", mail_records)
    }
}

/// One comment with everything stored about it, as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredComment {
    pub id: CommentId,
    pub post_title: String,
    pub post_slug: String,
    /// On a page (at `/{slug}`) rather than a post.
    pub post_is_page: bool,
    pub parent_id: Option<CommentId>,
    pub author_name: String,
    pub author_email: String,
    pub author_website: String,
    pub body: String,
    pub status: Status,
    /// Why a moderator's rule held the comment or filed it as spam.
    pub status_reason: String,
    pub ip: String,
    pub user_agent: String,
    pub created_at: UnixTime,
    /// When the commenter agreed to how their data is stored, if the site asked.
    pub consent_at: Option<UnixTime>,
}

impl StoredComment {
    /// The address of the post or page it is on.
    pub fn post_path(&self) -> String {
        let kind = if self.post_is_page {
            Kind::Page
        } else {
            Kind::Post
        };
        kind.path(&self.post_slug)
    }
}

/// A reader's wish to be told of replies under one of their comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubscription {
    /// The comment whose replies are mailed, and the title of its post.
    pub comment_id: CommentId,
    pub post_title: String,
    pub email: String,
    /// When the reader asked; when they confirmed by the mailed link (double
    /// opt-in), if they did; when it ended (unsubscribed or erased), if it did.
    pub created_at: UnixTime,
    pub confirmed_at: Option<UnixTime>,
    pub ended_at: Option<UnixTime>,
}

/// A mail to the address, queued, sent, failed or cancelled (the outbox keeps
/// the record of a sent mail for 30 days).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMail {
    /// `confirm` (asks to confirm a subscription), `reply` (tells of a reply),
    /// `comment` (tells an admin of a new comment).
    pub kind: String,
    pub status: String,
    pub recipient: String,
    pub comment_id: Option<CommentId>,
    pub last_error: String,
    pub created_at: UnixTime,
    pub sent_at: Option<UnixTime>,
}

/// Everything Folio stores for one address. (Tables that hold personal data by
/// address add their rows here, and to the erasure in `db::privacy`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalData {
    pub comments: Vec<StoredComment>,
    pub subscriptions: Vec<StoredSubscription>,
    pub mails: Vec<StoredMail>,
    /// When the address asked for no more mail at all, if it did.
    pub opted_out_at: Option<UnixTime>,
}

impl PersonalData {
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
            && self.subscriptions.is_empty()
            && self.mails.is_empty()
            && self.opted_out_at.is_none()
    }
}

/// The export document: JSON a person can read and another service can import.
#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub email: &'a str,
    pub site: &'a str,
    pub exported_at: String,
    pub comments: Vec<ExportedComment<'a>>,
    pub subscriptions: Vec<ExportedSubscription<'a>>,
    pub mails: Vec<ExportedMail<'a>>,
    pub mail_opt_out: Option<ExportedOptOut>,
}

#[derive(Debug, Serialize)]
pub struct ExportedSubscription<'a> {
    /// Replies to this comment are mailed.
    pub comment_id: CommentId,
    pub post_title: &'a str,
    pub email: &'a str,
    pub subscribed_at: String,
    pub confirmed_at: Option<String>,
    pub ended_at: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportedMail<'a> {
    pub kind: &'a str,
    pub status: &'a str,
    pub to: &'a str,
    pub about_comment: Option<CommentId>,
    pub last_error: &'a str,
    pub queued_at: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportedOptOut {
    pub since: String,
}

#[derive(Debug, Serialize)]
pub struct ExportedComment<'a> {
    pub id: CommentId,
    pub post_title: &'a str,
    pub post_url: String,
    pub in_reply_to: Option<CommentId>,
    pub author_name: &'a str,
    pub author_email: &'a str,
    pub author_website: &'a str,
    pub text: &'a str,
    pub status: &'a str,
    /// Why the rules held the comment, in words (`word` in [`Export::new`]).
    pub moderation_note: String,
    pub ip_address: &'a str,
    pub user_agent: &'a str,
    pub created_at: String,
    pub consent_given_at: Option<String>,
}

impl<'a> Export<'a> {
    /// The export of `data`, with absolute post links under `base_url`; times
    /// in UTC; `word` puts a stored hold reason into words.
    pub fn new(
        address: &'a Address,
        data: &'a PersonalData,
        base_url: &'a str,
        now: UnixTime,
        word: &dyn Fn(&str) -> String,
    ) -> Self {
        Self {
            email: address.as_ref(),
            site: base_url,
            exported_at: time::iso8601(now),
            comments: data
                .comments
                .iter()
                .map(|c| ExportedComment::of(c, base_url, word))
                .collect(),
            subscriptions: data
                .subscriptions
                .iter()
                .map(ExportedSubscription::of)
                .collect(),
            mails: data.mails.iter().map(ExportedMail::of).collect(),
            mail_opt_out: data.opted_out_at.map(|at| ExportedOptOut {
                since: time::iso8601(at),
            }),
        }
    }
}

impl<'a> ExportedComment<'a> {
    fn of(c: &'a StoredComment, base_url: &str, word: &dyn Fn(&str) -> String) -> Self {
        Self {
            id: c.id,
            post_title: &c.post_title,
            post_url: format!("{base_url}{}", c.post_path()),
            in_reply_to: c.parent_id,
            author_name: &c.author_name,
            author_email: &c.author_email,
            author_website: &c.author_website,
            text: &c.body,
            status: c.status.as_str(),
            moderation_note: word(&c.status_reason),
            ip_address: &c.ip,
            user_agent: &c.user_agent,
            created_at: time::iso8601(c.created_at),
            consent_given_at: c.consent_at.map(time::iso8601),
        }
    }
}

impl<'a> ExportedSubscription<'a> {
    fn of(s: &'a StoredSubscription) -> Self {
        Self {
            comment_id: s.comment_id,
            post_title: &s.post_title,
            email: &s.email,
            subscribed_at: time::iso8601(s.created_at),
            confirmed_at: s.confirmed_at.map(time::iso8601),
            ended_at: s.ended_at.map(time::iso8601),
        }
    }
}

impl<'a> ExportedMail<'a> {
    fn of(m: &'a StoredMail) -> Self {
        Self {
            kind: &m.kind,
            status: &m.status,
            to: &m.recipient,
            about_comment: m.comment_id,
            last_error: &m.last_error,
            queued_at: time::iso8601(m.created_at),
            sent_at: m.sent_at.map(time::iso8601),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_needs_an_at_sign() {
        assert_eq!(
            Address::parse("  Ada@Example.org ").unwrap().as_ref(),
            "Ada@Example.org"
        );
        assert!(Address::parse("").is_err());
        assert!(Address::parse("nobody").is_err());
        assert!(Address::parse("a@b\n").is_ok(), "trailing space is trimmed");
        assert!(Address::parse("a\u{7}@b").is_err());
        assert!(Address::parse(&format!("{}@b", "a".repeat(253))).is_err());
    }

    #[test]
    fn the_log_detail_counts_comments_and_never_names_the_address() {
        let english = crate::i18n::Language::new("en");
        assert_eq!(
            english.message(&Erasure::Anonymise.log_detail(1)),
            "personal data erased: 1 comment anonymised"
        );
        assert_eq!(
            english.message(&Erasure::Delete.log_detail(3)),
            "personal data erased: 3 comments deleted"
        );
        assert!(!Erasure::Delete.log_detail(3).to_stored().contains('@'));
    }

    #[test]
    fn the_summary_says_when_there_was_nothing_to_erase() {
        assert_eq!(
            Erasure::Anonymise.summary(0, 0).id,
            "privacy-erased-nothing"
        );
        assert_eq!(
            Erasure::Anonymise.summary(2, 0),
            Message::new(msg::PRIVACY_ERASED_ANONYMISED)
                .with("count", 2_u64)
                .with("mails", 0_u64)
        );
        assert_eq!(
            Erasure::Delete.summary(0, 3).id,
            "privacy-erased-deleted",
            "mail records alone are worth saying"
        );
    }

    #[test]
    fn a_ticked_box_deletes() {
        assert_eq!(Erasure::from_checkbox(Some("on")), Erasure::Delete);
        assert_eq!(Erasure::from_checkbox(None), Erasure::Anonymise);
    }

    #[test]
    fn the_export_keeps_every_field_and_links_the_post() {
        let address = Address::parse("ada@example.org").unwrap();
        let data = PersonalData {
            comments: vec![StoredComment {
                id: CommentId::new(7),
                post_title: "Hello".into(),
                post_slug: "hello".into(),
                post_is_page: false,
                parent_id: Some(CommentId::new(3)),
                author_name: "Ada".into(),
                author_email: "ADA@example.org".into(),
                author_website: "https://ada.example.org".into(),
                body: "Hi".into(),
                status: Status::Approved,
                status_reason: String::new(),
                ip: "203.0.113.9".into(),
                user_agent: "Lynx".into(),
                created_at: UnixTime::from_seconds(0),
                consent_at: None,
            }],
            subscriptions: vec![StoredSubscription {
                comment_id: CommentId::new(7),
                post_title: "Hello".into(),
                email: "ada@example.org".into(),
                created_at: UnixTime::from_seconds(0),
                confirmed_at: Some(UnixTime::from_seconds(60)),
                ended_at: None,
            }],
            mails: vec![StoredMail {
                kind: "confirm".into(),
                status: "sent".into(),
                recipient: "ada@example.org".into(),
                comment_id: Some(CommentId::new(7)),
                last_error: String::new(),
                created_at: UnixTime::from_seconds(0),
                sent_at: Some(UnixTime::from_seconds(5)),
            }],
            opted_out_at: Some(UnixTime::from_seconds(120)),
        };
        let export = Export::new(
            &address,
            &data,
            "https://blog.example",
            UnixTime::from_seconds(86_400),
            &str::to_owned,
        );
        let comment = &export.comments[0];
        assert_eq!(comment.post_url, "https://blog.example/posts/hello");
        assert_eq!(comment.ip_address, "203.0.113.9");
        assert_eq!(comment.user_agent, "Lynx");
        assert_eq!(comment.created_at, "1970-01-01T00:00:00Z");
        assert_eq!(export.exported_at, "1970-01-02T00:00:00Z");
        assert_eq!(
            export.subscriptions[0].confirmed_at.as_deref(),
            Some("1970-01-01T00:01:00Z")
        );
        assert_eq!(
            export.mails[0].sent_at.as_deref(),
            Some("1970-01-01T00:00:05Z")
        );
        assert_eq!(
            export.mail_opt_out.map(|o| o.since).as_deref(),
            Some("1970-01-01T00:02:00Z")
        );
    }
}
