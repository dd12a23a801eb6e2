//! `budget::import_file` and `budget::publish` against the real database.

use budget::import::Totals;
use budget::queries;
use budget::{ImportError, ImportReport, Stage};
use platform::audit::publication;
use platform::clock::Clock;
use platform::on_db;
use rust_xlsxwriter::{Format, Workbook};

use super::{BAPENDA, BPKAD, DISDIK, HEADER, count, csv, good_rows, importer, xlsx};
use crate::support::TestApp;

/// urusan, bidang, program, kegiatan, sub kegiatan, kelompok, account, organisation, amount.
type LineRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
);

const EXPECTED: Totals = Totals {
    revenue: 3_500_000_000,
    spending: 2_100_000_000,
    financing_receipts: 300_000_000,
    financing_expenditure: 100_000_000,
};

async fn rejected(app: &TestApp, bytes: &[u8], name: &str, stage: Stage) -> ImportReport {
    match budget::import_file(&app.state, bytes, name, 2026, stage, &importer()).await {
        Err(ImportError::Rejected(report)) => report,
        Err(other) => panic!("expected a report, got {other:?}"),
        Ok(summary) => panic!("expected a report, got an import: {summary:?}"),
    }
}

/// (row, column, key) of every problem.
fn places(report: &ImportReport) -> Vec<(Option<u32>, Option<&'static str>, &'static str)> {
    report
        .problems
        .iter()
        .map(|p| (p.row, p.column, p.key))
        .collect()
}

/// Nothing of a rejected import is left anywhere.
async fn assert_nothing_written(app: &TestApp) {
    for table in [
        "budget_versions",
        "budget_lines",
        "budget_names",
        "budget_realisation",
        "files",
    ] {
        assert_eq!(
            count(app, table).await,
            0,
            "{table} after a rejected import"
        );
    }
    assert_eq!(app.stored_objects(), 0, "no stored file is left behind");
    let audit: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'budget.%'").fetch_one(pool).await)
    .unwrap();
    assert_eq!(audit, 0);
}

#[tokio::test]
async fn a_good_csv_is_imported_with_exact_totals() {
    let app = TestApp::start().await;
    let loaded = queries::load_organisation_codes(
        &app.state.db,
        queries::DEMO_ORGANISATION_CODES,
        app.clock.now(),
    )
    .await
    .unwrap();
    assert!(
        loaded >= 30,
        "the demo mapping names the regency's OPDs ({loaded})"
    );
    let summary = budget::import_file(
        &app.state,
        &csv(&good_rows()),
        "apbd-2026.csv",
        2026,
        Stage::Murni,
        &importer(),
    )
    .await
    .unwrap();
    assert_eq!(summary.version, 1);
    assert_eq!(summary.lines, 7);
    assert_eq!(summary.totals, EXPECTED);
    assert_eq!(summary.totals.surplus(), 1_400_000_000);
    assert_eq!(summary.totals.net_financing(), 200_000_000);

    let version = queries::version(&app.state.db, summary.version_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version.status, "draft");
    assert_eq!(
        (version.fiscal_year, version.stage.as_str()),
        (2026, "murni")
    );
    assert_eq!(version.totals(), EXPECTED);
    assert_eq!(version.line_count, 7);
    assert_eq!(version.source_name, "apbd-2026.csv");
    // The lines in the database add up to the same totals (the sums are cast back to 64 bits).
    assert_eq!(
        queries::totals_from_lines(&app.state.db, &version)
            .await
            .unwrap(),
        EXPECTED
    );

    // The drill-down columns are filled from the codes; the 3-digit sub rincian is stored
    // with four digits; revenue has '' for its function levels.
    let rows: Vec<LineRow> =
        on_db!(&app.state.db, pool => sqlx::query_as(
            "SELECT urusan, bidang, program, kegiatan, sub_kegiatan, kelompok, account_code, organisation_id, amount \
             FROM budget_lines WHERE version_id = $1 ORDER BY line_no")
            .bind(summary.version_id).fetch_all(pool).await)
        .unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[3],
        (
            "1".into(),
            "1.01".into(),
            "1.01.01".into(),
            "1.01.01.2.02".into(),
            "1.01.01.2.02.0001".into(),
            "5.1".into(),
            "5.1.02.01.01.0024".into(),
            Some("disdik".into()),
            150_000_000
        )
    );
    assert_eq!(rows[0].4, "");
    assert_eq!(rows[0].7.as_deref(), Some("bapenda"));
    // Names are kept once per code.
    let program: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT name FROM budget_names WHERE version_id = $1 AND kind = 'program' AND code = '1.01.02'")
        .bind(summary.version_id).fetch_one(pool).await)
    .unwrap();
    assert_eq!(program, "PROGRAM PENGELOLAAN PENDIDIKAN");
    assert_eq!(count(&app, "budget_names").await, 3 + 2 + 2 + 2 + 7);
    // The source file is kept (private) and the import is audited.
    let file = platform::files::find(&app.state.db, summary.file_id)
        .await
        .unwrap()
        .unwrap();
    assert!(!file.public);
    let audit: Vec<String> = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT actor_name FROM audit_log WHERE action = 'budget.import' AND entity_id = $1")
        .bind(summary.version_id.to_string()).fetch_all(pool).await)
    .unwrap();
    assert_eq!(audit, ["terbuka import budget (test)"]);
}

