//! All SQL of the Open311 endpoint: registered clients and their keys, and the public,
//! read-only view of complaints as service requests (no reporter column is ever selected;
//! confidential cases are excluded in every query).

use chrono::{DateTime, NaiveDate, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::files::StoredFile;
use platform::on_db;
use uuid::Uuid;

/// A registered client (the key itself is never stored, only its SHA-256).
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow)]
pub struct Client {
    pub id: Uuid,
    pub name: String,
    pub contact_email: String,
    #[serde(skip)]
    pub key_hash: String,
    pub active: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

const CLIENT_COLUMNS: &str =
    "id, name, contact_email, key_hash, active, created_by, created_at, last_used_at";

/// Every client, newest first (the admin list).
pub async fn clients(db: &Db) -> Result<Vec<Client>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CLIENT_COLUMNS,
        " FROM open311_clients ORDER BY created_at DESC, id DESC"
    );
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

pub async fn client(db: &Db, id: Uuid) -> Result<Option<Client>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CLIENT_COLUMNS,
        " FROM open311_clients WHERE id = $1"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// The active client whose key hashes to `key_hash`.
pub async fn active_client_by_key(db: &Db, key_hash: &str) -> Result<Option<Client>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CLIENT_COLUMNS,
        " FROM open311_clients WHERE key_hash = $1 AND active = TRUE"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(key_hash).fetch_optional(pool).await)
}

pub async fn insert_client(tx: &mut Tx, c: &Client) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO open311_clients (id, name, contact_email, key_hash, active, created_by, created_at, last_used_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(c.id).bind(&c.name).bind(&c.contact_email).bind(&c.key_hash).bind(c.active)
        .bind(c.created_by).bind(c.created_at).bind(c.last_used_at)
        .execute(&mut **conn).await.affected())
}

/// Revoke a client's key (rows changed: 0 when unknown or already revoked).
pub async fn revoke_client(tx: &mut Tx, id: Uuid) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE open311_clients SET active = FALSE WHERE id = $1 AND active = TRUE")
        .bind(id).execute(&mut **conn).await.affected())
}

pub async fn touch_client(db: &Db, id: Uuid, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    on_db!(db, pool => sqlx::query("UPDATE open311_clients SET last_used_at = $1 WHERE id = $2")
        .bind(now).bind(id).execute(pool).await.affected())
}

/// A complaint as a public service request.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: Uuid,
    pub tracking_code: String,
    pub state: String,
    pub organisation_name: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub description: String,
    pub category_id: String,
    pub category_name_id: String,
    pub category_name_en: String,
    pub region_code: String,
    pub region_name: String,
    pub district_code: String,
    pub district_name: String,
    pub location_text: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// `c.case_type = 'complaint'` first: with `c.opened_at` it is the index
/// `cases_type_opened`, which the newest-first list walks backwards and stops after LIMIT
/// rows — no count, no sort of the whole window.
const REQUEST_FROM: &str = "SELECT c.id, c.tracking_code, c.state, o.name AS organisation_name, c.due_on, \
     c.opened_at, c.updated_at, k.description, k.category_id, cat.name_id AS category_name_id, \
     cat.name_en AS category_name_en, k.region_code, r.name AS region_name, k.district_code, \
     d.name AS district_name, k.location_text, k.latitude, k.longitude \
     FROM cases c JOIN complaints k ON k.case_id = c.id \
     JOIN complaint_categories cat ON cat.id = k.category_id \
     JOIN regions r ON r.code = k.region_code JOIN regions d ON d.code = k.district_code \
     LEFT JOIN organisations o ON o.id = c.organisation_id \
     WHERE c.case_type = 'complaint' AND c.privacy <> 'confidential'";

