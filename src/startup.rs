//! Everything that happens once: the pool, migrations, first-run setup, templates, the server.

use std::net::TcpListener;
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use sqlx::SqlitePool;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::db;
use crate::db::comment_writer::CommentWriter;
use crate::domain::time::UnixTime;
use crate::domain::{markdown, new_site, signing::Signer};
use crate::files::{self, DatabaseLock, Held};
use crate::hygiene;
use crate::i18n::Language;
use crate::mail::{self, Mailer};
use crate::page_cache::PageCache;
use crate::publisher::{self, Publisher};
use crate::routes;
use crate::state::AppState;
use crate::templates;

/// The migrations in `migrations/`, embedded in the binary: the same files `sqlx migrate run` applies.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// Opens the database (creating the file if missing, readable by its owner
/// only) with the settings Folio relies on: WAL so readers never wait for the
/// writer, a busy timeout so writers queue instead of failing,
/// `synchronous=NORMAL` (durable across a process crash; see README), foreign
/// keys on, `secure_delete` on.
pub async fn connect(database_url: &str) -> anyhow::Result<SqlitePool> {
    let options = connect_options(database_url)?;
    create_private_file(&options)?;
    pool(&options).await
}

/// The same for a command that only reads (or changes) a site: a missing
/// database is an error naming the file looked for, and nothing is created.
pub async fn connect_existing(database_url: &str) -> anyhow::Result<SqlitePool> {
    let options = connect_options(database_url)?.create_if_missing(false);
    let path = options.get_filename();
    if !in_memory(path) && !path.exists() {
        anyhow::bail!(
            "there is no database at {}; set DATABASE_URL or --database-url to the site's database (nothing was created)",
            path.display()
        );
    }
    pool(&options).await
}

/// How every connection to the database is opened (see `connect`).
pub fn connect_options(database_url: &str) -> anyhow::Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str(database_url)
        .with_context(|| "DATABASE_URL is not a valid SQLite URL (e.g. sqlite://folio.db)")?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        // Deleted and overwritten content is zeroed, so erased personal data
        // does not linger in free space of the database file.
        .pragma("secure_delete", "ON")
        // Each connection keeps its own page cache (SQLite's default is
        // 2 MiB), and the pool's connections filled theirs during a crawl: on
        // the 5,000-post site that was about 15 MiB of the server's peak
        // memory (bench/large.sh). The operating system caches the file as
        // well, so a page SQLite has let go of is read back from memory.
        .pragma("cache_size", format!("-{READ_CACHE_KIB}")))
}

/// The page cache of each of the pool's connections, in KiB (see
/// `connect_options`); the comment writer keeps SQLite's default.
const READ_CACHE_KIB: u32 = 512;

/// The comment writer's connection: as every other, but with SQLite's
/// default page cache (2 MiB), since its transactions store batches of comments
/// with their search index.
fn writer_options(options: &SqliteConnectOptions) -> SqliteConnectOptions {
    options.clone().pragma("cache_size", "-2000")
}

fn in_memory(path: &Path) -> bool {
    path == Path::new(":memory:")
}

/// The database holds commenters' addresses and IPs, password and session
/// hashes: a missing file is created readable by its owner only, before
/// SQLite opens it (SQLite would make it world-readable, and gives its `-wal`
/// and `-shm` files the database file's permissions).
fn create_private_file(options: &SqliteConnectOptions) -> anyhow::Result<()> {
    let path = options.get_filename();
    if in_memory(path) {
        return Ok(());
    }
    match files::create_private(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(anyhow::Error::new(error))
            .with_context(|| format!("could not create the database file {}", path.display())),
    }
}

/// Says so when the database file can be read by other users (a file made by
/// an older Folio, or copied into place).
fn warn_if_readable_by_others(options: &SqliteConnectOptions) {
    use std::os::unix::fs::PermissionsExt;
    let path = options.get_filename();
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            "the database file can be read by other users; `chmod 600` it (and its -wal and -shm files)"
        );
    }
}

