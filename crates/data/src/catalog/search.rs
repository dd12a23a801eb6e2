//! The one faceted search over the public catalogue: the `/data` listing page and CKAN's
//! `package_search` both call [`search`], so a harvester and a visitor see the same counts.
//!
//! It reads a denormalised index (migration `0018_data_search`): one `data_search` row per
//! published dataset with its lower-cased texts, and one `data_search_facets` row per facet
//! value (organization, groups, tags, res_format, license_id, regions). [`reindex`] rewrites a
//! dataset's rows in the transaction that publishes it (`queries::mark_published` calls it),
//! so the index never shows a version the public cannot read.
//!
//! Semantics (tested in `tests/it/data/search.rs`):
//! - `q`: every word must occur (case-insensitive, as a substring) in the title, the tags,
//!   the description or the organisation's name; relevance sums per word 10 for the title,
//!   5 for the tags, 3 for the organisation and 1 for the description.
//! - Filters are combined with AND, also within one facet (`tags=a&tags=b` finds datasets
//!   carrying both), as CKAN's `fq` and its own listing page do. This keeps each facet
//!   count exact: it is the number of results adding that value would leave.
//! - Facet counts are over the whole result set (all pages), most frequent first.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use platform::db::{Db, RowsAffected, Tx};
use platform::on_db;
use serde::Serialize;
use uuid::Uuid;

use super::Dataset;

/// The facet fields, by their CKAN names (`facet.field`, `fq`, the listing's query string).
pub const FACETS: [&str; 6] = [
    "organization",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "regions",
];

/// CKAN's rule for dataset names: 2–100 of `a-z`, `0-9`, `-` and `_` (checked before any
/// query, so a malformed name is a plain 404).
pub fn is_dataset_name(name: &str) -> bool {
    (2..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (without `q`: most recently modified first).
    #[default]
    Relevance,
    /// First published most recently first (CKAN `metadata_created desc`).
    Newest,
    /// Title A–Z.
    Title,
    /// Modified most recently first (CKAN `metadata_modified desc`).
    Modified,
    /// Name (URL name) A–Z.
    Name,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::Newest,
        Sort::Title,
        Sort::Modified,
        Sort::Name,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Title => "title",
            Sort::Modified => "modified",
            Sort::Name => "name",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.as_str() == s)
    }

    fn order_by(self, has_words: bool) -> &'static str {
        match self {
            Sort::Relevance if has_words => "score DESC, s.metadata_modified DESC, s.name ASC",
            Sort::Relevance | Sort::Modified => "s.metadata_modified DESC, s.name ASC",
            Sort::Newest => "s.created_at DESC, s.name ASC",
            Sort::Title => "s.title_lc ASC, s.name ASC",
            Sort::Name => "s.name ASC",
        }
    }
}

/// A search: words, facet filters (values by facet; AND throughout), order and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    pub q: String,
    /// Organisation ids.
    pub organisations: Vec<String>,
    /// Group ids.
    pub groups: Vec<String>,
    pub tags: Vec<String>,
    /// Resource formats as stored (upper case: CSV, XLSX…); matched case-insensitively.
    pub formats: Vec<String>,
    /// CKAN licence ids.
    pub licences: Vec<String>,
    /// Region codes.
    pub regions: Vec<String>,
    pub sort: Sort,
    pub rows: u64,
    pub start: u64,
    /// How many values each facet lists at most (CKAN `facet.limit`, default 50).
    pub facet_limit: u64,
}

impl Default for Search {
    fn default() -> Search {
        Search {
            q: String::new(),
            organisations: Vec::new(),
            groups: Vec::new(),
            tags: Vec::new(),
            formats: Vec::new(),
            licences: Vec::new(),
            regions: Vec::new(),
            sort: Sort::Relevance,
            rows: 20,
            start: 0,
            facet_limit: 50,
        }
    }
}

impl Search {
    /// The filter values of facet `field` (a name from [`FACETS`]).
    pub fn filter(&self, field: &str) -> &[String] {
        match field {
            "organization" => &self.organisations,
            "groups" => &self.groups,
            "tags" => &self.tags,
            "res_format" => &self.formats,
            "license_id" => &self.licences,
            "regions" => &self.regions,
            _ => &[],
        }
    }

