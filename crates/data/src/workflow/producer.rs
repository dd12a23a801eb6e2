//! The producer's pages: `/kelola/data` (the organisation's datasets and where each stands),
//! `/kelola/data/baru` (a new dataset: version 1 as a draft), `/kelola/data/{name}` (the
//! newest version: its metadata form while it is a draft or returned, its resources, the
//! walidata's note, submission, history), a new version of a verified dataset.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult, FieldError};
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx};
use serde_json::json;
use uuid::Uuid;

use super::validate::{self, Choices, DatasetForm};
use super::views::{self, FormField, FormOptions, HistoryRow, ResourceView};
use super::{Notice, change, is_editable, require_producer, status_label, working};
use crate::catalog::{Dataset, NewDataset, queries};
use crate::roles;

/// One line of the producer's list.
pub struct ListRow {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub number: i64,
    pub status: String,
    pub status_code: String,
    pub note: String,
    pub published: String,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "workflow/list.html")]
struct ListPage<'a> {
    t: &'a Tr,
    notice: Option<String>,
    rows: Vec<ListRow>,
    walidata: bool,
    queue: usize,
}

/// `GET /kelola/data`: the datasets of the producer's organisations (every organisation
/// for an administrator), newest change first. The walidata sees a link to the queue.
pub async fn index(ctx: PageCtx, Query(notice): Query<Notice>) -> AppResult<Response> {
    let walidata = crate::roles::is_walidata(&ctx.state, &ctx.actor).await?;
    if !walidata {
        require_producer(&ctx.actor)?;
    }
    let t = &ctx.t;
    let db = &ctx.state.db;
    let orgs = roles::producer_organisations(&ctx.actor);
    let list = if ctx.actor.is_admin() {
        queries::work_list(db, None).await?
    } else {
        queries::work_list(db, Some(&orgs)).await?
    };
    let rows = list
        .into_iter()
        .map(|r| ListRow {
            status: status_label(t, &r.status),
            status_code: r.status.clone(),
            published: r
                .published_number
                .map(|n| n.to_string())
                .unwrap_or_else(|| "—".into()),
            updated: t.datetime(&r.updated_at),
            name: r.name,
            title: r.title,
            organisation: r.organisation_name,
            number: r.number,
            note: if r.status == "returned" {
                r.review_note
            } else {
                String::new()
            },
        })
        .collect();
    let queue = if walidata {
        queries::review_queue(db).await?.len()
    } else {
        0
    };
    let page = ListPage {
        t,
        notice: notice.message(t),
        rows,
        walidata,
        queue,
    };
    ctx.page(&t.t("data-wf-list-title"), &page)
}

#[derive(Template)]
#[template(path = "workflow/new.html")]
struct NewPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    has_errors: bool,
    fields: Vec<FormField>,
}

async fn render_new(
    ctx: &PageCtx,
    status: StatusCode,
    form: &DatasetForm,
    errors: &[FieldError],
) -> AppResult<Response> {
    let options = FormOptions::load(ctx).await?;
    let page = NewPage {
        t: &ctx.t,
        csrf: &ctx.csrf,
        has_errors: !errors.is_empty(),
        fields: views::dataset_fields(&ctx.t, form, errors, &options, true),
    };
    ctx.page_with_status(status, &ctx.t.t("data-wf-new-title"), &page)
}

/// `GET /kelola/data/baru`.
pub async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    require_producer(&ctx.actor)?;
    let orgs = roles::producer_organisations(&ctx.actor);
    let form = DatasetForm {
        organisation: orgs.first().cloned().unwrap_or_default(),
        licence: "cc-by".into(),
        frequency: "annual".into(),
        ..DatasetForm::default()
    };
    render_new(&ctx, StatusCode::OK, &form, &[]).await
}

async fn choices_for(ctx: &PageCtx) -> AppResult<(Vec<String>, Vec<String>, Vec<String>)> {
    let options = FormOptions::load(ctx).await?;
    Ok((
        FormOptions::ids(&options.groups),
        FormOptions::ids(&options.regions),
        FormOptions::ids(&options.organisations),
    ))
}

