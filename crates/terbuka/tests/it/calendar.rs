//! The working-day calendar: shipped holidays loaded at start-up, the cached calendar, and
//! the admin pages (validation, duplicates, audit, cache refresh).

use chrono::NaiveDate;
use platform::authz::Role;
use platform::db::RowsAffected;
use platform::on_db;

use crate::support::TestApp;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action).fetch_one(pool).await)
    .expect("count")
}

#[tokio::test]
async fn shipped_holidays_are_loaded_on_first_start() {
    let app = TestApp::builder().empty().start().await;
    let all = platform::calendar::all(&app.state.db)
        .await
        .expect("holidays");
    let shipped = platform::calendar::parse_csv(platform::calendar::HOLIDAYS_CSV).expect("csv");
    assert_eq!(all.len(), shipped.len());
    let cal = app
        .state
        .calendar
        .get(&app.state.db)
        .await
        .expect("calendar");
    assert!(!cal.is_working_day(date(2026, 8, 17)));
    assert!(!cal.is_working_day(date(2026, 12, 24)), "cuti bersama");
    assert!(cal.is_working_day(date(2026, 11, 27)));
    assert_eq!(
        cal.add_working_days(date(2026, 12, 23), 1),
        date(2026, 12, 28)
    );
    // A second start on the same database does not load them again (admins' edits stay).
    on_db!(&app.state.db, pool => sqlx::query("DELETE FROM holidays WHERE day = $1").bind(date(2026, 8, 17))
        .execute(pool).await.affected()).expect("delete");
    let n = platform::calendar::load_defaults_if_empty(&app.state.db, app.clock_now())
        .await
        .expect("load");
    assert_eq!(n, 0);
}

impl TestApp {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        use platform::clock::Clock as _;
        self.clock.now()
    }
}

#[tokio::test]
async fn admin_adds_edits_and_deletes_a_day() {
    let app = TestApp::start().await;
    let admin = app
        .user("admin@uji.id", &[(Role::Admin, "diskominfo")])
        .await;
    let admin = app.signed_in(admin).await;
    let (status, _, html) = admin.get("/admin/kalender?tahun=2026").await;
    assert_eq!(status, 200);
    assert!(html.contains("Hari Proklamasi Kemerdekaan"));

    // The cached calendar says Friday 27 November 2026 is a working day…
    let before = app
        .state
        .calendar
        .get(&app.state.db)
        .await
        .expect("calendar");
    assert!(before.is_working_day(date(2026, 11, 27)));
    let fields = [
        ("day", "2026-11-27"),
        ("kind", "national"),
        ("name_id", "Libur uji"),
        ("name_en", "Test holiday"),
    ];
    let (status, location, _) = admin.post_form("/admin/kalender", &fields).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/kalender?tahun=2026&ok=saved")
    );
    // …and after the edit the cache is refreshed.
    let after = app
        .state
        .calendar
        .get(&app.state.db)
        .await
        .expect("calendar");
    assert!(!after.is_working_day(date(2026, 11, 27)));
    assert_eq!(audit_count(&app, "holiday.create").await, 1);

    // A duplicate is a 422 that keeps what was typed.
    let (status, _, html) = admin.post_form("/admin/kalender", &fields).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("sudah ada") && html.contains("value=\"Libur uji\""),
        "{html}"
    );

    // Edit: move it to the 30th and rename it.
    let (status, _, html) = admin.get("/admin/kalender/2026-11-27/ubah").await;
    assert_eq!(status, 200);
    assert!(html.contains("value=\"Test holiday\""));
    let moved = [
        ("day", "2026-11-30"),
        ("kind", "cuti_bersama"),
        ("name_id", "Cuti uji"),
        ("name_en", "Test leave"),
    ];
    let (status, _, _) = admin
        .post_form("/admin/kalender/2026-11-27/ubah", &moved)
        .await;
    assert_eq!(status, 303);
    let cal = app
        .state
        .calendar
        .get(&app.state.db)
        .await
        .expect("calendar");
    assert!(cal.is_working_day(date(2026, 11, 27)) && !cal.is_working_day(date(2026, 11, 30)));
    assert_eq!(audit_count(&app, "holiday.update").await, 1);
    // Moving onto an existing day is a 422 and changes nothing.
    let clash = [
        ("day", "2026-12-25"),
        ("kind", "national"),
        ("name_id", "X"),
        ("name_en", "X"),
    ];
    let (status, _, _) = admin
        .post_form("/admin/kalender/2026-11-30/ubah", &clash)
        .await;
    assert_eq!(status, 422);
    assert!(
        platform::calendar::find(&app.state.db, date(2026, 11, 30))
            .await
            .expect("find")
            .is_some()
    );

    let (status, location, _) = admin
        .post_form("/admin/kalender/2026-11-30/hapus", &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/kalender?tahun=2026&ok=deleted")
    );
    let cal = app
        .state
        .calendar
        .get(&app.state.db)
        .await
        .expect("calendar");
    assert!(cal.is_working_day(date(2026, 11, 30)));
    assert_eq!(audit_count(&app, "holiday.delete").await, 1);
    let (status, _, _) = admin
        .post_form("/admin/kalender/2026-11-30/hapus", &[])
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = admin.get("/admin/kalender/bukan-tanggal/ubah").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_input_is_refused_with_messages() {
    let app = TestApp::start().await;
    let admin = app
        .user("admin@uji.id", &[(Role::Admin, "diskominfo")])
        .await;
    let admin = app.signed_in(admin).await;
    let count = || async {
        platform::calendar::all(&app.state.db)
            .await
            .expect("all")
            .len()
    };
    let n = count().await;
    for (fields, message) in [
        (
            vec![
                ("day", "27-11-2026"),
                ("kind", "national"),
                ("name_id", "A"),
                ("name_en", "A"),
            ],
            "TTTT-BB-HH",
        ),
        (
            vec![
                ("day", "2026-02-30"),
                ("kind", "national"),
                ("name_id", "A"),
                ("name_en", "A"),
            ],
            "TTTT-BB-HH",
        ),
        (
            vec![
                ("day", "2026-11-27"),
                ("kind", "libur"),
                ("name_id", "A"),
                ("name_en", "A"),
            ],
            "Pilih libur nasional",
        ),
        (
            vec![
                ("day", "2026-11-27"),
                ("kind", "national"),
                ("name_id", "  "),
                ("name_en", "A"),
            ],
            "Nama wajib diisi",
        ),
        (
            vec![
                ("day", "2026-11-27"),
                ("kind", "national"),
                ("name_id", "A"),
            ],
            "Nama wajib diisi",
        ),
    ] {
        let (status, _, html) = admin.post_form("/admin/kalender", &fields).await;
        assert_eq!(status, 422, "{fields:?}");
        assert!(html.contains(message), "{fields:?}: {message}");
    }
    assert_eq!(count().await, n, "nothing written");
    // Without the CSRF token: 403.
    let response = admin
        .client
        .post(admin.url("/admin/kalender"))
        .form(&[
            ("day", "2026-11-27"),
            ("kind", "national"),
            ("name_id", "A"),
            ("name_en", "A"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 403);
    // Non-admins are refused.
    let officer = app
        .user("petugas@uji.id", &[(Role::Officer, "diskominfo")])
        .await;
    let (status, _, _) = app.signed_in(officer).await.get("/admin/kalender").await;
    assert_eq!(status, 403);
}
