//! The public budget pages: a small known budget (see `super::good_rows`) and its
//! realisation imported and published through the real import functions, then exact sums on
//! the summary and every drill-down level in both languages, breadcrumbs, the CSV, XLSX and
//! JSON downloads, the year comparison, page weight, and 404 for unknown years and codes.

use budget::{Stage, import_file, publish};

use super::{BAPENDA, DISDIK, csv, good_rows, importer};
use crate::support::TestApp;

/// Realisation: spending 300,000,000 on Disdik's salaries (Jan 100, Feb 200 million) and
/// revenue 500,000,000 of hotel tax in January.
fn realisation_csv() -> Vec<u8> {
    format!(
        "bulan;kode_organisasi;kode_sub_kegiatan;kode_akun;realisasi\r\n\
         1;{DISDIK};1.01.01.2.02.0001;5.1.01.01.01.0001;100.000.000\r\n\
         2;{DISDIK};1.01.01.2.02.0001;5.1.01.01.01.0001;200.000.000\r\n\
         1;{BAPENDA};;4.1.01.07.01.0001;500.000.000\r\n"
    )
    .into_bytes()
}

/// Import and publish the known budget for `year` (and its realisation).
pub async fn publish_year(app: &TestApp, year: i32, with_realisation: bool) {
    let by = importer();
    let plan = import_file(
        &app.state,
        &csv(&good_rows()),
        "apbd.csv",
        year,
        Stage::Murni,
        &by,
    )
    .await
    .expect("import the budget");
    publish(&app.state, plan.version_id, &by)
        .await
        .expect("publish");
    if with_realisation {
        let real = import_file(
            &app.state,
            &realisation_csv(),
            "realisasi.csv",
            year,
            Stage::Realisasi,
            &by,
        )
        .await
        .expect("import the realisation");
        publish(&app.state, real.version_id, &by)
            .await
            .expect("publish");
    }
}

