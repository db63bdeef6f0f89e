//! Folio behind a real nginx reverse proxy, configured with README's nginx
//! block itself: each test reads the block out of README, changes only what a
//! test must (listen addresses, the upstream port, the TLS lines, the cache and
//! log paths, each named below), and starts its own nginx (Debian's package)
//! with it in a temporary folder; without nginx a test skips with a message.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::helpers::{
    TestApp, WELCOME_SLUG, comment_with, free_port, input_value, spawn_app_with, start_binary_at,
};

const README: &str = include_str!("../../README.md");

/// README's nginx block, exactly as an operator copies it.
fn readme_block() -> &'static str {
    let blocks: Vec<&str> = README
        .split("```nginx\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 1, "README shows one nginx configuration");
    blocks[0]
}

/// The block with `changes` made, each to text README must hold as written.
fn changed(changes: &[(&str, String)]) -> String {
    let mut config = readme_block().to_owned();
    for (from, to) in changes {
        assert!(
            config.contains(from),
            "README's nginx block no longer has `{from}`"
        );
        config = config.replace(from, to);
    }
    config
}

const CERTIFICATE: &str =
    "ssl_certificate     /etc/letsencrypt/live/blog.example.org/fullchain.pem;";
const CERTIFICATE_KEY: &str =
    "ssl_certificate_key /etc/letsencrypt/live/blog.example.org/privkey.pem;";
const CACHE_PATH: &str = "/var/lib/nginx/folio-cache";
const ACCESS_LOG: &str = "/var/log/nginx/folio.access.log";

/// What the served tests change: the listen addresses (a free port each, no
/// IPv6), the upstream (`app`), plain HTTP on the https server (the test's
/// client speaks no TLS: the certificate lines go, and `ssl http2` with them),
/// and the cache and the access log into the test's folder.
fn served_config(dir: &Path, http: u16, https: u16, upstream: &str) -> String {
    let d = dir.display();
    changed(&[
        ("server 127.0.0.1:8080;", format!("server {upstream};")),
        ("listen 80;", format!("listen 127.0.0.1:{http};")),
        ("listen [::]:80;", String::new()),
        (
            "listen 443 ssl http2;",
            format!("listen 127.0.0.1:{https};"),
        ),
        ("listen [::]:443 ssl http2;", String::new()),
        (CERTIFICATE, String::new()),
        (CERTIFICATE_KEY, String::new()),
        (CACHE_PATH, format!("{d}/cache")),
        (ACCESS_LOG, format!("{d}/access.log")),
    ])
}

/// An nginx.conf like Debian's around `site` (as its `sites-enabled/` include
/// puts it), with nginx's own temporary folders and pid file in `dir`.
fn main_config(dir: &Path, site: &str) -> String {
    let d = dir.display();
    format!(
        r#"worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
{site}
}}
"#
    )
}

struct Nginx {
    child: Child,
    /// The https server of README's block (serving plain HTTP here).
    port: u16,
    /// The port-80 server of README's block.
    http_port: u16,
    dir: TempDir,
}

