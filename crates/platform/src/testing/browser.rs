//! Browser tests in headless Chromium over WebDriver (Debian's `chromium` and
//! `chromium-driver`), for this and the module crates.
//!
//! [`with_browser`] starts chromedriver on a free port, opens one session, runs the test
//! body and, when the body fails (an `Err` or a panicking assertion), saves a screenshot to
//! `target/e2e-screenshots/<test>.png` before failing. The session is always closed and
//! chromedriver always killed, also when the body panics ([`Browser`]'s `Drop`).
//! When Chromium or chromedriver is missing the test is skipped through
//! [`super::tool_missing`] (which fails under `TERBUKA_FULL_TESTS=1`).
//!
//! [`with_browser_options`] takes [`Options`]: `javascript: false` starts Chromium with
//! JavaScript blocked for every site (a content-setting preference, as a visitor who turned
//! it off would have) and checks, before the body runs, that a page script really does not
//! run — so a test of the no-JavaScript path cannot silently run with it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;

/// How long element and page waits last before a test fails.
pub const WAIT: Duration = Duration::from_secs(15);

/// At most this many browsers run at once: the test machine has two cores.
static SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

fn chromium_path() -> PathBuf {
    std::env::var_os("TERBUKA_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("TERBUKA_CHROMEDRIVER")
        .map_or_else(|| PathBuf::from("/usr/bin/chromedriver"), PathBuf::from)
}

/// Where failure screenshots go: `<workspace>/target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("e2e-screenshots")
}

/// Whether the browser tools are installed; when not, reports it through `tool_missing`.
pub fn browser_available(test: &str) -> bool {
    for (tool, path) in [
        ("chromium", chromium_path()),
        ("chromedriver", chromedriver_path()),
    ] {
        if !path.exists() {
            super::tool_missing(test, &format!("{tool} ({})", path.display()));
            return false;
        }
    }
    true
}

/// How the browser is started.
#[derive(Clone, Debug)]
pub struct Options {
    /// Whether pages may run JavaScript (`true` by default).
    pub javascript: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { javascript: true }
    }
}

impl Options {
    /// A browser whose visitor has turned JavaScript off.
    pub fn without_javascript() -> Self {
        Options { javascript: false }
    }
}

/// Run `body` with a fresh headless Chromium; skip when the tools are missing.
/// On failure a screenshot is saved and the test fails with the body's error.
pub async fn with_browser<F>(test: &str, body: F)
where
    F: AsyncFnOnce(&Browser) -> anyhow::Result<()>,
{
    with_browser_options(test, Options::default(), body).await;
}

/// [`with_browser`] with a browser started with `options`.
pub async fn with_browser_options<F>(test: &str, options: Options, body: F)
where
    F: AsyncFnOnce(&Browser) -> anyhow::Result<()>,
{
    if !browser_available(test) {
        return;
    }
    let _slot = SLOTS.acquire().await;
    let browser = match Browser::start_with(test, &options).await {
        Ok(b) => b,
        Err(e) => panic!("{test}: could not start the browser: {e:#}"),
    };
    let outcome = std::panic::AssertUnwindSafe(body(&browser))
        .catch_unwind()
        .await;
    let failure: Option<String> = match &outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(format!("{e:#}")),
        Err(_) => Some("panicked".to_string()),
    };
    if failure.is_some() {
        match browser.save_screenshot().await {
            Ok(path) => eprintln!("{test}: screenshot saved to {}", path.display()),
            Err(e) => eprintln!("{test}: could not save a screenshot: {e:#}"),
        }
        if let Ok(url) = browser.client.current_url().await {
            eprintln!("{test}: the browser was at {url}");
        }
    }
    browser.close().await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(_)) => panic!("{test} failed: {}", failure.unwrap_or_default()),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// One chromedriver process with one browser session.
pub struct Browser {
    pub client: Client,
    test: String,
    guard: DriverGuard,
}

/// Owns chromedriver (and so Chromium) and the profile folder; `Drop` ends them all.
struct DriverGuard {
    driver: Option<Child>,
    port: u16,
    session_id: Option<String>,
    profile: PathBuf,
}

fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// A minimal HTTP/1.1 exchange with chromedriver over loopback, usable from `Drop`.
/// (chromedriver ignores HTTP/1.0 and keeps connections open, so the body is read by its
/// `Content-Length`.)
fn raw_http(port: u16, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut response: Vec<u8> = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&response);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, value)| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if response.len() >= end + 4 + length {
                break;
            }
        }
    }
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// A page whose script, when it runs, replaces the paragraph's text (see
/// [`Browser::javascript_runs`]).
const SCRIPT_PROBE: &str = "data:text/html;charset=utf-8,<!doctype html><title>probe</title>\
<p id=probe>script-blocked</p>\
<script>document.getElementById('probe').textContent='script-ran'</script>";

impl Browser {
    /// Start chromedriver on a free port, wait until it is ready, and open a session.
    pub async fn start(test: &str) -> anyhow::Result<Browser> {
        Self::start_with(test, &Options::default()).await
    }

    /// [`Browser::start`] with JavaScript turned off; fails when a page script still runs.
    pub async fn start_without_javascript(test: &str) -> anyhow::Result<Browser> {
        Self::start_with(test, &Options::without_javascript()).await
    }

    /// Start with `options`. With JavaScript off, a probe page checks that scripts are
    /// really blocked before the browser is handed over.
    pub async fn start_with(test: &str, options: &Options) -> anyhow::Result<Browser> {
        let mut last_error = anyhow!("chromedriver did not start");
        for _attempt in 0..3 {
            match Self::try_start(test, options).await {
                Ok(browser) => {
                    let runs = browser.javascript_runs().await?;
                    if runs != options.javascript {
                        let want = if options.javascript { "on" } else { "off" };
                        browser.close().await;
                        bail!("asked for JavaScript {want}, but page scripts run: {runs}");
                    }
                    return Ok(browser);
                }
                Err(e) => last_error = e,
            }
        }
        Err(last_error)
    }

    /// Whether a page's own script runs in this browser: opens a probe page whose inline
    /// script rewrites a paragraph, and reads the paragraph back (without executing any
    /// script through WebDriver, which Chromium allows even when pages may not).
    pub async fn javascript_runs(&self) -> anyhow::Result<bool> {
        self.goto(SCRIPT_PROBE).await?;
        let text = self.find("#probe").await?.text().await?;
        match text.as_str() {
            "script-ran" => Ok(true),
            "script-blocked" => Ok(false),
            other => bail!("the script probe page shows {other:?}"),
        }
    }

