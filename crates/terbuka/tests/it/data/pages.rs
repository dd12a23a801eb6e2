//! The public dataset pages: the dataset page with its metadata, resources, history and
//! comments; drafts never shown; an earlier version with its banner; CKAN's address; the
//! resource page's preview (filters, sort, pages, chart) and downloads of the full table and
//! of the filtered view; bad filters as a 400 page; the original file; the freshness board
//! and the report card when the clock moves past a dataset's due date.

use chrono::Duration;
use data::catalog::{self, DictionaryColumn, NewDataset, NewResource};
use data::tabular::{self, LoadOptions};
use uuid::Uuid;

use platform::clock::Clock;

use crate::support::TestApp;

/// 60 rows: three kecamatan × 20 years, production rising with the year.
pub(crate) fn production_csv() -> String {
    let mut s = String::from("kecamatan,tahun,produksi_ton,tanggal_panen\n");
    for (k, base) in [("Dander", 1000), ("Kalitidu", 2000), ("Baureno", 3000)] {
        for year in 2001..=2020 {
            s.push_str(&format!(
                "{k},{year},{}.5,{year}-04-15\n",
                base + (year - 2000) * 10
            ));
        }
    }
    s
}

/// A verified dataset of `organisation` whose one resource is `csv` loaded into the tabular
/// store (with the file stored as its original). Returns (dataset id, resource id).
pub(crate) async fn tabular_dataset(
    app: &TestApp,
    name: &str,
    organisation: &str,
    frequency: &str,
    csv: &str,
) -> (Uuid, Uuid) {
    let now = app.clock.now();
    let file = platform::files::store(&app.state, csv.as_bytes(), "produksi.csv", None)
        .await
        .unwrap();
    let table = tabular::load(
        &app.state.db,
        csv.as_bytes(),
        "produksi.csv",
        &LoadOptions::default(),
        now,
    )
    .await
    .unwrap();
    let new = NewDataset {
        organisation_id: organisation.into(),
        frequency: frequency.into(),
        groups: vec!["pertanian".into()],
        tags: vec!["padi".into(), "produksi".into()],
        resources: vec![NewResource {
            name: "Produksi per kecamatan".into(),
            format: "CSV".into(),
            file_id: Some(file.id),
            size_bytes: Some(file.size_bytes),
            table_id: Some(table.id),
            dictionary: vec![DictionaryColumn {
                name: "produksi_ton".into(),
                kind: "number".into(),
                description: "Produksi gabah kering giling".into(),
                unit: "ton".into(),
            }],
            ..NewResource::default()
        }],
        ..crate::data::catalog::sample(name)
    };
    let mut tx = app.state.db.begin().await.unwrap();
    let (id, version) = catalog::create_verified(&mut tx, &new, Uuid::nil(), now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let d = catalog::version(&app.state.db, &id.to_string(), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.version.id, version);
    (id, d.version.resources[0].id)
}

/// The rows of the preview table (`<tbody>` of `#preview`).
fn preview_rows(body: &str) -> Vec<String> {
    let Some(start) = body.find("id=\"preview\"") else {
        return Vec::new();
    };
    let rest = &body[start..];
    let tbody = &rest[rest.find("<tbody>").unwrap()..rest.find("</tbody>").unwrap()];
    tbody.split("<tr>").skip(1).map(|r| r.to_string()).collect()
}

#[tokio::test]
async fn the_dataset_page_shows_metadata_resources_history_and_comments() {
    let app = TestApp::start().await;
    let (_, resource) =
        tabular_dataset(&app, "produksi-padi", "disdik", "annual", &production_csv()).await;
    let visitor = app.visitor();
    let (status, _, body) = visitor.get("/data/produksi-padi").await;
    assert_eq!(status, 200, "{body}");
    for expected in [
        "Jumlah Sekolah per Kecamatan",
        "href=\"/organisasi/disdik\"",
        "Dinas Pendidikan",
        "Creative Commons Attribution 4.0",
        "Tahunan",
        "id=\"freshness\" data-state=\"fresh\"",
        "href=\"/data?tags=padi\"",
        "href=\"/data?groups=pertanian\"",
        "Pertanian dan Pangan",
        &format!("href=\"/data/produksi-padi/sumber/{resource}\""),
        &format!("href=\"/data/produksi-padi/sumber/{resource}/unduh.csv\""),
        "href=\"/data/produksi-padi/datapackage.json\"",
        "href=\"/dataset/produksi-padi.jsonld\"",
        "href=\"/dataset/produksi-padi.ttl\"",
        "href=\"/api/3/action/package_show?id=produksi-padi\"",
        "<code>/data/produksi-padi/perubahan</code>",
        "href=\"/wilayah/35.22\">Kabupaten Bojonegoro</a>",
        "Sekolah", // Satu Data concept
        "disdik@bojonegorokab.go.id",
        "Versi 1",
        "data.dataset",
    ] {
        assert!(
            body.contains(expected),
            "the dataset page lacks {expected:?}"
        );
    }
    assert!(!body.contains("id=\"old-version\""));

    // In English too.
    let en = crate::support::client()
        .get(app.url("/data/produksi-padi"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        en.contains("Agriculture and Food") && en.contains("Annual"),
        "{en}"
    );

    // CKAN's address moves permanently to ours; unknown and malformed names are 404.
    let (status, location, _) = visitor.get("/dataset/produksi-padi").await;
    assert_eq!((status, location.as_str()), (301, "/data/produksi-padi"));
    assert_eq!(visitor.get("/data/tidak-ada").await.0, 404);
    assert_eq!(visitor.get("/data/Tidak.Ada").await.0, 404);
    assert_eq!(visitor.get("/dataset/TIDAK").await.0, 404);
    assert_eq!(visitor.get("/data/produksi-padi/versi/x").await.0, 404);
}

#[tokio::test]
async fn drafts_are_never_public_and_earlier_versions_carry_a_banner() {
    let app = TestApp::start().await;
    let db = &app.state.db;
    let now = app.clock.now();
    let mut tx = db.begin().await.unwrap();
    let (id, _) = catalog::create_verified(
        &mut tx,
        &crate::data::catalog::sample("sekolah"),
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    // A dataset that was never verified: only a draft.
    let hidden = Uuid::now_v7();
    catalog::queries::insert_dataset(&mut tx, hidden, "rahasia", "disdik", Uuid::nil(), now)
        .await
        .unwrap();
    let mut draft = crate::data::catalog::sample("rahasia");
    draft.title = "Draf yang belum diverifikasi".into();
    catalog::queries::insert_version(
        &mut tx,
        hidden,
        Uuid::now_v7(),
        1,
        "draft",
        &draft,
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    // Version 2 of the first dataset, verified later; version 3 a draft.
    let later = now + Duration::days(2);
    let v2 = Uuid::now_v7();
    let mut second = crate::data::catalog::sample("sekolah");
    second.title = "Jumlah Sekolah 2026".into();
    catalog::queries::insert_version(&mut tx, id, v2, 2, "verified", &second, Uuid::nil(), later)
        .await
        .unwrap();
    catalog::queries::mark_published(&mut tx, id, v2, later)
        .await
        .unwrap();
    let mut third = second.clone();
    third.title = "Draf versi tiga".into();
    let v3 = Uuid::now_v7();
    catalog::queries::insert_version(&mut tx, id, v3, 3, "draft", &third, Uuid::nil(), later)
        .await
        .unwrap();
    let draft_resource = Uuid::now_v7();
    catalog::queries::insert_resource(
        &mut tx,
        v3,
        draft_resource,
        draft_resource,
        0,
        &third.resources[0],
        later,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let visitor = app.visitor();
    assert_eq!(visitor.get("/data/rahasia").await.0, 404);
    assert_eq!(visitor.get("/data/rahasia/versi/1").await.0, 404);
    assert_eq!(visitor.get("/dataset/rahasia").await.0, 301);
    assert_eq!(visitor.get("/data/sekolah/versi/3").await.0, 404);
    assert_eq!(visitor.get("/data/sekolah/versi/9").await.0, 404);

    let (status, _, body) = visitor.get("/data/sekolah").await;
    assert_eq!(status, 200);
    assert!(body.contains("Jumlah Sekolah 2026"));
    assert!(!body.contains("Draf versi tiga") && !body.contains("Versi 3"));
    assert!(
        body.contains("href=\"/data/sekolah/versi/1\""),
        "history links v1"
    );

    let (status, _, old) = visitor.get("/data/sekolah/versi/1").await;
    assert_eq!(status, 200);
    assert!(old.contains("id=\"old-version\""));
    assert!(old.contains("Jumlah Sekolah per Kecamatan"));
    assert!(!old.contains("id=\"freshness\""));
    // The current version's number is the dataset page.
    let (status, location, _) = visitor.get("/data/sekolah/versi/2").await;
    assert_eq!((status, location.as_str()), (303, "/data/sekolah"));
    // The resource of the earlier version stays readable, with the banner.
    let v1 = catalog::version(db, "sekolah", 1).await.unwrap().unwrap();
    let (status, _, page) = visitor
        .get(&format!(
            "/data/sekolah/sumber/{}",
            v1.version.resources[0].id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"old-version\"") && page.contains("https://example.org/sekolah.csv")
    );
    // A draft's resources are not public either, nor is a draft dataset's change feed.
    let draft = catalog::version(db, "sekolah", 3).await.unwrap().unwrap();
    assert_eq!(
        visitor
            .get(&format!(
                "/data/sekolah/sumber/{}",
                draft.version.resources[0].id
            ))
            .await
            .0,
        404
    );
    assert_eq!(visitor.get("/data/rahasia/perubahan").await.0, 404);
    // A resource is only found under its own dataset's name.
    assert_eq!(
        visitor
            .get(&format!(
                "/data/rahasia/sumber/{}",
                v1.version.resources[0].id
            ))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn the_preview_filters_sorts_pages_and_draws_a_chart() {
    let app = TestApp::start().await;
    let (_, rid) = tabular_dataset(&app, "produksi", "distan", "annual", &production_csv()).await;
    let page = format!("/data/produksi/sumber/{rid}");
    let visitor = app.visitor();

    let (status, _, body) = visitor.get(&page).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("id=\"dictionary\"") && body.contains("Produksi gabah kering giling"));
    assert!(body.contains("<form method=\"get\""));
    assert_eq!(preview_rows(&body).len(), 25);
    assert!(body.contains("Baris 1–25 dari 60"), "position");
    assert!(body.contains("id=\"next\"") && !body.contains("id=\"prev\""));
    // The chart: a line of production by harvest date (the first date column), with titles.
    assert!(body.contains("id=\"chart\" data-kind=\"garis\""), "{body}");
    assert!(body.contains("<polyline") && body.contains("<title>"));

    // Filter on a text column (contains, any case), a range on a number, sort descending.
    let (status, _, body) = visitor
        .get(&format!(
            "{page}?c0=dander&c1_min=2005&c1_max=2009&urut=produksi_ton&arah=turun"
        ))
        .await;
    assert_eq!(status, 200);
    let rows = preview_rows(&body);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows[0].contains("2009") && rows[4].contains("2005"));
    assert!(rows.iter().all(|r| r.contains("Dander")));
    assert!(body.contains("id=\"filtered-downloads\""));

    // Pages: per 10, page 2.
    let (_, _, body) = visitor.get(&format!("{page}?per=10&hal=2")).await;
    assert_eq!(preview_rows(&body).len(), 10);
    assert!(body.contains("Baris 11–20 dari 60"));
    assert!(body.contains("id=\"prev\"") && body.contains("hal=3"));
    // Past the last page: no rows, no error.
    let (status, _, body) = visitor.get(&format!("{page}?hal=99")).await;
    assert_eq!(status, 200);
    assert!(preview_rows(&body).is_empty());

    // Bars of production per kecamatan, summed.
    let (_, _, body) = visitor
        .get(&format!("{page}?x=kecamatan&y=produksi_ton&grafik=batang"))
        .await;
    assert!(body.contains("data-kind=\"batang\""));
    // Baureno: 20 years of 3000 + 10·i + 0.5 = 62,110.
    assert!(body.contains("Baureno: 62.110"), "{body}");

    // An SQL-looking value is just text that matches nothing.
    let (status, _, body) = visitor
        .get(&format!(
            "{page}?c0=%27%20OR%201%3D1%20--&q=%3Bdrop%20table"
        ))
        .await;
    assert_eq!(status, 200);
    assert!(preview_rows(&body).is_empty());
    assert!(body.contains("Tidak ada baris yang cocok"));
}

#[tokio::test]
async fn downloads_hold_the_whole_table_or_exactly_the_filtered_rows() {
    let app = TestApp::start().await;
    let (_, rid) = tabular_dataset(&app, "produksi", "distan", "annual", &production_csv()).await;
    let base = format!("/data/produksi/sumber/{rid}");
    let client = crate::support::client();
    let get = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move {
            let r = client.get(url).send().await.unwrap();
            let status = r.status().as_u16();
            let ct = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let cd = r
                .headers()
                .get("content-disposition")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            (status, ct, cd, r.bytes().await.unwrap().to_vec())
        }
    };
    let (status, ct, cd, all) = get(format!("{base}/unduh.csv")).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"));
    assert!(cd.starts_with("attachment") && cd.contains("produksi-"));
    let all = String::from_utf8(all).unwrap();
    assert_eq!(all.lines().count(), 61);
    assert!(all.starts_with("kecamatan,tahun,produksi_ton,tanggal_panen"));

    let filter = "?c0=Kalitidu&c1_min=2011&urut=tahun&arah=turun&hal=3&per=10";
    let (status, _, cd, filtered) = get(format!("{base}/unduh.csv{filter}")).await;
    assert_eq!(status, 200);
    assert!(cd.contains("-filter.csv"));
    let filtered = String::from_utf8(filtered).unwrap();
    let lines: Vec<&str> = filtered.lines().collect();
    // Exactly Kalitidu 2011–2020, newest first: the page parameters do not cut a download.
    assert_eq!(lines.len(), 11, "{filtered}");
    assert!(lines[1].starts_with("Kalitidu,2020,") && lines[10].starts_with("Kalitidu,2011,"));
    let expected: Vec<String> = production_csv()
        .lines()
        .filter(|l| l.starts_with("Kalitidu,") && l[9..13].parse::<i32>().unwrap() >= 2011)
        .map(str::to_string)
        .collect();
    let mut got: Vec<String> = lines[1..].iter().map(|l| l.to_string()).collect();
    got.sort();
    let mut want = expected.clone();
    want.sort();
    assert_eq!(got, want);

    let (status, ct, _, json) = get(format!("{base}/unduh.json{filter}")).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 10);
    let (status, _, _, xlsx) = get(format!("{base}/unduh.xlsx")).await;
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"));

    // The original file, as uploaded.
    let (status, _, _, original) = get(format!("{base}/berkas")).await;
    assert_eq!(status, 200);
    assert_eq!(original, production_csv().into_bytes());
}

#[tokio::test]
async fn bad_filters_are_a_400_page_with_the_form_never_a_500() {
    let app = TestApp::start().await;
    let (_, rid) = tabular_dataset(&app, "produksi", "distan", "annual", &production_csv()).await;
    let page = format!("/data/produksi/sumber/{rid}");
    let visitor = app.visitor();
    for (query, message) in [
        ("c1=abc", "tidak sesuai dengan tipe kolom tahun"),
        ("c1_min=2001.5.3", "tidak sesuai dengan tipe kolom tahun"),
        ("c3_max=31-31-2020", "tanggal_panen"),
        ("per=7", "10, 25, 50 atau 100"),
        ("hal=0", "Nomor halaman"),
        ("urut=tidak_ada", "tidak_ada"),
        ("y=kecamatan", "kolom angka"),
    ] {
        let (status, _, body) = visitor.get(&format!("{page}?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.contains("id=\"preview-errors\""), "{query}");
        assert!(body.contains(message), "{query}: no {message:?}");
        assert!(
            body.contains("id=\"preview-form\""),
            "{query}: the form is shown again"
        );
    }
    // Downloads refuse before the first byte.
    for query in ["c1=abc", "urut=tidak_ada"] {
        assert_eq!(
            visitor.get(&format!("{page}/unduh.csv?{query}")).await.0,
            400
        );
    }
    // Unknown resources, malformed ids, other datasets' names.
    assert_eq!(visitor.get("/data/produksi/sumber/bukan-uuid").await.0, 404);
    assert_eq!(
        visitor
            .get(&format!("/data/produksi/sumber/{}", Uuid::now_v7()))
            .await
            .0,
        404
    );
    assert_eq!(
        visitor
            .get(&format!("/data/lain/sumber/{rid}/unduh.csv"))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn the_freshness_board_and_report_card_mark_an_overdue_dataset() {
    let app = TestApp::start().await;
    tabular_dataset(
        &app,
        "harga-pasar",
        "dinas-perdagangan",
        "monthly",
        &production_csv(),
    )
    .await;
    tabular_dataset(
        &app,
        "sekolah-tahunan",
        "disdik",
        "annual",
        &production_csv(),
    )
    .await;
    let visitor = app.visitor();
    let (status, _, body) = visitor.get("/data/kesegaran").await;
    assert_eq!(status, 200);
    assert!(body.contains("id=\"org-dinas-perdagangan\"") && body.contains("id=\"org-disdik\""));
    assert!(!body.contains("data-state=\"overdue\""));

    // 40 days later the monthly dataset is overdue (31 days and a grace of 3), the annual
    // one is not.
    app.clock.advance(Duration::days(40));
    let (_, _, body) = visitor.get("/data/kesegaran").await;
    let trade = &body[body.find("id=\"org-dinas-perdagangan\"").unwrap()..];
    let trade = &trade[..trade.find("</section>").unwrap()];
    assert!(trade.contains("data-state=\"overdue\"") && trade.contains("1 terlambat"));
    // Overdue first: the organisation with an overdue dataset comes before the other.
    assert!(body.find("org-dinas-perdagangan").unwrap() < body.find("org-disdik").unwrap());
    let (_, _, page) = visitor.get("/data/harga-pasar").await;
    assert!(page.contains("id=\"freshness\" data-state=\"overdue\""));
    assert!(page.contains("Terlambat diperbarui"));

    // One organisation's board, and its report card.
    let (_, _, mine) = visitor.get("/data/kesegaran?organisasi=disdik").await;
    assert!(mine.contains("org-disdik") && !mine.contains("org-dinas-perdagangan"));
    let (status, _, card) = visitor.get("/organisasi/dinas-perdagangan").await;
    assert_eq!(status, 200);
    assert!(card.contains("id=\"rapor-data\""), "{card}");
    assert!(card.contains("/data/kesegaran?organisasi=dinas-perdagangan"));
    let (_, _, none) = visitor.get("/organisasi/bappeda").await;
    assert!(!none.contains("id=\"rapor-data\""));
}