#[tokio::test]
async fn a_good_xlsx_is_imported_with_exact_totals() {
    let app = TestApp::start().await;
    // Without the code mapping, organisations are matched by their exact name.
    let summary = budget::import_file(
        &app.state,
        &xlsx(&good_rows(), "Anggaran"),
        "APBD 2026.xlsx",
        2026,
        Stage::Perubahan,
        &importer(),
    )
    .await
    .unwrap();
    assert_eq!(summary.lines, 7);
    assert_eq!(summary.totals, EXPECTED);
    let version = queries::version(&app.state.db, summary.version_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        queries::totals_from_lines(&app.state.db, &version)
            .await
            .unwrap(),
        EXPECTED
    );
    let organisations: Vec<(String, Option<String>)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT code, organisation_id FROM budget_names WHERE version_id = $1 AND kind = 'organisation' ORDER BY code")
        .bind(summary.version_id).fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        organisations,
        [
            (DISDIK.to_string(), Some("disdik".to_string())),
            (BPKAD.to_string(), Some("bpkad".to_string())),
            (BAPENDA.to_string(), Some("bapenda".to_string())),
        ]
    );
    // The row numbers are the spreadsheet's: the header is row 3, data from row 4.
    let first: i32 = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT MIN(line_no) FROM budget_lines WHERE version_id = $1")
        .bind(summary.version_id).fetch_one(pool).await)
    .unwrap();
    assert_eq!(first, 4);
}

