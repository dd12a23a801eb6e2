//! `/admin/open311` (admins only): the registered Open311 clients, issuing a key to a new one
//! and revoking a key. A key is 256 random bits shown once, on the page that issued it; only
//! its SHA-256 is stored. Every issue and revocation is audited in its transaction.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::audit::{self, Change};
use platform::authz::Access::Admin;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx, Routes};
use serde::Deserialize;
use uuid::Uuid;

use super::sql::{self, Client};

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin/open311", Admin, list_page)
        .post("/admin/open311", Admin, issue)
        .post("/admin/open311/{id}/cabut", Admin, revoke)
}

/// One client as the list shows it.
pub struct ClientLine {
    pub id: String,
    pub name: String,
    pub contact_email: String,
    pub active: bool,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "open311/admin.html")]
struct AdminPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    clients: Vec<ClientLine>,
    /// The key just issued (shown once) and its client's name.
    issued: Option<(String, String)>,
    revoked: bool,
    form: IssueForm,
    errors: Vec<(String, String)>,
}

impl AdminPage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct IssueForm {
    pub name: String,
    pub contact_email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OkQuery {
    ok: String,
}

async fn render(
    ctx: &PageCtx,
    status: StatusCode,
    form: IssueForm,
    errors: Vec<(String, String)>,
    issued: Option<(String, String)>,
    revoked: bool,
) -> AppResult<Response> {
    let t = &ctx.t;
    let clients = sql::clients(&ctx.state.db)
        .await?
        .into_iter()
        .map(|c| ClientLine {
            id: c.id.to_string(),
            name: c.name,
            contact_email: c.contact_email,
            active: c.active,
            created: t.datetime(&c.created_at),
            last_used: c
                .last_used_at
                .map(|at| t.datetime(&at))
                .unwrap_or_else(|| t.t("o311-admin-never")),
        })
        .collect();
    let page = AdminPage {
        t,
        csrf: &ctx.csrf,
        clients,
        issued,
        revoked,
        form,
        errors,
    };
    ctx.page_with_status(status, &t.t("o311-admin-title"), &page)
}

async fn list_page(ctx: PageCtx, Query(q): Query<OkQuery>) -> AppResult<Response> {
    render(
        &ctx,
        StatusCode::OK,
        IssueForm::default(),
        Vec::new(),
        None,
        q.ok == "revoked",
    )
    .await
}

fn json(c: &Client) -> serde_json::Value {
    serde_json::to_value(c).unwrap_or(serde_json::Value::Null)
}

/// A new random key (256 bits, URL-safe).
fn new_key() -> String {
    platform::accounts::session::random_token()
}

async fn issue(ctx: PageCtx, CsrfForm(form): CsrfForm<IssueForm>) -> AppResult<Response> {
    let t = &ctx.t;
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let email = form.contact_email.trim().to_lowercase();
    let mut errors = Vec::new();
    if !(2..=100).contains(&name.chars().count()) {
        errors.push(("name".to_string(), t.t("o311-admin-error-name")));
    }
    if !email.is_empty() && platform::accounts::validate::email(&email).is_err() {
        errors.push(("contact_email".to_string(), t.t("o311-admin-error-email")));
    }
    if !errors.is_empty() {
        return render(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            form,
            errors,
            None,
            false,
        )
        .await;
    }
    let key = new_key();
    let now = ctx.state.clock.now();
    let client = Client {
        id: Uuid::now_v7(),
        name,
        contact_email: email,
        key_hash: platform::cases::hash_secret(&key),
        active: true,
        created_by: ctx.actor.user_id(),
        created_at: now,
        last_used_at: None,
    };
    let mut tx = ctx.state.db.begin().await?;
    sql::insert_client(&mut tx, &client).await?;
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "open311_client.issue",
            entity_type: "open311_client",
            entity_id: &client.id.to_string(),
            organisation_id: None,
            before: None,
            after: Some(json(&client)),
        },
    )
    .await?;
    tx.commit().await?;
    render(
        &ctx,
        StatusCode::OK,
        IssueForm::default(),
        Vec::new(),
        Some((client.name, key)),
        false,
    )
    .await
}

async fn revoke(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<IssueForm>,
) -> AppResult<Response> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let before = sql::client(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if sql::revoke_client(&mut tx, id).await? == 1 {
        let after = Client {
            active: false,
            ..before.clone()
        };
        audit::record(
            &mut tx,
            &ctx.actor,
            now,
            Change {
                action: "open311_client.revoke",
                entity_type: "open311_client",
                entity_id: &id.to_string(),
                organisation_id: None,
                before: Some(json(&before)),
                after: Some(json(&after)),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/admin/open311?ok=revoked").into_response())
}
