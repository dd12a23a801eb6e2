//! The audit log (every change by staff: who, what, before/after, when) and the
//! hash-chained publication log (every publication of a public record).

pub mod pages;
pub mod publication;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::authz::Actor;
use crate::db::{RowsAffected, Tx};
use crate::on_db;

pub use pages::routes;

/// One change to record. `before`/`after` are the JSON of the record (personal data may be
/// in them: the audit log is only readable by admins and supervisors).
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// What happened, dotted: `user.create`, `news.publish`, `holiday.update`.
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: &'a str,
    pub organisation_id: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Record `change` by `actor` inside the transaction that makes the change, so that the
/// change and its audit entry are written together or not at all.
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    at: DateTime<Utc>,
    change: Change<'_>,
) -> Result<(), sqlx::Error> {
    record_as(tx, actor.user_id(), &actor.label(), at, change).await
}

/// Record a change made outside the web (the command line, a job): `actor_name` says who,
/// e.g. `terbuka user add (command line)`.
pub async fn record_as(
    tx: &mut Tx,
    actor_id: Option<Uuid>,
    actor_name: &str,
    at: DateTime<Utc>,
    change: Change<'_>,
) -> Result<(), sqlx::Error> {
    let before = change.before.map(|v| v.to_string());
    let after = change.after.map(|v| v.to_string());
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, organisation_id, before_json, after_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(Uuid::now_v7()).bind(at).bind(actor_id).bind(actor_name).bind(change.action)
        .bind(change.entity_type).bind(change.entity_id).bind(change.organisation_id).bind(before).bind(after)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}
