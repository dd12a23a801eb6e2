//! Admin pages of the working-day calendar: `/admin/kalender` lists one year's holidays and
//! cuti bersama, with forms to add, correct and remove a day. Every change is audited and
//! drops this node's cached calendar.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::{Holiday, Kind};
use crate::audit::{self, Change};
use crate::authz::Access::Admin;
use crate::db::{RowsAffected, is_unique_violation};
use crate::error::{AppError, AppResult, FieldError, OptionExt};
use crate::i18n::Tr;
use crate::on_db;
use crate::web::{CsrfForm, PageCtx, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/kalender", Admin, list)
        .post("/admin/kalender", Admin, create)
        .get("/admin/kalender/{tanggal}/ubah", Admin, edit_form)
        .post("/admin/kalender/{tanggal}/ubah", Admin, update)
        .post("/admin/kalender/{tanggal}/hapus", Admin, delete)
}

const NAME_MAX: usize = 200;

#[derive(Deserialize, Default, Clone, Debug)]
pub struct HolidayForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name_id: String,
    #[serde(default)]
    pub name_en: String,
}

impl HolidayForm {
    fn from_holiday(h: &Holiday) -> HolidayForm {
        HolidayForm {
            day: h.day.format("%Y-%m-%d").to_string(),
            kind: h.kind.as_str().into(),
            name_id: h.name_id.clone(),
            name_en: h.name_en.clone(),
        }
    }

    /// The holiday this form describes, or the field errors.
    pub fn validate(&self) -> Result<Holiday, Vec<FieldError>> {
        let mut errors = Vec::new();
        let day = NaiveDate::parse_from_str(self.day.trim(), "%Y-%m-%d").ok();
        if day.is_none() {
            errors.push(FieldError::new("day", "calendar-error-day"));
        }
        let kind = Kind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", "calendar-error-kind"));
        }
        for (field, value) in [("name_id", &self.name_id), ("name_en", &self.name_en)] {
            let value = value.trim();
            if value.is_empty() {
                errors.push(FieldError::new(field, "calendar-error-name-required"));
            } else if value.chars().count() > NAME_MAX {
                errors.push(FieldError::new(field, "calendar-error-name-long"));
            }
        }
        match (day, kind) {
            (Some(day), Some(kind)) if errors.is_empty() => Ok(Holiday {
                day,
                kind,
                name_id: self.name_id.trim().into(),
                name_en: self.name_en.trim().into(),
            }),
            _ => Err(errors),
        }
    }
}

/// A form as shown: the values typed and a translated message per failing field.
pub struct FormView {
    pub values: HolidayForm,
    pub errors: Vec<(String, String)>,
}

impl FormView {
    fn new(values: HolidayForm, errors: &[FieldError], t: &Tr) -> FormView {
        FormView {
            values,
            errors: errors
                .iter()
                .map(|e| (e.field.clone(), t.t(&e.key)))
                .collect(),
        }
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

struct Row {
    day: String,
    date: String,
    weekday: String,
    kind: &'static str,
    kind_label: String,
    name: String,
}

#[derive(Template)]
#[template(path = "calendar/admin.html")]
struct ListTemplate<'a> {
    t: &'a Tr,
    csrf: &'a str,
    year: i32,
    years: Vec<i32>,
    rows: Vec<Row>,
    form: FormView,
}

#[derive(Template)]
#[template(path = "calendar/edit.html")]
struct EditTemplate<'a> {
    t: &'a Tr,
    csrf: &'a str,
    original: String,
    form: FormView,
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    #[serde(default)]
    tahun: Option<String>,
}

fn weekday_key(day: NaiveDate) -> String {
    format!("calendar-weekday-{}", day.weekday().num_days_from_monday())
}

async fn render_list(
    ctx: &PageCtx,
    year: i32,
    form: FormView,
    status: StatusCode,
) -> AppResult<Response> {
    let calendar = super::Calendar::load(&ctx.state.db).await?;
    let mut years: Vec<i32> = super::all(&ctx.state.db)
        .await?
        .iter()
        .map(|h| h.day.year())
        .collect();
    let this_year = ctx.state.clock.today().year();
    years.extend([this_year, this_year + 1, year]);
    years.sort_unstable();
    years.dedup();
    let rows = calendar
        .year(year)
        .into_iter()
        .map(|h| Row {
            day: h.day.format("%Y-%m-%d").to_string(),
            date: ctx.t.date(&h.day),
            weekday: ctx.t.t(&weekday_key(h.day)),
            kind: h.kind.as_str(),
            kind_label: ctx.t.t(&format!("calendar-kind-{}", h.kind.as_str())),
            name: ctx.pick(&h.name_id, &h.name_en).to_string(),
        })
        .collect();
    let title = ctx.t.t1("calendar-admin-title", "year", &year.to_string());
    ctx.page_with_status(
        status,
        &title,
        &ListTemplate {
            t: &ctx.t,
            csrf: &ctx.csrf,
            year,
            years,
            rows,
            form,
        },
    )
}

fn year_from(raw: Option<&str>, default: i32) -> i32 {
    raw.and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|y| (1900..=2200).contains(y))
        .unwrap_or(default)
}

