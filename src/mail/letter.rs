//! Turning a letter (subject, recipient, a template and its values) into a
//! well-formed email: a plain-text and an HTML part from the templates in
//! `templates/mail/`, `Date`, `Message-ID`, `Auto-Submitted`, and for readers
//! the RFC 8058 unsubscribe headers. Names and subjects pass through
//! `domain::mail::header_text`, so no line break reaches a header; lettre
//! encodes what is not ASCII.

use std::time::{Duration, UNIX_EPOCH};

use anyhow::Context as _;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use tera::{Context, Tera};

use crate::domain::mail::header_text;
use crate::domain::time::UnixTime;
use crate::i18n::{self, Language};
use crate::templates::embedded;

/// Each mail is a `.txt` (sent as is) and an `.html` (auto-escaped) template.
const TEMPLATES: &[(&str, &str)] = &embedded![
    "mail/":
    "comments.txt",
    "comments.html",
    "confirm.txt",
    "confirm.html",
    "reply.txt",
    "reply.html",
    "test.txt",
    "test.html",
    "invitation.txt",
    "invitation.html",
    "review.txt",
    "review.html",
];

const AUTO_SUBMITTED: HeaderName = HeaderName::new_from_ascii_str("Auto-Submitted");
const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

/// Header text is cut to this many characters.
const MAX_HEADER_CHARS: usize = 150;

/// The mail templates, parsed once; they word their texts in `language`
/// (`t()` in the HTML part, `t_text()` in the plain one).
pub fn templates(language: Language) -> tera::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    i18n::register(&mut tera, language.clone());
    i18n::register_plain(&mut tera, language);
    tera.add_raw_templates(TEMPLATES.iter().copied())?;
    Ok(tera)
}

/// One email before it is made into a message.
pub struct Letter<'a> {
    pub to: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    /// `comments`, `confirm`, `reply`, `test`, `invitation` or `review`: the templates' name without extension.
    pub template: &'static str,
    pub context: Context,
    /// The https link that ends this reader's mail (RFC 8058); none for admins.
    pub unsubscribe: Option<String>,
}

/// Who sends, and where message ids come from.
pub struct Envelope<'a> {
    pub from: &'a Mailbox,
    /// The host of the site's base URL, the right-hand side of every Message-ID.
    pub host: &'a str,
    pub now: UnixTime,
    /// The language the mail is worded in ("de"), for the HTML part's `lang`.
    pub lang: &'a str,
}

fn mailbox(name: Option<&str>, address: &str) -> anyhow::Result<Mailbox> {
    let address = address
        .trim()
        .parse()
        .with_context(|| "the recipient's address is not valid")?;
    let name = name
        .map(|n| header_text(n, MAX_HEADER_CHARS))
        .filter(|n| !n.is_empty());
    Ok(Mailbox::new(name, address))
}

fn message_id(host: &str) -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("<{}@{host}>", hex::encode(bytes))
}

/// The email, ready for the transport.
pub fn build(
    templates: &Tera,
    envelope: &Envelope<'_>,
    letter: &Letter<'_>,
) -> anyhow::Result<lettre::Message> {
    let mut context = letter.context.clone();
    context.insert("lang", envelope.lang);
    let text = templates
        .render(&format!("{}.txt", letter.template), &context)
        .with_context(|| format!("could not render the {} mail", letter.template))?;
    let html = templates
        .render(&format!("{}.html", letter.template), &context)
        .with_context(|| format!("could not render the {} mail", letter.template))?;
    let sent_at =
        UNIX_EPOCH + Duration::from_secs(u64::try_from(envelope.now.seconds()).unwrap_or(0));
    let mut builder = lettre::Message::builder()
        .from(envelope.from.clone())
        .to(mailbox(letter.to_name, letter.to)?)
        .subject(header_text(letter.subject, MAX_HEADER_CHARS))
        .date(sent_at)
        .message_id(Some(message_id(envelope.host)))
        .raw_header(HeaderValue::new(AUTO_SUBMITTED, "auto-generated".into()));
    if let Some(link) = &letter.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{link}>")))
            .raw_header(HeaderValue::new(
                LIST_UNSUBSCRIBE_POST,
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .with_context(|| "could not assemble the email")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope_from() -> Mailbox {
        "Folio <folio@example.org>".parse().unwrap()
    }

    fn letter(name: &'static str, subject: &'static str) -> Letter<'static> {
        let mut context = Context::new();
        context.insert("site_title", "Praxis");
        context.insert("link", "https://example.org/x");
        context.insert("post_title", "A post");
        context.insert("name", name);
        context.insert("unsubscribe", "https://example.org/email/unsubscribe/1.ab");
        Letter {
            to: "reader@example.org",
            to_name: Some(name),
            subject,
            template: "confirm",
            context,
            unsubscribe: Some("https://example.org/email/unsubscribe/1.ab".into()),
        }
    }

    fn formatted(letter: &Letter<'_>) -> String {
        let from = envelope_from();
        let envelope = Envelope {
            from: &from,
            host: "example.org",
            now: crate::domain::time::UnixTime::from_seconds(1_795_788_300),
            lang: "en",
        };
        let templates = templates(Language::new("en")).unwrap();
        let message = build(&templates, &envelope, letter).unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn a_reader_mail_has_both_parts_and_the_headers_of_good_mail() {
        let mail = formatted(&letter("Ada", "Please confirm"));
        for header in [
            "Date: Fri, 27 Nov 2026 14:05:00 +0000",
            "Message-ID: <",
            "@example.org>",
            "Auto-Submitted: auto-generated",
            "List-Unsubscribe: <https://example.org/email/unsubscribe/1.ab>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Content-Type: text/plain",
            "Content-Type: text/html",
        ] {
            assert!(mail.contains(header), "{header} missing in\n{mail}");
        }
    }

    #[test]
    fn line_breaks_in_names_and_subjects_never_make_headers() {
        let mail = formatted(&letter(
            "Eve\r\nBcc: x@evil.example",
            "Hi\r\nBcc: y@evil.example",
        ));
        let headers = mail.split("\r\n\r\n").next().unwrap();
        assert!(!headers.lines().any(|l| l.starts_with("Bcc:")), "{headers}");
    }

    #[test]
    fn non_ascii_names_and_subjects_are_encoded() {
        let mail = formatted(&letter("Jürgen Müller", "Antwort für Jürgen"));
        let headers = mail.split("\r\n\r\n").next().unwrap();
        assert!(headers.is_ascii(), "{headers}");
        assert!(headers.contains("=?utf-8?"), "{headers}");
    }
}
