//! The admin area (`/admin…`), the staff workspace (`/kelola`), the organisation profile
//! editor (`/organisasi/{id}/kelola`) and `terbuka user add`.

use platform::authz::Role;
use platform::clock::Clock;
use platform::on_db;

use crate::accounts::{count, login};
use crate::support::{PASSWORD, TestApp, Visitor};

async fn admin(app: &TestApp) -> Visitor {
    let id = app
        .user("admin.uji@example.id", &[(Role::Admin, "diskominfo")])
        .await;
    app.signed_in(id).await
}

async fn audit_rows(app: &TestApp, action: &str) -> Vec<(String, Option<String>, Option<String>)> {
    on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT entity_id, before_json, after_json FROM audit_log WHERE action = $1 ORDER BY at, id")
        .bind(action).fetch_all(pool).await).unwrap()
}

async fn org_field(app: &TestApp, id: &str, column: &'static str) -> String {
    let sql = match column {
        "phone" => "SELECT phone FROM organisations WHERE id = $1",
        "head_name" => "SELECT head_name FROM organisations WHERE id = $1",
        "name" => "SELECT name FROM organisations WHERE id = $1",
        _ => unreachable!(),
    };
    on_db!(&app.state.db, pool => sqlx::query_scalar(sql).bind(id).fetch_one(pool).await).unwrap()
}

#[tokio::test]
async fn only_admins_reach_the_admin_area() {
    let app = TestApp::start().await;
    let (status, location, _) = app.visitor().get("/admin/pengguna").await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/masuk?next=/admin/pengguna")
    );
    let citizen = app.user("warga@example.id", &[]).await;
    let officer = app
        .user("petugas@example.id", &[(Role::Officer, "diskominfo")])
        .await;
    for id in [citizen, officer] {
        let visitor = app.signed_in(id).await;
        for path in [
            "/admin",
            "/admin/pengguna",
            "/admin/organisasi",
            "/admin/organisasi/diskominfo",
        ] {
            assert_eq!(visitor.get(path).await.0, 403, "{path}");
        }
        let (status, _, body) = visitor
            .post_form("/admin/organisasi/diskominfo", &[("name", "Diambil alih")])
            .await;
        assert_eq!(status, 403);
        assert!(body.contains("Anda tidak berhak"), "{body}");
    }
    assert_eq!(
        org_field(&app, "diskominfo", "name").await,
        "Dinas Komunikasi dan Informatika"
    );
    let admin = admin(&app).await;
    let (status, _, body) = admin.get("/admin").await;
    assert_eq!(status, 200);
    // Every area on the index is linked and answers.
    for area in platform::admin::areas() {
        assert!(
            body.contains(&format!("href=\"{}\"", area.href)),
            "{}",
            area.href
        );
        assert_eq!(admin.get(area.href).await.0, 200, "{}", area.href);
    }
}