async fn list(ctx: PageCtx, Query(q): Query<YearQuery>) -> AppResult<Response> {
    let year = year_from(q.tahun.as_deref(), ctx.state.clock.today().year());
    let form = HolidayForm {
        kind: Kind::National.as_str().into(),
        ..HolidayForm::default()
    };
    render_list(&ctx, year, FormView::new(form, &[], &ctx.t), StatusCode::OK).await
}

async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<HolidayForm>) -> AppResult<Response> {
    let fallback_year = ctx.state.clock.today().year();
    let holiday = match form.validate() {
        Ok(h) => h,
        Err(errors) => {
            let year = NaiveDate::parse_from_str(form.day.trim(), "%Y-%m-%d")
                .map(|d| d.year())
                .unwrap_or(fallback_year);
            return render_list(
                &ctx,
                year,
                FormView::new(form, &errors, &ctx.t),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let inserted = on_db!(&mut tx, tx; conn => sqlx::query(
        "INSERT INTO holidays (day, kind, name_id, name_en, updated_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(holiday.day).bind(holiday.kind.as_str()).bind(&holiday.name_id).bind(&holiday.name_en).bind(now)
        .execute(&mut **conn).await.affected());
    match inserted {
        Err(err) if is_unique_violation(&err) => {
            drop(tx);
            let errors = [FieldError::new("day", "calendar-error-duplicate")];
            return render_list(
                &ctx,
                holiday.day.year(),
                FormView::new(form, &errors, &ctx.t),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        other => other?,
    };
    let day = holiday.day.format("%Y-%m-%d").to_string();
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "holiday.create",
            entity_type: "holiday",
            entity_id: &day,
            organisation_id: None,
            before: None,
            after: serde_json::to_value(&holiday).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.state.calendar.invalidate();
    Ok(Redirect::to(&format!(
        "/admin/kalender?tahun={}&ok=saved",
        holiday.day.year()
    ))
    .into_response())
}

fn parse_day(raw: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| AppError::NotFound)
}

async fn edit_form(ctx: PageCtx, Path(day): Path<String>) -> AppResult<Response> {
    let day = parse_day(&day)?;
    let holiday = super::find(&ctx.state.db, day).await?.or_not_found()?;
    let form = FormView::new(HolidayForm::from_holiday(&holiday), &[], &ctx.t);
    let title = ctx.t.t("calendar-edit-title");
    ctx.page(
        &title,
        &EditTemplate {
            t: &ctx.t,
            csrf: &ctx.csrf,
            original: holiday.day.format("%Y-%m-%d").to_string(),
            form,
        },
    )
}

async fn update(
    ctx: PageCtx,
    Path(day): Path<String>,
    CsrfForm(form): CsrfForm<HolidayForm>,
) -> AppResult<Response> {
    let original = parse_day(&day)?;
    let before = super::find(&ctx.state.db, original).await?.or_not_found()?;
    let title = ctx.t.t("calendar-edit-title");
    let show_errors = |form: HolidayForm, errors: &[FieldError]| {
        let view = FormView::new(form, errors, &ctx.t);
        ctx.page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &title,
            &EditTemplate {
                t: &ctx.t,
                csrf: &ctx.csrf,
                original: day.clone(),
                form: view,
            },
        )
    };
    let holiday = match form.validate() {
        Ok(h) => h,
        Err(errors) => return show_errors(form, &errors),
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let updated = on_db!(&mut tx, tx; conn => sqlx::query(
        "UPDATE holidays SET day = $1, kind = $2, name_id = $3, name_en = $4, updated_at = $5 WHERE day = $6")
        .bind(holiday.day).bind(holiday.kind.as_str()).bind(&holiday.name_id).bind(&holiday.name_en).bind(now).bind(original)
        .execute(&mut **conn).await.affected());
    match updated {
        Err(err) if is_unique_violation(&err) => {
            drop(tx);
            return show_errors(form, &[FieldError::new("day", "calendar-error-duplicate")]);
        }
        Ok(0) => return Err(AppError::NotFound),
        other => other?,
    };
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "holiday.update",
            entity_type: "holiday",
            entity_id: &day,
            organisation_id: None,
            before: serde_json::to_value(&before).ok(),
            after: serde_json::to_value(&holiday).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    ctx.state.calendar.invalidate();
    Ok(Redirect::to(&format!(
        "/admin/kalender?tahun={}&ok=saved",
        holiday.day.year()
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct Empty {}

async fn delete(
    ctx: PageCtx,
    Path(day): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let original = parse_day(&day)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before: Option<Holiday> = super::find(&ctx.state.db, original).await?;
    let before = before.or_not_found()?;
    on_db!(&mut tx, tx; conn => sqlx::query("DELETE FROM holidays WHERE day = $1")
        .bind(original).execute(&mut **conn).await.affected())?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "holiday.delete",
            entity_type: "holiday",
            entity_id: &day,
            organisation_id: None,
            before: serde_json::to_value(&before).ok(),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    ctx.state.calendar.invalidate();
    Ok(Redirect::to(&format!(
        "/admin/kalender?tahun={}&ok=deleted",
        original.year()
    ))
    .into_response())
}
