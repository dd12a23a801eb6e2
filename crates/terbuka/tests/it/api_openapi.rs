//! The OpenAPI document at `/api/v1/openapi.json`: it describes exactly the `/api/v1`
//! routes the application registers, it is a valid OpenAPI 3.1 document, and what the real
//! server answers validates against it.
//!
//! The validation is done by `api_openapi.py` with the Python packages
//! `openapi-spec-validator` and `jsonschema` (pinned in requirements-test.txt; `.ci/run`
//! puts their venv on PATH) rather than a heavy Rust dependency; without them the test skips
//! with a notice, or fails under `TERBUKA_FULL_TESTS=1`.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::support::{TestApp, client, tool_missing};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/api_openapi.py");

/// The merged document, as the binary builds it at start-up.
fn document() -> Value {
    platform::api::Document::build(&terbuka::modules())
        .unwrap()
        .json()
        .clone()
}

/// `(METHOD, path)` of every documented operation.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| METHODS.contains(&k.as_str()))
                .map(|m| (m.to_uppercase(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_merged_document_is_openapi_3_1() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "Terbuka API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["info"]["license"]["identifier"], "CC-BY-4.0");
    assert_eq!(doc["servers"][0]["url"], "/");
    let error = &doc["components"]["schemas"]["Error"];
    assert_eq!(error["required"], json!(["error", "message", "fields"]));
    for response in [
        "BadRequest",
        "Unauthenticated",
        "Forbidden",
        "NotFound",
        "PayloadTooLarge",
        "ValidationFailed",
        "TooManyRequests",
        "InternalError",
    ] {
        assert_eq!(
            doc["components"]["responses"][response]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error",
            "{response}"
        );
    }
    assert_eq!(
        doc["components"]["parameters"]["AcceptLanguage"]["name"],
        "Accept-Language"
    );
    // Every operation documents its answers; the platform's come from its fragment.
    assert!(documented(&doc).contains(&("GET".into(), "/api/v1/regions/{code}".into())));
}

#[test]
fn a_fragment_that_collides_stops_the_start_up() {
    let mine = r#"{"paths": {"/api/v1/budgets": {}}}"#;
    let theirs = r#"{"paths": {"/api/v1/budgets": {}, "/api/v1/contracts": {}}}"#;
    let err = platform::api::Document::from_fragments([
        ("platform", platform::api::PLATFORM),
        ("budget", mine),
        ("procurement", theirs),
    ])
    .unwrap_err()
    .to_string();
    assert!(err.contains("module procurement"), "{err}");
    assert!(err.contains("/api/v1/budgets"), "{err}");

    // A module redefining a platform path or schema fails the same way.
    let path = r#"{"paths": {"/api/v1/organisations": {}}}"#;
    let schema = r#"{"components": {"schemas": {"RegionSummary": {}}}}"#;
    for fragment in [path, schema] {
        let modules = [("platform", platform::api::PLATFORM), ("budget", fragment)];
        assert!(platform::api::Document::from_fragments(modules).is_err());
    }
    let err = platform::api::Document::from_fragments([("budget", "{paths")])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("module budget") && err.contains("not JSON"),
        "{err}"
    );
}

#[tokio::test]
async fn every_api_route_is_documented_and_nothing_else() {
    let app = TestApp::start().await;
    let response = client()
        .get(app.url(platform::api::PATH))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("cache-control"), "public, max-age=300");
    assert!(header("content-type").starts_with("application/json"));
    assert!(header("set-cookie").is_empty());
    let served: Value = response.json().await.unwrap();
    assert_eq!(served, document());

    let routes: BTreeSet<(String, String)> = terbuka::routes()
        .table()
        .into_iter()
        .filter(|r| in_document(r.path) && r.path != platform::api::PATH)
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert!(!routes.is_empty());
    let api: BTreeSet<(String, String)> = documented(&served)
        .into_iter()
        .filter(|(_, path)| in_document(path) && path != platform::api::PATH)
        .collect();
    let undocumented: Vec<_> = routes.difference(&api).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document (add them to the module's fragment): {undocumented:?}"
    );
    let phantom: Vec<_> = documented(&served)
        .into_iter()
        .filter(|op| op.1 != platform::api::PATH && !routes.contains(op))
        .collect();
    assert!(phantom.is_empty(), "documented but not served: {phantom:?}");
}

