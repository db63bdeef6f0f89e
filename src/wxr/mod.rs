//! WordPress eXtended RSS (WXR): moving a WordPress site in (`folio import
//! wordpress`) and out again (`folio export wordpress`).
//!
//! `reader` streams the file into plain records, `mapper` turns them into
//! Folio's values (`domain::import`), and `db::import` stores them in one
//! transaction. `export` writes the site back as WXR 1.2.

pub mod command;
pub mod content;
pub mod export;
pub mod fetch;
pub mod mapper;
pub mod reader;
pub mod uploads;

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use crate::domain::import::ImportRecord;
use crate::domain::time::UnixTime;
use mapper::{Mapper, MediaMapping};
use reader::{ReadError, Record, WxrReader};
use uploads::MediaPlan;

/// The post meta a Folio export keeps a page's place in the site navigation
/// in (WordPress keeps unknown meta as a custom field, and gives it back).
pub const NAV_POSITION_META: &str = "_folio_nav_position";

/// An export file read record by record and mapped as it goes.
pub struct WxrFile {
    path: PathBuf,
    reader: WxrReader<BufReader<File>>,
    mapper: Mapper,
    size: u64,
}

impl WxrFile {
    pub fn open(path: &Path, now: UnixTime) -> anyhow::Result<Self> {
        Self::open_with(path, Mapper::new(now))
    }

    /// Opens the file for an import that brings its media in (see `Mapper::with_media`).
    pub fn open_with_media(
        path: &Path,
        now: UnixTime,
        media: MediaMapping,
    ) -> anyhow::Result<Self> {
        Self::open_with(path, Mapper::with_media(now, media))
    }

    fn open_with(path: &Path, mapper: Mapper) -> anyhow::Result<Self> {
        let file = File::open(path)
            .map_err(|e| anyhow::anyhow!("{}: cannot open the file: {e}", path.display()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(Self {
            path: path.to_owned(),
            reader: WxrReader::new(BufReader::with_capacity(256 * 1024, file)),
            mapper,
            size,
        })
    }

    /// The file's size and how far reading has come, in bytes.
    pub fn progress(&self) -> (u64, u64) {
        (self.reader.position(), self.size)
    }

    /// The next mapped record; a reading error names the line and column.
    pub fn next_record(&mut self) -> anyhow::Result<Option<ImportRecord>> {
        loop {
            match self.reader.next_record() {
                Ok(None) => return Ok(None),
                Ok(Some(record)) => {
                    if let Some(mapped) = self.mapper.map(record) {
                        return Ok(Some(mapped));
                    }
                }
                Err(error) => return Err(self.located(&error)),
            }
        }
    }

    fn located(&self, error: &ReadError) -> anyhow::Error {
        let (line, column) = File::open(&self.path)
            .map(|f| reader::line_and_column(BufReader::new(f), error.offset))
            .unwrap_or((0, 0));
        anyhow::anyhow!(
            "{}: line {line}, column {column}: {}",
            self.path.display(),
            error.message
        )
    }
}

/// Reads the whole file once for the files it needs from the old site's
/// uploads folder (attachments and files its posts link), before anything is imported.
pub fn media_plan(path: &Path) -> anyhow::Result<MediaPlan> {
    let file = File::open(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot open the file: {e}", path.display()))?;
    let mut reader = WxrReader::new(BufReader::with_capacity(256 * 1024, file));
    let mut plan = MediaPlan::default();
    loop {
        match reader.next_record() {
            Ok(None) => return Ok(plan),
            Ok(Some(Record::Site(site))) => {
                plan.set_site(mapper::site_key(&site), mapper::site_urls(&site));
            }
            Ok(Some(Record::Item(item))) => plan.add_item(&item),
            Ok(Some(_)) => {}
            Err(error) => {
                let (line, column) = File::open(path)
                    .map(|f| reader::line_and_column(BufReader::new(f), error.offset))
                    .unwrap_or((0, 0));
                anyhow::bail!(
                    "{}: line {line}, column {column}: {}",
                    path.display(),
                    error.message
                );
            }
        }
    }
}

impl Iterator for WxrFile {
    type Item = anyhow::Result<ImportRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}
