//! SQL of the public side (read-only lists; writes go through `submission` and the case
//! engine).

use platform::db::{Db, RowsAffected};
use platform::on_db;
use platform::regions::Region;
use uuid::Uuid;

/// The regency's districts and villages in code order (the form's region select).
pub async fn regency_regions(db: &Db) -> Result<Vec<Region>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name, level, village_kind, parent_code FROM regions \
         WHERE code LIKE '35.22.%' AND level IN ('district', 'village') ORDER BY code")
        .fetch_all(pool).await)
}

/// A complaint as the public may see it: no reporter, no account, no contact.
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow)]
pub struct PublicRow {
    pub id: Uuid,
    pub tracking_code: String,
    pub state: String,
    pub privacy: String,
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    pub due_on: Option<chrono::NaiveDate>,
    pub overdue: bool,
    pub opened_at: chrono::DateTime<chrono::Utc>,
    pub kind: String,
    pub title: String,
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

const PUBLIC_FROM: &str = "SELECT c.id, c.tracking_code, c.state, c.privacy, c.organisation_id, \
     o.name AS organisation_name, c.due_on, c.overdue, c.opened_at, k.kind, k.title, k.description, \
     k.category_id, cat.name_id AS category_name_id, cat.name_en AS category_name_en, k.region_code, \
     r.name AS region_name, k.district_code, d.name AS district_name, k.location_text, k.latitude, \
     k.longitude \
     FROM cases c JOIN complaints k ON k.case_id = c.id \
     JOIN complaint_categories cat ON cat.id = k.category_id \
     JOIN regions r ON r.code = k.region_code JOIN regions d ON d.code = k.district_code \
     LEFT JOIN organisations o ON o.id = c.organisation_id \
     WHERE c.privacy <> 'confidential'";

/// A value bound to a runtime-built query.
#[derive(Clone, Debug)]
pub enum Bind {
    Text(String),
    Bool(bool),
    Time(chrono::DateTime<chrono::Utc>),
}

/// The public complaint with `code` (none when confidential or unknown).
pub async fn public_by_code(db: &Db, code: &str) -> Result<Option<PublicRow>, sqlx::Error> {
    const SQL: &str = const_format::concatcp!(PUBLIC_FROM, " AND c.tracking_code = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(code).fetch_optional(pool).await)
}

/// The list's count stops here: beyond, the page says "more than 1,000". Counting every
/// match is what makes a list slow at a million complaints (tens of thousands of rows per
/// request for a district and a status); up to 1,000 costs a few milliseconds.
pub const COUNT_CAP: i64 = 1_000;

/// How many complaints match a list's filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    Exactly(i64),
    /// More than [`COUNT_CAP`].
    MoreThan(i64),
}

/// The cases a list page may show, without the joins for names: the page's rows are chosen
/// here (narrow, along an index) and only those are then read in full.
const MATCHING: &str = "FROM cases c JOIN complaints k ON k.case_id = c.id \
     WHERE c.case_type = 'complaint' AND c.privacy <> 'confidential'";

/// The filters as one SQL string (` AND …` each).
fn filter_sql(conditions: &[String]) -> String {
    let mut filter = String::new();
    for c in conditions {
        filter.push_str(" AND ");
        filter.push_str(c);
    }
    filter
}

/// The order of the page's rows: newest first. A complaint's `created_at` is its case's
/// `opened_at` (written together), so when a filter is on the complaint's own columns
/// (district, village, category, kind: conditions on `k.`) the walk goes along a complaints
/// index by `created_at`; otherwise (status, organisation, overdue, year, none) along a cases
/// index by `opened_at`. Either way only about a page of rows is read (migration 0010).
fn page_order(conditions: &[String]) -> &'static str {
    if conditions.iter().any(|c| c.starts_with("k.")) {
        "k.created_at DESC, k.case_id DESC"
    } else {
        "c.opened_at DESC, c.id DESC"
    }
}

