//! Open311 GeoReport v2 at `/open311/v2/`: discovery, services and their definitions,
//! public requests (JSON and XML, the spec's filters and window), POST with a registered
//! client's key, tokens, the admin page for clients — and, driven by `open311.py`, a real
//! GeoReport client from PyPI (`georeport`) against the server the test started.

use std::process::{Command, Stdio};

use chrono::Duration;
use platform::authz::{Actor, Role};
use platform::clock::Clock;
use platform::on_db;
use serde_json::{Value, json};

use super::public::submitted;
use crate::support::{TestApp, Visitor, client, tool_missing};

const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/it/complaints/open311.py"
);
const NIK: &str = "3522015807900001";
const HOME: &str = "Jl. Mawar Gang Buntu No. 17";

/// A parsed XML element.
#[derive(Debug, Default)]
struct El {
    name: String,
    text: String,
    children: Vec<El>,
}

impl El {
    fn child(&self, name: &str) -> &El {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>: {self:?}", self.name))
    }

    fn all(&self, name: &str) -> Vec<&El> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn text_of(&self, name: &str) -> &str {
        &self.child(name).text
    }
}

/// Parse a whole document into its root element (quick-xml checks it is well-formed).
fn xml(doc: &str) -> El {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![El::default()];
    let name = |raw: &[u8]| String::from_utf8(raw.to_vec()).unwrap();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(El {
                name: name(e.name().as_ref()),
                ..El::default()
            }),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(El {
                name: name(e.name().as_ref()),
                ..El::default()
            }),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.decode().unwrap())
                        .expect("a predefined entity")
                        .to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().unwrap()
}

/// GET with headers; (status, content type, body).
async fn get(app: &TestApp, path: &str, language: &str) -> (u16, String, String) {
    let response = client()
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, content_type, response.text().await.unwrap())
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let (status, content_type, body) = get(app, path, "id").await;
    assert_eq!(status, 200, "{path}: {body}");
    assert_eq!(content_type, "application/json", "{path}");
    serde_json::from_str(&body).unwrap()
}

