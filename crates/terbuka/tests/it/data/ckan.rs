//! The CKAN Action API v3 (`/api/3/action/…`, `/api/action/…`): CKAN's envelope and error
//! shapes and statuses, the package dict, package_search's q/fq/sort/rows/start/facets as
//! CKAN clients send them (GET query strings and POST JSON or form bodies), the lists, and —
//! with the real `ckanapi` client from PyPI — a harvest of every dataset (ckan_client.py).

use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::search::catalogue;
use crate::support::{TestApp, client, tool_missing};

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let response = client().get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")),
    )
}

async fn post(app: &TestApp, action: &str, body: Value) -> (u16, Value) {
    let response = client()
        .post(app.url(&format!("/api/action/{action}")))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn names(result: &Value) -> Vec<&str> {
    result["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn package_show_and_lists_have_ckans_shapes() {
    let app = TestApp::start().await;
    catalogue(&app).await;

    let (status, body) = get(&app, "/api/3/action/package_list").await;
    assert_eq!(status, 200);
    assert_eq!(body["success"], true);
    assert!(
        body["help"]
            .as_str()
            .unwrap()
            .ends_with("help_show?name=package_list")
    );
    assert_eq!(
        body["result"],
        json!(["curah-hujan", "jumlah-sekolah", "produksi-padi"])
    );
    let (_, body) = get(&app, "/api/3/action/package_list?limit=1&offset=1").await;
    assert_eq!(body["result"], json!(["jumlah-sekolah"]));

    let (status, body) = get(&app, "/api/3/action/package_show?id=produksi-padi").await;
    assert_eq!(status, 200);
    let p = &body["result"];
    for key in [
        "id",
        "name",
        "title",
        "notes",
        "owner_org",
        "organization",
        "license_id",
        "license_title",
        "license_url",
        "metadata_created",
        "metadata_modified",
        "state",
        "private",
        "type",
        "tags",
        "groups",
        "resources",
        "num_resources",
        "num_tags",
        "extras",
        "maintainer",
        "maintainer_email",
    ] {
        assert!(p.get(key).is_some(), "package dict lacks {key}: {p}");
    }
    assert_eq!(p["type"], "dataset");
    assert_eq!(p["private"], false);
    assert_eq!(p["state"], "active");
    assert_eq!(p["owner_org"], "distan");
    assert_eq!(p["organization"]["name"], "distan");
    assert_eq!(p["organization"]["is_organization"], true);
    assert_eq!(p["license_id"], "odc-odbl");
    assert_eq!(p["isopen"], true);
    assert_eq!(p["num_resources"], 2);
    assert_eq!(p["num_tags"], 2);
    assert_eq!(
        p["tags"][0],
        json!({"name": "padi", "display_name": "padi", "state": "active", "vocabulary_id": null})
    );
    assert_eq!(p["groups"][0]["name"], "ekonomi");
    assert_eq!(p["maintainer_email"], "distan@bojonegorokab.go.id");
    // CKAN's timestamps: UTC, no offset, microseconds.
    let created = p["metadata_created"].as_str().unwrap();
    assert_eq!(created.len(), 26, "{created}");
    assert!(!created.ends_with('Z'));
    let r = &p["resources"][1];
    assert_eq!(r["package_id"], p["id"]);
    assert_eq!(r["format"], "XLSX");
    assert_eq!(r["position"], 1);
    assert_eq!(r["url"], "https://example.org/padi.xlsx");
    assert_eq!(r["datastore_active"], false);
    assert_eq!(
        r["mimetype"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let extras: Vec<&str> = p["extras"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap())
        .collect();
    assert!(extras.contains(&"frequency") && extras.contains(&"region_codes"));
    // By id too.
    let id = p["id"].as_str().unwrap().to_string();
    let (status, by_id) = get(&app, &format!("/api/3/action/package_show?id={id}")).await;
    assert_eq!(
        (status, &by_id["result"]["name"]),
        (200, &json!("produksi-padi"))
    );

    // resource_show
    let rid = r["id"].as_str().unwrap().to_string();
    let (status, body) = get(&app, &format!("/api/3/action/resource_show?id={rid}")).await;
    assert_eq!(
        (status, &body["result"]["name"]),
        (200, &json!("Produksi 2025 (Excel)"))
    );

    // Organisations: the producers only; with counts and datasets when asked.
    let (_, body) = get(&app, "/api/3/action/organization_list").await;
    assert_eq!(body["result"], json!(["bpbd", "disdik", "distan"]));
    let (_, body) = get(&app, "/api/3/action/organization_list?all_fields=true").await;
    assert_eq!(body["result"][1]["title"], "Dinas Pendidikan");
    assert_eq!(body["result"][1]["package_count"], 1);
    let (_, body) = get(
        &app,
        "/api/3/action/organization_show?id=distan&include_datasets=true",
    )
    .await;
    assert_eq!(body["result"]["package_count"], 1);
    assert_eq!(body["result"]["packages"][0]["name"], "produksi-padi");
    let (status, _) = get(&app, "/api/3/action/organization_show?id=bappeda").await;
    assert_eq!(status, 200, "an organisation without datasets still exists");

    // Groups (the reference topics and the fixture's) and tags.
    let (_, body) = get(&app, "/api/3/action/group_list").await;
    let groups: Vec<&str> = body["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    for g in ["ekonomi", "lingkungan", "pendidikan", "pertanian"] {
        assert!(groups.contains(&g), "{groups:?}");
    }
    let mut sorted = groups.clone();
    sorted.sort();
    assert_eq!(groups, sorted);
    let (_, body) = get(&app, "/api/3/action/group_list?all_fields=true").await;
    let ekonomi = body["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "ekonomi")
        .unwrap();
    assert_eq!(ekonomi["package_count"], 1);
    assert_eq!(ekonomi["title"], "Ekonomi");
    let client_en = client();
    let en: Value = client_en
        .get(app.url("/api/3/action/group_show?id=lingkungan"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(en["result"]["title"], "Environment");
    let (_, body) = get(&app, "/api/3/action/tag_list").await;
    assert_eq!(
        body["result"],
        json!([
            "hujan",
            "iklim",
            "padi",
            "pendidikan",
            "pertanian",
            "sekolah"
        ])
    );
    let (_, body) = get(&app, "/api/3/action/tag_list?query=PE").await;
    assert_eq!(body["result"], json!(["pendidikan", "pertanian"]));

    // current_package_list_with_resources: most recently modified first.
    let (_, body) = get(
        &app,
        "/api/3/action/current_package_list_with_resources?limit=2",
    )
    .await;
    let list = body["result"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["name"], "curah-hujan");
    assert_eq!(list[0]["resources"][0]["format"], "JSON");

    let (_, body) = get(&app, "/api/3/action/status_show").await;
    assert!(
        body["result"]["ckan_version"]
            .as_str()
            .unwrap()
            .starts_with("2.10")
    );
    let (_, body) = get(&app, "/api/3/action/site_read").await;
    assert_eq!(body["result"], true);
}

#[tokio::test]
async fn package_search_speaks_q_fq_sort_paging_and_facets() {
    let app = TestApp::start().await;
    catalogue(&app).await;

    let (_, body) = get(&app, "/api/3/action/package_search?q=*:*&rows=2").await;
    let r = &body["result"];
    assert_eq!(r["count"], 3);
    assert_eq!(names(r), vec!["curah-hujan", "produksi-padi"]);
    assert_eq!(r["facets"], json!({}), "no facet.field, no facets");
    let (_, body) = get(&app, "/api/3/action/package_search?q=*:*&rows=2&start=2").await;
    assert_eq!(names(&body["result"]), vec!["jumlah-sekolah"]);

    // q ranks; fq filters with CKAN's syntax; facets as CKAN shapes them.
    let (_, body) = get(
        &app,
        "/api/3/action/package_search?q=sekolah&facet.field=%5B%22organization%22,%22res_format%22%5D",
    )
    .await;
    let r = &body["result"];
    assert_eq!(names(r), vec!["jumlah-sekolah", "produksi-padi"]);
    assert_eq!(
        r["facets"]["organization"],
        json!({"disdik": 1, "distan": 1})
    );
    assert_eq!(r["facets"]["res_format"]["CSV"], 2);
    let items = r["search_facets"]["res_format"]["items"]
        .as_array()
        .unwrap();
    assert_eq!(
        items[0],
        json!({"name": "CSV", "display_name": "CSV", "count": 2})
    );

    let fq = "organization:distan +res_format:\"XLSX\" AND tags:padi";
    let (status, body) = post(
        &app,
        "package_search",
        json!({"fq": fq, "facet.field": ["tags"], "facet.limit": 1, "sort": "title_string asc"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let r = &body["result"];
    assert_eq!(names(r), vec!["produksi-padi"]);
    assert_eq!(r["facets"]["tags"].as_object().unwrap().len(), 1);
    // q may carry field:value terms, as CKAN clients write them.
    let (_, body) = get(&app, "/api/3/action/package_search?q=tags:iklim").await;
    assert_eq!(names(&body["result"]), vec!["curah-hujan"]);
    // Sorts.
    let (_, body) = get(&app, "/api/3/action/package_search?sort=name%20asc").await;
    assert_eq!(
        names(&body["result"]),
        vec!["curah-hujan", "jumlah-sekolah", "produksi-padi"]
    );
    let (_, body) = get(
        &app,
        "/api/3/action/package_search?sort=metadata_created%20desc&rows=1",
    )
    .await;
    assert_eq!(names(&body["result"]), vec!["curah-hujan"]);
    // A form body works too.
    let form: Value = client()
        .post(app.url("/api/3/action/package_search"))
        .form(&[("fq", "groups:lingkungan"), ("rows", "5")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(names(&form["result"]), vec!["curah-hujan"]);
}

#[tokio::test]
async fn errors_come_in_ckans_envelope_with_its_statuses() {
    let app = TestApp::start().await;
    catalogue(&app).await;

    let expect = |body: &Value, kind: &str| {
        assert_eq!(body["success"], false, "{body}");
        assert_eq!(body["error"]["__type"], kind, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert!(body["help"].is_string());
        assert!(body.get("result").is_none());
    };
    let (status, body) = get(&app, "/api/3/action/package_show?id=tidak-ada").await;
    assert_eq!(status, 404);
    expect(&body, "Not Found Error");
    let (status, body) = get(&app, "/api/3/action/package_show?id=rahasia-draf").await;
    assert_eq!(status, 404, "a draft is not found");
    expect(&body, "Not Found Error");
    let (status, body) = get(&app, "/api/3/action/resource_show?id=bukan-uuid").await;
    assert_eq!(status, 404);
    expect(&body, "Not Found Error");
    let (status, body) = get(&app, "/api/3/action/package_show").await;
    assert_eq!(status, 409);
    expect(&body, "Validation Error");
    assert!(
        body["error"]["id"].is_array(),
        "the field names its messages: {body}"
    );

    for bad in [
        "fq=tags:a%20OR%20tags:b",
        "fq=-organization:disdik",
        "fq=name:x",
        "fq=metadata_modified:%5B2020-01-01T00:00:00Z%20TO%20*%5D",
        "fq=tags:%22%27;%20DROP%20TABLE%20data_search;%20--",
        "q=name:x",
        "rows=1001",
        "rows=-1",
        "rows=abc",
        "start=-5",
        "sort=price%20desc",
        "facet.field=tags",
        "facet.field=%5B%22owner%22%5D",
        "facet=maybe",
    ] {
        let (status, body) = get(&app, &format!("/api/3/action/package_search?{bad}")).await;
        assert_eq!(status, 409, "{bad}: {body}");
        expect(&body, "Validation Error");
    }
    // The index survived the SQL-looking filter.
    let (_, body) = get(&app, "/api/3/action/package_list").await;
    assert_eq!(body["result"].as_array().unwrap().len(), 3);

    let (status, body) = get(&app, "/api/3/action/no_such_action").await;
    assert_eq!(status, 400);
    expect(&body, "Bad Request");
    let response = client()
        .post(app.url("/api/3/action/package_search"))
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    expect(&response.json().await.unwrap(), "Bad Request");
    let (status, body) = post(&app, "package_search", json!([1, 2])).await;
    assert_eq!(status, 400);
    expect(&body, "Bad Request");
    let (status, body) = post(&app, "package_create", json!({"name": "baru"})).await;
    assert_eq!(status, 403);
    expect(&body, "Authorization Error");
    let (status, body) = post(&app, "datastore_upsert", json!({})).await;
    assert_eq!(status, 403);
    expect(&body, "Authorization Error");

    // English messages on request.
    let en: Value = client()
        .get(app.url("/api/3/action/package_show?id=tidak-ada"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(en["error"]["message"], "Dataset not found");
}

const CLIENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/data/ckan_client.py");

/// A Python that can import every module named.
pub(crate) fn python_with(modules: &str) -> Option<String> {
    let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/venv/bin/python");
    [venv, "python3", "/usr/bin/python3"]
        .into_iter()
        .map(str::to_string)
        .find(|py| {
            Command::new(py)
                .args(["-c", &format!("import {modules}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

#[tokio::test]
async fn the_ckanapi_client_harvests_every_dataset() {
    const TEST: &str = "the_ckanapi_client_harvests_every_dataset";
    let Some(python) = python_with("ckanapi") else {
        tool_missing(TEST, "python3 with ckanapi (pip, requirements-test.txt)");
        return;
    };
    let app = TestApp::start().await;
    catalogue(&app).await;
    let resource_id = tabular_dataset(&app).await;
    let input = json!({ "address": app.url(""), "resource_id": resource_id });
    let (success, stdout, stderr) = crate::support::run_python(&python, CLIENT, &input).await;
    assert!(success, "ckan_client.py failed:\n{stdout}\n{stderr}");
    let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap();
    assert_eq!(
        result["harvested"],
        json!([
            "curah-hujan",
            "jumlah-sekolah",
            "produksi-padi",
            "produksi-padi-kecamatan"
        ]),
        "{result}"
    );
    assert_eq!(
        result["datastore"],
        json!({"total": 2, "first": "Ngraho", "fields": ["_id", "kecamatan", "tahun", "luas_panen", "produksi", "irigasi", "diukur"]}),
        "{result}"
    );
    assert_eq!(result["paged"], result["harvested"], "{result}");
    assert_eq!(
        result["errors"],
        json!({
            "not_found": "NotFound",
            "validation": "ValidationError",
            "authorization": "NotAuthorized",
        }),
        "{result}"
    );
    assert_eq!(result["organizations"], json!(["bpbd", "disdik", "distan"]));
    assert_eq!(
        result["groups"],
        json!(["ekonomi", "lingkungan", "pendidikan", "pertanian"])
    );
    assert_eq!(result["resource_format"], "CSV");
    assert_eq!(result["status_ckan_version"], "2.10.4");
    assert_eq!(result["tags_with_pe"], json!(["pendidikan", "pertanian"]));
}

/// A published dataset with one tabular resource loaded from a small CSV; its resource id.
pub(crate) async fn tabular_dataset(app: &TestApp) -> uuid::Uuid {
    use data::catalog::{self, DictionaryColumn, NewDataset, NewResource};
    use data::tabular::{self, LoadOptions};
    use platform::clock::Clock;
    let csv = "kecamatan,tahun,luas_panen,produksi,irigasi,diukur\n\
               Ngraho,2024,1200.5,6100,true,2024-12-31\n\
               Ngraho,2025,1250,6400,true,2025-12-31\n\
               Kasiman,2024,800,3900,false,2024-12-31\n\
               Kasiman,2025,820,4100,false,\n\
               \"Kota, Bojonegoro\",2025,10,55,true,2025-12-31\n";
    let at = app.clock.now();
    let table = tabular::load(
        &app.state.db,
        csv.as_bytes(),
        "padi.csv",
        &LoadOptions::default(),
        at,
    )
    .await
    .unwrap();
    let new = NewDataset {
        name: "produksi-padi-kecamatan".into(),
        organisation_id: "distan".into(),
        title: "Produksi Padi per Kecamatan (tabel)".into(),
        notes: "Luas panen (ha) dan produksi (ton) padi.".into(),
        licence_id: "cc-by".into(),
        frequency: "annual".into(),
        tags: vec!["padi".into()],
        resources: vec![NewResource {
            name: "Produksi padi 2024–2025".into(),
            format: "CSV".into(),
            table_id: Some(table.id),
            dictionary: vec![DictionaryColumn {
                name: "produksi".into(),
                kind: "integer".into(),
                description: "Produksi gabah kering giling".into(),
                unit: "ton".into(),
            }],
            ..NewResource::default()
        }],
        ..NewDataset::default()
    };
    let mut tx = app.state.db.begin().await.unwrap();
    catalog::create_verified(&mut tx, &new, uuid::Uuid::nil(), at)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    catalog::published(&app.state.db, "produksi-padi-kecamatan")
        .await
        .unwrap()
        .unwrap()
        .version
        .resources[0]
        .id
}

#[tokio::test]
async fn datastore_search_queries_a_loaded_table() {
    let app = TestApp::start().await;
    let rid = tabular_dataset(&app).await;
    let base = format!("/api/3/action/datastore_search?resource_id={rid}");

    let (status, body) = get(&app, &base).await;
    assert_eq!(status, 200, "{body}");
    let r = &body["result"];
    assert_eq!(r["total"], 5);
    assert_eq!(r["records_format"], "objects");
    assert_eq!(
        r["fields"],
        json!([
            {"id": "_id", "type": "int"},
            {"id": "kecamatan", "type": "text"},
            {"id": "tahun", "type": "int"},
            {"id": "luas_panen", "type": "numeric"},
            {"id": "produksi", "type": "int", "info": {"label": "produksi", "notes": "Produksi gabah kering giling", "unit": "ton"}},
            {"id": "irigasi", "type": "bool"},
            {"id": "diukur", "type": "date"},
        ])
    );
    assert_eq!(r["records"][0]["kecamatan"], "Ngraho");
    assert_eq!(r["records"][0]["produksi"], 6100);
    assert_eq!(r["records"][0]["irigasi"], true);
    assert_eq!(r["records"][3]["diukur"], Value::Null);
    assert!(r["_links"]["next"].as_str().unwrap().contains("offset=100"));

    // filters (value or list), q, fields, sort, limit/offset, formats.
    let filters = urlencode(r#"{"kecamatan": ["Ngraho", "Kasiman"], "tahun": 2025}"#);
    let (_, body) = get(
        &app,
        &format!("{base}&filters={filters}&fields=kecamatan,produksi&sort=produksi%20desc"),
    )
    .await;
    let r = &body["result"];
    assert_eq!(r["total"], 2);
    assert_eq!(
        r["records"],
        json!([{"kecamatan": "Ngraho", "produksi": 6400}, {"kecamatan": "Kasiman", "produksi": 4100}])
    );
    let (_, body) = get(
        &app,
        &format!("{base}&q=kota&records_format=lists&fields=kecamatan"),
    )
    .await;
    assert_eq!(body["result"]["records"], json!([["Kota, Bojonegoro"]]));
    let (_, body) = get(
        &app,
        &format!("{base}&records_format=csv&fields=kecamatan,tahun&sort=_id&limit=2&offset=3&include_total=false"),
    )
    .await;
    let r = &body["result"];
    assert_eq!(r["records"], "Kasiman,2025\n\"Kota, Bojonegoro\",2025\n");
    assert!(r.get("total").is_none());
    let (status, body) = post(
        &app,
        "datastore_search",
        json!({"resource_id": rid, "filters": {"irigasi": false}, "records_format": "tsv", "fields": ["kecamatan", "tahun"], "sort": "tahun asc"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["records"], "Kasiman\t2024\nKasiman\t2025\n");

    // Errors: unknown field, a value of the wrong type, SQL-looking text, unknown resource.
    for (query, kind, status) in [
        (
            format!("{base}&filters={}", urlencode(r#"{"tidak_ada": 1}"#)),
            "Validation Error",
            409,
        ),
        (
            format!("{base}&filters={}", urlencode(r#"{"tahun": "dua ribu"}"#)),
            "Validation Error",
            409,
        ),
        (
            format!("{base}&filters={}", urlencode(r#"{"tahun": {"$gt": 1}}"#)),
            "Validation Error",
            409,
        ),
        (format!("{base}&filters=not-json"), "Validation Error", 409),
        (
            format!("{base}&sort=tahun%3B%20DROP%20TABLE%20x"),
            "Validation Error",
            409,
        ),
        (
            format!("{base}&fields=produksi,rahasia"),
            "Validation Error",
            409,
        ),
        (
            format!("{base}&records_format=xml"),
            "Validation Error",
            409,
        ),
        (format!("{base}&limit=999999"), "Validation Error", 409),
        (
            "/api/3/action/datastore_search".to_string(),
            "Validation Error",
            409,
        ),
        (
            format!(
                "/api/3/action/datastore_search?resource_id={}",
                uuid::Uuid::nil()
            ),
            "Not Found Error",
            404,
        ),
    ] {
        let (s, body) = get(&app, &query).await;
        assert_eq!(
            (s, body["error"]["__type"].as_str().unwrap()),
            (status, kind),
            "{query}: {body}"
        );
    }
    let injection = urlencode(r#"{"kecamatan": "x' OR '1'='1"}"#);
    let (status, body) = get(&app, &format!("{base}&filters={injection}")).await;
    assert_eq!(
        (status, &body["result"]["total"]),
        (200, &json!(0)),
        "a plain value: {body}"
    );

    // A resource without a table is not in the datastore.
    catalogue(&app).await;
    let (_, body) = get(&app, "/api/3/action/package_show?id=curah-hujan").await;
    let linked = body["result"]["resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _) = get(
        &app,
        &format!("/api/3/action/datastore_search?resource_id={linked}"),
    )
    .await;
    assert_eq!(status, 404);
    // The package dict says which resources are in the datastore.
    let (_, body) = get(
        &app,
        "/api/3/action/package_show?id=produksi-padi-kecamatan",
    )
    .await;
    assert_eq!(body["result"]["resources"][0]["datastore_active"], true);
}

fn urlencode(s: &str) -> String {
    platform::web::routes::urlencode(s)
}
