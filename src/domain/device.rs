//! A signed-in device as its owner recognises it: a browser and a system
//! named from the user agent, and the address as the IP retention keeps it.

use super::client_ip;
use super::time::UnixTime;

const DAY_SECONDS: i64 = 24 * 60 * 60;

/// "Firefox on Linux", from a user agent; `None` when nothing is recognised.
pub fn browser_name(user_agent: &str) -> Option<String> {
    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(marker, _)| user_agent.contains(marker))
            .map(|(_, name)| *name)
    };
    match (find(&BROWSERS), find(&SYSTEMS)) {
        (Some(browser), Some(system)) => Some(format!("{browser} · {system}")),
        (Some(name), None) | (None, Some(name)) => Some(name.to_owned()),
        (None, None) => None,
    }
}

/// The address as shown: whole within the retention period (0 days: always),
/// reduced to its network after it, as commenters' addresses are.
pub fn shown_address(
    ip: &str,
    signed_in_at: UnixTime,
    now: UnixTime,
    retention_days: u32,
) -> String {
    let kept_whole = retention_days == 0
        || now - signed_in_at < i64::from(retention_days).saturating_mul(DAY_SECONDS);
    if kept_whole {
        ip.to_owned()
    } else {
        client_ip::reduce(ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_are_named_with_their_system() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let edge =
            "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_name(firefox).as_deref(), Some("Firefox · Linux"));
        assert_eq!(browser_name(chrome).as_deref(), Some("Chrome · Windows"));
        assert_eq!(browser_name(edge).as_deref(), Some("Edge · Windows"));
        assert_eq!(browser_name(iphone).as_deref(), Some("Safari · iOS"));
        assert_eq!(browser_name(""), None);
    }

    #[test]
    fn the_address_is_reduced_once_the_retention_has_passed() {
        let start = UnixTime::EPOCH;
        let days = |n: i64| start + n * DAY_SECONDS;
        assert_eq!(
            shown_address("203.0.113.7", start, days(1), 30),
            "203.0.113.7"
        );
        assert_eq!(
            shown_address("203.0.113.7", start, days(31), 30),
            "203.0.113.0/24"
        );
        assert_eq!(
            shown_address("203.0.113.7", start, days(400), 0),
            "203.0.113.7"
        );
    }
}
