//! Scheduled posts: the time typed into the editor's "Publish at" field, read
//! on the site's clocks, and what saving a post with it does. The publishing
//! task (`publisher`) makes a scheduled post public at that time.

use jiff::civil;

use super::message::{Message, msg};
use super::time::{LocalMoment, UnixTime, Zone};

/// The status the editor sends for a post to be published later.
pub const SCHEDULED: &str = "scheduled";

/// A date and time as a browser's date-and-time control sends it
/// (`2026-12-14T07:00`, seconds allowed), or as people write it
/// (`2026-12-14 07:00`); the error is the message next to the field.
pub fn parse_local(raw: &str) -> Result<civil::DateTime, Message> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Message::new(msg::SCHEDULE_TIME_REQUIRED));
    }
    let (date, time) = raw
        .split_once(['T', 't', ' '])
        .ok_or_else(|| invalid(raw))?;
    let date: civil::Date = date.trim().parse().map_err(|_| invalid(raw))?;
    let time = time.trim();
    // Hours and minutes, and seconds if given: never fractions or an offset.
    let plain = (time.len() == 5 || time.len() == 8)
        && time.chars().enumerate().all(|(i, c)| {
            if i % 3 == 2 {
                c == ':'
            } else {
                c.is_ascii_digit()
            }
        });
    if !plain {
        return Err(invalid(raw));
    }
    let time: civil::Time = time.parse().map_err(|_| invalid(raw))?;
    Ok(date.to_datetime(time))
}

fn invalid(raw: &str) -> Message {
    Message::new(msg::SCHEDULE_TIME_INVALID).with("raw", raw)
}

/// What saving a post with the status "scheduled" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// It waits, unpublished, until this moment.
    At(UnixTime),
    /// The time has passed and the author said to publish anyway: at once.
    Now,
}

/// The publication that `local`, on the site's clocks (`zone`), asks for at
/// `now`. A time that does not exist or exists twice that day (the clocks
/// change) is refused with the reason; a time not after `now` publishes at
/// once only when the author confirmed it (`publish_now`), else it asks.
pub fn publication(
    local: civil::DateTime,
    zone: &Zone,
    now: UnixTime,
    publish_now: bool,
) -> Result<Publication, Message> {
    let worded = |message: Message| {
        message
            .with("day", local.day())
            .with("month", local.month())
            .with("year", local.year())
            .with("time", format!("{:02}:{:02}", local.hour(), local.minute()))
            .with("zone", zone.name())
    };
    match zone.moment_of(local) {
        LocalMoment::One(at) if at > now => Ok(Publication::At(at)),
        LocalMoment::One(_) if publish_now => Ok(Publication::Now),
        LocalMoment::One(_) => Err(worded(Message::new(msg::SCHEDULE_TIME_PASSED))),
        LocalMoment::Skipped { from, to } => Err(worded(
            Message::new(msg::SCHEDULE_TIME_SKIPPED)
                .with("from", from)
                .with("to", to),
        )),
        LocalMoment::Twice { from, to } => Err(worded(
            Message::new(msg::SCHEDULE_TIME_TWICE)
                .with("from", from)
                .with("to", to),
        )),
        LocalMoment::OutOfRange => Err(invalid(&local.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::Arg;

    fn berlin() -> Zone {
        Zone::parse("Europe/Berlin").unwrap()
    }

    /// Friday 11 December 2026, 16:00 in Berlin.
    const FRIDAY: UnixTime = UnixTime::from_seconds(1_797_001_200);
    /// Monday 14 December 2026, 07:00 in Berlin.
    const MONDAY_SEVEN: UnixTime = UnixTime::from_seconds(1_797_228_000);

    #[test]
    fn a_browsers_date_and_time_or_a_written_one_is_read() {
        let seven = civil::date(2026, 12, 14).at(7, 0, 0, 0);
        assert_eq!(parse_local("2026-12-14T07:00"), Ok(seven));
        assert_eq!(parse_local(" 2026-12-14 07:00 "), Ok(seven));
        assert_eq!(parse_local("2026-12-14T07:00:00"), Ok(seven));
        assert_eq!(
            parse_local("2026-12-14T07:00:30"),
            Ok(civil::date(2026, 12, 14).at(7, 0, 30, 0))
        );
    }

    #[test]
    fn a_missing_or_unreadable_time_is_refused_with_what_was_typed() {
        assert_eq!(parse_local(" ").unwrap_err().id, "schedule-time-required");
        for raw in [
            "14.12.2026 07:00",
            "2026-12-14",
            "2026-02-30T07:00",
            "2026-12-14T25:00",
            "2026-12-14T7:00",
            "2026-12-14T07:00Z",
            "2026-12-14T07:00+01:00",
            "2026-12-14T07:00:00.5",
            "next monday",
        ] {
            let error = parse_local(raw).unwrap_err();
            assert_eq!(error.id, "schedule-time-invalid", "{raw}");
            assert_eq!(error.args["raw"], Arg::from(raw.trim()));
        }
    }

    #[test]
    fn a_later_time_on_the_sites_clocks_is_when_it_goes_public() {
        let monday = civil::date(2026, 12, 14).at(7, 0, 0, 0);
        assert_eq!(
            publication(monday, &berlin(), FRIDAY, false),
            Ok(Publication::At(MONDAY_SEVEN))
        );
        assert_eq!(
            publication(monday, &Zone::utc(), FRIDAY, false),
            Ok(Publication::At(MONDAY_SEVEN + 3600))
        );
    }

    #[test]
    fn a_time_that_has_passed_asks_first_and_then_publishes_at_once() {
        let monday = civil::date(2026, 12, 14).at(7, 0, 0, 0);
        let asked = publication(monday, &berlin(), MONDAY_SEVEN, false).unwrap_err();
        assert_eq!(asked.id, "schedule-time-passed");
        assert_eq!(asked.args["time"], Arg::from("07:00"));
        assert_eq!(asked.args["zone"], Arg::from("Europe/Berlin"));
        assert_eq!(
            publication(monday, &berlin(), MONDAY_SEVEN + 60, true),
            Ok(Publication::Now)
        );
    }

    #[test]
    fn a_time_the_clocks_skip_or_show_twice_is_refused_with_the_change() {
        let spring = civil::date(2027, 3, 28).at(2, 30, 0, 0);
        let skipped = publication(spring, &berlin(), FRIDAY, false).unwrap_err();
        assert_eq!(skipped.id, "schedule-time-skipped");
        assert_eq!(
            (&skipped.args["from"], &skipped.args["to"]),
            (&Arg::from("02:00"), &Arg::from("03:00"))
        );
        let autumn = civil::date(2027, 10, 31).at(2, 30, 0, 0);
        let twice = publication(autumn, &berlin(), FRIDAY, true).unwrap_err();
        assert_eq!(twice.id, "schedule-time-twice");
        assert_eq!(twice.args["day"], Arg::Number(31));
        assert_eq!(
            (&twice.args["from"], &twice.args["to"]),
            (&Arg::from("03:00"), &Arg::from("02:00"))
        );
        assert!(publication(autumn, &Zone::utc(), FRIDAY, false).is_ok());
    }
}
