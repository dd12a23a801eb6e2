//! Issue 5's browser test, in headless Chromium with JavaScript off: a producer creates a
//! dataset, uploads a CSV with an inconsistent column, reads the report, fixes the data
//! dictionary, loads and submits; the walidata returns it once with a note, the producer
//! resubmits, the walidata verifies; a citizen filters the public preview and downloads the
//! filtered CSV (the link's address fetched over HTTP and its rows checked). Skipped with a
//! notice without Chromium (mandatory under `TERBUKA_FULL_TESTS=1`); a failure leaves a
//! screenshot in `target/e2e-screenshots/`.

use anyhow::{Context, ensure};
use platform::authz::Role;
use platform::testing::browser::{Browser, Options, with_browser_options};

use super::workflow::inconsistent_csv;
use crate::support::{PASSWORD, TestApp};

const TEST: &str = "data_browser_producer_walidata_and_citizen";
const PRODUCER: &str = "data@disdik.bojonegorokab.go.id";
const WALIDATA: &str = "walidata@kominfo.bojonegorokab.go.id";
const NAME: &str = "sekolah-per-kecamatan";

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

async fn sign_out(b: &Browser) -> anyhow::Result<()> {
    b.click("header form[action='/keluar'] button").await?;
    b.find("header a[href='/masuk']").await?;
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

/// Wait for the redirect after a form: the page whose address ends with `ok` (the
/// previous page may show a notice too, so finding one proves nothing).
async fn arrive(b: &Browser, ok: &str) -> anyhow::Result<()> {
    b.wait_for_path(ok, |p| p.ends_with(ok)).await?;
    Ok(())
}

/// The walidata opens the only submitted version from the queue.
async fn open_review(b: &Browser, app: &TestApp) -> anyhow::Result<()> {
    b.goto(&app.url("/kelola/data/verifikasi")).await?;
    b.click(&format!("#queue tr[data-name='{NAME}'] a")).await?;
    b.find("#return-form").await.context("the review page")?;
    Ok(())
}

#[tokio::test]
async fn producer_walidata_and_citizen() {
    let app = TestApp::start().await;
    app.user(PRODUCER, &[(Role::Officer, "disdik")]).await;
    app.user(WALIDATA, &[(Role::Verifier, "diskominfo")]).await;
    let csv = file("sekolah-2025.csv", &inconsistent_csv());
    let note = "Kolom jumlah: nyatakan n/a sebagai nilai kosong dan beri satuan.";
    with_browser_options(TEST, Options::without_javascript(), async |b| {
        // 1. The producer drafts a dataset.
        sign_in(b, &app, PRODUCER).await?;
        b.goto(&app.url("/kelola/data")).await?;
        b.click("#new-dataset").await?;
        b.fill("#f-name", NAME).await?;
        b.fill("#f-title", "Jumlah Sekolah per Kecamatan 2025")
            .await?;
        b.fill(
            "#f-notes",
            "Jumlah sekolah negeri dan swasta per kecamatan menurut Dapodik 2025.",
        )
        .await?;
        b.fill("#f-contact_email", "disdik@bojonegorokab.go.id")
            .await?;
        b.click("#dataset-form button[type=submit]").await?;
        arrive(b, "?ok=created").await?;

        // 2. Uploads the CSV: the report names the inconsistent column; nothing is loaded.
        b.fill("#resource-form [name=nama]", "Sekolah per kecamatan 2025")
            .await?;
        b.upload("#f-berkas", &csv).await?;
        b.click("#add-resource").await?;
        let report = b
            .find("#report")
            .await
            .context("the report")?
            .text()
            .await?;
        ensure!(
            report.contains("jumlah"),
            "the report names the column: {report}"
        );
        b.find("#columns tr.inconsistent[data-column='jumlah']")
            .await?;
        b.save_screenshot_as("report").await?;

        // 3. Fixes the dictionary: `n/a` is a missing value, the column an integer.
        b.fill("#f-kosong", "n/a").await?;
        b.select("#columns [name=tipe_1]", "integer").await?;
        b.fill("#columns [name=ket_1]", "Jumlah sekolah negeri dan swasta")
            .await?;
        b.click("#load").await?;
        arrive(b, "?ok=loaded").await?;
        let page = b.body_text().await?;
        ensure!(page.contains("10 baris, 3 kolom"), "the table: {page}");

        // 4. Submits.
        b.click("#submit").await?;
        arrive(b, "?ok=submitted").await?;
        ensure!(
            b.find("#status").await?.text().await? == "Diajukan",
            "submitted"
        );
        sign_out(b).await?;

        // 5. The walidata returns it with a note.
        sign_in(b, &app, WALIDATA).await?;
        open_review(b, &app).await?;
        b.fill("#f-catatan", note).await?;
        b.click("#return").await?;
        arrive(b, "?ok=returned").await?;
        sign_out(b).await?;

        // 6. The producer reads the note, adds the unit, resubmits.
        sign_in(b, &app, PRODUCER).await?;
        b.goto(&app.url(&format!("/kelola/data/{NAME}"))).await?;
        let shown = b.find("#review-note").await?.text().await?;
        ensure!(shown.contains(note), "the note: {shown}");
        b.fill(".dictionary-form [name=satuan_1]", "sekolah")
            .await?;
        b.click(".dictionary-form button[type=submit]").await?;
        arrive(b, "?ok=dictionary").await?;
        b.click("#submit").await?;
        arrive(b, "?ok=submitted").await?;
        sign_out(b).await?;

        // 7. The walidata verifies: public.
        sign_in(b, &app, WALIDATA).await?;
        open_review(b, &app).await?;
        b.click("#verify").await?;
        arrive(b, "?ok=verified").await?;
        ensure!(b.exists("#queue-empty").await, "the queue is empty");
        sign_out(b).await?;
        let dataset = data::catalog::published(&app.state.db, NAME)
            .await?
            .context("public")?;
        let resource = dataset.version.resources.first().context("a resource")?;
        let href = format!("/data/{NAME}/sumber/{}", resource.id);

        // 8. A citizen filters the preview (jumlah ≥ 50) and downloads the filtered CSV.
        b.goto(&app.url(&format!("/data/{NAME}"))).await?;
        b.click(&format!("main a[href='{href}']")).await?;
        b.find("#preview").await.context("the preview")?;
        b.click("#preview-form summary").await?;
        b.fill("#preview-form [name=c1_min]", "50").await?;
        b.click("#preview-form button[type=submit]").await?;
        let link = b
            .find("#filtered-downloads a[href*='unduh.csv']")
            .await
            .context("the filtered CSV link")?;
        b.save_screenshot_as("filtered").await?;
        let download = link.attr("href").await?.context("an address")?;
        let response = reqwest::get(app.url(&download)).await?;
        ensure!(
            response.status().as_u16() == 200,
            "{download}: {}",
            response.status()
        );
        let text = response.text().await?;
        let text = text.trim_start_matches('\u{feff}');
        let lines: Vec<&str> = text.lines().collect();
        ensure!(lines.first() == Some(&"kecamatan,jumlah,tahun"), "{text}");
        let mut districts: Vec<&str> = lines[1..]
            .iter()
            .filter_map(|l| l.split(',').next())
            .collect();
        districts.sort_unstable();
        ensure!(
            districts == ["Baureno", "Kalitidu", "Kanor", "Ngasem", "Padangan"],
            "the filtered rows: {text}"
        );
        Ok(())
    })
    .await;
}
