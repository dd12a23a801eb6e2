//! Small key/value settings kept in the database, shared by every app node.

use crate::db::Db;
use crate::db::RowsAffected;
use crate::on_db;

pub async fn get(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key).fetch_optional(pool).await)
}

/// Set `key` unless it already has a value; returns the value in force (first writer wins,
/// so several nodes starting at once agree).
pub async fn get_or_init(db: &Db, key: &str, value: &str) -> Result<String, sqlx::Error> {
    on_db!(db, pool => sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key).bind(value).execute(pool).await.affected())?;
    Ok(get(db, key).await?.unwrap_or_else(|| value.to_string()))
}

/// The secret key for CSRF tokens: from configuration, or generated once and stored.
pub async fn secret_key(db: &Db, configured: &str) -> Result<Vec<u8>, sqlx::Error> {
    if configured.len() >= 32 {
        return Ok(configured.as_bytes().to_vec());
    }
    let generated = hex::encode(rand::random::<[u8; 32]>());
    Ok(get_or_init(db, "secret_key", &generated)
        .await?
        .into_bytes())
}
