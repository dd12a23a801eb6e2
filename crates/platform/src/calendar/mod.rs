//! The working-day calendar: weekends, national holidays and cuti bersama.
//!
//! Statutory clocks count *hari kerja*: every day except Saturdays, Sundays and the days in
//! the `holidays` table (national holidays and cuti bersama, shipped in
//! `data/calendar/holidays.csv` and editable by admins at `/admin/kalender`). Dates are WIB
//! dates ([`crate::clock::Clock::today`]).
//!
//! The counting rule, used by every module for due dates:
//! - [`Calendar::add_working_days`]`(d, n)` with `n ≥ 1` is the n-th working day *after* `d`:
//!   the count starts on the next working day, whatever `d` itself is. A request received on
//!   Friday with 1 working day to answer is due on Monday (or later, after holidays).
//! - `n = 0` gives `d` itself when it is a working day, else the next working day (so for a
//!   `d` that is not a working day, `n = 0` and `n = 1` give the same date; from there on
//!   each further day adds one working day).
//! - [`Calendar::working_days_between`]`(a, b)` counts the working days in `(a, b]` (after `a`,
//!   up to and including `b`), negative when `b` is before `a`. So
//!   `working_days_between(d, add_working_days(d, n)) == n` for every `n ≥ 1`.
//!
//! Days outside the years in the table count only weekends as non-working.

pub mod admin;

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};

use crate::db::{Db, RowsAffected};
use crate::on_db;

pub use admin::routes;

/// The shipped national holidays and cuti bersama (see `data/calendar/README.md`).
pub const HOLIDAYS_CSV: &str = include_str!("../../../../data/calendar/holidays.csv");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    National,
    CutiBersama,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::National => "national",
            Kind::CutiBersama => "cuti_bersama",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim() {
            "national" => Some(Kind::National),
            "cuti_bersama" => Some(Kind::CutiBersama),
            _ => None,
        }
    }
}

/// One non-working day besides weekends.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Holiday {
    pub day: NaiveDate,
    pub kind: Kind,
    pub name_id: String,
    pub name_en: String,
}

/// A snapshot of the holidays, answering working-day questions without the database.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, Holiday>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = Holiday>) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().map(|h| (h.day, h)).collect(),
        }
    }

    /// Read every holiday from the database.
    pub async fn load(db: &Db) -> Result<Calendar, sqlx::Error> {
        Ok(Calendar::new(all(db).await?))
    }

    pub fn holiday(&self, day: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&day)
    }

    /// Holidays of one year, in date order.
    pub fn year(&self, year: i32) -> Vec<&Holiday> {
        self.holidays
            .values()
            .filter(|h| h.day.year() == year)
            .collect()
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains_key(&day)
    }

    /// The first working day strictly after `day`.
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        loop {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
            if self.is_working_day(d) {
                return d;
            }
        }
    }

    /// `n` working days after `start` (see the module documentation for the rule).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return if self.is_working_day(start) {
                start
            } else {
                self.next_working_day(start)
            };
        }
        (0..n).fold(start, |d, _| self.next_working_day(d))
    }

    /// Working days in `(a, b]`; negative when `b < a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days_between(b, a);
        }
        if b == a {
            return 0;
        }
        // Whole weeks hold 5 weekdays; walk only the remainder, then subtract holidays
        // falling on weekdays in the range.
        let days = (b - a).num_days();
        let weeks = days / 7;
        let mut count = weeks * 5;
        let mut d = a + chrono::Duration::days(weeks * 7);
        while d < b {
            d = d.succ_opt().unwrap_or(d);
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                count += 1;
            }
        }
        let holidays = self
            .holidays
            .range(a.succ_opt().unwrap_or(a)..=b)
            .filter(|(day, _)| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && **day > a)
            .count();
        count - i64::try_from(holidays).unwrap_or(0)
    }
}

/// The calendar kept in memory by each app node: loaded on first use, dropped after an
/// admin edit on this node, and reloaded at least every few minutes so that edits made on
/// another node arrive.
#[derive(Debug, Default)]
pub struct CalendarCache {
    current: RwLock<Option<(Arc<Calendar>, Instant)>>,
}

