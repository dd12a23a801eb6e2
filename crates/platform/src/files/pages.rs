//! Serving public files (`/berkas/{id}/{name}`) and the admins' upload page
//! (`/admin/berkas`), which also proves the upload path end to end.

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::{StoredFile, UploadError};
use crate::audit::{self, Change};
use crate::authz::Access::{Admin, Public};
use crate::error::{AppError, AppResult, OptionExt};
use crate::i18n::Tr;
use crate::web::multipart::CsrfMultipart;
use crate::web::{PageCtx, Routes};

pub fn routes() -> Routes {
    Routes::new()
        .get("/berkas/{id}/{name}", Public, serve)
        .get("/admin/berkas", Admin, admin_list)
        .post("/admin/berkas", Admin, admin_upload)
}

/// `Content-Disposition` for a name: an ASCII fallback and the exact UTF-8 name.
pub fn content_disposition(inline: bool, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        crate::web::routes::urlencode(name).replace('/', "%2F")
    )
}

async fn serve(ctx: PageCtx, Path((id, _name)): Path<(String, String)>) -> AppResult<Response> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let file = super::find(&ctx.state.db, id)
        .await?
        .filter(|f| f.public)
        .or_not_found()?;
    file_response(&ctx.state, &file).await
}

/// The stored bytes of `file` as an HTTP answer: its type, a safe `Content-Disposition`
/// (images and PDFs open in the browser, everything else downloads), `nosniff`, and caching
/// that follows the file's visibility (shared caches only for public files). The caller has
/// checked that the visitor may have it.
pub async fn file_response(state: &crate::AppState, file: &StoredFile) -> AppResult<Response> {
    let bytes =
        state.files.read(&file.storage_key).await.map_err(|e| {
            AppError::Internal(anyhow::Error::new(e).context("reading a stored file"))
        })?;
    let inline = file.content_type.starts_with("image/") || file.content_type == "application/pdf";
    let value = |v: &str| HeaderValue::from_str(v).map_err(|e| AppError::Internal(e.into()));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, value(&file.content_type)?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        value(&content_disposition(inline, &file.original_name))?,
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if file.public {
            "public, max-age=3600"
        } else {
            "private, no-store"
        }),
    );
    headers.insert(header::ETAG, value(&format!("\"{}\"", file.sha256))?);
    Ok(response)
}

struct Row {
    name: String,
    url: String,
    content_type: String,
    size: String,
    sha256: String,
    public: bool,
    created_at: String,
}

#[derive(Template)]
#[template(path = "files/admin.html")]
struct AdminTemplate<'a> {
    t: &'a Tr,
    csrf: &'a str,
    rows: Vec<Row>,
    max_mb: i64,
    error: Option<String>,
}

async fn render(ctx: &PageCtx, status: StatusCode, error: Option<String>) -> AppResult<Response> {
    let rows = super::recent(&ctx.state.db, 100)
        .await?
        .into_iter()
        .map(|f: StoredFile| Row {
            url: f.url(),
            name: f.original_name,
            content_type: f.content_type,
            size: ctx.t.number(&f.size_bytes),
            sha256: f.sha256,
            public: f.public,
            created_at: ctx.t.datetime(&f.created_at),
        })
        .collect();
    let title = ctx.t.t("files-title");
    let body = AdminTemplate {
        t: &ctx.t,
        csrf: &ctx.csrf,
        rows,
        max_mb: i64::try_from(ctx.state.config.max_upload_mb).unwrap_or(i64::MAX),
        error,
    };
    ctx.page_with_status(status, &title, &body)
}

async fn admin_list(ctx: PageCtx) -> AppResult<Response> {
    render(&ctx, StatusCode::OK, None).await
}

async fn admin_upload(ctx: PageCtx, form: CsrfMultipart) -> AppResult<Response> {
    let Some(upload) = form.file("file") else {
        return render(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(ctx.t.t("files-error-empty")),
        )
        .await;
    };
    let public = form.text("public").is_some_and(|v| v == "1");
    let stored = match super::store(
        &ctx.state,
        &upload.bytes,
        &upload.file_name,
        ctx.actor.user_id(),
    )
    .await
    {
        Ok(stored) => stored,
        Err(UploadError::Internal(err)) => return Err(AppError::Internal(err)),
        Err(err) => return render(&ctx, err.status(), Some(ctx.t.t(err.key()))).await,
    };
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    if public {
        super::set_public(&mut tx, stored.id, true).await?;
    }
    let id = stored.id.to_string();
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "file.upload",
            entity_type: "file",
            entity_id: &id,
            organisation_id: None,
            before: None,
            after: serde_json::to_value(StoredFile { public, ..stored }).ok(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/berkas?ok=saved").into_response())
}
