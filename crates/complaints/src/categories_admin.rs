//! Admin pages for complaint categories (`/admin/kategori-pengaduan…`, admins only): the
//! list, create and edit. Each category has Indonesian and English names, a default
//! organisation (where the verifier routes it unless they choose otherwise), a position in
//! the submission form's list and an active flag (inactive ones stay on old complaints but
//! are no longer offered). Every write is audited in its transaction.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::accounts::views::{Field, FormPage};
use platform::audit::{self, Change};
use platform::authz::Access::Admin;
use platform::error::{AppResult, FieldError, OptionExt};
use platform::i18n::Tr;
use platform::on_db;
use platform::web::{CsrfForm, PageCtx, Routes};
use serde::Deserialize;

use crate::queries::{self, Category};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/kategori-pengaduan", Admin, list_page)
        .get("/admin/kategori-pengaduan/baru", Admin, new_form)
        .post("/admin/kategori-pengaduan/baru", Admin, create)
        .get("/admin/kategori-pengaduan/{id}", Admin, edit_form)
        .post("/admin/kategori-pengaduan/{id}", Admin, save)
}

#[derive(Template)]
#[template(path = "staff/categories.html")]
struct ListPage<'a> {
    t: &'a Tr,
    /// (id, name, default organisation, position, active)
    rows: Vec<(String, String, String, i32, bool)>,
    saved: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OkQuery {
    ok: String,
}

async fn list_page(ctx: PageCtx, Query(q): Query<OkQuery>) -> AppResult<Response> {
    let rows = queries::all_categories(&ctx.state.db)
        .await?
        .into_iter()
        .map(|c| {
            let name = ctx.pick(&c.name_id, &c.name_en).to_string();
            (c.id, name, c.default_organisation_id, c.position, c.active)
        })
        .collect();
    let body = ListPage {
        t: &ctx.t,
        rows,
        saved: !q.ok.is_empty(),
    };
    ctx.page(&ctx.t.t("cadm-title"), &body)
}

/// The category as typed in the form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    id: String,
    name_id: String,
    name_en: String,
    default_organisation_id: String,
    position: String,
    /// A checkbox: present ("on") when ticked.
    active: Option<String>,
}

impl CategoryForm {
    fn from_category(c: &Category) -> CategoryForm {
        CategoryForm {
            id: c.id.clone(),
            name_id: c.name_id.clone(),
            name_en: c.name_en.clone(),
            default_organisation_id: c.default_organisation_id.clone(),
            position: c.position.to_string(),
            active: c.active.then(|| "on".to_string()),
        }
    }

    /// Check every field; `editing` is the id of the category being edited.
    async fn validate(
        &self,
        db: &platform::db::Db,
        editing: Option<&str>,
    ) -> AppResult<Result<Category, Vec<FieldError>>> {
        let mut errors = Vec::new();
        let id = match editing {
            Some(id) => id.to_string(),
            None => {
                let id = self.id.trim().to_lowercase();
                let ok = (2..=60).contains(&id.len())
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !ok {
                    errors.push(FieldError::new("id", "cadm-err-id"));
                } else if queries::category(db, &id).await?.is_some() {
                    errors.push(FieldError::new("id", "cadm-err-id-taken"));
                }
                id
            }
        };
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let name_id = clean(&self.name_id);
        if !(2..=120).contains(&name_id.chars().count()) {
            errors.push(FieldError::new("name_id", "cadm-err-name"));
        }
        let name_en = clean(&self.name_en);
        if !(2..=120).contains(&name_en.chars().count()) {
            errors.push(FieldError::new("name_en", "cadm-err-name"));
        }
        let org = self.default_organisation_id.trim().to_string();
        let exists: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1")
            .bind(&org).fetch_one(pool).await)?;
        if exists == 0 {
            errors.push(FieldError::new(
                "default_organisation_id",
                "cadm-err-organisation",
            ));
        }
        let position = match self.position.trim().parse::<i32>() {
            Ok(p) if (0..=10_000).contains(&p) => p,
            _ => {
                errors.push(FieldError::new("position", "cadm-err-position"));
                0
            }
        };
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        Ok(Ok(Category {
            id,
            name_id,
            name_en,
            default_organisation_id: org,
            position,
            active: self.active.as_deref().is_some_and(|v| !v.is_empty()),
        }))
    }
}

