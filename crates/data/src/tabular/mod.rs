//! # The tabular store
//!
//! CSV and XLSX resources loaded into queryable tables, all or nothing, with a column
//! dictionary inferred from the whole file; the query behind the preview pages and CKAN's
//! `datastore_search`; live writes (append, upsert) for the producers' API; exports.
//!
//! Read top to bottom:
//! - [`read`]: bytes → records of text fields. CSV (delimiter `,` `;` or tab sniffed from the
//!   header line, quotes, BOM, CRLF; UTF-8, UTF-16 with a BOM, else Windows-1252 by a
//!   32-entry table — no encoding crate for one legacy code page) and XLSX (the first sheet
//!   or [`LoadOptions::sheet`], its cells streamed from the XML). A file that is not what its
//!   name says, too large, too wide, ragged rows, empty or duplicate header names: problems.
//! - [`infer`]: the value grammar of each type and the inference over every row (never the
//!   first rows only): each column gets the narrowest type all its non-missing values fit.
//!   A column most of whose values fit a narrower type but some do not is *inconsistent*: a
//!   problem naming the column, the majority type and the rows that break it, resolved by the
//!   producer (choose text, declare a missing-value marker, or fix the file).
//! - [`load`]: the file read a second time (nothing is kept as strings in memory) into a new
//!   physical table `dt_<uuid>` (`_id`, `c0`…`cN`: no name from a file ever reaches SQL) and
//!   its `data_tables` row, in one transaction: SQLite by multi-row INSERTs sized to its
//!   32,766-parameter limit, PostgreSQL by `COPY … FROM STDIN` in CSV form. Any failure
//!   leaves nothing ([`load_in`] runs inside the caller's transaction).
//! - [`query`]: filters, full text, field subset, sort, paging, total; every value bound,
//!   typed by its column ([`sql`] holds the physical types per backend); answers are
//!   memoised per table state ([`memo`]).
//! - [`write`]: append and upsert of JSON records (validated per field, all or nothing) and
//!   [`set_key`], the key an upsert matches on.
//! - [`export`]: CSV, JSON and XLSX of a table or a query, in batches.
//! - [`bench`]: the generated file of `bench/data.sh`; `fuzz`: the proptest fuzzing.
//!
//! ## Decisions
//! - **Fields are trimmed**; a field empty after trimming is missing.
//! - **Integers** are strict: an optional `-`, digits, no thousands separators, and no
//!   leading zero (`007`, a village or postal code, stays text so the zero is not lost).
//! - **Numbers** use `.` as the decimal point (optional exponent). A decimal comma (`12,5`)
//!   is accepted only in `;`-separated CSV, the way Excel saves in an Indonesian locale;
//!   thousands separators never are (`1.234` is one point two three four): guessing between
//!   `1.234` as 1234 and as 1.234 is how portals silently corrupt figures. Filters and the
//!   live API take `.` only.
//! - **Booleans**: `true`/`false`, `ya`/`tidak`, `yes`/`no` (any case). `0`/`1` columns are
//!   integers.
//! - **Dates**: `YYYY-MM-DD` and `DD/MM/YYYY` (as officers write them), stored ISO. XLSX
//!   date cells are dates. **Datetimes**: RFC 3339 with an offset; a datetime without an
//!   offset (and an Excel date-time cell) is text, since its time zone is unknown.
//! - **Missing values**: the empty string, plus [`LoadOptions::missing_values`]; stored NULL.
//! - **Inconsistent**: at least 80 % of the non-missing values fit the majority type.
//! - **Rows** are numbered as the file shows them: the CSV line a record starts on, the
//!   XLSX row; the header is row 1 when it is the first line. Blank rows are skipped (not
//!   rows of the table) but keep their numbers.
//! - **Memory**: a load holds the file's bytes (plus a decoded copy for Windows-1252 and
//!   UTF-16, and a copy of an XLSX's compressed bytes and its shared strings) and one batch
//!   of rows, whatever the row count. Inference is computation (about 0.1 s per 100,000
//!   rows of 9 columns): [`load_in`] tells a multi-threaded runtime it blocks; callers of
//!   [`inspect`] run it with `spawn_blocking`.
//! - **SQLite** holds its write lock for the whole load (one transaction): other writers wait
//!   (busy timeout 10 s); large live datasets belong on PostgreSQL.
//! - **Case-insensitive** filters use `LOWER(…) LIKE`: SQLite's `LOWER` folds ASCII only,
//!   so `É` and `é` do not match there (PostgreSQL folds all of Unicode).
//! - **No index per column**: one index per column would multiply the load time, while a
//!   filter on a million rows without one stays in tens of milliseconds (`bench/data.sh`
//!   measures it); the key of [`set_key`] is indexed (unique).
//! - **Upserts** number new rows after the last; an update leaves its row number where it
//!   was, so `_id` may have gaps.
//! - **Exports** stream in batches of [`export::BATCH`] rows (keyset on `_id`, or offsets
//!   under another sort). XLSX is built in memory and stops at the sheet limit
//!   ([`export::XLSX_MAX_ROWS`] data rows); integers beyond 2^53 lose precision there, as
//!   Excel's numbers are doubles.

