//! All SQL of the catalogue (datasets, versions, their tags, groups, regions and
//! resources), one function per statement.

use chrono::{DateTime, NaiveDate, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use uuid::Uuid;

use super::{
    Dataset, DictionaryColumn, GroupRef, NewDataset, NewResource, RegionRef, Resource, Version,
};

/// A dataset row with its organisation's name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DatasetHead {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub published_version_id: Option<Uuid>,
    pub first_published_at: Option<DateTime<Utc>>,
    pub data_updated_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const HEAD: &str = "SELECT d.id, d.name, d.organisation_id, o.name AS organisation_name, \
     d.published_version_id, d.first_published_at, d.data_updated_at, d.created_at \
     FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id";

/// The dataset whose name (or UUID) is `name_or_id`.
pub async fn dataset_head(db: &Db, name_or_id: &str) -> Result<Option<DatasetHead>, sqlx::Error> {
    if let Ok(id) = Uuid::parse_str(name_or_id) {
        let sql = format!("{HEAD} WHERE d.id = $1");
        return on_db!(db, pool => sqlx::query_as::<_, DatasetHead>(sqlx::AssertSqlSafe(sql))
            .bind(id).fetch_optional(pool).await);
    }
    let sql = format!("{HEAD} WHERE d.name = $1");
    on_db!(db, pool => sqlx::query_as::<_, DatasetHead>(sqlx::AssertSqlSafe(sql))
        .bind(name_or_id).fetch_optional(pool).await)
}

pub async fn version_id_by_number(
    db: &Db,
    dataset_id: Uuid,
    number: i64,
) -> Result<Option<Uuid>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM data_versions WHERE dataset_id = $1 AND number = $2")
        .bind(dataset_id).bind(number).fetch_optional(pool).await)
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct VersionRow {
    id: Uuid,
    dataset_id: Uuid,
    number: i64,
    status: String,
    title: String,
    notes: String,
    licence_id: String,
    frequency: String,
    temporal_start: Option<NaiveDate>,
    temporal_end: Option<NaiveDate>,
    concept: String,
    definition: String,
    unit: String,
    classification: String,
    measure: String,
    contact_name: String,
    contact_email: String,
    review_note: String,
    created_by: Uuid,
    submitted_at: Option<DateTime<Utc>>,
    verified_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct ResourceRow {
    id: Uuid,
    origin_id: Uuid,
    position: i64,
    name: String,
    description: String,
    format: String,
    file_id: Option<Uuid>,
    url: String,
    size_bytes: Option<i64>,
    table_id: Option<Uuid>,
    dictionary: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<ResourceRow> for Resource {
    fn from(r: ResourceRow) -> Resource {
        // The dictionary is written only by this crate; an unreadable one shows as empty
        // rather than hiding the resource.
        let dictionary: Vec<DictionaryColumn> =
            serde_json::from_str(&r.dictionary).unwrap_or_default();
        Resource {
            id: r.id,
            origin_id: r.origin_id,
            position: r.position,
            name: r.name,
            description: r.description,
            format: r.format,
            file_id: r.file_id,
            url: r.url,
            size_bytes: r.size_bytes,
            table_id: r.table_id,
            dictionary,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The dataset `head` seen through its version `version_id`, with tags, groups, regions
/// and resources; None when the version is not one of that dataset's.
pub async fn assemble(
    db: &Db,
    head: DatasetHead,
    version_id: Uuid,
) -> Result<Option<Dataset>, sqlx::Error> {
    Ok(assemble_many(db, vec![(head, version_id)]).await?.pop())
}

/// `$1, $2, …, $n`: the placeholders of an `IN` list of `n` bound values.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each dataset seen through its version, in the order given, with five reads whatever
/// their number (a search page of a hundred results costs as much as one dataset);
/// pairs whose version is not one of the dataset's are left out.
pub async fn assemble_many(
    db: &Db,
    pairs: Vec<(DatasetHead, Uuid)>,
) -> Result<Vec<Dataset>, sqlx::Error> {
    use std::collections::HashMap;
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = pairs.iter().map(|(_, v)| *v).collect();
    let list = placeholders(ids.len());
    let versions_sql = format!(
        "SELECT id, dataset_id, number, status, title, notes, licence_id, frequency, \
         temporal_start, temporal_end, concept, definition, unit, classification, measure, \
         contact_name, contact_email, review_note, created_by, submitted_at, verified_at, \
         created_at, updated_at FROM data_versions WHERE id IN ({list})"
    );
    let tags_sql = format!(
        "SELECT version_id, tag FROM data_version_tags WHERE version_id IN ({list}) \
         ORDER BY tag"
    );
    let groups_sql = format!(
        "SELECT vg.version_id, g.id, g.title_id, g.title_en FROM data_version_groups vg \
         JOIN data_groups g ON g.id = vg.group_id WHERE vg.version_id IN ({list}) ORDER BY g.id"
    );
    let regions_sql = format!(
        "SELECT vr.version_id, r.code, r.name FROM data_version_regions vr \
         JOIN regions r ON r.code = vr.region_code WHERE vr.version_id IN ({list}) \
         ORDER BY r.code"
    );
    let resources_sql = format!(
        "SELECT version_id, id, origin_id, position, name, description, format, file_id, url, \
         size_bytes, table_id, dictionary, created_at, updated_at FROM data_resources \
         WHERE version_id IN ({list}) ORDER BY position"
    );
    let versions: Vec<VersionRow> = on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, VersionRow>(sqlx::AssertSqlSafe(versions_sql));
        for id in &ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })?;
    let tag_rows: Vec<(Uuid, String)> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(tags_sql));
        for id in &ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })?;
    let group_rows: Vec<(Uuid, String, String, String)> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(groups_sql));
        for id in &ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })?;
    let region_rows: Vec<(Uuid, String, String)> = on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(regions_sql));
        for id in &ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })?;
    let resource_rows: Vec<VersionResourceRow> = on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, VersionResourceRow>(sqlx::AssertSqlSafe(resources_sql));
        for id in &ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })?;

    let mut versions: HashMap<Uuid, VersionRow> = versions.into_iter().map(|v| (v.id, v)).collect();
    let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (version_id, tag) in tag_rows {
        tags.entry(version_id).or_default().push(tag);
    }
    let mut groups: HashMap<Uuid, Vec<GroupRef>> = HashMap::new();
    for (version_id, id, title_id, title_en) in group_rows {
        groups.entry(version_id).or_default().push(GroupRef {
            id,
            title_id,
            title_en,
        });
    }
    let mut regions: HashMap<Uuid, Vec<RegionRef>> = HashMap::new();
    for (version_id, code, name) in region_rows {
        regions
            .entry(version_id)
            .or_default()
            .push(RegionRef { code, name });
    }
    let mut resources: HashMap<Uuid, Vec<Resource>> = HashMap::new();
    for row in resource_rows {
        resources
            .entry(row.version_id)
            .or_default()
            .push(Resource::from(row.resource));
    }

    let mut out = Vec::with_capacity(pairs.len());
    for (head, version_id) in pairs {
        // The same version asked twice is served once (the rows were moved out).
        let Some(v) = versions.remove(&version_id) else {
            continue;
        };
        if v.dataset_id != head.id {
            continue;
        }
        out.push(Dataset {
            id: head.id,
            name: head.name,
            organisation_id: head.organisation_id,
            organisation_name: head.organisation_name,
            published_version_id: head.published_version_id,
            first_published_at: head.first_published_at,
            data_updated_at: head.data_updated_at,
            created_at: head.created_at,
            version: Version {
                id: v.id,
                number: v.number,
                status: v.status,
                title: v.title,
                notes: v.notes,
                licence_id: v.licence_id,
                frequency: v.frequency,
                temporal_start: v.temporal_start,
                temporal_end: v.temporal_end,
                concept: v.concept,
                definition: v.definition,
                unit: v.unit,
                classification: v.classification,
                measure: v.measure,
                contact_name: v.contact_name,
                contact_email: v.contact_email,
                review_note: v.review_note,
                created_by: v.created_by,
                submitted_at: v.submitted_at,
                verified_at: v.verified_at,
                created_at: v.created_at,
                updated_at: v.updated_at,
                tags: tags.remove(&version_id).unwrap_or_default(),
                groups: groups.remove(&version_id).unwrap_or_default(),
                regions: regions.remove(&version_id).unwrap_or_default(),
                resources: resources.remove(&version_id).unwrap_or_default(),
            },
        });
    }
    Ok(out)
}

