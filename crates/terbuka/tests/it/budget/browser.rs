//! Issue 4's browser test, in headless Chromium with JavaScript off: a finance officer
//! uploads an XLSX with one bad row, reads the error report, uploads the fixed file and
//! publishes it; then a citizen drills from the year's summary down to an account line by
//! clicking links, and comments on it. Skipped with a notice without Chromium (mandatory
//! under `TERBUKA_FULL_TESTS=1`); a failure leaves a screenshot in `target/e2e-screenshots/`, a passing run the summary
//! and the account line's page.

use anyhow::{Context, ensure};
use platform::authz::Role;
use platform::on_db;
use platform::testing::browser::{Browser, Options, with_browser_options};

use super::{DISDIK, good_rows, xlsx};
use crate::support::{PASSWORD, TestApp};

const TEST: &str = "budget_browser_officer_publishes_and_citizen_comments_on_an_account_line";

async fn sign_in(b: &Browser, app: &TestApp, email: &str) -> anyhow::Result<()> {
    b.goto(&app.url("/masuk")).await?;
    b.fill("main form [name=email]", email).await?;
    b.fill("main form [name=password]", PASSWORD).await?;
    b.click("main form button[type=submit]").await?;
    b.find("header a[href='/akun']")
        .await
        .with_context(|| format!("{email} is signed in"))?;
    Ok(())
}

/// Write `bytes` to a file of this test under `target/`, for the file input.
fn file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/e2e-files")
        .join(format!("{}-{}", std::process::id(), uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("a folder for the test files");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the test file");
    path
}

async fn upload(b: &Browser, path: &std::path::Path) -> anyhow::Result<()> {
    b.fill("#upload [name=tahun]", "2026").await?;
    b.select("#upload [name=tahap]", "murni").await?;
    b.upload("#upload [name=berkas]", path).await?;
    b.click("#upload button[type=submit]").await?;
    Ok(())
}

#[tokio::test]
async fn officer_publishes_and_citizen_comments_on_an_account_line() {
    let app = TestApp::start().await;
    app.user("keuangan@bojonegorokab.go.id", &[(Role::Officer, "bpkad")])
        .await;
    let mut bad = good_rows();
    bad[3][11] = "seratus lima puluh juta";
    let bad_file = file("apbd-2026.xlsx", &xlsx(&bad, "anggaran"));
    let good_file = file("apbd-2026-perbaikan.xlsx", &xlsx(&good_rows(), "anggaran"));
    with_browser_options(TEST, Options::without_javascript(), async |b| {
        // 1. The finance officer uploads the file with one bad row: the report names it.
        sign_in(b, &app, "keuangan@bojonegorokab.go.id").await?;
        b.goto(&app.url("/kelola/anggaran")).await?;
        upload(b, &bad_file).await?;
        b.find("#report").await.context("the error report")?;
        let report = b.find("#report").await?.text().await?;
        ensure!(
            report.contains("“seratus lima puluh juta” bukan angka rupiah."),
            "the report: {report}"
        );
        ensure!(!b.exists("#draft").await, "nothing saved");
        // 2. The fixed file becomes a draft; publishing it makes it public.
        upload(b, &good_file).await?;
        let draft = b.find("#draft").await.context("the draft")?.text().await?;
        ensure!(draft.contains("Rp2.100.000.000"), "the draft: {draft}");
        b.click("#draft form button[type=submit]").await?;
        b.find("#notice").await.context("published")?;
        b.click("header form[action='/keluar'] button").await?;
        b.find("header a[href='/masuk']").await?;

        // 3. A citizen drills down from the summary to an account line.
        b.goto(&app.url("/anggaran")).await?;
        b.click("#years a[href='/anggaran/2026']").await?;
        b.find("#budget-pages-spending").await?;
        b.save_screenshot_as("summary").await?;
        b.click("main a[href='/anggaran/2026/organisasi']").await?;
        b.click(&format!(
            "#items a[href='/anggaran/2026/organisasi/{DISDIK}']"
        ))
        .await?;
        b.click(&format!(
            "#items a[href='/anggaran/2026/organisasi/{DISDIK}/1.01.01']"
        ))
        .await?;
        b.click(&format!(
            "#items a[href='/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02']"
        ))
        .await?;
        b.click(&format!(
            "#items a[href='/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02.0001']"
        ))
        .await?;
        let line =
            format!("/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02.0001/5.1.02.01.01.0024");
        b.click(&format!("#items a[href='{line}']")).await?;
        let total = b.find("#total").await?.text().await?;
        ensure!(total.contains("Rp150.000.000"), "the line: {total}");
        b.save_screenshot_as("account-line").await?;
        // 4. … and comments on it.
        // Anonymous visitors get a link to the form's own page (item pages stay cacheable).
        b.click("#komentar a.write-comment").await?;
        b.fill("#komentar form [name=name]", "Budi").await?;
        b.fill("#komentar form [name=email]", "budi@contoh.id")
            .await?;
        b.fill(
            "#komentar form [name=body]",
            "Berapa rim kertas yang dibeli dengan anggaran ATK ini?",
        )
        .await?;
        b.click("#komentar form button[type=submit]").await?;
        b.wait_for_path("back on the line", |p| p.starts_with(&line))
            .await?;
        b.find("#komentar .notice")
            .await
            .context("sent, awaiting moderation")?;
        Ok(())
    })
    .await;
    if !platform::testing::browser::browser_available(TEST) {
        return;
    }
    let waiting: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM comments WHERE item_type = 'budget.account' AND organisation_id = 'disdik' AND status = 'pending'")
        .fetch_one(pool).await)
    .unwrap();
    assert_eq!(waiting, 1);
}
