//! Which address a request came from, and how much of it is kept.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The client's address: the socket peer, unless the peer is a trusted proxy,
/// in which case the right-most `X-Forwarded-For` entry that is not itself a
/// trusted proxy (entries left of it could be written by anyone).
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted_proxies: &[IpAddr]) -> IpAddr {
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let mut hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    while let Some(hop) = hops.pop() {
        match parse_hop(hop) {
            Some(ip) if trusted_proxies.contains(&ip) => {}
            Some(ip) => return ip,
            // A garbled entry: everything left of it is untrustworthy too.
            None => return peer,
        }
    }
    peer
}

/// An `X-Forwarded-For` entry: a bare address, or one with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    hop.parse::<std::net::SocketAddr>().ok().map(|a| a.ip())
}

/// An address reduced to its network, for keeping after the moderation window:
/// `/24` for IPv4, `/48` for IPv6. Anything unparseable is dropped.
pub fn reduce(ip: &str) -> String {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{}/24", Ipv4Addr::new(a, b, c, 0))
        }
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{}/48", Ipv6Addr::new(s[0], s[1], s[2], 0, 0, 0, 0, 0))
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn without_a_trusted_proxy_the_peer_is_the_client() {
        assert_eq!(
            client_ip(ip("198.51.100.1"), &["203.0.113.5"], &[]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_peer_that_is_not_the_trusted_proxy_cannot_forward() {
        assert_eq!(
            client_ip(ip("198.51.100.1"), &["203.0.113.5"], &[ip("10.0.0.1")]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn behind_the_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let proxy = ip("10.0.0.1");
        assert_eq!(
            client_ip(proxy, &["6.6.6.6, 203.0.113.5"], &[proxy]),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_ip(proxy, &["6.6.6.6", "203.0.113.5, 10.0.0.1"], &[proxy]),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_ip(proxy, &["[2001:db8::7]:443"], &[proxy]),
            ip("2001:db8::7")
        );
    }

    #[test]
    fn behind_the_trusted_proxy_a_missing_or_garbled_header_leaves_the_peer() {
        let proxy = ip("10.0.0.1");
        assert_eq!(client_ip(proxy, &[], &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &["unknown"], &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &["10.0.0.1"], &[proxy]), proxy);
    }

    #[test]
    fn addresses_are_reduced_to_their_network() {
        assert_eq!(reduce("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(reduce("2001:db8:abcd:12::1"), "2001:db8:abcd::/48");
        assert_eq!(reduce("not an ip"), "");
    }
}