#[tokio::test]
async fn admin_creates_an_officer_who_edits_only_their_own_organisation() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let (status, _, page) = admin.get("/admin/pengguna/baru").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("value=\"dinkes\""),
        "the organisation list is offered"
    );

    let (status, location, _) = admin
        .post_form(
            "/admin/pengguna/baru",
            &[
                ("name", "Yuliana Puspitasari"),
                ("email", "Yuliana.P@example.id"),
                ("password", "sandi-awal-petugas"),
                ("organisation_id", "dinkes"),
                ("role", "officer"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/admin/pengguna/") && location.ends_with("?ok=saved"),
        "{location}"
    );
    let (status, _, page) = admin.get(&location).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Yuliana Puspitasari")
            && page.contains("Dinas Kesehatan")
            && page.contains("Petugas"),
        "{page}"
    );

    // Audited, without the password hash.
    let created = audit_rows(&app, "user.create").await;
    assert_eq!(created.len(), 1);
    let after = created[0].2.clone().unwrap();
    assert!(
        after.contains("yuliana.p@example.id") && !after.contains("argon2"),
        "{after}"
    );
    let granted = audit_rows(&app, "membership.grant").await;
    assert_eq!(granted.len(), 1);
    assert!(granted[0].2.as_deref().unwrap().contains("\"officer\""));

    // The officer signs in and edits Dinkes' profile.
    let officer = app.visitor();
    assert_eq!(
        login(&officer, "yuliana.p@example.id", "sandi-awal-petugas")
            .await
            .0,
        303
    );
    let (status, _, workspace) = officer.get("/kelola").await;
    assert_eq!(status, 200);
    assert!(
        workspace.contains("Dinas Kesehatan") && workspace.contains("/organisasi/dinkes/kelola"),
        "{workspace}"
    );
    let (status, _, form) = officer.get("/organisasi/dinkes/kelola").await;
    assert_eq!(status, 200);
    assert!(form.contains("name=\"head_name\""), "{form}");
    let profile = [
        (
            "description",
            "Dinas Kesehatan mengurus layanan kesehatan masyarakat Bojonegoro.",
        ),
        ("address", "Jl. Dr. Cipto No. 48 Bojonegoro"),
        ("phone", "(0353) 881350"),
        ("email", "Dinkes@Bojonegorokab.go.id"),
        ("website", "https://dinkes.bojonegorokab.go.id"),
        ("head_name", "dr. Ani Rahmawati"),
    ];
    let (status, location, _) = officer
        .post_form("/organisasi/dinkes/kelola", &profile)
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/organisasi/dinkes/kelola?ok=saved")
    );
    assert_eq!(
        org_field(&app, "dinkes", "head_name").await,
        "dr. Ani Rahmawati"
    );
    let updates = audit_rows(&app, "organisation.profile_update").await;
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].0, "dinkes");
    assert!(
        updates[0]
            .2
            .as_deref()
            .unwrap()
            .contains("dr. Ani Rahmawati")
    );
    assert!(
        !updates[0]
            .1
            .as_deref()
            .unwrap()
            .contains("dr. Ani Rahmawati")
    );

    // Bad input: 422 with the message, nothing written.
    for (field, value, message) in [
        (
            "website",
            "dinkes.go.id",
            "harus diawali http:// atau https://",
        ),
        ("email", "bukan-email", "Alamat e-mail ini tidak sah"),
        ("phone", "telepon saja", "Nomor telepon hanya boleh"),
    ] {
        let mut fields: Vec<(&str, &str)> = profile
            .iter()
            .copied()
            .filter(|(k, _)| *k != field)
            .collect();
        fields.push((field, value));
        fields.retain(|(k, _)| *k != "head_name");
        fields.push(("head_name", "Tidak Tersimpan"));
        let (status, _, body) = officer
            .post_form("/organisasi/dinkes/kelola", &fields)
            .await;
        assert_eq!(status, 422, "{field}");
        assert!(body.contains(message), "{field}: {body}");
    }
    assert_eq!(
        org_field(&app, "dinkes", "head_name").await,
        "dr. Ani Rahmawati"
    );

    // Another organisation: 403 on read and on write, nothing written.
    assert_eq!(officer.get("/organisasi/bappeda/kelola").await.0, 403);
    let (status, _, _) = officer
        .post_form("/organisasi/bappeda/kelola", &profile)
        .await;
    assert_eq!(status, 403);
    assert_ne!(
        org_field(&app, "bappeda", "head_name").await,
        "dr. Ani Rahmawati"
    );
    assert_eq!(
        audit_rows(&app, "organisation.profile_update").await.len(),
        1
    );
    // Nor the admin pages.
    assert_eq!(officer.get("/admin").await.0, 403);
}

