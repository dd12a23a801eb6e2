//! Complaint statistics (`/pengaduan/statistik`, its CSV, `GET /api/v1/complaints/statistics`
//! and the report card on `/organisasi/{id}`): exact figures from a known set of complaints
//! taken through the real workflow on known days, the snapshot and its "as of", filters,
//! sorting, both languages, and that a confidential complaint is counted but never shown.
//!
//! The set (dates WIB; November 2026 has no holidays; 5 working days to follow up):
//!
//! | case | year | kind | category | routed to | routed | follow-up | days | on time | end |
//! |---|---|---|---|---|---|---|---|---|---|
//! | G | 2025 | pengaduan | lainnya | diskominfo | Mon 2 Jun | Tue 3 Jun | 1 | yes | auto-completed |
//! | A | 2026 | pengaduan | jalan-jembatan | dpu-bina-marga | Mon 2 Nov | Wed 4 Nov | 2 | yes | confirmed, rated 4 |
//! | B (confidential) | 2026 | pengaduan | jalan-jembatan | dpu-bina-marga | Mon 2 Nov | Mon 9 Nov | 5 | yes | confirmed, rated 5 |
//! | C | 2026 | pengaduan | jalan-jembatan | dpu-bina-marga | Mon 2 Nov | Wed 11 Nov | 7 | no | followed up |
//! | D | 2026 | pengaduan | jalan-jembatan | dpu-bina-marga | Mon 2 Nov | — | — | late (due 9 Nov) | overdue |
//! | E | 2026 | pengaduan | lainnya | diskominfo | Mon 2 Nov | Tue 3 Nov | 1 | yes | followed up |
//! | F | 2026 | aspirasi | informasi-publik | — | — | — | — | — | submitted, overdue |
//!
//! "Today" is Wednesday 11 November 2026, after the deadlines job ran.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{TimeZone, Utc};
use complaints::COMPLAINT;
use complaints::submission::{Submission, submit};
use platform::authz::{Actor, Membership, Role, User};
use platform::cases::{self, Act, By};
use platform::clock::Clock;
use serde_json::{Value, json};

use super::submission::valid;
use crate::support::{TestApp, client, tool_missing};

const ROADS: &str = "dpu-bina-marga";
const KOMINFO: &str = "diskominfo";
const SECRET_TITLE: &str = "Rahasia pungli proyek jalan kabupaten";

struct Staff {
    verifier: Actor,
    roads: Actor,
    kominfo: Actor,
}

async fn actor(app: &TestApp, email: &str, role: Role, org: &str) -> Actor {
    let id = app.user(email, &[(role, org)]).await;
    Actor {
        user: Some(User {
            id,
            name: email.into(),
            email: email.into(),
            memberships: vec![Membership {
                organisation_id: org.into(),
                role,
            }],
        }),
        session_hash: None,
    }
}

fn wib_10am(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
}

/// A guest's complaint: (tracking code, guest secret).
async fn complaint(
    app: &TestApp,
    kind: &str,
    category: &str,
    privacy: &str,
    title: &str,
) -> (String, String) {
    let input = Submission {
        kind: kind.into(),
        category: category.into(),
        privacy: privacy.into(),
        title: title.into(),
        ..valid()
    };
    let done = submit(&app.state, &Actor::public(), input, Vec::new())
        .await
        .unwrap();
    (done.tracking_code, done.guest_secret.unwrap())
}

/// Take `action` on `code` now, as `by`.
async fn step(app: &TestApp, code: &str, action: &str, by: &Actor, route_to: Option<&str>) {
    let case = cases::by_tracking_code(&app.state.db, code)
        .await
        .unwrap()
        .unwrap();
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    cases::act(
        &mut tx,
        &COMPLAINT,
        case.id,
        case.version,
        Act {
            action,
            by: By::Staff(by),
            body: "Sudah kami tangani.".into(),
            public: true,
            route_to: route_to.map(Into::into),
            files: Vec::new(),
        },
        app.clock.now(),
        &calendar,
    )
    .await
    .unwrap_or_else(|e| panic!("{action} on {code}: {e}"));
    tx.commit().await.unwrap();
}

