//! A draft's resources: upload a file (CSV, XLSX, JSON, GeoJSON, PDF) or add a link; remove
//! one; move one up or down. CSV and XLSX uploads continue in [`super::dictionary`]: they
//! become a resource only once loaded into the tabular store.
//!
//! Files go through `platform::files::store` (size limit, type sniffed from the content; a
//! file whose content is not its extension is refused, nothing written). A CSV that is not
//! UTF-8 (Windows-1252, UTF-16 with a BOM: what Excel saves) is stored converted to UTF-8:
//! the same text, and the download opens the same everywhere. JSON and GeoJSON must parse.

use axum::extract::{FromRequest, Path, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult};
use platform::web::multipart::CsrfMultipart;
use platform::web::{CsrfForm, PageCtx};
use serde_json::json;
use uuid::Uuid;

use super::producer::{ResourceForm, Shown, render_dataset};
use super::{change, is_editable, working};
use crate::catalog::{Dataset, NewResource, queries};

pub const MAX_RESOURCE_NAME: usize = 200;
pub const MAX_RESOURCE_DESCRIPTION: usize = 4_000;

/// The formats a file may have, by extension, with the name the catalogue shows.
pub const FILE_FORMATS: &[(&str, &str)] = &[
    ("csv", "CSV"),
    ("xlsx", "XLSX"),
    ("json", "JSON"),
    ("geojson", "GeoJSON"),
    ("pdf", "PDF"),
];

/// Whether a file of this format goes into the tabular store.
pub fn is_tabular(format: &str) -> bool {
    matches!(format, "CSV" | "XLSX")
}

/// The catalogue's format for a file name, if it is one we take.
pub fn file_format(file_name: &str) -> Option<&'static str> {
    let ext = platform::files::sanitize::extension(file_name);
    FILE_FORMATS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, f)| *f)
}

/// A link's format: letters, digits and `-`, 1 to 20 of them (HTML, API, WMS, SHP…).
fn link_format(input: &str) -> Option<String> {
    let f = input.trim();
    ((1..=20).contains(&f.len()) && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then(
        || {
            FILE_FORMATS
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(f))
                .map(|(_, name)| (*name).to_string())
                .unwrap_or_else(|| f.to_ascii_uppercase())
        },
    )
}

fn clean_text(value: &str, max: usize) -> Result<String, ()> {
    let v = value.trim().to_string();
    if v.chars().count() > max || v.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        Err(())
    } else {
        Ok(v)
    }
}

