//! Why Folio cannot write its database, in words an operator can act on: the
//! command line's errors pass through here on their way out.

use std::fs::OpenOptions;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;

/// SQLite's primary result codes for "the file or its folder cannot be
/// written" (SQLITE_READONLY and its extended codes) and "cannot be opened"
/// (SQLITE_CANTOPEN).
const READONLY: i64 = 8;
const CANTOPEN: i64 = 14;

/// `error`, with what to do in front when it is the database's file or folder
/// that cannot be written (which path, and that the folder must be writable
/// because SQLite keeps `-wal` and `-shm` files next to the database).
pub fn database_error(database_url: &str, error: anyhow::Error) -> anyhow::Error {
    if !is_unwritable(&error) {
        return error;
    }
    let Some(path) = database_path(database_url) else {
        return error;
    };
    error.context(explain(&path))
}

/// Whether SQLite said it cannot write or open the database.
fn is_unwritable(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let Some(sqlx::Error::Database(db)) = cause.downcast_ref::<sqlx::Error>() else {
            return false;
        };
        db.code()
            .and_then(|code| code.parse::<i64>().ok())
            .is_some_and(|code| matches!(code & 0xff, READONLY | CANTOPEN))
    })
}

fn database_path(database_url: &str) -> Option<PathBuf> {
    let options = SqliteConnectOptions::from_str(database_url).ok()?;
    let path = options.get_filename();
    (path != Path::new(":memory:")).then(|| path.to_owned())
}

/// What is in the way, found by trying what SQLite needs: writing the file,
/// its `-wal` and `-shm` files, and creating a file in the folder.
fn explain(path: &Path) -> String {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = path.display();
    let dir = folder.display();
    let user = "the user Folio runs as";
    if !folder.is_dir() {
        return format!(
            "cannot open the database {file}: the folder {dir} does not exist; create it \
             (writable for {user}) or set DATABASE_URL to another place"
        );
    }
    if path.exists() && !writable(path) {
        return format!(
            "cannot write the database {file}: the file is read-only for {user}; give that user \
             the file (e.g. chown) and write permission on it"
        );
    }
    for companion in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{companion}", path.display()));
        if side.exists() && !writable(&side) {
            return format!(
                "cannot write the database {file}: {} is read-only for {user} (another user, \
                 such as root running a folio command, may have left it); give that user the \
                 file, as well as {name} and the folder {dir}",
                side.display()
            );
        }
    }
    if !folder_writable(&folder) {
        return format!(
            "cannot write the database {file}: the folder {dir} is not writable for {user}. \
             SQLite keeps {name}-wal and {name}-shm next to the database while it runs, so the \
             folder must be writable as well as the file (e.g. chown the folder and the file to \
             that user)"
        );
    }
    format!(
        "cannot write the database {file}: make the file, its {name}-wal and {name}-shm, and the \
         folder {dir} writable for {user} (SQLite creates the -wal and -shm files next to the \
         database, so the folder must be writable too)"
    )
}

fn writable(path: &Path) -> bool {
    !matches!(
        OpenOptions::new().append(true).open(path),
        Err(e) if matches!(e.kind(), ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem)
    )
}

/// Whether a file can be created in `folder` (tried with a probe file that is removed at once).
fn folder_writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".folio-write-check-{}", std::process::id()));
    match OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
        ),
    }
}
