//! The SQL of the budget JSON API and the Fiscal Data Package. Column and table names come
//! only from [`Col`] and [`Lines`], never from the request; values are bound. Sums are cast
//! to BIGINT (PostgreSQL's SUM over BIGINT is NUMERIC).

use platform::db::Db;
use platform::on_db;
use uuid::Uuid;

use crate::queries::Version;
pub use crate::queries::{Col, Lines};

/// A condition on a level column: equal to a value, or (for `Urusan`) not empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    Is(Col, String),
    NotEmpty(Col),
}

/// The sum of a version's lines per value of `group` among the lines matching `filters`.
pub async fn sums(
    db: &Db,
    version: &Version,
    group: Col,
    filters: &[Filter],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let mut conditions = String::from("version_id = $1");
    let mut binds: Vec<&str> = Vec::new();
    for f in filters {
        match f {
            Filter::Is(col, value) => {
                binds.push(value);
                conditions.push_str(&format!(" AND {} = ${}", col.name(), binds.len() + 1));
            }
            Filter::NotEmpty(col) => conditions.push_str(&format!(" AND {} <> ''", col.name())),
        }
    }
    let sql = format!(
        "SELECT {g}, CAST(SUM(amount) AS BIGINT) FROM {t} WHERE {conditions} GROUP BY {g} ORDER BY {g}",
        g = group.name(),
        t = Lines::of(version).table(),
    );
    // Memoised per query: a version's lines never change once written (crate::memo).
    let id = version.id.to_string();
    let mut key_binds: Vec<&str> = vec![&id];
    key_binds.extend(binds.iter().copied());
    let key = crate::memo::key(&sql, &key_binds);
    crate::memo::SUMS
        .get_or_load(key, || async {
            on_db!(db, pool => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version.id);
                for b in &binds {
                    q = q.bind(*b);
                }
                q.fetch_all(pool).await
            })
        })
        .await
}

/// The names of `kind` (`organisation`, `program`, `kegiatan`, `sub_kegiatan`, `account`)
/// a version's file gave, as (code, name).
pub async fn names(
    db: &Db,
    version: Uuid,
    kind: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name FROM budget_names WHERE version_id = $1 AND kind = $2")
        .bind(version).bind(kind).fetch_all(pool).await)
}

/// The platform organisation each organisation code of a version was matched to.
pub async fn organisation_ids(
    db: &Db,
    version: Uuid,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, organisation_id FROM budget_names \
         WHERE version_id = $1 AND kind = 'organisation' AND organisation_id IS NOT NULL")
        .bind(version).fetch_all(pool).await)
}

/// One budget line: organisation, sub kegiatan ('' without), account, source of funds,
/// amount.
pub type BudgetRow = (String, String, String, String, i64);

/// A budget version's lines (optionally of one sub kegiatan), in source order.
pub async fn budget_rows(
    db: &Db,
    version: Uuid,
    sub_kegiatan: Option<&str>,
) -> Result<Vec<BudgetRow>, sqlx::Error> {
    let (condition, value) = match sub_kegiatan {
        Some(code) => ("AND sub_kegiatan = $2", code),
        None => ("AND $2 = ''", ""),
    };
    let sql = format!(
        "SELECT organisation_code, sub_kegiatan, account_code, source_of_funds, amount FROM budget_lines \
         WHERE version_id = $1 {condition} ORDER BY line_no"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version).bind(value).fetch_all(pool).await)
}

/// A realisation version's sums per (organisation, sub kegiatan, account) over its months.
pub async fn realisation_rows(
    db: &Db,
    version: Uuid,
    sub_kegiatan: Option<&str>,
) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    let (condition, value) = match sub_kegiatan {
        Some(code) => ("AND sub_kegiatan = $2", code),
        None => ("AND $2 = ''", ""),
    };
    let sql = format!(
        "SELECT organisation_code, sub_kegiatan, account_code, CAST(SUM(amount) AS BIGINT) FROM budget_realisation \
         WHERE version_id = $1 {condition} GROUP BY organisation_code, sub_kegiatan, account_code \
         ORDER BY organisation_code, sub_kegiatan, account_code"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version).bind(value).fetch_all(pool).await)
}

/// Published and superseded versions (never drafts), by year (newest first), stage and
/// version.
pub async fn public_versions(db: &Db) -> Result<Vec<Version>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, fiscal_year, stage, version, status, source_file_id, source_name, source_sha256, line_count, \
         total_revenue, total_spending, total_financing_receipts, total_financing_expenditure, last_month, \
         imported_by, imported_by_name, imported_at, published_by, published_at, superseded_at \
         FROM budget_versions WHERE status IN ('published', 'superseded') \
         ORDER BY fiscal_year DESC, stage, version DESC")
        .fetch_all(pool).await)
}
