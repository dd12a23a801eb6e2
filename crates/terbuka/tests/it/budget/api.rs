//! The budget JSON API (`/api/v1/budget/…`): exact figures of a small known import (the
//! seven lines of `good_rows` and four months of realisation), drafts never shown, and the
//! errors in the documented shape.

use budget::Stage;
use budget::queries;
use platform::clock::Clock;
use serde_json::{Value, json};

use super::{BAPENDA, DISDIK, csv, good_rows, importer};
use crate::support::{TestApp, client};

/// The realisation of the small budget: spending 500,000,000 (1.2 billion of salaries
/// realised 200 million; 300 million of the 750 million building), revenue 80,000,000.
pub fn realisation_csv() -> Vec<u8> {
    format!(
        "bulan,kode_organisasi,kode_sub_kegiatan,kode_akun,realisasi\n\
         1,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100000000\n\
         2,{DISDIK},1.01.01.2.02.0001,5.1.01.01.01.0001,100000000\n\
         3,{DISDIK},1.01.02.2.01.0009,5.2.03.01.01.0001,300000000\n\
         1,{BAPENDA},,4.1.01.07.01.0001,80000000\n"
    )
    .into_bytes()
}

/// Import and publish the small budget of 2026 and its realisation (January–March); and a
/// second original budget left as a draft, which the public never sees.
pub async fn import_small(app: &TestApp) {
    queries::load_organisation_codes(
        &app.state.db,
        queries::DEMO_ORGANISATION_CODES,
        app.clock.now(),
    )
    .await
    .unwrap();
    let by = importer();
    for (bytes, name, stage) in [
        (csv(&good_rows()), "apbd-2026.csv", Stage::Murni),
        (realisation_csv(), "realisasi-2026.csv", Stage::Realisasi),
    ] {
        let summary = budget::import_file(&app.state, &bytes, name, 2026, stage, &by)
            .await
            .unwrap();
        budget::publish(&app.state, summary.version_id, &by)
            .await
            .unwrap();
    }
    let mut rows = good_rows();
    rows[0][11] = "9.000.000.000";
    budget::import_file(
        &app.state,
        &csv(&rows),
        "draft.csv",
        2026,
        Stage::Murni,
        &by,
    )
    .await
    .unwrap();
}

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let response = client().get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("application/json"),
        "{path}: {content_type}"
    );
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn years_and_summary_give_the_exact_figures_of_the_published_versions() {
    let app = TestApp::start().await;
    import_small(&app).await;

    let (status, years) = get(&app, "/api/v1/budget/years").await;
    assert_eq!(status, 200);
    let listed = years["years"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["year"], 2026);
    let versions: Vec<(String, i64, String)> = listed[0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["stage"].as_str().unwrap().to_string(),
                v["version"].as_i64().unwrap(),
                v["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The draft (version 2 of murni) is not there.
    assert_eq!(
        versions,
        [
            ("murni".to_string(), 1, "published".to_string()),
            ("realisasi".to_string(), 1, "published".to_string()),
        ]
    );

    let (status, summary) = get(&app, "/api/v1/budget/2026").await;
    assert_eq!(status, 200);
    assert_eq!(
        summary["plan"],
        json!({
            "revenue": 3_500_000_000_i64, "spending": 2_100_000_000_i64,
            "surplus_deficit": 1_400_000_000_i64, "financing_receipts": 300_000_000,
            "financing_expenditure": 100_000_000, "net_financing": 200_000_000,
        })
    );
    assert_eq!(summary["revised"], Value::Null);
    assert_eq!(summary["realisation"]["spending"], 500_000_000);
    assert_eq!(summary["realisation"]["revenue"], 80_000_000);
    // 500 / 2,100 = 23.8 %.
    assert_eq!(summary["absorption_permille"], 238);
    assert_eq!(summary["last_month"], 3);
    assert_eq!(
        summary["datapackage_url"],
        "/anggaran/2026/datapackage.json"
    );
}

#[tokio::test]
async fn breakdowns_by_function_organisation_and_account_add_up() {
    let app = TestApp::start().await;
    import_small(&app).await;

    let (status, urusan) = get(&app, "/api/v1/budget/2026/breakdown").await;
    assert_eq!(status, 200);
    assert_eq!(urusan["by"], "function");
    assert_eq!(urusan["level"], "urusan");
    assert_eq!(
        urusan["items"],
        json!([{
            "code": "1",
            "name": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
            "organisation_id": null,
            "plan": 2_100_000_000_i64, "revised": null, "realisation": 500_000_000,
        }])
    );

    let (_, programs) = get(
        &app,
        "/api/v1/budget/2026/breakdown?by=function&level=program&parent=1.01",
    )
    .await;
    let items: Vec<(&str, &str, i64, i64)> = programs["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap(),
                i["name"].as_str().unwrap(),
                i["plan"].as_i64().unwrap(),
                i["realisation"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (
                "1.01.01",
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                1_350_000_000,
                200_000_000
            ),
            (
                "1.01.02",
                "PROGRAM PENGELOLAAN PENDIDIKAN",
                750_000_000,
                300_000_000
            ),
        ]
    );
    assert_eq!(
        programs["total"],
        json!({"plan": 2_100_000_000_i64, "revised": null, "realisation": 500_000_000})
    );

    // Organisations: spending by default, matched to the portal's organisations.
    let (_, organisations) = get(&app, "/api/v1/budget/2026/breakdown?by=organisation").await;
    assert_eq!(organisations["direction"], "expenditure");
    assert_eq!(
        organisations["items"],
        json!([{
            "code": DISDIK, "name": "Dinas Pendidikan", "organisation_id": "disdik",
            "plan": 2_100_000_000_i64, "revised": null, "realisation": 500_000_000,
        }])
    );
    let (_, revenue) = get(
        &app,
        "/api/v1/budget/2026/breakdown?by=organisation&direction=revenue",
    )
    .await;
    let codes: Vec<(&str, i64)> = revenue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap(), i["plan"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [(super::BPKAD, 2_500_000_000), (BAPENDA, 1_000_000_000)]
    );

    let (_, kelompok) = get(
        &app,
        "/api/v1/budget/2026/breakdown?by=account&level=kelompok",
    )
    .await;
    let sums: Vec<(&str, &str, i64, i64)> = kelompok["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["code"].as_str().unwrap(),
                i["name"].as_str().unwrap(),
                i["plan"].as_i64().unwrap(),
                i["realisation"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sums,
        [
            (
                "4.1",
                "Pendapatan Asli Daerah (PAD)",
                1_000_000_000,
                80_000_000
            ),
            ("4.2", "Pendapatan Transfer", 2_500_000_000, 0),
            ("5.1", "Belanja Operasi", 1_350_000_000, 200_000_000),
            ("5.2", "Belanja Modal", 750_000_000, 300_000_000),
            ("6.1", "Penerimaan Pembiayaan", 300_000_000, 0),
            ("6.2", "Pengeluaran Pembiayaan", 100_000_000, 0),
        ]
    );
    let (_, jenis) = get(
        &app,
        "/api/v1/budget/2026/breakdown?by=account&level=account&parent=5.1",
    )
    .await;
    let accounts: Vec<(&str, &str)> = jenis["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap(), i["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        accounts,
        [
            ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS"),
            (
                "5.1.02.01.01.0024",
                "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"
            ),
        ]
    );
}

#[tokio::test]
async fn the_lines_of_a_sub_kegiatan() {
    let app = TestApp::start().await;
    import_small(&app).await;
    let (status, sub) = get(&app, "/api/v1/budget/2026/sub-kegiatan/1.01.01.2.02.0001").await;
    assert_eq!(status, 200);
    assert_eq!(sub["name"], "Penyediaan Gaji dan Tunjangan ASN");
    assert_eq!(sub["program"]["code"], "1.01.01");
    assert_eq!(
        sub["kegiatan"]["name"],
        "Administrasi Keuangan Perangkat Daerah"
    );
    assert_eq!(
        sub["lines"],
        json!([
            {
                "organisation_code": DISDIK, "organisation_name": "Dinas Pendidikan",
                "organisation_id": "disdik", "account_code": "5.1.01.01.01.0001",
                "account_name": "Belanja Gaji Pokok PNS", "source_of_funds": "DAU",
                "plan": 1_200_000_000_i64, "revised": null, "realisation": 200_000_000,
            },
            {
                "organisation_code": DISDIK, "organisation_name": "Dinas Pendidikan",
                "organisation_id": "disdik", "account_code": "5.1.02.01.01.0024",
                "account_name": "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
                "source_of_funds": "DAU",
                "plan": 150_000_000, "revised": null, "realisation": 0,
            },
        ])
    );
    assert_eq!(sub["total"]["plan"], 1_350_000_000_i64);
}

#[tokio::test]
async fn errors_are_404_for_unknown_years_and_400_for_bad_parameters() {
    let app = TestApp::start().await;
    import_small(&app).await;
    for path in [
        "/api/v1/budget/2025",
        "/api/v1/budget/dua-ribu",
        "/api/v1/budget/2025/breakdown",
        "/api/v1/budget/2026/sub-kegiatan/1.01.01.2.02.0009",
    ] {
        let (status, body) = get(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["error"], "not_found", "{path}");
    }
    for (path, message) in [
        ("/api/v1/budget/2026/breakdown?level=rincian", "level"),
        ("/api/v1/budget/2026/breakdown?by=wilayah", "by"),
        (
            "/api/v1/budget/2026/breakdown?level=urusan&parent=1.01",
            "parent",
        ),
        (
            "/api/v1/budget/2026/breakdown?by=account&parent=1.01",
            "parent",
        ),
        (
            "/api/v1/budget/2026/breakdown?direction=keluar",
            "direction",
        ),
        (
            "/api/v1/budget/2026/breakdown?organisation=dinas",
            "organisation",
        ),
        ("/api/v1/budget/2026/sub-kegiatan/1.01.01", "sub"),
    ] {
        let response = client()
            .get(app.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "bad_request", "{path}");
        let text = body["message"].as_str().unwrap().to_lowercase();
        assert!(text.contains(message), "{path}: {text}");
    }
}
