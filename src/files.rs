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
