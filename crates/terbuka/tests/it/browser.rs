//! Browser tests: a person in headless Chromium (over WebDriver) uses the portal — the home
//! page and its menu, the language switch, registering, signing out and in, and an admin
//! creating an officer who can then sign in. Skipped with a notice when Chromium or
//! chromedriver is missing (mandatory under `TERBUKA_FULL_TESTS=1`); a failing test leaves a
//! screenshot in `target/e2e-screenshots/`.
//!
//! The tests find things by structure (`href`, `name`, `lang`), not by wording, so that
//! editing a translation does not break them.

use anyhow::{Context, ensure};
use platform::authz::Role;
use platform::testing::browser::{Browser, with_browser};

use crate::support::{PASSWORD, TestApp};

/// The page shows no error box and has a main heading.
async fn assert_page_ok(b: &Browser, what: &str) -> anyhow::Result<()> {
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

/// The hrefs of the links matching `css`.
async fn hrefs(b: &Browser, css: &str) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for link in b.client.find_all(fantoccini::Locator::Css(css)).await? {
        if let Some(href) = link.attr("href").await? {
            out.push(href);
        }
    }
    Ok(out)
}

async fn sign_in(b: &Browser, app: &TestApp, email: &str, password: &str) -> anyhow::Result<()> {
    b.goto(&app.url("/")).await?;
    b.click("header a[href='/masuk']").await?;
    b.wait_for_path("/masuk", |p| p.starts_with("/masuk"))
        .await?;
    b.fill("main form [name=email]", email).await?;
    b.fill("main form [name=password]", password).await?;
    b.click("main form button[type=submit]").await?;
    // Signed in: the header links to the account page and offers to sign out.
    b.find("header a[href='/akun']")
        .await
        .context("after signing in, the header shows the account")?;
    b.find("header form[action='/keluar'] button").await?;
    Ok(())
}

async fn sign_out(b: &Browser) -> anyhow::Result<()> {
    b.click("header form[action='/keluar'] button").await?;
    b.find("header a[href='/masuk']")
        .await
        .context("after signing out, the header offers to sign in")?;
    ensure!(
        !b.exists("header a[href='/akun']").await,
        "still signed in after signing out"
    );
    Ok(())
}

#[tokio::test]
async fn home_page_renders_and_its_menu_works() {
    let app = TestApp::start().await;
    with_browser("home_page_renders_and_its_menu_works", async |b| {
        b.goto(&app.url("/")).await?;
        assert_page_ok(b, "home").await?;
        ensure!(
            !b.client.title().await?.is_empty(),
            "the home page has a title"
        );
        let menu = hrefs(b, "nav.main a").await?;
        ensure!(!menu.is_empty(), "the main menu has entries");
        let footer = hrefs(b, "footer.site a").await?;
        for href in menu.iter().chain(&footer) {
            b.goto(&app.url("/")).await?;
            let selector = format!("a[href='{href}']");
            b.click(&selector).await?;
            let path = href.split('#').next().unwrap_or(href).to_string();
            b.wait_for_path(href, |p| p == path).await?;
            assert_page_ok(b, href).await?;
        }
        // The current page is marked in the menu.
        b.goto(&app.url("/")).await?;
        b.find("nav.main a[aria-current='page']").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn language_switch_to_english_and_back() {
    let app = TestApp::start().await;
    with_browser("language_switch_to_english_and_back", async |b| {
        b.goto(&app.url("/")).await?;
        ensure!(
            b.lang().await? == "id",
            "the portal opens in Bahasa Indonesia"
        );
        let menu_id = b.find("nav.main").await?.text().await?;
        b.click("header a[hreflang='en']").await?;
        b.find("html[lang='en']")
            .await
            .context("the page switched to English")?;
        ensure!(
            b.path().await? == "/",
            "the switch returns to the same page"
        );
        let menu_en = b.find("nav.main").await?.text().await?;
        ensure!(
            menu_en != menu_id,
            "the menu is translated: {menu_id:?} vs {menu_en:?}"
        );
        // The choice sticks on the next page.
        b.goto(&app.url("/masuk")).await?;
        ensure!(
            b.lang().await? == "en",
            "English is remembered across pages"
        );
        b.click("header a[hreflang='id']").await?;
        b.find("html[lang='id']")
            .await
            .context("the page switched back to Bahasa Indonesia")?;
        ensure!(
            b.path().await?.starts_with("/masuk"),
            "the switch returns to the same page"
        );
        b.goto(&app.url("/")).await?;
        ensure!(
            b.find("nav.main").await?.text().await? == menu_id,
            "the menu reads as before"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_citizen_registers_signs_out_and_signs_in() {
    let app = TestApp::start().await;
    with_browser("a_citizen_registers_signs_out_and_signs_in", async |b| {
        b.goto(&app.url("/")).await?;
        b.click("header a[href='/daftar']").await?;
        b.wait_for_path("/daftar", |p| p.starts_with("/daftar"))
            .await?;
        b.fill("main form [name=name]", "Sri Wahyuni").await?;
        b.fill("main form [name=email]", "sri.wahyuni@contoh.id")
            .await?;
        b.fill("main form [name=password]", PASSWORD).await?;
        b.click("main form button[type=submit]").await?;
        // Registered and signed in at once.
        b.find("header a[href='/akun']")
            .await
            .context("registration signs the citizen in")?;
        b.wait_for_text("Sri Wahyuni").await?;
        sign_out(b).await?;
        sign_in(b, &app, "sri.wahyuni@contoh.id", PASSWORD).await?;
        b.goto(&app.url("/akun")).await?;
        assert_page_ok(b, "/akun").await?;
        b.wait_for_text("sri.wahyuni@contoh.id").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn an_admin_creates_an_officer_who_can_sign_in() {
    let app = TestApp::start().await;
    app.user(
        "admin.uji@bojonegorokab.go.id",
        &[(Role::Admin, "diskominfo")],
    )
    .await;
    with_browser("an_admin_creates_an_officer_who_can_sign_in", async |b| {
        sign_in(b, &app, "admin.uji@bojonegorokab.go.id", PASSWORD).await?;
        b.goto(&app.url("/admin/pengguna/baru")).await?;
        assert_page_ok(b, "/admin/pengguna/baru").await?;
        b.fill("main form [name=name]", "Budi Santoso").await?;
        b.fill("main form [name=email]", "budi.santoso@bojonegorokab.go.id")
            .await?;
        b.fill("main form [name=password]", PASSWORD).await?;
        b.select("main form [name=organisation_id]", "bappeda")
            .await?;
        b.select("main form [name=role]", "officer").await?;
        b.click("main form button[type=submit]").await?;
        b.wait_for_path("the new user's page", |p| {
            p.starts_with("/admin/pengguna/") && !p.starts_with("/admin/pengguna/baru")
        })
        .await?;
        assert_page_ok(b, "the new user's page").await?;
        b.wait_for_text("budi.santoso@bojonegorokab.go.id").await?;
        sign_out(b).await?;
        sign_in(b, &app, "budi.santoso@bojonegorokab.go.id", PASSWORD).await?;
        // The officer works for Bappeda: the header offers the staff workspace.
        b.find("header a[href='/kelola']")
            .await
            .context("an officer sees the workspace link")?;
        b.click("header a[href='/kelola']").await?;
        assert_page_ok(b, "/kelola").await?;
        Ok(())
    })
    .await;
}
