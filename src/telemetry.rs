use std::io::IsTerminal;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

/// Logs to stderr, filtered by `RUST_LOG` (default `info`).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(BadRequestsAtDebug)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal()),
        )
        .try_init();
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
