//! The CKAN Action API v3 (`/api/3/action/{action}`, and `/api/action/{action}` where the
//! `ckanapi` client calls it): the read actions a harvester or a CKAN client uses, over the
//! public catalogue only (published versions), with CKAN's envelope
//! `{help, success, result}` / `{help, success: false, error: {__type, message}}` and its
//! statuses (404 Not Found Error, 409 Validation Error, 403 Authorization Error for the
//! write actions this portal takes only through its own workflow, 400 for an unknown action
//! or a body that is not JSON).
//!
//! Parameters come from the query string (GET, values JSON-encoded where CKAN expects lists
//! or objects), a JSON object body or a form body (POST); [`params`] reads them.
//! `package_search` is [`crate::catalog::search`], the search the `/data` page uses.

pub mod bench;
pub mod datastore;
pub mod dicts;
pub mod params;
pub mod queries;

use axum::extract::{Path, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use platform::authz::Access;
use platform::i18n::Lang;
use platform::web::{PageCtx, Routes};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::catalog::{self, search};
use dicts::Organisations;
use params::Params;

/// The CKAN version whose API this one follows (reported by `status_show`).
pub const CKAN_VERSION: &str = "2.10.4";

/// The actions answered, in the order `help_show`-less clients list them.
pub const ACTIONS: &[&str] = &[
    "package_list",
    "package_show",
    "package_search",
    "current_package_list_with_resources",
    "organization_list",
    "organization_show",
    "group_list",
    "group_show",
    "tag_list",
    "resource_show",
    "datastore_search",
    "status_show",
    "site_read",
];

/// CKAN actions that write: refused as an Authorization Error (datasets are published
/// through the producer → walidata workflow, rows through `/api/v1/data/…`).
const WRITE_ACTIONS: &[&str] = &[
    "package_create",
    "package_update",
    "package_patch",
    "package_delete",
    "package_revise",
    "resource_create",
    "resource_update",
    "resource_patch",
    "resource_delete",
    "organization_create",
    "organization_update",
    "organization_delete",
    "group_create",
    "group_update",
    "group_delete",
    "datastore_create",
    "datastore_upsert",
    "datastore_delete",
    "user_create",
    "member_create",
];

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/3/action/{action}", Access::Public, action)
        .post("/api/3/action/{action}", Access::Public, action)
        .get("/api/action/{action}", Access::Public, action)
        .post("/api/action/{action}", Access::Public, action)
}

