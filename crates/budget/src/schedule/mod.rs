//! `/anggaran/jadwal`: the publication schedule. For every year with a budget (and the
//! current year) the statutory deadlines of `data/budget/schedule.csv` — APBD by 31
//! January, first-semester realisation by 30 July, APBD-P within 30 days of adoption,
//! full-year realisation (LKPD) by 31 March of the next year — each with the publication
//! that satisfied it (the first published version of its stage that covers the months
//! required, from the versions table) and whether it came on time, late, or is overdue.
//! Dates are compared in Western Indonesian Time (UTC+7).

use std::collections::BTreeSet;

use askama::Template;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use platform::authz::Access;
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::web::{PageCtx, Routes};
use serde::Serialize;

use crate::api::sql;
use crate::import::Stage;
use crate::queries::Version;

/// The schedule's rules (`id,stage,min_month,deadline,required,name_id,name_en,basis`).
pub const SCHEDULE: &str = include_str!("../../../../data/budget/schedule.csv");

pub fn routes() -> Routes {
    Routes::new().get("/anggaran/jadwal", Access::Public, page)
}

/// When a rule's deadline falls: a day of the fiscal year or of a later one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub years_after: i32,
    pub month: u32,
    pub day: u32,
}

impl Deadline {
    /// `MM-DD` (in the fiscal year) or `+N:MM-DD` (N years later).
    pub fn parse(text: &str) -> Option<Deadline> {
        let text = text.trim();
        let (years_after, date) = match text.strip_prefix('+') {
            Some(rest) => {
                let (n, date) = rest.split_once(':')?;
                (n.parse().ok()?, date)
            }
            None => (0, text),
        };
        let (month, day) = date.split_once('-')?;
        let d = Deadline {
            years_after,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        // Checked against a leap year so that 02-29 is accepted.
        NaiveDate::from_ymd_opt(2024, d.month, d.day)?;
        Some(d)
    }

    pub fn date(self, year: i32) -> NaiveDate {
        let y = year + self.years_after;
        NaiveDate::from_ymd_opt(y, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(y, self.month, self.day - 1))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// One statutory publication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub stage: Stage,
    /// Realisation: the months it must cover.
    pub min_month: Option<i32>,
    pub deadline: Deadline,
    /// False for a publication that exists only when there is one (APBD-P).
    pub required: bool,
    pub name_id: String,
    pub name_en: String,
    pub basis: String,
}

/// The rules of a schedule file; a malformed row is an error naming it.
pub fn rules(csv_text: &str) -> anyhow::Result<Vec<Rule>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let r = record?;
        let field = |n: usize| r.get(n).unwrap_or_default().trim().to_string();
        let row = i + 2;
        let stage = Stage::parse(&field(1))
            .ok_or_else(|| anyhow::anyhow!("schedule row {row}: unknown stage"))?;
        let min_month = match field(2).as_str() {
            "" => None,
            m => Some(
                m.parse::<i32>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| anyhow::anyhow!("schedule row {row}: bad min_month"))?,
            ),
        };
        let deadline = Deadline::parse(&field(3))
            .ok_or_else(|| anyhow::anyhow!("schedule row {row}: bad deadline"))?;
        out.push(Rule {
            id: field(0),
            stage,
            min_month,
            deadline,
            required: field(4) != "0",
            name_id: field(5),
            name_en: field(6),
            basis: field(7),
        });
    }
    Ok(out)
}

/// How a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published by the deadline.
    OnTime,
    /// Published after the deadline.
    Late,
    /// Not published and the deadline has passed.
    Overdue,
    /// Not published yet; the deadline is still ahead.
    Pending,
    /// An optional publication (APBD-P) that was not made.
    NotMade,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::OnTime => "budget-schedule-on-time",
            Status::Late => "budget-schedule-late",
            Status::Overdue => "budget-schedule-overdue",
            Status::Pending => "budget-schedule-pending",
            Status::NotMade => "budget-schedule-not-made",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Status::OnTime => "on-time",
            Status::Late => "late",
            Status::Overdue => "overdue",
            Status::Pending => "pending",
            Status::NotMade => "not-made",
        }
    }
}

/// A rule applied to a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub rule: Rule,
    pub deadline: NaiveDate,
    /// The publication that satisfied it: version number and day published.
    pub satisfied_by: Option<(i32, NaiveDate)>,
    pub status: Status,
}

/// The day of an instant in Western Indonesian Time.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    FixedOffset::east_opt(7 * 3600).map_or_else(
        || at.date_naive(),
        |wib| at.with_timezone(&wib).date_naive(),
    )
}

/// The schedule of `year`: each rule with the first public version of its stage that
/// satisfies it. `versions` may hold any years and stages; drafts are ignored.
pub fn evaluate(rules: &[Rule], year: i32, versions: &[Version], today: NaiveDate) -> Vec<Entry> {
    rules
        .iter()
        .map(|rule| {
            let deadline = rule.deadline.date(year);
            let satisfied_by = versions
                .iter()
                .filter(|v| v.fiscal_year == year && v.stage == rule.stage.as_str())
                .filter(|v| v.status == "published" || v.status == "superseded")
                .filter(|v| match rule.min_month {
                    Some(m) => v.last_month.is_some_and(|last| last >= m),
                    None => true,
                })
                .filter_map(|v| Some((v.version, local_day(v.published_at?))))
                .min_by_key(|(_, day)| *day);
            let status = match satisfied_by {
                Some((_, day)) if day <= deadline => Status::OnTime,
                Some(_) => Status::Late,
                None if today <= deadline => Status::Pending,
                None if rule.required => Status::Overdue,
                None => Status::NotMade,
            };
            Entry {
                rule: rule.clone(),
                deadline,
                satisfied_by,
                status,
            }
        })
        .collect()
}

struct EntryView {
    id: String,
    name: String,
    basis: String,
    deadline: String,
    published: Option<(String, String)>,
    status_key: &'static str,
    class: &'static str,
}

struct YearView {
    year: i32,
    entries: Vec<EntryView>,
}

#[derive(Template)]
#[template(path = "schedule/index.html")]
struct SchedulePage<'a> {
    t: &'a Tr,
    years: Vec<YearView>,
    today: String,
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `GET /anggaran/jadwal`.
pub async fn page(ctx: PageCtx) -> AppResult<axum::response::Response> {
    let rules = rules(SCHEDULE)?;
    let versions = sql::public_versions(&ctx.state.db).await?;
    let today = local_day(ctx.state.clock.now());
    let mut years: BTreeSet<i32> = versions.iter().map(|v| v.fiscal_year).collect();
    years.insert(today.year());
    let years: Vec<YearView> = years
        .into_iter()
        .rev()
        .map(|year| YearView {
            year,
            entries: evaluate(&rules, year, &versions, today)
                .into_iter()
                .map(|e| EntryView {
                    id: e.rule.id.clone(),
                    name: ctx.pick(&e.rule.name_id, &e.rule.name_en).to_string(),
                    basis: e.rule.basis.clone(),
                    deadline: day(e.deadline),
                    published: e.satisfied_by.map(|(version, d)| {
                        (
                            crate::import::public_url(year, e.rule.stage, version),
                            day(d),
                        )
                    }),
                    status_key: e.status.key(),
                    class: e.status.class(),
                })
                .collect(),
        })
        .collect();
    let t = &ctx.t;
    ctx.page(
        &t.t("budget-schedule-title"),
        &SchedulePage {
            t,
            years,
            today: day(today),
        },
    )
}
