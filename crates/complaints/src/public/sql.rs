//! SQL of the public side (read-only lists; writes go through `submission` and the case
//! engine).

use platform::db::{Db, RowsAffected};
use platform::on_db;
use platform::regions::Region;
use uuid::Uuid;

/// The regency's districts and villages in code order (the form's region select).
pub async fn regency_regions(db: &Db) -> Result<Vec<Region>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT code, name, level, village_kind, parent_code FROM regions \
         WHERE code LIKE '35.22.%' AND level IN ('district', 'village') ORDER BY code")
        .fetch_all(pool).await)
}

/// Forget file records stored for a submission that was then refused (nothing refers to
/// them: the submission's transaction rolled back).
pub async fn forget_files(db: &Db, ids: &[Uuid]) -> Result<(), sqlx::Error> {
    for id in ids {
        on_db!(db, pool => sqlx::query("DELETE FROM files WHERE id = $1")
            .bind(*id).execute(pool).await.affected())?;
    }
    Ok(())
}
