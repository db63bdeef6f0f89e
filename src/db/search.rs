//! The search indexes (see the `search` migration): posts and pages as
//! `domain::search` normalises them, written with the post; comments, kept by
//! triggers on their table.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::SafeHtml;
use crate::domain::ids::PostId;
use crate::domain::markdown;
use crate::domain::post::Kind;
use crate::domain::search::{self, Completable, Index, MAX_COMPLETIONS, SearchQuery};
use crate::domain::time::UnixTime;

/// Puts a post's (or page's) title and text into the index, in place of what
/// was there: call it in the transaction that saves them.
pub async fn index_post(
    conn: &mut SqliteConnection,
    id: PostId,
    title: &str,
    body_html: &SafeHtml,
) -> sqlx::Result<()> {
    let title = search::normalise(title);
    let body = search::normalise(&markdown::plain_text(body_html));
    // The triggers on post_search_text keep the FTS5 index in step.
    sqlx::query!(
        "INSERT INTO post_search_text (post_id, title, body) VALUES (?, ?, ?)
         ON CONFLICT (post_id) DO UPDATE SET title = excluded.title, body = excluded.body
         WHERE title != excluded.title OR body != excluded.body",
        id,
        title,
        body
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Posts indexed per transaction by `index_missing`.
const INDEX_BATCH: i64 = 200;

/// Indexes every post the index does not hold yet (all of them after the
/// migration that made it); returns how many. Cheap when there are none.
pub async fn index_missing(pool: &SqlitePool) -> sqlx::Result<u64> {
    let mut indexed = 0;
    loop {
        let mut tx = super::begin_write(pool).await?;
        let rows = sqlx::query!(
            r#"SELECT p.id AS "id!: PostId", p.title, p.body_html FROM posts p
               WHERE NOT EXISTS (SELECT 1 FROM post_search_text t WHERE t.post_id = p.id)
               ORDER BY p.id LIMIT ?"#,
            INDEX_BATCH
        )
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(indexed);
        }
        for row in rows {
            let body = SafeHtml::from_stored(row.body_html);
            index_post(&mut tx, row.id, &row.title, &body).await?;
            indexed += 1;
        }
        tx.commit().await?;
    }
}

/// A published post or page a search found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub slug: String,
    pub title: String,
    pub body_html: SafeHtml,
    pub published_at: UnixTime,
}

/// One page of the published posts and pages that `query` finds, best first
/// (a word in the title counts ten times one in the text). Every hit is ranked
/// from the index `posts_for_search` alone; only the page's own rows are read
/// whole.
pub async fn published_hits(
    pool: &SqlitePool,
    query: &SearchQuery,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<Hit>> {
    let fts = query.fts5();
    let rows = sqlx::query!(
        r#"WITH page(id, score, published_at) AS (
               SELECT p.id, bm25(post_search, 10.0, 1.0), p.published_at
               FROM post_search s JOIN posts p INDEXED BY posts_for_search ON p.id = s.rowid
               WHERE post_search MATCH ?1 AND p.status = 'published'
               ORDER BY 2, 3 DESC, 1 DESC
               LIMIT ?2 OFFSET ?3)
           SELECT p.kind AS "kind: Kind", p.slug, p.title, p.body_html,
                  p.published_at AS "published_at!: UnixTime"
           FROM page JOIN posts p ON p.id = page.id
           ORDER BY page.score, page.published_at DESC, page.id DESC"#,
        fts,
        limit,
        offset
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            kind: r.kind,
            slug: r.slug,
            title: r.title,
            body_html: SafeHtml::from_stored(r.body_html),
            published_at: r.published_at,
        })
        .collect())
}

/// How many published posts and pages `query` finds.
pub async fn count_published_hits(pool: &SqlitePool, query: &SearchQuery) -> sqlx::Result<i64> {
    let fts = query.fts5();
    let row = sqlx::query!(
        r#"SELECT COUNT(*) AS "n!: i64"
           FROM post_search s JOIN posts p INDEXED BY posts_for_search ON p.id = s.rowid
           WHERE post_search MATCH ?1 AND p.status = 'published'"#,
        fts
    )
    .fetch_one(pool)
    .await?;
    Ok(row.n)
}

/// `query` with its last word completed from the words of the index it asks
/// (see `Completable`), when it has one to complete.
pub async fn complete_last_word<Q: Completable>(pool: &SqlitePool, query: Q) -> sqlx::Result<Q> {
    let Some(prefix) = query.prefix_to_complete() else {
        return Ok(query);
    };
    // Every word that begins with the prefix sorts from it to it followed by
    // the last character there is.
    let end = format!("{prefix}\u{10FFFF}");
    let enough = i64::try_from(MAX_COMPLETIONS + 1).unwrap_or(i64::MAX);
    let of_posts = Q::INDEX == Index::Posts;
    let words = sqlx::query_scalar!(
        r#"SELECT term AS "term!: String" FROM (
               SELECT term FROM post_search_terms WHERE ?4 AND term >= ?1 AND term < ?2
               UNION ALL
               SELECT term FROM comment_search_terms WHERE NOT ?4 AND term >= ?1 AND term < ?2)
           LIMIT ?3"#,
        prefix,
        end,
        enough,
        of_posts
    )
    .fetch_all(pool)
    .await?;
    Ok(query.completed(words))
}