pub mod bench;
pub mod export;
#[cfg(test)]
mod fuzz;
pub mod infer;
pub mod load;
mod memo;
mod queries;
pub mod query;
pub mod read;
mod sql;
pub mod write;

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::i18n::{Arg, Tr};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use export::{ExportError, ExportFormat, export, export_stream};
pub use infer::Value;
pub use load::{LoadError, inspect, load, load_in};
pub use query::{Filter, FilterOp, Page, Query, QueryError, query};
pub use write::{WriteError, append, append_in, set_key, upsert, upsert_in};

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Text,
}

impl ColumnType {
    pub const ALL: [ColumnType; 6] = [
        ColumnType::Integer,
        ColumnType::Number,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::DateTime,
        ColumnType::Text,
    ];

    /// The name in the dictionary, the `data_tables` JSON and the Frictionless schema.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
            ColumnType::Text => "text",
        }
    }

    pub fn parse(s: &str) -> Option<ColumnType> {
        let s = s.trim();
        ColumnType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    /// The Fluent key of the type's name (`data-tabular-type-integer`, …).
    pub fn key(self) -> &'static str {
        match self {
            ColumnType::Integer => "data-tabular-type-integer",
            ColumnType::Number => "data-tabular-type-number",
            ColumnType::Boolean => "data-tabular-type-boolean",
            ColumnType::Date => "data-tabular-type-date",
            ColumnType::DateTime => "data-tabular-type-datetime",
            ColumnType::Text => "data-tabular-type-text",
        }
    }

    /// CKAN datastore's field type names (`int`, `float`, `bool`, `date`, `timestamp`,
    /// `text`).
    pub fn ckan(self) -> &'static str {
        match self {
            ColumnType::Integer => "int",
            ColumnType::Number => "float",
            ColumnType::Boolean => "bool",
            ColumnType::Date => "date",
            ColumnType::DateTime => "timestamp",
            ColumnType::Text => "text",
        }
    }
}

/// A column of a loaded table: its name from the file (never used in SQL: the physical
/// column is `c{index}`) and its type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
}

