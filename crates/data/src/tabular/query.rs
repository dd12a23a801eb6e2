//! Querying a table: the preview pages and CKAN's `datastore_search` both come here. Field
//! names are looked up in the table's columns and become `c{index}`; every value is bound,
//! typed by its column, so a value that is not of the column's type is an error
//! ([`QueryError::BadValue`]), never a silently empty result.

use platform::db::Db;
use platform::on_db;
use sqlx::Row;

use super::infer::{self, Value};
use super::{Column, ColumnType, Table, memo, sql};

/// At most this many records per query (CKAN's default maximum).
pub const MAX_LIMIT: u64 = 32_000;

/// The row number every table has; it may be filtered and sorted on like an integer column.
pub const ID: &str = "_id";

/// What to read from a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// All must hold.
    pub filters: Vec<Filter>,
    /// Case-insensitive substring over the text columns (any of them).
    pub q: Option<String>,
    /// The columns to return, in this order (empty: all).
    pub fields: Vec<String>,
    /// Column name and descending; `_id` breaks ties.
    pub sort: Vec<(String, bool)>,
    /// At most [`MAX_LIMIT`] in [`query`]; exports take it as given.
    pub limit: u64,
    pub offset: u64,
    pub include_total: bool,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            filters: Vec::new(),
            q: None,
            fields: Vec::new(),
            sort: Vec::new(),
            limit: 100,
            offset: 0,
            include_total: false,
        }
    }
}