/// `POST /kelola/data/{name}/sumber` (multipart: `nama`, `deskripsi`, and either `berkas`
/// or `tautan` + `format`). Who may add is checked before the body is read.
pub async fn add(ctx: PageCtx, Path(name): Path<String>, req: Request) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    if !is_editable(&d.version.status) {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let form = CsrfMultipart::from_request(req, &ctx.state).await?;
    let t = &ctx.t;
    let kept = ResourceForm {
        name: form.text("nama").unwrap_or("").trim().to_string(),
        description: form.text("deskripsi").unwrap_or("").trim().to_string(),
        url: form.text("tautan").unwrap_or("").trim().to_string(),
        format: form.text("format").unwrap_or("").trim().to_string(),
    };
    let refuse = |status: StatusCode, keys: Vec<String>, kept: ResourceForm| {
        let shown = Shown {
            resource_errors: keys,
            resource_form: kept,
            ..Shown::default()
        };
        (status, shown)
    };
    let mut errors = Vec::new();
    let Ok(description) = clean_text(&kept.description, MAX_RESOURCE_DESCRIPTION) else {
        errors.push(t.t("data-wf-error-too-long"));
        let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
        return render_dataset(&ctx, s, &d, shown).await;
    };
    let file = form.file("berkas");
    match (file, kept.url.is_empty()) {
        (Some(_), false) | (None, true) => {
            errors.push(t.t("data-wf-error-file-or-link"));
            let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
            return render_dataset(&ctx, s, &d, shown).await;
        }
        _ => {}
    }
    if let Some(file) = file {
        let display_name = if kept.name.is_empty() {
            platform::files::clean_name(&file.file_name)
        } else {
            kept.name.clone()
        };
        if display_name.chars().count() > MAX_RESOURCE_NAME {
            errors.push(t.t("data-wf-error-too-long"));
            let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
            return render_dataset(&ctx, s, &d, shown).await;
        }
        let Some(format) = file_format(&file.file_name) else {
            errors.push(t.t("data-wf-error-format"));
            let (s, shown) = refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, errors, kept);
            return render_dataset(&ctx, s, &d, shown).await;
        };
        let bytes = match content_for(format, &file.bytes) {
            Ok(bytes) => bytes,
            Err(key) => {
                errors.push(t.t(key));
                let (s, shown) = refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, errors, kept);
                return render_dataset(&ctx, s, &d, shown).await;
            }
        };
        let stored =
            match platform::files::store(&ctx.state, &bytes, &file.file_name, ctx.actor.user_id())
                .await
            {
                Ok(stored) => stored,
                Err(platform::files::UploadError::Internal(e)) => {
                    return Err(AppError::Internal(e));
                }
                Err(err) => {
                    errors.push(t.t(err.key()));
                    let (s, shown) = refuse(err.status(), errors, kept);
                    return render_dataset(&ctx, s, &d, shown).await;
                }
            };
        if is_tabular(format) {
            // Not a resource yet: the report and the dictionary form first.
            let pending = super::dictionary::Pending {
                file_id: stored.id,
                file_name: stored.original_name.clone(),
                format: format.to_string(),
                name: display_name,
                description,
                missing: String::new(),
                columns: Vec::new(),
            };
            return super::dictionary::inspect_and_render(&ctx, &d, pending, bytes, None).await;
        }
        let new = NewResource {
            name: display_name,
            description,
            format: format.to_string(),
            file_id: Some(stored.id),
            size_bytes: Some(stored.size_bytes),
            ..NewResource::default()
        };
        return insert(&ctx, &d, new, "added").await;
    }
    // A link.
    let url = match platform::accounts::validate::website(&kept.url) {
        Ok(Some(url)) if url.chars().count() <= 2_000 => url,
        _ => {
            errors.push(t.t("data-wf-error-url"));
            let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
            return render_dataset(&ctx, s, &d, shown).await;
        }
    };
    let Some(format) = link_format(&kept.format) else {
        errors.push(t.t("data-wf-error-link-format"));
        let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
        return render_dataset(&ctx, s, &d, shown).await;
    };
    let display_name = if kept.name.is_empty() {
        url.clone()
    } else {
        kept.name.clone()
    };
    if display_name.chars().count() > MAX_RESOURCE_NAME {
        errors.push(t.t("data-wf-error-too-long"));
        let (s, shown) = refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, kept);
        return render_dataset(&ctx, s, &d, shown).await;
    }
    let new = NewResource {
        name: display_name,
        description,
        format,
        url,
        ..NewResource::default()
    };
    insert(&ctx, &d, new, "added").await
}

/// The bytes to store for a file of `format`, or the key of why it is refused.
fn content_for(format: &str, bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    match format {
        "CSV" => match crate::tabular::read::decode(bytes) {
            Ok(text) => Ok(text.into_owned().into_bytes()),
            Err(_) => Err("files-error-extension"),
        },
        "JSON" => serde_json::from_slice::<serde_json::Value>(bytes)
            .map(|_| bytes.to_vec())
            .map_err(|_| "data-wf-error-json"),
        "GeoJSON" => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(v) if v.get("type").and_then(|t| t.as_str()).is_some() => Ok(bytes.to_vec()),
            _ => Err("data-wf-error-geojson"),
        },
        _ => Ok(bytes.to_vec()),
    }
}

