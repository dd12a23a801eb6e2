//! The Bojonegoro demo data, loaded into an empty database: regions, organisations,
//! demo people, news. Everything is embedded in the binary; nothing is fetched.

use platform::clock::Clock;
use platform::db::Db;

/// Kabupaten Bojonegoro's 28 districts and 430 villages (MIT, see data/wilayah/LICENSE).
pub const BOJONEGORO_REGIONS: &str = include_str!("../../../data/wilayah/bojonegoro.csv");
/// The regency's OPDs (see data/organisations/README.md).
pub const BOJONEGORO_OPD: &str = include_str!("../../../data/organisations/bojonegoro-opd.csv");

/// Load the demo data unless the database already holds regions.
pub async fn load_if_empty(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    if platform::regions::count(db).await? > 0 {
        return Ok(());
    }
    platform::regions::load_regions_csv(db, BOJONEGORO_REGIONS, ("35", "JAWA TIMUR")).await?;
    platform::regions::load_organisations(db, "35.22", BOJONEGORO_OPD, clock.now()).await?;
    Ok(())
}
