//! The physical side of a table, per backend: column types, how a [`Value`] is bound and
//! read back. Physical names are `_id` and `c{index}` only; the names from a file live in
//! `data_tables.columns` and never reach SQL.
//!
//! | type | SQLite (STRICT table) | PostgreSQL |
//! |---|---|---|
//! | integer | INTEGER | BIGINT |
//! | number | REAL | DOUBLE PRECISION |
//! | boolean | INTEGER 0/1 | BOOLEAN |
//! | date | TEXT `YYYY-MM-DD` | DATE |
//! | datetime | TEXT `YYYY-MM-DDTHH:MM:SS.ffffffZ` (fixed width: sorts as time) | TIMESTAMPTZ |
//! | text | TEXT | TEXT |

use chrono::{DateTime, NaiveDate, Utc};
use platform::db::Backend;
use sqlx::Row;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Postgres, Sqlite};

use super::ColumnType;
use super::infer::Value;

/// The physical name of column `i`.
pub fn col(i: usize) -> String {
    format!("c{i}")
}

fn sql_type(backend: Backend, kind: ColumnType) -> &'static str {
    match (backend, kind) {
        (Backend::Sqlite, ColumnType::Integer | ColumnType::Boolean) => "INTEGER",
        (Backend::Sqlite, ColumnType::Number) => "REAL",
        (Backend::Sqlite, _) => "TEXT",
        (Backend::Postgres, ColumnType::Integer) => "BIGINT",
        (Backend::Postgres, ColumnType::Number) => "DOUBLE PRECISION",
        (Backend::Postgres, ColumnType::Boolean) => "BOOLEAN",
        (Backend::Postgres, ColumnType::Date) => "DATE",
        (Backend::Postgres, ColumnType::DateTime) => "TIMESTAMPTZ",
        (Backend::Postgres, ColumnType::Text) => "TEXT",
    }
}

/// `CREATE TABLE` for a table of `kinds`.
pub fn create_table(backend: Backend, table_name: &str, kinds: &[ColumnType]) -> String {
    let id = match backend {
        Backend::Sqlite => "_id INTEGER PRIMARY KEY",
        Backend::Postgres => "_id BIGINT PRIMARY KEY",
    };
    let mut sql = format!("CREATE TABLE {table_name} ({id}");
    for (i, kind) in kinds.iter().enumerate() {
        sql.push_str(&format!(", {} {}", col(i), sql_type(backend, *kind)));
    }
    sql.push(')');
    if backend == Backend::Sqlite {
        // Types are enforced: a value of the wrong type is an error, not silently stored.
        sql.push_str(" STRICT");
    }
    sql
}

/// A datetime as SQLite stores it: fixed width, so that text order is time order.
pub fn sqlite_datetime(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments>;
pub type PgQuery<'q> = sqlx::query::Query<'q, Postgres, PgArguments>;

/// Bind `v` (owned: a bulk load moves its strings in rather than copying them).
pub fn bind_sqlite(q: SqliteQuery<'_>, v: Value) -> SqliteQuery<'_> {
    match v {
        Value::Null => q.bind(None::<i64>),
        Value::Int(n) => q.bind(n),
        Value::Num(f) => q.bind(f),
        Value::Bool(b) => q.bind(i64::from(b)),
        Value::Date(d) => q.bind(d.to_string()),
        Value::DateTime(t) => q.bind(sqlite_datetime(&t)),
        Value::Text(s) => q.bind(s),
    }
}

/// Bind `v` for a PostgreSQL column of `kind`: a NULL is bound with the column's type (an
/// `Option<i64>` NULL would be a BIGINT that a DATE column refuses).
pub fn bind_pg<'q>(q: PgQuery<'q>, v: &Value, kind: ColumnType) -> PgQuery<'q> {
    match v {
        Value::Null => match kind {
            ColumnType::Integer => q.bind(None::<i64>),
            ColumnType::Number => q.bind(None::<f64>),
            ColumnType::Boolean => q.bind(None::<bool>),
            ColumnType::Date => q.bind(None::<NaiveDate>),
            ColumnType::DateTime => q.bind(None::<DateTime<Utc>>),
            ColumnType::Text => q.bind(None::<String>),
        },
        Value::Int(n) => q.bind(*n),
        Value::Num(f) => q.bind(*f),
        Value::Bool(b) => q.bind(*b),
        Value::Date(d) => q.bind(*d),
        Value::DateTime(t) => q.bind(*t),
        Value::Text(s) => q.bind(s.clone()),
    }
}

/// Read column `idx` of a SQLite row as a value of `kind`.
pub fn read_sqlite(row: &SqliteRow, idx: usize, kind: ColumnType) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        ColumnType::Integer => row.try_get::<Option<i64>, _>(idx)?.map(Value::Int),
        ColumnType::Number => row.try_get::<Option<f64>, _>(idx)?.map(Value::Num),
        ColumnType::Boolean => row
            .try_get::<Option<i64>, _>(idx)?
            .map(|b| Value::Bool(b != 0)),
        ColumnType::Date => row
            .try_get::<Option<String>, _>(idx)?
            .map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_or(Value::Text(s), Value::Date)),
        ColumnType::DateTime => row.try_get::<Option<String>, _>(idx)?.map(|s| {
            DateTime::parse_from_rfc3339(&s)
                .map_or(Value::Text(s), |t| Value::DateTime(t.with_timezone(&Utc)))
        }),
        ColumnType::Text => row.try_get::<Option<String>, _>(idx)?.map(Value::Text),
    }
    .unwrap_or(Value::Null))
}

/// Read column `idx` of a PostgreSQL row as a value of `kind`.
pub fn read_pg(row: &PgRow, idx: usize, kind: ColumnType) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        ColumnType::Integer => row.try_get::<Option<i64>, _>(idx)?.map(Value::Int),
        ColumnType::Number => row.try_get::<Option<f64>, _>(idx)?.map(Value::Num),
        ColumnType::Boolean => row.try_get::<Option<bool>, _>(idx)?.map(Value::Bool),
        ColumnType::Date => row.try_get::<Option<NaiveDate>, _>(idx)?.map(Value::Date),
        ColumnType::DateTime => row
            .try_get::<Option<DateTime<Utc>>, _>(idx)?
            .map(Value::DateTime),
        ColumnType::Text => row.try_get::<Option<String>, _>(idx)?.map(Value::Text),
    }
    .unwrap_or(Value::Null))
}
