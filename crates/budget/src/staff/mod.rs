//! The finance officers' pages (`/kelola/anggaran`): upload a budget or realisation file for
//! a year and stage, read the translated report of every problem (nothing is written) or
//! the new draft's totals, publish a draft, see every version with its status, download the
//! example file.
//!
//! Who: the finance office is the organisation whose id is the setting
//! `budget.finance_organisation` (default `bpkad`, the Badan Pengelolaan Keuangan dan Aset
//! Daerah). Its officers and verifiers, and platform administrators, may use these pages;
//! any other staff member gets 403 (the route requires staff, [`may_manage`] narrows it).
//! Import and publication write their own audit entries (`budget.import`,
//! `budget.publish`) in the same transaction as the data.

use askama::Template;
use axum::extract::{FromRequest, Path, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use platform::AppState;
use platform::authz::{Access, Actor, Role};
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::multipart::CsrfMultipart;
use platform::web::{CsrfForm, PageCtx, Routes};
use uuid::Uuid;

use crate::import::{self, ImportError, Importer, Stage};
use crate::public::sql;

pub fn routes() -> Routes {
    Routes::new()
        .get("/kelola/anggaran", Access::Staff, index)
        .post("/kelola/anggaran", Access::Staff, upload)
        .get("/kelola/anggaran/contoh.csv", Access::Staff, example)
        .post("/kelola/anggaran/{id}/terbitkan", Access::Staff, publish)
}

/// The setting naming the finance office's organisation id.
pub const FINANCE_SETTING: &str = "budget.finance_organisation";
/// The finance office without the setting.
pub const FINANCE_DEFAULT: &str = "bpkad";

/// The example file finance offices fill in.
pub const EXAMPLE_CSV: &str = include_str!("../../../../data/budget/contoh-apbd.csv");

/// Whether `actor` may import and publish budgets: an administrator, or an officer or
/// verifier of the finance office.
pub async fn may_manage(state: &AppState, actor: &Actor) -> AppResult<bool> {
    if actor.is_admin() {
        return Ok(true);
    }
    let finance = platform::settings::get(&state.db, FINANCE_SETTING)
        .await?
        .unwrap_or_else(|| FINANCE_DEFAULT.to_string());
    Ok(actor.has_role_in(Role::Officer, &finance) || actor.has_role_in(Role::Verifier, &finance))
}

async fn guard(ctx: &PageCtx) -> AppResult<()> {
    if may_manage(&ctx.state, &ctx.actor).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub struct VersionRow {
    pub id: String,
    pub year: i32,
    pub stage: String,
    pub version: i32,
    pub status: String,
    pub draft: bool,
    pub file: String,
    pub lines: String,
    pub imported: String,
    pub href: Option<String>,
}

pub struct ProblemRow {
    pub row: String,
    pub column: String,
    pub message: String,
}

pub struct Draft {
    pub id: String,
    pub title: String,
    pub facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "staff/index.html")]
struct IndexPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    notice: Option<String>,
    errors: Vec<String>,
    report: Option<(String, Vec<ProblemRow>)>,
    draft: Option<Draft>,
    year: String,
    stage: String,
    stages: Vec<(&'static str, String)>,
    versions: Vec<VersionRow>,
}

async fn versions(ctx: &PageCtx) -> AppResult<Vec<VersionRow>> {
    let t = &ctx.t;
    Ok(sql::all_versions(&ctx.state.db)
        .await?
        .into_iter()
        .map(|v| VersionRow {
            id: v.id.to_string(),
            year: v.fiscal_year,
            stage: t.t(Stage::parse(&v.stage).unwrap_or(Stage::Murni).key()),
            version: v.version,
            status: t.t(&format!("budget-staff-status-{}", v.status)),
            draft: v.status == "draft",
            file: v.source_name.clone(),
            lines: t.number(&i64::from(v.line_count)),
            imported: format!("{} · {}", t.datetime(&v.imported_at), v.imported_by_name),
            href: (v.status != "draft" && v.stage != "realisasi").then(|| {
                import::public_url(
                    v.fiscal_year,
                    Stage::parse(&v.stage).unwrap_or(Stage::Murni),
                    v.version,
                )
            }),
        })
        .collect())
}

fn stages(t: &Tr) -> Vec<(&'static str, String)> {
    Stage::ALL
        .iter()
        .map(|s| (s.as_str(), t.t(s.key())))
        .collect()
}

async fn render(ctx: &PageCtx, status: StatusCode, mut page: IndexPage<'_>) -> AppResult<Response> {
    page.versions = versions(ctx).await?;
    let title = ctx.t.t("budget-staff-title");
    ctx.page_with_status(status, &title, &page)
}

fn blank<'a>(ctx: &'a PageCtx) -> IndexPage<'a> {
    let t = &ctx.t;
    IndexPage {
        t,
        csrf: &ctx.csrf,
        notice: None,
        errors: Vec::new(),
        report: None,
        draft: None,
        year: String::new(),
        stage: Stage::Murni.as_str().into(),
        stages: stages(t),
        versions: Vec::new(),
    }
}