/// `POST /kelola/data/baru`: version 1 as a draft, then to the dataset's page.
pub async fn create(
    ctx: PageCtx,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    require_producer(&ctx.actor)?;
    let form = DatasetForm::from_pairs(&pairs);
    let (groups, regions, organisations) = choices_for(&ctx).await?;
    let choices = Choices {
        groups: &groups,
        regions: &regions,
        organisations: &organisations,
    };
    let new = match form.validate(&choices, true) {
        Ok(new) => new,
        Err(errors) => {
            return render_new(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors).await;
        }
    };
    // The organisation list offered is the producer's own; check again all the same.
    if !roles::is_producer(&ctx.actor, &new.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let user = ctx.actor.user_id().ok_or(AppError::Unauthenticated)?;
    let now = ctx.state.clock.now();
    let dataset_id = Uuid::now_v7();
    let version_id = Uuid::now_v7();
    let mut tx = ctx.state.db.begin().await?;
    if queries::name_taken(&mut tx, &new.name).await? {
        drop(tx);
        let errors = [FieldError::new("name", "data-wf-error-name-taken")];
        return render_new(&ctx, StatusCode::CONFLICT, &form, &errors).await;
    }
    let inserted = queries::insert_dataset(
        &mut tx,
        dataset_id,
        &new.name,
        &new.organisation_id,
        user,
        now,
    )
    .await;
    match inserted {
        Err(e) if platform::db::is_unique_violation(&e) => {
            drop(tx);
            let errors = [FieldError::new("name", "data-wf-error-name-taken")];
            return render_new(&ctx, StatusCode::CONFLICT, &form, &errors).await;
        }
        other => other?,
    }
    queries::insert_version(&mut tx, dataset_id, version_id, 1, "draft", &new, user, now).await?;
    let id = dataset_id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.dataset.create",
            "data_dataset",
            &id,
            &new.organisation_id,
            None,
            Some(metadata_json(&new, 1)),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=created", new.name)).into_response())
}

/// The audit log's picture of a version's metadata.
pub(crate) fn metadata_json(v: &NewDataset, number: i64) -> serde_json::Value {
    json!({
        "number": number,
        "name": v.name,
        "organisation_id": v.organisation_id,
        "title": v.title,
        "notes": v.notes,
        "licence_id": v.licence_id,
        "frequency": v.frequency,
        "temporal_start": v.temporal_start,
        "temporal_end": v.temporal_end,
        "concept": v.concept,
        "definition": v.definition,
        "unit": v.unit,
        "classification": v.classification,
        "measure": v.measure,
        "contact_name": v.contact_name,
        "contact_email": v.contact_email,
        "tags": v.tags,
        "groups": v.groups,
        "regions": v.regions,
    })
}

/// A dataset's version as [`NewDataset`] (for copying and for the audit log).
pub(crate) fn as_new(d: &Dataset) -> NewDataset {
    let v = &d.version;
    NewDataset {
        name: d.name.clone(),
        organisation_id: d.organisation_id.clone(),
        title: v.title.clone(),
        notes: v.notes.clone(),
        licence_id: v.licence_id.clone(),
        frequency: v.frequency.clone(),
        temporal_start: v.temporal_start,
        temporal_end: v.temporal_end,
        concept: v.concept.clone(),
        definition: v.definition.clone(),
        unit: v.unit.clone(),
        classification: v.classification.clone(),
        measure: v.measure.clone(),
        contact_name: v.contact_name.clone(),
        contact_email: v.contact_email.clone(),
        tags: v.tags.clone(),
        groups: v.groups.iter().map(|g| g.id.clone()).collect(),
        regions: v.regions.iter().map(|r| r.code.clone()).collect(),
        resources: Vec::new(),
    }
}

#[derive(Template)]
#[template(path = "workflow/dataset.html")]
pub(crate) struct DatasetPage<'a> {
    pub t: &'a Tr,
    pub csrf: &'a str,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub number: i64,
    pub status: String,
    pub status_code: String,
    pub review_note: String,
    pub editable: bool,
    pub verified: bool,
    pub public_href: Option<String>,
    pub notice: Option<String>,
    pub has_errors: bool,
    pub fields: Vec<FormField>,
    pub facts: Vec<(String, String)>,
    pub resources: Vec<ResourceView>,
    pub resource_errors: Vec<String>,
    pub resource_form: ResourceForm,
    pub missing: Vec<String>,
    pub history: Vec<HistoryRow>,
}

/// What the add-resource form holds when it is shown again.
#[derive(Clone, Debug, Default)]
pub struct ResourceForm {
    pub name: String,
    pub description: String,
    pub url: String,
    pub format: String,
}

/// How the dataset page is shown: the form's values and problems when it comes back.
#[derive(Default)]
pub(crate) struct Shown {
    pub form: Option<DatasetForm>,
    pub errors: Vec<FieldError>,
    pub notice: Option<String>,
    pub resource_errors: Vec<String>,
    pub resource_form: ResourceForm,
    pub missing: Vec<FieldError>,
}

