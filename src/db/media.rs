//! The media library's tables: items, the copies readers get, their bytes in
//! chunks, and which posts use which item.

use sqlx::{SqliteConnection, SqlitePool};
use tokio::io::AsyncReadExt;

use crate::domain::ids::{AdminId, MediaId, PostId, VariantId};
use crate::domain::markdown::MediaCatalog;
use crate::domain::media::{CopyFacts, ItemKind, Responsive, Source, media_path};
use crate::domain::time::UnixTime;

/// The bytes of a copy are stored in rows of this size (the last one shorter):
/// neither storing nor serving holds more than one chunk of a file in memory,
/// and a byte range reads only the chunks it covers. Fixed: stored copies rely on it.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// An item to store.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub hash: String,
    pub kind: ItemKind,
    pub file_name: String,
    pub url_name: String,
    pub alt: String,
    pub title: String,
    pub caption: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub bytes: u64,
    pub uploaded_by: Option<AdminId>,
}

/// A copy to store, its bytes read from `data` (at its start).
#[derive(Debug)]
pub struct NewCopy {
    pub facts: CopyFacts,
    pub data: tokio::fs::File,
}

/// What became of one upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredItem {
    New {
        id: MediaId,
    },
    /// The same bytes were in the library already: nothing was added.
    AlreadyThere {
        id: MediaId,
        file_name: String,
    },
}

/// Stores every upload with its copies in one transaction: all of them are
/// visible at once, or (a failure, a crash) none is.
pub async fn store(
    pool: &SqlitePool,
    uploads: &mut [(NewItem, Vec<NewCopy>)],
    now: UnixTime,
) -> anyhow::Result<Vec<StoredItem>> {
    let mut tx = super::begin_write(pool).await?;
    let mut stored = Vec::with_capacity(uploads.len());
    let mut buffer = vec![0u8; CHUNK_BYTES];
    for (item, copies) in uploads.iter_mut() {
        let existing = sqlx::query!(
            r#"SELECT id AS "id!: MediaId", file_name FROM media_items WHERE hash = ?"#,
            item.hash
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(existing) = existing {
            stored.push(StoredItem::AlreadyThere {
                id: existing.id,
                file_name: existing.file_name,
            });
            continue;
        }
        let id = insert_item(&mut tx, item, now).await?;
        for copy in copies.iter_mut() {
            insert_copy(&mut tx, id, copy, &mut buffer).await?;
        }
        stored.push(StoredItem::New { id });
    }
    tx.commit().await?;
    Ok(stored)
}

async fn insert_item(
    conn: &mut SqliteConnection,
    item: &NewItem,
    now: UnixTime,
) -> sqlx::Result<MediaId> {
    let kind = item.kind.as_str();
    let bytes = i64::try_from(item.bytes).unwrap_or(i64::MAX);
    let result = sqlx::query!(
        "INSERT INTO media_items (hash, kind, file_name, url_name, title, alt, caption, width,
                                  height, bytes, created_at, uploaded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        item.hash,
        kind,
        item.file_name,
        item.url_name,
        item.title,
        item.alt,
        item.caption,
        item.width,
        item.height,
        bytes,
        now,
        item.uploaded_by
    )
    .execute(conn)
    .await?;
    Ok(MediaId::new(result.last_insert_rowid()))
}

/// Reads until `buffer` is full or the file ends; how many bytes it holds.
async fn fill(file: &mut tokio::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        let n = file.read(&mut buffer[filled..]).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

async fn insert_copy(
    conn: &mut SqliteConnection,
    item_id: MediaId,
    copy: &mut NewCopy,
    buffer: &mut [u8],
) -> anyhow::Result<()> {
    let facts = &copy.facts;
    let bytes = i64::try_from(facts.bytes).unwrap_or(i64::MAX);
    let variant_id = sqlx::query!(
        "INSERT INTO media_variants (item_id, file, width, height, content_type, bytes, etag)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        item_id,
        facts.file_name,
        facts.width,
        facts.height,
        facts.content_type,
        bytes,
        facts.etag
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    let mut seq = 0i64;
    loop {
        let n = fill(&mut copy.data, buffer).await?;
        if n == 0 {
            break;
        }
        let data = &buffer[..n];
        sqlx::query!(
            "INSERT INTO media_chunks (variant_id, seq, data) VALUES (?, ?, ?)",
            variant_id,
            seq,
            data
        )
        .execute(&mut *conn)
        .await?;
        seq += 1;
        if n < buffer.len() {
            break;
        }
    }
    Ok(())
}

/// A copy as `/media/{hash}/{file}` serves it.
#[derive(Debug, Clone)]
pub struct ServedCopy {
    pub variant_id: VariantId,
    pub content_type: String,
    pub bytes: i64,
    pub etag: String,
    pub kind: ItemKind,
    /// The item's name as uploaded (a PDF's download name).
    pub file_name: String,
}

pub async fn copy_at(
    pool: &SqlitePool,
    hash: &str,
    file: &str,
) -> sqlx::Result<Option<ServedCopy>> {
    let row = sqlx::query!(
        r#"SELECT v.id AS "id!: VariantId", v.content_type, v.bytes, v.etag, i.kind, i.file_name
           FROM media_variants v JOIN media_items i ON i.id = v.item_id
           WHERE i.hash = ? AND v.file = ?"#,
        hash,
        file
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| ServedCopy {
        variant_id: r.id,
        content_type: r.content_type,
        bytes: r.bytes,
        etag: r.etag,
        kind: ItemKind::from_stored(&r.kind),
        file_name: r.file_name,
    }))
}

/// The bytes of chunk `seq` of a copy.
pub async fn chunk(
    pool: &SqlitePool,
    variant_id: VariantId,
    seq: i64,
) -> sqlx::Result<Option<Vec<u8>>> {
    let row = sqlx::query!(
        "SELECT data FROM media_chunks WHERE variant_id = ? AND seq = ?",
        variant_id,
        seq
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.data))
}

/// A copy of an item, in the library's lists.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CopyRow {
    pub file: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub bytes: i64,
}