/// A resource row with the version it belongs to (for [`assemble_many`]).
#[derive(sqlx::FromRow)]
struct VersionResourceRow {
    version_id: Uuid,
    #[sqlx(flatten)]
    resource: ResourceRow,
}

/// The heads of the datasets with these ids (any order; unknown ids left out).
pub async fn dataset_heads(db: &Db, ids: &[Uuid]) -> Result<Vec<DatasetHead>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{HEAD} WHERE d.id IN ({})", placeholders(ids.len()));
    on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, DatasetHead>(sqlx::AssertSqlSafe(sql));
        for id in ids { q = q.bind(*id); }
        q.fetch_all(pool).await
    })
}

/// The dataset and version a resource belongs to.
pub async fn resource_owner(
    db: &Db,
    resource_id: Uuid,
) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (Uuid, Uuid)>(
        "SELECT v.dataset_id, v.id FROM data_resources r \
         JOIN data_versions v ON v.id = r.version_id WHERE r.id = $1")
        .bind(resource_id).fetch_optional(pool).await)
}

/// One line of a dataset's version history.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct VersionHead {
    pub id: Uuid,
    pub number: i64,
    pub status: String,
    pub title: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub verified_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

pub async fn versions_of(db: &Db, dataset_id: Uuid) -> Result<Vec<VersionHead>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, VersionHead>(
        "SELECT id, number, status, title, submitted_at, verified_at, updated_at \
         FROM data_versions WHERE dataset_id = $1 ORDER BY number DESC")
        .bind(dataset_id).fetch_all(pool).await)
}

