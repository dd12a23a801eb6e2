//! The budget JSON API under `/api/v1/budget/` (English field names, amounts in whole
//! rupiah as integers) and the Fiscal Data Package of each published year
//! (`/anggaran/{tahun}/datapackage.json`, [`datapackage`]). Documented in
//! `crates/budget/src/openapi.json`.
//!
//! - `GET /api/v1/budget/years`: the public versions (published and superseded, never
//!   drafts) of every year and stage;
//! - `GET /api/v1/budget/{year}`: a year's summary — revenue, spending, financing and
//!   surplus/deficit of the original budget, the revised budget and the realisation, and
//!   the absorption;
//! - `GET /api/v1/budget/{year}/breakdown?by=&level=&parent=&organisation=&direction=`: the
//!   sums per organisation, function level or account level, with plan, revised and
//!   realisation side by side;
//! - `GET /api/v1/budget/{year}/sub-kegiatan/{code}`: the lines of a sub kegiatan.
//!
//! Figures are always of the *published* version of each stage.

pub mod datapackage;
pub mod names;
pub mod sql;

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query};
use chrono::{DateTime, Utc};
use platform::authz::Access;
use platform::db::Db;
use platform::error::{AppError, AppResult};
use platform::web::{PageCtx, Routes};
use serde::Serialize;

use crate::codes::{AccountCode, AccountLevel, FunctionCode, FunctionLevel, OrganisationCode};
use crate::import::{Stage, Totals};
use crate::queries::{self, Version};
use sql::{Col, Filter};

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/budget/years", Access::Public, years)
        .get("/api/v1/budget/{year}", Access::Public, summary)
        .get("/api/v1/budget/{year}/breakdown", Access::Public, breakdown)
        .get(
            "/api/v1/budget/{year}/sub-kegiatan/{code}",
            Access::Public,
            sub_kegiatan,
        )
        .get(
            "/anggaran/{tahun}/datapackage.json",
            Access::Public,
            datapackage::descriptor,
        )
        .get(
            "/anggaran/{tahun}/data/{file}",
            Access::Public,
            datapackage::resource,
        )
}

/// A version as the public sees it.
#[derive(Clone, Debug, Serialize)]
pub struct VersionInfo {
    pub stage: &'static str,
    pub version: i32,
    /// `published` or `superseded`.
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub superseded_at: Option<DateTime<Utc>>,
    pub lines: i32,
    /// Realisation: the latest month reported.
    pub last_month: Option<i32>,
    pub totals: Figures,
}

impl VersionInfo {
    fn new(v: &Version) -> VersionInfo {
        VersionInfo {
            stage: Stage::parse(&v.stage).map_or("murni", Stage::as_str),
            version: v.version,
            status: v.status.clone(),
            published_at: v.published_at,
            superseded_at: v.superseded_at,
            lines: v.line_count,
            last_month: v.last_month,
            totals: Figures::from(v.totals()),
        }
    }
}

/// The totals of a version and the balances derived from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub revenue: i64,
    pub spending: i64,
    /// Revenue − spending.
    pub surplus_deficit: i64,
    pub financing_receipts: i64,
    pub financing_expenditure: i64,
    /// Receipts − expenditure.
    pub net_financing: i64,
}

impl From<Totals> for Figures {
    fn from(t: Totals) -> Figures {
        Figures {
            revenue: t.revenue,
            spending: t.spending,
            surplus_deficit: t.revenue - t.spending,
            financing_receipts: t.financing_receipts,
            financing_expenditure: t.financing_expenditure,
            net_financing: t.financing_receipts - t.financing_expenditure,
        }
    }
}

#[derive(Serialize)]
pub struct YearVersions {
    pub year: i32,
    pub url: String,
    pub versions: Vec<VersionInfo>,
}

#[derive(Serialize)]
pub struct YearList {
    pub years: Vec<YearVersions>,
}

pub async fn years(ctx: PageCtx) -> AppResult<Json<YearList>> {
    let mut by_year: BTreeMap<i32, Vec<VersionInfo>> = BTreeMap::new();
    for v in sql::public_versions(&ctx.state.db).await? {
        by_year
            .entry(v.fiscal_year)
            .or_default()
            .push(VersionInfo::new(&v));
    }
    Ok(Json(YearList {
        years: by_year
            .into_iter()
            .rev()
            .map(|(year, versions)| YearVersions {
                year,
                url: format!("/api/v1/budget/{year}"),
                versions,
            })
            .collect(),
    }))
}

