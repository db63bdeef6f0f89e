//! Which backup files `folio backup --keep N` writes and which it removes,
//! and what the database a restore replaces is called.

use crate::domain::time::{self, UnixTime};

/// How a backup Folio names itself starts and ends; files named otherwise in
/// the same folder are never touched.
const PREFIX: &str = "folio-";
const SUFFIX: &str = ".db";

/// The name of a backup taken at `unix`: `folio-20261207-033000.db` (UTC), so
/// that names sort as the backups were taken.
pub fn file_name(unix: UnixTime) -> String {
    format!("{PREFIX}{}{SUFFIX}", time::file_stamp(unix))
}

/// Whether `name` is one that `file_name` makes.
fn is_backup_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|stamp| {
            stamp.len() == 15
                && stamp
                    .char_indices()
                    .all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() })
        })
}

/// Of the names in a backup folder, the backups beyond the newest `keep`
/// (oldest first); other files are left alone.
pub fn beyond_the_newest(names: &[String], keep: usize) -> Vec<String> {
    let mut backups: Vec<&String> = names.iter().filter(|n| is_backup_name(n)).collect();
    backups.sort();
    let surplus = backups.len().saturating_sub(keep);
    backups.into_iter().take(surplus).cloned().collect()
}

/// What the database a restore replaces is renamed to, beside it:
/// `folio.db.before-restore-20261207-033000`.
pub fn before_restore_name(database_file_name: &str, unix: UnixTime) -> String {
    format!(
        "{database_file_name}.before-restore-{}",
        time::file_stamp(unix)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_named_by_its_utc_time() {
        assert_eq!(
            file_name(UnixTime::from_seconds(1_796_614_200)),
            "folio-20261207-033000.db"
        );
        assert_eq!(
            before_restore_name("folio.db", UnixTime::from_seconds(1_796_614_200)),
            "folio.db.before-restore-20261207-033000"
        );
    }

    #[test]
    fn only_the_oldest_backups_beyond_the_count_go() {
        let names: Vec<String> = [
            "folio-20261203-033000.db",
            "folio-20261201-033000.db",
            "notes.txt",
            "folio-20261202-033000.db",
            "folio-copy.db",
            "folio-20261204-033000.db",
        ]
        .map(String::from)
        .to_vec();

        assert_eq!(
            beyond_the_newest(&names, 2),
            ["folio-20261201-033000.db", "folio-20261202-033000.db"]
        );
        assert!(beyond_the_newest(&names, 7).is_empty());
        assert_eq!(beyond_the_newest(&names, 0).len(), 4);
    }
}
