//! The JSON API (English field names): `POST /api/v1/complaints` (submit),
//! `GET /api/v1/complaints` (the public list, same filters as `/pengaduan`) and
//! `GET /api/v1/complaints/{code}` (one public complaint with its public timeline). Nothing
//! about the reporter is ever returned; confidential complaints do not exist here.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use platform::accounts::pages::ClientIp;
use platform::cases::{self, Audience};
use platform::error::{AppError, AppResult};
use platform::web::PageCtx;
use serde::{Deserialize, Serialize};

use super::filters::Filters;
use super::sql::{self, PublicRow};
use crate::submission::{self, Submission};

/// What a program sends to submit. Guests give an e-mail or a phone (no name: the API
/// keeps personal data to the minimum needed to answer).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiSubmission {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub region: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location_text: String,
    pub privacy: String,
    pub email: String,
    pub phone: String,
}

#[derive(Serialize)]
pub struct ApiSubmitted {
    pub tracking_code: String,
    /// The guest's secret follow-up link (shown once); null for signed-in reporters.
    pub follow_up_url: Option<String>,
    pub status: String,
}

pub async fn create(
    ctx: PageCtx,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            let ct = ct.trim().to_ascii_lowercase();
            ct == "application/json" || ct.starts_with("application/json;")
        });
    // Only JSON: besides being the contract, it keeps a signed-in visitor's cookie from being
    // used by another site's plain form (a cross-site JSON request needs a CORS preflight).
    if !is_json {
        return Err(AppError::UnsupportedMediaType);
    }
    let input: ApiSubmission =
        serde_json::from_slice(&body).map_err(|_| AppError::BadRequest("error-bad-request"))?;
    if !submission::guest_may_submit(&ctx.state, &ctx.actor, &client).await? {
        return Err(AppError::TooManyRequests);
    }
    let coordinate = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let submission = Submission {
        kind: input.kind,
        title: input.title,
        description: input.description,
        category: input.category,
        region: input.region,
        latitude: coordinate(input.latitude),
        longitude: coordinate(input.longitude),
        location_text: input.location_text,
        privacy: input.privacy,
        name: String::new(),
        email: input.email,
        phone: input.phone,
    };
    let done =
        submission::submit_in(&ctx.state, &ctx.actor, submission, Vec::new(), ctx.t.lang).await?;
    let follow_up_url = done.guest_secret.map(|secret| {
        format!(
            "{}/pengaduan/lacak/{}?kunci={}",
            ctx.state.config.public_url.trim_end_matches('/'),
            done.tracking_code,
            secret
        )
    });
    Ok((
        StatusCode::CREATED,
        Json(ApiSubmitted {
            tracking_code: done.tracking_code,
            follow_up_url,
            status: "submitted".into(),
        }),
    )
        .into_response())
}

/// A public complaint in a list.
#[derive(Serialize)]
pub struct ComplaintSummary {
    pub tracking_code: String,
    pub kind: String,
    pub title: String,
    pub category_id: String,
    pub category_name: String,
    pub region_code: String,
    pub region_name: String,
    pub district_code: String,
    pub district_name: String,
    pub status: String,
    pub organisation_id: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub opened_at: DateTime<Utc>,
    pub url: String,
}

impl ComplaintSummary {
    fn new(ctx: &PageCtx, r: &PublicRow) -> ComplaintSummary {
        ComplaintSummary {
            tracking_code: r.tracking_code.clone(),
            kind: r.kind.clone(),
            title: r.title.clone(),
            category_id: r.category_id.clone(),
            category_name: ctx
                .pick(&r.category_name_id, &r.category_name_en)
                .to_string(),
            region_code: r.region_code.clone(),
            region_name: r.region_name.clone(),
            district_code: r.district_code.clone(),
            district_name: r.district_name.clone(),
            status: r.state.clone(),
            organisation_id: r.organisation_id.clone(),
            due_on: r.due_on,
            overdue: r.overdue,
            opened_at: r.opened_at,
            url: format!("/pengaduan/{}", r.tracking_code),
        }
    }
}

#[derive(Serialize)]
pub struct ComplaintList {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub items: Vec<ComplaintSummary>,
}

pub async fn list(
    ctx: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<ComplaintList>> {
    let f = Filters::parse(&pairs)?;
    let per_page = match pairs.iter().find(|(k, _)| k == "per_page") {
        None => 20,
        Some((_, v)) => match v.trim().parse::<i64>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => return Err(AppError::BadRequest("complaint-error-filter")),
        },
    };
    let (conditions, binds) = f.sql();
    let (rows, total) = sql::public_page(
        &ctx.state.db,
        &conditions,
        &binds,
        per_page,
        (f.page - 1) * per_page,
    )
    .await?;
    Ok(Json(ComplaintList {
        total,
        page: f.page,
        per_page,
        items: rows
            .iter()
            .map(|r| ComplaintSummary::new(&ctx, r))
            .collect(),
    }))
}

#[derive(Serialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub author_role: String,
    pub action: Option<String>,
    pub status: Option<String>,
    pub body: String,
}

#[derive(Serialize)]
pub struct ComplaintDetail {
    #[serde(flatten)]
    pub summary: ComplaintSummary,
    pub description: String,
    pub location_text: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub timeline: Vec<TimelineEntry>,
}

pub async fn show(ctx: PageCtx, Path(code): Path<String>) -> AppResult<Json<ComplaintDetail>> {
    let row = sql::public_by_code(&ctx.state.db, code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let entries = cases::timeline(&ctx.state.db, row.id, Audience::Public).await?;
    Ok(Json(ComplaintDetail {
        summary: ComplaintSummary::new(&ctx, &row),
        description: row.description.clone(),
        location_text: row.location_text.clone(),
        latitude: row.latitude,
        longitude: row.longitude,
        timeline: entries
            .into_iter()
            .map(|e| TimelineEntry {
                at: e.at,
                body: if e.kind == "system" {
                    ctx.t.t(&e.body)
                } else {
                    e.body
                },
                kind: e.kind,
                author_role: e.author_role,
                action: e.action,
                status: e.to_state,
            })
            .collect(),
    }))
}
