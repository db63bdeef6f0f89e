//! Times are stored as Unix seconds (UTC), as a [`UnixTime`], and formatted
//! here for pages and feeds.

use std::ops::{Add, Sub};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, macros::format_description};

/// A moment, in Unix seconds (UTC): how Folio stores, compares and signs
/// times. A span of time is plain seconds (`i64`): a moment plus seconds is a
/// moment, a moment minus a moment is seconds.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct UnixTime(i64);

impl UnixTime {
    pub const EPOCH: Self = Self(0);

    pub const fn from_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since 1970-01-01 UTC.
    pub const fn seconds(self) -> i64 {
        self.0
    }
}

impl Add<i64> for UnixTime {
    type Output = Self;

    fn add(self, seconds: i64) -> Self {
        Self(self.0.saturating_add(seconds))
    }
}

impl Sub<i64> for UnixTime {
    type Output = Self;

    fn sub(self, seconds: i64) -> Self {
        Self(self.0.saturating_sub(seconds))
    }
}

/// The seconds from `earlier` to `self`.
impl Sub for UnixTime {
    type Output = i64;

    fn sub(self, earlier: Self) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl std::fmt::Display for UnixTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Now.
pub fn now() -> UnixTime {
    UnixTime(OffsetDateTime::now_utc().unix_timestamp())
}

/// Where the app reads "now" for its time-based rules (form timing, rate limits,
/// retention, publication times): the system clock, or a hand-moved one so tests never sleep.
#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<ManualClock>>,
}

struct ManualClock {
    at: AtomicI64,
    /// Told whenever the clock is moved, so that a task sleeping until some
    /// time (the publishing task) looks again.
    moved: tokio::sync::Notify,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stands still at `start` until it is moved.
    pub fn manual(start: UnixTime) -> Self {
        Self {
            manual: Some(Arc::new(ManualClock {
                at: AtomicI64::new(start.0),
                moved: tokio::sync::Notify::new(),
            })),
        }
    }

    pub fn now(&self) -> UnixTime {
        match &self.manual {
            Some(clock) => UnixTime(clock.at.load(Ordering::SeqCst)),
            None => now(),
        }
    }

    /// Moves a manual clock forward; the system clock cannot be moved.
    pub fn advance(&self, seconds: i64) {
        if let Some(clock) = &self.manual {
            clock.at.fetch_add(seconds, Ordering::SeqCst);
            clock.moved.notify_one();
        }
    }

    /// Returns once a manual clock has been moved (a move while nobody waited
    /// counts for the next wait, for one waiter); the system clock never jumps.
    pub async fn moved(&self) {
        match &self.manual {
            Some(clock) => clock.moved.notified().await,
            None => std::future::pending().await,
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.manual {
            Some(clock) => write!(f, "Clock::manual({})", clock.at.load(Ordering::SeqCst)),
            None => f.write_str("Clock::system()"),
        }
    }
}

fn at(unix: UnixTime) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix.0).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// ISO 8601 / RFC 3339, for `<time datetime>` and feeds.
pub fn iso8601(unix: UnixTime) -> String {
    at(unix).format(&Rfc3339).unwrap_or_default()
}

