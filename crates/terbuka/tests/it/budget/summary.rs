//! The year's summary and the year-wide drill-downs come from memoised sums
//! (`budget::memo`): their figures must equal the sums of the stored lines, line by line,
//! on the first (computed) and the following (memoised) requests alike — also after a new
//! version is published, which the memo sees as new queries.

use std::collections::BTreeMap;

use budget::{Stage, import_file, publish};
use platform::on_db;
use serde_json::Value;
use uuid::Uuid;

use super::{HEADER, importer};
use crate::support::TestApp;

const ORGANISATIONS: [&str; 3] = [
    "1.01.0.00.0.00.01.0000",
    "1.02.0.00.0.00.01.0000",
    "1.03.0.00.0.00.01.0000",
];

const ACCOUNTS: [&str; 6] = [
    "5.1.01.01.01.0001",
    "5.1.02.01.01.0024",
    "5.1.05.05.01.0001",
    "5.2.02.05.01.0001",
    "5.2.03.01.01.0001",
    "5.4.01.01.01.0001",
];

/// A budget of a few hundred lines over three organisations, three spending kelompok and
/// some revenue and financing; `scale` changes every amount (a revised budget).
fn budget_csv(scale: u64) -> Vec<u8> {
    let mut out = HEADER.join(";");
    out.push('\n');
    let mut n: u64 = 7;
    let mut amount = || {
        n = (n * 7_919 + 104_729) % 1_000_003;
        (n * 1_000 + 5_000_000) * scale
    };
    for i in 1..=20 {
        out.push_str(&format!(
            "5.02.0.00.0.00.02.0000;Bapenda;;;;;;;4.1.01.{i:02}.01.0001;Pajak {i};PAD;{}\n",
            amount()
        ));
    }
    out.push_str(&format!(
        "5.02.0.00.0.00.01.0000;BPKAD;;;;;;;6.1.01.01.01.0001;SiLPA;;{}\n",
        amount()
    ));
    for org in ORGANISATIONS {
        let bidang = &org[..4];
        for k in 1..=4 {
            for s in 1..=5 {
                let program = format!("{bidang}.02");
                let kegiatan = format!("{program}.2.{k:02}");
                let sub = format!("{kegiatan}.{s:04}");
                for account in ACCOUNTS {
                    out.push_str(&format!(
                        "{org};Perangkat Daerah {org};{program};{kegiatan};{sub};Program {program};\
                         Kegiatan {kegiatan};Sub Kegiatan {sub};{account};Akun {account};DAU;{}\n",
                        amount()
                    ));
                }
            }
        }
    }
    out.into_bytes()
}

/// Realisation of every spending line in one or two months.
fn realisation_csv() -> Vec<u8> {
    let mut out = String::from("bulan;kode_organisasi;kode_sub_kegiatan;kode_akun;realisasi\n");
    let mut i = 0_u64;
    for org in ORGANISATIONS {
        let bidang = &org[..4];
        for k in 1..=4 {
            for s in 1..=5 {
                let sub = format!("{bidang}.02.2.{k:02}.{s:04}");
                for account in ACCOUNTS {
                    i += 1;
                    let month = i % 9 + 1;
                    out.push_str(&format!(
                        "{month};{org};{sub};{account};{}\n",
                        i * 1_000_000
                    ));
                    if i.is_multiple_of(3) {
                        out.push_str(&format!(
                            "{};{org};{sub};{account};-{}\n",
                            month + 2,
                            i * 1_000
                        ));
                    }
                }
            }
        }
    }
    out.into_bytes()
}

async fn import_and_publish(app: &TestApp, bytes: &[u8], year: i32, stage: Stage) -> Uuid {
    let by = importer();
    let summary = import_file(&app.state, bytes, "file.csv", year, stage, &by)
        .await
        .unwrap_or_else(|e| panic!("{year} {stage:?}: {e:?}"));
    publish(&app.state, summary.version_id, &by).await.unwrap();
    summary.version_id
}

/// Spending lines of a version, line by line: (organisation, urusan, kelompok, month, amount).
async fn spending_lines(
    app: &TestApp,
    table: &str,
    version: Uuid,
) -> Vec<(String, String, String, i32, i64)> {
    let month = if table == "budget_realisation" {
        "month"
    } else {
        "0"
    };
    let sql = format!(
        "SELECT organisation_code, urusan, kelompok, CAST({month} AS INTEGER), amount FROM {table} \
         WHERE version_id = $1 AND akun = '5'"
    );
    on_db!(&app.state.db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(version).fetch_all(pool).await)
        .unwrap()
}

