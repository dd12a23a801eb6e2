//! Staff pages: the verifiers' queue, the organisation inbox, the staff case page and its
//! steps (route, answer, notes, privacy), optimistic concurrency, who may see what, and the
//! reporter's e-mail after public steps.

use complaints::submission::{Submission, submit};
use platform::authz::{Actor, Role};
use platform::cases;
use platform::on_db;
use uuid::Uuid;

use super::submission::valid;
use crate::support::{TestApp, Visitor};

/// The organisation that `jalan-jembatan` is routed to by default.
const ROADS: &str = "dpu-bina-marga";

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

async fn new_case(app: &TestApp, privacy: &str) -> String {
    let input = Submission {
        privacy: privacy.into(),
        ..valid()
    };
    submit(&app.state, &Actor::public(), input, Vec::new())
        .await
        .unwrap()
        .tracking_code
}

/// A complaint routed to `organisation` (for fixtures elsewhere, e.g. the matrix).
pub async fn routed_case(app: &TestApp, organisation: &str) -> String {
    let code = new_case(app, "public").await;
    routed_case_from(app, &code, organisation).await
}

/// Route the complaint `code` to `organisation` through the staff page, as a verifier.
async fn routed_case_from(app: &TestApp, code: &str, organisation: &str) -> String {
    let verifier = app
        .signed_in(
            app.user(
                &format!("verifikator-{}@contoh.id", Uuid::now_v7()),
                &[(Role::Verifier, "diskominfo")],
            )
            .await,
        )
        .await;
    let page = format!("/kelola/pengaduan/{code}");
    let (_, _, html) = verifier.get(&page).await;
    let version = version_in(&html);
    let (status, location, _) = post_multipart(
        &verifier,
        &format!("{page}/tindakan"),
        &[
            ("version", &version),
            ("action", "verify_and_route"),
            ("route_to", organisation),
        ],
        None,
        None,
    )
    .await;
    assert_eq!(status, 303, "{location}");
    // A public note with an attachment, so that fixtures have a file on the case.
    let (status, _, _) = post_multipart(
        &verifier,
        &format!("{page}/catatan"),
        &[("body", "Diteruskan ke dinas terkait."), ("public", "1")],
        Some(("lokasi.csv", b"desa,status\nLuwihaji,diteruskan\n")),
        None,
    )
    .await;
    assert_eq!(status, 303);
    code.to_string()
}

/// The id of the (first) file attached to the complaint `code`.
pub async fn attachment_of(app: &TestApp, code: &str) -> Uuid {
    on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT f.file_id FROM case_entry_files f JOIN case_entries e ON e.id = f.entry_id \
         JOIN cases c ON c.id = e.case_id WHERE c.tracking_code = $1 ORDER BY f.file_id")
        .bind(code).fetch_one(pool).await)
    .unwrap()
}

async fn case_state(app: &TestApp, code: &str) -> (String, i64, Option<String>, String) {
    let c = cases::by_tracking_code(&app.state.db, code)
        .await
        .unwrap()
        .unwrap();
    (c.state, c.version, c.organisation_id, c.privacy)
}

async fn entries(app: &TestApp) -> i64 {
    count(app, "SELECT COUNT(*) FROM case_entries").await
}

/// The `version` hidden field of the first form on the page.
fn version_in(html: &str) -> String {
    html.split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a version field")
        .to_string()
}

