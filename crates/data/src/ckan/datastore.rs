//! CKAN's `datastore_search` over the tabular store ([`crate::tabular::query`], the query
//! the preview pages use): `resource_id`, `filters` (a JSON object: field → value or list of
//! values), `q` (text over every text column, or an object field → text), `fields`, `sort`
//! (`"field asc, other desc"`, names may be double-quoted), `limit` (default 100, at most
//! [`tabular::query::MAX_LIMIT`]), `offset`, `include_total` (default true) and
//! `records_format` (`objects`, `lists`, `csv` or `tsv`). Only resources of public versions
//! that were loaded into a table answer; every value is bound, and a value that does not
//! fit its column's type is a Validation Error, not an empty result.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::CkanError;
use super::params::Params;
use crate::catalog;
use crate::tabular::{self, ColumnType, Filter, FilterOp, Query, QueryError};
use platform::web::PageCtx;

/// CKAN's datastore type names (PostgreSQL's, as CKAN reports them).
fn ckan_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Integer => "int",
        ColumnType::Number => "numeric",
        ColumnType::Boolean => "bool",
        ColumnType::Date => "date",
        ColumnType::DateTime => "timestamp",
        ColumnType::Text => "text",
    }
}

/// A filter value as text, the way the tabular store parses it.
fn value_text(field: &str, v: &Value) -> Result<String, CkanError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(CkanError::invalid_args(
            "filters",
            "data-api-error-filter-value",
            vec![("field", field.to_string()), ("value", v.to_string())],
        )),
    }
}

/// `"a asc, \"b c\" desc"` → [("a", false), ("b c", true)].
fn parse_sort(sort: &str) -> Result<Vec<(String, bool)>, CkanError> {
    let mut out = Vec::new();
    for clause in sort.split(',') {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let lower = clause.to_ascii_lowercase();
        let (name, descending) = if lower.ends_with(" desc") {
            (&clause[..clause.len() - 5], true)
        } else if lower.ends_with(" asc") {
            (&clause[..clause.len() - 4], false)
        } else {
            (clause, false)
        };
        let name = name.trim();
        let name = name
            .strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .unwrap_or(name);
        if name.is_empty() {
            return Err(CkanError::invalid_args(
                "sort",
                "data-api-error-field",
                vec![("field", clause.to_string())],
            ));
        }
        out.push((name.to_string(), descending));
    }
    Ok(out)
}