/// Add `new` at the end of the working version's resources, with its audit entry.
pub(crate) async fn insert(
    ctx: &PageCtx,
    d: &Dataset,
    new: NewResource,
    ok: &str,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::touch_editable_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let audited = json!({
        "dataset": d.name, "version": d.version.number, "name": new.name,
        "format": new.format, "file_id": new.file_id, "url": new.url,
        "table_id": new.table_id, "columns": new.dictionary.len(),
    });
    insert_in(&mut tx, ctx, d, &new, now, audited).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok={ok}#sumber", d.name)).into_response())
}

/// Inside the caller's transaction (which has checked the version is editable): `new` at the
/// end of the working version's resources, and the `data.resource.create` audit entry
/// recording `audited`. Returns the new resource's id.
pub(crate) async fn insert_in(
    tx: &mut platform::db::Tx,
    ctx: &PageCtx,
    d: &Dataset,
    new: &NewResource,
    now: chrono::DateTime<chrono::Utc>,
    audited: serde_json::Value,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    let position = queries::next_resource_position(tx, d.version.id).await?;
    queries::insert_resource(tx, d.version.id, id, id, position, new, now).await?;
    let entity = id.to_string();
    platform::audit::record(
        tx,
        &ctx.actor,
        now,
        change(
            "data.resource.create",
            "data_resource",
            &entity,
            &d.organisation_id,
            None,
            Some(audited),
        ),
    )
    .await?;
    Ok(id)
}

/// The resource `id` of the working version, which must be editable.
pub(crate) fn editable_resource(d: &Dataset, id: &str) -> AppResult<crate::catalog::Resource> {
    if !is_editable(&d.version.status) {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    d.version
        .resources
        .iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or(AppError::NotFound)
}

#[derive(serde::Deserialize)]
pub struct Empty {}

/// `POST /kelola/data/{name}/sumber/{id}/hapus`: remove a resource from the draft. Its
/// stored file and loaded table stay: an earlier version may use them, and the tabular
/// store has no drop yet, so a file and table only this draft used are left unreferenced
/// (private: nothing serves them) for a cleanup that is not built.
pub async fn remove(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    let r = editable_resource(&d, &id)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::touch_editable_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    queries::delete_resource(&mut tx, r.id).await?;
    let entity = r.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.resource.delete",
            "data_resource",
            &entity,
            &d.organisation_id,
            Some(
                json!({"dataset": d.name, "version": d.version.number, "name": r.name,
                        "format": r.format, "file_id": r.file_id, "table_id": r.table_id}),
            ),
            None,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=removed#sumber", d.name)).into_response())
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    pub arah: String,
}

/// `POST /kelola/data/{name}/sumber/{id}/pindah` (`arah` = `naik` or `turun`): swap a
/// resource with its neighbour.
pub async fn reorder(
    ctx: PageCtx,
    Path((name, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> AppResult<Response> {
    let d = working(&ctx, &name).await?;
    let r = editable_resource(&d, &id)?;
    let list = &d.version.resources;
    let Some(at) = list.iter().position(|x| x.id == r.id) else {
        return Err(AppError::NotFound);
    };
    let other = match form.arah.as_str() {
        "naik" if at > 0 => at - 1,
        "turun" if at + 1 < list.len() => at + 1,
        "naik" | "turun" => {
            return Ok(Redirect::to(&format!("/kelola/data/{}#sumber", d.name)).into_response());
        }
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::touch_editable_version(&mut tx, d.version.id, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-editable"));
    }
    // Positions are rewritten as 0..n in the new order, whatever gaps removals left.
    let mut order: Vec<Uuid> = list.iter().map(|x| x.id).collect();
    order.swap(at, other);
    for (position, rid) in order.iter().enumerate() {
        queries::set_resource_position(&mut tx, *rid, position as i64, now).await?;
    }
    let entity = r.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.resource.move",
            "data_resource",
            &entity,
            &d.organisation_id,
            Some(json!({"position": at})),
            Some(json!({"position": other})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/kelola/data/{}?ok=moved#sumber", d.name)).into_response())
}
