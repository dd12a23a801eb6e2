//! Login rate limiting, kept in the `login_attempts` table so that it holds across several
//! app nodes. Within a 15-minute window an e-mail address may fail 5 times (counted since its
//! last successful sign-in) and an IP address 20 times; after that every attempt is refused
//! with 429, even with the right password, until old failures leave the window.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::db::{Db, RowsAffected};
use crate::on_db;

pub const WINDOW: Duration = Duration::minutes(15);
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 20;

/// Whether a sign-in attempt for `email` from `ip` may be checked at all.
pub async fn allowed(
    db: &Db,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let since = now - WINDOW;
    let by_email: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND succeeded = FALSE AND at > $2 \
         AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE email = $1 AND succeeded = TRUE), $2)")
        .bind(email).bind(since).fetch_one(pool).await)?;
    if by_email >= MAX_FAILURES_PER_EMAIL {
        return Ok(false);
    }
    let by_ip: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND succeeded = FALSE AND at > $2")
        .bind(ip).bind(since).fetch_one(pool).await)?;
    Ok(by_ip < MAX_FAILURES_PER_IP)
}

/// Record the outcome of a checked attempt, and drop this address's and IP's rows that are
/// too old to matter (through the indexes, so it stays cheap).
pub async fn record(
    db: &Db,
    email: &str,
    ip: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let stale = now - Duration::days(1);
    on_db!(db, pool => sqlx::query("DELETE FROM login_attempts WHERE email = $1 AND at < $2")
        .bind(email).bind(stale).execute(pool).await.affected())?;
    on_db!(db, pool => sqlx::query("DELETE FROM login_attempts WHERE ip = $1 AND at < $2")
        .bind(ip).bind(stale).execute(pool).await.affected())?;
    on_db!(db, pool => sqlx::query(
        "INSERT INTO login_attempts (id, email, ip, succeeded, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(Uuid::now_v7()).bind(email).bind(ip).bind(succeeded).bind(now)
        .execute(pool).await.affected())?;
    Ok(())
}
