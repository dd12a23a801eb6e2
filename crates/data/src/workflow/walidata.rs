//! The walidata's pages (`/kelola/data/verifikasi`): the queue of submitted versions
//! (oldest first), the review page (metadata, resources and their dictionaries, what was
//! loaded, what changed against the published version), verify and return with a note.
//! Loads are all or nothing, so every loaded table passed its report: the review shows
//! what was loaded (rows, columns, types), not problems.
//!
//! Verifying makes the version public: it becomes `verified`, the previous verified version
//! `superseded` (still readable at `/data/{name}/versi/{n}`), the search index follows
//! (`catalog::queries::mark_published`), a `published` change goes to the change feed, and
//! the version's canonical JSON (the catalogue's `Dataset`) to the publication log — all in
//! one transaction with the audit entry.
//!
//! A walidata who is also a producer of the dataset's organisation (Diskominfo's own
//! datasets: in Bojonegoro the walidata is Diskominfo) may verify it — refusing would leave
//! Diskominfo's data to an administrator — but the audit entry says `"self_review": true`
//! so such verifications can be found and checked.
//!
//! The producer who made the version hears of the decision by mail (queued in the same
//! transaction, in Indonesian: staff accounts hold no language), with the note when it was
//! returned.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult, OptionExt};
use platform::i18n::{Lang, Tr};
use platform::web::{CsrfForm, PageCtx};
use serde_json::json;
use uuid::Uuid;

use super::views::{self, ResourceView};
use super::{Notice, change, require_walidata, status_label};
use crate::catalog::{Dataset, queries};

pub const MAX_NOTE: usize = 4_000;

pub struct QueueRow {
    pub id: String,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub number: i64,
    pub submitted: String,
}

#[derive(Template)]
#[template(path = "workflow/queue.html")]
struct QueuePage<'a> {
    t: &'a Tr,
    notice: Option<String>,
    rows: Vec<QueueRow>,
}

/// `GET /kelola/data/verifikasi`.
pub async fn queue(ctx: PageCtx, Query(notice): Query<Notice>) -> AppResult<Response> {
    require_walidata(&ctx.state, &ctx.actor).await?;
    let t = &ctx.t;
    let rows = queries::review_queue(&ctx.state.db)
        .await?
        .into_iter()
        .map(|r| QueueRow {
            id: r.version_id.to_string(),
            submitted: r.submitted_at.map(|s| t.datetime(&s)).unwrap_or_default(),
            name: r.name,
            title: r.title,
            organisation: r.organisation_name,
            number: r.number,
        })
        .collect();
    let page = QueuePage {
        t,
        notice: notice.message(t),
        rows,
    };
    ctx.page(&t.t("data-wf-queue-title"), &page)
}

/// One difference against the published version.
pub struct Difference {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "workflow/review.html")]
struct ReviewPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    id: String,
    name: String,
    title: String,
    organisation: String,
    number: i64,
    status: String,
    submitted: bool,
    facts: Vec<(String, String)>,
    resources: Vec<ResourceView>,
    published: Option<i64>,
    differences: Vec<Difference>,
    note: String,
    note_error: Option<String>,
    self_review: bool,
}

/// The version `id` with its dataset; 404 when unknown.
async fn version(ctx: &PageCtx, id: &str) -> AppResult<Dataset> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let db = &ctx.state.db;
    let (dataset_id, _) = queries::version_owner(db, id).await?.or_not_found()?;
    let head = queries::dataset_head(db, &dataset_id.to_string())
        .await?
        .or_not_found()?;
    queries::assemble(db, head, id).await?.or_not_found()
}

/// Whether the reviewer also produces this dataset's data (or made this version).
fn is_self_review(ctx: &PageCtx, d: &Dataset) -> bool {
    use platform::authz::Role;
    ctx.actor.has_role_in(Role::Officer, &d.organisation_id)
        || ctx.actor.has_role_in(Role::Supervisor, &d.organisation_id)
        || ctx.actor.user_id() == Some(d.version.created_by)
}

