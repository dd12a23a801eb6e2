//! Demo data of the complaints module: the category list of a regency (after LAPOR!'s
//! topical categories), each routed by default to the organisation that answers for it.

use chrono::{DateTime, Utc};
use platform::db::Db;

use crate::queries::{self, Category};

/// (id, Indonesian name, English name, default organisation).
const CATEGORIES: &[(&str, &str, &str, &str)] = &[
    ("kesehatan", "Kesehatan", "Health", "dinkes"),
    ("pendidikan", "Pendidikan", "Education", "disdik"),
    (
        "adminduk",
        "Administrasi Kependudukan",
        "Civil registration",
        "dukcapil",
    ),
    ("perizinan", "Perizinan", "Licences and permits", "dpmptsp"),
    (
        "jalan-jembatan",
        "Jalan dan Jembatan",
        "Roads and bridges",
        "dpu-bina-marga",
    ),
    (
        "irigasi-banjir",
        "Irigasi dan Banjir",
        "Irrigation and floods",
        "dpu-sda",
    ),
    (
        "lingkungan",
        "Lingkungan Hidup dan Sampah",
        "Environment and waste",
        "dlh",
    ),
    ("dana-desa", "Dana Desa", "Village funds", "dpmd"),
    (
        "bantuan-sosial",
        "Bantuan Sosial",
        "Social assistance",
        "dinsos",
    ),
    (
        "ketenagakerjaan",
        "Ketenagakerjaan",
        "Employment",
        "disperinaker",
    ),
    (
        "transportasi",
        "Transportasi dan Lalu Lintas",
        "Transport and traffic",
        "dishub",
    ),
    ("ketertiban", "Ketertiban Umum", "Public order", "satpol-pp"),
    (
        "pertanian",
        "Pertanian dan Pupuk",
        "Farming and fertiliser",
        "distan",
    ),
    (
        "informasi-publik",
        "Informasi Publik",
        "Public information",
        "ppid-utama",
    ),
    ("lainnya", "Lainnya", "Other", "diskominfo"),
];

/// Load the categories unless some exist.
pub async fn load_categories_if_empty(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    if !queries::all_categories(db).await?.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (position, (id, name_id, name_en, org)) in CATEGORIES.iter().enumerate() {
        let category = Category {
            id: (*id).into(),
            name_id: (*name_id).into(),
            name_en: (*name_en).into(),
            default_organisation_id: (*org).into(),
            position: i32::try_from(position).unwrap_or(i32::MAX),
            active: true,
        };
        queries::upsert_category(&mut tx, &category, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
