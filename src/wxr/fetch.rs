//! Bringing the old site's files into the media library: fetched from their
//! URLs (http and https only, with a timeout and the size limit per file, a
//! few at a time) or read from a copy of `wp-content/uploads`. Each file goes
//! the way an upload goes (`media_intake`, the image work, `db::media::store`)
//! and is remembered under its old path (`db::wp_media`), so a second run
//! fetches only what is still missing.

use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt};
use indicatif::ProgressBar;
use sqlx::SqlitePool;

use super::uploads::{MediaPlan, Wanted};
use crate::db;
use crate::db::media::StoredItem;
use crate::domain::import::{MediaSummary, MissingFile, MissingReason};
use crate::domain::media::{self, Refusal};
use crate::domain::time::UnixTime;
use crate::image_work::{ImageWork, WorkError};
use crate::media_intake::{self, NotSpooled};

/// Files fetched at once.
pub const AT_ONCE: usize = 4;

/// Where the files come from.
#[derive(Debug, Clone)]
pub enum MediaSource {
    /// Each from its URL, each within `timeout`.
    Fetch { timeout: Duration },
    /// From a copy of the old site's `wp-content/uploads` folder.
    Folder(PathBuf),
}

/// The size limit per file (`FOLIO_MEDIA_MAX_MB`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_mb: u64,
}

type Chunks = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// Brings in every file of `plan` not brought in before; what it did.
pub async fn bring_in(
    pool: &SqlitePool,
    plan: &MediaPlan,
    source: &MediaSource,
    limits: Limits,
    now: UnixTime,
    bar: &ProgressBar,
) -> anyhow::Result<MediaSummary> {
    let wanted = plan.wanted();
    let known = db::wp_media::known_paths(pool, &plan.site_key).await?;
    let mut summary = MediaSummary {
        wanted: wanted.len(),
        ..MediaSummary::default()
    };
    let missing: Vec<Wanted> = wanted
        .into_iter()
        .filter(|w| !known.contains(&w.path))
        .collect();
    summary.already_there = summary.wanted - missing.len();
    if missing.is_empty() {
        return Ok(summary);
    }
    let client = match source {
        MediaSource::Fetch { timeout } => Some(http_agent(*timeout)),
        MediaSource::Folder(_) => None,
    };
    let images = ImageWork::start(1);
    bar.set_length(missing.len() as u64);
    let mut results = futures_util::stream::iter(missing.iter())
        .map(|wanted| {
            let (client, images) = (client.as_ref(), &images);
            async move {
                let outcome =
                    bring_in_one(pool, plan, wanted, source, client, images, limits, now).await;
                (wanted, outcome)
            }
        })
        .buffer_unordered(AT_ONCE);
    while let Some((wanted, outcome)) = results.next().await {
        bar.inc(1);
        match outcome? {
            Ok(true) => summary.new += 1,
            Ok(false) => summary.already_there += 1,
            Err(reason) => {
                tracing::warn!(url = %wanted.url, ?reason, "a file of the import could not be had");
                summary.missing.push(MissingFile {
                    url: wanted.url.clone(),
                    reason,
                });
            }
        }
    }
    summary.missing.sort_by(|a, b| a.url.cmp(&b.url));
    Ok(summary)
}

/// ureq (blocking, rustls with ring as the mail sender uses; no system
/// OpenSSL), run on blocking threads: http and https only, redirects within
/// http(s) and at most five, the whole download within `timeout`.
fn http_agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
        .max_redirects(5)
        .http_status_as_error(false)
        .user_agent(concat!(
            "Folio/",
            env!("CARGO_PKG_VERSION"),
            " (WordPress import)"
        ))
        .build()
        .into()
}

/// One file: `Ok(Ok(true))` brought in, `Ok(Ok(false))` the same bytes were
/// in the library already, `Ok(Err(_))` not to be had; `Err` the database failed.
#[allow(clippy::too_many_arguments)]
async fn bring_in_one(
    pool: &SqlitePool,
    plan: &MediaPlan,
    wanted: &Wanted,
    source: &MediaSource,
    client: Option<&ureq::Agent>,
    images: &ImageWork,
    limits: Limits,
    now: UnixTime,
) -> anyhow::Result<Result<bool, MissingReason>> {
    let chunks = match (source, client) {
        (MediaSource::Folder(folder), _) => from_folder(folder, &wanted.path).await,
        (MediaSource::Fetch { .. }, Some(client)) => from_url(client, &wanted.url, limits).await,
        (MediaSource::Fetch { .. }, None) => Err(MissingReason::Unreachable),
    };
    let chunks = match chunks {
        Ok(chunks) => chunks,
        Err(reason) => return Ok(Err(reason)),
    };
    // A Folio site's item is known by its hash; its copy's URL names it.
    let named_by = if wanted.path.starts_with("media/") {
        wanted.url.split(['?', '#']).next().unwrap_or(&wanted.url)
    } else {
        &wanted.path
    };
    let name = media::clean_file_name(named_by.rsplit('/').next().unwrap_or(named_by));
    let spooled = match media_intake::spool(chunks, name, limits.max_bytes, limits.max_mb).await {
        Ok(spooled) => spooled,
        Err(NotSpooled::Refused(refusal)) => return Ok(Err(refused(&refusal))),
        Err(NotSpooled::Unreadable) => return Ok(Err(MissingReason::Unreachable)),
        Err(NotSpooled::Failed(error)) => return Err(error),
    };
    let item =
        media_intake::with_caption(&spooled, &wanted.alt, &wanted.title, &wanted.caption, None);
    let prepared = match images.prepare(spooled, &item.url_name).await {
        Ok(prepared) => prepared,
        Err(WorkError::Refused(refusal)) => return Ok(Err(refused(&refusal))),
        Err(WorkError::Failed(error)) => {
            tracing::warn!(url = %wanted.url, error = %format!("{error:#}"), "an imported file could not be read");
            return Ok(Err(MissingReason::NotAccepted));
        }
    };
    let mut one = [media_intake::ready(item, prepared)];
    let stored = db::media::store(pool, &mut one, now).await?;
    let (id, new) = match stored.first() {
        Some(StoredItem::New { id }) => (*id, true),
        Some(StoredItem::AlreadyThere { id, .. }) => (*id, false),
        None => anyhow::bail!("storing an imported file gave nothing back"),
    };
    for path in std::iter::once(&wanted.path).chain(&wanted.aliases) {
        db::wp_media::remember(pool, &plan.site_key, path, id).await?;
    }
    Ok(Ok(new))
}