async fn get_xml(app: &TestApp, path: &str) -> El {
    let (status, content_type, body) = get(app, path, "id").await;
    assert_eq!(status, 200, "{path}: {body}");
    assert_eq!(content_type, "text/xml; charset=utf-8", "{path}");
    assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    xml(&body)
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

/// Give every reporter a NIK and a home address (personal data no answer may contain).
async fn add_personal_data(app: &TestApp) {
    on_db!(&app.state.db, pool => sqlx::query("UPDATE complaint_reporters SET nik = $1, address = $2")
        .bind(NIK).bind(HOME).execute(pool).await.map(|_| ()))
    .unwrap();
}

const PERSONAL: [&str; 5] = [
    "Siti Aminah",
    "siti.aminah@example.id",
    "3000-4000",
    NIK,
    HOME,
];

fn assert_no_personal_data(body: &str) {
    for personal in PERSONAL
        .iter()
        .chain(&["Rahasia sekali", "Budi", "budi@example.id"])
    {
        assert!(!body.contains(personal), "{personal} leaked: {body}");
    }
}

#[tokio::test]
async fn discovery_services_and_definitions_answer_in_json_and_xml() {
    let app = TestApp::start().await;
    let d = get_json(&app, "/open311/v2/discovery.json").await;
    let endpoint = &d["endpoints"][0];
    assert_eq!(
        endpoint["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert_eq!(
        endpoint["url"],
        format!(
            "{}/open311/v2",
            app.state.config.public_url.trim_end_matches('/')
        )
    );
    assert_eq!(endpoint["formats"], json!(["text/xml", "application/json"]));
    assert_eq!(endpoint["type"], "production");
    assert!(d["key_service"].as_str().unwrap().contains("admin"));
    let dx = get_xml(&app, "/open311/v2/discovery.xml").await;
    assert_eq!(dx.name, "discovery");
    let ex = dx.child("endpoints").child("endpoint");
    assert_eq!(
        ex.text_of("specification"),
        "http://wiki.open311.org/GeoReport_v2"
    );
    let formats: Vec<&str> = ex
        .child("formats")
        .all("format")
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(formats, ["text/xml", "application/json"]);

    // Services: active categories, named in the request's language.
    let s = get_json(&app, "/open311/v2/services.json").await;
    let services = s.as_array().unwrap();
    let roads = services
        .iter()
        .find(|s| s["service_code"] == "jalan-jembatan")
        .expect("the roads category is a service");
    assert_eq!(roads["service_name"], "Jalan dan Jembatan");
    assert_eq!(roads["metadata"], true);
    assert_eq!(roads["type"], "realtime");
    assert_eq!(roads["group"], "Pengaduan & Aspirasi");
    let (_, _, en) = get(&app, "/open311/v2/services.json", "en-GB,en;q=0.9").await;
    let en: Value = serde_json::from_str(&en).unwrap();
    assert!(
        en.as_array()
            .unwrap()
            .iter()
            .any(|s| s["service_name"] == "Roads and bridges")
    );
    let by_locale = get_json(&app, "/open311/v2/services.json?locale=en_US").await;
    assert!(
        by_locale
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["service_name"] == "Roads and bridges")
    );
    let sx = get_xml(&app, "/open311/v2/services.xml").await;
    assert_eq!(sx.name, "services");
    assert_eq!(sx.all("service").len(), services.len());
    let first = sx.all("service")[0];
    assert_eq!(first.text_of("service_code"), services[0]["service_code"]);
    assert_eq!(first.text_of("metadata"), "true");

    // An inactive category is no longer offered.
    on_db!(&app.state.db, pool => sqlx::query("UPDATE complaint_categories SET active = FALSE WHERE id = 'pertanian'")
        .execute(pool).await.map(|_| ()))
    .unwrap();
    let s = get_json(&app, "/open311/v2/services.json").await;
    assert_eq!(s.as_array().unwrap().len(), services.len() - 1);
    assert!(!s.to_string().contains("\"pertanian\""));

    // The definition: kind, title, region (required), privacy.
    let def = get_json(&app, "/open311/v2/services/jalan-jembatan.json").await;
    assert_eq!(def["service_code"], "jalan-jembatan");
    let codes: Vec<&str> = def["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["kind", "title", "region", "privacy"]);
    let kind = &def["attributes"][0];
    assert_eq!(kind["datatype"], "singlevaluelist");
    assert_eq!(kind["variable"], true);
    let keys: Vec<&str> = kind["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["pengaduan", "aspirasi", "permintaan_informasi"]);
    assert_eq!(def["attributes"][2]["required"], true);
    assert_eq!(def["attributes"][2]["datatype"], "string");
    assert_eq!(def["attributes"][3]["values"][1]["key"], "anonymous");
    assert_eq!(def["attributes"][3]["values"][1]["name"], "Anonim");
    let defx = get_xml(&app, "/open311/v2/services/jalan-jembatan.xml").await;
    assert_eq!(defx.name, "service_definition");
    let privacy = defx.child("attributes").all("attribute")[3];
    assert_eq!(privacy.text_of("code"), "privacy");
    let values: Vec<&str> = privacy
        .child("values")
        .all("value")
        .iter()
        .map(|v| v.text_of("key"))
        .collect();
    assert_eq!(values, ["public", "anonymous", "confidential"]);

    // Unknown, inactive, or an unknown format: 404 in the spec's error shape.
    for path in [
        "/open311/v2/services/tidak-ada.json",
        "/open311/v2/services/pertanian.json",
        "/open311/v2/services/jalan-jembatan.html",
    ] {
        let (status, content_type, body) = get(&app, path, "en").await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(content_type, "application/json");
        let e: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(e[0]["code"], 404, "{path}: {body}");
        assert!(!e[0]["description"].as_str().unwrap().is_empty());
    }
    let (status, content_type, body) = get(&app, "/open311/v2/services/tidak-ada.xml", "en").await;
    assert_eq!(status, 404);
    assert!(content_type.contains("xml"), "{content_type}");
    let e = xml(&body);
    assert_eq!(e.name, "errors");
    assert_eq!(e.child("error").text_of("code"), "404");
    assert_eq!(
        e.child("error").text_of("description"),
        "Unknown or inactive service (service_code)."
    );
}

#[tokio::test]
async fn requests_show_public_and_anonymous_cases_never_confidential_nor_the_reporter() {
    let app = TestApp::start().await;
    let open = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let anon = submitted(&app, "anonymous", "Pungutan liar di kantor desa").await;
    let secret = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    let routed = super::staff::routed_case(&app, "dpu-bina-marga").await;
    add_personal_data(&app).await;

    let list = get_json(&app, "/open311/v2/requests.json").await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap())
        .collect();
    // Newest first; the confidential one is not there.
    assert_eq!(
        ids,
        [routed.as_str(), &anon.tracking_code, &open.tracking_code]
    );
    let r = &list[2];
    assert_eq!(r["status"], "open");
    assert_eq!(r["service_code"], "jalan-jembatan");
    assert_eq!(r["service_name"], "Jalan dan Jembatan");
    assert_eq!(r["service_notice"], "Dikirim");
    assert_eq!(r["requested_datetime"], "2026-11-27T10:00:00+07:00");
    assert_eq!(r["updated_datetime"], "2026-11-27T10:00:00+07:00");
    assert!(
        r["expected_datetime"]
            .as_str()
            .unwrap()
            .ends_with("T23:59:59+07:00")
    );
    assert_eq!(r["address_id"], "35.22.01.2001");
    let address = r["address"].as_str().unwrap();
    assert!(
        address.starts_with("Jl. Raya Luwihaji dekat balai desa, "),
        "{address}"
    );
    assert_eq!(r["lat"], -7.3512);
    assert_eq!(r["long"], 111.634);
    assert_eq!(r["agency_responsible"], Value::Null);
    assert_eq!(r["status_notes"], Value::Null);
    assert!(r.get("media_url").is_none(), "no photo, no media_url");
    assert!(r["description"].as_str().unwrap().contains("berlubang"));
    // The routed one: the organisation and its latest public note.
    let routed_json = &list[0];
    assert!(
        routed_json["agency_responsible"]
            .as_str()
            .unwrap()
            .contains("Bina Marga"),
        "{routed_json}"
    );
    assert_eq!(routed_json["status_notes"], "Diteruskan ke dinas terkait.");
    assert_eq!(routed_json["service_notice"], "Diteruskan");

    // XML carries the same.
    let listx = get_xml(&app, "/open311/v2/requests.xml").await;
    assert_eq!(listx.name, "service_requests");
    let requests = listx.all("request");
    assert_eq!(requests.len(), 3);
    assert_eq!(
        requests[2].text_of("service_request_id"),
        open.tracking_code
    );
    assert_eq!(requests[2].text_of("lat"), "-7.3512");
    assert_eq!(requests[2].text_of("status_notes"), "");
    assert_eq!(
        requests[0].text_of("status_notes"),
        "Diteruskan ke dinas terkait."
    );

    // One request: a list of one; the confidential one and unknown ones are 404.
    let one = get_json(
        &app,
        &format!("/open311/v2/requests/{}.json", anon.tracking_code),
    )
    .await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["service_request_id"], anon.tracking_code.as_str());
    let onex = get_xml(
        &app,
        &format!("/open311/v2/requests/{}.xml", open.tracking_code),
    )
    .await;
    assert_eq!(
        onex.child("request").text_of("service_request_id"),
        open.tracking_code
    );
    let token = get_json(
        &app,
        &format!("/open311/v2/tokens/{}.json", open.tracking_code),
    )
    .await;
    assert_eq!(
        token,
        json!([{"service_request_id": open.tracking_code, "token": open.tracking_code}])
    );
    for path in [
        format!("/open311/v2/requests/{}.json", secret.tracking_code),
        format!("/open311/v2/requests/{}.xml", secret.tracking_code),
        format!("/open311/v2/tokens/{}.json", secret.tracking_code),
        "/open311/v2/requests/ADU-2026-999999.json".to_string(),
        "/open311/v2/tokens/ADU-2026-999999.xml".to_string(),
    ] {
        let (status, _, body) = get(&app, &path, "id").await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("404"), "{body}");
    }
    let by_ids = get_json(
        &app,
        &format!(
            "/open311/v2/requests.json?service_request_id={},{}",
            secret.tracking_code, open.tracking_code
        ),
    )
    .await;
    assert_eq!(by_ids.as_array().unwrap().len(), 1);

    // Nothing about any reporter, in any answer or format.
    let mut bodies = Vec::new();
    for path in [
        "/open311/v2/requests.json".to_string(),
        "/open311/v2/requests.xml".to_string(),
        format!("/open311/v2/requests/{}.json", open.tracking_code),
        format!("/open311/v2/requests/{}.xml", anon.tracking_code),
        format!("/open311/v2/requests/{routed}.xml"),
        format!("/open311/v2/tokens/{}.xml", anon.tracking_code),
        format!(
            "/open311/v2/requests.json?service_request_id={},{},{}",
            open.tracking_code, anon.tracking_code, secret.tracking_code
        ),
    ] {
        let (status, _, body) = get(&app, &path, "id").await;
        assert_eq!(status, 200, "{path}");
        bodies.push(body);
    }
    for body in &bodies {
        assert_no_personal_data(body);
        assert!(!body.contains(&secret.tracking_code), "confidential listed");
    }
}

