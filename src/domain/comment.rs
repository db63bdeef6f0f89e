//! A reader's comment: the form as typed, and the valid value made from it.

use serde::{Deserialize, Serialize};
use validator::{ValidateEmail, ValidateLength};

use super::form::{FieldErrors, checked};
use super::ids::CommentId;
use super::message::{Message, MessageId, msg};

/// The comment form exactly as the reader typed it; re-shown when it is refused.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CommentForm {
    pub name: String,
    pub email: String,
    pub website: String,
    pub body: String,
    pub parent_id: String,
    /// "I agree that my data is stored…" (a checkbox: present when ticked).
    pub consent: Option<String>,
    /// "Save my name, email, and website in this browser…" (a checkbox).
    pub remember: Option<String>,
    /// "Notify me of replies by email": present ("on") when ticked.
    pub notify_replies: Option<String>,
}

macro_rules! text_newtype {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

/// `raw` without control characters other than tab and newline (a NUL or an
/// escape code typed or pasted into a field would make the page that shows it
/// invalid HTML); a carriage return before a newline goes with them.
pub fn without_control_chars(raw: &str) -> std::borrow::Cow<'_, str> {
    let unwanted = |c: char| c.is_control() && c != '\t' && c != '\n';
    if raw.contains(unwanted) {
        std::borrow::Cow::Owned(raw.chars().filter(|c| !unwanted(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

text_newtype!(AuthorName);
text_newtype!(CommenterEmail);
text_newtype!(Website);
text_newtype!(CommentBody);

impl AuthorName {
    pub const MAX_CHARS: u64 = 100;

    pub fn parse(raw: &str) -> Result<Self, Message> {
        let name = present_within(
            raw,
            Self::MAX_CHARS,
            msg::COMMENT_NAME_REQUIRED,
            msg::COMMENT_NAME_TOO_LONG,
        )?;
        if name.chars().any(char::is_control) {
            return Err(Message::new(msg::COMMENT_NAME_CONTROL));
        }
        Ok(Self(name.to_owned()))
    }
}

impl CommenterEmail {
    pub const MAX_CHARS: u64 = 254;

    pub fn parse(raw: &str) -> Result<Self, Message> {
        let email = without_control_chars(raw);
        let email = present_within(
            &email,
            Self::MAX_CHARS,
            msg::COMMENT_EMAIL_REQUIRED,
            msg::COMMENT_EMAIL_TOO_LONG,
        )?;
        if !email.validate_email() {
            return Err(Message::new(msg::COMMENT_EMAIL_INVALID));
        }
        Ok(Self(email.to_owned()))
    }
}

impl Website {
    pub const MAX_CHARS: u64 = 200;

    /// An empty field means "no website"; a bare domain (`praxis-meier.de`,
    /// as WordPress takes it) is an https address.
    pub fn parse(raw: &str) -> Result<Option<Self>, Message> {
        let typed = without_control_chars(raw);
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        let bare_domain = !typed.contains("://") && !typed.contains(':') && typed.contains('.');
        let with_scheme;
        let website = if bare_domain {
            with_scheme = format!("https://{typed}");
            with_scheme.as_str()
        } else {
            typed
        };
        if !website.validate_length(None, Some(Self::MAX_CHARS), None) {
            return Err(Message::new(msg::COMMENT_WEBSITE_TOO_LONG).with("max", Self::MAX_CHARS));
        }
        match url::Url::parse(website) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
                Ok(Some(Self(website.to_owned())))
            }
            _ => Err(Message::new(msg::COMMENT_WEBSITE_INVALID)),
        }
    }
}

impl CommentBody {
    pub const MAX_CHARS: u64 = 5_000;

    pub fn parse(raw: &str) -> Result<Self, Message> {
        let body = without_control_chars(raw);
        let body = present_within(
            &body,
            Self::MAX_CHARS,
            msg::COMMENT_BODY_REQUIRED,
            msg::COMMENT_BODY_TOO_LONG,
        )?;
        Ok(Self(body.to_owned()))
    }
}

/// `text` trimmed, when something is left and it is at most `max` characters
/// long; else `required` or `too_long` (with the `max` and the `count`).
fn present_within(
    text: &str,
    max: u64,
    required: MessageId,
    too_long: MessageId,
) -> Result<&str, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Message::new(required));
    }
    if !text.validate_length(None, Some(max), None) {
        return Err(Message::new(too_long)
            .with("max", max)
            .with("count", text.chars().count()));
    }
    Ok(text)
}

/// A comment that passed every field rule; only a `parent_id` that the
/// database must confirm is left to check.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub name: AuthorName,
    pub email: CommenterEmail,
    pub website: Option<Website>,
    pub body: CommentBody,
    pub parent_id: Option<CommentId>,
}

impl TryFrom<&CommentForm> for NewComment {
    type Error = FieldErrors;

    fn try_from(form: &CommentForm) -> Result<Self, Self::Error> {
        let errors = &mut FieldErrors::new();
        let name = checked(errors, "name", AuthorName::parse(&form.name));
        let email = checked(errors, "email", CommenterEmail::parse(&form.email));
        let website = checked(errors, "website", Website::parse(&form.website));
        let body = checked(errors, "body", CommentBody::parse(&form.body));
        let parent_id = match form.parent_id.trim() {
            "" => Some(None),
            raw => raw.parse::<CommentId>().ok().map(Some),
        };
        if parent_id.is_none() {
            errors.insert("parent_id", Message::new(PARENT_NOT_FOUND));
        }
        match (name, email, website, body, parent_id) {
            (Some(name), Some(email), Some(website), Some(body), Some(parent_id))
                if errors.is_empty() =>
            {
                Ok(Self {
                    name,
                    email,
                    website,
                    body,
                    parent_id,
                })
            }
            _ => Err(std::mem::take(errors)),
        }
    }
}

