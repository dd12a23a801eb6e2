//! `/data/{name}/sumber/{id}`: one resource — its description, its data dictionary and, for
//! a tabular resource, the preview (filters, sort, pages, chart) read through
//! [`tabular::query`]; `…/unduh.csv|.json|.xlsx` the table or the filtered view (the same
//! query parameters as the preview) through [`tabular::export_stream`]; `…/berkas` the file
//! as uploaded.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use platform::error::{AppError, AppResult, OptionExt};
use platform::i18n::Tr;
use platform::web::PageCtx;
use uuid::Uuid;

use super::chart::{self, Chart};
use super::dataset::ResourceRow;
use super::preview::{self, ChartKind, Form, FormProblem, PAGE_SIZES};
use super::valid_name;
use crate::catalog::{self, Dataset, Resource};
use crate::tabular::{self, ColumnType, ExportFormat, QueryError, Table};

type Params = Query<Vec<(String, String)>>;

/// The public dataset (through the resource's version) and the resource; 404 unless the
/// name matches and the version is public.
async fn find(ctx: &PageCtx, name: &str, resource_id: &str) -> AppResult<(Dataset, Resource)> {
    let id = Uuid::parse_str(resource_id).map_err(|_| AppError::NotFound)?;
    if !valid_name(name) {
        return Err(AppError::NotFound);
    }
    catalog::by_resource(&ctx.state.db, id)
        .await?
        .filter(|(d, _)| d.name == name && d.is_public())
        .or_not_found()
}

async fn table_of(ctx: &PageCtx, r: &Resource) -> AppResult<Option<Table>> {
    match r.table_id {
        Some(id) => Ok(tabular::table(&ctx.state.db, id).await?),
        None => Ok(None),
    }
}

pub struct DictionaryRow {
    pub name: String,
    pub kind: String,
    pub description: String,
    pub unit: String,
}

/// One filter field of the form.
pub struct FilterField {
    pub index: usize,
    pub name: String,
    pub kind: String,
    /// `text`, `number`, `date` or `datetime-local`… as the HTML input type.
    pub input: &'static str,
    pub ranged: bool,
    /// What the single field does: "contains" (text) or "equals" (booleans).
    pub placeholder: String,
    pub value: String,
    pub min: String,
    pub max: String,
}

pub struct HeaderCell {
    pub name: String,
    pub href: String,
    /// `ascending`, `descending` or `none` (aria-sort).
    pub sorted: &'static str,
    pub numeric: bool,
}

pub struct Cell {
    pub text: String,
    pub numeric: bool,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct PreviewView {
    pub fields: Vec<FilterField>,
    pub q: String,
    pub sort_choices: Vec<Choice>,
    pub descending: bool,
    pub per_choices: Vec<Choice>,
    pub header: Vec<HeaderCell>,
    pub rows: Vec<Vec<Cell>>,
    /// "Rows 26–50 of 1,234".
    pub position: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub filtered: bool,
    /// The filter fields are shown open when filters are in use (else behind their summary,
    /// which the browser test opens).
    pub filters_open: bool,
    pub downloads: Vec<(String, String)>,
    pub filtered_downloads: Vec<(String, String)>,
    pub x_choices: Vec<Choice>,
    pub y_choices: Vec<Choice>,
    pub kind_choices: Vec<Choice>,
    pub chart: Option<Chart>,
    /// Translated problems with the form.
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "public/resource.html")]
struct ResourcePage<'a> {
    t: &'a Tr,
    name: String,
    title: String,
    dataset_href: String,
    banner: Option<String>,
    resource: ResourceRow,
    url: String,
    original: Option<String>,
    dictionary: Vec<DictionaryRow>,
    preview: Option<PreviewView>,
    row_count: String,
    page_href: String,
}

fn input_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Integer | ColumnType::Number => "number",
        ColumnType::Date => "date",
        _ => "text",
    }
}

