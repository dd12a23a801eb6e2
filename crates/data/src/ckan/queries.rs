//! The SQL of the CKAN API that the catalogue does not already answer.

use platform::db::Db;
use platform::on_db;

use crate::catalog::GroupRef;

/// Every topic group (CKAN groups), by id.
pub async fn groups(db: &Db) -> Result<Vec<GroupRef>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, title_id, title_en FROM data_groups ORDER BY id")
        .fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, title_id, title_en)| GroupRef {
            id,
            title_id,
            title_en,
        })
        .collect())
}
