//! Live writes by the producers' systems: append records, or upsert them on the table's key
//! ([`set_key`]). Records are JSON objects keyed by column name; every field is checked
//! against its column's type and any problem refuses the whole request (a report of
//! problems per record and field: the record's 1-based position is the problem's `row`).
//! Writes to one table are serialised by a lock on its `data_tables` row.

use chrono::{DateTime, Utc};
use platform::db::{Db, Tx};
use platform::on_db;
use serde_json::{Map, Value as Json};

use super::infer::{self, Value};
use super::{ColumnType, LoadReport, Problem, Table, queries, sql};

/// At most this many records in one write.
pub const MAX_RECORDS: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Records or fields that do not fit the table; nothing was written.
    #[error("the records were refused ({} problems)", .0.total())]
    Rejected(LoadReport),
    /// An upsert on a table without a key.
    #[error("the table has no key to upsert on")]
    NoKey,
    /// The table does not exist (any more).
    #[error("no such table")]
    NotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A JSON field as a value of `kind`: numbers or strings for numeric columns, booleans or
/// their words for booleans, strings for dates and text (numbers are taken as their text),
/// null for missing.
pub fn from_json(kind: ColumnType, v: &Json) -> Option<Value> {
    match (kind, v) {
        (_, Json::Null) => Some(Value::Null),
        (ColumnType::Integer, Json::Number(n)) => n.as_i64().map(Value::Int),
        (ColumnType::Number, Json::Number(n)) => {
            n.as_f64().filter(|f| f.is_finite()).map(Value::Num)
        }
        (ColumnType::Boolean, Json::Bool(b)) => Some(Value::Bool(*b)),
        (ColumnType::Text, Json::String(s)) if s.contains('\0') => None,
        (ColumnType::Text, Json::String(s)) => Some(Value::Text(s.clone())),
        (ColumnType::Text, Json::Number(n)) => Some(Value::Text(n.to_string())),
        (_, Json::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Some(Value::Null)
            } else {
                infer::parse_as(kind, s, false)
            }
        }
        _ => None,
    }
}

/// The records checked: per record, (column index, value) for the fields it gives.
fn check(
    table: &Table,
    records: &[Map<String, Json>],
    need_key: bool,
) -> Result<Vec<Vec<(usize, Value)>>, WriteError> {
    let mut report = LoadReport::default();
    if records.len() > MAX_RECORDS {
        report.push(
            Problem::file("data-tabular-write-too-many")
                .arg("count", records.len().to_string())
                .arg("max", MAX_RECORDS.to_string()),
        );
        return Err(WriteError::Rejected(report));
    }
    let mut out = Vec::with_capacity(records.len());
    for (n, record) in records.iter().enumerate() {
        let row = n as u64 + 1;
        let mut values = Vec::with_capacity(record.len());
        for (name, json) in record {
            let Some(i) = table.column_index(name) else {
                report.push(
                    Problem::file("data-tabular-write-unknown-field")
                        .at_row(row)
                        .in_column(name),
                );
                continue;
            };
            let kind = table.columns[i].kind;
            match from_json(kind, json) {
                Some(v) => values.push((i, v)),
                None => report.push(
                    Problem::file("data-tabular-write-bad-value")
                        .at_row(row)
                        .in_column(name)
                        .arg("value", infer::shorten(&json.to_string()))
                        .arg("type", kind.as_str()),
                ),
            }
        }
        if need_key {
            for k in &table.key_columns {
                let given = values.iter().any(|(i, v)| i == k && *v != Value::Null);
                if !given {
                    let name = table.columns.get(*k).map_or("", |c| c.name.as_str());
                    report.push(
                        Problem::file("data-tabular-write-key-missing")
                            .at_row(row)
                            .in_column(name),
                    );
                }
            }
        }
        out.push(values);
    }
    if report.is_ok() {
        Ok(out)
    } else {
        Err(WriteError::Rejected(report))
    }
}

