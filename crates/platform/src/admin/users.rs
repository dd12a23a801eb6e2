//! Admin pages for users (`/admin/pengguna…`): the list with search, creating a user
//! (optionally with a role in an organisation — how officers get their accounts), editing
//! name and active flag, and granting or taking away roles. Every change is audited.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::accounts::users::{self, NewUser, UserRecord};
use crate::accounts::views::{Field, FormPage, attach_errors};
use crate::accounts::{pages::role_label, validate};
use crate::audit::{self, Change};
use crate::authz::Role;
use crate::db::Tx;
use crate::error::{AppError, AppResult, FieldError, OptionExt};
use crate::i18n::Tr;
use crate::web::{CsrfForm, PageCtx};

use super::Pager;
use super::organisations::{choices, get_tx as organisation_tx};

const PAGE_SIZE: i64 = 25;

fn parse_id(id: &str) -> AppResult<Uuid> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

fn role_options(t: &Tr, with_none: bool) -> Vec<(String, String)> {
    let mut options = Vec::new();
    if with_none {
        options.push((String::new(), t.t("adm-user-no-role")));
    }
    options.extend(
        Role::ALL
            .iter()
            .map(|r| (r.as_str().to_string(), role_label(t, r.as_str()))),
    );
    options
}

/// Audit a role change inside the transaction that makes it.
async fn audit_role(
    ctx: &PageCtx,
    tx: &mut Tx,
    action: &str,
    user: &UserRecord,
    org: &str,
    role: Role,
) -> AppResult<()> {
    let id = user.id.to_string();
    let value = serde_json::json!({ "user_id": user.id, "email": user.email, "organisation_id": org, "role": role.as_str() });
    let (before, after) = if action == "membership.grant" {
        (None, Some(value))
    } else {
        (Some(value), None)
    };
    audit::record(
        tx,
        &ctx.actor,
        ctx.state.clock.now(),
        Change {
            action,
            entity_type: "user",
            entity_id: &id,
            organisation_id: Some(org),
            before,
            after,
        },
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// List

#[derive(Template)]
#[template(path = "admin/users.html")]
struct ListPage<'a> {
    t: &'a Tr,
    q: String,
    total: i64,
    rows: Vec<users::UserListRow>,
    pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: i64,
}

pub async fn list_page(ctx: PageCtx, Query(query): Query<ListQuery>) -> AppResult<Response> {
    let q: String = query.q.chars().take(100).collect();
    let page = query.page.max(1);
    let (rows, total) = users::list(&ctx.state.db, &q, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let base = format!("/admin/pengguna?q={}", crate::web::routes::urlencode(&q));
    let body = ListPage {
        t: &ctx.t,
        q,
        total,
        rows,
        pager: Pager::new(&ctx.t, &base, page, PAGE_SIZE, total),
    };
    ctx.page(&ctx.t.t("adm-users-title"), &body)
}

// ---------------------------------------------------------------------------------------
// Create

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewUserForm {
    email: String,
    name: String,
    password: String,
    organisation_id: String,
    role: String,
}

async fn new_page(
    ctx: &PageCtx,
    form: &NewUserForm,
    errors: &[FieldError],
    status: StatusCode,
) -> AppResult<Response> {
    let t = &ctx.t;
    let mut orgs = vec![(String::new(), t.t("adm-user-no-organisation"))];
    orgs.extend(choices(&ctx.state.db, t).await?);
    let page = FormPage::new(
        t,
        &ctx.csrf,
        "adm-user-new-title",
        "/admin/pengguna/baru",
        "adm-user-create",
    )
    .intro("adm-user-new-intro")
    .fields(vec![
        Field::new(t, "name", "acc-field-name", "text")
            .value(&form.name)
            .required(),
        Field::new(t, "email", "acc-field-email", "email")
            .value(&form.email)
            .required(),
        Field::new(t, "password", "adm-user-initial-password", "password")
            .required()
            .autocomplete("new-password")
            .hint(t, "adm-hint-initial-password"),
        Field::new(t, "organisation_id", "adm-user-organisation", "select")
            .value(&form.organisation_id)
            .options(orgs),
        Field::new(t, "role", "adm-user-role", "select")
            .value(&form.role)
            .options(role_options(t, true)),
    ])
    .link("/admin/pengguna", "adm-back-users")
    .with_errors(errors);
    ctx.page_with_status(status, &t.t("adm-user-new-title"), &page)
}

pub async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    new_page(&ctx, &NewUserForm::default(), &[], StatusCode::OK).await
}

pub async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<NewUserForm>) -> AppResult<Response> {
    let mut errors = users::validate(&NewUser {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password.clone(),
        ..NewUser::default()
    })
    .err()
    .unwrap_or_default();
    let org = form.organisation_id.trim();
    let role = match (org.is_empty(), form.role.trim()) {
        (true, "") => None,
        (false, "") => {
            errors.push(FieldError::new("role", "adm-err-role-required"));
            None
        }
        (true, _) => {
            errors.push(FieldError::new(
                "organisation_id",
                "adm-err-organisation-required",
            ));
            None
        }
        (false, r) => match Role::parse(r) {
            Some(role) => Some(role),
            None => {
                errors.push(FieldError::new("role", "adm-err-role"));
                None
            }
        },
    };
    if !errors.is_empty() {
        return new_page(&ctx, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if role.is_some() && organisation_tx(&mut tx, org).await?.is_none() {
        drop(tx);
        let errors = [FieldError::new("organisation_id", "adm-err-organisation")];
        return new_page(&ctx, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let new = NewUser {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password.clone(),
        ..NewUser::default()
    };
    let user_id = match users::create(&mut tx, new, now).await {
        Ok(id) => id,
        Err(err) => {
            let Some(errors) = err.field_errors() else {
                return Err(err.into());
            };
            drop(tx);
            return new_page(&ctx, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let user = users::get_tx(&mut tx, user_id).await?.or_not_found()?;
    let id = user_id.to_string();
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "user.create",
            entity_type: "user",
            entity_id: &id,
            organisation_id: role.map(|_| org),
            before: None,
            after: Some(user.audit_json()),
        },
    )
    .await?;
    if let Some(role) = role {
        users::grant(&mut tx, user_id, org, role, now).await?;
        audit_role(&ctx, &mut tx, "membership.grant", &user, org, role).await?;
    }
    tx.commit().await?;
    tracing::info!(user_id = %user_id, "admin created a user");
    Ok(Redirect::to(&format!("/admin/pengguna/{user_id}?ok=saved")).into_response())
}

// ---------------------------------------------------------------------------------------
// Edit

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    user: &'a UserRecord,
    errors: Vec<String>,
    fields: Vec<Field>,
    roles: Vec<(String, String, String, String)>,
    role_fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditForm {
    name: String,
    active: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    organisation_id: String,
    role: String,
}

async fn user_page(
    ctx: &PageCtx,
    user: &UserRecord,
    edit: &EditForm,
    role: &RoleForm,
    errors: &[FieldError],
    status: StatusCode,
) -> AppResult<Response> {
    let t = &ctx.t;
    let roles = users::roles_of(&ctx.state.db, user.id)
        .await?
        .into_iter()
        .map(|r| {
            let label = role_label(t, &r.role);
            (r.organisation_id, r.organisation_name, r.role, label)
        })
        .collect();
    let mut fields = vec![
        Field::new(t, "name", "acc-field-name", "text")
            .value(&edit.name)
            .required(),
        Field::new(t, "active", "adm-user-active", "checkbox").checked(edit.active.is_some()),
    ];
    let mut orgs = vec![(String::new(), t.t("adm-user-choose-organisation"))];
    orgs.extend(choices(&ctx.state.db, t).await?);
    let mut role_fields = vec![
        Field::new(t, "organisation_id", "adm-user-organisation", "select")
            .value(&role.organisation_id)
            .options(orgs),
        Field::new(t, "role", "adm-user-role", "select")
            .value(&role.role)
            .options(role_options(t, false)),
    ];
    attach_errors(t, &mut fields, errors);
    attach_errors(t, &mut role_fields, errors);
    let unplaced = errors
        .iter()
        .filter(|e| {
            !fields
                .iter()
                .chain(role_fields.iter())
                .any(|f| f.name == e.field)
        })
        .map(|e| t.t(&e.key))
        .collect();
    let page = UserPage {
        t,
        csrf: &ctx.csrf,
        user,
        errors: unplaced,
        fields,
        roles,
        role_fields,
    };
    ctx.page_with_status(
        status,
        &format!("{} — {}", t.t("adm-user-title"), user.name),
        &page,
    )
}

fn edit_form_of(user: &UserRecord) -> EditForm {
    EditForm {
        name: user.name.clone(),
        active: user.active.then(|| "on".to_string()),
    }
}

pub async fn edit_form(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    let user = users::get(&ctx.state.db, parse_id(&id)?)
        .await?
        .or_not_found()?;
    user_page(
        &ctx,
        &user,
        &edit_form_of(&user),
        &RoleForm::default(),
        &[],
        StatusCode::OK,
    )
    .await
}

pub async fn save(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<EditForm>,
) -> AppResult<Response> {
    let user = users::get(&ctx.state.db, parse_id(&id)?)
        .await?
        .or_not_found()?;
    let mut errors = Vec::new();
    let name = validate::name(&form.name).unwrap_or_else(|key| {
        errors.push(FieldError::new("name", key));
        String::new()
    });
    let active = form.active.is_some();
    if !active && ctx.actor.user_id() == Some(user.id) {
        errors.push(FieldError::new("active", "adm-err-self-deactivate"));
    }
    if !errors.is_empty() {
        return user_page(
            &ctx,
            &user,
            &form,
            &RoleForm::default(),
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = users::get_tx(&mut tx, user.id).await?.or_not_found()?;
    users::update(&mut tx, user.id, &name, active, now).await?;
    if !active {
        // A disabled account is signed out everywhere at once.
        users::end_sessions(&mut tx, user.id, None).await?;
    }
    let after = users::get_tx(&mut tx, user.id).await?.or_not_found()?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "user.update",
            entity_type: "user",
            entity_id: &id,
            organisation_id: None,
            before: Some(before.audit_json()),
            after: Some(after.audit_json()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/pengguna/{}?ok=saved", user.id)).into_response())
}

pub async fn add_role(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> AppResult<Response> {
    let user = users::get(&ctx.state.db, parse_id(&id)?)
        .await?
        .or_not_found()?;
    let org = form.organisation_id.trim().to_string();
    let role = Role::parse(form.role.trim());
    let mut errors = Vec::new();
    if role.is_none() {
        errors.push(FieldError::new("role", "adm-err-role"));
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if org.is_empty() || organisation_tx(&mut tx, &org).await?.is_none() {
        errors.push(FieldError::new("organisation_id", "adm-err-organisation"));
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        drop(tx);
        return user_page(
            &ctx,
            &user,
            &edit_form_of(&user),
            &form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    if users::grant(&mut tx, user.id, &org, role, now).await? {
        audit_role(&ctx, &mut tx, "membership.grant", &user, &org, role).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/pengguna/{}?ok=saved", user.id)).into_response())
}

pub async fn remove_role(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> AppResult<Response> {
    let user = users::get(&ctx.state.db, parse_id(&id)?)
        .await?
        .or_not_found()?;
    let org = form.organisation_id.trim().to_string();
    let Some(role) = Role::parse(form.role.trim()) else {
        return Err(AppError::BadRequest("error-bad-form"));
    };
    if role == Role::Admin && ctx.actor.user_id() == Some(user.id) {
        let errors = [FieldError::new("roles", "adm-err-self-admin")];
        return user_page(
            &ctx,
            &user,
            &edit_form_of(&user),
            &RoleForm::default(),
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = ctx.state.db.begin().await?;
    if users::revoke(&mut tx, user.id, &org, role).await? {
        audit_role(&ctx, &mut tx, "membership.revoke", &user, &org, role).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/pengguna/{}?ok=saved", user.id)).into_response())
}