    /// The filter values of facet `field`, to add to.
    pub fn filter_mut(&mut self, field: &str) -> Option<&mut Vec<String>> {
        Some(match field {
            "organization" => &mut self.organisations,
            "groups" => &mut self.groups,
            "tags" => &mut self.tags,
            "res_format" => &mut self.formats,
            "license_id" => &mut self.licences,
            "regions" => &mut self.regions,
            _ => return None,
        })
    }

    /// The words of `q`, lower-cased, without duplicates.
    pub fn words(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for w in self.q.split_whitespace() {
            let w = w.to_lowercase();
            if !words.contains(&w) {
                words.push(w);
            }
        }
        words
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResult {
    /// Matches on all pages.
    pub count: u64,
    pub datasets: Vec<Dataset>,
    pub facets: Facets,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facets {
    pub organisations: Vec<FacetItem>,
    pub groups: Vec<FacetItem>,
    pub tags: Vec<FacetItem>,
    pub formats: Vec<FacetItem>,
    pub licences: Vec<FacetItem>,
    pub regions: Vec<FacetItem>,
}

impl Facets {
    /// The items of facet `field` (a name from [`FACETS`]).
    pub fn get(&self, field: &str) -> &[FacetItem] {
        match field {
            "organization" => &self.organisations,
            "groups" => &self.groups,
            "tags" => &self.tags,
            "res_format" => &self.formats,
            "license_id" => &self.licences,
            "regions" => &self.regions,
            _ => &[],
        }
    }

    fn get_mut(&mut self, field: &str) -> Option<&mut Vec<FacetItem>> {
        Some(match field {
            "organization" => &mut self.organisations,
            "groups" => &mut self.groups,
            "tags" => &mut self.tags,
            "res_format" => &mut self.formats,
            "license_id" => &mut self.licences,
            "regions" => &mut self.regions,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetItem {
    /// The value to filter by (organisation id, group id, tag, format, licence id, code).
    pub name: String,
    pub display_name: String,
    pub count: u64,
}

/// The WHERE clause of a search over `data_search s`, and its bound values ($1…$N, all text).
fn conditions(s: &Search) -> (String, Vec<String>, String) {
    let mut binds: Vec<String> = Vec::new();
    let mut conds: Vec<String> = Vec::new();
    let mut score: Vec<String> = Vec::new();
    for word in s.words() {
        binds.push(format!("%{}%", escape_like(&word)));
        let n = binds.len();
        let like = |col: &str| format!("{col} LIKE ${n} ESCAPE '\\'");
        conds.push(format!(
            "({} OR {} OR {} OR {})",
            like("s.title_lc"),
            like("s.tags_lc"),
            like("s.notes_lc"),
            like("s.organisation_lc")
        ));
        score.push(format!(
            "(CASE WHEN {} THEN 10 ELSE 0 END + CASE WHEN {} THEN 5 ELSE 0 END + \
             CASE WHEN {} THEN 3 ELSE 0 END + CASE WHEN {} THEN 1 ELSE 0 END)",
            like("s.title_lc"),
            like("s.tags_lc"),
            like("s.organisation_lc"),
            like("s.notes_lc")
        ));
    }
    for field in FACETS {
        for value in s.filter(field) {
            let value = if field == "res_format" {
                value.to_uppercase()
            } else {
                value.clone()
            };
            binds.push(field.to_string());
            binds.push(value);
            let (a, b) = (binds.len() - 1, binds.len());
            conds.push(format!(
                "EXISTS (SELECT 1 FROM data_search_facets f WHERE f.dataset_id = s.dataset_id \
                 AND f.facet = ${a} AND f.value = ${b})"
            ));
        }
    }
    let where_sql = if conds.is_empty() {
        String::from("TRUE")
    } else {
        conds.join(" AND ")
    };
    let score_sql = if score.is_empty() {
        String::from("0")
    } else {
        score.join(" + ")
    };
    (where_sql, binds, score_sql)
}

/// `\`, `%` and `_` taken literally in a LIKE pattern with `ESCAPE '\'`.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Search the public catalogue (published datasets only, each seen through its current
/// verified version).
pub async fn search(db: &Db, s: &Search) -> Result<SearchResult, sqlx::Error> {
    let (where_sql, binds, score_sql) = conditions(s);
    let has_words = !s.words().is_empty();

    let count_sql = format!("SELECT COUNT(*) FROM data_search s WHERE {where_sql}");
    let count: i64 = on_db!(db, pool => {
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_one(pool).await
    })?;

    let n = binds.len();
    let page_sql = format!(
        "SELECT s.dataset_id, CAST({score_sql} AS BIGINT) AS score FROM data_search s WHERE {where_sql} \
         ORDER BY {} LIMIT ${} OFFSET ${}",
        s.sort.order_by(has_words),
        n + 1,
        n + 2
    );
    let limit = i64::try_from(s.rows).unwrap_or(i64::MAX);
    let offset = i64::try_from(s.start).unwrap_or(i64::MAX);
    let ids: Vec<(Uuid, i64)> = if s.rows == 0 || count == 0 {
        Vec::new()
    } else {
        on_db!(db, pool => {
            let mut q = sqlx::query_as::<_, (Uuid, i64)>(sqlx::AssertSqlSafe(page_sql));
            for b in &binds {
                q = q.bind(b);
            }
            q.bind(limit).bind(offset).fetch_all(pool).await
        })?
    };
    // Read in one batch, in rank order; a dataset withdrawn between the two reads is skipped.
    let ids: Vec<Uuid> = ids.into_iter().map(|(id, _)| id).collect();
    let datasets = super::published_many(db, &ids).await?;

    let facets = if count == 0 || s.facet_limit == 0 {
        Facets::default()
    } else {
        facet_counts(db, &where_sql, &binds, s.facet_limit).await?
    };
    Ok(SearchResult {
        count: u64::try_from(count).unwrap_or(0),
        datasets,
        facets,
    })
}

async fn facet_counts(
    db: &Db,
    where_sql: &str,
    binds: &[String],
    limit: u64,
) -> Result<Facets, sqlx::Error> {
    // Counted on the covering index (facet, value, dataset_id) alone; over the whole
    // catalogue without the semi-join. Labels are looked up afterwards for the values shown.
    let sql = if where_sql == "TRUE" {
        String::from(
            "SELECT f.facet, f.value, COUNT(*) FROM data_search_facets f GROUP BY f.facet, f.value",
        )
    } else {
        format!(
            "SELECT f.facet, f.value, COUNT(*) FROM data_search_facets f \
             WHERE f.dataset_id IN (SELECT s.dataset_id FROM data_search s WHERE {where_sql}) \
             GROUP BY f.facet, f.value"
        )
    };
    let rows: Vec<(String, String, i64)> = on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, (String, String, i64)>(sqlx::AssertSqlSafe(sql));
        for b in binds {
            q = q.bind(b);
        }
        q.fetch_all(pool).await
    })?;
    let mut facets = Facets::default();
    for (facet, value, count) in rows {
        if let Some(items) = facets.get_mut(&facet) {
            items.push(FacetItem {
                display_name: value.clone(),
                name: value,
                count: u64::try_from(count).unwrap_or(0),
            });
        }
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    for field in FACETS {
        if let Some(items) = facets.get_mut(field) {
            items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            items.truncate(limit);
            label(db, field, items).await?;
        }
    }
    Ok(facets)
}

/// Set the display names of facet values: organisation names, group titles (Indonesian),
/// region names, licence titles; tags and formats are their own names.
async fn label(db: &Db, field: &str, items: &mut [FacetItem]) -> Result<(), sqlx::Error> {
    if items.is_empty() {
        return Ok(());
    }
    let table = match field {
        "license_id" => {
            for item in items.iter_mut() {
                if let Some(l) = crate::licences::find(&item.name) {
                    item.display_name = l.title.to_string();
                }
            }
            return Ok(());
        }
        "organization" => "SELECT id, name FROM organisations WHERE id IN",
        "groups" => "SELECT id, title_id FROM data_groups WHERE id IN",
        "regions" => "SELECT code, name FROM regions WHERE code IN",
        _ => return Ok(()),
    };
    let placeholders: Vec<String> = (1..=items.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{table} ({})", placeholders.join(", "));
    let names: Vec<(String, String)> = on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql));
        for item in items.iter() {
            q = q.bind(&item.name);
        }
        q.fetch_all(pool).await
    })?;
    let names: std::collections::HashMap<String, String> = names.into_iter().collect();
    for item in items.iter_mut() {
        if let Some(n) = names.get(&item.name) {
            item.display_name = n.clone();
        }
    }
    Ok(())
}

/// The names of all published datasets, A–Z, a page at a time (CKAN `package_list`).
pub async fn names(db: &Db, limit: u64, offset: u64) -> Result<Vec<String>, sqlx::Error> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    on_db!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT name FROM data_search ORDER BY name LIMIT $1 OFFSET $2")
        .bind(limit).bind(offset).fetch_all(pool).await)
}

/// The ids of published datasets, most recently modified first (CKAN
/// `current_package_list_with_resources`).
pub async fn recently_modified(db: &Db, limit: u64, offset: u64) -> Result<Vec<Uuid>, sqlx::Error> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    on_db!(db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT dataset_id FROM data_search ORDER BY metadata_modified DESC, name \
         LIMIT $1 OFFSET $2")
        .bind(limit).bind(offset).fetch_all(pool).await)
}

