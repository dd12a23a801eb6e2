//! What the workflow's pages show, ready for the templates: the dataset form's fields, a
//! version's metadata as facts, resources with their dictionaries.

use platform::error::{AppResult, FieldError};
use platform::i18n::Tr;
use platform::web::PageCtx;

use super::validate::{self, DatasetForm};
use crate::catalog::{Dataset, Resource, queries};
use crate::freshness::Frequency;
use crate::licences;

/// One option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One input of the dataset form. `kind`: text, textarea, select, multi, date or email.
pub struct FormField {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Choice>,
    pub error: Option<String>,
    pub required: bool,
    pub max: usize,
}

/// What the dataset form's selects offer.
pub struct FormOptions {
    pub groups: Vec<(String, String)>,
    pub regions: Vec<(String, String)>,
    pub organisations: Vec<(String, String)>,
}

impl FormOptions {
    /// Groups and regions from the database; organisations: the producer's own (every
    /// producing organisation for an administrator).
    pub async fn load(ctx: &PageCtx) -> AppResult<FormOptions> {
        let db = &ctx.state.db;
        let groups = queries::all_groups(db)
            .await?
            .into_iter()
            .map(|(id, title_id, title_en)| {
                let title = ctx.pick(&title_id, &title_en).to_string();
                (id, title)
            })
            .collect();
        let regions = queries::coverage_regions(db)
            .await?
            .into_iter()
            .map(|(code, name, level)| {
                let level = ctx.t.t(&format!("data-wf-region-{level}"));
                (code.clone(), format!("{name} ({level}, {code})"))
            })
            .collect();
        let organisations = if ctx.actor.is_admin() {
            queries::producing_organisations(db).await?
        } else {
            queries::organisation_names(db, &crate::roles::producer_organisations(&ctx.actor))
                .await?
        };
        Ok(FormOptions {
            groups,
            regions,
            organisations,
        })
    }

    pub fn ids(list: &[(String, String)]) -> Vec<String> {
        list.iter().map(|(id, _)| id.clone()).collect()
    }
}

/// The dataset form's fields with their values and errors. `creating` adds the name and
/// the organisation (fixed once the dataset exists).
pub fn dataset_fields(
    t: &Tr,
    form: &DatasetForm,
    errors: &[FieldError],
    options: &FormOptions,
    creating: bool,
) -> Vec<FormField> {
    let error = |name: &str| errors.iter().find(|e| e.field == name).map(|e| t.t(&e.key));
    let field = |name: &'static str, kind: &'static str, value: &str, max: usize| FormField {
        name,
        label: t.t(&format!("data-wf-field-{}", name.replace('_', "-"))),
        hint: {
            let key = format!("data-wf-hint-{}", name.replace('_', "-"));
            if t.catalog().has(t.lang, &key) {
                t.t(&key)
            } else {
                String::new()
            }
        },
        kind,
        value: value.to_string(),
        options: Vec::new(),
        error: error(name),
        required: false,
        max,
    };
    let choices = |list: &[(String, String)], chosen: &[String]| -> Vec<Choice> {
        list.iter()
            .map(|(value, label)| Choice {
                value: value.clone(),
                label: label.clone(),
                selected: chosen.contains(value),
            })
            .collect()
    };
    let mut fields = Vec::new();
    if creating {
        let mut name = field("name", "text", &form.name, validate::MAX_NAME);
        name.required = true;
        fields.push(name);
        let mut org = field("organisation", "select", "", 0);
        org.options = choices(
            &options.organisations,
            std::slice::from_ref(&form.organisation),
        );
        org.required = true;
        fields.push(org);
    }
    let mut title = field("title", "text", &form.title, validate::MAX_TITLE);
    title.required = true;
    fields.push(title);
    fields.push(field("notes", "textarea", &form.notes, validate::MAX_NOTES));
    let mut groups = field("groups", "multi", "", 0);
    groups.options = choices(&options.groups, &form.groups);
    fields.push(groups);
    fields.push(field("tags", "text", &form.tags, 2_000));
    let mut licence = field("licence", "select", "", 0);
    licence.required = true;
    licence.options = licences::ALL
        .iter()
        .map(|l| Choice {
            value: l.id.to_string(),
            label: l.title.to_string(),
            selected: l.id == form.licence,
        })
        .collect();
    fields.push(licence);
    let mut frequency = field("frequency", "select", "", 0);
    frequency.required = true;
    frequency.options = Frequency::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().to_string(),
            label: t.t(&f.key()),
            selected: f.as_str() == form.frequency,
        })
        .collect();
    fields.push(frequency);
    fields.push(field("temporal_start", "date", &form.temporal_start, 10));
    fields.push(field("temporal_end", "date", &form.temporal_end, 10));
    let mut regions = field("regions", "multi", "", 0);
    regions.options = choices(&options.regions, &form.regions);
    fields.push(regions);
    fields.push(field(
        "concept",
        "textarea",
        &form.concept,
        validate::MAX_LONG,
    ));
    fields.push(field(
        "definition",
        "textarea",
        &form.definition,
        validate::MAX_LONG,
    ));
    fields.push(field("unit", "text", &form.unit, validate::MAX_SHORT));
    fields.push(field(
        "classification",
        "text",
        &form.classification,
        validate::MAX_LONG,
    ));
    fields.push(field("measure", "text", &form.measure, validate::MAX_SHORT));
    fields.push(field(
        "contact_name",
        "text",
        &form.contact_name,
        validate::MAX_SHORT,
    ));
    fields.push(field("contact_email", "email", &form.contact_email, 254));
    fields
}