async fn pool(options: &SqliteConnectOptions) -> anyhow::Result<SqlitePool> {
    SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        // A connection still in a transaction when it comes back is closed,
        // not reused: after a failed COMMIT (a full disk) SQLite may have
        // rolled back by itself, sqlx's own rollback then fails, and every
        // later BEGIN on that connection would be refused. (Now and then a
        // connection whose rollback has not finished yet is closed too; the
        // pool opens another.)
        .after_release(|conn, _| {
            Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
        })
        .connect_with(options.clone())
        .await
        .with_context(|| "could not open the database")
}

/// Applies every pending migration; refuses a database a newer Folio wrote.
pub async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    refuse_a_newer_database(pool).await?;
    MIGRATOR
        .run(pool)
        .await
        .with_context(|| "could not apply the database migrations")?;
    index_for_search(pool).await
}

/// Indexes for search the posts the index does not hold yet: after the
/// migration that made it, every post (its text is normalised by Folio, which
/// SQL alone cannot do), and later any a migration run by sqlx-cli left out.
async fn index_for_search(pool: &SqlitePool) -> anyhow::Result<()> {
    let indexed = db::search::index_missing(pool)
        .await
        .with_context(|| "could not index the posts for search")?;
    if indexed > 0 {
        tracing::info!(posts = indexed, "indexed posts for search");
    }
    Ok(())
}

/// The versions of the migrations applied to this database.
async fn applied_migrations(pool: &SqlitePool) -> anyhow::Result<Vec<i64>> {
    let mut conn = pool.acquire().await?;
    let has_table = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"#
    )
    .fetch_one(&mut *conn)
    .await?
    .n > 0;
    if !has_table {
        return Ok(Vec::new());
    }
    Ok(conn
        .list_applied_migrations()
        .await?
        .into_iter()
        .map(|m| m.version)
        .collect())
}

/// Versions of the embedded migrations not yet applied to this database.
pub async fn pending_migrations(pool: &SqlitePool) -> anyhow::Result<Vec<i64>> {
    let applied = applied_migrations(pool).await?;
    Ok(MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration() && !applied.contains(&m.version))
        .map(|m| m.version)
        .collect())
}

/// A database with migrations this binary does not have was written by a
/// newer Folio: this one stops, saying so and what to do, and changes nothing.
async fn refuse_a_newer_database(pool: &SqlitePool) -> anyhow::Result<()> {
    let unknown: Vec<i64> = applied_migrations(pool)
        .await?
        .into_iter()
        .filter(|version| MIGRATOR.iter().all(|m| m.version != *version))
        .collect();
    if let Some(newest) = unknown.iter().max() {
        anyhow::bail!(
            "the database was written by a newer Folio: it has {} migration(s) this Folio \
             ({}) does not know, the newest {newest}. Run that newer Folio (or a later one) \
             on it, or restore the backup taken before the upgrade; nothing was changed",
            unknown.len(),
            env!("CARGO_PKG_VERSION"),
        );
    }
    Ok(())
}

/// Brings the schema up to date, or refuses to start when the operator
/// migrates by hand and has not yet done so.
pub async fn prepare_schema(pool: &SqlitePool, auto_migrate: bool) -> anyhow::Result<()> {
    if auto_migrate {
        return migrate(pool).await;
    }
    refuse_a_newer_database(pool).await?;
    let pending = pending_migrations(pool).await?;
    if !pending.is_empty() {
        anyhow::bail!(
            "the database has {} pending migration(s) and FOLIO_AUTO_MIGRATE=false: run `folio migrate` or `sqlx migrate run`, then start again",
            pending.len()
        );
    }
    index_for_search(pool).await
}