/// How many published datasets each value of facet `field` has, over the whole catalogue
/// (value, label, count), most frequent first (organisation and group lists, tag list).
pub async fn facet_totals(db: &Db, field: &str) -> Result<Vec<FacetItem>, sqlx::Error> {
    let rows: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT value, COUNT(*) FROM data_search_facets WHERE facet = $1 \
         GROUP BY value ORDER BY COUNT(*) DESC, value")
        .bind(field).fetch_all(pool).await)?;
    let mut items: Vec<FacetItem> = rows
        .into_iter()
        .map(|(name, count)| FacetItem {
            display_name: name.clone(),
            name,
            count: u64::try_from(count).unwrap_or(0),
        })
        .collect();
    // Labelled in slices so that no statement binds thousands of values.
    for chunk in items.chunks_mut(500) {
        label(db, field, chunk).await?;
    }
    Ok(items)
}

#[derive(sqlx::FromRow)]
struct IndexHead {
    name: String,
    organisation_id: String,
    organisation_name: String,
    version_id: Uuid,
    title: String,
    notes: String,
    licence_id: String,
    verified_at: Option<DateTime<Utc>>,
    version_updated_at: DateTime<Utc>,
    first_published_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

/// Rewrite the search rows of dataset `dataset_id` from its current published version (or
/// remove them when it has none), inside the publishing transaction.
pub async fn reindex(tx: &mut Tx, dataset_id: Uuid) -> Result<(), sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query("DELETE FROM data_search_facets WHERE dataset_id = $1")
        .bind(dataset_id).execute(&mut **conn).await.affected())?;
    on_db!(tx, tx; conn => sqlx::query("DELETE FROM data_search WHERE dataset_id = $1")
        .bind(dataset_id).execute(&mut **conn).await.affected())?;
    let head: Option<IndexHead> = on_db!(tx, tx; conn => sqlx::query_as::<_, IndexHead>(
        "SELECT d.name, d.organisation_id, o.name AS organisation_name, v.id AS version_id, \
         v.title, v.notes, v.licence_id, v.verified_at, v.updated_at AS version_updated_at, \
         d.first_published_at, d.created_at \
         FROM data_datasets d JOIN organisations o ON o.id = d.organisation_id \
         JOIN data_versions v ON v.id = d.published_version_id \
         WHERE d.id = $1 AND v.status = 'verified'")
        .bind(dataset_id).fetch_optional(&mut **conn).await)?;
    let Some(h) = head else {
        return Ok(());
    };
    let tags: Vec<String> = on_db!(tx, tx; conn => sqlx::query_scalar::<_, String>(
        "SELECT tag FROM data_version_tags WHERE version_id = $1 ORDER BY tag")
        .bind(h.version_id).fetch_all(&mut **conn).await)?;
    let groups: Vec<(String, String)> = on_db!(tx, tx; conn => sqlx::query_as(
        "SELECT g.id, g.title_id FROM data_version_groups vg \
         JOIN data_groups g ON g.id = vg.group_id WHERE vg.version_id = $1")
        .bind(h.version_id).fetch_all(&mut **conn).await)?;
    let regions: Vec<(String, String)> = on_db!(tx, tx; conn => sqlx::query_as(
        "SELECT r.code, r.name FROM data_version_regions vr \
         JOIN regions r ON r.code = vr.region_code WHERE vr.version_id = $1")
        .bind(h.version_id).fetch_all(&mut **conn).await)?;
    let formats: Vec<String> = on_db!(tx, tx; conn => sqlx::query_scalar::<_, String>(
        "SELECT format FROM data_resources WHERE version_id = $1")
        .bind(h.version_id).fetch_all(&mut **conn).await)?;

    let modified = h.verified_at.unwrap_or(h.version_updated_at);
    let created = h.first_published_at.unwrap_or(h.created_at);
    let tags_lc = format!(" {} ", tags.join(" ").to_lowercase());
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO data_search (dataset_id, name, organisation_id, title, title_lc, tags_lc, \
         notes_lc, organisation_lc, metadata_modified, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(dataset_id).bind(&h.name).bind(&h.organisation_id).bind(&h.title)
        .bind(h.title.to_lowercase()).bind(&tags_lc).bind(h.notes.to_lowercase())
        .bind(h.organisation_name.to_lowercase()).bind(modified).bind(created)
        .execute(&mut **conn).await.affected())?;

    // (facet, value, label), each value once.
    let mut values: BTreeMap<(&str, String), String> = BTreeMap::new();
    values.insert(
        ("organization", h.organisation_id.clone()),
        h.organisation_name.clone(),
    );
    let licence_title = crate::licences::find(&h.licence_id)
        .map(|l| l.title.to_string())
        .unwrap_or_else(|| h.licence_id.clone());
    values.insert(("license_id", h.licence_id.clone()), licence_title);
    for tag in tags {
        values.insert(("tags", tag.clone()), tag);
    }
    for (id, title) in groups {
        values.insert(("groups", id), title);
    }
    for (code, name) in regions {
        values.insert(("regions", code), name);
    }
    for format in formats {
        let format = format.trim().to_uppercase();
        if !format.is_empty() {
            values.insert(("res_format", format.clone()), format);
        }
    }
    for ((facet, value), label) in values {
        on_db!(tx, tx; conn => sqlx::query(
            "INSERT INTO data_search_facets (dataset_id, facet, value, label) \
             VALUES ($1, $2, $3, $4)")
            .bind(dataset_id).bind(facet).bind(&value).bind(&label)
            .execute(&mut **conn).await.affected())?;
    }
    Ok(())
}

