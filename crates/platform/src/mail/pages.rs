//! `/admin/surat`: the outbox as admins see it — what was sent, what waits, what failed and
//! why. Recipients are personal data: this page is for admins only.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::pages::{Pager, page_number};
use crate::authz::Access::Admin;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::on_db;
use crate::web::{PageCtx, Routes};

pub fn routes() -> Routes {
    Routes::new().get("/admin/surat", Admin, outbox)
}

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct OutboxQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    hal: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    to_address: String,
    subject: String,
    body_text: String,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    attempts: i32,
    last_error: Option<String>,
}

struct View {
    id: String,
    to_address: String,
    subject: String,
    body_text: String,
    created_at: String,
    sent_at: String,
    attempts: i64,
    last_error: String,
}

#[derive(Template)]
#[template(path = "mail/outbox.html")]
struct OutboxTemplate<'a> {
    t: &'a Tr,
    rows: Vec<View>,
    status: &'a str,
    total: i64,
    pending: i64,
    smtp_configured: bool,
    pager: Pager,
}

async fn outbox(ctx: PageCtx, Query(q): Query<OutboxQuery>) -> AppResult<Response> {
    let page = page_number(q.hal.as_deref());
    let status = match q.status.as_str() {
        "pending" | "sent" | "failed" => q.status.as_str(),
        _ => "",
    };
    let filter = match status {
        "pending" => "sent_at IS NULL",
        "sent" => "sent_at IS NOT NULL",
        "failed" => "sent_at IS NULL AND last_error IS NOT NULL",
        _ => "1 = 1",
    };
    let db = &ctx.state.db;
    let list_sql = format!(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts, last_error FROM mail_outbox \
         WHERE {filter} ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2"
    );
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(list_sql))
        .bind(PAGE_SIZE).bind((page - 1) * PAGE_SIZE).fetch_all(pool).await)?;
    let count_sql = format!("SELECT COUNT(*) FROM mail_outbox WHERE {filter}");
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)).fetch_one(pool).await)?;
    let pending: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(pool).await)?;
    let rows = rows
        .into_iter()
        .map(|r| View {
            id: r.id.to_string(),
            to_address: r.to_address,
            subject: r.subject,
            body_text: r.body_text,
            created_at: ctx.t.datetime(&r.created_at),
            sent_at: r.sent_at.map(|at| ctx.t.datetime(&at)).unwrap_or_default(),
            attempts: i64::from(r.attempts),
            last_error: r.last_error.unwrap_or_default(),
        })
        .collect();
    let pager = Pager::new(
        "/admin/surat",
        &[("status", status)],
        page,
        total,
        PAGE_SIZE,
    );
    let title = ctx.t.t("outbox-title");
    let smtp_configured = !ctx.state.config.smtp_url.trim().is_empty();
    ctx.page(
        &title,
        &OutboxTemplate {
            t: &ctx.t,
            rows,
            status,
            total,
            pending,
            smtp_configured,
            pager,
        },
    )
}
