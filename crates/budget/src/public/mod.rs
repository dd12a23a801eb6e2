//! The public budget pages (issue 4): `/anggaran` (the years with a published budget),
//! `/anggaran/{tahun}` (the year's summary), the drill-downs by organisation, by function
//! and by account with breadcrumbs, `/anggaran/bandingkan` (years side by side), and every
//! view as CSV, XLSX or JSON through `?format=csv|xlsx|json` on the same address.
//!
//! "The plan" of a year is its latest published budget stage: *perubahan* when published,
//! else *murni*; the realisation is the published realisation (up to its latest month).
//! `?tahap=murni|perubahan&versi=N` reads an earlier published (now superseded) version —
//! the address the publication log links to — and every link of such a page keeps it.
//!
//! Amounts are exact integer rupiah; only percentages are rounded, from integers.
//!
//! Where things are: `sql.rs` (all SQL), `view.rs` (the drill-down levels and their
//! tables), `summary.rs` (the year's page), `compare.rs` (years side by side), `chart.rs`
//! (inline SVG), `download.rs` (CSV, XLSX, JSON), `population.rs` (per-capita figures).

pub mod chart;
pub mod comments;
pub mod compare;
pub mod download;
pub mod population;
pub mod report;
pub mod sql;
pub mod summary;
pub mod treemap;
pub mod view;

use axum::extract::{Path, Query};
use axum::response::Response;
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::i18n::Lang;
use platform::web::{PageCtx, Routes};

use crate::import::Stage;
use crate::queries::{self, Version};

pub fn routes() -> Routes {
    Routes::new()
        .get("/anggaran", Access::Public, summary::years)
        .get("/anggaran/bandingkan", Access::Public, compare::page)
        .get("/anggaran/{tahun}", Access::Public, summary::page)
        .get(
            "/anggaran/{tahun}/organisasi",
            Access::Public,
            organisations,
        )
        .get(
            "/anggaran/{tahun}/organisasi/{kode}",
            Access::Public,
            organisation,
        )
        .get(
            "/anggaran/{tahun}/organisasi/{kode}/{fungsi}",
            Access::Public,
            organisation_function,
        )
        .get(
            "/anggaran/{tahun}/organisasi/{kode}/{fungsi}/{akun}",
            Access::Public,
            line,
        )
        .get("/anggaran/{tahun}/fungsi", Access::Public, functions)
        .get("/anggaran/{tahun}/fungsi/{kode}", Access::Public, function)
        .get("/anggaran/{tahun}/akun", Access::Public, accounts)
        .get("/anggaran/{tahun}/akun/{kode}", Access::Public, account)
}

/// The query parameters every budget page reads.
pub type Params = Query<Vec<(String, String)>>;

pub fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The versions one year's pages read.
#[derive(Clone, Debug)]
pub struct Year {
    pub year: i32,
    /// The plan: the latest published budget stage (or the version asked for).
    pub plan: Version,
    /// The original budget, when the plan is the revised one.
    pub murni: Option<Version>,
    /// The published realisation, if any.
    pub realisation: Option<Version>,
    /// The previous year's plan, for the comparison column.
    pub previous: Option<Version>,
    /// `?tahap=…&versi=…` when an earlier version was asked for (links keep it), else empty.
    pub suffix: String,
}

impl Year {
    /// Whether the plan is the revised budget.
    pub fn revised(&self) -> bool {
        self.plan.stage == Stage::Perubahan.as_str()
    }
}

/// The year's latest published plan: perubahan when published, else murni.
pub async fn latest_plan(db: &platform::db::Db, year: i32) -> AppResult<Option<Version>> {
    if let Some(v) = queries::published(db, year, Stage::Perubahan).await? {
        return Ok(Some(v));
    }
    Ok(queries::published(db, year, Stage::Murni).await?)
}