/// Rebuild the whole index (after a bulk load that bypassed [`reindex`]).
pub async fn reindex_all(db: &Db) -> Result<u64, sqlx::Error> {
    let ids: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM data_datasets WHERE published_version_id IS NOT NULL ORDER BY id")
        .fetch_all(pool).await)?;
    let mut done = 0;
    for chunk in ids.chunks(500) {
        let mut tx = db.begin().await?;
        for id in chunk {
            reindex(&mut tx, *id).await?;
            done += 1;
        }
        tx.commit().await?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_words_are_literal() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }

    #[test]
    fn filters_and_words_bind_in_order() {
        let s = Search {
            q: "Padi  padi sawah".into(),
            tags: vec!["pertanian".into()],
            formats: vec!["csv".into()],
            ..Search::default()
        };
        let (where_sql, binds, _) = conditions(&s);
        assert_eq!(
            binds,
            vec![
                "%padi%",
                "%sawah%",
                "tags",
                "pertanian",
                "res_format",
                "CSV"
            ]
        );
        assert!(where_sql.contains("f.facet = $5 AND f.value = $6"));
        let (where_sql, binds, score) = conditions(&Search::default());
        assert_eq!(
            (where_sql.as_str(), binds.len(), score.as_str()),
            ("TRUE", 0, "0")
        );
    }
}
