//! Guard tests for running one codebase on two databases: both migration folders carry the
//! same versions, and after migrating, both backends have the same tables and columns.

use platform::db::{Backend, Db};

#[test]
fn both_backends_have_the_same_migration_versions() {
    let sqlite = Db::migration_versions(Backend::Sqlite);
    let postgres = Db::migration_versions(Backend::Postgres);
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must have the same files"
    );
}

#[tokio::test]
async fn both_backends_end_in_the_same_tables_and_columns() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!(
            "NOTICE: schema comparison runs in the PostgreSQL pass (TEST_DATABASE_URL unset)"
        );
        return;
    };
    assert!(
        url.starts_with("postgres"),
        "TEST_DATABASE_URL must be a postgres:// URL"
    );
    let postgres = platform::testing::fresh_db().await;
    let dir = std::env::temp_dir().join("terbuka-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("guard-{}.db", uuid::Uuid::now_v7().simple()));
    let sqlite = Db::connect(&format!("sqlite://{}", path.display()), None)
        .await
        .unwrap();
    sqlite.migrate().await.unwrap();
    let on_sqlite = sqlite.describe_schema().await.unwrap();
    let on_postgres = postgres.describe_schema().await.unwrap();
    let only_sqlite: Vec<_> = on_sqlite
        .iter()
        .filter(|c| !on_postgres.contains(c))
        .collect();
    let only_postgres: Vec<_> = on_postgres
        .iter()
        .filter(|c| !on_sqlite.contains(c))
        .collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "columns only on SQLite: {only_sqlite:?}; only on PostgreSQL: {only_postgres:?}"
    );
    assert!(on_sqlite.len() > 20);
}

#[test]
fn the_example_configuration_file_matches_the_config_struct() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../.env.example");
    let generated = platform::config::Config::example_file();
    if std::env::var("TERBUKA_UPDATE_EXAMPLE").is_ok() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        ".env.example is out of date: run `TERBUKA_UPDATE_EXAMPLE=1 cargo test -p terbuka --test it example`"
    );
}
