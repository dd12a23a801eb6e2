//! The preview's query parameters: one GET form (no JavaScript) whose fields become a
//! [`tabular::Query`], and back into links (sort, pages, downloads of the filtered view).
//!
//! | parameter | meaning |
//! |---|---|
//! | `q` | words in any text column |
//! | `c{i}` | column *i*: contains (text) or equals (other types) |
//! | `c{i}_min`, `c{i}_max` | column *i* at least / at most (numbers, dates) |
//! | `urut`, `arah` | sort column (its name) and direction (`naik`, `turun`) |
//! | `per`, `hal` | page size (10, 25, 50, 100) and page (from 1) |
//! | `x`, `y`, `grafik` | chart: category or date column, numeric column, `batang` or `garis` |
//!
//! Columns are numbered rather than named in the parameters: names come from uploaded files
//! and may hold any character. Values are checked against the column's type by
//! `tabular::query` itself; what it refuses comes back here as a message for the form.

use platform::web::routes::urlencode;

use crate::tabular::{self, ColumnType, Filter, FilterOp, Table};

pub const PAGE_SIZES: [u64; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u64 = 25;

/// Whether a column's values have an order a range filter can use.
pub fn ranged(kind: ColumnType) -> bool {
    matches!(
        kind,
        ColumnType::Integer | ColumnType::Number | ColumnType::Date | ColumnType::DateTime
    )
}

pub fn numeric(kind: ColumnType) -> bool {
    matches!(kind, ColumnType::Integer | ColumnType::Number)
}

/// One column's filter as submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnFilter {
    pub value: String,
    pub min: String,
    pub max: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Bars,
    Line,
}

impl ChartKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Bars => "batang",
            ChartKind::Line => "garis",
        }
    }
}

/// The form as submitted (and as the page shows it again).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub q: String,
    /// Parallel to the table's columns.
    pub columns: Vec<ColumnFilter>,
    pub sort: Option<String>,
    pub descending: bool,
    pub per: u64,
    pub page: u64,
    /// The chart's columns as asked (None: chosen from the table).
    pub x: Option<String>,
    pub y: Option<String>,
    pub chart: Option<ChartKind>,
}

/// A problem with the form: the column (or parameter) and the Fluent key of the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormProblem {
    pub field: String,
    pub key: &'static str,
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Read the form for `table` from the query pairs. Parameters that do not fit (an unknown
/// sort column, a page size not offered, a page that is not a number) are problems;
/// unknown parameters are ignored.
pub fn parse(table: &Table, pairs: &[(String, String)]) -> (Form, Vec<FormProblem>) {
    let mut problems = Vec::new();
    let columns = (0..table.columns.len())
        .map(|i| ColumnFilter {
            value: param(pairs, &format!("c{i}")).unwrap_or("").to_string(),
            min: param(pairs, &format!("c{i}_min")).unwrap_or("").to_string(),
            max: param(pairs, &format!("c{i}_max")).unwrap_or("").to_string(),
        })
        .collect();
    let known = |name: &str| name == tabular::query::ID || table.column_index(name).is_some();
    let sort = param(pairs, "urut").map(str::to_string);
    if let Some(s) = &sort
        && !known(s)
    {
        problems.push(FormProblem {
            field: "urut".into(),
            key: "data-public-bad-sort",
        });
    }
    let descending = match param(pairs, "arah") {
        None | Some("naik") => false,
        Some("turun") => true,
        Some(_) => {
            problems.push(FormProblem {
                field: "arah".into(),
                key: "data-public-bad-sort",
            });
            false
        }
    };
    let per = match param(pairs, "per").map(str::parse::<u64>) {
        None => DEFAULT_PAGE_SIZE,
        Some(Ok(n)) if PAGE_SIZES.contains(&n) => n,
        Some(_) => {
            problems.push(FormProblem {
                field: "per".into(),
                key: "data-public-bad-page-size",
            });
            DEFAULT_PAGE_SIZE
        }
    };
    let page = match param(pairs, "hal").map(str::parse::<u64>) {
        None => 1,
        Some(Ok(n)) if (1..=1_000_000_000).contains(&n) => n,
        Some(_) => {
            problems.push(FormProblem {
                field: "hal".into(),
                key: "data-public-bad-page",
            });
            1
        }
    };
    let x = param(pairs, "x").map(str::to_string);
    let y = param(pairs, "y").map(str::to_string);
    if let Some(name) = &x
        && table.column_index(name).is_none()
    {
        problems.push(FormProblem {
            field: "x".into(),
            key: "data-public-bad-chart",
        });
    }
    if let Some(name) = &y
        && !table
            .column_index(name)
            .is_some_and(|i| numeric(table.columns[i].kind))
    {
        problems.push(FormProblem {
            field: "y".into(),
            key: "data-public-bad-chart",
        });
    }
    let chart = match param(pairs, "grafik") {
        None => None,
        Some("batang") => Some(ChartKind::Bars),
        Some("garis") => Some(ChartKind::Line),
        Some(_) => {
            problems.push(FormProblem {
                field: "grafik".into(),
                key: "data-public-bad-chart",
            });
            None
        }
    };
    let form = Form {
        q: param(pairs, "q").unwrap_or("").chars().take(200).collect(),
        columns,
        sort,
        descending,
        per,
        page,
        x,
        y,
        chart,
    };
    (form, problems)
}

impl Form {
    /// Whether any filter is set (the view is not the whole table).
    pub fn filtered(&self) -> bool {
        !self.q.is_empty()
            || self
                .columns
                .iter()
                .any(|c| !c.value.is_empty() || !c.min.is_empty() || !c.max.is_empty())
    }

    /// The filters as the tabular store takes them.
    pub fn filters(&self, table: &Table) -> Vec<Filter> {
        let mut out = Vec::new();
        for (c, f) in table.columns.iter().zip(&self.columns) {
            if !f.value.is_empty() {
                let op = if c.kind == ColumnType::Text {
                    FilterOp::Contains(f.value.clone())
                } else {
                    FilterOp::AnyOf(vec![f.value.clone()])
                };
                out.push(Filter {
                    field: c.name.clone(),
                    op,
                });
            }
            if ranged(c.kind) {
                if !f.min.is_empty() {
                    out.push(Filter {
                        field: c.name.clone(),
                        op: FilterOp::AtLeast(f.min.clone()),
                    });
                }
                if !f.max.is_empty() {
                    out.push(Filter {
                        field: c.name.clone(),
                        op: FilterOp::AtMost(f.max.clone()),
                    });
                }
            }
        }
        out
    }

    /// The filtered, sorted view (every row: callers set the limit and offset).
    pub fn query(&self, table: &Table) -> tabular::Query {
        tabular::Query {
            filters: self.filters(table),
            q: (!self.q.is_empty()).then(|| self.q.clone()),
            fields: Vec::new(),
            sort: self
                .sort
                .iter()
                .map(|s| (s.clone(), self.descending))
                .collect(),
            limit: u64::MAX,
            offset: 0,
            include_total: false,
        }
    }

    /// The filter part of the query string (what the downloads of the filtered view take).
    pub fn filter_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".to_string(), self.q.clone()));
        }
        for (i, f) in self.columns.iter().enumerate() {
            for (suffix, v) in [("", &f.value), ("_min", &f.min), ("_max", &f.max)] {
                if !v.is_empty() {
                    pairs.push((format!("c{i}{suffix}"), v.clone()));
                }
            }
        }
        pairs
    }

    /// Filters, sort, page size and chart, without the page: the base of every link.
    pub fn view_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = self.filter_pairs();
        if let Some(s) = &self.sort {
            pairs.push(("urut".into(), s.clone()));
            if self.descending {
                pairs.push(("arah".into(), "turun".into()));
            }
        }
        if self.per != DEFAULT_PAGE_SIZE {
            pairs.push(("per".into(), self.per.to_string()));
        }
        for (k, v) in [("x", &self.x), ("y", &self.y)] {
            if let Some(v) = v {
                pairs.push((k.into(), v.clone()));
            }
        }
        if let Some(kind) = self.chart {
            pairs.push(("grafik".into(), kind.as_str().into()));
        }
        pairs
    }
}

