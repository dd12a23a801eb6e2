//! News: the public list and items, the admin editor (validation, CSRF, access), publishing
//! into the publication log, and the Atom feed.

use platform::authz::Role;
use platform::clock::Clock;
use platform::on_db;

use crate::pages::{get_in, unescape};
use crate::support::{TestApp, client};

const ITEM: &[(&str, &str)] = &[
    ("slug", "rapat-warga-desa-ngraho"),
    ("title_id", "Rapat warga <b>Desa</b> Ngraho"),
    ("title_en", "Ngraho village citizens' meeting"),
    ("summary_id", "Warga membahas APBDes."),
    ("summary_en", ""),
    (
        "body_id",
        "Paragraf pertama.\r\nBaris kedua.\r\n\r\nParagraf <script>alert(1)</script> kedua.",
    ),
    ("body_en", ""),
];

fn with(field: &str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    ITEM.iter()
        .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
        .collect()
}

async fn admin(app: &TestApp) -> crate::support::Visitor {
    let id = app
        .user("berita-admin@example.id", &[(Role::Admin, "diskominfo")])
        .await;
    app.signed_in(id).await
}

async fn log_entries(app: &TestApp) -> Vec<serde_json::Value> {
    let body: serde_json::Value = client()
        .get(app.url("/transparansi/log.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["entries"].as_array().cloned().unwrap_or_default()
}

async fn audit_actions(app: &TestApp, entity_id: &str) -> Vec<String> {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT action FROM audit_log WHERE entity_type = 'news' AND entity_id = $1 ORDER BY at, id")
        .bind(entity_id).fetch_all(pool).await).unwrap()
}

#[tokio::test]
async fn public_list_shows_published_items_newest_first_in_the_visitors_language() {
    let app = TestApp::start().await;
    let (status, body) = get_in(&app, "id", "/berita").await;
    assert_eq!(status, 200);
    let newest = body
        .find("/berita/layanan-informasi-desa-30-desa")
        .expect("newest");
    let oldest = body
        .find("/berita/papan-informasi-desa-430-desa")
        .expect("oldest");
    assert!(newest < oldest, "newest first");
    let (_, body) = get_in(&app, "en", "/berita").await;
    assert!(
        unescape(&body)
            .contains("Village budget notice boards now stand in all 430 villages and kelurahan")
    );
    let (status, body) = get_in(&app, "en", "/berita/portal-terbuka-diluncurkan").await;
    assert_eq!(status, 200);
    assert!(body.contains("The Terbuka Bojonegoro portal is launched"));
    assert!(body.contains("<p>In its first stage"), "paragraphs: {body}");

    assert_eq!(app.get("/berita/tidak-ada-berita-ini").await.0, 404);
    assert_eq!(app.get("/berita/BAD%20SLUG").await.0, 404);
    assert_eq!(
        app.get("/berita?halaman=2").await.0,
        404,
        "only one page of demo news"
    );
    assert_eq!(
        app.get("/berita?halaman=x").await.0,
        200,
        "unreadable page numbers mean page 1"
    );
}

#[tokio::test]
async fn the_list_is_paginated() {
    let app = TestApp::start().await;
    let now = app.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    for i in 0..12 {
        let n = pages::queries::News {
            id: uuid::Uuid::now_v7(),
            slug: format!("berita-uji-{i:02}"),
            title_id: format!("Berita uji {i:02}"),
            title_en: format!("Test item {i:02}"),
            summary_id: String::new(),
            summary_en: String::new(),
            body_id: "Isi.".into(),
            body_en: String::new(),
            published_at: Some(now + chrono::Duration::minutes(i)),
            created_by: None,
            created_at: now,
            updated_at: now,
        };
        pages::queries::insert(&mut tx, &n).await.unwrap();
    }
    tx.commit().await.unwrap();
    let (status, page1) = app.get("/berita").await;
    assert_eq!(status, 200);
    assert!(page1.contains("berita-uji-11") && !page1.contains("berita-uji-01"));
    assert!(page1.contains("href=\"/berita?halaman=2\""));
    let (status, page2) = app.get("/berita?halaman=2").await;
    assert_eq!(status, 200);
    assert!(page2.contains("berita-uji-01") && page2.contains("papan-informasi-desa-430-desa"));
    assert!(!page2.contains("berita-uji-11"));
}

#[tokio::test]
async fn admin_writes_publishes_edits_and_withdraws_an_item() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let (status, _, body) = admin.get("/admin/berita").await;
    assert_eq!(status, 200);
    assert!(body.contains("portal-terbuka-diluncurkan"));
    assert_eq!(admin.get("/admin/berita/baru").await.0, 200);

    // Create: a draft, not public yet.
    let (status, location, body) = admin.post_form("/admin/berita/baru", ITEM).await;
    assert_eq!(status, 303, "{body}");
    assert!(location.starts_with("/admin/berita/"), "{location}");
    let id = location
        .trim_start_matches("/admin/berita/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        app.get("/berita/rapat-warga-desa-ngraho").await.0,
        404,
        "drafts are not public"
    );
    let (status, _, body) = admin.get(&format!("/admin/berita/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        !body.contains("<b>Desa</b>") && unescape(&body).contains("Rapat warga <b>Desa</b> Ngraho"),
        "escaped in the form"
    );
    let log_before = log_entries(&app).await.len();

    // Publish: public, escaped, paragraphs kept, in the log with the canonical JSON's hash.
    let (status, location, _) = admin
        .post_form(&format!("/admin/berita/{id}/terbitkan"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/berita?ok=news-published")
    );
    let (status, body) = app.get("/berita/rapat-warga-desa-ngraho").await;
    assert_eq!(status, 200);
    assert!(!body.contains("<script>alert"), "body escaped");
    assert!(unescape(&body).contains("Paragraf <script>alert(1)</script> kedua."));
    assert!(
        body.contains("<p>Paragraf pertama.<br>Baris kedua.</p>"),
        "{body}"
    );
    // English falls back to Indonesian where the English text is empty.
    let (_, body) = get_in(&app, "en", "/berita/rapat-warga-desa-ngraho").await;
    assert!(
        unescape(&body).contains("Ngraho village citizens' meeting"),
        "{body}"
    );
    assert!(body.contains("Paragraf pertama."));
    let entries = log_entries(&app).await;
    assert_eq!(entries.len(), log_before + 1);
    let entry = entries
        .iter()
        .find(|e| e["record_id"] == id.as_str())
        .expect("log entry");
    assert_eq!(entry["url"], "/berita/rapat-warga-desa-ngraho");
    let news = pages::queries::by_id(&app.state.db, id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let hash =
        platform::audit::publication::sha256_hex(pages::news::canonical_json(&news).as_bytes());
    assert_eq!(entry["content_sha256"], hash.as_str());
    // Publishing again changes nothing.
    admin
        .post_form(&format!("/admin/berita/{id}/terbitkan"), &[])
        .await;
    assert_eq!(log_entries(&app).await.len(), log_before + 1);

    // Editing a public item publishes the new version too.
    let (status, _, body) = admin
        .post_form(
            &format!("/admin/berita/{id}"),
            &with("summary_en", "Citizens discuss the village budget."),
        )
        .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(log_entries(&app).await.len(), log_before + 2);
    let (_, body) = get_in(&app, "en", "/berita/rapat-warga-desa-ngraho").await;
    assert!(body.contains("Citizens discuss the village budget."));

    // A published item cannot be deleted, only withdrawn.
    assert_eq!(
        admin
            .post_form(&format!("/admin/berita/{id}/hapus"), &[])
            .await
            .0,
        409
    );
    let (status, location, _) = admin
        .post_form(&format!("/admin/berita/{id}/tarik"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/berita?ok=news-unpublished")
    );
    assert_eq!(app.get("/berita/rapat-warga-desa-ngraho").await.0, 404);
    assert!(
        !app.get("/berita")
            .await
            .1
            .contains("rapat-warga-desa-ngraho")
    );
    let (status, location, _) = admin
        .post_form(&format!("/admin/berita/{id}/hapus"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/berita?ok=deleted")
    );
    assert_eq!(admin.get(&format!("/admin/berita/{id}")).await.0, 404);

    assert_eq!(
        audit_actions(&app, &id).await,
        vec![
            "news.create",
            "news.publish",
            "news.update",
            "news.unpublish",
            "news.delete"
        ]
    );
}

#[tokio::test]
async fn invalid_items_are_refused_with_translated_messages_and_nothing_written() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let count = || async { pages::queries::all(&app.state.db).await.unwrap().len() };
    let before = count().await;

    let (status, _, body) = admin
        .post_form("/admin/berita/baru", &with("slug", "Bukan Slug!"))
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("data-field=\"slug\""), "{body}");
    assert!(body.contains("huruf kecil, angka, atau tanda hubung"));
    assert!(
        unescape(&body).contains("value=\"Rapat warga <b>Desa</b> Ngraho\""),
        "keeps what was typed"
    );

    let (status, _, body) = admin
        .post_form("/admin/berita/baru", &with("title_en", "  "))
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("data-field=\"title_en\""));
    let long: &'static str = Box::leak("x".repeat(201).into_boxed_str());
    assert_eq!(
        admin
            .post_form("/admin/berita/baru", &with("title_id", long))
            .await
            .0,
        422
    );
    let long_body: &'static str = Box::leak("x".repeat(20_001).into_boxed_str());
    assert_eq!(
        admin
            .post_form("/admin/berita/baru", &with("body_id", long_body))
            .await
            .0,
        422
    );

    // A slug already in use: 409 with the message next to the field.
    let (status, _, body) = admin
        .post_form(
            "/admin/berita/baru",
            &with("slug", "portal-terbuka-diluncurkan"),
        )
        .await;
    assert_eq!(status, 409);
    assert!(body.contains("sudah dipakai"));
    assert_eq!(count().await, before, "nothing half-written");

    // In English the messages are English.
    admin.get("/bahasa/en?next=/").await;
    let (status, _, body) = admin
        .post_form("/admin/berita/baru", &with("slug", "x"))
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("lower-case letters, digits or hyphens"));

    // Editing into another item's slug conflicts too; unknown ids are 404.
    let (_, location, _) = admin.post_form("/admin/berita/baru", ITEM).await;
    assert_eq!(
        admin
            .post_form(
                &location.replace("?ok=saved", ""),
                &with("slug", "portal-terbuka-diluncurkan")
            )
            .await
            .0,
        409
    );
    assert_eq!(admin.get("/admin/berita/bukan-uuid").await.0, 404);
    assert_eq!(
        admin
            .get(&format!("/admin/berita/{}", uuid::Uuid::now_v7()))
            .await
            .0,
        404
    );
    assert_eq!(
        admin
            .post_form(
                &format!("/admin/berita/{}/terbitkan", uuid::Uuid::now_v7()),
                &[]
            )
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn only_admins_with_a_csrf_token_may_change_news() {
    let app = TestApp::start().await;
    // Anonymous: sent to sign in, and POSTs refused.
    let (status, location, _) = app.visitor().get("/admin/berita").await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/masuk"), "{location}");
    assert_eq!(
        app.visitor().post_form("/admin/berita/baru", ITEM).await.0,
        401
    );

    // An officer of Diskominfo is not an administrator.
    let officer = app
        .user(
            "berita-petugas@example.id",
            &[(Role::Officer, "diskominfo")],
        )
        .await;
    let officer = app.signed_in(officer).await;
    assert_eq!(officer.get("/admin/berita").await.0, 403);
    assert_eq!(officer.post_form("/admin/berita/baru", ITEM).await.0, 403);

    // An admin without a valid token.
    let admin = admin(&app).await;
    admin.csrf().await;
    let response = admin
        .client
        .post(admin.url("/admin/berita/baru"))
        .form(&[("_csrf", "00"), ("slug", "tanpa-token")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = admin
        .client
        .post(admin.url("/admin/berita/baru"))
        .form(ITEM)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(
        pages::queries::all(&app.state.db)
            .await
            .unwrap()
            .iter()
            .all(|n| n.slug != "tanpa-token" && n.slug != "rapat-warga-desa-ngraho")
    );
}

#[tokio::test]
async fn atom_feed_lists_published_items() {
    let app = TestApp::start().await;
    let response = client().get(app.url("/berita.atom")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let body = response.text().await.unwrap();
    assert!(body.starts_with("<?xml"));
    assert_eq!(body.matches("<entry>").count(), 4);
    assert!(body.contains("/berita/portal-terbuka-diluncurkan"));
}
