//! The log: filtered by `RUST_LOG`, as text or one JSON object per line
//! (`FOLIO_LOG_FORMAT`), written to standard error by a thread of its own so
//! that no request ever waits for the terminal, the journal or a pipe (see
//! `writer`), and without email addresses.

pub mod access;
mod writer;

use std::borrow::Cow;
use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::OnceLock;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// For people: `2026-12-07T10:00:00.000123Z  INFO folio::access: served method=GET path=/ status=200 elapsed_ms=0.412`.
    #[default]
    Text,
    /// One JSON object per line, for journald and log shippers.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            other => Err(format!("{other:?} is not a log format (text or json)")),
        }
    }
}

pub use writer::LogGuard;

/// The writer of the running log, for its count of dropped lines.
static WRITER: OnceLock<writer::LogWriter> = OnceLock::new();

/// Log lines dropped so far because the log's buffer was full.
pub fn dropped_lines() -> u64 {
    WRITER.get().map_or(0, writer::LogWriter::dropped)
}

/// Starts the log. Keep the returned guard until the process ends: dropping
/// it writes out what is still buffered.
pub fn init(format: LogFormat) -> Option<LogGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let ansi = format == LogFormat::Text && std::io::stderr().is_terminal();
    let (writer, guard) = match writer::spawn(std::io::stderr()) {
        Ok(spawned) => spawned,
        Err(error) => {
            eprintln!("folio: could not start the log: {error}");
            return None;
        }
    };
    let _ = WRITER.set(writer.clone());
    access::install(writer.clone(), format, ansi);
    let text = (format == LogFormat::Text).then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(writer.clone())
            .with_ansi(ansi)
    });
    let json = (format == LogFormat::Json).then(|| {
        tracing_subscriber::fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_writer(writer)
    });
    tracing_subscriber::registry()
        .with(filter)
        .with(BadRequestsAtDebug)
        .with(text)
        .with(json)
        .try_init()
        .ok()
        .map(|()| guard)
}

/// What stands in a log line where an email address was.
pub const REDACTED: &str = "[email]";

fn is_local_part(c: char) -> bool {
    // Without `=`, quotes and `/`, which surround values in log lines
    // (`email=…`, `"…"`, a path) rather than belong to an address.
    c.is_alphanumeric() || ".!#$%&*+?^_{|}~-".contains(c)
}

fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// `text` with every `local@domain` replaced by `REDACTED`.
pub fn redact_email_addresses(text: &str) -> Cow<'_, str> {
    if !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let before = &rest[..at];
        let after = &rest[at + 1..];
        let local_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local_part(*c))
            .last()
            .map(|(i, _)| i);
        let domain_len = after
            .char_indices()
            .find(|(_, c)| !is_domain(*c))
            .map_or(after.len(), |(i, _)| i);
        let domain = after[..domain_len].trim_end_matches(['.', '-']);
        match local_start {
            Some(start) if domain.chars().any(char::is_alphanumeric) => {
                out.push_str(&before[..start]);
                out.push_str(REDACTED);
                rest = &after[domain.len()..];
            }
            _ => {
                out.push_str(before);
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// actix-http reports each request it cannot parse (a raw non-ASCII byte in
/// the URL, a broken header) as an ERROR of its own, although the client got
/// its 400 and nothing is wrong with the server: a scanner would fill the log.
/// Such a report is said again at debug level, as Folio's, and the ERROR dropped.
struct BadRequestsAtDebug;

const HTTP_DISPATCHER: &str = "actix_http::h1::dispatcher";
const PARSE_ERROR: &str = "stream error: request parse error";

impl<S: Subscriber> Layer<S> for BadRequestsAtDebug {
    fn event_enabled(&self, event: &Event<'_>, _: Context<'_, S>) -> bool {
        let metadata = event.metadata();
        if metadata.target() != HTTP_DISPATCHER || *metadata.level() != Level::ERROR {
            return true;
        }
        let mut message = Message::default();
        event.record(&mut message);
        let Some(why) = message.0.strip_prefix(PARSE_ERROR) else {
            return true;
        };
        let why = why.trim_start_matches([':', ' ']);
        tracing::debug!(
            error = why,
            "refused a request that could not be parsed (400)"
        );
        false
    }
}

/// An event's message, as text.
#[derive(Default)]
struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_anywhere_in_a_line_is_replaced() {
        let line = r#"INFO request{path=/posts/ada@example.org}: served email=Ada.L+blog@mail.example.org status=200"#;

        let redacted = redact_email_addresses(line);

        assert_eq!(
            redacted,
            "INFO request{path=/posts/[email]}: served email=[email] status=200"
        );
    }

    #[test]
    fn json_stays_json_and_unicode_addresses_go_too() {
        let line = r#"{"message":"sent","to":"jürgen@bücher.de","n":1}"#;

        let redacted = redact_email_addresses(line);

        assert_eq!(redacted, r#"{"message":"sent","to":"[email]","n":1}"#);
        assert!(serde_json::from_str::<serde_json::Value>(&redacted).is_ok());
    }

    #[test]
    fn an_at_sign_that_is_not_an_address_stays() {
        for line in ["a @ b", "@home", "user@", "x@.", "nothing here"] {
            assert_eq!(redact_email_addresses(line), line);
        }
        assert_eq!(
            redact_email_addresses("ends with a dot: a@b.org."),
            "ends with a dot: [email]."
        );
    }

    #[test]
    fn log_formats_are_read_from_their_names() {
        assert_eq!("json".parse(), Ok(LogFormat::Json));
        assert_eq!("JSON".parse(), Ok(LogFormat::Json));
        assert_eq!("text".parse(), Ok(LogFormat::Text));
        assert_eq!("".parse(), Ok(LogFormat::Text));
        assert!("yaml".parse::<LogFormat>().is_err());
    }
}
