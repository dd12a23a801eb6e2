//! The catalogue: datasets, their versions and resources, as the public and the APIs read
//! them (the CKAN Action API, DCAT, the Frictionless Data Package and the pages all read
//! through here), and the one write that creates an already verified dataset (demo data,
//! tests). The producer → walidata workflow lives in [`crate::workflow`].
//!
//! Visibility: only versions with status `verified` (the current one) or `superseded`
//! (earlier ones, still readable) are public; [`Dataset::is_public`] says so and every
//! public caller checks it or uses [`published`].

pub mod queries;
pub mod search;

use chrono::{DateTime, NaiveDate, Utc};
use platform::db::{Db, Tx};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::freshness::{self, Frequency, Freshness};

/// One dataset seen through one of its versions, with everything the pages and the
/// standard APIs show.
#[derive(Clone, Debug, Serialize)]
pub struct Dataset {
    pub id: Uuid,
    /// The URL name (CKAN `name`): lowercase letters, digits, `-` and `_`.
    pub name: String,
    pub organisation_id: String,
    pub organisation_name: String,
    /// The verified version the public sees now (None before the first verification).
    pub published_version_id: Option<Uuid>,
    pub first_published_at: Option<DateTime<Utc>>,
    /// When the public data last changed (verification or live write).
    pub data_updated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: Version,
}