/// A version's metadata as (label, value) pairs, for the read-only views and the
/// comparison with the published version.
pub fn facts(t: &Tr, lang_en: bool, d: &Dataset) -> Vec<(String, String)> {
    let v = &d.version;
    let label = |name: &str| t.t(&format!("data-wf-field-{name}"));
    let licence = licences::ALL
        .iter()
        .find(|l| l.id == v.licence_id)
        .map(|l| l.title.to_string())
        .unwrap_or_else(|| v.licence_id.clone());
    let frequency = Frequency::parse(&v.frequency)
        .map(|f| t.t(&f.key()))
        .unwrap_or_else(|| v.frequency.clone());
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| t.date(&d)).unwrap_or_default();
    let groups: Vec<&str> = v
        .groups
        .iter()
        .map(|g| {
            if lang_en {
                g.title_en.as_str()
            } else {
                g.title_id.as_str()
            }
        })
        .collect();
    let regions: Vec<String> = v
        .regions
        .iter()
        .map(|r| format!("{} ({})", r.name, r.code))
        .collect();
    vec![
        (label("title"), v.title.clone()),
        (label("organisation"), d.organisation_name.clone()),
        (label("notes"), v.notes.clone()),
        (label("groups"), groups.join(", ")),
        (label("tags"), v.tags.join(", ")),
        (label("licence"), licence),
        (label("frequency"), frequency),
        (label("temporal-start"), date(v.temporal_start)),
        (label("temporal-end"), date(v.temporal_end)),
        (label("regions"), regions.join(", ")),
        (label("concept"), v.concept.clone()),
        (label("definition"), v.definition.clone()),
        (label("unit"), v.unit.clone()),
        (label("classification"), v.classification.clone()),
        (label("measure"), v.measure.clone()),
        (label("contact-name"), v.contact_name.clone()),
        (label("contact-email"), v.contact_email.clone()),
    ]
}

/// One column of a resource's dictionary, for display and editing.
pub struct DictRow {
    pub index: usize,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub unit: String,
}

/// A resource as the workflow pages show it.
pub struct ResourceView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub format: String,
    /// Where it is: the link, or the file's name and size.
    pub source: String,
    pub url: String,
    /// "n rows, m columns" for a loaded table.
    pub table: Option<String>,
    pub dictionary: Vec<DictRow>,
    pub first: bool,
    pub last: bool,
}

impl ResourceView {
    pub fn build(t: &Tr, list: &[Resource], rows: &[Option<i64>]) -> Vec<ResourceView> {
        let n = list.len();
        list.iter()
            .enumerate()
            .map(|(i, r)| {
                let source = if r.file_id.is_some() {
                    let size = r.size_bytes.unwrap_or(0);
                    t.t1("data-wf-resource-file", "size", &t.number(&size))
                } else {
                    t.t("data-wf-resource-link")
                };
                let table = rows.get(i).copied().flatten().map(|count| {
                    t.ta(
                        "data-wf-resource-table",
                        &[
                            ("rows", platform::i18n::Arg::Num(count as f64)),
                            (
                                "columns",
                                platform::i18n::Arg::Num(r.dictionary.len() as f64),
                            ),
                        ],
                    )
                });
                ResourceView {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    description: r.description.clone(),
                    format: r.format.clone(),
                    source,
                    url: r.url.clone(),
                    table,
                    dictionary: r
                        .dictionary
                        .iter()
                        .enumerate()
                        .map(|(index, c)| DictRow {
                            index,
                            name: c.name.clone(),
                            kind: crate::tabular::ColumnType::parse(&c.kind)
                                .map(|k| t.t(k.key()))
                                .unwrap_or_else(|| c.kind.clone()),
                            description: c.description.clone(),
                            unit: c.unit.clone(),
                        })
                        .collect(),
                    first: i == 0,
                    last: i + 1 == n,
                }
            })
            .collect()
    }
}

/// The row counts of each resource's table (None: not a table).
pub async fn table_rows(db: &platform::db::Db, list: &[Resource]) -> AppResult<Vec<Option<i64>>> {
    let mut out = Vec::with_capacity(list.len());
    for r in list {
        let rows = match r.table_id {
            Some(id) => crate::tabular::table(db, id).await?.map(|t| t.row_count),
            None => None,
        };
        out.push(rows);
    }
    Ok(out)
}

/// One line of a dataset's version history.
pub struct HistoryRow {
    pub number: i64,
    pub status: String,
    pub when: String,
    pub href: Option<String>,
}