/// The published version of each stage of a year; a year without a published budget
/// (original or revised) does not exist for the public.
pub struct Published {
    pub year: i32,
    pub murni: Option<Version>,
    pub perubahan: Option<Version>,
    pub realisasi: Option<Version>,
}

impl Published {
    /// The plan in force: the revised budget once there is one (always one of them for a
    /// year [`Published::load`] returned).
    pub fn in_force(&self) -> Option<&Version> {
        self.perubahan.as_ref().or(self.murni.as_ref())
    }

    /// The budget versions (original first), for names.
    pub fn budgets(&self) -> impl Iterator<Item = &Version> {
        self.murni.iter().chain(self.perubahan.iter())
    }

    pub async fn load(db: &Db, year: &str) -> AppResult<Published> {
        let year: i32 = year.trim().parse().map_err(|_| AppError::NotFound)?;
        if !crate::import::YEARS.contains(&year) {
            return Err(AppError::NotFound);
        }
        let murni = queries::published(db, year, Stage::Murni).await?;
        let perubahan = queries::published(db, year, Stage::Perubahan).await?;
        if murni.is_none() && perubahan.is_none() {
            return Err(AppError::NotFound);
        }
        let realisasi = queries::published(db, year, Stage::Realisasi).await?;
        Ok(Published {
            year,
            murni,
            perubahan,
            realisasi,
        })
    }
}

#[derive(Serialize)]
pub struct Summary {
    pub year: i32,
    /// The original budget; null when only a revised one is published.
    pub plan: Option<Figures>,
    pub revised: Option<Figures>,
    pub realisation: Option<Figures>,
    /// Realised spending in thousandths of the spending of the plan in force.
    pub absorption_permille: Option<i64>,
    /// The latest month of the realisation.
    pub last_month: Option<i32>,
    pub versions: Vec<VersionInfo>,
    pub datapackage_url: String,
    pub page_url: String,
}

/// `part / whole` in thousandths, rounded half up; None without a whole.
pub fn permille(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    let (p, w) = (i128::from(part), i128::from(whole));
    i64::try_from((p * 2000 + w) / (2 * w)).ok()
}

pub async fn summary(ctx: PageCtx, Path(year): Path<String>) -> AppResult<Json<Summary>> {
    let p = Published::load(&ctx.state.db, &year).await?;
    let figures = |v: &Option<Version>| v.as_ref().map(|v| Figures::from(v.totals()));
    let absorption = p
        .realisasi
        .as_ref()
        .zip(p.in_force())
        .and_then(|(r, plan)| permille(r.total_spending, plan.total_spending));
    let versions = p
        .murni
        .iter()
        .chain(p.perubahan.iter())
        .chain(p.realisasi.iter())
        .map(VersionInfo::new)
        .collect();
    Ok(Json(Summary {
        year: p.year,
        plan: figures(&p.murni),
        revised: figures(&p.perubahan),
        realisation: figures(&p.realisasi),
        absorption_permille: absorption,
        last_month: p.realisasi.as_ref().and_then(|r| r.last_month),
        versions,
        datapackage_url: format!("/anggaran/{}/datapackage.json", p.year),
        page_url: format!("/anggaran/{}", p.year),
    }))
}

/// What a breakdown groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum By {
    Organisation,
    Function,
    Account,
}

/// The column a `level` value names in a dimension.
fn level_col(by: By, level: &str) -> Option<Col> {
    match (by, level) {
        (By::Organisation, "organisation") => Some(Col::Organisation),
        (By::Function, "urusan") => Some(Col::Urusan),
        (By::Function, "bidang") => Some(Col::Bidang),
        (By::Function, "program") => Some(Col::Program),
        (By::Function, "kegiatan") => Some(Col::Kegiatan),
        (By::Function, "sub_kegiatan") => Some(Col::SubKegiatan),
        (By::Account, "akun") => Some(Col::Akun),
        (By::Account, "kelompok") => Some(Col::Kelompok),
        (By::Account, "jenis") => Some(Col::Jenis),
        (By::Account, "account") => Some(Col::Account),
        _ => None,
    }
}

