//! Pages of the audit and publication logs: the public `/transparansi/log` with its JSON
//! and CSV downloads (everything needed to recompute the chain), and the admins'
//! `/admin/audit`.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::publication::{self, Entry, GENESIS_HASH, hashed_time};
use crate::authz::Access::{Admin, Public};
use crate::error::{AppError, AppResult};
use crate::i18n::{Arg, Tr};
use crate::on_db;
use crate::state::AppState;
use crate::web::{PageCtx, Routes};

pub const LOG_PAGE_SIZE: i64 = 50;
pub const AUDIT_PAGE_SIZE: i64 = 50;

pub fn routes() -> Routes {
    Routes::new()
        .get("/transparansi/log", Public, log_page)
        .get("/transparansi/log.json", Public, log_json)
        .get("/transparansi/log.csv", Public, log_csv)
        .get("/admin/audit", Admin, audit_page)
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    hal: Option<String>,
}

/// The page number from `?hal=`, 1 when absent or not a positive number.
pub fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

/// Links to the previous and next pages, keeping the other query parameters.
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new(base: &str, extra: &[(&str, &str)], page: i64, total: i64, size: i64) -> Pager {
        let pages = ((total + size - 1) / size).max(1);
        let link = |n: i64| {
            let mut pairs: Vec<(&str, String)> = extra
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (*k, (*v).to_string()))
                .collect();
            pairs.push(("hal", n.to_string()));
            format!(
                "{base}?{}",
                serde_urlencoded::to_string(&pairs).unwrap_or_default()
            )
        };
        Pager {
            page,
            pages,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }

    /// "Page 2 of 7", translated.
    pub fn position(&self, t: &Tr) -> String {
        t.ta(
            "audit-pager-position",
            &[
                ("page", Arg::Num(self.page as f64)),
                ("pages", Arg::Num(self.pages as f64)),
            ],
        )
    }
}

struct LogRow {
    seq: i64,
    time: String,
    module: String,
    title: String,
    url: String,
    organisation: String,
    content_sha256: String,
    entry_hash: String,
}

#[derive(Template)]
#[template(path = "audit/log.html")]
struct LogTemplate<'a> {
    t: &'a Tr,
    rows: Vec<LogRow>,
    total: i64,
    pager: Pager,
    genesis: &'static str,
}

async fn organisation_names(
    state: &AppState,
    ids: Vec<String>,
) -> AppResult<std::collections::HashMap<String, String>> {
    let mut names = std::collections::HashMap::new();
    for id in ids {
        if names.contains_key(&id) {
            continue;
        }
        let name: Option<String> = on_db!(&state.db, pool => sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
            .bind(&id).fetch_optional(pool).await)?;
        names.insert(id.clone(), name.unwrap_or(id));
    }
    Ok(names)
}

async fn log_page(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let page = page_number(q.hal.as_deref());
    let (entries, total) =
        publication::page(&ctx.state.db, LOG_PAGE_SIZE, (page - 1) * LOG_PAGE_SIZE).await?;
    let names = organisation_names(
        &ctx.state,
        entries
            .iter()
            .filter_map(|e| e.organisation_id.clone())
            .collect(),
    )
    .await?;
    let rows = entries
        .into_iter()
        .map(|e| LogRow {
            seq: e.seq,
            time: ctx.t.datetime(&e.published_at),
            organisation: e
                .organisation_id
                .as_ref()
                .and_then(|id| names.get(id))
                .cloned()
                .unwrap_or_default(),
            module: e.module,
            title: e.title,
            url: e.url,
            content_sha256: e.content_sha256,
            entry_hash: e.entry_hash,
        })
        .collect();
    let pager = Pager::new("/transparansi/log", &[], page, total, LOG_PAGE_SIZE);
    let title = ctx.t.t("publog-title");
    ctx.page(
        &title,
        &LogTemplate {
            t: &ctx.t,
            rows,
            total,
            pager,
            genesis: GENESIS_HASH,
        },
    )
}

/// One entry as downloaded: every field the hash covers, the time exactly as hashed.
#[derive(serde::Serialize)]
pub struct EntryOut<'a> {
    pub seq: i64,
    pub published_at: String,
    pub module: &'a str,
    pub record_type: &'a str,
    pub record_id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub organisation_id: &'a str,
    pub content_sha256: &'a str,
    pub prev_hash: &'a str,
    pub entry_hash: &'a str,
}

impl<'a> From<&'a Entry> for EntryOut<'a> {
    fn from(e: &'a Entry) -> EntryOut<'a> {
        EntryOut {
            seq: e.seq,
            published_at: hashed_time(&e.published_at),
            module: &e.module,
            record_type: &e.record_type,
            record_id: &e.record_id,
            title: &e.title,
            url: &e.url,
            organisation_id: e.organisation_id.as_deref().unwrap_or(""),
            content_sha256: &e.content_sha256,
            prev_hash: &e.prev_hash,
            entry_hash: &e.entry_hash,
        }
    }
}

