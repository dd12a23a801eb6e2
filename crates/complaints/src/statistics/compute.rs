//! The recomputation: read every complaint once (streamed), derive its figures with the
//! working-day calendar, add them up per year × kind × (total, organisation, category,
//! period), and replace the snapshot in one transaction.
//!
//! Per complaint (dates are WIB dates):
//! - *received* in the WIB year and month it was opened; *open now* when its state is open;
//!   *completed* in state `completed`; *overdue now* when open and marked overdue.
//! - The follow-up clock starts at the first entry into the state that `respond` leaves
//!   (`routed`: a re-routing keeps the running clock, as the engine does) and its due date is
//!   that date plus the state's deadline in working days (the case type's default, or the
//!   `cases.deadline.complaint.routed` setting, as the engine reads it).
//! - With a first `respond`: *followed up*, its working days from routing
//!   ([`Calendar::working_days_between`]) go into the median, and it is *on time* when it
//!   came on or before the due date. Without one, the case still counts in *due* (late) once
//!   the due date has passed — today, or the day it was closed — so that never answering
//!   does not look better than answering late.
//! - Figures go to the organisation the case is assigned to now ('' while not routed).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use platform::AppState;
use platform::calendar::Calendar;
use platform::clock::wib;

use super::sql::{self, CaseFacts, StatRow};
use crate::COMPLAINT;
use crate::submission::KINDS;

/// The action whose first occurrence is the follow-up.
pub const FOLLOW_UP_ACTION: &str = "respond";

/// The state that waits for the follow-up, and its default deadline in working days, as the
/// case type declares them.
pub fn waiting_state() -> (&'static str, u32) {
    let state = COMPLAINT
        .transitions
        .iter()
        .find(|t| t.action == FOLLOW_UP_ACTION)
        .and_then(|t| t.from.first().copied())
        .unwrap_or("routed");
    let days = COMPLAINT
        .state(state)
        .and_then(|s| s.deadline)
        .map_or(0, |d| d.working_days);
    (state, days)
}

/// The follow-up deadline in force: the installation's setting (as the case engine reads
/// it) or the case type's default.
pub async fn follow_up_deadline(state: &AppState) -> Result<u32, sqlx::Error> {
    let (waiting, default) = waiting_state();
    let key = format!("cases.deadline.{}.{waiting}", COMPLAINT.kind);
    Ok(platform::settings::get(&state.db, &key)
        .await?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(default))
}

/// The dimensions of the snapshot, as stored in `complaint_statistics.dimension`.
pub const TOTAL: &str = "total";
pub const ORGANISATION: &str = "organisation";
pub const CATEGORY: &str = "category";
pub const PERIOD: &str = "period";
const DIMENSIONS: [&str; 4] = [TOTAL, ORGANISATION, CATEGORY, PERIOD];

/// Running sums of one snapshot row; the follow-up days as a histogram (they are small
/// integers, so a million cases take a few hundred entries).
#[derive(Debug, Default)]
struct Acc {
    received: i64,
    open_now: i64,
    completed: i64,
    overdue_now: i64,
    days: BTreeMap<i64, i64>,
    followed_up: i64,
    due: i64,
    on_time: i64,
    ratings: i64,
    rating_sum: i64,
}

/// The median of a histogram of `n` values (mean of the two middle ones when `n` is even).
fn median(histogram: &BTreeMap<i64, i64>, n: i64) -> Option<f64> {
    if n <= 0 {
        return None;
    }
    // The values at 0-based ranks (n-1)/2 and n/2.
    let (lo_rank, hi_rank) = ((n - 1) / 2, n / 2);
    let (mut lo, mut hi) = (None, None);
    let mut seen = 0;
    for (value, count) in histogram {
        let next = seen + count;
        if lo.is_none() && lo_rank < next {
            lo = Some(*value);
        }
        if hi_rank < next {
            hi = Some(*value);
            break;
        }
        seen = next;
    }
    match (lo, hi) {
        #[expect(clippy::cast_precision_loss, reason = "working days are small")]
        (Some(a), Some(b)) => Some((a + b) as f64 / 2.0),
        _ => None,
    }
}

/// What one complaint contributes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    pub open_now: bool,
    pub completed: bool,
    pub overdue_now: bool,
    /// Working days from routing to the first follow-up.
    pub follow_up_days: Option<i64>,
    /// The follow-up fell due (given, or its deadline passed), and whether it was on time.
    pub due: bool,
    pub on_time: bool,
}

fn wib_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&wib()).date_naive()
}

