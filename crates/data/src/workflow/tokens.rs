//! API tokens with which a producing organisation's own systems append or upsert rows
//! (the live-data API): `/kelola/data/token` creates a named token for one organisation
//! (shown once; only its SHA-256 is stored), lists and revokes them. Every change is audited.
//! [`token_organisation`] is how the live API turns a bearer token into an organisation.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult, OptionExt};
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx};
use serde_json::json;
use uuid::Uuid;

use super::views::FormOptions;
use super::{Notice, change, require_producer};
use crate::catalog::queries;
use crate::roles;
use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::on_db;

/// Tokens start with this, so a leaked one is recognisable (secret scanners, logs).
pub const PREFIX: &str = "tbd_";

/// The organisation a live token writes for, or None when the token is unknown or revoked.
/// Marks the token as used at `at`.
pub async fn token_organisation(
    db: &Db,
    raw_token: &str,
    at: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let raw_token = raw_token.trim();
    if raw_token.is_empty() {
        return Ok(None);
    }
    let hash = platform::accounts::session::hash_token(raw_token);
    on_db!(db, pool => sqlx::query_scalar::<_, String>(
        "UPDATE data_api_tokens SET last_used_at = $2 \
         WHERE token_hash = $1 AND revoked_at IS NULL RETURNING organisation_id")
        .bind(hash).bind(at).fetch_optional(pool).await)
}

pub const MAX_TOKEN_NAME: usize = 100;

pub struct TokenView {
    pub id: String,
    pub organisation: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "workflow/tokens.html")]
struct TokensPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    notice: Option<String>,
    organisations: Vec<(String, String)>,
    chosen: String,
    name: String,
    error: Option<String>,
    created: Option<String>,
    tokens: Vec<TokenView>,
}

async fn render(
    ctx: &PageCtx,
    status: StatusCode,
    notice: Option<String>,
    chosen: String,
    name: String,
    error: Option<String>,
    created: Option<String>,
) -> AppResult<Response> {
    let t = &ctx.t;
    let organisations = FormOptions::load(ctx).await?.organisations;
    let mut tokens = Vec::new();
    for (org, org_name) in &organisations {
        for row in queries::tokens_of(&ctx.state.db, org).await? {
            tokens.push(TokenView {
                id: row.id.to_string(),
                organisation: org_name.clone(),
                name: row.name,
                created: t.datetime(&row.created_at),
                last_used: row
                    .last_used_at
                    .map(|at| t.datetime(&at))
                    .unwrap_or_else(|| "—".into()),
                revoked: row.revoked_at.map(|at| t.datetime(&at)),
            });
        }
    }
    let page = TokensPage {
        t,
        csrf: &ctx.csrf,
        notice,
        organisations,
        chosen,
        name,
        error,
        created,
        tokens,
    };
    ctx.page_with_status(status, &t.t("data-wf-tokens-title"), &page)
}

/// `GET /kelola/data/token`.
pub async fn page(ctx: PageCtx, Query(notice): Query<Notice>) -> AppResult<Response> {
    require_producer(&ctx.actor)?;
    let notice = notice.message(&ctx.t);
    let chosen = roles::producer_organisations(&ctx.actor)
        .first()
        .cloned()
        .unwrap_or_default();
    render(
        &ctx,
        StatusCode::OK,
        notice,
        chosen,
        String::new(),
        None,
        None,
    )
    .await
}

#[derive(serde::Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub nama: String,
}

/// `POST /kelola/data/token`: a new token, shown once on the page this answers with.
pub async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<CreateForm>) -> AppResult<Response> {
    require_producer(&ctx.actor)?;
    let name = form.nama.trim().to_string();
    let organisation = form.organisation.trim().to_string();
    if !roles::is_producer(&ctx.actor, &organisation)
        || platform::regions::queries::organisation(&ctx.state.db, &organisation)
            .await?
            .is_none()
    {
        let error = Some(ctx.t.t("data-wf-error-organisation"));
        return render(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            organisation,
            name,
            error,
            None,
        )
        .await;
    }
    if name.is_empty()
        || name.chars().count() > MAX_TOKEN_NAME
        || name.chars().any(char::is_control)
    {
        let error = Some(ctx.t.t("data-wf-error-token-name"));
        return render(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            organisation,
            name,
            error,
            None,
        )
        .await;
    }
    let user = ctx.actor.user_id().ok_or(AppError::Unauthenticated)?;
    let raw = format!("{PREFIX}{}", platform::accounts::session::random_token());
    let hash = platform::accounts::session::hash_token(&raw);
    let id = Uuid::now_v7();
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    queries::insert_token(&mut tx, id, &organisation, &name, &hash, user, now).await?;
    let entity = id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.token.create",
            "data_api_token",
            &entity,
            &organisation,
            None,
            Some(json!({"name": name, "organisation_id": organisation})),
        ),
    )
    .await?;
    tx.commit().await?;
    let notice = Some(ctx.t.t("data-wf-ok-token"));
    render(
        &ctx,
        StatusCode::OK,
        notice,
        organisation,
        String::new(),
        None,
        Some(raw),
    )
    .await
}

#[derive(serde::Deserialize)]
pub struct Empty {}

/// `POST /kelola/data/token/{id}/cabut`: revoke a token of one's own organisation.
pub async fn revoke(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    require_producer(&ctx.actor)?;
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let row = queries::token(&ctx.state.db, id).await?.or_not_found()?;
    if !roles::is_producer(&ctx.actor, &row.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if queries::revoke_token(&mut tx, id, now).await? {
        let entity = id.to_string();
        platform::audit::record(
            &mut tx,
            &ctx.actor,
            now,
            change(
                "data.token.revoke",
                "data_api_token",
                &entity,
                &row.organisation_id,
                Some(json!({"name": row.name, "revoked_at": null})),
                Some(json!({"name": row.name, "revoked_at": now})),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/kelola/data/token?ok=revoked").into_response())
}
