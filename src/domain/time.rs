//! Times are stored as Unix seconds (UTC) and formatted here for pages and feeds.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, macros::format_description};

/// Now, in Unix seconds.
pub fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// Where the app reads "now" for its time-based rules (form timing, rate limits,
/// retention): the system clock, or a hand-moved one so tests never sleep.
#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands still at `start` until it is moved.
    pub fn manual(start: i64) -> Self {
        Self {
            manual: Some(Arc::new(AtomicI64::new(start))),
        }
    }

    pub fn now(&self) -> i64 {
        match &self.manual {
            Some(at) => at.load(Ordering::SeqCst),
            None => now(),
        }
    }

    /// Moves a manual clock forward; the system clock cannot be moved.
    pub fn advance(&self, seconds: i64) {
        if let Some(at) = &self.manual {
            at.fetch_add(seconds, Ordering::SeqCst);
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.manual {
            Some(at) => write!(f, "Clock::manual({})", at.load(Ordering::SeqCst)),
            None => f.write_str("Clock::system()"),
        }
    }
}

fn at(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// ISO 8601 / RFC 3339, for `<time datetime>` and feeds.
pub fn iso8601(unix: i64) -> String {
    at(unix).format(&Rfc3339).unwrap_or_default()
}

/// A date for people: "27 November 2026".
pub fn human_date(unix: i64) -> String {
    at(unix)
        .format(format_description!(
            "[day padding:none] [month repr:long] [year]"
        ))
        .unwrap_or_default()
}

/// A date and time for people: "27 November 2026 at 14:05 UTC".
pub fn human_date_time(unix: i64) -> String {
    at(unix)
        .format(format_description!(
            "[day padding:none] [month repr:long] [year] at [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual(1_000);
        let shared = clock.clone();
        shared.advance(61);
        assert_eq!(clock.now(), 1_061);
    }

    #[test]
    fn dates_are_formatted_for_people_and_machines() {
        let t = 1_795_788_300; // 27 Nov 2026 14:05 UTC
        assert_eq!(human_date(t), "27 November 2026");
        assert_eq!(human_date_time(t), "27 November 2026 at 14:05 UTC");
        assert_eq!(iso8601(t), "2026-11-27T14:05:00Z");
    }
}
