//! Live data: rows appended and upserted with a producer's API token (all or nothing, per
//! field problems, the token's organisation must own the dataset, revoked and unknown tokens
//! refused), the freshness and audit consequences, and the Server-Sent Events feed
//! announcing a write to a reader connected before it.

use std::time::Duration;

use chrono::Duration as Days;
use platform::clock::Clock;
use platform::on_db;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::data::pages::tabular_dataset;
use crate::support::TestApp;

const GAUGE: &str = "waktu,pos,tinggi_m\n\
    2026-11-27T08:00:00+07:00,Karangnongko,21.50\n\
    2026-11-27T08:00:00+07:00,Kanor,8.50\n";

/// A live token of `organisation` (as the token page would make it); returns the raw token.
pub(crate) async fn token(app: &TestApp, organisation: &str, name: &str) -> String {
    let raw = format!("tbd_test_{}", Uuid::now_v7().simple());
    let hash = platform::accounts::session::hash_token(&raw);
    on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO data_api_tokens (id, organisation_id, name, token_hash, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7()).bind(organisation).bind(name).bind(hash).bind(Uuid::nil())
        .bind(app.clock.now()).execute(pool).await.map(|_| ()))
    .unwrap();
    raw
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    resource: Uuid,
    token: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let mut request = crate::support::client()
        .request(
            method,
            app.url(&format!("/api/v1/data/resources/{resource}/records")),
        )
        .json(body);
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn rows(app: &TestApp, resource: Uuid) -> i64 {
    let (_, r) = data::catalog::by_resource(&app.state.db, resource)
        .await
        .unwrap()
        .unwrap();
    data::tabular::table(&app.state.db, r.table_id.unwrap())
        .await
        .unwrap()
        .unwrap()
        .row_count
}

