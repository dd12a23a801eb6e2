//! The whole complaint flow in headless Chromium with JavaScript turned off (issue 3's
//! browser test): a guest submits a complaint with a photo, a verifier routes it, an officer
//! of that organisation answers, and the guest reads the answer through the secret link,
//! sees their photo and confirms completion with a rating.
//!
//! Every step goes through the pages as a person would use them: links clicked, forms
//! filled and submitted (the photo through the file input); the tracking code and the secret
//! link are read off the confirmation page. The browser refuses to start when a page script
//! still runs ([`Options::without_javascript`]). Skipped with a notice without Chromium
//! (mandatory under `TERBUKA_FULL_TESTS=1`); a failure leaves a screenshot in
//! `target/e2e-screenshots/`; a passing run leaves the confirmation page, the staff page after
//! routing and the completed follow-up page there (to look at them).

use std::path::Path;

use anyhow::{Context, bail, ensure};
use fantoccini::Locator;
use platform::authz::Role;
use platform::on_db;
use platform::testing::browser::{Browser, Options, with_browser_options};

use crate::support::{PASSWORD, TestApp};

const TEST: &str = "complaints_browser_a_guest_complaint_with_a_photo_is_routed_answered_and_rated";

/// A 160×120 JPEG (a street lamp against the sky), as a phone would send a photo.
fn photo() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/fixtures/lampu-jalan.jpg"
    ))
}

/// The guest's personal data, which the organisation must not see on an anonymous case and
/// the public page must never show.
const NAME: &str = "Rina Kusumawati";
const EMAIL: &str = "rina.kusumawati@contoh.id";
const PHONE: &str = "0812-3456-7890";

const TITLE: &str = "Lampu penerangan jalan padam di depan balai desa";
const ANSWER: &str = "Lampu sudah diganti petugas Dishub pada Kamis malam.";
const COMMENT: &str = "Cepat ditangani, terima kasih.";

async fn sign_in(b: &Browser, app: &TestApp, email: &str) -> anyhow::Result<()> {
    b.goto(&app.url("/")).await?;
    b.click("header a[href='/masuk']").await?;
    b.wait_for_path("/masuk", |p| p.starts_with("/masuk"))
        .await?;
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
    b.find("header a[href='/masuk']")
        .await
        .context("after signing out, the header offers to sign in")?;
    Ok(())
}

/// No error page, and a main heading.
async fn page_ok(b: &Browser, what: &str) -> anyhow::Result<()> {
    b.find("main h1")
        .await
        .with_context(|| format!("{what}: no main heading"))?;
    ensure!(
        !b.exists("section.error").await,
        "{what}: an error page: {}",
        b.body_text().await?
    );
    Ok(())
}

/// The text of the first element matching `css`.
async fn text_of(b: &Browser, css: &str) -> anyhow::Result<String> {
    Ok(b.find(css).await?.text().await?.trim().to_string())
}

/// The staff case form for `action` (each step is its own form on the staff case page).
fn action_form(action: &str) -> String {
    format!("main form.case-action:has(input[name=action][value={action}])")
}

/// The value of the `<dd>` after the `<dt>` whose text is `term`, in the list `dl`.
async fn fact(b: &Browser, dl: &str, term: &str) -> anyhow::Result<String> {
    let terms = b.client.find_all(Locator::Css(&format!("{dl} dt"))).await?;
    let values = b.client.find_all(Locator::Css(&format!("{dl} dd"))).await?;
    for (t, v) in terms.iter().zip(&values) {
        if t.text().await?.trim() == term {
            return Ok(v.text().await?.trim().to_string());
        }
    }
    bail!("no {term:?} in `{dl}`")
}

