//! The public-exposure scanner: with the full demo data loaded (demo people included), an
//! anonymous visitor crawls everything reachable from `/` and from [`SEEDS`], in Bahasa
//! Indonesia and in English, and no response may contain a demo person's NIK, phone number,
//! e-mail or address (data/demo/people.csv). A self-test plants a NIK in a public field and
//! checks that the scanner catches it — a scanner that cannot fail proves nothing.

use platform::on_db;
use platform::testing::exposure::{Leak, crawl, leaks, personal_strings};

use crate::support::TestApp;

/// Where the crawl starts besides `/`: API roots and downloads that pages may not link to.
/// Each module adds its own public roots here (one line each).
pub const SEEDS: &[&str] = &[
    "/",
    "/api/v1/organisations",
    "/api/v1/regions/35.22",
    "/transparansi/log",
    "/transparansi/log.json",
    "/transparansi/log.csv",
    "/berita",
    "/berita.atom",
    "/organisasi",
    "/wilayah/35.22",
    "/faq",
    "/tentang",
    "/pengaduan",
    "/api/v1/complaints",
    "/pengaduan/statistik",
    "/api/v1/complaints/statistics",
    "/open311/v2/discovery.json",
    "/open311/v2/services.json",
    "/open311/v2/requests.json",
    "/anggaran",
    "/anggaran/bandingkan",
    "/anggaran/jadwal",
    "/api/v1/budget/years",
    "/data/kesegaran",
    "/data",
    "/catalog.jsonld",
    "/catalog.ttl",
    "/api/3/action/package_search?rows=1000",
    "/api/3/action/current_package_list_with_resources?limit=1000",
    "/api/3/action/organization_list?all_fields=true",
    "/api/3/action/group_list?all_fields=true",
    "/api/3/action/tag_list",
    "/api/3/action/status_show",
];

/// The crawl's bound per language.
const MAX_URLS: usize = 3000;

/// The demo people's personal data (data/demo/people.csv, embedded in the binary), as the
/// strings to look for.
fn personal_data() -> Vec<String> {
    let strings = personal_strings(terbuka::demo::DEMO_PEOPLE)
        .expect("people.csv has nik, phone, email, address columns");
    assert!(
        strings.len() >= 10,
        "too few personal strings in people.csv: {strings:?}"
    );
    strings
}

/// Crawl in both languages; return the leaks and how many responses were read.
async fn scan(app: &TestApp, needles: &[String]) -> (Vec<Leak>, usize) {
    let base = app.url("");
    let mut found = Vec::new();
    let mut count = 0;
    for language in ["id-ID,id;q=0.9", "en-GB,en;q=0.9"] {
        let pages = crawl(&base, SEEDS, language, MAX_URLS)
            .await
            .expect("crawl");
        let errors: Vec<String> = pages
            .iter()
            .filter(|p| p.status >= 500)
            .map(|p| format!("{} → {}", p.path, p.status))
            .collect();
        assert!(
            errors.is_empty(),
            "server errors while crawling: {errors:?}"
        );
        if pages.len() >= MAX_URLS {
            eprintln!(
                "NOTICE: the exposure crawl ({language}) stopped at its bound of {MAX_URLS} URLs"
            );
        }
        count += pages.len();
        found.extend(leaks(&pages, needles));
    }
    found.sort();
    found.dedup();
    (found, count)
}

async fn demo_app() -> TestApp {
    // An empty database filled with the full demo data, people included, exactly as
    // `terbuka serve --demo` fills it.
    let app = TestApp::builder().empty().start().await;
    terbuka::demo::load_if_empty(&app.state.db, &app.clock)
        .await
        .expect("demo data");
    demo_complaints(&app).await;
    crate::comments::demo_comments(&app).await;
    app
}

/// Complaints whose reporter is a demo person (people.csv), one of each privacy, so the
/// crawl proves the complaint pages do not show the reporter.
async fn demo_complaints(app: &TestApp) {
    for privacy in ["public", "anonymous", "confidential"] {
        let input = complaints::submission::Submission {
            privacy: privacy.into(),
            name: "Bambang Sutrisno".into(),
            email: "bambang.sutrisno@example.id".into(),
            phone: "+62 878-5512-3608".into(),
            ..crate::complaints::submission_valid()
        };
        complaints::submission::submit(
            &app.state,
            &platform::authz::Actor::public(),
            input,
            Vec::new(),
        )
        .await
        .expect("a demo complaint");
    }
    on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE complaint_reporters SET nik = '3522103009820002', \
         address = 'Jl. Sunan Drajat No. 9, RT 001 RW 004, Desa Drajat, Kecamatan Baureno'")
        .execute(pool).await.map(|_| ()))
    .expect("reporters' NIK and address");
}

#[tokio::test]
async fn no_personal_data_on_any_public_page_or_api() {
    let app = demo_app().await;
    let needles = personal_data();
    let (found, count) = scan(&app, &needles).await;
    assert!(
        count >= 50,
        "the crawl reached only {count} responses; is the site linked up?"
    );
    let report: Vec<String> = found
        .iter()
        .map(|l| format!("{} exposes {:?}: …{}…", l.path, l.needle, l.context))
        .collect();
    assert!(
        report.is_empty(),
        "personal data on public responses:\n  {}",
        report.join("\n  ")
    );
    eprintln!(
        "exposure scan: {count} responses, {} personal strings, no leak",
        needles.len()
    );
}

#[tokio::test]
async fn the_scanner_catches_a_planted_nik() {
    let app = demo_app().await;
    let needles = personal_data();
    let nik = terbuka::demo::DEMO_PEOPLE
        .lines()
        .skip(1)
        .flat_map(|line| line.split(','))
        .find(|field| field.len() == 16 && field.chars().all(|c| c.is_ascii_digit()))
        .expect("a NIK in people.csv")
        .to_string();
    let now = platform::clock::Clock::now(&app.clock);
    let changed = on_db!(&app.state.db, pool => sqlx::query(
        "UPDATE organisations SET description = $1, updated_at = $2 WHERE id = $3")
        .bind(format!("Hubungi pegawai kami (NIK {nik}) untuk informasi."))
        .bind(now)
        .bind("diskominfo")
        .execute(pool).await.map(|r| r.rows_affected()))
    .expect("plant the NIK");
    assert_eq!(changed, 1, "the organisation diskominfo exists");
    let (found, _) = scan(&app, &needles).await;
    assert!(
        found
            .iter()
            .any(|l| l.needle == nik && l.path.starts_with("/organisasi/diskominfo")),
        "the scanner missed the NIK planted in /organisasi/diskominfo; it found {found:?}"
    );
}
