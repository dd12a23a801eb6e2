//! SQL of live data: the token's name for the audit log, the dataset's update time, and the
//! change feed.

use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use uuid::Uuid;

/// The name of the (unrevoked) token `raw_token`, for the audit entry of its writes.
pub async fn token_name(db: &Db, raw_token: &str) -> Result<Option<String>, sqlx::Error> {
    let hash = platform::accounts::session::hash_token(raw_token.trim());
    on_db!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT name FROM data_api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
        .bind(hash).fetch_optional(pool).await)
}

/// The dataset's public data changed at `at` (freshness).
pub async fn touch_dataset(
    tx: &mut Tx,
    dataset_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_datasets SET data_updated_at = $2, updated_at = $2 WHERE id = $1")
        .bind(dataset_id).bind(at).execute(&mut **conn).await.affected())?;
    Ok(())
}

/// One change of a dataset, as the feed sends it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ChangeRow {
    pub id: Uuid,
    pub resource_id: Option<Uuid>,
    pub kind: String,
    pub row_count: i64,
    pub at: DateTime<Utc>,
}

/// The dataset's changes after `after` (UUIDv7 ids sort by time), oldest first.
pub async fn changes_after(
    db: &Db,
    dataset_id: Uuid,
    after: Uuid,
    limit: i64,
) -> Result<Vec<ChangeRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, ChangeRow>(
        "SELECT id, resource_id, kind, row_count, at FROM data_changes \
         WHERE dataset_id = $1 AND id > $2 ORDER BY id LIMIT $3")
        .bind(dataset_id).bind(after).bind(limit).fetch_all(pool).await)
}

/// The dataset's latest change (where a feed without `Last-Event-ID` starts).
pub async fn latest_change(db: &Db, dataset_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM data_changes WHERE dataset_id = $1 ORDER BY id DESC LIMIT 1")
        .bind(dataset_id).fetch_optional(pool).await)
}