#[tokio::test]
async fn a_file_with_bad_rows_reports_every_problem_and_writes_nothing() {
    let app = TestApp::start().await;
    // The CSV has a title line and the header: data rows are lines 3 to 10.
    let mut rows = good_rows();
    // Line 3: a non-numeric amount.
    rows[0][11] = "seratus juta";
    // Line 4: an unknown account.
    rows[1][8] = "7.1.01.01.01.0001";
    // Line 5: a malformed sub kegiatan code.
    rows[2][4] = "1.01.01.2.02.1";
    // Line 6: a sub kegiatan outside its programme column, and no account name.
    rows[3][2] = "1.01.02";
    rows[3][9] = "";
    // Line 7: ambiguous separators.
    rows[4][11] = "750.000,000";
    // Line 8 is a good line; line 10 repeats it.
    rows[5] = good_rows()[4];
    rows.push(good_rows()[4]);
    let report = rejected(&app, &csv(&rows), "apbd.csv", Stage::Murni).await;
    assert_eq!(
        places(&report),
        [
            (Some(3), Some("anggaran"), "budget-amount-not-number"),
            (Some(4), Some("kode_akun"), "budget-code-unknown-account"),
            (
                Some(5),
                Some("kode_sub_kegiatan"),
                "budget-code-malformed-function"
            ),
            (Some(6), Some("nama_akun"), "budget-name-required"),
            (
                Some(6),
                Some("kode_program"),
                "budget-sub-kegiatan-not-in-parent"
            ),
            (Some(7), Some("anggaran"), "budget-amount-separators"),
            (Some(10), Some("kode_akun"), "budget-duplicate-line"),
        ],
        "{report:#?}"
    );
    // Messages are translated, with their arguments.
    let t = platform::i18n::Tr::new(app.state.catalog.clone(), platform::i18n::Lang::Id);
    let lines = report.lines(&t);
    assert!(
        lines[0].starts_with("Baris 3, kolom anggaran: “seratus juta” bukan angka rupiah"),
        "{lines:#?}"
    );
    assert!(lines[6].contains("sama dengan baris 8"), "{lines:#?}");
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn malformed_spreadsheets_are_refused_whole() {
    let app = TestApp::start().await;
    let good = good_rows();

    // Not an XLSX at all, with an .xlsx name.
    let report = rejected(&app, &csv(&good), "apbd.xlsx", Stage::Murni).await;
    assert_eq!(places(&report), [(None, None, "budget-file-not-xlsx")]);
    // A damaged zip.
    let mut broken = xlsx(&good, "anggaran");
    broken.truncate(broken.len() / 2);
    let report = rejected(&app, &broken, "apbd.xlsx", Stage::Murni).await;
    assert_eq!(places(&report), [(None, None, "budget-file-not-xlsx")]);
    // Another format.
    let report = rejected(&app, b"abc", "apbd.xls", Stage::Murni).await;
    assert_eq!(places(&report), [(None, None, "budget-file-type")]);

    // The wrong sheet: the first sheet is the instructions and none is named "anggaran".
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Petunjuk")
        .unwrap()
        .write_string(0, 0, "Isi lembar berikutnya")
        .unwrap();
    let data = book.add_worksheet().set_name("Data").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        data.write_string(0, c as u16, *h).unwrap();
    }
    let report = rejected(
        &app,
        &book.save_to_buffer().unwrap(),
        "apbd.xlsx",
        Stage::Murni,
    )
    .await;
    assert_eq!(places(&report), [(None, None, "budget-file-no-header")]);

    // Merged cells in the data area (a merged title above the header is fine).
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in good[2].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
        ws.write_string(2, c as u16, *v).unwrap();
    }
    ws.merge_range(1, 1, 2, 1, "Dinas Pendidikan", &Format::new())
        .unwrap();
    let report = rejected(
        &app,
        &book.save_to_buffer().unwrap(),
        "apbd.xlsx",
        Stage::Murni,
    )
    .await;
    assert_eq!(
        places(&report),
        [(Some(2), None, "budget-file-merged-cells")]
    );
    assert_eq!(report.problems[0].args, [("cells", "B2:B3".to_string())]);

    // A formula without a stored value; one with a value is read as that value.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in good[2..4].iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(11) {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    ws.write_formula(1, 11, "=1000*1000").unwrap();
    ws.set_formula_result(1, 11, "1000000");
    ws.set_formula_result_default("");
    ws.write_formula(2, 11, "=2000*1000").unwrap();
    let report = rejected(
        &app,
        &book.save_to_buffer().unwrap(),
        "apbd.xlsx",
        Stage::Murni,
    )
    .await;
    assert_eq!(
        places(&report),
        [(Some(3), None, "budget-file-formula-without-value")]
    );
    assert_eq!(report.problems[0].args, [("cell", "L3".to_string())]);

    // Text in the amount column, empty rows between lines (skipped), a date cell.
    let mut rows = good.clone();
    rows[2][11] = "satu miliar";
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 * 2 + 1, c as u16, *v).unwrap();
            }
        }
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 2).unwrap();
    ws.write_datetime_with_format(3, 11, &date, &Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
    let report = rejected(
        &app,
        &book.save_to_buffer().unwrap(),
        "apbd.xlsx",
        Stage::Murni,
    )
    .await;
    assert_eq!(
        places(&report),
        [
            (Some(4), Some("anggaran"), "budget-cell-date"),
            (Some(6), Some("anggaran"), "budget-amount-not-number"),
        ]
    );

    // Over the size limit (checked before anything is read).
    let app_small = TestApp::builder()
        .config(|c| c.max_upload_mb = 1)
        .start()
        .await;
    let mut big = csv(&good);
    big.resize(2 * 1024 * 1024, b'\n');
    let report = rejected(&app_small, &big, "apbd.csv", Stage::Murni).await;
    assert_eq!(places(&report), [(None, None, "budget-file-too-large")]);

    // A header without the required columns.
    let report = rejected(
        &app,
        b"kode_organisasi;anggaran\n1.01.0.00.0.00.01.0000;1\n",
        "apbd.csv",
        Stage::Murni,
    )
    .await;
    assert_eq!(
        places(&report),
        [(None, None, "budget-file-missing-columns")]
    );
    assert_nothing_written(&app).await;
}