fn function_col(level: FunctionLevel) -> Col {
    match level {
        FunctionLevel::Urusan => Col::Urusan,
        FunctionLevel::Bidang => Col::Bidang,
        FunctionLevel::Program => Col::Program,
        FunctionLevel::Kegiatan => Col::Kegiatan,
        FunctionLevel::SubKegiatan => Col::SubKegiatan,
    }
}

const FUNCTION_ORDER: [Col; 5] = [
    Col::Urusan,
    Col::Bidang,
    Col::Program,
    Col::Kegiatan,
    Col::SubKegiatan,
];
const ACCOUNT_ORDER: [Col; 4] = [Col::Akun, Col::Kelompok, Col::Jenis, Col::Account];

/// The parent filter of a breakdown: a code of a level above the requested one, in the
/// same dimension.
fn parent_filter(by: By, level: Col, parent: &str) -> AppResult<Filter> {
    let bad = AppError::BadRequest("budget-api-bad-parent");
    let (col, order): (Col, &[Col]) = match by {
        By::Function => {
            let code = FunctionCode::parse(parent).map_err(|_| bad)?;
            (function_col(code.level()), &FUNCTION_ORDER)
        }
        By::Account => {
            let code = AccountCode::parse(parent)
                .map_err(|_| AppError::BadRequest("budget-api-bad-parent"))?;
            let col = match code.level() {
                AccountLevel::Akun => Col::Akun,
                AccountLevel::Kelompok => Col::Kelompok,
                AccountLevel::Jenis => Col::Jenis,
                _ => return Err(AppError::BadRequest("budget-api-bad-parent")),
            };
            (col, &ACCOUNT_ORDER)
        }
        By::Organisation => return Err(AppError::BadRequest("budget-api-bad-parent")),
    };
    let rank = |c: Col| order.iter().position(|o| *o == c);
    match (rank(col), rank(level)) {
        (Some(p), Some(l)) if p < l => Ok(Filter::Is(col, parent.trim().to_string())),
        _ => Err(AppError::BadRequest("budget-api-bad-parent")),
    }
}

/// One item of a breakdown.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub code: String,
    pub name: String,
    /// The platform organisation (organisation breakdown), when matched.
    pub organisation_id: Option<String>,
    /// The original budget (0 when the line is not in it, null without an original budget).
    pub plan: Option<i64>,
    pub revised: Option<i64>,
    pub realisation: Option<i64>,
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct ItemTotals {
    pub plan: Option<i64>,
    pub revised: Option<i64>,
    pub realisation: Option<i64>,
}

#[derive(Serialize)]
pub struct Breakdown {
    pub year: i32,
    pub by: &'static str,
    pub level: String,
    pub parent: Option<String>,
    pub organisation: Option<String>,
    pub direction: Option<&'static str>,
    pub items: Vec<Item>,
    pub total: ItemTotals,
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Names of a level's codes: from the files (organisation, programme, kegiatan, sub
/// kegiatan, account) or the fixed upper levels.
async fn names_for(db: &Db, p: &Published, col: Col) -> AppResult<BTreeMap<String, String>> {
    let kind = match col {
        Col::Organisation => "organisation",
        Col::Program => "program",
        Col::Kegiatan => "kegiatan",
        Col::SubKegiatan => "sub_kegiatan",
        Col::Account => "account",
        _ => return Ok(BTreeMap::new()),
    };
    kind_names(db, p, kind).await
}

/// The names of `kind` in the year's published budgets (the revised budget's win).
async fn kind_names(db: &Db, p: &Published, kind: &str) -> AppResult<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for v in p.budgets() {
        out.extend(sql::names(db, v.id, kind).await?);
    }
    Ok(out)
}

fn fixed_name(col: Col, code: &str) -> Option<&'static str> {
    match col {
        Col::Urusan | Col::Bidang => names::function(code),
        Col::Akun | Col::Kelompok | Col::Jenis => names::account(code),
        _ => None,
    }
}

