//! Public pages and JSON of regions and organisations.

use crate::pages::get_in;
use crate::support::{TestApp, client};

/// No translation key may show through (a missing key renders as itself).
fn no_raw_keys(body: &str) {
    for prefix in [
        "region-level-",
        "region-districts",
        "region-villages",
        "org-kind-",
        "org-field-",
        "org-report-",
        "pager-",
    ] {
        assert!(!body.contains(prefix), "raw key {prefix}… in page");
    }
}

#[tokio::test]
async fn regency_page_lists_its_districts_and_organisations() {
    let app = TestApp::start().await;
    let (status, body) = get_in(&app, "id", "/wilayah/35.22").await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(body.contains("<h1>Kabupaten Bojonegoro</h1>"), "{body}");
    assert!(body.contains("28 kecamatan"));
    assert_eq!(body.matches("href=\"/wilayah/35.22.").count(), 28);
    assert!(
        body.contains("href=\"/wilayah/35\""),
        "breadcrumb to the province"
    );
    assert!(body.contains("href=\"/organisasi/diskominfo\""));
    assert!(body.contains("href=\"/organisasi/pemkab-3522\""));
    assert!(
        body.contains("aria-current=\"page\">Wilayah"),
        "menu marks regions"
    );

    let (_, body) = get_in(&app, "en", "/wilayah/35.22").await;
    no_raw_keys(&body);
    assert!(body.contains("28 districts"), "{body}");
    assert!(body.contains("Regional agencies (OPD)"));
}

#[tokio::test]
async fn district_and_village_pages_link_up_and_down() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/wilayah/35.22.01").await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(body.contains("<h1>Ngraho</h1>"));
    assert!(body.contains("desa dan kelurahan"));
    assert!(body.contains("href=\"/wilayah/35.22.01.2001\""));
    assert!(body.contains(">Desa</small>"));
    assert!(body.contains("href=\"/organisasi/kec-35.22.01\""));
    assert!(
        body.contains("href=\"/wilayah/35.22\""),
        "breadcrumb to the regency"
    );

    let village = platform::regions::children(&app.state.db, "35.22.01")
        .await
        .unwrap()
        .remove(0);
    let (status, body) = app.get(&format!("/wilayah/{}", village.code)).await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(
        body.contains("href=\"/wilayah/35.22.01\"") && body.contains("href=\"/wilayah/35.22\"")
    );
    assert!(body.contains(&format!("href=\"/organisasi/desa-{}\"", village.code)));

    // A kelurahan is labelled as one.
    let kelurahan = sqlx_kelurahan(&app).await;
    let (_, body) = get_in(&app, "en", &format!("/wilayah/{kelurahan}")).await;
    assert!(body.contains("Urban village (kelurahan)"), "{body}");
}

async fn sqlx_kelurahan(app: &TestApp) -> String {
    platform::on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT code FROM regions WHERE village_kind = 'kelurahan' ORDER BY code LIMIT 1").fetch_one(pool).await).unwrap()
}