pub(super) async fn copies_of(
    conn: &mut SqliteConnection,
    item_id: MediaId,
) -> sqlx::Result<Vec<CopyRow>> {
    sqlx::query_as!(
        CopyRow,
        "SELECT file, width, height, bytes FROM media_variants
         WHERE item_id = ? ORDER BY width, id",
        item_id
    )
    .fetch_all(conn)
    .await
}

/// The library images among `hashes`, with their copies, for the renderer.
pub async fn catalog(pool: &SqlitePool, hashes: &[String]) -> sqlx::Result<MediaCatalog> {
    let mut catalog = MediaCatalog::new();
    if hashes.is_empty() {
        return Ok(catalog);
    }
    let mut conn = pool.acquire().await?;
    for hash in hashes {
        let item = sqlx::query!(
            r#"SELECT id AS "id!: MediaId", kind FROM media_items
               WHERE hash = ? AND kind != 'pdf'"#,
            hash
        )
        .fetch_optional(&mut *conn)
        .await?;
        let Some(item) = item else { continue };
        let sources: Vec<Source> = copies_of(&mut conn, item.id)
            .await?
            .into_iter()
            .filter_map(|c| {
                Some(Source {
                    url: media_path(hash, &c.file),
                    width: u32::try_from(c.width?).ok()?,
                    height: u32::try_from(c.height?).ok()?,
                })
            })
            .collect();
        // The largest copy's size: what a browser gets at most (a big photo
        // is kept smaller than it was taken), and its proportions.
        let Some((width, height)) = sources.last().map(|s| (s.width, s.height)) else {
            continue;
        };
        catalog.insert(
            hash.clone(),
            Responsive {
                hash: hash.clone(),
                width,
                height,
                sources,
                animated: ItemKind::from_stored(&item.kind) == ItemKind::Animation,
            },
        );
    }
    Ok(catalog)
}

/// The alt text of the library image with this hash (for a link preview).
pub async fn alt_of(pool: &SqlitePool, hash: &str) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!("SELECT alt FROM media_items WHERE hash = ?", hash)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| r.alt))
}

