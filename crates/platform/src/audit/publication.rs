//! The publication log: an append-only, hash-chained record of every public record
//! published. Each entry carries the SHA-256 of the published content and of the previous
//! entry, so anyone holding a copy of the log can check that nothing published was later
//! changed or removed silently.
//!
//! `entry_hash = SHA-256(prev_hash | seq | published_at (RFC 3339, UTC, seconds) | module |
//! record_type | record_id | title | url | organisation_id | content_sha256)`, the fields
//! joined by `\n`. The head row of `publication_head` is updated in the same transaction,
//! which serialises appends on both backends.

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use crate::db::{RowsAffected, Tx};
use crate::on_db;

/// A public record being published.
#[derive(Debug, Clone)]
pub struct Publication<'a> {
    pub module: &'a str,
    pub record_type: &'a str,
    pub record_id: &'a str,
    pub title: &'a str,
    /// The public address of the record, e.g. `/berita/slug`.
    pub url: &'a str,
    pub organisation_id: Option<&'a str>,
    /// The exact bytes published (e.g. the canonical JSON of the record).
    pub content: &'a [u8],
}

/// The fields an entry's hash covers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct Entry {
    pub seq: i64,
    pub published_at: DateTime<Utc>,
    pub module: String,
    pub record_type: String,
    pub record_id: String,
    pub title: String,
    pub url: String,
    pub organisation_id: Option<String>,
    pub content_sha256: String,
    pub prev_hash: String,
    pub entry_hash: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The hash of an entry from its fields and the previous entry's hash.
pub fn entry_hash(entry: &Entry) -> String {
    let text = [
        entry.prev_hash.as_str(),
        &entry.seq.to_string(),
        &entry.published_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        &entry.module,
        &entry.record_type,
        &entry.record_id,
        &entry.title,
        &entry.url,
        entry.organisation_id.as_deref().unwrap_or(""),
        &entry.content_sha256,
    ]
    .join("\n");
    sha256_hex(text.as_bytes())
}

/// Append `publication` to the chain inside `tx`; returns the new entry.
pub async fn append(tx: &mut Tx, at: DateTime<Utc>, publication: Publication<'_>) -> Result<Entry, sqlx::Error> {
    // Timestamps in the chain are whole seconds so the hash reads the same on both backends.
    let at = DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at);
    let (head_seq, head_hash): (i64, String) = on_db!(tx, tx; conn => sqlx::query_as(
        "UPDATE publication_head SET seq = seq + 1 WHERE id = 1 RETURNING seq - 1, entry_hash")
        .fetch_one(&mut **conn).await)?;
    let mut entry = Entry {
        seq: head_seq + 1,
        published_at: at,
        module: publication.module.into(),
        record_type: publication.record_type.into(),
        record_id: publication.record_id.into(),
        title: publication.title.into(),
        url: publication.url.into(),
        organisation_id: publication.organisation_id.map(str::to_string),
        content_sha256: sha256_hex(publication.content),
        prev_hash: head_hash,
        entry_hash: String::new(),
    };
    entry.entry_hash = entry_hash(&entry);
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO publication_log (seq, published_at, module, record_type, record_id, title, url, organisation_id, content_sha256, prev_hash, entry_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(entry.seq).bind(entry.published_at).bind(&entry.module).bind(&entry.record_type).bind(&entry.record_id)
        .bind(&entry.title).bind(&entry.url).bind(&entry.organisation_id).bind(&entry.content_sha256)
        .bind(&entry.prev_hash).bind(&entry.entry_hash)
        .execute(&mut **conn).await.affected())?;
    on_db!(tx, tx; conn => sqlx::query("UPDATE publication_head SET entry_hash = $1 WHERE id = 1")
        .bind(&entry.entry_hash).execute(&mut **conn).await.affected())?;
    Ok(entry)
}
