//! Inspecting a file (one pass, nothing written) and loading it (a second pass, all or
//! nothing). The file is walked twice rather than kept as strings: memory stays at about the
//! file's size (plus, for XLSX, its cells as calamine holds them) whatever its row count.

use std::time::Instant;

use chrono::{DateTime, Utc};
use platform::db::{Backend, Db, Tx, values_sql};
use platform::on_db;
use uuid::Uuid;

use super::infer::{self, Stats, Value};
use super::read::{self, Opened, Shape};
use super::{
    Column, ColumnType, Inspection, LoadOptions, LoadReport, Problem, Table, queries, sql,
};

/// Why nothing was loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file has problems (the report says which); nothing was written.
    #[error("the file was refused ({} problems)", .0.total())]
    Rejected(LoadReport),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Read `bytes` and infer its columns over every row, writing nothing: the dictionary form
/// shows the result, and an empty report means [`load`] will succeed.
pub fn inspect(bytes: &[u8], file_name: &str, opts: &LoadOptions) -> Inspection {
    match read::open(bytes, file_name, opts) {
        Ok(mut opened) => scan(&mut opened, opts).1,
        Err(problem) => Inspection {
            report: LoadReport::one(problem),
            ..Inspection::default()
        },
    }
}

/// The first pass: the header and the inspection.
fn scan(opened: &mut Opened<'_>, opts: &LoadOptions) -> (Vec<String>, Inspection) {
    let comma = opened.decimal_comma();
    let (sheets, sheet) = opened.sheets();
    let mut records = opened.records();
    let mut fields = Vec::new();
    let header = match read::header(&mut records, &mut fields) {
        Ok(h) => h,
        Err(report) => {
            return (
                Vec::new(),
                Inspection {
                    report,
                    sheets,
                    sheet,
                    ..Inspection::default()
                },
            );
        }
    };
    let mut stats: Vec<Stats> = header
        .iter()
        .map(|name| {
            let choice = opts
                .columns
                .iter()
                .find(|c| &c.name == name)
                .and_then(|c| c.kind);
            Stats::new(name, choice)
        })
        .collect();
    let mut report = LoadReport::default();
    let mut rows = 0u64;
    while let Some(record) = records.next(&mut fields) {
        let row = match record {
            Ok(row) => row,
            Err(problem) => {
                report.push(problem);
                continue;
            }
        };
        match read::shape(&mut fields, header.len()) {
            Shape::Blank => continue,
            Shape::Ragged(found) => {
                report.push(
                    Problem::file("data-tabular-ragged-row")
                        .at_row(row)
                        .arg("expected", header.len().to_string())
                        .arg("found", found.to_string()),
                );
                continue;
            }
            Shape::Fits => {}
        }
        rows += 1;
        for (field, column) in fields.iter().zip(stats.iter_mut()) {
            if let Some(problem) = column.add(row, field.trim(), &opts.missing_values, comma) {
                report.push(problem);
            }
        }
    }
    let mut columns = Vec::with_capacity(stats.len());
    for column in stats {
        let (inferred, problem) = column.finish();
        if let Some(p) = problem {
            report.push(p);
        }
        columns.push(inferred);
    }
    if rows == 0 && report.is_ok() {
        report.push(Problem::file("data-tabular-no-rows"));
    }
    (
        header,
        Inspection {
            columns,
            rows,
            report,
            sheets,
            sheet,
        },
    )
}

/// Load a file into a new table, all or nothing, in a transaction of its own.
pub async fn load(
    db: &Db,
    bytes: &[u8],
    file_name: &str,
    opts: &LoadOptions,
    at: DateTime<Utc>,
) -> Result<Table, LoadError> {
    let mut tx = db.begin().await?;
    let table = load_in(&mut tx, bytes, file_name, opts, at).await?;
    tx.commit().await?;
    Ok(table)
}