/// Load a year from the path segment `tahun` and the query (`tahap`, `versi`); 404 when the
/// year has no published budget or the version asked for is unknown or a draft.
pub async fn load_year(ctx: &PageCtx, tahun: &str, pairs: &[(String, String)]) -> AppResult<Year> {
    let year: i32 = tahun.trim().parse().map_err(|_| AppError::NotFound)?;
    if !crate::import::YEARS.contains(&year) {
        return Err(AppError::NotFound);
    }
    let db = &ctx.state.db;
    let asked = match (param(pairs, "tahap"), param(pairs, "versi")) {
        (Some(stage), Some(number)) if !stage.is_empty() && !number.is_empty() => {
            let stage = Stage::parse(stage)
                .filter(|s| *s != Stage::Realisasi)
                .ok_or(AppError::NotFound)?;
            let number: i32 = number.trim().parse().map_err(|_| AppError::NotFound)?;
            let version = queries::versions(db, year, stage)
                .await?
                .into_iter()
                .find(|v| v.version == number && v.status != "draft")
                .ok_or(AppError::NotFound)?;
            Some((stage, number, version))
        }
        _ => None,
    };
    let (plan, suffix) = match asked {
        Some((stage, number, version)) => {
            (version, format!("?tahap={}&versi={number}", stage.as_str()))
        }
        None => (
            latest_plan(db, year).await?.ok_or(AppError::NotFound)?,
            String::new(),
        ),
    };
    let murni = if plan.stage == Stage::Perubahan.as_str() {
        queries::published(db, year, Stage::Murni).await?
    } else {
        None
    };
    let realisation = queries::published(db, year, Stage::Realisasi).await?;
    let previous = latest_plan(db, year - 1).await?;
    Ok(Year {
        year,
        plan,
        murni,
        realisation,
        previous,
        suffix,
    })
}

/// The share `part / whole` in tenths of a percent, from integers (`None` when `whole` ≤ 0).
pub fn permille(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    let p = (i128::from(part) * 1000 + i128::from(whole) / 2) / i128::from(whole);
    i64::try_from(p).ok()
}

/// Tenths of a percent as text: `66,7 %` (id) / `66.7%` (en); `–` without a value.
pub fn percent(lang: Lang, permille: Option<i64>) -> String {
    let Some(p) = permille else {
        return "–".into();
    };
    let sign = if p < 0 { "-" } else { "" };
    let (whole, tenth) = (p.abs() / 10, p.abs() % 10);
    match lang {
        Lang::Id => format!("{sign}{whole},{tenth} %"),
        Lang::En => format!("{sign}{whole}.{tenth}%"),
    }
}

/// Tenths of a percent as a plain number for downloads (`66.7`), empty without a value.
pub fn percent_plain(permille: Option<i64>) -> String {
    permille.map_or_else(String::new, |p| {
        let sign = if p < 0 { "-" } else { "" };
        format!("{sign}{}.{}", p.abs() / 10, p.abs() % 10)
    })
}

async fn organisations(
    ctx: PageCtx,
    Path(tahun): Path<String>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::Organisations, &pairs).await
}

async fn organisation(
    ctx: PageCtx,
    Path((tahun, kode)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::organisation(&kode, None)?, &pairs).await
}

async fn organisation_function(
    ctx: PageCtx,
    Path((tahun, kode, fungsi)): Path<(String, String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    let scope = view::Scope::organisation(&kode, Some(&fungsi))?;
    view::respond(ctx, &tahun, scope, &pairs).await
}

async fn line(
    ctx: PageCtx,
    Path((tahun, kode, fungsi, akun)): Path<(String, String, String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(
        ctx,
        &tahun,
        view::Scope::line(&kode, &fungsi, &akun)?,
        &pairs,
    )
    .await
}

async fn functions(
    ctx: PageCtx,
    Path(tahun): Path<String>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::Function(None), &pairs).await
}

async fn function(
    ctx: PageCtx,
    Path((tahun, kode)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::function(&kode)?, &pairs).await
}

async fn accounts(
    ctx: PageCtx,
    Path(tahun): Path<String>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::Account(None), &pairs).await
}

async fn account(
    ctx: PageCtx,
    Path((tahun, kode)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    view::respond(ctx, &tahun, view::Scope::account(&kode)?, &pairs).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_from_integers() {
        assert_eq!(permille(2, 3), Some(667));
        assert_eq!(permille(1, 0), None);
        assert_eq!(permille(i64::MAX, i64::MAX), Some(1000));
        assert_eq!(percent(Lang::Id, Some(667)), "66,7 %");
        assert_eq!(percent(Lang::En, Some(1000)), "100.0%");
        assert_eq!(percent(Lang::En, None), "–");
        assert_eq!(percent_plain(Some(5)), "0.5");
    }
}