/// The text of the table row whose cells contain `needle` (tags stripped, spaces joined).
fn row_with(html: &str, needle: &str) -> String {
    html.split("<tr")
        .find(|r| r.contains(needle))
        .map(|r| {
            let mut out = String::new();
            let mut in_tag = false;
            let r = r.split_once('>').map_or(r, |(_, rest)| rest);
            for c in r.split("</tr>").next().unwrap_or("").chars() {
                match c {
                    '<' => {
                        in_tag = true;
                        out.push(' ');
                    }
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .unwrap_or_else(|| panic!("no row with {needle}"))
}

#[tokio::test]
async fn summary_and_drill_down_show_exact_sums_in_both_languages() {
    let app = TestApp::start().await;
    let v = app.visitor();
    let (status, _, html) = v.get("/anggaran").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"no-years\""), "no budget yet");
    publish_year(&app, 2026, true).await;

    let (status, _, html) = v.get("/anggaran").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/anggaran/2026\""));
    assert!(html.contains("href=\"/anggaran\""), "menu entry");

    let (status, _, html) = v.get("/anggaran/2026").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        row_with(&html, "id=\"budget-pages-revenue\""),
        "Pendapatan daerah Rp3.500.000.000 Rp500.000.000 14,3 %"
    );
    assert_eq!(
        row_with(&html, "id=\"budget-pages-spending\""),
        "Belanja daerah Rp2.100.000.000 Rp300.000.000 14,3 %"
    );
    assert!(row_with(&html, "id=\"budget-pages-surplus\"").contains("Rp1.400.000.000"));
    assert!(row_with(&html, "id=\"budget-pages-net-financing\"").contains("Rp200.000.000"));
    // Per capita: 2,100,000,000 / 1,348,000 = 1,557.86 → Rp1.558.
    assert!(html.contains("Rp1.558"), "spending per resident");
    assert!(html.contains("<svg"), "charts inline");
    assert!(!html.contains("<script"), "no JavaScript");
    // Kelompok 5.1: 1.35 billion, 5.2: 0.75 billion.
    assert_eq!(
        row_with(&html, ">5.1<"),
        "5.1 Belanja operasi Rp1.350.000.000 Rp300.000.000 22,2 % 64,3 %"
    );
    assert!(html.contains("href=\"/anggaran/2026/akun/5.2\""));

    // By organisation → Disdik → programme → kegiatan → sub kegiatan → accounts.
    let (status, _, html) = v.get("/anggaran/2026/organisasi").await;
    assert_eq!(status, 200);
    assert_eq!(
        row_with(&html, DISDIK),
        format!("{DISDIK} Dinas Pendidikan Rp2.100.000.000 Rp300.000.000 14,3 % 100,0 %")
    );
    let (status, _, html) = v.get(&format!("/anggaran/2026/organisasi/{DISDIK}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"crumbs\""));
    assert!(
        html.contains("href=\"/anggaran/2026/organisasi\""),
        "breadcrumb up"
    );
    assert_eq!(
        row_with(&html, ">1.01.01<"),
        "1.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA Rp1.350.000.000 Rp300.000.000 22,2 % 64,3 %"
    );
    assert!(row_with(&html, ">1.01.02<").contains("Rp750.000.000 Rp0 0,0 % 35,7 %"));
    let (status, _, html) = v
        .get(&format!("/anggaran/2026/organisasi/{DISDIK}/1.01.01"))
        .await;
    assert_eq!(status, 200);
    assert!(
        row_with(&html, ">1.01.01.2.02<")
            .contains("Administrasi Keuangan Perangkat Daerah Rp1.350.000.000")
    );
    let sub = format!("/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02.0001");
    let (status, _, html) = v.get(&sub).await;
    assert_eq!(status, 200);
    assert_eq!(
        row_with(&html, ">5.1.01.01.01.0001<"),
        "5.1.01.01.01.0001 Belanja Gaji Pokok PNS Rp1.200.000.000 Rp300.000.000 25,0 % 88,9 %"
    );
    assert!(row_with(&html, "id=\"total\"").contains("Rp1.350.000.000 Rp300.000.000"));
    for crumb in [
        format!("href=\"/anggaran/2026/organisasi/{DISDIK}\""),
        format!("href=\"/anggaran/2026/organisasi/{DISDIK}/1.01.01\""),
        format!("href=\"/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02\""),
    ] {
        assert!(html.contains(&crumb), "{crumb}");
    }
    assert!(html.contains("id=\"komentar\""), "the place for comments");

    // By function and by account.
    let (_, _, html) = v.get("/anggaran/2026/fungsi").await;
    assert!(row_with(&html, "/anggaran/2026/fungsi/1\"").contains("Rp2.100.000.000"));
    let (_, _, html) = v.get("/anggaran/2026/fungsi/1.01").await;
    assert!(row_with(&html, ">1.01.02<").contains("Rp750.000.000"));
    let (_, _, html) = v.get("/anggaran/2026/akun/4").await;
    assert!(row_with(&html, ">4.2<").contains("Rp2.500.000.000"));
    assert!(row_with(&html, ">4.1<").contains("Rp1.000.000.000 Rp500.000.000 50,0 %"));
    let (status, _, html) = v.get("/anggaran/2026/akun/5.1.01.01.01.0001").await;
    assert_eq!(status, 200);
    assert!(row_with(&html, DISDIK).contains("Rp1.200.000.000 Rp300.000.000"));

    // English.
    let (status, _, _) = v.get("/bahasa/en").await;
    assert!(status < 400);
    let (_, _, html) = v.get("/anggaran/2026").await;
    assert_eq!(
        row_with(&html, "id=\"budget-pages-spending\""),
        "Spending Rp2.100.000.000 Rp300.000.000 14.3%"
    );
    let (_, _, html) = v.get(&sub).await;
    assert!(row_with(&html, ">5.1.01.01.01.0001<").contains("25.0% 88.9%"));

    // Unknown years and codes.
    for path in [
        "/anggaran/2025",
        "/anggaran/abc",
        "/anggaran/2026/organisasi/9.99.0.00.0.00.01.0000",
        "/anggaran/2026/organisasi/bukan-kode",
        "/anggaran/2026/fungsi/1.01.01.2.02.9999",
        "/anggaran/2026/akun/5.1.09",
        "/anggaran/2026?tahap=murni&versi=7",
    ] {
        assert_eq!(v.get(path).await.0, 404, "{path}");
    }
    assert_eq!(v.get("/anggaran/2026?format=xml").await.0, 400);
}

