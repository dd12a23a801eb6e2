//! `GET /pengaduan/{kode}`: one public complaint with its public timeline; and the reporter's
//! view of the same (`/pengaduan/lacak/{kode}?kunci=…` for guests), with the reply and
//! confirm-and-rate forms when the case waits for the reporter. Never the reporter's name.
//!
//! Files on a case stay private (the upload pipeline stores them so): the public page links
//! only files someone made public, while the reporter's view links every file on the entries
//! shown to them (their own photos, the organisation's answers) through
//! `/pengaduan/lacak/{kode}/lampiran/{id}`, checked like the follow-up page itself.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use platform::cases::{self, Act, Audience, By, Entry, ReporterProof};
use platform::error::{AppError, AppResult, FieldError};
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx};
use serde::Deserialize;

use super::list::Line;
use super::sql::{self, PublicRow};
use crate::{COMPLAINT, queries};

/// A file linked from the timeline; images are also shown.
pub struct FileLink {
    pub url: String,
    pub name: String,
    pub image: bool,
}

pub struct EntryView {
    pub when: String,
    pub who: String,
    pub what: String,
    pub body: String,
    pub files: Vec<FileLink>,
}

/// Where timeline files are linked from: public files at their public address, or, for the
/// reporter, every file through their follow-up link (`kunci` empty for a signed-in reporter).
enum FileLinks<'a> {
    Public,
    Reporter { base: &'a str, kunci: &'a str },
}

pub struct CaseView {
    pub line: Line,
    pub kind: String,
    pub description: String,
    pub location: String,
    pub coordinates: String,
    pub organisation: Option<(String, String)>,
    pub opened: String,
    pub entries: Vec<EntryView>,
}

/// The guest's forms (present only on the reporter's view).
pub struct ReporterForms {
    pub action_base: String,
    pub kunci: String,
    pub can_answer: bool,
    pub rated: bool,
    /// The rating they gave (1–5), when they gave one.
    pub rating: Option<i64>,
}

#[derive(Template)]
#[template(path = "public/case.html")]
struct CasePage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    c: CaseView,
    reporter: Option<ReporterForms>,
    errors: Vec<(String, String)>,
}

impl CasePage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

async fn entry_views(
    ctx: &PageCtx,
    entries: &[Entry],
    links: &FileLinks<'_>,
) -> AppResult<Vec<EntryView>> {
    let t = &ctx.t;
    let mut out = Vec::new();
    for e in entries {
        let what = match (&e.action, &e.to_state) {
            (Some(action), Some(to)) => format!(
                "{} → {}",
                t.t(&format!("complaint-action-{action}")),
                t.t(&format!("complaint-state-{to}"))
            ),
            (Some(action), None) => t.t(&format!("complaint-action-{action}")),
            _ => t.t(&format!("complaint-entry-{}", e.kind)),
        };
        // System entries store a translation key, not text.
        let body = if e.kind == "system" {
            t.t(&e.body)
        } else {
            e.body.clone()
        };
        let mut files = Vec::new();
        for id in &e.files {
            let Some(f) = platform::files::find(&ctx.state.db, *id).await? else {
                continue;
            };
            let url = match links {
                FileLinks::Public if f.public => f.url(),
                FileLinks::Public => continue,
                FileLinks::Reporter { base, kunci: "" } => {
                    format!("{base}/lampiran/{}", f.id)
                }
                FileLinks::Reporter { base, kunci } => format!(
                    "{base}/lampiran/{}?kunci={}",
                    f.id,
                    platform::web::routes::urlencode(kunci)
                ),
            };
            files.push(FileLink {
                url,
                image: f.content_type.starts_with("image/"),
                name: f.original_name.clone(),
            });
        }
        out.push(EntryView {
            when: t.datetime(&e.at),
            who: t.t(&format!("complaint-role-{}", e.author_role)),
            what,
            body,
            files,
        });
    }
    Ok(out)
}

async fn case_view(
    ctx: &PageCtx,
    row: &PublicRow,
    audience: Audience,
    links: &FileLinks<'_>,
) -> AppResult<CaseView> {
    let t = &ctx.t;
    let entries = cases::timeline(&ctx.state.db, row.id, audience).await?;
    Ok(CaseView {
        line: Line::new(t, row),
        kind: t.t(&format!("complaint-kind-{}", row.kind)),
        description: row.description.clone(),
        location: row.location_text.clone(),
        coordinates: match (row.latitude, row.longitude) {
            (Some(lat), Some(lon)) => format!("{lat:.5}, {lon:.5}"),
            _ => String::new(),
        },
        organisation: row
            .organisation_id
            .clone()
            .map(|id| (id, row.organisation_name.clone().unwrap_or_default())),
        opened: t.date(
            &row.opened_at
                .with_timezone(&platform::clock::wib())
                .date_naive(),
        ),
        entries: entry_views(ctx, &entries, links).await?,
    })
}

