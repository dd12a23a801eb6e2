//! Server-side sessions: the cookie holds a random token; the database holds its SHA-256,
//! the user and the expiry. Nothing about the user lives in the cookie, so logging out or
//! disabling a user takes effect at once on every app node.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::authz::{Actor, Membership, Role, User};
use crate::db::Db;
use crate::db::RowsAffected;
use crate::on_db;

pub const SESSION_COOKIE: &str = "terbuka_session";
/// Sessions end after this long without use.
pub const IDLE_LIFETIME: Duration = Duration::days(14);

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (256 bits, URL-safe base64).
pub fn random_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Start a session for `user_id`; returns the token for the cookie.
pub async fn create(
    db: &Db,
    user_id: Uuid,
    now: DateTime<Utc>,
    user_agent: &str,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let user_agent: String = user_agent.chars().take(200).collect();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, user_agent) \
         VALUES ($1, $2, $3, $4, $3, $5)")
        .bind(hash_token(&token)).bind(user_id).bind(now).bind(now + IDLE_LIFETIME).bind(user_agent)
        .execute(pool).await.affected())?;
    Ok(token)
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash).execute(pool).await.affected())?;
    Ok(())
}

pub async fn delete_all_for_user(db: &Db, user_id: Uuid) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id).execute(pool).await.affected())?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: Uuid,
    name: String,
    email: String,
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
}

/// The actor behind a session token, or the public when the token is unknown or expired.
/// Extends the session's idle lifetime at most once a minute, to keep reads cheap.
pub async fn actor_for_token(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Actor, sqlx::Error> {
    let token_hash = hash_token(token);
    let row: Option<SessionRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT s.user_id, u.name, u.email, s.expires_at, s.last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND u.active = TRUE")
        .bind(&token_hash).fetch_optional(pool).await)?;
    let Some(row) = row else {
        return Ok(Actor::public());
    };
    if row.expires_at <= now {
        delete(db, &token_hash).await?;
        return Ok(Actor::public());
    }
    if now - row.last_seen_at > Duration::minutes(1) {
        on_db!(db, pool => sqlx::query(
            "UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1")
            .bind(&token_hash).bind(now).bind(now + IDLE_LIFETIME).execute(pool).await.affected())?;
    }
    let memberships = memberships_of(db, row.user_id).await?;
    Ok(Actor {
        user: Some(User {
            id: row.user_id,
            name: row.name,
            email: row.email,
            memberships,
        }),
        session_hash: Some(token_hash),
    })
}

pub async fn memberships_of(db: &Db, user_id: Uuid) -> Result<Vec<Membership>, sqlx::Error> {
    let rows: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT organisation_id, role FROM memberships WHERE user_id = $1 ORDER BY organisation_id, role")
        .bind(user_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(organisation_id, role)| {
            Role::parse(&role).map(|role| Membership {
                organisation_id,
                role,
            })
        })
        .collect())
}