    async fn try_start(test: &str, options: &Options) -> anyhow::Result<Browser> {
        let port = free_port()?;
        let profile = std::env::temp_dir()
            .join("terbuka-tests")
            .join(format!("chrome-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&profile).context("browser profile folder")?;
        let mut command = Command::new(chromedriver_path());
        command
            .arg(format!("--port={port}"))
            .arg(format!(
                "--log-path={}",
                profile.join("chromedriver.log").display()
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so that Drop can end chromedriver and every browser it spawned.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command.spawn().context("starting chromedriver")?;
        let mut guard = DriverGuard {
            driver: Some(driver),
            port,
            session_id: None,
            profile,
        };
        // Wait until chromedriver answers /status with ready=true.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(body) = raw_http(port, "GET", "/status")
                && body.contains("\"ready\":true")
            {
                break;
            }
            if let Some(child) = guard.driver.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                bail!("chromedriver exited early ({status})");
            }
            if Instant::now() > deadline {
                bail!("chromedriver on port {port} was not ready within 20 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // The portal's default language is Bahasa Indonesia; so is this visitor's.
        let mut prefs = serde_json::json!({ "intl.accept_languages": "id-ID,id" });
        if !options.javascript {
            // Chromium's "block JavaScript on every site" setting (2 = block).
            prefs["profile.managed_default_content_settings.javascript"] = serde_json::json!(2);
        }
        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium_path().display().to_string(),
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,1000",
                    "--lang=id",
                    format!("--user-data-dir={}", guard.profile.join("profile").display()),
                ],
                "prefs": prefs
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            bail!("capabilities are an object");
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| anyhow!("opening a WebDriver session: {e}"))?;
        guard.session_id = client.session_id().await.ok().flatten();
        Ok(Browser {
            client,
            test: test.to_string(),
            guard,
        })
    }

    /// Save a screenshot of the current page to `target/e2e-screenshots/<test>.png`.
    pub async fn save_screenshot(&self) -> anyhow::Result<PathBuf> {
        self.save_screenshot_as("").await
    }

    /// Save a screenshot of the current page to `target/e2e-screenshots/<test>-<step>.png`
    /// (to look at several pages of one test; an empty `step` is [`Browser::save_screenshot`]).
    pub async fn save_screenshot_as(&self, step: &str) -> anyhow::Result<PathBuf> {
        let png = self.client.screenshot().await?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let name = if step.is_empty() {
            self.test.clone()
        } else {
            format!("{}-{step}", self.test)
        };
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path.canonicalize().unwrap_or(path))
    }

    /// End the session (Chromium quits) and chromedriver.
    pub async fn close(mut self) {
        let client = self.client.clone();
        if tokio::time::timeout(Duration::from_secs(10), client.close())
            .await
            .is_ok()
        {
            self.guard.session_id = None;
        }
        // Drop kills chromedriver and removes the profile.
    }

    /// Open a URL and wait for the page to load.
    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> anyhow::Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for element `{css}`"))
    }

    /// Whether an element matching `css` is on the page now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Type `text` into the field matching `css`, replacing what it held.
    pub async fn fill(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let field = self.find(css).await?;
        field
            .clear()
            .await
            .with_context(|| format!("clearing `{css}`"))?;
        field
            .send_keys(text)
            .await
            .with_context(|| format!("typing into `{css}`"))
    }

    /// Click the element matching `css`.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        self.find(css)
            .await?
            .click()
            .await
            .with_context(|| format!("clicking `{css}`"))
    }

    /// Attach the file at `path` to the `<input type=file>` matching `css` (WebDriver's
    /// "Element Send Keys" with the absolute path, as chromedriver expects). Several calls
    /// on a `multiple` input add files.
    pub async fn upload(&self, css: &str, path: &Path) -> anyhow::Result<()> {
        let absolute = path
            .canonicalize()
            .with_context(|| format!("the file to upload, {}", path.display()))?;
        let absolute = absolute
            .to_str()
            .with_context(|| format!("{} is not UTF-8", absolute.display()))?;
        self.find(css)
            .await?
            .send_keys(absolute)
            .await
            .with_context(|| format!("attaching {absolute} to `{css}`"))
    }

    /// Choose the option with `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) -> anyhow::Result<()> {
        self.find(css)
            .await?
            .select_by_value(value)
            .await
            .with_context(|| format!("choosing `{value}` in `{css}`"))
    }

    /// The visible text of the page body.
    pub async fn body_text(&self) -> anyhow::Result<String> {
        Ok(self.find("body").await?.text().await?)
    }

    /// The path (and query) of the current page.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    /// Wait until the page's visible text contains `needle`.
    pub async fn wait_for_text(&self, needle: &str) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.body_text().await.unwrap_or_default();
            if text.contains(needle) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the page never showed {needle:?}; it shows:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Wait until the current path satisfies `accept` (e.g. after a form post and redirect).
    pub async fn wait_for_path(
        &self,
        what: &str,
        accept: impl Fn(&str) -> bool,
    ) -> anyhow::Result<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let path = self.path().await.unwrap_or_default();
            if accept(&path) {
                return Ok(path);
            }
            if Instant::now() > deadline {
                bail!("expected to arrive at {what}, but the browser is at {path}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The `lang` attribute of the page's `<html>` element.
    pub async fn lang(&self) -> anyhow::Result<String> {
        Ok(self
            .find("html")
            .await?
            .attr("lang")
            .await?
            .unwrap_or_default())
    }
}

impl Drop for DriverGuard {
    fn drop(&mut self) {
        // A session still open (the body panicked before close ran): end it, so that
        // chromedriver quits Chromium cleanly.
        if let Some(id) = self.session_id.take() {
            let _ = raw_http(self.port, "DELETE", &format!("/session/{id}"));
        }
        if let Some(mut child) = self.driver.take() {
            // The whole process group: chromedriver and any Chromium left behind.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