/// Append records as new rows (numbered after the last). Returns the rows written.
pub async fn append(
    db: &Db,
    table: &Table,
    records: &[Map<String, Json>],
    at: DateTime<Utc>,
) -> Result<u64, WriteError> {
    let mut tx = db.begin().await?;
    let written = append_in(&mut tx, table, records, at).await?;
    tx.commit().await?;
    Ok(written)
}

/// [`append`] inside the caller's transaction (the live API writes the rows, the change
/// feed's row and the audit entry together).
pub async fn append_in(
    tx: &mut Tx,
    table: &Table,
    records: &[Map<String, Json>],
    at: DateTime<Utc>,
) -> Result<u64, WriteError> {
    write(tx, table, records, at, false).await
}

/// Insert records, or update the row with the same key (only the fields given). Returns the
/// rows written (inserted or updated).
pub async fn upsert(
    db: &Db,
    table: &Table,
    records: &[Map<String, Json>],
    at: DateTime<Utc>,
) -> Result<u64, WriteError> {
    let mut tx = db.begin().await?;
    let written = upsert_in(&mut tx, table, records, at).await?;
    tx.commit().await?;
    Ok(written)
}

/// [`upsert`] inside the caller's transaction.
pub async fn upsert_in(
    tx: &mut Tx,
    table: &Table,
    records: &[Map<String, Json>],
    at: DateTime<Utc>,
) -> Result<u64, WriteError> {
    if table.key_columns.is_empty() {
        return Err(WriteError::NoKey);
    }
    write(tx, table, records, at, true).await
}

async fn write(
    tx: &mut Tx,
    table: &Table,
    records: &[Map<String, Json>],
    at: DateTime<Utc>,
    upsert: bool,
) -> Result<u64, WriteError> {
    let checked = check(table, records, upsert)?;
    // The current state of the table, locked: row count and key as they are now.
    let current = queries::lock_table(tx, table.id)
        .await?
        .ok_or(WriteError::NotFound)?;
    if upsert && current.key_columns.is_empty() {
        return Err(WriteError::NoKey);
    }
    let max: Option<i64> = on_db!(tx, tx; conn => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT MAX(_id) FROM {}", current.table_name)))
        .fetch_one(&mut **conn).await)?;
    let mut inserted = 0i64;
    // New rows are numbered after the last; an upsert that updates leaves its number unused.
    for (id, values) in (max.unwrap_or(0) + 1..).zip(&checked) {
        let returned = write_one(tx, &current, id, values, upsert)
            .await
            .map_err(|e| {
                if platform::db::is_unique_violation(&e) {
                    WriteError::Rejected(LoadReport::one(Problem::file(
                        "data-tabular-write-duplicate-key",
                    )))
                } else {
                    WriteError::Db(e)
                }
            })?;
        if returned == id {
            inserted += 1;
        }
    }
    let stamp = queries::next_stamp(current.updated_at, at);
    queries::set_row_count(tx, current.id, current.row_count + inserted, stamp).await?;
    Ok(checked.len() as u64)
}

