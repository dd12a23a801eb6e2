//! API tokens with which a producing organisation's own systems append or upsert rows
//! (the live-data API): `/kelola/data/token` creates a named token for one organisation
//! (shown once; only its SHA-256 is stored), lists and revokes them. Every change is audited.
//! [`token_organisation`] is how the live API turns a bearer token into an organisation.

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::on_db;

/// Tokens start with this, so a leaked one is recognisable (secret scanners, logs).
pub const PREFIX: &str = "tbd_";

/// The organisation a live token writes for, or None when the token is unknown or revoked.
/// Marks the token as used at `at`.
pub async fn token_organisation(
    db: &Db,
    raw_token: &str,
    at: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let raw_token = raw_token.trim();
    if raw_token.is_empty() {
        return Ok(None);
    }
    let hash = platform::accounts::session::hash_token(raw_token);
    on_db!(db, pool => sqlx::query_scalar::<_, String>(
        "UPDATE data_api_tokens SET last_used_at = $2 \
         WHERE token_hash = $1 AND revoked_at IS NULL RETURNING organisation_id")
        .bind(hash).bind(at).fetch_optional(pool).await)
}
