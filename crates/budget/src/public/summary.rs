//! `/anggaran` (the years with a published budget) and `/anggaran/{tahun}`: the year's
//! revenue, spending, financing, surplus/deficit and net financing, plan (murni and
//! perubahan) against realisation with absorption, per-capita figures, spending by
//! kelompok (chart and table) and the realisation month by month.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::web::PageCtx;
use serde::Serialize;

use super::chart::{self, BarChart, MonthChart};
use super::download::{self, Cell, Format, Table};
use super::sql::{self, Col};
use super::treemap::{self, TileRow, Treemap};
use super::view::{self, RowView, Scope};
use super::{Params, Year, load_year, percent, permille, population};
use crate::codes::AccountCode;
use crate::import::Totals;

#[derive(Template)]
#[template(path = "public/years.html")]
struct YearsPage<'a> {
    t: &'a Tr,
    years: Vec<i32>,
}

/// `GET /anggaran`: the years with a published budget.
pub async fn years(ctx: PageCtx) -> AppResult<Response> {
    let years = sql::published_years(&ctx.state.db).await?;
    let t = &ctx.t;
    ctx.page(&t.t("budget-pages-title"), &YearsPage { t, years })
}

/// One line of the summary: plan (and murni) against realisation, exact rupiah.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub key: &'static str,
    pub label: String,
    /// The original budget, when the plan is the revised one.
    pub murni: Option<i64>,
    pub plan: i64,
    pub realisation: Option<i64>,
    pub previous_year: Option<i64>,
}

/// The year in figures (the JSON download).
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub year: i32,
    pub stage: String,
    pub version: i32,
    pub realisation_month: Option<i32>,
    pub population: Option<i64>,
    pub lines: Vec<Line>,
    pub spending_per_capita: Option<i64>,
    pub revenue_per_capita: Option<i64>,
    pub realised_spending_per_capita: Option<i64>,
    /// Spending realised per month, January first (not cumulative).
    pub monthly_spending: [i64; 12],
    pub spending_by_kelompok: view::View,
    pub spending_by_organisation: view::View,
}

/// A line's figure from a version's totals.
type Figure = fn(&Totals) -> i64;

fn lines(t: &Tr, y: &Year) -> Vec<Line> {
    let plan = y.plan.totals();
    let murni = y.murni.as_ref().map(crate::queries::Version::totals);
    let real = y.realisation.as_ref().map(crate::queries::Version::totals);
    let prev = y.previous.as_ref().map(crate::queries::Version::totals);
    let parts: [(&'static str, Figure); 6] = [
        ("budget-pages-revenue", |x| x.revenue),
        ("budget-pages-spending", |x| x.spending),
        ("budget-pages-surplus", Totals::surplus),
        ("budget-pages-financing-receipts", |x| x.financing_receipts),
        ("budget-pages-financing-expenditure", |x| {
            x.financing_expenditure
        }),
        ("budget-pages-net-financing", Totals::net_financing),
    ];
    parts
        .iter()
        .map(|(key, f)| Line {
            key,
            label: t.t(key),
            murni: murni.as_ref().map(f),
            plan: f(&plan),
            realisation: real.as_ref().map(f),
            previous_year: prev.as_ref().map(f),
        })
        .collect()
}

/// Read the year's figures.
pub async fn summary(ctx: &PageCtx, y: &Year) -> AppResult<Summary> {
    let t = &ctx.t;
    let db = &ctx.state.db;
    let lines = lines(t, y);
    let people = population::of_year(db, y.year).await?;
    let plan = y.plan.totals();
    let mut monthly = [0_i64; 12];
    if let Some(r) = &y.realisation {
        for (m, amount) in sql::monthly(db, r.id, &[(Col::Akun, "5".into())]).await? {
            if let Some(slot) = usize::try_from(m - 1).ok().and_then(|i| monthly.get_mut(i)) {
                *slot = amount;
            }
        }
    }
    let spending = AccountCode::parse("5").map_err(|_| platform::error::AppError::NotFound)?;
    let by_kelompok = view::build(ctx, y, &Scope::Account(Some(spending))).await?;
    let by_organisation = view::build(ctx, y, &Scope::Organisations).await?;
    let per = |amount: i64| people.map(|p| population::per_capita(amount, p));
    Ok(Summary {
        year: y.year,
        stage: y.plan.stage.clone(),
        version: y.plan.version,
        realisation_month: y.realisation.as_ref().and_then(|r| r.last_month),
        population: people,
        spending_per_capita: per(plan.spending),
        revenue_per_capita: per(plan.revenue),
        realised_spending_per_capita: y.realisation.as_ref().and_then(|r| per(r.total_spending)),
        lines,
        monthly_spending: monthly,
        spending_by_kelompok: by_kelompok,
        spending_by_organisation: by_organisation,
    })
}

pub struct LineView {
    pub key: &'static str,
    pub label: String,
    pub murni: Option<String>,
    pub plan: String,
    pub realisation: String,
    pub absorption: String,
    pub previous_year: Option<String>,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "public/summary.html")]
struct SummaryPage<'a> {
    t: &'a Tr,
    year: i32,
    heading: String,
    stage_note: String,
    revised: bool,
    has_previous: bool,
    previous_year: i32,
    lines: Vec<LineView>,
    per_capita: Vec<Fact>,
    population_note: String,
    chart: BarChart,
    rows: Vec<RowView>,
    total: Option<RowView>,
    level: String,
    chart_title: String,
    months: Option<MonthChart>,
    month_rows: Vec<Fact>,
    treemap: Treemap,
    tile_rows: Vec<TileRow>,
    links: Vec<(String, String)>,
    downloads: Vec<(String, String)>,
}

