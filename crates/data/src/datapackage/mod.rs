//! The Frictionless Data Package (v1) of a dataset: `/data/{name}/datapackage.json`.
//!
//! Each tabular resource is a `tabular-data-resource` whose `path` is the absolute address of
//! its full CSV download and whose Table Schema is the loaded table's columns (names and
//! types as loaded, in file order; descriptions and units from the producer's dictionary;
//! the primary key when the producer set one for upserts). Other resources are plain data
//! resources pointing at the uploaded file or the link. The package `version` is the
//! dataset's version number as `N.0.0`.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::web::{PageCtx, Routes};
use serde_json::{Value, json};

use crate::catalog::{self, Dataset, Resource, search};
use crate::ckan::dicts;
use crate::licences;
use crate::tabular;

pub fn routes() -> Routes {
    Routes::new().get("/data/{name}/datapackage.json", Access::Public, descriptor)
}

async fn descriptor(ctx: PageCtx, Path(name): Path<String>) -> AppResult<Response> {
    if !search::is_dataset_name(&name) {
        return Err(AppError::NotFound);
    }
    let d = catalog::published(&ctx.state.db, &name)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = ctx
        .state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string();
    let doc = package(&ctx.state.db, &base, &d).await?;
    let body = serde_json::to_string_pretty(&doc)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// A Frictionless resource name: lower-case letters, digits, `-`, `_` and `.`, unique in
/// the package (the position is appended on a clash or when nothing is left).
fn slug(name: &str, position: i64, taken: &[String]) -> String {
    let mut s = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() || taken.contains(&s) {
        format!(
            "{}resource-{}",
            if s.is_empty() {
                String::new()
            } else {
                format!("{s}-")
            },
            position + 1
        )
    } else {
        s
    }
}

/// Table Schema type of a column type.
fn field_type(kind: tabular::ColumnType) -> &'static str {
    match kind {
        tabular::ColumnType::Integer => "integer",
        tabular::ColumnType::Number => "number",
        tabular::ColumnType::Boolean => "boolean",
        tabular::ColumnType::Date => "date",
        tabular::ColumnType::DateTime => "datetime",
        tabular::ColumnType::Text => "string",
    }
}

async fn tabular_resource(
    db: &platform::db::Db,
    base: &str,
    d: &Dataset,
    r: &Resource,
    name: String,
) -> Result<Option<Value>, sqlx::Error> {
    let Some(table_id) = r.table_id else {
        return Ok(None);
    };
    let Some(table) = tabular::table(db, table_id).await? else {
        return Ok(None);
    };
    let fields: Vec<Value> = table
        .columns
        .iter()
        .map(|c| {
            let described = r.dictionary.iter().find(|dc| dc.name == c.name);
            let mut f = json!({ "name": c.name, "type": field_type(c.kind) });
            if let Some(obj) = f.as_object_mut() {
                if let Some(dc) = described {
                    if !dc.description.is_empty() {
                        obj.insert("description".into(), json!(dc.description));
                    }
                    if !dc.unit.is_empty() {
                        // Not a Table Schema property; custom properties are allowed.
                        obj.insert("unit".into(), json!(dc.unit));
                    }
                }
                if c.kind == tabular::ColumnType::DateTime {
                    // RFC 3339, with fractions of a second only when there are some.
                    obj.insert("format".into(), json!("any"));
                }
                if c.kind == tabular::ColumnType::Boolean {
                    obj.insert("trueValues".into(), json!(["true"]));
                    obj.insert("falseValues".into(), json!(["false"]));
                }
            }
            f
        })
        .collect();
    let mut schema = json!({ "fields": fields, "missingValues": [""] });
    let keys: Vec<&str> = table
        .key_columns
        .iter()
        .filter_map(|i| table.columns.get(*i).map(|c| c.name.as_str()))
        .collect();
    if !keys.is_empty()
        && let Some(obj) = schema.as_object_mut()
    {
        obj.insert("primaryKey".into(), json!(keys));
    }
    let mut resource = json!({
        "name": name,
        "title": r.name,
        "path": format!("{base}/data/{}/sumber/{}/unduh.csv", d.name, r.id),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    });
    if !r.description.is_empty()
        && let Some(obj) = resource.as_object_mut()
    {
        obj.insert("description".into(), json!(r.description));
    }
    Ok(Some(resource))
}

fn plain_resource(base: &str, d: &Dataset, r: &Resource, name: String) -> Value {
    let mut resource = json!({
        "name": name,
        "title": r.name,
        "path": dicts::resource_url(base, d, r),
        "profile": "data-resource",
        "format": r.format.to_lowercase(),
    });
    if let Some(obj) = resource.as_object_mut() {
        if let Some(media) = dicts::media_type(&r.format) {
            obj.insert("mediatype".into(), json!(media));
        }
        if let Some(size) = r.size_bytes {
            obj.insert("bytes".into(), json!(size));
        }
        if !r.description.is_empty() {
            obj.insert("description".into(), json!(r.description));
        }
    }
    resource
}

/// The descriptor of dataset `d` (its current version).
pub async fn package(db: &platform::db::Db, base: &str, d: &Dataset) -> Result<Value, sqlx::Error> {
    let v = &d.version;
    let mut names: Vec<String> = Vec::new();
    let mut resources = Vec::new();
    for r in &v.resources {
        let name = slug(&r.name, r.position, &names);
        names.push(name.clone());
        match tabular_resource(db, base, d, r, name.clone()).await? {
            Some(res) => resources.push(res),
            None => resources.push(plain_resource(base, d, r, name)),
        }
    }
    let licence = licences::find(&v.licence_id);
    let licenses: Vec<Value> = licence
        .map(|l| vec![json!({ "name": l.spdx, "path": l.url, "title": l.title })])
        .unwrap_or_default();
    let homepage = format!("{base}{}", d.path());
    let mut doc = json!({
        "profile": "data-package",
        "name": d.name,
        "id": d.id,
        "title": v.title,
        "description": v.notes,
        "homepage": homepage,
        "version": format!("{}.0.0", v.number),
        "created": dicts::created(d).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "licenses": licenses,
        "sources": [{ "title": d.organisation_name, "path": format!("{base}/organisasi/{}", d.organisation_id) }],
        "contributors": [{
            "title": d.organisation_name,
            "role": "publisher",
            "path": format!("{base}/organisasi/{}", d.organisation_id),
        }],
        "keywords": v.tags,
        "resources": resources,
    });
    if !v.contact_email.is_empty()
        && let Some(contributors) = doc["contributors"].as_array_mut()
    {
        contributors.push(json!({
            "title": if v.contact_name.is_empty() { &d.organisation_name } else { &v.contact_name },
            "email": v.contact_email,
            "role": "maintainer",
        }));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn resource_names_are_frictionless_names_and_unique() {
        assert_eq!(slug("Sekolah 2025 (Excel)", 0, &[]), "sekolah-2025-excel");
        assert_eq!(slug("Data", 1, &["data".into()]), "data-resource-2");
        assert_eq!(slug("Ééé!", 2, &[]), "resource-3");
    }
}
