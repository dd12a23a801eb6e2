//! The regency's population per year, for the per-capita figures: the setting
//! `budget.population` when an administrator set it, else `data/budget/population.csv`
//! (built in; demo values with their source note). Both are CSV text `tahun,penduduk`,
//! lines starting with `#` are notes.

use platform::db::Db;

/// The built-in demo table.
pub const DEMO: &str = include_str!("../../../../data/budget/population.csv");

/// The setting that replaces the built-in table.
pub const SETTING: &str = "budget.population";

/// The population of `year` in `text` (`None` when the year is not listed or the line is
/// not a positive whole number).
pub fn lookup(text: &str, year: i32) -> Option<i64> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (y, n) = l.split_once([',', ';'])?;
            let y: i32 = y.trim().parse().ok()?;
            let n: i64 = n.trim().replace('.', "").parse().ok()?;
            (n > 0).then_some((y, n))
        })
        .find(|(y, _)| *y == year)
        .map(|(_, n)| n)
}

/// The population of `year`, from the setting or the built-in table.
pub async fn of_year(db: &Db, year: i32) -> Result<Option<i64>, sqlx::Error> {
    let configured = platform::settings::get(db, SETTING).await?;
    Ok(lookup(configured.as_deref().unwrap_or(DEMO), year))
}

/// Rupiah per person, rounded to the nearest rupiah (integers only).
pub fn per_capita(amount: i64, population: i64) -> i64 {
    if population <= 0 {
        return 0;
    }
    let p = i128::from(population);
    i64::try_from((i128::from(amount) * 2 + p) / (2 * p)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_read_and_per_capita_rounds() {
        assert_eq!(lookup(DEMO, 2026), Some(1_348_000));
        assert_eq!(lookup(DEMO, 1990), None);
        assert_eq!(
            lookup("# x\ntahun;penduduk\n2026;1.000\n", 2026),
            Some(1000)
        );
        assert_eq!(per_capita(10, 4), 3);
        assert_eq!(per_capita(9, 4), 2);
        assert_eq!(per_capita(5, 0), 0);
    }
}
