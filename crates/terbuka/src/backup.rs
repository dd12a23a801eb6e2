//! `terbuka backup <path>`: a consistent copy of the database, taken while the portal
//! serves.
//!
//! - **SQLite**: `VACUUM INTO '<path>'` writes a complete, compacted copy of the database as
//!   of one read transaction; writers carry on meanwhile (WAL mode). The copy is an ordinary
//!   SQLite file.
//! - **PostgreSQL**: runs `pg_dump --format=custom --file=<path> <database URL>` (the
//!   `postgresql-client` package must be installed, of a version at least the server's).
//!   `pg_dump` also reads one snapshot, so the dump is consistent while the portal serves.
//!
//! Uploaded files live in the object store, not in the database: back up that folder or
//! bucket too (files are never changed in place, so copying it after the database is safe).
//!
//! **Restore.** SQLite: stop every `terbuka` process, copy the backup file over the database
//! file (removing any `-wal` and `-shm` files beside it), start again. PostgreSQL: stop the
//! app nodes, `pg_restore --clean --if-exists --no-owner --dbname=<URL> <path>`, start again.
//! Migrations run at start-up bring an older backup up to the current schema.

use std::path::Path;

use anyhow::{Context, bail};
use platform::db::{Db, RowsAffected};
use platform::on_db;

/// Write a backup of `db` (opened from `url`) to `path`, which must not exist yet.
pub async fn backup(db: &Db, url: &str, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!("{} already exists; choose a new file name", path.display());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let target = path
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    on_db!(db,
        sqlite(pool) => {
            sqlx::query("VACUUM INTO $1").bind(target).execute(pool).await.affected().context("VACUUM INTO")?;
        },
        postgres(_pool) => {
            let status = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg(format!("--file={target}"))
                .arg(url)
                .status()
                .await
                .context("running pg_dump (install the postgresql-client package)")?;
            if !status.success() {
                bail!("pg_dump failed with {status}");
            }
        },
    );
    Ok(())
}