#[tokio::test]
async fn reimporting_publishes_a_new_version_and_keeps_the_old_one_readable() {
    let app = TestApp::start().await;
    let log_before = publication::all_entries(&app.state.db).await.unwrap().len();
    let first = budget::import_file(
        &app.state,
        &csv(&good_rows()),
        "apbd.csv",
        2026,
        Stage::Murni,
        &importer(),
    )
    .await
    .unwrap();
    let published = budget::publish(&app.state, first.version_id, &importer())
        .await
        .unwrap();
    assert_eq!(published.superseded, None);
    // Publishing twice is refused.
    assert!(matches!(
        budget::publish(&app.state, first.version_id, &importer()).await,
        Err(budget::import::PublishError::NotDraft)
    ));

    // The corrected budget: one more line.
    let mut rows = good_rows();
    let mut extra = rows[4];
    extra[8] = "5.2.02.05.01.0001";
    extra[9] = "Belanja Modal Mebel";
    extra[11] = "50.000.000";
    rows.push(extra);
    app.clock.advance(chrono::Duration::hours(2));
    let second = budget::import_file(
        &app.state,
        &xlsx(&rows, "anggaran"),
        "apbd-revisi.xlsx",
        2026,
        Stage::Murni,
        &importer(),
    )
    .await
    .unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(second.totals.spending, 2_150_000_000);
    let published_second = budget::publish(&app.state, second.version_id, &importer())
        .await
        .unwrap();
    assert_eq!(published_second.superseded, Some(first.version_id));

    let db = &app.state.db;
    let versions = queries::versions(db, 2026, Stage::Murni).await.unwrap();
    let states: Vec<(i32, &str)> = versions
        .iter()
        .map(|v| (v.version, v.status.as_str()))
        .collect();
    assert_eq!(states, [(2, "published"), (1, "superseded")]);
    assert_eq!(
        queries::published(db, 2026, Stage::Murni)
            .await
            .unwrap()
            .map(|v| v.id),
        Some(second.version_id)
    );
    // Version 1 stays readable with its own lines and totals.
    let old = &versions[1];
    assert!(old.superseded_at.is_some());
    assert_eq!(queries::line_count(db, old).await.unwrap(), 7);
    assert_eq!(queries::totals_from_lines(db, old).await.unwrap(), EXPECTED);

    // Two entries in the publication log, each with the SHA-256 of the version's canonical
    // CSV; the chain verifies.
    let log = publication::all_entries(db).await.unwrap();
    assert_eq!(log.len(), log_before + 2);
    let last = log.last().unwrap();
    assert_eq!(
        (last.module.as_str(), last.record_type.as_str()),
        ("budget", "apbd")
    );
    assert_eq!(last.record_id, second.version_id.to_string());
    assert_eq!(last.url, "/anggaran/2026?tahap=murni&versi=2");
    let canonical = queries::canonical_csv(db, &versions[0]).await.unwrap();
    assert_eq!(
        last.content_sha256,
        publication::sha256_hex(canonical.as_bytes())
    );
    assert!(canonical.starts_with(&HEADER.join(",")));
    assert!(canonical.contains(
        "1.01.0.00.0.00.01.0000,Dinas Pendidikan,1.01.02,1.01.02.2.01,1.01.02.2.01.0009,PROGRAM PENGELOLAAN PENDIDIKAN,"
    ));
    // The canonical CSV is itself an importable file with the same totals.
    app.clock.advance(chrono::Duration::minutes(1));
    let again = budget::import_file(
        &app.state,
        canonical.as_bytes(),
        "kanonik.csv",
        2026,
        Stage::Murni,
        &importer(),
    )
    .await
    .unwrap();
    assert_eq!(again.totals, second.totals);
    assert_eq!(again.version, 3);

    let audit: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'budget.%' ORDER BY at, action")
        .fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        audit,
        [
            "budget.import",
            "budget.publish",
            "budget.import",
            "budget.publish",
            "budget.import"
        ]
    );
}

#[tokio::test]
async fn realisation_is_imported_per_month() {
    let app = TestApp::start().await;
    super::pages::publish_year(&app, 2026, false).await;
    let file = format!(
        "bulan,kode_organisasi,kode_sub_kegiatan,kode_akun,realisasi\n\
         1,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100.000.000\n\
         2,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100.000.000\n\
         2,{DISDIK},1.01.01.2.02.0001,5.1.02.01.01.0024,-5.000.000\n\
         3,{BAPENDA},,4.1.01.07.01.0001,\"80,000,000\"\n"
    );
    let summary = budget::import_file(
        &app.state,
        file.as_bytes(),
        "realisasi-maret.csv",
        2026,
        Stage::Realisasi,
        &importer(),
    )
    .await
    .unwrap();
    assert_eq!(summary.lines, 4);
    assert_eq!(summary.last_month, Some(3));
    assert_eq!(summary.totals.spending, 195_000_000);
    assert_eq!(summary.totals.revenue, 80_000_000);
    let by_month: Vec<(i32, i64)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT month, CAST(SUM(amount) AS BIGINT) FROM budget_realisation WHERE version_id = $1 GROUP BY month ORDER BY month")
        .bind(summary.version_id).fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        by_month,
        [(1, 100_000_000), (2, 95_000_000), (3, 80_000_000)]
    );

    let bad = format!(
        "bulan,kode_organisasi,kode_sub_kegiatan,kode_akun,realisasi\n\
         13,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,1\n\
         1,{DISDIK},,5.1.01.01.01.0001,1\n"
    );
    let report = rejected(&app, bad.as_bytes(), "r.csv", Stage::Realisasi).await;
    assert_eq!(
        places(&report),
        [
            (Some(2), Some("bulan"), "budget-month-invalid"),
            (
                Some(3),
                Some("kode_sub_kegiatan"),
                "budget-sub-kegiatan-required"
            ),
        ]
    );
}