#[tokio::test]
async fn unknown_or_malformed_region_codes_are_404() {
    let app = TestApp::start().await;
    for path in [
        "/wilayah/35.22.99",
        "/wilayah/35.22.xx",
        "/wilayah/abc",
        "/wilayah/35.22.01.2001.5",
        "/wilayah/35.22.01.20011",
        "/wilayah/35'--",
    ] {
        assert_eq!(app.get(path).await.0, 404, "{path}");
    }
    let response = client()
        .get(app.url("/api/v1/regions/35.22.xx"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
}

#[tokio::test]
async fn organisation_list_groups_filters_and_pages() {
    let app = TestApp::start().await;
    let (status, body) = app.get("/organisasi").await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(body.contains("495 organisasi"));
    assert!(body.contains("Perangkat Daerah (OPD)") && body.contains("Kantor Kecamatan"));
    assert!(
        body.contains("href=\"/organisasi/diskominfo\"")
            && body.contains("href=\"/organisasi/kec-35.22.01\"")
    );
    assert!(
        crate::pages::unescape(&body).contains("/organisasi?jenis=village&halaman=2"),
        "link to more villages"
    );
    assert!(body.len() < 60 * 1024, "{}", body.len());

    let (_, body) = app.get("/organisasi?jenis=opd").await;
    assert!(body.contains("href=\"/organisasi/diskominfo\""));
    assert!(
        !body.contains("href=\"/organisasi/kec-35.22.01\"") && !body.contains("/organisasi/desa-")
    );

    let (_, body) = app.get("/organisasi?q=ngraho").await;
    assert!(body.contains("href=\"/organisasi/kec-35.22.01\""));
    assert!(!body.contains("href=\"/organisasi/diskominfo\""));
    let (_, body) = app.get("/organisasi?q=%25").await;
    assert!(
        body.contains("Tidak ada organisasi yang cocok"),
        "% is literal"
    );

    let (status, page2) = app.get("/organisasi?jenis=village&halaman=2").await;
    assert_eq!(status, 200);
    assert_eq!(
        page2.matches("href=\"/organisasi/desa-").count()
            + page2.matches("href=\"/organisasi/kel-").count(),
        50
    );
    assert!(page2.contains("Halaman 2 dari 9"));
    assert_eq!(app.get("/organisasi?jenis=village&halaman=10").await.0, 404);
}

#[tokio::test]
async fn organisation_page_shows_profile_contact_family_and_report_card() {
    let app = TestApp::start().await;
    let (status, body) = get_in(&app, "id", "/organisasi/diskominfo").await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(
        body.len() < 60 * 1024,
        "organisation page is {} bytes",
        body.len()
    );
    assert!(body.contains("<h1>Dinas Komunikasi dan Informatika</h1>"));
    assert!(body.contains("href=\"/organisasi/pemkab-3522\""), "parent");
    assert!(body.contains("href=\"/organisasi/ppid-utama\""), "child");
    assert!(body.contains("href=\"/wilayah/35.22\""), "region");
    assert!(
        body.contains("mailto:diskominfo@bojonegorokab.go.id") && body.contains("(0353) 881826")
    );
    assert!(body.contains("id=\"rapor\""), "report card section");

    let (status, body) = get_in(&app, "en", "/organisasi/pemkab-3522").await;
    assert_eq!(status, 200);
    no_raw_keys(&body);
    assert!(body.len() < 60 * 1024);
    assert!(body.contains("Openness report card"));
    let children = platform::regions::organisation_children(&app.state.db, "pemkab-3522")
        .await
        .unwrap()
        .len();
    assert!(children > 28, "the OPDs and the 28 district offices");
    assert!(body.contains(&format!("{children} organisations below it")));

    let (status, body) = app.get("/organisasi/kec-35.22.01").await;
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/organisasi/desa-35.22.01.2001\""));

    for path in [
        "/organisasi/tidak-ada",
        "/organisasi/BAD%20ID",
        "/organisasi/a'b",
    ] {
        assert_eq!(app.get(path).await.0, 404, "{path}");
    }
}

#[tokio::test]
async fn json_api_for_regions_and_organisations() {
    let app = TestApp::start().await;
    let get = |path: &'static str| {
        let url = app.url(path);
        async move {
            let response = client().get(url).send().await.unwrap();
            (
                response.status().as_u16(),
                response.json::<serde_json::Value>().await.unwrap(),
            )
        }
    };
    let (status, region) = get("/api/v1/regions/35.22.01").await;
    assert_eq!(status, 200);
    assert_eq!(region["code"], "35.22.01");
    assert_eq!(region["name"], "Ngraho");
    assert_eq!(region["level"], "district");
    assert_eq!(region["parent_code"], "35.22");
    assert_eq!(region["ancestors"][1]["code"], "35.22");
    assert!(
        region["children"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["level"] == "village")
    );
    assert_eq!(region["organisations"][0]["id"], "kec-35.22.01");

    let (status, list) = get("/api/v1/organisations?kind=opd").await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 36);
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == "diskominfo")
    );
    let (_, list) = get("/api/v1/organisations?kind=village&page=2&per_page=100").await;
    assert_eq!(list["total"], 430);
    assert_eq!(list["items"].as_array().unwrap().len(), 100);
    let (status, error) = get("/api/v1/organisations?kind=bogus").await;
    assert_eq!(status, 400);
    assert_eq!(error["error"], "bad_request");
    assert_eq!(get("/api/v1/organisations?per_page=100000").await.0, 400);

    let (status, org) = get("/api/v1/organisations/diskominfo").await;
    assert_eq!(status, 200);
    assert_eq!(org["kind"], "opd");
    assert_eq!(org["contact"]["email"], "diskominfo@bojonegorokab.go.id");
    assert_eq!(org["region"]["code"], "35.22");
    assert!(org["report_card"].is_array());
    assert_eq!(get("/api/v1/organisations/tidak-ada").await.0, 404);
}
