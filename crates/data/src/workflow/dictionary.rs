//! The data dictionary of tabular resources. A CSV or XLSX upload is stored, then read
//! whole by `tabular::inspect` (nothing written): the page shows every problem (row,
//! column, message) and the dictionary form — per column its name as in the file, the
//! inferred type with a select to change it, description and unit — and the file's
//! missing-value markers. "Muat" loads the stored file with those choices through
//! `tabular::load_in` in the same transaction as the new resource and its audit entry: the
//! whole file becomes a table and a resource, or nothing is written and the report is shown
//! again with the form as the producer left it. "Batal" discards the stored file.
//!
//! Once loaded, a resource's column descriptions and units stay editable while its version
//! is a draft ([`edit`]); changing a type means uploading again.

use askama::Template;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult, OptionExt};
use platform::files::StoredFile;
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx};
use serde_json::json;
use uuid::Uuid;

use super::resources::{
    MAX_RESOURCE_DESCRIPTION, MAX_RESOURCE_NAME, editable_resource, insert_in, is_tabular,
};
use super::{change, is_editable, working};
use crate::catalog::{Dataset, DictionaryColumn, NewResource, queries};
use crate::tabular::{self, ColumnChoice, ColumnType, LoadError, LoadOptions, LoadReport};

pub const MAX_DESCRIPTION: usize = 2_000;
pub const MAX_UNIT: usize = 100;
pub const MAX_MARKERS: usize = 20;
pub const MAX_MARKER: usize = 50;

/// A stored upload waiting for its dictionary.
#[derive(Clone, Debug, Default)]
pub struct Pending {
    pub file_id: Uuid,
    pub file_name: String,
    pub format: String,
    pub name: String,
    pub description: String,
    /// Missing-value markers as typed (comma-separated).
    pub missing: String,
    pub columns: Vec<PendingColumn>,
}

/// The producer's entries for one column.
#[derive(Clone, Debug, Default)]
pub struct PendingColumn {
    pub name: String,
    /// The chosen type (`None`: as inferred).
    pub kind: Option<ColumnType>,
    pub description: String,
    pub unit: String,
}

impl Pending {
    fn markers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.missing.split(',') {
            let m = m.trim().to_string();
            if !m.is_empty() && !out.contains(&m) {
                out.push(m);
            }
        }
        out
    }

    fn options(&self, max_bytes: usize) -> LoadOptions {
        LoadOptions {
            columns: self
                .columns
                .iter()
                .map(|c| ColumnChoice {
                    name: c.name.clone(),
                    kind: c.kind,
                })
                .collect(),
            missing_values: self.markers(),
            max_bytes: Some(max_bytes),
            ..LoadOptions::default()
        }
    }

    /// Problems with what the producer typed (translation keys).
    fn problems(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let too_long = |s: &str, max: usize| {
            s.chars().count() > max || s.chars().any(|c| c.is_control() && c != '\n' && c != '\r')
        };
        if self.name.trim().is_empty() {
            out.push("data-wf-error-resource-name");
        }
        if too_long(&self.name, MAX_RESOURCE_NAME)
            || too_long(&self.description, MAX_RESOURCE_DESCRIPTION)
            || self
                .columns
                .iter()
                .any(|c| too_long(&c.description, MAX_DESCRIPTION) || too_long(&c.unit, MAX_UNIT))
        {
            out.push("data-wf-error-too-long");
        }
        let markers = self.markers();
        if markers.len() > MAX_MARKERS || markers.iter().any(|m| too_long(m, MAX_MARKER)) {
            out.push("data-wf-error-markers");
        }
        out
    }

    fn from_pairs(pairs: &[(String, String)]) -> AppResult<Pending> {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let file_id: Uuid = get("file_id")
            .parse()
            .map_err(|_| AppError::BadRequest("error-bad-form"))?;
        let mut columns = Vec::new();
        for i in 0..crate::tabular::read::MAX_COLUMNS {
            let Some((_, name)) = pairs.iter().find(|(k, _)| *k == format!("kolom_{i}")) else {
                break;
            };
            let kind = get(&format!("tipe_{i}"));
            columns.push(PendingColumn {
                name: name.clone(),
                kind: ColumnType::parse(&kind),
                description: get(&format!("ket_{i}")).trim().to_string(),
                unit: get(&format!("satuan_{i}")).trim().to_string(),
            });
        }
        Ok(Pending {
            file_id,
            file_name: String::new(),
            format: String::new(),
            name: get("nama").trim().to_string(),
            description: get("deskripsi").trim().to_string(),
            missing: get("kosong"),
            columns,
        })
    }

    fn entry(&self, name: &str) -> Option<&PendingColumn> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// One problem of the report, for the table.