/// How long a node trusts its copy before reading the table again.
pub const CACHE_TTL: Duration = Duration::from_secs(300);

impl CalendarCache {
    pub async fn get(&self, db: &Db) -> Result<Arc<Calendar>, sqlx::Error> {
        if let Ok(guard) = self.current.read()
            && let Some((calendar, loaded)) = guard.as_ref()
            && loaded.elapsed() < CACHE_TTL
        {
            return Ok(calendar.clone());
        }
        let calendar = Arc::new(Calendar::load(db).await?);
        if let Ok(mut guard) = self.current.write() {
            *guard = Some((calendar.clone(), Instant::now()));
        }
        Ok(calendar)
    }

    /// Forget the copy (after an edit); the next [`CalendarCache::get`] reads the table.
    pub fn invalidate(&self) {
        if let Ok(mut guard) = self.current.write() {
            *guard = None;
        }
    }
}

#[derive(sqlx::FromRow)]
struct HolidayRow {
    day: NaiveDate,
    kind: String,
    name_id: String,
    name_en: String,
}

impl From<HolidayRow> for Holiday {
    fn from(r: HolidayRow) -> Holiday {
        Holiday {
            day: r.day,
            kind: Kind::parse(&r.kind).unwrap_or(Kind::National),
            name_id: r.name_id,
            name_en: r.name_en,
        }
    }
}

/// Every holiday in the table, in date order.
pub async fn all(db: &Db) -> Result<Vec<Holiday>, sqlx::Error> {
    let rows: Vec<HolidayRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT day, kind, name_id, name_en FROM holidays ORDER BY day").fetch_all(pool).await)?;
    Ok(rows.into_iter().map(Holiday::from).collect())
}

pub async fn find(db: &Db, day: NaiveDate) -> Result<Option<Holiday>, sqlx::Error> {
    let row: Option<HolidayRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT day, kind, name_id, name_en FROM holidays WHERE day = $1").bind(day).fetch_optional(pool).await)?;
    Ok(row.map(Holiday::from))
}

/// Parse the shipped CSV (`day,kind,name_id,name_en`).
pub fn parse_csv(text: &str) -> anyhow::Result<Vec<Holiday>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (line, record) in (2..).zip(reader.records()) {
        let record = record?;
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let day = NaiveDate::parse_from_str(&field(0), "%Y-%m-%d")
            .map_err(|e| anyhow::anyhow!("holidays.csv line {line}: bad date: {e}"))?;
        let kind = Kind::parse(&field(1))
            .ok_or_else(|| anyhow::anyhow!("holidays.csv line {line}: bad kind"))?;
        out.push(Holiday {
            day,
            kind,
            name_id: field(2),
            name_en: field(3),
        });
    }
    Ok(out)
}