#[tokio::test]
async fn downloads_comparison_and_page_weight() {
    let app = TestApp::start().await;
    publish_year(&app, 2025, false).await;
    publish_year(&app, 2026, true).await;
    let v = app.visitor();
    let org = format!("/anggaran/2026/organisasi/{DISDIK}");

    // CSV: BOM, header, exact integers, previous year's column.
    let response = v
        .client
        .get(v.url(&format!("{org}?format=csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = response.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(
        text.contains("1.01.01,PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA,1350000000,300000000,22.2,64.3,1350000000\r\n"),
        "{text}"
    );
    assert!(
        text.contains(",Jumlah,2100000000,300000000,14.3,100.0,2100000000\r\n"),
        "{text}"
    );

    // JSON: the same numbers.
    let (status, _, body) = v.get(&format!("{org}?format=json")).await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["total_plan"], 2_100_000_000_i64);
    assert_eq!(json["total_realisation"], 300_000_000_i64);
    assert_eq!(json["items"][0]["code"], "1.01.01");
    assert_eq!(json["items"][0]["previous_year"], 1_350_000_000_i64);
    let (_, _, body) = v.get("/anggaran/2026?format=json").await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["monthly_spending"][1], 200_000_000_i64);
    assert_eq!(json["population"], 1_348_000);

    // XLSX: a real workbook.
    let response = v
        .client
        .get(v.url(&format!("{org}?format=xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    assert!(bytes.len() > 1000);

    // Comparison: both years, the same codes matched.
    let (status, _, html) = v.get("/anggaran/bandingkan?tahun=2025&tahun=2026").await;
    assert_eq!(status, 200);
    assert!(row_with(&html, DISDIK).contains("Rp2.100.000.000 Rp2.100.000.000 0,0 %"));
    let (_, _, csv) = v
        .get("/anggaran/bandingkan?tahun=2025&tahun=2026&format=csv")
        .await;
    assert!(
        csv.contains(",4.2,Pendapatan transfer,2500000000,2500000000\r\n"),
        "{csv}"
    );
    assert_eq!(
        v.get("/anggaran/bandingkan?tahun=2025&tahun=2020").await.0,
        404
    );
    assert_eq!(v.get("/anggaran/bandingkan?tahun=x").await.0, 400);

    // Page weight: gzip-compressed bodies under 60 KB.
    for path in ["/anggaran/2026", org.as_str(), "/anggaran/2026/akun/5"] {
        let response = v
            .client
            .get(v.url(path))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], "gzip", "{path}");
        let size = response.bytes().await.unwrap().len();
        assert!(size < 60 * 1024, "{path}: {size} bytes");
    }
}

#[tokio::test]
async fn sub_kegiatan_and_account_rows_take_comments_for_their_organisation() {
    let app = TestApp::start().await;
    publish_year(&app, 2026, true).await;
    let v = app.visitor();
    let sub = format!("/anggaran/2026/organisasi/{DISDIK}/1.01.01.2.02.0001");
    let (status, _, html) = v.get(&sub).await;
    assert_eq!(status, 200);
    // Anonymous visitors get a link to the form's own page (the item page stays cacheable).
    assert!(html.contains("id=\"komentar\"") && html.contains("class=\"button write-comment\""));
    assert!(html.contains("/komentar/tulis?item_type=budget.sub_kegiatan"));
    // The account row: its own page, breadcrumbs up to the sub kegiatan, its comments.
    let line = format!("{sub}/5.1.01.01.01.0001");
    assert!(
        html.contains(&format!("href=\"{line}\"")),
        "row links to its page"
    );
    let (status, _, html) = v.get(&line).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("href=\"{sub}\"")), "breadcrumb up");
    assert_eq!(
        row_with(&html, "id=\"total\""),
        "Jumlah Rp1.200.000.000 Rp300.000.000 25,0 % 100,0 %"
    );
    let item_id = format!("2026/{DISDIK}/1.01.01.2.02.0001/5.1.01.01.01.0001");
    let write = format!(
        "/komentar/tulis?item_type=budget.account&#38;item_id={}",
        item_id.replace('/', "%2F")
    );
    assert!(html.contains(&write), "{html}");
    let (status, _, form) = v.get(&write.replace("&#38;", "&")).await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"budget.account\""));
    assert!(form.contains(&format!("value=\"{item_id}\"")));
    let (status, location, _) = v
        .post_form(
            "/komentar",
            &[
                ("item_type", "budget.account"),
                ("item_id", &item_id),
                ("name", "Warga Kalitidu"),
                ("email", "warga@contoh.id"),
                ("body", "Apakah gaji ini sudah termasuk tunjangan?"),
            ],
        )
        .await;
    assert!(status == 303 || status == 302, "{status}");
    assert!(location.starts_with(&line), "{location}");
    let (org, url): (String, String) = {
        use platform::on_db;
        on_db!(&app.state.db, pool => sqlx::query_as(
            "SELECT organisation_id, item_url FROM comments WHERE item_type = 'budget.account' AND item_id = $1")
            .bind(&item_id).fetch_one(pool).await)
        .unwrap()
    };
    assert_eq!((org.as_str(), url.as_str()), ("disdik", line.as_str()));
    // Unknown lines take none, and have no page.
    assert_eq!(v.get(&format!("{sub}/5.1.01.01.01.0009")).await.0, 404);
    let (status, _, _) = v
        .post_form(
            "/komentar",
            &[
                ("item_type", "budget.account"),
                (
                    "item_id",
                    &format!("2026/{DISDIK}/1.01.01.2.02.0001/5.1.01.01.01.0009"),
                ),
                ("name", ""),
                ("email", "warga@contoh.id"),
                ("body", "Baris yang tidak ada."),
            ],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_report_card_shows_this_years_budget_of_the_organisation() {
    let app = TestApp::start().await;
    let v = app.visitor();
    let (_, _, html) = v.get("/organisasi/disdik").await;
    assert!(!html.contains("id=\"rapor-anggaran\""), "no budget yet");
    publish_year(&app, 2026, true).await;
    let (status, _, html) = v.get("/organisasi/disdik").await;
    assert_eq!(status, 200);
    let section = html
        .split("id=\"rapor-anggaran\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("the budget section");
    assert!(section.contains("Rp2.100.000.000"), "{section}");
    assert!(section.contains("Rp300.000.000"));
    assert!(section.contains("14,3 %"));
    assert!(section.contains(&format!("href=\"/anggaran/2026/organisasi/{DISDIK}\"")));
    // An organisation the budget does not name has no section.
    let (_, _, html) = v.get("/organisasi/diskominfo").await;
    assert!(!html.contains("id=\"rapor-anggaran\""));
}

/// The demo APBD (tens of thousands of lines a year): the summary, every organisation's
/// page and the function roots stay under 60 KB gzipped, and each is answered quickly
/// (times printed; a debug build, so no hard limit).
#[tokio::test]
async fn demo_budget_pages_stay_under_60_kb() {
    let app = TestApp::start().await;
    budget::demo::load_demo_budget_if_empty(&app.state)
        .await
        .unwrap()
        .expect("the demo budget");
    let v = app.visitor();
    let (_, _, body) = v.get("/anggaran/2026/organisasi?format=json").await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut paths = vec![
        "/anggaran/2026".to_string(),
        "/anggaran/2026/organisasi".to_string(),
        "/anggaran/2026/fungsi".to_string(),
        "/anggaran/2026/akun/5.1".to_string(),
    ];
    for item in json["items"].as_array().unwrap() {
        paths.push(format!(
            "/anggaran/2026/organisasi/{}",
            item["code"].as_str().unwrap()
        ));
    }
    assert!(paths.len() > 20, "the demo has organisations");
    // The summary's treemap of spending by organisation: inline SVG, a <title> per tile,
    // the table of its items beside it, and the page under 60 KB even uncompressed.
    let (status, _, summary) = v.get("/anggaran/2026").await;
    assert_eq!(status, 200);
    let treemap = summary
        .split("class=\"chart treemap\"")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("a treemap");
    let tiles = treemap.matches("<rect ").count();
    assert!((20..=31).contains(&tiles), "{tiles} tiles");
    assert_eq!(
        treemap.matches("<title>").count(),
        tiles,
        "a title per tile"
    );
    assert!(
        treemap.contains("<title id=\"peta-belanja-judul\">"),
        "the chart's own"
    );
    assert_eq!(
        summary
            .split("id=\"treemap-table\"")
            .nth(1)
            .unwrap()
            .split("</table>")
            .next()
            .unwrap()
            .matches("<tr>")
            .count(),
        tiles + 1,
        "a table row per tile, and the header"
    );
    assert!(!summary.contains("<script"));
    assert!(summary.len() < 60 * 1024, "{} bytes", summary.len());
    let mut biggest = (0, String::new());
    let mut slowest = (std::time::Duration::ZERO, String::new());
    for path in &paths {
        let started = std::time::Instant::now();
        let response = v
            .client
            .get(v.url(path))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let size = response.bytes().await.unwrap().len();
        let took = started.elapsed();
        if size > biggest.0 {
            biggest = (size, path.clone());
        }
        if took > slowest.0 {
            slowest = (took, path.clone());
        }
        assert!(size < 60 * 1024, "{path}: {size} bytes gzipped");
    }
    eprintln!(
        "demo budget pages: {} pages, biggest {} bytes gzipped ({}), slowest {} ms ({})",
        paths.len(),
        biggest.0,
        biggest.1,
        slowest.0.as_millis(),
        slowest.1
    );
}

/// The plan is the latest published stage (perubahan over murni, with murni beside it);
/// a superseded version stays readable at the address the publication log gives, and its
/// links keep to it.
#[tokio::test]
async fn the_revised_budget_is_the_plan_and_old_versions_stay_readable() {
    let app = TestApp::start().await;
    publish_year(&app, 2026, false).await;
    let by = importer();
    // Murni version 2: the school rehabilitation grows from 750 to 900 million.
    let mut rows = good_rows();
    rows[4][11] = "900.000.000";
    let v2 = import_file(
        &app.state,
        &csv(&rows),
        "apbd-v2.csv",
        2026,
        Stage::Murni,
        &by,
    )
    .await
    .unwrap();
    publish(&app.state, v2.version_id, &by).await.unwrap();
    let v = app.visitor();
    let (_, _, html) = v.get("/anggaran/2026").await;
    assert!(row_with(&html, "id=\"budget-pages-spending\"").contains("Rp2.250.000.000"));
    let old = budget::import::public_url(2026, Stage::Murni, 1);
    let (status, _, html) = v.get(&old).await;
    assert_eq!(status, 200);
    assert!(row_with(&html, "id=\"budget-pages-spending\"").contains("Rp2.100.000.000"));
    assert!(html.contains("versi lama"), "says it is superseded");
    assert!(
        html.contains("href=\"/anggaran/2026/organisasi?tahap=murni&#38;versi=1\""),
        "links keep the version"
    );
    // The revised budget: 1 billion more for the schools; murni stays beside it.
    rows[4][11] = "1.750.000.000";
    let p = import_file(
        &app.state,
        &csv(&rows),
        "apbd-p.csv",
        2026,
        Stage::Perubahan,
        &by,
    )
    .await
    .unwrap();
    publish(&app.state, p.version_id, &by).await.unwrap();
    let (_, _, html) = v.get("/anggaran/2026").await;
    assert_eq!(
        row_with(&html, "id=\"budget-pages-spending\""),
        "Belanja daerah Rp2.250.000.000 Rp3.100.000.000 – –"
    );
    assert!(html.contains("APBD perubahan"));
}

/// Every item of every level of the function and account trees, in both languages, has a
/// name — the bidang and jenis from the regulation's list (`data/budget/kode-*.csv`), the
/// rest from the file or the translations — and never the code alone.
#[tokio::test]
async fn every_level_of_both_trees_shows_a_name() {
    let app = TestApp::start().await;
    publish_year(&app, 2026, true).await;
    let v = app.visitor();
    // (path, depth, deepest level whose items lead further down)
    let mut seen = 0;
    for (root, deepest) in [("/anggaran/2026/fungsi", 5), ("/anggaran/2026/akun", 4)] {
        let mut queue = vec![(root.to_string(), 0)];
        while let Some((path, depth)) = queue.pop() {
            let (status, _, body) = v.get(&format!("{path}?format=json")).await;
            assert_eq!(status, 200, "{path}");
            let json: serde_json::Value = serde_json::from_str(&body).unwrap();
            for item in json["items"].as_array().unwrap() {
                let (code, name) = (
                    item["code"].as_str().unwrap(),
                    item["name"].as_str().unwrap(),
                );
                assert!(
                    !name.is_empty() && name != code,
                    "{path}: {code} has no name"
                );
                seen += 1;
                if depth < deepest && !code.is_empty() {
                    let prefix = root.to_string();
                    queue.push((format!("{prefix}/{code}"), depth + 1));
                }
            }
        }
    }
    assert!(seen > 20, "{seen} items walked");
    let (_, _, html) = v.get("/anggaran/2026/fungsi/1").await;
    assert!(row_with(&html, ">1.01<").contains("1.01 Pendidikan Rp2.100.000.000"));
    let (_, _, html) = v.get("/anggaran/2026/akun/5.1").await;
    assert!(row_with(&html, ">5.1.01<").contains("Belanja Pegawai Rp1.200.000.000"));
    assert!(row_with(&html, ">5.1.02<").contains("Belanja Barang dan Jasa"));
    let (_, _, html) = v.get("/anggaran/2026/akun/4.1").await;
    assert!(row_with(&html, ">4.1.01<").contains("Pajak Daerah"));
    // The breadcrumbs name the levels too.
    let (_, _, html) = v.get("/anggaran/2026/fungsi/1.01.02").await;
    assert!(html.contains("1.01 Pendidikan</a>"), "{html}");
    let (status, _, _) = v.get("/bahasa/en").await;
    assert!(status < 400);
    let (_, _, html) = v.get("/anggaran/2026/fungsi/1").await;
    assert!(row_with(&html, ">1.01<").contains("1.01 Education"));
    let (_, _, html) = v.get("/anggaran/2026/akun/5.2").await;
    assert!(row_with(&html, ">5.2.03<").contains("Capital: buildings and structures"));
}

/// A sub kegiatan reached through the function tree shows the same discussion as through
/// its organisation (same item ids), and its account rows lead to the organisation's line
/// pages; held by several organisations, it links to each one's discussion.
#[tokio::test]
async fn the_function_tree_shows_the_same_comments_as_the_organisation_tree() {
    let app = TestApp::start().await;
    publish_year(&app, 2026, true).await;
    let v = app.visitor();
    let sub = "1.01.01.2.02.0001";
    let item_id = format!("2026/{DISDIK}/{sub}").replace('/', "%2F");
    let write = format!("/komentar/tulis?item_type=budget.sub_kegiatan&#38;item_id={item_id}");
    let (status, _, by_org) = v
        .get(&format!("/anggaran/2026/organisasi/{DISDIK}/{sub}"))
        .await;
    assert_eq!(status, 200);
    assert!(by_org.contains(&write), "{by_org}");
    let (status, _, by_function) = v.get(&format!("/anggaran/2026/fungsi/{sub}")).await;
    assert_eq!(status, 200);
    assert!(by_function.contains("id=\"komentar\""));
    assert!(by_function.contains(&write), "{by_function}");
    let line = format!("/anggaran/2026/organisasi/{DISDIK}/{sub}/5.1.01.01.01.0001");
    assert!(
        by_function.contains(&format!("href=\"{line}\"")),
        "row → the line's page"
    );
    // The comments section shows the published comments of the item.
    let section = |html: &str| {
        html.split("id=\"komentar\"")
            .nth(1)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(section(&by_org), section(&by_function));

    // Two organisations with the same sub kegiatan: a link to each one's discussion.
    let other = "1.01.0.00.0.00.02.0000";
    let mut rows = super::good_rows();
    let mut shared = rows[2];
    shared[0] = other;
    shared[1] = "UPT Pendidikan";
    rows.push(shared);
    let by = super::importer();
    let revised = budget::import_file(
        &app.state,
        &super::csv(&rows),
        "apbd-p.csv",
        2026,
        budget::Stage::Perubahan,
        &by,
    )
    .await
    .unwrap();
    budget::publish(&app.state, revised.version_id, &by)
        .await
        .unwrap();
    let (status, _, html) = v.get(&format!("/anggaran/2026/fungsi/{sub}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("id=\"komentar\""), "no single discussion");
    for org in [DISDIK, other] {
        let href = format!("href=\"/anggaran/2026/organisasi/{org}/{sub}#komentar\"");
        assert!(html.contains(&href), "{href}");
    }
}