/// Realisation is of the published budget: with no published plan the file is refused as a
/// whole; lines that are not lines of the latest published plan (perubahan over murni) are
/// each reported, translated, and nothing is written.
#[tokio::test]
async fn realisation_is_checked_against_the_latest_published_plan() {
    let app = TestApp::start().await;
    let file =
        |rows: &str| format!("bulan,kode_organisasi,kode_sub_kegiatan,kode_akun,realisasi\n{rows}");
    let good = file(&format!(
        "1,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100\n\
         1,{BAPENDA},,4.1.01.07.01.0001,100\n"
    ));
    // No plan published (a draft does not count).
    let report = rejected(&app, good.as_bytes(), "r.csv", Stage::Realisasi).await;
    assert_eq!(
        places(&report),
        [(None, None, "budget-realisation-no-plan")]
    );
    let draft = budget::import_file(
        &app.state,
        &csv(&good_rows()),
        "apbd.csv",
        2026,
        Stage::Murni,
        &importer(),
    )
    .await
    .unwrap();
    let report = rejected(&app, good.as_bytes(), "r.csv", Stage::Realisasi).await;
    assert_eq!(
        places(&report),
        [(None, None, "budget-realisation-no-plan")]
    );
    let t = app.state.tr(platform::i18n::Lang::Id);
    assert!(
        report.lines(&t)[0].contains("Belum ada APBD tahun 2026"),
        "{:?}",
        report.lines(&t)
    );
    budget::publish(&app.state, draft.version_id, &importer())
        .await
        .unwrap();

    // Against murni: an unknown account, a sub kegiatan of another organisation, revenue
    // at the wrong organisation; the good lines are not reported.
    let bad = file(&format!(
        "1,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100\n\
         2,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0002,100\n\
         2,{BPKAD},1.01.01.2.02.0001,5.1.01.01.01.0001,100\n\
         3,{DISDIK},,4.1.01.07.01.0001,100\n"
    ));
    let before = count(&app, "budget_versions").await;
    let report = rejected(&app, bad.as_bytes(), "r.csv", Stage::Realisasi).await;
    assert_eq!(
        places(&report),
        [
            (Some(3), Some("kode_akun"), "budget-realisation-not-in-plan"),
            (Some(4), Some("kode_akun"), "budget-realisation-not-in-plan"),
            (Some(5), Some("kode_akun"), "budget-realisation-not-in-plan"),
        ]
    );
    let lines = report.lines(&t);
    assert!(
        lines[0].contains("APBD murni yang diterbitkan (versi 1)"),
        "{lines:?}"
    );
    assert!(lines[0].contains("5.1.01.01.01.0002"), "{lines:?}");
    let en = report.lines(&app.state.tr(platform::i18n::Lang::En));
    assert!(en[2].contains("not in the published APBD murni"), "{en:?}");
    assert_eq!(
        count(&app, "budget_versions").await,
        before,
        "all or nothing"
    );
    assert_eq!(count(&app, "budget_realisation").await, 0);
    budget::import_file(
        &app.state,
        good.as_bytes(),
        "r.csv",
        2026,
        Stage::Realisasi,
        &importer(),
    )
    .await
    .unwrap();

    // A revised budget without Disdik's salaries: now the plan the realisation is of.
    let revised: Vec<_> = good_rows()
        .into_iter()
        .filter(|r| r[8] != "5.1.01.01.01.0001")
        .collect();
    let p = budget::import_file(
        &app.state,
        &csv(&revised),
        "apbd-p.csv",
        2026,
        Stage::Perubahan,
        &importer(),
    )
    .await
    .unwrap();
    budget::publish(&app.state, p.version_id, &importer())
        .await
        .unwrap();
    let report = rejected(&app, good.as_bytes(), "r.csv", Stage::Realisasi).await;
    assert_eq!(
        places(&report),
        [(Some(2), Some("kode_akun"), "budget-realisation-not-in-plan")]
    );
    assert!(report.lines(&t)[0].contains("APBD perubahan"));
}
