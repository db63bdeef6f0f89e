use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use folio::config::Config;
use folio::domain::markdown;
use folio::domain::role::Role;
use folio::domain::time::{self, Clock};
use folio::startup::{self, Application};
use reqwest::redirect::Policy;
use sqlx::SqlitePool;
use tempfile::TempDir;

pub const WELCOME_SLUG: &str = "welcome-to-folio";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: SqlitePool,
    pub database_url: String,
    /// The app's clock: stands still until a test moves it.
    pub clock: Clock,
    /// Told before every GET that tests may have changed the database directly.
    pages: std::sync::Arc<folio::page_cache::PageCache>,
    /// Sends the outbox when a test says so (see `email.rs`); `None` with email off.
    pub mailer: Option<folio::mail::Mailer>,
    _dir: Option<TempDir>,
}

pub fn test_config(database_url: &str) -> Config {
    Config {
        database_url: database_url.to_owned(),
        bind: "127.0.0.1:0".parse().unwrap(),
        base_url: None,
        auto_migrate: true,
        comment_min_seconds: 0,
        comments_per_minute: 0,
        login_attempts: 5,
        login_lock_seconds: 900,
        trusted_proxy: None,
        ip_retention_days: 30,
        spam_retention_days: 30,
        smtp_url: None,
        mail_from: None,
        // Tests send the outbox by hand (`TestApp::send_mail`).
        mail_poll: Duration::ZERO,
        smtp_timeout: Duration::from_secs(2),
        public_cache_seconds: 0,
        metrics_token: None,
        log_format: Default::default(),
        media_max_mb: 20,
        page_cache_mb: folio::page_cache::DEFAULT_BUDGET_MB,
        clock: Clock::manual(time::now()),
    }
}

/// A fresh temporary folder and the SQLite URL of a database file in it.
pub fn fresh_database() -> (TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("folio.db");
    let url = format!("sqlite://{}", path.display());
    (dir, path, url)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_with_site(adjust, "").await
}

/// An app whose site settings were changed by `settings_sql` (an `UPDATE
/// site_settings ...`) before it started, as the admin's settings form would.
pub async fn spawn_app_with_site(adjust: impl FnOnce(&mut Config), settings_sql: &str) -> TestApp {
    let (dir, _path, database_url) = fresh_database();
    if !settings_sql.is_empty() {
        let pool = startup::connect(&database_url).await.unwrap();
        startup::migrate(&pool).await.unwrap();
        startup::initialise_site(&pool, folio::domain::time::now())
            .await
            .unwrap();
        sqlx::query(settings_sql).execute(&pool).await.unwrap();
        pool.close().await;
    }
    start(&database_url, Some(dir), adjust).await
}

/// Another app on an existing database file (a restart, or a database a command made).
pub async fn spawn_app_on(database_url: &str, adjust: impl FnOnce(&mut Config)) -> TestApp {
    start(database_url, None, adjust).await
}

/// An app whose every connection is opened with `options` (a storage fault
/// injected through a pragma, say); the test's own pool is opened as usual.
pub async fn spawn_app_on_connections(
    database_url: &str,
    dir: TempDir,
    options: sqlx::sqlite::SqliteConnectOptions,
) -> TestApp {
    start_on(database_url, Some(dir), |_| {}, Some(options)).await
}

async fn start(
    database_url: &str,
    dir: Option<TempDir>,
    adjust: impl FnOnce(&mut Config),
) -> TestApp {
    start_on(database_url, dir, adjust, None).await
}

async fn start_on(
    database_url: &str,
    dir: Option<TempDir>,
    adjust: impl FnOnce(&mut Config),
    options: Option<sqlx::sqlite::SqliteConnectOptions>,
) -> TestApp {
    let mut config = test_config(database_url);
    adjust(&mut config);
    let clock = config.clock.clone();
    let app = match options {
        Some(options) => Application::build_on(config, options).await,
        None => Application::build(config).await,
    }
    .expect("the app starts");
    let pages = app.page_cache();
    let mailer = app.mailer();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let pool = startup::connect(database_url).await.unwrap();
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        pool,
        database_url: database_url.to_owned(),
        clock,
        pages,
        mailer,
        _dir: dir,
    }
}