/// Records which library items a post (or page) uses, by hash: call it in
/// the transaction that saves the post.
pub async fn set_uses(
    conn: &mut SqliteConnection,
    post_id: PostId,
    hashes: &[String],
) -> sqlx::Result<()> {
    sqlx::query!("DELETE FROM media_uses WHERE post_id = ?", post_id)
        .execute(&mut *conn)
        .await?;
    for hash in hashes {
        sqlx::query!(
            "INSERT INTO media_uses (item_id, post_id)
             SELECT id, ? FROM media_items WHERE hash = ?
             ON CONFLICT DO NOTHING",
            post_id,
            hash
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An item as the library shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LibraryItem {
    pub id: MediaId,
    pub hash: String,
    pub kind: ItemKind,
    pub file_name: String,
    pub title: String,
    pub alt: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub bytes: i64,
    pub created_at: UnixTime,
    /// Narrowest first.
    pub copies: Vec<CopyRow>,
    pub used_in: Vec<UsedIn>,
}

/// A post or page that shows an item.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UsedIn {
    pub id: PostId,
    pub title: String,
    pub kind: String,
}

async fn uses_of(conn: &mut SqliteConnection, item_id: MediaId) -> sqlx::Result<Vec<UsedIn>> {
    sqlx::query_as!(
        UsedIn,
        r#"SELECT p.id AS "id!: PostId", p.title, p.kind
           FROM media_uses u JOIN posts p ON p.id = u.post_id
           WHERE u.item_id = ? ORDER BY p.title, p.id"#,
        item_id
    )
    .fetch_all(conn)
    .await
}

struct ItemRow {
    id: MediaId,
    hash: String,
    kind: String,
    file_name: String,
    title: String,
    alt: String,
    width: Option<i64>,
    height: Option<i64>,
    bytes: i64,
    created_at: UnixTime,
}

async fn complete(conn: &mut SqliteConnection, row: ItemRow) -> sqlx::Result<LibraryItem> {
    Ok(LibraryItem {
        copies: copies_of(conn, row.id).await?,
        used_in: uses_of(conn, row.id).await?,
        id: row.id,
        hash: row.hash,
        kind: ItemKind::from_stored(&row.kind),
        file_name: row.file_name,
        title: row.title,
        alt: row.alt,
        width: row.width,
        height: row.height,
        bytes: row.bytes,
        created_at: row.created_at,
    })
}

/// One page of the library, newest first: every item, or those whose name or
/// title holds `search` (ignoring ASCII case).
pub async fn page(
    pool: &SqlitePool,
    search: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<LibraryItem>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query_as!(
        ItemRow,
        r#"SELECT id AS "id!: MediaId", hash, kind, file_name, title, alt, width, height, bytes,
                  created_at AS "created_at: UnixTime"
           FROM media_items
           WHERE ?1 = '' OR instr(lower(file_name), lower(?1)) > 0 OR instr(lower(title), lower(?1)) > 0
           ORDER BY created_at DESC, id DESC
           LIMIT ?2 OFFSET ?3"#,
        search,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(complete(&mut conn, row).await?);
    }
    Ok(items)
}

pub async fn count(pool: &SqlitePool, search: &str) -> sqlx::Result<i64> {
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64" FROM media_items
           WHERE ?1 = '' OR instr(lower(file_name), lower(?1)) > 0 OR instr(lower(title), lower(?1)) > 0"#,
        search
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

pub async fn item(pool: &SqlitePool, id: MediaId) -> sqlx::Result<Option<LibraryItem>> {
    let mut conn = pool.acquire().await?;
    let row = sqlx::query_as!(
        ItemRow,
        r#"SELECT id AS "id!: MediaId", hash, kind, file_name, title, alt, width, height, bytes,
                  created_at AS "created_at: UnixTime"
           FROM media_items WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(Some(complete(&mut conn, row).await?)),
        None => Ok(None),
    }
}

/// Saves an item's alt text and title; `false` when there is no such item.
pub async fn set_text(
    pool: &SqlitePool,
    id: MediaId,
    alt: &str,
    title: &str,
) -> sqlx::Result<bool> {
    let changed = sqlx::query!(
        "UPDATE media_items SET alt = ?, title = ? WHERE id = ?",
        alt,
        title,
        id
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(changed > 0)
}

/// Deletes an item with its copies and their bytes; `false` when there was none.
pub async fn delete(pool: &SqlitePool, id: MediaId) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(pool).await?;
    let deleted = sqlx::query!("DELETE FROM media_items WHERE id = ?", id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(deleted > 0)
}

/// The featured image (hash and alt text) of each post among `slugs` that has one.
pub async fn featured_images(
    pool: &SqlitePool,
    slugs: &[String],
) -> sqlx::Result<Vec<(String, String, String)>> {
    let mut found = Vec::new();
    for slug in slugs {
        let row = sqlx::query!(
            "SELECT i.hash, i.alt FROM posts p JOIN media_items i ON i.id = p.featured_media_id
             WHERE p.slug = ? AND i.kind != 'pdf'",
            slug
        )
        .fetch_optional(pool)
        .await?;
        if let Some(row) = row {
            found.push((slug.clone(), row.hash, row.alt));
        }
    }
    Ok(found)
}

/// A post's featured image, by hash.
pub async fn featured_image(pool: &SqlitePool, post_id: PostId) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        "SELECT i.hash FROM posts p JOIN media_items i ON i.id = p.featured_media_id
         WHERE p.id = ? AND i.kind != 'pdf'",
        post_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.hash))
}