/// The first time Folio finds no site settings, it creates them, and a sample
/// post when the site has nothing else yet (an import may have come first).
pub async fn initialise_site(pool: &SqlitePool, now: UnixTime) -> anyhow::Result<bool> {
    let mut tx = db::begin_write(pool).await?;
    if !db::settings::create_if_missing(&mut tx, now).await? {
        return Ok(false);
    }
    let sample = !db::posts::write::any(&mut tx).await?;
    if sample {
        let markdown = new_site::SAMPLE_MARKDOWN;
        let body_html = markdown::render(markdown);
        let excerpt_html = markdown::excerpt(markdown, &body_html);
        let welcome = db::posts::write::PostContent {
            title: new_site::SAMPLE_TITLE,
            body_markdown: markdown,
            body_html: &body_html,
            excerpt_html: &excerpt_html,
            published: true,
            publish_at: None,
            comments_open: true,
            tags: &[],
            kind: crate::domain::post::Kind::Post,
            saved_by: None,
            author_id: None,
            review: crate::domain::role::Review::Keep,
            tell_reviewers: false,
        };
        db::posts::write::insert(&mut tx, &welcome, new_site::SAMPLE_SLUG, now).await?;
    }
    tx.commit().await?;
    tracing::info!(sample, "created the site settings");
    Ok(true)
}

/// The shared lock every serving Folio holds on `<database>.lock` (see
/// `files::DatabaseLock`); refused while a restore holds it.
fn serving_lock(options: &SqliteConnectOptions) -> anyhow::Result<Option<DatabaseLock>> {
    let path = options.get_filename();
    if in_memory(path) {
        return Ok(None);
    }
    let lock_path = DatabaseLock::path_for(path);
    let held = match DatabaseLock::serving(path) {
        Ok(held) => held,
        // A folder Folio cannot write: opening the database says why, in words (see `diagnose`).
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            tracing::debug!(%error, path = %lock_path.display(), "serving without the database lock");
            return Ok(None);
        }
        Err(error) => {
            return Err(anyhow::Error::new(error).context(format!(
                "could not open the lock file {}",
                lock_path.display()
            )));
        }
    };
    match held {
        Held::Ours(lock) => Ok(Some(lock)),
        Held::Elsewhere => anyhow::bail!(
            "a restore of {} is under way (`folio restore` holds {}); start Folio again when it has finished",
            path.display(),
            lock_path.display()
        ),
    }
}

/// The running server and the port it is bound to (tests bind port 0).
pub struct Application {
    port: u16,
    server: Server,
    pool: SqlitePool,
    pages: Arc<PageCache>,
    comments: CommentWriter,
    comment_writer: JoinHandle<()>,
    mailer: Option<Mailer>,
    /// Held while serving, so that `folio restore` refuses to swap the file.
    _serving: Option<DatabaseLock>,
}

/// How long an idle kept-alive connection stays open.
pub const KEEP_ALIVE: Duration = Duration::from_secs(75);

/// The HTTP server over the app's routes and middleware.
fn http_server(state: web::Data<AppState>, listener: TcpListener) -> std::io::Result<Server> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .configure(routes::configure)
            .wrap(actix_web::middleware::from_fn(routes::middleware::frame))
    })
    // A client gets 5 s to send its request head, so slow connections cannot
    // pile up; an idle kept-alive connection lives longer than a reverse
    // proxy's (nginx keeps upstream connections 60 s), so the proxy is never
    // the one to reuse a connection just as Folio closes it (a 502).
    .client_request_timeout(Duration::from_secs(5))
    .client_disconnect_timeout(Duration::from_secs(1))
    .keep_alive(KEEP_ALIVE)
    .listen(listener)?
    .shutdown_timeout(10)
    .run();
    Ok(server)
}

