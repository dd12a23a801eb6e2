//! Admin pages for organisations (`/admin/organisasi…`), and the organisation writes they
//! share with the staff profile editor (`/organisasi/{id}/kelola`): validation of every
//! field, insert, update, profile update. Every write is audited in its transaction.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::accounts::validate;
use crate::accounts::views::{Field, FormPage};
use crate::audit::{self, Change};
use crate::db::{Db, RowsAffected, Tx};
use crate::error::{AppResult, FieldError, OptionExt};
use crate::i18n::Tr;
use crate::on_db;
use crate::regions::Organisation;
use crate::web::{CsrfForm, PageCtx};

use super::Pager;

pub const KINDS: [&str; 4] = ["regency", "opd", "kecamatan", "village"];
const PAGE_SIZE: i64 = 50;

const COLUMNS: &str = "id, name, short_name, kind, region_code, parent_id, description, address, \
     phone, email, website, head_name, created_at, updated_at";

// ---------------------------------------------------------------------------------------
// Queries

pub async fn get_tx(tx: &mut Tx, id: &str) -> Result<Option<Organisation>, sqlx::Error> {
    const SQL: &str =
        const_format::concatcp!("SELECT ", COLUMNS, " FROM organisations WHERE id = $1");
    on_db!(tx, tx; conn => sqlx::query_as(SQL).bind(id).fetch_optional(&mut **conn).await)
}

async fn get(db: &Db, id: &str) -> Result<Option<Organisation>, sqlx::Error> {
    const SQL: &str =
        const_format::concatcp!("SELECT ", COLUMNS, " FROM organisations WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(SQL).bind(id).fetch_optional(pool).await)
}

async fn exists(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1")
        .bind(id).fetch_one(pool).await)?;
    Ok(n > 0)
}

async fn region_exists(db: &Db, code: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM regions WHERE code = $1")
        .bind(code).fetch_one(pool).await)?;
    Ok(n > 0)
}

async fn parent_of(db: &Db, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<Option<String>> = on_db!(db, pool => sqlx::query_scalar("SELECT parent_id FROM organisations WHERE id = $1")
        .bind(id).fetch_optional(pool).await)?;
    Ok(row.flatten())
}

/// Every organisation as (id, label) for select boxes, OPDs first, then by name.
pub async fn choices(db: &Db, t: &Tr) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, name, kind FROM organisations ORDER BY \
         CASE kind WHEN 'regency' THEN 0 WHEN 'opd' THEN 1 WHEN 'kecamatan' THEN 2 ELSE 3 END, name")
        .fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind)| (id, format!("{name} ({})", t.t(&format!("adm-kind-{kind}")))))
        .collect())
}

/// Organisations of `kind` (all when empty) whose name or id contains `search`.
pub async fn list(
    db: &Db,
    kind: &str,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Organisation>, i64), sqlx::Error> {
    let pattern = format!("%{}%", crate::accounts::users::escape_like(search.trim()));
    const WHERE: &str = "WHERE ($1 = '' OR kind = $1) AND (LOWER(name) LIKE LOWER($2) ESCAPE '\\' OR LOWER(id) LIKE LOWER($2) ESCAPE '\\')";
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        COLUMNS,
        " FROM organisations ",
        WHERE,
        " ORDER BY kind, name LIMIT $3 OFFSET $4"
    );
    const COUNT: &str = const_format::concatcp!("SELECT COUNT(*) FROM organisations ", WHERE);
    let rows = on_db!(db, pool => sqlx::query_as(SQL).bind(kind).bind(&pattern).bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(COUNT).bind(kind).bind(&pattern).fetch_one(pool).await)?;
    Ok((rows, total))
}

/// The public-profile fields that the organisation's own officers may edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
}

/// Every field of an organisation but its id and timestamps.
#[derive(Clone, Debug, Default)]
pub struct OrgInput {
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: Option<String>,
    pub profile: Profile,
}

