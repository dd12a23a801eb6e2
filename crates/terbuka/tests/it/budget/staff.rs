//! The finance officers' page `/kelola/anggaran`: a good file becomes a draft whose totals
//! show, and is published; a bad file shows every problem and writes nothing; only the
//! finance office (bpkad) and admins may use it.

use platform::authz::Role;

use super::{DISDIK, HEADER, count, csv, good_rows, xlsx};
use crate::support::{TestApp, Visitor};

async fn upload(v: &Visitor, year: &str, stage: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let token = v.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("_csrf", token)
        .text("tahun", year.to_string())
        .text("tahap", stage.to_string())
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let response = v
        .client
        .post(v.url("/kelola/anggaran"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn finance_officer_uploads_reads_the_report_and_publishes() {
    let app = TestApp::start().await;
    let officer = app
        .user("keuangan@contoh.id", &[(Role::Officer, "bpkad")])
        .await;
    let v = app.signed_in(officer).await;
    let (status, _, html) = v.get("/kelola/anggaran").await;
    assert_eq!(status, 200);
    assert!(html.contains("enctype=\"multipart/form-data\""));
    let (status, _, example) = v.get("/kelola/anggaran/contoh.csv").await;
    assert_eq!(status, 200);
    assert!(example.contains(HEADER[0]));

    // A bad file: two bad rows, both reported, nothing written.
    let mut rows = good_rows();
    rows[2][11] = "satu juta";
    rows[4][8] = "5.2.03.01.X";
    let (status, html) = upload(&v, "2026", "murni", "apbd.csv", csv(&rows)).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"report\""));
    assert!(html.contains("“satu juta” bukan angka rupiah."), "{html}");
    assert!(html.contains("5.2.03.01.X"), "{html}");
    assert_eq!(count(&app, "budget_versions").await, 0);
    assert_eq!(count(&app, "budget_lines").await, 0);

    // The same mistake in an XLSX: reported with its row, nothing written.
    let (status, html) = upload(&v, "2026", "murni", "apbd.xlsx", xlsx(&rows, "anggaran")).await;
    assert_eq!(status, 422);
    assert!(html.contains("“satu juta” bukan angka rupiah."), "{html}");
    assert_eq!(count(&app, "budget_versions").await, 0);

    // The good file (XLSX): a draft with its totals, not public yet.
    let (status, html) = upload(
        &v,
        "2026",
        "murni",
        "apbd.xlsx",
        xlsx(&good_rows(), "anggaran"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"draft\""));
    assert!(html.contains("Rp3.500.000.000") && html.contains("Rp2.100.000.000"));
    assert_eq!(app.visitor().get("/anggaran/2026").await.0, 404);
    let action = html
        .split("action=\"/kelola/anggaran/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("publish form")
        .to_string();
    let (status, _, html) = v
        .post_form(&format!("/kelola/anggaran/{action}"), &[])
        .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"notice\""));
    let (status, _, public) = app
        .visitor()
        .get(&format!("/anggaran/2026/organisasi/{DISDIK}"))
        .await;
    assert_eq!(status, 200);
    assert!(public.contains("Rp2.100.000.000"));
    // Publishing again is refused.
    let (status, _, _) = v
        .post_form(&format!("/kelola/anggaran/{action}"), &[])
        .await;
    assert_eq!(status, 409);
    let audits: i64 = {
        use platform::on_db;
        on_db!(&app.state.db, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('budget.import', 'budget.publish')")
            .fetch_one(pool).await)
        .unwrap()
    };
    assert_eq!(audits, 2);
}

#[tokio::test]
async fn only_the_finance_office_and_admins_manage_budgets() {
    let app = TestApp::start().await;
    let other = app
        .user("kominfo@contoh.id", &[(Role::Officer, "diskominfo")])
        .await;
    let citizen = app.user("warga@contoh.id", &[]).await;
    let admin = app
        .user("admin@contoh.id", &[(Role::Admin, "diskominfo")])
        .await;
    for (who, expected) in [(other, 403), (citizen, 403), (admin, 200)] {
        let v = app.signed_in(who).await;
        assert_eq!(v.get("/kelola/anggaran").await.0, expected);
        let (status, _) = upload(&v, "2026", "murni", "apbd.csv", csv(&good_rows())).await;
        assert_eq!(status, expected, "upload");
    }
    // Only the admin's upload was written.
    assert_eq!(count(&app, "budget_versions").await, 1);
}
