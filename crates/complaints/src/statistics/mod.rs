//! Complaint statistics per organisation and per category (issue 3): `/pengaduan/statistik`
//! (two sortable tables, totals and a chart), its CSV download, `GET
//! /api/v1/complaints/statistics`, and the complaints section of each organisation's report
//! card (`/organisasi/{id}`).
//!
//! Figures: complaints received, open now, completed, overdue now, the median working days
//! from routing to the first follow-up, the share of follow-ups on time (within the routed
//! state's deadline) and the average rating. Confidential complaints count in every figure
//! but no page here names a case: everything is an aggregate, and nothing about reporters is
//! read at all.
//!
//! Speed: a median over a million case timelines cannot be computed per request. The figures
//! come from a snapshot (`complaint_statistics`, migration 0009) that [`compute`] rebuilds
//! from cases and their timelines — every [`RECOMPUTE_EVERY`] through the periodic job
//! [`Recompute`], and on the first request when there is none — and the pages say "as of"
//! when it was made.
//!
//! Where things are: `compute.rs` (the rules and the recomputation), `sql.rs` (all SQL),
//! `page.rs` (HTML and CSV), `api.rs` (JSON).

pub mod api;
pub mod compute;
pub mod page;
pub mod sql;

use chrono::{DateTime, Datelike, Utc};
use platform::AppState;
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::i18n::{Lang, Tr};
use platform::regions::queries::Organisation;
use platform::regions::web::{ReportFact, ReportSection};
use platform::web::Routes;
use serde::{Deserialize, Serialize};

pub use compute::{Recomputed, recompute};

use crate::submission::KINDS;
use sql::StatRow;

pub fn routes() -> Routes {
    Routes::new()
        .get("/pengaduan/statistik", Access::Public, page::page)
        .get("/pengaduan/statistik.csv", Access::Public, page::csv)
        .get(
            "/api/v1/complaints/statistics",
            Access::Public,
            api::statistics,
        )
}

/// How often the periodic job rebuilds the snapshot.
pub const RECOMPUTE_EVERY: chrono::Duration = chrono::Duration::minutes(10);

/// The periodic job `complaints.statistics` (registered by the binary with
/// [`RECOMPUTE_EVERY`]): rebuild the snapshot.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Recompute;

impl platform::jobs::Job for Recompute {
    const KIND: &'static str = "complaints.statistics";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        recompute(state).await.map(|_| ())
    }
}

const BAD: AppError = AppError::BadRequest("complaint-error-filter");

/// Which figures: a year (`None`: every year) and a kind (`None`: every kind).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub year: Option<i32>,
    pub kind: Option<String>,
}

impl Selection {
    /// From a year parameter (`2026`, or `all_word` for every year, empty: `default_year`)
    /// and a kind parameter (empty: every kind); anything else is a 400.
    pub fn parse(
        year: Option<&str>,
        kind: Option<&str>,
        all_word: &str,
        default_year: i32,
    ) -> Result<Selection, AppError> {
        let year = match year.map(str::trim).unwrap_or("") {
            "" => Some(default_year),
            y if y == all_word => None,
            y => match y.parse::<i32>() {
                Ok(n) if (2000..=2100).contains(&n) => Some(n),
                _ => return Err(BAD),
            },
        };
        let kind = match kind.map(str::trim).unwrap_or("") {
            "" => None,
            k if KINDS.contains(&k) => Some(k.to_string()),
            _ => return Err(BAD),
        };
        Ok(Selection { year, kind })
    }
}

/// The figures of one snapshot row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub received: i64,
    pub open_now: i64,
    pub completed: i64,
    pub overdue_now: i64,
    pub followed_up: i64,
    pub median_days: Option<f64>,
    pub due: i64,
    pub on_time: i64,
    pub ratings: i64,
    pub rating_sum: i64,
}

impl From<&StatRow> for Figures {
    fn from(r: &StatRow) -> Figures {
        Figures {
            received: r.received,
            open_now: r.open_now,
            completed: r.completed,
            overdue_now: r.overdue_now,
            followed_up: r.followed_up,
            median_days: r.median_days,
            due: r.due,
            on_time: r.on_time,
            ratings: r.ratings,
            rating_sum: r.rating_sum,
        }
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "counts of complaints are far below 2^52"
)]
fn ratio(a: i64, b: i64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Figures {
    /// On-time follow-ups among those that fell due (0–1).
    pub fn on_time_share(&self) -> Option<f64> {
        ratio(self.on_time, self.due)
    }

    pub fn average_rating(&self) -> Option<f64> {
        ratio(self.rating_sum, self.ratings)
    }
}

/// One line of a table: an organisation or a category.
#[derive(Clone, Debug)]
pub struct Line {
    /// Organisation or category id; empty for complaints not routed yet.
    pub id: String,
    pub name: String,
    pub figures: Figures,
}

/// The figures of one selection, read from the snapshot.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub as_of: DateTime<Utc>,
    /// The follow-up deadline in working days.
    pub deadline: u32,
    pub total: Figures,
    pub organisations: Vec<Line>,
    pub categories: Vec<Line>,
    /// Received per period: `2026-03` for a year, `2026` for every year, in order.
    pub periods: Vec<(String, i64)>,
}

