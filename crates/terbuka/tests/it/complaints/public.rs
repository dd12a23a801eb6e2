//! The public side: the submission form (`/pengaduan/baru`) with attachments, the public
//! list and case pages, and what they never show (the reporter).

use platform::on_db;

use crate::support::{TestApp, Visitor};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

pub fn fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "pengaduan"),
        ("title", "Jalan berlubang di Desa Luwihaji"),
        (
            "description",
            "Jalan poros desa berlubang besar sejak musim hujan dan membahayakan pengendara.",
        ),
        ("category", "jalan-jembatan"),
        ("region", "35.22.01.2001"),
        ("latitude", "-7,3512"),
        ("longitude", "111.6340"),
        ("location_text", "Dekat balai desa"),
        ("privacy", "public"),
        ("name", "Siti Aminah"),
        ("email", "siti.aminah@example.id"),
        ("phone", "+62 812-3000-4000"),
    ]
}

/// POST the form as a browser would (multipart), with `files` as (name, bytes).
pub async fn post_form(
    visitor: &Visitor,
    fields: &[(&str, &str)],
    files: &[(&str, Vec<u8>)],
    with_csrf: bool,
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new();
    if with_csrf {
        form = form.text("_csrf", visitor.csrf().await);
    }
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "lampiran",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()),
        );
    }
    let response = visitor
        .client
        .post(visitor.url("/pengaduan/baru"))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

/// The follow-up link shown to a guest after submitting.
pub fn follow_up_link(html: &str) -> Option<String> {
    let start = html.find("/pengaduan/lacak/")?;
    let rest = &html[start..];
    let end = rest.find('"')?;
    Some(rest[..end].replace("&amp;", "&"))
}

#[tokio::test]
async fn the_form_lists_categories_regions_and_privacy_choices() {
    let app = TestApp::start().await;
    let (status, html) = app.get("/pengaduan/baru").await;
    assert_eq!(status, 200);
    assert!(html.contains("enctype=\"multipart/form-data\""));
    assert!(html.contains("value=\"jalan-jembatan\""));
    assert!(html.contains("Jalan dan Jembatan"));
    assert!(html.contains("<optgroup"));
    assert!(html.contains("value=\"35.22.01.2001\""));
    assert!(html.contains("value=\"anonymous\""));
    assert!(html.contains("value=\"confidential\""));
    assert!(html.contains("name=\"email\""), "guests give a contact");
    // 28 districts, each an option of its own beside its villages.
    assert_eq!(html.matches("<optgroup").count(), 28);
    let english = app.visitor();
    let _ = english.get("/bahasa/en").await;
    let (_, _, en) = english.get("/pengaduan/baru").await;
    assert!(
        en.contains("Roads and bridges"),
        "categories in the visitor's language"
    );
    // Signed-in reporters are not asked for a contact.
    let citizen = app.user("warga@contoh.id", &[]).await;
    let (_, _, html) = app.signed_in(citizen).await.get("/pengaduan/baru").await;
    assert!(!html.contains("name=\"email\""));
}

#[tokio::test]
async fn a_guest_submits_with_a_photo_and_gets_a_code_and_a_secret_link() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let (status, html) =
        post_form(&visitor, &fields(), &[("laporan.pdf", PDF.to_vec())], true).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("ADU-2026-000001"));
    let link = follow_up_link(&html).expect("a follow-up link");
    assert!(link.contains("kunci="), "{link}");
    let secret = link.split("kunci=").nth(1).unwrap();
    let case = platform::cases::verify_guest_secret(&app.state.db, "ADU-2026-000001", secret)
        .await
        .unwrap();
    assert!(
        case.is_some(),
        "the link's secret is the case's guest secret"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_entry_files").await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM files").await, 1);
}