/// What `GET requests` asks for; every value is bound, never spliced.
#[derive(Clone, Debug, Default)]
pub struct RequestQuery {
    /// Tracking codes; when present the other filters are ignored (as the spec says).
    pub ids: Vec<String>,
    pub service_codes: Vec<String>,
    /// Case states to include (empty: all).
    pub states: Vec<&'static str>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

enum Bind {
    Text(String),
    Time(DateTime<Utc>),
}

fn placeholders(binds: &mut Vec<Bind>, values: impl Iterator<Item = String>) -> String {
    let list: Vec<String> = values
        .map(|v| {
            binds.push(Bind::Text(v));
            format!("${}", binds.len())
        })
        .collect();
    list.join(", ")
}

/// Public service requests matching `q`, newest first.
pub async fn requests(db: &Db, q: &RequestQuery) -> Result<Vec<RequestRow>, sqlx::Error> {
    let mut sql = String::from(REQUEST_FROM);
    let mut binds: Vec<Bind> = Vec::new();
    if !q.ids.is_empty() {
        let list = placeholders(&mut binds, q.ids.iter().cloned());
        sql.push_str(&format!(" AND c.tracking_code IN ({list})"));
    } else {
        if !q.service_codes.is_empty() {
            let list = placeholders(&mut binds, q.service_codes.iter().cloned());
            sql.push_str(&format!(" AND k.category_id IN ({list})"));
        }
        if !q.states.is_empty() {
            let list = placeholders(&mut binds, q.states.iter().map(|s| s.to_string()));
            sql.push_str(&format!(" AND c.state IN ({list})"));
        }
        if let Some(from) = q.from {
            binds.push(Bind::Time(from));
            sql.push_str(&format!(" AND c.opened_at >= ${}", binds.len()));
        }
        if let Some(to) = q.to {
            binds.push(Bind::Time(to));
            sql.push_str(&format!(" AND c.opened_at <= ${}", binds.len()));
        }
    }
    sql.push_str(&format!(
        " ORDER BY c.opened_at DESC, c.id DESC LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    ));
    on_db!(db, pool => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            query = match b {
                Bind::Text(s) => query.bind(s.clone()),
                Bind::Time(t) => query.bind(*t),
            };
        }
        query.bind(q.limit).bind(q.offset).fetch_all(pool).await
    })
}

/// One public service request by tracking code (none when confidential or unknown).
pub async fn request(db: &Db, code: &str) -> Result<Option<RequestRow>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(REQUEST_FROM, " AND c.tracking_code = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(code).fetch_optional(pool).await)
}

fn id_list(ids: &[Uuid], first: usize) -> String {
    (0..ids.len())
        .map(|i| format!("${}", i + first))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A public timeline entry written by staff or the system (a status note candidate).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoteRow {
    pub case_id: Uuid,
    pub kind: String,
    pub body: String,
}

/// The latest public, non-empty entry not written by the reporter, per case of `ids`.
pub async fn latest_notes(db: &Db, ids: &[Uuid]) -> Result<Vec<NoteRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT case_id, kind, body FROM case_entries WHERE public = TRUE AND author_role <> 'reporter' \
         AND body <> '' AND case_id IN ({}) ORDER BY case_id, at DESC, id DESC",
        id_list(ids, 1)
    );
    let rows: Vec<NoteRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })?;
    let mut latest: Vec<NoteRow> = Vec::new();
    for row in rows {
        if latest.last().is_none_or(|l| l.case_id != row.case_id) {
            latest.push(row);
        }
    }
    Ok(latest)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MediaRow {
    pub case_id: Uuid,
    #[sqlx(flatten)]
    pub file: StoredFile,
}

/// The first public image on a public entry, per case of `ids`.
pub async fn first_photos(db: &Db, ids: &[Uuid]) -> Result<Vec<MediaRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT e.case_id, f.id, f.storage_key, f.original_name, f.content_type, f.size_bytes, f.sha256, \
         f.uploaded_by, f.public, f.created_at \
         FROM case_entry_files ef JOIN case_entries e ON e.id = ef.entry_id JOIN files f ON f.id = ef.file_id \
         WHERE e.public = TRUE AND f.public = TRUE AND f.content_type LIKE 'image/%' AND e.case_id IN ({}) \
         ORDER BY e.case_id, e.at, f.id",
        id_list(ids, 1)
    );
    let rows: Vec<MediaRow> = on_db!(db, pool => {
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })?;
    let mut first: Vec<MediaRow> = Vec::new();
    for row in rows {
        if first.last().is_none_or(|l| l.case_id != row.case_id) {
            first.push(row);
        }
    }
    Ok(first)
}