/// Submit as a guest at `days_ago` days before the test's start time.
async fn submitted_at(app: &TestApp, days_ago: i64, category: &str, title: &str) -> String {
    let now = app.clock.now();
    app.clock.set(now - Duration::days(days_ago));
    let input = complaints::submission::Submission {
        category: category.into(),
        title: title.into(),
        ..super::submission::valid()
    };
    let done = complaints::submission::submit(&app.state, &Actor::public(), input, Vec::new())
        .await
        .unwrap();
    app.clock.set(now);
    done.tracking_code
}

async fn ids(app: &TestApp, query: &str) -> Vec<String> {
    let v = get_json(app, &format!("/open311/v2/requests.json{query}")).await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap().to_string())
        .collect()
}

async fn problem(app: &TestApp, query: &str) -> (u16, Value) {
    let (status, _, body) = get(app, &format!("/open311/v2/requests.json{query}"), "en").await;
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn requests_filter_by_ids_service_status_and_a_window_of_90_days() {
    let app = TestApp::start().await;
    let old = submitted_at(&app, 120, "jalan-jembatan", "Jembatan lama retak").await;
    let roads = submitted_at(&app, 10, "jalan-jembatan", "Jalan berlubang di desa").await;
    let waste = submitted_at(&app, 5, "lingkungan", "Sampah menumpuk di pasar").await;
    let done = submitted_at(&app, 2, "lingkungan", "Saluran air tersumbat").await;
    on_db!(&app.state.db, pool => sqlx::query("UPDATE cases SET state = 'archived' WHERE tracking_code = $1")
        .bind(&done).execute(pool).await.map(|_| ()))
    .unwrap();

    // Default: the last 90 days, newest first.
    assert_eq!(
        ids(&app, "").await,
        [done.as_str(), waste.as_str(), roads.as_str()]
    );
    assert_eq!(
        ids(&app, "?status=open").await,
        [waste.as_str(), roads.as_str()]
    );
    assert_eq!(ids(&app, "?status=closed").await, [done.as_str()]);
    assert_eq!(
        ids(&app, "?status=open,closed").await,
        [done.as_str(), waste.as_str(), roads.as_str()]
    );
    assert_eq!(
        ids(&app, "?service_code=jalan-jembatan").await,
        [roads.as_str()]
    );
    assert_eq!(
        ids(&app, "?service_code=jalan-jembatan,lingkungan&status=open").await,
        [waste.as_str(), roads.as_str()]
    );
    // Dates: a window in the past, one date alone, and a bare date.
    assert_eq!(
        ids(
            &app,
            "?start_date=2026-07-01T00:00:00Z&end_date=2026-08-15T00:00:00%2B07:00"
        )
        .await,
        [old.as_str()]
    );
    assert_eq!(ids(&app, "?end_date=2026-09-01").await, [old.as_str()]);
    assert_eq!(
        ids(&app, "?start_date=2026-11-20").await,
        [done.as_str(), waste.as_str()]
    );
    // Ids override every other filter (the old one is outside the window).
    assert_eq!(
        ids(
            &app,
            &format!("?service_request_id={old},{roads}&status=closed")
        )
        .await,
        [roads.as_str(), old.as_str()]
    );
    // Pages (an extension): page_size and page.
    assert_eq!(ids(&app, "?page_size=1").await, [done.as_str()]);
    assert_eq!(ids(&app, "?page_size=2&page=2").await, [roads.as_str()]);

    // Refusals in the spec's shape, translated.
    for (query, words) in [
        ("?status=pending", "status must be open, closed"),
        ("?start_date=kemarin", "W3C format"),
        (
            "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
            "at most 90 days",
        ),
        (
            "?start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z",
            "before end_date",
        ),
        ("?page_size=1001", "page_size"),
        ("?page=0", "page must"),
        ("?service_code=jalan%27%3B", "service_code"),
    ] {
        let (status, body) = problem(&app, query).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body[0]["code"], 400, "{query}");
        let description = body[0]["description"].as_str().unwrap();
        assert!(description.contains(words), "{query}: {description}");
    }
    let (status, _, body) = get(&app, "/open311/v2/requests.xml?status=x", "id").await;
    assert_eq!(status, 400);
    let e = xml(&body);
    assert_eq!(e.child("error").text_of("code"), "400");
    assert!(
        e.child("error")
            .text_of("description")
            .starts_with("status harus")
    );
}

