//! The Fiscal Data Package of a published year (`/anggaran/{tahun}/datapackage.json` and
//! its CSV resources): the descriptor maps the columns to the FDP concepts, the package is
//! valid for the `frictionless` package from PyPI (driven by `datapackage.py` against this
//! test's server), and the value columns add up to the published totals.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::api::import_small;
use crate::support::{TestApp, client, tool_missing};

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/budget/datapackage.py"
);

fn python_with_frictionless() -> Option<String> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(str::to_string)
        .find(|py| {
            Command::new(py)
                .args(["-c", "import frictionless"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// The number of rows and the sums of the approved, adjusted and executed columns of a CSV.
fn sums(csv_text: &str) -> (usize, [i64; 3]) {
    let mut lines = csv_text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[header.len() - 3..],
        ["approved", "adjusted", "executed"]
    );
    let mut rows = 0;
    let mut out = [0i64; 3];
    // The three value columns are last and never quoted: split them off the right.
    for line in lines {
        rows += 1;
        let values: Vec<&str> = line.rsplitn(4, ',').take(3).collect();
        for (slot, value) in out.iter_mut().zip(values.iter().rev()) {
            *slot += value.parse::<i64>().unwrap_or(0);
        }
    }
    (rows, out)
}

#[tokio::test]
async fn the_descriptor_maps_the_fiscal_concepts_and_the_csvs_add_up() {
    let app = TestApp::start().await;
    import_small(&app).await;
    let (status, body) = app.get("/anggaran/2026/datapackage.json").await;
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["profile"], "fiscal-data-package");
    assert_eq!(
        doc["fiscalPeriod"],
        json!({"start": "2026-01-01", "end": "2026-12-31"})
    );
    let resources = doc["resources"].as_array().unwrap();
    let paths: Vec<&str> = resources
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["data/belanja.csv", "data/pendapatan.csv"]);
    for (resource, direction) in resources.iter().zip(["expenditure", "revenue"]) {
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let column_type =
            |name: &str| fields.iter().find(|f| f["name"] == name).unwrap()["columnType"].clone();
        assert_eq!(column_type("fiscal_year"), "date:fiscal-year");
        assert_eq!(
            column_type("organisation_code"),
            "administrative-classification:generic:level1:code"
        );
        assert_eq!(
            column_type("sub_kegiatan"),
            "functional-classification:generic:level5:code"
        );
        assert_eq!(
            column_type("account_code"),
            "economic-classification:generic:level4:code"
        );
        let values: Vec<(String, String, String, String)> = fields
            .iter()
            .filter(|f| f["columnType"] == "value")
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap().to_string();
                (s("name"), s("phase"), s("direction"), s("currency"))
            })
            .collect();
        let expected: Vec<(String, String, String, String)> = [
            ("approved", "approved"),
            ("adjusted", "adjusted"),
            ("executed", "executed"),
        ]
        .iter()
        .map(|(n, p)| {
            (
                n.to_string(),
                p.to_string(),
                direction.to_string(),
                "IDR".to_string(),
            )
        })
        .collect();
        assert_eq!(values, expected);
    }

    // Spending (5) and financing expenditure (6.2); revenue (4) and financing receipts (6.1).
    let (status, belanja) = app.get("/anggaran/2026/data/belanja.csv").await;
    assert_eq!(status, 200);
    assert_eq!(
        sums(&belanja),
        (4, [2_100_000_000 + 100_000_000, 0, 500_000_000])
    );
    // No revised budget: the adjusted column is empty on every row, not 0.
    assert!(
        belanja
            .lines()
            .skip(1)
            .all(|line| line.rsplit(',').nth(1) == Some("")),
        "{belanja}"
    );
    let (_, pendapatan) = app.get("/anggaran/2026/data/pendapatan.csv").await;
    assert_eq!(
        sums(&pendapatan),
        (3, [3_500_000_000 + 300_000_000, 0, 80_000_000])
    );

    for (path, status) in [
        ("/anggaran/2019/datapackage.json", 404),
        ("/anggaran/2026/data/lainnya.csv", 404),
        ("/anggaran/2019/data/belanja.csv", 404),
    ] {
        let response = client().get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{path}");
    }
}

#[tokio::test]
async fn frictionless_validates_the_package_and_reads_the_published_totals() {
    const TEST: &str = "frictionless_validates_the_package_and_reads_the_published_totals";
    let Some(python) = python_with_frictionless() else {
        tool_missing(
            TEST,
            "python3 with frictionless (pip, requirements-test.txt)",
        );
        return;
    };
    let app = TestApp::start().await;
    import_small(&app).await;
    let input = json!({ "url": app.url("/anggaran/2026/datapackage.json") });
    let (success, stdout, stderr) = crate::support::run_python(&python, SCRIPT, &input).await;
    assert!(success, "datapackage.py failed:\n{stdout}\n{stderr}");
    let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap();
    assert_eq!(result["valid"], true, "{result}");
    if result["fdp_profile_checked"] != true {
        // The profile's JSON Schema is downloaded by frictionless from the specs site.
        eprintln!(
            "NOTICE {TEST}: no network — validated as a tabular data package (descriptor, \
             schemas, every row); the fiscal-data-package profile schema was not checked"
        );
    }
    assert_eq!(
        result["resources"]["belanja"],
        json!({"rows": 4, "sums": {"approved": 2_200_000_000_i64, "adjusted": 0, "executed": 500_000_000}})
    );
    assert_eq!(
        result["resources"]["pendapatan"],
        json!({"rows": 3, "sums": {"approved": 3_800_000_000_i64, "adjusted": 0, "executed": 80_000_000}})
    );
}