pub struct ProblemRow {
    pub row: String,
    pub column: String,
    pub message: String,
}

/// One column of the dictionary form.
pub struct ColumnRow {
    pub index: usize,
    pub name: String,
    pub inferred: String,
    pub majority: Option<String>,
    pub chosen: String,
    pub examples: String,
    pub missing: i64,
    pub description: String,
    pub unit: String,
    pub inconsistent: bool,
}

#[derive(Template)]
#[template(path = "workflow/dictionary.html")]
struct DictionaryPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    dataset: String,
    dataset_title: String,
    pending: &'a Pending,
    rows: i64,
    problems: Vec<ProblemRow>,
    more: u64,
    report_title: String,
    columns: Vec<ColumnRow>,
    types: Vec<(&'static str, String)>,
    errors: Vec<String>,
}

pub(crate) fn problem_rows(t: &Tr, report: &LoadReport) -> Vec<ProblemRow> {
    report
        .problems
        .iter()
        .map(|p| ProblemRow {
            row: p.row.map(|r| r.to_string()).unwrap_or_default(),
            column: p.column.clone().unwrap_or_default(),
            message: p.message(t),
        })
        .collect()
}

/// Inspect the stored bytes with the producer's choices and show the report and the
/// dictionary form. `report`: the report of a refused load, shown instead of the
/// inspection's own (they agree; the load's is the one that counted).
pub(crate) async fn inspect_and_render(
    ctx: &PageCtx,
    d: &Dataset,
    pending: Pending,
    bytes: Vec<u8>,
    report: Option<LoadReport>,
) -> AppResult<Response> {
    render(ctx, d, pending, bytes, report, Vec::new()).await
}

async fn render(
    ctx: &PageCtx,
    d: &Dataset,
    pending: Pending,
    bytes: Vec<u8>,
    report: Option<LoadReport>,
    errors: Vec<String>,
) -> AppResult<Response> {
    let t = &ctx.t;
    let opts = pending.options(ctx.state.config.max_upload_bytes());
    let file_name = pending.file_name.clone();
    // Reading the whole file is CPU work: off the async threads.
    let inspection =
        tokio::task::spawn_blocking(move || tabular::inspect(&bytes, &file_name, &opts))
            .await
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("inspecting")))?;
    let report = report.unwrap_or(inspection.report);
    let columns = inspection
        .columns
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let entry = pending.entry(&c.name);
            ColumnRow {
                index,
                name: c.name.clone(),
                inferred: t.t(c.inferred.key()),
                majority: c.majority.map(|m| t.t(m.key())),
                chosen: entry
                    .and_then(|e| e.kind)
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
                examples: c.examples.join(" · "),
                missing: i64::try_from(c.missing).unwrap_or(i64::MAX),
                description: entry.map(|e| e.description.clone()).unwrap_or_default(),
                unit: entry.map(|e| e.unit.clone()).unwrap_or_default(),
                inconsistent: c.majority.is_some(),
            }
        })
        .collect();
    let total = i64::try_from(report.total()).unwrap_or(i64::MAX);
    let page = DictionaryPage {
        t,
        csrf: &ctx.csrf,
        dataset: d.name.clone(),
        dataset_title: d.version.title.clone(),
        pending: &pending,
        rows: i64::try_from(inspection.rows).unwrap_or(i64::MAX),
        problems: problem_rows(t, &report),
        more: report.more,
        report_title: t.tn("data-wf-report-title", "count", total),
        columns,
        types: ColumnType::ALL
            .iter()
            .map(|k| (k.as_str(), t.t(k.key())))
            .collect(),
        errors,
    };
    let status = if report.is_ok() && page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = t.t1("data-wf-dictionary-title", "file", &pending.file_name);
    ctx.page_with_status(status, &title, &page)
}

/// The stored upload `id`, if it is the actor's own, tabular, and not yet a resource.
async fn pending_file(ctx: &PageCtx, id: Uuid) -> AppResult<(StoredFile, &'static str)> {
    let file = platform::files::find(&ctx.state.db, id)
        .await?
        .or_not_found()?;
    if file.uploaded_by.is_none() || file.uploaded_by != ctx.actor.user_id() {
        return Err(AppError::NotFound);
    }
    let format = super::resources::file_format(&file.original_name)
        .filter(|f| is_tabular(f))
        .ok_or(AppError::NotFound)?;
    if queries::file_references(&ctx.state.db, id).await? > 0 {
        return Err(AppError::Conflict("data-wf-error-file-used"));
    }
    Ok((file, format))
}

