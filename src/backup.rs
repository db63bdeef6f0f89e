//! `folio backup` and `folio restore`: a consistent copy of the live
//! database, the last N kept in a folder, and such a copy put back in place.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sqlx::SqlitePool;

use crate::config::Config;
use crate::db;
use crate::domain::backup as naming;
use crate::domain::time::UnixTime;
use crate::files::{self, DatabaseLock, Held};
use crate::startup;

/// Where `folio backup` writes, as the operator gave it.
#[derive(Debug)]
pub enum Target {
    /// A new file of that name.
    File(PathBuf),
    /// A new `folio-<time>.db` in that folder (made if missing), keeping the newest `keep`.
    Folder { path: PathBuf, keep: Option<usize> },
}

impl Target {
    /// A path naming a folder (one that exists, or written with a trailing
    /// `/`) is a folder; anything else a file, which `--keep` cannot go with.
    pub fn new(path: PathBuf, keep: Option<usize>) -> anyhow::Result<Self> {
        let folder = path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/');
        match (folder, keep) {
            (true, keep) => Ok(Self::Folder { path, keep }),
            (false, None) => Ok(Self::File(path)),
            (false, Some(_)) => anyhow::bail!(
                "--keep needs a folder to keep backups in (e.g. /var/lib/folio/backups/), not the file {}",
                path.display()
            ),
        }
    }
}

/// What a backup run did.
#[derive(Debug)]
pub struct Done {
    pub file: PathBuf,
    /// Older backups removed to keep the newest N.
    pub removed: Vec<PathBuf>,
}

pub async fn backup(config: &Config, target: Target) -> anyhow::Result<Done> {
    let (file, keep) = match target {
        Target::File(file) => (file, None),
        Target::Folder { path, keep } => {
            if !path.is_dir() {
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(&path)
                    .with_context(|| format!("could not make the folder {}", path.display()))?;
            }
            let name = naming::file_name(config.clock.now());
            (path.join(name), keep.map(|n| (path, n)))
        }
    };
    if file.exists() {
        anyhow::bail!(
            "{} already exists; choose a new file name for the backup",
            file.display()
        );
    }
    let target = file
        .to_str()
        .context("the backup file name must be valid UTF-8")?;
    let pool = startup::connect_existing(&config.database_url).await?;
    if !startup::pending_migrations(&pool).await?.is_empty() {
        anyhow::bail!("the database is not set up (or not migrated); run `folio migrate` first");
    }
    // Made here, empty and private, so SQLite's copy (which may be an empty
    // file to begin with) is as private as the database.
    files::create_private(&file).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::anyhow!(
            "{} already exists; choose a new file name for the backup",
            file.display()
        ),
        _ => anyhow::Error::new(error).context(format!(
            "could not create the backup file {}",
            file.display()
        )),
    })?;
    if let Err(error) = db::backup_into(&pool, target).await {
        // Never leave an empty or half-written backup behind.
        let _ = std::fs::remove_file(&file);
        return Err(anyhow::Error::new(error)
            .context(format!("could not write the backup to {}", file.display())));
    }
    pool.close().await;
    let removed = match keep {
        Some((folder, keep)) => remove_beyond_the_newest(&folder, keep)?,
        None => Vec::new(),
    };
    Ok(Done { file, removed })
}

