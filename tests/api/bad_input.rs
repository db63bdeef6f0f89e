//! Bad input under load: a huge body, clients that send their request a
//! byte at a time, and a scan for thousands of missing pages. The server
//! answers them cheaply, keeps serving everyone else, and keeps its log short.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use std::path::PathBuf;

use tempfile::TempDir;

use crate::helpers::{
    RunningFolio, TestApp, WELCOME_SLUG, fresh_database, spawn_app, start_binary_logging,
    valid_comment,
};

const HUNDRED_MB: usize = 100 * 1024 * 1024;

fn host(app: &TestApp) -> &str {
    app.address.trim_start_matches("http://")
}

/// Folio started as its binary, its log at `info` written to a file, to see
/// which requests add lines to it.
struct LoggingFolio {
    folio: RunningFolio,
    log_path: PathBuf,
    lines_at_start: usize,
    _dir: TempDir,
}

impl LoggingFolio {
    async fn start() -> Self {
        let (dir, _path, url) = fresh_database();
        let log_path = dir.path().join("folio.log");
        let log = std::fs::File::create(&log_path).unwrap();
        let folio = start_binary_logging(&url, "info", Stdio::from(log)).await;
        let lines_at_start = std::fs::read_to_string(&log_path).unwrap().lines().count();
        Self {
            folio,
            log_path,
            lines_at_start,
            _dir: dir,
        }
    }

    /// `127.0.0.1:port`, for raw connections.
    fn host(&self) -> String {
        self.folio.address.trim_start_matches("http://").to_owned()
    }

    /// The status lines of the answers to `requests`, each sent raw on a
    /// connection of its own.
    async fn answers(&self, requests: impl IntoIterator<Item = Vec<u8>>) -> Vec<String> {
        let mut answers = Vec::new();
        for request in requests {
            let mut stream = TcpStream::connect(self.host()).await.unwrap();
            stream.write_all(&request).await.unwrap();
            answers.push(
                timeout(Duration::from_secs(10), read_answer(&mut stream))
                    .await
                    .unwrap(),
            );
        }
        answers
    }

    /// The lines logged since it started.
    async fn lines_added(&self) -> Vec<String> {
        // The log is written as requests are answered; give the last one a moment.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let log = std::fs::read_to_string(&self.log_path).unwrap();
        log.lines()
            .skip(self.lines_at_start)
            .map(str::to_owned)
            .collect()
    }
}

/// Reads from `stream` until the status line of an answer has arrived, the
/// server closes, or it fails; returns what arrived.
async fn read_answer(stream: &mut (impl AsyncReadExt + Unpin)) -> String {
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// POSTs a comment body of `total` bytes after `head`, in 64 KiB pieces (as
/// chunks with `chunked`), stopping as soon as an answer arrives; returns the
/// answer and how many body bytes were written by then.
async fn post_huge(app: &TestApp, head: String, total: usize, chunked: bool) -> (String, usize) {
    let stream = TcpStream::connect(host(app)).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let answer = tokio::spawn(async move { read_answer(&mut reader).await });
    writer.write_all(head.as_bytes()).await.unwrap();
    let piece = vec![b'a'; 64 * 1024];
    let framed = if chunked {
        [format!("{:x}\r\n", piece.len()).as_bytes(), &piece, b"\r\n"].concat()
    } else {
        piece.clone()
    };
    let mut written = 0;
    let sending = async {
        while written < total && !answer.is_finished() {
            if writer.write_all(&framed).await.is_err() {
                break;
            }
            written += piece.len();
        }
    };
    timeout(Duration::from_secs(60), sending)
        .await
        .expect("the server neither read the body nor answered within 60 s");
    let answer = timeout(Duration::from_secs(30), answer)
        .await
        .expect("no answer within 30 s")
        .unwrap();
    (answer, written)
}

async fn still_serving(app: &TestApp) {
    let (status, page) = app.get_page(&format!("/posts/{WELCOME_SLUG}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<form"), "the post page lost its form");
    let response = app
        .client
        .post(app.url(&format!("/posts/{WELCOME_SLUG}/comments")))
        .form(&valid_comment())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
}

#[tokio::test]
async fn a_100_mb_comment_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    // With its length announced, and chunked (refused once past the limit).
    for (framing, chunked) in [
        (format!("Content-Length: {HUNDRED_MB}"), false),
        ("Transfer-Encoding: chunked".to_owned(), true),
    ] {
        let head = format!(
            "POST /posts/{WELCOME_SLUG}/comments HTTP/1.1\r\nHost: {}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n{framing}\r\n\r\n",
            host(&app)
        );

        let (answer, written) = post_huge(&app, head, HUNDRED_MB, chunked).await;

        assert!(answer.starts_with("HTTP/1.1 413"), "{framing}: {answer:?}");
        assert!(
            written < HUNDRED_MB,
            "{framing}: the server read all 100 MB"
        );
    }
    still_serving(&app).await;
    assert_eq!(app.comment_count().await, 1);
}