/// What changed between the published version and this one: metadata fields and
/// resources (matched across versions by their origin).
async fn differences(ctx: &PageCtx, d: &Dataset) -> AppResult<(Option<i64>, Vec<Difference>)> {
    let t = &ctx.t;
    let Some(published_id) = d.published_version_id.filter(|p| *p != d.version.id) else {
        return Ok((None, Vec::new()));
    };
    let db = &ctx.state.db;
    let head = queries::dataset_head(db, &d.id.to_string())
        .await?
        .or_not_found()?;
    let Some(published) = queries::assemble(db, head, published_id).await? else {
        return Ok((None, Vec::new()));
    };
    let en = ctx.lang() == Lang::En;
    let mut out: Vec<Difference> = views::facts(t, en, &published)
        .into_iter()
        .zip(views::facts(t, en, d))
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, b)| Difference {
            label: a.0,
            before: a.1,
            after: b.1,
        })
        .collect();
    let describe = |r: &crate::catalog::Resource| {
        let columns: Vec<String> = r
            .dictionary
            .iter()
            .map(|c| format!("{} ({})", c.name, c.kind))
            .collect();
        format!("{} [{}] {}", r.name, r.format, columns.join(", "))
    };
    let label = t.t("data-wf-resource");
    for old in &published.version.resources {
        match d
            .version
            .resources
            .iter()
            .find(|r| r.origin_id == old.origin_id)
        {
            None => out.push(Difference {
                label: label.clone(),
                before: describe(old),
                after: t.t("data-wf-diff-removed"),
            }),
            Some(new)
                if new.file_id != old.file_id
                    || new.table_id != old.table_id
                    || new.url != old.url
                    || new.name != old.name
                    || new.description != old.description
                    || new.dictionary != old.dictionary =>
            {
                out.push(Difference {
                    label: label.clone(),
                    before: describe(old),
                    after: describe(new),
                });
            }
            Some(_) => {}
        }
    }
    for new in &d.version.resources {
        if !published
            .version
            .resources
            .iter()
            .any(|r| r.origin_id == new.origin_id)
        {
            out.push(Difference {
                label: label.clone(),
                before: t.t("data-wf-diff-added"),
                after: describe(new),
            });
        }
    }
    Ok((Some(published.version.number), out))
}

async fn render_review(
    ctx: &PageCtx,
    status: StatusCode,
    d: &Dataset,
    note: String,
    note_error: Option<String>,
) -> AppResult<Response> {
    let t = &ctx.t;
    let rows = views::table_rows(&ctx.state.db, &d.version.resources).await?;
    let (published, differences) = differences(ctx, d).await?;
    let page = ReviewPage {
        t,
        csrf: &ctx.csrf,
        id: d.version.id.to_string(),
        name: d.name.clone(),
        title: d.version.title.clone(),
        organisation: d.organisation_name.clone(),
        number: d.version.number,
        status: status_label(t, &d.version.status),
        submitted: d.version.status == "submitted",
        facts: views::facts(t, ctx.lang() == Lang::En, d),
        resources: ResourceView::build(t, &d.version.resources, &rows),
        published,
        differences,
        note,
        note_error,
        self_review: is_self_review(ctx, d),
    };
    let title = t.t1("data-wf-review-title", "title", &d.version.title);
    ctx.page_with_status(status, &title, &page)
}

/// `GET /kelola/data/verifikasi/{id}` (a version id).
pub async fn review(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    require_walidata(&ctx.state, &ctx.actor).await?;
    let d = version(&ctx, &id).await?;
    render_review(&ctx, StatusCode::OK, &d, String::new(), None).await
}

#[derive(serde::Deserialize)]
pub struct Empty {}