pub async fn show(ctx: PageCtx, Path(kode): Path<String>) -> AppResult<Response> {
    let row = sql::public_by_code(&ctx.state.db, kode.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let c = case_view(&ctx, &row, Audience::Public, &FileLinks::Public).await?;
    let title = row.title.clone();
    ctx.page(
        &title,
        &CasePage {
            t: &ctx.t,
            csrf: &ctx.csrf,
            c,
            reporter: None,
            errors: Vec::new(),
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Kunci {
    pub kunci: String,
}

/// The case when `kunci` is its guest secret, or when the signed-in visitor reported it.
/// Anything else is the same 404 as an unknown code.
async fn reporter_case(
    ctx: &PageCtx,
    kode: &str,
    kunci: &str,
) -> AppResult<(cases::Case, ReporterProof)> {
    let case = if kunci.is_empty() {
        None
    } else {
        cases::verify_guest_secret(&ctx.state.db, kode, kunci).await?
    };
    if let Some(case) = case {
        return Ok((case, ReporterProof::GuestSecret(kunci.to_string())));
    }
    if let Some(user) = ctx.actor.user_id()
        && let Some(case) = cases::by_tracking_code(&ctx.state.db, kode).await?
        && case.reporter_user_id == Some(user)
    {
        return Ok((case, ReporterProof::User(user)));
    }
    Err(AppError::NotFound)
}

async fn reporter_page(
    ctx: &PageCtx,
    kode: &str,
    kunci: &str,
    status: axum::http::StatusCode,
    errors: &[FieldError],
) -> AppResult<Response> {
    let (case, _) = reporter_case(ctx, kode, kunci).await?;
    let row = sql::reporter_row(&ctx.state.db, case.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let action_base = format!("/pengaduan/lacak/{}", case.tracking_code);
    let links = FileLinks::Reporter {
        base: &action_base,
        kunci,
    };
    let c = case_view(ctx, &row, Audience::Reporter, &links).await?;
    let rated = sql::rated(&ctx.state.db, case.id).await?;
    let forms = ReporterForms {
        action_base,
        kunci: kunci.to_string(),
        can_answer: case.state == "followed_up",
        rated,
        rating: queries::rating(&ctx.state.db, case.id)
            .await?
            .map(i64::from),
    };
    ctx.page_with_status(
        status,
        &row.title,
        &CasePage {
            t: &ctx.t,
            csrf: &ctx.csrf,
            c,
            reporter: Some(forms),
            errors: errors
                .iter()
                .map(|e| (e.field.clone(), ctx.t.t(&e.key)))
                .collect(),
        },
    )
}

pub async fn track(
    ctx: PageCtx,
    Path(kode): Path<String>,
    Query(k): Query<Kunci>,
) -> AppResult<Response> {
    reporter_page(
        &ctx,
        kode.trim(),
        k.kunci.trim(),
        axum::http::StatusCode::OK,
        &[],
    )
    .await
}

/// `GET /pengaduan/lacak/{kode}/lampiran/{id}?kunci=…`: a file on an entry the reporter
/// may read (not an internal note), for the reporter only; anything else is a 404.
pub async fn attachment(
    ctx: PageCtx,
    Path((kode, id)): Path<(String, String)>,
    Query(k): Query<Kunci>,
) -> AppResult<Response> {
    let (case, _) = reporter_case(&ctx, kode.trim(), k.kunci.trim()).await?;
    let file = crate::staff::attached_file(&ctx, &case, id.trim(), Audience::Reporter).await?;
    platform::files::pages::file_response(&ctx.state, &file).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub kunci: String,
    pub body: String,
    pub rating: String,
}

fn back(kode: &str, kunci: &str) -> Response {
    let to = if kunci.is_empty() {
        format!("/pengaduan/lacak/{kode}")
    } else {
        format!(
            "/pengaduan/lacak/{kode}?kunci={}",
            platform::web::routes::urlencode(kunci)
        )
    };
    Redirect::to(&to).into_response()
}

/// Take a reporter step; validation errors show the page again with 422.
async fn reporter_step(
    ctx: PageCtx,
    kode: String,
    form: ReplyForm,
    action: &'static str,
) -> AppResult<Response> {
    let kode = kode.trim();
    let kunci = form.kunci.trim();
    let (case, proof) = reporter_case(&ctx, kode, kunci).await?;
    let rating = if action == "confirm_done" {
        match form.rating.trim() {
            "" => None,
            r => match r.parse::<i32>() {
                Ok(n) if (1..=5).contains(&n) => Some(n),
                _ => {
                    let e = [FieldError::new("rating", "complaint-error-rating")];
                    return reporter_page(
                        &ctx,
                        kode,
                        kunci,
                        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                        &e,
                    )
                    .await;
                }
            },
        }
    } else {
        None
    };
    if form.body.chars().count() > 5_000 {
        let e = [FieldError::new("body", "complaint-error-too-long")];
        return reporter_page(
            &ctx,
            kode,
            kunci,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &e,
        )
        .await;
    }
    let now = ctx.state.clock.now();
    let calendar = ctx.state.calendar.get(&ctx.state.db).await?;
    let mut tx = ctx.state.db.begin().await?;
    let result = cases::act(
        &mut tx,
        &COMPLAINT,
        case.id,
        case.version,
        Act {
            action,
            by: By::Reporter(proof),
            body: form.body.trim().to_string(),
            public: case.privacy != "confidential",
            route_to: None,
            files: Vec::new(),
        },
        now,
        &calendar,
    )
    .await
    .map_err(AppError::from);
    match result {
        Ok(_) => {}
        Err(AppError::Validation(errors)) => {
            drop(tx);
            return reporter_page(
                &ctx,
                kode,
                kunci,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &errors,
            )
            .await;
        }
        Err(other) => return Err(other),
    }
    if action == "confirm_done" {
        sql::rate(&mut tx, case.id, rating, form.body.trim(), now).await?;
    }
    tx.commit().await?;
    Ok(back(kode, kunci))
}

pub async fn reply(
    ctx: PageCtx,
    Path(kode): Path<String>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    reporter_step(ctx, kode, form, "reporter_reply").await
}

pub async fn done(
    ctx: PageCtx,
    Path(kode): Path<String>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    reporter_step(ctx, kode, form, "confirm_done").await
}