/// Read the figures of `selection` in `lang` (names of categories in that language).
pub async fn snapshot(state: &AppState, selection: &Selection, lang: Lang) -> AppResult<Snapshot> {
    let as_of = compute::ensure(state).await.map_err(AppError::Internal)?;
    let deadline = compute::follow_up_deadline(state).await?;
    let rows = sql::rows(
        &state.db,
        selection.year.unwrap_or(0),
        selection.kind.as_deref().unwrap_or(""),
    )
    .await?;
    let mut out = Snapshot {
        as_of,
        deadline,
        total: Figures::default(),
        organisations: Vec::new(),
        categories: Vec::new(),
        periods: Vec::new(),
    };
    if let Some(year) = selection.year {
        out.periods = (1..=12).map(|m| (format!("{year:04}-{m:02}"), 0)).collect();
    }
    for named in rows {
        let r = &named.row;
        let name = match lang {
            Lang::En => named.name_en.clone().filter(|n| !n.trim().is_empty()),
            Lang::Id => None,
        }
        .or_else(|| named.name_id.clone())
        .unwrap_or_else(|| r.item.clone());
        let line = || Line {
            id: r.item.clone(),
            name: name.clone(),
            figures: Figures::from(r),
        };
        match r.dimension.as_str() {
            compute::TOTAL => out.total = Figures::from(r),
            compute::ORGANISATION => out.organisations.push(line()),
            compute::CATEGORY => out.categories.push(line()),
            compute::PERIOD => match out.periods.iter_mut().find(|(p, _)| *p == r.item) {
                Some(slot) => slot.1 = r.received,
                None => out.periods.push((r.item.clone(), r.received)),
            },
            _ => {}
        }
    }
    out.periods.sort();
    Ok(out)
}

/// A share as a percentage: `66,7 %` (id) / `66.7%` (en); `–` without any.
pub fn percent(lang: Lang, share: Option<f64>) -> String {
    match share {
        None => "–".into(),
        Some(s) => match lang {
            Lang::Id => format!("{} %", decimal(lang, s * 100.0)),
            Lang::En => format!("{}%", decimal(lang, s * 100.0)),
        },
    }
}

/// One decimal at most, with the language's decimal mark: `2,5` / `2.5`, `3`.
pub fn decimal(lang: Lang, x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Lang::Id => text.replace('.', ","),
        Lang::En => text,
    }
}

/// An optional figure with one decimal, `–` without one.
pub fn maybe(lang: Lang, x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |x| decimal(lang, x))
}

/// This module's section of an organisation's report card: this year's figures of the
/// complaints assigned to it, and those overdue now (whatever year they came in). Nothing
/// when no complaint was ever assigned to it.
pub fn report_card<'a>(
    state: &'a AppState,
    t: &'a Tr,
    org: &'a Organisation,
) -> futures::future::BoxFuture<'a, AppResult<Option<ReportSection>>> {
    Box::pin(async move {
        compute::ensure(state).await.map_err(AppError::Internal)?;
        let rows = sql::item_rows(&state.db, compute::ORGANISATION, &org.id).await?;
        let Some(all) = rows.iter().find(|r| r.year == 0) else {
            return Ok(None);
        };
        let year = state
            .clock
            .now()
            .with_timezone(&platform::clock::wib())
            .year();
        let this_year = rows
            .iter()
            .find(|r| r.year == year)
            .map(Figures::from)
            .unwrap_or_default();
        let lang = t.lang;
        let fact = |label: &str, value: String| ReportFact {
            label: t.t(label),
            value,
        };
        Ok(Some(ReportSection {
            id: "rapor-pengaduan".into(),
            title: t.t("complaint-stats-card-title"),
            summary: t.t1("complaint-stats-card-summary", "year", &year.to_string()),
            facts: vec![
                fact(
                    "complaint-stats-card-received",
                    t.number(&this_year.received),
                ),
                fact(
                    "complaint-stats-col-on-time",
                    percent(lang, this_year.on_time_share()),
                ),
                fact(
                    "complaint-stats-col-median",
                    maybe(lang, this_year.median_days),
                ),
                fact(
                    "complaint-stats-col-rating",
                    maybe(lang, this_year.average_rating()),
                ),
                fact("complaint-stats-card-overdue", t.number(&all.overdue_now)),
            ],
            link: Some((
                t.t("complaint-stats-title"),
                format!("/pengaduan/statistik?tahun={year}"),
            )),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_parse_and_refuse() {
        let s = Selection::parse(None, None, "semua", 2026).unwrap();
        assert_eq!(
            s,
            Selection {
                year: Some(2026),
                kind: None
            }
        );
        let s = Selection::parse(Some("semua"), Some("aspirasi"), "semua", 2026).unwrap();
        assert_eq!(s.year, None);
        assert_eq!(s.kind.as_deref(), Some("aspirasi"));
        assert_eq!(
            Selection::parse(Some("2025"), Some(""), "all", 2026)
                .unwrap()
                .year,
            Some(2025)
        );
        for (y, k) in [("1999", ""), ("abc", ""), ("all", ""), ("", "gosip")] {
            assert!(
                Selection::parse(Some(y), Some(k), "semua", 2026).is_err(),
                "{y} {k}"
            );
        }
    }

    #[test]
    fn numbers_read_the_way_of_each_language() {
        assert_eq!(decimal(Lang::Id, 2.5), "2,5");
        assert_eq!(decimal(Lang::En, 2.5), "2.5");
        assert_eq!(decimal(Lang::Id, 3.0), "3");
        assert_eq!(decimal(Lang::En, 4.26), "4.3");
        assert_eq!(percent(Lang::Id, Some(2.0 / 3.0)), "66,7 %");
        assert_eq!(percent(Lang::En, Some(0.5)), "50%");
        assert_eq!(percent(Lang::En, None), "–");
        assert_eq!(maybe(Lang::Id, None), "–");
    }
}
