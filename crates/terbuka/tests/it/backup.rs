//! `terbuka backup` on SQLite: a consistent copy taken while the portal serves, compared
//! table by table (row counts and a hash of every row) with the original. PostgreSQL
//! backups are `pg_dump`'s business and are not tested here.

use platform::audit::publication::{self, Publication};
use platform::clock::Clock;
use platform::db::Db;
use sqlx::SqlitePool;

use crate::support::TestApp;

/// Every table with (row count, SHA-256 over all rows in a stable order).
async fn contents(pool: &SqlitePool) -> Vec<(String, i64, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("columns");
        let row_expr = columns
            .iter()
            .map(|c| format!("quote(\"{c}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let sql = format!("SELECT {row_expr} FROM \"{table}\" ORDER BY 1");
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .expect("rows");
        let hash = publication::sha256_hex(rows.join("\n").as_bytes());
        out.push((table, i64::try_from(rows.len()).expect("count"), hash));
    }
    out
}

#[tokio::test]
async fn an_online_backup_has_the_same_contents() {
    let app = TestApp::start().await;
    let Db::Sqlite(pool) = &app.state.db else {
        eprintln!("NOTICE: the backup test runs on SQLite only (PostgreSQL backups use pg_dump)");
        return;
    };
    // Some rows of several kinds besides the demo regions and organisations.
    let admin = app
        .user(
            "admin@uji.id",
            &[(platform::authz::Role::Admin, "diskominfo")],
        )
        .await;
    let mut tx = app.state.db.begin().await.expect("begin");
    for i in 0..5 {
        let title = format!("Dokumen {i}");
        publication::append(
            &mut tx,
            app.clock.now(),
            Publication {
                module: "pages",
                record_type: "news",
                record_id: &title,
                title: &title,
                url: "/berita",
                organisation_id: None,
                content: title.as_bytes(),
            },
        )
        .await
        .expect("append");
    }
    platform::mail::queue(&mut tx, app.clock.now(), "warga@contoh.id", "Subjek", "Isi")
        .await
        .expect("mail");
    tx.commit().await.expect("commit");
    let visitor = app.signed_in(admin).await;

    // Back up while pages are being served.
    let dir = std::env::temp_dir().join("terbuka-tests");
    let path = dir.join(format!("backup-{}.db", uuid::Uuid::now_v7().simple()));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let url = app.url("/organisasi");
            tokio::spawn(async move {
                for _ in 0..20 {
                    let status = reqwest::get(&url).await.expect("GET").status().as_u16();
                    assert_eq!(status, 200);
                }
            })
        })
        .collect();
    terbuka::backup::backup(&app.state.db, "", &path)
        .await
        .expect("backup");
    let (status, _, _) = visitor.get("/admin/kalender").await;
    assert_eq!(status, 200, "serving continued");
    for reader in readers {
        reader.await.expect("reader");
    }

    let copy = Db::connect(&format!("sqlite://{}", path.display()), None)
        .await
        .expect("open the backup");
    let Db::Sqlite(copy_pool) = &copy else {
        unreachable!()
    };
    let original = contents(pool).await;
    let restored = contents(copy_pool).await;
    assert!(
        original
            .iter()
            .any(|(t, n, _)| t == "organisations" && *n > 400),
        "demo data is there"
    );
    assert_eq!(original, restored);
    // The copy is a working database: the chain verifies there too.
    assert!(publication::verify(&copy).await.expect("verify").is_ok());
    // An existing file is never overwritten.
    assert!(
        terbuka::backup::backup(&app.state.db, "", &path)
            .await
            .is_err()
    );
    copy.close().await;

    // The same through the command line.
    let (_, _, file): (i64, String, String) = sqlx::query_as("PRAGMA database_list")
        .fetch_one(pool)
        .await
        .expect("database file");
    let cli_copy = dir.join(format!("backup-cli-{}.db", uuid::Uuid::now_v7().simple()));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .arg("backup")
        .arg(&cli_copy)
        .env("TERBUKA_DATABASE_URL", format!("sqlite://{file}"))
        .env("TERBUKA_LOG", "error")
        .output()
        .expect("run terbuka backup");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let copy = Db::connect(&format!("sqlite://{}", cli_copy.display()), None)
        .await
        .expect("open");
    let Db::Sqlite(copy_pool) = &copy else {
        unreachable!()
    };
    assert_eq!(contents(copy_pool).await, original);
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(cli_copy);
}
