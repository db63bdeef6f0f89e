//! `FOLIO_SMTP_URL` and the lettre transport made from it.

use std::str::FromStr;
use std::time::Duration;

use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use url::Url;

/// `FOLIO_SMTP_URL`: `smtp://host:587` (STARTTLS required), `smtps://host:465`
/// (TLS from the start), credentials as `user:pass@`, and `?tls=none` (plain
/// text, for a relay on localhost) or `?tls=opportunistic`; `?ca=/path/ca.pem`
/// trusts a private CA's certificate besides the public ones. It is checked
/// when the transport is made, so that no error message (clap's included)
/// ever repeats it: its password never shows in messages, debug output or logs.
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

fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

impl SmtpUrl {
    /// The URL, if it is one Folio can use; the error never repeats it.
    fn checked(&self) -> Result<Url, String> {
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

    /// The URL in lettre's dialect, where plain `smtp://` means no TLS at all.
    fn for_lettre(url: &Url) -> String {
        let mut url = url.clone();
        let tls = param(&url, "tls");
        let others: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "tls" && k != "ca")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.set_query(None);
        let lettre_tls = match (url.scheme(), tls.as_deref()) {
            ("smtps", _) | (_, Some("none")) => None,
            (_, Some(mode)) => Some(mode.to_owned()),
            (_, None) => Some("required".to_owned()),
        };
        {
            let mut query = url.query_pairs_mut();
            for (k, v) in &others {
                query.append_pair(k, v);
            }
            if let Some(mode) = lettre_tls {
                query.append_pair("tls", &mode);
            }
        }
        if url.query() == Some("") {
            url.set_query(None);
        }
        url.to_string()
    }

    /// The transport; `timeout` bounds each wait for the server.
    pub fn transport(
        &self,
        timeout: Duration,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let unusable = |e: &dyn std::fmt::Display| format!("FOLIO_SMTP_URL cannot be used: {e}");
        let url = self.checked()?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&Self::for_lettre(&url))
            .map_err(|e| unusable(&e))?
            .timeout(Some(timeout));
        if let Some(tls) = Self::tls_with_private_ca(&url)? {
            builder = builder.tls(tls);
        }
        Ok(builder.build())
    }

    /// With `?ca=`: TLS as the URL asks, trusting that certificate too.
    fn tls_with_private_ca(url: &Url) -> Result<Option<Tls>, String> {
        let Some(path) = param(url, "ca") else {
            return Ok(None);
        };
        let pem = std::fs::read(&path).map_err(|e| {
            format!("FOLIO_SMTP_URL: could not read the CA certificate {path}: {e}")
        })?;
        let certificate = Certificate::from_pem(&pem)
            .map_err(|e| format!("FOLIO_SMTP_URL: {path} is not a PEM certificate: {e}"))?;
        let host = url.host_str().unwrap_or_default().to_owned();
        let parameters = TlsParameters::builder(host)
            .add_root_certificate(certificate)
            .build()
            .map_err(|e| format!("FOLIO_SMTP_URL: {e}"))?;
        Ok(match (url.scheme(), param(url, "tls").as_deref()) {
            ("smtps", _) => Some(Tls::Wrapper(parameters)),
            (_, Some("none")) => None,
            (_, Some("opportunistic")) => Some(Tls::Opportunistic(parameters)),
            _ => Some(Tls::Required(parameters)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lettre(raw: &str) -> String {
        SmtpUrl::for_lettre(&raw.parse::<SmtpUrl>().unwrap().checked().unwrap())
    }

    #[test]
    fn plain_smtp_means_starttls_and_tls_none_means_plain_text() {
        assert_eq!(
            lettre("smtp://mail.example.org:587"),
            "smtp://mail.example.org:587?tls=required"
        );
        assert_eq!(
            lettre("smtp://127.0.0.1:2525?tls=none"),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            lettre("smtps://u:p@mail.example.org:465"),
            "smtps://u:p@mail.example.org:465"
        );
        assert_eq!(
            lettre("smtp://localhost:2526?ca=/tmp/ca.pem"),
            "smtp://localhost:2526?tls=required"
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let url: SmtpUrl = "smtp://user:s3cret@mail.example.org".parse().unwrap();
        assert!(!format!("{url:?}").contains("s3cret"));
        assert!(url.redacted().contains("user"));
    }

    #[test]
    fn other_schemes_and_tls_modes_are_refused_without_repeating_the_url() {
        for raw in [
            "http://u:s3cret@mail.example.org",
            "smtp://u:s3cret@mail.example.org?tls=maybe",
            "not a url s3cret",
        ] {
            let error = raw
                .parse::<SmtpUrl>()
                .unwrap()
                .transport(Duration::from_secs(1))
                .unwrap_err();
            assert!(!error.contains("s3cret"), "{error}");
        }
    }
}
