use rand::RngCore;
use sqlx::SqlitePool;

use crate::domain::time::UnixTime;

/// The secret key called `name`, made from 32 random bytes the first time it is asked for.
pub async fn get_or_create(pool: &SqlitePool, name: &str, now: UnixTime) -> sqlx::Result<Vec<u8>> {
    let mut fresh = vec![0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    sqlx::query!(
        "INSERT INTO signing_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
        name,
        fresh,
        now
    )
    .execute(pool)
    .await?;
    let row = sqlx::query!("SELECT key FROM signing_keys WHERE name = ?", name)
        .fetch_one(pool)
        .await?;
    Ok(row.key)
}
