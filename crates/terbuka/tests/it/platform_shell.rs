//! The web shell: error pages, security headers, language switch, operations endpoints.

use crate::support::{TestApp, client};

#[tokio::test]
async fn unknown_page_is_a_translated_404_with_security_headers() {
    let app = TestApp::start().await;
    let response = client().get(app.url("/tidak-ada")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let headers = response.headers().clone();
    assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
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
    let response = client().get(app.url("/api/v1/tidak-ada")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].as_str().unwrap().contains("tidak ditemukan"));
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = TestApp::start().await;
    assert_eq!(app.get("/healthz").await.0, 200);
    let (status, body) = app.get("/readyz").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(body.contains("terbuka_http_requests_total{status=\"2xx\"}"), "{body}");
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_returns_to_the_page() {
    let app = TestApp::start().await;
    let visitor = client();
    let response = visitor.get(app.url("/bahasa/en?next=/tidak-ada")).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/tidak-ada");
    let body = visitor.get(app.url("/tidak-ada")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("was not found"), "{body}");
    // No open redirect through `next`.
    let response = visitor.get(app.url("/bahasa/id?next=//evil.example")).send().await.unwrap();
    assert_eq!(response.headers()["location"], "/");
}