#[tokio::test]
async fn a_producer_token_appends_and_upserts_all_or_nothing() {
    let app = TestApp::start().await;
    let (dataset, resource) =
        tabular_dataset(&app, "tinggi-air", "dpu-sda", "continuous", GAUGE).await;
    let good = token(&app, "dpu-sda", "Sensor pos pantau").await;
    let other = token(&app, "dinkes", "Sistem antrean").await;
    let post = reqwest::Method::POST;
    let record = json!({"records": [
        {"waktu": "2026-11-27T09:00:00+07:00", "pos": "Karangnongko", "tinggi_m": 21.75},
        {"waktu": "2026-11-27T09:00:00+07:00", "pos": "Kanor", "tinggi_m": "8.6"}
    ]});

    // No token, an unknown token, a revoked token: 401; another organisation's token: 403.
    assert_eq!(
        send(&app, post.clone(), resource, None, &record).await.0,
        401
    );
    assert_eq!(
        send(&app, post.clone(), resource, Some("tbd_salah"), &record)
            .await
            .0,
        401
    );
    let revoked = token(&app, "dpu-sda", "Dicabut").await;
    on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE data_api_tokens SET revoked_at = $1 WHERE name = 'Dicabut'")
        .bind(app.clock.now()).execute(pool).await.map(|_| ()))
    .unwrap();
    assert_eq!(
        send(&app, post.clone(), resource, Some(&revoked), &record)
            .await
            .0,
        401
    );
    let (status, body) = send(&app, post.clone(), resource, Some(&other), &record).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"], "forbidden");
    assert_eq!(
        send(&app, post.clone(), Uuid::now_v7(), Some(&good), &record)
            .await
            .0,
        404
    );
    assert_eq!(rows(&app, resource).await, 2);

    // Bad records: every problem named, nothing written.
    let bad = json!({"records": [
        {"waktu": "2026-11-27T10:00:00+07:00", "pos": "Kanor", "tinggi_m": 8.7},
        {"waktu": "kemarin", "pos": "Kanor", "tinggi_m": "tinggi"},
        {"kolom_lain": 1}
    ]});
    let (status, body) = send(&app, post.clone(), resource, Some(&good), &bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"], "validation_failed");
    let fields = body["fields"].as_object().unwrap();
    assert!(fields.contains_key("records.1.waktu"), "{body}");
    assert!(fields.contains_key("records.1.tinggi_m"), "{body}");
    assert!(fields.contains_key("records.2.kolom_lain"), "{body}");
    assert_eq!(rows(&app, resource).await, 2);
    // Malformed bodies.
    assert_eq!(
        send(
            &app,
            post.clone(),
            resource,
            Some(&good),
            &json!({"records": []})
        )
        .await
        .0,
        422
    );
    assert_eq!(
        send(&app, post.clone(), resource, Some(&good), &json!([1, 2]))
            .await
            .0,
        400
    );

    // A good append, an hour later.
    app.clock.advance(Days::hours(1));
    let at = app.clock.now();
    let (status, body) = send(&app, post.clone(), resource, Some(&good), &record).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["operation"], "append");
    assert_eq!(body["records"], 2);
    assert_eq!(body["row_count"], 4);
    assert_eq!(rows(&app, resource).await, 4);
    // The data counts as updated now; the change feed and the audit log have it.
    let d = data::catalog::published(&app.state.db, "tinggi-air")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.data_updated_at, Some(at));
    let changes: Vec<(String, i64)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT kind, row_count FROM data_changes WHERE dataset_id = $1 ORDER BY id")
        .bind(dataset).fetch_all(pool).await)
    .unwrap();
    assert_eq!(
        changes,
        vec![("published".to_string(), 0), ("append".to_string(), 2)]
    );
    let audit: Vec<(String, String)> = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT action, actor_name FROM audit_log WHERE entity_id = $1")
        .bind(resource.to_string()).fetch_all(pool).await)
    .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "data.records.append");
    assert!(audit[0].1.contains("Sensor pos pantau") && audit[0].1.contains("dpu-sda"));

    // Upsert needs a key; with one it updates the matching row and inserts the others.
    let put = reqwest::Method::PUT;
    let (status, body) = send(&app, put.clone(), resource, Some(&good), &record).await;
    assert_eq!(status, 409, "{body}");
    let (_, r) = data::catalog::by_resource(&app.state.db, resource)
        .await
        .unwrap()
        .unwrap();
    let table = data::tabular::table(&app.state.db, r.table_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    let unique = json!({"records": [
        {"waktu": "2026-11-27T11:00:00+07:00", "pos": "Kanor", "tinggi_m": 8.8}
    ]});
    assert_eq!(
        send(&app, post.clone(), resource, Some(&good), &unique)
            .await
            .0,
        200
    );
    data::tabular::set_key(
        &app.state.db,
        &table,
        &["waktu".into(), "pos".into()],
        app.clock.now(),
    )
    .await
    .unwrap();
    let update = json!({"records": [
        {"waktu": "2026-11-27T11:00:00+07:00", "pos": "Kanor", "tinggi_m": 9.1},
        {"waktu": "2026-11-27T12:00:00+07:00", "pos": "Kanor", "tinggi_m": 9.3}
    ]});
    let (status, body) = send(&app, put, resource, Some(&good), &update).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["operation"], "upsert");
    assert_eq!(body["records"], 2);
    let csv = crate::support::client()
        .get(app.url(&format!(
            "/data/tinggi-air/sumber/{resource}/unduh.csv?c1=Kanor&urut=waktu"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Kanor,9.1") && csv.contains("Kanor,9.3") && !csv.contains("Kanor,8.8"),
        "{csv}"
    );
}

#[tokio::test]
async fn only_the_current_versions_tabular_resources_take_writes() {
    let app = TestApp::start().await;
    let good = token(&app, "disdik", "Dapodik").await;
    // A linked (not tabular) resource.
    let mut tx = app.state.db.begin().await.unwrap();
    let (_, _) = data::catalog::create_verified(
        &mut tx,
        &crate::data::catalog::sample("tautan"),
        Uuid::nil(),
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let linked = data::catalog::published(&app.state.db, "tautan")
        .await
        .unwrap()
        .unwrap();
    let body = json!({"records": [{"a": 1}]});
    let (status, answer) = send(
        &app,
        reqwest::Method::POST,
        linked.version.resources[0].id,
        Some(&good),
        &body,
    )
    .await;
    assert_eq!(status, 409, "{answer}");
    // A superseded version's resource is not writable.
    let (id, old) = tabular_dataset(&app, "lama", "disdik", "daily", GAUGE).await;
    let mut tx = app.state.db.begin().await.unwrap();
    let v2 = Uuid::now_v7();
    data::catalog::queries::insert_version(
        &mut tx,
        id,
        v2,
        2,
        "verified",
        &crate::data::catalog::sample("lama"),
        Uuid::nil(),
        app.clock.now(),
    )
    .await
    .unwrap();
    data::catalog::queries::mark_published(&mut tx, id, v2, app.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let row = json!({"records": [{"pos": "Kanor"}]});
    assert_eq!(
        send(&app, reqwest::Method::POST, old, Some(&good), &row)
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn the_change_feed_announces_a_write_to_a_connected_reader() {
    let app = TestApp::start().await;
    let (_, resource) = tabular_dataset(&app, "antrean", "dpu-sda", "continuous", GAUGE).await;
    let good = token(&app, "dpu-sda", "Sensor").await;
    assert_eq!(app.visitor().get("/data/tidak-ada/perubahan").await.0, 404);

    let mut feed = crate::support::client()
        .get(app.url("/data/antrean/perubahan"))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status().as_u16(), 200);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    // The greeting arrives at once (nothing buffers the stream).
    let first = tokio::time::timeout(Duration::from_secs(5), feed.chunk())
        .await
        .expect("the feed answers at once")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&first).contains("retry:"));

    let body = json!({"records": [{"waktu": "2026-11-27T09:00:00+07:00", "pos": "Kanor", "tinggi_m": 8.9}]});
    let (status, _) = send(&app, reqwest::Method::POST, resource, Some(&good), &body).await;
    assert_eq!(status, 200);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains("event: change") {
        let chunk = tokio::time::timeout_at(deadline, feed.chunk())
            .await
            .expect("the change arrives within 10 s")
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    // Read to the end of the event (a blank line), then take its block.
    while !seen
        .split("\n\n")
        .any(|b| b.contains("event: change") && b.contains("data:"))
    {
        let chunk = tokio::time::timeout_at(deadline, feed.chunk())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let event = seen
        .split("\n\n")
        .find(|b| b.contains("event: change"))
        .unwrap();
    let data_line = event.lines().find(|l| l.starts_with("data:")).unwrap();
    let data: Value = serde_json::from_str(data_line.trim_start_matches("data:").trim()).unwrap();
    assert_eq!(data["kind"], "append");
    assert_eq!(data["rows"], 1);
    assert_eq!(data["resource_id"], resource.to_string());
    let id_line = event.lines().find(|l| l.starts_with("id:")).unwrap();
    let id = id_line.trim_start_matches("id:").trim().to_string();

    // Reconnecting with Last-Event-ID resumes after it: an earlier id replays the change.
    let mut again = crate::support::client()
        .get(app.url("/data/antrean/perubahan"))
        .header("last-event-id", Uuid::nil().to_string())
        .send()
        .await
        .unwrap();
    let mut replay = String::new();
    while !replay.contains(&id) {
        let chunk = tokio::time::timeout(Duration::from_secs(10), again.chunk())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        replay.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(replay.contains("\"kind\":\"published\""));
}