fn delimited(records: &[Vec<Value>], delimiter: u8) -> Result<String, CkanError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_writer(Vec::new());
    for record in records {
        let cells: Vec<String> = record
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        writer
            .write_record(&cells)
            .map_err(|e| CkanError::Internal(e.into()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| CkanError::Internal(anyhow::anyhow!("{e}")))?;
    String::from_utf8(bytes).map_err(|e| CkanError::Internal(e.into()))
}

pub async fn search(ctx: &PageCtx, p: &Params) -> Result<Value, CkanError> {
    let resource_id = p.required("resource_id")?;
    let not_found = || CkanError::NotFound("data-api-error-resource-not-found");
    let id = Uuid::parse_str(&resource_id).map_err(|_| not_found())?;
    let db = &ctx.state.db;
    let (dataset, resource) = catalog::by_resource(db, id).await?.ok_or_else(not_found)?;
    if !dataset.is_public() {
        return Err(not_found());
    }
    let table_id = resource
        .table_id
        .ok_or(CkanError::NotFound("data-api-error-not-datastore"))?;
    let table = tabular::table(db, table_id)
        .await?
        .ok_or(CkanError::NotFound("data-api-error-not-datastore"))?;

    let mut q = Query {
        limit: p.int("limit", 100, 0, tabular::query::MAX_LIMIT as i64)? as u64,
        offset: p.int("offset", 0, 0, i64::MAX)? as u64,
        include_total: p.flag("include_total", true)?,
        ..Query::default()
    };
    if let Some(filters) = p.object("filters")? {
        for (field, value) in filters {
            let values = match &value {
                Value::Array(items) => items
                    .iter()
                    .map(|v| value_text(&field, v))
                    .collect::<Result<Vec<_>, _>>()?,
                v => vec![value_text(&field, v)?],
            };
            q.filters.push(Filter {
                field,
                op: FilterOp::AnyOf(values),
            });
        }
    }
    match p.object("q") {
        // q as an object: field → text, each a substring filter.
        Ok(Some(per_field)) => {
            for (field, value) in per_field {
                let text = value_text(&field, &value)?;
                q.filters.push(Filter {
                    field,
                    op: FilterOp::Contains(text),
                });
            }
        }
        _ => {
            q.q = p.text("q")?.filter(|s| !s.trim().is_empty());
        }
    }
    let requested = p.list("fields", true)?.unwrap_or_default();
    let with_id = requested.is_empty() || requested.iter().any(|f| f == tabular::query::ID);
    q.fields = requested
        .into_iter()
        .filter(|f| f != tabular::query::ID)
        .collect();
    let sort_text = p.text("sort")?;
    match p.list("sort", false) {
        Ok(Some(list)) => {
            for clause in list {
                q.sort.extend(parse_sort(&clause)?);
            }
        }
        _ => {
            if let Some(s) = &sort_text {
                q.sort = parse_sort(s)?;
            }
        }
    }
    let format = p
        .text("records_format")?
        .unwrap_or_else(|| "objects".into());
    if !matches!(format.as_str(), "objects" | "lists" | "csv" | "tsv") {
        return Err(CkanError::invalid_args(
            "records_format",
            "data-api-error-records-format",
            vec![("format", format.chars().take(40).collect())],
        ));
    }
    if p.flag("distinct", false)? {
        return Err(CkanError::invalid("distinct", "data-api-error-unsupported"));
    }

    let page = tabular::query(db, &table, &q).await.map_err(|e| match e {
        QueryError::UnknownField(field) => {
            CkanError::invalid_args("fields", "data-api-error-field", vec![("field", field)])
        }
        QueryError::BadValue { field, value } => CkanError::invalid_args(
            "filters",
            "data-api-error-filter-value",
            vec![
                ("field", field),
                ("value", value.chars().take(80).collect()),
            ],
        ),
        QueryError::Db(e) => CkanError::from(e),
    })?;

    let mut fields: Vec<Value> = Vec::new();
    if with_id {
        fields.push(json!({ "id": "_id", "type": "int" }));
    }
    for c in &page.fields {
        let mut f = json!({ "id": c.name, "type": ckan_type(c.kind) });
        if let Some(dc) = resource.dictionary.iter().find(|d| d.name == c.name)
            && (!dc.description.is_empty() || !dc.unit.is_empty())
            && let Some(obj) = f.as_object_mut()
        {
            obj.insert(
                "info".into(),
                json!({ "label": dc.name, "notes": dc.description, "unit": dc.unit }),
            );
        }
        fields.push(f);
    }
    let rows: Vec<Vec<Value>> = page
        .records
        .iter()
        .zip(&page.ids)
        .map(|(r, id)| {
            let mut row = Vec::with_capacity(r.len() + 1);
            if with_id {
                row.push(json!(id));
            }
            row.extend(r.iter().cloned());
            row
        })
        .collect();
    let records = match format.as_str() {
        "lists" => json!(rows),
        "csv" => json!(delimited(&rows, b',')?),
        "tsv" => json!(delimited(&rows, b'\t')?),
        _ => {
            let names: Vec<String> = fields
                .iter()
                .map(|f| f["id"].as_str().unwrap_or_default().to_string())
                .collect();
            json!(
                rows.into_iter()
                    .map(|row| names.iter().cloned().zip(row).collect::<Map<_, _>>())
                    .collect::<Vec<_>>()
            )
        }
    };
    let path = format!("/api/3/action/datastore_search?resource_id={id}");
    let mut links = Map::new();
    links.insert("start".into(), json!(path));
    links.insert(
        "next".into(),
        json!(format!("{path}&offset={}", q.offset + q.limit)),
    );
    let mut result = json!({
        "resource_id": id,
        "fields": fields,
        "records": records,
        "records_format": format,
        "limit": q.limit,
        "offset": q.offset,
        "include_total": q.include_total,
        "_links": links,
    });
    if let Some(obj) = result.as_object_mut() {
        if let Some(total) = page.total {
            obj.insert("total".into(), json!(total));
            obj.insert("total_was_estimated".into(), json!(false));
        }
        if let Some(s) = sort_text {
            obj.insert("sort".into(), json!(s));
        }
        if let Some(text) = &q.q {
            obj.insert("q".into(), json!(text));
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::parse_sort;

    #[test]
    fn sorts_as_ckan_writes_them() {
        assert_eq!(
            parse_sort(r#"tahun desc, "nama desa" asc, jumlah"#).unwrap(),
            vec![
                ("tahun".to_string(), true),
                ("nama desa".to_string(), false),
                ("jumlah".to_string(), false)
            ]
        );
        assert!(parse_sort(r#""" desc"#).is_err());
        assert!(parse_sort("").unwrap().is_empty());
    }
}