pub async fn insert_dataset(
    tx: &mut Tx,
    id: Uuid,
    name: &str,
    organisation_id: &str,
    created_by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_datasets (id, name, organisation_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)")
        .bind(id).bind(name).bind(organisation_id).bind(created_by).bind(at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

/// Insert version `number` of a dataset with its tags, groups and regions.
#[expect(clippy::too_many_arguments, reason = "one row of a wide table")]
pub async fn insert_version(
    tx: &mut Tx,
    dataset_id: Uuid,
    id: Uuid,
    number: i64,
    status: &str,
    v: &NewDataset,
    created_by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let verified_at = (status == "verified").then_some(at);
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_versions (id, dataset_id, number, status, title, notes, licence_id, \
         frequency, temporal_start, temporal_end, concept, definition, unit, classification, \
         measure, contact_name, contact_email, created_by, verified_at, submitted_at, \
         reviewed_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $19, $19, $20, $20)")
        .bind(id).bind(dataset_id).bind(number).bind(status).bind(&v.title).bind(&v.notes)
        .bind(&v.licence_id).bind(&v.frequency).bind(v.temporal_start).bind(v.temporal_end)
        .bind(&v.concept).bind(&v.definition).bind(&v.unit).bind(&v.classification)
        .bind(&v.measure).bind(&v.contact_name).bind(&v.contact_email).bind(created_by)
        .bind(verified_at).bind(at)
        .execute(&mut **conn).await.affected())?;
    replace_labels(tx, id, &v.tags, &v.groups, &v.regions).await
}

/// Set a version's tags, groups and regions to exactly these.
pub async fn replace_labels(
    tx: &mut Tx,
    version_id: Uuid,
    tags: &[String],
    groups: &[String],
    regions: &[String],
) -> Result<(), sqlx::Error> {
    for table in [
        "data_version_tags",
        "data_version_groups",
        "data_version_regions",
    ] {
        let sql = format!("DELETE FROM {table} WHERE version_id = $1");
        on_db!(tx, tx; conn => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(version_id).execute(&mut **conn).await.affected())?;
    }
    let mut tags: Vec<&String> = tags.iter().collect();
    tags.sort();
    tags.dedup();
    for tag in tags {
        on_db!(tx, tx; conn => sqlx::query(
            "INSERT INTO data_version_tags (version_id, tag) VALUES ($1, $2)")
            .bind(version_id).bind(tag).execute(&mut **conn).await.affected())?;
    }
    let mut groups: Vec<&String> = groups.iter().collect();
    groups.sort();
    groups.dedup();
    for group in groups {
        on_db!(tx, tx; conn => sqlx::query(
            "INSERT INTO data_version_groups (version_id, group_id) VALUES ($1, $2)")
            .bind(version_id).bind(group).execute(&mut **conn).await.affected())?;
    }
    let mut regions: Vec<&String> = regions.iter().collect();
    regions.sort();
    regions.dedup();
    for region in regions {
        on_db!(tx, tx; conn => sqlx::query(
            "INSERT INTO data_version_regions (version_id, region_code) VALUES ($1, $2)")
            .bind(version_id).bind(region).execute(&mut **conn).await.affected())?;
    }
    Ok(())
}

pub async fn insert_resource(
    tx: &mut Tx,
    version_id: Uuid,
    id: Uuid,
    origin_id: Uuid,
    position: i64,
    r: &NewResource,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let dictionary = serde_json::to_string(&r.dictionary).unwrap_or_else(|_| "[]".into());
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_resources (id, version_id, origin_id, position, name, description, \
         format, file_id, url, size_bytes, table_id, dictionary, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)")
        .bind(id).bind(version_id).bind(origin_id).bind(position).bind(&r.name)
        .bind(&r.description).bind(&r.format).bind(r.file_id).bind(&r.url).bind(r.size_bytes)
        .bind(r.table_id).bind(dictionary).bind(at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

/// Make `version_id` the dataset's public version: the previous verified version becomes
/// `superseded`; the data counts as updated at `at`; the search index is rewritten.
pub async fn mark_published(
    tx: &mut Tx,
    dataset_id: Uuid,
    version_id: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET status = 'superseded', updated_at = $3 \
         WHERE dataset_id = $1 AND status = 'verified' AND id <> $2")
        .bind(dataset_id).bind(version_id).bind(at).execute(&mut **conn).await.affected())?;
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_datasets SET published_version_id = $2, \
         first_published_at = COALESCE(first_published_at, $3), data_updated_at = $3, \
         updated_at = $3 WHERE id = $1")
        .bind(dataset_id).bind(version_id).bind(at).execute(&mut **conn).await.affected())?;
    // The search index follows every publication, whoever publishes.
    super::search::reindex(tx, dataset_id).await
}

/// Record a public change of a dataset for the change feed.
pub async fn insert_change(
    tx: &mut Tx,
    dataset_id: Uuid,
    resource_id: Option<Uuid>,
    kind: &str,
    row_count: i64,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_changes (id, dataset_id, resource_id, kind, row_count, at) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7()).bind(dataset_id).bind(resource_id).bind(kind).bind(row_count)
        .bind(at).execute(&mut **conn).await.affected())?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The producer → walidata workflow (`crate::workflow`): drafts, resources, submission,
