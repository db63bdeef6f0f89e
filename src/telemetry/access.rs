//! The access log: one line per answered request, put together here and
//! copied straight into the log's buffer (see `writer`).
//!
//! Going through a `tracing` span and event for this one line (a span in the
//! registry, its fields formatted, entered at every poll, then the event
//! formatted with its scope) cost the post page about a third of its requests
//! per second at the default level (measured with wrk on 2 cores). The line
//! reads like every other line of the log, and `RUST_LOG` turns it on and off
//! under the target `folio::access` (`RUST_LOG=info,folio::access=warn` keeps
//! only the failures).

use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use time::OffsetDateTime;
use tracing::Level;

use super::LogFormat;
use super::writer::LogWriter;

/// Where access lines go and how they are written; set once by `telemetry::init`.
struct Sink {
    writer: LogWriter,
    format: LogFormat,
    ansi: bool,
}

static SINK: OnceLock<Sink> = OnceLock::new();

pub(super) fn install(writer: LogWriter, format: LogFormat, ansi: bool) {
    let _ = SINK.set(Sink {
        writer,
        format,
        ansi,
    });
}

/// One answered request, as the access log says it.
#[derive(Debug, Clone, Copy)]
pub struct Served<'a> {
    pub method: &'a str,
    /// Already made loggable (`signing::loggable_path`): no token, no query.
    pub path: &'a str,
    pub status: u16,
    pub took: Duration,
}

impl Served<'_> {
    /// Server errors are warnings; the answers to bad input that anyone can
    /// send by the thousand are debug, so that a flood of it cannot fill the
    /// log: a missing page (scanners), a body or a head too large, a body too
    /// slow; everything else is info.
    pub fn level(&self) -> Level {
        match self.status {
            500.. => Level::WARN,
            404 | 408 | 413 | 414 | 431 => Level::DEBUG,
            _ => Level::INFO,
        }
    }
}

/// Whether `RUST_LOG` lets an access line at `level` through.
fn enabled(level: Level) -> bool {
    match level {
        Level::WARN => tracing::enabled!(target: "folio::access", Level::WARN),
        Level::INFO => tracing::enabled!(target: "folio::access", Level::INFO),
        _ => tracing::enabled!(target: "folio::access", Level::DEBUG),
    }
}

/// Writes the access line for `served`, if the log is running and its filter
/// lets the line through. Never waits: a full buffer drops the line.
pub fn record(served: &Served<'_>) {
    let Some(sink) = SINK.get() else {
        return;
    };
    let level = served.level();
    if !enabled(level) {
        return;
    }
    LINE.with_borrow_mut(|line| {
        line.clear();
        let now = OffsetDateTime::now_utc();
        match sink.format {
            LogFormat::Text => text_line(line, now, level, served, sink.ansi),
            LogFormat::Json => json_line(line, now, level, served),
        }
        sink.writer.push(line.as_bytes());
    });
}

thread_local! {
    /// Each worker's line, reused so that a request allocates nothing for it.
    static LINE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// The second the worker last wrote a line in, and its date and time
    /// (`2026-12-07T10:00:00`): at hundreds of lines a second, each second's
    /// is written out once.
    static DATE_TIME: std::cell::RefCell<(i64, String)> =
        const { std::cell::RefCell::new((i64::MIN, String::new())) };
}

/// `2026-12-07T10:00:00.123456Z`, as the rest of the log writes its times.
fn timestamp(line: &mut String, now: OffsetDateTime) {
    DATE_TIME.with_borrow_mut(|(second, date_time)| {
        let unix = now.unix_timestamp();
        if *second != unix {
            date_time.clear();
            let _ = write!(
                date_time,
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                now.year(),
                u8::from(now.month()),
                now.day(),
                now.hour(),
                now.minute(),
                now.second(),
            );
            *second = unix;
        }
        line.push_str(date_time);
    });
    line.push('.');
    push_number(line, u64::from(now.microsecond()), 6);
    line.push('Z');
}

