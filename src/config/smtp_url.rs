//! `FOLIO_SMTP_URL` as configured: checked, and never shown with its password.

use std::str::FromStr;

use url::Url;

/// `FOLIO_SMTP_URL`: `smtp://host:587` (STARTTLS required), `smtps://host:465`
/// (TLS from the start), credentials as `user:pass@`, and `?tls=none` (plain
/// text, for a relay on localhost) or `?tls=opportunistic`; `?ca=/path/ca.pem`
/// trusts a private CA's certificate besides the public ones. It is checked
/// when the transport is made (see `mail::transport`), so that no error
/// message (clap's included) ever repeats it: its password never shows in
/// messages, debug output or logs.
#[derive(Clone)]
pub struct SmtpUrl(String);

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpUrl({})", self.redacted())
    }
}

impl FromStr for SmtpUrl {
    type Err = std::convert::Infallible;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Ok(Self(raw.trim().to_owned()))
    }
}

/// The value of the URL's query parameter `name`, if it has one.
pub fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

impl SmtpUrl {
    /// The URL, if it is one Folio can use; the error never repeats it.
    pub fn checked(&self) -> Result<Url, String> {
        let url = Url::parse(&self.0).map_err(|e| {
            format!("FOLIO_SMTP_URL is not a URL ({e}); e.g. smtp://mail.example.org:587")
        })?;
        if !matches!(url.scheme(), "smtp" | "smtps") {
            return Err("FOLIO_SMTP_URL must start with smtp:// or smtps://".into());
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("FOLIO_SMTP_URL must name the mail server's host".into());
        }
        let tls = param(&url, "tls");
        if !matches!(
            tls.as_deref(),
            None | Some("none" | "opportunistic" | "required")
        ) {
            return Err("FOLIO_SMTP_URL: tls= must be none, opportunistic or required".into());
        }
        Ok(url)
    }

    /// The URL without its password, for messages.
    pub fn redacted(&self) -> String {
        match Url::parse(&self.0) {
            Ok(mut url) => {
                if url.password().is_some() {
                    let _ = url.set_password(Some("***"));
                }
                url.to_string()
            }
            Err(_) => "(not a URL)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let url: SmtpUrl = "smtp://user:s3cret@mail.example.org".parse().unwrap();
        assert!(!format!("{url:?}").contains("s3cret"));
        assert!(url.redacted().contains("user"));
    }
}
