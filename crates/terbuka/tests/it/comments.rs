//! Public comments (platform::comments) on news articles: pre-moderation, who may moderate,
//! the official reply, the mails to the author, refused input, the guest rate limit and the
//! JSON API. The author's e-mail must never show on a public page or in the API.

use platform::authz::Role;
use platform::on_db;

use crate::support::{TestApp, Visitor};

/// A published demo article (the owning organisation of news is Diskominfo).
const SLUG: &str = "portal-terbuka-diluncurkan";
/// A demo person's address (data/demo/people.csv): the exposure scanner looks for it.
const AUTHOR_EMAIL: &str = "bambang.sutrisno@example.id";
const BODY: &str = "Kapan papan informasi dipasang di desa kami? Warga menunggu.";

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)
        .expect("count")
}

async fn status_of(app: &TestApp, id: &str) -> String {
    let id = uuid::Uuid::parse_str(id).expect("comment id");
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT status FROM comments WHERE id = $1").bind(id).fetch_one(pool).await)
    .expect("status")
}

/// (to, subject, body) of every queued mail, oldest first.
async fn mails(app: &TestApp) -> Vec<(String, String, String)> {
    on_db!(&app.state.db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT to_address, subject, body_text FROM mail_outbox ORDER BY created_at, id")
        .fetch_all(pool).await)
    .expect("mails")
}

fn comment_fields<'a>(slug: &'a str, email: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("item_type", "news"),
        ("item_id", slug),
        ("name", "Pak Tani Ngraho"),
        ("email", email),
        ("body", body),
    ]
}

/// A guest comments on the article `slug`; returns the new comment's id.
pub async fn guest_comment(app: &TestApp, slug: &str, email: &str, body: &str) -> String {
    let (status, location, page) = app
        .visitor()
        .post_form("/komentar", &comment_fields(slug, email, body))
        .await;
    assert_eq!(status, 303, "comment refused: {page}");
    assert_eq!(
        location,
        format!("/berita/{slug}?komentar=terkirim#komentar")
    );
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, uuid::Uuid>(
        "SELECT id FROM comments ORDER BY created_at DESC, id DESC LIMIT 1").fetch_one(pool).await)
    .expect("the new comment")
    .to_string()
}

/// Comments by a demo person on a demo article — published with an official reply, pending,
/// rejected — for the exposure scan.
pub async fn demo_comments(app: &TestApp) {
    let moderator = app
        .user("moderator@contoh.id", &[(Role::Officer, "diskominfo")])
        .await;
    let moderator = app.signed_in(moderator).await;
    let slug = first_article(app).await;
    let published = guest_comment(app, &slug, AUTHOR_EMAIL, BODY).await;
    let (status, _, _) = moderator
        .post_form(
            &format!("/kelola/komentar/{published}/terbitkan"),
            &[("reply", "Papan dipasang bulan depan.")],
        )
        .await;
    assert_eq!(status, 303);
    guest_comment(app, &slug, AUTHOR_EMAIL, "Komentar yang masih menunggu.").await;
    let rejected = guest_comment(app, &slug, AUTHOR_EMAIL, "Komentar yang ditolak.").await;
    let (status, _, _) = moderator
        .post_form(
            &format!("/kelola/komentar/{rejected}/tolak"),
            &[("reason", "Menyebut data pribadi orang lain.")],
        )
        .await;
    assert_eq!(status, 303);
}

async fn first_article(app: &TestApp) -> String {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT slug FROM news WHERE published_at IS NOT NULL ORDER BY slug LIMIT 1")
        .fetch_one(pool).await)
    .expect("a published article")
}

async fn staff(app: &TestApp, email: &str, role: Role, org: &str) -> Visitor {
    let id = app.user(email, &[(role, org)]).await;
    app.signed_in(id).await
}

