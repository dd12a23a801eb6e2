//! All SQL of the pages module (the `news` table), one function per statement.

use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use serde::Serialize;
use uuid::Uuid;

/// A news item, in both languages. `published_at` is `None` for a draft.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow)]
pub struct News {
    pub id: Uuid,
    pub slug: String,
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub body_id: String,
    pub body_en: String,
    pub published_at: Option<DateTime<Utc>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, slug, title_id, title_en, summary_id, summary_en, body_id, body_en, \
     published_at, created_by, created_at, updated_at";

/// Published items, newest first.
pub async fn published(db: &Db, limit: i64, offset: i64) -> Result<Vec<News>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " FROM news WHERE published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(limit).bind(offset).fetch_all(pool).await)
}

pub async fn count_published(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM news WHERE published_at IS NOT NULL").fetch_one(pool).await)
}

/// A published item by its slug (drafts are not found).
pub async fn published_by_slug(db: &Db, slug: &str) -> Result<Option<News>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " FROM news WHERE slug = $1 AND published_at IS NOT NULL"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(slug).fetch_optional(pool).await)
}

/// Every item, drafts first, then newest first (the admin list).
pub async fn all(db: &Db) -> Result<Vec<News>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " FROM news ORDER BY CASE WHEN published_at IS NULL THEN 0 ELSE 1 END, updated_at DESC LIMIT 1000"
    );
    on_db!(db, pool => sqlx::query_as(SQL).fetch_all(pool).await)
}

pub async fn by_id(db: &Db, id: Uuid) -> Result<Option<News>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT ", COLUMNS, " FROM news WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

/// The item inside a transaction (read before a change, for the audit entry).
pub async fn by_id_tx(tx: &mut Tx, id: Uuid) -> Result<Option<News>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT ", COLUMNS, " FROM news WHERE id = $1");
    on_db!(tx, tx; conn => sqlx::query_as(SQL).bind(id).fetch_optional(&mut **conn).await)
}

/// Whether another item (not `except`) already uses `slug`.
pub async fn slug_taken(
    tx: &mut Tx,
    slug: &str,
    except: Option<Uuid>,
) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(tx, tx; conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM news WHERE slug = $1 AND ($2 IS NULL OR id <> $2)")
        .bind(slug).bind(except).fetch_one(&mut **conn).await)?;
    Ok(n > 0)
}

pub async fn insert(tx: &mut Tx, n: &News) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO news (id, slug, title_id, title_en, summary_id, summary_en, body_id, body_en, published_at, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(n.id).bind(&n.slug).bind(&n.title_id).bind(&n.title_en).bind(&n.summary_id).bind(&n.summary_en)
        .bind(&n.body_id).bind(&n.body_en).bind(n.published_at).bind(n.created_by).bind(n.created_at).bind(n.updated_at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

/// Save the editable fields and `published_at` of `n`.
pub async fn update(tx: &mut Tx, n: &News) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE news SET slug = $2, title_id = $3, title_en = $4, summary_id = $5, summary_en = $6, body_id = $7, \
         body_en = $8, published_at = $9, updated_at = $10 WHERE id = $1")
        .bind(n.id).bind(&n.slug).bind(&n.title_id).bind(&n.title_en).bind(&n.summary_id).bind(&n.summary_en)
        .bind(&n.body_id).bind(&n.body_en).bind(n.published_at).bind(n.updated_at)
        .execute(&mut **conn).await.affected())
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("DELETE FROM news WHERE id = $1").bind(id).execute(&mut **conn).await.affected())
}