fn refused(refusal: &Refusal) -> MissingReason {
    match refusal {
        Refusal::TooLarge { .. } => MissingReason::TooLarge,
        _ => MissingReason::NotAccepted,
    }
}

/// The file's bytes from its URL: http or https only, a success status, not
/// announced larger than the limit. The download runs on a blocking thread
/// and hands its chunks over a small channel, so memory stays bounded.
async fn from_url(agent: &ureq::Agent, raw: &str, limits: Limits) -> Result<Chunks, MissingReason> {
    let url = url::Url::parse(raw.trim()).map_err(|_| MissingReason::NotHttp)?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(MissingReason::NotHttp);
    }
    let agent = agent.clone();
    let (head, answered) = tokio::sync::oneshot::channel::<Result<(), MissingReason>>();
    let (chunks, received) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    tokio::task::spawn_blocking(move || download(&agent, &url, limits, head, chunks));
    match answered.await {
        Ok(Ok(())) => {}
        Ok(Err(reason)) => return Err(reason),
        Err(_) => return Err(MissingReason::Unreachable),
    }
    Ok(Box::pin(futures_util::stream::unfold(
        received,
        |mut received| async move { received.recv().await.map(|chunk| (chunk, received)) },
    )))
}

/// The response to a GET of `url`, if it is a success no larger than the limit says.
fn answer(
    agent: &ureq::Agent,
    url: &url::Url,
    limits: Limits,
) -> Result<ureq::http::Response<ureq::Body>, MissingReason> {
    let response = agent
        .get(url.as_str())
        .call()
        .map_err(|_| MissingReason::Unreachable)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(MissingReason::Status(status));
    }
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > limits.max_bytes) {
        return Err(MissingReason::TooLarge);
    }
    Ok(response)
}

/// Fetches `url` on a blocking thread: says on `head` whether it answered,
/// then sends its body in chunks until it ends, fails or nobody listens.
fn download(
    agent: &ureq::Agent,
    url: &url::Url,
    limits: Limits,
    head: tokio::sync::oneshot::Sender<Result<(), MissingReason>>,
    chunks: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
) {
    let response = match answer(agent, url, limits) {
        Ok(response) => response,
        Err(reason) => {
            let _ = head.send(Err(reason));
            return;
        }
    };
    if head.send(Ok(())).is_err() {
        return;
    }
    // One byte past the limit is enough for the spooling to refuse it.
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(limits.max_bytes.saturating_add(1))
        .reader();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let chunk = match std::io::Read::read(&mut reader, &mut buffer) {
            Ok(0) => return,
            Ok(n) => Ok(Bytes::copy_from_slice(&buffer[..n])),
            Err(error) => Err(error),
        };
        let failed = chunk.is_err();
        if chunks.blocking_send(chunk).is_err() || failed {
            return;
        }
    }
}

/// The file's bytes from the folder: its path must stay inside it (no `..`,
/// no absolute path, no link leading out).
async fn from_folder(folder: &Path, path: &str) -> Result<Chunks, MissingReason> {
    let relative = Path::new(path);
    if path.contains('\\')
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(MissingReason::OutsideFolder);
    }
    let root = tokio::fs::canonicalize(folder)
        .await
        .map_err(|_| MissingReason::NotInFolder)?;
    let full = tokio::fs::canonicalize(root.join(relative))
        .await
        .map_err(|_| MissingReason::NotInFolder)?;
    if !full.starts_with(&root) {
        return Err(MissingReason::OutsideFolder);
    }
    let file = tokio::fs::File::open(&full)
        .await
        .map_err(|_| MissingReason::NotInFolder)?;
    if !file.metadata().await.is_ok_and(|m| m.is_file()) {
        return Err(MissingReason::NotInFolder);
    }
    Ok(Box::pin(tokio_util::io::ReaderStream::with_capacity(
        file,
        64 * 1024,
    )))
}
