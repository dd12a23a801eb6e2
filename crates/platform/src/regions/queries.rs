//! All SQL of regions and organisations, and the loaders of the region and OPD lists.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::db::RowsAffected;
use crate::on_db;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: String,
    pub village_kind: Option<String>,
    pub parent_code: Option<String>,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: Option<String>,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The level of a region from the number of segments in its code.
pub fn level_of(code: &str) -> Option<&'static str> {
    match code.split('.').count() {
        1 => Some("province"),
        2 => Some("regency"),
        3 => Some("district"),
        4 => Some("village"),
        _ => None,
    }
}

/// The parent code (`35.22.01.2001` → `35.22.01`), none for a province.
pub fn parent_of(code: &str) -> Option<&str> {
    code.rsplit_once('.').map(|(parent, _)| parent)
}

/// `35.22.DD.1xxx` are urban kelurahan, `35.22.DD.2xxx` rural desa.
pub fn village_kind_of(code: &str) -> Option<&'static str> {
    let last = code.split('.').nth(3)?;
    match last.chars().next()? {
        '1' => Some("kelurahan"),
        '2' => Some("desa"),
        _ => None,
    }
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM regions").fetch_one(pool).await)
}

const INSERT_REGION: &str = "INSERT INTO regions (code, name, level, village_kind, parent_code) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET name = excluded.name";

/// A row of a `code,name` region list.
#[derive(Deserialize)]
struct RegionRow {
    code: String,
    name: String,
}

/// Load a `code,name` list (as in `data/wilayah/`), parents before children. The province
/// of the first row is created when missing, with `province_name`.
pub async fn load_regions_csv(
    db: &Db,
    csv_text: &str,
    province: (&str, &str),
) -> anyhow::Result<usize> {
    let mut rows: Vec<RegionRow> = csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()?;
    rows.sort_by(|a, b| {
        a.code
            .split('.')
            .count()
            .cmp(&b.code.split('.').count())
            .then(a.code.cmp(&b.code))
    });
    let mut tx = db.begin().await?;
    on_db!(&mut tx, tx; conn => sqlx::query(INSERT_REGION)
        .bind(province.0).bind(province.1).bind("province").bind(None::<String>).bind(None::<String>)
        .execute(&mut **conn).await.affected())?;
    for row in &rows {
        let level =
            level_of(&row.code).ok_or_else(|| anyhow::anyhow!("bad region code {}", row.code))?;
        let kind = if level == "village" {
            village_kind_of(&row.code)
        } else {
            None
        };
        on_db!(&mut tx, tx; conn => sqlx::query(INSERT_REGION)
            .bind(&row.code).bind(&row.name).bind(level).bind(kind).bind(parent_of(&row.code))
            .execute(&mut **conn).await.affected())?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

#[derive(Deserialize)]
struct OpdRow {
    id: String,
    short_name: String,
    name: String,
    parent_id: String,
    address: String,
    phone: String,
    email: String,
    website: String,
}

const INSERT_ORGANISATION: &str = "INSERT INTO organisations \
    (id, name, short_name, kind, region_code, parent_id, address, phone, email, website, created_at, updated_at) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (id) DO NOTHING";

/// Create the regency government, its OPDs (from `opd_csv`), a kecamatan office for every
/// district and a village government for every village of `regency_code`.
pub async fn load_organisations(
    db: &Db,
    regency_code: &str,
    opd_csv: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let regency = region(db, regency_code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("region {regency_code} missing"))?;
    let regency_id = format!("pemkab-{}", regency_code.replace('.', ""));
    let regency_name = format!(
        "Pemerintah {}",
        title_case(&regency.name.replace("KAB.", "Kabupaten"))
    );
    let opds: Vec<OpdRow> = csv::Reader::from_reader(opd_csv.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()?;
    let districts = children(db, regency_code).await?;
    let mut tx = db.begin().await?;
    on_db!(&mut tx, tx; conn => sqlx::query(INSERT_ORGANISATION)
        .bind(&regency_id).bind(&regency_name).bind("Pemkab").bind("regency").bind(regency_code)
        .bind(None::<String>).bind("").bind("").bind("").bind("").bind(now)
        .execute(&mut **conn).await.affected())?;
    for opd in &opds {
        let parent = if opd.parent_id.is_empty() {
            regency_id.clone()
        } else {
            opd.parent_id.clone()
        };
        on_db!(&mut tx, tx; conn => sqlx::query(INSERT_ORGANISATION)
            .bind(&opd.id).bind(&opd.name).bind(&opd.short_name).bind("opd").bind(regency_code)
            .bind(&parent).bind(&opd.address).bind(&opd.phone).bind(&opd.email).bind(&opd.website).bind(now)
            .execute(&mut **conn).await.affected())?;
    }
    for district in &districts {
        let kec_id = format!("kec-{}", district.code);
        on_db!(&mut tx, tx; conn => sqlx::query(INSERT_ORGANISATION)
            .bind(&kec_id).bind(format!("Kecamatan {}", district.name)).bind(format!("Kec. {}", district.name))
            .bind("kecamatan").bind(&district.code).bind(&regency_id)
            .bind(format!("Kantor Kecamatan {}", district.name)).bind("").bind("").bind("").bind(now)
            .execute(&mut **conn).await.affected())?;
        for village in children(db, &district.code).await? {
            let (prefix, label) = match village.village_kind.as_deref() {
                Some("kelurahan") => ("kel", "Kelurahan"),
                _ => ("desa", "Pemerintah Desa"),
            };
            on_db!(&mut tx, tx; conn => sqlx::query(INSERT_ORGANISATION)
                .bind(format!("{prefix}-{}", village.code)).bind(format!("{label} {}", village.name))
                .bind(village.name.clone()).bind("village").bind(&village.code).bind(&kec_id)
                .bind(format!("{}, Kecamatan {}", village.name, district.name)).bind("").bind("").bind("").bind(now)
                .execute(&mut **conn).await.affected())?;
        }
    }
    tx.commit().await?;
    Ok(())
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn region(db: &Db, code: &str) -> Result<Option<Region>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name, level, village_kind, parent_code FROM regions WHERE code = $1")
        .bind(code).fetch_optional(pool).await)
}

pub async fn children(db: &Db, code: &str) -> Result<Vec<Region>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name, level, village_kind, parent_code FROM regions WHERE parent_code = $1 ORDER BY code")
        .bind(code).fetch_all(pool).await)
}

