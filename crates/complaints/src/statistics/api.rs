//! `GET /api/v1/complaints/statistics?year=&kind=`: the figures of `/pengaduan/statistik`
//! as JSON (English field names; `year=all` for every year, default this year).

use axum::Json;
use axum::extract::Query;
use chrono::{DateTime, Datelike, Utc};
use platform::error::AppResult;
use platform::web::PageCtx;
use serde::Serialize;

use super::{Figures, Line, Selection, snapshot};

/// The figures of a total, an organisation or a category.
#[derive(Serialize)]
pub struct ApiFigures {
    pub received: i64,
    pub open: i64,
    pub completed: i64,
    pub overdue: i64,
    /// Complaints with a first follow-up.
    pub followed_up: i64,
    /// Median working days from routing to the first follow-up.
    pub median_working_days_to_follow_up: Option<f64>,
    /// Complaints whose first follow-up fell due (given, or its deadline passed without it).
    pub follow_ups_due: i64,
    pub followed_up_on_time: i64,
    /// `followed_up_on_time / follow_ups_due`, 0–1.
    pub on_time_share: Option<f64>,
    pub ratings: i64,
    pub average_rating: Option<f64>,
}

impl From<&Figures> for ApiFigures {
    fn from(f: &Figures) -> ApiFigures {
        ApiFigures {
            received: f.received,
            open: f.open_now,
            completed: f.completed,
            overdue: f.overdue_now,
            followed_up: f.followed_up,
            median_working_days_to_follow_up: f.median_days,
            follow_ups_due: f.due,
            followed_up_on_time: f.on_time,
            on_time_share: f.on_time_share(),
            ratings: f.ratings,
            average_rating: f.average_rating(),
        }
    }
}

#[derive(Serialize)]
pub struct ApiLine {
    /// Organisation or category id; null for complaints not routed to an organisation yet.
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(flatten)]
    pub figures: ApiFigures,
}

impl From<&Line> for ApiLine {
    fn from(l: &Line) -> ApiLine {
        ApiLine {
            id: (!l.id.is_empty()).then(|| l.id.clone()),
            name: (!l.id.is_empty()).then(|| l.name.clone()),
            figures: ApiFigures::from(&l.figures),
        }
    }
}

#[derive(Serialize)]
pub struct ApiPeriod {
    /// `2026-03`, or `2026` when every year is asked for.
    pub period: String,
    pub received: i64,
}

#[derive(Serialize)]
pub struct ApiStatistics {
    /// Null for every year.
    pub year: Option<i32>,
    pub kind: Option<String>,
    /// When the figures were computed (they are refreshed every few minutes).
    pub as_of: DateTime<Utc>,
    /// The follow-up deadline in working days after routing.
    pub follow_up_deadline_working_days: u32,
    pub totals: ApiFigures,
    pub organisations: Vec<ApiLine>,
    pub categories: Vec<ApiLine>,
    pub periods: Vec<ApiPeriod>,
}

pub async fn statistics(
    ctx: PageCtx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> AppResult<Json<ApiStatistics>> {
    let param = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let s = Selection::parse(
        param("year"),
        param("kind"),
        "all",
        ctx.state.clock.today().year(),
    )?;
    let snap = snapshot(&ctx.state, &s, ctx.lang()).await?;
    let mut organisations: Vec<ApiLine> = snap.organisations.iter().map(ApiLine::from).collect();
    let mut categories: Vec<ApiLine> = snap.categories.iter().map(ApiLine::from).collect();
    // Most complaints first, then by id: a stable order for programs.
    let order = |a: &ApiLine, b: &ApiLine| {
        b.figures
            .received
            .cmp(&a.figures.received)
            .then_with(|| a.id.cmp(&b.id))
    };
    organisations.sort_by(order);
    categories.sort_by(order);
    Ok(Json(ApiStatistics {
        year: s.year,
        kind: s.kind.clone(),
        as_of: snap.as_of,
        follow_up_deadline_working_days: snap.deadline,
        totals: ApiFigures::from(&snap.total),
        organisations,
        categories,
        periods: snap
            .periods
            .into_iter()
            .map(|(period, received)| ApiPeriod { period, received })
            .collect(),
    }))
}