/// One INSERT (… ON CONFLICT (key) DO UPDATE the given fields), returning the row's `_id`:
/// the new one when inserted, the existing one when updated.
async fn write_one(
    tx: &mut Tx,
    table: &Table,
    id: i64,
    values: &[(usize, Value)],
    upsert: bool,
) -> Result<i64, sqlx::Error> {
    let mut names = vec!["_id".to_string()];
    let mut params = vec!["$1".to_string()];
    for (n, (i, _)) in values.iter().enumerate() {
        names.push(sql::col(*i));
        params.push(format!("${}", n + 2));
    }
    let mut statement = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.table_name,
        names.join(", "),
        params.join(", ")
    );
    if upsert {
        let keys: Vec<String> = table.key_columns.iter().map(|k| sql::col(*k)).collect();
        let mut sets: Vec<String> = values
            .iter()
            .filter(|(i, _)| !table.key_columns.contains(i))
            .map(|(i, _)| format!("{c} = excluded.{c}", c = sql::col(*i)))
            .collect();
        if sets.is_empty() {
            // Nothing to change, but the row must come back: set the key to itself.
            sets.push(format!("{c} = excluded.{c}", c = keys[0]));
        }
        statement.push_str(&format!(
            " ON CONFLICT ({}) DO UPDATE SET {}",
            keys.join(", "),
            sets.join(", ")
        ));
    }
    statement.push_str(" RETURNING _id");
    match tx {
        Tx::Sqlite(conn) => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(statement)).bind(id);
            for (_, v) in values {
                q = match v {
                    Value::Null => q.bind(None::<i64>),
                    Value::Int(n) => q.bind(*n),
                    Value::Num(f) => q.bind(*f),
                    Value::Bool(b) => q.bind(i64::from(*b)),
                    Value::Date(d) => q.bind(d.to_string()),
                    Value::DateTime(t) => q.bind(sql::sqlite_datetime(t)),
                    Value::Text(s) => q.bind(s.clone()),
                };
            }
            q.fetch_one(&mut **conn).await
        }
        Tx::Postgres(conn) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(statement)).bind(id);
            for (i, v) in values {
                q = sql::bind_pg(q, v, table.columns[*i].kind);
            }
            let row = q.fetch_one(&mut **conn).await?;
            sqlx::Row::try_get(&row, 0)
        }
    }
}

/// Make `columns` (names) the table's key: their values must be present and unique in every
/// row; a unique index enforces it from then on. An empty list removes the key.
pub async fn set_key(
    db: &Db,
    table: &Table,
    columns: &[String],
    at: DateTime<Utc>,
) -> Result<Table, WriteError> {
    let mut keys = Vec::with_capacity(columns.len());
    let mut report = LoadReport::default();
    for name in columns {
        match table.column_index(name) {
            Some(i) if !keys.contains(&i) => keys.push(i),
            Some(_) => {}
            None => report.push(Problem::file("data-tabular-write-unknown-field").in_column(name)),
        }
    }
    if !report.is_ok() {
        return Err(WriteError::Rejected(report));
    }
    let mut tx = db.begin().await?;
    let current = queries::lock_table(&mut tx, table.id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let index = format!("{}_key", current.table_name);
    on_db!(&mut tx, tx; conn => sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX IF EXISTS {index}")))
        .execute(&mut **conn).await.map(|_| ()))?;
    if !keys.is_empty() {
        let cols: Vec<String> = keys.iter().map(|k| sql::col(*k)).collect();
        let nulls: Vec<String> = cols.iter().map(|c| format!("{c} IS NULL")).collect();
        let missing: i64 = on_db!(&mut tx, tx; conn => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {} WHERE {}", current.table_name, nulls.join(" OR "))))
            .fetch_one(&mut **conn).await)?;
        let duplicates: i64 = on_db!(&mut tx, tx; conn => sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {} GROUP BY {} HAVING COUNT(*) > 1) d",
            current.table_name, cols.join(", "))))
            .fetch_one(&mut **conn).await)?;
        let names = columns.join(", ");
        if missing > 0 {
            report.push(
                Problem::file("data-tabular-key-missing-values")
                    .arg("columns", names.clone())
                    .arg("count", missing.to_string()),
            );
        }
        if duplicates > 0 {
            report.push(
                Problem::file("data-tabular-key-not-unique")
                    .arg("columns", names)
                    .arg("count", duplicates.to_string()),
            );
        }
        if !report.is_ok() {
            return Err(WriteError::Rejected(report));
        }
        on_db!(&mut tx, tx; conn => sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE UNIQUE INDEX {index} ON {} ({})", current.table_name, cols.join(", "))))
            .execute(&mut **conn).await.map(|_| ()))?;
    }
    let stamp = queries::next_stamp(current.updated_at, at);
    queries::set_key_columns(&mut tx, current.id, &keys, stamp).await?;
    tx.commit().await?;
    Ok(Table {
        key_columns: keys,
        updated_at: stamp,
        ..current
    })
}
