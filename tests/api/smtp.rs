//! A small real SMTP server for the tests: it listens on 127.0.0.1, speaks the
//! dialogue (greeting, EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT) over TCP, keeps what it
//! receives, can refuse logins or recipients or hang, and goes down when dropped.

use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message: headers and body, dot-unstuffed.
    pub data: String,
}

impl Received {
    /// The raw header block (folded lines joined).
    pub fn headers(&self) -> String {
        self.data
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .replace("\r\n ", " ")
            .replace("\r\n\t", " ")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers()
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
    }

    /// The decoded body of the part with this content type (`text/plain`, `text/html`).
    pub fn part(&self, content_type: &str) -> String {
        for part in self.data.split("\r\n--") {
            let (head, body) = part.split_once("\r\n\r\n").unwrap_or_default();
            let head = head.to_ascii_lowercase();
            if !head.contains(&format!("content-type: {content_type}")) {
                continue;
            }
            // The closing boundary line ends the body.
            let body = body.trim_end_matches("\r\n");
            if head.contains("content-transfer-encoding: base64") {
                let joined: String = body.split_whitespace().collect();
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(joined)
                    .unwrap();
                return String::from_utf8(bytes).unwrap();
            }
            if head.contains("content-transfer-encoding: quoted-printable") {
                let bytes =
                    quoted_printable::decode(body, quoted_printable::ParseMode::Robust).unwrap();
                return String::from_utf8(bytes).unwrap();
            }
            return body.to_owned();
        }
        panic!("no {content_type} part in\n{}", self.data);
    }

    pub fn text(&self) -> String {
        self.part("text/plain")
    }

    /// Every `https?://...` link in the text part, in order.
    pub fn links(&self) -> Vec<String> {
        self.text()
            .split_whitespace()
            .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
            .map(str::to_owned)
            .collect()
    }

    /// The first link in the text part that contains `marker`.
    pub fn link(&self, marker: &str) -> String {
        self.links()
            .into_iter()
            .find(|l| l.contains(marker))
            .unwrap_or_else(|| panic!("no link with {marker} in\n{}", self.text()))
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    refuse_recipients: bool,
    refuse_login: bool,
    silent: bool,
}

pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
    task: JoinHandle<()>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        Self::start_on(0).await
    }

    /// On a given port (to come back where an app expects it).
    pub async fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let for_task = Arc::clone(&shared);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&for_task)));
            }
        });
        Self { port, shared, task }
    }

    /// A port where nothing listens (yet).
    pub fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    pub fn url_for(port: u16) -> folio::config::SmtpUrl {
        format!("smtp://127.0.0.1:{port}?tls=none").parse().unwrap()
    }

    pub fn url(&self) -> folio::config::SmtpUrl {
        Self::url_for(self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// Mail received for this address.
    pub fn received_by(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Takes connections but never says a word (a hung server).
    pub fn fall_silent(&self, silent: bool) {
        self.shared.lock().unwrap().silent = silent;
    }

    /// Answers every AUTH with 535 (wrong credentials).
    pub fn refuse_login(&self, refuse: bool) {
        self.shared.lock().unwrap().refuse_login = refuse;
    }

    /// Answers every RCPT with 550 (a permanent refusal).
    pub fn refuse_recipients(&self, refuse: bool) {
        self.shared.lock().unwrap().refuse_recipients = refuse;
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn address_in(line: &str) -> String {
    let start = line.find('<').map_or(0, |i| i + 1);
    let end = line.rfind('>').unwrap_or(line.len());
    line[start..end].to_owned()
}

async fn say(writer: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    writer.write_all(text.as_bytes()).await.is_ok()
}

async fn serve(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    if shared.lock().unwrap().silent {
        // Hold the connection open without a greeting until the client gives up.
        let mut buffer = [0u8; 512];
        let mut stream = stream;
        while tokio::io::AsyncReadExt::read(&mut stream, &mut buffer)
            .await
            .unwrap_or(0)
            > 0
        {}
        return;
    }
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    if !say(&mut writer, "220 localhost test SMTP ready\r\n").await {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let answer = if upper.starts_with("EHLO") {
            "250-localhost\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SMTPUTF8\r\n".to_owned()
        } else if upper.starts_with("HELO") {
            "250 localhost\r\n".to_owned()
        } else if upper.starts_with("AUTH PLAIN") {
            if shared.lock().unwrap().refuse_login {
                "535 5.7.8 Authentication credentials invalid\r\n".to_owned()
            } else {
                "235 2.7.0 Authentication successful\r\n".to_owned()
            }
        } else if upper.starts_with("MAIL FROM:") {
            from = address_in(&command);
            to.clear();
            "250 OK\r\n".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            if shared.lock().unwrap().refuse_recipients {
                "550 5.1.1 No such user here\r\n".to_owned()
            } else {
                to.push(address_in(&command));
                "250 OK\r\n".to_owned()
            }
        } else if upper == "DATA" {
            if !say(&mut writer, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                return;
            }
            let mut data = String::new();
            loop {
                let mut line = String::new();
                if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            shared.lock().unwrap().received.push(Received {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
            });
            "250 OK queued\r\n".to_owned()
        } else if upper == "RSET" {
            to.clear();
            "250 OK\r\n".to_owned()
        } else if upper == "NOOP" {
            "250 OK\r\n".to_owned()
        } else if upper == "QUIT" {
            let _ = say(&mut writer, "221 Bye\r\n").await;
            return;
        } else {
            "500 Unknown command\r\n".to_owned()
        };
        if !say(&mut writer, &answer).await {
            return;
        }
    }
}