// review, API tokens.
// ---------------------------------------------------------------------------------------

/// One line of a producer's dataset list: the dataset, its newest version and the number of
/// the version the public sees.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WorkListRow {
    pub name: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub number: i64,
    pub status: String,
    pub title: String,
    pub review_note: String,
    pub updated_at: DateTime<Utc>,
    pub published_number: Option<i64>,
}

const WORK_LIST: &str = "SELECT d.name, d.organisation_id, o.name AS organisation_name, \
     v.number, v.status, v.title, v.review_note, v.updated_at, \
     (SELECT pv.number FROM data_versions pv WHERE pv.id = d.published_version_id) \
     AS published_number \
     FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id \
     JOIN data_versions v ON v.dataset_id = d.id \
     AND v.number = (SELECT MAX(m.number) FROM data_versions m WHERE m.dataset_id = d.id)";

/// The datasets of these organisations (every organisation when `organisations` is None),
/// each with its newest version, most recently changed first.
pub async fn work_list(
    db: &Db,
    organisations: Option<&[String]>,
) -> Result<Vec<WorkListRow>, sqlx::Error> {
    let order = " ORDER BY v.updated_at DESC, d.name";
    let Some(organisations) = organisations else {
        let sql = format!("{WORK_LIST}{order}");
        return on_db!(db, pool => sqlx::query_as::<_, WorkListRow>(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool).await);
    };
    if organisations.is_empty() {
        return Ok(Vec::new());
    }
    // Only placeholders are concatenated; every organisation id is bound.
    let marks: Vec<String> = (1..=organisations.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "{WORK_LIST} WHERE d.organisation_id IN ({}){order}",
        marks.join(", ")
    );
    on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, WorkListRow>(sqlx::AssertSqlSafe(sql.clone()));
        for org in organisations {
            q = q.bind(org);
        }
        q.fetch_all(pool).await
    })
}

/// The newest version of a dataset: (id, number, status).
pub async fn latest_version(
    db: &Db,
    dataset_id: Uuid,
) -> Result<Option<(Uuid, i64, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (Uuid, i64, String)>(
        "SELECT id, number, status FROM data_versions WHERE dataset_id = $1 \
         ORDER BY number DESC LIMIT 1")
        .bind(dataset_id).fetch_optional(pool).await)
}

