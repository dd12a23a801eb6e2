//! The demo datasets (`data/portal/datasets.csv`, tables from [`super::generate`]): see the
//! module above.

use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use platform::AppState;
use platform::on_db;
use serde::Deserialize;
use uuid::Uuid;

use super::generate;
use crate::catalog::{self, DictionaryColumn, NewDataset, NewResource};
use crate::tabular::{self, LoadOptions};

/// The demo datasets' metadata, one row per dataset.
pub const DATASETS: &str = include_str!("../../../../data/portal/datasets.csv");

/// One row of `data/portal/datasets.csv`.
#[derive(Clone, Debug, Deserialize)]
pub struct DemoDataset {
    pub name: String,
    pub organisation_id: String,
    pub title: String,
    pub notes: String,
    pub frequency: String,
    /// How long ago (days) the current version was verified; 0: two hours ago.
    pub age_days: i64,
    /// `;`-separated lists.
    pub groups: String,
    pub tags: String,
    pub concept: String,
    pub definition: String,
    pub unit: String,
    pub classification: String,
    pub measure: String,
    pub contact_name: String,
    pub temporal_start: String,
    pub temporal_end: String,
    /// The tabular resource's name (empty: the dataset is a linked document).
    pub resource: String,
    /// `;`-separated key columns for live upserts (empty: none).
    pub key: String,
}

/// The demo datasets as listed in the file.
pub fn datasets() -> anyhow::Result<Vec<DemoDataset>> {
    csv::Reader::from_reader(DATASETS.as_bytes())
        .deserialize::<DemoDataset>()
        .map(|r| r.context("reading data/portal/datasets.csv"))
        .collect()
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// What loading the demo did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub datasets: usize,
    pub rows: i64,
    pub millis: u128,
}

/// How the demo's writes are named (files, versions).
pub const LOADER: &str = "demo data (terbuka)";

/// Load the demo datasets unless the portal already holds a dataset. Organisations missing
/// from the database (a deployment with other OPDs) are skipped.
pub async fn load_demo_data_if_empty(state: &AppState) -> anyhow::Result<Option<Loaded>> {
    let db = &state.db;
    let existing: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM data_datasets").fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(None);
    }
    let started = Instant::now();
    let now = state.clock.now();
    let mut loaded = Loaded::default();
    for d in datasets()? {
        let contact: Option<String> = on_db!(db, pool => sqlx::query_scalar(
            "SELECT email FROM organisations WHERE id = $1")
            .bind(&d.organisation_id).fetch_optional(pool).await)?;
        let Some(contact_email) = contact else {
            continue;
        };
        let at = if d.age_days <= 0 {
            now - Duration::hours(2)
        } else {
            now - Duration::days(d.age_days)
        };
        let mut new = NewDataset {
            name: d.name.clone(),
            organisation_id: d.organisation_id.clone(),
            title: d.title.clone(),
            notes: d.notes.clone(),
            licence_id: if d.name == "kondisi-jalan-kabupaten" {
                "odc-odbl".into()
            } else {
                crate::licences::DEFAULT.into()
            },
            frequency: d.frequency.clone(),
            temporal_start: date(&d.temporal_start),
            temporal_end: date(&d.temporal_end),
            concept: d.concept.clone(),
            definition: d.definition.clone(),
            unit: d.unit.clone(),
            classification: d.classification.clone(),
            measure: d.measure.clone(),
            contact_name: d.contact_name.clone(),
            contact_email,
            tags: list(&d.tags),
            groups: list(&d.groups),
            regions: vec!["35.22".into()],
            resources: Vec::new(),
        };
        // The population dataset has an earlier semester as version 1.
        let earlier = d.name == "penduduk-per-desa";
        let first_at = if earlier {
            at - Duration::days(183)
        } else {
            at
        };
        let bytes = if earlier {
            let mut r = generate::Rng::for_name("penduduk-per-desa-2025-1");
            Some(generate::population_per_village(&mut r, 12).into_bytes())
        } else {
            generate::table(&d.name, at)
        };
        match bytes {
            Some(bytes) => {
                let (resource, rows) = tabular_resource(state, &d, &bytes, first_at).await?;
                loaded.rows += rows;
                new.resources.push(resource);
            }
            None => new.resources.push(NewResource {
                name: "Peraturan Daerah tentang RPJMD 2021–2026 (PDF)".into(),
                description: "Dokumen pada JDIH Kabupaten Bojonegoro.".into(),
                format: "PDF".into(),
                url: "https://jdih.bojonegorokab.go.id/".into(),
                ..NewResource::default()
            }),
        }
        if earlier {
            new.temporal_start = NaiveDate::from_ymd_opt(2025, 1, 1);
            new.temporal_end = NaiveDate::from_ymd_opt(2025, 6, 30);
        }
        let mut tx = db.begin().await?;
        let (dataset_id, v1) = catalog::create_verified(&mut tx, &new, Uuid::nil(), first_at)
            .await
            .with_context(|| format!("creating the demo dataset {}", d.name))?;
        tx.commit().await?;
        if earlier {
            let bytes = generate::table(&d.name, at).unwrap_or_default();
            let (resource, rows) = tabular_resource(state, &d, &bytes, at).await?;
            loaded.rows += rows;
            second_version(state, dataset_id, v1, &d, resource, at).await?;
        }
        loaded.datasets += 1;
    }
    loaded.millis = started.elapsed().as_millis();
    tracing::info!(
        datasets = loaded.datasets,
        rows = loaded.rows,
        ms = loaded.millis,
        "demo datasets loaded"
    );
    Ok(Some(loaded))
}