/// A comment form with every field valid.
pub fn valid_comment() -> Vec<(&'static str, String)> {
    vec![
        ("name", "Ada Lovelace".to_owned()),
        ("email", "ada@example.org".to_owned()),
        ("website", "https://ada.example.org".to_owned()),
        ("body", "What a thoughtful post.".to_owned()),
    ]
}

/// `valid_comment()` with one field replaced (or added).
pub fn comment_with(field: &'static str, value: &str) -> Vec<(&'static str, String)> {
    let mut form: Vec<_> = valid_comment()
        .into_iter()
        .filter(|(k, _)| *k != field)
        .collect();
    form.push((field, value.to_owned()));
    form
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A GET; tests change the database behind the app's back, so the page
    /// cache is told to look at the content version first.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.pages.note_possible_change();
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// What the app's page cache holds and how often it was hit.
    pub fn page_cache_stats(&self) -> folio::page_cache::CacheStats {
        self.pages.stats()
    }

    /// A GET with one more request header (`If-None-Match`, `Accept-Encoding`, ...).
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> reqwest::Response {
        self.pages.note_possible_change();
        self.client
            .get(self.url(path))
            .header(name, value)
            .send()
            .await
            .unwrap()
    }

    /// Status and body of a GET.
    pub async fn get_page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// The hidden anti-abuse fields of a post's comment form, as a browser would send
    /// them (none when the post has no form).
    pub async fn hidden_form_fields(&self, slug: &str) -> Vec<(&'static str, String)> {
        let (_, page) = self.get_page(&format!("/posts/{slug}")).await;
        let mut fields = vec![("homepage", String::new())];
        if let Some(token) = input_value(&page, "form_token") {
            fields.push(("form_token", token));
        }
        fields
    }

    /// Submits the form like a browser: the post page is fetched first for its
    /// hidden fields, and the given fields are added (or replace them).
    pub async fn post_comment(&self, slug: &str, form: &[(&str, String)]) -> reqwest::Response {
        let mut full: Vec<(&str, String)> = self
            .hidden_form_fields(slug)
            .await
            .into_iter()
            .filter(|(k, _)| !form.iter().any(|(f, _)| f == k))
            .collect();
        full.extend(form.iter().cloned());
        self.post_comment_raw(slug, &full, &[]).await
    }

    /// Submits exactly these fields and headers, as a bot might.
    pub async fn post_comment_raw(
        &self,
        slug: &str,
        form: &[(&str, String)],
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(&format!("/posts/{slug}/comments")))
            .form(form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// Posts a valid comment and returns the redirect's location (with the author's token).
    pub async fn post_valid_comment(&self, slug: &str, form: &[(&str, String)]) -> String {
        let response = self.post_comment(slug, form).await;
        assert_eq!(response.status().as_u16(), 303, "the comment was refused");
        location(&response)
    }

    pub async fn create_post(
        &self,
        slug: &str,
        title: &str,
        published: bool,
        comments_open: bool,
    ) -> i64 {
        let body = format!("The body of {title}.\n\nSecond paragraph.");
        let html = markdown::render(&body);
        let excerpt = markdown::excerpt(&body, &html);
        let content = folio::db::posts::write::PostContent {
            title,
            body_markdown: &body,
            body_html: &html,
            excerpt_html: &excerpt,
            published,
            publish_at: None,
            comments_open,
            tags: &[],
            kind: folio::domain::post::Kind::Post,
            saved_by: None,
            author_id: None,
            review: folio::domain::role::Review::Keep,
            tell_reviewers: false,
        };
        let mut conn = self.pool.acquire().await.unwrap();
        folio::db::posts::write::insert(&mut conn, &content, slug, self.clock.now())
            .await
            .unwrap()
            .get()
    }

    pub async fn comment_count(&self) -> i64 {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM comments")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    pub async fn comment_status(&self, id: i64) -> String {
        sqlx::query_scalar::<_, String>("SELECT status FROM comments WHERE id = ?")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    pub async fn set_comment_status(&self, id: i64, status: &str) {
        sqlx::query("UPDATE comments SET status = ? WHERE id = ?")
            .bind(status)
            .bind(id)
            .execute(&self.pool)
            .await
            .unwrap();
    }

    /// Why the rules held the comment, as an English-speaking moderator reads it.
    pub async fn comment_reason(&self, id: i64) -> String {
        let stored =
            sqlx::query_scalar::<_, String>("SELECT status_reason FROM comments WHERE id = ?")
                .bind(id)
                .fetch_one(&self.pool)
                .await
                .unwrap();
        folio::i18n::Language::new("en").stored(&stored)
    }

    pub async fn last_comment_id(&self) -> i64 {
        sqlx::query_scalar::<_, i64>("SELECT MAX(id) FROM comments")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

pub const ADMIN: &str = "alice";
pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// The value of the first `<input name="{name}" value="...">` in a page.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(unescape(&html[start..start + end]))
}

impl TestApp {
    pub async fn create_admin(&self, username: &str, password: &str) {
        self.create_account(username, password, Role::Admin).await;
    }

    /// An account with `role`; returns its id.
    pub async fn create_account(&self, username: &str, password: &str, role: Role) -> i64 {
        let password = folio::domain::admin::NewPassword::parse(password.to_owned()).unwrap();
        let hash = folio::auth::password::hash(password).await.unwrap();
        folio::db::admins::create(&self.pool, username, &hash, role, self.clock.now())
            .await
            .unwrap();
        self.account_id(username).await
    }

    pub async fn account_id(&self, username: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM admins WHERE username = ?")
            .bind(username)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A browser of its own (its own cookies), signed in as a new account
    /// `username` with `role` and the usual password.
    pub async fn browser_as(&self, username: &str, role: Role) -> Browser {
        let id = self.create_account(username, ADMIN_PASSWORD, role).await;
        let browser = Browser::new(&self.address);
        let response = browser.sign_in(username, ADMIN_PASSWORD).await;
        assert_eq!(
            response.status().as_u16(),
            303,
            "{username} could not sign in"
        );
        let csrf = browser.csrf_token().await;
        Browser {
            account_id: id,
            csrf,
            ..browser
        }
    }

    /// Posts the login form (with the login page's CSRF token) and returns the response.
    pub async fn login_as(&self, username: &str, password: &str) -> reqwest::Response {
        let (_, page) = self.get_page("/admin/login").await;
        let csrf = input_value(&page, "csrf_token").expect("the login form has a CSRF token");
        self.client
            .post(self.url("/admin/login"))
            .form(&[
                ("username", username),
                ("password", password),
                ("csrf_token", &csrf),
            ])
            .send()
            .await
            .unwrap()
    }

    /// Creates the default admin and logs in; returns the session's CSRF token.
    pub async fn login_admin(&self) -> String {
        self.create_admin(ADMIN, ADMIN_PASSWORD).await;
        let response = self.login_as(ADMIN, ADMIN_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 303, "login failed");
        self.csrf_token().await
    }

    /// The CSRF token on the admin's pages.
    pub async fn csrf_token(&self) -> String {
        let (status, page) = self.get_page("/admin/account").await;
        assert_eq!(status, 200, "not logged in");
        input_value(&page, "csrf_token").expect("admin pages carry a CSRF token")
    }

    /// An admin POST with the given fields (add `csrf_token` yourself).
    pub async fn admin_post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// A published comment on the welcome post, by `name`, with `status`; returns its id.
    pub async fn seed_comment(&self, name: &str, body: &str, status: &str) -> i64 {
        let mut form = comment_with("body", body);
        form.retain(|(k, _)| *k != "name");
        form.push(("name", name.to_owned()));
        self.post_valid_comment(WELCOME_SLUG, &form).await;
        let id = self.last_comment_id().await;
        self.set_comment_status(id, status).await;
        id
    }
}

/// Another browser on the same app, with cookies of its own: a second
/// account signed in beside the test's own client.
pub struct Browser {
    pub client: reqwest::Client,
    pub address: String,
    pub account_id: i64,
    /// Its session's CSRF token, once signed in.
    pub csrf: String,
}

impl Browser {
    pub fn new(address: &str) -> Self {
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .cookie_store(true)
            .build()
            .unwrap();
        Self {
            client,
            address: address.to_owned(),
            account_id: 0,
            csrf: String::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// A form POST; the session's CSRF token is added.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let mut fields = vec![("csrf_token", self.csrf.as_str())];
        fields.extend_from_slice(form);
        self.client
            .post(self.url(path))
            .form(&fields)
            .send()
            .await
            .unwrap()
    }

    /// The login form, sent as a person would (with the login page's token).
    pub async fn sign_in(&self, username: &str, password: &str) -> reqwest::Response {
        let (_, page) = self.get("/admin/login").await;
        let csrf = input_value(&page, "csrf_token").expect("the login form has a CSRF token");
        self.client
            .post(self.url("/admin/login"))
            .form(&[
                ("username", username),
                ("password", password),
                ("csrf_token", &csrf),
            ])
            .send()
            .await
            .unwrap()
    }

    pub async fn csrf_token(&self) -> String {
        let (status, page) = self.get("/admin/account").await;
        assert_eq!(status, 200, "not signed in");
        input_value(&page, "csrf_token").expect("admin pages carry a CSRF token")
    }
}

/// What a browser makes of an escaped attribute value.
pub fn unescape(escaped: &str) -> String {
    escaped
        .replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The real `folio` binary on a free port.
pub struct RunningFolio {
    pub child: Child,
    pub address: String,
}

impl RunningFolio {
    /// SIGKILL: no shutdown code runs.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RunningFolio {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The real binary on a fresh free port, serving `database_url`, logging warnings only.
pub async fn start_binary(database_url: &str) -> RunningFolio {
    start_binary_logging(database_url, "warn", Stdio::null()).await
}

/// The same, logging at `rust_log` to `log`.
// The child is waited for by RunningFolio's Drop, which clippy cannot see.
#[allow(clippy::zombie_processes)]
pub async fn start_binary_logging(database_url: &str, rust_log: &str, log: Stdio) -> RunningFolio {
    start_binary_on(database_url, free_port(), rust_log, log, &[]).await
}

/// The same, with more environment variables (`FOLIO_SMTP_URL`, `FOLIO_LOG_FORMAT`, ...).
pub async fn start_binary_with(
    database_url: &str,
    rust_log: &str,
    log: Stdio,
    env: &[(&str, &str)],
) -> RunningFolio {
    start_binary_on(database_url, free_port(), rust_log, log, env).await
}

/// The real binary on `port` (the same port again after a restart), logging warnings only.
pub async fn start_binary_at(database_url: &str, port: u16) -> RunningFolio {
    start_binary_on(database_url, port, "warn", Stdio::null(), &[]).await
}

// The child is waited for by RunningFolio's Drop, which clippy cannot see.
#[allow(clippy::zombie_processes)]
async fn start_binary_on(
    database_url: &str,
    port: u16,
    rust_log: &str,
    log: Stdio,
    env: &[(&str, &str)],
) -> RunningFolio {
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("FOLIO_BIND", format!("127.0.0.1:{port}"))
        .env("FOLIO_COMMENT_MIN_SECONDS", "0")
        .env("FOLIO_COMMENTS_PER_MINUTE", "0")
        .env("RUST_LOG", rust_log)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let address = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client
            .get(format!("{address}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            // The log is written by a thread of its own every few milliseconds:
            // the start's lines are in it before a test counts them.
            tokio::time::sleep(Duration::from_millis(100)).await;
            return RunningFolio { child, address };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("folio did not start within 10 s");
}
