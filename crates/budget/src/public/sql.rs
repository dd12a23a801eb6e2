//! The SQL of the public budget pages. Every figure is a `GROUP BY` over one level column of
//! `budget_lines` or `budget_realisation` (the indexes of migration 0013 lead with
//! `version_id` and the level columns), so a page costs a handful of queries whatever its
//! size: no query per item. Column and table names come only from the enums below, never
//! from the request; values are bound. Sums and monthly figures are memoised per query
//! ([`crate::memo`]): a version's lines never change once written.

use platform::db::Db;
use platform::on_db;
use uuid::Uuid;

pub use crate::queries::{Col, Lines};

/// The `WHERE` of a selection: version, then `col = $n` for each filter.
fn filter_sql(filters: &[(Col, String)], first: usize) -> String {
    let mut sql = String::from("version_id = $1");
    for (i, (col, _)) in filters.iter().enumerate() {
        sql.push_str(&format!(" AND {} = ${}", col.name(), first + i));
    }
    sql
}

/// The sum of `lines` of `version` per value of `group`, among lines matching `filters`.
pub async fn sums(
    db: &Db,
    lines: Lines,
    version: Uuid,
    group: Col,
    filters: &[(Col, String)],
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT {g}, CAST(SUM(amount) AS BIGINT) FROM {t} WHERE {w} GROUP BY {g} ORDER BY {g}",
        g = group.name(),
        t = lines.table(),
        w = filter_sql(filters, 2),
    );
    let key = memo_key(&sql, version, filters);
    crate::memo::SUMS
        .get_or_load(key, || async {
            on_db!(db, pool => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version);
                for (_, v) in filters {
                    q = q.bind(v);
                }
                q.fetch_all(pool).await
            })
        })
        .await
}

/// The memo key of a query over `version`'s lines (see [`crate::memo`]: a version's lines
/// never change, so the same query always has the same answer).
fn memo_key(sql: &str, version: Uuid, filters: &[(Col, String)]) -> String {
    let id = version.to_string();
    let mut binds: Vec<&str> = vec![&id];
    binds.extend(filters.iter().map(|(_, v)| v.as_str()));
    crate::memo::key(sql, &binds)
}

/// The realisation of `version` per month among lines matching `filters`.
pub async fn monthly(
    db: &Db,
    version: Uuid,
    filters: &[(Col, String)],
) -> Result<Vec<(i32, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT month, CAST(SUM(amount) AS BIGINT) FROM budget_realisation WHERE {} GROUP BY month ORDER BY month",
        filter_sql(filters, 2)
    );
    let key = memo_key(&sql, version, filters);
    crate::memo::MONTHS
        .get_or_load(key, || async {
            on_db!(db, pool => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version);
                for (_, v) in filters {
                    q = q.bind(v);
                }
                q.fetch_all(pool).await
            })
        })
        .await
}

/// The names a version's file gave `codes` of `kind`, as (code, name).
pub async fn names(
    db: &Db,
    version: Uuid,
    kind: &str,
    codes: &[String],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut out = Vec::new();
    // Bound values stay far under both databases' limits.
    for chunk in codes.chunks(5_000) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT code, name FROM budget_names WHERE version_id = $1 AND kind = $2 AND code IN ({})",
            marks.join(", ")
        );
        let rows: Vec<(String, String)> = on_db!(db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version).bind(kind);
            for c in chunk {
                q = q.bind(c);
            }
            q.fetch_all(pool).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// The years with a published budget (murni or perubahan), newest first.
pub async fn published_years(db: &Db) -> Result<Vec<i32>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT fiscal_year FROM budget_versions \
         WHERE status = 'published' AND stage IN ('murni', 'perubahan') ORDER BY fiscal_year DESC")
        .fetch_all(pool).await)
}

/// The organisation codes of `version` matched to platform organisation `organisation_id`.
pub async fn organisation_codes_of(
    db: &Db,
    version: Uuid,
    organisation_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT code FROM budget_names WHERE version_id = $1 AND kind = 'organisation' AND organisation_id = $2 ORDER BY code")
        .bind(version).bind(organisation_id).fetch_all(pool).await)
}

/// Every version of every year and stage, newest first (the finance officers' list).
pub async fn all_versions(db: &Db) -> Result<Vec<crate::queries::Version>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, fiscal_year, stage, version, status, source_file_id, source_name, source_sha256, line_count, \
         total_revenue, total_spending, total_financing_receipts, total_financing_expenditure, last_month, \
         imported_by, imported_by_name, imported_at, published_by, published_at, superseded_at \
         FROM budget_versions ORDER BY fiscal_year DESC, stage, version DESC LIMIT 200")
        .fetch_all(pool).await)
}

/// The platform organisation a version's organisation code was matched to, if any.
pub async fn organisation_id_of(
    db: &Db,
    version: Uuid,
    code: &str,
) -> Result<Option<String>, sqlx::Error> {
    let found: Option<Option<String>> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT organisation_id FROM budget_names WHERE version_id = $1 AND kind = 'organisation' AND code = $2")
        .bind(version).bind(code).fetch_optional(pool).await)?;
    Ok(found.flatten())
}