pub async fn insert(
    tx: &mut Tx,
    id: &str,
    org: &OrgInput,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let p = &org.profile;
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO organisations (id, name, short_name, kind, region_code, parent_id, description, address, \
         phone, email, website, head_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)")
        .bind(id).bind(&org.name).bind(&org.short_name).bind(&org.kind).bind(&org.region_code).bind(&org.parent_id)
        .bind(&p.description).bind(&p.address).bind(&p.phone).bind(&p.email).bind(&p.website).bind(&p.head_name).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

pub async fn update(
    tx: &mut Tx,
    id: &str,
    org: &OrgInput,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let p = &org.profile;
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE organisations SET name = $2, short_name = $3, kind = $4, region_code = $5, parent_id = $6, \
         description = $7, address = $8, phone = $9, email = $10, website = $11, head_name = $12, updated_at = $13 \
         WHERE id = $1")
        .bind(id).bind(&org.name).bind(&org.short_name).bind(&org.kind).bind(&org.region_code).bind(&org.parent_id)
        .bind(&p.description).bind(&p.address).bind(&p.phone).bind(&p.email).bind(&p.website).bind(&p.head_name).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

pub async fn update_profile(
    tx: &mut Tx,
    id: &str,
    p: &Profile,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE organisations SET description = $2, address = $3, phone = $4, email = $5, website = $6, \
         head_name = $7, updated_at = $8 WHERE id = $1")
        .bind(id).bind(&p.description).bind(&p.address).bind(&p.phone).bind(&p.email).bind(&p.website)
        .bind(&p.head_name).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Validation

/// The profile fields as typed in a form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub description: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
}

impl ProfileForm {
    pub fn from_org(org: &Organisation) -> ProfileForm {
        ProfileForm {
            description: org.description.clone(),
            address: org.address.clone(),
            phone: org.phone.clone(),
            email: org.email.clone(),
            website: org.website.clone(),
            head_name: org.head_name.clone(),
        }
    }

    pub fn validate(&self, errors: &mut Vec<FieldError>) -> Profile {
        let mut text = |field: &str, value: &str, max: usize| -> String {
            match validate::optional_text(value, max, "adm-err-too-long") {
                Ok(v) => v.unwrap_or_default(),
                Err(key) => {
                    errors.push(FieldError::new(field, key));
                    String::new()
                }
            }
        };
        let description = text("description", &self.description, 4000);
        let address = text("address", &self.address, 300);
        let head_name = text("head_name", &self.head_name, 120);
        let phone = self.phone.trim().to_string();
        let phone_ok = phone.chars().count() <= 40
            && phone
                .chars()
                .all(|c| c.is_ascii_digit() || " ()+-./".contains(c))
            && (phone.is_empty() || phone.chars().filter(char::is_ascii_digit).count() >= 5);
        if !phone_ok {
            errors.push(FieldError::new("phone", "adm-err-org-phone"));
        }
        let email = if self.email.trim().is_empty() {
            String::new()
        } else {
            match validate::email(&self.email) {
                Ok(e) => e,
                Err(key) => {
                    errors.push(FieldError::new("email", key));
                    String::new()
                }
            }
        };
        let website = match validate::website(&self.website) {
            Ok(w) => w.unwrap_or_default(),
            Err(key) => {
                errors.push(FieldError::new("website", key));
                String::new()
            }
        };
        Profile {
            description,
            address,
            phone,
            email,
            website,
            head_name,
        }
    }

    pub fn fields(&self, t: &Tr) -> Vec<Field> {
        vec![
            Field::new(t, "description", "adm-org-description", "textarea")
                .value(&self.description),
            Field::new(t, "address", "adm-org-address", "text").value(&self.address),
            Field::new(t, "phone", "adm-org-phone", "tel")
                .value(&self.phone)
                .hint(t, "adm-hint-org-phone"),
            Field::new(t, "email", "adm-org-email", "email").value(&self.email),
            Field::new(t, "website", "adm-org-website", "url")
                .value(&self.website)
                .hint(t, "adm-hint-website"),
            Field::new(t, "head_name", "adm-org-head-name", "text").value(&self.head_name),
        ]
    }
}

/// All fields of an organisation as typed in the admin form.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: String,
    #[serde(flatten)]
    pub profile: ProfileForm,
}

impl OrgForm {
    fn from_org(org: &Organisation) -> OrgForm {
        OrgForm {
            id: org.id.clone(),
            name: org.name.clone(),
            short_name: org.short_name.clone(),
            kind: org.kind.clone(),
            region_code: org.region_code.clone(),
            parent_id: org.parent_id.clone().unwrap_or_default(),
            profile: ProfileForm::from_org(org),
        }
    }

    /// Check every field; `editing` is the id of the organisation being edited (none when
    /// creating, in which case `self.id` is checked as a new id).
    async fn validate(
        &self,
        db: &Db,
        editing: Option<&str>,
    ) -> AppResult<Result<(String, OrgInput), Vec<FieldError>>> {
        let mut errors = Vec::new();
        let id = match editing {
            Some(id) => id.to_string(),
            None => {
                let id = self.id.trim().to_lowercase();
                let ok = (2..=64).contains(&id.len())
                    && id.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && id.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                    });
                if !ok {
                    errors.push(FieldError::new("id", "adm-err-org-id"));
                } else if exists(db, &id).await? {
                    errors.push(FieldError::new("id", "adm-err-org-id-taken"));
                }
                id
            }
        };
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if !(2..=200).contains(&name.chars().count()) {
            errors.push(FieldError::new("name", "adm-err-org-name"));
        }
        let short_name = self
            .short_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !(1..=60).contains(&short_name.chars().count()) {
            errors.push(FieldError::new("short_name", "adm-err-org-short-name"));
        }
        let kind = self.kind.trim().to_string();
        if !KINDS.contains(&kind.as_str()) {
            errors.push(FieldError::new("kind", "adm-err-org-kind"));
        }
        let region_code = self.region_code.trim().to_string();
        if region_code.is_empty()
            || region_code.len() > 20
            || !region_exists(db, &region_code).await?
        {
            errors.push(FieldError::new("region_code", "adm-err-org-region"));
        }
        let parent = self.parent_id.trim();
        let parent_id = if parent.is_empty() {
            None
        } else {
            Some(parent.to_string())
        };
        if let Some(parent) = &parent_id {
            if !exists(db, parent).await? {
                errors.push(FieldError::new("parent_id", "adm-err-org-parent"));
            } else if creates_cycle(db, &id, parent).await? {
                errors.push(FieldError::new("parent_id", "adm-err-org-parent-cycle"));
            }
        }
        let profile = self.profile.validate(&mut errors);
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        Ok(Ok((
            id,
            OrgInput {
                name,
                short_name,
                kind,
                region_code,
                parent_id,
                profile,
            },
        )))
    }

    async fn fields(&self, t: &Tr, db: &Db, creating: bool) -> AppResult<Vec<Field>> {
        let mut fields = Vec::new();
        if creating {
            fields.push(
                Field::new(t, "id", "adm-org-id", "text")
                    .value(&self.id)
                    .required()
                    .hint(t, "adm-hint-org-id"),
            );
        }
        let kinds = KINDS
            .iter()
            .map(|k| (k.to_string(), t.t(&format!("adm-kind-{k}"))))
            .collect();
        let mut parents = vec![(String::new(), t.t("adm-org-no-parent"))];
        parents.extend(
            choices(db, t)
                .await?
                .into_iter()
                .filter(|(id, _)| creating || *id != self.id),
        );
        fields.extend([
            Field::new(t, "name", "adm-org-name", "text")
                .value(&self.name)
                .required(),
            Field::new(t, "short_name", "adm-org-short-name", "text")
                .value(&self.short_name)
                .required(),
            Field::new(t, "kind", "adm-org-kind", "select")
                .value(&self.kind)
                .options(kinds)
                .required(),
            Field::new(t, "region_code", "adm-org-region", "text")
                .value(&self.region_code)
                .required()
                .hint(t, "adm-hint-org-region"),
            Field::new(t, "parent_id", "adm-org-parent", "select")
                .value(&self.parent_id)
                .options(parents),
        ]);
        fields.extend(self.profile.fields(t));
        Ok(fields)
    }
}

