//! The demo APBD (`budget::demo`): three years, both budget stages and the monthly
//! realisation, loaded through the real importer on a fresh database, once only.

use std::time::Instant;

use budget::Stage;
use budget::queries;
use platform::on_db;

use super::count;
use crate::support::TestApp;

#[tokio::test]
async fn the_demo_budget_loads_once_with_three_years_of_both_stages_and_months() {
    let app = TestApp::start().await;
    let started = Instant::now();
    let loaded = budget::demo::load_demo_budget_if_empty(&app.state)
        .await
        .unwrap()
        .expect("a fresh database gets the demo");
    let elapsed = started.elapsed();
    eprintln!(
        "demo budget: {} versions, {} lines in {:.1} s (generate {} ms, check {} ms, write {} ms, publish {} ms)",
        loaded.versions,
        loaded.lines,
        elapsed.as_secs_f64(),
        loaded.generate_ms,
        loaded.check_ms,
        loaded.write_ms,
        loaded.publish_ms
    );
    assert_eq!(loaded.versions, 12);

    let db = &app.state.db;
    for year in budget::demo::YEARS {
        for stage in Stage::ALL {
            let versions = queries::versions(db, year, stage).await.unwrap();
            // Realisation: the first semester's report, superseded by the year's.
            let expected = if stage == Stage::Realisasi { 2 } else { 1 };
            assert_eq!(versions.len(), expected, "{year} {stage:?}");
            let v = &versions[0];
            if let Some(semester) = versions.get(1) {
                assert_eq!(
                    (semester.status.as_str(), semester.last_month),
                    ("superseded", Some(6))
                );
            }
            assert_eq!(v.status, "published");
            assert_eq!(v.imported_by_name, budget::demo::IMPORTER);
            // The stored lines add up to the version's totals.
            assert_eq!(queries::totals_from_lines(db, v).await.unwrap(), v.totals());
            if stage == Stage::Realisasi {
                let months: Vec<i32> = on_db!(db, pool => sqlx::query_scalar(
                    "SELECT DISTINCT month FROM budget_realisation WHERE version_id = $1 ORDER BY month")
                    .bind(v.id).fetch_all(pool).await)
                .unwrap();
                let last = if year == 2026 { 10 } else { 12 };
                assert_eq!(months, (1..=last).collect::<Vec<_>>(), "{year}");
                assert_eq!(v.last_month, Some(last));
                // Low absorption early, a December spike: goods and services (5.1.02)
                // realised in December exceed those of January several times over.
                if year < 2026 {
                    let month_sum = |m: i32| {
                        let id = v.id;
                        async move {
                            let s: i64 = on_db!(db, pool => sqlx::query_scalar(
                                "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM budget_realisation \
                                 WHERE version_id = $1 AND month = $2 AND jenis = '5.1.02'")
                                .bind(id).bind(m).fetch_one(pool).await)
                            .unwrap();
                            s
                        }
                    };
                    let (jan, dec) = (month_sum(1).await, month_sum(12).await);
                    assert!(dec > 4 * jan, "{year}: January {jan}, December {dec}");
                }
            } else {
                assert!(v.line_count > 10_000, "{year} {stage:?}: {}", v.line_count);
                // Spending in the real order of magnitude (Rp 7–8.5 trillion) and balanced
                // by the financing, as an adopted APBD is.
                let t = v.totals();
                assert!(
                    (7_000_000_000_000..8_500_000_000_000).contains(&t.spending),
                    "{year} {stage:?}: {t:?}"
                );
                assert_eq!(
                    t.revenue - t.spending + t.financing_receipts - t.financing_expenditure,
                    0
                );
            }
        }
    }
    // The OPDs are mapped to the portal's organisations, the puskesmas to the health office.
    let unmapped_opd: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(DISTINCT organisation_code) FROM budget_lines \
         WHERE organisation_id IS NULL AND organisation_code NOT LIKE '7.01.%'")
        .fetch_one(pool).await)
    .unwrap();
    assert_eq!(unmapped_opd, 0);
    let puskesmas: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT organisation_id FROM budget_lines WHERE organisation_code = '1.02.0.00.0.00.01.0007'")
        .fetch_optional(pool).await)
    .unwrap();
    assert_eq!(puskesmas.as_deref(), Some("dinkes"));
    // Twelve publications in the log.
    let published: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM publication_log WHERE module = 'budget'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(published, 12);

    // Loads once only.
    let lines = count(&app, "budget_lines").await;
    assert!(
        budget::demo::load_demo_budget_if_empty(&app.state)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(count(&app, "budget_lines").await, lines);
    assert_eq!(count(&app, "budget_versions").await, 12);

    // The publications are dated in the statutory rhythm, so the schedule shows every
    // past deadline met and this year's last one still ahead.
    let (status, _, html) = app.visitor().get("/anggaran/jadwal").await;
    assert_eq!(status, 200);
    let status_of = |row: &str| {
        let mark = format!("<tr id=\"jadwal-{row}\" class=\"");
        let at = html.find(&mark).unwrap_or_else(|| panic!("no row {row}")) + mark.len();
        html[at..].split('"').next().unwrap().to_string()
    };
    for year in [2024, 2025] {
        for rule in [
            "apbd",
            "realisasi-semester-1",
            "apbd-p",
            "realisasi-tahunan",
        ] {
            assert_eq!(
                status_of(&format!("{year}-{rule}")),
                "on-time",
                "{year} {rule}"
            );
        }
    }
    for (rule, expected) in [
        ("apbd", "on-time"),
        ("realisasi-semester-1", "on-time"),
        ("apbd-p", "on-time"),
        ("realisasi-tahunan", "pending"),
    ] {
        assert_eq!(status_of(&format!("2026-{rule}")), expected, "2026 {rule}");
    }
    assert!(
        html.contains("<time datetime=\"2025-12-20\">"),
        "the 2026 APBD's date"
    );
}

#[test]
fn the_demo_files_are_the_same_bytes_on_every_run() {
    let a = budget::demo::files_for_year(2024);
    let b = budget::demo::files_for_year(2024);
    assert_eq!(a.murni, b.murni);
    assert_eq!(a.realisasi, b.realisasi);
    assert_ne!(a.murni, a.perubahan);
}