#[tokio::test]
async fn a_refused_form_comes_back_with_messages_and_values_and_writes_nothing() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let mut bad = fields();
    bad.retain(|(k, _)| !matches!(*k, "email" | "phone" | "title"));
    bad.push(("title", "x"));
    let (status, html) = post_form(&visitor, &bad, &[("laporan.pdf", PDF.to_vec())], true).await;
    assert_eq!(status, 422);
    assert!(html.contains("data-field=\"title\""));
    assert!(html.contains("data-field=\"email\""));
    assert!(
        html.contains("Jalan poros desa berlubang"),
        "values are kept"
    );
    assert!(html.contains("value=\"35.22.01.2001\" selected"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM files").await, 0);
    assert_eq!(
        app.stored_objects(),
        0,
        "the attachment stored before the refusal is deleted from the store too"
    );
}

#[tokio::test]
async fn guests_are_limited_per_hour_and_keep_what_they_typed() {
    let app = TestApp::builder()
        .config(|c| c.guest_submissions_per_hour = 2)
        .start()
        .await;
    let visitor = app.visitor();
    for _ in 0..2 {
        let (status, html) = post_form(&visitor, &fields(), &[], true).await;
        assert_eq!(status, 200, "{html}");
    }
    let (status, html) =
        post_form(&visitor, &fields(), &[("laporan.pdf", PDF.to_vec())], true).await;
    assert_eq!(status, 429);
    assert!(html.contains("data-field=\"form\""), "{html}");
    assert!(html.contains("Terlalu banyak laporan"), "{html}");
    assert!(
        html.contains("Jalan poros desa berlubang"),
        "what was typed is kept"
    );
    // The JSON API shares the limit.
    let response = visitor
        .client
        .post(app.url("/api/v1/complaints"))
        .json(&serde_json::json!({"kind": "pengaduan", "title": "Lampu jalan mati"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM files").await, 0);
    // A signed-in reporter is not limited.
    let citizen = app.user("warga@contoh.id", &[]).await;
    let signed_in = app.signed_in(citizen).await;
    let (status, html) = post_form(&signed_in, &fields(), &[], true).await;
    assert_eq!(status, 200, "{html}");
    // An hour later the guest may report again.
    app.clock.advance(chrono::Duration::minutes(61));
    let (status, html) = post_form(&visitor, &fields(), &[], true).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 4);
}

#[tokio::test]
async fn refused_attachments_store_nothing() {
    let app = TestApp::builder()
        .config(|c| c.max_upload_mb = 1)
        .start()
        .await;
    let visitor = app.visitor();
    let (status, html) = post_form(
        &visitor,
        &fields(),
        &[("virus.exe", b"MZ\x90\0\x03\0\0\0".to_vec())],
        true,
    )
    .await;
    assert_eq!(status, 415);
    assert!(html.contains("data-field=\"lampiran\""));
    let mut big = PDF.to_vec();
    big.resize(1024 * 1024 + 10, b' ');
    let (status, _) = post_form(&visitor, &fields(), &[("besar.pdf", big)], true).await;
    assert_eq!(status, 413);
    let four: Vec<(&str, Vec<u8>)> = (0..4).map(|_| ("a.pdf", PDF.to_vec())).collect();
    let (status, html) = post_form(&visitor, &fields(), &four, true).await;
    assert_eq!(status, 422);
    assert!(html.contains("data-field=\"lampiran\""));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM files").await, 0);
}

#[tokio::test]
async fn the_form_needs_the_csrf_token() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let _ = visitor.csrf().await;
    let (status, _) = post_form(&visitor, &fields(), &[], false).await;
    assert_eq!(status, 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
}

#[tokio::test]
async fn a_signed_in_reporter_needs_no_contact() {
    let app = TestApp::start().await;
    let citizen = app.user("warga@contoh.id", &[]).await;
    let visitor = app.signed_in(citizen).await;
    let mut f = fields();
    f.retain(|(k, _)| !matches!(*k, "email" | "phone" | "name"));
    let (status, html) = post_form(&visitor, &f, &[], true).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("ADU-2026-000001"));
    assert!(
        follow_up_link(&html).is_none(),
        "accounts need no secret link"
    );
}

/// Submit straight through the module (faster than the form) with `privacy`.
pub async fn submitted(
    app: &TestApp,
    privacy: &str,
    title: &str,
) -> complaints::submission::Submitted {
    let input = complaints::submission::Submission {
        privacy: privacy.into(),
        title: title.into(),
        ..super::submission::valid()
    };
    complaints::submission::submit(
        &app.state,
        &platform::authz::Actor::public(),
        input,
        Vec::new(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_list_shows_public_and_anonymous_cases_never_confidential_nor_the_reporter() {
    let app = TestApp::start().await;
    let open = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let anon = submitted(&app, "anonymous", "Pungutan liar di kantor desa").await;
    let secret = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    let (status, html) = app.get("/pengaduan").await;
    assert_eq!(status, 200);
    assert!(html.contains(&open.tracking_code));
    assert!(html.contains(&anon.tracking_code));
    assert!(html.contains("Lampu jalan padam"));
    assert!(!html.contains(&secret.tracking_code));
    assert!(!html.contains("Rahasia sekali"));
    assert!(html.contains("Dikirim"), "status translated");
    for personal in ["Siti Aminah", "siti.aminah@example.id", "3000-4000"] {
        assert!(!html.contains(personal), "{personal} leaked");
    }
    // Newest first.
    assert!(html.find(&anon.tracking_code) < html.find(&open.tracking_code));
}

#[tokio::test]
async fn the_list_filters_and_refuses_bad_filters() {
    let app = TestApp::start().await;
    let a = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let b = submitted(&app, "public", "Sampah menumpuk di pasar").await;
    let (_, html) = app.get("/pengaduan?q=SAMPAH").await;
    assert!(html.contains(&b.tracking_code) && !html.contains(&a.tracking_code));
    let (_, html) = app.get("/pengaduan?q=50%25_x").await;
    assert!(!html.contains(&b.tracking_code), "% and _ are literal");
    let (_, html) = app
        .get("/pengaduan?district=35.22.01&status=submitted&kind=pengaduan&year=2026&category=jalan-jembatan")
        .await;
    assert!(html.contains(&a.tracking_code) && html.contains(&b.tracking_code));
    let (_, html) = app.get("/pengaduan?district=35.22.02").await;
    assert!(!html.contains(&a.tracking_code));
    let (_, html) = app.get("/pengaduan?year=2025").await;
    assert!(!html.contains(&a.tracking_code));
    let (_, html) = app.get("/pengaduan?overdue=1").await;
    assert!(!html.contains(&a.tracking_code));
    let (_, html) = app.get("/pengaduan?village=35.22.01.2001&kind=&q=").await;
    assert!(html.contains(&a.tracking_code));
    for bad in [
        "kind=gosip",
        "district=35.23.01",
        "status=hilang",
        "year=dua",
        "page=0",
    ] {
        let (status, html) = app.get(&format!("/pengaduan?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(html.contains("Saringan tidak sah"), "{bad}: translated");
    }
}

#[tokio::test]
async fn the_list_has_pages_of_twenty() {
    let app = TestApp::start().await;
    for i in 0..21 {
        submitted(
            &app,
            "public",
            &format!("Laporan nomor {i:02} tentang jalan"),
        )
        .await;
    }
    let (_, first) = app.get("/pengaduan").await;
    assert!(first.contains("ADU-2026-000021") && !first.contains("ADU-2026-000001<"));
    assert!(first.contains("rel=\"next\""));
    let (_, second) = app.get("/pengaduan?page=2").await;
    assert!(second.contains("ADU-2026-000001<"));
    assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
}

#[tokio::test]
async fn the_case_page_shows_the_public_timeline_and_hides_confidential_cases() {
    let app = TestApp::start().await;
    let open = submitted(&app, "public", "Lampu jalan padam di alun-alun").await;
    let secret = submitted(&app, "confidential", "Rahasia sekali laporan ini").await;
    let (status, html) = app.get(&format!("/pengaduan/{}", open.tracking_code)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Lampu jalan padam"));
    assert!(
        html.contains("Jalan poros desa berlubang"),
        "the report is on the timeline"
    );
    assert!(html.contains("Pelapor"));
    for personal in ["Siti Aminah", "siti.aminah@example.id", "3000-4000"] {
        assert!(!html.contains(personal), "{personal} leaked");
    }
    let (status, _) = app
        .get(&format!("/pengaduan/{}", secret.tracking_code))
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.get("/pengaduan/ADU-2026-999999").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_reporter_gets_a_receipt_with_the_follow_up_link_in_their_language() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let _ = visitor.get("/bahasa/en").await;
    let (status, html) = post_form(&visitor, &fields(), &[], true).await;
    assert_eq!(status, 200, "{html}");
    let link = follow_up_link(&html).expect("a follow-up link");
    let (to, subject, body): (String, String, String) =
        on_db!(&app.state.db, pool => sqlx::query_as(
        "SELECT to_address, subject, body_text FROM mail_outbox").fetch_one(pool).await)
        .unwrap();
    assert_eq!(to, "siti.aminah@example.id");
    assert_eq!(subject, "Your report was received: ADU-2026-000001");
    assert!(
        body.contains(&format!(
            "{}{link}",
            app.state.config.public_url.trim_end_matches('/')
        )),
        "the mail carries the same follow-up link as the page: {body}"
    );
    // A later step is written in the same language.
    let lang: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT lang FROM complaint_reporters").fetch_one(pool).await)
    .unwrap();
    assert_eq!(lang, "en");
}
