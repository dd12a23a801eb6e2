//! `/anggaran/bandingkan?tahun=2025&tahun=2026`: two to five years side by side — the
//! summary lines, every kelompok and every organisation's spending — matched by code, each
//! year's plan being its latest published budget stage. Also as CSV, XLSX or JSON.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::PageCtx;
use serde::Serialize;

use super::download::{self, Cell, Format, Table};
use super::sql::{self, Col, Lines};
use super::{Params, latest_plan, percent, permille};
use crate::queries::Version;

/// A figure read from a version.
type Figure = fn(&Version) -> i64;

const BAD: AppError = AppError::BadRequest("budget-pages-bad-years");

/// One compared line: its plan in each year (`None`: the code is not in that year).
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub group: &'static str,
    pub code: String,
    pub name: String,
    pub plans: Vec<Option<i64>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub years: Vec<i32>,
    pub rows: Vec<Row>,
}

pub struct RowView {
    pub group: String,
    pub label: String,
    pub cells: Vec<String>,
    pub change: String,
}

#[derive(Template)]
#[template(path = "public/compare.html")]
struct ComparePage<'a> {
    t: &'a Tr,
    years: Vec<i32>,
    all_years: Vec<(i32, bool)>,
    rows: Vec<RowView>,
    downloads: Vec<(String, String)>,
}

/// The years asked for: 2 to 5 distinct years, in order.
pub fn parse_years(pairs: &[(String, String)]) -> AppResult<Vec<i32>> {
    let mut years = Vec::new();
    for (k, v) in pairs {
        if k == "tahun" {
            let y: i32 = v.trim().parse().map_err(|_| BAD)?;
            if !crate::import::YEARS.contains(&y) {
                return Err(BAD);
            }
            if !years.contains(&y) {
                years.push(y);
            }
        }
    }
    years.sort_unstable();
    Ok(years)
}

async fn compare(ctx: &PageCtx, years: &[i32]) -> AppResult<Comparison> {
    let db = &ctx.state.db;
    let t = &ctx.t;
    let mut versions: Vec<Version> = Vec::new();
    for y in years {
        versions.push(latest_plan(db, *y).await?.ok_or(AppError::NotFound)?);
    }
    let mut rows = Vec::new();
    let totals: [(&'static str, Figure); 4] = [
        ("budget-pages-revenue", |v| v.total_revenue),
        ("budget-pages-spending", |v| v.total_spending),
        ("budget-pages-financing-receipts", |v| {
            v.total_financing_receipts
        }),
        ("budget-pages-financing-expenditure", |v| {
            v.total_financing_expenditure
        }),
    ];
    for (key, f) in totals {
        rows.push(Row {
            group: "budget-pages-summary",
            code: String::new(),
            name: t.t(key),
            plans: versions.iter().map(|v| Some(f(v))).collect(),
        });
    }
    for (group, col, filters) in [
        ("budget-level-kelompok", Col::Kelompok, Vec::new()),
        (
            "budget-pages-by-organisation",
            Col::Organisation,
            vec![(Col::Akun, "5".to_string())],
        ),
    ] {
        let mut by_code: BTreeMap<String, Vec<Option<i64>>> = BTreeMap::new();
        for (i, v) in versions.iter().enumerate() {
            for (code, sum) in sql::sums(db, Lines::Plan, v.id, col, &filters).await? {
                by_code
                    .entry(code)
                    .or_insert_with(|| vec![None; versions.len()])[i] = Some(sum);
            }
        }
        // Names from the latest year that has the code.
        let codes: Vec<String> = by_code.keys().cloned().collect();
        let mut names: HashMap<String, String> = HashMap::new();
        for v in versions.iter().rev() {
            for c in &codes {
                if let Some(n) = super::view::fixed_name(t, col, c) {
                    names.entry(c.clone()).or_insert(n);
                }
            }
            if let Some(kind) = col.name_kind() {
                let missing: Vec<String> = codes
                    .iter()
                    .filter(|c| !names.contains_key(*c))
                    .cloned()
                    .collect();
                if !missing.is_empty() {
                    for (c, n) in sql::names(db, v.id, kind, &missing).await? {
                        names.entry(c).or_insert(n);
                    }
                }
            }
        }
        for (code, plans) in by_code {
            rows.push(Row {
                group,
                name: names.get(&code).cloned().unwrap_or_else(|| code.clone()),
                code,
                plans,
            });
        }
    }
    Ok(Comparison {
        years: years.to_vec(),
        rows,
    })
}

fn table(t: &Tr, c: &Comparison) -> Table {
    let mut header = vec![
        t.t("budget-pages-col-group"),
        t.t("budget-pages-col-code"),
        t.t("budget-pages-col-item"),
    ];
    header.extend(c.years.iter().map(ToString::to_string));
    Table {
        sheet: t.t("budget-pages-compare"),
        header,
        rows: c
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::Text(t.t(r.group)),
                    Cell::Text(r.code.clone()),
                    Cell::Text(r.name.clone()),
                ];
                cells.extend(r.plans.iter().map(|p| match p {
                    Some(n) => Cell::Int(*n),
                    None => Cell::Text(String::new()),
                }));
                cells
            })
            .collect(),
    }
}

/// `GET /anggaran/bandingkan`.
pub async fn page(ctx: PageCtx, Query(pairs): Params) -> AppResult<Response> {
    let format = Format::parse(super::param(&pairs, "format"))?;
    let mut years = parse_years(&pairs)?;
    let published = sql::published_years(&ctx.state.db).await?;
    if years.is_empty() {
        // Without a choice: the two latest years.
        years = published.iter().take(2).copied().collect();
        years.sort_unstable();
    }
    if years.len() > 5 {
        return Err(BAD);
    }
    let t = &ctx.t;
    let c = if years.len() >= 2 {
        compare(&ctx, &years).await?
    } else {
        Comparison {
            years: years.clone(),
            rows: Vec::new(),
        }
    };
    let query: Vec<String> = years.iter().map(|y| format!("tahun={y}")).collect();
    let query = query.join("&");
    let name = format!(
        "apbd-bandingkan-{}",
        years
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("-")
    );
    match format {
        Format::Csv => return Ok(download::csv(&name, &table(t, &c))),
        Format::Xlsx => return download::xlsx(&name, &table(t, &c)),
        Format::Json => return Ok(download::json(&name, &c)),
        Format::Html => {}
    }
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let first = r.plans.first().copied().flatten();
            let last = r.plans.last().copied().flatten();
            RowView {
                group: t.t(r.group),
                label: if r.code.is_empty() {
                    r.name.clone()
                } else {
                    format!("{} {}", r.code, r.name)
                },
                cells: r
                    .plans
                    .iter()
                    .map(|p| p.map_or_else(|| "–".into(), |n| t.rupiah(&n)))
                    .collect(),
                change: match (first, last) {
                    (Some(a), Some(b)) => percent(t.lang, permille(b - a, a)),
                    _ => "–".into(),
                },
            }
        })
        .collect();
    let mut all: Vec<i32> = published.clone();
    all.sort_unstable();
    let page = ComparePage {
        t,
        all_years: all.iter().map(|y| (*y, years.contains(y))).collect(),
        years: c.years.clone(),
        rows,
        downloads: super::view::downloads("/anggaran/bandingkan", &format!("?{query}")),
    };
    ctx.page(&t.t("budget-pages-compare"), &page)
}