/// [`load`] inside the caller's transaction (with the resource that points at the table,
/// say): nothing of the table remains if the caller rolls back.
pub async fn load_in(
    tx: &mut Tx,
    bytes: &[u8],
    file_name: &str,
    opts: &LoadOptions,
    at: DateTime<Utc>,
) -> Result<Table, LoadError> {
    let started = Instant::now();
    let mut opened =
        read::open(bytes, file_name, opts).map_err(|p| LoadError::Rejected(LoadReport::one(p)))?;
    // The first pass is all computation (about a second per million rows): on a
    // multi-threaded runtime, tell it so that other tasks move to another worker.
    let multi_thread = tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
    let (header, inspection) = if multi_thread {
        tokio::task::block_in_place(|| scan(&mut opened, opts))
    } else {
        scan(&mut opened, opts)
    };
    if !inspection.report.is_ok() {
        return Err(LoadError::Rejected(inspection.report));
    }
    let inspected = started.elapsed();
    let columns: Vec<Column> = header
        .iter()
        .zip(&inspection.columns)
        .map(|(name, c)| Column {
            name: name.clone(),
            kind: c.kind,
        })
        .collect();
    let kinds: Vec<ColumnType> = columns.iter().map(|c| c.kind).collect();
    let id = Uuid::now_v7();
    let table_name = format!("dt_{}", id.simple());
    let ddl = sql::create_table(tx.backend(), &table_name, &kinds);
    on_db!(tx, tx; conn => sqlx::query(sqlx::AssertSqlSafe(ddl)).execute(&mut **conn).await.map(|_| ()))?;
    let rows = match tx {
        Tx::Sqlite(_) => insert_rows(tx, &mut opened, &table_name, &kinds, opts).await?,
        Tx::Postgres(_) => copy_rows(tx, &mut opened, &table_name, &kinds, opts).await?,
    };
    let table = Table {
        id,
        table_name,
        columns,
        key_columns: Vec::new(),
        row_count: i64::try_from(rows).unwrap_or(i64::MAX),
        created_at: at,
        updated_at: at,
    };
    queries::insert_table(tx, &table).await?;
    tracing::info!(table = %table.table_name, rows, columns = table.columns.len(),
        inspect_ms = inspected.as_millis() as u64,
        write_ms = (started.elapsed() - inspected).as_millis() as u64, "tabular file loaded");
    Ok(table)
}

/// The second pass: each data row as typed values, `_id` first (1, 2, …). The first pass
/// accepted every value, so a value that does not parse now means the file changed under
/// us: refuse rather than load something else.
struct Rows<'a> {
    records: read::Records<'a>,
    fields: Vec<String>,
    kinds: &'a [ColumnType],
    markers: &'a [String],
    comma: bool,
    next_id: i64,
}

impl<'a> Rows<'a> {
    fn new(opened: &'a mut Opened<'_>, kinds: &'a [ColumnType], opts: &'a LoadOptions) -> Rows<'a> {
        let comma = opened.decimal_comma();
        let mut records = opened.records();
        let mut fields = Vec::new();
        // The header was read and checked by the first pass: skip it the same way.
        let _ = read::header(&mut records, &mut fields);
        Rows {
            records,
            fields,
            kinds,
            markers: &opts.missing_values,
            comma,
            next_id: 1,
        }
    }

    /// The next row's values into `out` (cleared first); `Ok(false)` at the end.
    fn next(&mut self, out: &mut Vec<Value>) -> Result<bool, LoadError> {
        let changed =
            || LoadError::Rejected(LoadReport::one(Problem::file("data-tabular-file-changed")));
        loop {
            let Some(record) = self.records.next(&mut self.fields) else {
                return Ok(false);
            };
            record.map_err(|_| changed())?;
            match read::shape(&mut self.fields, self.kinds.len()) {
                Shape::Blank => continue,
                Shape::Ragged(_) => return Err(changed()),
                Shape::Fits => {}
            }
            out.clear();
            out.push(Value::Int(self.next_id));
            self.next_id += 1;
            for (field, kind) in self.fields.iter().zip(self.kinds) {
                let field = field.trim();
                if infer::is_missing(field, self.markers) {
                    out.push(Value::Null);
                } else {
                    out.push(infer::parse_as(*kind, field, self.comma).ok_or_else(changed)?);
                }
            }
            return Ok(true);
        }
    }
}

