//! The producer → walidata workflow (`/kelola/data…`), Satu Data Indonesia's *pengumpulan*
//! and *pemeriksaan*:
//!
//! - [`producer`]: a producer's datasets and their status, the new-dataset form, editing a
//!   draft or returned version, submitting, and a new version of a verified dataset (a
//!   draft copying its metadata and resources: same files, same tables);
//! - [`resources`]: uploaded files (CSV, XLSX, JSON, GeoJSON, PDF through
//!   `platform::files::store`) and links; removing and reordering them in a draft;
//! - [`dictionary`]: CSV and XLSX go through `tabular::inspect` → the report and the
//!   dictionary form → `tabular::load` with the producer's choices; column descriptions and
//!   units stay editable in a draft;
//! - [`walidata`]: the queue of submitted versions, the review page, verify (public, in the
//!   publication log) or return with a note;
//! - [`tokens`]: the producers' API tokens for the live-data API;
//! - [`validate`]: the dataset form's rules.
//!
//! Who may do what is [`crate::roles`]. Every route requires a staff member; the handlers
//! narrow to producers of the dataset's organisation or to the walidata. Every write is one
//! transaction with its audit entry; a version changes state only from the state it was
//! read in (`UPDATE … WHERE status IN (…)`), so two tabs cannot submit or verify twice.
//!
//! Uploads of a tabular file are stored once, before the dictionary form: the form carries
//! the stored file's id, so the producer can fix the dictionary and load again without
//! uploading again. Abandoning the form ("Batal") discards the stored file; a file left by a
//! producer who simply walks away stays private and unreferenced (`files` holds who uploaded
//! it and when; nothing shows it).

pub mod dictionary;
pub mod producer;
pub mod resources;
pub mod tokens;
pub mod validate;
pub mod views;
pub mod walidata;

use platform::AppState;
use platform::authz::{Access, Actor};
use platform::error::{AppError, AppResult, OptionExt};
use platform::i18n::Tr;
use platform::web::{PageCtx, Routes};
use serde::Deserialize;

use crate::catalog::{Dataset, queries};
use crate::roles;

pub fn routes() -> Routes {
    Routes::new()
        .get("/kelola/data", Access::Staff, producer::index)
        .get("/kelola/data/baru", Access::Staff, producer::new_form)
        .post("/kelola/data/baru", Access::Staff, producer::create)
        .get("/kelola/data/verifikasi", Access::Staff, walidata::queue)
        .get(
            "/kelola/data/verifikasi/{id}",
            Access::Staff,
            walidata::review,
        )
        .post(
            "/kelola/data/verifikasi/{id}/verifikasi",
            Access::Staff,
            walidata::verify,
        )
        .post(
            "/kelola/data/verifikasi/{id}/kembalikan",
            Access::Staff,
            walidata::send_back,
        )
        .get("/kelola/data/token", Access::Staff, tokens::page)
        .post("/kelola/data/token", Access::Staff, tokens::create)
        .post(
            "/kelola/data/token/{id}/cabut",
            Access::Staff,
            tokens::revoke,
        )
        .get("/kelola/data/{name}", Access::Staff, producer::show)
        .post("/kelola/data/{name}", Access::Staff, producer::update)
        .post(
            "/kelola/data/{name}/ajukan",
            Access::Staff,
            producer::submit,
        )
        .post(
            "/kelola/data/{name}/versi-baru",
            Access::Staff,
            producer::new_version,
        )
        .post("/kelola/data/{name}/sumber", Access::Staff, resources::add)
        .post(
            "/kelola/data/{name}/sumber/muat",
            Access::Staff,
            dictionary::load,
        )
        .post(
            "/kelola/data/{name}/sumber/batal",
            Access::Staff,
            dictionary::abandon,
        )
        .post(
            "/kelola/data/{name}/sumber/{id}/kamus",
            Access::Staff,
            dictionary::edit,
        )
        .post(
            "/kelola/data/{name}/sumber/{id}/hapus",
            Access::Staff,
            resources::remove,
        )
        .post(
            "/kelola/data/{name}/sumber/{id}/pindah",
            Access::Staff,
            resources::reorder,
        )
}

/// A dataset as its producer works on it: seen through its newest version. Unknown → 404;
/// not a producer of its organisation → 403.
pub(crate) async fn working(ctx: &PageCtx, name: &str) -> AppResult<Dataset> {
    let db = &ctx.state.db;
    let head = queries::dataset_head(db, name).await?.or_not_found()?;
    if !roles::is_producer(&ctx.actor, &head.organisation_id) {
        return Err(AppError::Forbidden);
    }
    let (version_id, _, _) = queries::latest_version(db, head.id).await?.or_not_found()?;
    queries::assemble(db, head, version_id)
        .await?
        .or_not_found()
}

/// Whether a version may still be changed by its producer.
pub(crate) fn is_editable(status: &str) -> bool {
    matches!(status, "draft" | "returned")
}

/// The translated name of a version status.
pub(crate) fn status_label(t: &Tr, status: &str) -> String {
    t.t(&format!("data-wf-status-{status}"))
}

/// Only producers (or admins) get past this.
pub(crate) fn require_producer(actor: &Actor) -> AppResult<()> {
    if roles::is_any_producer(actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Only the walidata (or admins) get past this.
pub(crate) async fn require_walidata(state: &AppState, actor: &Actor) -> AppResult<()> {
    if roles::is_walidata(state, actor).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// `?ok=…` after a redirect: which success notice to show (a fixed list, so the query
/// cannot put arbitrary keys on the page).
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub ok: Option<String>,
}

pub(crate) const NOTICES: &[&str] = &[
    "created",
    "saved",
    "submitted",
    "version",
    "added",
    "loaded",
    "removed",
    "moved",
    "dictionary",
    "abandoned",
    "verified",
    "returned",
    "revoked",
];

impl Notice {
    pub fn message(&self, t: &Tr) -> Option<String> {
        let ok = self.ok.as_deref()?;
        NOTICES
            .contains(&ok)
            .then(|| t.t(&format!("data-wf-ok-{ok}")))
    }
}

/// The audit entry of a change to one dataset.
pub(crate) fn change<'a>(
    action: &'a str,
    entity_type: &'a str,
    entity_id: &'a str,
    organisation_id: &'a str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> platform::audit::Change<'a> {
    platform::audit::Change {
        action,
        entity_type,
        entity_id,
        organisation_id: Some(organisation_id),
        before,
        after,
    }
}
