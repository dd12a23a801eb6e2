//! Benchmark data for the standard APIs (`bench/data_api.sh`, hidden CLI
//! `terbuka bench-data datasets`): COUNT published datasets spread over the OPDs, topics,
//! tags, formats, licences and districts (through [`crate::catalog::create_verified`], so the
//! search index is filled as in production), and optionally one dataset whose CSV resource
//! is loaded into the tabular store for `datastore_search`.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use platform::db::Db;
use uuid::Uuid;

use crate::catalog::{self, NewDataset, NewResource};
use crate::tabular;

/// A small deterministic generator (splitmix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const SUBJECTS: &[(&str, &str)] = &[
    ("Jumlah Penduduk", "kependudukan"),
    ("Jumlah Sekolah", "pendidikan"),
    ("Fasilitas Kesehatan", "kesehatan"),
    ("Produksi Padi", "pertanian"),
    ("Curah Hujan", "iklim"),
    ("Kondisi Jalan", "jalan"),
    ("Penerima Bantuan Sosial", "sosial"),
    ("Realisasi Pendapatan", "keuangan"),
    ("Luas Panen Jagung", "pertanian"),
    ("Angka Kelahiran", "kesehatan"),
    ("Kunjungan Wisata", "pariwisata"),
    ("Usaha Mikro", "ekonomi"),
];
const PLACES: &[&str] = &[
    "per Kecamatan",
    "per Desa",
    "Kabupaten",
    "per Bulan",
    "per Jenis",
];
const FORMATS: &[&str] = &["CSV", "XLSX", "JSON", "PDF", "GeoJSON"];
const LICENCES: &[&str] = &["cc-by", "cc-by", "cc-by", "odc-odbl", "cc-zero"];
const FREQUENCIES: &[&str] = &["annual", "monthly", "quarterly", "daily", "irregular"];

pub struct Generated {
    pub datasets: u64,
    pub elapsed: Duration,
    /// The tabular resource (when a table was asked for).
    pub table_resource: Option<Uuid>,
}

/// Write `count` published datasets (500 per transaction) and, when `table_rows > 0`, one
/// more (`bench-tabel`) whose resource is a loaded table of that many generated rows.
pub async fn datasets(
    db: &Db,
    count: u64,
    table_rows: u64,
    at: DateTime<Utc>,
) -> anyhow::Result<Generated> {
    let started = Instant::now();
    let mut mix = Mix(0x5EED_DA7A_2026_00A1);
    let opds: Vec<String> = platform::regions::organisations_of_kind(db, "opd")
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    anyhow::ensure!(
        !opds.is_empty(),
        "no organisations: load the demo data first"
    );
    let districts: Vec<String> = platform::regions::children(db, "35.22")
        .await?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let groups: Vec<String> = super::queries::groups(db)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let mut done = 0;
    while done < count {
        let mut tx = db.begin().await?;
        for _ in 0..(count - done).min(500) {
            let (subject, tag) = *mix.pick(SUBJECTS);
            let place = *mix.pick(PLACES);
            let year = 2018 + mix.next() % 9;
            let mut regions = vec!["35.22".to_string()];
            if !districts.is_empty() && mix.next().is_multiple_of(2) {
                regions.push(mix.pick(&districts).clone());
            }
            let format = *mix.pick(FORMATS);
            let new = NewDataset {
                name: format!("bench-{done:06}"),
                organisation_id: mix.pick(&opds).clone(),
                title: format!("{subject} {place} Tahun {year}"),
                notes: format!(
                    "{subject} {place} di Kabupaten Bojonegoro tahun {year}, dihimpun oleh \
                     perangkat daerah dan diverifikasi walidata."
                ),
                licence_id: (*mix.pick(LICENCES)).into(),
                frequency: (*mix.pick(FREQUENCIES)).into(),
                tags: vec![tag.into(), year.to_string()],
                groups: if groups.is_empty() {
                    Vec::new()
                } else {
                    vec![mix.pick(&groups).clone()]
                },
                regions,
                contact_email: "data@bojonegorokab.go.id".into(),
                resources: vec![NewResource {
                    name: format!("{subject} {year}"),
                    format: format.into(),
                    url: format!(
                        "https://data.example.org/bench/{done}.{}",
                        format.to_lowercase()
                    ),
                    ..NewResource::default()
                }],
                ..NewDataset::default()
            };
            catalog::create_verified(&mut tx, &new, Uuid::nil(), at).await?;
            done += 1;
        }
        tx.commit().await?;
    }
    let mut table_resource = None;
    if table_rows > 0 {
        let mut csv = Vec::new();
        tabular::bench::dataset_csv(table_rows, &mut csv)?;
        let table = tabular::load(db, &csv, "bench.csv", &tabular::LoadOptions::default(), at)
            .await
            .map_err(|e| anyhow::anyhow!("loading the benchmark table: {e:?}"))?;
        let new = NewDataset {
            name: "bench-tabel".into(),
            organisation_id: opds[0].clone(),
            title: "Profil Desa (benchmark)".into(),
            licence_id: "cc-by".into(),
            frequency: "annual".into(),
            resources: vec![NewResource {
                name: "Profil desa".into(),
                format: "CSV".into(),
                table_id: Some(table.id),
                ..NewResource::default()
            }],
            ..NewDataset::default()
        };
        let mut tx = db.begin().await?;
        catalog::create_verified(&mut tx, &new, Uuid::nil(), at).await?;
        tx.commit().await?;
        table_resource = catalog::published(db, "bench-tabel")
            .await?
            .and_then(|d| d.version.resources.first().map(|r| r.id));
    }
    // After a bulk load PostgreSQL's planner has no statistics until autovacuum gets round
    // to it (minutes); without them it nests loops over the facet index and one search takes
    // seconds. Operators run ANALYZE after bulk loads; so does the benchmark.
    if let Db::Postgres(pool) = db {
        sqlx::query("ANALYZE").execute(pool).await?;
    }
    Ok(Generated {
        datasets: done,
        elapsed: started.elapsed(),
        table_resource,
    })
}