/// How to recompute an entry's hash, stated in the downloads themselves.
pub const HASH_RULE: &str = "entry_hash = lowercase hex SHA-256 of the UTF-8 text: prev_hash, seq, published_at, module, \
record_type, record_id, title, url, organisation_id (empty when none), content_sha256, joined by a single \\n; \
prev_hash of seq 1 is 64 zeros; seq runs 1, 2, 3 without gaps";

async fn log_json(State(state): State<AppState>) -> AppResult<Response> {
    let entries = publication::all_entries(&state.db).await?;
    let (head_seq, head_hash) = publication::head(&state.db).await?;
    let out: Vec<EntryOut<'_>> = entries.iter().map(EntryOut::from).collect();
    Ok(Json(serde_json::json!({
        "hash_rule": HASH_RULE,
        "genesis_hash": GENESIS_HASH,
        "head": { "seq": head_seq, "entry_hash": head_hash },
        "entries": out,
    }))
    .into_response())
}

async fn log_csv(State(state): State<AppState>) -> AppResult<Response> {
    let entries = publication::all_entries(&state.db).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for entry in &entries {
        writer
            .serialize(EntryOut::from(entry))
            .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    }
    if entries.is_empty() {
        writer
            .write_record([
                "seq",
                "published_at",
                "module",
                "record_type",
                "record_id",
                "title",
                "url",
                "organisation_id",
                "content_sha256",
                "prev_hash",
                "entry_hash",
            ])
            .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"publication-log.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    entitas: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    aktor: String,
    #[serde(default)]
    hal: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    at: DateTime<Utc>,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    organisation_id: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
}

struct AuditView {
    at: String,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    organisation_id: String,
    before: String,
    after: String,
}

#[derive(Template)]
#[template(path = "audit/admin.html")]
struct AuditTemplate<'a> {
    t: &'a Tr,
    rows: Vec<AuditView>,
    entity_types: Vec<String>,
    entitas: &'a str,
    id: &'a str,
    aktor: &'a str,
    total: i64,
    pager: Pager,
}

/// Pretty-print stored JSON for reading; anything else is shown as it is.
fn pretty(raw: Option<String>) -> String {
    match raw {
        None => String::new(),
        Some(text) => serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or(text),
    }
}

async fn audit_page(ctx: PageCtx, Query(q): Query<AuditQuery>) -> AppResult<Response> {
    let page = page_number(q.hal.as_deref());
    let entitas = q.entitas.trim();
    let id = q.id.trim();
    let aktor = q.aktor.trim();
    // Empty filters match everything; the actor filter is a case-insensitive substring.
    let filter = "($1 = '' OR entity_type = $1) AND ($2 = '' OR entity_id = $2) \
                  AND ($3 = '' OR LOWER(actor_name) LIKE LOWER($4))";
    let like = format!("%{}%", aktor.replace(['\\', '%', '_'], ""));
    let list_sql = format!(
        "SELECT at, actor_name, action, entity_type, entity_id, organisation_id, before_json, after_json \
         FROM audit_log WHERE {filter} ORDER BY at DESC, id DESC LIMIT $5 OFFSET $6"
    );
    let count_sql = format!("SELECT COUNT(*) FROM audit_log WHERE {filter}");
    let db = &ctx.state.db;
    let rows: Vec<AuditRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(list_sql))
        .bind(entitas).bind(id).bind(aktor).bind(&like).bind(AUDIT_PAGE_SIZE).bind((page - 1) * AUDIT_PAGE_SIZE)
        .fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql))
        .bind(entitas).bind(id).bind(aktor).bind(&like).fetch_one(pool).await)?;
    let entity_types: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type").fetch_all(pool).await)?;
    let rows = rows
        .into_iter()
        .map(|r| AuditView {
            at: ctx.t.datetime(&r.at),
            actor_name: r.actor_name,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            organisation_id: r.organisation_id.unwrap_or_default(),
            before: pretty(r.before_json),
            after: pretty(r.after_json),
        })
        .collect();
    let pager = Pager::new(
        "/admin/audit",
        &[("entitas", entitas), ("id", id), ("aktor", aktor)],
        page,
        total,
        AUDIT_PAGE_SIZE,
    );
    let title = ctx.t.t("audit-title");
    ctx.page(
        &title,
        &AuditTemplate {
            t: &ctx.t,
            rows,
            entity_types,
            entitas,
            id,
            aktor,
            total,
            pager,
        },
    )
}