/// Both passes without a database (for the fuzz tests): the rows as they would be
/// written, `_id` first.
#[cfg(test)]
pub(crate) fn dry_run(
    bytes: &[u8],
    file_name: &str,
    opts: &LoadOptions,
) -> Result<Vec<Vec<Value>>, LoadReport> {
    let mut opened = read::open(bytes, file_name, opts).map_err(LoadReport::one)?;
    let (_, inspection) = scan(&mut opened, opts);
    if !inspection.report.is_ok() {
        return Err(inspection.report);
    }
    let kinds: Vec<ColumnType> = inspection.columns.iter().map(|c| c.kind).collect();
    let mut rows = Rows::new(&mut opened, &kinds, opts);
    let mut out = Vec::new();
    let mut row = Vec::new();
    loop {
        match rows.next(&mut row) {
            Ok(true) => out.push(row.clone()),
            Ok(false) => return Ok(out),
            Err(LoadError::Rejected(r)) => return Err(r),
            Err(LoadError::Db(e)) => {
                return Err(LoadReport::one(Problem::file("db").arg("e", e.to_string())));
            }
        }
    }
}

/// The most parameters SQLite binds in one statement.
const SQLITE_MAX_PARAMS: usize = 32_766;

/// SQLite: multi-row INSERTs of as many rows as the parameter limit allows (the statement
/// is prepared once and reused for every full batch).
async fn insert_rows(
    tx: &mut Tx,
    opened: &mut Opened<'_>,
    table_name: &str,
    kinds: &[ColumnType],
    opts: &LoadOptions,
) -> Result<u64, LoadError> {
    let names: Vec<String> = std::iter::once("_id".to_string())
        .chain((0..kinds.len()).map(sql::col))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let per_batch = (SQLITE_MAX_PARAMS / names.len()).clamp(1, 4096);
    let full_sql = values_sql(Backend::Sqlite, table_name, &names, per_batch);
    let mut rows = Rows::new(opened, kinds, opts);
    let mut batch: Vec<Value> = Vec::with_capacity(per_batch * names.len());
    let mut row = Vec::with_capacity(names.len());
    let mut total = 0u64;
    loop {
        batch.clear();
        let mut n = 0;
        while n < per_batch && rows.next(&mut row)? {
            batch.append(&mut row);
            n += 1;
        }
        if n == 0 {
            break;
        }
        let partial;
        let sql: &str = if n == per_batch {
            &full_sql
        } else {
            partial = values_sql(Backend::Sqlite, table_name, &names, n);
            &partial
        };
        if let Tx::Sqlite(conn) = &mut *tx {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for v in batch.drain(..) {
                q = sql::bind_sqlite(q, v);
            }
            q.execute(&mut **conn).await?;
        }
        total += n as u64;
        if n < per_batch {
            break;
        }
    }
    Ok(total)
}

