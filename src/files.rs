//! Files Folio writes hold personal data (commenters' addresses and IPs,
//! password and session hashes): the database, backups and exports are
//! created new and readable by their owner only.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Owner may read and write; nobody else anything.
pub const PRIVATE: u32 = 0o600;

/// Creates `path`, which must not exist yet, with mode 0600.
pub fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE)
        .open(path)
}

/// `<database>.lock`, beside the database: every serving Folio holds a shared
/// lock on it (`flock`) for as long as it runs, and `folio restore` an
/// exclusive one, so that a restore never swaps the file under a server and
/// no server starts in the middle of a restore. The kernel drops a lock when
/// its process ends, however it ends.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

/// Who else holds the lock.
#[derive(Debug)]
pub enum Held {
    Ours(DatabaseLock),
    /// Another process holds it in a way that excludes us.
    Elsewhere,
}

impl DatabaseLock {
    pub fn path_for(database: &Path) -> std::path::PathBuf {
        let mut name = database.as_os_str().to_owned();
        name.push(".lock");
        name.into()
    }

    /// The shared lock a serving Folio holds.
    pub fn serving(database: &Path) -> io::Result<Held> {
        Self::take(database, false)
    }

    /// The exclusive lock of a restore.
    pub fn exclusive(database: &Path) -> io::Result<Held> {
        Self::take(database, true)
    }

    fn take(database: &Path, exclusive: bool) -> io::Result<Held> {
        let path = Self::path_for(database);
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(PRIVATE)
            .open(&path)
        {
            Ok(file) => file,
            // Made by another user (root running a restore, say): reading is enough to lock it.
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                File::open(&path).map_err(|_| error)?
            }
            Err(error) => return Err(error),
        };
        let taken = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Ok(()) => Ok(Held::Ours(Self { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(Held::Elsewhere),
            Err(std::fs::TryLockError::Error(error)) => Err(error),
        }
    }
}