/// An admin's edit of what a reader wrote: the name, website and text as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EditForm {
    pub author_name: String,
    pub author_website: String,
    pub body: String,
}

/// An edit that passed the same rules as the reader's form.
#[derive(Debug, Clone)]
pub struct CommentEdit {
    pub name: AuthorName,
    pub website: Option<Website>,
    pub body: CommentBody,
}

impl TryFrom<&EditForm> for CommentEdit {
    type Error = FieldErrors;

    fn try_from(form: &EditForm) -> Result<Self, Self::Error> {
        let errors = &mut FieldErrors::new();
        let name = checked(errors, "author_name", AuthorName::parse(&form.author_name));
        let website = checked(
            errors,
            "author_website",
            Website::parse(&form.author_website),
        );
        let body = checked(errors, "body", CommentBody::parse(&form.body));
        match (name, website, body) {
            (Some(name), Some(website), Some(body)) => Ok(Self {
                name,
                website,
                body,
            }),
            _ => Err(std::mem::take(errors)),
        }
    }
}

/// Shown next to the consent box when a site requires it and it was not ticked (a message id).
pub const CONSENT_REQUIRED: MessageId = msg::COMMENT_CONSENT_REQUIRED;

/// Shown above the form when the comment being replied to is not (or no longer) visible
/// (a message id).
pub const PARENT_NOT_FOUND: MessageId = msg::COMMENT_PARENT_GONE;

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> CommentForm {
        CommentForm {
            name: "  Ada Lovelace ".into(),
            email: "ada@example.org".into(),
            website: String::new(),
            body: " Hello there. ".into(),
            ..CommentForm::default()
        }
    }

    #[test]
    fn a_valid_form_becomes_a_trimmed_comment() {
        let comment = NewComment::try_from(&valid_form()).expect("valid");
        assert_eq!(comment.name.as_ref(), "Ada Lovelace");
        assert_eq!(comment.body.as_ref(), "Hello there.");
        assert!(comment.website.is_none());
        assert!(comment.parent_id.is_none());
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let form = CommentForm {
            name: " ".into(),
            email: "not-an-email".into(),
            website: "javascript:alert(1)".into(),
            body: "".into(),
            parent_id: "abc".into(),
            ..CommentForm::default()
        };
        let errors = NewComment::try_from(&form).expect_err("invalid");
        for field in ["name", "email", "website", "body", "parent_id"] {
            assert!(
                errors.contains_key(field),
                "no message for {field}: {errors:?}"
            );
        }
    }

    #[test]
    fn names_are_limited_to_100_characters_counted_as_characters() {
        assert!(AuthorName::parse(&"ü".repeat(100)).is_ok());
        assert!(AuthorName::parse(&"ü".repeat(101)).is_err());
    }

    #[test]
    fn names_with_control_characters_are_refused() {
        assert!(AuthorName::parse("Ada\u{0007}").is_err());
        assert!(AuthorName::parse("Ada\nLovelace").is_err());
    }

    #[test]
    fn control_characters_other_than_tab_and_newline_are_removed_from_every_other_field() {
        let body = CommentBody::parse("a\u{0}b\r\nc\td\u{1b}[31me\u{7f}").expect("ok");
        assert_eq!(body.as_ref(), "ab\nc\td[31me");
        let website = Website::parse("https://example.org/\u{0}x").expect("ok");
        assert_eq!(website.expect("some").as_ref(), "https://example.org/x");
        let email = CommenterEmail::parse("a\u{0}@example.org").expect("ok");
        assert_eq!(email.as_ref(), "a@example.org");
        assert!(CommentBody::parse("\u{0}\u{1}").is_err(), "nothing left");
    }

    #[test]
    fn emails_must_be_valid_and_short_enough() {
        assert!(CommenterEmail::parse("a@example.org").is_ok());
        assert!(CommenterEmail::parse("a@").is_err());
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(CommenterEmail::parse(&long).is_err());
    }

    #[test]
    fn websites_must_be_http_or_https() {
        assert!(Website::parse("https://example.org").expect("ok").is_some());
        assert!(
            Website::parse("http://example.org/x")
                .expect("ok")
                .is_some()
        );
        assert!(Website::parse("").expect("ok").is_none());
        assert!(Website::parse("ftp://example.org").is_err());
        assert!(Website::parse("javascript:alert(1)").is_err());
        assert!(Website::parse("example.org/x?y").is_ok());
        assert!(Website::parse("localhost").is_err());
        assert!(Website::parse("not a domain.").is_err());
        assert!(Website::parse(&format!("https://example.org/{}", "a".repeat(200))).is_err());
    }

    #[test]
    fn a_bare_domain_becomes_an_https_address() {
        let website = Website::parse(" praxis-meier.de ")
            .expect("ok")
            .expect("some");
        assert_eq!(website.as_ref(), "https://praxis-meier.de");
        assert!(Website::parse("javascript:alert(1).x").is_err());
    }

    #[test]
    fn bodies_are_limited_to_5000_characters() {
        assert!(CommentBody::parse(&"a".repeat(5_000)).is_ok());
        assert!(CommentBody::parse(&"a".repeat(5_001)).is_err());
        assert!(CommentBody::parse(" \n ").is_err());
    }
}