/// `GET /data/{name}/sumber/{id}`.
pub async fn page(
    ctx: PageCtx,
    Path((name, resource_id)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    let (dataset, resource) = find(&ctx, &name, &resource_id).await?;
    let t = &ctx.t;
    let table = table_of(&ctx, &resource).await?;
    let page_href = format!("/data/{name}/sumber/{}", resource.id);
    let mut status = StatusCode::OK;
    let preview = match &table {
        Some(table) => {
            let view = preview_view(&ctx, table, &page_href, &pairs).await?;
            if !view.errors.is_empty() {
                status = StatusCode::BAD_REQUEST;
            }
            Some(view)
        }
        None => None,
    };
    let dictionary = dictionary(t, &resource, table.as_ref());
    let page = ResourcePage {
        t,
        title: dataset.version.title.clone(),
        dataset_href: dataset.path(),
        banner: (!dataset.is_current())
            .then(|| t.tn("data-public-old-version", "number", dataset.version.number)),
        resource: ResourceRow::of(t, &name, &resource),
        url: resource.url.clone(),
        original: resource.file_id.map(|_| format!("{page_href}/berkas")),
        dictionary,
        preview,
        row_count: table
            .as_ref()
            .map(|tb| t.tn("data-public-row-count", "count", tb.row_count))
            .unwrap_or_default(),
        page_href,
        name,
    };
    ctx.page_with_status(
        status,
        &format!("{} — {}", resource.name, dataset.version.title),
        &page,
    )
}

/// The dictionary: the producer's descriptions, the types as loaded.
fn dictionary(t: &Tr, r: &Resource, table: Option<&Table>) -> Vec<DictionaryRow> {
    let kind_label = |kind: &str| {
        ColumnType::parse(kind)
            .map(|k| t.t(k.key()))
            .unwrap_or_else(|| kind.to_string())
    };
    match table {
        Some(table) => table
            .columns
            .iter()
            .map(|c| {
                let described = r.dictionary.iter().find(|d| d.name == c.name);
                DictionaryRow {
                    name: c.name.clone(),
                    kind: t.t(c.kind.key()),
                    description: described.map(|d| d.description.clone()).unwrap_or_default(),
                    unit: described.map(|d| d.unit.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        None => r
            .dictionary
            .iter()
            .map(|d| DictionaryRow {
                name: d.name.clone(),
                kind: kind_label(&d.kind),
                description: d.description.clone(),
                unit: d.unit.clone(),
            })
            .collect(),
    }
}

fn problem_message(t: &Tr, table: &Table, p: &FormProblem) -> String {
    t.t1(p.key, "field", &field_label(table, &p.field))
}

/// A parameter's column name for messages (`c3_min` → the third column's name).
fn field_label(table: &Table, field: &str) -> String {
    field
        .strip_prefix('c')
        .map(|rest| rest.split('_').next().unwrap_or(""))
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| table.columns.get(i))
        .map_or_else(|| field.to_string(), |c| c.name.clone())
}

fn query_problem(t: &Tr, e: &QueryError) -> Option<String> {
    match e {
        QueryError::BadValue { field, value } => Some(t.ta(
            "data-public-bad-value",
            &[
                ("field", platform::i18n::Arg::Str(field.clone())),
                ("value", platform::i18n::Arg::Str(value.clone())),
            ],
        )),
        QueryError::UnknownField(field) => Some(t.t1("data-public-bad-sort", "field", field)),
        QueryError::Db(_) => None,
    }
}

async fn preview_view(
    ctx: &PageCtx,
    table: &Table,
    page_href: &str,
    pairs: &[(String, String)],
) -> AppResult<PreviewView> {
    let t = &ctx.t;
    let db = &ctx.state.db;
    let (form, problems) = preview::parse(table, pairs);
    let mut errors: Vec<String> = problems
        .iter()
        .map(|p| problem_message(t, table, p))
        .collect();
    let mut rows = Vec::new();
    let mut position = String::new();
    let (mut prev, mut next) = (None, None);
    let mut chart = None;
    let view_pairs = form.view_pairs();
    let link = |extra: &[(String, String)]| {
        let mut p = view_pairs.clone();
        p.extend_from_slice(extra);
        format!("{page_href}{}", preview::query_string(&p))
    };
    let mut columns = table.columns.clone();
    if errors.is_empty() {
        let q = tabular::Query {
            limit: form.per,
            offset: (form.page - 1).saturating_mul(form.per),
            include_total: true,
            ..form.query(table)
        };
        match tabular::query(db, table, &q).await {
            Ok(found) => {
                let total = found.total.unwrap_or(0);
                let total_u = u64::try_from(total).unwrap_or(0);
                let first = q.offset + 1;
                let last = q.offset + found.records.len() as u64;
                position = if found.records.is_empty() {
                    t.t("data-public-no-rows")
                } else {
                    t.ta(
                        "data-public-position",
                        &[
                            ("first", platform::i18n::Arg::Num(first as f64)),
                            ("last", platform::i18n::Arg::Num(last as f64)),
                            ("total", platform::i18n::Arg::Num(total as f64)),
                        ],
                    )
                };
                if form.page > 1 {
                    prev = Some(link(&[("hal".into(), (form.page - 1).to_string())]));
                }
                if last < total_u {
                    next = Some(link(&[("hal".into(), (form.page + 1).to_string())]));
                }
                columns = found.fields.clone();
                rows = found
                    .records
                    .iter()
                    .map(|r| {
                        r.iter()
                            .zip(&found.fields)
                            .map(|(v, c)| Cell {
                                text: chart::label(v),
                                numeric: preview::numeric(c.kind),
                            })
                            .collect()
                    })
                    .collect();
                chart = chart_of(ctx, table, &form).await?;
            }
            Err(QueryError::Db(e)) => return Err(e.into()),
            Err(e) => errors.extend(query_problem(t, &e)),
        }
    }
    let sort_href = |name: &str| {
        let descending = form.sort.as_deref() == Some(name) && !form.descending;
        let mut p: Vec<(String, String)> = form
            .view_pairs()
            .into_iter()
            .filter(|(k, _)| k != "urut" && k != "arah")
            .collect();
        p.push(("urut".into(), name.to_string()));
        if descending {
            p.push(("arah".into(), "turun".into()));
        }
        format!("{page_href}{}", preview::query_string(&p))
    };
    let header = columns
        .iter()
        .map(|c| HeaderCell {
            name: c.name.clone(),
            href: sort_href(&c.name),
            sorted: match (&form.sort, form.descending) {
                (Some(s), false) if *s == c.name => "ascending",
                (Some(s), true) if *s == c.name => "descending",
                _ => "none",
            },
            numeric: preview::numeric(c.kind),
        })
        .collect();
    let fields = table
        .columns
        .iter()
        .zip(&form.columns)
        .enumerate()
        .map(|(index, (c, f))| FilterField {
            index,
            name: c.name.clone(),
            kind: t.t(c.kind.key()),
            input: input_type(c.kind),
            ranged: preview::ranged(c.kind),
            placeholder: t.t(if c.kind == ColumnType::Text {
                "data-public-contains"
            } else {
                "data-public-equals"
            }),
            value: f.value.clone(),
            min: f.min.clone(),
            max: f.max.clone(),
        })
        .collect();
    let choice = |value: &str, label: String, selected: bool| Choice {
        value: value.to_string(),
        label,
        selected,
    };
    let mut sort_choices = vec![choice(
        "",
        t.t("data-public-sort-none"),
        form.sort.is_none(),
    )];
    sort_choices.extend(table.columns.iter().map(|c| {
        choice(
            &c.name,
            c.name.clone(),
            form.sort.as_deref() == Some(&c.name),
        )
    }));
    let per_choices = PAGE_SIZES
        .iter()
        .map(|n| choice(&n.to_string(), n.to_string(), *n == form.per))
        .collect();
    let (x, y) = match &chart {
        Some(c) => (Some(c.x.clone()), Some(c.y.clone())),
        None => chart_columns(table, &form),
    };
    let x_choices = table
        .columns
        .iter()
        .map(|c| choice(&c.name, c.name.clone(), x.as_deref() == Some(&c.name)))
        .collect();
    let y_choices = table
        .columns
        .iter()
        .filter(|c| preview::numeric(c.kind))
        .map(|c| choice(&c.name, c.name.clone(), y.as_deref() == Some(&c.name)))
        .collect();
    let kind = chart_kind(table, &form, x.as_deref());
    let kind_choices = [ChartKind::Bars, ChartKind::Line]
        .into_iter()
        .map(|k| {
            choice(
                k.as_str(),
                t.t(&format!("data-public-chart-{}", k.as_str())),
                k == kind,
            )
        })
        .collect();
    let downloads = |pairs: &[(String, String)]| {
        ["csv", "json", "xlsx"]
            .iter()
            .map(|ext| {
                (
                    ext.to_uppercase(),
                    format!("{page_href}/unduh.{ext}{}", preview::query_string(pairs)),
                )
            })
            .collect::<Vec<_>>()
    };
    let mut filter_and_sort = form.filter_pairs();
    if let Some(s) = &form.sort {
        filter_and_sort.push(("urut".into(), s.clone()));
        if form.descending {
            filter_and_sort.push(("arah".into(), "turun".into()));
        }
    }
    Ok(PreviewView {
        fields,
        q: form.q.clone(),
        sort_choices,
        descending: form.descending,
        per_choices,
        header,
        rows,
        position,
        prev,
        next,
        filtered: form.filtered(),
        filters_open: form.filtered(),
        downloads: downloads(&[]),
        filtered_downloads: downloads(&filter_and_sort),
        x_choices,
        y_choices,
        kind_choices,
        chart,
        errors,
    })
}

/// The chart's columns: as asked, else the first date (or else text) column and the first
/// numeric column that is not it.
fn chart_columns(table: &Table, form: &Form) -> (Option<String>, Option<String>) {
    let first = |f: &dyn Fn(ColumnType) -> bool| {
        table
            .columns
            .iter()
            .find(|c| f(c.kind))
            .map(|c| c.name.clone())
    };
    let x = form.x.clone().or_else(|| {
        first(&|k| matches!(k, ColumnType::Date | ColumnType::DateTime))
            .or_else(|| first(&|k| k == ColumnType::Text))
    });
    let y = form.y.clone().or_else(|| {
        table
            .columns
            .iter()
            .find(|c| preview::numeric(c.kind) && Some(&c.name) != x.as_ref())
            .map(|c| c.name.clone())
    });
    (x, y)
}

/// Bars for categories, a line for dates and numbers, unless asked otherwise.
fn chart_kind(table: &Table, form: &Form, x: Option<&str>) -> ChartKind {
    form.chart.unwrap_or_else(|| {
        match x
            .and_then(|x| table.column_index(x))
            .map(|i| table.columns[i].kind)
        {
            Some(ColumnType::Text | ColumnType::Boolean) | None => ChartKind::Bars,
            Some(_) => ChartKind::Line,
        }
    })
}

/// Text columns tried as the chart's category when none is asked for and the table has no
/// date column: the one with the fewest distinct values (a kecamatan rather than a code).
const CATEGORY_CANDIDATES: usize = 8;

async fn chart_of(ctx: &PageCtx, table: &Table, form: &Form) -> AppResult<Option<Chart>> {
    let (Some(x), Some(y)) = chart_columns(table, form) else {
        return Ok(None);
    };
    let Some(first_x) = table.column_index(&x) else {
        return Ok(None);
    };
    // Without an asked or date x, every candidate category is read and the best kept.
    let guessing = form.x.is_none() && table.columns[first_x].kind == ColumnType::Text;
    let candidates: Vec<String> = if guessing {
        table
            .columns
            .iter()
            .filter(|c| c.kind == ColumnType::Text)
            .take(CATEGORY_CANDIDATES)
            .map(|c| c.name.clone())
            .collect()
    } else {
        vec![x.clone()]
    };
    // The first rows of the filtered view in table order: no sort over the whole table
    // (a million rows would be read and sorted for every preview); the sums are put in
    // the x column's order here.
    let mut q = form.query(table);
    q.fields = candidates.clone();
    q.fields.push(y.clone());
    q.sort = Vec::new();
    q.limit = chart::MAX_ROWS;
    let page = match tabular::query(&ctx.state.db, table, &q).await {
        Ok(p) => p,
        Err(QueryError::Db(e)) => return Err(e.into()),
        Err(_) => return Ok(None),
    };
    let partial = page.records.len() as u64 >= chart::MAX_ROWS;
    let chosen = if guessing {
        chart::best_category(&page.records, candidates.len())
    } else {
        0
    };
    let x = candidates.get(chosen).cloned().unwrap_or(x);
    let Some(xi) = table.column_index(&x) else {
        return Ok(None);
    };
    let pairs: Vec<Vec<serde_json::Value>> = page
        .records
        .iter()
        .map(|r| {
            vec![
                r.get(chosen).cloned().unwrap_or_default(),
                r.last().cloned().unwrap_or_default(),
            ]
        })
        .collect();
    let mut sums = chart::sums(&pairs);
    if sums.is_empty() {
        return Ok(None);
    }
    let kind = chart_kind(table, form, Some(&x));
    let categories = matches!(
        table.columns[xi].kind,
        ColumnType::Text | ColumnType::Boolean
    );
    if !categories {
        chart::order(&mut sums, table.columns[xi].kind);
    }
    let mut built = chart::build(&ctx.t, kind, &x, &y, sums, categories);
    if partial {
        built.partial_note = ctx.t.tn(
            "data-public-chart-partial",
            "count",
            i64::try_from(chart::MAX_ROWS).unwrap_or(i64::MAX),
        );
    }
    Ok(Some(built))
}

/// `GET …/unduh.csv`.
pub async fn download_csv(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    download(ctx, &name, &id, &pairs, ExportFormat::Csv).await
}

/// `GET …/unduh.json`.
pub async fn download_json(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    download(ctx, &name, &id, &pairs, ExportFormat::Json).await
}

/// `GET …/unduh.xlsx`.
pub async fn download_xlsx(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    Query(pairs): Params,
) -> AppResult<Response> {
    download(ctx, &name, &id, &pairs, ExportFormat::Xlsx).await
}

/// The table, or the view the preview's parameters select (filters and sort; the page and
/// chart parameters are ignored), streamed in batches.
async fn download(
    ctx: PageCtx,
    name: &str,
    id: &str,
    pairs: &[(String, String)],
    format: ExportFormat,
) -> AppResult<Response> {
    let (dataset, resource) = find(&ctx, name, id).await?;
    let table = table_of(&ctx, &resource).await?.or_not_found()?;
    let (form, problems) = preview::parse(&table, pairs);
    if problems.iter().any(|p| {
        p.field != "hal" && p.field != "per" && !matches!(p.field.as_str(), "x" | "y" | "grafik")
    }) {
        return Err(AppError::BadRequest("data-public-bad-filter"));
    }
    let q = form.query(&table);
    // Check the filters before the first byte is sent: a refused value mid-stream could
    // only cut the download short.
    let probe = tabular::Query {
        limit: 1,
        ..q.clone()
    };
    match tabular::query(&ctx.state.db, &table, &probe).await {
        Ok(_) => {}
        Err(QueryError::Db(e)) => return Err(e.into()),
        Err(_) => return Err(AppError::BadRequest("data-public-bad-filter")),
    }
    let file_name = format!(
        "{}-{}{}.{}",
        dataset.name,
        resource
            .origin_id
            .simple()
            .to_string()
            .get(..8)
            .unwrap_or(""),
        if form.filtered() { "-filter" } else { "" },
        format.extension()
    );
    let stream = tabular::export_stream(ctx.state.db.clone(), table, q, format)
        .map(|chunk| chunk.map_err(|e| std::io::Error::other(e.to_string())));
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    let value = |v: &str| HeaderValue::from_str(v).map_err(|e| AppError::Internal(e.into()));
    headers.insert(header::CONTENT_TYPE, value(format.content_type())?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        value(&platform::files::pages::content_disposition(
            false, &file_name,
        ))?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

/// `GET …/berkas`: the file as the producer uploaded it.
pub async fn original_file(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (_, resource) = find(&ctx, &name, &id).await?;
    let file_id = resource.file_id.or_not_found()?;
    let file = platform::files::find(&ctx.state.db, file_id)
        .await?
        .or_not_found()?;
    platform::files::pages::file_response(&ctx.state, &file).await
}