/// Issue a key on the admin page as `admin`; returns the key shown once.
async fn issue_key(admin: &Visitor, name: &str) -> String {
    let (status, _, html) = admin
        .post_form(
            "/admin/open311",
            &[
                ("name", name),
                ("contact_email", "tim@lapordesa.example.id"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    html.split("<code class=\"secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the key is shown once")
        .to_string()
}

fn report(key: &str) -> Vec<(&'static str, String)> {
    vec![
        ("api_key", key.to_string()),
        ("service_code", "jalan-jembatan".into()),
        (
            "description",
            "Jalan poros desa berlubang besar\nsejak musim hujan dan membahayakan pengendara."
                .into(),
        ),
        ("lat", "-7.3512".into()),
        ("long", "111.6340".into()),
        ("address_string", "Depan balai desa Luwihaji".into()),
        ("attribute[region]", "35.22.01.2001".into()),
        ("attribute[kind]", "aspirasi".into()),
        ("attribute[privacy]", "anonymous".into()),
        ("email", "budi@example.id".into()),
        ("first_name", "Budi".into()),
        ("last_name", "Santoso".into()),
        ("phone", "081234567890".into()),
        ("device_id", "perangkat-1".into()),
        ("account_id", "akun-7".into()),
        ("jurisdiction_id", "bojonegorokab.go.id".into()),
    ]
}

async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&str, String)],
    language: &str,
) -> (u16, String, String) {
    let response = client()
        .post(app.url(path))
        .header("accept-language", language)
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, content_type, response.text().await.unwrap())
}