/// The reporter confirms completion and rates, through the guest link's form.
async fn rate(app: &TestApp, code: &str, secret: &str, rating: &str) {
    let (status, _, body) = app
        .visitor()
        .post_form(
            &format!("/pengaduan/lacak/{code}/selesai"),
            &[("kunci", secret), ("body", ""), ("rating", rating)],
        )
        .await;
    assert_eq!(status, 303, "{body}");
}

/// Build the set of the module documentation; returns B's tracking code.
async fn known_set(app: &TestApp) -> String {
    let staff = Staff {
        verifier: actor(app, "verifikator@contoh.id", Role::Verifier, KOMINFO).await,
        roads: actor(app, "petugas.pu@contoh.id", Role::Officer, ROADS).await,
        kominfo: actor(app, "petugas.kominfo@contoh.id", Role::Officer, KOMINFO).await,
    };
    // G, in 2025.
    app.clock.set(wib_10am(2025, 6, 2));
    let (g, _) = complaint(
        app,
        "pengaduan",
        "lainnya",
        "public",
        "Situs desa tidak bisa dibuka",
    )
    .await;
    step(app, &g, "verify_and_route", &staff.verifier, Some(KOMINFO)).await;
    app.clock.set(wib_10am(2025, 6, 3));
    step(app, &g, "respond", &staff.kominfo, None).await;

    app.clock.set(wib_10am(2026, 11, 2));
    let (a, a_secret) = complaint(
        app,
        "pengaduan",
        "jalan-jembatan",
        "public",
        "Jalan berlubang di Desa Luwihaji",
    )
    .await;
    let (b, b_secret) = complaint(
        app,
        "pengaduan",
        "jalan-jembatan",
        "confidential",
        SECRET_TITLE,
    )
    .await;
    let (c, _) = complaint(
        app,
        "pengaduan",
        "jalan-jembatan",
        "public",
        "Jembatan Kali Kening retak",
    )
    .await;
    let (d, _) = complaint(
        app,
        "pengaduan",
        "jalan-jembatan",
        "anonymous",
        "Aspal jalan mengelupas",
    )
    .await;
    let (e, _) = complaint(
        app,
        "pengaduan",
        "lainnya",
        "public",
        "Wifi taman kota mati",
    )
    .await;
    let _f = complaint(
        app,
        "aspirasi",
        "informasi-publik",
        "public",
        "Usul jadwal sidang terbuka",
    )
    .await;
    for code in [&a, &b, &c, &d] {
        step(app, code, "verify_and_route", &staff.verifier, Some(ROADS)).await;
    }
    step(app, &e, "verify_and_route", &staff.verifier, Some(KOMINFO)).await;
    app.clock.set(wib_10am(2026, 11, 3));
    step(app, &e, "respond", &staff.kominfo, None).await;
    app.clock.set(wib_10am(2026, 11, 4));
    step(app, &a, "respond", &staff.roads, None).await;
    rate(app, &a, &a_secret, "4").await;
    app.clock.set(wib_10am(2026, 11, 9));
    step(app, &b, "respond", &staff.roads, None).await;
    rate(app, &b, &b_secret, "5").await;
    app.clock.set(wib_10am(2026, 11, 11));
    step(app, &c, "respond", &staff.roads, None).await;
    // D (routed 2 Nov, due 9 Nov) and F (submitted 2 Nov, due 5 Nov) become overdue; G
    // completes by itself.
    let applied = cases::deadlines::run(&app.state, &[&COMPLAINT])
        .await
        .unwrap();
    assert_eq!((applied.escalated, applied.transitioned), (2, 1));
    b
}

async fn json(app: &TestApp, path: &str) -> Value {
    let response = client().get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

fn line<'a>(list: &'a Value, id: Option<&str>) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"].as_str() == id)
        .unwrap_or_else(|| panic!("no line {id:?} in {list}"))
}

