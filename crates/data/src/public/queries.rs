//! SQL of the public pages that the catalogue's read model does not cover.

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::on_db;
use uuid::Uuid;

/// A published dataset as the freshness board lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Scheduled {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub title: String,
    pub frequency: String,
    pub data_updated_at: Option<DateTime<Utc>>,
}

const SCHEDULED: &str = "SELECT d.id, d.name, d.organisation_id, o.name AS organisation_name, \
     v.title, v.frequency, d.data_updated_at FROM data_datasets d \
     JOIN data_versions v ON v.id = d.published_version_id \
     JOIN organisations o ON o.id = d.organisation_id";

/// Every published dataset (of one organisation when `organisation_id` is given), by
/// organisation name and title.
pub async fn scheduled(
    db: &Db,
    organisation_id: Option<&str>,
) -> Result<Vec<Scheduled>, sqlx::Error> {
    match organisation_id {
        Some(org) => {
            let sql = format!(
                "{SCHEDULED} WHERE d.organisation_id = $1 AND v.status = 'verified' \
                 ORDER BY v.title, d.name"
            );
            on_db!(db, pool => sqlx::query_as::<_, Scheduled>(sqlx::AssertSqlSafe(sql))
                .bind(org).fetch_all(pool).await)
        }
        None => {
            let sql =
                format!("{SCHEDULED} WHERE v.status = 'verified' ORDER BY o.name, v.title, d.name");
            on_db!(db, pool => sqlx::query_as::<_, Scheduled>(sqlx::AssertSqlSafe(sql))
                .fetch_all(pool).await)
        }
    }
}