fn table(t: &Tr, s: &Summary) -> Table {
    let mut rows: Vec<Vec<Cell>> = s
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.label.clone()),
                Cell::Int(l.murni.unwrap_or(l.plan)),
                Cell::Int(l.plan),
                Cell::Int(l.realisation.unwrap_or(0)),
                Cell::Percent(l.realisation.and_then(|r| permille(r, l.plan))),
            ]
        })
        .collect();
    for i in &s.spending_by_kelompok.items {
        rows.push(vec![
            Cell::Text(format!("{} {}", i.code, i.name)),
            Cell::Text(String::new()),
            Cell::Int(i.plan),
            Cell::Int(i.realisation),
            Cell::Percent(permille(i.realisation, i.plan)),
        ]);
    }
    Table {
        sheet: format!("APBD {}", s.year),
        header: vec![
            t.t("budget-pages-col-item"),
            t.t("budget-stage-murni"),
            t.t("budget-pages-col-plan"),
            t.t("budget-pages-col-realisation"),
            t.t("budget-pages-col-absorption"),
        ],
        rows,
    }
}

/// `GET /anggaran/{tahun}` (and `?format=csv|xlsx|json`).
pub async fn page(
    ctx: PageCtx,
    Path(tahun): Path<String>,
    Query(pairs): Params,
) -> AppResult<Response> {
    let format = Format::parse(super::param(&pairs, "format"))?;
    if tahun == "terbaru" {
        let years = sql::published_years(&ctx.state.db).await?;
        return Ok(match years.first() {
            Some(y) => Redirect::to(&format!("/anggaran/{y}")).into_response(),
            None => Redirect::to("/anggaran").into_response(),
        });
    }
    let y = load_year(&ctx, &tahun, &pairs).await?;
    let s = summary(&ctx, &y).await?;
    let t = &ctx.t;
    let name = format!("apbd-{}-ringkasan", y.year);
    match format {
        Format::Csv => return Ok(download::csv(&name, &table(t, &s))),
        Format::Xlsx => return download::xlsx(&name, &table(t, &s)),
        Format::Json => return Ok(download::json(&name, &s)),
        Format::Html => {}
    }
    let lang = t.lang;
    let lines = s
        .lines
        .iter()
        .map(|l| LineView {
            key: l.key,
            label: l.label.clone(),
            murni: l.murni.map(|m| t.rupiah(&m)),
            plan: t.rupiah(&l.plan),
            realisation: l.realisation.map_or_else(|| "–".into(), |r| t.rupiah(&r)),
            absorption: percent(lang, l.realisation.and_then(|r| permille(r, l.plan))),
            previous_year: l.previous_year.map(|p| t.rupiah(&p)),
        })
        .collect();
    let fact = |key: &str, value: Option<i64>| Fact {
        label: t.t(key),
        value: value.map_or_else(|| "–".into(), |v| t.rupiah(&v)),
    };
    let per_capita = vec![
        fact("budget-pages-revenue-per-capita", s.revenue_per_capita),
        fact("budget-pages-spending-per-capita", s.spending_per_capita),
        fact(
            "budget-pages-realised-per-capita",
            s.realised_spending_per_capita,
        ),
    ];
    let population_note = match s.population {
        Some(p) => t.t1("budget-pages-population", "people", &t.number(&p)),
        None => t.t("budget-pages-population-unknown"),
    };
    let plan_spending = y.plan.total_spending;
    let months = y
        .realisation
        .as_ref()
        .map(|_| chart::months(t, &s.monthly_spending, plan_spending));
    let mut cumulative = 0;
    let month_rows = match &y.realisation {
        None => Vec::new(),
        Some(_) => s
            .monthly_spending
            .iter()
            .zip(1_u32..)
            .map(|(amount, m)| {
                cumulative += amount;
                Fact {
                    label: platform::i18n::month_name(lang, m).to_string(),
                    value: format!("{} ({})", t.rupiah(amount), t.rupiah(&cumulative)),
                }
            })
            .collect(),
    };
    let sfx = &y.suffix;
    let year = y.year;
    let links = vec![
        (
            t.t("budget-pages-by-organisation"),
            format!("/anggaran/{year}/organisasi{sfx}"),
        ),
        (
            t.t("budget-pages-by-function"),
            format!("/anggaran/{year}/fungsi{sfx}"),
        ),
        (
            t.t("budget-pages-by-account"),
            format!("/anggaran/{year}/akun{sfx}"),
        ),
        (
            t.t("budget-pages-compare"),
            format!("/anggaran/bandingkan?tahun={}&tahun={year}", year - 1),
        ),
    ];
    let k = &s.spending_by_kelompok;
    let (treemap, tile_rows) = treemap::treemap(
        t,
        &s.spending_by_organisation.items,
        &t.t("budget-pages-treemap-other"),
    );
    let heading = t.t1("budget-pages-year-title", "year", &year.to_string());
    let page = SummaryPage {
        t,
        year,
        heading: heading.clone(),
        stage_note: view::stage_note(t, &y),
        revised: y.murni.is_some(),
        has_previous: y.previous.is_some(),
        previous_year: year - 1,
        lines,
        per_capita,
        population_note,
        chart: chart::bars(t, &k.items),
        rows: view::rows(t, &k.items, k.total_plan),
        total: None,
        level: t.t("budget-level-kelompok"),
        chart_title: t.t("budget-pages-spending-by-kelompok"),
        months,
        month_rows,
        treemap,
        tile_rows,
        links,
        downloads: view::downloads(&format!("/anggaran/{year}"), sfx),
    };
    ctx.page(&heading, &page)
}