/// The routes the document describes: the JSON API under `/api/v1/`, and the data portal's
/// standard read APIs (CKAN, DCAT, Frictionless), which the issue asks to list too.
fn in_document(path: &str) -> bool {
    path.starts_with("/api/v1/")
        || [
            "/api/3/action/{action}",
            "/api/action/{action}",
            "/catalog.jsonld",
            "/catalog.ttl",
            "/dataset/{name}",
            "/data/{name}/datapackage.json",
        ]
        .contains(&path)
}

/// A Python interpreter that has both validators (the venv's on PATH first, then Debian's).
fn python_with_validators() -> Option<String> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(str::to_string)
        .find(|py| {
            Command::new(py)
                .args([
                    "-c",
                    "import openapi_spec_validator, jsonschema, referencing",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// Run the checker on `document` and `cases`: (success, stdout, stderr).
fn check(python: &str, document: &Value, cases: &[Value]) -> (bool, String, String) {
    let mut child = Command::new(python)
        .arg(SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = json!({ "document": document, "cases": cases });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn real_responses_match_the_documented_schemas() {
    const TEST: &str = "real_responses_match_the_documented_schemas";
    let Some(python) = python_with_validators() else {
        tool_missing(TEST, "python3 with openapi-spec-validator and jsonschema");
        return;
    };
    let app = TestApp::start().await;
    let (status, body) = app.get(platform::api::PATH).await;
    assert_eq!(status, 200);
    let document: Value = serde_json::from_str(&body).unwrap();
    // A public complaint (ADU-2026-000001) with a public timeline entry.
    crate::complaints::public::submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    // A published budget of 2026 with its realisation (and a draft nobody sees).
    crate::budget::api::import_small(&app).await;
    // Comments on the first demo article: one published with an official reply.
    crate::comments::demo_comments(&app).await;

    // (name, documented path, URL, Accept-Language, expected status)
    let requests = [
        (
            "ckan package_list",
            "/api/3/action/{action}",
            "/api/3/action/package_list",
            "id",
            200,
        ),
        (
            "ckan unknown dataset",
            "/api/3/action/{action}",
            "/api/3/action/package_show?id=tidak-ada",
            "en",
            404,
        ),
        (
            "ckan bad filter",
            "/api/3/action/{action}",
            "/api/3/action/package_search?fq=nama:x",
            "id",
            409,
        ),
        (
            "ckan unknown action",
            "/api/action/{action}",
            "/api/action/tidak_ada",
            "en",
            400,
        ),
        (
            "comments with a reply",
            "/api/v1/comments",
            "/api/v1/comments?item_type=news&item_id=konsultasi-publik-rencana-aksi-daerah",
            "id",
            200,
        ),
        (
            "no comments yet",
            "/api/v1/comments",
            "/api/v1/comments?item_type=news&item_id=portal-terbuka-diluncurkan",
            "en",
            200,
        ),
        (
            "comments on nothing",
            "/api/v1/comments",
            "/api/v1/comments?item_type=news&item_id=tidak-ada",
            "id",
            404,
        ),
        (
            "comments without an item",
            "/api/v1/comments",
            "/api/v1/comments?item_type=news",
            "en",
            400,
        ),
        (
            "regency",
            "/api/v1/regions/{code}",
            "/api/v1/regions/35.22",
            "id",
            200,
        ),
        (
            "district",
            "/api/v1/regions/{code}",
            "/api/v1/regions/35.22.15",
            "en",
            200,
        ),
        (
            "province",
            "/api/v1/regions/{code}",
            "/api/v1/regions/35",
            "id",
            200,
        ),
        (
            "village",
            "/api/v1/regions/{code}",
            "/api/v1/regions/35.22.15.1001",
            "id",
            200,
        ),
        (
            "malformed region",
            "/api/v1/regions/{code}",
            "/api/v1/regions/35.2x",
            "en",
            404,
        ),
        (
            "opd list",
            "/api/v1/organisations",
            "/api/v1/organisations?kind=opd",
            "id",
            200,
        ),
        (
            "all, default page",
            "/api/v1/organisations",
            "/api/v1/organisations",
            "id",
            200,
        ),
        (
            "villages named sum…, page 2",
            "/api/v1/organisations",
            "/api/v1/organisations?kind=village&q=%20sum&page=2&per_page=5",
            "en",
            200,
        ),
        (
            "unknown kind",
            "/api/v1/organisations",
            "/api/v1/organisations?kind=bogus",
            "en",
            400,
        ),
        (
            "page 0",
            "/api/v1/organisations",
            "/api/v1/organisations?page=0",
            "id",
            400,
        ),
        (
            "page not a number",
            "/api/v1/organisations",
            "/api/v1/organisations?page=x",
            "id",
            400,
        ),
        (
            "diskominfo",
            "/api/v1/organisations/{id}",
            "/api/v1/organisations/diskominfo",
            "id",
            200,
        ),
        (
            "diskominfo in English",
            "/api/v1/organisations/{id}",
            "/api/v1/organisations/diskominfo",
            "en",
            200,
        ),
        (
            "a kecamatan office",
            "/api/v1/organisations/{id}",
            "/api/v1/organisations/kec-35.22.15",
            "id",
            200,
        ),
        (
            "complaints",
            "/api/v1/complaints",
            "/api/v1/complaints?district=35.22.01&per_page=5",
            "en",
            200,
        ),
        (
            "complaints, bad filter",
            "/api/v1/complaints",
            "/api/v1/complaints?status=hilang",
            "en",
            400,
        ),
        (
            "a complaint",
            "/api/v1/complaints/{code}",
            "/api/v1/complaints/ADU-2026-000001",
            "id",
            200,
        ),
        (
            "unknown complaint",
            "/api/v1/complaints/{code}",
            "/api/v1/complaints/ADU-2026-999999",
            "en",
            404,
        ),
        (
            "unknown organisation",
            "/api/v1/organisations/{id}",
            "/api/v1/organisations/tidak-ada",
            "en",
            404,
        ),
        (
            "budget years",
            "/api/v1/budget/years",
            "/api/v1/budget/years",
            "id",
            200,
        ),
        (
            "budget year",
            "/api/v1/budget/{year}",
            "/api/v1/budget/2026",
            "en",
            200,
        ),
        (
            "unknown budget year",
            "/api/v1/budget/{year}",
            "/api/v1/budget/2019",
            "en",
            404,
        ),
        (
            "budget by programme",
            "/api/v1/budget/{year}/breakdown",
            "/api/v1/budget/2026/breakdown?by=function&level=program&parent=1.01",
            "id",
            200,
        ),
        (
            "budget by organisation",
            "/api/v1/budget/{year}/breakdown",
            "/api/v1/budget/2026/breakdown?by=organisation",
            "id",
            200,
        ),
        (
            "budget bad level",
            "/api/v1/budget/{year}/breakdown",
            "/api/v1/budget/2026/breakdown?level=rincian",
            "en",
            400,
        ),
        (
            "budget sub kegiatan",
            "/api/v1/budget/{year}/sub-kegiatan/{code}",
            "/api/v1/budget/2026/sub-kegiatan/1.01.01.2.02.0001",
            "id",
            200,
        ),
        (
            "budget bad sub kegiatan",
            "/api/v1/budget/{year}/sub-kegiatan/{code}",
            "/api/v1/budget/2026/sub-kegiatan/1.01",
            "en",
            400,
        ),
    ];
    let http = client();
    let mut cases = Vec::new();
    for (name, path, url, lang, expected) in requests {
        let response = http
            .get(app.url(url))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, expected, "{name}: GET {url}");
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(
            content_type.starts_with("application/json"),
            "{name}: {content_type}"
        );
        let body: Value = response.json().await.unwrap();
        cases.push(json!({
            "name": name, "path": path, "method": "get", "status": status, "body": body,
        }));
    }
    // Live data writes (POST append, PUT upsert) with a producer token: written, refused
    // records, no key to upsert on, no token.
    let (_, resource) = crate::data::pages::tabular_dataset(
        &app,
        "tinggi-air",
        "dpu-sda",
        "continuous",
        "waktu,pos,tinggi_m\n2026-11-27T08:00:00+07:00,Kanor,8.50\n",
    )
    .await;
    let token = crate::data::live::token(&app, "dpu-sda", "Sensor").await;
    let records = format!("/api/v1/data/resources/{resource}/records");
    let good = json!({"records": [{"waktu": "2026-11-27T09:00:00+07:00", "pos": "Kanor", "tinggi_m": 8.6}]});
    let bad = json!({"records": [{"waktu": "kemarin", "tinggi_m": "x"}]});
    for (name, method, bearer, body, expected) in [
        ("live append", reqwest::Method::POST, true, &good, 200),
        (
            "live append refused",
            reqwest::Method::POST,
            true,
            &bad,
            422,
        ),
        (
            "live upsert without a key",
            reqwest::Method::PUT,
            true,
            &good,
            409,
        ),
        (
            "live append without a token",
            reqwest::Method::POST,
            false,
            &good,
            401,
        ),
    ] {
        let mut request = http
            .request(method.clone(), app.url(&records))
            .header("accept-language", "en")
            .json(body);
        if bearer {
            request = request.bearer_auth(&token);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, expected, "{name}");
        let body: Value = response.json().await.unwrap();
        cases.push(json!({
            "name": name, "path": "/api/v1/data/resources/{resource_id}/records",
            "method": method.as_str().to_lowercase(), "status": status, "body": body,
        }));
    }
    // The fixtures are what they claim to be (a validation of empty lists proves little).
    let body = |name: &str| &cases.iter().find(|c| c["name"] == name).unwrap()["body"];
    assert!(!body("district")["children"].as_array().unwrap().is_empty());
    assert!(
        !body("regency")["organisations"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(body("village")["village_kind"], "kelurahan");
    assert!(!body("opd list")["items"].as_array().unwrap().is_empty());
    assert!(
        !body("villages named sum…, page 2")["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(body("a kecamatan office")["parent_id"].is_string());
    assert_eq!(body("unknown organisation")["error"], "not_found");
    assert_eq!(body("budget year")["absorption_permille"], 238);
    assert_eq!(
        body("budget by programme")["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        body("budget sub kegiatan")["lines"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let (ok, stdout, stderr) = check(&python, &document, &cases);
    assert!(
        ok,
        "the responses do not match the document:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok: ")).count(),
        cases.len() + 1,
        "{stdout}"
    );

    // The checker can fail: an answer with an extra field, a document that is not OpenAPI.
    let mut extra = cases[0].clone();
    extra["body"]["secret"] = json!("x");
    let (ok, _, stderr) = check(&python, &document, &[extra]);
    assert!(!ok && stderr.contains("secret"), "{stderr}");
    let mut broken = document.clone();
    broken["paths"]["/api/v1/organisations"]["get"]["responses"] = json!("none");
    let (ok, _, stderr) = check(&python, &broken, &[]);
    assert!(!ok && stderr.contains("not valid OpenAPI"), "{stderr}");
}
