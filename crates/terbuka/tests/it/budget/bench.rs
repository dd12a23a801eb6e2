//! The import benchmark (not a timed test: run it on purpose and read the figures).
//!
//! ```sh
//! cargo test -p terbuka --test it budget::bench -- --ignored --nocapture
//! TEST_DATABASE_URL=postgres://… cargo test -p terbuka --test it budget::bench -- --ignored --nocapture
//! ```
//!
//! It builds a 50,000-line APBD (33 organisations × 250 sub kegiatan × 6 accounts, plus
//! revenue lines) as XLSX and as CSV, imports each as a new version and publishes the last,
//! printing how long reading and checking, writing, and publishing took.

use std::time::Instant;

use budget::Stage;

use budget::demo::bench::{lines, to_csv, to_xlsx};

use super::importer;
use crate::support::TestApp;

#[tokio::test]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn import_50000_lines() {
    let app = TestApp::builder()
        .config(|c| c.max_upload_mb = 50)
        .start()
        .await;
    let rows = lines(50_000);
    assert_eq!(rows.len(), 50_000);
    let xlsx = to_xlsx(&rows).unwrap();
    let csv = to_csv(&rows);
    let backend = format!("{:?}", app.state.db.backend());
    for (name, bytes) in [("apbd.xlsx", &xlsx), ("apbd.csv", &csv)] {
        let started = Instant::now();
        let summary =
            match budget::import_file(&app.state, bytes, name, 2026, Stage::Murni, &importer())
                .await
            {
                Ok(summary) => summary,
                Err(budget::ImportError::Rejected(report)) => panic!(
                    "{} problems, the first: {:?}",
                    report.problems.len(),
                    &report.problems[..report.problems.len().min(3)]
                ),
                Err(err) => panic!("{err:#}"),
            };
        let total = started.elapsed().as_millis();
        assert_eq!(summary.lines, 50_000);
        println!(
            "budget import {backend} {name} ({} KB): {} lines, read+check {} ms, store+write {} ms, total {total} ms",
            bytes.len() / 1024,
            summary.lines,
            summary.check_ms,
            summary.write_ms
        );
        let started = Instant::now();
        budget::publish(&app.state, summary.version_id, &importer())
            .await
            .unwrap();
        println!(
            "budget publish {backend} {name}: {} ms",
            started.elapsed().as_millis()
        );
    }
}
