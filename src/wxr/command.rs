//! The work behind `folio import wordpress` and `folio export wordpress`.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::WxrFile;
use crate::config::Config;
use crate::db;
use crate::db::import::Mode;
use crate::domain::import::{ImportRecord, Summary};
use crate::startup;

/// Reads the file, stores it in one transaction (or rolls back in a dry run)
/// and returns the summary; the bar shows how much of the file is read.
pub async fn import(config: &Config, file: &Path, dry_run: bool) -> anyhow::Result<Summary> {
    // A dry run writes nothing, not even a new database.
    let pool = if dry_run {
        startup::connect_existing(&config.database_url).await?
    } else {
        startup::connect(&config.database_url).await?
    };
    startup::migrate(&pool).await?;
    let now = config.clock.now();
    let records = WithProgress::new(WxrFile::open(file, now)?);
    let mode = if dry_run { Mode::DryRun } else { Mode::Store };
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = db::import::import(&pool, records, &source, mode, now).await;
    pool.close().await;
    summary
}

/// Writes the site as WXR 1.2 to a new file.
pub async fn export(config: &Config, file: &Path) -> anyhow::Result<super::export::Exported> {
    let pool = startup::connect_existing(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let out = crate::files::create_private(file).with_context(|| {
        format!(
            "{}: cannot create the file (it must not exist yet)",
            file.display()
        )
    })?;
    let written =
        super::export::export(&pool, &config.base_url(), std::io::BufWriter::new(out)).await;
    if written.is_err() {
        // Never leave half a file behind.
        let _ = std::fs::remove_file(file);
    }
    pool.close().await;
    written
}

/// The records, moving a progress bar on a terminal (none otherwise).
struct WithProgress {
    file: WxrFile,
    bar: ProgressBar,
}

impl WithProgress {
    fn new(file: WxrFile) -> Self {
        let (_, size) = file.progress();
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(size);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Self { file, bar }
    }
}

impl Iterator for WithProgress {
    type Item = anyhow::Result<ImportRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        let next = self.file.next();
        self.bar.set_position(self.file.progress().0);
        if next.is_none() {
            self.bar.finish_and_clear();
        }
        next
    }
}

impl Drop for WithProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
