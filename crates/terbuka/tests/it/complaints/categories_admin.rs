//! The complaint categories admin: list, create, edit, validation (422, nothing written),
//! audit, the admin index link.

use platform::authz::Role;
use platform::on_db;

use crate::support::TestApp;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

#[tokio::test]
async fn admins_create_and_edit_categories_and_bad_input_is_refused() {
    let app = TestApp::start().await;
    let admin = app
        .signed_in(
            app.user("adm@contoh.id", &[(Role::Admin, "diskominfo")])
                .await,
        )
        .await;
    let (status, _, html) = admin.get("/admin").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("/admin/kategori-pengaduan"),
        "linked from the admin index"
    );
    let (status, _, html) = admin.get("/admin/kategori-pengaduan").await;
    assert_eq!(status, 200);
    assert!(html.contains("Jalan dan Jembatan"));
    let categories = count(&app, "SELECT COUNT(*) FROM complaint_categories").await;

    // Refused: bad code, empty English name, unknown organisation, bad position.
    let (status, _, html) = admin
        .post_form(
            "/admin/kategori-pengaduan/baru",
            &[
                ("id", "Bukan Kode!"),
                ("name_id", "Pasar Desa"),
                ("name_en", ""),
                ("default_organisation_id", "tidak-ada"),
                ("position", "abc"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    for message in [
        "huruf kecil, angka, dan tanda hubung, diawali huruf",
        "Nama 2–120 karakter",
        "Pilih organisasi yang terdaftar",
        "bilangan bulat",
    ] {
        assert!(html.contains(message), "missing {message:?}");
    }
    assert!(
        html.contains("value=\"Pasar Desa\""),
        "what was typed is kept"
    );
    // A code already taken.
    let (status, _, html) = admin
        .post_form(
            "/admin/kategori-pengaduan/baru",
            &[
                ("id", "jalan-jembatan"),
                ("name_id", "Jalan"),
                ("name_en", "Roads"),
                ("default_organisation_id", "diskominfo"),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("sudah dipakai"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM complaint_categories").await,
        categories
    );

    // Created, then edited (deactivated, routed elsewhere); both audited.
    let (status, location, _) = admin
        .post_form(
            "/admin/kategori-pengaduan/baru",
            &[
                ("id", "pasar-desa"),
                ("name_id", "Pasar Desa"),
                ("name_en", "Village markets"),
                ("default_organisation_id", "diskominfo"),
                ("position", "200"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    let c = complaints::queries::category(&app.state.db, "pasar-desa")
        .await
        .unwrap()
        .expect("created");
    assert!(c.active);
    assert_eq!((c.position, c.name_en.as_str()), (200, "Village markets"));
    let (status, _, html) = admin.get("/admin/kategori-pengaduan/pasar-desa").await;
    assert_eq!(status, 200);
    assert!(html.contains("Village markets"));
    let (status, _, _) = admin
        .post_form(
            "/admin/kategori-pengaduan/pasar-desa",
            &[
                ("name_id", "Pasar Desa"),
                ("name_en", "Village markets"),
                ("default_organisation_id", "bappeda"),
                ("position", "5"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let c = complaints::queries::category(&app.state.db, "pasar-desa")
        .await
        .unwrap()
        .unwrap();
    assert!(!c.active, "an unticked box deactivates");
    assert_eq!(
        (c.default_organisation_id.as_str(), c.position),
        ("bappeda", 5)
    );
    // An edit with an unknown organisation: 422, unchanged.
    let (status, _, _) = admin
        .post_form(
            "/admin/kategori-pengaduan/pasar-desa",
            &[
                ("name_id", "Pasar Desa"),
                ("name_en", "Village markets"),
                ("default_organisation_id", "tidak-ada"),
                ("position", "5"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'complaint_category'"
        )
        .await,
        2
    );
    assert_eq!(
        admin.get("/admin/kategori-pengaduan/tidak-ada").await.0,
        404
    );
}

#[tokio::test]
async fn only_admins_manage_categories() {
    let app = TestApp::start().await;
    let verifier = app
        .signed_in(
            app.user("verif@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    assert_eq!(verifier.get("/admin/kategori-pengaduan").await.0, 403);
    let (status, _, _) = verifier
        .post_form(
            "/admin/kategori-pengaduan/jalan-jembatan",
            &[
                ("name_id", "X"),
                ("name_en", "X"),
                ("default_organisation_id", "diskominfo"),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(status, 403);
}
