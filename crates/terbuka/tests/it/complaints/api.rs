//! The JSON API: `POST /api/v1/complaints`, `GET /api/v1/complaints[/{code}]`.

use serde_json::{Value, json};

use super::public::submitted;
use crate::support::TestApp;

fn body() -> Value {
    json!({
        "kind": "pengaduan",
        "title": "Jalan berlubang di Desa Luwihaji",
        "description": "Jalan poros desa berlubang besar sejak musim hujan dan membahayakan pengendara.",
        "category": "jalan-jembatan",
        "region": "35.22.01.2001",
        "latitude": -7.3512,
        "longitude": 111.634,
        "privacy": "public",
        "email": "siti.aminah@example.id",
        "phone": "+62 812-3000-4000"
    })
}

#[tokio::test]
async fn a_guest_submits_json_and_gets_a_code_and_a_follow_up_link() {
    let app = TestApp::start().await;
    let http = app.visitor().client;
    let response = http
        .post(app.url("/api/v1/complaints"))
        .json(&body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["tracking_code"], "ADU-2026-000001");
    assert_eq!(answer["status"], "submitted");
    let link = answer["follow_up_url"].as_str().unwrap();
    let secret = link.split("kunci=").nth(1).unwrap();
    assert!(
        platform::cases::verify_guest_secret(&app.state.db, "ADU-2026-000001", secret)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn bad_json_submissions_are_refused_with_their_fields() {
    let app = TestApp::start().await;
    let http = app.visitor().client;
    let mut bad = body();
    bad["title"] = json!("x");
    bad["email"] = json!("");
    bad["phone"] = json!("");
    let response = http
        .post(app.url("/api/v1/complaints"))
        .header("accept-language", "en")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["error"], "validation_failed");
    assert!(answer["fields"]["title"].is_string());
    assert!(answer["fields"]["email"].is_string());
    let response = http
        .post(app.url("/api/v1/complaints"))
        .body(body().to_string())
        .header("content-type", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 415);
    let mut with_name = body();
    with_name["name"] = json!("Siti Aminah");
    let response = http
        .post(app.url("/api/v1/complaints"))
        .json(&with_name)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        400,
        "unknown fields are refused"
    );
    let response = http
        .post(app.url("/api/v1/complaints"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let (status, _) = app.get("/api/v1/complaints").await;
    assert_eq!(status, 200);
    let n: i64 = platform::on_db!(&app.state.db, pool =>
        sqlx::query_scalar("SELECT COUNT(*) FROM cases").fetch_one(pool).await)
    .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn the_api_lists_public_complaints_without_personal_data() {
    let app = TestApp::start().await;
    let open = submitted(&app, "anonymous", "Lampu jalan padam di alun-alun").await;
    let secret = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    let (status, list) = app.get("/api/v1/complaints?per_page=10").await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["tracking_code"], open.tracking_code.as_str());
    let (status, one) = app
        .get(&format!("/api/v1/complaints/{}", open.tracking_code))
        .await;
    assert_eq!(status, 200);
    let d: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(d["timeline"][0]["author_role"], "reporter");
    for text in [&list, &one] {
        for personal in [
            "Siti Aminah",
            "siti.aminah@example.id",
            "3000-4000",
            "Rahasia",
        ] {
            assert!(!text.contains(personal), "{personal} leaked");
        }
    }
    let (status, _) = app
        .get(&format!("/api/v1/complaints/{}", secret.tracking_code))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.get("/api/v1/complaints?per_page=500").await;
    assert_eq!(status, 400);
}