/// One version's metadata and resources.
#[derive(Clone, Debug, Serialize)]
pub struct Version {
    pub id: Uuid,
    pub number: i64,
    /// `draft`, `submitted`, `returned`, `verified` or `superseded`.
    pub status: String,
    pub title: String,
    pub notes: String,
    pub licence_id: String,
    pub frequency: String,
    pub temporal_start: Option<NaiveDate>,
    pub temporal_end: Option<NaiveDate>,
    pub concept: String,
    pub definition: String,
    pub unit: String,
    pub classification: String,
    pub measure: String,
    pub contact_name: String,
    pub contact_email: String,
    /// The walidata's note when the version was returned.
    pub review_note: String,
    pub created_by: Uuid,
    pub submitted_at: Option<DateTime<Utc>>,
    pub verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub tags: Vec<String>,
    pub groups: Vec<GroupRef>,
    pub regions: Vec<RegionRef>,
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupRef {
    pub id: String,
    pub title_id: String,
    pub title_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionRef {
    pub code: String,
    pub name: String,
}

/// A resource of a version: an uploaded file (`file_id`) or a link (`url`), and, when it was
/// loaded into the tabular store, its table (`table_id`).
#[derive(Clone, Debug, Serialize)]
pub struct Resource {
    pub id: Uuid,
    /// The first resource of this chain across versions.
    pub origin_id: Uuid,
    pub position: i64,
    pub name: String,
    pub description: String,
    /// Upper-case format: CSV, XLSX, JSON, GeoJSON, PDF, HTML, API…
    pub format: String,
    pub file_id: Option<Uuid>,
    pub url: String,
    pub size_bytes: Option<i64>,
    pub table_id: Option<Uuid>,
    pub dictionary: Vec<DictionaryColumn>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One column of a resource's data dictionary, as the producer describes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DictionaryColumn {
    pub name: String,
    /// `integer`, `number`, `boolean`, `date`, `datetime` or `text`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub unit: String,
}

impl Dataset {
    /// Whether the public may read this version.
    pub fn is_public(&self) -> bool {
        matches!(self.version.status.as_str(), "verified" | "superseded")
    }

    /// Whether this is the version the public sees now.
    pub fn is_current(&self) -> bool {
        self.published_version_id == Some(self.version.id)
    }

    pub fn frequency(&self) -> Frequency {
        Frequency::parse(&self.version.frequency).unwrap_or(Frequency::Irregular)
    }

    /// Freshness against the declared frequency, and when the next update is due.
    pub fn freshness(&self, now: DateTime<Utc>) -> (Freshness, Option<DateTime<Utc>>) {
        freshness::assess(self.frequency(), self.data_updated_at, now)
    }

    /// The public page of this dataset (of this version when it is not the current one).
    pub fn path(&self) -> String {
        if self.is_current() {
            format!("/data/{}", self.name)
        } else {
            format!("/data/{}/versi/{}", self.name, self.version.number)
        }
    }
}

/// The dataset named `name_or_id` (its name or its UUID) as the public sees it now, with its
/// current verified version; None when unknown or never verified.
pub async fn published(db: &Db, name_or_id: &str) -> Result<Option<Dataset>, sqlx::Error> {
    let Some(head) = queries::dataset_head(db, name_or_id).await? else {
        return Ok(None);
    };
    let Some(version_id) = head.published_version_id else {
        return Ok(None);
    };
    queries::assemble(db, head, version_id).await
}

/// The datasets with these ids as the public sees them now, in the order given; ids
/// unknown or never verified are left out. A fixed number of reads however many ids (the
/// search's result pages).
pub async fn published_many(db: &Db, ids: &[Uuid]) -> Result<Vec<Dataset>, sqlx::Error> {
    let mut heads: std::collections::HashMap<Uuid, queries::DatasetHead> =
        queries::dataset_heads(db, ids)
            .await?
            .into_iter()
            .map(|h| (h.id, h))
            .collect();
    let pairs = ids
        .iter()
        .filter_map(|id| heads.remove(id))
        .filter_map(|h| h.published_version_id.map(|v| (h, v)))
        .collect();
    queries::assemble_many(db, pairs).await
}

/// Version `number` of the dataset `name_or_id`, whatever its status (callers check
/// [`Dataset::is_public`] or the actor's rights).
pub async fn version(
    db: &Db,
    name_or_id: &str,
    number: i64,
) -> Result<Option<Dataset>, sqlx::Error> {
    let Some(head) = queries::dataset_head(db, name_or_id).await? else {
        return Ok(None);
    };
    let Some(version_id) = queries::version_id_by_number(db, head.id, number).await? else {
        return Ok(None);
    };
    queries::assemble(db, head, version_id).await
}

/// The dataset holding resource `resource_id`, seen through that resource's version.
pub async fn by_resource(
    db: &Db,
    resource_id: Uuid,
) -> Result<Option<(Dataset, Resource)>, sqlx::Error> {
    let Some((dataset_id, version_id)) = queries::resource_owner(db, resource_id).await? else {
        return Ok(None);
    };
    let Some(head) = queries::dataset_head(db, &dataset_id.to_string()).await? else {
        return Ok(None);
    };
    let Some(dataset) = queries::assemble(db, head, version_id).await? else {
        return Ok(None);
    };
    let resource = dataset
        .version
        .resources
        .iter()
        .find(|r| r.id == resource_id)
        .cloned();
    Ok(resource.map(|r| (dataset, r)))
}

/// The versions of a dataset, newest first: (number, status, verified_at).
pub async fn history(db: &Db, dataset_id: Uuid) -> Result<Vec<queries::VersionHead>, sqlx::Error> {
    queries::versions_of(db, dataset_id).await
}

/// What a new, already verified dataset holds ([`create_verified`]).
#[derive(Clone, Debug, Default)]
pub struct NewDataset {
    pub name: String,
    pub organisation_id: String,
    pub title: String,
    pub notes: String,
    pub licence_id: String,
    pub frequency: String,
    pub temporal_start: Option<NaiveDate>,
    pub temporal_end: Option<NaiveDate>,
    pub concept: String,
    pub definition: String,
    pub unit: String,
    pub classification: String,
    pub measure: String,
    pub contact_name: String,
    pub contact_email: String,
    pub tags: Vec<String>,
    pub groups: Vec<String>,
    pub regions: Vec<String>,
    pub resources: Vec<NewResource>,
}

#[derive(Clone, Debug, Default)]
pub struct NewResource {
    pub name: String,
    pub description: String,
    pub format: String,
    pub file_id: Option<Uuid>,
    pub url: String,
    pub size_bytes: Option<i64>,
    pub table_id: Option<Uuid>,
    pub dictionary: Vec<DictionaryColumn>,
}

/// Create a dataset whose version 1 is verified at `at` (demo data, fixtures, imports from
/// another portal): no workflow, no audit entry — the caller records what it must. Returns
/// the dataset id and the version id. Groups must exist; region codes must exist.
pub async fn create_verified(
    tx: &mut Tx,
    new: &NewDataset,
    created_by: Uuid,
    at: DateTime<Utc>,
) -> Result<(Uuid, Uuid), sqlx::Error> {
    let dataset_id = Uuid::now_v7();
    let version_id = Uuid::now_v7();
    queries::insert_dataset(
        tx,
        dataset_id,
        &new.name,
        &new.organisation_id,
        created_by,
        at,
    )
    .await?;
    queries::insert_version(
        tx, dataset_id, version_id, 1, "verified", new, created_by, at,
    )
    .await?;
    for (position, resource) in new.resources.iter().enumerate() {
        let id = Uuid::now_v7();
        queries::insert_resource(tx, version_id, id, id, position as i64, resource, at).await?;
    }
    queries::mark_published(tx, dataset_id, version_id, at).await?;
    queries::insert_change(tx, dataset_id, None, "published", 0, at).await?;
    Ok((dataset_id, version_id))
}
