//! The publication log: appending, the public page and downloads, and verification that
//! catches rows edited or deleted behind the application's back.

use platform::audit::publication::{self, Fault, Publication};
use platform::authz::Role;
use platform::db::RowsAffected;
use platform::on_db;

use crate::support::TestApp;

/// An application with an empty publication log (no demo data, so no demo news).
async fn start() -> TestApp {
    TestApp::builder().empty().start().await
}

async fn publish(app: &TestApp, n: usize) {
    let now = app.clock.now();
    let mut tx = app.state.db.begin().await.expect("begin");
    for i in 1..=n {
        let id = format!("rec-{i}");
        let title = format!("Dokumen uji nomor {i}");
        let url = format!("/berita/dokumen-{i}");
        let content = format!("{{\"id\":\"{id}\",\"isi\":\"versi pertama\"}}");
        publication::append(
            &mut tx,
            now,
            Publication {
                module: "pages",
                record_type: "news",
                record_id: &id,
                title: &title,
                url: &url,
                organisation_id: Some("diskominfo"),
                content: content.as_bytes(),
            },
        )
        .await
        .expect("append");
    }
    tx.commit().await.expect("commit");
}

async fn exec(app: &TestApp, sql: &'static str) {
    on_db!(&app.state.db, pool => sqlx::query(sql).execute(pool).await.affected()).expect(sql);
}

use platform::clock::Clock as _;

#[tokio::test]
async fn an_intact_chain_verifies() {
    let app = start().await;
    let empty = publication::verify(&app.state.db).await.expect("verify");
    assert!(empty.is_ok(), "{empty:?}");
    assert_eq!(empty.head_hash, publication::GENESIS_HASH);
    publish(&app, 4).await;
    let v = publication::verify(&app.state.db).await.expect("verify");
    assert!(v.is_ok(), "{v:?}");
    assert_eq!(v.entries, 4);
}

#[tokio::test]
async fn an_edited_title_is_caught_and_named() {
    let app = start().await;
    publish(&app, 5).await;
    exec(
        &app,
        "UPDATE publication_log SET title = 'Judul yang diganti diam-diam' WHERE seq = 3",
    )
    .await;
    let v = publication::verify(&app.state.db).await.expect("verify");
    let broken = v.broken.expect("the edit must break the chain");
    assert_eq!((broken.seq, broken.fault), (3, Fault::EntryHash));
}

#[tokio::test]
async fn an_edit_with_a_recomputed_hash_is_caught_at_the_next_entry() {
    let app = start().await;
    publish(&app, 4).await;
    // A careful forger recomputes entry 2's own hash; entry 3 still names the old one.
    let mut entries = publication::all_entries(&app.state.db)
        .await
        .expect("entries");
    entries[1].title = "Dipalsukan".into();
    let forged = publication::entry_hash(&entries[1]);
    on_db!(&app.state.db, pool => sqlx::query("UPDATE publication_log SET title = $1, entry_hash = $2 WHERE seq = 2")
        .bind("Dipalsukan").bind(&forged).execute(pool).await.affected()).expect("forge");
    let broken = publication::verify(&app.state.db)
        .await
        .expect("verify")
        .broken
        .expect("broken");
    assert_eq!((broken.seq, broken.fault), (3, Fault::PrevHash));
}

#[tokio::test]
async fn a_deleted_row_is_caught_and_named() {
    let app = start().await;
    publish(&app, 5).await;
    exec(&app, "DELETE FROM publication_log WHERE seq = 2").await;
    let broken = publication::verify(&app.state.db)
        .await
        .expect("verify")
        .broken
        .expect("broken");
    assert_eq!((broken.seq, broken.fault), (2, Fault::Missing));
}

#[tokio::test]
async fn a_deleted_last_row_is_caught_by_the_head() {
    let app = start().await;
    publish(&app, 3).await;
    exec(&app, "DELETE FROM publication_log WHERE seq = 3").await;
    let broken = publication::verify(&app.state.db)
        .await
        .expect("verify")
        .broken
        .expect("broken");
    assert_eq!((broken.seq, broken.fault), (3, Fault::Head));
}

#[tokio::test]
async fn the_cli_names_the_broken_entry() {
    let app = start().await;
    let platform::db::Db::Sqlite(pool) = &app.state.db else {
        eprintln!("NOTICE: the_cli_names_the_broken_entry runs the binary on SQLite only");
        return;
    };
    let (_, _, file): (i64, String, String) = sqlx::query_as("PRAGMA database_list")
        .fetch_one(pool)
        .await
        .expect("database file");
    publish(&app, 3).await;
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_terbuka"))
            .arg("verify-log")
            .env("TERBUKA_DATABASE_URL", format!("sqlite://{file}"))
            .env("TERBUKA_LOG", "error")
            .output()
            .expect("run terbuka verify-log")
    };
    let ok = run();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("3 entries"));
    exec(
        &app,
        "UPDATE publication_log SET url = '/lain' WHERE seq = 2",
    )
    .await;
    let bad = run();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("seq 2"), "{stderr}");
}

