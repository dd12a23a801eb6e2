//! The Frictionless Data Package of a dataset (`/data/{name}/datapackage.json`): the
//! descriptor's fields, the Table Schema of a loaded table (types as loaded, dictionary
//! descriptions and units), plain resources for links, and `frictionless` (PyPI) validating
//! the descriptor and every CSV row against the schema (datapackage.py).

use serde_json::{Value, json};

use super::ckan::{python_with, tabular_dataset};
use super::search::catalogue;
use crate::support::{TestApp, client, tool_missing};

async fn descriptor(app: &TestApp, name: &str) -> (u16, Value) {
    let r = client()
        .get(app.url(&format!("/data/{name}/datapackage.json")))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_descriptor_describes_tables_and_links() {
    let app = TestApp::start().await;
    let rid = tabular_dataset(&app).await;
    catalogue(&app).await;
    let base = app
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();

    let (status, d) = descriptor(&app, "produksi-padi-kecamatan").await;
    assert_eq!(status, 200);
    assert_eq!(d["profile"], "data-package");
    assert_eq!(d["name"], "produksi-padi-kecamatan");
    assert_eq!(d["version"], "1.0.0");
    assert_eq!(
        d["homepage"],
        format!("{base}/data/produksi-padi-kecamatan")
    );
    assert_eq!(
        d["licenses"],
        json!([{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}])
    );
    assert_eq!(d["keywords"], json!(["padi"]));
    assert_eq!(d["contributors"][0]["role"], "publisher");
    let r = &d["resources"][0];
    assert_eq!(r["profile"], "tabular-data-resource");
    assert_eq!(
        r["path"],
        format!("{base}/data/produksi-padi-kecamatan/sumber/{rid}/unduh.csv")
    );
    assert_eq!(
        (r["format"].as_str(), r["mediatype"].as_str()),
        (Some("csv"), Some("text/csv"))
    );
    let fields = r["schema"]["fields"].as_array().unwrap();
    let types: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        types,
        vec![
            ("kecamatan", "string"),
            ("tahun", "integer"),
            ("luas_panen", "number"),
            ("produksi", "integer"),
            ("irigasi", "boolean"),
            ("diukur", "date")
        ]
    );
    assert_eq!(fields[3]["description"], "Produksi gabah kering giling");
    assert_eq!(fields[3]["unit"], "ton");
    assert!(r["schema"].get("primaryKey").is_none());

    // A linked resource is a plain data resource.
    let (_, d) = descriptor(&app, "produksi-padi").await;
    let names: Vec<&str> = d["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["produksi-2025", "produksi-2025-excel"]);
    assert_eq!(d["resources"][0]["profile"], "data-resource");
    assert_eq!(d["resources"][0]["path"], "https://example.org/padi.csv");
    assert_eq!(d["licenses"][0]["name"], "ODbL-1.0");

    for missing in ["tidak-ada", "rahasia-draf", "BAD!"] {
        assert_eq!(descriptor(&app, missing).await.0, 404, "{missing}");
    }
}

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/data/datapackage.py");

#[tokio::test]
async fn frictionless_validates_the_package_and_every_row() {
    const TEST: &str = "frictionless_validates_the_package_and_every_row";
    let Some(python) = python_with("frictionless") else {
        tool_missing(
            TEST,
            "python3 with frictionless (pip, requirements-test.txt)",
        );
        return;
    };
    let app = TestApp::start().await;
    tabular_dataset(&app).await;
    let base = app
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();
    let input = json!({ "address": app.url(""), "base": base, "name": "produksi-padi-kecamatan" });
    let (success, stdout, stderr) = crate::support::run_python(&python, SCRIPT, &input).await;
    assert!(success, "datapackage.py failed:\n{stdout}\n{stderr}");
    let r: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap();
    assert_eq!(r["valid"], true, "{}", r["errors"]);
    assert_eq!(r["descriptor_valid"], true, "{}", r["descriptor_errors"]);
    // The streamed CSV export must survive gzip (what browsers and Python clients ask for).
    assert_eq!(r["gzip_download"], true, "gzip-encoded CSV download failed");
    let res = &r["resources"]["produksi-padi-2024-2025"];
    assert_eq!(res["rows"], 5, "{r}");
    assert_eq!(
        res["first"],
        json!({"kecamatan": "Ngraho", "tahun": 2024, "luas_panen": 1200.5, "produksi": 6100, "irigasi": true, "diukur": "2024-12-31"})
    );
}
