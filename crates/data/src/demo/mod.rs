//! Reference and demo data of the data portal.
//!
//! - The **topic groups** (`data/portal/groups.csv`: Satu Data's topics — kependudukan,
//!   pendidikan, kesehatan, pertanian, …) are reference data: [`load_groups`] writes them at
//!   every start, in every mode, tests included (idempotent; titles follow the file).
//! - The **demo datasets** (`data/portal/datasets.csv`, tables from [`generate`]) are a few
//!   dozen plausible datasets of the regency's OPDs — population per village for all 430
//!   desa/kelurahan, schools, puskesmas, rice production, rainfall, road conditions, two
//!   live sensor feeds… — **generated, not official statistics**. Each table goes through
//!   the real [`crate::tabular::load`] (whole-file inference), its CSV is stored as the
//!   resource's original file, and the dataset is created verified at a plausible past date
//!   (the `age_days` column), so that the freshness board shows fresh, due and overdue
//!   datasets. One dataset has two versions, so its history has an earlier one to read.

pub mod datasets;
pub mod generate;

use anyhow::Context;
use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected};
use platform::on_db;
use serde::Deserialize;

pub use datasets::{Loaded, load_demo_data_if_empty};

/// Satu Data topics: `id,title_id,title_en,description_id,description_en`.
pub const GROUPS: &str = include_str!("../../../../data/portal/groups.csv");

#[derive(Debug, Deserialize)]
struct GroupRow {
    id: String,
    title_id: String,
    title_en: String,
    description_id: String,
    description_en: String,
}

/// Write the topic groups (insert new ones, update titles and descriptions of known ones).
/// Returns how many the file holds.
pub async fn load_groups(db: &Db, at: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut reader = csv::Reader::from_reader(GROUPS.as_bytes());
    let mut n = 0;
    for row in reader.deserialize::<GroupRow>() {
        let g = row.context("reading data/portal/groups.csv")?;
        on_db!(db, pool => sqlx::query(
            "INSERT INTO data_groups (id, title_id, title_en, description_id, description_en, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET \
             title_id = excluded.title_id, title_en = excluded.title_en, \
             description_id = excluded.description_id, description_en = excluded.description_en")
            .bind(&g.id).bind(&g.title_id).bind(&g.title_en).bind(&g.description_id)
            .bind(&g.description_en).bind(at).execute(pool).await.affected())?;
        n += 1;
    }
    Ok(n)
}
