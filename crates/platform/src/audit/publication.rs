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

use crate::db::{Db, RowsAffected, Tx};
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
        &entry
            .published_at
            .to_rfc3339_opts(SecondsFormat::Secs, true),
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
pub async fn append(
    tx: &mut Tx,
    at: DateTime<Utc>,
    publication: Publication<'_>,
) -> Result<Entry, sqlx::Error> {
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

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const ENTRY_COLUMNS: &str = "seq, published_at, module, record_type, record_id, title, url, organisation_id, content_sha256, prev_hash, entry_hash";

/// The timestamp exactly as it enters the hash (RFC 3339, UTC, whole seconds, `Z`).
pub fn hashed_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Every entry, oldest first (for downloads and verification).
pub async fn all_entries(db: &Db) -> Result<Vec<Entry>, sqlx::Error> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM publication_log ORDER BY seq");
    on_db!(db, pool => sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await)
}

/// One page of entries, newest first, and the total number of entries.
pub async fn page(db: &Db, limit: i64, offset: i64) -> Result<(Vec<Entry>, i64), sqlx::Error> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM publication_log ORDER BY seq DESC LIMIT $1 OFFSET $2");
    let entries = on_db!(db, pool => sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql)).bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM publication_log").fetch_one(pool).await)?;
    Ok((entries, total))
}

/// The head of the chain as the database keeps it: (seq, entry_hash).
pub async fn head(db: &Db) -> Result<(i64, String), sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT seq, entry_hash FROM publication_head WHERE id = 1").fetch_one(pool).await)
}

/// Why the chain is broken at an entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The entry with this seq is missing (deleted) or the numbering jumps.
    Missing,
    /// The entry's `prev_hash` is not the previous entry's `entry_hash`.
    PrevHash,
    /// The entry's fields do not hash to its `entry_hash` (the entry was edited).
    EntryHash,
    /// `publication_head` does not agree with the last entry (entries removed from the end,
    /// or the head was edited).
    Head,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Fault::Missing => "entry missing (deleted, or the numbering jumps)",
            Fault::PrevHash => "prev_hash does not match the previous entry's entry_hash",
            Fault::EntryHash => "the fields do not hash to entry_hash (the entry was changed)",
            Fault::Head => {
                "publication_head does not match the last entry (entries removed from the end?)"
            }
        })
    }
}

/// The first broken place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Broken {
    pub seq: i64,
    pub fault: Fault,
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    pub entries: usize,
    /// The last entry's hash (the genesis hash for an empty log).
    pub head_hash: String,
    pub broken: Option<Broken>,
}

impl Verification {
    pub fn is_ok(&self) -> bool {
        self.broken.is_none()
    }
}

/// Check a chain of entries (oldest first) against the head the database keeps:
/// seq runs 1, 2, 3… without gaps, each `prev_hash` is the previous `entry_hash` (the genesis
/// hash for seq 1), each `entry_hash` recomputes from the fields, and the head names the
/// last entry. Returns the first fault found.
pub fn verify_entries(entries: &[Entry], head: Option<(i64, &str)>) -> Verification {
    let mut prev = GENESIS_HASH.to_string();
    let mut broken = None;
    for (expected_seq, entry) in (1_i64..).zip(entries) {
        let fault = if entry.seq != expected_seq {
            Some(Broken {
                seq: expected_seq,
                fault: Fault::Missing,
            })
        } else if entry.prev_hash != prev {
            Some(Broken {
                seq: entry.seq,
                fault: Fault::PrevHash,
            })
        } else if entry_hash(entry) != entry.entry_hash {
            Some(Broken {
                seq: entry.seq,
                fault: Fault::EntryHash,
            })
        } else {
            None
        };
        if fault.is_some() {
            broken = fault;
            break;
        }
        prev = entry.entry_hash.clone();
    }
    if broken.is_none()
        && let Some((head_seq, head_hash)) = head
    {
        let last_seq = entries.last().map(|e| e.seq).unwrap_or(0);
        if head_seq != last_seq || head_hash != prev {
            // Name the first entry the head promises but the log lacks (or the last one when
            // only the head's hash disagrees).
            let seq = if head_seq > last_seq {
                last_seq + 1
            } else {
                last_seq.max(1)
            };
            broken = Some(Broken {
                seq,
                fault: Fault::Head,
            });
        }
    }
    Verification {
        entries: entries.len(),
        head_hash: prev,
        broken,
    }
}

/// Recompute the whole chain stored in `db` (see [`verify_entries`]).
pub async fn verify(db: &Db) -> Result<Verification, sqlx::Error> {
    let entries = all_entries(db).await?;
    let (head_seq, head_hash) = head(db).await?;
    Ok(verify_entries(&entries, Some((head_seq, &head_hash))))
}