/// `POST /kelola/data/verifikasi/{id}/verifikasi`: publish the submitted version.
pub async fn verify(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    require_walidata(&ctx.state, &ctx.actor).await?;
    let mut d = version(&ctx, &id).await?;
    if d.version.status != "submitted" {
        return Err(AppError::Conflict("data-wf-error-not-submitted"));
    }
    let reviewer = ctx.actor.user_id().ok_or(AppError::Unauthenticated)?;
    let self_review = is_self_review(&ctx, &d);
    let previous = d.published_version_id;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::verify_version(&mut tx, d.version.id, reviewer, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-submitted"));
    }
    queries::mark_published(&mut tx, d.id, d.version.id, now).await?;
    queries::insert_change(&mut tx, d.id, None, "published", 0, now).await?;
    // The record as published: the catalogue's view of this version, now verified.
    d.version.status = "verified".into();
    d.version.verified_at = Some(now);
    d.version.review_note = String::new();
    d.version.updated_at = now;
    d.published_version_id = Some(d.version.id);
    d.first_published_at = d.first_published_at.or(Some(now));
    d.data_updated_at = Some(now);
    let content = serde_json::to_vec(&d)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("dataset JSON")))?;
    let url = format!("/data/{}/versi/{}", d.name, d.version.number);
    let record_id = d.version.id.to_string();
    let entry = platform::audit::publication::append(
        &mut tx,
        now,
        platform::audit::publication::Publication {
            module: "data",
            record_type: "dataset_version",
            record_id: &record_id,
            title: &d.version.title,
            url: &url,
            organisation_id: Some(&d.organisation_id),
            content: &content,
        },
    )
    .await?;
    notify(&ctx, &mut tx, &d, "verified", "", now).await?;
    let entity = d.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.version.verify",
            "data_dataset",
            &entity,
            &d.organisation_id,
            Some(json!({"number": d.version.number, "status": "submitted",
                        "published_version_id": previous})),
            Some(json!({"number": d.version.number, "status": "verified",
                        "publication_seq": entry.seq, "self_review": self_review})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/kelola/data/verifikasi?ok=verified").into_response())
}

#[derive(serde::Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    pub catatan: String,
}

/// `POST /kelola/data/verifikasi/{id}/kembalikan`: back to the producer with a note
/// (required).
pub async fn send_back(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReturnForm>,
) -> AppResult<Response> {
    require_walidata(&ctx.state, &ctx.actor).await?;
    let d = version(&ctx, &id).await?;
    if d.version.status != "submitted" {
        return Err(AppError::Conflict("data-wf-error-not-submitted"));
    }
    let note = form.catatan.trim().to_string();
    let problem = if note.is_empty() {
        Some("data-wf-error-note")
    } else if note.chars().count() > MAX_NOTE {
        Some("data-wf-error-too-long")
    } else {
        None
    };
    if let Some(key) = problem {
        let message = ctx.t.t(key);
        return render_review(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &d,
            note,
            Some(message),
        )
        .await;
    }
    let reviewer = ctx.actor.user_id().ok_or(AppError::Unauthenticated)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if !queries::return_version(&mut tx, d.version.id, &note, reviewer, now).await? {
        return Err(AppError::Conflict("data-wf-error-not-submitted"));
    }
    notify(&ctx, &mut tx, &d, "returned", &note, now).await?;
    let entity = d.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        change(
            "data.version.return",
            "data_dataset",
            &entity,
            &d.organisation_id,
            Some(json!({"number": d.version.number, "status": "submitted"})),
            Some(
                json!({"number": d.version.number, "status": "returned", "note": note,
                        "self_review": is_self_review(&ctx, &d)}),
            ),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/kelola/data/verifikasi?ok=returned").into_response())
}

/// Mail the version's producer the walidata's `decision` (`verified` or `returned`).
async fn notify(
    ctx: &PageCtx,
    tx: &mut platform::db::Tx,
    d: &Dataset,
    decision: &str,
    note: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let Some(user) = platform::accounts::users::get_tx(tx, d.version.created_by).await? else {
        return Ok(());
    };
    if !user.active {
        return Ok(());
    }
    let t = ctx.state.tr(Lang::Id);
    let base = ctx.state.config.public_url.trim_end_matches('/');
    let args = [
        ("title", platform::i18n::Arg::Str(d.version.title.clone())),
        ("number", platform::i18n::Arg::Num(d.version.number as f64)),
        ("note", platform::i18n::Arg::Str(note.to_string())),
        (
            "link",
            platform::i18n::Arg::Str(format!("{base}/kelola/data/{}", d.name)),
        ),
        (
            "public",
            platform::i18n::Arg::Str(format!("{base}/data/{}", d.name)),
        ),
    ];
    let subject = t.ta(&format!("data-wf-mail-{decision}-subject"), &args);
    let body = t.ta(&format!("data-wf-mail-{decision}-body"), &args);
    platform::mail::queue(tx, now, &user.email, &subject, &body).await?;
    Ok(())
}