async fn form_page(
    ctx: &PageCtx,
    form: &CategoryForm,
    editing: Option<&str>,
    errors: &[FieldError],
    status: StatusCode,
) -> AppResult<Response> {
    let t = &ctx.t;
    let (heading, action) = match editing {
        Some(id) => (
            "cadm-edit-title",
            format!(
                "/admin/kategori-pengaduan/{}",
                platform::web::routes::urlencode(id)
            ),
        ),
        None => (
            "cadm-new-title",
            "/admin/kategori-pengaduan/baru".to_string(),
        ),
    };
    let mut fields = Vec::new();
    if editing.is_none() {
        fields.push(
            Field::new(t, "id", "cadm-id", "text")
                .value(&form.id)
                .required()
                .hint(t, "cadm-hint-id"),
        );
    }
    let organisations = platform::admin::organisations::choices(&ctx.state.db, t).await?;
    fields.extend([
        Field::new(t, "name_id", "cadm-name-id", "text")
            .value(&form.name_id)
            .required(),
        Field::new(t, "name_en", "cadm-name-en", "text")
            .value(&form.name_en)
            .required(),
        Field::new(
            t,
            "default_organisation_id",
            "cadm-default-organisation",
            "select",
        )
        .value(&form.default_organisation_id)
        .options(organisations)
        .required(),
        Field::new(t, "position", "cadm-position", "number")
            .value(&form.position)
            .required(),
        Field::new(t, "active", "cadm-active", "checkbox")
            .checked(form.active.as_deref().is_some_and(|v| !v.is_empty())),
    ]);
    let page = FormPage::new(t, &ctx.csrf, heading, action, "cadm-save")
        .fields(fields)
        .with_errors(errors)
        .link("/admin/kategori-pengaduan", "cadm-back");
    let title = page.heading.clone();
    ctx.page_with_status(status, &title, &page)
}

async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    let form = CategoryForm {
        position: "100".into(),
        active: Some("on".into()),
        ..CategoryForm::default()
    };
    form_page(&ctx, &form, None, &[], StatusCode::OK).await
}

fn json(c: &Category) -> serde_json::Value {
    serde_json::to_value(c).unwrap_or(serde_json::Value::Null)
}

async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<CategoryForm>) -> AppResult<Response> {
    let category = match form.validate(&ctx.state.db, None).await? {
        Ok(c) => c,
        Err(errors) => {
            return form_page(&ctx, &form, None, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    queries::upsert_category(&mut tx, &category, now).await?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "complaint_category.create",
            entity_type: "complaint_category",
            entity_id: &category.id,
            organisation_id: None,
            before: None,
            after: Some(json(&category)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/kategori-pengaduan?ok=saved").into_response())
}

async fn edit_form(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    let category = queries::category(&ctx.state.db, &id)
        .await?
        .or_not_found()?;
    form_page(
        &ctx,
        &CategoryForm::from_category(&category),
        Some(&category.id),
        &[],
        StatusCode::OK,
    )
    .await
}

async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CategoryForm>,
) -> AppResult<Response> {
    let before = queries::category(&ctx.state.db, &id)
        .await?
        .or_not_found()?;
    let category = match form.validate(&ctx.state.db, Some(&before.id)).await? {
        Ok(c) => c,
        Err(errors) => {
            return form_page(
                &ctx,
                &form,
                Some(&before.id),
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    queries::upsert_category(&mut tx, &category, now).await?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "complaint_category.update",
            entity_type: "complaint_category",
            entity_id: &category.id,
            organisation_id: None,
            before: Some(json(&before)),
            after: Some(json(&category)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/kategori-pengaduan?ok=saved").into_response())
}