impl Query {
    /// Every row, every column, in `_id` order (a full export).
    pub fn all() -> Query {
        Query {
            limit: u64::MAX,
            ..Query::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub field: String,
    pub op: FilterOp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterOp {
    /// Equal to any of the values (none: nothing matches).
    AnyOf(Vec<String>),
    /// Case-insensitive substring; text columns only.
    Contains(String),
    /// At least, at most (inclusive), in the column's order.
    AtLeast(String),
    AtMost(String),
}

/// One page of records.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The columns of `records`, in order.
    pub fields: Vec<Column>,
    /// Each record's `_id`, parallel to `records`.
    pub ids: Vec<i64>,
    /// Values typed as JSON: numbers, booleans, strings (dates ISO), null.
    pub records: Vec<Vec<serde_json::Value>>,
    /// Rows matching, when asked.
    pub total: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("unknown field {0:?}")]
    UnknownField(String),
    #[error("{value:?} is not a valid value for field {field:?}")]
    BadValue { field: String, value: String },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A query turned into SQL: the WHERE clause with its bound values (typed per column), the
/// ORDER BY, and the selected columns.
pub(crate) struct Plan {
    pub where_sql: String,
    pub binds: Vec<(Value, ColumnType)>,
    pub order_sql: String,
    /// (index into the table's columns, the column) for each returned field.
    pub selected: Vec<(usize, Column)>,
}

fn column_of(table: &Table, name: &str) -> Result<(String, ColumnType), QueryError> {
    if name == ID {
        return Ok((ID.to_string(), ColumnType::Integer));
    }
    table
        .column_index(name)
        .map(|i| (sql::col(i), table.columns[i].kind))
        .ok_or_else(|| QueryError::UnknownField(name.to_string()))
}

/// `value` typed as `kind`, or the error naming it.
fn typed(field: &str, kind: ColumnType, value: &str) -> Result<Value, QueryError> {
    let bad = || QueryError::BadValue {
        field: field.to_string(),
        value: value.to_string(),
    };
    let v = infer::parse_as(kind, value.trim(), false).ok_or_else(bad)?;
    match v {
        Value::Text(s) if s.contains('\0') => Err(bad()),
        v => Ok(v),
    }
}

/// `%…%` for LIKE, with the pattern characters escaped (`\` is the escape).
fn like_pattern(s: &str) -> String {
    let mut p = String::with_capacity(s.len() + 2);
    p.push('%');
    for c in s.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub(crate) fn plan(table: &Table, q: &Query) -> Result<Plan, QueryError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut binds: Vec<(Value, ColumnType)> = Vec::new();
    let placeholder = |binds: &mut Vec<(Value, ColumnType)>, v: Value, kind: ColumnType| {
        binds.push((v, kind));
        format!("${}", binds.len())
    };
    for filter in &q.filters {
        let (col, kind) = column_of(table, &filter.field)?;
        match &filter.op {
            FilterOp::AnyOf(values) if values.is_empty() => conditions.push("1 = 0".into()),
            FilterOp::AnyOf(values) => {
                let mut ps = Vec::with_capacity(values.len());
                for v in values {
                    let v = typed(&filter.field, kind, v)?;
                    ps.push(placeholder(&mut binds, v, kind));
                }
                conditions.push(format!("{col} IN ({})", ps.join(", ")));
            }
            FilterOp::Contains(s) => {
                if kind != ColumnType::Text || s.contains('\0') {
                    return Err(QueryError::BadValue {
                        field: filter.field.clone(),
                        value: s.clone(),
                    });
                }
                let p = placeholder(&mut binds, Value::Text(like_pattern(s)), kind);
                conditions.push(format!("LOWER({col}) LIKE {p} ESCAPE '\\'"));
            }
            FilterOp::AtLeast(s) | FilterOp::AtMost(s) => {
                let v = typed(&filter.field, kind, s)?;
                let p = placeholder(&mut binds, v, kind);
                let op = if matches!(filter.op, FilterOp::AtLeast(_)) {
                    ">="
                } else {
                    "<="
                };
                conditions.push(format!("{col} {op} {p}"));
            }
        }
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        if text.contains('\0') {
            return Err(QueryError::BadValue {
                field: "q".into(),
                value: text.to_string(),
            });
        }
        let texts: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == ColumnType::Text)
            .map(|(i, _)| sql::col(i))
            .collect();
        if texts.is_empty() {
            conditions.push("1 = 0".into());
        } else {
            let p = placeholder(
                &mut binds,
                Value::Text(like_pattern(text)),
                ColumnType::Text,
            );
            let any: Vec<String> = texts
                .iter()
                .map(|c| format!("LOWER({c}) LIKE {p} ESCAPE '\\'"))
                .collect();
            conditions.push(format!("({})", any.join(" OR ")));
        }
    }
    let where_sql = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    let mut order = Vec::new();
    for (name, descending) in &q.sort {
        let (col, _) = column_of(table, name)?;
        if col == ID {
            order.push(format!("_id {}", if *descending { "DESC" } else { "ASC" }));
            continue;
        }
        // Missing values last either way, on both backends.
        order.push(format!(
            "{col} {} NULLS LAST",
            if *descending { "DESC" } else { "ASC" }
        ));
    }
    if !order.iter().any(|o| o.starts_with("_id ")) {
        order.push("_id ASC".into());
    }
    let selected: Vec<(usize, Column)> = if q.fields.is_empty() {
        table.columns.iter().cloned().enumerate().collect()
    } else {
        let mut s = Vec::with_capacity(q.fields.len());
        for name in &q.fields {
            if name == ID {
                continue;
            }
            let i = table
                .column_index(name)
                .ok_or_else(|| QueryError::UnknownField(name.clone()))?;
            s.push((i, table.columns[i].clone()));
        }
        s
    };
    Ok(Plan {
        where_sql,
        binds,
        order_sql: format!(" ORDER BY {}", order.join(", ")),
        selected,
    })
}

impl Plan {
    pub fn select_list(&self) -> String {
        let mut cols = vec!["_id".to_string()];
        cols.extend(self.selected.iter().map(|(i, _)| sql::col(*i)));
        cols.join(", ")
    }