/// The cells of the table row whose header cell links to `href`.
fn row_cells(html: &str, table: &str, href: &str) -> Vec<String> {
    let start = html.find(&format!("id=\"{table}\"")).expect("the table");
    let body = &html[start..];
    let body = &body[..body.find("</table>").unwrap()];
    let row = body
        .split("<tr>")
        .find(|r| r.contains(&format!("href=\"{href}")))
        .unwrap_or_else(|| panic!("no row linking to {href} in {table}: {body}"));
    row.split("<td>")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn figures_per_organisation_and_category_are_exact_and_confidential_cases_stay_hidden() {
    let app = TestApp::start().await;
    let secret_code = known_set(&app).await;

    // JSON, this year (the default).
    let stats = json(&app, "/api/v1/complaints/statistics").await;
    assert_eq!(stats["year"], 2026);
    assert_eq!(stats["kind"], Value::Null);
    assert_eq!(stats["follow_up_deadline_working_days"], 5);
    let totals = &stats["totals"];
    assert_eq!(
        (
            &totals["received"],
            &totals["open"],
            &totals["completed"],
            &totals["overdue"]
        ),
        (&json!(6), &json!(4), &json!(2), &json!(2))
    );
    // Follow-ups after 2, 5, 7 and 1 working days; 3 of the 5 due were on time (D never
    // answered); ratings 4 and 5.
    assert_eq!(totals["followed_up"], 4);
    assert_eq!(totals["median_working_days_to_follow_up"], 3.5);
    assert_eq!(
        (&totals["follow_ups_due"], &totals["followed_up_on_time"]),
        (&json!(5), &json!(3))
    );
    assert_eq!(totals["on_time_share"], 0.6);
    assert_eq!(
        (&totals["ratings"], &totals["average_rating"]),
        (&json!(2), &json!(4.5))
    );

    let roads = line(&stats["organisations"], Some(ROADS));
    assert_eq!(
        [
            &roads["received"],
            &roads["open"],
            &roads["completed"],
            &roads["overdue"],
            &roads["followed_up"],
            &roads["follow_ups_due"],
            &roads["followed_up_on_time"],
            &roads["ratings"],
        ],
        [
            &json!(4),
            &json!(2),
            &json!(2),
            &json!(1),
            &json!(3),
            &json!(4),
            &json!(2),
            &json!(2)
        ]
    );
    assert_eq!(roads["median_working_days_to_follow_up"], 5.0);
    assert_eq!(roads["on_time_share"], 0.5);
    assert_eq!(roads["average_rating"], 4.5);
    let kominfo = line(&stats["organisations"], Some(KOMINFO));
    assert_eq!(kominfo["received"], 1);
    assert_eq!(kominfo["median_working_days_to_follow_up"], 1.0);
    assert_eq!(kominfo["on_time_share"], 1.0);
    assert_eq!(kominfo["average_rating"], Value::Null);
    let not_routed = line(&stats["organisations"], None);
    assert_eq!(
        (
            &not_routed["received"],
            &not_routed["overdue"],
            &not_routed["follow_ups_due"]
        ),
        (&json!(1), &json!(1), &json!(0))
    );
    assert_eq!(not_routed["on_time_share"], Value::Null);
    assert_eq!(stats["organisations"].as_array().unwrap().len(), 3);
    // Most complaints first.
    assert_eq!(stats["organisations"][0]["id"], ROADS);
    let roads_cat = line(&stats["categories"], Some("jalan-jembatan"));
    assert_eq!(roads_cat["received"], 4);
    assert_eq!(roads_cat["median_working_days_to_follow_up"], 5.0);
    assert_eq!(line(&stats["categories"], Some("lainnya"))["received"], 1);
    assert_eq!(
        line(&stats["categories"], Some("informasi-publik"))["received"],
        1
    );
    let periods = stats["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 12);
    assert_eq!(periods[10], json!({"period": "2026-11", "received": 6}));
    assert_eq!(periods[0], json!({"period": "2026-01", "received": 0}));

    // Other years, every year, a kind.
    let last_year = json(&app, "/api/v1/complaints/statistics?year=2025").await;
    assert_eq!(last_year["totals"]["received"], 1);
    assert_eq!(last_year["totals"]["completed"], 1, "completed by itself");
    assert_eq!(
        line(&last_year["organisations"], Some(KOMINFO))["received"],
        1
    );
    let all = json(&app, "/api/v1/complaints/statistics?year=all").await;
    assert_eq!(all["year"], Value::Null);
    assert_eq!(all["totals"]["received"], 7);
    // Days 1, 1, 2, 5, 7; on time 4 of 6.
    assert_eq!(all["totals"]["median_working_days_to_follow_up"], 2.0);
    assert_eq!(
        (
            &all["totals"]["follow_ups_due"],
            &all["totals"]["followed_up_on_time"]
        ),
        (&json!(6), &json!(4))
    );
    assert_eq!(line(&all["organisations"], Some(KOMINFO))["received"], 2);
    assert_eq!(
        all["periods"],
        json!([{"period": "2025", "received": 1}, {"period": "2026", "received": 6}])
    );
    let aspirations = json(&app, "/api/v1/complaints/statistics?kind=aspirasi").await;
    assert_eq!(aspirations["totals"]["received"], 1);
    assert_eq!(aspirations["organisations"][0]["id"], Value::Null);
    for bad in ["year=1999", "year=semua", "kind=gosip"] {
        let response = client()
            .get(app.url(&format!("/api/v1/complaints/statistics?{bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{bad}");
    }

    // The page, in Bahasa Indonesia.
    let (status, html) = app.get("/pengaduan/statistik").await;
    assert_eq!(status, 200);
    assert!(html.contains("Statistik pengaduan 2026"));
    assert!(html.contains("Data per 11 November 2026"), "as of");
    assert!(html.contains("<svg"), "a chart");
    assert_eq!(
        row_cells(
            &html,
            "organisations",
            "/pengaduan?organisation=dpu-bina-marga&#38;year=2026"
        ),
        [
            "4",
            "2",
            "2",
            "1",
            "5",
            "50 %",
            "4,5",
            "2",
            "<a href=\"/organisasi/dpu-bina-marga\">Rapor</a>"
        ]
    );
    assert_eq!(
        row_cells(
            &html,
            "categories",
            "/pengaduan?category=jalan-jembatan&#38;year=2026"
        ),
        ["4", "2", "2", "1", "5", "50 %", "4,5", "2"]
    );
    assert!(html.contains("Belum diteruskan ke instansi"));
    let totals_html = &html[html.find("id=\"totals\"").unwrap()..];
    for value in [
        "<h3>6</h3>",
        "<h3>3,5</h3>",
        "<h3>60 %</h3>",
        "<h3>4,5</h3>",
    ] {
        assert!(
            totals_html[..totals_html.find("</ul>").unwrap()].contains(value),
            "{value}"
        );
    }
    // The page links to the list filtered by organisation, and the list links back here.
    let (_, list) = app
        .get("/pengaduan?organisation=dpu-bina-marga&year=2026")
        .await;
    assert!(list.contains("href=\"/pengaduan/statistik\""));

    // Sorting: most received first by default, then by name ascending on request.
    let order = |html: &str| {
        let a = html.find("/organisasi/diskominfo\"").unwrap();
        let b = html.find("/organisasi/dpu-bina-marga\"").unwrap();
        a < b
    };
    assert!(!order(&html), "dpu-bina-marga (4) before diskominfo (1)");
    assert!(html.contains("href=\"/pengaduan/statistik?tahun=2026&#38;urut=diterima\""));
    let (_, sorted) = app
        .get("/pengaduan/statistik?tahun=2026&urut=diterima")
        .await;
    assert!(order(&sorted));
    assert!(sorted.contains("aria-sort=\"ascending\""));
    let (status, _) = app.get("/pengaduan/statistik?urut=judul").await;
    assert_eq!(status, 400);

    // English, every year.
    let english = app.visitor();
    let _ = english.get("/bahasa/en").await;
    let (_, _, en) = english.get("/pengaduan/statistik?tahun=semua").await;
    assert!(en.contains("Complaint statistics"));
    assert!(en.contains("Complaints received per year"));
    assert!(en.contains("Roads and bridges"), "categories in English");
    assert_eq!(
        row_cells(&en, "organisations", "/pengaduan?organisation=diskominfo"),
        [
            "2",
            "1",
            "1",
            "0",
            "1",
            "100%",
            "–",
            "0",
            "<a href=\"/organisasi/diskominfo\">Report card</a>"
        ]
    );

    // CSV of both tables.
    let response = client()
        .get(app.url("/pengaduan/statistik.csv?tahun=2026"))
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
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("statistik-pengaduan-2026.csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Tabel,Kode,Nama,Diterima,Masih diproses,Selesai,Terlambat saat ini,Sudah ditindaklanjuti,\
         Median hari kerja sampai tindak lanjut,Tindak lanjut jatuh tempo,Tepat waktu,Tepat waktu (%),\
         Jumlah penilaian,Rata-rata penilaian"
    );
    let roads_line = lines
        .iter()
        .find(|l| l.starts_with("Instansi,dpu-bina-marga,"))
        .expect("the roads office");
    assert!(
        roads_line.ends_with(",4,2,2,1,3,5.0,4,2,50.0,2,4.50"),
        "{roads_line}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Kategori,jalan-jembatan,Jalan dan Jembatan,4,"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Instansi,,Belum diteruskan ke instansi,1,"))
    );
    assert_eq!(lines.len(), 1 + 3 + 3);

    // The confidential complaint is counted above, and shown nowhere.
    let (_, all_html) = app.get("/pengaduan/statistik?tahun=semua").await;
    let all_json = json(&app, "/api/v1/complaints/statistics?year=all")
        .await
        .to_string();
    let all_csv = client()
        .get(app.url("/pengaduan/statistik.csv?tahun=semua"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for text in [&html, &en, &all_html, &all_json, &csv, &all_csv] {
        assert!(!text.contains(&secret_code), "the confidential case's code");
        assert!(
            !text.contains("Rahasia pungli"),
            "the confidential case's title"
        );
        assert!(!text.contains("ADU-20"), "no case is named at all");
        assert!(
            !text.contains("Siti Aminah") && !text.contains("siti.aminah"),
            "the reporter"
        );
    }
}

#[tokio::test]
async fn the_report_card_shows_the_organisations_figures_in_both_languages() {
    let app = TestApp::start().await;
    known_set(&app).await;
    let (status, html) = app.get("/organisasi/dpu-bina-marga").await;
    assert_eq!(status, 200);
    let section = &html[html
        .find("id=\"rapor-pengaduan\"")
        .expect("the complaints section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("diterima tahun 2026"), "{section}");
    for fact in [
        "Diterima tahun ini",
        "Tindak lanjut tepat waktu",
        "50 %",
        "4,5",
        "Terlambat saat ini",
    ] {
        assert!(section.contains(fact), "{fact}: {section}");
    }
    assert!(section.contains("href=\"/pengaduan/statistik?tahun=2026\""));
    let english = app.visitor();
    let _ = english.get("/bahasa/en").await;
    let (_, _, en) = english.get("/organisasi/dpu-bina-marga").await;
    let section = &en[en.find("id=\"rapor-pengaduan\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    for fact in ["Received this year", "50%", "4.5", "Overdue now"] {
        assert!(section.contains(fact), "{fact}: {section}");
    }
    // The same section in the organisation's JSON.
    let org = json(&app, "/api/v1/organisations/dpu-bina-marga")
        .await
        .to_string();
    assert!(org.contains("rapor-pengaduan"), "{org}");
    // An organisation never assigned a complaint has no complaints section.
    let (_, html) = app.get("/organisasi/dlh").await;
    assert!(!html.contains("rapor-pengaduan"));
}

#[tokio::test]
async fn the_snapshot_is_computed_when_missing_and_refreshed_by_the_job() {
    let app = TestApp::start().await;
    let stats = json(&app, "/api/v1/complaints/statistics").await;
    assert_eq!(stats["totals"]["received"], 0);
    assert_eq!(stats["organisations"], json!([]));
    let (status, html) = app.get("/pengaduan/statistik").await;
    assert_eq!(status, 200);
    assert!(html.contains("Belum ada pengaduan."));
    // A new complaint shows after the next recomputation, not before.
    let _ = complaint(
        &app,
        "pengaduan",
        "lingkungan",
        "public",
        "Sampah menumpuk di pasar",
    )
    .await;
    let stats = json(&app, "/api/v1/complaints/statistics").await;
    assert_eq!(
        stats["totals"]["received"], 0,
        "the snapshot, as of its time"
    );
    app.clock.advance(chrono::Duration::minutes(10));
    let registry = terbuka::jobs();
    assert!(registry.knows("complaints.statistics"));
    let done = complaints::statistics::recompute(&app.state).await.unwrap();
    assert_eq!(done.cases, 1);
    let stats = json(&app, "/api/v1/complaints/statistics").await;
    assert_eq!(stats["totals"]["received"], 1);
    assert_eq!(stats["as_of"], "2026-11-27T03:10:00Z");
    assert_eq!(line(&stats["categories"], Some("lingkungan"))["open"], 1);
}

#[tokio::test]
async fn the_statistics_answer_matches_the_openapi_document() {
    const TEST: &str = "the_statistics_answer_matches_the_openapi_document";
    let python = ["python3", "/usr/bin/python3"].into_iter().find(|py| {
        Command::new(py)
            .args([
                "-c",
                "import openapi_spec_validator, jsonschema, referencing",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    let Some(python) = python else {
        tool_missing(TEST, "python3 with openapi-spec-validator and jsonschema");
        return;
    };
    let app = TestApp::start().await;
    known_set(&app).await;
    let (_, document) = app.get(platform::api::PATH).await;
    let document: Value = serde_json::from_str(&document).unwrap();
    let mut cases = Vec::new();
    for (name, url, status) in [
        ("this year", "/api/v1/complaints/statistics", 200),
        (
            "every year, aspirations",
            "/api/v1/complaints/statistics?year=all&kind=aspirasi",
            200,
        ),
        ("bad year", "/api/v1/complaints/statistics?year=x", 400),
    ] {
        let response = client().get(app.url(url)).send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{name}");
        let body: Value = response.json().await.unwrap();
        cases.push(json!({
            "name": name, "path": "/api/v1/complaints/statistics", "method": "get",
            "status": status, "body": body,
        }));
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/api_openapi.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = json!({ "document": document, "cases": cases });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok: ")).count(),
        cases.len() + 1
    );
}

#[tokio::test]
async fn many_cases_in_several_states_recompute_in_one_pass() {
    // A smoke test of the streaming path with many cases of every state; the figure for a
    // million is measured with `terbuka bench-data` (see the report).
    let app = TestApp::start().await;
    let verifier = actor(&app, "verifikator@contoh.id", Role::Verifier, KOMINFO).await;
    let officer = actor(&app, "petugas@contoh.id", Role::Officer, KOMINFO).await;
    app.clock.set(wib_10am(2026, 11, 2));
    let mut codes = Vec::new();
    for i in 0..30 {
        let (code, _) = complaint(
            &app,
            "pengaduan",
            "lainnya",
            "public",
            &format!("Laporan nomor {i}"),
        )
        .await;
        if i % 3 != 0 {
            step(&app, &code, "verify_and_route", &verifier, Some(KOMINFO)).await;
        }
        codes.push((i, code));
    }
    app.clock.set(wib_10am(2026, 11, 5));
    for (i, code) in &codes {
        if i % 3 == 1 {
            step(&app, code, "respond", &officer, None).await;
        }
    }
    let done = complaints::statistics::recompute(&app.state).await.unwrap();
    assert_eq!(done.cases, 30);
    let stats = json(&app, "/api/v1/complaints/statistics").await;
    let kominfo = line(&stats["organisations"], Some(KOMINFO));
    assert_eq!(kominfo["received"], 20);
    assert_eq!(kominfo["followed_up"], 10);
    assert_eq!(kominfo["median_working_days_to_follow_up"], 3.0);
    // Routed 2 Nov, due 9 Nov, today 5 Nov: the ten unanswered are not due yet.
    assert_eq!(kominfo["follow_ups_due"], 10);
    assert_eq!(kominfo["on_time_share"], 1.0);
}