/// The figures of one complaint (see the module documentation for the rules).
pub fn derive(c: &CaseFacts, calendar: &Calendar, deadline: u32, today: NaiveDate) -> Derived {
    let def = COMPLAINT.state(&c.state);
    let open_now = def.is_some_and(|s| s.open);
    let mut d = Derived {
        open_now,
        completed: c.state == "completed",
        overdue_now: open_now && c.overdue,
        ..Derived::default()
    };
    if let Some(routed) = c.routed_at.map(wib_date) {
        let due_on = calendar.add_working_days(routed, deadline);
        match c.followed_up_at.map(wib_date) {
            Some(answered) => {
                d.follow_up_days = Some(calendar.working_days_between(routed, answered).max(0));
                d.due = true;
                d.on_time = answered <= due_on;
            }
            None => {
                let until = c.closed_at.map_or(today, wib_date);
                d.due = until > due_on;
            }
        }
    }
    d
}

/// Sums per (year, kind index, dimension index, item index): integer keys, so a million
/// cases cost no allocation per addition.
#[derive(Default)]
struct Sums {
    items: HashMap<String, u32>,
    names: Vec<String>,
    /// (year, month) → the interned month and year, formatted once.
    periods: HashMap<(i32, u32), (u32, u32)>,
    accs: HashMap<(i32, u8, u8, u32), Acc>,
}

impl Sums {
    fn intern(&mut self, item: &str) -> u32 {
        if let Some(i) = self.items.get(item) {
            return *i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(item.to_string());
        self.items.insert(item.to_string(), i);
        i
    }

    fn add(&mut self, c: &CaseFacts, d: Derived) {
        let opened = c.opened_at.with_timezone(&wib());
        let year = opened.year();
        let kind = KINDS
            .iter()
            .position(|k| *k == c.kind)
            .and_then(|p| u8::try_from(p + 1).ok())
            .unwrap_or(0);
        let total = self.intern("");
        let organisation = self.intern(c.organisation_id.as_deref().unwrap_or(""));
        let category = self.intern(&c.category_id);
        let (month, whole_year) = match self.periods.get(&(year, opened.month())) {
            Some(p) => *p,
            None => {
                let p = (
                    self.intern(&format!("{year:04}-{:02}", opened.month())),
                    self.intern(&format!("{year:04}")),
                );
                self.periods.insert((year, opened.month()), p);
                p
            }
        };
        for y in [year, 0] {
            for k in [kind, 0] {
                let period = if y == 0 { whole_year } else { month };
                for (dim, item) in [(0, total), (1, organisation), (2, category), (3, period)] {
                    let acc = self.accs.entry((y, k, dim, item)).or_default();
                    acc.received += 1;
                    acc.open_now += i64::from(d.open_now);
                    acc.completed += i64::from(d.completed);
                    acc.overdue_now += i64::from(d.overdue_now);
                    if let Some(days) = d.follow_up_days {
                        acc.followed_up += 1;
                        *acc.days.entry(days).or_default() += 1;
                    }
                    acc.due += i64::from(d.due);
                    acc.on_time += i64::from(d.on_time);
                    if let Some(r) = c.rating {
                        acc.ratings += 1;
                        acc.rating_sum += i64::from(r);
                    }
                }
            }
        }
    }

    fn rows(self) -> Vec<StatRow> {
        let mut rows: Vec<StatRow> = self
            .accs
            .into_iter()
            .map(|((year, kind, dim, item), acc)| StatRow {
                year,
                kind: match kind {
                    0 => String::new(),
                    k => KINDS.get(usize::from(k) - 1).copied().unwrap_or("").into(),
                },
                dimension: DIMENSIONS
                    .get(usize::from(dim))
                    .copied()
                    .unwrap_or(TOTAL)
                    .into(),
                item: self.names.get(item as usize).cloned().unwrap_or_default(),
                received: acc.received,
                open_now: acc.open_now,
                completed: acc.completed,
                overdue_now: acc.overdue_now,
                median_days: median(&acc.days, acc.followed_up),
                followed_up: acc.followed_up,
                due: acc.due,
                on_time: acc.on_time,
                ratings: acc.ratings,
                rating_sum: acc.rating_sum,
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.year, &a.kind, &a.dimension, &a.item).cmp(&(b.year, &b.kind, &b.dimension, &b.item))
        });
        rows
    }
}

/// What a recomputation did.
#[derive(Debug, Clone, Copy)]
pub struct Recomputed {
    pub cases: u64,
    pub rows: usize,
    pub duration_ms: i64,
}

