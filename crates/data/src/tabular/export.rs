//! Exports of a table or of a query's rows: CSV (UTF-8, the column names as header), JSON
//! (an array of objects) and XLSX. CSV and JSON are produced in batches of [`BATCH`] rows
//! (by `_id` keyset when the order is `_id`, by offset under another sort), so a
//! million-row table never sits in memory: [`export_stream`] hands each batch's bytes on as
//! they are made. XLSX is one workbook in memory, cut at the sheet limit of
//! [`XLSX_MAX_ROWS`] data rows.

use futures::{Stream, StreamExt};
use platform::db::Db;
use rust_xlsxwriter::Workbook;

use super::infer::Value;
use super::query::{self, Plan, Query, QueryError};
use super::{ColumnType, Table};

/// Rows per database round trip.
pub const BATCH: u64 = 5_000;

/// Data rows in one XLSX sheet (Excel's 1,048,576 rows less the header).
pub const XLSX_MAX_ROWS: u64 = 1_048_575;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(ext: &str) -> Option<ExportFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Json => "application/json",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("the workbook could not be written: {0}")]
    Xlsx(String),
}

impl From<sqlx::Error> for ExportError {
    fn from(e: sqlx::Error) -> ExportError {
        ExportError::Query(QueryError::Db(e))
    }
}

/// Where a batched read is.
struct Cursor {
    plan: Plan,
    table_name: String,
    /// Keyset on `_id` (no other sort).
    keyset: bool,
    last_id: i64,
    /// Rows to skip before the next batch (the query's offset, or, under a sort, all rows
    /// read so far plus it).
    skip: u64,
    /// Rows still wanted.
    remaining: u64,
}

impl Cursor {
    fn new(table: &Table, q: &Query) -> Result<Cursor, QueryError> {
        Ok(Cursor {
            plan: query::plan(table, q)?,
            table_name: table.table_name.clone(),
            keyset: q.sort.is_empty(),
            last_id: i64::MIN,
            skip: q.offset,
            remaining: q.limit,
        })
    }

    /// The next batch (empty at the end).
    async fn next(&mut self, db: &Db) -> Result<Vec<(i64, Vec<Value>)>, sqlx::Error> {
        if self.remaining == 0 {
            return Ok(Vec::new());
        }
        let n = self.plan.next_param();
        let (where_sql, extra_params) = if self.keyset {
            let join = if self.plan.where_sql.is_empty() {
                " WHERE"
            } else {
                " AND"
            };
            (format!("{}{join} _id > ${n}", self.plan.where_sql), 1)
        } else {
            (self.plan.where_sql.clone(), 0)
        };
        let sql_text = format!(
            "SELECT {} FROM {}{}{} LIMIT ${} OFFSET ${}",
            self.plan.select_list(),
            self.table_name,
            where_sql,
            self.plan.order_sql,
            n + extra_params,
            n + extra_params + 1
        );
        let take = self.remaining.min(BATCH);
        let limit = i64::try_from(take).unwrap_or(i64::MAX);
        let skip = i64::try_from(self.skip).unwrap_or(i64::MAX);
        let rows = if self.keyset {
            query::fetch(db, &self.plan, sql_text, &[self.last_id, limit, skip]).await?
        } else {
            query::fetch(db, &self.plan, sql_text, &[limit, skip]).await?
        };
        let got = rows.len() as u64;
        self.remaining = if got < take { 0 } else { self.remaining - got };
        if self.keyset {
            self.skip = 0;
            if let Some((id, _)) = rows.last() {
                self.last_id = *id;
            }
        } else {
            self.skip = self.skip.saturating_add(got);
        }
        Ok(rows)
    }
}

/// Encodes batches into one format's bytes.
struct Encoder {
    format: ExportFormat,
    names: Vec<String>,
    started: bool,
    records: u64,
}

