//! The reporter's follow-up: the guest link `/pengaduan/lacak/{kode}?kunci=…` (or the
//! signed-in reporter's account), the reply and the confirm-and-rate steps.

use platform::authz::{Actor, Membership, Role, User};
use platform::cases::{self, Act, By};
use platform::on_db;
use uuid::Uuid;

use super::public::submitted;
use crate::support::TestApp;

/// A new admin of `diskominfo`, as the engine sees them.
async fn admin(app: &TestApp) -> Actor {
    let id = app
        .user(&format!("admin-{}@contoh.id", Uuid::now_v7()), &[])
        .await;
    Actor {
        user: Some(User {
            id,
            name: "Admin".into(),
            email: "admin@contoh.id".into(),
            memberships: vec![Membership {
                organisation_id: "diskominfo".into(),
                role: Role::Admin,
            }],
        }),
        session_hash: None,
    }
}

/// Take a staff step on the case `code` as an admin (routing goes to `diskominfo`).
async fn staff_step(app: &TestApp, code: &str, action: &str, body: &str) {
    let admin = admin(app).await;
    let case = cases::by_tracking_code(&app.state.db, code)
        .await
        .unwrap()
        .unwrap();
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    cases::act(
        &mut tx,
        &complaints::COMPLAINT,
        case.id,
        case.version,
        Act {
            action,
            by: By::Staff(&admin),
            body: body.into(),
            public: true,
            route_to: (action == "verify_and_route").then(|| "diskominfo".to_string()),
            files: Vec::new(),
        },
        app.state.clock.now(),
        &calendar,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn state(app: &TestApp, code: &str) -> String {
    cases::by_tracking_code(&app.state.db, code)
        .await
        .unwrap()
        .unwrap()
        .state
}

#[tokio::test]
async fn a_wrong_or_missing_secret_is_a_plain_404() {
    let app = TestApp::start().await;
    let s = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let secret = s.guest_secret.unwrap();
    let (ok, html) = app
        .get(&format!(
            "/pengaduan/lacak/{}?kunci={secret}",
            s.tracking_code
        ))
        .await;
    assert_eq!(ok, 200);
    assert!(html.contains("Lampu jalan padam"));
    let (missing, a) = app
        .get(&format!("/pengaduan/lacak/{}", s.tracking_code))
        .await;
    let (wrong, b) = app
        .get(&format!("/pengaduan/lacak/{}?kunci=salah", s.tracking_code))
        .await;
    let (unknown, c) = app
        .get(&format!("/pengaduan/lacak/ADU-2026-999999?kunci={secret}"))
        .await;
    assert_eq!((missing, wrong, unknown), (404, 404, 404));
    let main = |html: &str| html.split("<main").nth(1).unwrap_or("").to_string();
    assert_eq!(main(&a), main(&b), "no hint whether the code exists");
    assert_eq!(main(&b), main(&c));
}

#[tokio::test]
async fn a_guest_follows_a_confidential_case_replies_then_confirms_and_rates() {
    let app = TestApp::start().await;
    let s = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    let code = s.tracking_code.clone();
    let secret = s.guest_secret.unwrap();
    let link = format!("/pengaduan/lacak/{code}?kunci={secret}");
    let (status, html) = app.get(&link).await;
    assert_eq!(status, 200, "the reporter sees their confidential case");
    assert!(
        !html.contains("/balas"),
        "nothing to answer before the follow-up"
    );
    staff_step(&app, &code, "verify_and_route", "").await;
    staff_step(&app, &code, "respond", "Lampu sudah diganti petugas.").await;
    let visitor = app.visitor();
    let (_, _, html) = visitor.get(&link).await;
    assert!(html.contains("Lampu sudah diganti"));
    assert!(html.contains("/balas") && html.contains("/selesai"));

    // CSRF is required.
    let response = visitor
        .client
        .post(visitor.url(&format!("/pengaduan/lacak/{code}/balas")))
        .form(&[("kunci", secret.as_str()), ("body", "Belum beres")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    // A wrong secret is a 404 and changes nothing.
    let (status, _, _) = visitor
        .post_form(
            &format!("/pengaduan/lacak/{code}/balas"),
            &[("kunci", "salah"), ("body", "Belum beres")],
        )
        .await;
    assert_eq!(status, 404);
    // An empty reply is refused on the page.
    let (status, _, html) = visitor
        .post_form(
            &format!("/pengaduan/lacak/{code}/balas"),
            &[("kunci", secret.as_str()), ("body", "  ")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("data-field=\"body\""));
    let (status, location, _) = visitor
        .post_form(
            &format!("/pengaduan/lacak/{code}/balas"),
            &[
                ("kunci", secret.as_str()),
                ("body", "Lampu di sisi timur masih padam."),
            ],
        )
        .await;
    assert_eq!(status, 303, "{location}");
    assert_eq!(state(&app, &code).await, "routed");

    staff_step(&app, &code, "respond", "Sisi timur juga sudah diganti.").await;
    let (status, _, html) = visitor
        .post_form(
            &format!("/pengaduan/lacak/{code}/selesai"),
            &[("kunci", secret.as_str()), ("rating", "9"), ("body", "")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("data-field=\"rating\""));
    assert_eq!(state(&app, &code).await, "followed_up");
    let (status, _, _) = visitor
        .post_form(
            &format!("/pengaduan/lacak/{code}/selesai"),
            &[
                ("kunci", secret.as_str()),
                ("rating", "4"),
                ("body", "Cepat, terima kasih."),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(state(&app, &code).await, "completed");
    let (rating, comment): (Option<i32>, String) = on_db!(&app.state.db, pool =>
        sqlx::query_as("SELECT rating, rating_comment FROM complaints").fetch_one(pool).await)
    .unwrap();
    assert_eq!(rating, Some(4));
    assert_eq!(comment, "Cepat, terima kasih.");
    // The confidential case stays invisible to the public.
    let (status, _) = app.get(&format!("/pengaduan/{code}")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_signed_in_reporter_uses_the_same_page_through_their_account() {
    let app = TestApp::start().await;
    let user = app.user("warga@contoh.id", &[]).await;
    let visitor = app.signed_in(user).await;
    let mut fields = super::public::fields();
    fields.retain(|(k, _)| !matches!(*k, "email" | "phone" | "name"));
    fields.retain(|(k, _)| *k != "privacy");
    fields.push(("privacy", "confidential"));
    let (status, _) = super::public::post_form(&visitor, &fields, &[], true).await;
    assert_eq!(status, 200);
    let (status, _, html) = visitor.get("/pengaduan/lacak/ADU-2026-000001").await;
    assert_eq!(status, 200);
    assert!(html.contains("Jalan berlubang"));
    let (status, _, html) = visitor.get("/akun/pengaduan").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("/pengaduan/lacak/ADU-2026-000001"),
        "their confidential case"
    );
    let (status, location, _) = app.visitor().get("/akun/pengaduan").await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/masuk"), "{location}");
    let other = app.user("lain@contoh.id", &[]).await;
    let (status, _, _) = app
        .signed_in(other)
        .await
        .get("/pengaduan/lacak/ADU-2026-000001")
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_reporter_gets_the_files_of_the_entries_they_see_and_no_others() {
    let app = TestApp::start().await;
    let s = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let secret = s.guest_secret.unwrap();
    let code = s.tracking_code;
    staff_step(&app, &code, "verify_and_route", "").await;
    let store = |name: &'static str, text: &'static str| {
        let app = &app;
        async move {
            platform::files::store(&app.state, text.as_bytes(), name, None)
                .await
                .unwrap()
                .id
        }
    };
    let answer = store("jawaban.csv", "lampu,status\nalun-alun,diganti\n").await;
    let internal = store("internal.csv", "catatan,petugas\nhanya,staf\n").await;
    let admin = admin(&app).await;
    let mut tx = app.state.db.begin().await.unwrap();
    for (file, public) in [(answer, true), (internal, false)] {
        cases::note(
            &mut tx,
            s.case_id,
            By::Staff(&admin),
            "Lampiran",
            public,
            &[file],
            app.state.clock.now(),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let url =
        |file: Uuid, kunci: &str| format!("/pengaduan/lacak/{code}/lampiran/{file}?kunci={kunci}");
    let (status, body) = app.get(&url(answer, &secret)).await;
    assert_eq!(status, 200);
    assert!(body.contains("diganti"));
    let (_, page) = app
        .get(&format!("/pengaduan/lacak/{code}?kunci={secret}"))
        .await;
    assert!(
        page.contains(&answer.to_string()),
        "the follow-up page links it"
    );
    assert!(!page.contains(&internal.to_string()));
    // An internal note's file, a wrong secret, or another case's file: the same 404.
    assert_eq!(app.get(&url(internal, &secret)).await.0, 404);
    assert_eq!(app.get(&url(answer, "salah")).await.0, 404);
    let other = submitted(&app, "public", "Sampah menumpuk di pasar").await;
    let other_secret = other.guest_secret.unwrap();
    let (status, _) = app
        .get(&format!(
            "/pengaduan/lacak/{}/lampiran/{answer}?kunci={other_secret}",
            other.tracking_code
        ))
        .await;
    assert_eq!(status, 404);
    // Still private for everyone else.
    assert_eq!(
        app.get(&format!("/berkas/{answer}/jawaban.csv")).await.0,
        404
    );
}