#[tokio::test]
async fn the_public_page_and_downloads_carry_every_field() {
    let app = start().await;
    publish(&app, 3).await;
    let (status, html) = app.get("/transparansi/log").await;
    assert_eq!(status, 200);
    let entries = publication::all_entries(&app.state.db)
        .await
        .expect("entries");
    // Newest first on the page.
    let pos = |s: &str| html.find(s).unwrap_or(usize::MAX);
    assert!(pos("Dokumen uji nomor 3") < pos("Dokumen uji nomor 1"));
    for e in &entries {
        assert!(html.contains(&e.entry_hash) && html.contains(&e.content_sha256));
        assert!(html.contains(&format!("href=\"{}\"", e.url)));
    }
    assert!(
        html.contains(publication::GENESIS_HASH),
        "the page explains the genesis hash"
    );

    let json: serde_json::Value = reqwest::get(app.url("/transparansi/log.json"))
        .await
        .expect("GET")
        .json()
        .await
        .expect("json");
    let list = json["entries"].as_array().expect("entries");
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["seq"], 1, "oldest first");
    // Recompute the chain from the download alone.
    let mut prev = publication::GENESIS_HASH.to_string();
    for e in list {
        let text = [
            prev.as_str(),
            &e["seq"].to_string(),
            e["published_at"].as_str().unwrap(),
            e["module"].as_str().unwrap(),
            e["record_type"].as_str().unwrap(),
            e["record_id"].as_str().unwrap(),
            e["title"].as_str().unwrap(),
            e["url"].as_str().unwrap(),
            e["organisation_id"].as_str().unwrap(),
            e["content_sha256"].as_str().unwrap(),
        ]
        .join("\n");
        assert_eq!(e["prev_hash"].as_str().unwrap(), prev);
        let hash = publication::sha256_hex(text.as_bytes());
        assert_eq!(e["entry_hash"].as_str().unwrap(), hash);
        prev = hash;
    }
    assert_eq!(json["head"]["entry_hash"].as_str().unwrap(), prev);

    let response = reqwest::get(app.url("/transparansi/log.csv"))
        .await
        .expect("GET");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.text().await.expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "seq,published_at,module,record_type,record_id,title,url,organisation_id,content_sha256,prev_hash,entry_hash"
    );
    assert_eq!(lines.count(), 3);
    assert!(csv.contains(&entries[2].entry_hash));
}

#[tokio::test]
async fn the_page_is_paginated() {
    let app = start().await;
    publish(&app, 55).await;
    let (_, first) = app.get("/transparansi/log").await;
    assert!(first.contains("Dokumen uji nomor 55") && !first.contains("Dokumen uji nomor 5<"));
    assert!(first.contains("hal=2"));
    let (status, second) = app.get("/transparansi/log?hal=2").await;
    assert_eq!(status, 200);
    assert!(second.contains("Dokumen uji nomor 5<") && !second.contains("Dokumen uji nomor 55"));
    let (status, _) = app.get("/transparansi/log?hal=abc").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_audit_page_is_for_admins_and_filters() {
    let app = TestApp::start().await;
    let admin = app
        .user("admin@uji.id", &[(Role::Admin, "diskominfo")])
        .await;
    let officer = app
        .user("petugas@uji.id", &[(Role::Officer, "diskominfo")])
        .await;
    let admin = app.signed_in(admin).await;
    // An audited change through the calendar admin.
    let (status, _, body) = admin
        .post_form(
            "/admin/kalender",
            &[
                ("day", "2026-12-31"),
                ("kind", "cuti_bersama"),
                ("name_id", "Cuti uji"),
                ("name_en", "Test leave"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    let (status, _, html) = admin.get("/admin/audit?entitas=holiday").await;
    assert_eq!(status, 200);
    assert!(html.contains("holiday.create") && html.contains("Cuti uji"));
    let (_, _, html) = admin.get("/admin/audit?entitas=user").await;
    assert!(!html.contains("holiday.create"));
    let (_, _, html) = admin.get("/admin/audit?aktor=tidak-ada-orang-ini").await;
    assert!(!html.contains("holiday.create"));
    let (status, _, _) = app.signed_in(officer).await.get("/admin/audit").await;
    assert_eq!(status, 403);
    let (status, location, _) = app.visitor().get("/admin/audit").await;
    assert!(
        status == 303 && location.starts_with("/masuk"),
        "{status} {location}"
    );
}