#[tokio::test]
async fn verifiers_and_citizens_cannot_edit_profiles_but_supervisors_can() {
    let app = TestApp::start().await;
    let verifier = app
        .signed_in(
            app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    assert_eq!(verifier.get("/kelola").await.0, 200);
    assert_eq!(verifier.get("/organisasi/diskominfo/kelola").await.0, 403);
    let citizen = app
        .signed_in(app.user("warga2@example.id", &[]).await)
        .await;
    assert_eq!(citizen.get("/kelola").await.0, 403);
    assert_eq!(citizen.get("/organisasi/diskominfo/kelola").await.0, 403);
    let (status, location, _) = app.visitor().get("/organisasi/diskominfo/kelola").await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/masuk?next=/organisasi/diskominfo/kelola")
    );
    let supervisor = app
        .signed_in(
            app.user("atasan@example.id", &[(Role::Supervisor, "inspektorat")])
                .await,
        )
        .await;
    let (status, _, _) = supervisor
        .post_form(
            "/organisasi/inspektorat/kelola",
            &[("head_name", "Drs. Sugeng Raharjo")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        org_field(&app, "inspektorat", "head_name").await,
        "Drs. Sugeng Raharjo"
    );
}

#[tokio::test]
async fn creating_a_user_with_bad_input_is_a_422_and_writes_nothing() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let memberships_before = count(&app, "SELECT COUNT(*) FROM memberships").await;
    let base = [
        ("name", "Petugas Baru"),
        ("email", "petugas.baru@example.id"),
        ("password", "sandi-awal-petugas"),
    ];
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("email", "bukan-email")], "Alamat e-mail ini tidak sah"),
        (
            &[("email", "admin@example.id")],
            "Alamat e-mail ini sudah terdaftar",
        ),
        (
            &[("password", "pendek")],
            "Kata sandi paling sedikit 10 karakter.",
        ),
        (&[("name", "")], "Isi nama lengkap Anda."),
        (
            &[("organisation_id", "dinkes")],
            "Pilih peran untuk organisasi ini.",
        ),
        (&[("role", "officer")], "Pilih organisasi untuk peran ini."),
        (
            &[("organisation_id", "dinkes"), ("role", "raja")],
            "Pilih peran yang tersedia.",
        ),
        (
            &[("organisation_id", "tidak-ada"), ("role", "officer")],
            "Pilih organisasi yang terdaftar.",
        ),
    ];
    for (overrides, message) in cases {
        let mut fields: Vec<(&str, &str)> = base
            .iter()
            .copied()
            .filter(|(k, _)| !overrides.iter().any(|(o, _)| o == k))
            .collect();
        fields.extend_from_slice(overrides);
        let (status, _, body) = admin.post_form("/admin/pengguna/baru", &fields).await;
        assert_eq!(status, 422, "{overrides:?}");
        assert!(body.contains(message), "{overrides:?}: {body}");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM memberships").await,
        memberships_before
    );
    assert_eq!(audit_rows(&app, "user.create").await.len(), 0);

    // A forged token writes nothing either.
    let mut fields: Vec<(&str, &str)> = base.to_vec();
    fields.push(("_csrf", "forged"));
    let response = admin
        .client
        .post(admin.url("/admin/pengguna/baru"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );
}

