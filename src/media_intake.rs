//! Taking a file into the media library, whoever brings it: an upload through
//! `/admin/media` or a WordPress import. One path for both, so an imported
//! file gets the same checks as an upload (its type from its bytes, the size
//! limit), the same image work (turned upright, no metadata, the copies) and
//! the same storage.

use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::db::media::{NewCopy, NewItem};
use crate::domain::ids::AdminId;
use crate::domain::media::{self, ItemKind, MediaType, Refusal, SNIFF_BYTES};
use crate::image_work::{Prepared, Spooled};

/// Why a file was not spooled.
#[derive(Debug)]
pub enum NotSpooled {
    Refused(Refusal),
    /// Its bytes stopped coming (a broken upload or download).
    Unreadable,
    Failed(anyhow::Error),
}

impl From<std::io::Error> for NotSpooled {
    fn from(error: std::io::Error) -> Self {
        Self::Failed(anyhow::Error::new(error).context("spooling a file"))
    }
}

/// Streams a file to a private temporary file (created 0600 and already
/// unlinked, so nothing is left behind by a crash), counting its bytes: past
/// `max_bytes` it stops reading at once. Its first bytes decide its type.
pub async fn spool<S, E>(
    mut chunks: S,
    name: String,
    max_bytes: u64,
    max_mb: u64,
) -> Result<Spooled, NotSpooled>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    let mut file = tokio::fs::File::from_std(tempfile::tempfile()?);
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut media_type = None;
    let mut bytes = 0u64;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|_| NotSpooled::Unreadable)?;
        bytes += chunk.len() as u64;
        if bytes > max_bytes {
            return Err(NotSpooled::Refused(Refusal::TooLarge { name, max_mb }));
        }
        if media_type.is_none() {
            let wanted = SNIFF_BYTES.saturating_sub(head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..wanted]);
            if head.len() >= SNIFF_BYTES {
                media_type = Some(MediaType::sniff(&head).ok_or_else(|| {
                    NotSpooled::Refused(Refusal::NotAccepted { name: name.clone() })
                })?);
            }
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await?;
    }
    let media_type = match media_type {
        Some(known) => known,
        None => MediaType::sniff(&head)
            .ok_or_else(|| NotSpooled::Refused(Refusal::NotAccepted { name: name.clone() }))?,
    };
    file.flush().await?;
    Ok(Spooled {
        file: file.into_std().await,
        name,
        media_type,
        bytes,
        sha256: hasher.finalize().into(),
    })
}

/// The item a spooled file becomes, before the image work says what it is.
pub fn new_item(file: &Spooled, alt: &str, title: &str, uploaded_by: Option<AdminId>) -> NewItem {
    with_caption(file, alt, title, "", uploaded_by)
}

/// `new_item` with a caption (an imported attachment's).
pub fn with_caption(
    file: &Spooled,
    alt: &str,
    title: &str,
    caption: &str,
    uploaded_by: Option<AdminId>,
) -> NewItem {
    NewItem {
        hash: media::content_hash(&file.sha256),
        kind: ItemKind::Image,
        file_name: file.name.clone(),
        url_name: media::url_name(&file.name),
        alt: alt.to_owned(),
        title: title.to_owned(),
        caption: caption.to_owned(),
        width: None,
        height: None,
        bytes: file.bytes,
        uploaded_by,
    }
}

/// The item with what the image work found out, and its copies as the database takes them.
pub fn ready(item: NewItem, prepared: Prepared) -> (NewItem, Vec<NewCopy>) {
    let item = NewItem {
        kind: prepared.kind,
        width: prepared.width,
        height: prepared.height,
        ..item
    };
    let copies = prepared
        .copies
        .into_iter()
        .map(|c| NewCopy {
            facts: c.facts,
            data: tokio::fs::File::from_std(c.data),
        })
        .collect();
    (item, copies)
}
