//! Password reset by e-mail: a random token is mailed as a link; the database keeps only its
//! SHA-256, valid for one hour and usable once. Using it sets the new password and ends every
//! session of the user.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::db::{Db, RowsAffected, Tx};
use crate::on_db;

use super::session::{hash_token, random_token};

pub const LIFETIME: Duration = Duration::hours(1);
/// At most this many links per user per lifetime, so the form cannot be used to flood a
/// mailbox.
pub const MAX_PER_HOUR: i64 = 3;

/// Create a reset token for `user_id`; `None` when the user already asked too often.
pub async fn issue(
    tx: &mut Tx,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let recent: i64 = on_db!(tx, tx; conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at > $2")
        .bind(user_id).bind(now - LIFETIME).fetch_one(&mut **conn).await)?;
    if recent >= MAX_PER_HOUR {
        return Ok(None);
    }
    let token = random_token();
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash_token(&token)).bind(user_id).bind(now).bind(now + LIFETIME)
        .execute(&mut **conn).await.affected())?;
    Ok(Some(token))
}

/// The user a still-valid (unused, unexpired) token belongs to.
pub async fn peek(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Uuid>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(hash_token(token)).bind(now).fetch_optional(pool).await)
}

/// Mark the token used and return its user, atomically: of two concurrent uses only one
/// gets the user. Every other open token of that user is spent as well.
pub async fn consume(
    tx: &mut Tx,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let token_hash = hash_token(token);
    let user: Option<Uuid> = on_db!(tx, tx; conn => sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
         RETURNING user_id")
        .bind(&token_hash).bind(now).fetch_optional(&mut **conn).await)?;
    if let Some(user_id) = user {
        on_db!(tx, tx; conn => sqlx::query(
            "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id).bind(now).execute(&mut **conn).await.affected())?;
    }
    Ok(user)
}