/// An error as CKAN reports it; messages are Fluent keys, translated when rendered.
#[derive(Debug)]
pub enum CkanError {
    /// 400 `Bad Request`: unknown action, unreadable body.
    BadRequest {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// 404 `Not Found Error`.
    NotFound(&'static str),
    /// 409 `Validation Error`, naming the parameter.
    Validation {
        field: String,
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// 403 `Authorization Error`.
    Authorization,
    /// 500, logged.
    Internal(anyhow::Error),
}

impl CkanError {
    pub fn invalid(field: &str, key: &'static str) -> CkanError {
        CkanError::invalid_args(field, key, Vec::new())
    }

    pub fn invalid_args(
        field: &str,
        key: &'static str,
        args: Vec<(&'static str, String)>,
    ) -> CkanError {
        CkanError::Validation {
            field: field.to_string(),
            key,
            args,
        }
    }
}

impl From<sqlx::Error> for CkanError {
    fn from(e: sqlx::Error) -> CkanError {
        CkanError::Internal(e.into())
    }
}

fn translate(ctx: &PageCtx, key: &str, args: &[(&'static str, String)]) -> String {
    let args: Vec<(&str, platform::i18n::Arg)> = args
        .iter()
        .map(|(k, v)| (*k, platform::i18n::Arg::Str(v.clone())))
        .collect();
    ctx.t.ta(key, &args)
}

fn base_url(ctx: &PageCtx) -> String {
    ctx.state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string()
}

fn envelope(ctx: &PageCtx, name: &str, outcome: Result<Value, CkanError>, get: bool) -> Response {
    let help = format!("{}/api/3/action/help_show?name={name}", base_url(ctx));
    let (status, body) = match outcome {
        Ok(result) => (
            StatusCode::OK,
            json!({ "help": help, "success": true, "result": result }),
        ),
        Err(e) => {
            let (status, error) = match e {
                CkanError::BadRequest { key, args } => (
                    StatusCode::BAD_REQUEST,
                    json!({ "__type": "Bad Request", "message": translate(ctx, key, &args) }),
                ),
                CkanError::NotFound(key) => (
                    StatusCode::NOT_FOUND,
                    json!({ "__type": "Not Found Error", "message": ctx.t.t(key) }),
                ),
                CkanError::Validation { field, key, args } => {
                    let message = translate(ctx, key, &args);
                    let mut error = Map::new();
                    error.insert("__type".into(), json!("Validation Error"));
                    error.insert("message".into(), json!(format!("{field}: {message}")));
                    error.insert(field, json!([message]));
                    (StatusCode::CONFLICT, Value::Object(error))
                }
                CkanError::Authorization => (
                    StatusCode::FORBIDDEN,
                    json!({ "__type": "Authorization Error",
                            "message": ctx.t.t("data-api-error-write") }),
                ),
                CkanError::Internal(e) => {
                    tracing::error!(error = ?e, action = name, "CKAN action failed");
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        json!({ "__type": "Internal Server Error",
                                "message": ctx.t.t("data-api-error-internal") }),
                    )
                }
            };
            (
                status,
                json!({ "help": help, "success": false, "error": error }),
            )
        }
    };
    let mut response = (status, axum::Json(body)).into_response();
    if get && status == StatusCode::OK {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        );
    }
    response
}

/// Read the parameters of a call: the query string, and for POST a JSON or form body.
async fn read_params(req: Request) -> Result<Params, CkanError> {
    let bad = |key: &'static str| CkanError::BadRequest {
        key,
        args: Vec::new(),
    };
    if req.method() != Method::POST {
        let query: axum::extract::Query<Vec<(String, String)>> =
            axum::extract::Query::try_from_uri(req.uri())
                .map_err(|_| bad("data-api-error-query"))?;
        return Ok(Params::from_pairs(query.0));
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let form: axum::Form<Vec<(String, String)>> = axum::Form::from_request(req, &())
            .await
            .map_err(|_| bad("data-api-error-body"))?;
        return Ok(Params::from_pairs(form.0));
    }
    if content_type.starts_with("multipart/") {
        return Err(bad("data-api-error-body"));
    }
    let bytes = axum::body::to_bytes(req.into_body(), 1024 * 1024)
        .await
        .map_err(|_| bad("data-api-error-body"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Params::default());
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(Params(map.into_iter().collect())),
        Ok(_) => Err(bad("data-api-error-body-object")),
        Err(_) => Err(bad("data-api-error-json")),
    }
}

use axum::extract::FromRequest;

async fn action(ctx: PageCtx, Path(name): Path<String>, req: Request) -> Response {
    let get = req.method() != Method::POST;
    let outcome = match read_params(req).await {
        Ok(params) => dispatch(&ctx, &name, &params).await,
        Err(e) => Err(e),
    };
    envelope(&ctx, &name, outcome, get)
}

async fn dispatch(ctx: &PageCtx, name: &str, p: &Params) -> Result<Value, CkanError> {
    match name {
        "package_list" => package_list(ctx, p).await,
        "package_show" => package_show(ctx, p).await,
        "package_search" => package_search(ctx, p).await,
        "current_package_list_with_resources" => current_packages(ctx, p).await,
        "organization_list" => organization_list(ctx, p).await,
        "organization_show" => organization_show(ctx, p).await,
        "group_list" => group_list(ctx, p).await,
        "group_show" => group_show(ctx, p).await,
        "tag_list" => tag_list(ctx, p).await,
        "resource_show" => resource_show(ctx, p).await,
        "datastore_search" => datastore::search(ctx, p).await,
        "status_show" => Ok(status_show(ctx)),
        "site_read" => Ok(json!(true)),
        n if WRITE_ACTIONS.contains(&n) => Err(CkanError::Authorization),
        _ => Err(CkanError::BadRequest {
            key: "data-api-error-unknown-action",
            args: vec![("action", name.chars().take(80).collect())],
        }),
    }
}

async fn package_list(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let limit = p.int("limit", i64::MAX, 0, i64::MAX)?;
    let offset = p.int("offset", 0, 0, i64::MAX)?;
    let names = search::names(&ctx.state.db, limit as u64, offset as u64).await?;
    Ok(json!(names))
}

async fn package_show(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let id = p.required("id")?;
    let dataset = catalog::published(&ctx.state.db, &id)
        .await?
        .ok_or(CkanError::NotFound("data-api-error-dataset-not-found"))?;
    let mut orgs = Organisations::default();
    Ok(dicts::package(
        &ctx.state.db,
        &mut orgs,
        &base_url(ctx),
        ctx.lang(),
        &dataset,
    )
    .await?)
}

async fn package_search(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let mut s = search::Search {
        rows: p.int("rows", 10, 0, 1000)? as u64,
        start: p.int("start", 0, 0, i64::MAX)? as u64,
        ..search::Search::default()
    };
    // q: words; `field:value` terms act as filters (CKAN clients write `q=tags:padi`).
    let q = p.text("q")?.unwrap_or_default();
    let mut words = Vec::new();
    for term in q.split_whitespace() {
        if term == "*:*" {
            continue;
        }
        if term.contains(':') {
            params::apply_fq(term, &mut s).map_err(|_| {
                CkanError::invalid_args(
                    "q",
                    "data-api-error-fq",
                    vec![("clause", term.chars().take(80).collect())],
                )
            })?;
        } else {
            words.push(term);
        }
    }
    s.q = words.join(" ");
    if let Some(fq) = p.text("fq")? {
        params::apply_fq(&fq, &mut s)?;
    }
    if let Some(sort) = p.text("sort")? {
        s.sort = params::parse_sort(&sort)?;
    }
    let facet_fields = p.list("facet.field", false)?.unwrap_or_default();
    for f in &facet_fields {
        if !search::FACETS.contains(&f.as_str()) {
            return Err(CkanError::invalid_args(
                "facet.field",
                "data-api-error-facet-field",
                vec![("field", f.chars().take(80).collect())],
            ));
        }
    }
    let facet_limit = p.int("facet.limit", 50, -1, i64::MAX)?;
    let facets_on = p.flag("facet", true)? && !facet_fields.is_empty();
    s.facet_limit = match (facets_on, facet_limit) {
        (false, _) => 0,
        (true, -1) => u64::MAX,
        (true, n) => n as u64,
    };
    let result = search::search(&ctx.state.db, &s).await?;

    let base = base_url(ctx);
    let mut orgs = Organisations::default();
    let mut results = Vec::with_capacity(result.datasets.len());
    for d in &result.datasets {
        results.push(dicts::package(&ctx.state.db, &mut orgs, &base, ctx.lang(), d).await?);
    }
    let mut facets = Map::new();
    let mut search_facets = Map::new();
    for field in &facet_fields {
        let items = result.facets.get(field);
        let counts: Map<String, Value> = items
            .iter()
            .map(|i| (i.name.clone(), json!(i.count)))
            .collect();
        facets.insert(field.clone(), Value::Object(counts));
        search_facets.insert(
            field.clone(),
            json!({ "title": field, "items": items.iter().map(|i| json!({
                "name": i.name, "display_name": i.display_name, "count": i.count,
            })).collect::<Vec<_>>() }),
        );
    }
    Ok(json!({
        "count": result.count,
        "sort": p.text("sort")?.unwrap_or_else(|| "score desc, metadata_modified desc".into()),
        "facets": facets,
        "search_facets": search_facets,
        "results": results,
    }))
}

async fn current_packages(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let limit = p.int("limit", 100, 0, 1000)?;
    let offset = p.int("offset", 0, 0, i64::MAX)?;
    let ids = search::recently_modified(&ctx.state.db, limit as u64, offset as u64).await?;
    let base = base_url(ctx);
    let mut orgs = Organisations::default();
    let mut out = Vec::with_capacity(ids.len());
    for d in catalog::published_many(&ctx.state.db, &ids).await? {
        out.push(dicts::package(&ctx.state.db, &mut orgs, &base, ctx.lang(), &d).await?);
    }
    Ok(json!(out))
}

/// The producing organisations: those with at least one published dataset.
async fn organization_list(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let all_fields = p.flag("all_fields", false)?;
    let limit = p.int("limit", 1000, 0, 1000)? as usize;
    let offset = p.int("offset", 0, 0, i64::MAX)? as usize;
    let mut producers = search::facet_totals(&ctx.state.db, "organization").await?;
    producers.sort_by(|a, b| a.name.cmp(&b.name));
    let page = producers.into_iter().skip(offset).take(limit);
    if !all_fields {
        return Ok(json!(page.map(|i| i.name).collect::<Vec<_>>()));
    }
    let mut orgs = Organisations::default();
    let mut out = Vec::new();
    for item in page {
        if let Some(o) = orgs.get(&ctx.state.db, &item.name).await? {
            out.push(dicts::organisation(&o, Some(item.count)));
        }
    }
    Ok(json!(out))
}

/// Up to 1000 datasets of one facet value, newest first, as package dicts.
async fn packages_of(
    ctx: &PageCtx,
    field: &str,
    value: &str,
) -> Result<(u64, Vec<Value>), CkanError> {
    let mut s = search::Search {
        rows: 1000,
        facet_limit: 0,
        sort: search::Sort::Modified,
        ..search::Search::default()
    };
    if let Some(values) = s.filter_mut(field) {
        values.push(value.to_string());
    }
    let result = search::search(&ctx.state.db, &s).await?;
    let base = base_url(ctx);
    let mut orgs = Organisations::default();
    let mut out = Vec::new();
    for d in &result.datasets {
        out.push(dicts::package(&ctx.state.db, &mut orgs, &base, ctx.lang(), d).await?);
    }
    Ok((result.count, out))
}

async fn organization_show(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let id = p.required("id")?;
    let include = p.flag("include_datasets", false)?;
    let o = platform::regions::organisation(&ctx.state.db, &id)
        .await?
        .ok_or(CkanError::NotFound("data-api-error-organisation-not-found"))?;
    let (count, packages) = packages_of(ctx, "organization", &o.id).await?;
    let mut v = dicts::organisation(&o, Some(count));
    if include && let Some(obj) = v.as_object_mut() {
        obj.insert("packages".into(), json!(packages));
    }
    Ok(v)
}

async fn group_list(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let all_fields = p.flag("all_fields", false)?;
    let groups = queries::groups(&ctx.state.db).await?;
    if !all_fields {
        return Ok(json!(groups.iter().map(|g| &g.id).collect::<Vec<_>>()));
    }
    let counts = search::facet_totals(&ctx.state.db, "groups").await?;
    let count = |id: &str| counts.iter().find(|c| c.name == id).map_or(0, |c| c.count);
    Ok(json!(
        groups
            .iter()
            .map(|g| dicts::group(g, ctx.lang(), Some(count(&g.id))))
            .collect::<Vec<_>>()
    ))
}

async fn group_show(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let id = p.required("id")?;
    let include = p.flag("include_datasets", false)?;
    let groups = queries::groups(&ctx.state.db).await?;
    let g = groups
        .iter()
        .find(|g| g.id == id)
        .ok_or(CkanError::NotFound("data-api-error-group-not-found"))?;
    let (count, packages) = packages_of(ctx, "groups", &g.id).await?;
    let mut v = dicts::group(g, ctx.lang(), Some(count));
    if include && let Some(obj) = v.as_object_mut() {
        obj.insert("packages".into(), json!(packages));
    }
    Ok(v)
}

async fn tag_list(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let query = p.text("query")?.unwrap_or_default().to_lowercase();
    let all_fields = p.flag("all_fields", false)?;
    let mut tags = search::facet_totals(&ctx.state.db, "tags").await?;
    tags.retain(|t| t.name.to_lowercase().contains(&query));
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    if all_fields {
        Ok(json!(tags.iter().map(|t| json!({
            "id": t.name, "name": t.name, "display_name": t.name, "vocabulary_id": Value::Null,
        })).collect::<Vec<_>>()))
    } else {
        Ok(json!(tags.into_iter().map(|t| t.name).collect::<Vec<_>>()))
    }
}

async fn resource_show(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let id = p.required("id")?;
    let not_found = CkanError::NotFound("data-api-error-resource-not-found");
    let Ok(id) = Uuid::parse_str(&id) else {
        return Err(not_found);
    };
    match catalog::by_resource(&ctx.state.db, id).await? {
        Some((d, r)) if d.is_public() => Ok(dicts::resource(&base_url(ctx), &d, &r)),
        _ => Err(not_found),
    }
}

fn status_show(ctx: &PageCtx) -> Value {
    json!({
        "ckan_version": CKAN_VERSION,
        "site_title": ctx.t.t("data-api-site-title"),
        "site_description": ctx.t.t("data-api-site-description"),
        "site_url": base_url(ctx),
        "error_emails_to": Value::Null,
        "locale_default": match ctx.lang() { Lang::En => "en", _ => "id" },
        "extensions": ["datastore", "dcat", "frictionless"],
    })
}