/// Whether a dataset already has this name.
pub async fn name_taken(tx: &mut Tx, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(tx, tx; conn => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM data_datasets WHERE name = $1")
        .bind(name).fetch_one(&mut **conn).await)?;
    Ok(n > 0)
}

/// Overwrite the metadata of a version that is still editable (draft or returned); false
/// when it is not (any more).
pub async fn update_editable_version(
    tx: &mut Tx,
    id: Uuid,
    v: &NewDataset,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET title = $2, notes = $3, licence_id = $4, frequency = $5, \
         temporal_start = $6, temporal_end = $7, concept = $8, definition = $9, unit = $10, \
         classification = $11, measure = $12, contact_name = $13, contact_email = $14, \
         updated_at = $15 WHERE id = $1 AND status IN ('draft', 'returned')")
        .bind(id).bind(&v.title).bind(&v.notes).bind(&v.licence_id).bind(&v.frequency)
        .bind(v.temporal_start).bind(v.temporal_end).bind(&v.concept).bind(&v.definition)
        .bind(&v.unit).bind(&v.classification).bind(&v.measure).bind(&v.contact_name)
        .bind(&v.contact_email).bind(at)
        .execute(&mut **conn).await.affected())?;
    if n == 0 {
        return Ok(false);
    }
    replace_labels(tx, id, &v.tags, &v.groups, &v.regions).await?;
    Ok(true)
}

/// Mark an editable version as touched (a resource changed); false when it is not editable.
pub async fn touch_editable_version(
    tx: &mut Tx,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET updated_at = $2 WHERE id = $1 AND status IN ('draft', 'returned')")
        .bind(id).bind(at).execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// draft/returned → submitted; false when the version was not in one of those states.
pub async fn submit_version(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET status = 'submitted', submitted_at = $2, updated_at = $2 \
         WHERE id = $1 AND status IN ('draft', 'returned')")
        .bind(id).bind(at).execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// submitted → returned with the walidata's note; false when it was not submitted.
pub async fn return_version(
    tx: &mut Tx,
    id: Uuid,
    note: &str,
    reviewer: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET status = 'returned', review_note = $2, reviewed_by = $3, \
         reviewed_at = $4, updated_at = $4 WHERE id = $1 AND status = 'submitted'")
        .bind(id).bind(note).bind(reviewer).bind(at)
        .execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// submitted → verified (the caller then calls [`mark_published`]); false when it was not
/// submitted. The last return note is cleared: it no longer describes this version.
pub async fn verify_version(
    tx: &mut Tx,
    id: Uuid,
    reviewer: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_versions SET status = 'verified', review_note = '', reviewed_by = $2, \
         reviewed_at = $3, verified_at = $3, updated_at = $3 \
         WHERE id = $1 AND status = 'submitted'")
        .bind(id).bind(reviewer).bind(at)
        .execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}

/// One submitted version waiting for the walidata.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub version_id: Uuid,
    pub name: String,
    pub organisation_name: String,
    pub number: i64,
    pub title: String,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Submitted versions, oldest submission first.
pub async fn review_queue(db: &Db) -> Result<Vec<QueueRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, QueueRow>(
        "SELECT v.id AS version_id, d.name, o.name AS organisation_name, v.number, v.title, \
         v.submitted_at FROM data_versions v JOIN data_datasets d ON d.id = v.dataset_id \
         JOIN organisations o ON o.id = d.organisation_id WHERE v.status = 'submitted' \
         ORDER BY v.submitted_at, v.id")
        .fetch_all(pool).await)
}

/// The dataset and number of a version.
pub async fn version_owner(db: &Db, version_id: Uuid) -> Result<Option<(Uuid, i64)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (Uuid, i64)>(
        "SELECT dataset_id, number FROM data_versions WHERE id = $1")
        .bind(version_id).fetch_optional(pool).await)
}

/// The position after a version's last resource.
pub async fn next_resource_position(tx: &mut Tx, version_id: Uuid) -> Result<i64, sqlx::Error> {
    let max: Option<i64> = on_db!(tx, tx; conn => sqlx::query_scalar::<_, Option<i64>>(
        "SELECT MAX(position) FROM data_resources WHERE version_id = $1")
        .bind(version_id).fetch_one(&mut **conn).await)?;
    Ok(max.map_or(0, |m| m + 1))
}

