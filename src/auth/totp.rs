//! Authenticator-app codes (TOTP, RFC 6238): HMAC-SHA1, 6 digits, 30-second
//! steps. The secret is made here, shown once as a QR code and as
//! `otpauth://` text, and kept server-side; a code is accepted for the step it
//! was made in or the one before or after (a phone's clock drifts), and never
//! for a step at or before the last one accepted (see `db::two_factor`).

use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

use crate::domain::time::UnixTime;

/// Seconds per step.
pub const STEP_SECONDS: i64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;
/// 160 bits, the size RFC 4226 recommends for HMAC-SHA1.
const SECRET_BYTES: usize = 20;

/// An authenticator secret, as the base32 text apps read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSecret(String);

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        Self(base32(&bytes))
    }

    /// A secret read back from the database (written by [`TotpSecret::generate`]).
    pub fn stored(text: String) -> Self {
        Self(text)
    }

    pub fn as_base32(&self) -> &str {
        &self.0
    }

    fn bytes(&self) -> Vec<u8> {
        from_base32(&self.0)
    }

    /// The code for one step.
    pub fn code_at_step(&self, step: i64) -> String {
        let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&self.bytes()) else {
            return String::new();
        };
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        // Dynamic truncation (RFC 4226 §5.3).
        let offset = usize::from(digest[digest.len() - 1] & 0x0f);
        let part = [
            digest[offset] & 0x7f,
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ];
        let number = u32::from_be_bytes(part) % 10u32.pow(DIGITS as u32);
        format!("{number:0width$}", width = DIGITS)
    }

    /// The step a code matches around `now` (one step either side), if any.
    pub fn matching_step(&self, code: &TotpCode, now: UnixTime) -> Option<i64> {
        let current = step_at(now.seconds());
        [current, current - 1, current + 1]
            .into_iter()
            .find(|&step| super::same_secret(&self.code_at_step(step), &code.0))
    }

    /// The `otpauth://` address an authenticator app reads from the QR code.
    pub fn otpauth_uri(&self, issuer: &str, username: &str) -> String {
        let encode =
            |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        // The label's separator is a literal colon; spaces are %20, not '+'.
        let label = format!("{}:{}", encode(issuer), encode(username)).replace('+', "%20");
        format!(
            "otpauth://totp/{label}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            self.0,
            encode(issuer).replace('+', "%20")
        )
    }
}

/// The 30-second step a time falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// What was typed in the "Code" field, if it looks like an authenticator
/// code: six digits, spaces allowed between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCode(String);

impl TotpCode {
    pub fn parse(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(Self(digits))
    }
}

/// A QR code of `text` as an SVG `data:` address for an `<img>` (made here:
/// no outside service sees the secret).
pub fn qr_code_data_uri(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    let encoded = base64::engine::general_purpose::STANDARD.encode(svg);
    Some(format!("data:image/svg+xml;base64,{encoded}"))
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn from_base32(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase()) else {
            continue;
        };
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA-1 key, "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret(base32(b"12345678901234567890"))
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // Appendix B gives 8 digits; the last six are the 6-digit code.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(
                rfc_secret().code_at_step(step_at(time)),
                eight[2..],
                "{time}"
            );
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(from_base32("MZXW6YTBOI"), b"foobar");
        let secret = TotpSecret::generate();
        assert_eq!(secret.as_base32().len(), 32);
        assert_eq!(from_base32(secret.as_base32()).len(), SECRET_BYTES);
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let secret = rfc_secret();
        let now = 1_000_000_000;
        for (offset, accepted) in [
            (0, true),
            (-30, true),
            (30, true),
            (-60, false),
            (60, false),
        ] {
            let code = TotpCode::parse(&secret.code_at_step(step_at(now + offset))).unwrap();
            assert_eq!(
                secret
                    .matching_step(&code, UnixTime::from_seconds(now))
                    .is_some(),
                accepted,
                "{offset}"
            );
        }
    }

    #[test]
    fn only_six_digits_are_a_code() {
        assert!(TotpCode::parse("123 456").is_some());
        assert!(TotpCode::parse("12345").is_none());
        assert!(TotpCode::parse("abcdef").is_none());
        assert!(TotpCode::parse("1234567").is_none());
    }

    #[test]
    fn the_otpauth_text_names_the_site_and_account() {
        let uri = rfc_secret().otpauth_uri("Praxis Dr. Rose", "anna");
        assert!(
            uri.starts_with("otpauth://totp/Praxis%20Dr.%20Rose:anna?secret="),
            "{uri}"
        );
        assert!(uri.contains("&digits=6&period=30"));
        assert!(
            qr_code_data_uri(&uri)
                .unwrap()
                .starts_with("data:image/svg+xml;base64,")
        );
    }
}
