//! Files Folio creates hold commenters' addresses and IPs, password and session
//! hashes: the database, its write-ahead log and shared memory, backups and
//! exports are readable by their owner only (issue 21, defect 6).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::cli::folio;
use crate::helpers::{WELCOME_SLUG, spawn_app, valid_comment};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_its_wal_and_shm_backups_and_exports_are_private_to_their_owner() {
    let app = spawn_app().await;
    app.post_valid_comment(WELCOME_SLUG, &valid_comment()).await;
    let database = app.database_url.trim_start_matches("sqlite://").to_owned();
    let dir = Path::new(&database).parent().unwrap().to_owned();
    let backup = dir.join("backup.db");
    let export = dir.join("site.xml");

    let backed_up = folio()
        .args([
            "backup",
            backup.to_str().unwrap(),
            "--database-url",
            &app.database_url,
        ])
        .output()
        .unwrap();
    let exported = folio()
        .args(["export", "wordpress", export.to_str().unwrap()])
        .args(["--database-url", &app.database_url])
        .output()
        .unwrap();

    assert!(
        backed_up.status.success(),
        "{}",
        String::from_utf8_lossy(&backed_up.stderr)
    );
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    for file in [
        database.clone(),
        format!("{database}-wal"),
        format!("{database}-shm"),
        backup.display().to_string(),
        export.display().to_string(),
    ] {
        assert_eq!(
            mode(Path::new(&file)),
            0o600,
            "{file} is {:o}",
            mode(Path::new(&file))
        );
    }
}

#[test]
fn a_database_made_by_the_command_line_is_private_too() {
    let (_dir, path, url) = crate::helpers::fresh_database();

    let output = folio()
        .args(["migrate", "--database-url", &url])
        .output()
        .unwrap();

    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(mode(&path), 0o600);
}