/// Recompute the whole snapshot now.
pub async fn recompute(state: &AppState) -> anyhow::Result<Recomputed> {
    let started = std::time::Instant::now();
    let now = state.clock.now();
    let today = wib_date(now);
    let calendar = state.calendar.get(&state.db).await?;
    let deadline = follow_up_deadline(state).await?;
    let (waiting, _) = waiting_state();
    let mut sums = Sums::default();
    let cases = sql::each_case(&state.db, COMPLAINT.kind, waiting, FOLLOW_UP_ACTION, |c| {
        let d = derive(&c, &calendar, deadline, today);
        sums.add(&c, d);
    })
    .await?;
    let rows = sums.rows();
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let mut tx = state.db.begin().await?;
    sql::replace(
        &mut tx,
        &rows,
        now,
        i64::try_from(cases).unwrap_or(i64::MAX),
        duration_ms,
    )
    .await?;
    tx.commit().await?;
    let done = Recomputed {
        cases,
        rows: rows.len(),
        duration_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
    };
    tracing::info!(
        cases = done.cases,
        rows = done.rows,
        duration_ms = done.duration_ms,
        "complaint statistics recomputed"
    );
    Ok(done)
}

/// One recomputation at a time in this process: the first visitor after a start with no
/// snapshot computes it, the others wait for it instead of computing it again.
fn lock() -> &'static futures::lock::Mutex<()> {
    static LOCK: OnceLock<futures::lock::Mutex<()>> = OnceLock::new();
    LOCK.get_or_init(|| futures::lock::Mutex::new(()))
}

/// When the snapshot was made, computing it first when there is none (a new installation,
/// or before the periodic job's first run).
pub async fn ensure(state: &AppState) -> anyhow::Result<DateTime<Utc>> {
    if let Some(at) = sql::computed_at(&state.db).await? {
        return Ok(at);
    }
    let _guard = lock().lock().await;
    if let Some(at) = sql::computed_at(&state.db).await? {
        return Ok(at);
    }
    recompute(state).await?;
    Ok(sql::computed_at(&state.db)
        .await?
        .unwrap_or_else(|| state.clock.now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(values: &[i64]) -> BTreeMap<i64, i64> {
        let mut h = BTreeMap::new();
        for v in values {
            *h.entry(*v).or_default() += 1;
        }
        h
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&histogram(&[]), 0), None);
        assert_eq!(median(&histogram(&[4]), 1), Some(4.0));
        assert_eq!(median(&histogram(&[1, 9, 2]), 3), Some(2.0));
        assert_eq!(median(&histogram(&[1, 2, 3, 10]), 4), Some(2.5));
        assert_eq!(median(&histogram(&[3, 3, 3, 7]), 4), Some(3.0));
        assert_eq!(median(&histogram(&[0, 0, 8, 8]), 4), Some(4.0));
    }

    fn facts(state: &str) -> CaseFacts {
        CaseFacts {
            organisation_id: Some("diskominfo".into()),
            state: state.into(),
            overdue: false,
            opened_at: DateTime::from_timestamp(0, 0).unwrap_or_default(),
            closed_at: None,
            kind: "pengaduan".into(),
            category_id: "jalan-jembatan".into(),
            rating: None,
            routed_at: None,
            followed_up_at: None,
        }
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        // 03:00 UTC is 10:00 WIB, the same date.
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(3, 0, 0))
            .map(|d| d.and_utc())
            .unwrap_or_default()
    }

    #[test]
    fn follow_ups_count_working_days_and_the_deadline() {
        let cal = Calendar::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
        // Routed Monday 2 November; 5 working days → due Monday 9 November.
        let routed = Some(at(2026, 11, 2));
        let answered = |y, m, d| CaseFacts {
            routed_at: routed,
            followed_up_at: Some(at(y, m, d)),
            ..facts("followed_up")
        };
        let on_time = derive(&answered(2026, 11, 9), &cal, 5, today);
        assert_eq!(on_time.follow_up_days, Some(5));
        assert!(on_time.due && on_time.on_time && on_time.open_now);
        let late = derive(&answered(2026, 11, 10), &cal, 5, today);
        assert_eq!(late.follow_up_days, Some(6));
        assert!(late.due && !late.on_time);
        // Waiting past the due date counts as late; within it, not yet due.
        let waiting = CaseFacts {
            routed_at: routed,
            ..facts("routed")
        };
        let d = derive(&waiting, &cal, 5, today);
        assert!(d.due && !d.on_time && d.follow_up_days.is_none());
        let d = derive(
            &waiting,
            &cal,
            5,
            NaiveDate::from_ymd_opt(2026, 11, 9).unwrap_or_default(),
        );
        assert!(!d.due);
        // Closed within the deadline without a follow-up: never due.
        let closed = CaseFacts {
            routed_at: routed,
            closed_at: Some(at(2026, 11, 4)),
            ..facts("completed")
        };
        let d = derive(&closed, &cal, 5, today);
        assert!(!d.due && d.completed && !d.open_now);
        // Not routed: no clock.
        assert!(!derive(&facts("submitted"), &cal, 5, today).due);
    }
}