async fn read_file(ctx: &PageCtx, file: &StoredFile) -> AppResult<Bytes> {
    ctx.state
        .files
        .read(&file.storage_key)
        .await
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("reading an upload")))
}

/// `POST /kelola/data/{name}/sumber/muat`: load the stored upload with the dictionary.
pub async fn load(
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    if !is_editable(&d.version.status) {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let mut pending = Pending::from_pairs(&pairs)?;
    let (file, format) = pending_file(&ctx, pending.file_id).await?;
    pending.file_name = file.original_name.clone();
    pending.format = format.to_string();
    let bytes = read_file(&ctx, &file).await?;
    let problems = pending.problems();
    if !problems.is_empty() {
        let errors = problems.iter().map(|k| ctx.t.t(k)).collect();
        return render(&ctx, &d, pending, bytes.to_vec(), None, errors).await;
    }
    let opts = pending.options(ctx.state.config.max_upload_bytes());
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::touch_editable_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let table = match tabular::load::load_in(&mut tx, &bytes, &file.original_name, &opts, now).await
    {
        Ok(table) => table,
        Err(LoadError::Rejected(report)) => {
            drop(tx);
            return inspect_and_render(&ctx, &d, pending, bytes.to_vec(), Some(report)).await;
        }
        Err(LoadError::Db(e)) => return Err(e.into()),
    };
    let dictionary: Vec<DictionaryColumn> = table
        .columns
        .iter()
        .map(|c| {
            let entry = pending.entry(&c.name);
            DictionaryColumn {
                name: c.name.clone(),
                kind: c.kind.as_str().to_string(),
                description: entry.map(|e| e.description.clone()).unwrap_or_default(),
                unit: entry.map(|e| e.unit.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let new = NewResource {
        name: pending.name.clone(),
        description: pending.description.clone(),
        format: format.to_string(),
        file_id: Some(file.id),
        url: String::new(),
        size_bytes: Some(file.size_bytes),
        table_id: Some(table.id),
        dictionary,
    };
    let audited = json!({
        "dataset": d.name, "version": d.version.number, "name": new.name,
        "format": new.format, "file_id": file.id, "table_id": table.id,
        "rows": table.row_count, "dictionary": new.dictionary,
        "missing_values": opts.missing_values,
    });
    insert_in(&mut tx, &ctx, &d, &new, now, audited).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=loaded#sumber", d.name)).into_response())
}

#[derive(serde::Deserialize)]
pub struct AbandonForm {
    #[serde(default)]
    pub file_id: String,
}

/// `POST /kelola/data/{name}/sumber/batal`: give up on a stored upload; it is discarded.
pub async fn abandon(
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<AbandonForm>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    let id: Uuid = form
        .file_id
        .parse()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    let (file, _) = pending_file(&ctx, id).await?;
    platform::files::discard(&ctx.state, &[file.id]).await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=abandoned#sumber", d.name)).into_response())
}

/// `POST /kelola/data/{name}/sumber/{id}/kamus`: a loaded resource's name, description and
/// column descriptions and units (`ket_{i}`, `satuan_{i}`), in a draft.
pub async fn edit(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    let r = editable_resource(&d, &id)?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut pending = Pending {
        name: get("nama").unwrap_or_else(|| r.name.clone()),
        description: get("deskripsi").unwrap_or_else(|| r.description.clone()),
        ..Pending::default()
    };
    let mut dictionary = r.dictionary.clone();
    for (i, column) in dictionary.iter_mut().enumerate() {
        if let Some(v) = get(&format!("ket_{i}")) {
            column.description = v;
        }
        if let Some(v) = get(&format!("satuan_{i}")) {
            column.unit = v;
        }
        pending.columns.push(PendingColumn {
            name: column.name.clone(),
            kind: None,
            description: column.description.clone(),
            unit: column.unit.clone(),
        });
    }
    let problems = pending.problems();
    if !problems.is_empty() {
        let shown = super::producer::Shown {
            resource_errors: problems.iter().map(|k| ctx.t.t(k)).collect(),
            ..Default::default()
        };
        return super::producer::render_dataset(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &d, shown)
            .await;
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::touch_editable_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    queries::update_resource_text(
        &mut tx,
        r.id,
        &pending.name,
        &pending.description,
        &dictionary,
        now,
    )
    .await?;
    let entity = r.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.resource.update",
            "data_resource",
            &entity,
            &d.organisation_id,
            Some(json!({"name": r.name, "description": r.description,
                        "dictionary": r.dictionary})),
            Some(
                json!({"name": pending.name, "description": pending.description,
                        "dictionary": dictionary}),
            ),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=dictionary#sumber", d.name)).into_response())
}