/// Removes the backups Folio named in `folder` beyond the newest `keep`.
fn remove_beyond_the_newest(folder: &Path, keep: usize) -> anyhow::Result<Vec<PathBuf>> {
    let names: Vec<String> = std::fs::read_dir(folder)
        .with_context(|| format!("could not read the folder {}", folder.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let mut removed = Vec::new();
    for name in naming::beyond_the_newest(&names, keep) {
        let path = folder.join(name);
        std::fs::remove_file(&path)
            .with_context(|| format!("could not remove the old backup {}", path.display()))?;
        removed.push(path);
    }
    Ok(removed)
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    pub database: PathBuf,
    /// The database it replaced, renamed; `None` when there was none.
    pub kept: Option<PathBuf>,
}

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Tables every Folio database has had since its first release.
const FOLIO_TABLES: [&str; 4] = ["_sqlx_migrations", "posts", "comments", "site_settings"];

/// Puts `backup` in place of the database: refuses while a Folio serves it,
/// checks that the backup is a sound Folio database this Folio can open,
/// keeps the database it replaces (with its write-ahead log) under a new
/// name, and leaves no `-wal` or `-shm` file that SQLite could replay onto
/// the restored one.
pub async fn restore(config: &Config, backup: &Path) -> anyhow::Result<Restored> {
    let options = startup::connect_options(&config.database_url)?;
    let database = options.get_filename().to_owned();
    if database == Path::new(":memory:") {
        anyhow::bail!("DATABASE_URL names an in-memory database; there is nothing to restore into");
    }
    refuse_unless_a_backup(backup, &database)?;
    let lock = lock_for_restore(&database)?;
    let owner = std::fs::metadata(&database).ok();
    let incoming = sidecar(&database, ".restoring");
    remove_with_sidecars(&incoming);
    let checked = copy_and_check(backup, &incoming).await;
    if let Err(error) = checked {
        remove_with_sidecars(&incoming);
        return Err(error);
    }
    let kept = set_aside(&database, owner.is_some(), config.clock.now()).await?;
    std::fs::rename(&incoming, &database).with_context(|| {
        format!(
            "could not move the restored database into place at {}",
            database.display()
        )
    })?;
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(folder) = std::fs::File::open(parent)
    {
        let _ = folder.sync_all();
    }
    if let Some(owner) = &owner {
        give_to_owner_of(owner, &database);
        give_to_owner_of(owner, &DatabaseLock::path_for(&database));
    }
    drop(lock);
    Ok(Restored { database, kept })
}

/// Refuses what is no backup made with `folio backup`: not a file, the
/// database itself, or a live copy with a write-ahead log beside it.
fn refuse_unless_a_backup(backup: &Path, database: &Path) -> anyhow::Result<()> {
    let metadata = std::fs::metadata(backup)
        .with_context(|| format!("could not read the backup {}", backup.display()))?;
    if !metadata.is_file() {
        anyhow::bail!("{} is not a file", backup.display());
    }
    if same_file(backup, database) {
        anyhow::bail!(
            "{} is the database itself; name a backup made with `folio backup`",
            backup.display()
        );
    }
    if has_content(&sidecar(backup, "-wal")) {
        anyhow::bail!(
            "{} has a -wal file beside it: it is a copy of a live database, not a backup made with `folio backup`; nothing was changed",
            backup.display()
        );
    }
    Ok(())
}

/// The database's lock, unless a Folio holds it (then nothing may change).
fn lock_for_restore(database: &Path) -> anyhow::Result<DatabaseLock> {
    match DatabaseLock::exclusive(database).with_context(|| {
        format!(
            "could not lock {}",
            DatabaseLock::path_for(database).display()
        )
    })? {
        Held::Ours(lock) => Ok(lock),
        Held::Elsewhere => anyhow::bail!(
            "a Folio is serving {} (it holds {}); stop it first (e.g. `systemctl stop folio`), then restore; nothing was changed",
            database.display(),
            DatabaseLock::path_for(database).display()
        ),
    }
}

/// `path` with `suffix` appended to its name (`folio.db` → `folio.db-wal`).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

fn has_content(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn remove_with_sidecars(path: &Path) {
    for file in [
        path.to_owned(),
        sidecar(path, "-wal"),
        sidecar(path, "-shm"),
    ] {
        let _ = std::fs::remove_file(file);
    }
}

/// Files restored as root keep the replaced database's owner, so the service
/// user can still open them.
fn give_to_owner_of(owner: &std::fs::Metadata, path: &Path) {
    use std::os::unix::fs::MetadataExt;
    if let Err(error) = std::os::unix::fs::chown(path, Some(owner.uid()), Some(owner.gid())) {
        tracing::debug!(%error, path = %path.display(), "could not hand the file to the database's owner");
    }
}

/// Copies the backup to `incoming` (private, synced) and checks the copy:
/// SQLite, sound, Folio's, and not from a newer Folio.
async fn copy_and_check(backup: &Path, incoming: &Path) -> anyhow::Result<()> {
    let not_folio = || {
        anyhow::anyhow!(
            "{} is not a Folio database; nothing was changed",
            backup.display()
        )
    };
    let mut source = std::fs::File::open(backup)
        .with_context(|| format!("could not read the backup {}", backup.display()))?;
    let mut header = [0u8; 16];
    std::io::Read::read_exact(&mut source, &mut header).map_err(|_| not_folio())?;
    if &header != SQLITE_HEADER {
        return Err(not_folio());
    }
    std::io::Seek::rewind(&mut source)?;
    let mut copy = files::create_private(incoming)
        .with_context(|| format!("could not create {}", incoming.display()))?;
    std::io::copy(&mut source, &mut copy)
        .with_context(|| format!("could not copy {}", backup.display()))?;
    copy.sync_all()?;
    drop(copy);

    let url = format!("sqlite://{}", incoming.display());
    let pool = startup::connect_existing(&url).await?;
    let verdict = check(&pool).await;
    let folded = db::checkpoint(&pool).await;
    pool.close().await;
    folded.context("could not check the backup's copy")?;
    remove_empty_log(incoming)?;
    match verdict {
        Ok(Check::Folio) => Ok(()),
        Ok(Check::NotFolio) | Err(_) => Err(not_folio()),
        Ok(Check::Damaged(why)) => anyhow::bail!(
            "{} is damaged ({why}); nothing was changed",
            backup.display()
        ),
        Ok(Check::Newer(version)) => anyhow::bail!(
            "{} was written by a newer Folio (migration {version} is unknown to this one); restore it with that version; nothing was changed",
            backup.display()
        ),
    }
}

enum Check {
    Folio,
    NotFolio,
    Damaged(String),
    Newer(i64),
}

async fn check(pool: &SqlitePool) -> anyhow::Result<Check> {
    let tables = db::table_names(pool).await?;
    if !FOLIO_TABLES
        .iter()
        .all(|table| tables.iter().any(|t| t == table))
    {
        return Ok(Check::NotFolio);
    }
    let integrity = db::integrity_check(pool).await?;
    if integrity != "ok" {
        return Ok(Check::Damaged(integrity));
    }
    let known: Vec<i64> = startup::MIGRATOR.iter().map(|m| m.version).collect();
    let applied = db::applied_migrations(pool).await?;
    if let Some(unknown) = applied.into_iter().find(|v| !known.contains(v)) {
        return Ok(Check::Newer(unknown));
    }
    Ok(Check::Folio)
}

/// Renames the database (and whatever `-wal`/`-shm` it still has after a
/// checkpoint) to `<name>.before-restore-<time>`, so nothing in it is lost
/// and nothing of it is replayed onto the restored file. A `-wal` left
/// without its database goes aside too.
async fn set_aside(
    database: &Path,
    exists: bool,
    now: UnixTime,
) -> anyhow::Result<Option<PathBuf>> {
    let name = database
        .file_name()
        .and_then(|n| n.to_str())
        .context("the database file name must be valid UTF-8")?;
    let kept = database.with_file_name(naming::before_restore_name(name, now));
    if kept.exists() {
        anyhow::bail!(
            "{} already exists; wait a second and restore again",
            kept.display()
        );
    }
    if exists {
        checkpoint_before_setting_aside(database).await;
        remove_empty_log(database)?;
        std::fs::rename(database, &kept).with_context(|| {
            format!(
                "could not rename {} to {}",
                database.display(),
                kept.display()
            )
        })?;
    }
    for suffix in ["-wal", "-shm"] {
        let from = sidecar(database, suffix);
        if from.exists() {
            std::fs::rename(&from, sidecar(&kept, suffix))
                .with_context(|| format!("could not move {} aside", from.display()))?;
        }
    }
    Ok(exists.then_some(kept))
}

/// Removes the `-wal` and `-shm` of a database whose log a checkpoint
/// emptied (while the log holds anything, both stay where they are).
fn remove_empty_log(database: &Path) -> anyhow::Result<()> {
    let wal = sidecar(database, "-wal");
    if has_content(&wal) {
        return Ok(());
    }
    for file in [wal, sidecar(database, "-shm")] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(anyhow::Error::new(error)
                    .context(format!("could not remove {}", file.display())));
            }
        }
    }
    Ok(())
}

/// Folds the write-ahead log into the database file, so that the database
/// set aside is usually one file; when that fails (a damaged file), its
/// `-wal` is moved along with it instead.
async fn checkpoint_before_setting_aside(database: &Path) {
    let url = format!("sqlite://{}", database.display());
    match startup::connect_existing(&url).await {
        Ok(pool) => {
            if let Err(error) = db::checkpoint(&pool).await {
                tracing::warn!(%error, "could not checkpoint the database before setting it aside; its -wal goes with it");
            }
            pool.close().await;
        }
        Err(error) => {
            tracing::warn!(error = %format!("{error:#}"), "could not open the database before setting it aside; its -wal goes with it");
        }
    }
}