async fn api(app: &TestApp, query: &str) -> (u16, serde_json::Value) {
    let response = crate::support::client()
        .get(app.url(&format!("/api/v1/comments?{query}")))
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn a_guest_comment_waits_for_the_owning_organisation_then_shows_without_the_email() {
    let app = TestApp::start().await;
    let id = guest_comment(&app, SLUG, AUTHOR_EMAIL, BODY).await;
    assert_eq!(status_of(&app, &id).await, "pending");

    // The author is sent back with the notice; nobody sees the comment yet.
    let (_, article) = app.get(&format!("/berita/{SLUG}?komentar=terkirim")).await;
    assert!(article.contains("menunggu moderasi"), "{article}");
    assert!(!article.contains("Kapan papan informasi"));
    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(!article.contains("Kapan papan informasi"));
    assert!(!article.contains("menunggu moderasi; komentar"));
    assert!(article.contains("Belum ada komentar"));
    let (status, json) = api(&app, &format!("item_type=news&item_id={SLUG}")).await;
    assert_eq!(status, 200);
    assert_eq!(json["comments"], serde_json::json!([]));
    assert_eq!(json["organisation_id"], "diskominfo");

    // Another organisation's officer, and a verifier of the owning one, may not moderate.
    let other = staff(&app, "petugas-bappeda@contoh.id", Role::Officer, "bappeda").await;
    let (status, _, _) = other
        .post_form(&format!("/kelola/komentar/{id}/terbitkan"), &[])
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = other.get("/kelola/komentar?org=diskominfo").await;
    assert_eq!(status, 403);
    let (status, _, inbox) = other.get("/kelola/komentar").await;
    assert_eq!(status, 200);
    assert!(!inbox.contains("Kapan papan informasi"), "{inbox}");
    let verifier = staff(&app, "verif@contoh.id", Role::Verifier, "diskominfo").await;
    let (status, _, _) = verifier
        .post_form(&format!("/kelola/komentar/{id}/terbitkan"), &[])
        .await;
    assert_eq!(status, 403);
    assert_eq!(status_of(&app, &id).await, "pending");
    assert!(mails(&app).await.is_empty());

    // The owning organisation's officer finds it in the inbox and publishes it.
    let officer = staff(&app, "petugas@contoh.id", Role::Officer, "diskominfo").await;
    let (status, _, inbox) = officer.get("/kelola/komentar").await;
    assert_eq!(status, 200);
    assert!(inbox.contains("Kapan papan informasi"), "{inbox}");
    assert!(!inbox.contains(AUTHOR_EMAIL), "the inbox shows no e-mail");
    let (status, location, _) = officer
        .post_form(
            &format!("/kelola/komentar/{id}/terbitkan"),
            &[("back", "/kelola/komentar?org=diskominfo&tab=pending")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        location,
        "/kelola/komentar?org=diskominfo&tab=pending&ok=published"
    );
    assert_eq!(status_of(&app, &id).await, "published");
    // Publishing twice is refused.
    let (status, _, _) = officer
        .post_form(&format!("/kelola/komentar/{id}/terbitkan"), &[])
        .await;
    assert_eq!(status, 409);

    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(article.contains("Kapan papan informasi"), "{article}");
    assert!(article.contains("Pak Tani Ngraho"));
    assert!(!article.contains(AUTHOR_EMAIL));
    let sent = mails(&app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, AUTHOR_EMAIL);
    assert!(
        sent[0].1.starts_with("Komentar Anda telah terbit"),
        "{sent:?}"
    );
    assert!(sent[0].2.contains(&format!("/berita/{SLUG}#komentar-")));

    // The official reply: shown under the comment, signed by the organisation, mailed.
    let (status, _, _) = officer
        .post_form(
            &format!("/kelola/komentar/{id}/balas"),
            &[("reply", "Papan dipasang serentak bulan depan.")],
        )
        .await;
    assert_eq!(status, 303);
    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(
        article.contains("Jawaban resmi Dinas Komunikasi dan Informatika"),
        "{article}"
    );
    assert!(article.contains("Papan dipasang serentak bulan depan."));
    let sent = mails(&app).await;
    assert_eq!(sent.len(), 2);
    assert!(sent[1].1.starts_with("Jawaban resmi atas komentar Anda"));
    assert!(sent[1].2.contains("Papan dipasang serentak bulan depan."));
    // One reply per comment.
    let (status, _, _) = officer
        .post_form(
            &format!("/kelola/komentar/{id}/balas"),
            &[("reply", "Jawaban kedua.")],
        )
        .await;
    assert_eq!(status, 409);

    // The JSON API: the published comment and its reply, nothing personal.
    let (status, json) = api(&app, &format!("item_type=news&item_id={SLUG}")).await;
    assert_eq!(status, 200);
    let comments = json["comments"].as_array().expect("comments");
    assert_eq!(comments.len(), 1);
    let c = &comments[0];
    let mut keys: Vec<&str> = c
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["body", "id", "name", "published_at", "reply"]);
    assert_eq!(c["id"], id.as_str());
    assert_eq!(c["name"], "Pak Tani Ngraho");
    assert_eq!(c["body"], BODY);
    assert_eq!(c["reply"]["organisation_id"], "diskominfo");
    assert_eq!(c["reply"]["body"], "Papan dipasang serentak bulan depan.");
    let text = json.to_string();
    assert!(!text.contains(AUTHOR_EMAIL) && !text.contains("petugas@contoh.id"));

    // Every moderation step is in the audit log, under the owning organisation.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'comment' \
             AND organisation_id = 'diskominfo' AND action IN ('comment.publish', 'comment.reply')"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn publishing_with_the_reply_in_one_step_mails_once_in_the_authors_language() {
    let app = TestApp::start().await;
    let author = app.visitor();
    let (status, _, _) = author.get("/bahasa/en").await;
    assert!((300..400).contains(&status));
    let (status, _, _) = author
        .post_form(
            "/komentar",
            &[
                ("item_type", "news"),
                ("item_id", SLUG),
                ("email", "reader@example.org"),
                ("body", "Will the board also list the village budget?"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let id = on_db!(&app.state.db, pool => sqlx::query_scalar::<_, uuid::Uuid>(
        "SELECT id FROM comments WHERE lang = 'en'").fetch_one(pool).await)
    .expect("an English comment");
    // A supervisor of the owning organisation moderates too; the page is read in Indonesian.
    let supervisor = staff(&app, "atasan@contoh.id", Role::Supervisor, "diskominfo").await;
    let (status, _, _) = supervisor
        .post_form(
            &format!("/kelola/komentar/{id}/terbitkan"),
            &[("reply", "Ya, APBDes juga dipasang.")],
        )
        .await;
    assert_eq!(status, 303);
    let sent = mails(&app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, "reader@example.org");
    assert!(
        sent[0].1.starts_with("Official reply to your comment"),
        "{sent:?}"
    );
    assert!(sent[0].2.contains("Ya, APBDes juga dipasang."));
    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(article.contains("Will the board also list the village budget?"));
    // No display name: the anonymous label.
    assert!(article.contains("<strong>Warga</strong>"), "{article}");
    // It left the "waiting" tab and is not in "published without a reply" either.
    let (_, _, pending) = supervisor.get("/kelola/komentar?tab=pending").await;
    assert!(!pending.contains("village budget"));
    let (_, _, unanswered) = supervisor.get("/kelola/komentar?tab=unanswered").await;
    assert!(!unanswered.contains("village budget"));
}

#[tokio::test]
async fn a_rejected_comment_stays_invisible() {
    let app = TestApp::start().await;
    let id = guest_comment(&app, SLUG, AUTHOR_EMAIL, "Isi yang tidak pantas dimuat.").await;
    let officer = staff(&app, "petugas@contoh.id", Role::Officer, "diskominfo").await;
    // A reason is required.
    let (status, _, page) = officer
        .post_form(&format!("/kelola/komentar/{id}/tolak"), &[("reason", " ")])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Tuliskan isinya."), "{page}");
    assert_eq!(status_of(&app, &id).await, "pending");
    let (status, _, _) = officer
        .post_form(
            &format!("/kelola/komentar/{id}/tolak"),
            &[("reason", "Menyinggung pihak lain.")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(status_of(&app, &id).await, "rejected");
    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(!article.contains("tidak pantas"));
    let (_, json) = api(&app, &format!("item_type=news&item_id={SLUG}")).await;
    assert_eq!(json["comments"], serde_json::json!([]));
    // A rejected comment can be neither published nor answered later.
    let (status, _, _) = officer
        .post_form(&format!("/kelola/komentar/{id}/terbitkan"), &[])
        .await;
    assert_eq!(status, 409);
    let (status, _, _) = officer
        .post_form(&format!("/kelola/komentar/{id}/balas"), &[("reply", "x")])
        .await;
    assert_eq!(status, 409);
    // Staff still find it, with its reason, under "all"; the author gets no mail.
    let (_, _, all) = officer.get("/kelola/komentar?tab=all").await;
    assert!(all.contains("Menyinggung pihak lain."), "{all}");
    assert!(mails(&app).await.is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'comment.reject'"
        )
        .await,
        1
    );
}

/// Form fields, the expected status and a piece of the expected message.
type Refusal<'a> = (Vec<(&'a str, &'a str)>, u16, &'a str);

#[tokio::test]
async fn bad_input_is_refused_with_translated_messages_and_nothing_written() {
    let app = TestApp::start().await;
    let guest = app.visitor();
    let long = "a".repeat(platform::comments::MAX_BODY + 1);
    let cases: Vec<Refusal> = vec![
        (
            comment_fields(SLUG, AUTHOR_EMAIL, "   "),
            422,
            "Tuliskan komentar Anda.",
        ),
        (
            comment_fields(SLUG, AUTHOR_EMAIL, &long),
            422,
            "Komentar paling panjang 2.000 karakter.",
        ),
        (comment_fields(SLUG, "", BODY), 422, "Isi alamat surel Anda"),
        (
            comment_fields(SLUG, "bukan-surel", BODY),
            422,
            "Alamat surel tidak valid.",
        ),
        (
            comment_fields("berita-yang-tidak-ada", AUTHOR_EMAIL, BODY),
            404,
            "tidak ditemukan atau tidak terbuka untuk umum",
        ),
        (
            vec![
                ("item_type", "anggaran.tidak_dikenal"),
                ("item_id", SLUG),
                ("email", AUTHOR_EMAIL),
                ("body", BODY),
            ],
            404,
            "tidak ditemukan atau tidak terbuka untuk umum",
        ),
    ];
    for (fields, status, message) in &cases {
        let (got, _, page) = guest.post_form("/komentar", fields).await;
        assert_eq!(got, *status, "{fields:?}: {page}");
        assert!(
            page.contains(message),
            "{fields:?}: no {message:?} in {page}"
        );
    }
    // What was typed comes back in the form.
    let (_, _, page) = guest
        .post_form("/komentar", &comment_fields(SLUG, "", BODY))
        .await;
    assert!(page.contains(BODY), "{page}");
    // The same in English for an English reader.
    let reader = app.visitor();
    reader.get("/bahasa/en").await;
    let (status, _, page) = reader
        .post_form("/komentar", &comment_fields(SLUG, AUTHOR_EMAIL, ""))
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Write your comment."), "{page}");
    // A forged CSRF token.
    let response = guest
        .client
        .post(guest.url("/komentar"))
        .form(&[
            ("_csrf", "00ff"),
            ("item_type", "news"),
            ("item_id", SLUG),
            ("email", AUTHOR_EMAIL),
            ("body", BODY),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM comments").await, 0);
    // Staff input: an over-long reply is refused, the comment stays pending.
    let id = guest_comment(&app, SLUG, AUTHOR_EMAIL, BODY).await;
    let officer = staff(&app, "petugas@contoh.id", Role::Officer, "diskominfo").await;
    let reply = "b".repeat(platform::comments::MAX_REPLY + 1);
    let (status, _, _) = officer
        .post_form(
            &format!("/kelola/komentar/{id}/terbitkan"),
            &[("reply", &reply)],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(status_of(&app, &id).await, "pending");
    let (status, _, _) = officer
        .post_form("/kelola/komentar/bukan-id/terbitkan", &[])
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'comment'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn guests_are_rate_limited_per_address_and_accounts_are_not() {
    let app = TestApp::builder()
        .config(|c| c.guest_submissions_per_hour = 2)
        .start()
        .await;
    let guest = app.visitor();
    for n in 0..2 {
        let body = format!("Komentar nomor {n} dari tamu.");
        let (status, _, _) = guest
            .post_form("/komentar", &comment_fields(SLUG, AUTHOR_EMAIL, &body))
            .await;
        assert_eq!(status, 303);
    }
    let (status, _, page) = guest
        .post_form(
            "/komentar",
            &comment_fields(SLUG, AUTHOR_EMAIL, "Komentar ketiga dalam satu jam."),
        )
        .await;
    assert_eq!(status, 429);
    assert!(page.contains("Terlalu banyak kiriman"), "{page}");
    assert!(page.contains("Komentar ketiga dalam satu jam."));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM comments").await, 2);

    // A signed-in citizen is not limited, needs no e-mail field, and is told at the
    // account's address — which is never shown either.
    let citizen = app.user("warga.komentar@contoh.id", &[]).await;
    let citizen = app.signed_in(citizen).await;
    let (status, _, article) = citizen.get(&format!("/berita/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(
        !article.contains("name=\"email\""),
        "signed-in: no e-mail field"
    );
    for n in 0..3 {
        let body = format!("Komentar warga terdaftar {n}.");
        let (status, _, _) = citizen
            .post_form(
                "/komentar",
                &[("item_type", "news"), ("item_id", SLUG), ("body", &body)],
            )
            .await;
        assert_eq!(status, 303);
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM comments WHERE author_email = 'warga.komentar@contoh.id' \
             AND author_user_id IS NOT NULL"
        )
        .await,
        3
    );
    // After the hour the guest may comment again.
    app.clock.advance(chrono::Duration::minutes(61));
    let (status, _, _) = guest
        .post_form("/komentar", &comment_fields(SLUG, AUTHOR_EMAIL, BODY))
        .await;
    assert_eq!(status, 303);
}

#[tokio::test]
async fn the_json_api_answers_bad_requests_in_json() {
    let app = TestApp::start().await;
    let (status, json) = api(&app, "item_type=news").await;
    assert_eq!(status, 400);
    assert_eq!(json["error"], "bad_request");
    let (status, json) = api(&app, "item_type=news&item_id=tidak-ada").await;
    assert_eq!(status, 404);
    assert_eq!(json["error"], "not_found");
    let (status, json) = api(&app, &format!("item_type=news&item_id={SLUG}")).await;
    assert_eq!(status, 200);
    assert_eq!(json["item_url"], format!("/berita/{SLUG}"));
    assert_eq!(json["item_type"], "news");
    // The article page links its discussion as JSON (askama writes & as &#38;).
    let (_, article) = app.get(&format!("/berita/{SLUG}")).await;
    assert!(
        article.contains(&format!(
            "/api/v1/comments?item_type=news&#38;item_id={SLUG}"
        )),
        "{article}"
    );
}

#[tokio::test]
async fn admins_see_every_organisations_inbox_and_staff_find_it_in_the_workspace() {
    let app = TestApp::start().await;
    guest_comment(&app, SLUG, AUTHOR_EMAIL, BODY).await;
    let admin = staff(&app, "admin-komentar@contoh.id", Role::Admin, "bappeda").await;
    let (status, _, inbox) = admin.get("/kelola/komentar").await;
    assert_eq!(status, 200);
    assert!(inbox.contains("Kapan papan informasi"), "{inbox}");
    let officer = staff(&app, "petugas@contoh.id", Role::Officer, "diskominfo").await;
    let (_, _, workspace) = officer.get("/kelola").await;
    assert!(
        workspace.contains("/kelola/komentar?org=diskominfo"),
        "{workspace}"
    );
}

#[tokio::test]
async fn guests_write_on_a_page_of_its_own_so_the_item_page_stays_cacheable() {
    let app = TestApp::start().await;
    let guest = app.visitor();
    let (status, _, article) = guest.get(&format!("/berita/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(
        !article.contains("name=\"_csrf\""),
        "no per-visitor token on the article, so the micro-cache may keep it"
    );
    let link = format!("/komentar/tulis?item_type=news&#38;item_id={SLUG}");
    assert!(article.contains(&link), "{article}");
    let (status, _, form) = guest
        .get(&format!("/komentar/tulis?item_type=news&item_id={SLUG}"))
        .await;
    assert_eq!(status, 200);
    assert!(form.contains("action=\"/komentar\""));
    assert!(form.contains("name=\"_csrf\""));
    assert!(
        form.contains(&format!("href=\"/berita/{SLUG}\"")),
        "a way back"
    );
    let (status, _, _) = guest
        .get("/komentar/tulis?item_type=news&item_id=tidak-ada")
        .await;
    assert_eq!(status, 404);
    // Signed in, the form is on the article itself (their pages are never cached).
    let citizen = app.user("warga@contoh.id", &[]).await;
    let (_, _, article) = app
        .signed_in(citizen)
        .await
        .get(&format!("/berita/{SLUG}"))
        .await;
    assert!(article.contains("action=\"/komentar\""));
}
