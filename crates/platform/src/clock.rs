//! The only way code reads the time. Tests hold a [`TestClock`] and move it; everything else
//! gets [`SystemClock`]. `chrono::Utc::now` is banned by `clippy.toml`.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// Western Indonesian Time (WIB, UTC+7), the legal time of Bojonegoro: dates on the
/// working-day calendar and on pages are WIB dates.
pub fn wib() -> FixedOffset {
    const WIB_SECONDS: i32 = 7 * 3600;
    FixedOffset::east_opt(WIB_SECONDS)
        .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!("zero offset is valid")))
}

pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// Today's date in WIB.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&wib()).date_naive()
    }
}

pub type SharedClock = Arc<dyn Clock>;

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that reads the real time"
    )]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug, Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    pub fn at(start: DateTime<Utc>) -> TestClock {
        TestClock(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        if let Ok(mut now) = self.0.lock() {
            *now = to;
        }
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|now| *now).unwrap_or_default()
    }
}