#[tokio::test]
async fn a_guest_complaint_with_a_photo_is_routed_answered_and_rated() {
    let app = TestApp::start().await;
    app.user(
        "verifikator@bojonegorokab.go.id",
        &[(Role::Verifier, "diskominfo")],
    )
    .await;
    app.user(
        "petugas@dishub.bojonegorokab.go.id",
        &[(Role::Officer, "dishub")],
    )
    .await;
    with_browser_options(TEST, Options::without_javascript(), async |b| {
        // 1. The guest fills in every field, attaches the photo and submits.
        b.goto(&app.url("/pengaduan/baru")).await?;
        page_ok(b, "the form").await?;
        b.click("main form input[name=kind][value=pengaduan]").await?;
        b.fill("main form [name=title]", TITLE).await?;
        b.fill(
            "main form [name=description]",
            "Sudah dua minggu lampu PJU di depan balai desa padam. Malam hari jalan gelap \
             dan sudah ada pengendara motor yang jatuh.",
        )
        .await?;
        b.select("main form [name=category]", "jalan-jembatan").await?;
        b.select("main form [name=region]", "35.22.01.2001").await?;
        b.fill("main form [name=location_text]", "Jl. Raya Luwihaji, depan balai desa")
            .await?;
        b.fill("main form [name=latitude]", "-7.3512").await?;
        b.fill("main form [name=longitude]", "111.6340").await?;
        // Anonymous: public case, reporter hidden from the public and the organisation.
        b.click("main form input[name=privacy][value=anonymous]").await?;
        b.fill("main form [name=name]", NAME).await?;
        b.fill("main form [name=email]", EMAIL).await?;
        b.fill("main form [name=phone]", PHONE).await?;
        b.upload("main form input[type=file][name=lampiran]", photo())
            .await?;
        b.click("main form button[type=submit]").await?;

        // 2. The confirmation page: the tracking code and the secret follow-up link.
        let code = text_of(b, "main .tracking-code strong").await?;
        ensure!(
            code.starts_with("ADU-") && code.len() == "ADU-2026-000001".len(),
            "a tracking code like ADU-2026-000123, got {code:?}"
        );
        b.save_screenshot_as("submitted").await?;
        let link = b.find("main section.card a").await?;
        let href = link.attr("href").await?.unwrap_or_default();
        ensure!(
            link.text().await?.trim() == href,
            "the link is written out to be copied"
        );
        // The link is absolute on the configured public address; this server listens on a
        // test port, so the guest's visit keeps the path and the secret.
        let follow_up = href
            .find("/pengaduan/lacak/")
            .map(|at| href[at..].to_string())
            .with_context(|| format!("a follow-up link, got {href:?}"))?;
        ensure!(
            follow_up.starts_with(&format!("/pengaduan/lacak/{code}?kunci=")),
            "the link names the case and carries the secret: {follow_up}"
        );

        // 3. The verifier finds it in the queue, verifies it and routes it to Dishub (not
        //    the category's default organisation: street lighting is theirs).
        sign_in(b, &app, "verifikator@bojonegorokab.go.id").await?;
        b.goto(&app.url("/kelola/pengaduan/verifikasi")).await?;
        page_ok(b, "the verifiers' queue").await?;
        let staff_page = format!("/kelola/pengaduan/{code}");
        b.click(&format!("main a[href='{staff_page}']")).await?;
        b.wait_for_path(&staff_page, |p| p == staff_page).await?;
        page_ok(b, "the staff case page").await?;
        b.wait_for_text(TITLE).await?;
        b.wait_for_text(NAME)
            .await
            .context("the verifier sees who reported")?;
        b.wait_for_text("lampu-jalan.jpg")
            .await
            .context("the photo is on the case")?;
        let route = action_form("verify_and_route");
        b.select(&format!("{route} select[name=route_to]"), "dishub")
            .await?;
        b.fill(
            &format!("{route} textarea[name=body]"),
            "Penerangan jalan umum ditangani Dinas Perhubungan.",
        )
        .await?;
        b.click(&format!("{route} button[type=submit]")).await?;
        b.find("main p.notice.ok")
            .await
            .context("the step is saved")?;
        ensure!(
            fact(b, "main section.staff > dl", "Organisasi").await? == "Dinas Perhubungan",
            "routed to Dishub"
        );
        b.save_screenshot_as("routed").await?;
        sign_out(b).await?;

        // 4. The Dishub officer opens it from the inbox and answers publicly.
        sign_in(b, &app, "petugas@dishub.bojonegorokab.go.id").await?;
        b.goto(&app.url("/kelola/pengaduan")).await?;
        page_ok(b, "the inbox").await?;
        b.click(&format!("main a[href='{staff_page}']")).await?;
        b.wait_for_path(&staff_page, |p| p == staff_page).await?;
        page_ok(b, "the officer's case page").await?;
        let seen = b.body_text().await?;
        for personal in [NAME, EMAIL, PHONE] {
            ensure!(
                !seen.contains(personal),
                "anonymous: the organisation sees {personal}"
            );
        }
        let respond = action_form("respond");
        b.fill(&format!("{respond} textarea[name=body]"), ANSWER)
            .await?;
        b.click(&format!("{respond} button[type=submit]")).await?;
        b.find("main p.notice.ok")
            .await
            .context("the answer is saved")?;
        b.wait_for_text(ANSWER).await?;
        sign_out(b).await?;

        // 5. The guest (signed out) opens the secret link: the answer and their photo.
        b.goto(&app.url(&follow_up)).await?;
        page_ok(b, "the follow-up page").await?;
        b.wait_for_text(ANSWER).await?;
        ensure!(
            fact(b, "main dl.facts", "Status").await? == "Ditindaklanjuti",
            "the case waits for the reporter"
        );
        let img = b
            .find("main ol.timeline img[alt='lampu-jalan.jpg']")
            .await
            .context("the guest sees their photo on the case")?;
        // Width is set by the page; the height comes from the decoded image (a broken
        // image would be an icon's height).
        let (_, _, width, height) = img.rectangle().await?;
        ensure!(
            (width - 240.0).abs() < 1.0 && (height - 180.0).abs() < 1.0,
            "the photo is shown at 240×180, got {width}×{height}"
        );
        let photo_url = img.attr("src").await?.unwrap_or_default();
        ensure!(
            photo_url.starts_with(&format!("/pengaduan/lacak/{code}/lampiran/")),
            "the photo is served through the follow-up link: {photo_url}"
        );
        // Opened on its own, it is the JPEG as sent (160×120).
        b.goto(&app.url(&photo_url)).await?;
        let (_, _, width, height) = b.find("img").await?.rectangle().await?;
        ensure!(
            (width - 160.0).abs() < 1.0 && (height - 120.0).abs() < 1.0,
            "the photo itself, got {width}×{height}"
        );
        // Without the right secret, the same address is a plain 404.
        let wrong = photo_url.replace("kunci=", "kunci=salah");
        b.goto(&app.url(&wrong)).await?;
        b.find("main section.error")
            .await
            .context("a wrong secret shows the error page")?;
        ensure!(
            !b.exists("img").await,
            "no photo with a wrong secret"
        );

        // 6. They confirm completion and rate the handling 4 with a comment.
        b.goto(&app.url(&follow_up)).await?;
        let done = "main form[action$='/selesai']";
        b.click(&format!("{done} input[name=rating][value='4']"))
            .await?;
        b.fill(&format!("{done} textarea[name=body]"), COMMENT)
            .await?;
        b.click(&format!("{done} button[type=submit]")).await?;
        b.wait_for_path("the follow-up page again", |p| p == follow_up)
            .await?;
        page_ok(b, "the completed follow-up page").await?;
        b.find("main .rating[data-rating='4']")
            .await
            .context("the page shows the rating")?;
        b.wait_for_text("Penilaian Anda: 4 dari 5").await?;
        b.wait_for_text(COMMENT).await?;
        ensure!(
            fact(b, "main dl.facts", "Status").await? == "Selesai",
            "the case is completed"
        );
        ensure!(
            !b.exists("main form[action$='/selesai']").await
                && !b.exists("main form[action$='/balas']").await,
            "nothing left to answer"
        );
        // The whole page in one picture: a window as tall as the page needs.
        b.client.set_window_size(1280, 2600).await?;
        let path = b.save_screenshot().await?;
        b.client.set_window_size(1280, 1000).await?;
        eprintln!("{TEST}: the completed follow-up page is in {}", path.display());

        // 7. The public case page: answered and completed, and nobody's personal data.
        b.goto(&app.url(&format!("/pengaduan/{code}"))).await?;
        page_ok(b, "the public case page").await?;
        b.wait_for_text(ANSWER).await?;
        let public = b.body_text().await?;
        ensure!(
            fact(b, "main dl.facts", "Status").await? == "Selesai",
            "the public sees the completed state"
        );
        for personal in [NAME, EMAIL, PHONE] {
            ensure!(
                !public.contains(personal),
                "the public page shows {personal}"
            );
        }

        // What the pages did is what was stored.
        let (state, organisation): (String, Option<String>) = on_db!(&app.state.db, pool =>
            sqlx::query_as("SELECT state, organisation_id FROM cases").fetch_one(pool).await)?;
        ensure!(
            (state.as_str(), organisation.as_deref()) == ("completed", Some("dishub")),
            "stored: {state} at {organisation:?}"
        );
        let (rating, comment, privacy): (Option<i32>, String, String) =
            on_db!(&app.state.db, pool => sqlx::query_as(
                "SELECT k.rating, k.rating_comment, c.privacy FROM complaints k \
                 JOIN cases c ON c.id = k.case_id").fetch_one(pool).await)?;
        ensure!(
            (rating, comment.as_str(), privacy.as_str()) == (Some(4), COMMENT, "anonymous"),
            "stored: {rating:?} {comment:?} {privacy}"
        );
        Ok(())
    })
    .await;
}
