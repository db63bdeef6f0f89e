//! Sending: the SMTP transport, and what a failure means for the outbox rows
//! behind a mail (retry with backoff, or failed).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::SqlitePool;
use tera::Tera;

use super::letter::{self, Envelope, Letter};
use crate::config::Config;
use crate::db;
use crate::domain::ids::MailId;
use crate::domain::mail::next_attempt;
use crate::domain::message::{Message, msg};
use crate::domain::signing::Signer;
use crate::domain::time::Clock;
use crate::domain::time::UnixTime;
use crate::i18n::Language;

/// Sends email; cheap to clone. Exists only when `FOLIO_SMTP_URL` is set.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The longest one SMTP conversation may take (lettre bounds only the connect).
    timeout: Duration,
    from: Mailbox,
    host: String,
    base_url: String,
    templates: Tera,
    /// The site's language, shared with the handlers: follows the settings.
    language: Language,
    signer: Signer,
    clock: Clock,
    pool: SqlitePool,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailer(..)")
    }
}

/// An SMTP failure as a message (Folio's words, in the site's language when
/// shown, around what the server or the connection said), and whether trying
/// again may help.
#[derive(Debug, Clone)]
pub struct SendError {
    pub message: Message,
    pub permanent: bool,
}

/// For logs: the message id with what the server said.
impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message.fmt(f)
    }
}

fn in_words(error: &lettre::transport::smtp::Error) -> SendError {
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        source = cause.source();
    }
    let id = if error.is_permanent() || error.is_transient() {
        msg::OUTBOX_ERROR_REFUSED
    } else {
        msg::OUTBOX_ERROR_CONNECTION
    };
    SendError {
        message: Message::new(id).with("detail", detail),
        permanent: refuses_the_address(error),
    }
}

/// Only a server that refuses the address itself fails a mail for good; any
/// other refusal (a wrong password, TLS wanted, a full mailbox) may pass once
/// the operator has looked, so the mail stays queued and is tried again.
fn refuses_the_address(error: &lettre::transport::smtp::Error) -> bool {
    error.is_permanent()
        && error
            .status()
            .is_some_and(|code| matches!(code.to_string().as_str(), "501" | "550" | "551" | "553"))
}

impl Mailer {
    /// The mailer the configuration asks for; `None` when email is off.
    pub fn from_config(
        config: &Config,
        pool: SqlitePool,
        signer: Signer,
        language: Language,
    ) -> anyhow::Result<Option<Self>> {
        let Some(url) = &config.smtp_url else {
            return Ok(None);
        };
        let transport =
            super::transport::transport(url, config.smtp_timeout).map_err(anyhow::Error::msg)?;
        let from: Mailbox = config.mail_from().parse().with_context(|| {
            format!(
                "FOLIO_MAIL_FROM {:?} is not an address like Folio <folio@example.org>",
                config.mail_from()
            )
        })?;
        let host = from.email.domain().to_owned();
        Ok(Some(Self {
            inner: Arc::new(Inner {
                transport,
                timeout: config.smtp_timeout,
                from,
                host,
                base_url: config.base_url(),
                templates: letter::templates(language.clone())?,
                language,
                signer,
                clock: config.clock.clone(),
                pool,
            }),
        }))
    }

    pub(super) fn pool(&self) -> &SqlitePool {
        &self.inner.pool
    }

    pub(super) fn signer(&self) -> &Signer {
        &self.inner.signer
    }

    pub(super) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(super) fn now(&self) -> UnixTime {
        self.inner.clock.now()
    }

    /// A text (a subject) in the site's language.
    pub(super) fn text(&self, text: impl Into<Message>) -> String {
        self.inner.language.message(&text.into())
    }

    /// Makes the message and hands it to the SMTP server.
    pub(super) async fn send(&self, letter: &Letter<'_>) -> Result<(), SendError> {
        let envelope = Envelope {
            from: &self.inner.from,
            host: &self.inner.host,
            now: self.now(),
            lang: &self.inner.language.code(),
        };
        let message =
            letter::build(&self.inner.templates, &envelope, letter).map_err(|e| SendError {
                message: Message::new(msg::OUTBOX_ERROR_BUILD).with("detail", format!("{e:#}")),
                permanent: true,
            })?;
        self.deliver(message).await
    }

    async fn deliver(&self, message: lettre::Message) -> Result<(), SendError> {
        let timeout = self.inner.timeout;
        match tokio::time::timeout(timeout, self.inner.transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(|e| in_words(&e)),
            Err(_) => Err(SendError {
                message: Message::new(msg::OUTBOX_ERROR_TIMEOUT).with("seconds", timeout.as_secs()),
                permanent: false,
            }),
        }
    }

    /// Sends a test email to `to` at once (the admin waits for it), saying what went wrong if it fails.
    pub async fn send_test(&self, to: &str, site_title: &str) -> Result<(), SendError> {
        let mut context = tera::Context::new();
        context.insert("site_title", site_title);
        context.insert("base_url", self.base_url());
        let subject = self.text(Message::new(msg::MAIL_SUBJECT_TEST).with("site", site_title));
        self.send(&Letter {
            to,
            to_name: None,
            subject: &subject,
            template: "test",
            context,
            unsubscribe: None,
        })
        .await
    }

    /// Records a try of the rows behind one mail: sent, or when to try again.
    pub(super) async fn record(
        &self,
        ids: &[MailId],
        queued_at: UnixTime,
        attempts: i64,
        outcome: Result<(), SendError>,
    ) -> anyhow::Result<bool> {
        let now = self.now();
        match outcome {
            Ok(()) => {
                db::outbox::mark_sent(self.pool(), ids, now).await?;
                Ok(true)
            }
            Err(error) => {
                let retry_at = if error.permanent {
                    None
                } else {
                    next_attempt(queued_at, attempts + 1, now)
                };
                tracing::warn!(error = %error.message, retry = retry_at.is_some(), "an email could not be sent");
                let stored = error.message.to_stored();
                db::outbox::mark_attempt_failed(self.pool(), ids, retry_at, &stored).await?;
                Ok(false)
            }
        }
    }
}
