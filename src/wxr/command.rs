//! The work behind `folio import wordpress` and `folio export wordpress`.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::WxrFile;
use super::fetch::{self, Limits, MediaSource};
use super::mapper::MediaMapping;
use super::uploads::Targets;
use crate::config::Config;
use crate::db;
use crate::db::import::Mode;
use crate::domain::import::{ImportRecord, MediaSummary, Summary};
use crate::startup;

/// How an import treats the old site's uploaded files.
#[derive(Debug, Clone)]
pub enum Media {
    /// Brought into the library from `source`, links rewritten to them.
    BringIn(MediaSource),
    /// Left out (`--no-media`): posts keep linking the old site.
    LeftOut,
}

/// What `folio import wordpress` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub dry_run: bool,
    pub media: Media,
}

impl ImportOptions {
    /// The default: every file fetched from its URL.
    pub fn fetching(dry_run: bool) -> Self {
        Self {
            dry_run,
            media: Media::BringIn(MediaSource::Fetch {
                timeout: FETCH_TIMEOUT,
            }),
        }
    }
}

/// How long one file may take to arrive.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads the file, stores it in one transaction (or rolls back in a dry run)
/// and returns the summary; the media are fetched the default way.
pub async fn import(config: &Config, file: &Path, dry_run: bool) -> anyhow::Result<Summary> {
    import_with(config, file, &ImportOptions::fetching(dry_run)).await
}

/// The import: first the old site's files are brought into the library (not
/// in a dry run, and not with `--no-media`), each in a transaction of its
/// own, so a second run fetches only what is missing; then the export is
/// stored in one transaction, its links into the old uploads folder pointing
/// at the library. The bars show how many files and how much of the export are done.
pub async fn import_with(
    config: &Config,
    file: &Path,
    options: &ImportOptions,
) -> anyhow::Result<Summary> {
    let dry_run = options.dry_run;
    // A dry run writes nothing, not even a new database.
    let pool = if dry_run {
        startup::connect_existing(&config.database_url).await?
    } else {
        startup::connect(&config.database_url).await?
    };
    startup::migrate(&pool).await?;
    let now = config.clock.now();
    let mut summary = Summary::default();
    let wxr = match &options.media {
        Media::LeftOut => {
            summary.media.left_out = true;
            WxrFile::open(file, now)?
        }
        Media::BringIn(source) => {
            let plan = super::media_plan(file)?;
            summary.media = if dry_run {
                let known = db::wp_media::known_paths(&pool, &plan.site_key).await?;
                let wanted = plan.wanted();
                MediaSummary {
                    dry_run: true,
                    wanted: wanted.len(),
                    already_there: wanted.iter().filter(|w| known.contains(&w.path)).count(),
                    ..MediaSummary::default()
                }
            } else {
                let limits = Limits {
                    max_bytes: config.media_max_bytes(),
                    max_mb: config.media_max_mb,
                };
                let bar = bar(0, "{bar:40} {pos}/{len} files {elapsed}");
                let brought = fetch::bring_in(&pool, &plan, source, limits, now, &bar).await;
                bar.finish_and_clear();
                brought?
            };
            let mapping = MediaMapping {
                targets: targets(&pool, &plan.site_key).await?,
                attachment_paths: plan.attachment_paths.clone(),
            };
            WxrFile::open_with_media(file, now, mapping)?
        }
    };
    let records = WithProgress::new(wxr);
    let mode = if dry_run { Mode::DryRun } else { Mode::Store };
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = db::import::import(&pool, records, &source, mode, now, summary).await;
    pool.close().await;
    summary
}

/// The files of `site` brought in so far, as links are rewritten to them.
async fn targets(pool: &sqlx::SqlitePool, site: &str) -> anyhow::Result<Targets> {
    Ok(db::wp_media::brought_in(pool, site)
        .await?
        .into_iter()
        .map(|found| {
            let target = found.target();
            (found.path, target)
        })
        .collect())
}

/// A progress bar on a terminal, none otherwise.
fn bar(length: u64, template: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
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
        let bar = bar(size, "{bar:40} {bytes}/{total_bytes} {elapsed}");
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
