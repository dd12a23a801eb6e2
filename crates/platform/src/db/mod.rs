//! Storage on SQLite and PostgreSQL from one codebase.
//!
//! Both native sqlx pools sit behind [`Db`], chosen by the URL scheme. Queries are written
//! once in the portable subset of SQL described in `docs/DATABASES.md` and dispatched with
//! [`on_db!`], which expands to one concretely typed arm per backend; the few statements whose
//! dialects truly differ use the two-armed form `on_db!(db, sqlite(p) => …, postgres(p) => …)`.
//! `sqlx::AnyPool` is deliberately not used: it loses uuid, timestamps and JSON, and cannot
//! decode SQLite booleans.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

/// A connection pool on one of the two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open transaction on either backend; commit it explicitly, dropping rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Run one expression against whichever pool (or transaction) `db` holds.
///
/// `on_db!(db, pool => query(SQL).bind(x).execute(pool).await.affected())` compiles the body once per
/// backend. `on_db!(db, sqlite(p) => …, postgres(p) => …)` gives each backend its own body.
/// With a [`Tx`], write `on_db!(tx, tx; conn => … .execute(&mut **conn) …)`.
#[macro_export]
macro_rules! on_db {
    ($db:expr, sqlite($s:ident) => $sbody:expr, postgres($p:ident) => $pbody:expr $(,)?) => {
        match $db {
            $crate::db::Db::Sqlite($s) => $sbody,
            $crate::db::Db::Postgres($p) => $pbody,
        }
    };
    ($db:expr, tx; $conn:ident => $body:expr) => {
        match $db {
            $crate::db::Tx::Sqlite($conn) => $body,
            $crate::db::Tx::Postgres($conn) => $body,
        }
    };
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Which backend a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Db {
    /// Open a pool for `url` (`sqlite://path?mode=rwc` or `postgres://…`).
    ///
    /// SQLite runs in WAL mode with `synchronous=NORMAL` (a committed transaction survives a
    /// process crash; only an OS crash may lose the last ones), a busy timeout, and foreign
    /// keys on. `search_path` pins a PostgreSQL schema (used to isolate tests).
    pub async fn connect(url: &str, search_path: Option<&str>) -> Result<Db, sqlx::Error> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("cache_size", "-16000")
                .pragma("temp_store", "memory");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(15))
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let mut options = PgConnectOptions::from_str(url)?;
            if let Some(schema) = search_path {
                options = options.options([("search_path", schema)]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(15))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(sqlx::Error::Configuration(
                format!("unsupported database URL scheme in {url:?}: use sqlite:// or postgres://")
                    .into(),
            ))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Apply the backend's embedded migrations (`migrations/sqlite` or `migrations/postgres`).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../../migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("../../migrations/postgres").run(pool).await,
        }
    }

    /// Versions of the embedded migrations for one backend (the guard test compares them).
    pub fn migration_versions(backend: Backend) -> Vec<(i64, String)> {
        let migrator = match backend {
            Backend::Sqlite => sqlx::migrate!("../../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../../migrations/postgres"),
        };
        migrator
            .iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect()
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.affected().map(|_| ()))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }

    /// Tables and their columns as the database reports them, sorted, for the guard test that
    /// both backends' migrations end in the same schema.
    pub async fn describe_schema(&self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let mut columns: Vec<(String, String)> = on_db!(self,
            sqlite(pool) => sqlx::query_as(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
                   AND m.name NOT LIKE '%_fts%'")
                .fetch_all(pool).await?,
            postgres(pool) => sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'")
                .fetch_all(pool).await?,
        );
        columns.sort();
        Ok(columns)
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

/// `INSERT INTO table (cols) VALUES (…), (…)` for `rows` rows, for bulk writes bound in
/// row order. SQLite gets anonymous `?` placeholders: it resolves numbered ones by name,
/// which is quadratic over thousands; PostgreSQL gets `$1…$n`.
pub fn values_sql(backend: Backend, table: &str, columns: &[&str], rows: usize) -> String {
    let numbered = backend == Backend::Postgres;
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            if numbered {
                sql.push('$');
                sql.push_str(&n.to_string());
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    sql
}

/// True when `err` is a unique-constraint violation, on either backend (by kind, never by
/// constraint name: only the PostgreSQL driver reports names).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// True when `err` is a foreign-key violation, on either backend.
pub fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_foreign_key_violation())
}

/// The two backends return different result types from `execute`; the arms of [`on_db!`]
/// must agree, so statements end with `.execute(pool).await.affected()`.
pub trait RowsAffected {
    fn affected(self) -> Result<u64, sqlx::Error>;
}

impl RowsAffected for Result<sqlx::sqlite::SqliteQueryResult, sqlx::Error> {
    fn affected(self) -> Result<u64, sqlx::Error> {
        self.map(|r| r.rows_affected())
    }
}

impl RowsAffected for Result<sqlx::postgres::PgQueryResult, sqlx::Error> {
    fn affected(self) -> Result<u64, sqlx::Error> {
        self.map(|r| r.rows_affected())
    }
}