#[tokio::test]
async fn a_client_with_a_key_submits_and_everyone_else_gets_the_spec_errors() {
    let app = TestApp::start().await;
    let admin = app
        .signed_in(
            app.user("admin@contoh.id", &[(Role::Admin, "diskominfo")])
                .await,
        )
        .await;
    let officer = app
        .signed_in(
            app.user("petugas@contoh.id", &[(Role::Officer, "diskominfo")])
                .await,
        )
        .await;

    // Only admins see the page and issue keys.
    let (status, _, _) = officer.get("/admin/open311").await;
    assert_eq!(status, 403);
    let (status, _, _) = officer
        .post_form("/admin/open311", &[("name", "Aplikasi gelap")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM open311_clients").await, 0);
    let (_, _, index) = admin.get("/admin").await;
    assert!(
        index.contains("href=\"/admin/open311\""),
        "admin index links the page"
    );
    let (status, _, html) = admin.post_form("/admin/open311", &[("name", "x")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("2–100"), "the name error is shown");

    let key = issue_key(&admin, "Aplikasi Lapor Desa").await;
    assert!(key.len() >= 40, "{key}");
    let (_, _, list) = admin.get("/admin/open311").await;
    assert!(list.contains("Aplikasi Lapor Desa"));
    assert!(!list.contains(&key), "the key is shown only once");
    let stored: String =
        on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT key_hash FROM open311_clients")
        .fetch_one(pool).await)
        .unwrap();
    assert_eq!(stored, platform::cases::hash_secret(&key));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'open311_client.issue'"
        )
        .await,
        1
    );
    let audit: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT after_json FROM audit_log WHERE action = 'open311_client.issue'").fetch_one(pool).await)
    .unwrap();
    assert!(!audit.contains(&key) && !audit.contains(&stored), "{audit}");

    // Refusals, each in the spec's shape, nothing written.
    let cases_before = count(&app, "SELECT COUNT(*) FROM cases").await;
    let without_key: Vec<(&str, String)> = report("")
        .into_iter()
        .filter(|(k, _)| *k != "api_key")
        .collect();
    let (status, content_type, body) =
        post(&app, "/open311/v2/requests.json", &without_key, "en").await;
    assert_eq!(status, 403);
    assert_eq!(content_type, "application/json");
    let e: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        e,
        json!([{"code": 403, "description": "The api_key is missing, unknown or revoked."}])
    );
    let (status, _, body) = post(&app, "/open311/v2/requests.xml", &report("salah"), "id").await;
    assert_eq!(status, 403);
    let e = xml(&body);
    assert_eq!(e.child("error").text_of("code"), "403");
    assert!(
        e.child("error")
            .text_of("description")
            .starts_with("api_key tidak ada")
    );
    let mut unknown = report(&key);
    unknown[1].1 = "tidak-ada".into();
    let mut far = report(&key);
    far[3].1 = "95".into();
    let mut no_region = report(&key);
    no_region[6].1 = String::new();
    for (form, field) in [
        (unknown, "service_code: "),
        (far, "lat: "),
        (no_region, "attribute[region]: "),
    ] {
        let (status, _, body) = post(&app, "/open311/v2/requests.json", &form, "en").await;
        assert_eq!(status, 400, "{body}");
        let e: Value = serde_json::from_str(&body).unwrap();
        assert!(
            e.as_array()
                .unwrap()
                .iter()
                .any(|x| x["code"] == 400 && x["description"].as_str().unwrap().starts_with(field)),
            "{field}: {body}"
        );
    }
    let response = client()
        .post(app.url("/open311/v2/requests.json"))
        .json(&json!({"api_key": key, "service_code": "jalan-jembatan"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let e: Value = response.json().await.unwrap();
    assert_eq!(e[0]["code"], 400);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        cases_before
    );

    // With the key: a case like the form's, anonymous as asked, answered per spec.
    let (status, content_type, body) =
        post(&app, "/open311/v2/requests.json", &report(&key), "id").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "application/json");
    let answer: Value = serde_json::from_str(&body).unwrap();
    let code = answer[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(code.starts_with("ADU-2026-"), "{code}");
    assert_eq!(answer[0]["account_id"], Value::Null);
    assert!(
        answer[0]["service_notice"]
            .as_str()
            .unwrap()
            .contains("3 hari kerja")
    );
    let link = answer[0]["follow_up_url"].as_str().unwrap();
    let secret = link.split("kunci=").nth(1).unwrap();
    assert!(
        platform::cases::verify_guest_secret(&app.state.db, &code, secret)
            .await
            .unwrap()
            .is_some()
    );
    let case = platform::cases::by_tracking_code(&app.state.db, &code)
        .await
        .unwrap()
        .unwrap();
    let form_case = platform::cases::by_tracking_code(
        &app.state.db,
        &submitted(&app, "public", "Lewat formulir biasa")
            .await
            .tracking_code,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(case.privacy, "anonymous");
    assert_eq!(
        (
            &case.state,
            &case.organisation_id,
            case.due_on,
            case.reporter_user_id
        ),
        (
            &form_case.state,
            &form_case.organisation_id,
            form_case.due_on,
            None
        )
    );
    let (kind, title, location): (String, String, String) = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT kind, title, location_text FROM complaints WHERE case_id = $1").bind(case.id).fetch_one(pool).await)
    .unwrap();
    assert_eq!(kind, "aspirasi");
    assert_eq!(title, "Jalan poros desa berlubang besar");
    assert_eq!(location, "Depan balai desa Luwihaji");
    let (name, email, phone): (String, String, String) = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT name, email, phone FROM complaint_reporters WHERE case_id = $1").bind(case.id).fetch_one(pool).await)
    .unwrap();
    assert_eq!(
        (name.as_str(), email.as_str(), phone.as_str()),
        ("Budi Santoso", "budi@example.id", "081234567890")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM open311_clients WHERE last_used_at IS NOT NULL"
        )
        .await,
        1
    );
    // The reporter gets the receipt with the follow-up link, like any guest.
    let mail: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_address = 'budi@example.id'").fetch_one(pool).await)
    .unwrap();
    assert!(mail.contains(&code) && mail.contains(secret), "{mail}");
    // It is public (anonymous), without its reporter.
    let (status, _, shown) = get(&app, &format!("/open311/v2/requests/{code}.json"), "id").await;
    assert_eq!(status, 200);
    assert_no_personal_data(&shown);
    // XML too, confidential honoured.
    let mut confidential = report(&key);
    confidential[8].1 = "confidential".into();
    confidential.push(("attribute[title]", "Judul dari aplikasi".into()));
    let (status, content_type, body) =
        post(&app, "/open311/v2/requests.xml", &confidential, "id").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "text/xml; charset=utf-8");
    let hidden = xml(&body)
        .child("request")
        .text_of("service_request_id")
        .to_string();
    let hidden_case = platform::cases::by_tracking_code(&app.state.db, &hidden)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hidden_case.privacy, "confidential");
    let (status, _, _) = get(&app, &format!("/open311/v2/requests/{hidden}.json"), "id").await;
    assert_eq!(status, 404);

    // Revoked: refused from then on.
    let id: uuid::Uuid =
        on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT id FROM open311_clients")
        .fetch_one(pool).await)
        .unwrap();
    let (status, _, _) = officer
        .post_form(&format!("/admin/open311/{id}/cabut"), &[])
        .await;
    assert_eq!(status, 403);
    let (status, location, _) = admin
        .post_form(&format!("/admin/open311/{id}/cabut"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/open311?ok=revoked")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'open311_client.revoke'"
        )
        .await,
        1
    );
    let before = count(&app, "SELECT COUNT(*) FROM cases").await;
    let (status, _, body) = post(&app, "/open311/v2/requests.json", &report(&key), "id").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, before);
    let (_, _, list) = admin.get("/admin/open311").await;
    assert!(list.contains("Dicabut"));
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test]
async fn media_url_is_the_first_public_photo_only() {
    let app = TestApp::start().await;
    let photo = platform::files::store(&app.state, PNG, "lubang.png", None)
        .await
        .unwrap();
    let done = complaints::submission::submit(
        &app.state,
        &Actor::public(),
        super::submission::valid(),
        vec![photo.id],
    )
    .await
    .unwrap();
    let path = format!("/open311/v2/requests/{}.json", done.tracking_code);
    let private = get_json(&app, &path).await;
    assert!(
        private[0].get("media_url").is_none(),
        "a private file is not shown"
    );
    let mut tx = app.state.db.begin().await.unwrap();
    platform::files::set_public(&mut tx, photo.id, true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let public = get_json(&app, &path).await;
    let url = public[0]["media_url"].as_str().unwrap();
    assert_eq!(
        url,
        format!(
            "{}/berkas/{}/lubang.png",
            app.state.config.public_url.trim_end_matches('/'),
            photo.id
        )
    );
    let (status, _) = app.get(&format!("/berkas/{}/lubang.png", photo.id)).await;
    assert_eq!(status, 200, "the media URL is served");
}

/// A Python interpreter with the pinned GeoReport client (the venv's first on PATH).
fn python_with_georeport() -> Option<String> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(str::to_string)
        .find(|py| {
            Command::new(py)
                .args(["-c", "import georeport, requests, xmltodict"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

#[tokio::test]
async fn a_real_georeport_client_reads_and_posts() {
    const TEST: &str = "a_real_georeport_client_reads_and_posts";
    let Some(python) = python_with_georeport() else {
        tool_missing(TEST, "python3 with georeport (pip, requirements-test.txt)");
        return;
    };
    let app = TestApp::start().await;
    let open = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let anon = submitted(&app, "anonymous", "Pungutan liar di kantor desa").await;
    let secret = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    add_personal_data(&app).await;
    let admin = app
        .signed_in(
            app.user("admin@contoh.id", &[(Role::Admin, "diskominfo")])
                .await,
        )
        .await;
    let key = issue_key(&admin, "Klien GeoReport").await;

    let input = json!({
        "root": app.url("/open311/v2"),
        "api_key": key,
        "public": open.tracking_code,
        "anonymous": anon.tracking_code,
        "confidential": secret.tracking_code,
        "personal": PERSONAL,
    });
    let (success, stdout, stderr) = crate::support::run_python(&python, SCRIPT, &input).await;
    assert!(success, "open311.py failed:\n{stdout}\n{stderr}");
    let result: Value = serde_json::from_str(stdout.lines().last().unwrap_or("{}")).unwrap();
    // What the client posted is there, as the script saw it and as the database has it.
    for format in ["json", "xml"] {
        let code = result["posted"][format].as_str().unwrap();
        let case = platform::cases::by_tracking_code(&app.state.db, code)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{code} posted as {format} exists"));
        assert_eq!(case.privacy, "anonymous");
    }
    assert_eq!(result["checks"].as_u64().unwrap(), 16, "{stdout}");
}
