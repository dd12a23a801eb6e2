//! Freshness: how up to date a dataset is against the update frequency its producer
//! declared (*jadwal pemutakhiran*). A dataset is **overdue** when its data last changed
//! (a verified version or a live write) longer ago than its period plus a grace period; a
//! dataset with an irregular schedule is never overdue. Pure functions, so the dataset page,
//! the freshness board and the APIs agree.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The declared update frequency. The strings are stored in `data_versions.frequency`; DCAT
/// maps them to the EU frequency vocabulary (`dcat_uri`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Live data written by API (a sensor, a queue system): due within a day.
    Continuous,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Semiannual,
    Annual,
    Irregular,
}

impl Frequency {
    pub const ALL: [Frequency; 8] = [
        Frequency::Continuous,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Semiannual,
        Frequency::Annual,
        Frequency::Irregular,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Continuous => "continuous",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannual => "semiannual",
            Frequency::Annual => "annual",
            Frequency::Irregular => "irregular",
        }
    }

    pub fn parse(s: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The Fluent key of its label (`data-frequency-…`).
    pub fn key(self) -> String {
        format!("data-frequency-{}", self.as_str())
    }

    /// The EU publications office frequency authority URI (DCAT `dct:accrualPeriodicity`).
    pub fn dcat_uri(self) -> &'static str {
        match self {
            Frequency::Continuous => {
                "http://publications.europa.eu/resource/authority/frequency/CONT"
            }
            Frequency::Daily => "http://publications.europa.eu/resource/authority/frequency/DAILY",
            Frequency::Weekly => {
                "http://publications.europa.eu/resource/authority/frequency/WEEKLY"
            }
            Frequency::Monthly => {
                "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
            }
            Frequency::Quarterly => {
                "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
            }
            Frequency::Semiannual => {
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL_2"
            }
            Frequency::Annual => {
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
            }
            Frequency::Irregular => {
                "http://publications.europa.eu/resource/authority/frequency/IRREG"
            }
        }
    }

    /// How long the data may rest before it is due again; `None` for irregular data.
    pub fn period(self) -> Option<Duration> {
        Some(match self {
            Frequency::Continuous | Frequency::Daily => Duration::days(1),
            Frequency::Weekly => Duration::days(7),
            Frequency::Monthly => Duration::days(31),
            Frequency::Quarterly => Duration::days(92),
            Frequency::Semiannual => Duration::days(183),
            Frequency::Annual => Duration::days(366),
            Frequency::Irregular => return None,
        })
    }

    /// Grace after the period before the dataset counts as overdue: a tenth of the period,
    /// at least a day (producers publish on working days).
    fn grace(self) -> Duration {
        self.period()
            .map(|p| (p / 10).max(Duration::days(1)))
            .unwrap_or_else(Duration::zero)
    }
}

/// Where a dataset stands against its schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    /// Updated within its period (or irregular).
    Fresh,
    /// Past its period but within the grace.
    DueSoon,
    /// Past its period and the grace.
    Overdue,
    /// Never published.
    Unpublished,
}

impl Freshness {
    pub fn as_str(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::DueSoon => "due_soon",
            Freshness::Overdue => "overdue",
            Freshness::Unpublished => "unpublished",
        }
    }

    /// The Fluent key of its label (`data-freshness-…`).
    pub fn key(self) -> String {
        format!("data-freshness-{}", self.as_str().replace('_', "-"))
    }
}

/// The freshness of data last updated at `updated` with `frequency`, seen at `now`, and the
/// moment the next update is due (`None` for irregular or unpublished data).
pub fn assess(
    frequency: Frequency,
    updated: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (Freshness, Option<DateTime<Utc>>) {
    let Some(updated) = updated else {
        return (Freshness::Unpublished, None);
    };
    let Some(period) = frequency.period() else {
        return (Freshness::Fresh, None);
    };
    let due = updated + period;
    let state = if now <= due {
        Freshness::Fresh
    } else if now <= due + frequency.grace() {
        Freshness::DueSoon
    } else {
        Freshness::Overdue
    };
    (state, Some(due))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn monthly_data_is_fresh_then_due_then_overdue() {
        let updated = Some(at(1));
        let month_later = at(1) + Duration::days(31);
        assert_eq!(
            assess(Frequency::Monthly, updated, at(20)).0,
            Freshness::Fresh
        );
        assert_eq!(
            assess(Frequency::Monthly, updated, month_later).0,
            Freshness::Fresh
        );
        assert_eq!(
            assess(Frequency::Monthly, updated, month_later + Duration::days(2)).0,
            Freshness::DueSoon
        );
        assert_eq!(
            assess(Frequency::Monthly, updated, month_later + Duration::days(4)).0,
            Freshness::Overdue
        );
        assert_eq!(
            assess(Frequency::Monthly, updated, at(20)).1,
            Some(month_later)
        );
    }

    #[test]
    fn irregular_data_is_never_overdue_and_unpublished_data_is_unpublished() {
        let long_after = at(1) + Duration::days(5000);
        assert_eq!(
            assess(Frequency::Irregular, Some(at(1)), long_after),
            (Freshness::Fresh, None)
        );
        assert_eq!(
            assess(Frequency::Daily, None, long_after),
            (Freshness::Unpublished, None)
        );
    }

    #[test]
    fn every_frequency_round_trips_through_its_string() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse(f.as_str()), Some(f));
        }
        assert_eq!(Frequency::parse("hourly"), None);
    }
}
