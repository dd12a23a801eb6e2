//! Prometheus metrics at `/metrics`: requests by route class and status, a latency
//! histogram, and database pool gauges. Hand-written exposition format; nothing to pull in.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];
const STATUS_CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

#[derive(Debug, Default)]
pub struct Metrics {
    by_status: [AtomicU64; 5],
    buckets: [AtomicU64; 11],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, status: u16, elapsed: Duration) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        if let Some(c) = self.by_status.get(class) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        let secs = elapsed.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            if secs <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(
            u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    pub fn render(&self, db_pool_size: u32, db_pool_idle: usize, jobs_pending: i64) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP terbuka_http_requests_total HTTP requests answered, by status class.\n",
        );
        out.push_str("# TYPE terbuka_http_requests_total counter\n");
        for (class, counter) in STATUS_CLASSES.iter().zip(&self.by_status) {
            out.push_str(&format!(
                "terbuka_http_requests_total{{status=\"{class}\"}} {}\n",
                counter.load(Ordering::Relaxed)
            ));
        }
        out.push_str("# HELP terbuka_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE terbuka_http_request_duration_seconds histogram\n");
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            out.push_str(&format!(
                "terbuka_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}\n",
                bucket.load(Ordering::Relaxed)
            ));
        }
        let count = self.count.load(Ordering::Relaxed);
        out.push_str(&format!(
            "terbuka_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n"
        ));
        out.push_str(&format!(
            "terbuka_http_request_duration_seconds_sum {}\n",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        ));
        out.push_str(&format!(
            "terbuka_http_request_duration_seconds_count {count}\n"
        ));
        out.push_str("# HELP terbuka_db_pool_connections Open database connections.\n");
        out.push_str("# TYPE terbuka_db_pool_connections gauge\n");
        out.push_str(&format!("terbuka_db_pool_connections {db_pool_size}\n"));
        out.push_str("# HELP terbuka_db_pool_idle Idle database connections.\n");
        out.push_str("# TYPE terbuka_db_pool_idle gauge\n");
        out.push_str(&format!("terbuka_db_pool_idle {db_pool_idle}\n"));
        out.push_str("# HELP terbuka_jobs_pending Background jobs waiting to run.\n");
        out.push_str("# TYPE terbuka_jobs_pending gauge\n");
        out.push_str(&format!("terbuka_jobs_pending {jobs_pending}\n"));
        out
    }
}
