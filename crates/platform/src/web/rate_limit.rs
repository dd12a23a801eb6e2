//! Rate limits on anonymous writes, per client address, in a sliding window of one hour.
//! Kept in the `rate_limit_hits` table so that the limit holds across several app nodes
//! (like the login throttle in `accounts::throttle`); the hourly purge job drops rows older
//! than a day.
//!
//! The count and the insert are two statements: two requests racing at the limit may both
//! pass. That is acceptable for what this is for (stopping floods, not metering).

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::db::{Db, RowsAffected};
use crate::on_db;

pub const WINDOW: Duration = Duration::hours(1);

/// Whether `client` may do one more `bucket` write now, `per_hour` being the limit (0: no
/// limit). When it may, the write is counted.
pub async fn admit(
    db: &Db,
    bucket: &str,
    client: &str,
    per_hour: u32,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    if per_hour == 0 {
        return Ok(true);
    }
    let since = now - WINDOW;
    let recent: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM rate_limit_hits WHERE bucket = $1 AND client = $2 AND at > $3")
        .bind(bucket).bind(client).bind(since).fetch_one(pool).await)?;
    if recent >= i64::from(per_hour) {
        return Ok(false);
    }
    on_db!(db, pool => sqlx::query(
        "INSERT INTO rate_limit_hits (id, bucket, client, at) VALUES ($1, $2, $3, $4)")
        .bind(Uuid::now_v7()).bind(bucket).bind(client).bind(now)
        .execute(pool).await.affected())?;
    Ok(true)
}

/// Drop counted writes older than `before` (the hourly purge).
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM rate_limit_hits WHERE at < $1")
        .bind(before).execute(pool).await.affected())
}