/// A loaded table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub id: Uuid,
    /// The physical table, `dt_<uuid simple>`.
    pub table_name: String,
    pub columns: Vec<Column>,
    /// Indexes into `columns` of the key an upsert matches on (empty: no key).
    pub key_columns: Vec<usize>,
    pub row_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Table {
    /// The index of the column named `name` (exactly as in the dictionary).
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// A loaded table by id.
pub async fn table(db: &Db, id: Uuid) -> Result<Option<Table>, sqlx::Error> {
    queries::table(db, id).await
}

/// [`table`] inside a transaction, as it sees the table after its own writes.
pub async fn table_in(tx: &mut platform::db::Tx, id: Uuid) -> Result<Option<Table>, sqlx::Error> {
    queries::table_in(tx, id).await
}

/// The producer's choices for a load (the dictionary form): column types and missing-value
/// markers. `LoadOptions::default()` infers everything.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// A choice per column, matched by header name; columns without one are inferred.
    pub columns: Vec<ColumnChoice>,
    /// Values meaning "no value" besides the empty string (`-`, `n/a`…), compared after
    /// trimming, case-sensitive.
    pub missing_values: Vec<String>,
    /// The XLSX sheet to read (any case); the first sheet when `None` or not found.
    pub sheet: Option<String>,
    /// The largest file accepted, in bytes; [`read::DEFAULT_MAX_BYTES`] when `None`
    /// (callers pass `state.config.max_upload_bytes()`).
    pub max_bytes: Option<usize>,
}

/// The type a producer chose for one column (`None`: infer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnChoice {
    pub name: String,
    pub kind: Option<ColumnType>,
}

/// What [`inspect`] found: the columns with their types, the row count, the problems.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Inspection {
    pub columns: Vec<InferredColumn>,
    /// Data rows (blank rows not counted).
    pub rows: u64,
    pub report: LoadReport,
    /// An XLSX workbook's sheets, in order, and the one read (for a sheet choice in
    /// [`LoadOptions::sheet`]); empty and `None` for CSV.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
}

/// One column as inspected.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InferredColumn {
    pub name: String,
    /// The type a load would use: the producer's choice, else `inferred`.
    pub kind: ColumnType,
    /// The narrowest type every non-missing value fits.
    pub inferred: ColumnType,
    /// The type most values fit when the column is inconsistent (then `inferred` is text).
    pub majority: Option<ColumnType>,
    /// Missing values (empty or a marker).
    pub missing: u64,
    /// A few distinct values, for the dictionary form.
    pub examples: Vec<String>,
}

/// The problems found in a file (empty: it loads). At most [`LoadReport::CAP`] are kept;
/// `more` counts the others.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    pub problems: Vec<Problem>,
    pub more: u64,
}

impl LoadReport {
    pub const CAP: usize = 200;

    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.more == 0
    }

    /// All problems, kept and not.
    pub fn total(&self) -> u64 {
        self.problems.len() as u64 + self.more
    }

    pub fn push(&mut self, problem: Problem) {
        if self.problems.len() < Self::CAP {
            self.problems.push(problem);
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn one(problem: Problem) -> LoadReport {
        LoadReport {
            problems: vec![problem],
            more: 0,
        }
    }
}

/// One thing wrong: where (row as a spreadsheet numbers it, the header being row 1; column
/// by its header name) and what (a Fluent message id in `data_tabular.ftl` and its
/// arguments).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub row: Option<u64>,
    pub column: Option<String>,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn file(key: &'static str) -> Problem {
        Problem {
            row: None,
            column: None,
            key,
            args: Vec::new(),
        }
    }

    pub fn at_row(mut self, row: u64) -> Problem {
        self.row = Some(row);
        self
    }

    pub fn in_column(mut self, column: &str) -> Problem {
        self.column = Some(column.to_string());
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Problem {
        self.args.push((name, value.into()));
        self
    }

    /// The message in the reader's language. Arguments `row` and `column` are added from
    /// the fields; a type argument holds the type's id (`integer`) and is translated.
    pub fn message(&self, t: &Tr) -> String {
        let mut args: Vec<(&str, Arg)> = Vec::with_capacity(self.args.len() + 2);
        if let Some(row) = self.row {
            args.push(("row", Arg::Num(row as f64)));
        }
        if let Some(column) = &self.column {
            args.push(("column", Arg::Str(column.clone())));
        }
        for (name, value) in &self.args {
            let value = match (*name, ColumnType::parse(value)) {
                ("type" | "majority", Some(kind)) => t.t(kind.key()),
                _ => value.clone(),
            };
            args.push((name, Arg::Str(value)));
        }
        t.ta(self.key, &args)
    }
}
