//! Which file of an imported WordPress site's uploads folder became which
//! library item (`wp_media`), and a post's featured image.

use std::collections::HashSet;

use sqlx::{SqliteConnection, SqlitePool};

use super::media::CopyRow;
use crate::domain::ids::{MediaId, PostId};
use crate::domain::media::ItemKind;
use crate::domain::old_upload::{self, Target};

/// The paths of a site's uploads already brought in.
pub async fn known_paths(pool: &SqlitePool, site: &str) -> sqlx::Result<HashSet<String>> {
    let rows = sqlx::query_scalar!("SELECT path FROM wp_media WHERE site = ?", site)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Remembers that the file at `path` of `site` is the item `item_id`.
pub async fn remember(
    pool: &SqlitePool,
    site: &str,
    path: &str,
    item_id: MediaId,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO wp_media (site, path, item_id) VALUES (?, ?, ?)
         ON CONFLICT (site, path) DO UPDATE SET item_id = excluded.item_id",
        site,
        path,
        item_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A file brought in: its old path, the item's hash and kind, and its copies (narrowest first).
#[derive(Debug, Clone)]
pub struct BroughtIn {
    pub path: String,
    pub hash: String,
    pub kind: String,
    pub copies: Vec<CopyRow>,
}

impl BroughtIn {
    /// Where links to the old file lead now: the item's copies.
    pub fn target(&self) -> Target {
        let size = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok());
        let copies: Vec<(String, Option<u32>, Option<u32>)> = self
            .copies
            .iter()
            .map(|c| (c.file.clone(), size(c.width), size(c.height)))
            .collect();
        let animated = ItemKind::from_stored(&self.kind) == ItemKind::Animation;
        old_upload::target(&self.hash, animated, &copies)
    }
}

/// Every file of `site` brought in so far.
pub async fn brought_in(pool: &SqlitePool, site: &str) -> sqlx::Result<Vec<BroughtIn>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query!(
        r#"SELECT w.path, i.id AS "id!: MediaId", i.hash, i.kind
           FROM wp_media w JOIN media_items i ON i.id = w.item_id
           WHERE w.site = ? ORDER BY w.path"#,
        site
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        found.push(BroughtIn {
            copies: super::media::copies_of(&mut conn, row.id).await?,
            path: row.path,
            hash: row.hash,
            kind: row.kind,
        });
    }
    Ok(found)
}

/// The item an old upload path leads to (of any imported site), with its copies.
pub async fn at_old_path(pool: &SqlitePool, path: &str) -> sqlx::Result<Option<BroughtIn>> {
    let mut conn = pool.acquire().await?;
    let row = sqlx::query!(
        r#"SELECT w.path, i.id AS "id!: MediaId", i.hash, i.kind
           FROM wp_media w JOIN media_items i ON i.id = w.item_id
           WHERE w.path = ? LIMIT 1"#,
        path
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(BroughtIn {
        copies: super::media::copies_of(&mut conn, row.id).await?,
        path: row.path,
        hash: row.hash,
        kind: row.kind,
    }))
}

/// Sets a post's featured image to the item with `hash` (none if there is no such item).
pub async fn set_featured(
    conn: &mut SqliteConnection,
    post_id: PostId,
    hash: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE posts SET featured_media_id = (SELECT id FROM media_items WHERE hash = ?)
         WHERE id = ?",
        hash,
        post_id
    )
    .execute(conn)
    .await?;
    Ok(())
}
