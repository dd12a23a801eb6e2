//! Outgoing e-mail. Handlers queue a message in the same transaction as the change that
//! causes it; a background job delivers the outbox over SMTP (lettre). Admins can read the
//! outbox.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{RowsAffected, Tx};
use crate::on_db;

/// Queue one plain-text message for delivery.
pub async fn queue(tx: &mut Tx, now: DateTime<Utc>, to: &str, subject: &str, body: &str) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO mail_outbox (id, to_address, subject, body_text, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id).bind(to).bind(subject).bind(body).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(id)
}