#[tokio::test]
async fn admin_edits_users_roles_and_disables_accounts() {
    let app = TestApp::start().await;
    let admin_id = app
        .user("admin.uji@example.id", &[(Role::Admin, "diskominfo")])
        .await;
    let admin = app.signed_in(admin_id).await;
    let target = app.user("target@example.id", &[]).await;
    let target_session = app.signed_in(target).await;
    let page = format!("/admin/pengguna/{target}");

    let (status, _, body) = admin
        .post_form(
            &format!("{page}/peran"),
            &[("organisation_id", "bappeda"), ("role", "supervisor")],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let (status, _, body) = admin
        .post_form(
            &format!("{page}/peran"),
            &[("organisation_id", "tidak-ada"), ("role", "officer")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("Pilih organisasi yang terdaftar."));
    let (_, _, body) = admin.get(&page).await;
    assert!(
        body.contains("Badan Perencanaan Pembangunan Daerah") && body.contains("Atasan/Pengawas"),
        "{body}"
    );
    assert_eq!(target_session.get("/kelola").await.0, 200);
    let (status, _, _) = admin
        .post_form(
            &format!("{page}/peran/hapus"),
            &[("organisation_id", "bappeda"), ("role", "supervisor")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(target_session.get("/kelola").await.0, 403);
    assert_eq!(audit_rows(&app, "membership.grant").await.len(), 1);
    assert_eq!(audit_rows(&app, "membership.revoke").await.len(), 1);

    // Bad name: 422, nothing changed.
    let (status, _, body) = admin
        .post_form(&page, &[("name", "X"), ("active", "on")])
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("Nama harus 2 sampai 100 karakter."));
    // Disable: the user's sessions end at once and sign-in fails.
    let (status, _, _) = admin.post_form(&page, &[("name", "Target Diganti")]).await;
    assert_eq!(status, 303);
    assert_eq!(target_session.get("/akun").await.0, 303);
    assert_eq!(
        login(&app.visitor(), "target@example.id", PASSWORD).await.0,
        422
    );
    let updates = audit_rows(&app, "user.update").await;
    assert_eq!(updates.len(), 1);
    let (before, after) = (updates[0].1.clone().unwrap(), updates[0].2.clone().unwrap());
    assert!(
        before.contains("\"active\":true")
            && after.contains("\"active\":false")
            && after.contains("Target Diganti"),
        "{after}"
    );

    // Admins cannot lock themselves out.
    let own = format!("/admin/pengguna/{admin_id}");
    let (status, _, body) = admin.post_form(&own, &[("name", "Admin Uji")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("tidak dapat menonaktifkan akun Anda sendiri"));
    let (status, _, _) = admin
        .post_form(
            &format!("{own}/peran/hapus"),
            &[("organisation_id", "diskominfo"), ("role", "admin")],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(admin.get("/admin").await.0, 200);
    assert_eq!(admin.get("/admin/pengguna/bukan-uuid").await.0, 404);
    assert_eq!(
        admin
            .get(&format!("/admin/pengguna/{}", uuid::Uuid::now_v7()))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn the_user_list_searches_and_pages() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    for i in 0..30 {
        app.user(&format!("banyak{i:02}@example.id"), &[]).await;
    }
    let (status, _, body) = admin.get("/admin/pengguna?q=AMINAH").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("siti.aminah@example.id") && !body.contains("slamet.riyadi@example.id"),
        "{body}"
    );
    assert!(body.contains("1 pengguna"), "{body}");
    // A LIKE wildcard is searched literally.
    let (_, _, body) = admin.get("/admin/pengguna?q=%25").await;
    assert!(body.contains("0 pengguna"), "{body}");
    let (_, _, first) = admin.get("/admin/pengguna?q=banyak").await;
    assert!(
        first.contains("30 pengguna")
            && first.contains("Halaman 1 dari 2")
            && first.contains("rel=\"next\""),
        "{first}"
    );
    let (_, _, second) = admin.get("/admin/pengguna?q=banyak&page=2").await;
    assert!(second.contains("Halaman 2 dari 2") && second.contains("rel=\"prev\""));
    let on_first = first.matches("@example.id</td>").count();
    let on_second = second.matches("@example.id</td>").count();
    assert_eq!((on_first, on_second), (25, 5));
}

#[tokio::test]
async fn admin_manages_organisations_with_every_field_checked() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let (status, _, body) = admin.get("/admin/organisasi?kind=kecamatan").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Kecamatan Dander")
            && !body.contains("Dinas Kesehatan")
            && body.contains("28 organisasi"),
        "{body}"
    );
    let (_, _, body) = admin.get("/admin/organisasi?q=kesehatan").await;
    assert!(body.contains("Dinas Kesehatan"));

    let orgs_before = count(&app, "SELECT COUNT(*) FROM organisations").await;
    let base = [
        ("id", "dinas-perikanan"),
        ("name", "Dinas Perikanan"),
        ("short_name", "Diskan"),
        ("kind", "opd"),
        ("region_code", "35.22"),
        ("parent_id", "pemkab-3522"),
        ("description", ""),
        ("address", "Jl. Lettu Suyitno No. 2 Bojonegoro"),
        ("phone", "(0353) 881100"),
        ("email", "diskan@bojonegorokab.go.id"),
        ("website", "https://diskan.bojonegorokab.go.id"),
        ("head_name", "Ir. Bambang Wicaksono"),
    ];
    let cases: &[(&str, &str, &str)] = &[
        ("id", "Dinas Perikanan!", "Kode harus 2–64 karakter"),
        ("id", "diskominfo", "Kode ini sudah dipakai"),
        ("name", "D", "Nama harus 2 sampai 200 karakter."),
        ("short_name", "", "Nama singkat harus 1 sampai 60 karakter."),
        ("kind", "kerajaan", "Pilih jenis organisasi."),
        ("region_code", "99.99", "Kode wilayah ini tidak dikenal."),
        ("parent_id", "tidak-ada", "Organisasi induk tidak dikenal."),
        ("email", "diskan@", "Alamat e-mail ini tidak sah"),
        (
            "website",
            "ftp://diskan",
            "harus diawali http:// atau https://",
        ),
    ];
    for (field, value, message) in cases {
        let mut fields: Vec<(&str, &str)> =
            base.iter().copied().filter(|(k, _)| k != field).collect();
        fields.push((field, value));
        let (status, _, body) = admin.post_form("/admin/organisasi/baru", &fields).await;
        assert_eq!(status, 422, "{field}={value}");
        assert!(body.contains(message), "{field}={value}: {body}");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM organisations").await,
        orgs_before
    );

    let (status, location, _) = admin.post_form("/admin/organisasi/baru", &base).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/organisasi/dinas-perikanan?ok=saved")
    );
    assert_eq!(audit_rows(&app, "organisation.create").await.len(), 1);
    let (status, _, page) = admin.get("/admin/organisasi/dinas-perikanan").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ir. Bambang Wicaksono"), "{page}");

    // Edit: every field but the id; a parent cycle is refused.
    let mut edit: Vec<(&str, &str)> = base
        .iter()
        .copied()
        .filter(|(k, _)| *k != "id" && *k != "phone")
        .collect();
    edit.push(("phone", "(0353) 881199"));
    let (status, _, _) = admin
        .post_form("/admin/organisasi/dinas-perikanan", &edit)
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        org_field(&app, "dinas-perikanan", "phone").await,
        "(0353) 881199"
    );
    let updates = audit_rows(&app, "organisation.update").await;
    assert_eq!(updates.len(), 1);
    assert!(
        updates[0].1.as_deref().unwrap().contains("881100")
            && updates[0].2.as_deref().unwrap().contains("881199")
    );

    let mut cycle: Vec<(&str, &str)> = base.iter().copied().filter(|(k, _)| *k != "id").collect();
    cycle.retain(|(k, _)| *k != "parent_id" && *k != "name" && *k != "short_name");
    cycle.extend([
        ("parent_id", "dinas-perikanan"),
        ("name", "Pemerintah Kabupaten Bojonegoro"),
        ("short_name", "Pemkab"),
        ("kind", "regency"),
    ]);
    cycle.retain(|(k, v)| !(*k == "kind" && *v == "opd"));
    let (status, _, body) = admin
        .post_form("/admin/organisasi/pemkab-3522", &cycle)
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("tidak boleh menjadi induk"), "{body}");
    assert_eq!(audit_rows(&app, "organisation.update").await.len(), 1);
    assert_eq!(admin.get("/admin/organisasi/tidak-ada").await.0, 404);
}