/// Store the CSV as the resource's original file, load it into the tabular store, set the
/// key for live upserts, and describe the columns.
async fn tabular_resource(
    state: &AppState,
    d: &DemoDataset,
    bytes: &[u8],
    at: DateTime<Utc>,
) -> anyhow::Result<(NewResource, i64)> {
    let file_name = format!("{}.csv", d.name);
    let file = platform::files::store(state, bytes, &file_name, None)
        .await
        .map_err(|e| anyhow::anyhow!("storing {file_name}: {e}"))?;
    let mut table = tabular::load(&state.db, bytes, &file_name, &LoadOptions::default(), at)
        .await
        .map_err(|e| anyhow::anyhow!("loading {file_name}: {e:?}"))?;
    let key = list(&d.key);
    if !key.is_empty() {
        table = tabular::set_key(&state.db, &table, &key, at)
            .await
            .map_err(|e| anyhow::anyhow!("setting the key of {file_name}: {e:?}"))?;
    }
    let mut tx = state.db.begin().await?;
    platform::files::set_public(&mut tx, file.id, true).await?;
    tx.commit().await?;
    let dictionary = table
        .columns
        .iter()
        .map(|c| DictionaryColumn {
            name: c.name.clone(),
            kind: c.kind.as_str().to_string(),
            description: String::new(),
            unit: String::new(),
        })
        .collect();
    Ok((
        NewResource {
            name: d.resource.clone(),
            description: String::new(),
            format: "CSV".into(),
            file_id: Some(file.id),
            url: String::new(),
            size_bytes: Some(file.size_bytes),
            table_id: Some(table.id),
            dictionary,
        },
        table.row_count,
    ))
}

/// Publish version 2 of a demo dataset with a new table for the same resource (its chain
/// continues from version 1's resource).
async fn second_version(
    state: &AppState,
    dataset_id: Uuid,
    v1: Uuid,
    d: &DemoDataset,
    resource: NewResource,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let db = &state.db;
    let first = catalog::version(db, &dataset_id.to_string(), 1)
        .await?
        .filter(|x| x.version.id == v1)
        .context("reading back version 1")?;
    let origin = first
        .version
        .resources
        .first()
        .map_or_else(Uuid::now_v7, |r| r.origin_id);
    let v2 = Uuid::now_v7();
    let new = NewDataset {
        name: d.name.clone(),
        organisation_id: d.organisation_id.clone(),
        title: d.title.clone(),
        notes: d.notes.clone(),
        licence_id: first.version.licence_id.clone(),
        frequency: d.frequency.clone(),
        temporal_start: date(&d.temporal_start),
        temporal_end: date(&d.temporal_end),
        concept: d.concept.clone(),
        definition: d.definition.clone(),
        unit: d.unit.clone(),
        classification: d.classification.clone(),
        measure: d.measure.clone(),
        contact_name: d.contact_name.clone(),
        contact_email: first.version.contact_email.clone(),
        tags: list(&d.tags),
        groups: list(&d.groups),
        regions: vec!["35.22".into()],
        resources: Vec::new(),
    };
    let mut tx = db.begin().await?;
    catalog::queries::insert_version(
        &mut tx,
        dataset_id,
        v2,
        2,
        "verified",
        &new,
        Uuid::nil(),
        at,
    )
    .await?;
    catalog::queries::insert_resource(&mut tx, v2, Uuid::now_v7(), origin, 0, &resource, at)
        .await?;
    catalog::queries::mark_published(&mut tx, dataset_id, v2, at).await?;
    catalog::queries::insert_change(&mut tx, dataset_id, None, "published", 0, at).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_read_and_every_dataset_has_a_table_or_a_link() {
        let all = datasets().unwrap();
        assert!(all.len() >= 25);
        let at = chrono::DateTime::<Utc>::from_timestamp(1_795_000_000, 0).unwrap();
        for d in &all {
            assert!(crate::public::valid_name(&d.name), "{}", d.name);
            assert!(
                crate::freshness::Frequency::parse(&d.frequency).is_some(),
                "{}",
                d.name
            );
            let table = generate::table(&d.name, at);
            assert_eq!(table.is_some(), !d.resource.is_empty(), "{}", d.name);
        }
        let mut names: Vec<&str> = all.iter().map(|d| d.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
        let groups: Vec<String> = super::super::GROUPS
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .map(str::to_string)
            .collect();
        assert!(
            all.iter()
                .flat_map(|d| list(&d.groups))
                .all(|g| groups.contains(&g))
        );
    }
}