    /// The number of the next placeholder.
    pub fn next_param(&self) -> usize {
        self.binds.len() + 1
    }
}

/// Run `sql` with the plan's binds plus `extra` integers (limit, offset…) and decode rows
/// as `_id` and the selected columns.
pub(crate) async fn fetch(
    db: &Db,
    plan: &Plan,
    sql_text: String,
    extra: &[i64],
) -> Result<Vec<(i64, Vec<Value>)>, sqlx::Error> {
    let kinds: Vec<ColumnType> = plan.selected.iter().map(|(_, c)| c.kind).collect();
    match db {
        Db::Sqlite(pool) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql_text));
            for (v, _) in &plan.binds {
                q = sql::bind_sqlite(q, v.clone());
            }
            for n in extra {
                q = q.bind(*n);
            }
            let rows = q.fetch_all(pool).await?;
            rows.iter()
                .map(|r| {
                    let id: i64 = r.try_get(0)?;
                    let values = kinds
                        .iter()
                        .enumerate()
                        .map(|(i, k)| sql::read_sqlite(r, i + 1, *k))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((id, values))
                })
                .collect()
        }
        Db::Postgres(pool) => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql_text));
            for (v, k) in &plan.binds {
                q = sql::bind_pg(q, v, *k);
            }
            for n in extra {
                q = q.bind(*n);
            }
            let rows = q.fetch_all(pool).await?;
            rows.iter()
                .map(|r| {
                    let id: i64 = r.try_get(0)?;
                    let values = kinds
                        .iter()
                        .enumerate()
                        .map(|(i, k)| sql::read_pg(r, i + 1, *k))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((id, values))
                })
                .collect()
        }
    }
}

/// Run a query: one page of records and, when asked, the number of matching rows (the
/// table's row count when nothing filters).
pub async fn query(db: &Db, table: &Table, q: &Query) -> Result<Page, QueryError> {
    let plan = plan(table, q)?;
    let limit = i64::try_from(q.limit.min(MAX_LIMIT)).unwrap_or(0);
    let offset = i64::try_from(q.offset).unwrap_or(i64::MAX);
    let n = plan.next_param();
    let sql_text = format!(
        "SELECT {} FROM {}{}{} LIMIT ${n} OFFSET ${}",
        plan.select_list(),
        table.table_name,
        plan.where_sql,
        plan.order_sql,
        n + 1
    );
    let binds = plan.binds.iter().map(|(v, _)| v);
    let key = memo::key(table, &sql_text, binds, &[limit, offset]);
    let page = [limit, offset];
    let rows = memo::rows(key, || fetch(db, &plan, sql_text, &page)).await?;
    let total = if !q.include_total {
        None
    } else if plan.where_sql.is_empty() {
        Some(table.row_count)
    } else {
        let binds = plan.binds.iter().map(|(v, _)| v);
        let key = memo::key(table, "COUNT", binds, &[]);
        let key = format!("{key}\u{1f}{}", plan.where_sql);
        Some(memo::total(key, || count(db, table, &plan)).await?)
    };
    let (ids, records) = rows
        .iter()
        .map(|(id, values)| (*id, values.iter().map(Value::to_json).collect()))
        .unzip();
    Ok(Page {
        fields: plan.selected.into_iter().map(|(_, c)| c).collect(),
        ids,
        records,
        total,
    })
}

async fn count(db: &Db, table: &Table, plan: &Plan) -> Result<i64, sqlx::Error> {
    let sql_text = format!(
        "SELECT COUNT(*) FROM {}{}",
        table.table_name, plan.where_sql
    );
    on_db!(db,
        sqlite(pool) => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql_text));
            for (v, _) in &plan.binds {
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
            q.fetch_one(pool).await
        },
        postgres(pool) => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql_text));
            for (v, _) in &plan.binds {
                q = match v {
                    Value::Null => q.bind(None::<i64>),
                    Value::Int(n) => q.bind(*n),
                    Value::Num(f) => q.bind(*f),
                    Value::Bool(b) => q.bind(*b),
                    Value::Date(d) => q.bind(*d),
                    Value::DateTime(t) => q.bind(*t),
                    Value::Text(s) => q.bind(s.clone()),
                };
            }
            q.fetch_one(pool).await
        },
    )
}