/// `GET /kelola/anggaran`.
pub async fn index(ctx: PageCtx) -> AppResult<Response> {
    guard(&ctx).await?;
    let page = blank(&ctx);
    render(&ctx, StatusCode::OK, page).await
}

/// `POST /kelola/anggaran` (multipart: `tahun`, `tahap`, `berkas`). Who may upload is
/// checked before the body is read.
pub async fn upload(ctx: PageCtx, req: Request) -> AppResult<Response> {
    guard(&ctx).await?;
    let form = CsrfMultipart::from_request(req, &ctx.state).await?;
    let t = &ctx.t;
    let mut page = blank(&ctx);
    page.year = form.text("tahun").unwrap_or("").trim().to_string();
    page.stage = form.text("tahap").unwrap_or("").trim().to_string();
    let year = page
        .year
        .parse::<i32>()
        .ok()
        .filter(|y| import::YEARS.contains(y));
    let stage = Stage::parse(&page.stage);
    let file = form.file("berkas");
    if year.is_none() {
        page.errors.push(t.t("budget-staff-error-year"));
    }
    if stage.is_none() {
        page.errors.push(t.t("budget-staff-error-stage"));
    }
    if file.is_none() {
        page.errors.push(t.t("budget-staff-error-file"));
    }
    let (Some(year), Some(stage), Some(file)) = (year, stage, file) else {
        return render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page).await;
    };
    let by = Importer::from(&ctx.actor);
    match import::import_file(&ctx.state, &file.bytes, &file.file_name, year, stage, &by).await {
        Ok(summary) => {
            let totals = summary.totals;
            let fact = |key: &str, value: i64| (t.t(key), t.rupiah(&value));
            page.draft = Some(Draft {
                id: summary.version_id.to_string(),
                title: t.ta(
                    "budget-staff-draft-title",
                    &[
                        ("year", platform::i18n::Arg::Str(year.to_string())),
                        ("stage", platform::i18n::Arg::Str(t.t(stage.key()))),
                        (
                            "version",
                            platform::i18n::Arg::Str(summary.version.to_string()),
                        ),
                    ],
                ),
                facts: vec![
                    (
                        t.t("budget-staff-col-lines"),
                        t.number(&i64::try_from(summary.lines).unwrap_or(i64::MAX)),
                    ),
                    fact("budget-pages-revenue", totals.revenue),
                    fact("budget-pages-spending", totals.spending),
                    fact("budget-pages-surplus", totals.surplus()),
                    fact("budget-pages-financing-receipts", totals.financing_receipts),
                    fact(
                        "budget-pages-financing-expenditure",
                        totals.financing_expenditure,
                    ),
                    fact("budget-pages-net-financing", totals.net_financing()),
                ],
            });
            render(&ctx, StatusCode::OK, page).await
        }
        Err(ImportError::Rejected(report)) => {
            let rows = report
                .problems
                .iter()
                .map(|p| ProblemRow {
                    row: p.row.map(|r| r.to_string()).unwrap_or_default(),
                    column: p.column.unwrap_or("").to_string(),
                    message: p.message(t),
                })
                .collect::<Vec<_>>();
            let title = t.tn(
                "budget-staff-report-title",
                "count",
                i64::try_from(rows.len()).unwrap_or(0),
            );
            page.report = Some((title, rows));
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page).await
        }
        Err(ImportError::Failed(err)) => Err(AppError::Internal(err)),
    }
}

#[derive(serde::Deserialize)]
pub struct PublishForm {}

/// `POST /kelola/anggaran/{id}/terbitkan`: publish a draft, then back to the list.
pub async fn publish(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_form): CsrfForm<PublishForm>,
) -> AppResult<Response> {
    guard(&ctx).await?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let by = Importer::from(&ctx.actor);
    match import::publish(&ctx.state, id, &by).await {
        Ok(published) => {
            let mut page = blank(&ctx);
            page.notice = Some(ctx.t.t1(
                "budget-staff-published",
                "seq",
                &published.log_seq.to_string(),
            ));
            render(&ctx, StatusCode::OK, page).await
        }
        Err(import::PublishError::NotFound) => Err(AppError::NotFound),
        Err(import::PublishError::NotDraft) => Err(AppError::Conflict("budget-publish-not-draft")),
        Err(import::PublishError::Failed(e)) => Err(e.into()),
    }
}

/// `GET /kelola/anggaran/contoh.csv`: the example file.
pub async fn example(ctx: PageCtx) -> AppResult<Response> {
    guard(&ctx).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"contoh-apbd.csv\"",
            ),
        ],
        EXAMPLE_CSV,
    )
        .into_response())
}
