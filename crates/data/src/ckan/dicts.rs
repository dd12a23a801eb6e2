//! CKAN's dictionaries (package, resource, organization, group, tag) built from the
//! catalogue, in the exact shape CKAN 2.10 returns them, so that harvesters (the national
//! Satu Data portal, ckanext-harvest, ckanapi) read this portal as one more CKAN.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use platform::db::Db;
use platform::i18n::Lang;
use platform::regions::{self, Organisation};
use serde_json::{Value, json};

use crate::catalog::{Dataset, GroupRef, Resource};
use crate::licences;

/// CKAN's time format: UTC without an offset, microseconds.
pub fn ckan_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

/// The media type of a resource format (upper-case CKAN format), when known.
pub fn media_type(format: &str) -> Option<&'static str> {
    Some(match format.trim().to_ascii_uppercase().as_str() {
        "CSV" => "text/csv",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLS" => "application/vnd.ms-excel",
        "JSON" => "application/json",
        "GEOJSON" => "application/geo+json",
        "PDF" => "application/pdf",
        "HTML" => "text/html",
        "XML" => "application/xml",
        "ZIP" => "application/zip",
        "TXT" => "text/plain",
        _ => return None,
    })
}

/// When a dataset's metadata last changed (CKAN `metadata_modified`): the verification of
/// the version seen.
pub fn modified(d: &Dataset) -> DateTime<Utc> {
    d.version.verified_at.unwrap_or(d.version.updated_at)
}

/// When the dataset first became public (CKAN `metadata_created`).
pub fn created(d: &Dataset) -> DateTime<Utc> {
    d.first_published_at.unwrap_or(d.created_at)
}

/// The absolute address of a resource's data: the link of a linked resource, else the
/// original uploaded file, else (a table without a file) its CSV download.
pub fn resource_url(base: &str, d: &Dataset, r: &Resource) -> String {
    if r.file_id.is_none() && !r.url.is_empty() {
        r.url.clone()
    } else if r.file_id.is_some() {
        format!("{base}/data/{}/sumber/{}/berkas", d.name, r.id)
    } else {
        format!("{base}/data/{}/sumber/{}/unduh.csv", d.name, r.id)
    }
}

pub fn resource(base: &str, d: &Dataset, r: &Resource) -> Value {
    json!({
        "id": r.id,
        "package_id": d.id,
        "name": r.name,
        "description": r.description,
        "format": r.format,
        "url": resource_url(base, d, r),
        "url_type": if r.file_id.is_some() { Value::from("upload") } else { Value::Null },
        "created": ckan_time(r.created_at),
        "last_modified": ckan_time(r.updated_at),
        "metadata_modified": ckan_time(r.updated_at),
        "datastore_active": r.table_id.is_some(),
        "position": r.position,
        "size": r.size_bytes,
        "mimetype": media_type(&r.format),
        "mimetype_inner": Value::Null,
        "hash": "",
        "cache_url": Value::Null,
        "state": "active",
        "resource_type": Value::Null,
    })
}

pub fn group(g: &GroupRef, lang: Lang, package_count: Option<u64>) -> Value {
    let title = match lang {
        Lang::En => &g.title_en,
        _ => &g.title_id,
    };
    let mut v = json!({
        "id": g.id,
        "name": g.id,
        "title": title,
        "display_name": title,
        "description": "",
        "image_url": "",
        "image_display_url": "",
        "type": "group",
        "is_organization": false,
        "approval_status": "approved",
        "state": "active",
    });
    if let (Some(n), Some(obj)) = (package_count, v.as_object_mut()) {
        obj.insert("package_count".into(), json!(n));
    }
    v
}

pub fn organisation(o: &Organisation, package_count: Option<u64>) -> Value {
    let mut v = json!({
        "id": o.id,
        "name": o.id,
        "title": o.name,
        "display_name": o.name,
        "description": o.description,
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(o.created_at),
        "type": "organization",
        "is_organization": true,
        "approval_status": "approved",
        "state": "active",
    });
    if let (Some(n), Some(obj)) = (package_count, v.as_object_mut()) {
        obj.insert("package_count".into(), json!(n));
    }
    v
}

/// Organisations read once per request (a page of packages shares a few publishers).
#[derive(Default)]
pub struct Organisations(HashMap<String, Option<Organisation>>);

impl Organisations {
    pub async fn get(&mut self, db: &Db, id: &str) -> Result<Option<Organisation>, sqlx::Error> {
        if let Some(o) = self.0.get(id) {
            return Ok(o.clone());
        }
        let o = regions::organisation(db, id).await?;
        self.0.insert(id.to_string(), o.clone());
        Ok(o)
    }
}

pub async fn package(
    db: &Db,
    orgs: &mut Organisations,
    base: &str,
    lang: Lang,
    d: &Dataset,
) -> Result<Value, sqlx::Error> {
    let v = &d.version;
    let organization = match orgs.get(db, &d.organisation_id).await? {
        Some(o) => organisation(&o, None),
        None => json!({ "id": d.organisation_id, "name": d.organisation_id,
                        "title": d.organisation_name, "type": "organization",
                        "is_organization": true, "state": "active" }),
    };
    let licence = licences::find(&v.licence_id);
    let tags: Vec<Value> = v
        .tags
        .iter()
        .map(|t| json!({ "name": t, "display_name": t, "state": "active", "vocabulary_id": Value::Null }))
        .collect();
    let groups: Vec<Value> = v.groups.iter().map(|g| group(g, lang, None)).collect();
    let resources: Vec<Value> = v.resources.iter().map(|r| resource(base, d, r)).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut extras: Vec<(&str, String)> = vec![
        ("frequency", v.frequency.clone()),
        ("temporal_start", date(v.temporal_start)),
        ("temporal_end", date(v.temporal_end)),
        (
            "spatial_coverage",
            v.regions
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "region_codes",
            v.regions
                .iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
        ("concept", v.concept.clone()),
        ("definition", v.definition.clone()),
        ("unit", v.unit.clone()),
        ("classification", v.classification.clone()),
        ("measure", v.measure.clone()),
        (
            "data_updated",
            d.data_updated_at.map(ckan_time).unwrap_or_default(),
        ),
    ];
    extras.sort_by(|a, b| a.0.cmp(b.0));
    let extras: Vec<Value> = extras
        .into_iter()
        .map(|(key, value)| json!({ "key": key, "value": value }))
        .collect();
    Ok(json!({
        "id": d.id,
        "name": d.name,
        "title": v.title,
        "notes": v.notes,
        "url": format!("{base}{}", d.path()),
        "version": v.number.to_string(),
        "author": d.organisation_name,
        "author_email": Value::Null,
        "maintainer": v.contact_name,
        "maintainer_email": v.contact_email,
        "license_id": v.licence_id,
        "license_title": licence.map(|l| l.title),
        "license_url": licence.map(|l| l.url),
        "isopen": licence.is_some_and(|l| l.open),
        "owner_org": d.organisation_id,
        "organization": organization,
        "metadata_created": ckan_time(created(d)),
        "metadata_modified": ckan_time(modified(d)),
        "state": "active",
        "private": false,
        "type": "dataset",
        "tags": tags,
        "num_tags": v.tags.len(),
        "groups": groups,
        "resources": resources,
        "num_resources": v.resources.len(),
        "extras": extras,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }))
}