impl Encoder {
    fn header(&mut self, out: &mut Vec<u8>) {
        self.started = true;
        match self.format {
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
                let _ = w.write_record(&self.names);
                let _ = w.flush();
            }
            ExportFormat::Json => out.push(b'['),
            ExportFormat::Xlsx => {}
        }
    }

    fn rows(&mut self, out: &mut Vec<u8>, rows: &[(i64, Vec<Value>)]) {
        match self.format {
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
                for (_, values) in rows {
                    let _ = w.write_record(values.iter().map(Value::to_text));
                }
                let _ = w.flush();
            }
            ExportFormat::Json => {
                for (_, values) in rows {
                    if self.records > 0 {
                        out.push(b',');
                    }
                    self.records += 1;
                    let object: serde_json::Map<String, serde_json::Value> = self
                        .names
                        .iter()
                        .cloned()
                        .zip(values.iter().map(Value::to_json))
                        .collect();
                    let _ = serde_json::to_writer(&mut *out, &object);
                }
            }
            ExportFormat::Xlsx => {}
        }
    }

    fn end(&mut self, out: &mut Vec<u8>) {
        if self.format == ExportFormat::Json {
            out.push(b']');
        }
    }
}

/// The export as a stream of byte chunks, one per batch (the first carries the header):
/// for a response body. Owns what it needs (`Db` is a cheap handle).
pub fn export_stream(
    db: Db,
    table: Table,
    q: Query,
    format: ExportFormat,
) -> impl Stream<Item = Result<Vec<u8>, ExportError>> + Send + 'static {
    enum State {
        Start(Db, Table, Query, ExportFormat),
        Running(Db, Box<Cursor>, Encoder),
        Done,
    }
    futures::stream::unfold(State::Start(db, table, q, format), |state| async move {
        match state {
            State::Done => None,
            State::Start(db, table, q, ExportFormat::Xlsx) => {
                let result = xlsx(&db, &table, &q).await;
                Some((result, State::Done))
            }
            State::Start(db, table, q, format) => match Cursor::new(&table, &q) {
                Err(e) => Some((Err(e.into()), State::Done)),
                Ok(cursor) => {
                    let names = cursor
                        .plan
                        .selected
                        .iter()
                        .map(|(_, c)| c.name.clone())
                        .collect();
                    let mut encoder = Encoder {
                        format,
                        names,
                        started: false,
                        records: 0,
                    };
                    let mut out = Vec::new();
                    encoder.header(&mut out);
                    Some((Ok(out), State::Running(db, Box::new(cursor), encoder)))
                }
            },
            State::Running(db, mut cursor, mut encoder) => match cursor.next(&db).await {
                Err(e) => Some((Err(e.into()), State::Done)),
                Ok(rows) if rows.is_empty() => {
                    let mut out = Vec::new();
                    encoder.end(&mut out);
                    Some((Ok(out), State::Done))
                }
                Ok(rows) => {
                    let mut out = Vec::with_capacity(rows.len() * 64);
                    encoder.rows(&mut out, &rows);
                    Some((Ok(out), State::Running(db, cursor, encoder)))
                }
            },
        }
    })
    // Unfold panics when polled after its end; the gzip layer polls a finished body again.
    .fuse()
}

/// The whole export in memory (tests, small tables, XLSX).
pub async fn export(
    db: &Db,
    table: &Table,
    q: &Query,
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
    let mut stream = std::pin::pin!(export_stream(db.clone(), table.clone(), q.clone(), format));
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out)
}

async fn xlsx(db: &Db, table: &Table, q: &Query) -> Result<Vec<u8>, ExportError> {
    let capped = Query {
        limit: q.limit.min(XLSX_MAX_ROWS),
        ..q.clone()
    };
    let mut cursor = Cursor::new(table, &capped)?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let kinds: Vec<ColumnType> = cursor.plan.selected.iter().map(|(_, c)| c.kind).collect();
    for (c, (_, column)) in cursor.plan.selected.iter().enumerate() {
        sheet.write_string(0, col16(c), &column.name).map_err(err)?;
    }
    let mut r: u32 = 1;
    loop {
        let rows = cursor.next(db).await?;
        if rows.is_empty() {
            break;
        }
        for (_, values) in &rows {
            for (c, (v, _)) in values.iter().zip(&kinds).enumerate() {
                let c = col16(c);
                match v {
                    Value::Null => {}
                    Value::Int(n) => {
                        sheet.write_number(r, c, *n as f64).map_err(err)?;
                    }
                    Value::Num(f) => {
                        sheet.write_number(r, c, *f).map_err(err)?;
                    }
                    Value::Bool(b) => {
                        sheet.write_boolean(r, c, *b).map_err(err)?;
                    }
                    other => {
                        sheet.write_string(r, c, other.to_text()).map_err(err)?;
                    }
                }
            }
            r += 1;
        }
    }
    book.save_to_buffer().map_err(err)
}

fn col16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
