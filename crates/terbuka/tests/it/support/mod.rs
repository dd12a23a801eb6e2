//! `TestApp`: the real server on a real port (0), on a fresh database (SQLite, or the
//! PostgreSQL of `TEST_DATABASE_URL`), with a clock the test moves, and fixture builders.

#![allow(
    dead_code,
    unused_imports,
    reason = "the harness serves every area's tests; each uses only part of it"
)]

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use platform::AppState;
use platform::clock::TestClock;
use platform::config::Config;
use tokio::sync::oneshot;

pub use platform::testing::{client, csrf_in, full_tests, tool_missing};

mod actors;
pub use actors::{PASSWORD, Visitor};

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub clock: TestClock,
    pub files_dir: std::path::PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
}

pub struct TestAppBuilder {
    demo: bool,
    config: Config,
}

impl TestApp {
    /// An application with the Bojonegoro regions and organisations (no demo people).
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            demo: true,
            config: Config {
                // Tests read what they just wrote behind the app's back; the page cache has its
                // own tests (platform_shell) that turn it on.
                page_cache_ms: 0,
                // Many tests submit several complaints from 127.0.0.1; the rate limit has its
                // own test (complaints::submission) that turns it on.
                guest_submissions_per_hour: 0,
                ..Config::defaults()
            },
        }
    }

    pub async fn start() -> TestApp {
        TestApp::builder().start().await
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// GET a page as a new anonymous visitor and return (status, body).
    /// How many objects the test's local file store holds (blobs, not records).
    pub fn stored_objects(&self) -> usize {
        fn count(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .map(|e| {
                        if e.path().is_dir() {
                            count(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
        }
        count(&self.files_dir)
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = client().get(self.url(path)).send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }
}

impl TestAppBuilder {
    /// Start without regions and organisations (an empty database).
    pub fn empty(mut self) -> Self {
        self.demo = false;
        self
    }

    pub fn config(mut self, edit: impl FnOnce(&mut Config)) -> Self {
        edit(&mut self.config);
        self
    }

    pub async fn start(self) -> TestApp {
        let db = platform::testing::fresh_db().await;
        let clock = TestClock::at(
            Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
                .single()
                .expect("start time"),
        );
        let files_dir = std::env::temp_dir()
            .join("terbuka-tests")
            .join(format!("files-{}", uuid::Uuid::now_v7().simple()));
        let mut config = self.config;
        config.bind = "127.0.0.1:0".parse().expect("bind");
        config.demo = false;
        config.jobs = false;
        config.storage = files_dir.display().to_string();
        if self.demo {
            terbuka::demo::load_if_empty(&db, &clock)
                .await
                .expect("demo data");
        }
        let app = terbuka::Application::build_with_db(config, Arc::new(clock.clone()), Some(db))
            .await
            .expect("build application");
        let addr = app.local_addr().expect("addr");
        let state = app.state.clone();
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = app
                .run_until(async move {
                    let _ = rx.await;
                })
                .await;
        });
        TestApp {
            addr,
            state,
            clock,
            files_dir,
            shutdown: Some(tx),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Run `python script` with `input` as JSON on its standard input, off the async runtime (the
/// script may call back the server this test started), and return (success, stdout, stderr).
pub async fn run_python(
    python: &str,
    script: &str,
    input: &serde_json::Value,
) -> (bool, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("write the input");
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("join")
        .expect("python output");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
