//! A real Prometheus (Debian's `prometheus` package) scrapes Folio's
//! `/metrics` with the bearer token, and its HTTP API then says the target is
//! up and holds Folio's series. Skips with a message when Prometheus is not
//! installed (`apt-get install prometheus`); CI installs it.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{free_port, spawn_app_with};

const TOKEN: &str = "prometheus-scrapes-with-this-token";

fn prometheus_binary() -> Option<PathBuf> {
    ["/usr/bin/prometheus", "/usr/local/bin/prometheus"]
        .map(PathBuf::from)
        .into_iter()
        .find(|p| p.exists())
}

struct Prometheus {
    child: Child,
    api: String,
    _dir: tempfile::TempDir,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_prometheus(binary: &PathBuf, target: &str) -> Prometheus {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
             scrape_configs:\n  - job_name: folio\n    authorization:\n      credentials: {TOKEN}\n\
             \x20   static_configs:\n      - targets: ['{target}']\n"
        ),
    )
    .unwrap();
    let port = free_port();
    let child = Command::new(binary)
        .arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.path().join("data").display()
        ))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .arg("--log.level=warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Prometheus {
        child,
        api: format!("http://127.0.0.1:{port}/api/v1"),
        _dir: dir,
    }
}

/// The result vector of an instant query, once it is not empty (within 60 s).
async fn query_until_found(prometheus: &Prometheus, query: &str) -> Vec<serde_json::Value> {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let encoded: String = url::form_urlencoded::byte_serialize(query.as_bytes()).collect();
        let answer = client
            .get(format!("{}/query?query={encoded}", prometheus.api))
            .send()
            .await;
        if let Ok(answer) = answer
            && let Ok(text) = answer.text().await
            && let Ok(body) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(result) = body["data"]["result"].as_array()
            && !result.is_empty()
        {
            return result.clone();
        }
        assert!(
            Instant::now() < deadline,
            "Prometheus found no {query} within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn a_real_prometheus_scrapes_folio_and_finds_its_series() {
    let Some(binary) = prometheus_binary() else {
        eprintln!("skipped: prometheus is not installed (apt-get install prometheus)");
        return;
    };
    let app = spawn_app_with(|c| c.metrics_token = Some(TOKEN.to_owned())).await;
    app.get_page("/").await;
    let target = app.address.trim_start_matches("http://").to_owned();

    let prometheus = start_prometheus(&binary, &target);
    let up = query_until_found(&prometheus, r#"up{job="folio"} == 1"#).await;
    let build = query_until_found(&prometheus, "folio_build_info").await;
    let requests = query_until_found(&prometheus, "folio_http_requests_total").await;

    assert_eq!(up[0]["metric"]["instance"], target.as_str());
    assert_eq!(
        build[0]["metric"]["version"],
        env!("CARGO_PKG_VERSION"),
        "{build:?}"
    );
    assert!(
        requests
            .iter()
            .any(|series| series["metric"]["route"] == "/"),
        "{requests:?}"
    );
}