pub async fn breakdown(
    ctx: PageCtx,
    Path(year): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<Breakdown>> {
    let db = &ctx.state.db;
    let p = Published::load(db, &year).await?;
    let (by, by_name, default_level) = match param(&pairs, "by").unwrap_or("function") {
        "organisation" => (By::Organisation, "organisation", "organisation"),
        "function" => (By::Function, "function", "urusan"),
        "account" => (By::Account, "account", "akun"),
        _ => return Err(AppError::BadRequest("budget-api-bad-by")),
    };
    let level = param(&pairs, "level").unwrap_or(default_level);
    let col = level_col(by, level).ok_or(AppError::BadRequest("budget-api-bad-level"))?;
    let mut filters = Vec::new();
    if by == By::Function {
        // Revenue, financing and spending without a sub kegiatan have no function.
        filters.push(Filter::NotEmpty(Col::Urusan));
    }
    let parent = param(&pairs, "parent");
    if let Some(parent) = parent {
        filters.push(parent_filter(by, col, parent)?);
    }
    let organisation = param(&pairs, "organisation");
    if let Some(code) = organisation {
        OrganisationCode::parse(code)
            .map_err(|_| AppError::BadRequest("budget-api-bad-organisation"))?;
        filters.push(Filter::Is(Col::Organisation, code.to_string()));
    }
    let direction = match param(&pairs, "direction") {
        None if by == By::Organisation => Some(("expenditure", "5")),
        None => None,
        Some("expenditure") => Some(("expenditure", "5")),
        Some("revenue") => Some(("revenue", "4")),
        Some("financing") => Some(("financing", "6")),
        Some(_) => return Err(AppError::BadRequest("budget-api-bad-direction")),
    };
    if let Some((_, akun)) = direction {
        filters.push(Filter::Is(Col::Akun, akun.to_string()));
    }
    let mut items: BTreeMap<String, [Option<i64>; 3]> = BTreeMap::new();
    let stages = [&p.murni, &p.perubahan, &p.realisasi];
    for (i, v) in stages.iter().enumerate() {
        let Some(v) = v else { continue };
        for (code, sum) in sql::sums(db, v, col, &filters).await? {
            items.entry(code).or_insert([None; 3])[i] = Some(sum);
        }
    }
    let names = names_for(db, &p, col).await?;
    let organisation_ids: BTreeMap<String, String> = if col == Col::Organisation {
        let mut ids = BTreeMap::new();
        for v in p.budgets() {
            ids.extend(sql::organisation_ids(db, v.id).await?);
        }
        ids
    } else {
        BTreeMap::new()
    };
    let present = |i: usize| stages[i].is_some();
    let mut total = ItemTotals::default();
    let items: Vec<Item> = items
        .into_iter()
        .map(|(code, sums)| {
            let value = |i: usize| present(i).then(|| sums[i].unwrap_or(0));
            let item = Item {
                name: names
                    .get(&code)
                    .cloned()
                    .or_else(|| fixed_name(col, &code).map(str::to_string))
                    .unwrap_or_default(),
                organisation_id: organisation_ids.get(&code).cloned(),
                plan: value(0),
                revised: value(1),
                realisation: value(2),
                code,
            };
            let add = |t: Option<i64>, x: Option<i64>| x.map(|x| t.unwrap_or(0) + x);
            total.plan = add(total.plan, item.plan);
            total.revised = add(total.revised, item.revised);
            total.realisation = add(total.realisation, item.realisation);
            item
        })
        .collect();
    Ok(Json(Breakdown {
        year: p.year,
        by: by_name,
        level: level.to_string(),
        parent: parent.map(str::to_string),
        organisation: organisation.map(str::to_string),
        direction: direction.map(|(d, _)| d),
        items,
        total,
    }))
}

/// One line of a sub kegiatan.
#[derive(Clone, Debug, Serialize)]
pub struct SubLine {
    pub organisation_code: String,
    pub organisation_name: String,
    pub organisation_id: Option<String>,
    pub account_code: String,
    pub account_name: String,
    pub source_of_funds: String,
    pub plan: Option<i64>,
    pub revised: Option<i64>,
    pub realisation: Option<i64>,
}

#[derive(Serialize)]
pub struct Named {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct SubKegiatan {
    pub year: i32,
    pub code: String,
    pub name: String,
    pub program: Named,
    pub kegiatan: Named,
    pub lines: Vec<SubLine>,
    pub total: ItemTotals,
}

/// The merged lines of the published versions of a year: one row per organisation, sub
/// kegiatan, account and source of funds, with plan, revised and realisation (realisation
/// has no source of funds: it goes to the first line of its organisation, sub kegiatan and
/// account). Shared by the sub kegiatan endpoint and the Fiscal Data Package.
pub struct Merged {
    /// (organisation, sub kegiatan, account, source) → [plan, revised, realisation].
    pub rows: BTreeMap<(String, String, String, String), [Option<i64>; 3]>,
}

pub async fn merged_lines(db: &Db, p: &Published, sub: Option<&str>) -> AppResult<Merged> {
    let mut rows: BTreeMap<(String, String, String, String), [Option<i64>; 3]> = BTreeMap::new();
    for (i, v) in [&p.murni, &p.perubahan].into_iter().enumerate() {
        let Some(v) = v else { continue };
        for (org, s, account, source, amount) in sql::budget_rows(db, v.id, sub).await? {
            let slot = &mut rows.entry((org, s, account, source)).or_insert([None; 3])[i];
            *slot = Some(slot.unwrap_or(0) + amount);
        }
    }
    if let Some(r) = &p.realisasi {
        for (org, s, account, amount) in sql::realisation_rows(db, r.id, sub).await? {
            let key = rows
                .range((org.clone(), s.clone(), account.clone(), String::new())..)
                .next()
                .map(|(k, _)| k.clone())
                .filter(|k| k.0 == org && k.1 == s && k.2 == account)
                .unwrap_or((org, s, account, String::new()));
            let slot = &mut rows.entry(key).or_insert([None; 3])[2];
            *slot = Some(slot.unwrap_or(0) + amount);
        }
    }
    Ok(Merged { rows })
}

pub async fn sub_kegiatan(
    ctx: PageCtx,
    Path((year, code)): Path<(String, String)>,
) -> AppResult<Json<SubKegiatan>> {
    let db = &ctx.state.db;
    let p = Published::load(db, &year).await?;
    let code = FunctionCode::parse_at(code.trim(), FunctionLevel::SubKegiatan)
        .map_err(|_| AppError::BadRequest("budget-api-bad-sub-kegiatan"))?;
    let merged = merged_lines(db, &p, Some(code.as_str())).await?;
    if merged.rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let organisations = kind_names(db, &p, "organisation").await?;
    let accounts = kind_names(db, &p, "account").await?;
    let functions = {
        let mut all = kind_names(db, &p, "program").await?;
        all.extend(kind_names(db, &p, "kegiatan").await?);
        all.extend(kind_names(db, &p, "sub_kegiatan").await?);
        all
    };
    let mut ids = BTreeMap::new();
    for v in p.budgets() {
        ids.extend(sql::organisation_ids(db, v.id).await?);
    }
    let present = [
        p.murni.is_some(),
        p.perubahan.is_some(),
        p.realisasi.is_some(),
    ];
    let mut total = ItemTotals::default();
    let lines: Vec<SubLine> = merged
        .rows
        .into_iter()
        .map(|((org, _, account, source), sums)| {
            let value = |i: usize| present[i].then(|| sums[i].unwrap_or(0));
            let line = SubLine {
                organisation_name: organisations.get(&org).cloned().unwrap_or_default(),
                organisation_id: ids.get(&org).cloned(),
                organisation_code: org,
                account_name: accounts.get(&account).cloned().unwrap_or_default(),
                account_code: account,
                source_of_funds: source,
                plan: value(0),
                revised: value(1),
                realisation: value(2),
            };
            let add = |t: Option<i64>, x: Option<i64>| x.map(|x| t.unwrap_or(0) + x);
            total.plan = add(total.plan, line.plan);
            total.revised = add(total.revised, line.revised);
            total.realisation = add(total.realisation, line.realisation);
            line
        })
        .collect();
    let named = |level: FunctionLevel| {
        let c = code
            .ancestor(level)
            .map(|c| c.to_string())
            .unwrap_or_default();
        Named {
            name: functions.get(&c).cloned().unwrap_or_default(),
            code: c,
        }
    };
    Ok(Json(SubKegiatan {
        year: p.year,
        name: functions.get(code.as_str()).cloned().unwrap_or_default(),
        program: named(FunctionLevel::Program),
        kegiatan: named(FunctionLevel::Kegiatan),
        code: code.to_string(),
        lines,
        total,
    }))
}
