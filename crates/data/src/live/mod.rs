//! Live data: a producing organisation's own systems (a river gauge, a queue system, a price
//! survey app) write rows into a published tabular resource with an API token, and anyone
//! can follow a dataset's changes as Server-Sent Events.
//!
//! - `POST /api/v1/data/resources/{id}/records` appends, `PUT` upserts on the table's key;
//!   `Authorization: Bearer <token>` (tokens are managed by the producer at
//!   `/kelola/data/token`, see [`crate::workflow::tokens`]); body
//!   `{"records": [{"column": value, …}, …]}` (at most [`MAX_RECORDS`]). All or nothing:
//!   one bad field refuses the whole request (422, every problem in `fields` as
//!   `records.{index}.{column}`). The resource must be in the dataset's current published
//!   version, tabular, and the token's organisation must own the dataset. A write counts as
//!   a data update for freshness, goes to the change feed and to the audit log (the actor
//!   is the token).
//! - `GET /data/{name}/perubahan`: the change feed ([`feed`]).

pub mod feed;
pub mod queries;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use chrono::{DateTime, Utc};
use platform::audit::{self, Change};
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::web::{PageCtx, Routes};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::catalog;
use crate::tabular::{self, WriteError};

/// At most this many records per request.
pub const MAX_RECORDS: usize = 10_000;
/// The largest request body (10,000 records of a few dozen fields).
pub const MAX_BODY: usize = 16 * 1024 * 1024;

pub const RECORDS_PATH: &str = "/api/v1/data/resources/{resource_id}/records";