const ORGANISATION_COLUMNS: &str = "id, name, short_name, kind, region_code, parent_id, description, address, \
     phone, email, website, head_name, created_at, updated_at";

pub async fn organisation(db: &Db, id: &str) -> Result<Option<Organisation>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        ORGANISATION_COLUMNS,
        " FROM organisations WHERE id = $1"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

pub async fn organisations_in_region(
    db: &Db,
    code: &str,
) -> Result<Vec<Organisation>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        ORGANISATION_COLUMNS,
        " FROM organisations WHERE region_code = $1 ORDER BY kind, name"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(code).fetch_all(pool).await)
}

pub async fn organisations_of_kind(db: &Db, kind: &str) -> Result<Vec<Organisation>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        ORGANISATION_COLUMNS,
        " FROM organisations WHERE kind = $1 ORDER BY name"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(kind).fetch_all(pool).await)
}

/// How many regions there are at `level` (`district`, `village`…).
pub async fn count_at_level(db: &Db, level: &str) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM regions WHERE level = $1").bind(level).fetch_one(pool).await)
}

pub async fn count_organisations(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(pool).await)
}

/// Organisations directly under `parent_id`, by kind then name.
pub async fn organisation_children(
    db: &Db,
    parent_id: &str,
) -> Result<Vec<Organisation>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        ORGANISATION_COLUMNS,
        " FROM organisations WHERE parent_id = $1 ORDER BY kind, name"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(parent_id).fetch_all(pool).await)
}

/// A filter of the organisation list: kind (empty for all) and a name fragment (empty for
/// all), matched case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct OrganisationFilter {
    pub kind: String,
    pub name: String,
}