/// Connections that send the start of a request and then nothing more.
async fn stalled(app: &TestApp, start: &str, count: usize) -> Vec<TcpStream> {
    let mut streams = Vec::new();
    for _ in 0..count {
        let mut stream = TcpStream::connect(host(app)).await.unwrap();
        stream.write_all(start.as_bytes()).await.unwrap();
        streams.push(stream);
    }
    streams
}

/// Each stalled connection is answered with a 408 (and closed) by the server,
/// without the client sending anything more.
async fn all_timed_out(streams: Vec<TcpStream>) {
    for mut stream in streams {
        let answer = timeout(Duration::from_secs(30), read_answer(&mut stream))
            .await
            .expect("the server kept a stalled connection open for 30 s");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    }
}

#[tokio::test]
async fn clients_that_stall_in_the_request_head_are_dropped_and_others_served() {
    let app = spawn_app().await;
    let start = format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: a", host(&app));
    let slow = stalled(&app, &start, 200).await;

    still_serving(&app).await;

    all_timed_out(slow).await;
}

#[tokio::test]
async fn clients_that_stall_in_the_body_are_dropped_and_others_served() {
    let app = spawn_app().await;
    let start = format!(
        "POST /posts/{WELCOME_SLUG}/comments HTTP/1.1\r\nHost: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=Slow",
        host(&app)
    );
    let slow = stalled(&app, &start, 200).await;

    still_serving(&app).await;

    all_timed_out(slow).await;
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn ten_thousand_requests_for_missing_pages_are_404s_that_stay_out_of_the_log() {
    let logging = LoggingFolio::start().await;

    let mut scanners = tokio::task::JoinSet::new();
    for scanner in 0..20 {
        let address = logging.folio.address.clone();
        scanners.spawn(async move {
            let client = reqwest::Client::new();
            let mut not_found = 0;
            for i in 0..500 {
                let path = match i % 3 {
                    0 => format!("/posts/no-such-post-{scanner}-{i}"),
                    1 => format!("/wp-admin/setup-{scanner}-{i}.php"),
                    _ => format!("/static/missing-{scanner}-{i}.css"),
                };
                let response = client.get(format!("{address}{path}")).send().await.unwrap();
                if response.status().as_u16() == 404 {
                    not_found += 1;
                }
            }
            not_found
        });
    }
    let not_found: usize = scanners.join_all().await.into_iter().sum();
    let added = logging.lines_added().await;
    let health = reqwest::get(format!("{}/healthz", logging.folio.address))
        .await
        .unwrap();

    assert_eq!(not_found, 10_000);
    assert_eq!(health.status().as_u16(), 200);
    assert!(
        added.is_empty(),
        "{} log lines for 10,000 missing pages, e.g. {:?}",
        added.len(),
        added.last()
    );
}

#[tokio::test]
async fn a_comment_that_arrives_slowly_but_steadily_is_stored() {
    let app = spawn_app().await;
    let hidden = app.hidden_form_fields(WELCOME_SLUG).await;
    let body = serde_html_form::to_string(
        hidden
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(valid_comment().iter().map(|(k, v)| (*k, v.as_str())))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    let head = format!(
        "POST /posts/{WELCOME_SLUG}/comments HTTP/1.1\r\nHost: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        host(&app),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();

    // Three pieces, four seconds apart: longer in all than the 10 s a body may
    // stay silent, but never silent that long.
    for piece in body.as_bytes().chunks(body.len().div_ceil(3)) {
        tokio::time::sleep(Duration::from_secs(4)).await;
        stream.write_all(piece).await.unwrap();
    }
    let answer = read_answer(&mut stream).await;

    assert!(answer.starts_with("HTTP/1.1 303"), "{answer:?}");
    assert_eq!(app.comment_count().await, 1);
}

#[tokio::test]
async fn a_request_with_a_64_kib_header_is_refused_with_431() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/"))
        .header("X-Padding", "a".repeat(64 * 1024))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 431);
    let page = response.text().await.unwrap();
    assert!(page.contains("Request too large"), "{page}");
    assert!(
        !page.contains("error-431"),
        "the page names a text the catalogue lacks: {page}"
    );
    still_serving(&app).await;
}

#[tokio::test]
async fn a_request_with_8_kib_of_cookies_is_served() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/"))
        .header("Cookie", format!("tracking={}", "a".repeat(8 * 1024)))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn a_nul_typed_into_a_comment_never_reaches_the_page_or_the_database() {
    let app = spawn_app().await;
    let mut form = valid_comment();
    form.retain(|(field, _)| *field != "body" && *field != "website");
    form.push(("body", "Before\u{0}after\u{1b}[31m, with\ta tab".to_owned()));
    form.push(("website", "https://ada.example.org/\u{0}".to_owned()));

    let mine = app.post_valid_comment(WELCOME_SLUG, &form).await;
    let (status, page) = app.get_page(&mine).await;

    assert_eq!(status, 200);
    assert!(!page.contains('\u{0}') && !page.contains('\u{1b}'));
    assert!(page.contains("Beforeafter[31m, with\ta tab"), "{page}");
    let (body, website): (String, String) =
        sqlx::query_as("SELECT body, author_website FROM comments ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(body, "Beforeafter[31m, with\ta tab");
    assert_eq!(website, "https://ada.example.org/");
}

#[tokio::test]
async fn a_kept_alive_connection_still_serves_after_ten_idle_seconds() {
    let app = spawn_app().await;
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", host(&app));
    stream.write_all(request.as_bytes()).await.unwrap();
    assert!(read_answer(&mut stream).await.starts_with("HTTP/1.1 200"));
    let mut rest = [0u8; 4096];
    let _ = timeout(Duration::from_millis(200), stream.read(&mut rest)).await;

    tokio::time::sleep(Duration::from_secs(10)).await;
    stream.write_all(request.as_bytes()).await.unwrap();

    let answer = timeout(Duration::from_secs(5), read_answer(&mut stream))
        .await
        .expect("no answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}

#[tokio::test]
async fn a_hundred_requests_with_raw_non_ascii_bytes_in_the_url_add_no_line_to_the_log() {
    let logging = LoggingFolio::start().await;
    let requests = (0..100).map(|i| {
        let target: &[u8] = match i % 3 {
            0 => b"/posts/caf\xc3\xa9",
            1 => b"/\xff\xfe",
            _ => b"/posts/x?q=\xe4",
        };
        let mut request = b"GET ".to_vec();
        request.extend_from_slice(target);
        request.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        request
    });

    let answers = logging.answers(requests).await;
    let added = logging.lines_added().await;
    assert!(
        answers.iter().all(|a| a.starts_with("HTTP/1.1 400")),
        "{:?}",
        answers.iter().find(|a| !a.starts_with("HTTP/1.1 400"))
    );
    assert!(
        added.is_empty(),
        "{} log lines, e.g. {:?}",
        added.len(),
        added.first()
    );
}

/// Refused bad input adds nothing to the log at `info`, whatever it is: a
/// comment of 100 MB (413) and a head of 64 KiB (431) are answered as anyone
/// can send them by the thousand, like a missing page.
#[tokio::test]
async fn bodies_and_heads_too_large_are_refused_without_a_line_in_the_log() {
    let logging = LoggingFolio::start().await;
    let huge_body = format!(
        "POST /posts/{WELCOME_SLUG}/comments HTTP/1.1\r\nHost: x\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {HUNDRED_MB}\r\n\r\nname="
    );
    let huge_head = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );

    let requests = [&huge_body, &huge_head, &huge_body, &huge_head];

    let answers = logging
        .answers(requests.map(|r| r.as_bytes().to_vec()))
        .await;
    let added = logging.lines_added().await;

    let statuses: Vec<&str> = answers.iter().map(|a| &a[..12.min(a.len())]).collect();
    assert_eq!(
        statuses,
        [
            "HTTP/1.1 413",
            "HTTP/1.1 431",
            "HTTP/1.1 413",
            "HTTP/1.1 431"
        ]
    );
    assert!(
        added.is_empty(),
        "{} log lines, e.g. {:?}",
        added.len(),
        added.first()
    );
}
