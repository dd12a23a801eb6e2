//! `/data/kesegaran`, the freshness board: per producing organisation, its public datasets
//! with their declared frequency, last update, due date and state (fresh, due soon,
//! overdue), overdue first; and the portal's section of an organisation's report card
//! (`/organisasi/{id}`). Both compute freshness with [`crate::freshness::assess`], like the
//! dataset page.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use chrono::{DateTime, Utc};
use platform::AppState;
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::regions::queries::Organisation;
use platform::regions::web::{ReportFact, ReportSection};
use platform::web::PageCtx;
use serde::Deserialize;

use super::queries::{self, Scheduled};
use crate::freshness::{self, Frequency, Freshness};

pub struct Row {
    pub name: String,
    pub title: String,
    pub frequency: String,
    pub updated: String,
    pub due: String,
    pub state: &'static str,
    pub label: String,
    pub class: &'static str,
}

pub struct OrganisationBoard {
    pub id: String,
    pub name: String,
    pub total: usize,
    pub fresh: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// "12 datasets · 3 overdue · 1 due for an update".
    pub counts: String,
    pub rows: Vec<Row>,
}

/// Rank for "overdue first": overdue, due soon, then the rest.
fn rank(state: Freshness) -> u8 {
    match state {
        Freshness::Overdue => 0,
        Freshness::DueSoon => 1,
        Freshness::Unpublished => 2,
        Freshness::Fresh => 3,
    }
}

/// The board's organisations from the published datasets: each organisation's datasets
/// overdue first (then by due date), organisations with the most overdue datasets first.
pub fn build(t: &Tr, datasets: Vec<Scheduled>, now: DateTime<Utc>) -> Vec<OrganisationBoard> {
    let mut boards: Vec<OrganisationBoard> = Vec::new();
    let mut assessed: Vec<(Scheduled, Freshness, Option<DateTime<Utc>>)> = datasets
        .into_iter()
        .map(|d| {
            let frequency = Frequency::parse(&d.frequency).unwrap_or(Frequency::Irregular);
            let (state, due) = freshness::assess(frequency, d.data_updated_at, now);
            (d, state, due)
        })
        .collect();
    assessed.sort_by(|a, b| {
        (&a.0.organisation_name, rank(a.1), a.2.is_none(), a.2).cmp(&(
            &b.0.organisation_name,
            rank(b.1),
            b.2.is_none(),
            b.2,
        ))
    });
    for (d, state, due) in assessed {
        if boards.last().is_none_or(|b| b.id != d.organisation_id) {
            boards.push(OrganisationBoard {
                id: d.organisation_id.clone(),
                name: d.organisation_name.clone(),
                total: 0,
                fresh: 0,
                due_soon: 0,
                overdue: 0,
                counts: String::new(),
                rows: Vec::new(),
            });
        }
        let Some(board) = boards.last_mut() else {
            continue;
        };
        board.total += 1;
        match state {
            Freshness::Overdue => board.overdue += 1,
            Freshness::DueSoon => board.due_soon += 1,
            _ => board.fresh += 1,
        }
        let frequency = Frequency::parse(&d.frequency).unwrap_or(Frequency::Irregular);
        board.rows.push(Row {
            name: d.name,
            title: d.title,
            frequency: t.t(&frequency.key()),
            updated: d
                .data_updated_at
                .map(|at| t.datetime(&at))
                .unwrap_or_default(),
            due: due.map(|at| t.datetime(&at)).unwrap_or_else(|| "–".into()),
            state: state.as_str(),
            label: t.t(&state.key()),
            class: if state == Freshness::Fresh {
                "ok"
            } else {
                "warn"
            },
        });
    }
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    for b in &mut boards {
        b.counts = [
            t.tn("data-public-freshness-counts-total", "count", n(b.total)),
            t.tn(
                "data-public-freshness-counts-overdue",
                "count",
                n(b.overdue),
            ),
            t.tn(
                "data-public-freshness-counts-due-soon",
                "count",
                n(b.due_soon),
            ),
        ]
        .join(" · ");
    }
    boards.sort_by_key(|b| std::cmp::Reverse((b.overdue, b.due_soon)));
    boards
}

#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    #[serde(default)]
    pub organisasi: Option<String>,
}

#[derive(Template)]
#[template(path = "public/freshness.html")]
struct BoardPage<'a> {
    t: &'a Tr,
    boards: Vec<OrganisationBoard>,
    total: usize,
    overdue: usize,
    due_soon: usize,
    filtered: bool,
}

/// `GET /data/kesegaran[?organisasi=id]`.
pub async fn board(ctx: PageCtx, Query(q): Query<BoardQuery>) -> AppResult<Response> {
    let org = q
        .organisasi
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let datasets = queries::scheduled(&ctx.state.db, org).await?;
    let boards = build(&ctx.t, datasets, ctx.state.clock.now());
    let t = &ctx.t;
    let page = BoardPage {
        t,
        total: boards.iter().map(|b| b.total).sum(),
        overdue: boards.iter().map(|b| b.overdue).sum(),
        due_soon: boards.iter().map(|b| b.due_soon).sum(),
        boards,
        filtered: org.is_some(),
    };
    ctx.page(&t.t("data-public-freshness-title"), &page)
}

/// The data portal's section of an organisation's report card: how many datasets it
/// publishes and how many are overdue; nothing when it publishes none.
pub fn report_card<'a>(
    state: &'a AppState,
    t: &'a Tr,
    org: &'a Organisation,
) -> futures::future::BoxFuture<'a, AppResult<Option<ReportSection>>> {
    Box::pin(async move {
        let datasets = queries::scheduled(&state.db, Some(&org.id)).await?;
        if datasets.is_empty() {
            return Ok(None);
        }
        let boards = build(t, datasets, state.clock.now());
        let (total, overdue, due_soon) = boards.iter().fold((0, 0, 0), |acc, b| {
            (acc.0 + b.total, acc.1 + b.overdue, acc.2 + b.due_soon)
        });
        let fact = |key: &str, n: usize| ReportFact {
            label: t.t(key),
            value: platform::i18n::format_number(i64::try_from(n).unwrap_or(i64::MAX)),
        };
        Ok(Some(ReportSection {
            id: "rapor-data".into(),
            title: t.t("data-public-report-title"),
            summary: t.t("data-public-report-summary"),
            facts: vec![
                fact("data-public-report-published", total),
                fact("data-public-report-overdue", overdue),
                fact("data-public-report-due-soon", due_soon),
            ],
            link: Some((
                t.t("data-public-report-link"),
                format!(
                    "/data/kesegaran?organisasi={}",
                    platform::web::routes::urlencode(&org.id)
                ),
            )),
        }))
    })
}
