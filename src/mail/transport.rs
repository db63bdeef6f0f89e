//! The lettre transport made from `FOLIO_SMTP_URL`.

use std::time::Duration;

use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use url::Url;

use crate::config::SmtpUrl;
use crate::config::smtp_url::param;

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
    url: &SmtpUrl,
    timeout: Duration,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let unusable = |e: &dyn std::fmt::Display| format!("FOLIO_SMTP_URL cannot be used: {e}");
    let url = url.checked()?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&for_lettre(&url))
        .map_err(|e| unusable(&e))?
        .timeout(Some(timeout));
    if let Some(tls) = tls_with_private_ca(&url)? {
        builder = builder.tls(tls);
    }
    Ok(builder.build())
}

/// With `?ca=`: TLS as the URL asks, trusting that certificate too.
fn tls_with_private_ca(url: &Url) -> Result<Option<Tls>, String> {
    let Some(path) = param(url, "ca") else {
        return Ok(None);
    };
    let pem = std::fs::read(&path)
        .map_err(|e| format!("FOLIO_SMTP_URL: could not read the CA certificate {path}: {e}"))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lettre(raw: &str) -> String {
        for_lettre(&raw.parse::<SmtpUrl>().unwrap().checked().unwrap())
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
    fn other_schemes_and_tls_modes_are_refused_without_repeating_the_url() {
        for raw in [
            "http://u:s3cret@mail.example.org",
            "smtp://u:s3cret@mail.example.org?tls=maybe",
            "not a url s3cret",
        ] {
            let url = raw.parse::<SmtpUrl>().unwrap();
            let error = transport(&url, Duration::from_secs(1)).unwrap_err();
            assert!(!error.contains("s3cret"), "{error}");
        }
    }
}