/// The calendar date in UTC, "2026-11-27" (e.g. for `tag:` URIs).
pub fn utc_date(unix: UnixTime) -> String {
    at(unix)
        .format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// The date and minute in UTC, "2026-11-27 14:05" (for the command line).
pub fn utc_date_time(unix: UnixTime) -> String {
    at(unix)
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_default()
}

/// UTC date and time for a file name, "20261207-033000": sorts as it happened.
pub fn file_stamp(unix: UnixTime) -> String {
    at(unix)
        .format(format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default()
}

/// An update this long after publication is worth telling readers about;
/// a typo fixed minutes after publishing is not.
const UPDATE_WORTH_SHOWING_SECONDS: i64 = 60 * 60;

/// Whether a post shows "Updated …" next to its date.
pub fn shows_as_updated(published_at: UnixTime, updated_at: UnixTime) -> bool {
    updated_at - published_at >= UPDATE_WORTH_SHOWING_SECONDS
}

/// The site's time zone (an IANA name such as `Europe/Berlin`), in which
/// dates and times are shown to people.
#[derive(Debug, Clone)]
pub struct Zone(jiff::tz::TimeZone);

impl Zone {
    pub fn utc() -> Self {
        Self(jiff::tz::TimeZone::UTC)
    }

    /// A zone by its IANA name, a place (`Europe/Berlin`) or `UTC`; the error
    /// is a message for the admin.
    pub fn parse(name: &str) -> Result<Self, String> {
        let name = name.trim();
        let unknown =
            || format!("Unknown time zone {name:?}; use a place like Europe/Berlin, or UTC.");
        if !is_place(name) {
            return Err(unknown());
        }
        jiff::tz::TimeZone::get(name)
            .map(Self)
            .map_err(|_| unknown())
    }

    /// The zone saved in the settings; UTC (with a warning in the log) if it is unknown here.
    pub fn from_setting(name: &str) -> Self {
        Self::parse(name).unwrap_or_else(|error| {
            tracing::warn!(%error, "showing times in UTC");
            Self::utc()
        })
    }

    fn at(&self, unix: UnixTime) -> jiff::ZonedDateTime {
        jiff::Timestamp::from_second(unix.0)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned_datetime(self.0.clone())
    }

    fn format(&self, pattern: &str, unix: UnixTime) -> String {
        jiff::fmt::strtime::format(pattern, &self.at(unix)).unwrap_or_default()
    }

    /// ISO 8601 with this zone's offset, for `<time datetime>`: "2026-11-27T15:05:00+01:00".
    pub fn iso8601(&self, unix: UnixTime) -> String {
        let zoned = self.at(unix);
        zoned
            .timestamp()
            .display_with_offset(zoned.offset())
            .to_string()
    }

    /// The zone's IANA name ("Europe/Berlin", "UTC"), shown next to a time people type.
    pub fn name(&self) -> &str {
        self.0.iana_name().unwrap_or("UTC")
    }

    /// A moment as a date-and-time control shows it on this zone's clocks: "2026-12-14T07:00".
    pub fn local_input(&self, unix: UnixTime) -> String {
        self.format("%Y-%m-%dT%H:%M", unix)
    }

    /// The moment a date and time on this zone's clocks names: one, or none
    /// (the clocks skip it when they go forward) or two (they show it twice
    /// when they go back), with the clock times of that change.
    pub fn moment_of(&self, local: jiff::civil::DateTime) -> LocalMoment {
        use jiff::tz::AmbiguousOffset;
        let (earlier, later) = match self.0.to_ambiguous_timestamp(local).offset() {
            AmbiguousOffset::Unambiguous { offset } => {
                return offset
                    .to_timestamp(local)
                    .map_or(LocalMoment::OutOfRange, |at| {
                        LocalMoment::One(UnixTime(at.as_second()))
                    });
            }
            AmbiguousOffset::Gap { before, after } | AmbiguousOffset::Fold { before, after } => {
                (before, after)
            }
        };
        let skipped = later.seconds() > earlier.seconds();
        // The change comes right after `local` read with the larger offset.
        let larger = if skipped { later } else { earlier };
        let change = larger.to_timestamp(local).ok().and_then(|at| {
            self.0
                .following(at)
                .next()
                .map(|transition| transition.timestamp())
        });
        let Some(change) = change else {
            return LocalMoment::OutOfRange;
        };
        let clock = |offset: jiff::tz::Offset| {
            let shown = offset.to_datetime(change);
            format!("{:02}:{:02}", shown.hour(), shown.minute())
        };
        let (from, to) = (clock(earlier), clock(later));
        if skipped {
            LocalMoment::Skipped { from, to }
        } else {
            LocalMoment::Twice { from, to }
        }
    }

    /// The calendar and clock values of a moment in this zone, for wording it.
    pub fn parts(&self, unix: UnixTime) -> DateParts {
        let zoned = self.at(unix);
        DateParts {
            day: zoned.day(),
            month: zoned.month(),
            year: zoned.year(),
            hour: zoned.hour(),
            minute: zoned.minute(),
            zone: self.format("%Z", unix),
        }
    }
}

/// What a date and time on a zone's clocks names (see [`Zone::moment_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalMoment {
    /// Exactly one moment.
    One(UnixTime),
    /// None: that night the clocks jump from `from` to `to` (e.g. "02:00" to "03:00").
    Skipped { from: String, to: String },
    /// Two: that night the clocks go back from `from` to `to` (e.g. "03:00" to "02:00").
    Twice { from: String, to: String },
    /// Outside the years a time zone can say anything about.
    OutOfRange,
}

/// A moment as people read it, in some zone: what a language's date format fills in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParts {
    pub day: i8,
    pub month: i8,
    pub year: i16,
    pub hour: i8,
    pub minute: i8,
    /// The zone's abbreviation then: "CET", "CEST", "UTC".
    pub zone: String,
}

/// The areas of the IANA names that are places (`Area/Location`).
const AREAS: [&str; 10] = [
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
];

/// Whether a zone name is one to offer: `UTC`, or a place in one of the areas.
/// Not the database's files and aliases (`posixrules`, `localtime`, `Factory`,
/// `Etc/GMT+5`, `US/Eastern`, `Zulu`), which are no place anyone lives.
fn is_place(name: &str) -> bool {
    name == "UTC"
        || name.split_once('/').is_some_and(|(area, location)| {
            AREAS.contains(&area)
                && !location.is_empty()
                && location
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
        })
}