/// PostgreSQL: `COPY … FROM STDIN` in CSV form, sent in chunks of about a megabyte.
async fn copy_rows(
    tx: &mut Tx,
    opened: &mut Opened<'_>,
    table_name: &str,
    kinds: &[ColumnType],
    opts: &LoadOptions,
) -> Result<u64, LoadError> {
    let Tx::Postgres(conn) = tx else {
        return Ok(0);
    };
    let columns: Vec<String> = std::iter::once("_id".to_string())
        .chain((0..kinds.len()).map(sql::col))
        .collect();
    let statement = format!(
        "COPY {table_name} ({}) FROM STDIN (FORMAT csv)",
        columns.join(", ")
    );
    let mut copy = conn.copy_in_raw(&statement).await?;
    let mut rows = Rows::new(opened, kinds, opts);
    let mut row = Vec::with_capacity(columns.len());
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut total = 0u64;
    let result: Result<(), LoadError> = async {
        while rows.next(&mut row)? {
            csv_line(&mut buf, &row);
            total += 1;
            if buf.len() >= 1 << 20 {
                copy.send(std::mem::take(&mut buf)).await?;
                buf.reserve(1 << 20);
            }
        }
        if !buf.is_empty() {
            copy.send(buf).await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => {
            copy.finish().await?;
            Ok(total)
        }
        Err(e) => {
            // The connection must leave COPY mode before the transaction rolls back.
            let _ = copy.abort("load refused").await;
            Err(e)
        }
    }
}

/// One row in PostgreSQL's CSV COPY form: NULL unquoted-empty, text always quoted.
fn csv_line(buf: &mut Vec<u8>, row: &[Value]) {
    use std::io::Write;
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let _ = match v {
            Value::Null => Ok(()),
            Value::Int(n) => write!(buf, "{n}"),
            Value::Num(f) => write!(buf, "{f:?}"),
            Value::Bool(b) => {
                buf.push(if *b { b't' } else { b'f' });
                Ok(())
            }
            Value::Date(d) => write!(buf, "{d}"),
            Value::DateTime(t) => write!(buf, "{}", infer::datetime_text(t)),
            Value::Text(s) => {
                buf.push(b'"');
                for b in s.bytes() {
                    if b == b'"' {
                        buf.push(b'"');
                    }
                    buf.push(b);
                }
                buf.push(b'"');
                Ok(())
            }
        };
    }
    buf.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::ColumnChoice;

    fn keys(i: &Inspection) -> Vec<&'static str> {
        i.report.problems.iter().map(|p| p.key).collect()
    }

    #[test]
    fn inspection_types_and_rows() {
        let csv = "desa;penduduk;luas;aktif;tanggal\nKauman;1200;2,5;ya;01/02/2024\n;;;;\nNgumpakdalem;-;3,75;tidak;2024-02-02\n";
        let opts = LoadOptions {
            missing_values: vec!["-".into()],
            ..LoadOptions::default()
        };
        let i = inspect(csv.as_bytes(), "desa.csv", &opts);
        assert!(i.report.is_ok(), "{:?}", i.report);
        assert_eq!(i.rows, 2);
        let kinds: Vec<ColumnType> = i.columns.iter().map(|c| c.kind).collect();
        use ColumnType::*;
        assert_eq!(kinds, [Text, Integer, Number, Boolean, Date]);
        assert_eq!(i.columns[1].missing, 1);
    }

    #[test]
    fn ragged_rows_one_problem_each_and_choices() {
        let csv = "a,b\n1,2\n3\n4,5,6\n7,8,,\nx,9\n";
        let i = inspect(csv.as_bytes(), "f.csv", &LoadOptions::default());
        assert_eq!(
            keys(&i),
            ["data-tabular-ragged-row", "data-tabular-ragged-row"]
        );
        assert_eq!(i.report.problems[0].row, Some(3));
        assert_eq!(i.report.problems[1].row, Some(4));
        let csv = "a,b\n1,2\nx,3\n";
        let opts = LoadOptions {
            columns: vec![ColumnChoice {
                name: "a".into(),
                kind: Some(ColumnType::Integer),
            }],
            ..LoadOptions::default()
        };
        let i = inspect(csv.as_bytes(), "f.csv", &opts);
        assert_eq!(keys(&i), ["data-tabular-cell-not-type"]);
        assert_eq!(i.report.problems[0].row, Some(3));
    }

    #[test]
    fn empty_and_header_only_files() {
        let i = inspect(b"", "f.csv", &LoadOptions::default());
        assert_eq!(keys(&i), ["data-tabular-empty-file"]);
        let i = inspect(b"a,b\n", "f.csv", &LoadOptions::default());
        assert_eq!(keys(&i), ["data-tabular-no-rows"]);
    }

    #[test]
    fn report_is_capped() {
        let mut csv = String::from("a,b\n");
        for _ in 0..1000 {
            csv.push_str("1\n");
        }
        let i = inspect(csv.as_bytes(), "f.csv", &LoadOptions::default());
        assert_eq!(i.report.problems.len(), LoadReport::CAP);
        assert_eq!(i.report.total(), 1000);
    }

    #[test]
    fn copy_lines_quote_text_and_leave_null_empty() {
        let mut buf = Vec::new();
        csv_line(
            &mut buf,
            &[
                Value::Int(1),
                Value::Null,
                Value::Text("a \"b\",\nc".into()),
                Value::Bool(true),
                Value::Num(0.5),
            ],
        );
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "1,,\"a \"\"b\"\",\nc\",t,0.5\n"
        );
    }
}
