//! The web shell: error pages, security headers, language switch, operations endpoints.

use crate::support::{TestApp, client};

#[tokio::test]
async fn unknown_page_is_a_translated_404_with_security_headers() {
    let app = TestApp::start().await;
    let response = client().get(app.url("/tidak-ada")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let headers = response.headers().clone();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
    let body = response.text().await.unwrap();
    assert!(body.contains("tidak ditemukan"), "{body}");

    let response = client()
        .get(app.url("/tidak-ada"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(response.text().await.unwrap().contains("was not found"));
}

#[tokio::test]
async fn api_errors_are_json_with_a_stable_code() {
    let app = TestApp::start().await;
    let response = client()
        .get(app.url("/api/v1/tidak-ada"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("tidak ditemukan")
    );
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::start().await;
    assert_eq!(app.get("/healthz").await.0, 200);
    let (status, body) = app.get("/readyz").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("terbuka_http_requests_total{status=\"2xx\"}"),
        "{body}"
    );
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_returns_to_the_page() {
    let app = TestApp::start().await;
    let visitor = client();
    let response = visitor
        .get(app.url("/bahasa/en?next=/tidak-ada"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/tidak-ada");
    let body = visitor
        .get(app.url("/tidak-ada"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("was not found"), "{body}");
    // No open redirect through `next`.
    let response = visitor
        .get(app.url("/bahasa/id?next=//evil.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], "/");
}

#[tokio::test]
async fn a_server_error_is_a_translated_page_that_reveals_nothing() {
    let app = TestApp::start().await;
    // Break the database behind the application's back: the organisation list cannot load.
    platform::on_db!(&app.state.db, pool => sqlx::query("DROP TABLE news").execute(pool).await.map(|_| ()))
        .unwrap();
    let response = client().get(app.url("/berita")).send().await.unwrap();
    assert_eq!(response.status(), 500);
    let body = response.text().await.unwrap();
    assert!(body.contains("terjadi gangguan di server"), "{body}");
    assert!(
        !body.to_lowercase().contains("news"),
        "the page must not leak internals: {body}"
    );
    assert!(
        !body.contains("sqlx")
            && !body.contains("no such table")
            && !body.contains("does not exist")
    );
}

#[tokio::test]
async fn oversized_form_bodies_are_refused_with_413_before_anything_is_read() {
    let app = TestApp::start().await;
    let visitor = client();
    let page = visitor
        .get(app.url("/masuk"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::support::csrf_in(&page);
    let huge = "x".repeat(2 * 1024 * 1024);
    let response = visitor
        .post(app.url("/masuk"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", "a@example.id"),
            ("password", huge.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(response.text().await.unwrap().contains("terlalu besar"));
    let attempts: i64 = platform::on_db!(&app.state.db, pool =>
        sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts").fetch_one(pool).await)
    .unwrap();
    assert_eq!(attempts, 0, "nothing may be written for a refused body");
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_with_403() {
    let app = TestApp::start().await;
    let visitor = client();
    visitor.get(app.url("/masuk")).send().await.unwrap();
    let response = visitor
        .post(app.url("/masuk"))
        .form(&[
            ("_csrf", "0000"),
            ("email", "a@example.id"),
            ("password", "salah-sekali-123"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.text().await.unwrap().contains("kedaluwarsa"));
}

#[tokio::test]
async fn pages_set_a_csrf_cookie_that_is_http_only_and_same_site() {
    let app = TestApp::start().await;
    let response = client().get(app.url("/")).send().await.unwrap();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("terbuka_csrf="))
        .expect("csrf cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain-http test server: no Secure flag"
    );

    let https = TestApp::builder()
        .config(|c| c.public_url = "https://terbuka.example.id".into())
        .start()
        .await;
    let response = client().get(https.url("/")).send().await.unwrap();
    assert!(response.headers().contains_key("strict-transport-security"));
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

async fn set_description(app: &TestApp, text: &str) {
    platform::on_db!(&app.state.db, pool => sqlx::query("UPDATE organisations SET description = $1 WHERE id = 'diskominfo'")
        .bind(text).execute(pool).await.map(|_| ()))
    .unwrap();
}

#[tokio::test]
async fn anonymous_pages_are_micro_cached_until_the_time_to_live_passes() {
    let app = TestApp::builder()
        .config(|c| c.page_cache_ms = 1000)
        .start()
        .await;
    set_description(&app, "Deskripsi pertama").await;
    let (_, first) = app.get("/organisasi/diskominfo").await;
    assert!(first.contains("Deskripsi pertama"));
    set_description(&app, "Deskripsi kedua").await;
    let (_, cached) = app.get("/organisasi/diskominfo").await;
    assert!(
        cached.contains("Deskripsi pertama"),
        "served from the cache"
    );
    // The language is part of the key.
    let english = client()
        .get(app.url("/organisasi/diskominfo"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("Deskripsi kedua"));
    // A signed-in visitor always gets a fresh page.
    let officer = app.user("petugas@example.id", &[]).await;
    let (_, _, signed_in) = app
        .signed_in(officer)
        .await
        .get("/organisasi/diskominfo")
        .await;
    assert!(signed_in.contains("Deskripsi kedua"));
    app.clock.advance(chrono::Duration::milliseconds(1001));
    let (_, fresh) = app.get("/organisasi/diskominfo").await;
    assert!(
        fresh.contains("Deskripsi kedua"),
        "expired after the time to live"
    );
}

#[tokio::test]
async fn forms_are_never_cached_and_a_write_empties_the_cache() {
    let app = TestApp::builder()
        .config(|c| c.page_cache_ms = 60_000)
        .start()
        .await;
    // Each visitor's form carries a token bound to their own cookie.
    let (_, a) = app.get("/masuk").await;
    let (_, b) = app.get("/masuk").await;
    assert_ne!(crate::support::csrf_in(&a), crate::support::csrf_in(&b));
    // A staff member's write shows at once to the public on this node.
    set_description(&app, "Sebelum").await;
    assert!(
        app.get("/organisasi/diskominfo")
            .await
            .1
            .contains("Sebelum")
    );
    let admin = app
        .user(
            "admin2@example.id",
            &[(platform::authz::Role::Admin, "diskominfo")],
        )
        .await;
    let admin = app.signed_in(admin).await;
    let (status, _, body) = admin
        .post_form(
            "/organisasi/diskominfo/kelola",
            &[
                ("description", "Sesudah diubah petugas"),
                ("address", "Jl. P. Mas Tumapel No. 1"),
                ("phone", "(0353) 881826"),
                ("email", "diskominfo@bojonegorokab.go.id"),
                ("website", ""),
                ("head_name", "Kepala Dinas"),
            ],
        )
        .await;
    assert!(status == 303 || status == 200, "{status}: {body}");
    assert!(
        app.get("/organisasi/diskominfo")
            .await
            .1
            .contains("Sesudah diubah petugas")
    );
    // Operations endpoints are always live.
    let (_, m1) = app.get("/metrics").await;
    let (_, m2) = app.get("/metrics").await;
    assert_ne!(m1, m2, "metrics are never served from the cache");
}