/// Copy a resource into another version, keeping its origin, file, table and dictionary.
pub async fn copy_resource(
    tx: &mut Tx,
    from: &Resource,
    to_version: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let new = NewResource {
        name: from.name.clone(),
        description: from.description.clone(),
        format: from.format.clone(),
        file_id: from.file_id,
        url: from.url.clone(),
        size_bytes: from.size_bytes,
        table_id: from.table_id,
        dictionary: from.dictionary.clone(),
    };
    insert_resource(
        tx,
        to_version,
        Uuid::now_v7(),
        from.origin_id,
        from.position,
        &new,
        at,
    )
    .await
}

pub async fn delete_resource(tx: &mut Tx, id: Uuid) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("DELETE FROM data_resources WHERE id = $1")
        .bind(id).execute(&mut **conn).await.affected())
}

pub async fn set_resource_position(
    tx: &mut Tx,
    id: Uuid,
    position: i64,
    at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_resources SET position = $2, updated_at = $3 WHERE id = $1")
        .bind(id).bind(position).bind(at).execute(&mut **conn).await.affected())
}

/// Replace a resource's name, description and dictionary.
pub async fn update_resource_text(
    tx: &mut Tx,
    id: Uuid,
    name: &str,
    description: &str,
    dictionary: &[DictionaryColumn],
    at: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let dictionary = serde_json::to_string(dictionary).unwrap_or_else(|_| "[]".into());
    on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_resources SET name = $2, description = $3, dictionary = $4, updated_at = $5 \
         WHERE id = $1")
        .bind(id).bind(name).bind(description).bind(dictionary).bind(at)
        .execute(&mut **conn).await.affected())
}

/// How many resources refer to a stored file.
pub async fn file_references(db: &Db, file_id: Uuid) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM data_resources WHERE file_id = $1")
        .bind(file_id).fetch_one(pool).await)
}

/// Topic groups for the dataset form: (id, title_id, title_en).
pub async fn all_groups(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT id, title_id, title_en FROM data_groups ORDER BY id")
        .fetch_all(pool).await)
}

/// Regions a dataset may cover (the kabupaten and its kecamatan): (code, name, level).
pub async fn coverage_regions(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT code, name, level FROM regions WHERE level IN ('regency', 'district') \
         ORDER BY code")
        .fetch_all(pool).await)
}

/// Organisations that may own datasets, for an administrator's form: (id, name).
pub async fn producing_organisations(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, String)>(
        "SELECT id, name FROM organisations WHERE kind IN ('regency', 'opd', 'kecamatan') \
         ORDER BY name")
        .fetch_all(pool).await)
}

/// Names of these organisations: (id, name).
pub async fn organisation_names(
    db: &Db,
    ids: &[String],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut out = Vec::new();
    for id in ids {
        let name: Option<String> = on_db!(db, pool => sqlx::query_scalar::<_, String>(
            "SELECT name FROM organisations WHERE id = $1")
            .bind(id).fetch_optional(pool).await)?;
        if let Some(name) = name {
            out.push((id.clone(), name));
        }
    }
    Ok(out)
}

/// An API token as its organisation's producers see it (never the token itself).
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct TokenRow {
    pub id: Uuid,
    pub organisation_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn insert_token(
    tx: &mut Tx,
    id: Uuid,
    organisation_id: &str,
    name: &str,
    token_hash: &str,
    created_by: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_api_tokens (id, organisation_id, name, token_hash, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(organisation_id).bind(name).bind(token_hash).bind(created_by).bind(at)
        .execute(&mut **conn).await.affected())?;
    Ok(())
}

pub async fn tokens_of(db: &Db, organisation_id: &str) -> Result<Vec<TokenRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, TokenRow>(
        "SELECT id, organisation_id, name, created_at, last_used_at, revoked_at \
         FROM data_api_tokens WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC")
        .bind(organisation_id).fetch_all(pool).await)
}

pub async fn token(db: &Db, id: Uuid) -> Result<Option<TokenRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, TokenRow>(
        "SELECT id, organisation_id, name, created_at, last_used_at, revoked_at \
         FROM data_api_tokens WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
}

/// Revoke a token; false when it was already revoked.
pub async fn revoke_token(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE data_api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id).bind(at).execute(&mut **conn).await.affected())?;
    Ok(n > 0)
}