/// `n` in decimal, with leading zeros to `width` digits (a line is written
/// for every request: this costs a fraction of `write!`).
fn push_number(line: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    line.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Milliseconds with three decimals (`0.412`).
fn push_milliseconds(line: &mut String, took: Duration) {
    let micros = u64::try_from((took.as_nanos() + 500) / 1000).unwrap_or(u64::MAX);
    push_number(line, micros / 1000, 1);
    line.push('.');
    push_number(line, micros % 1000, 3);
}

/// `2026-12-07T10:00:00.123456Z  INFO folio::access: served method=GET path=/ status=200 elapsed_ms=0.412`
fn text_line(
    line: &mut String,
    now: OffsetDateTime,
    level: Level,
    served: &Served<'_>,
    ansi: bool,
) {
    timestamp(line, now);
    let (name, colour) = match level {
        Level::WARN => (" WARN", "\x1b[33m"),
        Level::INFO => (" INFO", "\x1b[32m"),
        _ => ("DEBUG", "\x1b[34m"),
    };
    line.push(' ');
    if ansi {
        line.push_str(colour);
        line.push_str(name);
        line.push_str("\x1b[0m");
    } else {
        line.push_str(name);
    }
    line.push_str(" folio::access: served method=");
    line.push_str(served.method);
    line.push_str(" path=");
    line.push_str(served.path);
    line.push_str(" status=");
    push_number(line, u64::from(served.status), 1);
    line.push_str(" elapsed_ms=");
    push_milliseconds(line, served.took);
    line.push('\n');
}

/// One JSON object, with the fields a `tracing` JSON line has.
fn json_line(line: &mut String, now: OffsetDateTime, level: Level, served: &Served<'_>) {
    line.push_str("{\"timestamp\":\"");
    timestamp(line, now);
    let _ = write!(
        line,
        "\",\"level\":\"{level}\",\"message\":\"served\",\"method\":{},\"path\":{},\"status\":{},\"elapsed_ms\":",
        json_string(served.method),
        json_string(served.path),
        served.status,
    );
    push_milliseconds(line, served.took);
    line.push_str(",\"target\":\"folio::access\"}\n");
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served(path: &str, status: u16) -> Served<'_> {
        Served {
            method: "GET",
            path,
            status,
            took: Duration::from_micros(412_345),
        }
    }

    /// What `write` puts into an empty line.
    fn written_by(write: impl FnOnce(&mut String)) -> String {
        let mut line = String::new();
        write(&mut line);
        line
    }

    fn at() -> OffsetDateTime {
        time::macros::datetime!(2026-12-07 10:00:00.000123 UTC)
    }

    #[test]
    fn a_text_line_reads_like_the_rest_of_the_log() {
        let mut line = String::new();
        let ok = served("/posts/hello", 200);

        text_line(&mut line, at(), ok.level(), &ok, false);

        assert_eq!(
            line,
            "2026-12-07T10:00:00.000123Z  INFO folio::access: served method=GET path=/posts/hello status=200 elapsed_ms=412.345\n"
        );
    }

    #[test]
    fn a_json_line_is_one_object_with_the_path_escaped() {
        let mut line = String::new();
        let odd = served("/a\"b\\c", 500);

        json_line(&mut line, at(), odd.level(), &odd);

        let value: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(value["timestamp"], "2026-12-07T10:00:00.000123Z");
        assert_eq!(value["level"], "WARN");
        assert_eq!(value["message"], "served");
        assert_eq!(value["path"], "/a\"b\\c");
        assert_eq!(value["method"], "GET");
        assert_eq!(value["status"], 500);
        assert_eq!(value["elapsed_ms"], 412.345);
        assert!(line.ends_with("}\n"));
    }

    #[test]
    fn timestamps_keep_their_leading_zeros() {
        let cases = [
            (
                time::macros::datetime!(2027-01-01 00:00:00 UTC),
                "2027-01-01T00:00:00.000000Z",
            ),
            // The same second again: its date and time as written the first time.
            (
                time::macros::datetime!(2027-01-01 00:00:00.5 UTC),
                "2027-01-01T00:00:00.500000Z",
            ),
            (
                time::macros::datetime!(2026-12-31 23:59:59.999999 UTC),
                "2026-12-31T23:59:59.999999Z",
            ),
            (
                time::macros::datetime!(0999-09-09 09:09:09.010203 UTC),
                "0999-09-09T09:09:09.010203Z",
            ),
        ];
        for (now, written) in cases {
            assert_eq!(written_by(|line| timestamp(line, now)), written);
        }
    }

    #[test]
    fn times_taken_are_milliseconds_with_three_decimals() {
        let cases = [
            (Duration::ZERO, "0.000"),
            (Duration::from_nanos(412_345_600), "412.346"),
            (Duration::from_micros(1_500), "1.500"),
            (Duration::from_micros(7), "0.007"),
            (Duration::from_secs(2), "2000.000"),
        ];
        for (took, written) in cases {
            assert_eq!(written_by(|line| push_milliseconds(line, took)), written);
        }
    }

    #[test]
    fn bad_input_is_debug_and_server_errors_warnings() {
        for refused in [404, 408, 413, 414, 431] {
            assert_eq!(served("/", refused).level(), Level::DEBUG, "{refused}");
        }
        assert_eq!(served("/", 422).level(), Level::INFO);
        assert_eq!(served("/", 503).level(), Level::WARN);
        assert_eq!(served("/", 303).level(), Level::INFO);
    }
}
