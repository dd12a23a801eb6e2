//! `/anggaran/jadwal`: the statutory publication deadlines of each year with the
//! publication that met them, on the test clock — on time, late, overdue, not yet due, and
//! the optional revised budget that was not made.

use budget::Stage;
use chrono::{TimeZone, Utc};

use super::{DISDIK, csv, good_rows, importer};
use crate::support::TestApp;

async fn publish_at(
    app: &TestApp,
    at: chrono::DateTime<Utc>,
    year: i32,
    stage: Stage,
    bytes: &[u8],
) {
    app.clock.set(at);
    let by = importer();
    let summary = budget::import_file(&app.state, bytes, "file.csv", year, stage, &by)
        .await
        .unwrap();
    budget::publish(&app.state, summary.version_id, &by)
        .await
        .unwrap();
}

/// The status class of a row of the schedule page.
fn status_of(html: &str, row: &str) -> String {
    let mark = format!("<tr id=\"jadwal-{row}\" class=\"");
    let at = html.find(&mark).unwrap_or_else(|| panic!("no row {row}")) + mark.len();
    html[at..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn late_and_missing_publications_are_marked_and_timely_ones_are_not() {
    let app = TestApp::start().await;
    let budget = csv(&good_rows());
    let first_semester = format!(
        "bulan,kode_organisasi,kode_sub_kegiatan,kode_akun,realisasi\n\
         1,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100000000\n\
         6,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100000000\n"
    );
    // 2025: the APBD on 20 January (on time), the first semester on 15 August (late), no
    // revised budget, and no full-year realisation by 31 March 2026 (overdue).
    publish_at(
        &app,
        Utc.with_ymd_and_hms(2025, 1, 20, 3, 0, 0).unwrap(),
        2025,
        Stage::Murni,
        &budget,
    )
    .await;
    publish_at(
        &app,
        Utc.with_ymd_and_hms(2025, 8, 15, 3, 0, 0).unwrap(),
        2025,
        Stage::Realisasi,
        first_semester.as_bytes(),
    )
    .await;
    // 2026: the APBD at 23:30 WIB on 31 January (16:30 UTC): on time in Indonesia.
    publish_at(
        &app,
        Utc.with_ymd_and_hms(2026, 1, 31, 16, 30, 0).unwrap(),
        2026,
        Stage::Murni,
        &budget,
    )
    .await;
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 4, 10, 3, 0, 0).unwrap());

    let (status, html) = app.get("/anggaran/jadwal").await;
    assert_eq!(status, 200);
    for (row, expected) in [
        ("2025-apbd", "on-time"),
        ("2025-realisasi-semester-1", "late"),
        ("2025-apbd-p", "not-made"),
        ("2025-realisasi-tahunan", "overdue"),
        ("2026-apbd", "on-time"),
        ("2026-realisasi-semester-1", "pending"),
        ("2026-apbd-p", "pending"),
        ("2026-realisasi-tahunan", "pending"),
    ] {
        assert_eq!(status_of(&html, row), expected, "{row}");
    }
    // The publication that met each deadline is named with its day and links to it.
    // (askama writes the link's & as &#38;.)
    assert!(
        html.contains(
            "<a href=\"/anggaran/2025?tahap=realisasi&#38;versi=1\"><time datetime=\"2025-08-15\">"
        ),
        "{html}"
    );
    assert!(html.contains("<time datetime=\"2026-01-31\">"));
    assert!(html.contains("Terlambat") && html.contains("Lewat tenggat, belum terbit"));

    // Publishing the full-year realisation now: late, no longer overdue.
    let mut full_year = first_semester.clone();
    full_year.push_str(&format!(
        "12,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100000000\n"
    ));
    publish_at(
        &app,
        Utc.with_ymd_and_hms(2026, 4, 12, 3, 0, 0).unwrap(),
        2025,
        Stage::Realisasi,
        full_year.as_bytes(),
    )
    .await;
    let (_, html) = app.get("/anggaran/jadwal").await;
    assert_eq!(status_of(&html, "2025-realisasi-tahunan"), "late");
    // The first semester is still met by the first publication that covered it.
    assert_eq!(status_of(&html, "2025-realisasi-semester-1"), "late");
    assert!(html.contains("<time datetime=\"2026-04-12\">"));
}

#[test]
fn the_schedule_file_parses() {
    let rules = budget::schedule::rules(budget::schedule::SCHEDULE).unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "apbd",
            "realisasi-semester-1",
            "apbd-p",
            "realisasi-tahunan"
        ]
    );
    let deadline = |id: &str| {
        rules
            .iter()
            .find(|r| r.id == id)
            .unwrap()
            .deadline
            .date(2025)
    };
    assert_eq!(deadline("apbd").to_string(), "2025-01-31");
    assert_eq!(deadline("realisasi-tahunan").to_string(), "2026-03-31");
    assert!(budget::schedule::rules("id,stage,min_month,deadline\nx,murni,,13-01\n").is_err());
}