fn sum_by<F: Fn(&(String, String, String, i32, i64)) -> String>(
    lines: &[(String, String, String, i32, i64)],
    key: F,
) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for l in lines {
        *out.entry(key(l)).or_insert(0) += l.4;
    }
    out
}

/// (code → plan, realisation, previous year) of a view's JSON.
fn items(json: &Value) -> BTreeMap<String, (i64, i64, i64)> {
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap().to_string(),
                (
                    i["plan"].as_i64().unwrap(),
                    i["realisation"].as_i64().unwrap(),
                    i["previous_year"].as_i64().unwrap_or(-1),
                ),
            )
        })
        .collect()
}

fn expected(
    plan: &BTreeMap<String, i64>,
    real: &BTreeMap<String, i64>,
    previous: &BTreeMap<String, i64>,
) -> BTreeMap<String, (i64, i64, i64)> {
    let mut out = BTreeMap::new();
    for code in plan.keys().chain(real.keys()) {
        let get = |m: &BTreeMap<String, i64>| m.get(code).copied().unwrap_or(0);
        out.insert(code.clone(), (get(plan), get(real), get(previous)));
    }
    out
}

async fn json(app: &TestApp, path: &str) -> (String, Value) {
    let (status, _, body) = app.visitor().get(path).await;
    assert_eq!(status, 200, "{path}");
    let value = serde_json::from_str(&body).unwrap();
    (body, value)
}

/// Check the summary, the organisation and the function roots against the lines, twice.
async fn check_year(app: &TestApp, plan: Uuid, real: Uuid, previous: Uuid) {
    let p = spending_lines(app, "budget_lines", plan).await;
    let r = spending_lines(app, "budget_realisation", real).await;
    let prev = spending_lines(app, "budget_lines", previous).await;
    let by_kelompok = |l: &(String, String, String, i32, i64)| l.2.clone();
    let by_org = |l: &(String, String, String, i32, i64)| l.0.clone();
    let by_urusan = |l: &(String, String, String, i32, i64)| l.1.clone();
    let mut months = [0_i64; 12];
    for l in &r {
        months[usize::try_from(l.3 - 1).unwrap()] += l.4;
    }
    for round in ["computed", "memoised"] {
        let (summary_body, summary) = json(app, "/anggaran/2026?format=json").await;
        assert_eq!(
            items(&summary["spending_by_kelompok"]),
            expected(
                &sum_by(&p, by_kelompok),
                &sum_by(&r, by_kelompok),
                &sum_by(&prev, by_kelompok)
            ),
            "{round}"
        );
        let monthly: Vec<i64> = summary["monthly_spending"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_i64().unwrap())
            .collect();
        assert_eq!(monthly, months.to_vec(), "{round}");
        let (_, orgs) = json(app, "/anggaran/2026/organisasi?format=json").await;
        assert_eq!(
            items(&orgs),
            expected(
                &sum_by(&p, by_org),
                &sum_by(&r, by_org),
                &sum_by(&prev, by_org)
            ),
            "{round}"
        );
        let (_, functions) = json(app, "/anggaran/2026/fungsi?format=json").await;
        assert_eq!(
            items(&functions),
            expected(
                &sum_by(&p, by_urusan),
                &sum_by(&r, by_urusan),
                &sum_by(&prev, by_urusan)
            ),
            "{round}"
        );
        // The page itself answers from the same figures.
        let (status, _, _) = app.visitor().get("/anggaran/2026").await;
        assert_eq!(status, 200);
        assert!(!summary_body.is_empty());
    }
}

#[tokio::test]
async fn the_summary_and_year_wide_views_equal_the_line_by_line_sums_computed_and_memoised() {
    let app = TestApp::start().await;
    let previous = import_and_publish(&app, &budget_csv(1), 2025, Stage::Murni).await;
    let murni = import_and_publish(&app, &budget_csv(2), 2026, Stage::Murni).await;
    let real = import_and_publish(&app, &realisation_csv(), 2026, Stage::Realisasi).await;
    check_year(&app, murni, real, previous).await;
    // A revised budget is a new version: new queries, new figures.
    let revised = import_and_publish(&app, &budget_csv(3), 2026, Stage::Perubahan).await;
    check_year(&app, revised, real, previous).await;
}