/// POST a multipart form (CSRF token added unless `csrf` is given) with an optional file.
async fn post_multipart(
    visitor: &Visitor,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
    csrf: Option<&str>,
) -> (u16, String, String) {
    let token = match csrf {
        Some(t) => t.to_string(),
        None => visitor.csrf().await,
    };
    let mut form = reqwest::multipart::Form::new().text("_csrf", token);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    let response = visitor
        .client
        .post(visitor.url(path))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, location, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_verifier_routes_and_the_organisation_answers() {
    let app = TestApp::start().await;
    let code = new_case(&app, "public").await;
    let verifier = app
        .signed_in(
            app.user("verif@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    let officer = app
        .signed_in(app.user("pu@contoh.id", &[(Role::Officer, ROADS)]).await)
        .await;
    let stranger = app
        .signed_in(
            app.user("lain@contoh.id", &[(Role::Officer, "bappeda")])
                .await,
        )
        .await;

    // The queue: verifiers (and admins) only.
    let (status, _, html) = verifier.get("/kelola/pengaduan/verifikasi").await;
    assert_eq!(status, 200);
    assert!(html.contains(&code), "the new case is in the queue");
    assert_eq!(officer.get("/kelola/pengaduan/verifikasi").await.0, 403);
    // Not yet routed: the roads officer may not see it.
    assert_eq!(
        officer.get(&format!("/kelola/pengaduan/{code}")).await.0,
        403
    );

    let page = format!("/kelola/pengaduan/{code}");
    let (status, _, html) = verifier.get(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Siti Aminah"), "verifiers see the reporter");
    assert!(html.contains("value=\"verify_and_route\""));
    assert!(
        html.contains(&format!("<option value=\"{ROADS}\" selected>")),
        "routing defaults to the category's organisation"
    );
    let version = version_in(&html);
    let mails = count(&app, "SELECT COUNT(*) FROM mail_outbox").await;
    let (status, location, _) = post_multipart(
        &verifier,
        &format!("{page}/tindakan"),
        &[
            ("version", &version),
            ("action", "verify_and_route"),
            ("route_to", ROADS),
            ("body", ""),
        ],
        None,
        None,
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let (state, _, org, _) = case_state(&app, &code).await;
    assert_eq!((state.as_str(), org.as_deref()), ("routed", Some(ROADS)));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mail_outbox").await,
        mails + 1,
        "the reporter hears that the case was routed"
    );
    let to: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT to_address FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT 1").fetch_one(pool).await)
    .unwrap();
    assert_eq!(to, "siti.aminah@example.id");
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.verify_and_route'"
        )
        .await
            >= 1
    );

    // The organisation's inbox shows it as new; the officer sees no personal data.
    let (status, _, html) = officer.get("/kelola/pengaduan").await;
    assert_eq!(status, 200);
    assert!(html.contains(&code));
    let (_, _, html) = officer.get("/kelola/pengaduan?tab=dijawab").await;
    assert!(!html.contains(&code));
    let (status, _, html) = officer.get(&page).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Siti Aminah") && !html.contains("siti.aminah@example.id"));
    assert!(html.contains("value=\"respond\""));
    let version = version_in(&html);

    // Another organisation: 403 on the page and on every POST, nothing written.
    let before = entries(&app).await;
    let files_before = count(&app, "SELECT COUNT(*) FROM files").await;
    assert_eq!(stranger.get(&page).await.0, 403);
    let answer = [
        ("version", version.as_str()),
        ("action", "respond"),
        ("body", "Sudah kami perbaiki."),
    ];
    assert_eq!(
        post_multipart(&stranger, &format!("{page}/tindakan"), &answer, None, None)
            .await
            .0,
        403
    );
    assert_eq!(
        post_multipart(
            &stranger,
            &format!("{page}/catatan"),
            &[("body", "x")],
            None,
            None
        )
        .await
        .0,
        403
    );
    assert_eq!(
        stranger
            .post_form(
                &format!("{page}/privasi"),
                &[("version", &version), ("privacy", "confidential")]
            )
            .await
            .0,
        403
    );
    // A wrong CSRF token: 403.
    assert_eq!(
        post_multipart(
            &officer,
            &format!("{page}/tindakan"),
            &answer,
            None,
            Some("salah")
        )
        .await
        .0,
        403
    );
    // An answer without text: the page again with the message, nothing written.
    let (status, _, html) = post_multipart(
        &officer,
        &format!("{page}/tindakan"),
        &[
            ("version", version.as_str()),
            ("action", "respond"),
            ("body", "  "),
        ],
        Some(("foto.csv", b"a,b\n1,2\n")),
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Tuliskan alasan atau jawaban"), "{html}");
    assert!(
        html.contains("value=\"respond\""),
        "the form is shown again"
    );
    assert_eq!(entries(&app).await, before);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM files").await,
        files_before
    );

    // The answer, with an attachment.
    let (status, location, _) = post_multipart(
        &officer,
        &format!("{page}/tindakan"),
        &answer,
        Some(("foto.csv", b"lokasi,status\nLuwihaji,diperbaiki\n")),
        None,
    )
    .await;
    assert_eq!(status, 303, "{location}");
    assert_eq!(case_state(&app, &code).await.0, "followed_up");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_entry_files").await,
        1,
        "the attachment is on the answer"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mail_outbox").await,
        mails + 2
    );
    let (_, _, html) = officer.get("/kelola/pengaduan?tab=dijawab").await;
    assert!(html.contains(&code), "answered cases are under their tab");

    // A second officer answering with the old version: 409, translated, nothing written.
    let before = entries(&app).await;
    let (status, _, html) =
        post_multipart(&officer, &format!("{page}/tindakan"), &answer, None, None).await;
    assert_eq!(status, 409);
    assert!(html.contains("baru saja diubah"), "{html}");
    // The current version, but a step the state does not allow: 409, nothing written.
    let current = case_state(&app, &code).await.1.to_string();
    let (status, _, html) = post_multipart(
        &officer,
        &format!("{page}/tindakan"),
        &[
            ("version", current.as_str()),
            ("action", "respond"),
            ("body", "Lagi."),
        ],
        None,
        None,
    )
    .await;
    assert_eq!(status, 409);
    assert!(html.contains("tidak dapat dilakukan"), "{html}");
    assert_eq!(entries(&app).await, before);
    assert_eq!(case_state(&app, &code).await.1.to_string(), current);
}

#[tokio::test]
async fn anonymous_reporters_are_hidden_from_the_organisation_but_not_the_verifier() {
    let app = TestApp::start().await;
    let code = routed_case(&app, ROADS).await;
    let verifier = app
        .signed_in(
            app.user("verif@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    let officer = app
        .signed_in(app.user("pu@contoh.id", &[(Role::Officer, ROADS)]).await)
        .await;
    let page = format!("/kelola/pengaduan/{code}");
    // The verifier imposes anonymity; the officer may not change privacy.
    let (_, _, html) = verifier.get(&page).await;
    let version = version_in(&html);
    assert_eq!(
        officer
            .post_form(
                &format!("{page}/privasi"),
                &[("version", &version), ("privacy", "public")]
            )
            .await
            .0,
        403
    );
    let (status, _, _) = verifier
        .post_form(
            &format!("{page}/privasi"),
            &[("version", &version), ("privacy", "anonymous")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(case_state(&app, &code).await.3, "anonymous");

    let (_, _, html) = verifier.get(&page).await;
    assert!(html.contains("Siti Aminah") && html.contains("siti.aminah@example.id"));
    let (status, _, html) = officer.get(&page).await;
    assert_eq!(status, 200);
    for personal in ["Siti Aminah", "siti.aminah@example.id", "812-3000-4000"] {
        assert!(!html.contains(personal), "{personal} shown to the officer");
    }

    // Attachments: linked on the page, served to those who may see the case only.
    let file = attachment_of(&app, &code).await;
    let link = format!("{page}/lampiran/{file}");
    assert!(html.contains(&link));
    let (status, _, body) = officer.get(&link).await;
    assert_eq!(status, 200);
    assert!(body.contains("Luwihaji,diteruskan"));
    let stranger = app
        .signed_in(
            app.user("lain@contoh.id", &[(Role::Officer, "bappeda")])
                .await,
        )
        .await;
    assert_eq!(stranger.get(&link).await.0, 403);
    assert_eq!(
        app.visitor().get(&link).await.0,
        303,
        "the public is sent to sign in"
    );
    // A file of another case is not served through this one.
    let other = routed_case(&app, "bappeda").await;
    let other_file = attachment_of(&app, &other).await;
    assert_eq!(
        officer
            .get(&format!("{page}/lampiran/{other_file}"))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn internal_notes_are_marked_and_audited() {
    let app = TestApp::start().await;
    let code = routed_case(&app, ROADS).await;
    let officer = app
        .signed_in(app.user("pu@contoh.id", &[(Role::Officer, ROADS)]).await)
        .await;
    let page = format!("/kelola/pengaduan/{code}");
    let (status, _, _) = post_multipart(
        &officer,
        &format!("{page}/catatan"),
        &[("body", "Tim lapangan dijadwalkan Senin.")],
        None,
        None,
    )
    .await;
    assert_eq!(status, 303);
    let (_, _, html) = officer.get(&page).await;
    assert!(html.contains("Tim lapangan dijadwalkan Senin."));
    assert!(html.contains("class=\"internal\""));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.note_internal'"
        )
        .await,
        1
    );
    // An empty note is refused and writes nothing.
    let before = entries(&app).await;
    let (status, _, _) = post_multipart(
        &officer,
        &format!("{page}/catatan"),
        &[("body", "  ")],
        None,
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(entries(&app).await, before);
}

#[tokio::test]
async fn the_inbox_is_limited_to_the_users_organisations() {
    let app = TestApp::start().await;
    let code = routed_case(&app, ROADS).await;
    let officer = app
        .signed_in(
            app.user("lain@contoh.id", &[(Role::Officer, "bappeda")])
                .await,
        )
        .await;
    let (status, _, html) = officer.get("/kelola/pengaduan").await;
    assert_eq!(status, 200);
    assert!(!html.contains(&code));
    assert_eq!(
        officer
            .get(&format!("/kelola/pengaduan?org={ROADS}"))
            .await
            .0,
        403
    );
    let admin = app
        .signed_in(
            app.user("adm@contoh.id", &[(Role::Admin, "diskominfo")])
                .await,
        )
        .await;
    let (status, _, html) = admin.get(&format!("/kelola/pengaduan?org={ROADS}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&code), "admins may pick any organisation");
}

#[tokio::test]
async fn the_inbox_tabs_follow_the_due_date() {
    let app = TestApp::start().await;
    let code = routed_case(&app, ROADS).await;
    let due = cases::by_tracking_code(&app.state.db, &code)
        .await
        .unwrap()
        .unwrap()
        .due_on
        .expect("a routed case has a due date");
    let officer = app
        .signed_in(app.user("pu@contoh.id", &[(Role::Officer, ROADS)]).await)
        .await;
    let tab = |name: &str| format!("/kelola/pengaduan?org={ROADS}&tab={name}");
    // Just routed: five working days left.
    assert!(officer.get(&tab("baru")).await.2.contains(&code));
    assert!(!officer.get(&tab("segera")).await.2.contains(&code));
    assert!(!officer.get(&tab("terlambat")).await.2.contains(&code));
    // On the due date (10:00 WIB): due soon, not yet overdue.
    let at = |d: chrono::NaiveDate| d.and_hms_opt(3, 0, 0).unwrap().and_utc();
    app.clock.set(at(due));
    assert!(officer.get(&tab("segera")).await.2.contains(&code));
    assert!(!officer.get(&tab("terlambat")).await.2.contains(&code));
    // The day after: overdue, marked as such.
    app.clock.set(at(due + chrono::Duration::days(1)));
    let (_, _, html) = officer.get(&tab("terlambat")).await;
    assert!(html.contains(&code));
    assert!(html.contains("badge overdue"));
    assert!(!officer.get(&tab("segera")).await.2.contains(&code));
}

#[tokio::test]
async fn guests_are_mailed_the_case_page_and_told_to_use_their_saved_link() {
    let app = TestApp::start().await;
    let submitted = submit(&app.state, &Actor::public(), valid(), Vec::new())
        .await
        .unwrap();
    let secret = submitted.guest_secret.expect("a guest secret");
    let code = routed_case_from(&app, &submitted.tracking_code, ROADS).await;
    let body: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_address = 'siti.aminah@example.id' \
         AND subject NOT LIKE 'Laporan Anda diterima%'").fetch_one(pool).await)
    .unwrap();
    assert!(body.contains(&format!("/pengaduan/{code}")), "{body}");
    assert!(
        !body.contains(&secret),
        "only the receipt carries the secret (it is not stored, so later mails cannot)"
    );
    assert!(
        body.contains("tautan tindak lanjut yang Anda simpan"),
        "{body}"
    );
    // No e-mail left: nothing queued.
    let input = Submission {
        email: String::new(),
        ..valid()
    };
    let quiet = submit(&app.state, &Actor::public(), input, Vec::new())
        .await
        .unwrap();
    let before = count(&app, "SELECT COUNT(*) FROM mail_outbox").await;
    routed_case_from(&app, &quiet.tracking_code, ROADS).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM mail_outbox").await,
        before
    );
}

#[tokio::test]
async fn signed_in_reporters_are_mailed_their_case_link() {
    let app = TestApp::start().await;
    let id = app.user("warga@contoh.id", &[]).await;
    let reporter = Actor {
        user: Some(platform::authz::User {
            id,
            name: "Warga Uji".into(),
            email: "warga@contoh.id".into(),
            memberships: Vec::new(),
        }),
        session_hash: None,
    };
    let input = Submission {
        name: String::new(),
        email: String::new(),
        phone: String::new(),
        ..valid()
    };
    let submitted = submit(&app.state, &reporter, input, Vec::new())
        .await
        .unwrap();
    assert!(submitted.guest_secret.is_none());
    let code = routed_case_from(&app, &submitted.tracking_code, ROADS).await;
    let (subject, body): (String, String) = on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT subject, body_text FROM mail_outbox WHERE to_address = 'warga@contoh.id' \
         AND subject NOT LIKE 'Laporan Anda diterima%'").fetch_one(pool).await)
    .unwrap();
    assert!(subject.contains(&code), "{subject}");
    assert!(
        body.contains(&format!("/pengaduan/lacak/{code}")),
        "their own view of the case, through their account: {body}"
    );
    assert!(!body.contains("tautan tindak lanjut"), "{body}");
}

#[tokio::test]
async fn a_refused_step_keeps_none_of_its_attachments() {
    let app = TestApp::start().await;
    let code = new_case(&app, "public").await;
    let verifier = app
        .signed_in(
            app.user("verifikator@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    let page = format!("/kelola/pengaduan/{code}");
    let (_, _, html) = verifier.get(&page).await;
    let version = version_in(&html);
    let (status, _, html) = post_multipart(
        &verifier,
        &format!("{page}/tindakan"),
        &[
            ("version", &version),
            ("action", "verify_and_route"),
            ("route_to", "dinas-yang-tidak-ada"),
        ],
        Some(("bukti.csv", b"desa,status\nLuwihaji,baru\n")),
        None,
    )
    .await;
    assert_eq!(status, 422, "the form comes back with the refusal");
    assert!(html.contains("role=\"alert\""), "{html}");
    assert_eq!(case_state(&app, &code).await.0, "submitted");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM files").await, 0);
    assert_eq!(
        app.stored_objects(),
        0,
        "the stored attachment is deleted again"
    );
}

#[tokio::test]
async fn a_verifier_publishes_an_attachment_and_takes_it_back() {
    let app = TestApp::start().await;
    let code = routed_case(&app, "diskominfo").await;
    let file = attachment_of(&app, &code).await;
    let publish = format!("/kelola/pengaduan/{code}/lampiran/{file}/publikasi");
    let public_url = format!("/berkas/{file}/lokasi.csv");
    let visitor = app.visitor();
    assert_eq!(visitor.get(&public_url).await.0, 404, "private by default");
    let (_, _, html) = visitor.get(&format!("/pengaduan/{code}")).await;
    assert!(
        !html.contains(&file.to_string()),
        "not linked while private"
    );

    // The organisation's officer may see the file but not publish it.
    let officer = app
        .signed_in(
            app.user("petugas@contoh.id", &[(Role::Officer, "diskominfo")])
                .await,
        )
        .await;
    let (status, _, _) = officer.post_form(&publish, &[("public", "1")]).await;
    assert_eq!(status, 403);

    let verifier = app
        .signed_in(
            app.user("verifikator@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    let (_, _, html) = verifier.get(&format!("/kelola/pengaduan/{code}")).await;
    assert!(html.contains(&publish), "the staff page offers the switch");
    let (status, _, _) = verifier.post_form(&publish, &[("public", "1")]).await;
    assert_eq!(status, 303);
    let (status, _, body) = visitor.get(&public_url).await;
    assert_eq!(status, 200);
    assert!(body.contains("Luwihaji"));
    let (_, _, html) = visitor.get(&format!("/pengaduan/{code}")).await;
    assert!(html.contains(&public_url), "the public page links it");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.attachment.publish'"
        )
        .await,
        1
    );

    let (status, _, _) = verifier.post_form(&publish, &[("public", "0")]).await;
    assert_eq!(status, 303);
    assert_eq!(visitor.get(&public_url).await.0, 404);

    // A confidential case's files never become public.
    let (_, _, html) = verifier.get(&format!("/kelola/pengaduan/{code}")).await;
    let version = version_in(&html);
    let (status, _, _) = verifier
        .post_form(
            &format!("/kelola/pengaduan/{code}/privasi"),
            &[("version", &version), ("privacy", "confidential")],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _, _) = verifier.post_form(&publish, &[("public", "1")]).await;
    assert_eq!(status, 409);
    assert_eq!(visitor.get(&public_url).await.0, 404);
}

#[tokio::test]
async fn files_of_internal_notes_cannot_be_published() {
    let app = TestApp::start().await;
    let code = new_case(&app, "public").await;
    let verifier = app
        .signed_in(
            app.user("verifikator@contoh.id", &[(Role::Verifier, "diskominfo")])
                .await,
        )
        .await;
    let page = format!("/kelola/pengaduan/{code}");
    let (status, _, _) = post_multipart(
        &verifier,
        &format!("{page}/catatan"),
        &[("body", "Foto KTP pelapor untuk arsip.")],
        Some(("ktp.csv", b"nama,nik\nx,1\n")),
        None,
    )
    .await;
    assert_eq!(status, 303);
    let file = attachment_of(&app, &code).await;
    let (status, _, _) = verifier
        .post_form(
            &format!("{page}/lampiran/{file}/publikasi"),
            &[("public", "1")],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM files WHERE public = TRUE").await,
        0
    );
}
