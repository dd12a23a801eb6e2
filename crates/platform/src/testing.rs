//! Test support shared by every crate's tests (feature `testing`): a fresh database per
//! test on SQLite or PostgreSQL, an HTTP client with its own cookie jar, helpers for forms,
//! and the rule for tests that need tools beyond the Rust toolchain.
//!
//! `TEST_DATABASE_URL` unset: each test gets a new SQLite file in the temp folder.
//! `TEST_DATABASE_URL=postgres://…`: each test gets a new schema in that database.
//!
//! Also: [`browser`] (headless Chromium over WebDriver) and [`exposure`] (the crawler that
//! looks for personal data on public responses).

// Test support fails loudly: a set-up step that cannot work ends the test at once.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: failing the test is its job"
)]

use std::sync::Arc;

use crate::db::Db;

pub mod browser;
pub mod exposure;
use crate::on_db;

/// A fresh, migrated, empty database for one test.
pub async fn fresh_db() -> Db {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
            let admin = Db::connect(&url, None)
                .await
                .expect("connect to TEST_DATABASE_URL");
            on_db!(&admin, pool => sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .execute(pool).await.map(|_| ())).expect("create test schema");
            admin.close().await;
            let db = Db::connect(&url, Some(&schema))
                .await
                .expect("connect to test schema");
            db.migrate().await.expect("migrate test schema");
            db
        }
        _ => {
            let dir = std::env::temp_dir().join("terbuka-tests");
            std::fs::create_dir_all(&dir).expect("temp folder");
            let path = dir.join(format!("{}.db", uuid::Uuid::now_v7().simple()));
            let db = Db::connect(&format!("sqlite://{}", path.display()), None)
                .await
                .expect("open sqlite");
            db.migrate().await.expect("migrate sqlite");
            db
        }
    }
}

/// Whether tests that need Chromium, Python clients or other tools must run (and fail when
/// the tool is missing) rather than skip with a notice.
pub fn full_tests() -> bool {
    std::env::var("TERBUKA_FULL_TESTS").is_ok_and(|v| v == "1")
}

/// Call when a test's outside tool is missing: panics under `TERBUKA_FULL_TESTS=1`,
/// otherwise prints a notice; the test then returns early.
pub fn tool_missing(test: &str, tool: &str) {
    if full_tests() {
        panic!("{test}: {tool} is required when TERBUKA_FULL_TESTS=1 but was not found");
    }
    eprintln!("NOTICE: skipping {test}: {tool} not found (set TERBUKA_FULL_TESTS=1 to require it)");
}

/// An HTTP client for one visitor: its own cookies, no automatic redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

/// The value of the first hidden `_csrf` field in a page.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    html.find(marker)
        .map(|i| {
            let rest = &html[i + marker.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .unwrap_or_default()
}
