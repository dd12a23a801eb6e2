//! The statements on `data_tables` (the physical tables' statements are built from their
//! column lists in [`super::load`], [`super::query`] and [`super::write`]).

use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use uuid::Uuid;

use super::{Column, Table};

type TableRow = (
    Uuid,
    String,
    String,
    String,
    i64,
    DateTime<Utc>,
    DateTime<Utc>,
);

const TABLE: &str = "SELECT id, table_name, columns, key_columns, row_count, created_at, updated_at \
                     FROM data_tables WHERE id = $1";

fn decode(row: TableRow) -> Result<Table, sqlx::Error> {
    let (id, table_name, columns, key_columns, row_count, created_at, updated_at) = row;
    let columns: Vec<Column> =
        serde_json::from_str(&columns).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let key_columns: Vec<usize> =
        serde_json::from_str(&key_columns).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Table {
        id,
        table_name,
        columns,
        key_columns,
        row_count,
        created_at,
        updated_at,
    })
}

pub async fn table(db: &Db, id: Uuid) -> Result<Option<Table>, sqlx::Error> {
    let row: Option<TableRow> =
        on_db!(db, pool => sqlx::query_as(TABLE).bind(id).fetch_optional(pool).await)?;
    row.map(decode).transpose()
}

/// The table as the transaction `tx` sees it (after its own writes).
pub async fn table_in(tx: &mut Tx, id: Uuid) -> Result<Option<Table>, sqlx::Error> {
    let row: Option<TableRow> =
        on_db!(tx, tx; conn => sqlx::query_as(TABLE).bind(id).fetch_optional(&mut **conn).await)?;
    row.map(decode).transpose()
}

/// The table inside a transaction, after taking the write lock on its row (PostgreSQL locks
/// the row; SQLite's first write takes the database's write lock): live writes to one table
/// are serialised, so that row numbers, counts and stamps stay right.
pub async fn lock_table(tx: &mut Tx, id: Uuid) -> Result<Option<Table>, sqlx::Error> {
    let touched = on_db!(tx, tx; conn => sqlx::query("UPDATE data_tables SET row_count = row_count WHERE id = $1")
        .bind(id).execute(&mut **conn).await.affected())?;
    if touched == 0 {
        return Ok(None);
    }
    let row: TableRow =
        on_db!(tx, tx; conn => sqlx::query_as(TABLE).bind(id).fetch_one(&mut **conn).await)?;
    decode(row).map(Some)
}

/// The `updated_at` of a change made at `at` to a table stamped `previous`: strictly later,
/// even when the clock has not moved (the query memo keys on it, see [`super::memo`]).
pub fn next_stamp(previous: DateTime<Utc>, at: DateTime<Utc>) -> DateTime<Utc> {
    if at > previous {
        at
    } else {
        previous + chrono::Duration::microseconds(1)
    }
}

pub async fn insert_table(tx: &mut Tx, table: &Table) -> Result<(), sqlx::Error> {
    let columns =
        serde_json::to_string(&table.columns).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let keys =
        serde_json::to_string(&table.key_columns).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_tables (id, table_name, columns, key_columns, row_count, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(table.id).bind(&table.table_name).bind(&columns).bind(&keys)
        .bind(table.row_count).bind(table.created_at).bind(table.updated_at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

pub async fn set_row_count(
    tx: &mut Tx,
    id: Uuid,
    rows: i64,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("UPDATE data_tables SET row_count = $1, updated_at = $2 WHERE id = $3")
        .bind(rows).bind(at).bind(id).execute(&mut **conn).await.affected())?;
    Ok(())
}

pub async fn set_key_columns(
    tx: &mut Tx,
    id: Uuid,
    keys: &[usize],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let keys = serde_json::to_string(keys).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    on_db!(tx, tx; conn => sqlx::query("UPDATE data_tables SET key_columns = $1, updated_at = $2 WHERE id = $3")
        .bind(&keys).bind(at).bind(id).execute(&mut **conn).await.affected())?;
    Ok(())
}
