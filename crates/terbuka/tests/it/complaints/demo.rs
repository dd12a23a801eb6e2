//! The demo complaints: generated through the case engine, they cover every state, late
//! cases, every privacy and ratings, and confidential ones stay off the public list.

use crate::support::TestApp;
use platform::on_db;

#[tokio::test]
async fn demo_complaints_cover_every_state_and_hide_confidential_ones() {
    let app = TestApp::start().await;
    let made = complaints::demo::load_demo_complaints(&app.state, terbuka::demo::DEMO_PEOPLE, 60)
        .await
        .expect("demo complaints");
    assert_eq!(made, 60);
    let db = &app.state.db;
    let states: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT DISTINCT state FROM cases WHERE case_type = 'complaint' ORDER BY state")
        .fetch_all(pool).await)
    .expect("states");
    for state in [
        "archived",
        "completed",
        "deferred",
        "followed_up",
        "not_our_authority",
        "routed",
        "submitted",
    ] {
        assert!(
            states.iter().any(|s| s == state),
            "no {state} in {states:?}"
        );
    }
    let count = |sql: &'static str| async move {
        let n: i64 = on_db!(db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).expect(sql);
        n
    };
    assert!(
        count("SELECT COUNT(*) FROM cases WHERE overdue = TRUE AND state = 'submitted'").await > 0
    );
    assert!(
        count("SELECT COUNT(*) FROM cases WHERE overdue = TRUE AND state = 'routed'").await > 0
    );
    assert!(count("SELECT COUNT(*) FROM cases WHERE privacy = 'anonymous'").await > 0);
    assert!(count("SELECT COUNT(*) FROM cases WHERE privacy = 'confidential'").await > 0);
    assert!(count("SELECT COUNT(*) FROM complaints WHERE rating BETWEEN 1 AND 5").await > 0);
    assert!(
        count("SELECT COUNT(*) FROM complaint_reporters WHERE email LIKE '%@example.id'").await > 0
    );
    // Some completed by the reporter, some by the system after ten working days.
    assert!(count("SELECT COUNT(*) FROM complaints WHERE rated_at IS NOT NULL").await > 0);
    let completed = count("SELECT COUNT(*) FROM cases WHERE state = 'completed'").await;
    let confirmed = count("SELECT COUNT(*) FROM complaints WHERE rated_at IS NOT NULL").await;
    assert!(completed > confirmed, "no auto-completed complaint");

    // The public list shows every non-confidential complaint and none of the confidential.
    let hidden: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT tracking_code FROM cases WHERE privacy = 'confidential'")
        .fetch_all(pool).await)
    .expect("codes");
    let shown: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT tracking_code FROM cases WHERE privacy <> 'confidential'")
        .fetch_all(pool).await)
    .expect("codes");
    let mut listed = String::new();
    for page in 1..=4 {
        let (status, body) = app.get(&format!("/pengaduan?page={page}")).await;
        assert_eq!(status, 200);
        listed.push_str(&body);
    }
    for code in &hidden {
        assert!(!listed.contains(code.as_str()), "{code} is confidential");
        let (status, _) = app.get(&format!("/pengaduan/{code}")).await;
        assert_eq!(status, 404, "{code}");
    }
    assert!(shown.iter().all(|code| listed.contains(code.as_str())));
}