/// The rows of one page: `limit` public complaints from `offset`, newest first, where every
/// condition of `conditions` holds (each a SQL fragment using `$n` placeholders numbered in
/// `binds` order).
async fn page_rows(
    db: &Db,
    conditions: &[String],
    binds: &[Bind],
    limit: i64,
    offset: i64,
) -> Result<Vec<PublicRow>, sqlx::Error> {
    let n = binds.len();
    let sql = format!(
        "{PUBLIC_FROM} AND c.id IN (SELECT c.id {MATCHING}{filter} ORDER BY {order} \
         LIMIT ${} OFFSET ${}) ORDER BY c.opened_at DESC, c.id DESC",
        n + 1,
        n + 2,
        filter = filter_sql(conditions),
        order = page_order(conditions),
    );
    on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for b in binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Bool(v) => q.bind(*v),
                Bind::Time(t) => q.bind(*t),
            };
        }
        q.bind(limit).bind(offset).fetch_all(pool).await
    })
}

/// How many public complaints match, counting at most `cap + 1` when `cap` is given.
async fn count(
    db: &Db,
    conditions: &[String],
    binds: &[Bind],
    cap: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let filter = filter_sql(conditions);
    let sql = match cap {
        Some(cap) => format!(
            "SELECT COUNT(*) FROM (SELECT 1 AS one {MATCHING}{filter} LIMIT {}) AS matching",
            cap + 1
        ),
        None => format!("SELECT COUNT(*) {MATCHING}{filter}"),
    };
    on_db!(db, pool => {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
        for b in binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Bool(v) => q.bind(*v),
                Bind::Time(t) => q.bind(*t),
            };
        }
        q.fetch_one(pool).await
    })
}

/// One page of public complaints, newest first, where every condition of `conditions`
/// holds (each a SQL fragment using `$n` placeholders numbered in `binds` order), and how
/// many there are in all (counted exactly: the JSON API's `total`).
pub async fn public_page(
    db: &Db,
    conditions: &[String],
    binds: &[Bind],
    limit: i64,
    offset: i64,
) -> Result<(Vec<PublicRow>, i64), sqlx::Error> {
    let rows = page_rows(db, conditions, binds, limit, offset).await?;
    let total = count(db, conditions, binds, None).await?;
    Ok((rows, total))
}

/// Like [`public_page`] for the HTML list: one row more than `limit` when there is a next
/// page, and a count that stops above [`COUNT_CAP`].
pub async fn public_list(
    db: &Db,
    conditions: &[String],
    binds: &[Bind],
    limit: i64,
    offset: i64,
) -> Result<(Vec<PublicRow>, Count), sqlx::Error> {
    let rows = page_rows(db, conditions, binds, limit + 1, offset).await?;
    let n = count(db, conditions, binds, Some(COUNT_CAP)).await?;
    let total = if n > COUNT_CAP {
        Count::MoreThan(COUNT_CAP)
    } else {
        Count::Exactly(n)
    };
    Ok((rows, total))
}

/// The regency's districts (the list filter).
pub async fn districts(db: &Db) -> Result<Vec<Region>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name, level, village_kind, parent_code FROM regions \
         WHERE code LIKE '35.22.%' AND level = 'district' ORDER BY code")
        .fetch_all(pool).await)
}

/// The complaint of case `id` whatever its privacy (for its reporter; still no reporter
/// columns).
pub async fn reporter_row(db: &Db, id: Uuid) -> Result<Option<PublicRow>, sqlx::Error> {
    let sql = PUBLIC_FROM.replace("WHERE c.privacy <> 'confidential'", "WHERE c.id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn rated(db: &Db, id: Uuid) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM complaints WHERE case_id = $1 AND rated_at IS NOT NULL")
        .bind(id).fetch_one(pool).await)?;
    Ok(n > 0)
}

/// Store the reporter's rating (in the transaction that confirmed completion).
pub async fn rate(
    tx: &mut platform::db::Tx,
    id: Uuid,
    rating: Option<i32>,
    comment: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE complaints SET rating = $1, rating_comment = $2, rated_at = $3 WHERE case_id = $4")
        .bind(rating).bind(comment).bind(now).bind(id)
        .execute(&mut **conn).await.affected())
}

/// The complaints `user` reported (any privacy: they are theirs), newest first.
pub async fn reported_by(db: &Db, user: Uuid) -> Result<Vec<PublicRow>, sqlx::Error> {
    let sql = PUBLIC_FROM.replace(
        "WHERE c.privacy <> 'confidential'",
        "WHERE c.reporter_user_id = $1 ORDER BY c.opened_at DESC, c.id DESC LIMIT 500",
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user).fetch_all(pool).await)
}
