//! Folio behind a real nginx reverse proxy with `proxy_cache` and upstream
//! keep-alive, as README's configuration runs it. Each test starts its own
//! nginx (Debian's package) on a free port with a generated configuration in a
//! temporary folder, and skips with a message when nginx is not installed.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::helpers::{TestApp, WELCOME_SLUG, comment_with, free_port, input_value, spawn_app_with};

/// The proxy part of README's nginx configuration (TLS left out).
const PROXY: &str = r#"
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_cache folio;
    proxy_cache_lock on;
    proxy_cache_revalidate on;
    proxy_cache_use_stale error timeout updating;
    add_header X-Cache-Status $upstream_cache_status always;
    open_file_cache max=1000 inactive=60s;
"#;

struct Nginx {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Nginx {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM to the master (by its PID) takes its workers down with it.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn nginx_binary() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

fn write_config(dir: &Path, port: u16, upstream: &str) {
    let d = dir.display();
    let config = format!(
        r#"worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    proxy_cache_path {d}/cache keys_zone=folio:1m;
    upstream folio {{
        server {upstream};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://folio;
            {PROXY}
        }}
    }}
}}
"#
    );
    std::fs::write(dir.join("nginx.conf"), config).unwrap();
}

/// nginx in front of `app`, or `None` (and a message) when nginx is missing.
async fn nginx_in_front_of(app: &TestApp) -> Option<Nginx> {
    let Some(binary) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    write_config(dir.path(), port, app.address.trim_start_matches("http://"));
    let d = dir.path().display().to_string();
    let child = Command::new(binary)
        .args(["-p", &d, "-c", &format!("{d}/nginx.conf"), "-e"])
        .arg(format!("{d}/error.log"))
        .args(["-g", &format!("daemon off; pid {d}/nginx.pid;")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let nginx = Nginx { child, port, dir };
    let deadline = Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            nginx.error_log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Some(nginx)
}

/// A client without cookies, connecting from `from` (any 127.x address reaches loopback).
fn reader_at(from: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .local_address(from.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn text_of(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// Fetches the post page at `post` and sends its comment form with `body`, as a browser would.
async fn comment_through(client: &reqwest::Client, post: &str, body: &str) -> reqwest::Response {
    let page = text_of(client, post).await;
    let mut form = comment_with("body", body);
    form.push(("form_token", input_value(&page, "form_token").unwrap()));
    form.push(("homepage", String::new()));
    client
        .post(format!("{post}/comments"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

fn cache_status(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-cache-status")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn behind_proxy(cache_seconds: u32) -> TestApp {
    spawn_app_with(|config| {
        config.public_cache_seconds = cache_seconds;
        config.trusted_proxy = Some("127.0.0.1".parse().unwrap());
    })
    .await
}

#[tokio::test]
async fn an_approved_comment_appears_through_the_cache_within_the_configured_time() {
    let app = behind_proxy(2).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let reader = reader_at("127.0.0.1");
    let post = nginx.url(&format!("/posts/{WELCOME_SLUG}"));
    reader.get(&post).send().await.unwrap();
    let cached = reader.get(&post).send().await.unwrap();
    assert_eq!(cache_status(&cached), "HIT", "{}", nginx.error_log());

    app.seed_comment("Ada", "Seen through the cache", "approved")
        .await;
    app.get("/healthz").await;
    let approved_at = Instant::now();

    loop {
        let page = text_of(&reader, &post).await;
        if page.contains("Seen through the cache") {
            break;
        }
        assert!(
            approved_at.elapsed() < Duration::from_millis(3_500),
            "the approved comment was not served within 2 s (+ margin)"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_readers_pending_comment_and_the_admins_pages_never_come_out_of_the_cache() {
    let app = behind_proxy(60).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let post = nginx.url(&format!("/posts/{WELCOME_SLUG}"));
    let author = reader_at("127.0.0.1");
    let other = reader_at("127.0.0.1");
    other.get(&post).send().await.unwrap();
    let sent = comment_through(&author, &post, "My pending words").await;
    assert_eq!(sent.status().as_u16(), 303);
    let mine = sent.headers()["location"].to_str().unwrap().to_owned();
    for _ in 0..2 {
        let own = author.get(nginx.url(&mine)).send().await.unwrap();
        assert_ne!(cache_status(&own), "HIT");
        assert!(own.text().await.unwrap().contains("My pending words"));
    }
    for _ in 0..2 {
        let page = other.get(&post).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains("My pending words"));
    }

    // The admin's session cookie is sent to the proxy too (cookies ignore ports).
    app.login_admin().await;
    for _ in 0..2 {
        let queue = app
            .client
            .get(nginx.url("/admin/comments"))
            .send()
            .await
            .unwrap();
        assert_eq!(queue.status().as_u16(), 200);
        assert_ne!(cache_status(&queue), "HIT");
    }
    let stranger = other
        .get(nginx.url("/admin/comments"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        stranger.status().as_u16(),
        200,
        "the queue came out of the cache"
    );
    assert!(!stranger.text().await.unwrap().contains("My pending words"));
}

#[tokio::test]
async fn a_comment_sent_through_the_proxy_keeps_the_readers_ip() {
    let app = behind_proxy(0).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let reader = reader_at("127.0.0.7");
    let post = nginx.url(&format!("/posts/{WELCOME_SLUG}"));
    let sent = comment_through(&reader, &post, "From behind the proxy").await;

    assert_eq!(sent.status().as_u16(), 303);
    let ip: String = sqlx::query_scalar("SELECT ip FROM comments ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(ip, "127.0.0.7");
}

/// 50 clients, each sending a comment every 4–6 s through the proxy's kept-alive
/// upstream connections, for 30 s with `FOLIO_SLOW_TESTS=1` (CI), else 12 s:
/// both cross Folio's old 5 s idle close many times.
#[tokio::test]
async fn clients_commenting_every_few_seconds_through_the_proxy_never_get_a_502() {
    let app = behind_proxy(0).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let slow = std::env::var("FOLIO_SLOW_TESTS").is_ok_and(|v| v == "1");
    let run_for = Duration::from_secs(if slow { 30 } else { 12 });
    let started = Instant::now();
    let clients: Vec<_> = (0..50u64)
        .map(|n| {
            let url = nginx.url(&format!("/posts/{WELCOME_SLUG}/comments"));
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let mut statuses = Vec::new();
                let mut turn = n;
                // Spread the clients over the first seconds, then 4–6 s apart.
                tokio::time::sleep(Duration::from_millis(n * 97 % 5_000)).await;
                while started.elapsed() < run_for {
                    // A POST, which nginx does not retry on another connection.
                    let form =
                        comment_with("body", &format!("Client {n}, turn {}", statuses.len()));
                    let status = client
                        .post(&url)
                        .form(&form)
                        .send()
                        .await
                        .map(|r| r.status().as_u16());
                    statuses.push(status.unwrap_or(0));
                    turn = turn.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    tokio::time::sleep(Duration::from_millis(4_000 + (turn >> 33) % 2_001)).await;
                }
                statuses
            })
        })
        .collect();

    let mut all = Vec::new();
    for client in clients {
        all.extend(client.await.unwrap());
    }

    assert!(all.len() >= 100, "only {} requests", all.len());
    let failed: Vec<_> = all.iter().filter(|s| **s != 303).collect();
    assert!(
        failed.is_empty(),
        "{} of {} requests failed: {failed:?}\n{}",
        failed.len(),
        all.len(),
        nginx.error_log()
    );
}

#[test]
fn readme_shows_the_proxy_configuration_these_tests_run() {
    let readme = include_str!("../../README.md");
    for line in PROXY.lines().map(str::trim).filter(|line| !line.is_empty()) {
        assert!(
            readme.contains(line),
            "README's nginx configuration lacks `{line}`"
        );
    }
}
