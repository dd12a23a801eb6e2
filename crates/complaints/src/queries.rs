//! All SQL of the complaints module (the workflow's own tables belong to
//! `platform::cases`).

use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use serde::Serialize;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Category {
    pub id: String,
    pub name_id: String,
    pub name_en: String,
    pub default_organisation_id: String,
    pub position: i32,
    pub active: bool,
}

const CATEGORY_COLUMNS: &str = "id, name_id, name_en, default_organisation_id, position, active";

/// Active categories in display order (the submission form's list).
pub async fn active_categories(db: &Db) -> Result<Vec<Category>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CATEGORY_COLUMNS,
        " FROM complaint_categories WHERE active = TRUE ORDER BY position, id"
    );
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

/// Every category, active or not (the admin list).
pub async fn all_categories(db: &Db) -> Result<Vec<Category>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CATEGORY_COLUMNS,
        " FROM complaint_categories ORDER BY position, id"
    );
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

pub async fn category(db: &Db, id: &str) -> Result<Option<Category>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        CATEGORY_COLUMNS,
        " FROM complaint_categories WHERE id = $1"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// Insert or update a category (admin edits and the demo loader).
pub async fn upsert_category(
    tx: &mut Tx,
    c: &Category,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO complaint_categories (id, name_id, name_en, default_organisation_id, position, active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (id) DO UPDATE SET name_id = excluded.name_id, name_en = excluded.name_en, \
         default_organisation_id = excluded.default_organisation_id, position = excluded.position, \
         active = excluded.active, updated_at = excluded.updated_at")
        .bind(&c.id).bind(&c.name_id).bind(&c.name_en).bind(&c.default_organisation_id)
        .bind(c.position).bind(c.active).bind(now)
        .execute(&mut **conn).await.affected())
}

/// The complaint-specific part of a new case.
#[derive(Clone, Debug, Default)]
pub struct NewComplaint {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category_id: String,
    pub region_code: String,
    pub district_code: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location_text: String,
}

/// The reporter's identity and contact (personal data; never public).
#[derive(Clone, Debug, Default)]
pub struct Reporter {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub nik: String,
    pub address: String,
    /// The language they wrote in: the mails about the case are written in it.
    pub lang: platform::i18n::Lang,
}

/// Write a complaint's own rows beside the case the engine opened, in its transaction.
pub async fn insert(
    tx: &mut Tx,
    case_id: Uuid,
    c: &NewComplaint,
    reporter: &Reporter,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO complaints (case_id, kind, title, description, category_id, region_code, district_code, \
         latitude, longitude, location_text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(case_id).bind(&c.kind).bind(&c.title).bind(&c.description).bind(&c.category_id)
        .bind(&c.region_code).bind(&c.district_code).bind(c.latitude).bind(c.longitude)
        .bind(&c.location_text).bind(now)
        .execute(&mut **conn).await.affected())?;
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO complaint_reporters (case_id, name, email, phone, nik, address, lang) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(case_id).bind(&reporter.name).bind(&reporter.email).bind(&reporter.phone)
        .bind(&reporter.nik).bind(&reporter.address).bind(reporter.lang.code())
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

/// The reporter's rating of case `id` (1–5), when they gave one on confirming completion.
pub async fn rating(db: &Db, id: Uuid) -> Result<Option<i32>, sqlx::Error> {
    let rating: Option<Option<i32>> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT rating FROM complaints WHERE case_id = $1")
        .bind(id).fetch_optional(pool).await)?;
    Ok(rating.flatten())
}

/// Where and in which language to write to the reporter of case `case_id` (none when they
/// left no e-mail address).
pub async fn reporter_mailbox(
    tx: &mut Tx,
    case_id: Uuid,
) -> Result<Option<(String, platform::i18n::Lang)>, sqlx::Error> {
    let row: Option<(String, String)> = on_db!(tx, tx; conn => sqlx::query_as(
        "SELECT email, lang FROM complaint_reporters WHERE case_id = $1")
        .bind(case_id).fetch_optional(&mut **conn).await)?;
    Ok(row
        .filter(|(email, _)| !email.trim().is_empty())
        .map(|(email, lang)| {
            (
                email,
                platform::i18n::Lang::parse(&lang).unwrap_or(platform::i18n::Lang::Id),
            )
        }))
}