/// Whether making `parent` the parent of `id` would put `id` among its own ancestors.
async fn creates_cycle(db: &Db, id: &str, parent: &str) -> Result<bool, sqlx::Error> {
    let mut current = Some(parent.to_string());
    // Organisation trees are shallow (regency › kecamatan › village); 32 is plenty.
    for _ in 0..32 {
        match current {
            Some(c) if c == id => return Ok(true),
            Some(c) => current = parent_of(db, &c).await?,
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn org_json(org: &Organisation) -> serde_json::Value {
    serde_json::to_value(org).unwrap_or(serde_json::Value::Null)
}

// ---------------------------------------------------------------------------------------
// Pages

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct ListPage<'a> {
    t: &'a Tr,
    rows: Vec<(String, String, String, String, String)>,
    kinds: Vec<(String, String, bool)>,
    q: String,
    total: i64,
    pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    kind: String,
    page: i64,
}

pub async fn list_page(ctx: PageCtx, Query(query): Query<ListQuery>) -> AppResult<Response> {
    let kind = if KINDS.contains(&query.kind.as_str()) {
        query.kind.clone()
    } else {
        String::new()
    };
    let q: String = query.q.chars().take(100).collect();
    let page = query.page.max(1);
    let (orgs, total) = list(&ctx.state.db, &kind, &q, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let rows = orgs
        .into_iter()
        .map(|o| {
            let kind_label = ctx.t.t(&format!("adm-kind-{}", o.kind));
            (o.id, o.name, o.short_name, kind_label, o.region_code)
        })
        .collect();
    let mut kinds = vec![(String::new(), ctx.t.t("adm-org-all-kinds"), kind.is_empty())];
    kinds.extend(
        KINDS
            .iter()
            .map(|k| (k.to_string(), ctx.t.t(&format!("adm-kind-{k}")), *k == kind)),
    );
    let base = format!(
        "/admin/organisasi?q={}&kind={}",
        crate::web::routes::urlencode(&q),
        kind
    );
    let body = ListPage {
        t: &ctx.t,
        rows,
        kinds,
        q,
        total,
        pager: Pager::new(&ctx.t, &base, page, PAGE_SIZE, total),
    };
    ctx.page(&ctx.t.t("adm-orgs-title"), &body)
}

async fn org_form_page(
    ctx: &PageCtx,
    form: &OrgForm,
    editing: Option<&str>,
    errors: &[FieldError],
    status: StatusCode,
) -> AppResult<Response> {
    let (heading, action) = match editing {
        Some(id) => ("adm-org-edit-title", format!("/admin/organisasi/{id}")),
        None => ("adm-org-new-title", "/admin/organisasi/baru".to_string()),
    };
    let fields = form
        .fields(&ctx.t, &ctx.state.db, editing.is_none())
        .await?;
    let mut page = FormPage::new(&ctx.t, &ctx.csrf, heading, action, "adm-save")
        .fields(fields)
        .with_errors(errors);
    if let Some(id) = editing {
        page.heading = format!("{} — {}", page.heading, form.name);
        page = page.link(format!("/organisasi/{id}"), "adm-org-public-page");
    }
    page = page.link("/admin/organisasi", "adm-back-orgs");
    let title = page.heading.clone();
    ctx.page_with_status(status, &title, &page)
}

pub async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    let form = OrgForm {
        kind: "opd".into(),
        region_code: "35.22".into(),
        ..OrgForm::default()
    };
    org_form_page(&ctx, &form, None, &[], StatusCode::OK).await
}

pub async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<OrgForm>) -> AppResult<Response> {
    let (id, input) = match form.validate(&ctx.state.db, None).await? {
        Ok(valid) => valid,
        Err(errors) => {
            return org_form_page(&ctx, &form, None, &errors, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    insert(&mut tx, &id, &input, now).await?;
    let after = get_tx(&mut tx, &id).await?.or_not_found()?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "organisation.create",
            entity_type: "organisation",
            entity_id: &id,
            organisation_id: Some(&id),
            before: None,
            after: Some(org_json(&after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/organisasi/{id}?ok=saved")).into_response())
}

pub async fn edit_form(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    let org = get(&ctx.state.db, &id).await?.or_not_found()?;
    org_form_page(
        &ctx,
        &OrgForm::from_org(&org),
        Some(&org.id),
        &[],
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(mut form): CsrfForm<OrgForm>,
) -> AppResult<Response> {
    let existing = get(&ctx.state.db, &id).await?.or_not_found()?;
    form.id = existing.id.clone();
    let (_, input) = match form.validate(&ctx.state.db, Some(&existing.id)).await? {
        Ok(valid) => valid,
        Err(errors) => {
            return org_form_page(
                &ctx,
                &form,
                Some(&existing.id),
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = get_tx(&mut tx, &id).await?.or_not_found()?;
    update(&mut tx, &id, &input, now).await?;
    let after = get_tx(&mut tx, &id).await?.or_not_found()?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "organisation.update",
            entity_type: "organisation",
            entity_id: &id,
            organisation_id: Some(&id),
            before: Some(org_json(&before)),
            after: Some(org_json(&after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/organisasi/{id}?ok=saved")).into_response())
}