#[tokio::test]
async fn the_cli_adds_users_with_a_role() {
    let app = TestApp::start().await;
    let args = terbuka::cli::UserAdd {
        email: "Kepala.Dinas@example.id".into(),
        name: "Kepala Dinas".into(),
        password: Some("sandi-dari-cli-2026".into()),
        role: Some("admin".into()),
        org: Some("diskominfo".into()),
    };
    let id = terbuka::cli::user_add(&app.state.db, &args, app.clock.now())
        .await
        .unwrap();
    let roles = platform::accounts::session::memberships_of(&app.state.db, id)
        .await
        .unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].role, Role::Admin);
    let audit = audit_rows(&app, "user.create").await;
    assert_eq!(audit.len(), 1, "the command line's change is audited too");
    assert_eq!(audit[0].0, id.to_string());
    assert!(
        !audit[0]
            .2
            .as_deref()
            .unwrap_or("")
            .contains("sandi-dari-cli"),
        "no password in the audit"
    );
    let visitor = app.visitor();
    assert_eq!(
        login(&visitor, "kepala.dinas@example.id", "sandi-dari-cli-2026")
            .await
            .0,
        303
    );
    assert_eq!(visitor.get("/admin").await.0, 200);

    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    for bad in [
        terbuka::cli::UserAdd {
            password: Some("pendek".into()),
            email: "x@example.id".into(),
            ..args.clone()
        },
        terbuka::cli::UserAdd {
            password: None,
            email: "y@example.id".into(),
            ..args.clone()
        },
        terbuka::cli::UserAdd {
            role: Some("raja".into()),
            email: "z@example.id".into(),
            ..args.clone()
        },
        terbuka::cli::UserAdd {
            org: Some("tidak-ada".into()),
            email: "w@example.id".into(),
            ..args.clone()
        },
        args.clone(),
    ] {
        let err = terbuka::cli::user_add(&app.state.db, &bad, app.clock.now())
            .await
            .unwrap_err();
        assert!(!format!("{err:#}").is_empty());
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );
}