pub fn routes() -> Routes {
    Routes::new()
        .add(
            Method::POST,
            RECORDS_PATH,
            Access::Public,
            post(append).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .add(
            Method::PUT,
            RECORDS_PATH,
            Access::Public,
            put(upsert).layer(DefaultBodyLimit::max(MAX_BODY)),
        )
        .get("/data/{name}/perubahan", Access::Public, feed::stream)
}

#[derive(Debug, Deserialize)]
struct Body {
    records: Vec<Map<String, Value>>,
}

/// What a successful write answers.
#[derive(Debug, Serialize)]
pub struct WriteResult {
    pub resource_id: Uuid,
    /// `append` or `upsert`.
    pub operation: &'static str,
    /// Records written (for an upsert: inserted or updated).
    pub records: u64,
    /// Rows in the table after the write.
    pub row_count: i64,
    pub at: DateTime<Utc>,
}

async fn append(
    ctx: PageCtx,
    Path(resource_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    write(ctx, &resource_id, &headers, &body, Operation::Append).await
}

async fn upsert(
    ctx: PageCtx,
    Path(resource_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    write(ctx, &resource_id, &headers, &body, Operation::Upsert).await
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operation {
    Append,
    Upsert,
}

impl Operation {
    fn as_str(self) -> &'static str {
        match self {
            Operation::Append => "append",
            Operation::Upsert => "upsert",
        }
    }
}

/// The bearer token of the request, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// A 422 answer listing every problem of the records, in the reader's language.
fn refused(ctx: &PageCtx, report: &tabular::LoadReport) -> Response {
    let t = &ctx.t;
    let mut fields = Map::new();
    for p in &report.problems {
        let key = match (p.row, &p.column) {
            (Some(row), Some(column)) => format!("records.{}.{column}", row.saturating_sub(1)),
            (Some(row), None) => format!("records.{}", row.saturating_sub(1)),
            (None, Some(column)) => format!("records.{column}"),
            (None, None) => "records".to_string(),
        };
        let message = p.message(t);
        match fields.get_mut(&key) {
            Some(Value::String(existing)) => {
                existing.push(' ');
                existing.push_str(&message);
            }
            _ => {
                fields.insert(key, Value::String(message));
            }
        }
    }
    if report.more > 0 {
        fields.insert(
            "records".into(),
            Value::String(t.tn("data-live-more-problems", "count", report.more as i64)),
        );
    }
    let body = serde_json::json!({
        "error": "validation_failed",
        "message": t.t("data-live-refused"),
        "fields": fields,
    });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

async fn write(
    ctx: PageCtx,
    resource_id: &str,
    headers: &HeaderMap,
    body: &[u8],
    op: Operation,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let now = ctx.state.clock.now();
    let raw = bearer(headers).ok_or(AppError::Unauthenticated)?;
    let organisation = crate::workflow::tokens::token_organisation(db, raw, now)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let id = Uuid::parse_str(resource_id).map_err(|_| AppError::NotFound)?;
    let (dataset, resource) = catalog::by_resource(db, id)
        .await?
        .filter(|(d, _)| d.is_current())
        .ok_or(AppError::NotFound)?;
    if dataset.organisation_id != organisation {
        return Err(AppError::Forbidden);
    }
    let table_id = resource
        .table_id
        .ok_or(AppError::Conflict("data-live-not-tabular"))?;
    let table = tabular::table(db, table_id)
        .await?
        .ok_or(AppError::Conflict("data-live-not-tabular"))?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            let ct = ct.trim().to_ascii_lowercase();
            ct == "application/json" || ct.starts_with("application/json;")
        });
    if !is_json {
        return Err(AppError::UnsupportedMediaType);
    }
    let input: Body =
        serde_json::from_slice(body).map_err(|_| AppError::BadRequest("data-live-bad-body"))?;
    if input.records.is_empty() || input.records.len() > MAX_RECORDS {
        return Err(AppError::Validation(vec![
            platform::error::FieldError::new("records", "data-live-record-count"),
        ]));
    }
    let token_name = queries::token_name(db, raw).await?.unwrap_or_default();
    // The rows, the change feed's row and the audit entry are one transaction: a write is
    // never in the table without its trace.
    let mut tx = db.begin().await?;
    let written = match op {
        Operation::Append => tabular::append_in(&mut tx, &table, &input.records, now).await,
        Operation::Upsert => tabular::upsert_in(&mut tx, &table, &input.records, now).await,
    };
    let written = match written {
        Ok(n) => n,
        Err(WriteError::Rejected(report)) => return Ok(refused(&ctx, &report)),
        Err(WriteError::NoKey) => return Err(AppError::Conflict("data-live-no-key")),
        Err(WriteError::NotFound) => return Err(AppError::NotFound),
        Err(WriteError::Db(e)) => return Err(e.into()),
    };
    let row_count = tabular::table_in(&mut tx, table_id)
        .await?
        .map_or(table.row_count, |t| t.row_count);
    let rows = i64::try_from(written).unwrap_or(i64::MAX);
    queries::touch_dataset(&mut tx, dataset.id, now).await?;
    catalog::queries::insert_change(
        &mut tx,
        dataset.id,
        Some(resource.id),
        op.as_str(),
        rows,
        now,
    )
    .await?;
    let entity = resource.id.to_string();
    audit::record_as(
        &mut tx,
        None,
        &format!("API token \"{token_name}\" ({organisation})"),
        now,
        Change {
            action: match op {
                Operation::Append => "data.records.append",
                Operation::Upsert => "data.records.upsert",
            },
            entity_type: "data_resource",
            entity_id: &entity,
            organisation_id: Some(&organisation),
            before: None,
            after: Some(serde_json::json!({
                "dataset": dataset.name,
                "records": written,
                "row_count": row_count,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(WriteResult {
        resource_id: resource.id,
        operation: op.as_str(),
        records: written,
        row_count,
        at: now,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_bearer_token_is_read_from_the_authorization_header() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer tbd_abc"),
        );
        assert_eq!(bearer(&h), Some("tbd_abc"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  x "),
        );
        assert_eq!(bearer(&h), Some("x"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic eA=="),
        );
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&h), None);
    }
}