pub(crate) async fn render_dataset(
    ctx: &PageCtx,
    status: StatusCode,
    d: &Dataset,
    shown: Shown,
) -> AppResult<Response> {
    let t = &ctx.t;
    let editable = is_editable(&d.version.status);
    let fields = if editable {
        let options = FormOptions::load(ctx).await?;
        let form = shown.form.unwrap_or_else(|| DatasetForm::from_dataset(d));
        views::dataset_fields(t, &form, &shown.errors, &options, false)
    } else {
        Vec::new()
    };
    let facts = if editable {
        Vec::new()
    } else {
        views::facts(t, ctx.lang() == platform::i18n::Lang::En, d)
    };
    let rows = views::table_rows(&ctx.state.db, &d.version.resources).await?;
    let history = queries::versions_of(&ctx.state.db, d.id)
        .await?
        .into_iter()
        .map(|h| HistoryRow {
            number: h.number,
            status: status_label(t, &h.status),
            when: t.datetime(&h.verified_at.or(h.submitted_at).unwrap_or(h.updated_at)),
            href: match h.status.as_str() {
                "verified" => Some(format!("/data/{}", d.name)),
                "superseded" => Some(format!("/data/{}/versi/{}", d.name, h.number)),
                _ => None,
            },
        })
        .collect();
    let page = DatasetPage {
        t,
        csrf: &ctx.csrf,
        name: d.name.clone(),
        title: d.version.title.clone(),
        organisation: d.organisation_name.clone(),
        number: d.version.number,
        status: status_label(t, &d.version.status),
        status_code: d.version.status.clone(),
        review_note: d.version.review_note.clone(),
        editable,
        verified: d.version.status == "verified",
        public_href: d.published_version_id.map(|_| format!("/data/{}", d.name)),
        notice: shown.notice,
        has_errors: !shown.errors.is_empty(),
        fields,
        facts,
        resources: ResourceView::build(t, &d.version.resources, &rows),
        resource_errors: shown.resource_errors,
        resource_form: shown.resource_form,
        missing: shown.missing.iter().map(|e| t.t(&e.key)).collect(),
        history,
    };
    let title = format!("{} · {}", d.version.title, t.t("data-wf-list-title"));
    ctx.page_with_status(status, &title, &page)
}

/// `GET /kelola/data/{name}`.
pub async fn show(
    ctx: PageCtx,
    Path(name): Path<String>,
    Query(notice): Query<Notice>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    let shown = Shown {
        notice: notice.message(&ctx.t),
        ..Shown::default()
    };
    render_dataset(&ctx, StatusCode::OK, &d, shown).await
}

/// `POST /kelola/data/{name}`: save the metadata of a draft or returned version.
pub async fn update(
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    if !is_editable(&d.version.status) {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let mut form = DatasetForm::from_pairs(&pairs);
    form.name = d.name.clone();
    form.organisation = d.organisation_id.clone();
    let (groups, regions, _) = choices_for(&ctx).await?;
    let choices = Choices {
        groups: &groups,
        regions: &regions,
        organisations: &[],
    };
    let new = match form.validate(&choices, false) {
        Ok(new) => new,
        Err(errors) => {
            let shown = Shown {
                form: Some(form),
                errors,
                ..Shown::default()
            };
            return render_dataset(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &d, shown).await;
        }
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::update_editable_version(&mut tx, d.version.id, &new, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let id = d.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.version.update",
            "data_dataset",
            &id,
            &d.organisation_id,
            Some(metadata_json(&as_new(&d), d.version.number)),
            Some(metadata_json(&new, d.version.number)),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=saved", d.name)).into_response())
}

#[derive(serde::Deserialize)]
pub struct Empty {}

/// `POST /kelola/data/{name}/ajukan`: a draft or returned version with complete metadata
/// and at least one resource goes to the walidata.
pub async fn submit(
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    if !is_editable(&d.version.status) {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let missing = validate::missing_for_submission(&d);
    if !missing.is_empty() {
        let shown = Shown {
            missing,
            ..Shown::default()
        };
        return render_dataset(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &d, shown).await;
    }
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::submit_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let id = d.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.version.submit",
            "data_dataset",
            &id,
            &d.organisation_id,
            Some(json!({"number": d.version.number, "status": d.version.status})),
            Some(json!({"number": d.version.number, "status": "submitted"})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=submitted", d.name)).into_response())
}

/// `POST /kelola/data/{name}/versi-baru`: a verified dataset gets a draft n+1 copying its
/// metadata and resources (the same stored files and loaded tables).
pub async fn new_version(
    ctx: PageCtx,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    if d.version.status != "verified" {
        return Err(AppError::Conflict("data-wf-error-new-version"));
    }
    let user = ctx.actor.user_id().ok_or(AppError::Unauthenticated)?;
    let now = ctx.state.clock.now();
    let number = d.version.number + 1;
    let version_id = Uuid::now_v7();
    let new = as_new(&d);
    let mut tx = ctx.state.db.begin().await?;
    // The (dataset, number) key refuses a second draft n+1 made at the same moment.
    match queries::insert_version(&mut tx, d.id, version_id, number, "draft", &new, user, now).await
    {
        Err(e) if platform::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict("data-wf-error-new-version"));
        }
        other => other?,
    }
    for resource in &d.version.resources {
        queries::copy_resource(&mut tx, resource, version_id, now).await?;
    }
    let id = d.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.version.create",
            "data_dataset",
            &id,
            &d.organisation_id,
            None,
            Some(json!({"number": number, "from": d.version.number,
                        "resources": d.version.resources.len()})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=version", d.name)).into_response())
}