/// `?a=1&b=2` (empty without pairs).
pub fn query_string(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect();
    format!("?{}", encoded.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tabular::Column;
    use uuid::Uuid;

    fn table() -> Table {
        let col = |name: &str, kind| Column {
            name: name.into(),
            kind,
        };
        Table {
            id: Uuid::nil(),
            table_name: "dt_x".into(),
            columns: vec![
                col("kecamatan", ColumnType::Text),
                col("tahun", ColumnType::Integer),
                col("produksi ton", ColumnType::Number),
            ],
            key_columns: Vec::new(),
            row_count: 0,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_form_becomes_filters_and_back() {
        let t = table();
        let (form, problems) = parse(
            &t,
            &pairs(&[
                ("c0", "Dander"),
                ("c1_min", "2020"),
                ("c1_max", "2023"),
                ("c2", " "),
                ("urut", "produksi ton"),
                ("arah", "turun"),
                ("per", "50"),
                ("hal", "2"),
                ("y", "produksi ton"),
            ]),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(form.filtered());
        let q = form.query(&t);
        assert_eq!(q.filters.len(), 3);
        assert_eq!(q.filters[0].op, FilterOp::Contains("Dander".into()));
        assert_eq!(q.filters[1].op, FilterOp::AtLeast("2020".into()));
        assert_eq!(q.sort, vec![("produksi ton".to_string(), true)]);
        assert_eq!(form.page, 2);
        let back = query_string(&form.view_pairs());
        assert_eq!(
            back,
            "?c0=Dander&c1_min=2020&c1_max=2023&urut=produksi%20ton&arah=turun&per=50&y=produksi%20ton"
        );
        let (again, _) = parse(&t, &form.view_pairs());
        assert_eq!(again.query(&t), q);
    }

    #[test]
    fn parameters_out_of_range_are_problems_not_errors() {
        let t = table();
        let (form, problems) = parse(
            &t,
            &pairs(&[
                ("urut", "nope"),
                ("per", "1000"),
                ("hal", "-1"),
                ("y", "kecamatan"),
                ("grafik", "pie"),
            ]),
        );
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["urut", "per", "hal", "y", "grafik"]);
        assert_eq!((form.per, form.page), (DEFAULT_PAGE_SIZE, 1));
        assert!(!form.filtered());
    }
}