/// Every time zone this build knows that is a place (and UTC), sorted, for the settings form.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|name| name.to_string())
        .filter(|name| is_place(name))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_site_zone_with_its_offset() {
        let t = UnixTime::from_seconds(1_795_788_300); // 27 Nov 2026 14:05 UTC
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let parts = berlin.parts(t);
        assert_eq!(
            (parts.day, parts.month, parts.year, parts.hour, parts.minute),
            (27, 11, 2026, 15, 5)
        );
        assert_eq!(parts.zone, "CET");
        assert_eq!(berlin.iso8601(t), "2026-11-27T15:05:00+01:00");
        let summer = UnixTime::from_seconds(1_782_565_500); // 27 Jun 2026 13:05 UTC
        assert_eq!(berlin.parts(summer).zone, "CEST");
        assert_eq!(berlin.parts(summer).hour, 15);
    }

    #[test]
    fn a_late_evening_in_utc_can_be_the_next_day_in_the_site_zone() {
        let t = UnixTime::from_seconds(1_795_822_200); // 27 Nov 2026 23:30 UTC
        assert_eq!(Zone::utc().parts(t).day, 27);
        assert_eq!(Zone::parse("Asia/Tokyo").unwrap().parts(t).day, 28);
    }

    #[test]
    fn utc_is_a_zone_too() {
        let t = UnixTime::from_seconds(1_795_788_300);
        let parts = Zone::parse("UTC").unwrap().parts(t);
        assert_eq!(parts, Zone::utc().parts(t));
        assert_eq!(
            (parts.hour, parts.minute, parts.zone.as_str()),
            (14, 5, "UTC")
        );
    }

    #[test]
    fn an_unknown_zone_is_refused_with_a_message_and_falls_back_to_utc() {
        let error = Zone::parse("Mars/Olympus_Mons").unwrap_err();
        assert!(error.contains("Unknown time zone"), "{error}");
        assert_eq!(
            Zone::from_setting("Mars/Olympus_Mons")
                .parts(UnixTime::EPOCH)
                .zone,
            "UTC"
        );
    }

    #[test]
    fn only_places_and_utc_are_zones_to_choose() {
        for place in ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"] {
            assert!(Zone::parse(place).is_ok(), "{place}");
        }
        for not_a_place in [
            "posixrules",
            "localtime",
            "Factory",
            "Etc/UTC",
            "Etc/GMT+5",
            "US/Eastern",
            "GMT",
            "Zulu",
            "right/UTC",
        ] {
            assert!(Zone::parse(not_a_place).is_err(), "{not_a_place}");
        }
        let names = zone_names();
        assert!(names.iter().any(|n| n == "Europe/Berlin"));
        assert!(names.iter().any(|n| n == "UTC"));
        assert!(names.iter().all(|n| n == "UTC" || n.contains('/')));
        assert!(names.iter().all(|n| Zone::parse(n).is_ok()));
    }

    #[test]
    fn a_local_time_names_one_moment_or_says_how_the_clocks_change_that_night() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let at = |y, m, d, h, min| jiff::civil::date(y, m, d).at(h, min, 0, 0);
        assert_eq!(
            berlin.moment_of(at(2026, 12, 14, 7, 0)),
            LocalMoment::One(UnixTime(1_797_228_000)) // 06:00 UTC
        );
        assert_eq!(
            berlin.moment_of(at(2027, 3, 28, 2, 30)),
            LocalMoment::Skipped {
                from: "02:00".into(),
                to: "03:00".into()
            }
        );
        assert_eq!(
            berlin.moment_of(at(2027, 10, 31, 2, 30)),
            LocalMoment::Twice {
                from: "03:00".into(),
                to: "02:00".into()
            }
        );
        assert!(matches!(
            berlin.moment_of(at(2027, 10, 31, 3, 0)),
            LocalMoment::One(_)
        ));
        assert_eq!(berlin.name(), "Europe/Berlin");
        assert_eq!(Zone::utc().name(), "UTC");
        assert_eq!(
            berlin.local_input(UnixTime(1_797_228_000)),
            "2026-12-14T07:00"
        );
    }

    #[test]
    fn only_a_later_update_shows_as_updated() {
        let at = UnixTime::from_seconds(1_000);
        assert!(!shows_as_updated(at, at));
        assert!(!shows_as_updated(at, at + 600));
        assert!(shows_as_updated(at, at + 86_400));
        assert!(!shows_as_updated(at, UnixTime::EPOCH));
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual(UnixTime::from_seconds(1_000));
        let shared = clock.clone();
        shared.advance(61);
        assert_eq!(clock.now(), UnixTime::from_seconds(1_061));
    }

    #[test]
    fn dates_are_formatted_for_people_and_machines() {
        let t = UnixTime::from_seconds(1_795_788_300); // 27 Nov 2026 14:05 UTC
        assert_eq!(iso8601(t), "2026-11-27T14:05:00Z");
        assert_eq!(utc_date(t), "2026-11-27");
    }
}