/// Load the shipped holidays when the table is empty (first start). Reference data, not demo
/// data: it is loaded whether or not demo data is.
pub async fn load_defaults_if_empty(db: &Db, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let count: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM holidays").fetch_one(pool).await)?;
    if count > 0 {
        return Ok(0);
    }
    let holidays = parse_csv(HOLIDAYS_CSV)?;
    let mut tx = db.begin().await?;
    for h in &holidays {
        on_db!(&mut tx, tx; conn => sqlx::query(
            "INSERT INTO holidays (day, kind, name_id, name_en, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (day) DO NOTHING")
            .bind(h.day).bind(h.kind.as_str()).bind(&h.name_id).bind(&h.name_en).bind(now)
            .execute(&mut **conn).await.affected())?;
    }
    tx.commit().await?;
    Ok(holidays.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shipped() -> Calendar {
        Calendar::new(parse_csv(HOLIDAYS_CSV).unwrap_or_default())
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn shipped_data_is_sane() {
        let holidays = parse_csv(HOLIDAYS_CSV).unwrap_or_default();
        assert!(holidays.len() > 60, "{} holidays", holidays.len());
        for year in 2025..=2027 {
            let cal = shipped();
            let days = cal.year(year);
            assert!(
                days.iter()
                    .any(|h| h.kind == Kind::National && h.day == date(year, 8, 17)),
                "{year}"
            );
            assert!(
                days.iter().any(|h| h.kind == Kind::CutiBersama),
                "{year} has cuti bersama"
            );
            assert!(
                days.iter()
                    .all(|h| !h.name_id.is_empty() && !h.name_en.is_empty())
            );
        }
        let mut sorted = holidays.iter().map(|h| h.day).collect::<Vec<_>>();
        sorted.dedup();
        assert_eq!(sorted.len(), holidays.len(), "no duplicate days");
    }

    #[test]
    fn examples() {
        let cal = shipped();
        // Friday 20 March 2026 is cuti bersama, 21–22 Idul Fitri (weekend), 23–24 cuti bersama.
        assert!(!cal.is_working_day(date(2026, 3, 20)));
        assert_eq!(
            cal.add_working_days(date(2026, 3, 19), 1),
            date(2026, 3, 25)
        );
        // Friday 6 November 2026 + 1 → Monday 9.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 6), 1),
            date(2026, 11, 9)
        );
        // n = 0: a working day stays, a Saturday moves to Monday.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 6), 0),
            date(2026, 11, 6)
        );
        assert_eq!(
            cal.add_working_days(date(2026, 11, 7), 0),
            date(2026, 11, 9)
        );
        // 10 working days from Friday 27 November 2026.
        assert_eq!(
            cal.add_working_days(date(2026, 11, 27), 10),
            date(2026, 12, 11)
        );
        // Christmas 2026: 24 (cuti bersama) and 25 December are off.
        assert_eq!(
            cal.add_working_days(date(2026, 12, 23), 1),
            date(2026, 12, 28)
        );
        assert_eq!(
            cal.working_days_between(date(2026, 12, 23), date(2026, 12, 28)),
            1
        );
        assert_eq!(
            cal.working_days_between(date(2026, 12, 28), date(2026, 12, 23)),
            -1
        );
        assert_eq!(
            cal.working_days_between(date(2026, 1, 1), date(2026, 1, 1)),
            0
        );
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2024-06-01 .. 2028-06-01 covers the shipped years and their edges.
        (0_i64..1461).prop_map(|offset| date(2024, 6, 1) + chrono::Duration::days(offset))
    }

    proptest! {
        #[test]
        fn result_is_a_working_day(d in any_date(), n in 0_u32..80) {
            let cal = shipped();
            let r = cal.add_working_days(d, n);
            prop_assert!(cal.is_working_day(r));
            prop_assert!(!matches!(r.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(cal.holiday(r).is_none());
            prop_assert!(r >= d);
        }

        #[test]
        fn result_is_after_start(d in any_date(), n in 1_u32..80) {
            let cal = shipped();
            prop_assert!(cal.add_working_days(d, n) > d);
        }

        #[test]
        fn counting_gives_n_back(d in any_date(), n in 1_u32..80) {
            let cal = shipped();
            prop_assert_eq!(cal.working_days_between(d, cal.add_working_days(d, n)), i64::from(n));
        }

        #[test]
        fn zero_on_a_working_day_is_the_day(d in any_date()) {
            let cal = shipped();
            prop_assume!(cal.is_working_day(d));
            prop_assert_eq!(cal.add_working_days(d, 0), d);
            prop_assert_eq!(cal.working_days_between(d, cal.add_working_days(d, 0)), 0);
        }

        #[test]
        fn monotonic_in_n(d in any_date(), n in 0_u32..80) {
            let cal = shipped();
            let (here, next) = (cal.add_working_days(d, n), cal.add_working_days(d, n + 1));
            // Strictly from n = 1 on; 0 and 1 agree when d is not a working day (both are the
            // next working day).
            if n >= 1 || cal.is_working_day(d) {
                prop_assert!(next > here);
            } else {
                prop_assert_eq!(next, here);
            }
        }

        #[test]
        fn between_matches_a_day_by_day_count(a in any_date(), len in 0_i64..120) {
            let cal = shipped();
            let b = a + chrono::Duration::days(len);
            let slow = (1..=len).filter(|i| cal.is_working_day(a + chrono::Duration::days(*i))).count();
            prop_assert_eq!(cal.working_days_between(a, b), i64::try_from(slow).unwrap_or(-1));
        }
    }
}