/// Starts the tasks that run beside the server: storage hygiene, and the
/// publishing of scheduled posts, once what came due while Folio was stopped
/// is public (before the first request).
async fn start_tasks(
    pool: &SqlitePool,
    config: &Config,
    pages: &Arc<PageCache>,
    now: UnixTime,
) -> anyhow::Result<Publisher> {
    hygiene::spawn(
        pool.clone(),
        config.default_retention(),
        config.clock.clone(),
    );
    publisher::publish_due(pool, pages, now).await?;
    let publisher = Publisher::default();
    publisher.spawn(pool.clone(), config.clock.clone(), Arc::clone(pages));
    Ok(publisher)
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let options = connect_options(&config.database_url)?;
        create_private_file(&options)?;
        warn_if_readable_by_others(&options);
        Self::build_on(config, options).await
    }

    /// The same, with every connection opened with `options` (tests inject
    /// storage faults through them).
    pub async fn build_on(config: Config, options: SqliteConnectOptions) -> anyhow::Result<Self> {
        let serving = serving_lock(&options)?;
        let pool = pool(&options).await?;
        prepare_schema(&pool, config.auto_migrate).await?;
        let now = config.clock.now();
        initialise_site(&pool, now).await?;
        let settings = db::settings::load(&pool)
            .await?
            .context("the site settings are missing")?;
        let key = db::keys::get_or_create(&pool, "signing", now).await?;
        let listener = TcpListener::bind(config.bind)
            .with_context(|| format!("could not listen on {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let pages = Arc::new(PageCache::with_budget_mb(config.page_cache_mb));
        let publisher = start_tasks(&pool, &config, &pages, now).await?;
        let (comments, comment_writer) = CommentWriter::start(&writer_options(&options))
            .await
            .with_context(|| "could not open the database for the comment writer")?;
        let signer = Signer::new(key);
        let language = Language::new(&settings.language);
        let mailer = Mailer::from_config(&config, pool.clone(), signer.clone(), language.clone())?;
        if let Some(mailer) = &mailer
            && !config.mail_poll.is_zero()
        {
            mail::spawn(mailer.clone(), config.mail_poll);
        }
        let state = web::Data::new(AppState {
            pool: pool.clone(),
            comments: comments.clone(),
            templates: templates::load(language.clone())?,
            language,
            signer,
            mailer: mailer.clone(),
            settings: RwLock::new(Arc::new(settings)),
            settings_version: AtomicI64::new(-1),
            pages: Arc::clone(&pages),
            asset_version: routes::assets::version(),
            redirects_exist: Default::default(),
            publisher,
            metrics: Default::default(),
            images: crate::image_work::ImageWork::default(),
            media: Default::default(),
            config,
        });
        let server = http_server(state, listener)?;
        Ok(Self {
            port,
            _serving: serving,
            mailer,
            server,
            pool,
            pages,
            comments,
            comment_writer,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The mailer, when email is on: tests send the outbox with it by hand.
    pub fn mailer(&self) -> Option<Mailer> {
        self.mailer.clone()
    }

    /// The page cache, for whoever changes the database behind the server's back
    /// (tests, tools) and must tell it so.
    pub fn page_cache(&self) -> Arc<PageCache> {
        Arc::clone(&self.pages)
    }

    /// Serves until SIGINT or SIGTERM; in-flight requests finish (up to 10 s),
    /// the comment writer commits what it was handed, then the WAL is
    /// checkpointed into the database file and the pool closed.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.comments.stop().await;
        if let Err(error) = self.comment_writer.await {
            tracing::warn!(%error, "the comment writer ended abnormally");
        }
        if let Err(error) = db::checkpoint(&self.pool).await {
            tracing::warn!(%error, "could not checkpoint the WAL at shutdown");
        }
        self.pool.close().await;
        tracing::info!("stopped");
        served
    }
}

#[cfg(test)]
mod tests {
    use sqlx::{ConnectOptions, SqliteConnection};

    use super::*;

    async fn cache_size(options: &SqliteConnectOptions) -> i64 {
        let mut conn: SqliteConnection = options.connect().await.unwrap();
        // A fixed statement with no parameters; the query! macros cannot describe PRAGMA results.
        sqlx::query_scalar::<_, i64>("PRAGMA cache_size")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn readers_keep_a_small_page_cache_and_the_comment_writer_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("folio.db").display());
        let options = connect_options(&url).unwrap();

        assert_eq!(cache_size(&options).await, -512);
        assert_eq!(cache_size(&writer_options(&options)).await, -2000);
    }
}
