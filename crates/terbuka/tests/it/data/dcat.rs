//! DCAT: the catalogue (`/catalog.jsonld`, `/catalog.ttl`, paged by 100 with hydra) and each
//! dataset (`/dataset/{name}.jsonld`, `.ttl`); both serialisations parsed by rdflib (PyPI)
//! must be the same graph, with the DCAT terms expected (dcat.py).

use serde_json::{Value, json};
use uuid::Uuid;

use super::catalog::sample;
use super::ckan::python_with;
use super::search::catalogue;
use crate::support::{TestApp, client, tool_missing};
use platform::clock::Clock;

/// A dataset whose texts need escaping in both serialisations.
async fn awkward(app: &TestApp) {
    let mut d = sample("judul-aneh");
    d.title = "Judul \"kutip\" \\ garis miring <tag> & {kurung}".into();
    d.notes = "Baris satu\nBaris dua\t(tab)\r\nBaris tiga: ünïcödé — ✓".into();
    d.tags = vec!["tanda \"kutip\"".into()];
    let mut tx = app.state.db.begin().await.unwrap();
    data::catalog::create_verified(&mut tx, &d, Uuid::nil(), app.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn fetch(app: &TestApp, path: &str) -> (u16, String, String) {
    let r = client().get(app.url(path)).send().await.unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, ct, r.text().await.unwrap())
}

#[tokio::test]
async fn the_catalogue_and_datasets_in_json_ld_and_turtle() {
    let app = TestApp::start().await;
    catalogue(&app).await;
    let base = app
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();

    let (status, ct, body) = fetch(&app, "/catalog.jsonld").await;
    assert_eq!((status, ct.as_str()), (200, "application/ld+json"));
    let doc: Value = serde_json::from_str(&body).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let cat = graph
        .iter()
        .find(|n| n["@id"] == format!("{base}/catalog"))
        .unwrap();
    assert_eq!(cat["@type"], json!(["dcat:Catalog"]));
    assert_eq!(cat["dcat:dataset"].as_array().unwrap().len(), 3);
    assert!(
        graph
            .iter()
            .all(|n| n["@type"] != json!(["hydra:PagedCollection"])),
        "one page only"
    );
    let school = graph
        .iter()
        .find(|n| n["@id"] == format!("{base}/dataset/jumlah-sekolah"))
        .unwrap();
    assert_eq!(
        school["dct:title"],
        json!([{"@value": "Jumlah Sekolah per Kecamatan", "@language": "id"}])
    );
    assert_eq!(
        school["dct:accrualPeriodicity"][0]["@id"],
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    );

    let (status, ct, ttl) = fetch(&app, "/catalog.ttl").await;
    assert_eq!((status, ct.as_str()), (200, "text/turtle; charset=utf-8"));
    assert!(ttl.contains("@prefix dcat: <http://www.w3.org/ns/dcat#> ."));
    assert!(ttl.contains(&format!(
        "<{base}/dataset/produksi-padi>\n    a dcat:Dataset"
    )));
    assert!(ttl.contains("dcat:startDate \"2025-01-01\"^^xsd:date"));

    let (status, ct, body) = fetch(&app, "/dataset/curah-hujan.ttl").await;
    assert_eq!((status, ct.as_str()), (200, "text/turtle; charset=utf-8"));
    assert!(body.contains("dct:format \"JSON\""));
    assert!(
        body.contains(
            "dcat:mediaType <http://www.iana.org/assignments/media-types/application/json>"
        )
    );
    let (status, ct, _) = fetch(&app, "/dataset/curah-hujan.jsonld").await;
    assert_eq!((status, ct.as_str()), (200, "application/ld+json"));
    for missing in [
        "/dataset/rahasia-draf.ttl",
        "/dataset/tidak-ada.jsonld",
        "/dataset/X!.ttl",
    ] {
        assert_eq!(fetch(&app, missing).await.0, 404, "{missing}");
    }
    // The plain CKAN address still moves to the page.
    assert_eq!(fetch(&app, "/dataset/curah-hujan").await.0, 301);
    for bad in ["/catalog.ttl?page=0", "/catalog.ttl?page=x"] {
        assert_eq!(fetch(&app, bad).await.0, 400, "{bad}");
    }
    assert_eq!(fetch(&app, "/catalog.ttl?page=2").await.0, 404);
}

#[tokio::test]
async fn a_large_catalogue_is_paged_with_hydra() {
    let app = TestApp::start().await;
    let now = app.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    for i in 0..101 {
        let d = sample(&format!("dataset-{i:03}"));
        data::catalog::create_verified(&mut tx, &d, Uuid::nil(), now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let base = app
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();

    let (_, _, body) = fetch(&app, "/catalog.jsonld?page=2").await;
    let doc: Value = serde_json::from_str(&body).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let cat = graph
        .iter()
        .find(|n| n["@id"] == format!("{base}/catalog"))
        .unwrap();
    assert_eq!(
        cat["dcat:dataset"],
        json!([{"@id": format!("{base}/dataset/dataset-100")}])
    );
    let paging = graph
        .iter()
        .find(|n| n["@type"] == json!(["hydra:PagedCollection"]))
        .unwrap();
    assert_eq!(paging["@id"], format!("{base}/catalog.jsonld?page=2"));
    assert_eq!(paging["hydra:totalItems"][0]["@value"], "101");
    assert_eq!(paging["hydra:itemsPerPage"][0]["@value"], "100");
    assert_eq!(
        paging["hydra:previousPage"][0]["@value"],
        format!("{base}/catalog.jsonld?page=1")
    );
    assert_eq!(
        paging["hydra:lastPage"][0]["@value"],
        format!("{base}/catalog.jsonld?page=2")
    );
    assert!(paging.get("hydra:nextPage").is_none());

    let (_, _, ttl) = fetch(&app, "/catalog.ttl").await;
    assert_eq!(ttl.matches("dcat:dataset <").count(), 100);
    assert!(ttl.contains(&format!("hydra:nextPage \"{base}/catalog.ttl?page=2\"")));
}

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/data/dcat.py");

#[tokio::test]
async fn rdflib_reads_both_serialisations_as_the_same_graph() {
    const TEST: &str = "rdflib_reads_both_serialisations_as_the_same_graph";
    let Some(python) = python_with("rdflib") else {
        tool_missing(TEST, "python3 with rdflib (pip, requirements-test.txt)");
        return;
    };
    let app = TestApp::start().await;
    catalogue(&app).await;
    awkward(&app).await;
    let base = app
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();
    let input = json!({ "address": app.url(""), "base": base, "dataset": "jumlah-sekolah" });
    let (success, stdout, stderr) = crate::support::run_python(&python, SCRIPT, &input).await;
    assert!(success, "dcat.py failed:\n{stdout}\n{stderr}");
    let r: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap();
    assert_eq!(r["catalog_isomorphic"], true, "{r}");
    assert_eq!(r["dataset_isomorphic"], true, "{r}");
    assert_eq!(
        r["datasets"],
        json!([
            "curah-hujan",
            "judul-aneh",
            "jumlah-sekolah",
            "produksi-padi"
        ])
    );
    let c = &r["checks"];
    assert_eq!(c["type"], true);
    assert_eq!(c["title"], json!([["Jumlah Sekolah per Kecamatan", "id"]]));
    assert_eq!(c["keywords"], json!(["pendidikan", "sekolah"]));
    assert_eq!(c["publisher"], "Dinas Pendidikan");
    assert_eq!(
        c["contact"],
        json!(["Bidang Data", "mailto:disdik@bojonegorokab.go.id"])
    );
    assert_eq!(c["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(
        c["periodicity"],
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    );
    assert_eq!(
        c["temporal"],
        json!([
            "2025-01-01",
            "http://www.w3.org/2001/XMLSchema#date",
            "2025-12-31"
        ])
    );
    assert_eq!(c["spatial"], json!([format!("{base}/wilayah/35.22")]));
    assert_eq!(
        c["modified_type"],
        "http://www.w3.org/2001/XMLSchema#dateTime"
    );
    assert_eq!(c["landing"], format!("{base}/data/jumlah-sekolah"));
    assert_eq!(
        c["themes"],
        json!([format!("{base}/data?groups=pendidikan")])
    );
    assert_eq!(
        c["distributions"],
        json!([{
            "format": "CSV",
            "download": "https://example.org/sekolah.csv",
            "media": "http://www.iana.org/assignments/media-types/text/csv",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        }])
    );
}