impl Nginx {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    fn access_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default()
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

/// nginx running README's block in front of `upstream` (`host:port`), or
/// `None` (and a message) when nginx is missing.
async fn nginx_in_front_of_address(upstream: &str) -> Option<Nginx> {
    let Some(binary) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let (port, http_port) = (free_port(), free_port());
    let site = served_config(dir.path(), http_port, port, upstream);
    std::fs::write(
        dir.path().join("nginx.conf"),
        main_config(dir.path(), &site),
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let child = Command::new(binary)
        .args(["-p", &d, "-c", &format!("{d}/nginx.conf"), "-e"])
        .arg(format!("{d}/error.log"))
        .args(["-g", &format!("daemon off; pid {d}/nginx.pid;")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let nginx = Nginx {
        child,
        port,
        http_port,
        dir,
    };
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

/// nginx in front of `app`, or `None` (and a message) when nginx is missing.
async fn nginx_in_front_of(app: &TestApp) -> Option<Nginx> {
    nginx_in_front_of_address(app.address.trim_start_matches("http://")).await
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
async fn an_approved_comment_appears_through_the_cache_within_two_seconds() {
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
fn the_tests_serve_readmes_block_with_only_their_addresses_paths_and_tls_changed() {
    let dir = tempfile::tempdir().unwrap();
    let served = served_config(dir.path(), 8081, 8443, "127.0.0.1:9000");
    for gone in [
        "letsencrypt",
        ":8080",
        "[::]",
        "listen 80;",
        "listen 443 ssl http2;",
        CACHE_PATH,
        ACCESS_LOG,
    ] {
        assert!(!served.contains(gone), "`{gone}` left in:\n{served}");
    }
    // Everything else is README's, line for line.
    let unchanged = |line: &&str| {
        !["listen ", "ssl_certificate", "server 127.0.0.1:8080;"]
            .iter()
            .any(|changed| line.trim_start().starts_with(changed))
            && !line.contains(CACHE_PATH)
            && !line.contains(ACCESS_LOG)
    };
    for line in readme_block().lines().filter(unchanged) {
        assert!(
            served.contains(line),
            "`{line}` missing from the served block"
        );
    }
}

/// `nginx -t` on README's block as an operator pastes it into Debian's nginx:
/// only the certificate paths point at a certificate made here (openssl), and
/// the cache folder and access log, which `nginx -t` creates and opens, go into
/// the test's folder so that the test leaves nothing behind; the folders README
/// names there ship with Debian's nginx package, which the test checks too.
#[test]
fn readmes_nginx_block_passes_nginx_t_as_pasted() {
    let Some(binary) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=blog.example.org"])
        .arg("-keyout")
        .arg(dir.path().join("privkey.pem"))
        .arg("-out")
        .arg(dir.path().join("fullchain.pem"))
        .output();
    if !made.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: openssl could not make a test certificate");
        return;
    }
    let site = changed(&[
        (
            CERTIFICATE,
            format!("ssl_certificate     {d}/fullchain.pem;"),
        ),
        (
            CERTIFICATE_KEY,
            format!("ssl_certificate_key {d}/privkey.pem;"),
        ),
        (CACHE_PATH, format!("{d}/folio-cache")),
        (ACCESS_LOG, format!("{d}/folio.access.log")),
    ]);
    std::fs::write(
        dir.path().join("nginx.conf"),
        main_config(dir.path(), &site),
    )
    .unwrap();

    let output = Command::new(binary)
        .args(["-t", "-p", &d.to_string(), "-c", &format!("{d}/nginx.conf")])
        .arg("-e")
        .arg(dir.path().join("error.log"))
        .args(["-g", &format!("pid {d}/nginx.pid;")])
        .output()
        .unwrap();

    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("test is successful"), "{said}");
    // nginx 1.25.1 and later only warn that `listen … http2` has a newer spelling.
    let warnings: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("[warn]") && !l.contains("http2"))
        .collect();
    assert!(warnings.is_empty(), "{said}");
    if Path::new("/etc/debian_version").exists() {
        for folder in [Path::new(CACHE_PATH), Path::new(ACCESS_LOG)] {
            let parent = folder.parent().unwrap();
            assert!(parent.is_dir(), "{} does not exist", parent.display());
        }
    }
}

#[tokio::test]
async fn during_a_restart_nginx_serves_its_stored_page_instead_of_a_502() {
    let (_db_dir, _path, url) = crate::helpers::fresh_database();
    let port = free_port();
    let mut folio = start_binary_at(&url, port).await;
    let Some(nginx) = nginx_in_front_of_address(&format!("127.0.0.1:{port}")).await else {
        return;
    };
    let reader = reader_at("127.0.0.1");
    let post = nginx.url(&format!("/posts/{WELCOME_SLUG}"));
    let first = reader.get(&post).send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200);
    assert_eq!(
        first.headers()["cache-control"],
        "public, no-cache",
        "Folio's default (FOLIO_PUBLIC_CACHE_SECONDS=0)"
    );

    folio.kill();
    // Past the stored copy's second (nginx counts whole seconds): it must ask Folio now.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let during = reader.get(&post).send().await.unwrap();

    assert_eq!(during.status().as_u16(), 200, "{}", nginx.error_log());
    assert_eq!(cache_status(&during), "STALE");
    assert!(during.text().await.unwrap().contains("Welcome to Folio"));
    let admin = reader.get(nginx.url("/admin/login")).send().await.unwrap();
    assert_eq!(admin.status().as_u16(), 502, "nothing personal was stored");

    let _folio = start_binary_at(&url, port).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let after = reader.get(&post).send().await.unwrap();
        if cache_status(&after) != "STALE" && cache_status(&after) != "UPDATING" {
            assert_eq!(after.status().as_u16(), 200);
            break;
        }
        assert!(Instant::now() < deadline, "nginx kept serving the old copy");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn port_80_redirects_to_https_and_every_answer_carries_hsts() {
    let app = behind_proxy(0).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let reader = reader_at("127.0.0.1");

    let plain = reader
        .get(format!(
            "http://127.0.0.1:{}/posts/{WELCOME_SLUG}?x=1",
            nginx.http_port
        ))
        .send()
        .await
        .unwrap();
    let page = reader.get(nginx.url("/")).send().await.unwrap();
    let missing = reader.get(nginx.url("/no-such-page")).send().await.unwrap();

    assert_eq!(plain.status().as_u16(), 301);
    assert_eq!(
        plain.headers()["location"],
        format!("https://127.0.0.1/posts/{WELCOME_SLUG}?x=1").as_str()
    );
    for answer in [&page, &missing] {
        assert_eq!(
            answer.headers()["strict-transport-security"],
            "max-age=31536000"
        );
    }
}

#[tokio::test]
async fn a_long_post_fits_through_the_proxy() {
    let app = behind_proxy(0).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let csrf = app.login_admin().await;
    // 812 KB of Markdown with umlauts: well over nginx's default 1 MiB once form-encoded.
    let body = "Grüße aus der Praxis, äöü & mehr.\n\n".repeat(22_000);
    assert!(body.len() > 800_000 && body.len() < 1024 * 1024);

    let saved = app
        .client
        .post(nginx.url("/admin/posts"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("title", "Ein langer Beitrag"),
            ("slug", ""),
            ("body", body.as_str()),
            ("status", "published"),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(saved.status().as_u16(), 303, "{}", nginx.error_log());
    let stored: i64 = sqlx::query_scalar(
        "SELECT length(body_markdown) FROM posts WHERE slug = 'ein-langer-beitrag'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, i64::try_from(body.chars().count()).unwrap());
}

#[tokio::test]
async fn secret_links_stay_out_of_nginxs_access_log() {
    let app = behind_proxy(0).await;
    let Some(nginx) = nginx_in_front_of(&app).await else {
        return;
    };
    let reader = reader_at("127.0.0.1");
    let sent = comment_through(
        &reader,
        &nginx.url(&format!("/posts/{WELCOME_SLUG}")),
        "Mine",
    )
    .await;
    let mine = sent.headers()["location"].to_str().unwrap().to_owned();
    let mine_token = mine
        .split("mine=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    reader.get(nginx.url(&mine)).send().await.unwrap();
    for path in [
        "/email/confirm/SECRET-CONFIRM-1",
        "/email/unsubscribe/SECRET-UNSUBSCRIBE-2",
        "/email/moderate/SECRET-MODERATE-3",
        "/admin/invite/SECRET-INVITATION-5",
    ] {
        reader.get(nginx.url(path)).send().await.unwrap();
    }
    reader
        .get(nginx.url("/static/style.css"))
        .header(
            "referer",
            format!("https://blog.example.org/posts/{WELCOME_SLUG}?mine=SECRET-REFERER-4"),
        )
        .send()
        .await
        .unwrap();

    let log = nginx.access_log();
    for secret in [
        mine_token.as_str(),
        "SECRET-CONFIRM-1",
        "SECRET-UNSUBSCRIBE-2",
        "SECRET-MODERATE-3",
        "SECRET-REFERER-4",
        "SECRET-INVITATION-5",
    ] {
        assert!(!log.contains(secret), "{secret} in the access log:\n{log}");
    }
    for kept in [
        "/email/confirm/[token]",
        "/email/moderate/[token]",
        "/admin/invite/[token]",
        "?mine=[token]",
        &format!("\"GET /posts/{WELCOME_SLUG} HTTP/1.1\" 200"),
    ] {
        assert!(log.contains(kept), "{kept} not in the access log:\n{log}");
    }
}