impl OrganisationFilter {
    /// The `LIKE` pattern for the name fragment, with `%`, `_` and `\` taken literally.
    fn pattern(&self) -> String {
        let escaped: String = self
            .name
            .to_lowercase()
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        format!("%{escaped}%")
    }
}

const FILTER_WHERE: &str = " WHERE ($1 = '' OR kind = $1) AND LOWER(name) LIKE $2 ESCAPE '\\'";

/// One page of organisations matching `filter`, ordered by kind (regency, OPDs, kecamatan,
/// villages) then name.
pub async fn organisations_page(
    db: &Db,
    filter: &OrganisationFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<Organisation>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        ORGANISATION_COLUMNS,
        " FROM organisations",
        FILTER_WHERE,
        " ORDER BY CASE kind WHEN 'regency' THEN 0 WHEN 'opd' THEN 1 WHEN 'kecamatan' THEN 2 ELSE 3 END, name, id LIMIT $3 OFFSET $4"
    );
    on_db!(db, pool => sqlx::query_as(SQL).bind(&filter.kind).bind(filter.pattern()).bind(limit).bind(offset).fetch_all(pool).await)
}

pub async fn count_organisations_matching(
    db: &Db,
    filter: &OrganisationFilter,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = const_format::concatcp!("SELECT COUNT(*) FROM organisations", FILTER_WHERE);
    on_db!(db, pool => sqlx::query_scalar(SQL).bind(&filter.kind).bind(filter.pattern()).fetch_one(pool).await)
}

/// The chain of regions from the top (province) down to `code`'s parent.
pub async fn ancestors(db: &Db, code: &str) -> Result<Vec<Region>, sqlx::Error> {
    let mut chain = Vec::new();
    let mut current = parent_of(code);
    while let Some(c) = current {
        if let Some(r) = region(db, c).await? {
            chain.push(r);
        }
        current = parent_of(c);
    }
    chain.reverse();
    Ok(chain)
}

/// Whether `code` has the shape of a Kemendagri code: `35`, `35.22`, `35.22.15` or
/// `35.22.15.2001` (digits only, 2/2/2/4 wide).
pub fn valid_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    let widths = [2, 2, 2, 4];
    (1..=4).contains(&parts.len())
        && parts
            .iter()
            .zip(widths)
            .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `id` can be an organisation id (lower-case letters, digits, `.` and `-`).
pub fn valid_organisation_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
}

/// The organisation kinds, in display order.
pub const KINDS: [&str; 4] = ["regency", "opd", "kecamatan", "village"];

/// Translation key of an organisation kind's label.
pub fn kind_key(kind: &str) -> &'static str {
    match kind {
        "regency" => "org-kind-regency",
        "opd" => "org-kind-opd",
        "kecamatan" => "org-kind-kecamatan",
        "village" => "org-kind-village",
        _ => "org-kind-other",
    }
}

/// Translation key of a region's level (villages split into desa and kelurahan).
pub fn level_key(level: &str, village_kind: Option<&str>) -> &'static str {
    match (level, village_kind) {
        ("province", _) => "region-level-province",
        ("regency", _) => "region-level-regency",
        ("district", _) => "region-level-district",
        ("village", Some("kelurahan")) => "region-level-kelurahan",
        ("village", Some("desa")) => "region-level-desa",
        _ => "region-level-village",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_before_any_query() {
        for good in ["35", "35.22", "35.22.15", "35.22.15.2001"] {
            assert!(valid_code(good), "{good}");
        }
        for bad in [
            "",
            "3",
            "35.2",
            "35.22.15.201",
            "35.22.15.2001.1",
            "35.22.xx",
            "35..22",
            "35.22.15.2001'",
        ] {
            assert!(!valid_code(bad), "{bad}");
        }
        assert!(valid_organisation_id("kec-35.22.01"));
        assert!(!valid_organisation_id("Drop Table"));
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        let f = OrganisationFilter {
            kind: String::new(),
            name: "50%_Dinas\\".into(),
        };
        assert_eq!(f.pattern(), "%50\\%\\_dinas\\\\%");
    }
}
