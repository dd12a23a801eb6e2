//! The demo APBD of Kabupaten Bojonegoro for 2024, 2025 and 2026 (**demo values**, not the
//! regency's real budget): the original budget (*murni*), the revised budget (*perubahan*)
//! and the monthly realisation (2026 up to October) of every year.
//!
//! The figures are generated deterministically (a seeded PRNG: every run gives the same
//! bytes) in the real order of magnitude — about Rp 6.5 trillion revenue and Rp 7.7 trillion
//! spending, the deficit covered by the previous year's surplus (SiLPA). The organisations
//! are the regency's OPDs (`data/organisations`, codes from `data/budget/kode-organisasi.csv`),
//! its 28 kecamatan and a puskesmas unit of the health office per kecamatan; the programmes,
//! kegiatan and sub kegiatan are a curated list of the Kepmendagri 050-5889/2021
//! nomenclature (`data/budget/nomenklatur.csv`); the accounts are Permendagri 90/2019 codes.
//!
//! Each year and stage is written as the import template's CSV and loaded through the real
//! [`crate::import_file`] and [`crate::import::publish_dated`], so the demo exercises the
//! importer. Each year has four publications — murni, perubahan, the first semester's
//! realisation and the year's — dated in the statutory rhythm ([`publication_date`]) so
//! that the publication schedule (`/anggaran/jadwal`) shows them on time.

pub mod bench;
mod generate;

use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use platform::AppState;
use platform::on_db;

use crate::import::{ImportError, Importer, Stage};
use crate::queries;

pub use generate::{DemoFiles, YEARS, files_for_year};

/// The curated nomenclature: `kode_sub_kegiatan,jenis,nama_program,nama_kegiatan,nama_sub_kegiatan`;
/// `X.XX` stands for the bidang of the organisation (the support programme every OPD has).
pub const NOMENCLATURE: &str = include_str!("../../../../data/budget/nomenklatur.csv");

/// The regency's organisations (`id,short_name,name,…`).
pub const ORGANISATIONS: &str = include_str!("../../../../data/organisations/bojonegoro-opd.csv");

/// How the audit log and the versions name the demo's importer.
pub const IMPORTER: &str = "demo data (terbuka)";

/// What loading the demo did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Versions imported and published.
    pub versions: usize,
    /// Budget and realisation lines written.
    pub lines: usize,
    /// Generating the files, checking them, writing them, publishing them (ms).
    pub generate_ms: u128,
    pub check_ms: u128,
    pub write_ms: u128,
    pub publish_ms: u128,
    pub millis: u128,
}

/// Load the demo budget unless some budget version exists: organisation-code mapping,
/// then per year the *murni*, *perubahan* and *realisasi* files, each imported and
/// published. Returns what was loaded (`None` when a budget was already there).
pub async fn load_demo_budget_if_empty(state: &AppState) -> anyhow::Result<Option<Loaded>> {
    let existing: i64 = on_db!(&state.db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM budget_versions").fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(None);
    }
    let started = Instant::now();
    let now = state.clock.now();
    queries::load_organisation_codes(&state.db, queries::DEMO_ORGANISATION_CODES, now).await?;
    map_units(state).await?;
    let by = Importer::command(IMPORTER);
    let mut loaded = Loaded::default();
    for year in YEARS {
        let generating = Instant::now();
        let files = files_for_year(year);
        let first_semester = first_semester(&files.realisasi);
        loaded.generate_ms += generating.elapsed().as_millis();
        let full_year = if year == 2026 {
            "sd-oktober"
        } else {
            "tahunan"
        };
        // In the order a regency publishes them (realisation is checked against the
        // published plan, and the year's realisation supersedes the first semester's).
        for (stage, name, bytes) in [
            (Stage::Murni, "murni", &files.murni),
            (Stage::Perubahan, "perubahan", &files.perubahan),
            (Stage::Realisasi, "realisasi-semester-1", &first_semester),
            (Stage::Realisasi, full_year, &files.realisasi),
        ] {
            let file_name = format!("demo-apbd-{year}-{name}.csv");
            let summary = crate::import_file(state, bytes.as_bytes(), &file_name, year, stage, &by)
                .await
                .map_err(|e| match e {
                    ImportError::Rejected(report) => anyhow::anyhow!(
                        "the demo file {file_name} was refused: {:?}",
                        report.problems.iter().take(5).collect::<Vec<_>>()
                    ),
                    ImportError::Failed(e) => e,
                })?;
            let publishing = Instant::now();
            let dated = publication_date(year, name).map(|d| d.min(now));
            crate::import::publish_dated(state, summary.version_id, &by, dated).await?;
            loaded.publish_ms += publishing.elapsed().as_millis();
            loaded.check_ms += summary.check_ms;
            loaded.write_ms += summary.write_ms;
            loaded.versions += 1;
            loaded.lines += summary.lines;
        }
    }
    loaded.millis = started.elapsed().as_millis();
    tracing::info!(
        versions = loaded.versions,
        lines = loaded.lines,
        ms = loaded.millis,
        "demo budget loaded"
    );
    Ok(Some(loaded))
}

/// The rows of months 1–6 of a demo realisation file (the first-semester report).
fn first_semester(realisation: &str) -> String {
    realisation
        .lines()
        .enumerate()
        .filter(|(i, line)| {
            *i == 0
                || line
                    .split(',')
                    .next()
                    .and_then(|m| m.parse::<u8>().ok())
                    .is_some_and(|m| m <= 6)
        })
        .map(|(_, line)| format!("{line}\n"))
        .collect()
}

/// The date a demo publication stands for, in the regency's statutory rhythm (10:00 WIB):
/// the APBD adopted and published on 20 December of the year before, the first semester's
/// realisation on 20 July, the revised budget on 15 October, the year's realisation on 20
/// January of the next year (the current demo year's, through October, on 10 November).
/// Later than "now" is never used: the caller takes the earlier of the two.
pub fn publication_date(year: i32, name: &str) -> Option<DateTime<Utc>> {
    let (y, month, day) = match name {
        "murni" => (year - 1, 12, 20),
        "realisasi-semester-1" => (year, 7, 20),
        "perubahan" => (year, 10, 15),
        "sd-oktober" => (year, 11, 10),
        "tahunan" => (year + 1, 1, 20),
        _ => return None,
    };
    Utc.with_ymd_and_hms(y, month, day, 3, 0, 0).single()
}

/// The puskesmas units are the health office's (`dinkes`), when that organisation exists.
async fn map_units(state: &AppState) -> anyhow::Result<()> {
    let dinkes: Option<String> = on_db!(&state.db, pool => sqlx::query_scalar(
        "SELECT id FROM organisations WHERE id = 'dinkes'").fetch_optional(pool).await)?;
    let Some(dinkes) = dinkes else {
        return Ok(());
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    for (code, _) in generate::puskesmas() {
        queries::map_organisation_code(&mut tx, &code, &dinkes, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
